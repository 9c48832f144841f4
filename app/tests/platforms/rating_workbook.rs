//! The rating workbook: every bad row reported, nothing written until all are good.

use super::{graded, new_coordinator};
use app::backend::clock::today;
use app::backend::entity::coordinator_rating;
use app::backend::service::coordinators::{self, ratings_import};
use app::backend::testing::{actor, dbs_with_areas as dbs, id_number};
use app::domain::grading::Grade;
use app::domain::role::Role;
use app::model::AppError;
use chrono::Datelike;
use sea_orm::{EntityTrait, PaginatorTrait};

/// A workbook of ratings in memory.
pub(super) fn workbook(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["身份证号", "姓名", "年度", "考核结果"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if c == 2 {
                let year: f64 = v.parse().unwrap_or(0.0);
                sheet
                    .write_number(r as u32 + 1, c as u16, year)
                    .expect("cell");
            } else {
                sheet
                    .write_string(r as u32 + 1, c as u16, *v)
                    .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn a_rating_workbook_writes_nothing_until_every_row_is_good() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let gd_hr = actor(Role::HrManager, Some("44"));
        let a = new_coordinator("440305001001", "甲协理", "19900101", "002");
        let b = graded(
            new_coordinator("440305001003", "乙协理", "19800105", "011"),
            "first",
            60,
        );
        let far = new_coordinator("441900003001", "莞协理", "19880808", "004");
        let (a_id, b_id) = (
            a.id_number.clone().expect("id"),
            b.id_number.clone().expect("id"),
        );
        let far_id = far.id_number.clone().expect("id");
        coordinators::create(db, &hr, &a).await.expect("a");
        let b_view = coordinators::create(db, &hr, &b).await.expect("b");
        coordinators::create(db, &gd_hr, &far).await.expect("far");
        let year = (today().year() - 1).to_string();
        let unknown = id_number("440305", "19700101", "999");
        let bad = workbook(&[
            [&a_id, "甲协理", &year, "优秀"],
            [&b_id, "错名字", &year, "合格"],
            [&far_id, "莞协理", &year, "合格"],
            [&unknown, "无此人", &year, "合格"],
            [&a_id, "甲协理", &year, "良好"],
        ]);
        match ratings_import::import(db, &hr, &bad).await {
            Err(AppError::Invalid(f)) => {
                assert_eq!(
                    f.get("row.3.name").map(String::as_str),
                    Some("rating_sheet.name_mismatch")
                );
                // Another city's coordinator reads as unknown: nothing leaks.
                assert_eq!(
                    f.get("row.4.id_number").map(String::as_str),
                    Some("rating_sheet.unknown_coordinator")
                );
                assert_eq!(
                    f.get("row.5.id_number").map(String::as_str),
                    Some("rating_sheet.unknown_coordinator")
                );
                assert_eq!(
                    f.get("row.6.rating").map(String::as_str),
                    Some("rating.unknown")
                );
                assert!(!f.keys().any(|k| k.starts_with("row.2.")));
            }
            other => panic!("expected every bad row, got {other:?}"),
        }
        assert_eq!(
            coordinator_rating::Entity::find()
                .count(db)
                .await
                .expect("count"),
            0
        );
        let good = workbook(&[
            [&a_id, "甲协理", &year, "优秀"],
            [&b_id, "乙协理", &year, "不合格"],
        ]);
        let summary = ratings_import::import(db, &hr, &good).await.expect("clean");
        assert_eq!(summary.ratings, 2);
        assert_eq!(summary.demoted, vec!["乙协理".to_string()]);
        assert_eq!(
            coordinators::get(db, &hr, b_view.id)
                .await
                .expect("b")
                .grade,
            Some(Grade::Second)
        );
        // The same file again: every row is now a year already rated.
        match ratings_import::import(db, &hr, &good).await {
            Err(AppError::Invalid(f)) => assert_eq!(f.len(), 2),
            other => panic!("expected refusals, got {other:?}"),
        }
        assert_eq!(
            ratings_import::import(db, &hr, b"not a workbook")
                .await
                .err(),
            Some(AppError::field("file", "rating_sheet.unreadable"))
        );
        t.cleanup().await;
    }
}

/// A workbook as the usual government template makes it: a merged title row above the
/// header, a byte-order mark before the first header cell; `rows` are (ID number, name, year).
fn template(rows: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(0, 0, 0, 3, "南山区协理员年度考核结果", &plain)
        .expect("title");
    for (c, h) in ["\u{FEFF}身份证号", "姓名", "年度", "考核结果"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).expect("header");
    }
    for (r, (number, name, year)) in rows.iter().enumerate() {
        for (c, v) in [*number, *name, *year, "合格"].iter().enumerate() {
            sheet
                .write_string(r as u32 + 2, c as u16, *v)
                .expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// The template's title row and byte-order mark, and an ID number typed in full-width
/// digits: the sheet is read whole, with row numbers in errors the sheet's own.
#[tokio::test]
async fn a_workbook_as_offices_make_it_is_read() {
    let _clock = app::backend::testing::suite_clock();
    for t in dbs().await {
        let db = &t.db;
        let hr = actor(Role::HrManager, Some("4403"));
        let a = new_coordinator("440305001001", "甲协理", "19900101", "002");
        let a_id = a.id_number.clone().expect("id");
        coordinators::create(db, &hr, &a).await.expect("a");
        let year = (today().year() - 1).to_string();
        let wide: String = a_id
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect();
        // The same coordinator twice: refused on row 4, the sheet's own number.
        let twice = template(&[(&wide, "甲协理", &year), (&a_id, "甲协理", &year)]);
        match ratings_import::import(db, &hr, &twice).await {
            Err(AppError::Invalid(f)) => assert_eq!(
                f.get("row.4.id_number").map(String::as_str),
                Some("rating_sheet.duplicate"),
                "{f:?}"
            ),
            other => panic!("{:?}: {other:?}", t.kind),
        }
        let once = template(&[(&wide, "甲协理", &year)]);
        let summary = ratings_import::import(db, &hr, &once)
            .await
            .expect("the template is read");
        assert_eq!(summary.ratings, 1, "{:?}", t.kind);
        t.cleanup().await;
    }
}
