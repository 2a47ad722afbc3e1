//! `crossexam report`: its arguments, and their conversion into the class
//! report's option types.

use crate::report::class::WhichAttempts;
use crate::report::export::{Format, csv::Table};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

pub const REPORT_ABOUT: &str = "Read the results a class handed in (`crossexam-result/1` files written \
by `run --results`, folders of them, or JSON Lines files with one result a line) and report \
grades with a score histogram; item statistics as Moodle's quiz statistics compute them \
(facility, standard deviation, discrimination, discriminative efficiency; for the test mean, \
median, SD, skewness, kurtosis, Cronbach's alpha, error ratio, standard error) with plain-words \
flags; distractor analysis; and, when the bank is at hand, accuracy per question kind and \
claim, the most common misattributions and discernment. Results of different bank versions or \
presets are reported separately. Damaged, foreign or newer files are named, skipped and \
counted. See docs/report.md.";

pub const REPORT_EXAMPLES: &str = "\
Examples:
  crossexam report results/                                 the class report in the terminal
  crossexam report results/ --format html --out class.html  one page to print or project
  crossexam report a.json b.json class.jsonl --attempts best --format csv --table items
  crossexam report results/ --bank my-bank.json             kinds, claims and speakers of your own bank";

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Result files, folders of them (searched for .json, .jsonl, .ndjson), or JSON Lines files
    #[arg(required = true, value_name = "DIR|FILE")]
    pub inputs: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Which attempts of each learner count
    #[arg(long, value_enum, default_value_t = AttemptsArg::First)]
    pub attempts: AttemptsArg,
    /// The bank the results were taken with (for kinds, claims and speakers);
    /// bundled banks are found by themselves. Repeat for several banks
    #[arg(long = "bank", value_name = "FILE")]
    pub banks: Vec<String>,
    /// With --format csv: which table
    #[arg(long, value_enum, default_value_t = TableArg::Grades)]
    pub table: TableArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Csv,
    Json,
    Html,
}

impl From<FormatArg> for Format {
    fn from(value: FormatArg) -> Self {
        match value {
            FormatArg::Text => Format::Text,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttemptsArg {
    /// every attempt
    All,
    /// each learner's earliest complete attempt
    First,
    /// each learner's latest complete attempt
    Last,
    /// each learner's highest-scoring complete attempt
    Best,
}

impl From<AttemptsArg> for WhichAttempts {
    fn from(value: AttemptsArg) -> Self {
        match value {
            AttemptsArg::All => WhichAttempts::All,
            AttemptsArg::First => WhichAttempts::First,
            AttemptsArg::Last => WhichAttempts::Last,
            AttemptsArg::Best => WhichAttempts::Best,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// one row per counted attempt
    Grades,
    /// one row per item with Moodle's statistics
    Items,
    /// one row per choice of each item
    Choices,
    /// accuracy per question kind and per claim
    Mastery,
    /// one row per learner
    Learners,
}

impl From<TableArg> for Table {
    fn from(value: TableArg) -> Self {
        match value {
            TableArg::Grades => Table::Grades,
            TableArg::Items => Table::Items,
            TableArg::Choices => Table::Choices,
            TableArg::Mastery => Table::Mastery,
            TableArg::Learners => Table::Learners,
        }
    }
}
