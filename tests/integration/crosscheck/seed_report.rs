//! The seed report (never copied into the repository): the bundled bank's
//! wordings are found in it, and `draft` on it finds most of the bundled
//! claims, passes `check` and can be run as a quiz.

use super::seed_report;
use crate::harness::{Test, json, repo_file, repo_path};
use serde_json::Value;

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

/// The bundled bank is clean against its own source report, warnings denied.
#[test]
fn the_bundled_bank_passes_against_its_source() {
    let bank = repo_path("quizzes/asif-cnn-interview.json");
    let source = seed_report();
    let run = Test::new()
        .args(&[
            "check",
            bank.to_str().expect("path"),
            "--source",
            source.to_str().expect("path"),
            "--deny",
            "warnings",
        ])
        .output();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("no problems found\n"),
        "{}",
        run.stdout
    );
}
