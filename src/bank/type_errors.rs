//! Type errors of a bank document collected item by item, so that a file
//! with several broken actors, claims or questions shows all of them at
//! once: at most one per item of each top-level list (plus one for the top
//! level), each at its exact JSON path, worded for authors. Also the
//! removal of authors' data (`x-` keys, `null` values) before typing.
//!
//! Used by loading (when the typed parse fails) and by `check`.

use super::diagnostic::Finding;
use super::model::{Bank, Claim, QUESTION_TYPE_NAMES, QuestionBody, QuestionCommon, QuestionType};
use super::rule::RuleId;
use super::spans::{JsonPath, PathSegment};
use super::text;
use serde::Deserialize;
use serde_json::Value;

/// The lists of a bank whose items are typed (and reported) one by one.
pub const ITEM_LISTS: [&str; 6] = [
    "actors",
    "claims",
    "exchanges",
    "questions",
    "generate",
    "quizzes",
];

/// The type errors of a bank document, at most one per actor, claim,
/// exchange, question, generator and preset (plus one for the top level),
/// so that a file with several broken items shows them all at once.
/// Empty when the document deserialises.
pub fn type_findings(document: &Value) -> Vec<Finding> {
    let cleaned = strip_authors_data(document.clone());
    let Some(object) = cleaned.as_object() else {
        return Vec::new();
    };
    let mut findings = Vec::new();

    let mut top = object.clone();
    for list in ITEM_LISTS {
        if let Some(Value::Array(items)) = top.get_mut(list) {
            items.clear();
        }
    }
    // As in loading: a bank may name its JSON Schema, which the engine ignores.
    if top
        .get(super::schema::SCHEMA_KEY)
        .is_some_and(Value::is_string)
    {
        top.remove(super::schema::SCHEMA_KEY);
    }
    if let Err(error) = serde_path_to_error::deserialize::<_, Bank>(Value::Object(top)) {
        findings.push(type_finding(&JsonPath::root(), &error));
    }
    for list in ITEM_LISTS {
        let Some(Value::Array(items)) = object.get(list) else {
            continue;
        };
        for (index, item) in items.iter().enumerate() {
            let path = JsonPath::root().key(list).index(index);
            let finding = match list {
                "actors" => item_type_error::<super::model::Actor>(&path, item),
                "claims" => item_type_error::<Claim>(&path, item),
                "exchanges" => item_type_error::<super::model::Exchange>(&path, item),
                "questions" => question_type_error(&path, item),
                "generate" => item_type_error::<super::model::Generator>(&path, item),
                _ => item_type_error::<super::model::QuizPreset>(&path, item),
            };
            findings.extend(finding);
        }
    }
    findings
}

fn item_type_error<T: serde::de::DeserializeOwned>(
    path: &JsonPath,
    item: &Value,
) -> Option<Finding> {
    serde_path_to_error::deserialize::<_, T>(item.clone())
        .err()
        .map(|error| type_finding(path, &error))
}

fn question_type_error(path: &JsonPath, question: &Value) -> Option<Finding> {
    let Some(object) = question.as_object() else {
        return item_type_error::<QuestionCommon>(path, question);
    };
    let type_name = match object.get("type") {
        Some(Value::String(name)) => name,
        Some(_) => {
            return Some(
                Finding::error(RuleId::Schema, path.key("type"), "`type` must be a string")
                    .hint(format!("use one of: {}", QUESTION_TYPE_NAMES.join(", "))),
            );
        }
        None => {
            return Some(
                Finding::error(RuleId::Schema, path.clone(), "missing field `type`")
                    .hint("add `type` here"),
            );
        }
    };
    let Some(question_type) = QuestionType::from_name(type_name) else {
        return Some(
            Finding::error(
                RuleId::Schema,
                path.key("type"),
                format!("unknown question type `{type_name}`"),
            )
            .hint(format!("use one of: {}", QUESTION_TYPE_NAMES.join(", "))),
        );
    };
    let body_fields = question_type.body_fields();
    let (body, common): (serde_json::Map<_, _>, serde_json::Map<_, _>) = object
        .clone()
        .into_iter()
        .partition(|(key, _)| key == "type" || body_fields.contains(&key.as_str()));
    item_type_error::<QuestionCommon>(path, &Value::Object(common))
        .map(|finding| name_question_fields(finding, type_name, body_fields))
        .or_else(|| {
            body.iter()
                .find_map(|(field, value)| body_field_error(path, question_type, field, value))
        })
        .or_else(|| item_type_error::<QuestionBody>(path, &Value::Object(body)))
}

/// The common half of a question only knows its own fields: an unknown
/// field names the whole set a question of this type takes, and the nearest.
fn name_question_fields(mut finding: Finding, type_name: &str, body_fields: &[&str]) -> Finding {
    let Some(field) = text::between(&finding.message, "unknown field `", "`").map(str::to_string)
    else {
        return finding;
    };
    let mut known: Vec<&str> = struct_fields::<QuestionCommon>().to_vec();
    known.push("type");
    known.extend_from_slice(body_fields);
    finding.message = format!(
        "unknown field `{field}`; {} {type_name} question takes {}",
        if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        },
        known
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(near) = super::validate::closest(&field, &known) {
        finding
            .message
            .push_str(&format!(" (did you mean `{near}`?)"));
    }
    finding
}

/// The type error of one field of a question's type-specific part, at its path.
fn body_field_error(
    path: &JsonPath,
    question_type: QuestionType,
    field: &str,
    value: &Value,
) -> Option<Finding> {
    question_type
        .field_type_error(field, value)
        .map(|error| type_finding(&path.key(field), &error))
}

fn type_finding(
    prefix: &JsonPath,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> Finding {
    let mut path = prefix.clone();
    let rendered = error.path().to_string();
    path.0.extend(JsonPath::parse(&rendered).0);
    let mut message = error.inner().to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    for (jargon, plain) in [
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected f64", "expected a number"),
        ("expected string or map", "expected a string"),
        ("expected a sequence", "expected a list"),
    ] {
        message = message.replace(jargon, plain);
    }
    let mut finding = Finding::error(RuleId::Schema, path, message.clone());
    if let Some(field) = text::between(&message, "unknown field `", "`") {
        // The path may end at the unknown key itself; point at the key in its object.
        if finding.path.0.last() == Some(&PathSegment::Key(field.to_string())) {
            finding.path.0.pop();
        }
        finding = finding.at_key(field).hint(
            "remove it, fix its spelling, or prefix it with `x-` to keep it as your own data",
        );
    } else if let Some(field) = text::between(&message, "missing field `", "`") {
        finding = finding.hint(format!("add `{field}` here"));
    } else if message.starts_with("invalid type: string") && message.contains("number") {
        finding = finding.hint("write the number without quotes");
    } else if message.starts_with("unknown variant") {
        finding = finding.hint("use one of the values listed");
    }
    finding
}

/// Whether the document has `x-` keys or `null` values anywhere.
pub fn has_authors_data(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(key, item)| key.starts_with("x-") || item.is_null() || has_authors_data(item)),
        Value::Array(items) => items.iter().any(has_authors_data),
        _ => false,
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

/// The field names serde's derive gives a struct, read from the derive
/// itself (it names them when it asks for a struct), so no list is kept by
/// hand beside the type.
fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    #[derive(Debug)]
    struct Found(&'static [&'static str]);
    impl std::fmt::Display for Found {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("struct fields")
        }
    }
    impl std::error::Error for Found {}
    impl serde::de::Error for Found {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Found(&[])
        }
    }
    struct Introspect;
    impl<'de> serde::Deserializer<'de> for Introspect {
        type Error = Found;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(&[]))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Introspect) {
        Err(Found(fields)) => fields,
        Ok(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_key_is_not_a_type_error_beside_one() {
        // Regression: with a broken item elsewhere, `$schema` was reported as an unknown field.
        let document = serde_json::json!({
            "$schema": "bank-v1.json", "format": "crossexam-bank/1", "id": "b", "title": "B",
            "source": {"kind": "other"}, "actors": [{"id": "a", "kind": "person"}],
            "claims": [], "questions": []
        });
        let findings = type_findings(&document);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].message, "missing field `role`");
    }

    #[test]
    fn question_fields_come_from_the_types_and_match_the_schema() {
        let schema = serde_json::to_value(schemars::schema_for!(QuestionCommon)).expect("schema");
        let mut from_schema: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        let mut derived = struct_fields::<QuestionCommon>().to_vec();
        from_schema.sort_unstable();
        derived.sort_unstable();
        assert_eq!(derived, from_schema);
        assert!(derived.contains(&"lint_allow"));
    }
}
