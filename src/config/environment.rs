//! The process environment, read once. [`Environment::from_process`] is the
//! only place crossexam reads environment variables of its own (crates read
//! some themselves: anstream `NO_COLOR`, `CLICOLOR_FORCE` and `TERM` for
//! colour, directories `HOME` and `XDG_DATA_HOME` for the data directory);
//! tests build an [`Environment`] by hand.

use std::ffi::OsString;

/// The variables crossexam reads, as they were when the program started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `CROSSEXAM_NOW`: a fixed time for the clock.
    pub now: Option<String>,
    /// `CROSSEXAM_DATA_DIR`: where progress is kept.
    pub data_dir: Option<OsString>,
    /// `TZ`: the learner's time zone.
    pub tz: Option<OsString>,
    /// The first of `USER`, `USERNAME` and `LOGNAME` that is set.
    pub user: Option<String>,
    /// `COLUMNS`: the wrapping width when stdout is not a terminal.
    pub columns: Option<String>,
}

impl Environment {
    /// The running process's environment.
    pub fn from_process() -> Self {
        Environment {
            now: std::env::var("CROSSEXAM_NOW").ok(),
            data_dir: std::env::var_os("CROSSEXAM_DATA_DIR"),
            tz: std::env::var_os("TZ"),
            user: ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|key| std::env::var(key).ok()),
            columns: std::env::var("COLUMNS").ok(),
        }
    }
}
