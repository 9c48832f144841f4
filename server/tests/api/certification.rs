//! Certification over REST, from opening a round to revoking a title.

use super::ledger::xlsx_strings;
use super::{apps, get, json_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Moves a certification file's notice window into the past, as if its days had run.
async fn notice_has_run(db: &sea_orm::DatabaseConnection, id: i64) {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let a = app::backend::entity::cert_application::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .expect("file");
    let t = app::backend::clock::today();
    let mut row = a.into_active_model();
    row.notice_from = Set(Some(t - chrono::Days::new(9)));
    row.notice_until = Set(Some(t - chrono::Days::new(1)));
    row.update(db).await.expect("move notice");
}

#[tokio::test]
async fn certification_over_rest_from_round_to_revocation() {
    let _clock = app::backend::testing::suite_clock();
    use sea_orm::ActiveModelTrait;
    for app in apps().await {
        let db = &app.db.db;
        app::backend::service::certification::standards::seed_defaults(db)
            .await
            .expect("standards");
        app::backend::entity::platform::ActiveModel {
            area_code: sea_orm::Set("440305001001".into()),
            institution: sea_orm::Set(true),
            staff: sea_orm::Set(true),
            full_time_staff: sea_orm::Set(2),
            funding: sea_orm::Set(true),
            venue: sea_orm::Set(true),
            rules: sea_orm::Set(true),
            work: sea_orm::Set(true),
            updated_by: sea_orm::Set("fixture".into()),
            updated_at: sea_orm::Set(app::backend::clock::now()),
            version: sea_orm::Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("platform");
        let today = app::backend::clock::today();
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        let round = json!({
            "tier": "provincial_star", "area_code": "440000000000", "title": "广东省星级社区评定",
            "opens_on": day(today - chrono::Days::new(1)), "closes_on": day(today + chrono::Days::new(20)),
            "quotas": {"440300000000": 2}
        });
        let bj = app.login("bj_province").await;
        let r = bj
            .post(app.url("/api/v1/certification/rounds"))
            .json(&round)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let gd = app.login("gd_province").await;
        let (s, round) = json_of(
            gd.post(app.url("/api/v1/certification/rounds"))
                .json(&round)
                .send()
                .await
                .expect("post"),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{round}");
        let round_id = round["id"].as_i64().expect("id");

        // The coordinator applies; the indicators come back with the file.
        let coordinator = app.login("ns_coordinator").await;
        let body = json!({"round_id": round_id, "community_code": "440305001001",
            "narrative": "社区就业服务站六到位，台账动态管理，零就业家庭及时清零。"});
        let (s, file) = json_of(
            coordinator
                .post(app.url("/api/v1/certification/applications"))
                .json(&body)
                .send()
                .await
                .expect("apply"),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{file}");
        assert_eq!(file["item"]["step"], "street");
        assert_eq!(file["self_assessment"]["evaluation"]["pass"], true);
        let id = file["item"]["id"].as_i64().expect("id");

        // An attachment: its type is checked, its bytes come back, another province cannot read it.
        let png = b"\x89PNG\r\n\x1a\nnot really an image".to_vec();
        let r = coordinator
            .post(app.url(&format!(
                "/api/v1/certification/applications/{id}/attachments?name=站点照片.png"
            )))
            .header("content-type", "application/octet-stream")
            .body(png.clone())
            .send()
            .await
            .expect("attach");
        let (s, meta) = json_of(r).await;
        assert_eq!(s, StatusCode::CREATED, "{meta}");
        // The type is read from the bytes: a program or a page declared as a PDF is refused.
        for (declared, bytes) in [
            ("application/x-msdownload", b"MZ\x90\x00".to_vec()),
            (
                "application/pdf",
                b"<html><script>alert(1)</script>".to_vec(),
            ),
        ] {
            let r = coordinator
                .post(app.url(&format!(
                    "/api/v1/certification/applications/{id}/attachments?name=a.pdf"
                )))
                .header("content-type", declared)
                .body(bytes)
                .send()
                .await
                .expect("attach");
            let (s, body) = json_of(r).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{declared}");
            assert!(body["error"]["fields"]["file"].is_string(), "{body}");
        }
        // A PNG declared as something else is stored as what it is.
        assert_eq!(meta["content_type"], "image/png");
        // A role that may not attach is refused before its body is read.
        let hr = app.login("sz_hr").await;
        let r = hr
            .post(app.url(&format!(
                "/api/v1/certification/applications/{id}/attachments?name=b.png"
            )))
            .body(png.clone())
            .send()
            .await
            .expect("attach");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let url = app.url(&format!(
            "/api/v1/certification/applications/{id}/attachments/{}",
            meta["id"]
        ));
        let r = coordinator.get(&url).send().await.expect("download");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.bytes().await.expect("bytes").to_vec(), png);
        assert_eq!(
            bj.get(&url).send().await.expect("get").status(),
            StatusCode::FORBIDDEN
        );
        let (s, _) = get(
            &bj,
            app.url(&format!("/api/v1/certification/applications/{id}")),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // Street, county, city; the city's scores and site visit.
        let decide = |c: &reqwest::Client, version: i64, extra: Value| {
            let mut body = json!({"action": "approve", "version": version});
            if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
                b.extend(e.clone());
            }
            c.post(app.url(&format!(
                "/api/v1/certification/applications/{id}/decisions"
            )))
            .json(&body)
            .send()
        };
        let county = app.login("ns_county").await;
        let r = decide(&county, 1, json!({})).await.expect("early");
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "the county cannot act before the street"
        );
        let street = app.login("ns_street").await;
        let (s, file) = json_of(decide(&street, 1, json!({})).await.expect("street")).await;
        assert_eq!(s, StatusCode::OK, "{file}");
        let (_, file) = json_of(
            decide(
                &county,
                file["item"]["version"].as_i64().expect("v"),
                json!({}),
            )
            .await
            .expect("county"),
        )
        .await;
        let city = app.login("sz_city").await;
        let scores = json!([
            {"code": "service_quality", "score": 30, "evidence": "服务台账"},
            {"code": "innovation", "score": 20, "evidence": "线上登记"},
            {"code": "example", "score": 15, "evidence": "经验材料"}
        ]);
        let version = file["item"]["version"].as_i64().expect("v");
        let (s, err) = json_of(
            decide(&city, version, json!({"qualitative": scores}))
                .await
                .expect("city"),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(err["error"]["fields"]["site_visit"].is_string(), "{err}");
        let (s, file) = json_of(decide(&city, version, json!({"qualitative": scores, "site_visit": "实地核查：窗口2个，专职3人，台账齐全。"})).await.expect("city")).await;
        assert_eq!(s, StatusCode::OK, "{file}");
        assert_eq!(file["item"]["step"], "notice");

        // 公示: public, objections throttled, investigated by the city.
        let public = app.client();
        let (s, notices) = get(&public, app.url("/api/v1/public/notices")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(notices[0]["application_id"], id);
        let object = |text: &str, contact: &str| {
            public
                .post(app.url(&format!("/api/v1/public/notices/{id}/objections")))
                .header("cookie", "lang=zh-CN")
                .json(&json!({"contact": contact, "text": text}))
                .send()
        };
        let (s, err) = json_of(
            object("联系方式填写错误的异议", "tomorrow")
                .await
                .expect("post"),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            err["error"]["fields"]["contact"]
                .as_str()
                .is_some_and(|m| m.contains("电话")),
            "{err}"
        );
        for n in 0..3 {
            let r = object(&format!("第{n}条：该社区就业数据与实际不符"), "13800138000")
                .await
                .expect("post");
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let r = object("第四条：短时间内再次提出", "13800138000")
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let (s, pending) = get(&city, app.url("/api/v1/certification/objections")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(pending.as_array().map(Vec::len), Some(3));
        for o in pending.as_array().expect("list") {
            let r = city
                .post(app.url(&format!("/api/v1/certification/objections/{}/investigation", o["id"])))
                .json(&json!({"outcome": "unfounded", "investigation": "核对台账，数据一致", "version": o["version"]}))
                .send()
                .await
                .expect("investigate");
            assert_eq!(r.status(), StatusCode::OK);
        }
        // The pipeline and the round's workbook.
        let (_, pipeline) = get(
            &gd,
            app.url(&format!("/api/v1/certification/rounds/{round_id}/pipeline")),
        )
        .await;
        let notice = pipeline
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["stage"] == "notice")
            .cloned()
            .expect("notice row");
        assert_eq!(notice["files"], 1);
        let r = gd
            .get(app.url(&format!("/api/v1/certification/rounds/{round_id}/export")))
            .send()
            .await
            .expect("export");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(xlsx_strings(&r.bytes().await.expect("bytes")).contains("南头城社区"));

        // After the notice the province certifies; the certificate is public and printable.
        let r = decide(&gd, file["item"]["version"].as_i64().expect("v"), json!({}))
            .await
            .expect("early");
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "not while the notice runs"
        );
        notice_has_run(db, id).await;
        let (s, file) = json_of(
            decide(&gd, file["item"]["version"].as_i64().expect("v"), json!({}))
                .await
                .expect("certify"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{file}");
        let number = file["item"]["certificate_no"]
            .as_str()
            .expect("number")
            .to_string();
        let (s, cert) = get(
            &public,
            app.url(&format!("/api/v1/public/certificates/{number}")),
        )
        .await;
        assert_eq!(
            (s, cert["status"].as_str()),
            (StatusCode::OK, Some("valid"))
        );
        let r = public
            .get(app.url(&format!("/api/v1/public/certificates/{number}/pdf")))
            .send()
            .await
            .expect("pdf");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.bytes().await.expect("bytes").starts_with(b"%PDF-"));

        // A failed re-inspection revokes it publicly at once.
        let r = city
            .post(app.url(&format!(
                "/api/v1/certification/certificates/{number}/inspections"
            )))
            .json(&json!({"result": "fail", "findings": "复查：服务窗口撤并", "version": 1}))
            .send()
            .await
            .expect("inspect");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = gd
            .post(app.url(&format!(
                "/api/v1/certification/certificates/{number}/inspections"
            )))
            .json(&json!({"result": "fail", "findings": "复查：服务窗口撤并", "version": 1}))
            .send()
            .await
            .expect("inspect");
        assert_eq!(r.status(), StatusCode::CREATED);
        let (_, cert) = get(
            &public,
            app.url(&format!("/api/v1/public/certificates/{number}")),
        )
        .await;
        assert_eq!(cert["status"], "revoked");
        assert_eq!(cert["revoke_reason"], "复查：服务窗口撤并");
        app.db.cleanup().await;
    }
}

/// The community file reads the community once and judges thirteen days from it: each month
/// end's point equals the indicators of that day asked for on their own, today's report equals
/// today's indicators, and the file keeps the ledger's scope.
#[tokio::test]
async fn a_communitys_file_judges_each_month_end_as_that_days_indicators() {
    let _clock = app::backend::testing::suite_clock();
    for app in apps().await {
        let db = &app.db.db;
        app::backend::service::certification::standards::seed_defaults(db)
            .await
            .expect("standards");
        app::backend::seed::ledger::seed(db).await.expect("ledger");
        app::backend::seed::bulk_ledger::seed(db, "440305001007", 120, true, |_| {})
            .await
            .expect("bulk ledger");
        let code = "440305001007";
        // One person of working age first saved (a version) half a year ago: the month ends
        // before that day do not count them, those after read them from that version.
        {
            use app::backend::entity::{person, record_version};
            use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
            let someone = person::Entity::find()
                .filter(person::Column::CommunityCode.eq(code))
                .filter(
                    person::Column::BirthDate
                        .gt(chrono::NaiveDate::from_ymd_opt(1980, 1, 1).expect("day")),
                )
                .filter(
                    person::Column::BirthDate
                        .lt(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("day")),
                )
                .one(db)
                .await
                .expect("read")
                .expect("a person of working age");
            record_version::ActiveModel {
                entity: Set("person".into()),
                entity_id: Set(someone.id),
                version: Set(1),
                changed_at: Set(app::backend::clock::now() - chrono::Days::new(180)),
                changed_by: Set("fixture".into()),
                changes: Set("[]".into()),
                snapshot: Set(
                    json!({"status": "unemployed", "ability": "full", "wants_work": true})
                        .to_string(),
                ),
                ..Default::default()
            }
            .insert(db)
            .await
            .expect("version");
        }
        let street = app.login("ns_street").await;
        let (status, file) = get(
            &street,
            app.url(&format!("/api/v1/certification/communities/{code}/file")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{file}");
        let (status, today) = get(
            &street,
            app.url(&format!("/api/v1/certification/indicators/{code}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{today}");
        assert_eq!(file["today"], today);
        assert!(today["facts"]["able_willing"]["whole"].as_u64() > Some(50));
        let points = file["points"].as_array().expect("points");
        assert_eq!(points.len(), 12);
        let mut wholes = std::collections::HashSet::new();
        for p in points {
            let on = p["on"].as_str().expect("day");
            let (status, r) = get(
                &street,
                app.url(&format!("/api/v1/certification/indicators/{code}?on={on}")),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{on}: {r}");
            let part = r["facts"]["able_willing"]["part"].as_u64().expect("part");
            let whole = r["facts"]["able_willing"]["whole"].as_u64().expect("whole");
            wholes.insert(whole);
            assert_eq!(p["able_willing"].as_u64(), Some(whole), "{on}");
            let rate = (part * 1000).checked_div(whole).unwrap_or(1000);
            assert_eq!(p["rate_able_willing"].as_u64(), Some(rate), "{on}");
            if r["evaluation"]["standard_version"] == today["evaluation"]["standard_version"] {
                assert_eq!(p["pass"], r["evaluation"]["pass"], "{on}");
                assert_eq!(p["vetoed"], r["evaluation"]["vetoed"], "{on}");
                let failed: Vec<&Value> = r["evaluation"]["results"]
                    .as_array()
                    .expect("results")
                    .iter()
                    .filter(|x| x["pass"] == false)
                    .map(|x| &x["indicator"])
                    .collect();
                let listed: Vec<&Value> = p["failed"].as_array().expect("failed").iter().collect();
                assert_eq!(listed, failed, "{on}");
            }
        }
        // The person first saved half a year ago counts from then on: the month ends differ.
        assert_eq!(wholes.len(), 2, "{wholes:?}");
        // The ledger's scope: another street's community, a malformed code, a street's code.
        let (status, _) = get(
            &street,
            app.url("/api/v1/certification/communities/110101001001/file"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        for bad in ["4403x5001007", "440305001000"] {
            let (status, body) = get(
                &street,
                app.url(&format!("/api/v1/certification/communities/{bad}/file")),
            )
            .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        }
        app.db.cleanup().await;
    }
}
