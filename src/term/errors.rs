//! Rendering errors and diagnostics, once, in the style of rustc: the
//! message, `--> file:line:col`, the offending line with a caret, and a hint.

use super::clean;
use crate::Error;
use crate::bank::{BankError, Diagnostic};
use crate::quiz::plan::PlanError;
use crate::report::class::{Skipped, read::ReportError};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// The most characters of a source line a diagnostic shows.
const SHOWN_CHARS: usize = 200;

/// Prints one diagnostic with its source line and caret.
pub fn diagnostic(out: &mut dyn Write, diagnostic: &Diagnostic) -> io::Result<()> {
    writeln!(
        out,
        "{}[{}]: {}",
        diagnostic.severity.as_str(),
        diagnostic.rule,
        clean(&diagnostic.message)
    )?;
    writeln!(
        out,
        "  --> {}:{}:{}",
        diagnostic.file, diagnostic.line, diagnostic.column
    )?;
    if !diagnostic.source_line.is_empty() {
        let number = diagnostic.line.to_string();
        let gutter = " ".repeat(number.len());
        let line: Vec<char> = clean(&diagnostic.source_line).chars().collect();
        let caret_at = diagnostic.column.saturating_sub(1).min(line.len());
        // A long line (minified JSON) is shown as a window around the caret.
        let start = if line.len() > SHOWN_CHARS {
            caret_at
                .saturating_sub(SHOWN_CHARS / 2)
                .min(line.len() - SHOWN_CHARS)
        } else {
            0
        };
        let end = (start + SHOWN_CHARS).min(line.len());
        let before = if start > 0 { "\u{2026}" } else { "" };
        let after = if end < line.len() { "\u{2026}" } else { "" };
        let shown: String = line[start..end].iter().collect();
        // Wide characters (CJK, emoji) take two columns, combining marks none.
        let width: usize = line[start..caret_at]
            .iter()
            .map(|c| c.width().unwrap_or(0))
            .sum();
        let pad = " ".repeat(before.chars().count() + width);
        writeln!(out, "{gutter} |")?;
        writeln!(out, "{number} | {before}{shown}{after}")?;
        writeln!(out, "{gutter} | {pad}^")?;
    }
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "  = hint: {}", clean(hint))?;
    }
    Ok(())
}

/// Prints an error and what to do about it.
pub fn render(out: &mut dyn Write, error: &Error) -> io::Result<()> {
    match error {
        Error::Bank(BankError::Invalid { file, diagnostics }) => {
            for item in diagnostics {
                diagnostic(out, item)?;
                writeln!(out)?;
            }
            let count = diagnostics.len();
            writeln!(
                out,
                "error: {file} cannot be used: {count} problem{} (run `crossexam check {file}` for the full report)",
                if count == 1 { "" } else { "s" }
            )
        }
        Error::Bank(BankError::UnknownBundled { name, available }) => {
            writeln!(
                out,
                "error: no bank file or bundled bank is called `{}`",
                clean(name)
            )?;
            writeln!(
                out,
                "  = hint: give a path to a .json bank, or one of: {}",
                available.join(", ")
            )
        }
        Error::Bank(BankError::TooLarge { .. }) => {
            writeln!(out, "error: {error}")?;
            writeln!(
                out,
                "  = hint: a bank is a hand-written JSON file; check that this is the right file"
            )
        }
        Error::Plan(PlanError::UnknownPreset { preset, available }) => {
            writeln!(
                out,
                "error: the bank has no quiz preset `{}`",
                clean(preset)
            )?;
            if available.is_empty() {
                writeln!(
                    out,
                    "  = hint: this bank defines no presets; leave out --quiz"
                )
            } else {
                writeln!(out, "  = hint: presets: {}", available.join(", "))
            }
        }
        Error::Plan(PlanError::TooFew { matching, .. }) => {
            writeln!(out, "error: {error}")?;
            writeln!(
                out,
                "  = hint: use --count {matching} or less, or widen --tag / --kind"
            )
        }
        Error::Plan(PlanError::NoneMatch) => {
            writeln!(out, "error: {error}")?;
            writeln!(
                out,
                "  = hint: `crossexam list` shows the presets; check the spelling of --tag and --kind"
            )
        }
        Error::Script(script) => {
            writeln!(out, "error: {}", clean(&script.to_string()))?;
            writeln!(
                out,
                "  = hint: one answer a line in question order (see `crossexam run --plan`); an empty line or - skips"
            )
        }
        Error::Import(crate::formats::ImportError::Invalid { file, diagnostics }) => {
            for item in diagnostics {
                diagnostic(out, item)?;
                writeln!(out)?;
            }
            writeln!(out, "error: {}", clean(&error.to_string()))?;
            writeln!(
                out,
                "  = hint: nothing was written; fix the lines above in {} and run the import again",
                clean(file)
            )
        }
        Error::Store(store) => {
            writeln!(out, "error: {}", clean(&store.to_string()))?;
            match store.hint() {
                Some(hint) => writeln!(out, "  = hint: {}", clean(&hint)),
                None => Ok(()),
            }
        }
        Error::TextFile(text_file) => {
            writeln!(out, "error: {}", clean(&text_file.to_string()))?;
            writeln!(out, "  = hint: {}", text_file.hint())
        }
        Error::Usage { message, hint } => {
            writeln!(out, "error: {}", clean(message))?;
            match hint {
                Some(hint) => writeln!(out, "  = hint: {}", clean(hint)),
                None => Ok(()),
            }
        }
        Error::Report(ReportError::NoResults { skipped }) => {
            writeln!(out, "error: {error}")?;
            skipped_files(out, skipped)?;
            writeln!(
                out,
                "  = hint: give the result files written by `crossexam run --results`, a folder of them, or a JSON Lines file of results"
            )
        }
        other => writeln!(out, "error: {}", clean(&other.to_string())),
    }
}

/// The files a report left out, one a line, as a warning (the report goes on).
pub fn skipped_files(out: &mut dyn Write, skipped: &[Skipped]) -> io::Result<()> {
    for file in skipped {
        writeln!(
            out,
            "warning: skipped {}: {}",
            clean(&file.source),
            clean(&file.reason)
        )?;
    }
    Ok(())
}
