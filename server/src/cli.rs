//! Command-line tasks: serve, migrate, import-areas, import-calendar, seed-demo, seed-ledger,
//! rollups, create-user, new-keys, rotate-keys.

use clap::{Parser, Subcommand};
use flate2::read::GzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::DatabaseConnection;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

use app::backend::seed;
use app::backend::service::accounts::{self, NewAccount};
use app::backend::service::areas;
use app::backend::service::audit::By;

#[derive(Parser, Debug)]
#[command(
    name = "jiceng",
    about = "基层就业 grassroots employment service platform"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the app (default). Migrates, and on an empty database imports the areas and
    /// seeds the demo data (unless SEED_DEMO=0).
    Serve,
    /// Apply pending migrations.
    Migrate,
    /// Import the national area codes (idempotent).
    ImportAreas {
        /// CSV or CSV.GZ file; default $AREAS_FILE or server/data/divisions.csv.gz
        #[arg(long)]
        file: Option<String>,
    },
    /// Load the official holiday announcements (放假 and 调休上班 days) for the working-day
    /// deadlines, replacing days already stored. Lines: `YYYY-MM-DD,holiday|workday,name`.
    ImportCalendar {
        #[arg(long)]
        file: String,
    },
    /// Seed the demo accounts, certifications and ledger households (marked as demo).
    SeedDemo {
        /// How many demo certifications to create (the benchmark uses 100000).
        #[arg(long, default_value_t = 1500)]
        certifications: usize,
        /// Area prefixes to spread them over; all of the country when none.
        #[arg(long, value_delimiter = ',', default_values_t = default_demo_areas())]
        areas: Vec<String>,
    },
    /// Write a large synthetic ledger (marked demo) for benchmarks: households with about 2.5
    /// members each, spread over every community under an area.
    SeedLedger {
        /// How many households (the benchmark uses 400000: about a million people)
        #[arg(long, default_value_t = 400_000)]
        households: u64,
        /// The area whose communities get them (default 深圳市)
        #[arg(long, default_value = "440300000000")]
        area: String,
        /// Also two years of visits and assistance files with their plans, cards and exits
        /// (the performance benchmark)
        #[arg(long)]
        history: bool,
    },
    /// Bring the kept performance figures (the dashboards' roll-ups) up to date, then count
    /// everything again from the records and compare figure by figure, and the registry's kept
    /// totals likewise; exits non-zero when any differs. Run it while nobody writes.
    Rollups {
        /// Count everything again first (otherwise only the areas marked since the last
        /// refresh, or everything on a new day)
        #[arg(long)]
        rebuild: bool,
    },
    /// Create an account. The password comes from $JICENG_PASSWORD or standard input,
    /// never from the command line.
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        role: String,
        /// Home area code (none for ministry and admin)
        #[arg(long)]
        area: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// A work phone printed on cards as the coordinator's contact (mobile, or a landline
        /// with an optional extension: 0755-26661001-8023)
        #[arg(long)]
        contact_phone: Option<String>,
    },
    /// Write a new data key file (the keys that seal ID numbers and phones) for
    /// DATA_KEYS_FILE; an existing file is never overwritten.
    NewKeys {
        #[arg(long)]
        file: String,
    },
    /// Rotate the data keys, with every server of this database stopped: a new key seals
    /// everything again and replaces the old ones in the key file; the previous file is kept
    /// beside it for restoring older backups.
    RotateKeys,
}

pub fn default_demo_areas() -> Vec<String> {
    [
        "4403", "4401", "1101", "3101", "3301", "5101", "4201", "6101",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn bar(len: Option<u64>, what: &str) -> ProgressBar {
    let pb = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let style = ProgressStyle::with_template(
        "{msg} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style);
    pb.set_message(what.to_string());
    pb
}

/// Rows in the national file (shown as the progress bar's length).
const NATIONAL_ROWS: u64 = 665_271;

pub async fn import_areas(db: &DatabaseConnection, file: &Path) -> Result<u64, String> {
    let f =
        std::fs::File::open(file).map_err(|e| format!("cannot open {}: {e}", file.display()))?;
    let reader: Box<dyn Read> = if file.extension().is_some_and(|e| e == "gz") {
        Box::new(GzDecoder::new(f))
    } else {
        Box::new(f)
    };
    let reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 20, reader));
    let pb = bar(Some(NATIONAL_ROWS), "导入行政区划 importing areas");
    let started = Instant::now();
    let n = areas::import_csv(db, reader, |done| pb.set_position(done))
        .await
        .map_err(|e| e.to_string())?;
    pb.finish_and_clear();
    eprintln!(
        "imported {n} areas in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(n)
}

pub async fn seed_demo(
    db: &DatabaseConnection,
    certifications: usize,
    prefixes: &[String],
) -> Result<(), String> {
    let started = Instant::now();
    let users = seed::seed_accounts(db).await.map_err(|e| e.to_string())?;
    let pb = bar(Some(certifications as u64), "演示认定 demo certifications");
    // An empty list (or `--areas ""`) spreads them over the whole country.
    let refs: Vec<&str> = prefixes
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let certs = seed::seed_certifications(db, &refs, certifications, |n| pb.set_position(n))
        .await
        .map_err(|e| e.to_string())?;
    pb.finish_and_clear();
    let households = seed::ledger::seed(db).await.map_err(|e| e.to_string())?;
    let files = if households > 0 {
        seed::assistance::seed(db)
            .await
            .map_err(|e| e.to_string())?
    } else {
        0
    };
    // The certification workflow reads the standards; store them before its demo files.
    app::backend::service::certification::standards::seed_defaults(db)
        .await
        .map_err(|e| e.to_string())?;
    let applications = seed::certification::seed(db)
        .await
        .map_err(|e| e.to_string())?;
    let (platforms, coordinators) = seed::platforms::seed(db).await.map_err(|e| e.to_string())?;
    eprintln!(
        "demo data: {users} accounts, {certs} certifications, {households} ledger households, {files} assistance files, {applications} certification applications, {platforms} platforms, {coordinators} coordinators in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn seed_ledger(
    db: &DatabaseConnection,
    households: u64,
    area: &str,
    history: bool,
) -> Result<(), String> {
    let started = Instant::now();
    let pb = bar(Some(households), "台账 households");
    let (h, p) = seed::bulk_ledger::seed(db, area, households, history, |n| pb.set_position(n))
        .await
        .map_err(|e| e.message("en"))?;
    pb.finish_and_clear();
    eprintln!(
        "ledger: {h} households, {p} people in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The registry's kept totals (kept by the database on every write of a title): counted again
/// first with `rebuild`, then compared with a recount from the titles.
async fn registry_tally_checked(db: &DatabaseConnection, rebuild: bool) -> Result<(), String> {
    use app::backend::service::registry_tally;
    if rebuild {
        let started = Instant::now();
        registry_tally::rebuild(db)
            .await
            .map_err(|e| e.message("en"))?;
        eprintln!(
            "registry totals counted again in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    let started = Instant::now();
    let check = registry_tally::verify(db)
        .await
        .map_err(|e| e.message("en"))?;
    eprintln!(
        "registry totals verified in {:.2} s: {} kept; {} differ from the recount",
        started.elapsed().as_secs_f64(),
        check.kept,
        check.differences.len()
    );
    for d in check.differences.iter().take(20) {
        eprintln!(
            "  '{}' {}: kept {}, counted {}",
            d.prefix, d.tier, d.kept, d.counted
        );
    }
    if check.differences.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} registry totals differ from the titles",
            check.differences.len()
        ))
    }
}

/// The kept platform coverage (kept by the database on every write of areas and platforms):
/// counted again first with `rebuild`, then compared with a recount from the registers.
async fn coverage_tally_checked(db: &DatabaseConnection, rebuild: bool) -> Result<(), String> {
    use app::backend::service::platforms::coverage_tally;
    if rebuild {
        let started = Instant::now();
        coverage_tally::rebuild(db)
            .await
            .map_err(|e| e.message("en"))?;
        eprintln!(
            "coverage figures counted again in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    let started = Instant::now();
    let check = coverage_tally::verify(db)
        .await
        .map_err(|e| e.message("en"))?;
    eprintln!(
        "coverage figures verified in {:.2} s: {} kept; {} differ from the recount",
        started.elapsed().as_secs_f64(),
        check.kept,
        check.differences.len()
    );
    for d in check.differences.iter().take(20) {
        eprintln!(
            "  '{}' level {} type {}: kept {:?}, counted {:?} (units, institution, staffed, six)",
            d.prefix, d.level, d.kind, d.kept, d.counted
        );
    }
    if check.differences.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} coverage figures differ from the registers",
            check.differences.len()
        ))
    }
}

/// `jiceng rollups`: refreshes (or rebuilds) the roll-ups, verifies them against a recount from
/// the records and prints what it found and how long each part took.
pub async fn rollups(db: &DatabaseConnection, rebuild: bool) -> Result<(), String> {
    use app::backend::service::{changed_areas, performance::rollup};
    let started = Instant::now();
    if rebuild {
        changed_areas::mark(db, changed_areas::EVERYWHERE)
            .await
            .map_err(|e| e.to_string())?;
    }
    let refreshed = rollup::refresh(db).await.map_err(|e| e.message("en"))?;
    let refresh_s = started.elapsed().as_secs_f64();
    match refreshed {
        Some(r) => eprintln!(
            "refreshed in {refresh_s:.2} s: {} ({} marks), {} figures of area codes, as of {}",
            if r.full {
                "everything counted"
            } else {
                "marked areas counted"
            },
            r.marks,
            r.counted,
            r.as_of
        ),
        None => eprintln!("nothing to refresh ({refresh_s:.2} s)"),
    }
    registry_tally_checked(db, rebuild).await?;
    coverage_tally_checked(db, rebuild).await?;
    let checked = Instant::now();
    let v = rollup::verify(db).await.map_err(|e| e.message("en"))?;
    eprintln!(
        "verified in {:.2} s as of {}: {} figures of area codes, {} sums kept; {} differ from the recount",
        checked.elapsed().as_secs_f64(),
        v.as_of,
        v.kept_counts,
        v.kept_sums,
        v.mismatches.len()
    );
    for ((area, period, measure), kept, counted) in v.mismatches.iter().take(20) {
        eprintln!("  {area} {period} {measure}: kept {kept:?}, counted {counted:?}");
    }
    if v.mismatches.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} kept figures differ from the records",
            v.mismatches.len()
        ))
    }
}

/// The largest calendar file read: a year's announcement is under 2 KB.
const MAX_CALENDAR_BYTES: u64 = 1024 * 1024;

pub async fn import_calendar(db: &DatabaseConnection, file: &str) -> Result<(), String> {
    let mut text = String::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_CALENDAR_BYTES + 1).read_to_string(&mut text))
        .map_err(|e| format!("{file}: {e}"))?;
    if text.len() as u64 > MAX_CALENDAR_BYTES {
        return Err(format!("{file}: larger than {MAX_CALENDAR_BYTES} bytes"));
    }
    let days = app::domain::calendar::parse_csv(&text).map_err(|e| format!("{file}: {e}"))?;
    if let Some((date, name)) = app::domain::holidays::festival_marked_workday(&days) {
        return Err(format!(
            "{file}: {date} is {name}, a statutory holiday; an arrangement cannot make it a working day"
        ));
    }
    let n = app::backend::service::calendar::import(db, By::System("cli"), &days)
        .await
        .map_err(|e| e.message("en"))?;
    eprintln!("calendar: {n} announced days stored");
    Ok(())
}

pub async fn create_user(
    db: &DatabaseConnection,
    username: String,
    role: String,
    area: Option<String>,
    display_name: Option<String>,
    contact_phone: Option<String>,
) -> Result<(), String> {
    let password = match std::env::var("JICENG_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            if atty_stdin() {
                rpassword::prompt_password("password: ").map_err(|e| e.to_string())?
            } else {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| e.to_string())?;
                line.trim_end_matches(['\r', '\n']).to_string()
            }
        }
    };
    let new = NewAccount {
        display_name: display_name.unwrap_or_else(|| username.clone()),
        username,
        role,
        area_code: area,
        password,
        is_demo: false,
        contact_phone,
    };
    match accounts::create(db, By::System("cli"), new).await {
        Ok(a) => {
            eprintln!("created account {} ({})", a.username, a.role.as_str());
            Ok(())
        }
        Err(app::model::AppError::Invalid(fields)) => {
            let lines: Vec<String> = fields
                .iter()
                .map(|(f, k)| format!("  {f}: {}", app::model::error::field_message(k, "en")))
                .collect();
            Err(format!("invalid account:\n{}", lines.join("\n")))
        }
        Err(e) => Err(e.message("en")),
    }
}

fn atty_stdin() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}
