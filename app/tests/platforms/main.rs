//! Grassroots platforms and coordinators on SQLite and Postgres: the registry (versions,
//! history, scope), coverage statistics against a hand count of the fixture areas, the
//! coordinator registry (scope, masking, rules explained), ratings and their effects, the
//! rating workbook (every bad row reported, nothing written), and a promotion round from
//! candidates to effective grades.

#![cfg(feature = "ssr")]

use app::backend::clock::today;
use app::backend::service::coordinators::records;
use app::backend::testing::{actor, id_number};
use app::domain::area_code::AreaCode;
use app::domain::grading::Rating;
use app::domain::role::Role;
use app::model::coordinator::{CoordinatorInput, RatingInput, TrainingInput};

mod coordinator_leaving;
mod coordinator_rules;
mod coverage_counts;
mod promotion_rounds;
mod rating_workbook;
mod registry;

fn code(s: &str) -> AreaCode {
    AreaCode::parse(s).expect("code")
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn new_coordinator(area: &str, name: &str, birth: &str, seq: &str) -> CoordinatorInput {
    CoordinatorInput {
        name: Some(name.into()),
        id_number: Some(id_number(&area[..6], birth, seq)),
        phone: Some("13800138000".into()),
        area_code: Some(area.into()),
        employment: Some("full_time".into()),
        hired_on: Some("2019-03-01".into()),
        education: Some("college".into()),
        ..CoordinatorInput::default()
    }
}

fn graded(mut c: CoordinatorInput, grade: &str, months: u32) -> CoordinatorInput {
    let since = today()
        .checked_sub_months(chrono::Months::new(months))
        .expect("date");
    c.grade = Some(grade.into());
    c.grade_since = Some(day(since));
    c
}

async fn train(db: &sea_orm::DatabaseConnection, id: i64, hours: u32, months_ago: u32) {
    let hr = actor(Role::HrManager, Some("4403"));
    let on = today()
        .checked_sub_months(chrono::Months::new(months_ago))
        .expect("date");
    records::add_training(
        db,
        &hr,
        id,
        &TrainingInput {
            course: Some("就业政策".into()),
            hours: Some(hours),
            finished_on: Some(day(on)),
            pre_service: months_ago > 30,
        },
    )
    .await
    .expect("training");
}

async fn rate(db: &sea_orm::DatabaseConnection, id: i64, year: i32, rating: Rating) {
    let hr = actor(Role::HrManager, Some("4403"));
    records::rate(db, &hr, id, &RatingInput { year, rating })
        .await
        .expect("rating");
}
