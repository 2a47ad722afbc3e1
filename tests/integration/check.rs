//! `crossexam check` on a catalogue of small broken or weak banks
//! (`tests/fixtures/check/`), through the real binary: exit codes, and a
//! snapshot of what the author reads — each diagnostic's rule, position,
//! source line and caret. Also JSON output, `--explain`, several files at
//! once, and the bundled bank against its source report.

use crate::harness::Test;
use crossexam::bank::RuleId;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name))
        .unwrap_or_else(|error| panic!("fixture {name}: {error}"))
}

/// Copies the fixtures `files` into a fresh directory, runs
/// `crossexam check ARGS` there, asserts the exit code and that nothing
/// panicked, and returns stdout (plus stderr when there is any).
fn check(files: &[&str], args: &[&str], code: i32) -> String {
    let mut test = Test::new();
    for file in files {
        test = test.file(file, fixture(file));
    }
    let mut all = vec!["check"];
    all.extend(args);
    let run = test.args(&all).output();
    assert!(
        !run.stdout.contains("panicked") && !run.stderr.contains("panicked"),
        "a panic:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(
        run.code, code,
        "exit code of check {args:?}\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    if run.stderr.is_empty() {
        run.stdout
    } else {
        format!("{}--- stderr ---\n{}", run.stdout, run.stderr)
    }
}

/// One test per fixture: `name: "file.json" [extra args] => exit code;`.
macro_rules! catalogue {
    ($($name:ident: $file:literal $([$($arg:literal),*])? => $code:literal;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(check(&[$file], &[$file $($(, $arg)*)?], $code));
            }
        )*
    };
}

catalogue! {
    // Fine: tolerated by the format.
    clean: "clean.json" => 0;
    bom: "bom.json" => 0;
    x_keys: "x-keys.json" => 0;
    null_optional: "null-optional.json" => 0;
    // Not JSON at all: exit 2, nothing else checked.
    truncated: "truncated.json" => 2;
    empty_file: "empty.json" => 2;
    invalid_utf8: "invalid-utf8.json" => 2;
    deeply_nested: "deeply-nested.json" => 2;
    // Positions: BOM, a one-line file, CRLF, wide characters, a long list.
    bom_one_line: "bom-one-line.json" => 1;
    crlf: "crlf.json" => 1;
    wide_chars: "wide-chars.json" => 1;
    unknown_ref_in_question_27: "unknown-ref-question-27.json" => 1;
    // Shape errors.
    not_an_object: "not-an-object.json" => 1;
    wrong_format: "wrong-format.json" => 1;
    missing_format: "missing-format.json" => 1;
    wrong_type: "wrong-type.json" => 1;
    wrong_types_everywhere: "wrong-types-everywhere.json" => 1;
    // Regression: a type error used to hide every other problem of the bank.
    type_error_and_others: "type-error-and-others.json" => 1;
    unknown_fields: "unknown-fields.json" => 1;
    unknown_question_type: "unknown-question-type.json" => 1;
    unknown_generator: "unknown-generator.json" => 1;
    bad_preset: "bad-preset.json" => 1;
    // Structural errors.
    duplicate_ids: "duplicate-ids.json" => 1;
    unknown_refs: "unknown-refs.json" => 1;
    huge_id: "huge-id.json" => 1;
    single_correct: "single-correct.json" => 1;
    multiple_correct: "multiple-correct.json" => 1;
    bad_credit: "bad-credit.json" => 1;
    empty_text: "empty-text.json" => 1;
    claim_fragment: "claim-fragment.json" => 1;
    // Lint errors.
    duplicate_choice: "duplicate-choice.json" => 1;
    control_chars: "control-chars.json" => 1;
    support_without_evidence: "support-without-evidence.json" => 1;
    stale_generated_copy: "stale-generated-copy.json" => 1;
    // Warnings: listed, exit 0 …
    choice_count: "choice-count.json" => 0;
    all_none_of_above: "all-none-of-above.json" => 0;
    length_cue: "length-cue.json" => 0;
    negative_stem: "negative-stem.json" => 0;
    absolute_distractor: "absolute-distractor.json" => 0;
    missing_feedback: "missing-feedback.json" => 0;
    missing_explanation: "missing-explanation.json" => 0;
    position_bias: "position-bias.json" => 0;
    cynicism_bias: "cynicism-bias.json" => 0;
    claim_coverage: "claim-coverage.json" => 0;
    loaded_verb: "loaded-verb.json" => 0;
    unknown_allow: "unknown-allow.json" => 0;
    // … unless denied; allowed warnings and notes never fail.
    missing_explanation_denied: "missing-explanation.json" ["--deny", "warnings"] => 1;
    allowed_warnings_denied: "allowed-warnings.json" ["--deny", "warnings"] => 0;
    x_review_notes_denied: "x-review.json" ["--deny", "warnings"] => 0;
}

#[test]
fn wording_not_in_source() {
    insta::assert_snapshot!(check(
        &["wording-not-in-source.json", "report.txt"],
        &["wording-not-in-source.json", "--source", "report.txt"],
        1
    ));
}

#[test]
fn reading_against_source() {
    // A quotation not in the source (an error) and a paragraph copying the
    // source outside quotation marks (a warning); a retold paragraph passes.
    insta::assert_snapshot!(check(
        &["reading.json", "report.txt"],
        &["reading.json", "--source", "report.txt"],
        1
    ));
}

#[test]
fn report_wording_is_not_checked_without_source() {
    let output = check(
        &["wording-not-in-source.json"],
        &["wording-not-in-source.json"],
        0,
    );
    assert_eq!(output, "wording-not-in-source.json: no problems found\n");
}

#[test]
fn crlf_lines_show_no_carriage_returns() {
    let output = check(&["crlf.json"], &["crlf.json"], 1);
    assert!(!output.contains('\r'), "{output:?}");
}

#[test]
fn several_files_highest_code_wins() {
    insta::assert_snapshot!(
        "several_files_errors_and_warnings",
        check(
            &[
                "clean.json",
                "missing-explanation.json",
                "unknown-refs.json"
            ],
            &[
                "clean.json",
                "missing-explanation.json",
                "unknown-refs.json"
            ],
            1
        )
    );
    insta::assert_snapshot!(
        "several_files_one_not_json",
        check(
            &["clean.json", "truncated.json", "choice-count.json"],
            &["clean.json", "truncated.json", "choice-count.json"],
            2
        )
    );
    check(
        &["clean.json", "choice-count.json"],
        &["clean.json", "choice-count.json"],
        0,
    );
    check(
        &["clean.json", "choice-count.json"],
        &["clean.json", "choice-count.json", "--deny", "warnings"],
        1,
    );
}

#[test]
fn unreadable_files() {
    insta::assert_snapshot!("missing_file", check(&[], &["nowhere.json"], 2));
    let run = Test::new()
        .file("clean.json", fixture("clean.json"))
        .file("dir/inside.json", fixture("clean.json"))
        .args(&["check", "nowhere.json", "dir", "clean.json"])
        .output();
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(
        "missing_and_directory",
        format!("{}--- stderr ---\n{}", run.stdout, run.stderr)
    );
    insta::assert_snapshot!(
        "missing_source",
        check(
            &["clean.json"],
            &["clean.json", "--source", "nowhere.txt"],
            2
        )
    );
}

#[test]
fn json_format() {
    insta::assert_snapshot!(
        "json_unknown_refs",
        check(
            &["unknown-refs.json"],
            &["unknown-refs.json", "--format", "json"],
            1
        )
    );
    insta::assert_snapshot!(
        "json_warnings_and_notes",
        check(
            &["choice-count.json", "x-review.json"],
            &["choice-count.json", "x-review.json", "--format", "json"],
            0
        )
    );
    assert_eq!(
        check(&["clean.json"], &["clean.json", "--format", "json"], 0),
        "[]\n"
    );
    insta::assert_snapshot!(
        "json_truncated",
        check(
            &["truncated.json"],
            &["truncated.json", "--format", "json"],
            2
        )
    );
}

#[test]
fn explain_a_rule() {
    insta::assert_snapshot!(check(&[], &["--explain", "stale-generated-copy"], 0));
}

#[test]
fn explain_a_warning() {
    insta::assert_snapshot!(check(&[], &["--explain", "cynicism-bias"], 0));
}

/// `check --explain RULE` says word for word what the rule's section of
/// docs/check-rules.md says (the page is read here from the repository).
#[test]
fn explain_every_rule_with_the_text_of_its_docs_section() {
    let page = crate::harness::repo_file("docs/check-rules.md");
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .filter(|word| !matches!(*word, "###" | "-") && !word.starts_with("```"))
            .map(str::to_string)
            .collect()
    };
    for rule in RuleId::ALL.iter().map(|rule| rule.as_str()) {
        let heading = format!("\n## {rule}\n");
        let start = page
            .find(&heading)
            .unwrap_or_else(|| panic!("docs/check-rules.md has no section `## {rule}`"));
        let section = &page[start + heading.len()..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        let output = check(&[], &["--explain", rule], 0);
        let mut expected = vec![rule.to_string()];
        expected.extend(words(section));
        assert_eq!(words(&output), expected, "--explain {rule}");
        for heading in [
            "What it checks",
            "Why it matters",
            "How to fix it",
            "How to allow it",
        ] {
            assert!(
                output.contains(&format!("\n{heading}\n")),
                "{rule}: {output}"
            );
        }
    }
}

#[test]
fn explain_wraps_at_the_screen_width() {
    // Regression: `--explain` wrapped at 78 columns whatever the width.
    let run = Test::new()
        .env("COLUMNS", "40")
        .args(&["check", "--explain", "syntax"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let longest = run.stdout.lines().map(|line| line.chars().count()).max();
    assert!(longest <= Some(40), "{}", run.stdout);
    insta::assert_snapshot!("explain_syntax_40", run.stdout);
}

#[test]
fn explain_an_unknown_rule() {
    insta::assert_snapshot!(check(&[], &["--explain", "lenght-cue"], 2));
}

/// Every rule fires somewhere in the catalogue, and every position the JSON
/// output gives lies inside its file.
#[test]
fn the_catalogue_fires_every_rule_at_valid_positions() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| {
            Path::new(name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
        })
        .collect();
    names.sort();
    assert!(names.len() >= 40, "only {} fixtures", names.len());
    let banks: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut setup = Test::new().file("report.txt", fixture("report.txt"));
    for bank in &banks {
        setup = setup.file(bank, fixture(bank));
    }
    let mut args = vec!["check", "--format", "json", "--source", "report.txt"];
    args.extend(&banks);
    let run = setup.args(&args).output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    let diagnostics: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).expect("a JSON array");
    let mut fired = BTreeSet::new();
    for diagnostic in &diagnostics {
        let file = diagnostic["file"].as_str().expect("file");
        let (line, column) = (
            diagnostic["line"].as_u64().expect("line"),
            diagnostic["column"].as_u64().expect("column"),
        );
        let bytes = fixture(file);
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let rows: Vec<&str> = text.split('\n').collect();
        assert!(line >= 1 && line as usize <= rows.len(), "{diagnostic}");
        let length = rows[line as usize - 1].chars().count() as u64;
        assert!(column >= 1 && column <= length + 1, "{diagnostic}");
        fired.insert(diagnostic["rule"].as_str().expect("rule").to_string());
    }
    let missing: Vec<&str> = RuleId::ALL
        .iter()
        .map(|rule| rule.as_str())
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules that never fire in the catalogue: {missing:?}"
    );
}
