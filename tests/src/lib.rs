//! End-to-end helpers shared by the tests in this crate.
