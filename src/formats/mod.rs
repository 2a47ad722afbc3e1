//! Moving banks to and from the LMS tools schools already run: GIFT (both
//! ways), Moodle XML, IMS QTI 2.1 content packages and a printable Markdown
//! handout. One [`Exporter`] per output format (bank → bytes) and one
//! [`Importer`] per input format (text → bank and findings). Formats know
//! nothing about sessions, terminals or files: the `export` and `import`
//! commands read and write.

pub mod gift;
pub mod markdown;
pub mod moodle_xml;
pub mod qti;
mod xml;

use crate::bank::{Bank, Diagnostic, LoadedBank, Question};

/// A question an export had to leave out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub question: String,
    pub reason: String,
}

/// What an export produced.
#[derive(Debug, Clone)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// Questions the format has no form for (reported, never dropped silently).
    pub skipped: Vec<Skipped>,
}

/// Writes a bank in one format.
pub trait Exporter {
    /// The format's name on the command line (`--to NAME`).
    fn name(&self) -> &'static str;
    /// The bank (its authored and generated questions) in this format.
    fn export(&self, bank: &LoadedBank) -> Exported;
}

/// A question of the input the bank could not take, kept for the trainer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SetAside {
    /// 1-based line where the question starts.
    pub line: usize,
    /// What kind of question it was (`essay`, `description`, …).
    pub kind: String,
    /// The question's text as written in the input.
    pub text: String,
}

/// What an import produced.
#[derive(Debug, Clone)]
pub struct Imported {
    pub bank: Bank,
    /// Warnings and notes about the input, with `file:line:col`.
    pub findings: Vec<Diagnostic>,
    /// Questions with no crossexam form, kept as notes in the written bank.
    pub set_aside: Vec<SetAside>,
}

/// Why an input could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file} cannot be imported: {} problem{}", diagnostics.len(), if diagnostics.len() == 1 { "" } else { "s" })]
    Invalid {
        file: String,
        /// The imported file's text, which the diagnostics' offsets point into.
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads a bank from one format.
pub trait Importer {
    /// Imports `text`; `file` names it in messages, `bank_id` becomes the bank's id.
    fn import(&self, file: &str, text: &str, bank_id: &str) -> Result<Imported, ImportError>;
}

/// Whether a credit is full credit (1), the default most formats leave out.
pub(crate) fn is_full(credit: f64) -> bool {
    (credit - 1.0).abs() < 1e-12
}

/// `1`, `0.5`, `-33.33333`: a number as LMS formats write it, without an
/// exponent and with at most 7 decimals (Moodle keeps fractions to 7).
pub(crate) fn decimal(value: f64) -> String {
    let rounded = (value * 1e7).round() / 1e7;
    let text = format!("{rounded:.7}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A number as exactly as it is stored (shortest form that reads back the
/// same), never with an exponent.
pub(crate) fn exact(value: f64) -> String {
    let text = format!("{value}");
    if text == "-0" { "0".to_string() } else { text }
}

/// The credit each choice of a single or multiple question gives, as the
/// engine scores it: single, 1 for the right choice and its `credit` for the
/// others; multiple without any `credit`, +1/k for each of the k right
/// choices and −1/k for each wrong one.
pub(crate) fn choice_credits(question: &Question) -> Vec<f64> {
    let choices = match &question.body {
        crate::bank::QuestionBody::Single { choices } => {
            return choices
                .iter()
                .map(|choice| {
                    if choice.correct {
                        1.0
                    } else {
                        choice.credit.unwrap_or(0.0)
                    }
                })
                .collect();
        }
        crate::bank::QuestionBody::Multiple { choices } => choices,
        _ => return Vec::new(),
    };
    if choices.iter().any(|choice| choice.credit.is_some()) {
        return choices
            .iter()
            .map(|choice| choice.credit.unwrap_or(0.0))
            .collect();
    }
    let right = choices
        .iter()
        .filter(|choice| choice.correct)
        .count()
        .max(1) as f64;
    choices
        .iter()
        .map(|choice| if choice.correct { 1.0 } else { -1.0 } / right)
        .collect()
}

/// The accepted short answers with an actor's name and aliases spelled out
/// (`accept_aliases_of`), as formats without that link need them.
pub(crate) fn short_answers(bank: &Bank, question: &Question) -> Vec<crate::bank::ShortAnswer> {
    let crate::bank::QuestionBody::Short {
        answers,
        accept_aliases_of,
        ..
    } = &question.body
    else {
        return Vec::new();
    };
    let mut all = answers.clone();
    if let Some(actor) = accept_aliases_of.as_deref().and_then(|id| bank.actor(id)) {
        for name in actor.name.iter().chain(&actor.aliases) {
            if !all.iter().any(|answer| answer.text == *name) {
                all.push(crate::bank::ShortAnswer {
                    text: name.clone(),
                    credit: None,
                    feedback: None,
                });
            }
        }
    }
    all
}

/// Match rights without repeats, in first-seen order, then the extra ones.
pub(crate) fn match_rights(question: &Question) -> Vec<String> {
    let crate::bank::QuestionBody::Match { pairs, extra_right } = &question.body else {
        return Vec::new();
    };
    let mut rights: Vec<String> = Vec::new();
    for right in pairs.iter().map(|pair| &pair.right).chain(extra_right) {
        if !rights.contains(right) {
            rights.push(right.clone());
        }
    }
    rights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_have_no_exponent_and_no_trailing_zeros() {
        assert_eq!(decimal(100.0), "100");
        assert_eq!(decimal(100.0 / 3.0), "33.3333333");
        assert_eq!(decimal(-50.0), "-50");
        assert_eq!(decimal(-0.0), "0");
        assert_eq!(exact(1e21), "1000000000000000000000");
        assert_eq!(exact(0.000_000_1), "0.0000001");
    }
}
