//! Media-literacy mastery of a class: accuracy per question kind and per
//! claim, the most common misattributions on who-said items, and
//! discernment (claims the report supports or leaves open against claims it
//! does not support), for the class and in short for each learner. Needs the
//! bank to know each question's kind, claims and speakers.

use super::{Attempt, Group};
use crate::bank::{Actor, LoadedBank, QuestionKind};
use crate::quiz::grade::{Verdict, is_right};
pub use crate::report::summary::Discernment;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How a group of questions went.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// A kind name or a claim id.
    pub key: String,
    /// The claim's text, for claims.
    pub text: Option<String>,
    /// Responses counted.
    pub asked: usize,
    /// Responses with full credit.
    pub right: usize,
    /// Marks earned as a percentage of marks on offer (partial credit counts).
    pub percent: f64,
    #[serde(skip)]
    earned: f64,
    #[serde(skip)]
    possible: f64,
}

impl Accuracy {
    fn add(&mut self, points: f64, max_points: f64, credit: f64) {
        self.asked += 1;
        self.right += usize::from(is_right(credit));
        self.earned += points;
        self.possible += max_points;
        self.percent = if self.possible > 0.0 {
            100.0 * self.earned / self.possible
        } else {
            0.0
        };
    }
}

/// A wrong speaker picked on a who-said item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Misattribution {
    pub question: String,
    pub claim: String,
    pub claim_text: String,
    /// Who made the claim, in the bank's words.
    pub speaker: String,
    /// Whom the learners named instead.
    pub named_instead: String,
    pub chosen: usize,
    pub asked: usize,
    pub percent: f64,
}

/// The class's mastery.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mastery {
    pub by_kind: Vec<Accuracy>,
    pub by_claim: Vec<Accuracy>,
    /// Most common first.
    pub misattributions: Vec<Misattribution>,
    pub discernment: Discernment,
}

/// One learner in short.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerLine {
    pub learner: String,
    pub percent: f64,
    /// The kind with the lowest accuracy (ties: the first in kind order),
    /// among kinds not all right.
    pub weakest_kind: Option<Accuracy>,
    pub discernment: Option<Discernment>,
}

/// An actor as a sentence names them: their name with their role, or the
/// role ("the report's own narrating voice", not "The report's …").
pub fn actor_label(actor: &Actor) -> String {
    match &actor.name {
        Some(name) if *name != actor.role => format!("{name} ({})", actor.role),
        _ => match actor.role.strip_prefix("The ") {
            Some(rest) => format!("the {rest}"),
            None => actor.role.clone(),
        },
    }
}

/// What the bank says of an item, looked up once.
struct Known<'b> {
    kind: Option<QuestionKind>,
    /// The question's claims, with their place in the bank's claims.
    claims: Vec<(usize, &'b crate::bank::Claim)>,
}

/// The class's mastery (needs the bank) and each complete attempt's line.
pub fn mastery(
    group: &Group,
    complete: &[&Attempt],
    bank: Option<&LoadedBank>,
) -> (Option<Mastery>, Vec<LearnerLine>) {
    let Some(loaded) = bank else {
        let lines = complete
            .iter()
            .map(|attempt| LearnerLine {
                learner: group.learners[attempt.learner as usize].clone(),
                percent: attempt.percent,
                weakest_kind: None,
                discernment: None,
            })
            .enumerate()
            .collect();
        return (None, in_learner_order(lines));
    };
    let known: Vec<Option<Known>> = group
        .items
        .iter()
        .map(|item| {
            let question = loaded.question(&item.id)?;
            Some(Known {
                kind: question.common.kind,
                claims: question
                    .common
                    .claims
                    .iter()
                    .filter_map(|id| {
                        let at = loaded
                            .bank
                            .claims
                            .iter()
                            .position(|claim| claim.id == *id)?;
                        Some((at, &loaded.bank.claims[at]))
                    })
                    .collect(),
            })
        })
        .collect();
    let mut by_kind: BTreeMap<QuestionKind, Accuracy> = BTreeMap::new();
    // By the claim's place in the bank.
    let mut by_claim: Vec<Option<Accuracy>> = vec![None; loaded.bank.claims.len()];
    let mut discernment = Discernment::default();
    // (item, picked choice) → count, and attempts asked each who-said item.
    let mut wrong_speakers: HashMap<(usize, u32), usize> = HashMap::new();
    let mut who_said_asked: HashMap<usize, usize> = HashMap::new();
    let mut lines = Vec::with_capacity(complete.len());
    for attempt in complete {
        let mut own_kinds: BTreeMap<QuestionKind, Accuracy> = BTreeMap::new();
        let mut own_discernment = Discernment::default();
        for (item_index, response) in group.cells(attempt) {
            let item = &group.items[item_index as usize];
            let Some(Some(known)) = known.get(item_index as usize) else {
                continue;
            };
            let response = &item.responses[response as usize];
            let add = |accuracy: &mut Accuracy| {
                accuracy.add(response.points, item.max_points, response.credit);
            };
            if let Some(kind) = known.kind {
                add(by_kind.entry(kind).or_insert_with(|| Accuracy {
                    key: kind.as_str().to_string(),
                    ..Accuracy::default()
                }));
                // Named only if it turns out the learner's weakest.
                add(own_kinds.entry(kind).or_default());
            }
            for &(at, claim) in &known.claims {
                add(by_claim[at].get_or_insert_with(|| Accuracy {
                    key: claim.id.clone(),
                    text: Some(claim.text.clone()),
                    ..Accuracy::default()
                }));
            }
            let first_claim = known.claims.first().map(|&(_, claim)| claim);
            match (known.kind, first_claim) {
                (Some(QuestionKind::Support), Some(claim)) => {
                    let verdict = Verdict::of(response.credit, response.skipped);
                    discernment.add(claim.support, verdict);
                    own_discernment.add(claim.support, verdict);
                }
                (Some(QuestionKind::WhoSaid), Some(claim)) => {
                    *who_said_asked.entry(item_index as usize).or_default() += 1;
                    for &picked in &response.selected {
                        let name = &item.choices[picked as usize];
                        if *name != claim.by && loaded.bank.actor(name).is_some() {
                            *wrong_speakers
                                .entry((item_index as usize, picked))
                                .or_default() += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        lines.push((
            lines.len(),
            LearnerLine {
                learner: group.learners[attempt.learner as usize].clone(),
                percent: attempt.percent,
                weakest_kind: own_kinds
                    .into_iter()
                    .filter(|(_, accuracy)| accuracy.right < accuracy.asked)
                    .min_by(|a, b| a.1.percent.total_cmp(&b.1.percent))
                    .map(|(kind, accuracy)| Accuracy {
                        key: kind.as_str().to_string(),
                        ..accuracy
                    }),
                discernment: (!own_discernment.is_empty()).then_some(own_discernment),
            },
        ));
    }
    let mut misattributions: Vec<Misattribution> = wrong_speakers
        .into_iter()
        .filter_map(|((item_index, picked), chosen)| {
            let item = &group.items[item_index];
            let (_, claim) = *known[item_index].as_ref()?.claims.first()?;
            let asked = who_said_asked[&item_index];
            Some(Misattribution {
                question: item.id.clone(),
                claim: claim.id.clone(),
                claim_text: claim.text.clone(),
                speaker: loaded
                    .bank
                    .actor(&claim.by)
                    .map_or_else(|| claim.by.clone(), actor_label),
                named_instead: actor_label(loaded.bank.actor(&item.choices[picked as usize])?),
                chosen,
                asked,
                percent: 100.0 * chosen as f64 / asked as f64,
            })
        })
        .collect();
    misattributions.sort_by(|a, b| {
        b.percent
            .total_cmp(&a.percent)
            .then_with(|| (&a.question, &a.named_instead).cmp(&(&b.question, &b.named_instead)))
    });
    // Claims in the bank's order.
    let mut by_claim: Vec<Accuracy> = by_claim.into_iter().flatten().collect();
    by_claim.retain(|accuracy| accuracy.asked > 0);
    (
        Some(Mastery {
            by_kind: by_kind.into_values().collect(),
            by_claim,
            misattributions,
            discernment,
        }),
        in_learner_order(lines),
    )
}

/// The lines, numbered in the attempts' order, sorted by learner (a
/// learner's attempts in their order), without a scratch copy of them.
fn in_learner_order(mut lines: Vec<(usize, LearnerLine)>) -> Vec<LearnerLine> {
    lines.sort_unstable_by(|a, b| (&a.1.learner, a.0).cmp(&(&b.1.learner, b.0)));
    lines.into_iter().map(|(_, line)| line).collect()
}
