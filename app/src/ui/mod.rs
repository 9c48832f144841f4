//! Pages (one module per screen family) and shared components.

mod account;
mod areas;
mod assistance;
mod certification;
mod components;
mod coordinators;
mod layout;
mod ledger;
mod login;
mod performance;
mod platforms;
mod policies;
mod promotions;
mod rate_axis;
mod registry;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment, path};

use crate::i18n::{Locale, tr};

/// The language of this render: from the request's cookie on the server, from the page's
/// `lang` attribute (written by the server) in the browser.
fn detect_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        let cookie = use_context::<http::request::Parts>().and_then(|p| {
            p.headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        });
        Locale::from_headers(cookie.as_deref())
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::i18n::page_locale()
    }
}

/// The site icon, inline (no request): 就 in white on the header red.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E\
%3Crect width='32' height='32' rx='6' fill='%23b4231b'/%3E%3Ctext x='16' y='24' font-size='22' \
text-anchor='middle' fill='white'%3E%E5%B0%B1%3C/text%3E%3C/svg%3E";

/// The Content-Security-Policy of a page whose inline scripts carry `nonce` (Leptos puts the
/// response's nonce on its hydration scripts): scripts only from those and what they load
/// (`strict-dynamic`), WebAssembly compiled, everything else from this site; inline style
/// attributes are allowed (the charts' bar heights), plugins, framing and foreign forms not.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The HTML document around the app (server only); it sets the page's CSP header.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = detect_locale();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b4231b"/>
                <link rel="icon" href=FAVICON/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's address: its content-hashed name (`pkg/assets.json`) on the server, where
/// every page is rendered (with islands the browser never renders `App`).
fn stylesheet_href() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::backend::AppState>()
            .map(|st| st.assets.stylesheet_href(&st.leptos_options.site_pkg_dir))
            .unwrap_or_else(|| crate::backend::SiteAssets::default().stylesheet_href("pkg"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/pkg/jiceng.css".to_string()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_locale());
    // Every title ends with the platform's name in the page's language.
    let name = tr("app.short_name");
    view! {
        <Stylesheet id="leptos" href=stylesheet_href()/>
        <Title formatter=move |text: String| {
            if text.is_empty() { name.clone() } else { format!("{text} · {name}") }
        }/>
        <Router>
            <layout::Layout>
                <Routes fallback=|| view! { <components::NotFound/> }>
                    <Route path=StaticSegment("") ssr=SsrMode::Async view=registry::RegistryPage/>
                    <Route path=path!("/communities/:code") ssr=SsrMode::Async view=registry::community::CommunityPage/>
                    <Route path=StaticSegment("verify") ssr=SsrMode::Async view=registry::verify::VerifyFormPage/>
                    <Route path=(StaticSegment("verify"), ParamSegment("number")) ssr=SsrMode::Async view=registry::verify::VerifyPage/>
                    <Route path=StaticSegment("areas") ssr=SsrMode::Async view=areas::AreasPage/>
                    <Route path=(StaticSegment("areas"), ParamSegment("code")) ssr=SsrMode::Async view=areas::AreasPage/>
                    <Route path=StaticSegment("login") ssr=SsrMode::Async view=login::LoginPage/>
                    <Route path=StaticSegment("account") ssr=SsrMode::Async view=account::AccountPage/>
                    <Route path=StaticSegment("ledger") ssr=SsrMode::Async view=ledger::LedgerPage/>
                    <Route path=path!("/ledger/new") ssr=SsrMode::Async view=ledger::NewHouseholdPage/>
                    <Route path=path!("/ledger/:id") ssr=SsrMode::Async view=ledger::HouseholdPage/>
                    <Route path=path!("/people/:id") ssr=SsrMode::Async view=ledger::PersonPage/>
                    <Route path=path!("/people/:id/card") ssr=SsrMode::Async view=assistance::CardPrintPage/>
                    <Route path=StaticSegment("cards") ssr=SsrMode::Async view=registry::verify::VerifyFormPage/>
                    <Route path=path!("/cards/:number") ssr=SsrMode::Async view=assistance::CardCheckPage/>
                    <Route path=StaticSegment("reviews") ssr=SsrMode::Async view=assistance::ReviewsPage/>
                    <Route path=StaticSegment("work") ssr=SsrMode::Async view=assistance::WorkPage/>
                    <Route path=StaticSegment("zero") ssr=SsrMode::Async view=ledger::ZeroOverviewPage/>
                    <Route path=StaticSegment("duplicates") ssr=SsrMode::Async view=ledger::DuplicatesPage/>
                    <Route path=StaticSegment("certification") ssr=SsrMode::Async view=certification::CertificationPage/>
                    <Route path=path!("/certification/applications/:id") ssr=SsrMode::Async view=certification::ApplicationPage/>
                    <Route path=path!("/certification/rounds/:id") ssr=SsrMode::Async view=certification::RoundPage/>
                    <Route path=path!("/certification/communities/:code") ssr=SsrMode::Async view=certification::CommunityFilePage/>
                    <Route path=StaticSegment("notices") ssr=SsrMode::Async view=certification::NoticesPage/>
                    <Route path=StaticSegment("platforms") ssr=SsrMode::Async view=platforms::PlatformsPage/>
                    <Route path=StaticSegment("policies") ssr=SsrMode::Async view=policies::PoliciesPage/>
                    <Route path=StaticSegment("performance") ssr=SsrMode::Async view=performance::PerformancePage/>
                    <Route path=path!("/performance/figure") ssr=SsrMode::Async view=performance::FigurePage/>
                    <Route path=path!("/performance/dashboard") ssr=SsrMode::Async view=performance::DashboardPage/>
                    <Route path=path!("/performance/assessments") ssr=SsrMode::Async view=performance::AssessmentsPage/>
                    <Route path=path!("/performance/assessments/:id") ssr=SsrMode::Async view=performance::AssessmentPage/>
                    <Route path=path!("/performance/ratings") ssr=SsrMode::Async view=performance::RatingsPage/>
                    <Route path=path!("/platforms/:code") ssr=SsrMode::Async view=platforms::PlatformPage/>
                    <Route path=StaticSegment("coordinators") ssr=SsrMode::Async view=coordinators::CoordinatorsPage/>
                    <Route path=path!("/coordinators/new") ssr=SsrMode::Async view=coordinators::NewCoordinatorPage/>
                    <Route path=path!("/coordinators/me") ssr=SsrMode::Async view=coordinators::MyRecordPage/>
                    <Route path=path!("/coordinators/import") ssr=SsrMode::Async view=coordinators::ImportRatingsPage/>
                    <Route path=path!("/coordinators/:id") ssr=SsrMode::Async view=coordinators::CoordinatorPage/>
                    <Route path=StaticSegment("promotions") ssr=SsrMode::Async view=promotions::PromotionsPage/>
                    <Route path=path!("/promotions/:id") ssr=SsrMode::Async view=promotions::PromotionRoundPage/>
                    <Route path=path!("/promotion-notices") ssr=SsrMode::Async view=promotions::PromotionNoticesPage/>
                </Routes>
            </layout::Layout>
        </Router>
    }
}

/// A page title in the current language.
pub(crate) fn page_title(key: &'static str) -> impl IntoView {
    view! { <Title text=tr(key)/> }
}
