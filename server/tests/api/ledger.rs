//! The ledger over REST: scope, versions, field errors, and the Excel export masked for readers
//! and audited.

use super::{TestApp, apps, get, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_ledger_over_rest_with_scope_versions_and_field_errors() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let anon = app.client();
        let r = anon
            .get(app.url("/api/v1/households"))
            .send()
            .await
            .expect("anon");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

        let coordinator = app.login("ns_coordinator").await;
        // Field errors, localised, nothing written.
        let r = coordinator
            .post(app.url("/api/v1/households"))
            .json(&json!({"community_code": "440305001", "address": ""}))
            .send()
            .await
            .expect("bad");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["code"], "invalid");
        assert!(body["error"]["fields"]["community_code"].is_string());
        assert!(body["error"]["fields"]["address"].is_string());
        // Malformed JSON is a 400.
        let r = coordinator
            .post(app.url("/api/v1/households"))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .expect("malformed");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);

        let r = coordinator
            .post(app.url("/api/v1/households"))
            .json(&json!({"community_code": "440305001001", "address": "南头城北街8号", "urban_hukou": true}))
            .send()
            .await
            .expect("create");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let id = body["household"]["id"].as_i64().expect("id");
        let r = coordinator
            .post(app.url(&format!("/api/v1/households/{id}/members")))
            .json(&json!({
                "id_number": "11010519491231002X", "name": "王芳", "phone": "13800138000",
                "ability": "full", "wants_work": true, "status": "unemployed",
                "needs": ["job_referral", "training"]
            }))
            .send()
            .await
            .expect("member");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let member = &body["members"][0];
        assert_eq!(member["id_number"], "110105***********X");
        assert_eq!(member["phone"], "138****8000");
        // Masked, the record carries the age but not the birth date the mask hides.
        assert!(member["birth_date"].is_null(), "{member}");
        assert!(member["age"].is_i64(), "{member}");
        let person = member["id"].as_i64().expect("person id");
        // The same number again: 409 with its own message.
        let r = coordinator
            .post(app.url(&format!("/api/v1/households/{id}/members")))
            .json(&json!({"id_number": "11010519491231002x", "name": "王芳", "ability": "full", "status": "unemployed"}))
            .send()
            .await
            .expect("again");
        let (s, body) = json_of(r).await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("台账")
        );

        // A stale version is refused.
        let update = |version: i64| json!({"community_code": "440305001001", "address": "南头城北街8号之一", "version": version});
        let r = coordinator
            .put(app.url(&format!("/api/v1/households/{id}")))
            .json(&update(1))
            .send()
            .await
            .expect("update");
        assert_eq!(r.status(), StatusCode::OK);
        let r = coordinator
            .put(app.url(&format!("/api/v1/households/{id}")))
            .json(&update(1))
            .send()
            .await
            .expect("stale");
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let (s, v1) = get(
            &coordinator,
            app.url(&format!("/api/v1/households/{id}/versions/1")),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            v1["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .any(|f| f["value"] == "南头城北街8号")
        );

        // Scope: another district's officer, a city reader, an HR manager.
        let beijing = app.login("bj_province").await;
        let (s, _) = get(&beijing, app.url(&format!("/api/v1/households/{id}"))).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = get(&beijing, app.url(&format!("/api/v1/people/{person}"))).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = get(&beijing, app.url("/api/v1/households?area=440305")).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let city = app.login("sz_city").await;
        let (s, list) = get(&city, app.url("/api/v1/households?area=440305001001")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list["total"], 1);
        let (s, _) = get(&city, app.url(&format!("/api/v1/people/{person}"))).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "readers never unmask");
        let hr = app.login("sz_hr").await;
        let (s, _) = get(&hr, app.url("/api/v1/households")).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        // The coordinator unmasks, and the read is audited without the values.
        let (s, full) = get(&coordinator, app.url(&format!("/api/v1/people/{person}"))).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(full["id_number"], "11010519491231002X");
        let (s, _) = get(&coordinator, app.url("/api/v1/households/abc")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        // The public card check: malformed 422, unknown 404, no sign-in needed.
        let (s, body) = get(&anon, app.url("/api/v1/public/cards/not-a-card")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["error"]["fields"]["number"].is_string());
        let (s, _) = get(&anon, app.url("/api/v1/public/cards/JY440305-2026-999999")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        app.db.cleanup().await;
    }
}

/// Surveys a household in 南头城社区 with one member; returns the household record.
pub(super) async fn survey(
    app: &TestApp,
    c: &reqwest::Client,
    address: &str,
    member: Value,
) -> Value {
    let r = c
        .post(app.url("/api/v1/households"))
        .json(&json!({"community_code": "440305001001", "address": address, "urban_hukou": true}))
        .send()
        .await
        .expect("household");
    let (s, h) = json_of(r).await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    let id = h["household"]["id"].as_i64().expect("id");
    let r = c
        .post(app.url(&format!("/api/v1/households/{id}/members")))
        .json(&member)
        .send()
        .await
        .expect("member");
    let (s, h) = json_of(r).await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    h
}

/// The text of the shared strings of an xlsx workbook.
pub(super) fn xlsx_strings(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut file = archive
        .by_name("xl/sharedStrings.xml")
        .expect("shared strings");
    let mut out = String::new();
    file.read_to_string(&mut out).expect("read");
    out
}

#[tokio::test]
async fn the_ledger_export_masks_for_readers_and_is_audited() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let coordinator = app.login("ns_coordinator").await;
        let member = json!({"id_number": "11010519491231002X", "name": "王芳", "phone": "13800138000",
            "ability": "full", "wants_work": true, "status": "unemployed"});
        survey(&app, &coordinator, "南头城北街10号", member).await;
        let download = |c: &reqwest::Client, query: &str| {
            c.get(app.url(&format!("/api/v1/households/export{query}")))
                .send()
        };
        // The coordinator works this ledger: full numbers.
        let r = download(&coordinator, "").await.expect("export");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap_or("")
                .contains("spreadsheetml")
        );
        let text = xlsx_strings(&r.bytes().await.expect("bytes"));
        assert!(
            text.contains("王芳")
                && text.contains("11010519491231002X")
                && text.contains("13800138000")
        );
        // The city reads it masked.
        let city = app.login("sz_city").await;
        let text = xlsx_strings(
            &download(&city, "?area=440305")
                .await
                .expect("x")
                .bytes()
                .await
                .expect("b"),
        );
        assert!(
            text.contains("王芳")
                && text.contains("110105***********X")
                && !text.contains("11010519491231002X")
        );
        // The masked export gives the age, never the birth date.
        assert!(text.contains("年龄") && !text.contains("出生日期"));
        assert!(!text.contains("1949-12-31"));
        assert!(text.contains("138****8000"));
        // Outsiders and HR are refused; both exports are in the audit log, without the values.
        let beijing = app.login("bj_province").await;
        assert_eq!(
            download(&beijing, "?area=440305")
                .await
                .expect("b")
                .status(),
            StatusCode::FORBIDDEN
        );
        let hr = app.login("sz_hr").await;
        assert_eq!(
            download(&hr, "").await.expect("h").status(),
            StatusCode::FORBIDDEN
        );
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let audits = app::backend::entity::audit_log::Entity::find()
            .filter(app::backend::entity::audit_log::Column::Action.eq("export"))
            .all(&app.db.db)
            .await
            .expect("audit");
        assert_eq!(audits.len(), 2);
        assert!(
            audits
                .iter()
                .any(|a| a.detail.as_deref().unwrap_or("").contains("masked=false"))
        );
        assert!(
            audits
                .iter()
                .all(|a| !a.detail.as_deref().unwrap_or("").contains("110105"))
        );
        app.db.cleanup().await;
    }
}

#[tokio::test]
async fn zero_employment_by_community_keeps_to_the_callers_area() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        app::backend::seed::ledger::seed(&app.db.db)
            .await
            .expect("demo ledgers");
        let url = app.url("/api/v1/zero-cases/communities");
        let r = app.client().get(&url).send().await.expect("anonymous");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        // The HR manager does not read the ledgers.
        let (status, body) = get(&app.login("sz_hr").await, url.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        // The street sees its own communities, each count consistent with itself.
        let (status, body) = get(&app.login("ns_street").await, url.clone()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let rows = body["communities"].as_array().expect("communities");
        assert!(!rows.is_empty(), "{body}");
        for row in rows {
            let code = row["community_code"].as_str().expect("code");
            assert!(code.starts_with("440305001"), "{code}");
            let open = row["open_now"].as_u64().expect("open");
            assert!(row["overdue_now"].as_u64().expect("overdue") <= open);
            let history = row["history"].as_array().expect("history");
            assert_eq!(
                history.last().and_then(|h| h["open"].as_u64()),
                Some(open),
                "the last month end is today: {row}"
            );
        }
        // Another province's officer sees none of them.
        let (status, body) = get(&app.login("bj_province").await, url).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["communities"].as_array().map(Vec::len), Some(0));
        app.db.cleanup().await;
    }
}

/// A refused member form comes back with everything typed, its ID number and phone too, read
/// once; the session table never holds them (they wait in the server's memory).
#[tokio::test]
async fn a_refused_form_keeps_its_numbers_out_of_the_session_table() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let coordinator = app.login("ns_coordinator").await;
        let r = coordinator
            .post(app.url("/api/v1/households"))
            .json(&json!({"community_code": "440305001001", "address": "南头街道深南大道9号"}))
            .send()
            .await
            .expect("household");
        let (s, created) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{created}");
        let id = created["household"]["id"].as_i64().expect("id");
        let good = app::backend::testing::id_number("440305", "19750310", "131");
        let bad = format!(
            "{}{}",
            &good[..17],
            if good.ends_with('0') { '1' } else { '0' }
        );
        let phone = "13912345678";
        let form = [
            ("household_id", id.to_string()),
            ("input[id_number]", bad.clone()),
            ("input[name]", "李强".into()),
            ("input[phone]", phone.into()),
            ("input[ability]", "full".into()),
            ("input[status]", "registered_unemployed".into()),
        ];
        let r = coordinator
            .post(app.url("/api/ledger/member/add"))
            .header("accept", "text/html")
            .form(&form)
            .send()
            .await
            .expect("refused form");
        assert!(r.status().is_redirection(), "{}", r.status());
        let dump = String::from_utf8_lossy(&app.db.dump().await.expect("dump")).into_owned();
        assert!(
            dump.contains("李强"),
            "the refused form is in the session table"
        );
        assert!(!dump.contains(&bad), "the ID number is in the database");
        assert!(!dump.contains(phone), "the phone is in the database");
        let page = coordinator
            .get(app.url(&format!("/ledger/{id}")))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(
            page.contains(&format!("value=\"{bad}\"")),
            "ID number refilled"
        );
        assert!(
            page.contains(&format!("value=\"{phone}\"")),
            "phone refilled"
        );
        assert!(page.contains("value=\"李强\""), "name refilled");
        // Read once.
        let again = coordinator
            .get(app.url(&format!("/ledger/{id}")))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(!again.contains(&bad) && !again.contains("value=\"李强\""));
        app.db.cleanup().await;
    }
}
