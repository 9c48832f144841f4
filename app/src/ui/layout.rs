//! The frame of every page: header with navigation, account and language switch.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::auth::{Logout, current_user};
use crate::i18n::{tr, use_locale};
use crate::model::AppError;
use crate::model::account::AccountView;

/// The signed-in account as the header read it for this page, for pages that adapt to the role
/// without asking the server again (`use_context::<Me>()`).
#[derive(Clone, Copy)]
pub struct Me(pub Resource<Result<Option<AccountView>, AppError>>);

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    // Re-read the account on every navigation, so signing in or out shows at once.
    let me = Resource::new(move || location.pathname.get(), |_| current_user());
    provide_context(Me(me));
    let logout = ServerAction::<Logout>::new();
    let locale = use_locale();
    // A followed link closes the menu (client-side navigation keeps the header in place).
    let menu = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(menu) = menu.get() {
            let _ = menu.remove_attribute("open");
        }
    });
    let other = locale.other();
    let lang_href = move || {
        let path = location.pathname.get();
        let search = location.search.get();
        let next = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        format!(
            "/lang/{}?next={}",
            other.code(),
            crate::domain::text::encode_query_value(&next)
        )
    };
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">
                    <span class="brand-mark">"就"</span>
                    <span>{tr("app.name")}</span>
                </A>
                // On a phone the links fold into 「菜单」 beside the brand (a <details>, so it opens without
                // JavaScript); from 720 px they stand in one row. Every link is a 44 px target.
                <details class="menu" node_ref=menu>
                    <summary>
                        <span class="menu-icon" aria-hidden="true">"☰"</span>
                        {tr("nav.menu")}
                    </summary>
                    <nav class="nav" aria-label=tr("nav.label")>
                        <A href="/" exact=true>{tr("nav.registry")}</A>
                        <A href="/verify">{tr("nav.verify")}</A>
                        <A href="/areas">{tr("nav.areas")}</A>
                        <A href="/notices">{tr("nav.notices")}</A>
                        <A href="/promotion-notices">{tr("nav.promotion_notices")}</A>
                        <Transition fallback=|| ()>
                            {move || Suspend::new(async move {
                                match me.await {
                                    Ok(Some(user)) => view! {
                                        {user.role.reads_ledger().then(|| view! {
                                            <A href="/ledger">{tr("nav.ledger")}</A>
                                            <A href="/certification">{tr("nav.certification")}</A>
                                        })}
                                        {user.role.writes_ledger().then(|| view! {
                                            <A href="/work">{tr("nav.work")}</A>
                                            <A href="/reviews">{tr("nav.reviews")}</A>
                                        })}
                                        {(user.role != crate::domain::role::Role::Coordinator).then(|| view! {
                                            <A href="/platforms">{tr("nav.platforms")}</A>
                                            <A href="/coordinators">{tr("nav.coordinators")}</A>
                                            <A href="/policies">{tr("nav.policies")}</A>
                                        })}
                                        {(user.role == crate::domain::role::Role::Coordinator).then(|| view! {
                                            <A href="/coordinators/me">{tr("nav.my_record")}</A>
                                        })}
                                        <A href="/performance">{tr("nav.performance")}</A>
                                        <A href="/performance/dashboard">{tr("nav.dashboard")}</A>
                                        {(user.role == crate::domain::role::Role::HrManager).then(|| view! {
                                            <A href="/performance/ratings">{tr("nav.ratings")}</A>
                                        })}
                                        <A href="/account">{user.display_name}</A>
                                        <ActionForm action=logout attr:class="inline">
                                            <button type="submit" class="link">{tr("nav.logout")}</button>
                                        </ActionForm>
                                    }.into_any(),
                                    _ => view! { <A href="/login">{tr("nav.login")}</A> }.into_any(),
                                }
                            })}
                        </Transition>
                    </nav>
                </details>
                <a class="lang" href=lang_href rel="external" hreflang=other.code()>
                    {tr("nav.other_language")}
                </a>
            </div>
        </header>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // The owner learns of failed sign-ins by others since the last sign-in.
                let failed = me.await.ok().flatten().and_then(|u| u.failed_sign_ins).unwrap_or(0);
                (failed > 0).then(|| view! {
                    <p class="notice warn sign-in-warning" role="alert">
                        {tr("account.failed_sign_ins").replace("{n}", &failed.to_string())}
                    </p>
                })
            })}
        </Transition>
        <main class="content">{children()}</main>
        <footer class="site-footer">
            <p>{tr("footer.text")}</p>
        </footer>
    }
}
