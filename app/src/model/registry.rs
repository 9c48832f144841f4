//! The public registry of certified full-employment communities.

use crate::domain::certification::{CertStatus, Tier};
use serde::{Deserialize, Serialize};

/// Raw search parameters as typed in the form or the query string; checked by the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct SearchParams {
    /// Part of the community's name (Chinese substring)
    pub q: Option<String>,
    /// Area code (2, 4, 6, 9 or 12 digits) to search within
    pub area: Option<String>,
    /// `community`, `provincial_star` or `national_demonstration`
    pub tier: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// One certification in a result list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommunityItem {
    pub certificate_no: String,
    pub community_code: String,
    /// The community's name when it was certified
    pub community_name: String,
    /// Province, city, county and street names above the community
    pub area_path: Vec<String>,
    pub tier: Tier,
    pub year: i32,
    pub status: CertStatus,
    pub is_demo: bool,
}

/// A certificate as the public verification shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertificateView {
    pub certificate_no: String,
    pub community_code: String,
    pub community_name: String,
    pub area_path: Vec<String>,
    pub tier: Tier,
    pub year: i32,
    /// Issuing area's name (人力资源社会保障部 for national titles)
    pub issuer: String,
    pub status: CertStatus,
    /// YYYY-MM-DD
    pub issued_on: String,
    /// YYYY-MM-DD, when revoked
    pub revoked_on: Option<String>,
    pub revoke_reason: Option<String>,
    pub is_demo: bool,
}

/// A community with all its titles, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommunityDetail {
    pub community_code: String,
    pub community_name: String,
    pub area_path: Vec<String>,
    pub certificates: Vec<CertificateView>,
}
