//! The class report checked by other people's tools: pandas and numpy
//! compute Moodle's item and test statistics for the same results
//! (`scripts/crosscheck.d/report_reference.py`) and must agree to 1e-9; the
//! HTML page is opened in headless Chromium, which must log no console
//! error and see the tables and charts; its screenshot is kept under
//! target/ as a test artefact.

use super::{describe, output_of, python};
use crate::class_fixture::{bundled_bank, class_of_thirty};
use crate::harness::{Test, json, repo_path};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOLERANCE: f64 = 1e-9;

/// The class of thirty as one JSON Lines file.
fn class_lines() -> String {
    class_of_thirty(&bundled_bank())
        .iter()
        .map(|result| result.to_json_line() + "\n")
        .collect()
}

fn assert_close(what: &str, ours: &Value, theirs: &Value) {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= TOLERANCE * b.abs().max(1.0),
            "{what}: crossexam {a}, pandas {b}"
        ),
        _ => assert!(
            ours.is_null() && (theirs.is_null()),
            "{what}: crossexam {ours}, pandas {theirs}"
        ),
    }
}

#[test]
fn statistics_match_pandas_and_numpy() {
    let (run, dir) = Test::new()
        .file("class.jsonl", class_lines())
        .args(&[
            "report",
            "class.jsonl",
            "--format",
            "json",
            "--attempts",
            "all",
        ])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ours = json(&run.stdout);
    let reference = output_of(
        Command::new(python())
            .arg(repo_path("scripts/crosscheck.d/report_reference.py"))
            .arg(dir.path().join("class.jsonl")),
    );
    assert!(reference.status.success(), "{}", describe(&reference));
    let theirs: Value = serde_json::from_slice(&reference.stdout).expect("the script prints JSON");

    let group = &ours["groups"][0];
    let test = &group["test"];
    for figure in [
        "attempts",
        "mean",
        "median",
        "sd",
        "skewness",
        "kurtosis",
        "cic",
        "error_ratio",
        "standard_error",
    ] {
        assert_close(
            &format!("test {figure}"),
            &test[figure],
            &theirs["test"][figure],
        );
    }
    assert_eq!(
        test["consistency_attempts"],
        theirs["test"]["consistency_attempts"]
    );
    let items = group["items"].as_array().unwrap();
    let reference_items = theirs["items"].as_object().unwrap();
    assert_eq!(items.len(), reference_items.len(), "the same items");
    let mut compared = 0;
    for item in items {
        let id = item["id"].as_str().unwrap();
        let other = &reference_items[id];
        for figure in ["attempts", "facility", "sd", "discrimination", "efficiency"] {
            // pandas leaves out what one attempt cannot give; so does crossexam (null).
            let theirs = other.get(figure).cloned().unwrap_or(Value::Null);
            assert_close(&format!("{id} {figure}"), &item[figure], &theirs);
            compared += usize::from(!theirs.is_null());
        }
    }
    assert!(compared > 40, "enough figures compared ({compared})");
    // The set has what makes it a test: partial credit, different question
    // sets, an incomplete attempt.
    assert!(
        group["notes"]
            .to_string()
            .contains("different sets of questions")
    );
    assert_eq!(group["complete_attempts"], 29);
}

/// Where the browser's artefacts are kept (under target/).
fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("crosscheck-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on a page; returns (DOM, console errors).
fn chromium(page: &Path, extra: &[&str]) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let output = output_of(
        Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(format!("file://{}", page.display())),
    );
    assert!(output.status.success(), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors = stderr
        .lines()
        .filter(|line| {
            line.contains("CONSOLE")
                || line.contains("Uncaught")
                || line.contains("Refused to")
                || line.contains("Failed to load")
        })
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&output.stdout).into_owned(), errors)
}

#[test]
fn the_html_page_opens_in_chromium_without_errors() {
    let dir = artefacts();
    // The check can fail: a page that logs an error is caught.
    let broken = dir.join("broken.html");
    std::fs::write(
        &broken,
        "<!DOCTYPE html><html><body><script>console.error('broken on purpose')</script></body></html>",
    )
    .unwrap();
    let (_, errors) = chromium(&broken, &["--dump-dom"]);
    assert!(
        errors.iter().any(|line| line.contains("broken on purpose")),
        "console errors are seen: {errors:?}"
    );

    let page = dir.join("class.html");
    let (run, _dir) = Test::new()
        .file("class.jsonl", class_lines())
        .args(&["report", "class.jsonl", "--format", "html", "--out"])
        .args(&[page.to_str().unwrap()])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (dom, errors) = chromium(&page, &["--dump-dom"]);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    for table in ["grades", "test", "items", "misattributions", "kinds"] {
        assert!(
            dom.contains(&format!("<table class=\"{table}\"")),
            "table {table} in the DOM"
        );
    }
    assert_eq!(dom.matches("<svg").count(), 3, "three charts");
    assert!(dom.contains("<rect"), "the charts have bars");

    let screenshot = dir.join("class.png");
    let _ = std::fs::remove_file(&screenshot);
    let (_, errors) = chromium(
        &page,
        &[
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=1280,5000",
            "--hide-scrollbars",
        ],
    );
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real PNG"
    );
    println!("screenshot kept at {}", screenshot.display());
}
