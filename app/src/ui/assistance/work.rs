//! 今日工作: the phone home page of a coordinator (and of the officers above): households to
//! visit, 零就业家庭 to clear with their deadlines, files to review, all in the account's area;
//! in groups, the most urgent first: each group's first five, or one group paged.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::reviews::step_label;
use crate::api::ledger::work_list;
use crate::domain::worklist::WorkGroup;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::assistance::{PlanItemView, TargetItem};
use crate::model::ledger::HouseholdItem;
use crate::model::work::{GroupCount, WorkList, WorkQuery, ZeroCaseItem};
use crate::ui::components::{DueBasis, ErrorBox, Pager, set_error_status};

#[component]
pub fn WorkPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| {
        let q = query.read();
        WorkQuery {
            group: q.get("group"),
            page: q.get("page"),
        }
    });
    let data = Resource::new(move || params.get(), work_list);
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
                        let back = matches!(e, AppError::Invalid(_))
                            .then(|| view! { <p><a href="/work">{tr("work.all_groups")}</a></p> });
                        view! { <ErrorBox error=e/>{login}{back} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The address of a group's page.
fn group_href(group: WorkGroup, page: u64) -> String {
    if page > 1 {
        format!("/work?group={}&page={page}", group.as_str())
    } else {
        format!("/work?group={}", group.as_str())
    }
}

/// A count as the page shows it: "200+" when the list stopped at its bound.
fn shown_count(c: GroupCount) -> String {
    if c.capped {
        format!("{}+", c.total)
    } else {
        c.total.to_string()
    }
}

fn work_view(w: WorkList) -> impl IntoView {
    let WorkList {
        today,
        group: opened,
        page,
        pages,
        counts,
        mut due_visits,
        mut zero_cases,
        zero_summary: s,
        mut reviews,
        mut overdue_items,
        new_cases,
        open_duplicates,
    } = w;
    // One tile per group, the most urgent kind first: its size and how many are late.
    let tiles = WorkGroup::ALL
        .into_iter()
        .map(|g| {
            let c = counts.of(g);
            let current = (opened == Some(g)).then_some("page");
            view! {
                <li>
                    <a class="tile" href=group_href(g, 1) aria-current=current data-group=g.as_str()>
                        <span class="tile-count" data-total=c.total>{shown_count(c)}</span>
                        <span class="tile-label">{tr(&format!("work.group.{}", g.as_str()))}</span>
                        {(c.overdue > 0).then(|| view! {
                            <span class="badge bad" data-overdue=c.overdue>
                                {tr("work.late_n").replace("{n}", &c.overdue.to_string())}
                            </span>
                        })}
                    </a>
                </li>
            }
        })
        .collect_view();
    let sections = WorkGroup::ALL
        .into_iter()
        .filter(|g| opened.is_none_or(|o| o == *g))
        .map(|g| {
            let c = counts.of(g);
            // The group's slice (taken: each group is drawn once) and how many it holds.
            let (shown, items) = match g {
                WorkGroup::Zero => (
                    zero_cases.len(),
                    zero_items(std::mem::take(&mut zero_cases)).into_any(),
                ),
                WorkGroup::Reviews => (
                    reviews.len(),
                    review_items(std::mem::take(&mut reviews)).into_any(),
                ),
                WorkGroup::Services => (
                    overdue_items.len(),
                    service_items(std::mem::take(&mut overdue_items)).into_any(),
                ),
                WorkGroup::Visits => (
                    due_visits.len(),
                    visit_items(std::mem::take(&mut due_visits)).into_any(),
                ),
            };
            let more = (opened.is_none() && c.total > shown as u64).then(|| {
                view! {
                    <p><a class="button more" href=group_href(g, 1)>
                        {tr("work.see_all").replace("{n}", &shown_count(c))}
                    </a></p>
                }
            });
            let pager = opened.map(|_| {
                view! {
                    <Pager page=page pages=pages href=Callback::new(move |p| group_href(g, p))/>
                    <p><a href="/work" id="work-overview">{tr("work.all_groups")}</a></p>
                }
            });
            let extra = (g == WorkGroup::Zero).then(|| {
                view! {
                    <p><a href="/zero" id="zero-overview-link">{tr("zero.by_community")}</a></p>
                }
            });
            view! {
                <section class="card work-group" id=section_id(g) data-group=g.as_str()>
                    <h2>
                        {tr(&format!("work.group_title.{}", g.as_str()))}
                        " "<span class="muted group-count">
                            {tr("work.count_of").replace("{n}", &shown_count(c))}
                        </span>
                    </h2>
                    {extra}
                    {(c.total == 0).then(|| view! {
                        <p class="empty">{tr(&format!("work.group_none.{}", g.as_str()))}</p>
                    })}
                    {items}
                    {more}
                    {pager}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h1>{tr("work.title")}" · "{today}</h1>
            <ul class="tiles" aria-label=tr("work.groups")>{tiles}</ul>
            <details class="zero-facts">
                <summary>{tr("work.zero_facts")}</summary>
                <dl class="facts" id="zero-summary">
                    <dt>{tr("work.zero_open")}</dt><dd data-count="open">{s.open}</dd>
                    <dt>{tr("work.zero_overdue")}</dt><dd data-count="overdue">{s.overdue}</dd>
                    <dt>{tr("work.zero_cleared")}</dt><dd data-count="cleared">{s.cleared}</dd>
                    <dt>{tr("work.zero_stable")}</dt><dd data-count="stable">{s.stable}</dd>
                    <dt>{tr("work.new_cases")}</dt><dd>{new_cases}</dd>
                </dl>
            </details>
            {(open_duplicates > 0).then(|| view! {
                <p><a href="/duplicates" id="duplicates-link">{tr("dup.link").replace("{n}", &open_duplicates.to_string())}</a></p>
            })}
        </section>
        {sections}
    }
}

/// The element id of a group's section (kept stable for links and tests).
fn section_id(g: WorkGroup) -> &'static str {
    match g {
        WorkGroup::Zero => "zero-cases",
        WorkGroup::Reviews => "work-reviews",
        WorkGroup::Services => "overdue-items",
        WorkGroup::Visits => "due-visits",
    }
}

fn zero_items(cases: Vec<ZeroCaseItem>) -> impl IntoView {
    view! {
        <ul class="results">
            {cases.into_iter().map(|c| view! {
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
    }
}

fn review_items(files: Vec<TargetItem>) -> impl IntoView {
    view! {
        <ul class="results">
            {files.into_iter().map(|t| view! {
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
    }
}

fn service_items(items: Vec<PlanItemView>) -> impl IntoView {
    view! {
        <ul class="results">
            {items.into_iter().map(|i| view! {
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
    }
}

fn visit_items(households: Vec<HouseholdItem>) -> impl IntoView {
    view! {
        <ul class="results">
            {households.into_iter().map(|h| view! {
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
    }
}
