//! What the version store takes for a library of annotated articles: COUNT (default 1,000)
//! articles read from the folders given (plain text, Markdown and saved web pages, searched
//! recursively), each opened and marked through the store, then edited (one sentence reworded,
//! one paragraph added) and opened and marked again. Prints the articles' text size and what
//! the version store takes for one version of each and for two, in bytes and in disk blocks.
//!
//! ```text
//! cargo run --release -p crosscheck-engine --example version_store -- \
//!     ../shared/eval/polnear-train ../shared/eval/polnear-dev ../shared/eval/wcxb-dev/html
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck_engine::store::{Store, Target, Verdict};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_under(&path, out);
        } else if crosscheck_engine::document::format_for_path(&path).is_ok() {
            out.push(path);
        }
    }
}

/// Bytes on disk (allocated blocks) of the files in `dir`.
#[cfg(unix)]
fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.blocks() * 512)
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(not(unix))]
fn disk_bytes(_dir: &Path) -> u64 {
    0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let count = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 1_000,
    };
    let mut files = Vec::new();
    for dir in &args {
        files_under(Path::new(dir), &mut files);
    }
    if files.is_empty() {
        eprintln!("give folders of articles: version_store [COUNT] DIR...");
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let store = Store::open(tmp.path().join("store"))?;
    let (mut articles, mut text_bytes) = (0usize, 0u64);
    let started = Instant::now();
    let mut edited = Vec::new();
    for path in files {
        if articles == count {
            break;
        }
        let Ok(document) = crosscheck_engine::load(&path) else {
            continue;
        };
        let Some(claim) = crosscheck_engine::extract(&document)
            .claims
            .into_iter()
            .next()
        else {
            continue;
        };
        // A copy to edit later, so the evaluation folder is never written to.
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("article.txt");
        let copy = tmp.path().join(format!("a{articles:04}-{name}"));
        std::fs::copy(&path, &copy)?;
        let document = crosscheck_engine::load(&copy)?;
        store.open_article(&document)?;
        let target = Target::Claim {
            start: claim.start,
            end: claim.end,
        };
        store.set_verdict(&document, &target, Verdict::Disputed)?;
        text_bytes += document.text.len() as u64;
        articles += 1;
        edited.push(copy);
    }
    let versions = tmp.path().join("store/versions");
    let one = store.version_store_size()?;
    let one_disk = disk_bytes(&versions);
    for copy in &edited {
        let bytes = std::fs::read(copy)?;
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        // A reworded sentence and an added paragraph, in a way that survives any format.
        text = text.replacen(" said ", " said on Friday ", 1);
        text = text.replacen(
            "</p>",
            "</p><p>An editor's note was added to this report.</p>",
            1,
        );
        if copy.extension().is_some_and(|e| e == "txt") {
            text.push_str("\n\nAn editor's note was added to this report.\n");
        }
        if copy.extension().is_some_and(|e| e == "gz") {
            continue;
        }
        std::fs::write(copy, text)?;
        let document = crosscheck_engine::load(copy)?;
        store.open_article(&document)?;
        store.mark_reviewed(&document)?;
    }
    let two = store.version_store_size()?;
    let two_disk = disk_bytes(&versions);
    let ratio = |bytes: u64| bytes as f64 / text_bytes as f64;
    println!(
        "{articles} articles, {:.2} MB of text, in {:.1} s",
        text_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    println!(
        "one version each: {} texts, {:.2} MB stored ({:.2}x the text), {:.2} MB on disk ({:.2}x)",
        one.texts,
        one.stored_bytes as f64 / 1e6,
        ratio(one.stored_bytes),
        one_disk as f64 / 1e6,
        ratio(one_disk)
    );
    println!(
        "two versions each: {} texts, {:.2} MB stored ({:.2}x the text of one), {:.2} MB on disk ({:.2}x)",
        two.texts,
        two.stored_bytes as f64 / 1e6,
        ratio(two.stored_bytes),
        two_disk as f64 / 1e6,
        ratio(two_disk)
    );
    Ok(())
}
