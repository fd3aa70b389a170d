//! In-app notifications: stored per user, listed over REST and pushed over
//! the WebSocket `/api/v1/events` (see [`ws`]).

pub mod hub;
pub mod routes;
pub mod service;
pub mod ws;

pub use hub::Hub;
