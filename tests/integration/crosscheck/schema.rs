//! The bank JSON Schema (`schema/bank-v1.json`) checked by another tool,
//! `check-jsonschema`: our banks pass it, broken ones fail it, and the
//! engine agrees.

use super::{describe, output_of, venv_program};
use crate::harness::{Test, example_bank, json, repo_path};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

/// Runs `check-jsonschema --schemafile schema/bank-v1.json FILES`.
fn check_jsonschema(files: &[&Path]) -> Output {
    output_of(
        Command::new(venv_program("check-jsonschema"))
            .arg("--schemafile")
            .arg(repo_path("schema/bank-v1.json"))
            .args(files),
    )
}

#[test]
fn bundled_example_docs_starter_and_draft_banks_pass_the_schema() {
    let (run, dir) = Test::new().args(&["new", "starter"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = Test::new()
        .args(&[
            "draft",
            repo_path("tests/fixtures/draft/harbour-bridge.txt")
                .to_str()
                .unwrap(),
        ])
        .output();
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    let draft_path = dir.path().join("draft.json");
    std::fs::write(&draft_path, &draft.stdout).unwrap();
    let output = check_jsonschema(&[
        &repo_path("quizzes/asif-cnn-interview.json"),
        &repo_path("tests/fixtures/example-bank.json"),
        &repo_path("docs/example-bank.json"),
        &dir.path().join("starter.json"),
        &draft_path,
    ]);
    assert!(output.status.success(), "{}", describe(&output));
}

#[test]
fn schema_key_authors_keys_and_nulls_are_accepted_by_schema_and_loader() {
    let mut bank = json(&example_bank());
    let object = bank.as_object_mut().unwrap();
    let mut with_schema = serde_json::Map::new();
    with_schema.insert("$schema".into(), json!("../schema/bank-v1.json"));
    with_schema.append(object);
    *object = with_schema;
    bank["description"] = Value::Null;
    bank["claims"][0]["context"] = Value::Null;
    bank["claims"][0]["via"] = Value::Null;
    bank["claims"][0]["x-source-page"] = json!(3);
    bank["questions"][0]["difficulty"] = Value::Null;
    bank["questions"][0]["choices"][0]["x-note"] = json!("kept for the author");
    bank["quizzes"][0]["x-audience"] = json!("year 9");
    let text = serde_json::to_string_pretty(&bank).unwrap();
    let (run, dir) = Test::new()
        .file("bank.json", &text)
        .args(&["claims", "bank.json"])
        .run();
    assert_eq!(run.code, 0, "the loader refuses it: {}", run.stderr);
    let output = check_jsonschema(&[&dir.path().join("bank.json")]);
    assert!(output.status.success(), "{}", describe(&output));
    let check = Test::new()
        .file("bank.json", &text)
        .args(&["check", "bank.json"])
        .output();
    assert!(
        !check.stdout.contains("$schema") && !check.stdout.contains("x-source-page"),
        "{}",
        check.stdout
    );
}

#[test]
fn schema_rejects_unknown_fields_and_bad_ids() {
    let mut unknown = json(&example_bank());
    unknown["claims"][0]["speaker"] = json!("leader");
    let mut bad_id = json(&example_bank());
    bad_id["claims"][0]["id"] = json!("Rolls_Fell");
    let mut unknown_in_question = json(&example_bank());
    unknown_in_question["questions"][0]["answer"] = json!(true);
    let test = Test::new()
        .file("unknown.json", serde_json::to_string(&unknown).unwrap())
        .file("bad-id.json", serde_json::to_string(&bad_id).unwrap())
        .file(
            "unknown-in-question.json",
            serde_json::to_string(&unknown_in_question).unwrap(),
        );
    let dir = test.dir.path().to_path_buf();
    for name in ["unknown.json", "bad-id.json", "unknown-in-question.json"] {
        let output = check_jsonschema(&[&dir.join(name)]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name} should fail the schema: {}",
            describe(&output)
        );
    }
    // The engine agrees.
    let run = test.args(&["claims", "unknown.json"]).output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field `speaker`"),
        "{}",
        run.stderr
    );
}
