//! The quiz in progress, kept so that `crossexam run --resume` can continue
//! an interrupted quiz (Ctrl-C, a closed terminal, a crash): the plan's
//! bank, hash, seed and options, and every answer given so far with its
//! times. It is a small JSON file per learner and bank in the data
//! directory, replaced atomically after every answer and removed when the
//! quiz is complete. Rebuilding the plan from the bank and the seed and
//! replaying the answers gives back the same session.

use super::store::StoreError;
use crate::bank::LoadedBank;
use crate::quiz::plan::{QuizOptions, QuizPlan};
use crate::quiz::rng::RNG_TAG;
use crate::quiz::session::{Session, Submission};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The format tag of a saved quiz.
pub const ATTEMPT_FORMAT: &str = "crossexam-attempt/1";

/// One answer given, as typed, with when its question was shown and answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedAnswer {
    pub line: String,
    #[serde(with = "rfc3339")]
    pub asked_at: Timestamp,
    #[serde(with = "rfc3339")]
    pub answered_at: Timestamp,
}

/// `crossexam-attempt/1`: a quiz in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizInProgress {
    pub format: String,
    pub learner: String,
    pub bank: String,
    /// How to load the bank again: a file's absolute path or a bundled id.
    pub bank_origin: String,
    pub bank_hash: String,
    pub seed: String,
    pub rng: String,
    pub options: QuizOptions,
    #[serde(with = "rfc3339")]
    pub started_at: Timestamp,
    #[serde(with = "rfc3339")]
    pub saved_at: Timestamp,
    pub answers: Vec<SavedAnswer>,
}

/// Why a saved quiz cannot be continued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the bank changed since the quiz was started")]
    BankChanged,
    #[error("the quiz was shuffled by {saved}, and this crossexam shuffles by {current}")]
    OtherShuffle { saved: String, current: String },
    #[error("{0}")]
    Unusable(String),
}

/// A saved quiz that cannot be continued, and what it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the saved quiz {} cannot be continued: {error}", path.display())]
pub struct ResumeError {
    /// The file it is saved in.
    pub path: std::path::PathBuf,
    /// The bank's id, where it came from, and when the quiz was started.
    pub bank: String,
    pub origin: String,
    pub started_at: Timestamp,
    /// The learner and data-folder flags the user gave, to repeat in a
    /// suggested command.
    pub flags: String,
    #[source]
    pub error: ReplayError,
}

impl QuizInProgress {
    /// A new record of `session`'s plan, with no answers yet.
    pub fn new(session: &Session, learner: &str, bank_origin: &str, now: Timestamp) -> Self {
        let plan = &session.plan;
        QuizInProgress {
            format: ATTEMPT_FORMAT.to_string(),
            learner: learner.to_string(),
            bank: plan.bank_id.clone(),
            bank_origin: bank_origin.to_string(),
            bank_hash: plan.bank_hash.clone(),
            seed: plan.seed.to_string(),
            rng: RNG_TAG.to_string(),
            options: plan.options.clone(),
            started_at: session.started_at,
            saved_at: now,
            answers: Vec::new(),
        }
    }

    /// Rebuilds the plan from `loaded` and the seed and replays the answers.
    pub fn replay(&self, loaded: &LoadedBank) -> Result<Session, ReplayError> {
        if self.rng != RNG_TAG {
            return Err(ReplayError::OtherShuffle {
                saved: self.rng.clone(),
                current: RNG_TAG.to_string(),
            });
        }
        if loaded.hash != self.bank_hash {
            return Err(ReplayError::BankChanged);
        }
        let seed: u64 = self
            .seed
            .parse()
            .map_err(|_| ReplayError::Unusable(format!("`{}` is not a seed", self.seed)))?;
        let plan = QuizPlan::new(loaded, self.options.clone(), seed)
            .map_err(|error| ReplayError::Unusable(error.to_string()))?;
        let mut session = Session::new(plan, self.started_at);
        for (number, answer) in self.answers.iter().enumerate() {
            session.mark_asked(answer.asked_at);
            match session.submit(&loaded.bank, &answer.line, answer.answered_at) {
                Submission::Answered { .. } => {}
                // The saved answer came after the time limit: the quiz is over.
                Submission::Ended(_) => break,
                Submission::Help | Submission::Invalid(_) => {
                    return Err(ReplayError::Unusable(format!(
                        "answer {} (`{}`) does not fit its question",
                        number + 1,
                        answer.line
                    )));
                }
            }
        }
        Ok(session)
    }
}

/// Times as RFC 3339 text.
mod rfc3339 {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(at)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A learner's name as a file name: letters, digits, `-` and `_` kept,
/// every other byte written as `~xx`.
fn file_key(text: &str) -> String {
    let mut key = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            key.push(char::from(byte));
        } else {
            let _ = write!(key, "~{byte:02x}");
        }
    }
    if key.is_empty() { "~".to_string() } else { key }
}

/// Where a learner's quizzes in progress are kept.
pub fn learner_dir(data_dir: &Path, learner: &str) -> PathBuf {
    data_dir.join("attempts").join(file_key(learner))
}

/// The saved quiz of `learner` on `bank`.
pub fn path(data_dir: &Path, learner: &str, bank: &str) -> PathBuf {
    learner_dir(data_dir, learner).join(format!("{}.json", file_key(bank)))
}

/// Saves (replaces) a quiz in progress atomically.
pub fn save(path: &Path, attempt: &QuizInProgress) -> Result<(), StoreError> {
    let error = |source| StoreError::SaveAttempt {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(error)?;
    }
    let json = crate::json::to_string_pretty(attempt).map_err(error)? + "\n";
    crate::atomic::write(path, json.as_bytes()).map_err(error)
}

/// Reads a saved quiz.
pub fn load(path: &Path) -> Result<QuizInProgress, StoreError> {
    let bad = |message: String| StoreError::BadAttempt {
        path: path.to_path_buf(),
        message,
    };
    let bytes = crate::input::read_file(path, crate::input::MAX_ATTEMPT_BYTES)
        .map_err(|error| bad(error.to_string()))?;
    let attempt: QuizInProgress =
        serde_json::from_slice(&bytes).map_err(|error| bad(error.to_string()))?;
    if attempt.format != ATTEMPT_FORMAT {
        return Err(bad(format!("unknown format `{}`", attempt.format)));
    }
    Ok(attempt)
}

/// Forgets a saved quiz (missing is fine).
pub fn remove(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(StoreError::SaveAttempt {
                path: path.to_path_buf(),
                source: error,
            })
        }
        _ => Ok(()),
    }
}

/// The learner's most recently saved quiz in progress, if any.
pub fn latest(
    data_dir: &Path,
    learner: &str,
) -> Result<Option<(PathBuf, QuizInProgress)>, StoreError> {
    let dir = learner_dir(data_dir, learner);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let mut found: Option<(PathBuf, QuizInProgress)> = None;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let attempt = load(&path)?;
        if found
            .as_ref()
            .is_none_or(|(_, best)| attempt.saved_at > best.saved_at)
        {
            found = Some((path, attempt));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_keys_are_safe_and_distinct() {
        assert_eq!(file_key("ann"), "ann");
        assert_eq!(file_key("Ann Lee"), "Ann~20Lee");
        assert_eq!(file_key("../x"), "~2e~2e~2fx");
        assert_eq!(file_key(""), "~");
        assert_ne!(file_key("a b"), file_key("a_b"));
    }
}
