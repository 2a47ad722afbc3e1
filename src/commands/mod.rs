//! The commands: each turns parsed arguments into work on the pure core,
//! supplying the clock, the seed and the terminal. This is the only layer
//! that reads the environment.

mod author;
pub(crate) mod check;
mod formats;

pub use check::{FileReport, check_text};
mod practice;
mod report;
mod resume;
mod run;

use crate::bank::{self, LoadedBank};
use crate::cli::{Cli, Command, RunArgs};
use crate::{Error, Outcome, term};
use jiff::Timestamp;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs the command the arguments name (a quiz when none is named).
pub fn dispatch(cli: Cli, out: &mut dyn Write) -> Result<Outcome, Error> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|text| text.trim().parse().ok());
    term::style::init(cli.color.into(), cli.plain, columns);
    let clock = clock()?;
    match cli.command {
        None => run::run(&RunArgs::default(), out, &*clock),
        Some(Command::Run(args)) => run::run(&args, out, &*clock),
        Some(Command::Read { bank, source }) => {
            let loaded = load_bank(bank.as_deref())?;
            // The report is read first: a wrong path prints nothing but the error.
            let report = source
                .map(|path| crate::input::read_text(&path, crate::input::MAX_SOURCE_BYTES))
                .transpose()?;
            term::render::source(out, &loaded.bank)?;
            if let Some(report) = report {
                term::render::report(out, &report)?;
            }
            Ok(Outcome::Success)
        }
        Some(Command::List { dir }) => list(out, dir.as_deref()),
        Some(Command::Check(args)) => check::check(&args, out),
        Some(Command::Schema) => author::schema(out),
        Some(Command::Generate(args)) => author::generate(&args, out),
        Some(Command::Claims(args)) => author::claims(&args, out),
        Some(Command::Draft(args)) => author::draft(&args, out),
        Some(Command::New { name }) => author::new_bank(&name, out),
        Some(Command::Practice(args)) => practice::practice(&args, out, &*clock),
        Some(Command::Review(args)) => practice::review(&args, out, &*clock),
        Some(Command::Progress(args)) => practice::progress(&args, out, &*clock),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "crossexam", out);
            Ok(Outcome::Success)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)?;
            Ok(Outcome::Success)
        }
        Some(Command::Import(args)) => formats::import(&args, out),
        Some(Command::Export(args)) => formats::export(&args, out),
        Some(Command::Report(args)) => report::report(&args, out),
    }
}

/// The clock: `CROSSEXAM_NOW` when set (an RFC 3339 time), else the system clock.
pub fn clock() -> Result<Box<dyn Fn() -> Timestamp>, Error> {
    match std::env::var("CROSSEXAM_NOW") {
        Ok(text) => {
            let fixed: Timestamp = text.trim().parse().map_err(|_| {
                Error::usage(
                    format!("CROSSEXAM_NOW=`{text}` is not an RFC 3339 time"),
                    "write it like 2026-11-25T09:00:00Z, or unset it",
                )
            })?;
            let year = jiff::tz::Offset::UTC.to_datetime(fixed).year();
            if !crate::practice::store::STORABLE_YEARS.contains(&year) {
                return Err(Error::usage(
                    format!(
                        "CROSSEXAM_NOW=`{}` is outside the years 1970 to 9000",
                        text.trim()
                    ),
                    "give a time in that range, or unset it",
                ));
            }
            Ok(Box::new(move || fixed))
        }
        Err(_) => Ok(Box::new(Timestamp::now)),
    }
}

/// Loads a bank named by path or bundled id (default: the bundled interview bank).
pub fn load_bank(name: Option<&str>) -> Result<LoadedBank, Error> {
    let name = name.unwrap_or(bank::bundled::DEFAULT_BANK);
    let path = Path::new(name);
    // A dangling or looping symbolic link is a file that cannot be read, not a missing one.
    if path.exists() || std::fs::symlink_metadata(path).is_ok() {
        return Ok(bank::load_file(path)?);
    }
    if bank::bundled::BUNDLED.iter().any(|(id, _, _)| *id == name) {
        return Ok(bank::bundled::load(name)?);
    }
    if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
        || name.contains(std::path::MAIN_SEPARATOR)
        || name.contains('/')
    {
        return Err(Error::usage(
            format!("no bank file at {name}"),
            "check the path, or name a bundled bank (see `crossexam list`)",
        ));
    }
    Ok(bank::bundled::load(name)?)
}

/// The learner's name: `--learner`, else the operating-system user.
pub fn learner(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|key| std::env::var(key).ok())
        })
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "learner".to_string())
}

/// ` --learner NAME` (unless NAME is the default learner) and ` --data-dir
/// DIR` (when one was given), quoted for a shell when needed, for a command
/// the screen suggests.
pub fn learner_flags(learner: &str, data_dir: Option<&Path>) -> String {
    let mut flags = String::new();
    if learner != self::learner(None) {
        flags.push_str(&format!(" --learner {}", shell_word(learner)));
    }
    if let Some(dir) = data_dir {
        flags.push_str(&format!(
            " --data-dir {}",
            shell_word(&dir.display().to_string())
        ));
    }
    flags
}

/// `text` as one word for a POSIX shell: as it is when that is safe, else
/// in single quotes.
pub fn shell_word(text: &str) -> String {
    let text = &term::clean(text);
    let safe = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '/' | ':');
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Whether a JSON file declares itself a bank (its `format` starts with `crossexam-bank/`).
fn looks_like_bank(path: &Path) -> bool {
    let Ok(text) = bank::load::read_bank_text(path) else {
        return true;
    };
    match serde_json::from_str::<serde_json::Value>(crate::input::strip_bom(&text)) {
        Ok(document) => document
            .get("format")
            .and_then(serde_json::Value::as_str)
            .is_none_or(|format| format.starts_with("crossexam-bank/")),
        Err(_) => true,
    }
}

fn list(out: &mut dyn Write, dir: Option<&Path>) -> Result<Outcome, Error> {
    let mut entries: Vec<(String, Result<LoadedBank, bank::BankError>)> = bank::bundled::BUNDLED
        .iter()
        .map(|(id, _, _)| (format!("{id} (bundled)"), bank::bundled::load(id)))
        .collect();
    if let Some(file) = dir.filter(|path| path.is_file()) {
        // A bank file instead of a directory: that bank and its presets.
        entries.push((file.display().to_string(), bank::load_file(file)));
    } else if let Some(dir) = dir {
        let read = std::fs::read_dir(dir).map_err(|source| Error::ReadInput {
            file: dir.display().to_string(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = read
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
            })
            .collect();
        paths.sort();
        // Other JSON (results, plans, progress exports) is not listed as a broken bank.
        for path in paths.into_iter().filter(|path| looks_like_bank(path)) {
            entries.push((path.display().to_string(), bank::load_file(&path)));
        }
    }
    for (name, loaded) in entries {
        match loaded {
            Ok(loaded) => {
                let authored = loaded.bank.questions.len();
                let gave_way = bank::generate::gave_way(&loaded.bank).len();
                term::render::wrap_indented(
                    out,
                    &format!(
                        "{name}  {} · {} questions ({authored} authored, {} generated{})",
                        loaded.bank.title,
                        loaded.questions.len(),
                        loaded.questions.len() - authored,
                        if gave_way == 0 {
                            String::new()
                        } else {
                            format!("; {gave_way} more generated gave way to authored ones")
                        }
                    ),
                    "",
                    "  ",
                )?;
                for preset in &loaded.bank.quizzes {
                    let options = crate::quiz::plan::QuizOptions::resolve(
                        &loaded,
                        Some(&preset.id),
                        &crate::quiz::plan::OptionOverrides::default(),
                    );
                    let matching = options.map_or(0, |options| {
                        loaded
                            .questions
                            .iter()
                            .filter(|q| options.matches(q))
                            .count()
                    });
                    let count = preset.count.unwrap_or(matching);
                    let default = if loaded.bank.default_quiz.as_deref() == Some(preset.id.as_str())
                    {
                        " (default)"
                    } else {
                        ""
                    };
                    let mut settings = String::new();
                    if preset.feedback == Some(crate::bank::FeedbackMode::End) {
                        settings.push_str(" · feedback at the end");
                    }
                    if let Some(mark) = preset.pass_mark {
                        settings.push_str(&format!(
                            " · pass mark {}%",
                            term::render::number(mark * 100.0)
                        ));
                    }
                    if preset.confidence == Some(true) {
                        settings.push_str(" · confidence marking");
                    }
                    // As the start screen says them: "time limit 5:00 · 0:20 a question".
                    let time = term::render::minutes_seconds;
                    if let Some(limit) = preset.time_limit_s {
                        settings.push_str(&format!(" · time limit {}", time(limit)));
                    }
                    if let Some(limit) = preset.question_time_limit_s {
                        settings.push_str(&format!(" · {} a question", time(limit)));
                    }
                    term::render::wrap_indented(
                        out,
                        &format!(
                            "--quiz {}{default}: {} · {count} of {matching} questions{settings}",
                            preset.id, preset.title
                        ),
                        "    ",
                        "      ",
                    )?;
                }
            }
            Err(error @ bank::BankError::Invalid { .. }) => term::render::wrap_indented(
                out,
                &format!(
                    "{name}  cannot be loaded: {error} (`crossexam check {}` shows them)",
                    shell_word(&name)
                ),
                "",
                "  ",
            )?,
            Err(error) => term::render::wrap_indented(
                out,
                &format!("{name}  cannot be loaded: {error}"),
                "",
                "  ",
            )?,
        }
    }
    Ok(Outcome::Success)
}
