//! Coordinator server functions: the list, one coordinator with the rules explained, the
//! coordinator's own phone view, and the HR manager's forms (register, edit, training, exam,
//! rating, entry to 二级, the rating workbook's outcome). Plain HTML forms; refusals go back
//! with what was typed.

use leptos::prelude::*;

use crate::model::coordinator::{
    CoordinatorInput, CoordinatorQuery, CoordinatorRow, CoordinatorView, EntryInput, ExamInput,
    ImportSummary, LeaveInput, RatingInput, TrainingInput,
};
use crate::model::form::FormState;
use crate::model::{AppError, Page};

#[server(endpoint = "coordinators/list")]
pub async fn list_coordinators(q: CoordinatorQuery) -> Result<Page<CoordinatorRow>, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::coordinators::list(&st.db, &actor, &q).await
}

#[server(endpoint = "coordinators/one")]
pub async fn load_coordinator(id: i64) -> Result<CoordinatorView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::coordinators::get(&st.db, &actor, id).await
}

#[server(endpoint = "coordinators/me")]
pub async fn my_coordinator_record() -> Result<CoordinatorView, AppError> {
    let st = super::context::state()?;
    let actor = super::context::require_actor().await?;
    crate::backend::service::coordinators::mine(&st.db, &actor).await
}

#[server(endpoint = "coordinators/create")]
pub async fn register_coordinator(input: CoordinatorInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::coordinators::create(&st.db, &actor, &input).await
    }
    .await;
    let done = |v: &CoordinatorView| format!("/coordinators/{}?saved=1", v.id);
    super::forms::finish(result, done, "coordinator-new", &input, "/coordinators/new").await
}

#[server(endpoint = "coordinators/update")]
pub async fn update_coordinator(id: i64, input: CoordinatorInput) -> Result<(), AppError> {
    let st = super::context::state()?;
    let back = format!("/coordinators/{id}");
    let result = async {
        let actor = super::context::require_actor().await?;
        crate::backend::service::coordinators::update(&st.db, &actor, id, &input).await
    }
    .await;
    let done = |_: &CoordinatorView| format!("{back}?saved=1");
    super::forms::finish(
        result,
        done,
        &format!("coordinator-{id}"),
        &input,
        &format!("{back}#edit"),
    )
    .await
}

/// One of the record forms of a coordinator's page: the form's name, the input, the service.
macro_rules! record_form {
    ($name:ident, $endpoint:literal, $input:ty, $form:literal, $call:path) => {
        #[server(endpoint = $endpoint)]
        pub async fn $name(id: i64, input: $input) -> Result<(), AppError> {
            let st = super::context::state()?;
            let back = format!("/coordinators/{id}");
            let result = async {
                let actor = super::context::require_actor().await?;
                $call(&st.db, &actor, id, &input).await
            }
            .await;
            let done = |_: &CoordinatorView| format!("{back}?saved=1#{}", $form);
            super::forms::finish(
                result,
                done,
                &format!("{}-{id}", $form),
                &input,
                &format!("{back}#{}", $form),
            )
            .await
        }
    };
}

record_form!(
    add_training_record,
    "coordinators/training",
    TrainingInput,
    "training",
    crate::backend::service::coordinators::records::add_training
);
record_form!(
    add_exam_record,
    "coordinators/exam",
    ExamInput,
    "exam",
    crate::backend::service::coordinators::records::add_exam
);
record_form!(
    add_rating_record,
    "coordinators/rating",
    RatingInput,
    "rating",
    crate::backend::service::coordinators::records::rate
);
record_form!(
    enter_second_grade,
    "coordinators/entry",
    EntryInput,
    "entry",
    crate::backend::service::coordinators::records::enter_second
);
record_form!(
    record_leaving,
    "coordinators/leave",
    LeaveInput,
    "leave",
    crate::backend::service::coordinators::leave
);

/// What the last rating workbook upload left: every bad row, or the summary (read once).
#[server(endpoint = "coordinators/import-outcome")]
pub async fn ratings_import_outcome() -> Result<(Option<FormState>, Option<ImportSummary>), AppError>
{
    let session = super::context::session().await?;
    super::context::require_actor().await?;
    let refused = session
        .remove::<FormState>("form:ratings-import")
        .await
        .map_err(|_| AppError::Internal)?;
    let done = session
        .remove::<ImportSummary>("done:ratings-import")
        .await
        .map_err(|_| AppError::Internal)?;
    Ok((refused, done))
}
