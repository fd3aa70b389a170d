//! The OpenAPI document, generated from the handlers' annotations, and a
//! self-contained page to browse it (no CDN: hospital networks are closed).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::appointments::public_api::ApiKeyAuth;
use crate::{
    appointments, audit, auth, calls, evaluations, followup, hl7, imports, jobs, notifications, organisation, patients,
    sms, stats, surveys,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "HCRM API", description = "Hospital customer-service system. Errors are application/problem+json."),
    paths(
        auth::routes::login,
        auth::routes::logout,
        auth::routes::me,
        auth::routes::change_password,
        organisation::routes::list_departments,
        organisation::routes::create_department,
        organisation::routes::update_department,
        organisation::routes::list_users,
        organisation::routes::create_user,
        organisation::routes::update_user,
        organisation::routes::reset_password,
        organisation::routes::set_user_phone,
        patients::routes::search,
        patients::routes::create,
        patients::routes::card,
        patients::routes::update,
        patients::routes::reveal,
        patients::routes::list_visits,
        patients::routes::add_visit,
        patients::routes::add_contact,
        patients::routes::screen_pop,
        audit::routes::search,
        stats::routes::discharges,
        jobs::routes::list,
        jobs::routes::detail,
        jobs::routes::run_now,
        jobs::routes::retry,
        sms::routes::list_templates,
        sms::routes::create_template,
        sms::routes::update_template,
        sms::routes::list_messages,
        sms::routes::get_message,
        sms::routes::send,
        sms::routes::resend,
        sms::routes::list_opt_outs,
        sms::routes::add_opt_out,
        sms::routes::receipts,
        notifications::routes::list,
        notifications::routes::unread_count,
        notifications::routes::mark_read,
        notifications::routes::mark_all_read,
        notifications::routes::send,
        hl7::routes::list,
        hl7::routes::get_message,
        hl7::routes::replay,
        imports::routes::template,
        imports::routes::list,
        imports::routes::upload,
        imports::routes::get,
        imports::routes::commit,
        imports::routes::error_file,
        // follow-up engine
        followup::routes::get_settings,
        followup::routes::put_settings,
        followup::routes::list_tasks,
        followup::routes::get_task,
        followup::routes::record_outcome,
        followup::routes::reassign,
        followup::routes::assign_tasks,
        followup::routes::assignees,
        followup::routes::generate_now,
        followup::routes::list_rules,
        followup::routes::create_rule,
        followup::routes::update_rule,
        followup::routes::list_plans,
        followup::routes::create_plan,
        followup::routes::add_plan_patients,
        followup::routes::flag_visit,
        followup::routes::create_revisit,
        followup::routes::stats,
        followup::routes::stats_export,
        followup::routes::records_export,
        surveys::routes::list,
        surveys::routes::create,
        surveys::routes::detail,
        surveys::routes::edit,
        surveys::routes::publish,
        surveys::routes::export_json,
        surveys::routes::import,
        surveys::routes::version,
        surveys::routes::respond,
        surveys::routes::get_response,
        surveys::routes::create_link,
        surveys::routes::list_kiosks,
        surveys::routes::create_kiosk,
        surveys::routes::list_staff,
        surveys::routes::create_staff,
        surveys::routes::staff_detail,
        surveys::routes::remind,
        surveys::routes::staff_mine,
        surveys::routes::staff_answer,
        surveys::routes::stats,
        surveys::routes::stats_export,
        surveys::public::link_form,
        surveys::public::link_answer,
        surveys::public::kiosk_form,
        surveys::public::kiosk_answer,
        appointments::routes::list_templates,
        appointments::routes::create_template,
        appointments::routes::update_template,
        appointments::routes::list_holidays,
        appointments::routes::add_holiday,
        appointments::routes::generate,
        appointments::routes::list_sessions,
        appointments::routes::session_detail,
        appointments::routes::expert_timetable,
        appointments::routes::list,
        appointments::routes::hold,
        appointments::routes::confirm,
        appointments::routes::check_in,
        appointments::routes::cancel,
        appointments::routes::reschedule,
        appointments::routes::join_waitlist,
        appointments::routes::list_waitlist,
        appointments::routes::accept_offer,
        appointments::routes::suspend,
        appointments::routes::notices,
        appointments::routes::resolve_notice,
        appointments::routes::patient_record,
        appointments::routes::list_blocks,
        appointments::routes::lift_block,
        appointments::routes::list_keys,
        appointments::routes::create_key,
        appointments::routes::update_key,
        appointments::routes::report,
        appointments::routes::export_report,
        appointments::public_api::sessions,
        appointments::public_api::session,
        appointments::public_api::hold,
        appointments::public_api::get,
        appointments::public_api::confirm,
        appointments::public_api::cancel,
        calls::routes::upsert,
        calls::routes::get_call,
        calls::routes::patient_calls,
        calls::routes::link_number,
        calls::routes::dial_target,
        calls::routes::recording_start,
        calls::routes::recording_status,
        calls::routes::recording_chunk,
        calls::routes::recording_play,
        calls::routes::recording_stream,
        calls::routes::my_state,
        calls::routes::set_state,
        calls::routes::board,
        calls::routes::history,
        evaluations::routes::list_windows,
        evaluations::routes::create_window,
        evaluations::routes::update_window,
        evaluations::routes::submit_rating,
        evaluations::routes::list_ratings,
        evaluations::routes::get_stats,
        evaluations::routes::export_xlsx,
        evaluations::routes::heartbeat,
        evaluations::routes::counter,
    ),
    // TaskStatusFilter is only a query parameter, which utoipa does not collect.
    components(schemas(hcrm_shared::api::Problem, hcrm_shared::followup::TaskStatusFilter)),
    modifiers(&BearerAuth, &ApiKeyAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::feedback::ApiDoc::openapi());
    doc.merge(crate::knowledge::ApiDoc::openapi());
    doc
}

pub const DOCS_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HCRM API</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2rem}
.op{border:1px solid #e3e3e3;border-radius:6px;margin:.5rem 0;padding:.5rem .8rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#1f7a1f}.post{color:#1f4f9a}.patch{color:#9a6a1f}.delete{color:#9a1f1f}
code{background:#f5f5f5;padding:0 .3rem}
details pre{background:#f8f8f8;padding:.5rem;overflow:auto;max-height:20rem}
</style></head><body>
<h1>HCRM API</h1>
<p>The machine-readable document is at <a href="/api/openapi.json"><code>/api/openapi.json</code></a>.
Authenticate with <code>POST /api/v1/auth/login</code> and send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<div id="ops">Loading…</div>
<script>
fetch('/api/openapi.json').then(r => r.json()).then(doc => {
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      (byTag[tag] = byTag[tag] || []).push({path, method, op});
    }
  }
  const esc = s => String(s).replace(/[&<>]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
  const root = document.getElementById('ops');
  root.innerHTML = '';
  for (const tag of Object.keys(byTag).sort()) {
    const h = document.createElement('h2'); h.textContent = tag; root.appendChild(h);
    for (const {path, method, op} of byTag[tag]) {
      const d = document.createElement('div'); d.className = 'op';
      d.innerHTML = `<span class="m ${method}">${method}</span><code>${esc(path)}</code>
        <div>${esc(op.summary || op.description || '')}</div>
        <details><summary>details</summary><pre>${esc(JSON.stringify(op, null, 2))}</pre></details>`;
      root.appendChild(d);
    }
  }
  const s = document.createElement('h2'); s.textContent = 'schemas'; root.appendChild(s);
  const pre = document.createElement('pre'); pre.textContent = JSON.stringify(doc.components.schemas, null, 2);
  const det = document.createElement('details'); det.appendChild(pre); root.appendChild(det);
});
</script></body></html>"#;
