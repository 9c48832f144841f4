//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use crate::page_cache::SESSION_COOKIE;

#[derive(OpenApi)]
#[openapi(
    modifiers(&CommonAnswers),
    info(title = "基层就业 Grassroots Employment API", version = "1"),
    paths(
        super::areas::get_area,
        super::areas::children,
        super::public::communities,
        super::public::certificate,
        super::auth::login,
        super::auth::logout,
        super::auth::me,
        super::accounts::list,
        super::calendar::status,
        super::ledger::list,
        super::ledger::search,
        super::ledger::find_person,
        super::ledger::create,
        super::ledger::get,
        super::ledger::update,
        super::ledger::add_member,
        super::ledger::add_visit,
        super::ledger::household_version,
        super::ledger::person,
        super::ledger::update_person,
        super::ledger::person_version,
        super::duplicates::list,
        super::duplicates::decide,
        super::duplicates::history,
        super::duplicates::merged_version,
        super::ledger::work,
        super::ledger::zero_overview,
        super::ledger::export,
        super::assistance::apply,
        super::assistance::queue,
        super::assistance::get,
        super::assistance::decide,
        super::assistance::exit,
        super::assistance::of_person,
        super::assistance::card,
        super::assistance::card_pdf,
        super::assistance::plan,
        super::assistance::make_plan,
        super::assistance::add_record,
        super::public::card,
        super::policies::list,
        super::certification::community,
        super::certification::standards_list,
        super::certification::standards_publish,
        super::certification::rounds_list,
        super::certification::rounds_open,
        super::certification::rounds_get,
        super::certification::rounds_pipeline,
        super::certification::applications_list,
        super::certification::applications_apply,
        super::certification::applications_queue,
        super::certification::applications_get,
        super::certification::applications_decide,
        super::certification::applications_resubmit,
        super::certification::applications_attach,
        super::certification::applications_attachment,
        super::certification::objections_pending,
        super::certification::objections_investigate,
        super::certification::titles_due,
        super::certification::titles_candidates,
        super::certification::certificates_inspect,
        super::certification::community_history,
        super::certification::community_file,
        super::public::notices,
        super::public::object,
        super::certification::rounds_export,
        super::public::certificate_pdf,
        super::policies::publish,
        super::policies::history,
        super::performance::systems,
        super::performance::publish_system,
        super::performance::area_scorecard,
        super::performance::area_dashboard,
        super::performance::dashboard_workbook,
        super::performance::coordinator_scorecard,
        super::performance::figure_records,
        super::performance::assessments,
        super::performance::create_assessment,
        super::performance::get_assessment,
        super::performance::adjust_entry,
        super::performance::publish_assessment,
        super::performance::correct_assessment,
        super::performance::reward_split,
        super::performance::reward_workbook,
        super::performance::rating_proposals,
        super::performance::decide_rating,
        super::platforms::list,
        super::platforms::get,
        super::platforms::save,
        super::platforms::history,
        super::platforms::coverage_report,
        super::platforms::coverage_export,
        super::platforms::policies,
        super::platforms::publish_policy,
        super::coordinators::list,
        super::coordinators::create,
        super::coordinators::me,
        super::coordinators::get,
        super::coordinators::update,
        super::coordinators::add_training,
        super::coordinators::add_exam,
        super::coordinators::rate,
        super::coordinators::enter_second,
        super::coordinators::leave,
        super::coordinators::import_ratings,
        super::promotions::list,
        super::promotions::open,
        super::promotions::get,
        super::promotions::nominate,
        super::promotions::score,
        super::promotions::decide,
        super::promotions::publish,
        super::promotions::investigate,
        super::promotions::close,
        super::promotions::letters_pdf,
        super::promotions::list_xlsx,
        super::promotions::public_notices,
        super::promotions::public_object,
        super::health::healthz,
        document,
    ),
    tags(
        (name = "areas", description = "行政区划"),
        (name = "public", description = "公开查询：充分就业社区与证书核验"),
        (name = "auth", description = "登录与会话"),
        (name = "accounts", description = "账户（按辖区）"),
        (name = "calendar", description = "工作日历：各年依据（国务院安排、法定节假日或仅周末）与待导入的安排"),
        (name = "assistance", description = "就业援助对象：登记认定、审核时限、退出"),
        (name = "certification", description = "充分就业社区认定：标准版本、指标（由台账计算）、批次与名额、申报与逐级审核、公示与异议、复查与撤销"),
        (name = "platforms", description = "基层平台：登记（六到位、场地、窗口、人员、经费）、历史版本、覆盖率统计与导出、平台与等级政策版本"),
        (name = "coordinators", description = "劳动保障协理员：档案、等级与历史、培训、考试、年度考核、逐条规则说明"),
        (name = "promotions", description = "协理员晋升（二级→一级）：按规则产生候选人、推荐、考核打分、决定与理由、公示与异议、生效日期、通知书与名单"),
        (name = "ledger", description = "台账：入户摸底、家庭成员、走访与历史版本（按辖区）"),
        (name = "performance", description = "绩效管理：考核指标体系的版本（按省发布，全国默认），地区与协理员的考核计分卡，上级对下级的考核（草稿、加减分、发布冻结、更正）"),
    )
)]
pub struct ApiDoc;

/// Paths anyone may call without signing in (by prefix); every other operation needs a session.
const OPEN_PATHS: &[&str] = &[
    "/api/v1/public/",
    "/api/v1/areas",
    "/api/v1/auth/login",
    "/api/v1/auth/logout",
    "/api/v1/openapi.json",
    "/healthz",
];

/// Completes each operation with the answers every call of its kind can get: 401 where it
/// needs a signed-in session (marked with the session cookie), 404 where its path names a
/// record, 400 where it takes path values, a query or a body that may not parse. The
/// handlers' own annotations say the rest. A file (PDF, workbook) in a body or an answer is
/// described as what it is, bytes of its media type, not as an array of numbers.
struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, doc: &mut Document) {
        doc.components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                    SESSION_COOKIE,
                    "set by POST /api/v1/auth/login",
                ))),
            );
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        let unauthenticated = error("no signed-in session (`unauthenticated`)");
        let not_found = error("no such record, or none the caller may see (`not_found`)");
        let malformed = error("a path value, the query or the body does not parse (`malformed`)");
        for (path, item) in doc.paths.paths.iter_mut() {
            let open = OPEN_PATHS.iter().any(|p| path.starts_with(p));
            let names_record = path.contains('{');
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                let answers = &mut op.responses.responses;
                if !open {
                    op.security = Some(vec![SecurityRequirement::new(
                        "session",
                        Vec::<String>::new(),
                    )]);
                    answers
                        .entry("401".into())
                        .or_insert_with(|| unauthenticated.clone().into());
                }
                if names_record {
                    answers
                        .entry("404".into())
                        .or_insert_with(|| not_found.clone().into());
                }
                let takes_input = names_record
                    || op.request_body.is_some()
                    || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                if takes_input {
                    answers
                        .entry("400".into())
                        .or_insert_with(|| malformed.clone().into());
                }
                for answer in answers.values_mut() {
                    if let RefOr::T(answer) = answer {
                        answer.content.iter_mut().for_each(describe_file);
                    }
                }
                if let Some(body) = op.request_body.as_mut() {
                    body.content.iter_mut().for_each(describe_file);
                }
            }
        }
    }
}

/// Describes non-JSON content as a file of its media type.
fn describe_file((media_type, content): (&String, &mut Content)) {
    if media_type != "application/json" {
        content.schema = Some(RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .content_media_type(media_type.as_str())
                .build(),
        )));
    }
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "public", responses((status = 200, description = "this document")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
