//! Loads one article and extracts it, for measuring peak memory from outside:
//!
//!     cargo build --release -p crosscheck-engine --example peak_memory
//!     /usr/bin/time -v target/release/examples/peak_memory FILE [REPEATS]
//!
//! ("Maximum resident set size" is the peak.) Prints the input size, the counts and the time.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: peak_memory FILE");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let document = match crosscheck_engine::load(&path) {
        Ok(document) => document,
        Err(err) => {
            eprintln!("peak_memory: {err}: {}", path.display());
            return ExitCode::from(1);
        }
    };
    let loaded = started.elapsed();
    // An optional second argument repeats the extraction, for steady-state measurements.
    let repeats: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let mut extraction = crosscheck_engine::extract(&document);
    for _ in 1..repeats {
        extraction = crosscheck_engine::extract(&document);
    }
    let extracted = (started.elapsed() - loaded) / repeats.max(1) as u32;
    println!(
        "{} bytes of text, {} claims, {} sources; load {:.3} s, extract {:.3} s",
        document.text.len(),
        extraction.claims.len(),
        extraction.sources.len(),
        loaded.as_secs_f64(),
        extracted.as_secs_f64()
    );
    ExitCode::SUCCESS
}
