//! The library index: one entry per known article with counts per verdict. It is a cache of
//! the article files, checked against their size and modification time whenever it is listed,
//! so a stale or lost index heals itself.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::file::Versioned;
use super::model::{ArticleFile, SCHEMA_VERSION, VerdictCounts, rfc3339};

/// One known article, as listed by [`super::Store::library`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// Name of the notes file in the store's `articles/` folder.
    pub file: String,
    /// Absolute path of the article.
    pub path: String,
    /// Headline, if known.
    #[serde(default)]
    pub title: Option<String>,
    /// `Document::sha256` of the version last seen.
    pub sha256: String,
    /// When the article was first opened.
    #[serde(with = "rfc3339")]
    pub first_opened: DateTime<Utc>,
    /// When the article was last opened.
    #[serde(with = "rfc3339")]
    pub last_opened: DateTime<Utc>,
    /// Number of notes.
    pub notes: usize,
    /// Number of notes per verdict.
    pub verdicts: VerdictCounts,
    /// Whether the notes file comes from a newer version and is read-only.
    #[serde(default)]
    pub read_only: bool,
    /// The page's own address, for a web page that states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl LibraryEntry {
    /// The entry describing `article`, stored in `file`.
    pub fn of(file: &str, article: &ArticleFile) -> Self {
        Self {
            file: file.to_owned(),
            path: article.article.path.clone(),
            title: article.article.title.clone(),
            sha256: article.article.sha256.clone(),
            first_opened: article.article.first_opened,
            last_opened: article.article.last_opened,
            notes: article.notes.len(),
            verdicts: VerdictCounts::of(&article.notes),
            read_only: article.schema_version > SCHEMA_VERSION,
            url: article.article.url.clone(),
        }
    }
}

/// Size and modification time of a file when it was read: a different stamp means the file
/// changed. The notes store's index and the library's index both keep one per article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    /// File size in bytes.
    pub bytes: u64,
    /// Modification time, in nanoseconds since the Unix epoch.
    pub modified_ns: u64,
}

impl FileStamp {
    /// The stamp of the file at `path`, if it is a readable file.
    pub fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
        let modified_ns = metadata
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Self {
            bytes: metadata.len(),
            modified_ns: u64::try_from(modified_ns).unwrap_or(u64::MAX),
        })
    }
}

/// An index entry with the stamp of the file it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IndexEntry {
    #[serde(flatten)]
    pub entry: LibraryEntry,
    pub stamp: FileStamp,
}

/// The content of `index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IndexFile {
    pub schema_version: u32,
    #[serde(default)]
    pub articles: Vec<IndexEntry>,
}

impl Default for IndexFile {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            articles: Vec::new(),
        }
    }
}

impl Versioned for IndexFile {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}

impl Versioned for ArticleFile {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }

    fn upgrade(&mut self) {
        ArticleFile::upgrade(self);
    }
}
