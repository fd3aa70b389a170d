//! Knowledge-base search latency over many published articles (target:
//! within 50 ms at 100,000), on SQLite and, when `HCRM_TEST_DATABASE_URL`
//! names a PostgreSQL server, on PostgreSQL. Queries: Chinese substrings,
//! mixed Chinese and digits, pinyin initials, a Latin word, one character.
//!
//! `cargo bench -p hcrm-server --bench knowledge_search`
//! Env: HCRM_BENCH_ARTICLES (default 100000), HCRM_BENCH_SKIP_SQLITE.
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hcrm_server::db::schema::{hospitals, kb_articles};
use hcrm_server::db::{now, write_transaction, DbConnection};
use hcrm_server::knowledge::service::{articles, search};
use hcrm_server::{db_run, demo, AppState, Config};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const WORDS: &[&str] = &[
    "门诊",
    "急诊",
    "住院",
    "出院",
    "挂号",
    "预约",
    "缴费",
    "医保",
    "报销",
    "异地",
    "备案",
    "体检",
    "空腹",
    "抽血",
    "化验",
    "检查",
    "检验",
    "报告",
    "CT",
    "核磁",
    "彩超",
    "胃镜",
    "肠镜",
    "心电图",
    "血常规",
    "尿常规",
    "药房",
    "药品",
    "处方",
    "医嘱",
    "护士站",
    "病房",
    "探视",
    "陪护",
    "手术",
    "麻醉",
    "康复",
    "复诊",
    "随访",
    "专家",
    "主任",
    "教授",
    "科室",
    "心内科",
    "骨科",
    "儿科",
    "妇产科",
    "眼科",
    "口腔科",
    "皮肤科",
    "中医科",
    "高血压",
    "糖尿病",
    "冠心病",
    "肺炎",
    "骨折",
    "孕检",
    "疫苗",
    "发热",
    "咳嗽",
    "头痛",
    "腹痛",
    "时间",
    "地点",
    "流程",
    "须知",
    "注意事项",
    "收费",
    "价格",
    "费用",
    "发票",
    "退费",
    "停车",
    "电梯",
    "一楼",
    "二楼",
    "三楼",
    "号楼",
    "周一",
    "周二",
    "周三",
    "周末",
    "上午",
    "下午",
    "节假日",
    "携带",
    "身份证",
    "医保卡",
    "病历",
    "资料",
    "禁食",
    "禁水",
    "小时",
    "当天",
    "次日",
    "工作日",
    "咨询",
    "电话",
    "投诉",
    "建议",
    "服务",
    "窗口",
];

fn sentence(rng: &mut StdRng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if rng.gen_bool(0.1) {
            s.push_str(&rng.gen_range(1..20).to_string());
        }
        s.push_str(WORDS.choose(rng).unwrap());
        if i % 6 == 5 {
            s.push('，');
        }
    }
    s.push('。');
    s
}

fn fill(conn: &mut DbConnection, hospital: i64, n: usize) -> Duration {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(10);
    let t = now();
    let mut done = 0;
    while done < n {
        let batch = (n - done).min(2000);
        write_transaction(conn, |conn| {
            for _ in 0..batch {
                let title = format!(
                    "{}{}{}",
                    WORDS.choose(&mut rng).unwrap(),
                    WORDS.choose(&mut rng).unwrap(),
                    WORDS.choose(&mut rng).unwrap()
                );
                let body = sentence(&mut rng, 16);
                let category = WORDS.choose(&mut rng).unwrap().to_string();
                let id: i64 = db_run!(conn: {
                    diesel::insert_into(kb_articles::table)
                        .values((
                            kb_articles::hospital_id.eq(hospital),
                            kb_articles::category.eq(&category),
                            kb_articles::title.eq(&title),
                            kb_articles::body.eq(&body),
                            kb_articles::published_version.eq(Some(1)),
                            kb_articles::created_at.eq(t),
                            kb_articles::updated_at.eq(t),
                        ))
                        .returning(kb_articles::id)
                        .get_result(conn)?
                });
                search::reindex(conn, hospital, id, &search::article_terms(&title, "", &category, &body))?;
            }
            Ok(())
        })
        .unwrap();
        done += batch;
    }
    started.elapsed()
}

fn run(label: &str, url: String, n: usize, rounds: usize) {
    let config = Config { database_url: url, argon2_memory_kib: 1024, db_pool_size: 2, ..Config::default() };
    let state = AppState::open(config).expect("open database");
    let mut conn = state.db.get().unwrap();
    demo::load_demo_data(&mut conn, 1024, 0).unwrap();
    let c: &mut DbConnection = &mut conn;
    let hospital: i64 =
        db_run!(c: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(c).unwrap() });
    let took = fill(&mut conn, hospital, n);
    if let DbConnection::Postgresql(c) = &mut *conn {
        // One statement each: VACUUM cannot run in a (multi-statement) transaction.
        // VACUUM sets the visibility map, so the term index answers alone.
        c.batch_execute("VACUUM ANALYZE kb_terms").unwrap();
        c.batch_execute("VACUUM ANALYZE kb_articles").unwrap();
    }
    if let DbConnection::Sqlite(c) = &mut *conn {
        c.batch_execute("ANALYZE;").unwrap();
    }
    println!("{label}: {n} articles indexed in {:.1}s", took.as_secs_f64());
    let queries = ["门诊时间", "医保报销", "注意事项", "2号楼", "禁食4小时", "mzsj", "ybbx", "ct", "药", "体检空腹"];
    let mut worst = 0.0f64;
    for q in queries {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            hits = articles::search(&mut conn, hospital, q, 20).unwrap().len();
            times.push(t.elapsed());
        }
        times.sort();
        let p50 = times[times.len() / 2].as_secs_f64() * 1000.0;
        let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)].as_secs_f64() * 1000.0;
        let max = times.last().unwrap().as_secs_f64() * 1000.0;
        worst = worst.max(p50);
        println!("  {q:<10} p50 {p50:>7.2} ms  p99 {p99:>7.2} ms  max {max:>7.2} ms  ({hits} hits)");
    }
    println!("  slowest query p50: {worst:.2} ms (target 50 ms)");
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let n = if smoke {
        200
    } else {
        std::env::var("HCRM_BENCH_ARTICLES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
    };
    let rounds = if smoke { 2 } else { 100 };
    let dir = tempfile::tempdir().unwrap();
    // HCRM_BENCH_SKIP_SQLITE=1: PostgreSQL only.
    if std::env::var("HCRM_BENCH_SKIP_SQLITE").is_err() {
        run("SQLite", format!("sqlite://{}", dir.path().join("bench.db").display()), n, rounds);
    }
    if let Ok(admin) = std::env::var("HCRM_TEST_DATABASE_URL") {
        if admin.starts_with("postgres") {
            let name = format!("hcrm_bench_knowledge_{}", std::process::id());
            let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
            conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
            run("PostgreSQL", format!("{base}/{name}"), n, rounds);
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}
