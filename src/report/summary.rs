//! The summary of one attempt, built from its result and nothing else but
//! the bank it was taken with (for tags, kinds and claims): the score, how
//! the answers went, the score by tag and by question kind, discernment,
//! and the questions to review. Pure data: `term` renders it, and anything
//! that holds a result file (a class report, a learner's history) can build
//! the same summary again.

use super::{CbmScore, Ended, QuizResult, ResponseRecord};
use crate::bank::{LoadedBank, Question, Support};
use crate::quiz::grade::Verdict;
use std::collections::{BTreeMap, HashMap};

pub use crate::wording::NONE;

/// How many answers went each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerdictCounts {
    pub right: usize,
    pub partly: usize,
    pub wrong: usize,
    pub skipped: usize,
}

impl VerdictCounts {
    pub fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Right => self.right += 1,
            Verdict::Partly => self.partly += 1,
            Verdict::Wrong => self.wrong += 1,
            Verdict::Skipped => self.skipped += 1,
        }
    }

    pub fn total(self) -> usize {
        self.right + self.partly + self.wrong + self.skipped
    }
}

/// Points earned and on offer in one group of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub earned: f64,
    pub possible: f64,
    pub questions: usize,
}

impl Tally {
    fn add(&mut self, record: &ResponseRecord) {
        self.earned += record.points;
        self.possible += record.max_points;
        self.questions += 1;
    }

    /// Points earned as a percentage of points on offer (0 when none are).
    pub fn percent(self) -> f64 {
        if self.possible > 0.0 {
            100.0 * self.earned / self.possible
        } else {
            0.0
        }
    }
}

/// Right answers to support questions, by what the report shows of the
/// claim: telling unsupported claims from the others is discernment;
/// doubting everything is not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Discernment {
    /// Unsupported claims seen through.
    pub unsupported_right: usize,
    pub unsupported_asked: usize,
    /// Claims the report supports or leaves open (cannot tell), recognised.
    pub supported_or_open_right: usize,
    pub supported_or_open_asked: usize,
}

impl Discernment {
    /// Counts an answer on a claim the report shows as `support` (claims
    /// that cannot be checked are not counted).
    pub fn add(&mut self, support: Support, verdict: Verdict) {
        let right = usize::from(verdict.is_right());
        match support {
            Support::Unsupported => {
                self.unsupported_asked += 1;
                self.unsupported_right += right;
            }
            Support::Supported | Support::CannotTell => {
                self.supported_or_open_asked += 1;
                self.supported_or_open_right += right;
            }
            Support::NotCheckable => {}
        }
    }

    /// Whether no claim of either kind was asked.
    pub fn is_empty(&self) -> bool {
        self.unsupported_asked + self.supported_or_open_asked == 0
    }

    /// Whether both kinds of claim were asked: without both there is
    /// nothing to tell apart.
    pub fn has_both_halves(&self) -> bool {
        self.unsupported_asked > 0 && self.supported_or_open_asked > 0
    }
}

/// A question answered but not right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToReview {
    /// Its position in the quiz, from 0.
    pub position: usize,
    pub question: String,
    pub verdict: Verdict,
}

/// The summary of one attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub ended: Ended,
    /// Questions in the quiz.
    pub questions: usize,
    /// Questions answered (skips included).
    pub answered: usize,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub passed: Option<bool>,
    pub cbm: Option<CbmScore>,
    /// Over the questions that count: all of them when the quiz ran to its
    /// end (time-up included; an unanswered question is a skip), only those
    /// answered when it was stopped early. So are the figures below.
    pub verdicts: VerdictCounts,
    /// Score per tag (a question with two tags counts in both), untagged
    /// questions under [`NONE`].
    pub by_tag: BTreeMap<String, Tally>,
    /// Score per question kind, questions without one under [`NONE`].
    pub by_kind: BTreeMap<String, Tally>,
    /// On support questions, by the support of their first claim.
    pub discernment: Discernment,
    /// Answered questions that did not earn full credit, in quiz order.
    pub to_review: Vec<ToReview>,
}

impl Summary {
    /// The summary of `result`; `loaded` is the bank it was taken with
    /// (a question the bank lacks counts with no tag and no kind).
    pub fn of(result: &QuizResult, loaded: &LoadedBank) -> Self {
        let questions: HashMap<&str, &Question> = loaded
            .questions()
            .iter()
            .map(|question| (question.id(), question))
            .collect();
        let mut summary = Summary {
            ended: result.ended,
            questions: result.responses.len(),
            answered: result.responses.iter().filter(|r| answered(r)).count(),
            score: result.score,
            max_score: result.max_score,
            percent: result.percent,
            passed: result.passed,
            cbm: result.cbm.clone(),
            verdicts: VerdictCounts::default(),
            by_tag: BTreeMap::new(),
            by_kind: BTreeMap::new(),
            discernment: Discernment::default(),
            to_review: Vec::new(),
        };
        for (position, record) in result.responses.iter().enumerate() {
            if !(result.complete || answered(record)) {
                continue;
            }
            let verdict = Verdict::of(record.credit, record.skipped);
            summary.verdicts.add(verdict);
            if answered(record) && !verdict.is_right() {
                summary.to_review.push(ToReview {
                    position,
                    question: record.question.clone(),
                    verdict,
                });
            }
            let question = questions.get(record.question.as_str());
            let common = question.map(|question| &question.common);
            let tags = common.map_or(&[][..], |common| &common.tags[..]);
            if tags.is_empty() {
                summary.by_tag.entry(NONE.into()).or_default().add(record);
            }
            for tag in tags {
                summary.by_tag.entry(tag.clone()).or_default().add(record);
            }
            let kind = common.and_then(|common| common.kind);
            summary
                .by_kind
                .entry(kind.map_or(NONE, |kind| kind.as_str()).into())
                .or_default()
                .add(record);
            if kind == Some(crate::bank::QuestionKind::Support)
                && let Some(claim) = common
                    .and_then(|common| common.claims.first())
                    .and_then(|id| loaded.bank.claim(id))
            {
                summary.discernment.add(claim.support, verdict);
            }
        }
        summary
    }

    /// Questions of the quiz left without an answer (not even a skip).
    pub fn unanswered(&self) -> usize {
        self.questions.saturating_sub(self.answered)
    }
}

/// Whether the learner reached the question (a skip is an answer; a
/// question never reached has no answer line).
fn answered(record: &ResponseRecord) -> bool {
    record.answer.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::FeedbackMode;
    use jiff::Timestamp;

    /// Two claims the report does not support, one it supports, one it
    /// leaves open, one opinion; a support question on each, and two
    /// true-false questions of other kinds (one tagged twice, one untagged).
    const BANK: &str = include_str!("../../tests/fixtures/run/discernment.json");

    fn bank() -> LoadedBank {
        crate::bank::load_str("discernment.json", BANK).expect("the test bank loads")
    }

    /// How the learner did on one question: `None` never reached.
    #[derive(Clone, Copy)]
    enum Did {
        Credit(f64),
        Skip,
        NotReached,
    }

    fn result(complete: bool, answers: &[(&str, Did)]) -> QuizResult {
        let responses = answers
            .iter()
            .map(|&(question, did)| {
                let (answer, credit, skipped) = match did {
                    Did::Credit(credit) => (Some("x".to_string()), credit, false),
                    Did::Skip => (Some(String::new()), 0.0, true),
                    Did::NotReached => (None, 0.0, true),
                };
                ResponseRecord {
                    question: question.into(),
                    question_type: "true-false".into(),
                    answer,
                    selected: Vec::new(),
                    credit,
                    points: 2.0 * credit,
                    max_points: 2.0,
                    confidence: None,
                    seconds: None,
                    skipped,
                }
            })
            .collect::<Vec<_>>();
        let score = responses.iter().map(|r| r.points).sum();
        let at = Timestamp::UNIX_EPOCH;
        QuizResult {
            format: super::super::RESULT_FORMAT.into(),
            bank: "discernment".into(),
            bank_hash: String::new(),
            quiz: None,
            seed: 1,
            rng: String::new(),
            learner: "ana".into(),
            started_at: at,
            finished_at: at,
            complete,
            ended: if complete {
                Ended::Finished
            } else {
                Ended::Quit
            },
            feedback: FeedbackMode::Immediate,
            time_limit_s: None,
            score,
            max_score: 2.0 * responses.len() as f64,
            percent: 0.0,
            passed: None,
            cbm: None,
            responses,
        }
    }

    #[test]
    fn partly_right_is_neither_right_nor_wrong() {
        let summary = Summary::of(
            &result(
                true,
                &[
                    ("s-road", Did::Credit(1.0)),
                    ("timeline", Did::Credit(0.5)),
                    ("plain", Did::Credit(0.0)),
                    ("s-bridge", Did::Skip),
                ],
            ),
            &bank(),
        );
        assert_eq!(
            summary.verdicts,
            VerdictCounts {
                right: 1,
                partly: 1,
                wrong: 1,
                skipped: 1
            }
        );
        let to_review: Vec<(usize, &str, Verdict)> = summary
            .to_review
            .iter()
            .map(|entry| (entry.position, entry.question.as_str(), entry.verdict))
            .collect();
        assert_eq!(
            to_review,
            [
                (1, "timeline", Verdict::Partly),
                (2, "plain", Verdict::Wrong),
                (3, "s-bridge", Verdict::Skipped)
            ]
        );
    }

    #[test]
    fn discernment_tells_unsupported_claims_from_supported_and_open_ones() {
        let summary = Summary::of(
            &result(
                true,
                &[
                    ("s-bridge", Did::Credit(1.0)),
                    ("s-budget", Did::Credit(0.0)),
                    ("s-road", Did::Credit(1.0)),
                    ("s-crowd", Did::Credit(0.5)),
                    ("s-plan", Did::Credit(1.0)),
                    ("plain", Did::Credit(1.0)),
                ],
            ),
            &bank(),
        );
        assert_eq!(
            summary.discernment,
            Discernment {
                unsupported_right: 1,
                unsupported_asked: 2,
                // Partial credit on the open claim is not recognising it.
                supported_or_open_right: 1,
                supported_or_open_asked: 2,
            }
        );
        assert!(summary.discernment.has_both_halves());
        let only_unsupported =
            Summary::of(&result(true, &[("s-bridge", Did::Credit(1.0))]), &bank());
        assert!(!only_unsupported.discernment.has_both_halves());
    }

    #[test]
    fn tags_and_kinds_count_each_question_once_per_group() {
        let summary = Summary::of(
            &result(
                true,
                &[
                    ("timeline", Did::Credit(0.5)),
                    ("plain", Did::Credit(1.0)),
                    ("s-road", Did::Credit(1.0)),
                ],
            ),
            &bank(),
        );
        let tally = |earned: f64, questions: usize| Tally {
            earned,
            possible: 2.0 * questions as f64,
            questions,
        };
        assert_eq!(summary.by_tag["timeline"], tally(1.0, 1));
        assert_eq!(summary.by_tag["evidence"], tally(1.0, 1));
        assert_eq!(summary.by_tag[NONE], tally(4.0, 2));
        assert_eq!(summary.by_tag.len(), 3);
        assert_eq!(summary.by_kind["context"], tally(1.0, 1));
        assert_eq!(summary.by_kind["support"], tally(2.0, 1));
        assert_eq!(summary.by_kind[NONE], tally(2.0, 1));
        assert!((summary.by_tag["timeline"].percent() - 50.0).abs() < 1e-9);
        assert!(Tally::default().percent().abs() < f64::EPSILON);
    }

    #[test]
    fn a_quiz_stopped_early_counts_only_what_was_answered() {
        let answers = [
            ("s-bridge", Did::Credit(1.0)),
            ("s-road", Did::Skip),
            ("plain", Did::NotReached),
        ];
        let stopped = Summary::of(&result(false, &answers), &bank());
        assert_eq!((stopped.answered, stopped.questions), (2, 3));
        assert_eq!(stopped.unanswered(), 1, "a skip is an answer");
        assert_eq!(stopped.verdicts.total(), 2);
        assert!(!stopped.by_tag.is_empty() && !stopped.by_kind.contains_key(NONE));
        // Run to its end (time up), the question never reached counts as
        // skipped and earns 0, but there is no answer of it to review.
        let ended = Summary::of(&result(true, &answers), &bank());
        assert_eq!(ended.verdicts.skipped, 2);
        assert_eq!(ended.by_kind[NONE].questions, 1);
        assert_eq!(ended.to_review.len(), 1);
        assert_eq!(ended.to_review[0].question, "s-road");
    }
}
