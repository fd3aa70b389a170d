//! The statistics domain's types.

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DischargeQuery {
    /// How many days back, 1 to 366 (default 30).
    pub days: Option<i64>,
}
