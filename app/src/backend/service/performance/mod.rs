//! 绩效管理 of employment assistance: the indicator system as versioned data (`system`), the
//! facts of the records the measures count (`facts`), the scorecards computed from them
//! (`scorecard`), the records behind each figure (`figure`) and the assessments by the level
//! above, frozen when published (`assessment`). Rewards follow (issue 17).

pub mod assessment;
pub mod facts;
pub mod figure;
pub mod scorecard;
pub mod system;
