//! The measures of the indicator system (the catalogue of what the system counts) and their
//! counting from facts of the records: which records fall in a period, and which of them count
//! as met. Pure; the records are read in `backend::service::performance`.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::period::Period;
use crate::domain::assistance::{ExitReason, ReviewStep};
use crate::domain::calendar::WorkCalendar;
use crate::domain::indicators::Share;
use crate::domain::policy::AssistancePolicy;

/// What the system counts from its records for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 登记认定按时办结率: files whose time limit (the steps' working days added up from the
    /// application) falls in the period, decided by it
    RegistrationsOnTime,
    /// 「一人一策」服务按时完成率: plan items due in the period, done by their due day
    ServicesOnTime,
    /// 零就业家庭按时清零率: cases whose clearing limit falls in the period, cleared by it
    ZeroClearedOnTime,
    /// 援助对象就业率: targets on the books in the period who found work in it
    TargetsEmployed,
    /// 稳定就业率: of the targets who found work, those who stayed in work for the policy's
    /// months (and left assistance for it) in the period
    TargetsStayedEmployed,
    /// 按期走访率: households due for a re-check visit in the period, visited by the due day
    VisitsOnSchedule,
    /// 援助卡发放率: targets confirmed in the period who hold a 就业援助卡
    CardsIssued,
    /// 退出人数: files ended in the period, by reason (a count)
    Exits,
}

impl Measure {
    pub const ALL: [Measure; 8] = [
        Measure::RegistrationsOnTime,
        Measure::ServicesOnTime,
        Measure::ZeroClearedOnTime,
        Measure::TargetsEmployed,
        Measure::TargetsStayedEmployed,
        Measure::VisitsOnSchedule,
        Measure::CardsIssued,
        Measure::Exits,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::RegistrationsOnTime => "registrations_on_time",
            Measure::ServicesOnTime => "services_on_time",
            Measure::ZeroClearedOnTime => "zero_cleared_on_time",
            Measure::TargetsEmployed => "targets_employed",
            Measure::TargetsStayedEmployed => "targets_stayed_employed",
            Measure::VisitsOnSchedule => "visits_on_schedule",
            Measure::CardsIssued => "cards_issued",
            Measure::Exits => "exits",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// How the measure is written: a rate in per mille, or a count.
    pub fn unit(self) -> MeasureUnit {
        match self {
            Measure::Exits => MeasureUnit::Count,
            _ => MeasureUnit::PerMille,
        }
    }
}

/// The unit of a measured value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureUnit {
    /// ‰ (950 = 95 %)
    PerMille,
    Count,
}

/// Something due on a day and maybe done: a file's time limit, a plan item, a clearing limit,
/// a re-check visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
}

/// The days a figure is counted over: a period's days up to `to`, the period's last day or, for
/// the period under way, today (what falls due later is not yet counted). Beijing days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// The window of `period` as counted on `today`; `None` before the period begins.
    pub fn of(period: Period, today: NaiveDate) -> Option<Window> {
        let from = period.first_day();
        (today >= from).then(|| Window {
            from,
            to: period.last_day().min(today),
        })
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        day >= self.from && day <= self.to
    }
}

/// Of the deadlines falling in `period`, those met (done on or before the due day), as counted
/// at the period's end: something done after the period's end counts as not done.
pub fn met_in(deadlines: &[Deadline], period: Period) -> Share {
    let w = Window {
        from: period.first_day(),
        to: period.last_day(),
    };
    let due = deadlines.iter().filter(|d| w.contains(d.due));
    let (met, whole) = due.fold((0, 0), |(met, whole), d| {
        (met + u64::from(is_met(d, w)), whole + 1)
    });
    Share { part: met, whole }
}

/// Done by the due day; the due day lies in the window, so a later completion never counts.
fn is_met(d: &Deadline, w: Window) -> bool {
    d.done.is_some_and(|done| done <= d.due && done <= w.to)
}

/// The kind of record a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// An assistance file (援助对象): registrations, work found and kept, cards, exits
    Target,
    /// A 「一人一策」 plan item
    PlanItem,
    /// A 零就业家庭 case
    ZeroCase,
    /// A household of the ledger (its re-check visits)
    Household,
}

/// A record with a deadline: a plan item, a 零就业家庭 case, one re-check of a household.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueRecord {
    pub id: i64,
    pub deadline: Deadline,
}

/// One record a measure counts in a window: in the population (`whole`), and `met` when it is
/// in the part. `due` and `done` are the days the judgement rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    pub kind: RecordKind,
    pub id: i64,
    pub met: bool,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// For exits, why the file ended
    pub exit_reason: Option<ExitReason>,
}

/// What an assistance file says for the measures on targets, the days in Beijing time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetFacts {
    pub id: i64,
    pub applied_on: NaiveDate,
    pub confirmed_on: Option<NaiveDate>,
    pub exited_on: Option<NaiveDate>,
    pub exit_reason: Option<ExitReason>,
    /// The registration's time limit: the four steps' working days added up from the
    /// application, under the file's policy version ([`decide_by`])
    pub decide_by: NaiveDate,
    /// The first day in work while the file was open: an accepted job referral or the day the
    /// ledger has the holder employed since ([`found_work_on`])
    pub found_work_on: Option<NaiveDate>,
    /// Months in work that count as stable employment (the file's policy version,
    /// `exit_stable_employment_months`)
    pub stay_months: u32,
    /// The day the file's first 就业援助卡 was issued
    pub card_issued_on: Option<NaiveDate>,
}

/// The records the measures count, as read for an area and a window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub targets: Vec<TargetFacts>,
    pub plan_items: Vec<DueRecord>,
    pub zero_cases: Vec<DueRecord>,
    /// One re-check per visit chain link, keyed by household ([`visit_deadlines`])
    pub visits: Vec<DueRecord>,
}

/// The day a registration must be decided by: `limit_days` working days (the four steps'
/// limits added up, DOMAIN.md §1 登记认定) after the application.
pub fn decide_by(
    applied_on: NaiveDate,
    policy: &AssistancePolicy,
    cal: &WorkCalendar,
) -> NaiveDate {
    let limit = ReviewStep::ALL.iter().map(|s| s.limit(policy)).sum();
    cal.add_working_days(applied_on, limit)
}

/// The first day in work while the file was open (from its application to its exit): the
/// earliest of the accepted job referrals and the ledger's `employed_since`, when either falls
/// in that time.
pub fn found_work_on(
    applied_on: NaiveDate,
    exited_on: Option<NaiveDate>,
    referrals_accepted: &[NaiveDate],
    employed_since: Option<NaiveDate>,
) -> Option<NaiveDate> {
    referrals_accepted
        .iter()
        .copied()
        .chain(employed_since)
        .filter(|d| *d >= applied_on && exited_on.is_none_or(|e| *d <= e))
        .min()
}

/// The re-checks of one household (DOMAIN.md §1 入户摸底, re-check every `recheck_months`): the
/// chain starts at the first contact (the day it was recorded, or an earlier visit) and each
/// visit restarts it; every link is due `months_at(start)` months after its start and done by
/// the next visit. A link due before the household was recorded is not the ledger's to count
/// (it was not in the ledger then: this system's rule). `visits` in any order.
pub fn visit_deadlines(
    household: i64,
    recorded_on: NaiveDate,
    visits: &[NaiveDate],
    months_at: impl Fn(NaiveDate) -> u32,
) -> Vec<DueRecord> {
    let mut starts: Vec<NaiveDate> = visits.to_vec();
    let first_visit = starts.iter().min().copied();
    if first_visit.is_none_or(|v| recorded_on < v) {
        starts.push(recorded_on);
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .iter()
        .enumerate()
        .map(|(n, start)| DueRecord {
            id: household,
            deadline: Deadline {
                due: start
                    .checked_add_months(Months::new(months_at(*start)))
                    .unwrap_or(NaiveDate::MAX),
                done: starts.get(n + 1).copied(),
            },
        })
        .filter(|r| r.deadline.due >= recorded_on)
        .collect()
}

/// The records `measure` counts in window `w`, each marked met or not (DOMAIN.md §2 and §3 for
/// what is measured; the exact populations are this system's, see [`super::Measure`]):
/// - deadlines (registrations, services, 零就业家庭, visits): those due in the window, met when
///   done by the due day;
/// - found work: files open in the window whose holder had not found work before it, met when
///   the holder found work in it;
/// - stayed in work: files whose stable-employment mark (work found + `stay_months`) falls in
///   the window, met when the file ended for stable employment by the window's end;
/// - cards: files confirmed in the window, met when a card was issued by its end;
/// - exits: files ended in the window, each with its reason (all met: a count).
pub fn count(measure: Measure, facts: &Facts, w: Window) -> Vec<Counted> {
    match measure {
        Measure::RegistrationsOnTime => facts
            .targets
            .iter()
            .filter_map(|t| {
                due(
                    RecordKind::Target,
                    t.id,
                    Deadline {
                        due: t.decide_by,
                        done: t.confirmed_on,
                    },
                    w,
                )
            })
            .collect(),
        Measure::ServicesOnTime => deadlines(RecordKind::PlanItem, &facts.plan_items, w),
        Measure::ZeroClearedOnTime => deadlines(RecordKind::ZeroCase, &facts.zero_cases, w),
        Measure::VisitsOnSchedule => deadlines(RecordKind::Household, &facts.visits, w),
        Measure::TargetsEmployed => facts
            .targets
            .iter()
            .filter(|t| {
                t.confirmed_on.is_some_and(|c| c <= w.to)
                    && t.exited_on.is_none_or(|e| e >= w.from)
                    && t.found_work_on.is_none_or(|f| f >= w.from)
            })
            .map(|t| {
                let found = t.found_work_on.filter(|f| *f <= w.to);
                target(t, found.is_some(), None, found)
            })
            .collect(),
        Measure::TargetsStayedEmployed => facts
            .targets
            .iter()
            .filter_map(|t| {
                let mark = t
                    .found_work_on?
                    .checked_add_months(Months::new(t.stay_months))?;
                w.contains(mark).then(|| {
                    let stayed = t.exited_on.filter(|e| {
                        *e <= w.to && t.exit_reason == Some(ExitReason::StableEmployment)
                    });
                    target(t, stayed.is_some(), Some(mark), stayed)
                })
            })
            .collect(),
        Measure::CardsIssued => facts
            .targets
            .iter()
            .filter(|t| t.confirmed_on.is_some_and(|c| w.contains(c)))
            .map(|t| {
                let issued = t.card_issued_on.filter(|i| *i <= w.to);
                target(t, issued.is_some(), t.confirmed_on, issued)
            })
            .collect(),
        Measure::Exits => facts
            .targets
            .iter()
            .filter(|t| t.exited_on.is_some_and(|e| w.contains(e)))
            .map(|t| Counted {
                exit_reason: t.exit_reason,
                ..target(t, true, None, t.exited_on)
            })
            .collect(),
    }
}

fn target(t: &TargetFacts, met: bool, due: Option<NaiveDate>, done: Option<NaiveDate>) -> Counted {
    Counted {
        kind: RecordKind::Target,
        id: t.id,
        met,
        due,
        done,
        exit_reason: None,
    }
}

fn due(kind: RecordKind, id: i64, d: Deadline, w: Window) -> Option<Counted> {
    w.contains(d.due).then(|| Counted {
        kind,
        id,
        met: is_met(&d, w),
        due: Some(d.due),
        done: d.done,
        exit_reason: None,
    })
}

fn deadlines(kind: RecordKind, records: &[DueRecord], w: Window) -> Vec<Counted> {
    records
        .iter()
        .filter_map(|r| due(kind, r.id, r.deadline, w))
        .collect()
}

/// The figure of counted records: met of all counted.
pub fn share(counted: &[Counted]) -> Share {
    Share {
        part: counted.iter().filter(|c| c.met).count() as u64,
        whole: counted.len() as u64,
    }
}

/// Exits by reason, in the order of [`ExitReason::ALL`], reasons without exits left out.
pub fn exits_by_reason(counted: &[Counted]) -> Vec<(ExitReason, u64)> {
    ExitReason::ALL
        .into_iter()
        .map(|r| {
            let n = counted.iter().filter(|c| c.exit_reason == Some(r)).count();
            (r, n as u64)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::performance::{MeasureUnit, value_of};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn deadlines_count_in_the_period_they_fall_due() {
        let p = Period::parse("2026-11").expect("month");
        let list = [
            // Due in November, done early: met.
            Deadline {
                due: d("2026-11-10"),
                done: Some(d("2026-11-09")),
            },
            // Due in November, done on the day: met.
            Deadline {
                due: d("2026-11-30"),
                done: Some(d("2026-11-30")),
            },
            // Due in November, done late in December: missed.
            Deadline {
                due: d("2026-11-20"),
                done: Some(d("2026-12-02")),
            },
            // Due in November, never done: missed.
            Deadline {
                due: d("2026-11-25"),
                done: None,
            },
            // Due in December: not November's.
            Deadline {
                due: d("2026-12-01"),
                done: Some(d("2026-11-15")),
            },
        ];
        assert_eq!(met_in(&list, p), Share { part: 2, whole: 4 });
        assert_eq!(value_of(MeasureUnit::PerMille, met_in(&list, p)), Some(500));
        assert_eq!(
            value_of(MeasureUnit::PerMille, Share { part: 0, whole: 0 }),
            None
        );
        assert_eq!(
            value_of(MeasureUnit::Count, Share { part: 7, whole: 0 }),
            Some(7)
        );
    }

    fn t(id: i64, applied: &str) -> TargetFacts {
        TargetFacts {
            id,
            applied_on: d(applied),
            confirmed_on: None,
            exited_on: None,
            exit_reason: None,
            decide_by: d(applied),
            found_work_on: None,
            stay_months: 3,
            card_issued_on: None,
        }
    }

    fn nov() -> Window {
        Window::of(Period::parse("2026-11").expect("month"), d("2026-12-15")).expect("begun")
    }

    fn ids(counted: &[Counted]) -> Vec<(i64, bool)> {
        counted.iter().map(|c| (c.id, c.met)).collect()
    }

    #[test]
    fn a_window_stops_at_today_and_opens_with_its_period() {
        let p = Period::parse("2026-11").expect("month");
        assert_eq!(Window::of(p, d("2026-10-31")), None);
        assert_eq!(
            Window::of(p, d("2026-11-12")),
            Some(Window {
                from: d("2026-11-01"),
                to: d("2026-11-12")
            })
        );
        assert_eq!(
            Window::of(p, d("2027-03-01")).map(|w| w.to),
            Some(d("2026-11-30"))
        );
    }

    #[test]
    fn a_registration_is_due_the_four_limits_in_working_days_after_applying() {
        let policy = AssistancePolicy::default();
        // 7 + 7 + 5 + 3 = 22 working days from Monday 2026-11-02: weekends only, 2026-12-02;
        // with a holiday on Friday 2026-11-20, a day later.
        let plain = WorkCalendar::new([]);
        assert_eq!(decide_by(d("2026-11-02"), &policy, &plain), d("2026-12-02"));
        let holiday =
            WorkCalendar::new([(d("2026-11-20"), crate::domain::calendar::DayKind::Holiday)]);
        assert_eq!(
            decide_by(d("2026-11-02"), &policy, &holiday),
            d("2026-12-03")
        );
    }

    #[test]
    fn registrations_count_where_their_limit_falls() {
        let mut on_time = t(1, "2026-10-05");
        on_time.decide_by = d("2026-11-04");
        on_time.confirmed_on = Some(d("2026-11-04"));
        let mut late = t(2, "2026-10-06");
        late.decide_by = d("2026-11-05");
        late.confirmed_on = Some(d("2026-11-06"));
        let mut open = t(3, "2026-10-30");
        open.decide_by = d("2026-11-30");
        let mut december = t(4, "2026-11-10");
        december.decide_by = d("2026-12-10");
        december.confirmed_on = Some(d("2026-11-20"));
        let facts = Facts {
            targets: vec![on_time, late, open, december],
            ..Facts::default()
        };
        let counted = count(Measure::RegistrationsOnTime, &facts, nov());
        assert_eq!(ids(&counted), vec![(1, true), (2, false), (3, false)]);
        assert_eq!(share(&counted), Share { part: 1, whole: 3 });
    }

    #[test]
    fn found_work_is_the_first_day_in_work_while_the_file_was_open() {
        let (applied, exited) = (d("2026-03-01"), Some(d("2026-09-30")));
        // A referral before the application does not count; the ledger's day does.
        assert_eq!(
            found_work_on(applied, exited, &[d("2026-02-01")], Some(d("2026-05-10"))),
            Some(d("2026-05-10"))
        );
        assert_eq!(
            found_work_on(
                applied,
                exited,
                &[d("2026-06-01"), d("2026-04-02")],
                Some(d("2026-05-10"))
            ),
            Some(d("2026-04-02"))
        );
        // Work found after the exit is not the file's.
        assert_eq!(
            found_work_on(applied, exited, &[], Some(d("2026-10-01"))),
            None
        );
        assert_eq!(found_work_on(applied, None, &[], None), None);
    }

    #[test]
    fn found_work_counts_the_files_open_in_the_window_not_yet_in_work() {
        let mut found = t(1, "2026-09-01");
        found.confirmed_on = Some(d("2026-10-01"));
        found.found_work_on = Some(d("2026-11-30"));
        let mut looking = t(2, "2026-09-01");
        looking.confirmed_on = Some(d("2026-10-01"));
        let mut already = t(3, "2026-09-01");
        already.confirmed_on = Some(d("2026-10-01"));
        already.found_work_on = Some(d("2026-10-31"));
        let mut gone = t(4, "2026-09-01");
        gone.confirmed_on = Some(d("2026-10-01"));
        gone.exited_on = Some(d("2026-10-31"));
        let mut next_month = t(5, "2026-09-01");
        next_month.confirmed_on = Some(d("2026-11-01"));
        next_month.found_work_on = Some(d("2026-12-01"));
        let in_review = t(6, "2026-11-02");
        let facts = Facts {
            targets: vec![found, looking, already, gone, next_month, in_review],
            ..Facts::default()
        };
        let counted = count(Measure::TargetsEmployed, &facts, nov());
        assert_eq!(ids(&counted), vec![(1, true), (2, false), (5, false)]);
    }

    #[test]
    fn staying_in_work_is_judged_when_the_stable_mark_falls() {
        let mut stayed = t(1, "2026-05-01");
        stayed.found_work_on = Some(d("2026-08-10"));
        stayed.exited_on = Some(d("2026-11-12"));
        stayed.exit_reason = Some(ExitReason::StableEmployment);
        // Ended after November: not stayed as November counts it.
        let mut late = t(2, "2026-05-01");
        late.found_work_on = Some(d("2026-08-31"));
        late.exited_on = Some(d("2026-12-01"));
        late.exit_reason = Some(ExitReason::StableEmployment);
        // Ended for another reason.
        let mut moved = t(3, "2026-05-01");
        moved.found_work_on = Some(d("2026-08-15"));
        moved.exited_on = Some(d("2026-11-20"));
        moved.exit_reason = Some(ExitReason::MovedAway);
        // Mark in October.
        let mut october = t(4, "2026-05-01");
        october.found_work_on = Some(d("2026-07-31"));
        let facts = Facts {
            targets: vec![stayed, late, moved, october],
            ..Facts::default()
        };
        let counted = count(Measure::TargetsStayedEmployed, &facts, nov());
        assert_eq!(ids(&counted), vec![(1, true), (2, false), (3, false)]);
        assert_eq!(counted[0].due, Some(d("2026-11-10")));
    }

    #[test]
    fn cards_and_exits_count_in_the_window_of_their_day() {
        let mut carded = t(1, "2026-10-01");
        carded.confirmed_on = Some(d("2026-11-01"));
        carded.card_issued_on = Some(d("2026-11-01"));
        let mut none = t(2, "2026-10-01");
        none.confirmed_on = Some(d("2026-11-30"));
        none.card_issued_on = Some(d("2026-12-01"));
        let mut ended = t(3, "2026-01-01");
        ended.confirmed_on = Some(d("2026-02-01"));
        ended.exited_on = Some(d("2026-11-30"));
        ended.exit_reason = Some(ExitReason::NoContact);
        let mut ended_too = t(4, "2026-01-01");
        ended_too.exited_on = Some(d("2026-11-01"));
        ended_too.exit_reason = Some(ExitReason::NoContact);
        let mut december = t(5, "2026-01-01");
        december.exited_on = Some(d("2026-12-01"));
        december.exit_reason = Some(ExitReason::Died);
        let facts = Facts {
            targets: vec![carded, none, ended, ended_too, december],
            ..Facts::default()
        };
        let cards = count(Measure::CardsIssued, &facts, nov());
        assert_eq!(ids(&cards), vec![(1, true), (2, false)]);
        let exits = count(Measure::Exits, &facts, nov());
        assert_eq!(ids(&exits), vec![(3, true), (4, true)]);
        assert_eq!(exits_by_reason(&exits), vec![(ExitReason::NoContact, 2)]);
    }

    #[test]
    fn visits_chain_from_the_first_contact_each_due_months_after_the_last() {
        let three = |_: NaiveDate| 3;
        // Recorded 2026-05-20, visited 2026-08-19 (in time) and 2026-12-01 (late for
        // 2026-11-19): the last link is due 2027-03-01, open.
        let chain = visit_deadlines(
            7,
            d("2026-05-20"),
            &[d("2026-12-01"), d("2026-08-19")],
            three,
        );
        let links: Vec<(NaiveDate, Option<NaiveDate>)> = chain
            .iter()
            .map(|r| (r.deadline.due, r.deadline.done))
            .collect();
        assert_eq!(
            links,
            vec![
                (d("2026-08-20"), Some(d("2026-08-19"))),
                (d("2026-11-19"), Some(d("2026-12-01"))),
                (d("2027-03-01"), None),
            ]
        );
        let facts = Facts {
            visits: chain,
            ..Facts::default()
        };
        assert_eq!(
            ids(&count(Measure::VisitsOnSchedule, &facts, nov())),
            vec![(7, false)]
        );
        // A visit before the household was recorded starts the chain; the record day does not.
        let early = visit_deadlines(8, d("2026-06-01"), &[d("2026-05-01")], |_| 1);
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].deadline.due, d("2026-06-01"));
        // Visited a year before it was recorded: the link that fell due before is not counted.
        let late = visit_deadlines(
            10,
            d("2026-05-28"),
            &[d("2025-06-01"), d("2026-06-10")],
            three,
        );
        let dues: Vec<NaiveDate> = late.iter().map(|r| r.deadline.due).collect();
        assert_eq!(dues, vec![d("2026-09-10")]);
        // The months come from the policy in force when each link starts.
        let changed = visit_deadlines(9, d("2026-01-10"), &[d("2026-04-10")], |start| {
            if start >= d("2026-04-01") { 1 } else { 3 }
        });
        assert_eq!(changed[1].deadline.due, d("2026-05-10"));
    }

    #[test]
    fn the_period_under_way_counts_only_what_has_fallen_due() {
        let items = vec![
            DueRecord {
                id: 1,
                deadline: Deadline {
                    due: d("2026-11-03"),
                    done: Some(d("2026-11-02")),
                },
            },
            DueRecord {
                id: 2,
                deadline: Deadline {
                    due: d("2026-11-10"),
                    done: None,
                },
            },
            DueRecord {
                id: 3,
                deadline: Deadline {
                    due: d("2026-11-11"),
                    done: None,
                },
            },
        ];
        let facts = Facts {
            plan_items: items,
            ..Facts::default()
        };
        let p = Period::parse("2026-11").expect("month");
        let w = Window::of(p, d("2026-11-10")).expect("begun");
        assert_eq!(
            ids(&count(Measure::ServicesOnTime, &facts, w)),
            vec![(1, true), (2, false)]
        );
    }
}
