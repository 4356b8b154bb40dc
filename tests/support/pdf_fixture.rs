//! PDFs and EPUBs the tests write themselves: our own text, laid out with lopdf's writer (PDF)
//! or the zip writer (EPUB).

#![allow(dead_code)]

use std::io::Write;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

/// US Letter, in points.
pub const PAGE_WIDTH: f64 = 612.0;
/// US Letter, in points.
pub const PAGE_HEIGHT: f64 = 792.0;

/// A line of text placed on a page: left edge and baseline from the top, in points.
#[derive(Debug, Clone)]
pub struct Line {
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Font size.
    pub size: f64,
    /// The text (Latin-1 only: the fixture's font is Helvetica with WinAnsi).
    pub text: String,
}

/// A line at (`x`, `y`) in `size` points.
pub fn line(x: f64, y: f64, size: f64, text: &str) -> Line {
    Line {
        x,
        y,
        size,
        text: text.to_owned(),
    }
}

/// A PDF of `pages` (each a list of lines), with `info` entries (Title, Author, CreationDate,
/// Producer…) in its information dictionary.
pub fn pdf(pages: &[Vec<Line>], info: &[(&str, &str)]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for lines in pages {
        let content_id = doc.add_object(content_stream(lines));
        kids.push(add_page(&mut doc, pages_id, content_id, resources_id).into());
    }
    finish(&mut doc, pages_id, kids, info);
    save(&mut doc)
}

/// A PDF of `count` pages sharing one content stream (so a huge page count stays a small file).
pub fn many_pages(count: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let content_id = doc.add_object(content_stream(&[line(
        72.0,
        100.0,
        11.0,
        "The same short page of text, over and over again.",
    )]));
    let kids = (0..count)
        .map(|_| add_page(&mut doc, pages_id, content_id, resources_id).into())
        .collect();
    finish(&mut doc, pages_id, kids, &[]);
    save(&mut doc)
}

/// A PDF whose pages only paint an image (a scan without OCR).
pub fn image_only(pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    );
    let image_id = doc.add_object(image);
    let resources_id = doc.add_object(dictionary! {
        "XObject" => dictionary! { "Im1" => image_id },
    });
    let paint = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new(
                "cm",
                vec![
                    500.into(),
                    0.into(),
                    0.into(),
                    700.into(),
                    50.into(),
                    50.into(),
                ],
            ),
            Operation::new("Do", vec![Object::Name(b"Im1".to_vec())]),
            Operation::new("Q", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(
        Dictionary::new(),
        paint.encode().unwrap_or_default(),
    ));
    let kids = (0..pages)
        .map(|_| add_page(&mut doc, pages_id, content_id, resources_id).into())
        .collect();
    finish(&mut doc, pages_id, kids, &[]);
    save(&mut doc)
}

/// A PDF protected by a user password (RC4, 128-bit key): its strings and streams cannot be
/// read without it.
pub fn password_protected() -> Vec<u8> {
    let bytes = pdf(
        &[vec![line(72.0, 100.0, 12.0, "Secret text.")]],
        &[("Title", "Locked")],
    );
    let mut doc = Document::load_mem(&bytes).expect("the fixture reloads");
    doc.trailer.set(
        "ID",
        vec![
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: lopdf::Permissions::default(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("an encryption state");
    doc.encrypt(&state).expect("the fixture is encrypted");
    save(&mut doc)
}

fn content_stream(lines: &[Line]) -> Stream {
    let mut operations = Vec::new();
    for l in lines {
        operations.push(Operation::new("BT", vec![]));
        operations.push(Operation::new("Tf", vec!["F1".into(), l.size.into()]));
        operations.push(Operation::new(
            "Td",
            vec![l.x.into(), (PAGE_HEIGHT - l.y).into()],
        ));
        operations.push(Operation::new(
            "Tj",
            vec![Object::String(win_ansi(&l.text), StringFormat::Literal)],
        ));
        operations.push(Operation::new("ET", vec![]));
    }
    let content = Content { operations };
    let mut stream = Stream::new(Dictionary::new(), content.encode().unwrap_or_default());
    let _ = stream.compress();
    stream
}

fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            '•' => 0x95,
            c if (c as u32) < 256 => c as u8,
            _ => b'?',
        })
        .collect()
}

fn add_page(
    doc: &mut Document,
    pages_id: lopdf::ObjectId,
    content_id: lopdf::ObjectId,
    resources_id: lopdf::ObjectId,
) -> lopdf::ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
    })
}

fn finish(doc: &mut Document, pages_id: lopdf::ObjectId, kids: Vec<Object>, info: &[(&str, &str)]) {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    if !info.is_empty() {
        let mut dict = Dictionary::new();
        for (key, value) in info {
            dict.set(
                key.as_bytes().to_vec(),
                Object::String(win_ansi(value), StringFormat::Literal),
            );
        }
        let info_id = doc.add_object(dict);
        doc.trailer.set("Info", info_id);
    }
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the fixture PDF is written");
    bytes
}

/// An EPUB with `chapters` (file name, XHTML body) in spine order and an OPF `metadata` block.
pub fn epub(metadata: &str, chapters: &[(&str, &str)]) -> Vec<u8> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("mimetype".into(), b"application/epub+zip".to_vec()),
        (
            "META-INF/container.xml".into(),
            br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#.to_vec(),
        ),
    ];
    let manifest: String = chapters
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            format!(r#"<item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>"#)
        })
        .collect();
    let spine: String = (0..chapters.len())
        .map(|i| format!(r#"<itemref idref="c{i}"/>"#))
        .collect();
    files.push((
        "OEBPS/content.opf".into(),
        format!(
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" version="3.0"><metadata>{metadata}</metadata><manifest>{manifest}</manifest><spine>{spine}</spine></package>"#
        )
        .into_bytes(),
    ));
    for (name, body) in chapters {
        files.push((
            format!("OEBPS/{name}"),
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{name}</title></head><body>{body}</body></html>"#
            )
            .into_bytes(),
        ));
    }
    zip_of(&files)
}

/// A zip archive of `files`, deflated.
pub fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            writer
                .start_file(name.as_str(), options)
                .expect("zip entry");
            writer.write_all(bytes).expect("zip data");
        }
        writer.finish().expect("zip written");
    }
    out.into_inner()
}
