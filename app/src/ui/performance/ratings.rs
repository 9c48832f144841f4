//! The annual ratings proposed by the published annual assessments (`/performance/ratings?year=`):
//! for the HR manager, each coordinator's score and proposed rating, with the form that
//! confirms it or overrides it with a reason; decided ones show what was decided and by whom.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::points;
use crate::api::ledger::take_form_state;
use crate::api::performance::{DecideRatingProposal, load_rating_proposals};
use crate::domain::grading::Rating;
use crate::i18n::tr;
use crate::model::form::FormState;
use crate::model::performance::RatingProposal;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, refused};

fn rating_name(r: Rating) -> String {
    tr(&format!("rating.{}", r.as_str()))
}

#[component]
pub fn RatingsPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || {
        query
            .read()
            .get("year")
            .and_then(|y| y.trim().parse::<i32>().ok())
            .unwrap_or_else(|| {
                // Last year: the latest that an annual assessment can cover.
                crate::ui::ledger::today_text()
                    .get(..4)
                    .and_then(|y| y.parse::<i32>().ok())
                    .map_or(2025, |y| y - 1)
            })
    };
    let data = Resource::new(year, |year| async move {
        let list = load_rating_proposals(year).await?;
        let refused = take_form_state(format!("proposal-{year}")).await?;
        Ok::<_, crate::model::AppError>((year, list, refused))
    });
    view! {
        {crate::ui::page_title("ratings.title")}
        <h1>{tr("ratings.title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((year, list, st)) => proposals(year, list, st).into_any(),
                    Err(e) => refused(e, "/performance/ratings".into()),
                }
            })}
        </Suspense>
    }
}

fn proposals(year: i32, list: Vec<RatingProposal>, st: Option<FormState>) -> impl IntoView {
    let rows = list
        .iter()
        .map(|p| {
            let mine = st
                .as_ref()
                .filter(|s| s.value("entry").as_deref() == Some(p.entry_id.to_string().as_str()))
                .cloned();
            let state = match (p.decided, p.recorded) {
                (None, None) if p.left_on.is_some() => {
                    let on = p.left_on.clone().unwrap_or_default();
                    view! { <p class="muted left">{tr("ratings.left").replace("{on}", &on)}</p> }.into_any()
                }
                (Some(d), _) => {
                    let by = p.decided_by.clone().unwrap_or_default();
                    let reason = p.reason.clone().map(|r| format!("（{r}）")).unwrap_or_default();
                    view! { <p class="decided"><span class="badge ok">{rating_name(d)}</span>" "{tr("ratings.decided_by")}{by}{reason}</p> }.into_any()
                }
                (None, Some(r)) => view! { <p class="muted">{tr("ratings.recorded")}{rating_name(r)}</p> }.into_any(),
                (None, None) => decide_form(year, p, mine).into_any(),
            };
            view! {
                <li class="record" id=format!("proposal-{}", p.entry_id) data-coordinator=p.coordinator_id.to_string()>
                    <div class="figure-head">
                        <a class="name" href=format!("/coordinators/{}", p.coordinator_id)>{p.coordinator_name.clone()}</a>
                        <strong class="points">{points(p.final_score)}</strong>
                    </div>
                    <p class="muted">{tr("ratings.proposed")}<span class="proposed" data-rating=p.proposed.as_str()>{rating_name(p.proposed)}</span>
                        " · "<a href=format!("/performance/assessments/{}", p.assessment_id)>{tr("ratings.assessment")}</a></p>
                    {state}
                </li>
            }
        })
        .collect_view();
    let empty = list
        .is_empty()
        .then(|| view! { <p class="muted">{tr("ratings.none")}</p> });
    view! {
        <form method="get" action="/performance/ratings" class="inline-form">
            <label for="year">{tr("ratings.year")}</label>
            <input id="year" name="year" value=year.to_string() inputmode="numeric" size="6"/>
            <button type="submit">{tr("performance.show")}</button>
        </form>
        <p class="muted">{tr("ratings.hint")}</p>
        <section class="card" id="proposals">
            <ul class="records">{rows}</ul>
            {empty}
        </section>
    }
}

fn decide_form(year: i32, p: &RatingProposal, st: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<DecideRatingProposal>::new();
    let error = form_error_of(&st);
    let chosen = field_value(&st, "rating", Some(p.proposed.as_str().to_string()));
    let reason = field_value(&st, "reason", None);
    let reason_error = field_error_of(&st, "reason");
    let entry = p.entry_id;
    let options: Vec<(String, String, bool)> = Rating::ALL
        .into_iter()
        .map(|r| (r.as_str().to_string(), rating_name(r), r.as_str() == chosen))
        .collect();
    let (select_id, reason_id) = (format!("rating-{entry}"), format!("why-{entry}"));
    view! {
        <div class="decide">
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="input[entry]" value=entry/>
                <div class="field">
                    <label for=select_id.clone()>{tr("ratings.rating")}</label>
                    <select id=select_id.clone() name="input[rating]">
                        {options.iter().map(|(v, label, selected)| view! { <option value=v.clone() selected=*selected>{label.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=reason_id.clone()>{tr("ratings.reason")}</label>
                    <input id=reason_id.clone() name="input[reason]" value=reason.clone() maxlength="200"/>
                    {reason_error}
                </div>
                <button type="submit" class="primary">{tr("ratings.confirm")}</button>
            </ActionForm>
        </div>
    }
}
