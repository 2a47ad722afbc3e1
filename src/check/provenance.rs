//! Provenance: `report_wording` and the reading's quotations must be in the
//! source report (`check --source`), the reading must not copy it outside
//! quotation marks, and a copy of a generated question must not outlive a
//! change to its claim or exchange.

use super::{RuleId, shorten};
use crate::bank::spans::JsonPath;
use crate::bank::{Bank, Claim, Finding, Question, Template, generate};
use unicode_normalization::UnicodeNormalization;

pub(super) fn stale_copy(
    bank: &Bank,
    path: &JsonPath,
    question: &Question,
    findings: &mut Vec<Finding>,
) {
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
                RuleId::StaleGeneratedCopy,
                path.key("generated_from").key("hash"),
                format!("{what} `{id}` changed after this copy of a generated question was made"),
            )
            .hint(format!(
                "re-read the question against the {what}, then set \"hash\": \"{hash}\""
            )),
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
pub(super) struct PreparedSource {
    composed: Vec<char>,
    normalised: Vec<char>,
    /// `normalised` as a string, for a linear substring search.
    searchable: String,
    origins: Vec<usize>,
    /// What is left of [`NEAREST_SEARCH_LIMIT`].
    search_budget: usize,
}

impl PreparedSource {
    pub(super) fn new(source: &str) -> Self {
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

pub(super) fn wording_in_source(
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
pub(super) fn reading_in_source(
    bank: &Bank,
    source: &mut PreparedSource,
    findings: &mut Vec<Finding>,
) {
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
pub(super) fn reading_copies(bank: &Bank, source: &str, findings: &mut Vec<Finding>) {
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
                    RuleId::ReadingCopiesSource,
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
        findings.push(Finding::error(RuleId::WordingNotInSource, path, message).hint(hint));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
