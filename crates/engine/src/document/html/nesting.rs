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

/// The deepest nesting of the tag stream, or `limit + 1` as soon as it passes `limit`.
pub fn estimated_depth(html: &str, limit: usize) -> usize {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut i = 0;
    while let Some(offset) = bytes.get(i..).and_then(|rest| memchr(b'<', rest)) {
        i += offset + 1;
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
        let name =
            String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
        let tag_end = memchr(b'>', rest).unwrap_or(rest.len());
        let is_self_closing = tag_end > 0 && rest.get(tag_end - 1) == Some(&b'/');
        i += tag_end;
        let counts = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
        if is_end {
            if counts {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let closing = format!("</{name}");
            let after = bytes.get(i..).unwrap_or_default();
            let lower = after.to_ascii_lowercase();
            i += find(&lower, closing.as_bytes()).unwrap_or(after.len());
            continue;
        }
        if counts && !is_self_closing {
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
    haystack.iter().position(|&b| b == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
}
