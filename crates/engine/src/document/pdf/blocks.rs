//! Lines in reading order into the document's text and blocks: paragraphs split where the
//! spacing, size or indentation changes, headings by font size, list items by their markers,
//! words hyphenated across lines joined again, and the page each block starts on.

use std::collections::HashSet;

use crate::document::{Block, BlockKind, PageStart, ParsedBody};

use super::lines::Segment;

/// Text at least this many times the body size is a heading.
const HEADING_RATIO: f64 = 1.15;

/// Most words a heading has.
const HEADING_WORDS: usize = 40;

/// Text, blocks and page starts built from the pages' lines.
pub struct Laid {
    /// Text and blocks (no links: a PDF's text layer has none).
    pub body: ParsedBody,
    /// Where each page with text starts.
    pub pages: Vec<PageStart>,
}

/// How a hyphen at the end of a line is read when the text itself does not tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEndHyphens {
    /// Typesetters hyphenate words: "dis-" + "cuss" is "discuss".
    Typeset,
    /// Browsers break lines only at real hyphens: "well-" + "known" is "well-known".
    Real,
}

/// Lays out `lines` (all pages, each page in reading order).
pub fn lay_out(lines: &[Segment], body_size: f64, hyphens: LineEndHyphens) -> Laid {
    let vocabulary = vocabulary(lines);
    let pitch = typical_pitch(lines, body_size);
    let mut builder = Builder::default();
    let mut previous: Option<&Segment> = None;
    let mut kind = BlockKind::Paragraph;
    for line in lines {
        let (marker_free, is_item) = strip_list_marker(&line.text);
        let line_kind = if is_heading(line, body_size) {
            BlockKind::Heading
        } else if is_item {
            BlockKind::ListItem
        } else {
            kind_after(kind, previous, line)
        };
        let starts_block = match previous {
            None => true,
            Some(prev) => {
                is_item
                    || line_kind != kind
                    || breaks_paragraph(prev, line, pitch, body_size, line_kind)
            }
        };
        // A block after a list that is not an item itself is a paragraph.
        let line_kind = if starts_block && !is_item && line_kind == BlockKind::ListItem {
            BlockKind::Paragraph
        } else {
            line_kind
        };
        if previous.is_none_or(|p| p.page != line.page) {
            builder.pending_page = Some(line.page);
        }
        if starts_block {
            builder.start_block(line_kind);
            builder.push_text(marker_free);
        } else {
            builder.join_line(marker_free, &vocabulary, hyphens);
        }
        kind = line_kind;
        previous = Some(line);
    }
    builder.finish()
}

/// A list item's continuation lines stay in the item; anything else is a paragraph.
fn kind_after(kind: BlockKind, previous: Option<&Segment>, line: &Segment) -> BlockKind {
    match (kind, previous) {
        (BlockKind::ListItem, Some(prev)) if line.x0 >= prev.x0 - 0.5 * line.size => {
            BlockKind::ListItem
        }
        _ => BlockKind::Paragraph,
    }
}

fn is_heading(line: &Segment, body_size: f64) -> bool {
    line.size >= HEADING_RATIO * body_size
        && line.text.split_whitespace().count() <= HEADING_WORDS
        && line.text.chars().any(char::is_alphabetic)
}

/// Whether `line` starts a new block after `prev` in the same kind of block.
fn breaks_paragraph(
    prev: &Segment,
    line: &Segment,
    pitch: f64,
    body_size: f64,
    kind: BlockKind,
) -> bool {
    let size = prev.size.max(line.size);
    if (prev.size - line.size).abs() > 0.1 * size {
        return true;
    }
    if kind == BlockKind::Heading {
        // A heading's lines follow each other closely.
        return line.page != prev.page || line.y - prev.y > 1.6 * size || line.y < prev.y;
    }
    let ends_sentence = prev
        .text
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':']);
    let starts_lower = line.text.chars().next().is_some_and(char::is_lowercase);
    if line.page != prev.page || line.y < prev.y - 0.5 * size {
        // A new page or a new column: the paragraph goes on only mid-sentence.
        return ends_sentence || !starts_lower;
    }
    let pitch = if (line.size - body_size).abs() < 0.1 * body_size {
        pitch
    } else {
        1.25 * line.size
    };
    if line.y - prev.y > 1.3 * pitch + 0.5 {
        return true;
    }
    // A first-line indent under a line that filled the measure.
    if kind == BlockKind::Paragraph && line.x0 > prev.x0 + 1.0 * size && ends_sentence {
        return true;
    }
    false
}

/// The most common distance between the baselines of consecutive body lines.
fn typical_pitch(lines: &[Segment], body_size: f64) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let d = b.y - a.y;
        let body = |s: &Segment| (s.size - body_size).abs() < 0.1 * body_size;
        if a.page == b.page && body(a) && body(b) && d > 0.8 * body_size && d < 2.5 * body_size {
            let key = (d * 2.0).round() as i64;
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map_or(1.25 * body_size, |(k, _)| k as f64 / 2.0)
}

/// "• text", "◦ text", "- text", "1. text", "(a) text": the text without a bullet, and whether
/// the line starts a list item. Numbers and letters are kept (they are part of the item).
fn strip_list_marker(text: &str) -> (&str, bool) {
    for bullet in [
        '•', '◦', '▪', '▫', '●', '○', '■', '□', '‣', '⁃', '∙', '·', '–', '-', '*',
    ] {
        if let Some(rest) = text.strip_prefix(bullet)
            && rest.starts_with(' ')
            && rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return (rest.trim_start(), true);
        }
    }
    let marker: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let numbered = !marker.is_empty()
        && marker.len() <= 3
        && text[marker.len()..].starts_with([')', '.'])
        && text[marker.len() + 1..].starts_with(' ')
        && text[marker.len() + 2..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
    (text, numbered)
}

/// Lower-cased words of the whole text, to tell "dis-cuss" (a word broken at the line end)
/// from "well-known".
fn vocabulary(lines: &[Segment]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[derive(Default)]
struct Builder {
    text: String,
    chars: usize,
    blocks: Vec<Block>,
    pages: Vec<PageStart>,
    pending_page: Option<u32>,
}

impl Builder {
    /// Records a page starting here, if one is pending.
    fn page_starts_here(&mut self) {
        if let Some(page) = self.pending_page.take() {
            self.pages.push(PageStart {
                page,
                start: self.chars,
            });
        }
    }

    fn start_block(&mut self, kind: BlockKind) {
        self.close_block();
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
            self.chars += 2;
        }
        self.page_starts_here();
        self.blocks.push(Block {
            kind,
            start: self.chars,
            end: self.chars,
        });
    }

    fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
        self.chars += text.chars().count();
    }

    fn join_line(&mut self, line: &str, vocabulary: &HashSet<String>, hyphens: LineEndHyphens) {
        if self.text.ends_with('\u{AD}') {
            // A soft hyphen: the word was only broken.
            self.text.pop();
            self.chars -= 1;
        } else if !self.continues_word(line, vocabulary, hyphens) {
            self.push_text(" ");
        }
        // A page that starts inside a paragraph carried over from the page before.
        self.page_starts_here();
        self.push_text(line);
    }

    /// Whether the text so far ends in "word-" and `line` goes on with the word; the hyphen is
    /// dropped from the text when the word was only broken.
    fn continues_word(
        &mut self,
        line: &str,
        vocabulary: &HashSet<String>,
        hyphens: LineEndHyphens,
    ) -> bool {
        let Some(before) = self.text.strip_suffix(['-', '\u{2010}']) else {
            return false;
        };
        let head: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
        if head.is_empty() || !tail.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let whole = format!("{head}{tail}").to_lowercase();
        let hyphenated = format!("{head}-{tail}").to_lowercase();
        let drop_hyphen = if vocabulary.contains(&whole) {
            true
        } else if vocabulary.contains(&hyphenated) {
            false
        } else {
            hyphens == LineEndHyphens::Typeset
        };
        if drop_hyphen {
            self.text.pop();
            self.chars -= 1;
        }
        true
    }

    fn close_block(&mut self) {
        if let Some(block) = self.blocks.last_mut() {
            block.end = self.chars;
        }
    }

    fn finish(mut self) -> Laid {
        self.close_block();
        Laid {
            body: ParsedBody {
                text: self.text,
                blocks: self.blocks,
                links: Vec::new(),
            },
            pages: self.pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64, size: f64) -> Segment {
        Segment {
            page: 1,
            text: text.to_owned(),
            x0: 50.0,
            x1: 500.0,
            y,
            size,
        }
    }

    fn texts(laid: &Laid) -> Vec<(BlockKind, &str)> {
        laid.body
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    crate::text::slice_chars(&laid.body.text, b.start, b.end),
                )
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_items_and_broken_words() {
        let lines = vec![
            line("A Council Votes", 40.0, 20.0),
            line("The council met on Tuesday to dis-", 70.0, 10.0),
            line("cuss the well-", 82.0, 10.0),
            line("known budget.", 94.0, 10.0),
            line("A second paragraph starts here.", 112.0, 10.0),
            line("• the first item", 130.0, 10.0),
            line("• the second item", 142.0, 10.0),
        ];
        let laid = lay_out(&lines, 10.0, LineEndHyphens::Typeset);
        assert_eq!(
            texts(&laid),
            [
                (BlockKind::Heading, "A Council Votes"),
                (
                    BlockKind::Paragraph,
                    "The council met on Tuesday to discuss the wellknown budget."
                ),
                (BlockKind::Paragraph, "A second paragraph starts here."),
                (BlockKind::ListItem, "the first item"),
                (BlockKind::ListItem, "the second item"),
            ]
        );
        let browser = lay_out(&lines, 10.0, LineEndHyphens::Real);
        assert!(browser.body.text.contains("to dis-cuss the well-known"));
    }

    #[test]
    fn a_paragraph_carried_over_a_page_keeps_both_pages() {
        let mut second = line("which went on.", 40.0, 10.0);
        second.page = 2;
        let lines = vec![line("It said the plan", 700.0, 10.0), second];
        let laid = lay_out(&lines, 10.0, LineEndHyphens::Typeset);
        assert_eq!(laid.body.blocks.len(), 1);
        assert_eq!(laid.body.text, "It said the plan which went on.");
        let page_two = laid.pages.iter().find(|p| p.page == 2).map(|p| p.start);
        assert_eq!(page_two, Some("It said the plan ".chars().count()));
    }
}
