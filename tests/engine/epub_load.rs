//! EPUBs written by the tests: the spine's chapters in order, chapter headings, metadata, and
//! bad input (a zip bomb named .epub, a broken archive, DRM).

use crosscheck_engine::document::{self, BlockKind, Format, LoadError};

use crate::pdf_fixture::{epub, zip_of};

const METADATA: &str = "<dc:title>The Salt Road</dc:title><dc:creator>Ines Mora</dc:creator>\
    <dc:publisher>Lantern Books</dc:publisher><dc:date>2019-05-02</dc:date>";

#[test]
fn chapters_read_in_spine_order_with_their_headings() {
    let bytes = epub(
        METADATA,
        &[
            (
                "one.xhtml",
                "<h1>Chapter One</h1><p>The caravan left at dawn, the guide said.</p>",
            ),
            (
                "two.xhtml",
                "<p>By noon the wells were dry.</p><ul><li>salt</li></ul>",
            ),
        ],
    );
    let doc = document::load_bytes(&bytes, Format::Epub).expect("the book loads");
    let blocks: Vec<(BlockKind, String)> = doc
        .blocks
        .iter()
        .map(|b| {
            (
                b.kind,
                doc.text
                    .chars()
                    .skip(b.start)
                    .take(b.end - b.start)
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Heading, "Chapter One".to_owned()),
            (
                BlockKind::Paragraph,
                "The caravan left at dawn, the guide said.".to_owned()
            ),
            // A chapter without a heading gets its title as one.
            (BlockKind::Heading, "two.xhtml".to_owned()),
            (
                BlockKind::Paragraph,
                "By noon the wells were dry.".to_owned()
            ),
            (BlockKind::ListItem, "salt".to_owned()),
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("The Salt Road"));
    assert_eq!(doc.byline.as_deref(), Some("Ines Mora"));
    assert_eq!(doc.outlet.as_deref(), Some("Lantern Books"));
    assert_eq!(doc.published.as_deref(), Some("2019-05-02"));
    assert_eq!(doc.format, Format::Epub);
}

#[test]
fn a_zip_bomb_named_epub_is_refused() {
    let container =
        br#"<container><rootfiles><rootfile full-path="c.opf"/></rootfiles></container>"#;
    let opf = br#"<package><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>"#;
    let bomb = vec![b' '; (document::MAX_EPUB_ENTRY_BYTES + 1024) as usize];
    let bytes = zip_of(&[
        ("META-INF/container.xml".into(), container.to_vec()),
        ("c.opf".into(), opf.to_vec()),
        ("a.xhtml".into(), bomb),
    ]);
    assert!(bytes.len() < 200_000, "the bomb is small packed");
    assert!(matches!(
        document::load_bytes(&bytes, Format::Epub),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn broken_and_protected_books_get_clear_errors() {
    assert!(matches!(
        document::load_bytes(b"PK\x03\x04 not really a zip", Format::Epub),
        Err(LoadError::Damaged { format: "EPUB", .. })
    ));
    let no_container = zip_of(&[("mimetype".into(), b"application/epub+zip".to_vec())]);
    assert!(matches!(
        document::load_bytes(&no_container, Format::Epub),
        Err(LoadError::Damaged { .. })
    ));
    let mut files: Vec<(String, Vec<u8>)> = vec![];
    let book = epub(METADATA, &[("one.xhtml", "<p>Locked text.</p>")]);
    // Rebuild the book with an encryption.xml that encrypts its chapter.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("zip");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        files.push((name, bytes));
    }
    files.push((
        "META-INF/encryption.xml".into(),
        br#"<encryption><EncryptedData><CipherData><CipherReference URI="OEBPS/one.xhtml"/></CipherData></EncryptedData></encryption>"#.to_vec(),
    ));
    assert!(matches!(
        document::load_bytes(&zip_of(&files), Format::Epub),
        Err(LoadError::Encrypted)
    ));
}
