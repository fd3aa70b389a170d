//! Questionnaires and satisfaction surveys (问卷, 满意度调查). The engine
//! (templates, branching, scoring) is `hcrm_shared::questionnaire`; this
//! module stores versions and responses and serves the four channels:
//! phone script (`routes::respond`), kiosk and SMS-link form (`public`),
//! staff surveys (`staff`). Answer rules open callback tasks
//! (`responses::apply_rule`); `responses::complaint_from_answer` is the hook
//! for complaint tickets.

pub mod demo;
pub mod export;
pub mod kiosk;
pub mod links;
pub mod public;
pub mod responses;
pub mod routes;
pub mod staff;
pub mod stats;
pub mod templates;
