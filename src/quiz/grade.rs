//! Scoring, exactly as BANK-FORMAT.md section 2 says: the credit `f` (0..1)
//! of a response for each question type, the feedback it earns, and the
//! confidence-based mark.

use super::answer::Response;
use super::plan::{Arrangement, PlannedQuestion};
use crate::bank::{Bank, QuestionBody, ShortAnswer};

/// What a response earned.
#[derive(Debug, Clone, PartialEq)]
pub struct Grading {
    /// The credit f, clamped to 0..1.
    pub credit: f64,
    /// Feedback the answer triggered (the chosen choice's, a known wrong answer's…).
    pub feedback: Vec<String>,
    /// Authored choice ids (else texts) for single and multiple.
    pub selected: Vec<String>,
}

/// Confidence-based marking: rewards for confidence 1, 2, 3 …
const CBM_RIGHT: [f64; 3] = [1.0, 2.0, 3.0];
/// … and penalties.
const CBM_WRONG: [f64; 3] = [0.0, 2.0, 6.0];

/// `points × (f·R[c] − (1−f)·W[c])`.
pub fn cbm_mark(points: f64, credit: f64, confidence: u8) -> f64 {
    let level = usize::from(confidence.clamp(1, 3)) - 1;
    points * (credit * CBM_RIGHT[level] - (1.0 - credit) * CBM_WRONG[level])
}

/// Credit at or above this is full credit: credits are sums and quotients
/// of floats (three thirds), so "1" is allowed a rounding error.
const FULL_CREDIT: f64 = 1.0 - 1e-9;

/// How an answer went, decided from its credit alone: the one place that
/// says what "right" and "partly right" mean (screens, results, practice
/// grades and statistics all ask here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Full credit.
    Right,
    /// Some credit, not all.
    Partly,
    /// No credit for an answer given.
    Wrong,
    /// No answer: skipped, time ran out, or never reached.
    Skipped,
}

impl Verdict {
    /// The verdict of `credit` (0..1) earned by an answer, or of a skip. A
    /// credit that is not a number earns nothing.
    pub fn of(credit: f64, skipped: bool) -> Self {
        if skipped {
            Verdict::Skipped
        } else if credit >= FULL_CREDIT {
            Verdict::Right
        } else if credit > 0.0 {
            Verdict::Partly
        } else {
            Verdict::Wrong
        }
    }

    pub fn is_right(self) -> bool {
        self == Verdict::Right
    }
}

/// Whether a credit counts as a right answer (full credit, up to rounding).
pub fn is_right(credit: f64) -> bool {
    Verdict::of(credit, false).is_right()
}

/// The answer a short question shows as its right one: the first accepted
/// answer that earns full credit (an answer without a credit earns it).
pub fn full_credit_answer(answers: &[ShortAnswer]) -> Option<&ShortAnswer> {
    answers
        .iter()
        .find(|answer| is_right(answer.credit.unwrap_or(1.0)))
}

/// The most a question can earn under confidence-based marking.
pub fn cbm_max(points: f64) -> f64 {
    points * CBM_RIGHT[2]
}

pub use crate::bank::text::normalise as normalise_short;

/// Grades a response to a planned question.
pub fn grade(bank: &Bank, planned: &PlannedQuestion, response: &Response) -> Grading {
    let mut grading = Grading {
        credit: 0.0,
        feedback: Vec::new(),
        selected: Vec::new(),
    };
    let credit = match (&planned.question.body, &planned.arrangement, response) {
        (
            QuestionBody::Single { choices },
            Arrangement::Choices(order),
            Response::Single(position),
        ) => {
            let choice = &choices[order[*position]];
            grading.selected.push(choice.record_name().to_string());
            grading.feedback.extend(choice.feedback.clone());
            if choice.correct {
                1.0
            } else {
                choice.credit.unwrap_or(0.0)
            }
        }
        (
            QuestionBody::Multiple { choices },
            Arrangement::Choices(order),
            Response::Multiple(positions),
        ) => {
            let chosen: Vec<&crate::bank::Choice> =
                positions.iter().map(|&p| &choices[order[p]]).collect();
            for choice in &chosen {
                grading.selected.push(choice.record_name().to_string());
                if let Some(feedback) = &choice.feedback {
                    grading
                        .feedback
                        .push(format!("{}: {feedback}", choice.text));
                }
            }
            if choices.iter().any(|choice| choice.credit.is_some()) {
                chosen
                    .iter()
                    .map(|choice| choice.credit.unwrap_or(0.0))
                    .sum()
            } else {
                let right = choices
                    .iter()
                    .filter(|choice| choice.correct)
                    .count()
                    .max(1) as f64;
                chosen
                    .iter()
                    .map(|choice| if choice.correct { 1.0 } else { -1.0 } / right)
                    .sum()
            }
        }
        (
            QuestionBody::TrueFalse {
                answer,
                feedback_true,
                feedback_false,
            },
            _,
            Response::TrueFalse(given),
        ) => {
            grading.feedback.extend(if *given {
                feedback_true.clone()
            } else {
                feedback_false.clone()
            });
            if given == answer { 1.0 } else { 0.0 }
        }
        (
            QuestionBody::Short {
                answers,
                fuzzy,
                accept_aliases_of,
            },
            _,
            Response::Short(text),
        ) => {
            let typed = normalise_short(text);
            let mut accepted: Vec<(String, f64, Option<&String>)> = answers
                .iter()
                .map(|answer| {
                    (
                        normalise_short(&answer.text),
                        answer.credit.unwrap_or(1.0),
                        answer.feedback.as_ref(),
                    )
                })
                .collect();
            let mut names: Vec<String> = Vec::new();
            if let Some(actor) = accept_aliases_of.as_deref().and_then(|id| bank.actor(id)) {
                for alias in actor.name.iter().chain(&actor.aliases) {
                    accepted.push((normalise_short(alias), 1.0, None));
                    names.push(normalise_short(alias));
                }
            }
            // An alias or answer that is only punctuation must not match a typed `.`.
            accepted.retain(|(form, _, _)| !form.is_empty());
            let best = |matches: &dyn Fn(&str) -> bool| {
                accepted
                    .iter()
                    .filter(|(form, _, _)| matches(form))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
            };
            let exact = best(&|form: &str| form == typed);
            // A name matches with its parts in any order and one slip per longer part.
            let name = || {
                accepted
                    .iter()
                    .find(|(form, _, _)| names.contains(form) && same_name(form, &typed))
            };
            let limit = usize::from(fuzzy.unwrap_or(0));
            let hit = exact.or_else(name).or_else(|| {
                if limit == 0 {
                    return None;
                }
                best(&|form: &str| {
                    form.chars().count() >= 5 && strsim::levenshtein(form, &typed) <= limit
                })
            });
            match hit {
                Some((_, credit, feedback)) => {
                    grading.feedback.extend(feedback.cloned());
                    *credit
                }
                None => 0.0,
            }
        }
        (
            QuestionBody::Numeric {
                answer,
                tolerance,
                ranges,
                ..
            },
            _,
            Response::Numeric(value),
        ) => {
            let slack = tolerance.unwrap_or(0.0) + 1e-9 * answer.abs().max(1.0);
            if (value - answer).abs() <= slack {
                1.0
            } else {
                let range = ranges
                    .iter()
                    .filter(|range| range.min <= *value && *value <= range.max)
                    .max_by(|a, b| a.credit.unwrap_or(0.0).total_cmp(&b.credit.unwrap_or(0.0)));
                match range {
                    Some(range) => {
                        grading.feedback.extend(range.feedback.clone());
                        range.credit.unwrap_or(0.0)
                    }
                    None => 0.0,
                }
            }
        }
        (
            QuestionBody::Match { pairs, .. },
            Arrangement::Match { lefts, rights },
            Response::Match(given),
        ) => {
            let right_count = given
                .iter()
                .filter(|(left, right)| pairs[lefts[*left]].right == rights[*right])
                .count();
            right_count as f64 / pairs.len() as f64
        }
        (QuestionBody::Order { items }, Arrangement::Order(order), Response::Order(positions)) => {
            let authored: Vec<usize> = positions.iter().map(|&p| order[p]).collect();
            let longest = longest_increasing(&authored);
            if longest >= 2 {
                longest as f64 / items.len() as f64
            } else {
                0.0
            }
        }
        _ => 0.0,
    };
    grading.credit = credit.clamp(0.0, 1.0);
    grading
}

/// Whether `typed` is the name `form` (both normalised): the same parts
/// (words) in any order, each typed exactly or, for a part of 5 or more
/// characters, with one slip (a letter added, missing, wrong, or two
/// neighbours swapped).
pub fn same_name(form: &str, typed: &str) -> bool {
    let form_parts: Vec<&str> = form.split(' ').filter(|part| !part.is_empty()).collect();
    let mut typed_parts: Vec<&str> = typed.split(' ').filter(|part| !part.is_empty()).collect();
    if form_parts.is_empty() || form_parts.len() != typed_parts.len() {
        return false;
    }
    // Exact parts are paired first, so a slip cannot take another part's place.
    let mut slipped: Vec<&str> = Vec::new();
    for part in &form_parts {
        match typed_parts.iter().position(|typed| typed == part) {
            Some(at) => {
                typed_parts.swap_remove(at);
            }
            None => slipped.push(part),
        }
    }
    for part in slipped {
        if part.chars().count() < 5 {
            return false;
        }
        match typed_parts
            .iter()
            .position(|typed| strsim::osa_distance(typed, part) <= 1)
        {
            Some(at) => {
                typed_parts.swap_remove(at);
            }
            None => return false,
        }
    }
    true
}

/// Length of the longest strictly increasing subsequence (patience sorting).
fn longest_increasing(sequence: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &value in sequence {
        let position = tails.partition_point(|&tail| tail < value);
        if position == tails.len() {
            tails.push(value);
        } else {
            tails[position] = value;
        }
    }
    tails.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_order_with_one_slip_per_longer_part() {
        let name = "khawaja asif";
        for typed in [
            "khawaja asif",
            "asif khawaja",
            "kawaja asif",
            "asif khwaja",
            "asif khawjaa",
        ] {
            assert!(same_name(name, typed), "{typed}");
        }
        for typed in [
            "khwaja",
            "asad khawaja",
            "khawaja asif asif",
            "kwja asif",
            "khawaja",
        ] {
            assert!(!same_name(name, typed), "{typed}");
        }
        assert!(!same_name("asif", "asad"), "short parts must be exact");
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise_short("  Khawaja   ASIF! "), "khawaja asif");
        assert_eq!(normalise_short("Pakistán’s"), "pakistan s");
        assert_eq!(normalise_short("ﬁve"), "five");
        assert_eq!(normalise_short("U.S."), "u s");
        assert_eq!(normalise_short("STRASSE"), normalise_short("Straße"));
        assert_eq!(normalise_short("ΣΟΦΟΣ"), normalise_short("σοφος"));
        assert_eq!(normalise_short("C++"), "c++", "symbols are not punctuation");
        assert_eq!(normalise_short("«Asif»"), "asif");
    }

    #[test]
    fn verdicts_from_credit() {
        assert_eq!(Verdict::of(1.0, false), Verdict::Right);
        // Three thirds of a match question, summed in floating point.
        assert_eq!(Verdict::of(1.0 - 1e-12, false), Verdict::Right);
        assert_eq!(Verdict::of(0.999, false), Verdict::Partly);
        assert_eq!(Verdict::of(0.25, false), Verdict::Partly);
        assert_eq!(Verdict::of(0.0, false), Verdict::Wrong);
        assert_eq!(Verdict::of(f64::NAN, false), Verdict::Wrong);
        // A skip is a skip whatever credit is recorded beside it.
        assert_eq!(Verdict::of(0.0, true), Verdict::Skipped);
        assert_eq!(Verdict::of(1.0, true), Verdict::Skipped);
        assert!(is_right(1.0) && !is_right(0.5));
    }

    #[test]
    fn the_shown_answer_is_the_first_with_full_credit() {
        let answer = |text: &str, credit: Option<f64>| ShortAnswer {
            text: text.into(),
            credit,
            feedback: None,
        };
        let answers = [
            answer("half", Some(0.5)),
            answer("full", Some(1.0)),
            answer("also", None),
        ];
        assert_eq!(full_credit_answer(&answers).unwrap().text, "full");
        let answers = [answer("half", Some(0.5)), answer("plain", None)];
        assert_eq!(
            full_credit_answer(&answers).unwrap().text,
            "plain",
            "no credit given is full credit"
        );
        assert!(full_credit_answer(&[answer("half", Some(0.5))]).is_none());
        assert!(full_credit_answer(&[]).is_none());
    }

    #[test]
    fn cbm_table() {
        assert!((cbm_mark(1.0, 1.0, 3) - 3.0).abs() < 1e-12);
        assert!((cbm_mark(1.0, 0.0, 3) + 6.0).abs() < 1e-12);
        assert!((cbm_mark(1.0, 0.0, 2) + 2.0).abs() < 1e-12);
        assert!(cbm_mark(1.0, 0.0, 1).abs() < 1e-12);
        assert!((cbm_mark(2.0, 0.5, 2) - 0.0).abs() < 1e-12);
        assert!((cbm_max(2.0) - 6.0).abs() < 1e-12);
    }

    #[test]
    fn longest_ordered_subset() {
        assert_eq!(longest_increasing(&[0, 1, 2, 3]), 4);
        assert_eq!(longest_increasing(&[3, 2, 1, 0]), 1);
        assert_eq!(longest_increasing(&[1, 0, 2, 3]), 3);
        assert_eq!(longest_increasing(&[]), 0);
    }
}
