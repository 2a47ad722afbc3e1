//! Reading a bank: bytes → JSON (syntax errors with line:col) → typed
//! [`Bank`] (type errors with their JSON path, then line:col) → validation
//! (semantic errors with line:col) → a [`LoadedBank`] with generated
//! questions expanded.

use super::diagnostic::{Diagnostic, Finding, Severity};
use super::model::{BANK_FORMAT, Bank, Question};
use super::spans::{self, JsonPath};
use super::{canonical, generate, validate};
use serde_json::Value;
use std::path::Path;

/// Banks larger than this are refused before parsing.
pub const MAX_BANK_BYTES: u64 = 16 * 1024 * 1024;

/// Why a bank could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} is {size} bytes, more than the {MAX_BANK_BYTES}-byte limit for a bank")]
    TooLarge { file: String, size: u64 },
    #[error("{file} has problems")]
    Invalid { file: String, diagnostics: Vec<Diagnostic> },
    #[error("no bundled bank is called `{name}`")]
    UnknownBundled { name: String, available: Vec<String> },
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
    let read_error = |source| BankError::Read { file: file.clone(), source };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_BANK_BYTES {
        return Err(BankError::TooLarge { file, size });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&error.into_bytes()[..valid]).into_owned();
        let finding = Finding::error("syntax", JsonPath::root(), "the file is not valid UTF-8")
            .hint("save the bank as UTF-8");
        BankError::Invalid {
            file: file.clone(),
            diagnostics: vec![Diagnostic::at_offset(finding, &file, &text, valid)],
        }
    })
}

/// Loads a bank from text; `file` names it in messages.
pub fn load_str(file: &str, text: &str) -> Result<LoadedBank, BankError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = parse(file, text)?;
    let findings: Vec<Finding> = validate::validate(&parsed.bank)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    if !findings.is_empty() {
        return Err(invalid(file, text, findings));
    }
    let questions = generate::expand(&parsed.bank);
    Ok(LoadedBank {
        hash: canonical::sha256_of(&parsed.document),
        origin: file.to_string(),
        bank: parsed.bank,
        questions,
    })
}

fn invalid(file: &str, text: &str, findings: Vec<Finding>) -> BankError {
    BankError::Invalid {
        file: file.to_string(),
        diagnostics: findings.into_iter().map(|finding| finding.locate(file, text)).collect(),
    }
}

/// Parses text (BOM already removed) into a typed bank, reporting syntax and
/// type errors with their positions. Does not validate references.
pub fn parse(file: &str, text: &str) -> Result<ParsedBank, BankError> {
    let document: Value = serde_json::from_str(text).map_err(|error| {
        let offset = spans::offset_of_byte_column(text, error.line(), error.column());
        let message = syntax_message(&error);
        let finding = Finding::error("syntax", JsonPath::root(), message)
            .hint("the file must be one JSON object; check for a missing comma, quote or bracket here");
        BankError::Invalid {
            file: file.to_string(),
            diagnostics: vec![Diagnostic::at_offset(finding, file, text, offset)],
        }
    })?;
    check_format_tag(&document).map_err(|finding| invalid(file, text, vec![finding]))?;
    let mut cleaned = strip_authors_data(document.clone());
    // A bank may name its JSON Schema for editors (`"$schema"`); the engine ignores it.
    if let Some(object) = cleaned.as_object_mut()
        && object.get(super::schema::SCHEMA_KEY).is_some_and(Value::is_string)
    {
        object.remove(super::schema::SCHEMA_KEY);
    }
    let bank: Bank = serde_path_to_error::deserialize(cleaned.clone())
        .map_err(|error| invalid(file, text, vec![type_finding(&cleaned, &error)]))?;
    Ok(ParsedBank { bank, document })
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
        return Err(Finding::error("schema", JsonPath::root(), "a bank must be a JSON object")
            .hint("start the file with `{` and give at least format, id, title, source, actors, claims and questions"));
    };
    match object.get("format") {
        Some(Value::String(tag)) if tag == BANK_FORMAT => Ok(()),
        Some(Value::String(tag)) => Err(Finding::error(
            "format",
            JsonPath::root().key("format"),
            format!("unsupported bank format `{tag}`"),
        )
        .hint(format!("this release reads \"{BANK_FORMAT}\""))),
        Some(_) => Err(Finding::error("format", JsonPath::root().key("format"), "`format` must be a string")
            .hint(format!("write \"format\": \"{BANK_FORMAT}\""))),
        None => Err(Finding::error("format", JsonPath::root(), "missing field `format`")
            .hint(format!("add \"format\": \"{BANK_FORMAT}\" at the top"))),
    }
}

/// Removes `x-` keys (authors' own data) and `null` values (same as absent).
pub fn strip_authors_data(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, item)| !key.starts_with("x-") && !item.is_null())
                .map(|(key, item)| (key, strip_authors_data(item)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_authors_data).collect()),
        other => other,
    }
}

/// Turns a serde type error into a finding at the right path, digging into
/// questions (whose two halves are deserialised separately).
fn type_finding(document: &Value, error: &serde_path_to_error::Error<serde_json::Error>) -> Finding {
    let mut path = JsonPath::parse(&error.path().to_string());
    let mut message = error.inner().to_string();
    if let [spans::PathSegment::Key(list), spans::PathSegment::Index(index)] = path.0.as_slice()
        && list == "questions"
        && let Some(question) = document.get("questions").and_then(|all| all.get(index))
        && let Some((inner_path, inner_message)) = question_type_error(question)
    {
        path.0.extend(inner_path.0);
        message = inner_message;
    }
    // serde_json's own position is meaningless here (we deserialise from a Value).
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    for (rust, plain) in [("f64", "a number"), ("u64", "a whole number"), ("usize", "a whole number"), ("u8", "a whole number"), ("a boolean", "true or false")] {
        message = message.replace(&format!("expected {rust}"), &format!("expected {plain}"));
    }
    let mut finding = Finding::error("schema", path.clone(), message.clone());
    if let Some(field) = between(&message, "unknown field `", "`") {
        // serde_path_to_error names the unknown key as the last step; point at the key itself.
        if finding.path.0.last() == Some(&spans::PathSegment::Key(field.to_string())) {
            finding.path.0.pop();
        }
        finding = finding
            .at_key(field)
            .hint("remove it, fix its spelling, or prefix it with `x-` to keep it as your own data");
    } else if let Some(field) = between(&message, "missing field `", "`") {
        finding = finding.hint(format!("add `{field}` here"));
    } else if message.starts_with("invalid type: string") && message.contains("number") {
        finding = finding.hint("write the number without quotes");
    } else if message.starts_with("unknown variant") {
        finding = finding.hint("use one of the values listed");
    }
    finding
}

/// The fields every question type shares (see `QuestionCommon`).
const QUESTION_COMMON_FIELDS: &[&str] = &[
    "id", "prompt", "claims", "exchanges", "explanation", "kind", "tags", "difficulty", "points", "shuffle",
    "generated_from", "lint_allow",
];

fn question_type_error(question: &Value) -> Option<(JsonPath, String)> {
    let object = question.as_object()?;
    let type_name = object.get("type")?.as_str()?;
    let body_fields = super::model::QuestionBody::field_names(type_name)?;
    let (body, common): (serde_json::Map<_, _>, serde_json::Map<_, _>) = object
        .clone()
        .into_iter()
        .partition(|(key, _)| key == "type" || body_fields.contains(&key.as_str()));
    if let Err(error) = serde_path_to_error::deserialize::<_, super::model::QuestionCommon>(Value::Object(common)) {
        let mut message = error.inner().to_string();
        // The common half only knows its own fields: name the whole set a question of this type takes.
        if let Some(field) = between(&message, "unknown field `", "`").map(str::to_string) {
            let field = field.as_str();
            let mut known: Vec<&str> = QUESTION_COMMON_FIELDS.to_vec();
            known.push("type");
            known.extend_from_slice(body_fields);
            message = format!(
                "unknown field `{field}`; a {type_name} question takes {}",
                known.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
            );
            if let Some(near) = super::validate::closest(field, &known) {
                message.push_str(&format!(" (did you mean `{near}`?)"));
            }
        }
        return Some((JsonPath::parse(&error.path().to_string()), message));
    }
    if let Err(error) = serde_path_to_error::deserialize::<_, super::model::QuestionBody>(Value::Object(body)) {
        return Some((JsonPath::parse(&error.path().to_string()), error.inner().to_string()));
    }
    None
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}
