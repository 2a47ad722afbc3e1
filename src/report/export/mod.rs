//! The class report written out: text for the terminal, CSV for
//! spreadsheets, JSON for programs, and one self-contained HTML page.

pub mod csv;
pub mod html;
pub mod text;

use super::class::ClassReport;
use std::io::{self, Write};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Csv,
    Json,
    Html,
}

/// Writes the report as JSON (`crossexam-class-report/1`).
pub fn json(out: &mut dyn Write, report: &ClassReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::from)?;
    writeln!(out)
}

/// A figure with `decimals` places, or a dash when there is none.
pub(crate) fn figure(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(
        || "—".to_string(),
        |value| format!("{:.decimals$}", value + 0.0),
    )
}
