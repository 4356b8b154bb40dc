//! Extraction throughput, with loading measured apart.
//!
//! - `corpus`: the concatenated `.txt` files of `../shared/eval/polnear-dev` (read at run time,
//!   never copied into the repository), or, where that folder is absent, the bundled sample
//!   repeated to about 400 KB.
//! - `scaling`: 1 MB and 10 MB built by repeating the corpus, to show that cost is linear.
//!
//! Run with `cargo bench -p crosscheck-engine --bench extract`; throughput is reported in bytes per second.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use crosscheck_engine::document::{Format, load_bytes};

const SAMPLE: &str = include_str!("../assets/sample-article.txt");
const POLNEAR_DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/polnear-dev");
const FALLBACK_BYTES: usize = 400 * 1024;
const MB: usize = 1024 * 1024;

/// The development texts joined by blank lines, sorted by file name; `None` when absent.
fn polnear_texts(dir: &Path) -> Option<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    (!texts.is_empty()).then(|| texts.join("\n\n"))
}

/// The corpus and a label saying where it came from.
fn corpus() -> (String, &'static str) {
    match polnear_texts(Path::new(POLNEAR_DEV)) {
        Some(text) => (text, "polnear-dev"),
        None => (repeat_to(SAMPLE, FALLBACK_BYTES), "sample-x"),
    }
}

/// `text` repeated (joined by blank lines) and cut at the last paragraph break before `bytes`,
/// so inputs of different sizes hold the same mix of text.
fn repeat_to(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len() + 2);
    while out.len() < bytes {
        out.push_str(text);
        out.push_str("\n\n");
    }
    let mut cut = bytes.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(paragraph_end) = out[..cut].rfind("\n\n") {
        cut = paragraph_end + 2;
    }
    out.truncate(cut);
    out
}

fn load(text: &str) -> crosscheck_engine::Document {
    match load_bytes(text.as_bytes(), Format::Text) {
        Ok(document) => document,
        Err(err) => panic!("the benchmark input does not load: {err}"),
    }
}

fn corpus_benches(c: &mut Criterion) {
    let (text, label) = corpus();
    let document = load(&text);
    eprintln!(
        "corpus {label}: {} bytes, {} claims",
        text.len(),
        crosscheck_engine::extract(&document).claims.len()
    );
    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(BenchmarkId::new("load", label), |b| {
        b.iter(|| load_bytes(black_box(text.as_bytes()), Format::Text))
    });
    group.bench_function(BenchmarkId::new("extract", label), |b| {
        b.iter(|| crosscheck_engine::extract(black_box(&document)))
    });
    group.finish();
}

fn scaling_benches(c: &mut Criterion) {
    let (text, _) = corpus();
    let mut group = c.benchmark_group("scaling");
    // Flat sampling: every sample runs the same number of iterations, which suits inputs whose
    // single iteration takes a large part of a second.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(15));
    for megabytes in [1, 10] {
        let input = repeat_to(&text, megabytes * MB);
        let document = load(&input);
        let label = format!("{megabytes}MB");
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(BenchmarkId::new("load", &label), |b| {
            b.iter(|| load_bytes(black_box(input.as_bytes()), Format::Text))
        });
        group.bench_function(BenchmarkId::new("extract", &label), |b| {
            b.iter(|| crosscheck_engine::extract(black_box(&document)))
        });
    }
    group.finish();
}

criterion_group!(benches, corpus_benches, scaling_benches);
criterion_main!(benches);
