//! Typed records that cross the wire, shared by the browser and the server.

pub mod account;
pub mod area;
pub mod assistance;
pub mod calendar;
pub mod certification;
pub(crate) mod checks;
pub mod coordinator;
pub mod error;
pub mod form;
pub mod ledger;
pub mod page;
pub mod performance;
pub mod platform;
pub mod policy;
pub mod promotion;
pub mod registry;
pub mod work;

pub use account::AccountView;
pub use area::{AreaChoice, AreaView, AreaWithChildren};
pub use error::{AppError, ErrorBody, ErrorCode};
pub use page::Page;
pub use registry::{CertificateView, CommunityDetail, CommunityItem, SearchParams};
