//! The command line and the environment made into one validated [`Config`]
//! before any work starts (ripgrep's low and high arguments, just's
//! `Config::from_matches`): the clock, the learner's time zone, the data
//! directory, the learner, colour and the wrapping width; and each
//! command's flags checked into a request ([`RunRequest`],
//! [`PracticeRequest`]). Commands take these and never read the
//! environment; clap's types stop at the commands, the core never sees them.

pub mod clock;
pub mod environment;

pub use clock::{Clock, FixedClock, SystemClock};
pub use environment::Environment;

use crate::cli::{Cli, Command, DataDirArg, PracticeArgs, RunArgs};
use crate::quiz::plan::OptionOverrides;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::path::{Path, PathBuf};

/// Everything a command needs to know about this run besides its own flags.
#[derive(Debug)]
pub struct Config {
    /// Where "now" comes from.
    pub clock: Box<dyn Clock>,
    /// The learner's time zone: it decides calendar days for practice.
    pub time_zone: TimeZone,
    /// Where progress and quizzes in progress are kept.
    pub data_dir: DataDir,
    /// Who is taking the quiz or practising.
    pub learner: Learner,
    /// `--color`.
    pub color: anstream::ColorChoice,
    /// `--plain`: words only, for screen readers.
    pub plain: bool,
    /// The wrapping width when stdout is not a terminal (`COLUMNS`).
    pub columns: Option<usize>,
    /// What was set but could not be used (each says what is used instead).
    pub warnings: Vec<ConfigWarning>,
}

/// The data directory: `--data-dir`, else `CROSSEXAM_DATA_DIR`, else the
/// platform's data directory (e.g. `~/.local/share/crossexam`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// `--data-dir`, when given (repeated in the commands the screens suggest).
    pub flag: Option<PathBuf>,
    /// The directory in use; `None` when the platform has none.
    resolved: Option<PathBuf>,
}

impl DataDir {
    /// The directory in use, or why there is none.
    pub fn path(&self) -> Result<&Path, crate::practice::store::StoreError> {
        self.resolved
            .as_deref()
            .ok_or(crate::practice::store::StoreError::NoDataDir)
    }
}

/// The learner: `--learner`, else the operating-system user, else `learner`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learner {
    /// The name in use.
    pub name: String,
    /// Whether `--learner` named them.
    pub named: bool,
    /// The name without `--learner` (the screens leave out `--learner` for them).
    pub default: String,
}

/// A setting given in the environment that cannot be used; the run goes
/// on with what the warning says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigWarning {
    #[error(
        "TZ=`{value}` is not a time zone crossexam can read, so calendar days are counted in UTC"
    )]
    TimeZone { value: String },
}

impl ConfigWarning {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            ConfigWarning::TimeZone { .. } => {
                "set TZ to a zone name like Europe/Paris, or unset it to use the system's"
            }
        }
    }
}

/// A flag or environment variable that makes the command impossible to run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("CROSSEXAM_NOW=`{value}` is not an RFC 3339 time")]
    NowNotATime { value: String },
    #[error("CROSSEXAM_NOW=`{value}` is outside the years 1970 to 9000")]
    NowOutOfRange { value: String },
    #[error("--count must be at least 1")]
    ZeroCount,
    #[error("--retention {value} is outside 0.70..0.99")]
    Retention { value: f64 },
}

impl ConfigError {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            ConfigError::NowNotATime { .. } => "write it like 2026-11-25T09:00:00Z, or unset it",
            ConfigError::NowOutOfRange { .. } => "give a time in that range, or unset it",
            ConfigError::ZeroCount => "leave it out to ask every matching question",
            ConfigError::Retention { .. } => {
                "0.9 (the default) means a 90% chance of recalling an item when it falls due"
            }
        }
    }
}

impl Config {
    /// The configuration of a run of `cli` in `env`; fails on a setting
    /// that makes every command impossible (an invalid `CROSSEXAM_NOW`).
    pub fn new(cli: &Cli, env: &Environment) -> Result<Config, ConfigError> {
        // The commands that keep a learner's progress, counted in their days.
        let learner_flags = match &cli.command {
            None => Some((None, None)),
            Some(Command::Run(args)) => Some((args.learner.as_deref(), Some(&args.data))),
            Some(Command::Practice(args)) => Some((args.learner.as_deref(), Some(&args.data))),
            Some(Command::Review(args)) => Some((args.learner.as_deref(), Some(&args.data))),
            Some(Command::Progress(args)) => Some((args.learner.as_deref(), Some(&args.data))),
            _ => None,
        };
        let counts_days = learner_flags.is_some();
        let (learner, data_dir) = learner_flags.unwrap_or_default();
        let (time_zone, warning) = time_zone(env.tz.as_deref());
        Ok(Config {
            clock: clock(env.now.as_deref())?,
            time_zone,
            data_dir: data_dir_of(data_dir, env),
            learner: learner_of(learner, env.user.as_deref()),
            color: cli.color.into(),
            plain: cli.plain,
            columns: columns(env.columns.as_deref()),
            // Only where days are counted is a bad time zone worth a word.
            warnings: warning.filter(|_| counts_days).into_iter().collect(),
        })
    }

    /// The time now, by this run's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}

/// `CROSSEXAM_NOW` (an RFC 3339 time in the years the store keeps) when
/// set, else the system clock.
fn clock(now: Option<&str>) -> Result<Box<dyn Clock>, ConfigError> {
    let Some(text) = now else {
        return Ok(Box::new(SystemClock));
    };
    let fixed: Timestamp = text.trim().parse().map_err(|_| ConfigError::NowNotATime {
        value: text.to_string(),
    })?;
    let year = jiff::tz::Offset::UTC.to_datetime(fixed).year();
    if !crate::practice::store::STORABLE_YEARS.contains(&year) {
        return Err(ConfigError::NowOutOfRange {
            value: text.trim().to_string(),
        });
    }
    Ok(Box::new(FixedClock(fixed)))
}

/// The learner's time zone from `TZ`: unset, the system's; empty, UTC; a
/// zone name (`Europe/Paris`, `:Europe/Paris`) or a POSIX rule
/// (`EST5EDT,M3.2.0,M11.1.0`); or a `TZif` file (`:/path` or `/path`), read
/// with the size limit and only when it is a regular file (`TZ=:/dev/zero`
/// would otherwise be read until memory runs out). Anything else is UTC,
/// with a warning.
fn time_zone(tz: Option<&std::ffi::OsStr>) -> (TimeZone, Option<ConfigWarning>) {
    let Some(tz) = tz else {
        return (TimeZone::system(), None);
    };
    let value = tz.to_string_lossy();
    if value.is_empty() {
        return (TimeZone::UTC, None);
    }
    let name = value.strip_prefix(':').unwrap_or(&value);
    // UTC needs no time zone database (a container may have none).
    let zone = if name.eq_ignore_ascii_case("UTC") {
        Some(TimeZone::UTC)
    } else if name.starts_with('/') {
        crate::input::read_file(Path::new(name), crate::input::MAX_TZ_BYTES)
            .ok()
            .and_then(|bytes| TimeZone::tzif(name, &bytes).ok())
    } else {
        TimeZone::get(name).or_else(|_| TimeZone::posix(name)).ok()
    };
    match zone {
        Some(zone) => (zone, None),
        None => (
            TimeZone::UTC,
            Some(ConfigWarning::TimeZone {
                value: value.into_owned(),
            }),
        ),
    }
}

/// `COLUMNS` when it is a whole number; anything else is ignored, as
/// shells and other tools do.
fn columns(text: Option<&str>) -> Option<usize> {
    text.and_then(|text| text.trim().parse().ok())
}

fn data_dir_of(flag: Option<&DataDirArg>, env: &Environment) -> DataDir {
    let flag = flag.and_then(|arg| arg.data_dir.clone());
    let resolved = flag
        .clone()
        .or_else(|| {
            env.data_dir
                .as_ref()
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            directories::ProjectDirs::from("", "", "crossexam")
                .map(|dirs| dirs.data_dir().to_path_buf())
        });
    DataDir { flag, resolved }
}

fn learner_of(given: Option<&str>, user: Option<&str>) -> Learner {
    let pick = |given: Option<&str>| {
        given
            .or(user)
            .filter(|name| !name.trim().is_empty())
            .unwrap_or("learner")
            .to_string()
    };
    Learner {
        name: pick(given),
        named: given.is_some(),
        default: pick(None),
    }
}

/// `crossexam run`'s flags, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunRequest {
    /// A bank file or bundled id (default: the bundled interview bank).
    pub bank: Option<String>,
    /// `--quiz`: the preset.
    pub preset: Option<String>,
    /// The flags that override the preset.
    pub overrides: OptionOverrides,
    pub seed: Option<u64>,
    /// `--answers FILE` (`-` for stdin): a scripted run.
    pub answers: Option<String>,
    /// `--plan`: print the plan, ask nothing.
    pub plan_only: bool,
    pub json: bool,
    /// `--results FILE|DIR`, and `--force` to replace a file that is not a result.
    pub results: Option<PathBuf>,
    pub force: bool,
    pub resume: bool,
    pub discard: bool,
    /// Record answers in the progress store (not `--no-log`).
    pub log: bool,
}

impl RunRequest {
    /// Checks `run`'s flags (those clap cannot check alone).
    pub fn new(args: &RunArgs) -> Result<RunRequest, ConfigError> {
        if args.count == Some(0) {
            return Err(ConfigError::ZeroCount);
        }
        Ok(RunRequest {
            bank: args.bank.clone(),
            preset: args.quiz.clone(),
            overrides: OptionOverrides {
                count: args.count,
                tags: args.tags.clone(),
                kinds: args.kinds.clone(),
                feedback: args.feedback.map(Into::into),
                time_limit_s: args.time_limit,
                pass_mark: args.pass_mark,
                confidence: args.confidence_override(),
            },
            seed: args.seed,
            answers: args.answers.clone(),
            plan_only: args.plan,
            json: args.json,
            results: args.results.clone(),
            force: args.force,
            resume: args.resume,
            discard: args.discard,
            log: !args.no_log,
        })
    }
}

/// `crossexam practice`'s flags, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeRequest {
    pub bank: Option<String>,
    /// New questions a day, at most.
    pub new_per_day: usize,
    /// Due reviews in one session, at most.
    pub limit: usize,
    /// Desired retention, 0.70..=0.99.
    pub retention: f64,
    pub cram: bool,
}

impl PracticeRequest {
    /// Checks `practice`'s flags.
    pub fn new(args: &PracticeArgs) -> Result<PracticeRequest, ConfigError> {
        if !(0.7..=0.99).contains(&args.retention) {
            return Err(ConfigError::Retention {
                value: args.retention,
            });
        }
        Ok(PracticeRequest {
            bank: args.bank.clone(),
            new_per_day: args.new,
            limit: args.limit,
            retention: args.retention,
            cram: args.cram,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("crossexam").chain(args.iter().copied()))
            .expect("the arguments parse")
    }

    fn env() -> Environment {
        Environment {
            now: Some("2026-11-25T09:00:00Z".into()),
            ..Environment::default()
        }
    }

    fn config(args: &[&str], env: &Environment) -> Config {
        Config::new(&cli(args), env).expect("a valid configuration")
    }

    #[test]
    fn crossexam_now_fixes_the_clock() {
        let config = config(&["run"], &env());
        let expected: Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
        assert_eq!(config.now(), expected);
        assert_eq!(config.now(), expected, "the fixed clock stands still");
    }

    #[test]
    fn an_invalid_crossexam_now_is_refused_for_every_command() {
        for args in [&["run"][..], &["schema"], &["check", "b.json"]] {
            let env = Environment {
                now: Some("yesterday".into()),
                ..Environment::default()
            };
            let error = Config::new(&cli(args), &env).expect_err("refused");
            assert_eq!(
                error,
                ConfigError::NowNotATime {
                    value: "yesterday".into()
                }
            );
        }
        let env = Environment {
            now: Some(" 9500-01-01T00:00:00Z ".into()),
            ..Environment::default()
        };
        let error = Config::new(&cli(&[]), &env).expect_err("refused");
        assert_eq!(
            error,
            ConfigError::NowOutOfRange {
                value: "9500-01-01T00:00:00Z".into()
            }
        );
        assert!(error.to_string().contains("1970 to 9000"), "{error}");
    }

    #[test]
    fn a_time_zone_is_used_as_given() {
        // What the system's database holds (a container may have none).
        let paris = TimeZone::get("Europe/Paris").ok();
        for value in ["Europe/Paris", ":Europe/Paris"] {
            let env = Environment {
                tz: Some(value.into()),
                ..env()
            };
            let config = config(&["practice"], &env);
            assert_eq!(
                Some(&config.time_zone),
                paris.as_ref().or(Some(&TimeZone::UTC))
            );
            assert_eq!(config.warnings.is_empty(), paris.is_some());
        }
        for value in ["UTC", ":utc"] {
            let env = Environment {
                tz: Some(value.into()),
                ..env()
            };
            let config = config(&["practice"], &env);
            assert_eq!(config.time_zone, TimeZone::UTC);
            assert!(config.warnings.is_empty(), "{value}");
        }
        let env = Environment {
            tz: Some("EST5EDT,M3.2.0,M11.1.0".into()),
            ..env()
        };
        let config = config(&["practice"], &env);
        let july: Timestamp = "2026-07-01T12:00:00Z".parse().expect("time");
        assert_eq!(config.time_zone.to_offset(july).seconds(), -4 * 3600);
        assert!(config.warnings.is_empty());
    }

    #[test]
    fn an_empty_time_zone_is_utc() {
        let env = Environment {
            tz: Some("".into()),
            ..env()
        };
        let config = config(&["practice"], &env);
        assert_eq!(config.time_zone, TimeZone::UTC);
        assert!(config.warnings.is_empty());
    }

    #[test]
    fn a_bad_time_zone_is_utc_with_a_warning() {
        for value in [
            "Mars/Olympus_Mons",
            "not a zone",
            ":/dev/zero",
            "/nonexistent/zone",
        ] {
            let env = Environment {
                tz: Some(value.into()),
                ..env()
            };
            let config = config(&["progress"], &env);
            assert_eq!(config.time_zone, TimeZone::UTC, "{value}");
            assert_eq!(
                config.warnings,
                vec![ConfigWarning::TimeZone {
                    value: value.into()
                }]
            );
        }
    }

    #[test]
    fn a_bad_time_zone_is_no_concern_of_commands_without_days() {
        let env = Environment {
            tz: Some("Mars/Olympus_Mons".into()),
            ..env()
        };
        for args in [&["schema"][..], &["check", "b.json"], &["list"]] {
            assert!(config(args, &env).warnings.is_empty(), "{args:?}");
        }
        for args in [&[][..], &["run"], &["practice"], &["review"], &["progress"]] {
            assert_eq!(config(args, &env).warnings.len(), 1, "{args:?}");
        }
    }

    #[test]
    fn a_time_zone_file_that_is_not_a_zone_is_utc_with_a_warning() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("zone");
        std::fs::write(&file, "not TZif").expect("write");
        let env = Environment {
            tz: Some(file.clone().into_os_string()),
            ..env()
        };
        let config = config(&["progress"], &env);
        assert_eq!(config.time_zone, TimeZone::UTC);
        assert_eq!(config.warnings.len(), 1);
    }

    #[test]
    fn the_width_is_columns_when_it_is_a_number() {
        let with = |columns: &str| {
            let env = Environment {
                columns: Some(columns.into()),
                ..env()
            };
            config(&[], &env).columns
        };
        assert_eq!(with("100"), Some(100));
        assert_eq!(with(" 40 "), Some(40));
        // Not a width: ignored, so the default width is used.
        assert_eq!(with("wide"), None);
        assert_eq!(with("-3"), None);
        assert_eq!(with(""), None);
        assert_eq!(with("1e3"), None);
        assert_eq!(config(&[], &env()).columns, None);
    }

    #[test]
    fn data_dir_flag_beats_the_environment() {
        let env = Environment {
            data_dir: Some("/from/env".into()),
            ..env()
        };
        let config = config(&["practice", "--data-dir", "/from/flag"], &env);
        assert_eq!(config.data_dir.path().ok(), Some(Path::new("/from/flag")));
        assert_eq!(
            config.data_dir.flag.as_deref(),
            Some(Path::new("/from/flag"))
        );

        let config = Config::new(&cli(&["practice"]), &env).expect("config");
        assert_eq!(config.data_dir.path().ok(), Some(Path::new("/from/env")));
        assert_eq!(config.data_dir.flag, None, "no flag to repeat");
    }

    #[test]
    fn an_empty_data_dir_variable_is_ignored() {
        let env = Environment {
            data_dir: Some("".into()),
            ..env()
        };
        let config = config(&["progress"], &env);
        assert_ne!(config.data_dir.path().ok(), Some(Path::new("")));
    }

    #[test]
    fn every_progress_command_takes_its_data_dir_flag() {
        for command in ["run", "practice", "review", "progress"] {
            let config = config(&[command, "--data-dir", "d"], &env());
            assert_eq!(
                config.data_dir.flag.as_deref(),
                Some(Path::new("d")),
                "{command}"
            );
        }
    }

    #[test]
    fn learner_flag_beats_the_user_variable() {
        let env = Environment {
            user: Some("ann".into()),
            ..env()
        };
        let named = config(&["run", "--learner", "bob"], &env);
        assert_eq!(named.learner.name, "bob");
        assert!(named.learner.named);
        assert_eq!(named.learner.default, "ann");

        let unnamed = config(&["review"], &env);
        assert_eq!(unnamed.learner.name, "ann");
        assert!(!unnamed.learner.named);
    }

    #[test]
    fn a_blank_learner_is_called_learner() {
        let env = Environment {
            user: Some("  ".into()),
            ..env()
        };
        assert_eq!(config(&["practice"], &env).learner.name, "learner");
        assert_eq!(
            config(&["practice", "--learner", " "], &self::env())
                .learner
                .name,
            "learner"
        );
    }

    #[test]
    fn colour_and_plain_come_from_the_flags() {
        let config = config(&["--color", "never", "--plain", "list"], &env());
        assert_eq!(config.color, anstream::ColorChoice::Never);
        assert!(config.plain);
    }

    #[test]
    fn run_flags_become_overrides() {
        let Some(Command::Run(args)) = cli(&[
            "run",
            "--count",
            "3",
            "--tag",
            "a",
            "--no-confidence",
            "--no-log",
            "--time-limit",
            "60",
        ])
        .command
        else {
            panic!("a run");
        };
        let request = RunRequest::new(&args).expect("valid");
        assert_eq!(request.overrides.count, Some(3));
        assert_eq!(request.overrides.tags, ["a"]);
        assert_eq!(request.overrides.confidence, Some(false));
        assert_eq!(request.overrides.time_limit_s, Some(60));
        assert!(!request.log);
    }

    #[test]
    fn a_count_of_zero_is_refused() {
        let Some(Command::Run(args)) = cli(&["run", "--count", "0"]).command else {
            panic!("a run");
        };
        assert_eq!(RunRequest::new(&args), Err(ConfigError::ZeroCount));
    }

    #[test]
    fn a_time_limit_of_zero_never_gets_past_the_parser() {
        let parsed = Cli::try_parse_from(["crossexam", "run", "--time-limit", "0"]);
        assert!(parsed.is_err());
    }

    #[test]
    fn retention_outside_its_range_is_refused() {
        for (value, valid) in [("0.69", false), ("0.7", true), ("0.99", true), ("1", false)] {
            let Some(Command::Practice(args)) = cli(&["practice", "--retention", value]).command
            else {
                panic!("practice");
            };
            assert_eq!(PracticeRequest::new(&args).is_ok(), valid, "{value}");
        }
    }
}
