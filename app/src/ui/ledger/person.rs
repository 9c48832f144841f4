//! A person's full record (unmasked for the roles that work the ledger, and audited), to edit.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::fields::{PersonFields, field_error, form_error};
use super::{changed_labels, refused, saved_notice};
use crate::api::assistance::{
    AddRecord, ApplyTarget, ExitTarget, MakePlan, person_targets, target_plan,
};
use crate::api::ledger::{UpdatePerson, get_person, person_history, take_form_state};
use crate::domain::assistance::{Category, ExitReason};
use crate::domain::ledger::Need;
use crate::domain::plan::{Outcome, Service};
use crate::domain::role::Role;
use crate::i18n::tr;
use crate::model::assistance::{PlanView, TargetItem};
use crate::model::form::FormState;
use crate::model::ledger::PersonView;
use crate::ui::assistance::{UnsupportedCategories, decision};
use crate::ui::components::DueBasis;
use crate::ui::layout::Me;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    // The account as the header read it: a reviewer decides a file at its own step here.
    let me = use_context::<Me>();
    let data = Resource::new(id, move |id| async move {
        let Some(id) = id else {
            return Err(crate::model::AppError::NotFound);
        };
        let role = match me {
            Some(Me(me)) => me.await?.map(|u| u.role),
            None => None,
        };
        let person = get_person(id).await?;
        let state = take_form_state(format!("person-{id}")).await?;
        let files = person_targets(id).await?;
        let history = person_history(id).await?;
        let apply = take_form_state(format!("target-{id}")).await?;
        let decided = take_form_state("decision".into()).await?;
        // The plan of the confirmed file, with what its forms left behind.
        let confirmed = files
            .iter()
            .find(|f| f.status == crate::domain::assistance::TargetStatus::Confirmed)
            .map(|f| (f.id, f.version));
        let plan = match confirmed {
            Some((t, version)) => Some((
                target_plan(t).await?,
                version,
                take_form_state(format!("plan-{t}")).await?,
                take_form_state(format!("record-{t}")).await?,
                take_form_state(format!("exit-{t}")).await?,
            )),
            None => None,
        };
        let reviewer = Reviewer {
            role,
            state: decided,
        };
        Ok((person, state, files, apply, plan, history, reviewer))
    });
    let action = ServerAction::<UpdatePerson>::new();
    view! {
        {crate::ui::page_title("ledger.person")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/people/{}", id().unwrap_or_default());
                match data.await {
                    Ok((p, state, files, apply, plan, history, reviewer)) => {
                        let back = format!("/ledger/{}#members", p.household_id);
                        let targets = targets_section(&p, files, apply, reviewer);
                        let plan = plan.map(|(plan, version, made, recorded, exit)| view! {
                            {plan_section(&p, plan.clone(), made, recorded)}
                            {exit_section(p.id, plan.target_id, version, exit)}
                        });
                        view! {
                            {saved_notice(saved())}
                            <section class="card">
                                <p class="muted"><a href=back>{tr("ledger.back_to_household")}</a></p>
                                <h1>{p.name.clone()}</h1>
                                <p class="muted">{tr("ledger.full_record_audited")}</p>
                                {form_error(&state)}
                                <ActionForm action=action attr:class="stack" attr:id="person-form">
                                    <input type="hidden" name="id" value=p.id/>
                                    <input type="hidden" name="input[version]" value=p.version/>
                                    <PersonFields state=state current=Some(p.clone())/>
                                    <button type="submit" class="primary">{tr("form.save")}</button>
                                </ActionForm>
                            </section>
                            {targets}
                            {plan}
                            {history_section(history)}
                        }.into_any()
                    }
                    Err(e) => refused(e, here),
                }
            })}
        </Suspense>
    }
}

/// Who reads the page, for deciding files: the role, and what a refused decision left.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Reviewer {
    role: Option<Role>,
    state: Option<FormState>,
}

impl Reviewer {
    /// Whether the file waits at a step this reader's role takes (the server checks the area).
    fn decides(&self, f: &TargetItem) -> bool {
        f.status == crate::domain::assistance::TargetStatus::InReview
            && f.step
                .zip(self.role)
                .is_some_and(|(step, role)| step.actors().contains(&role))
    }
}

/// The person's assistance files, with the decision where one waits at the reader's step, and
/// registration when none is open.
fn targets_section(
    p: &PersonView,
    files: Vec<TargetItem>,
    state: Option<FormState>,
    reviewer: Reviewer,
) -> impl IntoView + use<> {
    let action = ServerAction::<ApplyTarget>::new();
    let open = files
        .iter()
        .any(|f| f.status != crate::domain::assistance::TargetStatus::Exited);
    let can_apply = !open && p.status.is_unemployed();
    let has_card = files.iter().any(|f| f.confirmed_on.is_some());
    let suggested = p.suggested_categories.clone();
    let ticked: Vec<String> = state
        .as_ref()
        .and_then(|s| s.value("categories"))
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_else(|| suggested.iter().map(|c| c.as_str().to_string()).collect());
    let typed_reason = state
        .as_ref()
        .and_then(|s| s.value("category_reason"))
        .unwrap_or_default();
    let rows = files
        .into_iter()
        .map(|f| {
            let status = tr(&format!("target.status.{}", f.status.as_str()));
            let decide = reviewer
                .decides(&f)
                .then(|| decision(f.clone(), reviewer.state.clone(), true));
            let unsupported = decide.is_none().then(|| view! { <UnsupportedCategories item=f.clone()/> });
            view! {
                <li class="result" data-target=f.id>
                    <div class="result-head">
                        <strong>{status}</strong>
                        {f.step.map(|s| view! { <span class="badge">{tr(&format!("target.step.{}", s.as_str()))}</span> })}
                        {f.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                    </div>
                    <p class="muted">
                        {f.categories.iter().map(|c| tr(&format!("category.{}", c.as_str()))).collect::<Vec<_>>().join(&tr("list.separator"))}
                    </p>
                    {unsupported}
                    {f.exit_reason.map(|r| view! {
                        <p class="exit-reason">{tr("target.exit_reason")}": "{tr(&format!("exit.{}", r.as_str()))}</p>
                    })}
                    <p class="result-meta">
                        <span>{tr("reviews.applied_on")}": "{f.applied_on.clone()}</span>
                        {f.step_due.clone().map(|d| view! { <span class="due">{tr("reviews.due")}": "{d}</span> })}
                        <DueBasis bases=f.step_due_basis.clone()/>
                        {f.notice_until.clone().map(|d| view! { <span class="notice-until">{tr("target.notice_until")}" "{d}</span> })}
                        {f.confirmed_on.clone().map(|d| view! { <span>{tr("target.confirmed_on")}": "{d}</span> })}
                    </p>
                    {decide}
                </li>
            }
        })
        .collect_view();
    let person_id = p.id;
    let card_link = has_card.then(|| {
        view! { <p><a class="button" id="print-card" href=format!("/people/{person_id}/card")>{tr("card.print")}</a></p> }
    });
    view! {
        <section class="card" id="targets">
            <h2>{tr("target.title")}</h2>
            {card_link}
            <ul class="results">{rows}</ul>
            {can_apply.then(|| view! {
                {form_error(&state)}
                <ActionForm action=action attr:class="stack" attr:id="target-form">
                    <input type="hidden" name="input[person_id]" value=person_id/>
                    <fieldset class="field checks">
                        <legend>{tr("target.categories")}</legend>
                        {Category::ALL.into_iter().enumerate().map(|(i, c)| view! {
                            <label class="check">
                                <input type="checkbox" name=format!("input[categories][{i}]") value=c.as_str()
                                    checked=ticked.iter().any(|t| t == c.as_str())/>
                                {tr(&format!("category.{}", c.as_str()))}
                                {(!suggested.contains(&c)).then(|| view! { <span class="badge warn">{tr("target.unsupported")}</span> })}
                            </label>
                        }).collect_view()}
                        {field_error(&state, "categories")}
                        {field_error(&state, "person_id")}
                    </fieldset>
                    <div class="field">
                        <label for="category_reason">{tr("target.category_reason")}</label>
                        <textarea id="category_reason" name="input[category_reason]" maxlength="500" rows="2">{typed_reason}</textarea>
                        {field_error(&state, "category_reason")}
                    </div>
                    <button type="submit" class="primary">{tr("target.apply")}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// 「一人一策」: the plan of the confirmed file, planning more services, recording contacts.
fn plan_section(
    p: &PersonView,
    plan: PlanView,
    made: Option<FormState>,
    recorded: Option<FormState>,
) -> impl IntoView + use<> {
    let make = ServerAction::<MakePlan>::new();
    let record = ServerAction::<AddRecord>::new();
    let target_id = plan.target_id;
    let person_id = p.id;
    let suggested = Need::services(&p.needs);
    // Time limits from the catalogue of the file's policy version.
    let catalogue = plan.catalogue.clone();
    let days = move |s: Service| {
        catalogue
            .iter()
            .find(|c| c.service == s)
            .map(|c| c.time_limit_days)
            .unwrap_or_default()
    };
    let service_label = |s: Service| tr(&format!("plan.service.{}", s.as_str()));
    let items = plan
        .items
        .iter()
        .map(|i| {
            let state = match (&i.done_on, i.overdue) {
                (Some(d), _) => view! { <span class="badge ok">{tr("plan.done")}" "{d.clone()}</span> }.into_any(),
                (None, true) => view! { <span class="badge bad">{tr("reviews.overdue")}</span> }.into_any(),
                (None, false) => view! { <span class="badge">{tr("plan.open")}</span> }.into_any(),
            };
            view! {
                <li class="result plan-item" data-service=i.service.as_str()>
                    <div class="result-head"><strong>{service_label(i.service)}</strong>{state}</div>
                    <p class="muted">{i.content.clone()}" → "{i.expected_effect.clone()}</p>
                    <p class="result-meta"><span class="due">{tr("reviews.due")}": "{i.due_on.clone()}</span><DueBasis bases=i.due_basis.clone()/></p>
                </li>
            }
        })
        .collect_view();
    let options = plan
        .items
        .iter()
        .map(|i| view! { <option value=i.id>{format!("{} · {}", service_label(i.service), i.due_on)}</option> })
        .collect_view();
    let records = plan
        .records
        .iter()
        .map(|r| {
            view! {
                <li>
                    <strong>{r.served_on.clone()}</strong>" · "{service_label(r.service)}" · "
                    {tr(&format!("plan.outcome.{}", r.outcome.as_str()))}" · "{r.worker_name.clone()}
                    {r.employer.clone().map(|e| view! { <p>{tr("plan.employer")}": "{e}</p> })}
                    {r.note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    let has_items = !plan.items.is_empty();
    let open_make = !has_items || made.is_some();
    let today = crate::ui::ledger::today_text();
    view! {
        <section class="card" id="plan">
            <h2>{tr("plan.title")}</h2>
            {(plan.refusals > 0).then(|| view! {
                <p class="notice warn">{tr("plan.refusals").replace("{n}", &plan.refusals.to_string())}</p>
            })}
            <ul class="results">{items}</ul>
            <details open=open_make>
                <summary>{tr("plan.make")}</summary>
                {form_error(&made)}
                <ActionForm action=make attr:class="stack" attr:id="plan-form">
                    <input type="hidden" name="target_id" value=target_id/>
                    <input type="hidden" name="person_id" value=person_id/>
                    <fieldset class="field checks">
                        <legend>{tr("plan.services")}</legend>
                        {Service::ALL.into_iter().enumerate().map(|(n, s)| view! {
                            <label class="check">
                                <input type="checkbox" name=format!("input[services][{n}]") value=s.as_str()
                                    checked=suggested.contains(&s)/>
                                {service_label(s)}" ("{tr("plan.days").replace("{n}", &days(s).to_string())}")"
                            </label>
                        }).collect_view()}
                        {field_error(&made, "services")}
                    </fieldset>
                    <button type="submit" class="primary">{tr("plan.make")}</button>
                </ActionForm>
            </details>
            {has_items.then(|| view! {
                <h3>{tr("plan.record")}</h3>
                {form_error(&recorded)}
                <ActionForm action=record attr:class="stack" attr:id="record-form">
                    <input type="hidden" name="target_id" value=target_id/>
                    <input type="hidden" name="person_id" value=person_id/>
                    <div class="field">
                        <label for="plan_item_id">{tr("plan.item")}</label>
                        <select id="plan_item_id" name="input[plan_item_id]" required>{options}</select>
                    </div>
                    <div class="field">
                        <label for="served_on">{tr("plan.served_on")}</label>
                        <input id="served_on" name="input[served_on]" type="date" required
                            value=super::fields::value(&recorded, "served_on", Some(today))/>
                        {field_error(&recorded, "served_on")}
                    </div>
                    <div class="field">
                        <label for="outcome">{tr("plan.outcome")}</label>
                        <select id="outcome" name="input[outcome]" required>
                            {Outcome::ALL.into_iter().map(|o| view! {
                                <option value=o.as_str()>{tr(&format!("plan.outcome.{}", o.as_str()))}</option>
                            }).collect_view()}
                        </select>
                        {field_error(&recorded, "outcome")}
                    </div>
                    <div class="field">
                        <label for="employer">{tr("plan.employer")}</label>
                        <input id="employer" name="input[employer]" maxlength="100"
                            value=super::fields::value(&recorded, "employer", None)/>
                        {field_error(&recorded, "employer")}
                    </div>
                    <div class="field">
                        <label for="record_note">{tr("ledger.note")}</label>
                        <textarea id="record_note" name="input[note]" maxlength="500" rows="2">
                            {super::fields::value(&recorded, "note", None)}
                        </textarea>
                        {field_error(&recorded, "note")}
                    </div>
                    <button type="submit" class="primary">{tr("plan.record")}</button>
                </ActionForm>
            })}
            <ul class="timeline" id="records">{records}</ul>
        </section>
    }
}

/// Ends the confirmed file (退出) with a reason; the exits the data proves are applied by the
/// system, this is for the rest (or earlier, on an officer's judgement).
fn exit_section(
    person_id: i64,
    target_id: i64,
    version: i32,
    state: Option<FormState>,
) -> impl IntoView + use<> {
    let action = ServerAction::<ExitTarget>::new();
    let chosen = state.as_ref().and_then(|s| s.value("reason"));
    let reopen = state.is_some();
    let summary = form_error(&state);
    let reason_error = field_error(&state, "reason");
    let note_error = field_error(&state, "note");
    let note = super::fields::value(&state, "note", None);
    view! {
        <section class="card" id="exit">
            <details open=reopen>
                <summary>{tr("target.exit")}</summary>
                <p class="muted">{tr("target.exit_hint")}</p>
                {summary}
                <ActionForm action=action attr:class="stack" attr:id="exit-form">
                    <input type="hidden" name="id" value=target_id/>
                    <input type="hidden" name="person_id" value=person_id/>
                    <input type="hidden" name="input[version]" value=version/>
                    <div class="field">
                        <label for="exit_reason">{tr("target.exit_reason")}</label>
                        <select id="exit_reason" name="input[reason]" required>
                            <option value="" selected=chosen.is_none()>{tr("form.choose")}</option>
                            {ExitReason::ALL.into_iter().map(|r| view! {
                                <option value=r.as_str() selected=chosen.as_deref() == Some(r.as_str())>
                                    {tr(&format!("exit.{}", r.as_str()))}
                                </option>
                            }).collect_view()}
                        </select>
                        {reason_error}
                    </div>
                    <div class="field">
                        <label for="exit_note">{tr("ledger.note")}</label>
                        <textarea id="exit_note" name="input[note]" maxlength="500" rows="2">
                            {note}
                        </textarea>
                        {note_error}
                    </div>
                    <button type="submit" class="danger">{tr("target.exit")}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// The person's versions (who changed which fields, when), with the records merged into it.
fn history_section(h: crate::model::ledger::PersonHistory) -> impl IntoView {
    let merged = h
        .merged
        .iter()
        .map(|m| {
            view! {
                <li class="merged" data-person=m.person_id>
                    {format!("#{} {} {}", m.person_id, m.name, m.id_number)}" · "{m.merged_on.clone()}" · "{m.merged_by.clone()}
                </li>
            }
        })
        .collect_view();
    let has_merged = !h.merged.is_empty();
    let entries = h
        .entries
        .into_iter()
        .map(|e| {
            let from = e
                .merged_from
                .map(|id| tr("person.merged_from").replace("{id}", &id.to_string()));
            view! {
                <li class=if e.merged_from.is_some() { "merged-entry" } else { "" }>
                    <strong>{format!("v{}", e.version)}</strong>{from}" · "{e.changed_at}" · "{e.changed_by}
                    <p class="muted changes">{changed_labels(&e.changes)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="history">
            <h2>{tr("person.history")}</h2>
            {has_merged.then(|| view! {
                <h3>{tr("person.merged")}</h3>
                <ul class="plain">{merged}</ul>
            })}
            <ul class="timeline">{entries}</ul>
        </section>
    }
}
