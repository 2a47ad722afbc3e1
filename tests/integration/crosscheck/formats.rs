//! LMS formats read back by other people's tools: our GIFT by gift-pegjs
//! (npm), GIFT written by others through our importer, our QTI 2.1 package
//! converted to QTI 3.0 by citolab-qti-convert (`PyPI`) with every item,
//! choice, correct response and mapping kept, our Moodle XML checked by
//! xmllint (well-formed) and read back by moodle-xml-parser (`PyPI`): every
//! question's type, name, text, grade, general feedback and each answer's
//! text, fraction and feedback (the parts it cannot read, listed in
//! `scripts/crosscheck.d/moodle_readback.py`, through `ElementTree`).

use super::{describe, node_modules, output_of, python};
use crate::formats::{arb_bank, loaded};
use crate::harness::{Test, repo_path};
use crossexam::bank::{self, LoadedBank, QuestionBody};
use crossexam::formats::{Exporter, Importer, gift, moodle_xml, qti};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn script(name: &str) -> std::path::PathBuf {
    repo_path("scripts/crosscheck.d").join(name)
}

/// Whitespace as Moodle's text format reads it (line breaks and runs of spaces are one space).
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(value: &Value) -> Option<String> {
    value
        .get("text")
        .and_then(Value::as_str)
        .map(squash)
        .filter(|text| !text.is_empty())
}

/// gift-pegjs 1.0.2 leaves its placeholders for escaped characters in the
/// right side of a match (its `PlainText` rule never decodes them); Moodle
/// decodes them. Decoded here as Moodle reads them.
fn decode_pegjs_placeholders(text: &str) -> String {
    [
        ("&&092;", "\\"),
        ("&&058;", ":"),
        ("&&035;", "#"),
        ("&&061;", "="),
        ("&&123;", "{"),
        ("&&125;", "}"),
        ("&&126;", "~"),
        ("&&010", "\n"),
    ]
    .iter()
    .fold(text.to_string(), |text, (placeholder, character)| {
        text.replace(placeholder, character)
    })
}

fn gift_pegjs(file: &Path) -> Vec<Value> {
    let output = output_of(
        Command::new("node")
            .arg(script("gift_parse.js"))
            .arg(file)
            .env("NODE_PATH", node_modules()),
    );
    assert!(
        output.status.success(),
        "gift-pegjs failed: {}",
        describe(&output)
    );
    let parsed: Value = serde_json::from_slice(&output.stdout).expect("JSON from gift-pegjs");
    parsed.as_array().expect("a list").clone()
}

/// Checks that gift-pegjs reads our GIFT export of `loaded` as we meant it.
fn check_gift_pegjs_reads(loaded: &LoadedBank, dir: &Path) {
    let exported = gift::Gift.export(loaded);
    let file = dir.join("bank.gift");
    std::fs::write(&file, &exported.bytes).expect("write");
    let text = String::from_utf8_lossy(&exported.bytes);
    let parsed: Vec<Value> = gift_pegjs(&file)
        .into_iter()
        .filter(|question| question["type"] != "Category")
        .collect();
    let questions: Vec<_> = loaded
        .questions()
        .iter()
        .filter(|question| !exported.skipped.iter().any(|s| s.question == question.id()))
        .collect();
    assert_eq!(parsed.len(), questions.len(), "question count\n{text}");
    for (question, theirs) in questions.iter().zip(&parsed) {
        let context = format!("question {}: {theirs:#}", question.id());
        assert_eq!(theirs["title"], question.id(), "{context}");
        assert_eq!(
            text_of(&theirs["stem"]),
            Some(squash(&question.common.prompt)),
            "{context}"
        );
        assert_eq!(
            text_of(&theirs["globalFeedback"]),
            question.common.explanation.as_deref().map(squash),
            "{context}"
        );
        let tags: Vec<&str> = theirs["tags"]
            .as_array()
            .map(|tags| tags.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(tags, question.common.tags, "{context}");
        let choices = theirs["choices"].as_array();
        match &question.body {
            QuestionBody::Single { choices: ours } | QuestionBody::Multiple { choices: ours } => {
                assert_eq!(theirs["type"], "MC", "{context}");
                let theirs = choices.expect("choices");
                assert_eq!(theirs.len(), ours.len(), "{context}");
                let single = matches!(question.body, QuestionBody::Single { .. });
                let credits = effective_credits(&question.body);
                for ((choice, credit), read) in ours.iter().zip(credits).zip(theirs) {
                    assert_eq!(
                        text_of(&read["text"]),
                        Some(squash(&choice.text)),
                        "{context}"
                    );
                    assert_eq!(
                        text_of(&read["feedback"]),
                        choice.feedback.as_deref().map(squash),
                        "{context}"
                    );
                    if single && choice.correct {
                        assert_eq!(read["isCorrect"], true, "{context}");
                    } else {
                        assert_eq!(read["isCorrect"], false, "{context}");
                        let weight = read["weight"].as_f64().unwrap_or(0.0);
                        assert!(
                            (weight - credit * 100.0).abs() < 1e-4,
                            "weight {weight} for credit {credit}: {context}"
                        );
                    }
                }
            }
            QuestionBody::TrueFalse {
                answer,
                feedback_true,
                feedback_false,
            } => {
                assert_eq!(theirs["type"], "TF", "{context}");
                assert_eq!(theirs["isTrue"], *answer, "{context}");
                // gift-pegjs names the two feedbacks by position: the first is
                // Moodle's feedback for a wrong answer, the second for a right one.
                let (wrong, right) = if *answer {
                    (feedback_false, feedback_true)
                } else {
                    (feedback_true, feedback_false)
                };
                assert_eq!(
                    text_of(&theirs["trueFeedback"]),
                    wrong.as_deref().map(squash),
                    "{context}"
                );
                assert_eq!(
                    text_of(&theirs["falseFeedback"]),
                    right.as_deref().map(squash),
                    "{context}"
                );
            }
            QuestionBody::Short {
                answers,
                accept_aliases_of,
                ..
            } => {
                assert_eq!(theirs["type"], "Short", "{context}");
                let theirs = choices.expect("answers");
                let extra = accept_aliases_of
                    .as_deref()
                    .and_then(|id| loaded.bank.actor(id))
                    .map_or(0, |actor| {
                        actor
                            .name
                            .iter()
                            .chain(&actor.aliases)
                            .filter(|name| !answers.iter().any(|a| &a.text == *name))
                            .count()
                    });
                assert_eq!(theirs.len(), answers.len() + extra, "{context}");
                for (answer, read) in answers.iter().zip(theirs) {
                    assert_eq!(
                        text_of(&read["text"]),
                        Some(squash(&answer.text)),
                        "{context}"
                    );
                    let weight = read["weight"].as_f64().unwrap_or(100.0);
                    assert!(
                        (weight - answer.credit.unwrap_or(1.0) * 100.0).abs() < 1e-4,
                        "{context}"
                    );
                    assert_eq!(
                        text_of(&read["feedback"]),
                        answer.feedback.as_deref().map(squash),
                        "{context}"
                    );
                }
            }
            QuestionBody::Numeric {
                answer,
                tolerance,
                ranges,
                ..
            } => {
                assert_eq!(theirs["type"], "Numerical", "{context}");
                let read: Vec<Value> = match &theirs["choices"] {
                    Value::Array(list) => {
                        list.iter().map(|choice| choice["text"].clone()).collect()
                    }
                    single => vec![single.clone()],
                };
                assert_eq!(read.len(), 1 + ranges.len(), "{context}");
                let first = &read[0];
                assert_eq!(first["number"].as_f64(), Some(*answer), "{context}");
                assert!(
                    (first["range"].as_f64().unwrap_or(0.0) - tolerance.unwrap_or(0.0)).abs()
                        < 1e-12,
                    "{context}"
                );
                for (range, read) in ranges.iter().zip(&read[1..]) {
                    assert_eq!(read["type"], "high-low", "{context}");
                    assert_eq!(read["numberLow"].as_f64(), Some(range.min), "{context}");
                    assert_eq!(read["numberHigh"].as_f64(), Some(range.max), "{context}");
                }
                if let Value::Array(list) = &theirs["choices"] {
                    for (range, choice) in ranges.iter().zip(&list[1..]) {
                        let weight = choice["weight"].as_f64().unwrap_or(0.0);
                        assert!(
                            (weight - range.credit.unwrap_or(0.0) * 100.0).abs() < 1e-4,
                            "{context}"
                        );
                        assert_eq!(
                            text_of(&choice["feedback"]),
                            range.feedback.as_deref().map(squash),
                            "{context}"
                        );
                    }
                }
            }
            QuestionBody::Match { pairs, extra_right } => {
                assert_eq!(theirs["type"], "Matching", "{context}");
                let read = theirs["matchPairs"].as_array().expect("pairs");
                assert_eq!(read.len(), pairs.len() + extra_right.len(), "{context}");
                for (pair, read) in pairs.iter().zip(read) {
                    assert_eq!(
                        text_of(&read["subquestion"]),
                        Some(squash(&pair.left)),
                        "{context}"
                    );
                    assert_eq!(
                        read["subanswer"]
                            .as_str()
                            .map(|text| squash(&decode_pegjs_placeholders(text))),
                        Some(squash(&pair.right)),
                        "{context}"
                    );
                }
                for (right, read) in extra_right.iter().zip(&read[pairs.len()..]) {
                    assert_eq!(text_of(&read["subquestion"]), None, "{context}");
                    assert_eq!(
                        read["subanswer"]
                            .as_str()
                            .map(|text| squash(&decode_pegjs_placeholders(text))),
                        Some(squash(right)),
                        "{context}"
                    );
                }
            }
            QuestionBody::Order { .. } => panic!("ordering has no GIFT form and is never exported"),
        }
    }
}

/// Each choice's credit as the engine scores it.
fn effective_credits(body: &QuestionBody) -> Vec<f64> {
    match body {
        QuestionBody::Single { choices } => choices
            .iter()
            .map(|choice| {
                if choice.correct {
                    1.0
                } else {
                    choice.credit.unwrap_or(0.0)
                }
            })
            .collect(),
        QuestionBody::Multiple { choices } if choices.iter().any(|c| c.credit.is_some()) => choices
            .iter()
            .map(|choice| choice.credit.unwrap_or(0.0))
            .collect(),
        QuestionBody::Multiple { choices } => {
            let right = choices.iter().filter(|c| c.correct).count() as f64;
            choices
                .iter()
                .map(|c| if c.correct { 1.0 } else { -1.0 } / right)
                .collect()
        }
        _ => Vec::new(),
    }
}

#[test]
fn gift_pegjs_reads_our_gift_export_of_the_bundled_bank() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = bank::bundled::load(bank::bundled::DEFAULT_BANK).expect("bundled bank");
    check_gift_pegjs_reads(&loaded, dir.path());
    let loaded = bank::load_file(&repo_path("tests/fixtures/run/all-types.json")).expect("fixture");
    check_gift_pegjs_reads(&loaded, dir.path());
}

#[test]
fn gift_pegjs_reads_our_gift_export_of_generated_banks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut runner = TestRunner::deterministic();
    for _ in 0..40 {
        let bank = arb_bank().new_tree(&mut runner).expect("a bank").current();
        check_gift_pegjs_reads(&loaded(&bank), dir.path());
    }
}

/// What each question of a GIFT fixture must import as: type and answers.
fn expect(file: &str, expected: &[(&str, &str, &[&str])]) -> crossexam::formats::Imported {
    let path = repo_path("tests/fixtures/gift").join(file);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let imported = gift::GiftImporter
        .import(file, &text, "fixture")
        .unwrap_or_else(|error| panic!("{file}: {error:?}"));
    let got: Vec<(String, &str, Vec<String>)> = imported
        .bank
        .questions
        .iter()
        .map(|question| {
            let answers: Vec<String> = match &question.body {
                QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => choices
                    .iter()
                    .map(|c| {
                        format!(
                            "{}{}{}",
                            if c.correct { "=" } else { "~" },
                            c.credit.map(|v| format!("{v}:")).unwrap_or_default(),
                            c.text
                        )
                    })
                    .collect(),
                QuestionBody::TrueFalse { answer, .. } => vec![answer.to_string()],
                QuestionBody::Short { answers, .. } => answers
                    .iter()
                    .map(|a| {
                        format!(
                            "{}{}",
                            a.credit.map(|v| format!("{v}:")).unwrap_or_default(),
                            a.text
                        )
                    })
                    .collect(),
                QuestionBody::Numeric {
                    answer,
                    tolerance,
                    ranges,
                    ..
                } => std::iter::once(format!("{answer}±{}", tolerance.unwrap_or(0.0)))
                    .chain(
                        ranges
                            .iter()
                            .map(|r| format!("{}:{}..{}", r.credit.unwrap_or(0.0), r.min, r.max)),
                    )
                    .collect(),
                QuestionBody::Match { pairs, extra_right } => pairs
                    .iter()
                    .map(|p| format!("{}->{}", p.left, p.right))
                    .chain(extra_right.iter().map(|r| format!("->{r}")))
                    .collect(),
                QuestionBody::Order { .. } => Vec::new(),
            };
            (
                question.id().to_string(),
                question.body.question_type().as_str(),
                answers,
            )
        })
        .collect();
    let want: Vec<(String, &str, Vec<String>)> = expected
        .iter()
        .map(|(id, kind, answers)| {
            (
                (*id).to_string(),
                *kind,
                answers.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(got, want, "{file}");
    // The imported bank is a bank the engine loads.
    let json = serde_json::to_string(&imported.bank).expect("JSON");
    bank::load_str(file, &json).unwrap_or_else(|error| panic!("{file}: {error:?}"));
    imported
}

#[test]
fn gift_in_the_style_of_moodles_documentation_imports_with_every_type_and_answer() {
    let imported = expect(
        "moodle-docs-style.gift",
        &[
            ("q1", "single", &["~Raphael", "~Donatello", "=Michelangelo"]),
            ("q2", "single", &["~1618", "=1648", "~1715"]),
            ("q3", "single", &["~Mars", "=Saturn", "~Venus"]),
            ("q4", "short", &["Au", "au"]),
            ("q5", "short", &["five", "5"]),
            ("q6", "true-false", &["false"]),
            ("q7", "true-false", &["true"]),
            (
                "q8",
                "match",
                &["Kenya->Nairobi", "Peru->Lima", "Norway->Oslo"],
            ),
            ("q9", "numeric", &["1989±0"]),
            ("q10", "numeric", &["1.414±0.005"]),
            ("q11", "numeric", &["2.715±0.0050000000000001155"]),
            ("q12", "numeric", &["1969±0", "0.5:1968..1970"]),
            ("symbol-of-iron", "short", &["Fe"]),
            (
                "q14",
                "single",
                &["~wrong one", "~another wrong one", "=the right one"],
            ),
            ("q15", "true-false", &["false"]),
            (
                "q16",
                "single",
                &[
                    "~a wrong answer",
                    "~0.5:a half-credit answer",
                    "=the full-credit answer",
                ],
            ),
            (
                "capital-of-australia",
                "single",
                &["~Sydney", "~0.25:Melbourne", "=Canberra"],
            ),
            ("q18", "multiple", &["=Red", "=Blue", "~Yellow", "~Brown"]),
            ("q19", "single", &["~= 4 + 4", "== 5 + 5", "~= 6 + 6"]),
        ],
    );
    // Choices that are only punctuation (`~`, `=`, …) make no crossexam
    // question: it is set aside with its line and kept as a note.
    let set_aside: Vec<(usize, &str)> = imported
        .set_aside
        .iter()
        .map(|item| (item.line, item.kind.as_str()))
        .collect();
    assert_eq!(set_aside, [(77, "unusable")]);
    assert!(imported.set_aside[0].text.starts_with("::GIFT specials::"));
}

#[test]
fn gift_in_the_style_of_the_grammar_projects_imports_with_every_type_and_answer() {
    let _ = expect(
        "grammar-projects-style.gift",
        &[
            ("q-17", "single", &["=Sodium", "~Nitrogen", "~-0.25:Neon"]),
            ("named-tf", "true-false", &["true"]),
            ("range", "numeric", &["15±5"]),
            ("short-with-weights", "short", &["Jupiter", "0.5:Jupyter"]),
            (
                "matching-with-a-distractor",
                "match",
                &[
                    "Carbon dioxide->CO2",
                    "Water vapour->H2O",
                    "Ozone->O3",
                    "->N2",
                ],
            ),
            ("escaped-colon-title", "short", &["an assignment"]),
            ("crlf", "true-false", &["true"]),
            ("crlf-two", "numeric", &["4±0"]),
        ],
    );
}

#[test]
fn moodle_xml_is_well_formed_and_read_back_by_moodle_xml_parser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut banks = vec![
        bank::bundled::load(bank::bundled::DEFAULT_BANK).expect("bundled bank"),
        bank::load_file(&repo_path("tests/fixtures/run/all-types.json")).expect("fixture"),
    ];
    let mut runner = TestRunner::deterministic();
    for _ in 0..10 {
        banks.push(loaded(
            &arb_bank().new_tree(&mut runner).expect("a bank").current(),
        ));
    }
    for loaded in &banks {
        let file = dir.path().join("bank.xml");
        std::fs::write(&file, moodle_xml::MoodleXml.export(loaded).bytes).expect("write");
        let lint = output_of(Command::new("xmllint").arg("--noout").arg(&file));
        assert!(lint.status.success(), "xmllint: {}", describe(&lint));
        let types = output_of(
            Command::new("xmllint")
                .args(["--xpath", "count(//question[@type!='category'])"])
                .arg(&file),
        );
        assert_eq!(
            String::from_utf8_lossy(&types.stdout).trim(),
            loaded.questions().len().to_string()
        );
        let output = output_of(
            Command::new(python())
                .arg(script("moodle_readback.py"))
                .arg(&file),
        );
        assert!(
            output.status.success(),
            "moodle-xml-parser: {}",
            describe(&output)
        );
        let read: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(read.len(), loaded.questions().len(), "questions read back");
        for (question, theirs) in loaded.questions().iter().zip(&read) {
            check_moodle_question(&loaded.bank, question, theirs);
        }
    }
}

/// One answer as Moodle XML carries it: text, fraction in percent, feedback.
struct MoodleAnswer<'a> {
    text: String,
    fraction: f64,
    feedback: Option<&'a str>,
}

impl<'a> MoodleAnswer<'a> {
    fn new(text: impl Into<String>, credit: f64, feedback: Option<&'a str>) -> Self {
        MoodleAnswer {
            text: text.into(),
            fraction: credit * 100.0,
            feedback,
        }
    }
}

/// What `moodle_readback.py` read of one question (see the script for which
/// reader read which part) against the question in our bank.
fn check_moodle_question(bank: &bank::Bank, question: &bank::Question, theirs: &Value) {
    let context = format!("question {}: {theirs:#}", question.id());
    let (kind, reader) = match &question.body {
        QuestionBody::Single { .. } | QuestionBody::Multiple { .. } => {
            ("multichoice", "parse_file")
        }
        QuestionBody::TrueFalse { .. } => ("truefalse", "_parse_multichoice"),
        QuestionBody::Short { .. } => ("shortanswer", "_parse_multichoice"),
        QuestionBody::Numeric { .. } => ("numerical", "_parse_multichoice"),
        QuestionBody::Match { .. } => ("matching", "_parse_multichoice"),
        QuestionBody::Order { .. } => ("ordering", "_parse_multichoice"),
    };
    let other = &theirs["elementtree"];
    assert_eq!(other["type"], kind, "{context}");
    assert_eq!(theirs["reader"], reader, "{context}");
    assert_eq!(theirs["name"], question.id(), "{context}");
    assert_eq!(
        theirs["text"].as_str(),
        Some(question.common.prompt.trim()),
        "{context}"
    );
    assert_eq!(
        theirs["default_grade"].as_f64(),
        Some(question.points()),
        "{context}"
    );
    assert_eq!(theirs["penalty"].as_f64(), Some(0.0), "{context}");
    assert_eq!(
        theirs["general_feedback"].as_str().unwrap_or(""),
        question.common.explanation.as_deref().unwrap_or("").trim(),
        "{context}"
    );
    assert_eq!(
        other["tags"],
        serde_json::json!(question.common.tags),
        "{context}"
    );
    let mut tolerances: Vec<f64> = Vec::new();
    let expected: Vec<MoodleAnswer> = match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            assert_eq!(
                theirs["single"],
                matches!(question.body, QuestionBody::Single { .. }),
                "{context}"
            );
            assert_eq!(theirs["shuffle"], question.shuffles_choices(), "{context}");
            choices
                .iter()
                .zip(effective_credits(&question.body))
                .map(|(choice, credit)| {
                    MoodleAnswer::new(&choice.text, credit, choice.feedback.as_deref())
                })
                .collect()
        }
        QuestionBody::TrueFalse {
            answer,
            feedback_true,
            feedback_false,
        } => vec![
            MoodleAnswer::new(
                "true",
                f64::from(u8::from(*answer)),
                feedback_true.as_deref(),
            ),
            MoodleAnswer::new(
                "false",
                f64::from(u8::from(!*answer)),
                feedback_false.as_deref(),
            ),
        ],
        QuestionBody::Short {
            answers,
            accept_aliases_of,
            ..
        } => {
            let mut expected: Vec<MoodleAnswer> = answers
                .iter()
                .map(|answer| {
                    MoodleAnswer::new(
                        &answer.text,
                        answer.credit.unwrap_or(1.0),
                        answer.feedback.as_deref(),
                    )
                })
                .collect();
            // An actor's name and aliases are spelled out as full-credit answers.
            if let Some(actor) = accept_aliases_of.as_deref().and_then(|id| bank.actor(id)) {
                for name in actor.name.iter().chain(&actor.aliases) {
                    if !expected.iter().any(|answer| answer.text == *name) {
                        expected.push(MoodleAnswer::new(name, 1.0, None));
                    }
                }
            }
            expected
        }
        QuestionBody::Numeric {
            answer,
            tolerance,
            ranges,
            ..
        } => {
            tolerances.push(tolerance.unwrap_or(0.0));
            let mut expected = vec![MoodleAnswer::new(answer.to_string(), 1.0, None)];
            for range in ranges {
                tolerances.push((range.max - range.min) / 2.0);
                expected.push(MoodleAnswer::new(
                    f64::midpoint(range.min, range.max).to_string(),
                    range.credit.unwrap_or(0.0),
                    range.feedback.as_deref(),
                ));
            }
            expected
        }
        QuestionBody::Match { pairs, extra_right } => {
            // moodle-xml-parser reads no answers of a matching question: its
            // pairs are <subquestion>s, read with ElementTree.
            let mut expected: Vec<(&str, &str)> = pairs
                .iter()
                .map(|pair| (pair.left.as_str(), pair.right.as_str()))
                .collect();
            for right in extra_right {
                if !expected.iter().any(|(_, known)| known == right) {
                    expected.push(("", right));
                }
            }
            assert_eq!(
                other["subquestions"],
                serde_json::json!(expected),
                "{context}"
            );
            Vec::new()
        }
        // Moodle's ordering type keeps each item's place in its fraction.
        QuestionBody::Order { items } => items
            .iter()
            .enumerate()
            .map(|(index, item)| MoodleAnswer {
                text: item.clone(),
                fraction: (index + 1) as f64,
                feedback: None,
            })
            .collect(),
    };
    let options = theirs["options"].as_array().expect("options");
    assert_eq!(options.len(), expected.len(), "{context}");
    for (answer, option) in expected.iter().zip(options) {
        let text = option["text"].as_str().expect("answer text");
        if let QuestionBody::Numeric { .. } = question.body {
            assert_eq!(
                text.parse::<f64>().ok(),
                answer.text.parse().ok(),
                "{context}"
            );
        } else {
            assert_eq!(text, answer.text.trim(), "{context}");
        }
        let fraction = option["fraction"].as_f64().unwrap_or(f64::NAN);
        assert!(
            (fraction - answer.fraction).abs() < 1e-4,
            "fraction {fraction}, expected {}: {context}",
            answer.fraction
        );
        // Ordering items carry no feedback element (None); the others an empty one.
        let feedback = option["feedback"].as_str();
        if let QuestionBody::Order { .. } = question.body {
            assert_eq!(feedback, None, "{context}");
        } else {
            assert_eq!(
                feedback.unwrap_or(""),
                answer.feedback.unwrap_or("").trim(),
                "{context}"
            );
        }
    }
    let read_tolerances: Vec<Option<f64>> = other["tolerances"]
        .as_array()
        .expect("tolerances")
        .iter()
        .map(|tolerance| tolerance.as_str().and_then(|text| text.parse().ok()))
        .collect();
    if tolerances.is_empty() {
        assert!(read_tolerances.iter().all(Option::is_none), "{context}");
    } else {
        let tolerances: Vec<Option<f64>> = tolerances.into_iter().map(Some).collect();
        assert_eq!(read_tolerances, tolerances, "{context}");
    }
}

#[test]
fn qti_package_converts_to_qti3_with_every_item_choice_and_response_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let banks = [
        bank::bundled::load(bank::bundled::DEFAULT_BANK).expect("bundled bank"),
        bank::load_file(&repo_path("tests/fixtures/run/all-types.json")).expect("fixture"),
    ];
    for loaded in &banks {
        let package = dir.path().join("bank.zip");
        std::fs::write(&package, qti::Qti.export(loaded).bytes).expect("write");
        let out = dir.path().join("qti3");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("dir");
        let output = output_of(
            Command::new(python())
                .arg(script("qti_readback.py"))
                .arg(&package)
                .arg(&out),
        );
        assert!(
            output.status.success(),
            "citolab-qti-convert: {}",
            describe(&output)
        );
        let read: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let items = read["items"].as_object().expect("items");
        assert_eq!(
            items.len(),
            loaded.questions().len(),
            "every item converted"
        );
        let presets = loaded.bank.quizzes.len().max(1);
        assert_eq!(
            read["tests"].as_object().map(serde_json::Map::len),
            Some(presets)
        );
        for question in loaded.questions() {
            let item = &items[&format!("item-{}", question.id())];
            let context = format!("question {}: {item:#}", question.id());
            let points = question.points();
            let choices: Vec<&str> = item["choices"]
                .as_array()
                .expect("choices")
                .iter()
                .filter_map(|c| c["text"].as_str())
                .collect();
            let mapping = item["mapping"].as_object().expect("mapping");
            let mapped = |key: &str| mapping.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN);
            match &question.body {
                QuestionBody::Single { choices: ours }
                | QuestionBody::Multiple { choices: ours } => {
                    assert_eq!(
                        item["interaction"][0], "qti-choice-interaction",
                        "{context}"
                    );
                    let single = matches!(question.body, QuestionBody::Single { .. });
                    assert_eq!(
                        item["cardinality"],
                        if single { "single" } else { "multiple" },
                        "{context}"
                    );
                    let texts: Vec<String> = ours.iter().map(|c| squash(&c.text)).collect();
                    assert_eq!(choices, texts, "{context}");
                    for (index, (choice, credit)) in ours
                        .iter()
                        .zip(effective_credits(&question.body))
                        .enumerate()
                    {
                        let id = format!("c{}", index + 1);
                        assert!((mapped(&id) - credit * points).abs() < 1e-9, "{context}");
                        let correct = item["correct"]
                            .as_array()
                            .expect("correct")
                            .iter()
                            .any(|v| v == id.as_str());
                        assert_eq!(correct, choice.correct, "{context}");
                        assert_eq!(
                            item["feedback"]
                                .get(&id)
                                .and_then(Value::as_str)
                                .map(squash),
                            choice.feedback.as_deref().map(squash),
                            "{context}"
                        );
                    }
                }
                QuestionBody::TrueFalse { answer, .. } => {
                    assert_eq!(choices, ["True", "False"], "{context}");
                    assert_eq!(item["correct"][0], answer.to_string(), "{context}");
                    assert!(
                        (mapped(&answer.to_string()) - points).abs() < 1e-12,
                        "{context}"
                    );
                }
                QuestionBody::Short { answers, .. } => {
                    assert_eq!(
                        item["interaction"][0], "qti-text-entry-interaction",
                        "{context}"
                    );
                    for answer in answers {
                        assert!(
                            (mapped(&answer.text) - answer.credit.unwrap_or(1.0) * points).abs()
                                < 1e-9,
                            "{context}"
                        );
                    }
                }
                QuestionBody::Numeric { answer, .. } => {
                    assert_eq!(item["base_type"], "float", "{context}");
                    assert_eq!(
                        item["correct"][0]
                            .as_str()
                            .and_then(|v| v.parse::<f64>().ok()),
                        Some(*answer),
                        "{context}"
                    );
                }
                QuestionBody::Match { pairs, .. } => {
                    assert_eq!(item["interaction"][0], "qti-match-interaction", "{context}");
                    assert_eq!(
                        item["correct"].as_array().map(Vec::len),
                        Some(pairs.len()),
                        "{context}"
                    );
                    let lefts: Vec<String> = pairs.iter().map(|p| squash(&p.left)).collect();
                    assert_eq!(choices[..pairs.len()], lefts, "{context}");
                    let total: f64 = mapping.values().filter_map(Value::as_f64).sum();
                    assert!((total - points).abs() < 1e-9, "{context}");
                }
                QuestionBody::Order { items: ours } => {
                    assert_eq!(item["interaction"][0], "qti-order-interaction", "{context}");
                    assert_eq!(item["cardinality"], "ordered", "{context}");
                    let texts: Vec<String> = ours.iter().map(|t| squash(t)).collect();
                    assert_eq!(choices, texts, "{context}");
                    assert_eq!(
                        item["correct"].as_array().map(Vec::len),
                        Some(ours.len()),
                        "{context}"
                    );
                }
            }
            if let Some(explanation) = &question.common.explanation {
                assert_eq!(
                    item["feedback"]["EXPLANATION"].as_str().map(squash),
                    Some(squash(explanation)),
                    "{context}"
                );
            }
        }
    }
    // The CLI writes the same package.
    let run = Test::new()
        .args(&[
            "export",
            "asif-cnn-interview",
            "--to",
            "qti",
            "--out",
            "p.zip",
        ])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
}
