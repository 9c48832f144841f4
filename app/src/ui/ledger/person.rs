//! A person's full record (unmasked for the roles that work the ledger, and audited), to edit.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::fields::{PersonFields, form_error};
use super::refused;
use crate::api::ledger::{UpdatePerson, get_person, take_form_state};
use crate::i18n::tr;

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = Resource::new(id, |id| async move {
        let Some(id) = id else {
            return Err(crate::model::AppError::NotFound);
        };
        let person = get_person(id).await?;
        let state = take_form_state(format!("person-{id}")).await?;
        Ok((person, state))
    });
    let action = ServerAction::<UpdatePerson>::new();
    view! {
        {crate::ui::page_title("ledger.person")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/people/{}", id().unwrap_or_default());
                match data.await {
                    Ok((p, state)) => {
                        let back = format!("/ledger/{}#members", p.household_id);
                        view! {
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
                        }.into_any()
                    }
                    Err(e) => refused(e, here),
                }
            })}
        </Suspense>
    }
}
