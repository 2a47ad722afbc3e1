//! The class report at scale: 100,000 attempts of a 40-question quiz in one
//! JSON Lines file (made in the setup in a temporary folder from real quiz
//! sessions: about 760 MB, as results of the bundled bank are: a response
//! of `crossexam-result/1` takes 144 bytes before its question id and
//! choices are written, so 40 of them make more than 5.8 KB a line),
//! reported by the `crossexam` binary, against a
//! named baseline in the same run: pandas computing the same item and test
//! statistics from the same file (`scripts/crosscheck.d/report_reference.py`,
//! in the cross-check virtual environment that `scripts/crosscheck
//! --install` makes). The last bench measures both programs' peak memory
//! with `/usr/bin/time -v`.
//!
//! `CROSSEXAM_BENCH_ATTEMPTS` sets a smaller class for a quick look.

#[path = "../tests/integration/class_fixture.rs"]
#[allow(dead_code, reason = "the tests use the rest of the fixture")]
mod class_fixture;

use class_fixture::{Sitting, attempt, bundled_bank, mix};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

const QUESTIONS: usize = 40;
/// Distinct real sessions the class is recombined from.
const POOL: usize = 400;

fn attempts() -> usize {
    std::env::var("CROSSEXAM_BENCH_ATTEMPTS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(100_000)
}

fn main() {
    divan::main();
}

/// The results file, made once.
fn input() -> &'static Path {
    static INPUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INPUT
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let path = dir.path().join("class.jsonl");
            write_class(&path, attempts());
            let size = std::fs::metadata(&path).expect("written").len();
            eprintln!(
                "input: {} attempts of {QUESTIONS} questions, {:.0} MB",
                attempts(),
                size as f64 / 1e6
            );
            (dir, path)
        })
        .1
}

/// A class recombined from real sessions of one 40-question quiz: attempt
/// k takes each answer from one of the pool's sessions, so every line is
/// a result the engine could have written.
fn write_class(path: &Path, count: usize) {
    let loaded = bundled_bank();
    let start: jiff::Timestamp = "2026-11-20T09:00:00Z".parse().unwrap();
    let pool: Vec<_> = (0..POOL)
        .map(|at| {
            attempt(
                &loaded,
                &Sitting {
                    learner: "pool",
                    preset: None,
                    count: Some(QUESTIONS),
                    seed: 11,
                    ability: 0.15 + 0.8 * at as f64 / POOL as f64,
                    salt: mix(at as u64),
                    start,
                    quit_before: None,
                },
            )
        })
        .collect();
    let mut out = BufWriter::new(std::fs::File::create(path).expect("the input file"));
    for k in 0..count {
        let band = k % POOL;
        let mut result = pool[band].clone();
        for (question, response) in result.responses.iter_mut().enumerate() {
            // Neighbouring abilities, so the class still has a spread.
            let other = (band + (mix((k * QUESTIONS + question) as u64) % 9) as usize) % POOL;
            *response = pool[other].responses[question].clone();
        }
        result.score = result.responses.iter().map(|r| r.points).sum();
        result.percent = 100.0 * result.score / result.max_score;
        result.learner = format!("learner-{k:06}");
        writeln!(out, "{}", result.to_json_line()).expect("written");
    }
    out.flush().expect("written");
}

fn crossexam() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crossexam"));
    command
        .arg("report")
        .arg(input())
        .args(["--format", "json"])
        .stdout(Stdio::null());
    command
}

fn pandas() -> Command {
    let tools = std::env::var_os("CROSSEXAM_CROSSCHECK_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(".crosscheck"),
        PathBuf::from,
    );
    let python = tools.join("venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `scripts/crosscheck --install` first (the baseline never skips)",
        python.display()
    );
    let mut command = Command::new(python);
    command
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/crosscheck.d/report_reference.py"))
        .arg(input())
        .stdout(Stdio::null());
    command
}

fn succeed(command: &mut Command) {
    let status = command.status().expect("the program runs");
    assert!(status.success(), "{command:?} failed: {status}");
}

/// `crossexam report class.jsonl --format json`: reading, grades, item and
/// test statistics, distractors, mastery, the JSON written.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn crossexam_report(bencher: divan::Bencher) {
    input();
    bencher.bench(|| succeed(&mut crossexam()));
}

/// Baseline: pandas/numpy item and test statistics of the same file (one
/// sample: it takes a minute or more at full size).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn pandas_item_statistics(bencher: divan::Bencher) {
    input();
    bencher.bench(|| succeed(&mut pandas()));
}

/// Peak resident memory and CPU time of both, from `/usr/bin/time -v`
/// (printed; the report must stay under 100 MB). CPU time does not depend
/// on how busy the machine is; wall time does.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn peak_memory(bencher: divan::Bencher) {
    input();
    bencher.bench(|| {
        let peak = |command: Command| {
            let output = Command::new("/usr/bin/time")
                .arg("-v")
                .arg(command.get_program())
                .args(command.get_args())
                .stdout(Stdio::null())
                .output()
                .expect("/usr/bin/time runs (Debian package `time`)");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let stderr = String::from_utf8_lossy(&output.stderr);
            let field = |name: &str| {
                stderr
                    .lines()
                    .find_map(|line| line.trim().strip_prefix(name))
                    .and_then(|value| value.parse::<f64>().ok())
                    .expect("time -v reports it")
            };
            (
                field("Maximum resident set size (kbytes): "),
                field("User time (seconds): ") + field("System time (seconds): "),
            )
        };
        let (ours, our_cpu) = peak(crossexam());
        let (theirs, their_cpu) = peak(pandas());
        eprintln!(
            "peak memory: crossexam report {:.1} MB, pandas {:.1} MB; CPU time (user + system): crossexam {our_cpu:.2} s, pandas {their_cpu:.2} s ({:.1}x)",
            ours / 1024.0,
            theirs / 1024.0,
            their_cpu / our_cpu
        );
        assert!(ours < 100.0 * 1024.0, "crossexam report used {ours} kB");
    });
}
