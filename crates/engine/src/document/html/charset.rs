//! Character set of a page: a byte-order mark, then UTF-16 told by its zero bytes, then a charset
//! named by the container (MHTML part headers), then an XML declaration's `encoding`, then
//! `<meta charset>` or `<meta http-equiv="Content-Type">` near the top, then UTF-8 when the bytes
//! are valid UTF-8, and windows-1252 (what browsers assume) otherwise. A declared encoding that
//! does not fit the bytes (UTF-16 for single bytes) is read as UTF-8.

use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

/// How far into the page a `<meta>` charset declaration is looked for, in bytes.
const PRESCAN_BYTES: usize = 8192;

/// A page decoded to text, with the encoding used and any warnings.
pub struct DecodedPage {
    /// The page's text.
    pub text: String,
    /// Problems met while decoding (bytes invalid in the chosen encoding).
    pub warnings: Vec<String>,
}

/// Decodes a page's bytes, choosing the encoding as the module doc describes.
pub fn decode_page(bytes: &[u8], container_charset: Option<&str>) -> DecodedPage {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, bytes.get(bom_len..).unwrap_or_default()),
        None if let Some(utf16) = super::repair::sniff_utf16(bytes) => (utf16, bytes),
        None => {
            let declared = container_charset
                .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
                .map(single_byte_reading)
                .or_else(|| xml_encoding(bytes))
                .or_else(|| meta_charset(bytes));
            let encoding = declared.unwrap_or_else(|| {
                if std::str::from_utf8(bytes).is_ok() {
                    UTF_8
                } else {
                    WINDOWS_1252
                }
            });
            (encoding, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!(
            "the page is not valid {}; unreadable bytes were replaced with \u{FFFD}",
            encoding.name()
        ));
    }
    DecodedPage {
        text: text.into_owned(),
        warnings,
    }
}

/// The encoding an XML declaration (`<?xml version="1.0" encoding="…"?>`) at the top names.
fn xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    static XML: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = XML
        .get_or_init(|| {
            Regex::new(r#"(?i-u)^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).ok()
        })
        .as_ref()?;
    let head = &bytes[..bytes.len().min(512)];
    let label = pattern.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label).map(single_byte_reading)
}

/// A declared encoding as bytes without zeros can be read: UTF-16 means UTF-8 (the
/// declaration itself was read as ASCII), x-user-defined means windows-1252.
fn single_byte_reading(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// The encoding a `<meta>` tag near the top declares. A declared UTF-16 means UTF-8 (the bytes
/// were read as ASCII to find it), as browsers do.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = META
        .get_or_init(|| {
            Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).ok()
        })
        .as_ref()?;
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = pattern.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label).map(single_byte_reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_wins_over_guessing() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body>";
        assert!(decode_page(page, None).text.contains("café"));
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\x93q\x94";
        assert!(decode_page(page, None).text.contains("\u{201c}q\u{201d}"));
    }

    #[test]
    fn xml_declaration_and_utf16_without_bom_are_read() {
        let page = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body>caf\xe9</body>";
        assert!(decode_page(page, None).text.contains("caf\u{e9}"));
        // UTF-16 declared over single bytes reads as UTF-8.
        let page = "<?xml version='1.0' encoding='UTF-16'?><html><body>café</body>";
        assert!(decode_page(page.as_bytes(), None).text.contains("café"));
        let page: Vec<u8> = "<html><body>café</body></html>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode_page(&page, None).text,
            "<html><body>café</body></html>"
        );
    }

    #[test]
    fn falls_back_to_utf8_then_windows_1252() {
        assert_eq!(
            decode_page("<p>café</p>".as_bytes(), None).text,
            "<p>café</p>"
        );
        assert_eq!(decode_page(b"<p>caf\xe9</p>", None).text, "<p>café</p>");
    }
}
