//! Progress figures, pure: per bank, the items seen, mature, due today and
//! this week; retention over the last 30 days; answers per day; accuracy per
//! question kind and per claim, and the weak spots they show; whether the
//! bank is mastered; and, for `progress --json`, every item's schedule and
//! the review log. Built from the store's cards and log, the bank as it is
//! now (removed questions are left out, new ones count as new) and the time
//! passed in. The figures the `progress` screen derives from these (the
//! chart's activity, the weakest claims, whether to suggest practice) are
//! methods of [`BankProgress`], so the screen only lays them out.

use super::fsrs::{Grade, Scheduler};
use super::queue::{self, Card, ReviewRecord};
use super::store::BankRecord;
use crate::bank::LoadedBank;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The format tag of `progress --json`.
pub const PROGRESS_FORMAT: &str = "crossexam-progress/1";

/// Days covered by the retention figure and the chart.
pub const WINDOW_DAYS: i64 = 30;

/// A weak spot needs at least this many answers…
const WEAK_MIN_ANSWERS: usize = 3;
/// …and fewer than this share of them right.
const WEAK_BELOW: f64 = 0.6;

/// `crossexam-progress/1`.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressOverview {
    pub format: &'static str,
    pub learner: String,
    pub now: String,
    pub today: String,
    pub scheduler: SchedulerInfo,
    pub banks: Vec<BankProgress>,
}

/// The scheduler the figures were computed with.
#[derive(Debug, Clone, Serialize)]
pub struct SchedulerInfo {
    pub algorithm: &'static str,
    pub desired_retention: f64,
    pub maximum_interval_days: u32,
    pub parameters: Vec<f64>,
}

impl From<&Scheduler> for SchedulerInfo {
    fn from(scheduler: &Scheduler) -> Self {
        SchedulerInfo {
            algorithm: "FSRS-6",
            desired_retention: scheduler.desired_retention,
            maximum_interval_days: scheduler.maximum_interval_days,
            parameters: scheduler.parameters.to_vec(),
        }
    }
}

/// A share of answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    pub right: usize,
    pub answers: usize,
    pub rate: f64,
}

impl Rate {
    /// Compares the shares right exactly (1 of 3 is 2 of 6), not by the
    /// rounded `rate`; no answers counts as a share of 0.
    pub fn share_cmp(&self, other: &Rate) -> std::cmp::Ordering {
        let fraction = |rate: &Rate| {
            if rate.answers == 0 {
                (0, 1)
            } else {
                (rate.right as u128, rate.answers as u128)
            }
        };
        let (right, answers) = fraction(self);
        let (other_right, other_answers) = fraction(other);
        (right * other_answers).cmp(&(other_right * answers))
    }

    fn new(right: usize, answers: usize) -> Self {
        let rate = if answers == 0 {
            0.0
        } else {
            round4(right as f64 / answers as f64)
        };
        Rate {
            right,
            answers,
            rate,
        }
    }
}

/// Accuracy in one group (a question kind, a claim).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accuracy {
    pub key: String,
    /// The claim's text, for claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(flatten)]
    pub rate: Rate,
}

/// Answers on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub answers: usize,
}

/// One question's schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemProgress {
    pub question: String,
    /// `new` (never practised) or `review` (scheduled; FSRS without learning steps).
    pub state: &'static str,
    pub due: Option<String>,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
    pub interval_days: Option<u32>,
    pub retrievability: Option<f64>,
    pub reps: u32,
    pub lapses: u32,
    pub last_review: Option<String>,
}

/// One entry of the review log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub id: i64,
    pub question: String,
    pub at: String,
    pub source: &'static str,
    pub grade: u8,
    pub grade_name: &'static str,
    pub credit: f64,
    pub skipped: bool,
    pub confidence: Option<u8>,
    pub answer: String,
    pub seconds: Option<f64>,
    pub elapsed_days: u32,
    pub interval_days: Option<u32>,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
}

/// The progress of one learner in one bank.
#[derive(Debug, Clone, Serialize)]
pub struct BankProgress {
    pub bank: String,
    pub title: String,
    pub origin: String,
    /// Why the bank could not be loaded (the figures then come from the store alone).
    pub unavailable: Option<String>,
    /// Questions in the bank now (unknown when it cannot be loaded).
    pub questions: Option<usize>,
    pub seen: usize,
    pub mature: usize,
    pub due_today: usize,
    pub due_this_week: usize,
    pub unseen: Option<usize>,
    pub next_due: Option<String>,
    /// Scheduled reviews of the last 30 days after at least a day (not first sightings), and how many were recalled.
    pub retention_30d: Option<Rate>,
    pub mastered: bool,
    pub answers_per_day: Vec<DayCount>,
    pub by_kind: Vec<Accuracy>,
    pub by_claim: Vec<Accuracy>,
    pub weak_spots: Vec<String>,
    pub items: Vec<ItemProgress>,
    pub reviews: Vec<LogEntry>,
}

/// The figures above the chart of answers per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity {
    /// Answers in the window.
    pub answers: usize,
    /// Days with at least one answer.
    pub active_days: usize,
    /// The most answers on one day (the chart's full height).
    pub busiest: usize,
}

impl BankProgress {
    /// What the chart of answers per day shows, or `None` when no answer
    /// falls in the window.
    pub fn activity(&self) -> Option<Activity> {
        let days = &self.answers_per_day;
        let answers = days.iter().map(|day| day.answers).sum();
        (answers > 0).then(|| Activity {
            answers,
            active_days: days.iter().filter(|day| day.answers > 0).count(),
            busiest: days.iter().map(|day| day.answers).max().unwrap_or(0),
        })
    }

    /// The claims answered least well, at most `limit`, weakest first: the
    /// lowest share right, then, at the same share, the one answered more
    /// often (surer to be weak), then by claim id.
    pub fn weakest_claims(&self, limit: usize) -> Vec<&Accuracy> {
        let mut claims: Vec<&Accuracy> = self.by_claim.iter().collect();
        claims.sort_by(|a, b| {
            a.rate
                .share_cmp(&b.rate)
                .then(b.rate.answers.cmp(&a.rate.answers))
                .then_with(|| a.key.cmp(&b.key))
        });
        claims.truncate(limit);
        claims
    }

    /// Whether practice has something for today: a due review or a question
    /// not yet seen.
    pub fn has_practice_today(&self) -> bool {
        self.due_today > 0 || self.unseen.is_some_and(|unseen| unseen > 0)
    }
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

fn grade_name(grade: Grade) -> &'static str {
    match grade {
        Grade::Again => "again",
        Grade::Hard => "hard",
        Grade::Good => "good",
        Grade::Easy => "easy",
    }
}

/// Everything needed to compute one bank's progress.
pub struct BankInput<'a> {
    pub record: &'a BankRecord,
    /// The bank as it is now, or why it could not be loaded.
    pub loaded: Result<&'a LoadedBank, String>,
    pub cards: &'a [Card],
    pub reviews: &'a [ReviewRecord],
}

/// One bank's progress at `now`.
pub fn bank_progress(
    input: &BankInput<'_>,
    now: Timestamp,
    tz: &TimeZone,
    scheduler: &Scheduler,
) -> BankProgress {
    let today = queue::day_of(now, tz);
    let loaded = input.loaded.as_ref().ok().copied();
    let question_ids: Option<Vec<&str>> = loaded.map(|loaded| {
        loaded
            .questions()
            .iter()
            .map(crate::bank::Question::id)
            .collect()
    });
    let in_bank = |id: &str| question_ids.as_ref().is_none_or(|ids| ids.contains(&id));
    let cards: Vec<&Card> = input
        .cards
        .iter()
        .filter(|card| in_bank(&card.question))
        .collect();
    let reviews: Vec<&ReviewRecord> = input
        .reviews
        .iter()
        .filter(|review| in_bank(&review.question))
        .collect();

    let week_end = queue::add_days(today, 6);
    let seen = cards.len();
    let mature = cards.iter().filter(|card| card.is_mature()).count();
    let due_today = cards.iter().filter(|card| card.due <= today).count();
    let due_this_week = cards.iter().filter(|card| card.due <= week_end).count();
    let next_due = cards
        .iter()
        .map(|card| card.due)
        .min()
        .map(|day| day.to_string());

    let window_start = now.as_millisecond() - WINDOW_DAYS * 86_400_000;
    let after_a_day: Vec<&&ReviewRecord> = reviews
        .iter()
        .filter(|r| r.at.as_millisecond() >= window_start)
        .filter(|r| r.source.schedules() && r.elapsed_days >= 1)
        .collect();
    let retention_30d = (!after_a_day.is_empty()).then(|| {
        Rate::new(
            after_a_day
                .iter()
                .filter(|r| r.grade != Grade::Again)
                .count(),
            after_a_day.len(),
        )
    });

    // The chart counts whole calendar days in the learner's time zone: a
    // day at the start of the window is counted in full, whatever the time
    // of day now and however many hours a daylight-saving change gave it.
    let first_day = queue::add_days(today, 1 - WINDOW_DAYS);
    let mut per_day: BTreeMap<Date, usize> = (0..WINDOW_DAYS)
        .map(|offset| (queue::add_days(first_day, offset), 0))
        .collect();
    for review in &reviews {
        if let Some(count) = per_day.get_mut(&queue::day_of(review.at, tz)) {
            *count += 1;
        }
    }
    let answers_per_day = per_day
        .into_iter()
        .map(|(day, answers)| DayCount {
            day: day.to_string(),
            answers,
        })
        .collect();

    let (by_kind, by_claim, weak_spots) = match loaded {
        Some(loaded) => accuracy(loaded, &reviews),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };

    let card_of: HashMap<&str, &Card> = cards
        .iter()
        .map(|card| (card.question.as_str(), *card))
        .collect();
    let item = |question: &str| match card_of.get(question) {
        Some(card) => ItemProgress {
            question: question.to_string(),
            state: "review",
            due: Some(card.due.to_string()),
            stability: Some(card.stability),
            difficulty: Some(card.difficulty),
            interval_days: Some(card.interval_days),
            retrievability: Some(round4(queue::retrievability(card, now, tz, scheduler))),
            reps: card.reps,
            lapses: card.lapses,
            last_review: Some(card.last_review.to_string()),
        },
        None => ItemProgress {
            question: question.to_string(),
            state: "new",
            due: None,
            stability: None,
            difficulty: None,
            interval_days: None,
            retrievability: None,
            reps: 0,
            lapses: 0,
            last_review: None,
        },
    };
    let items: Vec<ItemProgress> = match &question_ids {
        Some(ids) => ids.iter().map(|id| item(id)).collect(),
        None => cards.iter().map(|card| item(&card.question)).collect(),
    };
    let mastered = question_ids.as_ref().is_some_and(|ids| {
        !ids.is_empty()
            && ids
                .iter()
                .all(|id| card_of.get(id).is_some_and(|card| card.is_mature()))
    });

    BankProgress {
        bank: input.record.bank.clone(),
        title: loaded.map_or_else(
            || input.record.title.clone(),
            |loaded| loaded.bank.title.clone(),
        ),
        origin: input.record.origin.clone(),
        unavailable: input.loaded.as_ref().err().cloned(),
        questions: question_ids.as_ref().map(Vec::len),
        seen,
        mature,
        due_today,
        due_this_week,
        unseen: question_ids.as_ref().map(|ids| ids.len() - seen),
        next_due,
        retention_30d,
        mastered,
        answers_per_day,
        by_kind,
        by_claim,
        weak_spots,
        items,
        reviews: reviews.iter().map(|review| log_entry(review)).collect(),
    }
}

fn log_entry(review: &ReviewRecord) -> LogEntry {
    LogEntry {
        id: review.id,
        question: review.question.clone(),
        at: review.at.to_string(),
        source: review.source.as_str(),
        grade: review.grade.value(),
        grade_name: grade_name(review.grade),
        credit: review.credit,
        skipped: review.skipped,
        confidence: review.confidence,
        answer: review.answer.clone(),
        seconds: review.seconds,
        elapsed_days: review.elapsed_days,
        interval_days: review.interval_days,
        stability: review.stability,
        difficulty: review.difficulty,
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    right: usize,
    answers: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.answers += 1;
        self.right += usize::from(right);
    }

    fn rate(self) -> Rate {
        Rate::new(self.right, self.answers)
    }

    fn is_weak(self) -> bool {
        self.answers >= WEAK_MIN_ANSWERS && (self.right as f64) < WEAK_BELOW * self.answers as f64
    }
}

/// How to name an actor in a sentence: "the CNN anchor", "Khawaja Asif".
fn actor_phrase(loaded: &LoadedBank, id: &str) -> String {
    match loaded.bank.actor(id) {
        Some(actor) if actor.kind == crate::bank::ActorKind::Reporter => {
            "the report's own voice".to_string()
        }
        Some(actor) => actor.name.clone().unwrap_or_else(|| {
            let role = actor
                .role
                .strip_prefix("The ")
                .or(actor.role.strip_prefix("the "))
                .unwrap_or(&actor.role);
            format!("the {role}")
        }),
        None => id.to_string(),
    }
}

/// Accuracy per question kind and per claim over every answer (quizzes,
/// practice, reviews), and the weak spots among them, weakest first.
fn accuracy(
    loaded: &LoadedBank,
    reviews: &[&ReviewRecord],
) -> (Vec<Accuracy>, Vec<Accuracy>, Vec<String>) {
    let mut kinds: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut claims: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut attribution: BTreeMap<&str, Tally> = BTreeMap::new();
    for review in reviews {
        let Some(question) = loaded.question(&review.question) else {
            continue;
        };
        let right = review.is_right();
        let kind = question.common.kind;
        kinds
            .entry(kind.map_or(crate::wording::NONE, |kind| kind.as_str()))
            .or_default()
            .add(right);
        for claim in &question.common.claims {
            claims.entry(claim.as_str()).or_default().add(right);
            if kind == Some(crate::bank::QuestionKind::WhoSaid)
                && let Some(claim) = loaded.bank.claim(claim)
            {
                attribution.entry(claim.by.as_str()).or_default().add(right);
            }
        }
    }
    let by_kind: Vec<Accuracy> = kinds
        .iter()
        .map(|(key, tally)| Accuracy {
            key: (*key).to_string(),
            label: None,
            rate: tally.rate(),
        })
        .collect();
    let by_claim: Vec<Accuracy> = claims
        .iter()
        .map(|(key, tally)| Accuracy {
            key: (*key).to_string(),
            label: loaded.bank.claim(key).map(|claim| claim.text.clone()),
            rate: tally.rate(),
        })
        .collect();
    let mut weak: Vec<(Rate, String)> = Vec::new();
    for (actor, tally) in &attribution {
        if tally.is_weak() {
            weak.push((
                tally.rate(),
                format!(
                    "You often misattribute claims of {} ({} of {} right).",
                    actor_phrase(loaded, actor),
                    tally.right,
                    tally.answers
                ),
            ));
        }
    }
    for (kind, tally) in &kinds {
        if tally.is_weak() && *kind != crate::wording::NONE {
            weak.push((
                tally.rate(),
                format!(
                    "You often miss {kind} questions ({} of {} right).",
                    tally.right, tally.answers
                ),
            ));
        }
    }
    weak.sort_by(|a, b| a.0.share_cmp(&b.0));
    (
        by_kind,
        by_claim,
        weak.into_iter().take(3).map(|(_, text)| text).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::queue::tests::{at, record};
    use jiff::tz::Offset;

    fn answer(question: &str, when: &str) -> ReviewRecord {
        record(question, when, 1.0, false)
    }

    fn card(question: &str, due: &str) -> Card {
        queue::tests::card(question, due, "2026-11-01T09:00:00Z")
    }

    /// The progress of a bank that cannot be loaded (figures from the history alone).
    fn progress(
        cards: &[Card],
        reviews: &[ReviewRecord],
        now: &str,
        tz: &TimeZone,
    ) -> BankProgress {
        let record = BankRecord {
            bank: "b".into(),
            title: "B".into(),
            origin: "b.json".into(),
            last_used: at(now),
        };
        let input = BankInput {
            record: &record,
            loaded: Err("gone".into()),
            cards,
            reviews,
        };
        bank_progress(&input, at(now), tz, &Scheduler::default())
    }

    fn counts(progress: &BankProgress) -> Vec<(String, usize)> {
        progress
            .answers_per_day
            .iter()
            .filter(|day| day.answers > 0)
            .map(|day| (day.day.clone(), day.answers))
            .collect()
    }

    fn claim(key: &str, right: usize, answers: usize) -> Accuracy {
        Accuracy {
            key: key.into(),
            label: None,
            rate: Rate::new(right, answers),
        }
    }

    fn keys(claims: &[&Accuracy]) -> Vec<String> {
        claims.iter().map(|claim| claim.key.clone()).collect()
    }

    #[test]
    fn no_history_has_no_activity_no_weak_claims_and_nothing_to_practise() {
        let empty = progress(&[], &[], "2026-11-26T12:00:00Z", &TimeZone::UTC);
        assert_eq!(empty.answers_per_day.len(), 30);
        assert_eq!(empty.activity(), None);
        assert!(empty.weakest_claims(5).is_empty());
        assert!(
            !empty.has_practice_today(),
            "an unloadable bank has no known new questions"
        );
    }

    #[test]
    fn activity_counts_answers_active_days_and_the_busiest_day() {
        let reviews = [
            answer("q1", "2026-11-20T09:00:00Z"),
            answer("q2", "2026-11-20T10:00:00Z"),
            answer("q1", "2026-11-24T09:00:00Z"),
            answer("q2", "2026-11-24T09:01:00Z"),
            answer("q1", "2026-11-26T08:00:00Z"),
        ];
        let with_tie = progress(&[], &reviews, "2026-11-26T12:00:00Z", &TimeZone::UTC);
        assert_eq!(
            with_tie.activity(),
            Some(Activity {
                answers: 5,
                active_days: 3,
                busiest: 2
            }),
            "two days tie for the most answers: the busiest is their count, not their sum"
        );
        let cards = [card("q1", "2026-11-27")];
        let scheduled = progress(&cards, &[], "2026-11-26T12:00:00Z", &TimeZone::UTC);
        assert_eq!(scheduled.activity(), None, "cards alone are not answers");
        let one = progress(&[], &reviews[4..], "2026-11-26T12:00:00Z", &TimeZone::UTC);
        assert_eq!(
            one.activity(),
            Some(Activity {
                answers: 1,
                active_days: 1,
                busiest: 1
            })
        );
    }

    #[test]
    fn the_chart_counts_days_in_the_learners_time_zone() {
        // 13 hours ahead of UTC: 11:30Z is already tomorrow there.
        let ahead = TimeZone::fixed(Offset::constant(13));
        let reviews = [
            answer("q1", "2026-11-26T10:30:00Z"),
            answer("q1", "2026-11-26T11:30:00Z"),
        ];
        let chart = progress(&[], &reviews, "2026-11-26T20:00:00Z", &ahead);
        assert_eq!(chart.answers_per_day.last().unwrap().day, "2026-11-27");
        assert_eq!(
            counts(&chart),
            vec![("2026-11-26".to_string(), 1), ("2026-11-27".to_string(), 1)]
        );
        // Five hours west of UTC, 03:00Z is still the evening before.
        let behind = TimeZone::fixed(Offset::constant(-5));
        let late = [answer("q1", "2026-11-26T03:00:00Z")];
        let chart = progress(&[], &late, "2026-11-26T12:00:00Z", &behind);
        assert_eq!(counts(&chart), vec![("2026-11-25".to_string(), 1)]);
    }

    #[test]
    fn the_first_day_of_the_chart_is_counted_in_full_across_a_clock_change() {
        // Clocks went back on 1 November, so 30 days of 24 hours before 23:30
        // on 28 November is 00:30 on 30 October, the chart's first day.
        let new_york = TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let reviews = [
            answer("q1", "2026-10-30T03:50:00Z"), // 29 Oct 23:50: before the chart
            answer("q1", "2026-10-30T04:10:00Z"), // 30 Oct 00:10: its first day
            answer("q2", "2026-11-29T04:29:00Z"), // 28 Nov 23:29: its last day
        ];
        let chart = progress(&[], &reviews, "2026-11-29T04:30:00Z", &new_york);
        assert_eq!(chart.answers_per_day.first().unwrap().day, "2026-10-30");
        assert_eq!(chart.answers_per_day.last().unwrap().day, "2026-11-28");
        assert_eq!(
            counts(&chart),
            vec![("2026-10-30".to_string(), 1), ("2026-11-28".to_string(), 1)]
        );
    }

    #[test]
    fn due_figures_count_the_learners_today_and_six_days_more() {
        let cards = [
            card("q1", "2026-11-27"),
            card("q2", "2026-12-03"),
            card("q3", "2026-12-04"),
        ];
        // 20:00Z is already 27 November five hours east of UTC.
        let east = TimeZone::fixed(Offset::constant(5));
        let due = progress(&cards, &[], "2026-11-26T20:00:00Z", &east);
        assert_eq!((due.due_today, due.due_this_week), (1, 2));
        assert!(due.has_practice_today());
        let utc = progress(&cards, &[], "2026-11-26T20:00:00Z", &TimeZone::UTC);
        assert_eq!((utc.due_today, utc.due_this_week), (0, 1));
        assert!(!utc.has_practice_today());
        let mut unseen = utc.clone();
        unseen.unseen = Some(1);
        assert!(
            unseen.has_practice_today(),
            "a new question is practice too"
        );
        unseen.unseen = Some(0);
        assert!(!unseen.has_practice_today());
    }

    #[test]
    fn weakest_claims_come_lowest_share_first_then_most_answered_then_by_id() {
        let mut shown = progress(&[], &[], "2026-11-26T12:00:00Z", &TimeZone::UTC);
        shown.by_claim = vec![
            claim("all-right", 3, 3),
            claim("half", 1, 2),
            claim("third-of-3", 1, 3),
            claim("third-of-6", 2, 6),
            claim("zero", 0, 1),
            claim("b-tie", 1, 4),
            claim("a-tie", 1, 4),
        ];
        assert_eq!(
            keys(&shown.weakest_claims(10)),
            [
                "zero",
                "a-tie",
                "b-tie",
                "third-of-6",
                "third-of-3",
                "half",
                "all-right"
            ]
        );
        assert_eq!(keys(&shown.weakest_claims(2)), ["zero", "a-tie"]);
        assert!(shown.weakest_claims(0).is_empty());
    }

    #[test]
    fn a_weak_spot_needs_three_answers_and_less_than_60_percent_right() {
        let weak = |right, answers| Tally { right, answers }.is_weak();
        assert!(weak(0, 3) && weak(1, 3) && weak(2, 5) && weak(5, 9));
        assert!(!weak(0, 2), "two answers are too few");
        assert!(!weak(3, 5), "60% is not below 60%");
        assert!(!weak(2, 3) && !weak(6, 10));
    }

    #[test]
    fn weakest_claims_compare_exact_shares_not_rounded_rates() {
        let mut shown = progress(&[], &[], "2026-11-26T12:00:00Z", &TimeZone::UTC);
        // Both rates round to 0.3333, but 1 of 3 is the smaller share.
        shown.by_claim = vec![claim("many", 33_334, 100_000), claim("few", 1, 3)];
        assert!((shown.by_claim[0].rate.rate - shown.by_claim[1].rate.rate).abs() < f64::EPSILON);
        assert_eq!(keys(&shown.weakest_claims(2)), ["few", "many"]);
    }
}
