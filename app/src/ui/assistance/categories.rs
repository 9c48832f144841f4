//! How a file's categories stand against the ledger's facts, where reviewers decide.

use leptos::prelude::*;

use crate::domain::assistance::Category;
use crate::domain::category_facts::{CategoryEvidence, Fact};
use crate::domain::id_card::Sex;
use crate::i18n::tr;
use crate::model::assistance::TargetItem;

/// The categories a file was registered with that the ledger's facts did not support, with the
/// coordinator's reason: shown wherever the file is decided on.
#[component]
pub fn UnsupportedCategories(item: TargetItem) -> impl IntoView {
    (!item.unsupported_categories.is_empty()).then(|| {
        let names = item
            .unsupported_categories
            .iter()
            .map(|c| tr(&format!("category.{}", c.as_str())))
            .collect::<Vec<_>>()
            .join(&tr("list.separator"));
        let codes = item
            .unsupported_categories
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(",");
        view! {
            <p class="unsupported" data-unsupported=codes>
                <span class="badge warn">{tr("target.unsupported")}</span>" "{names}
                {item.category_reason.map(|r| view! {
                    <span class="category-reason">" · "{tr("target.category_reason")}": "{r}</span>
                })}
            </p>
        }
    })
}

/// Each chosen category of a file in review with the ledger's facts for it, and whether they
/// support it: what a reviewer checks before deciding.
#[component]
pub fn CategoryEvidenceList(evidence: Vec<CategoryEvidence>) -> impl IntoView {
    (!evidence.is_empty()).then(|| {
        view! {
            <div class="evidence">
                <p class="evidence-title">{tr("reviews.evidence")}</p>
                <ul>
                    {evidence.into_iter().map(|e| {
                        let (badge, class) = if e.supported {
                            ("evidence.supported", "badge ok")
                        } else {
                            ("evidence.unsupported", "badge warn")
                        };
                        let facts = e.facts.iter()
                            .map(|f| fact_text(f, e.category))
                            .collect::<Vec<_>>()
                            .join(&tr("calendar.notes_separator"));
                        view! {
                            <li data-category=e.category.as_str() data-supported=e.supported.to_string()>
                                <strong>{tr(&format!("category.{}", e.category.as_str()))}</strong>" "
                                <span class=class>{tr(badge)}</span>" "
                                <span class="evidence-facts">{facts}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// One fact in words, with its figures and the figure the category needs.
pub fn fact_text(fact: &Fact, category: Category) -> String {
    let sex = |s: &Sex| {
        tr(match s {
            Sex::Female => "ledger.sex.female",
            Sex::Male => "ledger.sex.male",
        })
    };
    match fact {
        Fact::Status { status } => {
            let key = if status.is_unemployed() {
                "evidence.status"
            } else {
                "evidence.status_needed"
            };
            tr(key).replace(
                "{status}",
                &tr(&format!("ledger.status.{}", status.as_str())),
            )
        }
        Fact::Registered { registered } => tr(if *registered {
            "evidence.registered"
        } else {
            "evidence.not_registered"
        }),
        Fact::ZeroEmploymentHousehold { found } => tr(if *found {
            "evidence.zero_household"
        } else {
            "evidence.not_zero_household"
        }),
        Fact::Age {
            years,
            sex: s,
            from,
            below,
        } => match below {
            Some(below) => tr("evidence.age_band")
                .replace("{to}", &(below - 1).to_string())
                .replace("{below}", &below.to_string()),
            None => tr("evidence.age_from"),
        }
        .replace("{sex}", &sex(s))
        .replace("{years}", &years.to_string())
        .replace("{from}", &from.to_string()),
        Fact::UnemployedFor {
            since,
            months,
            needed,
        } => match (since, months) {
            (Some(since), Some(months)) => tr("evidence.unemployed_for")
                .replace("{since}", since)
                .replace("{months}", &months.to_string()),
            _ => tr("evidence.unemployed_since_missing"),
        }
        .replace("{needed}", &needed.to_string()),
        Fact::GraduatedFor { on, months, needed } => match (on, months) {
            (Some(on), Some(months)) => tr("evidence.graduated_for")
                .replace("{on}", on)
                .replace("{months}", &months.to_string()),
            _ => tr("evidence.graduated_missing"),
        }
        .replace("{needed}", &needed.to_string()),
        Fact::Recorded { recorded } => tr(if *recorded {
            "evidence.recorded"
        } else {
            "evidence.not_recorded"
        })
        .replace(
            "{category}",
            &tr(&format!("category.{}", category.as_str())),
        ),
    }
}
