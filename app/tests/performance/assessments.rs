//! Assessments on the small ledger: 南头街道 assesses its communities and their coordinators
//! for 2026-08; adjustments within the bound and with a reason; publication freezes the
//! result under a digest that later data cannot move; a correction is a new round that
//! supersedes the first once published.

use app::backend::entity::{assessment_entry, plan_item};
use app::backend::service::performance::{assessment, scorecard, system};
use app::backend::testing::{actor, dbs_with_areas};
use app::domain::performance::assessment::AssessmentStatus;
use app::domain::role::Role;
use app::model::AppError;
use app::model::performance::{
    AdjustmentInput, AssessmentAction, AssessmentInput, AssessmentView, ScorecardQuery,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::scorecards::{NANTOU, NANTOUCHENG, d, ledger, serving_coordinator};

fn august() -> AssessmentInput {
    AssessmentInput {
        area: None,
        period: Some("2026-08".into()),
    }
}

fn field_of(r: Result<AssessmentView, AppError>) -> Vec<String> {
    match r {
        Err(AppError::Invalid(fields)) => fields.into_keys().collect(),
        other => panic!("expected field errors: {other:?}"),
    }
}

fn adjust(points: &str, reason: Option<&str>, version: i32) -> AdjustmentInput {
    AdjustmentInput {
        adjustment: Some(points.into()),
        reason: reason.map(str::to_string),
        version: Some(version),
    }
}

#[tokio::test]
async fn a_street_assesses_adjusts_publishes_and_corrects() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        system::seed_defaults(&t.db).await.expect("seed");
        ledger(&t.db).await;
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let c = serving_coordinator(&t.db, NANTOUCHENG, &coordinator.username).await;

        // Only the street's own officer runs it, and only for an ended period.
        let county = actor(Role::CountyOfficer, Some("440305000000"));
        let for_street = AssessmentInput {
            area: Some(NANTOU.into()),
            ..august()
        };
        assert_eq!(
            assessment::create(&t.db, &county, &for_street).await.err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            assessment::create(&t.db, &coordinator, &august())
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        let running = AssessmentInput {
            period: Some("2026-09".into()),
            ..august()
        };
        assert_eq!(
            field_of(assessment::create(&t.db, &street, &running).await),
            vec!["period"]
        );

        let draft = assessment::create(&t.db, &street, &august())
            .await
            .expect("draft");
        assert_eq!(draft.status, AssessmentStatus::Draft);
        assert_eq!((draft.round, draft.as_of.as_str()), (1, "2026-08-31"));
        assert!(draft.can_edit && draft.digest.is_none());
        // Every community of the street, scored as its own scorecard scores it.
        let communities = app::backend::service::areas::children_of(
            &t.db,
            &app::domain::area_code::AreaCode::parse(NANTOU).expect("code"),
        )
        .await
        .expect("children");
        assert_eq!(draft.units.len(), communities.len());
        let card = scorecard::for_area(
            &t.db,
            &street,
            &ScorecardQuery {
                area: Some(NANTOUCHENG.into()),
                period: Some("2026-08".into()),
            },
        )
        .await
        .expect("card");
        let unit = draft
            .units
            .iter()
            .find(|u| u.subject_code == NANTOUCHENG)
            .expect("南头城");
        assert_eq!(unit.computed, card.total);
        assert_eq!(unit.lines, card.lines);
        // Records counted: 2 + 2 + 1 + 3 + 1 + 2 + 2 + 2, as the hand count has them.
        assert_eq!(unit.records, 15);
        // Ranked by score, ties sharing a rank: communities with nothing due score 100.
        let higher = draft
            .units
            .iter()
            .filter(|u| u.final_score > unit.final_score)
            .count() as u32;
        assert_eq!(unit.rank, higher + 1);
        assert!(draft.units.windows(2).all(|p| p[0].rank <= p[1].rank));
        // The coordinator is assessed on the community's figures.
        assert_eq!(draft.coordinators.len(), 1);
        assert_eq!(draft.coordinators[0].coordinator_id, Some(c.id));
        assert_eq!(draft.coordinators[0].computed, card.total);
        // One draft at a time.
        assert_eq!(
            assessment::create(&t.db, &street, &august()).await.err(),
            Some(AppError::Conflict("assessment.draft_exists".into()))
        );
        // The assessed read the draft; another district does not.
        let seen = assessment::get(&t.db, &coordinator, draft.id)
            .await
            .expect("the assessed see it");
        assert!(!seen.can_edit);
        assert_eq!(
            assessment::get(
                &t.db,
                &actor(Role::StreetOfficer, Some("440304001000")),
                draft.id
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );

        // Adjustments: within 5 points, with a reason, on the version seen.
        let entry = unit.id;
        assert_eq!(
            field_of(
                assessment::adjust(
                    &t.db,
                    &street,
                    entry,
                    &adjust("6", Some("x"), draft.version)
                )
                .await
            ),
            vec!["adjustment"]
        );
        assert_eq!(
            field_of(
                assessment::adjust(&t.db, &street, entry, &adjust("3", None, draft.version)).await
            ),
            vec!["reason"]
        );
        assert_eq!(
            field_of(
                assessment::adjust(
                    &t.db,
                    &street,
                    entry,
                    &adjust("1.234", Some("x"), draft.version)
                )
                .await
            ),
            vec!["adjustment"]
        );
        assert_eq!(
            assessment::adjust(
                &t.db,
                &coordinator,
                entry,
                &adjust("3", Some("x"), draft.version)
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
        let adjusted = assessment::adjust(
            &t.db,
            &street,
            entry,
            &adjust("3.5", Some("补录八月走访，记录齐全"), draft.version),
        )
        .await
        .expect("adjusted");
        let unit = adjusted
            .units
            .iter()
            .find(|u| u.id == entry)
            .expect("entry");
        assert_eq!((unit.adjustment, unit.final_score), (350, card.total + 350));
        assert_eq!(
            unit.adjustment_reason.as_deref(),
            Some("补录八月走访，记录齐全")
        );
        // The version moved: the editor who saw the old one is refused.
        assert_eq!(
            assessment::adjust(
                &t.db,
                &street,
                entry,
                &adjust("1", Some("x"), draft.version)
            )
            .await
            .err(),
            Some(AppError::Conflict("version".into()))
        );

        // Published: frozen under its digest.
        let published = assessment::publish(
            &t.db,
            &street,
            draft.id,
            &AssessmentAction {
                reason: None,
                version: Some(adjusted.version),
            },
        )
        .await
        .expect("published");
        assert_eq!(published.status, AssessmentStatus::Published);
        let digest = published.digest.clone().expect("digest");
        assert_eq!(digest.len(), 64);
        assert!(digest.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(published.intact, Some(true));
        assert!(!published.can_edit);
        assert_eq!(
            assessment::adjust(
                &t.db,
                &street,
                entry,
                &adjust("1", Some("x"), published.version)
            )
            .await
            .err(),
            Some(AppError::Conflict("assessment.not_draft".into()))
        );

        // The records change afterwards: P2 turns out done on its due day. The scorecard moves;
        // the published assessment does not.
        plan_item::Entity::update_many()
            .col_expr(plan_item::Column::DoneOn, Expr::value(d("2026-08-12")))
            .filter(plan_item::Column::DueOn.eq(d("2026-08-12")))
            .exec(&t.db)
            .await
            .expect("late entry");
        let live = scorecard::for_area(
            &t.db,
            &street,
            &ScorecardQuery {
                area: Some(NANTOUCHENG.into()),
                period: Some("2026-08".into()),
            },
        )
        .await
        .expect("card");
        assert_ne!(
            live.total, card.total,
            "the live scorecard counts the change"
        );
        let again = assessment::get(&t.db, &street, draft.id)
            .await
            .expect("read");
        assert_eq!(again.units, published.units);
        assert_eq!(
            (again.digest.as_deref(), again.intact),
            (Some(digest.as_str()), Some(true))
        );

        // A stored score edited behind the system's back no longer matches the digest.
        assessment_entry::Entity::update_many()
            .col_expr(assessment_entry::Column::FinalScore, Expr::value(10_000))
            .filter(assessment_entry::Column::Id.eq(entry))
            .exec(&t.db)
            .await
            .expect("tamper");
        let tampered = assessment::get(&t.db, &street, draft.id)
            .await
            .expect("read");
        assert_eq!(tampered.intact, Some(false));

        // A correction: a new round, computed afresh, with its reason; the first stands until
        // the second is published, then reads as superseded.
        assert_eq!(
            field_of(
                assessment::correct(
                    &t.db,
                    &street,
                    draft.id,
                    &AssessmentAction {
                        reason: Some("  ".into()),
                        version: None
                    }
                )
                .await
            ),
            vec!["reason"]
        );
        let second = assessment::correct(
            &t.db,
            &street,
            draft.id,
            &AssessmentAction {
                reason: Some("八月服务记录补录后重新计算".into()),
                version: None,
            },
        )
        .await
        .expect("correction");
        assert_eq!((second.round, second.status), (2, AssessmentStatus::Draft));
        assert_eq!(second.corrects, Some(draft.id));
        let recomputed = second
            .units
            .iter()
            .find(|u| u.subject_code == NANTOUCHENG)
            .expect("南头城");
        assert_eq!(recomputed.computed, live.total);
        assert_eq!(
            recomputed.adjustment, 0,
            "a new round starts without adjustments"
        );
        let first = assessment::get(&t.db, &street, draft.id)
            .await
            .expect("read");
        assert_eq!(first.status, AssessmentStatus::Published);
        assessment::publish(
            &t.db,
            &street,
            second.id,
            &AssessmentAction {
                reason: None,
                version: Some(second.version),
            },
        )
        .await
        .expect("second published");
        let first = assessment::get(&t.db, &street, draft.id)
            .await
            .expect("read");
        assert_eq!(first.status, AssessmentStatus::Superseded);
        assert_eq!(first.corrected_by, Some(second.id));
        let listed = assessment::list(&t.db, &street, None).await.expect("list");
        assert!(listed.can_run);
        assert!(
            !assessment::list(&t.db, &coordinator, Some(NANTOU))
                .await
                .expect("read")
                .can_run
        );
        assert_eq!(
            listed
                .items
                .iter()
                .map(|a| (a.round, a.status))
                .collect::<Vec<_>>(),
            vec![
                (2, AssessmentStatus::Published),
                (1, AssessmentStatus::Superseded)
            ]
        );
        t.cleanup().await;
    }
}

async fn published(
    db: &sea_orm::DatabaseConnection,
    street: &app::backend::actor::Actor,
    period: &str,
) -> AssessmentView {
    let draft = assessment::create(
        db,
        street,
        &AssessmentInput {
            area: None,
            period: Some(period.into()),
        },
    )
    .await
    .expect("draft");
    assessment::publish(
        db,
        street,
        draft.id,
        &AssessmentAction {
            reason: None,
            version: Some(draft.version),
        },
    )
    .await
    .expect("published")
}

#[tokio::test]
async fn a_fund_follows_the_scores_and_hr_decides_the_proposed_ratings() {
    use app::backend::service::performance::{ratings, reward};
    use app::domain::grading::Rating;
    use app::model::performance::RatingDecisionInput;
    let _clock = app::backend::testing::suite_clock();
    for t in dbs_with_areas().await {
        system::seed_defaults(&t.db).await.expect("seed");
        ledger(&t.db).await;
        let street = actor(Role::StreetOfficer, Some(NANTOU));
        let coordinator = actor(Role::Coordinator, Some(NANTOUCHENG));
        let c = serving_coordinator(&t.db, NANTOUCHENG, &coordinator.username).await;

        // August's fund: 100 000 yuan, 70 % to the one coordinator, the rest to the units by
        // their final scores, to the fen.
        let august = published(&t.db, &street, "2026-08").await;
        let s = reward::split(&t.db, &street, august.id, Some("100000"))
            .await
            .expect("split");
        assert_eq!(
            (s.fund_fen, s.grassroots_share, s.grassroots_fen),
            (10_000_000, 700, 7_000_000)
        );
        let units: Vec<_> = s
            .rows
            .iter()
            .filter(|r| r.coordinator_id.is_none())
            .collect();
        assert_eq!(units.iter().map(|r| r.amount_fen).sum::<u64>(), 3_000_000);
        assert!(
            units
                .windows(2)
                .all(|p| p[0].final_score < p[1].final_score || p[0].amount_fen >= p[1].amount_fen)
        );
        let staff: Vec<_> = s
            .rows
            .iter()
            .filter(|r| r.coordinator_id == Some(c.id))
            .collect();
        assert_eq!(staff.len(), 1);
        assert_eq!(staff[0].amount, "70000.00");
        let nantoucheng = units
            .iter()
            .find(|r| r.subject_code == NANTOUCHENG)
            .expect("南头城");
        let total: u64 = units.iter().map(|r| u64::from(r.final_score)).sum();
        let exact = 3_000_000 * u64::from(nantoucheng.final_score) / total;
        assert!(nantoucheng.amount_fen == exact || nantoucheng.amount_fen == exact + 1);
        let book = reward::workbook(&t.db, &street, august.id, Some("100000"))
            .await
            .expect("workbook");
        assert!(book.starts_with(b"PK"), "an xlsx is a zip");
        for bad in [None, Some("abc"), Some("-5"), Some("1.234")] {
            assert!(matches!(
                reward::split(&t.db, &street, august.id, bad).await,
                Err(AppError::Invalid(f)) if f.contains_key("fund")
            ));
        }
        // The assessed do not split the fund.
        assert_eq!(
            reward::split(&t.db, &coordinator, august.id, Some("1"))
                .await
                .err(),
            Some(AppError::OutOfScope)
        );

        // 2025's annual assessment: nothing fell due, full points, 优秀 proposed. 大新's
        // coordinator served through 2025 and left in 2026: assessed, but the record is closed.
        let gone = serving_coordinator(&t.db, super::scorecards::DAXIN, "gone").await;
        app::backend::entity::coordinator::Entity::update_many()
            .col_expr(
                app::backend::entity::coordinator::Column::LeftOn,
                Expr::value(d("2026-05-01")),
            )
            .filter(app::backend::entity::coordinator::Column::Id.eq(gone.id))
            .exec(&t.db)
            .await
            .expect("left");
        let year = published(&t.db, &street, "2025").await;
        assert!(
            year.coordinators
                .iter()
                .all(|c| c.proposed_rating == Rating::Excellent)
        );
        let hr = actor(Role::HrManager, Some("440300000000"));
        let list = ratings::proposals(&t.db, &hr, 2025)
            .await
            .expect("proposals");
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[1].coordinator_id, list[1].left_on.as_deref()),
            (gone.id, Some("2026-05-01"))
        );
        assert_eq!(
            ratings::decide(
                &t.db,
                &hr,
                list[1].entry_id,
                &RatingDecisionInput::default()
            )
            .await
            .err(),
            Some(AppError::Conflict("coordinator.left".into()))
        );
        assert_eq!(list[0].left_on, None);
        assert_eq!(
            (list[0].proposed, list[0].recorded, list[0].decided),
            (Rating::Excellent, None, None)
        );
        let entry = list[0].entry_id;
        let decide = |rating: Option<&str>, reason: Option<&str>| RatingDecisionInput {
            rating: rating.map(str::to_string),
            reason: reason.map(str::to_string),
        };
        // An override needs its reason; a rating must be one of the four.
        assert!(matches!(
            ratings::decide(&t.db, &hr, entry, &decide(Some("qualified"), None)).await,
            Err(AppError::Invalid(f)) if f.contains_key("reason")
        ));
        assert!(matches!(
            ratings::decide(&t.db, &hr, entry, &decide(Some("great"), None)).await,
            Err(AppError::Invalid(f)) if f.contains_key("rating")
        ));
        assert_eq!(
            ratings::decide(&t.db, &street, entry, &decide(None, None))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            ratings::decide(
                &t.db,
                &actor(Role::HrManager, Some("110000000000")),
                entry,
                &decide(None, None)
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        // A monthly assessment proposes no annual rating.
        assert_eq!(
            ratings::decide(&t.db, &hr, august.coordinators[0].id, &decide(None, None))
                .await
                .err(),
            Some(AppError::Conflict("proposal.not_open".into()))
        );
        // Overridden with a reason: recorded for 2025 like any rating.
        let after = ratings::decide(
            &t.db,
            &hr,
            entry,
            &decide(Some("qualified"), Some("年中两个月未按期走访")),
        )
        .await
        .expect("decided");
        assert_eq!(
            (
                after[0].recorded,
                after[0].decided,
                after[0].reason.as_deref()
            ),
            (
                Some(Rating::Qualified),
                Some(Rating::Qualified),
                Some("年中两个月未按期走访")
            )
        );
        // Recorded as any rating of the year.
        let kept = app::backend::entity::coordinator_rating::Entity::find()
            .filter(app::backend::entity::coordinator_rating::Column::CoordinatorId.eq(c.id))
            .all(&t.db)
            .await
            .expect("ratings");
        assert_eq!(
            kept.iter()
                .map(|r| (r.year, r.rating.as_str()))
                .collect::<Vec<_>>(),
            vec![(2025, "qualified")]
        );
        assert_eq!(
            ratings::decide(&t.db, &hr, entry, &decide(None, None))
                .await
                .err(),
            Some(AppError::Conflict("proposal.decided".into()))
        );
        t.cleanup().await;
    }
}
