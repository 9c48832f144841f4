//! The households of the account's area, newest first, with filters and paging.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::refused;
use crate::api::ledger::list_households;
use crate::i18n::tr;
use crate::model::ledger::{HouseholdItem, HouseholdQuery};
use crate::ui::components::{DemoTag, Pager, query_string};

#[component]
pub fn LedgerPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| {
        let q = query.read();
        HouseholdQuery {
            area: q.get("area"),
            q: q.get("q"),
            zero: q.get("zero"),
            page: q.get("page"),
            per_page: q.get("per_page"),
        }
    });
    let page = Resource::new(move || params.get(), list_households);
    view! {
        {crate::ui::page_title("ledger.title")}
        <section class="card">
            <div class="title-row">
                <h1>{tr("ledger.title")}</h1>
                <a class="button primary" href="/ledger/new">{tr("ledger.new")}</a>
                <a class="button" id="export" rel="external" download
                    href=move || format!("/api/v1/households/export{}", query_string(&[
                        ("q", None),
                        ("zero", params.get().zero),
                        ("area", params.get().area),
                    ]))>{tr("ledger.export")}</a>
            </div>
            <form method="GET" action="/ledger" class="search-form">
                <div class="field">
                    <label for="q">{tr("ledger.address_filter")}</label>
                    <input id="q" name="q" type="search" maxlength="50"
                        value=move || params.get().q.unwrap_or_default()/>
                </div>
                <label class="check">
                    <input type="checkbox" name="zero" value="1"
                        checked=move || params.get().zero.is_some()/>
                    {tr("ledger.zero_only")}
                </label>
                <button type="submit">{tr("registry.search")}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let p = params.get_untracked();
                match page.await {
                    Ok(found) => {
                        let pages = found.page_count();
                        let href = Callback::new(move |n: u64| {
                            format!("/ledger{}", query_string(&[
                                ("q", p.q.clone()),
                                ("zero", p.zero.clone()),
                                ("area", p.area.clone()),
                                ("page", Some(n.to_string())),
                            ]))
                        });
                        view! {
                            <p class="result-count" data-total=found.total>
                                {tr("ledger.count").replace("{n}", &found.total.to_string())}
                            </p>
                            {found.items.is_empty().then(|| view! { <p class="empty">{tr("ledger.none")}</p> })}
                            <ul class="results households">
                                {found.items.into_iter().map(household_row).collect_view()}
                            </ul>
                            <Pager page=found.page pages=pages href=href/>
                        }.into_any()
                    }
                    Err(e) => refused(e, "/ledger".into()),
                }
            })}
        </Suspense>
    }
}

fn household_row(h: HouseholdItem) -> impl IntoView {
    let href = format!("/ledger/{}", h.id);
    view! {
        <li class="result">
            <div class="result-head">
                <a href=href class="result-name">{h.address}</a>
                {h.zero_employment.then(|| view! { <span class="badge bad">{tr("ledger.zero_badge")}</span> })}
                <DemoTag is_demo=h.is_demo/>
            </div>
            <p class="muted">
                {h.community_name}" · "{tr("ledger.members_n").replace("{n}", &h.member_count.to_string())}
            </p>
            <p class="result-meta">
                <span>{tr("ledger.last_visit")}": "{h.last_visit_on.unwrap_or_else(|| tr("ledger.never"))}</span>
                {h.next_visit_on.map(|d| view! { <span>{tr("ledger.next_visit")}": "{d}</span> })}
            </p>
        </li>
    }
}
