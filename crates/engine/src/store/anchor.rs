//! Anchoring: building an [`Anchor`] from a char span, and finding it again in a text that may
//! have been edited since.
//!
//! Placement tries, in order: the stored position holding the exact quote (`exact`); the exact
//! quote elsewhere, nearest to the old place (`moved`); an approximate match scored on quote,
//! prefix, suffix and position (`fuzzy`); else the note is `orphaned` and keeps its old anchor.
//! The approximate search does bounded work: candidate places are seeded by char n-grams shared
//! with the quote, and each is scored by a banded alignment.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::model::{Anchor, CONTEXT_CHARS};
use crate::text::CharIndex;

/// How a note's anchor was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorState {
    /// The exact quote at the stored position.
    Exact,
    /// The exact quote, elsewhere in the text.
    Moved,
    /// An approximate match of the quote and its context.
    Fuzzy,
    /// Not found: the note keeps its old anchor and is listed as orphaned.
    Orphaned,
}

impl AnchorState {
    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }
}

impl std::fmt::Display for AnchorState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an anchor landed: its state and its char span in the current text (for an orphaned
/// note, the span stored in its anchor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// How it was found.
    pub state: AnchorState,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset just past the last char.
    pub end: usize,
}

/// Length of the char n-grams that seed the approximate search.
const GRAM_CHARS: usize = 5;
/// Most n-grams of one quote looked up.
const MAX_SEED_GRAMS: usize = 48;
/// N-grams found more often than this in the text are too common to seed with.
const MAX_GRAM_HITS: usize = 32;
/// Most candidate places aligned per note (besides the old position).
const MAX_CANDIDATES: usize = 4;
/// Lowest quote similarity an approximate match may have.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.6;
/// Lowest overall score an approximate match may have.
pub const MIN_FUZZY_SCORE: f64 = 0.65;

/// Longest quote looked for approximately, in chars: a claim is a sentence or a paragraph, and
/// the alignment's cost grows with the quote (a damaged or crafted notes file may hold a quote
/// of megabytes). Longer quotes are found only where they stand whole.
pub const MAX_FUZZY_QUOTE_CHARS: usize = 4_000;

/// A document text prepared for anchoring: its chars and, built on first need, an n-gram index.
pub struct AnchorText<'a> {
    text: &'a str,
    chars: Vec<char>,
    index: CharIndex<'a>,
    grams: OnceLock<HashMap<u64, Vec<u32>>>,
}

impl<'a> AnchorText<'a> {
    /// Prepares `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            chars: text.chars().collect(),
            index: CharIndex::new(text),
            grams: OnceLock::new(),
        }
    }

    /// Number of chars in the text.
    pub fn len_chars(&self) -> usize {
        self.chars.len()
    }

    /// The chars between `start` and `end` (clamped) as a string.
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    /// Builds the anchor of the char span `start..end`; `None` when the span is empty or out of
    /// the text.
    pub fn anchor(&self, start: usize, end: usize) -> Option<Anchor> {
        if start >= end || end > self.chars.len() {
            return None;
        }
        Some(Anchor {
            exact: self.slice(start, end),
            prefix: self.slice(start.saturating_sub(CONTEXT_CHARS), start),
            suffix: self.slice(end, end + CONTEXT_CHARS),
            start,
            end,
        })
    }

    /// Finds `anchor` in this text.
    pub fn place(&self, anchor: &Anchor) -> Placement {
        let orphaned = Placement {
            state: AnchorState::Orphaned,
            start: anchor.start,
            end: anchor.end,
        };
        if anchor.exact.is_empty() {
            return orphaned;
        }
        if self.holds_at(&anchor.exact, anchor.start) {
            let len = anchor.exact.chars().count();
            return Placement {
                state: AnchorState::Exact,
                start: anchor.start,
                end: anchor.start + len,
            };
        }
        if let Some(start) = self.nearest_exact(&anchor.exact, anchor.start) {
            return Placement {
                state: AnchorState::Moved,
                start,
                end: start + anchor.exact.chars().count(),
            };
        }
        let quote_chars = anchor.exact.chars().count();
        if quote_chars > MAX_FUZZY_QUOTE_CHARS || quote_chars > self.chars.len() {
            return orphaned;
        }
        match self.fuzzy(anchor) {
            Some((start, end)) => Placement {
                state: AnchorState::Fuzzy,
                start,
                end,
            },
            None => orphaned,
        }
    }

    /// Finds many anchors at once: like [`AnchorText::place`] for each, but the search for
    /// moved quotes is one pass over the text for all of them.
    pub fn place_all<'b>(&self, anchors: impl IntoIterator<Item = &'b Anchor>) -> Vec<Placement> {
        let anchors: Vec<&Anchor> = anchors.into_iter().collect();
        let mut placements: Vec<Option<Placement>> = anchors
            .iter()
            .map(|anchor| {
                (!anchor.exact.is_empty() && self.holds_at(&anchor.exact, anchor.start)).then(
                    || Placement {
                        state: AnchorState::Exact,
                        start: anchor.start,
                        end: anchor.start + anchor.exact.chars().count(),
                    },
                )
            })
            .collect();
        // One automaton over every quote not found in place.
        let mut quotes: Vec<&str> = Vec::new();
        let mut notes_of_quote: Vec<Vec<usize>> = Vec::new();
        let mut quote_ids: HashMap<&str, usize> = HashMap::new();
        for (i, anchor) in anchors.iter().enumerate() {
            // A quote longer than the text cannot be in it (and would bloat the automaton).
            if placements[i].is_some()
                || anchor.exact.is_empty()
                || anchor.exact.len() > self.text.len()
            {
                continue;
            }
            let id = *quote_ids.entry(anchor.exact.as_str()).or_insert_with(|| {
                quotes.push(anchor.exact.as_str());
                notes_of_quote.push(Vec::new());
                quotes.len() - 1
            });
            notes_of_quote[id].push(i);
        }
        if !quotes.is_empty()
            && let Ok(automaton) = aho_corasick::AhoCorasick::new(&quotes)
        {
            let mut nearest: Vec<Option<usize>> = vec![None; anchors.len()];
            for found in automaton.find_overlapping_iter(self.text) {
                let start = self.index.char_of_byte(found.start());
                let Some(notes) = notes_of_quote.get(found.pattern().as_usize()) else {
                    continue;
                };
                for &i in notes {
                    let old = anchors[i].start;
                    if nearest[i].is_none_or(|best: usize| start.abs_diff(old) < best.abs_diff(old))
                    {
                        nearest[i] = Some(start);
                    }
                }
            }
            for (i, start) in nearest.into_iter().enumerate() {
                if let Some(start) = start {
                    placements[i] = Some(Placement {
                        state: AnchorState::Moved,
                        start,
                        end: start + anchors[i].exact.chars().count(),
                    });
                }
            }
        }
        placements
            .into_iter()
            .zip(anchors)
            .map(|(placement, anchor)| placement.unwrap_or_else(|| self.place(anchor)))
            .collect()
    }

    /// Whether the anchor's quote, prefix and suffix all stand at its stored position (then
    /// rebuilding the anchor would change nothing).
    pub fn holds_context(&self, anchor: &Anchor) -> bool {
        let prefix_chars = anchor.prefix.chars().count();
        let suffix_chars = anchor.suffix.chars().count();
        let expected_prefix = anchor.start.min(CONTEXT_CHARS);
        let expected_suffix = self
            .chars
            .len()
            .saturating_sub(anchor.end)
            .min(CONTEXT_CHARS);
        prefix_chars == expected_prefix
            && suffix_chars == expected_suffix
            && anchor.exact.chars().count() == anchor.end.saturating_sub(anchor.start)
            && self.holds_at(&anchor.prefix, anchor.start - prefix_chars)
            && self.holds_at(&anchor.exact, anchor.start)
            && self.holds_at(&anchor.suffix, anchor.end)
    }

    /// Whether the text holds `quote` starting at char `start`.
    fn holds_at(&self, quote: &str, start: usize) -> bool {
        let Some(rest) = self.chars.get(start..) else {
            return false;
        };
        let mut rest = rest.iter();
        quote.chars().all(|c| rest.next() == Some(&c))
    }

    /// Char offset of the occurrence of `quote` nearest to `old_start`.
    fn nearest_exact(&self, quote: &str, old_start: usize) -> Option<usize> {
        self.text
            .match_indices(quote)
            .map(|(byte, _)| self.index.char_of_byte(byte))
            .min_by_key(|&start| start.abs_diff(old_start))
    }

    fn grams(&self) -> &HashMap<u64, Vec<u32>> {
        self.grams.get_or_init(|| {
            let mut grams: HashMap<u64, Vec<u32>> = HashMap::new();
            for (i, window) in self.chars.windows(GRAM_CHARS).enumerate() {
                let Ok(pos) = u32::try_from(i) else { break };
                grams.entry(gram_key(window)).or_default().push(pos);
            }
            grams
        })
    }

    /// The best approximate match of `anchor` that clears the thresholds. Prefix, quote and
    /// suffix are aligned as one pattern, so the context pins down where the claim now starts
    /// and ends.
    fn fuzzy(&self, anchor: &Anchor) -> Option<(usize, usize)> {
        let quote: Vec<char> = anchor.exact.chars().collect();
        let prefix: Vec<char> = anchor.prefix.chars().collect();
        let suffix: Vec<char> = anchor.suffix.chars().collect();
        let pattern: Vec<char> = prefix
            .iter()
            .chain(&quote)
            .chain(&suffix)
            .copied()
            .collect();
        let marks = (prefix.len(), prefix.len() + quote.len());
        let band = (quote.len() / 2).clamp(32, 192);
        // A stored offset past the text (a damaged or crafted file) hints at its end.
        let hint = anchor.start.min(self.chars.len());
        let mut candidates = self.seed_candidates(&quote, hint);
        candidates.push(to_isize(hint));
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, usize, usize)> = None;
        for quote_start in candidates {
            let diagonal = quote_start - to_isize(prefix.len());
            let Some(hit) = align(&pattern, &self.chars, diagonal, band, marks) else {
                continue;
            };
            let (start, end) = (hit.quote_start, hit.quote_end.max(hit.quote_start));
            // Normalised by the longer of quote and match, so text inserted into a claim
            // counts against it no more than text cut from it.
            let longer = quote.len().max(end - start);
            let quote_similarity = 1.0 - hit.quote_cost as f64 / longer as f64;
            if quote_similarity < MIN_QUOTE_SIMILARITY {
                continue;
            }
            let prefix_similarity = 1.0 - hit.prefix_cost as f64 / prefix.len().max(1) as f64;
            let suffix_cost = hit.cost.saturating_sub(hit.prefix_cost + hit.quote_cost);
            let suffix_similarity = 1.0 - suffix_cost as f64 / suffix.len().max(1) as f64;
            let distance = start.abs_diff(anchor.start) as f64;
            let position_similarity = 1.0 - (distance / self.chars.len().max(1) as f64).min(1.0);
            let score = 0.55 * quote_similarity
                + 0.175 * prefix_similarity.max(0.0)
                + 0.175 * suffix_similarity.max(0.0)
                + 0.1 * position_similarity;
            if score >= MIN_FUZZY_SCORE && best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, start, end));
            }
        }
        best.map(|(_, start, end)| (start, end))
    }

    /// Candidate places (where the quote's first char would sit) voted for by shared n-grams.
    fn seed_candidates(&self, quote: &[char], old_start: usize) -> Vec<isize> {
        if quote.len() < GRAM_CHARS || self.chars.len() < GRAM_CHARS {
            return Vec::new();
        }
        let grams = self.grams();
        let last = quote.len() - GRAM_CHARS;
        let samples = (last + 1).min(MAX_SEED_GRAMS);
        let mut votes: HashMap<isize, usize> = HashMap::new();
        for s in 0..samples {
            let offset = if samples > 1 {
                s * last / (samples - 1)
            } else {
                0
            };
            let Some(window) = quote.get(offset..offset + GRAM_CHARS) else {
                continue;
            };
            let Some(hits) = grams.get(&gram_key(window)) else {
                continue;
            };
            if hits.len() > MAX_GRAM_HITS {
                continue;
            }
            for &pos in hits {
                let diagonal = pos as isize - to_isize(offset);
                *votes.entry(diagonal.div_euclid(8)).or_default() += 1;
            }
        }
        let mut ranked: Vec<(isize, usize)> = votes.into_iter().collect();
        let old = to_isize(old_start);
        ranked.sort_by_key(|&(bucket, count)| {
            (std::cmp::Reverse(count), (bucket * 8 - old).abs(), bucket)
        });
        ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(bucket, _)| bucket * 8 + 4)
            .collect()
    }
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

fn gram_key(window: &[char]) -> u64 {
    window.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &c| {
        (hash ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A semi-global alignment of a pattern (prefix, quote, suffix) inside a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Alignment {
    /// Edit distance between the whole pattern and the text it aligns to.
    cost: usize,
    /// Part of `cost` spent on the prefix.
    prefix_cost: usize,
    /// Part of `cost` spent on the quote.
    quote_cost: usize,
    /// Text offset where the quote's alignment starts.
    quote_start: usize,
    /// Text offset where the quote's alignment ends.
    quote_end: usize,
}

/// What a DP cell carries along its best path.
#[derive(Debug, Clone, Copy, Default)]
struct Carried {
    /// Text offset and cost when the path crossed the first mark (end of the prefix).
    first: (usize, usize),
    /// Text offset and cost when the path crossed the second mark (end of the quote).
    second: (usize, usize),
}

/// Aligns all of `pattern` against a free stretch of `text` whose start lies within `band`
/// chars of `diagonal`, allowing paths to stray at most `band` chars from that diagonal, and
/// reports where the path crossed pattern offsets `marks`. Work is
/// `pattern.len() × (2·band + 1)`.
fn align(
    pattern: &[char],
    text: &[char],
    diagonal: isize,
    band: usize,
    marks: (usize, usize),
) -> Option<Alignment> {
    const INF: usize = usize::MAX / 2;
    let width = 2 * band + 1;
    let n = to_isize(text.len());
    let band_i = to_isize(band);
    let mut prev_cost = vec![INF; width];
    let mut prev_carry = vec![Carried::default(); width];
    let mut cur_cost = vec![INF; width];
    let mut cur_carry = vec![Carried::default(); width];
    let mark = |row: usize, j: usize, cost: usize, carry: &mut Carried| {
        if row == marks.0 {
            carry.first = (j, cost);
        }
        if row == marks.1 {
            carry.second = (j, cost);
        }
    };
    // Row 0: the alignment may start anywhere in the band at no cost.
    for k in 0..width {
        let j = diagonal - band_i + to_isize(k);
        if (0..=n).contains(&j) {
            prev_cost[k] = 0;
            mark(0, j as usize, 0, &mut prev_carry[k]);
        }
    }
    for (i, &p) in pattern.iter().enumerate() {
        let row = i + 1;
        for k in 0..width {
            let j = diagonal + to_isize(row) - band_i + to_isize(k);
            if !(0..=n).contains(&j) {
                cur_cost[k] = INF;
                continue;
            }
            let mut best = (INF, Carried::default());
            if j >= 1 && prev_cost[k] < INF {
                let differs = text.get(j as usize - 1).is_none_or(|&t| t != p);
                best = (prev_cost[k] + usize::from(differs), prev_carry[k]);
            }
            if k + 1 < width && prev_cost[k + 1] + 1 < best.0 {
                best = (prev_cost[k + 1] + 1, prev_carry[k + 1]);
            }
            if k >= 1 && cur_cost[k - 1] + 1 < best.0 {
                best = (cur_cost[k - 1] + 1, cur_carry[k - 1]);
            }
            let (cost, mut carry) = best;
            if cost < INF {
                mark(row, j as usize, cost, &mut carry);
            }
            cur_cost[k] = cost;
            cur_carry[k] = carry;
        }
        std::mem::swap(&mut prev_cost, &mut cur_cost);
        std::mem::swap(&mut prev_carry, &mut cur_carry);
    }
    (0..width)
        .filter(|&k| prev_cost[k] < INF)
        .min_by_key(|&k| prev_cost[k])
        .and_then(|k| {
            let carry = prev_carry.get(k)?;
            Some(Alignment {
                cost: prev_cost[k],
                prefix_cost: carry.first.1,
                quote_cost: carry.second.1.saturating_sub(carry.first.1),
                quote_start: carry.first.0,
                quote_end: carry.second.0,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_finds_an_edited_quote() {
        let text: Vec<char> = "xxxx the bridge will cost four million yyyy"
            .chars()
            .collect();
        let pattern: Vec<char> = "x the bridge would cost four million y".chars().collect();
        let hit = align(&pattern, &text, 3, 32, (2, 36)).expect("an alignment");
        let found: String = text[hit.quote_start..hit.quote_end].iter().collect();
        assert_eq!(found, "the bridge will cost four million");
        assert_eq!((hit.cost, hit.prefix_cost, hit.quote_cost), (3, 0, 3));
    }

    #[test]
    fn places_exact_moved_and_orphaned() {
        let before = AnchorText::new("One. Two claims here. Three.");
        let anchor = before.anchor(5, 21).expect("anchor");
        assert_eq!(anchor.exact, "Two claims here.");
        assert_eq!(before.place(&anchor).state, AnchorState::Exact);
        let after = AnchorText::new("Zero. One. Two claims here. Three.");
        let placed = after.place(&anchor);
        assert_eq!(
            (placed.state, placed.start, placed.end),
            (AnchorState::Moved, 11, 27)
        );
        let gone = AnchorText::new("Something else entirely, with nothing in common at all.");
        assert_eq!(gone.place(&anchor).state, AnchorState::Orphaned);
    }

    #[test]
    fn placing_all_at_once_equals_placing_each() {
        let before =
            AnchorText::new("Alpha said one. Beta said two. Alpha said one. Gamma said three.");
        let anchors: Vec<Anchor> = [(0, 15), (16, 30), (31, 46), (47, 64)]
            .iter()
            .map(|&(s, e)| before.anchor(s, e).expect("anchor"))
            .collect();
        let after = AnchorText::new(
            "Intro. Alpha said one. Beta said too. Delta. Alpha said one. Gamma said three!",
        );
        let each: Vec<Placement> = anchors.iter().map(|a| after.place(a)).collect();
        assert_eq!(after.place_all(&anchors), each);
        let states: Vec<AnchorState> = each.iter().map(|p| p.state).collect();
        assert_eq!(
            states,
            [
                AnchorState::Moved,
                AnchorState::Fuzzy,
                AnchorState::Moved,
                AnchorState::Fuzzy
            ]
        );
        // The repeated sentence goes to the occurrence nearest its old place.
        assert_eq!((each[0].start, each[2].start), (7, 45));
    }
}
