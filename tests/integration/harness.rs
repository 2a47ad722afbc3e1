//! A small test builder in the style of `just`'s: arguments, stdin,
//! environment and files in a temporary directory, then run the real binary
//! and look at its exit code, stdout and stderr.

use std::path::{Path, PathBuf};
use std::process::Output;

/// The fixed clock every test runs with (see `CROSSEXAM_NOW`).
pub const NOW: &str = "2026-11-25T09:00:00Z";

pub struct Test {
    command: assert_cmd::Command,
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut command =
            assert_cmd::Command::cargo_bin("crossexam").expect("the crossexam binary");
        command
            .current_dir(dir.path())
            .env("CROSSEXAM_NOW", NOW)
            .env("CROSSEXAM_DATA_DIR", dir.path().join("data"))
            .env("USER", "tester")
            .env_remove("COLUMNS");
        Test { command, dir }
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn stdin(mut self, input: &str) -> Self {
        self.command.write_stdin(input.to_string());
        self
    }

    /// Writes `contents` to `name` inside the test directory.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("fixture directory");
        }
        std::fs::write(path, contents).expect("fixture file");
        self
    }

    pub fn run(mut self) -> (Run, tempfile::TempDir) {
        let Output {
            status,
            stdout,
            stderr,
        } = self.command.output().expect("the binary runs");
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        };
        (run, self.dir)
    }

    /// Runs and returns only the output (the directory is removed).
    pub fn output(self) -> Run {
        self.run().0
    }
}

/// The text of a file of the repository.
pub fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("repository file")
}

/// A path inside the repository.
pub fn repo_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The complete example bank of the tests' fixtures.
pub fn example_bank() -> String {
    repo_file("tests/fixtures/example-bank.json")
}

/// Parses JSON output, or fails the test showing the text.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"))
}
