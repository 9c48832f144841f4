//! Rewards that follow the work (以奖代补, DOMAIN.md §3: rewards tied to results and tilted towards
//! the grassroots platforms and their staff), pure: a fund split by final score, with a share
//! reserved for the grassroots staff. Amounts in fen (0.01 yuan).
//!
//! This system's default rule: the grassroots share (‰ of the fund, from the indicator system)
//! goes to the assessed coordinators, the rest to the assessed units; within each pool the
//! money follows the final scores; a pool without anyone to receive it passes to the other;
//! the fen left by the divisions go one each to the largest remainders, so the parts add up
//! to the fund exactly.

/// The largest fund this system splits: 10¹² fen (ten billion yuan).
pub const MAX_FUND_FEN: u64 = 1_000_000_000_000;

/// Reads yuan as people write them (`100000`, `2500.5`, `99.99`) into fen; `None` for anything
/// else, a negative amount, more than two decimals or more than [`MAX_FUND_FEN`].
pub fn parse_yuan(raw: &str) -> Option<u64> {
    let s = raw.trim().replace([',', '，'], "");
    let (whole, fraction) = s.split_once('.').unwrap_or((&s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 13
        || fraction.len() > 2
        || !digits(whole)
        || !digits(fraction)
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let fraction: u64 = format!("{fraction:0<2}").parse().ok()?;
    whole
        .checked_mul(100)?
        .checked_add(fraction)
        .filter(|f| *f <= MAX_FUND_FEN)
}

/// Fen as yuan with two decimals: `1234567` → `12345.67`.
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// `amount` shared among `scores` in proportion (equally when every score is 0), the leftover
/// fen to the largest remainders (the earlier on a tie). Empty `scores`: nothing.
pub fn shares(amount: u64, scores: &[u32]) -> Vec<u64> {
    if scores.is_empty() {
        return Vec::new();
    }
    let weights: Vec<u128> = if scores.iter().all(|s| *s == 0) {
        vec![1; scores.len()]
    } else {
        scores.iter().map(|s| u128::from(*s)).collect()
    };
    let total: u128 = weights.iter().sum();
    let exact: Vec<(u128, u128)> = weights
        .iter()
        .map(|w| {
            let p = u128::from(amount) * w;
            (p / total, p % total)
        })
        .collect();
    let mut out: Vec<u64> = exact
        .iter()
        .map(|(q, _)| u64::try_from(*q).unwrap_or(u64::MAX))
        .collect();
    let given: u64 = out.iter().sum();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for i in order
        .into_iter()
        .take(usize::try_from(amount - given).unwrap_or(0))
    {
        out[i] += 1;
    }
    out
}

/// The fund split between the units and the coordinators (see the module's rule): (each unit's
/// fen, each coordinator's fen), in the order of the scores given.
pub fn split(
    fund: u64,
    grassroots_share: u32,
    units: &[u32],
    coordinators: &[u32],
) -> (Vec<u64>, Vec<u64>) {
    let reserved = fund * u64::from(grassroots_share.min(1000)) / 1000;
    let (to_units, to_staff) = match (units.is_empty(), coordinators.is_empty()) {
        (_, true) => (fund, 0),
        (true, false) => (0, fund),
        (false, false) => (fund - reserved, reserved),
    };
    (shares(to_units, units), shares(to_staff, coordinators))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_read_as_written() {
        assert_eq!(parse_yuan("100000"), Some(10_000_000));
        assert_eq!(parse_yuan("2,500.5"), Some(250_050));
        assert_eq!(parse_yuan(" 99.99 "), Some(9_999));
        for bad in ["", "-5", "1.234", "abc", ".5", "1e6", "10000000001"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
        assert_eq!(yuan(1_234_567), "12345.67");
        assert_eq!(yuan(5), "0.05");
    }

    #[test]
    fn shares_follow_scores_and_add_up_to_the_amount() {
        assert_eq!(shares(1000, &[7500, 2500]), vec![750, 250]);
        // 100 fen over three equal scores: 34, 33, 33 (the first takes the odd fen).
        assert_eq!(shares(100, &[9000, 9000, 9000]), vec![34, 33, 33]);
        // Nobody scored: equal parts.
        assert_eq!(shares(10, &[0, 0]), vec![5, 5]);
        assert_eq!(shares(10, &[]), Vec::<u64>::new());
        let odd = shares(1_000_003, &[9_123, 8_877, 6_001, 1]);
        assert_eq!(odd.iter().sum::<u64>(), 1_000_003);
    }

    #[test]
    fn the_grassroots_share_goes_to_the_staff_and_the_rest_to_the_units() {
        // 10 000 yuan, 70 % to the coordinators.
        let (units, staff) = split(1_000_000, 700, &[8000, 2000], &[6000, 3000, 0]);
        assert_eq!(units, vec![240_000, 60_000]);
        assert_eq!(staff, vec![466_667, 233_333, 0]);
        // No coordinators: everything to the units; no units: everything to the staff.
        assert_eq!(split(1000, 700, &[1, 1], &[]), (vec![500, 500], vec![]));
        assert_eq!(split(1000, 700, &[], &[5]), (vec![], vec![1000]));
    }
}
