//! An area's scorecard (`/performance?area=&period=`; the reader's own area and the current
//! month by default, a coordinator's community on the phone), and the records behind one
//! figure (`/performance/figure?area=&period=&measure=&show=&page=`). Plain GET forms and
//! links: they work without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{points, scorecard_href, shown};
use crate::api::performance::{load_figure_records, load_scorecard};
use crate::domain::performance::{MeasureUnit, PerformanceIndicator, Standing};
use crate::i18n::tr;
use crate::model::performance::{FigureQuery, FigureRecords, ScoreLine, Scorecard, ScorecardQuery};
use crate::ui::components::{Pager, query_string};
use crate::ui::ledger::refused;

#[component]
pub fn PerformancePage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|s| !s.is_empty());
        ScorecardQuery {
            area: get("area"),
            period: get("period"),
        }
    };
    let data = Resource::new(asked, load_scorecard);
    view! {
        {crate::ui::page_title("performance.title")}
        <h1>{tr("performance.title")}</h1>
        {move || period_form(asked())}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(card) => scorecard(card).into_any(),
                    Err(e) => refused(e, "/performance".into()),
                }
            })}
        </Suspense>
    }
}

/// The period (and the area asked, kept) as a plain GET form: what was typed comes back.
fn period_form(q: ScorecardQuery) -> impl IntoView {
    view! {
        <form method="get" action="/performance" class="inline-form" id="period-form">
            {q.area.map(|a| view! { <input type="hidden" name="area" value=a/> })}
            <label for="period">{tr("performance.period")}</label>
            <input id="period" name="period" value=q.period.unwrap_or_default()
                placeholder="2026-11" inputmode="text" autocomplete="off" size="8"/>
            <button type="submit">{tr("performance.show")}</button>
            <span class="muted">{tr("performance.period_hint")}</span>
        </form>
    }
}

fn scorecard(card: Scorecard) -> impl IntoView {
    let place = if card.area_name.is_empty() {
        tr("policy.national")
    } else {
        card.area_name.clone()
    };
    let holder = card
        .coordinator
        .as_ref()
        .map(|h| view! { <p class="muted">{tr("performance.coordinator")}{h.name.clone()}</p> });
    let progress = if card.complete {
        tr("performance.complete")
    } else {
        tr("performance.under_way")
            .replace("{as_of}", &card.as_of)
            .replace("{elapsed}", &shown(MeasureUnit::PerMille, card.elapsed))
    };
    let lines = card
        .lines
        .iter()
        .map(|l| line(&card, l, None))
        .collect_view();
    view! {
        <section class="card" id="scorecard" data-area=card.area_code.clone() data-period=card.period.clone()>
            <h2>{place}" · "{card.period.clone()}</h2>
            {holder}
            <p class="muted">{progress}</p>
            <p class="total">
                <span>{tr("performance.total")}</span>
                <strong id="total" data-total=card.total.to_string()>{points(card.total)}</strong>
                <span class="muted">" / 100 · "{tr("performance.proposed")}</span>
                <span class="badge" id="proposed-rating">{tr(&format!("rating.{}", card.proposed_rating.as_str()))}</span>
            </p>
            <p class="muted">{tr("performance.system")}{crate::ui::components::policy_version_name(&card.system_version)}</p>
            <ul class="figures">{lines}</ul>
        </section>
        <p>
            <a href=super::dashboard_href(&card.area_code, &card.period) id="dashboard-link">{tr("performance.dashboard_link")}</a>
            " · "
            <a href="/performance/assessments" id="assessments-link">{tr("performance.assessments_link")}</a>
        </p>
    }
}

/// One indicator: its figure against the floor and the target, its points, its status colour,
/// the way to the records behind it, and (on a dashboard) its trend.
pub(super) fn line(
    card: &Scorecard,
    l: &ScoreLine,
    trend: Option<AnyView>,
) -> impl IntoView + use<> {
    let i = &l.indicator;
    let standing = l.standing;
    let value = match l.value {
        Some(v) => shown(l.unit, v),
        None => tr("performance.nothing_due"),
    };
    let figure = format!(
        "/performance/figure{}",
        query_string(&[
            ("area", Some(card.area_code.clone())),
            ("period", Some(card.period.clone())),
            ("measure", Some(i.measure.as_str().into())),
            (
                "show",
                Some(
                    if l.unit == MeasureUnit::Count {
                        "all"
                    } else {
                        "missed"
                    }
                    .into()
                )
            ),
        ])
    );
    let counted = if l.unit == MeasureUnit::Count {
        tr("performance.counted_count").replace("{n}", &l.part.to_string())
    } else {
        tr("performance.counted")
            .replace("{part}", &l.part.to_string())
            .replace("{whole}", &l.whole.to_string())
    };
    let target = (i.weight > 0).then(|| {
        view! {
            <span class="muted">
                {tr("performance.target")}{shown(l.unit, i.target)}
                " · "{tr("performance.floor")}{shown(l.unit, i.floor)}
            </span>
        }
    });
    let score = (i.weight > 0).then(|| {
        view! { <span class="points">{points(l.points)}" / "{i.weight.to_string()}</span> }
    });
    let reasons = (!l.exits_by_reason.is_empty()).then(|| {
        let parts: Vec<String> = l
            .exits_by_reason
            .iter()
            .map(|e| format!("{} {}", tr(&format!("exit.{}", e.reason.as_str())), e.count))
            .collect();
        view! { <p class="muted">{parts.join(&tr("list.separator"))}</p> }
    });
    view! {
        <li class=format!("figure {}", standing.as_str()) data-measure=i.measure.as_str() data-standing=standing.as_str()>
            <div class="figure-head">
                <span class="code">{i.code.clone()}</span>
                <span class="name">{i.name.clone()}</span>
                {score}
            </div>
            <div class="figure-value">
                <strong class="value">{value}</strong>
                <span class=format!("badge {}", badge(standing))>{tr(&format!("performance.standing.{}", standing.as_str()))}</span>
                {target}
            </div>
            {(l.unit == MeasureUnit::PerMille).then(|| bar(i, l.value))}
            {trend}
            {reasons}
            <a class="figure-link" href=figure>{counted}</a>
        </li>
    }
}

fn badge(s: Standing) -> &'static str {
    match s {
        Standing::Reached => "ok",
        Standing::Approaching => "warn",
        Standing::Short => "bad",
        Standing::NothingDue | Standing::Unscored => "",
    }
}

/// A rate on a 0–100 % bar (server-rendered SVG, prints without JavaScript), with the floor and
/// the target marked.
fn bar(i: &PerformanceIndicator, value: Option<u32>) -> impl IntoView + use<> {
    let at = |v: u32| (v.min(1000) / 10).to_string();
    let filled = value.map(&at).unwrap_or_else(|| "0".into());
    let label = tr("performance.bar_label")
        .replace(
            "{value}",
            &value
                .map(|v| shown(MeasureUnit::PerMille, v))
                .unwrap_or_default(),
        )
        .replace("{target}", &shown(MeasureUnit::PerMille, i.target));
    view! {
        <svg class="rate-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label=label>
            <rect x="0" y="1" width="100" height="4" class="track"/>
            <rect x="0" y="1" width=filled height="4" class="fill"/>
            <line x1=at(i.floor) x2=at(i.floor) y1="0" y2="6" class="floor"/>
            <line x1=at(i.target) x2=at(i.target) y1="0" y2="6" class="target"/>
        </svg>
    }
}

#[component]
pub fn FigurePage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|s| !s.is_empty());
        FigureQuery {
            area: get("area"),
            period: get("period"),
            measure: get("measure").unwrap_or_default(),
            show: get("show"),
            page: get("page"),
        }
    };
    let data = Resource::new(asked, load_figure_records);
    view! {
        {crate::ui::page_title("performance.figure_title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => figure(f).into_any(),
                    Err(e) => view! {
                        <h1>{tr("performance.figure_title")}</h1>
                        {refused(e, "/performance".into())}
                        <p><a href="/performance">{tr("performance.back")}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn figure(f: FigureRecords) -> impl IntoView {
    let place = if f.area_name.is_empty() {
        tr("policy.national")
    } else {
        f.area_name.clone()
    };
    let base = |show: &str, page: Option<u64>| {
        format!(
            "/performance/figure{}",
            query_string(&[
                ("area", Some(f.area_code.clone())),
                ("period", Some(f.period.clone())),
                ("measure", Some(f.measure.as_str().into())),
                ("show", Some(show.into())),
                ("page", page.map(|p| p.to_string())),
            ])
        )
    };
    let tabs = ["missed", "met", "all"]
        .into_iter()
        .map(|s| {
            let current = (s == f.show).then_some("page");
            view! { <a class="tab" href=base(s, None) aria-current=current>{tr(&format!("performance.show_{s}"))}</a> }
        })
        .collect_view();
    let rows = f
        .rows
        .iter()
        .map(|r| {
            let label = match &r.link {
                Some(href) => view! { <a href=href.clone()>{r.label.clone()}</a> }.into_any(),
                None => view! { <span>{r.label.clone()}</span> }.into_any(),
            };
            let reason = r
                .exit_reason
                .map(|e| view! { <span class="badge">{tr(&format!("exit.{}", e.as_str()))}</span> });
            let state = if r.met { "ok" } else { "bad" };
            view! {
                <li class="record" data-met=r.met.to_string()>
                    <div>{label}" "<span class=format!("badge {state}")>{tr(if r.met { "performance.met" } else { "performance.missed" })}</span>{reason}</div>
                    <div class="muted">
                        {tr(&format!("performance.kind.{}", kind_key(r.kind)))}" · "{r.community_name.clone()}
                    </div>
                    <div class="muted">
                        {r.due.clone().map(|d| format!("{}{d}", tr("performance.due")))}
                        {r.done.clone().map(|d| format!(" · {}{d}", tr("performance.done")))}
                    </div>
                </li>
            }
        })
        .collect_view();
    let pages = f.total.div_ceil(f.per_page.max(1)).max(1);
    let pager_base = base(&f.show, None);
    let empty = f
        .rows
        .is_empty()
        .then(|| view! { <p class="muted">{tr("performance.no_records")}</p> });
    view! {
        <h1>{tr(&format!("performance.measure.{}", f.measure.as_str()))}</h1>
        <p class="muted">{place.clone()}" · "{f.period.clone()}" · "{tr("performance.as_of")}{f.as_of.clone()}</p>
        <p id="figure-count" data-part=f.part.to_string() data-whole=f.whole.to_string()>
            {tr("performance.figure_count").replace("{part}", &f.part.to_string()).replace("{whole}", &f.whole.to_string())}
        </p>
        <nav class="tabs" aria-label=tr("performance.show")>{tabs}</nav>
        <ul class="records" id="figure-records">{rows}</ul>
        {empty}
        <Pager page=f.page pages=pages href=Callback::new(move |p: u64| format!("{pager_base}&page={p}"))/>
        <p><a href=scorecard_href(&f.area_code, &f.period)>{tr("performance.back")}</a></p>
    }
}

fn kind_key(k: crate::domain::performance::measures::RecordKind) -> &'static str {
    use crate::domain::performance::measures::RecordKind;
    match k {
        RecordKind::Target => "target",
        RecordKind::PlanItem => "plan_item",
        RecordKind::ZeroCase => "zero_case",
        RecordKind::Household => "household",
    }
}
