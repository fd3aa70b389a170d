//! Helpers every domain shares: list paging, department scope, file
//! downloads.

pub mod download;
pub mod paging;
pub mod scope;

pub use paging::page_bounds;
pub use scope::Scope;
