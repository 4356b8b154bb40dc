//! Text given as `/ActualText` in marked content: a browser that has no glyph for a char
//! (Korean without a Korean font, say) draws a placeholder and writes the real text in a
//! `/Span <</ActualText (…)>> BDC … EMC` around it. pdf-extract reads only glyphs, so each such
//! span's glyphs are replaced, before interpretation, by one glyph of a font of our own whose
//! ToUnicode map gives the span's text; positions stay as the page set them.

use std::collections::HashMap;

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Dictionary, Document as PdfFile, Object, ObjectId, Stream, StringFormat};

use super::info::decode_text_string;

/// The resource name of the font added to a page.
const FONT_NAME: &[u8] = b"CrosscheckActualText";

/// Most distinct span texts one page gets codes for.
const MAX_CODES: usize = 60_000;

/// Rewrites the spans of the given pages (those whose content mentions `/ActualText`).
pub fn substitute(file: &mut PdfFile, pages: &[ObjectId]) {
    for &page in pages {
        let Ok(bytes) = file.get_page_content(page) else {
            continue;
        };
        if !contains(&bytes, b"ActualText") {
            continue;
        }
        let Ok(content) = Content::decode(&bytes) else {
            continue;
        };
        let widths = FontWidths::of_page(file, page);
        let Some((operations, texts)) = rewrite(content.operations, &widths) else {
            continue;
        };
        let Ok(encoded) = (Content { operations }).encode() else {
            continue;
        };
        let font = add_font(file, &texts);
        let Some(resources) = resources_with_font(file, page, font) else {
            continue;
        };
        let stream = file.add_object(Stream::new(Dictionary::new(), encoded));
        if let Ok(Object::Dictionary(dict)) = file.get_object_mut(page) {
            dict.set("Contents", stream);
            dict.set("Resources", resources);
        }
    }
}

/// A span's text and the advance (in thousandths of the font size) of the glyphs it replaces.
type SpanGlyph = (String, i64);

/// The page's operations with each ActualText span's glyphs replaced, and the span texts with
/// their advances in code order (code 1 is the first); `None` when nothing was replaced.
fn rewrite(
    operations: Vec<Operation>,
    widths: &FontWidths,
) -> Option<(Vec<Operation>, Vec<SpanGlyph>)> {
    let mut out = Vec::with_capacity(operations.len());
    let mut codes: HashMap<SpanGlyph, u16> = HashMap::new();
    let mut texts: Vec<SpanGlyph> = Vec::new();
    let mut font: Option<(Object, Object)> = None;
    // The open span's text (taken once its first glyphs are replaced) and its nesting depth.
    let mut span: Option<(Option<String>, usize)> = None;
    for op in operations {
        match op.operator.as_str() {
            "Tf" if op.operands.len() == 2 => {
                font = Some((op.operands[0].clone(), op.operands[1].clone()));
                out.push(op);
            }
            "BDC" | "BMC" => {
                if let Some((_, depth)) = span.as_mut() {
                    *depth += 1;
                } else if let Some(text) = actual_text(&op) {
                    span = Some((Some(text), 0));
                }
                out.push(op);
            }
            "EMC" => {
                match span.as_mut() {
                    Some((_, 0)) => span = None,
                    Some((_, depth)) => *depth -= 1,
                    None => {}
                }
                out.push(op);
            }
            "Tj" | "TJ" | "'" | "\"" if span.is_some() => {
                match op.operator.as_str() {
                    "'" => out.push(Operation::new("T*", vec![])),
                    "\"" if op.operands.len() == 3 => {
                        out.push(Operation::new("Tw", vec![op.operands[0].clone()]));
                        out.push(Operation::new("Tc", vec![op.operands[1].clone()]));
                        out.push(Operation::new("T*", vec![]));
                    }
                    _ => {}
                }
                let Some(text) = span.as_mut().and_then(|(text, _)| text.take()) else {
                    // The span's text is already out: its other glyphs are dropped.
                    continue;
                };
                let Some((name, size)) = font.clone() else {
                    continue;
                };
                let advance = widths.advance(&name, &op);
                let text = (text, advance.round() as i64);
                let code = match codes.get(&text) {
                    Some(&code) => code,
                    None if texts.len() < MAX_CODES => {
                        texts.push(text.clone());
                        let code = texts.len() as u16;
                        codes.insert(text, code);
                        code
                    }
                    None => continue,
                };
                out.push(Operation::new(
                    "Tf",
                    vec![Object::Name(FONT_NAME.to_vec()), size.clone()],
                ));
                out.push(Operation::new(
                    "Tj",
                    vec![Object::String(
                        code.to_be_bytes().to_vec(),
                        StringFormat::Hexadecimal,
                    )],
                ));
                out.push(Operation::new("Tf", vec![name, size]));
            }
            _ => out.push(op),
        }
    }
    (!texts.is_empty()).then_some((out, texts))
}

/// The ActualText of a `/Span <<…>> BDC` whose properties are written inline.
fn actual_text(op: &Operation) -> Option<String> {
    let Object::Dictionary(properties) = op.operands.get(1)? else {
        return None;
    };
    let bytes = properties.get(b"ActualText").ok()?.as_str().ok()?;
    let text = decode_text_string(bytes);
    (!text.is_empty()).then_some(text)
}

/// Adds a composite font whose code `n` stands for `texts[n - 1]`, as wide as the glyphs it
/// replaces.
fn add_font(file: &mut PdfFile, texts: &[SpanGlyph]) -> ObjectId {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for (chunk_index, chunk) in texts.chunks(100).enumerate() {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (i, (text, _)) in chunk.iter().enumerate() {
            let code = chunk_index * 100 + i + 1;
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            cmap.push_str(&format!("<{code:04X}> <{utf16}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = file.add_object(Stream::new(Dictionary::new(), cmap.into_bytes()));
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(FONT_NAME.to_vec()));
    descriptor.set("Flags", 4);
    descriptor.set(
        "FontBBox",
        vec![0.into(), Object::Integer(-200), 1000.into(), 800.into()],
    );
    descriptor.set("ItalicAngle", 0);
    descriptor.set("Ascent", 800);
    descriptor.set("Descent", -200);
    descriptor.set("CapHeight", 700);
    descriptor.set("StemV", 80);
    let descriptor = file.add_object(descriptor);
    let mut system = Dictionary::new();
    system.set("Registry", Object::string_literal("Adobe"));
    system.set("Ordering", Object::string_literal("Identity"));
    system.set("Supplement", 0);
    let mut cid_font = Dictionary::new();
    cid_font.set("Type", Object::Name(b"Font".to_vec()));
    cid_font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
    cid_font.set("BaseFont", Object::Name(FONT_NAME.to_vec()));
    cid_font.set("CIDSystemInfo", system);
    cid_font.set("FontDescriptor", descriptor);
    cid_font.set("DW", 1000);
    let widths: Vec<Object> = texts
        .iter()
        .map(|(_, advance)| Object::Integer(*advance))
        .collect();
    cid_font.set("W", vec![Object::Integer(1), Object::Array(widths)]);
    let cid_font = file.add_object(cid_font);
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(FONT_NAME.to_vec()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set("DescendantFonts", vec![Object::Reference(cid_font)]);
    font.set("ToUnicode", to_unicode);
    file.add_object(font)
}

/// The advance widths of the page's fonts, by resource name.
struct FontWidths {
    fonts: HashMap<Vec<u8>, Widths>,
}

/// One font's widths in thousandths of its size, by char code.
struct Widths {
    /// Codes are two bytes (a composite font) rather than one.
    two_byte: bool,
    by_code: HashMap<u32, f64>,
    default: f64,
}

impl FontWidths {
    fn of_page(file: &PdfFile, page: ObjectId) -> FontWidths {
        let mut fonts = HashMap::new();
        for (name, font) in file.get_page_fonts(page).unwrap_or_default() {
            fonts.insert(name, Widths::of(file, font));
        }
        FontWidths { fonts }
    }

    /// The advance of a text-showing operation's glyphs (strings and kerning of a `TJ`).
    fn advance(&self, font: &Object, op: &Operation) -> f64 {
        let Some(widths) = font.as_name().ok().and_then(|n| self.fonts.get(n)) else {
            return 1000.0;
        };
        let mut total = 0.0;
        let mut add = |object: &Object| match object {
            Object::String(bytes, _) => total += widths.of_string(bytes),
            Object::Integer(k) => total -= *k as f64,
            Object::Real(k) => total -= f64::from(*k),
            Object::Array(items) => {
                for item in items {
                    match item {
                        Object::String(bytes, _) => total += widths.of_string(bytes),
                        Object::Integer(k) => total -= *k as f64,
                        Object::Real(k) => total -= f64::from(*k),
                        _ => {}
                    }
                }
            }
            _ => {}
        };
        if let Some(last) = op.operands.last() {
            add(last);
        }
        total.max(0.0)
    }
}

impl Widths {
    fn of(file: &PdfFile, font: &Dictionary) -> Widths {
        let number = |o: &Object| match o {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(f64::from(*r)),
            _ => None,
        };
        let resolve = |o: &Object| match o {
            Object::Reference(id) => file.get_object(*id).ok().cloned(),
            other => Some(other.clone()),
        };
        let mut by_code = HashMap::new();
        let is_type0 = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Type0");
        if is_type0 {
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(resolve)
                .and_then(|d| d.as_array().ok().and_then(|a| a.first().cloned()))
                .and_then(|d| resolve(&d))
                .and_then(|d| d.as_dict().ok().cloned())
                .unwrap_or_default();
            let default = descendant
                .get(b"DW")
                .ok()
                .and_then(number)
                .unwrap_or(1000.0);
            // The `/W` arrays are in the `c [w …]` form by now (see `widths`).
            let list = descendant
                .get(b"W")
                .ok()
                .and_then(resolve)
                .and_then(|w| w.as_array().ok().cloned())
                .unwrap_or_default();
            for pair in list.chunks(2) {
                if let [Object::Integer(first), Object::Array(ws)] = pair {
                    for (i, w) in ws.iter().enumerate() {
                        if let Some(w) = number(w) {
                            by_code.insert((*first as u32).saturating_add(i as u32), w);
                        }
                    }
                }
            }
            return Widths {
                two_byte: true,
                by_code,
                default,
            };
        }
        let first = font
            .get(b"FirstChar")
            .ok()
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(0);
        let list = font
            .get(b"Widths")
            .ok()
            .and_then(resolve)
            .and_then(|w| w.as_array().ok().cloned())
            .unwrap_or_default();
        for (i, w) in list.iter().enumerate() {
            if let Some(w) = number(w) {
                by_code.insert((first as u32).saturating_add(i as u32), w);
            }
        }
        Widths {
            two_byte: false,
            by_code,
            default: 500.0,
        }
    }

    fn of_string(&self, bytes: &[u8]) -> f64 {
        let width = |code: u32| self.by_code.get(&code).copied().unwrap_or(self.default);
        if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| width(c.iter().fold(0, |acc, &b| acc << 8 | u32::from(b))))
                .sum()
        } else {
            bytes.iter().map(|&b| width(u32::from(b))).sum()
        }
    }
}

/// A copy of the page's resources (its own or inherited) with `font` added to its fonts.
fn resources_with_font(file: &PdfFile, page: ObjectId, font: ObjectId) -> Option<Dictionary> {
    let mut node = file.get_dictionary(page).ok()?;
    let mut resources = None;
    // The page tree is shallow; the bound only guards against a cycle.
    for _ in 0..64 {
        if let Ok(found) = node.get(b"Resources") {
            resources = resolve_dict(file, found);
            break;
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = file.get_dictionary(parent).ok()?;
    }
    let mut resources = resources.cloned().unwrap_or_default();
    let mut fonts = resources
        .get(b"Font")
        .ok()
        .and_then(|f| resolve_dict(file, f))
        .cloned()
        .unwrap_or_default();
    fonts.set(FONT_NAME.to_vec(), Object::Reference(font));
    resources.set("Font", fonts);
    Some(resources)
}

fn resolve_dict<'a>(file: &'a PdfFile, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Reference(id) => file.get_dictionary(*id).ok(),
        _ => None,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_s_glyphs_become_one_glyph_of_its_text() {
        let span = |text: &[u8]| {
            let mut properties = Dictionary::new();
            properties.set(
                "ActualText",
                Object::String(text.to_vec(), StringFormat::Hexadecimal),
            );
            Operation::new(
                "BDC",
                vec![Object::Name(b"Span".to_vec()), properties.into()],
            )
        };
        let glyph = || Operation::new("Tj", vec![Object::string_literal("\0")]);
        let operations = vec![
            Operation::new("Tf", vec![Object::Name(b"F1".to_vec()), 12.into()]),
            span(b"\xFE\xFF\xC8\x1C"),
            glyph(),
            glyph(),
            Operation::new("EMC", vec![]),
            glyph(),
        ];
        let widths = FontWidths {
            fonts: HashMap::new(),
        };
        let (out, texts) = rewrite(operations, &widths).expect("the span is replaced");
        assert_eq!(texts, [("\u{C81C}".to_owned(), 1000)]);
        let operators: Vec<&str> = out.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(operators, ["Tf", "BDC", "Tf", "Tj", "Tf", "EMC", "Tj"]);
        assert_eq!(
            out[3].operands[0],
            Object::String(vec![0, 1], StringFormat::Hexadecimal)
        );
    }
}
