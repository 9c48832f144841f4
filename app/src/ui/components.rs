//! Small pieces shared by pages.

use leptos::prelude::*;

use crate::domain::certification::{CertStatus, Tier};
use crate::domain::text::encode_query_value;
use crate::i18n::{tr, use_locale};
use crate::model::{AppError, CertificateView};
use leptos_router::components::A;

/// A query string from pairs, skipping empty values.
pub fn query_string(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", encode_query_value(v)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

pub fn tier_label(tier: Tier) -> String {
    tr(match tier {
        Tier::Community => "tier.community",
        Tier::ProvincialStar => "tier.provincial_star",
        Tier::NationalDemonstration => "tier.national_demonstration",
    })
}

#[component]
pub fn TierBadge(tier: Tier) -> impl IntoView {
    let class = format!("badge tier-{}", tier.as_str());
    view! { <span class=class>{tier_label(tier)}</span> }
}

#[component]
pub fn StatusBadge(status: CertStatus) -> impl IntoView {
    let (class, key) = match status {
        CertStatus::Valid => ("badge ok", "status.valid"),
        CertStatus::Revoked => ("badge bad", "status.revoked"),
    };
    view! { <span class=class>{tr(key)}</span> }
}

#[component]
pub fn DemoTag(is_demo: bool) -> impl IntoView {
    is_demo.then(
        || view! { <span class="badge demo" title=tr("demo.explain")>{tr("demo.tag")}</span> },
    )
}

/// The facts of one certificate; with `show_community`, where it belongs too.
#[component]
pub fn CertificateFacts(
    cert: CertificateView,
    #[prop(optional)] show_community: bool,
) -> impl IntoView {
    let verify_href = format!("/verify/{}", cert.certificate_no);
    let community_href = format!("/communities/{}", cert.community_code);
    view! {
        <dl class="facts">
            <dt>{tr("cert.number")}</dt>
            <dd><A href=verify_href attr:class="cert-no">{cert.certificate_no}</A></dd>
            {show_community.then(|| view! {
                <dt>{tr("cert.community")}</dt>
                <dd><A href=community_href>{cert.community_name}</A></dd>
                <dt>{tr("cert.area")}</dt><dd>{cert.area_path.join(" / ")}</dd>
            })}
            <dt>{tr("registry.year")}</dt><dd>{cert.year}</dd>
            <dt>{tr("cert.issuer")}</dt><dd>{cert.issuer}</dd>
            <dt>{tr("cert.issued_on")}</dt><dd>{cert.issued_on}</dd>
            {cert.revoked_on.map(|d| view! { <dt>{tr("cert.revoked_on")}</dt><dd>{d}</dd> })}
            {cert.revoke_reason.map(|r| view! { <dt>{tr("cert.revoke_reason")}</dt><dd>{r}</dd> })}
        </dl>
    }
}

/// An error as a person reads it, with field messages when there are any.
#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let locale = use_locale();
    let message = error.message(locale.code());
    let fields = error.field_messages(locale.code());
    view! {
        <div class="error-box" role="alert">
            <p>{message}</p>
            {(!fields.is_empty()).then(|| view! {
                <ul>
                    {fields.into_iter().map(|(field, msg)| view! { <li data-field=field>{msg}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <section class="card">
            <h1>{tr("not_found.title")}</h1>
            <p>{tr("not_found.text")}</p>
            <p><a href="/">{tr("not_found.home")}</a></p>
        </section>
    }
}

/// Sets the HTTP status of a server-rendered page from an error (404 for unknown records …).
pub fn set_error_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>()
            && let Ok(code) = http::StatusCode::from_u16(error.status())
        {
            resp.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// A policy version by name ("全国默认标准（2026 年版）", "本省 2027-01-01 起施行的版本"), not
/// its label; a label of another form is shown as it is.
pub fn policy_version_name(label: &str) -> String {
    use crate::domain::policy::VersionLabel;
    match VersionLabel::parse(label) {
        Some(VersionLabel::Default { year }) => {
            tr("policy.version.default").replace("{year}", &year)
        }
        Some(VersionLabel::National { from }) => {
            tr("policy.version.national").replace("{from}", &from)
        }
        Some(VersionLabel::Province { from, .. }) => {
            tr("policy.version.province").replace("{from}", &from)
        }
        None => label.to_string(),
    }
}

/// Previous / next links that keep the other query parameters.
#[component]
pub fn Pager(page: u64, pages: u64, href: Callback<u64, String>) -> impl IntoView {
    view! {
        <nav class="pager" aria-label=tr("pager.label")>
            {(page > 1).then(|| view! { <a rel="prev" href=href.run(page - 1)>{tr("pager.prev")}</a> })}
            <span class="pager-pos">{format!("{page} / {pages}")}</span>
            {(page < pages).then(|| view! { <a rel="next" href=href.run(page + 1)>{tr("pager.next")}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_skip_empty_and_encode() {
        assert_eq!(
            query_string(&[
                ("q", Some("社区".into())),
                ("tier", None),
                ("area", Some(String::new()))
            ]),
            "?q=%E7%A4%BE%E5%8C%BA"
        );
        assert_eq!(query_string(&[]), "");
    }
}

/// After a due date: which years of its count did not follow a State Council arrangement
/// ("2027年按法定节假日推算，未含调休"); nothing when every year did.
#[component]
pub fn DueBasis(bases: Vec<crate::domain::calendar::YearBasis>) -> impl IntoView {
    use crate::domain::calendar::Basis;
    let notes: Vec<String> = bases
        .iter()
        .filter(|b| b.basis != Basis::Arrangement)
        .map(|b| {
            tr(&format!("calendar.short.{}", b.basis.as_str()))
                .replace("{year}", &b.year.to_string())
        })
        .collect();
    (!notes.is_empty()).then(|| {
        let notes = notes.join(&tr("calendar.notes_separator"));
        view! { <span class="due-basis">{tr("calendar.notes").replace("{notes}", &notes)}</span> }
    })
}
