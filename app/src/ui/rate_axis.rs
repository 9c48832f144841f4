//! The value axis of a chart of rates in ‰ (the certification indicators): where it starts, its
//! ticks, and where a value sits on it. Pure, so the chart states a scale that fits its values
//! and its standard. This system's default: the axis ends at 100 %, starts at 80 % or the
//! lowest ten per cent below the lowest value or standard, ticks every 5 % over a span of
//! 20 %, every 10 % up to 50 %, every 20 % beyond.

/// A rate axis in ‰: from `floor` to 1000, with ticks at `ticks`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateAxis {
    pub floor: u32,
    pub ticks: Vec<u32>,
}

impl RateAxis {
    /// The axis for `values` (‰) and the `standard` line (‰); values above 1000 are read as
    /// 1000.
    pub fn fit(values: &[u32], standard: u32) -> RateAxis {
        let lowest = values
            .iter()
            .copied()
            .chain([standard, 800])
            .min()
            .unwrap_or(800)
            .min(1000);
        let floor = lowest / 100 * 100;
        let step = match 1000 - floor {
            0..=200 => 50,
            201..=500 => 100,
            _ => 200,
        };
        let ticks = (0..)
            .map(|i| floor + i * step)
            .take_while(|t| *t <= 1000)
            .collect();
        RateAxis { floor, ticks }
    }

    /// How far up the axis `value` sits, from 0 (the floor or below) to `height` (100 %).
    pub fn scale(&self, value: u32, height: u32) -> u32 {
        let span = (1000 - self.floor).max(1);
        value.clamp(self.floor, 1000).saturating_sub(self.floor) * height / span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_near_the_standard_get_the_80_to_100_axis_in_fives() {
        let axis = RateAxis::fit(&[1000, 962, 981], 950);
        assert_eq!(axis.floor, 800);
        assert_eq!(axis.ticks, [800, 850, 900, 950, 1000]);
        assert_eq!(axis.scale(1000, 100), 100);
        assert_eq!(axis.scale(900, 100), 50);
        assert_eq!(axis.scale(700, 100), 0);
    }

    #[test]
    fn a_low_month_widens_the_axis_so_its_bar_shows_its_value() {
        let axis = RateAxis::fit(&[1000, 734], 950);
        assert_eq!(axis.floor, 700);
        assert_eq!(axis.ticks, [700, 800, 900, 1000]);
        assert!(axis.scale(734, 100) > 0);
        let axis = RateAxis::fit(&[0], 950);
        assert_eq!(axis.ticks, [0, 200, 400, 600, 800, 1000]);
    }
}
