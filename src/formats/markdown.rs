//! A printable handout of a bank's questions in Markdown. Safe to hand to
//! students by default: no answers, no claims table, choices in an order
//! that gives nothing away (alphabetical unless the author fixed it, order
//! items never in the right order). With `key`, an answer key with the
//! explanations follows (the `export` command adds the claims table).

use super::{Exported, Exporter, exact, match_rights, short_answers};
use crate::bank::text::clean;
use crate::bank::{Bank, LoadedBank, Question, QuestionBody};
use crate::wording::letter;
use std::fmt::Write as _;

/// The Markdown handout exporter.
pub struct Markdown {
    /// Add the answer key.
    pub key: bool,
}

impl Exporter for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn export(&self, loaded: &LoadedBank) -> Exported {
        let bank = &loaded.bank;
        let mut out = String::with_capacity(loaded.questions().len() * 300);
        let _ = writeln!(out, "# {}\n", cell(&bank.title));
        let _ = writeln!(out, "Source: {}\n", cell(&source_line(bank)));
        if let Some(description) = &bank.description {
            let _ = writeln!(out, "{}\n", cell(description));
        }
        out.push_str("Name: ______________________  Date: ____________\n\n## Questions\n");
        let all_shown: Vec<Shown> = loaded.questions().iter().map(how_shown).collect();
        for (number, (question, shown)) in loaded.questions().iter().zip(&all_shown).enumerate() {
            question_block(&mut out, number + 1, question, shown);
        }
        if self.key {
            out.push_str("\n## Answer key\n\n");
            for (number, (question, shown)) in loaded.questions().iter().zip(&all_shown).enumerate()
            {
                let _ = writeln!(out, "{}. {}", number + 1, key_line(bank, question, shown));
                if let Some(explanation) = &question.common.explanation {
                    let _ = writeln!(out, "   {}", cell(explanation));
                }
            }
        }
        Exported {
            bytes: out.into_bytes(),
            skipped: Vec::new(),
        }
    }
}

fn source_line(bank: &Bank) -> String {
    let source = &bank.source;
    let parts: Vec<&str> = [&source.title, &source.outlet, &source.date]
        .into_iter()
        .filter_map(Option::as_deref)
        .collect();
    if parts.is_empty() {
        "not stated".to_string()
    } else {
        parts.join(", ")
    }
}

/// The order things are shown in: indexes into the question's lists.
struct Shown {
    /// Choices (single, multiple) or order items.
    order: Vec<usize>,
    /// Match rights, by text.
    rights: Vec<String>,
}

fn alphabetical(texts: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|a, b| {
        texts[*a]
            .to_lowercase()
            .cmp(&texts[*b].to_lowercase())
            .then(a.cmp(b))
    });
    order
}

fn how_shown(question: &Question) -> Shown {
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            let order = if question.shuffles_choices() {
                alphabetical(&choices.iter().map(|c| c.text.as_str()).collect::<Vec<_>>())
            } else {
                (0..choices.len()).collect()
            };
            Shown {
                order,
                rights: Vec::new(),
            }
        }
        QuestionBody::Order { items } => {
            let texts: Vec<&str> = items.iter().map(String::as_str).collect();
            let mut order = alphabetical(&texts);
            // Never print the right order: turn it by one when it would be.
            if order.iter().map(|i| texts[*i]).eq(texts.iter().copied()) {
                order.rotate_left(1);
            }
            Shown {
                order,
                rights: Vec::new(),
            }
        }
        QuestionBody::Match { .. } => {
            let rights = match_rights(question);
            let refs: Vec<&str> = rights.iter().map(String::as_str).collect();
            let order = alphabetical(&refs);
            Shown {
                order: Vec::new(),
                rights: order.into_iter().map(|i| rights[i].clone()).collect(),
            }
        }
        _ => Shown {
            order: Vec::new(),
            rights: Vec::new(),
        },
    }
}

fn question_block(out: &mut String, number: usize, question: &Question, shown: &Shown) {
    let points = question.points();
    let worth = if (points - 1.0).abs() < f64::EPSILON {
        String::new()
    } else {
        format!(" *({} points)*", exact(points))
    };
    let _ = writeln!(
        out,
        "\n**{number}.** {}{worth}\n",
        cell(&question.common.prompt)
    );
    match &question.body {
        QuestionBody::Single { choices } => {
            for (position, index) in shown.order.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "- ( ) {}. {}",
                    letter(position),
                    cell(&choices[*index].text)
                );
            }
        }
        QuestionBody::Multiple { choices } => {
            out.push_str("*Choose all that apply.*\n\n");
            for (position, index) in shown.order.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "- [ ] {}. {}",
                    letter(position),
                    cell(&choices[*index].text)
                );
            }
        }
        QuestionBody::TrueFalse { .. } => out.push_str("( ) True    ( ) False\n"),
        QuestionBody::Short { .. } => out.push_str("Answer: ______________________________\n"),
        QuestionBody::Numeric { unit, .. } => {
            let _ = writeln!(
                out,
                "Answer: ____________{}",
                unit.as_deref()
                    .map(|unit| format!(" {}", cell(unit)))
                    .unwrap_or_default()
            );
        }
        QuestionBody::Match { pairs, .. } => {
            out.push_str("*Write the letter of the matching item on the right.*\n\n");
            for (index, pair) in pairs.iter().enumerate() {
                let _ = writeln!(out, "{}. {} ____", index + 1, cell(&pair.left));
            }
            out.push('\n');
            for (position, right) in shown.rights.iter().enumerate() {
                let _ = writeln!(out, "- {}. {}", letter(position), cell(right));
            }
        }
        QuestionBody::Order { items } => {
            out.push_str("*Write the letters in the right order.*\n\n");
            for (position, index) in shown.order.iter().enumerate() {
                let _ = writeln!(out, "- {}. {}", letter(position), cell(&items[*index]));
            }
            out.push_str("\nOrder: ______________________\n");
        }
    }
}

/// The right answer, as the handout's letters and the bank's texts.
fn key_line(bank: &Bank, question: &Question, shown: &Shown) -> String {
    let credit = |value: f64| format!("{}%", exact((value * 100.0 * 100.0).round() / 100.0));
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            let mut right = Vec::new();
            let mut partial = Vec::new();
            for (position, index) in shown.order.iter().enumerate() {
                let choice = &choices[*index];
                let label = format!("{} ({})", letter(position), cell(&choice.text));
                if choice.correct {
                    right.push(label);
                } else if let Some(value) = choice.credit.filter(|value| *value != 0.0) {
                    partial.push(format!("{label} {}", credit(value)));
                }
            }
            let mut line = right.join(", ");
            if !partial.is_empty() {
                let _ = write!(line, "; also credited: {}", partial.join(", "));
            }
            line
        }
        QuestionBody::TrueFalse { answer, .. } => {
            if *answer { "True" } else { "False" }.to_string()
        }
        QuestionBody::Short { .. } => short_answers(bank, question)
            .iter()
            .map(|answer| match answer.credit {
                Some(value) if !super::is_full(value) => {
                    format!("{} ({})", cell(&answer.text), credit(value))
                }
                _ => cell(&answer.text),
            })
            .collect::<Vec<_>>()
            .join(" / "),
        QuestionBody::Numeric {
            answer,
            tolerance,
            ranges,
            unit,
        } => {
            let mut line = exact(*answer);
            if let Some(tolerance) = tolerance.filter(|t| *t > 0.0) {
                let _ = write!(line, " ± {}", exact(tolerance));
            }
            if let Some(unit) = unit {
                let _ = write!(line, " {}", cell(unit));
            }
            for range in ranges.iter().filter(|r| r.credit.unwrap_or(0.0) > 0.0) {
                let _ = write!(
                    line,
                    "; {} to {}: {}",
                    exact(range.min),
                    exact(range.max),
                    credit(range.credit.unwrap_or(0.0))
                );
            }
            line
        }
        QuestionBody::Match { pairs, .. } => pairs
            .iter()
            .enumerate()
            .map(|(index, pair)| {
                let position = shown
                    .rights
                    .iter()
                    .position(|r| *r == pair.right)
                    .unwrap_or(0);
                format!("{}{}", index + 1, letter(position))
            })
            .collect::<Vec<_>>()
            .join(" "),
        QuestionBody::Order { .. } => {
            let mut letters = vec![String::new(); shown.order.len()];
            for (position, index) in shown.order.iter().enumerate() {
                letters[*index] = letter(position).to_string();
            }
            letters.join(" ")
        }
    }
}

/// Bank text made safe for a markdown table cell: control characters
/// cleaned (newlines become spaces) and markdown's special characters escaped.
pub fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in clean(text).chars() {
        if matches!(
            character,
            '\\' | '|' | '`' | '*' | '_' | '<' | '>' | '[' | ']'
        ) {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}
