//! Adversarial input through the real CLI: devices, FIFOs and endless
//! input are refused or bounded, `--results` never replaces what it should
//! not, and no escape code reaches any output.

use crate::harness::{Test, example_bank, json};

/// Five skips: the example bank's default quiz.
const SKIPS: &str = "-\n-\n-\n-\n-\n";

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn devices_are_refused_before_reading() {
    let run = Test::new().args(&["run", "/dev/zero"]).output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/dev/zero: it is a device, not a regular file"),
        "{}",
        run.stderr
    );
    for args in [
        &["check", "bank.json", "--source", "/dev/zero"][..],
        &["read", "bank.json", "--source", "/dev/zero"],
        &["draft", "/dev/zero"],
        &["run", "bank.json", "--answers", "/dev/zero"],
    ] {
        let run = Test::new()
            .file("bank.json", example_bank())
            .args(args)
            .output();
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("a device") || run.stderr.contains("not a regular file"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn fifos_are_refused_without_waiting_for_a_writer() {
    let test = Test::new().file("bank.json", example_bank());
    mkfifo(&test.dir.path().join("pipe.json"));
    let (run, dir) = test.args(&["check", "pipe.json"]).run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("a FIFO"), "{}", run.stderr);
    // `list` shows the FIFO as unreadable and goes on.
    let mut list = assert_cmd::Command::cargo_bin("crossexam").expect("binary");
    let output = list
        .current_dir(dir.path())
        .args(["list", "."])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("pipe.json  cannot be loaded") && stdout.contains("bank.json"),
        "{stdout}"
    );
}

#[test]
fn an_endless_answer_line_is_refused() {
    let line = "a".repeat(100_000);
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["run", "bank.json", "--answers", "-", "--seed", "1"])
        .stdin(&format!("{line}\n"))
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("line 1 is longer than 4096 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_endless_keyboard_line_is_dropped_and_the_quiz_goes_on() {
    let line = "b".repeat(100_000);
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["run", "bank.json", "--seed", "1", "--json"])
        .stdin(&format!("{line}\n{SKIPS}"))
        .output();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("longer than 4096 bytes"),
        "{}",
        run.stderr
    );
    assert_eq!(
        json(&run.stdout)["responses"].as_array().map(Vec::len),
        Some(5)
    );
}

#[cfg(unix)]
#[test]
fn a_time_zone_file_that_is_a_device_is_not_read() {
    let run = Test::new()
        .env("TZ", ":/dev/zero")
        .args(&["progress"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn results_never_replace_a_file_that_is_not_a_result() {
    let bank = example_bank();
    let (run, dir) = Test::new()
        .file("bank.json", &bank)
        .args(&[
            "run",
            "bank.json",
            "--seed",
            "1",
            "--answers",
            "-",
            "--results",
            "bank.json",
        ])
        .stdin(SKIPS)
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bank.json exists and is not a crossexam result"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "refused before the quiz: {}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bank.json")).expect("bank"),
        bank
    );
    // A previous result is replaced; any file is with --force.
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec![
            "run",
            "bank.json",
            "--seed",
            "1",
            "--answers",
            "-",
            "--results",
            "r.json",
        ];
        args.extend_from_slice(extra);
        let test = Test::new().file("bank.json", &bank).file(
            "r.json",
            if extra.is_empty() {
                r#"{"format": "crossexam-result/1"}"#
            } else {
                "notes"
            },
        );
        let (run, dir) = test.args(&args).stdin(SKIPS).run();
        assert_eq!(run.code, 1, "{}", run.stderr);
        let written = json(&std::fs::read_to_string(dir.path().join("r.json")).expect("result"));
        assert_eq!(written["format"], "crossexam-result/1");
    }
}

#[cfg(unix)]
#[test]
fn results_never_replace_a_device_even_with_force() {
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&[
            "run",
            "bank.json",
            "--answers",
            "-",
            "--results",
            "/dev/null",
            "--force",
        ])
        .stdin(SKIPS)
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("/dev/null is a device"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unwritable_results_name_is_found_before_the_quiz() {
    let name = format!("{}.json", "n".repeat(300));
    let run = Test::new()
        .file("bank.json", example_bank())
        .args(&["run", "bank.json", "--answers", "-", "--results", &name])
        .stdin(SKIPS)
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("file name is too long"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_learner_name_still_makes_a_result_file() {
    let learner = "L".repeat(400);
    let (run, dir) = Test::new()
        .file("bank.json", example_bank())
        .args(&[
            "run",
            "bank.json",
            "--answers",
            "-",
            "--learner",
            &learner,
            "--results",
            "out/",
        ])
        .stdin(SKIPS)
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(dir.path().join("out"))
            .expect("folder")
            .count(),
        1
    );
}

#[test]
fn escape_codes_in_file_names_are_not_printed() {
    let name = "b\u{1b}[31m\u{9b}\u{202e}.json";
    let run = Test::new()
        .file(name, "{\"format\": \"crossexam-bank/1\",}")
        .args(&["check", name])
        .output();
    assert_eq!(run.code, 2);
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains(['\u{1b}', '\u{9b}', '\u{202e}']), "{text:?}");
    }
    let run = Test::new().args(&["new", "x\u{1b}]0;t\u{7}"]).output();
    assert!(
        !run.stdout.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        run.stdout
    );
}

#[test]
fn json_output_escapes_c1_bidi_and_invisible_characters() {
    let bank = example_bank().replace(
        "Type the surname of the person who gave the savings figure.",
        "Type\u{85} the\u{9b} surname\u{202e} of\u{200b} the\u{7f} person.",
    );
    let run = Test::new()
        .file("bank.json", bank)
        .args(&[
            "run",
            "bank.json",
            "--plan",
            "--json",
            "--quiz",
            "exam",
            "--seed",
            "1",
        ])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout
            .contains(['\u{85}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{7f}']),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Type\\u0085 the\\u009b surname\\u202e of\\u200b the\\u007f person.")
    );
    json(&run.stdout);
}

#[test]
fn invisible_characters_are_a_check_error() {
    let bank = example_bank().replace("\"text\": \"Moss\"", "\"text\": \"Mo\\u200bss\"");
    assert!(bank.contains("\\u200b"), "the fixture changed");
    let run = Test::new()
        .file("bank.json", bank)
        .args(&["check", "bank.json"])
        .output();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("error[control-char]: the text contains a zero-width space (U+200B)"),
        "{}",
        run.stdout
    );
}

#[test]
fn new_refuses_an_empty_name() {
    let (run, dir) = Test::new().args(&["new", ""]).run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.path().join(".json").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_a_read_error_not_a_missing_file() {
    let test = Test::new();
    std::os::unix::fs::symlink("loop2.json", test.dir.path().join("loop1.json")).expect("link");
    std::os::unix::fs::symlink("loop1.json", test.dir.path().join("loop2.json")).expect("link");
    let run = test.args(&["run", "loop1.json"]).output();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read loop1.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_key_given_twice_is_an_error_with_both_positions() {
    let bank = example_bank().replacen(
        "\"type\": \"true-false\",",
        "\"type\": \"true-false\",\n      \"answer\": false,",
        1,
    );
    assert_ne!(bank, example_bank(), "the fixture changed");
    let run = Test::new()
        .file("bank.json", &bank)
        .args(&["check", "bank.json"])
        .output();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[duplicate-key]: the key `answer` is given twice in this object; the first is at line"),
        "{}",
        run.stdout
    );
    let run = Test::new()
        .file("bank.json", &bank)
        .args(&["run", "bank.json", "--plan"])
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[duplicate-key]"),
        "{}",
        run.stderr
    );
}

#[test]
fn points_are_bounded() {
    let bank = example_bank().replacen(
        "\"type\": \"true-false\",",
        "\"type\": \"true-false\",\n      \"points\": 1.7e308,",
        1,
    );
    let run = Test::new()
        .file("bank.json", &bank)
        .args(&["run", "bank.json", "--plan"])
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("points must be more than 0 and at most 1000"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_clock_the_store_cannot_keep_is_refused() {
    let run = Test::new()
        .env("CROSSEXAM_NOW", "9999-12-30T22:00:00.999999999Z")
        .args(&["practice"])
        .stdin("a\n")
        .output();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("outside the years 1970 to 9000"),
        "{}",
        run.stderr
    );
}

#[test]
fn command_line_errors_do_not_echo_escape_codes() {
    for args in [
        &["run", "--kind", "x\u{1b}[2J\u{9b}\u{202e}"][..],
        &["run", "--seed", "1\u{1b}]0;t\u{7}"],
        &["run", "--pass-mark", "\u{85}\u{202e}0.5"],
    ] {
        let run = Test::new().args(args).output();
        assert_eq!(run.code, 2, "{args:?}");
        assert!(!run.stderr.is_empty());
        assert!(
            !run.stderr
                .contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{85}', '\u{202e}']),
            "{:?}",
            run.stderr
        );
    }
}

#[test]
fn draft_out_names_are_printed_without_escape_codes() {
    let name = "d\u{1b}[31m.json";
    let run = Test::new()
        .file(
            "report.txt",
            "The minister said the bridge would open in May. Critics disagreed.\n",
        )
        .args(&["draft", "report.txt", "--out", name])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}
