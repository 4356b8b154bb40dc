//! Library benchmarks on copies of the evaluation texts (`../shared/eval/polnear-dev`, read at
//! run time, see `support/corpus.rs`): indexing 200 articles (target: at least 200
//! articles/s), and comparing one article's claims against a library of 10,000 articles
//! (target: under 200 ms), building every source's track record over those 10,000 articles
//! (target: under 2 s) and showing the record of the source with the most claims, its track
//! record and first 50 claims as the window shows it (target: under 50 ms), and whole. `examples/library_scale.rs` runs the full 10,000-article indexing end to end.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_engine::library::{LibraryIndex, SourceRecords, compare};

fn library(c: &mut Criterion) {
    let Some(texts) = corpus::eval_texts() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("a temporary folder");

    let small = tmp.path().join("small");
    corpus::write_library(&small, &texts, 200);
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(200));
    group.bench_function("index 200 articles", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a data folder"),
            |data| {
                let mut library = LibraryIndex::open(data.path()).expect("open");
                let summary = library.add_folder(&small, &[], &mut |_| {}).expect("index");
                black_box(summary.indexed)
            },
            BatchSize::PerIteration,
        );
    });

    let large = tmp.path().join("large");
    let paths = corpus::write_library(&large, &texts, 10_000);
    let data = tmp.path().join("data");
    let mut index = LibraryIndex::open(&data).expect("open");
    index
        .add_folder(&large, &[], &mut |_| {})
        .expect("index 10,000 articles");
    let document = crosscheck_engine::load(&paths[5_000]).expect("load one article");
    let extraction = crosscheck_engine::extract(&document);
    let _ = index.matcher();
    group.throughput(Throughput::Elements(extraction.claims.len() as u64));
    group.bench_function("compare one article with 10,000", |b| {
        b.iter(|| black_box(compare(&document, &extraction, &index, None)));
    });
    let store = crosscheck_engine::store::Store::open(&data).expect("a store");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("build every source's record, 10,000 articles", |b| {
        b.iter(|| black_box(SourceRecords::build(&index, Some(&store))));
    });
    let records = SourceRecords::build(&index, Some(&store));
    let busiest = records.directory().sources()[0].id.clone();
    group.throughput(Throughput::Elements(1));
    group.bench_function("show the busiest source's record, 10,000 articles", |b| {
        b.iter(|| black_box(records.record_page(&index, &busiest, 0, 50)));
    });
    group.bench_function("the busiest source's whole record, 10,000 articles", |b| {
        b.iter(|| black_box(records.record(&index, &busiest)));
    });
    group.finish();
}

criterion_group!(benches, library);
criterion_main!(benches);
