//! The cast: who speaks in a report. A subject phrase is read by its
//! structure — a run of capitalised words at its end is a name, words
//! before it (or an apposition between commas) are the role, a leading
//! title ("Mayor") goes to the role, an aside ("who chairs …") is dropped,
//! a phrase with no name ("a company spokesperson") is an unnamed source,
//! and its head noun tells a person from an organisation, an outlet or a
//! document. Pronouns (he, she, they, it) and definite descriptions ("the
//! company", "the mayor") are resolved against what came before.

use super::lexicon::{
    ASIDE_OPENERS, DETERMINERS, DOCUMENT_NOUNS, GOVERNMENT_HEADS, INTERVIEWER_WORDS, Ids,
    NOT_NAMES, ORGANISATION_HEADS, OUTLET_HEADS, PRONOUN_THING, PRONOUNS_FEMALE, PRONOUNS_MALE,
    PRONOUNS_PLURAL, TITLE_WORDS, Word, push_unique, slugify, span, speech_verb, trim_phrase,
    words,
};
use crate::bank::text::is_blank;
use crate::bank::{Actor, ActorKind};
use crate::wording::lower_first;
use std::collections::HashMap;

/// Grammatical gender learnt from the pronouns that referred to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// An actor found in the report.
#[derive(Debug, Clone)]
pub struct DraftActor {
    pub actor: Actor,
    pub review: Vec<String>,
    gender: Option<Gender>,
    /// An organisation (by its name or head noun), not a plural of people.
    organisation: bool,
}

/// Who a subject phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// An actor, with a note when the reading was a guess.
    Actor(usize, Option<String>),
    /// A document the reporter relays ("a budget paper seen by the Courier").
    Document(String),
    /// Nobody could be read from the phrase.
    Unknown,
}

/// What "it" and "they" may point back to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Referent {
    Actor(usize),
    Document(String),
    /// A plural subject in the report's voice ("Residents of Weir Lane").
    Phrase(String),
}

/// What was mentioned last, for pronouns and definite descriptions.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// People in order of mention, latest last (a short window).
    recent_people: Vec<usize>,
    last_thing: Option<Referent>,
    last_group: Option<Referent>,
}

/// The actors found so far.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    pub actors: Vec<DraftActor>,
    ids: Ids,
    by_name_word: HashMap<String, usize>,
    /// Lower-cased full names, and roles of actors without a name.
    by_name: HashMap<String, usize>,
    by_unnamed_role: HashMap<String, usize>,
    /// Every lower-case word of each actor's role and name → the actors, in order.
    by_word: HashMap<String, Vec<usize>>,
    pub interviewer: Option<usize>,
    reporter: Option<usize>,
    /// Organisations named anywhere in the report, by head noun
    /// ("agency" → "Environment Agency"), for a later "the agency".
    organisation_names: HashMap<String, String>,
}

impl Cast {
    pub fn actor(&self, index: usize) -> &Actor {
        &self.actors[index].actor
    }

    pub fn kind(&self, index: usize) -> ActorKind {
        self.actors[index].actor.kind
    }

    pub fn is_reporter(&self, index: usize) -> bool {
        self.reporter == Some(index)
    }

    pub fn is_organisation(&self, index: usize) -> bool {
        self.actors[index].organisation
    }

    /// "Ines Duarte", "the company spokesperson", "Northline".
    pub fn mention(&self, index: usize) -> String {
        self.actor(index).mention()
    }

    /// The report's own voice, created on first use.
    pub fn reporter(&mut self) -> usize {
        if let Some(index) = self.reporter {
            return index;
        }
        let index = self.push(
            Actor {
                id: String::new(),
                kind: ActorKind::Reporter,
                name: None,
                role: "The report's own narrating voice".to_string(),
                aliases: vec!["the reporter".to_string(), "the report".to_string()],
            },
            "reporter",
            Vec::new(),
        );
        self.reporter = Some(index);
        index
    }

    /// Who asks in the interview: the interviewer if one was found, else the reporter.
    pub fn asker(&mut self) -> usize {
        match self.interviewer {
            Some(index) => index,
            None => self.reporter(),
        }
    }

    fn push(&mut self, mut actor: Actor, id_base: &str, mut review: Vec<String>) -> usize {
        actor.id = self.ids.unique(&slugify(id_base, 4));
        let index = self.actors.len();
        let name_words: Vec<String> = if actor.kind == ActorKind::Person {
            actor
                .name
                .as_deref()
                .map(|name| words(name).into_iter().map(|word| word.core).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        for word in name_words {
            self.by_name_word.entry(word).or_insert(index);
        }
        let mut role_and_name: Vec<String> = words(&actor.role)
            .into_iter()
            .chain(actor.name.as_deref().map(words).unwrap_or_default())
            .map(|word| word.core)
            .collect();
        role_and_name.sort_unstable();
        role_and_name.dedup();
        for word in role_and_name {
            self.by_word.entry(word).or_default().push(index);
        }
        match &actor.name {
            Some(name) => self.by_name.entry(name.to_lowercase()).or_insert(index),
            None => self
                .by_unnamed_role
                .entry(actor.role.to_lowercase())
                .or_insert(index),
        };
        if self.interviewer.is_none()
            && actor.kind == ActorKind::Person
            && words(&actor.role)
                .iter()
                .any(|word| INTERVIEWER_WORDS.contains(&word.core.as_str()))
        {
            self.interviewer = Some(index);
            review.push(format!(
                "the interviewer: every {} is taken to be this one person",
                INTERVIEWER_WORDS.join("/")
            ));
        }
        let organisation = matches!(
            actor.kind,
            ActorKind::Government | ActorKind::Group | ActorKind::Outlet
        ) && (actor.name.is_some()
            || kind_of(&head_of(&words(&actor.role)).unwrap_or_default()).is_some());
        self.actors.push(DraftActor {
            actor,
            review,
            gender: None,
            organisation,
        });
        index
    }

    fn person_by_word(&self, core: &str) -> Option<usize> {
        self.by_name_word.get(core).copied()
    }

    /// Finds people named with a title ("Mayor Grace Hollis") or in
    /// apposition ("a new harbour master, Ruth Kamara") anywhere in the
    /// report, before anything is attributed.
    pub fn discover(&mut self, text: &str) {
        let found = words(text);
        for (index, word) in found.iter().enumerate() {
            // "…, a new harbour master, Ruth Kamara." / "The operator, Northline, denied".
            if word.ends_clause() && word.raw.ends_with(',') {
                let run_end = name_run_from(&found, index + 1);
                let next_ends = run_end > index + 1
                    && (found[run_end - 1].ends_clause()
                        || found[run_end - 1].raw.ends_with('.')
                        || run_end == found.len());
                if next_ends {
                    let segment_start = found[..index]
                        .iter()
                        .rposition(Word::ends_clause)
                        .map_or(0, |at| at + 1);
                    let descriptor_start = found[segment_start..=index]
                        .iter()
                        .rposition(|word| is_determiner(word))
                        .map(|at| segment_start + at);
                    if let Some(start) = descriptor_start
                        && index + 1 - start <= 6
                        && !found[index].is_capitalised()
                    {
                        let phrase = &text[found[start].start..found[run_end - 1].end];
                        self.named(phrase, &mut Context::default(), false);
                    }
                }
            }
            // "The Environment Agency", "Ashby Town Council": remembered, not yet an actor.
            if index > 0
                && word.is_name_word()
                && kind_of(&word.core).is_some()
                && (found[index - 1].is_name_word() || found[index - 1].core == "the")
                && !word.core.is_empty()
            {
                let start = found[..index]
                    .iter()
                    .rposition(|before| !before.is_name_word() || before.ends_clause())
                    .map_or(0, |at| at + 1);
                if start < index {
                    let name = found[start..=index]
                        .iter()
                        .map(Word::bare)
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.organisation_names
                        .entry(word.core.clone())
                        .or_insert(name);
                }
            }
            // "Mayor Grace Hollis", "Defence Minister Khawaja Asif".
            if TITLE_WORDS.contains(&word.core.as_str()) && word.is_capitalised() {
                let run_end = name_run_from(&found, index + 1);
                if run_end > index + 1 && run_end - index <= 4 {
                    let start = found[..index]
                        .iter()
                        .rposition(|before| !before.is_name_word() || before.ends_clause())
                        .map_or(0, |at| at + 1);
                    let start = if start > 0 && found[start - 1].possessive_stem().is_some() {
                        start - 1
                    } else {
                        start
                    };
                    let phrase = &text[found[start].start..found[run_end - 1].end];
                    self.named(phrase, &mut Context::default(), false);
                }
            }
        }
    }

    /// Notes who a clause mentions, for later pronouns: people by name, and
    /// a plural subject in the report's voice ("Residents of Weir Lane").
    pub fn notice(&self, clause: &str, context: &mut Context) {
        let found = words(clause);
        for word in &found {
            if let Some(index) = self.person_by_word(&word.core)
                && word.is_capitalised()
                && self.interviewer != Some(index)
            {
                context.mention_person(index);
            }
        }
        if let Some(first) = found.first()
            && first.is_capitalised()
            && first.core.ends_with('s')
            && !first.core.ends_with("ss")
            && first.possessive_stem().is_none()
            && !NOT_NAMES.contains(&first.core.as_str())
            && self.person_by_word(&first.core).is_none()
            && found.len() > 2
        {
            let end = found
                .iter()
                .skip(1)
                .position(|word| {
                    !(word.is_capitalised()
                        || matches!(word.core.as_str(), "of" | "in" | "at" | "on"))
                })
                .map_or(found.len(), |at| at + 1);
            context.last_group = Some(Referent::Phrase(
                trim_phrase(span(clause, &found[..end])).to_string(),
            ));
        }
    }

    /// Whether a subject phrase names a document ("the paper", "it" after one).
    pub fn names_document(phrase: &str, context: &Context) -> bool {
        let phrase = trim_phrase(phrase);
        if PRONOUN_THING.contains(&phrase.to_lowercase().as_str()) {
            return matches!(context.last_thing, Some(Referent::Document(_)));
        }
        let found = words(phrase);
        let first_segment = found
            .iter()
            .position(Word::ends_clause)
            .map_or(found.as_slice(), |at| &found[..=at]);
        let parsed = Phrase::of(phrase, first_segment);
        parsed.name.is_none()
            && parsed
                .head
                .as_deref()
                .is_some_and(|head| DOCUMENT_NOUNS.contains(&head))
    }

    /// Who the words of a subject phrase name.
    pub fn resolve(&mut self, phrase: &str, context: &mut Context) -> Speaker {
        let phrase = trim_phrase(phrase);
        let core = phrase.to_lowercase().replace('\u{2019}', "'");
        if PRONOUNS_MALE.contains(&core.as_str()) || PRONOUNS_FEMALE.contains(&core.as_str()) {
            let gender = if PRONOUNS_MALE.contains(&core.as_str()) {
                Gender::Male
            } else {
                Gender::Female
            };
            return context
                .person_for(self, gender)
                .map_or(Speaker::Unknown, |index| {
                    self.actors[index].gender = Some(gender);
                    context.mention_person(index);
                    Speaker::Actor(
                        index,
                        Some(format!(
                            "\u{201c}{phrase}\u{201d} read as {}",
                            self.mention(index)
                        )),
                    )
                });
        }
        if PRONOUN_THING.contains(&core.as_str()) {
            return match context.last_thing.clone() {
                Some(Referent::Actor(index)) => Speaker::Actor(
                    index,
                    Some(format!(
                        "\u{201c}{phrase}\u{201d} read as {}",
                        self.mention(index)
                    )),
                ),
                Some(Referent::Document(document)) => Speaker::Document(document),
                _ => Speaker::Unknown,
            };
        }
        if PRONOUNS_PLURAL.contains(&core.as_str()) {
            let index = match context.last_group.clone() {
                Some(Referent::Actor(index)) => index,
                Some(Referent::Phrase(group)) => self.unnamed(&group, true),
                _ => return Speaker::Unknown,
            };
            context.last_group = Some(Referent::Actor(index));
            return Speaker::Actor(
                index,
                Some(format!(
                    "\u{201c}{phrase}\u{201d} read as {}",
                    self.mention(index)
                )),
            );
        }
        self.named(phrase, context, true)
    }

    /// A subject phrase that is not a pronoun.
    fn named(&mut self, phrase: &str, context: &mut Context, create_unknown: bool) -> Speaker {
        let found = words(phrase);
        // Segments between commas; asides ("who chairs …") are dropped.
        let mut segments: Vec<&[Word<'_>]> = Vec::new();
        let mut start = 0;
        for (index, word) in found.iter().enumerate() {
            if word.ends_clause() || index + 1 == found.len() {
                segments.push(&found[start..=index]);
                start = index + 1;
            }
        }
        segments.retain(|segment| {
            segment.first().is_some_and(|first| {
                !ASIDE_OPENERS.contains(&first.core.as_str())
                    && (!first.core.ends_with("ing") || first.is_capitalised())
            })
        });
        let parsed: Vec<Phrase> = segments
            .iter()
            .map(|segment| Phrase::of(phrase, segment))
            .collect();
        let (named, described) = match parsed.as_slice() {
            [one] if one.name.is_some() => (Some(one.clone()), None),
            [one] => (None, Some(one.clone())),
            [first, second, ..] => match (
                first.name.is_some() && first.role.is_none(),
                second.name.is_some() && second.role.is_none(),
            ) {
                (_, true) => (Some(second.clone()), Some(first.clone())),
                (true, false) => (Some(first.clone()), Some(second.clone())),
                _ if first.name.is_some() => (Some(first.clone()), None),
                _ => (None, Some(first.clone())),
            },
            [] => return Speaker::Unknown,
        };
        let Some(named) = named else {
            let described = described.unwrap_or_default();
            return self.described(&described, context, create_unknown);
        };
        let name = named.name.clone().unwrap_or_default();
        let role = described
            .as_ref()
            .and_then(|described| described.role.clone())
            .or(named.role.clone());
        let head = described
            .as_ref()
            .and_then(|described| described.head.clone())
            .or(named.head.clone());
        // Known already?
        let name_cores: Vec<String> = words(&name).into_iter().map(|word| word.core).collect();
        for core in name_cores.iter().rev() {
            if let Some(index) = self.person_by_word(core) {
                self.remember(index, phrase, context);
                return Speaker::Actor(index, None);
            }
        }
        if let Some(&index) = self.by_name.get(&name.to_lowercase()) {
            self.remember(index, phrase, context);
            return Speaker::Actor(index, None);
        }
        let name_head = name_cores.last().cloned().unwrap_or_default();
        let kind = kind_of(&name_head)
            .or_else(|| head.as_deref().and_then(kind_of))
            .unwrap_or(if name_cores.len() >= 2 || named.titled {
                ActorKind::Person
            } else {
                ActorKind::Group
            });
        let kind = if named.opens_with_the && kind == ActorKind::Person {
            ActorKind::Group
        } else {
            kind
        };
        // "Opposition Petra Brand", "Residents Ingrid Sole": a person's name is
        // its last two words; capitalised words before them are a role.
        let (name, role) = if kind == ActorKind::Person
            && role.is_none()
            && name_cores.len() >= 3
            && !name_cores.iter().any(|core| {
                core.chars().count() == 1
                    || matches!(
                        core.as_str(),
                        "of" | "for" | "and" | "de" | "van" | "von" | "der"
                    )
            }) {
            let all: Vec<&str> = name.split_whitespace().collect();
            let split = all.len() - 2;
            (
                all[split..].join(" "),
                Some(lower_first(&all[..split].join(" "))),
            )
        } else {
            (name, role)
        };
        let (role, review) = match (role, kind) {
            (Some(role), _) => (
                role,
                format!(
                    "found as \u{201c}{}\u{201d}: check the name and role",
                    trim_phrase(phrase)
                ),
            ),
            (None, ActorKind::Person) => (
                "role not stated in the report".to_string(),
                format!(
                    "found as \u{201c}{}\u{201d}: a person? fill in the role",
                    trim_phrase(phrase)
                ),
            ),
            (None, kind) => (
                match kind {
                    ActorKind::Government => "public body named in the report",
                    ActorKind::Outlet => "news outlet named in the report",
                    _ => "organisation named in the report",
                }
                .to_string(),
                format!(
                    "found as \u{201c}{}\u{201d}: check the kind (person, government, group, outlet) and write its role",
                    trim_phrase(phrase)
                ),
            ),
        };
        let index = self.push(
            Actor {
                id: String::new(),
                kind,
                name: Some(name.clone()),
                role,
                aliases: Vec::new(),
            },
            name_cores.last().map_or("actor", String::as_str),
            vec![review],
        );
        self.remember(index, phrase, context);
        Speaker::Actor(index, None)
    }

    /// A phrase without a name: an unnamed source, an organisation named by
    /// its kind ("the company"), a role already known ("the mayor"), or a document.
    fn described(&mut self, described: &Phrase, context: &mut Context, create: bool) -> Speaker {
        let Some(head) = described.head.clone() else {
            return Speaker::Unknown;
        };
        let Some(role) = described.role.clone() else {
            return Speaker::Unknown;
        };
        if speech_verb(&head).is_some() {
            return Speaker::Unknown;
        }
        if DOCUMENT_NOUNS.contains(&head.as_str()) {
            let document = lower_first(trim_phrase(&described.text));
            context.last_thing = Some(Referent::Document(document.clone()));
            return Speaker::Document(document);
        }
        let role_words: Vec<String> = words(&role).into_iter().map(|word| word.core).collect();
        // "The CNN host", "the anchor": every interviewer word is the one interviewer.
        if let Some(interviewer) = self.interviewer
            && INTERVIEWER_WORDS.contains(&head.as_str())
        {
            self.remember(interviewer, &described.text, context);
            return Speaker::Actor(interviewer, None);
        }
        // "The spokesperson", "the mayor", "the operator", "the company": someone known by that word.
        if described.definite && role_words.len() <= 2 {
            let known_by_head = self.by_word.get(&head).map_or(&[][..], Vec::as_slice);
            let matches = |index: usize| known_by_head.contains(&index);
            let generic_organisation = ORGANISATION_HEADS.contains(&head.as_str())
                || GOVERNMENT_HEADS.contains(&head.as_str());
            let last_organisation = match &context.last_thing {
                Some(Referent::Actor(index)) if self.is_organisation(*index) => Some(*index),
                _ => None,
            };
            let found = last_organisation
                .filter(|&index| matches(index))
                .or_else(|| {
                    known_by_head.iter().rev().copied().find(|&index| {
                        let draft = &self.actors[index];
                        draft.actor.kind != ActorKind::Reporter
                            && (draft.organisation || !generic_organisation)
                    })
                })
                .or(
                    if generic_organisation
                        && matches!(
                            head.as_str(),
                            "company" | "firm" | "organisation" | "group" | "business"
                        )
                    {
                        last_organisation
                    } else {
                        None
                    },
                );
            if let Some(index) = found {
                self.remember(index, &described.text, context);
                let note = (self.actor(index).name.is_some()).then(|| {
                    format!(
                        "\u{201c}{}\u{201d} read as {}",
                        trim_phrase(&described.text),
                        self.mention(index)
                    )
                });
                return Speaker::Actor(index, note);
            }
        }
        if described.definite
            && role_words.len() <= 2
            && let Some(name) = self.organisation_names.get(&head).cloned()
        {
            return self.named(&name, context, true);
        }
        if !create {
            return Speaker::Unknown;
        }
        let plural = described.plural;
        let index = self.unnamed(&role, plural);
        self.remember(index, &described.text, context);
        Speaker::Actor(index, None)
    }

    /// An actor known only by a description: "company spokesperson", "residents of Weir Lane".
    fn unnamed(&mut self, role: &str, plural: bool) -> usize {
        let role = lower_first(trim_phrase(role));
        if let Some(&index) = self.by_unnamed_role.get(&role.to_lowercase()) {
            return index;
        }
        let head = head_of(&words(&role)).unwrap_or_default();
        let kind = kind_of(&head).unwrap_or(if plural {
            ActorKind::Group
        } else {
            ActorKind::Person
        });
        let review = if kind == ActorKind::Person || plural {
            format!(
                "an unnamed source, found as \u{201c}{role}\u{201d}: keep the description; check it is one speaker"
            )
        } else {
            format!(
                "an organisation named only as \u{201c}{role}\u{201d}: check the kind and give its name if the report does"
            )
        };
        self.push(
            Actor {
                id: String::new(),
                kind,
                name: None,
                role: role.clone(),
                aliases: Vec::new(),
            },
            &role,
            vec![review],
        )
    }

    fn remember(&mut self, index: usize, phrase: &str, context: &mut Context) {
        match self.kind(index) {
            ActorKind::Person => {
                if self.interviewer != Some(index) {
                    context.mention_person(index);
                }
            }
            ActorKind::Reporter => {}
            _ => {
                context.last_thing = Some(Referent::Actor(index));
                context.last_group = Some(Referent::Actor(index));
            }
        }
        let mention = trim_phrase(phrase);
        let actor = &mut self.actors[index].actor;
        let lowered = match mention.strip_prefix("The ") {
            Some(rest) => format!("the {rest}"),
            None => mention.to_string(),
        };
        if mention.contains(',')
            || mention.split_whitespace().count() > 6
            || actor
                .name
                .as_deref()
                .is_some_and(|name| name.eq_ignore_ascii_case(mention))
            || actor.role.eq_ignore_ascii_case(&lowered)
        {
            return;
        }
        push_unique(&mut actor.aliases, lowered);
    }
}

impl Context {
    fn mention_person(&mut self, index: usize) {
        self.recent_people.retain(|&known| known != index);
        self.recent_people.push(index);
        if self.recent_people.len() > 8 {
            self.recent_people.remove(0);
        }
    }

    /// The latest person a pronoun of this gender can refer to.
    fn person_for(&self, cast: &Cast, gender: Gender) -> Option<usize> {
        self.recent_people.iter().rev().copied().find(|&index| {
            cast.actors[index]
                .gender
                .is_none_or(|known| known == gender)
        })
    }

    /// The latest person mentioned, if any.
    pub fn last_person(&self) -> Option<usize> {
        self.recent_people.last().copied()
    }
}

/// One comma-separated segment of a subject phrase, read by its shape.
#[derive(Debug, Clone, Default)]
struct Phrase {
    text: String,
    /// The capitalised run at its end, titles left out: "Ines Duarte".
    name: Option<String>,
    /// Words before the name, or the whole description: "council leader".
    role: Option<String>,
    /// The head noun of the description, lower-case: "leader", "spokesperson".
    head: Option<String>,
    /// Opens with "the", "its", "their" or a possessive.
    definite: bool,
    /// Opens with "the": a name after it is an organisation's.
    opens_with_the: bool,
    plural: bool,
    titled: bool,
}

impl Phrase {
    fn of(text: &str, segment: &[Word<'_>]) -> Phrase {
        let verbatim = trim_phrase(span(text, segment)).to_string();
        let determiner = segment.first().filter(|first| is_determiner(first));
        let definite = determiner.is_some_and(|first| {
            matches!(first.core.as_str(), "the" | "its" | "their" | "his" | "her")
        }) || segment
            .first()
            .is_some_and(|first| first.possessive_stem().is_some());
        let body = &segment[usize::from(determiner.is_some())..];
        // The name: capitalised words at the end, not after a preposition.
        let mut name_start = body.len();
        while name_start > 0 {
            let word = &body[name_start - 1];
            let connector = matches!(
                word.core.as_str(),
                "of" | "for" | "and" | "de" | "van" | "von" | "der"
            ) && name_start < body.len()
                && name_start >= 2
                && body[name_start - 2].is_name_word();
            if !(word.is_name_word() || connector)
                || (word.possessive_stem().is_some() && name_start < body.len())
            {
                break;
            }
            name_start -= 1;
        }
        let mut name_run = &body[name_start..];
        let before = &body[..name_start];
        // "Two parents at Hill Street Primary", "Stallholders at Pennock's Old
        // Market Hall": a name after a preposition is a place, not the speaker.
        let after_preposition = before.iter().any(|word| {
            matches!(
                word.core.as_str(),
                "at" | "of" | "from" | "in" | "for" | "with" | "on" | "by" | "to"
            )
        });
        let lower_before = before.iter().any(|word| !word.is_capitalised());
        // "The Defence Minister": a run that ends in a title is a role, not a name.
        let ends_in_title = name_run
            .last()
            .is_some_and(|last| TITLE_WORDS.contains(&last.core.as_str()));
        if after_preposition
            || ends_in_title
            || (lower_before && determiner.is_some() && !definite_name(determiner, before))
        {
            name_run = &[];
        }
        let mut phrase = Phrase {
            text: verbatim,
            definite,
            opens_with_the: determiner.is_some_and(|first| first.core == "the"),
            ..Phrase::default()
        };
        if name_run.is_empty() {
            // A description: "a company spokesperson", "two parents at …".
            let described = segment;
            if described.is_empty() {
                return phrase;
            }
            let role = role_text(text, described);
            phrase.head = head_of(described);
            phrase.plural = phrase
                .head
                .as_deref()
                .is_some_and(|head| head.ends_with('s') && !head.ends_with("ss"))
                && !determiner
                    .is_some_and(|first| matches!(first.core.as_str(), "a" | "an" | "one"));
            phrase.role = (!is_blank(&role)).then_some(role);
            return phrase;
        }
        // Titles at the front of the run go to the role: "Mayor Grace Hollis".
        let last_title = name_run[..name_run.len() - 1]
            .iter()
            .rposition(|word| TITLE_WORDS.contains(&word.core.as_str()));
        let (title, name_words) = match last_title {
            Some(at) => (&name_run[..=at], &name_run[at + 1..]),
            None => (&name_run[..0], name_run),
        };
        phrase.titled = !title.is_empty();
        phrase.name = Some(
            name_words
                .iter()
                .map(Word::bare)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let mut role_words: Vec<&Word<'_>> = before.iter().chain(title).collect();
        let owner = role_words
            .first()
            .and_then(|first| first.possessive_stem().map(str::to_string));
        if owner.is_some() {
            role_words.remove(0);
        }
        if !role_words.is_empty() {
            let mut role = role_words
                .iter()
                .map(|word| word.bare())
                .collect::<Vec<_>>()
                .join(" ");
            // "Defence Minister" keeps its capitals; "Mayor", "Council leader" become role words.
            let keeps_capitals = !title.is_empty()
                && role_words.len() > 1
                && role_words.iter().all(|word| word.is_capitalised());
            if !keeps_capitals {
                role = lower_first(&role);
            }
            if let Some(owner) = owner {
                role = format!("{role} of {owner}");
            }
            phrase.head = role_words.last().map(|word| word.core.clone());
            phrase.role = (!is_blank(&role)).then_some(role);
        } else if definite {
            phrase.head = name_words.last().map(|word| word.core.clone());
        }
        phrase
    }
}

/// Whether "The" before capitalised words opens a name ("The Environment Agency").
fn definite_name(determiner: Option<&Word<'_>>, before: &[Word<'_>]) -> bool {
    determiner.is_some_and(|first| first.core == "the") && before.is_empty()
}

fn is_determiner(word: &Word<'_>) -> bool {
    DETERMINERS.contains(&word.core.as_str())
        || (word.possessive_stem().is_some() && !word.is_capitalised())
}

/// "the county's education director" → "county's education director"; "its clerk" → "clerk".
fn role_text(text: &str, described: &[Word<'_>]) -> String {
    let described = match described.first() {
        Some(first) if DETERMINERS.contains(&first.core.as_str()) => &described[1..],
        _ => described,
    };
    lower_first(trim_phrase(span(text, described)))
}

/// The head noun of a description: the last word before a preposition or aside.
fn head_of(described: &[Word<'_>]) -> Option<String> {
    let end = described
        .iter()
        .position(|word| {
            matches!(
                word.core.as_str(),
                "at" | "of"
                    | "for"
                    | "from"
                    | "in"
                    | "on"
                    | "with"
                    | "who"
                    | "which"
                    | "to"
                    | "by"
                    | "seen"
                    | "obtained"
            )
        })
        .unwrap_or(described.len());
    described[..end]
        .iter()
        .rev()
        .find(|word| !word.core.is_empty())
        .map(|word| word.core.trim_end_matches("'s").to_string())
}

/// The kind a head noun names, if it names an organisation.
fn kind_of(head: &str) -> Option<ActorKind> {
    if GOVERNMENT_HEADS.contains(&head) {
        Some(ActorKind::Government)
    } else if OUTLET_HEADS.contains(&head) {
        Some(ActorKind::Outlet)
    } else if ORGANISATION_HEADS.contains(&head) {
        Some(ActorKind::Group)
    } else {
        None
    }
}

/// The end of a run of name words starting at `start` (2 to 4 words).
fn name_run_from(found: &[Word<'_>], start: usize) -> usize {
    let mut end = start;
    while end < found.len() && end - start < 4 && found[end].is_name_word() {
        end += 1;
        if found[end - 1].ends_clause() || found[end - 1].raw.ends_with('.') {
            break;
        }
    }
    if end - start >= 1 { end } else { start }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(cast: &mut Cast, phrase: &str) -> Actor {
        let mut context = Context::default();
        match cast.resolve(phrase, &mut context) {
            Speaker::Actor(index, _) => cast.actor(index).clone(),
            other => panic!("{phrase}: {other:?}"),
        }
    }

    #[test]
    fn names_and_roles_are_told_apart() {
        let mut cast = Cast::default();
        let duarte = resolved(&mut cast, "Council leader Ines Duarte");
        assert_eq!(duarte.name.as_deref(), Some("Ines Duarte"));
        assert_eq!(duarte.role, "council leader");
        let hollis = resolved(&mut cast, "Mayor Grace Hollis");
        assert_eq!(hollis.name.as_deref(), Some("Grace Hollis"));
        assert_eq!(hollis.role, "mayor");
        let northline = resolved(&mut cast, "The bus operator, Northline,");
        assert_eq!(northline.name.as_deref(), Some("Northline"));
        assert_eq!(northline.role, "bus operator");
        assert_eq!(northline.kind, ActorKind::Group);
        let stallholders = resolved(&mut cast, "Stallholders at Pennock's Old Market Hall");
        assert_eq!(stallholders.name, None);
        assert_eq!(
            stallholders.role,
            "stallholders at Pennock's Old Market Hall"
        );
        let roche = resolved(
            &mut cast,
            "Councillor Aidan Roche, who chairs the finance committee,",
        );
        assert_eq!(roche.name.as_deref(), Some("Aidan Roche"));
        let spokesperson = resolved(&mut cast, "a company spokesperson");
        assert_eq!(spokesperson.name, None);
        assert_eq!(spokesperson.role, "company spokesperson");
        let parents = resolved(&mut cast, "Two parents at Hill Street Primary");
        assert_eq!(parents.role, "parents at Hill Street Primary");
        assert_eq!(parents.kind, ActorKind::Group);
        let agency = resolved(&mut cast, "The Environment Agency");
        assert_eq!(agency.name.as_deref(), Some("Environment Agency"));
        assert_eq!(agency.kind, ActorKind::Government);
        assert_eq!(resolved(&mut cast, "Duarte").id, duarte.id);
        assert_eq!(resolved(&mut cast, "The operator").id, northline.id);
        assert_eq!(resolved(&mut cast, "the mayor").id, hollis.id);
    }

    #[test]
    fn pronouns_follow_gender_and_documents_are_not_actors() {
        let mut cast = Cast::default();
        let mut context = Context::default();
        let Speaker::Actor(brand, _) = cast.resolve("Petra Brand", &mut context) else {
            panic!()
        };
        let Speaker::Actor(reyes, _) = cast.resolve("Tomas Reyes", &mut context) else {
            panic!()
        };
        assert!(
            matches!(cast.resolve("he", &mut context), Speaker::Actor(index, _) if index == reyes)
        );
        assert!(
            matches!(cast.resolve("She", &mut context), Speaker::Actor(index, _) if index == brand)
        );
        assert!(
            matches!(cast.resolve("he", &mut context), Speaker::Actor(index, _) if index == reyes)
        );
        assert_eq!(
            cast.resolve("A letter from the Department for Education", &mut context),
            Speaker::Document("a letter from the Department for Education".to_string())
        );
        assert!(matches!(
            cast.resolve("It", &mut context),
            Speaker::Document(_)
        ));
    }
}
