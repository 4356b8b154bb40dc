//! Opening a 50-page PDF (target ≤ 300 ms): a report of 50 full pages of running text (about
//! 45 lines each, a heading per page, a running header and folio), written with lopdf's writer,
//! read through the whole loader (text layer, running lines, reading order, blocks, metadata).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    reason = "criterion's macros generate undocumented functions"
)]

#[path = "../tests/support/pdf_fixture.rs"]
mod pdf_fixture;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crosscheck_engine::document::{Format, load_bytes};
use pdf_fixture::{Line, line, pdf};

const PAGES: usize = 50;

fn report() -> Vec<u8> {
    let pages: Vec<Vec<Line>> = (1..=PAGES)
        .map(|n| {
            let mut lines = vec![
                line(72.0, 36.0, 8.0, "Annual Report of the Harbour Board"),
                line(
                    72.0,
                    80.0,
                    16.0,
                    &format!("Section {n}: the ferry accounts"),
                ),
            ];
            for row in 0..45 {
                lines.push(line(
                    72.0,
                    110.0 + 14.0 * row as f64,
                    11.0,
                    &format!(
                        "In year {row} the board said its ferry carried {} passengers, the \
                         auditor noted.",
                        row * 1000 + n
                    ),
                ));
            }
            lines.push(line(300.0, 770.0, 9.0, &n.to_string()));
            lines
        })
        .collect();
    pdf(&pages, &[("Title", "Annual Report of the Harbour Board")])
}

fn pdf_benches(c: &mut Criterion) {
    let bytes = report();
    let mut group = c.benchmark_group("pdf");
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(20);
    group.bench_function("open a 50-page report", |b| {
        b.iter(|| load_bytes(black_box(&bytes), Format::Pdf).unwrap())
    });
    group.finish();
}

criterion_group!(benches, pdf_benches);
criterion_main!(benches);
