//! Helpers every domain shares: list paging, department scope, file
//! downloads, workbook rows.

pub mod download;
pub mod paging;
pub mod scope;
pub mod xlsx;

pub use paging::page_bounds;
pub use scope::Scope;
