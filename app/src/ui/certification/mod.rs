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

use super::components::{DemoTag, ErrorBox, TierBadge, set_error_status};
use super::ledger::{field_error_of, field_value, form_error_of};
use crate::api::certification::{ApplyCertification, InspectTitle, OpenRound, certification_home};
use crate::api::ledger::take_form_state;
use crate::domain::role::Role;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::certification::{CertHome, RoundView, TitleDue};
use crate::model::form::FormState;
use parts::{file_row, indicator_table};

/// The login link for a page that needs one.
fn login_for(e: &AppError, next: &str) -> Option<impl IntoView + use<>> {
    let href = format!("/login?next={next}");
    matches!(e, AppError::Unauthenticated)
        .then(|| view! { <p><a href=href>{tr("nav.login")}</a></p> })
}

#[component]
pub fn CertificationPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            let home = certification_home().await?;
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
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn home_view(h: CertHome, apply: Option<FormState>, round: Option<FormState>) -> impl IntoView {
    let coordinator = h.role == Role::Coordinator;
    let opens_rounds = matches!(h.role, Role::ProvinceOfficer | Role::Ministry);
    let home_area = h.home_area.clone();
    let open: Vec<RoundView> = h.rounds.iter().filter(|r| r.open).cloned().collect();
    let own = h.own.clone();
    let own_code = h
        .own
        .as_ref()
        .map(|r| r.community_code.clone())
        .unwrap_or_default();
    view! {
        <section class="card">
            <h1>{tr("cert.title")}</h1>
            <p class="lead">{tr("cert.lead")}</p>
        </section>
        {own.map(|r| {
            let href = format!("/certification/communities/{}", r.community_code);
            view! {
                <section class="card" id="own">
                    <h2>{tr("cert.own_indicators")}" · "{r.community_name.clone()}</h2>
                    <p class="muted">{tr("cert.computed_on")}": "{r.on.clone()}</p>
                    {indicator_table(&r.evaluation)}
                    <p><a href=href>{tr("cert.community_file")}</a></p>
                </section>
            }
        })}
        {coordinator.then(|| apply_form(&open, own_code, apply))}
        {(!h.queue.is_empty()).then(|| view! {
            <section class="card" id="queue">
                <h2>{tr("cert.queue")}</h2>
                <ul class="results">{h.queue.clone().into_iter().map(file_row).collect_view()}</ul>
            </section>
        })}
        {(!h.objections.is_empty()).then(|| {
            let rows = h.objections.iter().map(|o| {
                let href = format!("/certification/applications/{}#objection-{}", o.application_id, o.id);
                view! { <li><a href=href>{format!("#{} ", o.id)}{o.text.chars().take(40).collect::<String>()}</a></li> }
            }).collect_view();
            view! {
                <section class="card" id="objections">
                    <h2>{tr("cert.objections_pending")}</h2>
                    <ul>{rows}</ul>
                </section>
            }
        })}
        {(!h.due.is_empty()).then(|| due_list(h.due.clone()))}
        {(!h.candidates.is_empty()).then(|| {
            let rows = h.candidates.iter().map(|c| {
                let href = format!("/certification/communities/{}", c.community_code);
                view! { <li data-candidate=c.community_code.clone()><a href=href>{c.community_name.clone()}</a>" · "{c.certificate_no.clone()}</li> }
            }).collect_view();
            view! {
                <section class="card" id="candidates">
                    <h2>{tr("cert.candidates")}</h2>
                    <p class="muted">{tr("cert.candidates_explain")}</p>
                    <ul>{rows}</ul>
                </section>
            }
        })}
        {opens_rounds.then(|| open_round_form(home_area, round))}
        <section class="card" id="rounds">
            <h2>{tr("cert.rounds")}</h2>
            {h.rounds.is_empty().then(|| view! { <p class="empty">{tr("cert.no_rounds")}</p> })}
            <ul class="results">
                {h.rounds.into_iter().map(|r| {
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
        </section>
        <section class="card" id="files">
            <h2>{tr("cert.files")}</h2>
            {h.files.is_empty().then(|| view! { <p class="empty">{tr("cert.no_files")}</p> })}
            <ul class="results">{h.files.into_iter().map(file_row).collect_view()}</ul>
        </section>
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

/// Titles due for re-inspection, each with its form.
fn due_list(due: Vec<TitleDue>) -> impl IntoView {
    view! {
        <section class="card" id="due">
            <h2>{tr("cert.due")}</h2>
            <p class="muted">{tr("cert.due_explain")}</p>
            <ul class="results">{due.into_iter().map(due_row).collect_view()}</ul>
        </section>
    }
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
