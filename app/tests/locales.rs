//! Guard: every message key the code can show or return has both languages in
//! `app/locales/app.yml`. A key missing in one language falls back to the key itself, so the
//! user would read `field_error.text.too_long` instead of a sentence.
//!
//! Two sources of keys: the dotted string literals written in the code outside its test modules
//! (error keys, field error keys, conflict and unavailable keys, labels), and the keys built from
//! an enum's codes (`format!("cert.step.{}", step.as_str())`), read here from each enum's `ALL`.

use std::path::{Path, PathBuf};

use app::domain::assistance::{Category, ExitReason, ReviewStep};
use app::domain::assistance_card::CardStatus;
use app::domain::cert_lists::CertList;
use app::domain::cert_review::{ApplicationStatus, CertStep};
use app::domain::certification::Tier;
use app::domain::grading::{Employment, Rating};
use app::domain::ledger::{Education, EmploymentStatus, LabourAbility, Need};
use app::domain::plan::{Outcome, Service};
use app::domain::worklist::WorkGroup;
use app::i18n::{Locale, translate};

/// Dotted literals that name a field (the path of a form field), not a message.
const FIELD_PATHS: &[&str] = &[
    "grades.assessment_pass",
    "grades.exam_pass",
    "grades.min_education",
    "indicators.direction",
    "indicators.measure",
    "grades.pay_first",
    "grades.pay_second",
    "grades.training_hours",
    "grades.training_window_years",
    "grades.years_at_second",
    "standard.township_m2",
    "standard.township_windows",
    "standard.village_m2",
    "standard.village_windows",
];

/// File endings that make a dotted literal a file name.
const FILE_ENDINGS: &[&str] = &[
    "json", "csv", "gz", "db", "pdf", "xlsx", "ttc", "ttf", "otf", "js", "wasm", "css", "html",
    "svg", "png", "yml", "txt", "br",
];

/// Prefixes under which the code looks a bare key up (`AppError::field` → `field_error.`).
const PREFIXES: &[&str] = &["", "field_error.", "conflict.", "unavailable.", "error."];

fn has_both(key: &str) -> bool {
    [Locale::ZhCn, Locale::En]
        .into_iter()
        .all(|l| translate(key, l) != key)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of `code` that look like a dotted key (`a.b`, `a.b_c.d`), before the
/// file's test module.
fn dotted_literals(code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let lit = &after[..end];
        rest = &after[end + 1..];
        let shape_ok = lit.contains('.')
            && lit.starts_with(|c: char| c.is_ascii_lowercase())
            && lit.split('.').all(|seg| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if shape_ok {
            out.push(lit.to_string());
        }
    }
    out
}

#[test]
fn every_key_written_in_the_code_has_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root.join("app/src"), &mut files);
    rust_files(&root.join("server/src"), &mut files);
    let mut checked = 0;
    let mut missing = Vec::new();
    for file in &files {
        let code = std::fs::read_to_string(file).expect("read source");
        for lit in dotted_literals(&code) {
            let ending = lit.rsplit('.').next().unwrap_or_default();
            if FIELD_PATHS.contains(&lit.as_str()) || FILE_ENDINGS.contains(&ending) {
                continue;
            }
            checked += 1;
            if !PREFIXES.iter().any(|p| has_both(&format!("{p}{lit}"))) {
                missing.push(format!("{} in {}", lit, file.display()));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        checked > 500,
        "the scan found only {checked} keys: is it reading the code?"
    );
    assert_eq!(missing, Vec::<String>::new(), "keys without both languages");
}

#[test]
fn every_key_built_from_an_enum_has_both_languages() {
    let mut keys: Vec<String> = Vec::new();
    keys.extend(Category::ALL.map(|v| format!("category.{}", v.as_str())));
    keys.extend(ExitReason::ALL.map(|v| format!("exit.{}", v.as_str())));
    keys.extend(ReviewStep::ALL.map(|v| format!("target.step.{}", v.as_str())));
    keys.extend(CardStatus::ALL.map(|v| format!("card.status.{}", v.as_str())));
    keys.extend(CertStep::ALL.map(|v| format!("cert.step.{}", v.as_str())));
    keys.extend(ApplicationStatus::ALL.map(|v| format!("cert.status.{}", v.as_str())));
    keys.extend(Tier::ALL.map(|v| format!("tier.{}", v.as_str())));
    keys.extend(Education::ALL.map(|v| format!("ledger.education.{}", v.as_str())));
    keys.extend(EmploymentStatus::ALL.map(|v| format!("ledger.status.{}", v.as_str())));
    keys.extend(Employment::ALL.map(|v| format!("employment.{}", v.as_str())));
    keys.extend(Rating::ALL.map(|v| format!("rating.{}", v.as_str())));
    keys.extend(LabourAbility::ALL.map(|v| format!("ledger.ability.{}", v.as_str())));
    keys.extend(Need::ALL.map(|v| format!("ledger.need.{}", v.as_str())));
    keys.extend(Service::ALL.map(|v| format!("plan.service.{}", v.as_str())));
    keys.extend(Outcome::ALL.map(|v| format!("plan.outcome.{}", v.as_str())));
    keys.extend(CertList::ALL.map(|v| format!("cert.list.{}", v.as_str())));
    keys.extend(CertList::ALL.map(|v| format!("cert.none.{}", v.as_str())));
    keys.extend(WorkGroup::ALL.map(|v| format!("work.group.{}", v.as_str())));
    keys.extend(
        app::domain::performance::Measure::ALL
            .map(|v| format!("performance.measure.{}", v.as_str())),
    );
    keys.extend(
        ["higher_is_better", "lower_is_better"].map(|d| format!("performance.direction.{d}")),
    );
    keys.extend(app::model::policy::PolicyKind::ALL.map(|v| format!("policy.kind.{}", v.as_str())));
    let missing: Vec<&String> = keys.iter().filter(|k| !has_both(k)).collect();
    assert!(keys.len() > 50);
    assert_eq!(
        missing,
        Vec::<&String>::new(),
        "keys without both languages"
    );
}

#[test]
fn every_setting_of_every_policy_has_a_label_in_both_languages() {
    use app::domain::indicators::CertificationStandard;
    use app::domain::platform::PlatformPolicy;
    use app::domain::policy::AssistancePolicy;
    use app::domain::policy_diff::settings;
    let mut bodies = vec![
        serde_json::to_string(&AssistancePolicy::default()).expect("json"),
        serde_json::to_string(&PlatformPolicy::default()).expect("json"),
        serde_json::to_string(&app::domain::performance::IndicatorSystem::default()).expect("json"),
    ];
    for tier in Tier::ALL {
        let s = CertificationStandard::default_for(tier, "000000000000");
        bodies.push(serde_json::to_string(&s).expect("json"));
    }
    let mut fields: Vec<String> = bodies
        .iter()
        .flat_map(|b| settings(b).expect("settings"))
        .map(|s| format!("policy.field.{}", s.field))
        .collect();
    fields.sort();
    fields.dedup();
    assert!(fields.len() > 40, "only {} fields", fields.len());
    let missing: Vec<&String> = fields.iter().filter(|k| !has_both(k)).collect();
    assert_eq!(missing, Vec::<&String>::new(), "settings without a label");
}

#[test]
fn the_scan_sees_a_missing_key() {
    // The check itself can fail: a made-up key is reported, a real one is not.
    assert!(!has_both("field_error.no_such.key"));
    assert!(has_both("field_error.text.too_long"));
    assert_eq!(
        dotted_literals("let a = \"x.y\"; let b = \"no dot\"; #[cfg(test)] \"t.z\""),
        vec!["x.y".to_string()]
    );
}
