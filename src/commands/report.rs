//! `crossexam report`: reads the collected results, finds the banks they
//! were taken with, builds the class report and writes it in the chosen
//! format to standard output or, atomically, to `--out`.

use crate::bank::{self, LoadedBank};
use crate::cli::ReportArgs;
use crate::report::class::{self, Collector, read};
use crate::report::export::{self, Format};
use crate::{Error, Outcome, term};
use std::io::Write;

pub fn report(args: &ReportArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    let mut collector = Collector::new(args.attempts.into());
    for input in &args.inputs {
        read::read_path(input, &mut collector).map_err(read::ReportError::from)?;
    }
    if collector.results() == 0 {
        return Err(read::ReportError::NoResults {
            skipped: collector.skipped,
        }
        .into());
    }
    let mut banks: Vec<LoadedBank> = args
        .banks
        .iter()
        .map(|name| super::load_bank(Some(name)))
        .collect::<Result<_, _>>()?;
    for (id, _, _) in bank::bundled::BUNDLED {
        if collector.has_bank(id) {
            banks.push(bank::bundled::load(id)?);
        }
    }
    let report = class::build(collector, &banks);

    let format: Format = args.format.into();
    // Written as it is rendered (a class of thousands makes a large JSON).
    let render = |sink: &mut dyn Write| match format {
        Format::Text => export::text::write(sink, &report),
        Format::Csv => export::csv::write(sink, &report, args.table.into()),
        Format::Json => export::json(sink, &report),
        Format::Html => export::html::write(sink, &report),
    };
    if let Some(path) = &args.out {
        crate::atomic::write_with(path, render).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    } else {
        let mut buffered = std::io::BufWriter::new(&mut *out);
        render(&mut buffered)?;
        buffered.flush()?;
    }
    // The text report lists what it skipped; other formats and files get a warning too.
    if !report.skipped.is_empty() && (args.out.is_some() || format != Format::Text) {
        term::errors::skipped_files(&mut std::io::stderr().lock(), &report.skipped)?;
    }
    Ok(Outcome::Success)
}
