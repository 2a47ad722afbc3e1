//! Cross-checks `crossexam::practice::fsrs` against the reference FSRS-6
//! implementation, the Python package `fsrs` (py-fsrs), through
//! `tests/fsrs_reference.py`.
//!
//! `scripts/crosscheck` installs `fsrs==6.3.2` in the cross-check virtual
//! environment; when it is missing the test fails (it never skips).

use std::io::Write as _;
use std::process::{Command, Stdio};

use crossexam::practice::fsrs::{Grade, MemoryState, Scheduler};
use serde_json::{Value, json};

/// Largest relative difference allowed for stability and difficulty. The port
/// repeats py-fsrs's arithmetic and matches it bit for bit on glibc, but
/// `serde_json`'s default float parser may be one ulp off, and another
/// platform's `pow` may differ in the last bits.
const TOLERANCE: f64 = 1e-4;

/// Delays between reviews, in days, that the generated sequences draw from.
const DELAYS: [u32; 6] = [0, 1, 3, 10, 40, 200];

/// One review: the grade (1..=4) and the whole days since the previous review
/// (ignored for a sequence's first review).
type Step = (u8, u32);

/// Hand-picked sequences: every first grade, same-day reviews after each
/// grade, lapses at short and long delays, and long runs of one grade. (The
/// 36 500-day cap is out of reach with these delays; the module's unit tests
/// cover it.)
#[rustfmt::skip]
fn handpicked_sequences() -> Vec<Vec<Step>> {
    vec![
        vec![(1, 0)],
        vec![(2, 0)],
        vec![(3, 0)],
        vec![(4, 0)],
        vec![(1, 0), (1, 0), (1, 0)],
        vec![(4, 0), (4, 0), (4, 0)],
        vec![(3, 0), (3, 1), (3, 3), (3, 10), (3, 40), (3, 200)],
        vec![(4, 0), (4, 3), (4, 10), (4, 40), (4, 200), (4, 200), (4, 200), (4, 200)],
        vec![(3, 0), (3, 10), (3, 40), (3, 200), (3, 200), (3, 200), (3, 200), (3, 200)],
        vec![(2, 0), (2, 1), (2, 1), (2, 3), (2, 3), (2, 10), (2, 10), (2, 40)],
        vec![(1, 0), (1, 1), (1, 3), (1, 10), (1, 40), (1, 200)],
        vec![(3, 0), (1, 200)],
        vec![(4, 0), (1, 200), (3, 0), (3, 1)],
        vec![(3, 0), (3, 3), (1, 10), (4, 0)],
        vec![(3, 0), (2, 0), (3, 0), (4, 0), (1, 0), (3, 1)],
        vec![(1, 0), (3, 1), (3, 3), (1, 10), (3, 1), (3, 3), (3, 10), (3, 40)],
        vec![(2, 0), (4, 200)],
        vec![(4, 0), (2, 1), (2, 1), (1, 1)],
        vec![(3, 0), (4, 40), (1, 3), (2, 0), (3, 10), (4, 200)],
        vec![(1, 0), (4, 0), (1, 0), (4, 0), (1, 0), (4, 0), (1, 0), (4, 0)],
        vec![(3, 0), (3, 0), (3, 0), (3, 0), (3, 0), (3, 0), (3, 0), (3, 0)],
        vec![(2, 0), (1, 40), (1, 40), (2, 40), (3, 40)],
        vec![(4, 0), (3, 10), (1, 200), (1, 1), (3, 3), (4, 10), (3, 40)],
        vec![(3, 0), (3, 1), (1, 0), (2, 0), (3, 3), (3, 10), (1, 40), (3, 1)],
        vec![(1, 0), (2, 3), (3, 10), (4, 40), (4, 200)],
        vec![(4, 0), (4, 1), (4, 1), (4, 1), (4, 1)],
    ]
}

/// More fixed sequences from a small linear congruential generator, so the
/// set covers mixed grades and delays without listing them all by hand.
fn generated_sequences(count: usize) -> Vec<Vec<Step>> {
    let mut state: u64 = 0x5EED_F5C5;
    let mut next = move |bound: u64| -> u64 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    (0..count)
        .map(|_| {
            let len = 1 + next(8) as usize;
            (0..len)
                .map(|_| {
                    let grade = 1 + next(4) as u8;
                    let delay = DELAYS[next(DELAYS.len() as u64) as usize];
                    (grade, delay)
                })
                .collect()
        })
        .collect()
}

fn all_sequences() -> Vec<Vec<Step>> {
    let mut sequences = handpicked_sequences();
    sequences.extend(generated_sequences(40));
    sequences
}

fn sequences_json(sequences: &[Vec<Step>]) -> Value {
    Value::Array(
        sequences
            .iter()
            .map(|sequence| {
                Value::Array(
                    sequence
                        .iter()
                        .map(|&(grade, days)| json!({"grade": grade, "days_after_previous": days}))
                        .collect(),
                )
            })
            .collect(),
    )
}

/// Runs `tests/fsrs_reference.py` on the sequences and returns its JSON.
fn run_reference(input: &Value) -> Value {
    let script = crate::harness::repo_path("scripts/crosscheck.d/fsrs_reference.py");
    let python = super::python().display().to_string();
    let hint = "the FSRS reference test needs the cross-check virtual environment: \
                run `scripts/crosscheck` (this test never skips)";

    let mut child = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("could not start `{python}`: {err}; {hint}"));

    let payload = serde_json::to_vec(input).expect("serialize review sequences");
    let mut stdin = child.stdin.take().expect("child stdin is piped");
    let writer = std::thread::spawn(move || stdin.write_all(&payload));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|err| panic!("`{python} {}` failed: {err}; {hint}", script.display()));
    let written = writer.join().expect("stdin writer thread panicked");

    assert!(
        output.status.success(),
        "`{python} {}` exited with {}; {hint}\n--- stderr ---\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    written.unwrap_or_else(|err| panic!("could not write to `{python}`'s stdin: {err}; {hint}"));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "reference output is not JSON: {err}\n--- stdout ---\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn relative_difference(actual: f64, expected: f64) -> f64 {
    (actual - expected).abs() / expected.abs().max(f64::MIN_POSITIVE)
}

fn field_f64(review: &Value, name: &str, at: &str) -> f64 {
    review[name]
        .as_f64()
        .unwrap_or_else(|| panic!("{at}: reference `{name}` is not a number: {review}"))
}

#[test]
fn scheduler_matches_py_fsrs() {
    let sequences = all_sequences();
    assert!(sequences.len() >= 24);
    let reference = run_reference(&sequences_json(&sequences));

    let version = reference["fsrs_version"].as_str().unwrap_or("?");
    assert!(
        version.starts_with("6."),
        "expected py-fsrs 6.x (pin: `pip install fsrs==6.3.2`), found fsrs {version}"
    );
    let expected = reference["sequences"]
        .as_array()
        .expect("reference output has a `sequences` list");
    assert_eq!(expected.len(), sequences.len(), "one result per sequence");

    let scheduler = Scheduler::default();
    let mut reviews = 0_usize;
    let mut worst_stability = 0.0_f64;
    let mut worst_difficulty = 0.0_f64;
    let mut failures = Vec::new();

    for (index, (sequence, expected_reviews)) in sequences.iter().zip(expected).enumerate() {
        let expected_reviews = expected_reviews
            .as_array()
            .unwrap_or_else(|| panic!("sequence {index}: reference result is not a list"));
        assert_eq!(
            expected_reviews.len(),
            sequence.len(),
            "sequence {index}: one result per review"
        );
        let mut previous: Option<MemoryState> = None;
        for (step, (&(grade, days), want)) in sequence.iter().zip(expected_reviews).enumerate() {
            let at = format!("sequence {index} {sequence:?}, review {step}");
            let grade = Grade::try_from(grade).expect("fixed grades are 1..=4");
            let (state, interval) = scheduler.review(previous, f64::from(days), grade);
            previous = Some(state);
            reviews += 1;

            let want_stability = field_f64(want, "stability", &at);
            let want_difficulty = field_f64(want, "difficulty", &at);
            let want_interval = want["interval_days"]
                .as_u64()
                .unwrap_or_else(|| panic!("{at}: reference `interval_days` is not a count"));

            let stability_diff = relative_difference(state.stability, want_stability);
            let difficulty_diff = relative_difference(state.difficulty, want_difficulty);
            worst_stability = worst_stability.max(stability_diff);
            worst_difficulty = worst_difficulty.max(difficulty_diff);

            if stability_diff > TOLERANCE
                || difficulty_diff > TOLERANCE
                || u64::from(interval) != want_interval
            {
                failures.push(format!(
                    "{at}: ours S={} D={} interval={interval}, \
                     py-fsrs S={want_stability} D={want_difficulty} interval={want_interval}",
                    state.stability, state.difficulty
                ));
            }
        }
    }

    println!(
        "compared {} sequences, {reviews} reviews against py-fsrs {version}; \
         largest relative difference: stability {worst_stability:e}, difficulty {worst_difficulty:e}",
        sequences.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {reviews} reviews differ from py-fsrs {version}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
