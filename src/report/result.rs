//! The `crossexam-result/1` document: built from a finished (or stopped)
//! session, written as JSON, and read back with a version check, so the
//! class report can tell a damaged file from a foreign or newer one.

use crate::bank::FeedbackMode;
use crate::quiz::plan::json_number;
use crate::quiz::rng::RNG_TAG;
use crate::quiz::session::{EndReason, Session};
use jiff::Timestamp;
use serde::{Deserialize, Serialize, Serializer};

/// The format tag of a result.
pub const RESULT_FORMAT: &str = "crossexam-result/1";

/// The family of result format tags; `crossexam-result/N` with N > 1 is newer.
const RESULT_FORMAT_FAMILY: &str = "crossexam-result/";

/// One response of a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Named as the borrowed view names it, so both refuse a too-short list alike.
#[serde(expecting = "struct ResponseRecord")]
pub struct ResponseRecord {
    pub question: String,
    #[serde(rename = "type")]
    pub question_type: String,
    pub answer: Option<String>,
    pub selected: Vec<String>,
    pub credit: f64,
    pub points: f64,
    #[serde(serialize_with = "whole_as_integer")]
    pub max_points: f64,
    pub confidence: Option<u8>,
    pub seconds: Option<f64>,
    pub skipped: bool,
}

/// The confidence-based total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CbmScore {
    pub score: f64,
    pub max: f64,
}

/// How an attempt ended, as results name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ended {
    Finished,
    TimeUp,
    Quit,
    EndOfInput,
    Interrupted,
    /// Written before the quiz ended.
    InProgress,
}

impl Ended {
    pub fn as_str(self) -> &'static str {
        match self {
            Ended::Finished => "finished",
            Ended::TimeUp => "time-up",
            Ended::Quit => "quit",
            Ended::EndOfInput => "end-of-input",
            Ended::Interrupted => "interrupted",
            Ended::InProgress => "in-progress",
        }
    }
}

impl From<Option<EndReason>> for Ended {
    fn from(reason: Option<EndReason>) -> Self {
        match reason {
            None => Ended::InProgress,
            Some(EndReason::Finished) => Ended::Finished,
            Some(EndReason::TimeUp) => Ended::TimeUp,
            Some(EndReason::Quit) => Ended::Quit,
            Some(EndReason::EndOfInput) => Ended::EndOfInput,
            Some(EndReason::Interrupted) => Ended::Interrupted,
        }
    }
}

/// `crossexam-result/1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "struct QuizResult")]
pub struct QuizResult {
    pub format: String,
    pub bank: String,
    pub bank_hash: String,
    pub quiz: Option<String>,
    /// A decimal string in the file: a 64-bit seed does not fit a JSON number in every reader.
    #[serde(with = "seed_string")]
    pub seed: u64,
    pub rng: String,
    pub learner: String,
    pub started_at: Timestamp,
    pub finished_at: Timestamp,
    pub complete: bool,
    pub ended: Ended,
    pub feedback: FeedbackMode,
    pub time_limit_s: Option<u64>,
    pub score: f64,
    #[serde(serialize_with = "whole_as_integer")]
    pub max_score: f64,
    pub percent: f64,
    pub passed: Option<bool>,
    pub cbm: Option<CbmScore>,
    pub responses: Vec<ResponseRecord>,
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0 + 0.0 // + 0.0 turns -0 into 0
}

/// Whole numbers as JSON integers (`10`, not `10.0`), as the plan prints points.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with signature"
)]
fn whole_as_integer<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    json_number(*value).serialize(serializer)
}

pub(super) mod seed_string {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's `with` signature"
    )]
    pub fn serialize<S: Serializer>(seed: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(seed)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| D::Error::custom(format!("seed `{text}` is not a decimal 64-bit number")))
    }
}

impl QuizResult {
    /// The result of a session (finished or not) for `learner`.
    pub fn from_session(session: &Session, learner: &str, now: Timestamp) -> Self {
        let plan = &session.plan;
        let (complete, finished_at) = match session.ended {
            Some((reason, at)) => (reason.is_complete(), at),
            None => (false, now),
        };
        let max_score = plan.max_score();
        let score = round4(session.score());
        let percent = if max_score > 0.0 {
            round4(100.0 * session.score() / max_score)
        } else {
            0.0
        };
        let passed = match (complete, plan.options.pass_mark) {
            (true, Some(mark)) => Some(session.score() / max_score >= mark - 1e-12),
            _ => None,
        };
        let responses = plan
            .questions
            .iter()
            .zip(&session.answers)
            .map(|(planned, answered)| {
                let question = &planned.question;
                let max_points = question.points();
                let question_id = question.id().to_string();
                let question_type = question.body.question_type().as_str().to_string();
                match answered {
                    Some(answered) => ResponseRecord {
                        question: question_id,
                        question_type,
                        answer: Some(answered.line.clone()),
                        selected: answered.grading.selected.clone(),
                        credit: round4(answered.grading.credit),
                        points: round4(answered.points),
                        max_points,
                        confidence: answered.confidence,
                        seconds: Some(round4(answered.seconds)),
                        skipped: answered.skipped(),
                    },
                    None => ResponseRecord {
                        question: question_id,
                        question_type,
                        answer: None,
                        selected: Vec::new(),
                        credit: 0.0,
                        points: 0.0,
                        max_points,
                        confidence: None,
                        seconds: None,
                        skipped: true,
                    },
                }
            })
            .collect();
        QuizResult {
            format: RESULT_FORMAT.to_string(),
            bank: plan.bank_id.clone(),
            bank_hash: plan.bank_hash.clone(),
            quiz: plan.options.preset.clone(),
            seed: plan.seed,
            rng: RNG_TAG.to_string(),
            learner: learner.to_string(),
            started_at: session.started_at,
            finished_at,
            complete,
            ended: session.ended.map(|(reason, _)| reason).into(),
            feedback: plan.options.feedback,
            time_limit_s: plan.options.time_limit_s,
            score,
            max_score,
            percent,
            passed,
            cbm: session.cbm_score().map(|cbm| CbmScore {
                score: round4(cbm),
                max: plan
                    .questions
                    .iter()
                    .map(|p| crate::quiz::grade::cbm_max(p.question.points()))
                    .sum(),
            }),
            responses,
        }
    }
}

/// Why a text is not a readable `crossexam-result/1`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// Not JSON, cut short, or a result with a field of the wrong shape.
    #[error("damaged result: {message} (line {line}, column {column})")]
    Damaged {
        message: String,
        line: usize,
        column: usize,
    },
    /// A result of a later format this release cannot read.
    #[error("written by a newer crossexam (format `{found}`; this release reads {RESULT_FORMAT})")]
    Newer { found: String },
    /// JSON, but not a crossexam result.
    #[error("not a crossexam result ({})", match found {
        Some(found) => format!("format `{found}`"),
        None => "no `format` field".to_string(),
    })]
    Foreign { found: Option<String> },
}

/// Only the format tag, to tell a foreign or newer document from a damaged one.
#[derive(Deserialize)]
struct FormatOnly {
    format: Option<serde_json::Value>,
}

/// Reads one result from JSON text, checking its format tag first: a newer
/// `crossexam-result/N` or another format is refused by name, and a
/// damaged result says where.
pub fn parse_result(text: &str) -> Result<QuizResult, ReadError> {
    parse_tagged(text)
}

/// A document with a format tag.
pub(super) trait Tagged {
    fn format(&self) -> &str;
}

impl Tagged for QuizResult {
    fn format(&self) -> &str {
        &self.format
    }
}

/// [`parse_result`] for any reading of a result (the full one, or the
/// class report's borrowed view).
pub(super) fn parse_tagged<'a, T: Tagged + Deserialize<'a>>(text: &'a str) -> Result<T, ReadError> {
    let text = crate::input::strip_bom(text);
    match serde_json::from_str::<T>(text) {
        Ok(result) if result.format() == RESULT_FORMAT => Ok(result),
        Ok(result) => Err(format_error(Some(result.format().to_string()))),
        Err(error) => {
            let found = serde_json::from_str::<FormatOnly>(text)
                .ok()
                .map(|only| only.format);
            match found {
                Some(Some(serde_json::Value::String(tag))) if tag == RESULT_FORMAT => {
                    Err(damaged(&error))
                }
                Some(Some(serde_json::Value::String(tag))) => Err(format_error(Some(tag))),
                Some(Some(other)) => Err(format_error(Some(other.to_string()))),
                Some(None) => Err(format_error(None)),
                None => Err(damaged(&error)),
            }
        }
    }
}

fn damaged(error: &serde_json::Error) -> ReadError {
    let message = error.to_string();
    // serde_json appends " at line L column C"; the position is kept apart.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(head, _)| head)
        .to_string();
    ReadError::Damaged {
        message,
        line: error.line(),
        column: error.column(),
    }
}

fn format_error(found: Option<String>) -> ReadError {
    match found {
        Some(tag)
            if tag
                .strip_prefix(RESULT_FORMAT_FAMILY)
                .and_then(|version| version.parse::<u32>().ok())
                .is_some_and(|version| version > 1) =>
        {
            ReadError::Newer { found: tag }
        }
        found => ReadError::Foreign { found },
    }
}

impl QuizResult {
    /// The result on one line, as a line of a JSON Lines file.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a result always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRITTEN: &str = r#"{
  "format": "crossexam-result/1",
  "bank": "b",
  "bank_hash": "sha256:00",
  "quiz": null,
  "seed": "18446744073709551615",
  "rng": "chacha8-fy/1",
  "learner": "ana",
  "started_at": "2026-11-25T09:00:00Z",
  "finished_at": "2026-11-25T09:00:05.5Z",
  "complete": true,
  "ended": "time-up",
  "feedback": "end",
  "time_limit_s": 60,
  "score": 1.5,
  "max_score": 2,
  "percent": 75.0,
  "passed": null,
  "cbm": null,
  "responses": [
    {
      "question": "q1",
      "type": "single",
      "answer": "b",
      "selected": [
        "right"
      ],
      "credit": 1.0,
      "points": 1.0,
      "max_points": 1,
      "confidence": null,
      "seconds": 4.2,
      "skipped": false
    },
    {
      "question": "q2",
      "type": "numeric",
      "answer": null,
      "selected": [],
      "credit": 0.5,
      "points": 0.5,
      "max_points": 1.5,
      "confidence": null,
      "seconds": null,
      "skipped": true
    }
  ]
}"#;

    #[test]
    fn a_result_round_trips_byte_for_byte() {
        let result = parse_result(WRITTEN).expect("reads");
        assert_eq!(result.seed, u64::MAX);
        assert_eq!(result.ended, Ended::TimeUp);
        assert_eq!(result.feedback, FeedbackMode::End);
        assert!((result.max_score - 2.0).abs() < f64::EPSILON);
        assert_eq!(serde_json::to_string_pretty(&result).unwrap(), WRITTEN);
        assert_eq!(parse_result(&result.to_json_line()), Ok(result));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in ".{0,300}") {
            let _ = parse_result(&text);
        }

        #[test]
        fn any_cut_of_a_result_is_refused_as_damaged(cut in 0..WRITTEN.len()) {
            if WRITTEN.is_char_boundary(cut) {
                let is_damaged = matches!(
                    parse_result(&WRITTEN[..cut]),
                    Err(ReadError::Damaged { .. } | ReadError::Foreign { found: None })
                );
                proptest::prop_assert!(is_damaged);
            }
        }
    }

    #[test]
    fn newer_foreign_and_damaged_results_are_told_apart() {
        let newer = WRITTEN.replace("crossexam-result/1", "crossexam-result/2");
        assert_eq!(
            parse_result(&newer),
            Err(ReadError::Newer {
                found: "crossexam-result/2".into()
            })
        );
        // A newer format with another shape is still "newer", not "damaged".
        assert!(matches!(
            parse_result(r#"{"format": "crossexam-result/3", "attempts": []}"#),
            Err(ReadError::Newer { .. })
        ));
        assert_eq!(
            parse_result(r#"{"format": "crossexam-plan/1", "questions": []}"#),
            Err(ReadError::Foreign {
                found: Some("crossexam-plan/1".into())
            })
        );
        assert_eq!(
            parse_result(r#"{"name": "x"}"#),
            Err(ReadError::Foreign { found: None })
        );
        let cut = &WRITTEN[..WRITTEN.len() / 2];
        assert!(matches!(parse_result(cut), Err(ReadError::Damaged { .. })));
        let bad_seed = WRITTEN.replace("\"18446744073709551615\"", "\"-1\"");
        let Err(ReadError::Damaged { message, line, .. }) = parse_result(&bad_seed) else {
            panic!("a bad seed is damage");
        };
        assert!(message.contains("seed `-1`"), "{message}");
        assert_eq!(line, 6);
    }
}
