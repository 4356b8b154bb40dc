//! The window's door to the notes store ([`crosscheck_engine::store`]): the only module of `app` that
//! touches it. It turns the store's records into the small views the panels show, and its
//! errors into messages.

use std::path::{Path, PathBuf};

use crosscheck_engine::document::Document;
use crosscheck_engine::library::{LibraryIndex, SearchHit, SearchQuery};
use crosscheck_engine::store::{PlacedNote, Revision, Store, UndoHistory, UndoStep};

/// An evidence link: URL and a short label.
pub use crosscheck_engine::store::Evidence as EvidenceLink;
pub use crosscheck_engine::store::{AnchorState, Edit, Target, Verdict};

/// A known article, for the start screen's recent list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentArticle {
    /// Where the article file is.
    pub path: PathBuf,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Number of notes on it.
    pub notes: usize,
}

/// An article's notes as opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The notes, placed ones in text order, then orphaned ones.
    pub notes: Vec<PlacedNote>,
    /// Whether changes are refused (the notes come from a newer version).
    pub is_read_only: bool,
    /// Things the person should be told about.
    pub notices: Vec<String>,
    /// How the article changed since the person last reviewed it, if it did.
    pub revision: Option<Revision>,
}

/// The notes of the open article after a change, and the note changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// All notes of the article, placed ones in text order, then orphaned ones.
    pub notes: Vec<PlacedNote>,
    /// The id of the note changed.
    pub note_id: String,
    /// What the change did, to undo it (`None` when it changed nothing).
    pub step: Option<UndoStep>,
}

/// What a change is called in the Edit menu ("Undo verdict"), from what it does.
pub fn change_label(target: &Target, edits: &[Edit]) -> &'static str {
    if let Target::ManualClaim { .. } = target {
        return "claim marked by hand";
    }
    match edits.first() {
        Some(Edit::Verdict(_)) => "verdict",
        Some(Edit::AdoptVerdict { .. }) => "applied verdict",
        Some(Edit::Note(_)) => "note",
        Some(Edit::AddEvidence(_) | Edit::RemoveEvidence(_)) => "evidence",
        Some(Edit::Tags(_) | Edit::AddTag(_) | Edit::RemoveTag(_)) => "tag",
        Some(Edit::Source(_)) => "source",
        Some(Edit::Confirm) => "confirmation",
        None => "change",
    }
}

/// The notes store as the window uses it.
#[derive(Debug)]
pub struct NotesStore {
    store: Store,
    location: String,
}

impl NotesStore {
    /// Opens the store in `dir`, else `CROSSCHECK_DATA_DIR`, else the platform's data folder.
    pub fn open(dir: Option<PathBuf>) -> Result<Self, String> {
        let dir = Store::resolve_dir(dir.as_deref()).map_err(|e| e.to_string())?;
        let store = Store::open(dir).map_err(|e| e.to_string())?;
        let location = store.dir().display().to_string();
        Ok(Self { store, location })
    }

    /// The engine's store, for what the window keeps beside the notes (the person's word on
    /// sources and their corrections).
    pub fn engine(&self) -> &Store {
        &self.store
    }

    /// Where notes are saved.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The store's folder (the library is kept beside it).
    pub fn dir(&self) -> &Path {
        self.store.dir()
    }

    /// Paths of every article opened, for bringing the library up to date.
    pub fn opened_articles(&self) -> Result<Vec<String>, String> {
        crosscheck_engine::library::opened_articles(&self.store).map_err(|e| e.to_string())
    }

    /// The claims of `library` matching `query`, with their verdicts, at most `limit`.
    pub fn search(
        &self,
        library: &LibraryIndex,
        query: &SearchQuery,
        limit: usize,
    ) -> Vec<SearchHit> {
        crosscheck_engine::library::search(library, query, Some(&self.store), limit)
    }

    /// Reads the notes of `document`, recording that it was opened.
    pub fn open_article(&mut self, document: &Document) -> Result<Opened, String> {
        let notes = self
            .store
            .open_article(document)
            .map_err(|e| e.to_string())?;
        let is_read_only = notes.is_read_only();
        let notices = notes.notices.iter().map(ToString::to_string).collect();
        Ok(Opened {
            notes: notes.notes,
            is_read_only,
            notices,
            revision: notes.revision,
        })
    }

    /// Applies `edits` to the note `target` names (making it if needed) and saves at once.
    pub fn update(
        &mut self,
        document: &Document,
        target: &Target,
        edits: &[Edit],
    ) -> Result<Saved, String> {
        let saved = self
            .store
            .update(document, target, edits)
            .map_err(|e| e.to_string())?;
        let step = UndoStep::of_saved(change_label(target, edits), &saved);
        Ok(Saved {
            notes: saved.notes.notes,
            note_id: saved.note_id,
            step,
        })
    }

    /// Undoes (or, with `is_redo`, redoes) the last change of `history`, as a new saved
    /// change. `Ok(None)` when there was nothing to undo.
    pub fn undo(
        &mut self,
        document: &Document,
        history: &mut UndoHistory,
        is_redo: bool,
    ) -> Result<Option<Vec<PlacedNote>>, String> {
        let notes = if is_redo {
            history.redo(&self.store, document)
        } else {
            history.undo(&self.store, document)
        };
        notes
            .map(|notes| notes.map(|n| n.notes))
            .map_err(|e| e.to_string())
    }

    /// Records that the person reviewed the current version of `document`.
    pub fn mark_reviewed(&mut self, document: &Document) -> Result<Vec<PlacedNote>, String> {
        self.store
            .mark_reviewed(document)
            .map(|n| n.notes)
            .map_err(|e| e.to_string())
    }

    /// How `document` changed since the version last reviewed (or the one before it).
    pub fn revision(&self, document: &Document) -> Result<Option<Revision>, String> {
        let notes = self.store.load(document).map_err(|e| e.to_string())?;
        self.store
            .revision(document, &notes)
            .map_err(|e| e.to_string())
    }

    /// The notes of `document` as stored on disk, read without recording anything.
    pub fn peek(&self, document: &Document) -> Result<Vec<PlacedNote>, String> {
        let notes = self.store.load(document).map_err(|e| e.to_string())?;
        Ok(notes.notes)
    }

    /// The article's notes as stored, written in `format`, with what the person should be told
    /// about the export (verdicts that need review, what keeps a ClaimReview from being
    /// published).
    pub fn export(
        &self,
        document: &Document,
        extraction: &crosscheck_engine::extract::Extraction,
        format: crosscheck_engine::export::ExportFormat,
        publishing: &crosscheck_engine::export::Publishing,
    ) -> Result<(String, Vec<String>), String> {
        let notes = self.store.load(document).map_err(|e| e.to_string())?;
        let book = self.store.source_book().map_err(|e| e.to_string())?;
        let input = crosscheck_engine::export::ExportInput {
            document,
            extraction,
            notes: &notes,
            publishing,
            source_statuses: &book.statuses,
        };
        Ok((
            crosscheck_engine::export::export(format, &input),
            crosscheck_engine::export::export_notices(format, &input),
        ))
    }

    /// The known articles, most recently opened first, and what the person should be told
    /// about reading them (a notes file found damaged and rebuilt, say).
    pub fn recent(&self) -> Result<(Vec<RecentArticle>, Vec<String>), String> {
        let mut library = self.store.library().map_err(|e| e.to_string())?;
        let notices = library.notices.iter().map(ToString::to_string).collect();
        library
            .entries
            .sort_by(|a, b| b.last_opened.cmp(&a.last_opened).then(a.path.cmp(&b.path)));
        let recent = library
            .entries
            .into_iter()
            .filter(|e| !e.path.starts_with("sha256:"))
            .map(|e| RecentArticle {
                path: PathBuf::from(e.path),
                title: e.title,
                notes: e.notes,
            })
            .collect();
        Ok((recent, notices))
    }
}
