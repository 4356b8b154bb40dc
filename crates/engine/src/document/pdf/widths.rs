//! Glyph widths of composite (CID) fonts written out in the form pdf-extract reads.
//!
//! A CID font's `/W` array mixes two forms: `c [w1 w2 …]` (widths from code `c` on) and
//! `c_first c_last w` (one width for a range). pdf-extract 0.12 reads only the first form
//! correctly; a range falls back to the default width, which moves every later glyph of the
//! string (Chromium's PDFs use ranges for most letters). Rewriting ranges into the first form
//! before interpretation gives exact positions.

use pdf_extract::{Document as PdfFile, Object};

/// Longest range written out (CIDs are 16-bit).
const MAX_RANGE: i64 = 65_536;

/// Rewrites the `/W` arrays of the file's CID fonts into the `c [w …]` form.
pub fn spell_out_cid_width_ranges(file: &mut PdfFile) {
    let mut rewrites = Vec::new();
    for (&id, object) in &file.objects {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let is_cid_font = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"CIDFontType0" || s == b"CIDFontType2");
        if !is_cid_font {
            continue;
        }
        let widths = match dict.get(b"W") {
            Ok(Object::Array(array)) => array,
            Ok(Object::Reference(target)) => match file.objects.get(target) {
                Some(Object::Array(array)) => array,
                _ => continue,
            },
            _ => continue,
        };
        if let Some(spelled) = spell_out(widths) {
            rewrites.push((id, spelled));
        }
    }
    for (id, spelled) in rewrites {
        if let Some(Object::Dictionary(dict)) = file.objects.get_mut(&id) {
            dict.set("W", Object::Array(spelled));
        }
    }
}

/// The array with every `c_first c_last w` range written as `c_first [w w …]`; `None` when it
/// has no range (or is malformed: then it is left as it is).
fn spell_out(widths: &[Object]) -> Option<Vec<Object>> {
    let number = |o: &Object| match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    };
    let mut out = Vec::with_capacity(widths.len());
    let mut changed = false;
    let mut i = 0;
    while i < widths.len() {
        let first = widths[i].as_i64().ok()?;
        match widths.get(i + 1)? {
            Object::Array(list) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = number(widths.get(i + 2)?)?;
                if last < first || last - first >= MAX_RANGE {
                    return None;
                }
                let list = (first..=last).map(|_| Object::Real(width as f32)).collect();
                out.push(Object::Integer(first));
                out.push(Object::Array(list));
                changed = true;
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_become_lists_and_lists_stay() {
        let widths = vec![
            Object::Integer(3),
            Object::Integer(5),
            Object::Integer(250),
            Object::Integer(36),
            Object::Array(vec![Object::Integer(722)]),
        ];
        let spelled = spell_out(&widths).expect("a range is rewritten");
        assert_eq!(spelled.len(), 4);
        assert_eq!(spelled[0], Object::Integer(3));
        assert_eq!(spelled[1], Object::Array(vec![Object::Real(250.0); 3]));
        assert_eq!(spelled[3], Object::Array(vec![Object::Integer(722)]));
        assert!(spell_out(&widths[3..]).is_none());
    }
}
