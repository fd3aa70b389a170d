//! The knowledge domain's queries and rules: articles and their approval,
//! the search index, the lookup data of the inquiry screen, and the inquiry log.

pub mod articles;
pub mod inquiries;
pub mod lookup;
pub mod search;
