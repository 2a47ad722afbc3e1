//! The authoring toolchain: `schema` (the checked-in copy matches the
//! types), `generate`, `claims`, `draft` (on a report of our own; the seed
//! report is in the cross-check set) and `new`.

use crate::harness::{Test, example_bank, json, repo_file, repo_path};
use serde_json::{Value, json};

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
        .args(&["generate", "bank.json", "--all"])
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
fn generate_list_and_the_bank_agree_on_counts_and_say_what_gave_way() {
    let generated = Test::new()
        .args(&["generate", "asif-cnn-interview"])
        .output();
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    let in_use = json(&generated.stdout).as_array().unwrap().len();
    let bank = json(&repo_file("quizzes/asif-cnn-interview.json"));
    let authored = bank["questions"].as_array().unwrap().len();
    let list = Test::new().args(&["list"]).output();
    let total = in_use + authored;
    assert!(
        list.stdout.contains(&format!(
            "{total} questions ({authored} authored, {in_use} generated;"
        )),
        "{}",
        list.stdout
    );
    assert!(
        generated
            .stderr
            .contains(&format!("{in_use} generated questions in use")),
        "{}",
        generated.stderr
    );
    assert!(
        generated.stderr.contains(
            "gen-support-debris-shown gave way to the authored question `support-five-jets`"
        ),
        "{}",
        generated.stderr
    );
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
fn claims_text_wraps_at_the_screen_width() {
    // Regression: the handout wrapped at 78 columns whatever the width, so
    // a 40-column terminal broke every line in the middle of a word.
    let run = Test::new()
        .file("bank.json", example_bank())
        .env("COLUMNS", "40")
        .args(&["claims", "bank.json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let longest = run
        .stdout
        .lines()
        .filter(|line| line.contains(' '))
        .map(|line| line.chars().count())
        .max()
        .unwrap();
    assert!(
        longest <= 40,
        "a line of {longest} columns:\n{}",
        run.stdout
    );
    insta::assert_snapshot!("claims_text_trainer_40", run.stdout);
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
        // Without a bank: the bundled one, like `run`.
        let run = Test::new()
            .args(&["claims", "--student", "--format", format])
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
        // The bank asks who said claims (who-said and attribution items): no speaker column.
        for label in ["Said by", "Through", "Attribution"] {
            assert!(!run.stdout.contains(label), "{format}: {label}");
        }
    }
    // Claim by claim: the block of a claim that a who-said item asks about
    // names no way of calling its speaker, and a paraphrased claim's own
    // paraphrase is not printed.
    let bank = json(&repo_file("quizzes/asif-cnn-interview.json"));
    let generated = Test::new()
        .args(&["generate", "asif-cnn-interview"])
        .output();
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    let generated = json(&generated.stdout);
    let questions: Vec<&Value> = bank["questions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(generated.as_array().unwrap())
        .collect();
    let handout = Test::new().args(&["claims", "--student"]).output().stdout;
    let blocks: Vec<&str> = handout.split("\n\n").collect();
    let block_of = |id: &str| -> String {
        blocks
            .iter()
            .find(|block| {
                block
                    .lines()
                    .next()
                    .is_some_and(|line| line.ends_with(&format!(". {id}")))
            })
            .unwrap_or_else(|| panic!("no block for {id}"))
            .to_lowercase()
    };
    let mut checked = 0;
    for question in &questions {
        let Some(claim_id) = question["claims"][0].as_str() else {
            continue;
        };
        let claim = bank["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == claim_id)
            .unwrap();
        let block = block_of(claim_id);
        match question["kind"].as_str() {
            Some("who-said") if claim["attribution"] != "ambiguous" => {
                let actor = bank["actors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|a| a["id"] == claim["by"])
                    .unwrap();
                let names = actor["aliases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .chain([&actor["name"], &actor["role"]]);
                for name in names.filter_map(Value::as_str).filter(|n| n.len() >= 3) {
                    let name = name.to_lowercase();
                    let is_named = block.match_indices(&name).any(|(at, _)| {
                        !block[..at].ends_with(char::is_alphanumeric)
                            && !block[at + name.len()..].starts_with(char::is_alphanumeric)
                    });
                    assert!(
                        !is_named,
                        "the block of {claim_id} names its speaker ({name}):\n{block}"
                    );
                }
                checked += 1;
            }
            Some("paraphrase") => {
                let text = claim["text"].as_str().unwrap().to_lowercase();
                let first_words: String = text
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    !block
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .contains(&first_words),
                    "{claim_id}: {block}"
                );
                checked += 1;
            }
            _ => {}
        }
    }
    assert!(
        checked > 10,
        "the bank asks who said claims and for paraphrases"
    );
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

#[test]
fn draft_refuses_to_replace_a_file_without_force() {
    let report = repo_path("tests/fixtures/draft/harbour-bridge.txt")
        .display()
        .to_string();
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

#[test]
fn new_refuses_an_empty_name_and_quotes_a_name_with_spaces() {
    // Regression: `new ""` wrote a hidden `.json`, and the next commands it
    // suggested for `new "My Bank"` split the file name in two.
    for name in ["", "banks/"] {
        let (run, dir) = Test::new()
            .file("banks/keep", "")
            .args(&["new", name])
            .run();
        assert_eq!(run.code, 2, "new {name:?}: {}", run.stdout);
        assert!(!dir.path().join(".json").exists() && !dir.path().join("banks/.json").exists());
    }
    let run = Test::new().args(&["new", "My Bank"]).output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_bank_that_cannot_be_written_is_an_input_error_not_a_usage_error() {
    // Regression: write failures were reported as usage errors (issue 8).
    let run = Test::new().args(&["new", "no-such-folder/week"]).output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("new_into_a_missing_folder", run.stderr);

    let (run, dir) = Test::new()
        .file("report.txt", "The minister said the plan works.\n")
        .file("taken/keep", "")
        .args(&["draft", "report.txt", "--out", "taken", "--force"])
        .run();
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.starts_with("error: cannot write taken: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("  = hint: "), "{}", run.stderr);
    assert!(dir.path().join("taken/keep").exists());
}
