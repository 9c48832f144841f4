//! A grassroots platform's 「六到位」 checklist (机构、人员、经费、场地、制度、工作到位).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_checklist")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_code: String,
    pub institution: bool,
    pub staff: bool,
    pub funding: bool,
    pub venue: bool,
    pub rules: bool,
    pub work: bool,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

impl Model {
    /// All six in place.
    pub fn complete(&self) -> bool {
        self.institution && self.staff && self.funding && self.venue && self.rules && self.work
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
