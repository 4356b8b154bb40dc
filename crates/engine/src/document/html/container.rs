//! Unwrapping what a browser saves around a page: gzip compression and MHTML ("single file")
//! archives. Both are undone before the page's character set is sniffed.

use std::io::Read;

use super::super::LoadError;

/// The gzip magic number.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// True when `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Decompresses a gzip stream, refusing output larger than `limit_bytes` (a "zip bomb" gets
/// [`LoadError::TooLarge`] instead of filling memory).
pub fn gunzip(bytes: &[u8], limit_bytes: u64) -> Result<Vec<u8>, LoadError> {
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    // Read one byte past the limit to tell "exactly at the limit" from "over it".
    decoder
        .take(limit_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => LoadError::Binary,
            _ => LoadError::Unreadable(err),
        })?;
    let size_bytes = out.len() as u64;
    if size_bytes > limit_bytes {
        return Err(LoadError::TooLarge {
            size_bytes,
            limit_bytes,
        });
    }
    Ok(out)
}

/// The HTML part of an MHTML archive: its decoded bytes and the charset its headers name.
pub struct HtmlPart {
    /// The part's body after its transfer encoding was undone.
    pub bytes: Vec<u8>,
    /// The `charset` parameter of the part's `Content-Type`, if any.
    pub charset: Option<String>,
    /// The part's `Content-Location` (the page's address), if any.
    pub location: Option<String>,
}

/// True when `bytes` start like an MHTML archive (MIME headers with a `multipart/related` type).
pub fn is_mhtml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let header_end = head.find("\n\n").or_else(|| head.find("\r\n\r\n"));
    let headers = header_end.map_or(head.as_str(), |end| &head[..end]);
    headers.contains("content-type:") && headers.contains("multipart/")
}

/// Finds the first `text/html` part of an MHTML archive and decodes it (quoted-printable,
/// base64 or none). `None` when the archive holds no HTML part.
pub fn mhtml_html_part(bytes: &[u8]) -> Option<HtmlPart> {
    let (headers, body) = split_headers(bytes)?;
    let boundary = header_param(&headers, "content-type", "boundary")?;
    // RFC 2046 allows 70 chars; a longer boundary is not an archive a browser wrote.
    if boundary.len() > MAX_BOUNDARY_BYTES {
        return None;
    }
    let delimiter = format!("--{boundary}");
    for part in split_on(body, delimiter.as_bytes()).skip(1).take(MAX_PARTS) {
        // The closing delimiter is followed by "--".
        if part.starts_with(b"--") {
            break;
        }
        let part = trim_leading_newline(part);
        let Some((part_headers, part_body)) = split_headers(part) else {
            continue;
        };
        let content_type = header_value(&part_headers, "content-type").unwrap_or_default();
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        if !media_type.eq_ignore_ascii_case("text/html")
            && !media_type.eq_ignore_ascii_case("application/xhtml+xml")
        {
            continue;
        }
        let encoding = header_value(&part_headers, "content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let bytes = match encoding.trim() {
            "quoted-printable" => decode_quoted_printable(part_body),
            "base64" => decode_base64(part_body),
            _ => part_body.to_vec(),
        };
        return Some(HtmlPart {
            bytes,
            charset: header_param(&part_headers, "content-type", "charset"),
            location: header_value(&part_headers, "content-location"),
        });
    }
    None
}

fn trim_leading_newline(part: &[u8]) -> &[u8] {
    part.strip_prefix(b"\r\n")
        .or_else(|| part.strip_prefix(b"\n"))
        .unwrap_or(part)
}

/// MIME header lines as (lower-case name, value).
type Headers = Vec<(String, String)>;

/// Splits a MIME entity into its unfolded header lines and its body.
fn split_headers(bytes: &[u8]) -> Option<(Headers, &[u8])> {
    let (end, skip) = find(bytes, b"\r\n\r\n")
        .map(|at| (at, 4))
        .into_iter()
        .chain(find(bytes, b"\n\n").map(|at| (at, 2)))
        .min_by_key(|&(at, _)| at)?;
    let head = String::from_utf8_lossy(&bytes[..end]).replace("\r\n", "\n");
    let mut headers: Headers = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    Some((headers, bytes.get(end + skip..).unwrap_or_default()))
}

fn header_value(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// A parameter of a header, e.g. `boundary` of `Content-Type`, with quotes removed.
fn header_param(headers: &[(String, String)], name: &str, param: &str) -> Option<String> {
    let value = header_value(headers, name)?;
    value.split(';').skip(1).find_map(|p| {
        let (key, val) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(param)
            .then(|| val.trim().trim_matches('"').to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// Longest MHTML boundary read, in bytes.
const MAX_BOUNDARY_BYTES: usize = 200;

/// Most parts of an MHTML archive looked at for the HTML part.
const MAX_PARTS: usize = 10_000;

/// Where `needle` first occurs in `haystack`, in time linear in both (Two-Way search).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::find(haystack, needle)
}

/// The pieces of `bytes` between occurrences of `delimiter`, lazily.
fn split_on<'a>(bytes: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let current = rest?;
        match find(current, delimiter) {
            Some(at) => {
                rest = current.get(at + delimiter.len()..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Decodes quoted-printable: `=XX` hex escapes and `=` soft line breaks.
pub fn decode_quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while let Some(&byte) = input.get(i) {
        if byte != b'=' {
            out.push(byte);
            i += 1;
            continue;
        }
        match (input.get(i + 1), input.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&hi), Some(&lo)) => match (hex_value(hi), hex_value(lo)) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            },
            _ => {
                out.push(b'=');
                i += 1;
            }
        }
    }
    out
}

fn hex_value(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Decodes base64, skipping whitespace and stopping at padding or the first foreign byte.
pub fn decode_base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for &byte in input {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => break,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_quoted_printable() {
        assert_eq!(
            decode_quoted_printable(b"caf=C3=A9 =3D x=\r\ny="),
            "café = xy=".as_bytes()
        );
    }

    #[test]
    fn decodes_base64() {
        assert_eq!(decode_base64(b"aGVs\r\nbG8="), b"hello");
        assert_eq!(decode_base64(b"Y2Fmw6k="), "café".as_bytes());
    }
}
