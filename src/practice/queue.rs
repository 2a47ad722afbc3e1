//! The practice queue, pure: how an answer becomes an FSRS grade, how a
//! card's schedule moves after a review, which questions are due, which new
//! ones to introduce, what extra practice (cram) asks, and which mistakes
//! `review` brings back. Time and the learner's time zone are passed in;
//! "days" are the learner's calendar days, as in Anki: an item due on a day
//! is due from that day's midnight, and the elapsed days handed to FSRS are
//! the calendar days between two reviews.

use super::fsrs::{Grade, MemoryState, Scheduler};
use crate::quiz::grade::Verdict;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// A card counts as mature from this interval on (Anki's threshold).
pub const MATURE_DAYS: u32 = 21;

/// How far back `review` looks for mistakes.
pub const MISTAKE_WINDOW_DAYS: i64 = 30;

/// At most this many questions in one round of extra practice.
pub const CRAM_SIZE: usize = 20;

/// One question's schedule for one learner: its FSRS memory state and due day.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub question: String,
    pub stability: f64,
    pub difficulty: f64,
    /// The interval the last scheduled review gave, in days.
    pub interval_days: u32,
    /// The calendar day the card is due.
    pub due: Date,
    pub last_review: Timestamp,
    pub first_review: Timestamp,
    /// Scheduled reviews so far.
    pub reps: u32,
    /// Scheduled reviews graded Again after the first.
    pub lapses: u32,
}

impl Card {
    pub fn memory(&self) -> MemoryState {
        MemoryState {
            stability: self.stability,
            difficulty: self.difficulty,
        }
    }

    pub fn is_mature(&self) -> bool {
        self.interval_days >= MATURE_DAYS
    }
}

/// Where an answer was given. Only practice moves the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerSource {
    /// A scheduled practice review (`crossexam practice`).
    Practice,
    /// Extra practice when nothing is due: logged, schedule unchanged.
    Cram,
    /// Re-asking mistakes (`crossexam review`): logged, schedule unchanged.
    Review,
    /// An answer in a quiz (`crossexam run`): logged, schedule unchanged.
    Quiz,
}

impl AnswerSource {
    pub const ALL: [AnswerSource; 4] = [
        AnswerSource::Practice,
        AnswerSource::Cram,
        AnswerSource::Review,
        AnswerSource::Quiz,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AnswerSource::Practice => "practice",
            AnswerSource::Cram => "cram",
            AnswerSource::Review => "review",
            AnswerSource::Quiz => "quiz",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|source| source.as_str() == text)
    }

    /// Whether an answer from here changes the card's schedule.
    pub fn schedules(self) -> bool {
        self == AnswerSource::Practice
    }
}

/// One answer in the review log.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRecord {
    pub id: i64,
    pub bank: String,
    pub question: String,
    pub at: Timestamp,
    pub source: AnswerSource,
    pub grade: Grade,
    pub credit: f64,
    pub skipped: bool,
    pub confidence: Option<u8>,
    /// The line as typed.
    pub answer: String,
    pub seconds: Option<f64>,
    /// Calendar days since the card's previous scheduled review (0 for a new card).
    pub elapsed_days: u32,
    /// What a scheduled review set: the new interval and memory state.
    pub interval_days: Option<u32>,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
}

impl ReviewRecord {
    pub fn is_right(&self) -> bool {
        Verdict::of(self.credit, self.skipped).is_right()
    }
}

/// The grade an answer earns, derived and never asked: a skip or no credit
/// is Again, partial credit is Hard, full credit is Good, and full credit
/// given with confidence 3 is Easy.
pub fn grade_for(credit: f64, skipped: bool, confidence: Option<u8>) -> Grade {
    match Verdict::of(credit, skipped) {
        Verdict::Skipped | Verdict::Wrong => Grade::Again,
        Verdict::Partly => Grade::Hard,
        Verdict::Right if confidence == Some(3) => Grade::Easy,
        Verdict::Right => Grade::Good,
    }
}

/// The learner's calendar day of a moment.
pub fn day_of(at: Timestamp, tz: &TimeZone) -> Date {
    at.to_zoned_datetime(tz.clone()).date()
}

/// Whole calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// `day` plus `days` days (saturating at the calendar's ends).
pub fn add_days(day: Date, days: i64) -> Date {
    day.checked_add(jiff::Span::new().days(days.clamp(-7_000_000, 7_000_000)))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Calendar days since the card's last scheduled review (0 for no card).
pub fn elapsed_days(card: Option<&Card>, now: Timestamp, tz: &TimeZone) -> u32 {
    card.map_or(0, |card| {
        days_between(day_of(card.last_review, tz), day_of(now, tz)).clamp(0, i64::from(u32::MAX))
            as u32
    })
}

/// The card after a scheduled review graded `grade` at `now`.
pub fn schedule(
    previous: Option<&Card>,
    question: &str,
    grade: Grade,
    now: Timestamp,
    tz: &TimeZone,
    scheduler: &Scheduler,
) -> Card {
    let elapsed = elapsed_days(previous, now, tz);
    let (memory, interval_days) =
        scheduler.review(previous.map(Card::memory), f64::from(elapsed), grade);
    Card {
        question: question.to_string(),
        stability: memory.stability,
        difficulty: memory.difficulty,
        interval_days,
        due: add_days(day_of(now, tz), i64::from(interval_days)),
        last_review: now,
        first_review: previous.map_or(now, |card| card.first_review),
        reps: previous.map_or(0, |card| card.reps).saturating_add(1),
        lapses: previous.map_or(0, |card| card.lapses)
            + u32::from(previous.is_some() && grade == Grade::Again),
    }
}

/// Probability of recall now, by FSRS, for a card.
pub fn retrievability(card: &Card, now: Timestamp, tz: &TimeZone, scheduler: &Scheduler) -> f64 {
    scheduler.retrievability(card.stability, f64::from(elapsed_days(Some(card), now, tz)))
}

/// What one practice session asks, and what it leaves for later.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PracticeQueue {
    /// Due reviews to ask now, most overdue first.
    pub due: Vec<String>,
    /// New questions to introduce now, in bank order.
    pub new: Vec<String>,
    /// All due reviews (more than `due` holds when the limit cut them).
    pub due_total: usize,
    /// Questions of the bank never practised.
    pub unseen: usize,
    /// New questions already introduced today.
    pub introduced_today: usize,
}

impl PracticeQueue {
    /// Due reviews first, then new questions.
    pub fn questions(&self) -> Vec<String> {
        self.due.iter().chain(&self.new).cloned().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.due.is_empty() && self.new.is_empty()
    }
}

/// The cards of questions that are still in the bank, keyed by question id.
/// Cards of removed questions are ignored.
fn cards_in_bank<'a>(questions: &[&str], cards: &'a [Card]) -> HashMap<&'a str, &'a Card> {
    cards
        .iter()
        .filter(|card| questions.contains(&card.question.as_str()))
        .map(|card| (card.question.as_str(), card))
        .collect()
}

/// New questions introduced (first practised) on `today`.
pub fn introduced_on(cards: &[Card], today: Date, tz: &TimeZone) -> usize {
    cards
        .iter()
        .filter(|card| day_of(card.first_review, tz) == today)
        .count()
}

/// The session's queue: due reviews (due on or before `today`, most overdue
/// first, ties in bank order), at most `limit`; then questions never
/// practised, in bank order, up to what is left of `new_per_day` after the
/// `introduced_today` already introduced today.
pub fn practice_queue(
    questions: &[&str],
    cards: &[Card],
    today: Date,
    limit: usize,
    new_per_day: usize,
    introduced_today: usize,
) -> PracticeQueue {
    let known = cards_in_bank(questions, cards);
    let mut due: Vec<(Date, usize, &str)> = questions
        .iter()
        .enumerate()
        .filter_map(|(position, id)| {
            known
                .get(id)
                .filter(|card| card.due <= today)
                .map(|card| (card.due, position, *id))
        })
        .collect();
    due.sort_unstable();
    let due_total = due.len();
    let unseen: Vec<&str> = questions
        .iter()
        .filter(|id| !known.contains_key(*id))
        .copied()
        .collect();
    let allowance = new_per_day.saturating_sub(introduced_today);
    PracticeQueue {
        due: due
            .into_iter()
            .take(limit)
            .map(|(_, _, id)| id.to_string())
            .collect(),
        new: unseen
            .iter()
            .take(allowance)
            .map(|id| (*id).to_string())
            .collect(),
        due_total,
        unseen: unseen.len(),
        introduced_today,
    }
}

/// The earliest due day among the bank's cards, and how many cards are due then.
pub fn next_due(questions: &[&str], cards: &[Card]) -> Option<(Date, usize)> {
    let known = cards_in_bank(questions, cards);
    let first = known.values().map(|card| card.due).min()?;
    Some((
        first,
        known.values().filter(|card| card.due == first).count(),
    ))
}

/// What is due after a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Due on or before today (still waiting).
    pub due_today: usize,
    /// Due tomorrow exactly.
    pub due_tomorrow: usize,
    /// Due on or before the sixth day after today.
    pub due_this_week: usize,
    /// The first due day after today.
    pub next: Option<Date>,
}

/// The outlook on `today` of the bank's cards (cards of removed questions
/// are ignored).
pub fn outlook(questions: &[&str], cards: &[Card], today: Date) -> Outlook {
    let known = cards_in_bank(questions, cards);
    let due_by = |day: Date| known.values().filter(|card| card.due <= day).count();
    let tomorrow = add_days(today, 1);
    Outlook {
        due_today: due_by(today),
        due_tomorrow: known.values().filter(|card| card.due == tomorrow).count(),
        due_this_week: due_by(add_days(today, 6)),
        next: known
            .values()
            .map(|card| card.due)
            .filter(|due| *due > today)
            .min(),
    }
}

/// Extra practice: the bank's practised questions, weakest (lowest
/// probability of recall) first, or the first questions of the bank when
/// none has been practised; at most `limit`.
pub fn cram_queue(
    questions: &[&str],
    cards: &[Card],
    now: Timestamp,
    tz: &TimeZone,
    scheduler: &Scheduler,
    limit: usize,
) -> Vec<String> {
    let known = cards_in_bank(questions, cards);
    if known.is_empty() {
        return questions
            .iter()
            .take(limit)
            .map(|id| (*id).to_string())
            .collect();
    }
    let mut seen: Vec<(f64, usize, &str)> = questions
        .iter()
        .enumerate()
        .filter_map(|(position, id)| {
            known
                .get(id)
                .map(|card| (retrievability(card, now, tz, scheduler), position, *id))
        })
        .collect();
    seen.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    seen.into_iter()
        .take(limit)
        .map(|(_, _, id)| id.to_string())
        .collect()
}

/// The questions to re-ask in `review`, in bank order: those answered wrong
/// (a skip or less than full credit, in a quiz or in practice) in the last
/// [`MISTAKE_WINDOW_DAYS`] days and not answered right since.
pub fn mistakes(questions: &[&str], reviews: &[ReviewRecord], now: Timestamp) -> Vec<String> {
    let since = now.as_millisecond() - MISTAKE_WINDOW_DAYS * 86_400_000;
    let mut last_wrong: HashMap<&str, i64> = HashMap::new();
    let mut last_right: HashMap<&str, i64> = HashMap::new();
    for review in reviews {
        let at = review.at.as_millisecond();
        let map = if review.is_right() {
            &mut last_right
        } else {
            &mut last_wrong
        };
        let entry = map.entry(review.question.as_str()).or_insert(i64::MIN);
        *entry = (*entry).max(at);
    }
    questions
        .iter()
        .filter(|id| {
            last_wrong.get(*id).is_some_and(|wrong| {
                *wrong >= since && last_right.get(*id).is_none_or(|right| right < wrong)
            })
        })
        .map(|id| (*id).to_string())
        .collect()
}

/// The shuffling seed of a practice day: its date as a number, `20261125`.
pub fn day_seed(day: Date) -> u64 {
    let number =
        i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day());
    number.unsigned_abs()
}

/// Builders of cards and answers, shared with the progress tests.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    pub(crate) fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    pub(crate) fn card(question: &str, due: &str, last: &str) -> Card {
        Card {
            question: question.into(),
            stability: 2.3065,
            difficulty: 2.1,
            interval_days: 2,
            due: day(due),
            last_review: at(last),
            first_review: at(last),
            reps: 1,
            lapses: 0,
        }
    }

    pub(crate) fn record(question: &str, when: &str, credit: f64, skipped: bool) -> ReviewRecord {
        ReviewRecord {
            id: 0,
            bank: "b".into(),
            question: question.into(),
            at: at(when),
            source: AnswerSource::Quiz,
            grade: grade_for(credit, skipped, None),
            credit,
            skipped,
            confidence: None,
            answer: String::new(),
            seconds: None,
            elapsed_days: 0,
            interval_days: None,
            stability: None,
            difficulty: None,
        }
    }

    #[test]
    fn the_outlook_counts_today_tomorrow_and_six_days_more() {
        let cards = [
            card("overdue", "2026-11-20", "2026-11-18T09:00:00Z"),
            card("today", "2026-11-25", "2026-11-23T09:00:00Z"),
            card("tomorrow", "2026-11-26", "2026-11-24T09:00:00Z"),
            card("sixth", "2026-12-01", "2026-11-24T09:00:00Z"),
            card("seventh", "2026-12-02", "2026-11-24T09:00:00Z"),
            card("removed", "2026-11-26", "2026-11-24T09:00:00Z"),
        ];
        let questions = ["overdue", "today", "tomorrow", "sixth", "seventh"];
        assert_eq!(
            outlook(&questions, &cards, day("2026-11-25")),
            Outlook {
                due_today: 2,
                due_tomorrow: 1,
                due_this_week: 4,
                next: Some(day("2026-11-26")),
            }
        );
        assert_eq!(
            outlook(&["overdue", "seventh"], &cards, day("2026-11-25")),
            Outlook {
                due_today: 1,
                due_tomorrow: 0,
                due_this_week: 1,
                next: Some(day("2026-12-02")),
            }
        );
        assert_eq!(
            outlook(&questions, &[], day("2026-11-25")),
            Outlook {
                due_today: 0,
                due_tomorrow: 0,
                due_this_week: 0,
                next: None,
            }
        );
    }

    #[test]
    fn grades_are_derived_from_credit_and_confidence() {
        assert_eq!(grade_for(0.0, false, None), Grade::Again);
        assert_eq!(grade_for(0.0, false, Some(3)), Grade::Again);
        assert_eq!(grade_for(1.0, true, None), Grade::Again, "a skip is Again");
        assert_eq!(grade_for(0.5, false, Some(3)), Grade::Hard);
        assert_eq!(grade_for(0.999, false, None), Grade::Hard);
        assert_eq!(grade_for(1.0, false, None), Grade::Good);
        assert_eq!(grade_for(1.0, false, Some(1)), Grade::Good);
        assert_eq!(grade_for(1.0, false, Some(2)), Grade::Good);
        assert_eq!(grade_for(1.0, false, Some(3)), Grade::Easy);
        assert_eq!(grade_for(f64::NAN, false, None), Grade::Again);
    }

    #[test]
    fn first_reviews_follow_fsrs_defaults() {
        let scheduler = Scheduler::default();
        let now = at("2026-11-25T09:00:00Z");
        let tz = TimeZone::UTC;
        let intervals: Vec<u32> = Grade::ALL
            .iter()
            .map(|grade| schedule(None, "q", *grade, now, &tz, &scheduler).interval_days)
            .collect();
        // S0 = w[0..4] = 0.212, 1.2931, 2.3065, 8.2956; at 90% retention the interval is S rounded, at least 1.
        assert_eq!(intervals, vec![1, 1, 2, 8]);
        let good = schedule(None, "q", Grade::Good, now, &tz, &scheduler);
        assert_eq!(good.due, day("2026-11-27"));
        assert_eq!((good.reps, good.lapses), (1, 0));
        assert_eq!(good.first_review, now);
    }

    #[test]
    fn later_reviews_count_calendar_days_and_lapses() {
        let scheduler = Scheduler::default();
        let tz = TimeZone::UTC;
        let first = schedule(
            None,
            "q",
            Grade::Good,
            at("2026-11-25T21:00:00Z"),
            &tz,
            &scheduler,
        );
        // Next morning is one calendar day later, though less than 24 hours.
        let later = at("2026-11-26T08:00:00Z");
        assert_eq!(elapsed_days(Some(&first), later, &tz), 1);
        let second = schedule(Some(&first), "q", Grade::Again, later, &tz, &scheduler);
        let (expected, interval) = scheduler.review(Some(first.memory()), 1.0, Grade::Again);
        assert_eq!(
            (second.stability, second.difficulty),
            (expected.stability, expected.difficulty)
        );
        assert_eq!(second.interval_days, interval);
        assert_eq!((second.reps, second.lapses), (2, 1));
        assert_eq!(second.first_review, first.first_review);
        // The same day: elapsed 0 (the same-day formula).
        assert_eq!(
            elapsed_days(Some(&second), at("2026-11-26T23:59:00Z"), &tz),
            0
        );
    }

    #[test]
    fn days_follow_the_learners_time_zone() {
        let tz = TimeZone::fixed(jiff::tz::offset(-8));
        assert_eq!(day_of(at("2026-11-25T05:00:00Z"), &tz), day("2026-11-24"));
        assert_eq!(
            day_of(at("2026-11-25T05:00:00Z"), &TimeZone::UTC),
            day("2026-11-25")
        );
    }

    #[test]
    fn due_queue_orders_overdue_first_and_limits() {
        let questions = ["a", "b", "c", "d", "e", "f"];
        let cards = vec![
            card("c", "2026-11-25", "2026-11-23T09:00:00Z"),
            card("b", "2026-11-20", "2026-11-18T09:00:00Z"),
            card("a", "2026-11-30", "2026-11-24T09:00:00Z"),
            card("d", "2026-11-25", "2026-11-23T09:00:00Z"),
            card("gone", "2026-11-01", "2026-10-30T09:00:00Z"),
        ];
        let queue = practice_queue(&questions, &cards, day("2026-11-25"), 10, 10, 0);
        assert_eq!(
            queue.due,
            vec!["b", "c", "d"],
            "most overdue first, then bank order; removed questions ignored"
        );
        assert_eq!(queue.new, vec!["e", "f"]);
        assert_eq!((queue.due_total, queue.unseen), (3, 2));
        assert_eq!(queue.questions(), vec!["b", "c", "d", "e", "f"]);

        let limited = practice_queue(&questions, &cards, day("2026-11-25"), 2, 1, 0);
        assert_eq!(limited.due, vec!["b", "c"]);
        assert_eq!(limited.due_total, 3);
        assert_eq!(limited.new, vec!["e"]);
    }

    #[test]
    fn new_questions_are_a_daily_allowance() {
        let questions = ["a", "b", "c", "d"];
        let queue = practice_queue(&questions, &[], day("2026-11-25"), 10, 3, 2);
        assert_eq!(queue.new, vec!["a"], "2 of 3 already introduced today");
        let none = practice_queue(&questions, &[], day("2026-11-25"), 10, 3, 5);
        assert!(none.is_empty());
        assert_eq!(none.unseen, 4);
        let tz = TimeZone::UTC;
        let cards = vec![
            card("a", "2026-11-27", "2026-11-25T08:00:00Z"),
            card("b", "2026-11-27", "2026-11-24T08:00:00Z"),
        ];
        assert_eq!(introduced_on(&cards, day("2026-11-25"), &tz), 1);
    }

    #[test]
    fn nothing_due_before_the_due_day() {
        let questions = ["a"];
        let cards = vec![card("a", "2026-11-27", "2026-11-25T09:00:00Z")];
        assert!(practice_queue(&questions, &cards, day("2026-11-26"), 10, 0, 0).is_empty());
        assert_eq!(
            practice_queue(&questions, &cards, day("2026-11-27"), 10, 0, 0).due,
            vec!["a"]
        );
        assert_eq!(next_due(&questions, &cards), Some((day("2026-11-27"), 1)));
        assert_eq!(next_due(&["x"], &cards), None);
    }

    #[test]
    fn cram_asks_the_weakest_first() {
        let scheduler = Scheduler::default();
        let tz = TimeZone::UTC;
        let now = at("2026-11-26T09:00:00Z");
        let mut weak = card("b", "2026-11-26", "2026-11-20T09:00:00Z");
        weak.stability = 0.5;
        let strong = card("a", "2026-12-26", "2026-11-25T09:00:00Z");
        let cards = vec![strong, weak];
        assert_eq!(
            cram_queue(&["a", "b", "c"], &cards, now, &tz, &scheduler, 10),
            vec!["b", "a"]
        );
        assert_eq!(
            cram_queue(&["a", "b", "c"], &cards, now, &tz, &scheduler, 1),
            vec!["b"]
        );
        assert_eq!(
            cram_queue(&["x", "y", "z"], &cards, now, &tz, &scheduler, 2),
            vec!["x", "y"]
        );
    }

    #[test]
    fn mistakes_come_back_until_answered_right() {
        let now = at("2026-11-25T09:00:00Z");
        let reviews = vec![
            record("a", "2026-11-20T09:00:00Z", 0.0, false),
            record("b", "2026-11-20T09:00:00Z", 0.0, false),
            record("b", "2026-11-21T09:00:00Z", 1.0, false),
            record("c", "2026-10-01T09:00:00Z", 0.0, false),
            record("d", "2026-11-24T09:00:00Z", 0.5, false),
            record("e", "2026-11-24T09:00:00Z", 0.0, true),
            record("f", "2026-11-22T09:00:00Z", 1.0, false),
            record("f", "2026-11-23T09:00:00Z", 0.0, false),
            record("gone", "2026-11-23T09:00:00Z", 0.0, false),
        ];
        let questions = ["a", "b", "c", "d", "e", "f"];
        assert_eq!(
            mistakes(&questions, &reviews, now),
            vec!["a", "d", "e", "f"]
        );
    }

    #[test]
    fn day_seed_is_the_date() {
        assert_eq!(day_seed(day("2026-11-25")), 20_261_125);
    }
}
