//! Closed sets of values (statuses, kinds, channels, outcomes ...) as enums.
//!
//! Each is declared once with [`text_enum!`], which gives it the exact string
//! the API sends and the database stores (a TEXT column on both backends),
//! `as_str`, `FromStr`, `ALL`, serde, an OpenAPI string enum and, with the
//! `diesel` feature, the diesel mapping. A value outside the set fails to
//! deserialize with a message that lists the allowed values, which the
//! server passes on in its 422.

/// A string that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub value: String,
    pub allowed: &'static [&'static str],
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown value {:?}, expected one of: {}", self.value, self.allowed.join(", "))
    }
}

impl std::error::Error for UnknownValue {}

/// Declares a closed set of string values:
///
/// ```ignore
/// text_enum! {
///     /// Where a task stands.
///     pub enum TaskStatus {
///         Pending = "pending",
///         InProgress = "in_progress",
///     }
/// }
/// ```
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The strings of [`Self::ALL`], for messages.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::vocab::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::vocab::UnknownValue { value: s.to_string(), allowed: $name::NAMES }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        // By hand rather than derived: utoipa does not read a `rename` whose
        // string comes through a macro, and the schema must list exactly the
        // strings of `NAMES`.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some($name::NAMES.iter().copied()))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        // By hand rather than derived: serde's own message for an unknown
        // variant quotes with backticks; this one names the allowed values
        // the way the API documents them.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "one of: {}", $name::NAMES.join(", "))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        $crate::vocab::text_sql!($name);
    };
}

/// The TEXT mapping of a type with `as_str` and `FromStr` (and
/// `#[derive(AsExpression, FromSqlRow)]` with `sql_type = Text`), generic over
/// the backends.
macro_rules! text_sql {
    ($name:ident) => {
        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(self.as_str(), out)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
                Ok(s.parse::<$name>()?)
            }
        }
    };
}

pub(crate) use {text_enum, text_sql};

#[cfg(test)]
mod tests {
    text_enum! {
        /// A test set.
        pub enum Door {
            Open = "open",
            HalfOpen = "half_open",
        }
    }

    #[test]
    fn strings_round_trip_through_serde_and_from_str() {
        for d in Door::ALL {
            assert_eq!(serde_json::to_string(d).unwrap(), format!("\"{}\"", d.as_str()));
            assert_eq!(serde_json::from_str::<Door>(&format!("\"{d}\"")).unwrap(), *d);
            assert_eq!(d.as_str().parse::<Door>(), Ok(*d));
        }
        assert_eq!(Door::NAMES, ["open", "half_open"]);
    }

    #[test]
    fn the_openapi_schema_is_a_string_enum_of_the_names() {
        use utoipa::{PartialSchema, ToSchema};
        let schema = serde_json::to_value(Door::schema()).unwrap();
        assert_eq!(schema, serde_json::json!({"type": "string", "enum": ["open", "half_open"]}));
        assert_eq!(Door::name(), "Door");
    }

    #[test]
    fn an_unknown_value_names_the_allowed_ones() {
        let e = serde_json::from_str::<Door>("\"shut\"").unwrap_err();
        assert_eq!(e.to_string(), "unknown value \"shut\", expected one of: open, half_open at line 1 column 6");
        let e = "ajar".parse::<Door>().unwrap_err();
        assert_eq!(e.to_string(), "unknown value \"ajar\", expected one of: open, half_open");
        let e = serde_json::from_str::<Door>("3").unwrap_err();
        assert!(e.to_string().contains("expected one of: open, half_open"), "{e}");
    }
}
