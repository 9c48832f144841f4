//! A household: surveying a new one, and its record with members, visits and history.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::fields::{
    PersonFields, checked, field_error, form_error, need_label, status_label, value,
};
use super::{changed_labels, refused, saved_notice};
use crate::api::ledger::{
    AddMember, AddVisit, CreateHousehold, UpdateHousehold, get_household, ledger_communities,
    take_form_state,
};
use crate::i18n::tr;
use crate::model::AreaView;
use crate::model::form::FormState;
use crate::model::ledger::{HouseholdDetail, PersonView};
use crate::ui::components::DemoTag;

/// The household fields; `communities` offers the choice of community (new households).
fn household_fields(
    state: &Option<FormState>,
    current: Option<&HouseholdDetail>,
    communities: Vec<AreaView>,
) -> impl IntoView + use<> {
    let community = value(
        state,
        "community_code",
        current.map(|d| d.household.community_code.clone()),
    );
    let choose = current.is_none();
    let only_one = communities.len() == 1;
    view! {
        {if choose {
            view! {
                <div class="field">
                    <label for="community_code">{tr("ledger.community")}</label>
                    <select id="community_code" name="input[community_code]" required>
                        {(!only_one).then(|| view! { <option value="">{tr("form.choose")}</option> })}
                        {communities.into_iter().map(|c| {
                            let selected = c.code == community || only_one;
                            view! { <option value=c.code.clone() selected=selected>{c.name}</option> }
                        }).collect_view()}
                    </select>
                    {field_error(state, "community_code")}
                </div>
            }.into_any()
        } else {
            view! { <input type="hidden" name="input[community_code]" value=community/> }.into_any()
        }}
        <div class="field">
            <label for="address">{tr("ledger.address")}</label>
            <input id="address" name="input[address]" required maxlength="200"
                value=value(state, "address", current.map(|d| d.household.address.clone()))/>
            {field_error(state, "address")}
        </div>
        <div class="field">
            <label for="hukou_code">{tr("ledger.hukou_code")}</label>
            <input id="hukou_code" name="input[hukou_code]" inputmode="numeric" maxlength="12"
                value=value(state, "hukou_code", current.and_then(|d| d.hukou_code.clone()))/>
            {field_error(state, "hukou_code")}
        </div>
        <label class="check">
            <input type="checkbox" name="input[urban_hukou]" value="true"
                checked=checked(state, "urban_hukou", current.map(|d| d.urban_hukou).unwrap_or(true))/>
            {tr("ledger.urban_hukou")}
        </label>
        <label class="check">
            <input type="checkbox" name="input[business_income]" value="true"
                checked=checked(state, "business_income", current.map(|d| d.business_income).unwrap_or(false))/>
            {tr("ledger.business_income")}
        </label>
        <div class="field">
            <label for="note">{tr("ledger.note")}</label>
            <textarea id="note" name="input[note]" maxlength="500" rows="2">
                {value(state, "note", current.and_then(|d| d.note.clone()))}
            </textarea>
            {field_error(state, "note")}
        </div>
    }
}

#[component]
pub fn NewHouseholdPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            let communities = ledger_communities().await?;
            let state = take_form_state("household-new".into()).await?;
            Ok::<_, crate::model::AppError>((communities, state))
        },
    );
    let action = ServerAction::<CreateHousehold>::new();
    view! {
        {crate::ui::page_title("ledger.new")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((communities, state)) => view! {
                        <section class="card">
                            <h1>{tr("ledger.new")}</h1>
                            <p class="lead">{tr("ledger.new_lead")}</p>
                            {form_error(&state)}
                            <ActionForm action=action attr:class="stack" attr:id="household-form">
                                {household_fields(&state, None, communities)}
                                <button type="submit" class="primary">{tr("form.save")}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(e) => refused(e, "/ledger/new".into()),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn HouseholdPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(id, |id| async move {
        let Some(id) = id else {
            return Err(crate::model::AppError::NotFound);
        };
        let detail = get_household(id).await?;
        let edit = take_form_state(format!("household-{id}")).await?;
        let member = take_form_state(format!("member-{id}")).await?;
        let visit = take_form_state(format!("visit-{id}")).await?;
        Ok((detail, edit, member, visit))
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/ledger/{}", id().unwrap_or_default());
                match data.await {
                    Ok((detail, edit, member, visit)) => household_view(detail, edit, member, visit, saved()).into_any(),
                    Err(e) => refused(e, here),
                }
            })}
        </Suspense>
    }
}

fn household_view(
    d: HouseholdDetail,
    edit: Option<FormState>,
    member: Option<FormState>,
    visit: Option<FormState>,
    saved: bool,
) -> impl IntoView {
    let id = d.household.id;
    let update = ServerAction::<UpdateHousehold>::new();
    let add_member = ServerAction::<AddMember>::new();
    let add_visit = ServerAction::<AddVisit>::new();
    let h = d.household.clone();
    let edit_open = edit.is_some();
    let member_open = member.is_some() || d.members.is_empty();
    let title = h.address.clone();
    let fields = household_fields(&edit, Some(&d), Vec::new());
    let members = d.members.iter().cloned().map(member_row).collect_view();
    let visits = d
        .visits
        .iter()
        .map(|v| {
            view! {
                <li><strong>{v.visited_on.clone()}</strong>" · "{v.worker_name.clone()}<p>{v.note.clone()}</p></li>
            }
        })
        .collect_view();
    let history = d
        .history
        .iter()
        .map(|e| {
            view! {
                <li>
                    <strong>{format!("v{}", e.version)}</strong>" · "{e.changed_at.clone()}" · "{e.changed_by.clone()}
                    <p class="muted changes">{changed_labels(&e.changes)}</p>
                </li>
            }
        })
        .collect_view();
    let facts = (
        d.urban_hukou,
        d.business_income,
        d.note.clone(),
        d.open_duplicates,
    );
    let (urban, business, note, duplicates) = facts;
    view! {
        <leptos_meta::Title text=title.clone()/>
        {saved_notice(saved)}
        <section class="card">
            <p class="muted"><a href="/ledger">{tr("ledger.title")}</a>" / "{h.community_name.clone()}</p>
            <div class="result-head">
                <h1>{title}</h1>
                {h.zero_employment.then(|| view! { <span class="badge bad" id="zero-badge">{tr("ledger.zero_badge")}</span> })}
                <DemoTag is_demo=h.is_demo/>
            </div>
            <dl class="facts">
                <dt>{tr("ledger.community")}</dt><dd>{h.community_name.clone()}</dd>
                <dt>{tr("ledger.urban_hukou")}</dt><dd>{tr(if urban { "common.yes" } else { "common.no" })}</dd>
                <dt>{tr("ledger.business_income")}</dt><dd>{tr(if business { "common.yes" } else { "common.no" })}</dd>
                <dt>{tr("ledger.last_visit")}</dt><dd>{h.last_visit_on.clone().unwrap_or_else(|| tr("ledger.never"))}</dd>
                <dt>{tr("ledger.next_visit")}</dt><dd>{h.next_visit_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{tr("ledger.version")}</dt><dd>{h.version}</dd>
            </dl>
            {note.map(|n| view! { <p>{n}</p> })}
            {(duplicates > 0).then(|| view! {
                <p class="notice warn">{tr("ledger.possible_duplicates").replace("{n}", &duplicates.to_string())}</p>
            })}
            <details open=edit_open>
                <summary>{tr("ledger.edit_household")}</summary>
                {form_error(&edit)}
                <ActionForm action=update attr:class="stack" attr:id="household-form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="input[version]" value=h.version/>
                    {fields}
                    <button type="submit" class="primary">{tr("form.save")}</button>
                </ActionForm>
            </details>
        </section>
        <section class="card" id="members">
            <h2>{tr("ledger.members")}</h2>
            <ul class="results">
                {members}
            </ul>
            <details open=member_open id="add-member">
                <summary>{tr("ledger.add_member")}</summary>
                {form_error(&member)}
                <ActionForm action=add_member attr:class="stack" attr:id="member-form">
                    <input type="hidden" name="household_id" value=id/>
                    <PersonFields state=member current=None/>
                    <button type="submit" class="primary">{tr("ledger.add_member")}</button>
                </ActionForm>
            </details>
        </section>
        <section class="card" id="visits">
            <h2>{tr("ledger.visits")}</h2>
            {form_error(&visit)}
            <ActionForm action=add_visit attr:class="stack" attr:id="visit-form">
                <input type="hidden" name="household_id" value=id/>
                <div class="field">
                    <label for="visited_on">{tr("ledger.visited_on")}</label>
                    <input id="visited_on" name="input[visited_on]" type="date" required
                        value=value(&visit, "visited_on", Some(super::today_text()))/>
                    {field_error(&visit, "visited_on")}
                </div>
                <div class="field">
                    <label for="visit_note">{tr("ledger.visit_note")}</label>
                    <textarea id="visit_note" name="input[note]" required maxlength="500" rows="2">
                        {value(&visit, "note", None)}
                    </textarea>
                    {field_error(&visit, "note")}
                </div>
                <button type="submit" class="primary">{tr("ledger.record_visit")}</button>
            </ActionForm>
            <ul class="timeline">{visits}</ul>
        </section>
        <section class="card" id="history">
            <h2>{tr("ledger.history")}</h2>
            <ul class="timeline">{history}</ul>
        </section>
    }
}

fn member_row(p: PersonView) -> impl IntoView {
    let href = format!("/people/{}", p.id);
    let sex = tr(&format!("ledger.sex.{}", p.sex));
    view! {
        <li class="result member" id=format!("person-{}", p.id)>
            <div class="result-head">
                <a href=href class="result-name">{p.name.clone()}</a>
                <span class="badge">{status_label(p.status)}</span>
            </div>
            <p class="muted">
                <span class="id-number">{p.id_number.clone()}</span>" · "{sex}" · "
                {tr("ledger.age_n").replace("{n}", &p.age.to_string())}
                {p.phone.clone().map(|ph| view! { " · "<span class="phone">{ph}</span> })}
            </p>
            {(!p.needs.is_empty()).then(|| view! {
                <p class="result-meta">{p.needs.iter().map(|n| need_label(*n)).collect::<Vec<_>>().join(&tr("list.separator"))}</p>
            })}
            {(!p.suggested_categories.is_empty()).then(|| view! {
                <p class="result-meta categories">
                    {tr("ledger.suggested")}": "
                    {p.suggested_categories.iter().map(|c| view! {
                        <span class="badge tier-community">{tr(&format!("category.{}", c.as_str()))}</span>
                    }).collect_view()}
                </p>
            })}
        </li>
    }
}
