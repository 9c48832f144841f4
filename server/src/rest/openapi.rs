//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
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
        super::ledger::list,
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
        super::targets::apply,
        super::targets::queue,
        super::targets::get,
        super::targets::decide,
        super::targets::exit,
        super::targets::of_person,
        super::targets::card,
        super::targets::card_pdf,
        super::targets::plan,
        super::targets::make_plan,
        super::targets::add_record,
        super::public::card,
        super::policies::list,
        super::certification::community,
        super::policies::publish,
        crate::router::healthz,
        document,
    ),
    tags(
        (name = "areas", description = "行政区划"),
        (name = "public", description = "公开查询：充分就业社区与证书核验"),
        (name = "auth", description = "登录与会话"),
        (name = "accounts", description = "账户（按辖区）"),
        (name = "assistance", description = "就业援助对象：登记认定、审核时限、退出"),
        (name = "certification", description = "充分就业社区认定：指标（由台账计算）"),
        (name = "ledger", description = "台账：入户摸底、家庭成员、走访与历史版本（按辖区）"),
    )
)]
pub struct ApiDoc;

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "public", responses((status = 200, description = "this document")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
