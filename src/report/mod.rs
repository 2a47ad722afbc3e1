//! Attempt results: the `crossexam-result/1` document (typed, written and
//! read back), the summary of one attempt built from its result
//! ([`summary`]), writing results atomically, and the class report over
//! many results (`class`, `export`).

pub mod class;
pub mod export;
mod result;
pub mod summary;
pub mod view;

pub use result::{
    CbmScore, Ended, QuizResult, RESULT_FORMAT, ReadError, ResponseRecord, parse_result,
};
pub use view::{ResultView, parse_result_view};

pub mod target;

use std::path::{Path, PathBuf};

/// Why a result could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write results to {path}: {source}")]
pub struct WriteError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

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
