//! Bytes to text: BOM sniffing, UTF-8 and UTF-16, lossy fallback with a warning, `\n` line ends.

use super::LoadError;

/// Decoded text and the warnings decoding produced.
pub struct Decoded {
    /// The text with line endings normalised to `\n` and any BOM removed.
    pub text: String,
    /// Human-readable warnings (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// Decodes a text file's bytes: strips a UTF-8 BOM, honours UTF-16 BOMs, decodes invalid UTF-8
/// lossily (with a warning) and rejects binary data.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, LoadError> {
    let mut warnings = Vec::new();
    let text = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "the file is not valid {}; unreadable bytes were replaced with \u{FFFD}",
                encoding.name()
            ));
        }
        text.into_owned()
    } else {
        if looks_binary(bytes) {
            return Err(LoadError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                warnings.push(
                    "the file is not valid UTF-8; unreadable bytes were replaced with \u{FFFD}"
                        .to_owned(),
                );
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    if text.contains('\0') {
        return Err(LoadError::Binary);
    }
    Ok(Decoded {
        text: normalize_line_endings(&text),
        warnings,
    })
}

/// True when the bytes look like binary data rather than text: NUL bytes, or many control bytes.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && control * 20 > head.len()
}

/// Turns `\r\n` and lone `\r` into `\n`.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom_and_normalizes_line_endings() {
        let decoded = decode_text(b"\xEF\xBB\xBFone\r\ntwo\rthree").unwrap();
        assert_eq!(decoded.text, "one\ntwo\nthree");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Héllo “x”".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap().text, "Héllo “x”");
        let mut be = vec![0xFE, 0xFF];
        for unit in "Zoë".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_text(&be).unwrap().text, "Zoë");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let decoded = decode_text(b"caf\xE9 au lait").unwrap();
        assert_eq!(decoded.text, "caf\u{FFFD} au lait");
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn binary_is_rejected() {
        assert!(matches!(
            decode_text(b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(LoadError::Binary)
        ));
        assert!(matches!(
            decode_text(&[1, 2, 3, 4, 5, 6, 7, 8]),
            Err(LoadError::Binary)
        ));
    }
}
