//! The fields of a coordinator's record, shared by registering and editing.

use crate::domain::grading::Employment;
use crate::domain::ledger::Education;
use crate::i18n::tr;
use crate::model::coordinator::CoordinatorView;
use crate::model::form::FormState;
use crate::ui::ledger::{field_error_of, field_value};
use leptos::prelude::*;

/// The fields of a coordinator's record, for registering or editing.
pub(super) fn record_fields(
    state: &Option<FormState>,
    c: Option<&CoordinatorView>,
) -> impl IntoView + use<> {
    let v = |field: &str, current: Option<String>| field_value(state, field, current);
    let name = v("name", c.map(|c| c.name.clone()));
    let area = v("area_code", c.map(|c| c.area.code.clone()));
    let hired = v("hired_on", c.map(|c| c.hired_on.clone()));
    let from = v("contract_from", c.and_then(|c| c.contract_from.clone()));
    let until = v("contract_until", c.and_then(|c| c.contract_until.clone()));
    let account = v(
        "account_username",
        c.and_then(|c| c.account_username.clone()),
    );
    let employment = v("employment", c.map(|c| c.employment.as_str().to_string()));
    let education = v(
        "education",
        c.and_then(|c| c.education.map(|e| e.as_str().to_string())),
    );
    let employment_options = Employment::ALL
        .into_iter()
        .map(|e| {
            let selected = employment == e.as_str();
            view! { <option value=e.as_str() selected=selected>{tr(&format!("employment.{}", e.as_str()))}</option> }
        })
        .collect_view();
    let education_options = Education::ALL
        .into_iter()
        .map(|e| {
            let selected = education == e.as_str();
            view! { <option value=e.as_str() selected=selected>{tr(&format!("ledger.education.{}", e.as_str()))}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="c-name">{tr("coordinators.field.name")}</label>
            <input id="c-name" name="input[name]" maxlength="50" required value=name autocomplete="name"/>
            {field_error_of(state, "name")}
        </div>
        <div class="field">
            <label for="c-id">{tr("coordinators.field.id_number")}</label>
            <input id="c-id" name="input[id_number]" maxlength="18" required autocomplete="off"
                value=v("id_number", c.map(|c| c.id_number.clone()))/>
            {field_error_of(state, "id_number")}
        </div>
        <div class="field">
            <label for="c-phone">{tr("coordinators.field.phone")}</label>
            <input id="c-phone" name="input[phone]" maxlength="20" inputmode="tel"
                value=v("phone", c.and_then(|c| c.phone.clone()))/>
            {field_error_of(state, "phone")}
        </div>
        <div class="field">
            <label for="c-area">{tr("coordinators.field.area_code")}</label>
            <input id="c-area" name="input[area_code]" maxlength="12" inputmode="numeric" required value=area/>
            {field_error_of(state, "area_code")}
        </div>
        <div class="field">
            <label for="c-employment">{tr("coordinators.field.employment")}</label>
            <select id="c-employment" name="input[employment]">{employment_options}</select>
            {field_error_of(state, "employment")}
        </div>
        <div class="field">
            <label for="c-hired">{tr("coordinators.field.hired_on")}</label>
            <input id="c-hired" name="input[hired_on]" type="date" required value=hired/>
            {field_error_of(state, "hired_on")}
        </div>
        <div class="field">
            <label for="c-education">{tr("coordinators.field.education")}</label>
            <select id="c-education" name="input[education]"><option value="">"—"</option>{education_options}</select>
            {field_error_of(state, "education")}
        </div>
        <div class="field">
            <label for="c-from">{tr("coordinators.field.contract_from")}</label>
            <input id="c-from" name="input[contract_from]" type="date" value=from/>
            {field_error_of(state, "contract_from")}
        </div>
        <div class="field">
            <label for="c-until">{tr("coordinators.field.contract_until")}</label>
            <input id="c-until" name="input[contract_until]" type="date" value=until/>
            {field_error_of(state, "contract_until")}
        </div>
        <div class="field">
            <label for="c-account">{tr("coordinators.field.account_username")}</label>
            <input id="c-account" name="input[account_username]" maxlength="64" value=account/>
            {field_error_of(state, "account_username")}
        </div>
    }
}
