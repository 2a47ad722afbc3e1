//! The class report: results of many attempts gathered one at a time
//! ([`Collector`]), kept compactly (per attempt only an index per item into
//! the item's distinct responses, never the typed answers), then turned into
//! a [`ClassReport`]: grades, Moodle's item and test statistics, distractor
//! analysis and media-literacy mastery, per bank version and preset.
//! Pure: results come in parsed, the report goes out as data.

pub mod distractors;
pub mod mastery;
pub mod read;
pub mod stats;

use crate::bank::LoadedBank;
use crate::report::Ended;
use crate::report::view::{ResponseView, ResultView};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::HashMap;

/// The format tag of the class report's JSON.
pub const CLASS_REPORT_FORMAT: &str = "crossexam-class-report/1";

/// Which attempts of each learner count (Moodle's "calculate statistics from").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WhichAttempts {
    All,
    /// The earliest complete attempt (the earliest attempt when none is complete).
    #[default]
    First,
    /// The latest complete attempt.
    Last,
    /// The complete attempt with the highest score.
    Best,
}

/// A file (or a line of a JSON Lines file) that was not used, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// `path` or `path:line`.
    pub source: String,
    pub reason: String,
}

/// One distinct response to an item: what it earned and which choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub points: f64,
    pub credit: f64,
    pub skipped: bool,
    /// Indexes into the item's `choices`.
    pub selected: Vec<u32>,
}

/// Up to this many choices or distinct responses, an item finds a name or
/// a response by comparing with each (faster than hashing); beyond, by hash.
const FEW: usize = 8;

/// An item as the results show it, with its distinct responses.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub question_type: String,
    pub max_points: f64,
    /// The recorded names of every choice anyone selected, in first-seen order.
    pub choices: Vec<String>,
    pub responses: Vec<Response>,
    choice_index: HashMap<String, u32>,
    /// Each distinct response by its key (see [`Item::response_of`]).
    response_index: HashMap<Box<[u64]>, u32>,
}

impl Item {
    fn new(record: &ResponseView) -> Self {
        Item {
            id: record.question.to_string(),
            question_type: record.question_type.to_string(),
            max_points: record.max_points,
            choices: Vec::new(),
            responses: Vec::new(),
            choice_index: HashMap::new(),
            response_index: HashMap::new(),
        }
    }

    fn choice_of(&mut self, name: &str) -> u32 {
        let known = if self.choices.len() <= FEW {
            self.choices
                .iter()
                .position(|known| known == name)
                .map(|at| at as u32)
        } else {
            self.choice_index.get(name).copied()
        };
        known.unwrap_or_else(|| {
            let next = self.choices.len() as u32;
            self.choices.push(name.to_string());
            self.choice_index.insert(name.to_string(), next);
            next
        })
    }

    /// The index of the record's response among the item's distinct ones.
    /// `key` is scratch space: points and credit (as bits), skipped, then
    /// the selected choices' indexes.
    fn response_of(&mut self, record: &ResponseView, key: &mut Vec<u64>) -> u32 {
        key.clear();
        key.extend([
            record.points.to_bits(),
            record.credit.to_bits(),
            u64::from(record.skipped),
        ]);
        for name in &record.selected {
            let choice = self.choice_of(name);
            key.push(u64::from(choice));
        }
        let selected = &key[3..];
        let known = if self.responses.len() <= FEW {
            self.responses
                .iter()
                .position(|response| {
                    response.points.to_bits() == key[0]
                        && response.credit.to_bits() == key[1]
                        && u64::from(response.skipped) == key[2]
                        && response.selected.len() == selected.len()
                        && response
                            .selected
                            .iter()
                            .zip(selected)
                            .all(|(&a, &b)| u64::from(a) == b)
                })
                .map(|at| at as u32)
        } else {
            self.response_index.get(key.as_slice()).copied()
        };
        known.unwrap_or_else(|| {
            let next = self.responses.len() as u32;
            self.responses.push(Response {
                points: record.points,
                credit: record.credit,
                skipped: record.skipped,
                selected: selected.iter().map(|&choice| choice as u32).collect(),
            });
            self.response_index.insert(key.as_slice().into(), next);
            next
        })
    }
}

/// One attempt, without its answers: an index per item into the item's responses.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub learner: u32,
    pub seed: u64,
    pub started_at: Timestamp,
    pub finished_at: Timestamp,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub passed: Option<bool>,
    pub ended: Ended,
    pub complete: bool,
    /// Which of the group's item sequences the attempt was asked.
    pub sequence: u32,
    /// For each item of the sequence, the index of the response in the item's responses.
    pub responses: Box<[u32]>,
}

/// The attempts of one bank version and preset.
#[derive(Debug, Clone)]
pub struct Group {
    pub bank: String,
    pub bank_hash: String,
    pub quiz: Option<String>,
    pub items: Vec<Item>,
    pub learners: Vec<String>,
    pub attempts: Vec<Attempt>,
    /// The distinct sequences of items attempts were asked (usually few).
    pub sequences: Vec<Box<[u32]>>,
    /// Results of this group read, before choosing attempts.
    pub results_read: usize,
    sequence_index: HashMap<Box<[u32]>, u32>,
    item_index: HashMap<String, u32>,
    learner_index: HashMap<String, u32>,
    /// With first/last/best: the chosen attempt of each learner.
    chosen: HashMap<u32, usize>,
    /// The sequence of the last result added: the next is most often the same.
    last_sequence: Option<u32>,
    /// Scratch space for one result's items, responses and response keys.
    scratch: (Vec<u32>, Vec<u32>, Vec<u64>),
}

/// Where one item stands in each of a group's sequences (see [`Group::positions_of`]).
pub struct ItemPositions {
    item: usize,
    by_sequence: Vec<Option<u32>>,
}

/// Gathers results one at a time.
#[derive(Debug, Default)]
pub struct Collector {
    which: WhichAttempts,
    /// One per bank, version and preset: results are only compared within one.
    groups: Vec<Group>,
    pub skipped: Vec<Skipped>,
    pub files_read: usize,
}

impl Collector {
    pub fn new(which: WhichAttempts) -> Self {
        Collector {
            which,
            ..Collector::default()
        }
    }

    pub fn which(&self) -> WhichAttempts {
        self.which
    }

    /// Results added so far.
    pub fn results(&self) -> usize {
        self.groups.iter().map(|group| group.results_read).sum()
    }

    /// Whether any result was taken with the bank `id`.
    pub fn has_bank(&self, id: &str) -> bool {
        self.groups.iter().any(|group| group.bank == id)
    }

    /// Notes a source that could not be used.
    pub fn skip(&mut self, source: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            source: source.into(),
            reason: reason.into(),
        });
    }

    /// Adds one result.
    pub fn add(&mut self, result: &ResultView) {
        // Few groups: a scan, with nothing copied for a known one.
        let index = if let Some(known) = self.groups.iter().position(|group| {
            group.bank == *result.bank
                && group.bank_hash == *result.bank_hash
                && group.quiz.as_deref() == result.quiz.as_deref()
        }) {
            known
        } else {
            self.groups.push(Group {
                bank: result.bank.to_string(),
                bank_hash: result.bank_hash.to_string(),
                quiz: result.quiz.as_deref().map(str::to_string),
                items: Vec::new(),
                learners: Vec::new(),
                attempts: Vec::new(),
                sequences: Vec::new(),
                results_read: 0,
                sequence_index: HashMap::new(),
                item_index: HashMap::new(),
                learner_index: HashMap::new(),
                chosen: HashMap::new(),
                last_sequence: None,
                scratch: Default::default(),
            });
            self.groups.len() - 1
        };
        self.groups[index].add(result, self.which);
    }

    /// The groups, ordered by bank, version and preset.
    pub fn finish(self) -> (Vec<Group>, Vec<Skipped>, usize) {
        let mut groups = self.groups;
        for group in &mut groups {
            group.drop_indexes();
        }
        groups.sort_by(|a, b| {
            (&a.bank, &a.quiz, &a.bank_hash).cmp(&(&b.bank, &b.quiz, &b.bank_hash))
        });
        (groups, self.skipped, self.files_read)
    }
}

impl Group {
    /// (item index, response index) of each item the attempt was asked, in its order.
    pub fn cells<'g>(&'g self, attempt: &'g Attempt) -> impl Iterator<Item = (u32, u32)> + 'g {
        self.sequences[attempt.sequence as usize]
            .iter()
            .copied()
            .zip(attempt.responses.iter().copied())
    }

    /// Where `item` stands in each of the sequences (`None` where it was
    /// not asked): found once per sequence, not once per attempt.
    pub fn positions_of(&self, item: usize) -> ItemPositions {
        ItemPositions {
            item,
            by_sequence: self
                .sequences
                .iter()
                .map(|sequence| {
                    sequence
                        .iter()
                        .position(|&asked| asked as usize == item)
                        .map(|at| at as u32)
                })
                .collect(),
        }
    }

    /// The attempt's response to the item of `positions`, when it was asked it.
    pub fn response_to(&self, attempt: &Attempt, positions: &ItemPositions) -> Option<&Response> {
        let at = positions.by_sequence[attempt.sequence as usize]?;
        Some(&self.items[positions.item].responses[attempt.responses[at as usize] as usize])
    }

    /// The sum of the recorded points (Moodle's sum of marks).
    pub fn total(&self, attempt: &Attempt) -> f64 {
        self.cells(attempt)
            .map(|(item, response)| self.items[item as usize].responses[response as usize].points)
            .sum()
    }

    /// The sum of marks as a percentage of the marks on offer in this attempt.
    pub fn percent_of_marks(&self, attempt: &Attempt) -> f64 {
        let max: f64 = self.sequences[attempt.sequence as usize]
            .iter()
            .map(|&item| self.items[item as usize].max_points)
            .sum();
        if max > 0.0 {
            100.0 * self.total(attempt) / max
        } else {
            0.0
        }
    }

    /// Frees what only adding needs (the report that follows needs the room).
    fn drop_indexes(&mut self) {
        for item in &mut self.items {
            item.choice_index = HashMap::new();
            item.response_index = HashMap::new();
        }
        self.sequence_index = HashMap::new();
        self.item_index = HashMap::new();
        self.learner_index = HashMap::new();
        self.chosen = HashMap::new();
        self.scratch = Default::default();
        self.attempts.shrink_to_fit();
    }

    fn add(&mut self, result: &ResultView, which: WhichAttempts) {
        self.results_read += 1;
        // Looked up before anything is copied: most names are already known.
        let learner = if let Some(&known) = self.learner_index.get(&*result.learner) {
            known
        } else {
            let next = self.learners.len() as u32;
            self.learners.push(result.learner.to_string());
            self.learner_index.insert(result.learner.to_string(), next);
            next
        };
        let (mut asked, mut responses, mut key) = std::mem::take(&mut self.scratch);
        asked.clear();
        responses.clear();
        let last: &[u32] = self
            .last_sequence
            .map_or(&[], |last| &self.sequences[last as usize]);
        for (at, record) in result.responses.iter().enumerate() {
            // Most results ask what the last one asked: compared, not hashed.
            let item = match last.get(at) {
                Some(&item) if self.items[item as usize].id == *record.question => item,
                _ => {
                    if let Some(&known) = self.item_index.get(&*record.question) {
                        known
                    } else {
                        let next = self.items.len() as u32;
                        self.items.push(Item::new(record));
                        self.item_index.insert(record.question.to_string(), next);
                        next
                    }
                }
            };
            asked.push(item);
            responses.push(self.items[item as usize].response_of(record, &mut key));
        }
        let sequence = match self.last_sequence {
            Some(last) if self.sequences[last as usize][..] == asked[..] => last,
            _ => {
                if let Some(&known) = self.sequence_index.get(asked.as_slice()) {
                    known
                } else {
                    let next = self.sequences.len() as u32;
                    let sequence: Box<[u32]> = asked.as_slice().into();
                    self.sequences.push(sequence.clone());
                    self.sequence_index.insert(sequence, next);
                    next
                }
            }
        };
        self.last_sequence = Some(sequence);
        let attempt_responses: Box<[u32]> = responses.as_slice().into();
        self.scratch = (asked, responses, key);
        let attempt = Attempt {
            learner,
            seed: result.seed,
            started_at: result.started_at,
            finished_at: result.finished_at,
            score: result.score,
            max_score: result.max_score,
            percent: result.percent,
            passed: result.passed,
            ended: result.ended,
            complete: result.complete,
            sequence,
            responses: attempt_responses,
        };
        if which == WhichAttempts::All {
            self.attempts.push(attempt);
            return;
        }
        match self.chosen.get(&learner) {
            None => {
                self.chosen.insert(learner, self.attempts.len());
                self.attempts.push(attempt);
            }
            Some(&at) => {
                if replaces(which, &attempt, &self.attempts[at]) {
                    self.attempts[at] = attempt;
                }
            }
        }
    }
}

/// Whether `new` should count instead of `kept` for the same learner:
/// a complete attempt always beats an incomplete one.
fn replaces(which: WhichAttempts, new: &Attempt, kept: &Attempt) -> bool {
    if new.complete != kept.complete {
        return new.complete;
    }
    match which {
        WhichAttempts::All => false,
        WhichAttempts::First => new.started_at < kept.started_at,
        WhichAttempts::Last => new.started_at >= kept.started_at,
        WhichAttempts::Best => new.percent > kept.percent,
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct ClassReport {
    pub format: &'static str,
    pub attempts: WhichAttempts,
    pub files_read: usize,
    pub results_read: usize,
    pub skipped: Vec<Skipped>,
    pub groups: Vec<GroupReport>,
}

/// One attempt's line in the grades table.
#[derive(Debug, Clone, Serialize)]
pub struct GradeRow {
    pub learner: String,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub passed: Option<bool>,
    pub seconds: f64,
    pub ended: Ended,
    /// A decimal string in JSON, as in results.
    #[serde(serialize_with = "crate::report::result::seed_string::serialize")]
    pub seed: u64,
    pub started_at: Timestamp,
}

/// Attempts with a percentage in [from, to) (the last bin includes 100).
#[derive(Debug, Clone, Serialize)]
pub struct Bin {
    pub from: u32,
    pub to: u32,
    pub attempts: usize,
}

/// The figures of one item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    pub id: String,
    #[serde(rename = "type")]
    pub question_type: String,
    pub kind: Option<String>,
    pub max_points: f64,
    #[serde(flatten)]
    pub figures: stats::ItemFigures,
    pub flags: Vec<stats::ItemFlag>,
    /// The flags in plain words.
    pub advice: Vec<&'static str>,
    pub choices: Vec<distractors::ChoiceCount>,
    /// The bank's choices nobody picked (only known with the bank).
    pub unpicked: Vec<String>,
}

/// The test's figures: mean, median, SD and the standard error in percent
/// of the maximum score.
#[derive(Debug, Clone, Serialize)]
pub struct TestReport {
    #[serde(flatten)]
    pub figures: stats::TestFigures,
    /// Attempts the coefficient of internal consistency was computed on.
    pub consistency_attempts: usize,
    /// Different question sets among the counted attempts.
    pub question_sets: usize,
}

/// The report of one bank version and preset.
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub bank: String,
    pub bank_hash: String,
    pub quiz: Option<String>,
    /// Whether the bank itself was found (kinds, claims and speakers need it).
    pub bank_available: bool,
    pub results_read: usize,
    pub attempts_counted: usize,
    /// Counted attempts that ran to their end (the statistics use these).
    pub complete_attempts: usize,
    pub grades: Vec<GradeRow>,
    pub histogram: Vec<Bin>,
    pub test: TestReport,
    pub items: Vec<ItemReport>,
    pub mastery: Option<mastery::Mastery>,
    pub learners: Vec<mastery::LearnerLine>,
    /// Plain-words notes: what was left out and why.
    pub notes: Vec<String>,
}

/// Builds the report: `banks` are the banks that may match the results
/// (by id and `bank_hash`).
pub fn build(collector: Collector, banks: &[LoadedBank]) -> ClassReport {
    let which = collector.which();
    let (groups, skipped, files_read) = collector.finish();
    let results_read = groups.iter().map(|group| group.results_read).sum();
    let groups = groups
        .iter()
        .map(|group| group_report(group, banks))
        .collect();
    ClassReport {
        format: CLASS_REPORT_FORMAT,
        attempts: which,
        files_read,
        results_read,
        skipped,
        groups,
    }
}

fn group_report(group: &Group, banks: &[LoadedBank]) -> GroupReport {
    let mut notes = Vec::new();
    let bank = banks
        .iter()
        .find(|loaded| loaded.bank.id == group.bank && loaded.hash == group.bank_hash);
    if bank.is_none() {
        let other = banks.iter().any(|loaded| loaded.bank.id == group.bank);
        notes.push(if other {
            format!(
                "The bank `{}` at hand is another version than these results ({}): question kinds, claims and speakers are not shown. Pass the bank file they were taken with as --bank FILE.",
                group.bank, group.bank_hash
            )
        } else {
            format!(
                "The bank `{}` is not available: question kinds, claims and speakers are not shown. Pass it as --bank FILE.",
                group.bank
            )
        });
    }
    // The attempts sorted (not the rows: no scratch copy of a class's rows).
    let mut order: Vec<usize> = (0..group.attempts.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&group.attempts[a], &group.attempts[b]);
        (&group.learners[a.learner as usize], a.started_at)
            .cmp(&(&group.learners[b.learner as usize], b.started_at))
    });
    let grades: Vec<GradeRow> = order
        .into_iter()
        .map(|at| &group.attempts[at])
        .map(|attempt| GradeRow {
            learner: group.learners[attempt.learner as usize].clone(),
            score: attempt.score,
            max_score: attempt.max_score,
            percent: attempt.percent,
            passed: attempt.passed,
            seconds: attempt
                .finished_at
                .duration_since(attempt.started_at)
                .as_secs_f64(),
            ended: attempt.ended,
            seed: attempt.seed,
            started_at: attempt.started_at,
        })
        .collect();

    let complete: Vec<&Attempt> = group.attempts.iter().filter(|a| a.complete).collect();
    if complete.len() < group.attempts.len() {
        notes.push(format!(
            "{} of {} counted attempts were stopped before the end (quit or interrupted): they are in the grades but not in the statistics.",
            group.attempts.len() - complete.len(),
            group.attempts.len()
        ));
    }
    let mut histogram: Vec<Bin> = (0..10)
        .map(|bin| Bin {
            from: bin * 10,
            to: bin * 10 + 10,
            attempts: 0,
        })
        .collect();
    for attempt in &complete {
        let bin = ((attempt.percent / 10.0).floor().max(0.0) as usize).min(9);
        histogram[bin].attempts += 1;
    }

    let totals: Vec<f64> = complete.iter().map(|a| group.total(a)).collect();
    let order = item_order(group, bank);
    let mut figures_by_item: Vec<Option<stats::ItemFigures>> = vec![None; group.items.len()];
    let mut marks = Vec::new();
    let mut rest = Vec::new();
    for &item in &order {
        marks.clear();
        rest.clear();
        let positions = group.positions_of(item);
        for (attempt, total) in complete.iter().zip(&totals) {
            if let Some(response) = group.response_to(attempt, &positions) {
                let mark = response.points;
                marks.push(mark);
                rest.push(total - mark);
            }
        }
        figures_by_item[item] = Some(stats::item_figures(
            &marks,
            &rest,
            group.items[item].max_points,
        ));
    }
    let test = test_report(group, &complete, &figures_by_item, &mut notes);
    let ranking = distractors::Ranking::new(&complete);
    let items = order
        .iter()
        .map(|&index| {
            let item = &group.items[index];
            let figures = figures_by_item[index].clone().expect("computed above");
            let question = bank.and_then(|loaded| loaded.question(&item.id));
            let (choices, unpicked) =
                distractors::choices(group, index, &complete, &ranking, question);
            ItemReport {
                id: item.id.clone(),
                question_type: item.question_type.clone(),
                kind: question
                    .and_then(|q| q.common.kind)
                    .map(|kind| kind.as_str().to_string()),
                max_points: item.max_points,
                advice: stats::flags(&figures)
                    .iter()
                    .map(|flag| flag.words())
                    .collect(),
                flags: stats::flags(&figures),
                figures,
                choices,
                unpicked,
            }
        })
        .collect();
    let (mastery, learners) = mastery::mastery(group, &complete, bank);
    GroupReport {
        bank: group.bank.clone(),
        bank_hash: group.bank_hash.clone(),
        quiz: group.quiz.clone(),
        bank_available: bank.is_some(),
        results_read: group.results_read,
        attempts_counted: group.attempts.len(),
        complete_attempts: complete.len(),
        grades,
        histogram,
        test,
        items,
        mastery,
        learners,
        notes,
    }
}

/// Items in the bank's order when the bank is known, else as first seen.
fn item_order(group: &Group, bank: Option<&LoadedBank>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..group.items.len()).collect();
    if let Some(loaded) = bank {
        let position: HashMap<&str, usize> = loaded
            .questions()
            .iter()
            .enumerate()
            .map(|(at, question)| (question.id(), at))
            .collect();
        order.sort_by_key(|&item| {
            (
                position
                    .get(group.items[item].id.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
                item,
            )
        });
    }
    order
}

/// The test's figures on percentages; the internal consistency on the
/// largest set of attempts that were asked the same questions.
fn test_report(
    group: &Group,
    complete: &[&Attempt],
    figures_by_item: &[Option<stats::ItemFigures>],
    notes: &mut Vec<String>,
) -> TestReport {
    let percents: Vec<f64> = complete
        .iter()
        .map(|attempt| group.percent_of_marks(attempt))
        .collect();
    let mut figures = stats::test_figures(&percents, None);
    let mut sets: HashMap<Vec<u32>, Vec<usize>> = HashMap::new();
    for (at, attempt) in complete.iter().enumerate() {
        let mut set: Vec<u32> = group.sequences[attempt.sequence as usize].to_vec();
        set.sort_unstable();
        sets.entry(set).or_default().push(at);
    }
    let question_sets = sets.len();
    let Some((set, members)) = sets
        .into_iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(&a.0)))
    else {
        return TestReport {
            figures,
            consistency_attempts: 0,
            question_sets,
        };
    };
    let max: f64 = set
        .iter()
        .map(|&item| group.items[item as usize].max_points)
        .sum();
    let scale = if max > 0.0 { 100.0 / max } else { 0.0 };
    let group_totals: Vec<f64> = members
        .iter()
        .map(|&at| group.total(complete[at]) * scale)
        .collect();
    let sum_of_variances = if members.len() == complete.len() {
        set.iter()
            .filter_map(|&item| figures_by_item[item as usize].as_ref()?.mark_variance)
            .sum::<f64>()
    } else {
        set.iter()
            .map(|&item| {
                let positions = group.positions_of(item as usize);
                let marks: Vec<f64> = members
                    .iter()
                    .filter_map(|&at| Some(group.response_to(complete[at], &positions)?.points))
                    .collect();
                stats::sample_variance(&marks).unwrap_or(0.0)
            })
            .sum()
    } * scale
        * scale;
    let consistency = stats::test_figures(&group_totals, Some((sum_of_variances, set.len())));
    figures.cic = consistency.cic;
    figures.error_ratio = consistency.error_ratio;
    figures.standard_error = consistency.standard_error;
    if question_sets > 1 {
        notes.push(format!(
            "The attempts were asked {question_sets} different sets of questions: each item's figures use the attempts that were asked it, and the coefficient of internal consistency, error ratio and standard error use the {} attempts that share the most common set.",
            members.len()
        ));
    }
    TestReport {
        figures,
        consistency_attempts: members.len(),
        question_sets,
    }
}
