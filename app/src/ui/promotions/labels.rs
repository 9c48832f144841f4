//! Labels of a round's status and a candidate's decision.

use crate::i18n::tr;
use crate::model::promotion::{Decision, RoundStatus};
use leptos::prelude::*;

pub(super) fn status_label(s: RoundStatus) -> String {
    tr(&format!("promotions.status.{}", s.as_str()))
}

pub(super) fn decision_badge(d: Decision) -> impl IntoView {
    let class = match d {
        Decision::Approved => "badge ok",
        Decision::Rejected => "badge bad",
        Decision::Pending => "badge",
    };
    view! { <span class=class data-decision=d.as_str()>{tr(&format!("promotions.decision.{}", d.as_str()))}</span> }
}
