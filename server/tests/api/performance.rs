//! 绩效管理 over REST: scorecards of an area and of a coordinator, with the reader's scope and
//! the refusals.

use super::*;

#[tokio::test]
async fn scorecards_answer_in_scope_and_refuse_bad_periods() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let street = app.login("ns_street").await;
        let (status, card) = get(
            &street,
            app.url("/api/v1/performance/scorecard?period=2026-08"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{card}");
        assert_eq!(card["area_code"], "440305001000");
        assert_eq!(card["as_of"], "2026-08-31");
        assert_eq!(card["system_version"], "default-2026");
        let lines = card["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0]["indicator"]["measure"], "registrations_on_time");
        // Nothing was due in an empty ledger: no rate, full points.
        assert_eq!(lines[0]["whole"], 0);
        assert!(lines[0]["value"].is_null());
        assert_eq!(lines[0]["points"], 2000);

        // The current month by default: as of the suite's day.
        let (status, card) = get(&street, app.url("/api/v1/performance/scorecard")).await;
        assert_eq!(status, StatusCode::OK, "{card}");
        assert_eq!(card["period"], "2026-09");
        assert_eq!(card["as_of"], "2026-09-24");
        assert_eq!(card["complete"], false);

        for (q, field) in [
            ("period=2026-13", "period"),
            ("period=2027", "period"),
            ("area=44030x", "area"),
        ] {
            let (status, body) = get(
                &street,
                app.url(&format!("/api/v1/performance/scorecard?{q}")),
            )
            .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {body}");
            assert!(body["error"]["fields"][field].is_string(), "{q}: {body}");
        }
        let (status, _) = get(
            &street,
            app.url("/api/v1/performance/scorecard?area=440304000000"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "福田区 is outside 南头街道");
        let (status, _) = get(&app.client(), app.url("/api/v1/performance/scorecard")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, body) = get(
            &app.login("sz_hr").await,
            app.url("/api/v1/performance/rating-proposals?year=2025"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, json!([]));
        let (status, _) = get(&street, app.url("/api/v1/coordinators/999999/scorecard")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&street, app.url("/api/v1/coordinators/abc/scorecard")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn a_street_runs_adjusts_and_publishes_an_assessment_over_rest() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let street = app.login("ns_street").await;
        let post =
            |c: &reqwest::Client, path: &str, body: Value| c.post(app.url(path)).json(&body).send();
        let (status, body) = json_of(
            post(
                &street,
                "/api/v1/performance/assessments",
                json!({"period": "2026-09"}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["period"].is_string(), "{body}");
        let (status, a) = json_of(
            post(
                &street,
                "/api/v1/performance/assessments",
                json!({"period": "2026-08"}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{a}");
        assert_eq!(a["status"], "draft");
        let units = a["units"].as_array().expect("units");
        assert!(!units.is_empty());
        let entry = units[0]["id"].as_i64().expect("entry id");
        let adjust = format!("/api/v1/performance/assessment-entries/{entry}/adjustment");
        let (status, body) = json_of(
            post(
                &street,
                &adjust,
                json!({"adjustment": "9", "reason": "x", "version": a["version"]}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["adjustment"].is_string(), "{body}");
        let (status, a) = json_of(
            post(
                &street,
                &adjust,
                json!({"adjustment": "-2", "reason": "台账缺页", "version": a["version"]}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{a}");
        let id = a["id"].as_i64().expect("id");
        let (status, p) = json_of(
            post(
                &street,
                &format!("/api/v1/performance/assessments/{id}/publish"),
                json!({"version": a["version"]}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert_eq!(p["status"], "published");
        assert_eq!(p["intact"], true);
        assert_eq!(p["digest"].as_str().map(str::len), Some(64));
        let (status, _) = json_of(
            post(
                &street,
                &adjust,
                json!({"adjustment": "1", "reason": "x", "version": p["version"]}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        // The city above reads it.
        let (status, _) = get(
            &app.login("sz_city").await,
            app.url(&format!("/api/v1/performance/assessments/{id}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, c) = json_of(
            post(
                &street,
                &format!("/api/v1/performance/assessments/{id}/corrections"),
                json!({"reason": "补录后重算"}),
            )
            .await
            .expect("post"),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{c}");
        assert_eq!(c["round"], 2);
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn dashboards_answer_in_scope_with_a_workbook() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let street = app.login("ns_street").await;
        let (status, d) = get(&street, app.url("/api/v1/performance/dashboard")).await;
        assert_eq!(status, StatusCode::OK, "{d}");
        assert_eq!(d["card"]["area_code"], "440305001000");
        assert_eq!(d["card"]["period"], "2026");
        assert_eq!(d["counted_as_of"], "2026-09-24");
        assert_eq!(d["trends"].as_array().map(Vec::len), Some(8));
        assert_eq!(d["trends"][0].as_array().map(Vec::len), Some(12));
        let below = d["areas"].as_array().expect("areas below");
        assert!(
            below.iter().any(|r| r["area_code"] == "440305001007"),
            "马家龙社区 lies below 南头街道: {d}"
        );
        // The demo coordinator of 南头城社区 serves below the street.
        assert!(d["coordinators"].is_array());

        let (status, body) = get(
            &street,
            app.url("/api/v1/performance/dashboard?period=2024-05"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["fields"]["period"]
                .as_str()
                .is_some_and(|m| m.contains("近12个月")),
            "{body}"
        );
        let (status, _) = get(
            &app.login("ns_coordinator").await,
            app.url("/api/v1/performance/dashboard?area=440305001000"),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a coordinator reads the own community"
        );

        let res = street
            .get(app.url("/api/v1/performance/dashboard.xlsx?period=2026-Q3"))
            .send()
            .await
            .expect("xlsx");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        let bytes = res.bytes().await.expect("body");
        assert_eq!(&bytes[..2], b"PK");
        app.db.cleanup().await;
    }
}
