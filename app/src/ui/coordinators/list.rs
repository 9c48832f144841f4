//! The coordinators of the account's area (`/coordinators`), filtered and paged.

use super::labels::{grade_label, rating_label};
use crate::api::coordinators::list_coordinators;
use crate::i18n::tr;
use crate::model::coordinator::{CoordinatorQuery, CoordinatorRow};
use crate::ui::components::{Pager, query_string};
use crate::ui::ledger::refused;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CoordinatorsPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || {
        let m = query.read();
        CoordinatorQuery {
            area: m.get("area"),
            q: m.get("q"),
            page: m.get("page"),
            per_page: None,
        }
    };
    let data = Resource::new(q, list_coordinators);
    view! {
        {crate::ui::page_title("coordinators.title")}
        <section class="card">
            <h1>{tr("coordinators.title")}</h1>
            <form method="get" action="/coordinators" class="search">
                <label for="q" class="visually-hidden">{tr("coordinators.search")}</label>
                <input id="q" name="q" placeholder=tr("coordinators.search") value=move || q().q.unwrap_or_default()/>
                <button type="submit">{tr("coordinators.search_submit")}</button>
            </form>
            <p class="result-meta">
                <a href="/coordinators/new">{tr("coordinators.new")}</a>
                <a href="/coordinators/import">{tr("coordinators.import")}</a>
                <a href="/promotions">{tr("nav.promotions")}</a>
            </p>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let pages = page.page_count();
                        let current = q();
                        let href = Callback::new(move |n: u64| {
                            format!("/coordinators{}", query_string(&[
                                ("q", current.q.clone()),
                                ("area", current.area.clone()),
                                ("page", Some(n.to_string())),
                            ]))
                        });
                        view! {
                            <p class="muted">{tr("coordinators.count").replace("{n}", &page.total.to_string())}</p>
                            {page.items.is_empty().then(|| view! { <p class="empty">{tr("coordinators.none")}</p> })}
                            <ul class="results" id="coordinators">{page.items.into_iter().map(coordinator_row).collect_view()}</ul>
                            <Pager page=page.page pages=pages href=href/>
                        }.into_any()
                    }
                    Err(e) => refused(e, "/coordinators".into()),
                }
            })}
        </Suspense>
    }
}

fn coordinator_row(c: CoordinatorRow) -> impl IntoView {
    view! {
        <li class="result card" data-coordinator=c.id>
            <div class="result-head">
                <a class="result-name" href=format!("/coordinators/{}", c.id)>{c.name.clone()}</a>
                <span class="badge">{grade_label(c.grade)}</span>
                {c.promotion_candidate.then(|| view! { <span class="badge ok">{tr("coordinators.candidate")}</span> })}
                {c.non_renewal.then(|| view! { <span class="badge bad">{tr("coordinators.non_renewal")}</span> })}
            </div>
            <p class="muted">
                {c.area.name.clone()}" · "{tr(&format!("employment.{}", c.employment.as_str()))}" · "{c.id_number.clone()}
                {c.latest_rating.map(|r| format!(" · {} {}", r.year, rating_label(r.rating)))}
            </p>
        </li>
    }
}
