//! 疑似重复人员 (`/duplicates`): flagged pairs in the officer's area, side by side with masked
//! numbers; a street or county officer merges them (keeping one) or dismisses the flag.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::ledger::{DecideDuplicate, duplicate_list, take_form_state};
use crate::i18n::tr;
use crate::model::AppError;
use crate::model::form::FormState;
use crate::model::ledger::{DuplicateItem, DuplicateSide};
use crate::ui::components::{ErrorBox, set_error_status};

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(
        || (),
        |_| async {
            let list = duplicate_list().await?;
            let state = take_form_state("duplicate".into()).await?;
            Ok::<_, AppError>((list, state))
        },
    );
    view! {
        {crate::ui::page_title("dup.title")}
        <section class="card">
            <h1>{tr("dup.title")}</h1>
            <p class="lead">{tr("dup.explain")}</p>
            {move || saved().then(|| view! { <p class="notice" role="status">{tr("form.saved")}</p> })}
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((list, state)) => view! {
                        {list.is_empty().then(|| view! { <p class="empty">{tr("dup.none")}</p> })}
                        <ul class="results" id="duplicates">
                            {list.into_iter().map(|d| pair(d, state.clone())).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => {
                        set_error_status(&e);
                        let login = matches!(e, AppError::Unauthenticated)
                            .then(|| view! { <p><a href="/login?next=/duplicates">{tr("nav.login")}</a></p> });
                        view! { <ErrorBox error=e/>{login} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn person(s: &DuplicateSide) -> impl IntoView + use<> {
    view! {
        <div class="dup-side" data-person=s.person_id>
            <a class="result-name" href=format!("/people/{}", s.person_id)>{s.name.clone()}</a>
            <p class="muted"><span class="code">{s.id_number.clone()}</span>" · "{tr("ledger.age_n").replace("{n}", &s.age.to_string())}</p>
            <p class="muted"><a href=format!("/ledger/{}", s.household_id)>{s.address.clone()}</a></p>
            {(s.open_files > 0).then(|| view! {
                <p class="badge">{tr("dup.open_files").replace("{n}", &s.open_files.to_string())}</p>
            })}
        </div>
    }
}

fn pair(d: DuplicateItem, state: Option<FormState>) -> impl IntoView {
    let mine = state.filter(|s| s.value("id") == Some(d.id.to_string()));
    let error = super::form_error_of(&mine);
    // `keep`: the kept side, then the other (with the versions compared).
    let button = |label: &'static str,
                  action: &'static str,
                  keep: Option<(&DuplicateSide, &DuplicateSide)>,
                  class: &'static str| {
        let act = ServerAction::<DecideDuplicate>::new();
        let keep = keep.map(|(k, m)| (k.person_id, k.version, m.version));
        view! {
            <ActionForm action=act attr:class="inline">
                <input type="hidden" name="id" value=d.id/>
                <input type="hidden" name="input[action]" value=action/>
                {keep.map(|(id, kept, merged)| view! {
                    <input type="hidden" name="input[keep]" value=id/>
                    <input type="hidden" name="input[kept_version]" value=kept/>
                    <input type="hidden" name="input[merged_version]" value=merged/>
                })}
                <button type="submit" class=class>{tr(label)}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="result card" data-flag=d.id>
            <p class="muted">{d.community_name.clone()}" · "{d.flagged_on.clone()}</p>
            {error}
            {person(&d.first)}
            {person(&d.second)}
            <p class="muted">{tr("dup.officers_only")}</p>
            <div class="actions">
                {button("dup.keep_first", "merge", Some((&d.first, &d.second)), "primary keep-first")}
                {button("dup.keep_second", "merge", Some((&d.second, &d.first)), "keep-second")}
                {button("dup.dismiss", "dismiss", None, "link dismiss")}
            </div>
        </li>
    }
}
