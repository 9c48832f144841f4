//! A round's forms: nominating candidates, publishing the 公示, closing with an effective date.

use crate::api::promotions::{CloseRound, NominateCandidate, PublishRound};
use crate::i18n::tr;
use crate::model::form::FormState;
use crate::model::promotion::NominableCoordinator;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, today_text};
use leptos::prelude::*;

pub(super) fn nominate_form(
    round: i64,
    nominable: Vec<NominableCoordinator>,
    state: Option<FormState>,
) -> impl IntoView {
    let action = ServerAction::<NominateCandidate>::new();
    let error = form_error_of(&state);
    let who = field_value(&state, "coordinator_id", None);
    let who_error = field_error_of(&state, "coordinator_id");
    let reason = field_value(&state, "reason", None);
    let reason_error = field_error_of(&state, "reason");
    let none = nominable.is_empty();
    // The 二级 coordinators of the round's area not yet candidates, by name with their
    // community (a select finds a name as it is typed).
    let options = nominable
        .into_iter()
        .map(|c| {
            let id = c.id.to_string();
            let selected = who == id;
            view! { <option value=id selected=selected>{format!("{} · {}", c.name, c.area_name)}</option> }
        })
        .collect_view();
    view! {
        <section class="card" id="nominate">
            <h2>{tr("promotions.nominate")}</h2>
            <p class="muted">{tr("promotions.nominate_help")}</p>
            {error}
            {none.then(|| view! { <p class="empty">{tr("promotions.none_to_nominate")}</p> })}
            {(!none).then(|| view! {
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="id" value=round/>
                    <div class="field">
                        <label for="n-id">{tr("promotions.coordinator")}</label>
                        <select id="n-id" name="input[coordinator_id]" required>
                            <option value="">{tr("promotions.choose_coordinator")}</option>
                            {options}
                        </select>
                        {who_error}
                    </div>
                    <div class="field">
                        <label for="n-reason">{tr("promotions.reason")}</label>
                        <input id="n-reason" name="input[reason]" maxlength="500" required value=reason/>
                        {reason_error}
                    </div>
                    <button type="submit">{tr("promotions.nominate")}</button>
                </ActionForm>
            })}
        </section>
    }
}

pub(super) fn publish_form(round: i64, version: i32, state: Option<FormState>) -> impl IntoView {
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

pub(super) fn close_form(round: i64, version: i32, state: Option<FormState>) -> impl IntoView {
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
