//! crossexam: terminal quizzes and practice on who claimed what, and on what
//! evidence. `main` parses the command line, dispatches, and renders every
//! error in one place with its exit code.

pub mod atomic;
pub mod author;
pub mod bank;
pub mod cli;
pub mod commands;
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

/// Every error a command can end with; all exit 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Bank(#[from] bank::BankError),
    #[error(transparent)]
    Plan(#[from] quiz::plan::PlanError),
    #[error(transparent)]
    Script(#[from] term::ScriptError),
    #[error(transparent)]
    WriteResult(#[from] report::WriteError),
    #[error(transparent)]
    Import(#[from] formats::ImportError),
    #[error(transparent)]
    Store(#[from] practice::store::StoreError),
    #[error(transparent)]
    TextFile(#[from] input::TextFileError),
    #[error(transparent)]
    Report(#[from] report::class::read::ReportError),
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
    let cli = match <cli::Cli as clap::Parser>::try_parse() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            // The message quotes what was typed: shown without its escape codes.
            let text = error.render().to_string();
            let cleaned: Vec<_> = text.lines().map(term::clean).collect();
            eprintln!("{}", cleaned.join("\n"));
            return ExitCode::from(2);
        }
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(0);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match commands::dispatch(cli, &mut out) {
        Ok(outcome) => {
            let _ = out.flush();
            ExitCode::from(outcome.exit_code())
        }
        Err(Error::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(0)
        }
        Err(error) => {
            let _ = out.flush();
            let stderr = std::io::stderr();
            let _ = term::errors::render(&mut stderr.lock(), &error);
            ExitCode::from(2)
        }
    }
}
