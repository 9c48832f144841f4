//! 今日工作: the phone home page of a coordinator (and of the officers above): households to
//! visit, 零就业家庭 to clear with their deadlines, files to review, all in the account's area.

use leptos::prelude::*;

use super::reviews::step_label;
use crate::api::ledger::work_list;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::work::WorkList;
use crate::ui::components::{DueBasis, ErrorBox, set_error_status};

#[component]
pub fn WorkPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| work_list());
    view! {
        {crate::ui::page_title("work.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(w) => work_view(w).into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let login = matches!(e, AppError::Unauthenticated)
                            .then(|| view! { <p><a href="/login?next=/work">{tr("nav.login")}</a></p> });
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn work_view(w: WorkList) -> impl IntoView {
    let s = w.zero_summary.clone();
    view! {
        <section class="card">
            <h1>{tr("work.title")}" · "{w.today.clone()}</h1>
            <dl class="facts" id="zero-summary">
                <dt>{tr("work.zero_open")}</dt><dd data-count="open">{s.open}</dd>
                <dt>{tr("work.zero_overdue")}</dt><dd data-count="overdue">{s.overdue}</dd>
                <dt>{tr("work.zero_cleared")}</dt><dd data-count="cleared">{s.cleared}</dd>
                <dt>{tr("work.zero_stable")}</dt><dd data-count="stable">{s.stable}</dd>
                <dt>{tr("work.new_cases")}</dt><dd>{w.new_cases}</dd>
            </dl>
            {(w.open_duplicates > 0).then(|| view! {
                <p><a href="/duplicates" id="duplicates-link">{tr("dup.link").replace("{n}", &w.open_duplicates.to_string())}</a></p>
            })}
        </section>
        <section class="card" id="zero-cases">
            <h2>{tr("work.zero_title")}</h2>
            <p><a href="/zero" id="zero-overview-link">{tr("zero.by_community")}</a></p>
            {w.zero_cases.is_empty().then(|| view! { <p class="empty">{tr("work.zero_none")}</p> })}
            <ul class="results">
                {w.zero_cases.into_iter().map(|c| view! {
                    <li class="result">
                        <div class="result-head">
                            <a class="result-name" href=format!("/ledger/{}", c.household_id)>{c.address}</a>
                            <span class="badge">{tr(&format!("zero.stage.{}", c.stage.as_str()))}</span>
                            {c.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                        </div>
                        <p class="muted">{c.community_name}</p>
                        <p class="result-meta">
                            <span>{tr("work.identified_on")}": "{c.identified_on}</span>
                            <span class="due">{tr("work.clear_by")}": "{c.clear_by}</span>
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card" id="work-reviews">
            <h2>{tr("reviews.title")}</h2>
            {w.reviews.is_empty().then(|| view! { <p class="empty">{tr("reviews.none")}</p> })}
            <ul class="results">
                {w.reviews.into_iter().map(|t| view! {
                    <li class="result">
                        <div class="result-head">
                            <a class="result-name" href="/reviews">{t.person_name}</a>
                            <span class="badge">{step_label(t.step)}</span>
                            {t.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                        </div>
                        <p class="result-meta"><span class="due">{tr("reviews.due")}": "{t.step_due.unwrap_or_default()}</span><DueBasis bases=t.step_due_basis/></p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card" id="overdue-items">
            <h2>{tr("work.overdue_items")}</h2>
            {w.overdue_items.is_empty().then(|| view! { <p class="empty">{tr("work.overdue_none")}</p> })}
            <ul class="results">
                {w.overdue_items.into_iter().map(|i| view! {
                    <li class="result">
                        <div class="result-head">
                            <a class="result-name" href=format!("/people/{}#plan", i.person_id)>{i.person_name}</a>
                            <span class="badge">{tr(&format!("plan.service.{}", i.service.as_str()))}</span>
                            <span class="badge bad">{tr("reviews.overdue")}</span>
                        </div>
                        <p class="result-meta"><span class="due">{tr("reviews.due")}": "{i.due_on}</span><DueBasis bases=i.due_basis/></p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card" id="due-visits">
            <h2>{tr("work.visits_title")}</h2>
            {w.due_visits.is_empty().then(|| view! { <p class="empty">{tr("work.visits_none")}</p> })}
            <ul class="results">
                {w.due_visits.into_iter().map(|h| view! {
                    <li class="result">
                        <div class="result-head">
                            <a class="result-name" href=format!("/ledger/{}#visits", h.id)>{h.address}</a>
                            {h.zero_employment.then(|| view! { <span class="badge bad">{tr("ledger.zero_badge")}</span> })}
                        </div>
                        <p class="result-meta">
                            <span>{tr("ledger.next_visit")}": "{h.next_visit_on.unwrap_or_else(|| tr("ledger.never"))}</span>
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
