//! The open article as the window holds it, in three parts:
//!
//! - the [`Article`]: the engine's model of the document, its extraction and its claims joined
//!   with the person's notes ([`crosscheck_engine::review`]). Widgets only read it; it changes
//!   when [`super::App::apply`] saves a note or compares the article against the library;
//! - the [`View`]: what the person is looking at (the selected claim, the list's filters, scroll
//!   and focus requests, the article's layout cache). Widgets keep its details (a scroll offset
//!   consumed, a filter typed), but the selection changes only through a
//!   [`super::Command`], so that a note being written is saved first;
//! - the [`Drafts`]: text being typed, each bound to the claim it was typed for.

use std::collections::HashMap;

use crosscheck_engine::document::Document;
use crosscheck_engine::extract::{Attribution, Extraction, Source};
use crosscheck_engine::review::{ReviewedClaim, review_notes};
use crosscheck_engine::store::{PlacedNote, Target, UndoHistory};
use crosscheck_engine::text::CharIndex;

use super::article_view::ArticleCache;
use super::library::{ClaimComparison, Comparison};
use super::notes::Verdict;
use super::revision_view::{ArticleRevision, RevisionState};
use super::sources_model::SourcesModel;

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
    /// Only claims of this source (by source entity id).
    pub source_id: Option<String>,
    /// Only claims whose text, source or cue contains this (case-insensitive).
    pub search: String,
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

/// The open article: document, extraction, and its claims joined with the notes.
pub struct Article {
    /// The article.
    pub document: Document,
    /// What the extractor found.
    pub extraction: Extraction,
    /// Claims and notes joined, in reading order; orphaned notes last.
    pub claims: Vec<ReviewedClaim>,
    /// Indices of [`Self::claims`] overlapping each block of the document.
    pub block_claims: Vec<Vec<usize>>,
    /// Bumped whenever the claims change.
    pub generation: u64,
    /// Time the article took to load and extract, in milliseconds.
    pub open_ms: f64,
    /// Unique to this article as loaded and extracted (not kept across restarts): what a
    /// comparison made in the background is matched to when it comes back.
    id: u64,
    /// The article compared against the library (`None`: no library).
    pub comparison: Option<Comparison>,
    /// Its sources as the library knows them: track records, the person's word on them.
    pub sources: SourcesModel,
    /// How the article changed since the person last reviewed it (or since the version
    /// before), once known.
    pub revision: Option<ArticleRevision>,
    /// Index into the comparison's claims by claim span (start, end).
    comparison_at: HashMap<(usize, usize), usize>,
    /// Source entities by id, index into `extraction.sources`.
    source_index: HashMap<String, usize>,
    /// Byte range of each block in the document text.
    block_bytes: Vec<(usize, usize)>,
}

/// The id the next [`Article`] gets.
static NEXT_ARTICLE_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Article {
    /// The article for a loaded document, its extraction and its placed notes.
    pub fn new(document: Document, extraction: Extraction, notes: &[PlacedNote]) -> Self {
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
        let mut article = Self {
            document,
            extraction,
            claims: Vec::new(),
            block_claims: Vec::new(),
            generation: 0,
            open_ms: 0.0,
            id: NEXT_ARTICLE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            comparison: None,
            sources: SourcesModel::default(),
            revision: None,
            comparison_at: HashMap::new(),
            source_index,
            block_bytes,
        };
        article.set_notes(notes);
        article
    }

    /// Joins the claims with `notes` again (after a save).
    pub fn set_notes(&mut self, notes: &[PlacedNote]) {
        self.claims = review_notes(&self.document, &self.extraction, notes);
        self.block_claims = vec![Vec::new(); self.document.blocks.len()];
        for (i, claim) in self.claims.iter().enumerate() {
            if claim.is_orphaned() {
                continue;
            }
            let first = self
                .document
                .blocks
                .partition_point(|b| b.end <= claim.start);
            for (b, block) in self.document.blocks.iter().enumerate().skip(first) {
                if block.start >= claim.end {
                    break;
                }
                if let Some(list) = self.block_claims.get_mut(b) {
                    list.push(i);
                }
            }
        }
        self.generation += 1;
    }

    /// The claim at index `i`.
    pub fn claim(&self, i: usize) -> Option<&ReviewedClaim> {
        self.claims.get(i)
    }

    /// Index of the claim with this id (an extracted claim's id, or a note's).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.claims.iter().position(|c| c.id == id)
    }

    /// The claims placed in the text (all but orphaned notes).
    pub fn placed_count(&self) -> usize {
        self.claims.iter().filter(|c| !c.is_orphaned()).count()
    }

    /// The orphaned notes with their indices.
    pub fn orphans(&self) -> impl Iterator<Item = (usize, &ReviewedClaim)> {
        self.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_orphaned())
    }

    /// The source entity with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index
            .get(id)
            .and_then(|i| self.extraction.sources.get(*i))
    }

    /// Unique to this article as loaded and extracted, within this run of the window.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Keeps the comparison of the article against the library, giving back the one it
    /// replaces (to be dropped off the window's thread when large).
    pub fn set_comparison(&mut self, comparison: Option<Comparison>) -> Option<Comparison> {
        self.comparison_at = comparison
            .iter()
            .flat_map(|c| c.claims.iter().enumerate())
            .map(|(i, c)| ((c.claim.start, c.claim.end), i))
            .collect();
        std::mem::replace(&mut self.comparison, comparison)
    }

    /// The comparison of a claim, if the library was compared.
    pub fn comparison_of(&self, claim: &ReviewedClaim) -> Option<&ClaimComparison> {
        let i = self.comparison_at.get(&(claim.start, claim.end))?;
        self.comparison.as_ref()?.claims.get(*i)
    }

    /// The innermost (shortest) placed claim covering char `offset`, if any.
    pub fn claim_at(&self, offset: usize) -> Option<usize> {
        let block = self.document.blocks.partition_point(|b| b.end <= offset);
        self.block_claims
            .get(block)?
            .iter()
            .copied()
            .filter(|i| {
                self.claims
                    .get(*i)
                    .is_some_and(|c| c.start <= offset && offset < c.end)
            })
            .min_by_key(|i| self.claims.get(*i).map_or(usize::MAX, |c| c.end - c.start))
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

    /// Whether `claim` passes `filter`; `needle` is the filter's search text, lower-cased.
    fn passes(&self, claim: &ReviewedClaim, filter: &Filter, needle: &str) -> bool {
        if claim.is_orphaned() {
            return false;
        }
        if let Some(verdict) = filter.verdict
            && claim.verdict() != verdict
        {
            return false;
        }
        match filter.kind {
            Some(KindFilter::Manual) if !claim.is_manual() => return false,
            Some(KindFilter::Extracted(kind)) if claim.attribution != Some(kind) => return false,
            _ => {}
        }
        if let Some(id) = &filter.source_id
            && source_id(claim) != Some(id.as_str())
        {
            return false;
        }
        if needle.is_empty() {
            return true;
        }
        claim.text.to_lowercase().contains(needle)
            || claim
                .source_name()
                .is_some_and(|s| s.to_lowercase().contains(needle))
            || claim
                .cue
                .as_ref()
                .is_some_and(|c| c.to_lowercase().contains(needle))
    }
}

/// The id of a claim's source entity, if the extractor named one.
pub fn source_id(claim: &ReviewedClaim) -> Option<&str> {
    claim.source.as_ref().and_then(|s| s.entity_id.as_deref())
}

/// What the person is looking at in the open article.
pub struct View {
    /// The selected claim, by index into [`Article::claims`].
    pub selection: Option<usize>,
    /// The list's filters.
    pub filter: Filter,
    /// Claims passing the filter, cached.
    filtered: Vec<usize>,
    /// The filter `filtered` was computed for, and the article's generation.
    filtered_key: Option<(Filter, u64)>,
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
    /// The revision view, while it replaces the article.
    pub revision: Option<RevisionState>,
    /// Galleys and heights of the article's blocks.
    pub cache: ArticleCache,
}

impl View {
    /// The view of a newly opened `document`: nothing selected, no filter.
    pub fn new(document: &Document) -> Self {
        Self {
            selection: None,
            filter: Filter::default(),
            filtered: Vec::new(),
            filtered_key: None,
            text_selection: None,
            is_dragging_text: false,
            scroll_to_selection: false,
            scroll_list_to_selection: false,
            focus_note: false,
            focus_search: false,
            revision: None,
            cache: ArticleCache::new(document),
        }
    }

    /// The claims passing the filter, in reading order (cached until the filter or the claims
    /// change). Orphaned notes are listed apart and never pass.
    pub fn filtered(&mut self, article: &Article) -> &[usize] {
        let key = (self.filter.clone(), article.generation);
        if self.filtered_key.as_ref() != Some(&key) {
            let needle = self.filter.search.trim().to_lowercase();
            self.filtered = article
                .claims
                .iter()
                .enumerate()
                .filter(|(_, claim)| article.passes(claim, &self.filter, &needle))
                .map(|(i, _)| i)
                .collect();
            self.filtered_key = Some(key);
        }
        &self.filtered
    }
}

/// Text being typed in the claim detail and the article's toolbar, held between frames.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drafts {
    /// The note being written.
    pub note: String,
    /// The claim (by [`ReviewedClaim::id`]) the note draft was written for.
    pub note_for: Option<String>,
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
    /// The note on a source being written in the Sources tab.
    pub source_note: String,
    /// The source entity id the source note is for.
    pub source_note_for: Option<String>,
    /// The name typed to merge a source into.
    pub merge_into: String,
}

/// The open article, what the person is looking at and what they are typing.
pub struct Session {
    /// The engine's model of the article (read-only to widgets).
    pub article: Article,
    /// Selection, filters, scroll and layout.
    pub view: View,
    /// Text being typed.
    pub drafts: Drafts,
    /// The changes saved on this article in this window, to undo and redo.
    pub history: UndoHistory,
}

impl Session {
    /// The session of a newly opened article.
    pub fn new(document: Document, extraction: Extraction, notes: &[PlacedNote]) -> Self {
        let view = View::new(&document);
        Self {
            article: Article::new(document, extraction, notes),
            view,
            drafts: Drafts::default(),
            history: UndoHistory::default(),
        }
    }

    /// The selected claim, if any.
    pub fn selected(&self) -> Option<&ReviewedClaim> {
        self.view.selection.and_then(|i| self.article.claim(i))
    }

    /// The note of the selected claim, if it has one.
    pub fn selected_note(&self) -> Option<&crosscheck_engine::store::Note> {
        self.selected()?.note.as_ref().map(|placed| &placed.note)
    }

    /// Joins the claims with `notes` again (after a save), keeping the selected claim
    /// selected and the layout of every block fresh.
    pub fn set_notes(&mut self, notes: &[PlacedNote]) {
        let selected_id = self.selected().map(|c| c.id.clone());
        self.article.set_notes(notes);
        self.view.selection = selected_id.and_then(|id| self.article.index_of(&id));
        self.view.cache.invalidate_all();
    }

    /// Takes a new extraction of the same document (after the person corrected its sources),
    /// keeping the selected claim selected, the comparison and the sources model.
    pub fn set_extraction(&mut self, extraction: Extraction, notes: &[PlacedNote]) {
        let selected_id = self.selected().map(|c| c.id.clone());
        let mut article = Article::new(self.article.document.clone(), extraction, notes);
        article.open_ms = self.article.open_ms;
        article.sources = std::mem::take(&mut self.article.sources);
        article.set_comparison(self.article.comparison.take());
        self.article = article;
        self.view.selection = selected_id.and_then(|id| self.article.index_of(&id));
        // Source ids follow the names, which a correction may have changed.
        self.view.filter.source_id = None;
        self.view.cache.invalidate_all();
    }

    /// What a change to the claim with id `id` is addressed to in the store.
    pub fn target_of(&self, id: &str) -> Option<Target> {
        let claim = self.article.claim(self.article.index_of(id)?)?;
        Some(claim.target())
    }
}
