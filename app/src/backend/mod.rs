//! Server side only (feature `ssr`): database, entities, migrations, services and sessions.
//! Every read or write of the app goes through `service`, which checks role and area scope.

pub mod actor;
pub mod area_cache;
pub mod assets;
pub mod card_layout;
pub mod card_pdf;
pub mod certificate_pdf;
pub mod client_addr;
pub mod clock;
pub mod dashboard_cache;
pub mod db;
pub mod entity;
pub mod kept;
pub mod letters_pdf;
pub mod migration;
pub mod pdf;
pub mod refused_forms;
pub mod registry_cache;
pub mod sealing;
pub mod seed;
pub mod service;
pub mod session_store;
pub mod state;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod workbook;

pub use actor::Actor;
pub use area_cache::AreaCache;
pub use assets::SiteAssets;
pub use dashboard_cache::DashboardCache;
pub use registry_cache::RegistryCache;
pub use state::AppState;
