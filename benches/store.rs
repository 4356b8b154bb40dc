//! Notes store benchmarks on an article with 1,000 notes: saving one verdict (target < 20 ms),
//! opening the store and loading the article's notes (target < 50 ms), and loading them after
//! an edit that moves every claim.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crosscheck_engine::store::{Store, Target, Verdict};

const NOTES: usize = 1_000;

/// An article of 1,000 sentences, each a claim, and the char span of each.
fn article() -> (String, Vec<(usize, usize)>) {
    let mut text = String::from("Budget hearing, day three\n\n");
    let mut spans = Vec::with_capacity(NOTES);
    for i in 0..NOTES {
        let sentence = format!(
            "Councillor {i} said that line {} of the budget would rise by {} percent next year.",
            i * 7,
            i % 13
        );
        let start = text.chars().count();
        spans.push((start, start + sentence.chars().count()));
        text.push_str(&sentence);
        text.push_str(if i % 5 == 4 { "\n\n" } else { " " });
    }
    (text, spans)
}

fn store_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (text, spans) = article();
    let path = dir.path().join("hearing.txt");
    std::fs::write(&path, &text).expect("write article");
    let document = crosscheck_engine::load(&path).expect("load article");
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open store");
    for (i, &(start, end)) in spans.iter().enumerate() {
        let verdict = Verdict::ALL[i % Verdict::ALL.len()];
        store
            .set_verdict(&document, &Target::Claim { start, end }, verdict)
            .expect("seed a note");
    }
    assert_eq!(store.load(&document).expect("load").notes.len(), NOTES);

    let mut group = c.benchmark_group("store_1000_notes");
    group
        .sample_size(40)
        .measurement_time(Duration::from_secs(8));
    let mut i = 0usize;
    group.bench_function("save_one_verdict", |b| {
        b.iter(|| {
            i += 1;
            let (start, end) = spans[(i * 37) % NOTES];
            let verdict = if i.is_multiple_of(2) {
                Verdict::False
            } else {
                Verdict::Verified
            };
            black_box(
                store
                    .set_verdict(&document, &Target::Claim { start, end }, verdict)
                    .expect("save"),
            );
        });
    });
    group.bench_function("open_store_and_load_notes", |b| {
        b.iter(|| {
            let store = Store::open(&store_dir).expect("open");
            black_box(store.load(&document).expect("load"));
        });
    });
    group.bench_function("open_article_recording_the_visit", |b| {
        b.iter(|| black_box(store.open_article(&document).expect("open article")));
    });
    // Every claim moved by an inserted paragraph: each note re-anchored as `moved`.
    let edited_path = dir.path().join("hearing-edited.txt");
    std::fs::write(
        &edited_path,
        text.replacen("\n\n", "\n\nAn editor's note added at the top.\n\n", 1),
    )
    .expect("write edited");
    let mut edited = crosscheck_engine::load(&edited_path).expect("load edited");
    edited.path = document.path.clone();
    group.bench_function("load_notes_after_an_edit_moving_all", |b| {
        b.iter(|| black_box(store.load(&edited).expect("load")));
    });
    group.finish();
}

criterion_group!(benches, store_benches);
criterion_main!(benches);
