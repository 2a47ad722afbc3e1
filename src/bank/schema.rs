//! The JSON Schema of bank format v1, generated from the model types with
//! `schemars`. `crossexam schema` prints it; `schema/bank-v1.json` is the
//! checked-in copy that editors use through a bank's `"$schema"` key (a test
//! fails when the two drift apart).
//!
//! On top of what the derives give, the schema states the format's general
//! rules: `x-` keys are allowed on every object (authors' own data), `null`
//! is allowed for every optional field (it means absent), unknown fields are
//! refused, ids are slugs, and a bank may name its schema with `"$schema"`.

use super::model::{BANK_FORMAT, Bank, Question, QuestionBody, QuestionCommon};
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// The pattern every id matches (`[a-z0-9][a-z0-9-]*`).
pub const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// The pattern of authors' own keys, allowed on every object.
pub const AUTHORS_KEY_PATTERN: &str = "^x-";

/// The top-level key a bank may use to name its JSON Schema (ignored by the engine).
pub const SCHEMA_KEY: &str = "$schema";

/// Stands in for an id string in the schema: a slug.
pub struct Slug;

impl JsonSchema for Slug {
    fn schema_name() -> Cow<'static, str> {
        "Slug".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: lowercase letters, digits and `-`, starting with a letter or digit.",
            "type": "string",
            "pattern": SLUG_PATTERN
        })
    }
}

/// Stands in for the bank's `format` string: exactly `crossexam-bank/1`.
pub struct FormatTag;

impl JsonSchema for FormatTag {
    fn schema_name() -> Cow<'static, str> {
        "FormatTag".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The format tag and version.",
            "type": "string",
            "const": BANK_FORMAT
        })
    }
}

/// A question is flat in the file: the common fields plus its type's
/// fields. The schema has one closed object per `type`, each listing the
/// common fields and that type's fields.
impl JsonSchema for Question {
    fn schema_name() -> Cow<'static, str> {
        "Question".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let common = QuestionCommon::json_schema(generator);
        let body = QuestionBody::json_schema(generator);
        let variants: Vec<Value> = body
            .get("oneOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|variant| question_variant(&common, variant))
            .collect();
        json_schema!({
            "description": "A question: the fields every type shares plus the fields of its `type`.",
            "oneOf": variants
        })
    }
}

/// One closed object schema: `type`, then the common fields, then the body's.
fn question_variant(common: &Schema, variant: &Value) -> Value {
    let empty = Map::new();
    let common_properties = common
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let body_properties = variant
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let type_name = body_properties
        .get("type")
        .and_then(|schema| schema.get("const"))
        .and_then(Value::as_str)
        .unwrap_or("question");
    let mut properties = Map::new();
    if let Some(tag) = body_properties.get("type") {
        properties.insert("type".into(), tag.clone());
    }
    for (key, schema) in common_properties.iter().chain(body_properties) {
        properties
            .entry(key.clone())
            .or_insert_with(|| schema.clone());
    }
    let mut required: Vec<Value> = vec![json!("type")];
    for list in [common.get("required"), variant.get("required")] {
        for key in list.and_then(Value::as_array).into_iter().flatten() {
            if !required.contains(key) {
                required.push(key.clone());
            }
        }
    }
    json!({
        "title": format!("{type_name} question"),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

/// Applies the format's general rules to every object schema: closed
/// objects also accept `x-` keys, and optional properties accept `null`.
#[derive(Debug, Clone, Copy)]
struct GeneralRules;

impl Transform for GeneralRules {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if object.get("additionalProperties") == Some(&Value::Bool(false)) {
            object.insert(
                "patternProperties".into(),
                json!({ AUTHORS_KEY_PATTERN: {} }),
            );
        }
        let required: Vec<String> = object
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|key| key.as_str().map(str::to_string))
            .collect();
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            for (key, property) in properties.iter_mut() {
                if !required.contains(key) {
                    allow_null(property);
                }
            }
        }
    }
}

/// Makes a property schema accept `null` as well.
fn allow_null(property: &mut Value) {
    let null = json!({ "type": "null" });
    let Some(object) = property.as_object_mut() else {
        return;
    };
    let constrained =
        object.contains_key("enum") || object.contains_key("const") || object.contains_key("$ref");
    if !constrained {
        match object.get_mut("type") {
            Some(Value::String(kind)) => {
                let kind = std::mem::take(kind);
                object.insert("type".into(), json!([kind, "null"]));
                return;
            }
            Some(Value::Array(kinds)) => {
                if !kinds.contains(&json!("null")) {
                    kinds.push(json!("null"));
                }
                return;
            }
            _ => {}
        }
    }
    for combinator in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = object.get_mut(combinator) {
            if !options.contains(&null) {
                options.push(null);
            }
            return;
        }
    }
    let inner = std::mem::take(object);
    object.insert("anyOf".into(), json!([Value::Object(inner), null]));
}

/// The JSON Schema (draft 2020-12) of bank format v1.
pub fn bank_schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(GeneralRules)
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Bank>().to_value();
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".into(), json!("crossexam question bank, format v1"));
        // The meta keys first, the definitions last, so the file reads top-down.
        let mut ordered = Map::new();
        for key in [
            "$schema",
            "title",
            "description",
            "type",
            "properties",
            "required",
        ] {
            if let Some(value) = root.shift_remove(key) {
                ordered.insert(key.into(), value);
            }
        }
        let definitions = root.shift_remove("$defs");
        ordered.append(root);
        if let Some(definitions) = definitions {
            ordered.insert("$defs".into(), definitions);
        }
        *root = ordered;
        if let Some(Value::Object(properties)) = root.get_mut("properties") {
            let mut with_schema_key = Map::new();
            with_schema_key.insert(
                SCHEMA_KEY.into(),
                json!({
                    "description": "The JSON Schema an editor checks this bank with; ignored by the engine.",
                    "type": ["string", "null"]
                }),
            );
            with_schema_key.append(properties);
            *properties = with_schema_key;
        }
    }
    schema
}

/// The schema as printed by `crossexam schema` and checked in at
/// `schema/bank-v1.json`: pretty JSON with a final newline.
pub fn bank_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&bank_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition<'a>(schema: &'a Value, name: &str) -> &'a Value {
        &schema["$defs"][name]
    }

    #[test]
    fn closed_objects_allow_authors_keys() {
        let schema = bank_schema();
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(schema["patternProperties"], json!({"^x-": {}}));
        let claim = definition(&schema, "Claim");
        assert_eq!(claim["additionalProperties"], json!(false));
        assert_eq!(claim["patternProperties"], json!({"^x-": {}}));
    }

    #[test]
    fn optional_fields_accept_null_and_required_ones_do_not() {
        let schema = bank_schema();
        let claim = definition(&schema, "Claim");
        assert!(
            claim["properties"]["direct_quote"]["type"]
                .as_array()
                .unwrap()
                .contains(&json!("null"))
        );
        assert!(
            claim["properties"]["via"]["type"]
                .as_array()
                .unwrap()
                .contains(&json!("null"))
        );
        assert_eq!(claim["properties"]["text"]["type"], json!("string"));
        assert!(
            schema["properties"]["default_quiz"]["anyOf"]
                .as_array()
                .unwrap()
                .contains(&json!({"type": "null"}))
        );
    }

    #[test]
    fn ids_are_slugs() {
        let schema = bank_schema();
        assert_eq!(definition(&schema, "Slug")["pattern"], json!(SLUG_PATTERN));
        assert_eq!(
            definition(&schema, "Claim")["properties"]["by"],
            json!({"$ref": "#/$defs/Slug"})
        );
    }

    #[test]
    fn each_question_type_is_a_closed_object_with_the_common_fields() {
        let schema = bank_schema();
        let variants = definition(&schema, "Question")["oneOf"].as_array().unwrap();
        let types: Vec<&str> = variants
            .iter()
            .map(|v| v["properties"]["type"]["const"].as_str().unwrap())
            .collect();
        assert_eq!(types, crate::bank::model::QUESTION_TYPE_NAMES);
        for variant in variants {
            assert_eq!(variant["additionalProperties"], json!(false));
            assert!(variant["properties"]["prompt"].is_object());
            assert!(
                variant["required"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("id"))
            );
        }
        assert!(variants[0]["properties"]["choices"].is_object());
        assert!(variants[0]["properties"].get("answer").is_none());
    }

    #[test]
    fn a_bank_may_name_its_schema() {
        let schema = bank_schema();
        let first_key = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        assert_eq!(first_key, SCHEMA_KEY);
    }
}
