//! Excel import: rows per second for a 100,000-row discharge file, reading
//! and checking (preview) and writing (commit, good-rows mode: patients,
//! visits, audit rows), on SQLite and, when `HCRM_TEST_DATABASE_URL` names a
//! PostgreSQL server, on PostgreSQL.
//!
//! `cargo bench -p hcrm-server --bench imports`
//! Env: HCRM_BENCH_IMPORT_ROWS (default 100000).
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use hcrm_server::audit::Actor;
use hcrm_server::imports::service;
use hcrm_server::{demo, AppState, Config};
use rust_xlsxwriter::{Format, Workbook};

fn file(rows: usize) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 8, "出院患者名单", &Format::new()).unwrap();
    for (j, h) in ["病案号", "姓名", "联系电话", "住院号", "出院科室", "入院日期", "出院日期", "ICD-10", "出院诊断"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, j as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let depts = ["CARD", "RESP", "GAST", "ENDO", "ORTH"];
    for i in 0..rows {
        let r = 2 + i as u32;
        ws.write_string(r, 0, format!("IM{i:07}")).unwrap();
        ws.write_string(r, 1, "张三").unwrap();
        ws.write_string(r, 2, format!("139{:08}", i)).unwrap();
        ws.write_string(r, 3, format!("IV{i:07}")).unwrap();
        ws.write_string(r, 4, depts[i % depts.len()]).unwrap();
        ws.write_number_with_format(r, 5, 46300.0 + (i % 20) as f64, &date).unwrap();
        ws.write_string(r, 6, "2026-11-03").unwrap();
        ws.write_string(r, 7, "I10").unwrap();
        ws.write_string(r, 8, "原发性高血压").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn run(label: &str, url: String, bytes: &[u8], rows: usize) {
    let config = Config { database_url: url, argon2_memory_kib: 1024, db_pool_size: 4, ..Config::default() };
    let state = AppState::open(config).expect("open database");
    let mut conn = state.db.get().unwrap();
    demo::load_demo_data(&mut conn, 1024, 0).unwrap();
    let actor = Actor {
        user_id: None,
        username: "bench".into(),
        role: "admin".into(),
        hospital_id: Some(1),
        ip: String::new(),
    };
    let (batch, _) = service::create(
        &mut conn,
        1,
        &actor,
        hcrm_shared::intake::ImportKind::Discharges,
        "bench.xlsx",
        bytes.to_vec(),
    )
    .unwrap();
    let t = Instant::now();
    service::preview(&mut conn, 1, batch.id, None, 480).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let b = service::get(&mut conn, 1, batch.id).unwrap();
    assert_eq!((b.total_rows as usize, b.error_rows), (rows, 0), "{:?}", b.errors.first());
    println!("{label}: preview (read + check) {rows} rows in {secs:.2} s = {:.0} rows/s", rows as f64 / secs);
    service::start_commit(&mut conn, 1, batch.id, hcrm_shared::intake::ImportMode::GoodRows, &actor).unwrap();
    let t = Instant::now();
    service::commit(&mut conn, 1, batch.id, hcrm_shared::intake::ImportMode::GoodRows, &actor, None, 480).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let b = service::get(&mut conn, 1, batch.id).unwrap();
    assert_eq!(b.imported_rows as usize, rows, "{:?}", b.message);
    println!("{label}: commit {rows} rows (patients, visits, audit) in {secs:.2} s = {:.0} rows/s", rows as f64 / secs);
    let t = Instant::now();
    let (again, _) = service::create(
        &mut conn,
        1,
        &actor,
        hcrm_shared::intake::ImportKind::Discharges,
        "again.xlsx",
        bytes.to_vec(),
    )
    .unwrap();
    assert!(again.duplicate);
    println!("{label}: the same file again recognised in {:.3} s (nothing written)", t.elapsed().as_secs_f64());
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let rows = if smoke {
        50
    } else {
        std::env::var("HCRM_BENCH_IMPORT_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
    };
    let t = Instant::now();
    let bytes = file(rows);
    println!("generated a {rows}-row .xlsx ({} KiB) in {:.2} s", bytes.len() / 1024, t.elapsed().as_secs_f64());
    let dir = tempfile::tempdir().unwrap();
    run("SQLite", format!("sqlite://{}", dir.path().join("bench.db").display()), &bytes, rows);
    if let Ok(admin) = std::env::var("HCRM_TEST_DATABASE_URL") {
        if admin.starts_with("postgres") {
            let name = format!("hcrm_bench_imports_{}", std::process::id());
            let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
            conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
            run("PostgreSQL", format!("{base}/{name}"), &bytes, rows);
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}
