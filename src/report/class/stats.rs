//! Moodle's quiz statistics, computed as Moodle computes them
//! (`question/classes/statistics/questions/calculator.php` and
//! `mod/quiz/report/statistics/classes/calculator.php`): item facility,
//! standard deviation, discrimination index (the item against the rest of
//! the test), discriminative efficiency; and for the test mean, median,
//! standard deviation, skewness, kurtosis, coefficient of internal
//! consistency (Cronbach's alpha), error ratio and standard error.
//! Partial credit counts as its fraction of the item's marks, as in Moodle.
//! Pure functions over marks; no I/O.

use serde::Serialize;

/// Statistics of one item over the attempts that were asked it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFigures {
    /// Attempts counted.
    pub attempts: usize,
    /// Mean mark as a percentage of the item's marks.
    pub facility: Option<f64>,
    /// Sample standard deviation of the mark, as a percentage of the item's marks.
    pub sd: Option<f64>,
    /// 100 × correlation of the item's mark with the rest of the test.
    pub discrimination: Option<f64>,
    /// 100 × covariance / the largest covariance these marks allow.
    pub efficiency: Option<f64>,
    /// Sample variance of the raw mark (for the coefficient of internal consistency).
    #[serde(skip)]
    pub mark_variance: Option<f64>,
}

/// Moodle's item statistics from each attempt's mark on the item and its
/// mark on the rest of the test (total − item), with the item's maximum.
pub fn item_figures(marks: &[f64], rest: &[f64], max_mark: f64) -> ItemFigures {
    assert_eq!(
        marks.len(),
        rest.len(),
        "one rest-of-test mark per item mark"
    );
    let s = marks.len();
    if s == 0 {
        return ItemFigures {
            attempts: 0,
            facility: None,
            sd: None,
            discrimination: None,
            efficiency: None,
            mark_variance: None,
        };
    }
    let count = s as f64;
    let mark_mean = marks.iter().sum::<f64>() / count;
    let rest_mean = rest.iter().sum::<f64>() / count;
    let facility = (max_mark != 0.0).then(|| 100.0 * mark_mean / max_mark);
    if s < 2 {
        return ItemFigures {
            attempts: s,
            facility,
            sd: None,
            discrimination: None,
            efficiency: None,
            mark_variance: None,
        };
    }
    let mut mark_squares = 0.0;
    let mut rest_squares = 0.0;
    let mut products = 0.0;
    for (mark, other) in marks.iter().zip(rest) {
        mark_squares += (mark - mark_mean).powi(2);
        rest_squares += (other - rest_mean).powi(2);
        products += (mark - mark_mean) * (other - rest_mean);
    }
    // The largest covariance: both lists sorted and paired in order (a total
    // order tells every two values apart, so an unstable sort is exact).
    let mut sorted_marks = marks.to_vec();
    let mut sorted_rest = rest.to_vec();
    sorted_marks.sort_unstable_by(f64::total_cmp);
    sorted_rest.sort_unstable_by(f64::total_cmp);
    let max_products: f64 = sorted_marks
        .iter()
        .zip(&sorted_rest)
        .map(|(mark, other)| (mark - mark_mean) * (other - rest_mean))
        .sum();
    let n1 = count - 1.0;
    let mark_variance = mark_squares / n1;
    let rest_variance = rest_squares / n1;
    let covariance = products / n1;
    let covariance_max = max_products / n1;
    let product = mark_variance * rest_variance;
    ItemFigures {
        attempts: s,
        facility,
        sd: (max_mark != 0.0).then(|| 100.0 * mark_variance.sqrt() / max_mark),
        discrimination: (product != 0.0).then(|| 100.0 * covariance / product.sqrt()),
        efficiency: (covariance_max != 0.0).then(|| 100.0 * covariance / covariance_max),
        mark_variance: Some(mark_variance),
    }
}

/// The sample variance (divided by n − 1); `None` below two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let count = values.len() as f64;
    let mean = values.iter().sum::<f64>() / count;
    Some(values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (count - 1.0))
}

/// Statistics of the test over attempts' totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestFigures {
    pub attempts: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Sample standard deviation.
    pub sd: Option<f64>,
    pub skewness: Option<f64>,
    pub kurtosis: Option<f64>,
    /// Coefficient of internal consistency (Cronbach's alpha × 100).
    pub cic: Option<f64>,
    /// 100 × √(1 − CIC/100): the share of the SD that is measurement error.
    pub error_ratio: Option<f64>,
    /// Error ratio × SD / 100, in the units of the totals.
    pub standard_error: Option<f64>,
}

/// Moodle's test statistics of `totals`. The internal consistency needs the
/// sum of the items' mark variances and the item count, on the same
/// scale as the totals; `None` leaves it out (different question sets).
pub fn test_figures(totals: &[f64], consistency: Option<(f64, usize)>) -> TestFigures {
    let s = totals.len();
    let mut figures = TestFigures {
        attempts: s,
        mean: None,
        median: None,
        sd: None,
        skewness: None,
        kurtosis: None,
        cic: None,
        error_ratio: None,
        standard_error: None,
    };
    if s == 0 {
        return figures;
    }
    let count = s as f64;
    let mean = totals.iter().sum::<f64>() / count;
    figures.mean = Some(mean);
    let mut sorted = totals.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    figures.median = Some(if s.is_multiple_of(2) {
        f64::midpoint(sorted[s / 2 - 1], sorted[s / 2])
    } else {
        sorted[s / 2]
    });
    if s < 2 {
        return figures;
    }
    let (mut power2, mut power3, mut power4) = (0.0, 0.0, 0.0);
    for total in totals {
        let difference = total - mean;
        power2 += difference.powi(2);
        power3 += difference.powi(3);
        power4 += difference.powi(4);
    }
    let sd = (power2 / (count - 1.0)).sqrt();
    figures.sd = Some(sd);
    if s < 3 {
        return figures;
    }
    let m2 = power2 / count;
    let m3 = power3 / count;
    let m4 = power4 / count;
    let k2 = count * m2 / (count - 1.0);
    let k3 = count * count * m3 / ((count - 1.0) * (count - 2.0));
    if k2 == 0.0 {
        return figures;
    }
    figures.skewness = Some(k3 / k2.powf(1.5));
    if s > 3 {
        let k4 = count * count * ((count + 1.0) * m4 - 3.0 * (count - 1.0) * m2 * m2)
            / ((count - 1.0) * (count - 2.0) * (count - 3.0));
        figures.kurtosis = Some(k4 / (k2 * k2));
    }
    if let Some((sum_of_mark_variance, items)) = consistency
        && items > 1
    {
        let p = items as f64;
        let cic = (100.0 * p / (p - 1.0)) * (1.0 - sum_of_mark_variance / k2);
        let error_ratio = 100.0 * (1.0 - cic / 100.0).sqrt();
        figures.cic = Some(cic);
        figures.error_ratio = Some(error_ratio);
        figures.standard_error = Some(error_ratio * sd / 100.0);
    }
    figures
}

/// What a teacher should look at in an item, in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemFlag {
    /// Facility of 90% or more.
    TooEasy,
    /// Facility under 20%.
    TooHard,
    /// Discrimination index from 0 up to 20.
    DoesNotDiscriminate,
    /// Discrimination index below 0: stronger students do worse.
    NegativeDiscrimination,
}

impl ItemFlag {
    pub fn words(self) -> &'static str {
        match self {
            ItemFlag::TooEasy => "too easy: nearly everyone gets it",
            ItemFlag::TooHard => "too hard: most of the class misses it",
            ItemFlag::DoesNotDiscriminate => {
                "does not discriminate: strong and weak students do about as well"
            }
            ItemFlag::NegativeDiscrimination => {
                "negative discrimination: stronger students do worse — check the key"
            }
        }
    }
}

/// Fewer attempts than this say too little about an item to flag it.
pub const MIN_ATTEMPTS_TO_FLAG: usize = 5;

/// The flags of an item's figures (thresholds from Moodle's guidance on
/// reading its statistics); none below [`MIN_ATTEMPTS_TO_FLAG`] attempts.
pub fn flags(figures: &ItemFigures) -> Vec<ItemFlag> {
    let mut flags = Vec::new();
    if figures.attempts < MIN_ATTEMPTS_TO_FLAG {
        return flags;
    }
    if let Some(facility) = figures.facility {
        if facility >= 90.0 {
            flags.push(ItemFlag::TooEasy);
        } else if facility < 20.0 {
            flags.push(ItemFlag::TooHard);
        }
    }
    match figures.discrimination {
        Some(index) if index < 0.0 => flags.push(ItemFlag::NegativeDiscrimination),
        Some(index) if index < 20.0 => flags.push(ItemFlag::DoesNotDiscriminate),
        _ => {}
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a figure");
        assert!(
            (actual - expected).abs() < 1e-9,
            "{actual} is not {expected}"
        );
    }

    // Worked on paper. Four students, three one-mark items:
    //        q1   q2   q3   total
    //   A    1    1    1    3
    //   B    1    0.5  1    2.5
    //   C    1    0    0    1
    //   D    0    0    1    1
    // Totals: mean 7.5/4 = 1.875; deviations 1.125, 0.625, −0.875, −0.875;
    // squares 1.265625 + 0.390625 + 0.765625 + 0.765625 = 3.1875, so the
    // sample variance is 3.1875/3 = 1.0625 and the SD √1.0625 = 1.0307764064.
    // Cubes 1.423828125 + 0.244140625 − 0.669921875 − 0.669921875 = 0.328125;
    // m2 = 0.796875, m3 = 0.08203125, k2 = 1.0625,
    // k3 = 16 × 0.08203125 / (3 × 2) = 0.21875, skewness = 0.21875 / 1.0625^1.5.
    // Fourth powers 1.601806640625 + 0.152587890625 + 2 × 0.586181640625
    // = 2.9267578125, m4 = 0.731689453125;
    // k4 = 16 × (5 × 0.731689453125 − 9 × 0.796875²) / (3 × 2 × 1)
    //    = 16 × (3.658447265625 − 5.715087890625) / 6 = −5.484375,
    // kurtosis = −5.484375 / 1.0625² = −4.858131487889273.
    // Item variances: q1 (1,1,1,0): mean 0.75, squares 3 × 0.0625 + 0.5625
    // = 0.75, variance 0.25; q2 (1,0.5,0,0): mean 0.375, squares 0.390625
    // + 0.015625 + 2 × 0.140625 = 0.6875, variance 0.2291666…; q3 as q1, 0.25.
    // Sum 0.7291666…; CIC = 100 × 3/2 × (1 − 0.7291666…/1.0625)
    // = 150 × 0.3137254901960784 = 47.05882352941176.
    // Error ratio 100 × √(1 − 0.4705882352941176) = 72.76068751089989;
    // standard error 0.7276068751089989 × 1.0307764064044151 = 0.75.
    const Q1: [f64; 4] = [1.0, 1.0, 1.0, 0.0];
    const Q2: [f64; 4] = [1.0, 0.5, 0.0, 0.0];
    const TOTALS: [f64; 4] = [3.0, 2.5, 1.0, 1.0];

    #[test]
    fn test_figures_match_the_paper_example() {
        let variances: f64 = [Q1, Q2, Q1]
            .iter()
            .map(|marks| sample_variance(marks).unwrap())
            .sum();
        close(Some(variances), 0.25 + 0.6875 / 3.0 + 0.25);
        let figures = test_figures(&TOTALS, Some((variances, 3)));
        close(figures.mean, 1.875);
        close(figures.median, 1.75);
        close(figures.sd, 1.0625_f64.sqrt());
        close(figures.skewness, 0.21875 / 1.0625_f64.powf(1.5));
        close(figures.kurtosis, -5.484_375 / (1.0625 * 1.0625));
        close(figures.cic, 47.058_823_529_411_76);
        close(figures.error_ratio, 72.760_687_510_899_89);
        close(figures.standard_error, 0.75);
    }

    // q2 against the rest (totals − q2): rest = 2, 2, 1, 1, mean 1.5.
    // Mark deviations 0.625, 0.125, −0.375, −0.375; rest deviations
    // 0.5, 0.5, −0.5, −0.5. Products 0.3125 + 0.0625 + 0.1875 + 0.1875 = 0.75,
    // covariance 0.25. Rest variance 1/3. Discrimination
    // 100 × 0.25 / √(0.2291666… × 0.3333…) = 90.45340337332909.
    // Sorted marks 0, 0, 0.5, 1 against sorted rest 1, 1, 2, 2: the same
    // pairing up to ties, so the efficiency is 100.
    // Facility 37.5%; SD 100 × √0.2291666… = 47.87135538781691%.
    #[test]
    fn item_figures_match_the_paper_example() {
        let rest: Vec<f64> = TOTALS.iter().zip(Q2).map(|(t, m)| t - m).collect();
        let figures = item_figures(&Q2, &rest, 1.0);
        close(figures.facility, 37.5);
        close(figures.sd, 47.871_355_387_816_9);
        close(figures.discrimination, 90.453_403_373_329_1);
        close(figures.efficiency, 100.0);
        // q1: rest = 2, 1.5, 0, 1 (mean 1.125); mark deviations 0.25 ×3, −0.75;
        // rest deviations 0.875, 0.375, −1.125, −0.125; products
        // 0.21875 + 0.09375 − 0.28125 + 0.09375 = 0.125, covariance 0.041666…;
        // sorted pairing: marks 0,1,1,1 with rest 0,1,1.5,2: products
        // (−0.75)(−1.125) + 0.25 × (−0.125 + 0.375 + 0.875) = 0.84375 + 0.28125
        // = 1.125, covariance max 0.375, efficiency 11.111…%.
        let rest: Vec<f64> = TOTALS.iter().zip(Q1).map(|(t, m)| t - m).collect();
        let figures = item_figures(&Q1, &rest, 1.0);
        close(figures.facility, 75.0);
        close(figures.efficiency, 100.0 / 9.0);
        assert_eq!(flags(&figures), vec![], "four attempts are too few to flag");
        // rest variance: squares 0.765625 + 0.140625 + 1.265625 + 0.015625
        // = 2.1875 → 0.729166…; index = 100 × 0.041666… / √(0.25 × 0.729166…).
        close(
            figures.discrimination,
            100.0 * (0.125 / 3.0) / (0.25 * 2.1875 / 3.0_f64).sqrt(),
        );
    }

    #[test]
    fn too_few_attempts_leave_figures_out_rather_than_divide_by_zero() {
        let one = item_figures(&[1.0], &[2.0], 1.0);
        assert_eq!(one.facility, Some(100.0));
        assert_eq!(one.sd, None);
        let same = item_figures(&[1.0, 1.0], &[2.0, 0.0], 1.0);
        assert_eq!(same.discrimination, None, "no variance, no correlation");
        let figures = test_figures(&[5.0, 5.0, 5.0], Some((0.0, 2)));
        assert_eq!(figures.sd, Some(0.0));
        assert_eq!(figures.skewness, None);
        assert_eq!(figures.cic, None);
        assert_eq!(test_figures(&[], None).mean, None);
    }

    #[test]
    fn flags_name_easy_hard_flat_and_reversed_items() {
        let figures = |facility, discrimination| ItemFigures {
            attempts: 10,
            facility: Some(facility),
            sd: None,
            discrimination: Some(discrimination),
            efficiency: None,
            mark_variance: None,
        };
        assert_eq!(flags(&figures(95.0, 40.0)), vec![ItemFlag::TooEasy]);
        assert_eq!(
            flags(&figures(10.0, -5.0)),
            vec![ItemFlag::TooHard, ItemFlag::NegativeDiscrimination]
        );
        assert_eq!(flags(&figures(50.0, 35.0)), vec![]);
        let mut few = figures(100.0, -50.0);
        few.attempts = MIN_ATTEMPTS_TO_FLAG - 1;
        assert_eq!(flags(&few), vec![], "too few attempts to judge");
    }
}
