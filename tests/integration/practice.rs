//! `crossexam practice`, `review`, `progress` and `run --resume` through the
//! real binary: the schedule across days (checked against the FSRS module),
//! the due queue and the daily allowance of new questions, extra practice
//! that leaves the schedule alone, mistakes re-asked until right, quiz
//! answers logged, a quiz resumed after its process was killed, kills at any
//! moment, concurrent writers, and a damaged database left untouched.

use crate::harness::{Run, Test, repo_file};
use crossexam::practice::fsrs::{Grade, MemoryState, Scheduler};
use crossexam::practice::queue::{AnswerSource, schedule};
use crossexam::practice::store::{NewAnswer, Scheduled, Store};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BANK: &str = "tests/fixtures/practice/bank.json";
const DAY1: &str = "2026-11-25T09:00:00Z";
const DAY2: &str = "2026-11-26T08:00:00Z";
const DAY3: &str = "2026-11-27T18:00:00Z";

/// One learner's world: a bank file and a data directory that outlive each command.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("bank.json"), repo_file(BANK)).expect("bank");
        World { dir }
    }

    fn bank(&self) -> String {
        self.dir.path().join("bank.json").display().to_string()
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn database(&self) -> PathBuf {
        self.data().join("progress.sqlite3")
    }

    /// Runs crossexam at `now` with `stdin`; `{bank}` in an argument is the bank's path.
    fn run(&self, now: &str, args: &[&str], stdin: &str) -> Run {
        let bank = self.bank();
        let args: Vec<String> = args
            .iter()
            .map(|arg| arg.replace("{bank}", &bank))
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Test::new()
            .env("CROSSEXAM_DATA_DIR", &self.data().display().to_string())
            .env("CROSSEXAM_NOW", now)
            .env("TZ", "UTC")
            .args(&args)
            .stdin(stdin)
            .output()
    }

    fn practice(&self, now: &str, extra: &[&str], stdin: &str) -> Run {
        let mut args = vec!["practice", "{bank}"];
        args.extend_from_slice(extra);
        let run = self.run(now, &args, stdin);
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        run
    }

    fn progress(&self, now: &str) -> Value {
        let run = self.run(now, &["progress", "--json"], "");
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", run.stdout))
    }

    /// The bank's entry of `progress --json`.
    fn bank_progress(&self, now: &str) -> Value {
        let progress = self.progress(now);
        let banks = progress["banks"].as_array().expect("banks");
        banks
            .iter()
            .find(|bank| bank["bank"] == "practice-phone-in")
            .cloned()
            .expect("the practice bank")
    }

    fn spawn(&self, now: &str, args: &[&str]) -> Child {
        let bank = self.bank();
        Command::new(env!("CARGO_BIN_EXE_crossexam"))
            .args(args.iter().map(|arg| arg.replace("{bank}", &bank)))
            .current_dir(self.dir.path())
            .env("CROSSEXAM_DATA_DIR", self.data())
            .env("CROSSEXAM_NOW", now)
            .env("TZ", "UTC")
            .env("USER", "tester")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts")
    }
}

fn item<'a>(bank: &'a Value, question: &str) -> &'a Value {
    bank["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["question"] == question)
        .unwrap()
}

fn reviews(bank: &Value) -> Vec<Value> {
    bank["reviews"].as_array().unwrap().clone()
}

fn memory(item: &Value) -> MemoryState {
    MemoryState {
        stability: item["stability"].as_f64().unwrap(),
        difficulty: item["difficulty"].as_f64().unwrap(),
    }
}

/// Equal up to the last bits JSON's decimal form may lose.
fn assert_same(stored: MemoryState, expected: MemoryState, what: &str) {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
    assert!(
        close(stored.stability, expected.stability)
            && close(stored.difficulty, expected.difficulty),
        "{what}: stored {stored:?}, expected {expected:?}"
    );
}

/// Day 1 in bank order: tf-savings sure and right (Easy), who-savings right
/// (Good), who-costs wrong (Again), scale partly right (Hard).
const DAY1_ANSWERS: &str = "f !3\nMoss\nthe host\nb\n";

#[test]
fn practice_schedules_across_days() {
    let world = World::new();
    let scheduler = Scheduler::default();

    let day1 = world.practice(DAY1, &["--new", "4"], DAY1_ANSWERS);
    assert!(
        day1.stdout
            .contains("Today: 0 due reviews, 4 new questions (of 4 not yet seen; 4 a day)"),
        "{}",
        day1.stdout
    );
    assert!(day1.stdout.contains("seed 20261125"), "{}", day1.stdout);
    for line in [
        "Graded Easy · next review in 8 days (2026-12-03).",
        "Graded Good · next review in 2 days (2026-11-27).",
        "Graded Again · next review tomorrow (2026-11-26).",
        "Graded Hard · next review tomorrow (2026-11-26).",
    ] {
        assert!(
            day1.stdout.contains(line),
            "missing {line:?} in\n{}",
            day1.stdout
        );
    }
    let after_day1 = world.bank_progress(DAY1);
    for (question, grade) in [
        ("tf-savings", Grade::Easy),
        ("who-savings", Grade::Good),
        ("who-costs", Grade::Again),
        ("scale", Grade::Hard),
    ] {
        let expected = scheduler.next_state(None, 0.0, grade);
        let item = item(&after_day1, question);
        assert_same(memory(item), expected, question);
        assert_eq!(item["state"], "review");
        assert_eq!(item["reps"], 1);
    }
    assert_eq!(item(&after_day1, "tf-savings")["due"], "2026-12-03");
    assert_eq!(after_day1["due_today"], 0);
    assert_eq!(after_day1["due_this_week"], 3);
    assert_eq!(after_day1["seen"], 4);

    // The next morning, less than 24 hours later, is one calendar day on:
    // the two items due today come first, most overdue first, then bank order.
    let day2 = world.practice(DAY2, &["--new", "4"], "Save Our School\nc !3\n");
    assert!(
        day2.stdout
            .contains("Today: 2 due reviews, 0 new questions (of 0 not yet seen; 4 a day)"),
        "{}",
        day2.stdout
    );
    let order: Vec<&str> = day2
        .stdout
        .lines()
        .filter(|line| line.starts_with("Question "))
        .collect();
    assert_eq!(order, ["Question 1 of 2", "Question 2 of 2"]);
    let costs_at = day2.stdout.find("Which group said bussing").unwrap();
    let scale_at = day2
        .stdout
        .find("Does the report show whether bussing")
        .unwrap();
    assert!(costs_at < scale_at, "due items in bank order");
    let after_day2 = world.bank_progress(DAY2);
    for (question, grade) in [("who-costs", Grade::Good), ("scale", Grade::Easy)] {
        let (expected, interval) =
            scheduler.review(Some(memory(item(&after_day1, question))), 1.0, grade);
        let item = item(&after_day2, question);
        assert_same(memory(item), expected, question);
        assert_eq!(item["interval_days"], interval);
        assert_eq!(item["reps"], 2);
        assert!(
            day2.stdout.contains(&format!(
                "Graded {grade:?} · next review in {interval} days"
            )),
            "{question}: {interval} days\n{}",
            day2.stdout
        );
    }
    let log = reviews(&after_day2);
    assert_eq!(log.len(), 6);
    assert!(log.iter().all(|review| review["source"] == "practice"));
    assert_eq!(log[4]["elapsed_days"], 1);
    assert_eq!(log[4]["grade"], 3);
    assert_eq!(log[5]["grade_name"], "easy");

    // Nothing is left today: say when, offer extra practice, and decline it.
    let rest = world.practice(DAY2, &[], "n\n");
    assert!(
        rest.stdout
            .contains("Nothing is due today. Next review: 2026-11-27 (tomorrow), 1 question."),
        "{}",
        rest.stdout
    );
    assert!(
        rest.stdout
            .contains("Every question of this bank is in your schedule."),
        "{}",
        rest.stdout
    );
    assert!(
        rest.stdout
            .contains("Practise anyway? Extra practice does not change your schedule. [y/N]")
    );
    assert!(!rest.stdout.contains("Question 1"), "{}", rest.stdout);
    assert_eq!(reviews(&world.bank_progress(DAY2)).len(), 6);

    // Day 3: who-savings (due 11-27) comes back after 2 calendar days.
    let day3 = world.practice(DAY3, &[], "wrong\n");
    assert!(
        day3.stdout.contains("Today: 1 due review"),
        "{}",
        day3.stdout
    );
    let after_day3 = world.bank_progress(DAY3);
    let (expected, _) = scheduler.review(
        Some(memory(item(&after_day1, "who-savings"))),
        2.0,
        Grade::Again,
    );
    assert_same(
        memory(item(&after_day3, "who-savings")),
        expected,
        "who-savings",
    );
    assert_eq!(item(&after_day3, "who-savings")["lapses"], 1);
    assert_eq!(reviews(&after_day3).last().unwrap()["elapsed_days"], 2);
    // Retention counts reviews after a day or more: who-costs and scale recalled, who-savings not.
    assert_eq!(after_day3["retention_30d"]["right"], 2);
    assert_eq!(after_day3["retention_30d"]["answers"], 3);

    // The schedule can be checked from outside: replaying each item's
    // practice reviews (grade, elapsed days) gives its stored state.
    for item in after_day3["items"].as_array().unwrap() {
        let mut state = None;
        let mut interval = 0;
        for review in reviews(&after_day3)
            .iter()
            .filter(|r| r["question"] == item["question"] && r["source"] == "practice")
        {
            let grade = Grade::try_from(review["grade"].as_u64().unwrap() as u8).unwrap();
            let (next, interval_days) =
                scheduler.review(state, review["elapsed_days"].as_f64().unwrap(), grade);
            assert_same(
                MemoryState {
                    stability: review["stability"].as_f64().unwrap(),
                    difficulty: review["difficulty"].as_f64().unwrap(),
                },
                next,
                "log",
            );
            assert_eq!(review["interval_days"], interval_days);
            state = Some(next);
            interval = interval_days;
        }
        assert_same(
            memory(item),
            state.unwrap(),
            item["question"].as_str().unwrap(),
        );
        assert_eq!(item["interval_days"], interval);
    }
}

#[test]
fn new_questions_are_a_daily_allowance_and_reviews_a_session_limit() {
    let world = World::new();
    let first = world.practice(DAY1, &["--new", "2"], "f\nMoss\n");
    assert!(
        first
            .stdout
            .contains("Today: 0 due reviews, 2 new questions (of 4 not yet seen; 2 a day)"),
        "{}",
        first.stdout
    );
    let again = world.practice(DAY1, &["--new", "3"], "Save Our School\n");
    assert!(
        again
            .stdout
            .contains("1 new question (of 2 not yet seen; 3 a day)"),
        "{}",
        again.stdout
    );
    let bank = world.bank_progress(DAY1);
    assert_eq!(bank["seen"], 3);
    assert_eq!(item(&bank, "scale")["state"], "new");

    // Three days on, all three are due; --limit 1 asks the most overdue first.
    let later = "2026-11-28T09:00:00Z";
    let limited = world.practice(later, &["--new", "0", "--limit", "1"], "f\n");
    assert!(
        limited
            .stdout
            .contains("Today: 1 of 3 due reviews, 0 new questions"),
        "{}",
        limited.stdout
    );
    assert!(
        limited.stdout.contains("Question 1 of 1\nThe report backs"),
        "all due 2026-11-27: bank order\n{}",
        limited.stdout
    );
    assert!(
        limited.stdout.contains("Still due today: 2"),
        "{}",
        limited.stdout
    );
    // The command to run again names the bank practised (it was `crossexam practice`).
    let shown = limited
        .stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let again = format!("(run `crossexam practice {}` again)", world.bank());
    assert!(shown.contains(&again), "{}", limited.stdout);
}

#[test]
fn cram_leaves_the_schedule_unchanged() {
    let world = World::new();
    world.practice(DAY1, &["--new", "4"], DAY1_ANSWERS);
    world.practice(DAY2, &[], "Save Our School\nc\n");
    let before = world.bank_progress(DAY2);

    // Accept the offer of extra practice: the weakest questions come first.
    let cram = world.practice(DAY2, &[], "y\nwrong\nt\n");
    assert!(
        cram.stdout
            .contains("Extra practice: 4 questions, weakest first."),
        "{}",
        cram.stdout
    );
    assert!(
        cram.stdout
            .contains("Extra practice: your schedule is unchanged (next review"),
        "{}",
        cram.stdout
    );
    assert!(cram.stdout.contains("Stopped early"), "{}", cram.stdout);
    // --cram starts at once, whatever is due.
    let direct = world.practice(DAY2, &["--cram"], "Moss\n");
    assert!(
        direct.stdout.contains("Extra practice:"),
        "{}",
        direct.stdout
    );

    let after = world.bank_progress(DAY2);
    assert_eq!(
        before["items"], after["items"],
        "extra practice must not move the schedule"
    );
    let log = reviews(&after);
    assert_eq!(log.len(), reviews(&before).len() + 3);
    assert!(
        log[log.len() - 3..]
            .iter()
            .all(|review| review["source"] == "cram" && review["interval_days"].is_null())
    );
}

#[test]
fn review_reasks_mistakes_until_each_is_right() {
    let world = World::new();
    // A quiz in bank order (seed 1 gives some order; use the plan to answer by id).
    let plan = world.run(
        DAY1,
        &["run", "{bank}", "--seed", "1", "--plan", "--json"],
        "",
    );
    let plan: Value = serde_json::from_str(&plan.stdout).unwrap();
    let answers: Vec<&str> = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|question| match question["id"].as_str().unwrap() {
            "tf-savings" => "t",     // wrong
            "who-savings" => "Moss", // right
            "who-costs" => "",       // skipped
            _ => "b",                // partly right
        })
        .collect();
    let file = world.dir.path().join("answers.txt");
    std::fs::write(&file, answers.join("\n") + "\n").unwrap();
    let quiz = world.run(
        DAY1,
        &[
            "run",
            "{bank}",
            "--seed",
            "1",
            "--answers",
            &file.display().to_string(),
            "--learner",
            "tester",
        ],
        "",
    );
    assert_eq!(quiz.code, 0, "{}", quiz.stderr);
    let logged = reviews(&world.bank_progress(DAY1));
    assert_eq!(
        logged.len(),
        4,
        "a scripted run for a named learner is logged"
    );
    assert!(logged.iter().all(|review| review["source"] == "quiz"));
    assert_eq!(
        world.bank_progress(DAY1)["seen"],
        0,
        "quiz answers do not schedule"
    );

    // In bank order: tf-savings, who-costs, scale. Round 1 gets only scale right.
    let review = world.run(
        DAY2,
        &["review", "{bank}"],
        "t\nnobody\nc\nf\nSave Our School\n",
    );
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(
        review
            .stdout
            .contains("3 questions you got wrong in the last 30 days."),
        "{}",
        review.stdout
    );
    assert!(
        review
            .stdout
            .contains("Once more: 2 questions still to answer right."),
        "{}",
        review.stdout
    );
    assert!(
        review.stdout.contains("All 3 questions answered right."),
        "{}",
        review.stdout
    );
    let after = world.bank_progress(DAY2);
    assert_eq!(
        reviews(&after)
            .iter()
            .filter(|review| review["source"] == "review")
            .count(),
        5
    );
    assert_eq!(after["seen"], 0, "reviewing mistakes does not schedule");
    let nothing = world.run(DAY2, &["review", "{bank}"], "");
    assert!(
        nothing.stdout.contains("Nothing to review"),
        "{}",
        nothing.stdout
    );

    // Mistakes older than 30 days are not asked again.
    let world = World::new();
    world.run(
        DAY1,
        &[
            "run",
            "{bank}",
            "--seed",
            "1",
            "--answers",
            &file.display().to_string(),
            "--learner",
            "tester",
        ],
        "",
    );
    let late = world.run("2026-12-26T09:00:00Z", &["review", "{bank}"], "");
    assert!(late.stdout.contains("Nothing to review"), "{}", late.stdout);
}

#[test]
fn quiz_answers_are_not_logged_with_no_log() {
    let world = World::new();
    let quiz = world.run(DAY1, &["run", "{bank}", "--no-log"], "f\nMoss\nx\nc\n");
    assert_eq!(quiz.code, 0, "{}", quiz.stderr);
    assert!(world.progress(DAY1)["banks"].as_array().unwrap().is_empty());
}

#[test]
fn an_edited_bank_keeps_history_by_question_id() {
    let world = World::new();
    world.practice(DAY1, &["--new", "4"], DAY1_ANSWERS);
    let mut bank: Value = serde_json::from_str(&repo_file(BANK)).unwrap();
    let questions = bank["questions"].as_array_mut().unwrap();
    questions[0]["prompt"] =
        Value::from("Reworded: does the report back the savings figure with a document?");
    questions.retain(|question| question["id"] != "scale");
    let mut added = questions[0].clone();
    added["id"] = Value::from("tf-new");
    questions.push(added);
    std::fs::write(
        world.dir.path().join("bank.json"),
        serde_json::to_string_pretty(&bank).unwrap(),
    )
    .unwrap();

    let progress = world.bank_progress(DAY1);
    let ids: Vec<&str> = progress["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["question"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["tf-savings", "who-savings", "who-costs", "tf-new"]);
    assert_eq!(
        item(&progress, "tf-savings")["state"],
        "review",
        "rewording keeps the history"
    );
    assert_eq!(item(&progress, "tf-new")["state"], "new");
    assert_eq!(progress["seen"], 3, "the removed question is ignored");
    // Four questions were introduced today (the removed one too): a fifth is allowed with --new 5.
    let next = world.practice(DAY1, &["--new", "5"], "f\n");
    assert!(
        next.stdout
            .contains("1 new question (of 1 not yet seen; 5 a day)"),
        "{}",
        next.stdout
    );
}

/// Reads the child's stdout on a thread, so the test can wait for a line.
fn watch(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    receiver
}

fn wait_for(lines: &mpsc::Receiver<String>, wanted: &str) {
    loop {
        match lines.recv_timeout(Duration::from_secs(120)) {
            Ok(line) if line.contains(wanted) => return,
            Ok(_) => {}
            Err(error) => panic!("waiting for {wanted:?}: {error}"),
        }
    }
}

#[test]
fn an_interrupted_quiz_resumes_after_its_process_is_killed() {
    let world = World::new();
    let plan = world.run(
        DAY1,
        &["run", "{bank}", "--seed", "9", "--plan", "--json"],
        "",
    );
    let plan: Value = serde_json::from_str(&plan.stdout).unwrap();
    let ids: Vec<String> = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    let answer = |id: &str| match id {
        "tf-savings" => "f",
        "who-savings" => "Moss",
        "who-costs" => "Save Our School",
        _ => "c",
    };

    let mut child = world.spawn(DAY1, &["run", "{bank}", "--seed", "9"]);
    let lines = watch(&mut child);
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}\n{}", answer(&ids[0]), answer(&ids[1])).unwrap();
    stdin.flush().unwrap();
    wait_for(&lines, "Question 3 of 4");
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);

    let saved = world
        .data()
        .join("attempts")
        .join("tester")
        .join("practice-phone-in.json");
    assert!(saved.exists(), "the quiz in progress is kept");
    assert_eq!(
        reviews(&world.bank_progress(DAY1)).len(),
        2,
        "both answers were logged before the kill"
    );

    let rest = format!("{}\n{}\n", answer(&ids[2]), answer(&ids[3]));
    let resumed = world.run(
        "2026-11-25T09:30:00Z",
        &["run", "--resume", "--json"],
        &rest,
    );
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert!(
        resumed.stderr.contains(
            "Resuming the quiz started 30 minutes ago: 2 of 4 questions already answered."
        ),
        "{}",
        resumed.stderr
    );
    assert!(
        resumed.stderr.contains("Question 3 of 4"),
        "{}",
        resumed.stderr
    );
    assert!(
        !resumed.stderr.contains("Question 1 of 4"),
        "answered questions are not asked again"
    );
    let result: Value = serde_json::from_str(&resumed.stdout).unwrap();
    assert_eq!(result["complete"], true);
    assert_eq!(result["seed"], "9");
    assert_eq!(result["score"], 4.0);
    let answered: Vec<&str> = result["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["answer"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = ids.iter().map(|id| answer(id)).collect();
    assert_eq!(answered, expected);
    assert!(!saved.exists(), "a finished quiz is forgotten");
    assert_eq!(reviews(&world.bank_progress(DAY1)).len(), 4);

    let none = world.run(DAY1, &["run", "--resume"], "");
    assert_eq!(none.code, 2);
    assert!(
        none.stderr
            .contains("tester has no interrupted quiz to resume"),
        "{}",
        none.stderr
    );
}

/// Killed after the quiz in progress was saved but before its answer was
/// logged: resuming logs the missing answer once, at the time it was given.
#[test]
fn resuming_logs_a_saved_answer_the_log_lacks_once() {
    let world = World::new();
    let first = world.run(DAY1, &["run", "{bank}", "--seed", "9"], "-\n-\n:q\n");
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(reviews(&world.bank_progress(DAY1)).len(), 2);
    let connection = rusqlite::Connection::open(world.database()).unwrap();
    connection
        .execute_batch("DELETE FROM review_log WHERE id = (SELECT max(id) FROM review_log)")
        .unwrap();
    drop(connection);
    assert_eq!(reviews(&world.bank_progress(DAY1)).len(), 1);
    // Resumed and quit at once: the missing answer is logged.
    let quit = world.run(DAY1, &["run", "--resume"], ":q\n");
    assert_eq!(quit.code, 0, "{}", quit.stderr);
    assert_eq!(reviews(&world.bank_progress(DAY1)).len(), 2);
    // Resumed again and finished: nothing is logged twice.
    let done = world.run(DAY1, &["run", "--resume"], "-\n-\n");
    assert_eq!(done.code, 0, "{}", done.stderr);
    let logged = reviews(&world.bank_progress(DAY1));
    assert_eq!(logged.len(), 4, "{logged:#?}");
}

#[test]
fn resume_refuses_when_the_bank_changed() {
    let world = World::new();
    let quit = world.run(DAY1, &["run", "{bank}", "--seed", "3"], "-\n:q\n");
    assert_eq!(quit.code, 0, "{}", quit.stderr);
    assert!(
        quit.stderr
            .contains("Continue this quiz with:\n  crossexam run --resume"),
        "{}",
        quit.stderr
    );
    let edited = repo_file(BANK).replace("Type the surname", "Type the family name");
    std::fs::write(world.dir.path().join("bank.json"), edited).unwrap();
    let refused = world.run(DAY1, &["run", "{bank}", "--resume"], "");
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("error: the bank practice-phone-in changed since this quiz was started"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("hint: start the quiz again"),
        "{}",
        refused.stderr
    );
    // Regression: the suggested command used to be refused because of the saved quiz.
    let suggested = refused
        .stderr
        .split("`crossexam ")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("a suggested command");
    assert!(suggested.contains("--discard"), "{suggested}");
    let args: Vec<&str> = suggested.split_whitespace().collect();
    let restarted = world.run(DAY1, &args, ":q\n");
    assert_eq!(restarted.code, 0, "{suggested}: {}", restarted.stderr);
    let conflicting = world.run(DAY1, &["run", "--resume", "--seed", "4"], "");
    assert_eq!(conflicting.code, 2, "{}", conflicting.stderr);
}

#[test]
fn a_new_quiz_is_refused_while_one_is_unfinished_unless_discarded() {
    let world = World::new();
    let saved = world
        .data()
        .join("attempts")
        .join("tester")
        .join("practice-phone-in.json");
    let first = world.run(DAY1, &["run", "{bank}", "--seed", "3"], "-\n:q\n");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let kept = std::fs::read_to_string(&saved).expect("saved after its first answer");
    assert!(kept.contains("\"seed\": \"3\""), "{kept}");

    let refused = world.run(DAY2, &["run", "{bank}", "--seed", "4"], ":q\n");
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "error: tester has an unfinished quiz on practice-phone-in (started 23 hours ago, 1 answered)"
        ) && refused.stderr.contains("crossexam run --resume")
            && refused.stderr.contains("--discard"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        kept,
        "the unfinished quiz is kept"
    );

    let discarded = world.run(DAY2, &["run", "{bank}", "--seed", "4", "--discard"], ":q\n");
    assert_eq!(discarded.code, 0, "{}", discarded.stderr);
    assert!(!saved.exists(), "--discard deletes the unfinished quiz");
    world.run(DAY2, &["run", "{bank}", "--seed", "4"], "-\n:q\n");
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("\"seed\": \"4\""),
        "the new quiz is kept once answered"
    );
}

/// The log and the cards agree: every practice review moved its card once.
fn assert_consistent(bank: &Value) {
    let log = reviews(bank);
    for item in bank["items"].as_array().unwrap() {
        let practised = log
            .iter()
            .filter(|review| {
                review["question"] == item["question"] && review["source"] == "practice"
            })
            .count();
        assert_eq!(item["reps"].as_u64().unwrap() as usize, practised, "{item}");
    }
}

#[test]
fn a_killed_practice_loses_at_most_the_answer_being_written() {
    let world = World::new();
    let mut child = world.spawn(DAY1, &["practice", "{bank}", "--new", "4"]);
    let lines = watch(&mut child);
    let mut stdin = child.stdin.take().unwrap();
    write!(stdin, "f\nMoss\n").unwrap();
    stdin.flush().unwrap();
    wait_for(&lines, "Question 3 of 4");
    child.kill().unwrap();
    child.wait().unwrap();
    let bank = world.bank_progress(DAY1);
    assert_eq!(reviews(&bank).len(), 2);
    assert_eq!(bank["seen"], 2);
    assert_consistent(&bank);

    // Kills at arbitrary moments while reviews are being written (every
    // question is due again on each of these days).
    for (round, delay_ms) in [3_u64, 9, 17, 30, 55].into_iter().enumerate() {
        let now = format!("2027-0{}-01T09:00:00Z", 2 + round);
        let mut child = world.spawn(&now, &["practice", "{bank}"]);
        let mut stdin = child.stdin.take().unwrap();
        let _ = write!(stdin, "f\nMoss\nSave Our School\nc\n");
        let _ = stdin.flush();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let bank = world.bank_progress(&now);
        assert_consistent(&bank);
    }
    let check = Store::open(&world.data()).expect("the database opens cleanly after the kills");
    drop(check);
}

#[test]
fn concurrent_sessions_lose_no_reviews() {
    let world = World::new();
    // Two processes practise the same learner's same new questions at once:
    // both have planned their session before either answers.
    let mut children: Vec<(Child, mpsc::Receiver<String>)> = (0..2)
        .map(|_| {
            let mut child = world.spawn(DAY1, &["practice", "{bank}", "--new", "4"]);
            let lines = watch(&mut child);
            (child, lines)
        })
        .collect();
    for (_, lines) in &children {
        wait_for(lines, "Question 1 of 4");
    }
    for (child, _) in &mut children {
        let mut stdin = child.stdin.take().unwrap();
        write!(stdin, "{DAY1_ANSWERS}").unwrap();
    }
    for (child, _) in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let bank = world.bank_progress(DAY1);
    assert_eq!(reviews(&bank).len(), 8);
    assert!(
        bank["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|item| item["reps"] == 2)
    );
    assert_consistent(&bank);

    // Four writers hammer one card: every review is logged and counted.
    let data = world.data();
    let now: jiff::Timestamp = DAY2.parse().unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let data = data.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&data).unwrap();
                let scheduler = Scheduler::default();
                let tz = jiff::tz::TimeZone::UTC;
                for _ in 0..25 {
                    let answer = NewAnswer {
                        learner: "tester",
                        bank: "practice-phone-in",
                        question: "scale",
                        at: now,
                        source: AnswerSource::Practice,
                        grade: Grade::Good,
                        credit: 1.0,
                        skipped: false,
                        confidence: None,
                        answer: "c",
                        seconds: None,
                    };
                    store
                        .record(&answer, |previous| Scheduled {
                            elapsed_days: 1,
                            card: Some(schedule(
                                previous,
                                "scale",
                                Grade::Good,
                                now,
                                &tz,
                                &scheduler,
                            )),
                        })
                        .unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let bank = world.bank_progress(DAY2);
    assert_eq!(item(&bank, "scale")["reps"], 102);
    assert_eq!(reviews(&bank).len(), 108);
    assert_consistent(&bank);
}

#[test]
fn a_damaged_database_is_reported_and_never_overwritten() {
    let world = World::new();
    std::fs::create_dir_all(world.data()).unwrap();
    let garbage: Vec<u8> = (0..4096_u32).map(|i| (i * 7 + 3) as u8).collect();
    std::fs::write(world.database(), &garbage).unwrap();
    let path = world.database().display().to_string();

    for args in [
        &["practice", "{bank}"][..],
        &["review", "{bank}"],
        &["progress"],
        &["progress", "--json"],
    ] {
        let run = world.run(DAY1, args, "f\n");
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("error: the progress database {path} is damaged")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("crossexam leaves the file as it is"),
            "{}",
            run.stderr
        );
    }
    // A quiz goes on, with a warning.
    let quiz = world.run(DAY1, &["run", "{bank}"], "f\nMoss\nx\nc\n");
    assert_eq!(quiz.code, 0, "{}", quiz.stderr);
    assert!(
        quiz.stderr.contains("warning: the progress database"),
        "{}",
        quiz.stderr
    );
    assert_eq!(
        std::fs::read(world.database()).unwrap(),
        garbage,
        "the file is untouched"
    );
    assert!(!Path::new(&format!("{path}-wal")).exists());

    // A real database damaged inside is caught by the integrity check.
    let world = World::new();
    world.practice(DAY1, &["--new", "4"], DAY1_ANSWERS);
    let mut bytes = std::fs::read(world.database()).unwrap();
    let _ = std::fs::remove_file(world.data().join("progress.sqlite3-wal"));
    let _ = std::fs::remove_file(world.data().join("progress.sqlite3-shm"));
    let page = 4096;
    assert!(bytes.len() > page, "more than one page");
    for byte in &mut bytes[page + 8..page * 2] {
        *byte = 0x5a;
    }
    std::fs::write(world.database(), &bytes).unwrap();
    let run = world.run(DAY1, &["progress"], "");
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    assert_eq!(std::fs::read(world.database()).unwrap(), bytes);
}

#[test]
fn practice_feedback_screen() {
    let world = World::new();
    let run = world.practice(DAY1, &["--new", "2"], "f !3\nMoss\n");
    insta::assert_snapshot!("practice_feedback_screen", run.stdout);
}

#[test]
fn progress_screen() {
    let world = World::new();
    world.practice(DAY1, &["--new", "4"], DAY1_ANSWERS);
    world.practice(DAY2, &[], "nobody\nb\n");
    let quiz = world.run(DAY2, &["run", "{bank}", "--seed", "2"], "t\nx\n-\nb\n");
    assert_eq!(quiz.code, 0, "{}", quiz.stderr);
    let run = world.run(DAY2, &["progress"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout.replace(&world.bank(), "[BANK]");
    insta::assert_snapshot!("progress_screen", text);
}

#[test]
fn progress_without_history() {
    let world = World::new();
    let run = world.run(DAY1, &["progress"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("No practice or quiz answers yet."),
        "{}",
        run.stdout
    );
    assert!(
        !world.database().exists(),
        "progress does not create the database"
    );
}

#[test]
fn a_mastered_bank_says_so_and_points_elsewhere() {
    let world = World::new();
    // Easy every time, at each due day, until every interval is 21 days or more.
    let mut now: jiff::Timestamp = DAY1.parse().unwrap();
    world.practice(
        DAY1,
        &["--new", "4"],
        "f !3\nMoss !3\nSave Our School !3\nc !3\n",
    );
    for _ in 0..6 {
        let bank = world.bank_progress(&now.to_string());
        if bank["mastered"] == true {
            break;
        }
        let next = bank["next_due"].as_str().unwrap();
        now = format!("{next}T09:00:00Z").parse().unwrap();
        let due = bank["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| item["due"] == next)
            .count();
        let run = world.run(
            &now.to_string(),
            &["practice", "{bank}"],
            "f !3\nMoss !3\nSave Our School !3\nc !3\n",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains(&format!("Today: {due} due review")),
            "{}",
            run.stdout
        );
    }
    let bank = world.bank_progress(&now.to_string());
    assert_eq!(bank["mastered"], true, "{bank}");
    let text = world.run(&now.to_string(), &["progress"], "").stdout;
    assert!(
        text.contains("Mastered: every question of this bank is mature"),
        "{text}"
    );
    assert!(
        text.contains("Try another bank: `crossexam practice asif-cnn-interview`"),
        "{text}"
    );
}

#[test]
fn scripted_runs_are_logged_only_for_a_named_learner() {
    // Regression: a teacher's scripted runs used to land in the default learner's progress.
    let world = World::new();
    let file = world.dir.path().join("answers.txt");
    std::fs::write(&file, "-\n-\n-\n-\n").unwrap();
    let quiz = world.run(
        DAY1,
        &[
            "run",
            "{bank}",
            "--seed",
            "1",
            "--answers",
            &file.display().to_string(),
        ],
        "",
    );
    assert_eq!(quiz.code, 0, "{}", quiz.stderr);
    let progress = world.progress(DAY1);
    let logged: usize = progress["banks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bank| bank["reviews"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(logged, 0, "{progress}");
}

#[test]
fn many_openers_of_a_new_store_all_succeed() {
    // Regression: a second process reading the schema while the first created it
    // saw tables without their version and called the new database foreign.
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
        let openers: Vec<_> = (0..6)
            .map(|_| {
                let (dir, barrier) = (dir.path().to_path_buf(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&dir)
                        .map(|_| ())
                        .map_err(|error| error.to_string())
                })
            })
            .collect();
        for opener in openers {
            assert_eq!(opener.join().unwrap(), Ok(()));
        }
    }
}

#[test]
fn suggested_commands_name_the_bank_and_the_learner() {
    // Regression: `review BANK --learner ana` ended with "run `crossexam
    // review` again", which reviews the bundled bank as the default
    // learner, and `progress --learner ana` suggested practice without
    // `--learner`.
    let world = World::new();
    world.practice(DAY1, &["--new", "2", "--learner", "ana"], "t\nt\n");
    let review = world.run(DAY1, &["review", "{bank}", "--learner", "ana"], "t\n");
    assert_eq!(review.code, 0, "{}", review.stderr);
    let end = review
        .stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let again = format!(
        "run `crossexam review {} --learner ana` again.",
        world.bank()
    );
    assert!(end.contains(&again), "{}", review.stdout);
    let progress = world.run(DAY1, &["progress", "--learner", "ana"], "");
    assert_eq!(progress.code, 0, "{}", progress.stderr);
    let practise = format!(
        "Practise: crossexam practice {} --learner ana",
        world.bank()
    );
    let shown = progress
        .stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains(&practise), "{}", progress.stdout);
    let nobody = world.run(DAY1, &["progress", "--learner", "Ana Lee"], "");
    assert_eq!(nobody.code, 0, "{}", nobody.stderr);
    insta::assert_snapshot!(nobody.stdout);
}

#[test]
fn plain_practice_and_review_end_screens_have_no_rules() {
    // Regression: `--plain` dropped the rule around "Results" only; a screen
    // reader spelled out the box-drawing characters around "Practice" and "Review".
    let world = World::new();
    let practice = world.run(
        DAY1,
        &["--plain", "practice", "{bank}", "--new", "1"],
        "t\n",
    );
    assert_eq!(practice.code, 0, "{}", practice.stderr);
    let review = world.run(DAY1, &["--plain", "review", "{bank}"], "t\n");
    assert_eq!(review.code, 0, "{}", review.stderr);
    for (run, heading) in [(&practice, "\nPractice\n"), (&review, "\nReview\n")] {
        assert!(!run.stdout.contains('─'), "{}", run.stdout);
        assert!(run.stdout.contains(heading), "{}", run.stdout);
    }
}

#[test]
fn progress_of_a_bank_that_does_not_exist_is_an_error() {
    // Regression: it said "No practice or quiz answers on nope.json yet",
    // exit 0, and suggested `crossexam practice nope.json`, which fails.
    let world = World::new();
    let run = world.run(DAY1, &["progress", "nope.json"], "");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.stderr);
    let known = world.run(DAY1, &["progress", "{bank}"], "");
    assert_eq!(known.code, 0, "{}", known.stderr);
    assert!(
        known.stdout.contains("No practice or quiz answers on"),
        "{}",
        known.stdout
    );
}

#[test]
fn practice_screens_wrap_at_40_columns() {
    // Regression: the learner, today and end lines were printed unwrapped,
    // so a 40-column terminal broke them in the middle of words.
    let run = Test::new()
        .file("bank.json", repo_file(BANK))
        .env("COLUMNS", "40")
        .env("CROSSEXAM_NOW", DAY1)
        .env("TZ", "UTC")
        .args(&["practice", "bank.json", "--new", "2", "--learner", "ana"])
        .stdin("t\n")
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let longest = run.stdout.lines().map(|line| line.chars().count()).max();
    assert!(longest <= Some(40), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn progress_screen_wraps_at_40_columns() {
    // Regression: "  Accuracy by question kind (all answers):" was 42 columns wide.
    let world = World::new();
    world.practice(DAY1, &["--new", "2"], "t\nMoss\n");
    let run = Test::new()
        .env("COLUMNS", "40")
        .env("CROSSEXAM_NOW", DAY1)
        .env("TZ", "UTC")
        .args(&[
            "progress",
            "--data-dir",
            &world.data().display().to_string(),
        ])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let too_long: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.chars().count() > 40 && line.trim().contains(' '))
        .collect();
    assert!(too_long.is_empty(), "{too_long:#?}");
}

#[test]
fn nothing_to_review_for_a_new_learner_claims_no_history() {
    // Regression: a learner who had never answered was told "every question
    // you got wrong in the last 30 days has been answered right since".
    let world = World::new();
    let run = world.run(DAY1, &["review", "{bank}"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn suggested_commands_keep_the_data_directory() {
    // Regression: after `run --data-dir DIR` the resume hint said only
    // `crossexam run --resume`, which looks in the default data directory.
    let world = World::new();
    let data = world.dir.path().join("my data");
    let data = data.display().to_string();
    let quiz = world.run(
        DAY1,
        &[
            "run",
            "{bank}",
            "--seed",
            "1",
            "--data-dir",
            &data,
            "--learner",
            "ana",
        ],
        "t\n",
    );
    let shown = quiz.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    let resume = format!("crossexam run --resume --learner ana --data-dir '{data}'");
    assert!(shown.contains(&resume), "{}", quiz.stderr);
    let resumed = world.run(
        DAY1,
        &["run", "--resume", "--learner", "ana", "--data-dir", &data],
        "",
    );
    assert!(
        resumed.stdout.contains("Resuming the quiz"),
        "{}",
        resumed.stdout
    );
}

#[test]
fn a_time_zone_that_cannot_be_read_is_utc_with_a_warning() {
    // Issue 8: an unknown TZ used to give UTC without a word.
    let run = Test::new()
        .env("TZ", "Mars/Olympus_Mons")
        .args(&["progress"])
        .output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: TZ=`Mars/Olympus_Mons` is not a time zone crossexam can read, so calendar days are counted in UTC\n  \
         = hint: set TZ to a zone name like Europe/Paris, or unset it to use the system's\n"
    );
}
