//! `import` and `export`: snapshots of every export of a fixture bank,
//! GIFT errors with `file:line:col`, never replacing files without --force,
//! and the round trip export → import over generated banks (proptest).

use crate::harness::{Test, repo_file};
use crossexam::bank::{
    self, Bank, Choice, LoadedBank, MatchPair, NumericRange, Question, QuestionBody,
    QuestionCommon, ShortAnswer,
};
use crossexam::formats::{Exporter, Importer, gift};
use proptest::prelude::*;
use std::io::Read;

const FIXTURE: &str = "tests/fixtures/run/all-types.json";

fn export(format: &str, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["export", "bank.json", "--to", format];
    args.extend_from_slice(extra);
    Test::new()
        .file("bank.json", repo_file(FIXTURE))
        .args(&args)
        .output()
}

#[test]
fn gift_export_of_the_fixture_bank() {
    let run = export("gift", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: question `order` left out: GIFT has no ordering question\n"
    );
    insta::assert_snapshot!("export_gift", run.stdout);
}

#[test]
fn moodle_xml_export_of_the_fixture_bank() {
    let run = export("moodle-xml", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("export_moodle_xml", run.stdout);
}

#[test]
fn markdown_handout_gives_no_answers_away() {
    let run = export("markdown", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for secret in [
        "Answer key",
        "Yes: Dana Moss gave it",
        "The figure is the leader's own",
        "Claims",
    ] {
        assert!(
            !run.stdout.contains(secret),
            "{secret} in the student handout"
        );
    }
    insta::assert_snapshot!("export_markdown", run.stdout);
}

#[test]
fn markdown_with_key_adds_answers_and_the_claims_table() {
    let run = export("markdown", &["--key"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("## Answer key"));
    assert!(run.stdout.contains("# Claims: Every question type"));
    insta::assert_snapshot!("export_markdown_key", run.stdout);
}

#[test]
fn qti_package_files() {
    let (run, dir) = Test::new()
        .file("bank.json", repo_file(FIXTURE))
        .args(&["export", "bank.json", "--to", "qti", "--out", "bank.zip"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Wrote bank.zip: 7 questions as qti.\n");
    let bytes = std::fs::read(dir.path().join("bank.zip")).expect("the package");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut listing = String::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("an entry");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8");
        listing.push_str(&format!("=== {}\n{text}", file.name().expect("a name")));
    }
    insta::assert_snapshot!("export_qti", listing);
}

#[test]
fn qti_needs_an_output_file_and_key_is_for_markdown() {
    let run = export("qti", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("give --out FILE.zip"), "{}", run.stderr);
    let run = export("gift", &["--key"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--key is for the markdown handout"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_never_replaces_a_file_without_force() {
    let (run, dir) = Test::new()
        .file("bank.json", repo_file(FIXTURE))
        .file("out.gift", "mine")
        .args(&["export", "bank.json", "--to", "gift", "--out", "out.gift"])
        .run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("out.gift already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.gift")).unwrap(),
        "mine"
    );
    let (run, dir) = Test::new()
        .file("bank.json", repo_file(FIXTURE))
        .file("out.gift", "mine")
        .args(&[
            "export",
            "bank.json",
            "--to",
            "gift",
            "--out",
            "out.gift",
            "--force",
        ])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(dir.path().join("out.gift"))
            .unwrap()
            .contains("::single::")
    );
}

#[test]
fn the_bundled_bank_exports_by_id() {
    let run = Test::new()
        .args(&["export", "asif-cnn-interview", "--to", "moodle-xml"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>")
    );
}

const GIFT: &str = "\
// A small quiz
$CATEGORY: $course$/top/Media week/Sources

::Who said::Who said it? {=The minister#Yes ~The host#No ~%50%His aide#Half}

::Essay:: Explain why. {}

Grant is {~buried =entombed ~living} in Grant's tomb.

::TF::The report shows a document.{FALSE#It shows none.#Right.####Only words.}
";

#[test]
fn import_gift_writes_a_bank_and_reports_what_it_set_aside() {
    let (run, dir) = Test::new()
        .file("quiz.gift", GIFT)
        .args(&["import", "gift", "quiz.gift"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("import_gift_stdout", run.stdout);
    insta::assert_snapshot!("import_gift_stderr", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("quiz.json")).expect("the bank");
    insta::assert_snapshot!("import_gift_bank", written);
    let check = Test::new()
        .file("quiz.json", &written)
        .args(&["check", "quiz.json"])
        .output();
    assert!(check.code == 0 || check.code == 1, "{}", check.stdout);
    let again = Test::new()
        .file("quiz.gift", GIFT)
        .file("quiz.json", "mine")
        .args(&["import", "gift", "quiz.gift"])
        .output();
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("quiz.json already exists"),
        "{}",
        again.stderr
    );
}

#[test]
fn gift_syntax_errors_name_file_line_and_column() {
    let run = Test::new()
        .file(
            "bad.gift",
            "::A:: Fine {=a ~b}\n\n::B:: Weight {=a ~%x%b}\n\n::C:: Open {=a ~b\n",
        )
        .args(&["import", "gift", "bad.gift", "--out", "b.json"])
        .output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("import_gift_errors", run.stderr);
}

#[test]
fn gift_is_read_with_the_size_limit_of_banks() {
    let big = "Q {T}\n\n".repeat(2_900_000);
    let run = Test::new()
        .file("big.gift", big)
        .args(&["import", "gift", "big.gift"])
        .output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("byte limit for a GIFT file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("split the GIFT file"), "{}", run.stderr);
}

/// Regression: a GIFT file that is not UTF-8 was told to "save the bank as UTF-8".
#[test]
fn a_gift_file_that_is_not_utf8_is_named_as_one() {
    let run = Test::new()
        .file("latin.gift", b"::A:: Caf\xe9? {T}\n".as_slice())
        .args(&["import", "gift", "latin.gift"])
        .output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("import_gift_not_utf8", run.stderr);
}

// ---- round trip: export --to gift, then import gift ----

fn text() -> impl Strategy<Value = String> {
    // Words with GIFT's control characters and line breaks in them.
    let word = prop::sample::select(vec![
        "claim",
        "the",
        "report",
        "said",
        "Asif",
        "a=b",
        "x~y",
        "#1",
        "{set}",
        "a:b",
        "back\\slash",
        "50%",
        "naïve",
        "“quoted”",
        "line\nbreak",
        "2+2",
        "// not a comment",
    ]);
    prop::collection::vec(word, 1..6).prop_map(|words| words.join(" "))
}

fn one_line() -> impl Strategy<Value = String> {
    text().prop_map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn credit() -> impl Strategy<Value = f64> {
    (-20i32..=20).prop_map(|n| f64::from(n) / 20.0)
}

fn feedback() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn distinct(texts: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    for (index, text) in texts.into_iter().enumerate() {
        if seen.contains(&text) {
            seen.push(format!("{text} {index}"));
        } else {
            seen.push(text);
        }
    }
    seen
}

fn body() -> impl Strategy<Value = QuestionBody> {
    let choices = || prop::collection::vec((one_line(), credit(), feedback()), 2..6);
    prop_oneof![
        (choices(), any::<prop::sample::Index>()).prop_map(|(raw, right)| {
            let right = right.index(raw.len());
            let texts = distinct(raw.iter().map(|(text, _, _)| text.clone()).collect());
            QuestionBody::Single {
                choices: raw
                    .into_iter()
                    .zip(texts)
                    .enumerate()
                    .map(|(index, ((_, credit, feedback), text))| Choice {
                        id: None,
                        text,
                        correct: index == right,
                        credit: (index != right && credit != 0.0).then_some(credit),
                        feedback,
                    })
                    .collect(),
            }
        }),
        (choices(), any::<bool>()).prop_map(|(raw, credited)| {
            let texts = distinct(raw.iter().map(|(text, _, _)| text.clone()).collect());
            let count = raw.len();
            QuestionBody::Multiple {
                choices: raw
                    .into_iter()
                    .zip(texts)
                    .enumerate()
                    .map(|(index, ((_, credit, feedback), text))| {
                        // The first choice is always right; others by their credit's sign.
                        let correct = index == 0 || (credit > 0.0 && index + 1 < count);
                        let credit = if !credited {
                            None
                        } else if correct {
                            Some(credit.abs().max(0.05))
                        } else {
                            Some(-credit.abs()).filter(|credit| *credit != 0.0)
                        };
                        Choice {
                            id: None,
                            text,
                            correct,
                            credit,
                            feedback,
                        }
                    })
                    .collect(),
            }
        }),
        (any::<bool>(), feedback(), feedback()).prop_map(
            |(answer, feedback_true, feedback_false)| {
                QuestionBody::TrueFalse {
                    answer,
                    feedback_true,
                    feedback_false,
                }
            }
        ),
        prop::collection::vec((one_line(), prop::option::of(credit()), feedback()), 1..4).prop_map(
            |raw| {
                let texts = distinct(raw.iter().map(|(text, _, _)| text.clone()).collect());
                QuestionBody::Short {
                    answers: raw
                        .into_iter()
                        .zip(texts)
                        .enumerate()
                        .map(|(index, ((_, credit, feedback), text))| ShortAnswer {
                            text,
                            // The first answer is right; others may be partly right or known wrong.
                            credit: credit
                                .filter(|_| index > 0)
                                .map(f64::abs)
                                .filter(|credit| (*credit - 1.0).abs() > 1e-12),
                            feedback,
                        })
                        .collect(),
                    fuzzy: None,
                    accept_aliases_of: None,
                }
            }
        ),
        (
            -100_000i64..100_000,
            0u32..50,
            prop::collection::vec(
                (
                    -1000i64..1000,
                    0i64..500,
                    prop::option::of(credit()),
                    feedback()
                ),
                0..3
            )
        )
            .prop_map(|(answer, tolerance, ranges)| QuestionBody::Numeric {
                answer: answer as f64 / 8.0,
                tolerance: (tolerance > 0).then_some(f64::from(tolerance) / 4.0),
                ranges: ranges
                    .into_iter()
                    .map(|(min, width, credit, feedback)| NumericRange {
                        min: min as f64 / 2.0,
                        max: (min + width) as f64 / 2.0,
                        credit: credit.filter(|credit| *credit != 0.0),
                        feedback,
                    })
                    .collect(),
                unit: None,
            }),
        (
            prop::collection::vec((one_line(), one_line()), 2..5),
            prop::collection::vec(one_line(), 0..2)
        )
            .prop_map(|(pairs, extra)| {
                let lefts = distinct(pairs.iter().map(|(left, _)| left.clone()).collect());
                let rights: Vec<String> = pairs.into_iter().map(|(_, right)| right).collect();
                let extra_right = extra
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| format!("{text} extra {index}"))
                    .filter(|text| !rights.contains(text))
                    .collect();
                QuestionBody::Match {
                    pairs: lefts
                        .into_iter()
                        .zip(rights)
                        .map(|(left, right)| MatchPair { left, right })
                        .collect(),
                    extra_right,
                }
            }),
    ]
}

fn question() -> impl Strategy<Value = (QuestionBody, String, Option<String>, Vec<String>)> {
    let tag = prop::sample::select(vec!["evidence", "who-said", "Media week", "kind 2"]);
    (
        body(),
        text(),
        prop::option::of(text()),
        prop::collection::vec(tag, 0..3),
    )
        .prop_map(|(body, prompt, explanation, tags)| {
            let mut unique: Vec<String> = Vec::new();
            for tag in tags {
                if !unique.iter().any(|known| known == tag) {
                    unique.push(tag.to_string());
                }
            }
            (body, prompt, explanation, unique)
        })
}

/// Banks of every type GIFT can express, with text full of GIFT's control characters.
pub fn arb_bank() -> impl Strategy<Value = Bank> {
    prop::collection::vec(question(), 1..12).prop_map(|questions| {
        Bank::of_questions(
            "generated".to_string(),
            "Generated".to_string(),
            questions
                .into_iter()
                .enumerate()
                .map(|(index, (body, prompt, explanation, tags))| Question {
                    common: QuestionCommon {
                        id: format!("q{}-item", index + 1),
                        prompt,
                        explanation,
                        tags,
                        ..QuestionCommon::default()
                    },
                    body,
                })
                .collect(),
        )
    })
}

/// A generated bank as the engine loads it (validated, so every case is a real bank).
pub fn loaded(bank: &Bank) -> LoadedBank {
    let text = serde_json::to_string(bank).expect("JSON");
    bank::load_str("generated.json", &text).unwrap_or_else(|error| panic!("{error:?}\n{text}"))
}

/// Multiple-choice credits written out (+1/k, −1/k when none is given), so
/// two ways of writing the same scoring compare equal.
fn effective(mut question: Question) -> Question {
    if let QuestionBody::Multiple { choices } = &mut question.body
        && choices.iter().all(|choice| choice.credit.is_none())
    {
        let right = choices.iter().filter(|choice| choice.correct).count() as f64;
        for choice in choices.iter_mut() {
            choice.credit = Some(if choice.correct { 1.0 } else { -1.0 } / right);
        }
    }
    question
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn gift_export_then_import_gives_back_the_bank(bank in arb_bank()) {
        let loaded = loaded(&bank);
        let exported = gift::Gift.export(&loaded);
        prop_assert!(exported.skipped.is_empty());
        let text = String::from_utf8(exported.bytes).expect("UTF-8");
        let imported = gift::GiftImporter
            .import("generated.gift", &text, "generated")
            .unwrap_or_else(|error| panic!("{error:?}\n{text}"));
        prop_assert!(imported.set_aside.is_empty());
        prop_assert_eq!(imported.bank.questions.len(), bank.questions.len(), "{}", text);
        for (back, original) in imported.bank.questions.into_iter().zip(bank.questions) {
            prop_assert_eq!(effective(back), effective(original), "{}", text);
        }
    }
}
