//! `crosscheck eval pdf DIR`: the PDF loader scored on pages printed by
//! `scripts/pdf-benchmark.sh`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crosscheck_engine::eval::pdf::{self, PdfReport};

use super::eval::progress_bar;

/// Scores the PDFs of `dir` and prints the summary (or JSON) and the `worst` pages.
pub fn run(dir: &Path, json: bool, worst: usize, texts: Option<&Path>) -> anyhow::Result<ExitCode> {
    let bar = progress_bar("PDFs");
    let result = pdf::evaluate_dir(dir, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = result?;
    if let Some(texts) = texts {
        super::eval::write_texts(
            texts,
            report
                .pages
                .iter()
                .map(|p| (p.id.as_str(), p.text.as_str())),
        )?;
    }
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_summary(&mut out, dir, &report, worst)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_summary(
    out: &mut impl Write,
    dir: &Path,
    report: &PdfReport,
    worst: usize,
) -> std::io::Result<()> {
    let totals = &report.totals;
    writeln!(out, "PDF evaluation of {}", dir.display())?;
    writeln!(out, "  pages             {:>8}", totals.pages)?;
    if !totals.missing.is_empty() {
        writeln!(
            out,
            "  no PDF (skipped)  {:>8}  {}",
            totals.missing.len(),
            totals.missing.join(", ")
        )?;
    }
    writeln!(out, "  scored            {:>8}", totals.scored)?;
    if totals.failed > 0 {
        writeln!(out, "  failed to load    {:>8}", totals.failed)?;
    }
    writeln!(
        out,
        "  precision         {:>8.3}  (mean over pages with output, 4-token shingles)",
        totals.precision
    )?;
    writeln!(
        out,
        "  recall            {:>8.3}  (mean over pages)",
        totals.recall
    )?;
    writeln!(out, "  F1                {:>8.3}", totals.f1)?;
    writeln!(out, "  title found       {:>8}", totals.titles)?;
    writeln!(out, "  address found     {:>8}", totals.urls)?;
    writeln!(
        out,
        "  load time         {:>8.3}  s in total ({:.1} ms per PDF)",
        totals.load_secs,
        1000.0 * totals.load_secs / totals.scored.max(1) as f64
    )?;
    if worst > 0 {
        let mut pages: Vec<_> = report.pages.iter().collect();
        pages.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        writeln!(out, "\nLowest F1:")?;
        for page in pages.into_iter().take(worst) {
            writeln!(
                out,
                "  {:.3}  P {:.3} R {:.3}  {} pp.  {}  {}{}",
                page.f1,
                page.precision.unwrap_or(0.0),
                page.recall,
                page.pdf_pages,
                page.id,
                page.url.as_deref().unwrap_or("-"),
                page.error
                    .as_deref()
                    .map(|e| format!("  ({e})"))
                    .unwrap_or_default()
            )?;
        }
    }
    Ok(())
}
