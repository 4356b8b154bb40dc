//! The library at scale, end to end: writes COUNT (default 10,000) varied copies of the
//! evaluation texts into a temporary folder, indexes them with `LibraryIndex::add_folder`
//! (progress bar on stderr, as `crosscheck library add` shows it), then reopens the index and
//! times building the matcher and comparing one article against the library; then marks
//! verdicts on 300 claims of 100 articles and times building every source's track record and
//! showing one source's record (the one with the most claims, and a typical one).
//!
//! ```text
//! cargo run --release -p crosscheck-engine --example library_scale -- [COUNT]
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

use crosscheck_engine::library::{LibraryIndex, SourceRecords, compare};
use crosscheck_engine::store::{Edit, Store, Target, Verdict};

/// Claims of a record a window shows at a time.
const SHOWN: usize = 50;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let Some(texts) = corpus::eval_texts() else {
        return Ok(());
    };
    let tmp = tempfile::tempdir()?;
    let reports = tmp.path().join("reports");
    let started = Instant::now();
    let paths = corpus::write_library(&reports, &texts, count);
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "wrote {count} articles ({:.1} MB) in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let data = tmp.path().join("data");
    let mut library = LibraryIndex::open(&data)?;
    let bar = indicatif::ProgressBar::new(count as u64);
    let started = Instant::now();
    let summary = library.add_folder(&reports, &[], &mut |p| bar.set_position(p.done as u64))?;
    let indexing = started.elapsed();
    bar.finish_and_clear();
    let index_bytes = std::fs::metadata(data.join("library/index.json"))?.len();
    println!(
        "indexed {} articles ({} claims) in {:.2} s: {:.0} articles/s; index file {:.1} MB",
        summary.indexed,
        summary.claims,
        indexing.as_secs_f64(),
        summary.indexed as f64 / indexing.as_secs_f64(),
        index_bytes as f64 / 1e6
    );

    let started = Instant::now();
    let library = LibraryIndex::open(&data)?;
    let opening = started.elapsed();
    let started = Instant::now();
    let claims = library.matcher().claim_count();
    let building = started.elapsed();
    println!(
        "reopened the index in {:.2} s; built the matcher over {claims} claims in {:.2} s",
        opening.as_secs_f64(),
        building.as_secs_f64()
    );

    let document = crosscheck_engine::load(&paths[count / 2])?;
    let extraction = crosscheck_engine::extract(&document);
    let mut times: Vec<Duration> = Vec::new();
    let mut comparison = None;
    for _ in 0..7 {
        let started = Instant::now();
        comparison = Some(compare(&document, &extraction, &library, None));
        times.push(started.elapsed());
    }
    times.sort();
    let comparison = comparison.expect("compared at least once");
    let matched = comparison
        .claims
        .iter()
        .filter(|c| !c.matches.is_empty())
        .count();
    let matches: usize = comparison.claims.iter().map(|c| c.matches.len()).sum();
    println!(
        "compared one article ({} claims, {matched} found elsewhere, {matches} matches) in \
         {:.1} ms (median of 7; fastest {:.1} ms)",
        comparison.claims.len(),
        times[3].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );

    // Verdicts on three claims of every hundredth article, as a person checking would leave.
    let store = Store::open(&data)?;
    let verdicts = [Verdict::False, Verdict::Misleading, Verdict::Verified];
    for path in paths.iter().step_by(count.div_ceil(100).max(1)) {
        let document = crosscheck_engine::load(path)?;
        let extraction = crosscheck_engine::extract(&document);
        for (claim, verdict) in extraction
            .claims
            .iter()
            .filter(|c| c.source.is_some())
            .zip(verdicts)
        {
            let target = Target::Claim {
                start: claim.start,
                end: claim.end,
            };
            store.update(&document, &target, &[Edit::Verdict(verdict)])?;
        }
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut records = None;
    for _ in 0..3 {
        let started = Instant::now();
        records = Some(SourceRecords::build(&library, Some(&store)));
        times.push(started.elapsed());
    }
    times.sort();
    let records = records.expect("built at least once");
    let sources = records.directory().sources();
    let claims: usize = sources.iter().map(|s| s.claims.len()).sum();
    println!(
        "built every source's track record ({} sources, {claims} claims, {} judged) in {:.2} s \
         (median of 3; fastest {:.2} s)",
        sources.len(),
        records.verdicts().len(),
        times[1].as_secs_f64(),
        times[0].as_secs_f64()
    );
    for source in [&sources[0], &sources[sources.len() / 50]] {
        let time = |page: usize| {
            let mut times: Vec<Duration> = Vec::new();
            for _ in 0..7 {
                let started = Instant::now();
                let record = records.record_page(&library, &source.id, 0, page);
                times.push(started.elapsed());
                std::hint::black_box(record);
            }
            times.sort();
            times[3].as_secs_f64() * 1e3
        };
        println!(
            "showed the record of {} ({}): its first {SHOWN} claims in {:.1} ms, all of them \
             in {:.1} ms (medians of 7)",
            source.name,
            records.track_record(source).describe(),
            time(SHOWN),
            time(usize::MAX)
        );
    }
    Ok(())
}
