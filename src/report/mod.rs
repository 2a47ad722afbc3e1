//! Attempt results: the `crossexam-result/1` document (typed, written and
//! read back), the summary figures of an attempt (score, pass/fail,
//! breakdowns by tag and kind), writing results atomically, and the class
//! report over many results (`class`, `export`).

pub mod class;
pub mod export;
mod result;

pub use result::{
    CbmScore, Ended, QuizResult, RESULT_FORMAT, ReadError, ResponseRecord, parse_result,
};

pub mod target;

use crate::quiz::session::Session;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
            .to_string()
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
