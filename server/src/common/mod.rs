//! Helpers every domain shares: list paging, department scope, file
//! downloads, workbook rows, checks that a named id is the hospital's own.

pub mod download;
pub mod paging;
pub mod refs;
pub mod scope;
pub mod xlsx;

pub use paging::page_bounds;
pub use scope::Scope;
