//! The quiz a practice or review session asks: the questions the queue
//! chose, each shuffled as the day's seed shuffles it, in an order where
//! none gives away a later one's key; immediate feedback, and a confidence
//! may be added to any answer. Pure: the time is passed in.

use crate::bank::{FeedbackMode, LoadedBank};
use crate::quiz::answer::ConfidenceRule;
use crate::quiz::plan::{PlanError, QuizOptions, QuizPlan, order_without_giveaways};
use crate::quiz::session::Session;
use jiff::Timestamp;

/// Every question of the bank, in bank order, immediate feedback.
fn practice_options(loaded: &LoadedBank) -> QuizOptions {
    QuizOptions {
        preset: None,
        title: loaded.bank.title.clone(),
        count: None,
        tags: Vec::new(),
        kinds: Vec::new(),
        feedback: FeedbackMode::Immediate,
        time_limit_s: None,
        question_time_limit_s: None,
        pass_mark: None,
        confidence: false,
        support_balance: None,
    }
}

/// The plan asking the questions `ids` (ids the bank does not hold are
/// left out, a repeated id is asked once), each shuffled as `seed`
/// shuffles it, ordered so none gives away a later one's key.
pub fn practice_plan(
    loaded: &LoadedBank,
    ids: &[String],
    seed: u64,
) -> Result<QuizPlan, PlanError> {
    let mut plan = QuizPlan::new(loaded, practice_options(loaded), seed)?;
    let mut asked = std::collections::HashSet::new();
    let questions = ids
        .iter()
        .filter(|id| asked.insert(id.as_str()))
        .filter_map(|id| {
            plan.questions
                .iter()
                .find(|planned| planned.question.id() == id)
                .cloned()
        })
        .collect();
    plan.questions = order_without_giveaways(&loaded.bank, questions, true);
    Ok(plan)
}

/// A session asking [`practice_plan`], started at `now`, in which a
/// confidence may be added to any answer.
pub fn practice_session(
    loaded: &LoadedBank,
    ids: &[String],
    seed: u64,
    now: Timestamp,
) -> Result<Session, PlanError> {
    let mut session = Session::new(practice_plan(loaded, ids, seed)?, now);
    session.confidence = ConfidenceRule::Optional;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled;

    fn loaded() -> LoadedBank {
        bundled::load(bundled::DEFAULT_BANK).expect("the bundled bank")
    }

    fn ids(plan: &QuizPlan) -> Vec<String> {
        plan.questions
            .iter()
            .map(|planned| planned.question.id().to_string())
            .collect()
    }

    fn sorted(mut ids: Vec<String>) -> Vec<String> {
        ids.sort();
        ids
    }

    #[test]
    fn asks_exactly_the_queued_questions() {
        let loaded = loaded();
        let queued: Vec<String> = loaded
            .questions()
            .iter()
            .rev()
            .step_by(3)
            .map(|question| question.id().to_string())
            .collect();
        let plan = practice_plan(&loaded, &queued, 7).expect("plan");
        assert_eq!(sorted(ids(&plan)), sorted(queued));
        assert_eq!(plan.options.feedback, FeedbackMode::Immediate);
        assert_eq!(plan.options.count, None);
    }

    #[test]
    fn unknown_and_repeated_ids_are_asked_never_and_once() {
        let loaded = loaded();
        let first = loaded.questions()[0].id().to_string();
        let queued = vec![first.clone(), "no-such-question".into(), first.clone()];
        let plan = practice_plan(&loaded, &queued, 1).expect("plan");
        assert_eq!(ids(&plan), [first]);
        assert!(
            practice_plan(&loaded, &[], 1)
                .expect("plan")
                .questions
                .is_empty()
        );
    }

    #[test]
    fn the_seed_decides_the_shuffle_and_nothing_else() {
        let loaded = loaded();
        let queued: Vec<String> = loaded
            .questions()
            .iter()
            .map(|question| question.id().to_string())
            .collect();
        let once = practice_plan(&loaded, &queued, 42).expect("plan");
        let again = practice_plan(&loaded, &queued, 42).expect("plan");
        assert_eq!(once, again);
        let other = practice_plan(&loaded, &queued, 43).expect("plan");
        assert_eq!(sorted(ids(&once)), sorted(ids(&other)));
    }

    #[test]
    fn the_queue_order_gives_way_only_to_give_aways() {
        let loaded = loaded();
        let queued: Vec<String> = loaded
            .questions()
            .iter()
            .rev()
            .map(|question| question.id().to_string())
            .collect();
        let plan = practice_plan(&loaded, &queued, 3).expect("plan");
        // The queue's order, each question as the seed shuffles it, then
        // reordered only where one would give a later one's key away.
        let shuffled = QuizPlan::new(&loaded, practice_options(&loaded), 3).expect("plan");
        let in_queue_order = queued
            .iter()
            .filter_map(|id| {
                shuffled
                    .questions
                    .iter()
                    .find(|planned| planned.question.id() == id)
                    .cloned()
            })
            .collect();
        let expected = order_without_giveaways(&loaded.bank, in_queue_order, true);
        assert_eq!(plan.questions, expected);
    }

    #[test]
    fn a_practice_session_takes_confidence_on_any_answer() {
        let loaded = loaded();
        let now: Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
        let ids = vec![loaded.questions()[0].id().to_string()];
        let session = practice_session(&loaded, &ids, 1, now).expect("session");
        assert_eq!(session.confidence, ConfidenceRule::Optional);
        assert_eq!(session.plan.questions.len(), 1);
    }
}
