//! Screens a person reads: the start screen, a question, feedback, help, the
//! end screen, the source briefing and the bank list. Each writes plain text
//! to a `Write` (so tests snapshot exactly what a person sees); every piece
//! of bank text passes through [`clean`] first.

use super::clean;
use crate::bank::{Bank, LoadedBank, QuestionBody, Support};
use crate::quiz::answer::ConfidenceRule;
use crate::quiz::plan::{Display, PlannedQuestion, letter};
use crate::quiz::session::{Answered, EndReason, Session};
use crate::report::{QuizResult, Tally, breakdowns};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Text width for wrapping when the output is not a terminal (files, pipes, tests).
pub const WIDTH: usize = 78;

/// The wrapping width: the terminal's (40 to 100 columns) when stdout is one, else [`WIDTH`].
fn width() -> usize {
    static WIDTH_IN_USE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WIDTH_IN_USE.get_or_init(|| {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            textwrap::termwidth().saturating_sub(1).clamp(40, 100)
        } else {
            WIDTH
        }
    })
}

/// Wrapping that never splits words or ids at hyphens.
fn options(indent: &str) -> textwrap::Options<'_> {
    textwrap::Options::new(width())
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
}

fn wrap(out: &mut dyn Write, text: &str, indent: &str) -> io::Result<()> {
    let options = options(indent).subsequent_indent(indent);
    for line in textwrap::wrap(&clean(text), options) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn wrap_hanging(out: &mut dyn Write, head: &str, text: &str) -> io::Result<()> {
    let indent = " ".repeat(head.chars().count());
    let options = options(head).subsequent_indent(&indent);
    for line in textwrap::wrap(&clean(text), options) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A number without a needless fraction: 1, 0.5, 2.25.
pub fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0 + 0.0; // + 0.0 turns -0 into 0
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').to_string()
    }
}

/// The start screen.
pub fn start_screen(
    out: &mut dyn Write,
    loaded: &LoadedBank,
    session: &Session,
    learner: &str,
    bank_arg: &str,
) -> io::Result<()> {
    let plan = &session.plan;
    let options = &plan.options;
    wrap(out, &format!("crossexam · {}", loaded.bank.title), "")?;
    if options.preset.is_some() {
        wrap(out, &format!("Quiz: {}", options.title), "")?;
    }
    writeln!(out, "Learner: {}", clean(learner))?;
    let mut facts = vec![format!("{} questions", plan.questions.len())];
    facts.push(format!(
        "feedback {}",
        if options.feedback == crate::bank::FeedbackMode::End {
            "at the end"
        } else {
            "after each answer"
        }
    ));
    if let Some(mark) = options.pass_mark {
        facts.push(format!("pass mark {}%", number(mark * 100.0)));
    }
    if let Some(limit) = options.time_limit_s {
        facts.push(format!("time limit {}", minutes_seconds(limit)));
    }
    if options.confidence {
        facts.push("confidence marking on".into());
    }
    wrap(out, &facts.join(" · "), "")?;
    writeln!(
        out,
        "Seed {} (replay this quiz with --seed {})",
        plan.seed, plan.seed
    )?;
    writeln!(out)?;
    wrap(
        out,
        &format!(
            "Read the report first (your teacher has it); `crossexam read {bank_arg}` shows who speaks in it and a briefing."
        ),
        "",
    )?;
    wrap(
        out,
        "Answer with the letter(s), number or text; Enter skips; :h help; :q stop.",
        "",
    )?;
    if options.confidence {
        wrap(
            out,
            "Add your confidence after each answer: ` !1` unsure, ` !2`, ` !3` sure.",
            "",
        )?;
    }
    writeln!(out)
}

fn minutes_seconds(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A question screen.
pub fn question(
    out: &mut dyn Write,
    index: usize,
    total: usize,
    planned: &PlannedQuestion,
    seconds_left: Option<i64>,
) -> io::Result<()> {
    let question = &planned.question;
    let mut header = format!("Question {} of {total}", index + 1);
    if (question.points() - 1.0).abs() > f64::EPSILON {
        header.push_str(&format!(" · {} points", number(question.points())));
    }
    if let Some(left) = seconds_left {
        header.push_str(&format!(
            " · time left {}",
            minutes_seconds(left.max(0) as u64)
        ));
    }
    writeln!(out, "{header}")?;
    wrap(out, &question.common.prompt, "")?;
    match (&question.body, &planned.display) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Display::Choices(order),
        ) => {
            for (position, &index) in order.iter().enumerate() {
                wrap_hanging(
                    out,
                    &format!("  {}) ", letter(position)),
                    &choices[index].text,
                )?;
            }
            if matches!(question.body, QuestionBody::Multiple { .. }) {
                writeln!(out, "Choose all that apply (e.g. a c).")?;
            }
        }
        (QuestionBody::TrueFalse { .. }, _) => writeln!(out, "True or false? (t / f)")?,
        (QuestionBody::Short { .. }, _) => writeln!(out, "Type your answer.")?,
        (QuestionBody::Numeric { unit, .. }, _) => match unit {
            Some(unit) => writeln!(out, "Type a number (in {}).", clean(unit))?,
            None => writeln!(out, "Type a number.")?,
        },
        (QuestionBody::Match { pairs, .. }, Display::Match { lefts, rights }) => {
            for (position, &index) in lefts.iter().enumerate() {
                wrap_hanging(out, &format!("  {}. ", position + 1), &pairs[index].left)?;
            }
            writeln!(out, "with")?;
            for (position, right) in rights.iter().enumerate() {
                wrap_hanging(out, &format!("  {}) ", letter(position)), right)?;
            }
            writeln!(out, "Pair each number with a letter (e.g. 1b 2a).")?;
        }
        (QuestionBody::Order { items }, Display::Order(order)) => {
            for (position, &index) in order.iter().enumerate() {
                wrap_hanging(out, &format!("  {}) ", letter(position)), &items[index])?;
            }
            writeln!(out, "Give the letters in the right order (e.g. c a b).")?;
        }
        _ => {}
    }
    Ok(())
}

/// The prompt marker before the learner types.
pub fn prompt(out: &mut dyn Write, seconds_left: Option<i64>) -> io::Result<()> {
    if let Some(left) = seconds_left {
        write!(out, "[{} left] ", minutes_seconds(left.max(0) as u64))?;
    }
    write!(out, "> ")?;
    out.flush()
}

/// Help for the current question.
pub fn help(
    out: &mut dyn Write,
    planned: &PlannedQuestion,
    confidence: ConfidenceRule,
) -> io::Result<()> {
    let how = match &planned.question.body {
        QuestionBody::Single { .. } => "one letter, e.g. b",
        QuestionBody::Multiple { .. } => "one or more letters, e.g. a c or ac",
        QuestionBody::TrueFalse { .. } => "t or f (true / false)",
        QuestionBody::Short { .. } => "a word or name; case, accents and punctuation do not matter",
        QuestionBody::Numeric { .. } => {
            "a number such as 5, -3.5, 1,500 or 1e3, optionally with the unit"
        }
        QuestionBody::Match { .. } => {
            "number–letter pairs, e.g. 1b 2a 3c (a left you leave out earns 0)"
        }
        QuestionBody::Order { .. } => "every letter once, in the right order, e.g. c a b",
    };
    wrap(out, &format!("Answer with {how}."), "")?;
    wrap(
        out,
        "Press Enter (or type -) to skip; :q ends the quiz with a summary; :h shows this.",
        "",
    )?;
    match confidence {
        ConfidenceRule::Required => wrap(
            out,
            "Confidence marking is on: end each answer with !1, !2 or !3 (e.g. b !2). Sure and right earns 3, sure and wrong costs 6.",
            "",
        ),
        ConfidenceRule::Optional => wrap(
            out,
            "You may add how sure you are: !1, !2 or !3 (e.g. b !3).",
            "",
        ),
        ConfidenceRule::Off => Ok(()),
    }
}

/// An answer that could not be read.
pub fn invalid(out: &mut dyn Write, message: &str) -> io::Result<()> {
    wrap(
        out,
        &format!("Not understood: {message}. Try again (:h for help)."),
        "",
    )
}

/// The right answer of a question, as displayed.
pub fn right_answer(planned: &PlannedQuestion) -> String {
    match (&planned.question.body, &planned.display) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Display::Choices(order),
        ) => order
            .iter()
            .enumerate()
            .filter(|(_, index)| choices[**index].correct)
            .map(|(position, index)| format!("{}) {}", letter(position), choices[*index].text))
            .collect::<Vec<_>>()
            .join("; "),
        (QuestionBody::TrueFalse { answer, .. }, _) => {
            if *answer { "true" } else { "false" }.to_string()
        }
        (
            QuestionBody::Short {
                answers,
                accept_aliases_of,
                ..
            },
            _,
        ) => answers
            .iter()
            .find(|answer| answer.credit.unwrap_or(1.0) >= 1.0)
            .map_or_else(
                || {
                    if accept_aliases_of.is_some() {
                        "the speaker's name".to_string()
                    } else {
                        String::new()
                    }
                },
                |answer| answer.text.clone(),
            ),
        (
            QuestionBody::Numeric {
                answer,
                tolerance,
                unit,
                ..
            },
            _,
        ) => {
            let mut text = number_exact(*answer);
            if let Some(tolerance) = tolerance.filter(|t| *t > 0.0) {
                text.push_str(&format!(" (± {})", number_exact(tolerance)));
            }
            if let Some(unit) = unit {
                text.push(' ');
                text.push_str(unit);
            }
            text
        }
        (QuestionBody::Match { pairs, .. }, Display::Match { lefts, rights }) => lefts
            .iter()
            .enumerate()
            .map(|(position, index)| {
                let right = rights
                    .iter()
                    .position(|r| *r == pairs[*index].right)
                    .unwrap_or(0);
                format!("{}{}", position + 1, letter(right))
            })
            .collect::<Vec<_>>()
            .join(" "),
        (QuestionBody::Order { .. }, Display::Order(order)) => (0..order.len())
            .filter_map(|authored| order.iter().position(|shown| *shown == authored))
            .map(|position| letter(position).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

fn number_exact(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// The citation line of a question: who said its claims, through whom, on what evidence, and what the report shows.
pub fn citation(bank: &Bank, planned: &PlannedQuestion) -> Vec<String> {
    let mut lines = Vec::new();
    for claim in planned
        .question
        .common
        .claims
        .iter()
        .filter_map(|id| bank.claim(id))
    {
        let mut line = if claim.attribution == crate::bank::Attribution::Ambiguous {
            format!(
                "whose words these are is unclear (they sit in {}'s answer)",
                bank.actor_mention(&claim.by)
            )
        } else {
            format!("{} said it", bank.actor_mention(&claim.by))
        };
        if !claim.via.is_empty() {
            let chain: Vec<String> = claim.via.iter().map(|id| bank.actor_mention(id)).collect();
            line.push_str(&format!(" (through {})", chain.join(", ")));
        }
        let kinds: Vec<&str> = claim.evidence.iter().map(|e| e.kind.describe()).collect();
        line.push_str(&format!(
            "; evidence: {}; {}",
            if kinds.is_empty() {
                "none mentioned".to_string()
            } else {
                kinds.join(", ")
            },
            claim.support.describe()
        ));
        lines.push(format!("Source — {}: {line}.", claim.id));
    }
    lines
}

/// Feedback after an answer (immediately, or in the end-of-quiz review).
pub fn feedback(
    out: &mut dyn Write,
    bank: &Bank,
    planned: &PlannedQuestion,
    answered: &Answered,
) -> io::Result<()> {
    let points = planned.question.points();
    let verdict = if answered.skipped() {
        "Skipped".to_string()
    } else if answered.grading.credit >= 1.0 - 1e-9 {
        "Right".to_string()
    } else if answered.grading.credit > 0.0 {
        "Partly right".to_string()
    } else {
        "Wrong".to_string()
    };
    let unit = if (points - 1.0).abs() < 1e-9 {
        "point"
    } else {
        "points"
    };
    let mut line = format!(
        "{verdict}: {} of {} {unit}",
        number(answered.points),
        number(points)
    );
    if let (Some(cbm), Some(level)) = (answered.cbm, answered.confidence) {
        line.push_str(&format!(" · confidence {level}: {} marks", number(cbm)));
    }
    writeln!(out, "{line}")?;
    if answered.grading.credit < 1.0 - 1e-9 {
        wrap_hanging(out, "Right answer: ", &right_answer(planned))?;
    }
    for text in &answered.grading.feedback {
        wrap(out, text, "  ")?;
    }
    if let Some(explanation) = &planned.question.common.explanation {
        wrap(out, explanation, "")?;
    }
    for line in citation(bank, planned) {
        wrap(out, &line, "")?;
    }
    writeln!(out)
}

/// The summary shown when a quiz ends: score, pass/fail, breakdowns, missed questions, seed.
pub fn end_screen(
    out: &mut dyn Write,
    bank: &Bank,
    session: &Session,
    result: &QuizResult,
) -> io::Result<()> {
    let plan = &session.plan;
    let reason = session.ended.map(|(reason, _)| reason);
    writeln!(out, "──────── Results ────────")?;
    match reason {
        Some(EndReason::Quit | EndReason::EndOfInput | EndReason::Interrupted) => {
            writeln!(
                out,
                "Stopped early: {} of {} questions answered.",
                session.answered_count(),
                plan.questions.len()
            )?;
        }
        Some(EndReason::TimeUp) => {
            wrap(
                out,
                "Time is up: the last answer came after the time limit and was not scored; unanswered questions earn 0.",
                "",
            )?;
        }
        _ => {}
    }
    writeln!(
        out,
        "Score: {} of {} points ({}%)",
        number(result.score),
        number(plan.max_score()),
        number(result.percent)
    )?;
    if let Some(cbm) = &result.cbm {
        writeln!(
            out,
            "Confidence-based marks: {} of {} (beside the plain score, not instead of it)",
            number(cbm.score),
            number(cbm.max)
        )?;
    }
    match (plan.options.pass_mark, result.passed) {
        (Some(mark), Some(true)) => writeln!(out, "Passed (pass mark {}%).", number(mark * 100.0))?,
        (Some(mark), Some(false)) => {
            writeln!(out, "Not passed (pass mark {}%).", number(mark * 100.0))?;
        }
        (Some(_), None) => writeln!(out, "No pass/fail: the quiz was not finished.")?,
        _ => {}
    }
    let (by_tag, by_kind) = breakdowns(session);
    breakdown(out, "By tag", &by_tag)?;
    breakdown(out, "By question kind", &by_kind)?;
    let discernment = discernment_line(bank, session);
    if let Some(line) = discernment {
        writeln!(out)?;
        wrap(out, &line, "")?;
    }
    let missed: Vec<(usize, &PlannedQuestion, Option<&Answered>)> = plan
        .questions
        .iter()
        .zip(&session.answers)
        .enumerate()
        .filter(|(_, (_, answered))| {
            answered
                .as_ref()
                .is_some_and(|a| a.grading.credit < 1.0 - 1e-9)
        })
        .map(|(index, (planned, answered))| (index, planned, answered.as_ref()))
        .collect();
    let end_feedback = plan.options.feedback == crate::bank::FeedbackMode::End;
    if end_feedback {
        writeln!(out)?;
        writeln!(out, "Review:")?;
        for (index, (planned, answered)) in plan.questions.iter().zip(&session.answers).enumerate()
        {
            let Some(answered) = answered else { continue };
            writeln!(out)?;
            wrap_hanging(
                out,
                &format!("{}. ", index + 1),
                &planned.question.common.prompt,
            )?;
            feedback(out, bank, planned, answered)?;
        }
    } else if !missed.is_empty() {
        writeln!(out)?;
        writeln!(out, "To review:")?;
        for (index, planned, _) in missed {
            writeln!(out)?;
            wrap_hanging(
                out,
                &format!("{}. ", index + 1),
                &planned.question.common.prompt,
            )?;
            wrap_hanging(out, "   Right answer: ", &right_answer(planned))?;
            if let Some(explanation) = &planned.question.common.explanation {
                wrap(out, explanation, "   ")?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "Seed {} · replay with --seed {}", plan.seed, plan.seed)
}

fn breakdown(
    out: &mut dyn Write,
    title: &str,
    tallies: &BTreeMap<String, Tally>,
) -> io::Result<()> {
    if tallies.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{title}:")?;
    let width = tallies
        .keys()
        .map(|key| key.chars().count())
        .max()
        .unwrap_or(0);
    for (key, tally) in tallies {
        let percent = if tally.possible > 0.0 {
            100.0 * tally.earned / tally.possible
        } else {
            0.0
        };
        writeln!(
            out,
            "  {:<width$}  {:>5} of {:<3} {:>4}%",
            clean(key),
            number(tally.earned),
            number(tally.possible),
            number(percent.round())
        )?;
    }
    Ok(())
}

/// "Caught the unsupported / trusted the supported" for support questions
/// whose claims are supported or unsupported (discernment, not cynicism).
fn discernment_line(bank: &Bank, session: &Session) -> Option<String> {
    let mut caught = (0, 0);
    let mut trusted = (0, 0);
    for (planned, answered) in crate::report::counted(session) {
        if planned.question.common.kind != Some(crate::bank::QuestionKind::Support) {
            continue;
        }
        let Some(claim) = planned
            .question
            .common
            .claims
            .first()
            .and_then(|id| bank.claim(id))
        else {
            continue;
        };
        let right = answered
            .as_ref()
            .is_some_and(|a| a.grading.credit >= 1.0 - 1e-9);
        let tally = match claim.support {
            Support::Unsupported => &mut caught,
            Support::Supported | Support::CannotTell => &mut trusted,
            Support::NotCheckable => continue,
        };
        tally.1 += 1;
        if right {
            tally.0 += 1;
        }
    }
    if caught.1 + trusted.1 == 0 {
        return None;
    }
    Some(format!(
        "Discernment: caught {} of {} unsupported claims; recognised {} of {} claims the report supports or leaves open.",
        caught.0, caught.1, trusted.0, trusted.1
    ))
}

/// `crossexam read --source`: the report's text, wrapped, paragraph by paragraph.
pub fn report(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "The report")?;
    for paragraph in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        writeln!(out)?;
        wrap(out, paragraph, "  ")?;
    }
    Ok(())
}

/// `crossexam read`: the source and the briefing.
pub fn source(out: &mut dyn Write, bank: &Bank) -> io::Result<()> {
    let source = &bank.source;
    let field = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| "not stated".to_string(), |text| clean(text).into_owned())
    };
    wrap(out, &bank.title, "")?;
    writeln!(out)?;
    writeln!(out, "Source")?;
    let kind = serde_json::to_value(source.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    writeln!(out, "  Kind:   {kind}")?;
    wrap_hanging(out, "  Title:  ", &field(&source.title))?;
    wrap_hanging(out, "  Outlet: ", &field(&source.outlet))?;
    wrap_hanging(out, "  Date:   ", &field(&source.date))?;
    wrap_hanging(out, "  URL:    ", &field(&source.url))?;
    if let Some(note) = &source.note {
        wrap_hanging(out, "  Note:   ", note)?;
    }
    if [&source.outlet, &source.date, &source.url]
        .iter()
        .any(|value| value.is_none())
    {
        wrap(
            out,
            "(\"not stated\" is itself worth noticing: who published this, and when?)",
            "  ",
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Who speaks in it")?;
    for actor in &bank.actors {
        let name = actor
            .name
            .as_deref()
            .filter(|name| *name != actor.role)
            .map_or_else(String::new, |name| format!("{name}, "));
        wrap_hanging(out, "  - ", &format!("{name}{}", actor.role))?;
    }
    if let Some(briefing) = &bank.briefing {
        writeln!(out)?;
        writeln!(out, "Briefing")?;
        wrap(out, briefing, "  ")?;
    }
    Ok(())
}
