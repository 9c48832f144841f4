//! Sign in. The form posts to the `login` server function, which redirects: to `next` (or the
//! role's start page) on success, back here with `?error=…` and the username otherwise. It
//! works the same without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::i18n::tr;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let error = move || {
        query.read().get("error").map(|code| {
            let key = match code.as_str() {
                "too_many_attempts" => "login.too_many_attempts",
                "required" => "login.required",
                _ => "login.invalid",
            };
            view! { <div class="error-box" role="alert"><p>{tr(key)}</p></div> }
        })
    };
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    // A refused sign-in comes back with the username typed (never the password).
    let username = move || query.read().get("username").unwrap_or_default();
    let action = ServerAction::<Login>::new();
    view! {
        {super::page_title("login.title")}
        <section class="card narrow">
            <h1>{tr("login.title")}</h1>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="username">{tr("login.username")}</label>
                    <input id="username" name="username" required maxlength="64" autocomplete="username" value=username/>
                </div>
                <div class="field">
                    <label for="password">{tr("login.password")}</label>
                    <input id="password" name="password" type="password" required maxlength="256" autocomplete="current-password"/>
                </div>
                <button type="submit" class="primary">{tr("login.submit")}</button>
            </ActionForm>
            <p class="muted">{tr("login.demo_hint")}</p>
        </section>
    }
}
