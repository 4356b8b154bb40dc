//! The file's own metadata: the document information dictionary's title, author, dates and the
//! program that made it.

use pdf_extract::{Document as PdfFile, Object};

/// What the information dictionary says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Info {
    /// `/Title`.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// `/CreationDate` as RFC 3339 (or the day only when no time is given).
    pub created: Option<String>,
    /// `/Creator` and `/Producer`, joined: tells a browser's print from a typeset report.
    pub made_by: String,
}

impl Info {
    /// Whether a web browser printed the file (Chromium's Skia, Firefox's cairo, Safari).
    pub fn printed_by_browser(&self) -> bool {
        let made_by = self.made_by.to_ascii_lowercase();
        [
            "skia/pdf", "chrome", "mozilla", "firefox", "cairo", "safari", "webkit",
        ]
        .iter()
        .any(|name| made_by.contains(name))
    }
}

/// Reads the information dictionary (nothing when there is none).
pub fn read(file: &PdfFile) -> Info {
    let dictionary = file.trailer.get(b"Info").ok().and_then(|info| match info {
        Object::Reference(id) => file.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let Some(dictionary) = dictionary else {
        return Info::default();
    };
    let text = |key: &[u8]| {
        dictionary
            .get(key)
            .ok()
            .and_then(|o| match o {
                Object::Reference(id) => file.get_object(*id).ok(),
                other => Some(other),
            })
            .and_then(|o| o.as_str().ok())
            .map(decode_text_string)
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let made_by = [text(b"Creator"), text(b"Producer")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Info {
        title: text(b"Title").and_then(|t| clean_title(&t)),
        author: text(b"Author"),
        created: text(b"CreationDate").and_then(|d| parse_pdf_date(&d)),
        made_by,
    }
}

/// Drops what office programs put before a file name ("Microsoft Word - report.docx") and
/// titles that are only a file name.
fn clean_title(title: &str) -> Option<String> {
    let title = title
        .strip_prefix("Microsoft Word - ")
        .or_else(|| title.strip_prefix("Microsoft PowerPoint - "))
        .unwrap_or(title)
        .trim();
    let lower = title.to_ascii_lowercase();
    let file_name = [
        ".doc", ".docx", ".pdf", ".odt", ".rtf", ".indd", ".tex", ".ppt",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    (!title.is_empty() && !file_name && lower != "untitled").then(|| title.to_owned())
}

/// A PDF text string: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding (read as
/// Windows-1252, which agrees with it on the printable chars that matter here).
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
}

/// `D:YYYYMMDDHHmmSSOHH'mm'` (every part after the year optional) as RFC 3339, or
/// `YYYY-MM-DD` when no time is given.
pub fn parse_pdf_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("D:").unwrap_or(raw);
    let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let part = |range: std::ops::Range<usize>, default: u32| -> Option<u32> {
        digits.get(range).map_or(Some(default), |p| p.parse().ok())
    };
    let (year, month, day) = (part(0..4, 0)?, part(4..6, 1)?, part(6..8, 1)?);
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day)?;
    if digits.len() < 12 {
        return Some(format!("{year:04}-{month:02}-{day:02}"));
    }
    let (hour, minute, second) = (part(8..10, 0)?, part(10..12, 0)?, part(12..14, 0)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let zone = &raw[digits.len()..];
    let offset = match zone.chars().next() {
        Some('Z') | None => "+00:00".to_owned(),
        Some(sign @ ('+' | '-')) => {
            let zone_digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let hours: u32 = zone_digits.get(0..2)?.parse().ok()?;
            let minutes: u32 = zone_digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            format!("{sign}{hours:02}:{minutes:02}")
        }
        Some(_) => return None,
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_rfc_3339() {
        assert_eq!(
            parse_pdf_date("D:20261201204619+01'00'").as_deref(),
            Some("2026-12-01T20:46:19+01:00")
        );
        assert_eq!(
            parse_pdf_date("D:20240304123000Z").as_deref(),
            Some("2024-03-04T12:30:00+00:00")
        );
        assert_eq!(parse_pdf_date("D:20240304").as_deref(), Some("2024-03-04"));
        assert_eq!(parse_pdf_date("D:20241340"), None);
        assert_eq!(parse_pdf_date("yesterday"), None);
    }

    #[test]
    fn text_strings_and_titles() {
        assert_eq!(decode_text_string(b"\xFE\xFF\x00H\x00i"), "Hi");
        assert_eq!(decode_text_string(b"Caf\xE9"), "Café");
        assert_eq!(
            clean_title("Microsoft Word - Annual Report"),
            Some("Annual Report".into())
        );
        assert_eq!(clean_title("draft-3.docx"), None);
    }
}
