//! The local notes store: the person's verdicts and notes on claims, kept in a folder of JSON
//! files on this machine, written at once and never lost, and re-attached to an article's text
//! after it changes.
//!
//! Layout of a store folder:
//! - `articles/NAME.json`: one [`ArticleFile`] per article (`NAME` = a slug of the file name
//!   plus a hash of its path), with `NAME.backup.json` beside it holding the previous version
//!   and `NAME.corrupt-TIMESTAMP.json` for any file that could not be read;
//! - `index.json`: the library index, a cache of the article files brought up to date from
//!   their sizes and modification times whenever it is read (see [`Store::library`]);
//! - `.lock`: the lock file every writer holds while it reloads, changes and writes.
//!
//! Every mutation takes the store-wide lock, reloads the article's file from disk, applies the
//! change to what it read (so changes from other processes are merged, never clobbered), writes
//! the file atomically. Reads take no lock.
//!
//! How a window uses it:
//!
//! ```no_run
//! use crosscheck_engine::store::{Edit, Store, Target, Verdict};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let store = Store::open(Store::resolve_dir(None)?)?;
//! let document = crosscheck_engine::load(std::path::Path::new("article.txt"))?;
//! // Once per visit: places every note against the current text and records the visit.
//! let notes = store.open_article(&document)?;
//! for notice in &notes.notices {
//!     eprintln!("{notice}"); // show these to the person
//! }
//! for placed in &notes.notes {
//!     println!("{} {} {}..{}", placed.note.verdict, placed.state, placed.start, placed.end);
//! }
//! // Each change is written at once and returns the notes as now on disk.
//! let claim = crosscheck_engine::extract(&document).claims.into_iter().next().ok_or("no claim")?;
//! let saved = store.update(
//!     &document,
//!     &Target::Claim { start: claim.start, end: claim.end },
//!     &[Edit::Verdict(Verdict::Disputed), Edit::AddTag("budget".into())],
//! )?;
//! println!("saved note {}", saved.note_id);
//! # Ok(())
//! # }
//! ```

mod address;
mod anchor;
pub(crate) mod file;
mod index;
mod journal;
mod model;
mod recovery;
mod report;
mod revision;
mod revisions_report;
mod rewording;
mod source_book;
mod undo;
mod versions;
mod versions_log;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

pub use address::article_address;
pub use anchor::{AnchorState, AnchorText, MIN_FUZZY_SCORE, MIN_QUOTE_SIMILARITY, Placement};
pub use index::{FileStamp, LibraryEntry};
pub use journal::JournalMark;
pub use model::{
    Anchor, ArticleFile, ArticleRecord, CONTEXT_CHARS, Evidence, Note, Origin, SCHEMA_VERSION,
    UndoKind, Verdict, VerdictChange, VerdictCounts, format_time, migrate,
};
pub use report::{NotesReport, ReportAnchor, ReportArticle, ReportNote};
pub use revision::{AffectedNote, DiffRun, Passage, Revision, TextChanges, diff_texts};
pub use revisions_report::{ReportAffected, ReportChanges, ReportPassage, RevisionsReport};
pub use rewording::{NeedsReview, Rewording, needs_review, same_words};
pub(crate) use source_book::read_source_book;
pub use source_book::{SOURCES_FILE, SOURCES_SCHEMA_VERSION, SourceBook};
pub use undo::{NoteChange, UndoHistory, UndoStep};
pub use versions::{VersionStoreSize, text_sha256};
pub use versions_log::VersionRecord;

use crate::document::Document;
use file::{Read, StoreLock};
use index::{IndexEntry, IndexFile};
use recovery::plural;

/// What [`Store::import_notes`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Notes that were new.
    pub added: usize,
    /// Notes replaced by a later-modified incoming copy.
    pub updated: usize,
    /// Incoming notes identical to the stored ones.
    pub unchanged: usize,
    /// Incoming notes older than the stored ones, which were kept.
    pub kept_newer: usize,
}

/// Environment variable naming the store folder when no `--data-dir` is given.
pub const DATA_DIR_ENV: &str = "CROSSCHECK_DATA_DIR";

/// Why a store operation failed. Each message ends with the path concerned, if any.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file operation failed.
    #[error("cannot {action} ({error}): {}", path.display())]
    Io {
        /// What was being done ("write", "read", ...).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// The notes were written by a newer version and are read-only here.
    #[error(
        "these notes were written by a newer version of Crosscheck (format {found}; this one \
         reads up to {SCHEMA_VERSION}), so they are read-only here: {}",
        path.display()
    )]
    ReadOnly {
        /// The file's schema version.
        found: u32,
        /// The notes file.
        path: PathBuf,
    },
    /// Another process held the store lock for too long.
    #[error("another Crosscheck is busy writing to the notes store; try again: {}", path.display())]
    Busy {
        /// The lock file.
        path: PathBuf,
    },
    /// A claim span is empty or outside the text.
    #[error("the span {start}..{end} is not a non-empty part of the article's {len_chars} chars")]
    BadSpan {
        /// Requested start (char offset).
        start: usize,
        /// Requested end (char offset, exclusive).
        end: usize,
        /// Length of the article text in chars.
        len_chars: usize,
    },
    /// No note has the given id.
    #[error("no note {id:?} in the notes of this article")]
    NoteNotFound {
        /// The id asked for.
        id: String,
    },
    /// An evidence link without a URL.
    #[error("an evidence link needs a URL")]
    EmptyEvidenceUrl,
    /// No platform data folder could be found.
    #[error("no data folder found for this platform; pass --data-dir DIR or set {DATA_DIR_ENV}")]
    NoDataDir,
    /// The notes could not be encoded (a bug).
    #[error("cannot encode the notes: {0}")]
    Encode(serde_json::Error),
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path, error: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            error,
        }
    }
}

/// Something the person should be told about that did not stop the operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A file could not be read and was moved aside.
    MovedAside {
        /// Where the file was.
        path: PathBuf,
        /// Where it is now.
        moved_to: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// A file comes from a newer version: shown read-only, never rewritten.
    NewerVersion {
        /// Its schema version.
        found: u32,
        /// The file.
        path: PathBuf,
    },
    /// An article file could not be read (for example, no permission) and was left out of the
    /// library listing.
    Unreadable {
        /// The error, naming the file.
        message: String,
    },
    /// The article was not known at its path, but notes for the same text were found under an
    /// old path that no longer exists (the file was moved, or the store came from another
    /// machine); they are used and take the new path on the next save.
    Adopted {
        /// The path the notes were made under.
        old_path: String,
    },
    /// A web page saved again from the same address as an article the store knows: it is a
    /// new version of that article, and its notes are used.
    SameAddress {
        /// The page's address.
        url: String,
        /// The path of the copy the notes were made on.
        old_path: String,
    },
    /// A notes file that was missing or could not be read was rebuilt from its last good copy
    /// and the journal.
    Rebuilt(recovery::Rebuilt),
    /// The notes file lacked changes its journal holds (a save cut short, or the file put
    /// back from an older copy); they were applied.
    RolledForward {
        /// The notes file.
        path: PathBuf,
        /// The journal the changes came from.
        journal: PathBuf,
        /// Number of changes applied.
        changes: usize,
    },
    /// The file of corrections of sources and the person's word on them could not be read;
    /// its backup is used in its place.
    SourcesFromBackup {
        /// The sources file.
        path: PathBuf,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MovedAside {
                path,
                moved_to,
                reason,
            } => write!(
                f,
                "a notes file could not be read ({reason}) and was moved aside to {}: {}",
                moved_to.display(),
                path.display()
            ),
            Self::NewerVersion { found, path } => write!(
                f,
                "these notes were written by a newer version of Crosscheck (format {found}; this \
                 one reads up to {SCHEMA_VERSION}); they are shown read-only: {}",
                path.display()
            ),
            Self::Unreadable { message } => write!(f, "left out of the library: {message}"),
            Self::Adopted { old_path } => {
                write!(f, "using the notes made for the same text at {old_path}")
            }
            Self::SameAddress { url, old_path } => write!(
                f,
                "this page was saved from the same address ({url}) as {old_path}: it is a new \
                 version of that article, and its notes are used"
            ),
            Self::Rebuilt(rebuilt) => rebuilt.fmt(f),
            Self::RolledForward {
                path,
                journal,
                changes,
            } => write!(
                f,
                "{} the notes file did not hold yet {} recovered from the journal ({}): {}",
                plural(*changes, "change", "changes"),
                if *changes == 1 { "was" } else { "were" },
                journal.display(),
                path.display()
            ),
            Self::SourcesFromBackup { path } => write!(
                f,
                "the corrections of sources and your word on them were restored from their \
                 backup; the last change may be missing: {}",
                path.display()
            ),
        }
    }
}

/// Which claim a change is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The claim at this char span of the current text (an extracted claim): its note if one
    /// sits exactly there, else a new note.
    Claim {
        /// Char offset of the first char.
        start: usize,
        /// Char offset just past the last char.
        end: usize,
    },
    /// Like [`Target::Claim`], for a claim the person marks by hand.
    ManualClaim {
        /// Char offset of the first char.
        start: usize,
        /// Char offset just past the last char.
        end: usize,
    },
    /// An existing note, by id (also reaches orphaned notes).
    Note(String),
}

/// One change to a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Sets the verdict (recorded in the history when it changes).
    Verdict(Verdict),
    /// Sets the verdict to one made on a matching claim elsewhere; the history records where
    /// it came from.
    AdoptVerdict {
        /// The verdict taken over.
        verdict: Verdict,
        /// Where it was made: "disputed in Valley Courier (/path/courier.txt)".
        from: String,
    },
    /// Replaces the note text.
    Note(String),
    /// Adds an evidence link, or updates the label of the link with the same URL.
    AddEvidence(Evidence),
    /// Removes the evidence link with this URL.
    RemoveEvidence(String),
    /// Replaces the tags.
    Tags(Vec<String>),
    /// Adds a tag.
    AddTag(String),
    /// Removes a tag.
    RemoveTag(String),
    /// Names the source of a claim marked by hand (an empty name clears it).
    Source(String),
    /// Confirms the verdict on the words now in the note's place, after they changed (a note
    /// that needs review); for a note whose words are gone, keeps it as it is. Setting a
    /// verdict confirms too.
    Confirm,
}

impl Edit {
    /// Whether the edit is the person judging the claim as it now reads, which settles a note
    /// that needs review.
    fn is_review(&self) -> bool {
        matches!(
            self,
            Self::Verdict(_) | Self::AdoptVerdict { .. } | Self::Confirm
        )
    }
}

/// A note with where it sits in the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNote {
    /// The note as stored.
    pub note: Note,
    /// How its anchor was found.
    pub state: AnchorState,
    /// Char offset of the first char in the current text (the stored one if orphaned).
    pub start: usize,
    /// Char offset just past the last char (the stored one if orphaned).
    pub end: usize,
    /// Set when the words the note was anchored on changed or are gone: the note keeps its
    /// verdict but needs review, until confirmed or changed.
    pub review: Option<NeedsReview>,
}

impl PlacedNote {
    /// The anchor as of the current text: stored quote and context, current offsets.
    pub fn current_anchor(&self) -> Anchor {
        Anchor {
            start: self.start,
            end: self.end,
            ..self.note.anchor.clone()
        }
    }
}

/// An article's notes, placed against its current text.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleNotes {
    /// The notes file (it may not exist yet).
    pub file: PathBuf,
    /// Whether the store has a file for this article.
    pub is_known: bool,
    /// The article as recorded (for an unknown article: as it is now).
    pub article: ArticleRecord,
    /// The notes: placed ones in text order, then orphaned ones.
    pub notes: Vec<PlacedNote>,
    /// Set when the file comes from a newer version: its schema version. Changes are refused.
    pub newer_version: Option<u32>,
    /// Things the person should be told about.
    pub notices: Vec<Notice>,
    /// How the article changed since the person last reviewed it; set by
    /// [`Store::open_article`] when the text differs from the last reviewed version.
    pub revision: Option<Revision>,
}

impl ArticleNotes {
    /// Whether changes are refused (the file comes from a newer version).
    pub fn is_read_only(&self) -> bool {
        self.newer_version.is_some()
    }

    /// The note with id `id`.
    pub fn note(&self, id: &str) -> Option<&PlacedNote> {
        self.notes.iter().find(|n| n.note.id == id)
    }

    /// The placed (not orphaned) note at exactly this span.
    pub fn note_at(&self, start: usize, end: usize) -> Option<&PlacedNote> {
        self.notes
            .iter()
            .find(|n| n.state != AnchorState::Orphaned && n.start == start && n.end == end)
    }

    /// The orphaned notes.
    pub fn orphaned(&self) -> impl Iterator<Item = &PlacedNote> {
        self.notes
            .iter()
            .filter(|n| n.state == AnchorState::Orphaned)
    }

    /// Number of notes per verdict.
    pub fn counts(&self) -> VerdictCounts {
        VerdictCounts::of_verdicts(self.notes.iter().map(|n| n.note.verdict))
    }

    /// The notes that need review, in text order.
    pub fn needing_review(&self) -> impl Iterator<Item = &PlacedNote> {
        self.notes.iter().filter(|n| n.review.is_some())
    }
}

/// The result of a change: the article's notes as written, and the note changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The article's notes after the change (including other processes' changes).
    pub notes: ArticleNotes,
    /// Id of the note changed or made.
    pub note_id: String,
    /// Whether the note was made by this change.
    pub is_new: bool,
    /// The note as it was before the change (`None` when the change made it).
    pub before: Option<Note>,
}

impl Saved {
    /// The note changed or made.
    pub fn note(&self) -> Option<&PlacedNote> {
        self.notes.note(&self.note_id)
    }
}

/// The known articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    /// One entry per article, sorted by path.
    pub entries: Vec<LibraryEntry>,
    /// Things the person should be told about.
    pub notices: Vec<Notice>,
}

impl Library {
    /// Notes per verdict over all articles.
    pub fn totals(&self) -> VerdictCounts {
        let mut totals = VerdictCounts::default();
        for entry in &self.entries {
            totals.unverified += entry.verdicts.unverified;
            totals.verified += entry.verdicts.verified;
            totals.disputed += entry.verdicts.disputed;
            totals.false_ += entry.verdicts.false_;
            totals.misleading += entry.verdicts.misleading;
            totals.inconclusive += entry.verdicts.inconclusive;
        }
        totals
    }
}

/// A notes store in one folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// The store lock, taken on first need and held until dropped.
struct Guard<'a> {
    dir: &'a Path,
    lock: Option<StoreLock>,
}

impl<'a> Guard<'a> {
    fn new(dir: &'a Path) -> Self {
        Self { dir, lock: None }
    }

    fn is_held(&self) -> bool {
        self.lock.is_some()
    }

    fn hold(&mut self) -> Result<(), StoreError> {
        if self.lock.is_none() {
            self.lock = Some(StoreLock::acquire(self.dir)?);
        }
        Ok(())
    }
}

/// What an article file held, after recovery.
enum Loaded {
    Missing,
    /// The file, and the mark of its journal when the journal matches it (changes may be
    /// appended to it).
    Current(ArticleFile, Option<JournalMark>),
    Newer {
        version: u32,
        value: Option<ArticleFile>,
    },
}

/// Where an article's notes live.
struct Located {
    path: PathBuf,
    key: String,
}

impl Store {
    /// The store folder to use: `explicit` if given, else the `CROSSCHECK_DATA_DIR` variable,
    /// else the platform's data folder for the app (`~/.local/share/crosscheck` on Linux).
    pub fn resolve_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
        if let Some(dir) = explicit {
            return Ok(dir.to_owned());
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "crosscheck")
            .map(|dirs| dirs.data_dir().to_owned())
            .ok_or(StoreError::NoDataDir)
    }

    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        let articles = dir.join("articles");
        std::fs::create_dir_all(&articles)
            .map_err(|e| StoreError::io("create the notes folder", &articles, e))?;
        Ok(Self { dir })
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn articles_dir(&self) -> PathBuf {
        self.dir.join("articles")
    }

    fn index_path(&self) -> PathBuf {
        self.dir.join("index.json")
    }

    /// Reads the notes of `document` and places them against its current text. Writes nothing,
    /// except to move an unreadable file aside (reported in [`ArticleNotes::notices`]).
    pub fn load(&self, document: &Document) -> Result<ArticleNotes, StoreError> {
        let mut guard = Guard::new(&self.dir);
        let mut notices = Vec::new();
        let located = self.locate(document, &mut guard, &mut notices)?;
        let fallback = new_file(&located.key, document, now_millis());
        let loaded = self.read_article(
            &located.path,
            &mut guard,
            &mut notices,
            Some(fallback.clone()),
        )?;
        drop(guard);
        let text = AnchorText::new(&document.text);
        let (file, is_known, newer_version) = match loaded {
            Loaded::Missing => (fallback, false, None),
            Loaded::Current(file, _) => (file, true, None),
            Loaded::Newer { version, value } => (
                value.unwrap_or_else(|| new_file(&located.key, document, now_millis())),
                true,
                Some(version),
            ),
        };
        Ok(view(
            located.path,
            is_known,
            file,
            &text,
            newer_version,
            notices,
        ))
    }

    /// Like [`Store::load`], and records that the article was opened (a write, unless the file
    /// is read-only) and the version seen. When its text differs from the version the person
    /// last reviewed, [`ArticleNotes::revision`] tells how; an unchanged article costs nothing
    /// more than the visit.
    pub fn open_article(&self, document: &Document) -> Result<ArticleNotes, StoreError> {
        let mut notes = match self.modify(document, true, |_| Ok(())) {
            Ok((notes, ())) => notes,
            Err(StoreError::ReadOnly { .. }) => return self.load(document),
            Err(err) => return Err(err),
        };
        let current = notes
            .article
            .versions
            .last()
            .and_then(|v| v.text_sha256.clone());
        let changed = current.is_some_and(|current| {
            versions_log::baseline(&notes.article.versions, &current)
                .is_some_and(|(_, since_review)| since_review)
        });
        if changed {
            notes.revision = self.revision(document, &notes)?;
        }
        Ok(notes)
    }

    /// How `document` changed since the version the person last reviewed (or, when they have
    /// reviewed the current text, since the version before it), with the notes of `notes`
    /// (as loaded for `document`) the changes touch. `None` when the store has seen no other
    /// version of the article.
    pub fn revision(
        &self,
        document: &Document,
        notes: &ArticleNotes,
    ) -> Result<Option<Revision>, StoreError> {
        let versions = &notes.article.versions;
        let current = versions
            .last()
            .filter(|v| v.file_sha256 == document.sha256)
            .and_then(|v| v.text_sha256.clone())
            .unwrap_or_else(|| text_sha256(&document.text));
        let Some((since, since_review)) = versions_log::baseline(versions, &current) else {
            return Ok(None);
        };
        let earlier_text = match &since.text_sha256 {
            Some(hash) if since.stored => versions::VersionStore::new(&self.dir).get(hash)?,
            _ => None,
        };
        Ok(Some(Revision::new(
            since.clone(),
            since_review,
            earlier_text,
            &document.text,
            notes,
        )))
    }

    /// The text of a version the store keeps, by its hash ([`VersionRecord::text_sha256`]).
    pub fn version_text(&self, text_sha256: &str) -> Result<Option<String>, StoreError> {
        versions::VersionStore::new(&self.dir).get(text_sha256)
    }

    /// How many texts the version store keeps and what they take on disk.
    pub fn version_store_size(&self) -> Result<VersionStoreSize, StoreError> {
        versions::VersionStore::new(&self.dir).size()
    }

    /// Records that the person reviewed the current version of `document` (without changing
    /// a note): later versions are compared with this one.
    pub fn mark_reviewed(&self, document: &Document) -> Result<ArticleNotes, StoreError> {
        self.modify(document, false, |_| Ok(()))
            .map(|(notes, ())| notes)
    }

    /// Applies `edits` to the note `target` names (making it if needed) and writes at once.
    pub fn update(
        &self,
        document: &Document,
        target: &Target,
        edits: &[Edit],
    ) -> Result<Saved, StoreError> {
        let (notes, (note_id, is_new, before)) = self.modify(document, false, |draft| {
            let (i, is_new) = draft.target(target)?;
            let before = (!is_new)
                .then(|| draft.file.notes.get(i).cloned())
                .flatten();
            draft.apply(i, edits)?;
            Ok((draft.id_of(i), is_new, before))
        })?;
        Ok(Saved {
            notes,
            note_id,
            is_new,
            before,
        })
    }

    /// Sets the verdict of a claim.
    pub fn set_verdict(
        &self,
        document: &Document,
        target: &Target,
        verdict: Verdict,
    ) -> Result<Saved, StoreError> {
        self.update(document, target, &[Edit::Verdict(verdict)])
    }

    /// Replaces the note text of a claim.
    pub fn set_note(
        &self,
        document: &Document,
        target: &Target,
        note: &str,
    ) -> Result<Saved, StoreError> {
        self.update(document, target, &[Edit::Note(note.to_owned())])
    }

    /// Adds an evidence link to a claim.
    pub fn add_evidence(
        &self,
        document: &Document,
        target: &Target,
        evidence: Evidence,
    ) -> Result<Saved, StoreError> {
        self.update(document, target, &[Edit::AddEvidence(evidence)])
    }

    /// Replaces the tags of a claim.
    pub fn set_tags(
        &self,
        document: &Document,
        target: &Target,
        tags: Vec<String>,
    ) -> Result<Saved, StoreError> {
        self.update(document, target, &[Edit::Tags(tags)])
    }

    /// Adds a claim the person marked by hand at the char span `start..end`.
    pub fn add_claim(
        &self,
        document: &Document,
        start: usize,
        end: usize,
    ) -> Result<Saved, StoreError> {
        self.update(document, &Target::ManualClaim { start, end }, &[])
    }

    /// Pins the note `note_id` (typically an orphaned one) to the char span `start..end`.
    pub fn reattach(
        &self,
        document: &Document,
        note_id: &str,
        start: usize,
        end: usize,
    ) -> Result<Saved, StoreError> {
        let (notes, before) = self.modify(document, false, |draft| {
            let i = draft.index_of(note_id)?;
            let anchor = draft.anchor(start, end)?;
            let now = draft.now;
            let before = draft.file.notes.get(i).cloned();
            if let Some(note) = draft.file.notes.get_mut(i) {
                // Pinning a note to other words is confirming it on them.
                if !same_words(&note.anchor.exact, &anchor.exact) {
                    note.rewordings.push(Rewording {
                        from: note.anchor.exact.clone(),
                        to: Some(anchor.exact.clone()),
                        at: now,
                    });
                }
                note.anchor = anchor;
                note.modified = now;
            }
            Ok(before)
        })?;
        Ok(Saved {
            notes,
            note_id: note_id.to_owned(),
            is_new: false,
            before,
        })
    }

    /// Merges whole notes (from an export) into the notes of `document` and writes at once.
    /// A note whose id is new is added; one that exists is replaced only when the incoming copy
    /// was modified later; an identical one is left alone, so importing twice changes nothing.
    pub fn import_notes(
        &self,
        document: &Document,
        incoming: Vec<Note>,
    ) -> Result<(ArticleNotes, ImportSummary), StoreError> {
        self.modify(document, false, |draft| {
            let mut summary = ImportSummary::default();
            let mut by_id: HashMap<String, usize> = draft
                .file
                .notes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.clone(), i))
                .collect();
            for note in incoming {
                match by_id
                    .get(&note.id)
                    .and_then(|&i| draft.file.notes.get_mut(i))
                {
                    None => {
                        by_id.insert(note.id.clone(), draft.file.notes.len());
                        draft.file.notes.push(note);
                        summary.added += 1;
                    }
                    Some(existing) if *existing == note => summary.unchanged += 1,
                    Some(existing) if note.modified > existing.modified => {
                        *existing = note;
                        summary.updated += 1;
                    }
                    Some(_) => summary.kept_newer += 1,
                }
            }
            Ok(summary)
        })
    }

    /// The orphaned notes of `document`.
    pub fn orphaned(&self, document: &Document) -> Result<Vec<PlacedNote>, StoreError> {
        Ok(self.load(document)?.orphaned().cloned().collect())
    }

    /// The notes file of the article whose key (see [`article_key`]) is `key`, read without
    /// placing its notes against any text: what the library shows as verdict hints. `None` when
    /// the store has no readable file for it.
    pub fn notes_for_key(&self, key: &str) -> Option<ArticleFile> {
        let path = self.articles_dir().join(file_name_for(key));
        match file::read_json::<ArticleFile>(&path) {
            Ok(Read::Current(file)) => Some(file),
            Ok(Read::Newer { value, .. }) => value,
            _ => None,
        }
        .filter(|file| file.article.path == key)
    }

    /// Lists the known articles with counts per verdict. Entries whose article file changed
    /// since the index was written are read again, and the index is rewritten if needed.
    pub fn library(&self) -> Result<Library, StoreError> {
        let mut guard = Guard::new(&self.dir);
        let mut notices = Vec::new();
        let index = self.refresh_index(&mut guard, &mut notices)?;
        let mut entries: Vec<LibraryEntry> = index.articles.into_iter().map(|e| e.entry).collect();
        entries.sort_by(|a, b| (&a.path, &a.file).cmp(&(&b.path, &b.file)));
        Ok(Library { entries, notices })
    }

    /// The reload-change-write cycle every mutation goes through, under the store lock: read
    /// (rebuilding a damaged file), change, record the version seen (keeping its text once the
    /// article has notes), append the change to the journal and fsync it, then replace the
    /// notes file. A visit (`is_open`) that changed nothing but the time is not journaled.
    fn modify<R>(
        &self,
        document: &Document,
        is_open: bool,
        change: impl FnOnce(&mut Draft<'_, '_>) -> Result<R, StoreError>,
    ) -> Result<(ArticleNotes, R), StoreError> {
        let mut guard = Guard::new(&self.dir);
        guard.hold()?;
        let mut notices = Vec::new();
        let located = self.locate(document, &mut guard, &mut notices)?;
        let now = now_millis();
        let fallback = new_file(&located.key, document, now);
        let (mut file, mark) = match self.read_article(
            &located.path,
            &mut guard,
            &mut notices,
            Some(fallback.clone()),
        )? {
            Loaded::Missing => (fallback, None),
            Loaded::Current(file, mark) => (file, mark),
            Loaded::Newer { version, .. } => {
                return Err(StoreError::ReadOnly {
                    found: version,
                    path: located.path,
                });
            }
        };
        model::migrate(&mut file);
        let had_notes = !file.notes.is_empty();
        let record_before = file.article.clone();
        let seq = file.journal.map_or(0, |m| m.seq) + 1;
        // A visit changes no note but by re-anchoring, which is tracked below: the whole file
        // is copied only for a change, to compare with.
        let before = (!is_open).then(|| file.clone());
        let mut rebased: Vec<String> = Vec::new();
        let text = AnchorText::new(&document.text);
        let placements = text.place_all(file.notes.iter().map(|n| &n.anchor));
        // Re-anchorings that found the exact quote (or the same words, re-spaced) are certain:
        // keep them. Changed words are kept only when the person confirms them.
        for (note, placement) in file.notes.iter_mut().zip(&placements) {
            let is_certain = match placement.state {
                AnchorState::Exact | AnchorState::Moved => !text.holds_context(&note.anchor),
                AnchorState::Fuzzy => same_words(
                    &text.slice(placement.start, placement.end),
                    &note.anchor.exact,
                ),
                AnchorState::Orphaned => false,
            };
            if is_certain && let Some(anchor) = text.anchor(placement.start, placement.end) {
                note.anchor = anchor;
                rebased.push(note.id.clone());
            }
        }
        let placed: Vec<(String, Placement)> = file
            .notes
            .iter()
            .map(|n| n.id.clone())
            .zip(placements.iter().copied())
            .collect();
        let result = {
            let mut draft = Draft {
                file: &mut file,
                placed: &placed,
                text: &text,
                now,
            };
            change(&mut draft)?
        };
        file.article.path = located.key.clone();
        if document.title.is_some() {
            file.article.title = document.title.clone();
        }
        if let Some(url) = address::document_address(document) {
            file.article.url = Some(url);
        }
        // Before the record takes the new file's hash: a file of the first format is known to
        // have changed by it.
        let noted = versions_log::note_version(&mut file, document, !is_open, now);
        file.article.sha256 = document.sha256.clone();
        if is_open {
            file.article.last_opened = now;
        }
        file.normalize();
        if noted.must_store {
            versions::VersionStore::new(&self.dir).put(&noted.text_sha256, &document.text)?;
            if let Some(current) = file.article.versions.last_mut() {
                current.stored = true;
            }
        }
        // An article without notes has nothing worth a journal yet.
        let entry = match &before {
            Some(before) => journal::change_entry(seq, now, before, &file),
            None => journal::visit_entry(seq, now, &record_before, &file, &rebased),
        };
        if let Some(entry) = entry.filter(|_| had_notes || !file.notes.is_empty()) {
            let journal_path = journal::journal_path(&located.path);
            let file_bytes = std::fs::metadata(&located.path).map_or(0, |m| m.len());
            file.journal = Some(journal::record(
                &journal_path,
                mark,
                entry,
                &file,
                file_bytes,
            )?);
        }
        let bytes = encode(&file)?;
        file::write_atomic(&located.path, &bytes)?;
        // The index is not touched here: it is a cache that `library` brings up to date from
        // the article files' sizes and times, which keeps a save to one atomic write.
        drop(guard);
        Ok((view(located.path, true, file, &text, None, notices), result))
    }

    /// Finds the notes file of `document`: by its path; else, through the index, a file made
    /// for the same path, or for the same text at a path that no longer exists.
    fn locate(
        &self,
        document: &Document,
        guard: &mut Guard<'_>,
        notices: &mut Vec<Notice>,
    ) -> Result<Located, StoreError> {
        let key = article_key(document);
        let path = self.articles_dir().join(file_name_for(&key));
        if path.exists() || recovery::has_sources(&path) {
            return Ok(Located { path, key });
        }
        let index = self.refresh_index(guard, notices)?;
        if let Some(entry) = index.articles.iter().find(|e| e.entry.path == key) {
            let path = self.articles_dir().join(&entry.entry.file);
            return Ok(Located { path, key });
        }
        let url = address::document_address(document);
        let same_address = url.as_ref().and_then(|url| {
            index
                .articles
                .iter()
                .find(|e| e.entry.url.as_ref() == Some(url))
        });
        if let (Some(url), Some(entry)) = (url.clone(), same_address) {
            notices.push(Notice::SameAddress {
                url,
                old_path: entry.entry.path.clone(),
            });
            let path = self.articles_dir().join(&entry.entry.file);
            return Ok(Located { path, key });
        }
        let moved = index.articles.iter().find(|e| {
            e.entry.sha256 == document.sha256
                && !e.entry.path.starts_with("sha256:")
                && !Path::new(&e.entry.path).exists()
        });
        if let Some(entry) = moved {
            notices.push(Notice::Adopted {
                old_path: entry.entry.path.clone(),
            });
            let path = self.articles_dir().join(&entry.entry.file);
            return Ok(Located { path, key });
        }
        Ok(Located { path, key })
    }

    /// Reads an article file and checks its journal. A file that cannot be read is moved
    /// aside and, like a missing one that left a backup or a journal, rebuilt from them (under
    /// the lock); `fallback` is the file to rebuild on when there is no backup.
    fn read_article(
        &self,
        path: &Path,
        guard: &mut Guard<'_>,
        notices: &mut Vec<Notice>,
        fallback: Option<ArticleFile>,
    ) -> Result<Loaded, StoreError> {
        match file::read_json::<ArticleFile>(path)? {
            Read::Missing if !recovery::has_sources(path) => Ok(Loaded::Missing),
            Read::Missing => {
                if !guard.is_held() {
                    guard.hold()?;
                    return self.read_article(path, guard, notices, fallback);
                }
                self.rebuild(path, "was missing".to_owned(), fallback, notices)
            }
            Read::Current(mut file) => {
                let journal_path = journal::journal_path(path);
                if !journal::is_in_step(&journal_path, &file)? && !guard.is_held() {
                    // Look again under the lock: a writer may be between its two writes.
                    guard.hold()?;
                    return self.read_article(path, guard, notices, fallback);
                }
                let reconciled = journal::reconcile(&journal_path, &mut file)?;
                if reconciled.rolled_forward > 0 {
                    notices.push(Notice::RolledForward {
                        path: path.to_owned(),
                        journal: journal_path,
                        changes: reconciled.rolled_forward,
                    });
                }
                Ok(Loaded::Current(file, reconciled.mark))
            }
            Read::Newer { version, value } => {
                notices.push(Notice::NewerVersion {
                    found: version,
                    path: path.to_owned(),
                });
                Ok(Loaded::Newer { version, value })
            }
            Read::Corrupt { reason } => {
                if !guard.is_held() {
                    // Look again under the lock: a writer may have been mid-way.
                    guard.hold()?;
                    return self.read_article(path, guard, notices, fallback);
                }
                let moved_to = file::move_aside(path)?;
                let problem = format!(
                    "could not be read ({reason}; it is kept as {})",
                    moved_to.display()
                );
                match self.rebuild(path, problem, fallback, notices)? {
                    Loaded::Missing => {
                        notices.push(Notice::MovedAside {
                            path: path.to_owned(),
                            moved_to,
                            reason,
                        });
                        Ok(Loaded::Missing)
                    }
                    loaded => Ok(loaded),
                }
            }
        }
    }

    /// Rebuilds a missing or unreadable notes file from its backup and journal.
    fn rebuild(
        &self,
        path: &Path,
        problem: String,
        fallback: Option<ArticleFile>,
        notices: &mut Vec<Notice>,
    ) -> Result<Loaded, StoreError> {
        match recovery::rebuild(path, problem, fallback, now_millis())? {
            Some((file, rebuilt)) => {
                let mark = file.journal;
                notices.push(Notice::Rebuilt(rebuilt));
                Ok(Loaded::Current(file, mark))
            }
            None => Ok(Loaded::Missing),
        }
    }

    /// Reads the index (moving a corrupt one aside) and refreshes entries whose file changed.
    fn refresh_index(
        &self,
        guard: &mut Guard<'_>,
        notices: &mut Vec<Notice>,
    ) -> Result<IndexFile, StoreError> {
        let index_path = self.index_path();
        let (index, is_writable) = self.read_index(guard, notices)?;
        let articles_dir = self.articles_dir();
        let listing = std::fs::read_dir(&articles_dir)
            .map_err(|e| StoreError::io("list", &articles_dir, e))?;
        let mut names: Vec<String> = listing
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| is_article_file_name(name))
            .collect();
        names.sort();
        let mut fresh = IndexFile::default();
        let mut is_changed = names.len() != index.articles.len();
        for name in names {
            let path = articles_dir.join(&name);
            let Some(stamp) = FileStamp::of(&path) else {
                continue;
            };
            let known = index
                .articles
                .iter()
                .find(|e| e.entry.file == name && e.stamp == stamp);
            if let Some(entry) = known {
                fresh.articles.push(entry.clone());
                continue;
            }
            is_changed = true;
            let article = match self.read_article(&path, guard, notices, None) {
                Ok(
                    Loaded::Current(article, _)
                    | Loaded::Newer {
                        value: Some(article),
                        ..
                    },
                ) => article,
                Ok(Loaded::Newer { value: None, .. } | Loaded::Missing) => continue,
                // One unreadable file must not hide the rest of the library.
                Err(error) => {
                    notices.push(Notice::Unreadable {
                        message: error.to_string(),
                    });
                    continue;
                }
            };
            let stamp = FileStamp::of(&path).unwrap_or(stamp);
            fresh.articles.push(IndexEntry {
                entry: LibraryEntry::of(&name, &article),
                stamp,
            });
        }
        if is_changed && is_writable {
            guard.hold()?;
            file::write_atomic(&index_path, &encode(&fresh)?)?;
        }
        Ok(fresh)
    }

    /// Reads the index: `(index, is_writable)`.
    fn read_index(
        &self,
        guard: &mut Guard<'_>,
        notices: &mut Vec<Notice>,
    ) -> Result<(IndexFile, bool), StoreError> {
        let path = self.index_path();
        match file::read_json::<IndexFile>(&path)? {
            Read::Missing => Ok((IndexFile::default(), true)),
            Read::Current(index) => Ok((index, true)),
            Read::Newer { version, value } => {
                notices.push(Notice::NewerVersion {
                    found: version,
                    path,
                });
                Ok((value.unwrap_or_default(), false))
            }
            Read::Corrupt { reason } => {
                if !guard.is_held() {
                    guard.hold()?;
                    return self.read_index(guard, notices);
                }
                let moved_to = file::move_aside(&path)?;
                notices.push(Notice::MovedAside {
                    path,
                    moved_to,
                    reason,
                });
                Ok((IndexFile::default(), true))
            }
        }
    }
}

/// An article file being changed under the lock.
struct Draft<'f, 't> {
    file: &'f mut ArticleFile,
    /// Ids and placements of the notes as read, in their order then.
    placed: &'f [(String, Placement)],
    text: &'f AnchorText<'t>,
    now: DateTime<Utc>,
}

impl Draft<'_, '_> {
    fn id_of(&self, i: usize) -> String {
        self.file
            .notes
            .get(i)
            .map(|n| n.id.clone())
            .unwrap_or_default()
    }

    fn index_of(&self, id: &str) -> Result<usize, StoreError> {
        self.file
            .notes
            .iter()
            .position(|n| n.id == id)
            .ok_or_else(|| StoreError::NoteNotFound { id: id.to_owned() })
    }

    fn anchor(&self, start: usize, end: usize) -> Result<Anchor, StoreError> {
        let len_chars = self.text.len_chars();
        self.text
            .anchor(start, end)
            .filter(|a| !a.exact.trim().is_empty())
            .ok_or(StoreError::BadSpan {
                start,
                end,
                len_chars,
            })
    }

    /// Where the note `id` was placed in the current text, if it existed when the file was read.
    fn placement_of(&self, id: &str) -> Option<Placement> {
        self.placed
            .iter()
            .find(|(placed, _)| placed == id)
            .map(|&(_, placement)| placement)
    }

    /// The index of the note `target` names, making it if needed: `(index, is_new)`.
    fn target(&mut self, target: &Target) -> Result<(usize, bool), StoreError> {
        let (start, end, origin) = match target {
            Target::Note(id) => return Ok((self.index_of(id)?, false)),
            Target::Claim { start, end } => (*start, *end, Origin::Extracted),
            Target::ManualClaim { start, end } => (*start, *end, Origin::Manual),
        };
        let existing = self
            .placed
            .iter()
            .find(|(_, p)| p.state != AnchorState::Orphaned && p.start == start && p.end == end);
        if let Some((id, _)) = existing {
            return Ok((self.index_of(id)?, false));
        }
        let anchor = self.anchor(start, end)?;
        let id = self.new_id(&anchor);
        self.file.notes.push(Note {
            id,
            anchor,
            origin,
            source: None,
            verdict: Verdict::Unverified,
            note: String::new(),
            evidence: Vec::new(),
            tags: Vec::new(),
            created: self.now,
            modified: self.now,
            history: Vec::new(),
            rewordings: Vec::new(),
        });
        Ok((self.file.notes.len() - 1, true))
    }

    fn new_id(&self, anchor: &Anchor) -> String {
        let nanos = self.now.timestamp_nanos_opt().unwrap_or_default();
        for attempt in 0u32.. {
            let mut hasher = Sha256::new();
            hasher.update(nanos.to_le_bytes());
            hasher.update(std::process::id().to_le_bytes());
            hasher.update(attempt.to_le_bytes());
            hasher.update(anchor.start.to_le_bytes());
            hasher.update(anchor.exact.as_bytes());
            let digest = hasher.finalize();
            let id: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
            let id = format!("n-{id}");
            if self.file.note(&id).is_none() {
                return id;
            }
        }
        String::from("n-overflow")
    }

    /// Applies `edits` to note `i`; the modified time moves only if something changed. An
    /// edit that judges the claim (a verdict, a confirmation) settles a note that needs
    /// review: it is anchored on the words now in its place, and the rewording is recorded.
    fn apply(&mut self, i: usize, edits: &[Edit]) -> Result<(), StoreError> {
        let now = self.now;
        let text = self.text;
        let placement = self.placed.get(i).and_then(|_| {
            let id = self.file.notes.get(i).map(|n| n.id.clone())?;
            self.placement_of(&id)
        });
        let Some(note) = self.file.notes.get_mut(i) else {
            return Ok(());
        };
        let before = note.clone();
        for edit in edits {
            match edit {
                Edit::Verdict(verdict) => {
                    if note.verdict != *verdict {
                        note.history.push(VerdictChange {
                            from: note.verdict,
                            to: *verdict,
                            at: now,
                            adopted_from: None,
                            undo: None,
                        });
                        note.verdict = *verdict;
                    }
                }
                Edit::AdoptVerdict { verdict, from } => {
                    if note.verdict != *verdict {
                        note.history.push(VerdictChange {
                            from: note.verdict,
                            to: *verdict,
                            at: now,
                            adopted_from: Some(from.clone()),
                            undo: None,
                        });
                        note.verdict = *verdict;
                    }
                }
                Edit::Note(text) => note.note.clone_from(text),
                Edit::AddEvidence(evidence) => {
                    let url = evidence.url.trim();
                    if url.is_empty() {
                        return Err(StoreError::EmptyEvidenceUrl);
                    }
                    let label = evidence.label.trim().to_owned();
                    match note.evidence.iter_mut().find(|e| e.url == url) {
                        Some(existing) if !label.is_empty() => existing.label = label,
                        Some(_) => {}
                        None => note.evidence.push(Evidence {
                            url: url.to_owned(),
                            label,
                        }),
                    }
                }
                Edit::RemoveEvidence(url) => note.evidence.retain(|e| e.url != url.trim()),
                Edit::Tags(tags) => {
                    note.tags = tags
                        .iter()
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                        .collect();
                }
                Edit::AddTag(tag) => {
                    let tag = tag.trim();
                    if !tag.is_empty() && !note.tags.iter().any(|t| t == tag) {
                        note.tags.push(tag.to_owned());
                    }
                }
                Edit::RemoveTag(tag) => note.tags.retain(|t| t != tag.trim()),
                Edit::Source(name) => {
                    let name = name.trim();
                    note.source = (!name.is_empty()).then(|| name.to_owned());
                }
                Edit::Confirm => {}
            }
        }
        if edits.iter().any(Edit::is_review)
            && let Some(placement) = placement
            && let Some(review) = needs_review(note, &placement, text)
        {
            if review.current.is_some()
                && let Some(anchor) = text.anchor(placement.start, placement.end)
            {
                note.anchor = anchor;
            }
            note.rewordings.push(Rewording {
                from: review.earlier,
                to: review.current,
                at: now,
            });
        }
        note.tags.sort();
        note.tags.dedup();
        if *note != before {
            note.modified = now;
        }
        Ok(())
    }
}

/// The key the store knows an article by: its absolute path, or `sha256:HASH` without one.
pub fn article_key(document: &Document) -> String {
    match &document.path {
        Some(path) => std::fs::canonicalize(path)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| path.clone()),
        None => format!("sha256:{}", document.sha256),
    }
}

/// The notes file name for an article key: a slug of its file name and a hash of the key.
fn file_name_for(key: &str) -> String {
    let stem = Path::new(key)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() || key.starts_with("sha256:") {
        "article"
    } else {
        slug
    };
    let hash: String = Sha256::digest(key.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{slug}-{hash}.json")
}

/// Whether `name` is an article file (not a backup, temporary or corrupt file).
fn is_article_file_name(name: &str) -> bool {
    name.strip_suffix(".json").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

fn new_file(key: &str, document: &Document, now: DateTime<Utc>) -> ArticleFile {
    ArticleFile {
        schema_version: SCHEMA_VERSION,
        article: ArticleRecord {
            path: key.to_owned(),
            title: document.title.clone(),
            sha256: document.sha256.clone(),
            first_opened: now,
            last_opened: now,
            url: address::document_address(document),
            versions: Vec::new(),
        },
        notes: Vec::new(),
        journal: None,
    }
}

/// The current time at the precision written to files (milliseconds), so that what a change
/// returns equals what a later load reads.
fn now_millis() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}

pub(crate) fn encode<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(StoreError::Encode)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn view(
    path: PathBuf,
    is_known: bool,
    file: ArticleFile,
    text: &AnchorText<'_>,
    newer_version: Option<u32>,
    notices: Vec<Notice>,
) -> ArticleNotes {
    let placements = text.place_all(file.notes.iter().map(|n| &n.anchor));
    let mut notes: Vec<PlacedNote> = file
        .notes
        .into_iter()
        .zip(placements)
        .map(|(note, placement)| PlacedNote {
            review: needs_review(&note, &placement, text),
            note,
            state: placement.state,
            start: placement.start,
            end: placement.end,
        })
        .collect();
    notes.sort_by(|a, b| {
        (a.state == AnchorState::Orphaned, a.start, a.end, &a.note.id).cmp(&(
            b.state == AnchorState::Orphaned,
            b.start,
            b.end,
            &b.note.id,
        ))
    });
    ArticleNotes {
        file: path,
        is_known,
        article: file.article,
        notes,
        newer_version,
        notices,
        revision: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_slugs_with_a_hash() {
        let name = file_name_for("/home/a/News Story (2).txt");
        assert!(name.starts_with("news-story-2-"), "{name}");
        assert!(is_article_file_name(&name));
        assert!(!is_article_file_name("news-1.backup.json"));
        assert!(!is_article_file_name(
            "news-1.corrupt-20260101T000000000Z.json"
        ));
        assert!(file_name_for("sha256:abc").starts_with("article-"));
    }
}
