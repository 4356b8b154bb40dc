//! Cost of opening an unchanged article (`Store::open_article`, which records the visit):
//! the fastest and the median of 300 opens, for an article of 1,000 notes and one of 50 KB with
//! 40 notes. Minimums are what a loaded machine cannot inflate.
//!
//! ```text
//! TMPDIR=/dev/shm cargo run --release -p crosscheck-engine --example store_open_cost
//! ```

use std::time::{Duration, Instant};

use crosscheck_engine::store::{Store, Target, Verdict};

fn time_opens(store: &Store, document: &crosscheck_engine::Document) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..300)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(store.open_article(document).expect("open"));
            started.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[times.len() / 2])
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // 1,000 claims, one note each.
    let mut text = String::from("Budget hearing, day three\n\n");
    let mut spans = Vec::new();
    for i in 0..1_000 {
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
    let path = dir.path().join("hearing.txt");
    std::fs::write(&path, &text).expect("write");
    let document = crosscheck_engine::load(&path).expect("load");
    let store = Store::open(dir.path().join("store")).expect("store");
    for (i, &(start, end)) in spans.iter().enumerate() {
        store
            .set_verdict(
                &document,
                &Target::Claim { start, end },
                Verdict::ALL[i % 6],
            )
            .expect("seed");
    }
    let (min, median) = time_opens(&store, &document);
    println!(
        "1,000 notes: min {:.2} ms, median {:.2} ms",
        min.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3
    );
    // 50 KB, 40 notes.
    let words = [
        "council", "budget", "harbour", "bridge", "minister", "report", "figures", "estimate",
    ];
    let mut text = String::from("Harbour bridge inquiry\n\n");
    let mut i = 0usize;
    while text.len() < 50_000 {
        for _ in 0..4 {
            text.push_str(&format!(
                "The {} said on day {} that the {} would reach {} million. ",
                words[i % 8],
                i % 31,
                words[(i * 3) % 8],
                i % 97
            ));
            i += 1;
        }
        text.push_str("\n\n");
    }
    let path = dir.path().join("inquiry.txt");
    std::fs::write(&path, &text).expect("write");
    let document = crosscheck_engine::load(&path).expect("load");
    let claims = crosscheck_engine::extract(&document).claims;
    for claim in claims.iter().step_by((claims.len() / 40).max(1)) {
        store
            .set_verdict(
                &document,
                &Target::Claim {
                    start: claim.start,
                    end: claim.end,
                },
                Verdict::False,
            )
            .expect("seed");
    }
    let (min, median) = time_opens(&store, &document);
    println!(
        "50 KB, {} notes: min {:.2} ms, median {:.2} ms",
        store.load(&document).expect("load").notes.len(),
        min.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3
    );
}
