//! The `hcrm-server` subcommands operators and scripts rely on.

use std::process::Command;

#[path = "api/util.rs"]
#[allow(dead_code)]
mod util;

fn server(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hcrm-server"))
        .args(args)
        .env("HCRM_DATABASE_URL", url)
        .env("HCRM_ARGON2_MEMORY_KIB", "1024")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[test]
fn migrate_demo_data_and_create_user() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = util::fresh_database(dir.path());
    let out = server(&url, &["migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = server(&url, &["demo-data", "--patients", "20"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("patients added: 40"), "{text}");
    assert!(text.contains("manager.card"));
    // Running it again adds nothing.
    let again = server(&url, &["demo-data", "--patients", "20"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("patients added: 0"));

    let out = server(
        &url,
        &[
            "create-user",
            "--username",
            "nurse.resp",
            "--password",
            "Ward#2026",
            "--role",
            "nurse",
            "--department",
            "RESP",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("created user nurse.resp (nurse)"));

    let bad_role = server(&url, &["create-user", "--username", "x1y", "--password", "Ward#2026", "--role", "wizard"]);
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("unknown role"));
    let no_dept = server(&url, &["create-user", "--username", "doc.x", "--password", "Ward#2026", "--role", "doctor"]);
    assert!(!no_dept.status.success());
    assert!(String::from_utf8_lossy(&no_dept.stderr).contains("department"));
    let weak = server(&url, &["create-user", "--username", "weak.one", "--password", "weak", "--role", "agent"]);
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));

    let bad_config = Command::new(env!("CARGO_BIN_EXE_hcrm-server"))
        .arg("migrate")
        .env("HCRM_DATABASE_URL", &url)
        .env("HCRM_LISTEN", "not-an-address")
        .output()
        .unwrap();
    assert!(!bad_config.status.success());
    assert!(String::from_utf8_lossy(&bad_config.stderr).contains("HCRM_LISTEN"));
}
