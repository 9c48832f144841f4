//! Pure rules of the domain: no IO, no framework. Everything here is unit-tested from DOMAIN.md.

pub mod area_code;
pub mod certification;
pub mod id_card;
pub mod paging;
pub mod role;
pub mod text;
