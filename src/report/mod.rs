//! Attempt results: the `crossexam-result/1` document, the summary figures
//! of an attempt (score, pass/fail, breakdowns by tag and kind), and writing
//! results atomically.

pub mod target;

use crate::quiz::plan::json_number;
use crate::quiz::rng::RNG_TAG;
use crate::quiz::session::Session;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The format tag of a result.
pub const RESULT_FORMAT: &str = "crossexam-result/1";

/// One response of a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRecord {
    pub question: String,
    #[serde(rename = "type")]
    pub question_type: String,
    pub answer: Option<String>,
    pub selected: Vec<String>,
    pub credit: f64,
    pub points: f64,
    pub max_points: serde_json::Value,
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

/// `crossexam-result/1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizResult {
    pub format: String,
    pub bank: String,
    pub bank_hash: String,
    pub quiz: Option<String>,
    pub seed: String,
    pub rng: String,
    pub learner: String,
    pub started_at: String,
    pub finished_at: String,
    pub complete: bool,
    /// How the attempt ended: `finished`, `time-up`, `quit`, `end-of-input` or `interrupted`.
    pub ended: String,
    pub feedback: String,
    pub time_limit_s: Option<u64>,
    pub score: f64,
    pub max_score: serde_json::Value,
    pub percent: f64,
    pub passed: Option<bool>,
    pub cbm: Option<CbmScore>,
    pub responses: Vec<ResponseRecord>,
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0 + 0.0 // + 0.0 turns -0 into 0
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
                let max_points = json_number(question.points());
                match answered {
                    Some(answered) => ResponseRecord {
                        question: question.id().to_string(),
                        question_type: question.body.question_type().as_str().to_string(),
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
                        question: question.id().to_string(),
                        question_type: question.body.question_type().as_str().to_string(),
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
            seed: plan.seed.to_string(),
            rng: RNG_TAG.to_string(),
            learner: learner.to_string(),
            started_at: session.started_at.to_string(),
            finished_at: finished_at.to_string(),
            complete,
            ended: session
                .ended
                .map_or("in-progress", |(reason, _)| reason.as_str())
                .to_string(),
            feedback: plan.options.feedback.as_str().to_string(),
            time_limit_s: plan.options.time_limit_s,
            score,
            max_score: json_number(max_score),
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

/// Points earned and on offer in one group of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub earned: f64,
    pub possible: f64,
    pub questions: usize,
}

/// Score per tag and per question kind (untagged / unkinded questions under
/// "(none)"), over the questions that count: all of them when the quiz ran
/// to its end (time-up included), only those answered when it was stopped early.
pub fn breakdowns(session: &Session) -> (BTreeMap<String, Tally>, BTreeMap<String, Tally>) {
    let mut by_tag: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    for (planned, answered) in counted(session) {
        let earned = answered.as_ref().map_or(0.0, |a| a.points);
        let possible = planned.question.points();
        let add = |map: &mut BTreeMap<String, Tally>, key: &str| {
            let tally = map.entry(key.to_string()).or_default();
            tally.earned += earned;
            tally.possible += possible;
            tally.questions += 1;
        };
        if planned.question.common.tags.is_empty() {
            add(&mut by_tag, "(none)");
        }
        for tag in &planned.question.common.tags {
            add(&mut by_tag, tag);
        }
        add(
            &mut by_kind,
            planned
                .question
                .common
                .kind
                .map_or("(none)", |kind| kind.as_str()),
        );
    }
    (by_tag, by_kind)
}

/// The questions a summary counts (see [`breakdowns`]), with their answers.
pub fn counted(
    session: &Session,
) -> impl Iterator<
    Item = (
        &crate::quiz::plan::PlannedQuestion,
        &Option<crate::quiz::session::Answered>,
    ),
> {
    let complete = session
        .ended
        .is_some_and(|(reason, _)| reason.is_complete());
    session
        .plan
        .questions
        .iter()
        .zip(&session.answers)
        .filter(move |(_, answered)| complete || answered.is_some())
}

/// Why a result could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write results to {path}: {source}")]
pub struct WriteError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

pub use crate::atomic::write_hint;

/// Writes `result` to `target` atomically: a file path, or a directory in
/// which a unique file name is chosen. Returns the path written. A file
/// that is not a previous result is replaced only with `force`, and never
/// one that is not a regular file (see [`target`]).
pub fn write_result(
    result: &QuizResult,
    target: &Path,
    force: bool,
) -> Result<PathBuf, WriteError> {
    let refused = |error: target::TargetError| WriteError {
        path: target.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, error.to_string()),
    };
    target::refuse_to_replace(target, force).map_err(refused)?;
    let json = crate::json::to_string_pretty(result).map_err(|source| WriteError {
        path: target.display().to_string(),
        source,
    })? + "\n";
    let written = if target.is_dir() {
        let stamp: String = result
            .finished_at
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect();
        // Names are cut so that a long learner name or bank id still makes a valid file name.
        let learner: String = result
            .learner
            .chars()
            .take(64)
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let bank: String = result.bank.chars().take(64).collect();
        crate::atomic::write_unique(
            target,
            &format!("{bank}-{learner}-{stamp}"),
            "json",
            json.as_bytes(),
        )
    } else {
        crate::atomic::write(target, json.as_bytes()).map(|()| target.to_path_buf())
    };
    written.map_err(|source| WriteError {
        path: target.display().to_string(),
        source,
    })
}
