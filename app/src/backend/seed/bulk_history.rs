//! The assistance history of the synthetic ledger, for benchmarks of the performance figures
//! (`seed-ledger --history`): each household recorded on a day of the last two years and
//! visited about every three months since; one household in twelve with an assistance file
//! for its first member, applied in the last eighteen months, most confirmed within about the
//! time limit and carded, with three 「一人一策」 items, and for some a job found and an exit.
//! The rates are this system's guesses at a working district, not published figures.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::{ConnectionTrait, EntityTrait, NotSet, Set};

use crate::backend::entity::{
    assistance_card as card, assistance_target as target, plan_item, service_record, visit,
};
use crate::model::AppError;

/// Rows per insert statement.
const CHUNK: usize = 1000;

/// What a batch of households adds, written after the households and people.
pub(super) struct History {
    next_target: i64,
    visits: Vec<visit::ActiveModel>,
    targets: Vec<target::ActiveModel>,
    items: Vec<plan_item::ActiveModel>,
    cards: Vec<card::ActiveModel>,
    records: Vec<service_record::ActiveModel>,
}

fn after(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

fn before(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days)).unwrap_or(day)
}

/// 10:00 Beijing time on `day`, in UTC.
fn morning(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(2, 0, 0).unwrap_or_default().and_utc()
}

impl History {
    /// Files get ids from `next_target` on.
    pub(super) fn new(next_target: i64) -> History {
        History {
            next_target,
            visits: Vec::new(),
            targets: Vec::new(),
            items: Vec::new(),
            cards: Vec::new(),
            records: Vec::new(),
        }
    }

    /// Gathers the history of household `household` (its first member `person`) in
    /// `community`, as of `today`; returns when the household was recorded.
    pub(super) fn add(
        &mut self,
        rng: &mut StdRng,
        today: NaiveDate,
        household: i64,
        person: i64,
        community: &str,
        policy_version: &str,
    ) -> DateTime<Utc> {
        let recorded = before(today, rng.gen_range(0..730));
        // Re-checks about every three months, now and then one skipped.
        let mut on = recorded;
        loop {
            on = after(on, rng.gen_range(60..130));
            if on > today {
                break;
            }
            if rng.gen_bool(0.9) {
                self.visits.push(visit::ActiveModel {
                    id: NotSet,
                    household_id: Set(household),
                    visited_on: Set(on),
                    account_id: Set(None),
                    worker_name: Set("bench".into()),
                    note: Set(String::new()),
                    created_at: Set(morning(on)),
                });
            }
        }
        if rng.gen_ratio(1, 12) {
            self.file(rng, today, recorded, person, community, policy_version);
        }
        morning(recorded)
    }

    fn file(
        &mut self,
        rng: &mut StdRng,
        today: NaiveDate,
        recorded: NaiveDate,
        person: i64,
        community: &str,
        policy_version: &str,
    ) {
        let id = self.next_target;
        self.next_target += 1;
        let applied = before(today, rng.gen_range(0..540)).max(recorded);
        let confirmed = Some(after(applied, rng.gen_range(10..40)))
            .filter(|c| *c <= today && rng.gen_bool(0.92));
        let mut exit: Option<(NaiveDate, &str)> = None;
        if let Some(c) = confirmed {
            if rng.gen_bool(0.95) {
                let issued = after(c, rng.gen_range(0..3)).min(today);
                self.cards.push(card::ActiveModel {
                    id: NotSet,
                    number: Set(format!("B{id:011}")),
                    target_id: Set(id),
                    person_id: Set(person),
                    community_code: Set(community.to_string()),
                    holder_name: Set("援助对象".into()),
                    categories: Set("long_term_unemployed".into()),
                    office_name: Set("街道".into()),
                    coordinator_name: Set("协理员".into()),
                    issued_on: Set(issued),
                    status: Set("valid".into()),
                    status_on: Set(issued),
                    version: Set(1),
                    coordinator_contact: Set(None),
                });
            }
            for (n, service) in ["career_guidance", "job_referral", "training"]
                .into_iter()
                .enumerate()
            {
                let due = after(c, 30 * (n as u64 + 1));
                let done = if rng.gen_bool(0.8) {
                    Some(before(due, rng.gen_range(0..10)))
                } else if rng.gen_bool(0.5) {
                    Some(after(due, rng.gen_range(1..20)))
                } else {
                    None
                };
                self.items.push(plan_item::ActiveModel {
                    id: NotSet,
                    target_id: Set(id),
                    community_code: Set(community.to_string()),
                    service: Set(service.into()),
                    planned_on: Set(c),
                    due_on: Set(due),
                    done_on: Set(done.filter(|d| *d <= today)),
                    due_basis: Set(None),
                    created_by: Set("bench".into()),
                });
            }
            let found = Some(after(c, rng.gen_range(20..200)))
                .filter(|f| *f <= today && rng.gen_bool(0.45));
            if let Some(f) = found {
                self.records.push(service_record::ActiveModel {
                    id: NotSet,
                    target_id: Set(id),
                    plan_item_id: Set(None),
                    service: Set("job_referral".into()),
                    served_on: Set(f),
                    worker_name: Set("bench".into()),
                    outcome: Set("accepted".into()),
                    employer: Set(Some("某公司".into())),
                    note: Set(None),
                    created_at: Set(morning(f)),
                });
                let stable = f
                    .checked_add_months(Months::new(3))
                    .map(|m| after(m, rng.gen_range(0..20)))
                    .filter(|m| *m <= today);
                if let Some(m) = stable.filter(|_| rng.gen_bool(0.8)) {
                    exit = Some((m, "stable_employment"));
                }
            } else if rng.gen_bool(0.04) {
                let moved = after(c, rng.gen_range(30..300));
                if moved <= today {
                    exit = Some((moved, "moved_away"));
                }
            }
        }
        let status = match (confirmed, exit) {
            (_, Some(_)) => "exited",
            (Some(_), None) => "confirmed",
            (None, None) => "in_review",
        };
        self.targets.push(target::ActiveModel {
            id: Set(id),
            person_id: Set(person),
            community_code: Set(community.to_string()),
            categories: Set("long_term_unemployed".into()),
            policy_version: Set(policy_version.to_string()),
            status: Set(status.into()),
            step: Set((status == "in_review").then(|| "county".into())),
            step_since: Set(None),
            step_due: Set(None),
            step_due_basis: Set(None),
            unsupported_categories: Set(String::new()),
            category_reason: Set(None),
            notice_until: Set(None),
            applied_on: Set(applied),
            confirmed_on: Set(confirmed),
            exit_reason: Set(exit.map(|(_, r)| r.to_string())),
            exited_on: Set(exit.map(|(on, _)| on)),
            is_demo: Set(true),
            created_at: Set(morning(applied)),
            updated_at: Set(morning(applied)),
            version: Set(1),
        });
    }

    /// Writes what was gathered (files before what refers to them) and empties it.
    pub(super) async fn write<C: ConnectionTrait>(&mut self, conn: &C) -> Result<(), AppError> {
        for chunk in std::mem::take(&mut self.targets).chunks(CHUNK) {
            target::Entity::insert_many(chunk.to_vec())
                .exec(conn)
                .await?;
        }
        for chunk in std::mem::take(&mut self.items).chunks(CHUNK) {
            plan_item::Entity::insert_many(chunk.to_vec())
                .exec(conn)
                .await?;
        }
        for chunk in std::mem::take(&mut self.cards).chunks(CHUNK) {
            card::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
        }
        for chunk in std::mem::take(&mut self.records).chunks(CHUNK) {
            service_record::Entity::insert_many(chunk.to_vec())
                .exec(conn)
                .await?;
        }
        for chunk in std::mem::take(&mut self.visits).chunks(CHUNK) {
            visit::Entity::insert_many(chunk.to_vec())
                .exec(conn)
                .await?;
        }
        Ok(())
    }
}
