//! What a learner reads during and after a quiz, for every question type,
//! at 40 and 100 columns (`COLUMNS`, as the output is not a terminal):
//! feedback after each answer, the confirmation of a half-paired match, the
//! end-of-quiz review with your answer and the right one, and the end
//! screen. Plus completions, the man page and `--help` examples.

use crate::harness::{Test, repo_file};

/// Wrong or partly right answers to the all-types bank with seed 3, whose
/// order is: true-false, short, single, multiple, match, numeric, order
/// (every question is about one claim, so the who-said items come as early
/// as the draw can put them).
const WRONG: [&str; 7] = ["t", "council", "c", "b", "2b", "420000", "d c b a"];

/// The same answers with feedback at the end, where only prompts and options
/// can give a key away: true-false, multiple, short, single, match,
/// numeric, order (the match names Dana Moss, so the who-said items come
/// before it).
const END_WRONG: [&str; 7] = ["t", "a", "council", "a", "2b", "420000", "d c b a"];

/// Where the confirmation of the half-paired match is typed (after the match).
const CONFIRM_AT: usize = 5;

fn all_types() -> String {
    repo_file("tests/fixtures/run/all-types.json")
}

fn keyboard_run(columns: &str) -> crate::harness::Run {
    // The half-paired match is confirmed with `y` before it is scored.
    let mut typed: Vec<&str> = WRONG.to_vec();
    typed.insert(CONFIRM_AT, "y");
    Test::new()
        .file("bank.json", all_types())
        .env("COLUMNS", columns)
        .args(&["run", "bank.json", "--seed", "3"])
        .stdin(&(typed.join("\n") + "\n"))
        .output()
}

#[test]
fn feedback_and_end_screens_at_40_and_100_columns() {
    for columns in ["40", "100"] {
        let run = keyboard_run(columns);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("feedback_and_end_{columns}"), run.stdout);
        let width = columns.parse::<usize>().unwrap() - 1;
        // On a terminal the typed answer and Enter end the prompt's line; piped, the next text follows `> `.
        let longest = run
            .stdout
            .lines()
            .map(|line| line.trim_start_matches("> ").chars().count())
            .max()
            .unwrap();
        assert!(
            longest <= width.max(40),
            "a line of {longest} at {columns} columns"
        );
        assert!(
            !run.stdout.lines().any(|line| line.trim() == ")"),
            "no lone bracket"
        );
    }
}

#[test]
fn every_verdict_comes_first_and_no_sentence_repeats() {
    let run = keyboard_run("100");
    let questions = run.stdout.split("──────── Results").next().unwrap();
    for block in questions.split("\nQuestion ").skip(1) {
        let verdict = block
            .lines()
            .find(|line| line.starts_with("> "))
            .expect("a prompt line");
        assert!(
            [
                "✓ Right",
                "✗ Wrong",
                "◐ Partly right",
                "– Skipped",
                "You paired"
            ]
            .iter()
            .any(|word| verdict.contains(word)),
            "{verdict}"
        );
        let sentences: Vec<&str> = block
            .lines()
            .filter(|line| !line.starts_with("  "))
            .collect();
        for (at, line) in sentences.iter().enumerate() {
            assert!(
                line.is_empty() || !sentences[at + 1..].contains(line),
                "repeated: {line}"
            );
        }
    }
}

#[test]
fn plain_screens_for_screen_readers() {
    let mut typed: Vec<&str> = WRONG.to_vec();
    typed.insert(CONFIRM_AT, "y");
    let run = Test::new()
        .file("bank.json", all_types())
        .env("COLUMNS", "40")
        .args(&[
            "--plain",
            "run",
            "bank.json",
            "--seed",
            "3",
            "--time-limit",
            "600",
        ])
        .stdin(&(typed.join("\n") + "\n"))
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("plain_40", run.stdout);
}

#[test]
fn a_half_paired_match_is_asked_about_then_scored_or_answered_again() {
    let run = Test::new()
        .file("bank.json", all_types())
        .args(&["run", "bank.json", "--seed", "3", "--no-log"])
        .stdin("t\ncouncil\nc\nb\n2b\n\n1c 2b 3c\n:q\n")
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("You paired 1 of 3; the others would earn 0. Type y to score it as it is"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Type the whole answer again."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Stopped early: 5 of 7 questions answered."),
        "{}",
        run.stdout
    );
}

#[test]
fn the_end_review_shows_both_answers_for_every_type() {
    for columns in ["40", "100"] {
        let run = Test::new()
            .file("bank.json", all_types())
            .file("answers.txt", END_WRONG.join("\n") + "\n")
            .env("COLUMNS", columns)
            .args(&[
                "run",
                "bank.json",
                "--seed",
                "3",
                "--feedback",
                "end",
                "--answers",
                "answers.txt",
            ])
            .output();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            !run.stdout.contains("Press Enter"),
            "scripted runs never wait"
        );
        assert_eq!(
            run.stdout.matches("Your answer:").count(),
            7,
            "{}",
            run.stdout
        );
        insta::assert_snapshot!(format!("review_{columns}"), run.stdout);
    }
}

#[test]
fn plain_and_no_color_output_has_no_escape_codes() {
    for (key, value, extra) in [
        ("NO_COLOR", "1", None),
        ("TERM", "dumb", None),
        ("TERM", "xterm-256color", Some("--plain")),
    ] {
        let mut args = vec!["run", "bank.json", "--seed", "3"];
        args.extend(extra);
        let run = Test::new()
            .file("bank.json", all_types())
            .env(key, value)
            .args(&args)
            .stdin(&(WRONG.join("\n") + "\n"))
            .output();
        assert!(
            !run.stdout.contains('\u{1b}'),
            "{key}={value}: {}",
            run.stdout
        );
        if extra.is_some() {
            assert!(
                run.stdout.contains("> Wrong · 0 of 1 point"),
                "{}",
                run.stdout
            );
            assert!(!run.stdout.contains('✓') && !run.stdout.contains('✗'));
        }
    }
}

#[test]
fn color_always_colours_the_verdict_and_never_does_not() {
    let coloured = Test::new()
        .file("bank.json", all_types())
        .env("NO_COLOR", "1")
        .args(&["--color", "always", "run", "bank.json", "--seed", "3"])
        .stdin("f\n")
        .output();
    assert!(
        coloured.stdout.contains("\u{1b}[1m\u{1b}[32m✓ Right"),
        "{}",
        coloured.stdout
    );
    let forced = Test::new()
        .file("bank.json", all_types())
        .env("CLICOLOR_FORCE", "1")
        .args(&["run", "bank.json", "--seed", "3"])
        .stdin("f\n")
        .output();
    assert!(
        forced.stdout.contains('\u{1b}'),
        "CLICOLOR_FORCE colours a pipe"
    );
    let never = Test::new()
        .file("bank.json", all_types())
        .env("CLICOLOR_FORCE", "1")
        .args(&["run", "bank.json", "--seed", "3", "--color", "never"])
        .stdin("f\n")
        .output();
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn checking_many_banks_draws_no_bar_into_a_pipe() {
    let run = Test::new()
        .file("a.json", all_types())
        .file("b.json", all_types())
        .args(&["check", "a.json", "b.json"])
        .output();
    assert!(!run.stderr.contains("Checking"), "{}", run.stderr);
    assert!(!run.stdout.contains("Checking ["), "{}", run.stdout);
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for (shell, marker) in [
        ("bash", "_crossexam()"),
        ("zsh", "#compdef crossexam"),
        ("fish", "complete -c crossexam"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = Test::new().args(&["completions", shell]).output();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(
            run.stdout.contains("practice"),
            "{shell} completes subcommands"
        );
    }
    let man = Test::new().args(&["man"]).output();
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH crossexam"),
        "{}",
        man.stdout
    );
    let bad = Test::new().args(&["completions", "tcsh"]).output();
    assert_eq!(bad.code, 2);
}

#[test]
fn every_subcommand_help_has_an_example() {
    let top = Test::new().args(&["--help"]).output();
    let names: Vec<String> = top
        .stdout
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    assert!(names.len() >= 14, "{names:?}");
    for name in names {
        let run = Test::new().args(&[&name, "--help"]).output();
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(
            run.stdout.contains("Example") && run.stdout.contains("crossexam "),
            "`crossexam {name} --help` has no example:\n{}",
            run.stdout
        );
    }
}

#[test]
fn feedback_keeps_abbreviations_whole() {
    // Regression: "U.S." was cut as three sentences, and "S." (found inside
    // the earlier feedback) was dropped, printing "about U. savings".
    let mut bank: serde_json::Value = serde_json::from_str(&all_types()).unwrap();
    let questions = bank["questions"].as_array_mut().unwrap();
    questions.retain(|question| question["id"] == "single");
    questions[0]["choices"][0]["feedback"] = "Right: the U.S. remark was hers.".into();
    questions[0]["explanation"] =
        "Her remark about U.S. savings was her reply. It is the leader's own, e.g. in Mr. Smith's words.".into();
    let plan = Test::new()
        .file("bank.json", bank.to_string())
        .args(&["run", "bank.json", "--seed", "1", "--plan", "--json"])
        .output();
    let plan: serde_json::Value = serde_json::from_str(&plan.stdout).unwrap();
    let letter = plan["questions"][0]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|choice| choice["id"] == "leader")
        .unwrap()["letter"]
        .as_str()
        .unwrap()
        .to_string();
    let run = Test::new()
        .file("bank.json", bank.to_string())
        .env("COLUMNS", "100")
        .args(&["run", "bank.json", "--seed", "1", "--no-log"])
        .stdin(&format!("{letter}\n"))
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feedback = run.stdout.split("\n> ").nth(1).unwrap();
    let feedback = feedback.split("\n\n").next().unwrap();
    insta::assert_snapshot!(feedback);
}

#[test]
fn the_end_screen_tells_caught_claims_from_recognised_ones() {
    // Every answer `f`: the two unsupported claims are caught, the supported
    // one is not recognised, the open one is; the opinion is not counted.
    let run = Test::new()
        .file(
            "bank.json",
            repo_file("tests/fixtures/run/discernment.json"),
        )
        .args(&["run", "bank.json", "--seed", "1"])
        .stdin(&"f\n".repeat(7))
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let end = run
        .stdout
        .split("──────── Results")
        .nth(1)
        .expect("an end screen");
    let words = end.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Discernment: caught 2 of 2 unsupported claims; recognised 1 of 2 claims the report supports or leaves open."),
        "{end}"
    );
    insta::assert_snapshot!("end_screen_with_discernment", end);
}
