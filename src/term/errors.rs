//! Rendering errors, warnings and diagnostics, once, in the style of rustc:
//! the message, `--> file:line:col`, the offending line with a caret, and a
//! hint. Nothing else in crossexam prints a warning or an error: commands
//! return an [`Error`] or hand a [`Notice`] to [`notice`].

use super::clean;
use crate::Error;
use crate::bank::load::SourceKind;
use crate::bank::{BankError, Diagnostic};
use crate::config::ConfigWarning;
use crate::practice::in_progress::ReplayError;
use crate::practice::store::StoreError;
use crate::quiz::plan::PlanError;
use crate::report::class::{Skipped, read::ReportError};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// The most characters of a source line a diagnostic shows.
const SHOWN_CHARS: usize = 200;

/// Prints one diagnostic with its source line (from `text`, the file's
/// text its offset points into) and a caret.
pub fn diagnostic(out: &mut dyn Write, diagnostic: &Diagnostic, text: &str) -> io::Result<()> {
    // Composed whole, then written at once: one write per diagnostic.
    let hint_length = diagnostic.hint.as_ref().map_or(0, String::len);
    let mut shown = String::with_capacity(
        4 * SHOWN_CHARS + diagnostic.message.len() + diagnostic.file.len() + hint_length + 64,
    );
    // Pieces pushed as they are: only the numbers go through formatting.
    let mut line = |pieces: &[&str]| {
        for piece in pieces {
            shown.push_str(piece);
        }
        shown.push('\n');
    };
    let (line_number, column) = (diagnostic.line.to_string(), diagnostic.column.to_string());
    line(&[
        diagnostic.severity.as_str(),
        "[",
        diagnostic.rule.as_str(),
        "]: ",
        &clean(&diagnostic.message),
    ]);
    line(&[
        "  --> ",
        &clean(&diagnostic.file),
        ":",
        &line_number,
        ":",
        &column,
    ]);
    let (before_caret, after_caret, cut_before, cut_after) = window(text, diagnostic);
    if !(before_caret.is_empty() && after_caret.is_empty()) {
        let gutter = " ".repeat(line_number.len());
        let before = if cut_before { "\u{2026}" } else { "" };
        let after = if cut_after { "\u{2026}" } else { "" };
        let before_caret = clean(before_caret);
        // Wide characters (CJK, emoji) take two columns, combining marks none.
        let width: usize = before_caret.chars().map(|c| c.width().unwrap_or(0)).sum();
        let pad = " ".repeat(before.chars().count() + width);
        line(&[&gutter, " |"]);
        line(&[
            &line_number,
            " | ",
            before,
            &before_caret,
            &clean(after_caret),
            after,
        ]);
        line(&[&gutter, " | ", &pad, "^"]);
    }
    if let Some(hint) = &diagnostic.hint {
        line(&["  = hint: ", &clean(hint)]);
    }
    out.write_all(shown.as_bytes())
}

/// At most [`SHOWN_CHARS`] characters of the diagnostic's line around its
/// caret (a long line, such as minified JSON, is shown as a window): the
/// part before the caret, the part from it, and whether the line goes on
/// before or after. Costs the window, not the line.
fn window<'t>(text: &'t str, diagnostic: &Diagnostic) -> (&'t str, &'t str, bool, bool) {
    use crate::bank::spans::floor_char_boundary;
    let offset = floor_char_boundary(text, diagnostic.offset);
    let horizon = floor_char_boundary(text, offset.saturating_add(4 * SHOWN_CHARS + 4));
    let ahead = &text[offset..horizon];
    let (rest_of_line, mut cut_after) = match ahead.find('\n') {
        Some(end) => (ahead[..end].trim_end_matches('\r'), false),
        None if horizon < text.len() => (ahead, true),
        None => (ahead.trim_end_matches('\r'), false),
    };
    let after_count = rest_of_line.chars().take(SHOWN_CHARS + 1).count();
    let chars_before = diagnostic.column.saturating_sub(1);
    let before_wanted = (SHOWN_CHARS / 2)
        .max(SHOWN_CHARS.saturating_sub(after_count))
        .min(chars_before);
    let start = text[..offset]
        .char_indices()
        .rev()
        .take(before_wanted)
        .last()
        .map_or(offset, |(at, _)| at);
    let after_caret = match rest_of_line.char_indices().nth(SHOWN_CHARS - before_wanted) {
        Some((at, _)) => {
            cut_after = true;
            &rest_of_line[..at]
        }
        None => rest_of_line,
    };
    (
        &text[start..offset],
        after_caret,
        before_wanted < chars_before,
        cut_after,
    )
}

/// Prints an error and what to do about it.
pub fn render(out: &mut dyn Write, error: &Error) -> io::Result<()> {
    match error {
        Error::Bank(BankError::Invalid {
            file,
            text,
            diagnostics,
        }) => {
            let file = clean(file);
            for item in diagnostics {
                diagnostic(out, item, text)?;
                writeln!(out)?;
            }
            let count = diagnostics.len();
            return writeln!(
                out,
                "error: {file} cannot be used: {count} problem{} (run `crossexam check {file}` for the full report)",
                if count == 1 { "" } else { "s" }
            );
        }
        Error::Import(crate::formats::ImportError::Invalid {
            text, diagnostics, ..
        }) => {
            for item in diagnostics {
                diagnostic(out, item, text)?;
                writeln!(out)?;
            }
        }
        Error::Report(ReportError::NoResults { skipped }) => {
            writeln!(out, "error: {}", clean(&error.to_string()))?;
            skipped_files(out, skipped)?;
            return writeln!(
                out,
                "  = hint: give the result files written by `crossexam run --results`, a folder of them, or a JSON Lines file of results"
            );
        }
        Error::Several(errors) => {
            return errors.iter().try_for_each(|error| render(out, error));
        }
        _ => {}
    }
    let (message, hint) = words(error);
    writeln!(out, "error: {}", clean(&message))?;
    match hint {
        Some(hint) => writeln!(out, "  = hint: {}", clean(&hint)),
        None => Ok(()),
    }
}

/// What an error says, and what to do about it where that is known.
fn words(error: &Error) -> (String, Option<String>) {
    let message = error.to_string();
    match error {
        Error::Bank(BankError::UnknownBundled { name, available }) => (
            format!("no bank file or bundled bank is called `{name}`"),
            Some(format!(
                "give a path to a .json bank, or one of: {}",
                available.join(", ")
            )),
        ),
        Error::Bank(BankError::TooLarge { kind, .. }) => (
            message,
            Some(match kind {
                SourceKind::Bank => {
                    "a bank is a hand-written JSON file; check that this is the right file".into()
                }
                SourceKind::Gift => "split the GIFT file into smaller ones and import each".into(),
            }),
        ),
        Error::Plan(PlanError::UnknownPreset { available, .. }) => (
            message,
            Some(if available.is_empty() {
                "this bank defines no presets; leave out --quiz".into()
            } else {
                format!("presets: {}", available.join(", "))
            }),
        ),
        Error::Plan(PlanError::TooFew { matching, .. }) => (
            message,
            Some(format!(
                "use --count {matching} or less, or widen --tag / --kind"
            )),
        ),
        Error::Plan(PlanError::NoneMatch) => (
            message,
            Some(
                "`crossexam list` shows the presets; check the spelling of --tag and --kind".into(),
            ),
        ),
        Error::Script(_) => (
            message,
            Some("one answer a line in question order (see `crossexam run --plan`); an empty line or - skips".into()),
        ),
        Error::Import(crate::formats::ImportError::Invalid { file, .. }) => (
            message,
            Some(format!(
                "nothing was written; fix the lines above in {file} and run the import again"
            )),
        ),
        Error::Store(store) => (message, store.hint()),
        Error::TextFile(text_file) => (message, Some(text_file.hint().into())),
        Error::Config(config) => (message, Some(config.hint().into())),
        Error::CreateFolder { source, .. } if source.kind() == std::io::ErrorKind::NotFound => (
            message,
            Some("a folder above it does not exist or cannot hold folders: check the path".into()),
        ),
        Error::Write { source, .. } | Error::CreateFolder { source, .. } => {
            (message, Some(crate::atomic::write_hint(source).into()))
        }
        Error::NoBankFile { .. } => (
            message,
            Some("check the path, or name a bundled bank (see `crossexam list`)".into()),
        ),
        Error::NoFolder { .. } => (
            message,
            Some("create the directory first, or choose another path".into()),
        ),
        Error::ResultsTarget(target) => (message, Some(target.hint())),
        Error::ResultNotSaved { error, kept } => (
            message,
            Some(match kept {
                Some(path) => format!(
                    "the result was saved to {} instead; copy it from there",
                    path.display()
                ),
                None => format!(
                    "{}; the result could not be saved elsewhere either",
                    crate::atomic::write_hint(&error.source)
                ),
            }),
        ),
        Error::Resume(resume) if resume.error == ReplayError::BankChanged => (
            format!(
                "the bank {} changed since this quiz was started ({}), so the saved answers no longer fit its questions",
                resume.bank, resume.started_at
            ),
            Some(format!(
                "start the quiz again with `crossexam run {} --discard{}` (this deletes the saved one)",
                resume.origin,
                resume.flags
            )),
        ),
        Error::Resume(resume) => (
            message,
            Some(format!("start it again, or delete {}", resume.path.display())),
        ),
        Error::AnswerTooLong { .. } => (
            message,
            Some("an answer is a few letters, a number or a short text".into()),
        ),
        Error::NotJson { .. } => (
            message,
            Some("fix the syntax error shown, then check again".into()),
        ),
        Error::Usage { hint, .. } => (message, hint.clone()),
        _ => (message, None),
    }
}

/// A parse error of the command line, as clap words it; what was typed is
/// shown without its escape codes.
pub fn clap_error(out: &mut dyn Write, error: &clap::Error) -> io::Result<()> {
    let text = error.render().to_string();
    let cleaned: Vec<_> = text.lines().map(clean).collect();
    writeln!(out, "{}", cleaned.join("\n"))
}

/// Something to tell that does not stop the command: a warning (the work
/// goes on, something is left out or used instead) or a note.
#[derive(Debug)]
pub enum Notice<'a> {
    /// An environment setting that cannot be used.
    Config(&'a ConfigWarning),
    /// The progress store or the quiz in progress cannot be used.
    Store(&'a StoreError),
    /// After the first failure to save during a quiz.
    QuizGoesOn,
    /// A keyboard quiz stopped before its end was kept; `resume` continues it.
    QuizKept { resume: &'a str },
    /// `export`: a question the format cannot hold.
    LeftOut { question: &'a str, reason: &'a str },
    /// `generate`: a generated question whose edited copy is in the bank.
    ReplacedByCopy { question: &'a str },
    /// `generate`: a generated question that gave way to an authored one.
    GaveWay {
        question: &'a str,
        authored: &'a str,
    },
    /// `generate`: how many generated questions the bank uses.
    Generated {
        in_use: usize,
        gave_way: usize,
        questions: usize,
        authored: usize,
    },
}

/// Prints a notice, with what to do about it where that is known.
pub fn notice(out: &mut dyn Write, notice: &Notice<'_>) -> io::Result<()> {
    match notice {
        Notice::Config(warning) => {
            writeln!(out, "warning: {}", clean(&warning.to_string()))?;
            writeln!(out, "  = hint: {}", warning.hint())
        }
        Notice::Store(error) => {
            writeln!(out, "warning: {}", clean(&error.to_string()))?;
            match error.hint() {
                Some(hint) => writeln!(out, "  = hint: {}", clean(&hint)),
                None => Ok(()),
            }
        }
        Notice::QuizGoesOn => writeln!(
            out,
            "warning: the quiz goes on, but this answer and later ones may not be saved"
        ),
        Notice::QuizKept { resume } => writeln!(
            out,
            "Your answers so far are saved.\nContinue this quiz with:\n  {resume}"
        ),
        Notice::LeftOut { question, reason } => writeln!(
            out,
            "warning: question `{}` left out: {}",
            clean(question),
            clean(reason)
        ),
        Notice::ReplacedByCopy { question } => writeln!(
            out,
            "note: {} is replaced by its edited copy in the bank",
            clean(question)
        ),
        Notice::GaveWay { question, authored } => writeln!(
            out,
            "note: {} gave way to the authored question `{}`",
            clean(question),
            clean(authored)
        ),
        Notice::Generated {
            in_use,
            gave_way,
            questions,
            authored,
        } => writeln!(
            out,
            "note: {in_use} generated questions in use, {gave_way} gave way to authored ones; the bank has {questions} questions in all ({authored} authored)"
        ),
    }
}

/// The files a report left out, one a line, as a warning (the report goes on).
pub fn skipped_files(out: &mut dyn Write, skipped: &[Skipped]) -> io::Result<()> {
    for file in skipped {
        writeln!(
            out,
            "warning: skipped {}: {}",
            clean(&file.source),
            clean(&file.reason)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigError;
    use std::path::PathBuf;

    fn rendered(error: &Error) -> String {
        let mut out = Vec::new();
        render(&mut out, error).expect("render");
        String::from_utf8(out).expect("UTF-8")
    }

    fn noticed(notice: &Notice<'_>) -> String {
        let mut out = Vec::new();
        super::notice(&mut out, notice).expect("render");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_write_failure_says_what_to_do_by_its_cause() {
        let error = Error::Write {
            path: PathBuf::from("out/bank.json"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        let text = rendered(&error);
        assert!(
            text.starts_with("error: cannot write out/bank.json: "),
            "{text}"
        );
        assert!(
            text.ends_with(
                "  = hint: check that the folder is writable, or choose another place\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_folder_that_cannot_be_created_is_not_told_to_be_created_first() {
        // Regression: creating the folder was what failed, yet the hint said "create it first".
        let error = Error::CreateFolder {
            path: PathBuf::from("/proc/x/"),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        let text = rendered(&error);
        assert!(!text.contains("create it first"), "{text}");
        assert!(text.contains("a folder above it does not exist"), "{text}");
    }

    #[test]
    fn several_errors_are_all_shown_in_order() {
        let error = Error::Several(vec![
            Error::NotJson {
                file: "a.json".into(),
            },
            Error::Config(ConfigError::ZeroCount),
        ]);
        assert_eq!(
            rendered(&error),
            "error: a.json is not JSON, so nothing else in it was checked\n  \
             = hint: fix the syntax error shown, then check again\n\
             error: --count must be at least 1\n  \
             = hint: leave it out to ask every matching question\n"
        );
    }

    #[test]
    fn a_saved_quiz_whose_bank_changed_says_how_to_start_again() {
        let resume = |error| {
            Error::Resume(Box::new(crate::practice::in_progress::ResumeError {
                path: PathBuf::from("data/attempts/ann.json"),
                bank: "week".into(),
                origin: "week.json".into(),
                started_at: "2026-11-25T09:00:00Z".parse().expect("time"),
                flags: " --learner ann".into(),
                error,
            }))
        };
        let changed = rendered(&resume(ReplayError::BankChanged));
        assert!(
            changed.starts_with(
                "error: the bank week changed since this quiz was started (2026-11-25T09:00:00Z)"
            ),
            "{changed}"
        );
        assert!(
            changed.contains("`crossexam run week.json --discard --learner ann`"),
            "{changed}"
        );
        let unusable = rendered(&resume(ReplayError::Unusable(
            "answer 3 no longer parses".into(),
        )));
        assert_eq!(
            unusable,
            "error: the saved quiz data/attempts/ann.json cannot be continued: answer 3 no longer parses\n  \
             = hint: start it again, or delete data/attempts/ann.json\n"
        );
    }

    #[test]
    fn escape_codes_in_paths_never_reach_the_terminal() {
        let error = Error::NoFolder {
            path: PathBuf::from("a\u{1b}[2J/b.json"),
            folder: PathBuf::from("a\u{1b}[2J"),
        };
        assert!(!rendered(&error).contains('\u{1b}'));
    }

    #[test]
    fn bank_text_in_hints_is_cleaned_too() {
        // Preset ids come from the bank: the hint listing them is cleaned.
        let error = Error::Plan(PlanError::UnknownPreset {
            preset: "x".into(),
            available: vec!["quick\u{1b}]0;pwned\u{7}".into()],
        });
        let text = rendered(&error);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("  = hint: presets: quick"), "{text}");
    }

    #[test]
    fn warnings_are_worded_like_errors() {
        let warning = crate::config::ConfigWarning::TimeZone {
            value: "Mars/Base".into(),
        };
        let text = noticed(&Notice::Config(&warning));
        assert!(
            text.starts_with("warning: TZ=`Mars/Base` is not a time zone"),
            "{text}"
        );
        assert!(text.contains("\n  = hint: "), "{text}");
        let store = StoreError::NoDataDir;
        assert_eq!(
            noticed(&Notice::Store(&store)),
            "warning: no data directory for the progress database could be found\n  \
             = hint: set CROSSEXAM_DATA_DIR or pass --data-dir to choose where progress is kept\n"
        );
        assert_eq!(
            noticed(&Notice::QuizKept {
                resume: "crossexam run --resume"
            }),
            "Your answers so far are saved.\nContinue this quiz with:\n  crossexam run --resume\n"
        );
    }
}
