//! `crosscheck eval crossdoc DIR`: the library's matcher scored on cross-document event pairs
//! (ECB+ layout), with a TF-IDF cosine baseline on the same pairs.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use crosscheck_engine::eval::crossdoc::{self, CrossdocReport, CrossdocTotals};
use crosscheck_engine::library::score::MatchModel;

use super::eval::progress_bar;

/// Indexes `dir/docs` into a library in a temporary folder, compares every document against
/// it, and prints the scores (or JSON); with `errors`, writes the misses and wrong matches.
pub fn run(
    dir: &Path,
    json: bool,
    errors: Option<&Path>,
    learn: Option<&Path>,
    weights: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if let Some(path) = learn {
        return run_learn(dir, path);
    }
    let model = match weights {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            MatchModel::parse(&text)
                .with_context(|| format!("not a weights file: {}", path.display()))?
        }
        None => MatchModel::get().clone(),
    };
    let data_dir = std::env::temp_dir().join(format!("crosscheck-crossdoc-{}", std::process::id()));
    std::fs::create_dir_all(&data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let bar = progress_bar("documents");
    let result = crossdoc::evaluate_dir(dir, &data_dir, &model, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    // The library was only for this run.
    let _ = std::fs::remove_dir_all(&data_dir);
    let report = result?;
    for (name, reason) in &report.skipped {
        super::warn(&format!("skipped {name}: {reason}"));
    }
    if let Some(path) = errors {
        let mut file = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write the errors file: {}", path.display()))?,
        );
        write_errors(&mut file, &report)
            .with_context(|| format!("cannot write the errors file: {}", path.display()))?;
    }
    super::with_stdout(|mut out| {
        if json {
            serde_json::to_writer_pretty(&mut out, &report.totals)?;
            writeln!(out)?;
        } else {
            write_summary(&mut out, dir, &report.totals)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Learns the match model's weights from the pairs of `dir` and writes them to `path`.
fn run_learn(dir: &Path, path: &Path) -> anyhow::Result<ExitCode> {
    let data_dir = std::env::temp_dir().join(format!("crosscheck-learn-{}", std::process::id()));
    std::fs::create_dir_all(&data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let result = crossdoc::learn_dir(dir, &data_dir);
    let _ = std::fs::remove_dir_all(&data_dir);
    let (model, examples) = result?;
    let comment = format!(
        "Weights of the library's match model (crates/engine/src/library/score.rs): logistic\n\
         regression over pair features, learned by `crosscheck eval crossdoc DIR --learn FILE`\n\
         from {examples} labelled sentence pairs (numbers only, no text of the data), the bias\n\
         set for a false-match rate of {} on them.",
        crossdoc::LEARN_FALSE_MATCH_RATE
    );
    std::fs::write(path, model.to_text(&comment))
        .with_context(|| format!("cannot write {}", path.display()))?;
    super::with_stdout(|out| {
        writeln!(out, "learned from {examples} pairs: {}", path.display())?;
        Ok(ExitCode::SUCCESS)
    })
}

fn write_summary(out: &mut dyn Write, dir: &Path, totals: &CrossdocTotals) -> std::io::Result<()> {
    writeln!(out, "crossdoc: {}", dir.display())?;
    writeln!(
        out,
        "  {} documents, {} claims indexed in {:.2} s; compared in {:.2} s",
        totals.documents, totals.claims, totals.index_seconds, totals.compare_seconds
    )?;
    writeln!(
        out,
        "  matches        {:>6}  precision {:.3}  sister-event share {:.3}  other-topic share {:.3}",
        totals.matches,
        totals.precision(),
        totals.sister_share(),
        if totals.matches == 0 {
            0.0
        } else {
            totals.other_topic_matches as f64 / totals.matches as f64
        }
    )?;
    writeln!(
        out,
        "  same-event pair recall {:.3} ({}/{})  false-match rate {:.3} ({}/{})",
        totals.recall(),
        totals.same_event_found,
        totals.same_event_pairs,
        totals.false_match_rate(),
        totals.different_event_found,
        totals.different_event_pairs
    )?;
    for (label, baseline) in [
        ("at the matcher's false-match rate", &totals.baseline),
        ("at a false-match rate <= 0.010", &totals.baseline_at_001),
    ] {
        writeln!(
            out,
            "  TF-IDF cosine {label}: recall {:.3}, false-match rate {:.3} (threshold {:.3})",
            baseline.recall, baseline.false_match_rate, baseline.threshold
        )?;
    }
    Ok(())
}

fn write_errors(out: &mut impl Write, report: &CrossdocReport) -> std::io::Result<()> {
    writeln!(out, "# wrong matches ({})", report.wrong.len())?;
    for (m, relation) in &report.wrong {
        writeln!(
            out,
            "{:?} {:.3} {}:{} ~ {}:{}\n  A: {}\n  B: {}",
            relation, m.score, m.key.a.0, m.key.a.1, m.key.b.0, m.key.b.1, m.texts.0, m.texts.1
        )?;
    }
    writeln!(out, "\n# missed same-event pairs ({})", report.missed.len())?;
    for (key, a, b) in &report.missed {
        writeln!(
            out,
            "{}:{} ~ {}:{}\n  A: {a}\n  B: {b}",
            key.a.0, key.a.1, key.b.0, key.b.1
        )?;
    }
    Ok(())
}
