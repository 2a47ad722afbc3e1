//! Benchmarks of the LMS formats: importing a generated 50,000-question
//! GIFT file (about 10 MB: single, multiple, true/false, short, numeric and
//! matching questions in turn, with feedback, weights, ranges and escapes)
//! and exporting 100,000 questions to each format.
//!
//! Baseline for the import: gift-pegjs (npm) parsing the same file in the
//! same run, when `scripts/crosscheck` has installed it into
//! `.crosscheck/node_modules`: its MB/s is printed before the benchmarks.
//! The file is written to `target/formats-bench-50k.gift`.

use crossexam::bank::{
    Bank, Choice, LoadedBank, MatchPair, NumericRange, Question, QuestionBody, QuestionCommon,
    ShortAnswer,
};
use crossexam::formats::{Exporter, Importer, gift, markdown, moodle_xml, qti};
use std::path::Path;
use std::sync::LazyLock;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("target/formats-bench-50k.gift");
    let _ = std::fs::write(&path, GIFT_50K.as_bytes());
    eprintln!(
        "GIFT import input: {} questions, {} bytes, written to {}",
        50_000,
        GIFT_50K.len(),
        path.display()
    );
    gift_pegjs_baseline(root, &path);
    divan::main();
}

/// Times gift-pegjs parsing the file (`scripts/crosscheck.d/gift_parse.js`).
fn gift_pegjs_baseline(root: &Path, file: &Path) {
    let modules = root.join(".crosscheck/node_modules");
    if !modules.join("gift-pegjs").is_dir() {
        eprintln!("baseline: gift-pegjs is not installed; run `scripts/crosscheck --install`");
        return;
    }
    let output = std::process::Command::new("node")
        .arg(root.join("scripts/crosscheck.d/gift_parse.js"))
        .arg(file)
        .arg("--time")
        .env("NODE_PATH", &modules)
        .output();
    let timing = output
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| serde_json::from_slice::<serde_json::Value>(&output.stdout).ok());
    match timing {
        Some(timing) => {
            let bytes = timing["bytes"].as_f64().unwrap_or(f64::NAN);
            let ms = timing["ms"].as_f64().unwrap_or(f64::NAN);
            eprintln!(
                "baseline: gift-pegjs parsed {} questions in {ms:.0} ms: {:.2} MB/s",
                timing["questions"],
                bytes / ms / 1000.0
            );
        }
        None => eprintln!("baseline: gift-pegjs did not run (is `node` on PATH?)"),
    }
}

const WORDS: [&str; 16] = [
    "minister",
    "claimed",
    "report",
    "evidence",
    "per:",
    "strikes",
    "denied",
    "sources",
    "official",
    "statement",
    "the",
    "said",
    "camps",
    "media",
    "interview",
    "verify",
];

fn sentence(seed: usize, words: usize) -> String {
    (0..words)
        .map(|index| WORDS[(seed * 7 + index * 13) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn question(index: usize) -> Question {
    let choice = |n: usize, correct: bool, credit: Option<f64>| Choice {
        id: None,
        text: format!("{} {n}", sentence(index + n, 3)),
        correct,
        credit,
        feedback: Some(sentence(index + n + 1, 2)),
    };
    let body = match index % 6 {
        0 => QuestionBody::Single {
            choices: vec![
                choice(1, true, None),
                choice(2, false, Some(0.5)),
                choice(3, false, None),
                choice(4, false, None),
            ],
        },
        1 => QuestionBody::Multiple {
            choices: vec![
                choice(1, true, None),
                choice(2, true, None),
                choice(3, false, None),
            ],
        },
        2 => QuestionBody::TrueFalse {
            answer: index % 4 == 2,
            feedback_true: Some(sentence(index, 6)),
            feedback_false: Some(sentence(index + 1, 6)),
        },
        3 => QuestionBody::Short {
            answers: vec![
                ShortAnswer {
                    text: sentence(index, 2),
                    credit: None,
                    feedback: None,
                },
                ShortAnswer {
                    text: sentence(index + 3, 2),
                    credit: Some(0.5),
                    feedback: Some(sentence(index, 4)),
                },
            ],
            fuzzy: None,
            accept_aliases_of: None,
        },
        4 => QuestionBody::Numeric {
            answer: index as f64,
            tolerance: Some(0.5),
            ranges: vec![NumericRange {
                min: index as f64 - 10.0,
                max: index as f64 + 10.0,
                credit: Some(0.5),
                feedback: Some(sentence(index, 4)),
            }],
            unit: None,
        },
        _ => QuestionBody::Match {
            pairs: (1..=3)
                .map(|n| MatchPair {
                    left: format!("{} {n}", sentence(index + n, 3)),
                    right: format!("{} {n}", sentence(index + n * 2, 2)),
                })
                .collect(),
            extra_right: vec![],
        },
    };
    Question {
        common: QuestionCommon {
            id: format!("q{index}"),
            prompt: format!("{}?", sentence(index, 8)),
            explanation: Some(sentence(index + 5, 5)),
            tags: vec![WORDS[(index / 1000) % 4].to_string()],
            ..QuestionCommon::default()
        },
        body,
    }
}

fn bank(count: usize) -> LoadedBank {
    let questions: Vec<Question> = (0..count).map(question).collect();
    LoadedBank {
        bank: Bank::of_questions("bench".to_string(), "Benchmark bank".to_string(), questions),
        origin: "bench".to_string(),
        hash: String::new(),
        generated: Vec::new(),
    }
}

static GIFT_50K: LazyLock<String> =
    LazyLock::new(|| String::from_utf8(gift::Gift.export(&bank(50_000)).bytes).expect("UTF-8"));
static BANK_100K: LazyLock<LoadedBank> = LazyLock::new(|| bank(100_000));

/// Import a 50,000-question GIFT file (about 10 MB).
#[divan::bench(sample_count = 10)]
fn import_gift_50k(bencher: divan::Bencher) {
    let text = GIFT_50K.as_str();
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| {
            gift::GiftImporter
                .import("bench.gift", divan::black_box(text), "bench")
                .expect("imports")
        });
}

fn export(bencher: divan::Bencher, exporter: &(dyn Exporter + Sync)) {
    let loaded = &*BANK_100K;
    let size = exporter.export(loaded).bytes.len();
    bencher
        .counter(divan::counter::BytesCount::new(size))
        .bench(|| exporter.export(divan::black_box(loaded)));
}

/// Export 100,000 questions to GIFT.
#[divan::bench(sample_count = 5)]
fn export_100k_gift(bencher: divan::Bencher) {
    export(bencher, &gift::Gift);
}

/// Export 100,000 questions to Moodle XML.
#[divan::bench(sample_count = 5)]
fn export_100k_moodle_xml(bencher: divan::Bencher) {
    export(bencher, &moodle_xml::MoodleXml);
}

/// Export 100,000 questions to a QTI 2.1 package (zip).
#[divan::bench(sample_count = 5)]
fn export_100k_qti(bencher: divan::Bencher) {
    export(bencher, &qti::Qti);
}

/// Export 100,000 questions to the Markdown handout with the answer key.
#[divan::bench(sample_count = 5)]
fn export_100k_markdown(bencher: divan::Bencher) {
    export(bencher, &markdown::Markdown { key: true });
}
