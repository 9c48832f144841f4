//! Policy server functions: a versioned policy's history for its page (versions, one in full,
//! and what changed from the one before).

use leptos::prelude::*;

use crate::model::AppError;
use crate::model::policy::{PolicyHistory, PolicyHistoryQuery};

#[server(endpoint = "policies/history")]
pub async fn load_policy_history(q: PolicyHistoryQuery) -> Result<PolicyHistory, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::policy_history::history(&st.db, &actor, &q).await
}
