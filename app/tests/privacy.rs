//! A masked view carries nothing that rebuilds what the mask hides (issue 14). For every masked
//! ID number of the demo ledger, in every view that shows one (a household's record, the
//! ledger export, the duplicates list, a saved version), the number is rebuilt by brute force
//! from everything that view shows beside it, and at least 10,000 candidates must remain;
//! phones the same. The check character and the candidates are computed here, not by the app.

#![cfg(feature = "ssr")]

use chrono::{Datelike, NaiveDate};

use app::backend::clock::today;
use app::backend::service::ledger::{duplicates, export, history, households, people};
use app::backend::testing::{actor, dbs_with_areas as dbs};
use app::backend::workbook::{Bounds, first_sheet};
use app::domain::role::Role;
use app::model::ledger::{HouseholdQuery, PersonInput};

/// At least this many numbers must fit what a masked view shows.
const ENOUGH: u64 = 10_000;

/// GB 11643: the weights of the first 17 digits and the check character of each remainder.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The weighted sum of digits placed at `start..`.
fn weighted(digits: &[u8], start: usize) -> u32 {
    digits
        .iter()
        .zip(&WEIGHTS[start..])
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum()
}

/// What a view shows beside a masked ID number.
#[derive(Default, Clone, Copy)]
struct Beside<'a> {
    /// Whole years on the day of the view
    age: Option<i32>,
    /// `male`/`female` (`男`/`女`)
    sex: Option<&'a str>,
    /// YYYY-MM-DD
    birth_date: Option<&'a str>,
}

/// How many valid numbers fit `masked` (`*` where hidden) and what is shown beside it. Hidden
/// area digits are taken as known (the record's community shows the county): the count is of
/// birth dates and sequence numbers, so it is the smallest an informed reader gets.
fn candidates(masked: &str, beside: Beside<'_>, on: NaiveDate) -> u64 {
    let m = masked.as_bytes();
    assert_eq!(m.len(), 18, "{masked}");
    let fits = |pos: usize, c: u8| m[pos] == b'*' || m[pos].eq_ignore_ascii_case(&c);
    let (from, to) = match (beside.birth_date, beside.age) {
        (Some(d), _) => {
            let d = NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
            (d, d)
        }
        (None, Some(age)) => {
            // Born after the day `age + 1` years before `on`, on or before `age` years before.
            let latest = on.with_year(on.year() - age).expect("date");
            let earliest = on
                .with_year(on.year() - age - 1)
                .expect("date")
                .succ_opt()
                .expect("date");
            (earliest, latest)
        }
        (None, None) => (NaiveDate::from_ymd_opt(1900, 1, 1).expect("date"), on),
    };
    let male = match beside.sex {
        Some("male" | "男") => Some(true),
        Some("female" | "女") => Some(false),
        _ => None,
    };
    let area = weighted(&m[..6], 0);
    let mut count = 0u64;
    let mut day = from;
    while day <= to {
        let digits = day.format("%Y%m%d").to_string();
        if digits.bytes().enumerate().all(|(i, c)| fits(6 + i, c)) {
            let head = area + weighted(digits.as_bytes(), 6);
            for seq in 0..1000u32 {
                let s = [
                    b'0' + (seq / 100) as u8,
                    b'0' + (seq / 10 % 10) as u8,
                    b'0' + (seq % 10) as u8,
                ];
                if !(0..3).all(|i| fits(14 + i, s[i])) {
                    continue;
                }
                if male.is_some_and(|male| ((s[2] - b'0') % 2 == 1) != male) {
                    continue;
                }
                let check = CHECK[((head + weighted(&s, 14)) % 11) as usize];
                if fits(17, check) {
                    count += 1;
                }
            }
        }
        day = day.succ_opt().expect("date");
    }
    count
}

/// Numbers that fit a masked phone: ten for each hidden digit.
fn phone_candidates(masked: &str) -> u64 {
    10u64.pow(masked.chars().filter(|c| *c == '*').count() as u32)
}

#[test]
fn the_counter_finds_what_an_unmasked_view_gives_away() {
    // The counter itself can fail: with the birth date beside an old-style mask (first four,
    // last four) a handful of numbers is left.
    let on = NaiveDate::from_ymd_opt(2026, 9, 24).expect("date");
    let shown = Beside {
        birth_date: Some("1949-12-31"),
        ..Beside::default()
    };
    assert_eq!(candidates("110105********002X", shown, on), 1);
    assert_eq!(candidates("11010519491231002*", Beside::default(), on), 1);
    assert!(phone_candidates("138****8000") == ENOUGH);
}

#[tokio::test]
async fn no_masked_view_rebuilds_a_number() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        app::backend::seed::ledger::seed(&t.db)
            .await
            .expect("demo ledger");
        let on = today();
        let city = actor(Role::CityOfficer, Some("440300000000"));
        let mut checked = 0usize;

        // A household's record: every member, masked.
        let page = households::list(
            &t.db,
            &city,
            &HouseholdQuery {
                per_page: Some("100".into()),
                ..HouseholdQuery::default()
            },
        )
        .await
        .expect("list");
        assert!(!page.items.is_empty());
        for item in page.items.iter().take(12) {
            let d = households::get(&t.db, &city, item.id)
                .await
                .expect("household");
            for m in &d.members {
                assert!(m.masked);
                assert_eq!(m.birth_date, None, "a masked record shows no birth date");
                let beside = Beside {
                    age: Some(m.age),
                    sex: Some(&m.sex),
                    birth_date: None,
                };
                let n = candidates(&m.id_number, beside, on);
                assert!(n >= ENOUGH, "{}: {n} candidates", m.id_number);
                if let Some(phone) = &m.phone {
                    assert!(phone_candidates(phone) >= ENOUGH, "{phone}");
                }
                checked += 1;
            }
        }

        // The ledger export, masked for the city: every row from what the row shows.
        let (bytes, _) = export::ledger_xlsx(&t.db, &city, &HouseholdQuery::default())
            .await
            .expect("export");
        let sheet = first_sheet(&bytes, &Bounds::RATINGS).expect("sheet");
        let header = &sheet.rows[0];
        let col = |name: &str| header.iter().position(|h| h == name);
        assert_eq!(col("出生日期"), None, "a masked export has no birth dates");
        let (age, sex, number, phone) = (
            col("年龄").expect("age"),
            col("性别").expect("sex"),
            col("身份证号").expect("number"),
            col("联系电话").expect("phone"),
        );
        for row in sheet.rows.iter().skip(1).take(40) {
            let beside = Beside {
                age: row[age].parse().ok(),
                sex: Some(&row[sex]),
                birth_date: None,
            };
            let n = candidates(&row[number], beside, on);
            assert!(n >= ENOUGH, "{}: {n} candidates", row[number]);
            if !row[phone].is_empty() {
                assert!(phone_candidates(&row[phone]) >= ENOUGH);
            }
            checked += 1;
        }

        // A pair flagged as a possible duplicate, seen by the street's officer.
        let coordinator = actor(Role::Coordinator, Some("440305001001"));
        let street = actor(Role::StreetOfficer, Some("440305001"));
        let h = households::create(
            &t.db,
            &coordinator,
            &app::model::ledger::HouseholdInput {
                community_code: Some("440305001001".into()),
                address: Some("南头城北街2号".into()),
                urban_hukou: true,
                ..Default::default()
            },
        )
        .await
        .expect("household")
        .household
        .id;
        let person = |number: &str, name: &str| PersonInput {
            id_number: Some(number.into()),
            name: Some(name.into()),
            phone: Some("13800138000".into()),
            ability: Some("full".into()),
            status: Some("unemployed".into()),
            ..PersonInput::default()
        };
        let first = app::backend::testing::id_number("440305", "19870606", "012");
        let second = app::backend::testing::id_number("440305", "19870606", "014");
        people::add(&t.db, &coordinator, h, &person(&first, "李娜"))
            .await
            .expect("first");
        let added = people::add(&t.db, &coordinator, h, &person(&second, "李 娜"))
            .await
            .expect("second");
        let flags = duplicates::list(&t.db, &street).await.expect("flags");
        assert!(!flags.is_empty());
        for side in flags.iter().flat_map(|f| [&f.first, &f.second]) {
            let beside = Beside {
                age: Some(side.age),
                ..Beside::default()
            };
            let n = candidates(&side.id_number, beside, on);
            assert!(n >= ENOUGH, "{}: {n} candidates", side.id_number);
            checked += 1;
        }

        // A saved version of a person.
        let id = added
            .members
            .iter()
            .find(|m| m.name == "李 娜")
            .expect("member")
            .id;
        let snapshot = history::get(&t.db, people::ENTITY, id, 1)
            .await
            .expect("version");
        assert!(snapshot.fields.iter().all(|f| f.name != "birth_date"));
        let number = snapshot
            .fields
            .iter()
            .find(|f| f.name == "id_number")
            .expect("number");
        let sex = snapshot
            .fields
            .iter()
            .find(|f| f.name == "sex")
            .map(|f| f.value.as_str());
        let beside = Beside {
            sex,
            ..Beside::default()
        };
        assert!(candidates(&number.value, beside, on) >= ENOUGH);
        assert!(checked > 40, "{checked} masked numbers checked");
        t.cleanup().await;
    }
}
