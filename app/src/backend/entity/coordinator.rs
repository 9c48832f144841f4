//! A 劳动保障协理员: the person, where they work, their employment and contract. Grade,
//! training, exams and ratings are kept in their own tables.
use sea_orm::entity::prelude::*;

use crate::backend::sealing::{self, Field};
use crate::model::AppError;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coordinator")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The blind index of the 身份证号 (`sealing`): unique, for lookups; never shown.
    #[sea_orm(unique)]
    pub id_number_index: String,
    /// The 身份证号, sealed; read it with [`Model::id_number`].
    pub id_number_sealed: Option<String>,
    /// The phone, sealed; read it with [`Model::phone`].
    pub phone_sealed: Option<String>,
    /// The community/village (or street/township) assigned.
    pub area_code: String,
    /// `full_time`, `part_time` or `welfare_post` (公益性岗位)
    pub employment: String,
    pub hired_on: Date,
    pub education: Option<String>,
    pub contract_from: Option<Date>,
    pub contract_until: Option<Date>,
    /// Flagged for non-renewal after a 不合格 rating at 二级
    pub non_renewal: bool,
    pub left_on: Option<Date>,
    /// Why the coordinator left (with `left_on`), as the HR manager wrote it
    pub left_reason: Option<String>,
    /// The login of the coordinator's own account, for the phone view
    pub account_username: Option<String>,
    pub is_demo: bool,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The 身份证号, opened. Errors: `Internal` when its seal does not open.
    pub fn id_number(&self) -> Result<String, AppError> {
        sealing::open(
            Field::IdNumber,
            self.id_number_sealed.as_deref().unwrap_or_default(),
        )
    }

    /// The phone, opened. Errors: `Internal` when its seal does not open.
    pub fn phone(&self) -> Result<Option<String>, AppError> {
        sealing::open_opt(Field::Phone, self.phone_sealed.as_deref())
    }
}
