//! Screens a person reads: the start screen, a question, feedback, help, the
//! end screen, the source briefing and the bank list. Each writes plain text
//! to a `Write` (so tests snapshot exactly what a person sees); every piece
//! of bank text passes through [`clean`] first.

use super::{clean, style};
use crate::bank::{Bank, LoadedBank, QuestionBody};
use crate::quiz::answer::{ConfidenceRule, Response};
use crate::quiz::grade::{Verdict, full_credit_answer};
use crate::quiz::plan::{Arrangement, PlannedQuestion};
use crate::quiz::session::{Answered, Session};
use crate::report::Ended;
use crate::report::summary::{Discernment, Summary, Tally};
use crate::wording::{letter, plural};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Text width for wrapping when the output is not a terminal (files, pipes, tests).
pub const WIDTH: usize = 78;

/// The wrapping width: the terminal's (40 to 100 columns) when stdout is
/// one, else `COLUMNS` when set, else [`WIDTH`] (see [`super::style`]).
pub fn width() -> usize {
    match super::style::look().width {
        0 => WIDTH,
        width => width,
    }
}

/// Wrapping at spaces only: words, ids and paths are never split.
fn options(indent: &str) -> textwrap::Options<'_> {
    textwrap::Options::new(width())
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
}

/// Wraps `text` at the screen width, every line indented by `indent`.
pub fn wrap(out: &mut dyn Write, text: &str, indent: &str) -> io::Result<()> {
    wrap_indented(out, text, indent, indent)
}

/// Wraps `text` at the screen width: the first line indented by `first`,
/// the others by `rest`; each line painted in `style` when colour is on.
fn wrap_styled(
    out: &mut dyn Write,
    text: &str,
    (first, rest): (&str, &str),
    paint: Option<anstyle::Style>,
) -> io::Result<()> {
    for line in textwrap::wrap(&clean(text), options(first).subsequent_indent(rest)) {
        match paint {
            Some(paint) => writeln!(out, "{}", style::paint(paint, &line))?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// Wraps `text` at the screen width: the first line indented by `first`, the others by `rest`.
pub fn wrap_indented(out: &mut dyn Write, text: &str, first: &str, rest: &str) -> io::Result<()> {
    wrap_styled(out, text, (first, rest), None)
}

fn wrap_hanging(out: &mut dyn Write, head: &str, text: &str) -> io::Result<()> {
    wrap_indented(out, text, head, &" ".repeat(head.chars().count()))
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
    if let Some(preset) = options
        .preset
        .as_deref()
        .and_then(|id| loaded.bank.preset(id))
    {
        // A preset's title may name its size; say so when --count changed it.
        let resized = preset
            .count
            .filter(|count| *count != plan.questions.len())
            .map_or_else(String::new, |count| {
                format!(
                    " ({} questions instead of the preset's {count})",
                    plan.questions.len()
                )
            });
        wrap(out, &format!("Quiz: {}{resized}", options.title), "")?;
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
    if let Some(limit) = options.question_time_limit_s {
        facts.push(format!("{} a question", minutes_seconds(limit)));
    }
    if options.confidence {
        facts.push("confidence marking on".into());
    }
    wrap(out, &facts.join(" · "), "")?;
    wrap(
        out,
        &format!(
            "Seed {} (replay this quiz with --seed {})",
            plan.seed, plan.seed
        ),
        "",
    )?;
    writeln!(out)?;
    let read_first = if loaded.bank.reading.is_empty() {
        format!(
            "Read the report first (your teacher has it); `crossexam read {bank_arg}` shows who speaks in it and a briefing."
        )
    } else {
        format!(
            "Read the report first: if you have no copy, `crossexam read {bank_arg}` retells it paragraph by paragraph."
        )
    };
    wrap(out, &read_first, "")?;
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

pub fn minutes_seconds(seconds: u64) -> String {
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
    if style::look().live {
        // The prompt counts the time down; the header shows how far along the quiz is.
        wrap(out, &header, "")?;
        writeln!(out, "{}", style::position_bar(index, total, 20))?;
    } else {
        if let Some(left) = seconds_left {
            header.push_str(&format!(
                " · time left {}",
                minutes_seconds(left.max(0) as u64)
            ));
        }
        wrap(out, &header, "")?;
    }
    wrap(out, &question.common.prompt, "")?;
    match (&question.body, &planned.arrangement) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Arrangement::Choices(order),
        ) => {
            for (position, &index) in order.iter().enumerate() {
                wrap_hanging(
                    out,
                    &format!("  {}) ", letter(position)),
                    &choices[index].text,
                )?;
            }
            if matches!(question.body, QuestionBody::Multiple { .. }) {
                wrap(out, "Choose all that apply (e.g. a c).", "")?;
            }
        }
        (QuestionBody::TrueFalse { .. }, _) => wrap(out, "True or false? (t / f)", "")?,
        // Unless the prompt already says what to type.
        (QuestionBody::Short { .. }, _)
            if !question.common.prompt.to_lowercase().contains("type ") =>
        {
            writeln!(out, "Type your answer.")?;
        }
        (QuestionBody::Numeric { unit, .. }, _) => match unit {
            Some(unit) => writeln!(out, "Type a number (in {}).", clean(unit))?,
            None => writeln!(out, "Type a number.")?,
        },
        (QuestionBody::Match { pairs, .. }, Arrangement::Match { lefts, rights }) => {
            for (position, &index) in lefts.iter().enumerate() {
                wrap_hanging(out, &format!("  {}. ", position + 1), &pairs[index].left)?;
            }
            writeln!(out, "with")?;
            for (position, right) in rights.iter().enumerate() {
                wrap_hanging(out, &format!("  {}) ", letter(position)), right)?;
            }
            wrap(out, "Pair each number with a letter (e.g. 1b 2a).", "")?;
        }
        (QuestionBody::Order { items }, Arrangement::Order(order)) => {
            for (position, &index) in order.iter().enumerate() {
                wrap_hanging(out, &format!("  {}) ", letter(position)), &items[index])?;
            }
            wrap(out, "Give the letters in the right order (e.g. c a b).", "")?;
        }
        _ => {}
    }
    Ok(())
}

/// The time-left part of the prompt, the same width as the time runs down.
fn time_left_tag(left: i64) -> String {
    let tag = format!("[{:>5} left]", minutes_seconds(left.max(0) as u64));
    if left <= 60 {
        style::paint(style::WARNING, &tag)
    } else {
        tag
    }
}

/// The prompt marker before the learner types.
pub fn prompt(out: &mut dyn Write, seconds_left: Option<i64>) -> io::Result<()> {
    if let Some(left) = seconds_left {
        write!(out, "{} ", time_left_tag(left))?;
    }
    write!(out, "> ")?;
    out.flush()
}

/// Rewrites the time left at the start of the prompt line, leaving what
/// the learner has typed where it is (a live terminal only).
pub fn redraw_time(out: &mut dyn Write, seconds_left: i64) -> io::Result<()> {
    write!(out, "\x1b7\r{}\x1b8", time_left_tag(seconds_left))?;
    out.flush()
}

/// The warning when little time is left.
pub fn time_warning(out: &mut dyn Write, seconds_left: i64) -> io::Result<()> {
    let text = format!(
        "{} left: finish this answer, or press Enter to skip.",
        minutes_seconds(seconds_left.max(0) as u64)
    );
    wrap_styled(out, &text, ("", ""), Some(style::WARNING))
}

/// The quiz's time limit ran out while the learner was thinking.
pub fn time_is_up(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", style::paint(style::WARNING, "Time is up."))
}

/// Asks before scoring a match answer that leaves lefts unpaired.
pub fn confirm_partial(out: &mut dyn Write, (paired, lefts): (usize, usize)) -> io::Result<()> {
    wrap(
        out,
        &format!(
            "You paired {paired} of {lefts}; the others would earn 0. Type y to score it as it is, or Enter to answer again."
        ),
        "",
    )
}

/// After declining to score a partial answer.
pub fn answer_again(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Type the whole answer again.")
}

/// At a live keyboard, feedback stays until Enter.
pub fn press_enter(out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "{}",
        style::paint(style::DIM, "Press Enter for the next question.")
    )?;
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

/// The right answer of a question as displayed, with its texts: one line,
/// or one line per pair (match) or item (order).
pub fn right_answer(bank: &Bank, planned: &PlannedQuestion) -> Vec<String> {
    match (&planned.question.body, &planned.arrangement) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Arrangement::Choices(order),
        ) => order
            .iter()
            .enumerate()
            .filter(|(_, index)| choices[**index].correct)
            .map(|(position, index)| format!("{}) {}", letter(position), choices[*index].text))
            .collect(),
        (QuestionBody::TrueFalse { answer, .. }, _) => vec![true_false(*answer).to_string()],
        (
            QuestionBody::Short {
                answers,
                accept_aliases_of,
                ..
            },
            _,
        ) => vec![
            full_credit_answer(answers)
                .map(|answer| answer.text.clone())
                .or_else(|| {
                    let actor = bank.actor(accept_aliases_of.as_deref()?)?;
                    Some(
                        actor
                            .name
                            .clone()
                            .unwrap_or_else(|| actor.label().to_string()),
                    )
                })
                .unwrap_or_default(),
        ],
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
            vec![text]
        }
        (QuestionBody::Match { pairs, .. }, Arrangement::Match { lefts, rights }) => lefts
            .iter()
            .enumerate()
            .map(|(position, index)| {
                let right = rights
                    .iter()
                    .position(|r| *r == pairs[*index].right)
                    .unwrap_or(0);
                match_line(position, &pairs[*index].left, right, &rights[right])
            })
            .collect(),
        (QuestionBody::Order { items }, Arrangement::Order(order)) => order_lines(
            items,
            order,
            (0..order.len())
                .filter_map(|authored| order.iter().position(|shown| *shown == authored)),
        ),
        _ => Vec::new(),
    }
}

/// Order items at displayed `positions`, numbered in that order, with their letters.
fn order_lines(
    items: &[String],
    order: &[usize],
    positions: impl Iterator<Item = usize>,
) -> Vec<String> {
    positions
        .enumerate()
        .map(|(rank, position)| {
            format!(
                "{}. {}) {}",
                rank + 1,
                letter(position),
                items[order[position]]
            )
        })
        .collect()
}

fn true_false(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

fn match_line(left_position: usize, left: &str, right_position: usize, right: &str) -> String {
    format!(
        "{}. {left} → {}) {right}",
        left_position + 1,
        letter(right_position)
    )
}

/// What the learner answered, as displayed, with the texts (like [`right_answer`]).
pub fn given_answer(planned: &PlannedQuestion, response: &Response) -> Vec<String> {
    match (&planned.question.body, &planned.arrangement, response) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Arrangement::Choices(order),
            Response::Single(_) | Response::Multiple(_),
        ) => {
            let positions = match response {
                Response::Single(position) => std::slice::from_ref(position),
                Response::Multiple(positions) => positions.as_slice(),
                _ => &[],
            };
            positions
                .iter()
                .filter_map(|&position| {
                    let index = *order.get(position)?;
                    Some(format!("{}) {}", letter(position), choices[index].text))
                })
                .collect()
        }
        (_, _, Response::TrueFalse(value)) => vec![true_false(*value).to_string()],
        (_, _, Response::Short(text)) => vec![text.clone()],
        (_, _, Response::Numeric(value)) => vec![number_exact(*value)],
        (
            QuestionBody::Match { pairs, .. },
            Arrangement::Match { lefts, rights },
            Response::Match(given),
        ) => lefts
            .iter()
            .enumerate()
            .map(|(position, index)| {
                let left = &pairs[*index].left;
                match given.iter().find(|(l, _)| *l == position) {
                    Some((_, right)) => match_line(position, left, *right, &rights[*right]),
                    None => format!("{}. {left} → (not paired)", position + 1),
                }
            })
            .collect(),
        (QuestionBody::Order { items }, Arrangement::Order(order), Response::Order(given)) => {
            order_lines(items, order, given.iter().copied())
        }
        _ => Vec::new(),
    }
}

fn number_exact(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// The sources of a question in one line: for each claim, who said it
/// (through whom), the evidence offered and what the report shows.
pub fn citation(bank: &Bank, planned: &PlannedQuestion) -> Option<String> {
    let parts: Vec<String> = planned
        .question
        .common
        .claims
        .iter()
        .filter_map(|id| bank.claim(id))
        .map(|claim| {
            let speaker = bank.actor_mention(&claim.by);
            let mut who = if claim.attribution == crate::bank::Attribution::Ambiguous {
                format!("unclear whose words (they come up in what {speaker} said)")
            } else if bank
                .actor(&claim.by)
                .is_some_and(|actor| actor.kind == crate::bank::ActorKind::Reporter)
            {
                "the report's own voice".to_string()
            } else {
                speaker
            };
            if !claim.via.is_empty() {
                let chain: Vec<String> =
                    claim.via.iter().map(|id| bank.actor_mention(id)).collect();
                who.push_str(&format!(" via {}", chain.join(", ")));
            }
            format!(
                "{who} — {}; {} ({})",
                evidence_mentioned(bank, claim),
                claim.support.describe(),
                claim.id
            )
        })
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some(format!("Source: {one}")),
        _ => Some(format!("Sources: {}", parts.join(" · "))),
    }
}

/// The evidence the report mentions for a claim, in words: the kinds beyond
/// the speaker's own word, else that there is nothing beyond it (or none).
fn evidence_mentioned(bank: &Bank, claim: &crate::bank::Claim) -> String {
    let beyond_word = crate::bank::generate::evidence_beyond_word(bank, claim);
    if !beyond_word.is_empty() {
        return beyond_word
            .iter()
            .map(|kind| kind.describe())
            .collect::<Vec<_>>()
            .join(", ");
    }
    let own_word = claim.evidence.iter().any(|evidence| {
        matches!(
            evidence.kind,
            crate::bank::EvidenceKind::SpeakerAssertion
                | crate::bank::EvidenceKind::OfficialStatement
        )
    });
    if own_word {
        "nothing beyond the speaker's own word".to_string()
    } else {
        "no evidence mentioned".to_string()
    }
}

/// The verdict of an answer in words (and a symbol unless plain), with its style.
fn verdict(answered: &Answered) -> (anstyle::Style, String) {
    let (style, symbol, words) = match answered.verdict() {
        Verdict::Skipped if answered.timed_out => (style::SKIPPED, "⏱", "Time ran out"),
        Verdict::Skipped => (style::SKIPPED, "–", "Skipped"),
        Verdict::Right => (style::RIGHT, "✓", "Right"),
        Verdict::Partly => (style::PARTLY, "◐", "Partly right"),
        Verdict::Wrong => (style::WRONG, "✗", "Wrong"),
    };
    let text = if style::look().plain {
        words.to_string()
    } else {
        format!("{symbol} {words}")
    };
    (style, text)
}

/// Writes `Label: line`, or `Label:` and one indented line per item.
fn labelled(out: &mut dyn Write, label: &str, lines: &[String]) -> io::Result<()> {
    match lines {
        [] => Ok(()),
        [one] => wrap_hanging(out, &format!("{label} "), one),
        many => {
            writeln!(out, "{label}")?;
            for line in many {
                wrap_indented(out, line, "  ", "     ")?;
            }
            Ok(())
        }
    }
}

/// `text` cut after each sentence's end, the pieces together giving back
/// `text`. A sentence ends at `.`, `!` or `?` (and closing quotes) before a
/// space and a capital, digit or quote, but not after initials or a short
/// capitalised word ("U.S.", "e.g.", "Mr."): a piece such as "S." would
/// otherwise be found inside earlier text and dropped.
fn sentence_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(offset, quote)) = chars.peek() {
            if !matches!(quote, '"' | '\'' | ')' | '\u{201d}' | '\u{2019}') {
                break;
            }
            end = offset + quote.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        let next_starts_sentence = rest.starts_with(char::is_whitespace)
            && rest.trim_start().chars().next().is_some_and(|next| {
                next.is_uppercase()
                    || next.is_ascii_digit()
                    || matches!(next, '"' | '\'' | '\u{201c}' | '\u{2018}')
            });
        let word = text[start..at]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let abbreviation = c == '.'
            && (word.contains('.')
                || (word.chars().count() <= 3 && word.starts_with(char::is_uppercase)));
        if next_starts_sentence && !abbreviation {
            pieces.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// The sentences of `text`, roughly (for spotting repeats).
fn sentences(text: &str) -> Vec<String> {
    sentence_pieces(text)
        .into_iter()
        .map(|sentence| sentence.trim().to_lowercase())
        .filter(|sentence| !sentence.is_empty())
        .collect()
}

/// Feedback after an answer (immediately, or in the end-of-quiz review):
/// the verdict first, your answer and the right one (with texts) when it
/// was not right, the feedback and explanation without repeated sentences,
/// and the sources in one line.
pub fn feedback(
    out: &mut dyn Write,
    bank: &Bank,
    planned: &PlannedQuestion,
    answered: &Answered,
) -> io::Result<()> {
    let (verdict_style, verdict) = verdict(answered);
    let mut line = format!(
        "{verdict} · {} of {}",
        number(answered.points),
        points(planned.question.points())
    );
    if let (Some(cbm), Some(level)) = (answered.cbm, answered.confidence) {
        line.push_str(&format!(" · confidence {level}: {} marks", number(cbm)));
    }
    wrap_styled(out, &line, ("", ""), Some(verdict_style))?;
    if !answered.verdict().is_right() {
        if let Some(response) = &answered.response {
            labelled(out, "Your answer:", &given_answer(planned, response))?;
        }
        labelled(out, "Right answer:", &right_answer(bank, planned))?;
    }
    let mut said: Vec<String> = Vec::new();
    let texts = answered
        .grading
        .feedback
        .iter()
        .chain(&planned.question.common.explanation);
    for text in texts {
        let fresh: Vec<&str> = sentence_pieces(text)
            .into_iter()
            .filter(|sentence| {
                // A sentence already said, or said inside a longer one, is not repeated.
                let key = sentence.trim().to_lowercase();
                !key.is_empty() && !said.iter().any(|earlier| earlier.contains(&key))
            })
            .collect();
        said.extend(sentences(text));
        let fresh = fresh.concat();
        if !fresh.trim().is_empty() {
            wrap(out, fresh.trim(), "")?;
        }
    }
    if let Some(line) = citation(bank, planned) {
        wrap_styled(out, &line, ("", "  "), Some(style::DIM))?;
    }
    writeln!(out)
}

/// The heading of an end screen, ruled unless plain (a screen reader would
/// spell out the rule's characters).
pub fn heading(out: &mut dyn Write, name: &str) -> io::Result<()> {
    let heading = if style::look().plain {
        name.to_string()
    } else {
        format!("──────── {name} ────────")
    };
    writeln!(out, "{}", style::paint(style::HEADING, &heading))
}

/// The summary shown when a quiz ends: score, pass/fail, breakdowns,
/// discernment, missed questions, seed. The figures are the summary's; the
/// session gives the questions as they were shown and the answers as typed.
pub fn end_screen(
    out: &mut dyn Write,
    bank: &Bank,
    session: &Session,
    summary: &Summary,
) -> io::Result<()> {
    let plan = &session.plan;
    heading(out, "Results")?;
    match summary.ended {
        Ended::Quit | Ended::EndOfInput | Ended::Interrupted => {
            wrap(
                out,
                &format!(
                    "Stopped early: {} of {} questions answered.",
                    summary.answered, summary.questions
                ),
                "",
            )?;
        }
        Ended::TimeUp => {
            let unanswered = summary.unanswered();
            wrap(
                out,
                &format!(
                    "Time is up: {} of {} questions answered; {}.",
                    summary.answered,
                    summary.questions,
                    match unanswered {
                        0 => "an answer typed after the limit is not scored".to_string(),
                        1 => "the unanswered one earns 0".to_string(),
                        _ => format!("the {unanswered} unanswered earn 0"),
                    }
                ),
                "",
            )?;
        }
        Ended::Finished | Ended::InProgress => {}
    }
    wrap(
        out,
        &format!(
            "Score: {} of {} ({}%)",
            number(summary.score),
            points(summary.max_score),
            number(summary.percent)
        ),
        "",
    )?;
    if let Some(cbm) = &summary.cbm {
        wrap(
            out,
            &format!(
                "Confidence-based marks: {} of {} (beside the plain score, not instead of it)",
                number(cbm.score),
                number(cbm.max)
            ),
            "",
        )?;
    }
    match (plan.options.pass_mark, summary.passed) {
        (Some(mark), Some(true)) => writeln!(out, "Passed (pass mark {}%).", number(mark * 100.0))?,
        (Some(mark), Some(false)) => {
            writeln!(out, "Not passed (pass mark {}%).", number(mark * 100.0))?;
        }
        (Some(_), None) => writeln!(out, "No pass/fail: the quiz was not finished.")?,
        _ => {}
    }
    breakdown(out, "By tag", &summary.by_tag)?;
    breakdown(out, "By question kind", &summary.by_kind)?;
    if let Some(line) = discernment_line(&summary.discernment) {
        writeln!(out)?;
        wrap(out, &line, "")?;
    }
    let end_feedback = plan.options.feedback == crate::bank::FeedbackMode::End;
    if end_feedback {
        writeln!(out)?;
        writeln!(out, "Review:")?;
        writeln!(out)?;
        for (index, (planned, answered)) in plan.questions.iter().zip(&session.answers).enumerate()
        {
            let Some(answered) = answered else { continue };
            wrap_hanging(
                out,
                &format!("{}. ", index + 1),
                &planned.question.common.prompt,
            )?;
            feedback(out, bank, planned, answered)?;
        }
    } else if !summary.to_review.is_empty() {
        writeln!(out)?;
        writeln!(out, "To review:")?;
        for missed in &summary.to_review {
            let Some(planned) = plan.questions.get(missed.position) else {
                continue;
            };
            let answered = session
                .answers
                .get(missed.position)
                .and_then(Option::as_ref);
            writeln!(out)?;
            wrap_hanging(
                out,
                &format!("{}. ", missed.position + 1),
                &planned.question.common.prompt,
            )?;
            match answered.and_then(|answered| answered.response.as_ref()) {
                Some(response) => labelled(out, "Your answer:", &given_answer(planned, response))?,
                None if answered.is_some_and(|answered| answered.timed_out) => {
                    writeln!(out, "Your answer: none (time ran out)")?;
                }
                None => writeln!(out, "Your answer: skipped")?,
            }
            labelled(out, "Right answer:", &right_answer(bank, planned))?;
            if let Some(explanation) = &planned.question.common.explanation {
                wrap(out, explanation, "")?;
            }
        }
    }
    if !end_feedback {
        writeln!(out)?;
    }
    wrap(
        out,
        &format!("Seed {} · replay with --seed {}", plan.seed, plan.seed),
        "",
    )
}

/// "1 point", "2.5 points".
fn points(value: f64) -> String {
    let unit = if (value - 1.0).abs() < 1e-9 {
        "point"
    } else {
        "points"
    };
    format!("{} {unit}", number(value))
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
        writeln!(
            out,
            "  {:<width$}  {:>5} of {:<3} {:>4}%",
            clean(key),
            number(tally.earned),
            number(tally.possible),
            number(tally.percent().round())
        )?;
    }
    Ok(())
}

/// "Caught the unsupported / recognised the supported", when both kinds of
/// claim were asked (discernment, not cynicism).
fn discernment_line(discernment: &Discernment) -> Option<String> {
    if !discernment.has_both_halves() {
        return None;
    }
    Some(format!(
        "Discernment: caught {} of {}; recognised {} of {} the report supports or leaves open.",
        discernment.unsupported_right,
        plural(
            discernment.unsupported_asked,
            "unsupported claim",
            "unsupported claims"
        ),
        discernment.supported_or_open_right,
        plural(discernment.supported_or_open_asked, "claim", "claims"),
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
    if !bank.reading.is_empty() {
        writeln!(out)?;
        writeln!(out, "The report, retold")?;
        wrap(
            out,
            "(The bank's author retells the report in their own words, keeping who said what, through whom, and on what evidence; words in quotation marks are the report's own.)",
            "  ",
        )?;
        for paragraph in &bank.reading {
            writeln!(out)?;
            wrap(out, paragraph, "  ")?;
        }
    }
    Ok(())
}
