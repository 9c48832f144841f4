//! The records behind one figure of a scorecard: the same count as the scorecard's, listed a
//! page at a time, each record named as the reader's role may see it.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use super::facts;
use super::scorecard::{area_in_scope, scope_area, window};
use crate::backend::actor::Actor;
use crate::backend::entity::{
    assistance_target as target, household, person, plan_item, zero_case,
};
use crate::backend::service::{areas, paging};
use crate::domain::calendar::{ymd, ymd_opt};
use crate::domain::performance::Measure;
use crate::domain::performance::measures::{self, Counted, RecordKind};
use crate::domain::person_name;
use crate::model::AppError;
use crate::model::performance::{FigureQuery, FigureRecord, FigureRecords};

/// Which of a figure's records to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Show {
    Missed,
    Met,
    All,
}

impl Show {
    fn parse(raw: Option<&str>) -> Result<Show, AppError> {
        match raw.map(str::trim).unwrap_or("") {
            "" | "missed" => Ok(Show::Missed),
            "met" => Ok(Show::Met),
            "all" => Ok(Show::All),
            _ => Err(AppError::field("show", "figure.show")),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Show::Missed => "missed",
            Show::Met => "met",
            Show::All => "all",
        }
    }

    fn keeps(self, c: &Counted) -> bool {
        match self {
            Show::Missed => !c.met,
            Show::Met => c.met,
            Show::All => true,
        }
    }
}

/// The records counted for one measure of an area's scorecard, missed first, then by the
/// day due. Those who work the ledger (coordinators, street and county officers) see names,
/// addresses and links to the records; the others a masked name and no address. Errors: those
/// of a scorecard, `measure`/`figure.measure` for an unknown measure, `show`/`figure.show`,
/// `page`/`page.out_of_range`.
pub async fn records(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &FigureQuery,
) -> Result<FigureRecords, AppError> {
    let measure = Measure::parse(query.measure.trim())
        .ok_or_else(|| AppError::field("measure", "figure.measure"))?;
    let show = Show::parse(query.show.as_deref())?;
    let paging = paging(query.page.as_deref(), Some("50"))?;
    let (period, w) = window(query.period.as_deref())?;
    let scope = area_in_scope(db, actor, query.area.as_deref()).await?;
    let (area_code, area_name) = scope_area(db, scope).await?;
    let facts = facts::read(db, scope.range().as_ref(), w).await?;
    let mut counted = measures::count(measure, &facts, w);
    let share = measures::share(&counted);
    counted.retain(|c| show.keeps(c));
    counted.sort_by_key(|c| (c.met, c.due, c.id));
    let total = counted.len() as u64;
    let page: Vec<Counted> = counted
        .into_iter()
        .skip(usize::try_from(paging.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(paging.per_page).unwrap_or(0))
        .collect();
    let open = actor.role.writes_ledger();
    let named = names(db, &page, open).await?;
    let communities: Vec<String> = named.values().map(|n| n.community.clone()).collect();
    let community_names = areas::names(db, &communities).await?;
    let rows = page
        .iter()
        .map(|c| {
            let n = named.get(&(c.kind, c.id));
            let community = n.map(|n| n.community.clone()).unwrap_or_default();
            FigureRecord {
                kind: c.kind,
                community_name: community_names.get(&community).cloned().unwrap_or_default(),
                community_code: community,
                label: n.map(|n| n.label.clone()).unwrap_or_default(),
                due: ymd_opt(c.due),
                done: ymd_opt(c.done.filter(|d| *d <= w.to)),
                met: c.met,
                exit_reason: c.exit_reason,
                link: n.and_then(|n| n.link.clone()),
            }
        })
        .collect();
    Ok(FigureRecords {
        area_code,
        area_name,
        period: period.label(),
        as_of: ymd(w.to),
        measure,
        part: share.part,
        whole: share.whole,
        show: show.as_str().into(),
        total,
        page: paging.page,
        per_page: paging.per_page,
        rows,
    })
}

/// How one record is named on the list.
struct Named {
    community: String,
    label: String,
    link: Option<String>,
}

/// The names of a page's records: people by name, households by address (`open`), else a
/// masked name and the household's number.
async fn names(
    db: &DatabaseConnection,
    page: &[Counted],
    open: bool,
) -> Result<HashMap<(RecordKind, i64), Named>, AppError> {
    let ids = |kind: RecordKind| -> Vec<i64> {
        page.iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.id)
            .collect()
    };
    let mut out = HashMap::new();
    // Plan items name their file's holder.
    let items: Vec<(i64, i64, String)> = plan_item::Entity::find()
        .select_only()
        .columns([
            plan_item::Column::Id,
            plan_item::Column::TargetId,
            plan_item::Column::CommunityCode,
        ])
        .filter(plan_item::Column::Id.is_in(ids(RecordKind::PlanItem)))
        .into_tuple()
        .all(db)
        .await?;
    let mut file_ids = ids(RecordKind::Target);
    file_ids.extend(items.iter().map(|(_, t, _)| *t));
    let files: HashMap<i64, (i64, String)> = target::Entity::find()
        .select_only()
        .columns([
            target::Column::Id,
            target::Column::PersonId,
            target::Column::CommunityCode,
        ])
        .filter(target::Column::Id.is_in(file_ids))
        .into_tuple::<(i64, i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, p, c)| (id, (p, c)))
        .collect();
    let people: HashMap<i64, String> = person::Entity::find()
        .select_only()
        .columns([person::Column::Id, person::Column::Name])
        .filter(person::Column::Id.is_in(files.values().map(|(p, _)| *p)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let holder = |file: i64| -> Option<(i64, String)> {
        let (p, _) = files.get(&file)?;
        let name = people.get(p)?;
        Some((
            *p,
            if open {
                name.clone()
            } else {
                person_name::mask(name)
            },
        ))
    };
    let person_link = |p: i64| open.then(|| format!("/people/{p}"));
    for (id, (_, community)) in &files {
        if let Some((p, label)) = holder(*id) {
            out.insert(
                (RecordKind::Target, *id),
                Named {
                    community: community.clone(),
                    label,
                    link: person_link(p),
                },
            );
        }
    }
    for (id, file, community) in items {
        if let Some((p, label)) = holder(file) {
            out.insert(
                (RecordKind::PlanItem, id),
                Named {
                    community,
                    label,
                    link: person_link(p),
                },
            );
        }
    }
    // Cases name their household.
    let cases: Vec<(i64, i64)> = zero_case::Entity::find()
        .select_only()
        .columns([zero_case::Column::Id, zero_case::Column::HouseholdId])
        .filter(zero_case::Column::Id.is_in(ids(RecordKind::ZeroCase)))
        .into_tuple()
        .all(db)
        .await?;
    let mut home_ids = ids(RecordKind::Household);
    home_ids.extend(cases.iter().map(|(_, h)| *h));
    let homes: HashMap<i64, (String, String)> = household::Entity::find()
        .select_only()
        .columns([
            household::Column::Id,
            household::Column::CommunityCode,
            household::Column::Address,
        ])
        .filter(household::Column::Id.is_in(home_ids))
        .into_tuple::<(i64, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, c, a)| (id, (c, a)))
        .collect();
    let home = |h: i64| -> Option<Named> {
        let (community, address) = homes.get(&h)?;
        Some(Named {
            community: community.clone(),
            label: if open {
                address.clone()
            } else {
                format!("#{h}")
            },
            link: open.then(|| format!("/ledger/{h}")),
        })
    };
    for h in ids(RecordKind::Household) {
        if let Some(n) = home(h) {
            out.insert((RecordKind::Household, h), n);
        }
    }
    for (id, h) in cases {
        if let Some(n) = home(h) {
            out.insert((RecordKind::ZeroCase, id), n);
        }
    }
    Ok(out)
}
