//! The REST API under `/api/v1`: thin handlers over the same services as the server functions.

pub mod accounts;
pub mod areas;
pub mod assistance;
pub mod auth;
pub mod calendar;
pub mod certification;
pub mod coordinators;
pub mod download;
pub mod duplicates;
pub mod error;
pub mod extract;
pub mod health;
pub mod ledger;
pub mod openapi;
pub mod performance;
pub mod platforms;
pub mod policies;
pub mod promotions;
pub mod public;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};

use app::backend::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/areas/{code}", get(areas::get_area))
        .route("/areas/{code}/children", get(areas::children))
        .route("/public/communities", get(public::communities))
        .route("/public/certificates/{number}", get(public::certificate))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/accounts", get(accounts::list))
        .route("/calendar", get(calendar::status))
        .route("/work", get(ledger::work))
        .route("/zero-cases/communities", get(ledger::zero_overview))
        .route("/households", get(ledger::list).post(ledger::create))
        .route("/households/export", get(ledger::export))
        .route("/households/search", post(ledger::search))
        .route("/people/find", post(ledger::find_person))
        .route("/households/{id}", get(ledger::get).put(ledger::update))
        .route("/households/{id}/members", post(ledger::add_member))
        .route("/households/{id}/visits", post(ledger::add_visit))
        .route(
            "/households/{id}/versions/{version}",
            get(ledger::household_version),
        )
        .route(
            "/people/{id}",
            get(ledger::person).put(ledger::update_person),
        )
        .route(
            "/people/{id}/versions/{version}",
            get(ledger::person_version),
        )
        .route("/people/{id}/targets", get(assistance::of_person))
        .route("/people/{id}/history", get(duplicates::history))
        .route(
            "/people/{id}/merged/{merged}/versions/{version}",
            get(duplicates::merged_version),
        )
        .route("/duplicates", get(duplicates::list))
        .route(
            "/certification/indicators/{code}",
            get(certification::community),
        )
        .route(
            "/certification/standards",
            get(certification::standards_list).post(certification::standards_publish),
        )
        .route(
            "/certification/rounds",
            get(certification::rounds_list).post(certification::rounds_open),
        )
        .route("/certification/rounds/{id}", get(certification::rounds_get))
        .route(
            "/certification/rounds/{id}/pipeline",
            get(certification::rounds_pipeline),
        )
        .route(
            "/certification/rounds/{id}/export",
            get(certification::rounds_export),
        )
        .route(
            "/public/certificates/{number}/pdf",
            get(public::certificate_pdf),
        )
        .route(
            "/certification/applications",
            get(certification::applications_list).post(certification::applications_apply),
        )
        .route(
            "/certification/applications/queue",
            get(certification::applications_queue),
        )
        .route(
            "/certification/applications/{id}",
            get(certification::applications_get),
        )
        .route(
            "/certification/applications/{id}/decisions",
            post(certification::applications_decide),
        )
        .route(
            "/certification/applications/{id}/resubmit",
            post(certification::applications_resubmit),
        )
        .route(
            "/certification/applications/{id}/attachments",
            post(certification::applications_attach).layer(DefaultBodyLimit::max(
                app::backend::service::certification::applications::MAX_ATTACHMENT_BYTES + 1024,
            )),
        )
        .route(
            "/certification/applications/{id}/attachments/{attachment}",
            get(certification::applications_attachment),
        )
        .route(
            "/certification/objections",
            get(certification::objections_pending),
        )
        .route(
            "/certification/objections/{id}/investigation",
            post(certification::objections_investigate),
        )
        .route("/certification/titles/due", get(certification::titles_due))
        .route(
            "/certification/titles/candidates",
            get(certification::titles_candidates),
        )
        .route(
            "/certification/certificates/{number}/inspections",
            post(certification::certificates_inspect),
        )
        .route(
            "/certification/communities/{code}/history",
            get(certification::community_history),
        )
        .route(
            "/certification/communities/{code}/file",
            get(certification::community_file),
        )
        .route("/public/notices", get(public::notices))
        .route("/public/notices/{id}/objections", post(public::object))
        .route("/duplicates/{id}/decisions", post(duplicates::decide))
        .route("/people/{id}/card", get(assistance::card))
        .route("/people/{id}/card/pdf", get(assistance::card_pdf))
        .route("/targets", post(assistance::apply))
        .route("/targets/queue", get(assistance::queue))
        .route("/targets/{id}", get(assistance::get))
        .route("/targets/{id}/decisions", post(assistance::decide))
        .route("/targets/{id}/exit", post(assistance::exit))
        .route(
            "/targets/{id}/plan",
            get(assistance::plan).post(assistance::make_plan),
        )
        .route("/targets/{id}/records", post(assistance::add_record))
        .route("/public/cards/{number}", get(public::card))
        .route(
            "/policies/assistance",
            get(policies::list).post(policies::publish),
        )
        .route("/policies/history", get(policies::history))
        .route(
            "/performance/indicator-systems",
            get(performance::systems).post(performance::publish_system),
        )
        .route("/performance/scorecard", get(performance::area_scorecard))
        .route("/performance/dashboard", get(performance::area_dashboard))
        .route(
            "/performance/dashboard.xlsx",
            get(performance::dashboard_workbook),
        )
        .route("/performance/figure", get(performance::figure_records))
        .route(
            "/performance/assessments",
            get(performance::assessments).post(performance::create_assessment),
        )
        .route(
            "/performance/assessments/{id}",
            get(performance::get_assessment),
        )
        .route(
            "/performance/assessments/{id}/publish",
            post(performance::publish_assessment),
        )
        .route(
            "/performance/assessments/{id}/corrections",
            post(performance::correct_assessment),
        )
        .route(
            "/performance/assessment-entries/{id}/adjustment",
            post(performance::adjust_entry),
        )
        .route(
            "/performance/assessments/{id}/reward",
            get(performance::reward_split),
        )
        .route(
            "/performance/assessments/{id}/reward.xlsx",
            get(performance::reward_workbook),
        )
        .route(
            "/performance/rating-proposals",
            get(performance::rating_proposals),
        )
        .route(
            "/performance/rating-proposals/{id}/decision",
            post(performance::decide_rating),
        )
        .route("/platforms", get(platforms::list))
        .route("/platforms/coverage", get(platforms::coverage_report))
        .route(
            "/platforms/coverage/export",
            get(platforms::coverage_export),
        )
        .route(
            "/platforms/policies",
            get(platforms::policies).post(platforms::publish_policy),
        )
        .route(
            "/platforms/{code}",
            get(platforms::get).put(platforms::save),
        )
        .route("/platforms/{code}/history", get(platforms::history))
        .route(
            "/coordinators",
            get(coordinators::list).post(coordinators::create),
        )
        .route("/coordinators/me", get(coordinators::me))
        .route(
            "/coordinators/ratings/import",
            post(coordinators::import_ratings).layer(crate::uploads::limit()),
        )
        .route(
            "/coordinators/{id}",
            get(coordinators::get).put(coordinators::update),
        )
        .route(
            "/coordinators/{id}/training",
            post(coordinators::add_training),
        )
        .route("/coordinators/{id}/exams", post(coordinators::add_exam))
        .route("/coordinators/{id}/ratings", post(coordinators::rate))
        .route("/coordinators/{id}/entry", post(coordinators::enter_second))
        .route("/coordinators/{id}/leave", post(coordinators::leave))
        .route(
            "/coordinators/{id}/scorecard",
            get(performance::coordinator_scorecard),
        )
        .route(
            "/promotion-rounds",
            get(promotions::list).post(promotions::open),
        )
        .route("/promotion-rounds/{id}", get(promotions::get))
        .route(
            "/promotion-rounds/{id}/candidates",
            post(promotions::nominate),
        )
        .route(
            "/promotion-rounds/{id}/candidates/{candidate}/score",
            post(promotions::score),
        )
        .route(
            "/promotion-rounds/{id}/candidates/{candidate}/decision",
            post(promotions::decide),
        )
        .route("/promotion-rounds/{id}/publish", post(promotions::publish))
        .route(
            "/promotion-rounds/{id}/objections/{objection}",
            post(promotions::investigate),
        )
        .route("/promotion-rounds/{id}/close", post(promotions::close))
        .route(
            "/promotion-rounds/{id}/letters.pdf",
            get(promotions::letters_pdf),
        )
        .route(
            "/promotion-rounds/{id}/list.xlsx",
            get(promotions::list_xlsx),
        )
        .route("/public/promotion-notices", get(promotions::public_notices))
        .route(
            "/public/promotion-notices/{id}/candidates/{candidate}/objections",
            post(promotions::public_object),
        )
        .route("/openapi.json", get(openapi::document))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(middleware::from_fn(error::localise_errors))
}
