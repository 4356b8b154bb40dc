//! `crosscheck library [--json]`, `crosscheck library add DIR`, `crosscheck library update`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Subcommand};
use crosscheck_engine::library::{IndexSummary, LibraryIndex, opened_articles};
use crosscheck_engine::store::{LibraryEntry, Store, Verdict, VerdictCounts};

use super::ArgPath;

/// Arguments of `crosscheck library`.
#[derive(Debug, Args)]
pub struct LibraryArgs {
    #[command(subcommand)]
    action: Option<LibraryAction>,
    /// Print the library as JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum LibraryAction {
    /// Add a folder of articles (.txt, .md, .html, .pdf, .epub, ...) to the library and index it.
    Add {
        /// The folder; its subfolders are included.
        dir: ArgPath,
    },
    /// Remove a folder from the library (articles opened in the window stay).
    Remove {
        /// The folder, as added.
        dir: ArgPath,
    },
    /// Index new and changed articles and drop the ones whose files are gone.
    Update,
}

/// `{"articles": [...], "totals": {...}, "index": {...}}`.
#[derive(serde::Serialize)]
struct LibraryReport<'a> {
    articles: &'a [LibraryEntry],
    totals: VerdictCounts,
    index: IndexReport<'a>,
}

#[derive(serde::Serialize)]
struct IndexReport<'a> {
    folders: &'a [String],
    articles: usize,
    claims: usize,
}

/// Runs `crosscheck library`.
pub fn run(args: &LibraryArgs, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    match &args.action {
        None => list(&store, args.json),
        Some(LibraryAction::Add { dir }) => {
            let mut library = open_library(&store)?;
            let opened = opened_articles(&store)?;
            let started = Instant::now();
            let bar = super::eval::progress_bar("articles");
            let summary = library.add_folder(dir, &opened, &mut |p| {
                bar.set_length(p.total as u64);
                bar.set_position(p.done as u64);
            });
            bar.finish_and_clear();
            report_summary(&summary?, started, args.json)
        }
        Some(LibraryAction::Remove { dir }) => {
            let mut library = open_library(&store)?;
            let opened = opened_articles(&store)?;
            let started = Instant::now();
            let summary = library.remove_folder(dir, &opened, &mut |_| {})?;
            report_summary(&summary, started, args.json)
        }
        Some(LibraryAction::Update) => {
            let mut library = open_library(&store)?;
            let started = Instant::now();
            let summary = update(&mut library, &store)?;
            report_summary(&summary, started, args.json)
        }
    }
}

/// Opens the library beside `store`, printing its notices as warnings.
pub fn open_library(store: &Store) -> anyhow::Result<LibraryIndex> {
    let library = LibraryIndex::open(store.dir())?;
    for notice in library.notices() {
        super::warn(&notice.to_string());
    }
    Ok(library)
}

/// Brings the library up to date with a progress bar on stderr.
pub fn update(library: &mut LibraryIndex, store: &Store) -> anyhow::Result<IndexSummary> {
    let opened = opened_articles(store)?;
    let bar = super::eval::progress_bar("articles");
    let summary = library.update(&opened, &mut |p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    });
    bar.finish_and_clear();
    Ok(summary?)
}

fn report_summary(
    summary: &IndexSummary,
    started: Instant,
    json: bool,
) -> anyhow::Result<ExitCode> {
    super::with_stdout(|mut out| {
        if json {
            serde_json::to_writer_pretty(&mut out, summary)?;
            writeln!(out)?;
        } else {
            let seconds = started.elapsed().as_secs_f64();
            let rate = if seconds > 0.0 {
                format!(", {:.0} articles/s", summary.indexed as f64 / seconds)
            } else {
                String::new()
            };
            writeln!(
                out,
                "indexed {} in {seconds:.2} s{rate}; {} unchanged, {} removed, {} unreadable",
                crosscheck_engine::text::counted(summary.indexed, "article"),
                summary.unchanged,
                summary.removed,
                summary.failed.len()
            )?;
            writeln!(
                out,
                "the library holds {} with {}",
                crosscheck_engine::text::counted(summary.articles, "article"),
                crosscheck_engine::text::counted(summary.claims, "claim")
            )?;
            for (path, reason) in &summary.failed {
                writeln!(out, "  unreadable: {path}: {reason}")?;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Lists the known articles with counts per verdict, and what the index holds.
fn list(store: &Store, json: bool) -> anyhow::Result<ExitCode> {
    let library = store.library()?;
    super::warn_notices(&library.notices);
    let index = open_library(store)?;
    let index_report = IndexReport {
        folders: index.folders(),
        articles: index.articles().len(),
        claims: index.claim_count(),
    };
    super::with_stdout(|mut out| {
        if json {
            let report = LibraryReport {
                articles: &library.entries,
                totals: library.totals(),
                index: index_report,
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        }
        writeln!(
            out,
            "{} with notes in {}",
            crosscheck_engine::text::counted(library.entries.len(), "article"),
            store.dir().display()
        )?;
        writeln!(
            out,
            "{} with {} indexed for cross-checking; folders: {}",
            crosscheck_engine::text::counted(index_report.articles, "article"),
            crosscheck_engine::text::counted(index_report.claims, "claim"),
            if index_report.folders.is_empty() {
                "none (add one with `crosscheck library add DIR`)".to_owned()
            } else {
                index_report.folders.join(", ")
            }
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
    })
}
