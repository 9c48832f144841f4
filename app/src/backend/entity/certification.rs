//! A full-employment community title (充分就业社区 certification) and its status.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certification")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub certificate_no: String,
    pub community_code: String,
    /// The community's name when certified (areas get renamed; the certificate does not).
    pub community_name: String,
    pub tier: String,
    pub year: i32,
    /// `None` for national titles issued by the ministry.
    pub issuing_area_code: Option<String>,
    pub issuer_name: String,
    pub status: String,
    pub issued_on: Date,
    pub revoked_on: Option<Date>,
    pub revoke_reason: Option<String>,
    pub is_demo: bool,
    pub version: i32,
    /// The application that led to it (none for titles carried over).
    pub application_id: Option<i64>,
    /// When the next re-inspection (复查) is due.
    pub next_inspection_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
