//! Saved web pages: the article's text and structure, and metadata from JSON-LD, OpenGraph and
//! the page itself, on project-own fixtures (`tests/fixtures/html/`).

use std::path::Path;

use crate::html_fixture::*;
use crosscheck_engine::document::{self, BlockKind, Document, Format, format_for_path};

fn load(name: &str) -> Document {
    match document::load(&fixture(name)) {
        Ok(document) => document,
        Err(err) => panic!("cannot load {name}: {err}"),
    }
}

fn block_texts(document: &Document) -> Vec<(BlockKind, String)> {
    document
        .blocks
        .iter()
        .map(|b| {
            let text = crosscheck_engine::text::slice_chars(&document.text, b.start, b.end);
            (b.kind, text.to_owned())
        })
        .collect()
}

#[test]
fn web_page_extensions_choose_the_html_format() {
    for name in [
        "a.html",
        "a.HTM",
        "a.xhtml",
        "a.html.gz",
        "a.htm.gz",
        "a.mhtml",
        "a.mht",
    ] {
        assert_eq!(
            format_for_path(Path::new(name)).ok(),
            Some(Format::Html),
            "{name}"
        );
    }
    assert!(format_for_path(Path::new("a.txt.gz")).is_err());
    assert!(format_for_path(Path::new("a.gz")).is_err());
}

#[test]
fn json_ld_gives_the_metadata_before_meta_tags() {
    let document = load("jsonld.html");
    assert_eq!(document.format, Format::Html);
    // JSON-LD wins over og:title, og:site_name and article:published_time.
    assert_eq!(
        document.title.as_deref(),
        Some("Harbour council approves new sea wall after long debate")
    );
    // Authors by @id reference into @graph and inline; capitals normalised.
    assert_eq!(
        document.byline.as_deref(),
        Some("Maria Testwell and Tomas Exampleton")
    );
    assert_eq!(document.outlet.as_deref(), Some("The Coastline Courier"));
    assert_eq!(
        document.published.as_deref(),
        Some("2024-05-17T08:30:00+01:00")
    );
}

#[test]
fn the_article_keeps_its_structure_and_drops_the_page_around_it() {
    let document = load("jsonld.html");
    let blocks = block_texts(&document);
    let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
    assert!(kinds.contains(&BlockKind::Heading), "{blocks:?}");
    assert!(
        blocks
            .iter()
            .any(|(k, t)| *k == BlockKind::Heading && t == "Costs and timetable"),
        "{blocks:?}"
    );
    assert!(
        blocks
            .iter()
            .any(|(k, t)| *k == BlockKind::BlockQuote && t.contains("most important decision")),
        "{blocks:?}"
    );
    let items: Vec<&str> = blocks
        .iter()
        .filter(|(k, _)| *k == BlockKind::ListItem)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        items,
        [
            "the loss of the public beach beside the quay,",
            "the cost to local taxpayers over twenty years."
        ]
    );
    let text = &document.text;
    assert!(text.contains("The harbour council voted on Thursday night"));
    assert!(text.contains("after a further round of consultation"));
    for furniture in [
        "cookies",
        "Home",
        "Share on social",
        "Photo: Courier archive",
        "Related stories",
        "Storm damage bill",
        "Copyright",
        "Script text",
        "color: red",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} in {text:?}");
    }
}

#[test]
fn links_keep_their_target_and_anchor_text() {
    let document = load("jsonld.html");
    let anchors: Vec<(String, &str)> = document
        .links
        .iter()
        .map(|l| {
            let text = crosscheck_engine::text::slice_chars(&document.text, l.start, l.end);
            (text.to_owned(), l.url.as_str())
        })
        .collect();
    assert_eq!(
        anchors,
        [(
            "the council's engineers".to_owned(),
            "https://www.coastline-courier.example/docs/engineers-report"
        )]
    );
}

#[test]
fn blocks_are_in_order_and_cover_exactly_their_text() {
    for name in [
        "jsonld.html",
        "opengraph.html",
        "byline.html",
        "cp1252.html",
    ] {
        let document = load(name);
        let total = document.text.chars().count();
        let mut previous_end = 0;
        for block in &document.blocks {
            assert!(block.start >= previous_end && block.start < block.end && block.end <= total);
            let text = crosscheck_engine::text::slice_chars(&document.text, block.start, block.end);
            assert_eq!(text.trim(), text, "{name}: block has outer whitespace");
            previous_end = block.end;
        }
        // Blocks are separated by one blank line, and nothing else is in the text.
        let joined: Vec<String> = block_texts(&document).into_iter().map(|b| b.1).collect();
        assert_eq!(joined.join("\n\n"), document.text, "{name}");
    }
}

#[test]
fn opengraph_only_page_uses_meta_tags_and_strips_the_outlet_from_the_title() {
    let document = load("opengraph.html");
    assert_eq!(
        document.title.as_deref(),
        Some("Rail line to reopen in June")
    );
    assert_eq!(document.outlet.as_deref(), Some("Valley Evening Post"));
    assert_eq!(document.byline.as_deref(), Some("Sam Placeholder"));
    assert_eq!(
        document.published.as_deref(),
        Some("2023-03-09T14:05:00-05:00")
    );
    assert!(
        document
            .text
            .starts_with("The old valley rail line will reopen")
    );
    assert!(!document.text.contains("newsletter"));
    assert!(!document.text.contains("Front page"));
}

#[test]
fn byline_and_date_are_read_from_the_page() {
    let document = load("byline.html");
    assert_eq!(document.byline.as_deref(), Some("Jane Roe"));
    assert_eq!(
        document.published.as_deref(),
        Some("2022-11-02T09:15:00+00:00")
    );
    assert_eq!(
        document.title.as_deref(),
        Some("Library extends its opening hours")
    );
    assert!(!document.text.contains("JANE ROE"));
    assert!(!document.text.contains("Most read"));
    assert!(document.text.contains("The central library will stay open"));
}

#[test]
fn windows_1252_page_is_decoded_by_its_meta_charset() {
    let document = load("cp1252.html");
    assert!(
        document
            .text
            .starts_with("Café owners in the old town say they are “delighted”")
    );
    assert!(document.text.contains("“It’s the best thing"));
    assert_eq!(document.byline.as_deref(), Some("Renée Example"));
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

#[test]
fn gzip_and_mhtml_give_the_same_article_as_the_plain_page() {
    let plain = load("opengraph.html");
    let gzipped = load("opengraph.html.gz");
    assert_eq!(gzipped.text, plain.text);
    assert_eq!(gzipped.title, plain.title);
    assert_eq!(gzipped.published, plain.published);

    let page = load("jsonld.html");
    let archive = load("jsonld.mhtml");
    assert_eq!(archive.text, page.text);
    assert_eq!(archive.blocks, page.blocks);
    assert_eq!(archive.byline, page.byline);
    assert_eq!(archive.outlet, page.outlet);
}

#[test]
fn mhtml_base64_part_and_charset_header_are_honoured() {
    let html = "<html><body><article><p>Un caf\u{e9} sur la place du march\u{e9}, \
                ouvert depuis vingt ans, ferme ses portes \u{e0} la fin du mois.</p>\
                <p>Les habitants regrettent d\u{e9}j\u{e0} ce lieu de rencontre du quartier, \
                disent les commer\u{e7}ants voisins.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(html);
    let mut archive = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n\
--b1\r\nContent-Type: text/html; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        .to_vec();
    archive.extend_from_slice(base64(&latin1).as_bytes());
    archive.extend_from_slice(b"\r\n--b1--\r\n");
    let document = match document::load_bytes(&archive, Format::Html) {
        Ok(document) => document,
        Err(err) => panic!("cannot load the archive: {err}"),
    };
    assert!(
        document.text.contains("Un café sur la place du marché"),
        "{}",
        document.text
    );
    assert!(document.text.contains("commerçants"));
}

/// Plain base64 with line breaks every 76 chars, as MIME writes it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
        if out.len() % 78 == 76 {
            out.push_str("\r\n");
        }
    }
    out
}

#[test]
fn claims_are_extracted_from_the_page_text() {
    let document = load("jsonld.html");
    let extraction = crosscheck_engine::extract(&document);
    assert!(
        !extraction.claims.is_empty(),
        "no claims from the sea wall article"
    );
    // The outlet comes from the page's metadata and is not in the text: no source mention may
    // point past the headline into the article (it once covered "\n\nThe harbour council").
    for claim in &extraction.claims {
        if let Some(source) = &claim.source {
            let covered =
                crosscheck_engine::text::slice_chars(&document.text, source.start, source.end);
            assert_eq!(covered, source.text);
            assert!(!source.text.contains('\n'), "{claim:?}");
        }
        assert_ne!(
            claim.attribution,
            crosscheck_engine::extract::Attribution::Headline,
            "{claim:?}"
        );
    }
}

#[test]
fn replacement_characters_after_the_headline_do_not_break_extraction() {
    // Invalid UTF-8 right after the headline once made a metadata outlet's mention end inside
    // a multi-byte char, and extraction panicked.
    let mut page = std::fs::read(fixture("jsonld.html")).unwrap_or_default();
    let Some(at) = page
        .windows(b"The harbour council voted".len())
        .position(|w| w == b"The harbour council voted")
    else {
        panic!("fixture changed");
    };
    page.splice(at + 3..at + 3, [0x80, 0x80, b' ', b'!', 0x80, 0x80, 0x80]);
    let document = match document::load_bytes(&page, Format::Html) {
        Ok(document) => document,
        Err(err) => panic!("cannot load: {err}"),
    };
    assert!(document.text.contains('\u{FFFD}'));
    let extraction = crosscheck_engine::extract(&document);
    assert!(!extraction.claims.is_empty());
}
