use clap::Parser;
use std::net::SocketAddr;
use std::process::ExitCode;

use app::backend::db;
use app::backend::service::areas;
use app::backend::{AppState, AreaCache, DashboardCache, RegistryCache};
use axum::serve::ListenerExt;
use server::cli::{self, Cli, Command};
use server::config::Config;
use server::keys;
use tower_sessions::session_store::ExpiredDeletion;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = Config::from_env()?;
    config.install();
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::NewKeys { file } = &command {
        return keys::new_file(std::path::Path::new(file));
    }
    keys::check_configured(&config)?;
    let conn = db::connect_with(&config.database_url, config.max_connections)
        .await
        .map_err(|e| format!("database: {e}"))?;
    db::migrate(&conn)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    let key_file = keys::key_file(&config);
    if let Command::RotateKeys = command {
        return keys::rotate(key_file.as_deref(), &conn).await;
    }
    // Before anything reads or writes personal data: the key ring, and everything sealed.
    let ring = keys::open(key_file.as_deref(), &conn).await?;
    keys::install_and_seal(&conn, ring).await?;
    match command {
        Command::Migrate => {
            eprintln!("migrations applied");
            Ok(())
        }
        Command::ImportAreas { file } => {
            let path = file.map(Into::into).unwrap_or(config.areas_file.clone());
            cli::import_areas(&conn, &path).await.map(|_| ())
        }
        Command::ImportCalendar { file } => cli::import_calendar(&conn, &file).await,
        Command::SeedDemo {
            certifications,
            areas,
        } => cli::seed_demo(&conn, certifications, &areas).await,
        Command::SeedLedger {
            households,
            area,
            history,
        } => cli::seed_ledger(&conn, households, &area, history).await,
        Command::Rollups { rebuild } => cli::rollups(&conn, rebuild).await,
        Command::CreateUser {
            username,
            role,
            area,
            display_name,
            contact_phone,
        } => cli::create_user(&conn, username, role, area, display_name, contact_phone).await,
        Command::Serve => serve(config, conn).await,
        Command::NewKeys { .. } | Command::RotateKeys => Ok(()),
    }
}

async fn serve(config: Config, conn: sea_orm::DatabaseConnection) -> Result<(), String> {
    // Before any first-start work: a broken build should stop the start at once.
    let assets = config.site_assets()?;
    if areas::count(&conn).await.map_err(|e| e.message("en"))? == 0 {
        eprintln!(
            "first start: importing the national area codes from {}",
            config.areas_file.display()
        );
        cli::import_areas(&conn, &config.areas_file).await?;
        if config.seed_demo {
            eprintln!("first start: seeding the demo data (SEED_DEMO=0 to skip)");
            cli::seed_demo(&conn, 1500, &cli::default_demo_areas()).await?;
        }
    }
    let days = app::backend::service::calendar::seed_bundled(&conn)
        .await
        .map_err(|e| e.message("en"))?;
    if days > 0 {
        eprintln!("first start: {days} announced holiday and make-up days stored");
    }
    if app::backend::service::policies::seed_defaults(&conn)
        .await
        .map_err(|e| e.message("en"))?
    {
        eprintln!("first start: the national assistance policy defaults stored");
    }
    if app::backend::service::certification::standards::seed_defaults(&conn)
        .await
        .map_err(|e| e.message("en"))?
    {
        eprintln!("first start: the national certification standards stored");
    }
    if app::backend::service::platforms::policy::seed_defaults(&conn)
        .await
        .map_err(|e| e.message("en"))?
    {
        eprintln!("first start: the national platform standard and grade rules stored");
    }
    if app::backend::service::performance::system::seed_defaults(&conn)
        .await
        .map_err(|e| e.message("en"))?
    {
        eprintln!("first start: the national performance indicator system stored");
    }
    let store = app::backend::session_store::DbSessionStore::new(conn.clone());
    let rules_db = conn.clone();
    let background = config.background_tasks;
    tokio::spawn(async move {
        if !background {
            return;
        }
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "removing expired sessions failed");
            }
            // What the data proves by the passing of time: stable 零就业家庭, proven exits.
            let on = app::backend::clock::today();
            let applied = async {
                let versions = app::backend::service::policies::versions(&rules_db).await?;
                app::backend::service::assistance::worklist::sweep(&rules_db, None, on, &versions)
                    .await
            };
            match applied.await {
                Ok((stable, exits)) => tracing::info!(stable, exits, "rules applied"),
                Err(e) => tracing::warn!(error = %e, "applying the rules failed"),
            }
        }
    });

    // The dashboards' kept figures: the marked areas counted again, everything on a new day.
    let rollup_db = conn.clone();
    let every = config.rollup_refresh;
    tokio::spawn(async move {
        if !background {
            return;
        }
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match app::backend::service::performance::rollup::refresh(&rollup_db).await {
                Ok(Some(r)) => tracing::info!(full = r.full, marks = r.marks, "roll-ups refreshed"),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "refreshing the roll-ups failed"),
            }
        }
    });

    // Kept registry answers follow writes by other instances and commands: the registry's
    // generation is read every second (one indexed row), and a move drops what is kept.
    // With a read replica, the generation is read there: the kept answers are dropped when
    // the replica holds the write, not before (a drop before would keep its stale answer).
    let read_conn = match &config.read_database_url {
        Some(url) => db::connect_with(url, config.max_connections)
            .await
            .map_err(|e| format!("read database: {e}"))?,
        None => conn.clone(),
    };
    let registry_cache = RegistryCache::new(config.registry_cache_ttl);
    if !config.registry_cache_ttl.is_zero() {
        let (cache, db) = (registry_cache.clone(), read_conn.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
            loop {
                tick.tick().await;
                match app::backend::service::registry_tally::generation(&db).await {
                    Ok(g) => {
                        if cache.follow(g) {
                            tracing::debug!(
                                generation = g,
                                "registry written: kept answers dropped"
                            );
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "reading the registry's generation failed")
                    }
                }
            }
        });
    }

    let state = AppState {
        db: conn,
        read_db: read_conn,
        leptos_options: config.leptos_options(&assets),
        registry_cache,
        areas: AreaCache::new(config.area_cache_ttl),
        dashboards: DashboardCache::new(config.dashboard_cache_ttl),
        assets,
        public_url: config.public_url.clone(),
    };
    let app = server::build_router(state, config.secure_cookies);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?
        // Without TCP_NODELAY every streamed page waits ~40 ms (Nagle + delayed ACK).
        .tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
    eprintln!("listening on http://{}", config.addr);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| e.to_string())
}
