//! One round (`/promotions/:id`): each candidate's evidence, score and decision, the objections
//! raised in its 公示.

use super::forms::{close_form, nominate_form, publish_form};
use super::labels::{decision_badge, status_label};
use crate::api::ledger::take_form_state;
use crate::api::promotions::{DecideCandidate, RecordFinding, ScoreCandidate, promotion_round};
use crate::domain::grading::Figure;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::form::FormState;
use crate::model::promotion::{
    CandidateView, Decision, PromotionObjectionView, RoundStatus, RoundView,
};
use crate::ui::components::policy_version_name;
use crate::ui::coordinators::rule_table;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, refused, saved_notice};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The refused states of a round's forms.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct RoundForms {
    nominate: Option<FormState>,
    publish: Option<FormState>,
    close: Option<FormState>,
    candidates: Vec<(i64, Option<FormState>, Option<FormState>)>,
    findings: Vec<(i64, Option<FormState>)>,
}

#[component]
pub fn PromotionRoundPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(id, |id| async move {
        let r = promotion_round(id).await?;
        let mut candidates = vec![];
        for c in &r.candidates {
            let score = take_form_state(format!("score-{}", c.id)).await?;
            let decide = take_form_state(format!("decide-{}", c.id)).await?;
            candidates.push((c.id, score, decide));
        }
        let mut findings = vec![];
        for o in &r.objections {
            findings.push((o.id, take_form_state(format!("finding-{}", o.id)).await?));
        }
        let forms = RoundForms {
            nominate: take_form_state(format!("nominate-{id}")).await?,
            publish: take_form_state(format!("publish-{id}")).await?,
            close: take_form_state(format!("close-{id}")).await?,
            candidates,
            findings,
        };
        Ok::<_, AppError>((r, forms))
    });
    view! {
        {crate::ui::page_title("promotions.round")}
        {move || saved_notice(saved())}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((r, forms)) => round_view(r, forms).into_any(),
                    Err(e) => refused(e, format!("/promotions/{}", id())),
                }
            })}
        </Suspense>
    }
}

fn round_view(r: RoundView, mut f: RoundForms) -> impl IntoView {
    let open = r.status == RoundStatus::Open && r.can_manage;
    let period = match (&r.notice_from, &r.notice_until) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "—".into(),
    };
    let files = (r.can_manage).then(|| {
        let letters = (r.status == RoundStatus::Closed).then(|| {
            view! { <a href=format!("/api/v1/promotion-rounds/{}/letters.pdf", r.id) rel="external" download="">{tr("promotions.letters")}</a> }
        });
        view! {
            <p class="result-meta">
                <a href=format!("/api/v1/promotion-rounds/{}/list.xlsx", r.id) rel="external" download="">{tr("promotions.list_xlsx")}</a>
                {letters}
            </p>
        }
    });
    let round_id = r.id;
    let version = r.version;
    let candidates = r
        .candidates
        .iter()
        .map(|c| {
            let (score, decide) = f
                .candidates
                .iter_mut()
                .find(|(id, _, _)| *id == c.id)
                .map(|(_, s, d)| (s.take(), d.take()))
                .unwrap_or_default();
            candidate_card(round_id, c, open, score, decide)
        })
        .collect_view();
    let objections = r
        .objections
        .iter()
        .map(|o| {
            let st = f
                .findings
                .iter_mut()
                .find(|(id, _)| *id == o.id)
                .and_then(|(_, s)| s.take());
            objection_card(
                round_id,
                o,
                r.can_manage && r.status == RoundStatus::Notice,
                st,
            )
        })
        .collect_view();
    let nominate = open.then(|| nominate_form(round_id, r.nominable.clone(), f.nominate.take()));
    let publish = open.then(|| publish_form(round_id, version, f.publish.take()));
    let close = (r.can_manage && r.status == RoundStatus::Notice)
        .then(|| close_form(round_id, version, f.close.take()));
    view! {
        <section class="card" data-round=r.id data-status=r.status.as_str()>
            <h1>{r.title.clone()}</h1>
            <p class="result-head"><span class="badge" id="round-status">{status_label(r.status)}</span></p>
            <dl class="facts">
                <dt>{tr("promotions.area")}</dt><dd>{r.area.name.clone()}</dd>
                <dt>{tr("promotions.notice")}</dt><dd>{period}</dd>
                <dt>{tr("promotions.effective_on")}</dt><dd>{r.effective_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{tr("promotions.policy")}</dt><dd data-version=r.policy_version.clone()>{policy_version_name(&r.policy_version)}</dd>
            </dl>
            {files}
        </section>
        <section class="card" id="candidates">
            <h2>{tr("promotions.candidates")}</h2>
            {r.candidates.is_empty().then(|| view! { <p class="empty">{tr("promotions.no_candidates")}</p> })}
            <ul class="results">{candidates}</ul>
        </section>
        {nominate}
        {(!r.objections.is_empty()).then(|| view! {
            <section class="card" id="objections">
                <h2>{tr("promotions.objections")}</h2>
                <ul class="results">{objections}</ul>
            </section>
        })}
        {publish}
        {close}
    }
}

fn candidate_card(
    round: i64,
    c: &CandidateView,
    open: bool,
    score: Option<FormState>,
    decide: Option<FormState>,
) -> impl IntoView + use<> {
    let id = c.id;
    let pending = c.decision == Decision::Pending;
    // The pass mark the assessment is judged against, beside the score.
    let pass = c
        .checks
        .iter()
        .find(|k| k.rule == "assessment")
        .and_then(|k| match k.needed {
            Some(Figure::Score { score }) => Some(score),
            _ => None,
        });
    let forms = (open && pending).then(|| {
        let score_action = ServerAction::<ScoreCandidate>::new();
        let decide_action = ServerAction::<DecideCandidate>::new();
        let unmet: Vec<String> = match decide.as_ref().and_then(|s| s.error.as_ref()) {
            Some(AppError::Invalid(fields)) => fields
                .keys()
                .filter_map(|k| k.strip_prefix("rule."))
                .map(|r| tr(&format!("rule.{r}")))
                .collect(),
            _ => vec![],
        };
        let unmet = (!unmet.is_empty()).then(|| view! {
            <p class="field-error" data-unmet=id>{tr("promotions.unmet")}" "{unmet.join(&tr("list.separator"))}</p>
        });
        let typed_score = field_value(&score, "assessment", c.assessment.map(|s| s.to_string()));
        let score_error = form_error_of(&score);
        let score_field_error = field_error_of(&score, "assessment");
        let decide_error = form_error_of(&decide);
        let typed_reason = field_value(&decide, "reason", None);
        let reason_error = field_error_of(&decide, "reason");
        let version = c.version;
        view! {
            {score_error}
            <ActionForm action=score_action attr:class="inline-form">
                <input type="hidden" name="id" value=round/>
                <input type="hidden" name="candidate" value=id/>
                <input type="hidden" name="input[version]" value=version/>
                <label for=format!("score-{id}")>{tr("promotions.assessment")}</label>
                <input id=format!("score-{id}") name="input[assessment]" inputmode="numeric" size="4" value=typed_score/>
                {pass.map(|p| view! { <span class="muted pass-mark">{tr("promotions.pass_mark").replace("{pass}", &p.to_string())}</span> })}
                <button type="submit">{tr("promotions.save_score")}</button>
                {score_field_error}
            </ActionForm>
            {decide_error}
            {unmet}
            <ActionForm action=decide_action attr:class="stack">
                <input type="hidden" name="id" value=round/>
                <input type="hidden" name="candidate" value=id/>
                <input type="hidden" name="input[version]" value=version/>
                <div class="field">
                    <label for=format!("reason-{id}")>{tr("promotions.reason")}</label>
                    <textarea id=format!("reason-{id}") name="input[reason]" rows="2" maxlength="500" required>{typed_reason}</textarea>
                    {reason_error}
                </div>
                <p class="buttons">
                    <button type="submit" name="input[approve]" value="true" class="primary">{tr("promotions.approve")}</button>
                    <button type="submit" name="input[approve]" value="false">{tr("promotions.reject")}</button>
                </p>
            </ActionForm>
        }
    });
    let source = if c.source == "rules" {
        tr("promotions.source.rules")
    } else {
        tr("promotions.source.nomination")
    };
    view! {
        <li class="result card" id=format!("candidate-{id}") data-candidate=id data-name=c.name.clone()>
            <div class="result-head">
                <a class="result-name" href=format!("/coordinators/{}", c.coordinator_id)>{c.name.clone()}</a>
                {decision_badge(c.decision)}
                <span class="badge">{source}</span>
            </div>
            <p class="muted">{c.area_name.clone()}
                {c.assessment.map(|s| {
                    let score = match pass {
                        Some(p) => tr("promotions.score_with_pass").replace("{score}", &s.to_string()).replace("{pass}", &p.to_string()),
                        None => s.to_string(),
                    };
                    view! { " · "{tr("promotions.assessment")}" "<span class="score" data-score=s>{score}</span> }
                })}
                {c.nomination.clone().map(|n| format!(" · {}{}{n}", tr("promotions.nomination_reason"), tr("punct.colon")))}</p>
            {c.reason.clone().map(|r| view! { <p class="reason">{tr("promotions.reason")}{tr("punct.colon")}{r}</p> })}
            {rule_table(&c.checks)}
            {forms}
        </li>
    }
}

fn objection_card(
    round: i64,
    o: &PromotionObjectionView,
    answerable: bool,
    state: Option<FormState>,
) -> impl IntoView + use<> {
    let id = o.id;
    let form = (answerable && o.status == "open").then(|| {
        let action = ServerAction::<RecordFinding>::new();
        let error = form_error_of(&state);
        let finding_error = field_error_of(&state, "finding");
        view! {
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=round/>
                <input type="hidden" name="objection" value=id/>
                <div class="field">
                    <label for=format!("finding-{id}")>{tr("promotions.finding")}</label>
                    <textarea id=format!("finding-{id}") name="input[finding]" rows="2" maxlength="1000" required></textarea>
                    {finding_error}
                </div>
                <label class="check"><input type="checkbox" name="input[substantiated]"/>{tr("promotions.substantiated")}</label>
                <button type="submit">{tr("form.save")}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="result card" id=format!("objection-{id}") data-objection=id>
            <div class="result-head">
                <strong>{o.candidate_name.clone()}</strong>
                <span class="badge">{tr(&format!("promotions.objection.{}", o.status))}</span>
            </div>
            <p class="muted">{o.filed_at.clone()}" · "{o.name.clone().unwrap_or_default()}" · "{o.contact.clone()}</p>
            <p>{o.text.clone()}</p>
            {o.finding.clone().map(|f| view! { <p class="reason">{f}</p> })}
            {form}
        </li>
    }
}
