//! Right-to-left text put in display order, line by line (the Unicode bidirectional algorithm,
//! UAX #9, from the `unicode-bidi` crate): a Hebrew or Arabic paragraph reads from the right,
//! and an Arabic quote inside an English sentence keeps its words in their order.
//!
//! egui lays text out left to right, but its shaper already draws each run of one
//! right-to-left script (a word, between spaces) from the right. So a line's right-to-left runs
//! are reordered here word by word: the words and the spaces and marks between them are put in
//! visual order, each word's letters left in reading order for the shaper to turn. Brackets in
//! a right-to-left run are mirrored.
//!
//! Offsets stay logical: every char of the display text, and every glyph as the shaper draws
//! it, maps back to its char in the article ([`DisplayLine`]), so clicks, selections and claim
//! spans keep working on the article's own text.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Whether `text` has a char of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
pub fn has_rtl(text: &str) -> bool {
    text.chars()
        .any(|c| c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// Whether the shaper draws `c` as part of a right-to-left run of its script (letters, their
/// combining marks, joiners; the Arabic comma sits in the Arabic font with the letters).
fn is_shaped_rtl(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
    ) || c == '\u{060C}'
}

/// The mirror image of a bracket, for a right-to-left run (UAX #9, rule L4).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// One line in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisplayLine {
    /// The line's text as given to the shaper: runs in visual order, each right-to-left word
    /// in reading order (the shaper turns it).
    pub text: String,
    /// For each char of [`Self::text`], the index of its char in the logical text.
    pub text_to_logical: Vec<usize>,
    /// For each glyph as drawn from left to right, the index of its char in the logical text.
    pub glyph_to_logical: Vec<usize>,
}

/// A block's lines in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reordered {
    /// Whether the text's first paragraph reads from the right (and is aligned right).
    pub is_rtl: bool,
    /// The lines, in the order given.
    pub lines: Vec<DisplayLine>,
}

/// Puts each line of `text` in display order; `lines` are char ranges of `text` (one per line
/// as wrapped, without their line breaks).
pub fn reorder_lines(text: &str, lines: &[Range<usize>]) -> Reordered {
    let bidi = BidiInfo::new(text, None);
    // Byte offset of each char, and of the end.
    let char_bytes: Vec<usize> = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(text.len()))
        .collect();
    let char_of_byte = |byte: usize| char_bytes.binary_search(&byte).unwrap_or_else(|i| i);
    let is_rtl = bidi.paragraphs.first().is_some_and(|p| p.level.is_rtl());
    let lines = lines
        .iter()
        .map(|line| {
            let (Some(&start), Some(&end)) = (
                char_bytes.get(line.start.min(char_bytes.len() - 1)),
                char_bytes.get(line.end.min(char_bytes.len() - 1)),
            ) else {
                return DisplayLine::default();
            };
            let Some(para) = bidi
                .paragraphs
                .iter()
                .find(|p| p.range.start <= start && start < p.range.end)
            else {
                return DisplayLine::default();
            };
            if start >= end {
                return DisplayLine::default();
            }
            let end = end.min(para.range.end);
            let (levels, runs) = bidi.visual_runs(para, start..end);
            let mut out = DisplayLine::default();
            for run in runs {
                let is_run_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
                let chars = text
                    .get(run.clone())
                    .unwrap_or_default()
                    .char_indices()
                    .map(|(byte, c)| (char_of_byte(run.start + byte), c));
                if is_run_rtl {
                    push_rtl_run(&mut out, chars.collect());
                } else {
                    for (index, c) in chars {
                        out.text.push(c);
                        out.text_to_logical.push(index);
                        out.glyph_to_logical.push(index);
                    }
                }
            }
            out
        })
        .collect();
    Reordered { is_rtl, lines }
}

/// Appends a right-to-left run: its words and the chars between them in reverse order, each
/// word's letters in reading order in the text and turned in the glyphs.
fn push_rtl_run(out: &mut DisplayLine, chars: Vec<(usize, char)>) {
    let mut atoms: Vec<&[(usize, char)]> = Vec::new();
    let mut rest = chars.as_slice();
    while let Some(&(_, first)) = rest.first() {
        let len = if is_shaped_rtl(first) {
            rest.iter().take_while(|(_, c)| is_shaped_rtl(*c)).count()
        } else {
            1
        };
        let (atom, tail) = rest.split_at(len);
        atoms.push(atom);
        rest = tail;
    }
    for atom in atoms.into_iter().rev() {
        if let [(index, c)] = atom {
            out.text.push(mirrored(*c));
            out.text_to_logical.push(*index);
            out.glyph_to_logical.push(*index);
            continue;
        }
        for &(index, c) in atom {
            out.text.push(c);
            out.text_to_logical.push(index);
        }
        out.glyph_to_logical
            .extend(atom.iter().rev().map(|&(index, _)| index));
    }
}

/// Where a block's chars are drawn once its lines were put in display order: a display cursor
/// position (each glyph, and each line break between lines) to its logical char, and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidiMap {
    /// For each cursor position of the display galley, and its end, the logical char index.
    to_logical: Vec<usize>,
    /// For each logical char index, and the end, the display cursor position.
    to_display: Vec<usize>,
}

impl BidiMap {
    /// The logical char at display cursor position `display` (the last for one past the end).
    pub fn logical(&self, display: usize) -> usize {
        self.to_logical
            .get(display)
            .or_else(|| self.to_logical.last())
            .copied()
            .unwrap_or(0)
    }

    /// The display cursor position of logical char `logical`.
    pub fn display(&self, logical: usize) -> usize {
        self.to_display
            .get(logical)
            .or_else(|| self.to_display.last())
            .copied()
            .unwrap_or(0)
    }
}

/// The display layout of a block whose text has right-to-left chars. `job` is the block's text
/// in logical order with its highlighting, and `galley` its layout (where the lines break).
/// Returns the job of the lines in display order (one line per row, aligned right when the
/// text reads from the right) and its map back to the logical text.
pub fn display_job(
    job: &egui::text::LayoutJob,
    galley: &egui::Galley,
) -> (egui::text::LayoutJob, BidiMap) {
    let text = job.text.as_str();
    let char_count = text.chars().count();
    let mut ranges = Vec::with_capacity(galley.rows.len());
    let mut start = 0;
    for row in &galley.rows {
        let len = row.char_count_excluding_newline().0;
        ranges.push(start..(start + len).min(char_count));
        start += row.char_count_including_newline().0;
    }
    let reordered = reorder_lines(text, &ranges);

    // The section (highlighting) of each logical char.
    let mut section_of = Vec::with_capacity(char_count);
    let mut section = 0;
    for (byte, _) in text.char_indices() {
        while job
            .sections
            .get(section)
            .is_some_and(|s| s.byte_range.end.0 <= byte)
        {
            section += 1;
        }
        section_of.push(section.min(job.sections.len().saturating_sub(1)));
    }

    let mut out = job.clone();
    out.text.clear();
    out.sections.clear();
    // Each row is already as wide as the column allows.
    out.wrap.max_width = f32::INFINITY;
    out.halign = if reordered.is_rtl {
        egui::Align::RIGHT
    } else {
        egui::Align::LEFT
    };
    let format_of = |logical: usize| {
        section_of
            .get(logical)
            .and_then(|&s| job.sections.get(s))
            .map(|s| s.format.clone())
            .unwrap_or_default()
    };
    let mut to_logical = Vec::with_capacity(char_count + ranges.len());
    let mut line_breaks = Vec::new();
    let line_count = reordered.lines.len();
    for (i, line) in reordered.lines.iter().enumerate() {
        let mut chars = line.text.chars().zip(&line.text_to_logical).peekable();
        while let Some((c, &logical)) = chars.next() {
            let mut run = String::from(c);
            let section = section_of.get(logical);
            while let Some((next, _)) = chars.next_if(|(_, l)| section_of.get(**l) == section) {
                run.push(next);
            }
            out.append(&run, 0.0, format_of(logical));
        }
        to_logical.extend(&line.glyph_to_logical);
        if i + 1 < line_count {
            let row_end = ranges.get(i).map_or(char_count, |r| r.end);
            line_breaks.push((to_logical.len(), row_end));
            to_logical.push(row_end);
            let last = line.text_to_logical.last().copied().unwrap_or(row_end);
            out.append("\n", 0.0, format_of(last));
        }
    }
    to_logical.push(char_count);

    let mut to_display = vec![usize::MAX; char_count + 1];
    let is_break = |d: usize| line_breaks.iter().any(|(at, _)| *at == d);
    for (display, &logical) in to_logical.iter().enumerate() {
        if !is_break(display)
            && let Some(slot) = to_display.get_mut(logical)
            && *slot == usize::MAX
        {
            *slot = display;
        }
    }
    for &(display, logical) in &line_breaks {
        if let Some(slot) = to_display.get_mut(logical)
            && *slot == usize::MAX
        {
            *slot = display;
        }
    }
    let mut previous = 0;
    for slot in &mut to_display {
        if *slot == usize::MAX {
            *slot = previous;
        }
        previous = *slot;
    }
    (
        out,
        BidiMap {
            to_logical,
            to_display,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Reordered {
        let whole_line = 0..text.chars().count();
        reorder_lines(text, std::slice::from_ref(&whole_line))
    }

    fn line(text: &str) -> DisplayLine {
        whole(text).lines.remove(0)
    }

    #[test]
    fn a_hebrew_line_reads_from_the_right_word_by_word() {
        let reordered = whole("שלום עולם יפה");
        assert!(reordered.is_rtl);
        let line = &reordered.lines[0];
        // Words in visual order, each in reading order (the shaper turns it).
        assert_eq!(line.text, "יפה עולם שלום");
        // The glyphs drawn from the left: the last word's last letter first.
        assert_eq!(line.glyph_to_logical.first(), Some(&12));
        assert_eq!(line.glyph_to_logical.last(), Some(&0));
        let mut all = line.glyph_to_logical.clone();
        all.sort_unstable();
        assert_eq!(all, (0..13).collect::<Vec<_>>(), "every char once");
    }

    #[test]
    fn an_arabic_quote_in_an_english_sentence_keeps_its_word_order() {
        let text = "He said «مرحبا بالعالم» on Monday.";
        let reordered = whole(text);
        assert!(!reordered.is_rtl);
        assert_eq!(
            reordered.lines[0].text,
            "He said «بالعالم مرحبا» on Monday."
        );
    }

    #[test]
    fn english_and_numbers_in_a_hebrew_line_stay_left_to_right() {
        let line = line("אמר John Smith ב-2024");
        assert_eq!(line.text, "2024-ב John Smith אמר");
    }

    #[test]
    fn brackets_in_a_right_to_left_run_are_mirrored() {
        let line = line("שלום (עולם)");
        assert_eq!(line.text, "(עולם) שלום");
        // The "(" shown first on the left is the logical ")" mirrored.
        assert_eq!(line.text_to_logical.first(), Some(&10));
    }

    #[test]
    fn lines_are_reordered_one_by_one_and_left_to_right_text_is_untouched() {
        let text = "אחת שתיים שלוש ארבע";
        let reordered = reorder_lines(text, &[0..10, 10..19]);
        // The space the line was broken at ends the line on its left.
        assert_eq!(reordered.lines[0].text, " שתיים אחת");
        assert_eq!(reordered.lines[1].text, "ארבע שלוש");
        assert!(!has_rtl("Plain English, Ελληνικά, Русский, 中文 and 😀."));
        assert!(has_rtl("Plain English with one word: שלום."));
    }
}
