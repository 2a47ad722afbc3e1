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

/// Prints one diagnostic with its source line (from `text`, the file's
/// text its offset points into) and a caret.
pub fn diagnostic(out: &mut dyn Write, diagnostic: &Diagnostic, text: &str) -> io::Result<()> {
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
        clean(&diagnostic.file),
        diagnostic.line,
        diagnostic.column
    )?;
    let (before_caret, after_caret, cut_before, cut_after) = window(text, diagnostic);
    if !(before_caret.is_empty() && after_caret.is_empty()) {
        let number = diagnostic.line.to_string();
        let gutter = " ".repeat(number.len());
        let before = if cut_before { "\u{2026}" } else { "" };
        let after = if cut_after { "\u{2026}" } else { "" };
        // Wide characters (CJK, emoji) take two columns, combining marks none.
        let width: usize = clean(before_caret)
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum();
        let pad = " ".repeat(before.chars().count() + width);
        writeln!(out, "{gutter} |")?;
        writeln!(
            out,
            "{number} | {before}{}{}{after}",
            clean(before_caret),
            clean(after_caret)
        )?;
        writeln!(out, "{gutter} | {pad}^")?;
    }
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "  = hint: {}", clean(hint))?;
    }
    Ok(())
}

/// At most [`SHOWN_CHARS`] characters of the diagnostic's line around its
/// caret (a long line, such as minified JSON, is shown as a window): the
/// part before the caret, the part from it, and whether the line goes on
/// before or after. Costs the window, not the line.
fn window<'t>(text: &'t str, diagnostic: &Diagnostic) -> (&'t str, &'t str, bool, bool) {
    use crate::bank::spans::floor_char_boundary;
    let offset = floor_char_boundary(text, diagnostic.offset);
    let horizon = floor_char_boundary(text, offset.saturating_add(4 * SHOWN_CHARS + 4));
    let ahead = &text[offset..horizon];
    let (rest_of_line, mut cut_after) = match ahead.find('\n') {
        Some(end) => (ahead[..end].trim_end_matches('\r'), false),
        None if horizon < text.len() => (ahead, true),
        None => (ahead.trim_end_matches('\r'), false),
    };
    let after_count = rest_of_line.chars().take(SHOWN_CHARS + 1).count();
    let chars_before = diagnostic.column.saturating_sub(1);
    let before_wanted = (SHOWN_CHARS / 2)
        .max(SHOWN_CHARS.saturating_sub(after_count))
        .min(chars_before);
    let start = text[..offset]
        .char_indices()
        .rev()
        .take(before_wanted)
        .last()
        .map_or(offset, |(at, _)| at);
    let after_caret = match rest_of_line.char_indices().nth(SHOWN_CHARS - before_wanted) {
        Some((at, _)) => {
            cut_after = true;
            &rest_of_line[..at]
        }
        None => rest_of_line,
    };
    (
        &text[start..offset],
        after_caret,
        before_wanted < chars_before,
        cut_after,
    )
}

/// Prints an error and what to do about it.
pub fn render(out: &mut dyn Write, error: &Error) -> io::Result<()> {
    match error {
        Error::Bank(BankError::Invalid {
            file,
            text,
            diagnostics,
        }) => {
            let file = clean(file);
            for item in diagnostics {
                diagnostic(out, item, text)?;
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
        Error::Import(crate::formats::ImportError::Invalid {
            file,
            text,
            diagnostics,
        }) => {
            for item in diagnostics {
                diagnostic(out, item, text)?;
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
