//! Scale: `check` and the work of `run --plan` on a generated bank just
//! under the 16 MiB limit, once clean and once with an error on every
//! question, against the named baseline in the same run: parsing the same
//! bytes into a plain `serde_json::Value`. The target is at most three
//! times the baseline (linear work: positions come from one line index,
//! each finding is located inside its own question), in time and in peak
//! heap (divan's `max alloc`, against the file size).

use crossexam::bank::{self, bundled};
use crossexam::commands::check_text;
use crossexam::quiz::plan::{OptionOverrides, QuizOptions, QuizPlan};
use serde_json::Value;
use std::sync::OnceLock;

/// Counts the heap: divan's `max alloc` row is each benchmark's peak heap
/// use (the bank text itself is made before the samples and not counted).
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// Just under the bank size limit.
const TARGET_BYTES: usize = 16 * 1024 * 1024 - 256 * 1024;

/// The bundled bank with its questions copied (new ids) until the text
/// reaches [`TARGET_BYTES`]; with `findings`, every question also cites a
/// claim that does not exist (an `unknown-ref` error on each).
fn generated(findings: bool) -> String {
    let mut document: Value = serde_json::from_str(bundled::BUNDLED[0].2).expect("bundled bank");
    let object = document.as_object_mut().expect("an object");
    object.remove("quizzes");
    object.remove("default_quiz");
    let originals = object["questions"].as_array().expect("questions").clone();
    let copies = |count: usize| -> Vec<Value> {
        (0..count)
            .map(|index| {
                let mut question = originals[index % originals.len()].clone();
                let copy = index / originals.len();
                let id = format!("{}-{copy}", question["id"].as_str().expect("id"));
                question["id"] = Value::String(id);
                if findings {
                    let object = question.as_object_mut().expect("a question object");
                    let claims = object
                        .entry("claims")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    let claims = claims.as_array_mut().expect("claims");
                    claims.push(Value::String(format!("no-such-claim-{copy}")));
                }
                question
            })
            .collect()
    };
    // Grow the question list in proportion until the text is just under the target.
    let mut count = originals.len();
    loop {
        document["questions"] = Value::Array(copies(count));
        let text = serde_json::to_string_pretty(&document).expect("JSON");
        if text.len() > TARGET_BYTES - 64 * 1024 && text.len() <= TARGET_BYTES {
            return text;
        }
        count = (count as f64 * (TARGET_BYTES - 32 * 1024) as f64 / text.len() as f64) as usize;
    }
}

fn clean_bank() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| generated(false))
}

fn findings_bank() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| generated(true))
}

fn bank(findings: bool) -> &'static str {
    if findings {
        findings_bank()
    } else {
        clean_bank()
    }
}

const ARGS: [bool; 2] = [false, true];

/// Counts what is printed without keeping it, as a terminal or a pipe would.
#[derive(Default)]
struct Printed(usize);

impl std::io::Write for Printed {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Baseline: the same bytes into a `serde_json::Value`.
#[divan::bench(args = ARGS, sample_count = 5, sample_size = 1)]
fn baseline_parse_json_value(findings: bool) -> Value {
    serde_json::from_slice(divan::black_box(bank(findings).as_bytes())).expect("JSON")
}

/// `check BANK`: parse, type, validate, lint, locate and render every finding.
#[divan::bench(args = ARGS, sample_count = 5, sample_size = 1)]
fn check(findings: bool) -> usize {
    let text = bank(findings);
    let report = check_text("big.json", divan::black_box(text), None);
    let mut rendered = Printed::default();
    for diagnostic in &report.diagnostics {
        crossexam::term::errors::diagnostic(&mut rendered, diagnostic, &report.text)
            .expect("render");
    }
    assert!(
        !findings || report.diagnostics.len() > 1000,
        "a finding on every question"
    );
    rendered.0
}

/// `run BANK --plan --json`: load, plan every question, print the plan (or,
/// with findings, the load error with every diagnostic).
#[divan::bench(args = ARGS, sample_count = 5, sample_size = 1)]
fn run_plan(findings: bool) -> usize {
    let text = bank(findings);
    let mut printed = Printed::default();
    match bank::load_str("big.json", divan::black_box(text)) {
        Ok(loaded) => {
            let options =
                QuizOptions::resolve(&loaded, None, &OptionOverrides::default()).expect("options");
            let plan = QuizPlan::drawn(&loaded, options, 1).expect("plan");
            crossexam::json::write_pretty(&mut printed, &plan.document()).expect("plan JSON");
        }
        Err(error) => {
            crossexam::term::errors::render(&mut printed, &crossexam::Error::Bank(error))
                .expect("render");
        }
    }
    printed.0
}
