//! Registering a coordinator (`/coordinators/new`).

use super::fields::record_fields;
use crate::api::coordinators::RegisterCoordinator;
use crate::api::ledger::take_form_state;
use crate::i18n::tr;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, refused};
use leptos::prelude::*;

#[component]
pub fn NewCoordinatorPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| take_form_state("coordinator-new".into()));
    let action = ServerAction::<RegisterCoordinator>::new();
    view! {
        {crate::ui::page_title("coordinators.new")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let state = match data.await {
                    Ok(s) => s,
                    Err(e) => return refused(e, "/coordinators/new".into()),
                };
                let grade = field_value(&state, "grade", None);
                let since = field_value(&state, "grade_since", None);
                let error = form_error_of(&state);
                let fields = record_fields(&state, None);
                let since_error = field_error_of(&state, "grade_since");
                let (second, first) = (grade == "second", grade == "first");
                view! {
                    <section class="card">
                        <h1>{tr("coordinators.new")}</h1>
                        {error}
                        <ActionForm action=action attr:class="stack">
                            {fields}
                            <fieldset>
                                <legend>{tr("coordinators.existing_grade")}</legend>
                                <div class="field">
                                    <label for="c-grade">{tr("coordinators.field.grade")}</label>
                                    <select id="c-grade" name="input[grade]">
                                        <option value="">{tr("grade.none")}</option>
                                        <option value="second" selected=second>{tr("grade.second")}</option>
                                        <option value="first" selected=first>{tr("grade.first")}</option>
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="c-since">{tr("coordinators.field.grade_since")}</label>
                                    <input id="c-since" name="input[grade_since]" type="date" value=since/>
                                    {since_error}
                                </div>
                            </fieldset>
                            <button type="submit" class="primary">{tr("form.save")}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
