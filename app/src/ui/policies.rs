//! The versioned policies (`/policies?kind=&tier=&area=&version=`): for the officers who own
//! them, the version in force in a province, the history of versions, and what changed from
//! the version before, setting by setting, in the page's language.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::components::policy_version_name;
use super::ledger::refused;
use crate::api::policies::load_policy_history;
use crate::domain::certification::Tier;
use crate::domain::grading::Rating;
use crate::domain::policy_diff::SettingKind;
use crate::i18n::tr;
use crate::model::policy::{PolicyHistory, PolicyHistoryQuery, PolicyKind, VersionRow};

/// Rates kept per mille (950 = 95 %), shown as percentages.
const PER_MILLE: [&str; 5] = [
    "min_rate_able_willing",
    "min_rate_registered",
    "min_rate_difficult",
    "min_registration_rate",
    "grassroots_share",
];

/// Pay coefficients kept per mille (1200 = 1.20), one per rating in `Rating::ALL`'s order.
const PAY: [&str; 2] = ["grades.pay_second", "grades.pay_first"];

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|s| !s.is_empty());
        PolicyHistoryQuery {
            kind: get("kind"),
            tier: get("tier"),
            area: get("area"),
            version: get("version"),
        }
    };
    let data = Resource::new(asked, load_policy_history);
    view! {
        {super::page_title("policy.title")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(h) => page(h).into_any(),
                    Err(e) => view! {
                        <h1>{tr("policy.title")}</h1>
                        {refused(e, "/policies".into())}
                        <p><a href="/policies">{tr("policy.back")}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page's address for a kind, tier, province and version.
fn href(kind: PolicyKind, tier: Option<Tier>, area: &str, version: Option<&str>) -> String {
    let mut q = format!("/policies?kind={}", kind.as_str());
    if let Some(t) = tier {
        q.push_str(&format!("&tier={}", t.as_str()));
    }
    q.push_str(&format!("&area={area}"));
    if let Some(v) = version {
        q.push_str(&format!(
            "&version={}",
            crate::domain::text::encode_query_value(v)
        ));
    }
    q
}

fn page(h: PolicyHistory) -> impl IntoView {
    let area = h.area.clone();
    let kinds = PolicyKind::ALL
        .into_iter()
        .map(|k| {
            let current = (k == h.kind).then_some("page");
            let tier = (k == PolicyKind::Standard).then_some(Tier::Community);
            view! { <a class="tab" href=href(k, tier, &area, None) aria-current=current data-kind=k.as_str()>{tr(&format!("policy.kind.{}", k.as_str()))}</a> }
        })
        .collect_view();
    let tiers = h.tier.map(|shown| {
        let links = Tier::ALL
            .into_iter()
            .map(|t| {
                let current = (t == shown).then_some("page");
                view! { <a class="tab" href=href(PolicyKind::Standard, Some(t), &area, None) aria-current=current data-tier=t.as_str()>{tr(&format!("tier.{}", t.as_str()))}</a> }
            })
            .collect_view();
        view! { <nav class="tabs" aria-label=tr("policy.tiers")>{links}</nav> }
    });
    let place = if h.area_name.is_empty() {
        tr("policy.national")
    } else {
        h.area_name.clone()
    };
    view! {
        <h1>{tr("policy.title")}</h1>
        <nav class="tabs" aria-label=tr("policy.kinds")>{kinds}</nav>
        {tiers}
        {chooser(&h)}
        <p class="muted" id="policy-area" data-area=h.area.clone()>{tr("policy.applies_in").replace("{area}", &place)}</p>
        {shown_card(&h)}
        {changes_card(&h)}
        {versions_card(&h)}
        {settings_card(&h)}
    }
}

/// The province chooser of the ministry and the administrator (a plain GET form).
fn chooser(h: &PolicyHistory) -> Option<impl IntoView + use<>> {
    if h.provinces.is_empty() {
        return None;
    }
    let options = h
        .provinces
        .iter()
        .map(|p| {
            let selected = p.code == h.area;
            view! { <option value=p.code.clone() selected=selected>{p.name.clone()}</option> }
        })
        .collect_view();
    let national = h.area == "000000000000";
    Some(view! {
        <form method="get" action="/policies" class="inline-form" id="policy-area-form">
            <input type="hidden" name="kind" value=h.kind.as_str()/>
            {h.tier.map(|t| view! { <input type="hidden" name="tier" value=t.as_str()/> })}
            <label for="policy-area-select">{tr("policy.area")}</label>
            <select id="policy-area-select" name="area">
                <option value="000000000000" selected=national>{tr("policy.national")}</option>
                {options}
            </select>
            <button type="submit">{tr("policy.show")}</button>
        </form>
    })
}

fn state_badge(v: &VersionRow) -> impl IntoView + use<> {
    let class = match v.state.as_str() {
        "in_force" => "badge ok",
        "scheduled" => "badge warn",
        _ => "badge",
    };
    view! { <span class=class>{tr(&format!("policy.state.{}", v.state.as_str()))}</span> }
}

fn issuer_name(v: &VersionRow) -> String {
    if v.issuer_name.is_empty() {
        tr("policy.ministry")
    } else {
        v.issuer_name.clone()
    }
}

fn publisher(v: &VersionRow) -> String {
    if v.created_by == "system" {
        tr("policy.system")
    } else {
        v.created_by.clone()
    }
}

fn shown_card(h: &PolicyHistory) -> impl IntoView + use<> {
    let Some(v) = h
        .shown
        .as_ref()
        .and_then(|s| h.versions.iter().find(|v| &v.version == s))
    else {
        return view! { <section class="card" id="shown"><p class="empty">{tr("policy.none")}</p></section> }.into_any();
    };
    view! {
        <section class="card" id="shown" data-version=v.version.clone() data-state=v.state.as_str()>
            <h2>{policy_version_name(&v.version)}" "{state_badge(v)}</h2>
            <dl class="facts">
                <dt>{tr("policy.effective_from")}</dt><dd>{v.effective_from.clone()}</dd>
                <dt>{tr("policy.issuer")}</dt><dd>{issuer_name(v)}</dd>
                <dt>{tr("policy.published_by")}</dt><dd>{publisher(v)}</dd>
                <dt>{tr("policy.label")}</dt><dd class="code">{v.version.clone()}</dd>
            </dl>
        </section>
    }
    .into_any()
}

/// A setting's name in the page's language: the field's label, and the item it belongs to
/// (a service, a rating, a qualitative item).
fn setting_label(field: &str, item: Option<&str>) -> String {
    let name = tr(&format!("policy.field.{field}"));
    let Some(item) = item else { return name };
    let item_name = if field.starts_with("services.") {
        tr(&format!("plan.service.{item}"))
    } else if PAY.contains(&field) || field == "rating_bands" {
        item.parse::<usize>()
            .ok()
            .and_then(|i| Rating::ALL.get(i))
            .map(|r| tr(&format!("rating.{}", r.as_str())))
            .unwrap_or_else(|| item.to_string())
    } else {
        item.to_string()
    };
    format!("{name} · {item_name}")
}

/// A setting's value in the page's language: rates as percentages, pay coefficients as
/// decimals, flags as yes or no, education levels by name.
fn setting_value(field: &str, kind: SettingKind, value: &str) -> String {
    match kind {
        SettingKind::Flag => tr(if value == "true" {
            "policy.yes"
        } else {
            "policy.no"
        }),
        SettingKind::Number => match value.parse::<i64>() {
            Ok(n) if PER_MILLE.contains(&field) => format!("{}.{}%", n / 10, (n % 10).abs()),
            Ok(n) if PAY.contains(&field) => format!("{}.{:02}", n / 1000, (n % 1000).abs() / 10),
            _ => value.to_string(),
        },
        SettingKind::Text if field == "grades.min_education" => {
            tr(&format!("ledger.education.{value}"))
        }
        SettingKind::Text if field == "indicators.measure" => {
            tr(&format!("performance.measure.{value}"))
        }
        SettingKind::Text if field == "indicators.direction" => {
            tr(&format!("performance.direction.{value}"))
        }
        SettingKind::Text => value.to_string(),
    }
}

fn changes_card(h: &PolicyHistory) -> impl IntoView + use<> {
    let body = match &h.previous {
        None if h.shown.is_some() => {
            view! { <p class="empty" id="no-previous">{tr("policy.first_version")}</p> }.into_any()
        }
        None => ().into_any(),
        Some(prev) => {
            let against = tr("policy.against").replace("{v}", &policy_version_name(prev));
            let rows = h
                .changes
                .iter()
                .map(|c| {
                    let show = |v: &Option<String>| {
                        v.as_deref()
                            .map(|v| setting_value(&c.field, c.kind, v))
                            .unwrap_or_else(|| tr("policy.absent"))
                    };
                    view! {
                        <tr data-path=c.path.clone()>
                            <th scope="row">{setting_label(&c.field, c.item.as_deref())}</th>
                            <td class="before">{show(&c.before)}</td>
                            <td class="after">{show(&c.after)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let table = if h.changes.is_empty() {
                view! { <p class="empty" id="no-changes">{tr("policy.same")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="changes">
                            <thead><tr>
                                <th scope="col">{tr("policy.setting")}</th>
                                <th scope="col">{tr("policy.before")}</th>
                                <th scope="col">{tr("policy.after")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            };
            view! {
                <p class="muted" data-previous=prev.clone()>{against}" · "{tr("policy.n_changes").replace("{n}", &h.changes.len().to_string())}</p>
                {table}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" id="changes">
            <h2>{tr("policy.changes")}</h2>
            {body}
        </section>
    }
}

fn versions_card(h: &PolicyHistory) -> impl IntoView + use<> {
    let items = h
        .versions
        .iter()
        .map(|v| {
            let link = href(h.kind, h.tier, &h.area, Some(&v.version));
            let current = (h.shown.as_deref() == Some(v.version.as_str())).then_some("page");
            view! {
                <li data-version=v.version.clone() data-state=v.state.as_str()>
                    <a href=link aria-current=current>{policy_version_name(&v.version)}</a>
                    " "{state_badge(v)}
                    <span class="muted">{format!(" · {} · {} · {}", v.effective_from, issuer_name(v), publisher(v))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="versions">
            <h2>{tr("policy.versions")}</h2>
            <ul class="history">{items}</ul>
        </section>
    }
}

fn settings_card(h: &PolicyHistory) -> impl IntoView + use<> {
    let rows = h
        .settings
        .iter()
        .map(|s| {
            view! {
                <tr data-path=s.path.clone()>
                    <th scope="row">{setting_label(&s.field, s.item.as_deref())}</th>
                    <td>{setting_value(&s.field, s.kind, &s.value)}</td>
                </tr>
            }
        })
        .collect_view();
    (!h.settings.is_empty()).then(|| {
        view! {
            <section class="card" id="settings">
                <h2>{tr("policy.settings")}</h2>
                <div class="table-scroll">
                    <table class="settings">
                        <thead><tr>
                            <th scope="col">{tr("policy.setting")}</th>
                            <th scope="col">{tr("policy.value")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    })
}
