//! Assistance targets through their review chain, and policy versions published by provinces.

use super::ledger::survey;
use super::{apps, get, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn targets_over_rest_follow_the_chain() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let coordinator = app.login("ns_coordinator").await;
        let member = json!({"id_number": "11010519491231002X", "name": "王芳", "ability": "full",
            "wants_work": true, "status": "unemployed", "unemployed_since": "2024-01-01"});
        let h = survey(&app, &coordinator, "南头城北街9号", member).await;
        let person = h["members"][0]["id"].as_i64().expect("person");
        let r = coordinator
            .post(app.url("/api/v1/targets"))
            .json(&json!({"person_id": person, "categories": []}))
            .send()
            .await
            .expect("apply");
        let (s, file) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{file}");
        assert_eq!(file["target"]["step"], "community");
        let target = file["target"]["id"].as_i64().expect("target");
        let (s, queue) = get(&coordinator, app.url("/api/v1/targets/queue")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(queue.as_array().map(Vec::len), Some(1));
        // The county may not act for the community.
        let county = app.login("ns_county").await;
        let decide = |c: &reqwest::Client, body: Value| {
            c.post(app.url(&format!("/api/v1/targets/{target}/decisions")))
                .json(&body)
                .send()
        };
        let r = decide(&county, json!({"action": "approve", "version": 1}))
            .await
            .expect("county");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // During the community's 初审公示 the approval is refused with 409, saying so.
        let r = decide(&coordinator, json!({"action": "approve", "version": 1}))
            .await
            .expect("notice");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CONFLICT, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("公示")),
            "{body}"
        );
        app::backend::testing::end_notice(&app.db.db, target)
            .await
            .expect("notice over");
        let r = decide(&coordinator, json!({"action": "approve", "version": 1}))
            .await
            .expect("ok");
        let (s, file) = json_of(r).await;
        assert_eq!(s, StatusCode::OK, "{file}");
        assert_eq!(file["target"]["step"], "street");
        let street = app.login("ns_street").await;
        let (_, queue) = get(&street, app.url("/api/v1/targets/queue")).await;
        assert_eq!(queue[0]["id"], target);
        let r = decide(&street, json!({"action": "send_back", "version": 2}))
            .await
            .expect("no reason");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["error"]["fields"]["reason"].is_string());

        // On to confirmation: the card, as JSON and as a business-card PDF.
        for (who, version) in [(&street, 2), (&county, 3), (&coordinator, 4)] {
            let r = decide(who, json!({"action": "approve", "version": version}))
                .await
                .expect("approve");
            assert_eq!(r.status(), StatusCode::OK);
        }
        let (s, card) = get(
            &coordinator,
            app.url(&format!("/api/v1/people/{person}/card")),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{card}");
        let r = coordinator
            .get(app.url(&format!("/api/v1/people/{person}/card/pdf")))
            .send()
            .await
            .expect("pdf");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/pdf")
        );
        let pdf = r.bytes().await.expect("bytes");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            String::from_utf8_lossy(&pdf).contains("/MediaBox[0 0 255.118"),
            "90 x 54 mm"
        );
        // Nobody outside the community's chain prints it, plans or records: another province's
        // officer (out of scope), the city's HR manager (no ledger role).
        let outsiders = [app.login("bj_province").await, app.login("sz_hr").await];
        for c in &outsiders {
            for path in [
                format!("/api/v1/people/{person}/card"),
                format!("/api/v1/people/{person}/card/pdf"),
                format!("/api/v1/targets/{target}/plan"),
            ] {
                let r = c.get(app.url(&path)).send().await.expect("get");
                assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
            }
            let r = c
                .post(app.url(&format!("/api/v1/targets/{target}/plan")))
                .json(&json!({"services": ["career_guidance"]}))
                .send()
                .await
                .expect("plan");
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            let r = c
                .post(app.url(&format!("/api/v1/targets/{target}/records")))
                .json(&json!({"service": "career_guidance", "served_on": "2026-01-05", "outcome": "provided"}))
                .send()
                .await
                .expect("record");
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
        }
        let public = card["number"].as_str().expect("number");
        let (s, check) = get(
            &app.client(),
            app.url(&format!("/api/v1/public/cards/{public}")),
        )
        .await;
        assert_eq!((s, &check["valid"]), (StatusCode::OK, &json!(true)));
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn provinces_publish_policy_versions_over_rest() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let gd = app.login("gd_province").await;
        let today = app::backend::clock::today().format("%Y-%m-%d").to_string();
        let mut numbers =
            serde_json::to_value(app::domain::policy::AssistancePolicy::default()).expect("json");
        numbers["street_review_days"] = json!(5);
        let body = json!({"area_code": "440000000000", "effective_from": today, "policy": numbers});
        // Not a coordinator's to publish; not for a day gone by; not with a zero time limit.
        let coordinator = app.login("ns_coordinator").await;
        let r = coordinator
            .post(app.url("/api/v1/policies/assistance"))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let mut bad = body.clone();
        bad["effective_from"] = json!("2020-01-01");
        bad["policy"]["notification_days"] = json!(0);
        let r = gd
            .post(app.url("/api/v1/policies/assistance"))
            .json(&bad)
            .send()
            .await
            .expect("post");
        let (s, err) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            err["error"]["fields"]["effective_from"].is_string(),
            "{err}"
        );
        assert!(
            err["error"]["fields"]["policy.notification_days"].is_string(),
            "{err}"
        );
        // Every number must be given: a partial policy is refused, never filled with defaults.
        let partial = json!({"area_code": "440000000000", "effective_from": today,
            "policy": {"street_review_days": 5}});
        let r = gd
            .post(app.url("/api/v1/policies/assistance"))
            .json(&partial)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = gd
            .post(app.url("/api/v1/policies/assistance"))
            .json(&body)
            .send()
            .await
            .expect("post");
        let (s, v) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["version"], format!("44-{today}"));
        let (s, list) = get(
            &coordinator,
            app.url("/api/v1/policies/assistance?area=440305001001"),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list[0]["policy"]["street_review_days"], 5);
        assert_eq!(list[0]["in_force"], true);
        let (s, _) = get(
            &coordinator,
            app.url("/api/v1/policies/assistance?area=44x"),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        app.db.cleanup().await;
    }
}
