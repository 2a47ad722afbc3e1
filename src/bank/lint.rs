//! The lint rules of `crossexam check` beyond what [`validate`](super::validate)
//! already refuses: item-writing problems (Haladyna's guidelines), the
//! pedagogy rules of `PEDAGOGY.md` (feedback, discernment, coverage),
//! provenance (`report_wording` against the source, stale generated copies)
//! and text safety. Also: every rule's id and severity ([`RULES`]),
//! `lint_allow`, the authors' `x-review` notes, and type errors collected
//! item by item so a broken file shows all of them at once.
//!
//! Pure: takes a typed [`Bank`] (or the JSON document) and optional source
//! text and returns [`Finding`]s with JSON paths; positions are computed by
//! the caller, only for what is reported.

use super::diagnostic::{Finding, Severity};
use super::generate;
use super::giveaway;
use super::load::strip_authors_data;
use super::model::{
    Bank, Choice, Claim, EvidenceKind, LintAllow, Question, QuestionBody, QuestionKind, Support,
    Template,
};
use super::spans::{JsonPath, PathSegment};
use super::text;
use super::validate;
use serde_json::Value;
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;

pub const SYNTAX: &str = "syntax";
pub const FORMAT: &str = "format";
pub const DUPLICATE_KEY: &str = "duplicate-key";
pub const SCHEMA: &str = "schema";
pub const DUPLICATE_ID: &str = "duplicate-id";
pub const UNKNOWN_REF: &str = "unknown-ref";
pub const SINGLE_CORRECT: &str = "single-correct";
pub const MULTIPLE_CORRECT: &str = "multiple-correct";
pub const DUPLICATE_CHOICE: &str = "duplicate-choice";
pub const EMPTY_TEXT: &str = "empty-text";
pub const CONTROL_CHAR: &str = "control-char";
pub const WORDING_NOT_IN_SOURCE: &str = "wording-not-in-source";
pub const SUPPORT_WITHOUT_EVIDENCE: &str = "support-without-evidence";
pub const STALE_GENERATED_COPY: &str = "stale-generated-copy";
pub const BAD_CREDIT: &str = "bad-credit";
pub const CHOICE_COUNT: &str = "choice-count";
pub const ALL_NONE_OF_ABOVE: &str = "all-none-of-above";
pub const LENGTH_CUE: &str = "length-cue";
pub const NEGATIVE_STEM: &str = "negative-stem";
pub const ABSOLUTE_DISTRACTOR: &str = "absolute-distractor";
pub const MISSING_FEEDBACK: &str = "missing-feedback";
pub const MISSING_EXPLANATION: &str = "missing-explanation";
pub const POSITION_BIAS: &str = "position-bias";
pub const CYNICISM_BIAS: &str = "cynicism-bias";
pub const CLAIM_COVERAGE: &str = "claim-coverage";
pub const LOADED_VERB: &str = "loaded-verb";
pub const CLAIM_FRAGMENT: &str = "claim-fragment";
pub const NAMES_ASKED_SPEAKER: &str = "names-asked-speaker";
pub const READING_COPIES_SOURCE: &str = "reading-copies-source";
pub const UNKNOWN_ALLOW: &str = "unknown-allow";
pub const X_REVIEW: &str = "x-review";

/// One rule of `crossexam check`: its id (part of the bank contract) and
/// how serious it is. What it checks, why, and how to fix or allow it is
/// written in `docs/check-rules.md` (see [`super::rule_docs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
}

/// Every rule, errors first.
pub const RULES: &[Rule] = &[
    Rule {
        id: SYNTAX,
        severity: Severity::Error,
    },
    Rule {
        id: DUPLICATE_KEY,
        severity: Severity::Error,
    },
    Rule {
        id: FORMAT,
        severity: Severity::Error,
    },
    Rule {
        id: SCHEMA,
        severity: Severity::Error,
    },
    Rule {
        id: DUPLICATE_ID,
        severity: Severity::Error,
    },
    Rule {
        id: UNKNOWN_REF,
        severity: Severity::Error,
    },
    Rule {
        id: SINGLE_CORRECT,
        severity: Severity::Error,
    },
    Rule {
        id: MULTIPLE_CORRECT,
        severity: Severity::Error,
    },
    Rule {
        id: DUPLICATE_CHOICE,
        severity: Severity::Error,
    },
    Rule {
        id: EMPTY_TEXT,
        severity: Severity::Error,
    },
    Rule {
        id: CONTROL_CHAR,
        severity: Severity::Error,
    },
    Rule {
        id: WORDING_NOT_IN_SOURCE,
        severity: Severity::Error,
    },
    Rule {
        id: SUPPORT_WITHOUT_EVIDENCE,
        severity: Severity::Error,
    },
    Rule {
        id: STALE_GENERATED_COPY,
        severity: Severity::Error,
    },
    Rule {
        id: BAD_CREDIT,
        severity: Severity::Error,
    },
    Rule {
        id: CHOICE_COUNT,
        severity: Severity::Warning,
    },
    Rule {
        id: ALL_NONE_OF_ABOVE,
        severity: Severity::Warning,
    },
    Rule {
        id: LENGTH_CUE,
        severity: Severity::Warning,
    },
    Rule {
        id: NEGATIVE_STEM,
        severity: Severity::Warning,
    },
    Rule {
        id: ABSOLUTE_DISTRACTOR,
        severity: Severity::Warning,
    },
    Rule {
        id: MISSING_FEEDBACK,
        severity: Severity::Warning,
    },
    Rule {
        id: MISSING_EXPLANATION,
        severity: Severity::Warning,
    },
    Rule {
        id: POSITION_BIAS,
        severity: Severity::Warning,
    },
    Rule {
        id: CYNICISM_BIAS,
        severity: Severity::Warning,
    },
    Rule {
        id: CLAIM_COVERAGE,
        severity: Severity::Warning,
    },
    Rule {
        id: LOADED_VERB,
        severity: Severity::Warning,
    },
    Rule {
        id: CLAIM_FRAGMENT,
        severity: Severity::Warning,
    },
    Rule {
        id: READING_COPIES_SOURCE,
        severity: Severity::Warning,
    },
    Rule {
        id: NAMES_ASKED_SPEAKER,
        severity: Severity::Warning,
    },
    Rule {
        id: UNKNOWN_ALLOW,
        severity: Severity::Warning,
    },
    Rule {
        id: X_REVIEW,
        severity: Severity::Note,
    },
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}

/// Every lint finding for a typed bank (not the structural errors of
/// [`validate::validate`]), with `lint_allow` applied. `source` is the text
/// `report_wording` must come from (`check --source`).
pub fn lint(bank: &Bank, source: Option<&str>) -> Vec<Finding> {
    lint_parsed(bank, None, source)
}

/// [`lint`], given also the document the bank was typed from (as parsed,
/// before authors' data was removed): its strings are checked for control
/// characters in place, instead of in a second copy of the bank as JSON.
pub fn lint_parsed(bank: &Bank, document: Option<&Value>, source: Option<&str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let root = JsonPath::root();
    for (index, question) in bank.questions.iter().enumerate() {
        lint_question(
            bank,
            &root.key("questions").index(index),
            question,
            &mut findings,
        );
    }
    let source_text = source;
    let mut source = source.map(PreparedSource::new);
    for (index, claim) in bank.claims.iter().enumerate() {
        let path = root.key("claims").index(index);
        support_without_evidence(&path, claim, &mut findings);
        claim_fragment(&path, claim, &mut findings);
        if let Some(source) = &mut source {
            wording_in_source(&path, claim, source, &mut findings);
        }
    }
    if let Some(prepared) = &mut source {
        reading_in_source(bank, prepared, &mut findings);
    }
    if let Some(text) = source_text {
        reading_copies(bank, text, &mut findings);
    }
    match document {
        Some(document) => control_chars_in(document, &mut findings),
        None => control_chars(bank, &mut findings),
    }
    let questions = generate::expand(bank);
    generated_findings(bank, &questions, &mut findings);
    names_asked_speaker(bank, &questions, &mut findings);
    claim_coverage(bank, &questions, &mut findings);
    cynicism_bias(bank, &questions, &mut findings);
    position_bias(bank, &mut findings);
    unknown_allows(bank, &mut findings);
    apply_allows(bank, findings)
}

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
    let names = |allows: &[LintAllow]| allows.iter().any(|allow| allow.rule == finding.rule);
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

fn letter(index: usize) -> char {
    char::from(b'a' + (index % 26) as u8)
}

fn lint_question(bank: &Bank, path: &JsonPath, question: &Question, findings: &mut Vec<Finding>) {
    let common = &question.common;
    if common
        .explanation
        .as_deref()
        .is_none_or(|text| text.trim().is_empty())
    {
        findings.push(
            Finding::warning(MISSING_EXPLANATION, path.key("id"), format!("question `{}` has no explanation", common.id))
                .hint("add an \"explanation\" that says why the answer is right, citing the claim and its evidence"),
        );
    }
    negative_stem(path, &common.prompt, findings);
    if common.kind != Some(QuestionKind::AttributionVerb) {
        loaded_verb(path, &common.prompt, findings);
    }
    stale_copy(bank, path, question, findings);
    let (QuestionBody::Single { choices } | QuestionBody::Multiple { choices }) = &question.body
    else {
        return;
    };
    let is_single = matches!(question.body, QuestionBody::Single { .. });
    let choices_path = path.key("choices");
    if question.shuffles_choices() && (choices.len() < 3 || choices.len() > 5) && choices.len() >= 2
    {
        let hint = if choices.len() < 3 {
            "add a plausible distractor (\"The report does not say\" is often fair); a fixed scale should set \"shuffle\": false"
        } else {
            "drop the least plausible distractors: three to five good options are enough"
        };
        findings.push(
            Finding::warning(
                CHOICE_COUNT,
                choices_path.clone(),
                format!("{} choices; 3 to 5 work best", choices.len()),
            )
            .hint(hint),
        );
    }
    duplicate_choices(&choices_path, choices, findings);
    all_none_of_above(&choices_path, choices, findings);
    if is_single {
        length_cue(&choices_path, choices, findings);
    }
    absolute_distractor(&choices_path, choices, findings);
    missing_feedback(&choices_path, choices, findings);
    credits(&choices_path, choices, is_single, findings);
}

fn missing_feedback(choices_path: &JsonPath, choices: &[Choice], findings: &mut Vec<Finding>) {
    let missing: Vec<usize> = (0..choices.len())
        .filter(|&index| {
            choices[index]
                .feedback
                .as_deref()
                .is_none_or(|text| text.trim().is_empty())
        })
        .collect();
    let Some(&first) = missing.first() else {
        return;
    };
    let message = if missing.len() == choices.len() {
        "no choice has feedback".to_string()
    } else {
        let letters: Vec<String> = missing
            .iter()
            .map(|&index| letter(index).to_string())
            .collect();
        format!(
            "choice{} {} ha{} no feedback",
            if missing.len() == 1 { "" } else { "s" },
            letters.join(", "),
            if missing.len() == 1 { "s" } else { "ve" }
        )
    };
    findings.push(
        Finding::warning(
            MISSING_FEEDBACK,
            choices_path.index(first).key("text"),
            message,
        )
        .hint("give each choice \"feedback\" that says why it is right or wrong"),
    );
}

fn credits(
    choices_path: &JsonPath,
    choices: &[Choice],
    is_single: bool,
    findings: &mut Vec<Finding>,
) {
    for (index, choice) in choices.iter().enumerate() {
        let Some(credit) = choice.credit else {
            continue;
        };
        if !choice.correct || !(-1.0..=1.0).contains(&credit) {
            continue; // distractors' credits and out-of-range ones are validate's
        }
        let path = choices_path.index(index).key("credit");
        if is_single && (credit - 1.0).abs() > f64::EPSILON {
            findings.push(
                Finding::error(BAD_CREDIT, path, format!("the correct choice of a single question has credit {credit}"))
                    .hint("the correct choice of a `single` question always earns 1: remove its \"credit\""),
            );
        } else if !is_single && credit <= 0.0 {
            findings.push(
                Finding::error(
                    BAD_CREDIT,
                    path,
                    format!("a correct choice has credit {credit}"),
                )
                .hint("a correct choice must earn something: give it a credit above 0"),
            );
        }
    }
}

fn duplicate_choices(choices_path: &JsonPath, choices: &[Choice], findings: &mut Vec<Finding>) {
    let normalised: Vec<String> = choices
        .iter()
        .map(|choice| super::text::normalise(&choice.text))
        .collect();
    for (index, text) in normalised.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        if let Some(first) = normalised[..index]
            .iter()
            .position(|earlier| earlier == text)
        {
            findings.push(
                Finding::error(
                    DUPLICATE_CHOICE,
                    choices_path.index(index).key("text"),
                    format!(
                        "choices {} and {} say the same thing",
                        letter(first),
                        letter(index)
                    ),
                )
                .hint("make every option different; if both are right, use a `multiple` question"),
            );
        }
    }
}

fn all_none_of_above(choices_path: &JsonPath, choices: &[Choice], findings: &mut Vec<Finding>) {
    for (index, choice) in choices.iter().enumerate() {
        let text = format!(" {} ", super::text::normalise(&choice.text));
        for phrase in ["all of the above", "none of the above"] {
            if text.contains(&format!(" {phrase} ")) {
                findings.push(
                    Finding::warning(ALL_NONE_OF_ABOVE, choices_path.index(index).key("text"), format!("choice {} says \"{phrase}\"", letter(index)))
                        .hint("replace it with a specific, plausible option; shuffled choices have no \"above\""),
                );
            }
        }
    }
}

fn length_cue(choices_path: &JsonPath, choices: &[Choice], findings: &mut Vec<Finding>) {
    let Some(right) = choices.iter().position(|choice| choice.correct) else {
        return;
    };
    if choices.len() < 2 || choices.iter().filter(|choice| choice.correct).count() != 1 {
        return;
    }
    let length = |choice: &Choice| choice.text.trim().chars().count();
    let right_length = length(&choices[right]);
    let others = choices
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != right)
        .map(|(_, c)| length(c));
    let longest_other = others.clone().max().unwrap_or(0);
    if others
        .clone()
        .all(|other| right_length as f64 >= 1.5 * other as f64 && right_length >= other + 10)
    {
        findings.push(
            Finding::warning(
                LENGTH_CUE,
                choices_path.index(right).key("text"),
                format!(
                    "the correct choice is the longest by far ({right_length} characters; the longest other has {longest_other})"
                ),
            )
            .hint("shorten it, or give the distractors the same detail, so length does not give the answer away"),
        );
    }
}

/// Words of `text` outside quotation marks (straight, curly, guillemets;
/// a straight `'` quotes only where it cannot be an apostrophe).
fn unquoted_words(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quoted = vec![false; chars.len()];
    let mut position = 0;
    let letter_at = |index: usize| chars.get(index).is_some_and(|(_, c)| c.is_alphanumeric());
    while position < chars.len() {
        let closers: &[char] = match chars[position].1 {
            '"' => &['"'],
            '\'' if !(position > 0 && letter_at(position - 1)) && letter_at(position + 1) => {
                &['\'']
            }
            '\u{201c}' | '\u{201e}' => &['\u{201d}', '\u{201c}'],
            '\u{ab}' => &['\u{bb}'],
            '\u{2018}' => &['\u{2019}'],
            _ => {
                position += 1;
                continue;
            }
        };
        // A closing ’ or ' followed by a letter is an apostrophe, not the end of a quote.
        let close = (position + 1..chars.len()).find(|&later| {
            closers.contains(&chars[later].1)
                && !(matches!(chars[later].1, '\u{2019}' | '\'') && letter_at(later + 1))
        });
        match close {
            Some(close) => {
                quoted[position..=close]
                    .iter_mut()
                    .for_each(|flag| *flag = true);
                position = close + 1;
            }
            None => position += 1,
        }
    }
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (index, &(offset, c)) in chars.iter().enumerate() {
        let in_word = c.is_alphanumeric() && !quoted[index];
        match (in_word, start) {
            (true, None) => start = Some(offset),
            (false, Some(begin)) => {
                words.push(&text[begin..offset]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        words.push(&text[begin..]);
    }
    words
}

fn negative_stem(path: &JsonPath, prompt: &str, findings: &mut Vec<Finding>) {
    let found = unquoted_words(prompt).into_iter().find(|word| {
        let lower = word.to_lowercase();
        (lower == "not" || lower == "except") && *word != word.to_uppercase()
    });
    if let Some(word) = found {
        findings.push(
            Finding::warning(
                NEGATIVE_STEM,
                path.key("prompt"),
                format!("the prompt asks with a negative (`{word}`)"),
            )
            .hint(format!(
                "ask it positively, or write {} in capitals so it is not missed",
                word.to_uppercase()
            )),
        );
    }
}

fn loaded_verb(path: &JsonPath, prompt: &str, findings: &mut Vec<Finding>) {
    let found = unquoted_words(prompt).into_iter().find(|word| {
        matches!(
            word.to_lowercase().as_str(),
            "admitted" | "conceded" | "slammed" | "claimed"
        )
    });
    if let Some(word) = found {
        findings.push(
            Finding::warning(LOADED_VERB, path.key("prompt"), format!("the prompt uses the loaded verb `{word}`"))
                .hint("use the neutral \"said\"; quote the report if it uses the verb, or set \"kind\": \"attribution-verb\" if the verb is the point"),
        );
    }
}

const ABSOLUTES: [&str; 7] = [
    "always",
    "never",
    "all",
    "none",
    "clearly",
    "certainly",
    "definitely",
];

fn absolutes_in(text: &str) -> Vec<&'static str> {
    if super::text::normalise(text).contains("of the above") {
        return Vec::new(); // `all-none-of-above` reports these
    }
    let words: Vec<String> = unquoted_words(text)
        .into_iter()
        .map(str::to_lowercase)
        .collect();
    ABSOLUTES
        .into_iter()
        .filter(|absolute| words.iter().any(|word| word == absolute))
        .collect()
}

fn absolute_distractor(choices_path: &JsonPath, choices: &[Choice], findings: &mut Vec<Finding>) {
    if choices
        .iter()
        .filter(|choice| choice.correct)
        .any(|choice| !absolutes_in(&choice.text).is_empty())
    {
        return;
    }
    let Some((index, words)) = choices
        .iter()
        .enumerate()
        .filter(|(_, choice)| !choice.correct)
        .map(|(index, choice)| (index, absolutes_in(&choice.text)))
        .find(|(_, words)| !words.is_empty())
    else {
        return;
    };
    let quoted: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    findings.push(
        Finding::warning(
            ABSOLUTE_DISTRACTOR,
            choices_path.index(index).key("text"),
            format!("distractor {} says {}, and no correct choice does", letter(index), quoted.join(" and ")),
        )
        .hint("absolute words give wrong options away: reword the distractor, or word the correct choice as firmly"),
    );
}

fn stale_copy(bank: &Bank, path: &JsonPath, question: &Question, findings: &mut Vec<Finding>) {
    let Some(origin) = &question.common.generated_from else {
        return;
    };
    let from_id = |template: Template| {
        question
            .id()
            .strip_prefix(&format!("gen-{}-", template.as_str()))
            .map(str::to_string)
    };
    let (what, current) = if origin.template == Template::Evasion {
        let id = origin.exchange.clone().or_else(|| from_id(origin.template));
        (
            "exchange",
            id.and_then(|id| bank.exchange(&id)).and_then(|exchange| {
                Some((
                    exchange.id.clone(),
                    generate::subject_hash(bank, "exchanges", &exchange.id)?,
                ))
            }),
        )
    } else {
        let id = origin.claim.clone().or_else(|| from_id(origin.template));
        (
            "claim",
            id.and_then(|id| bank.claim(&id)).and_then(|claim| {
                Some((
                    claim.id.clone(),
                    generate::subject_hash(bank, "claims", &claim.id)?,
                ))
            }),
        )
    };
    // An unknown subject is `unknown-ref`'s to report.
    let Some((id, hash)) = current else { return };
    if origin.hash != hash {
        findings.push(
            Finding::error(
                STALE_GENERATED_COPY,
                path.key("generated_from").key("hash"),
                format!("{what} `{id}` changed after this copy of a generated question was made"),
            )
            .hint(format!(
                "re-read the question against the {what}, then set \"hash\": \"{hash}\""
            )),
        );
    }
}

/// A claim text that is not blank (`empty-text` says that) but reads as a fragment.
fn claim_fragment(path: &JsonPath, claim: &Claim, findings: &mut Vec<Finding>) {
    if text::is_blank(&claim.text) || text::reads_as_clause(&claim.text) {
        return;
    }
    findings.push(
        Finding::warning(
            CLAIM_FRAGMENT,
            path.key("text"),
            format!(
                "claim `{}` reads as a fragment: \u{201c}{}\u{201d} has fewer than three words or no verb",
                claim.id,
                shorten(&claim.text, 60)
            ),
        )
        .hint("write the claim as a whole sentence with a verb, or remove it"),
    );
}

fn support_without_evidence(path: &JsonPath, claim: &Claim, findings: &mut Vec<Finding>) {
    if claim.support != Support::Supported {
        return;
    }
    let weak = |kind: EvidenceKind| {
        matches!(
            kind,
            EvidenceKind::None | EvidenceKind::SpeakerAssertion | EvidenceKind::SocialMedia
        )
    };
    if claim.evidence.iter().all(|evidence| weak(evidence.kind)) {
        let message = if claim.evidence.is_empty() {
            format!(
                "claim `{}` is marked supported but lists no evidence",
                claim.id
            )
        } else {
            let kinds: Vec<&str> = claim
                .evidence
                .iter()
                .map(|evidence| evidence.kind.describe())
                .collect();
            format!(
                "claim `{}` is marked supported on {} alone",
                claim.id,
                kinds.join(" and ")
            )
        };
        findings.push(
            Finding::error(SUPPORT_WITHOUT_EVIDENCE, path.key("support"), message)
                .hint("the speaker's word or social-media posts do not support a claim: use \"unsupported\" or \"cannot-tell\", or list the evidence the report gives"),
        );
    }
}

/// Text compared with the source: NFC, curly quote marks as straight ones,
/// whitespace runs as one space, trimmed.
fn normalise_for_source(text: &str) -> Vec<char> {
    let composed: Vec<char> = text.nfc().collect();
    normalise_with_origins(&composed)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

/// [`normalise_for_source`] of already composed text, each character with
/// the index in `composed` it came from.
fn normalise_with_origins(composed: &[char]) -> Vec<(char, usize)> {
    let mut normalised = Vec::new();
    let mut pending_space = false;
    for (origin, &c) in composed.iter().enumerate() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => '"',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !normalised.is_empty() {
            normalised.push((' ', origin));
        }
        pending_space = false;
        normalised.push((c, origin));
    }
    normalised
}

/// Most work (source characters × phrase characters) spent on nearest-passage
/// searches in one check, all phrases together: past it, hints stop naming
/// the nearest passage, so many unmatched phrases against a large source
/// stay fast.
const NEAREST_SEARCH_LIMIT: usize = 200_000_000;

/// The `--source` text, normalised once for every phrase of every claim.
struct PreparedSource {
    composed: Vec<char>,
    normalised: Vec<char>,
    /// `normalised` as a string, for a linear substring search.
    searchable: String,
    origins: Vec<usize>,
    /// What is left of [`NEAREST_SEARCH_LIMIT`].
    search_budget: usize,
}

impl PreparedSource {
    fn new(source: &str) -> Self {
        let composed: Vec<char> = source.nfc().collect();
        let (normalised, origins): (Vec<char>, Vec<usize>) =
            normalise_with_origins(&composed).into_iter().unzip();
        PreparedSource {
            searchable: normalised.iter().collect(),
            composed,
            normalised,
            origins,
            search_budget: NEAREST_SEARCH_LIMIT,
        }
    }

    fn contains(&self, phrase: &[char]) -> bool {
        self.searchable.contains(&phrase.iter().collect::<String>())
    }

    /// [`nearest_passage`], while the search budget lasts.
    fn nearest(&mut self, phrase: &[char]) -> Option<(usize, usize, usize)> {
        let cost = phrase.len().saturating_mul(self.normalised.len());
        if cost > self.search_budget {
            return None;
        }
        self.search_budget -= cost;
        nearest_passage(phrase, &self.normalised)
    }
}

/// The passage of `text` nearest to `phrase` by edit distance (Sellers'
/// approximate substring search, case-insensitive): `(start, end, distance)`.
fn nearest_passage(phrase: &[char], text: &[char]) -> Option<(usize, usize, usize)> {
    if phrase.is_empty() || text.is_empty() {
        return None;
    }
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let phrase: Vec<char> = phrase.iter().copied().map(fold).collect();
    let m = phrase.len();
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best = (cost[m], 0, 0);
    for (j, &c) in text.iter().enumerate() {
        let c = fold(c);
        let (mut diagonal, mut diagonal_start) = (cost[0], start[0]);
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=m {
            let candidates = [
                (diagonal + usize::from(phrase[i - 1] != c), diagonal_start),
                (cost[i] + 1, start[i]),
                (cost[i - 1] + 1, start[i - 1]),
            ];
            let chosen = candidates
                .into_iter()
                .min_by_key(|(value, _)| *value)
                .unwrap_or((usize::MAX, 0));
            diagonal = cost[i];
            diagonal_start = start[i];
            cost[i] = chosen.0;
            start[i] = chosen.1;
        }
        if cost[m] < best.0 {
            best = (cost[m], start[m], j + 1);
        }
    }
    let (distance, mut begin, mut end) = best;
    while begin > 0 && !text[begin - 1].is_whitespace() {
        begin -= 1;
    }
    while end < text.len() && !text[end].is_whitespace() {
        end += 1;
    }
    (end > begin).then_some((begin, end, distance))
}

fn wording_in_source(
    path: &JsonPath,
    claim: &Claim,
    source: &mut PreparedSource,
    findings: &mut Vec<Finding>,
) {
    let phrases = claim
        .report_wording
        .iter()
        .enumerate()
        .map(|(index, phrase)| {
            (
                path.key("report_wording").index(index),
                phrase.as_str(),
                format!("claim `{}`: this wording is not in the source", claim.id),
            )
        })
        .collect();
    phrases_in_source(phrases, source, findings);
}

/// The passages of a reading paragraph in quotation marks (curly or
/// straight double quotes): the source's own words.
pub fn quotations(paragraph: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in paragraph.char_indices() {
        match (c, open) {
            ('\u{201c}' | '"', None) => open = Some(at + c.len_utf8()),
            ('\u{201d}' | '"', Some(start)) => {
                found.push(&paragraph[start..at]);
                open = None;
            }
            _ => {}
        }
    }
    found
}

/// Every quotation of the bank's `reading` must be in the source.
fn reading_in_source(bank: &Bank, source: &mut PreparedSource, findings: &mut Vec<Finding>) {
    let phrases = bank
        .reading
        .iter()
        .enumerate()
        .flat_map(|(index, paragraph)| {
            quotations(paragraph).into_iter().map(move |quoted| {
                (
                    JsonPath::root().key("reading").index(index),
                    quoted,
                    format!(
                        "reading paragraph {}: the quotation \"{}\" is not in the source",
                        index + 1,
                        shorten(quoted, 60)
                    ),
                )
            })
        })
        .collect();
    phrases_in_source(phrases, source, findings);
}

/// How many consecutive source words outside quotation marks make a copy.
const COPIED_RUN: usize = 8;

/// Lower-cased words (letters, digits, apostrophes and hyphens), with
/// curly apostrophes made straight.
fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-')))
        .filter(|word| !word.is_empty())
        .map(|word| word.replace('\u{2019}', "'").to_lowercase())
        .collect()
}

/// The text of a paragraph outside its quotations, as separate stretches.
fn outside_quotations(paragraph: &str) -> Vec<&str> {
    let mut stretches = Vec::new();
    let mut start = 0;
    let mut open = false;
    for (at, c) in paragraph.char_indices() {
        match (c, open) {
            ('\u{201c}' | '"', false) => {
                stretches.push(&paragraph[start..at]);
                open = true;
            }
            ('\u{201d}' | '"', true) => {
                start = at + c.len_utf8();
                open = false;
            }
            _ => {}
        }
    }
    if !open {
        stretches.push(&paragraph[start..]);
    }
    stretches
}

/// `reading-copies-source`: runs of the source's words outside quotation marks.
fn reading_copies(bank: &Bank, source: &str, findings: &mut Vec<Finding>) {
    let source_words = plain_words(source);
    let runs: std::collections::HashSet<&[String]> = source_words.windows(COPIED_RUN).collect();
    for (index, paragraph) in bank.reading.iter().enumerate() {
        let copied = outside_quotations(paragraph)
            .into_iter()
            .find_map(|stretch| {
                plain_words(stretch)
                    .windows(COPIED_RUN)
                    .find(|window| runs.contains(window))
                    .map(|window| window.join(" "))
            });
        if let Some(copied) = copied {
            findings.push(
                Finding::warning(
                    READING_COPIES_SOURCE,
                    JsonPath::root().key("reading").index(index),
                    format!(
                        "reading paragraph {} copies the source outside quotation marks (\"{copied} …\")",
                        index + 1
                    ),
                )
                .hint("retell it in your own words; quote the source only where a question asks about its wording"),
            );
        }
    }
}

/// `wording-not-in-source` for each `(path, phrase, message)`.
fn phrases_in_source(
    phrases: Vec<(JsonPath, &str, String)>,
    source: &mut PreparedSource,
    findings: &mut Vec<Finding>,
) {
    for (path, phrase, message) in phrases {
        let wanted = normalise_for_source(phrase);
        if source.contains(&wanted) {
            continue;
        }
        let hint = match source.nearest(&wanted) {
            Some((begin, end, distance)) => {
                // The passage as the source writes it (its own quote marks), on one line.
                let original: String = source.composed
                    [source.origins[begin]..=source.origins[end - 1]]
                    .iter()
                    .collect();
                let passage = shorten(
                    &original.split_whitespace().collect::<Vec<_>>().join(" "),
                    160,
                );
                if distance == 0 {
                    format!("the source has it with other capitals: \"{passage}\"")
                } else if distance * 2 > wanted.len() {
                    format!(
                        "nothing in the source is close; the nearest passage is \"{passage}\" — is --source the right report?"
                    )
                } else {
                    format!(
                        "nearest passage in the source ({distance} edit{} away): \"{passage}\"",
                        if distance == 1 { "" } else { "s" }
                    )
                }
            }
            None => "copy the phrase from the source exactly".to_string(),
        };
        findings.push(Finding::error(WORDING_NOT_IN_SOURCE, path, message).hint(hint));
    }
}

fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        text.to_string()
    } else {
        let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Whether a character must not appear in bank text: control characters,
/// bidi overrides, isolates and marks (the set `term::clean` replaces).
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Whether a character is invisible or separates lines without looking
/// like it: zero-width space, word joiner, a byte-order mark inside text,
/// line and paragraph separators, tag characters. Text with one looks the
/// same as text without, yet compares differently.
pub fn is_invisible_char(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{e0000}'..='\u{e007f}'
    )
}

fn describe_char(c: char) -> String {
    let name = match c {
        '\u{200b}' => "a zero-width space",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a byte-order mark",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{e0000}'..='\u{e007f}' => "a tag character",
        '\u{1b}' => "an escape character",
        '\n' => "a line break",
        '\r' => "a carriage return",
        '\t' => "a tab",
        '\u{0}' => "a NUL character",
        '\u{202a}'..='\u{202e}' => "a bidi override",
        '\u{2066}'..='\u{2069}' => "a bidi isolate",
        '\u{200e}' | '\u{200f}' | '\u{061c}' => "a bidi mark",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

fn control_chars(bank: &Bank, findings: &mut Vec<Finding>) {
    if let Ok(document) = serde_json::to_value(bank) {
        control_chars_in(&document, findings);
    }
}

/// [`control_chars`] over a document's strings; authors' data (`x-` keys)
/// and `$schema` are not bank text and are skipped.
fn control_chars_in(document: &Value, findings: &mut Vec<Finding>) {
    walk_strings(document, &JsonPath::root(), &mut |path, text| {
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| is_forbidden_char(c) || is_invisible_char(c))
            .collect();
        let Some(&first) = bad.first() else { return };
        let more = match bad.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        findings.push(
            Finding::error(CONTROL_CHAR, path.clone(), format!("the text contains {}{more}", describe_char(first)))
            .hint(if is_invisible_char(first) {
                "delete it: an invisible character makes text that looks the same compare differently"
            } else {
                "delete it: terminals act on control and bidi characters instead of showing them (write the text on one line)"
            }),
        );
    });
}

/// The byte offset of the first forbidden character (raw, or written as a
/// JSON escape such as `\u001b` or `\n`) in the JSON string token that
/// starts at `start`, so a caret can point at it.
pub fn forbidden_char_offset(text: &str, start: usize) -> Option<usize> {
    let mut chars = text.get(start..)?.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let decoded = match chars.next()?.1 {
                    'u' => {
                        let hex: String = chars.by_ref().take(4).map(|(_, digit)| digit).collect();
                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                    }
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    _ => None,
                };
                if decoded.is_some_and(|c| is_forbidden_char(c) || is_invisible_char(c)) {
                    return Some(start + at);
                }
            }
            c if is_forbidden_char(c) || is_invisible_char(c) => return Some(start + at),
            _ => {}
        }
    }
    None
}

fn walk_strings(value: &Value, path: &JsonPath, visit: &mut dyn FnMut(&JsonPath, &str)) {
    match value {
        Value::String(text) => visit(path, text),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk_strings(item, &path.index(index), visit);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if key.starts_with("x-") || (path.0.is_empty() && key == super::schema::SCHEMA_KEY)
                {
                    continue;
                }
                walk_strings(item, &path.key(key), visit);
            }
        }
        _ => {}
    }
}

/// Where a question is written: its entry in `questions`, or for a generated
/// question the generator entry that makes it (its claim or exchange id in
/// the list, or the generator itself for `"*"`).
fn question_path(bank: &Bank, question: &Question) -> Option<JsonPath> {
    let root = JsonPath::root();
    if let Some(index) = bank.questions.iter().position(|q| q.id() == question.id()) {
        return Some(root.key("questions").index(index));
    }
    let subject = question
        .common
        .exchanges
        .first()
        .filter(|_| question.common.kind == Some(QuestionKind::Evasion))
        .or(question.common.claims.first())?;
    bank.generate
        .iter()
        .enumerate()
        .find_map(|(index, generator)| {
            if generate::generated_id(generator.template, subject) != question.id() {
                return None;
            }
            let path = root.key("generate").index(index);
            let list = if generator.template == Template::Evasion {
                ("exchanges", generator.exchanges.as_ref())
            } else {
                ("claims", generator.claims.as_ref())
            };
            Some(match list.1 {
                Some(super::model::IdSelection::Ids(ids)) => ids
                    .iter()
                    .position(|id| id == subject)
                    .map_or(path.clone(), |at| path.key(list.0).index(at)),
                _ => path.key(list.0),
            })
        })
}

/// The item-writing rules on the generated questions a quiz uses: each
/// finding points at the generator entry and names the question; a
/// `lint_allow` on the claim (or exchange) accepts it.
fn generated_findings(bank: &Bank, questions: &[Question], findings: &mut Vec<Finding>) {
    for question in questions
        .iter()
        .filter(|question| !bank.questions.iter().any(|q| q.id() == question.id()))
    {
        let Some(path) = question_path(bank, question) else {
            continue;
        };
        let mut own = Vec::new();
        lint_question(bank, &path, question, &mut own);
        let allowed = |rule: &str| {
            question
                .common
                .claims
                .iter()
                .filter_map(|id| bank.claim(id))
                .flat_map(|claim| &claim.lint_allow)
                .chain(
                    question
                        .common
                        .exchanges
                        .iter()
                        .filter_map(|id| bank.exchange(id))
                        .flat_map(|exchange| &exchange.lint_allow),
                )
                .any(|allow| allow.rule == rule)
        };
        let subject = subject_text(bank, question);
        for mut finding in own {
            if finding.severity == Severity::Warning && allowed(finding.rule) {
                continue;
            }
            // A claim's (or question's) own words, which the generator quotes,
            // are the author's to fix in the claim, not a wording of the item.
            let quoted_from_subject = matches!(finding.rule, NEGATIVE_STEM | LOADED_VERB)
                && between(&finding.message, "`", "`")
                    .is_some_and(|word| giveaway::contains_word(&subject, &word.to_lowercase()));
            // A generated who-said item offers the bank's actors by name: a long
            // name is the key on its own claims and a distractor on the others.
            let names_as_options =
                finding.rule == LENGTH_CUE && question.common.kind == Some(QuestionKind::WhoSaid);
            if quoted_from_subject || names_as_options {
                continue;
            }
            finding.path = path.clone();
            finding.key = None;
            finding.message = format!(
                "generated question `{}`: {}",
                question.id(),
                finding.message
            );
            findings.push(finding);
        }
    }
}

/// The lower-cased words a generated question takes from its subject: its
/// claims' texts and its exchanges' questions.
fn subject_text(bank: &Bank, question: &Question) -> String {
    let claims = question
        .common
        .claims
        .iter()
        .filter_map(|id| bank.claim(id))
        .map(|claim| claim.text.as_str());
    let exchanges = question
        .common
        .exchanges
        .iter()
        .filter_map(|id| bank.exchange(id))
        .map(|exchange| exchange.asks.as_str());
    claims
        .chain(exchanges)
        .collect::<Vec<_>>()
        .join(" \n ")
        .to_lowercase()
}

/// `names-asked-speaker`: a prompt about a claim that names its speaker
/// while a who-said question asks who said it. A generated prompt that
/// names the speaker only because its claim's text does is left to
/// the plan's ordering (the claim's text is the author's to reword).
fn names_asked_speaker(bank: &Bank, questions: &[Question], findings: &mut Vec<Finding>) {
    let asked: BTreeSet<(giveaway::Subject, &str)> = questions
        .iter()
        .flat_map(|question| giveaway::asked_speakers(bank, question))
        .collect();
    for question in questions {
        for &(subject, speaker) in &asked {
            if !subject.is_about(question)
                || !giveaway::mentions_actor(bank, speaker, &question.common.prompt)
            {
                continue;
            }
            let Some(path) = question_path(bank, question) else {
                continue;
            };
            let authored = path.0.first() == Some(&PathSegment::Key("questions".into()));
            if !authored && giveaway::mentions_actor(bank, speaker, &subject_text(bank, question)) {
                continue;
            }
            let (path, generated) = if authored {
                (path.key("prompt"), String::new())
            } else {
                (path, "generated ".to_string())
            };
            findings.push(
                Finding::warning(
                    NAMES_ASKED_SPEAKER,
                    path,
                    format!(
                        "the prompt of {generated}question `{}` names {}, {}, which a who-said question asks about",
                        question.id(),
                        bank.actor_mention(speaker),
                        match subject {
                            giveaway::Subject::Claim(claim) => format!("the speaker of claim `{claim}`"),
                            giveaway::Subject::Exchange(exchange) => format!("who asked exchange `{exchange}`"),
                        }
                    ),
                )
                .hint("word the prompt without the speaker (\"the statement that …\"); the quiz already keeps such a question after the who-said one"),
            );
        }
    }
}

fn claim_coverage(bank: &Bank, questions: &[Question], findings: &mut Vec<Finding>) {
    // Each claim's question kinds, from one pass over the questions.
    let mut kinds_by_claim: std::collections::HashMap<&str, BTreeSet<Option<QuestionKind>>> =
        std::collections::HashMap::new();
    for question in questions {
        for claim in &question.common.claims {
            kinds_by_claim
                .entry(claim.as_str())
                .or_default()
                .insert(question.common.kind);
        }
    }
    let no_kinds = BTreeSet::new();
    for (index, claim) in bank.claims.iter().enumerate() {
        let kinds = kinds_by_claim.get(claim.id.as_str()).unwrap_or(&no_kinds);
        if kinds.len() >= 2 {
            continue;
        }
        let message = match kinds.first() {
            None => format!("no question is about claim `{}`", claim.id),
            Some(kind) => format!(
                "claim `{}` is asked about in one kind of question only ({})",
                claim.id,
                kind.map_or("questions without a kind", QuestionKind::as_str)
            ),
        };
        findings.push(
            Finding::warning(CLAIM_COVERAGE, JsonPath::root().key("claims").index(index).key("id"), message).hint(
                format!(
                    "ask about it from another angle, e.g. with a generator {{\"template\": \"support\", \"claims\": [\"{}\"]}}",
                    claim.id
                ),
            ),
        );
    }
}

/// Whether the right answer of a `support` question is "unsupported": the
/// claims it cites are, or (without claims) its correct choice says so.
fn answers_unsupported(bank: &Bank, question: &Question) -> bool {
    if !question.common.claims.is_empty() {
        return question.common.claims.iter().all(|id| {
            bank.claim(id)
                .is_some_and(|claim| claim.support == Support::Unsupported)
        });
    }
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            choices.iter().any(|choice| {
                choice.correct
                    && (choice.id.as_deref() == Some("unsupported")
                        || super::text::normalise(&choice.text).starts_with("unsupported"))
            })
        }
        _ => false,
    }
}

fn cynicism_bias(bank: &Bank, questions: &[Question], findings: &mut Vec<Finding>) {
    let support: Vec<&Question> = questions
        .iter()
        .filter(|question| question.common.kind == Some(QuestionKind::Support))
        .collect();
    let unsupported = support
        .iter()
        .filter(|question| answers_unsupported(bank, question))
        .count();
    if support.is_empty() || unsupported * 10 <= support.len() * 7 {
        return;
    }
    findings.push(
        Finding::warning(
            CYNICISM_BIAS,
            JsonPath::root(),
            format!(
                "{unsupported} of {} support questions ({}%) have \"unsupported\" as the right answer",
                support.len(),
                unsupported * 100 / support.len()
            ),
        )
        .at_key("questions")
        .hint("ask about claims the report does support too: learners should be rewarded for trusting the supported, not for doubting everything"),
    );
}

/// Two-sided exact p-value of `observed` successes among independent trials
/// with success probabilities `probabilities` (a binomial test when they are
/// equal): the total probability of outcomes no more likely than the observed.
fn exact_p_value(probabilities: &[f64], observed: usize) -> f64 {
    let mut distribution = vec![1.0];
    for &p in probabilities {
        let mut next = vec![0.0; distribution.len() + 1];
        for (successes, &weight) in distribution.iter().enumerate() {
            next[successes] += weight * (1.0 - p);
            next[successes + 1] += weight * p;
        }
        distribution = next;
    }
    let Some(&observed_probability) = distribution.get(observed) else {
        return 1.0;
    };
    let cutoff = observed_probability * (1.0 + 1e-7);
    distribution
        .iter()
        .filter(|&&probability| probability <= cutoff)
        .sum::<f64>()
        .min(1.0)
}

fn position_bias(bank: &Bank, findings: &mut Vec<Finding>) {
    // (number of choices, position of the right one) of each fixed-order single question.
    let items: Vec<(usize, usize)> = bank
        .questions
        .iter()
        .filter(|question| !question.shuffles_choices())
        .filter_map(|question| match &question.body {
            QuestionBody::Single { choices }
                if choices.iter().filter(|c| c.correct).count() == 1 =>
            {
                Some((choices.len(), choices.iter().position(|c| c.correct)?))
            }
            _ => None,
        })
        .collect();
    if items.len() < 10 {
        return;
    }
    let positions = items.iter().map(|(count, _)| *count).max().unwrap_or(0);
    let mut worst: Option<(f64, usize, usize, f64)> = None;
    for position in 0..positions {
        let at_risk: Vec<f64> = items
            .iter()
            .filter(|(count, _)| *count > position)
            .map(|(count, _)| 1.0 / *count as f64)
            .collect();
        let observed = items.iter().filter(|(_, right)| *right == position).count();
        let p = (exact_p_value(&at_risk, observed) * positions as f64).min(1.0);
        if worst.is_none_or(|(worst_p, ..)| p < worst_p) {
            worst = Some((p, position, observed, at_risk.iter().sum()));
        }
    }
    let Some((p, position, observed, expected)) = worst else {
        return;
    };
    if p >= 0.05 {
        return;
    }
    findings.push(
        Finding::warning(
            POSITION_BIAS,
            JsonPath::root(),
            format!(
                "in {} fixed-order questions the right answer is choice {} {observed} times (about {expected:.1} expected; p = {p:.3})",
                items.len(),
                letter(position),
            ),
        )
        .at_key("questions")
        .hint("vary which position holds the right answer, or let the choices shuffle"),
    );
}

fn unknown_allows(bank: &Bank, findings: &mut Vec<Finding>) {
    let root = JsonPath::root();
    let mut scopes: Vec<(JsonPath, &[LintAllow])> = vec![(root.clone(), &bank.lint_allow)];
    scopes.extend(
        bank.claims
            .iter()
            .enumerate()
            .map(|(i, c)| (root.key("claims").index(i), c.lint_allow.as_slice())),
    );
    scopes.extend(
        bank.exchanges
            .iter()
            .enumerate()
            .map(|(i, e)| (root.key("exchanges").index(i), e.lint_allow.as_slice())),
    );
    scopes.extend(bank.questions.iter().enumerate().map(|(i, q)| {
        (
            root.key("questions").index(i),
            q.common.lint_allow.as_slice(),
        )
    }));
    let ids: Vec<&str> = RULES
        .iter()
        .filter(|rule| rule.severity == Severity::Warning)
        .map(|rule| rule.id)
        .collect();
    for (scope, allows) in scopes {
        for (index, allow) in allows.iter().enumerate() {
            let path = scope.key("lint_allow").index(index).key("rule");
            let finding = match rule(&allow.rule) {
                None => Finding::warning(UNKNOWN_ALLOW, path, format!("`{}` is not a rule", allow.rule)).hint(
                    match validate::closest(&allow.rule, &ids) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "`crossexam check --explain RULE` describes each rule; warnings are listed in the README".to_string(),
                    },
                ),
                Some(known) if known.severity == Severity::Error => Finding::warning(
                    UNKNOWN_ALLOW,
                    path,
                    format!("`{}` is an error, and errors cannot be allowed", known.id),
                )
                .hint("fix the problem instead; lint_allow accepts warnings only"),
                Some(known) if known.severity == Severity::Note => Finding::warning(
                    UNKNOWN_ALLOW,
                    path,
                    format!("`{}` is a note, which never fails a check", known.id),
                )
                .hint("remove this entry; a note goes away when its `x-review` key is deleted"),
                Some(_) => continue,
            };
            findings.push(finding);
        }
    }
}

/// A note for every `x-review` key of the document (authors' review notes).
pub fn review_notes(document: &Value) -> Vec<Finding> {
    let mut notes = Vec::new();
    collect_review_notes(document, &JsonPath::root(), &mut notes);
    notes
}

fn note(path: JsonPath, message: String) -> Finding {
    Finding {
        severity: Severity::Note,
        ..Finding::warning(X_REVIEW, path, message)
    }
    .hint("check what it asks, then delete the \"x-review\" key")
}

fn collect_review_notes(value: &Value, path: &JsonPath, notes: &mut Vec<Finding>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if key == X_REVIEW {
                    match item {
                        Value::String(text) => {
                            notes.push(note(path.clone(), shorten(text, 300)).at_key(X_REVIEW));
                        }
                        Value::Array(items)
                            if items.iter().all(Value::is_string) && !items.is_empty() =>
                        {
                            for (index, text) in items.iter().enumerate() {
                                let text = text.as_str().unwrap_or_default();
                                notes.push(note(path.key(key).index(index), shorten(text, 300)));
                            }
                        }
                        other => notes.push(
                            note(path.clone(), shorten(&other.to_string(), 300)).at_key(X_REVIEW),
                        ),
                    }
                } else {
                    collect_review_notes(item, &path.key(key), notes);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_review_notes(item, &path.index(index), notes);
            }
        }
        _ => {}
    }
}

/// The lists of a bank whose items are typed (and reported) one by one.
pub const ITEM_LISTS: [&str; 6] = [
    "actors",
    "claims",
    "exchanges",
    "questions",
    "generate",
    "quizzes",
];

/// The type errors of a bank document, at most one per actor, claim,
/// exchange, question, generator and preset (plus one for the top level),
/// so that a file with several broken items shows them all at once.
/// Empty when the document deserialises.
pub fn type_findings(document: &Value) -> Vec<Finding> {
    let cleaned = strip_authors_data(document.clone());
    let Some(object) = cleaned.as_object() else {
        return Vec::new();
    };
    let mut findings = Vec::new();

    let mut top = object.clone();
    for list in ITEM_LISTS {
        if let Some(Value::Array(items)) = top.get_mut(list) {
            items.clear();
        }
    }
    // As in loading: a bank may name its JSON Schema, which the engine ignores.
    if top
        .get(super::schema::SCHEMA_KEY)
        .is_some_and(Value::is_string)
    {
        top.remove(super::schema::SCHEMA_KEY);
    }
    if let Err(error) = serde_path_to_error::deserialize::<_, Bank>(Value::Object(top)) {
        findings.push(type_finding(&JsonPath::root(), &error));
    }
    for list in ITEM_LISTS {
        let Some(Value::Array(items)) = object.get(list) else {
            continue;
        };
        for (index, item) in items.iter().enumerate() {
            let path = JsonPath::root().key(list).index(index);
            let finding = match list {
                "actors" => item_type_error::<super::model::Actor>(&path, item),
                "claims" => item_type_error::<Claim>(&path, item),
                "exchanges" => item_type_error::<super::model::Exchange>(&path, item),
                "questions" => question_type_error(&path, item),
                "generate" => item_type_error::<super::model::Generator>(&path, item),
                _ => item_type_error::<super::model::QuizPreset>(&path, item),
            };
            findings.extend(finding);
        }
    }
    findings
}

fn item_type_error<T: serde::de::DeserializeOwned>(
    path: &JsonPath,
    item: &Value,
) -> Option<Finding> {
    serde_path_to_error::deserialize::<_, T>(item.clone())
        .err()
        .map(|error| type_finding(path, &error))
}

fn question_type_error(path: &JsonPath, question: &Value) -> Option<Finding> {
    let Some(object) = question.as_object() else {
        return item_type_error::<super::model::QuestionCommon>(path, question);
    };
    let type_name = match object.get("type") {
        Some(Value::String(name)) => name,
        Some(_) => {
            return Some(
                Finding::error(SCHEMA, path.key("type"), "`type` must be a string").hint(format!(
                    "use one of: {}",
                    super::model::QUESTION_TYPE_NAMES.join(", ")
                )),
            );
        }
        None => {
            return Some(
                Finding::error(SCHEMA, path.clone(), "missing field `type`")
                    .hint("add `type` here"),
            );
        }
    };
    let Some(body_fields) = QuestionBody::field_names(type_name) else {
        return Some(
            Finding::error(
                SCHEMA,
                path.key("type"),
                format!("unknown question type `{type_name}`"),
            )
            .hint(format!(
                "use one of: {}",
                super::model::QUESTION_TYPE_NAMES.join(", ")
            )),
        );
    };
    let (body, common): (serde_json::Map<_, _>, serde_json::Map<_, _>) = object
        .clone()
        .into_iter()
        .partition(|(key, _)| key == "type" || body_fields.contains(&key.as_str()));
    item_type_error::<super::model::QuestionCommon>(path, &Value::Object(common))
        .map(|finding| name_question_fields(finding, type_name, body_fields))
        .or_else(|| {
            body.iter()
                .find_map(|(field, value)| body_field_error(path, type_name, field, value))
        })
        .or_else(|| item_type_error::<QuestionBody>(path, &Value::Object(body)))
}

/// The fields every question type shares (see `QuestionCommon`).
const QUESTION_COMMON_FIELDS: &[&str] = &[
    "id",
    "prompt",
    "claims",
    "exchanges",
    "explanation",
    "kind",
    "tags",
    "difficulty",
    "points",
    "shuffle",
    "generated_from",
    "lint_allow",
];

/// The common half of a question only knows its own fields: an unknown
/// field names the whole set a question of this type takes, and the nearest.
fn name_question_fields(mut finding: Finding, type_name: &str, body_fields: &[&str]) -> Finding {
    let Some(field) = between(&finding.message, "unknown field `", "`").map(str::to_string) else {
        return finding;
    };
    let mut known: Vec<&str> = QUESTION_COMMON_FIELDS.to_vec();
    known.push("type");
    known.extend_from_slice(body_fields);
    finding.message = format!(
        "unknown field `{field}`; {} {type_name} question takes {}",
        if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        },
        known
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(near) = super::validate::closest(&field, &known) {
        finding
            .message
            .push_str(&format!(" (did you mean `{near}`?)"));
    }
    finding
}

/// The type error of one field of a question's type-specific part: serde
/// loses the path inside the internally tagged [`QuestionBody`], so each
/// field is tried on its own.
fn body_field_error(
    path: &JsonPath,
    type_name: &str,
    field: &str,
    value: &Value,
) -> Option<Finding> {
    use super::model::{MatchPair, NumericRange, ShortAnswer};
    let path = path.key(field);
    match (type_name, field) {
        (_, "choices") => item_type_error::<Vec<Choice>>(&path, value),
        ("true-false", "answer") => item_type_error::<bool>(&path, value),
        ("numeric", "answer" | "tolerance") => item_type_error::<f64>(&path, value),
        (_, "answers") => item_type_error::<Vec<ShortAnswer>>(&path, value),
        (_, "fuzzy") => item_type_error::<u8>(&path, value),
        (_, "ranges") => item_type_error::<Vec<NumericRange>>(&path, value),
        (_, "pairs") => item_type_error::<Vec<MatchPair>>(&path, value),
        (_, "extra_right" | "items") => item_type_error::<Vec<String>>(&path, value),
        (_, "feedback_true" | "feedback_false" | "accept_aliases_of" | "unit") => {
            item_type_error::<String>(&path, value)
        }
        _ => None,
    }
}

fn type_finding(
    prefix: &JsonPath,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> Finding {
    let mut path = prefix.clone();
    let rendered = error.path().to_string();
    path.0.extend(JsonPath::parse(&rendered).0);
    let mut message = error.inner().to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    for (jargon, plain) in [
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected f64", "expected a number"),
        ("expected string or map", "expected a string"),
        ("expected a sequence", "expected a list"),
    ] {
        message = message.replace(jargon, plain);
    }
    let mut finding = Finding::error(SCHEMA, path, message.clone());
    if let Some(field) = between(&message, "unknown field `", "`") {
        // The path may end at the unknown key itself; point at the key in its object.
        if finding.path.0.last() == Some(&PathSegment::Key(field.to_string())) {
            finding.path.0.pop();
        }
        finding = finding.at_key(field).hint(
            "remove it, fix its spelling, or prefix it with `x-` to keep it as your own data",
        );
    } else if let Some(field) = between(&message, "missing field `", "`") {
        finding = finding.hint(format!("add `{field}` here"));
    } else if message.starts_with("invalid type: string") && message.contains("number") {
        finding = finding.hint("write the number without quotes");
    } else if message.starts_with("unknown variant") {
        finding = finding.hint("use one of the values listed");
    }
    finding
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_unique() {
        for (index, rule) in RULES.iter().enumerate() {
            assert!(
                RULES[..index].iter().all(|other| other.id != rule.id),
                "{} twice",
                rule.id
            );
        }
    }

    #[test]
    fn a_schema_key_is_not_a_type_error_beside_one() {
        // Regression: with a broken item elsewhere, `$schema` was reported as an unknown field.
        let document = serde_json::json!({
            "$schema": "bank-v1.json", "format": "crossexam-bank/1", "id": "b", "title": "B",
            "source": {"kind": "other"}, "actors": [{"id": "a", "kind": "person"}],
            "claims": [], "questions": []
        });
        let findings = type_findings(&document);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].message, "missing field `role`");
    }

    #[test]
    fn binomial_p_values() {
        // 10 of 10 at one of three positions: (1/3)^10 plus the equally unlikely tail… tiny.
        assert!(exact_p_value(&[1.0 / 3.0; 10], 10) < 0.001);
        // Exactly as expected is not significant.
        assert!(exact_p_value(&[0.5; 10], 5) > 0.99);
        // The two-sided p-value R's binom.test gives: outcomes no likelier than the observed.
        assert!((exact_p_value(&[0.5; 10], 8) - 0.109_375).abs() < 1e-9);
        assert!((exact_p_value(&[0.25; 12], 7) - 0.014_253).abs() < 1e-6);
        // Unequal probabilities (3- and 4-choice items): a Poisson-binomial distribution.
        let mixed = exact_p_value(&[1.0 / 3.0, 1.0 / 3.0, 0.25, 0.25], 4);
        assert!((mixed - (1.0 / 9.0) * (1.0 / 16.0)).abs() < 1e-12);
    }

    #[test]
    fn quoted_words_are_skipped() {
        assert_eq!(unquoted_words("Who \"admitted\" it?"), vec!["Who", "it"]);
        assert_eq!(
            unquoted_words("the minister\u{2019}s \u{201c}lie\u{201d} not"),
            vec!["the", "minister", "s", "not"]
        );
        assert_eq!(
            unquoted_words("an \u{2018}odd\u{2019} one"),
            vec!["an", "one"]
        );
        assert_eq!(
            unquoted_words("Asif 'admitted' the minister's past"),
            vec!["Asif", "the", "minister", "s", "past"]
        );
        assert_eq!(
            unquoted_words("the ministers' words"),
            vec!["the", "ministers", "words"]
        );
        assert_eq!(
            unquoted_words("unclosed \"quote here"),
            vec!["unclosed", "quote", "here"]
        );
    }

    #[test]
    fn source_normalisation() {
        let source =
            normalise_for_source("Pakistan\u{2019}s   Defence\nMinister \u{201c}said\u{201d}");
        let source = PreparedSource::new(&source.iter().collect::<String>());
        assert!(source.contains(&normalise_for_source(
            "Pakistan's Defence Minister \"said\""
        )));
        assert!(!source.contains(&normalise_for_source("Pakistan's defence minister")));
    }

    #[test]
    fn nearest_passage_finds_the_closest_words() {
        let text = normalise_for_source(
            "He said the jets were downed by Pakistani planes, made with Chinese help.",
        );
        let phrase = normalise_for_source("downed by Pakistan planes");
        let (begin, end, distance) = nearest_passage(&phrase, &text).expect("a passage");
        assert_eq!(
            text[begin..end].iter().collect::<String>(),
            "downed by Pakistani planes,"
        );
        assert_eq!(distance, 1);
    }

    #[test]
    fn choices_normalise_like_short_answers() {
        assert_eq!(crate::bank::text::normalise("  Café, NO! "), "cafe no");
        assert_eq!(
            crate::bank::text::normalise("All of the above."),
            "all of the above"
        );
    }
}
