//! `crossexam practice`, `review` and `progress`: the learner's self-paced
//! work. Each opens the progress store in the configured data directory,
//! takes the time and the learner's time zone from the [`Config`], and asks
//! questions one at a time through the same session and keyboard loop as a
//! quiz, saving every answer at once.

use super::{learner_flags, load_bank, shell_word};
use crate::bank::{self, LoadedBank};
use crate::config::{Clock, Config, PracticeRequest};
use crate::practice::fsrs::Scheduler;
use crate::practice::plan::practice_session;
use crate::practice::progress::{self, BankInput, ProgressOverview, SchedulerInfo};
use crate::practice::queue::{self, AnswerSource, CRAM_SIZE, Card, Outlook};
use crate::practice::store::{NewAnswer, Scheduled, Store};
use crate::quiz::session::{EndReason, Session};
use crate::report::summary::VerdictCounts;
use crate::term::practice_screens::SessionFacts;
use crate::term::{self, Input, Keyboard};
use crate::{Error, Outcome};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::io::Write;

/// How the store remembers where a bank came from: a bundled bank's id, or
/// a bank file's absolute path, so `progress` can load it from anywhere.
pub fn bank_origin(loaded: &LoadedBank) -> String {
    if loaded.origin.starts_with("bundled:") {
        return loaded.bank.id.clone();
    }
    std::fs::canonicalize(&loaded.origin)
        .map_or_else(|_| loaded.origin.clone(), |path| path.display().to_string())
}

fn question_ids(loaded: &LoadedBank) -> Vec<&str> {
    loaded
        .questions()
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
    clock: &dyn Clock,
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
            let at = clock.now();
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
                term::practice_screens::after_answer(
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
    Ok(queue::outlook(&question_ids(loaded), &cards, today))
}

/// `crossexam practice`.
pub fn practice(
    args: &PracticeRequest,
    config: &Config,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let loaded = load_bank(args.bank.as_deref())?;
    let learner = &config.learner.name;
    let scheduler = Scheduler {
        desired_retention: args.retention,
        ..Scheduler::default()
    };
    let tz = &config.time_zone;
    let now = config.now();
    let today = queue::day_of(now, tz);
    let mut store = Store::open(config.data_dir.path()?)?;
    store.remember_bank(
        learner,
        &loaded.bank.id,
        &loaded.bank.title,
        &bank_origin(&loaded),
        now,
    )?;
    let cards = store.cards(learner, &loaded.bank.id)?;
    let ids = question_ids(&loaded);
    let introduced = queue::introduced_on(&cards, today, tz);
    let queue = queue::practice_queue(
        &ids,
        &cards,
        today,
        args.limit,
        args.new_per_day,
        introduced,
    );
    let seed = queue::day_seed(today);
    let facts = SessionFacts {
        title: &loaded.bank.title,
        learner,
        today,
        seed,
        retention: args.retention,
        new_per_day: args.new_per_day,
    };
    term::practice_screens::practice_start(out, &facts, &queue)?;
    let keyboard = Keyboard::start();

    let (source, asked) = if !args.cram && !queue.is_empty() {
        (AnswerSource::Practice, queue.questions())
    } else {
        if !args.cram {
            term::practice_screens::nothing_due(
                out,
                today,
                queue::next_due(&ids, &cards),
                &queue,
                args.new_per_day,
            )?;
            term::practice_screens::offer_cram(out)?;
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
        let cram = queue::cram_queue(&ids, &cards, now, tz, &scheduler, args.limit.min(CRAM_SIZE));
        term::practice_screens::cram_start(out, cram.len())?;
        (AnswerSource::Cram, cram)
    };

    let mut session = practice_session(&loaded, &asked, seed, now)?;
    let mut recording = Recording {
        store: &mut store,
        learner,
        bank: &loaded.bank.id,
        source,
        scheduler: &scheduler,
        tz,
        tally: VerdictCounts::default(),
        right: Vec::new(),
    };
    let clock = &*config.clock;
    let reason = ask(out, &loaded, &mut session, &keyboard, clock, &mut recording)?;
    let tally = recording.tally;
    let today = queue::day_of(clock.now(), tz);
    let outlook = outlook(&store, learner, &loaded, today)?;
    let again = again("practice", args.bank.as_deref(), config);
    term::practice_screens::practice_end(
        out,
        tally,
        !reason.is_complete(),
        &outlook,
        today,
        &again,
    )?;
    Ok(outcome(reason))
}

/// The command that runs `command` again on the same bank for the same learner.
fn again(command: &str, bank: Option<&str>, config: &Config) -> String {
    let bank = bank.map(|bank| format!(" {}", shell_word(bank)));
    format!(
        "crossexam {command}{}{}",
        bank.unwrap_or_default(),
        learner_flags(config)
    )
}

/// `crossexam review [BANK]`.
pub fn review(bank: Option<&str>, config: &Config, out: &mut dyn Write) -> Result<Outcome, Error> {
    let loaded = load_bank(bank)?;
    let learner = &config.learner.name;
    let scheduler = Scheduler::default();
    let tz = &config.time_zone;
    let clock = &*config.clock;
    let now = clock.now();
    let mut store = Store::open(config.data_dir.path()?)?;
    store.remember_bank(
        learner,
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
    let reviews = store.reviews(learner, Some(&loaded.bank.id), Some(since))?;
    let mut pending = queue::mistakes(&question_ids(&loaded), &reviews, now);
    if pending.is_empty() {
        term::practice_screens::nothing_to_review(out, &loaded.bank.title)?;
        return Ok(Outcome::Success);
    }
    let total = pending.len();
    let seed = queue::day_seed(queue::day_of(now, tz));
    term::practice_screens::review_start(out, &loaded.bank.title, learner, total, seed)?;
    let keyboard = Keyboard::start();
    let mut recording = Recording {
        store: &mut store,
        learner,
        bank: &loaded.bank.id,
        source: AnswerSource::Review,
        scheduler: &scheduler,
        tz,
        tally: VerdictCounts::default(),
        right: Vec::new(),
    };
    let mut reason = EndReason::Finished;
    // Each round asks what is still wrong, shuffled anew so letters are not learned.
    for round in 0u64.. {
        if round > 0 {
            term::practice_screens::review_round(out, pending.len())?;
        }
        let mut session =
            practice_session(&loaded, &pending, seed.wrapping_add(round), clock.now())?;
        recording.right.clear();
        reason = ask(out, &loaded, &mut session, &keyboard, clock, &mut recording)?;
        let right = &recording.right;
        pending.retain(|id| !right.contains(id));
        if pending.is_empty() || reason != EndReason::Finished {
            break;
        }
    }
    let again = again("review", bank, config);
    term::practice_screens::review_end(out, recording.tally, total, pending.len(), &again)?;
    Ok(outcome(reason))
}

/// `crossexam progress [BANK] [--json]`.
pub fn progress(
    bank: Option<&str>,
    json: bool,
    config: &Config,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let learner = config.learner.name.clone();
    let scheduler = Scheduler::default();
    let tz = &config.time_zone;
    let now = config.now();
    let today = queue::day_of(now, tz);
    let store = Store::open_existing(config.data_dir.path()?)?;
    let mut banks = Vec::new();
    if let Some(store) = &store {
        let wanted = bank.map(|bank| {
            let loaded = load_bank(Some(bank)).ok();
            (
                bank.to_string(),
                loaded.map(|loaded| (loaded.bank.id.clone(), bank_origin(&loaded))),
            )
        });
        for record in store.banks(&learner)? {
            if let Some((name, found)) = &wanted {
                let found = found
                    .as_ref()
                    .map(|(id, origin)| (id.as_str(), origin.as_str()));
                if !record.is_named(name, found) {
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
            banks.push(progress::bank_progress(&input, now, tz, &scheduler));
        }
    }
    // A bank with no history must at least exist: else say so (exit 2)
    // rather than suggest practising a bank that cannot be loaded.
    if let (true, Some(bank)) = (banks.is_empty(), bank) {
        load_bank(Some(bank))?;
    }
    let report = ProgressOverview {
        format: progress::PROGRESS_FORMAT,
        learner,
        now: now.to_string(),
        today: today.to_string(),
        scheduler: SchedulerInfo::from(&scheduler),
        banks,
    };
    if json {
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
        term::practice_screens::report(
            out,
            &report,
            today,
            &suggestions,
            bank,
            &learner_flags(config),
        )?;
    }
    Ok(Outcome::Success)
}
