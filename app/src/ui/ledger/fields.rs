//! Form pieces of the ledger: a refused form comes back with what was typed and a message
//! under each refused field.

use leptos::prelude::*;

use crate::domain::ledger::{Education, EmploymentStatus, LabourAbility, Need};
use crate::i18n::{tr, use_locale};
use crate::model::AppError;
use crate::model::form::FormState;
use crate::model::ledger::PersonView;

/// The message under `field`, if the form came back refused there.
pub fn field_error(state: &Option<FormState>, field: &'static str) -> impl IntoView + use<> {
    let locale = use_locale();
    state
        .as_ref()
        .and_then(|s| s.field_message(field, locale.code()))
        .map(|m| view! { <p class="field-error" data-field=field>{m}</p> })
}

/// A refusal that is not about one field (a conflict, the scope), above the form.
pub fn form_error(state: &Option<FormState>) -> impl IntoView + use<> {
    let locale = use_locale();
    state.as_ref().and_then(|s| s.error.clone()).map(|e| {
        let summary = match &e {
            AppError::Invalid(_) => tr("form.check_fields"),
            other => other.message(locale.code()),
        };
        view! { <div class="error-box" role="alert"><p>{summary}</p></div> }
    })
}

/// The value to show: what was typed if the form came back, else the record's.
pub fn value(state: &Option<FormState>, field: &str, current: Option<String>) -> String {
    state
        .as_ref()
        .and_then(|s| s.value(field))
        .or(current)
        .unwrap_or_default()
}

/// Whether a checkbox is ticked: as sent if the form came back, else the record's.
pub fn checked(state: &Option<FormState>, field: &str, current: bool) -> bool {
    state
        .as_ref()
        .and_then(|s| s.checked(field))
        .unwrap_or(current)
}

pub fn status_label(s: EmploymentStatus) -> String {
    tr(&format!("ledger.status.{}", s.as_str()))
}

pub fn need_label(n: Need) -> String {
    tr(&format!("ledger.need.{}", n.as_str()))
}

/// The fields of a person, for adding a member or editing one.
#[component]
pub fn PersonFields(state: Option<FormState>, current: Option<PersonView>) -> impl IntoView {
    let (s_text, s_flag, s) = (state.clone(), state.clone(), state);
    let (c_text, c_flag) = (current.clone(), current);
    let text = move |f: &str, get: fn(&PersonView) -> Option<String>| {
        value(&s_text, f, c_text.as_ref().and_then(get))
    };
    let flag = move |f: &str, get: fn(&PersonView) -> bool| {
        checked(&s_flag, f, c_flag.as_ref().map(get).unwrap_or(false))
    };
    let education = text("education", |p| p.education.map(|e| e.as_str().to_string()));
    let ability = text("ability", |p| Some(p.ability.as_str().to_string()));
    let status = text("status", |p| Some(p.status.as_str().to_string()));
    let needs_now = text("needs", |p| Some(Need::join(&p.needs)));
    let needs_now: Vec<String> = needs_now.split(',').map(str::to_string).collect();
    let wants = flag("wants_work", |p| p.wants_work);
    view! {
        <div class="field">
            <label for="id_number">{tr("ledger.id_number")}</label>
            <input id="id_number" name="input[id_number]" required maxlength="18" autocomplete="off"
                inputmode="text" value=text("id_number", |p| Some(p.id_number.clone()))/>
            {field_error(&s, "id_number")}
        </div>
        <div class="field">
            <label for="name">{tr("ledger.name")}</label>
            <input id="name" name="input[name]" required maxlength="50" autocomplete="off"
                value=text("name", |p| Some(p.name.clone()))/>
            {field_error(&s, "name")}
        </div>
        <div class="field">
            <label for="phone">{tr("ledger.phone")}</label>
            <input id="phone" name="input[phone]" type="tel" maxlength="20" autocomplete="off"
                value=text("phone", |p| p.phone.clone())/>
            {field_error(&s, "phone")}
        </div>
        <div class="field">
            <label for="education">{tr("ledger.education")}</label>
            <select id="education" name="input[education]">
                <option value="">{tr("form.choose")}</option>
                {Education::ALL.into_iter().map(|e| view! {
                    <option value=e.as_str() selected=education == e.as_str()>
                        {tr(&format!("ledger.education.{}", e.as_str()))}
                    </option>
                }).collect_view()}
            </select>
            {field_error(&s, "education")}
        </div>
        <div class="field">
            <label for="ability">{tr("ledger.ability")}</label>
            <select id="ability" name="input[ability]" required>
                <option value="">{tr("form.choose")}</option>
                {LabourAbility::ALL.into_iter().map(|a| view! {
                    <option value=a.as_str() selected=ability == a.as_str()>
                        {tr(&format!("ledger.ability.{}", a.as_str()))}
                    </option>
                }).collect_view()}
            </select>
            {field_error(&s, "ability")}
        </div>
        <label class="check">
            <input type="checkbox" name="input[wants_work]" value="true" checked=wants/>
            {tr("ledger.wants_work")}
        </label>
        <div class="field">
            <label for="status">{tr("ledger.status")}</label>
            <select id="status" name="input[status]" required>
                <option value="">{tr("form.choose")}</option>
                {EmploymentStatus::ALL.into_iter().map(|st| view! {
                    <option value=st.as_str() selected=status == st.as_str()>{status_label(st)}</option>
                }).collect_view()}
            </select>
            {field_error(&s, "status")}
        </div>
        <div class="field">
            <label for="unemployment_cert_no">{tr("ledger.unemployment_cert_no")}</label>
            <input id="unemployment_cert_no" name="input[unemployment_cert_no]" maxlength="30"
                value=text("unemployment_cert_no", |p| p.unemployment_cert_no.clone())/>
            {field_error(&s, "unemployment_cert_no")}
        </div>
        <div class="field-row">
            <div class="field">
                <label for="unemployed_since">{tr("ledger.unemployed_since")}</label>
                <input id="unemployed_since" name="input[unemployed_since]" type="date"
                    value=text("unemployed_since", |p| p.unemployed_since.clone())/>
                {field_error(&s, "unemployed_since")}
            </div>
            <div class="field">
                <label for="employed_since">{tr("ledger.employed_since")}</label>
                <input id="employed_since" name="input[employed_since]" type="date"
                    value=text("employed_since", |p| p.employed_since.clone())/>
                {field_error(&s, "employed_since")}
            </div>
            <div class="field">
                <label for="graduated_on">{tr("ledger.graduated_on")}</label>
                <input id="graduated_on" name="input[graduated_on]" type="date"
                    value=text("graduated_on", |p| p.graduated_on.clone())/>
                {field_error(&s, "graduated_on")}
            </div>
        </div>
        <fieldset class="field checks">
            <legend>{tr("ledger.needs")}</legend>
            {Need::ALL.into_iter().enumerate().map(|(i, n)| view! {
                <label class="check">
                    <input type="checkbox" name=format!("input[needs][{i}]") value=n.as_str()
                        checked=needs_now.iter().any(|x| x == n.as_str())/>
                    {need_label(n)}
                </label>
            }).collect_view()}
            {field_error(&s, "needs")}
        </fieldset>
        <fieldset class="field checks">
            <legend>{tr("ledger.circumstances")}</legend>
            {[
                ("land_lost_farmer", flag("land_lost_farmer", |p| p.land_lost_farmer)),
                ("disabled", flag("disabled", |p| p.disabled)),
                ("veteran_or_military_family", flag("veteran_or_military_family", |p| p.veteran_or_military_family)),
                ("single_parent", flag("single_parent", |p| p.single_parent)),
                ("dibao", flag("dibao", |p| p.dibao)),
            ].into_iter().map(|(f, on)| view! {
                <label class="check">
                    <input type="checkbox" name=format!("input[{f}]") value="true" checked=on/>
                    {tr(&format!("ledger.flag.{f}"))}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
