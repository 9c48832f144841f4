//! A grassroots platform (街道/乡镇劳动保障事务所, 社区/村劳动保障工作站) as registered: the
//! 「六到位」 checklist, its unified name and signage, venue, service windows, equipment,
//! network link, staff and funding sources. One row per area; history in `record_version`
//! (entity `platform`, id the area code as a number).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platform")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_code: String,
    pub institution: bool,
    pub staff: bool,
    pub funding: bool,
    pub venue: bool,
    pub rules: bool,
    pub work: bool,
    pub name: String,
    pub signage: bool,
    pub venue_m2: Option<i32>,
    pub windows: i32,
    pub equipment: String,
    pub network: bool,
    pub full_time_staff: i32,
    pub part_time_staff: i32,
    /// 财政预算
    pub fund_budget: bool,
    /// 政府购买服务
    pub fund_purchase: bool,
    /// 以奖代补
    pub fund_reward: bool,
    /// 社保补贴 / 岗位补贴 for staff in public-welfare posts
    pub fund_subsidy: bool,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

impl Model {
    /// All six in place.
    /// All six in place, 人员到位 only with staff (`domain::platform::PlatformFacts::six_in_place`).
    pub fn complete(&self) -> bool {
        self.institution
            && self.staff
            && self.full_time_staff + self.part_time_staff > 0
            && self.funding
            && self.venue
            && self.rules
            && self.work
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
