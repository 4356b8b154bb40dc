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

/// Whether `c` starts a right-to-left word (a Hebrew or Arabic letter, or the Arabic comma).
fn is_rtl_letter(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL) || c == '\u{060C}'
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

/// `text` as one line in display order, for a label (a claim in the list, a quote): unchanged
/// unless it has right-to-left chars. A label that wraps keeps its words in this order, right
/// for one line and near enough for a short quote.
pub fn display_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_rtl(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let flat = text.replace('\n', " ");
    let whole = 0..flat.chars().count();
    let reordered = reorder_lines(&flat, std::slice::from_ref(&whole));
    std::borrow::Cow::Owned(
        reordered
            .lines
            .into_iter()
            .next()
            .map(|line| line.text)
            .unwrap_or_default(),
    )
}

/// A piece of text as the shaper sees it: one char, or a right-to-left word (a run of letters
/// and their marks) that the shaper draws turned, as one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    /// The logical index of each char, and the char as written in the text given to the
    /// shaper (a bracket of a right-to-left run mirrored).
    pub chars: Vec<(usize, char)>,
    /// Whether the shaper turns it (a right-to-left word).
    pub is_turned: bool,
}

/// Cuts `chars` into atoms: each right-to-left word whole, every other char on its own.
fn atoms_of(chars: &[(usize, char)]) -> Vec<Atom> {
    let mut atoms = Vec::new();
    let mut rest = chars;
    while let Some(&(_, first)) = rest.first() {
        let is_turned = is_rtl_letter(first);
        let len = if is_turned {
            rest.iter().take_while(|(_, c)| is_shaped_rtl(*c)).count()
        } else {
            1
        };
        let (atom, tail) = rest.split_at(len);
        atoms.push(Atom {
            chars: atom.to_vec(),
            is_turned,
        });
        rest = tail;
    }
    atoms
}

/// The atoms of `text` in logical order (as laid out before reordering).
pub fn logical_atoms(text: &str) -> Vec<Atom> {
    let chars: Vec<(usize, char)> = text.chars().enumerate().collect();
    atoms_of(&chars)
}

/// One line in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisplayLine {
    /// The line's text as given to the shaper: runs in visual order, each right-to-left word
    /// in reading order (the shaper turns it).
    pub text: String,
    /// For each char of [`Self::text`], the index of its char in the logical text.
    pub text_to_logical: Vec<usize>,
    /// The line's atoms in display order (their chars make [`Self::text`]).
    pub atoms: Vec<Atom>,
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
    let byte_of = |index: usize| char_bytes.get(index.min(char_bytes.len() - 1)).copied();
    let is_rtl = bidi.paragraphs.first().is_some_and(|p| p.level.is_rtl());
    let lines = lines
        .iter()
        .map(|line| {
            let (Some(start), Some(end)) = (byte_of(line.start), byte_of(line.end)) else {
                return DisplayLine::default();
            };
            let Some(para) = bidi
                .paragraphs
                .iter()
                .find(|p| p.range.start <= start && start < p.range.end)
            else {
                return DisplayLine::default();
            };
            let end = end.min(para.range.end);
            if start >= end {
                return DisplayLine::default();
            }
            let (levels, runs) = bidi.visual_runs(para, start..end);
            let mut atoms = Vec::new();
            for run in runs {
                let chars: Vec<(usize, char)> = text
                    .get(run.clone())
                    .unwrap_or_default()
                    .char_indices()
                    .map(|(byte, c)| (char_of_byte(run.start + byte), c))
                    .collect();
                if levels.get(run.start).is_some_and(|l| l.is_rtl()) {
                    // Words and the chars between them in reverse order, each word as written.
                    atoms.extend(atoms_of(&chars).into_iter().rev().map(|mut atom| {
                        if let [(_, c)] = atom.chars.as_mut_slice() {
                            *c = mirrored(*c);
                        }
                        atom
                    }));
                } else {
                    atoms.extend(atoms_of(&chars));
                }
            }
            let chars = atoms.iter().flat_map(|a| a.chars.iter());
            DisplayLine {
                text: chars.clone().map(|(_, c)| *c).collect(),
                text_to_logical: chars.map(|(i, _)| *i).collect(),
                atoms,
            }
        })
        .collect();
    Reordered { is_rtl, lines }
}

/// Which logical char each glyph of each row draws, from the chars the layout reports for its
/// glyphs (`rows`, row by row) and the atoms laid out, in the order given to the layout (with
/// `'\n'` atoms where rows break). A turned word gives its glyphs in visual order (the last
/// letter first), and egui's layout may follow them with zero-width glyphs of its letters (it
/// counts a right-to-left run's chars from its visual end): every glyph whose char belongs to
/// the word is matched to the word, so the count of glyphs may differ from the count of chars.
pub fn match_glyphs(rows: &[Vec<char>], atoms: &[Atom]) -> Vec<Vec<usize>> {
    let mut next = 0;
    let mut taken = 0;
    let mut last = 0;
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|&chr| {
                    loop {
                        while atoms
                            .get(next)
                            .is_some_and(|a| taken == 0 && a.chars.iter().all(|(_, c)| *c == '\n'))
                        {
                            next += 1;
                        }
                        let Some(atom) = atoms.get(next) else {
                            return last;
                        };
                        if !atom.is_turned {
                            next += 1;
                            last = atom.chars.first().map_or(last, |(i, _)| *i);
                            return last;
                        }
                        let len = atom.chars.len();
                        let belongs = atom.chars.iter().any(|(_, c)| *c == chr);
                        if taken > 0 && (!belongs || taken >= 2 * len) {
                            next += 1;
                            taken = 0;
                            continue;
                        }
                        // Shaped glyphs come last letter first; the extra ones sit at the
                        // word's visual end, where its first letter is drawn.
                        let (index, _) = if taken < len {
                            atom.chars[len - 1 - taken]
                        } else {
                            atom.chars[0]
                        };
                        taken += 1;
                        last = index;
                        return index;
                    }
                })
                .collect()
        })
        .collect()
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
    /// The map of `galley`, the layout of [`DisplayJob::job`], over a text of `char_count`
    /// chars.
    pub fn new(galley: &egui::Galley, display: &DisplayJob, char_count: usize) -> Self {
        let rows: Vec<Vec<char>> = galley
            .rows
            .iter()
            .map(|row| row.glyphs.iter().map(|g| g.chr).collect())
            .collect();
        let matched = match_glyphs(&rows, &display.atoms);
        let mut to_logical = Vec::new();
        let mut break_positions = Vec::new();
        for ((row, glyphs), line_end) in galley.rows.iter().zip(matched).zip(
            display
                .line_ends
                .iter()
                .copied()
                .chain(std::iter::repeat(char_count)),
        ) {
            to_logical.extend(glyphs);
            if row.ends_with_newline {
                break_positions.push(to_logical.len());
                to_logical.push(line_end);
            }
        }
        to_logical.push(char_count);
        let mut to_display = vec![usize::MAX; char_count + 1];
        for (display, &logical) in to_logical.iter().enumerate() {
            if !break_positions.contains(&display)
                && let Some(slot) = to_display.get_mut(logical)
                && *slot == usize::MAX
            {
                *slot = display;
            }
        }
        for &display in &break_positions {
            if let Some(&logical) = to_logical.get(display)
                && let Some(slot) = to_display.get_mut(logical)
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
        Self {
            to_logical,
            to_display,
        }
    }

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

/// A block's lines in display order, ready to lay out.
#[derive(Debug, Clone)]
pub struct DisplayJob {
    /// One row per line, aligned right when the text reads from the right.
    pub job: egui::text::LayoutJob,
    /// The atoms laid out, in order, with a `'\n'` atom between lines.
    pub atoms: Vec<Atom>,
    /// The logical index where each line but the last ends.
    pub line_ends: Vec<usize>,
}

/// The display job of a block whose text has right-to-left chars. `job` is the block's text
/// in logical order with its highlighting, and `galley` its layout (where the lines break).
pub fn display_job(job: &egui::text::LayoutJob, galley: &egui::Galley) -> DisplayJob {
    let text = job.text.as_str();
    let char_count = text.chars().count();
    // The lines as laid out: the logical chars their glyphs draw.
    let rows: Vec<Vec<char>> = galley
        .rows
        .iter()
        .map(|row| row.glyphs.iter().map(|g| g.chr).collect())
        .collect();
    let matched = match_glyphs(&rows, &logical_atoms(text));
    let mut ranges = Vec::with_capacity(rows.len());
    let mut start = 0;
    for (row, glyphs) in galley.rows.iter().zip(&matched) {
        let end = glyphs
            .iter()
            .max()
            .map_or(start, |&max| (max + 1).max(start))
            .min(char_count);
        ranges.push(start..end);
        start = end + usize::from(row.ends_with_newline);
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
    let format_of = |logical: usize| {
        section_of
            .get(logical)
            .and_then(|&s| job.sections.get(s))
            .map(|s| s.format.clone())
            .unwrap_or_default()
    };

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
    let mut atoms = Vec::new();
    let mut line_ends = Vec::new();
    let line_count = reordered.lines.len();
    for (i, line) in reordered.lines.into_iter().enumerate() {
        let mut chars = line.text.chars().zip(&line.text_to_logical).peekable();
        while let Some((c, &logical)) = chars.next() {
            let mut run = String::from(c);
            let section = section_of.get(logical);
            while let Some((next, _)) = chars.next_if(|(_, l)| section_of.get(**l) == section) {
                run.push(next);
            }
            out.append(&run, 0.0, format_of(logical));
        }
        atoms.extend(line.atoms);
        if i + 1 < line_count {
            let line_end = ranges.get(i).map_or(char_count, |r| r.end);
            let last = line.text_to_logical.last().copied().unwrap_or(line_end);
            out.append("\n", 0.0, format_of(last));
            atoms.push(Atom {
                chars: vec![(line_end, '\n')],
                is_turned: false,
            });
            line_ends.push(line_end);
        }
    }
    DisplayJob {
        job: out,
        atoms,
        line_ends,
    }
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

    /// The glyph chars egui's layout gives for `atoms` laid out on one row: a turned word's
    /// letters last first, then zero-width glyphs of all its letters but the first.
    fn egui_glyphs(atoms: &[Atom]) -> Vec<char> {
        let mut glyphs = Vec::new();
        for atom in atoms {
            if atom.is_turned {
                glyphs.extend(atom.chars.iter().rev().map(|(_, c)| *c));
                glyphs.extend(atom.chars.iter().skip(1).map(|(_, c)| *c));
            } else {
                glyphs.extend(atom.chars.iter().map(|(_, c)| *c));
            }
        }
        glyphs
    }

    #[test]
    fn a_hebrew_line_reads_from_the_right_word_by_word() {
        let reordered = whole("שלום עולם יפה");
        assert!(reordered.is_rtl);
        let line = &reordered.lines[0];
        // Words in visual order, each in reading order (the shaper turns it).
        assert_eq!(line.text, "יפה עולם שלום");
        assert_eq!(line.atoms.len(), 5);
        assert!(line.atoms[0].is_turned && !line.atoms[1].is_turned);
        assert_eq!(line.text_to_logical.first(), Some(&10));
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
        assert!(matches!(
            display_line("Plain text"),
            std::borrow::Cow::Borrowed("Plain text")
        ));
        assert_eq!(display_line("שלום\nעולם"), "עולם שלום");
    }

    #[test]
    fn glyphs_are_matched_to_their_chars_even_when_the_layout_counts_more() {
        // "ab שלום cd": the word's 4 letters give 4 glyphs and 3 zero-width ones.
        let text = "ab שלום cd";
        let atoms = logical_atoms(text);
        let glyphs = egui_glyphs(&atoms);
        assert_eq!(glyphs.len(), text.chars().count() + 3);
        let matched = match_glyphs(std::slice::from_ref(&glyphs), &atoms);
        let row = &matched[0];
        assert_eq!(row.len(), glyphs.len());
        // "ab " then the word last letter first, its extra glyphs on its first letter.
        assert_eq!(&row[..7], &[0, 1, 2, 6, 5, 4, 3]);
        assert_eq!(&row[7..10], &[3, 3, 3]);
        assert_eq!(&row[10..], &[7, 8, 9]);
        // Two rows: the second starts after the first's chars, whatever their glyph count.
        let (first, second) = glyphs.split_at(10);
        let matched = match_glyphs(&[first.to_vec(), second.to_vec()], &atoms);
        assert_eq!(matched[1], vec![7, 8, 9]);
    }

    #[test]
    fn a_display_line_maps_every_glyph_back_to_its_char() {
        let text = "שלום (עולם)";
        let line = line(text);
        let glyphs = egui_glyphs(&line.atoms);
        let matched = match_glyphs(std::slice::from_ref(&glyphs), &line.atoms);
        let mut drawn: Vec<usize> = matched[0].clone();
        drawn.sort_unstable();
        drawn.dedup();
        assert_eq!(drawn, (0..11).collect::<Vec<_>>(), "every char is drawn");
        // Leftmost: the mirrored ")" (logical 10); rightmost glyphs: the first word.
        assert_eq!(matched[0].first(), Some(&10));
        assert!(matched[0].iter().rev().take(4).all(|&i| i < 4));
    }
}
