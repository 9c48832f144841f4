//! File downloads (Excel, PDF): the body with its type, a file name and `no-store`.

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const PDF: &str = "application/pdf";

/// A download of `bytes` as `filename` (ASCII), never cached.
pub fn attachment(content_type: &str, filename: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}
