//! The one error type of the app: shared by server functions, REST handlers and the UI.
//! It carries codes, not text: the UI and the REST layer localise them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// Field name → error key (see `locales/app.yml`, section `field_error`).
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Error)]
pub enum AppError {
    /// 400: the request cannot be read (bad JSON, bad encoding, malformed path).
    #[error("malformed request: {0}")]
    Malformed(String),
    /// 401
    #[error("not signed in")]
    Unauthenticated,
    /// 403: the role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 403: the area lies outside the account's scope.
    #[error("outside your area")]
    OutOfScope,
    /// 404
    #[error("not found")]
    NotFound,
    /// 405: the path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 409: a concurrent edit or a duplicate.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 422: field errors.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// 413: the request body is larger than the endpoint takes.
    #[error("request too large")]
    TooLarge,
    /// 429: login throttling.
    #[error("too many attempts")]
    TooManyAttempts,
    /// 503: a part the server needs is missing (e.g. the font for PDFs); the key says which
    /// (`unavailable.<key>` in the locale file).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// 500: details are logged on the server, never sent.
    #[error("internal error")]
    Internal,
    /// Transport errors of server functions.
    #[error("request failed: {0}")]
    Transport(String),
}

/// Stable error codes of the REST API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Malformed,
    Unauthenticated,
    Forbidden,
    OutOfScope,
    NotFound,
    MethodNotAllowed,
    Conflict,
    Invalid,
    TooLarge,
    TooManyAttempts,
    Unavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Malformed => "malformed",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::OutOfScope => "out_of_scope",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Invalid => "invalid",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
        }
    }
}

impl AppError {
    /// One field error.
    pub fn field(field: &str, key: &str) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(field.to_string(), key.to_string());
        AppError::Invalid(fields)
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Malformed(_) => ErrorCode::Malformed,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::OutOfScope => ErrorCode::OutOfScope,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::Invalid(_) => ErrorCode::Invalid,
            AppError::TooLarge => ErrorCode::TooLarge,
            AppError::TooManyAttempts => ErrorCode::TooManyAttempts,
            AppError::Unavailable(_) => ErrorCode::Unavailable,
            AppError::Internal | AppError::Transport(_) => ErrorCode::Internal,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Malformed(_) => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::OutOfScope => 403,
            AppError::NotFound => 404,
            AppError::MethodNotAllowed => 405,
            AppError::Conflict(_) => 409,
            AppError::Invalid(_) => 422,
            AppError::TooLarge => 413,
            AppError::TooManyAttempts => 429,
            AppError::Unavailable(_) => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// The localised message for a person.
    pub fn message(&self, locale: &str) -> String {
        if let AppError::Conflict(key) = self {
            // Each conflict says what clashed (`conflict.<key>` in the locale file).
            return rust_i18n::t!(format!("conflict.{key}"), locale = locale).into_owned();
        }
        if let AppError::Unavailable(key) = self {
            // A key may carry what it is about after a colon (`pdf_glyph:𠮷 (U+20BB7)`).
            let (key, about) = key.split_once(':').unwrap_or((key, ""));
            return rust_i18n::t!(format!("unavailable.{key}"), locale = locale)
                .replace("{about}", about);
        }
        rust_i18n::t!(format!("error.{}", self.code().as_str()), locale = locale).into_owned()
    }

    /// The field errors, each localised.
    pub fn field_messages(&self, locale: &str) -> BTreeMap<String, String> {
        match self {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|(f, key)| (f.clone(), field_message(key, locale)))
                .collect(),
            _ => BTreeMap::new(),
        }
    }
}

/// A field error key, localised.
pub fn field_message(key: &str, locale: &str) -> String {
    rust_i18n::t!(format!("field_error.{key}"), locale = locale).into_owned()
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    /// Arguments that do not parse are the caller's fault (400, like a malformed REST body);
    /// everything else is a transport failure.
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => {
                AppError::Malformed("arguments".into())
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// The JSON body of every REST error: `{"error":{"code","message","fields"}}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    /// Field name → localised message, for 422.
    pub fields: BTreeMap<String, String>,
    /// What clashed, for 409 (`target.notice_open`, `stale` …), or which part is missing, for
    /// 503 (`pdf_font` …): stable, for clients to act on; absent otherwise
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl ErrorBody {
    pub fn new(err: &AppError, locale: &str) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code: err.code(),
                message: err.message(locale),
                fields: err.field_messages(locale),
                key: match err {
                    AppError::Conflict(key) => Some(key.clone()),
                    AppError::Unavailable(key) => Some(
                        key.split_once(':')
                            .map_or(key.as_str(), |(k, _)| k)
                            .to_string(),
                    ),
                    _ => None,
                },
            },
        }
    }
}

/// Whether the database refused a statement because another transaction held what it needed:
/// SQLite `SQLITE_BUSY` and `SQLITE_LOCKED` with their extended codes (e.g. 517, a snapshot
/// gone stale while another connection wrote), Postgres `40001` and `40P01`.
#[cfg(feature = "ssr")]
pub fn lost_a_race(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Exec(RuntimeErr::SqlxError(e))
    | DbErr::Query(RuntimeErr::SqlxError(e))
    | DbErr::Conn(RuntimeErr::SqlxError(e))) = err
    else {
        return false;
    };
    let Some(code) = e.as_database_error().and_then(|d| d.code()) else {
        return false;
    };
    match code.parse::<u32>() {
        // SQLite's primary code is the low byte of the extended one: 5 busy, 6 locked.
        Ok(n) => matches!(n & 0xff, 5 | 6),
        Err(_) => matches!(code.as_ref(), "40001" | "40P01"),
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        // A unique key lost a race (two saves of one ID number at once): a conflict, and the
        // database's message is not logged, since it quotes the values.
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            tracing::warn!("unique constraint violation");
            return AppError::Conflict("duplicate".into());
        }
        // A write that lost a race for the database (SQLite busy or locked, a Postgres
        // serialization failure or deadlock): nothing was written, the user may try again.
        if lost_a_race(&err) {
            tracing::warn!("a write lost a race for the database");
            return AppError::Conflict("busy".into());
        }
        // Other database words stay in the server log; the client learns only that it failed.
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// A workbook the server writes failed (its own fault, never the user's): logged, 500.
#[cfg(feature = "ssr")]
impl From<rust_xlsxwriter::XlsxError> for AppError {
    fn from(err: rust_xlsxwriter::XlsxError) -> Self {
        tracing::error!(error = %err, "xlsx");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl<E: std::error::Error> From<sea_orm::TransactionError<E>> for AppError
where
    AppError: From<E>,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}
