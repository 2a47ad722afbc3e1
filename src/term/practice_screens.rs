//! Practice screens: the start of a practice or review session, the line
//! after each answer that says when the question comes back, "nothing is
//! due", the end of a session, and the `progress` screen with its chart of
//! answers per day. Each writes plain text to a `Write`, and bank text
//! passes through [`clean`]. The figures come computed from `practice/`
//! (the queue, the outlook, [`BankProgress`] and its methods); these
//! functions only word and lay them out.

use super::clean;
use super::render::{heading, number, wrap};
use crate::practice::fsrs::Grade;
use crate::practice::progress::{Accuracy, BankProgress, DayCount, ProgressOverview};
use crate::practice::queue::{AnswerSource, Card, Outlook, PracticeQueue, days_between};
use crate::report::summary::VerdictCounts;
use crate::wording::plural;
use jiff::civil::Date;
use std::io::{self, Write};

/// "today", "tomorrow", "in 4 days", "2 days ago".
pub fn relative_day(day: Date, today: Date) -> String {
    match days_between(today, day) {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// The grade's name as the learner reads it.
pub fn grade_name(grade: Grade) -> &'static str {
    match grade {
        Grade::Again => "Again",
        Grade::Hard => "Hard",
        Grade::Good => "Good",
        Grade::Easy => "Easy",
    }
}

/// How long ago `then` was, as people say it: "just now", "10 minutes
/// ago", "3 hours ago", "2 days ago".
pub fn ago(then: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let seconds = (now.as_second() - then.as_second()).max(0);
    let (count, unit) = match seconds {
        0..60 => return "just now".to_string(),
        60..3600 => (seconds / 60, "minute"),
        3600..86_400 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    format!("{} ago", plural(count as usize, unit, &format!("{unit}s")))
}

/// The line under the start screen of a resumed quiz.
pub fn resuming(
    out: &mut dyn Write,
    session: &crate::quiz::session::Session,
    now: jiff::Timestamp,
) -> io::Result<()> {
    wrap(
        out,
        &format!(
            "Resuming the quiz started {}: {} of {} questions already answered.",
            ago(session.started_at, now),
            session.answered_count(),
            session.plan.questions.len()
        ),
        "",
    )?;
    writeln!(out)
}

/// What the session is about to ask.
pub struct SessionFacts<'a> {
    pub title: &'a str,
    pub learner: &'a str,
    pub today: Date,
    pub seed: u64,
    pub retention: f64,
    pub new_per_day: usize,
}

/// The start of a practice session.
pub fn practice_start(
    out: &mut dyn Write,
    facts: &SessionFacts<'_>,
    queue: &PracticeQueue,
) -> io::Result<()> {
    wrap(out, &format!("crossexam practice · {}", facts.title), "")?;
    wrap(
        out,
        &format!(
            "Learner: {} · {} · seed {} · retention {}%",
            clean(facts.learner),
            facts.today,
            facts.seed,
            number(facts.retention * 100.0)
        ),
        "",
    )?;
    let mut parts = Vec::new();
    if queue.due_total > queue.due.len() {
        parts.push(format!(
            "{} of {} due reviews",
            queue.due.len(),
            queue.due_total
        ));
    } else {
        parts.push(plural(queue.due.len(), "due review", "due reviews"));
    }
    parts.push(format!(
        "{} (of {} not yet seen; {} a day)",
        plural(queue.new.len(), "new question", "new questions"),
        queue.unseen,
        facts.new_per_day
    ));
    wrap(out, &format!("Today: {}", parts.join(", ")), "")?;
    if !queue.is_empty() {
        writeln!(out)?;
        wrap(
            out,
            "Answer as in a quiz; add ` !3` when you are sure (a sure right answer comes back later). \
             Enter: don't know; :h help; :q stop. Each answer is saved at once.",
            "",
        )?;
    }
    writeln!(out)
}

/// Nothing is due and no new question is left for today.
pub fn nothing_due(
    out: &mut dyn Write,
    today: Date,
    next: Option<(Date, usize)>,
    queue: &PracticeQueue,
    new_per_day: usize,
) -> io::Result<()> {
    match next {
        Some((day, count)) => wrap(
            out,
            &format!(
                "Nothing is due today. Next review: {day} ({}), {}.",
                relative_day(day, today),
                plural(count, "question", "questions")
            ),
            "",
        )?,
        None => writeln!(out, "Nothing is due today.")?,
    }
    if queue.unseen == 0 {
        wrap(out, "Every question of this bank is in your schedule.", "")?;
    } else {
        wrap(
            out,
            &format!(
                "Today's new questions are done ({} a day; {} not yet seen): more tomorrow, or raise --new.",
                new_per_day, queue.unseen
            ),
            "",
        )?;
    }
    Ok(())
}

/// The offer of extra practice.
pub fn offer_cram(out: &mut dyn Write) -> io::Result<()> {
    wrap(
        out,
        "Practise anyway? Extra practice does not change your schedule. [y/N]",
        "",
    )?;
    super::render::prompt(out, None)
}

/// The start of extra practice.
pub fn cram_start(out: &mut dyn Write, count: usize) -> io::Result<()> {
    writeln!(out)?;
    wrap(
        out,
        &format!(
            "Extra practice: {}, weakest first. Your schedule stays as it is. :q stops.",
            plural(count, "question", "questions")
        ),
        "",
    )?;
    writeln!(out)
}

/// The line after an answer: the grade and when the question comes back.
pub fn after_answer(
    out: &mut dyn Write,
    source: AnswerSource,
    grade: Grade,
    previous: Option<&Card>,
    scheduled: Option<&Card>,
    today: Date,
) -> io::Result<()> {
    match (source, scheduled) {
        (AnswerSource::Practice, Some(card)) => wrap(
            out,
            &format!(
                "Graded {} · next review {} ({}).",
                grade_name(grade),
                relative_day(card.due, today),
                card.due
            ),
            "",
        )?,
        (AnswerSource::Cram, _) => match previous {
            Some(card) => wrap(
                out,
                &format!(
                    "Extra practice: your schedule is unchanged (next review {}, {}).",
                    card.due,
                    relative_day(card.due, today)
                ),
                "",
            )?,
            None => wrap(
                out,
                "Extra practice: this question is not in your schedule yet.",
                "",
            )?,
        },
        (AnswerSource::Review, _) if grade == Grade::Again || grade == Grade::Hard => wrap(
            out,
            "Not yet: this question comes back before the review ends.",
            "",
        )?,
        (AnswerSource::Review, _) => wrap(out, "Right: this mistake is cleared.", "")?,
        _ => {}
    }
    writeln!(out)
}

fn tally_line(tally: VerdictCounts) -> String {
    let mut parts = vec![format!("{} right", tally.right)];
    if tally.partly > 0 {
        parts.push(format!("{} partly right", tally.partly));
    }
    parts.push(format!("{} wrong", tally.wrong));
    if tally.skipped > 0 {
        parts.push(format!("{} not known", tally.skipped));
    }
    format!(
        "{}: {}.",
        plural(tally.total(), "answer", "answers"),
        parts.join(", ")
    )
}

/// The end of a practice (or extra practice) session.
pub fn practice_end(
    out: &mut dyn Write,
    tally: VerdictCounts,
    stopped_early: bool,
    outlook: &Outlook,
    today: Date,
    again: &str,
) -> io::Result<()> {
    heading(out, "Practice")?;
    if stopped_early {
        wrap(
            out,
            "Stopped early: every answer given so far is saved.",
            "",
        )?;
    }
    wrap(out, &tally_line(tally), "")?;
    if outlook.due_today > 0 {
        wrap(
            out,
            &format!(
                "Still due today: {} (run `{again}` again).",
                outlook.due_today
            ),
            "",
        )?;
    }
    let next = match outlook.next {
        Some(day) => format!(" · next review {day} ({}).", relative_day(day, today)),
        None => ".".to_string(),
    };
    wrap(
        out,
        &format!(
            "Due tomorrow: {} · this week: {}{next}",
            outlook.due_tomorrow, outlook.due_this_week
        ),
        "",
    )
}

/// The start of a review of mistakes.
pub fn review_start(
    out: &mut dyn Write,
    title: &str,
    learner: &str,
    count: usize,
    seed: u64,
) -> io::Result<()> {
    wrap(out, &format!("crossexam review · {title}"), "")?;
    wrap(
        out,
        &format!("Learner: {} · seed {seed}", clean(learner)),
        "",
    )?;
    wrap(
        out,
        &format!(
            "{} you got wrong in the last 30 days. Each comes back until you answer it right. :q stops.",
            plural(count, "question", "questions")
        ),
        "",
    )?;
    writeln!(out)
}

/// Nothing to review.
pub fn nothing_to_review(out: &mut dyn Write, title: &str) -> io::Result<()> {
    wrap(
        out,
        &format!(
            "Nothing to review in {title}: no question answered wrong, skipped or partly right in the last 30 days is waiting to be answered right."
        ),
        "",
    )
}

/// A new round of a review.
pub fn review_round(out: &mut dyn Write, left: usize) -> io::Result<()> {
    writeln!(
        out,
        "Once more: {} still to answer right.",
        plural(left, "question", "questions")
    )?;
    writeln!(out)
}

/// The end of a review of mistakes; `again` is the command that continues it.
pub fn review_end(
    out: &mut dyn Write,
    tally: VerdictCounts,
    total: usize,
    left: usize,
    again: &str,
) -> io::Result<()> {
    heading(out, "Review")?;
    wrap(out, &tally_line(tally), "")?;
    if left == 0 {
        writeln!(
            out,
            "All {} answered right.",
            plural(total, "question", "questions")
        )
    } else {
        wrap(
            out,
            &format!("{left} of {total} still to answer right: run `{again}` again."),
            "",
        )
    }
}

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A one-line chart of answers per day: `·` for none, `▁`..`█` scaled to
/// `busiest` (the most answers on one day, [`Activity::busiest`]).
///
/// [`Activity::busiest`]: crate::practice::progress::Activity::busiest
pub fn sparkline(days: &[DayCount], busiest: usize) -> String {
    days.iter()
        .map(|day| {
            if day.answers == 0 || busiest == 0 {
                '·'
            } else {
                let level = (day.answers * LEVELS.len())
                    .div_ceil(busiest)
                    .clamp(1, LEVELS.len());
                LEVELS[level - 1]
            }
        })
        .collect()
}

fn percent(rate: f64) -> String {
    format!("{}%", number((rate * 100.0).round()))
}

fn accuracy_rows(out: &mut dyn Write, rows: &[&Accuracy], with_label: bool) -> io::Result<()> {
    let width = rows
        .iter()
        .map(|row| row.key.chars().count())
        .max()
        .unwrap_or(0);
    for row in rows {
        let mut line = format!(
            "    {:<width$}  {:>3} of {:<3} {:>4}",
            clean(&row.key),
            row.rate.right,
            row.rate.answers,
            percent(row.rate.rate)
        );
        if with_label && let Some(label) = &row.label {
            let room = super::render::width().saturating_sub(line.chars().count() + 2);
            let label = clean(label);
            let shown: String = if label.chars().count() > room {
                label
                    .chars()
                    .take(room.saturating_sub(1))
                    .collect::<String>()
                    + "…"
            } else {
                label.into_owned()
            };
            line.push_str("  ");
            line.push_str(&shown);
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// How many of the weakest claims the report lists.
const CLAIMS_SHOWN: usize = 5;

fn bank(
    out: &mut dyn Write,
    progress: &BankProgress,
    today: Date,
    suggestions: &[String],
    learner_flags: &str,
) -> io::Result<()> {
    wrap(out, &format!("{} ({})", progress.title, progress.bank), "")?;
    if let Some(why) = &progress.unavailable {
        wrap(
            out,
            &format!(
                "(the bank cannot be loaded now, so these figures come from your history alone: {why})"
            ),
            "  ",
        )?;
    }
    let mut counts = Vec::new();
    if let Some(questions) = progress.questions {
        counts.push(plural(questions, "question", "questions"));
    }
    counts.push(format!("{} in practice", progress.seen));
    counts.push(format!("{} mature", progress.mature));
    counts.push(format!("{} due today", progress.due_today));
    counts.push(format!("{} due this week", progress.due_this_week));
    if let Some(unseen) = progress.unseen {
        counts.push(format!("{unseen} new"));
    }
    wrap(out, &counts.join(" · "), "  ")?;
    if let Some(next) = progress
        .next_due
        .as_deref()
        .and_then(|day| day.parse::<Date>().ok())
    {
        writeln!(out, "  Next review: {next} ({})", relative_day(next, today))?;
    }
    match &progress.retention_30d {
        Some(rate) => wrap(
            out,
            &format!(
                "Retention, last 30 days: {} ({} of {} reviews recalled)",
                percent(rate.rate),
                rate.right,
                rate.answers
            ),
            "  ",
        )?,
        None => wrap(
            out,
            "Retention, last 30 days: no reviews after a day or more yet",
            "  ",
        )?,
    }
    match progress.activity() {
        None => writeln!(out, "  Answers per day, last 30 days: none")?,
        Some(activity) => {
            wrap(
                out,
                &format!(
                    "Answers per day, last 30 days ({} on {}; most {}):",
                    activity.answers,
                    plural(activity.active_days, "day", "days"),
                    activity.busiest
                ),
                "  ",
            )?;
            let line = sparkline(&progress.answers_per_day, activity.busiest);
            writeln!(out, "    {line}")?;
            let first = progress
                .answers_per_day
                .first()
                .map_or("", |day| day.day.get(5..).unwrap_or(""));
            let last = progress
                .answers_per_day
                .last()
                .map_or("", |day| day.day.get(5..).unwrap_or(""));
            let span = line.chars().count();
            writeln!(
                out,
                "    {first}{last:>width$}",
                width = span.saturating_sub(first.chars().count())
            )?;
        }
    }
    if !progress.by_kind.is_empty() {
        wrap(out, "Accuracy by question kind (all answers):", "  ")?;
        accuracy_rows(out, &progress.by_kind.iter().collect::<Vec<_>>(), false)?;
    }
    if !progress.by_claim.is_empty() {
        let weakest = progress.weakest_claims(CLAIMS_SHOWN);
        if progress.by_claim.len() > weakest.len() {
            wrap(
                out,
                &format!(
                    "Accuracy by claim, weakest {} of {} (all in `progress --json`):",
                    weakest.len(),
                    progress.by_claim.len()
                ),
                "  ",
            )?;
        } else {
            writeln!(out, "  Accuracy by claim:")?;
        }
        accuracy_rows(out, &weakest, true)?;
    }
    for spot in &progress.weak_spots {
        wrap(out, spot, "  ")?;
    }
    if progress.mastered {
        wrap(
            out,
            "Mastered: every question of this bank is mature (reviewed at intervals of 21 days or more). \
             Keep up the reviews as they fall due.",
            "  ",
        )?;
        if suggestions.is_empty() {
            wrap(
                out,
                "Find another bank to practise with `crossexam list DIR`.",
                "  ",
            )?;
        } else {
            let commands: Vec<String> = suggestions
                .iter()
                .map(|id| format!("`crossexam practice {id}{learner_flags}`"))
                .collect();
            wrap(
                out,
                &format!(
                    "Try another bank: {} (see `crossexam list`).",
                    commands.join(", ")
                ),
                "  ",
            )?;
        }
    } else if progress.has_practice_today() {
        wrap(
            out,
            &format!(
                "Practise: crossexam practice {}{learner_flags}",
                progress.origin
            ),
            "  ",
        )?;
    }
    Ok(())
}

/// `crossexam progress`: every bank the learner has used (or the one
/// `only` names).
pub fn report(
    out: &mut dyn Write,
    report: &ProgressOverview,
    today: Date,
    suggestions: &[String],
    only: Option<&str>,
    learner_flags: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "Progress of {} · {}",
        clean(&report.learner),
        report.today
    )?;
    if report.banks.is_empty() {
        writeln!(out)?;
        match only {
            Some(bank) => wrap(
                out,
                &format!(
                    "No practice or quiz answers on {bank} yet. Start with `crossexam practice {bank}{learner_flags}`."
                ),
                "",
            )?,
            None => wrap(
                out,
                &format!(
                    "No practice or quiz answers yet. Start with `crossexam practice{learner_flags}`."
                ),
                "",
            )?,
        }
        return Ok(());
    }
    for progress in &report.banks {
        writeln!(out)?;
        let others: Vec<String> = suggestions
            .iter()
            .filter(|id| **id != progress.bank)
            .cloned()
            .collect();
        bank(out, progress, today, &others, learner_flags)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_said_as_people_say_them() {
        let now: jiff::Timestamp = "2026-11-28T10:00:00Z".parse().unwrap();
        let before = |seconds: i64| now - jiff::SignedDuration::from_secs(seconds);
        assert_eq!(ago(before(20), now), "just now");
        assert_eq!(ago(before(60), now), "1 minute ago");
        assert_eq!(ago(before(600), now), "10 minutes ago");
        assert_eq!(ago(before(7200), now), "2 hours ago");
        assert_eq!(ago(before(3 * 86_400), now), "3 days ago");
        assert_eq!(
            ago(now + jiff::SignedDuration::from_secs(5), now),
            "just now"
        );
    }

    #[test]
    fn sparkline_scales_to_the_busiest_day() {
        let days: Vec<DayCount> = [0, 1, 4, 8, 2]
            .iter()
            .map(|answers| DayCount {
                day: String::new(),
                answers: *answers,
            })
            .collect();
        assert_eq!(sparkline(&days, 8), "·▁▄█▂");
        assert_eq!(
            sparkline(
                &[DayCount {
                    day: String::new(),
                    answers: 0
                }],
                0
            ),
            "·"
        );
    }

    #[test]
    fn relative_days_read_naturally() {
        let today: Date = "2026-11-25".parse().unwrap();
        assert_eq!(relative_day(today, today), "today");
        assert_eq!(
            relative_day("2026-11-26".parse().unwrap(), today),
            "tomorrow"
        );
        assert_eq!(
            relative_day("2026-11-29".parse().unwrap(), today),
            "in 4 days"
        );
        assert_eq!(
            relative_day("2026-11-22".parse().unwrap(), today),
            "3 days ago"
        );
    }
}
