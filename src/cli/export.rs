//! `crosscheck export FILE --format md|w3c|claimreview|csv [-o OUT | --save]` (with the
//! preference flags `--reviewer`, `--organisation`, `--publish-url`, …) and
//! `crosscheck import NOTES.jsonld [--into FILE]`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use crosscheck_engine::export::{ExportFormat, ExportInput, export, read_w3c_file};
use crosscheck_engine::preferences::Preferences;

use super::ArgPath;

/// Arguments of `crosscheck export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The article whose notes to export.
    file: ArgPath,
    /// Output format: md (Markdown report), w3c (Web Annotation JSON-LD), claimreview
    /// (schema.org JSON-LD) or csv.
    #[arg(long, default_value = "md", value_parser = parse_format)]
    format: ExportFormat,
    /// Write to this file instead of standard output (into it as ARTICLE.SUFFIX if a folder).
    #[arg(short, long, value_name = "OUT", conflicts_with = "save")]
    output: Option<ArgPath>,
    /// Write into the default export folder (--export-dir, CROSSCHECK_EXPORT_DIR or the
    /// window's Preferences) as ARTICLE.notes.md, ARTICLE.claimreview.jsonld, ….
    #[arg(long)]
    save: bool,
}

fn parse_format(name: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(name)
        .ok_or_else(|| format!("unknown format {name:?} (md, w3c, claimreview, csv)"))
}

/// Writes the article's notes in the chosen format.
pub fn run(
    args: &ExportArgs,
    data_dir: Option<&Path>,
    run_preferences: &Preferences,
) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let preferences = super::effective_preferences(store.dir(), run_preferences);
    let document = super::load_article(&args.file)?;
    let notes = store.load(&document)?;
    super::warn_notices(&notes.notices);
    let extraction = super::extract_article(&document, &store);
    let book = store.source_book()?;
    super::warn_notices(&book.notices);
    let publishing = preferences.publishing();
    let input = ExportInput {
        document: &document,
        extraction: &extraction,
        notes: &notes,
        publishing: &publishing,
        source_statuses: &book.statuses,
    };
    let text = export(args.format, &input);
    for notice in crosscheck_engine::export::export_notices(args.format, &input) {
        super::warn(&notice);
    }
    let file_name = || {
        let stem = args
            .file
            .file_stem()
            .map_or_else(|| "article".into(), |s| s.to_string_lossy());
        format!("{stem}.{}", args.format.file_suffix())
    };
    let output = if args.save {
        let Some(dir) = &preferences.export_dir else {
            anyhow::bail!(
                "--save needs a default export folder: set it with --export-dir, \
                 CROSSCHECK_EXPORT_DIR or the window's Preferences"
            );
        };
        Some(dir.join(file_name()))
    } else {
        args.output.as_ref().map(|out| {
            if out.is_dir() {
                out.join(file_name())
            } else {
                out.clone()
            }
        })
    };
    match &output {
        Some(path) => {
            crosscheck_engine::export::write_export(path, &text)
                .with_context(|| format!("cannot write the export: {}", path.display()))?;
            eprintln!(
                "Wrote the {} ({}, {}): {}",
                args.format.label(),
                crosscheck_engine::text::counted(notes.notes.len(), "note"),
                crosscheck_engine::text::counted(extraction.claims.len(), "claim"),
                super::inert::one_line(&path.display().to_string())
            );
        }
        None => {
            return super::with_stdout(|out| {
                out.write_all(text.as_bytes())?;
                Ok(ExitCode::SUCCESS)
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `crosscheck import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A W3C Web Annotation export (from `crosscheck export --format w3c`).
    notes: ArgPath,
    /// The article to attach the notes to [default: the file the export names].
    #[arg(long, value_name = "FILE")]
    into: Option<ArgPath>,
}

/// Merges a W3C export into the store, re-anchoring against the article's current text.
pub fn run_import(args: &ImportArgs, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let imported = read_w3c_file(&args.notes)
        .map_err(|err| anyhow::anyhow!("{err}: {}", args.notes.display()))?;
    let article = match (&args.into, &imported.source_path) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => path.into(),
        (None, None) => anyhow::bail!(
            "the export does not name its article; give one with --into FILE: {}",
            args.notes.display()
        ),
    };
    let store = super::open_store(data_dir)?;
    let document = super::load_article(&article)?;
    if imported
        .sha256
        .as_deref()
        .is_some_and(|hash| hash != document.sha256)
    {
        super::warn(&format!(
            "the article changed since the export; notes are re-anchored: {}",
            article.display()
        ));
    }
    let count = imported.notes.len();
    let (notes, summary) = store.import_notes(&document, imported.notes)?;
    super::warn_notices(&notes.notices);
    super::with_stdout(|out| {
        writeln!(
            out,
            "Imported {} into {}: {} added, {} updated, {} unchanged, {} kept (newer \
             here)",
            crosscheck_engine::text::counted(count, "note"),
            article.display(),
            summary.added,
            summary.updated,
            summary.unchanged,
            summary.kept_newer
        )?;
        Ok(ExitCode::SUCCESS)
    })
}
