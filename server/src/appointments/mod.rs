//! Appointment booking (预约挂号): weekly templates generate sessions (a
//! doctor or a department, a date, a half-day) cut into minute-level slots
//! with one sequence number each; every channel (phone agents, the window,
//! doctors in clinic, web, WeChat and partners through the public API)
//! books from that one pool.
//!
//! The guarantee that a slot is never given twice rests on the database, not
//! on reads: a slot moves from free to held by a conditional UPDATE, and
//! partial unique indexes allow one live appointment per slot and one per
//! patient and session (see the migration `2026-11-22-000007_appointments`).

pub mod blacklist;
pub mod booking;
pub mod demo;
pub mod jobs;
pub mod model;
pub mod public_api;
pub mod reports;
pub mod routes;
pub mod schedules;
pub mod service;
pub mod slots;
pub mod suspension;
pub mod waitlist;

/// The actor of work the server does by itself (sweeps, waitlist offers).
pub fn system_actor(hospital_id: i64) -> crate::audit::Actor {
    crate::audit::Actor {
        user_id: None,
        username: "system:appointments".into(),
        role: "system".into(),
        hospital_id: Some(hospital_id),
        ip: String::new(),
    }
}

/// Local time for texts shown to patients.
pub fn local(state: &crate::app::AppState, t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    t + chrono::Duration::minutes(state.config.utc_offset_minutes as i64)
}
