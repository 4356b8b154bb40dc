//! `crosscheck revisions FILE [--json] [--mark-reviewed]`: the versions of an article the store
//! has seen, what changed since the last one reviewed (passages, old and new wording) and the
//! notes the changes touch.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use crosscheck_engine::store::{ReportChanges, RevisionsReport, VersionRecord, format_time};

use super::ArgPath;

/// Arguments of `crosscheck revisions`.
#[derive(Debug, Args)]
pub struct RevisionsArgs {
    /// The article.
    file: ArgPath,
    /// Print the versions and changes as JSON.
    #[arg(long)]
    json: bool,
    /// Record that you reviewed the current version: later versions are compared with it.
    #[arg(long)]
    mark_reviewed: bool,
}

/// Loads the article's notes, compares the current text with the last reviewed version and
/// prints what changed.
pub fn run(args: &RevisionsArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let document = super::load_article(&args.file)?;
    let mut notes = store.load(&document)?;
    super::warn_notices(&notes.notices);
    if args.mark_reviewed {
        notes = store.mark_reviewed(&document)?;
        super::warn_notices(&notes.notices);
    }
    let revision = store.revision(&document, &notes)?;
    let report = RevisionsReport::new(&notes, &document, revision.as_ref());
    super::with_stdout(|mut out| {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        } else {
            write_text(&mut out, &report)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn write_text(out: &mut impl Write, report: &RevisionsReport) -> std::io::Result<()> {
    writeln!(out, "Article: {}", report.article.path)?;
    writeln!(
        out,
        "Title:   {}",
        report.article.title.as_deref().unwrap_or("-")
    )?;
    let is_recorded = report
        .versions
        .last()
        .is_some_and(|v| v.text_sha256.as_deref() == Some(report.current_text_sha256.as_str()));
    let seen = report.versions.len() + usize::from(!is_recorded);
    writeln!(
        out,
        "{seen} version{} seen:",
        if seen == 1 { "" } else { "s" }
    )?;
    for (i, version) in report.versions.iter().enumerate() {
        let is_current = is_recorded && i + 1 == report.versions.len();
        writeln!(out, "  {}", describe_version(i + 1, version, is_current))?;
    }
    if !is_recorded {
        writeln!(
            out,
            "  {}  {}  the current text, not opened since it changed",
            report.versions.len() + 1,
            short(&report.current_text_sha256)
        )?;
    }
    match &report.changes {
        None => writeln!(out, "\nNo other version to compare with.")?,
        Some(changes) => write_changes(out, changes)?,
    }
    Ok(())
}

fn describe_version(number: usize, version: &VersionRecord, is_current: bool) -> String {
    let hash = version
        .text_sha256
        .as_deref()
        .map_or_else(|| "(text not kept)".to_owned(), short);
    let mut line = format!("{number}  {hash}  seen {}", format_time(&version.seen));
    if version.chars > 0 {
        line.push_str(&format!(", {} chars", version.chars));
    }
    if let Some(reviewed) = &version.reviewed {
        line.push_str(&format!(", reviewed {}", format_time(reviewed)));
    }
    if is_current {
        line.push_str("  (current)");
    }
    line
}

fn write_changes(out: &mut impl Write, changes: &ReportChanges) -> std::io::Result<()> {
    writeln!(out)?;
    if changes.since_review {
        writeln!(out, "Changed since your last review: {}", changes.summary)?;
    } else {
        writeln!(
            out,
            "You reviewed the current text; changes from the version before: {}",
            changes.summary
        )?;
    }
    for (i, passage) in changes.passages.iter().enumerate() {
        writeln!(out)?;
        let what = match (passage.old.is_empty(), passage.new.is_empty()) {
            (true, _) => "added",
            (_, true) => "removed",
            _ => "reworded",
        };
        write!(out, "{}. {what}", i + 1)?;
        if !passage.notes.is_empty() {
            write!(out, " (notes {})", passage.notes.join(", "))?;
        }
        writeln!(out)?;
        if !passage.old.is_empty() {
            writeln!(out, "   was: {}", passage.old)?;
        }
        if !passage.new.is_empty() {
            writeln!(out, "   now: {}", passage.new)?;
        }
    }
    if !changes.notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Notes affected:")?;
    }
    for note in &changes.notes {
        let state = if note.needs_review {
            "needs review"
        } else {
            "reviewed"
        };
        writeln!(
            out,
            "  {}  {:<12} {:<8} {state}",
            note.id,
            note.verdict.as_str(),
            note.state.as_str()
        )?;
        writeln!(out, "     judged: \"{}\"", squash(&note.earlier))?;
        match &note.current {
            Some(current) => writeln!(out, "     now:    \"{}\"", squash(current))?,
            None => writeln!(out, "     now:    (gone from the article)")?,
        }
    }
    Ok(())
}

fn squash(text: &str) -> String {
    crosscheck_engine::text::squash_whitespace(text)
}

fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}
