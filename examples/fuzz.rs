//! The full fuzz run: seeded inputs at full size through the loaders, extraction, the store,
//! imports and every export (tests/support/fuzz.rs builds them), each watched for a panic, a
//! hang (20 s), a memory blow-up (1.5 GB resident) and an unsafe export.
//!
//! ```text
//! cargo run --release -p crosscheck-engine --example fuzz -- --cases 100000 --seed 1
//! ```
//!
//! A finding prints its seed and case index; `--from N` starts a run at case N to replay it.
//! Exit status: 0 when nothing was found, 1 otherwise.

#![allow(
    clippy::unwrap_used,
    reason = "a fuzz driver; what it measures is the engine"
)]

#[path = "../tests/support/fuzz.rs"]
mod fuzz;
#[path = "../tests/support/paths.rs"]
mod paths;
#[path = "../tests/support/pdf_fixture.rs"]
mod pdf_fixture;

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use fuzz::{Finding, Scale, Seeds};

/// A case that spends more processor time than this hangs.
const HANG: Duration = Duration::from_secs(20);

/// A case that takes longer than this on the clock hangs, however loaded the machine is.
const HANG_WALL: Duration = Duration::from_secs(300);

/// Processor time (user + system) used so far by the thread with this id, from /proc
/// (`None` where there is no /proc).
fn thread_cpu_time(thread_id: u64) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{thread_id}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel counts in clock ticks of 1/100 s on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// The id of the calling thread, from /proc (0 where there is none).
fn this_thread_id() -> u64 {
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Waits for a case's result; `None` when the case spent more than [`HANG`] of processor time
/// (or, where that cannot be read, of clock time) or [`HANG_WALL`] on the clock.
fn wait_for<T>(results: &mpsc::Receiver<T>, worker_thread: u64) -> Option<T> {
    let started = Instant::now();
    let cpu_at_start = thread_cpu_time(worker_thread);
    loop {
        match results.recv_timeout(Duration::from_secs(1)) {
            Ok(result) => return Some(result),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let spent = match (cpu_at_start, thread_cpu_time(worker_thread)) {
            (Some(before), Some(now)) => now.saturating_sub(before),
            _ => started.elapsed(),
        };
        if spent > HANG || started.elapsed() > HANG_WALL {
            return None;
        }
    }
}

/// Resident memory above this is a blow-up.
const MEMORY_LIMIT_BYTES: u64 = 1_500 * 1024 * 1024;

/// Resident memory of this process, from /proc (0 where there is none).
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// Writes a case's input to FOLDER/case-INDEX.* for replay with the CLI.
fn save_case(folder: &std::path::Path, index: u64, case: &fuzz::Case) {
    let (extension, bytes): (String, Vec<u8>) = match &case.input {
        fuzz::Input::File(format, bytes) => (format!("{format:?}").to_lowercase(), bytes.clone()),
        fuzz::Input::Import(text) => ("w3c.json".to_owned(), text.clone().into_bytes()),
        fuzz::Input::NotesFile(bytes) => ("notes.json".to_owned(), bytes.clone()),
        fuzz::Input::Export { notes, links } => (
            "export.txt".to_owned(),
            format!("{notes:?}\n{links:?}").into_bytes(),
        ),
    };
    let path = folder.join(format!("case-{index}.{extension}"));
    eprintln!(
        "case {index} ({}): {} bytes -> {}",
        case.label,
        bytes.len(),
        path.display()
    );
    let _ = std::fs::create_dir_all(folder);
    let _ = std::fs::write(path, bytes);
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    let cases = arg("--cases", 10_000);
    let seed = arg("--seed", 1);
    let from = arg("--from", 0);
    let save = std::env::args()
        .skip_while(|a| a != "--save")
        .nth(1)
        .map(std::path::PathBuf::from);
    let seeds = Arc::new(Seeds::read(&paths::top()));
    // Panics are findings, reported below; the default hook would print each one.
    std::panic::set_hook(Box::new(|_| {}));

    let peak = Arc::new(AtomicU64::new(0));
    let is_done = Arc::new(AtomicBool::new(false));
    let current = Arc::new(AtomicU64::new(from));
    let watcher = {
        let (peak, is_done, current) = (peak.clone(), is_done.clone(), current.clone());
        std::thread::spawn(move || {
            while !is_done.load(Ordering::Relaxed) {
                let now = resident_bytes();
                peak.fetch_max(now, Ordering::Relaxed);
                if now > MEMORY_LIMIT_BYTES {
                    eprintln!(
                        "MEMORY BLOW-UP: seed {seed} case {}: {} MB resident",
                        current.load(Ordering::Relaxed),
                        now >> 20
                    );
                    std::process::exit(1);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };

    let worker_thread = Arc::new(AtomicU64::new(0));
    let (to_worker, work) = mpsc::channel::<u64>();
    let (to_main, results) = mpsc::channel::<(u64, &'static str, Option<Finding>, Duration)>();
    let worker = {
        let seeds = seeds.clone();
        let current = current.clone();
        let worker_thread = worker_thread.clone();
        std::thread::spawn(move || {
            worker_thread.store(this_thread_id(), Ordering::Relaxed);
            for index in work {
                current.store(index, Ordering::Relaxed);
                let started = Instant::now();
                let case = fuzz::case(seed, index, Scale::Full, &seeds);
                if let Some(folder) = &save {
                    save_case(folder, index, &case);
                }
                let Ok(scratch) = tempfile::tempdir() else {
                    break;
                };
                let finding = fuzz::run(&case, &seeds, scratch.path());
                if to_main
                    .send((index, case.label, finding, started.elapsed()))
                    .is_err()
                {
                    break;
                }
            }
        })
    };

    let started = Instant::now();
    let mut findings: Vec<(u64, &str, Finding)> = Vec::new();
    let mut per_label: BTreeMap<&str, (u64, Duration)> = BTreeMap::new();
    let mut slowest = (Duration::ZERO, 0u64, "");
    for index in from..from + cases {
        if to_worker.send(index).is_err() {
            break;
        }
        match wait_for(&results, worker_thread.load(Ordering::Relaxed)) {
            Some((index, label, finding, took)) => {
                let entry = per_label.entry(label).or_default();
                entry.0 += 1;
                entry.1 = entry.1.max(took);
                if took > slowest.0 {
                    slowest = (took, index, label);
                }
                if let Some(finding) = finding {
                    eprintln!("FINDING seed {seed} case {index} ({label}): {finding:?}");
                    findings.push((index, label, finding));
                }
            }
            None => {
                eprintln!(
                    "HANG: seed {seed} case {index} ran past {} s of processor time",
                    HANG.as_secs()
                );
                return ExitCode::FAILURE;
            }
        }
        if (index - from + 1).is_multiple_of(1000) {
            eprintln!(
                "{} cases, {} findings, {:.0} s",
                index - from + 1,
                findings.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    drop(to_worker);
    let _ = worker.join();
    is_done.store(true, Ordering::Relaxed);
    let _ = watcher.join();

    let count = |f: fn(&Finding) -> bool| findings.iter().filter(|(_, _, x)| f(x)).count();
    println!("fuzz: seed {seed}, cases {from}..{}", from + cases);
    println!(
        "  panics          {}",
        count(|f| matches!(f, Finding::Panic(_)))
    );
    println!("  hangs (20 s)    0");
    println!(
        "  memory blow-ups 0 (peak resident {} MB, limit {} MB)",
        peak.load(Ordering::Relaxed) >> 20,
        MEMORY_LIMIT_BYTES >> 20
    );
    println!(
        "  unsafe exports  {}",
        count(|f| matches!(f, Finding::UnsafeExport(_)))
    );
    println!(
        "  slowest case    {:.2} s (case {}, {})",
        slowest.0.as_secs_f64(),
        slowest.1,
        slowest.2
    );
    println!("  wall time       {:.0} s", started.elapsed().as_secs_f64());
    for (label, (n, worst)) in &per_label {
        println!(
            "    {label:<18} {n:>7} cases, slowest {:.2} s",
            worst.as_secs_f64()
        );
    }
    if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
