//! The user reference in `docs/`: its example bank passes `check` with
//! warnings denied and uses every field of the format, `bank-format.md`
//! names every field the schema has, and the README and the pages link only
//! to files inside the repository.

use crate::harness::{Test, json, repo_file, repo_path};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Every key of every object in `value`, at any depth.
fn keys_of(value: &Value, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                keys.insert(key.clone());
                keys_of(item, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys_of(item, keys)),
        _ => {}
    }
}

/// Every property name the bank schema defines, at any depth.
fn schema_fields() -> BTreeSet<String> {
    fn walk(value: &Value, fields: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    fields.extend(properties.keys().cloned());
                }
                map.values().for_each(|item| walk(item, fields));
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, fields)),
            _ => {}
        }
    }
    let mut fields = BTreeSet::new();
    walk(&json(&repo_file("schema/bank-v1.json")), &mut fields);
    fields
}

#[test]
fn the_example_bank_passes_check_with_warnings_denied() {
    let run = Test::new()
        .file("example-bank.json", repo_file("docs/example-bank.json"))
        .args(&["check", "--deny", "warnings", "example-bank.json"])
        .output();
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "example-bank.json: no problems found\n", ""),
        "docs/example-bank.json must pass `check --deny warnings` with nothing to report"
    );
}

#[test]
fn the_example_bank_uses_every_field_and_every_question_type() {
    let example = json(&repo_file("docs/example-bank.json"));
    let mut used = BTreeSet::new();
    keys_of(&example, &mut used);
    let unused: Vec<String> = schema_fields().difference(&used).cloned().collect();
    assert!(
        unused.is_empty(),
        "docs/example-bank.json never uses {unused:?}"
    );
    assert!(used.iter().any(|key| key.starts_with("x-")), "an x- key");
    assert!(
        repo_file("docs/example-bank.json").contains(": null"),
        "a null"
    );
    let types: BTreeSet<&str> = example["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|question| question["type"].as_str())
        .collect();
    assert_eq!(
        types.len(),
        crossexam::bank::QUESTION_TYPE_NAMES.len(),
        "{types:?}"
    );
}

#[test]
fn bank_format_page_names_every_field() {
    let page = repo_file("docs/bank-format.md");
    let missing: Vec<String> = schema_fields()
        .into_iter()
        .filter(|field| !page.contains(&format!("`{field}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/bank-format.md does not describe {missing:?}: add each field, with its type, default and meaning"
    );
}

/// The targets of the markdown links `[text](target)` in `text`.
fn link_targets(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find(')').map(|end| &rest[..end])
        })
        .collect()
}

/// `path` with `.` and `..` resolved without touching the file system.
fn normalised(path: &Path) -> PathBuf {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir => {}
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

#[test]
fn readme_and_docs_link_only_inside_the_repository() {
    let root = normalised(&repo_path(""));
    let mut pages = vec![repo_path("README.md")];
    for entry in std::fs::read_dir(repo_path("docs")).expect("docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "md") {
            pages.push(path);
        }
    }
    let mut checked = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("page");
        assert!(
            !text.contains("../shared"),
            "{} points outside the repository (../shared)",
            page.display()
        );
        for target in link_targets(&text) {
            if target.starts_with("http") || target.starts_with('#') {
                continue;
            }
            let file = target.split('#').next().unwrap_or(target);
            let resolved = normalised(&page.parent().expect("dir").join(file));
            assert!(
                resolved.starts_with(&root) && resolved.exists(),
                "{} links to `{target}`, which is not a file of the repository",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 7, "only {checked} links found");
}
