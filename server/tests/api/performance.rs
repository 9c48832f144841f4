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
        let (status, _) = get(&street, app.url("/api/v1/coordinators/999999/scorecard")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&street, app.url("/api/v1/coordinators/abc/scorecard")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        app.db.cleanup().await;
    }
}
