//! A candidate in a promotion round: found by the rules or nominated, with the assessment
//! score, the decision and its reason, and the rule checks as they stood at the decision.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promotion_candidate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub coordinator_id: i64,
    /// `rules` or `nomination`
    pub source: String,
    /// Who nominated and why, for a nomination
    pub nomination: Option<String>,
    pub assessment: Option<i32>,
    /// `pending`, `approved` or `rejected`
    pub decision: String,
    pub reason: Option<String>,
    /// JSON list of `domain::grading::RuleCheck` at the decision (or at entry)
    pub checks: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
