//! Item writing (Haladyna's guidelines): how many choices, duplicate and
//! "all of the above" options, the correct choice given away by its length
//! or by an absolute word in a distractor, negative stems, loaded verbs,
//! missing feedback and explanations, credits, claims that read as fragments.

use super::{RuleId, letter, provenance, shorten};
use crate::bank::spans::JsonPath;
use crate::bank::{Bank, Choice, Claim, Finding, Question, QuestionBody, QuestionKind, text};

pub(super) fn lint_question(
    bank: &Bank,
    path: &JsonPath,
    question: &Question,
    findings: &mut Vec<Finding>,
) {
    let common = &question.common;
    if common
        .explanation
        .as_deref()
        .is_none_or(|text| text.trim().is_empty())
    {
        findings.push(
            Finding::warning(RuleId::MissingExplanation, path.key("id"), format!("question `{}` has no explanation", common.id))
                .hint("add an \"explanation\" that says why the answer is right, citing the claim and its evidence"),
        );
    }
    prompt_words(
        path,
        &common.prompt,
        common.kind == Some(QuestionKind::AttributionVerb),
        findings,
    );
    provenance::stale_copy(bank, path, question, findings);
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
                RuleId::ChoiceCount,
                choices_path.clone(),
                format!("{} choices; 3 to 5 work best", choices.len()),
            )
            .hint(hint),
        );
    }
    // Each choice's text normalised once, for the rules that compare texts.
    let normalised: Vec<String> = choices
        .iter()
        .map(|choice| text::normalise(&choice.text))
        .collect();
    duplicate_choices(&choices_path, &normalised, findings);
    all_none_of_above(&choices_path, &normalised, findings);
    if is_single {
        length_cue(&choices_path, choices, findings);
    }
    absolute_distractor(&choices_path, choices, &normalised, findings);
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
            RuleId::MissingFeedback,
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
                Finding::error(RuleId::BadCredit, path, format!("the correct choice of a single question has credit {credit}"))
                    .hint("the correct choice of a `single` question always earns 1: remove its \"credit\""),
            );
        } else if !is_single && credit <= 0.0 {
            findings.push(
                Finding::error(
                    RuleId::BadCredit,
                    path,
                    format!("a correct choice has credit {credit}"),
                )
                .hint("a correct choice must earn something: give it a credit above 0"),
            );
        }
    }
}

fn duplicate_choices(choices_path: &JsonPath, normalised: &[String], findings: &mut Vec<Finding>) {
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
                    RuleId::DuplicateChoice,
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

fn all_none_of_above(choices_path: &JsonPath, normalised: &[String], findings: &mut Vec<Finding>) {
    for (index, normalised) in normalised.iter().enumerate() {
        if !normalised.contains("of the above") {
            continue; // the common case: neither phrase
        }
        for phrase in ["all of the above", "none of the above"] {
            if contains_words(normalised, phrase) {
                findings.push(
                    Finding::warning(RuleId::AllNoneOfAbove, choices_path.index(index).key("text"), format!("choice {} says \"{phrase}\"", letter(index)))
                        .hint("replace it with a specific, plausible option; shuffled choices have no \"above\""),
                );
            }
        }
    }
}

/// Whether `phrase` occurs in `normalised` (single spaces between words,
/// none at the ends) as whole words.
fn contains_words(normalised: &str, phrase: &str) -> bool {
    normalised.match_indices(phrase).any(|(start, _)| {
        let end = start + phrase.len();
        (start == 0 || normalised.as_bytes()[start - 1] == b' ')
            && (end == normalised.len() || normalised.as_bytes()[end] == b' ')
    })
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
                RuleId::LengthCue,
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
/// a straight `'` quotes only where it cannot be an apostrophe), in order,
/// borrowed from the text: one pass, nothing collected.
fn unquoted_words(text: &str) -> UnquotedWords<'_> {
    UnquotedWords { text, position: 0 }
}

/// The iterator of [`unquoted_words`].
struct UnquotedWords<'t> {
    text: &'t str,
    /// Where the next word is looked for (a character boundary).
    position: usize,
}

impl<'t> Iterator for UnquotedWords<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = self.position;
        let mut start: Option<usize> = None;
        while let Some(&byte) = bytes.get(at) {
            // ASCII without decoding; other characters decoded one at a time.
            let c = if byte.is_ascii() {
                char::from(byte)
            } else {
                text[at..].chars().next()?
            };
            if c.is_alphanumeric() {
                start.get_or_insert(at);
                at += c.len_utf8();
                continue;
            }
            if let Some(begin) = start {
                // The character that ends the word may open a quotation: look at it again.
                self.position = at;
                return Some(&text[begin..at]);
            }
            let may_quote = !c.is_ascii() || c == '"' || c == '\'';
            let quotation = if may_quote {
                quotation_end(text, at, c)
            } else {
                None
            };
            at = quotation.unwrap_or(at + c.len_utf8());
        }
        self.position = text.len();
        start.map(|begin| &text[begin..])
    }
}

/// When `opener` at byte `at` of `text` opens a quotation that closes, the
/// offset just past its closing mark. A closing `’` or `'` followed by a
/// letter is an apostrophe, not the end of a quote.
fn quotation_end(text: &str, at: usize, opener: char) -> Option<usize> {
    let is_letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let inside = at + opener.len_utf8();
    let closers: &[char] = match opener {
        '"' => &['"'],
        '\'' if !is_letter(text[..at].chars().next_back())
            && is_letter(text[inside..].chars().next()) =>
        {
            &['\'']
        }
        '\u{201c}' | '\u{201e}' => &['\u{201d}', '\u{201c}'],
        '\u{ab}' => &['\u{bb}'],
        '\u{2018}' => &['\u{2019}'],
        _ => return None,
    };
    let mut rest = text[inside..].char_indices().peekable();
    while let Some((relative, c)) = rest.next() {
        let apostrophe =
            matches!(c, '\u{2019}' | '\'') && is_letter(rest.peek().map(|&(_, next)| next));
        if closers.contains(&c) && !apostrophe {
            return Some(inside + relative + c.len_utf8());
        }
    }
    None
}

/// Whether `word` lower-cases to one of `lower` (ASCII, lower case), without
/// a lower-cased copy of an ASCII word.
fn lowers_to_one_of(word: &str, lower: &[&str]) -> bool {
    if word.is_ascii() {
        lower.iter().any(|lower| word.eq_ignore_ascii_case(lower))
    } else {
        let word = word.to_lowercase();
        lower.contains(&word.as_str())
    }
}

/// `negative-stem` and (unless `verbs_allowed`) `loaded-verb`: the first
/// negative and the first loaded verb among the prompt's unquoted words,
/// found in one pass.
fn prompt_words(path: &JsonPath, prompt: &str, verbs_allowed: bool, findings: &mut Vec<Finding>) {
    let mut negative: Option<&str> = None;
    let mut loaded: Option<&str> = None;
    for word in unquoted_words(prompt) {
        if negative.is_none()
            && lowers_to_one_of(word, &["not", "except"])
            && word != word.to_uppercase()
        {
            negative = Some(word);
        }
        if loaded.is_none()
            && !verbs_allowed
            && lowers_to_one_of(word, &["admitted", "conceded", "slammed", "claimed"])
        {
            loaded = Some(word);
        }
        if negative.is_some() && (loaded.is_some() || verbs_allowed) {
            break;
        }
    }
    if let Some(word) = negative {
        findings.push(
            Finding::warning(
                RuleId::NegativeStem,
                path.key("prompt"),
                format!("the prompt asks with a negative (`{word}`)"),
            )
            .hint(format!(
                "ask it positively, or write {} in capitals so it is not missed",
                word.to_uppercase()
            )),
        );
    }
    if let Some(word) = loaded {
        findings.push(
            Finding::warning(RuleId::LoadedVerb, path.key("prompt"), format!("the prompt uses the loaded verb `{word}`"))
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

/// The absolute words of a choice's text (`normalised` is its [`text::normalise`]),
/// in the order of [`ABSOLUTES`]; allocates only when there is one.
fn absolutes_in(text: &str, normalised: &str) -> Vec<&'static str> {
    if normalised.contains("of the above") {
        return Vec::new(); // `all-none-of-above` reports these
    }
    let mut found = [false; ABSOLUTES.len()];
    for word in unquoted_words(text) {
        // The absolutes are ASCII: no other word lower-cases to one of them.
        if let Some(at) = ABSOLUTES
            .iter()
            .position(|absolute| word.eq_ignore_ascii_case(absolute))
        {
            found[at] = true;
        }
    }
    ABSOLUTES
        .into_iter()
        .zip(found)
        .filter_map(|(absolute, found)| found.then_some(absolute))
        .collect()
}

fn absolute_distractor(
    choices_path: &JsonPath,
    choices: &[Choice],
    normalised: &[String],
    findings: &mut Vec<Finding>,
) {
    if choices
        .iter()
        .zip(normalised)
        .filter(|(choice, _)| choice.correct)
        .any(|(choice, normalised)| !absolutes_in(&choice.text, normalised).is_empty())
    {
        return;
    }
    let Some((index, words)) = choices
        .iter()
        .enumerate()
        .filter(|(_, choice)| !choice.correct)
        .map(|(index, choice)| (index, absolutes_in(&choice.text, &normalised[index])))
        .find(|(_, words)| !words.is_empty())
    else {
        return;
    };
    let quoted: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    findings.push(
        Finding::warning(
            RuleId::AbsoluteDistractor,
            choices_path.index(index).key("text"),
            format!("distractor {} says {}, and no correct choice does", letter(index), quoted.join(" and ")),
        )
        .hint("absolute words give wrong options away: reword the distractor, or word the correct choice as firmly"),
    );
}

/// A claim text that is not blank (`empty-text` says that) but reads as a fragment.
pub(super) fn claim_fragment(path: &JsonPath, claim: &Claim, findings: &mut Vec<Finding>) {
    if text::is_blank(&claim.text) || text::reads_as_clause(&claim.text) {
        return;
    }
    findings.push(
        Finding::warning(
            RuleId::ClaimFragment,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_without_quotation_marks_are_split_as_with_them() {
        for text in ["Who said it, and when?", "x1 y-2 z_3 \u{e9}t\u{e9} 4.5", ""] {
            let marked = format!("{text} \"q\"");
            // The quoted `q` sends the text down the general path, and is skipped.
            assert_eq!(words(text), words(&marked), "{text}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        unquoted_words(text).collect()
    }

    /// The words as the first implementation found them: every character
    /// marked quoted or not, then the runs of unquoted letters collected.
    fn reference_unquoted_words(text: &str) -> Vec<&str> {
        // Without an opening quotation mark nothing is quoted: the common case.
        if !text.contains(['"', '\'', '\u{201c}', '\u{201e}', '\u{ab}', '\u{2018}']) {
            return text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .collect();
        }
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

    proptest::proptest! {
        #[test]
        fn the_word_iterator_agrees_with_marking_every_character(
            text in "[a\u{e9}1 .,'\"\u{201c}\u{201d}\u{201e}\u{ab}\u{bb}\u{2018}\u{2019}]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), reference_unquoted_words(&text));
        }
    }

    #[test]
    fn quoted_words_are_skipped() {
        assert_eq!(words("Who \"admitted\" it?"), vec!["Who", "it"]);
        assert_eq!(
            words("the minister\u{2019}s \u{201c}lie\u{201d} not"),
            vec!["the", "minister", "s", "not"]
        );
        assert_eq!(words("an \u{2018}odd\u{2019} one"), vec!["an", "one"]);
        assert_eq!(
            words("Asif 'admitted' the minister's past"),
            vec!["Asif", "the", "minister", "s", "past"]
        );
        assert_eq!(
            words("the ministers' words"),
            vec!["the", "ministers", "words"]
        );
        assert_eq!(
            words("unclosed \"quote here"),
            vec!["unclosed", "quote", "here"]
        );
    }

    #[test]
    fn phrases_match_whole_words() {
        assert!(contains_words("all of the above", "all of the above"));
        assert!(contains_words(
            "yes or none of the above",
            "none of the above"
        ));
        assert!(contains_words("all of the above too", "all of the above"));
        assert!(!contains_words("small of the above", "all of the above"));
        assert!(!contains_words("all of the aboveboard", "all of the above"));
        assert!(!contains_words("all of the", "all of the above"));
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
