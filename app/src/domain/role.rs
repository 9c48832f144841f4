//! Roles and area scope: every account sees its home area and everything below, never a sibling.

use super::area_code::{AreaCode, AreaLevel};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The role of an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 劳动保障协理员 at a community or village
    Coordinator,
    /// 街道/乡镇 officer
    StreetOfficer,
    /// 县/区 officer
    CountyOfficer,
    /// 市 officer
    CityOfficer,
    /// 省 officer
    ProvinceOfficer,
    /// 人社 HR manager who assesses and promotes coordinators
    HrManager,
    /// 人力资源社会保障部
    Ministry,
    /// system administrator
    Admin,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Coordinator,
        Role::StreetOfficer,
        Role::CountyOfficer,
        Role::CityOfficer,
        Role::ProvinceOfficer,
        Role::HrManager,
        Role::Ministry,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::StreetOfficer => "street_officer",
            Role::CountyOfficer => "county_officer",
            Role::CityOfficer => "city_officer",
            Role::ProvinceOfficer => "province_officer",
            Role::HrManager => "hr_manager",
            Role::Ministry => "ministry",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The page a sign-in lands on when it was not sent from another page (this system's
    /// default): the coordinator's day of work (今日工作), the 登记认定 review queue for street
    /// and county officers (the assistance chain ends at the county), the certification desk
    /// for city, province and ministry officers, the coordinators for HR managers, accounts
    /// for administrators.
    pub fn start_page(self) -> &'static str {
        match self {
            Role::Coordinator => "/work",
            Role::StreetOfficer | Role::CountyOfficer => "/reviews",
            Role::CityOfficer | Role::ProvinceOfficer | Role::Ministry => "/certification",
            Role::HrManager => "/coordinators",
            Role::Admin => "/account",
        }
    }

    /// Whether this role works nationally (no home area).
    pub fn is_national(self) -> bool {
        matches!(self, Role::Ministry | Role::Admin)
    }

    /// Whether this role reads the assistance ledgers (households, people) of its area.
    pub fn reads_ledger(self) -> bool {
        !matches!(self, Role::HrManager)
    }

    /// Whether this role surveys and edits households and people: the community coordinators
    /// and the street and county officers above them.
    pub fn writes_ledger(self) -> bool {
        matches!(
            self,
            Role::Coordinator | Role::StreetOfficer | Role::CountyOfficer
        )
    }

    /// Whether an account of this role may have its home area at `level`.
    pub fn allows_level(self, level: AreaLevel) -> bool {
        match self {
            Role::Coordinator => level == AreaLevel::Village,
            Role::StreetOfficer => level == AreaLevel::Township,
            Role::CountyOfficer => level == AreaLevel::County,
            Role::CityOfficer => level == AreaLevel::City,
            Role::ProvinceOfficer => level == AreaLevel::Province,
            Role::HrManager => level <= AreaLevel::County,
            Role::Ministry | Role::Admin => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScopeError {
    #[error("this role works nationally and takes no area")]
    NationalRoleWithArea,
    #[error("this role needs a home area")]
    AreaRequired,
    #[error("this role cannot be placed at this area level")]
    WrongLevel,
}

/// What an account may see: the whole country, or one area and its subtree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    National,
    Area(AreaCode),
}

impl Scope {
    /// The scope of an account of `role` with home area `area`, if that pairing is allowed.
    pub fn for_role(role: Role, area: Option<AreaCode>) -> Result<Scope, ScopeError> {
        match (role.is_national(), area) {
            (true, None) => Ok(Scope::National),
            (true, Some(_)) => Err(ScopeError::NationalRoleWithArea),
            (false, None) => Err(ScopeError::AreaRequired),
            (false, Some(code)) if role.allows_level(code.level()) => Ok(Scope::Area(code)),
            (false, Some(_)) => Err(ScopeError::WrongLevel),
        }
    }

    /// Whether `code` lies inside this scope.
    pub fn contains(&self, code: &AreaCode) -> bool {
        match self {
            Scope::National => true,
            Scope::Area(home) => home.contains(code),
        }
    }

    /// The narrower of this scope and a requested area, or `None` if the area lies outside.
    pub fn narrow(&self, requested: Option<AreaCode>) -> Option<Scope> {
        match requested {
            None => Some(*self),
            Some(code) if self.contains(&code) => Some(Scope::Area(code)),
            Some(_) => None,
        }
    }

    /// The inclusive code range of the scope for SQL, or `None` for the whole country.
    pub fn range(&self) -> Option<(String, String)> {
        match self {
            Scope::National => None,
            Scope::Area(code) => Some(code.subtree_range()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_starts_on_its_own_page() {
        let pages: Vec<&str> = Role::ALL.iter().map(|r| r.start_page()).collect();
        assert_eq!(
            pages,
            [
                "/work",
                "/reviews",
                "/reviews",
                "/certification",
                "/certification",
                "/coordinators",
                "/certification",
                "/account"
            ]
        );
    }

    fn code(s: &str) -> AreaCode {
        AreaCode::parse(s).expect("valid code")
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn each_role_sits_at_its_level() {
        let village = code("440305001001");
        let street = code("440305001");
        let county = code("440305");
        let city = code("4403");
        let province = code("44");
        let table = [
            (Role::Coordinator, village, true),
            (Role::Coordinator, street, false),
            (Role::StreetOfficer, street, true),
            (Role::StreetOfficer, county, false),
            (Role::CountyOfficer, county, true),
            (Role::CityOfficer, city, true),
            (Role::CityOfficer, province, false),
            (Role::ProvinceOfficer, province, true),
            (Role::HrManager, city, true),
            (Role::HrManager, county, true),
            (Role::HrManager, street, false),
        ];
        for (role, area, ok) in table {
            assert_eq!(
                Scope::for_role(role, Some(area)).is_ok(),
                ok,
                "{role:?} at {area}"
            );
        }
        assert_eq!(Scope::for_role(Role::Admin, None), Ok(Scope::National));
        assert_eq!(
            Scope::for_role(Role::Ministry, Some(province)),
            Err(ScopeError::NationalRoleWithArea)
        );
        assert_eq!(
            Scope::for_role(Role::CityOfficer, None),
            Err(ScopeError::AreaRequired)
        );
    }

    #[test]
    fn ledger_access_by_role() {
        let writers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.writes_ledger())
            .collect();
        assert_eq!(
            writers,
            vec![Role::Coordinator, Role::StreetOfficer, Role::CountyOfficer]
        );
        assert!(!Role::HrManager.reads_ledger());
        assert!(Role::CityOfficer.reads_ledger() && !Role::CityOfficer.writes_ledger());
    }

    #[test]
    fn scope_sees_below_never_beside() {
        let nanshan = Scope::Area(code("440305"));
        assert!(nanshan.contains(&code("440305001001")));
        assert!(!nanshan.contains(&code("440304001001")));
        assert!(!nanshan.contains(&code("4403")));
        assert!(Scope::National.contains(&code("110101")));
        assert_eq!(
            nanshan.narrow(Some(code("440305001"))),
            Some(Scope::Area(code("440305001")))
        );
        assert_eq!(nanshan.narrow(Some(code("440304"))), None);
        assert_eq!(nanshan.narrow(None), Some(nanshan));
    }
}
