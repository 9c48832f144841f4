//! The certification workflow on SQLite and Postgres: a national round from a community's
//! application to the ministry's certificate (a send-back, objections under 公示, the notice
//! period respected); a provincial round with a quota, an objection found true and a failed
//! re-inspection revoking the title publicly; standards as versions; scope refusals.
//!
//! The passing of a notice period is simulated by moving the stored window into the past.

#![cfg(feature = "ssr")]

use chrono::{Datelike, Days, Months};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, NotSet,
    QueryFilter, Set,
};

use app::backend::clock::today;
use app::backend::entity::{cert_application, certification, platform};
use app::backend::registry_cache::RegistryCache;
use app::backend::service::certification::{
    applications, indicators, objections, rounds, standards, titles,
};
use app::backend::service::registry;
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::domain::cert_review::{ApplicationStatus, CertStep, ObjectionOutcome};
use app::domain::certification::{CertStatus, Tier};
use app::domain::indicators::{CertificationStandard, Indicator, QualitativeScore};
use app::domain::role::Role;
use app::model::AppError;
use app::model::certification::{
    ApplicationInput, ApplicationView, CertDecisionInput, InspectionInput, InvestigationInput,
    ObjectionInput, ResubmitInput, RoundInput, StandardInput,
};

const COMMUNITY: &str = "440305001001";
const SECOND: &str = "440305001003";

fn ymd(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The platform registry says all six are in place (or not).
async fn platform(db: &DatabaseConnection, code: &str, complete: bool) {
    let existing = platform::Entity::find_by_id(code.to_string())
        .one(db)
        .await
        .expect("read");
    let row = platform::ActiveModel {
        area_code: Set(code.into()),
        institution: Set(true),
        staff: Set(true),
        full_time_staff: Set(2),
        funding: Set(true),
        venue: Set(complete),
        rules: Set(true),
        work: Set(true),
        updated_by: Set("fixture".into()),
        updated_at: Set(app::backend::clock::now()),
        version: Set(existing.as_ref().map_or(1, |e| e.version + 1)),
        ..Default::default()
    };
    if existing.is_some() {
        row.update(db).await.expect("update platform");
    } else {
        row.insert(db).await.expect("insert platform");
    }
}

/// A star title carried over from four years ago.
async fn star_since_four_years(db: &DatabaseConnection, code: &str) {
    let issued = today().checked_sub_months(Months::new(48)).expect("date");
    certification::ActiveModel {
        id: NotSet,
        certificate_no: Set(format!("XJ-{}-440305-0901", issued.year())),
        community_code: Set(code.into()),
        community_name: Set("南头城社区居委会".into()),
        tier: Set(Tier::ProvincialStar.as_str().into()),
        year: Set(issued.year()),
        issuing_area_code: Set(Some("440000000000".into())),
        issuer_name: Set("广东省人力资源和社会保障厅".into()),
        status: Set(CertStatus::Valid.as_str().into()),
        issued_on: Set(issued),
        revoked_on: Set(None),
        revoke_reason: Set(None),
        is_demo: Set(false),
        version: Set(1),
        application_id: Set(None),
        next_inspection_on: Set(None),
    }
    .insert(db)
    .await
    .expect("star title");
}

/// Moves a file's notice window into the past, as if its five working days had run.
async fn notice_has_run(db: &DatabaseConnection, id: i64) {
    let a = cert_application::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .expect("file");
    let mut row = a.into_active_model();
    let t = today();
    row.notice_from = Set(Some(t.checked_sub_days(Days::new(9)).expect("date")));
    row.notice_until = Set(Some(t.checked_sub_days(Days::new(1)).expect("date")));
    row.update(db).await.expect("move notice");
}

fn approve(v: &ApplicationView) -> CertDecisionInput {
    CertDecisionInput {
        action: Some("approve".into()),
        version: Some(v.item.version),
        ..CertDecisionInput::default()
    }
}

fn send_back(v: &ApplicationView, reason: &str) -> CertDecisionInput {
    CertDecisionInput {
        action: Some("send_back".into()),
        reason: Some(reason.into()),
        version: Some(v.item.version),
        ..CertDecisionInput::default()
    }
}

fn scores(service: u32) -> Vec<QualitativeScore> {
    [
        ("service_quality", service),
        ("innovation", 20),
        ("example", 20),
    ]
    .into_iter()
    .map(|(code, score)| QualitativeScore {
        code: code.into(),
        score,
        evidence: "查阅台账与服务记录，走访居民5户".into(),
    })
    .collect()
}

fn city_approval(v: &ApplicationView, service: u32) -> CertDecisionInput {
    CertDecisionInput {
        site_visit: Some("2026年实地核查：服务窗口2个，专职人员3名，台账齐全。".into()),
        qualitative: Some(scores(service)),
        ..approve(v)
    }
}

fn objection(text: &str) -> ObjectionInput {
    ObjectionInput {
        name: None,
        contact: Some("13800138000".into()),
        text: Some(text.into()),
    }
}

fn round_input(tier: Tier, area: Option<&str>, quotas: &[(&str, u32)]) -> RoundInput {
    let on = today();
    RoundInput {
        tier: Some(tier.as_str().into()),
        area_code: area.map(str::to_string),
        year: Some(on.year()),
        title: Some(format!("{}年度评定", on.year())),
        opens_on: Some(ymd(on.checked_sub_days(Days::new(10)).expect("date"))),
        closes_on: Some(ymd(on.checked_add_days(Days::new(30)).expect("date"))),
        quotas: quotas.iter().map(|(a, n)| (a.to_string(), *n)).collect(),
    }
}

fn field(e: Result<ApplicationView, AppError>) -> String {
    match e {
        Err(AppError::Invalid(f)) => f.values().next().cloned().unwrap_or_default(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_national_round_runs_from_application_to_the_ministrys_certificate() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let cache = RegistryCache::disabled();
        standards::seed_defaults(db).await.expect("standards");
        platform(db, COMMUNITY, true).await;
        star_since_four_years(db, COMMUNITY).await;
        let coordinator = actor(Role::Coordinator, Some(COMMUNITY));
        let street = actor(Role::StreetOfficer, Some("440305001000"));
        let county = actor(Role::CountyOfficer, Some("440305000000"));
        let city = actor(Role::CityOfficer, Some("440300000000"));
        let province = actor(Role::ProvinceOfficer, Some("440000000000"));
        let ministry = actor(Role::Ministry, None);

        // Only the ministry opens a national round.
        let input = round_input(Tier::NationalDemonstration, None, &[("440000000000", 1)]);
        assert_eq!(
            rounds::open(db, &province, &input).await.err(),
            Some(AppError::Forbidden)
        );
        let round = rounds::open(db, &ministry, &input).await.expect("round");
        assert!(round.open);

        // The community applies; its indicators are computed and kept.
        let apply = ApplicationInput {
            round_id: Some(round.id),
            community_code: Some(COMMUNITY.into()),
            narrative: Some("本社区建立就业服务站，开展入户摸底，零就业家庭动态清零。".into()),
        };
        let neighbour = actor(Role::Coordinator, Some(SECOND));
        assert_eq!(
            applications::apply(db, &neighbour, &apply).await.err(),
            Some(AppError::OutOfScope)
        );
        let v = applications::apply(db, &coordinator, &apply)
            .await
            .expect("apply");
        assert_eq!(v.item.step, Some(CertStep::Street));
        assert!(v.self_assessment.evaluation.pass);
        assert!(
            v.self_assessment
                .evaluation
                .results
                .iter()
                .any(|r| r.indicator == Indicator::StarStatus && r.pass)
        );
        assert_eq!(v.standard.standard.tier, Tier::NationalDemonstration);
        assert!(matches!(
            applications::apply(db, &coordinator, &apply).await,
            Err(AppError::Conflict(k)) if k == "application.exists"
        ));

        // No step before the one below: the county and the province cannot act at the street.
        for early in [&county, &province] {
            assert_eq!(
                applications::decide(db, &cache, early, v.item.id, &approve(&v))
                    .await
                    .err(),
                Some(AppError::Forbidden)
            );
        }
        // The street sends it back to the community, which amends and resubmits.
        let v = applications::decide(
            db,
            &cache,
            &street,
            v.item.id,
            &send_back(&v, "请补充服务站照片"),
        )
        .await
        .expect("back to the community");
        assert_eq!(v.item.status, ApplicationStatus::Returned);
        assert_eq!(
            applications::queue(db, &coordinator).await.expect("queue")[0].id,
            v.item.id
        );
        let v = applications::resubmit(
            db,
            &coordinator,
            v.item.id,
            &ResubmitInput {
                narrative: Some("已补充服务站照片与制度文件，零就业家庭全部清零。".into()),
                version: Some(v.item.version),
            },
        )
        .await
        .expect("resubmit");
        assert_eq!(v.item.step, Some(CertStep::Street));
        // A stale decision is refused.
        let stale = CertDecisionInput {
            version: Some(v.item.version - 1),
            ..approve(&v)
        };
        assert!(matches!(
            applications::decide(db, &cache, &street, v.item.id, &stale).await,
            Err(AppError::Conflict(k)) if k == "version"
        ));
        let v = applications::decide(db, &cache, &street, v.item.id, &approve(&v))
            .await
            .expect("street recommends");
        // The county sends it back to the street with a reason; the street recommends again.
        assert_eq!(
            field(applications::decide(db, &cache, &county, v.item.id, &send_back(&v, " ")).await),
            "reason.required"
        );
        let v = applications::decide(
            db,
            &cache,
            &county,
            v.item.id,
            &send_back(&v, "推荐意见未盖章"),
        )
        .await
        .expect("county sends back");
        assert_eq!(v.item.step, Some(CertStep::Street));
        let v = applications::decide(db, &cache, &street, v.item.id, &approve(&v))
            .await
            .expect("street again");
        let v = applications::decide(db, &cache, &county, v.item.id, &approve(&v))
            .await
            .expect("county");
        assert_eq!(v.item.step, Some(CertStep::City));
        // The city needs its site visit and the qualitative scores at the pass mark.
        assert_eq!(
            field(applications::decide(db, &cache, &city, v.item.id, &approve(&v)).await),
            "text.too_short"
        );
        assert_eq!(
            field(applications::decide(db, &cache, &city, v.item.id, &city_approval(&v, 10)).await),
            "qualitative.below_pass"
        );
        let v = applications::decide(db, &cache, &city, v.item.id, &city_approval(&v, 35))
            .await
            .expect("city");
        assert_eq!(v.item.step, Some(CertStep::Notice));
        assert_eq!(v.qualitative_total, Some(75));
        assert_eq!(v.item.notice_from, Some(ymd(today())));

        // 公示: listed publicly; the province cannot decide while it runs.
        let listed = objections::notices(db, today()).await.expect("notices");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].community_code, COMMUNITY);
        assert_eq!(listed[0].area_path[0], "广东省");
        assert!(matches!(
            applications::decide(db, &cache, &province, v.item.id, &approve(&v)).await,
            Err(AppError::Conflict(k)) if k == "application.notice_running"
        ));
        // Anyone objects; one address may object three times an hour.
        let ip = Some("203.0.113.9");
        let mut filed = Vec::new();
        for n in 0..3 {
            let r = objections::file(
                db,
                ip,
                v.item.id,
                &objection(&format!("第{n}条：就业率数据与实际不符")),
            )
            .await
            .expect("objection");
            filed.push(r.id);
        }
        assert_eq!(
            objections::file(db, ip, v.item.id, &objection("第四条：再次反映就业率问题"))
                .await
                .err(),
            Some(AppError::TooManyAttempts)
        );
        assert!(matches!(
            objections::file(db, Some("198.51.100.1"), v.item.id, &ObjectionInput { contact: Some("call me".into()), ..objection("联系方式无效的异议内容") }).await,
            Err(AppError::Invalid(f)) if f.contains_key("contact")
        ));
        // The coordinator does not see the objectors; the city does, and investigates.
        let seen_by_coordinator = applications::get(db, &coordinator, v.item.id)
            .await
            .expect("view");
        assert!(seen_by_coordinator.objections.is_empty());
        // The county sees the objections with the contact masked; the city, which answers
        // them, in full; the lists are masked for everyone.
        let by_county = applications::get(db, &county, v.item.id)
            .await
            .expect("view");
        assert_eq!(by_county.objections[0].contact, "138****8000");
        let by_city = applications::get(db, &city, v.item.id).await.expect("view");
        assert_eq!(by_city.objections[0].contact, "13800138000");
        // Stored sealed: a copy of the database does not hold the contact.
        let dump = t.dump().await.expect("dump");
        assert!(
            !dump.windows(11).any(|w| w == b"13800138000"),
            "{:?}: an objection's contact readable in the database",
            t.kind
        );
        assert_eq!(
            objections::pending(db, &city).await.expect("pending")[0].contact,
            "138****8000"
        );
        assert_eq!(
            objections::pending(db, &city).await.expect("pending").len(),
            3
        );
        assert_eq!(
            objections::pending(db, &coordinator).await.err(),
            Some(AppError::Forbidden)
        );
        for id in &filed[..2] {
            let o = objections::investigate(
                db,
                &city,
                *id,
                &InvestigationInput {
                    outcome: Some("unfounded".into()),
                    investigation: Some("核对台账与社保缴费记录，数据一致".into()),
                    version: Some(1),
                },
            )
            .await
            .expect("investigate");
            assert_eq!(o.outcome, ObjectionOutcome::Unfounded);
        }
        // The period has run, but one objection is still open.
        notice_has_run(db, v.item.id).await;
        let v = applications::get(db, &province, v.item.id)
            .await
            .expect("view");
        assert!(matches!(
            applications::decide(db, &cache, &province, v.item.id, &approve(&v)).await,
            Err(AppError::Conflict(k)) if k == "application.objections_open"
        ));
        objections::investigate(
            db,
            &province,
            filed[2],
            &InvestigationInput {
                outcome: Some("unfounded".into()),
                investigation: Some("经核查反映情况不属实".into()),
                version: Some(1),
            },
        )
        .await
        .expect("last objection");
        // Nobody objects once the notice has ended.
        assert!(matches!(
            objections::file(db, Some("198.51.100.2"), v.item.id, &objection("公示结束后提出的异议")).await,
            Err(AppError::Conflict(k)) if k == "objection.not_under_notice"
        ));
        // The province nominates (within its quota of one); the second 公示 begins.
        let v = applications::decide(db, &cache, &province, v.item.id, &approve(&v))
            .await
            .expect("nominate");
        assert_eq!(v.item.step, Some(CertStep::NationalNotice));
        assert!(matches!(
            applications::decide(db, &cache, &ministry, v.item.id, &approve(&v)).await,
            Err(AppError::Conflict(k)) if k == "application.notice_running"
        ));
        notice_has_run(db, v.item.id).await;
        let v = applications::get(db, &ministry, v.item.id)
            .await
            .expect("view");
        assert!(v.can_decide);
        let v = applications::decide(db, &cache, &ministry, v.item.id, &approve(&v))
            .await
            .expect("ministry approves");
        assert_eq!(v.item.status, ApplicationStatus::Certified);
        let number = v.item.certificate_no.clone().expect("certificate");
        assert!(
            number.starts_with(&format!("SF-{}-440305-", today().year())),
            "{number}"
        );
        let public = registry::certificate(db, &number).await.expect("public");
        assert_eq!(public.tier, Tier::NationalDemonstration);
        assert_eq!(public.issuer, titles::MINISTRY);
        assert_eq!(public.status, CertStatus::Valid);
        // The whole story is kept.
        let actions: Vec<String> = v.events.iter().map(|e| e.action.clone()).collect();
        assert_eq!(
            actions.iter().filter(|a| *a == "send_back").count(),
            2,
            "{actions:?}"
        );
        assert_eq!(actions.last().map(String::as_str), Some("certify"));
        let history = titles::history(db, &county, COMMUNITY)
            .await
            .expect("history");
        assert_eq!(history.applications.len(), 1);
        assert_eq!(history.certificates.len(), 2);
        // A community holding a valid national title cannot apply for another.
        let next = rounds::open(
            db,
            &ministry,
            &RoundInput {
                title: Some("下一批国家级示范社区".into()),
                ..round_input(Tier::NationalDemonstration, None, &[])
            },
        )
        .await
        .expect("another round");
        assert!(matches!(
            applications::apply(
                db,
                &coordinator,
                &ApplicationInput {
                    round_id: Some(next.id),
                    ..apply.clone()
                }
            )
            .await,
            Err(AppError::Conflict(k)) if k == "application.title_held"
        ));
        // Someone outside the chain's areas cannot act or read.
        let beijing = actor(Role::CityOfficer, Some("110100000000"));
        assert_eq!(
            applications::get(db, &beijing, v.item.id).await.err(),
            Some(AppError::OutOfScope)
        );
        assert!(
            applications::list(db, &beijing, Some(round.id))
                .await
                .expect("list")
                .is_empty()
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn quotas_objections_found_true_and_a_failed_reinspection() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let cache = RegistryCache::disabled();
        standards::seed_defaults(db).await.expect("standards");
        for c in [COMMUNITY, SECOND] {
            platform(db, c, true).await;
        }
        let street = actor(Role::StreetOfficer, Some("440305001000"));
        let county = actor(Role::CountyOfficer, Some("440305000000"));
        let city = actor(Role::CityOfficer, Some("440300000000"));
        let province = actor(Role::ProvinceOfficer, Some("440000000000"));
        // Another province's officer cannot open Guangdong's round.
        let input = round_input(
            Tier::ProvincialStar,
            Some("440000000000"),
            &[("440300000000", 1)],
        );
        let other = actor(Role::ProvinceOfficer, Some("110000000000"));
        assert_eq!(
            rounds::open(db, &other, &input).await.err(),
            Some(AppError::OutOfScope)
        );
        let round = rounds::open(db, &province, &input).await.expect("round");

        let mut files = Vec::new();
        for c in [COMMUNITY, SECOND] {
            let coordinator = actor(Role::Coordinator, Some(c));
            let v = applications::apply(
                db,
                &coordinator,
                &ApplicationInput {
                    round_id: Some(round.id),
                    community_code: Some(c.into()),
                    narrative: Some("社区就业服务平台六到位，援助对象全部纳入台账管理。".into()),
                },
            )
            .await
            .expect("apply");
            let v = applications::decide(db, &cache, &street, v.item.id, &approve(&v))
                .await
                .expect("street");
            let v = applications::decide(db, &cache, &county, v.item.id, &approve(&v))
                .await
                .expect("county");
            files.push(v);
        }
        let first = applications::decide(
            db,
            &cache,
            &city,
            files[0].item.id,
            &city_approval(&files[0], 30),
        )
        .await
        .expect("city sends the first on");
        // Shenzhen's quota of one is used.
        assert!(matches!(
            applications::decide(db, &cache, &city, files[1].item.id, &city_approval(&files[1], 30)).await,
            Err(AppError::Conflict(k)) if k == "application.quota_full"
        ));
        let pipeline = rounds::pipeline(db, &province, round.id)
            .await
            .expect("pipeline");
        let at = |stage: &str| pipeline.iter().find(|r| r.stage == stage).map(|r| r.files);
        assert_eq!((at("city"), at("notice")), (Some(1), Some(1)));
        // An objection found true stops the first file; its place in the quota is free again.
        let r = objections::file(
            db,
            Some("192.0.2.1"),
            first.item.id,
            &objection("该社区有长期失业人员未登记，台账不实"),
        )
        .await
        .expect("objection");
        let o = objections::investigate(
            db,
            &city,
            r.id,
            &InvestigationInput {
                outcome: Some("substantiated".into()),
                investigation: Some("入户核查属实：2人失业超过6个月未登记".into()),
                version: Some(1),
            },
        )
        .await
        .expect("found true");
        assert_eq!(o.outcome, ObjectionOutcome::Substantiated);
        let stopped = applications::get(db, &city, first.item.id)
            .await
            .expect("view");
        assert_eq!(stopped.item.status, ApplicationStatus::Stopped);
        // It counts as a substantiated complaint against the community from now on.
        let r = indicators::community(db, &city, COMMUNITY, today(), Tier::Community)
            .await
            .expect("indicators");
        assert_eq!(r.facts.substantiated_complaints, 1);
        assert!(!r.evaluation.pass);
        let second = applications::decide(
            db,
            &cache,
            &city,
            files[1].item.id,
            &city_approval(&files[1], 30),
        )
        .await
        .expect("now the second fits");
        notice_has_run(db, second.item.id).await;
        let v = applications::get(db, &province, second.item.id)
            .await
            .expect("view");
        let v = applications::decide(db, &cache, &province, v.item.id, &approve(&v))
            .await
            .expect("province certifies");
        let number = v.item.certificate_no.clone().expect("number");
        assert!(number.starts_with("XJ-"), "{number}");

        // Re-inspection: the city may not; the province passes it while the indicators pass.
        let inspect = |result: &str, version: i32| InspectionInput {
            result: Some(result.into()),
            findings: Some("复查：登记失业人员就业率低于95%，场地未达标".into()),
            version: Some(version),
        };
        // A malformed result is refused field by field, and nothing changes.
        let field_error = |field: &str, key: &str| {
            let mut f = std::collections::BTreeMap::new();
            f.insert(field.to_string(), key.to_string());
            Some(AppError::Invalid(f))
        };
        for (input, field, key) in [
            (inspect("passed", 1), "result", "inspection.result"),
            (
                InspectionInput {
                    result: None,
                    ..inspect("pass", 1)
                },
                "result",
                "inspection.result",
            ),
            (
                InspectionInput {
                    findings: Some("好".into()),
                    ..inspect("fail", 1)
                },
                "findings",
                "text.too_short",
            ),
            (
                InspectionInput {
                    findings: Some("复查\u{0}结论：合格".into()),
                    ..inspect("pass", 1)
                },
                "findings",
                "text.control_chars",
            ),
            (
                InspectionInput {
                    version: None,
                    ..inspect("pass", 1)
                },
                "version",
                "version.required",
            ),
        ] {
            assert_eq!(
                titles::inspect(db, &cache, &province, &number, &input)
                    .await
                    .err(),
                field_error(field, key),
                "{input:?}"
            );
        }
        assert_eq!(
            registry::certificate(db, &number)
                .await
                .expect("public")
                .status,
            CertStatus::Valid
        );
        assert_eq!(
            titles::inspect(db, &cache, &city, &number, &inspect("pass", 1))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        let passed = titles::inspect(db, &cache, &province, &number, &inspect("pass", 1))
            .await
            .expect("pass");
        assert!(passed.pass && passed.evaluation.pass);
        // The venue is lost: the indicators fail, a pass is refused, the fail revokes at once.
        platform(db, SECOND, false).await;
        assert!(matches!(
            titles::inspect(db, &cache, &province, &number, &inspect("pass", 2)).await,
            Err(AppError::Invalid(f)) if f.get("result").map(String::as_str) == Some("inspection.indicators_fail")
        ));
        let failed = titles::inspect(db, &cache, &province, &number, &inspect("fail", 2))
            .await
            .expect("fail");
        assert!(!failed.pass);
        assert!(
            failed
                .evaluation
                .results
                .iter()
                .any(|r| r.indicator == Indicator::SixInPlace && !r.pass)
        );
        let public = registry::certificate(db, &number).await.expect("public");
        assert_eq!(public.status, CertStatus::Revoked);
        assert_eq!(public.revoked_on, Some(ymd(today())));
        assert!(public.revoke_reason.expect("reason").contains("复查"));
        assert!(matches!(
            titles::inspect(db, &cache, &province, &number, &inspect("fail", 3)).await,
            Err(AppError::Conflict(k)) if k == "inspection.revoked"
        ));
        let history = titles::history(db, &province, SECOND)
            .await
            .expect("history");
        assert_eq!(history.inspections.len(), 2);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn standards_are_versions_and_a_file_keeps_the_one_it_was_filed_under() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        standards::seed_defaults(db).await.expect("standards");
        assert!(!standards::seed_defaults(db).await.expect("once"));
        let province = actor(Role::ProvinceOfficer, Some("440000000000"));
        let coordinator = actor(Role::Coordinator, Some(COMMUNITY));
        let mut stricter = CertificationStandard::default_for(Tier::Community, "440000000000");
        stricter.version = "粤2026".into();
        stricter.min_qualitative_score = 80;
        let input = StandardInput {
            effective_from: None,
            standard: Some(stricter.clone()),
        };
        assert_eq!(
            standards::publish(db, &coordinator, &input).await.err(),
            Some(AppError::Forbidden)
        );
        let beijing = actor(Role::ProvinceOfficer, Some("110000000000"));
        assert_eq!(
            standards::publish(db, &beijing, &input).await.err(),
            Some(AppError::OutOfScope)
        );
        let past = StandardInput {
            effective_from: Some("2020-01-01".into()),
            ..input.clone()
        };
        let refusal = |r: Result<_, AppError>, field: &str| match r {
            Err(AppError::Invalid(f)) => f.get(field).cloned(),
            _ => None,
        };
        assert_eq!(
            refusal(
                standards::publish(db, &province, &past).await,
                "effective_from"
            )
            .as_deref(),
            Some("standard.in_the_past")
        );
        let malformed = StandardInput {
            effective_from: Some("2026-13-01".into()),
            ..input.clone()
        };
        assert_eq!(
            refusal(
                standards::publish(db, &province, &malformed).await,
                "effective_from"
            )
            .as_deref(),
            Some("date.malformed")
        );
        let city = StandardInput {
            standard: Some(CertificationStandard::default_for(
                Tier::Community,
                "440300000000",
            )),
            ..input.clone()
        };
        assert_eq!(
            refusal(
                standards::publish(db, &province, &city).await,
                "issuer_area"
            )
            .as_deref(),
            Some("area.wrong_level")
        );
        let national_by_province = StandardInput {
            standard: Some(CertificationStandard::default_for(
                Tier::NationalDemonstration,
                "440000000000",
            )),
            ..input.clone()
        };
        assert_eq!(
            refusal(
                standards::publish(db, &province, &national_by_province).await,
                "issuer_area"
            )
            .as_deref(),
            Some("standard.national_only")
        );
        let published = standards::publish(db, &province, &input)
            .await
            .expect("publish");
        assert!(published.in_force);
        // From today (the suite's 2026-09-24) when no day is given, and audited once.
        assert_eq!(published.effective_from, "2026-09-24");
        let audited = app::backend::entity::audit_log::Entity::find()
            .filter(app::backend::entity::audit_log::Column::Entity.eq("cert_standard"))
            .all(db)
            .await
            .expect("audit");
        assert_eq!(audited.len(), 1);
        assert_eq!(
            (audited[0].action.as_str(), audited[0].entity_id.clone()),
            ("publish", published.id.to_string())
        );
        assert!(matches!(
            standards::publish(db, &province, &input).await,
            Err(AppError::Conflict(k)) if k == "standard.version_taken"
        ));
        let listed = standards::list(db, Tier::Community, Some(COMMUNITY))
            .await
            .expect("list");
        assert_eq!(listed.len(), 2);
        // Without an area, the ministry's versions alone.
        let national = standards::list(db, Tier::Community, None)
            .await
            .expect("national list");
        assert_eq!(national.len(), 1, "{national:?}");
        assert_ne!(national[0].standard.version, "粤2026");
        assert_eq!(listed.iter().filter(|v| v.in_force).count(), 1);
        assert_eq!(
            listed
                .iter()
                .find(|v| v.in_force)
                .map(|v| v.standard.version.as_str()),
            Some("粤2026")
        );
        // Beijing still gets the ministry's default.
        let (_, bj) = standards::in_force(db, Tier::Community, "110101001001", today())
            .await
            .expect("in force");
        assert_eq!(bj.version, "default-2016");
        t.cleanup().await;
    }
}

/// The demo: 马家龙's ledger meets the standard (twenty registered who found work among them),
/// it is a national candidate, and the demo star round has a file under 公示. Runs once.
#[tokio::test]
async fn the_demo_community_meets_the_standard_and_a_demo_file_is_under_notice() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::seed::PASSING_COMMUNITY;
    use app::backend::seed::certification::seed;
    for t in dbs().await {
        let db = &t.db;
        app::backend::seed::ledger::seed(db).await.expect("ledger");
        standards::seed_defaults(db).await.expect("standards");
        assert_eq!(seed(db).await.expect("demo"), 2);
        assert_eq!(seed(db).await.expect("again"), 0);
        let city = actor(Role::CityOfficer, Some("440300000000"));
        let r = indicators::community(db, &city, PASSING_COMMUNITY, today(), Tier::Community)
            .await
            .expect("indicators");
        assert!(r.evaluation.pass, "{:?}", r.evaluation);
        assert_eq!(r.facts.registered.whole, 21);
        let national = indicators::community(
            db,
            &city,
            PASSING_COMMUNITY,
            today(),
            Tier::NationalDemonstration,
        )
        .await
        .expect("national");
        assert!(national.evaluation.pass, "{:?}", national.evaluation);
        let candidates = titles::candidates(db, &city).await.expect("candidates");
        assert!(
            candidates
                .iter()
                .any(|c| c.community_code == PASSING_COMMUNITY)
        );
        let notices = objections::notices(db, today()).await.expect("notices");
        assert_eq!(notices.len(), 1);
        assert!(notices[0].round_title.contains("演示"));
        t.cleanup().await;
    }
}

/// Titles granted before the workflow existed get their first re-inspection date from the
/// migration (two years after issue), so that they come up for 复查.
#[tokio::test]
async fn the_migration_dates_the_first_reinspection_of_older_titles() {
    let _clock = app::backend::testing::suite_clock();
    use app::backend::migration::Migrator;
    use sea_orm::sea_query::{Alias, Query};
    use sea_orm::{ConnectionTrait, EntityTrait};
    use sea_orm_migration::MigratorTrait;
    for t in dbs().await {
        let db = &t.db;
        // Down to the state before the repair (000013, which dates older titles), undoing
        // the later ones on the way.
        let after_12 = Migrator::migrations().len() as u32 - 12;
        Migrator::down(db, Some(after_12))
            .await
            .expect("down to 12");
        let cols = [
            "certificate_no",
            "community_code",
            "community_name",
            "tier",
            "year",
            "issuer_name",
            "status",
            "issued_on",
            "is_demo",
            "version",
        ]
        .map(Alias::new);
        let issued = chrono::NaiveDate::from_ymd_opt(2023, 6, 30).expect("date");
        for (no, status) in [
            ("XJ-2023-440305-0001", "valid"),
            ("XJ-2023-440305-0002", "revoked"),
        ] {
            db.execute(
                &Query::insert()
                    .into_table(Alias::new("certification"))
                    .columns(cols.clone())
                    .values_panic([
                        no.into(),
                        COMMUNITY.into(),
                        "南头城社区居委会".into(),
                        "provincial_star".into(),
                        2023.into(),
                        "广东省人力资源和社会保障厅".into(),
                        status.into(),
                        issued.into(),
                        false.into(),
                        1.into(),
                    ])
                    .to_owned(),
            )
            .await
            .expect("insert an older title");
        }
        Migrator::up(db, None).await.expect("up again");
        let rows = certification::Entity::find().all(db).await.expect("read");
        let due = |no: &str| {
            rows.iter()
                .find(|c| c.certificate_no == no)
                .and_then(|c| c.next_inspection_on)
        };
        assert_eq!(
            due("XJ-2023-440305-0001"),
            chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
        );
        assert_eq!(
            due("XJ-2023-440305-0002"),
            None,
            "a revoked title is not inspected"
        );
        t.cleanup().await;
    }
}

/// Servers on one database file public objections one at a time: while one transaction holds
/// the filing lock, another (on its own connection, as another server's would be) waits for
/// it to end before it counts the client's filings.
#[tokio::test]
async fn the_filing_lock_holds_across_connections() {
    use app::backend::service::objection_intake::lock_filings;
    use sea_orm::TransactionTrait;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let first = t.db.begin().await.expect("begin");
        lock_filings(&first).await.expect("lock");
        let released = Arc::new(AtomicBool::new(false));
        let (db, seen) = (t.db.clone(), released.clone());
        let second = tokio::spawn(async move {
            let txn = db.begin().await.expect("begin");
            lock_filings(&txn).await.expect("lock");
            let after_release = seen.load(Ordering::SeqCst);
            txn.commit().await.expect("commit");
            after_release
        });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        released.store(true, Ordering::SeqCst);
        first.commit().await.expect("commit");
        assert!(
            second.await.expect("join"),
            "{:?}: the second took the lock while the first held it",
            t.kind
        );
        t.cleanup().await;
    }
}
