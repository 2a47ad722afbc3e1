//! crossexam: terminal quizzes and practice on who claimed what, and on what
//! evidence. `main` parses the command line, dispatches, and renders every
//! error in one place with its exit code.

pub mod atomic;
pub mod author;
pub mod bank;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod json;
pub mod practice;
pub mod quiz;
pub mod report;
pub mod term;
pub mod wording;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// How a command that ran ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: ran, but failed (pass mark missed, lint errors).
    Failed,
    /// Exit 130: Ctrl-C.
    Interrupted,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Failed => 1,
            Outcome::Interrupted => 130,
        }
    }
}

/// Every error a command can end with; all exit 2. Each is rendered, with
/// what to do about it, by [`term::errors::render`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Bank(#[from] bank::BankError),
    #[error(transparent)]
    Plan(#[from] quiz::plan::PlanError),
    #[error(transparent)]
    Script(#[from] term::ScriptError),
    #[error(transparent)]
    Import(#[from] formats::ImportError),
    #[error(transparent)]
    Store(#[from] practice::store::StoreError),
    #[error(transparent)]
    TextFile(#[from] input::TextFileError),
    #[error(transparent)]
    Report(#[from] report::class::read::ReportError),
    /// A flag or environment variable that cannot be used.
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    /// The arguments ask for something impossible.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    #[error("cannot read {file}: {source}")]
    ReadInput {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// A bank named by a path (it ends in `.json` or has a `/`) that is not there.
    #[error("no bank file at {name}")]
    NoBankFile { name: String },
    /// A file the command writes (a bank, an export) cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file the command writes would go into a folder that does not exist.
    #[error("cannot write {}: there is no directory {}", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    /// A folder the command was asked to create cannot be created.
    #[error("cannot create the folder {}: {source}", path.display())]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `--results` cannot be used (found before the quiz starts).
    #[error("--results {0}")]
    ResultsTarget(#[from] report::target::TargetError),
    /// The result of a quiz that was taken could not be written where asked;
    /// `kept` is where it was saved instead, if anywhere.
    #[error("{error}")]
    ResultNotSaved {
        error: report::WriteError,
        kept: Option<PathBuf>,
    },
    /// `run --resume`: the saved quiz no longer fits its bank.
    #[error(transparent)]
    Resume(Box<practice::in_progress::ResumeError>),
    /// A line of an answers file is longer than any answer.
    #[error("{file}: line {line} is longer than {} bytes", input::MAX_LINE_BYTES)]
    AnswerTooLong { file: String, line: usize },
    /// `check`: a file that is not JSON, so nothing else in it was checked.
    #[error("{file} is not JSON, so nothing else in it was checked")]
    NotJson { file: String },
    /// Several failures at once (`check` on many files), in order.
    #[error("{} errors", .0.len())]
    Several(Vec<Error>),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// Runs the program with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let stderr = std::io::stderr();
    let cli = match <cli::Cli as clap::Parser>::try_parse() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            let _ = term::errors::clap_error(&mut stderr.lock(), &error);
            return ExitCode::from(2);
        }
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(0);
        }
    };
    let config = match config::Config::new(&cli, &config::Environment::from_process()) {
        Ok(config) => config,
        Err(error) => {
            let _ = term::errors::render(&mut stderr.lock(), &error.into());
            return ExitCode::from(2);
        }
    };
    term::style::init(config.color, config.plain, config.columns);
    for warning in &config.warnings {
        let _ = term::errors::notice(&mut stderr.lock(), &term::errors::Notice::Config(warning));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match commands::dispatch(cli.command, &config, &mut out) {
        Ok(outcome) => {
            let _ = out.flush();
            ExitCode::from(outcome.exit_code())
        }
        Err(Error::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(0)
        }
        Err(error) => {
            let _ = out.flush();
            let _ = term::errors::render(&mut stderr.lock(), &error);
            ExitCode::from(2)
        }
    }
}
