//! 行政区划 as the browser sees them.

use crate::domain::area_code::{AreaLevel, TownshipKind, VillageKind};
use serde::{Deserialize, Serialize};

/// One administrative area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AreaView {
    /// 12-digit 统计用区划代码
    pub code: String,
    pub name: String,
    pub level: AreaLevel,
    pub parent_code: Option<String>,
    /// 街道 / 镇 / 乡 / other, for township-level areas
    pub township_kind: Option<TownshipKind>,
    /// 居委会 / 村委会 / other, for village-level areas
    pub village_kind: Option<VillageKind>,
}

/// An area with its ancestors (province first) and its children.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AreaWithChildren {
    pub area: Option<AreaView>,
    pub ancestors: Vec<AreaView>,
    pub children: Vec<AreaView>,
}

/// One drill-down select: the options at a level and the chosen one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AreaChoice {
    pub selected: Option<String>,
    pub options: Vec<AreaView>,
}
