//! The quiz session: a pure state machine (question → answer → feedback →
//! next) that the keyboard and scripted front ends both drive. Time is
//! passed in with every call; nothing here prints or reads.

use super::answer::{ConfidenceRule, Line, Response, parse_line};
use super::grade::{Grading, Verdict, cbm_mark, grade};
use super::plan::{PlannedQuestion, QuizPlan};
use crate::bank::Bank;
use jiff::Timestamp;

/// How a quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// Every question was answered or skipped.
    Finished,
    /// `:q`.
    Quit,
    /// End of input at the keyboard.
    EndOfInput,
    /// Ctrl-C.
    Interrupted,
    /// The time limit ran out (with or without an answer arriving late).
    TimeUp,
}

impl EndReason {
    /// The name results use.
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Finished => "finished",
            EndReason::Quit => "quit",
            EndReason::EndOfInput => "end-of-input",
            EndReason::Interrupted => "interrupted",
            EndReason::TimeUp => "time-up",
        }
    }

    pub fn is_complete(self) -> bool {
        matches!(self, EndReason::Finished | EndReason::TimeUp)
    }
}

/// The answer given to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The line as typed (without the trailing newline).
    pub line: String,
    /// `None` for a skip.
    pub response: Option<Response>,
    pub confidence: Option<u8>,
    pub grading: Grading,
    /// Points earned: `points × credit`.
    pub points: f64,
    /// Confidence-based mark, when marking is on.
    pub cbm: Option<f64>,
    pub seconds: f64,
    /// The question's own time limit ran out before an answer came (scored as a skip).
    pub timed_out: bool,
}

impl Answered {
    pub fn skipped(&self) -> bool {
        self.response.is_none()
    }

    /// How the answer went.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(self.grading.credit, self.skipped())
    }
}

/// What happened to a submitted line.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    /// `:h`: show help and ask again.
    Help,
    /// The line did not parse: explain and ask again; nothing was scored.
    Invalid(String),
    /// Scored; `index` is the question's position in the plan.
    Answered { index: usize },
    /// The quiz is over.
    Ended(EndReason),
}

/// What the clock did to a quiz ([`Session::tick`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// Nothing ran out.
    Running,
    /// The current question's own limit ran out: it was recorded as
    /// unanswered (0 points) and the next one is current.
    QuestionTimedOut { index: usize },
    /// The quiz is over (the whole-quiz limit ran out, or the last question's did).
    Ended(EndReason),
}

/// A quiz in progress.
#[derive(Debug, Clone)]
pub struct Session {
    pub plan: QuizPlan,
    pub answers: Vec<Option<Answered>>,
    pub started_at: Timestamp,
    pub ended: Option<(EndReason, Timestamp)>,
    pub confidence: ConfidenceRule,
    position: usize,
    asked_at: Timestamp,
}

impl Session {
    pub fn new(plan: QuizPlan, now: Timestamp) -> Self {
        let confidence = if plan.options.confidence {
            ConfidenceRule::Required
        } else {
            ConfidenceRule::Off
        };
        let count = plan.questions.len();
        Session {
            plan,
            answers: vec![None; count],
            started_at: now,
            ended: None,
            confidence,
            position: 0,
            asked_at: now,
        }
    }

    /// The question waiting for an answer, with its position.
    pub fn current(&self) -> Option<(usize, &PlannedQuestion)> {
        if self.ended.is_some() {
            return None;
        }
        self.plan
            .questions
            .get(self.position)
            .map(|planned| (self.position, planned))
    }

    /// When the time limit runs out, if there is one.
    pub fn deadline(&self) -> Option<Timestamp> {
        let seconds = i64::try_from(self.plan.options.time_limit_s?).ok()?;
        self.started_at
            .checked_add(jiff::SignedDuration::from_secs(seconds))
            .ok()
    }

    /// Seconds left before the deadline (never negative).
    pub fn seconds_left(&self, now: Timestamp) -> Option<i64> {
        self.deadline()
            .map(|deadline| (deadline.as_second() - now.as_second()).max(0))
    }

    /// When the current question's own limit runs out, if the quiz has one.
    pub fn question_deadline(&self) -> Option<Timestamp> {
        self.current()?;
        let seconds = i64::try_from(self.plan.options.question_time_limit_s?).ok()?;
        self.asked_at
            .checked_add(jiff::SignedDuration::from_secs(seconds))
            .ok()
    }

    /// Seconds left for the current question (never negative).
    pub fn question_seconds_left(&self, now: Timestamp) -> Option<i64> {
        self.question_deadline()
            .map(|deadline| (deadline.as_second() - now.as_second()).max(0))
    }

    /// Seconds left of whichever limit runs out first: the quiz's or the question's.
    pub fn time_left(&self, now: Timestamp) -> Option<i64> {
        match (self.seconds_left(now), self.question_seconds_left(now)) {
            (Some(quiz), Some(question)) => Some(quiz.min(question)),
            (quiz, question) => quiz.or(question),
        }
    }

    /// The limit in force for the current question, in seconds (for the warning threshold).
    pub fn limit_in_force(&self, now: Timestamp) -> Option<u64> {
        let quiz = self.plan.options.time_limit_s;
        let question = self.plan.options.question_time_limit_s;
        match (self.seconds_left(now), self.question_seconds_left(now)) {
            (Some(q), Some(p)) if p < q => question,
            (Some(_), _) => quiz,
            (None, Some(_)) => question,
            (None, None) => None,
        }
    }

    /// Lets the clock act without an answer: ends the quiz when its time
    /// limit has run out, and records the current question as unanswered
    /// when its own limit has. The keyboard front end calls this on a timer.
    pub fn tick(&mut self, now: Timestamp) -> Tick {
        if let Some((reason, _)) = self.ended {
            return Tick::Ended(reason);
        }
        if self.deadline().is_some_and(|deadline| now >= deadline) {
            self.end(EndReason::TimeUp, now);
            return Tick::Ended(EndReason::TimeUp);
        }
        if self
            .question_deadline()
            .is_some_and(|deadline| now >= deadline)
        {
            let index = self.position;
            self.record(index, String::new(), None, None, None, true, now);
            return match self.ended {
                Some((reason, _)) => Tick::Ended(reason),
                None => Tick::QuestionTimedOut { index },
            };
        }
        Tick::Running
    }

    /// Marks the current question as shown at `now` (its answer time starts here).
    pub fn mark_asked(&mut self, now: Timestamp) {
        self.asked_at = now;
    }

    /// Handles one line for the current question.
    pub fn submit(&mut self, bank: &Bank, raw: &str, now: Timestamp) -> Submission {
        let Some((index, planned)) = self.current() else {
            return Submission::Ended(self.ended.map_or(EndReason::Finished, |(reason, _)| reason));
        };
        let line = raw.trim_end_matches(['\n', '\r']).to_string();
        // Once time is up, whatever arrives (an answer, a command, a bad line) ends the quiz.
        if self.deadline().is_some_and(|deadline| now > deadline) {
            self.end(EndReason::TimeUp, now);
            return Submission::Ended(EndReason::TimeUp);
        }
        // An answer after the question's own limit is not scored either.
        if self
            .question_deadline()
            .is_some_and(|deadline| now > deadline)
        {
            self.record(index, line, None, None, None, true, now);
            return match self.ended {
                Some((reason, _)) => Submission::Ended(reason),
                None => Submission::Answered { index },
            };
        }
        let parsed = match parse_line(&line, planned, self.confidence) {
            Ok(parsed) => parsed,
            Err(error) => return Submission::Invalid(error.0),
        };
        let (response, confidence) = match parsed {
            Line::Command(super::answer::Command::Help) => return Submission::Help,
            Line::Command(super::answer::Command::Quit) => {
                self.end(EndReason::Quit, now);
                return Submission::Ended(EndReason::Quit);
            }
            Line::Skip => (None, None),
            Line::Answer {
                response,
                confidence,
            } => (Some(response), confidence),
        };
        let grading = response
            .as_ref()
            .map(|response| grade(bank, planned, response));
        self.record(index, line, response, confidence, grading, false, now);
        Submission::Answered { index }
    }

    /// Records the answer to question `index` (`grading` is `None` for a
    /// skip) and moves on, ending the quiz after the last question.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        index: usize,
        line: String,
        response: Option<Response>,
        confidence: Option<u8>,
        grading: Option<Grading>,
        timed_out: bool,
        now: Timestamp,
    ) {
        let points_on_offer = self.plan.questions[index].question.points();
        let grading = grading.unwrap_or(Grading {
            credit: 0.0,
            feedback: Vec::new(),
            selected: Vec::new(),
        });
        let cbm = (self.confidence == ConfidenceRule::Required).then(|| match confidence {
            Some(level) if response.is_some() => cbm_mark(points_on_offer, grading.credit, level),
            _ => 0.0,
        });
        let seconds =
            (now.as_millisecond() - self.asked_at.as_millisecond()).max(0) as f64 / 1000.0;
        self.answers[index] = Some(Answered {
            line,
            points: points_on_offer * grading.credit,
            response,
            confidence,
            grading,
            cbm,
            seconds,
            timed_out,
        });
        self.position += 1;
        self.asked_at = now;
        if self.position == self.plan.questions.len() {
            self.end(EndReason::Finished, now);
        }
    }

    /// Ends the quiz early (end of input, Ctrl-C) or on time.
    pub fn end(&mut self, reason: EndReason, now: Timestamp) {
        // Quitting after the deadline does not escape it; Ctrl-C stays an interruption.
        let reason = match reason {
            EndReason::Quit | EndReason::EndOfInput
                if self.deadline().is_some_and(|deadline| now > deadline) =>
            {
                EndReason::TimeUp
            }
            other => other,
        };
        if self.ended.is_none() {
            self.ended = Some((reason, now));
        }
    }

    /// For a match answer that leaves lefts unpaired: `(paired, lefts)`, so
    /// the front end can ask before scoring it (anything else: `None`).
    pub fn missing_pairs(&self, raw: &str) -> Option<(usize, usize)> {
        let (_, planned) = self.current()?;
        let super::plan::Arrangement::Match { lefts, .. } = &planned.arrangement else {
            return None;
        };
        match parse_line(raw, planned, self.confidence) {
            Ok(Line::Answer {
                response: Response::Match(pairs),
                ..
            }) if pairs.len() < lefts.len() => Some((pairs.len(), lefts.len())),
            _ => None,
        }
    }

    /// Points earned so far.
    pub fn score(&self) -> f64 {
        self.answers
            .iter()
            .flatten()
            .map(|answered| answered.points)
            .sum()
    }

    /// Confidence-based total, when marking is on.
    pub fn cbm_score(&self) -> Option<f64> {
        (self.confidence == ConfidenceRule::Required).then(|| {
            self.answers
                .iter()
                .flatten()
                .filter_map(|answered| answered.cbm)
                .sum()
        })
    }

    /// Number of questions answered (skips included).
    pub fn answered_count(&self) -> usize {
        self.answers.iter().flatten().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled;
    use crate::quiz::plan::{OptionOverrides, QuizOptions};

    fn session(time_limit_s: Option<u64>) -> (crate::bank::LoadedBank, Session, Timestamp) {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let overrides = OptionOverrides {
            time_limit_s,
            count: Some(3),
            ..OptionOverrides::default()
        };
        let options = QuizOptions::resolve(&loaded, None, &overrides).expect("options");
        let plan = QuizPlan::new(&loaded, options, 5).expect("plan");
        let start: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        let session = Session::new(plan, start);
        (loaded, session, start)
    }

    fn later(start: Timestamp, seconds: i64) -> Timestamp {
        start
            .checked_add(jiff::SignedDuration::from_secs(seconds))
            .unwrap()
    }

    #[test]
    fn an_answer_after_the_deadline_is_not_scored_and_ends_the_quiz() {
        let (loaded, mut session, start) = session(Some(60));
        assert_eq!(
            session.submit(&loaded.bank, "", later(start, 30)),
            Submission::Answered { index: 0 }
        );
        assert_eq!(session.seconds_left(later(start, 45)), Some(15));
        assert_eq!(
            session.submit(&loaded.bank, "", later(start, 61)),
            Submission::Ended(EndReason::TimeUp)
        );
        assert!(
            session.answers[1].is_none(),
            "the late answer is not recorded"
        );
        assert!(session.current().is_none());
        let result = crate::report::QuizResult::from_session(&session, "t", later(start, 61));
        assert!(result.complete);
        assert_eq!(result.ended, crate::report::Ended::TimeUp);
        assert_eq!(result.responses.len(), 3);
        assert!(result.responses[1].skipped && result.responses[2].skipped);
    }

    #[test]
    fn the_clock_ends_the_quiz_with_no_answer() {
        let (_, mut session, start) = session(Some(60));
        assert_eq!(session.tick(later(start, 59)), Tick::Running);
        assert_eq!(session.time_left(later(start, 59)), Some(1));
        assert_eq!(
            session.tick(later(start, 60)),
            Tick::Ended(EndReason::TimeUp)
        );
        assert_eq!(session.answered_count(), 0);
        let result = crate::report::QuizResult::from_session(&session, "t", later(start, 60));
        assert!(result.complete);
        assert_eq!(result.ended, crate::report::Ended::TimeUp);
        assert!(result.score.abs() < 1e-9);
    }

    #[test]
    fn a_question_limit_moves_on_and_scores_nothing() {
        let (loaded, mut session, start) = session(None);
        session.plan.options.question_time_limit_s = Some(20);
        assert_eq!(session.limit_in_force(start), Some(20));
        assert_eq!(session.tick(later(start, 19)), Tick::Running);
        assert_eq!(
            session.tick(later(start, 20)),
            Tick::QuestionTimedOut { index: 0 }
        );
        let first = session.answers[0].as_ref().unwrap();
        assert!(first.timed_out && first.skipped() && first.points == 0.0);
        // The next question's own clock starts when the first ran out; a late answer is not scored.
        assert_eq!(session.time_left(later(start, 30)), Some(10));
        assert_eq!(
            session.submit(&loaded.bank, "", later(start, 41)),
            Submission::Answered { index: 1 }
        );
        assert!(session.answers[1].as_ref().unwrap().timed_out);
        session.mark_asked(later(start, 41));
        assert_eq!(
            session.tick(later(start, 61)),
            Tick::Ended(EndReason::Finished)
        );
    }

    #[test]
    fn the_nearer_limit_is_in_force() {
        let (_, mut session, start) = session(Some(100));
        session.plan.options.question_time_limit_s = Some(30);
        assert_eq!(session.time_left(start), Some(30));
        assert_eq!(session.limit_in_force(start), Some(30));
        session.mark_asked(later(start, 90));
        assert_eq!(session.time_left(later(start, 90)), Some(10));
        assert_eq!(session.limit_in_force(later(start, 90)), Some(100));
    }

    #[test]
    fn quitting_after_the_deadline_is_still_time_up() {
        let (loaded, mut quitting, start) = session(Some(60));
        assert_eq!(
            quitting.submit(&loaded.bank, ":q", later(start, 90)),
            Submission::Ended(EndReason::TimeUp)
        );
        let (_, mut other, start) = session(Some(60));
        other.end(EndReason::EndOfInput, later(start, 61));
        assert_eq!(
            other.ended.map(|(reason, _)| reason),
            Some(EndReason::TimeUp)
        );
    }

    #[test]
    fn invalid_lines_and_help_score_nothing() {
        let (loaded, mut session, start) = session(None);
        assert!(matches!(
            session.submit(&loaded.bank, "zz9", start),
            Submission::Invalid(_)
        ));
        assert_eq!(session.submit(&loaded.bank, ":h", start), Submission::Help);
        assert_eq!(session.answered_count(), 0);
        assert_eq!(
            session.submit(&loaded.bank, ":q", later(start, 5)),
            Submission::Ended(EndReason::Quit)
        );
        let result = crate::report::QuizResult::from_session(&session, "t", later(start, 9));
        assert!(!result.complete);
        assert_eq!(result.passed, None);
        assert_eq!(result.finished_at.to_string(), "2026-11-25T09:00:05Z");
    }

    #[test]
    fn answer_time_is_measured_from_when_the_question_was_shown() {
        let (loaded, mut session, start) = session(None);
        session.mark_asked(later(start, 10));
        session.submit(&loaded.bank, "", later(start, 14));
        assert!((session.answers[0].as_ref().unwrap().seconds - 4.0).abs() < 1e-9);
    }
}
