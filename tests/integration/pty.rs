//! The quiz at a real terminal: the binary runs in a pseudo-terminal
//! (rexpect) under bash, which sets the size, records the terminal's
//! settings before and after, and prints the exit code. Timeouts are
//! generous and nothing asserts how fast anything is, so a loaded machine
//! only makes these slower.

use rexpect::session::{PtySession, spawn_command};
use std::path::Path;
use std::process::Command;

const TIMEOUT_MS: u64 = 60_000;

/// bash runs the binary at `columns` and reports `[terminal restored]` and `[exit N]`.
const WRAPPER: &str = r#"trap 'true' INT
stty cols "$COLS" rows 30
before=$(stty -g)
"$0" "$@"
code=$?
[ "$before" = "$(stty -g)" ] && echo "[terminal restored]"
echo "[exit $code]""#;

struct Terminal {
    dir: tempfile::TempDir,
}

impl Terminal {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(
            dir.path().join("bank.json"),
            crate::harness::repo_file("tests/fixtures/run/all-types.json"),
        )
        .expect("bank");
        Terminal { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Starts `crossexam ARGS` (split at spaces) at `columns`, with `env` on top of a clean colour environment.
    fn spawn(&self, columns: u16, args: &str, env: &[(&str, &str)]) -> PtySession {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(WRAPPER)
            .arg(assert_cmd::cargo::cargo_bin("crossexam"))
            .args(args.split_whitespace())
            .current_dir(self.path())
            .env("COLS", columns.to_string())
            .env("CROSSEXAM_DATA_DIR", self.path().join("data"))
            .env("USER", "tester")
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .env_remove("COLUMNS")
            .env_remove("CROSSEXAM_NOW")
            .env_remove("CI");
        for (key, value) in env {
            command.env(key, value);
        }
        spawn_command(command, Some(TIMEOUT_MS)).expect("a pseudo-terminal")
    }
}

/// Everything up to the exit line, and the exit code.
fn finish(session: &mut PtySession) -> (String, i32) {
    let (before, code) = session
        .exp_regex(r"\[exit (\d+)\]")
        .expect("the program ends");
    let code = code
        .trim_start_matches("[exit ")
        .trim_end_matches(']')
        .parse()
        .expect("an exit code");
    // rexpect hands over each byte as a char: put the UTF-8 back together.
    let bytes: Vec<u8> = before.chars().map(|c| c as u8).collect();
    (String::from_utf8_lossy(&bytes).replace("\r\n", "\n"), code)
}

fn strip_escapes(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}

#[test]
fn the_countdown_ends_the_quiz_with_no_key_pressed() {
    let terminal = Terminal::new();
    let mut session = terminal.spawn(
        100,
        "run bank.json --seed 3 --time-limit 20 --results result.json",
        &[],
    );
    session
        .exp_string("Question 1 of 7")
        .expect("the first question");
    // A tenth of a short limit is the warning: 2 s of 20, a window wide enough for a loaded machine.
    session
        .exp_regex(r"0:0[0-2] left: finish this answer")
        .expect("the warning");
    session
        .exp_string("Time is up.")
        .expect("the quiz ends by itself");
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    let end = strip_escapes(&rest);
    assert!(end.contains("[terminal restored]"), "{end}");
    let screen = end
        .split("──────── Results ────────")
        .nth(1)
        .unwrap_or_else(|| panic!("no end screen: {end:?}"))
        .split("[terminal restored]")
        .next()
        .unwrap();
    insta::assert_snapshot!("time_up_end_screen", screen);
    let result: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(terminal.path().join("result.json")).expect("the result"),
    )
    .expect("JSON");
    assert_eq!(result["ended"], "time-up");
    assert_eq!(result["complete"], true);
    assert_eq!(result["score"], 0.0);
}

#[test]
fn a_question_limit_moves_on_by_itself() {
    let terminal = Terminal::new();
    let mut bank: serde_json::Value = serde_json::from_str(&crate::harness::repo_file(
        "tests/fixtures/run/all-types.json",
    ))
    .unwrap();
    bank["quizzes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "quick", "title": "Quick", "count": 2, "question_time_limit_s": 2
        }));
    std::fs::write(terminal.path().join("quick.json"), bank.to_string()).unwrap();
    let mut session = terminal.spawn(100, "run quick.json --quiz quick --seed 3 --no-log", &[]);
    session.exp_string("Question 1 of 2").unwrap();
    session
        .exp_string("Time ran out")
        .expect("the first question times out");
    session.exp_string("Press Enter").unwrap();
    session.send_line("").unwrap();
    session.exp_string("Question 2 of 2").unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Time ran out"), "{rest}");
    assert!(rest.contains("Score: 0 of 2 points"), "{rest}");
    assert!(rest.contains("Your answer: none (time ran out)"), "{rest}");
}

#[test]
fn ctrl_c_shows_the_summary_exits_130_and_resume_warns_at_one_minute_left() {
    let terminal = Terminal::new();
    // Started 70 s ago (a fixed clock) with a limit of 125 s: interrupted after one answer.
    let started = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(70);
    let started = started.to_string();
    let mut first = terminal.spawn(
        100,
        "run bank.json --seed 3 --time-limit 125",
        &[("CROSSEXAM_NOW", &started)],
    );
    first.exp_string("Question 1 of 7").unwrap();
    first.send_line("f").unwrap();
    first
        .exp_string("Press Enter for the next question.")
        .unwrap();
    first.send_line("").unwrap();
    first.exp_string("Question 2 of 7").unwrap();
    first.send_control('c').unwrap();
    let (rest, code) = finish(&mut first);
    assert_eq!(code, 130, "{rest}");
    assert!(
        rest.contains("Stopped early: 1 of 7 questions answered."),
        "{rest}"
    );
    assert!(
        rest.contains("Continue this quiz with:\n  crossexam run --resume"),
        "{rest}"
    );
    assert!(rest.contains("[terminal restored]"), "{rest}");

    // The real clock now: 55 s of the 125 are left, so the one-minute warning comes at once.
    let mut resumed = terminal.spawn(100, "run --resume", &[]);
    resumed
        .exp_string("Resuming the quiz started 1 minute ago")
        .unwrap();
    resumed
        .exp_regex(r"0:[0-5]\d left: finish this answer, or press Enter to skip\.")
        .expect("the one-minute warning");
    resumed.send_line(":q").unwrap();
    let (rest, code) = finish(&mut resumed);
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains("Stopped early: 1 of 7 questions answered."),
        "{rest}"
    );
}

#[test]
fn ctrl_d_ends_the_quiz_with_a_summary() {
    let terminal = Terminal::new();
    let mut session = terminal.spawn(100, "run bank.json --seed 3 --no-log", &[]);
    session.exp_string("Question 1 of 7").unwrap();
    session.send_control('d').unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains("Stopped early: 0 of 7 questions answered."),
        "{rest}"
    );
    assert!(rest.contains("[terminal restored]"), "{rest}");
}

#[test]
fn a_40_column_terminal_gets_lines_of_40_at_most() {
    let terminal = Terminal::new();
    let mut session = terminal.spawn(40, "run bank.json --seed 3 --no-log", &[]);
    // Seed 3 asks true-false, short, single, multiple, then the match.
    for (question, answer) in ["t", "council", "c", "b"].iter().enumerate() {
        session
            .exp_string(&format!("Question {} of 7", question + 1))
            .unwrap();
        session.send_line(answer).unwrap();
        session.exp_string("Press Enter").unwrap();
        session.send_line("").unwrap();
    }
    session.exp_string("Question 5 of 7").unwrap();
    session.send_line("2b").unwrap();
    session.exp_string("You paired 1 of 3").unwrap();
    session.send_line("y").unwrap();
    session.exp_string("Press Enter").unwrap();
    session.send_line("").unwrap();
    session.exp_string("Question 6 of 7").unwrap();
    session.send_line(":q").unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    let text = strip_escapes(&rest);
    for line in text.lines() {
        let line = line.trim_start_matches("> ");
        assert!(
            line.chars().count() <= 40,
            "{} columns: {line}",
            line.chars().count()
        );
        assert_ne!(line.trim(), ")", "a lone bracket");
    }
    assert!(rest.contains('\u{1b}'), "a colour terminal gets colour");
}

#[test]
fn no_color_and_a_dumb_terminal_get_no_escape_codes_at_all() {
    for env in [[("NO_COLOR", "1")], [("TERM", "dumb")]] {
        let terminal = Terminal::new();
        let mut session =
            terminal.spawn(100, "run bank.json --seed 3 --no-log --time-limit 3", &env);
        session.exp_string("Question 1 of 7").unwrap();
        session.send_line("t").unwrap();
        let (rest, code) = finish(&mut session);
        assert_eq!(code, 0, "{rest}");
        assert!(rest.contains("Time is up"), "{rest}");
        assert!(!rest.contains('\u{1b}'), "{env:?}: {rest:?}");
    }
}

#[test]
fn output_piped_to_a_file_holds_no_prompts_bars_or_escapes() {
    let terminal = Terminal::new();
    // The right answers to seed 3: true-false, short, single, multiple, match, numeric, order.
    let answers = ["f", "Moss", "b", "a c", "1c 2b 3c", "400000", "c b d a"];
    for (redirect, file) in [("", "out.txt"), ("--json", "out.json")] {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(format!(
                r#""$0" run bank.json --seed 3 --no-log --time-limit 600 {redirect} > {file}; echo "[exit $?]""#
            ))
            .arg(assert_cmd::cargo::cargo_bin("crossexam"))
            .current_dir(terminal.path())
            .env("CROSSEXAM_DATA_DIR", terminal.path().join("data"))
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CROSSEXAM_NOW")
            .env_remove("CI");
        let mut piped = spawn_command(command, Some(TIMEOUT_MS)).unwrap();
        // Each answer, then Enter after its feedback (the keyboard is a terminal).
        for answer in answers {
            piped.send_line(answer).unwrap();
            piped.send_line("").unwrap();
        }
        let (rest, code) = finish(&mut piped);
        assert_eq!(code, 0, "{rest}");
        let text = std::fs::read_to_string(terminal.path().join(file)).unwrap();
        assert!(!text.contains('\u{1b}'), "{text:?}");
        if redirect.is_empty() {
            assert!(text.contains("Score: 8 of 8 points (100%)"), "{text}");
        } else {
            let result: serde_json::Value = serde_json::from_str(&text).expect("only JSON");
            assert_eq!(result["score"], 8.0);
            assert!(
                rest.contains("Question 7 of 7"),
                "the screens go to the terminal: {rest}"
            );
        }
    }
}
