//! Moodle's GIFT text format, both ways. Export writes every type GIFT can
//! express (ordering has no GIFT form and is reported, never dropped
//! silently); [`import`] reads all of GIFT.
//!
//! Conventions shared with Moodle's own importer (`question/format/gift`):
//! the question title `::name::` is the question id; `// [tag:x]` comments
//! carry tags; `$CATEGORY:` lines name the bank and the first tag; true/false
//! feedback is written wrong-answer first, then right-answer; the explanation
//! is the general feedback after `####`.

pub mod import;

use super::{Exported, Exporter, Skipped, choice_credits, decimal, exact, is_full, short_answers};
use crate::bank::{LoadedBank, Question, QuestionBody};
use std::fmt::Write as _;

pub use import::GiftImporter;

/// The GIFT exporter.
pub struct Gift;

impl Exporter for Gift {
    fn name(&self) -> &'static str {
        "gift"
    }

    fn export(&self, loaded: &LoadedBank) -> Exported {
        let bank = &loaded.bank;
        let mut out = String::with_capacity(loaded.questions().len() * 256);
        let mut skipped = Vec::new();
        let _ = writeln!(out, "// {}", one_line(&bank.title));
        let _ = writeln!(out, "// exported by crossexam from the bank `{}`", bank.id);
        let mut category: Option<String> = None;
        for question in loaded.questions() {
            if let Some(reason) = unsupported(question) {
                skipped.push(Skipped {
                    question: question.id().to_string(),
                    reason,
                });
                continue;
            }
            let wanted = match question.common.tags.first() {
                Some(tag) => format!("{}/{}", category_part(&bank.id), category_part(tag)),
                None => category_part(&bank.id),
            };
            if category.as_deref() != Some(wanted.as_str()) {
                let _ = write!(out, "\n$CATEGORY: {wanted}\n");
                category = Some(wanted);
            }
            out.push('\n');
            question_text(&mut out, bank, question);
        }
        Exported {
            bytes: out.into_bytes(),
            skipped,
        }
    }
}

/// Why a question has no GIFT form, if it has none.
fn unsupported(question: &Question) -> Option<String> {
    match &question.body {
        QuestionBody::Order { .. } => Some("GIFT has no ordering question".to_string()),
        QuestionBody::Match { pairs, .. } if pairs.iter().any(|pair| pair.left.contains("->")) => {
            Some("a match left contains `->`, which GIFT cannot escape".to_string())
        }
        // Only `=` answers and an arrow read as a matching question.
        QuestionBody::Short { answers, .. }
            if answers.iter().any(|answer| {
                answer.text.contains("->")
                    || answer
                        .feedback
                        .as_deref()
                        .is_some_and(|text| text.contains("->"))
            }) =>
        {
            Some("a short answer contains `->`, which GIFT reads as matching".to_string())
        }
        _ => None,
    }
}

/// One question, ending with a newline.
fn question_text(out: &mut String, bank: &crate::bank::Bank, question: &Question) {
    if !question.common.tags.is_empty() {
        out.push_str("//");
        for tag in &question.common.tags {
            let _ = write!(out, " [tag:{}]", tag_text(tag));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "::{}::{} {{",
        escape(question.id()),
        escape(&question.common.prompt)
    );
    match &question.body {
        QuestionBody::Single { choices } => {
            for choice in choices {
                let marker = if choice.correct { "=" } else { "~" };
                let weight = match choice.credit {
                    Some(credit) if !choice.correct && credit != 0.0 => weight(credit),
                    // A text starting with `%` would be read as a weight.
                    _ if choice.text.starts_with('%') => {
                        weight(if choice.correct { 1.0 } else { 0.0 })
                    }
                    _ => String::new(),
                };
                answer_line(
                    out,
                    marker,
                    &weight,
                    &choice.text,
                    choice.feedback.as_deref(),
                );
            }
        }
        QuestionBody::Multiple { choices } => {
            for (choice, credit) in choices.iter().zip(choice_credits(question)) {
                answer_line(
                    out,
                    "~",
                    &weight(credit),
                    &choice.text,
                    choice.feedback.as_deref(),
                );
            }
        }
        QuestionBody::TrueFalse {
            answer,
            feedback_true,
            feedback_false,
        } => {
            // Moodle: the first feedback is for a wrong answer, the second for a right one.
            let (keyword, wrong, right) = if *answer {
                ("TRUE", feedback_false, feedback_true)
            } else {
                ("FALSE", feedback_true, feedback_false)
            };
            let _ = write!(out, "\t{keyword}");
            match (wrong, right) {
                (None, None) => {}
                (wrong, None) => {
                    let _ = write!(out, "#{}", escape(wrong.as_deref().unwrap_or("")));
                }
                (wrong, Some(right)) => {
                    let _ = write!(
                        out,
                        "#{}#{}",
                        escape(wrong.as_deref().unwrap_or("")),
                        escape(right)
                    );
                }
            }
            out.push('\n');
        }
        QuestionBody::Short { .. } => {
            for answer in short_answers(bank, question) {
                let credit = answer.credit.unwrap_or(1.0);
                let weight = if is_full(credit) && !answer.text.starts_with('%') {
                    String::new()
                } else {
                    weight(credit)
                };
                answer_line(out, "=", &weight, &answer.text, answer.feedback.as_deref());
            }
        }
        QuestionBody::Numeric {
            answer,
            tolerance,
            ranges,
            ..
        } => {
            let main = match tolerance {
                Some(tolerance) if *tolerance > 0.0 => {
                    format!("{}:{}", exact(*answer), exact(*tolerance))
                }
                _ => exact(*answer),
            };
            if ranges.is_empty() {
                let _ = writeln!(out, "\t#{main}");
            } else {
                let _ = writeln!(out, "\t#\n\t={main}");
                for range in ranges {
                    let _ = write!(
                        out,
                        "\t={}{}..{}",
                        weight(range.credit.unwrap_or(0.0)),
                        exact(range.min),
                        exact(range.max)
                    );
                    if let Some(feedback) = &range.feedback {
                        let _ = write!(out, "#{}", escape(feedback));
                    }
                    out.push('\n');
                }
            }
        }
        QuestionBody::Match { pairs, extra_right } => {
            for pair in pairs {
                let _ = writeln!(
                    out,
                    "\t={} -> {}",
                    escape(&pair.left),
                    escape(&one_line(&pair.right))
                );
            }
            for right in extra_right {
                let _ = writeln!(out, "\t= -> {}", escape(&one_line(right)));
            }
        }
        QuestionBody::Order { .. } => {}
    }
    if let Some(explanation) = &question.common.explanation {
        let _ = writeln!(out, "\t####{}", escape(explanation));
    }
    out.push_str("}\n");
}

fn answer_line(out: &mut String, marker: &str, weight: &str, text: &str, feedback: Option<&str>) {
    let _ = write!(out, "\t{marker}{weight}{}", escape(text));
    if let Some(feedback) = feedback {
        let _ = write!(out, "#{}", escape(feedback));
    }
    out.push('\n');
}

/// `%50%`, `%-33.3333333%`.
fn weight(credit: f64) -> String {
    format!("%{}%", decimal(credit * 100.0))
}

/// Escapes GIFT's control characters; line breaks become `\n`.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Match rights are plain text in GIFT: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A category path segment: `/` is doubled (Moodle's escape), no line breaks.
fn category_part(text: &str) -> String {
    one_line(text).replace('/', "//")
}

/// A tag inside `[tag:…]`: no `]` and no line breaks.
fn tag_text(tag: &str) -> String {
    one_line(tag).replace(']', ")")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape("a=b ~c #d {e} f:g \\ h\ni"),
            "a\\=b \\~c \\#d \\{e\\} f\\:g \\\\ h\\ni"
        );
    }
}
