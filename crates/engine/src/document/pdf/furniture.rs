//! Running headers, footers and page numbers: the lines a printer repeats in the page margins
//! (Chromium's date, title, address and "2/5"; a report's running title and folio).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::lines::Segment;

/// Share of the page height, from the top and from the bottom, where running lines are looked
/// for.
const MARGIN_SHARE: f64 = 0.1;

/// Running lines found on the pages.
#[derive(Debug, Default)]
pub struct Furniture {
    /// Per page (same order as given), which segments are running lines.
    pub dropped: Vec<Vec<bool>>,
    /// The first web address printed in a running line, if any.
    pub url: Option<String>,
}

/// Marks the running lines of `pages` (each page's segments, with its height). `title` is the
/// file's own title (a browser prints it in the header); `body_size` the size of running text.
pub fn find(pages: &[(f64, &[Segment])], title: Option<&str>, body_size: f64) -> Furniture {
    let title = title.map(squash);
    // How many pages carry each margin line, digits ignored ("Page 3" and "Page 4" agree).
    let mut repeats: HashMap<(bool, String), usize> = HashMap::new();
    for (height, segments) in pages {
        let mut seen = Vec::new();
        for segment in segments.iter() {
            if let Some(top) = margin_side(segment, *height) {
                let key = (top, digits_masked(&segment.text));
                if !seen.contains(&key) {
                    seen.push(key.clone());
                    *repeats.entry(key).or_insert(0) += 1;
                }
            }
        }
    }
    let repeated_on = (pages.len() / 2).max(2);
    let mut furniture = Furniture::default();
    for (height, segments) in pages {
        let marks = segments
            .iter()
            .map(|segment| {
                let Some(top) = margin_side(segment, *height) else {
                    return false;
                };
                let repeated = repeats
                    .get(&(top, digits_masked(&segment.text)))
                    .is_some_and(|&n| n >= repeated_on);
                let small = segment.size < 0.95 * body_size;
                let running = is_page_number(&segment.text)
                    || repeated
                    || (small && looks_printed_by_browser(&segment.text, title.as_deref()));
                if running && furniture.url.is_none() {
                    furniture.url = web_address(&segment.text);
                }
                running
            })
            .collect();
        furniture.dropped.push(marks);
    }
    furniture
}

/// `Some(true)` for a segment in the top margin band, `Some(false)` in the bottom one.
fn margin_side(segment: &Segment, page_height: f64) -> Option<bool> {
    if page_height <= 0.0 {
        return None;
    }
    if segment.y <= MARGIN_SHARE * page_height {
        Some(true)
    } else if segment.y >= (1.0 - MARGIN_SHARE) * page_height {
        Some(false)
    } else {
        None
    }
}

/// A folio: "4", "4/12", "Page 4", "Page 4 of 12", "- 4 -", "iv".
fn is_page_number(text: &str) -> bool {
    static FOLIO: OnceLock<Option<Regex>> = OnceLock::new();
    FOLIO
        .get_or_init(|| {
            Regex::new(
                r"(?i)^(?:[-–—]\s*)?(?:page\s+|p\.\s*)?(?:\d{1,5}(?:\s*(?:/|of)\s*\d{1,5})?|[ivxlc]{1,7})(?:\s*[-–—])?$",
            )
            .ok()
        })
        .as_ref()
        .is_some_and(|re| re.is_match(text.trim()))
}

/// What a browser prints in a page's margins: the date and time, the page's title, its address
/// (with the page number beside it).
fn looks_printed_by_browser(text: &str, title: Option<&str>) -> bool {
    static STAMP: OnceLock<Option<Regex>> = OnceLock::new();
    let text = squash(text);
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        // A long title is cut short with an ellipsis.
        let shortened = text.strip_suffix('…').map(str::trim_end);
        if text == title
            || text.ends_with(title)
            || shortened.is_some_and(|s| s.chars().count() >= 10 && title.starts_with(s))
        {
            return true;
        }
    }
    if web_address(&text).is_some() || text.starts_with("file://") {
        return true;
    }
    STAMP
        .get_or_init(|| {
            // 12/1/26, 8:46 PM · 01.12.26, 20:46 · 2026-12-01 20:46
            Regex::new(
                r"(?i)^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?\b",
            )
            .ok()
        })
        .as_ref()
        .is_some_and(|re| re.is_match(&text))
}

/// The http(s) address a running line starts with (the page number after it left out).
fn web_address(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let lower = first.to_ascii_lowercase();
    let is_web = lower.starts_with("http://") || lower.starts_with("https://");
    // A browser shortens a long address with an ellipsis: that is not the address.
    (is_web && first.len() > 10 && !first.contains('…')).then(|| first.to_owned())
}

fn digits_masked(text: &str) -> String {
    squash(text)
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folios_and_browser_stamps_are_recognised() {
        for folio in ["4", "4/12", "Page 4 of 12", "- 4 -", "iv", "p. 7"] {
            assert!(is_page_number(folio), "{folio}");
        }
        for text in ["4 people", "2024 was a year", "Page one"] {
            assert!(!is_page_number(text), "{text}");
        }
        assert!(looks_printed_by_browser("12/1/26, 8:46 PM", None));
        assert!(looks_printed_by_browser(
            "A headline - Outlet",
            Some("A headline - Outlet")
        ));
        assert!(!looks_printed_by_browser(
            "The council met on 12/1/26.",
            None
        ));
        assert_eq!(
            web_address("https://example.org/a/b 2/3").as_deref(),
            Some("https://example.org/a/b")
        );
        assert_eq!(web_address("https://example.org/very/lo…"), None);
    }
}
