//! The public 公示 of promotions with its objection form (`/promotion-notices`).

use crate::api::ledger::take_form_state;
use crate::api::promotions::{ObjectToPromotion, promotion_notices};
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::form::FormState;
use crate::model::promotion::PromotionNotice;
use crate::ui::coordinators::grade_label;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, refused};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PromotionNoticesPage() -> impl IntoView {
    let query = use_query_map();
    let filed = move || query.read().get("filed");
    let data = Resource::new(
        || (),
        |_| async {
            let notices = promotion_notices().await?;
            let mut states = vec![];
            for n in &notices {
                for c in &n.candidates {
                    let s =
                        take_form_state(format!("promotion-objection-{}", c.candidate_id)).await?;
                    states.push((c.candidate_id, s));
                }
            }
            Ok::<_, AppError>((notices, states))
        },
    );
    view! {
        {crate::ui::page_title("promotions.notices")}
        <section class="card">
            <h1>{tr("promotions.notices")}</h1>
            <p class="lead">{tr("promotions.notices_lead")}</p>
            {move || filed().map(|n| view! {
                <p class="notice" role="status" data-received=n.clone()>{tr("notices.received").replace("{n}", &n)}</p>
            })}
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((notices, states)) => view! {
                        {notices.is_empty().then(|| view! { <p class="empty">{tr("promotions.no_notices")}</p> })}
                        {notices.into_iter().map(|n| notice_card(n, &states)).collect_view()}
                    }.into_any(),
                    Err(e) => refused(e, "/promotion-notices".into()),
                }
            })}
        </Suspense>
    }
}

fn notice_card(n: PromotionNotice, states: &[(i64, Option<FormState>)]) -> impl IntoView + use<> {
    let period = tr("notices.period")
        .replace("{from}", &n.notice_from)
        .replace("{until}", &n.notice_until);
    let round = n.round_id;
    let people = n
        .candidates
        .into_iter()
        .map(|c| {
            let state = states
                .iter()
                .find(|(id, _)| *id == c.candidate_id)
                .and_then(|(_, s)| s.clone());
            let action = ServerAction::<ObjectToPromotion>::new();
            let id = c.candidate_id;
            let open = state.is_some();
            let error = form_error_of(&state);
            let name = field_value(&state, "name", None);
            let text = field_value(&state, "text", None);
            let errors = (
                field_error_of(&state, "name"),
                field_error_of(&state, "contact"),
                field_error_of(&state, "text"),
            );
            view! {
                <li class="result card" id=format!("candidate-{id}") data-candidate=id>
                    <div class="result-head">
                        <strong>{c.name.clone()}</strong>
                        <span class="badge">{format!("{} → {}", grade_label(Some(c.from_grade)), grade_label(Some(c.to_grade)))}</span>
                    </div>
                    <p class="muted">{c.area_name.clone()}</p>
                    <details open=open>
                        <summary>{tr("notices.object")}</summary>
                        {error}
                        <ActionForm action=action attr:class="stack">
                            <input type="hidden" name="round" value=round/>
                            <input type="hidden" name="candidate" value=id/>
                            <div class="field">
                                <label for=format!("pn-name-{id}")>{tr("notices.name")}</label>
                                <input id=format!("pn-name-{id}") name="input[name]" maxlength="50" value=name/>
                                {errors.0}
                            </div>
                            <div class="field">
                                <label for=format!("pn-contact-{id}")>{tr("notices.contact")}</label>
                                <input id=format!("pn-contact-{id}") name="input[contact]" maxlength="100" required inputmode="tel"/>
                                {errors.1}
                            </div>
                            <div class="field">
                                <label for=format!("pn-text-{id}")>{tr("notices.text")}</label>
                                <textarea id=format!("pn-text-{id}") name="input[text]" rows="3" maxlength="2000" required>{text}</textarea>
                                {errors.2}
                            </div>
                            <button type="submit" class="primary">{tr("notices.submit")}</button>
                        </ActionForm>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-round=round>
            <h2>{n.title.clone()}</h2>
            <p class="muted">{n.area_path.join(" · ")}</p>
            <p class="result-meta"><span class="due">{period}</span></p>
            <ul class="results">{people}</ul>
        </section>
    }
}
