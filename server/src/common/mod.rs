//! Helpers every domain shares: list paging, department scope, file
//! downloads, checks that a named id is the hospital's own.

pub mod download;
pub mod paging;
pub mod refs;
pub mod scope;

pub use paging::page_bounds;
pub use scope::Scope;
