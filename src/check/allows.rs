//! `lint_allow` (warnings accepted on purpose, for the bank or one item)
//! and the authors' `x-review` notes, which `check` lists as notes.

use super::{RuleId, shorten};
use crate::bank::scan::ReviewNote;
use crate::bank::spans::{JsonPath, PathSegment};
use crate::bank::{Bank, Finding, LintAllow, REVIEW_NOTE_KEY, Severity, validate};
use serde_json::Value;

/// Drops the warnings a `lint_allow` accepts: the bank's anywhere, a
/// question's, claim's or exchange's for findings inside it. Errors and
/// notes are never dropped.
pub fn apply_allows(bank: &Bank, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|finding| finding.severity != Severity::Warning || !is_allowed(bank, finding))
        .collect()
}

fn is_allowed(bank: &Bank, finding: &Finding) -> bool {
    let names = |allows: &[LintAllow]| {
        allows
            .iter()
            .any(|allow| allow.rule == finding.rule.as_str())
    };
    if names(&bank.lint_allow) {
        return true;
    }
    let [PathSegment::Key(list), PathSegment::Index(index), ..] = finding.path.0.as_slice() else {
        return false;
    };
    match list.as_str() {
        "questions" => bank
            .questions
            .get(*index)
            .is_some_and(|q| names(&q.common.lint_allow)),
        "claims" => bank
            .claims
            .get(*index)
            .is_some_and(|c| names(&c.lint_allow)),
        "exchanges" => bank
            .exchanges
            .get(*index)
            .is_some_and(|e| names(&e.lint_allow)),
        _ => false,
    }
}

pub(super) fn unknown_allows(bank: &Bank, findings: &mut Vec<Finding>) {
    let ids: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|rule| rule.severity() == Severity::Warning)
        .map(|rule| rule.as_str())
        .collect();
    // Each scope's path is made only when the scope allows something.
    let mut check_scope = |scope: &dyn Fn() -> JsonPath, allows: &[LintAllow]| {
        for (index, allow) in allows.iter().enumerate() {
            let path = scope()
                .and_key("lint_allow")
                .and_index(index)
                .and_key("rule");
            let finding = match RuleId::from_id(&allow.rule) {
                None => Finding::warning(RuleId::UnknownAllow, path, format!("`{}` is not a rule", allow.rule)).hint(
                    match validate::closest(&allow.rule, &ids) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "`crossexam check --explain RULE` describes each rule; warnings are listed in the README".to_string(),
                    },
                ),
                Some(known) if known.severity() == Severity::Error => Finding::warning(
                    RuleId::UnknownAllow,
                    path,
                    format!("`{known}` is an error, and errors cannot be allowed"),
                )
                .hint("fix the problem instead; lint_allow accepts warnings only"),
                Some(known) if known.severity() == Severity::Note => Finding::warning(
                    RuleId::UnknownAllow,
                    path,
                    format!("`{known}` is a note, which never fails a check"),
                )
                .hint("remove this entry; a note goes away when its `x-review` key is deleted"),
                Some(_) => continue,
            };
            findings.push(finding);
        }
    };
    let root = JsonPath::root();
    check_scope(&JsonPath::root, &bank.lint_allow);
    for (index, claim) in bank.claims.iter().enumerate() {
        if !claim.lint_allow.is_empty() {
            check_scope(&|| root.key("claims").index(index), &claim.lint_allow);
        }
    }
    for (index, exchange) in bank.exchanges.iter().enumerate() {
        if !exchange.lint_allow.is_empty() {
            check_scope(&|| root.key("exchanges").index(index), &exchange.lint_allow);
        }
    }
    for (index, question) in bank.questions.iter().enumerate() {
        if !question.common.lint_allow.is_empty() {
            check_scope(
                &|| root.key("questions").index(index),
                &question.common.lint_allow,
            );
        }
    }
}

/// A note for every `x-review` key a scan of the document `text` found
/// (authors' review notes).
pub fn review_notes(text: &str, found: &[ReviewNote]) -> Vec<Finding> {
    let mut notes = Vec::new();
    for review in found {
        let Ok(value) = serde_json::from_str::<Value>(&text[review.value.clone()]) else {
            continue;
        };
        let path = &review.object;
        match value {
            Value::String(text) => {
                notes.push(note(path.clone(), shorten(&text, 300)).at_key(REVIEW_NOTE_KEY));
            }
            Value::Array(items) if items.iter().all(Value::is_string) && !items.is_empty() => {
                for (index, text) in items.iter().enumerate() {
                    let text = text.as_str().unwrap_or_default();
                    notes.push(note(
                        path.key(REVIEW_NOTE_KEY).index(index),
                        shorten(text, 300),
                    ));
                }
            }
            other => {
                notes.push(
                    note(path.clone(), shorten(&other.to_string(), 300)).at_key(REVIEW_NOTE_KEY),
                );
            }
        }
    }
    notes
}

fn note(path: JsonPath, message: String) -> Finding {
    Finding {
        severity: Severity::Note,
        ..Finding::warning(RuleId::XReview, path, message)
    }
    .hint("check what it asks, then delete the \"x-review\" key")
}
