//! Within-quiz give-aways: when one question shows the key of another.
//!
//! A question is about the claims it lists. What a learner sees of it: its
//! prompt and options always; with immediate feedback also its feedback,
//! explanation and citation line, which name each claim's speaker, the
//! evidence the report mentions and what the report shows. A who-said item
//! is answered by any earlier text that names its claim's speaker next to
//! that claim; support and evidence items by an earlier citation of their
//! claim. The plan uses [`reveals`] to order (or leave out) questions; the
//! lint uses [`names_speaker`] for prompts. Structural rules only: nothing
//! here knows one bank.

use super::model::{ActorKind, Attribution, Bank, Question, QuestionBody, QuestionKind};

/// Whether `text` mentions the actor `id` by name, role or alias (whole
/// words, case-insensitive); the reporter by "the reporter" or "the
/// narrator", not by "the report", which every prompt names.
pub fn mentions_actor(bank: &Bank, id: &str, text: &str) -> bool {
    let Some(actor) = bank.actor(id) else {
        return false;
    };
    let reporter = actor.kind == ActorKind::Reporter;
    let names = actor
        .aliases
        .iter()
        .map(String::as_str)
        .chain(actor.name.as_deref())
        .chain([actor.role.as_str()])
        // Every prompt says "the report"; only naming its narrating voice counts.
        .filter(|name| !(reporter && name.trim().eq_ignore_ascii_case("the report")))
        .chain(
            ["the reporter", "the narrator"]
                .into_iter()
                .filter(|_| reporter),
        );
    // The lower-cased text, made only when a name is not ASCII or the text is not.
    let mut lowered: Option<String> = None;
    let ascii = text.is_ascii();
    names.map(str::trim).any(|name| {
        if ascii && name.is_ascii() {
            name.len() >= 3 && contains_word_ignoring_ascii_case(text, name)
        } else {
            let name = name.to_lowercase();
            let haystack = lowered.get_or_insert_with(|| text.to_lowercase());
            name.chars().count() >= 3 && contains_word(haystack, &name)
        }
    })
}

/// [`contains_word`] of ASCII texts, ignoring case: as `contains_word` of
/// both lower-cased (the same non-overlapping matches), without the copies.
fn contains_word_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return contains_word(haystack, needle);
    }
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    let first = needle[0];
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while from <= last_start {
        let Some(found) = memchr::memchr2(lower, upper, &haystack[from..=last_start]) else {
            return false;
        };
        let start = from + found;
        let end = start + needle.len();
        if !haystack[start..end].eq_ignore_ascii_case(needle) {
            from = start + 1;
            continue;
        }
        let before = start.checked_sub(1).map(|at| haystack[at]);
        let after = haystack.get(end).copied();
        if !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return true;
        }
        from = end;
    }
    false
}

/// Whether `needle` occurs in `haystack` as whole words.
pub fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(start, _)| {
        let before = haystack[..start].chars().next_back();
        let after = haystack[start + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The texts a question shows before it is answered: prompt, options, pair
/// sides and items.
pub fn shown_before_answer(question: &Question) -> Vec<&str> {
    let mut texts = vec![question.common.prompt.as_str()];
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            texts.extend(choices.iter().map(|c| c.text.as_str()));
        }
        QuestionBody::Match { pairs, extra_right } => {
            for pair in pairs {
                texts.push(&pair.left);
                texts.push(&pair.right);
            }
            texts.extend(extra_right.iter().map(String::as_str));
        }
        QuestionBody::Order { items } => texts.extend(items.iter().map(String::as_str)),
        _ => {}
    }
    texts
}

/// What a who-said question asks the speaker of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject<'a> {
    /// Who said this claim.
    Claim(&'a str),
    /// Who asked this exchange's question.
    Exchange(&'a str),
}

impl Subject<'_> {
    /// Whether `question` is about this claim or exchange.
    pub fn is_about(self, question: &Question) -> bool {
        match self {
            Subject::Claim(id) => question.common.claims.iter().any(|c| c == id),
            Subject::Exchange(id) => question.common.exchanges.iter().any(|e| e == id),
        }
    }
}

/// What a who-said question asks, with each answer: every claim of a match
/// (one per left), else its first claim; without claims, who asked its
/// first exchange's question. Claims of ambiguous attribution have no
/// speaker to give away.
pub fn asked_speakers<'a>(bank: &'a Bank, question: &Question) -> Vec<(Subject<'a>, &'a str)> {
    if question.common.kind != Some(QuestionKind::WhoSaid) {
        return Vec::new();
    }
    let claims = &question.common.claims;
    if claims.is_empty() {
        return question
            .common
            .exchanges
            .first()
            .and_then(|id| bank.exchange(id))
            .map(|exchange| {
                (
                    Subject::Exchange(exchange.id.as_str()),
                    exchange.asked_by.as_str(),
                )
            })
            .into_iter()
            .collect();
    }
    let asked = if matches!(question.body, QuestionBody::Match { .. }) {
        &claims[..]
    } else {
        &claims[..1]
    };
    asked
        .iter()
        .filter_map(|id| bank.claim(id))
        .filter(|claim| claim.attribution != Attribution::Ambiguous)
        .map(|claim| (Subject::Claim(claim.id.as_str()), claim.by.as_str()))
        .collect()
}

/// Whether a prompt or option of `question` names `speaker` while being
/// about `subject`.
pub fn names_speaker(bank: &Bank, question: &Question, subject: Subject, speaker: &str) -> bool {
    subject.is_about(question)
        && shown_before_answer(question)
            .iter()
            .any(|text| mentions_actor(bank, speaker, text))
}

/// Whether `earlier`, asked first, shows the key of `later`. With
/// `immediate` feedback the earlier question's feedback, explanation and
/// citation count; otherwise only what it shows before the answer.
pub fn reveals(bank: &Bank, earlier: &Question, later: &Question, immediate: bool) -> bool {
    if earlier.common.id == later.common.id {
        return false;
    }
    let shares_claim = later
        .common
        .claims
        .iter()
        .any(|claim| earlier.common.claims.contains(claim));
    match later.common.kind {
        // The citation names every speaker (or says the attribution is
        // unclear); an exchange's explanation names who asked it.
        Some(QuestionKind::WhoSaid) => {
            asked_speakers(bank, later)
                .iter()
                .any(|&(subject, speaker)| {
                    subject.is_about(earlier)
                        && (immediate || names_speaker(bank, earlier, subject, speaker))
                })
        }
        _ if !shares_claim => false,
        Some(
            QuestionKind::Support | QuestionKind::EvidenceOffered | QuestionKind::EvidenceKind,
        ) => immediate,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled;

    #[test]
    fn a_citation_gives_away_who_said_it_and_a_prompt_naming_the_speaker_does_too() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let question = |id: &str| loaded.question(id).expect(id);
        let who = question("who-nine-camps");
        let support = question("support-nine-camps");
        // Its feedback cites nine-camps-hit (and so names India).
        assert!(reveals(&loaded.bank, support, who, true));
        // Its prompt does not name India, so without feedback it gives nothing away...
        assert!(!reveals(&loaded.bank, support, who, false));
        // ...but the same prompt naming India would.
        let mut naming = support.clone();
        naming.common.prompt =
            "India said that nine terrorist camps were hit. What does the report show?".into();
        assert!(reveals(&loaded.bank, &naming, who, false));
        // Who asked an exchange: the jets order item shows "The anchor presses for proof".
        let asked_by = question("who-pressed-proof");
        assert!(reveals(
            &loaded.bank,
            question("order-jets"),
            asked_by,
            false
        ));
        assert!(!reveals(
            &loaded.bank,
            asked_by,
            question("order-jets"),
            false
        ));
        // A who-said item gives nothing away to itself or across claims.
        assert!(!reveals(&loaded.bank, who, who, true));
        assert!(!reveals(
            &loaded.bank,
            question("gen-who-said-war-cover-up"),
            who,
            true
        ));
    }

    proptest::proptest! {
        #[test]
        fn ascii_whole_words_ignoring_case_agree_with_lower_cased_copies(
            haystack in "[aAbB .]{0,12}",
            needle in "[aAbB .]{0,4}",
        ) {
            proptest::prop_assert_eq!(
                contains_word_ignoring_ascii_case(&haystack, &needle),
                contains_word(&haystack.to_lowercase(), &needle.to_lowercase())
            );
        }
    }

    #[test]
    fn names_match_whole_words_only() {
        assert!(contains_word("asif said", "asif"));
        assert!(!contains_word("asifa said", "asif"));
        assert!(contains_word("said asif.", "asif"));
    }
}
