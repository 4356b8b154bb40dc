//! Evaluation of the engine against annotated third-party data sets, given a folder at run time.
//! `crosscheck eval polnear DIR [--json] [--errors FILE]`, `crosscheck eval crossdoc DIR`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use crosscheck_engine::eval::html::{self, HtmlReport};
use crosscheck_engine::eval::polnear::{self, PolnearReport, PolnearTotals};
use indicatif::{ProgressBar, ProgressStyle};

use super::ArgPath;

/// Evaluation data sets.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score claim extraction on a folder of brat attribution annotations (PolNeAR layout).
    Polnear {
        /// Folder holding NAME.txt and NAME.ann pairs.
        dir: ArgPath,
        /// Print the totals as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Write every miss, false positive and wrong source, grouped by document, to FILE.
        #[arg(long, value_name = "FILE")]
        errors: Option<ArgPath>,
    },
    /// Score the web-page loader on saved pages with their true article text
    /// (article-extraction-benchmark layout: ground-truth.json beside html/ID.html.gz; WCXB
    /// entries with title, author, date and with/without snippets are scored on those too).
    Html {
        /// Folder holding ground-truth.json and html/.
        dir: ArgPath,
        /// Print the totals and every page's score as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Also list the N pages with the lowest F1.
        #[arg(long, value_name = "N", default_value_t = 0)]
        worst: usize,
        /// Write each page's extracted text to DIR/ID.txt (to diff against the truth).
        #[arg(long, value_name = "DIR")]
        texts: Option<ArgPath>,
    },
    /// Score the library's matcher on cross-document event pairs (ECB+ layout: docs/NAME.txt,
    /// docs.json, pairs.jsonl), with a TF-IDF cosine baseline on the same pairs.
    Crossdoc {
        /// Folder holding docs/, docs.json and pairs.jsonl.
        dir: ArgPath,
        /// Print the totals as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Write the missed same-event pairs and the wrong matches to FILE.
        #[arg(long, value_name = "FILE")]
        errors: Option<ArgPath>,
        /// Learn the match model's weights from the pairs and write them to FILE (the shipped
        /// ones are assets/library/match_weights.txt), instead of scoring.
        #[arg(long, value_name = "FILE")]
        learn: Option<ArgPath>,
        /// Score with the weights in FILE instead of the shipped ones.
        #[arg(long, value_name = "FILE")]
        weights: Option<ArgPath>,
    },
    /// Score the PDF loader on printed pages with their true text (ground-truth.json beside
    /// pdf/ID.pdf, as scripts/pdf-benchmark.sh prints them).
    Pdf {
        /// Folder holding ground-truth.json and pdf/.
        dir: ArgPath,
        /// Print the totals and every page's score as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Also list the N pages with the lowest F1.
        #[arg(long, value_name = "N", default_value_t = 0)]
        worst: usize,
        /// Write the text read from each PDF to DIR/ID.txt.
        #[arg(long, value_name = "DIR")]
        texts: Option<ArgPath>,
    },
}

/// Runs an evaluation and prints its scores.
pub fn run(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Polnear { dir, json, errors } => run_polnear(&dir, json, errors.as_deref()),
        EvalCommand::Html {
            dir,
            json,
            worst,
            texts,
        } => run_html(&dir, json, worst, texts.as_deref()),
        EvalCommand::Crossdoc {
            dir,
            json,
            errors,
            learn,
            weights,
        } => super::eval_crossdoc::run(
            &dir,
            json,
            errors.as_deref(),
            learn.as_deref(),
            weights.as_deref(),
        ),
        EvalCommand::Pdf {
            dir,
            json,
            worst,
            texts,
        } => super::eval_pdf::run(&dir, json, worst, texts.as_deref()),
    }
}

/// A progress bar on stderr counting `unit`s (hidden when stderr is not a terminal).
pub(super) fn progress_bar(unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {unit}  {{elapsed}} {{wide_msg}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

fn run_html(
    dir: &Path,
    json: bool,
    worst: usize,
    texts: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let bar = progress_bar("pages");
    let result = html::evaluate_dir(dir, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = result?;
    if let Some(texts) = texts {
        write_texts(
            texts,
            report
                .pages
                .iter()
                .map(|p| (p.id.as_str(), p.text.as_str())),
        )?;
    }
    super::with_stdout(|mut out| {
        if json {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        } else {
            write_html_summary(&mut out, dir, &report, worst)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn write_html_summary(
    out: &mut impl Write,
    dir: &Path,
    report: &HtmlReport,
    worst: usize,
) -> std::io::Result<()> {
    let totals = &report.totals;
    let share = |n: usize| {
        if totals.pages == 0 {
            0.0
        } else {
            100.0 * n as f64 / totals.pages as f64
        }
    };
    writeln!(out, "Web page evaluation of {}", dir.display())?;
    writeln!(out, "  pages             {:>8}", totals.pages)?;
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
    for (label, n) in [
        ("title", totals.titles),
        ("byline", totals.bylines),
        ("outlet", totals.outlets),
        ("date", totals.dates),
    ] {
        writeln!(out, "  {label:<8} filled   {n:>8}  ({:.1}%)", share(n))?;
    }
    let snippets = &totals.snippets;
    if snippets.true_positives + snippets.false_negatives + snippets.false_positives > 0 {
        writeln!(
            out,
            "  snippets          P {:.3} R {:.3} F1 {:.3}  ({} of {} `with` found, {} of {} \
             `without` found)",
            snippets.precision(),
            snippets.recall(),
            snippets.f1(),
            snippets.true_positives,
            snippets.true_positives + snippets.false_negatives,
            snippets.false_positives,
            snippets.false_positives + snippets.true_negatives
        )?;
    }
    for (label, right, checked) in [
        ("title", totals.titles_right, totals.titles_checked),
        ("byline", totals.bylines_right, totals.bylines_checked),
        ("date", totals.dates_right, totals.dates_checked),
    ] {
        if checked > 0 {
            writeln!(
                out,
                "  {label:<8} right    {right:>8}  of {checked} ({:.1}%)",
                100.0 * right as f64 / checked as f64
            )?;
        }
    }
    writeln!(
        out,
        "  load time         {:>8.3}  s in total ({:.1} ms per page, median {:.1} ms)",
        totals.load_secs,
        1000.0 * totals.load_secs / totals.pages.max(1) as f64,
        totals.median_load_ms
    )?;
    if worst > 0 {
        let mut pages: Vec<_> = report.pages.iter().collect();
        let f1 = |p: &html::PageScore| {
            let precision = p.precision.unwrap_or(0.0);
            if precision + p.recall > 0.0 {
                2.0 * precision * p.recall / (precision + p.recall)
            } else {
                0.0
            }
        };
        pages.sort_by(|a, b| f1(a).total_cmp(&f1(b)).then_with(|| a.id.cmp(&b.id)));
        writeln!(out, "\nLowest F1:")?;
        for page in pages.into_iter().take(worst) {
            writeln!(
                out,
                "  {:.3}  P {:.3} R {:.3}  {}  {}{}",
                f1(page),
                page.precision.unwrap_or(0.0),
                page.recall,
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

fn run_polnear(dir: &Path, json: bool, errors_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let bar = progress_bar("documents");
    let result = polnear::evaluate_dir(dir, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = result?;

    for skipped in &report.skipped {
        super::warn(&format!("skipped {}: {}", skipped.name, skipped.reason));
    }
    if let Some(path) = errors_path {
        write_errors_file(path, dir, &report)
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

/// Writes each page's extracted text to `dir/ID.txt` (`--texts DIR`), to diff against the truth.
pub(super) fn write_texts<'a>(
    dir: &Path,
    pages: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (id, text) in pages {
        let path = dir.join(format!("{id}.txt"));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn write_summary(out: &mut impl Write, dir: &Path, totals: &PolnearTotals) -> std::io::Result<()> {
    writeln!(out, "PolNeAR evaluation of {}", dir.display())?;
    writeln!(out, "  files             {:>8}", totals.files)?;
    if totals.skipped > 0 {
        writeln!(out, "  skipped           {:>8}", totals.skipped)?;
    }
    writeln!(out, "  gold              {:>8}", totals.gold)?;
    writeln!(out, "  predicted         {:>8}", totals.predicted)?;
    writeln!(out, "  matched           {:>8}", totals.matched)?;
    writeln!(
        out,
        "  precision         {:>8.3}  (matched / predicted)",
        totals.precision
    )?;
    writeln!(
        out,
        "  recall            {:>8.3}  (matched / gold)",
        totals.recall
    )?;
    writeln!(out, "  F1                {:>8.3}", totals.f1)?;
    writeln!(
        out,
        "  source accuracy   {:>8.3}  ({} / {} found with a gold source)",
        totals.source_accuracy, totals.source_correct, totals.source_total
    )?;
    if totals.seconds < 0.001 {
        writeln!(
            out,
            "  speed             {:>8}  ({} words in under 1 ms of extraction: too fast to time)",
            "-", totals.words
        )?;
    } else {
        writeln!(
            out,
            "  speed             {:>8.0}  words/s ({} words in {:.3} s of extraction)",
            totals.words_per_sec, totals.words, totals.seconds
        )?;
    }
    if totals.annotation_warnings > 0 {
        writeln!(
            out,
            "  annotation warnings {:>6}  (listed with --errors FILE)",
            totals.annotation_warnings
        )?;
    }
    Ok(())
}

/// Longest snippet of claim or content text in the errors file, in chars.
const SNIPPET_CHARS: usize = 320;

fn write_errors_file(path: &Path, dir: &Path, report: &PolnearReport) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::new(file);
    write_errors(&mut out, dir, report)?;
    out.flush()?;
    Ok(())
}

/// One line-group of the errors file, placed by char offset within its document.
struct Entry {
    start: usize,
    order: u8,
    lines: Vec<String>,
}

fn write_errors(out: &mut impl Write, dir: &Path, report: &PolnearReport) -> std::io::Result<()> {
    let totals = &report.totals;
    let misses: usize = report
        .documents
        .iter()
        .map(|d| d.score.false_negatives.len())
        .sum();
    let extras: usize = report
        .documents
        .iter()
        .map(|d| d.score.false_positives.len())
        .sum();
    let wrong: usize = report
        .documents
        .iter()
        .map(|d| d.score.wrong_sources.len())
        .sum();
    writeln!(out, "Crosscheck PolNeAR errors for {}", dir.display())?;
    writeln!(
        out,
        "files {} | gold {} | predicted {} | matched {} | P {:.3} R {:.3} F1 {:.3} | source {}/{} ({:.3})",
        totals.files,
        totals.gold,
        totals.predicted,
        totals.matched,
        totals.precision,
        totals.recall,
        totals.f1,
        totals.source_correct,
        totals.source_total,
        totals.source_accuracy
    )?;
    writeln!(
        out,
        "{misses} MISS (gold attribution no claim covers >= {}% of), {extras} EXTRA (attributed claim \
         matching no gold), {wrong} SOURCE (found, wrong source).",
        polnear::MIN_COVERAGE_PERCENT
    )?;
    writeln!(
        out,
        "Entries are in text order within each document; @N is the char offset."
    )?;

    write_tally(
        out,
        "Cues of the misses (most frequent first)",
        report
            .documents
            .iter()
            .flat_map(|d| &d.score.false_negatives)
            .map(|f| f.cue.as_deref().map_or("(none)".to_owned(), normalize_cue)),
    )?;
    write_tally(
        out,
        "Attribution kinds of the extras",
        report
            .documents
            .iter()
            .flat_map(|d| &d.score.false_positives)
            .map(|f| f.attribution.as_str().to_owned()),
    )?;

    for skipped in &report.skipped {
        writeln!(out, "\nSKIPPED {}: {}", skipped.name, skipped.reason)?;
    }
    for doc in &report.documents {
        let score = &doc.score;
        let has_errors = !score.false_negatives.is_empty()
            || !score.false_positives.is_empty()
            || !score.wrong_sources.is_empty()
            || !doc.warnings.is_empty();
        if !has_errors {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "==== {}  (gold {}, predicted {}, matched {}, source {}/{})",
            doc.name,
            score.gold,
            score.predicted,
            score.matched,
            score.source_correct,
            score.source_total
        )?;
        for warning in &doc.warnings {
            writeln!(out, "WARN   {warning}")?;
        }
        let mut entries = Vec::new();
        for miss in &score.false_negatives {
            let mut lines = vec![
                format!(
                    "MISS   @{}  source: {}  cue: {}",
                    miss.start,
                    quoted(miss.source.as_deref()),
                    quoted(miss.cue.as_deref())
                ),
                format!("       {}", snippet(&miss.content)),
            ];
            if let Some(nearest) = &miss.nearest {
                lines.push(format!(
                    "       nearest claim covers {:.0}%: {}",
                    nearest.coverage * 100.0,
                    snippet(&nearest.text)
                ));
            }
            entries.push(Entry {
                start: miss.start,
                order: 0,
                lines,
            });
        }
        for extra in &score.false_positives {
            entries.push(Entry {
                start: extra.start,
                order: 1,
                lines: vec![
                    format!(
                        "EXTRA  @{}  {}  source: {}  cue: {}",
                        extra.start,
                        extra.attribution.as_str(),
                        quoted(extra.source.as_deref()),
                        quoted(extra.cue.as_deref())
                    ),
                    format!("       {}", snippet(&extra.text)),
                ],
            });
        }
        for wrong in &score.wrong_sources {
            entries.push(Entry {
                start: wrong.start,
                order: 2,
                lines: vec![
                    format!(
                        "SOURCE @{}  gold: {}  predicted: {} -> {}  cue: {}",
                        wrong.start,
                        quoted(Some(&wrong.gold_source)),
                        quoted(wrong.predicted_mention.as_deref()),
                        quoted(wrong.predicted_name.as_deref()),
                        quoted(wrong.cue.as_deref())
                    ),
                    format!("       {}", snippet(&wrong.content)),
                ],
            });
        }
        entries.sort_by_key(|e| (e.start, e.order));
        for entry in entries {
            for line in entry.lines {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// Writes "title: a 12, b 7, …" for the 25 most frequent values.
fn write_tally(
    out: &mut impl Write,
    title: &str,
    values: impl Iterator<Item = String>,
) -> std::io::Result<()> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    if counts.is_empty() {
        return Ok(());
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let shown: Vec<String> = sorted
        .iter()
        .take(25)
        .map(|(value, count)| format!("{value} {count}"))
        .collect();
    let more = sorted.len().saturating_sub(25);
    let tail = if more > 0 {
        format!(", … {more} more")
    } else {
        String::new()
    };
    writeln!(out, "\n{title}: {}{tail}", shown.join(", "))
}

fn normalize_cue(cue: &str) -> String {
    crosscheck_engine::text::squash_whitespace(cue).to_lowercase()
}

fn quoted(text: Option<&str>) -> String {
    text.map_or("-".to_owned(), |t| format!("\"{}\"", snippet(t)))
}

/// Squashes whitespace and shortens to [`SNIPPET_CHARS`], ending with an ellipsis when cut.
fn snippet(text: &str) -> String {
    let text = crosscheck_engine::text::squash_whitespace(text);
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS - 1).collect();
    format!("{cut}…")
}
