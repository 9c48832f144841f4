//! A round: how many files stand at each step and how many are late, and the files themselves,
//! with the Excel export.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::parts::{file_row, status_label, step_label};
use crate::api::certification::load_round;
use crate::domain::cert_review::{ApplicationStatus, CertStep};
use crate::i18n::tr;
use crate::model::certification::PipelineRow;
use crate::ui::components::{DemoTag, ErrorBox, TierBadge, set_error_status};

fn stage_name(stage: &str) -> String {
    if let Some(step) = CertStep::parse(stage) {
        step_label(step)
    } else if let Some(status) = ApplicationStatus::parse(stage) {
        status_label(status)
    } else {
        stage.to_string()
    }
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let data = Resource::new(id, load_round);
    view! {
        {crate::ui::page_title("cert.round")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((round, pipeline, files)) => {
                        let export = format!("/api/v1/certification/rounds/{}/export", round.id);
                        let quotas = round.quota_areas.iter().map(|q| tr("cert.quota_line").replace("{area}", &q.area_name).replace("{n}", &q.quota.to_string())).collect::<Vec<_>>().join(&tr("calendar.notes_separator"));
                        view! {
                            <section class="card" data-round=round.id>
                                <h1>{round.title.clone()}</h1>
                                <p class="result-head"><TierBadge tier=round.tier/><DemoTag is_demo=round.is_demo/></p>
                                <dl class="facts">
                                    <dt>{tr("cert.issuer")}</dt><dd>{round.issuer_name.clone()}</dd>
                                    <dt>{tr("cert.period")}</dt><dd>{round.opens_on.clone()}" – "{round.closes_on.clone()}</dd>
                                    <dt>{tr("cert.quotas")}</dt><dd>{quotas}</dd>
                                </dl>
                                <p><a href=export rel="external" download="">{tr("cert.export")}</a></p>
                            </section>
                            <section class="card">
                                <h2>{tr("cert.pipeline")}</h2>
                                {pipeline_table(&pipeline)}
                            </section>
                            <section class="card">
                                <h2>{tr("cert.files")}</h2>
                                {files.is_empty().then(|| view! { <p class="empty">{tr("cert.no_files")}</p> })}
                                <ul class="results">{files.into_iter().map(file_row).collect_view()}</ul>
                            </section>
                        }.into_any()
                    }
                    Err(e) => {
                        set_error_status(&e);
                        let login = super::login_for(&e, "/certification");
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The pipeline as a table with a bar per stage (the numbers stay readable without the bars).
fn pipeline_table(rows: &[PipelineRow]) -> impl IntoView + use<> {
    let max = rows.iter().map(|r| r.files).max().unwrap_or(0).max(1);
    let body = rows
        .iter()
        .map(|r| {
            let width = format!("width:{}%", r.files * 100 / max);
            view! {
                <tr data-stage=r.stage.clone()>
                    <th scope="row">{stage_name(&r.stage)}</th>
                    <td data-count="files">{r.files}</td>
                    <td data-count="overdue" class={if r.overdue > 0 { "bad" } else { "" }}>{r.overdue}</td>
                    <td class="bar-cell"><span class="bar" style=width></span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="pipeline">
                <thead><tr><th>{tr("cert.stage")}</th><th>{tr("cert.files_count")}</th><th>{tr("reviews.overdue")}</th><th></th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
