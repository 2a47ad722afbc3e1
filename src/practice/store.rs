//! The learner's progress store: one embedded `SQLite` database (the only
//! module that touches it) holding a review log, as Anki keeps one (every
//! answer with its time, grade and elapsed days), and each question's
//! current FSRS card state, keyed by learner, bank id and question id.
//!
//! Durability: the database runs in WAL mode with full syncs and every
//! answer is its own transaction, so a killed process loses at most the
//! answer being written. Concurrent sessions wait for each other (busy
//! timeout) and a new card state is computed inside an IMMEDIATE
//! transaction from the state read in that same transaction, so two
//! sessions neither lose nor overwrite each other's reviews. A database
//! that is damaged, not ours, or from a newer release is reported with its
//! path and never written to. The schema is versioned with
//! `PRAGMA user_version` and upgraded by the migrations below.

use super::fsrs::Grade;
use super::queue::{AnswerSource, Card, ReviewRecord};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database's file name inside the data directory.
pub const DATABASE_FILE: &str = "progress.sqlite3";

/// `PRAGMA application_id` of a crossexam database ("CXAM").
pub const APPLICATION_ID: i32 = 0x4358_414d;

/// How long a session waits for another one holding the write lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Schema migrations; migration `i` takes `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: banks, cards and the review log.
    "CREATE TABLE banks (
        learner   TEXT NOT NULL,
        bank      TEXT NOT NULL,
        title     TEXT NOT NULL,
        origin    TEXT NOT NULL,    -- a bank file's absolute path, or a bundled bank's id
        last_used INTEGER NOT NULL, -- Unix milliseconds
        PRIMARY KEY (learner, bank)
    ) WITHOUT ROWID;
    CREATE TABLE cards (
        learner       TEXT NOT NULL,
        bank          TEXT NOT NULL,
        question      TEXT NOT NULL,
        stability     REAL NOT NULL,
        difficulty    REAL NOT NULL,
        interval_days INTEGER NOT NULL,
        due           TEXT NOT NULL,    -- the learner's calendar day, YYYY-MM-DD
        last_review   INTEGER NOT NULL, -- Unix milliseconds
        first_review  INTEGER NOT NULL, -- Unix milliseconds
        reps          INTEGER NOT NULL,
        lapses        INTEGER NOT NULL,
        PRIMARY KEY (learner, bank, question)
    ) WITHOUT ROWID;
    CREATE TABLE review_log (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        learner       TEXT NOT NULL,
        bank          TEXT NOT NULL,
        question      TEXT NOT NULL,
        reviewed_at   INTEGER NOT NULL, -- Unix milliseconds
        source        TEXT NOT NULL CHECK (source IN ('practice', 'cram', 'review', 'quiz')),
        grade         INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
        credit        REAL NOT NULL,
        skipped       INTEGER NOT NULL,
        confidence    INTEGER,
        answer        TEXT NOT NULL,
        seconds       REAL,
        elapsed_days  INTEGER NOT NULL, -- calendar days since the previous scheduled review
        interval_days INTEGER,          -- set by scheduled (practice) reviews only
        stability     REAL,
        difficulty    REAL
    );
    CREATE INDEX review_log_by_card ON review_log (learner, bank, question, reviewed_at);
    CREATE INDEX review_log_by_time ON review_log (learner, reviewed_at);",
];

/// The schema version this release writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Why the progress store cannot be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory for the progress database could be found")]
    NoDataDir,
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the progress database {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("the progress database {path} is damaged or is not a crossexam database ({detail})")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "the progress database {path} was written by a newer crossexam (schema version {found}; this one knows up to {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the progress database {path} is busy: another crossexam held it for more than {} seconds", BUSY_TIMEOUT.as_secs())]
    Busy { path: PathBuf },
    #[error("cannot use the progress database {path}: {message}")]
    Sqlite { path: PathBuf, message: String },
    #[error("cannot save the quiz in progress to {path}: {source}")]
    SaveAttempt {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the saved quiz {path} cannot be read: {message}")]
    BadAttempt { path: PathBuf, message: String },
}

impl StoreError {
    /// What the learner can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            StoreError::NoDataDir => Some(
                "set CROSSEXAM_DATA_DIR or pass --data-dir to choose where progress is kept".into(),
            ),
            StoreError::CreateDir { .. } | StoreError::Open { .. } | StoreError::SaveAttempt { .. } => Some(
                "check that the directory exists and is writable, or choose another with --data-dir or CROSSEXAM_DATA_DIR"
                    .into(),
            ),
            StoreError::Corrupt { path, .. } => Some(format!(
                "crossexam leaves the file as it is; move it aside (e.g. `mv {0} {0}.damaged`) to start a new history, \
                 or point --data-dir / CROSSEXAM_DATA_DIR at another directory",
                path.display()
            )),
            StoreError::TooNew { .. } => Some(
                "use the newer crossexam that wrote it, or another data directory (--data-dir)".into(),
            ),
            StoreError::Busy { .. } => {
                Some("finish or close the other crossexam session, then try again".into())
            }
            StoreError::Sqlite { .. } => None,
            StoreError::BadAttempt { path, .. } => Some(format!(
                "delete {} to forget the interrupted quiz, and start it again",
                path.display()
            )),
        }
    }
}

/// An answer to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAnswer<'a> {
    pub learner: &'a str,
    pub bank: &'a str,
    pub question: &'a str,
    pub at: Timestamp,
    pub source: AnswerSource,
    pub grade: Grade,
    pub credit: f64,
    pub skipped: bool,
    pub confidence: Option<u8>,
    pub answer: &'a str,
    pub seconds: Option<f64>,
}

/// What the scheduler decided inside the write transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    /// Calendar days since the card's previous scheduled review.
    pub elapsed_days: u32,
    /// The card's new state, or `None` to leave it as it is.
    pub card: Option<Card>,
}

/// A bank the learner has used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankRecord {
    pub bank: String,
    pub title: String,
    pub origin: String,
    pub last_used: Timestamp,
}

impl BankRecord {
    /// Whether `name` (as the learner typed it: a bank id, a path or a
    /// bundled id) means this bank: its id or origin, or the id or origin
    /// of the bank `name` loads as now (`loaded`, when it loads).
    pub fn is_named(&self, name: &str, loaded: Option<(&str, &str)>) -> bool {
        self.bank == name
            || self.origin == name
            || loaded.is_some_and(|(id, origin)| self.bank == id || self.origin == origin)
    }
}

/// An open progress database.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// The database file inside `dir`.
    pub fn file_in(dir: &Path) -> PathBuf {
        dir.join(DATABASE_FILE)
    }

    /// Opens (creating when missing) the database in `dir`, checks it and
    /// brings its schema up to date.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open_file(&Self::file_in(dir))
    }

    /// Opens the database in `dir` only when it exists.
    pub fn open_existing(dir: &Path) -> Result<Option<Store>, StoreError> {
        let path = Self::file_in(dir);
        if path.exists() {
            Self::open_file(&path).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Opens a database file (see [`Store::open`]). While other processes
    /// create or convert the file at the same moment, `SQLite` can answer
    /// "busy" without waiting (a journal-mode switch, WAL recovery): opening
    /// is then retried until the busy timeout runs out.
    pub fn open_file(path: &Path) -> Result<Store, StoreError> {
        let started = std::time::Instant::now();
        loop {
            match Self::open_file_once(path) {
                Err(StoreError::Busy { .. }) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                opened => return opened,
            }
        }
    }

    fn open_file_once(path: &Path) -> Result<Store, StoreError> {
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection =
            Connection::open_with_flags(path, flags).map_err(|error| match classify(&error) {
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: error.to_string(),
                },
                _ => StoreError::Open {
                    path: path.to_path_buf(),
                    message: error.to_string(),
                },
            })?;
        let mut store = Store {
            connection,
            path: path.to_path_buf(),
        };
        store
            .connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|error| store.error(&error))?;
        store.check()?;
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, error: &rusqlite::Error) -> StoreError {
        error_at(&self.path, error)
    }

    fn corrupt(&self, detail: impl Into<String>) -> StoreError {
        corrupt_at(&self.path, detail)
    }

    /// Refuses files that are damaged, another program's, or too new,
    /// before anything is written. The reads share one read transaction, so
    /// another process creating the schema at the same moment is seen either
    /// not at all or whole (never tables without their version).
    fn check(&self) -> Result<(), StoreError> {
        self.connection
            .execute_batch("BEGIN DEFERRED")
            .map_err(|error| self.error(&error))?;
        let verdict = self.check_snapshot();
        let _ = self.connection.execute_batch("ROLLBACK");
        verdict
    }

    fn check_snapshot(&self) -> Result<(), StoreError> {
        let read = |sql: &str| -> Result<i64, StoreError> {
            self.connection
                .query_row(sql, [], |row| row.get(0))
                .map_err(|error| self.error(&error))
        };
        let application_id = read("PRAGMA application_id")?;
        let version = read("PRAGMA user_version")?;
        let tables = read("SELECT count(*) FROM sqlite_master")?;
        if application_id != 0 && application_id != i64::from(APPLICATION_ID) {
            return Err(self.corrupt(format!(
                "it belongs to another program (application id {application_id:#x})"
            )));
        }
        if version < 0 {
            return Err(self.corrupt(format!(
                "its schema version is {version}, which crossexam never writes"
            )));
        }
        if version == 0 && tables > 0 {
            return Err(self.corrupt("it holds tables crossexam did not create"));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        if tables > 0 {
            let verdict: String = self
                .connection
                .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
                .map_err(|error| self.error(&error))?;
            if verdict != "ok" {
                return Err(self.corrupt(format!("integrity check: {verdict}")));
            }
        }
        Ok(())
    }

    fn configure(&self) -> Result<(), StoreError> {
        let mode: String = self
            .connection
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|error| self.error(&error))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite {
                path: self.path.clone(),
                message: format!("cannot switch to write-ahead logging (journal mode is {mode})"),
            });
        }
        self.connection
            .execute_batch("PRAGMA synchronous = FULL;")
            .map_err(|error| self.error(&error))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| error_at(&path, &error))?;
        let version: i64 = transaction
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|error| error_at(&path, &error))?;
        if version >= SCHEMA_VERSION {
            return Ok(());
        }
        for migration in &MIGRATIONS[usize::try_from(version).unwrap_or(0)..] {
            transaction
                .execute_batch(migration)
                .map_err(|error| error_at(&path, &error))?;
        }
        transaction
            .execute_batch(&format!(
                "PRAGMA user_version = {SCHEMA_VERSION}; PRAGMA application_id = {APPLICATION_ID};"
            ))
            .map_err(|error| error_at(&path, &error))?;
        transaction
            .commit()
            .map_err(|error| error_at(&path, &error))
    }

    /// Notes that `learner` used a bank, and where it came from.
    pub fn remember_bank(
        &self,
        learner: &str,
        bank: &str,
        title: &str,
        origin: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT INTO banks (learner, bank, title, origin, last_used) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (learner, bank) DO UPDATE SET title = ?3, origin = ?4, last_used = ?5",
                params![learner, bank, title, origin, now.as_millisecond()],
            )
            .map(|_| ())
            .map_err(|error| self.error(&error))
    }

    /// The banks `learner` has used, most recent first.
    pub fn banks(&self, learner: &str) -> Result<Vec<BankRecord>, StoreError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT bank, title, origin, last_used FROM banks WHERE learner = ?1
                 ORDER BY last_used DESC, bank",
            )
            .map_err(|error| self.error(&error))?;
        let rows = statement
            .query_map(params![learner], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })
            .map_err(|error| self.error(&error))?;
        let mut banks = Vec::new();
        for row in rows {
            let (bank, title, origin, last_used) = row.map_err(|error| self.error(&error))?;
            // An unreadable time is not worth losing the bank over.
            let last_used = timestamp_at(&self.path, last_used).unwrap_or(Timestamp::UNIX_EPOCH);
            banks.push(BankRecord {
                bank,
                title,
                origin,
                last_used,
            });
        }
        Ok(banks)
    }

    /// Every card of `learner` in `bank`.
    pub fn cards(&self, learner: &str, bank: &str) -> Result<Vec<Card>, StoreError> {
        let mut statement = self
            .connection
            .prepare(&format!("SELECT {CARD_COLUMNS} FROM cards WHERE learner = ?1 AND bank = ?2 ORDER BY question"))
            .map_err(|error| self.error(&error))?;
        let rows = statement
            .query_map(params![learner, bank], card_row)
            .map_err(|error| self.error(&error))?;
        let mut cards = Vec::new();
        for row in rows {
            // A card that cannot be read is left out (it starts afresh at its
            // next answer); one bad row never makes the whole history unusable.
            if let Ok(card) = card_from(&self.path, row.map_err(|error| self.error(&error))?) {
                cards.push(card);
            }
        }
        Ok(cards)
    }

    /// The review log of `learner` (in `bank`, when given), from `since` on,
    /// oldest first.
    pub fn reviews(
        &self,
        learner: &str,
        bank: Option<&str>,
        since: Option<Timestamp>,
    ) -> Result<Vec<ReviewRecord>, StoreError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT id, bank, question, reviewed_at, source, grade, credit, skipped, confidence, answer,
                        seconds, elapsed_days, interval_days, stability, difficulty
                 FROM review_log
                 WHERE learner = ?1 AND (?2 IS NULL OR bank = ?2) AND reviewed_at >= ?3
                 ORDER BY reviewed_at, id",
            )
            .map_err(|error| self.error(&error))?;
        let since = since.map_or(i64::MIN, Timestamp::as_millisecond);
        let rows = statement
            .query_map(params![learner, bank, since], |row| {
                Ok(LogRow {
                    id: row.get(0)?,
                    bank: row.get(1)?,
                    question: row.get(2)?,
                    at: row.get(3)?,
                    source: row.get(4)?,
                    grade: row.get(5)?,
                    credit: row.get(6)?,
                    skipped: row.get(7)?,
                    confidence: row.get(8)?,
                    answer: row.get(9)?,
                    seconds: row.get(10)?,
                    elapsed_days: row.get(11)?,
                    interval_days: row.get(12)?,
                    stability: row.get(13)?,
                    difficulty: row.get(14)?,
                })
            })
            .map_err(|error| self.error(&error))?;
        let mut reviews = Vec::new();
        for row in rows {
            let row = row.map_err(|error| self.error(&error))?;
            // A review that cannot be read is left out; the rest still counts.
            let (Ok(at), Some(source), Some(grade)) = (
                timestamp_at(&self.path, row.at),
                AnswerSource::parse(&row.source),
                u8::try_from(row.grade)
                    .ok()
                    .and_then(|g| Grade::try_from(g).ok()),
            ) else {
                continue;
            };
            reviews.push(ReviewRecord {
                id: row.id,
                at,
                source,
                grade,
                credit: row.credit,
                skipped: row.skipped,
                confidence: row.confidence.and_then(|c| u8::try_from(c).ok()),
                answer: row.answer,
                seconds: row.seconds,
                elapsed_days: u32::try_from(row.elapsed_days).unwrap_or(0),
                interval_days: row.interval_days.and_then(|days| u32::try_from(days).ok()),
                stability: row.stability,
                difficulty: row.difficulty,
                bank: row.bank,
                question: row.question,
            });
        }
        Ok(reviews)
    }

    /// Refuses a time the store could not read back (see [`STORABLE_YEARS`]).
    fn storable(&self, at: Timestamp) -> Result<(), StoreError> {
        let year = jiff::tz::Offset::UTC.to_datetime(at).year();
        if STORABLE_YEARS.contains(&year) {
            Ok(())
        } else {
            Err(StoreError::Sqlite {
                path: self.path.clone(),
                message: format!(
                    "the time {at} is outside the years {} to {} the store keeps; check the clock (or CROSSEXAM_NOW)",
                    STORABLE_YEARS.start(),
                    STORABLE_YEARS.end()
                ),
            })
        }
    }

    /// Records one answer in its own IMMEDIATE transaction: reads the
    /// card's current state, lets `schedule` decide (a pure function of that
    /// state), appends the answer to the review log and saves the new card
    /// state, all or nothing. Returns the card as it was and the decision.
    pub fn record(
        &mut self,
        answer: &NewAnswer<'_>,
        schedule: impl FnOnce(Option<&Card>) -> Scheduled,
    ) -> Result<(Option<Card>, Scheduled), StoreError> {
        self.storable(answer.at)?;
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| error_at(&path, &error))?;
        let row = transaction
            .query_row(
                &format!("SELECT {CARD_COLUMNS} FROM cards WHERE learner = ?1 AND bank = ?2 AND question = ?3"),
                params![answer.learner, answer.bank, answer.question],
                card_row,
            )
            .optional()
            .map_err(|error| error_at(&path, &error))?;
        // A card that cannot be read starts afresh instead of blocking every answer.
        let previous = row.and_then(|row| card_from(&path, row).ok());
        let scheduled = schedule(previous.as_ref());
        transaction
            .execute(
                "INSERT INTO review_log (learner, bank, question, reviewed_at, source, grade, credit, skipped,
                     confidence, answer, seconds, elapsed_days, interval_days, stability, difficulty)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    answer.learner,
                    answer.bank,
                    answer.question,
                    answer.at.as_millisecond(),
                    answer.source.as_str(),
                    answer.grade.value(),
                    answer.credit,
                    answer.skipped,
                    answer.confidence,
                    answer.answer,
                    answer.seconds,
                    scheduled.elapsed_days,
                    scheduled.card.as_ref().map(|card| card.interval_days),
                    scheduled.card.as_ref().map(|card| card.stability),
                    scheduled.card.as_ref().map(|card| card.difficulty),
                ],
            )
            .map_err(|error| error_at(&path, &error))?;
        if let Some(card) = &scheduled.card {
            transaction
                .execute(
                    "INSERT INTO cards (learner, bank, question, stability, difficulty, interval_days, due,
                         last_review, first_review, reps, lapses)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (learner, bank, question) DO UPDATE SET
                         stability = ?4, difficulty = ?5, interval_days = ?6, due = ?7,
                         last_review = ?8, first_review = ?9, reps = ?10, lapses = ?11",
                    params![
                        answer.learner,
                        answer.bank,
                        card.question,
                        card.stability,
                        card.difficulty,
                        card.interval_days,
                        card.due.to_string(),
                        card.last_review.as_millisecond(),
                        card.first_review.as_millisecond(),
                        card.reps,
                        card.lapses,
                    ],
                )
                .map_err(|error| error_at(&path, &error))?;
        }
        transaction
            .commit()
            .map_err(|error| error_at(&path, &error))?;
        Ok((previous, scheduled))
    }
}

const CARD_COLUMNS: &str =
    "question, stability, difficulty, interval_days, due, last_review, first_review, reps, lapses";

struct CardRow {
    question: String,
    stability: f64,
    difficulty: f64,
    interval_days: i64,
    due: String,
    last_review: i64,
    first_review: i64,
    reps: i64,
    lapses: i64,
}

fn card_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CardRow> {
    Ok(CardRow {
        question: row.get(0)?,
        stability: row.get(1)?,
        difficulty: row.get(2)?,
        interval_days: row.get(3)?,
        due: row.get(4)?,
        last_review: row.get(5)?,
        first_review: row.get(6)?,
        reps: row.get(7)?,
        lapses: row.get(8)?,
    })
}

/// The years of the times the store writes: every due day computed from
/// them (at most a century ahead) is still a date the store can read back.
pub const STORABLE_YEARS: std::ops::RangeInclusive<i16> = 1970..=9000;

fn corrupt_at(path: &Path, detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

fn timestamp_at(path: &Path, millisecond: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(millisecond).map_err(|_| {
        corrupt_at(
            path,
            format!("a stored time is out of range ({millisecond})"),
        )
    })
}

fn card_from(path: &Path, row: CardRow) -> Result<Card, StoreError> {
    let due: Date = row.due.parse().map_err(|_| {
        corrupt_at(
            path,
            format!(
                "card {} has an unreadable due day `{}`",
                row.question, row.due
            ),
        )
    })?;
    Ok(Card {
        question: row.question,
        stability: row.stability,
        difficulty: row.difficulty,
        interval_days: u32::try_from(row.interval_days).unwrap_or(0),
        due,
        last_review: timestamp_at(path, row.last_review)?,
        first_review: timestamp_at(path, row.first_review)?,
        reps: u32::try_from(row.reps).unwrap_or(0),
        lapses: u32::try_from(row.lapses).unwrap_or(0),
    })
}

struct LogRow {
    id: i64,
    bank: String,
    question: String,
    at: i64,
    source: String,
    grade: i64,
    credit: f64,
    skipped: bool,
    confidence: Option<i64>,
    answer: String,
    seconds: Option<f64>,
    elapsed_days: i64,
    interval_days: Option<i64>,
    stability: Option<f64>,
    difficulty: Option<f64>,
}

fn classify(error: &rusqlite::Error) -> Option<ErrorCode> {
    error.sqlite_error_code()
}

fn error_at(path: &Path, error: &rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match classify(error) {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: error.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StoreError::Open {
                path,
                message: error.to_string(),
            }
        }
        _ => StoreError::Sqlite {
            path,
            message: error.to_string(),
        },
    }
}

/// A file that exists must start like an `SQLite` database; an empty or
/// missing one becomes a new database.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                message: error.to_string(),
            });
        }
    };
    if file.metadata().is_ok_and(|meta| meta.is_dir()) {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            message: "it is a directory".into(),
        });
    }
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|error| StoreError::Open {
            path: path.to_path_buf(),
            message: error.to_string(),
        })?;
    if header.is_empty() || header.as_slice() == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "it does not start with an SQLite header".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bank_record_answers_to_its_id_its_origin_and_what_the_name_loads_as() {
        let record = BankRecord {
            bank: "week".into(),
            title: "Week".into(),
            origin: "/banks/week.json".into(),
            last_used: Timestamp::UNIX_EPOCH,
        };
        assert!(record.is_named("week", None));
        assert!(record.is_named("/banks/week.json", None));
        assert!(record.is_named("week.json", Some(("week", "/elsewhere/week.json"))));
        assert!(record.is_named("copy.json", Some(("copy", "/banks/week.json"))));
        assert!(!record.is_named("other", None));
        assert!(!record.is_named("other.json", Some(("other", "/banks/other.json"))));
    }
    use crate::practice::fsrs::Scheduler;
    use crate::practice::queue::{elapsed_days, schedule};
    use jiff::tz::TimeZone;

    fn answer(question: &str, at: Timestamp, source: AnswerSource, grade: Grade) -> NewAnswer<'_> {
        NewAnswer {
            learner: "ann",
            bank: "bank",
            question,
            at,
            source,
            grade,
            credit: if grade == Grade::Again { 0.0 } else { 1.0 },
            skipped: false,
            confidence: None,
            answer: "b",
            seconds: Some(2.5),
        }
    }

    fn practise(store: &mut Store, question: &str, at: Timestamp, grade: Grade) -> Card {
        let fsrs = Scheduler::default();
        let (_, decided) = store
            .record(
                &answer(question, at, AnswerSource::Practice, grade),
                |previous| Scheduled {
                    elapsed_days: elapsed_days(previous, at, &TimeZone::UTC),
                    card: Some(schedule(
                        previous,
                        question,
                        grade,
                        at,
                        &TimeZone::UTC,
                        &fsrs,
                    )),
                },
            )
            .unwrap();
        decided.card.unwrap()
    }

    #[test]
    fn records_reviews_and_cards_and_reads_them_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let day1: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        let day3: Timestamp = "2026-11-27T09:00:00Z".parse().unwrap();
        let first = practise(&mut store, "q1", day1, Grade::Good);
        assert_eq!(first.interval_days, 2);
        let second = practise(&mut store, "q1", day3, Grade::Good);
        assert_eq!(store.cards("ann", "bank").unwrap(), vec![second.clone()]);
        assert_eq!(second.reps, 2);
        let log = store.reviews("ann", Some("bank"), None).unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[1].elapsed_days, 2);
        assert_eq!(log[1].interval_days, Some(second.interval_days));
        assert_eq!(log[1].stability, Some(second.stability));
        assert_eq!(log[0].seconds, Some(2.5));
        assert!(
            store
                .reviews("ann", Some("other"), None)
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.reviews("ann", None, Some(day3)).unwrap().len(), 1);
        assert!(
            store.cards("bob", "bank").unwrap().is_empty(),
            "learners are kept apart"
        );
    }

    #[test]
    fn unscheduled_answers_leave_the_card_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let day1: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        let card = practise(&mut store, "q1", day1, Grade::Good);
        let (previous, _) = store
            .record(
                &answer("q1", day1, AnswerSource::Cram, Grade::Again),
                |previous| Scheduled {
                    elapsed_days: elapsed_days(previous, day1, &TimeZone::UTC),
                    card: None,
                },
            )
            .unwrap();
        assert_eq!(previous, Some(card.clone()));
        assert_eq!(store.cards("ann", "bank").unwrap(), vec![card]);
        let log = store.reviews("ann", None, None).unwrap();
        assert_eq!(log[1].source, AnswerSource::Cram);
        assert_eq!(log[1].interval_days, None);
    }

    #[test]
    fn reopening_keeps_everything_and_the_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let day1: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        {
            let mut store = Store::open(dir.path()).unwrap();
            practise(&mut store, "q1", day1, Grade::Easy);
            store
                .remember_bank("ann", "bank", "A bank", "bundled-id", day1)
                .unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.cards("ann", "bank").unwrap().len(), 1);
        assert_eq!(store.banks("ann").unwrap()[0].origin, "bundled-id");
        let version: i64 = store
            .connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = store
            .connection
            .query_row("PRAGMA journal_mode", [], |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn refuses_garbage_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = Store::file_in(dir.path());
        std::fs::write(&path, b"this is not a database at all").unwrap();
        let error = Store::open(dir.path()).unwrap_err();
        assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
        assert!(error.to_string().contains(&path.display().to_string()));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"this is not a database at all"
        );
        assert!(!dir.path().join("progress.sqlite3-wal").exists());
    }

    #[test]
    fn refuses_another_programs_database_and_newer_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let path = Store::file_in(dir.path());
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .execute_batch("CREATE TABLE notes (text TEXT);")
                .unwrap();
        }
        assert!(matches!(
            Store::open(dir.path()).unwrap_err(),
            StoreError::Corrupt { .. }
        ));
        std::fs::remove_file(&path).unwrap();
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .execute_batch("PRAGMA user_version = 99;")
                .unwrap();
        }
        let error = Store::open(dir.path()).unwrap_err();
        assert!(
            matches!(error, StoreError::TooNew { found: 99, .. }),
            "{error}"
        );
    }

    #[test]
    fn one_bad_row_is_left_out_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let day1: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        practise(&mut store, "q1", day1, Grade::Good);
        practise(&mut store, "q2", day1, Grade::Good);
        store
            .connection
            .execute_batch(&format!(
                "UPDATE cards SET due = 'someday', last_review = {0} WHERE question = 'q1';
                 UPDATE review_log SET reviewed_at = {0} WHERE question = 'q1';",
                i64::MAX
            ))
            .unwrap();
        let cards = store.cards("ann", "bank").unwrap();
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].question, "q2");
        let log = store.reviews("ann", Some("bank"), None).unwrap();
        assert_eq!(log.len(), 1);
        // The bad card starts afresh at its next answer.
        let again = practise(&mut store, "q1", day1, Grade::Good);
        assert_eq!(again.reps, 1);
        assert_eq!(store.cards("ann", "bank").unwrap().len(), 2);
    }

    #[test]
    fn times_the_store_cannot_read_back_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let late: Timestamp = "9999-12-30T22:00:00.999999999Z".parse().unwrap();
        let error = store
            .record(
                &answer("q1", late, AnswerSource::Practice, Grade::Good),
                |_| Scheduled {
                    elapsed_days: 0,
                    card: None,
                },
            )
            .unwrap_err();
        assert!(error.to_string().contains("outside the years"), "{error}");
        assert!(store.reviews("ann", None, None).unwrap().is_empty());
    }

    #[test]
    fn a_negative_schema_version_is_named_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let path = Store::file_in(dir.path());
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .execute_batch("PRAGMA user_version = -1;")
                .unwrap();
        }
        let error = Store::open(dir.path()).unwrap_err().to_string();
        assert!(error.contains("its schema version is -1"), "{error}");
        assert!(!error.contains("CREATE"), "{error}");
    }
}
