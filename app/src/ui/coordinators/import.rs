//! The annual-rating workbook upload (`/coordinators/import`) and the rows it refused.

use crate::api::coordinators::ratings_import_outcome;
use crate::i18n::{tr, use_locale};
use crate::model::AppError;
use crate::model::form::FormState;
use crate::ui::ledger::refused;
use leptos::prelude::*;

#[component]
pub fn ImportRatingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| ratings_import_outcome());
    view! {
        {crate::ui::page_title("coordinators.import")}
        <section class="card">
            <h1>{tr("coordinators.import")}</h1>
            <p class="muted">{tr("coordinators.import_help")}</p>
            <form method="post" action="/uploads/ratings" enctype="multipart/form-data" class="stack">
                <div class="field">
                    <label for="file">{tr("coordinators.import_file")}</label>
                    <input id="file" name="file" type="file" required
                        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                </div>
                <button type="submit" class="primary">{tr("coordinators.import_submit")}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((refused_state, done)) => view! {
                        {refused_state.map(import_errors)}
                        {done.map(|s| view! {
                            <section class="card notice" role="status" id="import-done" data-ratings=s.ratings>
                                <p>{tr("coordinators.import_done").replace("{n}", &s.ratings.to_string())}</p>
                                {(!s.demoted.is_empty()).then(|| view! { <p>{tr("coordinators.import_demoted")}" "{s.demoted.join(&tr("list.separator"))}</p> })}
                                {(!s.flagged.is_empty()).then(|| view! { <p>{tr("coordinators.import_flagged")}" "{s.flagged.join(&tr("list.separator"))}</p> })}
                            </section>
                        })}
                    }.into_any(),
                    Err(e) => refused(e, "/coordinators/import".into()),
                }
            })}
        </Suspense>
    }
}

/// Every bad row of a refused workbook, by row number.
fn import_errors(state: FormState) -> impl IntoView {
    let locale = use_locale();
    let mut rows: Vec<(usize, String, String)> = match &state.error {
        Some(AppError::Invalid(fields)) => fields
            .iter()
            .map(|(k, key)| {
                let mut parts = k.splitn(3, '.');
                let (line, field) = match (parts.next(), parts.next(), parts.next()) {
                    (Some("row"), Some(n), Some(f)) => (n.parse().unwrap_or(0), f.to_string()),
                    _ => (0, k.clone()),
                };
                (
                    line,
                    field,
                    crate::model::error::field_message(key, locale.code()),
                )
            })
            .collect(),
        Some(other) => vec![(0, String::new(), other.message(locale.code()))],
        None => vec![],
    };
    rows.sort();
    let body = rows
        .into_iter()
        .map(|(line, field, message)| {
            let line_text = if line == 0 { "—".to_string() } else { line.to_string() };
            let field_text = if field.is_empty() { String::new() } else { tr(&format!("coordinators.column.{field}")) };
            view! { <tr data-row=line><td>{line_text}</td><td>{field_text}</td><td>{message}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="card" id="import-errors">
            <div class="error-box" role="alert"><p>{tr("coordinators.import_refused")}</p></div>
            <div class="table-scroll">
                <table>
                    <thead><tr><th>{tr("coordinators.row")}</th><th>{tr("coordinators.column")}</th><th>{tr("coordinators.problem")}</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
