//! Clauses: what one sentence attributes to whom. The patterns are read
//! from the sentence's structure — a quotation before, after or around its
//! speech verb; "X said (that) P", "P, X said", "said X"; "according to X";
//! "X, who …, told reporters that P"; "X denied/accused/offered …"; a
//! document's "the paper shows that P"; an interviewer's "asked whether
//! Q"; transcript turns — and anything else is the report's own voice.

use super::cast::{Cast, Context, Speaker};
use super::lexicon::{
    ASKING_WORDS, ASSESSMENT_CUES, BETWEEN_SUBJECT_AND_VERB, DETERMINERS, DOCUMENT_VERBS,
    NOT_ANSWERED, NOUN_CONTEXT, PASSIVE_OR_NEGATING, SUBJECT_BOUNDARIES, Takes, Word, span,
    speech_verb, trim_phrase, words,
};
use super::sentences::{Quotation, Sentence, Turn, quotations};
use crate::bank::text::{is_blank, reads_as_clause};
use crate::bank::{Attribution, StatementKind};
use crate::wording::capitalise;

/// The longest subject phrase read before a verb, in words.
const MAX_SUBJECT_WORDS: usize = 40;

/// A proposed claim.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub by: usize,
    pub via: Vec<usize>,
    pub attribution: Attribution,
    pub statement: StatementKind,
    pub text: String,
    pub wording: Vec<String>,
    pub direct_quote: bool,
    pub review: Vec<String>,
    /// A document the reporter relays: its description.
    pub document: Option<String>,
}

/// A question put to someone: by an interviewer, the reporter, or a transcript's `Q:`.
#[derive(Debug, Clone)]
pub struct Question {
    pub by: usize,
    /// Who it was put to, when the sentence or the context says.
    pub to: Option<usize>,
    pub asks: String,
    /// "When asked Q, she said P": the answer is in the same sentence.
    pub answered_here: bool,
}

/// What a sentence yields.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub proposals: Vec<Proposal>,
    pub questions: Vec<Question>,
    /// The sentence says a question went unanswered ("did not answer").
    pub not_answered: bool,
}

/// What the sentences before tell this one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Before {
    /// The speaker of the last quotation in this or the previous paragraph.
    pub quoted: Option<usize>,
    /// The person a transcript's answers belong to.
    pub interviewee: Option<usize>,
}

pub fn analyse(
    sentence: &Sentence<'_>,
    cast: &mut Cast,
    context: &mut Context,
    before: Before,
) -> Analysis {
    let mut analysis = Analysis {
        not_answered: {
            let lower = sentence.text.to_lowercase();
            NOT_ANSWERED.iter().any(|phrase| lower.contains(phrase))
        },
        ..Analysis::default()
    };
    if let Some(turn) = sentence.turn {
        transcript_turn(sentence.text, turn, cast, context, before, &mut analysis);
        return analysis;
    }
    let (asked, rest) = when_asked(sentence.text);
    if let Some(question) = asked.filter(|question| !is_blank(question)) {
        analysis.questions.push(Question {
            by: cast.asker(),
            to: None,
            asks: trim_phrase(question).to_string(),
            answered_here: true,
        });
    }
    cast.notice(rest, context);
    if let Some(proposal) = quoted_speech(rest, cast, context, before) {
        analysis.proposals.push(proposal);
        return analysis;
    }
    let mut carried: Option<usize> = None;
    for clause in split_clauses(rest) {
        let made = analyse_clause(clause, carried, cast, context, &mut analysis.questions);
        if let Some(first) = made.first().filter(|first| !cast.is_reporter(first.by)) {
            carried = Some(first.by);
        } else if carried.is_none() {
            // "Hollis did not answer but said …": the person named first carries over.
            carried = context.last_person().filter(|&person| {
                words(clause).iter().take(3).any(|word| {
                    cast.actor(person)
                        .name
                        .as_deref()
                        .is_some_and(|name| name.contains(word.bare()))
                        && word.is_capitalised()
                })
            });
        }
        analysis.proposals.extend(made);
    }
    analysis
}

fn transcript_turn(
    text: &str,
    turn: Turn<'_>,
    cast: &mut Cast,
    context: &mut Context,
    before: Before,
    analysis: &mut Analysis,
) {
    let speaker = match turn {
        Turn::Question => None,
        Turn::Answer => before.interviewee.or(context.last_person()),
        Turn::Speaker(label) => {
            let label = label
                .split_whitespace()
                .map(|word| capitalise(&word.to_lowercase()))
                .collect::<Vec<_>>()
                .join(" ");
            match cast.resolve(&label, context) {
                Speaker::Actor(index, _) => Some(index),
                _ => None,
            }
        }
    };
    if speaker.is_none() || speaker == cast.interviewer {
        if is_blank(text) {
            return;
        }
        analysis.questions.push(Question {
            by: cast.asker(),
            to: before.interviewee,
            asks: trim_phrase(text).to_string(),
            answered_here: false,
        });
        return;
    }
    let by = speaker.unwrap_or_else(|| cast.reporter());
    let phrase = trim_phrase(text);
    if !reads_as_clause(phrase) {
        return;
    }
    let statement = refine(StatementKind::Factual, Takes::Clause, phrase);
    analysis.proposals.push(Proposal {
        by,
        via: Vec::new(),
        attribution: Attribution::Direct,
        statement,
        text: format!("{}.", capitalise(phrase)),
        wording: vec![phrase.to_string()],
        direct_quote: true,
        review: vec![
            format!(
                "an answer in the transcript, read as {}'s words",
                cast.mention(by)
            ),
            format!(
                "statement kind guessed: is it {}?",
                statement_hint(statement)
            ),
        ],
        document: None,
    });
}

/// Splits "When asked Q, rest" into Q and rest.
fn when_asked(sentence: &str) -> (Option<&str>, &str) {
    for prefix in [
        "When asked ",
        "when asked ",
        "Asked ",
        "When pressed ",
        "When questioned ",
        "Pressed ",
    ] {
        if let Some(rest) = sentence.strip_prefix(prefix)
            && let Some(comma) = rest.find(", ")
        {
            return (Some(rest[..comma].trim()), rest[comma + 2..].trim());
        }
    }
    (None, sentence)
}

// ----------------------------------------------------------- quotations

/// A sentence built around a quotation: `"Q," X said.`, `X said: "Q."`,
/// `"Q1," X said, "Q2."`, `"Q," said X, who …`, or a quotation alone that
/// continues the previous speaker's words.
fn quoted_speech(
    text: &str,
    cast: &mut Cast,
    context: &mut Context,
    before: Before,
) -> Option<Proposal> {
    let quotes = quotations(text);
    let first = *quotes.first()?;
    let last = *quotes.last()?;
    let starts_with_quote = text[..first.start].trim().is_empty();
    let ends_with_quote = is_blank(&text[last.end..]);
    let (frame_start, frame_end, used): (usize, usize, Vec<Quotation>) = if starts_with_quote {
        let end = quotes.get(1).map_or(text.len(), |second| second.start);
        let used = if quotes.len() >= 2 && ends_with_quote && quotes.len() == 2 {
            quotes.clone()
        } else {
            vec![first]
        };
        (first.end, end, used)
    } else if ends_with_quote {
        (0, last.start, vec![last])
    } else {
        return None;
    };
    let frame = &text[frame_start..frame_end];
    let frame_words = words(frame);
    let quoted_parts: Vec<&str> = used
        .iter()
        .map(|quote| trim_phrase(&text[quote.inner_start..quote.inner_end]))
        .filter(|inner| !is_blank(inner))
        .collect();
    let joined = quoted_parts.join(" ");
    if !reads_as_clause(&joined) {
        return None;
    }
    let mut review = vec!["in quotation marks: the speaker's own words".to_string()];
    let verb = frame_words
        .iter()
        .position(|word| speech_verb(&word.core).is_some_and(|(_, takes)| takes != Takes::Asking));
    let (by, statement, attribution, via, document) = match verb {
        None if is_blank(frame) && starts_with_quote => {
            let by = before.quoted?;
            review.push(format!(
                "no speaker in the sentence: read as more of {}'s words",
                cast.mention(by)
            ));
            (
                by,
                StatementKind::Factual,
                Attribution::Direct,
                Vec::new(),
                None,
            )
        }
        None => return None,
        Some(verb) => {
            if !starts_with_quote && !is_blank(&frame[frame_words[verb].end..]) {
                return None;
            }
            if starts_with_quote && verb > 8 {
                return None;
            }
            let (statement, _) = speech_verb(&frame_words[verb].core)?;
            let subject = if starts_with_quote && verb == 0 {
                // `"…," said Mary Quinn, who …`
                let end = frame_words[1..]
                    .iter()
                    .position(Word::ends_clause)
                    .map_or(frame_words.len(), |at| at + 2);
                span(frame, &frame_words[1..end.min(frame_words.len())])
            } else {
                let start = frame_words[..verb]
                    .iter()
                    .rposition(|word| SUBJECT_BOUNDARIES.contains(&word.core.as_str()))
                    .map_or(0, |at| at + 1);
                let mut end = verb;
                while end > start
                    && BETWEEN_SUBJECT_AND_VERB.contains(&frame_words[end - 1].core.as_str())
                {
                    end -= 1;
                }
                span(frame, &frame_words[start..end])
            };
            let (by, document) = speaker_of(subject, cast, context, &mut review, before.quoted)?;
            let (attribution, via) = attribution_for(by, false, cast, &mut review);
            (by, statement, attribution, via, document)
        }
    };
    let statement = refine(statement, Takes::Clause, &joined);
    review.push(format!(
        "statement kind guessed: is it {}?",
        statement_hint(statement)
    ));
    Some(Proposal {
        by,
        via,
        attribution,
        statement,
        text: format!("{}.", capitalise(&joined)),
        wording: quoted_parts
            .iter()
            .map(|inner| (*inner).to_string())
            .collect(),
        direct_quote: true,
        review,
        document,
    })
}

/// The speaker a subject phrase names, or the reporter for a document;
/// `None` when the phrase names nobody and nobody spoke before.
fn speaker_of(
    subject: &str,
    cast: &mut Cast,
    context: &mut Context,
    review: &mut Vec<String>,
    fallback: Option<usize>,
) -> Option<(usize, Option<String>)> {
    match cast.resolve(subject, context) {
        Speaker::Actor(index, note) => {
            review.extend(note);
            Some((index, None))
        }
        Speaker::Document(document) => {
            review.push(format!("from a document the reporter relays: {document}"));
            Some((cast.reporter(), Some(document)))
        }
        Speaker::Unknown => {
            let by = fallback?;
            review.push(format!(
                "could not tell who \u{201c}{}\u{201d} is: read as {}",
                trim_phrase(subject),
                cast.mention(by)
            ));
            Some((by, None))
        }
    }
}

/// Organisations' words reach us through the reporter; so do embedded attributions.
fn attribution_for(
    by: usize,
    embedded: bool,
    cast: &mut Cast,
    review: &mut Vec<String>,
) -> (Attribution, Vec<usize>) {
    if cast.is_reporter(by) {
        return (Attribution::Reported, Vec::new());
    }
    if cast.is_organisation(by) {
        review.push("an organisation's statement relayed by the reporter: reported".to_string());
        return (Attribution::Reported, vec![cast.reporter()]);
    }
    if embedded {
        review.push("the attribution sits inside another clause: direct or reported?".to_string());
        return (Attribution::Reported, vec![cast.reporter()]);
    }
    (Attribution::Direct, Vec::new())
}

// -------------------------------------------------------------- clauses

/// Splits a sentence into clauses: at "; ", and at "and"/"but" when a
/// speech verb follows ("… and said …", "… but said …").
fn split_clauses(sentence: &str) -> Vec<&str> {
    let found = words(sentence);
    let mut clauses = Vec::new();
    let mut start = 0;
    for (index, word) in found.iter().enumerate() {
        if word.raw.ends_with(';') {
            clauses.push(sentence[start..word.end].trim());
            start = word.end;
            continue;
        }
        if matches!(word.core.as_str(), "and" | "but")
            && index > 0
            && index + 3 < found.len()
            && attribution_at(&found, index + 1).is_some_and(|(_, takes)| takes != Takes::Asking)
        {
            clauses.push(sentence[start..found[index - 1].end].trim());
            start = word.end;
        }
    }
    clauses.push(sentence[start..].trim());
    clauses
        .into_iter()
        .map(|clause| clause.trim_end_matches([',', ';']).trim())
        .filter(|clause| !clause.is_empty())
        .collect()
}

/// Whether `found[index]` is a speech verb used actively (not "was
/// questioned", "did not offer", "the claims").
fn attribution_at(found: &[Word<'_>], index: usize) -> Option<(StatementKind, Takes)> {
    let (statement, takes) = speech_verb(&found[index].core)?;
    let previous = index
        .checked_sub(1)
        .map(|before| found[before].core.as_str());
    if previous.is_some_and(|word| PASSIVE_OR_NEGATING.contains(&word)) {
        return None;
    }
    let noun_context = |at: usize| {
        found
            .get(at)
            .is_some_and(|word| NOUN_CONTEXT.contains(&word.core.as_str()))
    };
    if let Some(before) = index.checked_sub(1)
        && (noun_context(before)
            || (found[before].is_capitalised()
                && before > 0
                && noun_context(before - 1)
                && found[before].possessive_stem().is_none()))
    {
        return None;
    }
    if takes == Takes::Asking {
        // "asked whether …", "asked her about …", "pressed the mayor on …"; not "asked to provide".
        let following = &found[index + 1..];
        let next = following
            .iter()
            .take(4)
            .position(|word| ASKING_WORDS.contains(&word.core.as_str()));
        if next.is_none_or(|at| following[..at].iter().any(|word| word.core == "to")) {
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
            | "speaking"
            | "writing"
            | "separately"
            | "yesterday"
            | "today"
    );
    if framing && let Some(comma) = found.iter().take(10).position(Word::ends_clause) {
        return clause[found[comma].end..].trim();
    }
    clause
}

/// Splits narration at "after", "because", "while", "although", "whereas".
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

/// Finds the first speech verb of a clause, or a document verb whose subject is a document.
fn find_verb(
    found: &[Word<'_>],
    context: &Context,
    clause: &str,
) -> Option<(usize, StatementKind, Takes)> {
    // "P, officials said on Wednesday.": a trailing attribution wins over verbs inside P.
    let tail = found.len().saturating_sub(8);
    for index in (tail..found.len()).rev() {
        if let Some((statement, Takes::Clause)) = attribution_at(found, index)
            && !found[index + 1..].iter().any(|word| word.core == "that")
            && found[index.saturating_sub(7)..index]
                .iter()
                .rposition(Word::ends_clause)
                .is_some_and(|at| index.saturating_sub(7) + at + 1 < index)
        {
            return Some((index, statement, Takes::Clause));
        }
    }
    for index in 0..found.len() {
        if let Some((statement, takes)) = attribution_at(found, index) {
            return Some((index, statement, takes));
        }
        if DOCUMENT_VERBS.contains(&found[index].core.as_str()) && index > 0 {
            let start = subject_start(found, index);
            if Cast::names_document(span(clause, &found[start..index]), context) {
                let takes = if found.get(index + 1).is_some_and(|next| next.core == "that") {
                    Takes::Clause
                } else {
                    Takes::Object
                };
                return Some((index, StatementKind::Factual, takes));
            }
        }
    }
    None
}

/// Where the subject of the verb at `verb` starts: after the nearest
/// boundary word, looking past an aside between commas ("A letter, which
/// the Courier has seen, states …").
fn subject_start(found: &[Word<'_>], verb: usize) -> usize {
    // A subject is never longer than this: the look-back stays bounded, so
    // a sentence with many verbs is still read in linear time.
    let floor = verb.saturating_sub(MAX_SUBJECT_WORDS);
    let boundary = |end: usize| {
        found[floor..end]
            .iter()
            .rposition(|word| SUBJECT_BOUNDARIES.contains(&word.core.as_str()))
            .map(|at| floor + at)
    };
    let Some(at) = boundary(verb) else {
        return floor;
    };
    let aside = at > 0 && found[at - 1].ends_clause() && verb > 0 && found[verb - 1].ends_clause();
    if aside {
        return boundary(at - 1).map_or(floor, |before| before + 1);
    }
    at + 1
}

fn analyse_clause(
    clause: &str,
    carried: Option<usize>,
    cast: &mut Cast,
    context: &mut Context,
    questions: &mut Vec<Question>,
) -> Vec<Proposal> {
    let clause = strip_framing(clause);
    if let Some(proposal) = according_to(clause, cast, context) {
        return vec![proposal];
    }
    let found = words(clause);
    let Some((verb, statement, takes)) = find_verb(&found, context, clause) else {
        return narration_of(clause, cast);
    };
    let start = subject_start(&found, verb);
    let embedded = start > 0
        && !found[start - 1].ends_clause()
        && found[start - 1].core != "and"
        && found[start - 1].core != "but";
    let mut subject_end = verb;
    while subject_end > start
        && BETWEEN_SUBJECT_AND_VERB.contains(&found[subject_end - 1].core.as_str())
    {
        subject_end -= 1;
    }
    let after_verb = &found[verb + 1..];
    let mut review = Vec::new();
    // "P, the council said on Tuesday." / "P, said X.": the attribution trails the proposition.
    let last_comma = found[start..subject_end]
        .iter()
        .rposition(Word::ends_clause)
        .map(|at| start + at);
    let trailing = last_comma.filter(|&comma| {
        takes == Takes::Clause
            && (1..=6).contains(&(subject_end - comma - 1))
            && comma + 1 - start >= 3
            && after_verb.len() <= 7
            && !after_verb.iter().any(|word| word.core == "that")
    });
    let inverted = takes == Takes::Clause
        && verb > start + 2
        && found[verb - 1].ends_clause()
        && (1..=5).contains(&after_verb.len())
        && (after_verb[0].is_name_word() || DETERMINERS.contains(&after_verb[0].core.as_str()));
    // "These sites, India said, were used …": the speaker between commas.
    if takes == Takes::Clause
        && found[verb].ends_clause()
        && !after_verb.is_empty()
        && let Some(comma) =
            last_comma.filter(|&comma| comma + 1 < subject_end && comma + 1 - start >= 1)
    {
        let subject = span(clause, &found[comma + 1..subject_end]);
        let before = trim_phrase(&clause[found[start].start..found[comma].end]);
        let after = trim_phrase(&clause[after_verb[0].start..]);
        let joined = format!("{before} {after}");
        if reads_as_clause(&joined) {
            let (by, document) = speaker_of(subject, cast, context, &mut review, None)
                .unwrap_or_else(|| (cast.reporter(), None));
            if !cast.is_reporter(by) || document.is_some() {
                let (attribution, via) = attribution_for(by, false, cast, &mut review);
                let statement = refine(statement, takes, &joined);
                review.push(format!(
                    "statement kind guessed: is it {}?",
                    statement_hint(statement)
                ));
                let whole = trim_phrase(&clause[found[start].start..]);
                let (wording, direct_quote) = if whole.split_whitespace().count() <= 16 {
                    wording_phrases(whole, &mut review)
                } else {
                    wording_phrases(after, &mut review)
                };
                return vec![Proposal {
                    by,
                    via,
                    attribution,
                    statement,
                    text: format!("{}.", capitalise(&joined)),
                    wording,
                    direct_quote,
                    review,
                    document,
                }];
            }
        }
    }
    let (subject, proposition): (&str, &str) = if inverted {
        (
            span(clause, after_verb),
            &clause[found[start].start..found[verb - 1].end],
        )
    } else if let Some(comma) = trailing {
        (
            span(clause, &found[comma + 1..subject_end]),
            &clause[found[start].start..found[comma].end],
        )
    } else {
        (
            span(clause, &found[start..subject_end]),
            content_after(clause, &found, verb, takes),
        )
    };
    if takes == Takes::Asking {
        let by = match cast.resolve(subject, context) {
            Speaker::Actor(index, _) => index,
            _ => cast.asker(),
        };
        let asks = found[verb + 1..]
            .iter()
            .position(|word| ASKING_WORDS.contains(&word.core.as_str()))
            .map_or("", |at| {
                let first = &found[verb + 1 + at];
                let from = if matches!(first.core.as_str(), "on" | "over" | "about" | "for") {
                    found
                        .get(verb + 2 + at)
                        .map_or(first.start, |next| next.start)
                } else {
                    first.start
                };
                trim_phrase(&clause[from..])
            });
        if is_blank(asks) {
            return narration_of(clause, cast);
        }
        questions.push(Question {
            by,
            to: context.last_person().filter(|&person| person != by),
            asks: asks.to_string(),
            answered_here: false,
        });
        // "asked about a past quote where Novak admitted …": words relayed inside the question.
        // The reporter narrates the question: a claim only if it matters as a fact.
        let mut made = narration_of(clause, cast);
        for proposal in &mut made {
            proposal.review.push(format!(
                "the reporter narrates {}'s question: keep it as a claim only if it matters as a fact",
                cast.mention(by)
            ));
        }
        let inner = words(asks);
        let Some(at) = (0..inner.len()).find(|&index| attribution_at(&inner, index).is_some())
        else {
            return made;
        };
        let from = subject_start(&inner, at);
        let mut relayed = analyse_clause(
            &asks[inner[from].start..],
            None,
            cast,
            context,
            &mut Vec::new(),
        );
        relayed.retain(|proposal| !cast.is_reporter(proposal.by) && proposal.by != by);
        for proposal in &mut relayed {
            proposal.via = vec![by];
            proposal.attribution = Attribution::Reported;
            proposal.review.push(format!(
                "relayed inside {}'s question (\u{201c}{}\u{201d}): whose word is it?",
                cast.mention(by),
                inner[at].raw
            ));
        }
        made.extend(relayed);
        return made;
    }
    let (by, document) = if subject.trim().is_empty() {
        if let Some(by) = carried {
            (by, None)
        } else {
            return narration_of(clause, cast);
        }
    } else {
        // Nobody named before the verb: "for claims of …" is no attribution.
        match speaker_of(subject, cast, context, &mut review, None) {
            Some(found) => found,
            None => return narration_of(clause, cast),
        }
    };
    let (attribution, via) = attribution_for(
        by,
        embedded && !inverted && trailing.is_none(),
        cast,
        &mut review,
    );
    let verb_word = found[verb].bare().to_string();
    let proposition = trim_phrase(proposition);
    let statement = refine(statement, takes, proposition);
    review.push(format!(
        "statement kind guessed from \u{201c}{verb_word}\u{201d}: is it {}?",
        statement_hint(statement)
    ));
    let label = document
        .as_deref()
        .map_or_else(|| cast.mention(by), str::to_string);
    let Some(text) = claim_text(&verb_word, takes, proposition, &label) else {
        return narration_of(clause, cast);
    };
    let wording_text = if takes == Takes::Object && !inverted && trailing.is_none() {
        trim_phrase(&clause[found[verb].start..])
    } else {
        proposition
    };
    let (wording, direct_quote) = wording_phrases(wording_text, &mut review);
    vec![Proposal {
        by,
        via,
        attribution,
        statement,
        text,
        wording,
        direct_quote,
        review,
        document,
    }]
}

/// What follows the verb: the clause after "that" when it comes soon
/// ("told reporters on Monday that P"), past an indirect object ("told
/// reporters P"), else everything after the verb.
fn content_after<'a>(clause: &'a str, found: &[Word<'_>], verb: usize, takes: Takes) -> &'a str {
    let rest = &found[verb + 1..];
    if rest.is_empty() {
        return "";
    }
    if takes == Takes::Clause {
        if let Some(that) = rest.iter().take(8).position(|word| word.core == "that")
            && !rest[..that]
                .iter()
                .any(|word| speech_verb(&word.core).is_some())
            && that + 1 < rest.len()
        {
            return &clause[rest[that + 1].start..];
        }
        if matches!(found[verb].core.as_str(), "told" | "tells") {
            let skip = match rest[0].core.as_str() {
                "reporters" | "journalists" | "me" | "us" | "him" | "her" | "them" | "parents"
                | "residents" | "staff" | "patients" | "listeners" | "viewers" => 1,
                "the" => {
                    1 + rest[1..]
                        .iter()
                        .take_while(|word| word.is_name_word())
                        .count()
                }
                _ if rest[0].is_name_word() => {
                    rest.iter().take_while(|word| word.is_name_word()).count()
                }
                _ => 0,
            };
            if skip < rest.len() {
                return &clause[rest[skip].start..];
            }
        }
    }
    &clause[rest[0].start..]
}

/// "the statement kind" cues in the content: an offer, "a lie", "should".
fn refine(statement: StatementKind, takes: Takes, content: &str) -> StatementKind {
    let lower = format!(" {} ", content.to_lowercase());
    if takes == Takes::Object && (lower.contains(" offer ") || lower.contains(" offers ")) {
        StatementKind::Offer
    } else if matches!(statement, StatementKind::Factual | StatementKind::Opinion)
        && lower.contains(" a lie")
    {
        StatementKind::Denial
    } else if statement == StatementKind::Factual
        && [" should ", " must ", " ought "]
            .iter()
            .any(|cue| lower.contains(cue))
    {
        StatementKind::Opinion
    } else {
        statement
    }
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

/// A paraphrase to start from: the content as a statement. `None` when
/// nothing readable is left (a fragment is never a claim).
fn claim_text(verb: &str, takes: Takes, content: &str, label: &str) -> Option<String> {
    let lower_verb = verb.to_lowercase();
    let said = || format!("{} {lower_verb} {content}", capitalise(label));
    let text = match (takes, lower_verb.as_str()) {
        (Takes::Clause, _) if reads_as_clause(content) => capitalise(content),
        (Takes::Clause, _) => said(),
        (_, "accused" | "accuses") => match content.split_once(" of ") {
            Some((target, rest)) => format!("{} was {rest}", capitalise(target)),
            None => said(),
        },
        (_, "blamed" | "blames") => match content.split_once(" for ") {
            Some((target, rest)) => format!("{} were to blame for {rest}", capitalise(target)),
            None => said(),
        },
        (_, "questioned") => format!("{} questioned {content}", capitalise(label)),
        _ => said(),
    };
    let text = format!("{}.", trim_phrase(&text));
    (reads_as_clause(&text) && !content.is_empty()).then_some(text)
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
        && !is_blank(inner)
    {
        review.push("in quotation marks: the speaker's own words".to_string());
        return (vec![trim_phrase(inner).to_string()], true);
    }
    if is_blank(phrase) {
        return (Vec::new(), false);
    }
    if phrase.split_whitespace().count() <= 16 {
        return (vec![phrase.to_string()], false);
    }
    // Parts are merged untrimmed, so each stays a verbatim piece of the report.
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for (at, _) in phrase
        .match_indices(", ")
        .chain(std::iter::once((phrase.len(), "")))
    {
        let part = &phrase[start..at];
        match parts.last_mut() {
            Some(last)
                if part.split_whitespace().count() < 3 || last.split_whitespace().count() < 3 =>
            {
                let begin = last.as_ptr() as usize - phrase.as_ptr() as usize;
                *last = &phrase[begin..at];
            }
            _ => parts.push(part),
        }
        start = (at + 2).min(phrase.len());
    }
    let mut parts: Vec<String> = parts
        .into_iter()
        .map(|part| trim_phrase(part).to_string())
        .collect();
    parts.retain(|part| !is_blank(part));
    if parts.len() > 1 {
        review.push("long: one claim, or several?".to_string());
    }
    (parts, false)
}

/// "According to X, P" and "P, according to X".
fn according_to(clause: &str, cast: &mut Cast, context: &mut Context) -> Option<Proposal> {
    let (subject, proposition) = if let Some(rest) = clause
        .strip_prefix("According to ")
        .or_else(|| clause.strip_prefix("according to "))
    {
        let comma = rest.find(", ")?;
        (&rest[..comma], rest[comma + 2..].trim())
    } else {
        let at = clause.rfind(", according to ")?;
        (&clause[at + ", according to ".len()..], clause[..at].trim())
    };
    let proposition = trim_phrase(proposition);
    if !reads_as_clause(proposition) {
        return None;
    }
    let mut review = vec![
        "\u{201c}according to\u{201d}: the reporter relays the words; direct or reported?"
            .to_string(),
    ];
    let (by, document) = speaker_of(subject, cast, context, &mut review, None)?;
    review.push(format!(
        "statement kind guessed: is it {}?",
        statement_hint(StatementKind::Factual)
    ));
    let (wording, direct_quote) = wording_phrases(proposition, &mut review);
    let via = if cast.is_reporter(by) {
        Vec::new()
    } else {
        vec![cast.reporter()]
    };
    Some(Proposal {
        by,
        via,
        attribution: Attribution::Reported,
        statement: StatementKind::Factual,
        text: format!("{}.", capitalise(proposition)),
        wording,
        direct_quote,
        review,
        document,
    })
}

/// Clauses in the report's own voice: one claim each, fragments left out.
fn narration_of(clause: &str, cast: &mut Cast) -> Vec<Proposal> {
    let reporter = cast.reporter();
    let mut proposals = Vec::new();
    for part in split_subordinate(strip_framing(clause)) {
        let part = trim_phrase(part);
        if !reads_as_clause(part) {
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
        proposals.push(Proposal {
            by: reporter,
            via: Vec::new(),
            attribution: Attribution::Direct,
            statement: if assessment {
                StatementKind::Opinion
            } else {
                StatementKind::Factual
            },
            text: format!("{}.", capitalise(part)),
            wording,
            direct_quote,
            review,
            document: None,
        });
    }
    proposals
}
