//! Scorecards: every indicator of the system in force counted from the records of an area's
//! subtree (a community, a street, a county, a city, a province, the country) or of a
//! coordinator's area, for a month, a quarter or a year, as of the period's end.

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};

use super::{facts, system};
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::coordinator;
use crate::backend::service::{areas, policy_store::NATIONAL};
use crate::domain::area_code::AreaCode;
use crate::domain::assistance::ExitReason;
use crate::domain::calendar::ymd;
use crate::domain::indicators::Share;
use crate::domain::performance::measures::{self, Counted, Facts, Window};
use crate::domain::performance::{
    IndicatorSystem, PerformanceIndicator, Period, PeriodError, points, standing, value_of,
};
use crate::domain::role::{Role, Scope};
use crate::model::AppError;
use crate::model::performance::{ExitCount, ScoreLine, Scorecard, ScorecardHolder, ScorecardQuery};

/// Reads a period from a query (absent: the month holding today) and the window it is counted
/// over today. Errors, on `period`: `period.malformed`, `period.year`, `period.future` (not yet
/// begun).
pub fn window(raw: Option<&str>) -> Result<(Period, Window), AppError> {
    let on = today();
    let period = match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Period::month_of(on),
        Some(s) => Period::parse(s).map_err(|e| {
            AppError::field(
                "period",
                match e {
                    PeriodError::Malformed => "period.malformed",
                    PeriodError::Year => "period.year",
                },
            )
        })?,
    };
    let w = Window::of(period, on).ok_or_else(|| AppError::field("period", "period.future"))?;
    Ok((period, w))
}

/// The area a reader asks for, inside the reader's scope (`000000000000`: the whole country,
/// for national roles). Errors: `area`/`area.malformed`, 403 outside the scope,
/// `area`/`area.unknown` for a code no area has.
pub async fn area_in_scope<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    raw: Option<&str>,
) -> Result<Scope, AppError> {
    // The whole country, as a national scorecard names its area.
    if raw.map(str::trim) == Some(NATIONAL) {
        return match actor.scope {
            Scope::National => Ok(Scope::National),
            Scope::Area(_) => Err(AppError::OutOfScope),
        };
    }
    let requested = areas::parse_filter(raw, "area")?;
    let scope = actor.scope.narrow(requested).ok_or(AppError::OutOfScope)?;
    if let Some(code) = requested
        && areas::find(conn, &code).await?.is_none()
    {
        return Err(AppError::field("area", "area.unknown"));
    }
    Ok(scope)
}

/// The scorecard of an area for a period. Every signed-in role may read the areas in its
/// scope (a coordinator: the own community). Errors: those of [`window`] and
/// [`area_in_scope`].
pub async fn for_area(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ScorecardQuery,
) -> Result<Scorecard, AppError> {
    let (period, w) = window(query.period.as_deref())?;
    let scope = area_in_scope(db, actor, query.area.as_deref()).await?;
    compute(db, scope, period, w, None).await
}

/// The scorecard of a coordinator: the figures of the coordinator's area (the caseload of the
/// community or street they serve). A coordinator reads only the own; officers and HR
/// managers those in their scope. Errors: 404 unknown, 403 another coordinator's or outside
/// the scope, those of [`window`].
pub async fn for_coordinator(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    period: Option<&str>,
) -> Result<Scorecard, AppError> {
    let (period, w) = window(period)?;
    let c = coordinator::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role == Role::Coordinator
        && c.account_username.as_deref() != Some(actor.username.as_str())
    {
        return Err(AppError::Forbidden);
    }
    let area = AreaCode::parse(&c.area_code).map_err(|_| AppError::Internal)?;
    actor.require_in_scope(&area)?;
    let holder = ScorecardHolder {
        id: c.id,
        name: c.name,
    };
    compute(db, Scope::Area(area), period, w, Some(holder)).await
}

/// The code and name of a scope's area: `000000000000` and no name for the whole country.
pub async fn scope_area<C: ConnectionTrait>(
    conn: &C,
    scope: Scope,
) -> Result<(String, String), AppError> {
    Ok(match scope {
        Scope::National => (NATIONAL.to_string(), String::new()),
        Scope::Area(code) => {
            let name = areas::find(conn, &code)
                .await?
                .map(|a| a.name)
                .unwrap_or_default();
            (code.as_str().to_string(), name)
        }
    })
}

async fn compute(
    db: &DatabaseConnection,
    scope: Scope,
    period: Period,
    w: Window,
    coordinator: Option<ScorecardHolder>,
) -> Result<Scorecard, AppError> {
    let (code, name) = scope_area(db, scope).await?;
    let facts = facts::read(db, scope.range().as_ref(), w).await?;
    let system = system::in_force(db, &code, w.to).await?;
    Ok(score(
        &system,
        &facts,
        w,
        Scorecard {
            area_code: code,
            area_name: name,
            coordinator,
            period: period.label(),
            from: ymd(w.from),
            as_of: ymd(w.to),
            complete: w.to == period.last_day(),
            elapsed: period.elapsed(w.to),
            system_version: system.version.clone(),
            lines: Vec::new(),
            total: 0,
            proposed_rating: system.proposed_rating(0),
        },
    ))
}

/// Fills a scorecard's lines, total and proposed rating from the facts.
fn score(system: &IndicatorSystem, facts: &Facts, w: Window, mut card: Scorecard) -> Scorecard {
    card.lines = lines(system, facts, w)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    card.total = card.lines.iter().map(|l| l.points).sum();
    card.proposed_rating = system.proposed_rating(card.total / 100);
    card
}

/// Each indicator's line of a scorecard, with the records it counted.
pub fn lines(system: &IndicatorSystem, facts: &Facts, w: Window) -> Vec<(ScoreLine, Vec<Counted>)> {
    system
        .indicators
        .iter()
        .map(|i| {
            let counted = measures::count(i.measure, facts, w);
            let line = line_of(
                i,
                measures::share(&counted),
                measures::exits_by_reason(&counted),
            );
            (line, counted)
        })
        .collect()
}

/// An indicator's line from what its measure counted: the value, points and standing.
pub fn line_of(i: &PerformanceIndicator, share: Share, exits: Vec<(ExitReason, u64)>) -> ScoreLine {
    let value = value_of(i.measure.unit(), share);
    ScoreLine {
        indicator: i.clone(),
        unit: i.measure.unit(),
        part: share.part,
        whole: share.whole,
        value,
        points: if i.weight > 0 { points(i, value) } else { 0 },
        standing: standing(i, value),
        exits_by_reason: exits
            .into_iter()
            .map(|(reason, count)| ExitCount { reason, count })
            .collect(),
    }
}
