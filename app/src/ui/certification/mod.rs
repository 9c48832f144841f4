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
use super::ledger::{field_error_of, form_error_of};
use crate::api::certification::{ApplyCertification, InspectTitle, certification_home};
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
            Ok::<_, AppError>((home, apply))
        },
    );
    view! {
        {super::page_title("cert.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((home, apply)) => home_view(home, apply).into_any(),
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

fn home_view(h: CertHome, apply: Option<FormState>) -> impl IntoView {
    let coordinator = h.role == Role::Coordinator;
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
    let typed = super::ledger::field_value(&state, "narrative", None);
    let chosen = super::ledger::field_value(&state, "round_id", None);
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
