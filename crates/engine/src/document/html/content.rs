//! The article itself: dom_smoothie (a port of Readability.js) picks the main content, and our
//! walk over its cleaned DOM turns it into display text and blocks (headings, paragraphs, block
//! quotes, list items), dropping what is left of page furniture.

use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability};

use crate::document::{Block, BlockKind, Link, ParsedBody};

/// Most elements dom_smoothie is asked to score; larger pages fall back to the plain walk.
const MAX_ELEMENTS: usize = 60_000;

/// Why the article text is not dom_smoothie's main content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// No main content was found: the block holding the most text is shown.
    LargestBlock,
    /// Neither main content nor a block of text: all of the page's visible text is shown.
    AllText,
}

impl Fallback {
    /// The warning a document carries when this fallback was used.
    pub fn warning(self) -> &'static str {
        match self {
            Fallback::LargestBlock => {
                "no article was found on the page; its largest block of text is shown"
            }
            Fallback::AllText => "no article was found on the page; all of its text is shown",
        }
    }
}

/// Extracts the article of a parsed page. `page_url` resolves nothing (nothing is fetched); it
/// only lets dom_smoothie recognise same-site links. When no main content with text is found,
/// falls back to the page's largest block of text, then to all of its visible text, and says
/// which.
pub fn extract(
    dom: Dom,
    page_url: Option<&str>,
    byline: Option<&str>,
) -> (ParsedBody, Option<Fallback>) {
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // Our clean-up reads class names (captions, share bars, related links).
        keep_classes: true,
        ..Config::default()
    };
    reveal_streamed_content(&dom);
    remove_furniture(&dom);
    super::budget::split_long_text_nodes(&dom);
    let fallback_html = dom.select("body").html().to_string();
    let readability = Readability::with_document(dom, page_url, Some(config.clone()))
        .or_else(|_| Readability::with_document(Dom::from(""), None, Some(config)));
    let article_html = readability
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|article| article.content.to_string())
        .filter(|html| !html.trim().is_empty());
    fall_back(article_html, fallback_html, byline)
}

/// The article's text from dom_smoothie's main content when it has text, else from the page's
/// largest block of text, else from all of the page's visible text.
fn fall_back(
    article_html: Option<String>,
    page_html: String,
    byline: Option<&str>,
) -> (ParsedBody, Option<Fallback>) {
    if let Some(article_html) = article_html {
        let body = drop_header_lines(walk(&Dom::from(article_html)), byline);
        if has_text(&body) {
            return (body, None);
        }
    }
    let page = Dom::from(page_html);
    if let Some(block) = largest_text_block(&page) {
        let body = drop_header_lines(walk(&Dom::from(block)), byline);
        if has_text(&body) {
            return (body, Some(Fallback::LargestBlock));
        }
    }
    let body = drop_header_lines(walk(&page), byline);
    (body, Some(Fallback::AllText))
}

fn has_text(body: &ParsedBody) -> bool {
    body.text.chars().any(char::is_alphanumeric)
}

/// Fewest letters a block must hold to be shown as the page's largest block of text.
const MIN_BLOCK_CHARS: usize = 80;

/// The HTML of the element whose own paragraphs (text nodes and `<p>` children, outside
/// skipped and hidden elements) hold the most text, if one holds at least
/// [`MIN_BLOCK_CHARS`] letters.
fn largest_text_block(page: &Dom) -> Option<String> {
    let body = page.body()?;
    let mut best: Option<(usize, NodeRef)> = None;
    for node in body.descendants_it().filter(|n| n.is_element()) {
        if is_skipped(&node) {
            continue;
        }
        let mut chars = 0;
        for child in node.children_it(false) {
            let counted = child.is_text()
                || (child.is_element()
                    && child
                        .node_name()
                        .is_some_and(|n| n.eq_ignore_ascii_case("p"))
                    && !is_hidden(&child));
            if counted {
                chars += child.text().chars().filter(|c| c.is_alphanumeric()).count();
            }
        }
        if chars >= MIN_BLOCK_CHARS && best.as_ref().is_none_or(|(most, _)| chars > *most) {
            best = Some((chars, node));
        }
    }
    let (_, node) = best?;
    // Skip the block if it lies inside a skipped or hidden element.
    if node
        .ancestors_it(None)
        .any(|a| a.is_element() && is_skipped(&a))
    {
        return None;
    }
    Some(node.html().to_string())
}

fn is_skipped(node: &NodeRef) -> bool {
    let name = node
        .node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default();
    SKIPPED.contains(&name.as_str()) || is_hidden(node)
}

/// Shows what a page streamed in hidden containers for its scripts to move into place (React's
/// `<div hidden id="S:0">`): a browser running the page shows it.
fn reveal_streamed_content(dom: &Dom) {
    for node in dom.select("div[hidden][id^=\"S:\"]").nodes() {
        node.remove_attr("hidden");
    }
}

/// How many leading blocks may be a byline or dateline left over from the page's header.
const HEADER_BLOCKS: usize = 3;

/// Longest header line dropped, in words.
const HEADER_LINE_WORDS: usize = 16;

/// Drops short byline and date lines ("By Jane Doe", "Updated Nov 19, 9:41 AM") from the first
/// blocks: the document carries them as metadata.
fn drop_header_lines(body: ParsedBody, byline: Option<&str>) -> ParsedBody {
    let keep: Vec<bool> = body
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            if i >= HEADER_BLOCKS || block.kind != BlockKind::Paragraph {
                return true;
            }
            let text = crate::text::slice_chars(&body.text, block.start, block.end);
            !is_header_line(text, byline)
        })
        .collect();
    if keep.iter().all(|&k| k) {
        return body;
    }
    keep_blocks(body, &keep)
}

fn is_header_line(text: &str, byline: Option<&str>) -> bool {
    let words = text.split_whitespace().count();
    if words > HEADER_LINE_WORDS {
        return false;
    }
    let lower = text.to_lowercase();
    let names_author =
        byline.is_some_and(|b| !b.is_empty() && text.contains(b)) || lower.starts_with("by ");
    let is_dated = crate::document::parse_published_date(text).is_some()
        && (words <= 8
            || ["updated", "posted", "published", "last modified"]
                .iter()
                .any(|w| lower.contains(w)));
    let is_relative_date =
        (lower.starts_with("published") || lower.starts_with("updated")) && lower.contains(" ago");
    names_author || is_dated || is_relative_date
}

/// Rebuilds a body from the blocks marked to keep, moving links along with their block.
fn keep_blocks(body: ParsedBody, keep: &[bool]) -> ParsedBody {
    let mut text = String::new();
    let mut chars = 0;
    let mut blocks = Vec::new();
    let mut links = Vec::new();
    for (block, _) in body.blocks.iter().zip(keep).filter(|(_, k)| **k) {
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        let start = chars;
        text.push_str(crate::text::slice_chars(&body.text, block.start, block.end));
        chars += block.end - block.start;
        blocks.push(Block {
            kind: block.kind,
            start,
            end: chars,
        });
        for link in body
            .links
            .iter()
            .filter(|l| l.start >= block.start && l.end <= block.end)
        {
            links.push(Link {
                start: link.start - block.start + start,
                end: link.end - block.start + start,
                url: link.url.clone(),
            });
        }
    }
    ParsedBody {
        text,
        blocks,
        links,
    }
}

/// Largest share of the page's text a furniture-marked element may hold and still be removed
/// before extraction (a wrapper named "has-share-bar" around the whole article is kept).
const FURNITURE_MAX_SHARE: f64 = 0.2;

/// Removes elements marked as furniture (see [`FURNITURE_MARKS`]) from the page before
/// dom_smoothie scores it, so that its paragraph unwrapping cannot hide their class names.
fn remove_furniture(dom: &Dom) {
    let Some(body) = dom.body() else { return };
    let page_chars = body.text().chars().filter(|c| !c.is_whitespace()).count();
    let marked: Vec<NodeRef> = body
        .descendants_it()
        .filter(|n| n.is_element() && is_furniture(n))
        .collect();
    for node in marked {
        let chars = node.text().chars().filter(|c| !c.is_whitespace()).count();
        if (chars as f64) <= FURNITURE_MAX_SHARE * page_chars as f64 {
            node.remove_from_parent();
        } else {
            // A wrapper of much of the page ("promoted", "has-share-bar", "newsletter-article")
            // holds the article: its marks must not hide it later.
            unmark_furniture(&node);
        }
    }
}

/// Drops the furniture marks from an element's class names and id.
fn unmark_furniture(node: &NodeRef) {
    let is_mark = |token: &str| {
        let token = token.to_ascii_lowercase();
        FURNITURE_MARKS.iter().any(|mark| token.contains(mark))
    };
    if let Some(class) = node.attr("class") {
        let kept: Vec<&str> = class.split_whitespace().filter(|t| !is_mark(t)).collect();
        node.set_attr("class", &kept.join(" "));
    }
    if node.attr("id").is_some_and(|id| is_mark(&id)) {
        node.remove_attr("id");
    }
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "nav",
    "head",
    "title",
    "figure",
    "figcaption",
    "aside",
];

/// Parts of class names and ids that mark page furniture inside the article: captions and
/// credits, galleries, share bars, related links, newsletter boxes, ads, hover cards.
const FURNITURE_MARKS: &[&str] = &[
    "caption",
    "credit",
    "gallery",
    "slideshow",
    "carousel",
    "related",
    "share",
    "social",
    "newsletter",
    "promo",
    "advert",
    "byline",
    "timestamp",
    "recirc",
    "rollover",
    "tooltip",
    "popup",
    "subscribe",
];

/// Whole class names that hide an element from sighted readers.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screenreader-only",
];

/// Elements that start a new block.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
];

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave {
        kind: Option<BlockKind>,
        link: bool,
        pre: bool,
    },
}

/// Text and blocks being built.
#[derive(Default)]
struct Builder {
    text: String,
    chars: usize,
    blocks: Vec<Block>,
    links: Vec<Link>,
    /// Inline text of the block being gathered, whitespace already collapsed.
    line: String,
    line_chars: usize,
    /// Links opened or closed within `line`: (start, end, url), offsets into `line`.
    line_links: Vec<(usize, Option<usize>, String)>,
    kinds: Vec<BlockKind>,
    pre_depth: usize,
}

impl Builder {
    fn push_text(&mut self, text: &str) {
        // Control characters other than whitespace are not displayed by browsers.
        let shown = text
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace());
        if self.pre_depth > 0 {
            for c in shown {
                self.line.push(c);
                self.line_chars += 1;
            }
            return;
        }
        for c in shown {
            if c.is_whitespace() {
                if self.line.is_empty() || self.line.ends_with([' ', '\n']) {
                    continue;
                }
                self.line.push(' ');
            } else {
                self.line.push(c);
            }
            self.line_chars += 1;
        }
    }

    fn push_break(&mut self) {
        while self.line.ends_with(' ') {
            self.line.pop();
            self.line_chars -= 1;
        }
        if !self.line.is_empty() && !self.line.ends_with('\n') {
            self.line.push('\n');
            self.line_chars += 1;
        }
    }

    fn flush(&mut self) {
        while self.line.ends_with([' ', '\n']) {
            self.line.pop();
            self.line_chars -= 1;
        }
        let line = std::mem::take(&mut self.line);
        let line_chars = std::mem::replace(&mut self.line_chars, 0);
        let line_links = std::mem::take(&mut self.line_links);
        let line = line.trim_start();
        let leading = line_chars - line.chars().count();
        if line.is_empty() || !line.chars().any(char::is_alphabetic) {
            return;
        }
        let link_chars: usize = line_links
            .iter()
            .map(|(start, end, _)| {
                end.unwrap_or(line_chars)
                    .min(line_chars)
                    .saturating_sub(*start)
            })
            .sum();
        if link_chars * 10 >= (line_chars - leading) * 9 {
            // Only a link: a related story or a "read more", not article text.
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
            self.chars += 2;
        }
        let start = self.chars;
        self.text.push_str(line);
        self.chars += line_chars - leading;
        let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        self.blocks.push(Block {
            kind,
            start,
            end: self.chars,
        });
        for (link_start, link_end, url) in line_links {
            let link_end = link_end.unwrap_or(line_chars);
            let (link_start, link_end) = (
                link_start.saturating_sub(leading),
                link_end.min(line_chars).saturating_sub(leading),
            );
            if link_end > link_start {
                self.links.push(Link {
                    start: start + link_start,
                    end: start + link_end,
                    url,
                });
            }
        }
    }
}

/// Walks a DOM (iteratively, so depth costs no stack) into text, blocks and links.
pub fn walk(dom: &Dom) -> ParsedBody {
    let mut out = Builder::default();
    let mut stack = vec![Step::Enter(dom.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { kind, link, pre } => {
                if link && let Some(open) = out.line_links.iter_mut().rev().find(|l| l.1.is_none())
                {
                    open.1 = Some(out.line_chars);
                }
                if pre {
                    out.pre_depth = out.pre_depth.saturating_sub(1);
                }
                if let Some(kind) = kind {
                    out.flush();
                    if kind != BlockKind::Paragraph {
                        out.kinds.pop();
                    }
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    out.push_text(&node.text());
                    continue;
                }
                if !node.is_element() && !node.is_document() && !node.is_fragment() {
                    continue;
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIPPED.contains(&name.as_str()) || is_hidden(&node) {
                    continue;
                }
                if name == "br" {
                    out.push_break();
                    continue;
                }
                if name == "td" || name == "th" {
                    // Cells of a row read as one line.
                    out.push_text(" ");
                }
                let kind = BLOCK_ELEMENTS
                    .contains(&name.as_str())
                    .then(|| block_kind(&name));
                if let Some(kind) = kind {
                    out.flush();
                    if kind != BlockKind::Paragraph {
                        out.kinds.push(kind);
                    }
                }
                let link = name == "a"
                    && node
                        .attr("href")
                        .map(|h| h.trim().to_owned())
                        .filter(|h| !h.is_empty() && !h.starts_with("javascript:"))
                        .map(|href| out.line_links.push((out.line_chars, None, href)))
                        .is_some();
                let pre = name == "pre";
                if pre {
                    out.pre_depth += 1;
                }
                stack.push(Step::Leave { kind, link, pre });
                let children = node.children();
                for child in children.into_iter().rev() {
                    stack.push(Step::Enter(child));
                }
            }
        }
    }
    out.flush();
    ParsedBody {
        text: out.text,
        blocks: out.blocks,
        links: out.links,
    }
}

/// The block kind an element gives its text; containers give `Paragraph` (no change).
fn block_kind(name: &str) -> BlockKind {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "blockquote" => BlockKind::BlockQuote,
        "li" | "dd" | "dt" => BlockKind::ListItem,
        _ => BlockKind::Paragraph,
    }
}

/// True for an element whose class or id marks it as page furniture or hidden text.
fn is_furniture(node: &NodeRef) -> bool {
    let class = node
        .attr("class")
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    let id = node
        .attr("id")
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    if class
        .split_whitespace()
        .any(|c| HIDDEN_CLASSES.contains(&c))
    {
        return true;
    }
    class
        .split_whitespace()
        .chain(std::iter::once(id.as_str()))
        .any(|token| FURNITURE_MARKS.iter().any(|mark| token.contains(mark)))
}

fn is_hidden(node: &NodeRef) -> bool {
    is_furniture(node)
        || node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || node.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><body><nav><a href=\"/\">Home</a> Menu of the site</nav>\
        <div class=\"story\"><p>The island ferry will run every forty minutes from Monday, \
        the operator said, after a long campaign by residents.</p><p>Evening sailings stay as \
        they are.</p></div><div>Footer text of the site</div></body></html>";

    #[test]
    fn main_content_is_used_when_it_has_text() {
        let (body, fallback) = fall_back(
            Some("<div><p>Only the article.</p></div>".to_owned()),
            PAGE.to_owned(),
            None,
        );
        assert_eq!(fallback, None);
        assert_eq!(body.text, "Only the article.");
    }

    #[test]
    fn empty_main_content_falls_back_to_the_largest_block() {
        // Main content holding only a figure has no text to show.
        let (body, fallback) = fall_back(
            Some("<div><figure><img src=\"a.jpg\"></figure></div>".to_owned()),
            PAGE.to_owned(),
            None,
        );
        assert_eq!(fallback, Some(Fallback::LargestBlock));
        assert!(body.text.starts_with("The island ferry"), "{}", body.text);
        assert!(!body.text.contains("Footer"));
    }

    #[test]
    fn without_a_block_of_text_all_visible_text_is_shown() {
        let page = "<html><body><div>Short words here.</div><div hidden>Hidden</div>\
            <span>More short words.</span></body></html>";
        let (body, fallback) = fall_back(None, page.to_owned(), None);
        assert_eq!(fallback, Some(Fallback::AllText));
        assert_eq!(body.text, "Short words here.\n\nMore short words.");
        assert!(Fallback::AllText.warning().contains("all of its text"));
    }

    #[test]
    fn streamed_content_is_revealed_and_article_wrappers_keep_their_text() {
        let page = format!(
            "<html><body><div hidden id=\"S:0\"><article class=\"post promoted \
             has-share-bar\"><p>{}</p></article></div></body></html>",
            "The island ferry will run every forty minutes from Monday, the operator said. "
                .repeat(6)
        );
        let (body, fallback) = extract(Dom::from(page.as_str()), None, None);
        assert_eq!(fallback, None);
        assert!(body.text.starts_with("The island ferry"), "{}", body.text);
    }
}
