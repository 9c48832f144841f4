//! 绩效管理 of employment assistance: the indicator system as versioned data (`system`), the
//! facts of the records the measures count (`facts`), the scorecards computed from them
//! (`scorecard`), the records behind each figure (`figure`) and the assessments by the level
//! above, frozen when published (`assessment`); the annual ratings they propose for the HR
//! manager (`ratings`) and the reward fund split by their scores (`reward`); the figures kept
//! per area and summed up the hierarchy (`rollup`), and the dashboards read from them
//! (`dashboard`).

pub mod assessment;
pub mod dashboard;
pub mod facts;
pub mod figure;
pub mod ratings;
pub mod reward;
pub mod rollup;
pub mod scorecard;
pub mod system;
