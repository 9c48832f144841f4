//! The HR manager's record forms on a coordinator's page: entry to 二级, ratings, training, exams
//! and the record's edit.

use super::fields::record_fields;
use super::labels::{rating_label, rule_label};
use crate::api::coordinators::{
    AddExamRecord, AddRatingRecord, AddTrainingRecord, EnterSecondGrade, RecordLeaving,
    UpdateCoordinator,
};
use crate::domain::grading::Rating;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::coordinator::CoordinatorView;
use crate::model::form::FormState;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, today_text};
use leptos::prelude::*;

/// The forms a coordinator's page offers the HR manager, each with its refused state.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct FormStates {
    pub(super) edit: Option<FormState>,
    pub(super) training: Option<FormState>,
    pub(super) exam: Option<FormState>,
    pub(super) rating: Option<FormState>,
    pub(super) entry: Option<FormState>,
    pub(super) leave: Option<FormState>,
}

pub(super) fn keeper_forms(c: &CoordinatorView, f: FormStates) -> impl IntoView + use<> {
    let today = today_text();
    let entry = c
        .grade
        .is_none()
        .then(|| entry_form(c.id, f.entry, today.clone()));
    view! {
        {entry}
        {rating_form(c.id, f.rating, today.clone())}
        {training_form(c.id, f.training, today.clone())}
        {exam_form(c.id, f.exam, today.clone())}
        {edit_form(c, f.edit)}
        {leave_form(c, f.leave, today)}
    }
}

/// A labelled input of a record form, with what was typed and its message. (Built before the
/// form: an `ActionForm`'s children are a closure.)
pub(super) fn input(
    state: &Option<FormState>,
    id: &'static str,
    field: &'static str,
    label: &'static str,
    kind: &'static str,
    default: Option<String>,
) -> impl IntoView + use<> {
    let value = field_value(state, field, default);
    let error = field_error_of(state, field);
    let numeric = (kind == "number").then_some("numeric");
    let kind = if kind == "number" { "text" } else { kind };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input id=id name=format!("input[{field}]") type=kind inputmode=numeric required value=value/>
            {error}
        </div>
    }
}

fn entry_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<EnterSecondGrade>::new();
    let error = form_error_of(&st);
    let unmet = entry_unmet(&st);
    let from = input(
        &st,
        "e-from",
        "from_date",
        "coordinators.from_date",
        "date",
        Some(today),
    );
    view! {
        <section class="card" id="entry">
            <h2>{tr("coordinators.enter_second")}</h2>
            {error}
            {unmet}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {from}
                <button type="submit" class="primary">{tr("coordinators.enter_second")}</button>
            </ActionForm>
        </section>
    }
}

fn rating_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<AddRatingRecord>::new();
    let error = form_error_of(&st);
    let year = input(
        &st,
        "r-year",
        "year",
        "coordinators.year",
        "number",
        today.get(..4).map(str::to_string),
    );
    let options = Rating::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str()>{rating_label(r)}</option> })
        .collect_view();
    view! {
        <section class="card" id="rating">
            <h2>{tr("coordinators.add_rating")}</h2>
            <p class="muted">{tr("coordinators.rating_effect")}</p>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {year}
                <div class="field">
                    <label for="r-rating">{tr("coordinators.rating")}</label>
                    <select id="r-rating" name="input[rating]">{options}</select>
                </div>
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}

fn training_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<AddTrainingRecord>::new();
    let error = form_error_of(&st);
    let fields = (
        input(
            &st,
            "t-course",
            "course",
            "coordinators.course",
            "text",
            None,
        ),
        input(
            &st,
            "t-hours",
            "hours",
            "coordinators.hours",
            "number",
            None,
        ),
        input(
            &st,
            "t-on",
            "finished_on",
            "coordinators.finished_on",
            "date",
            Some(today),
        ),
    );
    view! {
        <section class="card" id="training">
            <h2>{tr("coordinators.add_training")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {fields}
                <label class="check"><input type="checkbox" name="input[pre_service]"/>{tr("coordinators.pre_service")}</label>
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}

fn exam_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<AddExamRecord>::new();
    let error = form_error_of(&st);
    let fields = (
        input(
            &st,
            "x-on",
            "sat_on",
            "coordinators.sat_on",
            "date",
            Some(today),
        ),
        input(
            &st,
            "x-theory",
            "theory",
            "coordinators.theory",
            "number",
            None,
        ),
        input(
            &st,
            "x-practical",
            "practical",
            "coordinators.practical",
            "number",
            None,
        ),
    );
    view! {
        <section class="card" id="exam">
            <h2>{tr("coordinators.add_exam")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {fields}
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}

fn edit_form(c: &CoordinatorView, st: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<UpdateCoordinator>::new();
    let open = st.is_some();
    let error = form_error_of(&st);
    let fields = record_fields(&st, Some(c));
    let (id, version) = (c.id, c.version);
    view! {
        <section class="card" id="edit">
            <details open=open>
                <summary>{tr("coordinators.edit")}</summary>
                {error}
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="input[version]" value=version/>
                    {fields}
                    <button type="submit" class="primary">{tr("form.save")}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// Recording that the coordinator left: the last day and why, behind a summary (it takes the
/// coordinator off the lists), open again after a refusal.
fn leave_form(c: &CoordinatorView, st: Option<FormState>, today: String) -> impl IntoView + use<> {
    let action = ServerAction::<RecordLeaving>::new();
    let open = st.is_some();
    let error = form_error_of(&st);
    let on = input(
        &st,
        "l-on",
        "left_on",
        "coordinators.left_on",
        "date",
        Some(today),
    );
    let reason = field_value(&st, "left_reason", None);
    let reason_error = field_error_of(&st, "left_reason");
    let (id, version) = (c.id, c.version);
    view! {
        <section class="card" id="leave">
            <details open=open>
                <summary>{tr("coordinators.leave")}</summary>
                <p class="muted">{tr("coordinators.leave_effect")}</p>
                {error}
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="input[version]" value=version/>
                    {on}
                    <div class="field">
                        <label for="l-reason">{tr("coordinators.left_reason")}</label>
                        <textarea id="l-reason" name="input[left_reason]" required maxlength="200" rows="2">{reason}</textarea>
                        {reason_error}
                    </div>
                    <button type="submit" class="danger">{tr("coordinators.leave")}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// The entry rules a refused appointment left unmet.
fn entry_unmet(state: &Option<FormState>) -> impl IntoView + use<> {
    let unmet: Vec<String> = match state.as_ref().and_then(|s| s.error.as_ref()) {
        Some(AppError::Invalid(fields)) => fields
            .keys()
            .filter_map(|k| k.strip_prefix("rule."))
            .map(rule_label)
            .collect(),
        _ => vec![],
    };
    (!unmet.is_empty()).then(|| {
        view! { <p class="field-error" id="entry-unmet">{tr("coordinators.unmet")}" "{unmet.join(&tr("list.separator"))}</p> }
    })
}
