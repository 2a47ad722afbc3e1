//! The authoring toolchain: `schema` (and the checked-in copy, validated
//! with the Python tool `check-jsonschema`), `generate`, `claims`, `draft` on
//! the seed report (with how much of the bundled bank's wording it finds)
//! and `new`.

use crate::harness::{Test, repo_file};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The seed report, kept beside the repository and never copied into it.
fn seed_report() -> PathBuf {
    let path = repo_path("../shared/seed/interview-report.txt");
    assert!(
        path.exists(),
        "the seed report is missing at {}",
        path.display()
    );
    path
}

fn example_bank() -> String {
    repo_file("tests/fixtures/example-bank.json")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"))
}

/// Runs `check-jsonschema --schemafile schema/bank-v1.json FILES`. A missing
/// tool fails the test: `.ci/run` installs it from `.ci/requirements.txt`.
fn check_jsonschema(files: &[&Path]) -> std::process::Output {
    Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(repo_path("schema/bank-v1.json"))
        .args(files)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run check-jsonschema ({error}); install it with `python3 -m pip install -r .ci/requirements.txt`"
            )
        })
}

fn describe(output: &std::process::Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

// ------------------------------------------------------------------ schema

#[test]
fn checked_in_schema_matches_the_types() {
    let run = Test::new().args(&["schema"]).output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout == repo_file("schema/bank-v1.json"),
        "schema/bank-v1.json has drifted from the model types: run `cargo run -- schema > schema/bank-v1.json` and review the diff"
    );
}

#[test]
fn bundled_example_starter_and_draft_banks_pass_the_schema() {
    let (run, dir) = Test::new().args(&["new", "starter"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = Test::new()
        .args(&["draft", &seed_report().display().to_string()])
        .output();
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    let draft_path = dir.path().join("draft.json");
    std::fs::write(&draft_path, &draft.stdout).unwrap();
    let output = check_jsonschema(&[
        &repo_path("quizzes/asif-cnn-interview.json"),
        &repo_path("tests/fixtures/example-bank.json"),
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

// ---------------------------------------------------------------- generate

#[test]
fn generate_one_claim() {
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["generate", "bank.json", "--claim", "savings"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("generate_savings_all_claim_templates", run.stdout);
}

#[test]
fn generate_prints_all_templates_over_everything_by_default() {
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["generate", "bank.json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = json(&run.stdout)
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    // 4 claims × 3 claim templates + 1 exchange, though the bank's `generate` lists only who-said.
    assert_eq!(ids.len(), 13, "{ids:?}");
    assert!(ids.contains(&"gen-evasion-ask-costing".to_string()));
    assert!(ids.contains(&"gen-support-rolls-fell".to_string()));
}

#[test]
fn a_pasted_generated_copy_replaces_the_generated_question_and_goes_stale_with_its_claim() {
    let mut bank = json(&example_bank());
    bank["default_quiz"] = Value::Null; // a plan of every question
    let questions = bank["questions"].as_array_mut().unwrap();
    questions.retain(|question| question["generated_from"].is_null());
    let fresh = serde_json::to_string_pretty(&bank).unwrap();
    let run = Test::new()
        .file("bank.json", &fresh)
        .args(&[
            "generate",
            "bank.json",
            "--template",
            "who-said",
            "--claim",
            "transport-costs",
        ])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut copy = json(&run.stdout)[0].clone();
    assert_eq!(copy["id"], "gen-who-said-transport-costs");
    assert!(
        copy["generated_from"]["hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    copy["prompt"] = json!("Who said bussing would cost more than keeping the school open?");
    bank["questions"].as_array_mut().unwrap().push(copy);
    let pasted = serde_json::to_string_pretty(&bank).unwrap();
    let plan = Test::new()
        .file("bank.json", &pasted)
        .args(&["run", "bank.json", "--plan", "--json", "--seed", "1"])
        .output();
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let prompts: Vec<String> = json(&plan.stdout)["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["id"] == "gen-who-said-transport-costs")
        .map(|q| q["prompt"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        prompts,
        ["Who said bussing would cost more than keeping the school open?"]
    );
    let check = Test::new()
        .file("bank.json", &pasted)
        .args(&["check", "bank.json"])
        .output();
    assert!(
        !check.stdout.contains("stale-generated-copy"),
        "{}",
        check.stdout
    );
    bank["claims"][2]["text"] = json!("Bussing the pupils will cost more than running the school.");
    let changed = serde_json::to_string_pretty(&bank).unwrap();
    let check = Test::new()
        .file("bank.json", &changed)
        .args(&["check", "bank.json"])
        .output();
    assert_eq!(check.code, 1, "{}\n{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("stale-generated-copy"),
        "{}",
        check.stdout
    );
}

#[test]
fn generate_refuses_unknown_ids_and_empty_selections() {
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["generate", "bank.json", "--claim", "saving"])
        .output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the bank has no claim `saving`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `savings`?"),
        "{}",
        run.stderr
    );
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&[
            "generate",
            "bank.json",
            "--template",
            "evasion",
            "--claim",
            "savings",
        ])
        .output();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing to generate"), "{}", run.stderr);
}

// ------------------------------------------------------------------ claims

#[test]
fn claims_text() {
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["claims", "bank.json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("claims_text_trainer", run.stdout);
}

#[test]
fn claims_markdown() {
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["claims", "bank.json", "--format", "markdown"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("claims_markdown_trainer", run.stdout);
}

#[test]
fn claims_student() {
    let text = Test::new()
        .file("bank.json", example_bank())
        .args(&["claims", "bank.json", "--student"])
        .output();
    assert_eq!(text.code, 0, "{}", text.stderr);
    insta::assert_snapshot!("claims_text_student", text.stdout);
    let markdown = Test::new()
        .file("bank.json", example_bank())
        .args(&["claims", "bank.json", "--student", "--format", "markdown"])
        .output();
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    insta::assert_snapshot!("claims_markdown_student", markdown.stdout);
}

#[test]
fn student_handout_of_the_bundled_bank_gives_no_answers_away() {
    for format in ["text", "markdown"] {
        let run = Test::new()
            .args(&[
                "claims",
                "asif-cnn-interview",
                "--student",
                "--format",
                format,
            ])
            .output();
        assert_eq!(run.code, 0, "{}", run.stderr);
        for answer in [
            "Report shows",
            "Evidence",
            "Statement",
            "Counters",
            "Context",
            "unsupported",
            "not checkable",
        ] {
            assert!(
                !run.stdout.contains(answer),
                "{format} handout contains {answer:?}:\n{}",
                run.stdout
            );
        }
        assert!(run.stdout.contains("Khawaja Asif"));
    }
}

#[test]
fn markdown_cells_escape_pipes_and_text_cleans_control_characters() {
    let mut bank = json(&example_bank());
    bank["claims"][0]["text"] = json!("Numbers fell | rose\u{1b}[31m by a third.");
    let text = serde_json::to_string(&bank).unwrap();
    let markdown = Test::new()
        .file("bank.json", &text)
        .args(&["claims", "bank.json", "--format", "markdown"])
        .output();
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    let row = markdown
        .stdout
        .lines()
        .find(|line| line.contains("Numbers fell"))
        .unwrap();
    assert!(
        row.contains("Numbers fell \\| rose\u{fffd}\\[31m by a third."),
        "{row}"
    );
    assert_eq!(row.matches(" | ").count(), 8, "{row}");
    let plain = Test::new()
        .file("bank.json", &text)
        .args(&["claims", "bank.json"])
        .output();
    assert!(!plain.stdout.contains('\u{1b}'));
}

// ------------------------------------------------------------------- draft

/// Lower-cased words, apostrophes straightened, punctuation dropped.
fn phrase_words(text: &str) -> Vec<String> {
    text.replace('\u{2019}', "'")
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// The longest run of words the two phrases share.
fn longest_common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    for i in 0..a.len() {
        for j in 0..b.len() {
            let run = a[i..]
                .iter()
                .zip(&b[j..])
                .take_while(|(x, y)| x == y)
                .count();
            best = best.max(run);
        }
    }
    best
}

/// Two wordings overlap when they share a run of at least 60% of the
/// shorter phrase's words (and at least two words): containment is the case
/// where the run is the whole shorter phrase.
fn wordings_overlap(a: &str, b: &str) -> bool {
    let (a, b) = (phrase_words(a), phrase_words(b));
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return false;
    }
    let needed = (shorter * 6).div_ceil(10).max(2).min(shorter);
    longest_common_run(&a, &b) >= needed
}

fn wordings(claim: &Value) -> Vec<String> {
    claim["report_wording"]
        .as_array()
        .map(|phrases| {
            phrases
                .iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn overlap_measure() {
    assert!(wordings_overlap(
        "no terrorist bases in the areas bombed",
        "there were no terrorist bases in the areas bombed by India"
    ));
    assert!(wordings_overlap(
        "India blamed groups",
        "blamed groups in Pakistan for the attack"
    ));
    assert!(!wordings_overlap(
        "India said",
        "India had crossed the border"
    ));
    assert!(!wordings_overlap("five Indian jets", "Indian social media"));
}

#[test]
fn draft_finds_the_report_wording_of_most_of_the_bundled_claims() {
    let run = Test::new()
        .args(&["draft", &seed_report().display().to_string()])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let drafted = json(&run.stdout);
    let drafted_wordings: Vec<String> = drafted["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(wordings)
        .collect();
    let bundled = json(&repo_file("quizzes/asif-cnn-interview.json"));
    let claims = bundled["claims"].as_array().unwrap();
    let mut missed = Vec::new();
    for claim in claims {
        let found = wordings(claim).iter().any(|phrase| {
            drafted_wordings
                .iter()
                .any(|drafted| wordings_overlap(phrase, drafted))
        });
        if !found {
            missed.push(claim["id"].as_str().unwrap().to_string());
        }
    }
    let found = claims.len() - missed.len();
    let percent = 100.0 * found as f64 / claims.len() as f64;
    println!(
        "draft coverage: {found} of {} bundled claims ({percent:.0}%); missed: {missed:?}",
        claims.len()
    );
    assert!(
        percent >= 80.0,
        "the draft finds the wording of only {percent:.0}% of the bundled claims; missed {missed:?}"
    );
}

#[test]
fn draft_of_the_seed_report() {
    let report = seed_report();
    let run = Test::new()
        .args(&["draft", &report.display().to_string()])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("draft_seed_report", run.stdout);
    // Every wording is verbatim from the report, and every claim asks for review.
    let text = std::fs::read_to_string(&report).unwrap();
    for claim in json(&run.stdout)["claims"].as_array().unwrap() {
        for phrase in wordings(claim) {
            assert!(text.contains(&phrase), "not in the report: {phrase:?}");
        }
        assert!(claim["x-review"].is_string(), "{claim}");
    }
}

#[test]
fn draft_passes_check_with_notes_only_and_is_quizzable() {
    let report = seed_report().display().to_string();
    let (run, dir) = Test::new()
        .args(&["draft", &report, "--out", "draft.json"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Wrote draft.json: "),
        "{}",
        run.stdout
    );
    let bank = std::fs::read_to_string(dir.path().join("draft.json")).unwrap();
    let check = Test::new()
        .file("draft.json", &bank)
        .args(&[
            "check",
            "draft.json",
            "--source",
            &report,
            "--deny",
            "warnings",
        ])
        .output();
    assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
    assert!(
        !check.stdout.contains("warning[") && !check.stdout.contains("error["),
        "{}",
        check.stdout
    );
    let plan = Test::new()
        .file("draft.json", &bank)
        .args(&["run", "draft.json", "--plan", "--json"])
        .output();
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    assert!(json(&plan.stdout)["questions"].as_array().unwrap().len() >= 20);
}

#[test]
fn draft_refuses_to_replace_a_file_without_force() {
    let report = seed_report().display().to_string();
    let (run, dir) = Test::new()
        .file("draft.json", "keep me")
        .args(&["draft", &report, "--out", "draft.json"])
        .run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("draft.json already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.json")).unwrap(),
        "keep me"
    );
    let (run, dir) = Test::new()
        .file("draft.json", "replace me")
        .args(&["draft", &report, "--out", "draft.json", "--force"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(dir.path().join("draft.json"))
            .unwrap()
            .contains("crossexam-bank/1")
    );
}

// --------------------------------------------------------------------- new

#[test]
fn new_writes_a_starter_bank_that_checks_clean() {
    let (run, dir) = Test::new().args(&["new", "media-week"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("new_message", run.stdout);
    let text = std::fs::read_to_string(dir.path().join("media-week.json")).unwrap();
    let bank = json(&text);
    assert_eq!(bank["id"], "media-week");
    assert_eq!(bank["title"], "Media week");
    let mut types: Vec<&str> = bank["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["type"].as_str().unwrap())
        .collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(
        types,
        [
            "match",
            "multiple",
            "numeric",
            "order",
            "short",
            "single",
            "true-false"
        ]
    );
    let check = Test::new()
        .file("media-week.json", &text)
        .args(&["check", "media-week.json", "--deny", "warnings"])
        .output();
    assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("no problems found"),
        "{}",
        check.stdout
    );
    let plan = Test::new()
        .file("media-week.json", &text)
        .args(&["run", "media-week.json", "--plan", "--json"])
        .output();
    assert_eq!(plan.code, 0, "{}", plan.stderr);
}

#[test]
fn new_refuses_to_overwrite() {
    let (run, dir) = Test::new()
        .file("media-week.json", "mine")
        .args(&["new", "media-week"])
        .run();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("new_refuses_to_overwrite", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("media-week.json")).unwrap(),
        "mine"
    );
}
