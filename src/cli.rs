//! Command-line definitions (clap) and the conversion of arguments into the
//! library's option types. No logic beyond parsing lives here.

use crate::bank::{FeedbackMode, QuestionKind};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit codes, shown in `--help` and documented in the README.
pub const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    ran but failed: a pass mark was missed, or `check` found errors
  2    usage or input error (bad flags, unreadable or invalid bank, malformed answers)
  130  interrupted with Ctrl-C (a summary is still shown)

Environment:
  CROSSEXAM_NOW   fix the clock to an RFC 3339 time (tests and demonstrations)";

#[derive(Debug, Parser)]
#[command(
    name = "crossexam",
    version,
    about = "Quizzes and practice on who claimed what, and on what evidence.",
    long_about = "Quizzes and practice on who claimed what, and on what evidence.\n\nWith no command, runs a quiz on the bundled interview bank.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a randomized quiz (the default command)
    Run(RunArgs),
    /// Show a bank's source and briefing: read this before the quiz
    Read {
        /// A bank file or the id of a bundled bank (default: the bundled interview bank)
        bank: Option<String>,
    },
    /// List bundled banks, and the banks in DIR, with their presets
    List {
        /// A directory of bank files
        dir: Option<PathBuf>,
    },
}

/// When feedback is shown (flag values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FeedbackArg {
    /// after each answer
    Immediate,
    /// all at the end (exam mode)
    End,
}

impl From<FeedbackArg> for FeedbackMode {
    fn from(value: FeedbackArg) -> Self {
        match value {
            FeedbackArg::Immediate => FeedbackMode::Immediate,
            FeedbackArg::End => FeedbackMode::End,
        }
    }
}

#[derive(Debug, Clone, Default, Args)]
pub struct RunArgs {
    /// A bank file or the id of a bundled bank (default: the bundled interview bank)
    pub bank: Option<String>,
    /// The bank's quiz preset to run (default: the bank's default_quiz)
    #[arg(long, value_name = "PRESET")]
    pub quiz: Option<String>,
    /// How many questions to draw
    #[arg(long, value_name = "N")]
    pub count: Option<usize>,
    /// Only questions with this tag (repeat for any of several)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Only questions of this kind (repeat for any of several), e.g. who-said
    #[arg(long = "kind", value_name = "K", value_parser = parse_kind)]
    pub kinds: Vec<QuestionKind>,
    /// The shuffling seed (shown on every quiz, so a class can replay it)
    #[arg(long, value_name = "S", value_parser = parse_seed)]
    pub seed: Option<u64>,
    /// When to show feedback
    #[arg(long, value_enum)]
    pub feedback: Option<FeedbackArg>,
    /// Whole-quiz time limit in seconds
    #[arg(long = "time-limit", value_name = "SECONDS")]
    pub time_limit: Option<u64>,
    /// Pass mark as a fraction of the points, 0..1
    #[arg(long = "pass-mark", value_name = "F")]
    pub pass_mark: Option<f64>,
    /// Confidence-based marking: add !1, !2 or !3 to each answer
    #[arg(long, overrides_with = "no_confidence")]
    pub confidence: bool,
    /// Turn confidence-based marking off even where the preset has it
    #[arg(long = "no-confidence", overrides_with = "confidence")]
    pub no_confidence: bool,
    /// Who is taking the quiz (default: the operating-system user)
    #[arg(long, value_name = "NAME")]
    pub learner: Option<String>,
    /// Take answers from FILE (or - for stdin), one a line, in question order; draws no prompts
    #[arg(long, value_name = "FILE")]
    pub answers: Option<String>,
    /// Print the quiz that would be asked, without asking it
    #[arg(long)]
    pub plan: bool,
    /// Print the plan or the result as JSON on stdout
    #[arg(long)]
    pub json: bool,
    /// Write the result atomically to FILE, or to a new file in DIR
    #[arg(long, value_name = "FILE|DIR")]
    pub results: Option<PathBuf>,
}

impl RunArgs {
    /// `Some(true)` for --confidence, `Some(false)` for --no-confidence.
    pub fn confidence_override(&self) -> Option<bool> {
        match (self.confidence, self.no_confidence) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

fn parse_kind(text: &str) -> Result<QuestionKind, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        "expected one of who-said, paraphrase, evidence-offered, evidence-kind, support, what-would-prove, fact-claim-opinion, attribution-verb, counterclaim, source-interest, next-move, context, evasion".to_string()
    })
}

fn parse_seed(text: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a seed: use a whole number from 0 to {}", u64::MAX))
}
