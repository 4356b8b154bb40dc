//! Damaged and oddly saved pages still load with their text: unclosed raw-text elements and
//! comments, UTF-16 without a byte-order mark, XML declarations, NUL bytes, and pages built by
//! their scripts. Each repair or fallback leaves a warning.

use crosscheck_engine::document::{Document, Format, LoadError, load_bytes};

const STORY: &str = "<p>The island ferry will run every forty minutes from Monday, the operator \
said, after a long campaign by residents who commute to the mainland each day.</p>\
<p>Evening sailings stay as they are, and fares do not change this year.</p>";

fn page(head: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head>{head}</head><body><article>{STORY}</article></body></html>"
    )
}

fn load(bytes: &[u8]) -> Document {
    match load_bytes(bytes, Format::Html) {
        Ok(document) => document,
        Err(err) => panic!("the page should load: {err}"),
    }
}

fn has_warning(document: &Document, words: &str) -> bool {
    document.warnings.iter().any(|w| w.contains(words))
}

#[test]
fn a_title_cut_short_does_not_swallow_the_page() {
    let document =
        load(page("<title>Ferry to run every forty minutes\n<meta charset=\"utf-8\">").as_bytes());
    assert!(
        document.text.contains("The island ferry will run"),
        "{}",
        document.text
    );
    assert_eq!(
        document.title.as_deref(),
        Some("Ferry to run every forty minutes")
    );
    assert!(has_warning(&document, "<title> is never closed"));
}

#[test]
fn unclosed_script_and_comment_do_not_swallow_the_page() {
    let document = load(page("<title>Ferry</title><script>var cut = 1 < 2;\n").as_bytes());
    assert!(
        document.text.contains("Evening sailings"),
        "{}",
        document.text
    );
    assert!(!document.text.contains("var cut"));
    let mut html = page("<title>Ferry</title>");
    html = html.replace("<article>", "<!-- left open\n<article>");
    let document = load(html.as_bytes());
    assert!(
        document.text.contains("Evening sailings"),
        "{}",
        document.text
    );
    assert!(has_warning(&document, "comment"));
}

#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let html = page("<title>Ferry</title>");
    for little_endian in [true, false] {
        let bytes: Vec<u8> = html
            .encode_utf16()
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect();
        let document = load(&bytes);
        assert!(
            document.text.contains("Evening sailings"),
            "{}",
            document.text
        );
    }
}

#[test]
fn an_xml_declaration_with_an_odd_encoding_is_not_binary() {
    for declared in ["UTF-16", "ISO-8859-1", "x-no-such-encoding"] {
        let html = format!(
            "<?xml version=\"1.0\" encoding=\"{declared}\"?>\n{}",
            page("<title>Ferry</title>")
        );
        let document = load(html.as_bytes());
        assert!(
            document.text.contains("Evening sailings"),
            "{declared}: {}",
            document.text
        );
    }
    // Latin-1 named in the declaration is honoured.
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body><p>".to_vec();
    bytes.extend(b"Caf\xe9 owners on the quay say the ferry brings them trade every day.</p>");
    bytes.extend(b"</body></html>");
    assert!(load(&bytes).text.contains("Café owners"));
}

#[test]
fn nul_bytes_in_a_page_are_dropped() {
    let html = page("<title>Ferry</title>").replace("forty", "for\0ty");
    let document = load(html.as_bytes());
    assert!(
        document.text.contains("every forty minutes"),
        "{}",
        document.text
    );
    assert!(has_warning(&document, "NUL"));
    // Binary data is still refused.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2048u32).map(|i| (i * 7 % 251) as u8));
    assert!(matches!(
        load_bytes(&png, Format::Html),
        Err(LoadError::Binary)
    ));
}

#[test]
fn a_page_built_by_scripts_shows_its_title_and_description() {
    let html = "<!DOCTYPE html><html><head><title>Ferry timetable for the winter</title>\
        <meta name=\"description\" content=\"Sailings every forty minutes from Monday.\">\
        </head><body><div id=\"app\"><div class=\"loader\"></div></div>\
        <script>start()</script></body></html>";
    let document = load(html.as_bytes());
    assert_eq!(
        document.text,
        "Ferry timetable for the winter\n\nSailings every forty minutes from Monday."
    );
    assert!(has_warning(&document, "no text of its own"));
    // A page with nothing at all to show is still empty.
    let bare = "<html><head></head><body><div></div></body></html>";
    assert!(matches!(
        load_bytes(bare.as_bytes(), Format::Html),
        Err(LoadError::Empty)
    ));
}

#[test]
fn an_article_wrapper_named_like_furniture_keeps_its_text() {
    let html = format!(
        "<html><head><title>Ferry</title></head><body><nav><a href=\"/\">Home</a></nav>\
         <article class=\"post promoted has-share-bar\">{STORY}{STORY}</article>\
         <div class=\"share\"><a href=\"/s\">Share</a></div></body></html>"
    );
    let document = load(html.as_bytes());
    assert!(
        document.text.contains("The island ferry will run"),
        "{}",
        document.text
    );
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}
