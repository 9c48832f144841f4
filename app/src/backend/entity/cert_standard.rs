//! A published version of a certification standard: a tier, its issuer (the ministry or a
//! province), and the thresholds as JSON (`domain::indicators::CertificationStandard`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cert_standard")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tier: String,
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
