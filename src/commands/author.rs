//! The authoring commands for trainers: `schema` (the bank format's JSON
//! Schema), `generate` (generated questions as JSON to copy and edit),
//! `claims` (the claims table as a handout), `draft` (a bank drafted from a
//! plain-text report) and `new` (a starter bank to fill in).

use super::load_bank;
use crate::author::draft;
use crate::bank::REVIEW_NOTE_KEY;
use crate::bank::{self, Bank, Generator, IdSelection, Template, generate, schema};
use crate::cli::{ClaimsArgs, ClaimsFormat, DraftArgs, GenerateArgs};
use crate::term::claims::{self, Audience};
use crate::term::errors::{self, Notice};
use crate::{Error, Outcome, atomic, input};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The starter bank `new` writes, with its id and title replaced.
const STARTER: &str = include_str!("../bank/templates/starter.json");

/// `crossexam schema`: prints the JSON Schema of bank format v1.
pub fn schema(out: &mut dyn Write) -> Result<Outcome, Error> {
    out.write_all(schema::bank_schema_text().as_bytes())?;
    Ok(Outcome::Success)
}

/// `crossexam generate`: prints generated questions, each with the
/// `generated_from` an edited copy needs.
pub fn generate(args: &GenerateArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    let loaded = load_bank(Some(&args.bank))?;
    let bank = &loaded.bank;
    for id in &args.claims {
        if bank.claim(id).is_none() {
            return Err(unknown_id(
                "claim",
                id,
                bank.claims.iter().map(|claim| claim.id.as_str()),
            ));
        }
    }
    for id in &args.exchanges {
        if bank.exchange(id).is_none() {
            return Err(unknown_id(
                "exchange",
                id,
                bank.exchanges.iter().map(|exchange| exchange.id.as_str()),
            ));
        }
    }
    let own = !args.all
        && args.templates.is_empty()
        && args.claims.is_empty()
        && args.exchanges.is_empty();
    if own {
        // What the bank's own generators add to its quizzes, and what gave way.
        let gave_way = generate::gave_way(bank);
        let copies: Vec<Value> = generate::generated_questions(bank)
            .into_iter()
            .filter(|question| !gave_way.iter().any(|(q, _)| q.id() == question.id()))
            .map(|mut question| {
                question.common.generated_from = generate::provenance(bank, &question);
                id_and_type_first(serde_json::to_value(&question).unwrap_or_default())
            })
            .collect();
        let stderr = std::io::stderr();
        let mut notes = stderr.lock();
        for (question, authored) in &gave_way {
            let note = if question.id() == authored {
                Notice::ReplacedByCopy { question: authored }
            } else {
                Notice::GaveWay {
                    question: question.id(),
                    authored,
                }
            };
            errors::notice(&mut notes, &note)?;
        }
        errors::notice(
            &mut notes,
            &Notice::Generated {
                in_use: copies.len(),
                gave_way: gave_way.len(),
                questions: loaded.questions().len(),
                authored: bank.questions.len(),
            },
        )?;
        let mut text = serde_json::to_string_pretty(&copies).map_err(std::io::Error::other)?;
        text.push('\n');
        out.write_all(text.as_bytes())?;
        return Ok(Outcome::Success);
    }
    let generators = generators(args);
    if generators.is_empty() {
        return Err(Error::usage(
            "nothing to generate with these filters",
            "the evasion template runs over exchanges (--exchange), the others over claims (--claim)",
        ));
    }
    let mut scratch: Bank = bank.clone();
    scratch.generate = generators;
    let copies: Vec<Value> = generate::generated_questions(&scratch)
        .into_iter()
        .map(|mut question| {
            question.common.generated_from = generate::provenance(bank, &question);
            id_and_type_first(serde_json::to_value(&question).unwrap_or_default())
        })
        .collect();
    let mut text = crate::json::to_string_pretty(&copies)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// The generators `generate` runs: every template over everything, narrowed by the flags.
fn generators(args: &GenerateArgs) -> Vec<Generator> {
    let templates: Vec<Template> = if args.templates.is_empty() {
        vec![
            Template::WhoSaid,
            Template::EvidenceOffered,
            Template::Support,
            Template::Evasion,
        ]
    } else {
        args.templates
            .iter()
            .map(|template| Template::from(*template))
            .collect()
    };
    let filtered = !args.claims.is_empty() || !args.exchanges.is_empty();
    let selection = |ids: &[String]| {
        if !ids.is_empty() {
            Some(IdSelection::Ids(ids.to_vec()))
        } else if filtered {
            None
        } else {
            Some(IdSelection::All(bank::AllMarker::All))
        }
    };
    let mut generators = Vec::new();
    for template in templates {
        if generators
            .iter()
            .any(|generator: &Generator| generator.template == template)
        {
            continue;
        }
        if template == Template::Evasion {
            if let Some(exchanges) = selection(&args.exchanges) {
                generators.push(Generator {
                    template,
                    claims: None,
                    exchanges: Some(exchanges),
                });
            }
        } else if let Some(claims) = selection(&args.claims) {
            generators.push(Generator {
                template,
                claims: Some(claims),
                exchanges: None,
            });
        }
    }
    generators
}

/// Puts `id` and `type` first, so a printed question reads like an authored one.
fn id_and_type_first(value: Value) -> Value {
    let Value::Object(mut object) = value else {
        return value;
    };
    let mut ordered = Map::new();
    for key in ["id", "type"] {
        if let Some(item) = object.shift_remove(key) {
            ordered.insert(key.to_string(), item);
        }
    }
    ordered.append(&mut object);
    Value::Object(ordered)
}

fn unknown_id<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> Error {
    let known: Vec<&str> = known.collect();
    let hint = match bank::validate::closest(id, &known) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("the bank has no {what}s"),
        None => format!("known {what}s: {}", known.join(", ")),
    };
    Error::usage(format!("the bank has no {what} `{id}`"), hint)
}

/// `crossexam claims`: prints the claims table.
pub fn claims(args: &ClaimsArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    let loaded = load_bank(args.bank.as_deref())?;
    let audience = if args.student {
        Audience::Student
    } else {
        Audience::Trainer
    };
    match args.format {
        ClaimsFormat::Text => claims::text(out, &loaded.bank, audience)?,
        ClaimsFormat::Markdown => claims::markdown(out, &loaded.bank, audience)?,
    }
    Ok(Outcome::Success)
}

/// `crossexam draft`: drafts a bank from a plain-text report.
pub fn draft(args: &DraftArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    let file = args.report.display().to_string();
    let report = input::read_text(&args.report, input::MAX_DRAFT_BYTES)?;
    let name = args.out.as_deref().unwrap_or(&args.report);
    let stem = file_stem(name);
    let id = bank_id(&stem);
    let title = format!("Draft: {}", title_from(&file_stem(&args.report)));
    let source_name = args
        .report
        .file_name()
        .map_or_else(|| file.clone(), |name| name.to_string_lossy().into_owned());
    let document = draft::draft(
        &report,
        &draft::DraftOptions {
            id: &id,
            title: &title,
            source_name: &source_name,
        },
    );
    let mut text = crate::json::to_string_pretty(&document)?;
    text.push('\n');
    // The draft must load as it is; a failure here is a bug worth seeing.
    bank::load_str("draft", &text)?;
    let Some(path) = &args.out else {
        out.write_all(text.as_bytes())?;
        return Ok(Outcome::Success);
    };
    if path.exists() && !args.force {
        return Err(Error::usage(
            format!("{} already exists", path.display()),
            "choose another --out file, or add --force to replace it",
        ));
    }
    write_new(path, &text)?;
    let claims = document["claims"].as_array().map_or(0, Vec::len);
    let notes = text.matches(&format!("\"{REVIEW_NOTE_KEY}\"")).count();
    writeln!(
        out,
        "Wrote {0}: {claims} claims, {notes} x-review notes to check.\nNext: edit it, then `crossexam check {0}` and `crossexam run {0}`.",
        crate::term::clean(&path.display().to_string())
    )?;
    Ok(Outcome::Success)
}

/// `crossexam new NAME`: writes the starter bank to NAME.json.
pub fn new_bank(name: &str, out: &mut dyn Write) -> Result<Outcome, Error> {
    let path = if Path::new(name).extension().is_some_and(|ext| ext == "json") {
        PathBuf::from(name)
    } else {
        PathBuf::from(format!("{name}.json"))
    };
    let stem = file_stem(&path);
    let id = bank_id(&stem);
    // An empty name, a directory or a dot name would write a hidden file.
    let hidden = path
        .file_name()
        .is_none_or(|file| file.to_string_lossy().starts_with('.'));
    if id.is_empty() || hidden {
        return Err(Error::usage(
            format!("`{name}` cannot be made into a bank id"),
            "use letters and digits, e.g. `crossexam new media-week`",
        ));
    }
    if path.exists() {
        return Err(Error::usage(
            format!("{} already exists", path.display()),
            "choose another name, or move the existing file away first",
        ));
    }
    let text = starter_bank(&id, &title_from(&stem));
    write_new(&path, &text)?;
    writeln!(
        out,
        "Wrote {}: a starter bank with a claims table and one question of every type.\nNext: edit it, then `crossexam check {1}` and `crossexam run {1}`.",
        crate::term::clean(&path.display().to_string()),
        super::shell_word(&path.display().to_string())
    )?;
    Ok(Outcome::Success)
}

/// The starter bank with its id and title filled in.
pub fn starter_bank(id: &str, title: &str) -> String {
    let mut document: Value = serde_json::from_str(STARTER).unwrap_or_default();
    if let Some(object) = document.as_object_mut() {
        object.insert("id".into(), Value::String(id.to_string()));
        object.insert("title".into(), Value::String(title.to_string()));
    }
    let mut text = crate::json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes a bank atomically.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(Error::NoFolder {
            path: path.to_path_buf(),
            folder: parent.to_path_buf(),
        });
    }
    atomic::write(path, text.as_bytes()).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned())
}

/// "Media Week 2" → "media-week-2".
fn bank_id(stem: &str) -> String {
    draft::slugify(stem, usize::MAX)
}

/// "media-week" → "Media week".
fn title_from(stem: &str) -> String {
    let spaced: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let trimmed = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.is_empty() {
        "New bank".to_string()
    } else {
        crate::wording::capitalise(&trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ids_and_titles() {
        assert_eq!(bank_id("Media Week 2"), "media-week-2");
        assert_eq!(title_from("media-week"), "Media week");
        assert_eq!(title_from("--"), "New bank");
    }

    #[test]
    fn the_starter_bank_loads_with_its_new_id() {
        let text = starter_bank("media-week", "Media week");
        let loaded = bank::load_str("media-week.json", &text).expect("the starter bank loads");
        assert_eq!(loaded.bank.id, "media-week");
        assert_eq!(loaded.bank.title, "Media week");
    }
}
