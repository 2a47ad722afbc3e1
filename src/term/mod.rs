//! Everything a person sees and types: rendering ([`render`]), the input
//! stream (keyboard lines, end of input, Ctrl-C), the keyboard and scripted
//! quiz loops, and [`clean`], which keeps control characters in bank text
//! from ever reaching the terminal raw.

pub mod claims;
pub mod errors;
pub mod list;
pub mod practice_screens;
pub mod render;
pub mod style;

use crate::bank::LoadedBank;
use crate::config::Clock;
use crate::quiz::session::{EndReason, Session, Submission, Tick};
use crate::wording::plural;
use std::io::{self, Write};
use std::sync::mpsc;

pub use crate::bank::text::clean;
/// Whether a character must not reach the terminal as is (the same set the
/// `control-char` lint rule reports).
pub use crate::bank::text::is_forbidden_char as needs_cleaning;

/// One event from the person at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Line(String),
    /// A line longer than [`crate::input::MAX_LINE_BYTES`], dropped unread.
    TooLong,
    EndOfInput,
    Interrupt,
}

/// Keyboard input: a thread reads stdin lines, the Ctrl-C handler adds an
/// interrupt, and the quiz loop receives both from one channel.
pub struct Keyboard {
    events: mpsc::Receiver<Input>,
    /// Whether stdin is a terminal: a person is typing, so the clock runs
    /// while they think and feedback waits for Enter.
    pub live: bool,
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
                let event = match crate::input::read_line(&mut lock) {
                    Ok(None) | Err(_) => {
                        let _ = sender.send(Input::EndOfInput);
                        return;
                    }
                    Ok(Some(crate::input::LineRead::Line(line))) => Input::Line(line),
                    Ok(Some(crate::input::LineRead::TooLong)) => Input::TooLong,
                };
                if sender.send(event).is_err() {
                    return;
                }
            }
        });
        Keyboard {
            events,
            live: std::io::IsTerminal::is_terminal(&io::stdin()),
        }
    }

    /// Waits for the next event.
    pub fn next(&self) -> Input {
        self.events.recv().unwrap_or(Input::EndOfInput)
    }

    /// Waits for the next event at most `timeout`; `None` when none came.
    pub fn next_within(&self, timeout: std::time::Duration) -> Option<Input> {
        match self.events.recv_timeout(timeout) {
            Ok(input) => Some(input),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(Input::EndOfInput),
        }
    }
}

/// What [`keyboard_quiz_with`] calls after each scored answer: `(out, session, index)`.
pub type OnAnswer<'a, E> = dyn FnMut(&mut dyn Write, &Session, usize) -> Result<(), E> + 'a;

/// How long before the end the time warning comes: one minute, or a tenth
/// of limits of two minutes or less (at least a second).
pub fn warning_threshold(limit_s: u64) -> i64 {
    let seconds = if limit_s > 120 {
        60
    } else {
        limit_s.div_ceil(10).max(1)
    };
    seconds as i64
}

/// What the person did while the quiz waited for a line.
enum Waited {
    Input(Input),
    /// The clock ran out: the question or the whole quiz.
    Clock(Tick),
}

/// Waits for a line; at a live keyboard with a time limit, ticks the
/// session every second meanwhile: redraws the time left in the prompt (on
/// a terminal that can), warns once when little time is left, and returns
/// when a limit runs out.
fn wait_for_line(
    out: &mut dyn Write,
    session: &mut Session,
    keyboard: &Keyboard,
    clock: &dyn Clock,
    warned: &mut bool,
) -> io::Result<Waited> {
    if !keyboard.live || session.time_left(clock.now()).is_none() {
        return Ok(Waited::Input(keyboard.next()));
    }
    let mut shown = session.time_left(clock.now());
    loop {
        if let Some(input) = keyboard.next_within(std::time::Duration::from_millis(250)) {
            return Ok(Waited::Input(input));
        }
        let now = clock.now();
        match session.tick(now) {
            Tick::Running => {}
            tick => return Ok(Waited::Clock(tick)),
        }
        let (Some(left), Some(limit)) = (session.time_left(now), session.limit_in_force(now))
        else {
            continue;
        };
        if !*warned
            && left <= warning_threshold(limit)
            && left < i64::try_from(limit).unwrap_or(i64::MAX)
        {
            *warned = true;
            writeln!(out)?;
            render::time_warning(out, left)?;
            render::prompt(out, Some(left))?;
        } else if style::look().live && shown != Some(left) {
            render::redraw_time(out, left)?;
        }
        shown = Some(left);
    }
}

/// Runs a quiz at the keyboard until it ends and returns how it ended,
/// calling `on_answer(out, session, index)` after each scored answer (and
/// its feedback), e.g. to save it at once.
pub fn keyboard_quiz_with<E: From<io::Error>>(
    out: &mut dyn Write,
    loaded: &LoadedBank,
    session: &mut Session,
    keyboard: &Keyboard,
    clock: &dyn Clock,
    on_answer: &mut OnAnswer<'_, E>,
) -> Result<EndReason, E> {
    let total = session.plan.questions.len();
    let mut warned = false;
    while let Some((index, planned)) = session
        .current()
        .map(|(index, planned)| (index, planned.clone()))
    {
        render::question(
            out,
            index,
            total,
            &planned,
            session.seconds_left(clock.now()),
        )?;
        session.mark_asked(clock.now());
        let mut question_warned = false;
        // A partial match answer waiting for `y` to be scored as it is.
        let mut unconfirmed: Option<String> = None;
        loop {
            render::prompt(out, session.time_left(clock.now()))?;
            let warned_flag = if session.question_deadline().is_some() {
                &mut question_warned
            } else {
                &mut warned
            };
            let line = match wait_for_line(out, session, keyboard, clock, warned_flag)? {
                Waited::Input(Input::Line(line)) => line,
                Waited::Input(Input::TooLong) => {
                    render::invalid(
                        out,
                        &format!(
                            "that line is longer than {} bytes; type a shorter answer",
                            crate::input::MAX_LINE_BYTES
                        ),
                    )?;
                    continue;
                }
                Waited::Input(Input::EndOfInput) => {
                    writeln!(out)?;
                    session.end(EndReason::EndOfInput, clock.now());
                    break;
                }
                Waited::Input(Input::Interrupt) => {
                    writeln!(out)?;
                    session.end(EndReason::Interrupted, clock.now());
                    break;
                }
                Waited::Clock(tick) => {
                    writeln!(out)?;
                    let timed_out = match tick {
                        Tick::QuestionTimedOut { index } => Some(index),
                        Tick::Ended(EndReason::Finished) => Some(total - 1),
                        _ => None,
                    };
                    if let Some(index) = timed_out {
                        show_feedback(out, loaded, session, index)?;
                        on_answer(out, session, index)?;
                        wait_for_enter(out, session, keyboard, clock)?;
                    } else {
                        render::time_is_up(out)?;
                    }
                    break;
                }
            };
            let (line, confirmed) = match unconfirmed.take() {
                Some(pending) => match line.trim().to_lowercase().as_str() {
                    "y" | "yes" => (pending, true),
                    "" | "n" | "no" => {
                        render::answer_again(out)?;
                        continue;
                    }
                    _ => (line, false),
                },
                None => (line, false),
            };
            if !confirmed && let Some(missing) = session.missing_pairs(&line) {
                render::confirm_partial(out, missing)?;
                unconfirmed = Some(line);
                continue;
            }
            match session.submit(&loaded.bank, &line, clock.now()) {
                Submission::Help => {
                    render::question(
                        out,
                        index,
                        total,
                        &planned,
                        session.seconds_left(clock.now()),
                    )?;
                    render::help(out, &planned, session.confidence)?;
                }
                Submission::Invalid(message) => render::invalid(out, &message)?,
                Submission::Answered { index } => {
                    show_feedback(out, loaded, session, index)?;
                    on_answer(out, session, index)?;
                    wait_for_enter(out, session, keyboard, clock)?;
                    break;
                }
                Submission::Ended(EndReason::TimeUp) => {
                    render::time_is_up(out)?;
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

/// Immediate feedback on answer `index`, or a blank line in exam mode.
fn show_feedback(
    out: &mut dyn Write,
    loaded: &LoadedBank,
    session: &Session,
    index: usize,
) -> io::Result<()> {
    match &session.answers[index] {
        Some(answered) if session.plan.options.feedback == crate::bank::FeedbackMode::Immediate => {
            render::feedback(out, &loaded.bank, &session.plan.questions[index], answered)
        }
        _ => writeln!(out),
    }
}

/// At a live keyboard, after immediate feedback, waits for Enter before the
/// next question (the whole quiz's clock runs on meanwhile).
fn wait_for_enter(
    out: &mut dyn Write,
    session: &mut Session,
    keyboard: &Keyboard,
    clock: &dyn Clock,
) -> io::Result<()> {
    let immediate = session.plan.options.feedback == crate::bank::FeedbackMode::Immediate;
    if immediate && keyboard.live && session.current().is_some() {
        render::press_enter(out)?;
        loop {
            match keyboard.next_within(std::time::Duration::from_millis(250)) {
                Some(Input::Line(_) | Input::TooLong) => {
                    writeln!(out)?;
                    break;
                }
                Some(Input::EndOfInput) => {
                    writeln!(out)?;
                    session.end(EndReason::EndOfInput, clock.now());
                    break;
                }
                Some(Input::Interrupt) => {
                    writeln!(out)?;
                    session.end(EndReason::Interrupted, clock.now());
                    break;
                }
                // The whole quiz's limit runs on while the feedback is read.
                None if session.seconds_left(clock.now()) == Some(0) => {
                    writeln!(out)?;
                    session.end(EndReason::TimeUp, clock.now());
                    render::time_is_up(out)?;
                    break;
                }
                None => {}
            }
        }
    }
    Ok(())
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
    clock: &dyn Clock,
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
                "{} for {}: remove the extra lines",
                plural(lines.len(), "answer line", "answer lines"),
                plural(total, "question", "questions")
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
        match trial.submit(&loaded.bank, line, clock.now()) {
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
                "the file has {} but the quiz has {}: line {} is missing",
                plural(lines.len(), "answer line", "answer lines"),
                plural(total, "question", "questions"),
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

#[cfg(test)]
mod tests {
    use super::warning_threshold;

    #[test]
    fn the_warning_comes_at_a_minute_or_a_tenth_of_short_limits() {
        assert_eq!(warning_threshold(3600), 60);
        assert_eq!(warning_threshold(121), 60);
        assert_eq!(warning_threshold(120), 12);
        assert_eq!(warning_threshold(20), 2);
        assert_eq!(warning_threshold(4), 1);
        assert_eq!(warning_threshold(1), 1);
    }
}
