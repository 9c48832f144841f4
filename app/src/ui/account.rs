//! The signed-in account, and the accounts inside its area scope.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::components::{DemoTag, ErrorBox, set_error_status};
use crate::api::accounts::list_accounts;
use crate::api::auth::current_user;
use crate::api::calendar::calendar_status;
use crate::domain::calendar::Basis;
use crate::domain::role::Role;
use crate::i18n::tr;
use crate::model::AppError;

pub fn role_label(role: Role) -> String {
    tr(&format!("role.{}", role.as_str()))
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let query = use_query_map();
    let area = Memo::new(move |_| query.read().get("area"));
    let me = Resource::new(|| (), |_| current_user());
    let accounts = Resource::new(move || area.get(), list_accounts);
    view! {
        {super::page_title("account.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) => view! {
                        <section class="card">
                            <h1>{user.display_name.clone()}</h1>
                            <dl class="facts">
                                <dt>{tr("login.username")}</dt><dd>{user.username.clone()}</dd>
                                <dt>{tr("account.role")}</dt><dd>{role_label(user.role)}</dd>
                                <dt>{tr("account.area")}</dt>
                                <dd>{user.area_name.clone().unwrap_or_else(|| tr("areas.country"))}</dd>
                            </dl>
                        </section>
                        {(user.role == Role::Admin).then(|| view! { <CalendarCard/> })}
                    }.into_any(),
                    Ok(None) => {
                        let e = AppError::Unauthenticated;
                        set_error_status(&e);
                        view! { <ErrorBox error=e/><p><a href="/login?next=/account">{tr("nav.login")}</a></p> }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <section class="card">
            <h2>{tr("account.in_scope")}</h2>
            <Form method="GET" action="/account" attr:class="search-form">
                <div class="field">
                    <label for="area">{tr("account.area_filter")}</label>
                    <input id="area" name="area" inputmode="numeric" maxlength="12"
                        value=move || area.get().unwrap_or_default()/>
                </div>
                <button type="submit">{tr("registry.search")}</button>
            </Form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(list) => view! {
                            <ul class="results">
                                {list.into_iter().map(|a| view! {
                                    <li class="result">
                                        <div class="result-head">
                                            <strong>{a.display_name}</strong>
                                            <DemoTag is_demo=a.is_demo/>
                                        </div>
                                        <p class="muted">
                                            {a.username}" · "{role_label(a.role)}" · "
                                            {a.area_name.unwrap_or_else(|| tr("areas.country"))}
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(AppError::Unauthenticated) => ().into_any(),
                        Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The name of a calendar basis in the page's language.
pub fn basis_label(basis: Basis) -> String {
    tr(&format!("calendar.basis.{}", basis.as_str()))
}

/// The working-day calendar's basis per year, and a warning when an arrangement is missing.
#[component]
fn CalendarCard() -> impl IntoView {
    let status = Resource::new(|| (), |_| calendar_status());
    view! {
        <section class="card" id="calendar">
            <h2>{tr("calendar.title")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) => view! {
                            {s.missing_arrangement.map(|y| view! {
                                <p class="notice warn" role="alert">
                                    {tr("calendar.missing").replace("{year}", &y.to_string())}
                                </p>
                            })}
                            <dl class="facts">
                                {s.years.into_iter().map(|b| view! {
                                    <dt>{tr("calendar.year").replace("{year}", &b.year.to_string())}</dt>
                                    <dd>{basis_label(b.basis)}</dd>
                                }).collect_view()}
                            </dl>
                        }.into_any(),
                        Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
