//! The hostile inputs of issue 14, rebuilt from their description: each once hung the loader,
//! the store or an import (or filled memory) and must now end quickly with a clear result.
//! Sizes are those of the reports (a quarter of them for the element floods, which a debug
//! build parses slowly); a cost quadratic in them takes many minutes here, so a regression shows
//! as a test that does not finish. `cargo run --release -p crosscheck-engine --example fuzz`
//! times the full-size ones.

use std::io::Write as _;

use crosscheck_engine::document::{Format, LoadError, load, load_bytes};
use crosscheck_engine::export::{ImportError, parse_w3c};
use crosscheck_engine::store::{AnchorState, Edit, Store, Target, Verdict};

use crate::store_fixture::*;

fn html(page: &str) -> Result<crosscheck_engine::Document, LoadError> {
    load_bytes(page.as_bytes(), Format::Html)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

#[test]
fn hundreds_of_open_formatting_elements_before_thousands_of_paragraphs() {
    let tags = [
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
        "u",
    ];
    let open: String = (0..350)
        .map(|i| format!("<{} class=\"c{i}\">", tags[i % tags.len()]))
        .collect();
    let page = format!(
        "<html><body><p>{open}Start of the text.{}</body></html>",
        "<p>Another paragraph of the article.".repeat(12_000)
    );
    let packed = gzip(page.as_bytes());
    assert!(packed.len() < 4_000, "a small file: {} bytes", packed.len());
    let document = load_bytes(&packed, Format::Html).expect("the page opens");
    assert!(
        document
            .warnings
            .iter()
            .any(|w| w.contains("formatting elements")),
        "{:?}",
        document.warnings
    );
    assert!(document.text.contains("Another paragraph of the article."));
}

#[test]
fn a_paragraph_of_a_million_no_break_spaces() {
    let page = format!(
        "<html><body><p>Before the flood.{}After the flood.</p></body></html>",
        "&nbsp;".repeat(1_000_000)
    );
    let document = html(&page).expect("the page opens");
    assert!(
        document.text.contains("Before the flood. After the flood."),
        "{}",
        document.text
    );
}

#[test]
fn a_long_text_full_of_escaped_characters_is_read_whole() {
    let line = "Profits & losses < forecasts > hopes; ";
    let escaped = line
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let page = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        escaped.repeat(20_000)
    );
    let document = html(&page).expect("the page opens");
    assert_eq!(document.text.matches("Profits & losses").count(), 20_000);
}

#[test]
fn a_hundred_thousand_empty_style_elements() {
    let page = format!(
        "<html><head>{}</head><body><p>The article survives its styles.</p></body></html>",
        "<style></style>".repeat(100_000)
    );
    let document = html(&page).expect("the page opens");
    assert!(document.text.contains("The article survives its styles."));
}

#[test]
fn a_hundred_thousand_title_elements() {
    let page = format!(
        "<html><head>{}</head><body><p>The article survives its titles.</p></body></html>",
        "<title>Repeated</title>".repeat(100_000)
    );
    let document = html(&page).expect("the page opens");
    assert!(document.text.contains("The article survives its titles."));
}

#[test]
fn an_mhtml_boundary_of_two_million_dashes() {
    let boundary = "-".repeat(2_000_000);
    let archive = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"{boundary}\"\r\n\r\n\
         --{boundary}\r\nContent-Type: text/html\r\n\r\n<p>Hello.</p>\r\n{}\r\n--{boundary}--\r\n",
        "-".repeat(3_000_000)
    );
    match load_bytes(archive.as_bytes(), Format::Html) {
        Err(LoadError::NoHtmlPart) => {}
        other => panic!("a clear refusal, not {other:?}"),
    }
    // A normal boundary over a body of dashes still finds its page.
    let archive = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/html\r\n\r\n<p>Dashes ahead.</p><p>{}</p>\r\n--b1--\r\n",
        "-".repeat(2_000_000)
    );
    let document = load_bytes(archive.as_bytes(), Format::Html).expect("the archive opens");
    assert!(document.text.contains("Dashes ahead."));
}

#[test]
fn an_import_of_a_hundred_thousand_annotations_is_refused_with_a_reason() {
    let item =
        r#"{"type":"Annotation","id":"urn:crosscheck:note:n","body":[],"target":{"selector":[]}}"#;
    let items = vec![item; 100_000].join(",");
    let text = format!(r#"{{"type":"AnnotationCollection","first":{{"items":[{items}]}}}}"#);
    match parse_w3c(&text) {
        Err(err @ ImportError::TooManyNotes { count: 100_000, .. }) => {
            assert!(err.to_string().contains("at most"), "{err}");
        }
        other => panic!("a clear refusal, not {:?}", other.map(|n| n.notes.len())),
    }
}

#[test]
fn a_notes_file_whose_quote_is_huge_loads_with_the_note_orphaned() {
    let dir = temp_dir();
    let (path, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    let (start, end) = span_of(&document, "the bridge would cost $4 million");
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[Edit::Verdict(Verdict::Disputed)],
        )
        .expect("save");
    let file = article_file(&store_dir);
    let text = std::fs::read_to_string(&file).expect("read");
    let huge = format!("the bridge {}", "would cost ".repeat(300_000));
    let text = text.replace(
        "\"exact\": \"the bridge would cost $4 million\"",
        &format!("\"exact\": \"{huge}\""),
    );
    assert!(text.len() > 3_000_000, "the quote was replaced");
    std::fs::write(&file, text).expect("write");
    let notes = Store::open(&store_dir)
        .expect("open")
        .load(&reload(&path))
        .expect("the notes load");
    assert_eq!(notes.notes.len(), 1);
    assert_eq!(notes.notes[0].state, AnchorState::Orphaned);
    assert_eq!(
        notes.notes[0].note.verdict,
        Verdict::Disputed,
        "the verdict is kept"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_stream_is_refused_before_it_is_read() {
    let dir = temp_dir();
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
    match load(&link) {
        Err(err @ LoadError::NotRegularFile) => {
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        other => panic!("a refusal, not {:?}", other.map(|d| d.text.len())),
    }
}

#[test]
fn a_page_of_more_elements_than_the_budget_opens_with_what_fits_and_a_warning() {
    let page = format!(
        "<html><body><p>The council said the wall would rise.</p>{}<p>Text past the budget.</p></body></html>",
        "<br>".repeat(crosscheck_engine::document::MAX_HTML_ELEMENTS + 10_000)
    );
    let document = html(&page).expect("the page opens");
    assert!(
        document.warnings.iter().any(|w| w.contains("elements")),
        "{:?}",
        document.warnings
    );
    assert!(
        document
            .text
            .contains("The council said the wall would rise.")
    );
    assert!(!document.text.contains("Text past the budget."));
}

#[test]
fn a_text_of_more_sentences_than_the_budget_keeps_the_first_ones_with_a_warning() {
    let limit = crosscheck_engine::document::MAX_SENTENCES;
    let text = "Plain words, the mayor said. ".repeat(limit + 5_000) + "Words past the budget.";
    let document = load_bytes(text.as_bytes(), Format::Text).expect("the text opens");
    assert!(
        document.warnings.iter().any(|w| w.contains("sentences")),
        "{:?}",
        document.warnings
    );
    assert!(!document.text.contains("past the budget"));
    let chars = document.text.chars().count();
    assert!(document.blocks.iter().all(|b| b.end <= chars));
    assert_eq!(document.text.matches("the mayor said.").count(), limit);
}
