//! 考核: an assessment of the units and coordinators below `area_code` for `period`; a draft,
//! then published (frozen, with its digest), or superseded by a correction's round.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The assessing area: its children and their coordinators are assessed.
    pub area_code: String,
    /// `2026-11`, `2026-Q4`, `2026`
    pub period: String,
    /// 1 for the first; each correction adds one.
    pub round: i32,
    /// `draft`, `published`, `superseded`
    pub status: String,
    /// The last day counted.
    pub as_of: Date,
    pub system_version: String,
    /// The indicator system used, as JSON (`domain::performance::IndicatorSystem`).
    pub system: String,
    /// Why this round corrects the one before it.
    pub correction_reason: Option<String>,
    /// SHA-256 (hex) of the published content; `None` while a draft.
    pub digest: Option<String>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub published_by: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
