//! A promotion round from candidates to effective grades, in effect on its date.

use super::{day, graded, new_coordinator, rate, train};
use app::backend::clock::today;
use app::backend::entity::promotion_round;
use app::backend::service::coordinators::{self};
use app::backend::service::promotions;
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::domain::grading::{Grade, Rating};
use app::domain::role::Role;
use app::model::AppError;
use app::model::certification::ObjectionInput;
use app::model::promotion::{
    CloseInput, Decision, DecisionInput, FindingInput, NominationInput, PublishInput, RoundInput,
    RoundStatus, ScoreInput,
};
use chrono::Datelike;
use chrono::Days;
use sea_orm::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn a_promotion_round_runs_from_candidates_to_effective_grades() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let this = today().year();
        // Ready: 30 months at 二级, 44 hours in two years, 合格 and 优秀.
        let ready = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001001", "陈晓梅", "19880312", "021"),
                "second",
                30,
            ),
        )
        .await
        .expect("ready");
        train(db, ready.id, 24, 14).await;
        train(db, ready.id, 20, 3).await;
        rate(db, ready.id, this - 2, Rating::Qualified).await;
        rate(db, ready.id, this - 1, Rating::Excellent).await;
        // Short: 24 hours only.
        let short = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001003", "林志强", "19850721", "023"),
                "second",
                50,
            ),
        )
        .await
        .expect("short");
        train(db, short.id, 24, 8).await;
        rate(db, short.id, this - 2, Rating::Excellent).await;
        rate(db, short.id, this - 1, Rating::Excellent).await;
        // In Dongguan, meeting every rule: outside the Shenzhen round.
        let gd_hr = actor(Role::HrManager, Some("44"));
        let far = coordinators::create(
            db,
            &gd_hr,
            &graded(
                new_coordinator("441900003001", "周广", "19860101", "025"),
                "second",
                40,
            ),
        )
        .await
        .expect("far");

        // The area is chosen by its name inside the manager's scope (issue 16, item 14); a
        // name outside it is unknown, as is one that names nothing.
        let by_name = |name: &str| RoundInput {
            area_code: Some(name.into()),
            title: Some("南山区协理员晋升".into()),
        };
        for (name, key) in [
            ("东莞市", "area.unknown"),
            ("无此区", "area.unknown"),
            ("东莞市 441900000000", "area.unknown"),
            ("南山区 4403050", "area.malformed"),
            ("南头城社区居委会", "area.unknown"),
        ] {
            assert_eq!(
                promotions::open(db, &hr, &by_name(name)).await.err(),
                Some(AppError::field("area_code", key)),
                "{name}"
            );
        }
        // As the searchable list offers it: the name and the code.
        assert_eq!(
            app::backend::service::areas::resolve_in_scope(
                db,
                Some("南山区 440305000000"),
                "area_code",
                hr.scope.range(),
                app::domain::area_code::AreaLevel::Township,
            )
            .await
            .map(|a| a.as_str().to_string()),
            Ok("440305000000".to_string())
        );
        let round = promotions::open(db, &hr, &by_name("南山区"))
            .await
            .expect("open");
        assert_eq!(round.area.code, "440305000000");
        assert_eq!(round.candidates.len(), 1, "only the ready one is found");
        assert_eq!(round.candidates[0].coordinator_id, ready.id);
        // The nomination form offers the 二级 coordinators of the area not yet candidates.
        let offered: Vec<i64> = round.nominable.iter().map(|n| n.id).collect();
        assert!(offered.contains(&short.id), "{offered:?}");
        assert!(!offered.contains(&ready.id) && !offered.contains(&far.id));
        let nominated = promotions::nominate(
            db,
            &hr,
            round.id,
            &NominationInput {
                coordinator_id: Some(short.id),
                reason: Some("工作突出".into()),
            },
        )
        .await
        .expect("nominate");
        assert_eq!(nominated.candidates.len(), 2);
        let outside = promotions::nominate(
            db,
            &hr,
            round.id,
            &NominationInput {
                coordinator_id: Some(far.id),
                reason: Some("跨市".into()),
            },
        )
        .await;
        assert_eq!(
            outside.err(),
            Some(AppError::field("coordinator_id", "promotion.outside_round"))
        );
        let ready_c = nominated
            .candidates
            .iter()
            .find(|c| c.coordinator_id == ready.id)
            .expect("c");
        let short_c = nominated
            .candidates
            .iter()
            .find(|c| c.coordinator_id == short.id)
            .expect("c");
        // An approval needs its reason too (issue 16, item 14).
        let unexplained = promotions::decide(
            db,
            &hr,
            round.id,
            ready_c.id,
            &DecisionInput {
                approve: true,
                reason: Some("   ".into()),
                version: ready_c.version,
            },
        )
        .await;
        assert!(
            matches!(unexplained, Err(AppError::Invalid(f)) if f.get("reason").map(String::as_str) == Some("reason.required"))
        );
        // Approving before a score: the assessment rule is unmet.
        let early = promotions::decide(
            db,
            &hr,
            round.id,
            ready_c.id,
            &DecisionInput {
                approve: true,
                reason: Some("考核优良".into()),
                version: ready_c.version,
            },
        )
        .await;
        assert!(matches!(early, Err(AppError::Invalid(f)) if f.contains_key("rule.assessment")));
        let scored = promotions::score(
            db,
            &hr,
            round.id,
            ready_c.id,
            &ScoreInput {
                assessment: Some(82),
                version: ready_c.version,
            },
        )
        .await
        .expect("score");
        let ready_c = scored
            .candidates
            .iter()
            .find(|c| c.id == ready_c.id)
            .expect("c")
            .clone();
        promotions::score(
            db,
            &hr,
            round.id,
            short_c.id,
            &ScoreInput {
                assessment: Some(90),
                version: short_c.version,
            },
        )
        .await
        .expect("score");
        // The short one cannot be approved: the training rule is shown unmet.
        let refused = promotions::decide(
            db,
            &hr,
            round.id,
            short_c.id,
            &DecisionInput {
                approve: true,
                reason: Some("入户摸底工作突出".into()),
                version: short_c.version + 1,
            },
        )
        .await;
        match refused {
            Err(AppError::Invalid(f)) => {
                assert_eq!(f.keys().collect::<Vec<_>>(), ["rule.training"])
            }
            other => panic!("expected the training rule, got {other:?}"),
        }
        let no_reason = promotions::decide(
            db,
            &hr,
            round.id,
            short_c.id,
            &DecisionInput {
                approve: false,
                reason: None,
                version: short_c.version + 1,
            },
        )
        .await;
        assert!(matches!(no_reason, Err(AppError::Invalid(f)) if f.contains_key("reason")));
        promotions::decide(
            db,
            &hr,
            round.id,
            short_c.id,
            &DecisionInput {
                approve: false,
                reason: Some("近两年培训学时不足".into()),
                version: short_c.version + 1,
            },
        )
        .await
        .expect("reject");
        let decided = promotions::decide(
            db,
            &hr,
            round.id,
            ready_c.id,
            &DecisionInput {
                approve: true,
                reason: Some("考核优良".into()),
                version: ready_c.version,
            },
        )
        .await
        .expect("approve");
        assert!(
            decided
                .candidates
                .iter()
                .all(|c| c.decision != Decision::Pending)
        );
        // Another city's HR manager cannot see or run it.
        let dg_hr = actor(Role::HrManager, Some("4419"));
        assert_eq!(
            promotions::get(db, &dg_hr, round.id).await.err(),
            Some(AppError::OutOfScope)
        );

        let published = promotions::publish(
            db,
            &hr,
            round.id,
            &PublishInput {
                notice_days: None,
                version: decided.version,
            },
        )
        .await
        .expect("publish");
        assert_eq!(published.status, RoundStatus::Notice);
        let notices = promotions::notices::notices(db).await.expect("notices");
        assert_eq!(notices.len(), 1);
        assert_eq!(
            notices[0].candidates.len(),
            1,
            "only those approved are published"
        );
        let receipt = promotions::notices::file(
            db,
            Some("203.0.113.9"),
            round.id,
            ready_c.id,
            &ObjectionInput {
                name: None,
                contact: Some("13900139000".into()),
                text: Some("请核实其培训记录是否属实。".into()),
            },
        )
        .await
        .expect("objection");
        let dump = t.dump().await.expect("dump");
        assert!(
            !dump.windows(11).any(|w| w == b"13900139000"),
            "{:?}: an objection's contact readable in the database",
            t.kind
        );
        // Closing waits for the notice period and the objection.
        let close = CloseInput {
            effective_on: Some(day(today())),
            version: published.version,
        };
        assert!(matches!(
            promotions::close(db, &hr, round.id, &close).await,
            Err(AppError::Conflict(_))
        ));
        promotions::notices::investigate(
            db,
            &hr,
            round.id,
            receipt.id,
            &FindingInput {
                substantiated: false,
                finding: Some("经核实培训记录属实".into()),
            },
        )
        .await
        .expect("finding");
        // The notice period passes.
        let past = today().checked_sub_days(Days::new(1)).expect("date");
        promotion_round::Entity::update_many()
            .set(promotion_round::ActiveModel {
                notice_until: Set(Some(past)),
                ..Default::default()
            })
            .filter(promotion_round::Column::Id.eq(round.id))
            .exec(db)
            .await
            .expect("move the notice");
        let past_date = CloseInput {
            effective_on: Some(day(past)),
            version: published.version,
        };
        assert!(matches!(
            promotions::close(db, &hr, round.id, &past_date).await,
            Err(AppError::Invalid(_))
        ));
        let closed = promotions::close(db, &hr, round.id, &close)
            .await
            .expect("close");
        assert_eq!(closed.status, RoundStatus::Closed);
        let promoted = coordinators::get(db, &hr, ready.id)
            .await
            .expect("promoted");
        assert_eq!(promoted.grade, Some(Grade::First));
        // 一级 with the latest rating 优秀: 1400‰ by default.
        assert_eq!(promoted.pay_coefficient, Some(1400));
        assert_eq!(
            promoted.grades.last().and_then(|g| g.round_id),
            Some(round.id)
        );
        let not = coordinators::get(db, &hr, short.id).await.expect("short");
        assert_eq!(not.grade, Some(Grade::Second));
        // One letter a promoted coordinator (the CJK font is installed by `make test`).
        let approved: Vec<_> = closed
            .candidates
            .iter()
            .filter(|c| c.decision == Decision::Approved)
            .collect();
        assert!(!approved.is_empty() && approved.len() < closed.candidates.len());
        let letters = promotions::letters::letters(db, &hr, round.id)
            .await
            .expect("letters");
        assert!(letters.starts_with(b"%PDF-"));
        let pdf = String::from_utf8_lossy(&letters);
        let pages = pdf.matches("/Type/Page").count() - pdf.matches("/Type/Pages").count();
        assert_eq!(pages, approved.len());
        // The list names every candidate with the decision, row by row.
        let xlsx = promotions::letters::list_xlsx(db, &hr, round.id)
            .await
            .expect("xlsx");
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("workbook");
        let sheet = calamine::Reader::worksheet_range(&mut book, "晋升名单").expect("sheet");
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows.len(), closed.candidates.len() + 1, "{rows:?}");
        for c in &closed.candidates {
            let want = if c.decision == Decision::Approved {
                "同意晋升"
            } else {
                "不予晋升"
            };
            assert!(
                rows.iter()
                    .any(|r| r.contains(&c.name) && r.iter().any(|x| x == want)),
                "{} {want}: {rows:?}",
                c.name
            );
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_promotion_takes_effect_on_its_date_not_before() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let this = today().year();
        let ready = coordinators::create(
            db,
            &hr,
            &graded(
                new_coordinator("440305001001", "王磊", "19870630", "027"),
                "second",
                36,
            ),
        )
        .await
        .expect("ready");
        train(db, ready.id, 48, 10).await;
        rate(db, ready.id, this - 2, Rating::Excellent).await;
        rate(db, ready.id, this - 1, Rating::Excellent).await;
        let round = promotions::open(
            db,
            &hr,
            &RoundInput {
                area_code: Some("440305001".into()),
                title: Some("南头街道晋升".into()),
            },
        )
        .await
        .expect("open");
        let c = &round.candidates[0];
        let r = promotions::score(
            db,
            &hr,
            round.id,
            c.id,
            &ScoreInput {
                assessment: Some(75),
                version: c.version,
            },
        )
        .await
        .expect("score");
        let c = &r.candidates[0];
        let r = promotions::decide(
            db,
            &hr,
            round.id,
            c.id,
            &DecisionInput {
                approve: true,
                reason: Some("条件齐备".into()),
                version: c.version,
            },
        )
        .await
        .expect("approve");
        let r = promotions::publish(
            db,
            &hr,
            round.id,
            &PublishInput {
                notice_days: Some(5),
                version: r.version,
            },
        )
        .await
        .expect("publish");
        promotion_round::Entity::update_many()
            .set(promotion_round::ActiveModel {
                notice_until: Set(Some(today() - Days::new(1))),
                ..Default::default()
            })
            .filter(promotion_round::Column::Id.eq(round.id))
            .exec(db)
            .await
            .expect("move the notice");
        let next_month = today() + Days::new(30);
        promotions::close(
            db,
            &hr,
            round.id,
            &CloseInput {
                effective_on: Some(day(next_month)),
                version: r.version,
            },
        )
        .await
        .expect("close");
        let v = coordinators::get(db, &hr, ready.id).await.expect("view");
        assert_eq!(
            v.grade,
            Some(Grade::Second),
            "still 二级 until the effective date"
        );
        assert_eq!(
            v.next_grade.map(|g| (g.grade, g.from_date)),
            Some((Grade::First, day(next_month)))
        );
        // Rated 不合格 before the date: the promotion does not take effect.
        rate(db, ready.id, this, Rating::Unqualified).await;
        let v = coordinators::get(db, &hr, ready.id).await.expect("view");
        assert_eq!(v.next_grade, None);
        assert!(v.non_renewal);
        t.cleanup().await;
    }
}
