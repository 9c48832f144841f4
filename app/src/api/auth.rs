use leptos::prelude::*;

use crate::model::{AccountView, AppError};

/// The signed-in account, or `None`.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<AccountView>, AppError> {
    let st = super::context::state()?;
    match super::context::actor().await? {
        Some(actor) => crate::backend::service::accounts::me(&st.db, &actor)
            .await
            .map(Some),
        None => Ok(None),
    }
}

/// Signs in and redirects to `next`, or, when the sign-in did not come from another page (no
/// `next`, or the public home page), to the role's own start page (`Role::start_page`). On
/// failure it redirects back to the login page with the error code and the username typed
/// (never the password), so the form works the same with and without JavaScript.
#[server(endpoint = "auth/login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::actor::SESSION_ACCOUNT_KEY;
    use crate::domain::text::safe_local_path;
    let st = super::context::state()?;
    let session = super::context::session().await?;
    let ip = super::context::client_ip().await;
    let next = safe_local_path(next.as_deref());
    match crate::backend::service::auth::login(&st.db, &username, &password, ip).await {
        Ok(actor) => {
            let next = if next == "/" {
                actor.role.start_page().to_string()
            } else {
                next
            };
            session.cycle_id().await.map_err(|_| AppError::Internal)?;
            session
                .insert(SESSION_ACCOUNT_KEY, actor.id)
                .await
                .map_err(|_| AppError::Internal)?;
            leptos_axum::redirect(&next);
            Ok(())
        }
        Err(err) => {
            let code = match &err {
                AppError::TooManyAttempts => "too_many_attempts",
                AppError::Invalid(f) if f.contains_key("credentials") => "credentials",
                AppError::Invalid(_) => "required",
                _ => return Err(err),
            };
            // Only what has a username's shape comes back: a password typed into the username
            // field never reaches the address bar.
            let typed = Some(username.trim())
                .filter(|u| crate::domain::text::is_username(u))
                .unwrap_or("");
            let target = format!(
                "/login?error={code}&next={}&username={}",
                crate::domain::text::encode_query_value(&next),
                crate::domain::text::encode_query_value(typed)
            );
            leptos_axum::redirect(&target);
            Ok(())
        }
    }
}

/// Signs out and goes to the home page.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    let st = super::context::state()?;
    if let Some(actor) = super::context::actor().await? {
        crate::backend::service::auth::logout(&st.db, &actor).await?;
    }
    let session = super::context::session().await?;
    session.flush().await.map_err(|_| AppError::Internal)?;
    leptos_axum::redirect("/");
    Ok(())
}
