//! 充分就业社区 certification screens: the page of each account (`/certification`), a file
//! with its decisions (`/certification/applications/:id`), a round's pipeline
//! (`/certification/rounds/:id`), a community's file (`/certification/communities/:code`) and
//! the public 公示 (`/notices`).

mod application;
mod community;
mod notices;
mod parts;
mod round;

pub use application::ApplicationPage;
pub use community::CommunityFilePage;
pub use notices::NoticesPage;
pub use round::RoundPage;

use leptos::prelude::*;

use super::components::{DemoTag, ErrorBox, Pager, TierBadge, set_error_status};
use super::ledger::{field_error_of, field_value, form_error_of};
use crate::api::certification::{ApplyCertification, InspectTitle, OpenRound, certification_home};
use crate::api::ledger::take_form_state;
use crate::domain::cert_lists::CertList;
use crate::domain::role::Role;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::certification::{CertHome, CertHomeQuery, RoundView, TitleDue};
use crate::model::form::FormState;
use leptos_router::hooks::use_query_map;
use parts::{file_row, indicator_table};

/// The login link for a page that needs one.
fn login_for(e: &AppError, next: &str) -> Option<impl IntoView + use<>> {
    let href = format!("/login?next={next}");
    matches!(e, AppError::Unauthenticated)
        .then(|| view! { <p><a href=href>{tr("nav.login")}</a></p> })
}

#[component]
pub fn CertificationPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| {
        let q = query.read();
        CertHomeQuery {
            list: q.get("list"),
            page: q.get("page"),
        }
    });
    let data = Resource::new(
        move || params.get(),
        |query| async move {
            let home = certification_home(query).await?;
            let apply = take_form_state("cert-apply".into()).await?;
            let round = take_form_state("round-open".into()).await?;
            Ok::<_, AppError>((home, apply, round))
        },
    );
    view! {
        {super::page_title("cert.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((home, apply, round)) => home_view(home, apply, round).into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let login = login_for(&e, "/certification");
                        let back = matches!(e, AppError::Invalid(_))
                            .then(|| view! { <p><a href="/certification">{tr("cert.overview")}</a></p> });
                        view! { <ErrorBox error=e/>{login}{back} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The address of a list's page.
fn list_href(list: CertList, page: u64) -> String {
    if page > 1 {
        format!("/certification?list={}&page={page}", list.as_str())
    } else {
        format!("/certification?list={}", list.as_str())
    }
}

fn home_view(h: CertHome, apply: Option<FormState>, round: Option<FormState>) -> impl IntoView {
    let coordinator = h.role == Role::Coordinator;
    let opens_rounds = matches!(h.role, Role::ProvinceOfficer | Role::Ministry);
    let overview = h.opened.is_none();
    let own_code = h
        .own
        .as_ref()
        .map(|r| r.community_code.clone())
        .unwrap_or_default();
    // The summary: one tile per list the account has, with its size and how many are late.
    let tiles = h
        .counts
        .iter()
        .map(|c| {
            let current = (h.opened == Some(c.list)).then_some("page");
            view! {
                <li>
                    <a class="tile" href=list_href(c.list, 1) aria-current=current data-list=c.list.as_str()>
                        <span class="tile-count" data-total=c.total>{c.total}</span>
                        <span class="tile-label">{tr(&format!("cert.list.{}", c.list.as_str()))}</span>
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
    let (page, pages, opened) = (h.page, h.pages, h.opened);
    let CertHome {
        counts,
        open_rounds,
        rounds,
        queue,
        files,
        own,
        objections,
        due,
        candidates,
        home_area,
        ..
    } = h;
    let sections = counts
        .into_iter()
        .filter(|c| opened.is_none_or(|o| o == c.list))
        .map(|c| {
            let (shown, items) = match c.list {
                CertList::Queue => (queue.len(), file_list(queue.clone()).into_any()),
                CertList::Objections => (objections.len(), objection_list(&objections).into_any()),
                CertList::Due => (due.len(), due_list(due.clone()).into_any()),
                CertList::Rounds => (rounds.len(), round_list(rounds.clone()).into_any()),
                CertList::Candidates => (candidates.len(), candidate_list(&candidates).into_any()),
                CertList::Files => (files.len(), file_list(files.clone()).into_any()),
            };
            let list = c.list;
            let more = (overview && c.total > shown as u64).then(|| view! {
                <p><a class="button more" href=list_href(list, 1)>
                    {tr("work.see_all").replace("{n}", &c.total.to_string())}
                </a></p>
            });
            let pager = opened.map(|_| view! {
                <Pager page=page pages=pages href=Callback::new(move |p| list_href(list, p))/>
                <p><a href="/certification" id="cert-overview">{tr("cert.overview")}</a></p>
            });
            let explain = match list {
                CertList::Due => Some(tr("cert.due_explain")),
                CertList::Candidates => Some(tr("cert.candidates_explain")),
                _ => None,
            };
            view! {
                <section class="card" id=list.as_str() data-list=list.as_str()>
                    <h2>
                        {tr(&format!("cert.list.{}", list.as_str()))}
                        " "<span class="muted group-count">{tr("work.count_of").replace("{n}", &c.total.to_string())}</span>
                    </h2>
                    {explain.map(|e| view! { <p class="muted">{e}</p> })}
                    {(c.total == 0).then(|| view! { <p class="empty">{tr(&format!("cert.none.{}", list.as_str()))}</p> })}
                    {items}
                    {more}
                    {pager}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h1>{tr("cert.title")}</h1>
            <p class="lead">{tr("cert.lead")}</p>
            <ul class="tiles" id="cert-summary" aria-label=tr("cert.summary")>{tiles}</ul>
        </section>
        {overview.then(|| own.map(|r| {
            let href = format!("/certification/communities/{}", r.community_code);
            view! {
                <section class="card" id="own">
                    <h2>{tr("cert.own_indicators")}" · "{r.community_name.clone()}</h2>
                    <p class="muted">{tr("cert.computed_on")}": "{r.on.clone()}</p>
                    {indicator_table(&r.evaluation)}
                    <p><a href=href>{tr("cert.community_file")}</a></p>
                </section>
            }
        }))}
        {(overview && coordinator).then(|| apply_form(&open_rounds, own_code, apply))}
        {sections}
        {(overview && opens_rounds).then(|| open_round_form(home_area, round))}
    }
}

fn file_list(files: Vec<crate::model::certification::ApplicationItem>) -> impl IntoView {
    view! { <ul class="results">{files.into_iter().map(file_row).collect_view()}</ul> }
}

fn objection_list(objections: &[crate::model::certification::ObjectionView]) -> impl IntoView {
    let rows = objections
        .iter()
        .map(|o| {
            let href = format!("/certification/applications/{}#objection-{}", o.application_id, o.id);
            view! { <li><a href=href>{format!("#{} ", o.id)}{o.text.chars().take(40).collect::<String>()}</a></li> }
        })
        .collect_view();
    view! { <ul>{rows}</ul> }
}

fn candidate_list(candidates: &[TitleDue]) -> impl IntoView {
    let rows = candidates
        .iter()
        .map(|c| {
            let href = format!("/certification/communities/{}", c.community_code);
            view! { <li data-candidate=c.community_code.clone()><a href=href>{c.community_name.clone()}</a>" · "{c.certificate_no.clone()}</li> }
        })
        .collect_view();
    view! { <ul>{rows}</ul> }
}

fn round_list(rounds: Vec<RoundView>) -> impl IntoView {
    view! {
        <ul class="results">
            {rounds.into_iter().map(|r| {
                let href = format!("/certification/rounds/{}", r.id);
                view! {
                    <li class="result" data-round=r.id>
                        <div class="result-head">
                            <a href=href class="result-name">{r.title.clone()}</a>
                            <TierBadge tier=r.tier/>
                            {r.open.then(|| view! { <span class="badge ok">{tr("cert.round_open")}</span> })}
                            <DemoTag is_demo=r.is_demo/>
                        </div>
                        <p class="result-meta">{r.issuer_name.clone()}" · "{r.opens_on.clone()}" – "{r.closes_on.clone()}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The coordinator applies in an open round.
fn apply_form(
    open: &[RoundView],
    own_code: String,
    state: Option<FormState>,
) -> impl IntoView + use<> {
    let action = ServerAction::<ApplyCertification>::new();
    let typed = field_value(&state, "narrative", None);
    let chosen = field_value(&state, "round_id", None);
    let options = open
        .iter()
        .map(|r| {
            let id = r.id.to_string();
            let selected = chosen == id;
            view! { <option value=id selected=selected>{r.title.clone()}</option> }
        })
        .collect_view();
    let none = open.is_empty();
    view! {
        <section class="card" id="apply">
            <h2>{tr("cert.apply")}</h2>
            <p class="muted">{tr("cert.apply_explain")}</p>
            {form_error_of(&state)}
            {none.then(|| view! { <p class="empty">{tr("cert.no_open_round")}</p> })}
            {(!none).then(|| view! {
                <ActionForm action=action attr:class="stack">
                    <div class="field">
                        <label for="round_id">{tr("cert.round")}</label>
                        <select id="round_id" name="input[round_id]">{options}</select>
                        {field_error_of(&state, "round_id")}
                    </div>
                    <input type="hidden" name="input[community_code]" value=own_code/>
                    {field_error_of(&state, "community_code")}
                    <div class="field">
                        <label for="narrative">{tr("cert.narrative")}</label>
                        <textarea id="narrative" name="input[narrative]" rows="6" maxlength="5000" required>{typed}</textarea>
                        {field_error_of(&state, "narrative")}
                    </div>
                    <button type="submit" class="primary">{tr("cert.apply_submit")}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// Titles due for re-inspection, each with its form (folded: one opened at a time).
fn due_list(due: Vec<TitleDue>) -> impl IntoView {
    view! { <ul class="results">{due.into_iter().map(due_row).collect_view()}</ul> }
}

fn due_row(t: TitleDue) -> impl IntoView {
    let action = ServerAction::<InspectTitle>::new();
    let href = format!("/certification/communities/{}", t.community_code);
    let id = format!("findings-{}", t.certificate_no);
    let number = t.certificate_no.clone();
    view! {
        <li class="result" data-due=t.certificate_no.clone()>
            <div class="result-head">
                <a href=href class="result-name">{t.community_name.clone()}</a>
                <TierBadge tier=t.tier/>
                {t.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
            </div>
            <p class="result-meta">{t.certificate_no.clone()}" · "{tr("cert.due_on")}": "{t.due_on.clone().unwrap_or_default()}</p>
            <details>
                <summary>{tr("cert.inspect")}</summary>
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="number" value=number/>
                    <input type="hidden" name="input[version]" value=t.version/>
                    <div class="field">
                        <label for=id.clone()>{tr("cert.findings")}</label>
                        <textarea id=id name="input[findings]" rows="3" maxlength="500" required></textarea>
                    </div>
                    <div class="inline-form">
                        <button type="submit" name="input[result]" value="pass">{tr("cert.inspect_pass")}</button>
                        <button type="submit" name="input[result]" value="fail" class="danger">{tr("cert.inspect_fail")}</button>
                    </div>
                </ActionForm>
            </details>
        </li>
    }
}

/// A province officer opens a round of its own tiers; the ministry a national one.
fn open_round_form(home_area: Option<String>, state: Option<FormState>) -> impl IntoView {
    use crate::domain::certification::Tier;
    let action = ServerAction::<OpenRound>::new();
    let tiers: Vec<Tier> = if home_area.is_some() {
        vec![Tier::ProvincialStar, Tier::Community]
    } else {
        vec![Tier::NationalDemonstration]
    };
    let chosen = field_value(&state, "tier", None);
    let options = tiers
        .into_iter()
        .map(|t| {
            let selected = chosen == t.as_str();
            view! { <option value=t.as_str() selected=selected>{super::components::tier_label(t)}</option> }
        })
        .collect_view();
    let today = super::ledger::today_text();
    let typed = |field: &str, default: &str| field_value(&state, field, Some(default.to_string()));
    let title = typed("title", "");
    let opens = typed("opens_on", &today);
    let closes = typed("closes_on", "");
    let quotas = typed("quotas", "");
    let summary = form_error_of(&state);
    let errors = ["title", "opens_on", "closes_on", "quotas"].map(|f| field_error_of(&state, f));
    let [title_error, opens_error, closes_error, quotas_error] = errors;
    view! {
        <section class="card" id="open-round">
            <details open=state.is_some()>
                <summary>{tr("cert.open_round")}</summary>
                {summary}
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="input[area_code]" value=home_area.unwrap_or_default()/>
                    <div class="field">
                        <label for="round-tier">{tr("cert.tier")}</label>
                        <select id="round-tier" name="input[tier]">{options}</select>
                    </div>
                    <div class="field">
                        <label for="round-title">{tr("cert.round_title")}</label>
                        <input id="round-title" name="input[title]" maxlength="200" required value=title/>
                        {title_error}
                    </div>
                    <div class="field">
                        <label for="round-opens">{tr("cert.opens_on")}</label>
                        <input id="round-opens" type="date" name="input[opens_on]" required value=opens/>
                        {opens_error}
                    </div>
                    <div class="field">
                        <label for="round-closes">{tr("cert.closes_on")}</label>
                        <input id="round-closes" type="date" name="input[closes_on]" required value=closes/>
                        {closes_error}
                    </div>
                    <div class="field">
                        <label for="round-quotas">{tr("cert.quota_lines")}</label>
                        <textarea id="round-quotas" name="input[quotas]" rows="3" placeholder="440300000000 3">{quotas}</textarea>
                        {quotas_error}
                    </div>
                    <button type="submit" class="primary">{tr("cert.open_round")}</button>
                </ActionForm>
            </details>
        </section>
    }
}
