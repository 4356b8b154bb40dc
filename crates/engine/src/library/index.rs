//! The library index on disk, beside the notes store:
//! - `library/folders.json`: the folders the person added (precious: changed under the lock,
//!   reloaded before each change);
//! - `library/index.json`: every indexed article with its claims (a cache: rebuilt from the
//!   folders and the notes store's opened articles if lost or unreadable);
//! - `library/.lock`: held while either file is written.
//!
//! An article is indexed again when its file's size or modification time changes, and dropped
//! when its file is gone.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::matcher::Matcher;
use super::record::IndexedArticle;
use crate::document::Document;
use crate::sources::Corrections;
use crate::store::FileStamp;
use crate::store::StoreError;
use crate::store::file::{self, Read, StoreLock, Versioned};

/// Version of the library file formats this build reads and writes.
pub const LIBRARY_SCHEMA_VERSION: u32 = 1;

/// Version of what `index.json` records per article. An index of an older version is dropped
/// and rebuilt on the next update (it is a cache); `schema_version` stays the file format's.
pub const INDEX_CONTENT_VERSION: u32 = 4;

/// Deepest folder nesting walked below an added folder.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// Why a library operation failed.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// Reading or writing the library files failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The folder to add is not a folder.
    #[error("not a folder: {}", path.display())]
    NotAFolder {
        /// The path given.
        path: PathBuf,
    },
    /// The folder to remove is not one of the library's folders.
    #[error("not a folder of the library: {}", path.display())]
    NotInLibrary {
        /// The path given.
        path: PathBuf,
    },
    /// The library files come from a newer version of Crosscheck.
    #[error(
        "the library was written by a newer version of Crosscheck (format {found}), so it is \
         left alone: {}",
        path.display()
    )]
    NewerVersion {
        /// The file's schema version.
        found: u32,
        /// The file.
        path: PathBuf,
    },
}

/// How far an indexing run has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Articles looked at so far.
    pub done: usize,
    /// Articles to look at in all.
    pub total: usize,
    /// The article just finished.
    pub path: String,
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IndexSummary {
    /// Articles read and indexed (new or changed).
    pub indexed: usize,
    /// Articles unchanged since they were last indexed.
    pub unchanged: usize,
    /// Articles dropped because their file is gone.
    pub removed: usize,
    /// Files that could not be read, with the reason.
    pub failed: Vec<(String, String)>,
    /// Articles in the library after the run.
    pub articles: usize,
    /// Claims in the library after the run.
    pub claims: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct FoldersFile {
    schema_version: u32,
    #[serde(default)]
    folders: Vec<String>,
}

impl Versioned for FoldersFile {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexFile {
    schema_version: u32,
    /// See [`INDEX_CONTENT_VERSION`]; absent in the first indexes (version 1).
    #[serde(default = "first_content_version")]
    content_version: u32,
    #[serde(default)]
    articles: Vec<IndexedArticle>,
    /// Files that could not be read, with their stamp, so they are not read again unchanged.
    #[serde(default)]
    failed: Vec<FailedFile>,
}

fn first_content_version() -> u32 {
    1
}

impl Versioned for IndexFile {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FailedFile {
    path: String,
    stamp: FileStamp,
    reason: String,
}

/// The library: the indexed articles and the folders they come from.
#[derive(Debug)]
pub struct LibraryIndex {
    dir: PathBuf,
    folders: Vec<String>,
    articles: Vec<IndexedArticle>,
    failed: Vec<FailedFile>,
    matcher: OnceLock<Matcher>,
    notices: Vec<String>,
    /// The person's corrections of sources, applied to every article (see
    /// [`Self::set_corrections`]).
    corrections: Corrections,
}

impl LibraryIndex {
    /// Opens the library kept in the notes store folder `data_dir` (creating nothing until
    /// something is added). An unreadable index is moved aside and rebuilt on the next update.
    pub fn open(data_dir: &Path) -> Result<Self, LibraryError> {
        let dir = data_dir.join("library");
        let mut notices = Vec::new();
        let folders = read_folders(&dir)?;
        let index_path = dir.join("index.json");
        let (articles, failed) = match file::read_json::<IndexFile>(&index_path)? {
            Read::Missing => (Vec::new(), Vec::new()),
            // An index recording less than this version needs is rebuilt by the next update.
            Read::Current(index) if index.content_version < INDEX_CONTENT_VERSION => {
                (Vec::new(), Vec::new())
            }
            Read::Current(index) => (index.articles, index.failed),
            Read::Newer { version, .. } => {
                return Err(LibraryError::NewerVersion {
                    found: version,
                    path: index_path,
                });
            }
            Read::Corrupt { reason } => {
                let moved = file::move_aside(&index_path)?;
                notices.push(format!(
                    "the library index could not be read ({reason}); it was moved to {} and \
                     will be rebuilt",
                    moved.display()
                ));
                (Vec::new(), Vec::new())
            }
        };
        let book = crate::store::read_source_book(data_dir)?;
        for notice in &book.notices {
            notices.push(notice.to_string());
        }
        let mut library = Self {
            dir,
            folders,
            articles,
            failed,
            matcher: OnceLock::new(),
            notices,
            corrections: Corrections::default(),
        };
        library.set_corrections(book.corrections());
        Ok(library)
    }

    /// Applies the person's corrections of sources to every article, in place of those
    /// applied before (what the extractor found is kept, so a correction undone is undone
    /// here too). [`Self::open`] applies the ones in the notes store; call this after a change.
    pub fn set_corrections(&mut self, corrections: Corrections) {
        for article in &mut self.articles {
            correct_article(article, &corrections);
        }
        self.corrections = corrections;
    }

    /// The corrections applied to the articles.
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// The library folder (`DATA/library`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folders added, as absolute paths.
    pub fn folders(&self) -> &[String] {
        &self.folders
    }

    /// The indexed articles, sorted by path.
    pub fn articles(&self) -> &[IndexedArticle] {
        &self.articles
    }

    /// The position in [`Self::articles`] of the article indexed at `path`, if any.
    pub fn position(&self, path: &str) -> Option<usize> {
        self.articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
    }

    /// The article indexed at `path`, if any.
    pub fn article(&self, path: &str) -> Option<&IndexedArticle> {
        self.articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// Number of claims over all articles.
    pub fn claim_count(&self) -> usize {
        self.articles.iter().map(|a| a.claims.len()).sum()
    }

    /// Things the person should be told about (an index moved aside).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The claim matcher over the current articles, built on first use.
    pub fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::build(&self.articles))
    }

    /// Adds `folder` to the library's folders (kept across runs) and indexes what it holds,
    /// together with every other folder and the `opened` articles.
    pub fn add_folder(
        &mut self,
        folder: &Path,
        opened: &[String],
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<IndexSummary, LibraryError> {
        if !folder.is_dir() {
            return Err(LibraryError::NotAFolder {
                path: folder.to_owned(),
            });
        }
        let folder = std::fs::canonicalize(folder)
            .map_err(|e| StoreError::io("read", folder, e))?
            .to_string_lossy()
            .into_owned();
        self.change_folders(|folders| {
            if !folders.contains(&folder) {
                folders.push(folder.clone());
            }
            Ok(())
        })?;
        self.update(opened, progress)
    }

    /// Removes `folder` from the library's folders and drops its articles (those opened in
    /// the window stay).
    pub fn remove_folder(
        &mut self,
        folder: &Path,
        opened: &[String],
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<IndexSummary, LibraryError> {
        let canonical = std::fs::canonicalize(folder).map_or_else(
            |_| folder.to_string_lossy().into_owned(),
            |p| p.to_string_lossy().into_owned(),
        );
        let given = folder.to_string_lossy().into_owned();
        self.change_folders(|folders| {
            let before = folders.len();
            folders.retain(|f| *f != canonical && *f != given);
            if folders.len() == before {
                return Err(LibraryError::NotInLibrary {
                    path: folder.to_owned(),
                });
            }
            Ok(())
        })?;
        self.update(opened, progress)
    }

    /// Changes `folders.json` under the lock, after reloading it.
    fn change_folders(
        &mut self,
        change: impl FnOnce(&mut Vec<String>) -> Result<(), LibraryError>,
    ) -> Result<(), LibraryError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("create the library folder", &self.dir, e))?;
        let _lock = StoreLock::acquire(&self.dir)?;
        let mut folders = read_folders(&self.dir)?;
        change(&mut folders)?;
        folders.sort();
        let bytes = encode(&FoldersFile {
            schema_version: LIBRARY_SCHEMA_VERSION,
            folders: folders.clone(),
        })?;
        file::write_atomic(&self.dir.join("folders.json"), &bytes)?;
        self.folders = folders;
        Ok(())
    }

    /// Brings the index up to date: every file in the folders and every `opened` article
    /// (the notes store's articles) is indexed if new or changed; gone files are dropped.
    pub fn update(
        &mut self,
        opened: &[String],
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<IndexSummary, LibraryError> {
        self.folders = read_folders(&self.dir)?;
        let mut wanted: Vec<String> = opened.to_vec();
        for folder in &self.folders {
            collect_articles(Path::new(folder), 0, &mut wanted);
        }
        wanted.sort();
        wanted.dedup();
        // Articles are moved out of the old list, not copied: a large library holds hundreds of
        // thousands of claims.
        let mut known: HashMap<String, IndexedArticle> = std::mem::take(&mut self.articles)
            .into_iter()
            .map(|a| (a.path.clone(), a))
            .collect();
        let known_failed: HashMap<&str, &FailedFile> =
            self.failed.iter().map(|f| (f.path.as_str(), f)).collect();
        let mut summary = IndexSummary::default();
        let mut kept: Vec<IndexedArticle> = Vec::new();
        let mut failed: Vec<FailedFile> = Vec::new();
        let mut to_read: Vec<(String, FileStamp)> = Vec::new();
        for path in &wanted {
            let Some(stamp) = FileStamp::of(Path::new(path)) else {
                continue;
            };
            let previous = known.remove(path.as_str());
            if let Some(article) = previous.filter(|a| a.stamp == stamp) {
                kept.push(article);
                summary.unchanged += 1;
            } else if let Some(fail) = known_failed.get(path.as_str()).filter(|f| f.stamp == stamp)
            {
                failed.push((*fail).clone());
                summary
                    .failed
                    .push((fail.path.clone(), fail.reason.clone()));
            } else {
                to_read.push((path.clone(), stamp));
            }
        }
        // What is left was not asked for again, or its file is gone.
        summary.removed = known.len();
        let changed = !to_read.is_empty() || summary.removed > 0;
        let total = to_read.len();
        let mut done = 0;
        index_files(&to_read, &mut |path, result| {
            done += 1;
            match result {
                Ok(mut article) => {
                    correct_article(&mut article, &self.corrections);
                    kept.push(article);
                    summary.indexed += 1;
                }
                Err((stamp, reason)) => {
                    summary.failed.push((path.to_owned(), reason.clone()));
                    failed.push(FailedFile {
                        path: path.to_owned(),
                        stamp,
                        reason,
                    });
                }
            }
            progress(&Progress {
                done,
                total,
                path: path.to_owned(),
            });
        });
        kept.sort_by(|a, b| a.path.cmp(&b.path));
        self.articles = kept;
        self.failed = failed;
        self.matcher = OnceLock::new();
        if changed {
            self.save()?;
        }
        summary.articles = self.articles.len();
        summary.claims = self.claim_count();
        Ok(summary)
    }

    /// Whether `document` is indexed as it is now (same path and content). An article opened
    /// for the first time, or changed since, is not: [`Self::update`] with the notes store's
    /// opened articles indexes it.
    pub fn holds(&self, document: &Document) -> bool {
        let key = crate::store::article_key(document);
        self.article(&key)
            .is_some_and(|a| a.sha256 == document.sha256)
    }

    /// Writes the index under the library lock.
    fn save(&self) -> Result<(), LibraryError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("create the library folder", &self.dir, e))?;
        let bytes = serde_json::to_vec(&IndexFileRef {
            schema_version: LIBRARY_SCHEMA_VERSION,
            content_version: INDEX_CONTENT_VERSION,
            articles: &self.articles,
            failed: &self.failed,
        })
        .map_err(StoreError::Encode)?;
        let _lock = StoreLock::acquire(&self.dir)?;
        file::write_atomic(&self.dir.join("index.json"), &bytes)?;
        Ok(())
    }
}

#[derive(Serialize)]
struct IndexFileRef<'a> {
    schema_version: u32,
    content_version: u32,
    articles: &'a [IndexedArticle],
    failed: &'a [FailedFile],
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(StoreError::Encode)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn read_folders(dir: &Path) -> Result<Vec<String>, LibraryError> {
    let path = dir.join("folders.json");
    match file::read_json::<FoldersFile>(&path)? {
        Read::Missing => Ok(Vec::new()),
        Read::Current(folders) => Ok(folders.folders),
        Read::Newer { version, .. } => Err(LibraryError::NewerVersion {
            found: version,
            path,
        }),
        Read::Corrupt { .. } => {
            // Fall back to the copy kept before the last write.
            match file::read_json::<FoldersFile>(&file::backup_path(&path))? {
                Read::Current(folders) => Ok(folders.folders),
                _ => Ok(Vec::new()),
            }
        }
    }
}

/// Adds the article files under `folder` to `found`: files of a format Crosscheck reads,
/// skipping hidden entries and never following links to folders.
fn collect_articles(folder: &Path, depth: usize, found: &mut Vec<String>) {
    if depth > MAX_FOLDER_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            collect_articles(&path, depth + 1, found);
        } else if kind.is_file() && crate::document::format_for_path(&path).is_ok() {
            found.push(path.to_string_lossy().into_owned());
        }
    }
}

/// Applies `corrections` to the claims of `article`, after putting back what was extracted.
fn correct_article(article: &mut IndexedArticle, corrections: &Corrections) {
    let mut concerns = HashMap::default();
    for claim in &mut article.claims {
        if claim.extracted.is_some() || !corrections.is_empty() {
            claim.apply_corrections(corrections, &article.path, &mut concerns);
        }
    }
}

/// Loads and extracts one article file.
fn index_file(path: &str, stamp: FileStamp) -> IndexResult {
    let document = crate::document::load(Path::new(path)).map_err(|e| (stamp, e.to_string()))?;
    let extraction = crate::extract(&document);
    Ok(IndexedArticle::new(&document, &extraction, stamp))
}

type IndexResult = Result<IndexedArticle, (FileStamp, String)>;

/// Loads and extracts `files` on all cores, calling `each` on this thread as each finishes.
fn index_files(files: &[(String, FileStamp)], each: &mut dyn FnMut(&str, IndexResult)) {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 8)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, IndexResult)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, stamp)) = files.get(i) else {
                        break;
                    };
                    let result = std::panic::catch_unwind(|| index_file(path, *stamp))
                        .unwrap_or_else(|_| {
                            Err((*stamp, "internal error while reading it".to_owned()))
                        });
                    if sender.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (i, result) in receiver {
            each(&files[i].0, result);
        }
    });
}
