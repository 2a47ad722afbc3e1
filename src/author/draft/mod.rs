//! Drafting a bank from a plain-text report (`crossexam draft`): sentences
//! are split, attributions found (said, claimed, denied, warned, offered,
//! accused, admitted, questioned, "according to", "X, he said, Y", ...),
//! speakers resolved by name, role word and pronoun, and one claim proposed
//! per attributed statement and per clause in the report's own voice, with
//! the report's wording copied verbatim. Interviewer questions followed by
//! an answer become exchanges.
//!
//! Every guess a trainer must check carries an `x-review` key (authors'
//! data, ignored by the engine), so the draft loads as it is. Pure: text in,
//! JSON out; no I/O.

use crate::bank::model::{
    Actor, ActorKind, Attribution, BANK_FORMAT, Bank, Claim, Evidence, EvidenceKind, Exchange,
    Generator, IdSelection, Source, SourceKind, StatementKind, Support, Template,
};
use serde_json::{Value, json};

/// The key that carries a review note.
pub const REVIEW_KEY: &str = "x-review";

/// What the draft is called.
#[derive(Debug, Clone, Copy)]
pub struct DraftOptions<'a> {
    /// The bank id (a slug).
    pub id: &'a str,
    /// The bank title.
    pub title: &'a str,
    /// The report's file name, for the source note.
    pub source_name: &'a str,
}

/// Drafts a bank from a report. The result loads as a bank; every guess
/// carries an `x-review` note.
pub fn draft(report: &str, options: &DraftOptions<'_>) -> Value {
    let report = report.strip_prefix('\u{feff}').unwrap_or(report);
    let sentences = sentences(report);
    let mut cast = Cast::discover(&sentences);
    let mut context = Context::default();
    let mut proposals: Vec<Vec<Proposal>> = Vec::new();
    // The last speaker of the paragraph: a sentence in the report's voice after their words may still be theirs.
    let mut previous_speaker: Option<(usize, String)> = None;
    for sentence in &sentences {
        let mut made = analyse_sentence(sentence.text, &mut cast, &mut context);
        if let Some((paragraph, speaker)) = &previous_speaker
            && *paragraph == sentence.paragraph
        {
            let label = cast.label(speaker);
            for proposal in made
                .iter_mut()
                .filter(|proposal| cast.is_reporter(&proposal.by) && proposal.asking.is_none())
            {
                proposal.review.insert(
                    0,
                    format!("follows {label}'s words: the reporter's, or still {label}'s?"),
                );
            }
        }
        if let Some(last) = made
            .iter()
            .rev()
            .find(|proposal| !cast.is_reporter(&proposal.by))
        {
            previous_speaker = Some((sentence.paragraph, last.by.clone()));
        } else if let [first, second, ..] = words(sentence.text).as_slice()
            && PRONOUNS_SINGULAR.contains(&first.core.as_str())
            && !PASSIVE_OR_NEGATING.contains(&second.core.as_str())
            && let Some(person) = &context.last_person
        {
            // "He also gave an example." The next sentence may be the example.
            previous_speaker = Some((sentence.paragraph, person.clone()));
        }
        proposals.push(made);
    }
    assemble(report, options, cast, &proposals)
}

// ---------------------------------------------------------------- sentences

/// One sentence of the report, verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Which paragraph (non-empty, non-heading line) it is in, from 0.
    pub paragraph: usize,
}

/// The report's sentences, headings left out. A line is a heading when it
/// is short and does not end like a sentence.
pub fn sentences(report: &str) -> Vec<Sentence<'_>> {
    let mut found = Vec::new();
    let mut paragraph = 0;
    for line in report
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        if is_heading(line) {
            continue;
        }
        for text in split_sentences(line) {
            found.push(Sentence { text, paragraph });
        }
        paragraph += 1;
    }
    found
}

fn is_heading(line: &str) -> bool {
    let ends_like_sentence = line.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')']);
    !ends_like_sentence && line.split_whitespace().count() <= 12
}

const ABBREVIATIONS: [&str; 19] = [
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "prof", "jr",
    "sr", "vs", "etc", "e.g", "i.e",
];

/// Splits a paragraph at `.`, `!` or `?` (and closing quotes) followed by a
/// space and a capital, digit or opening quote, except after abbreviations
/// such as "Dr." and "U.S.".
fn split_sentences(paragraph: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (_, c) = chars[index];
        if matches!(c, '.' | '!' | '?') {
            let mut end = index + 1;
            while end < chars.len()
                && matches!(chars[end].1, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')')
            {
                end += 1;
            }
            let next_word_starts = end + 1 < chars.len()
                && chars[end].1.is_whitespace()
                && chars[end + 1..]
                    .iter()
                    .find(|(_, c)| !c.is_whitespace())
                    .is_some_and(|(_, c)| {
                        c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '"' | '\u{201c}' | '\'')
                    });
            if next_word_starts
                && !(c == '.' && ends_with_abbreviation(&paragraph[start..chars[index].0]))
            {
                let cut = chars
                    .get(end)
                    .map_or(paragraph.len(), |(offset, _)| *offset);
                pieces.push(paragraph[start..cut].trim());
                start = cut;
            }
            index = end;
        } else {
            index += 1;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

fn ends_with_abbreviation(before_dot: &str) -> bool {
    let last = before_dot.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(['(', '"', '\u{201c}']);
    // "U.S", "U.K": initials.
    let initials = last.len() >= 2
        && last
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    initials || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

// -------------------------------------------------------------------- words

/// A word of a clause with its byte range in the clause.
#[derive(Debug, Clone)]
struct Word<'a> {
    start: usize,
    end: usize,
    raw: &'a str,
    /// Lower-cased, outer punctuation removed, curly apostrophes straightened.
    core: String,
}

impl Word<'_> {
    fn is_capitalised(&self) -> bool {
        self.raw
            .trim_start_matches(['"', '\u{201c}', '(', '\''])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    fn ends_clause(&self) -> bool {
        self.raw.ends_with([',', ';', ':'])
    }

    /// "Pakistan’s" → "Pakistan".
    fn possessive_stem(&self) -> Option<&str> {
        let trimmed = self.raw.trim_end_matches([',', ';', ':', '.']);
        trimmed
            .strip_suffix("\u{2019}s")
            .or_else(|| trimmed.strip_suffix("'s"))
    }
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut start = None;
    for (offset, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(offset),
            (true, Some(begin)) => {
                let raw = &text[begin..offset];
                let core = raw
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .replace('\u{2019}', "'")
                    .to_lowercase();
                found.push(Word {
                    start: begin,
                    end: offset,
                    raw,
                    core,
                });
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Trims spaces and trailing sentence punctuation.
fn trim_phrase(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['.', ',', ';', ':', '!'])
        .trim()
}

/// A slug from the first content words of `text` (at most `max_words`).
pub fn slugify(text: &str, max_words: usize) -> String {
    let mut slug = String::new();
    let mut taken = 0;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        let lower = word.to_lowercase();
        if max_words < usize::MAX && STOPWORDS.contains(&lower.as_str()) {
            continue;
        }
        let ascii: String = lower.chars().filter(char::is_ascii_alphanumeric).collect();
        if ascii.is_empty() || (max_words < usize::MAX && ascii == "s") {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&ascii);
        taken += 1;
        if taken == max_words {
            break;
        }
    }
    slug
}

const STOPWORDS: [&str; 36] = [
    "a", "an", "the", "that", "this", "these", "those", "there", "was", "were", "is", "are", "be",
    "been", "had", "has", "have", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or",
    "but", "it", "its", "he", "she", "they", "his", "her", "their",
];

// ------------------------------------------------------------------- verbs

/// How an attribution verb takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// A clause: "said (that) P".
    Clause,
    /// An object: "denied the charges", "accused X of Y".
    Object,
    /// An interviewer's act: "asked about Q", "pressed for Q".
    Asking,
}

/// The attribution verbs, what statement each suggests, and what it takes.
fn attribution_verb(core: &str) -> Option<(StatementKind, Takes)> {
    use StatementKind::{
        Accusation, Admission, Denial, Factual, Offer, Opinion, Question, Warning,
    };
    Some(match core {
        "said" | "says" | "say" | "stated" | "states" | "told" | "added" | "stressed"
        | "insisted" | "explained" | "noted" | "argued" | "replied" | "answered" | "responded"
        | "declared" | "announced" | "maintained" | "confirmed" | "reiterated" | "claimed"
        | "claims" | "suggested" => (Factual, Takes::Clause),
        "warned" | "warns" => (Warning, Takes::Clause),
        "admitted" | "admits" | "conceded" | "acknowledged" => (Admission, Takes::Clause),
        "denied" | "denies" | "rejected" | "dismissed" => (Denial, Takes::Object),
        "accused" | "accuses" | "blamed" | "blames" => (Accusation, Takes::Object),
        "offered" | "offers" | "proposed" => (Offer, Takes::Object),
        "threatened" => (Warning, Takes::Object),
        "called" | "challenged" | "urged" | "repeated" => (Opinion, Takes::Object),
        "questioned" => (Question, Takes::Object),
        "asked" | "pressed" => (Question, Takes::Asking),
        _ => return None,
    })
}

const PASSIVE_OR_NEGATING: [&str; 11] = [
    "was", "were", "been", "be", "being", "is", "are", "not", "never", "didn't", "don't",
];

/// Words before which "claims", "offers", "states" are nouns.
const NOUN_CONTEXT: [&str; 23] = [
    "the", "a", "an", "its", "his", "her", "their", "our", "your", "my", "these", "those", "such",
    "for", "of", "with", "about", "on", "in", "by", "from", "any", "no",
];

const SUBJECT_BOUNDARIES: [&str; 14] = [
    "where", "that", "which", "who", "whom", "when", "while", "after", "because", "and", "but",
    "if", "as", "although",
];

const BETWEEN_SUBJECT_AND_VERB: [&str; 19] = [
    "also",
    "has",
    "have",
    "had",
    "repeatedly",
    "later",
    "then",
    "again",
    "once",
    "previously",
    "reportedly",
    "allegedly",
    "further",
    "earlier",
    "did",
    "would",
    "will",
    "openly",
    "publicly",
];

/// Words that make a sentence in the report's voice read as its own assessment.
const ASSESSMENT_CUES: [&str; 12] = [
    "showed", "shows", "show", "tense", "heated", "serious", "fears", "seems", "seemed", "appears",
    "clearly", "mistrust",
];

const PRONOUNS_SINGULAR: [&str; 4] = ["he", "she", "him", "her"];
const PRONOUNS_PLURAL: [&str; 2] = ["they", "them"];

const INTERVIEWER_WORDS: [&str; 6] = [
    "anchor",
    "host",
    "interviewer",
    "presenter",
    "moderator",
    "journalist",
];

const TITLE_WORDS: [&str; 22] = [
    "Minister",
    "President",
    "Secretary",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "General",
    "Senator",
    "Governor",
    "Mayor",
    "Chancellor",
    "Ambassador",
    "Chairman",
    "Chairwoman",
    "Commissioner",
    "Director",
    "Professor",
    "Dr",
    "Judge",
    "Prince",
    "King",
    "Queen",
];

/// Sentence-initial words that are capitalised without being names.
const NOT_NAMES: [&str; 24] = [
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "when",
    "while",
    "after",
    "despite",
    "with",
    "during",
    "according",
    "he",
    "she",
    "they",
    "it",
    "his",
    "her",
    "their",
];

// -------------------------------------------------------------------- cast

/// An actor found in the report.
#[derive(Debug, Clone)]
struct DraftActor {
    actor: Actor,
    review: Vec<String>,
    /// Words that name this actor in the text (lower-case), e.g. "asif".
    name_words: Vec<String>,
}

/// The actors found so far.
#[derive(Debug, Clone, Default)]
struct Cast {
    actors: Vec<DraftActor>,
    interviewer: Option<usize>,
}

/// What was said last, for pronouns.
#[derive(Debug, Clone, Default)]
struct Context {
    last_person: Option<String>,
    last_group: Option<String>,
}

impl Cast {
    /// Finds people with titles ("Pakistan’s Defence Minister Khawaja Asif")
    /// and the interviewer ("CNN’s anchor") before anything is attributed.
    fn discover(sentences: &[Sentence<'_>]) -> Self {
        let mut cast = Cast::default();
        for sentence in sentences {
            let found = words(sentence.text);
            for (index, word) in found.iter().enumerate() {
                let bare = word.raw.trim_matches(|c: char| !c.is_alphanumeric());
                if TITLE_WORDS.contains(&bare) {
                    cast.discover_titled_person(&found, index);
                }
            }
            for (index, word) in found.iter().enumerate() {
                if INTERVIEWER_WORDS.contains(&word.core.as_str()) && cast.interviewer.is_none() {
                    cast.discover_interviewer(sentence.text, &found, index);
                }
            }
        }
        cast
    }

    fn discover_titled_person(&mut self, found: &[Word<'_>], title_index: usize) {
        // The name: capitalised words right after the title.
        let mut name_words = Vec::new();
        for word in &found[title_index + 1..] {
            let bare = word.raw.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_capitalised()
                || TITLE_WORDS.contains(&bare)
                || NOT_NAMES.contains(&word.core.as_str())
            {
                break;
            }
            name_words.push(bare.to_string());
            if word.ends_clause() || word.possessive_stem().is_some() {
                break;
            }
        }
        if name_words.is_empty() {
            return;
        }
        let surname = name_words.last().cloned().unwrap_or_default();
        let title_word = found[title_index]
            .raw
            .trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(existing) = self.person_by_word(&surname.to_lowercase()) {
            let alias = format!("{title_word} {}", name_words.join(" "));
            push_unique(&mut self.actors[existing].actor.aliases, alias);
            return;
        }
        // The role: capitalised words before the title, and "X’s" → "of X".
        let mut role_words = vec![title_word.to_string()];
        let mut of = None;
        for word in found[..title_index].iter().rev() {
            if let Some(stem) = word.possessive_stem() {
                of = Some(stem.to_string());
                break;
            }
            if !word.is_capitalised()
                || word.ends_clause()
                || NOT_NAMES.contains(&word.core.as_str())
            {
                break;
            }
            role_words.insert(
                0,
                word.raw
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
            );
        }
        let mut role = role_words.join(" ");
        if let Some(country) = &of {
            role = format!("{role} of {country}");
        }
        let name = name_words.join(" ");
        let mut aliases = vec![surname.clone()];
        push_unique(&mut aliases, name.clone());
        let first_mention = found
            [title_index.saturating_sub(role_words.len() - 1 + usize::from(of.is_some()))..]
            .iter()
            .take(role_words.len() + usize::from(of.is_some()) + name_words.len())
            .map(|word| word.raw)
            .collect::<Vec<_>>()
            .join(" ");
        self.actors.push(DraftActor {
            actor: Actor {
                id: unique_id(&slugify(&surname, usize::MAX), &self.ids()),
                kind: ActorKind::Person,
                name: Some(name),
                role,
                aliases,
            },
            review: vec![format!(
                "found as \u{201c}{}\u{201d}: check the name and role",
                trim_phrase(&first_mention)
            )],
            name_words: name_words.iter().map(|word| word.to_lowercase()).collect(),
        });
    }

    fn discover_interviewer(&mut self, sentence: &str, found: &[Word<'_>], index: usize) {
        let word = found[index].core.clone();
        // "CNN’s anchor", "The CNN host": an outlet in capitals just before.
        let outlet = found[..index]
            .last()
            .map(|before| before.possessive_stem().unwrap_or(before.raw))
            .filter(|before| before.len() >= 2 && before.chars().all(|c| c.is_ascii_uppercase()))
            .map(str::to_string);
        let role = match &outlet {
            Some(outlet) => format!("{outlet} {word}"),
            None => capitalise(&word),
        };
        let mention_start = index.saturating_sub(usize::from(outlet.is_some()));
        let mention =
            trim_phrase(&sentence[found[mention_start].start..found[index].end]).to_string();
        let id = unique_id(&word, &self.ids());
        self.actors.push(DraftActor {
            actor: Actor { id, kind: ActorKind::Person, name: None, role, aliases: vec![format!("the {word}")] },
            review: vec![format!(
                "the interviewer, found as \u{201c}{mention}\u{201d}: every {} is taken to be this one person",
                INTERVIEWER_WORDS.join("/")
            )],
            name_words: Vec::new(),
        });
        self.interviewer = Some(self.actors.len() - 1);
    }

    fn ids(&self) -> Vec<String> {
        self.actors
            .iter()
            .map(|draft| draft.actor.id.clone())
            .collect()
    }

    fn person_by_word(&self, word: &str) -> Option<usize> {
        self.actors.iter().position(|draft| {
            draft.actor.kind == ActorKind::Person
                && draft.name_words.iter().any(|name| name == word)
        })
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|draft| draft.actor.id == id)
    }

    fn kind_of(&self, id: &str) -> Option<ActorKind> {
        self.index_of(id).map(|index| self.actors[index].actor.kind)
    }

    fn is_reporter(&self, id: &str) -> bool {
        self.kind_of(id) == Some(ActorKind::Reporter)
    }

    fn is_interviewer(&self, id: &str) -> bool {
        self.interviewer
            .is_some_and(|index| self.actors[index].actor.id == id)
    }

    fn label(&self, id: &str) -> String {
        self.index_of(id).map_or_else(
            || id.to_string(),
            |index| {
                let actor = &self.actors[index].actor;
                actor
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("the {}", actor.role))
            },
        )
    }

    fn remember_alias(&mut self, id: &str, mention: &str) {
        let mention = mention.trim();
        if mention.is_empty() || PRONOUNS_SINGULAR.contains(&mention.to_lowercase().as_str()) {
            return;
        }
        let lowered = lower_article(mention);
        if let Some(index) = self.index_of(id) {
            let actor = &mut self.actors[index].actor;
            if actor.name.as_deref() != Some(lowered.as_str()) && actor.role != lowered {
                push_unique(&mut actor.aliases, lowered);
            }
        }
    }

    /// Who the words before a verb name. Returns the actor id and whether it was a guess worth reviewing.
    fn resolve(&mut self, subject: &[Word<'_>], context: &mut Context) -> Resolved {
        let cores: Vec<&str> = subject.iter().map(|word| word.core.as_str()).collect();
        let text = subject
            .iter()
            .map(|word| word.raw)
            .collect::<Vec<_>>()
            .join(" ");
        let text = trim_phrase(&text).to_string();
        if cores.is_empty() {
            return Resolved::Unknown(text);
        }
        // Pronouns.
        if cores.len() == 1 && PRONOUNS_SINGULAR.contains(&cores[0]) {
            return context
                .last_person
                .clone()
                .map_or(Resolved::Unknown(text.clone()), |id| {
                    Resolved::Pronoun(id, text)
                });
        }
        if cores.len() == 1 && PRONOUNS_PLURAL.contains(&cores[0]) {
            return context
                .last_group
                .clone()
                .map_or(Resolved::Unknown(text.clone()), |id| {
                    Resolved::Pronoun(id, text)
                });
        }
        // People by name, then by a word of their role ("the Defence Minister", "Pakistan’s minister").
        for core in &cores {
            if let Some(index) = self.person_by_word(core) {
                let id = self.actors[index].actor.id.clone();
                self.remember_alias(&id, &text);
                return Resolved::Named(id);
            }
        }
        for (index, draft) in self.actors.iter().enumerate() {
            if draft.actor.kind != ActorKind::Person || self.interviewer == Some(index) {
                continue;
            }
            let role_words: Vec<String> = words(&draft.actor.role)
                .iter()
                .map(|word| word.core.clone())
                .collect();
            let title_in_subject = cores.iter().any(|core| {
                role_words.iter().any(|role| role == core)
                    && TITLE_WORDS
                        .iter()
                        .any(|title| title.eq_ignore_ascii_case(core))
            });
            if title_in_subject {
                let id = draft.actor.id.clone();
                self.remember_alias(&id, &text);
                return Resolved::Named(id);
            }
        }
        if let Some(index) = self.interviewer
            && cores.iter().any(|core| INTERVIEWER_WORDS.contains(core))
        {
            let id = self.actors[index].actor.id.clone();
            self.remember_alias(&id, &text);
            return Resolved::Named(id);
        }
        // Proper names: two or more capitalised words make a person, one a government or group.
        let proper: Vec<&Word<'_>> = subject
            .iter()
            .filter(|word| word.is_capitalised() && !NOT_NAMES.contains(&word.core.as_str()))
            .collect();
        if proper.is_empty() {
            return Resolved::Unknown(text);
        }
        let name = proper
            .iter()
            .map(|word| {
                word.possessive_stem()
                    .unwrap_or(word.raw)
                    .trim_matches(|c: char| !c.is_alphanumeric())
            })
            .collect::<Vec<_>>()
            .join(" ");
        let slug = slugify(&name, usize::MAX);
        if let Some(existing) = self.actors.iter().find(|draft| draft.actor.id == slug) {
            return Resolved::Named(existing.actor.id.clone());
        }
        let (kind, role, review) = if proper.len() >= 2 {
            (
                ActorKind::Person,
                "Role not stated in the report".to_string(),
                format!("found as \u{201c}{text}\u{201d}: a person? fill in the role"),
            )
        } else {
            (
                ActorKind::Government,
                format!("Government of {name}"),
                format!(
                    "found as \u{201c}{text}\u{201d}: a name read as a government; check the kind (government, group, outlet) and role"
                ),
            )
        };
        let id = unique_id(&slug, &self.ids());
        let surname = proper
            .last()
            .map(|word| word.core.clone())
            .unwrap_or_default();
        self.actors.push(DraftActor {
            actor: Actor {
                id: id.clone(),
                kind,
                name: Some(name),
                role,
                aliases: Vec::new(),
            },
            review: vec![review],
            name_words: if kind == ActorKind::Person {
                vec![surname]
            } else {
                Vec::new()
            },
        });
        Resolved::Named(id)
    }

    /// Notes who a clause is about, for later pronouns, from a name in its first words.
    fn notice(&self, clause_words: &[Word<'_>], context: &mut Context) {
        for word in clause_words.iter().take(8) {
            if let Some(index) = self.person_by_word(&word.core) {
                context.last_person = Some(self.actors[index].actor.id.clone());
                return;
            }
        }
    }

    fn reporter(&mut self) -> String {
        if let Some(draft) = self
            .actors
            .iter()
            .find(|draft| draft.actor.kind == ActorKind::Reporter)
        {
            return draft.actor.id.clone();
        }
        let id = unique_id("reporter", &self.ids());
        self.actors.push(DraftActor {
            actor: Actor {
                id: id.clone(),
                kind: ActorKind::Reporter,
                name: None,
                role: "The report's own narrating voice".to_string(),
                aliases: vec!["the reporter".to_string(), "the report".to_string()],
            },
            review: Vec::new(),
            name_words: Vec::new(),
        });
        id
    }
}

/// Who a subject names.
#[derive(Debug, Clone)]
enum Resolved {
    /// By name or role word.
    Named(String),
    /// By a pronoun: a guess from the sentences before.
    Pronoun(String, String),
    /// Nobody found; the text is kept for the review note.
    Unknown(String),
}

fn is_pronoun(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    PRONOUNS_SINGULAR.contains(&lower.as_str()) || PRONOUNS_PLURAL.contains(&lower.as_str())
}

fn lower_article(mention: &str) -> String {
    match mention.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => mention.to_string(),
    }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list
        .iter()
        .any(|existing| existing.eq_ignore_ascii_case(&item))
    {
        list.push(item);
    }
}

fn unique_id(base: &str, taken: &[String]) -> String {
    let base = if base.is_empty() { "item" } else { base };
    let base = base.trim_matches('-');
    if !taken.iter().any(|id| id == base) {
        return base.to_string();
    }
    (2..=taken.len() + 2)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

// ------------------------------------------------------------------ clauses

/// A proposed claim.
#[derive(Debug, Clone)]
struct Proposal {
    by: String,
    via: Vec<String>,
    attribution: Attribution,
    statement: StatementKind,
    text: String,
    wording: Vec<String>,
    direct_quote: bool,
    review: Vec<String>,
    /// An interviewer's question this clause reports (asked by, what).
    asking: Option<(String, String)>,
    /// "When asked Q, ..." before the clause.
    answers: Option<String>,
}

/// Splits "When asked Q, rest" into Q and rest.
fn when_asked(sentence: &str) -> (Option<&str>, &str) {
    for prefix in [
        "When asked ",
        "when asked ",
        "Asked ",
        "When pressed ",
        "When questioned ",
    ] {
        if let Some(rest) = sentence.strip_prefix(prefix)
            && let Some(comma) = rest.find(", ")
        {
            return (Some(rest[..comma].trim()), rest[comma + 2..].trim());
        }
    }
    (None, sentence)
}

/// Splits a sentence into clauses: at "; ", and at "and"/"but" when an
/// attribution verb follows ("... and said ...", "... but said ...").
fn split_clauses(sentence: &str) -> Vec<&str> {
    let found = words(sentence);
    let mut cuts = Vec::new();
    for (index, word) in found.iter().enumerate() {
        if word.raw.ends_with(';') {
            cuts.push((word.end, word.end));
            continue;
        }
        if !matches!(word.core.as_str(), "and" | "but") || index == 0 || index + 1 >= found.len() {
            continue;
        }
        let starts_statement =
            attribution_at(&found, index + 1).is_some_and(|(_, takes)| takes != Takes::Asking);
        if starts_statement {
            let cut_at = found[index - 1].end;
            cuts.push((cut_at, word.end));
        }
    }
    let mut clauses = Vec::new();
    let mut start = 0;
    for (end, resume) in cuts {
        clauses.push(sentence[start..end].trim());
        start = resume;
    }
    clauses.push(sentence[start..].trim());
    clauses
        .into_iter()
        .map(|clause| clause.trim_end_matches(',').trim())
        .filter(|clause| !clause.is_empty())
        .collect()
}

/// Whether `found[index]` is an attribution verb used actively (not "was
/// questioned", "did not offer").
fn attribution_at(found: &[Word<'_>], index: usize) -> Option<(StatementKind, Takes)> {
    let (statement, takes) = attribution_verb(&found[index].core)?;
    let previous = index
        .checked_sub(1)
        .map(|before| found[before].core.as_str());
    if previous.is_some_and(|word| PASSIVE_OR_NEGATING.contains(&word)) {
        return None;
    }
    // "the claims", "for claims", "the Indian claims": a noun, not a verb.
    let noun_context = |at: usize| {
        found
            .get(at)
            .is_some_and(|word| NOUN_CONTEXT.contains(&word.core.as_str()))
    };
    if let Some(before) = index.checked_sub(1)
        && (noun_context(before)
            || (found[before].is_capitalised() && before > 0 && noun_context(before - 1)))
    {
        return None;
    }
    if takes == Takes::Asking {
        // "asked about/for/whether/if ...", not "asked to provide".
        let next = found.get(index + 1).map(|word| word.core.as_str());
        if !next.is_some_and(|word| {
            matches!(
                word,
                "about"
                    | "for"
                    | "whether"
                    | "if"
                    | "why"
                    | "how"
                    | "what"
                    | "who"
                    | "when"
                    | "where"
            )
        }) {
            return None;
        }
    }
    Some((statement, takes))
}

/// Leading framing ("In the interview, ", "Despite that, ") that is not part of the claim.
fn strip_framing(clause: &str) -> &str {
    let found = words(clause);
    let Some(first) = found.first() else {
        return clause;
    };
    let framing = matches!(
        first.core.as_str(),
        "in" | "on"
            | "at"
            | "during"
            | "despite"
            | "however"
            | "meanwhile"
            | "still"
            | "later"
            | "earlier"
            | "also"
    );
    if framing && let Some(comma) = found.iter().take(8).position(Word::ends_clause) {
        return clause[found[comma].end..].trim();
    }
    clause
}

/// Splits narration at "after", "because", "while", "as": each part is a
/// proposition of its own.
fn split_subordinate(clause: &str) -> Vec<&str> {
    let found = words(clause);
    for (index, word) in found.iter().enumerate() {
        if matches!(
            word.core.as_str(),
            "after" | "because" | "while" | "although" | "whereas"
        ) && index >= 4
            && found.len() - index > 4
            && !found[index - 1].ends_clause()
        {
            return vec![
                clause[..found[index - 1].end].trim(),
                clause[word.end..].trim(),
            ];
        }
    }
    vec![clause]
}

fn analyse_sentence(sentence: &str, cast: &mut Cast, context: &mut Context) -> Vec<Proposal> {
    let (asked, rest) = when_asked(sentence);
    let mut proposals = Vec::new();
    let mut carried: Option<String> = None;
    for clause in split_clauses(rest) {
        let mut made = analyse_clause(clause, carried.as_deref(), cast, context);
        if let Some(first) = made.first().filter(|first| !cast.is_reporter(&first.by)) {
            carried = Some(first.by.clone());
        } else if carried.is_none() {
            // "Asif did not offer any evidence but said ...": the named person carries over.
            carried = words(clause)
                .iter()
                .take(3)
                .find_map(|word| cast.person_by_word(&word.core))
                .map(|index| cast.actors[index].actor.id.clone());
        }
        if let Some(question) = asked {
            for proposal in &mut made {
                if !cast.is_reporter(&proposal.by) {
                    proposal.answers = Some(question.to_string());
                }
            }
        }
        proposals.extend(made);
    }
    proposals
}

fn analyse_clause(
    clause: &str,
    carried: Option<&str>,
    cast: &mut Cast,
    context: &mut Context,
) -> Vec<Proposal> {
    let clause = strip_framing(clause);
    let found = words(clause);
    cast.notice(&found, context);
    if let Some(proposal) = according_to(clause, cast, context) {
        return vec![proposal];
    }
    if let Some(proposal) = parenthetical(clause, &found, cast, context) {
        return vec![proposal];
    }
    let Some(verb) = (0..found.len()).find(|&index| attribution_at(&found, index).is_some()) else {
        return narration_of(clause, cast);
    };
    let (statement, takes) =
        attribution_at(&found, verb).unwrap_or((StatementKind::Factual, Takes::Clause));
    // The subject: words before the verb back to a boundary, without auxiliaries.
    let mut subject_start = verb;
    while subject_start > 0 {
        let before = &found[subject_start - 1];
        if SUBJECT_BOUNDARIES.contains(&before.core.as_str()) || before.ends_clause() {
            break;
        }
        subject_start -= 1;
    }
    let mut subject_end = verb;
    while subject_end > subject_start
        && BETWEEN_SUBJECT_AND_VERB.contains(&found[subject_end - 1].core.as_str())
    {
        subject_end -= 1;
    }
    let embedded = subject_start > 0
        && SUBJECT_BOUNDARIES.contains(&found[subject_start - 1].core.as_str())
        && !found[subject_start - 1].ends_clause();
    let mut review = Vec::new();
    let by = if subject_start == subject_end {
        if let Some(id) = carried {
            id.to_string()
        } else {
            review.push("no speaker found before the verb: who says this?".to_string());
            cast.reporter()
        }
    } else {
        match cast.resolve(&found[subject_start..subject_end], context) {
            Resolved::Named(id) => id,
            Resolved::Pronoun(id, text) => {
                review.push(format!(
                    "\u{201c}{text}\u{201d} read as {}",
                    cast.label(&id)
                ));
                id
            }
            // Nobody named before the verb: "for claims of ..." is no attribution.
            Resolved::Unknown(text)
                if !text.chars().any(char::is_uppercase) && !is_pronoun(&text) =>
            {
                return narration_of(clause, cast);
            }
            Resolved::Unknown(text) => {
                review.push(format!("could not tell who \u{201c}{text}\u{201d} is"));
                cast.reporter()
            }
        }
    };
    match cast.kind_of(&by) {
        Some(ActorKind::Person) if !cast.is_interviewer(&by) => {
            context.last_person = Some(by.clone());
        }
        Some(ActorKind::Government | ActorKind::Group | ActorKind::Outlet) => {
            context.last_group = Some(by.clone());
        }
        _ => {}
    }
    let verb_word = found[verb]
        .raw
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let after_verb = clause[found[verb].end..].trim();
    // An interviewer asking: the reporter narrates the question; claims inside it are relayed through the interviewer.
    if takes == Takes::Asking || (cast.is_interviewer(&by) && statement == StatementKind::Question)
    {
        let mut proposals = narration_of(clause, cast);
        if let Some(first) = proposals.first_mut() {
            first.asking = Some((by.clone(), trim_phrase(after_verb).to_string()));
            first.review.push(format!("the reporter narrates {}'s question: keep it as a claim only if it matters as a fact", cast.label(&by)));
        }
        let inner = &found[verb + 1..];
        if let Some(offset) = (0..inner.len()).find(|&index| attribution_at(inner, index).is_some())
        {
            let inner_clause = &clause[inner[0].start..];
            let mut relayed = analyse_clause(inner_clause, None, cast, context);
            for proposal in &mut relayed {
                if !cast.is_reporter(&proposal.by) {
                    proposal.via = vec![by.clone()];
                    proposal.attribution = Attribution::Reported;
                    proposal.review.push(format!(
                        "relayed inside {}'s question (\u{201c}{}\u{201d}): whose word is it?",
                        cast.label(&by),
                        inner[offset].raw
                    ));
                }
            }
            proposals.extend(relayed);
        }
        return proposals;
    }
    let kind = cast.kind_of(&by);
    let (attribution, via) = match kind {
        Some(ActorKind::Government | ActorKind::Group | ActorKind::Outlet) => {
            review.push(
                "a government's or group's statement relayed by the reporter: reported".to_string(),
            );
            (Attribution::Reported, vec![cast.reporter()])
        }
        _ if embedded => {
            review.push(
                "the attribution sits inside another clause: direct or reported?".to_string(),
            );
            (Attribution::Reported, vec![cast.reporter()])
        }
        _ => (Attribution::Direct, Vec::new()),
    };
    let (proposition, wording_text) = match takes {
        Takes::Clause => {
            let proposition = after_verb.strip_prefix("that ").unwrap_or(after_verb);
            (proposition.to_string(), proposition.to_string())
        }
        _ => (
            after_verb.to_string(),
            clause[found[verb].start..].to_string(),
        ),
    };
    let mut statement = statement;
    let proposition_core = proposition.to_lowercase();
    if takes == Takes::Object
        && words(&proposition)
            .iter()
            .any(|word| matches!(word.core.as_str(), "offer" | "offers"))
    {
        statement = StatementKind::Offer;
    } else if matches!(statement, StatementKind::Factual | StatementKind::Opinion)
        && proposition_core.contains(" a lie")
    {
        statement = StatementKind::Denial;
    } else if statement == StatementKind::Factual
        && [" should ", " must ", " ought "]
            .iter()
            .any(|cue| format!(" {proposition_core} ").contains(cue))
    {
        statement = StatementKind::Opinion;
    }
    review.push(format!(
        "statement kind guessed from \u{201c}{verb_word}\u{201d}: is it {}?",
        statement_hint(statement)
    ));
    let text = claim_text(&verb_word, takes, &proposition, &by, cast);
    let (wording, direct_quote) = wording_phrases(&wording_text, &mut review);
    vec![Proposal {
        by,
        via,
        attribution,
        statement,
        text,
        wording,
        direct_quote,
        review,
        asking: None,
        answers: None,
    }]
}

fn statement_hint(statement: StatementKind) -> &'static str {
    match statement {
        StatementKind::Factual => "factual, or an opinion, warning or accusation",
        StatementKind::Accusation => "an accusation",
        StatementKind::Denial => "a denial",
        StatementKind::Warning => "a warning",
        StatementKind::Offer => "an offer",
        StatementKind::Admission => "an admission, and whose word is \u{201c}admitted\u{201d}",
        StatementKind::Opinion => "an opinion",
        StatementKind::Question => "a (rhetorical) question",
    }
}

/// A neutral-ish paraphrase to start from: the content as a statement.
fn claim_text(verb: &str, takes: Takes, proposition: &str, by: &str, cast: &Cast) -> String {
    let proposition = trim_phrase(proposition);
    let lower_verb = verb.to_lowercase();
    let text = match (takes, lower_verb.as_str()) {
        (Takes::Clause, _) => capitalise(proposition),
        (_, "accused" | "accuses") => match proposition.split_once(" of ") {
            Some((target, rest)) => format!("{} was {rest}", capitalise(target)),
            None => format!("{} {lower_verb} {proposition}", capitalise(&cast.label(by))),
        },
        (_, "blamed" | "blames") => match proposition.split_once(" for ") {
            Some((target, rest)) => format!("{} were to blame for {rest}", capitalise(target)),
            None => format!("{} {lower_verb} {proposition}", capitalise(&cast.label(by))),
        },
        (_, "questioned") => return format!("{}?", capitalise(proposition)),
        _ => format!("{} {lower_verb} {proposition}", capitalise(&cast.label(by))),
    };
    format!("{text}.")
}

/// The report's wording: the phrase itself, or its comma-separated parts
/// when it is long; a phrase in quotation marks is the speaker's own words.
fn wording_phrases(text: &str, review: &mut Vec<String>) -> (Vec<String>, bool) {
    let phrase = trim_phrase(text);
    let quoted = [('"', '"'), ('\u{201c}', '\u{201d}')]
        .iter()
        .find_map(|(open, close)| {
            phrase
                .strip_prefix(*open)
                .and_then(|rest| rest.strip_suffix(*close))
        });
    if let Some(inner) = quoted
        && !inner.contains(['"', '\u{201c}', '\u{201d}'])
    {
        review.push("in quotation marks: the speaker's own words".to_string());
        return (vec![trim_phrase(inner).to_string()], true);
    }
    if phrase.split_whitespace().count() <= 16 {
        return (vec![phrase.to_string()], false);
    }
    let mut parts: Vec<String> = Vec::new();
    for part in phrase.split(", ") {
        let part = trim_phrase(part);
        match parts.last_mut() {
            Some(last)
                if part.split_whitespace().count() < 3 || last.split_whitespace().count() < 3 =>
            {
                last.push_str(", ");
                last.push_str(part);
            }
            _ => parts.push(part.to_string()),
        }
    }
    if parts.len() > 1 {
        review.push("long: one claim, or several?".to_string());
    }
    (parts, false)
}

/// "According to him, P".
fn according_to(clause: &str, cast: &mut Cast, context: &mut Context) -> Option<Proposal> {
    let rest = clause
        .strip_prefix("According to ")
        .or_else(|| clause.strip_prefix("according to "))?;
    let comma = rest.find(", ")?;
    let subject_text = &rest[..comma];
    let proposition = rest[comma + 2..].trim();
    let subject = words(subject_text);
    let mut review = vec![
        "\u{201c}according to\u{201d}: the reporter relays the words; direct or reported?"
            .to_string(),
    ];
    let by = match cast.resolve(&subject, context) {
        Resolved::Named(id) => id,
        Resolved::Pronoun(id, text) => {
            review.push(format!(
                "\u{201c}{text}\u{201d} read as {}",
                cast.label(&id)
            ));
            id
        }
        Resolved::Unknown(text) => {
            review.push(format!("could not tell who \u{201c}{text}\u{201d} is"));
            cast.reporter()
        }
    };
    review.push(format!(
        "statement kind guessed: is it {}?",
        statement_hint(StatementKind::Factual)
    ));
    let (wording, direct_quote) = wording_phrases(proposition, &mut review);
    Some(Proposal {
        via: vec![cast.reporter()],
        by,
        attribution: Attribution::Reported,
        statement: StatementKind::Factual,
        text: format!("{}.", capitalise(trim_phrase(proposition))),
        wording,
        direct_quote,
        review,
        asking: None,
        answers: None,
    })
}

/// "These sites, India said, were used ...": a speaker between commas.
fn parenthetical(
    clause: &str,
    found: &[Word<'_>],
    cast: &mut Cast,
    context: &mut Context,
) -> Option<Proposal> {
    let (open, verb) = (0..found.len()).find_map(|open| {
        if !found[open].ends_clause() || open + 2 >= found.len() {
            return None;
        }
        (open + 2..found.len().min(open + 5)).find_map(|verb| {
            let (_, takes) = attribution_verb(&found[verb].core)?;
            (takes == Takes::Clause && found[verb].ends_clause()).then_some((open, verb))
        })
    })?;
    let subject = &found[open + 1..verb];
    let (statement, _) = attribution_verb(&found[verb].core)?;
    let mut review = Vec::new();
    let by = match cast.resolve(subject, context) {
        Resolved::Named(id) => id,
        Resolved::Pronoun(id, text) => {
            review.push(format!(
                "\u{201c}{text}\u{201d} read as {}",
                cast.label(&id)
            ));
            id
        }
        Resolved::Unknown(_) => return None,
    };
    let (attribution, via) = match cast.kind_of(&by) {
        Some(ActorKind::Government | ActorKind::Group | ActorKind::Outlet) => {
            review.push(
                "a government's or group's statement relayed by the reporter: reported".to_string(),
            );
            context.last_group = Some(by.clone());
            (Attribution::Reported, vec![cast.reporter()])
        }
        _ => (Attribution::Direct, Vec::new()),
    };
    let before = trim_phrase(&clause[..found[open].end]);
    let after = trim_phrase(&clause[found[verb].end..]);
    let proposition = format!("{before} {after}");
    review.push(format!(
        "statement kind guessed from \u{201c}{}\u{201d}: is it {}?",
        found[verb].raw.trim_end_matches(','),
        statement_hint(statement)
    ));
    // The whole clause when short ("These sites, India said, were used ..."), else the part after the speaker.
    let (wording, direct_quote) = if clause.split_whitespace().count() <= 16 {
        wording_phrases(clause, &mut review)
    } else {
        wording_phrases(after, &mut review)
    };
    Some(Proposal {
        by,
        via,
        attribution,
        statement,
        text: format!("{}.", capitalise(trim_phrase(&proposition))),
        wording,
        direct_quote,
        review,
        asking: None,
        answers: None,
    })
}

/// Clauses in the report's own voice: one claim each.
fn narration_of(clause: &str, cast: &mut Cast) -> Vec<Proposal> {
    let reporter = cast.reporter();
    let mut proposals = Vec::new();
    for part in split_subordinate(strip_framing(clause)) {
        let part = trim_phrase(part);
        if part.split_whitespace().count() < 3 {
            continue;
        }
        let assessment = words(part)
            .iter()
            .any(|word| ASSESSMENT_CUES.contains(&word.core.as_str()));
        let mut review = vec![
            "the report's own voice: keep it only if it is a checkable proposition".to_string(),
            if assessment {
                "statement kind guessed: it reads as the reporter's own assessment (an opinion); or is it factual?".to_string()
            } else {
                "statement kind guessed: factual, or the reporter's opinion?".to_string()
            },
        ];
        let (wording, direct_quote) = wording_phrases(part, &mut review);
        let text = with_named_subject(part, cast);
        proposals.push(Proposal {
            by: reporter.clone(),
            via: Vec::new(),
            attribution: Attribution::Direct,
            statement: if assessment {
                StatementKind::Opinion
            } else {
                StatementKind::Factual
            },
            text: format!("{}.", capitalise(&text)),
            wording,
            direct_quote,
            review,
            asking: None,
            answers: None,
        });
    }
    proposals
}

/// "He was questioned about …" → "Khawaja Asif was questioned about …" when a person was named before.
fn with_named_subject(part: &str, cast: &Cast) -> String {
    let found = words(part);
    let Some(first) = found.first() else {
        return part.to_string();
    };
    if PRONOUNS_SINGULAR.contains(&first.core.as_str()) {
        let last =
            cast.actors.iter().rev().find(|draft| {
                draft.actor.kind == ActorKind::Person && !draft.name_words.is_empty()
            });
        if let Some(draft) = last {
            return format!("{}{}", draft.actor.label(), &part[first.end..]);
        }
    }
    part.to_string()
}

// ----------------------------------------------------------------- assembly

fn assemble(
    report: &str,
    options: &DraftOptions<'_>,
    mut cast: Cast,
    proposals: &[Vec<Proposal>],
) -> Value {
    let reporter = cast.reporter();
    let mut claims: Vec<(Claim, Vec<String>)> = Vec::new();
    let mut exchanges: Vec<(Exchange, Vec<String>)> = Vec::new();
    let mut claim_ids_by_sentence: Vec<Vec<(String, String)>> = Vec::new();
    let mut taken_ids: Vec<String> = Vec::new();
    for sentence in proposals {
        let mut ids = Vec::new();
        for proposal in sentence {
            let basis = proposal.wording.first().unwrap_or(&proposal.text);
            let id = unique_id(&slugify(basis, 4), &taken_ids);
            taken_ids.push(id.clone());
            let (evidence, support) = guess_evidence(proposal, &cast, &reporter);
            let mut review = proposal.review.clone();
            review.push(if support == Support::Supported {
                "support and evidence guessed from the reporter's narration: does the report show it?".to_string()
            } else if support == Support::NotCheckable {
                "support guessed: opinions and questions are not checkable".to_string()
            } else {
                "support and evidence guessed as only the speaker's word: add any evidence the report gives".to_string()
            });
            review.push("text copies the report: rewrite it as a neutral paraphrase".to_string());
            claims.push((
                Claim {
                    id: id.clone(),
                    by: proposal.by.clone(),
                    via: proposal.via.clone(),
                    attribution: proposal.attribution,
                    text: proposal.text.clone(),
                    report_wording: proposal.wording.clone(),
                    direct_quote: proposal.direct_quote,
                    statement: proposal.statement,
                    support,
                    evidence,
                    counters: Vec::new(),
                    context: None,
                    lint_allow: Vec::new(),
                },
                review,
            ));
            ids.push((id.clone(), proposal.by.clone()));
            if let Some(question) = &proposal.answers {
                let asked_by = cast.interviewer.map_or_else(
                    || reporter.clone(),
                    |index| cast.actors[index].actor.id.clone(),
                );
                exchanges.push(exchange(
                    question,
                    &asked_by,
                    &proposal.by,
                    vec![id.clone()],
                    &exchanges,
                ));
            }
        }
        claim_ids_by_sentence.push(ids);
    }
    // An interviewer's question answered in the next sentence.
    for (index, sentence) in proposals.iter().enumerate() {
        for proposal in sentence {
            let Some((asked_by, question)) = &proposal.asking else {
                continue;
            };
            let Some(next) = claim_ids_by_sentence.get(index + 1) else {
                continue;
            };
            let answer_claims: Vec<String> = next
                .iter()
                .filter(|(_, by)| by != asked_by && *by != reporter)
                .map(|(id, _)| id.clone())
                .collect();
            let Some(answered_by) = next
                .iter()
                .find(|(_, by)| by != asked_by && *by != reporter)
                .map(|(_, by)| by.clone())
            else {
                continue;
            };
            let answer_claims = answer_claims
                .into_iter()
                .filter(|id| {
                    next.iter()
                        .any(|(claim, by)| claim == id && *by == answered_by)
                })
                .collect();
            exchanges.push(exchange(
                question,
                asked_by,
                &answered_by,
                answer_claims,
                &exchanges,
            ));
        }
    }
    let mut generate = vec![
        Generator {
            template: Template::WhoSaid,
            claims: Some(all()),
            exchanges: None,
        },
        Generator {
            template: Template::EvidenceOffered,
            claims: Some(all()),
            exchanges: None,
        },
    ];
    if !exchanges.is_empty() {
        generate.push(Generator {
            template: Template::Evasion,
            claims: None,
            exchanges: Some(all()),
        });
    }
    let mentions_interview = report.to_lowercase().contains("interview");
    let bank = Bank {
        format: BANK_FORMAT.to_string(),
        id: options.id.to_string(),
        title: options.title.to_string(),
        description: None,
        language: Some("en".to_string()),
        source: Source {
            kind: SourceKind::NewsReport,
            title: None,
            outlet: None,
            date: None,
            url: None,
            note: Some(format!(
                "Drafted by `crossexam draft` from {}.",
                options.source_name
            )),
        },
        briefing: None,
        actors: cast
            .actors
            .iter()
            .map(|draft| draft.actor.clone())
            .collect(),
        claims: claims.iter().map(|(claim, _)| claim.clone()).collect(),
        exchanges: exchanges
            .iter()
            .map(|(exchange, _)| exchange.clone())
            .collect(),
        questions: Vec::new(),
        generate,
        quizzes: Vec::new(),
        default_quiz: None,
        lint_allow: Vec::new(),
        subject_hashes: std::collections::BTreeMap::new(),
    };
    let mut document = serde_json::to_value(&bank).unwrap_or_default();
    let review_note = |notes: &[String]| Value::String(notes.join("; "));
    if let Some(object) = document.as_object_mut() {
        object.insert(
            REVIEW_KEY.into(),
            json!("A draft made by `crossexam draft`: check every x-review note, fix what it asks, then delete the note. Add a briefing, counters between claims, and your own questions."),
        );
    }
    let source_review = format!(
        "the kind is a guess ({}); add the report's title, outlet, date and url if it states them",
        if mentions_interview {
            "a news report of an interview?"
        } else {
            "a news report?"
        }
    );
    set_review(&mut document, &["source"], &source_review);
    for (index, draft) in cast.actors.iter().enumerate() {
        if !draft.review.is_empty() {
            set_review_value(&mut document, "actors", index, review_note(&draft.review));
        }
    }
    for (index, (_, review)) in claims.iter().enumerate() {
        set_review_value(&mut document, "claims", index, review_note(review));
    }
    for (index, (_, review)) in exchanges.iter().enumerate() {
        set_review_value(&mut document, "exchanges", index, review_note(review));
    }
    document
}

fn all() -> IdSelection {
    IdSelection::All(crate::bank::model::AllMarker::All)
}

fn exchange(
    question: &str,
    asked_by: &str,
    answered_by: &str,
    answer_claims: Vec<String>,
    existing: &[(Exchange, Vec<String>)],
) -> (Exchange, Vec<String>) {
    let taken: Vec<String> = existing
        .iter()
        .map(|(exchange, _)| exchange.id.clone())
        .collect();
    let id = unique_id(&format!("ex-{}", slugify(question, 3)), &taken);
    (
        Exchange {
            id,
            asked_by: asked_by.to_string(),
            answered_by: answered_by.to_string(),
            asks: question.to_string(),
            presupposes: None,
            answer_claims,
            evades: false,
            note: None,
            lint_allow: Vec::new(),
        },
        vec![
            "did the reply answer what was asked? set `evades` and add a note saying why"
                .to_string(),
            "what does the question take for granted? add `presupposes` if anything".to_string(),
        ],
    )
}

fn guess_evidence(proposal: &Proposal, cast: &Cast, reporter: &str) -> (Vec<Evidence>, Support) {
    let evidence = |kind| vec![Evidence { kind, detail: None }];
    if proposal.by == reporter {
        let support = if proposal.statement == StatementKind::Opinion {
            Support::NotCheckable
        } else {
            Support::Supported
        };
        return (evidence(EvidenceKind::Narration), support);
    }
    let kind = match cast.kind_of(&proposal.by) {
        Some(ActorKind::Government | ActorKind::Group | ActorKind::Outlet) => {
            EvidenceKind::OfficialStatement
        }
        _ => EvidenceKind::SpeakerAssertion,
    };
    let support = match proposal.statement {
        StatementKind::Opinion | StatementKind::Question | StatementKind::Warning => {
            Support::NotCheckable
        }
        _ => Support::Unsupported,
    };
    (evidence(kind), support)
}

fn set_review(document: &mut Value, path: &[&str], note: &str) {
    let mut target = document;
    for key in path {
        let Some(next) = target.get_mut(*key) else {
            return;
        };
        target = next;
    }
    if let Some(object) = target.as_object_mut() {
        object.insert(REVIEW_KEY.into(), Value::String(note.to_string()));
    }
}

fn set_review_value(document: &mut Value, list: &str, index: usize, note: Value) {
    if let Some(object) = document
        .get_mut(list)
        .and_then(|items| items.get_mut(index))
        .and_then(Value::as_object_mut)
    {
        object.insert(REVIEW_KEY.into(), note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> DraftOptions<'static> {
        DraftOptions {
            id: "draft",
            title: "Draft",
            source_name: "report.txt",
        }
    }

    fn claims(report: &str) -> Vec<Value> {
        draft(report, &options())["claims"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_and_skips_headings() {
        let found = sentences(
            "Title Of A Section\nHe joined the U.S. in wars. Dr. Lee said no. It ended!\nNext para.",
        );
        let texts: Vec<&str> = found.iter().map(|sentence| sentence.text).collect();
        assert_eq!(
            texts,
            [
                "He joined the U.S. in wars.",
                "Dr. Lee said no.",
                "It ended!",
                "Next para."
            ]
        );
        assert_eq!(found[3].paragraph, 1);
    }

    #[test]
    fn slugs_take_content_words() {
        assert_eq!(
            slugify("There were no terrorist bases in the areas", 4),
            "no-terrorist-bases-areas"
        );
        assert_eq!(
            slugify("Pakistan’s Defence Minister", usize::MAX),
            "pakistan-s-defence-minister"
        );
        assert_eq!(slugify("Pakistan’s own jets", 3), "pakistan-own-jets");
    }

    #[test]
    fn a_titled_person_is_found_with_role_and_resolved_later() {
        let report = "Pakistan’s Defence Minister Khawaja Asif spoke on TV.\nMinister Asif stated that there were no bases. He said the media had visited.";
        let bank = draft(report, &options());
        let asif = &bank["actors"][0];
        assert_eq!(asif["id"], "asif");
        assert_eq!(asif["name"], "Khawaja Asif");
        assert_eq!(asif["role"], "Defence Minister of Pakistan");
        let claims = bank["claims"].as_array().unwrap();
        let by: Vec<&str> = claims
            .iter()
            .map(|claim| claim["by"].as_str().unwrap())
            .collect();
        assert_eq!(by, ["reporter", "asif", "asif"]);
        assert_eq!(claims[1]["report_wording"], json!(["there were no bases"]));
        assert_eq!(claims[1]["attribution"], "direct");
        assert_eq!(
            claims[2]["report_wording"],
            json!(["the media had visited"])
        );
        assert!(
            claims[2]["x-review"]
                .as_str()
                .unwrap()
                .contains("\u{201c}He\u{201d} read as Khawaja Asif")
        );
    }

    #[test]
    fn countries_are_reported_and_they_follows_the_last_one() {
        let claims = claims(
            "India blamed groups in Pakistan for the attack. They claimed that nine camps were hit.",
        );
        assert_eq!(claims[0]["by"], "india");
        assert_eq!(claims[0]["statement"], "accusation");
        assert_eq!(claims[0]["attribution"], "reported");
        assert_eq!(claims[0]["via"], json!(["reporter"]));
        assert_eq!(
            claims[0]["text"],
            "Groups in Pakistan were to blame for the attack."
        );
        assert_eq!(claims[1]["by"], "india");
        assert_eq!(claims[1]["report_wording"], json!(["nine camps were hit"]));
    }

    #[test]
    fn verbs_suggest_the_statement_kind() {
        let report = "Minister Jan Novak spoke. Novak denied all such charges. Novak warned that war was near. \
                      Novak offered an inquiry. Novak accused Ruritania of hiding troops. \
                      Novak admitted that mistakes were made. Novak questioned who decides.";
        let kinds: Vec<String> = claims(report)
            .iter()
            .skip(1)
            .map(|claim| claim["statement"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            kinds,
            [
                "denial",
                "warning",
                "offer",
                "accusation",
                "admission",
                "question"
            ]
        );
    }

    #[test]
    fn parenthetical_and_according_to() {
        let report = "India spoke. These sites, India said, were used to plan attacks. Minister Jan Novak spoke. According to him, the media would find nothing.";
        let claims = claims(report);
        let sites = claims
            .iter()
            .find(|claim| claim["by"] == "india" && claim["text"] != "India spoke.")
            .unwrap();
        assert_eq!(
            sites["report_wording"],
            json!(["These sites, India said, were used to plan attacks"])
        );
        assert_eq!(sites["text"], "These sites were used to plan attacks.");
        let media = claims
            .iter()
            .find(|claim| claim["report_wording"] == json!(["the media would find nothing"]))
            .unwrap();
        assert_eq!(media["by"], "novak");
        assert_eq!(media["attribution"], "reported");
    }

    #[test]
    fn passive_and_negated_verbs_are_narration() {
        let report = "Minister Jan Novak spoke. He was questioned about the ties. Novak did not offer any evidence but said the jets fell.";
        let claims = claims(report);
        let by: Vec<&str> = claims
            .iter()
            .map(|claim| claim["by"].as_str().unwrap())
            .collect();
        assert_eq!(by, ["reporter", "reporter", "reporter", "novak"]);
        assert_eq!(
            claims[2]["report_wording"],
            json!(["Novak did not offer any evidence"])
        );
        assert_eq!(claims[3]["report_wording"], json!(["the jets fell"]));
    }

    #[test]
    fn interviewer_questions_become_exchanges() {
        let report = "Minister Jan Novak spoke to the BBC’s host. The BBC host asked about a past quote where Novak admitted the error. \
                      Novak replied that the real mistake was elsewhere. When asked if tanks had been used, he said the tanks were old.";
        let bank = draft(report, &options());
        let host = bank["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|actor| actor["id"] == "host")
            .unwrap();
        assert_eq!(host["role"], "BBC host");
        let exchanges = bank["exchanges"].as_array().unwrap();
        let asks: Vec<&str> = exchanges
            .iter()
            .map(|exchange| exchange["asks"].as_str().unwrap())
            .collect();
        assert_eq!(
            asks,
            [
                "if tanks had been used",
                "about a past quote where Novak admitted the error"
            ]
        );
        assert!(
            exchanges.iter().all(
                |exchange| exchange["asked_by"] == "host" && exchange["answered_by"] == "novak"
            )
        );
        let admitted = bank["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|claim| claim["statement"] == "admission")
            .unwrap();
        assert_eq!(admitted["via"], json!(["host"]));
        assert_eq!(admitted["attribution"], "reported");
        assert!(
            bank["generate"]
                .as_array()
                .unwrap()
                .iter()
                .any(|generator| generator["template"] == "evasion")
        );
    }

    #[test]
    fn quoted_words_are_direct_quotes() {
        let claims =
            claims("Minister Jan Novak spoke. Novak said \u{201c}we will never surrender\u{201d}.");
        assert_eq!(
            claims[1]["report_wording"],
            json!(["we will never surrender"])
        );
        assert_eq!(claims[1]["direct_quote"], json!(true));
    }

    #[test]
    fn every_claim_carries_a_review_note_and_the_draft_loads() {
        let report = "Minister Jan Novak spoke. Novak said the bridge was closed. The bridge reopened after a week of repairs and inspections.";
        let document = draft(report, &options());
        for claim in document["claims"].as_array().unwrap() {
            assert!(
                claim[REVIEW_KEY]
                    .as_str()
                    .is_some_and(|note| !note.is_empty())
            );
        }
        let text = serde_json::to_string_pretty(&document).unwrap();
        let loaded = crate::bank::load_str("draft.json", &text).expect("the draft loads");
        assert!(!loaded.questions.is_empty());
    }

    #[test]
    fn wording_is_verbatim() {
        let report = "Pakistan’s Defence Minister Khawaja Asif spoke. He said the debris fell into Indian-controlled Kashmir and had been shown on Indian social media.";
        for claim in claims(report) {
            for phrase in claim["report_wording"].as_array().unwrap() {
                assert!(report.contains(phrase.as_str().unwrap()), "{phrase}");
            }
        }
    }

    #[test]
    fn empty_report_gives_an_empty_but_loadable_draft() {
        let document = draft("", &options());
        assert_eq!(document["claims"], json!([]));
        let text = serde_json::to_string(&document).unwrap();
        assert!(crate::bank::load_str("draft.json", &text).is_ok());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Words that exercise every path: verbs, names, titles, pronouns,
        /// interviewer words, boundaries, quotes and punctuation.
        const VOCABULARY: [&str; 40] = [
            "said",
            "claimed",
            "denied",
            "warned",
            "offered",
            "accused",
            "admitted",
            "questioned",
            "asked",
            "pressed",
            "According",
            "to",
            "When",
            "asked",
            "Minister",
            "Jan",
            "Novak",
            "President",
            "He",
            "he",
            "They",
            "India",
            "the",
            "anchor",
            "host",
            "CNN\u{2019}s",
            "that",
            "and",
            "but",
            "was",
            "not",
            "of",
            "who",
            "U.S.",
            "\u{201c}we",
            "won\u{201d}",
            "claims",
            "in",
            "after",
            "there",
        ];

        fn report() -> impl Strategy<Value = String> {
            let word = prop::sample::select(VOCABULARY.to_vec());
            let punctuation =
                prop::sample::select(vec!["", "", "", ",", ".", ". ", "?", ";", "\n", ":"]);
            prop::collection::vec((word, punctuation), 0..60).prop_map(|pairs| {
                let mut text = String::new();
                for (word, mark) in pairs {
                    text.push_str(word);
                    text.push_str(mark);
                    text.push(' ');
                }
                text
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(96))]

            #[test]
            fn any_report_drafts_a_bank_that_loads(text in report()) {
                let document = draft(&text, &options());
                let json = serde_json::to_string(&document).unwrap();
                let loaded = crate::bank::load_str("draft.json", &json);
                prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), text);
                for claim in document["claims"].as_array().unwrap() {
                    for phrase in claim["report_wording"].as_array().unwrap() {
                        prop_assert!(text.contains(phrase.as_str().unwrap()), "{} not in {}", phrase, text);
                    }
                }
            }
        }
    }
}
