//! FSRS-6 memory model and interval scheduler for practice mode.
//!
//! This module owns the spaced-repetition arithmetic and nothing else: given a
//! card's previous memory state (stability and difficulty), the whole days
//! since its last review and the learner's grade, it computes the new memory
//! state and the next interval in whole days. It is pure and std-only: no
//! clock, no randomness, no I/O; callers keep review times and card storage.
//!
//! It implements FSRS-6 (21 parameters, `w[0]..=w[20]`, with the trainable
//! forgetting-curve decay `w[20]`) and reproduces the reference Python
//! package `fsrs` 6.3.2 (`pip install fsrs==6.3.2`) configured as
//!
//! ```text
//! Scheduler(parameters=DEFAULT_PARAMETERS, desired_retention=0.9,
//!           learning_steps=(), relearning_steps=(),
//!           maximum_interval=36500, enable_fuzzing=False)
//! ```
//!
//! With no learning or relearning steps every review, including the first
//! one and every `Again`, leaves the card in the reference's `Review` state
//! with a whole-day interval of at least one day. The formulas, the order of
//! floating-point operations, the clamps and the rounding follow the
//! reference's source line by line, so results agree to the last bit
//! wherever both use the same C maths library:
//!
//! * first review: `S0 = w[G-1]` (at least [`STABILITY_MIN`]),
//!   `D0 = w[4] - e^(w[5]·(G-1)) + 1` clamped to `1..=10`;
//! * forgetting curve: `R(t, S) = (1 + FACTOR·t/S)^DECAY` with
//!   `DECAY = -w[20]` and `FACTOR = 0.9^(1/DECAY) - 1`;
//! * difficulty: linear damping `D + (10-D)·(-w[6]·(G-3))/9`, then mean
//!   reversion towards `D0(Easy)` (unclamped) with weight `w[7]`, clamped to
//!   `1..=10`; it is updated on every review after the first, same-day or not;
//! * stability after a review less than one whole day after the previous one:
//!   the same-day formula `S·e^(w[17]·(G-3+w[18]))·S^(-w[19])`, whose growth
//!   factor is at least 1 for `Hard`, `Good` and `Easy`;
//! * otherwise the recall formula (`Hard` penalty `w[15]`, `Easy` bonus
//!   `w[16]`) or, for `Again`, the smaller of the long-term forget formula
//!   and `S / e^(w[17]·w[18])`;
//! * every new stability is at least [`STABILITY_MIN`];
//! * interval: `(S/FACTOR)·(r^(1/DECAY) - 1)` rounded half to even (Python's
//!   `round`), then at least 1 day and at most the maximum interval.
//!
//! Elapsed time: the reference measures it as `timedelta.days` between the
//! last review and this one, i.e. whole days, rounded down. This module does
//! the same with the `elapsed_days: f64` it is given: it is floored to whole
//! days, and negative or NaN values count as 0. So 0.9 days is a same-day
//! review and 1.99 days is one day. Callers should pass
//! `(now - last_review)` in days; they may pass fractions.
//!
//! One deliberate departure, which cannot change any result the reference
//! produces: a stored previous state is first brought into the range the
//! reference can produce (stability at least [`STABILITY_MIN`], difficulty in
//! `1..=10`, NaN treated as the lower bound), so corrupt saved data cannot
//! yield NaN intervals.

use std::f64::consts::E;
use std::fmt;

/// The FSRS-6 default parameters `w[0]..=w[20]`, as in py-fsrs 6.3.2.
pub const DEFAULT_PARAMETERS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// Default target probability of recall at the due date.
pub const DEFAULT_DESIRED_RETENTION: f64 = 0.9;

/// Default longest interval, in days (about 100 years).
pub const DEFAULT_MAXIMUM_INTERVAL_DAYS: u32 = 36_500;

/// Smallest stability (in days) the model ever produces.
pub const STABILITY_MIN: f64 = 0.001;

/// Smallest difficulty.
pub const MIN_DIFFICULTY: f64 = 1.0;

/// Largest difficulty.
pub const MAX_DIFFICULTY: f64 = 10.0;

/// The learner's self-assessed recall of one review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Grade {
    /// Forgot the answer.
    Again = 1,
    /// Recalled it with serious difficulty.
    Hard = 2,
    /// Recalled it after some hesitation.
    Good = 3,
    /// Recalled it easily.
    Easy = 4,
}

impl Grade {
    /// All grades, from `Again` to `Easy`.
    pub const ALL: [Self; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    /// The grade's number, 1 (`Again`) to 4 (`Easy`).
    pub const fn value(self) -> u8 {
        self as u8
    }

    fn as_f64(self) -> f64 {
        f64::from(self.value())
    }
}

/// A grade number outside `1..=4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidGrade(pub u8);

impl fmt::Display for InvalidGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "grade must be 1 to 4, got {}", self.0)
    }
}

impl std::error::Error for InvalidGrade {}

impl TryFrom<u8> for Grade {
    type Error = InvalidGrade;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        match value {
            1 => Ok(Self::Again),
            2 => Ok(Self::Hard),
            3 => Ok(Self::Good),
            4 => Ok(Self::Easy),
            other => Err(InvalidGrade(other)),
        }
    }
}

/// A card's memory state after a review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryState {
    /// Days until the probability of recall falls to 90%.
    pub stability: f64,
    /// How hard the card is, from 1 (easiest) to 10 (hardest).
    pub difficulty: f64,
}

/// The FSRS-6 scheduler: parameters, target retention and longest interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    /// Model weights `w[0]..=w[20]`.
    pub parameters: [f64; 21],
    /// Target probability of recall when a card falls due, in `(0, 1)`.
    pub desired_retention: f64,
    /// Longest interval handed out, in days.
    pub maximum_interval_days: u32,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self {
            parameters: DEFAULT_PARAMETERS,
            desired_retention: DEFAULT_DESIRED_RETENTION,
            maximum_interval_days: DEFAULT_MAXIMUM_INTERVAL_DAYS,
        }
    }
}

/// Whole days elapsed, as the reference's `timedelta.days` gives them:
/// rounded down, with negative and NaN values counted as 0.
pub fn whole_days(elapsed_days: f64) -> f64 {
    // `f64::max` returns the other operand when one is NaN.
    elapsed_days.floor().max(0.0)
}

impl Scheduler {
    /// The forgetting curve's exponent, `-w[20]`.
    pub fn decay(&self) -> f64 {
        -self.parameters[20]
    }

    /// The forgetting curve's factor, `0.9^(1/DECAY) - 1`, which makes the
    /// probability of recall 90% after `stability` days.
    pub fn factor(&self) -> f64 {
        0.9_f64.powf(1.0 / self.decay()) - 1.0
    }

    /// Probability of recall `elapsed_days` after the last review, for a card
    /// of the given stability. Elapsed time counts in whole days (see the
    /// module docs), so this is 1 for the whole first day.
    pub fn retrievability(&self, stability: f64, elapsed_days: f64) -> f64 {
        let stability = sanitize_stability(stability);
        let elapsed = whole_days(elapsed_days);
        (1.0 + self.factor() * elapsed / stability).powf(self.decay())
    }

    /// The memory state after a review with `grade`, taken `elapsed_days`
    /// after the previous review (`previous`), or the first review of a new
    /// card when `previous` is `None` (then `elapsed_days` is ignored).
    pub fn next_state(
        &self,
        previous: Option<MemoryState>,
        elapsed_days: f64,
        grade: Grade,
    ) -> MemoryState {
        let Some(previous) = previous else {
            return MemoryState {
                stability: self.initial_stability(grade),
                difficulty: clamp_difficulty(self.initial_difficulty(grade)),
            };
        };
        let stability = sanitize_stability(previous.stability);
        let difficulty = clamp_difficulty(previous.difficulty);
        let elapsed = whole_days(elapsed_days);

        let next_stability = if elapsed < 1.0 {
            self.short_term_stability(stability, grade)
        } else {
            let retrievability = self.retrievability(stability, elapsed);
            self.long_term_stability(difficulty, stability, retrievability, grade)
        };
        MemoryState {
            stability: next_stability,
            difficulty: self.next_difficulty(difficulty, grade),
        }
    }

    /// The interval in whole days for a card of the given stability: the
    /// time until recall falls to `desired_retention`, rounded half to even,
    /// then at least 1 day and at most `maximum_interval_days`.
    pub fn next_interval_days(&self, stability: f64) -> u32 {
        let decay = self.decay();
        let raw = (stability / self.factor()) * (self.desired_retention.powf(1.0 / decay) - 1.0);
        // `f64::max` maps NaN to 1; the value is then within `0..=u32::MAX`.
        let days = raw
            .round_ties_even()
            .max(1.0)
            .min(f64::from(self.maximum_interval_days));
        days as u32
    }

    /// Reviews a card: its new memory state and next interval in days.
    pub fn review(
        &self,
        previous: Option<MemoryState>,
        elapsed_days: f64,
        grade: Grade,
    ) -> (MemoryState, u32) {
        let state = self.next_state(previous, elapsed_days, grade);
        (state, self.next_interval_days(state.stability))
    }

    fn w(&self, index: usize) -> f64 {
        self.parameters[index]
    }

    fn initial_stability(&self, grade: Grade) -> f64 {
        sanitize_stability(self.w(usize::from(grade.value()) - 1))
    }

    /// `D0(G)`, not clamped (mean reversion uses the unclamped `D0(Easy)`).
    fn initial_difficulty(&self, grade: Grade) -> f64 {
        // The reference writes `math.e ** x`, which is `pow(e, x)`, not `exp(x)`.
        self.w(4) - E.powf(self.w(5) * (grade.as_f64() - 1.0)) + 1.0
    }

    fn next_difficulty(&self, difficulty: f64, grade: Grade) -> f64 {
        let target = self.initial_difficulty(Grade::Easy);
        let delta = -(self.w(6) * (grade.as_f64() - 3.0));
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        clamp_difficulty(self.w(7) * target + (1.0 - self.w(7)) * damped)
    }

    fn short_term_stability(&self, stability: f64, grade: Grade) -> f64 {
        let mut increase =
            E.powf(self.w(17) * (grade.as_f64() - 3.0 + self.w(18))) * stability.powf(-self.w(19));
        if grade != Grade::Again {
            increase = increase.max(1.0);
        }
        sanitize_stability(stability * increase)
    }

    fn long_term_stability(
        &self,
        difficulty: f64,
        stability: f64,
        retrievability: f64,
        grade: Grade,
    ) -> f64 {
        let next = if grade == Grade::Again {
            self.forget_stability(difficulty, stability, retrievability)
        } else {
            self.recall_stability(difficulty, stability, retrievability, grade)
        };
        sanitize_stability(next)
    }

    fn forget_stability(&self, difficulty: f64, stability: f64, retrievability: f64) -> f64 {
        let long_term = self.w(11)
            * difficulty.powf(-self.w(12))
            * ((stability + 1.0).powf(self.w(13)) - 1.0)
            * E.powf((1.0 - retrievability) * self.w(14));
        let short_term = stability / E.powf(self.w(17) * self.w(18));
        long_term.min(short_term)
    }

    fn recall_stability(
        &self,
        difficulty: f64,
        stability: f64,
        retrievability: f64,
        grade: Grade,
    ) -> f64 {
        let hard_penalty = if grade == Grade::Hard {
            self.w(15)
        } else {
            1.0
        };
        let easy_bonus = if grade == Grade::Easy {
            self.w(16)
        } else {
            1.0
        };
        stability
            * (1.0
                + E.powf(self.w(8))
                    * (11.0 - difficulty)
                    * stability.powf(-self.w(9))
                    * (E.powf((1.0 - retrievability) * self.w(10)) - 1.0)
                    * hard_penalty
                    * easy_bonus)
    }
}

/// Stability of at least [`STABILITY_MIN`]; NaN becomes [`STABILITY_MIN`].
fn sanitize_stability(stability: f64) -> f64 {
    stability.max(STABILITY_MIN)
}

/// Difficulty within `1..=10`; NaN becomes [`MIN_DIFFICULTY`].
fn clamp_difficulty(difficulty: f64) -> f64 {
    if difficulty.is_nan() {
        MIN_DIFFICULTY
    } else {
        difficulty.clamp(MIN_DIFFICULTY, MAX_DIFFICULTY)
    }
}

#[cfg(test)]
mod tests {
    use super::{Grade, MemoryState, Scheduler, whole_days};

    /// Relative (or, near zero, absolute) closeness. The expected values come
    /// from py-fsrs 6.3.2 and match bit for bit on glibc; the tolerance only
    /// allows for another platform's `pow`.
    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
    }

    fn assert_state(actual: MemoryState, stability: f64, difficulty: f64) {
        assert!(
            close(actual.stability, stability),
            "stability {} != {stability}",
            actual.stability
        );
        assert!(
            close(actual.difficulty, difficulty),
            "difficulty {} != {difficulty}",
            actual.difficulty
        );
    }

    #[test]
    fn first_review_of_each_grade() {
        let s = Scheduler::default();
        let cases = [
            (Grade::Again, 0.212, 6.4133, 1),
            (Grade::Hard, 1.2931, 5.112_170_705_601_056, 1),
            (Grade::Good, 2.3065, 2.118_103_970_459_016, 2),
            (Grade::Easy, 8.2956, 1.0, 8),
        ];
        for (grade, stability, difficulty, interval) in cases {
            let (state, days) = s.review(None, 123.0, grade);
            assert_state(state, stability, difficulty);
            assert_eq!(days, interval, "{grade:?}");
        }
    }

    #[test]
    fn good_good_again_same_day_easy() {
        // py-fsrs: Good; Good 3 days later; Again 10 days later; Easy same day.
        let s = Scheduler::default();
        let (first, i1) = s.review(None, 0.0, Grade::Good);
        let (second, i2) = s.review(Some(first), 3.0, Grade::Good);
        assert_state(second, 13.826_903_694_354_568, 2.111_214_235_785_395);
        let (third, i3) = s.review(Some(second), 10.0, Grade::Again);
        assert_state(third, 1.666_140_747_579_025_7, 7.392_238_132_342_694);
        let (fourth, i4) = s.review(Some(third), 0.0, Grade::Easy);
        assert_state(fourth, 2.912_158_221_122_226, 6.506_074_007_171_493_5);
        assert_eq!([i1, i2, i3, i4], [2, 14, 2, 3]);
    }

    #[test]
    fn elapsed_time_counts_in_whole_days() {
        let s = Scheduler::default();
        let first = s.next_state(None, 0.0, Grade::Good);
        assert_eq!(
            s.next_state(Some(first), 0.99, Grade::Good),
            s.next_state(Some(first), 0.0, Grade::Good)
        );
        assert_eq!(
            s.next_state(Some(first), 3.7, Grade::Good),
            s.next_state(Some(first), 3.0, Grade::Good)
        );
        assert_eq!(
            s.next_state(Some(first), -2.0, Grade::Hard),
            s.next_state(Some(first), 0.0, Grade::Hard)
        );
        assert!(whole_days(f64::NAN).abs() < f64::EPSILON);
        assert!((whole_days(1.999) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn retrievability_matches_reference() {
        let s = Scheduler::default();
        assert!(close(s.retrievability(2.3065, 0.5), 1.0));
        assert!(close(
            s.retrievability(2.3065, 10.0),
            0.774_366_916_761_403_9
        ));
        assert!(close(
            s.retrievability(0.212, 200.0),
            0.348_786_012_388_026_4
        ));
        assert!(close(
            s.retrievability(8.2956, 40.0),
            0.764_058_903_720_095_1
        ));
        // By construction of FACTOR, recall is 90% after `stability` days.
        assert!(close(s.retrievability(10.0, 10.0), 0.9));
    }

    #[test]
    fn intervals_round_half_to_even_and_clamp() {
        let s = Scheduler::default();
        let cases = [
            (0.001, 1),
            (0.5, 1),
            (1.5, 2),
            (2.5, 2),
            (3.5, 4),
            (4.5, 4),
            (6.5, 6),
            (100.5, 100),
            (36_500.6, 36_500),
            (1e9, 36_500),
            (f64::INFINITY, 36_500),
            (f64::NAN, 1),
        ];
        for (stability, interval) in cases {
            assert_eq!(s.next_interval_days(stability), interval, "S = {stability}");
        }
    }

    #[test]
    fn corrupt_previous_state_stays_finite() {
        let s = Scheduler::default();
        let corrupt = MemoryState {
            stability: f64::NAN,
            difficulty: 42.0,
        };
        for grade in Grade::ALL {
            let (state, days) = s.review(Some(corrupt), 5.0, grade);
            assert!(state.stability.is_finite() && state.stability >= super::STABILITY_MIN);
            assert!((1.0..=10.0).contains(&state.difficulty));
            assert!(days >= 1);
        }
    }

    #[test]
    fn grade_numbers_round_trip() {
        for grade in Grade::ALL {
            assert_eq!(Grade::try_from(grade.value()), Ok(grade));
        }
        assert!(Grade::try_from(0).is_err());
        assert!(Grade::try_from(5).is_err());
    }
}
