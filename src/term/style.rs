//! How output looks in this run, decided once at start-up: colour (by
//! anstream from `--color`, `NO_COLOR`, `CLICOLOR_FORCE`, `TERM` and whether
//! stdout is a terminal), `--plain` for screen readers (no colour, no
//! symbols, no redraws), live redraws (a countdown in the prompt, a progress
//! bar) and the wrapping width. Rendering asks [`look`]; it never probes the
//! terminal itself.

use anstyle::{AnsiColor, Style};
use std::sync::OnceLock;

/// What this run's output may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    /// Colour and emphasis (escape codes) on stdout.
    pub color: bool,
    /// `--plain`: words only, one thing a line, nothing redrawn.
    pub plain: bool,
    /// Redraw in place (countdown, progress bar): a colour terminal on both ends, not plain.
    pub live: bool,
    /// The wrapping width (0 until [`init`]: renderers then use their default).
    pub width: usize,
}

static LOOK: OnceLock<Look> = OnceLock::new();

/// Decides the look of this run (the first call wins; later ones are ignored).
pub fn init(choice: anstream::ColorChoice, plain: bool) {
    use std::io::IsTerminal;
    let choice = if plain {
        anstream::ColorChoice::Never
    } else {
        choice
    };
    let color = !matches!(
        anstream::AutoStream::new(std::io::stdout(), choice).current_choice(),
        anstream::ColorChoice::Never
    );
    let live = color && !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let width = if std::io::stdout().is_terminal() {
        Some(textwrap::termwidth())
    } else {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|text| text.trim().parse().ok())
    }
    .map_or(0, |columns: usize| columns.saturating_sub(1).clamp(40, 100));
    let _ = LOOK.set(Look {
        color,
        plain,
        live,
        width,
    });
}

/// The look of this run (no colour, not plain, nothing live, until [`init`]).
pub fn look() -> Look {
    LOOK.get().copied().unwrap_or_default()
}

pub const RIGHT: Style = AnsiColor::Green.on_default().bold();
pub const WRONG: Style = AnsiColor::Red.on_default().bold();
pub const PARTLY: Style = AnsiColor::Yellow.on_default().bold();
pub const SKIPPED: Style = Style::new().bold();
pub const HEADING: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// `text` in `style` when colour is on, else as is.
pub fn paint(style: Style, text: &str) -> String {
    if look().color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}
