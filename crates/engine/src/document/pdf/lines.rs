//! Glyphs into line segments: runs of text on one baseline with no wide gap inside, spaces put
//! where the glyphs leave room for one.

use super::glyphs::{Glyph, PageGlyphs};

/// A run of text on one baseline: a line, or the part of one that lies in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The page it is on (1-based).
    pub page: u32,
    /// Its text, spaces squashed, trimmed.
    pub text: String,
    /// Left edge, in points.
    pub x0: f64,
    /// Right edge, in points.
    pub x1: f64,
    /// Baseline, in points from the top of the page.
    pub y: f64,
    /// Font size of most of its chars, in points.
    pub size: f64,
}

impl Segment {
    /// Top of the segment's line box (an approximation from the font size).
    pub fn top(&self) -> f64 {
        self.y - 0.8 * self.size
    }

    /// Bottom of the segment's line box.
    pub fn bottom(&self) -> f64 {
        self.y + 0.25 * self.size
    }
}

/// A gap wider than this many font sizes ends a segment (a column gutter or a table cell).
const SEGMENT_GAP: f64 = 1.2;

/// A gap wider than this many font sizes between two glyphs is a space.
const SPACE_GAP: f64 = 0.18;

/// The same, on pages that draw their spaces as glyphs (browsers do): then a gap is a space
/// only when it is wide, as some fonts' advance widths are read too narrow.
const SPACE_GAP_WITH_SPACE_GLYPHS: f64 = 0.45;

/// Baselines closer than this many font sizes are the same line.
const SAME_BASELINE: f64 = 0.3;

/// The page's segments: glyphs joined in content-stream order, then runs on one baseline that
/// touch merged (a line drawn in several pieces, e.g. around a bold word).
pub fn segments(page: &PageGlyphs) -> Vec<Segment> {
    let spaces = page
        .glyphs
        .iter()
        .filter(|g| g.text.chars().all(char::is_whitespace))
        .count();
    // Running text has a space every six chars or so; one in twenty means they are drawn.
    let space_gap = if spaces * 20 > page.glyphs.len() {
        SPACE_GAP_WITH_SPACE_GLYPHS
    } else {
        SPACE_GAP
    };
    let mut runs: Vec<Run> = Vec::new();
    for glyph in &page.glyphs {
        match runs.last_mut() {
            Some(run) if run.continues_with(glyph) => run.push(glyph, space_gap),
            _ => runs.push(Run::start(glyph, space_gap)),
        }
    }
    let mut segments: Vec<Segment> = runs
        .into_iter()
        .filter_map(|run| run.finish(page.number))
        .collect();
    merge_touching(&mut segments);
    segments
}

/// Joins segments on one baseline whose ends touch, left to right.
fn merge_touching(segments: &mut Vec<Segment>) {
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&segments[a], &segments[b]);
        sa.y.total_cmp(&sb.y).then(sa.x0.total_cmp(&sb.x0))
    });
    let mut merged_into: Vec<Option<usize>> = vec![None; segments.len()];
    let mut i = 0;
    while i < order.len() {
        let head = order[i];
        let mut j = i + 1;
        while j < order.len() {
            let next = order[j];
            let (a, b) = (&segments[head], &segments[next]);
            let size = a.size.max(b.size);
            if (b.y - a.y).abs() > SAME_BASELINE * size {
                break;
            }
            let gap = b.x0 - a.x1;
            if gap < -0.6 * size || gap > SEGMENT_GAP * size {
                break;
            }
            let text = std::mem::take(&mut segments[next].text);
            let (x1, next_size) = (segments[next].x1, segments[next].size);
            let head_segment = &mut segments[head];
            if gap > SPACE_GAP * size && !head_segment.text.ends_with(' ') {
                head_segment.text.push(' ');
            }
            head_segment.text.push_str(&text);
            head_segment.x1 = head_segment.x1.max(x1);
            head_segment.size = head_segment.size.max(next_size);
            merged_into[next] = Some(head);
            j += 1;
        }
        i = j;
    }
    let mut index = 0;
    segments.retain(|_| {
        let keep = merged_into[index].is_none();
        index += 1;
        keep
    });
}

/// A segment being built.
struct Run {
    text: String,
    x0: f64,
    x1: f64,
    /// Left edge of the last glyph.
    last_x: f64,
    y: f64,
    /// Chars per font size (rounded to a tenth of a point), for the size most chars have.
    sizes: Vec<(i64, usize)>,
}

impl Run {
    fn start(glyph: &Glyph, space_gap: f64) -> Run {
        let mut run = Run {
            text: String::new(),
            x0: glyph.x,
            x1: glyph.x,
            last_x: glyph.x,
            y: glyph.y,
            sizes: Vec::new(),
        };
        run.push(glyph, space_gap);
        run
    }

    fn size(&self) -> f64 {
        self.sizes
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or(0.0, |(size, _)| *size as f64 / 10.0)
    }

    fn continues_with(&self, glyph: &Glyph) -> bool {
        let size = self.size().max(glyph.size);
        (glyph.y - self.y).abs() <= SAME_BASELINE * size
            && glyph.x >= self.x1 - 0.5 * size
            && glyph.x - self.x1 <= SEGMENT_GAP * size
    }

    fn push(&mut self, glyph: &Glyph, space_gap: f64) {
        let size = self.size().max(glyph.size);
        let is_space = glyph.text.chars().all(char::is_whitespace);
        if is_space {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            // A space is not ink: it does not widen the run.
            return;
        }
        if glyph.x >= self.last_x {
            // The glyph's position is exact; the advance of the one before may be read wrong.
            self.x1 = self.x1.min(glyph.x.max(self.last_x));
        }
        if !self.text.is_empty()
            && !self.text.ends_with(' ')
            && glyph.x - self.x1 > space_gap * size
        {
            self.text.push(' ');
        }
        push_normalized(&mut self.text, &glyph.text);
        let key = (glyph.size * 10.0).round() as i64;
        let chars = glyph.text.chars().count().max(1);
        match self.sizes.iter_mut().find(|(s, _)| *s == key) {
            Some((_, n)) => *n += chars,
            None => self.sizes.push((key, chars)),
        }
        self.x1 = self.x1.max(glyph.x + glyph.width);
        self.last_x = glyph.x;
    }

    fn finish(self, page: u32) -> Option<Segment> {
        let size = self.size();
        let text = self.text.trim();
        if text.is_empty() || size <= 0.0 {
            return None;
        }
        Some(Segment {
            page,
            text: text.to_owned(),
            x0: self.x0,
            x1: self.x1,
            y: self.y,
            size,
        })
    }
}

/// Appends a glyph's text, spelling out ligatures and dropping control chars.
fn push_normalized(text: &mut String, glyph: &str) {
    for c in glyph.chars() {
        match c {
            '\u{FB00}' => text.push_str("ff"),
            '\u{FB01}' => text.push_str("fi"),
            '\u{FB02}' => text.push_str("fl"),
            '\u{FB03}' => text.push_str("ffi"),
            '\u{FB04}' => text.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => text.push_str("st"),
            '\u{A0}' => text.push(' '),
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
}
