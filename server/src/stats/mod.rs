//! Statistics for dashboards. Grouping by day happens in Rust so the same
//! code serves both backends without dialect-specific date functions.

pub mod routes;
