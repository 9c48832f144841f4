//! Configuration from the environment (a `.env` file is not read: set variables in the shell
//! or the service manager).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use app::backend::{SiteAssets, clock};

/// Default embedded database: a SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/jiceng.db?mode=rwc";

/// The browser bundle's directory under the site root, and its path on the server.
pub const PKG_DIR: &str = "pkg";

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://path?mode=rwc` or `postgres://user@host/db`.
    pub database_url: String,
    /// `READ_DATABASE_URL`: a Postgres read replica (streaming) of `database_url` for the public
    /// registry, the public checks and the dashboards; unset, they read the primary.
    pub read_database_url: Option<String>,
    /// `DATABASE_MAX_CONNECTIONS`: the most connections each database's pool opens (a whole
    /// number from 1; default 8 for SQLite, 32 for Postgres).
    pub max_connections: Option<u32>,
    /// `LEPTOS_SITE_ADDR` (set by cargo-leptos) or `BIND_ADDR`; default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: where the built site (`pkg/`) lies; default `target/site`.
    pub site_root: String,
    /// `AREAS_FILE`: the national area codes; default `server/data/divisions.csv.gz`.
    pub areas_file: PathBuf,
    /// `SECURE_COOKIES=1` when served over TLS (behind a proxy that terminates it).
    pub secure_cookies: bool,
    /// `SEED_DEMO=0` to start without demo accounts and certifications.
    pub seed_demo: bool,
    /// `BACKGROUND_TASKS=0` to run no hourly sweeps (expired sessions, the rules the passing of
    /// time proves): for a second server on the same database, e.g. one with its clock ahead.
    pub background_tasks: bool,
    /// `REGISTRY_CACHE_SECONDS`: how long a registry search answer, and a public page sent to an
    /// anonymous visitor, is kept (default 10; 0 keeps nothing).
    pub registry_cache_ttl: Duration,
    /// `ROLLUP_REFRESH_SECONDS`: how often the dashboards' kept figures take in the areas
    /// marked by writers (default 10, at least 1): how far a dashboard may lag a write.
    pub rollup_refresh: Duration,
    /// `DASHBOARD_CACHE_SECONDS`: the longest a dashboard answer is kept (default 60; 0 keeps
    /// nothing). A refresh of the roll-ups drops it sooner.
    pub dashboard_cache_ttl: Duration,
    /// `AREA_CACHE_SECONDS`: how long the area tree's names and drill-down lists, as the public
    /// pages read them, are kept (default 300; 0 keeps nothing).
    pub area_cache_ttl: Duration,
    /// `PUBLIC_URL`: the site's public address, for the QR codes on cards and certificates
    /// (default: the request's host).
    pub public_url: Option<String>,
    /// `JICENG_CLOCK_OFFSET_DAYS`: days the server's calendar runs ahead, for rehearsing
    /// deadlines and 公示 periods (0 unless set to a whole number of at most 3,660 days either
    /// way; anything else counts as 0). Never set in production.
    pub clock_offset_days: i64,
    /// `JICENG_TIME_ZONE`: the service's time zone by IANA name, for every date taken from a
    /// timestamp and every time shown (default Asia/Shanghai).
    pub time_zone: clock::Tz,
    /// `TRUSTED_PROXIES`: reverse proxies (addresses or networks, comma-separated) whose
    /// `Forwarded`/`X-Forwarded-For` give the client's address; none by default.
    pub trusted_proxies: Vec<app::backend::client_addr::IpNet>,
    /// `JICENG_CJK_FONT`: font files PDFs are set in, first to last (paths separated by `:`),
    /// before the Debian fonts looked for.
    pub cjk_font: Vec<PathBuf>,
    /// `DATA_KEYS_FILE`: the key file that seals ID numbers and phones (required with
    /// Postgres; default for SQLite: `<database file>.keys`, generated on a fresh database).
    pub data_keys_file: Option<PathBuf>,
}

fn flag(name: &str, default: bool) -> bool {
    match std::env::var(name) {
        Ok(v) => matches!(v.trim(), "1" | "true" | "yes" | "on"),
        Err(_) => default,
    }
}

fn seconds(name: &str, default: u64) -> Result<u64, String> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name} must be a whole number of seconds, not {v:?}")),
        Err(_) => Ok(default),
    }
}

/// A pool size as set in `name` (`raw`, unset: `None`). Errors: not a whole number from 1.
fn pool_size(name: &str, raw: Option<&str>) -> Result<Option<u32>, String> {
    match raw {
        Some(v) => match v.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(Some(n)),
            _ => Err(format!("{name} must be a whole number from 1, not {v:?}")),
        },
        None => Ok(None),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let addr_raw = std::env::var("LEPTOS_SITE_ADDR")
            .or_else(|_| std::env::var("BIND_ADDR"))
            .unwrap_or_else(|_| "127.0.0.1:3000".into());
        let addr = addr_raw
            .parse()
            .map_err(|_| format!("invalid address {addr_raw:?} in LEPTOS_SITE_ADDR/BIND_ADDR"))?;
        Ok(Config {
            database_url: std::env::var("DATABASE_URL")
                .unwrap_or_else(|_| DEFAULT_DATABASE_URL.into()),
            read_database_url: std::env::var("READ_DATABASE_URL")
                .ok()
                .filter(|v| !v.trim().is_empty()),
            max_connections: pool_size(
                "DATABASE_MAX_CONNECTIONS",
                std::env::var("DATABASE_MAX_CONNECTIONS").ok().as_deref(),
            )?,
            addr,
            site_root: std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()),
            areas_file: std::env::var("AREAS_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|_| "server/data/divisions.csv.gz".into()),
            secure_cookies: flag("SECURE_COOKIES", false),
            seed_demo: flag("SEED_DEMO", true),
            background_tasks: flag("BACKGROUND_TASKS", true),
            registry_cache_ttl: Duration::from_secs(seconds("REGISTRY_CACHE_SECONDS", 10)?),
            rollup_refresh: Duration::from_secs(seconds("ROLLUP_REFRESH_SECONDS", 10)?.max(1)),
            dashboard_cache_ttl: Duration::from_secs(seconds("DASHBOARD_CACHE_SECONDS", 60)?),
            area_cache_ttl: Duration::from_secs(seconds("AREA_CACHE_SECONDS", 300)?),
            public_url: std::env::var("PUBLIC_URL").ok(),
            clock_offset_days: std::env::var("JICENG_CLOCK_OFFSET_DAYS")
                .ok()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .filter(|d| d.abs() <= 3660)
                .unwrap_or(0),
            time_zone: match std::env::var("JICENG_TIME_ZONE") {
                Ok(name) => {
                    clock::parse_zone(&name).map_err(|e| format!("JICENG_TIME_ZONE: {e}"))?
                }
                Err(_) => clock::DEFAULT_ZONE,
            },
            trusted_proxies: app::backend::client_addr::parse_trusted(
                &std::env::var("TRUSTED_PROXIES").unwrap_or_default(),
            )
            .map_err(|e| format!("TRUSTED_PROXIES: {e}"))?,
            cjk_font: std::env::var_os("JICENG_CJK_FONT")
                .map(|v| std::env::split_paths(&v).collect())
                .unwrap_or_default(),
            data_keys_file: std::env::var_os("DATA_KEYS_FILE")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        })
    }

    /// Hands the process-wide settings to the code that reads them: the clock's offset and
    /// time zone, and the PDF font. Called once, before the first request or command.
    pub fn install(&self) {
        clock::install(self.clock_offset_days, self.time_zone);
        app::backend::client_addr::install(self.trusted_proxies.clone());
        app::backend::pdf::set_font_paths(self.cjk_font.clone());
    }

    /// Leptos's options; `assets` names the JS glue and WASM (`{output_name}.js`,
    /// `{output_name}_bg.wasm`).
    pub fn leptos_options(&self, assets: &SiteAssets) -> leptos::config::LeptosOptions {
        leptos::config::LeptosOptions::builder()
            .output_name(assets.app.clone())
            .site_root(self.site_root.clone())
            .site_pkg_dir(PKG_DIR)
            .site_addr(self.addr)
            .build()
    }
}

impl Config {
    /// The bundle's content-hashed names from `{site_root}/pkg/assets.json`; the unhashed
    /// names (with a warning) when the site was built without one. Errors: the manifest exists
    /// but is unreadable or malformed, or names files that are missing (the message names them).
    pub fn site_assets(&self) -> Result<SiteAssets, String> {
        let root = std::path::Path::new(&self.site_root);
        match SiteAssets::load(root, PKG_DIR) {
            Ok(Some(assets)) => {
                let missing = assets.missing_files(root, PKG_DIR);
                if missing.is_empty() {
                    Ok(assets)
                } else {
                    Err(format!(
                        "{}/{PKG_DIR}/assets.json names files that are not there: {} (build again)",
                        self.site_root,
                        missing.join(", ")
                    ))
                }
            }
            Ok(None) => {
                tracing::warn!(
                    site_root = %self.site_root,
                    "no pkg/assets.json: the bundle is served under unhashed names (build with make serve)"
                );
                Ok(SiteAssets::default())
            }
            Err(e) => Err(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_size_is_a_whole_number_from_one() {
        let name = "DATABASE_MAX_CONNECTIONS";
        assert_eq!(pool_size(name, None), Ok(None));
        assert_eq!(pool_size(name, Some(" 6 ")), Ok(Some(6)));
        for bad in ["0", "-1", "six", "", "4.5"] {
            let refused = pool_size(name, Some(bad)).expect_err(bad);
            assert!(refused.starts_with(name), "{refused}");
        }
    }
}
