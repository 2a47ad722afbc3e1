//! Reading a bank: bytes → one scan of the text ([`scan`]: repeated keys,
//! review notes, unsafe strings, authors' data, where each item lies) →
//! typed [`Bank`] straight from the text; only when typing fails, a JSON
//! tree to report syntax errors with line:col and every type error at its
//! JSON path → validation (semantic errors with line:col) → the bank's hash,
//! one item at a time → a [`LoadedBank`] with generated questions expanded.
//! No tree of the whole document is built for a bank that loads.

use super::diagnostic::{Diagnostic, Finding, Severity};
use super::model::{BANK_FORMAT, Bank, Question};
use super::rule::RuleId;
use super::scan::{self, DocumentScan};
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
    #[error("{file} is larger than the {MAX_BANK_BYTES}-byte limit for a {}", kind.name())]
    TooLarge { file: String, kind: SourceKind },
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
    /// The generated questions that no authored question covers (see
    /// [`generate::uncovered_generated`]), asked after the authored ones.
    pub generated: Vec<Question>,
}

impl LoadedBank {
    /// Every question a quiz can ask: the authored ones followed by the
    /// generated ones (an authored question with a generated id replaces
    /// the generated one), without copying either.
    pub fn questions(&self) -> Questions<'_> {
        Questions {
            authored: &self.bank.questions,
            generated: &self.generated,
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().iter().find(|question| question.id() == id)
    }
}

/// The questions of a [`LoadedBank`], authored then generated: a view of
/// the two lists as one.
#[derive(Debug, Clone, Copy)]
pub struct Questions<'a> {
    authored: &'a [Question],
    generated: &'a [Question],
}

impl<'a> Questions<'a> {
    pub fn len(self) -> usize {
        self.authored.len() + self.generated.len()
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The question at `index` of the whole list.
    pub fn get(self, index: usize) -> Option<&'a Question> {
        self.authored
            .get(index)
            .or_else(|| self.generated.get(index.checked_sub(self.authored.len())?))
    }

    pub fn iter(self) -> QuestionsIter<'a> {
        self.authored.iter().chain(self.generated)
    }
}

/// The iterator of [`Questions`].
pub type QuestionsIter<'a> =
    std::iter::Chain<std::slice::Iter<'a, Question>, std::slice::Iter<'a, Question>>;

impl<'a> IntoIterator for Questions<'a> {
    type Item = &'a Question;
    type IntoIter = QuestionsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Index<usize> for Questions<'_> {
    type Output = Question;

    fn index(&self, index: usize) -> &Question {
        self.get(index).expect("a question index within the bank")
    }
}

/// A parsed document: the typed bank plus what one scan of its text found
/// (review notes, unsafe strings, where each item lies).
#[derive(Debug, Clone)]
pub struct ParsedBank {
    pub bank: Bank,
    pub scan: DocumentScan,
}

/// Reads and loads a bank file.
pub fn load_file(path: &Path) -> Result<LoadedBank, BankError> {
    let file = path.display().to_string();
    let text = read_bank_text(path)?;
    load_str(&file, &text)
}

/// What a file read by [`read_source_text`] holds, for the messages about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A bank (JSON).
    Bank,
    /// A GIFT file to import.
    Gift,
}

impl SourceKind {
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Bank => "bank",
            SourceKind::Gift => "GIFT file",
        }
    }
}

/// Reads a bank file's text, refusing huge files and invalid UTF-8 with a position.
pub fn read_bank_text(path: &Path) -> Result<String, BankError> {
    read_source_text(path, SourceKind::Bank)
}

/// Reads a bank's or a GIFT file's text (at most [`MAX_BANK_BYTES`]),
/// refusing huge files and invalid UTF-8 with a position.
pub fn read_source_text(path: &Path, kind: SourceKind) -> Result<String, BankError> {
    let file = path.display().to_string();
    let read_error = |source| BankError::Read {
        file: file.clone(),
        source,
    };
    let bytes = match crate::input::read_file(path, MAX_BANK_BYTES) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::FileTooLarge => {
            return Err(BankError::TooLarge { file, kind });
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
        .hint(format!("save the {} as UTF-8", kind.name()));
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
    let ParsedBank { bank, scan } = parse(file, text)?;
    let findings: Vec<Finding> = validate::validate(&bank)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    if !findings.is_empty() {
        // The findings own all they say: the bank goes before locating
        // them, and the scan's layout of the text saves a second pass.
        drop(bank);
        let locator = spans::Locator::with_top_level(text, scan.top_level);
        return Err(located(file, text, findings, &locator));
    }
    let hash = canonical::sha256_of_document(text, &scan).or_else(|_| {
        serde_json::from_str::<Value>(text).map(|document| canonical::sha256_of(&document))
    });
    let hash = hash.map_err(|error| invalid(file, text, vec![syntax_finding(text, &error).0]))?;
    let generated = generate::uncovered_generated(&bank);
    Ok(LoadedBank {
        hash,
        origin: file.to_string(),
        bank,
        generated,
    })
}

fn invalid(file: &str, text: &str, findings: Vec<Finding>) -> BankError {
    located(file, text, findings, &spans::Locator::new(text))
}

/// The error for `findings`, each located with `locator` (of `text`).
fn located(
    file: &str,
    text: &str,
    findings: Vec<Finding>,
    locator: &spans::Locator<'_>,
) -> BankError {
    BankError::Invalid {
        file: file.to_string(),
        text: text.into(),
        diagnostics: findings
            .into_iter()
            .map(|finding| finding.locate(file, locator))
            .collect(),
    }
}

/// Parses text (BOM already removed) into a typed bank, reporting syntax and
/// type errors with their positions. Does not validate references.
///
/// The text is typed directly (without its authors' data), with one scan
/// of it for what typing cannot see; only when typing fails is a JSON tree
/// built, to report every type error at its place.
pub fn parse(file: &str, text: &str) -> Result<ParsedBank, BankError> {
    let scan = scan::scan(text);
    match typed(text, &scan) {
        Some(mut bank) => {
            refuse_duplicate_keys(file, text, &scan)?;
            if let Some(finding) =
                format_tag_finding(Some(&Value::String(std::mem::take(&mut bank.format))))
            {
                return Err(invalid(file, text, vec![finding]));
            }
            bank.format = BANK_FORMAT.to_string();
            bank.subject_hashes = subject_hashes(text, &scan);
            Ok(ParsedBank { bank, scan })
        }
        None => parse_tree(file, text, scan),
    }
}

/// The bank typed straight from the text, when the text is JSON and the types accept it.
fn typed(text: &str, scan: &DocumentScan) -> Option<Bank> {
    if !scan.complete {
        return None;
    }
    let bank = serde_json::from_str::<Bank>(&scan.typed_text(text)).ok()?;
    // The parts cut before typing must be JSON a tree can hold too: the
    // bank's hash reads them.
    if !scan.authors_data.is_empty() {
        serde_json::from_str::<ReadsAsValue>(text).ok()?;
    }
    Some(bank)
}

/// Any JSON value, read as [`Value`] reads it (numbers within `f64`'s
/// range, string escapes that decode; `IgnoredAny` checks neither) and
/// kept nowhere.
struct ReadsAsValue;

impl<'de> serde::Deserialize<'de> for ReadsAsValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ReadsAsValue)
    }
}

impl<'de> serde::de::Visitor<'de> for ReadsAsValue {
    type Value = ReadsAsValue;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Self, A::Error> {
        while items.next_element::<ReadsAsValue>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut members: A) -> Result<Self, A::Error> {
        while members
            .next_entry::<ReadsAsValue, ReadsAsValue>()?
            .is_some()
        {}
        Ok(self)
    }
}

/// The hash of each claim and exchange (see [`generate::subject_hashes`]),
/// one item at a time.
fn subject_hashes(text: &str, scan: &DocumentScan) -> std::collections::BTreeMap<String, String> {
    let mut hashes = std::collections::BTreeMap::new();
    for list in generate::SUBJECT_LISTS {
        let Some(entry) = scan.top_level(list) else {
            continue;
        };
        for item in &entry.items {
            let Ok(mut value) = serde_json::from_str::<Value>(&text[item.clone()]) else {
                continue;
            };
            if !scan.authors_data.is_empty() {
                value = strip_authors_data(value);
            }
            hashes.extend(generate::subject_hash_entry(list, value));
        }
    }
    hashes
}

/// A syntax error: its finding and where it is.
fn syntax_finding(text: &str, error: &serde_json::Error) -> (Finding, usize) {
    let offset = spans::offset_of_byte_column(text, error.line(), error.column());
    let finding = Finding::error(RuleId::Syntax, JsonPath::root(), syntax_message(error))
        .hint("the file must be one JSON object; check for a missing comma, quote or bracket here");
    (finding, offset)
}

/// [`parse`] through a JSON tree of the document: for text the types
/// refuse (and, in tests and fuzzing, to hold the direct path to it).
pub fn parse_tree(file: &str, text: &str, scan: DocumentScan) -> Result<ParsedBank, BankError> {
    let document: Value = serde_json::from_str(text).map_err(|error| {
        let (finding, offset) = syntax_finding(text, &error);
        BankError::Invalid {
            file: file.to_string(),
            text: text.into(),
            diagnostics: vec![Diagnostic::at_offset(finding, file, text, offset)],
        }
    })?;
    refuse_duplicate_keys(file, text, &scan)?;
    check_format_tag(&document).map_err(|finding| invalid(file, text, vec![*finding]))?;
    let schema_named = document
        .get(super::schema::SCHEMA_KEY)
        .is_some_and(Value::is_string);
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
    Ok(ParsedBank { bank, scan })
}

/// A key given twice in one object is an error (a parser keeps only one),
/// pointing at the second with the first's position in the message.
fn refuse_duplicate_keys(file: &str, text: &str, scan: &DocumentScan) -> Result<(), BankError> {
    if scan.duplicates.is_empty() {
        return Ok(());
    }
    let locator = spans::Locator::new(text);
    let diagnostics = scan
        .duplicates
        .iter()
        .map(|duplicate| {
            let first = locator.line_col(duplicate.first);
            Finding::error(
                RuleId::DuplicateKey,
                duplicate.object.clone(),
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

fn check_format_tag(document: &Value) -> Result<(), Box<Finding>> {
    let Some(object) = document.as_object() else {
        return Err(Box::new(Finding::error(RuleId::Schema, JsonPath::root(), "a bank must be a JSON object")
            .hint("start the file with `{` and give at least format, id, title, source, actors, claims and questions")));
    };
    format_tag_finding(object.get("format")).map_or(Ok(()), |finding| Err(Box::new(finding)))
}

/// What is wrong with a bank's `format` value, if anything.
fn format_tag_finding(format: Option<&Value>) -> Option<Finding> {
    match format {
        Some(Value::String(tag)) if tag == BANK_FORMAT => None,
        Some(Value::String(tag)) => Some(
            Finding::error(
                RuleId::Format,
                JsonPath::root().key("format"),
                format!("unsupported bank format `{tag}`"),
            )
            .hint(format!("this release reads \"{BANK_FORMAT}\"")),
        ),
        Some(_) => Some(
            Finding::error(
                RuleId::Format,
                JsonPath::root().key("format"),
                "`format` must be a string",
            )
            .hint(format!("write \"format\": \"{BANK_FORMAT}\"")),
        ),
        None => Some(
            Finding::error(RuleId::Format, JsonPath::root(), "missing field `format`")
                .hint(format!("add \"format\": \"{BANK_FORMAT}\" at the top")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(error: BankError) -> Vec<(usize, usize, usize, String)> {
        let BankError::Invalid { diagnostics, .. } = error else {
            panic!("not a bank with problems: {error}");
        };
        diagnostics
            .into_iter()
            .map(|found| (found.offset, found.line, found.column, found.message))
            .collect()
    }

    /// The view of a loaded bank's questions reads as one list: authored
    /// ones, then generated ones, by index and in order.
    #[test]
    fn questions_are_the_authored_then_the_generated() {
        let loaded =
            super::super::bundled::load(super::super::bundled::DEFAULT_BANK).expect("bundled");
        let questions = loaded.questions();
        assert!(!loaded.bank.questions.is_empty() && !loaded.generated.is_empty());
        assert_eq!(
            questions.len(),
            loaded.bank.questions.len() + loaded.generated.len()
        );
        let listed: Vec<&Question> = loaded
            .bank
            .questions
            .iter()
            .chain(&loaded.generated)
            .collect();
        assert_eq!(questions.iter().collect::<Vec<_>>(), listed);
        for (index, question) in listed.iter().enumerate() {
            assert_eq!(questions.get(index), Some(*question));
            assert_eq!(loaded.question(question.id()), Some(*question));
        }
        assert_eq!(questions.get(listed.len()), None);
    }

    /// Regression: authors' data a tree cannot hold (a number out of
    /// range, a lone surrogate) typed, `check` passed it, and loading
    /// then failed in the hash with an error at line 1, column 1.
    #[test]
    fn authors_data_a_tree_cannot_read_is_a_located_syntax_error() {
        let bundled = super::super::bundled::BUNDLED[0].2;
        let open = bundled.find('{').expect("an object") + 1;
        for (extra, column) in [("1e400", 18), ("-1e400", 19), ("\"\\ud800\"", 21)] {
            let text = format!(
                "{}\n  \"x-extra\": {extra},{}",
                &bundled[..open],
                &bundled[open..]
            );
            let Err(error) = parse("bank.json", &text) else {
                panic!("{extra} typed");
            };
            let found = positions(error);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!((found[0].1, found[0].2), (2, column), "{found:?}");
            assert!(load_str("bank.json", &text).is_err());
        }
        // What a tree reads still types: large, tiny and negative zero numbers, escapes.
        let text = format!(
            "{}\n  \"x-extra\": [1e308, 1e-400, -0, \"\\ud83d\\ude00\\u0000\"],{}",
            &bundled[..open],
            &bundled[open..]
        );
        let loaded = load_str("bank.json", &text).expect("the bank loads");
        let tree: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(loaded.hash, canonical::sha256_of(&tree));
    }

    /// A bank that types but does not validate has its errors located
    /// through the scan's layout of the text: at the places a locator of
    /// its own finds.
    #[test]
    fn errors_are_located_where_a_fresh_locator_finds_them() {
        let mut document: Value =
            serde_json::from_str(super::super::bundled::BUNDLED[0].2).expect("the bundled bank");
        for (index, question) in document["questions"]
            .as_array_mut()
            .expect("questions")
            .iter_mut()
            .enumerate()
        {
            question["claims"] = serde_json::json!([format!("no-such-claim-{index}")]);
            question["x-note"] = serde_json::json!({"seen": [index, "\u{e9}"]});
        }
        let text = serde_json::to_string_pretty(&document)
            .expect("JSON")
            .replace('\n', "\r\n");
        let loaded = load_str("bank.json", &text).map(|_| ()).unwrap_err();
        let bank = parse("bank.json", &text).expect("the bank types").bank;
        let findings = validate::validate(&bank)
            .into_iter()
            .filter(|finding| finding.severity == Severity::Error)
            .collect();
        let found = positions(loaded);
        assert!(found.len() >= document["questions"].as_array().map_or(0, Vec::len));
        assert_eq!(found, positions(invalid("bank.json", &text, findings)));
    }
}
