//! Question generators: `who-said`, `evidence-offered`, `support` and
//! `evasion` build single-choice questions from the claims table and the
//! exchanges. Deterministic (no randomness): the same bank always gives the
//! same questions, ids and distractors.

use super::canonical;
use super::model::{
    Actor, ActorKind, Attribution, Bank, Choice, Claim, EvidenceKind, Exchange, GeneratedFrom,
    IdSelection, Question, QuestionBody, QuestionCommon, QuestionKind, StatementKind, Support,
    Template,
};
use crate::wording::{capitalise, lower_first};
use std::collections::HashSet;

/// The text of the "report does not say" option.
pub const NOT_SAID: &str = "The report does not say";

/// The id a generated question gets.
pub fn generated_id(template: Template, subject: &str) -> String {
    format!("gen-{}-{subject}", template.as_str())
}

/// The lists whose items a generated question hashes.
pub const SUBJECT_LISTS: [&str; 2] = ["claims", "exchanges"];

/// The hash of each claim and exchange object as written (`x-` keys and
/// nulls already removed from `document`), without `lint_allow`: RFC 8785
/// canonical JSON, `sha256:<hex>`, keyed `claims/<id>` and `exchanges/<id>`.
pub fn subject_hashes(document: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    let mut hashes = std::collections::BTreeMap::new();
    for list in SUBJECT_LISTS {
        let items = document.get(list).and_then(serde_json::Value::as_array);
        for item in items.into_iter().flatten() {
            hashes.extend(subject_hash_entry(list, item.clone()));
        }
    }
    hashes
}

/// One item of [`subject_hashes`]: its key and hash, when it is an object with an id.
pub fn subject_hash_entry(list: &str, item: serde_json::Value) -> Option<(String, String)> {
    let serde_json::Value::Object(mut object) = item else {
        return None;
    };
    let key = format!("{list}/{}", object.get("id")?.as_str()?);
    object.remove("lint_allow");
    Some((
        key,
        canonical::sha256_of(&serde_json::Value::Object(object)),
    ))
}

/// The hash a `generated_from` carries for a claim or exchange: as written in
/// the bank file, or (for a bank built in memory) of its typed form.
pub fn subject_hash(bank: &Bank, list: &str, id: &str) -> Option<String> {
    if let Some(hash) = bank.subject_hashes.get(&format!("{list}/{id}")) {
        return Some(hash.clone());
    }
    let mut value = match list {
        "claims" => serde_json::to_value(bank.claim(id)?).ok()?,
        _ => serde_json::to_value(bank.exchange(id)?).ok()?,
    };
    value.as_object_mut()?.remove("lint_allow");
    Some(canonical::sha256_of(&value))
}

/// All generated questions of a bank (before authored copies replace any).
pub fn generated_questions(bank: &Bank) -> Vec<Question> {
    let mut questions = Vec::new();
    for generator in &bank.generate {
        if generator.template == Template::Evasion {
            for exchange in select(&bank.exchanges, generator.exchanges.as_ref(), |e| &e.id) {
                questions.push(evasion(bank, exchange));
            }
        } else {
            for claim in select(&bank.claims, generator.claims.as_ref(), |c| &c.id) {
                questions.push(match generator.template {
                    Template::WhoSaid => who_said(bank, claim),
                    Template::EvidenceOffered => evidence_offered(bank, claim),
                    _ => support(bank, claim),
                });
            }
        }
    }
    let mut seen = HashSet::new();
    questions.retain(|question| seen.insert(question.common.id.clone()));
    questions
}

/// The generated questions of the bank's own generators that gave way to
/// an authored question (the same id, or the same kind on the same claim or
/// exchange), each with the authored question's id.
pub fn gave_way(bank: &Bank) -> Vec<(Question, String)> {
    let mut covered = Covered::default();
    for question in &bank.questions {
        covered.add(question);
    }
    let covers = |authored: &Question, generated: &Question| {
        let mut one = Covered::default();
        one.add(authored);
        one.covers(generated)
    };
    generated_questions(bank)
        .into_iter()
        .filter(|generated| covered.covers(generated))
        .filter_map(|generated| {
            let authored = bank
                .questions
                .iter()
                .find(|authored| covers(authored, &generated))?;
            Some((generated, authored.id().to_string()))
        })
        .collect()
}

/// The generated questions a quiz asks after the authored ones: those no
/// authored question covers (see [`Covered`]). The few generated
/// questions are looked up once per authored question, so a large bank
/// costs one pass and no table of its own ids.
pub fn uncovered_generated(bank: &Bank) -> Vec<Question> {
    let generated = generated_questions(bank);
    let mut by_id: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut by_ground: foldhash::HashMap<(QuestionKind, Ground<'_>), Vec<usize>> =
        foldhash::HashMap::default();
    for (index, question) in generated.iter().enumerate() {
        by_id.insert(question.id(), index);
        let common = &question.common;
        let ground = match (common.exchanges.first(), common.claims.first()) {
            (Some(exchange), _) => Some(Ground::Exchange(exchange)),
            (None, Some(claim)) => Some(Ground::Claim(claim)),
            (None, None) => None,
        };
        if let (Some(kind), Some(ground)) = (common.kind, ground) {
            by_ground.entry((kind, ground)).or_default().push(index);
        }
    }
    let mut covered = vec![false; generated.len()];
    for authored in &bank.questions {
        if let Some(&index) = by_id.get(authored.id()) {
            covered[index] = true;
        }
        let Some(kind) = authored.common.kind else {
            continue;
        };
        let claims = authored.common.claims.iter().map(|id| Ground::Claim(id));
        let exchanges = authored
            .common
            .exchanges
            .iter()
            .map(|id| Ground::Exchange(id));
        for ground in claims.chain(exchanges) {
            for &index in by_ground.get(&(kind, ground)).into_iter().flatten() {
                covered[index] = true;
            }
        }
    }
    generated
        .into_iter()
        .zip(covered)
        .filter_map(|(question, covered)| (!covered).then_some(question))
        .collect()
}

/// A claim or an exchange a question stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ground<'a> {
    Claim(&'a str),
    Exchange(&'a str),
}

/// What the questions so far cover, looked up in sets so that expanding a
/// large bank stays linear. A question makes a generated one redundant by
/// the same id, or by the same kind of question about the same claim (or
/// exchange): a quiz then never asks the same thing twice in two wordings.
#[derive(Default)]
struct Covered<'a> {
    ids: foldhash::HashSet<&'a str>,
    claims: foldhash::HashSet<(QuestionKind, &'a str)>,
    exchanges: foldhash::HashSet<(QuestionKind, &'a str)>,
}

impl<'a> Covered<'a> {
    fn add(&mut self, question: &'a Question) {
        self.ids.insert(question.id());
        if let Some(kind) = question.common.kind {
            for claim in &question.common.claims {
                self.claims.insert((kind, claim));
            }
            for exchange in &question.common.exchanges {
                self.exchanges.insert((kind, exchange));
            }
        }
    }

    fn covers(&self, generated: &Question) -> bool {
        if self.ids.contains(generated.id()) {
            return true;
        }
        let Some(kind) = generated.common.kind else {
            return false;
        };
        match (
            generated.common.exchanges.first(),
            generated.common.claims.first(),
        ) {
            (Some(exchange), _) => self.exchanges.contains(&(kind, exchange.as_str())),
            (None, Some(claim)) => self.claims.contains(&(kind, claim.as_str())),
            (None, None) => false,
        }
    }
}

fn select<'a, T>(
    items: &'a [T],
    selection: Option<&IdSelection>,
    id: impl Fn(&T) -> &String,
) -> Vec<&'a T> {
    match selection {
        Some(IdSelection::All(_)) => items.iter().collect(),
        Some(IdSelection::Ids(ids)) => ids
            .iter()
            .filter_map(|wanted| items.iter().find(|item| id(item) == wanted))
            .collect(),
        None => Vec::new(),
    }
}

/// "Pakistan shot down five jets." → "Pakistan shot down five jets" (and a
/// leading article or pronoun lower-cased) to follow "Who said that".
fn as_clause(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches(['.', '!']);
    let first_word = trimmed.split_whitespace().next().unwrap_or("");
    let starts_in_lower_case = matches!(
        first_word,
        "The"
            | "There"
            | "It"
            | "Its"
            | "A"
            | "An"
            | "This"
            | "These"
            | "Those"
            | "His"
            | "Her"
            | "Their"
            | "Some"
            | "No"
            | "Nine"
            | "Five"
            | "International"
    ) || (first_word.chars().count() > 4
        && first_word.ends_with("ing")
        && first_word.chars().skip(1).all(char::is_lowercase));
    if starts_in_lower_case {
        lower_first(trimmed)
    } else {
        trimmed.to_string()
    }
}

/// How an actor is offered as a choice.
fn actor_choice(actor: &Actor) -> String {
    match (&actor.name, actor.kind) {
        (Some(name), _) => name.clone(),
        (None, ActorKind::Reporter) => "The report's own voice".to_string(),
        (None, _) => {
            let role = actor.role.trim();
            if role.starts_with("The ") || role.starts_with("the ") {
                capitalise(role)
            } else {
                // "Radio host" → "The radio host"; "CNN anchor" stays.
                format!("The {}", lower_first(role))
            }
        }
    }
}

/// How an actor is named inside a sentence: "the radio host", "the
/// Government of India", "the reporter".
fn mid_sentence(actor: &Actor) -> String {
    if actor.kind == ActorKind::Reporter || actor.name.is_some() {
        return actor.mention();
    }
    let text = actor_choice(actor);
    text.strip_prefix("The ")
        .map_or_else(|| text.clone(), |rest| format!("the {rest}"))
}

fn is_reporter(bank: &Bank, id: &str) -> bool {
    bank.actor(id)
        .is_some_and(|actor| actor.kind == ActorKind::Reporter)
}

/// "a", "a and b", "a, b and c".
fn list_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

fn through(bank: &Bank, claim: &Claim) -> String {
    if claim.via.is_empty() {
        String::new()
    } else {
        let chain: Vec<String> = claim.via.iter().map(|id| bank.actor_mention(id)).collect();
        format!(", as relayed by {}", chain.join(" and "))
    }
}

/// The explanation of a generated question: why the answer is right, in
/// the claim's own terms (the citation line under it adds the rest).
fn explain(bank: &Bank, claim: &Claim, template: Template) -> String {
    let speaker = bank.actor_mention(&claim.by);
    let mut text = match template {
        Template::WhoSaid if claim.attribution == Attribution::Ambiguous => {
            "The sentence does not make clear whose words these are.".to_string()
        }
        Template::WhoSaid if is_reporter(bank, &claim.by) => {
            "The report says this in its own voice.".to_string()
        }
        Template::WhoSaid => format!(
            "The report attributes this to {speaker}{}.",
            through(bank, claim)
        ),
        Template::EvidenceOffered if evidence_beyond_word(bank, claim).is_empty() => format!(
            "The report gives nothing beyond {speaker}'s own word for this, and a speaker's word is not evidence for the speaker's own claim."
        ),
        Template::EvidenceOffered => {
            format!(
                "For this, the report mentions {}.",
                claim.evidence_summary()
            )
        }
        _ => {
            let verdict = match claim.support {
                Support::Supported => "supported in the report",
                Support::Unsupported => {
                    "unsupported in the report: nothing beyond the speaker reaches it"
                }
                Support::CannotTell => "one the report gives no basis to judge either way",
                Support::NotCheckable => "not checkable",
            };
            if claim.support == Support::NotCheckable {
                format!(
                    "The claim is not checkable: {}.",
                    not_checkable_reason(claim)
                )
            } else {
                format!(
                    "The claim is {verdict}. It comes with {}.",
                    claim.evidence_summary()
                )
            }
        }
    };
    if let Some(context) = &claim.context {
        text.push(' ');
        text.push_str(context);
    }
    text
}

fn choice(id: &str, text: impl Into<String>, correct: bool, feedback: impl Into<String>) -> Choice {
    Choice {
        id: Some(id.to_string()),
        text: text.into(),
        correct,
        credit: None,
        feedback: Some(feedback.into()),
    }
}

fn common(
    template: Template,
    subject: &str,
    prompt: String,
    explanation: String,
) -> QuestionCommon {
    let (kind, tags): (QuestionKind, &[&str]) = match template {
        Template::WhoSaid => (QuestionKind::WhoSaid, &["attribution"]),
        Template::EvidenceOffered => (QuestionKind::EvidenceOffered, &["evidence"]),
        Template::Support => (QuestionKind::Support, &["evidence", "discernment"]),
        Template::Evasion => (QuestionKind::Evasion, &["evasion"]),
    };
    QuestionCommon {
        id: generated_id(template, subject),
        prompt,
        explanation: Some(explanation),
        kind: Some(kind),
        tags: tags.iter().map(|tag| (*tag).to_string()).collect(),
        ..QuestionCommon::default()
    }
}

fn who_said(bank: &Bank, claim: &Claim) -> Question {
    let speaker = bank.actor(&claim.by);
    let speaker_text = speaker.map_or_else(|| claim.by.clone(), actor_choice);
    let speaker_mid = speaker.map_or_else(|| claim.by.clone(), mid_sentence);
    let ambiguous = claim.attribution == Attribution::Ambiguous;
    let mut choices = vec![choice(
        &claim.by,
        &speaker_text,
        !ambiguous,
        if ambiguous {
            format!(
                "The words come up in what {speaker_mid} said, but the report does not make clear whose they are."
            )
        } else if is_reporter(bank, &claim.by) {
            "Right: the report says this in its own voice.".to_string()
        } else {
            format!(
                "Right: the report attributes this to {speaker_mid}{}.",
                through(bank, claim)
            )
        },
    )];
    // Distractors: who the claim answers or passes through first, then everyone else in bank order.
    let countering = claim
        .counters
        .iter()
        .filter_map(|counter| bank.claim(&counter.claim))
        .map(|other| other.by.as_str());
    let candidates = countering
        .chain(claim.via.iter().map(String::as_str))
        .chain(bank.actors.iter().map(|actor| actor.id.as_str()));
    for actor_id in candidates {
        if choices.len() >= 4 {
            break;
        }
        if choices.iter().any(|c| c.id.as_deref() == Some(actor_id)) {
            continue;
        }
        let Some(actor) = bank.actor(actor_id) else {
            continue;
        };
        let feedback = if ambiguous {
            format!(
                "The report does not make clear whose words these are, so they cannot be pinned on {}.",
                mid_sentence(actor)
            )
        } else if claim.via.iter().any(|via| via == actor_id) {
            let passer = if actor.kind == ActorKind::Reporter {
                "The reporter".to_string()
            } else {
                actor_choice(actor)
            };
            format!("{passer} passes the claim on; the claim itself is {speaker_mid}'s.")
        } else if is_reporter(bank, &claim.by) {
            format!(
                "No: the report says this in its own voice; it does not give it to {}.",
                mid_sentence(actor)
            )
        } else {
            format!(
                "No: the report attributes this to {speaker_mid}, not {}.",
                mid_sentence(actor)
            )
        };
        choices.push(choice(actor_id, actor_choice(actor), false, feedback));
    }
    choices.push(if ambiguous {
        choice(
            "not-said",
            "The report does not make clear",
            true,
            "Right: the report does not make clear whose words these are.",
        )
    } else {
        choice(
            "not-said",
            NOT_SAID,
            false,
            if is_reporter(bank, &claim.by) {
                "It does: it says this in its own voice.".to_string()
            } else {
                format!("It does: it attributes this to {speaker_mid}.")
            },
        )
    });
    let prompt = format!("Who said that {}?", as_clause(&claim.text));
    let mut question_common = common(
        Template::WhoSaid,
        &claim.id,
        prompt,
        explain(bank, claim, Template::WhoSaid),
    );
    question_common.claims = vec![claim.id.clone()];
    Question {
        common: question_common,
        body: QuestionBody::Single { choices },
    }
}

/// The key of an evidence question whose claim rests on nothing but its speaker.
pub const ONLY_OWN_WORD: &str = "Only the speaker's own word, no evidence";

/// How an evidence kind is offered as a choice: a phrase of similar length
/// for every kind, so the key never stands out by its length.
fn evidence_choice(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::None | EvidenceKind::SpeakerAssertion => ONLY_OWN_WORD,
        EvidenceKind::OfficialStatement => "A formal statement by a government",
        EvidenceKind::SocialMedia => "Images or posts shared on social media",
        EvidenceKind::Eyewitness => "An eyewitness account of what happened",
        EvidenceKind::Physical => "Physical evidence such as wreckage",
        EvidenceKind::Document => "A document or record that shows it",
        EvidenceKind::IndependentInvestigation => "The findings of an independent inquiry",
        EvidenceKind::Expert => "The judgement of an independent expert",
        EvidenceKind::OfferToVerify => "An offer to let others check it",
        EvidenceKind::AppealToThirdParty => "A pointer to others who would confirm it",
        EvidenceKind::Narration => "The reporter stating it as fact",
        EvidenceKind::BothSidesAgree => "Both sides agreeing that it happened",
    }
}

/// The evidence kinds beyond the speaker's own word (which is never
/// evidence for the speaker's own claim), in the claim's order. A formal
/// statement of a government or group about its own claim is its own word
/// too.
pub fn evidence_beyond_word(bank: &Bank, claim: &Claim) -> Vec<EvidenceKind> {
    let speaker_states_formally = bank
        .actor(&claim.by)
        .is_some_and(|actor| matches!(actor.kind, ActorKind::Government | ActorKind::Group));
    let mut kinds: Vec<EvidenceKind> = Vec::new();
    for evidence in &claim.evidence {
        let own_word = match evidence.kind {
            EvidenceKind::None | EvidenceKind::SpeakerAssertion => true,
            EvidenceKind::OfficialStatement => speaker_states_formally,
            _ => false,
        };
        if !own_word && !kinds.contains(&evidence.kind) {
            kinds.push(evidence.kind);
        }
    }
    kinds
}

/// A stable number from an id, to vary distractors from claim to claim
/// without randomness.
fn rotation(id: &str, len: usize) -> usize {
    id.bytes().fold(0usize, |sum, byte| {
        sum.wrapping_mul(31).wrapping_add(usize::from(byte))
    }) % len.max(1)
}

fn evidence_offered(bank: &Bank, claim: &Claim) -> Question {
    let speaker = bank.actor_mention(&claim.by);
    let offered = evidence_beyond_word(bank, claim);
    let only_word = offered.is_empty();
    let details: Vec<&str> = claim
        .evidence
        .iter()
        .filter_map(|evidence| evidence.detail.as_deref())
        .collect();
    let what_it_has = if only_word && details.is_empty() {
        format!("nothing beyond {speaker}'s own word")
    } else if only_word {
        format!(
            "nothing beyond {speaker}'s own word ({})",
            details.join("; ")
        )
    } else {
        list_and(
            &offered
                .iter()
                .map(|kind| kind.describe())
                .collect::<Vec<_>>(),
        )
    };
    let mut choices = Vec::new();
    if !only_word {
        // One mentioned kind is enough for a right answer; every absent kind is a wrong one.
        choices.push(choice(
            "offered",
            evidence_choice(offered[0]),
            true,
            format!("Right: the report mentions {}.", claim.evidence_summary()),
        ));
    }
    choices.push(choice(
        "own-word",
        ONLY_OWN_WORD,
        only_word,
        if only_word {
            format!(
                "Right: the report gives {what_it_has}, and a speaker's word is not evidence for the speaker's own claim."
            )
        } else {
            format!("The report mentions more than that: {what_it_has}.")
        },
    ));
    // Plausible but absent kinds, a different selection for each claim.
    let pool = [
        EvidenceKind::IndependentInvestigation,
        EvidenceKind::Document,
        EvidenceKind::Physical,
        EvidenceKind::Eyewitness,
        EvidenceKind::OfficialStatement,
        EvidenceKind::SocialMedia,
        EvidenceKind::Expert,
        EvidenceKind::OfferToVerify,
        EvidenceKind::AppealToThirdParty,
    ];
    let start = rotation(&claim.id, pool.len());
    for kind in pool.iter().cycle().skip(start).take(pool.len()) {
        if choices.len() >= 4 {
            break;
        }
        if claim.evidence.iter().any(|evidence| evidence.kind == *kind) {
            continue;
        }
        let id = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let named = kind
            .describe()
            .strip_prefix("an ")
            .or_else(|| kind.describe().strip_prefix("a "))
            .unwrap_or(kind.describe());
        choices.push(choice(
            &id,
            evidence_choice(*kind),
            false,
            format!("The report mentions no {named} for this; it has {what_it_has}."),
        ));
    }
    let prompt = format!(
        "What evidence does the report mention for the statement that {}?",
        as_clause(&claim.text)
    );
    let mut question_common = common(
        Template::EvidenceOffered,
        &claim.id,
        prompt,
        explain(bank, claim, Template::EvidenceOffered),
    );
    question_common.claims = vec![claim.id.clone()];
    Question {
        common: question_common,
        body: QuestionBody::Single { choices },
    }
}

/// Why a `not-checkable` claim cannot be settled, by the kind of statement.
fn not_checkable_reason(claim: &Claim) -> &'static str {
    match claim.statement {
        StatementKind::Warning => {
            "it is a warning about what may happen, which no report can settle now"
        }
        StatementKind::Question => {
            "it is a rhetorical question, which asserts nothing a report could check"
        }
        StatementKind::Accusation => {
            "it is a claim about motives, which no evidence in the report could settle"
        }
        StatementKind::Offer => "it is an offer, which states an intention rather than a fact",
        _ => "it is an opinion, which no evidence in a report could settle",
    }
}

/// Whether a who-said question asks who said `claim`: the bank's who-said
/// generator covers it, or an authored who-said question is about it.
fn who_said_is_asked(bank: &Bank, claim: &str) -> bool {
    let generated = bank.generate.iter().any(|generator| {
        generator.template == Template::WhoSaid
            && match &generator.claims {
                Some(IdSelection::All(_)) => true,
                Some(IdSelection::Ids(ids)) => ids.iter().any(|id| id == claim),
                None => false,
            }
    });
    generated
        || bank.questions.iter().any(|question| {
            question.common.kind == Some(QuestionKind::WhoSaid)
                && question.common.claims.first().is_some_and(|id| id == claim)
        })
}

fn support(bank: &Bank, claim: &Claim) -> Question {
    // The four verdicts of BANK-FORMAT.md, worded so that none presumes the evidence kind.
    let options = [
        (
            Support::Supported,
            "supported",
            "Supported: the report itself backs it",
        ),
        (
            Support::Unsupported,
            "unsupported",
            "Unsupported: it rests on its source's word",
        ),
        (
            Support::CannotTell,
            "cannot-tell",
            "Cannot tell from the report",
        ),
        (
            Support::NotCheckable,
            "not-checkable",
            "Not checkable: an opinion or a question",
        ),
    ];
    let why = format!("It comes with {}.", claim.evidence_summary());
    let choices = options
        .iter()
        .map(|(support, id, text)| {
            let correct = *support == claim.support;
            let shows = match claim.support {
                Support::Supported => "the report supports it",
                Support::Unsupported => "the report does not support it",
                Support::CannotTell => "the report cannot tell either way",
                Support::NotCheckable => not_checkable_reason(claim),
            };
            let feedback = if correct {
                format!("Right: {shows}. {why}")
            } else {
                format!("Not here: {shows}. {why}")
            };
            choice(id, *text, correct, feedback)
        })
        .collect();
    let prompt = if who_said_is_asked(bank, &claim.id) {
        // Naming the speaker would answer the who-said question.
        format!(
            "Take the statement that {}. What does the report itself show for it?",
            as_clause(&claim.text)
        )
    } else {
        let speaker = match bank.actor(&claim.by) {
            Some(actor) if actor.kind == ActorKind::Reporter => "The report states".to_string(),
            _ => format!("{} said", capitalise(&bank.actor_mention(&claim.by))),
        };
        format!(
            "{speaker} that {}. What does the report itself show for this?",
            as_clause(&claim.text)
        )
    };
    let mut question_common = common(
        Template::Support,
        &claim.id,
        prompt,
        explain(bank, claim, Template::Support),
    );
    question_common.claims = vec![claim.id.clone()];
    question_common.shuffle = Some(false);
    Question {
        common: question_common,
        body: QuestionBody::Single { choices },
    }
}

fn evasion(bank: &Bank, exchange: &Exchange) -> Question {
    let note = exchange.note.clone().unwrap_or_default();
    let choices = vec![
        choice(
            "answered",
            "Yes, the reply answered the question",
            !exchange.evades,
            if exchange.evades {
                format!("Look again: the reply went to another point. {note}")
            } else {
                format!("Right: the reply answered what was asked. {note}")
            },
        ),
        choice(
            "evaded",
            "No, the reply was about another point",
            exchange.evades,
            if exchange.evades {
                format!("Right: the reply did not answer what was asked. {note}")
            } else {
                format!("It did answer what was asked. {note}")
            },
        ),
        choice(
            "not-said",
            NOT_SAID,
            false,
            "The report gives the reply, so it can be compared with the question.",
        ),
    ];
    // The reply is not pinned on its speaker here: who-said items may ask that.
    let prompt = format!(
        "When {} asked {}, did the reply answer the question?",
        bank.actor_mention(&exchange.asked_by),
        exchange.asks.trim_end_matches(['.', '?'])
    );
    let mut explanation = format!(
        "{} asked {}; {}.",
        capitalise(&bank.actor_mention(&exchange.asked_by)),
        exchange.asks.trim_end_matches(['.', '?']),
        if exchange.evades {
            "the reply went to another point"
        } else {
            "the reply answered it"
        }
    );
    if let Some(note) = &exchange.note {
        explanation.push(' ');
        explanation.push_str(note);
    }
    if let Some(presupposes) = &exchange.presupposes {
        explanation.push_str(&format!(
            " The question took for granted {}.",
            presupposes.trim_end_matches('.')
        ));
    }
    let mut question_common = common(Template::Evasion, &exchange.id, prompt, explanation);
    question_common.exchanges = vec![exchange.id.clone()];
    question_common.claims.clone_from(&exchange.answer_claims);
    question_common.shuffle = Some(false);
    Question {
        common: question_common,
        body: QuestionBody::Single { choices },
    }
}

/// The `generated_from` a trainer's edited copy of `question` should carry.
pub fn provenance(bank: &Bank, question: &Question) -> Option<GeneratedFrom> {
    let id = question.id().strip_prefix("gen-")?;
    for template in [
        Template::WhoSaid,
        Template::EvidenceOffered,
        Template::Support,
        Template::Evasion,
    ] {
        if let Some(subject) = id
            .strip_prefix(template.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
        {
            return Some(if template == Template::Evasion {
                GeneratedFrom {
                    template,
                    claim: None,
                    exchange: Some(subject.to_string()),
                    hash: subject_hash(bank, "exchanges", subject)?,
                }
            } else {
                GeneratedFrom {
                    template,
                    claim: Some(subject.to_string()),
                    exchange: None,
                    hash: subject_hash(bank, "claims", subject)?,
                }
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::as_clause;

    #[test]
    fn clauses_lower_case_only_common_openings() {
        assert_eq!(as_clause("The camps were hit."), "the camps were hit");
        assert_eq!(
            as_clause("Closing the school saves money."),
            "closing the school saves money"
        );
        assert_eq!(
            as_clause("Pakistan shot down jets."),
            "Pakistan shot down jets"
        );
    }

    #[test]
    fn generated_from_hashes_the_claim_as_written() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/example-bank.json"
        ))
        .unwrap();
        let parsed = crate::bank::load::parse("example", &text).unwrap();
        // The claim as the file has it (with `direct_quote: false`), minus `lint_allow` and `x-` keys.
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut claim = crate::bank::type_errors::strip_authors_data(document["claims"][0].clone());
        claim.as_object_mut().unwrap().remove("lint_allow");
        assert_eq!(claim["direct_quote"], false);
        let expected = crate::bank::canonical::sha256_of(&claim);
        assert_eq!(
            super::subject_hash(&parsed.bank, "claims", "rolls-fell"),
            Some(expected)
        );
    }

    /// The one-pass lookup of the generated questions agrees with asking
    /// a table of everything the authored questions cover, whether they
    /// cover by id, by the same kind on a claim or an exchange, or not at all.
    #[test]
    fn uncovered_generated_agrees_with_the_covered_table() {
        use super::{Covered, Question, QuestionKind, generated_questions, uncovered_generated};
        let bundled = crate::bank::bundled::load(crate::bank::bundled::DEFAULT_BANK)
            .expect("the bundled bank")
            .bank;
        let generated = generated_questions(&bundled);
        assert!(generated.len() > 10);
        let renamed = |question: &Question| {
            let mut question = question.clone();
            question.common.id = format!("authored-{}", question.common.id);
            question
        };
        // The same id on another kind of question.
        let rekinded = |question: &Question| {
            let mut question = question.clone();
            question.common.kind = Some(QuestionKind::Support)
                .filter(|_| question.common.kind != Some(QuestionKind::Support));
            question
        };
        let authored_lists: Vec<Vec<Question>> = vec![
            bundled.questions.clone(),
            Vec::new(),
            generated.iter().step_by(2).cloned().collect(),
            generated.iter().step_by(3).map(renamed).collect(),
            generated.iter().step_by(2).map(rekinded).collect(),
            generated
                .iter()
                .map(|question| renamed(&rekinded(question)))
                .collect(),
        ];
        for authored in authored_lists {
            let mut bank = bundled.clone();
            bank.questions = authored;
            let mut covered = Covered::default();
            for question in &bank.questions {
                covered.add(question);
            }
            let expected: Vec<String> = generated_questions(&bank)
                .iter()
                .filter(|question| !covered.covers(question))
                .map(|question| question.common.id.clone())
                .collect();
            let found: Vec<String> = uncovered_generated(&bank)
                .into_iter()
                .map(|question| question.common.id)
                .collect();
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn multi_byte_first_words_do_not_panic() {
        // Regression: a curly quote before an -ing word used to slice inside a character.
        assert_eq!(
            as_clause("\u{201c}Nothing was hit\u{201d}"),
            "\u{201c}Nothing was hit\u{201d}"
        );
        assert_eq!(as_clause("Éxing happened"), "éxing happened");
    }
}
