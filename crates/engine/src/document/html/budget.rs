//! Work budgets for hostile pages: what keeps html5ever and its serializer linear.
//!
//! - html5ever builds a text node from character references one at a time, and its serializer
//!   looks for the next `<` or `>` from each escaped character to the end of the text node, so a
//!   paragraph of a million `&nbsp;` costs hours. Runs of space entities collapse to one space
//!   before parsing ([`collapse_space_entity_runs`]), and long text nodes are cut into short ones
//!   before the page is serialized ([`split_long_text_nodes`]); the article's text is the same.
//! - The parser re-opens every formatting element (`<b>`, `<font>`, `<a>`, …) still active in
//!   each new paragraph, so a page opening hundreds of them and then thousands of paragraphs
//!   builds millions of elements. At most [`MAX_OPEN_FORMATTING`] may be open at once
//!   ([`limit_formatting_elements`]); further ones are dropped, with their end tags, which only
//!   loses their styling.
//! - Parsing, cleaning and walking cost a few microseconds per element, so a page of millions of
//!   elements takes tens of seconds however linear each stage is. Only the first
//!   [`MAX_ELEMENTS`] are read ([`limit_elements`]); a news page has a few thousand.

use std::borrow::Cow;
use std::sync::OnceLock;

use dom_query::Document as Dom;
use regex::Regex;

use super::nesting;

/// Most formatting elements open at once; real pages stay far below.
pub const MAX_OPEN_FORMATTING: usize = 16;

/// Most start tags read from a page; the rest of a page with more is left out.
pub const MAX_ELEMENTS: usize = 250_000;

/// The page cut just before its start tag number [`MAX_ELEMENTS`] + 1, and whether it was cut.
/// One linear pass over the tags.
pub fn limit_elements(html: &str) -> (&str, bool) {
    let cut = nesting::tags(html)
        .filter(|tag| !tag.is_end)
        .nth(MAX_ELEMENTS)
        .map(|tag| tag.start);
    match cut {
        Some(at) => (html.get(..at).unwrap_or(html), true),
        None => (html, false),
    }
}

/// The elements the HTML parser re-opens in each new block (its "active formatting
/// elements").
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Longest text node handed to the serializer, in bytes; longer ones are cut into siblings.
const MAX_TEXT_NODE_BYTES: usize = 4096;

/// Fewest space entities in a row that are collapsed to one space.
const SPACE_RUN: usize = 16;

/// The page with every run of [`SPACE_RUN`] or more space entities (`&nbsp;`, `&#160;`,
/// `&ensp;`, …, with blanks between them) replaced by one space. The cost is linear.
pub fn collapse_space_entity_runs(html: &str) -> Cow<'_, str> {
    static RUN: OnceLock<Regex> = OnceLock::new();
    let run = RUN.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)(?:&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0|#32|#x0*20|#8194|#8195|#8201);?[ \t\r\n]*){{{SPACE_RUN},}}"
        ))
        .expect("a valid pattern")
    });
    run.replace_all(html, " ")
}

/// The page with no more than [`MAX_OPEN_FORMATTING`] formatting elements open at any point:
/// further start tags, and the end tags matching them, are left out. Returns the page and how
/// many tags were left out.
pub fn limit_formatting_elements(html: &str) -> (Cow<'_, str>, usize) {
    let mut open = 0usize;
    // Start tags left out and not yet matched by an end tag, per element.
    let mut skipped: Vec<(String, usize)> = Vec::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for tag in nesting::tags(html) {
        if !FORMATTING.contains(&tag.name.as_str()) || tag.is_self_closing {
            continue;
        }
        let pending = skipped.iter_mut().find(|(name, _)| *name == tag.name);
        if tag.is_end {
            match pending {
                Some((_, count)) if *count > 0 => {
                    *count -= 1;
                    cuts.push((tag.start, tag.end));
                }
                _ => open = open.saturating_sub(1),
            }
        } else if open >= MAX_OPEN_FORMATTING {
            match pending {
                Some((_, count)) => *count += 1,
                None => skipped.push((tag.name.clone(), 1)),
            }
            cuts.push((tag.start, tag.end));
        } else {
            open += 1;
        }
    }
    if cuts.is_empty() {
        return (Cow::Borrowed(html), 0);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in &cuts {
        out.push_str(html.get(at..*start).unwrap_or_default());
        at = *end;
    }
    out.push_str(html.get(at..).unwrap_or_default());
    (Cow::Owned(out), cuts.len())
}

/// Cuts every text node longer than [`MAX_TEXT_NODE_BYTES`] into siblings of at most that
/// length (at char boundaries), so that serializing the page costs time linear in its size.
/// Adjacent text nodes read back as one text, so nothing changes for the reader.
pub fn split_long_text_nodes(dom: &Dom) {
    let long: Vec<_> = dom
        .root()
        .descendants_it()
        .filter(|node| node.is_text() && node.text().len() > MAX_TEXT_NODE_BYTES)
        .collect();
    for node in long {
        let text = node.text();
        let mut pieces = chunks(&text, MAX_TEXT_NODE_BYTES);
        let Some(first) = pieces.next() else {
            continue;
        };
        node.set_text(first);
        let mut last = node;
        for piece in pieces {
            let next = dom.tree.new_text(piece);
            last.insert_after(&next);
            last = next;
        }
    }
}

/// `text` cut into pieces of at most `max_bytes` (at least one char each), at char boundaries.
fn chunks(text: &str, max_bytes: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = max_bytes.min(rest.len());
        while cut < rest.len() && !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == 0 {
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        let (piece, after) = rest.split_at(cut);
        rest = after;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_space_entities_collapse_and_short_ones_stay() {
        let flood = format!("<p>a{}b</p>", "&nbsp; ".repeat(1000));
        assert_eq!(collapse_space_entity_runs(&flood), "<p>a b</p>");
        let few = "<p>a&nbsp;&nbsp;b &amp; c</p>";
        assert_eq!(collapse_space_entity_runs(few), few);
    }

    #[test]
    fn formatting_elements_past_the_limit_are_left_out_with_their_end_tags() {
        let many: String = (0..MAX_OPEN_FORMATTING + 8)
            .map(|i| format!("<b class=c{i}>"))
            .collect();
        let html = format!("<p>{many}x</p><p>y</b><i>z</i></p>");
        let (limited, left_out) = limit_formatting_elements(&html);
        // 8 <b> past the limit, the </b> matching one of them, and <i>…</i> (the limit is
        // still reached).
        assert_eq!(left_out, 11);
        assert_eq!(limited.matches("<b ").count(), MAX_OPEN_FORMATTING);
        assert!(limited.ends_with("x</p><p>yz</p>"), "{limited}");
        let plain = "<p><b>a</b> <i>b</i></p>";
        assert_eq!(limit_formatting_elements(plain), (Cow::Borrowed(plain), 0));
    }

    #[test]
    fn chunks_keep_chars_whole_and_cover_the_text() {
        let text = "é".repeat(10);
        let pieces: Vec<&str> = chunks(&text, 5).collect();
        assert!(pieces.iter().all(|p| p.len() <= 5 && !p.is_empty()));
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn long_text_nodes_are_split_without_changing_the_text() {
        let text = "word & more <b> ".repeat(2000);
        let html = format!(
            "<html><body><p>{}</p></body></html>",
            text.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        );
        let dom = Dom::from(html.as_str());
        let before = dom.select("p").text().to_string();
        split_long_text_nodes(&dom);
        let children = dom
            .select("p")
            .nodes()
            .first()
            .map_or(0, |p| p.children().len());
        assert!(children > 1, "the text node was cut");
        assert_eq!(dom.select("p").text().to_string(), before);
        let reparsed = Dom::from(dom.select("body").html().to_string());
        assert_eq!(reparsed.select("p").text().to_string(), before);
    }
}
