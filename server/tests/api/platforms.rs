//! Platforms and coordinators over REST, inside each account's scope.

use super::{apps, get, json_of};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn platforms_and_coordinators_over_rest_with_scope() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let db = &app.db.db;
        let (platforms, coordinators) = app::backend::seed::platforms::seed(db)
            .await
            .expect("demo platforms");
        assert!(
            platforms > 100 && coordinators >= 7,
            "{platforms} {coordinators}"
        );
        let street = app.login("ns_street").await;
        // A platform: read, saved with its version, a stale save refused with 409.
        let (status, p) = get(&street, app.url("/api/v1/platforms/440305001014")).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        let version = p["version"].as_i64().expect("version");
        let mut record = p["record"].clone();
        record["windows"] = json!(3);
        let saved = street
            .put(app.url("/api/v1/platforms/440305001014"))
            .json(&json!({"record": record, "version": version}))
            .send()
            .await
            .expect("put");
        let (status, body) = json_of(saved).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["record"]["windows"], 3);
        let stale = street
            .put(app.url("/api/v1/platforms/440305001014"))
            .json(&json!({"record": record, "version": version}))
            .send()
            .await
            .expect("put");
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let (status, history) =
            get(&street, app.url("/api/v1/platforms/440305001014/history")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(history[0]["changes"], json!(["windows"]));
        // Another street's platform is out of scope.
        let (status, _) = get(&street, app.url("/api/v1/platforms/440305002003")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Coverage: the street's units add up; the province is out of the street's scope.
        let (status, c) = get(
            &street,
            app.url("/api/v1/platforms/coverage?area=440305001000"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{c}");
        assert_eq!(c["total"]["streets"]["whole"], 1);
        assert_eq!(c["total"]["communities"]["whole"], 12);
        let (status, _) = get(
            &street,
            app.url("/api/v1/platforms/coverage?area=440000000000"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Bad input: a malformed code is a field error, an unknown one 404, none (for an
        // account with a home area) outside the national view.
        let (status, body) = get(&street, app.url("/api/v1/platforms/coverage?area=44030x")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["area"].is_string(), "{body}");
        let (status, body) = get(
            &street,
            app.url("/api/v1/platforms/coverage?area=440305001999"),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, _) = get(&street, app.url("/api/v1/platforms/coverage")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let export = street
            .get(app.url("/api/v1/platforms/coverage/export?area=440305001000"))
            .send()
            .await
            .expect("export");
        assert_eq!(export.status(), StatusCode::OK);
        assert!(
            export.headers()["content-type"]
                .to_str()
                .unwrap_or("")
                .contains("spreadsheetml")
        );
        // The workbook holds the report's own rows: each unit's name and its figures.
        let strings = super::ledger::xlsx_strings(&export.bytes().await.expect("bytes"));
        let rows = c["rows"].as_array().expect("rows");
        assert!(!rows.is_empty());
        for row in rows {
            let name = row["area"]["name"].as_str().expect("name");
            assert!(strings.contains(name), "{name} not in the workbook");
        }

        // Coordinators: Shenzhen's HR manager lists Shenzhen only, numbers masked.
        let hr = app.login("sz_hr").await;
        let (status, list) = get(&hr, app.url("/api/v1/coordinators?per_page=100")).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let names: Vec<&str> = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["name"].as_str())
            .collect();
        assert!(
            names.contains(&"陈晓梅") && !names.contains(&"孙京"),
            "{names:?}"
        );
        assert!(
            list["items"][0]["id_number"]
                .as_str()
                .unwrap_or("")
                .contains('*')
        );
        let (status, _) = get(&hr, app.url("/api/v1/coordinators?area=110000000000")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The coordinator's own view.
        let own = app.login("mjl_coordinator").await;
        let (status, me) = get(&own, app.url("/api/v1/coordinators/me")).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["name"], "陈晓梅");
        assert_eq!(me["grade"], "second");
        let (status, _) = get(&own, app.url("/api/v1/coordinators")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // A bad field is a localised 422.
        let bad = hr
            .post(app.url("/api/v1/coordinators"))
            .header("accept-language", "en")
            .json(&json!({"name": "某", "id_number": "440305199001010021", "area_code": "440305001001", "employment": "full_time", "hired_on": "2020-01-01"}))
            .send()
            .await
            .expect("post");
        let (status, body) = json_of(bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains("id_number"), "{body}");
        // A workbook that is no workbook: 422 naming the file.
        let junk = hr
            .post(app.url("/api/v1/coordinators/ratings/import"))
            .body("not a workbook")
            .send()
            .await
            .expect("import");
        let (status, body) = json_of(junk).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains("file"), "{body}");
        // A promotion round for Shenzhen finds its candidates; Beijing's officer cannot see it.
        let opened = hr
            .post(app.url("/api/v1/promotion-rounds"))
            .json(&json!({"area_code": "440305000000", "title": "南山区晋升"}))
            .send()
            .await
            .expect("open");
        let (status, round) = json_of(opened).await;
        assert_eq!(status, StatusCode::CREATED, "{round}");
        let found: Vec<&str> = round["candidates"]
            .as_array()
            .expect("c")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(found, ["陈晓梅", "王磊"]);
        let bj = app.login("bj_province").await;
        let (status, _) = get(
            &bj,
            app.url(&format!("/api/v1/promotion-rounds/{}", round["id"])),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, doc) = get(&hr, app.url("/api/v1/openapi.json")).await;
        assert_eq!(status, StatusCode::OK);
        for path in [
            "/api/v1/platforms/coverage",
            "/api/v1/coordinators/{id}",
            "/api/v1/promotion-rounds/{id}/close",
            "/api/v1/coordinators/ratings/import",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn a_leaving_and_a_policys_history_over_rest() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let hr = app.login("sz_hr").await;
        let number = app::backend::testing::id_number("440305", "19920303", "041");
        let created = hr
            .post(app.url("/api/v1/coordinators"))
            .json(&json!({
                "name": "郑协理", "id_number": number, "area_code": "440305001001",
                "employment": "full_time", "hired_on": "2021-05-01"
            }))
            .send()
            .await
            .expect("post");
        let (status, c) = json_of(created).await;
        assert_eq!(status, StatusCode::CREATED, "{c}");
        let leave = app.url(&format!("/api/v1/coordinators/{}/leave", c["id"]));
        // No reason: a localised 422 naming the field; nothing written.
        let refused = hr
            .post(leave.clone())
            .json(&json!({"left_on": "2021-12-31", "version": c["version"]}))
            .send()
            .await
            .expect("post");
        let (status, body) = json_of(refused).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["left_reason"].is_string(), "{body}");
        let left = hr
            .post(leave.clone())
            .json(&json!({"left_on": "2021-12-31", "left_reason": "调往他处", "version": c["version"]}))
            .send()
            .await
            .expect("post");
        let (status, body) = json_of(left).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["left_on"], "2021-12-31");
        assert_eq!(body["history"][0]["changes"][0]["field"], "left_on");
        // Twice: 409.
        let again = hr
            .post(leave)
            .json(&json!({"left_on": "2021-12-31", "left_reason": "调往他处", "version": body["version"]}))
            .send()
            .await
            .expect("post");
        assert_eq!(again.status(), StatusCode::CONFLICT);

        // A policy's history, and an unknown kind refused.
        let (status, h) = get(&hr, app.url("/api/v1/policies/history?kind=platform")).await;
        assert_eq!(status, StatusCode::OK, "{h}");
        assert_eq!(h["area"], "440000000000");
        let (status, body) = get(&hr, app.url("/api/v1/policies/history?kind=pension")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        app.db.cleanup().await;
    }
}
