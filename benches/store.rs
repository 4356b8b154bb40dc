//! Notes store benchmarks on an article with 1,000 notes: saving one verdict (target < 20 ms),
//! opening the store and loading the article's notes (target < 50 ms), and loading them after
//! an edit that moves every claim. Then versions: opening an unchanged article of 50 KB with
//! 40 notes (its cost against the build before versions and the journal: at most 2 ms more),
//! and diffing two versions of that article (target ≤ 20 ms), alone and as the store does it
//! on open (reading the earlier text from the version store, placing the notes).
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crosscheck_engine::store::{Store, Target, Verdict, diff_texts};

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

/// Words the 50 KB article is made of, so that its sentences are varied.
const WORDS: [&str; 24] = [
    "council",
    "budget",
    "harbour",
    "bridge",
    "minister",
    "report",
    "figures",
    "estimate",
    "residents",
    "ferry",
    "contract",
    "tender",
    "engineers",
    "summer",
    "deadline",
    "funding",
    "province",
    "auditor",
    "schedule",
    "vote",
    "opposition",
    "mayor",
    "spokesperson",
    "plan",
];

/// An article of about 50 KB: paragraphs of four varied sentences each.
fn article_50kb() -> String {
    let mut text = String::from("Harbour bridge inquiry, final day\n\n");
    let mut i = 0usize;
    while text.len() < 50_000 {
        for _ in 0..4 {
            let w = |k: usize| WORDS[(i * 7 + k * 5) % WORDS.len()];
            text.push_str(&format!(
                "The {} said on day {} that the {} for the {} would reach {} million, {} {} told the {}. ",
                w(0),
                i % 31,
                w(1),
                w(2),
                i % 97,
                w(3),
                w(4),
                w(5)
            ));
            i += 1;
        }
        text.push_str("\n\n");
    }
    text
}

/// The next version of `text`: three sentences reworded, a paragraph inserted near the top and
/// one removed further down.
fn next_version(text: &str) -> String {
    let mut paragraphs: Vec<String> = text.split("\n\n").map(str::to_owned).collect();
    for at in [20, 60, 100] {
        paragraphs[at] = paragraphs[at].replacen(" would reach ", " would not reach even ", 1);
    }
    paragraphs.remove(80);
    paragraphs.insert(
        3,
        "Correction: an earlier version of this report gave the wrong date for the vote."
            .to_owned(),
    );
    paragraphs.join("\n\n")
}

fn version_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let text = article_50kb();
    let path = dir.path().join("inquiry.txt");
    std::fs::write(&path, &text).expect("write article");
    let document = crosscheck_engine::load(&path).expect("load article");
    let store = Store::open(dir.path().join("store")).expect("open store");
    let claims = crosscheck_engine::extract(&document).claims;
    for (i, claim) in claims
        .iter()
        .step_by((claims.len() / 40).max(1))
        .enumerate()
    {
        let target = Target::Claim {
            start: claim.start,
            end: claim.end,
        };
        let verdict = Verdict::ALL[1 + i % (Verdict::ALL.len() - 1)];
        store
            .set_verdict(&document, &target, verdict)
            .expect("seed a note");
    }
    let mut group = c.benchmark_group("versions_50kb");
    group
        .sample_size(40)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("open_unchanged_article_recording_the_visit", |b| {
        b.iter(|| black_box(store.open_article(&document).expect("open article")));
    });
    let edited_text = next_version(&text);
    group.bench_function("diff_two_versions", |b| {
        b.iter(|| black_box(diff_texts(black_box(&text), black_box(&edited_text))));
    });
    std::fs::write(&path, &edited_text).expect("write the next version");
    let edited = crosscheck_engine::load(&path).expect("load the next version");
    let notes = store.load(&edited).expect("load");
    let revision = store
        .revision(&edited, &notes)
        .expect("revision")
        .expect("changed");
    assert_eq!(revision.passage_count(), 5, "{}", revision.summary());
    group.bench_function("revision_on_open_read_and_diff", |b| {
        b.iter(|| black_box(store.revision(&edited, &notes).expect("revision")));
    });
    group.finish();
}

criterion_group!(benches, store_benches, version_benches);
criterion_main!(benches);
