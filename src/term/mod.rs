//! Everything a person sees and types: rendering ([`render`]), the input
//! stream (keyboard lines, end of input, Ctrl-C), the keyboard and scripted
//! quiz loops, and [`clean`], which keeps control characters in bank text
//! from ever reaching the terminal raw.

pub mod claims;
pub mod errors;
pub mod progress;
pub mod render;

use crate::bank::LoadedBank;
use crate::quiz::session::{EndReason, Session, Submission};
use jiff::Timestamp;
use std::borrow::Cow;
use std::io::{self, BufRead, Write};
use std::sync::mpsc;

/// Replaces control, escape and bidi-override characters with `�` (tabs and
/// newlines become spaces), so bank text cannot move the cursor, recolour
/// the terminal or reorder what is shown.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_cleaning) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if needs_cleaning(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// Whether a character must not reach the terminal as is (the same set the
/// `control-char` lint rule reports).
pub use crate::bank::lint::is_forbidden_char as needs_cleaning;

/// One event from the person at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Line(String),
    EndOfInput,
    Interrupt,
}

/// Keyboard input: a thread reads stdin lines, the Ctrl-C handler adds an
/// interrupt, and the quiz loop receives both from one channel.
pub struct Keyboard {
    events: mpsc::Receiver<Input>,
}

impl Keyboard {
    /// Starts reading stdin and catching Ctrl-C.
    pub fn start() -> Self {
        let (sender, events) = mpsc::channel();
        let interrupts = sender.clone();
        // If a handler is already set (a second quiz in one process), the first one still feeds a channel.
        let _ = ctrlc::set_handler(move || {
            let _ = interrupts.send(Input::Interrupt);
        });
        std::thread::spawn(move || {
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            loop {
                let mut line = String::new();
                match lock.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        let _ = sender.send(Input::EndOfInput);
                        return;
                    }
                    Ok(_) => {
                        if sender.send(Input::Line(line)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Keyboard { events }
    }

    /// Waits for the next event.
    pub fn next(&self) -> Input {
        self.events.recv().unwrap_or(Input::EndOfInput)
    }
}

/// What [`keyboard_quiz_with`] calls after each scored answer: `(out, session, index)`.
pub type OnAnswer<'a, E> = dyn FnMut(&mut dyn Write, &Session, usize) -> Result<(), E> + 'a;

/// Runs a quiz at the keyboard until it ends and returns how it ended,
/// calling `on_answer(out, session, index)` after each scored answer (and
/// its feedback), e.g. to save it at once.
pub fn keyboard_quiz_with<E: From<io::Error>>(
    out: &mut dyn Write,
    loaded: &LoadedBank,
    session: &mut Session,
    keyboard: &Keyboard,
    clock: &dyn Fn() -> Timestamp,
    on_answer: &mut OnAnswer<'_, E>,
) -> Result<EndReason, E> {
    let total = session.plan.questions.len();
    while let Some((index, planned)) = session
        .current()
        .map(|(index, planned)| (index, planned.clone()))
    {
        render::question(out, index, total, &planned, session.seconds_left(clock()))?;
        session.mark_asked(clock());
        loop {
            render::prompt(out, session.seconds_left(clock()))?;
            let line = match keyboard.next() {
                Input::Line(line) => line,
                Input::EndOfInput => {
                    writeln!(out)?;
                    session.end(EndReason::EndOfInput, clock());
                    break;
                }
                Input::Interrupt => {
                    writeln!(out)?;
                    session.end(EndReason::Interrupted, clock());
                    break;
                }
            };
            match session.submit(&loaded.bank, &line, clock()) {
                Submission::Help => render::help(out, &planned, session.confidence)?,
                Submission::Invalid(message) => render::invalid(out, &message)?,
                Submission::Answered { index } => {
                    if session.plan.options.feedback == crate::bank::FeedbackMode::Immediate
                        && let Some(answered) = &session.answers[index]
                    {
                        render::feedback(out, &loaded.bank, &planned, answered)?;
                    } else {
                        writeln!(out)?;
                    }
                    on_answer(out, session, index)?;
                    break;
                }
                Submission::Ended(_) => break,
            }
        }
    }
    Ok(session
        .ended
        .map_or(EndReason::Finished, |(reason, _)| reason))
}

/// A problem with a scripted answers file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ScriptError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Answers the quiz from `lines` (one per question, in plan order). Every
/// line is checked before anything counts, so a bad file scores nothing.
pub fn scripted_quiz(
    loaded: &LoadedBank,
    session: &mut Session,
    file: &str,
    lines: &[String],
    clock: &dyn Fn() -> Timestamp,
) -> Result<EndReason, ScriptError> {
    let total = session.plan.questions.len();
    let error = |line: usize, message: String| ScriptError {
        file: file.to_string(),
        line,
        message,
    };
    if lines.len() > total {
        return Err(error(
            total + 1,
            format!(
                "{} answer lines for {total} questions: remove the extra lines",
                lines.len()
            ),
        ));
    }
    let mut trial = session.clone();
    for (number, line) in lines.iter().enumerate() {
        let keyboard_only = || {
            error(
                number + 1,
                format!(
                    "`{}` is a keyboard command; an answers file holds answers only",
                    line.trim()
                ),
            )
        };
        match trial.submit(&loaded.bank, line, clock()) {
            Submission::Invalid(message) => {
                let question = number + 1;
                return Err(error(number + 1, format!("question {question}: {message}")));
            }
            Submission::Help | Submission::Ended(EndReason::Quit) => return Err(keyboard_only()),
            Submission::Ended(reason) => return Ok(adopt(session, trial, reason)),
            Submission::Answered { .. } => {}
        }
    }
    if lines.len() < total {
        return Err(error(
            lines.len() + 1,
            format!(
                "the file has {} answer lines but the quiz has {total} questions: line {} is missing",
                lines.len(),
                lines.len() + 1
            ),
        ));
    }
    let reason = trial
        .ended
        .map_or(EndReason::Finished, |(reason, _)| reason);
    Ok(adopt(session, trial, reason))
}

fn adopt(session: &mut Session, trial: Session, reason: EndReason) -> EndReason {
    *session = trial;
    reason
}
