//! The REST API and the server-rendered pages, over real HTTP, on SQLite and (when
//! TEST_DATABASE_URL is set) Postgres.

use app::backend::seed;
use app::backend::testing::TestDb;
use app::backend::{AppState, AreaCache, DashboardCache, RegistryCache, SiteAssets};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::net::SocketAddr;

mod accounts;
mod assistance;
mod certification;
mod document;
mod hostile;
mod keys;
mod ledger;
mod performance;
mod platforms;
mod public;
mod site;

struct TestApp {
    base: String,
    db: TestDb,
    cache: RegistryCache,
}

impl TestApp {
    async fn start(db: TestDb) -> TestApp {
        TestApp::start_with(db, RegistryCache::disabled()).await
    }

    async fn start_with(db: TestDb, cache: RegistryCache) -> TestApp {
        TestApp::start_on_site(db, cache, "target/site", SiteAssets::default()).await
    }

    /// A server whose built site lies at `site_root`, named by `assets`.
    async fn start_on_site(
        db: TestDb,
        cache: RegistryCache,
        site_root: &str,
        assets: SiteAssets,
    ) -> TestApp {
        seed::seed_accounts(&db.db).await.expect("accounts");
        seed::seed_certifications(&db.db, &["440305", "110101"], 40, |_| {})
            .await
            .expect("certs");
        let state = AppState {
            db: db.db.clone(),
            read_db: db.db.clone(),
            leptos_options: leptos::config::LeptosOptions::builder()
                .output_name(assets.app.clone())
                .site_root(site_root)
                .build(),
            registry_cache: cache.clone(),
            areas: AreaCache::new(std::time::Duration::from_secs(300)),
            dashboards: DashboardCache::new(std::time::Duration::from_secs(60)),
            assets,
            public_url: None,
        };
        TestApp {
            base: spawn(state).await,
            db,
            cache,
        }
    }

    /// A second server on this app's database, with process state of its own (caches,
    /// locks): what two instances behind one proxy share goes through the database.
    async fn twin(&self) -> String {
        self.twin_reading(&self.db.db).await
    }

    /// A [`TestApp::twin`] whose public registry, checks and dashboards read `read_db` (as
    /// with `READ_DATABASE_URL`), everything else this app's database.
    async fn twin_reading(&self, read_db: &sea_orm::DatabaseConnection) -> String {
        let assets = SiteAssets::default();
        spawn(AppState {
            db: self.db.db.clone(),
            read_db: read_db.clone(),
            leptos_options: leptos::config::LeptosOptions::builder()
                .output_name(assets.app.clone())
                .site_root("target/site")
                .build(),
            registry_cache: RegistryCache::disabled(),
            areas: AreaCache::disabled(),
            dashboards: DashboardCache::new(std::time::Duration::from_secs(60)),
            assets,
            public_url: None,
        })
        .await
    }

    fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    async fn login(&self, username: &str) -> reqwest::Client {
        let c = self.client();
        let r = c
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"username": username, "password": seed::DEMO_PASSWORD}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::OK, "login {username}");
        c
    }
}

/// Serves `state` on a free local port; its base URL.
async fn spawn(state: AppState) -> String {
    let app = server::build_router(state, false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    format!("http://{addr}")
}

async fn apps() -> Vec<TestApp> {
    let mut out = Vec::new();
    for t in TestDb::all().await.expect("dbs") {
        out.push(TestApp::start(t.with_areas().await.expect("areas")).await);
    }
    out
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let body = r.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

async fn get(c: &reqwest::Client, url: String) -> (StatusCode, Value) {
    json_of(c.get(url).send().await.expect("get")).await
}
