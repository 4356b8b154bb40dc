//! Repairs of damaged pages before parsing, so that a page cut short or saved oddly still shows
//! its text: a `<title>` or `<textarea>` that is never closed (the parser would read the rest
//! of the page as its text), a `<script>` or `<style>` never closed, a comment never closed,
//! and NUL bytes. Each repair leaves a warning.

use std::borrow::Cow;

/// Elements that a damaged page may leave open, besides `<script>`: left open, they swallow
/// the rest of the page.
const RAW_TEXT_ELEMENTS: &[&str] = &["title", "textarea", "style"];

/// True when the bytes start like markup (`<` after white space, or a doctype or `<html`
/// near the top): such a file is a page even when it holds a few odd bytes.
pub fn looks_like_markup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head: Vec<u8> = head
        .iter()
        .filter(|&&b| b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|at| head.get(at) == Some(&b'<')) {
        return true;
    }
    ["<!doctype", "<html", "<?xml"]
        .iter()
        .any(|tag| memchr::memmem::find(&head, tag.as_bytes()).is_some())
}

/// UTF-16 without a byte-order mark, told by its zero bytes: markup is mostly ASCII, so every
/// other byte of the first ones is zero (odd ones for little-endian, even for big-endian).
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let text_even = head.iter().step_by(2).filter(|&&b| b != 0).count();
    let text_odd = head.iter().skip(1).step_by(2).filter(|&&b| b != 0).count();
    if zero_odd * 10 >= pairs * 8 && text_even * 10 >= pairs * 8 {
        return Some(encoding_rs::UTF_16LE);
    }
    if zero_even * 10 >= pairs * 8 && text_odd * 10 >= pairs * 8 {
        return Some(encoding_rs::UTF_16BE);
    }
    None
}

/// Drops NUL characters from decoded markup, with a warning when there were any.
pub fn drop_nuls(text: String, warnings: &mut Vec<String>) -> String {
    if !text.contains('\0') {
        return text;
    }
    let count = text.chars().filter(|&c| c == '\0').count();
    warnings.push(format!(
        "the page holds {} NUL {}; they were left out",
        count,
        if count == 1 { "byte" } else { "bytes" }
    ));
    text.replace('\0', "")
}

/// Closes raw-text elements and comments that a damaged page leaves open, so that the rest of
/// the page is read as markup. Returns the repaired page and a warning per repair. What stands
/// inside a script (`"<title>"` in a string) is not looked at.
pub fn close_unclosed(html: &str) -> (Cow<'_, str>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut text = Cow::Borrowed(html);
    let mut lower = html.to_ascii_lowercase();
    let (mut scripts, unclosed) = script_ranges(&lower);
    if let Some(content_start) = unclosed
        && let Some(repaired) = close_script(&text, &lower, content_start)
    {
        warnings.push(warning("script"));
        lower = repaired.to_ascii_lowercase();
        scripts = script_ranges(&lower).0;
        text = Cow::Owned(repaired);
    }
    for name in RAW_TEXT_ELEMENTS {
        if let Some(repaired) = close_element(&text, &lower, &scripts, name) {
            warnings.push(warning(name));
            lower = repaired.to_ascii_lowercase();
            scripts = script_ranges(&lower).0;
            text = Cow::Owned(repaired);
        }
    }
    if let Some(repaired) = close_comment(&text, &scripts) {
        warnings
            .push("a comment on the page is never closed; it was closed at its line's end".into());
        text = Cow::Owned(repaired);
    }
    (text, warnings)
}

fn warning(name: &str) -> String {
    format!("the page's <{name}> is never closed; it was closed where the markup goes on")
}

/// The byte ranges of the page's scripts (opening tag to closing tag), and where the content of
/// a script that is never closed starts, if one is.
fn script_ranges(lower: &str) -> (Vec<(usize, usize)>, Option<usize>) {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(open) = find_open(lower, "script", from) {
        let Some(content_start) = lower
            .get(open..)
            .and_then(|rest| rest.find('>'))
            .map(|at| open + at + 1)
        else {
            return (ranges, None);
        };
        match lower
            .get(content_start..)
            .and_then(|rest| rest.find("</script"))
        {
            Some(at) => {
                ranges.push((open, content_start + at));
                from = content_start + at;
            }
            None => return (ranges, Some(content_start)),
        }
    }
    (ranges, None)
}

fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let index = ranges.partition_point(|&(start, _)| start <= at);
    index > 0 && ranges.get(index - 1).is_some_and(|&(_, end)| at < end)
}

/// Closes a script left open before the next line that starts with a tag, or before
/// `</head>`, or at the end.
fn close_script(html: &str, lower: &str, content_start: usize) -> Option<String> {
    let rest = lower.get(content_start..)?;
    let insert_at = rest
        .find("\n<")
        .map(|at| at + 1)
        .or_else(|| rest.find("</head"))
        .map_or(html.len(), |at| content_start + at);
    insert(html, insert_at, "</script>")
}

fn insert(html: &str, at: usize, piece: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + piece.len());
    out.push_str(html.get(..at)?);
    out.push_str(piece);
    out.push_str(html.get(at..)?);
    Some(out)
}

/// The last `<!--` outside scripts without a `-->` after it closed at the end of its line (or
/// at the next `>` when the line has none).
fn close_comment(html: &str, scripts: &[(usize, usize)]) -> Option<String> {
    let mut search_end = html.len();
    let open = loop {
        let open = html.get(..search_end)?.rfind("<!--")?;
        if !inside(scripts, open) {
            break open;
        }
        search_end = open;
    };
    let after = open + 4;
    let rest = html.get(after..)?;
    // `<!-->` and `<!--->` are whole (empty) comments.
    if rest.starts_with('>') || rest.starts_with("->") || rest.contains("-->") {
        return None;
    }
    let end = rest
        .find('\n')
        .or_else(|| rest.find('>').map(|at| at + 1))
        .unwrap_or(rest.len());
    insert(html, after + end, "-->")
}

/// Finds an opening `<name` tag (followed by `>`, white space or `/`) at or after `from` in
/// the lower-cased page.
fn find_open(lower: &str, name: &str, from: usize) -> Option<usize> {
    let pattern = format!("<{name}");
    let mut at = from;
    while let Some(found) = lower.get(at..)?.find(&pattern) {
        let start = at + found;
        let next = lower.as_bytes().get(start + pattern.len()).copied();
        if next.is_none_or(|b| b == b'>' || b == b'/' || b.is_ascii_whitespace()) {
            return Some(start);
        }
        at = start + pattern.len();
    }
    None
}

/// Closes an element left open: at each opening outside scripts, the next closing tag must come
/// before the next opening (an SVG's `<title>` later on must not close the page's). The closing
/// tag goes before the next `<`.
fn close_element(
    html: &str,
    lower: &str,
    scripts: &[(usize, usize)],
    name: &str,
) -> Option<String> {
    let close = format!("</{name}");
    let next_open = |from: usize| {
        let mut from = from;
        loop {
            let at = find_open(lower, name, from)?;
            if !inside(scripts, at) {
                return Some(at);
            }
            from = at + 1;
        }
    };
    let mut opening = next_open(0)?;
    loop {
        let content_start = opening + lower.get(opening..)?.find('>')? + 1;
        let closing = lower
            .get(content_start..)?
            .find(&close)
            .map(|c| c + content_start);
        let following = next_open(content_start);
        let unclosed = match (closing, following) {
            (None, _) => true,
            (Some(c), Some(o)) => o < c,
            (Some(_), None) => false,
        };
        if unclosed {
            let insert_at = lower
                .get(content_start..)?
                .find('<')
                .map_or(html.len(), |at| content_start + at);
            return insert(html, insert_at, &format!("{close}>"));
        }
        opening = following?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_title_is_closed_before_the_next_tag() {
        let page =
            "<html><head><title>Flood warning\n<meta name=x content=y></head><body><p>Rain.</p>";
        let (fixed, warnings) = close_unclosed(page);
        assert!(
            fixed.contains("<title>Flood warning\n</title><meta"),
            "{fixed}"
        );
        assert_eq!(warnings.len(), 1);
        // A later SVG title does not close the page's.
        let page = "<title>Flood<body><p>Rain.</p><svg><title>icon</title></svg>";
        let (fixed, _) = close_unclosed(page);
        assert!(fixed.starts_with("<title>Flood</title><body>"), "{fixed}");
        let fine = "<title>Flood</title><svg><title>icon</title></svg>";
        assert!(matches!(close_unclosed(fine).0, Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_script_and_comment_are_closed() {
        let page = "<head><script>var a = 1 < 2;\n<body><p>Rain.</p>";
        let (fixed, _) = close_unclosed(page);
        assert!(fixed.contains("</script><body>"), "{fixed}");
        let page = "<body><!-- note\n<p>Rain.</p>";
        let (fixed, _) = close_unclosed(page);
        assert!(fixed.contains("<!-- note-->\n<p>"), "{fixed}");
        // A script that writes a script tag in a string is left alone, and so are tags and
        // comments in a script's strings.
        let page = "<script>document.write('<script></scr'+'ipt>');</script><p>Rain.</p>";
        assert!(matches!(close_unclosed(page).0, Cow::Borrowed(_)));
        let page = "<title>A</title><script>x = '<title> and <style> and <!--';</script><p>B</p>";
        assert!(matches!(close_unclosed(page).0, Cow::Borrowed(_)));
    }

    #[test]
    fn utf16_without_bom_and_markup_are_told() {
        let le: Vec<u8> = "<html><body>Rain</body></html>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff_utf16(&le), Some(encoding_rs::UTF_16LE));
        let be: Vec<u8> = "<html><body>Rain</body></html>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff_utf16(&be), Some(encoding_rs::UTF_16BE));
        assert_eq!(sniff_utf16(b"<html><body>Rain</body></html>"), None);
        assert!(looks_like_markup(b"  \n<!DOCTYPE html>"));
        assert!(!looks_like_markup(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        let mut warnings = Vec::new();
        assert_eq!(drop_nuls("a\0b".to_owned(), &mut warnings), "ab");
        assert_eq!(warnings.len(), 1);
    }
}
