//! What `run` keeps while a quiz is under way, and `run --resume`: every
//! answer is logged to the learner's progress store (unless `--no-log`), so
//! `review` and `progress` see quiz answers too, and a keyboard quiz in
//! progress is saved after every answer so an interrupted one can be
//! continued. Neither ever stops a quiz: when the data directory cannot be
//! used, a warning goes to stderr and the quiz goes on.

use super::load_bank;
use super::practice::bank_origin;
use crate::bank::LoadedBank;
use crate::config::Config;
use crate::practice::in_progress::{self, QuizInProgress, SavedAnswer};
use crate::practice::queue::{self, AnswerSource};
use crate::practice::store::{NewAnswer, Scheduled, Store, StoreError};
use crate::quiz::session::Session;
use crate::term::errors::Notice;
use crate::{Error, term};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::path::PathBuf;

/// Logs a quiz's answers and keeps the quiz in progress.
pub struct QuizRecorder {
    store: Option<Store>,
    /// Where the quiz in progress is kept, and whether it has been written there.
    attempt: Option<(PathBuf, QuizInProgress, bool)>,
    learner: String,
    /// ` --learner NAME --data-dir DIR` for the command that resumes the quiz.
    resume_flags: String,
    bank: String,
    tz: TimeZone,
    warned: bool,
}

/// Shows a warning on stderr, where it does not mix into the quiz's output.
fn warn(notice: &Notice<'_>) {
    let _ = term::errors::notice(&mut std::io::stderr().lock(), notice);
}

impl QuizRecorder {
    /// Opens the store (when `log`) and, for a keyboard quiz
    /// (`keep_attempt`), saves the quiz in progress: `resumed` when it
    /// continues one, else a new record of `session`.
    pub fn start(
        config: &Config,
        loaded: &LoadedBank,
        session: &Session,
        log: bool,
        keep_attempt: bool,
        resumed: Option<(PathBuf, QuizInProgress)>,
    ) -> Self {
        let learner = config.learner.name.as_str();
        let now = config.now();
        let mut recorder = QuizRecorder {
            store: None,
            attempt: None,
            learner: learner.to_string(),
            resume_flags: super::learner_flags(config),
            bank: loaded.bank.id.clone(),
            tz: config.time_zone.clone(),
            warned: false,
        };
        let dir = match config.data_dir.path() {
            Ok(dir) => dir,
            Err(error) => {
                if log || keep_attempt {
                    recorder.fail(&error);
                }
                return recorder;
            }
        };
        // Scripted runs are a teacher's automation: logged only for a named learner.
        if log && (keep_attempt || config.learner.named) {
            let opened = Store::open(dir).and_then(|store| {
                store.remember_bank(
                    learner,
                    &loaded.bank.id,
                    &loaded.bank.title,
                    &bank_origin(loaded),
                    now,
                )?;
                Ok(store)
            });
            match opened {
                Ok(store) => recorder.store = Some(store),
                Err(error) => recorder.fail(&error),
            }
        }
        if let Some((_, saved)) = &resumed {
            recorder.log_replayed(session, saved);
        }
        if keep_attempt {
            recorder.attempt = Some(if let Some((path, saved)) = resumed {
                (path, saved, true)
            } else {
                // A new quiz is first saved with its first answer, so
                // quitting at once keeps an earlier interrupted quiz.
                let path = in_progress::path(dir, learner, &loaded.bank.id);
                let saved = QuizInProgress::new(session, learner, &bank_origin(loaded), now);
                (path, saved, false)
            });
        }
        recorder
    }

    fn fail(&mut self, error: &StoreError) {
        if !self.warned {
            warn(&Notice::Store(error));
            warn(&Notice::QuizGoesOn);
            self.warned = true;
        }
    }

    /// Saves the answer to question `index`, given at `now`.
    pub fn answered(&mut self, session: &Session, index: usize, now: Timestamp) {
        let Some(answered) = &session.answers[index] else {
            return;
        };
        if let Some((path, saved, written)) = &mut self.attempt {
            let millis = (answered.seconds * 1000.0).round() as i64;
            saved.answers.push(SavedAnswer {
                line: answered.line.clone(),
                asked_at: now
                    .checked_sub(SignedDuration::from_millis(millis))
                    .unwrap_or(now),
                answered_at: now,
            });
            saved.saved_at = now;
            match in_progress::save(path, saved) {
                Ok(()) => *written = true,
                Err(error) => self.fail(&error),
            }
        }
        self.log(session, index, now);
    }

    /// A resumed quiz's saved answers that the progress log lacks (the
    /// process was killed after saving the quiz, before logging the answer)
    /// are logged now, at the time they were given; answers already logged
    /// are not logged twice.
    fn log_replayed(&mut self, session: &Session, saved: &QuizInProgress) {
        let Some(store) = &self.store else {
            return;
        };
        let logged: std::collections::HashSet<(String, i64)> =
            match store.reviews(&self.learner, Some(&self.bank), Some(saved.started_at)) {
                Ok(reviews) => reviews
                    .into_iter()
                    .filter(|review| review.source == AnswerSource::Quiz)
                    .map(|review| (review.question, review.at.as_millisecond()))
                    .collect(),
                Err(error) => {
                    self.fail(&error);
                    return;
                }
            };
        for (index, given) in saved.answers.iter().enumerate() {
            let Some(planned) = session.plan.questions.get(index) else {
                break;
            };
            let key = (
                planned.question.id().to_string(),
                given.answered_at.as_millisecond(),
            );
            if !logged.contains(&key) {
                self.log(session, index, given.answered_at);
            }
        }
    }

    /// Logs the answer to question `index`, given at `now`, to the progress store.
    fn log(&mut self, session: &Session, index: usize, now: Timestamp) {
        let Some(answered) = &session.answers[index] else {
            return;
        };
        if let Some(store) = &mut self.store {
            let question = session.plan.questions[index].question.id();
            let answer = NewAnswer {
                learner: &self.learner,
                bank: &self.bank,
                question,
                at: now,
                source: AnswerSource::Quiz,
                grade: queue::grade_for(
                    answered.grading.credit,
                    answered.skipped(),
                    answered.confidence,
                ),
                credit: answered.grading.credit,
                skipped: answered.skipped(),
                confidence: answered.confidence,
                answer: &answered.line,
                seconds: Some(answered.seconds),
            };
            let tz = &self.tz;
            if let Err(error) = store.record(&answer, |previous| Scheduled {
                elapsed_days: queue::elapsed_days(previous, now, tz),
                card: None,
            }) {
                self.fail(&error);
            }
        }
    }

    /// Logs every answer of a scripted quiz (answered all at once).
    pub fn answered_all(&mut self, session: &Session, now: Timestamp) {
        for index in 0..session.answers.len() {
            self.answered(session, index, now);
        }
    }

    /// Forgets the quiz in progress when it is complete (or nothing was
    /// answered); otherwise says how to continue it.
    pub fn finish(&mut self, session: &Session) {
        let Some((path, _, true)) = self.attempt.take() else {
            return;
        };
        let complete = session
            .ended
            .is_some_and(|(reason, _)| reason.is_complete());
        if complete || session.answered_count() == 0 {
            if let Err(error) = in_progress::remove(&path) {
                warn(&Notice::Store(&error));
            }
        } else {
            let resume = format!("crossexam run --resume{}", self.resume_flags);
            warn(&Notice::QuizKept { resume: &resume });
        }
    }
}

/// Before a new keyboard quiz: refuses to start while the learner has an
/// unfinished quiz on the bank, unless `discard` (which deletes it).
pub fn check_unfinished(loaded: &LoadedBank, discard: bool, config: &Config) -> Result<(), Error> {
    let Ok(dir) = config.data_dir.path() else {
        return Ok(());
    };
    let learner = &config.learner.name;
    let path = in_progress::path(dir, learner, &loaded.bank.id);
    let Ok(earlier) = in_progress::load(&path) else {
        return Ok(());
    };
    if discard {
        return in_progress::remove(&path).map_err(Error::from);
    }
    let learner_flags = super::learner_flags(config);
    Err(Error::usage(
        format!(
            "{learner} has an unfinished quiz on {} (started {}, {} answered)",
            loaded.bank.id,
            term::practice_screens::ago(earlier.started_at, config.now()),
            earlier.answers.len()
        ),
        format!(
            "`crossexam run --resume{learner_flags}` continues it; --discard deletes it and starts anew"
        ),
    ))
}

/// `run --resume`: the saved quiz of the learner (on `bank` when given,
/// else the latest), rebuilt from its bank and seed with its answers replayed.
pub fn resume(
    bank: Option<&str>,
    config: &Config,
) -> Result<(LoadedBank, Session, (PathBuf, QuizInProgress)), Error> {
    let dir = config.data_dir.path()?;
    let learner = &config.learner.name;
    let (loaded, path, saved) = if let Some(name) = bank {
        let loaded = load_bank(Some(name))?;
        let path = in_progress::path(dir, learner, &loaded.bank.id);
        if !path.exists() {
            return Err(Error::usage(
                format!(
                    "{learner} has no interrupted quiz on {} to resume",
                    loaded.bank.id
                ),
                format!("start one with `crossexam run {name}`"),
            ));
        }
        let saved = in_progress::load(&path)?;
        (loaded, path, saved)
    } else {
        let Some((path, saved)) = in_progress::latest(dir, learner)? else {
            return Err(Error::usage(
                format!("{learner} has no interrupted quiz to resume"),
                "start one with `crossexam run`; a quiz stopped before its end can be continued with --resume",
            ));
        };
        let loaded = load_bank(Some(&saved.bank_origin))?;
        (loaded, path, saved)
    };
    let session = match saved.replay(&loaded) {
        Ok(session) => session,
        Err(error) => {
            return Err(Error::Resume(Box::new(in_progress::ResumeError {
                path,
                bank: saved.bank,
                origin: saved.bank_origin,
                started_at: saved.started_at,
                flags: super::learner_flags(config),
                error,
            })));
        }
    };
    Ok((loaded, session, (path, saved)))
}
