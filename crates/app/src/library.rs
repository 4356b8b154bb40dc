//! The window's door to the library engine ([`crosscheck_engine::library`]): the index kept beside the
//! notes store, indexing jobs run on a background thread with their progress, the comparison
//! of the open article and library searches. Widgets never call it; [`super::App::apply`] does.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use crosscheck_engine::document::Document;
use crosscheck_engine::extract::Extraction;
use crosscheck_engine::library::{IndexSummary, LibraryIndex, Progress, SourceRecords};

use super::comparison_worker::{Compared, ComparisonWorker};
use super::notes::NotesStore;

pub use crosscheck_engine::library::{
    Aspect, ClaimComparison, ClaimMatch, Comparison, Difference, SearchHit, WordChangeKind,
};

/// Most hits a library search shows.
pub const SEARCH_LIMIT: usize = 200;

/// How far the running indexing job has got.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobProgress {
    /// The folder being added (`None`: the library is being brought up to date).
    pub folder: Option<PathBuf>,
    /// Articles read so far.
    pub done: usize,
    /// Articles to read in all (0 until known).
    pub total: usize,
}

impl JobProgress {
    /// The text of the progress bar: "Indexing 120 / 500 articles".
    pub fn label(&self) -> String {
        if self.total == 0 {
            "Checking the library for new articles…".to_owned()
        } else {
            format!(
                "Indexing {} / {}",
                self.done,
                super::widgets::counted(self.total, "article")
            )
        }
    }

    /// The fraction done, 0..=1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f32 / self.total as f32
        }
    }
}

/// A finished indexing job, as the window reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The folder that was added (`None`: an update).
    pub folder: Option<PathBuf>,
    /// What it did, or why it failed.
    pub result: Result<IndexSummary, String>,
    /// Things to tell the person (an unreadable index moved aside).
    pub notices: Vec<String>,
}

/// What the thread sends back: the brought-up-to-date index, every source's record, and
/// what was done.
type Outcome = Result<(LibraryIndex, SourceRecords, IndexSummary), String>;

struct Job {
    progress: Arc<Mutex<JobProgress>>,
    receiver: Receiver<Outcome>,
}

/// The search field of the Library tab and its last results.
#[derive(Debug, Clone, Default)]
pub struct LibrarySearch {
    /// The query being typed.
    pub query: String,
    /// The query the hits are for (`None`: nothing searched yet).
    pub searched: Option<String>,
    /// The hits of the last search.
    pub hits: Vec<SearchHit>,
    /// Why the last query could not be run (an unknown verdict, …).
    pub error: Option<String>,
}

/// The library as the window uses it.
pub struct Library {
    data_dir: PathBuf,
    /// Shared with the comparison thread, which reads it while the window goes on.
    index: Option<Arc<LibraryIndex>>,
    /// Every source of the index with its track record (built with the index).
    records: Option<SourceRecords>,
    job: Option<Job>,
    /// Jobs asked for while one was running: (folder to add or `None` to update, opened).
    queued: Vec<(Option<PathBuf>, Vec<String>)>,
    /// The Library tab's search.
    pub search: LibrarySearch,
    /// The open article's comparison, made on a background thread.
    comparisons: ComparisonWorker,
}

impl Library {
    /// The library kept in the notes store folder `data_dir`. Its index is read by the first
    /// job (start one with [`Self::start_update`]): a large index takes a while to read, and
    /// the window does not wait for it.
    pub fn open(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_owned(),
            index: None,
            records: None,
            job: None,
            queued: Vec::new(),
            search: LibrarySearch::default(),
            comparisons: ComparisonWorker::default(),
        }
    }

    /// The index, if it could be opened.
    pub fn index(&self) -> Option<&LibraryIndex> {
        self.index.as_deref()
    }

    /// Every source of the library with its track record, once the index is read.
    pub fn records(&self) -> Option<&SourceRecords> {
        self.records.as_ref()
    }

    /// The index and the records together, for the records' lookups.
    pub fn records_with_index(&self) -> Option<(&LibraryIndex, &SourceRecords)> {
        Some((self.index.as_deref()?, self.records.as_ref()?))
    }

    /// Recomputes the track records of the sources of the article at `path` after one of
    /// its notes changed; when that is not enough (a claim marked by hand with a source), starts
    /// rebuilding them in the background with the notes store's `opened` articles.
    pub fn refresh_records(&mut self, store: &crosscheck_engine::store::Store, path: &str) {
        let (Some(index), Some(records)) = (self.index.as_ref(), self.records.as_mut()) else {
            return;
        };
        if !records.refresh_article(index, store, path) {
            let opened = crosscheck_engine::library::opened_articles(store).unwrap_or_default();
            // A failure to start is reported when the next job runs.
            let _ = self.start_update(opened);
        }
    }

    /// Reads the person's word on sources again into the records.
    pub fn set_statuses(&mut self, statuses: Vec<crosscheck_engine::sources::SourceStatus>) {
        if let Some(records) = self.records.as_mut() {
            records.set_statuses(statuses);
        }
    }

    /// Whether an indexing job is running.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The running job's progress, if one is running.
    pub fn progress(&self) -> Option<JobProgress> {
        let job = self.job.as_ref()?;
        job.progress.lock().ok().map(|p| p.clone())
    }

    /// Starts bringing the index up to date in the background (`opened`: the notes store's
    /// articles). Waits for a running job first.
    pub fn start_update(&mut self, opened: Vec<String>) -> Result<(), String> {
        self.start(None, opened)
    }

    /// Starts adding `folder` in the background; waits for a running job first.
    pub fn start_add_folder(&mut self, folder: PathBuf, opened: Vec<String>) -> Result<(), String> {
        self.start(Some(folder), opened)
    }

    fn start(&mut self, folder: Option<PathBuf>, opened: Vec<String>) -> Result<(), String> {
        if self.job.is_some() {
            self.queued.push((folder, opened));
            return Ok(());
        }
        let progress = Arc::new(Mutex::new(JobProgress {
            folder: folder.clone(),
            ..Default::default()
        }));
        let (sender, receiver) = std::sync::mpsc::channel();
        let data_dir = self.data_dir.clone();
        let shared = progress.clone();
        std::thread::Builder::new()
            .name("library-index".to_owned())
            .spawn(move || {
                let outcome = run_job(&data_dir, folder.as_deref(), &opened, &shared);
                // The window may be gone: nobody to tell.
                let _ = sender.send(outcome);
            })
            .map_err(|e| format!("cannot start indexing the library: {e}"))?;
        self.job = Some(Job { progress, receiver });
        Ok(())
    }

    /// Takes the outcome of the running job if it finished, swapping in the new index and
    /// starting the next queued job.
    pub fn poll(&mut self) -> Option<Finished> {
        let job = self.job.as_ref()?;
        let folder = job.progress.lock().ok().and_then(|p| p.folder.clone());
        let outcome = match job.receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err("the indexing thread stopped".to_owned()),
        };
        self.job = None;
        let mut notices = Vec::new();
        let result = outcome.map(|(index, records, summary)| {
            notices = index.notices().to_vec();
            if let Some(old) = self.index.replace(Arc::new(index)) {
                // A large index takes a while to drop: not on the window's thread.
                self.comparisons.discard(old);
            }
            self.records = Some(records);
            summary
        });
        if !self.queued.is_empty() {
            let (next, opened) = self.queued.remove(0);
            if let Err(err) = self.start(next, opened) {
                return Some(Finished {
                    folder,
                    result: Err(err),
                    notices,
                });
            }
        }
        Some(Finished {
            folder,
            result,
            notices,
        })
    }

    /// Whether the library's index holds `document` as it is now (false while the index is
    /// being read).
    pub fn holds(&self, document: &Document) -> bool {
        self.index
            .as_ref()
            .is_some_and(|index| index.holds(document))
    }

    /// Starts comparing the article `article` (its `document` and `extraction`, copies the
    /// thread keeps) against the library in the background, with verdict hints from the notes
    /// store in `store_dir`; [`Self::take_comparison`] gives the result. False when there is
    /// no index to compare against yet.
    pub fn request_comparison(
        &mut self,
        ctx: &egui::Context,
        article: u64,
        document: Document,
        extraction: Extraction,
        store_dir: Option<PathBuf>,
    ) -> bool {
        let Some(index) = self.index.clone() else {
            return false;
        };
        self.comparisons
            .request(ctx, article, document, extraction, index, store_dir);
        true
    }

    /// The comparison asked for last, once it is done.
    pub fn take_comparison(&mut self) -> Option<Compared> {
        self.comparisons.take()
    }

    /// Whether a comparison asked for is still being made.
    pub fn is_comparing(&self) -> bool {
        self.comparisons.is_comparing()
    }

    /// Why comparisons cannot be made, once (the thread could not start or stopped).
    pub fn take_comparison_error(&mut self) -> Option<String> {
        self.comparisons.take_error()
    }

    /// Drops a replaced comparison on the background thread.
    pub fn discard(&self, comparison: Comparison) {
        self.comparisons.discard(comparison);
    }

    /// Runs `query` over the library, keeping the hits (or the parse error) in [`Self::search`].
    pub fn run_search(&mut self, query: &str, notes: Option<&NotesStore>) {
        self.search.searched = Some(query.to_owned());
        self.search.hits.clear();
        self.search.error = None;
        let parsed = match crosscheck_engine::library::SearchQuery::parse(query) {
            Ok(parsed) => parsed,
            Err(err) => {
                self.search.error = Some(err);
                return;
            }
        };
        let Some(index) = self.index.as_ref() else {
            self.search.error = Some("the library is unavailable".to_owned());
            return;
        };
        self.search.hits = match notes {
            Some(notes) => notes.search(index, &parsed, SEARCH_LIMIT),
            None => crosscheck_engine::library::search(index, &parsed, None, SEARCH_LIMIT),
        };
    }
}

/// The background thread's work: its own index, brought up to date or given a new folder.
fn run_job(
    data_dir: &Path,
    folder: Option<&Path>,
    opened: &[String],
    progress: &Mutex<JobProgress>,
) -> Outcome {
    let mut index = LibraryIndex::open(data_dir).map_err(|e| e.to_string())?;
    let mut report = |p: &Progress| {
        if let Ok(mut shared) = progress.lock() {
            shared.done = p.done;
            shared.total = p.total;
        }
    };
    let summary = match folder {
        Some(folder) => index.add_folder(folder, opened, &mut report),
        None => index.update(opened, &mut report),
    }
    .map_err(|e| e.to_string())?;
    // Built here, so that the first comparison in the window does not wait for it.
    index.matcher();
    let store = crosscheck_engine::store::Store::open(data_dir).ok();
    let records = SourceRecords::build(&index, store.as_ref());
    Ok((index, records, summary))
}

/// The notice shown when a job finishes: "Added /reports to the library: 4 indexed, …".
pub fn summary_message(finished: &Finished) -> Option<(String, bool)> {
    match (&finished.folder, &finished.result) {
        (Some(folder), Ok(summary)) => {
            let mut message = format!(
                "Added {} to the library: {} indexed, {} unchanged, {} unreadable \
                 ({}, {} in all)",
                folder.display(),
                summary.indexed,
                summary.unchanged,
                summary.failed.len(),
                super::widgets::counted(summary.articles, "article"),
                super::widgets::counted(summary.claims, "claim")
            );
            if let Some((path, reason)) = summary.failed.first() {
                message.push_str(&format!("; first unreadable: {path} ({reason})"));
            }
            Some((message, false))
        }
        (Some(folder), Err(err)) => Some((
            format!("Cannot add the folder ({err}): {}", folder.display()),
            true,
        )),
        (None, Err(err)) => Some((format!("Cannot update the library: {err}"), true)),
        (None, Ok(_)) => None,
    }
}
