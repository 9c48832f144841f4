//! A community's application in a round, where it stands in the review chain, and what the
//! reviewers added (qualitative scores, the site-visit record).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cert_application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub community_code: String,
    pub tier: String,
    /// The standard version it was filed under, and stays judged by.
    pub standard_id: i64,
    pub status: String,
    pub step: Option<String>,
    pub step_since: Option<Date>,
    pub step_due: Option<Date>,
    pub notice_from: Option<Date>,
    pub notice_until: Option<Date>,
    pub narrative: String,
    /// The indicator report computed when it was filed (JSON).
    pub self_assessment: String,
    /// The city reviewers' qualitative scores (JSON).
    pub qualitative: Option<String>,
    pub site_visit: Option<String>,
    pub certification_id: Option<i64>,
    pub applied_on: Date,
    pub decided_on: Option<Date>,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
