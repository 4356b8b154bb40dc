//! A large library made from the evaluation texts in `../shared/eval/polnear-dev` by
//! repetition and light variation: each copy gets its own outlet in the headline, its figures
//! shifted, and (every third copy) its hedges dropped, so copies are distinct reports of the
//! same claims. Used by `benches/library.rs` and `examples/library_scale.rs`; never committed
//! text, only read from `../shared` at run time.

use std::path::{Path, PathBuf};

/// Where the evaluation texts are expected, relative to the repository's top folder.
pub const EVAL_TEXTS: &str = "../shared/eval/polnear-dev";

/// The evaluation texts, or `None` (with a message) when `../shared` is not there.
pub fn eval_texts() -> Option<Vec<String>> {
    // The repository's top folder (holding `assets/`), whichever crate declares the target.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let top = manifest
        .ancestors()
        .find(|dir| dir.join("assets/sample-article.txt").is_file())
        .unwrap_or(manifest);
    let dir = top.join(EVAL_TEXTS);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no evaluation texts in {}: skipping", dir.display());
        return None;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!("no evaluation texts in {}: skipping", dir.display());
        return None;
    }
    Some(texts)
}

/// Copy number `copy` of `text`, lightly varied.
pub fn variant(text: &str, copy: usize) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default().trim_end_matches('.');
    let mut out = format!("{title} – Outlet {}\n", copy % 997);
    let shift = (copy % 9) as u8;
    let drop_hedges = copy % 3 == 2;
    for line in lines {
        let mut varied = String::with_capacity(line.len());
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            // Shift the last digit of each number.
            if c.is_ascii_digit() && !chars.peek().is_some_and(char::is_ascii_digit) {
                let digit = (c as u8 - b'0' + shift) % 10;
                varied.push(char::from(b'0' + digit));
            } else {
                varied.push(c);
            }
        }
        if drop_hedges {
            varied = varied.replace("reportedly ", "").replace("allegedly ", "");
        }
        out.push('\n');
        out.push_str(&varied);
    }
    out.push('\n');
    out
}

/// Writes `count` varied copies of `texts` into `dir` (in subfolders of 1,000) and returns
/// their paths.
pub fn write_library(dir: &Path, texts: &[String], count: usize) -> Vec<PathBuf> {
    let mut paths = Vec::with_capacity(count);
    for copy in 0..count {
        let sub = dir.join(format!("batch-{:02}", copy / 1000));
        if copy % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create a batch folder");
        }
        let path = sub.join(format!("report-{copy:05}.txt"));
        std::fs::write(&path, variant(&texts[copy % texts.len()], copy)).expect("write a report");
        paths.push(path);
    }
    paths
}
