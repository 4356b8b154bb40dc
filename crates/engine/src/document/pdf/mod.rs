//! PDFs (`.pdf`): the text layer in reading order. pdf-extract (over lopdf) interprets the
//! content streams into placed glyphs; we join them into lines, drop the running headers,
//! footers and page numbers, order columns, and lay the lines out as headings, paragraphs and
//! list items, remembering where each page starts. Nothing in the file is executed.
//!
//! Work is bounded: at most [`MAX_PAGES`] pages and [`MAX_GLYPHS`] glyphs are read (the rest is
//! left out with a warning), and a file whose compressed streams unpack to more than
//! [`MAX_UNPACKED_BYTES`] is refused before any is interpreted.

mod actual_text;
mod blocks;
mod furniture;
mod glyphs;
mod info;
mod lines;
mod order;
mod widths;

use std::io::Read;

use pdf_extract::{Document as PdfFile, Object};

use super::{Document, Format, LoadError, metadata, sha256_hex};
use blocks::LineEndHyphens;
use lines::Segment;

/// Most pages read from one file; a longer one is read up to here, with a warning.
pub const MAX_PAGES: u32 = 2_000;

/// Most glyphs read from one file (about 4,000 dense pages of text).
pub const MAX_GLYPHS: usize = 12_000_000;

/// Most bytes the file's compressed streams (images aside) may unpack to, all together.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Loads a PDF from its bytes.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let header_at = bytes
        .windows(5)
        .take(1024)
        .position(|w| w == b"%PDF-")
        .ok_or_else(|| damaged("it does not start with a PDF header"))?;
    let mut file = PdfFile::load_mem(&bytes[header_at..]).map_err(|err| match err {
        pdf_extract::Error::Decryption(_)
        | pdf_extract::Error::InvalidPassword
        | pdf_extract::Error::UnsupportedSecurityHandler(_)
        | pdf_extract::Error::AlreadyEncrypted => LoadError::Encrypted,
        other => damaged(&other.to_string()),
    })?;
    if file.is_encrypted() {
        return Err(LoadError::Encrypted);
    }
    let page_ids: Vec<_> = file.get_pages().into_values().collect();
    let page_count = u32::try_from(page_ids.len()).unwrap_or(u32::MAX);
    if page_count == 0 {
        return Err(damaged("it has no pages"));
    }
    check_unpacked_size(&file)?;
    widths::spell_out_cid_width_ranges(&mut file);
    actual_text::substitute(
        &mut file,
        &page_ids[..page_ids.len().min(MAX_PAGES as usize)],
    );
    let layer = glyphs::read(&file, page_count, MAX_PAGES, MAX_GLYPHS);
    let mut warnings = Vec::new();
    let read_pages = layer.pages.len();
    if page_count > MAX_PAGES {
        warnings.push(format!(
            "only the first {MAX_PAGES} of the file's {page_count} pages were read"
        ));
    } else if (read_pages as u32) < page_count && layer.failed_pages.is_empty() {
        warnings.push(format!(
            "only the first {read_pages} of the file's {page_count} pages were read (the text \
             limit was reached)"
        ));
    }
    if !layer.failed_pages.is_empty() {
        warnings.push(format!(
            "could not read the text of page(s) {}",
            join_numbers(&layer.failed_pages)
        ));
    }
    let pages: Vec<(f64, Vec<Segment>)> = layer
        .pages
        .iter()
        .map(|page| (page.height, lines::segments(page)))
        .collect();
    if pages.iter().all(|(_, segments)| segments.is_empty()) {
        return Err(if layer.failed_pages.is_empty() {
            LoadError::NoTextLayer {
                pages: page_count as usize,
            }
        } else {
            damaged("the text of its pages cannot be read")
        });
    }
    let info = info::read(&file);
    let body_size = body_size(pages.iter().flat_map(|(_, s)| s));
    let furniture = furniture::find(
        &pages
            .iter()
            .map(|(height, segments)| (*height, segments.as_slice()))
            .collect::<Vec<_>>(),
        info.title.as_deref(),
        body_size,
    );
    let mut lines = Vec::new();
    for ((_, segments), dropped) in pages.into_iter().zip(&furniture.dropped) {
        let kept: Vec<Segment> = segments
            .into_iter()
            .zip(dropped)
            .filter(|(_, drop)| !**drop)
            .map(|(segment, _)| segment)
            .collect();
        let order = order::reading_order(&kept);
        let mut kept: Vec<Option<Segment>> = kept.into_iter().map(Some).collect();
        lines.extend(order.into_iter().filter_map(|i| kept[i].take()));
    }
    let hyphens = if info.printed_by_browser() {
        LineEndHyphens::Real
    } else {
        LineEndHyphens::Typeset
    };
    let laid = blocks::lay_out(&lines, body_size, hyphens);
    if laid.body.text.trim().is_empty() {
        return Err(LoadError::NoTextLayer {
            pages: page_count as usize,
        });
    }
    let mut document = Document {
        path: None,
        format: Format::Pdf,
        title: None,
        byline: None,
        outlet: None,
        published: None,
        modified: None,
        sha256: sha256_hex(bytes),
        text: laid.body.text,
        blocks: laid.body.blocks,
        links: laid.body.links,
        warnings,
        source_url: furniture.url,
        pages: laid.pages,
    };
    metadata::fill(&mut document);
    apply_info(&mut document, &info);
    Ok(document)
}

/// The file's own metadata over what the text suggested: its title (split from an outlet
/// suffix), its author, and its creation date as the publication date unless a browser printed
/// it (then the date is the day of printing, not of publishing).
fn apply_info(document: &mut Document, info: &info::Info) {
    if let Some(title) = &info.title {
        let (headline, outlet) = metadata::split_title_outlet(title);
        document.title = Some(headline.to_owned());
        if let Some(outlet) = outlet {
            document.outlet = Some(outlet.to_owned());
        }
    }
    if let Some(author) = &info.author {
        document.byline = Some(author.clone());
    }
    if !info.printed_by_browser()
        && let Some(created) = &info.created
    {
        document.published = Some(created.clone());
    }
}

/// The font size most of the text is set in.
fn body_size<'a>(segments: impl Iterator<Item = &'a Segment>) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for segment in segments {
        let key = (segment.size * 2.0).round() as i64;
        let chars = segment.text.chars().count();
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += chars,
            None => counts.push((key, chars)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map_or(10.0, |(k, _)| k as f64 / 2.0)
}

/// Refuses a file whose compressed streams (images aside, which are never unpacked here)
/// unpack to more than [`MAX_UNPACKED_BYTES`]: a decompression bomb.
fn check_unpacked_size(file: &PdfFile) -> Result<(), LoadError> {
    let mut budget = MAX_UNPACKED_BYTES;
    for object in file.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_image = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"Image");
        let filters = stream.filters().unwrap_or_default();
        if is_image || !filters.iter().any(|f| f == b"FlateDecode") {
            continue;
        }
        let mut decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        let unpacked =
            std::io::copy(&mut (&mut decoder).take(budget + 1), &mut std::io::sink()).unwrap_or(0);
        if unpacked > budget {
            return Err(LoadError::TooLarge {
                size_bytes: MAX_UNPACKED_BYTES + 1,
                limit_bytes: MAX_UNPACKED_BYTES,
            });
        }
        budget -= unpacked;
    }
    Ok(())
}

fn damaged(reason: &str) -> LoadError {
    LoadError::Damaged {
        format: "PDF",
        reason: reason.to_owned(),
    }
}

fn join_numbers(numbers: &[u32]) -> String {
    let shown: Vec<String> = numbers.iter().take(10).map(u32::to_string).collect();
    let more = numbers.len().saturating_sub(10);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
