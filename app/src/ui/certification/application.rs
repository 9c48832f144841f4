//! One certification file: the self-assessment computed when it was filed, the narrative and
//! attachments, the reviewers' scores and site visit, every event, the objections raised in
//! 公示 and, for the account whose step it is, the decision form.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::parts::{indicator_table, stage_badge, step_label};
use crate::api::certification::{
    DecideApplication, InvestigateObjection, ResubmitApplication, load_application,
};
use crate::api::ledger::take_form_state;
use crate::domain::cert_review::{ApplicationStatus, CertStep, ObjectionOutcome};
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::certification::{ApplicationView, ObjectionView};
use crate::model::form::FormState;
use crate::ui::components::{DemoTag, ErrorBox, TierBadge, set_error_status};
use crate::ui::ledger::{field_error_of, field_value, form_error_of};

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let data = Resource::new(id, |id| async move {
        let view = load_application(id).await?;
        let decide = take_form_state(format!("cert-decide-{id}")).await?;
        let resubmit = take_form_state(format!("cert-resubmit-{id}")).await?;
        let mut objections = Vec::new();
        for o in &view.objections {
            objections.push((o.id, take_form_state(format!("objection-{}", o.id)).await?));
        }
        Ok::<_, AppError>((view, decide, resubmit, objections))
    });
    view! {
        {crate::ui::page_title("cert.file")}
        {move || saved().then(|| view! { <p class="notice" role="status">{tr("form.saved")}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((v, decide, resubmit, states)) => file_view(v, decide, resubmit, states).into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let login = super::login_for(&e, "/certification");
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn file_view(
    v: ApplicationView,
    decide: Option<FormState>,
    resubmit: Option<FormState>,
    states: Vec<(i64, Option<FormState>)>,
) -> impl IntoView {
    let item = v.item.clone();
    let community_href = format!("/certification/communities/{}", item.community_code);
    let round_href = format!("/certification/rounds/{}", item.round_id);
    let notice = item.notice_from.clone().zip(item.notice_until.clone());
    let events = v
        .events
        .iter()
        .map(|e| {
            let step = e.step.map(step_label).unwrap_or_default();
            view! {
                <li data-action=e.action.clone()>
                    <span class="muted">{e.at.get(..16).unwrap_or(&e.at).replace('T', " ")}</span>" "
                    <strong>{tr(&format!("cert.action.{}", e.action))}</strong>" "
                    {step}" · "{e.actor_name.clone()}
                    {e.reason.clone().map(|r| view! { <p class="reason">{r}</p> })}
                </li>
            }
        })
        .collect_view();
    let attachments = v
        .attachments
        .iter()
        .map(|a| {
            let href = format!(
                "/api/v1/certification/applications/{}/attachments/{}",
                item.id, a.id
            );
            view! { <li><a href=href rel="external">{a.file_name.clone()}</a>" · "{format!("{} KB", (a.size + 1023) / 1024)}</li> }
        })
        .collect_view();
    let scores = v
        .qualitative
        .iter()
        .map(|s| {
            let name = v
                .standard
                .standard
                .qualitative
                .iter()
                .find(|q| q.code == s.code)
                .map(|q| q.name.clone())
                .unwrap_or_else(|| s.code.clone());
            view! { <tr><th scope="row">{name}</th><td>{s.score}</td><td>{s.evidence.clone()}</td></tr> }
        })
        .collect_view();
    let returned = item.status == ApplicationStatus::Returned;
    let objections = v.objections.clone();
    view! {
        <section class="card" data-application=item.id>
            <h1>{item.community_name.clone()}</h1>
            <p class="result-head">
                <TierBadge tier=item.tier/>
                {stage_badge(&item)}
                {item.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                <DemoTag is_demo=item.is_demo/>
            </p>
            <dl class="facts">
                <dt>{tr("cert.round")}</dt><dd><a href=round_href>{v.round_title.clone()}</a></dd>
                <dt>{tr("cert.standard")}</dt><dd>{v.standard.standard.version.clone()}</dd>
                <dt>{tr("cert.applied_on")}</dt><dd>{item.applied_on.clone()}</dd>
                {item.step_due.clone().map(|d| view! { <dt>{tr("reviews.due")}</dt><dd class="due">{d}</dd> })}
                {notice.map(|(f, u)| {
                    let until = u.clone();
                    view! { <dt>{tr("cert.notice")}</dt><dd data-notice=until>{f}" – "{u}</dd> }
                })}
                {item.certificate_no.clone().map(|n| {
                    let href = format!("/verify/{n}");
                    let pdf = format!("/api/v1/public/certificates/{n}/pdf");
                    view! {
                        <dt>{tr("cert.certificate")}</dt>
                        <dd><a href=href data-certificate=n.clone()>{n.clone()}</a>" · "<a href=pdf rel="external">"PDF"</a></dd>
                    }
                })}
            </dl>
            <p><a href=community_href>{tr("cert.community_file")}</a></p>
        </section>
        {v.can_decide.then(|| decision_form(&v, decide))}
        {returned.then(|| resubmit_form(&v, resubmit))}
        <section class="card">
            <h2>{tr("cert.self_assessment")}" · "{v.self_assessment.on.clone()}</h2>
            {indicator_table(&v.self_assessment.evaluation)}
        </section>
        <section class="card">
            <h2>{tr("cert.narrative")}</h2>
            <p class="narrative">{v.narrative.clone()}</p>
            {(!v.attachments.is_empty()).then(|| view! { <h3>{tr("cert.attachments")}</h3><ul>{attachments}</ul> })}
        </section>
        {(!v.qualitative.is_empty()).then(|| view! {
            <section class="card">
                <h2>{tr("cert.city_review")}</h2>
                <p>{tr("cert.qualitative_total")}": "<strong data-total="qualitative">{v.qualitative_total.unwrap_or_default()}</strong></p>
                <div class="table-scroll"><table class="indicators">
                    <thead><tr><th>{tr("indicator.name")}</th><th>{tr("cert.score")}</th><th>{tr("cert.evidence")}</th></tr></thead>
                    <tbody>{scores}</tbody>
                </table></div>
                {v.site_visit.clone().map(|s| view! { <h3>{tr("cert.site_visit")}</h3><p>{s}</p> })}
            </section>
        })}
        {(!objections.is_empty()).then(|| view! {
            <section class="card" id="objections">
                <h2>{tr("cert.objections")}</h2>
                <ul class="results">
                    {objections.into_iter().map(|o| {
                        let state = states.iter().find(|(id, _)| *id == o.id).and_then(|(_, s)| s.clone());
                        objection_row(item.id, o, state)
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="card">
            <h2>{tr("cert.events")}</h2>
            <ol class="events">{events}</ol>
        </section>
    }
}

/// Approve or send back, for the account whose step it is. The city scores the qualitative items
/// with evidence and records the site visit.
fn decision_form(v: &ApplicationView, state: Option<FormState>) -> impl IntoView + use<> {
    let approve = ServerAction::<DecideApplication>::new();
    let send_back = ServerAction::<DecideApplication>::new();
    let id = v.item.id;
    let version = v.item.version;
    let city = v.item.step == Some(CertStep::City);
    let approve_label = match v.item.step {
        Some(CertStep::Notice)
            if v.item.tier == crate::domain::certification::Tier::NationalDemonstration =>
        {
            "cert.nominate"
        }
        Some(CertStep::Notice) | Some(CertStep::NationalNotice) => "cert.certify",
        _ => "cert.approve",
    };
    let items = v
        .standard
        .standard
        .qualitative
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let score_id = format!("score-{}", q.code);
            let evidence_id = format!("evidence-{}", q.code);
            view! {
                <fieldset class="score">
                    <legend>{q.name.clone()}" (0–"{q.max}")"</legend>
                    <input type="hidden" name=format!("input[qualitative][{i}][code]") value=q.code.clone()/>
                    <label for=score_id.clone()>{tr("cert.score")}</label>
                    <input id=score_id type="number" min="0" max=q.max inputmode="numeric" required
                        name=format!("input[qualitative][{i}][score]")/>
                    <label for=evidence_id.clone()>{tr("cert.evidence")}</label>
                    <input id=evidence_id type="text" maxlength="200" required
                        name=format!("input[qualitative][{i}][evidence]")/>
                </fieldset>
            }
        })
        .collect_view();
    let pass_mark = tr("cert.pass_mark").replace(
        "{n}",
        &v.standard.standard.min_qualitative_score.to_string(),
    );
    let typed_visit = field_value(&state, "site_visit", None);
    let qualitative_error = field_error_of(&state, "qualitative");
    let visit_error = field_error_of(&state, "site_visit");
    let action_error = field_error_of(&state, "action");
    let reason_error = field_error_of(&state, "reason");
    let summary = form_error_of(&state);
    let typed_reason = field_value(&state, "reason", None);
    view! {
        <section class="card" id="decide">
            <h2>{tr("cert.decide")}</h2>
            {summary}
            <ActionForm action=approve attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="input[action]" value="approve"/>
                <input type="hidden" name="input[version]" value=version/>
                {city.then(|| view! {
                    <p class="muted">{pass_mark}</p>
                    {items}
                    {qualitative_error}
                    <div class="field">
                        <label for="site_visit">{tr("cert.site_visit")}</label>
                        <textarea id="site_visit" name="input[site_visit]" rows="3" maxlength="5000" required>{typed_visit}</textarea>
                        {visit_error}
                    </div>
                })}
                {action_error}
                <button type="submit" class="primary">{tr(approve_label)}</button>
            </ActionForm>
            <details>
                <summary>{tr("reviews.send_back")}</summary>
                <ActionForm action=send_back attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="input[action]" value="send_back"/>
                    <input type="hidden" name="input[version]" value=version/>
                    <div class="field">
                        <label for="reason">{tr("reviews.reason")}</label>
                        <textarea id="reason" name="input[reason]" rows="2" maxlength="500">{typed_reason}</textarea>
                        {reason_error}
                    </div>
                    <button type="submit">{tr("reviews.send_back")}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// The community amends a returned file and sends it again.
fn resubmit_form(v: &ApplicationView, state: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<ResubmitApplication>::new();
    let typed = field_value(&state, "narrative", Some(v.narrative.clone()));
    let id = v.item.id;
    let version = v.item.version;
    view! {
        <section class="card" id="resubmit">
            <h2>{tr("cert.resubmit")}</h2>
            {form_error_of(&state)}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="input[version]" value=version/>
                <div class="field">
                    <label for="narrative">{tr("cert.narrative")}</label>
                    <textarea id="narrative" name="input[narrative]" rows="6" maxlength="5000" required>{typed}</textarea>
                    {field_error_of(&state, "narrative")}
                </div>
                <button type="submit" class="primary">{tr("cert.resubmit")}</button>
            </ActionForm>
        </section>
    }
}

fn objection_row(application_id: i64, o: ObjectionView, state: Option<FormState>) -> impl IntoView {
    let action = ServerAction::<InvestigateObjection>::new();
    let pending = o.outcome == ObjectionOutcome::Pending;
    let field_id = format!("investigation-{}", o.id);
    let outcome = tr(&format!("cert.objection.{}", o.outcome.as_str()));
    view! {
        <li class="result" id=format!("objection-{}", o.id) data-objection=o.id data-outcome=o.outcome.as_str()>
            <div class="result-head">
                <strong>{format!("#{}", o.id)}</strong>
                <span class="badge">{step_label(o.stage)}</span>
                <span class={if pending { "badge warn" } else { "badge" }}>{outcome}</span>
            </div>
            <p>{o.text.clone()}</p>
            <p class="muted">{o.name.clone().unwrap_or_else(|| tr("cert.anonymous"))}" · "{o.contact.clone()}" · "{o.filed_at.get(..10).unwrap_or_default().to_string()}</p>
            {o.investigation.clone().map(|i| view! { <p class="reason">{i}" — "{o.decided_by.clone().unwrap_or_default()}</p> })}
            {pending.then(|| view! {
                {form_error_of(&state)}
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="application_id" value=application_id/>
                    <input type="hidden" name="id" value=o.id/>
                    <input type="hidden" name="input[version]" value=o.version/>
                    <div class="field">
                        <label for=field_id.clone()>{tr("cert.investigation")}</label>
                        <textarea id=field_id name="input[investigation]" rows="2" maxlength="2000" required></textarea>
                        {field_error_of(&state, "investigation")}
                    </div>
                    <div class="inline-form">
                        <button type="submit" name="input[outcome]" value="unfounded">{tr("cert.objection.unfounded")}</button>
                        <button type="submit" name="input[outcome]" value="substantiated" class="danger">{tr("cert.objection.substantiated")}</button>
                    </div>
                </ActionForm>
            })}
        </li>
    }
}
