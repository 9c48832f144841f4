//! The whole router: pages and server functions (Leptos), the REST API, health, language.

use axum::Router;
use axum::middleware;
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::backend::AppState;
use app::backend::session_store::DbSessionStore;
use app::{App, shell};

/// Builds the application. `secure_cookies` marks the session cookie `Secure` (TLS).
pub fn build_router(state: AppState, secure_cookies: bool) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(crate::page_cache::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::hours(8),
        ));

    let routes = generate_route_list(App);
    let leptos_state = state.clone();
    let fallback_state = state.clone();
    let options = state.leptos_options.clone();
    let pkg_dir =
        std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());

    Router::new()
        .route("/healthz", get(crate::rest::health::healthz))
        .route("/lang/{code}", get(crate::lang::switch))
        .route(
            "/uploads/ratings",
            axum::routing::post(crate::uploads::ratings).layer(crate::uploads::limit()),
        )
        .nest("/api/v1", crate::rest::router())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(leptos_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_state.clone()), shell
        ))
        .layer(middleware::from_fn(crate::server_fns::answer_like_rest))
        .layer(middleware::from_fn(crate::security::reject_cross_site))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::page_cache::serve,
        ))
        // The bundle needs no session, page cache or cross-site check: nested after them.
        .nest_service("/pkg", crate::static_files::router(&pkg_dir))
        .layer(middleware::from_fn_with_state(
            secure_cookies,
            crate::security::security_headers,
        ))
        .layer(CompressionLayer::new())
        .with_state(state)
}
