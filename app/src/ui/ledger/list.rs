//! The households of the account's area, newest first, with filters and paging.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::fields::{field_error, value};
use super::refused;
use crate::api::ledger::{FindByIdNumber, list_households, take_form_state};
use crate::i18n::tr;
use crate::model::ledger::{HouseholdItem, HouseholdQuery};
use crate::ui::components::{DemoTag, Pager, query_string};
use crate::ui::layout::Me;

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
    let find = ServerAction::<FindByIdNumber>::new();
    // The lookup by number is for the roles that see numbers in full (the others would rebuild
    // a masked number by trying the few thousand it leaves open). The account is the header's;
    // a refused lookup comes back with `?find=refused`, and only then is its form read.
    let me = use_context::<Me>();
    let refused_find = Memo::new(move |_| query.read().get("find").is_some());
    let find_state = Resource::new(
        move || refused_find.get(),
        move |refused| async move {
            let full = match me {
                Some(Me(me)) => me.await?.is_some_and(|u| u.role.writes_ledger()),
                None => false,
            };
            let state = if full && refused {
                take_form_state("ledger-find".into()).await?
            } else {
                None
            };
            Ok::<_, crate::model::AppError>((full, state))
        },
    );
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
                    <label for="q">{tr("ledger.search_label")}</label>
                    <input id="q" name="q" type="search" maxlength="50" aria-describedby="q-hint"
                        value=move || params.get().q.unwrap_or_default()/>
                    <p class="muted" id="q-hint">{tr("ledger.search_hint")}</p>
                </div>
                <label class="check">
                    <input type="checkbox" name="zero" value="1"
                        checked=move || params.get().zero.is_some()/>
                    {tr("ledger.zero_only")}
                </label>
                <button type="submit">{tr("registry.search")}</button>
            </form>
            // The number goes in the body of a POST, never into a URL or the browser's history.
            <Suspense>
                {move || Suspend::new(async move {
                    let Ok((true, state)) = find_state.await else {
                        return None;
                    };
                    Some(view! {
                        <ActionForm action=find attr:class="search-form" attr:id="find">
                            <div class="field">
                                <label for="find-id-number">{tr("ledger.find_label")}</label>
                                <input id="find-id-number" name="input[id_number]" maxlength="24"
                                    autocomplete="off" inputmode="text" required
                                    value=value(&state, "id_number", None)/>
                                {field_error(&state, "id_number")}
                            </div>
                            <button type="submit">{tr("ledger.find")}</button>
                        </ActionForm>
                    })
                })}
            </Suspense>
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
                            <p class="result-count" data-total=found.total data-capped=found.capped.to_string()>
                                {if found.capped {
                                    tr("ledger.count_capped").replace("{n}", &found.total.to_string())
                                } else {
                                    tr("ledger.count").replace("{n}", &found.total.to_string())
                                }}
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
