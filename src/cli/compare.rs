//! `crosscheck compare FILE [--json]`: the article's claims cross-checked against the library.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use crosscheck_engine::library::{ClaimComparison, Comparison, compare};

use super::ArgPath;

/// Arguments of `crosscheck compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The article to cross-check.
    file: ArgPath,
    /// Print the comparison as JSON.
    #[arg(long)]
    json: bool,
    /// Matches shown per claim in the text output (JSON has them all).
    #[arg(long, default_value_t = 5)]
    show: usize,
}

/// Brings the library up to date, compares the article against it and prints the result.
pub fn run(args: &CompareArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let document = super::load_article(&args.file)?;
    let store = super::open_store(data_dir)?;
    let mut library = super::library::open_library(&store)?;
    let summary = super::library::update(&mut library, &store)?;
    for (path, reason) in &summary.failed {
        super::warn(&format!("left out of the library: {path}: {reason}"));
    }
    let extraction = super::extract_article(&document, &store);
    let comparison = compare(&document, &extraction, &library, Some(&store));
    super::with_stdout(|mut out| {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &comparison)?;
            writeln!(out)?;
        } else {
            write_text(&mut out, &comparison, args.show)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn write_text(out: &mut impl Write, comparison: &Comparison, show: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{} — compared with {} other articles in the library",
        comparison.report, comparison.library_articles
    )?;
    if comparison.library_articles == 0 {
        writeln!(
            out,
            "the library is empty: add a folder of reports with `crosscheck library add DIR`"
        )?;
    }
    let matched: Vec<&ClaimComparison> = comparison
        .claims
        .iter()
        .filter(|c| !c.matches.is_empty())
        .collect();
    for (n, claim) in matched.iter().enumerate() {
        write_claim(out, n + 1, claim, show)?;
    }
    writeln!(
        out,
        "\n{} of {} {} in other reports; {} only in this article",
        matched.len(),
        crosscheck_engine::text::counted(comparison.claims.len(), "claim"),
        if matched.len() == 1 {
            "appears"
        } else {
            "appear"
        },
        comparison.only_here.len()
    )?;
    for claim in comparison.claims.iter().filter(|c| c.matches.is_empty()) {
        writeln!(out, "  - “{}”{}", claim.claim.text, source_suffix(claim))?;
    }
    Ok(())
}

fn source_suffix(claim: &ClaimComparison) -> String {
    claim
        .claim
        .source
        .as_ref()
        .map(|s| format!(" — {}", s.name))
        .unwrap_or_default()
}

fn write_claim(
    out: &mut impl Write,
    n: usize,
    claim: &ClaimComparison,
    show: usize,
) -> std::io::Result<()> {
    writeln!(
        out,
        "\n[{n}] “{}”{}",
        claim.claim.text,
        source_suffix(claim)
    )?;
    writeln!(out, "    chain: {}", claim.chain.describe())?;
    let origins: Vec<String> = claim
        .origins
        .iter()
        .map(|o| {
            let kind = if o.sourced { "" } else { " (unsourced)" };
            format!("{}{kind} ← {}", o.origin, o.reports.join(", "))
        })
        .collect();
    writeln!(out, "    {}: {}", claim.summary(), origins.join("; "))?;
    for found in claim.matches.iter().take(show) {
        writeln!(
            out,
            "    ▸ {} (similarity {:.2}): “{}”",
            found.report, found.score, found.claim.text
        )?;
        writeln!(out, "        chain: {}", found.chain.describe())?;
        for difference in &found.differences {
            writeln!(out, "        differs: {}", difference.summary)?;
        }
        if let Some(agreements) = found.agreements_line() {
            writeln!(out, "        agrees: {agreements}")?;
        }
        for hint in &found.verdicts {
            let note = if hint.note.is_empty() {
                String::new()
            } else {
                format!(": {}", hint.note)
            };
            writeln!(out, "        marked {} there{note}", hint.verdict)?;
        }
    }
    if claim.matches.len() > show {
        writeln!(
            out,
            "    … and {} more (--show N or --json for all)",
            claim.matches.len() - show
        )?;
    }
    Ok(())
}
