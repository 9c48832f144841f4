//! 绩效管理 of employment assistance: the indicator system as versioned data (`system`), the
//! facts of the records the measures count (`facts`), the scorecards computed from them
//! (`scorecard`) and the records behind each figure (`figure`). Assessments and rewards follow (issue 17).

pub mod facts;
pub mod figure;
pub mod scorecard;
pub mod system;
