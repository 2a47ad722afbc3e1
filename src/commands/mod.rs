//! The commands: each turns its checked flags and the run's [`Config`]
//! into work on the pure core, supplying the clock, the seed and the
//! terminal, and hands what a person reads to `term`. They orchestrate;
//! they neither read the environment nor decide anything themselves.

mod author;
pub(crate) mod check;
mod formats;

pub use check::{CheckedFile, check_text};
mod practice;
mod report;
mod resume;
mod run;

use crate::bank::{self, LoadedBank};
use crate::cli::{Cli, Command, RunArgs};
use crate::config::{Config, PracticeRequest, RunRequest};
use crate::{Error, Outcome, term};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs the command the arguments name (a quiz when none is named).
pub fn dispatch(
    command: Option<Command>,
    config: &Config,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    match command {
        None => run::run(&RunRequest::new(&RunArgs::default())?, config, out),
        Some(Command::Run(args)) => run::run(&RunRequest::new(&args)?, config, out),
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
        Some(Command::Practice(args)) => {
            practice::practice(&PracticeRequest::new(&args)?, config, out)
        }
        Some(Command::Review(args)) => practice::review(args.bank.as_deref(), config, out),
        Some(Command::Progress(args)) => {
            practice::progress(args.bank.as_deref(), args.json, config, out)
        }
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
        return Err(Error::NoBankFile {
            name: name.to_string(),
        });
    }
    Ok(bank::bundled::load(name)?)
}

/// ` --learner NAME` (unless the learner is the default one) and
/// ` --data-dir DIR` (when one was given), quoted for a shell when needed,
/// for a command the screen suggests.
pub fn learner_flags(config: &Config) -> String {
    let mut flags = String::new();
    if config.learner.name != config.learner.default {
        flags.push_str(&format!(" --learner {}", shell_word(&config.learner.name)));
    }
    if let Some(dir) = &config.data_dir.flag {
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
            Ok(loaded) => term::list::bank(
                out,
                &name,
                &loaded.bank.title,
                &crate::quiz::presets::bank_figures(&loaded),
            )?,
            Err(error) => term::list::unloadable(out, &name, &error, &shell_word(&name))?,
        }
    }
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Environment;
    use clap::Parser;

    fn flags(args: &[&str]) -> String {
        let cli = Cli::try_parse_from(std::iter::once("crossexam").chain(args.iter().copied()))
            .expect("the arguments parse");
        let env = Environment {
            user: Some("ann".into()),
            data_dir: Some("/from/env".into()),
            ..Environment::default()
        };
        learner_flags(&Config::new(&cli, &env).expect("config"))
    }

    #[test]
    fn suggested_commands_repeat_only_what_was_given() {
        assert_eq!(flags(&["practice"]), "");
        assert_eq!(
            flags(&["practice", "--learner", "ann"]),
            "",
            "the default learner"
        );
        assert_eq!(flags(&["review", "--learner", "bob"]), " --learner bob");
        assert_eq!(
            flags(&["run", "--learner", "Ann B", "--data-dir", "my data"]),
            " --learner 'Ann B' --data-dir 'my data'"
        );
    }
}
