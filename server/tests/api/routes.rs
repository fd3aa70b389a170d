//! The OpenAPI document and the router agree: every documented operation
//! is routed, and nothing is routed that the document leaves out except
//! the few plain routes `router::UNDOCUMENTED_ROUTES` lists.

use std::collections::BTreeSet;
use std::path::Path;

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::util::TestApp;

/// The router's answer for a path or method it does not serve.
fn unrouted(status: StatusCode, body: &serde_json::Value) -> bool {
    (status == StatusCode::NOT_FOUND && body["detail"] == "endpoint not found")
        || status == StatusCode::METHOD_NOT_ALLOWED
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = TestApp::new().await;
    let doc = serde_json::to_value(hcrm_server::openapi::document()).unwrap();
    let mut unserved = Vec::new();
    for (template, item) in doc["paths"].as_object().unwrap() {
        // Any value does for a path parameter: the route is matched first.
        let path = template.split('/').map(|s| if s.starts_with('{') { "1" } else { s }).collect::<Vec<_>>().join("/");
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body = (method != Method::GET).then(|| json!({}));
            let r = app.call(method.clone(), &path, None, body).await;
            // The gateway callback hides itself while no gateway secret is set.
            let hidden = template == "/api/v1/sms/receipts";
            if !hidden && unrouted(r.status, &r.body) {
                unserved.push(format!("{method} {template}: {} {}", r.status, r.body));
            }
        }
    }
    assert!(unserved.is_empty(), "documented but not routed:\n{}", unserved.join("\n"));
    // The router's own answer for what it does not serve is what the check
    // above looks for.
    let r = app.call(Method::GET, "/api/v1/no-such-endpoint", None, None).await;
    assert!(unrouted(r.status, &r.body), "{} {}", r.status, r.body);
    let r = app.call(Method::DELETE, "/api/v1/auth/me", None, None).await;
    assert!(unrouted(r.status, &r.body), "{} {}", r.status, r.body);
}

#[tokio::test]
async fn the_undocumented_routes_are_served() {
    let app = TestApp::new().await;
    for (method, path) in hcrm_server::router::UNDOCUMENTED_ROUTES {
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let r = app.call(method.clone(), path, None, None).await;
        // `/api` and `/api/{*rest}` exist to answer 404 as a problem document.
        let catch_all = *path == "/api" || path.contains("{*");
        assert!(catch_all || !unrouted(r.status, &r.body), "{method} {path}: {} {}", r.status, r.body);
    }
}

/// Endpoints are added only with `routes!(…)` in a domain's router (which
/// documents them); `router.rs` alone adds plain routes, exactly the listed
/// ones. Read from the source: a router cannot list its routes.
#[test]
fn nothing_is_routed_outside_the_document() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect_rust_files(&src, &mut files);
    let plain = [
        " Router::new()",
        "(Router::new()",
        "::Router::new()",
        ".route(",
        ".route_service(",
        ".nest_service(",
        ".nest(",
        ".fallback_service(",
    ];
    let mut stray = Vec::new();
    let mut routed = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        if file.ends_with("router.rs") && file.parent() == Some(src.as_path()) {
            for (i, _) in text.match_indices(".route(") {
                // rustfmt may break a long call after its parenthesis.
                let rest = text[i + ".route(".len()..].trim_start().trim_start_matches('"');
                let path = &rest[..rest.find('"').unwrap()];
                let after = rest[path.len() + 1..].trim_start_matches([',', ' ', '\n']);
                let method = &after[..after.find('(').unwrap()];
                routed.insert((method.to_string(), path.to_string()));
            }
            continue;
        }
        for p in plain {
            if text.contains(p) {
                stray.push(format!("{}: {p}", file.display()));
            }
        }
    }
    assert!(stray.is_empty(), "routes outside router.rs or `routes!`:\n{}", stray.join("\n"));
    let listed: BTreeSet<(String, String)> =
        hcrm_server::router::UNDOCUMENTED_ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(routed, listed, "router.rs's plain routes must be the listed undocumented ones");
}

fn collect_rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A parameter documented as `in: path` must be a `{name}` of its path, and
/// every `{name}` must be documented: query structs need
/// `#[into_params(parameter_in = Query)]`, or they show up as path
/// parameters and the generated UI types get them wrong.
#[test]
fn path_parameters_match_the_path_templates() {
    let doc = serde_json::to_value(hcrm_server::openapi::document()).unwrap();
    let mut wrong = Vec::new();
    for (template, item) in doc["paths"].as_object().unwrap() {
        let in_template: BTreeSet<&str> =
            template.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
        for (method, op) in item.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let documented: BTreeSet<String> =
                params.iter().filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap().to_string()).collect();
            let expected: BTreeSet<String> = in_template.iter().map(|s| s.to_string()).collect();
            if documented != expected {
                wrong.push(format!("{method} {template}: path parameters {documented:?}, template has {expected:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "path parameters that are not in the path:\n{}", wrong.join("\n"));
}
