//! The promotion rounds of the area with the form to open one (`/promotions`).

use super::labels::status_label;
use crate::api::ledger::take_form_state;
use crate::api::promotions::{OpenPromotionRound, promotion_areas, promotion_rounds};
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::promotion::RoundItem;
use crate::ui::ledger::{field_error_of, field_value, form_error_of, refused};
use leptos::prelude::*;

#[component]
pub fn PromotionsPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            let rounds = promotion_rounds().await?;
            let areas = promotion_areas().await?;
            let state = take_form_state("round-new".into()).await?;
            Ok::<_, AppError>((rounds, areas, state))
        },
    );
    let action = ServerAction::<OpenPromotionRound>::new();
    view! {
        {crate::ui::page_title("promotions.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((rounds, areas, state)) => {
                        // A searchable list: type part of a name and pick; a code works too.
                        let options = areas.into_iter().map(|a| view! {
                            <option value=format!("{} {}", a.name, a.code)></option>
                        }).collect_view();
                        let error = form_error_of(&state);
                        let title = field_value(&state, "title", None);
                        let title_error = field_error_of(&state, "title");
                        let area = field_value(&state, "area_code", None);
                        let area_error = field_error_of(&state, "area_code");
                        view! {
                            <section class="card">
                                <h1>{tr("promotions.title")}</h1>
                                <p class="muted">{tr("promotions.explain")}</p>
                                {rounds.is_empty().then(|| view! { <p class="empty">{tr("promotions.none")}</p> })}
                                <ul class="results" id="rounds">{rounds.into_iter().map(round_row).collect_view()}</ul>
                            </section>
                            <section class="card" id="open">
                                <h2>{tr("promotions.open")}</h2>
                                {error}
                                <ActionForm action=action attr:class="stack">
                                    <div class="field">
                                        <label for="r-title">{tr("promotions.round_title")}</label>
                                        <input id="r-title" name="input[title]" maxlength="100" required value=title/>
                                        {title_error}
                                    </div>
                                    <div class="field">
                                        <label for="r-area">{tr("promotions.area")}</label>
                                        <input id="r-area" name="input[area_code]" list="r-areas" maxlength="60" autocomplete="off" required value=area
                                            placeholder=tr("promotions.area_placeholder")/>
                                        <datalist id="r-areas">{options}</datalist>
                                        {area_error}
                                    </div>
                                    <button type="submit" class="primary">{tr("promotions.open_submit")}</button>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(e) => refused(e, "/promotions".into()),
                }
            })}
        </Suspense>
    }
}

fn round_row(r: RoundItem) -> impl IntoView {
    let counts = tr("promotions.counts")
        .replace("{n}", &r.candidates.to_string())
        .replace("{a}", &r.approved.to_string());
    view! {
        <li class="result card" data-round=r.id>
            <div class="result-head">
                <a class="result-name" href=format!("/promotions/{}", r.id)>{r.title.clone()}</a>
                <span class="badge">{status_label(r.status)}</span>
            </div>
            <p class="muted">{r.area.name.clone()}" · "{counts}
                {r.effective_on.map(|d| format!(" · {} {d}", tr("promotions.effective_on")))}</p>
        </li>
    }
}
