use leptos::prelude::*;

use crate::model::{AccountView, AppError};

/// Accounts inside the caller's scope, optionally narrowed to `area`.
#[server(endpoint = "accounts/list")]
pub async fn list_accounts(area: Option<String>) -> Result<Vec<AccountView>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::accounts::list(&st.db, &actor, area.as_deref()).await
}

/// The working-day calendar's basis per year and the arrangement to load (any signed-in
/// account; the account page shows it to administrators).
#[server(endpoint = "calendar/status")]
pub async fn calendar_status() -> Result<crate::model::calendar::CalendarStatus, AppError> {
    let st = super::context::state()?;
    super::context::require_actor().await?;
    crate::backend::service::calendar::status(&st.db).await
}
