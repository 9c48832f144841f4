//! 劳动保障协理员: the list of the account's area (`/coordinators`), registering one
//! (`/coordinators/new`), one coordinator with the grade rules explained rule by rule and the
//! HR manager's record forms (`/coordinators/:id`), the coordinator's own view on the phone
//! (`/coordinators/me`), and the annual-rating workbook upload (`/coordinators/import`).

mod fields;
mod forms;
mod import;
mod labels;
mod list;
mod new;
mod record;

pub use import::ImportRatingsPage;
pub use labels::{grade_label, rule_table};
pub use list::CoordinatorsPage;
pub use new::NewCoordinatorPage;
pub use record::CoordinatorPage;
pub use record::MyRecordPage;
