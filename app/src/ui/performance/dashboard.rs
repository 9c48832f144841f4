//! A level's dashboard (`/performance/dashboard?area=&period=`; the reader's own area and the
//! current year by default): every indicator with its standing, target and twelve months'
//! trend, the time elapsed (时序进度), then the areas directly below and the coordinators, each
//! with its figures as coloured chips and a link one level down. One column on a phone; charts
//! are server-rendered SVG, the chooser a plain GET form, so it prints and works without
//! JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::scorecard::line;
use super::{dashboard_href, points, scorecard_href, shown, sparkline};
use crate::api::performance::load_dashboard;
use crate::domain::performance::{MeasureUnit, Standing};
use crate::i18n::tr;
use crate::model::performance::{Dashboard, DashboardQuery, DashboardRow, ScoreLine};
use crate::ui::components::query_string;
use crate::ui::ledger::refused;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|s| !s.is_empty());
        DashboardQuery {
            area: get("area"),
            period: get("period"),
        }
    };
    let data = Resource::new(asked, load_dashboard);
    view! {
        {crate::ui::page_title("performance.dashboard_title")}
        <h1>{tr("performance.dashboard_title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => dashboard(d).into_any(),
                    Err(e) => view! {
                        {refused(e, "/performance/dashboard".into())}
                        <p><a href="/performance/dashboard">{tr("performance.dashboard_back")}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn dashboard(d: Dashboard) -> impl IntoView {
    let card = &d.card;
    let place = if card.area_name.is_empty() {
        tr("policy.national")
    } else {
        card.area_name.clone()
    };
    let chooser = {
        let options = d
            .periods
            .iter()
            .map(|p| {
                let selected = *p == card.period;
                view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
            })
            .collect_view();
        view! {
            <form method="get" action="/performance/dashboard" class="inline-form" id="dashboard-form">
                <input type="hidden" name="area" value=card.area_code.clone()/>
                <label for="period">{tr("performance.period")}</label>
                <select id="period" name="period">{options}</select>
                <button type="submit">{tr("performance.show")}</button>
            </form>
        }
    };
    let elapsed = card.elapsed;
    let pace = view! {
        <div class="pace" id="elapsed" data-elapsed=elapsed.to_string()>
            <span>{tr("performance.elapsed")}" "{shown(MeasureUnit::PerMille, elapsed)}</span>
            <svg class="rate-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img"
                aria-label=format!("{} {}", tr("performance.elapsed"), shown(MeasureUnit::PerMille, elapsed))>
                <rect x="0" y="1" width="100" height="4" class="track"/>
                <rect x="0" y="1" width=(elapsed.min(1000) / 10).to_string() height="4" class="fill"/>
            </svg>
        </div>
    };
    let tiles = card
        .lines
        .iter()
        .zip(&d.trends)
        .map(|(l, t)| line(card, l, Some(sparkline(l, t))))
        .collect_view();
    let xlsx = format!(
        "/api/v1/performance/dashboard.xlsx{}",
        query_string(&[
            ("area", Some(card.area_code.clone())),
            ("period", Some(card.period.clone())),
        ])
    );
    let areas = rows(&d.areas, &card.lines, &card.period, false);
    let staff = rows(&d.coordinators, &card.lines, &card.period, true);
    let no_areas = d
        .areas
        .is_empty()
        .then(|| view! { <p class="muted">{tr("performance.no_areas_below")}</p> });
    let no_staff = d
        .coordinators
        .is_empty()
        .then(|| view! { <p class="muted">{tr("performance.no_coordinators")}</p> });
    view! {
        {chooser}
        <section class="card" id="dashboard" data-area=card.area_code.clone() data-period=card.period.clone()>
            <h2>{place}" · "{card.period.clone()}</h2>
            {pace}
            <p class="muted" id="counted-as-of">
                {tr("performance.counted_as_of").replace("{day}", &d.counted_as_of).replace("{at}", &d.refreshed_at)}
            </p>
            <p class="total">
                <span>{tr("performance.total")}</span>
                <strong id="total" data-total=card.total.to_string()>{points(card.total)}</strong>
                <span class="muted">" / 100 · "{tr("performance.proposed")}</span>
                <span class="badge" id="proposed-rating">{tr(&format!("rating.{}", card.proposed_rating.as_str()))}</span>
            </p>
            <p class="muted">{tr("performance.system")}{crate::ui::components::policy_version_name(&card.system_version)}</p>
            <ul class="figures">{tiles}</ul>
            <p class="actions">
                <a href=xlsx id="dashboard-xlsx" download="dashboard.xlsx">{tr("performance.download_xlsx")}</a>
                " · "
                <a href=scorecard_href(&card.area_code, &card.period)>{tr("performance.scorecard_link")}</a>
            </p>
        </section>
        <section class="card" id="areas-below">
            <h2>{tr("performance.areas_below")}</h2>
            <ul class="drill">{areas}</ul>
            {no_areas}
        </section>
        <section class="card" id="coordinators-below">
            <h2>{tr("performance.coordinators_below")}</h2>
            <ul class="drill">{staff}</ul>
            {no_staff}
        </section>
    }
}

/// The areas below (each opening its own dashboard) or the coordinators (each opening the
/// scorecard of the area served), with each indicator's value as a chip in its status colour.
fn rows(
    list: &[DashboardRow],
    lines: &[ScoreLine],
    period: &str,
    staff: bool,
) -> impl IntoView + use<> {
    list.iter()
        .map(|r| {
            let href = if staff {
                scorecard_href(&r.area_code, period)
            } else {
                dashboard_href(&r.area_code, period)
            };
            let chips = lines
                .iter()
                .zip(r.values.iter().zip(&r.standings))
                .map(|(l, (v, s))| {
                    let value = match v {
                        Some(v) => shown(l.unit, *v),
                        None => "—".to_string(),
                    };
                    let title = format!(
                        "{}: {}",
                        l.indicator.name,
                        tr(&format!("performance.standing.{}", s.as_str()))
                    );
                    view! {
                        <span class=format!("chip {}", s.as_str()) title=title.clone() aria-label=title>
                            {l.indicator.code.clone()}" "{value}
                        </span>
                    }
                })
                .collect_view();
            let short = r.standings.contains(&Standing::Short);
            view! {
                <li class="drill-row" data-code=r.area_code.clone() data-short=short.to_string()>
                    <div class="figure-head">
                        <a class="name" href=href>{r.name.clone()}</a>
                        <span class="points">{points(r.total)}</span>
                    </div>
                    <div class="chips">{chips}</div>
                </li>
            }
        })
        .collect_view()
}
