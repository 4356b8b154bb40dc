//! EPUB books (`.epub`): a zip archive whose package document (`.opf`) names the chapters in
//! reading order (the spine) and the book's metadata. Each chapter goes through the web-page
//! loader (its whole body: a chapter has no page around it), its headings kept as heading
//! blocks; a chapter without one gets its title as a heading.
//!
//! The archive is read with limits, so a zip bomb is refused: at most [`MAX_ENTRIES`] entries,
//! [`MAX_ENTRY_BYTES`] unpacked per file and [`MAX_UNPACKED_BYTES`] in all, counted as the bytes
//! are unpacked (the sizes an archive declares can lie).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use super::{Block, BlockKind, Document, Format, LoadError, ParsedBody, html, sha256_hex};

/// Most entries an archive may list.
pub const MAX_ENTRIES: usize = 20_000;

/// Most bytes one file of the archive may unpack to.
pub const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024;

/// Most bytes the chapters and package files may unpack to, all together.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// Loads an EPUB from its bytes.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let mut book = Archive::open(bytes)?;
    let container = book.read_text("META-INF/container.xml")?;
    let package_path = rootfile(&container).ok_or_else(|| damaged("no package document"))?;
    let package = parse_package(&book.read_text(&package_path)?);
    if book.encrypts_content(&package)? {
        return Err(LoadError::Encrypted);
    }
    let base = package_path
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"));
    let mut body = ParsedBody {
        text: String::new(),
        blocks: Vec::new(),
        links: Vec::new(),
    };
    let mut warnings = Vec::new();
    for idref in &package.spine {
        let Some(item) = package.manifest.get(idref) else {
            continue;
        };
        if !item.media_type.contains("html") {
            continue;
        }
        let path = resolve(&base, &item.href);
        let chapter = match book.read(&path) {
            Ok(bytes) => bytes,
            Err(err @ LoadError::TooLarge { .. }) => return Err(err),
            Err(_) => {
                warnings.push(format!("chapter {path} is missing from the book"));
                continue;
            }
        };
        match html::parse_chapter(&chapter) {
            Ok((chapter, title)) => append_chapter(&mut body, chapter, title),
            Err(LoadError::Empty) => {}
            Err(err) => warnings.push(format!("chapter {path} could not be read: {err}")),
        }
    }
    if body.text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(Document {
        path: None,
        format: Format::Epub,
        title: package.title,
        byline: package.creators,
        outlet: package.publisher,
        published: package.date,
        modified: None,
        sha256: sha256_hex(bytes),
        text: body.text,
        blocks: body.blocks,
        links: body.links,
        warnings,
        source_url: package.source.filter(|s| s.starts_with("http")),
        pages: Vec::new(),
    })
}

/// Appends a chapter's blocks (and links) after the text so far; a chapter that does not open
/// with a heading gets its `<title>` as one.
fn append_chapter(body: &mut ParsedBody, chapter: ParsedBody, title: Option<String>) {
    if chapter.text.trim().is_empty() {
        return;
    }
    let opens_with_heading = chapter
        .blocks
        .first()
        .is_some_and(|b| b.kind == BlockKind::Heading);
    let separate = |body: &mut ParsedBody| -> usize {
        if !body.text.is_empty() {
            body.text.push_str("\n\n");
        }
        body.text.chars().count()
    };
    if let Some(title) = title.filter(|_| !opens_with_heading) {
        let start = separate(body);
        body.text.push_str(&title);
        body.blocks.push(Block {
            kind: BlockKind::Heading,
            start,
            end: start + title.chars().count(),
        });
    }
    let offset = separate(body);
    body.text.push_str(&chapter.text);
    body.blocks
        .extend(chapter.blocks.into_iter().map(|b| Block {
            start: b.start + offset,
            end: b.end + offset,
            ..b
        }));
    body.links
        .extend(chapter.links.into_iter().map(|l| super::Link {
            start: l.start + offset,
            end: l.end + offset,
            ..l
        }));
}

/// The zip archive, with the unpacking budget left.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, LoadError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|err| damaged(&format!("not a zip archive ({err})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(damaged(&format!(
                "the archive lists {} files (the limit is {MAX_ENTRIES})",
                zip.len()
            )));
        }
        Ok(Archive {
            zip,
            budget: MAX_UNPACKED_BYTES,
        })
    }

    /// The unpacked bytes of the file at `path` (matched without regard to case when no file
    /// has the exact name, as some books get it wrong).
    fn read(&mut self, path: &str) -> Result<Vec<u8>, LoadError> {
        let name = match self.zip.index_for_name(path) {
            Some(index) => index,
            None => {
                let lower = path.to_lowercase();
                (0..self.zip.len())
                    .find(|&i| {
                        self.zip
                            .name_for_index(i)
                            .is_some_and(|n| n.is_ok_and(|n| n.to_lowercase() == lower))
                    })
                    .ok_or_else(|| damaged(&format!("{path} is missing")))?
            }
        };
        let entry = self
            .zip
            .by_index(name)
            .map_err(|err| damaged(&format!("{path}: {err}")))?;
        if entry.encrypted() {
            return Err(LoadError::Encrypted);
        }
        let limit = MAX_ENTRY_BYTES.min(self.budget);
        let mut bytes = Vec::new();
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| damaged(&format!("{path}: {err}")))?;
        if bytes.len() as u64 > limit {
            return Err(LoadError::TooLarge {
                size_bytes: limit + 1,
                limit_bytes: limit,
            });
        }
        self.budget -= bytes.len() as u64;
        Ok(bytes)
    }

    fn read_text(&mut self, path: &str) -> Result<String, LoadError> {
        let bytes = self.read(path)?;
        Ok(super::decode_text(&bytes)
            .map(|d| d.text)
            .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// Whether `META-INF/encryption.xml` encrypts a chapter (DRM); fonts alone may be
    /// obfuscated without hiding the text.
    fn encrypts_content(&mut self, package: &Package) -> Result<bool, LoadError> {
        if self.zip.index_for_name("META-INF/encryption.xml").is_none() {
            return Ok(false);
        }
        let encryption = self.read_text("META-INF/encryption.xml")?;
        let chapters: Vec<&str> = package
            .spine
            .iter()
            .filter_map(|id| package.manifest.get(id))
            .map(|item| item.href.as_str())
            .collect();
        Ok(elements(&encryption)
            .into_iter()
            .filter(|e| e.name == "CipherReference")
            .filter_map(|e| e.attrs.get("URI").cloned())
            .any(|uri| chapters.iter().any(|c| uri.ends_with(c))))
    }
}

/// One item of the package's manifest.
#[derive(Debug, Clone)]
struct Item {
    href: String,
    media_type: String,
}

/// What the package document says.
#[derive(Debug, Default)]
struct Package {
    title: Option<String>,
    creators: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    source: Option<String>,
    manifest: HashMap<String, Item>,
    spine: Vec<String>,
}

/// `full-path` of the first `<rootfile>` of `META-INF/container.xml`.
fn rootfile(container: &str) -> Option<String> {
    elements(container)
        .into_iter()
        .find(|e| e.name == "rootfile")
        .and_then(|e| e.attrs.get("full-path").cloned())
        .map(|p| percent_decode(&p))
}

fn parse_package(opf: &str) -> Package {
    let mut package = Package::default();
    let mut creators = Vec::new();
    for element in elements(opf) {
        let text = element
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let text = Some(text).filter(|t| !t.is_empty());
        match element.name.as_str() {
            "title" if package.title.is_none() => package.title = text,
            "creator" => creators.extend(text),
            "publisher" if package.publisher.is_none() => package.publisher = text,
            "date" if package.date.is_none() => {
                package.date = text.and_then(|d| normalize_date(&d));
            }
            "source" if package.source.is_none() => package.source = text,
            "item" => {
                let attr = |k: &str| element.attrs.get(k).cloned().unwrap_or_default();
                package.manifest.insert(
                    attr("id"),
                    Item {
                        href: attr("href"),
                        media_type: attr("media-type"),
                    },
                );
            }
            "itemref" if element.attrs.get("linear").is_none_or(|l| l != "no") => {
                if let Some(idref) = element.attrs.get("idref") {
                    package.spine.push(idref.clone());
                }
            }
            _ => {}
        }
    }
    package.creators = (!creators.is_empty()).then(|| creators.join(", "));
    package
}

/// `2021`, `2021-03`, `2021-03-04` or a full timestamp: the date part, ISO 8601.
fn normalize_date(raw: &str) -> Option<String> {
    let day = raw.get(..10).unwrap_or(raw);
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .or_else(|| {
            (raw.len() >= 4 && raw[..4].bytes().all(|b| b.is_ascii_digit()))
                .then(|| raw[..raw.len().min(7)].to_owned())
        })
}

/// A path inside the archive: `href` (percent-encoded, maybe with `#fragment`) relative to the
/// package's folder, with `..` resolved.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    for part in format!("{base}{}", percent_decode(href)).split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other.to_owned()),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Most elements read from one package file.
const MAX_ELEMENTS: usize = 100_000;

/// An XML element: its local name, attributes (local names) and the text directly inside.
struct Element {
    name: String,
    attrs: HashMap<String, String>,
    text: String,
}

/// The elements of an XML document in order (malformed XML gives those read before the error).
fn elements(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let (start, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(_)) => {
                open.pop();
                continue;
            }
            Ok(Event::Text(t)) => {
                push_text(&mut out, &open, t.xml10_content());
                continue;
            }
            Ok(Event::CData(t)) => {
                push_text(&mut out, &open, t.html_content());
                continue;
            }
            Ok(Event::GeneralRef(r)) => {
                let resolved = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = resolved {
                    push_text(&mut out, &open, c.to_string().into());
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        if out.len() >= MAX_ELEMENTS {
            break;
        }
        let attrs = start
            .attributes()
            .flatten()
            .map(|a| {
                let key = a.key.local_name().as_ref().to_owned();
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| a.value.clone().into_owned());
                (key, value)
            })
            .collect();
        out.push(Element {
            name: start.local_name().as_ref().to_owned(),
            attrs,
            text: String::new(),
        });
        if !empty {
            open.push(out.len() - 1);
        }
    }
    out
}

fn push_text(out: &mut [Element], open: &[usize], text: Cow<'_, str>) {
    if let Some(&i) = open.last() {
        out[i].text.push_str(&text);
    }
}

fn damaged(reason: &str) -> LoadError {
    LoadError::Damaged {
        format: "EPUB",
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS/", "text/ch%201.xhtml#p3"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(resolve("OEBPS/text/", "../ch2.xhtml"), "OEBPS/ch2.xhtml");
        assert_eq!(resolve("", "ch3.xhtml"), "ch3.xhtml");
    }

    #[test]
    fn the_package_gives_metadata_manifest_and_spine() {
        let opf = r#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/">
<metadata><dc:title>Rivers &amp; Roads</dc:title><dc:creator>Ana Lind</dc:creator>
<dc:creator>Ben Ode</dc:creator><dc:date>2021-03-04T10:00:00Z</dc:date></metadata>
<manifest><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c2"/><itemref idref="c1" linear="no"/><itemref idref="c1"/></spine>
</package>"#;
        let package = parse_package(opf);
        assert_eq!(package.title.as_deref(), Some("Rivers & Roads"));
        assert_eq!(package.creators.as_deref(), Some("Ana Lind, Ben Ode"));
        assert_eq!(package.date.as_deref(), Some("2021-03-04"));
        assert_eq!(package.spine, ["c2", "c1"]);
        assert_eq!(package.manifest["c2"].href, "two.xhtml");
    }
}
