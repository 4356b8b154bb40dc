//! The open article: its document, extraction, notes and what the person has selected, shaped
//! for the panels. No egui here except the layout cache the article view keeps.

use std::collections::HashMap;

use crosscheck_engine::document::Document;
use crosscheck_engine::extract::{Attribution, Extraction, Source};
use crosscheck_engine::text::CharIndex;

use super::article_view::ArticleCache;
use super::library::{ClaimComparison, Comparison};
use super::notes::{AnchorState, NoteView, Target, Verdict};

/// One row of the claims list: an extracted claim, or one the person marked by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset just past the last char.
    pub end: usize,
    /// The claim's text.
    pub text: String,
    /// How it is attributed; `None` for a claim marked by hand.
    pub attribution: Option<Attribution>,
    /// Id of the source entity, if any.
    pub source_id: Option<String>,
    /// The source's name (or the name typed for a hand-made claim), empty if none.
    pub source_name: String,
    /// The source's role, if known.
    pub source_role: Option<String>,
    /// The attribution cue ("said", "according to").
    pub cue: Option<String>,
    /// Hedges on the claim ("reportedly").
    pub hedges: Vec<String>,
    /// The relay chain, "via Politico » Ivo Daalder", empty if direct.
    pub chain: String,
    /// Index of the claim's note in [`Session::notes`], if it has one.
    pub note: Option<usize>,
}

impl ClaimRow {
    /// The attribution kind as people read it.
    pub fn kind_label(&self) -> &'static str {
        match self.attribution {
            Some(kind) => attribution_label(kind),
            None => "marked by hand",
        }
    }
}

/// The attribution kind as people read it.
pub fn attribution_label(kind: Attribution) -> &'static str {
    match kind {
        Attribution::DirectQuote => "direct quote",
        Attribution::Indirect => "indirect",
        Attribution::AccordingTo => "according to",
        Attribution::Hedged => "hedged",
        Attribution::Headline => "headline",
        Attribution::Unattributed => "unattributed",
    }
}

/// Which attribution kinds the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindFilter {
    /// An extracted kind.
    Extracted(Attribution),
    /// Claims marked by hand.
    Manual,
}

/// The claims list's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only claims with this verdict.
    pub verdict: Option<Verdict>,
    /// Only claims of this kind.
    pub kind: Option<KindFilter>,
    /// Only claims of this source (by id).
    pub source_id: Option<String>,
    /// Only claims whose text, source or cue contains this (case-insensitive).
    pub search: String,
}

/// What is selected in the panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// A claim of [`Session::rows`], by index.
    Claim(usize),
    /// An orphaned note, by id.
    Orphan(String),
}

/// Text the person is dragging over in the article, in char offsets (anchor, cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextSelection {
    /// Where the drag started.
    pub anchor: usize,
    /// Where the pointer is (or was released).
    pub cursor: usize,
}

impl TextSelection {
    /// The selected span, start before end.
    pub fn range(&self) -> (usize, usize) {
        (self.anchor.min(self.cursor), self.anchor.max(self.cursor))
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.anchor == self.cursor
    }
}

/// Which tab of the side panel is showing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PanelTab {
    /// The claims list.
    #[default]
    Claims,
    /// The sources view.
    Sources,
    /// The selected claim cross-checked against the library.
    Compare,
    /// The library: folders, counts and search.
    Library,
}

/// Editable text of the claim detail, held between frames.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drafts {
    /// The note being written, and the claim span it belongs to.
    pub note: String,
    /// The span the note draft belongs to (`None` for none).
    pub note_for: Option<(usize, usize)>,
    /// Whether the note draft differs from what was saved.
    pub is_note_dirty: bool,
    /// When the note draft last changed (egui input time, seconds).
    pub note_changed_at: f64,
    /// Evidence URL field.
    pub evidence_url: String,
    /// Evidence label field.
    pub evidence_label: String,
    /// New tag field.
    pub tag: String,
    /// Source for a claim marked by hand.
    pub manual_source: String,
}

/// The open article and everything the panels show of it.
pub struct Session {
    /// The article.
    pub document: Document,
    /// What the extractor found.
    pub extraction: Extraction,
    /// The article's notes from the store.
    pub notes: Vec<NoteView>,
    /// Extracted and hand-made claims in reading order.
    pub rows: Vec<ClaimRow>,
    /// Indices of [`Self::rows`] overlapping each block of the document.
    pub block_rows: Vec<Vec<usize>>,
    /// Source entities by id, index into `extraction.sources`.
    pub source_index: HashMap<String, usize>,
    /// The selected claim or orphaned note.
    pub selection: Option<Selection>,
    /// The list's filters.
    pub filter: Filter,
    /// Rows passing the filter, cached.
    filtered: Vec<usize>,
    /// The filter `filtered` was computed for, and the notes generation.
    filtered_key: Option<(Filter, u64)>,
    /// Bumped whenever notes change.
    pub notes_generation: u64,
    /// Text being selected in the article.
    pub text_selection: Option<TextSelection>,
    /// Whether a drag over the article text is in progress.
    pub is_dragging_text: bool,
    /// Scroll the article to the selected claim on the next frame.
    pub scroll_to_selection: bool,
    /// Scroll the claims list to the selected claim on the next frame.
    pub scroll_list_to_selection: bool,
    /// Put the keyboard focus in the note field on the next frame.
    pub focus_note: bool,
    /// Put the keyboard focus in the search field on the next frame.
    pub focus_search: bool,
    /// Editable fields of the detail view.
    pub drafts: Drafts,
    /// Galleys and heights of the article's blocks.
    pub cache: ArticleCache,
    /// Byte range of each block in the document text.
    pub block_bytes: Vec<(usize, usize)>,
    /// Time the article took to load and extract, in milliseconds.
    pub open_ms: f64,
    /// The article compared against the library (`None`: no library).
    pub comparison: Option<Comparison>,
    /// Index into the comparison's claims by claim span (start, end).
    comparison_at: HashMap<(usize, usize), usize>,
}

impl Session {
    /// Builds the session for a loaded document, its extraction and its notes.
    pub fn new(document: Document, extraction: Extraction, notes: Vec<NoteView>) -> Self {
        let source_index = extraction
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let block_bytes = {
            let chars = CharIndex::new(&document.text);
            document
                .blocks
                .iter()
                .map(|b| (chars.byte_of_char(b.start), chars.byte_of_char(b.end)))
                .collect()
        };
        let cache = ArticleCache::new(&document);
        let mut session = Self {
            document,
            extraction,
            notes,
            rows: Vec::new(),
            block_rows: Vec::new(),
            source_index,
            selection: None,
            filter: Filter::default(),
            filtered: Vec::new(),
            filtered_key: None,
            notes_generation: 0,
            text_selection: None,
            is_dragging_text: false,
            scroll_to_selection: false,
            scroll_list_to_selection: false,
            focus_note: false,
            focus_search: false,
            drafts: Drafts::default(),
            cache,
            block_bytes,
            open_ms: 0.0,
            comparison: None,
            comparison_at: HashMap::new(),
        };
        session.rebuild_rows();
        session
    }

    /// The source entity with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index
            .get(id)
            .and_then(|i| self.extraction.sources.get(*i))
    }

    /// Rebuilds the rows from the extraction and the notes (after notes changed), keeping the
    /// selected claim selected.
    pub fn rebuild_rows(&mut self) {
        let selected_span = self.selected_row().map(|r| (r.start, r.end));
        let mut note_at: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, note) in self.notes.iter().enumerate() {
            if note.state != AnchorState::Orphaned {
                note_at.entry((note.start, note.end)).or_insert(i);
            }
        }
        let mut rows: Vec<ClaimRow> = Vec::with_capacity(self.extraction.claims.len());
        for claim in &self.extraction.claims {
            let source = claim.source.as_ref().and_then(|m| self.source(&m.id));
            let source_name = source
                .map(|s| s.name.clone())
                .or_else(|| claim.source.as_ref().map(|m| m.text.clone()))
                .unwrap_or_default();
            let mut chain: Vec<String> = claim
                .via
                .iter()
                .filter_map(|id| self.source(id).map(|s| s.name.clone()))
                .collect();
            if let Some(venue) = &claim.venue {
                let venue_name = venue_name(&venue.text);
                if !chain.iter().any(|c| c == &venue_name) {
                    chain.push(venue_name);
                }
            }
            let chain = if chain.is_empty() {
                String::new()
            } else {
                let mut parts = chain;
                if !source_name.is_empty() {
                    parts.push(source_name.clone());
                }
                format!("via {}", parts.join(" » "))
            };
            rows.push(ClaimRow {
                start: claim.start,
                end: claim.end,
                text: claim.text.clone(),
                attribution: Some(claim.attribution),
                source_id: claim.source.as_ref().map(|m| m.id.clone()),
                source_name,
                source_role: source.and_then(|s| s.role.clone()),
                cue: claim.cue.as_ref().map(|c| c.text.clone()),
                hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
                chain,
                note: note_at.remove(&(claim.start, claim.end)),
            });
        }
        // Notes placed where no extracted claim is: claims the person marked by hand (or
        // claims the extractor no longer finds).
        let mut rest: Vec<(usize, usize, usize)> = note_at
            .into_iter()
            .map(|((start, end), i)| (start, end, i))
            .collect();
        rest.sort_unstable();
        for (start, end, i) in rest {
            let Some(note) = self.notes.get(i) else {
                continue;
            };
            let source_name = note.source.clone().unwrap_or_default();
            rows.push(ClaimRow {
                start,
                end,
                text: self.text_of(start, end),
                attribution: None,
                source_id: None,
                source_name,
                source_role: None,
                cue: None,
                hedges: Vec::new(),
                chain: String::new(),
                note: Some(i),
            });
        }
        rows.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        self.rows = rows;
        self.block_rows = vec![Vec::new(); self.document.blocks.len()];
        for (i, row) in self.rows.iter().enumerate() {
            let first = self.document.blocks.partition_point(|b| b.end <= row.start);
            for (b, block) in self.document.blocks.iter().enumerate().skip(first) {
                if block.start >= row.end {
                    break;
                }
                if let Some(list) = self.block_rows.get_mut(b) {
                    list.push(i);
                }
            }
        }
        if let Some(span) = selected_span {
            self.selection = self
                .rows
                .iter()
                .position(|r| (r.start, r.end) == span)
                .map(Selection::Claim);
        }
        self.notes_generation += 1;
        self.cache.invalidate_all();
    }

    /// Replaces the notes (after a save) and rebuilds what depends on them.
    pub fn set_notes(&mut self, notes: Vec<NoteView>) {
        self.notes = notes;
        self.rebuild_rows();
    }

    /// Keeps the comparison of the article against the library.
    pub fn set_comparison(&mut self, comparison: Option<Comparison>) {
        self.comparison_at = comparison
            .iter()
            .flat_map(|c| c.claims.iter().enumerate())
            .map(|(i, c)| ((c.claim.start, c.claim.end), i))
            .collect();
        self.comparison = comparison;
    }

    /// The comparison of a row's claim, if the library was compared.
    pub fn comparison_of(&self, row: &ClaimRow) -> Option<&ClaimComparison> {
        let i = self.comparison_at.get(&(row.start, row.end))?;
        self.comparison.as_ref()?.claims.get(*i)
    }

    /// The verdict of a row (unverified without a note).
    pub fn verdict_of(&self, row: &ClaimRow) -> Verdict {
        row.note
            .and_then(|i| self.notes.get(i))
            .map(|n| n.verdict)
            .unwrap_or_default()
    }

    /// The note of a row, if it has one.
    pub fn note_of(&self, row: &ClaimRow) -> Option<&NoteView> {
        row.note.and_then(|i| self.notes.get(i))
    }

    /// The selected row, if a claim is selected.
    pub fn selected_row(&self) -> Option<&ClaimRow> {
        match &self.selection {
            Some(Selection::Claim(i)) => self.rows.get(*i),
            _ => None,
        }
    }

    /// Index of the selected row.
    pub fn selected_index(&self) -> Option<usize> {
        match &self.selection {
            Some(Selection::Claim(i)) => Some(*i),
            _ => None,
        }
    }

    /// The store target of the selection: its note if it has one, else its span.
    pub fn selected_target(&self) -> Option<Target> {
        match &self.selection {
            Some(Selection::Claim(i)) => {
                let row = self.rows.get(*i)?;
                Some(match self.note_of(row) {
                    Some(note) => Target::Note(note.id.clone()),
                    None if row.attribution.is_none() => Target::ManualClaim {
                        start: row.start,
                        end: row.end,
                    },
                    None => Target::Claim {
                        start: row.start,
                        end: row.end,
                    },
                })
            }
            Some(Selection::Orphan(id)) => Some(Target::Note(id.clone())),
            None => None,
        }
    }

    /// The note of the selection, if it has one.
    pub fn selected_note(&self) -> Option<&NoteView> {
        match &self.selection {
            Some(Selection::Claim(i)) => self.rows.get(*i).and_then(|r| self.note_of(r)),
            Some(Selection::Orphan(id)) => self.notes.iter().find(|n| &n.id == id),
            None => None,
        }
    }

    /// The orphaned notes.
    pub fn orphans(&self) -> impl Iterator<Item = &NoteView> {
        self.notes
            .iter()
            .filter(|n| n.state == AnchorState::Orphaned)
    }

    /// The row indices passing the filter, in reading order (cached until the filter or the
    /// notes change).
    pub fn filtered(&mut self) -> &[usize] {
        let key = (self.filter.clone(), self.notes_generation);
        if self.filtered_key.as_ref() != Some(&key) {
            let needle = self.filter.search.trim().to_lowercase();
            self.filtered = self
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| self.passes(row, &needle))
                .map(|(i, _)| i)
                .collect();
            self.filtered_key = Some(key);
        }
        &self.filtered
    }

    fn passes(&self, row: &ClaimRow, needle: &str) -> bool {
        if let Some(verdict) = self.filter.verdict
            && self.verdict_of(row) != verdict
        {
            return false;
        }
        match self.filter.kind {
            Some(KindFilter::Manual) if row.attribution.is_some() => return false,
            Some(KindFilter::Extracted(kind)) if row.attribution != Some(kind) => return false,
            _ => {}
        }
        if let Some(id) = &self.filter.source_id
            && row.source_id.as_ref() != Some(id)
        {
            return false;
        }
        if needle.is_empty() {
            return true;
        }
        row.text.to_lowercase().contains(needle)
            || row.source_name.to_lowercase().contains(needle)
            || row
                .cue
                .as_ref()
                .is_some_and(|c| c.to_lowercase().contains(needle))
    }

    /// The innermost (shortest) row covering char `offset`, if any.
    pub fn row_at(&self, offset: usize) -> Option<usize> {
        let block = self.document.blocks.partition_point(|b| b.end <= offset);
        self.block_rows
            .get(block)?
            .iter()
            .copied()
            .filter(|i| {
                self.rows
                    .get(*i)
                    .is_some_and(|r| r.start <= offset && offset < r.end)
            })
            .min_by_key(|i| self.rows.get(*i).map_or(usize::MAX, |r| r.end - r.start))
    }

    /// The text of block `i`.
    pub fn block_text(&self, i: usize) -> &str {
        self.block_bytes
            .get(i)
            .and_then(|(start, end)| self.document.text.get(*start..*end))
            .unwrap_or_default()
    }

    /// The document text between char offsets `start` and `end`, found through the block that
    /// holds `start` (no walk from the start of a long text).
    pub fn text_of(&self, start: usize, end: usize) -> String {
        let i = self.block_of(start);
        let Some(block) = self.document.blocks.get(i) else {
            return String::new();
        };
        if start < block.start || end > block.end {
            return crosscheck_engine::text::slice_chars(&self.document.text, start, end)
                .to_owned();
        }
        self.block_text(i)
            .chars()
            .skip(start - block.start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// Index of the block holding char `offset` (the last block if past the end).
    pub fn block_of(&self, offset: usize) -> usize {
        self.document
            .blocks
            .partition_point(|b| b.end <= offset)
            .min(self.document.blocks.len().saturating_sub(1))
    }
}

/// The outlet or place named by a venue phrase ("an article for Politico" gives "Politico").
fn venue_name(venue: &str) -> String {
    let venue = venue.trim();
    for marker in [" for ", " in ", " on ", " to "] {
        if let Some(i) = venue.rfind(marker) {
            let name = venue[i + marker.len()..].trim();
            if !name.is_empty() {
                return name.to_owned();
            }
        }
    }
    venue.to_owned()
}
