//! Quiz options (a preset overridden field by field), question selection and
//! the seeded [`QuizPlan`]: which questions, in which order, with choices,
//! match sides and order items in displayed order.

use super::rng::{QuizRng, RNG_TAG};
use crate::bank::{
    Bank, FeedbackMode, LoadedBank, Question, QuestionBody, QuestionKind, Support, giveaway,
};
use crate::wording::letter;
use serde::Serialize;
use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

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
    /// At least this many `support` questions of each half (see [`support_half`]).
    #[serde(default)]
    pub support_balance: Option<usize>,
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
            support_balance: preset.and_then(|p| p.support_balance),
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
pub enum Arrangement {
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

/// A question as it will be asked: its own copy (`Q` = [`Question`], what
/// a quiz keeps) or, for a plan that is only printed, the bank's (`&Question`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedQuestion<Q = Question> {
    pub question: Q,
    pub arrangement: Arrangement,
}

/// The quiz a seed gives: questions and their display orders.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizPlan<Q = Question> {
    pub bank_id: String,
    pub bank_hash: String,
    pub seed: u64,
    pub options: QuizOptions,
    pub questions: Vec<PlannedQuestion<Q>>,
}

impl<'a> QuizPlan<&'a Question> {
    /// Draws and shuffles a quiz: questions first, then each question's
    /// lists in plan order. The plan borrows its questions from the bank
    /// (see [`QuizPlan::new`] for one that keeps its own).
    pub fn drawn(
        loaded: &'a LoadedBank,
        options: QuizOptions,
        seed: u64,
    ) -> Result<Self, PlanError> {
        let mut matching: Vec<&Question> = loaded
            .questions()
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
        let wanted = options.count.unwrap_or(matching.len());
        let immediate = options.feedback == FeedbackMode::Immediate;
        let preferred = balance_support(&loaded.bank, matching, options.support_balance);
        let questions = choose(&loaded.bank, &preferred, wanted, immediate)
            .into_iter()
            .map(|question| PlannedQuestion {
                arrangement: arrange(question, &mut rng),
                question,
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

    /// The same plan with its own copy of each question.
    pub fn into_owned(self) -> QuizPlan {
        QuizPlan {
            bank_id: self.bank_id,
            bank_hash: self.bank_hash,
            seed: self.seed,
            options: self.options,
            questions: self
                .questions
                .into_iter()
                .map(|planned| PlannedQuestion {
                    question: planned.question.clone(),
                    arrangement: planned.arrangement,
                })
                .collect(),
        }
    }
}

impl QuizPlan {
    /// [`QuizPlan::drawn`], keeping a copy of each question (a quiz in
    /// progress outlives the bank it was drawn from).
    pub fn new(loaded: &LoadedBank, options: QuizOptions, seed: u64) -> Result<Self, PlanError> {
        QuizPlan::drawn(loaded, options, seed).map(QuizPlan::into_owned)
    }

    /// Total points on offer.
    pub fn max_score(&self) -> f64 {
        self.questions
            .iter()
            .map(|planned| planned.question.points())
            .sum()
    }
}

/// The draw for quizzes too long to order by give-aways (over
/// [`GIVEAWAY_ORDER_LIMIT`] questions), in linear time: takes `count` questions from the shuffled list, preferring ones that do
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

/// What a `support` question's key tells apart: the report backs its claims
/// or leaves them open (`true`), or it does not support them (`false`);
/// `None` for other questions, not-checkable claims and mixed ones.
pub fn support_half(bank: &Bank, question: &Question) -> Option<bool> {
    if question.common.kind != Some(QuestionKind::Support) {
        return None;
    }
    let mut halves = question.common.claims.iter().map(|id| {
        bank.claim(id).and_then(|claim| match claim.support {
            Support::Supported | Support::CannotTell => Some(true),
            Support::Unsupported => Some(false),
            Support::NotCheckable => None,
        })
    });
    let first = halves.next()??;
    // A question over claims of both halves has no single key.
    halves.all(|half| half == Some(first)).then_some(first)
}

/// The shuffled questions with, when a preset asks for a support balance
/// of `n`, the first `n` support questions of each half moved to the front
/// (in shuffled order), so the draw takes them first.
fn balance_support<'a>(
    bank: &Bank,
    shuffled: Vec<&'a Question>,
    balance: Option<usize>,
) -> Vec<&'a Question> {
    let Some(n) = balance else {
        return shuffled;
    };
    let mut taken = [0usize; 2];
    let (first, rest): (Vec<&Question>, Vec<&Question>) =
        shuffled.into_iter().partition(|question| {
            support_half(bank, question).is_some_and(|half| {
                let slot = &mut taken[usize::from(half)];
                *slot += 1;
                *slot <= n
            })
        });
    first.into_iter().chain(rest).collect()
}

/// Which questions give away which: `reveals(a, b)` when question `a`,
/// asked before `b`, shows `b`'s key (each pair worked out once, when first
/// needed).
struct Giveaways<'a> {
    bank: &'a Bank,
    questions: &'a [&'a Question],
    immediate: bool,
    /// The pairs worked out so far (a map, not a table of every pair, so
    /// a long draw does not allocate the square of its length).
    known: std::cell::RefCell<HashMap<(usize, usize), bool>>,
}

impl<'a> Giveaways<'a> {
    fn new(bank: &'a Bank, questions: &'a [&'a Question], immediate: bool) -> Self {
        Giveaways {
            bank,
            questions,
            immediate,
            known: std::cell::RefCell::default(),
        }
    }

    fn reveals(&self, earlier: usize, later: usize) -> bool {
        *self
            .known
            .borrow_mut()
            .entry((earlier, later))
            .or_insert_with(|| {
                giveaway::reveals(
                    self.bank,
                    self.questions[earlier],
                    self.questions[later],
                    self.immediate,
                )
            })
    }

    /// The give-aways inserting question `new` at `position` of `order` would make.
    fn conflicts(&self, order: &[usize], new: usize, position: usize) -> usize {
        let before = order[..position]
            .iter()
            .filter(|&&earlier| self.reveals(earlier, new))
            .count();
        let after = order[position..]
            .iter()
            .filter(|&&later| self.reveals(new, later))
            .count();
        before + after
    }

    /// The latest position where `new` gives nothing away and nothing
    /// gives it away.
    fn latest_clean_position(&self, order: &[usize], new: usize) -> Option<usize> {
        (0..=order.len())
            .rev()
            .find(|&position| self.conflicts(order, new, position) == 0)
    }

    /// The latest clean position, else the one that gives least away.
    fn best_position(&self, order: &[usize], new: usize) -> usize {
        self.latest_clean_position(order, new)
            .unwrap_or_else(|| self.least_revealing_position(order, new))
    }

    fn least_revealing_position(&self, order: &[usize], new: usize) -> usize {
        (0..=order.len())
            .min_by_key(|&position| (self.conflicts(order, new, position), order.len() - position))
            .unwrap_or(order.len())
    }
}

/// The same kind of question about a shared claim or exchange (the
/// pairwise definition that `spread_out`'s set lookup agrees with).
fn same_ground(a: &Question, b: &Question) -> bool {
    let (a, b) = (&a.common, &b.common);
    a.kind.is_some()
        && a.kind == b.kind
        && (a.claims.iter().any(|claim| b.claims.contains(claim))
            || a.exchanges
                .iter()
                .any(|exchange| b.exchanges.contains(exchange)))
}

/// The longest quiz whose order is chosen so that no question gives a
/// later one's key away; the search grows with the cube of the length, so
/// longer draws (whole large banks, never a class quiz) are spread out in
/// linear time instead.
pub const GIVEAWAY_ORDER_LIMIT: usize = 400;

/// Takes `wanted` questions in preference (shuffled) order, keeping that
/// order unless a question would give away a key: such a question goes to
/// the latest position where no earlier question gives its key away and it
/// gives away no later one. Questions that ask the same thing as one taken,
/// or fit nowhere, are held back and only used (placed where they give
/// least away) when the quiz would otherwise be short.
fn choose<'a>(
    bank: &Bank,
    preferred: &[&'a Question],
    wanted: usize,
    immediate: bool,
) -> Vec<&'a Question> {
    if wanted > GIVEAWAY_ORDER_LIMIT {
        return spread_out(preferred.to_vec(), Some(wanted));
    }
    let giveaways = Giveaways::new(bank, preferred, immediate);
    let mut order: Vec<usize> = Vec::with_capacity(wanted);
    let mut held = Vec::new();
    for new in 0..preferred.len() {
        if order.len() >= wanted {
            break;
        }
        let repeats = order
            .iter()
            .any(|&taken| same_ground(preferred[taken], preferred[new]));
        match giveaways.latest_clean_position(&order, new) {
            Some(position) if !repeats => order.insert(position, new),
            _ => held.push(new),
        }
    }
    for new in held {
        if order.len() >= wanted {
            break;
        }
        order.insert(giveaways.best_position(&order, new), new);
    }
    order.into_iter().map(|index| preferred[index]).collect()
}

/// Puts questions asked in a set order (a practice queue) in an order where
/// none gives away the key of a later one when that can be done: each goes
/// at the latest position that is clean, else where it gives least away.
pub fn order_without_giveaways(
    bank: &Bank,
    questions: Vec<PlannedQuestion>,
    immediate: bool,
) -> Vec<PlannedQuestion> {
    let asked: Vec<&Question> = questions.iter().map(|planned| &planned.question).collect();
    let giveaways = Giveaways::new(bank, &asked, immediate);
    let mut order: Vec<usize> = Vec::with_capacity(questions.len());
    for new in 0..questions.len() {
        order.insert(giveaways.best_position(&order, new), new);
    }
    let mut slots: Vec<Option<PlannedQuestion>> = questions.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|index| slots[index].take())
        .collect()
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

fn arrange(question: &Question, rng: &mut QuizRng) -> Arrangement {
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            if question.shuffles_choices() {
                Arrangement::Choices(rng.permutation(choices.len()))
            } else {
                Arrangement::Choices((0..choices.len()).collect())
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
            Arrangement::Match { lefts, rights }
        }
        QuestionBody::Order { items } => {
            let identity: Vec<usize> = (0..items.len()).collect();
            let mut order = rng.permutation(items.len());
            // Never show the answer; a reshuffle keeps this deterministic.
            while order == identity && items.len() > 1 {
                order = rng.permutation(items.len());
            }
            Arrangement::Order(order)
        }
        QuestionBody::TrueFalse { .. }
        | QuestionBody::Short { .. }
        | QuestionBody::Numeric { .. } => Arrangement::Plain,
    }
}

/// `crossexam-plan/1`, as printed by `run --plan --json`.
#[derive(Debug, Serialize)]
#[serde(bound(serialize = "Q: Borrow<Question>"))]
pub struct PlanDocument<'a, Q = Question> {
    pub format: &'static str,
    pub bank: &'a str,
    pub bank_hash: &'a str,
    pub quiz: Option<&'a str>,
    pub seed: String,
    pub rng: &'static str,
    pub questions: PlannedQuestions<'a, Q>,
}

/// The planned questions of a [`PlanDocument`], each written straight to
/// the output (no JSON value is built), so printing a large plan holds none
/// of it as JSON.
#[derive(Debug)]
pub struct PlannedQuestions<'a, Q = Question>(pub &'a [PlannedQuestion<Q>]);

impl<Q: Borrow<Question>> Serialize for PlannedQuestions<'_, Q> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(PlannedJson))
    }
}

impl<Q: Borrow<Question>> QuizPlan<Q> {
    /// The plan in the `crossexam-plan/1` shape of BANK-FORMAT.md section 5.
    pub fn document(&self) -> PlanDocument<'_, Q> {
        PlanDocument {
            format: "crossexam-plan/1",
            bank: &self.bank_id,
            bank_hash: &self.bank_hash,
            quiz: self.options.preset.as_deref(),
            seed: self.seed.to_string(),
            rng: RNG_TAG,
            questions: PlannedQuestions(&self.questions),
        }
    }
}

/// One planned question as the plan prints it: id, type, prompt, points,
/// then its lists in display order (or its unit), written straight to the
/// output.
struct PlannedJson<'a, Q>(&'a PlannedQuestion<Q>);

impl<Q: Borrow<Question>> Serialize for PlannedJson<'_, Q> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let question = self.0.question.borrow();
        let arrangement = &self.0.arrangement;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", question.id())?;
        map.serialize_entry("type", question.body.question_type().as_str())?;
        map.serialize_entry("prompt", &question.common.prompt)?;
        map.serialize_entry("points", &json_number(question.points()))?;
        match (&question.body, arrangement) {
            (
                QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
                Arrangement::Choices(order),
            ) => map.serialize_entry(
                "choices",
                &listed(order, |position, &index| {
                    let choice = &choices[index];
                    Shown::Lettered {
                        letter: LetterJson(letter(position)),
                        text: &choice.text,
                        id: choice.id.as_deref(),
                    }
                }),
            )?,
            (QuestionBody::Match { pairs, .. }, Arrangement::Match { lefts, rights }) => {
                map.serialize_entry(
                    "left",
                    &listed(lefts, |position, &index| Shown::Numbered {
                        number: position + 1,
                        text: &pairs[index].left,
                    }),
                )?;
                map.serialize_entry("right", &listed(rights, lettered))?;
            }
            (QuestionBody::Order { items }, Arrangement::Order(order)) => {
                map.serialize_entry(
                    "items",
                    &listed(order, |position, &index| lettered(position, &items[index])),
                )?;
            }
            (
                QuestionBody::Numeric {
                    unit: Some(unit), ..
                },
                _,
            ) => map.serialize_entry("unit", unit)?,
            _ => {}
        }
        map.end()
    }
}

/// A list of a planned question, each entry made as it is written.
struct Listed<'a, T, F>(&'a [T], F);

fn listed<'a, T, F: Fn(usize, &'a T) -> Shown<'a>>(entries: &'a [T], shown: F) -> Listed<'a, T, F> {
    Listed(entries, shown)
}

impl<'a, T, F> Serialize for Listed<'a, T, F>
where
    F: Fn(usize, &'a T) -> Shown<'a>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Listed(entries, shown) = self;
        serializer.collect_seq(
            entries
                .iter()
                .enumerate()
                .map(|(position, entry)| shown(position, entry)),
        )
    }
}

/// An entry of a planned question's list.
#[derive(Serialize)]
#[serde(untagged)]
enum Shown<'a> {
    Lettered {
        letter: LetterJson,
        text: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
    },
    Numbered {
        number: usize,
        text: &'a str,
    },
}

fn lettered(position: usize, text: &String) -> Shown<'_> {
    Shown::Lettered {
        letter: LetterJson(letter(position)),
        text,
        id: None,
    }
}

/// An option's letter, written as a string.
struct LetterJson(crate::wording::Letter);

impl Serialize for LetterJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
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
                match (&planned.question.body, &planned.arrangement) {
                    (QuestionBody::Single { choices } | QuestionBody::Multiple { choices }, Arrangement::Choices(order)) => {
                        prop_assert!(is_permutation(order, choices.len()));
                        if !planned.question.shuffles_choices() {
                            prop_assert!(order.windows(2).all(|w| w[0] < w[1]));
                        }
                    }
                    (QuestionBody::Order { items }, Arrangement::Order(order)) => {
                        prop_assert!(is_permutation(order, items.len()));
                        prop_assert!(order.windows(2).any(|w| w[0] > w[1]), "never shown in the right order");
                    }
                    (QuestionBody::Match { pairs, extra_right }, Arrangement::Match { lefts, rights }) => {
                        prop_assert!(is_permutation(lefts, pairs.len()));
                        for right in pairs.iter().map(|p| &p.right).chain(extra_right) {
                            prop_assert_eq!(rights.iter().filter(|r| *r == right).count(), 1);
                        }
                    }
                    (_, Arrangement::Plain) => {}
                    (body, arrangement) => prop_assert!(false, "{body:?} shown as {arrangement:?}"),
                }
            }
            let again = QuizPlan::new(&loaded, options, seed).expect("plan");
            prop_assert_eq!(plan, again);
        }
    }

    #[test]
    fn spreading_out_agrees_with_pairwise_comparison() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let mut rng = QuizRng::from_seed(7);
        for count in [None, Some(5), Some(20)] {
            let mut shuffled: Vec<&Question> = loaded.questions().iter().collect();
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

    /// The first pair (earlier, later) where the earlier question shows the later one's key.
    fn first_giveaway(bank: &Bank, plan: &QuizPlan) -> Option<(String, String)> {
        let immediate = plan.options.feedback == FeedbackMode::Immediate;
        plan.questions
            .iter()
            .enumerate()
            .find_map(|(index, later)| {
                plan.questions[..index]
                    .iter()
                    .find(|earlier| {
                        giveaway::reveals(bank, &earlier.question, &later.question, immediate)
                    })
                    .map(|earlier| {
                        (
                            earlier.question.id().to_string(),
                            later.question.id().to_string(),
                        )
                    })
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// No question's key is shown by an earlier question of the same
        /// plan, for every preset of the bundled bank.
        #[test]
        fn no_plan_gives_a_key_away(seed in any::<u64>()) {
            let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
            for preset in &loaded.bank.quizzes {
                let options = QuizOptions::resolve(&loaded, Some(&preset.id), &OptionOverrides::default()).expect("preset");
                let plan = QuizPlan::new(&loaded, options, seed).expect("plan");
                let found = first_giveaway(&loaded.bank, &plan);
                prop_assert!(found.is_none(), "preset {}, seed {seed}: {found:?}", preset.id);
            }
        }

        /// The same with `--count` overriding the default preset, and with
        /// feedback at the end (as `run --count N --feedback end` asks).
        #[test]
        fn no_drawn_count_gives_a_key_away(seed in any::<u64>(), count in 1usize..=25, end in any::<bool>()) {
            let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
            let overrides = OptionOverrides {
                count: Some(count),
                feedback: end.then_some(FeedbackMode::End),
                ..OptionOverrides::default()
            };
            let options = QuizOptions::resolve(&loaded, None, &overrides).expect("options");
            let plan = QuizPlan::new(&loaded, options, seed).expect("plan");
            let found = first_giveaway(&loaded.bank, &plan);
            prop_assert!(found.is_none(), "count {count}, seed {seed}: {found:?}");
        }

        /// A preset's support balance holds for every seed.
        #[test]
        fn support_balance_holds(seed in any::<u64>()) {
            let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
            let mut balanced = 0;
            for preset in &loaded.bank.quizzes {
                let Some(n) = preset.support_balance else { continue };
                balanced += 1;
                let options = QuizOptions::resolve(&loaded, Some(&preset.id), &OptionOverrides::default()).expect("preset");
                let plan = QuizPlan::new(&loaded, options, seed).expect("plan");
                for half in [true, false] {
                    let drawn = plan.questions.iter().filter(|p| support_half(&loaded.bank, &p.question) == Some(half)).count();
                    prop_assert!(drawn >= n, "preset {}, seed {seed}: {drawn} support items keyed {half}", preset.id);
                }
            }
            prop_assert!(balanced > 0, "the bundled bank has a balanced preset");
        }
    }

    #[test]
    fn a_practice_queue_is_reordered_so_nothing_gives_a_key_away() {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let planned = |id: &str| PlannedQuestion {
            question: loaded.question(id).expect(id).clone(),
            arrangement: Arrangement::Plain,
        };
        // A prompt naming India on nine-camps-hit, before the item asking who said it.
        let mut naming = planned("support-nine-camps");
        naming.question.common.prompt =
            "India said nine camps were hit. What does the report show?".into();
        let queue = vec![naming, planned("who-nine-camps"), planned("num-camps")];
        let ordered = order_without_giveaways(&loaded.bank, queue, false);
        let ids: Vec<&str> = ordered.iter().map(|p| p.question.id()).collect();
        assert_eq!(ids[0], "who-nine-camps", "{ids:?}");
        assert_eq!(ids.len(), 3);
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
        let all = Some(loaded.questions().len());
        let plan = QuizPlan::new(&loaded, bundled_options(&loaded, all), 9).expect("plan");
        let mut planned: Vec<&str> = plan.questions.iter().map(|p| p.question.id()).collect();
        let mut all: Vec<&str> = loaded.questions().iter().map(Question::id).collect();
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
