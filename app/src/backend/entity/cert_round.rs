//! A call for applications (评定批次): a tier, the issuing area, the dates applications are
//! taken and the quotas per area (JSON: area code → number).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cert_round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tier: String,
    pub issuer_area: String,
    pub year: i32,
    pub title: String,
    pub opens_on: Date,
    pub closes_on: Date,
    pub quotas: String,
    pub is_demo: bool,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
