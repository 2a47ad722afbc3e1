//! Quiz options (a preset overridden field by field), question selection and
//! the seeded [`QuizPlan`]: which questions, in which order, with choices,
//! match sides and order items in displayed order.

use super::rng::{QuizRng, RNG_TAG};
use crate::bank::{FeedbackMode, LoadedBank, Question, QuestionBody, QuestionKind};
use serde::Serialize;
use std::collections::HashSet;

/// Everything that decides how a quiz runs, after preset and flags are merged
/// (saved as is with a quiz in progress, so it can be resumed).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct QuizOptions {
    pub preset: Option<String>,
    pub title: String,
    pub count: Option<usize>,
    pub tags: Vec<String>,
    pub kinds: Vec<QuestionKind>,
    pub feedback: FeedbackMode,
    pub time_limit_s: Option<u64>,
    /// Each question's own limit in seconds (Kahoot-style), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_time_limit_s: Option<u64>,
    pub pass_mark: Option<f64>,
    pub confidence: bool,
}

/// Command-line overrides; `None` keeps the preset's value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OptionOverrides {
    pub count: Option<usize>,
    pub tags: Vec<String>,
    pub kinds: Vec<QuestionKind>,
    pub feedback: Option<FeedbackMode>,
    pub time_limit_s: Option<u64>,
    pub pass_mark: Option<f64>,
    pub confidence: Option<bool>,
}

/// Why a quiz cannot be planned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("the bank has no quiz preset `{preset}`")]
    UnknownPreset {
        preset: String,
        available: Vec<String>,
    },
    #[error(
        "the quiz asks for {wanted} questions (--count or the preset's count), but only {matching} match"
    )]
    TooFew { wanted: usize, matching: usize },
    #[error("no question matches the chosen tags and kinds")]
    NoneMatch,
    #[error("--pass-mark {0} is outside 0..1")]
    BadPassMark(f64),
}

impl QuizOptions {
    /// The bank's preset (`preset`, else its `default_quiz`, else all
    /// questions with immediate feedback) with `overrides` applied.
    pub fn resolve(
        loaded: &LoadedBank,
        preset: Option<&str>,
        overrides: &OptionOverrides,
    ) -> Result<Self, PlanError> {
        let bank = &loaded.bank;
        let preset_id = preset.or(bank.default_quiz.as_deref());
        let preset = match preset_id {
            Some(id) => Some(bank.preset(id).ok_or_else(|| PlanError::UnknownPreset {
                preset: id.to_string(),
                available: bank.quizzes.iter().map(|p| p.id.clone()).collect(),
            })?),
            None => None,
        };
        let pass_mark = overrides.pass_mark.or(preset.and_then(|p| p.pass_mark));
        if let Some(mark) = pass_mark
            && !(0.0..=1.0).contains(&mark)
        {
            return Err(PlanError::BadPassMark(mark));
        }
        Ok(QuizOptions {
            preset: preset.map(|p| p.id.clone()),
            title: preset.map_or_else(|| bank.title.clone(), |p| p.title.clone()),
            count: overrides.count.or(preset.and_then(|p| p.count)),
            tags: if overrides.tags.is_empty() {
                preset.map(|p| p.tags.clone()).unwrap_or_default()
            } else {
                overrides.tags.clone()
            },
            kinds: if overrides.kinds.is_empty() {
                preset.map(|p| p.kinds.clone()).unwrap_or_default()
            } else {
                overrides.kinds.clone()
            },
            feedback: overrides
                .feedback
                .or(preset.and_then(|p| p.feedback))
                .unwrap_or_default(),
            time_limit_s: overrides
                .time_limit_s
                .or(preset.and_then(|p| p.time_limit_s)),
            question_time_limit_s: preset.and_then(|p| p.question_time_limit_s),
            pass_mark,
            confidence: overrides
                .confidence
                .or(preset.and_then(|p| p.confidence))
                .unwrap_or(false),
        })
    }

    /// Whether a question passes the tag and kind filters.
    pub fn matches(&self, question: &Question) -> bool {
        let tag_ok = self.tags.is_empty()
            || question
                .common
                .tags
                .iter()
                .any(|tag| self.tags.contains(tag));
        let kind_ok = self.kinds.is_empty()
            || question
                .common
                .kind
                .is_some_and(|kind| self.kinds.contains(&kind));
        tag_ok && kind_ok
    }
}

/// How one question is shown: indices into the authored lists, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Display {
    /// True-false, short and numeric show no list.
    Plain,
    /// Single and multiple: authored choice indices in display order.
    Choices(Vec<usize>),
    /// Match: authored left indices in display order, and the distinct right texts in display order.
    Match {
        lefts: Vec<usize>,
        rights: Vec<String>,
    },
    /// Order: authored item indices in display order (never the right order).
    Order(Vec<usize>),
}

/// A question as it will be asked.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedQuestion {
    pub question: Question,
    pub display: Display,
}

/// The quiz a seed gives: questions and their display orders.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizPlan {
    pub bank_id: String,
    pub bank_hash: String,
    pub seed: u64,
    pub options: QuizOptions,
    pub questions: Vec<PlannedQuestion>,
}

impl QuizPlan {
    /// Draws and shuffles a quiz: questions first, then each question's lists in plan order.
    pub fn new(loaded: &LoadedBank, options: QuizOptions, seed: u64) -> Result<Self, PlanError> {
        let mut matching: Vec<&Question> = loaded
            .questions
            .iter()
            .filter(|q| options.matches(q))
            .collect();
        if matching.is_empty() {
            return Err(PlanError::NoneMatch);
        }
        if let Some(wanted) = options.count
            && wanted > matching.len()
        {
            return Err(PlanError::TooFew {
                wanted,
                matching: matching.len(),
            });
        }
        let mut rng = QuizRng::from_seed(seed);
        rng.shuffle(&mut matching);
        let questions = spread_out(matching, options.count)
            .into_iter()
            .map(|question| PlannedQuestion {
                display: display_for(question, &mut rng),
                question: question.clone(),
            })
            .collect();
        Ok(QuizPlan {
            bank_id: loaded.bank.id.clone(),
            bank_hash: loaded.hash.clone(),
            seed,
            options,
            questions,
        })
    }

    /// Total points on offer.
    pub fn max_score(&self) -> f64 {
        self.questions
            .iter()
            .map(|planned| planned.question.points())
            .sum()
    }
}

/// Takes `count` questions from the shuffled list, preferring ones that do
/// not ask the same kind of question about a claim or exchange already taken;
/// those held back come last (or are left out), so a quiz does not ask the
/// same thing twice in a row or give an answer away just before its twin.
fn spread_out(shuffled: Vec<&Question>, count: Option<usize>) -> Vec<&Question> {
    let wanted = count.unwrap_or(shuffled.len());
    let mut chosen: Vec<&Question> = Vec::with_capacity(wanted);
    let mut held = Vec::new();
    // The (kind, claim or exchange) pairs the chosen questions stand on: one
    // set lookup per reference instead of a comparison with every chosen question.
    let mut taken: HashSet<(QuestionKind, Ground<'_>)> = HashSet::new();
    for question in shuffled {
        let grounds = grounds(question);
        if chosen.len() < wanted && !grounds.iter().any(|ground| taken.contains(ground)) {
            taken.extend(grounds);
            chosen.push(question);
        } else {
            held.push(question);
        }
    }
    let missing = wanted - chosen.len();
    chosen.extend(held.into_iter().take(missing));
    chosen
}

/// A claim or an exchange a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ground<'a> {
    Claim(&'a str),
    Exchange(&'a str),
}

/// What a question of a given kind stands on: two questions of the same
/// kind that share a claim or an exchange ask the same thing.
fn grounds(question: &Question) -> Vec<(QuestionKind, Ground<'_>)> {
    let common = &question.common;
    let Some(kind) = common.kind else {
        return Vec::new();
    };
    common
        .claims
        .iter()
        .map(|claim| (kind, Ground::Claim(claim.as_str())))
        .chain(
            common
                .exchanges
                .iter()
                .map(|exchange| (kind, Ground::Exchange(exchange.as_str()))),
        )
        .collect()
}

fn display_for(question: &Question, rng: &mut QuizRng) -> Display {
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            if question.shuffles_choices() {
                Display::Choices(rng.permutation(choices.len()))
            } else {
                Display::Choices((0..choices.len()).collect())
            }
        }
        QuestionBody::Match { pairs, extra_right } => {
            let lefts = rng.permutation(pairs.len());
            let mut rights: Vec<String> = Vec::new();
            for right in pairs.iter().map(|pair| &pair.right).chain(extra_right) {
                if !rights.contains(right) {
                    rights.push(right.clone());
                }
            }
            rng.shuffle(&mut rights);
            Display::Match { lefts, rights }
        }
        QuestionBody::Order { items } => {
            let identity: Vec<usize> = (0..items.len()).collect();
            let mut order = rng.permutation(items.len());
            // Never show the answer; a reshuffle keeps this deterministic.
            while order == identity && items.len() > 1 {
                order = rng.permutation(items.len());
            }
            Display::Order(order)
        }
        QuestionBody::TrueFalse { .. }
        | QuestionBody::Short { .. }
        | QuestionBody::Numeric { .. } => Display::Plain,
    }
}

/// The letter of a display position: 0 → `a`.
pub fn letter(position: usize) -> char {
    (b'a' + position as u8) as char
}

/// `crossexam-plan/1`, as printed by `run --plan --json`.
#[derive(Debug, Serialize)]
pub struct PlanDocument<'a> {
    pub format: &'static str,
    pub bank: &'a str,
    pub bank_hash: &'a str,
    pub quiz: Option<&'a str>,
    pub seed: String,
    pub rng: &'static str,
    pub questions: Vec<serde_json::Value>,
}

impl QuizPlan {
    /// The plan in the `crossexam-plan/1` shape of BANK-FORMAT.md section 5.
    pub fn document(&self) -> PlanDocument<'_> {
        PlanDocument {
            format: "crossexam-plan/1",
            bank: &self.bank_id,
            bank_hash: &self.bank_hash,
            quiz: self.options.preset.as_deref(),
            seed: self.seed.to_string(),
            rng: RNG_TAG,
            questions: self.questions.iter().map(planned_json).collect(),
        }
    }
}

fn planned_json(planned: &PlannedQuestion) -> serde_json::Value {
    use serde_json::{Value, json};
    let question = &planned.question;
    let mut object = json!({
        "id": question.id(),
        "type": question.body.question_type().as_str(),
        "prompt": question.common.prompt,
        "points": json_number(question.points()),
    });
    let map = object.as_object_mut().expect("json! object");
    match (&question.body, &planned.display) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Display::Choices(order),
        ) => {
            let shown: Vec<Value> = order
                .iter()
                .enumerate()
                .map(|(position, &index)| {
                    let choice = &choices[index];
                    let mut entry =
                        json!({"letter": letter(position).to_string(), "text": choice.text});
                    if let Some(id) = &choice.id {
                        entry["id"] = json!(id);
                    }
                    entry
                })
                .collect();
            map.insert("choices".into(), Value::Array(shown));
        }
        (QuestionBody::Match { pairs, .. }, Display::Match { lefts, rights }) => {
            let left: Vec<Value> = lefts
                .iter()
                .enumerate()
                .map(
                    |(position, &index)| json!({"number": position + 1, "text": pairs[index].left}),
                )
                .collect();
            let right: Vec<Value> = rights
                .iter()
                .enumerate()
                .map(|(position, text)| json!({"letter": letter(position).to_string(), "text": text}))
                .collect();
            map.insert("left".into(), Value::Array(left));
            map.insert("right".into(), Value::Array(right));
        }
        (QuestionBody::Order { items }, Display::Order(order)) => {
            let shown: Vec<Value> = order
                .iter()
                .enumerate()
                .map(|(position, &index)| json!({"letter": letter(position).to_string(), "text": items[index]}))
                .collect();
            map.insert("items".into(), Value::Array(shown));
        }
        (
            QuestionBody::Numeric {
                unit: Some(unit), ..
            },
            _,
        ) => {
            map.insert("unit".into(), json!(unit));
        }
        _ => {}
    }
    object
}

/// A number as JSON: integral values without a fraction (`1`, not `1.0`).
pub fn json_number(value: f64) -> serde_json::Value {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled;
    use proptest::prelude::*;

    fn bundled_options(loaded: &LoadedBank, count: Option<usize>) -> QuizOptions {
        let overrides = OptionOverrides {
            count,
            ..OptionOverrides::default()
        };
        QuizOptions::resolve(loaded, Some("exam"), &overrides).expect("the exam preset")
    }

    fn is_permutation(order: &[usize], n: usize) -> bool {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted == (0..n).collect::<Vec<_>>()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_seed_gives_a_permutation_that_replays(seed in any::<u64>(), count in 1usize..40) {
            let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
            let options = bundled_options(&loaded, Some(count));
            let plan = QuizPlan::new(&loaded, options.clone(), seed).expect("plan");
            prop_assert_eq!(plan.questions.len(), count);
            let mut ids: Vec<&str> = plan.questions.iter().map(|p| p.question.id()).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), count, "no question twice");
            for planned in &plan.questions {
                prop_assert!(loaded.question(planned.question.id()).is_some_and(|q| *q == planned.question));
                match (&planned.question.body, &planned.display) {
                    (QuestionBody::Single { choices } | QuestionBody::Multiple { choices }, Display::Choices(order)) => {
                        prop_assert!(is_permutation(order, choices.len()));
                        if !planned.question.shuffles_choices() {
                            prop_assert!(order.windows(2).all(|w| w[0] < w[1]));
                        }
                    }
                    (QuestionBody::Order { items }, Display::Order(order)) => {
                        prop_assert!(is_permutation(order, items.len()));
                        prop_assert!(order.windows(2).any(|w| w[0] > w[1]), "never shown in the right order");
                    }
                    (QuestionBody::Match { pairs, extra_right }, Display::Match { lefts, rights }) => {
                        prop_assert!(is_permutation(lefts, pairs.len()));
                        for right in pairs.iter().map(|p| &p.right).chain(extra_right) {
                            prop_assert_eq!(rights.iter().filter(|r| *r == right).count(), 1);
                        }
                    }
                    (_, Display::Plain) => {}
                    (body, display) => prop_assert!(false, "{body:?} shown as {display:?}"),
                }
            }
            let again = QuizPlan::new(&loaded, options, seed).expect("plan");
            prop_assert_eq!(plan, again);
        }
    }

    /// The same kind of question about a shared claim or exchange (the
    /// quadratic definition `spread_out`'s set lookup must agree with).
    fn same_ground(a: &Question, b: &Question) -> bool {
        let (a, b) = (&a.common, &b.common);
        a.kind.is_some()
            && a.kind == b.kind
            && (a.claims.iter().any(|claim| b.claims.contains(claim))
                || a.exchanges
                    .iter()
                    .any(|exchange| b.exchanges.contains(exchange)))
    }

    #[test]
    fn spreading_out_agrees_with_pairwise_comparison() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let mut rng = QuizRng::from_seed(7);
        for count in [None, Some(5), Some(20)] {
            let mut shuffled: Vec<&Question> = loaded.questions.iter().collect();
            rng.shuffle(&mut shuffled);
            let wanted = count.unwrap_or(shuffled.len());
            let mut chosen: Vec<&Question> = Vec::new();
            let mut held = Vec::new();
            for question in shuffled.clone() {
                if chosen.len() < wanted && !chosen.iter().any(|taken| same_ground(taken, question))
                {
                    chosen.push(question);
                } else {
                    held.push(question);
                }
            }
            let missing = wanted - chosen.len();
            chosen.extend(held.into_iter().take(missing));
            let ids = |questions: &[&Question]| -> Vec<String> {
                questions.iter().map(|q| q.id().to_string()).collect()
            };
            assert_eq!(ids(&spread_out(shuffled, count)), ids(&chosen));
        }
    }

    #[test]
    fn a_drawn_quiz_does_not_ask_the_same_thing_twice() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        for seed in 0..50 {
            let options =
                QuizOptions::resolve(&loaded, None, &OptionOverrides::default()).expect("options");
            let plan = QuizPlan::new(&loaded, options, seed).expect("plan");
            for (index, planned) in plan.questions.iter().enumerate() {
                for earlier in &plan.questions[..index] {
                    assert!(
                        !same_ground(&earlier.question, &planned.question),
                        "seed {seed}: {} and {}",
                        earlier.question.id(),
                        planned.question.id()
                    );
                }
            }
        }
    }

    #[test]
    fn the_whole_bank_is_a_permutation() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let plan = QuizPlan::new(&loaded, bundled_options(&loaded, None), 9).expect("plan");
        let mut planned: Vec<&str> = plan.questions.iter().map(|p| p.question.id()).collect();
        let mut all: Vec<&str> = loaded.questions.iter().map(Question::id).collect();
        assert_ne!(planned, all, "shuffled");
        planned.sort_unstable();
        all.sort_unstable();
        assert_eq!(planned, all);
    }

    #[test]
    fn flags_override_the_preset_field_by_field() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let overrides = OptionOverrides {
            pass_mark: Some(0.5),
            confidence: Some(false),
            ..OptionOverrides::default()
        };
        let options = QuizOptions::resolve(&loaded, Some("exam"), &overrides).expect("options");
        assert_eq!(options.pass_mark, Some(0.5));
        assert!(!options.confidence);
        assert_eq!(options.feedback, FeedbackMode::End, "kept from the preset");
        assert!(matches!(
            QuizOptions::resolve(&loaded, Some("nope"), &OptionOverrides::default()),
            Err(PlanError::UnknownPreset { .. })
        ));
        let too_many = OptionOverrides {
            count: Some(10_000),
            ..OptionOverrides::default()
        };
        let options = QuizOptions::resolve(&loaded, None, &too_many).expect("options");
        assert!(matches!(
            QuizPlan::new(&loaded, options, 1),
            Err(PlanError::TooFew { wanted: 10_000, .. })
        ));
    }
}
