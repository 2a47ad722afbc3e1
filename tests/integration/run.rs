//! `crossexam run`: plans, scripted and keyboard quizzes, scoring through the
//! real binary, results, errors and exit codes.

use crate::harness::{Test, repo_file};
use serde_json::Value;

const ALL_TYPES: &str = "tests/fixtures/run/all-types.json";

fn all_types() -> String {
    repo_file(ALL_TYPES)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"))
}

/// The plan of the all-types bank for a seed.
fn plan(seed: &str, extra: &[&str]) -> Value {
    let mut args = vec!["run", "bank.json", "--seed", seed, "--plan", "--json"];
    args.extend_from_slice(extra);
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&args)
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run.stdout)
}

fn letter_of(list: &Value, key: &str, wanted: &str) -> String {
    list.as_array()
        .unwrap()
        .iter()
        .find(|entry| entry[key] == wanted)
        .unwrap_or_else(|| panic!("{wanted} not in {list}"))["letter"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Answer lines for a plan of the all-types bank: the right answers, with
/// `wrong` question ids answered the way the test names.
fn answers(plan: &Value, overrides: &[(&str, &str)]) -> String {
    let mut lines = Vec::new();
    for question in plan["questions"].as_array().unwrap() {
        let id = question["id"].as_str().unwrap();
        if let Some((_, line)) = overrides.iter().find(|(question_id, _)| *question_id == id) {
            lines.push((*line).to_string());
            continue;
        }
        lines.push(match id {
            "single" => letter_of(&question["choices"], "id", "leader"),
            "multiple" => format!(
                "{} {}",
                letter_of(&question["choices"], "id", "costing"),
                letter_of(&question["choices"], "id", "quote")
            ),
            "tf" => "f".to_string(),
            "short" => "Moss".to_string(),
            "numeric" => "400,000 pounds".to_string(),
            "match" => {
                let right_of = |left: &str| match left {
                    "Bussing costs more" => "Save Our School",
                    _ => "Dana Moss",
                };
                question["left"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|left| {
                        let text = left["text"].as_str().unwrap();
                        format!(
                            "{}{}",
                            left["number"],
                            letter_of(&question["right"], "text", right_of(text))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            "order" => [
                "The leader spoke",
                "The host asked about costs",
                "The parents spoke",
                "The host thanked them",
            ]
            .iter()
            .map(|text| letter_of(&question["items"], "text", text))
            .collect::<Vec<_>>()
            .join(" "),
            other => panic!("unexpected question {other}"),
        });
    }
    lines.join("\n") + "\n"
}

fn scripted(seed: &str, answer_text: &str, extra: &[&str]) -> (crate::harness::Run, Value) {
    let mut args = vec![
        "run",
        "bank.json",
        "--seed",
        seed,
        "--answers",
        "answers.txt",
        "--json",
    ];
    args.extend_from_slice(extra);
    let run = Test::new()
        .file("bank.json", all_types())
        .file("answers.txt", answer_text)
        .args(&args)
        .output();
    let result = if run.stdout.trim().is_empty() {
        Value::Null
    } else {
        json(&run.stdout)
    };
    (run, result)
}

fn response<'a>(result: &'a Value, id: &str) -> &'a Value {
    result["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["question"] == id)
        .unwrap()
}

#[test]
fn an_answers_file_saved_with_a_bom_scores_the_same() {
    let plan = plan("3", &[]);
    let (run, result) = scripted("3", &format!("\u{feff}{}", answers(&plan, &[])), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(result["percent"], 100.0);
}

#[test]
fn an_answers_file_that_is_only_a_bom_has_no_answer_lines() {
    // Regression: the mark was stripped after splitting, so it counted as one empty answer.
    let (run, _) = scripted("3", "\u{feff}", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("the file has 0 answer lines")
            && run.stderr.contains("line 1 is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_answer_line_too_few_is_counted_in_the_singular() {
    let plan = plan("3", &[]);
    let first = answers(&plan, &[]).lines().next().unwrap().to_string();
    let (run, _) = scripted("3", &format!("{first}\n"), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("the file has 1 answer line but"),
        "{}",
        run.stderr
    );
}

#[test]
fn right_answers_score_full_marks() {
    let plan = plan("3", &[]);
    let (run, result) = scripted("3", &answers(&plan, &[]), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(result["format"], "crossexam-result/1");
    assert_eq!(result["score"], 8.0);
    assert_eq!(result["max_score"], 8);
    assert_eq!(result["percent"], 100.0);
    assert_eq!(result["complete"], true);
    assert_eq!(result["passed"], Value::Null);
    assert_eq!(result["seed"], "3");
    assert_eq!(result["learner"], "tester");
    assert_eq!(
        response(&result, "single")["selected"],
        serde_json::json!(["leader"])
    );
    let order: Vec<&str> = result["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["question"].as_str().unwrap())
        .collect();
    let planned: Vec<&str> = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, planned, "responses follow plan order");
}

#[test]
fn partial_credit_for_every_type() {
    let plan = plan("5", &[]);
    let single = letter_of(
        &plan["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == "single")
            .unwrap()["choices"],
        "id",
        "parents",
    );
    let multiple_question = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "multiple")
        .unwrap();
    let one_right_one_wrong = format!(
        "{}{}",
        letter_of(&multiple_question["choices"], "id", "costing"),
        letter_of(&multiple_question["choices"], "id", "louder")
    );
    let one_right = letter_of(&multiple_question["choices"], "id", "quote");
    let order_question = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "order")
        .unwrap();
    // Two adjacent items swapped: the longest ordered subset is 3 of 4.
    let swapped = [
        "The host asked about costs",
        "The leader spoke",
        "The parents spoke",
        "The host thanked them",
    ]
    .iter()
    .map(|text| letter_of(&order_question["items"], "text", text))
    .collect::<Vec<_>>()
    .join(",");
    let text = answers(
        &plan,
        &[
            ("single", &single),
            ("multiple", &one_right_one_wrong),
            ("tf", "true"),
            ("short", "Dana Mos"),
            ("numeric", "420000"),
            ("order", &swapped),
        ],
    );
    let (run, result) = scripted("5", &text, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(response(&result, "single")["credit"], 0.25);
    assert_eq!(response(&result, "multiple")["credit"], 0.0);
    assert_eq!(response(&result, "tf")["credit"], 0.0);
    assert_eq!(
        response(&result, "short")["credit"],
        1.0,
        "fuzzy match to an alias of 5+ characters"
    );
    assert_eq!(response(&result, "numeric")["credit"], 0.5);
    assert_eq!(response(&result, "numeric")["points"], 1.0);
    assert_eq!(response(&result, "order")["credit"], 0.75);
    assert_eq!(result["score"], 0.25 + 1.0 + 1.0 + 1.0 + 0.75);

    let (_, result) = scripted(
        "5",
        &answers(&plan, &[("multiple", &one_right), ("short", "Mos")]),
        &[],
    );
    assert_eq!(response(&result, "multiple")["credit"], 0.5);
    assert_eq!(
        response(&result, "short")["credit"],
        0.0,
        "no fuzzy match below 5 characters"
    );
    let (_, result) = scripted("5", &answers(&plan, &[("short", "Council!")]), &[]);
    assert_eq!(
        response(&result, "short")["credit"],
        0.0,
        "a known wrong answer earns its credit 0"
    );
}

#[test]
fn match_answers_may_leave_a_left_out() {
    let plan = plan("8", &[]);
    let question = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "match")
        .unwrap();
    let first = &question["left"][0];
    let right = if first["text"] == "Bussing costs more" {
        "Save Our School"
    } else {
        "Dana Moss"
    };
    let line = format!("1{}", letter_of(&question["right"], "text", right));
    let (run, result) = scripted("8", &answers(&plan, &[("match", &line)]), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let credit = response(&result, "match")["credit"].as_f64().unwrap();
    assert!((credit - 0.3333).abs() < 1e-3, "{credit}");
}

#[test]
fn confidence_marks_are_reported_beside_the_score() {
    let plan = plan("2", &["--quiz", "cbm"]);
    let right = answers(&plan, &[]);
    let sure: String = right
        .lines()
        .map(|line| line.to_string() + " !3\n")
        .collect();
    let (run, result) = scripted("2", &sure, &["--quiz", "cbm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(result["cbm"]["score"], 24.0);
    assert_eq!(result["cbm"]["max"], 24.0);
    assert_eq!(result["score"], 8.0);

    let (run, _) = scripted("2", &right, &["--quiz", "cbm"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("answers.txt:1: question 1: add how sure you are"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missed_pass_mark_exits_1() {
    let (run, result) = scripted("1", &"\n".repeat(7), &["--quiz", "pass"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(result["passed"], false);
    assert_eq!(result["score"], 0.0);
    assert!(
        result["responses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["skipped"] == true)
    );
    let plan = plan("1", &[]);
    let (run, result) = scripted("1", &answers(&plan, &[]), &["--quiz", "pass"]);
    assert_eq!(run.code, 0);
    assert_eq!(result["passed"], true);
}

#[test]
fn malformed_answer_files_name_the_line() {
    let plan = plan("4", &[]);
    let mut lines: Vec<String> = answers(&plan, &[]).lines().map(str::to_string).collect();
    let tf_line = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["id"] == "tf")
        .unwrap();
    lines[tf_line] = "maybe".to_string();
    let (run, _) = scripted("4", &lines.join("\n"), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!(
            "answers.txt:{}: question {}: answer t (true) or f (false)",
            tf_line + 1,
            tf_line + 1
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "nothing is scored: {}", run.stdout);

    let (run, _) = scripted("4", "-\n", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("line 2 is missing"), "{}", run.stderr);

    let (run, _) = scripted("4", &(answers(&plan, &[]) + "extra\n"), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("answers.txt:8: 8 answer lines for 7 questions"),
        "{}",
        run.stderr
    );

    let (run, _) = scripted("4", ":q\n", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("keyboard command"), "{}", run.stderr);
}

#[test]
fn answers_from_stdin() {
    let plan = plan("6", &[]);
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&[
            "run",
            "bank.json",
            "--seed",
            "6",
            "--answers",
            "-",
            "--json",
        ])
        .stdin(&answers(&plan, &[]).replace('\n', "\r\n"))
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["score"], 8.0);
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    assert_eq!(plan("11", &[]), plan("11", &[]));
    assert_ne!(plan("11", &[])["questions"], plan("12", &[])["questions"]);
}

#[test]
fn bundled_plan_for_seed_42() {
    let run = Test::new()
        .args(&["run", "--seed", "42", "--plan", "--json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("bundled_plan_seed_42", run.stdout);
}

#[test]
fn keyboard_quiz_screens() {
    let plan = plan("3", &[]);
    let multiple = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "multiple")
        .unwrap();
    let louder = letter_of(&multiple["choices"], "id", "louder");
    // An invalid line and help first; then right, wrong, skipped, partly right and known-wrong answers.
    let lines = answers(
        &plan,
        &[
            ("multiple", &louder),
            ("match", ""),
            ("numeric", "420000"),
            ("short", "council"),
        ],
    );
    let typed = ["zz".to_string(), ":h".to_string(), lines];
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&["run", "bank.json", "--seed", "3"])
        .stdin(&typed.join("\n"))
        .output();
    insta::assert_snapshot!("keyboard_quiz_immediate_feedback", run.stdout);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn end_feedback_holds_everything_to_the_end() {
    let plan = plan("3", &["--quiz", "cbm"]);
    let mut lines: Vec<String> = answers(&plan, &[])
        .lines()
        .map(|line| format!("{line} !2"))
        .collect();
    lines[0] = "-".to_string();
    lines[1] = format!("{} !1", lines[1].trim_end_matches(" !2"));
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&["run", "bank.json", "--seed", "3", "--quiz", "cbm"])
        .stdin(&(lines.join("\n") + "\n"))
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("keyboard_quiz_end_feedback_cbm", run.stdout);
}

#[test]
fn quitting_early_keeps_a_partial_result() {
    let (run, dir) = Test::new()
        .file("bank.json", all_types())
        .file("results/.keep", "")
        .args(&[
            "run",
            "bank.json",
            "--seed",
            "3",
            "--quiz",
            "pass",
            "--results",
            "results",
        ])
        .stdin("f\n:q\n")
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Stopped early: 1 of 7 questions answered."),
        "{}",
        run.stdout
    );
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("results"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        .collect();
    assert_eq!(saved.len(), 1);
    let result = json(&std::fs::read_to_string(saved[0].path()).unwrap());
    assert_eq!(result["complete"], false);
    assert_eq!(result["passed"], Value::Null);
    assert_eq!(result["responses"].as_array().unwrap().len(), 7);
}

#[test]
fn end_of_input_shows_a_summary() {
    let run = Test::new()
        .args(&["run", "--seed", "1"])
        .stdin("-\n")
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Stopped early: 1 of 10 questions answered."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Seed 1"));
}

#[test]
fn every_class_check_has_both_halves_of_discernment() {
    // The default preset asks for a support balance: whatever the seed, the
    // end screen can say how many unsupported claims were caught and how
    // many supported or open ones were recognised.
    for seed in ["1", "7", "42"] {
        let run = Test::new()
            .file("skips.txt", "-\n".repeat(10))
            .args(&["run", "--seed", seed, "--answers", "skips.txt"])
            .output();
        assert_eq!(run.code, 1, "the pass mark is missed: {}", run.stderr);
        let line = run
            .stdout
            .lines()
            .find(|line| line.starts_with("Discernment: caught 0 of "))
            .unwrap_or_else(|| panic!("seed {seed}: no discernment line\n{}", run.stdout));
        assert!(!line.contains("of 0"), "seed {seed}: {line}");
    }
    // A quiz without support questions has no line to show.
    let run = Test::new()
        .file("skips.txt", "-\n".repeat(3))
        .args(&[
            "run",
            "--kind",
            "who-said",
            "--count",
            "3",
            "--answers",
            "skips.txt",
        ])
        .output();
    assert_eq!(run.code, 1, "the pass mark is missed: {}", run.stderr);
    assert!(!run.stdout.contains("Discernment"), "{}", run.stdout);
}

#[test]
fn no_arguments_starts_the_bundled_quiz() {
    let run = Test::new().stdin("").output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Question 1 of 10"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Read the report first")
            && run.stdout.contains("asif-cnn-interview` retells it"),
        "{}",
        run.stdout
    );
}

#[test]
fn read_shows_the_source_and_briefing() {
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&["read", "bank.json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("read_all_types", run.stdout);
}

#[test]
fn read_with_a_missing_report_prints_only_the_error() {
    // Regression: the whole briefing was printed, then the error (exit 2).
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&["read", "bank.json", "--source", "missing.txt"])
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
}

#[test]
fn a_one_point_quiz_scores_in_the_singular() {
    // Regression: "Score: 0 of 1 points".
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&[
            "run",
            "bank.json",
            "--seed",
            "1",
            "--count",
            "1",
            "--no-log",
        ])
        .stdin("-\n")
        .output();
    let score = run.stdout.lines().find(|line| line.starts_with("Score:"));
    assert_eq!(score, Some("Score: 0 of 1 point (0%)"), "{}", run.stdout);
}

#[test]
fn list_of_a_bank_file_shows_its_presets() {
    // Regression: `list my-bank.json` failed with "Not a directory (os error 20)",
    // and a broken bank in a listing did not say how to see its problems.
    let run = Test::new()
        .file("all-types.json", all_types())
        .file("broken.json", "{")
        .args(&["list", "all-types.json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed = run
        .stdout
        .split("\nall-types.json")
        .nth(1)
        .unwrap_or_default();
    insta::assert_snapshot!(format!("all-types.json{listed}"));
    let broken = Test::new()
        .file("broken.json", "{")
        .env("COLUMNS", "100")
        .args(&["list", "broken.json"])
        .output();
    assert_eq!(broken.code, 0, "{}", broken.stderr);
    assert!(
        broken
            .stdout
            .contains("broken.json  cannot be loaded: broken.json has problems (`crossexam check broken.json` shows them)"),
        "{}",
        broken.stdout
    );
}

#[test]
fn the_start_screen_names_a_per_question_time_limit() {
    // Regression: a preset's `question_time_limit_s` was not on the start screen.
    let mut bank = json(&all_types());
    bank["quizzes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "kahoot", "title": "Kahoot", "question_time_limit_s": 20, "time_limit_s": 300}));
    let run = Test::new()
        .file("bank.json", bank.to_string())
        .args(&[
            "run",
            "bank.json",
            "--quiz",
            "kahoot",
            "--seed",
            "1",
            "--no-log",
        ])
        .stdin(":q\n")
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facts = run.stdout.lines().nth(3).unwrap_or_default();
    assert_eq!(
        facts, "7 questions · feedback after each answer · time limit 5:00 · 0:20 a question",
        "{}",
        run.stdout
    );
    // `list` says the limits the same way (it said "300 s limit · 20 s a question").
    let list = Test::new()
        .file("bank.json", bank.to_string())
        .env("COLUMNS", "100")
        .args(&["list", "bank.json"])
        .output();
    assert!(
        list.stdout.contains(
            "--quiz kahoot: Kahoot · 7 of 7 questions · time limit 5:00 · 0:20 a question"
        ),
        "{}",
        list.stdout
    );
}

#[test]
fn list_shows_banks_and_presets() {
    let run = Test::new()
        .file("banks/all-types.json", all_types())
        .file("banks/broken.json", "{")
        .args(&["list", "banks"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("asif-cnn-interview (bundled)"));
    assert!(
        run.stdout
            .contains("--quiz pass: Pass check · 7 of 7 questions"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("broken.json  cannot be loaded"),
        "{}",
        run.stdout
    );
}

#[test]
fn count_larger_than_the_matching_questions_is_an_error() {
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&["run", "bank.json", "--count", "9", "--tag", "evidence"])
        .output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "the quiz asks for 9 questions (--count or the preset's count), but only 3 match"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn semantic_errors_point_at_file_line_and_column() {
    let broken = all_types().replacen(
        r#""claims": ["savings", "costs"],"#,
        r#""claims": ["savings", "cost"],"#,
        1,
    );
    let run = Test::new()
        .file("bank.json", &broken)
        .args(&["run", "bank.json"])
        .output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("unknown_claim_error", run.stderr);
}

#[test]
fn syntax_and_type_errors_point_at_file_line_and_column() {
    let truncated = &all_types()[..400];
    let run = Test::new()
        .file("bank.json", truncated)
        .args(&["run", "bank.json"])
        .output();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--> bank.json:"), "{}", run.stderr);
    let wrong_type = all_types().replacen(r#""points": 2"#, r#""points": "two""#, 1);
    let run = Test::new()
        .file("bank.json", &wrong_type)
        .args(&["run", "bank.json"])
        .output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("wrong_type_error", run.stderr);
    let unknown_field = all_types().replacen(r#""fuzzy": 1"#, r#""fuzzy": 1, "fuzz": 2"#, 1);
    let run = Test::new()
        .file("bank.json", &unknown_field)
        .args(&["run", "bank.json"])
        .output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("unknown_field_error", run.stderr);
}

#[test]
fn escape_codes_in_a_bank_never_reach_the_terminal() {
    let hostile = all_types().replacen(
        "Who gave the savings figure?",
        r"Who gave \u001b[2J\u001b[31mthe figure\u202e?",
        1,
    );
    let run = Test::new()
        .file("bank.json", &hostile)
        .args(&["run", "bank.json", "--seed", "1"])
        .stdin("")
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run_plan = Test::new()
        .file("bank.json", &hostile)
        .args(&["run", "bank.json", "--seed", "1", "--plan"])
        .output();
    for output in [&run.stdout, &run_plan.stdout] {
        assert!(
            !output.contains('\u{1b}') && !output.contains('\u{202e}'),
            "{output}"
        );
    }
    assert!(
        run_plan.stdout.contains("Who gave �[2J�[31mthe figure�?"),
        "{}",
        run_plan.stdout
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_shows_a_summary_and_exits_130() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("crossexam"))
        .args(["run", "--seed", "1"])
        .env("CROSSEXAM_NOW", crate::harness::NOW)
        .env("CROSSEXAM_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    writeln!(stdin, "-").unwrap();
    // Wait until the second question is on screen, then interrupt.
    let mut seen = String::new();
    while !seen.contains("Question 2 of 10") {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "output ended early: {seen}"
        );
        seen.push_str(&line);
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(130), "{rest}");
    assert!(
        rest.contains("Stopped early: 1 of 10 questions answered."),
        "{rest}"
    );
    drop(stdin);
}

#[test]
fn a_results_folder_that_cannot_be_created_is_named_as_such() {
    // Regression: a `create_dir_all` failure was reported as "cannot read".
    let run = Test::new()
        .file("plain-file", "")
        .args(&[
            "run",
            "--seed",
            "1",
            "--answers",
            "-",
            "--results",
            "plain-file/results/",
        ])
        .stdin("")
        .output();
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .starts_with("error: cannot create the folder plain-file/results/: "),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "nothing was asked: {}", run.stdout);
}

#[test]
fn flags_and_variables_the_config_refuses() {
    // Checked before any work: nothing on stdout, exit 2, the fix in a hint.
    let mut shown = String::new();
    for (args, env) in [
        (&["run", "--count", "0"][..], None),
        (&["practice", "--retention", "0.5"], None),
        (&["schema"], Some(("CROSSEXAM_NOW", "yesterday"))),
    ] {
        let mut test = Test::new().args(args);
        if let Some((key, value)) = env {
            test = test.env(key, value);
        }
        let run = test.output();
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        shown.push_str(&format!("$ {}\n{}", args.join(" "), run.stderr));
    }
    insta::assert_snapshot!(shown);
    // A time limit of 0 is refused by the parser (1 to 604800 seconds).
    let run = Test::new().args(&["run", "--time-limit", "0"]).output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("0 is not in 1..=604800"),
        "{}",
        run.stderr
    );
}
