//! `crosscheck library [--json]`.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use crosscheck::store::{LibraryEntry, Verdict, VerdictCounts};

/// Arguments of `crosscheck library`.
#[derive(Debug, Args)]
pub struct LibraryArgs {
    /// Print the library as JSON.
    #[arg(long)]
    json: bool,
}

/// `{"articles": [...], "totals": {...}}`.
#[derive(serde::Serialize)]
struct LibraryReport<'a> {
    articles: &'a [LibraryEntry],
    totals: VerdictCounts,
}

/// Lists the known articles with counts per verdict.
pub fn run(args: &LibraryArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let library = store.library()?;
    super::warn_notices(&library.notices);
    let mut out = std::io::stdout().lock();
    if args.json {
        let report = LibraryReport {
            articles: &library.entries,
            totals: library.totals(),
        };
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} articles in {}",
        library.entries.len(),
        store.dir().display()
    )?;
    if library.entries.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    write!(out, "{:>5}", "notes")?;
    for verdict in Verdict::ALL {
        write!(out, " {:>12}", verdict.as_str())?;
    }
    writeln!(out, "  article")?;
    for entry in &library.entries {
        write!(out, "{:>5}", entry.notes)?;
        for verdict in Verdict::ALL {
            write!(out, " {:>12}", entry.verdicts.get(verdict))?;
        }
        let title = entry
            .title
            .as_deref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        let read_only = if entry.read_only { " [read-only]" } else { "" };
        writeln!(out, "  {}{title}{read_only}", entry.path)?;
    }
    Ok(ExitCode::SUCCESS)
}
