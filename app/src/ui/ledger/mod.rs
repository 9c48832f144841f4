//! The household ledger (台账) for coordinators and officers: the list of households in the
//! account's area, a household's record with its members, visits and history, and the forms
//! that survey and update them; the duplicate flags to resolve and the 零就业家庭 overview by
//! community. All server-rendered; every form works without JavaScript.

mod duplicates;
mod fields;
mod household;
mod list;
mod person;
mod zero;

pub use duplicates::DuplicatesPage;
pub use household::{HouseholdPage, NewHouseholdPage};
pub use list::LedgerPage;
pub use person::PersonPage;
pub use zero::ZeroOverviewPage;

/// Form pieces other screens share.
pub use fields::{
    checked as field_checked, field_error as field_error_of, form_error as form_error_of,
    value as field_value,
};

use leptos::prelude::*;

use super::components::{ErrorBox, set_error_status};
use crate::i18n::tr;
use crate::model::AppError;

/// An error in place of a page; when signed out, with the way to sign in and come back.
pub(crate) fn refused(error: AppError, next: String) -> AnyView {
    set_error_status(&error);
    let login = matches!(error, AppError::Unauthenticated).then(|| {
        let href = format!(
            "/login?next={}",
            crate::domain::text::encode_query_value(&next)
        );
        view! { <p><a class="button primary" href=href>{tr("nav.login")}</a></p> }
    });
    view! { <ErrorBox error=error/>{login} }.into_any()
}

/// Today (China time) for date fields' defaults; the pages render on the server.
pub fn today_text() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::backend::clock::today()
            .format("%Y-%m-%d")
            .to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// "Saved" after a successful form, from `?saved=1`.
pub(crate) fn saved_notice(saved: bool) -> impl IntoView {
    saved.then(|| view! { <p class="notice" role="status">{tr("form.saved")}</p> })
}

/// The changes of a saved version, by their labels in the page's language (「地址、有经营性或投资性
/// 收入」, a merge as 「合并前的记录 #12」), in the order saved.
pub(crate) fn changed_labels(fields: &[String]) -> String {
    use crate::domain::ledger::{HistoryChange, history_change};
    let sep = tr("list.separator");
    fields
        .iter()
        .map(|f| match history_change(f) {
            HistoryChange::Field(key) => tr(&key),
            HistoryChange::Merged(id) => tr("person.merged_record").replace("{id}", &id),
        })
        .collect::<Vec<_>>()
        .join(&sep)
}
