//! Codecs. G.711 only: every PBX speaks it and it needs no licence.
pub mod g711;
pub use g711::Law;
