//! 考核 rules, pure: an assessment's states, a qualitative adjustment bounded by the indicator
//! system and written with its reason, the final score, and the ranking. Scores are in
//! hundredths of a point (0–10000).

use serde::{Deserialize, Serialize};

/// Where an assessment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatus {
    /// 草稿: computed, open to adjustments, seen by the assessed
    Draft,
    /// 已发布: frozen, with its digest
    Published,
    /// 已更正: a later round, published, replaces it
    Superseded,
}

impl AssessmentStatus {
    pub const ALL: [AssessmentStatus; 3] = [
        AssessmentStatus::Draft,
        AssessmentStatus::Published,
        AssessmentStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentStatus::Draft => "draft",
            AssessmentStatus::Published => "published",
            AssessmentStatus::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<AssessmentStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What is assessed: a unit (the area below) or a coordinator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Unit,
    Coordinator,
}

impl SubjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Unit => "unit",
            SubjectKind::Coordinator => "coordinator",
        }
    }

    pub fn parse(s: &str) -> Option<SubjectKind> {
        [SubjectKind::Unit, SubjectKind::Coordinator]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Why an adjustment is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AdjustmentError {
    #[error("an adjustment is written in points with at most two decimals, e.g. -2.5")]
    Malformed,
    #[error("the adjustment exceeds the system's bound")]
    TooLarge,
    #[error("an adjustment needs a written reason")]
    ReasonRequired,
    #[error("the reason is longer than 200 characters")]
    ReasonTooLong,
}

/// Reads points as people write them (`3`, `-2.5`, `+1.25`, `0`) into hundredths.
pub fn parse_points(raw: &str) -> Result<i32, AdjustmentError> {
    let s = raw.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || fraction.len() > 2
        || !numeric(whole)
        || !numeric(fraction)
    {
        return Err(AdjustmentError::Malformed);
    }
    let whole: i32 = whole.parse().map_err(|_| AdjustmentError::Malformed)?;
    let fraction: i32 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| AdjustmentError::Malformed)?;
    let centi = whole * 100 + fraction;
    Ok(if negative { -centi } else { centi })
}

/// Checks an adjustment of `centi` hundredths against the system's bound (`max_points` whole
/// points either way); a non-zero one needs a reason of at most 200 characters. Returns the
/// reason as kept (trimmed; `None` for no adjustment).
pub fn check_adjustment(
    centi: i32,
    reason: Option<&str>,
    max_points: u32,
) -> Result<Option<String>, AdjustmentError> {
    let bound = i64::from(max_points) * 100;
    if i64::from(centi).abs() > bound {
        return Err(AdjustmentError::TooLarge);
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (centi, reason) {
        (0, _) => Ok(None),
        (_, None) => Err(AdjustmentError::ReasonRequired),
        (_, Some(r)) if r.chars().count() > 200 => Err(AdjustmentError::ReasonTooLong),
        (_, Some(r)) => Ok(Some(r.to_string())),
    }
}

/// The final score: the computed points with the adjustment, kept within 0–100 points.
pub fn final_score(computed: u32, adjustment: i32) -> u32 {
    let v = i64::from(computed) + i64::from(adjustment);
    u32::try_from(v.clamp(0, 10_000)).unwrap_or(0)
}

/// Ranks by score, highest first; equal scores share a rank and the next rank skips (1, 2, 2,
/// 4), in the order given.
pub fn ranks(scores: &[u32]) -> Vec<u32> {
    scores
        .iter()
        .map(|s| 1 + scores.iter().filter(|o| *o > s).count() as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_read_as_written() {
        assert_eq!(parse_points("3"), Ok(300));
        assert_eq!(parse_points("-2.5"), Ok(-250));
        assert_eq!(parse_points("+1.25"), Ok(125));
        assert_eq!(parse_points(" 0 "), Ok(0));
        for bad in ["", "-", "1.234", "abc", "1e3", "--1", "１", "1000", ".5"] {
            assert_eq!(parse_points(bad), Err(AdjustmentError::Malformed), "{bad}");
        }
    }

    #[test]
    fn an_adjustment_is_bounded_and_explained() {
        assert_eq!(
            check_adjustment(500, Some(" 走访记录补录 "), 5),
            Ok(Some("走访记录补录".into()))
        );
        assert_eq!(check_adjustment(-500, Some("x"), 5), Ok(Some("x".into())));
        assert_eq!(
            check_adjustment(501, Some("x"), 5),
            Err(AdjustmentError::TooLarge)
        );
        assert_eq!(
            check_adjustment(-100, Some("  "), 5),
            Err(AdjustmentError::ReasonRequired)
        );
        assert_eq!(check_adjustment(0, None, 5), Ok(None));
        let long = "长".repeat(201);
        assert_eq!(
            check_adjustment(100, Some(&long), 5),
            Err(AdjustmentError::ReasonTooLong)
        );
    }

    #[test]
    fn final_scores_stay_within_the_scale_and_rank_with_ties() {
        assert_eq!(final_score(9_800, 500), 10_000);
        assert_eq!(final_score(200, -500), 0);
        assert_eq!(final_score(7_512, -250), 7_262);
        assert_eq!(ranks(&[7_000, 9_000, 7_000, 5_000]), vec![2, 1, 2, 4]);
        assert_eq!(ranks(&[]), Vec::<u32>::new());
    }
}
