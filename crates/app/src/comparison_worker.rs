//! The comparison of the open article against the library, computed on a background thread.
//!
//! Comparing a long article (thousands of claims) against a large library takes tens of
//! milliseconds or more, and dropping the comparison it replaces takes a few more: neither may
//! hold up a frame. The window asks with [`ComparisonWorker::request`], goes on drawing, and
//! takes the result with [`ComparisonWorker::take`] when it is there; a result for an article
//! that is no longer the one asked about is thrown away. Only the latest request counts: a
//! request that is still waiting when a newer one comes is skipped.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use crosscheck_engine::document::Document;
use crosscheck_engine::extract::Extraction;
use crosscheck_engine::library::{Comparison, LibraryIndex};
use crosscheck_engine::store::Store;

/// What the window asks the thread to do.
enum Request {
    /// Compare an article against the index.
    Compare(Box<Job>),
    /// Drop something large (a replaced comparison or index) off the window's thread.
    Discard(Box<dyn Send>),
}

/// One comparison to make.
struct Job {
    /// The [`crate::session::Article::id`] of the article compared.
    article: u64,
    document: Document,
    extraction: Extraction,
    index: Arc<LibraryIndex>,
    /// The notes store folder, for the verdicts other reports' claims carry.
    store_dir: Option<PathBuf>,
}

/// A finished comparison, for the article it was asked for.
pub struct Compared {
    /// The [`crate::session::Article::id`] of the article compared.
    pub article: u64,
    /// The comparison.
    pub comparison: Comparison,
}

/// The background thread making comparisons, started at the first request.
#[derive(Default)]
pub struct ComparisonWorker {
    thread: Option<(Sender<Request>, Receiver<Compared>)>,
    /// The article of the latest request not yet answered.
    pending: Option<u64>,
    /// Why the thread could not be started or stopped, once.
    error: Option<String>,
}

impl ComparisonWorker {
    /// Asks for the comparison of `document` with its `extraction` (the article `article`)
    /// against `index`, with verdict hints read from the notes store in `store_dir`. `ctx` is
    /// asked to repaint when it is done.
    pub fn request(
        &mut self,
        ctx: &egui::Context,
        article: u64,
        document: Document,
        extraction: Extraction,
        index: Arc<LibraryIndex>,
        store_dir: Option<PathBuf>,
    ) {
        let job = Job {
            article,
            document,
            extraction,
            index,
            store_dir,
        };
        if self.send(ctx, Request::Compare(Box::new(job))) {
            self.pending = Some(article);
        }
    }

    /// Drops `value` on the background thread (or here if the thread is not running).
    pub fn discard(&self, value: impl Send + 'static) {
        if let Some((requests, _)) = &self.thread {
            // A stopped thread hands the value back, dropped here.
            let _ = requests.send(Request::Discard(Box::new(value)));
        }
    }

    /// Whether a comparison asked for has not come back yet.
    pub fn is_comparing(&self) -> bool {
        self.pending.is_some()
    }

    /// The comparison asked for last, once it is done. Earlier ones that come back late are
    /// dropped.
    pub fn take(&mut self) -> Option<Compared> {
        let (_, results) = self.thread.as_ref()?;
        loop {
            match results.try_recv() {
                Ok(compared) if Some(compared.article) == self.pending => {
                    self.pending = None;
                    return Some(compared);
                }
                Ok(stale) => self.discard(stale.comparison),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.thread = None;
                    self.pending = None;
                    self.error = Some("the library comparison stopped unexpectedly".to_owned());
                    return None;
                }
            }
        }
    }

    /// Why comparisons cannot be made, once: shown as a notice by the window.
    pub fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }

    /// Sends `request`, starting the thread first if needed; false (with the error kept) if it
    /// cannot run.
    fn send(&mut self, ctx: &egui::Context, request: Request) -> bool {
        if self.thread.is_none() {
            let (requests, inbox) = std::sync::mpsc::channel();
            let (outbox, results) = std::sync::mpsc::channel();
            let repaint = ctx.clone();
            let started = std::thread::Builder::new()
                .name("library-compare".to_owned())
                .spawn(move || serve(&inbox, &outbox, &repaint));
            if let Err(err) = started {
                self.error = Some(format!("cannot compare with the library: {err}"));
                return false;
            }
            self.thread = Some((requests, results));
        }
        let Some((requests, _)) = &self.thread else {
            return false;
        };
        if requests.send(request).is_err() {
            self.thread = None;
            self.error = Some("the library comparison stopped unexpectedly".to_owned());
            return false;
        }
        true
    }
}

/// The thread's loop: the latest comparison asked for, one at a time, until the window goes.
fn serve(inbox: &Receiver<Request>, outbox: &Sender<Compared>, repaint: &egui::Context) {
    while let Ok(first) = inbox.recv() {
        let mut latest = None;
        for request in std::iter::once(first).chain(inbox.try_iter()) {
            match request {
                Request::Compare(job) => latest = Some(job),
                Request::Discard(value) => drop(value),
            }
        }
        let Some(job) = latest else {
            continue;
        };
        let store = job.store_dir.as_ref().and_then(|dir| Store::open(dir).ok());
        let comparison = crosscheck_engine::library::compare(
            &job.document,
            &job.extraction,
            &job.index,
            store.as_ref(),
        );
        let compared = Compared {
            article: job.article,
            comparison,
        };
        if outbox.send(compared).is_err() {
            return;
        }
        repaint.request_repaint();
        // The article's copy is dropped here, after the window has its result.
        drop(job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_engine::document::{Format, load_bytes};
    use std::time::{Duration, Instant};

    fn article(text: &str) -> (Document, Extraction) {
        let document = load_bytes(text.as_bytes(), Format::Text).expect("the article loads");
        let extraction = crosscheck_engine::extract::extract(&document);
        (document, extraction)
    }

    /// Takes results until one comes or a minute passes.
    fn wait(worker: &mut ComparisonWorker) -> Option<Compared> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Some(compared) = worker.take() {
                return Some(compared);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    #[test]
    fn only_the_latest_request_is_answered_and_for_its_own_article() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = Arc::new(LibraryIndex::open(dir.path()).expect("an empty library"));
        let ctx = egui::Context::default();
        let mut worker = ComparisonWorker::default();
        assert!(!worker.is_comparing());
        let (first, first_claims) =
            article("Pact talks\n\nThe minister said the first units could leave in May.\n");
        let (second, second_claims) = article(
            "Pact talks, later\n\nThe envoy said the talks would resume in June. \
             Officials said the deal was close.\n",
        );
        let claims = second_claims.claims.len();
        worker.request(&ctx, 1, first, first_claims, index.clone(), None);
        worker.request(&ctx, 2, second, second_claims, index, None);
        assert!(worker.is_comparing());
        let compared = wait(&mut worker).expect("a comparison comes back");
        assert_eq!(compared.article, 2, "the earlier request is not answered");
        assert_eq!(compared.comparison.claims.len(), claims);
        assert!(!worker.is_comparing());
        // Nothing else comes: the first article's comparison, if made, was dropped.
        std::thread::sleep(Duration::from_millis(50));
        assert!(worker.take().is_none());
        assert!(worker.take_error().is_none());
    }

    #[test]
    fn discarding_before_the_thread_runs_drops_in_place() {
        let worker = ComparisonWorker::default();
        let value = Arc::new(());
        worker.discard(value.clone());
        assert_eq!(Arc::strong_count(&value), 1, "dropped at once");
    }
}
