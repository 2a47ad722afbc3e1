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

/// Decides the look of this run (the first call wins; later ones are
/// ignored); `columns` is `COLUMNS`, the width used when stdout is not a terminal.
pub fn init(choice: anstream::ColorChoice, plain: bool, columns: Option<usize>) {
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
        columns
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

/// A progress bar on stderr for long work over `len` things (checking many
/// banks): hidden for fewer than two, when stderr is not a terminal, or
/// with `--plain`, so it never mixes into piped output or results.
pub fn work_bar(len: usize, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < 2 || look().plain || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let style =
        indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .map_or_else(
                |_| indicatif::ProgressStyle::default_bar(),
                |style| style.progress_chars("=> "),
            );
    indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    )
    .with_style(style)
    .with_prefix(what.to_string())
}

/// The position in a quiz as a bar of `cells` (`━` done, `─` to go), for live terminals.
pub fn position_bar(done: usize, total: usize, cells: usize) -> String {
    let filled = (done * cells).checked_div(total).unwrap_or(0).min(cells);
    format!(
        "{}{}",
        "━".repeat(filled),
        paint(DIM, &"─".repeat(cells - filled))
    )
}

/// `text` in `style` when colour is on, else as is.
pub fn paint(style: Style, text: &str) -> String {
    if look().color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}
