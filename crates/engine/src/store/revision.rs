//! What changed between two versions of an article: a word-by-word diff (as the Compare tab
//! shows a changed quote), grouped into changed passages, and the notes each passage touches.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::Algorithm;

use super::anchor::{AnchorState, AnchorText};
use super::versions_log::VersionRecord;
use super::{ArticleNotes, PlacedNote};
use crate::library::WordChangeKind;
use crate::text::squash_whitespace;

/// Changes separated by at most this many unchanged words, on one line, form one passage.
const JOIN_WORDS: usize = 3;
/// Longest the word diff may take before it settles for a coarser answer.
const DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// A run of words of one kind in the word-by-word view of a revision. Runs tile the view: the
/// new text with the removed words put back where they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiffRun {
    /// In both versions, only in the earlier one (removed) or only in the current one (added).
    pub change: WordChangeKind,
    /// Char offset of the run's first char in its text: the earlier text for a removed run,
    /// the current text otherwise. The run takes the spaces after its last word.
    pub start: usize,
    /// Char offset just past the run.
    pub end: usize,
}

/// One changed passage: consecutive changes with little unchanged text between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Char offset in the earlier text where the passage starts.
    pub old_start: usize,
    /// Char offset in the earlier text just past it (equal to `old_start` for an insertion).
    pub old_end: usize,
    /// Char offset in the current text where the passage starts.
    pub new_start: usize,
    /// Char offset in the current text just past it (equal to `new_start` for a deletion).
    pub new_end: usize,
    /// The earlier wording (whole words, spacing squashed; empty for an insertion).
    pub old: String,
    /// The current wording (empty for a deletion).
    pub new: String,
    /// Indices of the passage's first and one-past-last runs in [`TextChanges::runs`].
    pub runs: (usize, usize),
}

/// The word-by-word difference of two texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TextChanges {
    /// The word-by-word view, in reading order.
    pub runs: Vec<DiffRun>,
    /// The changed passages, in reading order.
    pub passages: Vec<Passage>,
}

/// A word of a text: where it starts and ends, and where the spaces after it end.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    next: usize,
}

/// The words of `text` with char offsets.
fn words(text: &str) -> (Vec<&str>, Vec<Word>) {
    let mut strings = Vec::new();
    let mut spans: Vec<Word> = Vec::new();
    let mut word_start: Option<(usize, usize)> = None;
    let mut chars = 0usize;
    for (byte, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some((start_byte, start)) = word_start.take() {
                strings.push(&text[start_byte..byte]);
                spans.push(Word {
                    start,
                    end: chars,
                    next: chars,
                });
            }
        } else if word_start.is_none() {
            if let Some(last) = spans.last_mut() {
                last.next = chars;
            }
            word_start = Some((byte, chars));
        }
        chars += 1;
    }
    if let Some((start_byte, start)) = word_start {
        strings.push(&text[start_byte..]);
        spans.push(Word {
            start,
            end: chars,
            next: chars,
        });
    }
    if let Some(last) = spans.last_mut() {
        last.next = chars;
    }
    (strings, spans)
}

/// Diffs `old` against `new` word by word.
pub fn diff_texts(old: &str, new: &str) -> TextChanges {
    let (old_words, old_spans) = words(old);
    let (new_words, new_spans) = words(new);
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &old_words,
        &new_words,
        Some(Instant::now() + DIFF_DEADLINE),
    );
    let old_text = AnchorText::new(old);
    let new_text = AnchorText::new(new);
    let mut changes = TextChanges::default();
    let mut open: Option<Passage> = None;
    for op in &ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (old_index, old_len) = (old_range.start, old_range.len());
        let (new_index, new_len) = (new_range.start, new_range.len());
        if tag == similar::DiffTag::Equal {
            let (start, end) = run_span(&new_spans, new_index, new_len);
            if let Some(passage) = open.take() {
                let breaks_paragraph = new_text.slice(start, end).contains('\n');
                if new_len > JOIN_WORDS || breaks_paragraph {
                    close(passage, &mut changes, &old_text, &new_text);
                } else {
                    open = Some(passage);
                }
            }
            changes.runs.push(DiffRun {
                change: WordChangeKind::Same,
                start,
                end,
            });
            continue;
        }
        let old_words = word_span(&old_spans, old_index, old_len);
        let new_words = word_span(&new_spans, new_index, new_len);
        match open.as_mut() {
            Some(passage) => {
                passage.old_end = passage.old_end.max(old_words.1);
                passage.new_end = passage.new_end.max(new_words.1);
            }
            None => {
                open = Some(Passage {
                    old_start: old_words.0,
                    old_end: old_words.1,
                    new_start: new_words.0,
                    new_end: new_words.1,
                    old: String::new(),
                    new: String::new(),
                    runs: (changes.runs.len(), changes.runs.len()),
                });
            }
        }
        if old_len > 0 {
            let (start, end) = run_span(&old_spans, old_index, old_len);
            changes.runs.push(DiffRun {
                change: WordChangeKind::Removed,
                start,
                end,
            });
        }
        if new_len > 0 {
            let (start, end) = run_span(&new_spans, new_index, new_len);
            changes.runs.push(DiffRun {
                change: WordChangeKind::Added,
                start,
                end,
            });
        }
    }
    if let Some(passage) = open.take() {
        close(passage, &mut changes, &old_text, &new_text);
    }
    changes
}

/// Finishes a passage: its wordings and the end of its runs.
fn close(
    mut passage: Passage,
    changes: &mut TextChanges,
    old_text: &AnchorText<'_>,
    new_text: &AnchorText<'_>,
) {
    passage.old = squash_whitespace(&old_text.slice(passage.old_start, passage.old_end));
    passage.new = squash_whitespace(&new_text.slice(passage.new_start, passage.new_end));
    passage.runs.1 = changes.runs.len();
    changes.passages.push(passage);
}

/// The chars a run of words `from..from+len` covers in the view: from its first word (the
/// text's start for the first word) to the end of the spaces after its last.
fn run_span(spans: &[Word], from: usize, len: usize) -> (usize, usize) {
    let start = if from == 0 {
        0
    } else {
        spans.get(from).map_or(0, |w| w.start)
    };
    let end = spans.get(from + len - 1).map_or(start, |w| w.next);
    (start, end)
}

/// The chars of the words `from..from+len` themselves; for no words, the place where word
/// `from` starts (the end of the text past the last word).
fn word_span(spans: &[Word], from: usize, len: usize) -> (usize, usize) {
    let start = match from.checked_sub(1).and_then(|p| spans.get(p)) {
        Some(previous) => previous.next,
        None => spans.first().map_or(0, |w| w.start),
    };
    if len == 0 {
        return (start, start);
    }
    let end = spans.get(from + len - 1).map_or(start, |w| w.end);
    (start, end)
}

/// A note the changes touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AffectedNote {
    /// The note's id.
    pub note_id: String,
    /// Indices of the passages that touch its words, in [`TextChanges::passages`].
    pub passages: Vec<usize>,
    /// Whether the note needs review (its words changed or are gone).
    pub needs_review: bool,
}

/// How an article changed since a version the person worked on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// The earlier version: the last one the person reviewed, or else the one seen before.
    pub since: VersionRecord,
    /// Whether `since` is the last version the person reviewed (saved a change on, or marked
    /// reviewed); otherwise the person has reviewed the current text already.
    pub since_review: bool,
    /// The earlier text, if the store kept it.
    #[serde(skip)]
    pub earlier_text: Option<String>,
    /// The word-by-word changes; `None` when the earlier text was not kept.
    pub changes: Option<TextChanges>,
    /// The notes the changes touch: those needing review, and those whose words a passage
    /// overlaps.
    pub affected: Vec<AffectedNote>,
}

impl Revision {
    /// Compares `earlier_text` (of version `since`) with the current `text`, and finds the notes
    /// of `notes` the changes touch.
    pub fn new(
        since: VersionRecord,
        since_review: bool,
        earlier_text: Option<String>,
        text: &str,
        notes: &ArticleNotes,
    ) -> Self {
        let changes = earlier_text.as_deref().map(|old| diff_texts(old, text));
        let earlier = earlier_text.as_deref().map(AnchorText::new);
        let mut affected = Vec::new();
        for placed in &notes.notes {
            let passages = match (&changes, &earlier) {
                (Some(changes), Some(earlier)) => touching(changes, earlier, placed),
                _ => Vec::new(),
            };
            let needs_review = placed.review.is_some();
            if needs_review || !passages.is_empty() {
                affected.push(AffectedNote {
                    note_id: placed.note.id.clone(),
                    passages,
                    needs_review,
                });
            }
        }
        Self {
            since,
            since_review,
            earlier_text,
            changes,
            affected,
        }
    }

    /// Number of changed passages (0 when the earlier text was not kept).
    pub fn passage_count(&self) -> usize {
        self.changes.as_ref().map_or(0, |c| c.passages.len())
    }

    /// "3 passages changed, 2 notes affected".
    pub fn summary(&self) -> String {
        let passages = self.passage_count();
        let notes = self.affected.len();
        let passages = match (&self.changes, passages) {
            (None, _) => "the earlier text was not kept".to_owned(),
            (Some(_), 1) => "1 passage changed".to_owned(),
            (Some(_), n) => format!("{n} passages changed"),
        };
        let notes = match notes {
            0 => "no notes affected".to_owned(),
            1 => "1 note affected".to_owned(),
            n => format!("{n} notes affected"),
        };
        format!("{passages}, {notes}")
    }

    /// The banner line: "This article changed since your last review: 3 passages changed, 2
    /// notes affected".
    pub fn headline(&self) -> String {
        if self.since_review {
            format!(
                "This article changed since your last review: {}",
                self.summary()
            )
        } else {
            format!(
                "This article changed since the version before: {}",
                self.summary()
            )
        }
    }

    /// The passages that note `note_id` is affected by.
    pub fn passages_of(&self, note_id: &str) -> &[usize] {
        self.affected
            .iter()
            .find(|a| a.note_id == note_id)
            .map_or(&[], |a| a.passages.as_slice())
    }
}

/// The passages whose earlier words overlap the note's words as they stood in the earlier text.
fn touching(changes: &TextChanges, earlier: &AnchorText<'_>, placed: &PlacedNote) -> Vec<usize> {
    let then = earlier.place(&placed.note.anchor);
    if then.state == AnchorState::Orphaned {
        return Vec::new();
    }
    changes
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            if p.old_start == p.old_end {
                then.start < p.old_start && p.old_start < then.end
            } else {
                p.old_start < then.end && then.start < p.old_end
            }
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(changes: &TextChanges, old: &str, new: &str, kind: WordChangeKind) -> Vec<String> {
        let (old, new) = (AnchorText::new(old), AnchorText::new(new));
        changes
            .runs
            .iter()
            .filter(|r| r.change == kind)
            .map(|r| {
                let text = if kind == WordChangeKind::Removed {
                    &old
                } else {
                    &new
                };
                text.slice(r.start, r.end).trim().to_owned()
            })
            .collect()
    }

    #[test]
    fn a_reworded_sentence_is_one_passage() {
        let old = "Intro.\n\nParis would not risk a war, he said.\n\nEnd.";
        let new = "Intro.\n\nParis would not rule out risking a war, he said.\n\nEnd.";
        let changes = diff_texts(old, new);
        assert_eq!(changes.passages.len(), 1, "{changes:?}");
        let passage = &changes.passages[0];
        assert_eq!(passage.old, "risk");
        assert_eq!(passage.new, "rule out risking");
        assert_eq!(
            text_of(&changes, old, new, WordChangeKind::Removed),
            ["risk"]
        );
        assert_eq!(
            text_of(&changes, old, new, WordChangeKind::Added),
            ["rule out risking"]
        );
        // The runs tile the view: same and added runs cover the whole current text.
        let covered: usize = changes
            .runs
            .iter()
            .filter(|r| r.change != WordChangeKind::Removed)
            .map(|r| r.end - r.start)
            .sum();
        assert_eq!(covered, new.chars().count());
    }

    #[test]
    fn changes_in_separate_paragraphs_are_separate_passages() {
        let old = "One two three.\n\nFour five six.\n\nSeven eight nine.";
        let new = "One 2 three.\n\nFour five six.\n\nSeven eight.";
        let changes = diff_texts(old, new);
        let wordings: Vec<(&str, &str)> = changes
            .passages
            .iter()
            .map(|p| (p.old.as_str(), p.new.as_str()))
            .collect();
        assert_eq!(
            wordings,
            [("two", "2"), ("eight nine.", "eight.")],
            "{changes:?}"
        );
    }

    #[test]
    fn identical_texts_have_no_passages() {
        let text = "Nothing changed here.\n\nNor here.";
        let changes = diff_texts(text, text);
        assert!(changes.passages.is_empty());
        assert!(
            changes
                .runs
                .iter()
                .all(|r| r.change == WordChangeKind::Same)
        );
    }
}
