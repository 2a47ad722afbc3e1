//! `crossexam check`'s lint rules, beyond what loading and
//! [`validate`](crate::bank::validate) already refuse. One module per family:
//!
//! - [`items`]: item writing (Haladyna's guidelines: choices, stems, cues);
//! - [`pedagogy`]: the rules of `PEDAGOGY.md` (support and evidence, claim
//!   coverage, give-aways, answer-position and cynicism bias), also applied
//!   to generated questions;
//! - [`provenance`]: wording against the `--source` report, stale generated copies;
//! - [`text_safety`]: control, bidi and invisible characters in bank text;
//! - [`allows`]: `lint_allow` and the authors' `x-review` notes.
//!
//! Every rule has a [`RuleId`] (its id and severity, from one table);
//! `docs/check-rules.md` says what each checks (see [`crate::bank::rule_docs`]).
//!
//! Pure: takes a typed [`Bank`] (and, when there is one, the document it
//! was typed from) plus optional source text and returns
//! [`Finding`]s with JSON paths; positions are computed by the caller, only
//! for what is reported. Depends on `bank`; `bank` never depends on it.

pub mod allows;
pub mod items;
pub mod pedagogy;
pub mod provenance;
pub mod text_safety;

pub use crate::bank::rule::RuleId;
pub use allows::{apply_allows, review_notes};
pub use text_safety::forbidden_char_offset;

use crate::bank::scan::UnsafeString;
use crate::bank::{Bank, Finding, Question, generate, spans::JsonPath};

/// The rule with this id.
pub fn rule(id: &str) -> Option<RuleId> {
    RuleId::from_id(id)
}

/// Every lint finding for a typed bank (not the structural errors of
/// [`validate`](crate::bank::validate::validate)), with `lint_allow` applied. `source` is the text
/// `report_wording` must come from (`check --source`).
pub fn lint(bank: &Bank, source: Option<&str>) -> Vec<Finding> {
    lint_parsed(bank, None, source)
}

/// [`lint`], given also the unsafe strings a scan of the bank's text found
/// (every string of the file is checked, unknown fields included, instead
/// of a second copy of the bank as JSON).
pub fn lint_parsed(
    bank: &Bank,
    unsafe_strings: Option<&[UnsafeString]>,
    source: Option<&str>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let root = JsonPath::root();
    for (index, question) in bank.questions.iter().enumerate() {
        items::lint_question(
            bank,
            &root.key("questions").index(index),
            question,
            &mut findings,
        );
    }
    let source_text = source;
    let mut source = source.map(provenance::PreparedSource::new);
    for (index, claim) in bank.claims.iter().enumerate() {
        let path = root.key("claims").index(index);
        pedagogy::support_without_evidence(&path, claim, &mut findings);
        items::claim_fragment(&path, claim, &mut findings);
        if let Some(source) = &mut source {
            provenance::wording_in_source(&path, claim, source, &mut findings);
        }
    }
    if let Some(prepared) = &mut source {
        provenance::reading_in_source(bank, prepared, &mut findings);
    }
    if let Some(text) = source_text {
        provenance::reading_copies(bank, text, &mut findings);
    }
    match unsafe_strings {
        Some(found) => text_safety::unsafe_strings(found, &mut findings),
        None => text_safety::control_chars(bank, &mut findings),
    }
    // The questions a quiz uses: the authored ones, then the generated ones
    // no authored question covers.
    let generated = generate::uncovered_generated(bank);
    let questions: Vec<&Question> = bank.questions.iter().chain(&generated).collect();
    pedagogy::generated_findings(bank, &generated, &mut findings);
    pedagogy::names_asked_speaker(bank, &questions, &mut findings);
    pedagogy::claim_coverage(bank, &questions, &mut findings);
    pedagogy::cynicism_bias(bank, &questions, &mut findings);
    pedagogy::position_bias(bank, &mut findings);
    allows::unknown_allows(bank, &mut findings);
    apply_allows(bank, findings)
}

pub(crate) fn letter(index: usize) -> char {
    char::from(b'a' + (index % 26) as u8)
}

pub(crate) fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        text.to_string()
    } else {
        let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
