//! `crosscheck extract FILE [--json]`.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use crosscheck_engine::Document;
use crosscheck_engine::extract::{ExtractReport, Extraction};

use super::ArgPath;

/// Arguments of `crosscheck extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article to read (.txt, .md, .html, .pdf, .epub).
    file: ArgPath,
    /// Print the full result as JSON (schema crosscheck.extract/1).
    #[arg(long)]
    json: bool,
    /// Show what the extractor finds, without the corrections of sources made with
    /// `crosscheck source` (which are applied by default).
    #[arg(long)]
    as_extracted: bool,
}

/// Loads the article, extracts its claims and prints them.
pub fn run(args: &ExtractArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let document = super::load_article(&args.file)?;
    let extraction = match corrections_store(data_dir) {
        Some(store) if !args.as_extracted => super::extract_article(&document, &store),
        _ => crosscheck_engine::extract(&document),
    };
    super::with_stdout(|mut out| {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &ExtractReport::new(&document, &extraction))?;
            writeln!(out)?;
        } else {
            write_table(&mut out, &document, &extraction)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// The notes store, if it holds corrections of sources (extracting creates no store).
fn corrections_store(
    data_dir: Option<&std::path::Path>,
) -> Option<crosscheck_engine::store::Store> {
    let dir = crosscheck_engine::store::Store::resolve_dir(data_dir).ok()?;
    if !dir.join(crosscheck_engine::store::SOURCES_FILE).exists() {
        return None;
    }
    crosscheck_engine::store::Store::open(dir).ok()
}

fn write_table(
    out: &mut impl Write,
    document: &Document,
    extraction: &Extraction,
) -> std::io::Result<()> {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    writeln!(out, "Title:     {}", or_dash(&document.title))?;
    writeln!(out, "Outlet:    {}", or_dash(&document.outlet))?;
    writeln!(out, "Byline:    {}", or_dash(&document.byline))?;
    writeln!(out, "Published: {}", or_dash(&document.published))?;
    for warning in &document.warnings {
        writeln!(out, "Warning:   {warning}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        crosscheck_engine::text::counted(extraction.claims.len(), "claim")
    )?;
    writeln!(
        out,
        "{:>3}  {:<13} {:<24} {:<14} claim",
        "#", "attribution", "source", "cue"
    )?;
    for (i, claim) in extraction.claims.iter().enumerate() {
        let source = claim
            .source
            .as_ref()
            .and_then(|m| extraction.sources.iter().find(|s| s.id == m.id))
            .map_or("-".to_owned(), |s| s.name.clone());
        let cue = claim.cue.as_ref().map_or("-", |c| c.text.as_str());
        let mut text = crosscheck_engine::text::squash_whitespace(&claim.text);
        if !claim.hedges.is_empty() {
            let hedges: Vec<&str> = claim.hedges.iter().map(|h| h.text.as_str()).collect();
            text = format!("[{}] {text}", hedges.join(", "));
        }
        writeln!(
            out,
            "{:>3}  {:<13} {:<24} {:<14} {}",
            i + 1,
            claim.attribution.as_str(),
            truncate(&source, 24),
            truncate(cue, 14),
            truncate(&text, 90)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        crosscheck_engine::text::counted(extraction.sources.len(), "source")
    )?;
    for source in &extraction.sources {
        let role = source
            .role
            .as_deref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        let aliases = if source.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", source.aliases.join("; "))
        };
        writeln!(
            out,
            "  {} [{}{role}]{aliases}: {}",
            source.name,
            source.kind.as_str(),
            crosscheck_engine::text::counted(source.claims.len(), "claim")
        )?;
    }
    Ok(())
}

/// Shortens `text` to `max` chars, ending with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}
