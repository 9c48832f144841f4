//! A re-inspection (复查) of a title: the indicators recomputed on the day, the findings, the result.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cert_inspection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub certification_id: i64,
    pub inspected_on: Date,
    pub result: String,
    pub findings: String,
    /// The evaluation on the day (JSON).
    pub evaluation: String,
    pub inspector: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
