use leptos::prelude::*;

use crate::model::{AccountView, AppError};

/// Accounts inside the caller's scope, optionally narrowed to `area`.
#[server(endpoint = "accounts/list")]
pub async fn list_accounts(area: Option<String>) -> Result<Vec<AccountView>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::accounts::list(&st.db, &actor, area.as_deref()).await
}
