//! Demo assistance files on the demo street, through the real services, so that every state is
//! there to look at: waiting at each review step, confirmed with a card and a plan, exited.
//! Marked `is_demo` afterwards. Runs once, right after the demo ledger is written.

use crate::backend::clock::today;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{DEMO_STREET, demo_actor};
use crate::backend::entity::{area, assistance_target as target, person};
use crate::backend::service::{assistance::plans, assistance::targets, calendar};
use crate::domain::area_code::AreaCode;
use crate::domain::calendar::ymd;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::assistance::{DecisionInput, ExitInput, PlanInput, RecordInput, TargetInput};

/// How far each demo file of a community goes: 0 = waits for the community review … 4 =
/// confirmed; 5 = confirmed, planned and served; 6 = exited.
const STAGES: [u8; 7] = [0, 1, 2, 3, 4, 5, 6];

fn approve(version: i32) -> DecisionInput {
    DecisionInput {
        action: Some("approve".into()),
        reason: None,
        version: Some(version),
    }
}

/// Files for the first unemployed members of each demo community; returns how many.
pub async fn seed(db: &DatabaseConnection) -> Result<u64, AppError> {
    calendar::seed_bundled(db).await?;
    let street = AreaCode::parse(DEMO_STREET).map_err(|_| AppError::Internal)?;
    let county = street.parent().ok_or(AppError::Internal)?;
    let street_officer = demo_actor(Role::StreetOfficer, Some(street.as_str()))?;
    let county_officer = demo_actor(Role::CountyOfficer, Some(county.as_str()))?;
    let (lo, hi) = street.subtree_range();
    let communities = area::Entity::find()
        .filter(area::Column::Level.eq(5))
        .filter(area::Column::Code.between(lo, hi))
        .order_by_asc(area::Column::Code)
        .all(db)
        .await?;
    let on = ymd(today());
    let mut made = 0;
    for community in communities {
        let candidates = person::Entity::find()
            .filter(person::Column::CommunityCode.eq(&community.code))
            .filter(person::Column::IsDemo.eq(true))
            .filter(person::Column::WantsWork.eq(true))
            .filter(person::Column::Status.is_in(["registered_unemployed", "unemployed"]))
            .order_by_asc(person::Column::Id)
            .all(db)
            .await?;
        if candidates.is_empty() {
            continue;
        }
        let coordinator = demo_actor(Role::Coordinator, Some(&community.code))?;
        for (p, stage) in candidates.iter().zip(STAGES) {
            let input = TargetInput {
                person_id: Some(p.id),
                ..TargetInput::default()
            };
            let Ok(v) = targets::apply(db, &coordinator, &input).await else {
                continue;
            };
            let id = v.target.id;
            let mut version = v.target.version;
            if stage >= 1 {
                // A demo file that has moved on was put up for notice before today, and the
                // notice is over (the services refuse the community's approval until then).
                target::Entity::update_many()
                    .col_expr(target::Column::NoticeUntil, Expr::value(today().pred_opt()))
                    .filter(target::Column::Id.eq(id))
                    .exec(db)
                    .await?;
            }
            let chain = [&coordinator, &street_officer, &county_officer, &coordinator];
            for who in chain.into_iter().take(usize::from(stage.min(4))) {
                version = targets::decide(db, who, id, &approve(version))
                    .await?
                    .target
                    .version;
            }
            if stage >= 5 {
                let plan = plans::make(db, &coordinator, id, &PlanInput::default()).await?;
                if let Some(first) = plan.items.first() {
                    plans::record(
                        db,
                        &coordinator,
                        id,
                        &RecordInput {
                            plan_item_id: Some(first.id),
                            served_on: Some(on.clone()),
                            outcome: Some("provided".into()),
                            note: Some("职业指导一次（演示）".into()),
                            ..RecordInput::default()
                        },
                    )
                    .await?;
                }
            }
            if stage == 6 {
                targets::exit(
                    db,
                    &street_officer,
                    id,
                    &ExitInput {
                        reason: Some("moved_away".into()),
                        note: Some("迁往外市（演示）".into()),
                        version: Some(version),
                    },
                )
                .await?;
            }
            made += 1;
        }
    }
    // Everything written above belongs to demo people: mark the files as demo data too.
    let demo_people = person::Entity::find()
        .filter(person::Column::IsDemo.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id);
    target::Entity::update_many()
        .col_expr(target::Column::IsDemo, Expr::value(true))
        .filter(target::Column::PersonId.is_in(demo_people))
        .exec(db)
        .await?;
    Ok(made)
}
