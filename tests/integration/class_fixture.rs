//! A synthetic class, made deterministically through the real quiz engine:
//! each learner has an ability, answers each planned question right with
//! that probability (a fixed hash, no RNG state), and the session's result
//! is what `run --results` would write. Shared by the integration tests,
//! the cross-check set and the report benchmark (`#[path]`-included).

use crossexam::bank::{LoadedBank, QuestionBody, bundled};
use crossexam::quiz::plan::{Arrangement, OptionOverrides, QuizOptions, QuizPlan};
use crossexam::quiz::session::Session;
use crossexam::report::QuizResult;
use jiff::{SignedDuration, Timestamp};

/// `SplitMix64`: a fixed, well-mixed hash of a number.
pub fn mix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

/// A fraction in [0, 1) from `salt` and `index`.
fn chance(salt: u64, index: usize) -> f64 {
    (mix(salt ^ mix(index as u64)) >> 11) as f64 / (1u64 << 53) as f64
}

pub fn bundled_bank() -> LoadedBank {
    bundled::load(bundled::DEFAULT_BANK).expect("the bundled bank loads")
}

/// The answer line a learner gives: the right answer when `right`, else a
/// wrong (or partly right) one picked by `pick`.
fn answer_line(planned: &crossexam::quiz::plan::PlannedQuestion, right: bool, pick: u64) -> String {
    let letter = |position: usize| char::from(b'a' + position as u8).to_string();
    match (&planned.question.body, &planned.arrangement) {
        (
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices },
            Arrangement::Choices(order),
        ) => {
            let (correct, wrong): (Vec<usize>, Vec<usize>) =
                (0..order.len()).partition(|&at| choices[order[at]].correct);
            let picked = if right || wrong.is_empty() {
                correct
            } else {
                vec![wrong[(pick % wrong.len() as u64) as usize]]
            };
            picked.into_iter().map(letter).collect::<Vec<_>>().join(" ")
        }
        (QuestionBody::TrueFalse { answer, .. }, _) => {
            if *answer == right { "t" } else { "f" }.to_string()
        }
        (QuestionBody::Short { answers, .. }, _) => {
            if right {
                answers[0].text.clone()
            } else {
                "nobody".to_string()
            }
        }
        (QuestionBody::Numeric { answer, .. }, _) => {
            let given = if right { *answer } else { answer + 1000.0 };
            format!("{given}")
        }
        (QuestionBody::Match { pairs, .. }, Arrangement::Match { lefts, rights }) => {
            if !right {
                return "-".to_string();
            }
            lefts
                .iter()
                .enumerate()
                .map(|(number, &left)| {
                    let target = rights
                        .iter()
                        .position(|text| *text == pairs[left].right)
                        .expect("every right is shown");
                    format!("{}{}", number + 1, letter(target))
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        (QuestionBody::Order { items }, Arrangement::Order(order)) => {
            if right {
                (0..items.len())
                    .map(|item| letter(order.iter().position(|&at| at == item).unwrap()))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                // The displayed order, never the right one: partial credit at most.
                (0..order.len()).map(letter).collect::<Vec<_>>().join(" ")
            }
        }
        _ => "-".to_string(),
    }
}

/// One learner's attempt.
pub struct Sitting<'a> {
    pub learner: &'a str,
    pub preset: Option<&'a str>,
    /// `--count`.
    pub count: Option<usize>,
    pub seed: u64,
    /// Chance of answering each question right.
    pub ability: f64,
    /// Varies the answers between attempts of the same learner.
    pub salt: u64,
    pub start: Timestamp,
    /// Quit (`:q`) before this question, leaving the attempt incomplete.
    pub quit_before: Option<usize>,
}

/// The result of one sitting, as `run --results` would write it.
pub fn attempt(loaded: &LoadedBank, sitting: &Sitting) -> QuizResult {
    let overrides = OptionOverrides {
        count: sitting.count,
        ..OptionOverrides::default()
    };
    let options =
        QuizOptions::resolve(loaded, sitting.preset, &overrides).expect("the preset resolves");
    let plan = QuizPlan::new(loaded, options, sitting.seed).expect("a plan");
    let mut session = Session::new(plan, sitting.start);
    let mut now = sitting.start;
    while let Some((index, planned)) = session.current().map(|(at, q)| (at, q.clone())) {
        now += SignedDuration::from_secs(15 + (mix(sitting.salt ^ index as u64) % 40) as i64);
        if sitting.quit_before == Some(index) {
            session.submit(&loaded.bank, ":q", now);
            break;
        }
        let right = chance(sitting.salt, index) < sitting.ability;
        let line = answer_line(
            &planned,
            right,
            mix(sitting.salt.wrapping_add(index as u64)),
        );
        session.mark_asked(now - SignedDuration::from_secs(10));
        session.submit(&loaded.bank, &line, now);
    }
    QuizResult::from_session(&session, sitting.learner, now)
}

/// The fixed class of the snapshot tests: 30 results of the bundled bank's
/// `class-check` preset. Learners 1–24 share seed 7; learners 25–27 have
/// seeds of their own (another question set); learners 3 and 4 sit the quiz
/// a second time; learner 5's second sitting was quit half way.
pub fn class_of_thirty(loaded: &LoadedBank) -> Vec<QuizResult> {
    let start: Timestamp = "2026-11-20T09:00:00Z".parse().unwrap();
    let names: Vec<String> = (1..=27).map(|n| format!("learner-{n:02}")).collect();
    let mut results = Vec::new();
    for (at, name) in names.iter().enumerate() {
        let seed = if at < 24 { 7 } else { 100 + at as u64 };
        results.push(attempt(
            loaded,
            &Sitting {
                learner: name,
                preset: Some("class-check"),
                count: None,
                seed,
                ability: 0.2 + 0.75 * at as f64 / 26.0,
                salt: mix(at as u64),
                start: start + SignedDuration::from_mins(at as i64),
                quit_before: None,
            },
        ));
    }
    for (at, quit) in [(2, None), (3, None), (4, Some(5))] {
        results.push(attempt(
            loaded,
            &Sitting {
                learner: &names[at],
                preset: Some("class-check"),
                count: None,
                seed: 7,
                ability: 0.9,
                salt: mix(1000 + at as u64),
                start: start + SignedDuration::from_hours(24),
                quit_before: quit,
            },
        ));
    }
    results
}
