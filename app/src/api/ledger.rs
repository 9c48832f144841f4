//! The household ledger's server functions. Writes come from plain HTML forms: on success they
//! redirect to the record, on refusal back to the form with what was typed (see `forms`).

use leptos::prelude::*;

use crate::model::form::FormState;
use crate::model::ledger::{
    HouseholdDetail, HouseholdInput, HouseholdItem, HouseholdQuery, IdNumberLookup, PersonInput,
    PersonView, VisitInput,
};
use crate::model::{AppError, AreaView, Page};

#[server(endpoint = "ledger/households")]
pub async fn list_households(q: HouseholdQuery) -> Result<Page<HouseholdItem>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::ledger::households::list(&st.db, &actor, &q).await
}

/// Goes to the household of the person with this 身份证号 in the caller's scope (the number
/// travels in the form's body, never in a URL); refused, back to the ledger with the number
/// kept in memory for the refill.
#[server(endpoint = "ledger/find")]
pub async fn find_by_id_number(input: IdNumberLookup) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::households::find_by_id_number(&st.db, &actor, &input).await
    }
    .await;
    let done = |f: &crate::model::ledger::IdNumberFound| {
        format!("/ledger/{}#person-{}", f.household_id, f.person_id)
    };
    super::forms::finish(
        result,
        done,
        "ledger-find",
        &input,
        "/ledger?find=refused#find",
    )
    .await
}

#[server(endpoint = "ledger/household")]
pub async fn get_household(id: i64) -> Result<HouseholdDetail, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::ledger::households::get(&st.db, &actor, id).await
}

/// The communities the signed-in account may file households in.
#[server(endpoint = "ledger/communities")]
pub async fn ledger_communities() -> Result<Vec<AreaView>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::ledger::households::communities(&st.db, &actor).await
}

/// What a refused form left behind for its page (read once).
#[server(endpoint = "ledger/form-state")]
pub async fn take_form_state(form: String) -> Result<Option<FormState>, AppError> {
    super::forms::take(&form).await
}

#[server(endpoint = "ledger/household/create")]
pub async fn create_household(input: HouseholdInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::households::create(&st.db, &actor, &input).await
    }
    .await;
    let done = |d: &HouseholdDetail| format!("/ledger/{}?saved=1", d.household.id);
    super::forms::finish(result, done, "household-new", &input, "/ledger/new").await
}

#[server(endpoint = "ledger/household/update")]
pub async fn update_household(id: i64, input: HouseholdInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/ledger/{id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::households::update(&st.db, &actor, id, &input).await
    }
    .await;
    let done = |_: &HouseholdDetail| format!("{back}?saved=1");
    super::forms::finish(result, done, &format!("household-{id}"), &input, &back).await
}

#[server(endpoint = "ledger/member/add")]
pub async fn add_member(household_id: i64, input: PersonInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/ledger/{household_id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::people::add(&st.db, &actor, household_id, &input).await
    }
    .await;
    let done = |_: &HouseholdDetail| format!("{back}?saved=1#members");
    let (form, again) = (
        format!("member-{household_id}"),
        format!("{back}#add-member"),
    );
    super::forms::finish(result, done, &form, &input, &again).await
}

#[server(endpoint = "ledger/visit/add")]
pub async fn add_visit(household_id: i64, input: VisitInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/ledger/{household_id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::households::record_visit(
            &st.db,
            &actor,
            household_id,
            &input,
        )
        .await
    }
    .await;
    let done = |_: &HouseholdDetail| format!("{back}?saved=1#visits");
    let (form, again) = (format!("visit-{household_id}"), format!("{back}#visits"));
    super::forms::finish(result, done, &form, &input, &again).await
}

/// A person's full record (unmasked, audited) for the roles that work the ledger here.
#[server(endpoint = "ledger/person")]
pub async fn get_person(id: i64) -> Result<PersonView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::ledger::people::get_full(&st.db, &actor, id).await
}

#[server(endpoint = "ledger/person/update")]
pub async fn update_person(id: i64, input: PersonInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/people/{id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::people::update(&st.db, &actor, id, &input).await
    }
    .await;
    let done = |p: &PersonView| format!("/ledger/{}?saved=1#members", p.household_id);
    super::forms::finish(result, done, &format!("person-{id}"), &input, &back).await
}

/// The signed-in worker's day: due visits, open 零就业家庭 cases, files to review; every
/// group's first items, or one group paged.
#[server(endpoint = "ledger/work")]
pub async fn work_list(
    query: crate::model::work::WorkQuery,
) -> Result<crate::model::work::WorkList, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::assistance::worklist::for_actor(&st.db, &actor, &query).await
}

/// 零就业家庭 by community in the signed-in officer's area this year (基数归零、动态归零).
#[server(endpoint = "ledger/zero-overview")]
pub async fn zero_overview() -> Result<crate::model::work::ZeroOverview, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    let versions = crate::backend::service::policies::versions(&st.db).await?;
    let on = crate::backend::clock::today();
    crate::backend::service::ledger::zero_cases::overview(&st.db, &actor, on, &versions).await
}

/// A person's versions with those of the records merged into it.
#[server(endpoint = "ledger/person/history")]
pub async fn person_history(id: i64) -> Result<crate::model::ledger::PersonHistory, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::ledger::duplicates::person_history(&st.db, &actor, id).await
}

/// The open possible duplicates in the signed-in officer's area.
#[server(endpoint = "ledger/duplicates")]
pub async fn duplicate_list() -> Result<Vec<crate::model::ledger::DuplicateItem>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::ledger::duplicates::list(&st.db, &actor).await
}

/// Merges a flagged pair or dismisses the flag (street and county officers).
#[server(endpoint = "ledger/duplicates/decide")]
pub async fn decide_duplicate(
    id: i64,
    input: crate::model::ledger::DuplicateDecision,
) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::ledger::duplicates::decide(&st.db, &actor, id, &input).await
    }
    .await;
    // One form state for the page, naming the flag it belongs to.
    #[derive(serde::Serialize)]
    struct Sent<'a> {
        id: i64,
        #[serde(flatten)]
        input: &'a crate::model::ledger::DuplicateDecision,
    }
    let done = |_: &_| "/duplicates?saved=1".to_string();
    let sent = Sent { id, input: &input };
    super::forms::finish(result, done, "duplicate", &sent, "/duplicates").await
}
