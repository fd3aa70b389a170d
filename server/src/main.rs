//! `hcrm-server`: serve, migrate, load demo data, create users, generate
//! bulk patients.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use hcrm_server::{demo, organisation, AppState, Config};
use hcrm_shared::api::NewUser;
use hcrm_shared::Role;

#[derive(Parser)]
#[command(name = "hcrm-server", version, about = "HCRM central server")]
struct Cli {
    /// TOML configuration file; HCRM_* environment variables override it.
    #[arg(long, env = "HCRM_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve the API and web UI (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill two demo hospitals with departments, staff and patients.
    DemoData {
        #[arg(long, default_value_t = 2000)]
        patients: usize,
    },
    /// Create a staff user.
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        #[arg(long)]
        role: String,
        /// Department code (required for doctors, nurses and managers).
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// Hospital code; created if missing.
        #[arg(long, default_value = "HOSP1")]
        hospital: String,
    },
    /// Generate patients for benchmarks.
    BulkPatients {
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
        #[arg(long, default_value = "BENCH")]
        hospital: String,
    },
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::load(cli.config.as_deref())?;
    tracing::info!(database = %hcrm_server::db::redact_url(&config.database_url), "configuration loaded");
    let state = AppState::open(config)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => tokio::runtime::Runtime::new()?.block_on(hcrm_server::app::serve(state)),
        Command::Migrate => {
            println!("migrations are up to date");
            Ok(())
        }
        Command::DemoData { patients } => {
            let mut conn = state.db.get()?;
            let s = demo::load_demo_data(&mut conn, state.config.argon2_memory_kib, patients)?;
            println!(
                "demo hospitals: {}",
                s.hospitals.iter().map(|(c, n)| format!("{n} ({c})")).collect::<Vec<_>>().join(", ")
            );
            println!("patients added: {}", s.patients);
            println!("demo users (password {}):", demo::DEMO_PASSWORD);
            for (u, r, d) in s.users {
                println!("  {u:<18} {r:<8} {d}");
            }
            Ok(())
        }
        Command::CreateUser { username, password, role, department, display_name, hospital } => {
            let role = Role::parse(&role).ok_or_else(|| {
                anyhow::anyhow!("--role {role}: unknown role; use one of {}", Role::ALL.map(|r| r.as_str()).join(", "))
            })?;
            let mut conn = state.db.get()?;
            let h = organisation::service::hospitals::ensure(&mut conn, &hospital, &hospital)?;
            let department_id = match department {
                Some(code) => Some(
                    organisation::service::departments::list(&mut conn, h.id)?
                        .into_iter()
                        .find(|d| d.code == code)
                        .ok_or_else(|| anyhow::anyhow!("--department {code}: no such department in {hospital}"))?
                        .id,
                ),
                None => None,
            };
            let new = NewUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                password,
                role,
                department_id,
            };
            let user = organisation::service::users::create(&mut conn, h.id, &new, state.config.argon2_memory_kib)
                .map_err(|e| anyhow::anyhow!("{}", e.detail))?;
            println!("created user {} ({}) in {}", user.username, user.role, hospital);
            Ok(())
        }
        Command::BulkPatients { count, hospital } => {
            let mut conn = state.db.get()?;
            let start = std::time::Instant::now();
            let n = demo::bulk_patients(&mut conn, &hospital, count, |done| {
                if done % 50_000 == 0 {
                    eprintln!("  {done} patients");
                }
            })?;
            println!("generated {n} patients in {:.1}s", start.elapsed().as_secs_f64());
            Ok(())
        }
    }
}
