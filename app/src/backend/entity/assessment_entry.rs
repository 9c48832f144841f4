//! One assessed unit or coordinator of an assessment: computed points, the adjustment with its
//! reason, the final score and rank (hundredths of a point), the scorecard's lines and the
//! records counted, as JSON.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assessment_id: i64,
    /// `unit` or `coordinator`
    pub subject_kind: String,
    /// The unit's area code, or the coordinator's area.
    pub subject_code: String,
    pub coordinator_id: Option<i64>,
    pub subject_name: String,
    pub computed: i32,
    pub adjustment: i32,
    pub adjustment_reason: Option<String>,
    pub final_score: i32,
    pub rank: i32,
    /// `Vec<model::performance::ScoreLine>` as JSON.
    pub lines: String,
    /// The records counted, as JSON (`model::performance::FrozenRecord` per record).
    pub records: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
