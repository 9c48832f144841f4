//! How a file's categories stand against the ledger's facts, where reviewers decide.

use leptos::prelude::*;

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
            .join("、");
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
