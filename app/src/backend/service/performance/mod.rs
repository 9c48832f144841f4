//! 绩效管理 of employment assistance: the indicator system as versioned data (`system`). The
//! scorecards, assessments and rewards computed from the records follow (issue 17).

pub mod system;
