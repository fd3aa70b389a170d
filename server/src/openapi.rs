//! The OpenAPI document, generated from the handlers' annotations, and a
//! self-contained page to browse it (no CDN: hospital networks are closed).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::appointments::public_api::ApiKeyAuth;

/// The document's frame. Its paths come from the domain routers (see
/// `router::api`), each from its handler's `#[utoipa::path]` annotation.
/// An operation's bearer requirement lists the permission it needs (empty:
/// any signed-in user); public operations have none.
#[derive(OpenApi)]
#[openapi(
    info(title = "HCRM API", description = "Hospital customer-service system. Errors are application/problem+json."),
    // Query and path parameter types, which utoipa does not collect, and the
    // audit actions (the log's rows keep them as text), so the UI's generated
    // types name every value.
    components(schemas(
        hcrm_shared::api::Problem,
        hcrm_shared::followup::TaskStatusFilter,
        hcrm_shared::followup::StatsSheet,
        hcrm_shared::knowledge::LookupImport,
        hcrm_shared::audit::AuditAction
    )),
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

/// The served document, built from the same routers the server serves.
pub fn document() -> utoipa::openapi::OpenApi {
    crate::router::api().into_openapi()
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
