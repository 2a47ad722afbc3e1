//! `crossexam report`: the class report through the real binary over a
//! fixed synthetic class (snapshots of text, CSV and JSON), mixed inputs
//! (folders, JSON Lines, damaged, foreign and newer files, counted and
//! named), bank versions kept apart, escaping in HTML and CSV, exit codes.

use crate::class_fixture::{bundled_bank, class_of_thirty};
use crate::harness::{Test, json};
use crossexam::report::QuizResult;

fn pretty(result: &QuizResult) -> String {
    serde_json::to_string_pretty(result).unwrap() + "\n"
}

/// The class of thirty as one file per result in `results/`.
fn class_test() -> Test {
    let loaded = bundled_bank();
    let mut test = Test::new();
    for (at, result) in class_of_thirty(&loaded).iter().enumerate() {
        test = test.file(
            &format!("results/{at:02}-{}.json", result.learner),
            pretty(result),
        );
    }
    test
}

#[test]
fn text_report_of_the_class_of_thirty() {
    let run = class_test().args(&["report", "results"]).output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_report_of_the_class_of_thirty() {
    let run = class_test()
        .args(&["report", "results", "--format", "json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run.stdout);
    assert_eq!(report["format"], "crossexam-class-report/1");
    assert_eq!(report["results_read"], 30);
    insta::assert_json_snapshot!(report);
}

#[test]
fn csv_tables_of_the_class_of_thirty() {
    for table in ["grades", "items", "choices", "mastery", "learners"] {
        let run = class_test()
            .args(&["report", "results", "--format", "csv", "--table", table])
            .output();
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("csv_{table}"), run.stdout);
    }
}

#[test]
fn attempts_choose_first_last_best_or_all() {
    let counted = |which: &str| {
        let run = class_test()
            .args(&["report", "results", "--format", "json", "--attempts", which])
            .output();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let report = json(&run.stdout);
        let group = &report["groups"][0];
        let learner3: Vec<f64> = group["grades"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["learner"] == "learner-03")
            .map(|row| row["percent"].as_f64().unwrap())
            .collect();
        (group["attempts_counted"].as_u64().unwrap(), learner3)
    };
    let (all, all3) = counted("all");
    let (first, first3) = counted("first");
    let (last, last3) = counted("last");
    let (best, best3) = counted("best");
    assert_eq!((all, first, last, best), (30, 27, 27, 27));
    assert_eq!(all3.len(), 2);
    assert_eq!(first3, vec![all3[0]]);
    assert_eq!(last3, vec![all3[1]]);
    assert_eq!(best3, vec![all3[0].max(all3[1])]);
}

#[test]
fn mixed_inputs_skip_and_count_what_cannot_be_read() {
    let loaded = bundled_bank();
    let class = class_of_thirty(&loaded);
    let lines: String = class[..5]
        .iter()
        .map(|result| result.to_json_line() + "\n")
        .collect();
    let mut with_bad_line =
        class[5].to_json_line() + "\n{\"format\": \"crossexam-result/1\", \"bank\": \n";
    with_bad_line.push_str(&(class[6].to_json_line() + "\n"));
    let newer = pretty(&class[7]).replace("crossexam-result/1", "crossexam-result/2");
    let run = Test::new()
        .file("folder/a.json", pretty(&class[8]))
        .file("folder/nested/b.json", pretty(&class[9]))
        .file("folder/notes.txt", "not a result, not looked at")
        .file(
            "folder/plan.json",
            r#"{"format": "crossexam-plan/1", "questions": []}"#,
        )
        .file("folder/newer.json", newer)
        .file("folder/cut.json", &pretty(&class[10])[..200])
        .file("class.jsonl", lines)
        .file("more.jsonl", with_bad_line)
        .file("single.json", pretty(&class[11]))
        .args(&[
            "report",
            "folder",
            "class.jsonl",
            "more.jsonl",
            "single.json",
            "--format",
            "json",
        ])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run.stdout);
    assert_eq!(report["results_read"], 10, "2 + 5 + 2 + 1");
    assert_eq!(report["files_read"], 8);
    let skipped: Vec<String> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s["source"].as_str().unwrap(),
                s["reason"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!(skipped.join("\n"));
    // Every skipped file is also named on stderr when the report is not text.
    assert_eq!(
        run.stderr.matches("warning: skipped").count(),
        4,
        "{}",
        run.stderr
    );
}

#[test]
fn nothing_readable_is_an_input_error() {
    let run = Test::new()
        .file("junk.json", "{ not json")
        .args(&["report", "junk.json"])
        .output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no readable crossexam results"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning: skipped junk.json"),
        "{}",
        run.stderr
    );
    let missing = Test::new().args(&["report", "nowhere"]).output();
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read nowhere"),
        "{}",
        missing.stderr
    );
    let none = Test::new().args(&["report"]).output();
    assert_eq!(none.code, 2, "inputs are required");
}

#[test]
fn bank_versions_and_unknown_banks_are_reported_apart() {
    let loaded = bundled_bank();
    let class = class_of_thirty(&loaded);
    let mut other = class[1].clone();
    other.bank_hash = "sha256:0000".to_string();
    let mut unknown = class[2].clone();
    unknown.bank = "someone-elses-bank".to_string();
    let run = Test::new()
        .file("r/a.json", pretty(&class[0]))
        .file("r/b.json", pretty(&other))
        .file("r/c.json", pretty(&unknown))
        .args(&["report", "r", "--format", "json"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run.stdout);
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    let available: Vec<(&str, bool)> = groups
        .iter()
        .map(|g| {
            (
                g["bank_hash"].as_str().unwrap(),
                g["bank_available"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(available.contains(&(loaded.hash.as_str(), true)));
    assert!(available.contains(&("sha256:0000", false)));
    let notes = run.stdout.clone();
    assert!(
        notes.contains("another version than these results"),
        "{notes}"
    );
    assert!(
        notes.contains("`someone-elses-bank` is not available"),
        "{notes}"
    );
}

#[test]
fn html_is_one_escaped_page_with_charts_and_no_scripts() {
    let loaded = bundled_bank();
    let mut class = class_of_thirty(&loaded);
    class[0].learner = "<script>alert(1)</script>".to_string();
    let mut test = Test::new();
    for (at, result) in class.iter().enumerate() {
        test = test.file(&format!("r/{at:02}.json"), pretty(result));
    }
    let (run, dir) = test
        .args(&["report", "r", "--format", "html", "--out", "class.html"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "--out writes the file only");
    let page = std::fs::read_to_string(dir.path().join("class.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "escaped"
    );
    assert!(!page.contains("<script"), "no scripts at all");
    assert!(
        !page.contains(" src=") && !page.contains(" href=") && !page.contains("url("),
        "nothing fetched"
    );
    assert_eq!(
        page.matches("<svg").count(),
        3,
        "histogram, facility, discrimination"
    );
    for class_name in ["grades", "items", "misattributions", "test"] {
        assert!(
            page.contains(&format!("<table class=\"{class_name}\"")),
            "{class_name}"
        );
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_made_text() {
    let loaded = bundled_bank();
    let mut result = class_of_thirty(&loaded).remove(0);
    result.learner = "=HYPERLINK(\"http://x\")".to_string();
    let run = Test::new()
        .file("r.json", pretty(&result))
        .args(&["report", "r.json", "--format", "csv"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[3], "'=HYPERLINK(\"http://x\")");
}

#[test]
fn results_written_by_run_are_read_by_report() {
    let plan = json(
        &Test::new()
            .args(&[
                "run",
                "--quiz",
                "class-check",
                "--seed",
                "7",
                "--plan",
                "--json",
            ])
            .output()
            .stdout,
    );
    let lines = "\n".repeat(plan["questions"].as_array().unwrap().len());
    let (run, dir) = Test::new()
        .file("results/.keep", "")
        .file("answers.txt", lines)
        .args(&[
            "run",
            "--quiz",
            "class-check",
            "--seed",
            "7",
            "--learner",
            "ana",
            "--results",
            "results/",
            "--answers",
            "answers.txt",
        ])
        .run();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let report = Test::new()
        .file(
            "r.json",
            std::fs::read_dir(dir.path().join("results"))
                .unwrap()
                .filter_map(Result::ok)
                .find(|entry| entry.path().extension().is_some_and(|e| e == "json"))
                .map(|entry| std::fs::read(entry.path()).unwrap())
                .unwrap(),
        )
        .args(&["report", "r.json", "--format", "json"])
        .output();
    assert_eq!(report.code, 0, "{}", report.stderr);
    let report = json(&report.stdout);
    assert_eq!(report["groups"][0]["grades"][0]["learner"], "ana");
    assert_eq!(report["groups"][0]["bank_available"], true);
}

#[test]
fn a_bank_given_with_bank_brings_kinds_and_claims() {
    let bank = crate::harness::example_bank();
    let plan = json(
        &Test::new()
            .file("bank.json", &bank)
            .args(&["run", "bank.json", "--seed", "3", "--plan", "--json"])
            .output()
            .stdout,
    );
    let skips = "\n".repeat(plan["questions"].as_array().unwrap().len());
    let (run, dir) = Test::new()
        .file("bank.json", &bank)
        .file("answers.txt", skips)
        .args(&[
            "run",
            "bank.json",
            "--seed",
            "3",
            "--learner",
            "ana",
            "--answers",
            "answers.txt",
            "--results",
            "result.json",
        ])
        .run();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let result = std::fs::read_to_string(dir.path().join("result.json")).unwrap();
    let without = Test::new()
        .file("result.json", &result)
        .args(&["report", "result.json", "--format", "json"])
        .output();
    assert_eq!(without.code, 0, "{}", without.stderr);
    let without = json(&without.stdout);
    assert_eq!(without["groups"][0]["bank_available"], false);
    assert!(without["groups"][0]["mastery"].is_null());
    let with = Test::new()
        .file("result.json", &result)
        .file("bank.json", &bank)
        .args(&[
            "report",
            "result.json",
            "--bank",
            "bank.json",
            "--format",
            "json",
        ])
        .output();
    assert_eq!(with.code, 0, "{}", with.stderr);
    let with = json(&with.stdout);
    assert_eq!(with["groups"][0]["bank_available"], true);
    assert!(
        !with["groups"][0]["mastery"]["by_kind"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let missing = Test::new()
        .file("result.json", &result)
        .args(&["report", "result.json", "--bank", "nowhere.json"])
        .output();
    assert_eq!(
        missing.code, 2,
        "a --bank that cannot be read is an input error"
    );
}

#[test]
fn a_report_that_cannot_be_written_names_the_report_not_results() {
    // Regression: a failed --out was worded "cannot write results to" (issue 8).
    let run = class_test()
        .args(&["report", "results", "--out", "no-such-folder/class.html"])
        .output();
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .starts_with("error: cannot write no-such-folder/class.html: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("  = hint: the folder does not exist: create it first\n"),
        "{}",
        run.stderr
    );
}
