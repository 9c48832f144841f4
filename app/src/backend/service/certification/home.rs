//! The certification page of an account (`/certification`): a summary of every list it has
//! (files to decide, objections to investigate, titles due for re-inspection, rounds,
//! candidates for the national round, the files of its area), then each list's first five, or
//! one list opened and paged ([`crate::domain::grouped`]).

use sea_orm::DatabaseConnection;

use super::{applications, indicators, objections, rounds, titles};
use crate::backend::actor::Actor;
use crate::backend::clock::today;
use crate::domain::cert_lists::CertList;
use crate::domain::certification::Tier;
use crate::domain::grouped::{GroupedView, slice};
use crate::domain::role::{Role, Scope};
use crate::model::AppError;
use crate::model::certification::{CertHome, CertHomeQuery, CertListCount};

/// The page for `actor` (every role that reads the ledger). Errors: `Forbidden` for the others;
/// the field errors `list`/`cert.bad_list` and `page`.
pub async fn for_actor(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &CertHomeQuery,
) -> Result<CertHome, AppError> {
    if !actor.role.reads_ledger() {
        return Err(AppError::Forbidden);
    }
    let view = parse_view(query)?;
    let rounds = rounds::list(db, actor).await?;
    let queue = applications::queue(db, actor).await?;
    let files = applications::list(db, actor, None).await?;
    let own = match (&actor.role, &actor.scope) {
        (Role::Coordinator, Scope::Area(code)) => {
            Some(indicators::community(db, actor, code.as_str(), today(), Tier::Community).await?)
        }
        _ => None,
    };
    let investigates = matches!(
        actor.role,
        Role::CityOfficer | Role::ProvinceOfficer | Role::Ministry
    );
    let objections = if investigates {
        objections::pending(db, actor).await?
    } else {
        Vec::new()
    };
    let inspects = matches!(actor.role, Role::ProvinceOfficer | Role::Ministry);
    let due = if inspects {
        titles::due(db, actor).await?
    } else {
        Vec::new()
    };
    let candidates = titles::candidates(db, actor).await?;
    let count = |list: CertList, total: usize, overdue: usize| CertListCount {
        list,
        total: total as u64,
        overdue: overdue as u64,
    };
    // The lists this account has: those it can act on when they hold something, the rounds and
    // files of its area always, and the opened one (empty, it says so).
    let counts: Vec<CertListCount> = [
        count(
            CertList::Queue,
            queue.len(),
            queue.iter().filter(|a| a.overdue).count(),
        ),
        count(CertList::Objections, objections.len(), 0),
        count(
            CertList::Due,
            due.len(),
            due.iter().filter(|t| t.overdue).count(),
        ),
        count(CertList::Rounds, rounds.len(), 0),
        count(CertList::Candidates, candidates.len(), 0),
        count(CertList::Files, files.len(), 0),
    ]
    .into_iter()
    .filter(|c| {
        c.total > 0
            || matches!(c.list, CertList::Rounds | CertList::Files)
            || view.group == Some(c.list)
    })
    .collect();
    let total = |list: CertList| {
        counts
            .iter()
            .find(|c| c.list == list)
            .map_or(0, |c| c.total)
    };
    Ok(CertHome {
        role: actor.role,
        home_area: match &actor.scope {
            Scope::Area(code) => Some(code.as_str().to_string()),
            Scope::National => None,
        },
        opened: view.group,
        page: view.page,
        pages: view.group.map_or(1, |l| view.pages(total(l))),
        open_rounds: rounds.iter().filter(|r| r.open).cloned().collect(),
        rounds: slice(rounds, view.window(CertList::Rounds)),
        queue: slice(queue, view.window(CertList::Queue)),
        files: slice(files, view.window(CertList::Files)),
        own,
        objections: slice(objections, view.window(CertList::Objections)),
        due: slice(due, view.window(CertList::Due)),
        candidates: slice(candidates, view.window(CertList::Candidates)),
        counts,
    })
}

fn parse_view(query: &CertHomeQuery) -> Result<GroupedView<CertList>, AppError> {
    let group = match query.list.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(l) => {
            Some(CertList::parse(l).ok_or_else(|| AppError::field("list", "cert.bad_list"))?)
        }
    };
    let page = crate::backend::service::paging(query.page.as_deref(), None)?.page;
    Ok(GroupedView { group, page })
}
