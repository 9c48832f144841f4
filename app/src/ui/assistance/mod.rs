//! Employment assistance (就业援助) for field workers and reviewers: the day's work list, the
//! queue of 登记认定 files at the reviewer's step, and the 就业援助卡 (its public check and the
//! printed card).

mod card;
mod categories;
mod reviews;
mod work;

pub use card::{CardCheckPage, CardPrintPage, CardVerdict};
pub use categories::UnsupportedCategories;
pub use reviews::{ReviewsPage, decision};
pub use work::WorkPage;
