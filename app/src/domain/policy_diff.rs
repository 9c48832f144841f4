//! A policy version read as a list of settings, and what changed from the version before it:
//! what the policy pages show (this system's default way of comparing versions). It works on
//! the stored JSON body of any of the versioned policies (the 就业援助 policy, a certification
//! standard, the platform standard with its grade rules), so a field added to a policy later is
//! listed and compared without code here.

use serde::{Deserialize, Serialize};

/// Fields of a body that name the version rather than set a rule.
#[cfg(feature = "ssr")]
const IDENTITY: [&str; 3] = ["version", "tier", "issuer_area"];

/// Fields that name an item of a list (`services[].service`, `qualitative[].code`): the item's
/// key in a path, not a setting of its own.
#[cfg(feature = "ssr")]
const ITEM_KEYS: [&str; 2] = ["service", "code"];

/// How a setting's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SettingKind {
    /// A number as JSON writes it (the policies hold whole numbers: digits, maybe a minus sign)
    Number,
    /// `true` or `false`
    Flag,
    /// Text as stored (a code such as `college`, or a sentence)
    Text,
}

/// One setting of a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Setting {
    /// Where it sits, unique in the version: `street_review_days`,
    /// `services.job_referral.time_limit_days`, `grades.pay_second.0`, `qualitative.Q1.max`
    pub path: String,
    /// The path without the item's key: what the setting is (`services.time_limit_days`);
    /// its label is `policy.field.<field>`
    pub field: String,
    /// The item of a list it belongs to: a service code, a qualitative item's code, or the
    /// position (from 0) in a fixed list such as the pay coefficients per rating
    pub item: Option<String>,
    pub kind: SettingKind,
    pub value: String,
}

/// A setting that differs between two versions; `None` where one of them lacks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SettingChange {
    pub path: String,
    pub field: String,
    pub item: Option<String>,
    pub kind: SettingKind,
    /// The value in the previous version
    pub before: Option<String>,
    /// The value in this version
    pub after: Option<String>,
}

/// A JSON value read with its objects' fields in written order (serde_json's own map sorts
/// them), so settings list in the policy's order.
#[cfg(feature = "ssr")]
enum Node {
    Null,
    Flag(bool),
    Number(String),
    Text(String),
    Object(Vec<(String, Node)>),
    List(Vec<Node>),
}

#[cfg(feature = "ssr")]
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

#[cfg(feature = "ssr")]
struct NodeVisitor;

#[cfg(feature = "ssr")]
impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Flag(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut fields = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Node>()? {
            fields.push((k, v));
        }
        Ok(Node::Object(fields))
    }
}

/// The settings of a policy body (its JSON, as stored or serialised), in the body's order.
/// Objects nest with `.`; a list whose items all carry a `service` or `code` is keyed by it,
/// any other list by position; nulls and the fields naming the version (`version`, `tier`,
/// `issuer_area`) are left out. Errors: the JSON's own, when the text is not JSON.
#[cfg(feature = "ssr")]
pub fn settings(json: &str) -> Result<Vec<Setting>, serde_json::Error> {
    let mut out = Vec::new();
    if let Node::Object(fields) = serde_json::from_str::<Node>(json)? {
        for (k, v) in &fields {
            if !IDENTITY.contains(&k.as_str()) {
                walk(v, k, k, None, &mut out);
            }
        }
    }
    Ok(out)
}

#[cfg(feature = "ssr")]
fn item_key(v: &Node) -> Option<String> {
    let Node::Object(fields) = v else { return None };
    ITEM_KEYS.iter().find_map(|key| {
        fields.iter().find_map(|(k, v)| match v {
            Node::Text(s) if k == key => Some(s.clone()),
            _ => None,
        })
    })
}

#[cfg(feature = "ssr")]
fn walk(v: &Node, path: &str, field: &str, item: Option<&str>, out: &mut Vec<Setting>) {
    let mut push = |kind, value: &str| {
        out.push(Setting {
            path: path.to_string(),
            field: field.to_string(),
            item: item.map(str::to_string),
            kind,
            value: value.to_string(),
        })
    };
    match v {
        Node::Null => {}
        Node::Flag(b) => push(SettingKind::Flag, &b.to_string()),
        Node::Number(n) => push(SettingKind::Number, n),
        Node::Text(s) => push(SettingKind::Text, s),
        Node::Object(fields) => {
            for (k, inner) in fields {
                let names_item = matches!(inner, Node::Text(s) if Some(s.as_str()) == item);
                if names_item && ITEM_KEYS.contains(&k.as_str()) {
                    continue;
                }
                let (path, field) = (format!("{path}.{k}"), format!("{field}.{k}"));
                walk(inner, &path, &field, item, out);
            }
        }
        Node::List(items) => {
            let keys: Option<Vec<String>> = items.iter().map(item_key).collect();
            for (n, inner) in items.iter().enumerate() {
                let key = keys
                    .as_ref()
                    .and_then(|k| k.get(n).cloned())
                    .unwrap_or_else(|| n.to_string());
                walk(inner, &format!("{path}.{key}"), field, Some(&key), out);
            }
        }
    }
}

/// The settings that differ from `previous` to `current`: changed and added ones in the
/// current version's order, then those the current version no longer has.
pub fn compare(previous: &[Setting], current: &[Setting]) -> Vec<SettingChange> {
    let change = |s: &Setting, before: Option<&Setting>, after: Option<&Setting>| SettingChange {
        path: s.path.clone(),
        field: s.field.clone(),
        item: s.item.clone(),
        kind: s.kind,
        before: before.map(|b| b.value.clone()),
        after: after.map(|a| a.value.clone()),
    };
    let find = |list: &[Setting], path: &str| list.iter().position(|s| s.path == path);
    let mut out: Vec<SettingChange> = current
        .iter()
        .filter_map(|c| match find(previous, &c.path) {
            Some(i) if previous[i].value == c.value => None,
            Some(i) => Some(change(c, Some(&previous[i]), Some(c))),
            None => Some(change(c, None, Some(c))),
        })
        .collect();
    out.extend(
        previous
            .iter()
            .filter(|p| find(current, &p.path).is_none())
            .map(|p| change(p, Some(p), None)),
    );
    out
}

#[cfg(test)]
#[cfg(feature = "ssr")]
mod tests {
    use super::*;
    use crate::domain::certification::Tier;
    use crate::domain::indicators::CertificationStandard;
    use crate::domain::plan::Service;
    use crate::domain::platform::PlatformPolicy;
    use crate::domain::policy::AssistancePolicy;

    fn body<T: Serialize>(t: &T) -> String {
        serde_json::to_string(t).expect("a policy serialises")
    }

    fn of(json: &str) -> Vec<Setting> {
        settings(json).expect("JSON")
    }

    fn value_of<'a>(list: &'a [Setting], path: &str) -> Option<&'a str> {
        list.iter()
            .find(|s| s.path == path)
            .map(|s| s.value.as_str())
    }

    #[test]
    fn a_body_reads_as_paths_keyed_by_item() {
        let list = of(r#"{
            "version": "44-2027-01-01",
            "street_review_days": 7,
            "require_star": true,
            "min_education": "college",
            "skipped": null,
            "services": [
                {"service": "job_referral", "time_limit_days": 20, "content": "推荐岗位"},
                {"service": "training", "time_limit_days": 60, "content": "培训"}
            ],
            "grades": {"pay_second": [1200, 1000]}
        }"#);
        let paths: Vec<&str> = list.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "street_review_days",
                "require_star",
                "min_education",
                "services.job_referral.time_limit_days",
                "services.job_referral.content",
                "services.training.time_limit_days",
                "services.training.content",
                "grades.pay_second.0",
                "grades.pay_second.1",
            ]
        );
        let referral = &list[3];
        assert_eq!(referral.field, "services.time_limit_days");
        assert_eq!(referral.item.as_deref(), Some("job_referral"));
        assert_eq!(referral.kind, SettingKind::Number);
        assert_eq!(list[1].kind, SettingKind::Flag);
        assert_eq!(list[2].kind, SettingKind::Text);
        assert_eq!(list[8].field, "grades.pay_second");
        assert_eq!(list[8].item.as_deref(), Some("1"));
        assert_eq!(list[8].value, "1000");
    }

    #[test]
    fn a_changed_limit_and_a_dropped_service_are_the_only_changes() {
        let before = AssistancePolicy::default();
        let mut after = before.clone();
        after.version = "44-2027-01-01".into();
        after.street_review_days = 5;
        after.services.retain(|s| s.service != Service::PostSubsidy);
        let (b, a) = (of(&body(&before)), of(&body(&after)));
        let changes = compare(&b, &a);
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths[0], "street_review_days",
            "the changed number comes first, in the body's order"
        );
        assert_eq!(changes[0].before.as_deref(), Some("7"));
        assert_eq!(changes[0].after.as_deref(), Some("5"));
        assert!(
            paths[1..]
                .iter()
                .all(|p| p.starts_with("services.post_subsidy.")),
            "{paths:?}"
        );
        assert!(changes[1..].iter().all(|c| c.after.is_none()));
        assert_eq!(compare(&b, &b), vec![], "a version equals itself");
    }

    #[test]
    fn an_added_setting_has_no_value_before() {
        let old = of(r#"{"a": 1}"#);
        let new = of(r#"{"a": 1, "b": 2}"#);
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, "b");
        assert_eq!(changes[0].before, None);
        assert_eq!(changes[0].after.as_deref(), Some("2"));
    }

    #[test]
    fn every_policy_lists_its_numbers_once_without_its_label() {
        let bodies = [
            body(&AssistancePolicy::default()),
            body(&PlatformPolicy::default()),
            body(&CertificationStandard::default_for(
                Tier::ProvincialStar,
                "000000000000",
            )),
        ];
        for b in &bodies {
            let list = of(b);
            let mut paths: Vec<&str> = list.iter().map(|s| s.path.as_str()).collect();
            let n = paths.len();
            paths.sort();
            paths.dedup();
            assert_eq!(paths.len(), n, "paths are unique");
            assert!(list.iter().all(|s| !IDENTITY.contains(&s.field.as_str())));
        }
        let star = of(&bodies[2]);
        assert_eq!(value_of(&star, "min_rate_able_willing"), Some("950"));
        let platform = of(&bodies[1]);
        assert_eq!(value_of(&platform, "grades.training_hours"), Some("40"));
        assert_eq!(value_of(&platform, "grades.pay_first.3"), Some("600"));
    }

    #[test]
    fn text_that_is_not_json_is_an_error() {
        assert!(settings("{\"a\": ").is_err());
        assert_eq!(of("[1, 2]"), vec![], "only an object has settings");
    }
}
