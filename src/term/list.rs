//! The `list` screen: each bank with its question counts and quiz presets,
//! or why it cannot be loaded. The figures come from
//! [`crate::quiz::presets`]; this only words them.

use super::render::{minutes_seconds, number, wrap_indented};
use crate::bank::{BankError, FeedbackMode};
use crate::quiz::presets::{BankFigures, PresetFigures};
use std::io::{self, Write};

/// A bank that loads: `name  Title · N questions (…)`, then its presets.
pub fn bank(out: &mut dyn Write, name: &str, title: &str, figures: &BankFigures) -> io::Result<()> {
    let gave_way = match figures.gave_way {
        0 => String::new(),
        count => format!("; {count} more generated gave way to authored ones"),
    };
    wrap_indented(
        out,
        &format!(
            "{name}  {title} · {} questions ({} authored, {} generated{gave_way})",
            figures.questions, figures.authored, figures.generated
        ),
        "",
        "  ",
    )?;
    for preset in &figures.presets {
        preset_line(out, preset)?;
    }
    Ok(())
}

fn preset_line(out: &mut dyn Write, figures: &PresetFigures) -> io::Result<()> {
    let preset = figures.preset;
    let default = if figures.is_default { " (default)" } else { "" };
    let mut settings = String::new();
    if preset.feedback == Some(FeedbackMode::End) {
        settings.push_str(" · feedback at the end");
    }
    if let Some(mark) = preset.pass_mark {
        settings.push_str(&format!(" · pass mark {}%", number(mark * 100.0)));
    }
    if preset.confidence == Some(true) {
        settings.push_str(" · confidence marking");
    }
    // As the start screen says them: "time limit 5:00 · 0:20 a question".
    if let Some(limit) = preset.time_limit_s {
        settings.push_str(&format!(" · time limit {}", minutes_seconds(limit)));
    }
    if let Some(limit) = preset.question_time_limit_s {
        settings.push_str(&format!(" · {} a question", minutes_seconds(limit)));
    }
    wrap_indented(
        out,
        &format!(
            "--quiz {}{default}: {} · {} of {} questions{settings}",
            preset.id, preset.title, figures.count, figures.matching
        ),
        "    ",
        "      ",
    )
}

/// A bank that cannot be loaded; `check_name` is `name` as a shell word,
/// for the `crossexam check` command that shows an invalid bank's problems.
pub fn unloadable(
    out: &mut dyn Write,
    name: &str,
    error: &BankError,
    check_name: &str,
) -> io::Result<()> {
    let text = match error {
        BankError::Invalid { .. } => {
            format!("{name}  cannot be loaded: {error} (`crossexam check {check_name}` shows them)")
        }
        _ => format!("{name}  cannot be loaded: {error}"),
    };
    wrap_indented(out, &text, "", "  ")
}
