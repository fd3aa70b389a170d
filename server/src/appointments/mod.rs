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

pub mod api_keys;
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

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// The actor of work the server does by itself (sweeps, waitlist offers).
pub fn system_actor(hospital_id: i64) -> crate::audit::Actor {
    crate::audit::Actor::system("system:appointments", Some(hospital_id))
}

/// Local time for texts shown to patients.
pub fn local(state: &crate::app::AppState, t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    t + chrono::Duration::minutes(state.config.utc_offset_minutes as i64)
}

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::hold))
        .routes(routes!(routes::list_templates, routes::create_template))
        .routes(routes!(routes::update_template))
        .routes(routes!(routes::list_holidays, routes::add_holiday))
        .routes(routes!(routes::generate))
        .routes(routes!(routes::list_sessions))
        .routes(routes!(routes::session_detail))
        .routes(routes!(routes::list_waitlist))
        .routes(routes!(routes::suspend))
        .routes(routes!(routes::notices))
        .routes(routes!(routes::resolve_notice))
        .routes(routes!(routes::expert_timetable))
        .routes(routes!(routes::join_waitlist))
        .routes(routes!(routes::accept_offer))
        .routes(routes!(routes::patient_record))
        .routes(routes!(routes::list_blocks))
        .routes(routes!(routes::lift_block))
        .routes(routes!(routes::list_keys, routes::create_key))
        .routes(routes!(routes::update_key))
        .routes(routes!(routes::report))
        .routes(routes!(routes::export_report))
        .routes(routes!(routes::confirm))
        .routes(routes!(routes::cancel))
        .routes(routes!(routes::reschedule))
        .routes(routes!(routes::check_in))
        .routes(routes!(public_api::sessions))
        .routes(routes!(public_api::session))
        .routes(routes!(public_api::hold))
        .routes(routes!(public_api::get))
        .routes(routes!(public_api::confirm))
        .routes(routes!(public_api::cancel))
}
