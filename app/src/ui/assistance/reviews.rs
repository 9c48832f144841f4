//! A reviewer's queue of 登记认定 files waiting at the step its role takes, the most urgent
//! first, with the deadline of each and overdue files marked; approve or send back in place.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::categories::{CategoryEvidenceList, UnsupportedCategories};
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
    let person = format!("/people/{}", t.person_id);
    let categories = t
        .categories
        .iter()
        .map(|c| tr(&format!("category.{}", c.as_str())))
        .collect::<Vec<_>>()
        .join(&tr("list.separator"));
    let id = t.id;
    let decide = decision(t.clone(), state, false);
    view! {
        <li class="result" data-target=id>
            <div class="result-head">
                <a href=person class="result-name">{t.person_name.clone()}</a>
                <span class="badge">{step_label(t.step)}</span>
                {t.overdue.then(|| view! { <span class="badge bad">{tr("reviews.overdue")}</span> })}
                <DemoTag is_demo=t.is_demo/>
            </div>
            <p class="muted">{t.community_name.clone()}" · "{categories}</p>
            <p class="result-meta">
                <span>{tr("reviews.applied_on")}": "{t.applied_on.clone()}</span>
                <span class="due">{tr("reviews.due")}": "{t.step_due.clone().unwrap_or_default()}</span>
                <DueBasis bases=t.step_due_basis.clone()/>
                {t.notice_until.clone().map(|d| view! { <span class="notice-until">{tr("target.notice_until")}" "{d}</span> })}
            </p>
            {decide}
        </li>
    }
}

/// Where a file in review is decided, in the queue and on the person's page: the ledger's facts
/// behind each category (and the reason for those it does not support), approval only after a
/// confirmation that says what follows, and sending back with a reason. `state` is what the
/// last refused decision left (shown only on its own file); `on_person_page` brings the
/// reviewer back to the person's page after deciding.
pub fn decision(t: TargetItem, state: Option<FormState>, on_person_page: bool) -> impl IntoView {
    let mine = state.filter(|s| s.value("id") == Some(t.id.to_string()));
    let approve = ServerAction::<DecideTarget>::new();
    let send_back = ServerAction::<DecideTarget>::new();
    let reason_error = crate::ui::ledger::field_error_of(&mine, "reason");
    let summary = crate::ui::ledger::form_error_of(&mine);
    let typed = mine
        .as_ref()
        .and_then(|s| s.value("reason"))
        .unwrap_or_default();
    let reopen = mine.is_some();
    let lead = match t.step.and_then(|s| s.next()) {
        Some(next) => tr("reviews.confirm_lead").replace("{next}", &step_label(Some(next))),
        None => tr("reviews.confirm_last"),
    };
    let unsupported = (!t.unsupported_categories.is_empty()).then(|| {
        let names = t
            .unsupported_categories
            .iter()
            .map(|c| tr(&format!("category.{}", c.as_str())))
            .collect::<Vec<_>>()
            .join(&tr("list.separator"));
        view! { <p class="warn-text">{tr("reviews.confirm_unsupported").replace("{names}", &names)}</p> }
    });
    let person_id = on_person_page.then_some(t.person_id);
    let hidden = move |action: &'static str| {
        view! {
            <input type="hidden" name="id" value=t.id/>
            <input type="hidden" name="input[action]" value=action/>
            <input type="hidden" name="input[version]" value=t.version/>
            {person_id.map(|p| view! { <input type="hidden" name="person_id" value=p/> })}
        }
    };
    let approval = if t.notice_open {
        view! { <button type="button" class="primary" disabled=true>{tr("reviews.approve")}</button> }
            .into_any()
    } else {
        view! {
            <details class="approve">
                <summary class="button primary">{tr("reviews.approve_open")}</summary>
                <div class="stack">
                    <p>{lead}</p>
                    {unsupported}
                    <ActionForm action=approve attr:class="inline-form">
                        {hidden("approve")}
                        <button type="submit" class="primary">{tr("reviews.confirm_approve")}</button>
                    </ActionForm>
                </div>
            </details>
        }
        .into_any()
    };
    view! {
        <CategoryEvidenceList evidence=t.evidence.clone()/>
        <UnsupportedCategories item=t.clone()/>
        {summary}
        <div class="decision">
            {approval}
            <details class="send-back" open=reopen>
                <summary>{tr("reviews.send_back")}</summary>
                <ActionForm action=send_back attr:class="stack">
                    {hidden("send_back")}
                    <div class="field">
                        <label for=format!("reason-{}", t.id)>{tr("reviews.reason")}</label>
                        <textarea id=format!("reason-{}", t.id) name="input[reason]" maxlength="500" rows="2">{typed}</textarea>
                        {reason_error}
                    </div>
                    <button type="submit">{tr("reviews.send_back")}</button>
                </ActionForm>
            </details>
        </div>
    }
}
