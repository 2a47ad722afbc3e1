//! Reading a bank: bytes → JSON (syntax errors with line:col) → typed
//! [`Bank`] (type errors with their JSON path, then line:col) → validation
//! (semantic errors with line:col) → a [`LoadedBank`] with generated
//! questions expanded.

use super::diagnostic::{Diagnostic, Finding, Severity};
use super::model::{BANK_FORMAT, Bank, Question};
use super::rule::RuleId;
use super::spans::{self, JsonPath};
use super::type_errors::{self, has_authors_data, strip_authors_data};
use super::{canonical, generate, validate};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

/// Banks larger than this are refused before parsing.
pub use crate::input::MAX_BANK_BYTES;

/// Why a bank could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} is larger than the {MAX_BANK_BYTES}-byte limit for a bank")]
    TooLarge { file: String },
    #[error("{file} has problems")]
    Invalid {
        file: String,
        /// The text the diagnostics' offsets point into (shown by the renderer).
        text: Arc<str>,
        diagnostics: Vec<Diagnostic>,
    },
    #[error("no bundled bank is called `{name}`")]
    UnknownBundled {
        name: String,
        available: Vec<String>,
    },
}

/// A bank ready to quiz on.
#[derive(Debug, Clone)]
pub struct LoadedBank {
    pub bank: Bank,
    /// Where it came from: a path, or `bundled:<id>`.
    pub origin: String,
    /// `sha256:<hex>` of the document's canonical JSON.
    pub hash: String,
    /// Authored questions followed by generated ones (an authored question
    /// with a generated id replaces the generated one).
    pub questions: Vec<Question>,
}

impl LoadedBank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id() == id)
    }
}

/// A parsed document: the typed bank plus the JSON it came from.
#[derive(Debug, Clone)]
pub struct ParsedBank {
    pub bank: Bank,
    pub document: Value,
}

/// Reads and loads a bank file.
pub fn load_file(path: &Path) -> Result<LoadedBank, BankError> {
    let file = path.display().to_string();
    let text = read_bank_text(path)?;
    load_str(&file, &text)
}

/// Reads a bank file's text, refusing huge files and invalid UTF-8 with a position.
pub fn read_bank_text(path: &Path) -> Result<String, BankError> {
    let file = path.display().to_string();
    let read_error = |source| BankError::Read {
        file: file.clone(),
        source,
    };
    let bytes = match crate::input::read_file(path, MAX_BANK_BYTES) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::FileTooLarge => {
            return Err(BankError::TooLarge { file });
        }
        Err(error) => return Err(read_error(error)),
    };
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&error.into_bytes()[..valid]).into_owned();
        let finding = Finding::error(
            RuleId::Syntax,
            JsonPath::root(),
            "the file is not valid UTF-8",
        )
        .hint("save the bank as UTF-8");
        BankError::Invalid {
            diagnostics: vec![Diagnostic::at_offset(finding, &file, &text, valid)],
            file,
            text: text.into(),
        }
    })
}

/// Loads a bank from text; `file` names it in messages.
pub fn load_str(file: &str, text: &str) -> Result<LoadedBank, BankError> {
    let text = crate::input::strip_bom(text);
    let ParsedBank { bank, document } = parse(file, text)?;
    // The document is needed only for the hash: dropped before the work that follows.
    let hash = canonical::sha256_of(&document);
    drop(document);
    let findings: Vec<Finding> = validate::validate(&bank)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    if !findings.is_empty() {
        return Err(invalid(file, text, findings));
    }
    let questions = generate::expand(&bank);
    Ok(LoadedBank {
        hash,
        origin: file.to_string(),
        bank,
        questions,
    })
}

fn invalid(file: &str, text: &str, findings: Vec<Finding>) -> BankError {
    let locator = spans::Locator::new(text);
    BankError::Invalid {
        file: file.to_string(),
        text: text.into(),
        diagnostics: findings
            .into_iter()
            .map(|finding| finding.locate(file, &locator))
            .collect(),
    }
}

/// Parses text (BOM already removed) into a typed bank, reporting syntax and
/// type errors with their positions. Does not validate references.
pub fn parse(file: &str, text: &str) -> Result<ParsedBank, BankError> {
    let document: Value = serde_json::from_str(text).map_err(|error| {
        let offset = spans::offset_of_byte_column(text, error.line(), error.column());
        let message = syntax_message(&error);
        let finding = Finding::error(RuleId::Syntax, JsonPath::root(), message).hint(
            "the file must be one JSON object; check for a missing comma, quote or bracket here",
        );
        BankError::Invalid {
            file: file.to_string(),
            text: text.into(),
            diagnostics: vec![Diagnostic::at_offset(finding, file, text, offset)],
        }
    })?;
    refuse_duplicate_keys(file, text)?;
    check_format_tag(&document).map_err(|finding| invalid(file, text, vec![finding]))?;
    let schema_named = document
        .get(super::schema::SCHEMA_KEY)
        .is_some_and(Value::is_string);
    // Most banks have no authors' data: they are typed straight from the
    // document, without a second copy of it.
    let cleaned = (schema_named || has_authors_data(&document)).then(|| {
        let mut cleaned = strip_authors_data(document.clone());
        // A bank may name its JSON Schema for editors (`"$schema"`); the engine ignores it.
        if let Some(object) = cleaned.as_object_mut()
            && schema_named
        {
            object.remove(super::schema::SCHEMA_KEY);
        }
        cleaned
    });
    let typed_from = cleaned.as_ref().unwrap_or(&document);
    let subject_hashes = generate::subject_hashes(typed_from);
    let typed: Result<Bank, _> = serde_path_to_error::deserialize(typed_from);
    drop(cleaned);
    let mut bank = typed.map_err(|error| {
        // Re-check item by item, so every broken item is reported with its exact path.
        let mut findings = type_errors::type_findings(&document);
        if findings.is_empty() {
            findings.push(Finding::error(
                RuleId::Schema,
                JsonPath::root(),
                error.inner().to_string(),
            ));
        }
        invalid(file, text, findings)
    })?;
    bank.subject_hashes = subject_hashes;
    Ok(ParsedBank { bank, document })
}

/// A key given twice in one object is an error (a parser keeps only one),
/// pointing at the second with the first's position in the message.
fn refuse_duplicate_keys(file: &str, text: &str) -> Result<(), BankError> {
    let duplicates = spans::duplicate_keys(text);
    if duplicates.is_empty() {
        return Ok(());
    }
    let locator = spans::Locator::new(text);
    let diagnostics = duplicates
        .into_iter()
        .map(|duplicate| {
            let first = locator.line_col(duplicate.first);
            Finding::error(
                RuleId::DuplicateKey,
                duplicate.object,
                format!(
                    "the key `{}` is given twice in this object; the first is at line {}, column {}",
                    duplicate.key, first.line, first.column
                ),
            )
            .hint("delete one of the two: a JSON reader keeps only one of them")
            .located_at(file, &locator, duplicate.second)
        })
        .collect();
    Err(BankError::Invalid {
        file: file.to_string(),
        text: text.into(),
        diagnostics,
    })
}

fn syntax_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    // serde_json appends " at line L column C"; we print the position ourselves.
    match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_string(),
        None => full,
    }
}

fn check_format_tag(document: &Value) -> Result<(), Finding> {
    let Some(object) = document.as_object() else {
        return Err(Finding::error(RuleId::Schema, JsonPath::root(), "a bank must be a JSON object")
            .hint("start the file with `{` and give at least format, id, title, source, actors, claims and questions"));
    };
    match object.get("format") {
        Some(Value::String(tag)) if tag == BANK_FORMAT => Ok(()),
        Some(Value::String(tag)) => Err(Finding::error(
            RuleId::Format,
            JsonPath::root().key("format"),
            format!("unsupported bank format `{tag}`"),
        )
        .hint(format!("this release reads \"{BANK_FORMAT}\""))),
        Some(_) => Err(Finding::error(
            RuleId::Format,
            JsonPath::root().key("format"),
            "`format` must be a string",
        )
        .hint(format!("write \"format\": \"{BANK_FORMAT}\""))),
        None => Err(
            Finding::error(RuleId::Format, JsonPath::root(), "missing field `format`")
                .hint(format!("add \"format\": \"{BANK_FORMAT}\" at the top")),
        ),
    }
}
