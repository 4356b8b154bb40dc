//! The window's library commands and background jobs: adding a folder, taking in a finished
//! indexing job, comparing the open article again, adopting a verdict and searching. Part of
//! [`super::App::apply`], kept apart so each file reads in one sitting.

use std::path::PathBuf;

use super::notes::Edit;
use super::{App, Command, Notice, library};

impl App {
    /// Performs one of the library's commands.
    pub(super) fn apply_library(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::AddFolderDialog => {
                if !self.has_portal {
                    self.browse(super::file_browser::BrowsePurpose::AddFolder, String::new());
                    return;
                }
                let picked = rfd::FileDialog::new()
                    .set_title("Add a folder of reports to the library")
                    .pick_folder();
                if let Some(folder) = picked {
                    self.apply(ctx, Command::AddFolder(folder));
                }
            }
            Command::AddFolder(folder) => {
                self.start_library_job(Some(folder));
                ctx.request_repaint();
            }
            Command::OpenClaim { path, start, end } => {
                self.open(ctx, &path);
                let index = self.session.as_ref().and_then(|s| {
                    let claims = &s.article.claims;
                    let exact = claims.iter().position(|c| c.start == start && c.end == end);
                    exact.or_else(|| {
                        claims
                            .iter()
                            .position(|c| !c.is_orphaned() && c.start <= start && start < c.end)
                    })
                });
                if index.is_some() {
                    self.select(ctx, index);
                }
            }
            Command::AdoptVerdict { verdict, from } => {
                self.edit(ctx, &[Edit::AdoptVerdict { verdict, from }]);
                self.refresh_comparison(ctx);
            }
            Command::SearchLibrary(query) => {
                if let Some(library) = self.library.as_mut() {
                    library.run_search(&query, self.store.as_ref());
                }
            }
            _ => {}
        }
    }

    /// Starts adding `folder` to the library (`None`: bringing it up to date) in the background.
    pub(super) fn start_library_job(&mut self, folder: Option<PathBuf>) {
        let (Some(store), Some(library)) = (self.store.as_ref(), self.library.as_mut()) else {
            if folder.is_some() {
                self.notify_error("The library is unavailable: the notes store is not open".into());
            }
            return;
        };
        let (opened, unread) = match store.opened_articles() {
            Ok(opened) => (opened, None),
            Err(err) => (Vec::new(), Some(err)),
        };
        let started = match folder {
            Some(folder) => library.start_add_folder(folder, opened),
            None => library.start_update(opened),
        };
        if let Some(err) = unread {
            self.notify_error(format!("Cannot read the list of opened articles: {err}"));
        }
        if let Err(err) = started {
            self.notify_error(err);
        }
    }

    /// Takes in a finished library job: the new index, a notice, a fresh comparison.
    pub(super) fn poll_library(&mut self, ctx: &egui::Context) {
        let Some(library) = self.library.as_mut() else {
            return;
        };
        if library.is_busy() {
            ctx.request_repaint_after_secs(0.1);
        }
        self.take_comparison();
        let Some(library) = self.library.as_mut() else {
            return;
        };
        let Some(finished) = library.poll() else {
            return;
        };
        for message in &finished.notices {
            self.notices.push(Notice {
                message: message.clone(),
                is_error: false,
            });
        }
        if let Some((message, is_error)) = library::summary_message(&finished) {
            self.notices.push(Notice { message, is_error });
        }
        if finished.result.is_ok() {
            self.refresh_comparison(ctx);
            self.refresh_sources();
            self.index_open_article();
        }
        ctx.request_repaint();
    }

    /// Starts indexing the open article in the background if the library does not hold it
    /// yet (opened for the first time, or changed), once per article version: a file the
    /// indexer cannot read must not start job after job.
    pub(super) fn index_open_article(&mut self) {
        let (Some(session), Some(library)) = (self.session.as_ref(), self.library.as_ref()) else {
            return;
        };
        let version = session.article.document.sha256.clone();
        if library.is_busy()
            || library.holds(&session.article.document)
            || self.library_indexed_for.as_ref() == Some(&version)
        {
            return;
        }
        self.library_indexed_for = Some(version);
        self.start_library_job(None);
    }

    /// Starts comparing the open article against the library in the background (after the
    /// index or the article changed, or another tab came to the front); the frame does not
    /// wait for it.
    pub(super) fn refresh_comparison(&mut self, ctx: &egui::Context) {
        let (Some(session), Some(library)) = (self.session.as_ref(), self.library.as_mut()) else {
            return;
        };
        let article = &session.article;
        library.request_comparison(
            ctx,
            article.id(),
            article.document.clone(),
            article.extraction.clone(),
            self.store.as_ref().map(|s| s.dir().to_owned()),
        );
    }

    /// Takes in the comparison made in the background, if it is done and still for the open
    /// article; the one it replaces is dropped on the background thread.
    fn take_comparison(&mut self) {
        let Some(library) = self.library.as_mut() else {
            return;
        };
        if let Some(err) = library.take_comparison_error() {
            self.notify_error(err);
        }
        let Some(library) = self.library.as_mut() else {
            return;
        };
        let Some(compared) = library.take_comparison() else {
            return;
        };
        let replaced = match self.session.as_mut() {
            Some(session) if session.article.id() == compared.article => {
                session.article.set_comparison(Some(compared.comparison))
            }
            _ => Some(compared.comparison),
        };
        if let Some(replaced) = replaced {
            library.discard(replaced);
        }
    }
}
