//! Promotion rounds for HR managers: the rounds of the area with the form to open one
//! (`/promotions`), one round with each candidate's evidence, score and decision, 公示, the
//! objections and the closing with an effective date (`/promotions/:id`); and the public 公示
//! with its objection form (`/promotion-notices`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::coordinators::rule_table;
use super::ledger::{
    field_error_of, field_value, form_error_of, refused, saved_notice, today_text,
};
use crate::api::ledger::take_form_state;
use crate::api::promotions::{
    CloseRound, DecideCandidate, NominateCandidate, ObjectToPromotion, OpenPromotionRound,
    PublishRound, RecordFinding, ScoreCandidate, promotion_notices, promotion_round,
    promotion_rounds,
};
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::form::FormState;
use crate::model::promotion::{
    CandidateView, Decision, PromotionNotice, PromotionObjectionView, RoundItem, RoundStatus,
    RoundView,
};

fn status_label(s: RoundStatus) -> String {
    tr(&format!("promotions.status.{}", s.as_str()))
}

fn decision_badge(d: Decision) -> impl IntoView {
    let class = match d {
        Decision::Approved => "badge ok",
        Decision::Rejected => "badge bad",
        Decision::Pending => "badge",
    };
    view! { <span class=class data-decision=d.as_str()>{tr(&format!("promotions.decision.{}", d.as_str()))}</span> }
}

#[component]
pub fn PromotionsPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            let rounds = promotion_rounds().await?;
            let state = take_form_state("round-new".into()).await?;
            Ok::<_, AppError>((rounds, state))
        },
    );
    let action = ServerAction::<OpenPromotionRound>::new();
    view! {
        {super::page_title("promotions.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((rounds, state)) => {
                        let error = form_error_of(&state);
                        let title = field_value(&state, "title", None);
                        let title_error = field_error_of(&state, "title");
                        let area = field_value(&state, "area_code", None);
                        let area_error = field_error_of(&state, "area_code");
                        view! {
                            <section class="card">
                                <h1>{tr("promotions.title")}</h1>
                                <p class="muted">{tr("promotions.explain")}</p>
                                {rounds.is_empty().then(|| view! { <p class="empty">{tr("promotions.none")}</p> })}
                                <ul class="results" id="rounds">{rounds.into_iter().map(round_row).collect_view()}</ul>
                            </section>
                            <section class="card" id="open">
                                <h2>{tr("promotions.open")}</h2>
                                {error}
                                <ActionForm action=action attr:class="stack">
                                    <div class="field">
                                        <label for="r-title">{tr("promotions.round_title")}</label>
                                        <input id="r-title" name="input[title]" maxlength="100" required value=title/>
                                        {title_error}
                                    </div>
                                    <div class="field">
                                        <label for="r-area">{tr("promotions.area")}</label>
                                        <input id="r-area" name="input[area_code]" maxlength="12" inputmode="numeric" required value=area/>
                                        {area_error}
                                    </div>
                                    <button type="submit" class="primary">{tr("promotions.open_submit")}</button>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(e) => refused(e, "/promotions".into()),
                }
            })}
        </Suspense>
    }
}

fn round_row(r: RoundItem) -> impl IntoView {
    let counts = tr("promotions.counts")
        .replace("{n}", &r.candidates.to_string())
        .replace("{a}", &r.approved.to_string());
    view! {
        <li class="result card" data-round=r.id>
            <div class="result-head">
                <a class="result-name" href=format!("/promotions/{}", r.id)>{r.title.clone()}</a>
                <span class="badge">{status_label(r.status)}</span>
            </div>
            <p class="muted">{r.area.name.clone()}" · "{counts}
                {r.effective_on.map(|d| format!(" · {} {d}", tr("promotions.effective_on")))}</p>
        </li>
    }
}

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
        {super::page_title("promotions.round")}
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
    let nominate = open.then(|| nominate_form(round_id, f.nominate.take()));
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
                <dt>{tr("promotions.policy")}</dt><dd>{r.policy_version.clone()}</dd>
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
            <p class="field-error" data-unmet=id>{tr("promotions.unmet")}" "{unmet.join("、")}</p>
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
                    <textarea id=format!("reason-{id}") name="input[reason]" rows="2" maxlength="500">{typed_reason}</textarea>
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
                {c.assessment.map(|s| format!(" · {} {s}", tr("promotions.assessment")))}
                {c.nomination.clone().map(|n| format!(" · {n}"))}</p>
            {c.reason.clone().map(|r| view! { <p class="reason">{tr("promotions.reason")}"："{r}</p> })}
            {rule_table(&c.checks)}
            {forms}
        </li>
    }
}

fn nominate_form(round: i64, state: Option<FormState>) -> impl IntoView {
    let action = ServerAction::<NominateCandidate>::new();
    let error = form_error_of(&state);
    let who = field_value(&state, "coordinator_id", None);
    let who_error = field_error_of(&state, "coordinator_id");
    let reason = field_value(&state, "reason", None);
    let reason_error = field_error_of(&state, "reason");
    view! {
        <section class="card" id="nominate">
            <h2>{tr("promotions.nominate")}</h2>
            <p class="muted">{tr("promotions.nominate_help")}</p>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=round/>
                <div class="field">
                    <label for="n-id">{tr("promotions.coordinator_id")}</label>
                    <input id="n-id" name="input[coordinator_id]" inputmode="numeric" required value=who/>
                    {who_error}
                </div>
                <div class="field">
                    <label for="n-reason">{tr("promotions.reason")}</label>
                    <input id="n-reason" name="input[reason]" maxlength="500" required value=reason/>
                    {reason_error}
                </div>
                <button type="submit">{tr("promotions.nominate")}</button>
            </ActionForm>
        </section>
    }
}

fn publish_form(round: i64, version: i32, state: Option<FormState>) -> impl IntoView {
    let action = ServerAction::<PublishRound>::new();
    let error = form_error_of(&state);
    let days = field_value(&state, "notice_days", Some("5".into()));
    let days_error = field_error_of(&state, "notice_days");
    view! {
        <section class="card" id="publish">
            <h2>{tr("promotions.publish")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=round/>
                <input type="hidden" name="input[version]" value=version/>
                <div class="field">
                    <label for="p-days">{tr("promotions.notice_days")}</label>
                    <input id="p-days" name="input[notice_days]" inputmode="numeric" value=days/>
                    {days_error}
                </div>
                <button type="submit" class="primary">{tr("promotions.publish")}</button>
            </ActionForm>
        </section>
    }
}

fn close_form(round: i64, version: i32, state: Option<FormState>) -> impl IntoView {
    let action = ServerAction::<CloseRound>::new();
    let error = form_error_of(&state);
    let on = field_value(&state, "effective_on", Some(today_text()));
    let on_error = field_error_of(&state, "effective_on");
    view! {
        <section class="card" id="close">
            <h2>{tr("promotions.close")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=round/>
                <input type="hidden" name="input[version]" value=version/>
                <div class="field">
                    <label for="c-on">{tr("promotions.effective_on")}</label>
                    <input id="c-on" name="input[effective_on]" type="date" required value=on/>
                    {on_error}
                </div>
                <button type="submit" class="primary">{tr("promotions.close")}</button>
            </ActionForm>
        </section>
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

#[component]
pub fn PromotionNoticesPage() -> impl IntoView {
    let query = use_query_map();
    let filed = move || query.read().get("filed");
    let data = Resource::new(
        || (),
        |_| async {
            let notices = promotion_notices().await?;
            let mut states = vec![];
            for n in &notices {
                for c in &n.candidates {
                    let s =
                        take_form_state(format!("promotion-objection-{}", c.candidate_id)).await?;
                    states.push((c.candidate_id, s));
                }
            }
            Ok::<_, AppError>((notices, states))
        },
    );
    view! {
        {super::page_title("promotions.notices")}
        <section class="card">
            <h1>{tr("promotions.notices")}</h1>
            <p class="lead">{tr("promotions.notices_lead")}</p>
            {move || filed().map(|n| view! {
                <p class="notice" role="status" data-received=n.clone()>{tr("notices.received").replace("{n}", &n)}</p>
            })}
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((notices, states)) => view! {
                        {notices.is_empty().then(|| view! { <p class="empty">{tr("promotions.no_notices")}</p> })}
                        {notices.into_iter().map(|n| notice_card(n, &states)).collect_view()}
                    }.into_any(),
                    Err(e) => refused(e, "/promotion-notices".into()),
                }
            })}
        </Suspense>
    }
}

fn notice_card(n: PromotionNotice, states: &[(i64, Option<FormState>)]) -> impl IntoView + use<> {
    let period = tr("notices.period")
        .replace("{from}", &n.notice_from)
        .replace("{until}", &n.notice_until);
    let round = n.round_id;
    let people = n
        .candidates
        .into_iter()
        .map(|c| {
            let state = states
                .iter()
                .find(|(id, _)| *id == c.candidate_id)
                .and_then(|(_, s)| s.clone());
            let action = ServerAction::<ObjectToPromotion>::new();
            let id = c.candidate_id;
            let open = state.is_some();
            let error = form_error_of(&state);
            let name = field_value(&state, "name", None);
            let text = field_value(&state, "text", None);
            let errors = (
                field_error_of(&state, "name"),
                field_error_of(&state, "contact"),
                field_error_of(&state, "text"),
            );
            view! {
                <li class="result card" id=format!("candidate-{id}") data-candidate=id>
                    <div class="result-head">
                        <strong>{c.name.clone()}</strong>
                        <span class="badge">{format!("{} → {}", c.from_grade, c.to_grade)}</span>
                    </div>
                    <p class="muted">{c.area_name.clone()}</p>
                    <details open=open>
                        <summary>{tr("notices.object")}</summary>
                        {error}
                        <ActionForm action=action attr:class="stack">
                            <input type="hidden" name="round" value=round/>
                            <input type="hidden" name="candidate" value=id/>
                            <div class="field">
                                <label for=format!("pn-name-{id}")>{tr("notices.name")}</label>
                                <input id=format!("pn-name-{id}") name="input[name]" maxlength="50" value=name/>
                                {errors.0}
                            </div>
                            <div class="field">
                                <label for=format!("pn-contact-{id}")>{tr("notices.contact")}</label>
                                <input id=format!("pn-contact-{id}") name="input[contact]" maxlength="100" required inputmode="tel"/>
                                {errors.1}
                            </div>
                            <div class="field">
                                <label for=format!("pn-text-{id}")>{tr("notices.text")}</label>
                                <textarea id=format!("pn-text-{id}") name="input[text]" rows="3" maxlength="2000" required>{text}</textarea>
                                {errors.2}
                            </div>
                            <button type="submit" class="primary">{tr("notices.submit")}</button>
                        </ActionForm>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-round=round>
            <h2>{n.title.clone()}</h2>
            <p class="muted">{n.area_path.join(" · ")}</p>
            <p class="result-meta"><span class="due">{period}</span></p>
            <ul class="results">{people}</ul>
        </section>
    }
}
