//! Table definitions shared by both backends (the migrations keep the two
//! in step; see `migrations/sqlite` and `migrations/postgresql`). Split by
//! hand into one file per domain group; the joins and the tables allowed in
//! one query are declared here, where every table is in scope.

mod booking;
mod feedback;
mod followup;
mod intake;
mod messaging;
mod organisation;
mod records;
mod surveys;
mod telephony;

pub use booking::*;
pub use feedback::*;
pub use followup::*;
pub use intake::*;
pub use messaging::*;
pub use organisation::*;
pub use records::*;
pub use surveys::*;
pub use telephony::*;

diesel::joinable!(departments -> hospitals (hospital_id));
diesel::joinable!(users -> hospitals (hospital_id));
diesel::joinable!(users -> departments (department_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(patients -> hospitals (hospital_id));
diesel::joinable!(patient_phones -> patients (patient_id));
diesel::joinable!(visits -> patients (patient_id));
diesel::joinable!(visits -> departments (department_id));
diesel::joinable!(contacts -> patients (patient_id));
diesel::joinable!(contacts -> users (user_id));
diesel::joinable!(job_runs -> jobs (job_id));
diesel::joinable!(sms_messages -> patients (patient_id));
diesel::joinable!(sms_parts -> sms_messages (message_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(followup_tasks -> patients (patient_id));
diesel::joinable!(followup_attempts -> followup_tasks (task_id));
diesel::joinable!(followup_plan_patients -> followup_plans (plan_id));
diesel::joinable!(questionnaire_versions -> questionnaires (questionnaire_id));
diesel::joinable!(survey_responses -> questionnaire_versions (version_id));
diesel::joinable!(staff_survey_assignees -> users (user_id));
diesel::joinable!(staff_survey_assignees -> staff_surveys (staff_survey_id));
diesel::joinable!(staff_surveys -> questionnaire_versions (version_id));
diesel::joinable!(appt_slots -> appt_sessions (session_id));
diesel::joinable!(appt_sessions -> departments (department_id));
diesel::joinable!(appointments -> appt_sessions (session_id));
diesel::joinable!(appointments -> patients (patient_id));
diesel::joinable!(appt_suspension_notices -> appointments (appointment_id));
diesel::joinable!(appt_waitlist -> appt_sessions (session_id));
diesel::joinable!(calls -> users (agent_id));
diesel::joinable!(call_recordings -> calls (call_id));
diesel::joinable!(recording_tickets -> call_recordings (recording_id));
diesel::joinable!(agent_states -> users (user_id));
diesel::joinable!(evaluation_ratings -> evaluation_windows (window_id));
diesel::joinable!(evaluation_windows -> departments (department_id));
diesel::joinable!(feedback_history -> feedback_tickets (ticket_id));
diesel::joinable!(feedback_ticket_departments -> feedback_tickets (ticket_id));
diesel::joinable!(kb_versions -> kb_articles (article_id));
diesel::joinable!(kb_terms -> kb_articles (article_id));
diesel::joinable!(his_inpatients -> departments (department_id));
diesel::joinable!(his_surgeries -> departments (department_id));

diesel::allow_tables_to_appear_in_same_query!(
    hospitals,
    departments,
    users,
    sessions,
    patients,
    patient_phones,
    visits,
    contacts,
    audit_log,
    jobs,
    job_runs,
    sms_templates,
    sms_messages,
    sms_parts,
    sms_opt_outs,
    notifications,
    followup_tasks,
    hl7_messages,
    import_batches,
    exam_results,
    followup_settings,
    followup_rules,
    followup_plans,
    followup_plan_patients,
    followup_revisits,
    followup_attempts,
    questionnaires,
    questionnaire_versions,
    survey_link_keys,
    survey_links,
    kiosk_devices,
    staff_surveys,
    staff_survey_assignees,
    survey_responses,
    appt_templates,
    appt_holidays,
    appt_sessions,
    appt_slots,
    appt_api_keys,
    appointments,
    appt_blocks,
    appt_suspension_notices,
    appt_waitlist,
    calls,
    call_recordings,
    recording_tickets,
    agent_states,
    evaluation_windows,
    evaluation_ratings,
    feedback_tickets,
    feedback_ticket_departments,
    feedback_history,
    feedback_templates,
    kb_articles,
    kb_versions,
    kb_terms,
    lookup_items,
    his_inpatients,
    his_surgeries,
    inquiries,
);
