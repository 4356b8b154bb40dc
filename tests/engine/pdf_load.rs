//! PDFs written by the tests: reading order, headings, list items, broken words, running
//! headers and footers, pages, metadata, and bad input (truncated, encrypted, image-only,
//! 10,000 pages).

use crosscheck_engine::document::{self, BlockKind, Document, Format, LoadError};

use crate::pdf_fixture::{Line, line, many_pages, pdf};

fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    document::load_bytes(bytes, Format::Pdf)
}

fn blocks(doc: &Document) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .map(|b| {
            let text: String = doc
                .text
                .chars()
                .skip(b.start)
                .take(b.end - b.start)
                .collect();
            (b.kind, text)
        })
        .collect()
}

/// A page as a browser prints it: date and title in the header, address and "n/m" in the footer.
fn browser_page(n: usize, of: usize, body: Vec<Line>) -> Vec<Line> {
    let mut lines = vec![
        line(24.0, 22.0, 8.0, "3/4/24, 9:15 AM"),
        line(
            220.0,
            22.0,
            8.0,
            "Harbour Board Backs Ferry Plan - The Tidewater Post",
        ),
        line(
            24.0,
            775.0,
            8.0,
            "https://tidewater.example/news/ferry-plan",
        ),
        line(570.0, 775.0, 8.0, &format!("{n}/{of}")),
    ];
    lines.extend(body);
    lines
}

fn browser_article() -> Vec<u8> {
    let first = browser_page(
        1,
        2,
        vec![
            line(72.0, 80.0, 22.0, "Harbour Board Backs Ferry Plan"),
            line(
                72.0,
                120.0,
                12.0,
                "The harbour board voted on Tuesday to back the new",
            ),
            line(
                72.0,
                136.0,
                12.0,
                "ferry plan, its chair Mara Quist said after the well-",
            ),
            line(72.0, 152.0, 12.0, "attended meeting."),
            line(72.0, 180.0, 12.0, "The plan includes:"),
            line(72.0, 204.0, 12.0, "• two new landing stages"),
            line(72.0, 222.0, 12.0, "• a night service on weekdays"),
            line(
                72.0,
                250.0,
                12.0,
                "Critics said the cost would fall on the town, and",
            ),
        ],
    );
    let second = browser_page(
        2,
        2,
        vec![
            line(
                72.0,
                60.0,
                12.0,
                "that the board had not consulted the fishing fleet.",
            ),
            line(72.0, 90.0, 16.0, "What comes next"),
            line(
                72.0,
                116.0,
                12.0,
                "A final vote is due in May, according to the minutes.",
            ),
        ],
    );
    pdf(
        &[first, second],
        &[
            (
                "Title",
                "Harbour Board Backs Ferry Plan - The Tidewater Post",
            ),
            ("Producer", "Skia/PDF m120"),
            ("Creator", "Mozilla/5.0 HeadlessChrome/120"),
            ("CreationDate", "D:20240304091500+01'00'"),
        ],
    )
}

#[test]
fn a_printed_web_page_reads_as_its_article() {
    let doc = load(&browser_article()).expect("the PDF loads");
    assert_eq!(
        blocks(&doc),
        [
            (
                BlockKind::Heading,
                "Harbour Board Backs Ferry Plan".to_owned()
            ),
            (
                BlockKind::Paragraph,
                "The harbour board voted on Tuesday to back the new ferry plan, its chair Mara \
                 Quist said after the well-attended meeting."
                    .to_owned()
            ),
            (BlockKind::Paragraph, "The plan includes:".to_owned()),
            (BlockKind::ListItem, "two new landing stages".to_owned()),
            (
                BlockKind::ListItem,
                "a night service on weekdays".to_owned()
            ),
            (
                BlockKind::Paragraph,
                "Critics said the cost would fall on the town, and that the board had not \
                 consulted the fishing fleet."
                    .to_owned()
            ),
            (BlockKind::Heading, "What comes next".to_owned()),
            (
                BlockKind::Paragraph,
                "A final vote is due in May, according to the minutes.".to_owned()
            ),
        ]
    );
    // Header and footer lines are gone; their address is kept.
    for furniture in ["9:15", "1/2", "2/2", "tidewater.example"] {
        assert!(
            !doc.text.contains(furniture),
            "{furniture} left in the text"
        );
    }
    assert_eq!(
        doc.source_url.as_deref(),
        Some("https://tidewater.example/news/ferry-plan")
    );
    assert_eq!(doc.title.as_deref(), Some("Harbour Board Backs Ferry Plan"));
    assert_eq!(doc.outlet.as_deref(), Some("The Tidewater Post"));
    // A browser's creation date is the day of printing, not of publishing.
    assert_eq!(doc.published, None);
    assert_eq!(doc.format, Format::Pdf);
}

#[test]
fn every_block_knows_its_page() {
    let doc = load(&browser_article()).expect("the PDF loads");
    let at = |needle: &str| {
        let byte = doc.text.find(needle).expect("the text is there");
        doc.page_at(doc.text[..byte].chars().count())
    };
    assert_eq!(at("The harbour board voted"), Some(1));
    assert_eq!(at("two new landing"), Some(1));
    // The paragraph carried over starts on page 1 and goes on on page 2.
    assert_eq!(at("Critics said"), Some(1));
    assert_eq!(at("that the board had not"), Some(2));
    assert_eq!(at("A final vote"), Some(2));
    assert_eq!(doc.pages.len(), 2);
}

#[test]
fn two_columns_read_one_after_the_other_and_typeset_words_rejoin() {
    let page = vec![
        line(72.0, 60.0, 20.0, "Annual Report on Water Quality"),
        line(72.0, 100.0, 10.0, "Samples from the north basin were"),
        line(320.0, 100.0, 10.0, "The south basin showed no such"),
        line(72.0, 113.0, 10.0, "taken each week and showed rising"),
        line(320.0, 113.0, 10.0, "change over the same months, the"),
        line(72.0, 126.0, 10.0, "levels of nitrate through the sum-"),
        line(320.0, 126.0, 10.0, "survey team reported in its final"),
        line(72.0, 139.0, 10.0, "mer, the survey found."),
        line(320.0, 139.0, 10.0, "summary to the council."),
        line(300.0, 770.0, 9.0, "7"),
    ];
    let doc = load(&pdf(
        &[page],
        &[
            ("Author", "Lena Ferro"),
            ("CreationDate", "D:20230918"),
            ("Producer", "pdfTeX-1.40"),
        ],
    ))
    .expect("the PDF loads");
    let north = doc
        .text
        .find("Samples from the north")
        .expect("left column");
    let south = doc.text.find("The south basin").expect("right column");
    assert!(north < south, "the left column comes first: {}", doc.text);
    assert!(doc.text.contains("through the summer, the survey found."));
    assert!(!doc.text.ends_with('7'), "the folio is dropped");
    assert_eq!(doc.byline.as_deref(), Some("Lena Ferro"));
    assert_eq!(doc.published.as_deref(), Some("2023-09-18"));
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
}

#[test]
fn repeated_running_headers_are_dropped_on_every_page() {
    let pages: Vec<Vec<Line>> = (1..=3)
        .map(|n| {
            vec![
                line(72.0, 30.0, 9.0, "Report of the Inquiry into the Flood"),
                line(
                    72.0,
                    100.0,
                    11.0,
                    &format!("Finding number {n} is set out here."),
                ),
                line(290.0, 770.0, 9.0, &format!("Page {n} of 3")),
            ]
        })
        .collect();
    let doc = load(&pdf(&pages, &[])).expect("the PDF loads");
    assert!(!doc.text.contains("Report of the Inquiry"), "{}", doc.text);
    assert!(!doc.text.contains("of 3"), "{}", doc.text);
    assert_eq!(doc.blocks.len(), 3);
    assert_eq!(
        doc.pages.iter().map(|p| p.page).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn bad_pdfs_get_clear_errors() {
    let whole = browser_article();
    let truncated = &whole[..whole.len() / 3];
    match load(truncated) {
        Err(LoadError::Damaged { .. } | LoadError::NoTextLayer { .. }) => {}
        Ok(doc) => assert!(!doc.warnings.is_empty() || !doc.text.is_empty()),
        Err(other) => panic!("unexpected error for a truncated PDF: {other}"),
    }
    assert!(matches!(
        load(b"%PDF-1.4\n%%EOF garbage"),
        Err(LoadError::Damaged { .. })
    ));
    assert!(matches!(
        load(b"this is not a PDF at all"),
        Err(LoadError::Damaged { .. })
    ));
    assert!(matches!(load(b"   "), Err(LoadError::Empty)));
    let scan = crate::pdf_fixture::image_only(3);
    match load(&scan) {
        Err(err @ LoadError::NoTextLayer { pages: 3 }) => {
            assert!(err.to_string().contains("no text layer"), "{err}");
        }
        other => panic!("an image-only PDF gives no text layer, got {other:?}"),
    }
    let locked = crate::pdf_fixture::password_protected();
    assert!(
        matches!(load(&locked), Err(LoadError::Encrypted)),
        "{:?}",
        load(&locked).map(|d| d.text)
    );
}

#[test]
fn ten_thousand_pages_load_bounded_with_a_warning() {
    let bytes = many_pages(10_000);
    let started = std::time::Instant::now();
    let doc = load(&bytes).expect("the first pages load");
    let read = doc.pages.last().map(|p| p.page).unwrap_or(0);
    assert_eq!(read, document::MAX_PDF_PAGES);
    assert!(
        doc.warnings.iter().any(|w| w.contains("10000")),
        "{:?}",
        doc.warnings
    );
    // Generous even for a debug build on a busy machine: what matters is that it ends.
    assert!(started.elapsed().as_secs() < 120);
}

#[test]
fn a_pdf_file_loads_by_its_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.PDF");
    std::fs::write(&path, browser_article()).expect("written");
    let doc = document::load(&path).expect("loads");
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(
        doc.path.as_deref(),
        Some(path.display().to_string().as_str())
    );
}
