//! Assessments (考核): the list of an area's assessments with the form that runs one
//! (`/performance/assessments?area=`), and one assessment (`/performance/assessments/:id`): its
//! units and coordinators ranked, each with its points, adjustment and reason; the digest of a
//! published one; for the assessor, the adjustment forms and publishing of a draft, and the
//! correction of a published one. Forms work without JavaScript and come back as typed.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{points, scorecard_href};
use crate::api::ledger::take_form_state;
use crate::api::performance::{
    AdjustAssessmentEntry, CorrectAssessment, PublishAssessment, RunAssessment, load_assessment,
    load_assessments,
};
use crate::domain::performance::assessment::AssessmentStatus;
use crate::i18n::tr;
use crate::model::form::FormState;
use crate::model::performance::{AssessmentEntryView, AssessmentList, AssessmentView};
use crate::ui::ledger::{field_error_of, field_value, form_error_of, refused};

fn status_badge(s: AssessmentStatus) -> impl IntoView {
    let class = match s {
        AssessmentStatus::Draft => "badge warn",
        AssessmentStatus::Published => "badge ok",
        AssessmentStatus::Superseded => "badge",
    };
    view! { <span class=class data-status=s.as_str()>{tr(&format!("assessment.status.{}", s.as_str()))}</span> }
}

#[component]
pub fn AssessmentsPage() -> impl IntoView {
    let query = use_query_map();
    let area = move || query.read().get("area").filter(|s| !s.is_empty());
    let data = Resource::new(area, |area| async move {
        let list = load_assessments(area).await?;
        let refused = take_form_state("assessment-new".into()).await?;
        Ok::<_, crate::model::AppError>((list, refused))
    });
    view! {
        {crate::ui::page_title("assessment.title")}
        <h1>{tr("assessment.title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((list, st)) => assessments(list, st).into_any(),
                    Err(e) => refused(e, "/performance/assessments".into()),
                }
            })}
        </Suspense>
    }
}

fn assessments(list: AssessmentList, st: Option<FormState>) -> impl IntoView {
    let rows = list
        .items
        .iter()
        .map(|a| {
            let href = format!("/performance/assessments/{}", a.id);
            view! {
                <li class="record" data-id=a.id.to_string()>
                    <a href=href>{a.period.clone()}" · "{tr("assessment.round").replace("{n}", &a.round.to_string())}</a>
                    " "{status_badge(a.status)}
                    {a.published_at.clone().map(|p| view! { <span class="muted">" "{tr("assessment.published_at")}{p}</span> })}
                </li>
            }
        })
        .collect_view();
    let empty = list
        .items
        .is_empty()
        .then(|| view! { <p class="muted">{tr("assessment.none")}</p> });
    let form = list.can_run.then(|| run_form(&list.area_code, st));
    view! {
        <p class="muted">{list.area_name.clone()}</p>
        {form}
        <section class="card" id="assessments">
            <ul class="records">{rows}</ul>
            {empty}
        </section>
    }
}

fn run_form(area: &str, st: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<RunAssessment>::new();
    let error = form_error_of(&st);
    let period = field_value(&st, "period", None);
    let period_error = field_error_of(&st, "period");
    let area = area.to_string();
    view! {
        <section class="card" id="run">
            <h2>{tr("assessment.run")}</h2>
            <p class="muted">{tr("assessment.run_hint")}</p>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="input[area]" value=area.clone()/>
                <div class="field">
                    <label for="a-period">{tr("performance.period")}</label>
                    <input id="a-period" name="input[period]" required value=period placeholder="2026-11" autocomplete="off"/>
                    {period_error}
                </div>
                <button type="submit" class="primary">{tr("assessment.run")}</button>
            </ActionForm>
        </section>
    }
}

/// The refused forms of an assessment's page.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Refused {
    adjust: Option<FormState>,
    publish: Option<FormState>,
    correct: Option<FormState>,
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(id, |id| async move {
        let a = load_assessment(id).await?;
        let refused = Refused {
            adjust: take_form_state(format!("adjust-{id}")).await?,
            publish: take_form_state(format!("publish-{id}")).await?,
            correct: take_form_state(format!("correct-{id}")).await?,
        };
        Ok::<_, crate::model::AppError>((a, refused))
    });
    view! {
        {crate::ui::page_title("assessment.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((a, f)) => assessment(a, f).into_any(),
                    Err(e) => view! {
                        <h1>{tr("assessment.title")}</h1>
                        {refused(e, format!("/performance/assessments/{}", id()))}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn assessment(a: AssessmentView, f: Refused) -> impl IntoView {
    let integrity = a.digest.clone().map(|d| {
        let (class, key) = match a.intact {
            Some(true) => ("badge ok", "assessment.intact"),
            _ => ("badge bad", "assessment.not_intact"),
        };
        view! {
            <p class="digest" id="digest">
                {tr("assessment.digest")}<code data-digest=d.clone()>{d.clone()}</code>
                " "<span class=class data-intact=a.intact.unwrap_or(false).to_string()>{tr(key)}</span>
            </p>
        }
    });
    let links = (
        a.corrects.map(|id| view! { <p class="muted"><a href=format!("/performance/assessments/{id}")>{tr("assessment.corrects")}</a></p> }),
        a.corrected_by.map(|id| view! { <p class="error-box"><a href=format!("/performance/assessments/{id}")>{tr("assessment.corrected_by")}</a></p> }),
        a.correction_reason.clone().map(|r| view! { <p class="muted">{tr("assessment.correction_reason")}{r}</p> }),
    );
    let units = entries(&a, &a.units, &f.adjust, "units", "assessment.units");
    let coordinators = (!a.coordinators.is_empty()).then(|| {
        entries(
            &a,
            &a.coordinators,
            &f.adjust,
            "coordinators",
            "assessment.coordinators",
        )
    });
    let publish = (a.can_edit).then(|| publish_form(&a, f.publish));
    let correct =
        (a.assessor && a.status == AssessmentStatus::Published && a.corrected_by.is_none())
            .then(|| correct_form(&a, f.correct));
    let reward = (a.assessor && a.status == AssessmentStatus::Published).then(|| {
        let action = format!("/api/v1/performance/assessments/{}/reward.xlsx", a.id);
        view! {
            <section class="card" id="reward">
                <h2>{tr("assessment.reward")}</h2>
                <p class="muted">{tr("assessment.reward_hint").replace("{share}", &super::shown(crate::domain::performance::MeasureUnit::PerMille, a.grassroots_share))}</p>
                <form method="get" action=action class="inline-form">
                    <label for="fund">{tr("assessment.fund")}</label>
                    <input id="fund" name="fund" required inputmode="decimal" placeholder="100000" size="10"/>
                    <button type="submit">{tr("assessment.download")}</button>
                </form>
            </section>
        }
    });
    let back = format!("/performance/assessments?area={}", a.area_code);
    view! {
        <h1>{a.area_name.clone()}" · "{a.period.clone()}" "{tr("assessment.title")}</h1>
        <section class="card" id="assessment" data-id=a.id.to_string() data-status=a.status.as_str() data-version=a.version.to_string()>
            <p>
                {tr("assessment.round").replace("{n}", &a.round.to_string())}" "{status_badge(a.status)}
            </p>
            <p class="muted">
                {tr("performance.as_of")}{a.as_of.clone()}" · "{tr("performance.system")}
                {crate::ui::components::policy_version_name(&a.system_version)}
            </p>
            <p class="muted">
                {tr("assessment.created")}{a.created_by.clone()}" "{a.created_at.clone()}
                {a.published_at.clone().map(|p| format!(" · {}{} {p}", tr("assessment.published_by"), a.published_by.clone().unwrap_or_default()))}
            </p>
            {integrity}
            {links}
        </section>
        {units}
        {coordinators}
        {publish}
        {correct}
        {reward}
        <p><a href=back>{tr("assessment.back")}</a></p>
    }
}

fn entries(
    a: &AssessmentView,
    list: &[AssessmentEntryView],
    refused: &Option<FormState>,
    id: &'static str,
    title: &'static str,
) -> impl IntoView + use<> {
    let rows = list
        .iter()
        .map(|e| {
            let adjust = a.can_edit.then(|| {
                // The refused form belongs to this entry when it names it.
                let mine = refused
                    .as_ref()
                    .filter(|s| s.value("entry").as_deref() == Some(e.id.to_string().as_str()))
                    .cloned();
                adjust_form(a, e, mine)
            });
            let adjustment = (e.adjustment != 0).then(|| {
                let sign = if e.adjustment > 0 { "+" } else { "−" };
                view! {
                    <p class="muted adjustment">
                        {tr("assessment.adjustment")}{sign}{points(e.adjustment.unsigned_abs())}
                        {e.adjustment_reason.clone().map(|r| format!("（{r}）"))}
                    </p>
                }
            });
            view! {
                <li class="record entry" id=format!("entry-{}", e.id) data-code=e.subject_code.clone() data-rank=e.rank.to_string()>
                    <div class="figure-head">
                        <span class="code">{format!("#{}", e.rank)}</span>
                        <a class="name" href=scorecard_href(&e.subject_code, &a.period)>{e.subject_name.clone()}</a>
                        <strong class="points" data-final=e.final_score.to_string()>{points(e.final_score)}</strong>
                    </div>
                    <p class="muted">
                        {tr("assessment.computed")}{points(e.computed)}" · "
                        {tr("performance.proposed")}" "{tr(&format!("rating.{}", e.proposed_rating.as_str()))}" · "
                        {tr("assessment.records").replace("{n}", &e.records.to_string())}
                    </p>
                    {adjustment}
                    {adjust}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" id=id>
            <h2>{tr(title)}</h2>
            <ul class="records">{rows}</ul>
        </section>
    }
}

fn adjust_form(
    a: &AssessmentView,
    e: &AssessmentEntryView,
    st: Option<FormState>,
) -> impl IntoView + use<> {
    let action = ServerAction::<AdjustAssessmentEntry>::new();
    let error = form_error_of(&st);
    let current = (e.adjustment != 0).then(|| {
        let sign = if e.adjustment < 0 { "-" } else { "" };
        format!("{sign}{}", points(e.adjustment.unsigned_abs()))
    });
    let value = field_value(&st, "adjustment", current);
    let reason = field_value(&st, "reason", e.adjustment_reason.clone());
    let (adj_error, reason_error) = (
        field_error_of(&st, "adjustment"),
        field_error_of(&st, "reason"),
    );
    let (adj_id, reason_id) = (format!("adj-{}", e.id), format!("reason-{}", e.id));
    let (id, entry, version) = (a.id, e.id, a.version);
    let summary = tr("assessment.adjust").replace("{max}", &a.max_adjustment.to_string());
    let open = st.is_some();
    view! {
        <details class="adjust" open=open>
            <summary>{summary}</summary>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="input[entry]" value=entry/>
                <input type="hidden" name="input[version]" value=version/>
                <div class="field">
                    <label for=adj_id.clone()>{tr("assessment.adjustment_points")}</label>
                    <input id=adj_id.clone() name="input[adjustment]" value=value.clone() inputmode="decimal" autocomplete="off" size="6"/>
                    {adj_error}
                </div>
                <div class="field">
                    <label for=reason_id.clone()>{tr("assessment.reason")}</label>
                    <input id=reason_id.clone() name="input[reason]" value=reason.clone() maxlength="200"/>
                    {reason_error}
                </div>
                <button type="submit">{tr("form.save")}</button>
            </ActionForm>
        </details>
    }
}

fn publish_form(a: &AssessmentView, st: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<PublishAssessment>::new();
    let error = form_error_of(&st);
    let (id, version) = (a.id, a.version);
    view! {
        <section class="card" id="publish">
            <h2>{tr("assessment.publish")}</h2>
            <p class="muted">{tr("assessment.publish_hint")}</p>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="input[version]" value=version/>
                <button type="submit" class="primary">{tr("assessment.publish")}</button>
            </ActionForm>
        </section>
    }
}

fn correct_form(a: &AssessmentView, st: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<CorrectAssessment>::new();
    let error = form_error_of(&st);
    let reason = field_value(&st, "reason", None);
    let reason_error = field_error_of(&st, "reason");
    let id = a.id;
    view! {
        <section class="card" id="correct">
            <h2>{tr("assessment.correct")}</h2>
            <p class="muted">{tr("assessment.correct_hint")}</p>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="c-reason">{tr("assessment.correction_reason")}</label>
                    <input id="c-reason" name="input[reason]" required value=reason.clone() maxlength="500"/>
                    {reason_error}
                </div>
                <button type="submit">{tr("assessment.correct")}</button>
            </ActionForm>
        </section>
    }
}
