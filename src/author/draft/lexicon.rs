//! Words and word lists: a tokenizer that keeps byte offsets, the speech
//! verbs and what each suggests, and the closed classes of English that the
//! rules read structure from (determiners, pronouns, titles, the head nouns
//! of organisations, outlets and documents). No proper names: speakers are
//! found by the shape of the sentence, not by a list of who they might be.

use crate::bank::StatementKind;

/// A word of a text with its byte range in that text.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub raw: &'a str,
    /// Lower-cased, outer punctuation removed, curly apostrophes straightened.
    pub core: String,
}

impl Word<'_> {
    /// The word without outer punctuation and without a possessive ending.
    pub fn bare(&self) -> &str {
        let trimmed = self.raw.trim_matches(|c: char| !c.is_alphanumeric());
        self.possessive_stem().map_or(trimmed, |stem| {
            stem.trim_matches(|c: char| !c.is_alphanumeric())
        })
    }

    pub fn is_capitalised(&self) -> bool {
        self.raw
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Ends with `,`, `;` or `:` (after any closing quote).
    pub fn ends_clause(&self) -> bool {
        self.raw
            .trim_end_matches(['"', '\u{201d}', '\u{2019}', ')'])
            .ends_with([',', ';', ':'])
    }

    /// "Pakistan’s" → "Pakistan".
    pub fn possessive_stem(&self) -> Option<&str> {
        let trimmed = self.raw.trim_end_matches([',', ';', ':', '.']);
        trimmed
            .strip_suffix("\u{2019}s")
            .or_else(|| trimmed.strip_suffix("'s"))
    }

    /// A word that may begin a name: capitalised and not a function word.
    pub fn is_name_word(&self) -> bool {
        self.is_capitalised()
            && !NOT_NAMES.contains(&self.core.as_str())
            && self.core.chars().any(char::is_alphabetic)
    }
}

/// The words of a text, split at whitespace.
pub fn words(text: &str) -> Vec<Word<'_>> {
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

/// The text a run of words spans, verbatim.
pub fn span<'a>(text: &'a str, run: &[Word<'_>]) -> &'a str {
    match (run.first(), run.last()) {
        (Some(first), Some(last)) => &text[first.start..last.end],
        _ => "",
    }
}

/// Trims spaces, trailing sentence punctuation and unmatched outer quotes.
pub fn trim_phrase(text: &str) -> &str {
    let mut text = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '!'])
        .trim();
    for (open, close) in [('"', '"'), ('\u{201c}', '\u{201d}')] {
        let opens = text.matches(open).count();
        let closes = text.matches(close).count();
        if open == close {
            if opens % 2 == 1 {
                text = text.trim_start_matches(open).trim_end_matches(close);
            }
        } else if opens != closes {
            text = text.trim_start_matches(open).trim_end_matches(close);
        }
    }
    text.trim()
        .trim_end_matches(['.', ',', ';', ':', '!'])
        .trim()
}

/// How a speech verb takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// A clause: "said (that) P".
    Clause,
    /// An object: "denied the charges", "accused X of Y".
    Object,
    /// An interviewer's act: "asked whether Q", "pressed her on Q".
    Asking,
}

/// The speech verbs, what statement each suggests, and what it takes.
pub fn speech_verb(core: &str) -> Option<(StatementKind, Takes)> {
    use StatementKind::{
        Accusation, Admission, Denial, Factual, Offer, Opinion, Question, Warning,
    };
    Some(match core {
        "said" | "says" | "say" | "stated" | "states" | "told" | "tells" | "added" | "adds"
        | "stressed" | "insisted" | "insists" | "explained" | "noted" | "argued" | "argues"
        | "replied" | "answered" | "responded" | "declared" | "announced" | "announces"
        | "maintained" | "confirmed" | "confirms" | "reiterated" | "claimed" | "claims"
        | "suggested" | "wrote" | "writes" | "revealed" | "reported" => (Factual, Takes::Clause),
        "warned" | "warns" | "cautioned" => (Warning, Takes::Clause),
        "admitted" | "admits" | "conceded" | "acknowledged" => (Admission, Takes::Clause),
        "denied" | "denies" | "rejected" | "rejects" | "dismissed" | "disputed" => {
            (Denial, Takes::Object)
        }
        "accused" | "accuses" | "blamed" | "blames" => (Accusation, Takes::Object),
        "offered" | "offers" | "proposed" | "promised" | "pledged" => (Offer, Takes::Object),
        "threatened" => (Warning, Takes::Object),
        "called" | "challenged" | "urged" | "repeated" | "described" => (Opinion, Takes::Object),
        "questioned" => (Question, Takes::Object),
        "asked" | "pressed" => (Question, Takes::Asking),
        _ => return None,
    })
}

/// Verbs a document "says" things with; they attribute only when their
/// subject is a document ("the paper shows that ...").
pub const DOCUMENT_VERBS: [&str; 12] = [
    "shows",
    "showed",
    "lists",
    "listed",
    "records",
    "recorded",
    "sets",
    "estimates",
    "estimated",
    "puts",
    "describes",
    "contains",
];

/// Words that introduce what was asked: "asked whether", "pressed her on".
pub const ASKING_WORDS: [&str; 13] = [
    "about", "for", "whether", "if", "why", "how", "what", "who", "when", "where", "on", "over",
    "which",
];

/// Phrases in the report's voice that say a question went unanswered.
pub const NOT_ANSWERED: [&str; 9] = [
    "did not answer",
    "didn't answer",
    "declined to answer",
    "declined to say",
    "would not say",
    "refused to answer",
    "did not respond",
    "avoided the question",
    "did not say",
];

pub const PASSIVE_OR_NEGATING: [&str; 11] = [
    "was", "were", "been", "be", "being", "is", "are", "not", "never", "didn't", "don't",
];

/// Words before which "claims", "offers", "states" are nouns.
pub const NOUN_CONTEXT: [&str; 24] = [
    "the", "a", "an", "its", "his", "her", "their", "our", "your", "my", "these", "those", "such",
    "for", "of", "with", "about", "on", "in", "by", "from", "any", "no", "to",
];

/// Words that end a subject when met going back from the verb.
pub const SUBJECT_BOUNDARIES: [&str; 16] = [
    "where", "that", "which", "when", "while", "after", "because", "and", "but", "if", "as",
    "although", "since", "though", "so", "whom",
];

/// Words between a subject and its verb ("she also said").
pub const BETWEEN_SUBJECT_AND_VERB: [&str; 22] = [
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
    "now",
    "still",
    "both",
];

/// Words that open a relative or participial aside: "…, who chairs the club, said".
pub const ASIDE_OPENERS: [&str; 7] = [
    "who", "which", "whose", "speaking", "where", "writing", "now",
];

/// Words that make a sentence in the report's voice read as its own assessment.
pub const ASSESSMENT_CUES: [&str; 12] = [
    "showed", "shows", "show", "tense", "heated", "serious", "fears", "seems", "seemed", "appears",
    "clearly", "mistrust",
];

pub const PRONOUNS_MALE: [&str; 2] = ["he", "him"];
pub const PRONOUNS_FEMALE: [&str; 2] = ["she", "her"];
pub const PRONOUNS_PLURAL: [&str; 2] = ["they", "them"];
pub const PRONOUN_THING: [&str; 1] = ["it"];

/// Words that open a noun phrase without naming anyone.
pub const DETERMINERS: [&str; 22] = [
    "a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those",
    "some", "two", "three", "four", "five", "several", "many", "one", "other", "another",
];

/// Words naming who asks in an interview.
pub const INTERVIEWER_WORDS: [&str; 8] = [
    "anchor",
    "host",
    "interviewer",
    "presenter",
    "moderator",
    "journalist",
    "reporter",
    "correspondent",
];

/// Titles written before a name: "Mayor Grace Hollis", "Dr Lee".
pub const TITLE_WORDS: [&str; 40] = [
    "minister",
    "president",
    "secretary",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "general",
    "senator",
    "governor",
    "mayor",
    "chancellor",
    "ambassador",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "director",
    "professor",
    "dr",
    "judge",
    "prince",
    "king",
    "queen",
    "councillor",
    "councilman",
    "councilwoman",
    "alderman",
    "mr",
    "mrs",
    "ms",
    "sir",
    "dame",
    "inspector",
    "sergeant",
    "detective",
    "superintendent",
    "captain",
    "reverend",
    "bishop",
    "chief",
];

/// Head nouns of organisations: "Greyford Estates", "the company".
pub const ORGANISATION_HEADS: [&str; 40] = [
    "company",
    "firm",
    "operator",
    "group",
    "union",
    "club",
    "association",
    "charity",
    "trust",
    "party",
    "estates",
    "ferries",
    "united",
    "ltd",
    "limited",
    "plc",
    "inc",
    "corporation",
    "corp",
    "bank",
    "school",
    "primary",
    "academy",
    "university",
    "college",
    "hospital",
    "centre",
    "center",
    "practice",
    "society",
    "federation",
    "league",
    "workers",
    "services",
    "industries",
    "foundation",
    "institute",
    "committee",
    "network",
    "business",
];

/// Head nouns of public bodies: "the town council", "Police".
pub const GOVERNMENT_HEADS: [&str; 14] = [
    "council",
    "government",
    "ministry",
    "department",
    "agency",
    "police",
    "authority",
    "board",
    "office",
    "parliament",
    "commission",
    "executive",
    "administration",
    "service",
];

/// Head nouns of news outlets: "the Pennock Post", "Radio Calder".
pub const OUTLET_HEADS: [&str; 16] = [
    "post",
    "times",
    "news",
    "gazette",
    "courier",
    "echo",
    "herald",
    "journal",
    "radio",
    "tv",
    "television",
    "press",
    "tribune",
    "chronicle",
    "mail",
    "observer",
];

/// Head nouns of documents a reporter has seen.
pub const DOCUMENT_NOUNS: [&str; 20] = [
    "paper",
    "letter",
    "email",
    "e-mail",
    "memo",
    "report",
    "document",
    "documents",
    "minutes",
    "records",
    "figures",
    "data",
    "survey",
    "study",
    "audit",
    "filing",
    "contract",
    "notice",
    "briefing",
    "leaflet",
];

/// Capitalised words that are not names at the start of a sentence.
pub const NOT_NAMES: [&str; 34] = [
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
    "its",
    "we",
    "i",
    "our",
    "but",
    "and",
    "asked",
    "if",
    "as",
    "not",
];

/// Words left out of slugs.
const STOPWORDS: [&str; 36] = [
    "a", "an", "the", "that", "this", "these", "those", "there", "was", "were", "is", "are", "be",
    "been", "had", "has", "have", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or",
    "but", "it", "its", "he", "she", "they", "his", "her", "their",
];

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

/// Ids handed out so far: `base`, then `base-2`, `base-3`, … in constant
/// time per id (the next suffix of each base is remembered). The tables
/// hash with foldhash (seeded per process), cheaper than std's `SipHash` on
/// short ids.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    taken: foldhash::HashSet<String>,
    next_suffix: foldhash::HashMap<String, usize>,
}

impl Ids {
    /// Room for `count` ids before the tables grow.
    pub fn with_capacity(count: usize) -> Self {
        Ids {
            taken: foldhash::HashSet::with_capacity_and_hasher(
                count,
                foldhash::fast::RandomState::default(),
            ),
            next_suffix: foldhash::HashMap::default(),
        }
    }

    /// A new id from `base` (a slug; "item" when empty).
    pub fn unique(&mut self, base: &str) -> String {
        let base = base.trim_matches('-');
        let base = if base.is_empty() { "item" } else { base };
        // One lookup when the base is free, as most are.
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let next = self.next_suffix.entry(base.to_string()).or_insert(2);
        loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

pub fn push_unique(list: &mut Vec<String>, item: String) {
    if !list
        .iter()
        .any(|existing| existing.eq_ignore_ascii_case(&item))
    {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn ids_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-2");
        assert_eq!(ids.unique("a-3"), "a-3");
        assert_eq!(ids.unique("a"), "a-4");
        assert_eq!(ids.unique(""), "item");
    }

    #[test]
    fn phrases_lose_outer_punctuation_and_unmatched_quotes() {
        assert_eq!(trim_phrase(" the bridge was safe. "), "the bridge was safe");
        assert_eq!(trim_phrase("\u{201c}we won"), "we won");
        assert_eq!(
            trim_phrase("\"fully committed\" to it"),
            "\"fully committed\" to it"
        );
    }
}
