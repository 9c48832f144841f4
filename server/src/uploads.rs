//! File uploads from plain HTML forms (`multipart/form-data`, no JavaScript needed): the
//! annual-rating workbook. The outcome (the summary, or every bad row) is kept in the session
//! for the page to show once, and the browser goes back to the page.

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::rest::extract::MaybeActor;
use app::backend::AppState;
use app::backend::service::coordinators::ratings_import;
use app::model::AppError;
use app::model::form::FormState;

/// The page the rating import form sits on.
pub const RATINGS_PAGE: &str = "/coordinators/import";
/// Session keys: the refused form and the summary of a clean import.
pub const RATINGS_FORM: &str = "form:ratings-import";
pub const RATINGS_DONE: &str = "done:ratings-import";

/// The largest workbook taken (the REST endpoint's limit too).
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;

pub fn limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)
}

/// The bytes of the form's `file` field.
async fn file_field(mut form: Multipart) -> Result<Vec<u8>, AppError> {
    let unreadable = || AppError::field("file", "rating_sheet.unreadable");
    while let Some(field) = form.next_field().await.map_err(|_| unreadable())? {
        if field.name() == Some("file") {
            return Ok(field.bytes().await.map_err(|_| unreadable())?.to_vec());
        }
    }
    Err(AppError::field("file", "rating_sheet.empty"))
}

/// A server fault while handling a form: a plain 500 page (details are in the log).
fn fault() -> Response {
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "内部错误 / internal error",
    )
        .into_response()
}

/// `POST /uploads/ratings`: imports the workbook, or keeps every bad row for the page.
pub async fn ratings(
    State(st): State<AppState>,
    session: Session,
    MaybeActor(actor): MaybeActor,
    form: Multipart,
) -> Response {
    let Some(actor) = actor else {
        return Redirect::to(&format!("/login?next={RATINGS_PAGE}")).into_response();
    };
    let outcome = match file_field(form).await {
        Ok(bytes) => ratings_import::import(&st.db, &actor, &bytes).await,
        Err(e) => Err(e),
    };
    let stored = match outcome {
        Ok(summary) => session.insert(RATINGS_DONE, summary).await,
        Err(AppError::Internal) => return fault(),
        Err(error) => {
            let state = FormState {
                values: Default::default(),
                error: Some(error),
            };
            session.insert(RATINGS_FORM, state).await
        }
    };
    match stored {
        Ok(()) => Redirect::to(RATINGS_PAGE).into_response(),
        Err(_) => fault(),
    }
}
