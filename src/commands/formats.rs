//! `crossexam import` and `crossexam export`: read or load, convert with
//! [`crate::formats`], and write the result atomically, never replacing a
//! file without `--force`. Findings and left-out questions go to stderr.

use crate::cli::{ExportArgs, ExportFormat, ImportArgs, ImportFormat};
use crate::formats::{self, Exporter, Importer};
use crate::term::claims::{self, Audience};
use crate::{Error, Outcome, atomic, bank, term};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `crossexam import gift FILE`: a new bank from a GIFT file.
pub fn import(args: &ImportArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    let file = args.file.display().to_string();
    // A file that is not UTF-8 is refused as the import refuses bad lines
    // (not as a bank that `check` would look at).
    let text = match bank::load::read_source_text(&args.file, bank::load::SourceKind::Gift) {
        Err(bank::BankError::Invalid {
            file,
            text,
            diagnostics,
        }) => {
            return Err(formats::ImportError::Invalid {
                file,
                text: text.to_string(),
                diagnostics,
            }
            .into());
        }
        read => read?,
    };
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| args.file.with_extension("json"));
    refuse_to_replace(&path, args.force)?;
    let stem = path
        .file_stem()
        .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
    let id = Some(crate::author::draft::slugify(&stem, usize::MAX))
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| "imported".to_string());
    let imported = match args.format {
        ImportFormat::Gift => formats::gift::GiftImporter.import(&file, &text, &id)?,
    };
    let mut document = serde_json::to_value(&imported.bank).map_err(std::io::Error::other)?;
    if !imported.set_aside.is_empty()
        && let Some(object) = document.as_object_mut()
    {
        let notes = serde_json::to_value(&imported.set_aside).map_err(std::io::Error::other)?;
        object.insert("x-gift-set-aside".to_string(), notes);
    }
    let mut json = serde_json::to_string_pretty(&document).map_err(std::io::Error::other)?;
    json.push('\n');
    // The written bank must load as it is; a failure here is a bug worth seeing.
    bank::load_str(&path.display().to_string(), &json)?;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for finding in &imported.findings {
        term::errors::diagnostic(&mut err, finding, &text)?;
        writeln!(err)?;
    }
    write_file(&path, json.as_bytes(), args.force)?;
    let count = imported.bank.questions.len();
    writeln!(
        out,
        "Imported {count} question{} from {file} into {}{}.",
        if count == 1 { "" } else { "s" },
        path.display(),
        match imported.set_aside.len() {
            0 => String::new(),
            n => format!(" ({n} set aside, kept under \"x-gift-set-aside\")"),
        }
    )?;
    writeln!(
        out,
        "Next: add the source, actors and claims, then `crossexam check {0}` and `crossexam run {0}`.",
        path.display()
    )?;
    Ok(Outcome::Success)
}

/// `crossexam export BANK --to FORMAT`.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    if args.key && args.to != ExportFormat::Markdown {
        return Err(Error::usage(
            "--key is for the markdown handout",
            "leave out --key, or use --to markdown",
        ));
    }
    if args.to == ExportFormat::Qti && args.out.is_none() {
        return Err(Error::usage(
            "a QTI package is a zip file and is not printed",
            "give --out FILE.zip",
        ));
    }
    let loaded = super::load_bank(Some(&args.bank))?;
    let exporter: Box<dyn Exporter> = match args.to {
        ExportFormat::Gift => Box::new(formats::gift::Gift),
        ExportFormat::MoodleXml => Box::new(formats::moodle_xml::MoodleXml),
        ExportFormat::Qti => Box::new(formats::qti::Qti),
        ExportFormat::Markdown => Box::new(formats::markdown::Markdown { key: args.key }),
    };
    let mut output = exporter.export(&loaded);
    if args.key && !loaded.bank.claims.is_empty() {
        output.bytes.push(b'\n');
        claims::markdown(&mut output.bytes, &loaded.bank, Audience::Trainer)?;
    }
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for skipped in &output.skipped {
        term::errors::notice(
            &mut err,
            &term::errors::Notice::LeftOut {
                question: &skipped.question,
                reason: &skipped.reason,
            },
        )?;
    }
    let Some(path) = &args.out else {
        out.write_all(&output.bytes)?;
        return Ok(Outcome::Success);
    };
    write_file(path, &output.bytes, args.force)?;
    let written = loaded.questions().len() - output.skipped.len();
    writeln!(
        out,
        "Wrote {}: {written} question{} as {}{}.",
        path.display(),
        if written == 1 { "" } else { "s" },
        exporter.name(),
        match output.skipped.len() {
            0 => String::new(),
            n => format!(" ({n} left out, listed above)"),
        }
    )?;
    Ok(Outcome::Success)
}

fn refuse_to_replace(path: &Path, force: bool) -> Result<(), Error> {
    if path.exists() && !force {
        return Err(Error::usage(
            format!("{} already exists", path.display()),
            "choose another --out file, or add --force to replace it",
        ));
    }
    Ok(())
}

/// Writes atomically; without `force` an existing file is never replaced.
fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    refuse_to_replace(path, force)?;
    let parent: PathBuf = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    if !parent.is_dir() {
        return Err(Error::NoFolder {
            path: path.to_path_buf(),
            folder: parent,
        });
    }
    let written = if force {
        atomic::write(path, bytes)
    } else {
        atomic::write_new(path, bytes)
    };
    written.map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::usage(
                format!("{} already exists", path.display()),
                "choose another --out file, or add --force to replace it",
            )
        } else {
            Error::Write {
                path: path.to_path_buf(),
                source,
            }
        }
    })
}
