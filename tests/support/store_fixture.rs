//! Fixtures shared by the store tests: articles written to a temporary folder and loaded the
//! way the app loads them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crosscheck_engine::Document;

/// A short article of four paragraphs, written for these tests.
pub const ARTICLE: &str = "\
Harbour bridge plan divides the council

Mayor Jane Roe said the bridge would cost $4 million.

The council's treasurer, Sam Poe, warned that the estimate left out the approach roads \
and the cost of closing the ferry for two summers.

Residents of the east bank told reporters they had waited thirty years for a fixed link.

A spokesperson for the harbour board said the dredging work would start in March.
";

/// Writes `text` to `dir/name` and loads it.
pub fn write_article(dir: &Path, name: &str, text: &str) -> (PathBuf, Document) {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the article");
    let document = crosscheck_engine::load(&path).expect("load the article");
    (path, document)
}

/// Reloads the article at `path`.
pub fn reload(path: &Path) -> Document {
    crosscheck_engine::load(path).expect("load the article")
}

/// Char span of the first occurrence of `needle` in the document text.
pub fn span_of(document: &Document, needle: &str) -> (usize, usize) {
    let byte = document
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = document.text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The text of the document between two char offsets.
pub fn slice(document: &Document, start: usize, end: usize) -> String {
    document
        .text
        .chars()
        .skip(start)
        .take(end - start)
        .collect()
}

/// A fresh temporary folder.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The only article file in a store folder.
pub fn article_file(store_dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(store_dir.join("articles"))
        .expect("list articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".json") && name.matches('.').count() == 1
        })
        .collect();
    assert_eq!(files.len(), 1, "expected one article file: {files:?}");
    files.remove(0)
}

/// Names of the files in a folder, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list folder")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// The path of the only article's notes file in a store folder, whether or not it exists now
/// (found by its journal when it was deleted).
pub fn article_file_or_missing(store_dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(store_dir.join("articles"))
        .expect("list articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let is_notes = name.ends_with(".json") && name.matches('.').count() == 1;
            let is_journal = name.ends_with(".journal") && name.matches('.').count() == 1;
            (is_notes || is_journal).then(|| p.with_extension("json"))
        })
        .collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), 1, "expected one article: {files:?}");
    files.remove(0)
}
