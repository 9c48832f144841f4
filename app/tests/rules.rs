//! What the data proves, applied by the system on real databases: exits of confirmed files
//! (stable employment, refusals), each file judged by the policy version it was filed under;
//! provinces publishing their own versions; outsiders refused on plans and cards.

#![cfg(feature = "ssr")]

use chrono::{Months, NaiveDate};

use app::backend::Actor;
use app::backend::clock::today;
use app::backend::service::{
    assistance::cards, assistance::plans, assistance::targets, calendar, ledger::households,
    ledger::people, policies,
};
use app::backend::testing::{TestDb, actor};
use app::domain::assistance::{ExitReason, TargetStatus};
use app::domain::plan::Service;
use app::domain::policy::AssistancePolicy;
use app::domain::role::Role;
use app::model::AppError;
use app::model::assistance::{DecisionInput, PlanInput, RecordInput, TargetInput};
use app::model::ledger::{HouseholdInput, PersonInput};
use app::model::policy::PolicyInput;

const COMMUNITY: &str = "440305001001";

fn id_number(birth: &str, seq: &str) -> String {
    app::backend::testing::id_number("440305", birth, seq)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn coordinator() -> Actor {
    actor(Role::Coordinator, Some(COMMUNITY))
}

fn unemployed(number: &str, name: &str) -> PersonInput {
    PersonInput {
        id_number: Some(number.into()),
        name: Some(name.into()),
        ability: Some("full".into()),
        wants_work: true,
        status: Some("registered_unemployed".into()),
        unemployment_cert_no: Some("4403052026000888".into()),
        needs: vec!["job_referral".into()],
        ..PersonInput::default()
    }
}

/// A household with one unemployed man of 42; returns (person id, his input).
async fn person(t: &TestDb, seq: &str, name: &str) -> (i64, PersonInput) {
    let h = households::create(
        &t.db,
        &coordinator(),
        &HouseholdInput {
            community_code: Some(COMMUNITY.into()),
            address: Some(format!("南头城西街{seq}号")),
            urban_hukou: true,
            ..HouseholdInput::default()
        },
    )
    .await
    .expect("household");
    let year = chrono::Datelike::year(&today()) - 42;
    let input = unemployed(&id_number(&format!("{year}0303"), seq), name);
    let d = people::add(&t.db, &coordinator(), h.household.id, &input)
        .await
        .expect("person");
    (d.members[0].id, input)
}

fn approve(version: i32) -> DecisionInput {
    DecisionInput {
        action: Some("approve".into()),
        reason: None,
        version: Some(version),
    }
}

/// Registers the person and takes the file through the whole chain; returns the file id.
async fn confirmed(t: &TestDb, person: i64) -> i64 {
    let v = targets::apply(
        &t.db,
        &coordinator(),
        &TargetInput {
            person_id: Some(person),
            ..TargetInput::default()
        },
    )
    .await
    .expect("apply");
    let id = v.target.id;
    app::backend::testing::end_notice(&t.db, id)
        .await
        .expect("notice over");
    let street = actor(Role::StreetOfficer, Some("440305001"));
    let county = actor(Role::CountyOfficer, Some("440305"));
    let mut version = v.target.version;
    for who in [&coordinator(), &street, &county, &coordinator()] {
        version = targets::decide(&t.db, who, id, &approve(version))
            .await
            .expect("approve")
            .target
            .version;
    }
    id
}

#[tokio::test]
async fn refused_referrals_and_stable_employment_end_a_file_by_themselves() {
    let _clock = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        calendar::seed_bundled(&t.db).await.expect("calendar");
        let on = today();
        let policy = AssistancePolicy::default();
        let versions = policies::versions(&t.db).await.expect("versions");

        // 吴刚 refuses three suitable referrals without reason.
        let (wu, _) = person(&t, "031", "吴刚").await;
        let wu_file = confirmed(&t, wu).await;
        let card = cards::for_person(&t.db, &coordinator(), wu, "https://jy.example.cn")
            .await
            .expect("card");
        let plan = plans::make(&t.db, &coordinator(), wu_file, &PlanInput::default())
            .await
            .expect("plan");
        let referral = plan
            .items
            .iter()
            .find(|i| i.service.as_str() == "job_referral")
            .expect("referral planned from the recorded need")
            .id;
        for (n, employer) in ["某物业公司", "某超市", "某物流公司"].iter().enumerate()
        {
            // Two refusals prove nothing yet.
            let left = targets::apply_proven_exits(&t.db, None, on, &versions)
                .await
                .expect("sweep");
            assert_eq!(left, 0, "after {n} refusals");
            plans::record(
                &t.db,
                &coordinator(),
                wu_file,
                &RecordInput {
                    plan_item_id: Some(referral),
                    served_on: Some(ymd(on)),
                    outcome: Some("refused".into()),
                    employer: Some((*employer).into()),
                    ..RecordInput::default()
                },
            )
            .await
            .expect("record");
        }
        assert_eq!(
            targets::apply_proven_exits(&t.db, None, on, &versions)
                .await
                .expect("sweep"),
            1
        );
        let v = targets::get(&t.db, &coordinator(), wu_file)
            .await
            .expect("file");
        assert_eq!(v.target.status, TargetStatus::Exited);
        assert_eq!(v.target.exit_reason, Some(ExitReason::RefusedReferrals));
        let last = v.events.last().expect("event");
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("exit", "system:rules")
        );
        assert!(
            !cards::check(&t.db, &card.number)
                .await
                .expect("check")
                .valid,
            "the card is withdrawn with the exit"
        );

        // 郑伟 finds a job; the file ends once he has kept it for the policy's months.
        let (zheng, input) = person(&t, "053", "郑伟").await;
        let zheng_file = confirmed(&t, zheng).await;
        let started = on;
        people::update(
            &t.db,
            &coordinator(),
            zheng,
            &PersonInput {
                status: Some("employed_formal".into()),
                employed_since: Some(ymd(started)),
                version: Some(1),
                ..input
            },
        )
        .await
        .expect("employed");
        let stable_from = started
            .checked_add_months(Months::new(policy.exit_stable_employment_months))
            .expect("date");
        let day_before = stable_from.pred_opt().expect("date");
        // Not a day early; on the day, stable employment comes before no contact.
        assert_eq!(
            targets::apply_proven_exits(&t.db, None, day_before, &versions)
                .await
                .expect("sweep"),
            0
        );
        // Another community's range does not touch him.
        assert_eq!(
            targets::apply_proven_exits(
                &t.db,
                Some(("440305001003".into(), "440305001003".into())),
                stable_from,
                &versions
            )
            .await
            .expect("sweep"),
            0
        );
        assert_eq!(
            targets::apply_proven_exits(&t.db, None, stable_from, &versions)
                .await
                .expect("sweep"),
            1
        );
        let v = targets::get(&t.db, &coordinator(), zheng_file)
            .await
            .expect("file");
        assert_eq!(v.target.exit_reason, Some(ExitReason::StableEmployment));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_province_publishes_its_own_numbers_and_old_files_keep_theirs() {
    let _clock = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        calendar::seed_bundled(&t.db).await.expect("calendar");
        assert!(policies::seed_defaults(&t.db).await.expect("seed"));
        assert!(!policies::seed_defaults(&t.db).await.expect("once"));
        let on = today();

        // A file filed under the national defaults.
        let (old, _) = person(&t, "071", "冯军").await;
        let old_file = targets::apply(
            &t.db,
            &coordinator(),
            &TargetInput {
                person_id: Some(old),
                ..TargetInput::default()
            },
        )
        .await
        .expect("apply");
        assert_eq!(old_file.target.policy_version, "default-2026");

        // 广东 shortens the street review to 3 working days, and career guidance to 2, from today.
        let gd = actor(Role::ProvinceOfficer, Some("440000000000"));
        let mut numbers = AssistancePolicy {
            street_review_days: 3,
            ..AssistancePolicy::default()
        };
        for s in numbers.services.iter_mut() {
            if s.service == Service::CareerGuidance {
                s.time_limit_days = 2;
            }
        }
        let input = PolicyInput {
            area_code: Some("440000000000".into()),
            effective_from: Some(ymd(on)),
            policy: numbers.clone(),
        };
        // Not by a coordinator, not by another province, not for a city, not with bad numbers.
        assert_eq!(
            policies::publish(&t.db, &coordinator(), &input).await.err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            policies::publish(
                &t.db,
                &actor(Role::ProvinceOfficer, Some("110000000000")),
                &input
            )
            .await
            .err(),
            Some(AppError::OutOfScope)
        );
        assert_eq!(
            policies::publish(
                &t.db,
                &gd,
                &PolicyInput {
                    area_code: None,
                    ..input.clone()
                }
            )
            .await
            .err(),
            Some(AppError::Forbidden),
            "the national defaults are the ministry's"
        );
        assert!(matches!(
            policies::publish(&t.db, &gd, &PolicyInput { area_code: Some("440300000000".into()), ..input.clone() }).await,
            Err(AppError::Invalid(f)) if f.contains_key("area_code")
        ));
        let yesterday = on.pred_opt().expect("date");
        assert!(matches!(
            policies::publish(&t.db, &gd, &PolicyInput {
                effective_from: Some(ymd(yesterday)),
                policy: AssistancePolicy { community_review_days: 0, ..numbers.clone() },
                ..input.clone()
            }).await,
            Err(AppError::Invalid(f)) if f.contains_key("effective_from") && f.contains_key("policy.community_review_days")
        ));
        let published = policies::publish(&t.db, &gd, &input)
            .await
            .expect("publish");
        assert_eq!(published.version, format!("44-{}", ymd(on)));
        assert_eq!(
            policies::publish(&t.db, &gd, &input).await.err(),
            Some(AppError::Conflict("policy.same_day".into()))
        );
        assert_eq!(
            policies::in_force(&t.db, COMMUNITY, on)
                .await
                .expect("policy")
                .street_review_days,
            3
        );
        assert_eq!(
            policies::in_force(&t.db, COMMUNITY, yesterday)
                .await
                .expect("policy")
                .version,
            "default-2026"
        );
        // Beijing keeps the national numbers.
        assert_eq!(
            policies::in_force(&t.db, "110101001001", on)
                .await
                .expect("policy")
                .street_review_days,
            7
        );
        let listed = policies::list(&t.db, COMMUNITY).await.expect("list");
        assert_eq!(listed.len(), 2);
        assert!(listed[0].in_force && listed[0].version == published.version);

        // A new file takes the new version; each file's street deadline follows its own.
        let (new, _) = person(&t, "093", "褚亮").await;
        let new_file = targets::apply(
            &t.db,
            &coordinator(),
            &TargetInput {
                person_id: Some(new),
                ..TargetInput::default()
            },
        )
        .await
        .expect("apply");
        assert_eq!(new_file.target.policy_version, published.version);
        // From Thursday 2026-09-24: 7 working days cross 中秋 and 国庆 and end on 10-12 (the
        // make-up Saturday 10-10 counts); 3 end on 09-30.
        for (file, due) in [(&old_file, "2026-10-12"), (&new_file, "2026-09-30")] {
            app::backend::testing::end_notice(&t.db, file.target.id)
                .await
                .expect("notice over");
            let v = targets::decide(&t.db, &coordinator(), file.target.id, &approve(1))
                .await
                .expect("community review");
            assert_eq!(
                v.target.step_due,
                Some(due.to_string()),
                "{}",
                file.target.policy_version
            );
        }
        // Confirmed, each file's plan is due by its own version's catalogue.
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let county = actor(Role::CountyOfficer, Some("440305"));
        // 5 working days end on 10-09 (after 国庆), 2 on 09-29.
        for (file, days, due) in [(&old_file, 5, "2026-10-09"), (&new_file, 2, "2026-09-29")] {
            let id = file.target.id;
            for (who, version) in [(&street, 2), (&county, 3), (&coordinator(), 4)] {
                targets::decide(&t.db, who, id, &approve(version))
                    .await
                    .expect("approve");
            }
            let plan = plans::make(&t.db, &coordinator(), id, &PlanInput::default())
                .await
                .expect("plan");
            let guidance = plan
                .items
                .iter()
                .find(|i| i.service == Service::CareerGuidance)
                .expect("guidance");
            assert_eq!(guidance.due_on, due);
            let listed = plan
                .catalogue
                .iter()
                .find(|s| s.service == Service::CareerGuidance)
                .map(|s| s.time_limit_days);
            assert_eq!(listed, Some(days));
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn another_communitys_worker_can_neither_plan_record_nor_print() {
    let _clock = app::backend::testing::suite_clock();
    for t in TestDb::all().await.expect("dbs") {
        let t = t.with_areas().await.expect("areas");
        calendar::seed_bundled(&t.db).await.expect("calendar");
        let (p, _) = person(&t, "115", "蒋平").await;
        let file = confirmed(&t, p).await;
        let neighbour = actor(Role::Coordinator, Some("440305001003"));
        let futian = actor(Role::StreetOfficer, Some("440304001"));
        let hr = actor(Role::HrManager, Some("440300000000"));
        for (who, refused) in [
            (&neighbour, AppError::OutOfScope),
            (&futian, AppError::OutOfScope),
            (&hr, AppError::Forbidden),
        ] {
            assert_eq!(
                plans::make(&t.db, who, file, &PlanInput::default())
                    .await
                    .err(),
                Some(refused.clone())
            );
            assert_eq!(
                plans::record(
                    &t.db,
                    who,
                    file,
                    &RecordInput {
                        service: Some("career_guidance".into()),
                        served_on: Some(ymd(today())),
                        outcome: Some("provided".into()),
                        ..RecordInput::default()
                    }
                )
                .await
                .err(),
                Some(refused.clone())
            );
            assert_eq!(
                cards::for_person(&t.db, who, p, "https://jy.example.cn")
                    .await
                    .err(),
                Some(refused.clone())
            );
            assert_eq!(plans::get(&t.db, who, file).await.err(), Some(refused));
        }
        // The own coordinator can do all of it.
        plans::make(&t.db, &coordinator(), file, &PlanInput::default())
            .await
            .expect("plan");
        cards::for_person(&t.db, &coordinator(), p, "https://jy.example.cn")
            .await
            .expect("card");
        t.cleanup().await;
    }
}
