//! Drill down the administrative areas from the provinces to the villages.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::components::{ErrorBox, set_error_status};
use crate::api::areas::area_drill_down;
use crate::domain::area_code::{AreaLevel, TownshipKind, VillageKind};
use crate::i18n::tr;
use crate::model::AreaView;

fn kind_label(a: &AreaView) -> Option<String> {
    let key = match (a.township_kind, a.village_kind) {
        (_, Some(VillageKind::UrbanCommunity)) => "kind.urban_community",
        (_, Some(VillageKind::Village)) => "kind.village",
        (_, Some(VillageKind::Other)) => "kind.other",
        (Some(TownshipKind::Street), None) => "kind.street",
        (Some(TownshipKind::Town), None) => "kind.town",
        (Some(TownshipKind::Township), None) => "kind.township",
        (Some(TownshipKind::Other), None) => "kind.other",
        _ => return None,
    };
    Some(tr(key))
}

fn level_label(level: AreaLevel) -> String {
    tr(match level {
        AreaLevel::Province => "level.province",
        AreaLevel::City => "level.city",
        AreaLevel::County => "level.county",
        AreaLevel::Township => "level.township",
        AreaLevel::Village => "level.village",
    })
}

#[component]
pub fn AreasPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("code"), area_drill_down);
    view! {
        {super::page_title("areas.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let title = d.area.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| tr("areas.country"));
                        let here = d.area.clone();
                        view! {
                            <section class="card">
                                <nav class="crumbs" aria-label=tr("areas.path")>
                                    <A href="/areas">{tr("areas.country")}</A>
                                    {d.ancestors.into_iter().map(|a| view! {
                                        <span class="sep">"›"</span>
                                        <A href=format!("/areas/{}", a.code)>{a.name}</A>
                                    }).collect_view()}
                                </nav>
                                <h1>{title}</h1>
                                {here.map(|a| {
                                    let is_village = a.level == AreaLevel::Village;
                                    view! {
                                        <p class="muted">
                                            {level_label(a.level)}" · "{tr("area.code")}": "<span class="code">{a.code.clone()}</span>
                                            {kind_label(&a).map(|k| view! { " · "{k} })}
                                        </p>
                                        {is_village.then(|| view! {
                                            <p><A href=format!("/communities/{}", a.code)>{tr("areas.titles_here")}</A></p>
                                        })}
                                        <p><A href=format!("/?area={}", a.code)>{tr("areas.search_here")}</A></p>
                                    }
                                })}
                            </section>
                            <section class="card">
                                <h2>{tr("areas.children").replace("{n}", &d.children.len().to_string())}</h2>
                                <ul class="area-list">
                                    {d.children.into_iter().map(|c| {
                                        let kind = kind_label(&c);
                                        view! {
                                            <li>
                                                <A href=format!("/areas/{}", c.code)>{c.name}</A>
                                                {kind.map(|k| view! { <span class="badge">{k}</span> })}
                                                <span class="code muted">{c.code}</span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        }.into_any()
                    }
                    Err(e) => {
                        set_error_status(&e);
                        view! { <ErrorBox error=e/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
