//! Question generators: `who-said`, `evidence-offered`, `support` and
//! `evasion` build single-choice questions from the claims table and the
//! exchanges. Deterministic (no randomness): the same bank always gives the
//! same questions, ids and distractors.

use super::canonical;
use super::model::{
    Actor, ActorKind, Attribution, Bank, Choice, Claim, EvidenceKind, Exchange, GeneratedFrom,
    IdSelection, Question, QuestionBody, QuestionCommon, QuestionKind, Support, Template,
};
use super::text::capitalise;
use std::collections::HashSet;

/// The text of the "report does not say" option.
pub const NOT_SAID: &str = "The report does not say";

/// The id a generated question gets.
pub fn generated_id(template: Template, subject: &str) -> String {
    format!("gen-{}-{subject}", template.as_str())
}

/// The hash of each claim and exchange object as written (`x-` keys and
/// nulls already removed from `document`), without `lint_allow`: RFC 8785
/// canonical JSON, `sha256:<hex>`, keyed `claims/<id>` and `exchanges/<id>`.
pub fn subject_hashes(document: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    let mut hashes = std::collections::BTreeMap::new();
    for list in ["claims", "exchanges"] {
        let items = document.get(list).and_then(serde_json::Value::as_array);
        for item in items.into_iter().flatten() {
            let (Some(object), Some(id)) = (
                item.as_object(),
                item.get("id").and_then(serde_json::Value::as_str),
            ) else {
                continue;
            };
            let mut object = object.clone();
            object.remove("lint_allow");
            hashes.insert(
                format!("{list}/{id}"),
                canonical::sha256_of(&serde_json::Value::Object(object)),
            );
        }
    }
    hashes
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

/// Authored questions followed by the generated ones no authored question covers.
pub fn expand(bank: &Bank) -> Vec<Question> {
    let mut questions = bank.questions.clone();
    questions.extend(uncovered_generated(bank));
    questions
}

/// The generated questions [`expand`] adds after the authored ones.
pub fn uncovered_generated(bank: &Bank) -> Vec<Question> {
    let mut covered = Covered::default();
    for question in &bank.questions {
        covered.add(question);
    }
    let mut added = Vec::new();
    for generated in generated_questions(bank) {
        // Only authored questions cover a generated one (generated ids are unique).
        if !covered.covers(&generated) {
            added.push(generated);
        }
    }
    added
}

/// What the questions so far cover, looked up in sets so that expanding a
/// large bank stays linear. A question makes a generated one redundant by
/// the same id, or by the same kind of question about the same claim (or
/// exchange): a quiz then never asks the same thing twice in two wordings.
#[derive(Default)]
struct Covered {
    ids: HashSet<String>,
    claims: HashSet<(QuestionKind, String)>,
    exchanges: HashSet<(QuestionKind, String)>,
}

impl Covered {
    fn add(&mut self, question: &Question) {
        self.ids.insert(question.id().to_string());
        if let Some(kind) = question.common.kind {
            for claim in &question.common.claims {
                self.claims.insert((kind, claim.clone()));
            }
            for exchange in &question.common.exchanges {
                self.exchanges.insert((kind, exchange.clone()));
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
            (Some(exchange), _) => self.exchanges.contains(&(kind, exchange.clone())),
            (None, Some(claim)) => self.claims.contains(&(kind, claim.clone())),
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
    let lower_first = matches!(
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
    if lower_first {
        let mut chars = trimmed.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_lowercase().chain(chars).collect()
        })
    } else {
        trimmed.to_string()
    }
}

/// How an actor is offered as a choice.
fn actor_choice(actor: &Actor) -> String {
    match (&actor.name, actor.kind) {
        (Some(name), _) => name.clone(),
        (None, ActorKind::Reporter) => "The reporter, in the report's own voice".to_string(),
        (None, _) => {
            let role = actor.role.trim();
            if role.starts_with("The ") || role.starts_with("the ") {
                capitalise(role)
            } else {
                // "Radio host" → "The radio host"; "CNN anchor" stays.
                let mut chars = role.chars();
                match (chars.next(), chars.next()) {
                    (Some(first), Some(second)) if second.is_lowercase() => {
                        format!("The {}{}", first.to_lowercase(), &role[first.len_utf8()..])
                    }
                    _ => format!("The {role}"),
                }
            }
        }
    }
}

fn through(bank: &Bank, claim: &Claim) -> String {
    if claim.via.is_empty() {
        String::new()
    } else {
        let chain: Vec<String> = claim.via.iter().map(|id| bank.actor_mention(id)).collect();
        format!(", through {}", chain.join(" and "))
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
        Template::WhoSaid => format!(
            "The report attributes this to {speaker}{}.",
            through(bank, claim)
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
                Support::NotCheckable => {
                    "not checkable: an opinion, a claim about motives or a question"
                }
            };
            format!(
                "The claim is {verdict}. It comes with {}.",
                claim.evidence_summary()
            )
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
        claims: Vec::new(),
        exchanges: Vec::new(),
        explanation: Some(explanation),
        kind: Some(kind),
        tags: tags.iter().map(|tag| (*tag).to_string()).collect(),
        difficulty: None,
        points: None,
        shuffle: None,
        generated_from: None,
        lint_allow: Vec::new(),
    }
}

fn who_said(bank: &Bank, claim: &Claim) -> Question {
    let speaker = bank.actor(&claim.by);
    let speaker_text = speaker.map_or_else(|| claim.by.clone(), actor_choice);
    // Inside a sentence: "the CNN anchor", not "The CNN anchor".
    let mid_sentence = |text: &str| {
        text.strip_prefix("The ")
            .map_or_else(|| text.to_string(), |rest| format!("the {rest}"))
    };
    let speaker_mid = mid_sentence(&speaker_text);
    let ambiguous = claim.attribution == Attribution::Ambiguous;
    let mut choices = vec![choice(
        &claim.by,
        &speaker_text,
        !ambiguous,
        if ambiguous {
            format!(
                "The words sit near {speaker_mid}'s answer, but the report does not make clear whose they are."
            )
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
                mid_sentence(&actor_choice(actor))
            )
        } else if claim.via.iter().any(|via| via == actor_id) {
            let passer = if actor.kind == ActorKind::Reporter {
                "The reporter".to_string()
            } else {
                actor_choice(actor)
            };
            format!("{passer} passes the claim on; the claim itself is {speaker_mid}'s.")
        } else {
            let other = if actor.kind == ActorKind::Reporter {
                "the reporter".to_string()
            } else {
                mid_sentence(&actor_choice(actor))
            };
            format!("No: the report attributes this to {speaker_mid}, not {other}.")
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
            format!("It does: it attributes this to {speaker_mid}."),
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

fn evidence_offered(bank: &Bank, claim: &Claim) -> Question {
    let speaker = bank.actor_mention(&claim.by);
    let offered: Vec<EvidenceKind> = claim
        .evidence
        .iter()
        .map(|evidence| evidence.kind)
        .collect();
    let mut choices = Vec::new();
    let nothing_offered = offered.is_empty() || offered == [EvidenceKind::None];
    if !nothing_offered {
        let described: Vec<&str> = offered.iter().map(|kind| kind.describe()).collect();
        choices.push(choice(
            "offered",
            capitalise(&described.join(" and ")),
            true,
            format!("Right: the report mentions {}.", claim.evidence_summary()),
        ));
    }
    // Plausible but absent kinds, strongest first.
    let distractors = [
        EvidenceKind::IndependentInvestigation,
        EvidenceKind::Document,
        EvidenceKind::Physical,
        EvidenceKind::Eyewitness,
        EvidenceKind::OfficialStatement,
        EvidenceKind::SocialMedia,
        EvidenceKind::Expert,
    ];
    for kind in distractors {
        if choices.len() >= 3 {
            break;
        }
        if offered.contains(&kind) {
            continue;
        }
        let id = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        choices.push(choice(
            &id,
            capitalise(kind.describe()),
            false,
            format!(
                "The report mentions no {} for this; it mentions {}.",
                kind.describe()
                    .strip_prefix("an ")
                    .or_else(|| kind.describe().strip_prefix("a "))
                    .unwrap_or(kind.describe()),
                claim.evidence_summary()
            ),
        ));
    }
    choices.push(choice(
        "not-said",
        "No evidence is mentioned",
        nothing_offered,
        if nothing_offered {
            "Right: the report mentions no evidence for it.".to_string()
        } else {
            format!("The report does mention {}.", claim.evidence_summary())
        },
    ));
    let prompt = format!(
        "What evidence does the report mention for {speaker}'s statement that {}?",
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
                Support::NotCheckable => {
                    "it is an opinion, a claim about motives or a rhetorical question, which no evidence in a report could settle"
                }
            };
            let feedback = if correct {
                format!("Right: {shows}. {why}")
            } else {
                format!("Not here: {shows}. {why}")
            };
            choice(id, *text, correct, feedback)
        })
        .collect();
    let speaker = match bank.actor(&claim.by) {
        Some(actor) if actor.kind == ActorKind::Reporter => "The report states".to_string(),
        _ => format!("{} said", capitalise(&bank.actor_mention(&claim.by))),
    };
    let prompt = format!(
        "{speaker} that {}. What does the report itself show for this?",
        as_clause(&claim.text)
    );
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
    let answerer = bank.actor_mention(&exchange.answered_by);
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
    let prompt = format!(
        "When asked {}, did {answerer} answer the question?",
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
        let mut claim = parsed.document["claims"][0].clone();
        claim.as_object_mut().unwrap().remove("lint_allow");
        assert_eq!(claim["direct_quote"], false);
        let expected = crate::bank::canonical::sha256_of(&claim);
        assert_eq!(
            super::subject_hash(&parsed.bank, "claims", "rolls-fell"),
            Some(expected)
        );
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
