//! The public 公示 page (`/notices`): every community under notice today with its period, and
//! a form to object (name optional, a phone or e-mail to answer to). No sign-in.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::parts::step_label;
use crate::api::certification::{FileObjection, public_notices};
use crate::api::ledger::take_form_state;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::certification::PublicNotice;
use crate::model::form::FormState;
use crate::ui::components::{ErrorBox, TierBadge, set_error_status};
use crate::ui::ledger::{field_error_of, field_value, form_error_of};

#[component]
pub fn NoticesPage() -> impl IntoView {
    let query = use_query_map();
    let received = move || query.read().get("received");
    let data = Resource::new(
        || (),
        |_| async {
            let notices = public_notices().await?;
            let mut states = Vec::new();
            for n in &notices {
                let s = take_form_state(format!("notice-{}", n.application_id)).await?;
                states.push((n.application_id, s));
            }
            Ok::<_, AppError>((notices, states))
        },
    );
    view! {
        {crate::ui::page_title("notices.title")}
        <section class="card">
            <h1>{tr("notices.title")}</h1>
            <p class="lead">{tr("notices.lead")}</p>
            {move || received().map(|n| view! {
                <p class="notice" role="status" data-received=n.clone()>{tr("notices.received").replace("{n}", &n)}</p>
            })}
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((notices, states)) => view! {
                        {notices.is_empty().then(|| view! { <p class="empty">{tr("notices.none")}</p> })}
                        <ul class="results" id="notices">
                            {notices.into_iter().map(|n| {
                                let state = states.iter().find(|(id, _)| *id == n.application_id).and_then(|(_, s)| s.clone());
                                notice_row(n, state)
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        view! { <ErrorBox error=e/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn notice_row(n: PublicNotice, state: Option<FormState>) -> impl IntoView {
    let action = ServerAction::<FileObjection>::new();
    let id = n.application_id;
    let reopen = state.is_some();
    let typed_name = field_value(&state, "name", None);
    let typed_text = field_value(&state, "text", None);
    let period = tr("notices.period")
        .replace("{from}", &n.from)
        .replace("{until}", &n.until);
    view! {
        <li class="result card" id=format!("notice-{id}") data-notice=id data-community=n.community_code.clone()>
            <div class="result-head">
                <strong class="result-name">{n.community_name.clone()}</strong>
                <TierBadge tier=n.tier/>
                <span class="badge">{step_label(n.stage)}</span>
            </div>
            <p class="muted">{n.area_path.join(" · ")}</p>
            <p class="result-meta"><span>{n.round_title.clone()}</span><span class="due">{period}</span></p>
            <details open=reopen>
                <summary>{tr("notices.object")}</summary>
                {form_error_of(&state)}
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="application_id" value=id/>
                    <div class="field">
                        <label for=format!("name-{id}")>{tr("notices.name")}</label>
                        <input id=format!("name-{id}") name="input[name]" maxlength="50" value=typed_name autocomplete="name"/>
                        {field_error_of(&state, "name")}
                    </div>
                    <div class="field">
                        <label for=format!("contact-{id}")>{tr("notices.contact")}</label>
                        <input id=format!("contact-{id}") name="input[contact]" maxlength="100" required inputmode="tel" autocomplete="tel"/>
                        {field_error_of(&state, "contact")}
                    </div>
                    <div class="field">
                        <label for=format!("text-{id}")>{tr("notices.text")}</label>
                        <textarea id=format!("text-{id}") name="input[text]" rows="4" maxlength="2000" required>{typed_text}</textarea>
                        {field_error_of(&state, "text")}
                    </div>
                    <button type="submit" class="primary">{tr("notices.submit")}</button>
                </ActionForm>
            </details>
        </li>
    }
}
