//! Bad web pages get a clear error or a bounded run, never a crash or a hang: over the size limit
//! (plain or as a gzip bomb), nested thousands of levels deep, binary data named `.html`,
//! archives without a page, and mutated pages.

use std::io::Write;
use std::path::Path;

use crosscheck_engine::document::{
    self, Format, LoadError, MAX_FILE_BYTES, MAX_NESTING_DEPTH, load_bytes,
};
use proptest::prelude::*;

const FIXTURE: &[u8] = include_bytes!("../fixtures/html/jsonld.html");

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    if let Err(err) = std::fs::write(&path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
    path
}

fn temp_dir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("no temp dir: {err}"),
    }
}

#[test]
fn page_over_the_size_limit_is_refused_before_reading() {
    let dir = temp_dir();
    let path = dir.path().join("huge.html");
    let file = match std::fs::File::create(&path) {
        Ok(file) => file,
        Err(err) => panic!("cannot create: {err}"),
    };
    // A sparse file: no need to write the bytes.
    if let Err(err) = file.set_len(MAX_FILE_BYTES + 1) {
        panic!("cannot size the file: {err}");
    }
    match document::load(&path) {
        Err(LoadError::TooLarge {
            size_bytes,
            limit_bytes,
        }) => {
            assert_eq!(size_bytes, MAX_FILE_BYTES + 1);
            assert_eq!(limit_bytes, MAX_FILE_BYTES);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn gzip_bomb_is_refused_at_the_size_limit() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let mut written = 0u64;
    while written <= MAX_FILE_BYTES {
        if let Err(err) = encoder.write_all(&chunk) {
            panic!("cannot compress: {err}");
        }
        written += chunk.len() as u64;
    }
    let bomb = match encoder.finish() {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot compress: {err}"),
    };
    assert!(bomb.len() < 1 << 20, "the bomb itself is small");
    match load_bytes(&bomb, Format::Html) {
        Err(LoadError::TooLarge { limit_bytes, .. }) => assert_eq!(limit_bytes, MAX_FILE_BYTES),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn thousands_of_nested_elements_are_refused_quickly() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<b><i><a href=x>", ""),
        ("<table><tr><td>", ""),
        ("<blockquote><ul><li>", ""),
    ] {
        let page = format!(
            "<html><body>{}<p>text</p>{}</body></html>",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        let started = std::time::Instant::now();
        let result = load_bytes(page.as_bytes(), Format::Html);
        assert!(
            matches!(result, Err(LoadError::TooDeep { limit, .. }) if limit == MAX_NESTING_DEPTH),
            "{open}: {result:?}"
        );
        // The pre-scan is linear; parsing this page would take minutes in a debug build.
        assert!(started.elapsed().as_secs() < 20, "{open}: too slow");
    }
}

#[test]
fn nesting_past_the_limit_but_under_the_prescan_is_refused_after_parsing() {
    let depth = MAX_NESTING_DEPTH + 100;
    let page = format!(
        "<html><body>{}<p>A sentence of text.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    assert!(matches!(
        load_bytes(page.as_bytes(), Format::Html),
        Err(LoadError::TooDeep { .. })
    ));
}

#[test]
fn nesting_just_under_the_limit_loads_on_a_test_thread_stack() {
    let depth = MAX_NESTING_DEPTH - 20;
    let paragraph = "<p>The committee met on Tuesday and agreed to publish its findings next \
                     month, a spokesperson said after the meeting ended.</p>";
    let page = format!(
        "<html><body>{}{}{}</body></html>",
        "<div>".repeat(depth),
        paragraph.repeat(10),
        "</div>".repeat(depth)
    );
    match load_bytes(page.as_bytes(), Format::Html) {
        Ok(document) => assert!(document.text.contains("The committee met on Tuesday")),
        Err(err) => panic!("a page {depth} deep should load: {err}"),
    }
}

#[test]
fn binary_content_named_html_is_refused() {
    let dir = temp_dir();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    let path = write_temp(dir.path(), "picture.html", &png);
    assert!(matches!(document::load(&path), Err(LoadError::Binary)));

    // Binary inside gzip, and a corrupt gzip stream.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    if let Err(err) = encoder.write_all(&png) {
        panic!("cannot compress: {err}");
    }
    let gz = match encoder.finish() {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot compress: {err}"),
    };
    assert!(matches!(
        load_bytes(&gz, Format::Html),
        Err(LoadError::Binary)
    ));
    let truncated = &gz[..gz.len() / 2];
    assert!(load_bytes(truncated, Format::Html).is_err());
}

#[test]
fn empty_pages_and_archives_without_a_page_are_errors() {
    assert!(matches!(
        load_bytes(b"   \n ", Format::Html),
        Err(LoadError::Empty)
    ));
    assert!(matches!(
        load_bytes(
            b"<html><head><title>x</title></head><body> </body></html>",
            Format::Html
        ),
        Err(LoadError::Empty)
    ));
    let archive = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
    assert!(matches!(
        load_bytes(archive, Format::Html),
        Err(LoadError::NoHtmlPart)
    ));
}

fn check_page(bytes: &[u8]) -> Result<(), String> {
    let Ok(document) = load_bytes(bytes, Format::Html) else {
        return Ok(());
    };
    let extraction = crosscheck_engine::extract(&document);
    let problems = crate::expectations::invariant_violations(&document, &extraction);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

proptest! {
    // A fixed seed keeps CI reproducible; change it locally to explore new cases.
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_c0de),
        ..ProptestConfig::default()
    })]

    /// Cutting, splicing and corrupting a page never panics, and what loads keeps the invariants.
    #[test]
    fn mutated_pages_load_or_fail_cleanly(
        cut in 0usize..FIXTURE.len(),
        splice_at in 0usize..FIXTURE.len(),
        junk in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut bytes = FIXTURE[..cut.max(1)].to_vec();
        let at = splice_at.min(bytes.len());
        bytes.splice(at..at, junk);
        prop_assert_eq!(check_page(&bytes), Ok(()));
    }
}
