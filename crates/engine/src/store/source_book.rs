//! The person's word on sources and their corrections of the resolver, kept in
//! `sources.json` in the store folder (the previous version in `sources.backup.json`). Written
//! like the notes: under the store lock, reloaded before each change so that other windows'
//! changes are kept, atomically; an unreadable file is moved aside and its backup used.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::file::{self, Read, StoreLock, Versioned};
use super::{Notice, Store, StoreError};
use crate::sources::{Correction, Corrections, Credibility, CredibilityChange, SourceStatus};

/// Name of the file in the store folder.
pub const SOURCES_FILE: &str = "sources.json";

/// Version of the sources file format this build reads and writes.
pub const SOURCES_SCHEMA_VERSION: u32 = 1;

/// Most undone corrections kept for redoing.
const MAX_UNDONE: usize = 100;

/// Everything the person said about sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceBook {
    /// Format version; see [`SOURCES_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The person's word on sources, one per source.
    #[serde(default)]
    pub statuses: Vec<SourceStatus>,
    /// Corrections in force, oldest first.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Corrections undone, the latest last, so they can be made again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undone: Vec<Correction>,
    /// What the person should be told about reading the file (not saved).
    #[serde(skip)]
    pub notices: Vec<Notice>,
}

impl Default for SourceBook {
    fn default() -> Self {
        Self {
            schema_version: SOURCES_SCHEMA_VERSION,
            statuses: Vec::new(),
            corrections: Vec::new(),
            undone: Vec::new(),
            notices: Vec::new(),
        }
    }
}

impl Versioned for SourceBook {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}

impl SourceBook {
    /// The corrections in force, ready to apply.
    pub fn corrections(&self) -> Corrections {
        Corrections::new(self.corrections.clone())
    }

    /// The status of the source known by `names` (its name first), if one was set.
    pub fn status_for<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Option<&SourceStatus> {
        crate::sources::status_for(&self.statuses, names)
    }
}

impl Store {
    fn sources_path(&self) -> PathBuf {
        self.dir.join(SOURCES_FILE)
    }

    /// Reads the person's word on sources and their corrections (empty when none were
    /// made). Takes no lock; an unreadable file is read from its backup and reported in
    /// [`SourceBook::notices`].
    pub fn source_book(&self) -> Result<SourceBook, StoreError> {
        read_source_book(&self.dir)
    }

    /// Changes the sources file under the store lock: reloads it, applies `change`, writes it
    /// atomically. Returns the book as written and what `change` returned.
    pub fn change_source_book<R>(
        &self,
        change: impl FnOnce(&mut SourceBook) -> R,
    ) -> Result<(SourceBook, R), StoreError> {
        let _lock = StoreLock::acquire(&self.dir)?;
        let path = self.sources_path();
        let mut notices = Vec::new();
        let mut book = match file::read_json::<SourceBook>(&path)? {
            Read::Missing => SourceBook::default(),
            Read::Current(book) => book,
            Read::Newer { version, .. } => {
                return Err(StoreError::ReadOnly {
                    found: version,
                    path,
                });
            }
            Read::Corrupt { reason } => {
                let moved_to = file::move_aside(&path)?;
                notices.push(Notice::MovedAside {
                    path: path.clone(),
                    moved_to,
                    reason,
                });
                match file::read_json::<SourceBook>(&file::backup_path(&path))? {
                    Read::Current(book) => {
                        notices.push(Notice::SourcesFromBackup { path: path.clone() });
                        book
                    }
                    _ => SourceBook::default(),
                }
            }
        };
        let result = change(&mut book);
        book.schema_version = SOURCES_SCHEMA_VERSION;
        let mut bytes = serde_json::to_vec_pretty(&book).map_err(StoreError::Encode)?;
        bytes.push(b'\n');
        file::write_atomic(&path, &bytes)?;
        book.notices = notices;
        Ok((book, result))
    }

    /// Adds a correction (which clears what could be redone) and returns the book as saved.
    pub fn add_correction(&self, correction: Correction) -> Result<SourceBook, StoreError> {
        Ok(self
            .change_source_book(|book| {
                book.corrections.push(correction);
                book.undone.clear();
            })?
            .0)
    }

    /// Undoes the correction with id `id`, or the latest one when `id` is `None`. Returns the
    /// correction undone, if there was one.
    pub fn undo_correction(&self, id: Option<&str>) -> Result<Option<Correction>, StoreError> {
        Ok(self
            .change_source_book(|book| {
                let at = match id {
                    Some(id) => book.corrections.iter().position(|c| c.id == id),
                    None => book
                        .corrections
                        .iter()
                        .enumerate()
                        .max_by_key(|(_, c)| c.made)
                        .map(|(i, _)| i),
                }?;
                let undone = book.corrections.remove(at);
                book.undone.push(undone.clone());
                if book.undone.len() > MAX_UNDONE {
                    book.undone.remove(0);
                }
                Some(undone)
            })?
            .1)
    }

    /// Makes the latest undone correction again. Returns it, if there was one.
    pub fn redo_correction(&self) -> Result<Option<Correction>, StoreError> {
        Ok(self
            .change_source_book(|book| {
                let redone = book.undone.pop()?;
                book.corrections.push(redone.clone());
                Some(redone)
            })?
            .1)
    }

    /// Sets the person's word on the source called `source` (also known as `aliases`): its
    /// credibility and/or its note (`None` leaves either as it is). Returns the status saved.
    pub fn set_source_status(
        &self,
        source: &str,
        aliases: &[String],
        credibility: Option<Credibility>,
        note: Option<&str>,
    ) -> Result<SourceStatus, StoreError> {
        let names: Vec<&str> = std::iter::once(source)
            .chain(aliases.iter().map(String::as_str))
            .collect();
        Ok(self
            .change_source_book(|book| {
                let now = Utc::now();
                let found = book
                    .statuses
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.is_about(names.iter().copied()))
                    .max_by_key(|(_, s)| s.modified)
                    .map(|(i, _)| i);
                let index = found.unwrap_or_else(|| {
                    book.statuses.push(SourceStatus {
                        source: source.trim().to_owned(),
                        aliases: Vec::new(),
                        credibility: Credibility::Unknown,
                        note: String::new(),
                        modified: now,
                        history: Vec::new(),
                    });
                    book.statuses.len() - 1
                });
                let status = &mut book.statuses[index];
                status.source = source.trim().to_owned();
                for alias in aliases {
                    if !status.aliases.contains(alias) && alias != source {
                        status.aliases.push(alias.clone());
                    }
                }
                if let Some(to) = credibility
                    && to != status.credibility
                {
                    status.history.push(CredibilityChange {
                        from: status.credibility,
                        to,
                        at: now,
                    });
                    status.credibility = to;
                }
                if let Some(note) = note {
                    status.note = note.trim().to_owned();
                }
                status.modified = now;
                status.clone()
            })?
            .1)
    }
}

/// Reads the sources file of the store folder `dir` (see [`Store::source_book`]).
pub(crate) fn read_source_book(dir: &Path) -> Result<SourceBook, StoreError> {
    let path = dir.join(SOURCES_FILE);
    match file::read_json::<SourceBook>(&path)? {
        Read::Missing => Ok(SourceBook::default()),
        Read::Current(book) => Ok(book),
        Read::Newer { version, value } => {
            let mut book = value.unwrap_or_default();
            book.notices.push(Notice::NewerVersion {
                found: version,
                path,
            });
            Ok(book)
        }
        Read::Corrupt { .. } => {
            let mut book = match file::read_json::<SourceBook>(&file::backup_path(&path))? {
                Read::Current(book) => book,
                _ => SourceBook::default(),
            };
            book.notices.push(Notice::SourcesFromBackup { path });
            Ok(book)
        }
    }
}
