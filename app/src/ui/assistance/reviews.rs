//! A reviewer's queue of 登记认定 files waiting at the step its role takes, the most urgent
//! first, with the deadline of each and overdue files marked; approve or send back in place.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::UnsupportedCategories;
use crate::api::assistance::{DecideTarget, review_queue};
use crate::api::ledger::take_form_state;
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::assistance::TargetItem;
use crate::model::form::FormState;
use crate::ui::components::{DemoTag, DueBasis, ErrorBox, set_error_status};

pub fn step_label(step: Option<crate::domain::assistance::ReviewStep>) -> String {
    match step {
        Some(s) => tr(&format!("target.step.{}", s.as_str())),
        None => String::new(),
    }
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(
        || (),
        |_| async {
            let queue = review_queue().await?;
            let state = take_form_state("decision".into()).await?;
            Ok::<_, AppError>((queue, state))
        },
    );
    view! {
        {crate::ui::page_title("reviews.title")}
        <section class="card">
            <h1>{tr("reviews.title")}</h1>
            <p class="lead">{tr("reviews.lead")}</p>
            {move || saved().then(|| view! { <p class="notice" role="status">{tr("form.saved")}</p> })}
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((queue, state)) => view! {
                        {queue.is_empty().then(|| view! { <p class="empty">{tr("reviews.none")}</p> })}
                        <ul class="results reviews">
                            {queue.into_iter().map(|t| review_row(t, state.clone())).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let login = matches!(e, AppError::Unauthenticated)
                            .then(|| view! { <p><a href="/login?next=/reviews">{tr("nav.login")}</a></p> });
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn review_row(t: TargetItem, state: Option<FormState>) -> impl IntoView {
    let mine = state.filter(|s| s.value("id") == Some(t.id.to_string()));
    let approve = ServerAction::<DecideTarget>::new();
    let send_back = ServerAction::<DecideTarget>::new();
    let person = format!("/people/{}", t.person_id);
    let categories = t
        .categories
        .iter()
        .map(|c| tr(&format!("category.{}", c.as_str())))
        .collect::<Vec<_>>()
        .join("、");
    let reason_error = crate::ui::ledger::field_error_of(&mine, "reason");
    let summary = crate::ui::ledger::form_error_of(&mine);
    let typed = mine
        .as_ref()
        .and_then(|s| s.value("reason"))
        .unwrap_or_default();
    let reopen = mine.is_some();
    view! {
        <li class="result" data-target=t.id>
            <div class="result-head">
                <a href=person class="result-name">{t.person_name.clone()}</a>
                <span class="badge">{step_label(t.step)}</span>
                {t.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                <DemoTag is_demo=t.is_demo/>
            </div>
            <p class="muted">{t.community_name.clone()}" · "{categories}</p>
            <UnsupportedCategories item=t.clone()/>
            <p class="result-meta">
                <span>{tr("reviews.applied_on")}": "{t.applied_on.clone()}</span>
                <span class="due">{tr("reviews.due")}": "{t.step_due.clone().unwrap_or_default()}</span>
                <DueBasis bases=t.step_due_basis.clone()/>
                {t.notice_until.clone().map(|d| view! { <span class="notice-until">{tr("target.notice_until")}" "{d}</span> })}
            </p>
            {summary}
            <ActionForm action=approve attr:class="inline-form">
                <input type="hidden" name="id" value=t.id/>
                <input type="hidden" name="input[action]" value="approve"/>
                <input type="hidden" name="input[version]" value=t.version/>
                <button type="submit" class="primary" disabled=t.notice_open>{tr("reviews.approve")}</button>
            </ActionForm>
            <details open=reopen>
                <summary>{tr("reviews.send_back")}</summary>
                <ActionForm action=send_back attr:class="stack">
                    <input type="hidden" name="id" value=t.id/>
                    <input type="hidden" name="input[action]" value="send_back"/>
                    <input type="hidden" name="input[version]" value=t.version/>
                    <div class="field">
                        <label for=format!("reason-{}", t.id)>{tr("reviews.reason")}</label>
                        <textarea id=format!("reason-{}", t.id) name="input[reason]" maxlength="500" rows="2">{typed}</textarea>
                        {reason_error}
                    </div>
                    <button type="submit">{tr("reviews.send_back")}</button>
                </ActionForm>
            </details>
        </li>
    }
}
