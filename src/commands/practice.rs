//! `crossexam practice`, `review` and `progress`: the learner's self-paced
//! work. Each opens the progress store in the data directory, takes the
//! time from the clock `dispatch` passes in and the learner's time zone
//! from the system, and asks questions one at a time through the same
//! session and keyboard loop as a quiz, saving every answer at once.

use super::{learner, learner_flags, load_bank, shell_word};
use crate::bank::{self, FeedbackMode, LoadedBank};
use crate::cli::{PracticeArgs, ProgressArgs, ReviewArgs};
use crate::practice::fsrs::Scheduler;
use crate::practice::progress::{self, BankInput, ProgressReport, SchedulerInfo};
use crate::practice::queue::{self, AnswerSource, CRAM_SIZE, Card};
use crate::practice::store::{NewAnswer, Scheduled, Store, StoreError};
use crate::quiz::answer::ConfidenceRule;
use crate::quiz::plan::{QuizOptions, QuizPlan};
use crate::quiz::session::{EndReason, Session};
use crate::report::summary::VerdictCounts;
use crate::term::progress::{Outlook, SessionFacts};
use crate::term::{self, Input, Keyboard};
use crate::{Error, Outcome};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The data directory: `--data-dir`, else `CROSSEXAM_DATA_DIR`, else the
/// platform's data directory (e.g. `~/.local/share/crossexam`).
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("CROSSEXAM_DATA_DIR").filter(|dir| !dir.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "crossexam")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}

/// The learner's time zone (days are the learner's calendar days). A `TZ`
/// that names a file (`:/path` or `/path`) is read here with the size limit
/// and only when it is a regular file (`TZ=:/dev/zero` would otherwise be
/// read until memory runs out); a file that is not a time zone gives UTC.
pub fn time_zone() -> TimeZone {
    if let Some(tz) = std::env::var_os("TZ") {
        let tz = tz.to_string_lossy().into_owned();
        let file = tz.strip_prefix(':').unwrap_or(&tz);
        if file.starts_with('/') {
            return crate::input::read_file(Path::new(file), crate::input::MAX_TZ_BYTES)
                .ok()
                .and_then(|bytes| TimeZone::tzif(file, &bytes).ok())
                .unwrap_or(TimeZone::UTC);
        }
    }
    TimeZone::system()
}

/// How the store remembers where a bank came from: a bundled bank's id, or
/// a bank file's absolute path, so `progress` can load it from anywhere.
pub fn bank_origin(loaded: &LoadedBank) -> String {
    if loaded.origin.starts_with("bundled:") {
        return loaded.bank.id.clone();
    }
    std::fs::canonicalize(&loaded.origin)
        .map_or_else(|_| loaded.origin.clone(), |path| path.display().to_string())
}

/// Every question of the bank, in bank order, immediate feedback.
fn practice_options(loaded: &LoadedBank) -> QuizOptions {
    QuizOptions {
        preset: None,
        title: loaded.bank.title.clone(),
        count: None,
        tags: Vec::new(),
        kinds: Vec::new(),
        feedback: FeedbackMode::Immediate,
        time_limit_s: None,
        question_time_limit_s: None,
        pass_mark: None,
        confidence: false,
        support_balance: None,
    }
}

/// A session asking `ids` in this order, shown as `seed` shuffles them;
/// a confidence may be added to any answer.
fn session_for(
    loaded: &LoadedBank,
    ids: &[String],
    seed: u64,
    now: Timestamp,
) -> Result<Session, Error> {
    let mut plan = QuizPlan::new(loaded, practice_options(loaded), seed)?;
    let mut questions = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(planned) = plan
            .questions
            .iter()
            .find(|planned| planned.question.id() == id)
        {
            questions.push(planned.clone());
        }
    }
    plan.questions = crate::quiz::plan::order_without_giveaways(&loaded.bank, questions, true);
    let mut session = Session::new(plan, now);
    session.confidence = ConfidenceRule::Optional;
    Ok(session)
}

fn question_ids(loaded: &LoadedBank) -> Vec<&str> {
    loaded
        .questions
        .iter()
        .map(crate::bank::Question::id)
        .collect()
}

/// Everything an answer needs to be recorded.
struct Recording<'a> {
    store: &'a mut Store,
    learner: &'a str,
    bank: &'a str,
    source: AnswerSource,
    scheduler: &'a Scheduler,
    tz: &'a TimeZone,
    /// How the answers went.
    tally: VerdictCounts,
    /// Questions answered right.
    right: Vec<String>,
}

impl Recording<'_> {
    /// Records the answer to question `index` of `session` at `at`; returns the
    /// card as it was and as it is now.
    fn record(
        &mut self,
        session: &Session,
        index: usize,
        at: Timestamp,
    ) -> Result<(Option<Card>, Scheduled), Error> {
        let planned = &session.plan.questions[index];
        let Some(answered) = &session.answers[index] else {
            return Ok((
                None,
                Scheduled {
                    elapsed_days: 0,
                    card: None,
                },
            ));
        };
        let grade = queue::grade_for(
            answered.grading.credit,
            answered.skipped(),
            answered.confidence,
        );
        let question = planned.question.id();
        let answer = NewAnswer {
            learner: self.learner,
            bank: self.bank,
            question,
            at,
            source: self.source,
            grade,
            credit: answered.grading.credit,
            skipped: answered.skipped(),
            confidence: answered.confidence,
            answer: &answered.line,
            seconds: Some(answered.seconds),
        };
        let (source, scheduler, tz) = (self.source, self.scheduler, self.tz);
        Ok(self.store.record(&answer, |previous| Scheduled {
            elapsed_days: queue::elapsed_days(previous, at, tz),
            card: source
                .schedules()
                .then(|| queue::schedule(previous, question, grade, at, tz, scheduler)),
        })?)
    }
}

/// Asks a session at the keyboard, recording every answer as it is given.
fn ask(
    out: &mut dyn Write,
    loaded: &LoadedBank,
    session: &mut Session,
    keyboard: &Keyboard,
    clock: &dyn Fn() -> Timestamp,
    recording: &mut Recording<'_>,
) -> Result<EndReason, Error> {
    let tz = recording.tz.clone();
    term::keyboard_quiz_with(
        out,
        loaded,
        session,
        keyboard,
        clock,
        &mut |out, session, index| {
            let at = clock();
            let (previous, scheduled) = recording.record(session, index, at)?;
            if let Some(answered) = &session.answers[index] {
                let grade = queue::grade_for(
                    answered.grading.credit,
                    answered.skipped(),
                    answered.confidence,
                );
                recording.tally.add(answered.verdict());
                if answered.verdict().is_right() {
                    recording
                        .right
                        .push(session.plan.questions[index].question.id().to_string());
                }
                term::progress::after_answer(
                    out,
                    recording.source,
                    grade,
                    previous.as_ref(),
                    scheduled.card.as_ref(),
                    queue::day_of(at, &tz),
                )?;
            }
            Ok(())
        },
    )
}

fn outcome(reason: EndReason) -> Outcome {
    if reason == EndReason::Interrupted {
        Outcome::Interrupted
    } else {
        Outcome::Success
    }
}

fn outlook(
    store: &Store,
    learner: &str,
    loaded: &LoadedBank,
    today: Date,
) -> Result<Outlook, Error> {
    let cards = store.cards(learner, &loaded.bank.id)?;
    let ids = question_ids(loaded);
    let cards: Vec<&Card> = cards
        .iter()
        .filter(|card| ids.contains(&card.question.as_str()))
        .collect();
    let due_by = |day: Date| cards.iter().filter(|card| card.due <= day).count();
    Ok(Outlook {
        due_today: due_by(today),
        due_tomorrow: due_by(queue::add_days(today, 1)) - due_by(today),
        due_this_week: due_by(queue::add_days(today, 6)),
        next: cards
            .iter()
            .map(|card| card.due)
            .filter(|due| *due > today)
            .min(),
    })
}

/// `crossexam practice`.
pub fn practice(
    args: &PracticeArgs,
    out: &mut dyn Write,
    clock: &dyn Fn() -> Timestamp,
) -> Result<Outcome, Error> {
    if !(0.7..=0.99).contains(&args.retention) {
        return Err(Error::usage(
            format!("--retention {} is outside 0.70..0.99", args.retention),
            "0.9 (the default) means a 90% chance of recalling an item when it falls due",
        ));
    }
    let loaded = load_bank(args.bank.as_deref())?;
    let learner = learner(args.learner.as_deref());
    let scheduler = Scheduler {
        desired_retention: args.retention,
        ..Scheduler::default()
    };
    let tz = time_zone();
    let now = clock();
    let today = queue::day_of(now, &tz);
    let mut store = Store::open(&data_dir(args.data.data_dir.as_deref())?)?;
    store.remember_bank(
        &learner,
        &loaded.bank.id,
        &loaded.bank.title,
        &bank_origin(&loaded),
        now,
    )?;
    let cards = store.cards(&learner, &loaded.bank.id)?;
    let ids = question_ids(&loaded);
    let introduced = queue::introduced_on(&cards, today, &tz);
    let queue = queue::practice_queue(&ids, &cards, today, args.limit, args.new, introduced);
    let seed = queue::day_seed(today);
    let facts = SessionFacts {
        title: &loaded.bank.title,
        learner: &learner,
        today,
        seed,
        retention: args.retention,
        new_per_day: args.new,
    };
    term::progress::practice_start(out, &facts, &queue)?;
    let keyboard = Keyboard::start();

    let (source, asked) = if !args.cram && !queue.is_empty() {
        (AnswerSource::Practice, queue.questions())
    } else {
        if !args.cram {
            term::progress::nothing_due(
                out,
                today,
                queue::next_due(&ids, &cards),
                &queue,
                args.new,
            )?;
            term::progress::offer_cram(out)?;
            match keyboard.next() {
                Input::Line(line) if matches!(line.trim().to_lowercase().as_str(), "y" | "yes") => {
                }
                Input::Interrupt => {
                    writeln!(out)?;
                    return Ok(Outcome::Interrupted);
                }
                Input::Line(_) | Input::TooLong => return Ok(Outcome::Success),
                Input::EndOfInput => {
                    writeln!(out)?;
                    return Ok(Outcome::Success);
                }
            }
        }
        let cram = queue::cram_queue(
            &ids,
            &cards,
            now,
            &tz,
            &scheduler,
            args.limit.min(CRAM_SIZE),
        );
        term::progress::cram_start(out, cram.len())?;
        (AnswerSource::Cram, cram)
    };

    let mut session = session_for(&loaded, &asked, seed, now)?;
    let mut recording = Recording {
        store: &mut store,
        learner: &learner,
        bank: &loaded.bank.id,
        source,
        scheduler: &scheduler,
        tz: &tz,
        tally: VerdictCounts::default(),
        right: Vec::new(),
    };
    let reason = ask(out, &loaded, &mut session, &keyboard, clock, &mut recording)?;
    let tally = recording.tally;
    let today = queue::day_of(clock(), &tz);
    let outlook = outlook(&store, &learner, &loaded, today)?;
    let again = again(
        "practice",
        args.bank.as_deref(),
        &learner,
        args.data.data_dir.as_deref(),
    );
    term::progress::practice_end(out, tally, !reason.is_complete(), &outlook, today, &again)?;
    Ok(outcome(reason))
}

/// The command that runs `command` again on the same bank for the same learner.
fn again(command: &str, bank: Option<&str>, learner: &str, data_dir: Option<&Path>) -> String {
    let bank = bank.map(|bank| format!(" {}", shell_word(bank)));
    format!(
        "crossexam {command}{}{}",
        bank.unwrap_or_default(),
        learner_flags(learner, data_dir)
    )
}

/// `crossexam review`.
pub fn review(
    args: &ReviewArgs,
    out: &mut dyn Write,
    clock: &dyn Fn() -> Timestamp,
) -> Result<Outcome, Error> {
    let loaded = load_bank(args.bank.as_deref())?;
    let learner = learner(args.learner.as_deref());
    let scheduler = Scheduler::default();
    let tz = time_zone();
    let now = clock();
    let mut store = Store::open(&data_dir(args.data.data_dir.as_deref())?)?;
    store.remember_bank(
        &learner,
        &loaded.bank.id,
        &loaded.bank.title,
        &bank_origin(&loaded),
        now,
    )?;
    let since = now
        .checked_sub(jiff::SignedDuration::from_hours(
            24 * queue::MISTAKE_WINDOW_DAYS,
        ))
        .unwrap_or(Timestamp::MIN);
    let reviews = store.reviews(&learner, Some(&loaded.bank.id), Some(since))?;
    let mut pending = queue::mistakes(&question_ids(&loaded), &reviews, now);
    if pending.is_empty() {
        term::progress::nothing_to_review(out, &loaded.bank.title)?;
        return Ok(Outcome::Success);
    }
    let total = pending.len();
    let seed = queue::day_seed(queue::day_of(now, &tz));
    term::progress::review_start(out, &loaded.bank.title, &learner, total, seed)?;
    let keyboard = Keyboard::start();
    let mut recording = Recording {
        store: &mut store,
        learner: &learner,
        bank: &loaded.bank.id,
        source: AnswerSource::Review,
        scheduler: &scheduler,
        tz: &tz,
        tally: VerdictCounts::default(),
        right: Vec::new(),
    };
    let mut reason = EndReason::Finished;
    // Each round asks what is still wrong, shuffled anew so letters are not learned.
    for round in 0u64.. {
        if round > 0 {
            term::progress::review_round(out, pending.len())?;
        }
        let mut session = session_for(&loaded, &pending, seed.wrapping_add(round), clock())?;
        recording.right.clear();
        reason = ask(out, &loaded, &mut session, &keyboard, clock, &mut recording)?;
        let right = &recording.right;
        pending.retain(|id| !right.contains(id));
        if pending.is_empty() || reason != EndReason::Finished {
            break;
        }
    }
    let again = again(
        "review",
        args.bank.as_deref(),
        &learner,
        args.data.data_dir.as_deref(),
    );
    term::progress::review_end(out, recording.tally, total, pending.len(), &again)?;
    Ok(outcome(reason))
}

/// `crossexam progress`.
pub fn progress(
    args: &ProgressArgs,
    out: &mut dyn Write,
    clock: &dyn Fn() -> Timestamp,
) -> Result<Outcome, Error> {
    let learner = learner(args.learner.as_deref());
    let scheduler = Scheduler::default();
    let tz = time_zone();
    let now = clock();
    let today = queue::day_of(now, &tz);
    let store = Store::open_existing(&data_dir(args.data.data_dir.as_deref())?)?;
    let mut banks = Vec::new();
    if let Some(store) = &store {
        let wanted = args.bank.as_deref().map(|bank| {
            let loaded = load_bank(Some(bank)).ok();
            (
                bank.to_string(),
                loaded.map(|loaded| (loaded.bank.id.clone(), bank_origin(&loaded))),
            )
        });
        for record in store.banks(&learner)? {
            if let Some((name, found)) = &wanted {
                let matches = record.bank == *name
                    || record.origin == *name
                    || found
                        .as_ref()
                        .is_some_and(|(id, origin)| record.bank == *id || record.origin == *origin);
                if !matches {
                    continue;
                }
            }
            let loaded = load_bank(Some(&record.origin)).map_err(|error| error.to_string());
            let loaded = match loaded {
                Ok(loaded) if loaded.bank.id == record.bank => Ok(loaded),
                Ok(loaded) => Err(format!(
                    "{} now holds the bank `{}`",
                    record.origin, loaded.bank.id
                )),
                Err(error) => Err(error),
            };
            let cards = store.cards(&learner, &record.bank)?;
            let reviews = store.reviews(&learner, Some(&record.bank), None)?;
            let input = BankInput {
                record: &record,
                loaded: loaded.as_ref().map_err(Clone::clone),
                cards: &cards,
                reviews: &reviews,
            };
            banks.push(progress::bank_progress(&input, now, &tz, &scheduler));
        }
    }
    // A bank with no history must at least exist: else say so (exit 2)
    // rather than suggest practising a bank that cannot be loaded.
    if let (true, Some(bank)) = (banks.is_empty(), args.bank.as_deref()) {
        load_bank(Some(bank))?;
    }
    let report = ProgressReport {
        format: progress::PROGRESS_FORMAT,
        learner,
        now: now.to_string(),
        today: today.to_string(),
        scheduler: SchedulerInfo::from(&scheduler),
        banks,
    };
    if args.json {
        crate::json::write_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        let mastered: Vec<&str> = report
            .banks
            .iter()
            .filter(|bank| bank.mastered)
            .map(|bank| bank.bank.as_str())
            .collect();
        let suggestions: Vec<String> = bank::bundled::BUNDLED
            .iter()
            .map(|(id, _, _)| (*id).to_string())
            .filter(|id| !mastered.contains(&id.as_str()))
            .collect();
        term::progress::report(
            out,
            &report,
            today,
            &suggestions,
            args.bank.as_deref(),
            &learner_flags(&report.learner, args.data.data_dir.as_deref()),
        )?;
    }
    Ok(Outcome::Success)
}
