//! `draft` on a large generated report (the dev fixture reports, repeated
//! with numbered names until the text is about 1 MB and 5 MB), against a
//! named baseline in the same run: splitting the same text into lines and
//! words, the least any reader of it must do. Draft must stay linear: the
//! 5 MB report takes about five times the 1 MB one.

use crossexam::author::draft::{self, DraftOptions};

fn main() {
    divan::main();
}

const REPORTS: [&str; 6] = [
    include_str!("../tests/fixtures/reports/dev/pool-closure.txt"),
    include_str!("../tests/fixtures/reports/dev/bus-depot.txt"),
    include_str!("../tests/fixtures/reports/dev/school-meals.txt"),
    include_str!("../tests/fixtures/reports/dev/radio-interview.txt"),
    include_str!("../tests/fixtures/reports/dev/qa-transcript.txt"),
    include_str!("../tests/fixtures/reports/dev/flood-defences.txt"),
];

/// The fixture reports again and again, every name numbered so the cast grows.
fn report(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    let mut round = 0;
    while text.len() < bytes {
        for report in REPORTS {
            for line in report.lines() {
                // "Ines Duarte" → "Ines Duarte7": a new person each round.
                for word in line.split(' ') {
                    text.push_str(word);
                    if word.len() > 3
                        && word.starts_with(|c: char| c.is_uppercase())
                        && word.chars().all(char::is_alphabetic)
                    {
                        text.push_str(&round.to_string());
                    }
                    text.push(' ');
                }
                text.push('\n');
            }
        }
        round += 1;
    }
    text
}

const SIZES: [usize; 2] = [1 << 20, 5 << 20];

/// Baseline: every line and word of the same text.
#[divan::bench(args = SIZES, sample_count = 5)]
fn baseline_lines_and_words(bencher: divan::Bencher, bytes: usize) {
    let text = report(bytes);
    bencher.bench_local(|| {
        divan::black_box(&text)
            .lines()
            .map(|line| line.split_whitespace().count())
            .sum::<usize>()
    });
}

/// The whole draft: sentences, cast, clauses and the assembled bank.
#[divan::bench(args = SIZES, sample_count = 5)]
fn draft_report(bencher: divan::Bencher, bytes: usize) {
    let text = report(bytes);
    let options = DraftOptions {
        id: "bench",
        title: "Bench",
        source_name: "bench.txt",
    };
    bencher.bench_local(|| draft::draft(divan::black_box(&text), &options));
}
