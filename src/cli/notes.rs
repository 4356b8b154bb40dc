//! `crosscheck notes FILE [--json]`.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use crosscheck_engine::store::{AnchorState, ArticleNotes, NotesReport, Verdict};
use crosscheck_engine::text::squash_whitespace;

use super::ArgPath;

/// Arguments of `crosscheck notes`.
#[derive(Debug, Args)]
pub struct NotesArgs {
    /// The article (.txt, .md, .html, .pdf, .epub).
    file: ArgPath,
    /// Print the notes as JSON.
    #[arg(long)]
    json: bool,
}

/// Loads the article's notes, places them against its current text and prints them.
pub fn run(args: &NotesArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let document = super::load_article(&args.file)?;
    let notes = store.load(&document)?;
    super::warn_notices(&notes.notices);
    super::with_stdout(|mut out| {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &NotesReport::new(&notes, &document))?;
            writeln!(out)?;
        } else {
            write_text(&mut out, &notes, &document)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn write_text(
    out: &mut impl Write,
    notes: &ArticleNotes,
    document: &crosscheck_engine::Document,
) -> std::io::Result<()> {
    let title = document
        .title
        .clone()
        .or_else(|| notes.article.title.clone())
        .unwrap_or_else(|| "-".to_owned());
    writeln!(out, "Article: {}", notes.article.path)?;
    writeln!(out, "Title:   {title}")?;
    let counts = notes.counts();
    let summary: Vec<String> = Verdict::ALL
        .into_iter()
        .filter(|v| counts.get(*v) > 0)
        .map(|v| format!("{} {v}", counts.get(v)))
        .collect();
    let orphaned = notes.orphaned().count();
    let needing_review = notes.needing_review().count();
    write!(
        out,
        "{}",
        crosscheck_engine::text::counted(notes.notes.len(), "note")
    )?;
    if !summary.is_empty() {
        write!(out, ": {}", summary.join(", "))?;
    }
    if orphaned > 0 {
        write!(out, "; {orphaned} orphaned")?;
    }
    if needing_review > 0 {
        write!(
            out,
            "; {needing_review} need{} review (the words changed; see `crosscheck revisions`, \
             confirm with `crosscheck mark --note-id ID --confirm`)",
            if needing_review == 1 { "s" } else { "" }
        )?;
    }
    writeln!(out)?;
    for placed in &notes.notes {
        let note = &placed.note;
        let place = if placed.state == AnchorState::Orphaned {
            format!("was {}..{}", placed.start, placed.end)
        } else {
            format!("{}..{}", placed.start, placed.end)
        };
        writeln!(out)?;
        let review = if placed.review.is_some() {
            "  NEEDS REVIEW"
        } else {
            ""
        };
        writeln!(
            out,
            "{}  {:<12} {:<8} {}{review}",
            note.id,
            note.verdict.as_str(),
            placed.state.as_str(),
            place
        )?;
        match &placed.review {
            Some(review) => {
                writeln!(
                    out,
                    "  judged:   \"{}\"",
                    squash_whitespace(&review.earlier)
                )?;
                match &review.current {
                    Some(current) => {
                        writeln!(out, "  now:      \"{}\"", squash_whitespace(current))?;
                    }
                    None => writeln!(out, "  now:      (gone from the article)")?,
                }
            }
            None => writeln!(out, "  \"{}\"", squash_whitespace(&note.anchor.exact))?,
        }
        write_note_fields(out, note)?;
    }
    Ok(())
}

/// Writes a note's text, evidence links and tags, one indented line each (what `mark` and
/// `notes` both print).
pub fn write_note_fields(
    out: &mut impl Write,
    note: &crosscheck_engine::store::Note,
) -> std::io::Result<()> {
    if !note.note.is_empty() {
        writeln!(out, "  note:     {}", note.note)?;
    }
    for evidence in &note.evidence {
        if evidence.label.is_empty() {
            writeln!(out, "  evidence: {}", evidence.url)?;
        } else {
            writeln!(out, "  evidence: {} ({})", evidence.url, evidence.label)?;
        }
    }
    if !note.tags.is_empty() {
        writeln!(out, "  tags:     {}", note.tags.join(", "))?;
    }
    if let Some(rewording) = note.rewordings.last() {
        let how = if rewording.to.is_some() {
            "confirmed on new words"
        } else {
            "kept after its words were removed"
        };
        writeln!(
            out,
            "  earlier:  \"{}\" ({how} {})",
            squash_whitespace(&rewording.from),
            crosscheck_engine::store::format_time(&rewording.at)
        )?;
    }
    Ok(())
}
