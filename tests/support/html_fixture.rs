//! Web-page fixtures: the project's own pages in `tests/fixtures/html/`, and a small
//! benchmark folder (article-extraction-benchmark layout) written for the tests.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::io::Write;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    crate::paths::top().join("tests/fixtures/html").join(name)
}

pub const SEA_WALL_BODY: &str = "The harbour council voted on Thursday night to build a new sea wall \
along the eastern quay, ending a debate that has divided the town for almost three years.\n\
Councillors approved the plan by nine votes to four after a meeting that ran past midnight, with \
residents filling the public gallery and spilling into the corridor outside.\n\
Costs and timetable\n\
The wall will cost an estimated 14 million, according to the council's engineers, and work is due \
to start next spring if the regional government confirms its share of the funding.\n\
\"This is the most important decision this council has taken in a generation,\" said the council \
leader, Ana Brightwater.\n\
Opponents say the money would be better spent on moving the most exposed homes further inland. \
Their objections included:\n\
the loss of the public beach beside the quay,\n\
the cost to local taxpayers over twenty years.\n\
The council will publish the final design in the autumn, after a further round of consultation \
with residents and harbour businesses.";

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    if let Err(err) = encoder.write_all(bytes) {
        panic!("cannot compress: {err}");
    }
    match encoder.finish() {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot compress: {err}"),
    }
}

pub fn write(path: &Path, bytes: &[u8]) {
    if let Err(err) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
}

/// A benchmark folder: the sea-wall page (gzip), the rail page (plain .html), and a page that
/// is binary (fails to load and scores as empty output).
pub fn benchmark_dir() -> tempfile::TempDir {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("no temp dir: {err}"),
    };
    let html = dir.path().join("html");
    if let Err(err) = std::fs::create_dir(&html) {
        panic!("cannot create html/: {err}");
    }
    let fixtures = crate::paths::top().join("tests/fixtures/html");
    let read = |name: &str| match std::fs::read(fixtures.join(name)) {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot read {name}: {err}"),
    };
    write(&html.join("aaa.html.gz"), &gzip(&read("jsonld.html")));
    write(&html.join("bbb.html"), &read("opengraph.html"));
    write(&html.join("ccc.html"), b"\x89PNG\r\n\x1a\n\0\0\0\0binary");
    let truth = serde_json::json!({
        "aaa": {"url": "https://www.coastline-courier.example/news/sea-wall", "articleBody": SEA_WALL_BODY},
        "bbb": {"url": "https://news.valley-post.example/2023/rail-line", "articleBody":
            "The old valley rail line will reopen to passengers in June, the regional transport \
             authority said on Wednesday, five years after floods washed away two of its bridges."},
        "ccc": {"url": "https://example.org/c", "articleBody": "Some text that was never loaded at all."}
    });
    write(
        &dir.path().join("ground-truth.json"),
        truth.to_string().as_bytes(),
    );
    dir
}
