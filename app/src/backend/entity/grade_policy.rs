//! A published version of the platform policy: the coordinator grade rules and the venue
//! standard, as JSON (`domain::platform::PlatformPolicy`), from the ministry or a province.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "grade_policy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `000000000000` for the ministry's, else the issuing province's code.
    pub issuer_area: String,
    pub version: String,
    pub effective_from: Date,
    pub body: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
