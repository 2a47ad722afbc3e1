//! Command-line definitions (clap) and the conversion of arguments into the
//! library's option types. No logic beyond parsing lives here.

use crate::bank::{FeedbackMode, QuestionKind, Template};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

mod report;
pub use report::*;

/// Exit codes, shown in `--help` and documented in the README.
pub const EXIT_CODES: &str = "\
Examples:
  crossexam                      a quiz on the bundled bank
  crossexam practice             spaced-repetition practice
  crossexam check bank.json      check a bank you wrote

Exit codes:
  0    success
  1    ran but failed: a pass mark was missed, or `check` found errors
  2    usage or input error (bad flags, unreadable or invalid bank, malformed answers,
       a damaged or unreadable progress database)
  130  interrupted with Ctrl-C (a summary is still shown)

Environment:
  CROSSEXAM_NOW       fix the clock to an RFC 3339 time (tests and demonstrations)
  CROSSEXAM_DATA_DIR  where progress and interrupted quizzes are kept (--data-dir overrides it)
  TZ                  the time zone of the learner's calendar days (default: the system's)
  NO_COLOR            no colour (under --color auto); CLICOLOR_FORCE: colour even into a pipe
  COLUMNS             the wrapping width when stdout is not a terminal";

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
    /// When to use colour: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE forces it), always, never
    #[allow(clippy::doc_markdown)] // `--help` text, where backticks would show
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,
    /// Plain output for screen readers: no colour or symbols, nothing redrawn, the verdict in words
    #[arg(long, global = true)]
    pub plain: bool,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// colour on a terminal that supports it
    Auto,
    /// always colour
    Always,
    /// never colour
    Never,
}

impl From<ColorArg> for anstream::ColorChoice {
    fn from(value: ColorArg) -> Self {
        match value {
            ColorArg::Auto => anstream::ColorChoice::Auto,
            ColorArg::Always => anstream::ColorChoice::Always,
            ColorArg::Never => anstream::ColorChoice::Never,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a randomized quiz (the default command)
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Show a bank's source and briefing: read this before the quiz
    #[command(after_help = READ_EXAMPLES)]
    Read {
        /// A bank file or the id of a bundled bank (default: the bundled interview bank)
        bank: Option<String>,
        /// Also print the report itself from this plain-text file (banks quote
        /// only short phrases; the report comes from your teacher)
        #[arg(long, value_name = "REPORT.txt")]
        source: Option<PathBuf>,
    },
    /// List bundled banks, and the banks in DIR, with their presets
    #[command(after_help = LIST_EXAMPLES)]
    List {
        /// A directory of bank files
        dir: Option<PathBuf>,
    },
    /// Check banks for errors and weak items; every problem at once, with its position
    #[command(long_about = CHECK_ABOUT, after_help = CHECK_EXIT_CODES)]
    Check(CheckArgs),
    /// Print the JSON Schema of bank format v1 (for editors and validators)
    #[command(long_about = SCHEMA_ABOUT, after_help = SCHEMA_EXAMPLES)]
    Schema,
    /// Print generated questions as JSON, ready to copy into a bank's `questions`
    #[command(long_about = GENERATE_ABOUT, after_help = GENERATE_EXAMPLES)]
    Generate(GenerateArgs),
    /// Print a bank's claims table as a handout (text or markdown)
    #[command(long_about = CLAIMS_ABOUT, after_help = CLAIMS_EXAMPLES)]
    Claims(ClaimsArgs),
    /// Draft a bank from a plain-text report, to review and finish by hand
    #[command(long_about = DRAFT_ABOUT, after_help = DRAFT_EXAMPLES)]
    Draft(DraftArgs),
    /// Write a starter bank NAME.json with one example of every question type
    #[command(long_about = NEW_ABOUT, after_help = NEW_EXAMPLES)]
    New {
        /// The bank's file name (`.json` is added) and id
        name: String,
    },
    /// Practise with spaced repetition (FSRS): due reviews first, then new questions
    #[command(long_about = PRACTICE_ABOUT, after_help = PRACTICE_EXAMPLES)]
    Practice(PracticeArgs),
    /// Ask again the questions you got wrong in the last 30 days, until each is right
    #[command(long_about = REVIEW_ABOUT, after_help = REVIEW_EXAMPLES)]
    Review(ReviewArgs),
    /// Show your progress per bank: in practice, mature, due, retention, accuracy
    #[command(long_about = PROGRESS_ABOUT, after_help = PROGRESS_EXAMPLES)]
    Progress(ProgressArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout
    #[command(after_help = "Example:\n  crossexam man > crossexam.1 && man ./crossexam.1")]
    Man,
    /// Import questions from another format (Moodle GIFT) into a new bank
    #[command(long_about = IMPORT_ABOUT, after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Export a bank for an LMS (GIFT, Moodle XML, QTI 2.1) or as a printable handout
    #[command(long_about = EXPORT_ABOUT, after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Report on a class's collected results: grades, item statistics, mastery
    #[command(long_about = REPORT_ABOUT, after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
}

const IMPORT_ABOUT: &str = "Import a Moodle GIFT file into a new bank: every GIFT question type \
crossexam can score (multiple choice with weights and feedback, multiple answer, true/false, \
short answer, numeric with margins, ranges and partial credit, matching, missing word). \
Essays and descriptions are reported with their line and kept as notes in the bank \
(\"x-gift-set-aside\"). GIFT has no claims table: add source, actors and claims, then run \
`crossexam check`. Writes BANK.json beside the GIFT file unless --out is given; never \
replaces a file without --force.";

const EXPORT_ABOUT: &str = "Export a bank: `gift` and `moodle-xml` for Moodle's question bank, \
`qti` for a QTI 2.1 content package (Canvas, Blackboard, Brightspace), `markdown` for a \
printable handout that gives no answers away (--key adds the answer key and the claims \
table). Questions a format cannot hold are listed, never dropped silently. Prints text \
formats to stdout unless --out is given; the QTI package needs --out. Never replaces a \
file without --force. See docs/lms.md for what each format keeps.";

const IMPORT_EXAMPLES: &str = "\
Example:
  crossexam import gift their-quiz.gift --out their-quiz.json && crossexam check their-quiz.json";

const EXPORT_EXAMPLES: &str = "\
Examples:
  crossexam export my-bank.json --to moodle-xml --out my-bank.xml
  crossexam export my-bank.json --to qti --out my-bank.zip
  crossexam export my-bank.json --to markdown --key > teacher.md";

/// Which format `import` reads (flag values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Moodle GIFT text
    Gift,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The input format
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The file to import
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the bank (default: FILE with .json)
    #[arg(long, value_name = "BANK.json")]
    pub out: Option<PathBuf>,
    /// Replace an existing output file
    #[arg(long)]
    pub force: bool,
}

/// Which format `export` writes (flag values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Moodle GIFT text
    Gift,
    /// Moodle XML
    MoodleXml,
    /// an IMS QTI 2.1 content package (zip)
    Qti,
    /// a printable Markdown handout
    Markdown,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// A bank file or the id of a bundled bank
    pub bank: String,
    /// The output format
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: ExportFormat,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Replace an existing output file
    #[arg(long)]
    pub force: bool,
    /// Markdown: add the answer key and the claims table (not for students)
    #[arg(long)]
    pub key: bool,
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  crossexam completions bash > ~/.local/share/bash-completion/completions/crossexam
  crossexam completions zsh > ~/.zfunc/_crossexam     # with fpath+=~/.zfunc in ~/.zshrc
  crossexam completions fish > ~/.config/fish/completions/crossexam.fish
  crossexam completions powershell >> $PROFILE";

const RUN_EXAMPLES: &str = "\
Examples:
  crossexam run                                   the bundled bank's default quiz
  crossexam run --quiz exam --learner ana --results results/
  crossexam run bank.json --count 10 --time-limit 600 --seed 42
  crossexam run bank.json --answers answers.txt --json   scripted, one answer a line
  crossexam run --resume                          continue an interrupted quiz";

const READ_EXAMPLES: &str = "\
Examples:
  crossexam read
  crossexam read bank.json --source report.txt";

const LIST_EXAMPLES: &str = "\
Examples:
  crossexam list
  crossexam list banks/";

const SCHEMA_EXAMPLES: &str = "\
Example:
  crossexam schema > bank-v1.schema.json";

const GENERATE_EXAMPLES: &str = "\
Examples:
  crossexam generate bank.json --template who-said
  crossexam generate bank.json --claim savings > generated.json";

const CLAIMS_EXAMPLES: &str = "\
Examples:
  crossexam claims bank.json --format markdown > claims.md
  crossexam claims bank.json --student";

const DRAFT_EXAMPLES: &str = "\
Example:
  crossexam draft report.txt --out draft.json && crossexam check draft.json";

const NEW_EXAMPLES: &str = "\
Example:
  crossexam new my-bank && crossexam check my-bank.json";

const PRACTICE_EXAMPLES: &str = "\
Examples:
  crossexam practice
  crossexam practice bank.json --new 5 --learner ana
  crossexam practice --cram";

const REVIEW_EXAMPLES: &str = "\
Example:
  crossexam review bank.json --learner ana";

const PROGRESS_EXAMPLES: &str = "\
Examples:
  crossexam progress
  crossexam progress asif-cnn-interview --json";

const PRACTICE_ABOUT: &str = "Practise a bank with spaced repetition (FSRS-6, default parameters): the \
reviews due today first (at most --limit), then up to --new questions never seen (a daily \
allowance), with feedback after each answer. The grade is derived from the answer, never \
asked: wrong or skipped is Again, partly right Hard, right Good, and right with ` !3` \
(sure) Easy; the screen says when the question comes back. When nothing is due it says \
when the next review is and offers extra practice that does not change the schedule \
(--cram starts it at once). Every answer is saved at once in the progress database.";

const REVIEW_ABOUT: &str = "Ask again the questions you got wrong (or skipped, or got partly right) in \
quizzes and practice of the last 30 days and have not answered right since. A question \
comes back in the same session until you answer it right once. Does not change the \
practice schedule.";

const PROGRESS_ABOUT: &str = "Show, per bank you have used: questions in practice (those answered in `practice` at least once; quiz answers count in accuracy, not here), mature (an interval of 21 \
days or more), due today and this week; retention over the last 30 days; answers per day; \
accuracy per question kind and per claim with your weak spots; and whether the bank is \
mastered. --json gives the same per item (due day, stability, difficulty, state) with the \
review log, so the schedule can be checked from outside.";

/// Where progress is kept (shared by practice, review, progress and run).
#[allow(clippy::doc_markdown)] // the doc comments are `--help` text, where backticks would show
#[derive(Debug, Clone, Default, Args)]
pub struct DataDirArg {
    /// Keep progress in DIR (default: CROSSEXAM_DATA_DIR, else the platform's data directory)
    #[arg(long = "data-dir", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct PracticeArgs {
    /// A bank file or the id of a bundled bank (default: the bundled interview bank)
    pub bank: Option<String>,
    /// Who is practising (default: the operating-system user)
    #[arg(long, value_name = "NAME")]
    pub learner: Option<String>,
    /// New questions a day, at most
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub new: usize,
    /// Due reviews in one session, at most
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    /// Desired retention: the chance of recalling an item when it falls due, 0.70..0.99
    #[arg(long, value_name = "R", default_value_t = 0.9)]
    pub retention: f64,
    /// Extra practice now, weakest questions first; does not change the schedule
    #[arg(long)]
    pub cram: bool,
    #[command(flatten)]
    pub data: DataDirArg,
}

#[derive(Debug, Clone, Args)]
pub struct ReviewArgs {
    /// A bank file or the id of a bundled bank (default: the bundled interview bank)
    pub bank: Option<String>,
    /// Whose mistakes (default: the operating-system user)
    #[arg(long, value_name = "NAME")]
    pub learner: Option<String>,
    #[command(flatten)]
    pub data: DataDirArg,
}

#[derive(Debug, Clone, Args)]
pub struct ProgressArgs {
    /// Only this bank (a file, a bundled id, or a bank id)
    pub bank: Option<String>,
    /// Whose progress (default: the operating-system user)
    #[arg(long, value_name = "NAME")]
    pub learner: Option<String>,
    /// Print every item's schedule and the review log as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataDirArg,
}

const SCHEMA_ABOUT: &str = "Print the JSON Schema (draft 2020-12) of bank format v1, generated from the \
engine's own types. Save it and point a bank's \"$schema\" key at it, and editors will \
complete and check fields as you type; the engine ignores that key.";

const GENERATE_ABOUT: &str = "Print generated questions as a JSON array a trainer can copy into the bank's \
`questions` and edit. Without filters it prints all four templates: who-said, \
evidence-offered and support over every claim, and evasion over every exchange, \
whatever the bank's `generate` lists. Each question keeps its id \
(gen-<template>-<id>), so an edited copy replaces the generated one, and carries \
`generated_from` with the claim's or exchange's hash, so `check` flags the copy \
when its claim changes.";

const CLAIMS_ABOUT: &str = "Print the claims table: who said what, through whom, how it is attributed, \
the report's wording, the evidence offered, what the report shows, and which \
claims counter it on what point. --student leaves out everything any question of \
the bank asks (statement kind, evidence, support, counters and context; who said it \
and through whom when attribution is asked; a claim's paraphrase when a paraphrase \
item asks for one) and keeps the report's wording, for a class to work out. \
Without BANK, the bundled interview bank.";

const DRAFT_ABOUT: &str = "Draft a bank from a plain-text report: one claim per attributed statement \
(said, claimed, denied, warned, offered, accused, admitted, questioned, \
according to, ...) and per sentence in the report's own voice, with the speaker, \
attribution, statement kind and the report's wording guessed, and exchanges for \
'when asked ...' questions. Every guess to check carries an \"x-review\" note \
(authors' data, ignored by the engine); delete each note once checked. The \
draft loads as is, with who-said and evidence-offered generators so it can be \
tried at once. Prints to stdout unless --out is given.";

const NEW_ABOUT: &str = "Write a starter bank NAME.json: a small fictional example with a filled claims \
table, one exchange, one question of every type, generators and quiz presets, to \
edit into your own. Refuses to replace an existing file (exit 2).";

/// Which generator templates `generate` prints (flag values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateArg {
    /// "Who said that ...?" over claims
    WhoSaid,
    /// "What evidence does the report mention for ...?" over claims
    EvidenceOffered,
    /// "What does the report itself show for this?" over claims
    Support,
    /// "When asked ..., did X answer the question?" over exchanges
    Evasion,
}

impl From<TemplateArg> for Template {
    fn from(value: TemplateArg) -> Self {
        match value {
            TemplateArg::WhoSaid => Template::WhoSaid,
            TemplateArg::EvidenceOffered => Template::EvidenceOffered,
            TemplateArg::Support => Template::Support,
            TemplateArg::Evasion => Template::Evasion,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// A bank file or the id of a bundled bank
    pub bank: String,
    /// Every template over every claim and exchange, not only the bank's own generators
    #[arg(long)]
    pub all: bool,
    /// Only this template (repeat for several; default: all four)
    #[arg(long = "template", value_enum, value_name = "T")]
    pub templates: Vec<TemplateArg>,
    /// Only questions about this claim (repeat for several)
    #[arg(long = "claim", value_name = "ID")]
    pub claims: Vec<String>,
    /// Only questions about this exchange (repeat for several)
    #[arg(long = "exchange", value_name = "ID")]
    pub exchanges: Vec<String>,
}

/// How `claims` prints the table (flag values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ClaimsFormat {
    /// wrapped blocks to read on screen or print
    #[default]
    Text,
    /// a markdown table plus a counters section
    Markdown,
}

#[derive(Debug, Clone, Args)]
pub struct ClaimsArgs {
    /// A bank file or the id of a bundled bank (default: the bundled interview bank)
    pub bank: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Text)]
    pub format: ClaimsFormat,
    /// Leave out everything the bank's questions ask (who said it and through whom when
    /// attribution is asked, paraphrased claims, statement kind, evidence, support, counters, context)
    #[arg(long)]
    pub student: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DraftArgs {
    /// The report as a plain-text (UTF-8) file
    pub report: PathBuf,
    /// Write the draft bank to FILE instead of printing it
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
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
    /// The bank's quiz preset to run (default: the bank's `default_quiz`)
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
    #[arg(long = "time-limit", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=604_800))]
    pub time_limit: Option<u64>,
    /// Pass mark as a fraction of the points (0.7) or a percentage (70%)
    #[arg(long = "pass-mark", value_name = "F", value_parser = parse_pass_mark)]
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
    /// Let --results replace a file that is not a previous crossexam result
    #[arg(long, requires = "results")]
    pub force: bool,
    /// Continue the interrupted quiz of this learner (on BANK, else the latest); answers given are kept
    #[arg(long, conflicts_with_all = [
        "quiz", "count", "tags", "kinds", "seed", "feedback", "time_limit", "pass_mark",
        "confidence", "no_confidence", "answers", "plan",
    ])]
    pub resume: bool,
    /// Start a new quiz even though this learner has an unfinished one on the bank (the unfinished one is deleted)
    #[arg(long, conflicts_with_all = ["resume", "answers", "plan"])]
    pub discard: bool,
    /// Do not record the answers in the learner's progress database (scripted runs with --answers are recorded only when --learner is given)
    #[arg(long = "no-log")]
    pub no_log: bool,
    #[command(flatten)]
    pub data: DataDirArg,
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
        let names: Vec<&str> = QuestionKind::ALL.iter().map(|kind| kind.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// A pass mark as a fraction (`0.7`) or a percentage (`70%`).
fn parse_pass_mark(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(percent) => (percent.trim(), 100.0),
        None => (trimmed, 1.0),
    };
    match number.parse::<f64>() {
        Ok(value) if (0.0..=1.0).contains(&(value / scale)) => Ok(value / scale),
        Ok(_) => Err(format!(
            "`{text}` is outside 0..1: write a fraction like 0.7 or a percentage like 70%"
        )),
        Err(_) => Err(format!(
            "`{text}` is not a pass mark: write a fraction like 0.7 or a percentage like 70%"
        )),
    }
}

fn parse_seed(text: &str) -> Result<u64, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "`{text}` is not a seed: use a whole number from 0 to {}",
            u64::MAX
        )
    })
}

const CHECK_ABOUT: &str = "Check banks and print every problem at once: severity, rule id, \
file:line:col, the line with a caret under the spot, and a hint. Errors make a bank wrong \
(a broken reference, a question with no right answer, wording the source does not contain \
with --source); warnings make it weak (no feedback, a length cue, cynicism bias); notes \
list the authors' `x-review` entries. Accept a warning on purpose with \
\"lint_allow\": [{\"rule\": \"…\", \"reason\": \"…\"}] on the question, claim, exchange or \
bank. `--explain RULE` says what a rule checks, why, and how to fix or allow it.";

const CHECK_EXIT_CODES: &str = "\
Examples:
  crossexam check bank.json
  crossexam check banks/*.json --source report.txt --deny warnings
  crossexam check --explain length-cue

Exit codes:
  0    no errors (warnings and notes are only listed)
  1    errors, or warnings with --deny warnings
  2    a file cannot be read or is not JSON at all (the highest code of all files wins)";

/// `crossexam check` arguments.
#[derive(Debug, Clone, Default, Args)]
pub struct CheckArgs {
    /// Bank files to check
    #[arg(value_name = "BANK", required_unless_present = "explain")]
    pub banks: Vec<PathBuf>,
    /// The report the banks are built from: every `report_wording` phrase must appear in it
    #[arg(long, value_name = "REPORT.txt")]
    pub source: Option<PathBuf>,
    /// Make warnings fail the check too (exit 1)
    #[arg(long, value_enum, value_name = "warnings")]
    pub deny: Option<DenyLevel>,
    /// Output: diagnostics with carets, or a JSON array of {severity, rule, file, line, column, message, hint}
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Explain a rule: what it checks, why, how to fix it and how to allow it
    #[arg(long, value_name = "RULE", conflicts_with_all = ["banks", "source", "deny"])]
    pub explain: Option<String>,
}

/// What `--deny` turns into failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    /// warnings fail the check like errors
    Warnings,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics with the source line and a caret
    #[default]
    Human,
    /// one JSON array of diagnostics for all files
    Json,
}
