//! A linear pre-scan of the tag stream that bounds nesting depth before the page is parsed.
//!
//! html5ever checks element scope by walking its stack of open elements, so a page nested tens
//! of thousands of levels deep costs quadratic time to parse (100,000 nested `<div>`s take about
//! half a minute). This scan counts open minus closed tags (ignoring void elements and those
//! whose end tag may be left out, which browsers close implicitly) and stops at the first point
//! deeper than the limit, so such a page is refused in linear time.

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame", "image", "isindex",
];

/// Elements whose end tag may be omitted (so they do not reliably nest).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rtc", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text, not tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// A tag in the page's tag stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset just past the `>` (or the end of the page).
    pub end: usize,
    /// The element name, lower case.
    pub name: String,
    /// Whether this is an end tag (`</b>`).
    pub is_end: bool,
    /// Whether the start tag closes itself (`<br/>`).
    pub is_self_closing: bool,
}

/// The start and end tags of a page, in order, in one linear pass. Comments, doctypes and
/// processing instructions are skipped, and so is the content of raw-text elements
/// (`<script>`, `<style>`, …): the tag after a raw-text start tag is its end tag.
pub(crate) fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut raw_text: Option<String> = None;
    std::iter::from_fn(move || {
        if let Some(name) = raw_text.take() {
            let after = bytes.get(i..).unwrap_or_default();
            i += find_end_tag(after, name.as_bytes()).unwrap_or(after.len());
        }
        while let Some(offset) = bytes.get(i..).and_then(|rest| memchr(b'<', rest)) {
            let start = i + offset;
            i = start + 1;
            let rest = bytes.get(i..).unwrap_or_default();
            if rest.starts_with(b"!--") {
                i += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
                continue;
            }
            if rest.starts_with(b"!") || rest.starts_with(b"?") {
                i += memchr(b'>', rest).map_or(rest.len(), |end| end + 1);
                continue;
            }
            let is_end = rest.starts_with(b"/");
            let name_start = usize::from(is_end);
            let name_len = rest
                .get(name_start..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
                .count();
            if name_len == 0 || !rest.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            let name = String::from_utf8_lossy(&rest[name_start..name_start + name_len])
                .to_ascii_lowercase();
            let tag_end = memchr(b'>', rest).map_or(rest.len(), |end| end + 1);
            let is_self_closing = tag_end > 1 && rest.get(tag_end - 2) == Some(&b'/');
            i += tag_end;
            if !is_end && RAW_TEXT.contains(&name.as_str()) {
                raw_text = Some(name.clone());
            }
            return Some(Tag {
                start,
                end: i,
                name,
                is_end,
                is_self_closing,
            });
        }
        i = bytes.len();
        None
    })
}

/// The deepest nesting of the tag stream, or `limit + 1` as soon as it passes `limit`.
pub fn estimated_depth(html: &str, limit: usize) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in tags(html) {
        let name = tag.name.as_str();
        let counts = !VOID.contains(&name) && !OPTIONAL_END.contains(&name);
        if !counts || RAW_TEXT.contains(&name) {
            continue;
        }
        if tag.is_end {
            depth = depth.saturating_sub(1);
        } else if !tag.is_self_closing {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > limit {
                return deepest;
            }
        }
    }
    deepest
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Where `</name` starts in `haystack` (any letter case), in one pass and without copying:
/// the page is scanned once however many raw-text elements it holds.
pub(crate) fn find_end_tag(haystack: &[u8], name: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(offset) = haystack.get(at..).and_then(|rest| memchr(b'<', rest)) {
        let start = at + offset;
        let tag = haystack.get(start + 1..).unwrap_or_default();
        if tag.first() == Some(&b'/')
            && tag
                .get(1..=name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_and_ignores_void_and_raw_text() {
        let html = "<html><body><div><p>a<br><img src=x><div>b</div></div>\
                    <script>if (a < b) { '<div><div><div>' }</script></body></html>";
        assert_eq!(estimated_depth(html, 100), 2);
        let deep = "<div>".repeat(50_000);
        assert_eq!(estimated_depth(&deep, 1_000), 1_001);
        assert_eq!(estimated_depth("<!-- <div><div> --><span/>", 10), 0);
    }

    #[test]
    fn end_tags_of_raw_text_are_found_in_any_case() {
        assert_eq!(find_end_tag(b"a < b </STYLE> c", b"style"), Some(6));
        assert_eq!(find_end_tag(b"</styl", b"style"), None);
        assert_eq!(find_end_tag(b"<style></style>", b"style"), Some(7));
    }

    #[test]
    fn the_tag_stream_skips_comments_and_raw_text() {
        let html = "<!doctype html><P class=x>a<!-- <b> --><script>'<i>'</SCRIPT><br/></p>";
        let tags: Vec<(String, bool, bool)> = tags(html)
            .map(|t| (t.name, t.is_end, t.is_self_closing))
            .collect();
        let expected = [
            ("p", false, false),
            ("script", false, false),
            ("script", true, false),
            ("br", false, true),
            ("p", true, false),
        ];
        let expected: Vec<(String, bool, bool)> = expected
            .iter()
            .map(|(n, e, s)| ((*n).to_owned(), *e, *s))
            .collect();
        assert_eq!(tags, expected);
        let first = super::tags(html).next().expect("a tag");
        assert_eq!(&html[first.start..first.end], "<P class=x>");
    }
}
