//! The API document against the server it describes. Every documented operation is called by
//! every demo account and anonymously, with path values taken from the demo data and a body
//! built from the document itself. Every answer's status must be one the document gives for
//! the operation, and its body must match the documented schema, which names every property
//! an answer may carry.

use super::TestApp;
use app::backend::seed;
use app::backend::testing::TestDb;
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{Map, Value, json};

const SCHEMAS: &str = "#/components/schemas/";

/// Path values the calls use, by (documented path, parameter): the first matching row of the
/// demo data, so that reads find what they ask for.
const PATH_VALUES: &[(&str, &str, &str)] = &[
    ("/api/v1/areas/{code}", "code", "SELECT '440305001000'"),
    (
        "/api/v1/areas/{code}/children",
        "code",
        "SELECT '440305001000'",
    ),
    (
        "/api/v1/certification/applications/{id}",
        "id",
        "SELECT MIN(id) FROM cert_application",
    ),
    (
        "/api/v1/certification/applications/{id}/attachments/{attachment}",
        "id",
        "SELECT application_id FROM cert_attachment ORDER BY id LIMIT 1",
    ),
    (
        "/api/v1/certification/applications/{id}/attachments/{attachment}",
        "attachment",
        "SELECT MIN(id) FROM cert_attachment",
    ),
    (
        "/api/v1/certification/certificates/{number}/inspections",
        "number",
        "SELECT certificate_no FROM certification ORDER BY id LIMIT 1",
    ),
    (
        "*/communities/{code}/history",
        "code",
        "SELECT '440305001007'",
    ),
    ("*/communities/{code}/file", "code", "SELECT '440305001007'"),
    ("*/indicators/{code}", "code", "SELECT '440305001007'"),
    ("*/assessments/{id}", "id", "SELECT MIN(id) FROM assessment"),
    (
        "*/assessment-entries/{id}",
        "id",
        "SELECT MIN(id) FROM assessment_entry",
    ),
    (
        "*/objections/{id}/",
        "id",
        "SELECT MIN(id) FROM cert_objection",
    ),
    ("*/rounds/{id}", "id", "SELECT MIN(id) FROM cert_round"),
    (
        "*/coordinators/{id}",
        "id",
        "SELECT MIN(id) FROM coordinator",
    ),
    (
        "*/duplicates/{id}",
        "id",
        "SELECT MIN(id) FROM duplicate_flag",
    ),
    (
        "/api/v1/households/{id}/versions/{version}",
        "id",
        "SELECT entity_id FROM record_version WHERE entity = 'household' ORDER BY id LIMIT 1",
    ),
    (
        "/api/v1/households/{id}/versions/{version}",
        "version",
        "SELECT version FROM record_version WHERE entity = 'household' ORDER BY id LIMIT 1",
    ),
    ("*/households/{id}", "id", "SELECT MIN(id) FROM household"),
    (
        "/api/v1/people/{id}/merged/{merged}/versions/{version}",
        "id",
        "SELECT kept_person_id FROM person_merge ORDER BY id LIMIT 1",
    ),
    (
        "/api/v1/people/{id}/merged/{merged}/versions/{version}",
        "merged",
        "SELECT merged_person_id FROM person_merge ORDER BY id LIMIT 1",
    ),
    (
        "/api/v1/people/{id}/versions/{version}",
        "id",
        "SELECT entity_id FROM record_version WHERE entity = 'person' ORDER BY id LIMIT 1",
    ),
    (
        "/api/v1/people/{id}/versions/{version}",
        "version",
        "SELECT version FROM record_version WHERE entity = 'person' ORDER BY id LIMIT 1",
    ),
    (
        "*/people/{id}",
        "id",
        "SELECT person_id FROM assistance_card ORDER BY id LIMIT 1",
    ),
    (
        "*/platforms/{code}",
        "code",
        "SELECT MIN(area_code) FROM platform",
    ),
    (
        "*/promotion-rounds/{id}",
        "id",
        "SELECT MIN(id) FROM promotion_round",
    ),
    (
        "*/promotion-notices/{id}",
        "id",
        "SELECT MIN(id) FROM promotion_round",
    ),
    (
        "*/candidates/{candidate}",
        "candidate",
        "SELECT MIN(id) FROM promotion_candidate",
    ),
    (
        "*/objections/{objection}",
        "objection",
        "SELECT MIN(id) FROM promotion_objection",
    ),
    (
        "*/cards/{number}",
        "number",
        "SELECT number FROM assistance_card ORDER BY id LIMIT 1",
    ),
    (
        "*/certificates/{number}",
        "number",
        "SELECT certificate_no FROM certification ORDER BY id LIMIT 1",
    ),
    (
        "*/notices/{id}",
        "id",
        "SELECT MIN(application_id) FROM cert_event",
    ),
    (
        "*/targets/{id}",
        "id",
        "SELECT target_id FROM assistance_card ORDER BY id LIMIT 1",
    ),
    ("*", "version", "SELECT 1"),
];

/// Reads whose records the demo data does not hold, with what is missing: they are called and
/// checked like every other, but none of them has to answer 2xx.
const NOT_IN_DEMO: &[(&str, &str)] = &[
    (
        "GET /api/v1/people/{id}/merged/{merged}/versions/{version}",
        "no two demo people are merged",
    ),
    (
        "GET /api/v1/promotion-rounds/{id}/letters.pdf",
        "no promotion round has published decisions (409 until then)",
    ),
];

/// Values of required query parameters, by name: a county of the demo data, which every area
/// query of the API takes, a measure of the indicator system, a reward fund, an assessed year.
const QUERY_VALUES: &[(&str, &str)] = &[
    ("area", "440305000000"),
    ("measure", "visits_on_schedule"),
    ("fund", "100000"),
    ("year", "2025"),
];

/// The callers: every demo account, then no session.
fn callers() -> Vec<Option<&'static str>> {
    seed::DEMO_ACCOUNTS
        .iter()
        .map(|(username, ..)| Some(*username))
        .chain([None])
        .collect()
}

/// The document, with its schemas closed: an object takes the properties it names and no
/// others, so an answer that carries another type's fields fails.
struct Document {
    doc: Value,
}

impl Document {
    fn new(mut doc: Value) -> Document {
        close_objects(&mut doc["components"]);
        close_objects(&mut doc["paths"]);
        Document { doc }
    }

    /// `schema` with its `$ref`s followed.
    fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..8 {
            match schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix(SCHEMAS))
            {
                Some(name) => schema = &self.doc["components"]["schemas"][name],
                None => break,
            }
        }
        schema
    }

    /// The problems `value` has against `schema`, `$ref`s resolved in this document, formats
    /// checked.
    fn problems(&self, schema: &Value, value: &Value) -> Vec<String> {
        let root = json!({"components": self.doc["components"], "allOf": [schema]});
        match jsonschema::options()
            .should_validate_formats(true)
            .build(&root)
        {
            Ok(v) => v
                .iter_errors(value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect(),
            Err(e) => vec![format!("the schema does not compile: {e}")],
        }
    }

    /// A value `schema` takes, as small as the document allows: required properties only,
    /// the first of an enum or of alternatives, the least number and length allowed.
    fn instance(&self, schema: &Value, depth: usize) -> Value {
        let s = self.resolve(schema);
        if depth > 16 {
            return Value::Null;
        }
        if let Some(first) = s
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return first.clone();
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(alts) = s.get(key).and_then(Value::as_array)
                && let Some(alt) = alts
                    .iter()
                    .find(|a| self.resolve(a).get("type") != Some(&json!("null")))
            {
                return self.instance(alt, depth + 1);
            }
        }
        if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
            let mut out = Map::new();
            for p in parts {
                if let Value::Object(m) = self.instance(p, depth + 1) {
                    out.extend(m);
                }
            }
            return Value::Object(out);
        }
        let ty = match s.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if s.get("properties").is_some() => "object",
            _ => "null",
        };
        match ty {
            "object" => {
                let mut out = Map::new();
                for name in s["required"].as_array().into_iter().flatten() {
                    if let Some(name) = name.as_str() {
                        out.insert(
                            name.to_string(),
                            self.instance(&s["properties"][name], depth + 1),
                        );
                    }
                }
                Value::Object(out)
            }
            "array" => {
                let n = s["minItems"].as_u64().unwrap_or(0);
                Value::Array(
                    (0..n)
                        .map(|_| self.instance(&s["items"], depth + 1))
                        .collect(),
                )
            }
            "string" => match s["format"].as_str() {
                Some("date") => json!("2026-09-24"),
                Some("date-time") => json!("2026-09-24T02:00:00Z"),
                _ => json!("1".repeat(s["minLength"].as_u64().unwrap_or(1).max(1) as usize)),
            },
            "integer" => json!(
                s["minimum"]
                    .as_i64()
                    .unwrap_or(1)
                    .max(1)
                    .min(s["maximum"].as_i64().unwrap_or(i64::MAX))
            ),
            "number" => json!(
                s["minimum"]
                    .as_f64()
                    .unwrap_or(1.0)
                    .max(1.0)
                    .min(s["maximum"].as_f64().unwrap_or(f64::MAX))
            ),
            "boolean" => json!(true),
            _ => Value::Null,
        }
    }
}

/// Marks every object schema that names its properties as taking no others.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if m.contains_key("properties") && !m.contains_key("additionalProperties") {
                m.insert("additionalProperties".into(), json!(false));
            }
            for (_, child) in m.iter_mut() {
                close_objects(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// The first value of `sql` (a number or a text), if any row has one; a query that fails is a
/// mistake of this test and stops it.
async fn first_value(db: &DatabaseConnection, sql: &str) -> Option<String> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))?;
    row.try_get_by_index::<Option<i64>>(0)
        .ok()
        .flatten()
        .map(|n| n.to_string())
        .or_else(|| {
            row.try_get_by_index::<Option<i32>>(0)
                .ok()
                .flatten()
                .map(|n| n.to_string())
        })
        .or_else(|| row.try_get_by_index::<Option<String>>(0).ok().flatten())
}

/// `path` with each `{param}` replaced by a value from the demo data ("1" where the data has
/// none: the call then meets a documented 404).
async fn fill_path(db: &DatabaseConnection, path: &str) -> String {
    let mut out = path.to_string();
    while let Some(start) = out.find('{') {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let param = out[start + 1..start + len].to_string();
        let mut value = None;
        for (pattern, name, sql) in PATH_VALUES {
            let applies = match pattern.strip_prefix('*') {
                Some(tail) => tail.is_empty() || path.contains(tail.trim_end_matches('/')),
                None => *pattern == path,
            };
            if applies && *name == param {
                value = first_value(db, sql).await;
                break;
            }
        }
        out.replace_range(start..=start + len, value.as_deref().unwrap_or("1"));
    }
    out
}

/// One documented operation.
struct Operation {
    path: String,
    method: String,
    spec: Value,
}

impl Operation {
    fn name(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    fn is_read(&self) -> bool {
        self.method == "get"
    }
}

/// What is wrong with `op`'s parameters: a path parameter the path does not hold, or a
/// `{name}` of the path that no parameter documents.
fn parameter_problems(op: &Operation) -> Vec<String> {
    let params: Vec<&Value> = op.spec["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    let mut out = Vec::new();
    for p in params.iter().filter(|p| p["in"] == "path") {
        let name = p["name"].as_str().unwrap_or("");
        if !op.path.contains(&format!("{{{name}}}")) {
            out.push(format!(
                "{}: `{name}` is documented as a path parameter, the path has no {{{name}}}",
                op.name()
            ));
        }
    }
    for segment in op.path.split('/') {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
            && !params
                .iter()
                .any(|p| p["in"] == "path" && p["name"] == name)
        {
            out.push(format!("{}: no parameter documents {{{name}}}", op.name()));
        }
    }
    out
}

/// Calls `op` as `client` and returns what is wrong with the answer against the document.
async fn check_call(
    app: &TestApp,
    doc: &Document,
    op: &Operation,
    client: &reqwest::Client,
    who: &str,
) -> (Option<StatusCode>, Vec<String>) {
    let name = format!("{} as {who}", op.name());
    let mut problems = Vec::new();
    let mut url = app.url(&fill_path(&app.db.db, &op.path).await);
    let query: Vec<String> = op.spec["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query" && p["required"] == true)
        .map(|p| {
            let name = p["name"].as_str().unwrap_or("");
            if let Some((_, v)) = QUERY_VALUES.iter().find(|(n, _)| *n == name) {
                return format!("{name}={v}");
            }
            let v = doc.instance(&p["schema"], 0);
            let v = v.as_str().map(str::to_string).unwrap_or(v.to_string());
            format!("{}={v}", p["name"].as_str().unwrap_or(""))
        })
        .collect();
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let method = Method::from_bytes(op.method.to_uppercase().as_bytes()).expect("method");
    let mut req = client.request(method, &url);
    let content = &op.spec["requestBody"]["content"];
    let mut sent_body = false;
    if let Some(schema) = content.get("application/json").map(|c| &c["schema"]) {
        let body = doc.instance(schema, 0);
        for p in doc.problems(schema, &body) {
            problems.push(format!(
                "{name}: the body built from the document is refused by the document: {p}"
            ));
        }
        req = req.json(&body);
        sent_body = true;
    } else if let Some((media_type, c)) = content.as_object().and_then(|m| m.iter().next()) {
        // A file: documented as bytes of its media type; an empty one is sent.
        if c["schema"]["type"] != "string" {
            problems.push(format!(
                "{name}: the {media_type} body is not documented as a file: {}",
                c["schema"]
            ));
        }
        req = req.header("content-type", media_type.as_str()).body("");
        sent_body = true;
    }
    let resp = match req.send().await {
        Ok(r) => r,
        Err(e) => {
            problems.push(format!("{name}: no answer: {e}"));
            return (None, problems);
        }
    };
    let status = resp.status();
    if who != "anonymous" && status == StatusCode::UNAUTHORIZED {
        problems.push(format!("{name}: a signed-in account was answered 401"));
    }
    if who == "anonymous" && op.spec.get("security").is_some() && status != StatusCode::UNAUTHORIZED
    {
        problems.push(format!(
            "{name}: documented as needing a session, answered {status} without one"
        ));
    }
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = resp.bytes().await.unwrap_or_default();
    let responses = &op.spec["responses"];
    let Some(documented) = responses
        .get(status.as_str())
        .or_else(|| responses.get("default"))
    else {
        problems.push(format!(
            "{name}: status {status} is not documented ({}); body {}",
            responses
                .as_object()
                .map(|m| m.keys().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
        ));
        return (Some(status), problems);
    };
    let body: Option<Value> = serde_json::from_slice(&bytes).ok();
    if let Some(b) = &body
        && (status == StatusCode::BAD_REQUEST
            || (sent_body && b["error"]["fields"].get("body").is_some()))
    {
        problems.push(format!(
            "{name}: a request built from the document was not understood: {b}"
        ));
    }
    match documented["content"].as_object() {
        Some(kinds) if kinds.contains_key("application/json") => match &body {
            Some(b) => {
                for p in doc.problems(&kinds["application/json"]["schema"], b) {
                    problems.push(format!("{name}: answer {status} against the document: {p}"));
                }
            }
            None => problems.push(format!(
                "{name}: answer {status} documented as JSON is not JSON ({content_type})"
            )),
        },
        Some(kinds) if !kinds.is_empty() => {
            for (media_type, c) in kinds {
                if c["schema"]["type"] != "string" {
                    problems.push(format!(
                        "{name}: the {media_type} answer is not documented as a file: {}",
                        c["schema"]
                    ));
                }
            }
            if !kinds.keys().any(|k| content_type.starts_with(k.as_str())) {
                problems.push(format!(
                    "{name}: answer {status} is {content_type}, documented as {:?}",
                    kinds.keys().collect::<Vec<_>>()
                ));
            }
        }
        _ => {}
    }
    (Some(status), problems)
}

/// Adds what the demo data lacks and some reads need: a promotion round and an attachment.
/// Each write must succeed.
async fn prepare(app: &TestApp) {
    // 南头街道 assesses its communities for August (ended on the suite's day).
    let street = app.login("ns_street").await;
    let r = street
        .post(app.url("/api/v1/performance/assessments"))
        .json(&json!({"period": "2026-08"}))
        .send()
        .await
        .expect("assessment");
    assert_eq!(r.status(), StatusCode::CREATED, "assessment");
    let draft: Value = r.json().await.expect("assessment");
    // …and publishes it, so its reward split can be read.
    let r = street
        .post(app.url(&format!(
            "/api/v1/performance/assessments/{}/publish",
            draft["id"]
        )))
        .json(&json!({"version": draft["version"]}))
        .send()
        .await
        .expect("publish");
    assert_eq!(r.status(), StatusCode::OK, "publish: {:?}", r.text().await);
    let hr = app.login("sz_hr").await;
    let r = hr
        .post(app.url("/api/v1/promotion-rounds"))
        .json(&json!({"area_code": "440300000000", "title": "接口文档核对"}))
        .send()
        .await
        .expect("round");
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "round: {:?}",
        r.text().await
    );
    // 马家龙 (whose ledger meets the standard) applies in the demo national round, then
    // attaches a file.
    let coordinator = app.login("mjl_coordinator").await;
    let (_, me) = super::get(&coordinator, app.url("/api/v1/me")).await;
    let round = first_value(
        &app.db.db,
        "SELECT MIN(id) FROM cert_round WHERE tier <> 'provincial_star'",
    )
    .await
    .expect("the demo national round");
    let r = coordinator
        .post(app.url("/api/v1/certification/applications"))
        .json(&json!({
            "round_id": round.parse::<i64>().expect("id"),
            "community_code": me["area_code"],
            "narrative": "接口文档核对：社区就业服务站设窗口2个，专职协理员3名，实行入户摸底和台账动态管理，每月走访零就业家庭。",
        }))
        .send()
        .await
        .expect("apply");
    let status = r.status();
    let applied: Value = r.json().await.unwrap_or_default();
    assert_eq!(status, StatusCode::CREATED, "apply: {applied}");
    let r = coordinator
        .post(app.url(&format!(
            "/api/v1/certification/applications/{}/attachments?name=a.pdf",
            applied["item"]["id"]
        )))
        .body("%PDF-1.4\n%%EOF\n")
        .send()
        .await
        .expect("attach");
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "attach: {:?}",
        r.text().await
    );
}

/// Every documented operation, called by every demo account and anonymously, answers as the
/// document says; a body built from the document is understood; every read that the demo
/// data can serve answers 2xx to someone.
#[tokio::test]
async fn every_operation_answers_as_documented() {
    let _clock = app::backend::testing::suite_clock();
    for db in TestDb::all().await.expect("dbs") {
        let app = TestApp::start(db.with_areas().await.expect("areas")).await;
        server::cli::seed_demo(&app.db.db, 0, &[])
            .await
            .expect("demo data");
        prepare(&app).await;
        let (status, raw) = super::get(&app.client(), app.url("/api/v1/openapi.json")).await;
        assert_eq!(status, StatusCode::OK);
        let doc = Document::new(raw);
        let mut ops: Vec<Operation> = Vec::new();
        for (path, methods) in doc.doc["paths"].as_object().expect("paths") {
            for (method, spec) in methods.as_object().expect("methods") {
                ops.push(Operation {
                    path: path.clone(),
                    method: method.clone(),
                    spec: spec.clone(),
                });
            }
        }
        assert!(ops.len() >= 98, "{} operations documented", ops.len());
        // Reads first, then writes; logging out last of all.
        ops.sort_by_key(|o| (!o.is_read(), o.path.ends_with("/logout"), o.path.clone()));
        let mut clients = Vec::new();
        for who in callers() {
            let client = match who {
                Some(username) => app.login(username).await,
                None => app.client(),
            };
            clients.push((who.unwrap_or("anonymous"), client));
        }
        let mut problems = Vec::new();
        let mut unserved = Vec::new();
        let mut calls = 0;
        for op in &ops {
            problems.extend(parameter_problems(op));
            let mut answers = Vec::new();
            for (who, client) in &clients {
                let (status, found) = check_call(&app, &doc, op, client, who).await;
                calls += 1;
                answers.extend(status.map(|s| s.as_u16()));
                problems.extend(found);
            }
            let exempt = NOT_IN_DEMO.iter().any(|(name, _)| *name == op.name());
            if op.is_read() && !exempt && !answers.iter().any(|s| (200..300).contains(s)) {
                unserved.push(format!("{} ({answers:?})", op.name()));
            }
        }
        assert!(
            problems.is_empty(),
            "{} of {calls} calls disagree with the document:\n{}",
            problems.len(),
            problems.join("\n")
        );
        assert!(
            unserved.is_empty(),
            "reads no demo account got an answer from: {unserved:?}"
        );
        app.db.cleanup().await;
    }
}
