//! A published version of the 就业援助 policy: the national defaults or a province's own.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assistance_policy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `000000000000` for the national defaults, else a province's code.
    pub area_code: String,
    pub version: String,
    pub effective_from: Date,
    /// `domain::policy::AssistancePolicy` as JSON.
    pub body: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
