//! A person's full record (unmasked for the roles that work the ledger, and audited), to edit.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::fields::{PersonFields, field_error, form_error};
use super::{refused, saved_notice};
use crate::api::ledger::{UpdatePerson, get_person, take_form_state};
use crate::api::targets::{ApplyTarget, person_targets};
use crate::domain::assistance::Category;
use crate::i18n::tr;
use crate::model::assistance::TargetItem;
use crate::model::form::FormState;
use crate::model::ledger::PersonView;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = Resource::new(id, |id| async move {
        let Some(id) = id else {
            return Err(crate::model::AppError::NotFound);
        };
        let person = get_person(id).await?;
        let state = take_form_state(format!("person-{id}")).await?;
        let files = person_targets(id).await?;
        let apply = take_form_state(format!("target-{id}")).await?;
        Ok((person, state, files, apply))
    });
    let action = ServerAction::<UpdatePerson>::new();
    view! {
        {crate::ui::page_title("ledger.person")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/people/{}", id().unwrap_or_default());
                match data.await {
                    Ok((p, state, files, apply)) => {
                        let back = format!("/ledger/{}#members", p.household_id);
                        let targets = targets_section(&p, files, apply);
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
                        }.into_any()
                    }
                    Err(e) => refused(e, here),
                }
            })}
        </Suspense>
    }
}

/// The person's assistance files, and registration when none is open.
fn targets_section(
    p: &PersonView,
    files: Vec<TargetItem>,
    state: Option<FormState>,
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
    let rows = files
        .into_iter()
        .map(|f| {
            let status = tr(&format!("target.status.{}", f.status.as_str()));
            view! {
                <li class="result" data-target=f.id>
                    <div class="result-head">
                        <strong>{status}</strong>
                        {f.step.map(|s| view! { <span class="badge">{tr(&format!("target.step.{}", s.as_str()))}</span> })}
                        {f.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                    </div>
                    <p class="muted">
                        {f.categories.iter().map(|c| tr(&format!("category.{}", c.as_str()))).collect::<Vec<_>>().join("、")}
                    </p>
                    <p class="result-meta">
                        <span>{tr("reviews.applied_on")}": "{f.applied_on.clone()}</span>
                        {f.step_due.clone().map(|d| view! { <span class="due">{tr("reviews.due")}": "{d}</span> })}
                        {f.confirmed_on.clone().map(|d| view! { <span>{tr("target.confirmed_on")}": "{d}</span> })}
                    </p>
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
                            </label>
                        }).collect_view()}
                        {field_error(&state, "categories")}
                        {field_error(&state, "person_id")}
                    </fieldset>
                    <button type="submit" class="primary">{tr("target.apply")}</button>
                </ActionForm>
            })}
        </section>
    }
}
