//! `crossexam run`: plan a quiz from a bank and a seed, then print the plan,
//! answer it from a file, or ask it at the keyboard; report and save the result.

use super::load_bank;
use super::resume::QuizRecorder;
use crate::bank::LoadedBank;
use crate::config::{Config, RunRequest};
use crate::practice::in_progress::QuizInProgress;
use crate::quiz::plan::{QuizOptions, QuizPlan};
use crate::quiz::session::{EndReason, Session};
use crate::report::QuizResult;
use crate::{Error, Outcome, term};
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &RunRequest, config: &Config, out: &mut dyn Write) -> Result<Outcome, Error> {
    if let Some(target) = &args.results {
        prepare_results_target(target, args.force)?;
    }
    if args.resume {
        let (loaded, session, saved) = super::resume::resume(args.bank.as_deref(), config)?;
        return ask_and_report(args, config, out, &loaded, session, Some(saved));
    }
    let loaded = load_bank(args.bank.as_deref())?;
    // `--time-limit 0` never gets here: the parser takes 1 to 604800 seconds.
    let options = QuizOptions::resolve(&loaded, args.preset.as_deref(), &args.overrides)?;
    // A fresh seed when none is given; it is printed so the quiz can be replayed.
    let seed = args
        .seed
        .unwrap_or_else(|| RandomState::new().hash_one(config.now().as_nanosecond()));
    // The questions stay the bank's until the quiz needs copies of its own.
    let plan = QuizPlan::drawn(&loaded, options, seed)?;

    if args.plan_only {
        if args.json {
            // Buffered: the plan is many small writes and `out` may be line-buffered.
            let mut buffered = std::io::BufWriter::new(&mut *out);
            crate::json::write_pretty(&mut buffered, &plan.document())?;
            writeln!(buffered)?;
            buffered.flush()?;
        } else {
            let plan = plan.into_owned();
            for (index, planned) in plan.questions.iter().enumerate() {
                term::render::question(out, index, plan.questions.len(), planned, None)?;
                writeln!(out)?;
            }
            writeln!(out, "Seed {}", plan.seed)?;
        }
        return Ok(Outcome::Success);
    }

    if args.answers.is_none() {
        super::resume::check_unfinished(&loaded, args.discard, config)?;
    }
    let session = Session::new(plan.into_owned(), config.now());
    ask_and_report(args, config, out, &loaded, session, None)
}

/// Asks the quiz (from the answers file or at the keyboard), logging each
/// answer and keeping the quiz in progress, then reports and saves the result.
fn ask_and_report(
    args: &RunRequest,
    config: &Config,
    out: &mut dyn Write,
    loaded: &LoadedBank,
    mut session: Session,
    resumed: Option<(PathBuf, QuizInProgress)>,
) -> Result<Outcome, Error> {
    let learner = &config.learner.name;
    let clock = &*config.clock;
    let bank_arg = args
        .bank
        .clone()
        .or_else(|| resumed.as_ref().map(|(_, saved)| saved.bank_origin.clone()))
        .unwrap_or_else(|| loaded.bank.id.clone());
    let is_resumed = resumed.is_some();
    let mut recorder = QuizRecorder::start(
        config,
        loaded,
        &session,
        args.log,
        args.answers.is_none(),
        resumed,
    );
    let reason = if let Some(file) = &args.answers {
        let lines = read_answers(file)?;
        let reason = term::scripted_quiz(loaded, &mut session, answers_name(file), &lines, clock)?;
        recorder.answered_all(&session, clock.now());
        reason
    } else {
        // With --json, stdout carries only the result; the screens go to stderr.
        let stderr = std::io::stderr();
        let mut stderr_lock = stderr.lock();
        let screen: &mut dyn Write = if args.json {
            &mut stderr_lock
        } else {
            &mut *out
        };
        term::render::start_screen(screen, loaded, &session, learner, &bank_arg)?;
        if is_resumed {
            term::practice_screens::resuming(screen, &session, clock.now())?;
        }
        let keyboard = term::Keyboard::start();
        term::keyboard_quiz_with(
            screen,
            loaded,
            &mut session,
            &keyboard,
            clock,
            &mut |_, session, index| {
                recorder.answered(session, index, clock.now());
                Ok::<(), Error>(())
            },
        )?
    };
    let result = QuizResult::from_session(&session, learner, clock.now());
    if args.json {
        crate::json::write_pretty(&mut *out, &result)?;
        writeln!(out)?;
    } else {
        let summary = crate::report::summary::Summary::of(&result, loaded);
        term::render::end_screen(out, &loaded.bank, &session, &summary)?;
    }
    recorder.finish(&session);
    if let Some(target) = &args.results {
        let keep_in = config.data_dir.path().ok().map(|dir| dir.join("results"));
        let written = write_or_keep(&result, target, args.force, keep_in.as_deref())?;
        // With --json, stdout carries only the result.
        let stderr = std::io::stderr();
        let mut stderr_lock = stderr.lock();
        let note_to: &mut dyn Write = if args.json {
            &mut stderr_lock
        } else {
            &mut *out
        };
        writeln!(
            note_to,
            "Result saved to {}",
            term::clean(&written.display().to_string())
        )?;
    }
    Ok(match reason {
        EndReason::Interrupted => Outcome::Interrupted,
        _ if result.passed == Some(false) => Outcome::Failed,
        _ => Outcome::Success,
    })
}

/// Writes the result to `--results`; when that fails after the quiz, the
/// result is kept in `keep_in` (the data folder's `results/`) instead and
/// the error says where.
fn write_or_keep(
    result: &QuizResult,
    target: &Path,
    force: bool,
    keep_in: Option<&Path>,
) -> Result<PathBuf, Error> {
    let error = match crate::report::write_result(result, target, force) {
        Ok(written) => return Ok(written),
        Err(error) => error,
    };
    let kept = keep_in.and_then(|dir| {
        std::fs::create_dir_all(dir).ok()?;
        crate::report::write_result(result, dir, false).ok()
    });
    Err(Error::ResultNotSaved { error, kept })
}

/// Checks before the quiz that `--results` can be written: a directory
/// (created when the path ends with `/`), or a file in an existing directory
/// that may be replaced; a probe file is written and removed.
fn prepare_results_target(target: &Path, force: bool) -> Result<(), Error> {
    let shown = target.display().to_string();
    let probe = || crate::report::target::probe(target, force).map_err(Error::from);
    if target.is_dir() {
        return probe();
    }
    if shown.ends_with('/') || shown.ends_with(std::path::MAIN_SEPARATOR) {
        std::fs::create_dir_all(target).map_err(|source| Error::CreateFolder {
            path: target.to_path_buf(),
            source,
        })?;
        return probe();
    }
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => Err(Error::usage(
            format!(
                "--results {shown}: the folder {} does not exist",
                parent.display()
            ),
            "create it first, or end the path with / to have a results folder created",
        )),
        _ => probe(),
    }
}

fn answers_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// The lines of an answers file (or stdin for `-`), without line endings.
fn read_answers(file: &str) -> Result<Vec<String>, Error> {
    use crate::input::{LineRead, MAX_BANK_BYTES};
    let name = answers_name(file).to_string();
    let read_error = |source| Error::ReadInput {
        file: name.clone(),
        source,
    };
    let bytes = if file == "-" {
        crate::input::read_stdin(MAX_BANK_BYTES)
    } else {
        crate::input::read_file(Path::new(file), MAX_BANK_BYTES)
    }
    .map_err(read_error)?;
    let mut lines: Vec<String> = Vec::new();
    let mut reader = crate::input::strip_bom_bytes(&bytes);
    while let Some(line) = crate::input::read_line(&mut reader).map_err(read_error)? {
        match line {
            LineRead::Line(line) => {
                lines.push(
                    line.trim_end_matches('\n')
                        .trim_end_matches('\r')
                        .to_string(),
                );
            }
            LineRead::TooLong => {
                return Err(Error::AnswerTooLong {
                    file: name,
                    line: lines.len() + 1,
                });
            }
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled;
    use crate::quiz::plan::OptionOverrides;
    use jiff::Timestamp;

    #[test]
    fn a_result_that_cannot_be_written_is_kept_in_the_data_folder() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let options =
            QuizOptions::resolve(&loaded, None, &OptionOverrides::default()).expect("options");
        let now: Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
        let session = Session::new(QuizPlan::new(&loaded, options, 1).expect("plan"), now);
        let result = QuizResult::from_session(&session, "ann", now);
        let dir = tempfile::tempdir().expect("dir");
        let gone = dir.path().join("removed-folder").join("r.json");
        let keep_in = dir.path().join("data").join("results");
        let Err(Error::ResultNotSaved { error, kept }) =
            write_or_keep(&result, &gone, false, Some(&keep_in))
        else {
            panic!("the write cannot succeed");
        };
        assert_eq!(error.path, gone.display().to_string());
        let kept = kept.expect("kept elsewhere");
        assert!(kept.starts_with(&keep_in), "{}", kept.display());
        let files: Vec<_> = std::fs::read_dir(&keep_in).expect("kept").collect();
        assert_eq!(files.len(), 1);
    }
}
