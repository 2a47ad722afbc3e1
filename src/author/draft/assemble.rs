//! Assembly: the proposals of every sentence become the bank's claims
//! (with evidence and support guessed), questions become exchanges with the
//! answers that follow them, and every guess gets its `x-review` note.

use super::DraftOptions;
use super::cast::Cast;
use super::clauses::{Analysis, Proposal, Question};
use super::lexicon::{Ids, slugify};
use crate::bank::REVIEW_NOTE_KEY;
use crate::bank::model::AllMarker;
use crate::bank::{
    ActorKind, BANK_FORMAT, Bank, Claim, Evidence, EvidenceKind, Exchange, Generator, IdSelection,
    Source, SourceKind, StatementKind, Support, Template,
};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// How far after a question its answer is looked for, in sentences.
const ANSWER_WINDOW: usize = 3;

pub fn assemble(
    report: &str,
    options: &DraftOptions<'_>,
    mut cast: Cast,
    analyses: &[Analysis],
) -> Value {
    let reporter = cast.reporter();
    let mut claim_ids = Ids::default();
    let mut claims: Vec<(Claim, Vec<String>)> = Vec::new();
    // Per sentence: (claim id, speaker) of each proposal.
    let mut made: Vec<Vec<(String, usize)>> = Vec::with_capacity(analyses.len());
    for analysis in analyses {
        let mut ids = Vec::new();
        for proposal in &analysis.proposals {
            let basis = proposal.wording.first().unwrap_or(&proposal.text);
            let id = claim_ids.unique(&slugify(basis, 4));
            claims.push(claim(&id, proposal, &cast, reporter));
            ids.push((id, proposal.by));
        }
        made.push(ids);
    }
    let mut exchanges: Vec<(Exchange, Vec<String>)> = Vec::new();
    let mut exchange_ids = Ids::default();
    for (index, analysis) in analyses.iter().enumerate() {
        for question in &analysis.questions {
            let Some((answered_by, answer_claims)) =
                answer_to(question, index, analyses, &made, &cast)
            else {
                continue;
            };
            let not_answered = analyses[index..]
                .iter()
                .take(ANSWER_WINDOW)
                .any(|later| later.not_answered);
            let id = exchange_ids.unique(&format!("ex-{}", slugify(&question.asks, 3)));
            let mut review = Vec::new();
            if not_answered {
                review.push("the report says the question was not answered: check `evades` and add a note saying why".to_string());
            } else {
                review.push(
                    "did the reply answer what was asked? set `evades` and add a note saying why"
                        .to_string(),
                );
            }
            if answer_claims.is_empty() {
                review.push(format!(
                    "no answer found: check that {} was the one asked",
                    cast.mention(answered_by)
                ));
            }
            review.push(
                "what does the question take for granted? add `presupposes` if anything"
                    .to_string(),
            );
            exchanges.push((
                Exchange {
                    id,
                    asked_by: cast.actor(question.by).id.clone(),
                    answered_by: cast.actor(answered_by).id.clone(),
                    asks: question.asks.clone(),
                    presupposes: None,
                    answer_claims,
                    evades: not_answered,
                    note: not_answered
                        .then(|| "The report says the question was not answered.".to_string()),
                    lint_allow: Vec::new(),
                },
                review,
            ));
        }
    }
    let all = || IdSelection::All(AllMarker::All);
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
        reading: Vec::new(),
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
        subject_hashes: BTreeMap::new(),
    };
    let mut document = serde_json::to_value(&bank).unwrap_or_default();
    if let Some(object) = document.as_object_mut() {
        object.insert(
            REVIEW_NOTE_KEY.into(),
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
    if let Some(source) = document.get_mut("source").and_then(Value::as_object_mut) {
        source.insert(REVIEW_NOTE_KEY.into(), Value::String(source_review));
    }
    let notes = |list: &str, index: usize, notes: &[String], document: &mut Value| {
        if let Some(object) = document
            .get_mut(list)
            .and_then(|items| items.get_mut(index))
            .and_then(Value::as_object_mut)
            && !notes.is_empty()
        {
            object.insert(REVIEW_NOTE_KEY.into(), Value::String(notes.join("; ")));
        }
    };
    for (index, draft) in cast.actors.iter().enumerate() {
        notes("actors", index, &draft.review, &mut document);
    }
    for (index, (_, review)) in claims.iter().enumerate() {
        notes("claims", index, review, &mut document);
    }
    for (index, (_, review)) in exchanges.iter().enumerate() {
        notes("exchanges", index, review, &mut document);
    }
    document
}

/// Who answered a question and with which claims: the first other speaker
/// in the same sentence ("When asked Q, she said P") or in the sentences
/// after it, up to the next question; else the person it was put to.
fn answer_to(
    question: &Question,
    index: usize,
    analyses: &[Analysis],
    made: &[Vec<(String, usize)>],
    cast: &Cast,
) -> Option<(usize, Vec<String>)> {
    let answers =
        |(id, by): &(String, usize)| *by != question.by && !cast.is_reporter(*by) && !id.is_empty();
    let first = if question.answered_here {
        index
    } else {
        index + 1
    };
    let mut answered_by = None;
    let mut claims = Vec::new();
    for (offset, sentence) in made.iter().enumerate().skip(first).take(ANSWER_WINDOW) {
        if offset > index && !analyses[offset].questions.is_empty() {
            break;
        }
        for made in sentence.iter().filter(|made| answers(made)) {
            let by = *answered_by.get_or_insert(made.1);
            if made.1 == by {
                claims.push(made.0.clone());
            }
        }
        if answered_by.is_some() && question.answered_here {
            break;
        }
    }
    match answered_by {
        Some(by) => Some((by, claims)),
        None => question
            .to
            .filter(|&to| to != question.by)
            .map(|to| (to, Vec::new())),
    }
}

fn claim(id: &str, proposal: &Proposal, cast: &Cast, reporter: usize) -> (Claim, Vec<String>) {
    let (evidence, support) = guess_evidence(proposal, cast, reporter);
    let mut review = proposal.review.clone();
    review.push(match support {
        Support::Supported => "support and evidence guessed from the reporter's narration or a document the reporter saw: does the report show it?".to_string(),
        Support::NotCheckable => "support guessed: opinions, warnings and questions are not checkable".to_string(),
        _ => "support and evidence guessed as only the speaker's word: add any evidence the report gives".to_string(),
    });
    review.push("text copies the report: rewrite it as a neutral paraphrase".to_string());
    (
        Claim {
            id: id.to_string(),
            by: cast.actor(proposal.by).id.clone(),
            via: proposal
                .via
                .iter()
                .map(|&via| cast.actor(via).id.clone())
                .collect(),
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
    )
}

fn guess_evidence(proposal: &Proposal, cast: &Cast, reporter: usize) -> (Vec<Evidence>, Support) {
    if let Some(document) = &proposal.document {
        let detail = Some(document.clone());
        return (
            vec![Evidence {
                kind: EvidenceKind::Document,
                detail,
            }],
            Support::Supported,
        );
    }
    let evidence = |kind| vec![Evidence { kind, detail: None }];
    if proposal.by == reporter {
        let support = if proposal.statement == StatementKind::Opinion {
            Support::NotCheckable
        } else {
            Support::Supported
        };
        return (evidence(EvidenceKind::Narration), support);
    }
    let kind = match cast.kind(proposal.by) {
        ActorKind::Government | ActorKind::Group | ActorKind::Outlet => {
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
