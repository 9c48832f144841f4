//! Assistance targets' server functions: registration from the person's page, and the
//! reviewers' queue with its decisions. Plain HTML forms; refusals go back with what was typed.

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::assistance::{DecisionInput, TargetInput, TargetItem};

#[server(endpoint = "targets/queue")]
pub async fn review_queue() -> Result<Vec<TargetItem>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::assistance::targets::queue(&st.db, &actor).await
}

#[server(endpoint = "targets/of-person")]
pub async fn person_targets(person_id: i64) -> Result<Vec<TargetItem>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::assistance::targets::of_person(&st.db, &actor, person_id).await
}

#[server(endpoint = "targets/apply")]
pub async fn apply_target(input: TargetInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/people/{}", input.person_id.unwrap_or_default());
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::assistance::targets::apply(&st.db, &actor, &input).await
    }
    .await;
    let done = |_: &_| format!("{back}?saved=1#targets");
    let form = format!("target-{}", input.person_id.unwrap_or_default());
    super::forms::finish(result, done, &form, &input, &format!("{back}#targets")).await
}

#[server(endpoint = "targets/decide")]
pub async fn decide_target(
    id: i64,
    input: DecisionInput,
    person_id: Option<i64>,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::assistance::targets::decide(&st.db, &actor, id, &input).await
    }
    .await;
    // One form state for the queue and the person's page, naming the file it belongs to.
    #[derive(serde::Serialize)]
    struct Sent<'a> {
        id: i64,
        #[serde(flatten)]
        input: &'a DecisionInput,
    }
    let sent = Sent { id, input: &input };
    // Back where the decision was taken: the person's page or the queue.
    let back = match person_id {
        Some(p) => format!("/people/{p}"),
        None => "/reviews".to_string(),
    };
    let done = |_: &_| match person_id {
        Some(_) => format!("{back}?saved=1#targets"),
        None => format!("{back}?saved=1"),
    };
    let refused = match person_id {
        Some(_) => format!("{back}#targets"),
        None => back.clone(),
    };
    super::forms::finish(result, done, "decision", &sent, &refused).await
}

/// Ends a confirmed file with a reason (from the person's page); the card is withdrawn.
#[server(endpoint = "targets/exit")]
pub async fn exit_target(
    id: i64,
    person_id: i64,
    input: crate::model::assistance::ExitInput,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/people/{person_id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::assistance::targets::exit(&st.db, &actor, id, &input).await
    }
    .await;
    let done = |_: &_| format!("{back}?saved=1#targets");
    super::forms::finish(
        result,
        done,
        &format!("exit-{id}"),
        &input,
        &format!("{back}#exit"),
    )
    .await
}

/// The latest card of a person, as printed (audited).
#[server(endpoint = "targets/card")]
pub async fn person_card(person_id: i64) -> Result<crate::model::assistance::CardView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    let base = super::context::public_base();
    crate::backend::service::assistance::cards::for_person(&st.db, &actor, person_id, &base).await
}

/// The public check of a card: valid or not, nothing personal.
#[server(endpoint = "cards/check")]
pub async fn check_card(number: String) -> Result<crate::model::assistance::CardCheck, AppError> {
    let db = super::context::public_db().await?;
    crate::backend::service::assistance::cards::check(&db, &number).await
}

#[server(endpoint = "targets/plan")]
pub async fn target_plan(target_id: i64) -> Result<crate::model::assistance::PlanView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::assistance::plans::get(&st.db, &actor, target_id).await
}

/// Plans services for a confirmed target (from its person's page).
#[server(endpoint = "targets/plan/make")]
pub async fn make_plan(
    target_id: i64,
    person_id: i64,
    input: crate::model::assistance::PlanInput,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/people/{person_id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::assistance::plans::make(&st.db, &actor, target_id, &input).await
    }
    .await;
    let done = |_: &_| format!("{back}?saved=1#plan");
    super::forms::finish(
        result,
        done,
        &format!("plan-{target_id}"),
        &input,
        &format!("{back}#plan"),
    )
    .await
}

/// Records a service contact (from the person's page).
#[server(endpoint = "targets/record")]
pub async fn add_record(
    target_id: i64,
    person_id: i64,
    input: crate::model::assistance::RecordInput,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/people/{person_id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::assistance::plans::record(&st.db, &actor, target_id, &input).await
    }
    .await;
    let done = |_: &_| format!("{back}?saved=1#plan");
    super::forms::finish(
        result,
        done,
        &format!("record-{target_id}"),
        &input,
        &format!("{back}#plan"),
    )
    .await
}
