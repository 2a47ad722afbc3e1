//! The cross-check set: tests that compare crossexam with other people's
//! tools (py-fsrs, check-jsonschema, …) and with the seed report that is
//! never copied into the repository. Built only with
//! `--features crosscheck`; `scripts/crosscheck` installs the tools into
//! `.crosscheck/` and runs this set. Inside it a missing tool or report
//! fails the test, never skips it.

mod formats;
mod fsrs;
mod report;
mod schema;
mod seed_report;

use std::path::PathBuf;
use std::process::{Command, Output};

/// Where `scripts/crosscheck` installs the tools: `CROSSEXAM_CROSSCHECK_DIR`,
/// else `.crosscheck/` in the repository.
pub fn tools_dir() -> PathBuf {
    std::env::var_os("CROSSEXAM_CROSSCHECK_DIR")
        .map_or_else(|| crate::harness::repo_path(".crosscheck"), PathBuf::from)
}

const INSTALL_HINT: &str = "run `scripts/crosscheck`, which installs the cross-check tools into .crosscheck/ (this test never skips)";

/// A program of the cross-check virtual environment (`.crosscheck/venv/bin/NAME`).
pub fn venv_program(name: &str) -> PathBuf {
    let path = tools_dir().join("venv").join("bin").join(name);
    assert!(
        path.exists(),
        "{} is missing; {INSTALL_HINT}",
        path.display()
    );
    path
}

/// The cross-check virtual environment's Python.
pub fn python() -> PathBuf {
    venv_program("python")
}

/// The cross-check `node_modules` folder (for `node` scripts that
/// `require` packages installed by `scripts/crosscheck`).
pub fn node_modules() -> PathBuf {
    let path = tools_dir().join("node_modules");
    assert!(
        path.is_dir(),
        "{} is missing; {INSTALL_HINT}",
        path.display()
    );
    path
}

/// Runs a command to its end, failing the test when it cannot start.
pub fn output_of(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error}; {INSTALL_HINT}"))
}

/// Exit code and both streams, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The seed report, from `CROSSEXAM_SOURCE_REPORT` (`.ci/run` points it at
/// `../shared/seed/interview-report.txt`). Its text never enters the
/// repository.
pub fn seed_report() -> PathBuf {
    let path = std::env::var_os("CROSSEXAM_SOURCE_REPORT").map(PathBuf::from);
    let path = path.unwrap_or_else(|| {
        panic!("set CROSSEXAM_SOURCE_REPORT to the seed report's path (scripts/crosscheck does)")
    });
    assert!(
        path.is_file(),
        "CROSSEXAM_SOURCE_REPORT names {}, which is not a file",
        path.display()
    );
    path
}
