//! Web pages saved from a browser (`.html`, `.htm`, `.xhtml`, `.html.gz`, `.mhtml`, `.mht`):
//! unwrap gzip or MHTML, sniff the character set, parse with html5ever (through dom_query), read
//! the metadata, and keep only the article. Nothing on the page is executed or fetched.

mod budget;
mod charset;
mod container;
mod content;
mod meta;
mod nesting;
mod repair;

use dom_query::Document as Dom;

use super::{Block, BlockKind, LoadError, MAX_FILE_BYTES, ParsedBody, decode};

pub(crate) use meta::PageMeta;

/// Most elements read from a page (the rest of a larger page is left out, with a warning).
pub use budget::MAX_ELEMENTS as MAX_HTML_ELEMENTS;

/// Deepest element nesting a page may have; deeper pages are refused before extraction (real
/// pages stay far below; browsers cap some nesting at 512).
pub const MAX_NESTING_DEPTH: usize = 512;

/// Depth the tag-stream pre-scan allows. It is looser than [`MAX_NESTING_DEPTH`] because pages
/// leave tags unclosed that the parser closes; the parsed tree is checked against the real limit.
const PRESCAN_DEPTH_LIMIT: usize = 4 * MAX_NESTING_DEPTH;

/// A loaded page: its article body, metadata and warnings.
pub(crate) struct HtmlPage {
    pub body: ParsedBody,
    pub meta: PageMeta,
    pub warnings: Vec<String>,
}

/// Loads a saved web page from its bytes.
pub(crate) fn parse(bytes: &[u8]) -> Result<HtmlPage, LoadError> {
    let page = read_dom(bytes)?;
    let meta = meta::read(&page.dom, page.location.as_deref());
    let (body, fallback) = content::extract(page.dom, meta.url.as_deref(), meta.byline.as_deref());
    let mut warnings = page.warnings;
    if body.text.chars().any(char::is_alphanumeric) {
        warnings.extend(fallback.map(|f| f.warning().to_owned()));
        return Ok(HtmlPage {
            body,
            meta,
            warnings,
        });
    }
    // A page built by its scripts holds no text of its own: show what its metadata says.
    let Some(body) = meta_body(&meta) else {
        return Ok(HtmlPage {
            body,
            meta,
            warnings,
        });
    };
    warnings.push(
        "the page holds no text of its own (scripts build it); its title and description are \
         shown"
            .to_owned(),
    );
    Ok(HtmlPage {
        body,
        meta,
        warnings,
    })
}

/// A body of the page's title (as a heading) and description, when it has a description (a
/// title alone is not text to read).
fn meta_body(meta: &PageMeta) -> Option<ParsedBody> {
    meta.description
        .as_deref()
        .filter(|d| d.chars().any(char::is_alphanumeric))?;
    let mut text = String::new();
    let mut blocks = Vec::new();
    let parts = [
        (meta.title.as_deref(), BlockKind::Heading),
        (meta.description.as_deref(), BlockKind::Paragraph),
    ];
    for (part, kind) in parts {
        let Some(part) = part.filter(|p| p.chars().any(char::is_alphanumeric)) else {
            continue;
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.chars().count();
        text.push_str(part);
        blocks.push(Block {
            kind,
            start,
            end: text.chars().count(),
        });
    }
    (!blocks.is_empty()).then_some(ParsedBody {
        text,
        blocks,
        links: Vec::new(),
    })
}

/// Loads one chapter of a book (an EPUB's XHTML file): all of its body's text, without looking
/// for an article inside it, and its `<title>`.
pub(crate) fn parse_chapter(bytes: &[u8]) -> Result<(ParsedBody, Option<String>), LoadError> {
    let page = read_dom(bytes)?;
    let title = page
        .dom
        .select("head title")
        .first()
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // The walk skips `<head>`: this is the body's text.
    let body = content::walk(&page.dom);
    Ok((body, Some(title).filter(|t| !t.is_empty())))
}

/// A page parsed into a DOM, with what its container said about it.
struct ParsedDom {
    dom: Dom,
    location: Option<String>,
    warnings: Vec<String>,
}

/// Unwraps, decodes and parses a page, refusing binary data and absurd nesting.
fn read_dom(bytes: &[u8]) -> Result<ParsedDom, LoadError> {
    let unzipped;
    let mut bytes = bytes;
    if container::is_gzip(bytes) {
        unzipped = container::gunzip(bytes, MAX_FILE_BYTES)?;
        bytes = &unzipped;
    }
    let mut charset = None;
    let mut location = None;
    let part;
    if container::is_mhtml(bytes) {
        let html_part = container::mhtml_html_part(bytes).ok_or(LoadError::NoHtmlPart)?;
        charset = html_part.charset;
        location = html_part.location;
        part = html_part.bytes;
        bytes = &part;
    }
    // Markup is never refused as binary: a page saved as UTF-16 without a byte-order mark, or
    // one with stray NUL bytes, is still a page.
    let is_markup = repair::looks_like_markup(bytes);
    if encoding_rs::Encoding::for_bom(bytes).is_none()
        && repair::sniff_utf16(bytes).is_none()
        && !is_markup
        && decode::looks_binary(bytes)
    {
        return Err(LoadError::Binary);
    }
    let decoded = charset::decode_page(bytes, charset.as_deref());
    let mut warnings = decoded.warnings;
    if decoded.text.contains('\0') && !repair::looks_like_markup(decoded.text.as_bytes()) {
        return Err(LoadError::Binary);
    }
    let text = repair::drop_nuls(decoded.text, &mut warnings);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let (text, repairs) = repair::close_unclosed(&text);
    warnings.extend(repairs);
    // Refuse absurd nesting before html5ever sees it (its cost grows with depth squared).
    let estimated = nesting::estimated_depth(&text, PRESCAN_DEPTH_LIMIT);
    if estimated > PRESCAN_DEPTH_LIMIT {
        return Err(LoadError::TooDeep {
            depth: estimated,
            limit: MAX_NESTING_DEPTH,
        });
    }
    let html = budget::collapse_space_entity_runs(&text);
    let (html, is_cut) = budget::limit_elements(&html);
    if is_cut {
        warnings.push(format!(
            "the page has more than {} elements; only the text up to there was read",
            budget::MAX_ELEMENTS
        ));
    }
    let (html, left_out) = budget::limit_formatting_elements(html);
    if left_out > 0 {
        warnings.push(format!(
            "the page opens more than {} formatting elements at once; {left_out} of their tags \
             were ignored",
            budget::MAX_OPEN_FORMATTING
        ));
    }
    let dom = Dom::from(html.as_ref());
    let depth = max_depth(&dom);
    if depth > MAX_NESTING_DEPTH {
        return Err(LoadError::TooDeep {
            depth,
            limit: MAX_NESTING_DEPTH,
        });
    }
    Ok(ParsedDom {
        dom,
        location,
        warnings,
    })
}

/// Deepest element nesting of a parsed page, found without recursion.
fn max_depth(dom: &Dom) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(dom.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        let mut child = node.first_child();
        while let Some(c) = child {
            if c.is_element() {
                stack.push((c, depth + 1));
            }
            child = c.next_sibling();
        }
    }
    deepest
}
