//! One coordinator (`/coordinators/:id`) with the grade rules explained, and the coordinator's
//! own view on the phone (`/coordinators/me`).

use super::forms::{FormStates, keeper_forms};
use super::labels::{grade_label, rating_label, rule_label, rule_table};
use crate::api::coordinators::{load_coordinator, my_coordinator_record};
use crate::api::ledger::take_form_state;
use crate::domain::grading::Grade;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::coordinator::{CoordinatorView, RecordChange};
use crate::ui::ledger::{refused, saved_notice};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CoordinatorPage() -> impl IntoView {
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
        let c = load_coordinator(id).await?;
        let forms = FormStates {
            edit: take_form_state(format!("coordinator-{id}")).await?,
            training: take_form_state(format!("training-{id}")).await?,
            exam: take_form_state(format!("exam-{id}")).await?,
            rating: take_form_state(format!("rating-{id}")).await?,
            entry: take_form_state(format!("entry-{id}")).await?,
            leave: take_form_state(format!("leave-{id}")).await?,
        };
        Ok::<_, AppError>((c, forms))
    });
    view! {
        {crate::ui::page_title("coordinators.one")}
        {move || saved_notice(saved())}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((c, forms)) => {
                        let editing = c.can_edit.then(|| keeper_forms(&c, forms));
                        view! { {summary(&c)}{records(&c)}{editing} }.into_any()
                    }
                    Err(e) => refused(e, format!("/coordinators/{}", id())),
                }
            })}
        </Suspense>
    }
}

/// The coordinator's own record, laid out for a phone: grade, what promotion still needs,
/// training hours, ratings.
#[component]
pub fn MyRecordPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_coordinator_record());
    view! {
        {crate::ui::page_title("coordinators.mine")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => view! { {summary(&c)}{records(&c)} }.into_any(),
                    Err(e) => refused(e, "/coordinators/me".into()),
                }
            })}
        </Suspense>
    }
}

pub(super) fn summary(c: &CoordinatorView) -> impl IntoView + use<> {
    let missing: Vec<String> = c
        .promotion_checks
        .iter()
        .filter(|r| !r.met)
        .map(|r| rule_label(&r.rule))
        .collect();
    let next = c.next_grade.as_ref().map(|g| {
        tr("coordinators.next_grade")
            .replace("{grade}", &grade_label(Some(g.grade)))
            .replace("{date}", &g.from_date)
    });
    let pay = c
        .pay_coefficient
        .map(|p| format!("{}.{:02}", p / 1000, (p % 1000) / 10));
    let street = c
        .street
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    view! {
        <section class="card" data-coordinator=c.id data-grade=c.grade.map(|g| g.as_str()).unwrap_or("none")>
            <h1>{c.name.clone()}</h1>
            <p class="result-head">
                <span class="badge" id="grade">{grade_label(c.grade)}</span>
                {c.non_renewal.then(|| view! { <span class="badge bad">{tr("coordinators.non_renewal")}</span> })}
                {c.left_on.clone().map(|d| view! { <span class="badge bad" id="left">{tr("coordinators.left").replace("{date}", &d)}</span> })}
            </p>
            {c.left_reason.clone().map(|r| view! { <p class="muted" id="left-reason">{tr("coordinators.left_reason")}{tr("punct.colon")}{r}</p> })}
            {next.map(|n| view! { <p class="notice">{n}</p> })}
            <dl class="facts">
                <dt>{tr("coordinators.field.area_code")}</dt><dd>{street}" "{c.area.name.clone()}</dd>
                <dt>{tr("coordinators.grade_since")}</dt><dd>{c.grade_since.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{tr("coordinators.pay")}</dt><dd id="pay">{pay.unwrap_or_else(|| "—".into())}</dd>
                <dt>{tr("coordinators.training_hours")}</dt><dd id="training-hours">{c.training_hours}</dd>
                <dt>{tr("coordinators.field.employment")}</dt><dd>{tr(&format!("employment.{}", c.employment.as_str()))}</dd>
                <dt>{tr("coordinators.field.id_number")}</dt><dd>{c.id_number.clone()}</dd>
                <dt>{tr("coordinators.field.hired_on")}</dt><dd>{c.hired_on.clone()}</dd>
                <dt>{tr("coordinators.contract")}</dt>
                <dd>{c.contract_from.clone().unwrap_or_default()}" – "{c.contract_until.clone().unwrap_or_default()}</dd>
            </dl>
            {(c.grade == Some(Grade::Second)).then(|| {
                if missing.is_empty() {
                    view! { <p class="badge ok" id="promotion-missing">{tr("coordinators.ready")}</p> }.into_any()
                } else {
                    view! { <p id="promotion-missing">{tr("coordinators.missing")}" "{missing.join(&tr("list.separator"))}</p> }.into_any()
                }
            })}
        </section>
        <section class="card" id="rules">
            <h2>{if c.grade.is_none() { tr("coordinators.entry_rules") } else { tr("coordinators.promotion_rules") }}</h2>
            <p class="muted" data-version=c.policy_version.clone()>{tr("coordinators.policy").replace("{v}", &crate::ui::components::policy_version_name(&c.policy_version))}</p>
            {if c.grade.is_none() { rule_table(&c.entry_checks).into_any() } else { rule_table(&c.promotion_checks).into_any() }}
        </section>
    }
}

/// Why a grade was set, in the page's language (a reason written before the codes as it is).
fn grade_reason_text(stored: &str) -> String {
    use crate::domain::grading::GradeReason;
    match GradeReason::decode(stored) {
        GradeReason::Registered => tr("grade.reason.registered"),
        GradeReason::Entry { policy } => tr("grade.reason.entry").replace(
            "{policy}",
            &crate::ui::components::policy_version_name(&policy),
        ),
        GradeReason::Promotion { round } => tr("grade.reason.promotion").replace("{round}", &round),
        GradeReason::Demotion { year } => {
            tr("grade.reason.demotion").replace("{year}", &year.to_string())
        }
        GradeReason::Text(text) => text,
    }
}

pub(super) fn records(c: &CoordinatorView) -> impl IntoView + use<> {
    let grades = c
        .grades
        .iter()
        .map(|g| view! { <li>{format!("{} · {} · {}", g.from_date, grade_label(Some(g.grade)), grade_reason_text(&g.reason))}</li> })
        .collect_view();
    let training = c
        .training
        .iter()
        .map(|t| {
            let pre = if t.pre_service {
                format!(" · {}", tr("coordinators.pre_service"))
            } else {
                String::new()
            };
            view! { <li>{format!("{} · {} · {}h{pre}", t.finished_on, t.course, t.hours)}</li> }
        })
        .collect_view();
    let exams = c
        .exams
        .iter()
        .map(|e| view! { <li>{format!("{} · {} {} · {} {}", e.sat_on, tr("coordinators.theory"), e.theory, tr("coordinators.practical"), e.practical)}</li> })
        .collect_view();
    let ratings = c
        .ratings
        .iter()
        .map(|r| view! { <li data-year=r.year>{format!("{} · {}", r.year, rating_label(r.rating))}</li> })
        .collect_view();
    let caseload = c.caseload.map(|k| {
        view! {
            <dl class="facts">
                <dt>{tr("coordinators.caseload.households")}</dt><dd>{k.households}</dd>
                <dt>{tr("coordinators.caseload.people")}</dt><dd>{k.people}</dd>
                <dt>{tr("coordinators.caseload.targets")}</dt><dd>{k.assistance_targets}</dd>
                <dt>{tr("coordinators.caseload.zero")}</dt><dd>{k.zero_households}</dd>
            </dl>
        }
    });
    view! {
        <section class="card" id="records">
            <h2>{tr("coordinators.grades")}</h2>
            <ul class="history" id="grade-history">{grades}</ul>
            <h2>{tr("coordinators.ratings")}</h2>
            <ul class="history" id="ratings">{ratings}</ul>
            <h2>{tr("coordinators.training")}</h2>
            <ul class="history">{training}</ul>
            <h2>{tr("coordinators.exams")}</h2>
            <ul class="history">{exams}</ul>
            {caseload.map(|k| view! { <h2>{tr("coordinators.caseload")}</h2>{k} })}
        </section>
        {record_history(&c.history)}
    }
}

/// A changed value in the page's language: codes of employment and education by name.
fn change_value(field: &str, value: Option<&str>) -> String {
    match (field, value) {
        (_, None) => tr("coordinators.history.empty"),
        ("employment", Some(v)) => tr(&format!("employment.{v}")),
        ("education", Some(v)) => tr(&format!("ledger.education.{v}")),
        (_, Some(v)) => v.to_string(),
    }
}

/// The record's edits, newest first: who, when, and each field from what to what (a personal
/// number only as changed).
fn record_history(history: &[RecordChange]) -> impl IntoView + use<> {
    let items = history
        .iter()
        .map(|h| {
            let head = format!("v{} · {} · {}", h.version, h.changed_at, h.changed_by);
            let body = if h.changes.is_empty() {
                view! { <p class="muted">{tr("coordinators.history.first")}</p> }.into_any()
            } else {
                let rows = h
                    .changes
                    .iter()
                    .map(|f| {
                        let label = tr(&format!("coordinators.field.{}", f.field));
                        let change = if f.hidden {
                            tr("coordinators.history.hidden")
                        } else {
                            format!(
                                "{} → {}",
                                change_value(&f.field, f.before.as_deref()),
                                change_value(&f.field, f.after.as_deref())
                            )
                        };
                        view! { <li data-field=f.field.clone()><span class="field-name">{label}</span>{tr("punct.colon")}{change}</li> }
                    })
                    .collect_view();
                view! { <ul class="changes">{rows}</ul> }.into_any()
            };
            view! { <li data-version=h.version><p>{head}</p>{body}</li> }
        })
        .collect_view();
    (!history.is_empty()).then(|| {
        view! {
            <section class="card" id="record-history">
                <h2>{tr("coordinators.history")}</h2>
                <ul class="history">{items}</ul>
            </section>
        }
    })
}
