//! The history of a versioned policy as its pages show it: every version that can apply in a
//! province (its own and the ministry's), where each stands today, one version setting by
//! setting, and what changed from the version before it (`domain::policy_diff`). The same
//! for the 就业援助 policy, the certification standards of each tier, the platform policy and the
//! 绩效管理 indicator system.
//! Everyone signed in may read them, as over REST.

use sea_orm::{ColumnTrait, Condition, DatabaseConnection};

use super::policy_store::{self, NATIONAL, PolicyRows, applicable, province_of};
use super::{accounts, areas};
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::backend::entity::{assistance_policy, cert_standard, grade_policy, indicator_system};
use crate::domain::area_code::AreaCode;
use crate::domain::calendar::ymd;
use crate::domain::certification::Tier;
use crate::domain::performance::IndicatorSystem;
use crate::domain::platform::PlatformPolicy;
use crate::domain::policy::AssistancePolicy;
use crate::domain::policy_diff::{compare, settings};
use crate::domain::role::Scope;
use crate::model::AppError;
use crate::model::policy::{
    PolicyHistory, PolicyHistoryQuery, PolicyKind, VersionRow, VersionState,
};

/// One stored version, its body as JSON in the policy's field order (an older 就业援助 or
/// platform policy row read with the fields added since at their defaults; a standard as
/// stored).
struct Stored {
    id: i64,
    issuer: String,
    version: String,
    from: chrono::NaiveDate,
    created_by: String,
    body: String,
}

fn json<T: serde::Serialize>(body: &T) -> Result<String, AppError> {
    serde_json::to_string(body).map_err(|_| AppError::Internal)
}

/// The rows of table `T` filed by `issuers` within `within`, newest first, read through
/// `body`, and the id of the one in force today.
async fn read<T: PolicyRows>(
    db: &DatabaseConnection,
    issuers: &[String],
    within: Condition,
    body: impl Fn(&T::Model) -> Result<String, AppError>,
) -> Result<(Vec<Stored>, Option<i64>), AppError> {
    let (rows, current) = applicable::<T>(db, issuers, within, today()).await?;
    let stored = rows
        .iter()
        .map(|r| {
            let s = T::stored(r);
            Ok(Stored {
                id: s.id,
                issuer: s.area.to_string(),
                version: s.version.to_string(),
                from: s.effective_from,
                created_by: s.created_by.to_string(),
                body: body(r)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((stored, current))
}

/// The province asked for (any code of it), `NATIONAL`, or by default the reader's province
/// (the nation for a national account). Errors: the field error `area`/`area.malformed`.
fn province_asked(actor: &Actor, raw: Option<&str>) -> Result<String, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(NATIONAL) => Ok(NATIONAL.to_string()),
        Some(code) => AreaCode::parse(code)
            .map(|a| province_of(a.as_str()))
            .map_err(|_| AppError::field("area", "area.malformed")),
        None => Ok(match actor.scope {
            Scope::National => NATIONAL.to_string(),
            Scope::Area(home) => province_of(home.as_str()),
        }),
    }
}

/// The history of one policy for a province. Errors: the field errors `kind`/`policy.kind`,
/// `tier`/`policy.tier` (unknown names), `area`/`area.malformed` and `area.unknown` (no such
/// province), and `version`/`policy.version` (no version of that label applies here).
pub async fn history(
    db: &DatabaseConnection,
    actor: &Actor,
    q: &PolicyHistoryQuery,
) -> Result<PolicyHistory, AppError> {
    let kind = match q.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => PolicyKind::default(),
        Some(k) => PolicyKind::parse(k).ok_or_else(|| AppError::field("kind", "policy.kind"))?,
    };
    let tier = match (
        kind,
        q.tier.as_deref().map(str::trim).filter(|s| !s.is_empty()),
    ) {
        (PolicyKind::Standard, None) => Some(Tier::Community),
        (PolicyKind::Standard, Some(t)) => {
            Some(Tier::parse(t).ok_or_else(|| AppError::field("tier", "policy.tier"))?)
        }
        _ => None,
    };
    let area = province_asked(actor, q.area.as_deref())?;
    let issuers = if area == NATIONAL || tier == Some(Tier::NationalDemonstration) {
        vec![NATIONAL.to_string()]
    } else {
        vec![area.clone(), NATIONAL.to_string()]
    };
    let (stored, current) = match (kind, tier) {
        (PolicyKind::Standard, Some(tier)) => {
            let within = Condition::all().add(cert_standard::Column::Tier.eq(tier.as_str()));
            read::<cert_standard::Entity>(db, &issuers, within, |r| Ok(r.body.clone())).await?
        }
        (PolicyKind::Performance, _) => {
            read::<indicator_system::Entity>(db, &issuers, Condition::all(), |r| {
                json(&policy_store::decode::<
                    indicator_system::Entity,
                    IndicatorSystem,
                >(r)?)
            })
            .await?
        }
        (PolicyKind::Platform, _) => {
            read::<grade_policy::Entity>(db, &issuers, Condition::all(), |r| {
                json(&policy_store::decode::<grade_policy::Entity, PlatformPolicy>(r)?)
            })
            .await?
        }
        _ => {
            read::<assistance_policy::Entity>(db, &issuers, Condition::all(), |r| {
                json(&policy_store::decode::<
                    assistance_policy::Entity,
                    AssistancePolicy,
                >(r)?)
            })
            .await?
        }
    };
    let shown = match q
        .version
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(label) => Some(
            stored
                .iter()
                .position(|s| s.version == label)
                .ok_or_else(|| AppError::field("version", "policy.version"))?,
        ),
        None => stored
            .iter()
            .position(|s| Some(s.id) == current)
            .or(if stored.is_empty() { None } else { Some(0) }),
    };
    let read_settings = |s: &Stored| {
        settings(&s.body).map_err(|e| {
            tracing::error!(error = %e, id = s.id, "stored policy unreadable");
            AppError::Internal
        })
    };
    let (settings_now, previous, changes) = match shown {
        Some(i) => {
            let now = read_settings(&stored[i])?;
            match stored.get(i + 1) {
                Some(before) => {
                    let changes = compare(&read_settings(before)?, &now);
                    (now, Some(before.version.clone()), changes)
                }
                None => (now, None, vec![]),
            }
        }
        None => (vec![], None, vec![]),
    };
    let mut codes: Vec<String> = stored.iter().map(|s| s.issuer.clone()).collect();
    codes.push(area.clone());
    codes.sort();
    codes.dedup();
    let names = areas::names(db, &codes).await?;
    if area != NATIONAL && !names.contains_key(&area) {
        return Err(AppError::field("area", "area.unknown"));
    }
    let name_of = |code: &str| names.get(code).cloned().unwrap_or_default();
    let publishers: Vec<String> = stored.iter().map(|s| s.created_by.clone()).collect();
    let people = accounts::display_names(db, &publishers).await?;
    let on = today();
    let versions = stored
        .iter()
        .map(|s| VersionRow {
            version: s.version.clone(),
            issuer: s.issuer.clone(),
            issuer_name: name_of(&s.issuer),
            effective_from: ymd(s.from),
            state: if Some(s.id) == current {
                VersionState::InForce
            } else if s.from > on {
                VersionState::Scheduled
            } else {
                VersionState::Earlier
            },
            created_by: people
                .get(&s.created_by)
                .cloned()
                .unwrap_or_else(|| s.created_by.clone()),
        })
        .collect();
    let provinces = match actor.scope {
        Scope::National => areas::drill_down(db, None).await?.children,
        Scope::Area(_) => vec![],
    };
    Ok(PolicyHistory {
        kind,
        tier,
        area_name: name_of(&area),
        area,
        versions,
        shown: shown.map(|i| stored[i].version.clone()),
        previous,
        settings: settings_now,
        changes,
        provinces,
    })
}
