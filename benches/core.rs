//! Benchmarks of the hot paths a classroom touches: loading a bank, planning
//! a quiz and scoring a whole attempt. Each has a named baseline in the same
//! run: parsing the same text into a plain `serde_json::Value`.

use crossexam::bank::{self, bundled};
use crossexam::quiz::plan::{OptionOverrides, QuizOptions, QuizPlan};
use crossexam::quiz::session::Session;

fn main() {
    divan::main();
}

fn bundled_text() -> &'static str {
    bundled::BUNDLED[0].2
}

/// Baseline: `serde_json` alone, no typing, validation or generators.
#[divan::bench]
fn baseline_parse_json_value() -> serde_json::Value {
    serde_json::from_str(divan::black_box(bundled_text())).expect("JSON")
}

/// Parse, type, validate, hash and find the generated questions.
#[divan::bench]
fn load_bundled_bank() -> bank::LoadedBank {
    bank::load_str("bundled", divan::black_box(bundled_text())).expect("bank")
}

/// Draw and shuffle the full exam (every question) for one seed.
#[divan::bench]
fn plan_full_exam(bencher: divan::Bencher) {
    let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bank");
    let every_question = OptionOverrides {
        count: Some(loaded.questions().len()),
        ..OptionOverrides::default()
    };
    let options = QuizOptions::resolve(&loaded, Some("exam"), &every_question).expect("preset");
    let mut seed = 0u64;
    bencher.bench_local(|| {
        seed += 1;
        QuizPlan::new(&loaded, options.clone(), seed).expect("plan")
    });
}

/// Draw the default ten-question class check (support balance, give-away ordering) for one seed.
#[divan::bench]
fn plan_class_check(bencher: divan::Bencher) {
    let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bank");
    let options = QuizOptions::resolve(&loaded, None, &OptionOverrides::default()).expect("preset");
    let mut seed = 0u64;
    bencher.bench_local(|| {
        seed += 1;
        QuizPlan::new(&loaded, options.clone(), seed).expect("plan")
    });
}

/// Answer and score every question of the full exam (all skips but parsing and grading each line).
#[divan::bench]
fn score_full_exam(bencher: divan::Bencher) {
    let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bank");
    let overrides = OptionOverrides {
        count: Some(loaded.questions().len()),
        confidence: Some(false),
        ..OptionOverrides::default()
    };
    let options = QuizOptions::resolve(&loaded, Some("exam"), &overrides).expect("preset");
    let plan = QuizPlan::new(&loaded, options, 1).expect("plan");
    let now: jiff::Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
    let lines: Vec<&str> = plan
        .questions
        .iter()
        .map(
            |planned| match planned.question.body.question_type().as_str() {
                "single" | "multiple" => "a",
                "true-false" => "t",
                "numeric" => "5",
                "match" => "1a 2b",
                "order" => "",
                _ => "Asif",
            },
        )
        .collect();
    bencher.bench_local(|| {
        let mut session = Session::new(plan.clone(), now);
        for line in &lines {
            session.submit(&loaded.bank, line, now);
        }
        session.score()
    });
}
