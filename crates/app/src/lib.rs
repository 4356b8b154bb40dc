//! The desktop reader window (eframe/egui): the article beside its claims, sources and the
//! person's verification notes, and each claim cross-checked against the library of other
//! reports (indexed in the background).
//!
//! Each frame the UI functions (`*_ui`) read the [`Session`] and return [`Command`]s; after
//! the UI pass [`App::apply`] performs them in one place. Dialogs, file I/O and the notes store
//! are only reached from there.

#![warn(missing_docs)]

pub mod article_view;
pub mod bidi;
pub mod chain_graph;
pub mod claim_detail;
pub mod claims_panel;
pub mod command;
pub mod compare_view;
pub mod comparison_worker;
pub mod file_browser;
pub mod fonts;
pub mod library;
mod library_apply;
pub mod library_view;
pub mod notes;
pub mod preferences_window;
pub mod revision_view;
pub mod session;
mod sources_apply;
pub mod sources_model;
pub mod sources_view;
pub mod start_screen;
pub mod status_bar;
pub mod tabs;
mod tabs_apply;
pub mod theme;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use command::Command;
pub use notes::{NotesStore, Verdict};
pub use session::{PanelTab, Session};

use article_view::ArticleStyle;
use notes::{Edit, EvidenceLink, RecentArticle, Target};
use status_bar::SaveStatus;

/// The name eframe stores the window's preferences under.
pub const APP_NAME: &str = "crosscheck";

/// A note being written is saved this long after the last keystroke, in seconds.
const NOTE_SAVE_DELAY_SECS: f64 = 1.0;

/// Most recent files kept in the preferences.
const MAX_RECENT: usize = 12;

/// UI preferences kept between runs in eframe's storage.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct State {
    /// Whether the dark theme is on.
    pub is_dark: bool,
    /// Article font size in points.
    pub font_size: f32,
    /// Width of the claims panel in points.
    pub panel_width: f32,
    /// The side panel's tab.
    pub tab: PanelTab,
    /// Recently opened files, most recent first (used when the store has no index yet).
    pub recent: Vec<PathBuf>,
    /// The tabs open when the window was last closed, in order.
    pub tabs: Vec<tabs::SavedTab>,
    /// The active one's position among them.
    pub active_tab: usize,
}

impl Default for State {
    fn default() -> Self {
        Self {
            is_dark: false,
            font_size: theme::DEFAULT_FONT_SIZE,
            panel_width: theme::PANEL_WIDTH,
            tab: PanelTab::Claims,
            recent: Vec::new(),
            tabs: Vec::new(),
            active_tab: 0,
        }
    }
}

/// How the window was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The notes store folder (`None`: the default data folder).
    pub data_dir: Option<PathBuf>,
    /// An article to open at once.
    pub open: Option<PathBuf>,
    /// Render the window, save a PNG here and close.
    pub screenshot: Option<PathBuf>,
    /// Where the outcome of `--screenshot` is reported to `main`.
    pub screenshot_result: Arc<Mutex<Option<Result<(), String>>>>,
    /// Use the window's own file browser even where the desktop portal is there.
    pub use_file_browser: bool,
    /// Preferences for this run (command-line flags and environment variables), over the
    /// saved ones.
    pub preferences: crosscheck_engine::preferences::Preferences,
    /// Look for the system's fonts (in the background) for scripts the bundled fonts lack.
    /// Off by default so that tests see the same fonts everywhere; the binary turns it on.
    pub system_fonts: bool,
}

/// Something the person should know: an error or a notice, shown in the window until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The message, ending with the file concerned if any.
    pub message: String,
    /// Whether it is an error (shown in red).
    pub is_error: bool,
}

/// Progress of `--screenshot`.
#[derive(Default)]
struct ScreenshotJob {
    path: Option<PathBuf>,
    frames: u32,
    /// The frame from which the screenshot may be taken (set once the window is ready).
    ready_at: Option<u32>,
    is_requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

/// The window: persisted preferences beside what is not saved.
pub struct App {
    /// UI preferences (saved).
    pub state: State,
    /// The open article, if any.
    pub session: Option<Session>,
    /// Errors and notices shown at the top of the window.
    pub notices: Vec<Notice>,
    /// The notes store (`None` if it could not be opened; see `notices`).
    store: Option<NotesStore>,
    /// The library beside the store (`None` without a store).
    library: Option<library::Library>,
    /// The article version (sha256) the last indexing job for the open article was started
    /// for, so that an article the indexer cannot read starts one job, not one per frame.
    library_indexed_for: Option<String>,
    /// Where notes go and whether the last save failed.
    pub save_status: SaveStatus,
    /// Recent articles for the start screen.
    recent: Vec<RecentArticle>,
    /// Commands queued for the next apply step (from tests, drops, …).
    pending: Vec<Command>,
    screenshot: ScreenshotJob,
    applied_dark: Option<bool>,
    /// The window's own file browser, open when the desktop has no file-dialog portal.
    pub browser: Option<file_browser::FileBrowser>,
    /// Whether the desktop's file dialogs are used (else the window's own browser).
    has_portal: bool,
    /// The articles open in other tabs.
    tabs: tabs::Tabs,
    /// The preferences as saved (what the Preferences window edits).
    pub preferences: crosscheck_engine::preferences::Preferences,
    /// This run's preferences (flags, environment), over the saved ones.
    run_preferences: crosscheck_engine::preferences::Preferences,
    /// The Preferences window, while open.
    pub preferences_window: Option<preferences_window::PreferencesDraft>,
    /// The system's fonts, listed in the background.
    pub system_fonts: Option<fonts::SystemFonts>,
}

impl App {
    /// Creates the window's app from eframe's creation context.
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options) -> Self {
        if options.screenshot.is_some() {
            // A screenshot shows the defaults, not what the last run left (scroll positions,
            // panel sizes, theme), and saves nothing.
            cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
            let state = State {
                tab: screenshot_tab(),
                ..State::default()
            };
            return Self::with_state(&cc.egui_ctx, state, options);
        }
        let state = cc
            .storage
            .and_then(|s| eframe::get_value::<State>(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_state(&cc.egui_ctx, state, options)
    }

    /// Creates the app with the given preferences (tests and benches start here).
    pub fn with_state(ctx: &egui::Context, state: State, options: Options) -> Self {
        ctx.set_theme(if state.is_dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let mut notices = Vec::new();
        let store = match NotesStore::open(options.data_dir.clone()) {
            Ok(store) => Some(store),
            Err(err) => {
                notices.push(Notice {
                    message: format!("Notes cannot be saved: {err}"),
                    is_error: true,
                });
                None
            }
        };
        let save_status = SaveStatus {
            location: store
                .as_ref()
                .map_or_else(|| "nowhere".to_owned(), |s| s.location().to_owned()),
            error: store
                .is_none()
                .then(|| "the notes store is unavailable".to_owned()),
            is_read_only: false,
        };
        let system_fonts = options.system_fonts.then(|| fonts::SystemFonts::start(ctx));
        let (saved_preferences, preference_notices) =
            preferences_window::load_preferences(store.as_ref());
        notices.extend(preference_notices.into_iter().map(|message| Notice {
            message,
            is_error: true,
        }));
        let mut state = state;
        // A screenshot shows the default look (with this run's flags only).
        let effective = if options.screenshot.is_some() {
            options.preferences.clone()
        } else {
            saved_preferences.overlay(&options.preferences)
        };
        if let Some(theme) = effective.theme {
            state.is_dark = theme == crosscheck_engine::preferences::Theme::Dark;
        }
        if let Some(size) = effective.text_size {
            state.font_size = size.clamp(theme::FONT_SIZE_RANGE.0, theme::FONT_SIZE_RANGE.1);
        }
        ctx.set_theme(if state.is_dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let state_is_dark = state.is_dark;
        let library = store
            .as_ref()
            .map(|store| library::Library::open(store.dir()));
        let mut app = Self {
            state,
            session: None,
            notices,
            store,
            library,
            library_indexed_for: None,
            save_status,
            recent: Vec::new(),
            pending: Vec::new(),
            screenshot: ScreenshotJob {
                path: options.screenshot.clone(),
                result: options.screenshot_result.clone(),
                ..Default::default()
            },
            applied_dark: Some(state_is_dark),
            browser: None,
            has_portal: !options.use_file_browser && file_dialog_is_available(),
            tabs: tabs::Tabs::default(),
            preferences: saved_preferences,
            run_preferences: options.preferences.clone(),
            preferences_window: None,
            system_fonts,
        };
        app.refresh_recent();
        app.start_library_job(None);
        let saved_tabs = std::mem::take(&mut app.state.tabs);
        let active_tab = app.state.active_tab;
        app.restore_tabs(ctx, saved_tabs, active_tab);
        if let Some(path) = options.open {
            app.apply(ctx, Command::Open(path));
        }
        app
    }

    /// The preferences to save between runs, with the open tabs and their selections.
    pub fn saved_state(&self) -> State {
        let (tabs, active_tab) = self.saved_tabs();
        State {
            tabs,
            active_tab,
            ..self.state.clone()
        }
    }

    /// Queues a command for the next frame's apply step.
    pub fn queue(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// The recent articles shown on the start screen.
    pub fn recent(&self) -> &[RecentArticle] {
        &self.recent
    }

    /// The notes store, if open.
    pub fn store(&self) -> Option<&NotesStore> {
        self.store.as_ref()
    }

    /// The library, if open.
    pub fn library(&self) -> Option<&library::Library> {
        self.library.as_ref()
    }

    fn notify_error(&mut self, message: String) {
        self.notices.push(Notice {
            message,
            is_error: true,
        });
    }

    fn refresh_recent(&mut self) {
        let from_store = self.store.as_ref().map(NotesStore::recent);
        let mut recent = match from_store {
            Some(Ok((list, notices))) => {
                self.notices
                    .extend(notices.into_iter().map(|message| Notice {
                        message,
                        is_error: false,
                    }));
                list
            }
            Some(Err(err)) => {
                self.notify_error(format!("Cannot read the list of recent articles: {err}"));
                Vec::new()
            }
            None => Vec::new(),
        };
        for path in &self.state.recent {
            if !recent.iter().any(|r| &r.path == path) {
                recent.push(RecentArticle {
                    path: path.clone(),
                    title: None,
                    notes: 0,
                });
            }
        }
        self.recent = recent;
    }

    /// Performs one command. Every effect of the UI goes through here.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => {
                if !self.has_portal {
                    self.browse(file_browser::BrowsePurpose::Open, String::new());
                    return;
                }
                let picked = rfd::FileDialog::new()
                    .set_title("Open an article")
                    .add_filter(
                        "Articles",
                        &[
                            "txt", "text", "md", "markdown", "html", "htm", "xhtml", "gz", "mhtml",
                            "mht", "pdf", "epub",
                        ],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open(ctx, &path);
                }
            }
            Command::Open(path) => self.open(ctx, &path),
            Command::OpenSample => {
                let path = crosscheck_engine::document::sample_article_path();
                self.open(ctx, &path);
            }
            Command::ExportDialog(format) => {
                self.flush_note(ctx);
                let Some(session) = &self.session else {
                    return;
                };
                let stem = session
                    .article
                    .document
                    .path
                    .as_deref()
                    .map(Path::new)
                    .and_then(|p| p.file_stem())
                    .map_or_else(
                        || "article".to_owned(),
                        |s| s.to_string_lossy().into_owned(),
                    );
                let file_name = format!("{stem}.{}", format.file_suffix());
                if !self.has_portal {
                    self.browse(file_browser::BrowsePurpose::Export(format), file_name);
                    return;
                }
                let mut dialog = rfd::FileDialog::new()
                    .set_title(format.label())
                    .set_file_name(file_name);
                if let Some(dir) = self.export_dir() {
                    dialog = dialog.set_directory(dir);
                }
                let picked = dialog.save_file();
                if let Some(path) = picked {
                    self.apply(ctx, Command::ExportTo { format, path });
                }
            }
            Command::BrowseTo(dir) => {
                if let Some(browser) = &self.browser {
                    let file_name = browser.file_name.clone();
                    self.browser = Some(file_browser::FileBrowser::list(
                        browser.purpose,
                        &dir,
                        file_name,
                    ));
                }
            }
            Command::BrowserChoose(path) => {
                let Some(browser) = self.browser.take() else {
                    return;
                };
                let next = match browser.purpose {
                    file_browser::BrowsePurpose::Open => Command::Open(path),
                    file_browser::BrowsePurpose::AddFolder => Command::AddFolder(path),
                    file_browser::BrowsePurpose::Export(format) => {
                        Command::ExportTo { format, path }
                    }
                };
                self.apply(ctx, next);
            }
            Command::CloseBrowser => self.browser = None,
            Command::ExportTo { format, path } => self.export(format, &path),
            Command::SelectClaim(index) => self.select(ctx, index),
            Command::NextClaim | Command::PrevClaim
                if self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.view.revision.is_some()) =>
            {
                // In the revision view, j and k go from change to change.
                let next = if command == Command::NextClaim {
                    Command::NextChange
                } else {
                    Command::PrevChange
                };
                self.apply(ctx, next);
            }
            Command::NextClaim | Command::PrevClaim => {
                let is_next = command == Command::NextClaim;
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                let selected = session.view.selection;
                let list = session.view.filtered(&session.article);
                let position = selected.and_then(|s| list.iter().position(|i| *i == s));
                let next = match (position, is_next) {
                    (None, true) => list.first(),
                    (None, false) => list.last(),
                    (Some(p), true) => list.get(p + 1).or(list.get(p)),
                    (Some(p), false) => list.get(p.saturating_sub(1)),
                };
                if let Some(next) = next.copied() {
                    self.select(ctx, Some(next));
                }
            }
            Command::SetVerdict(verdict) => self.edit(ctx, &[Edit::Verdict(verdict)]),
            Command::EditNote => {
                if let Some(session) = self.session.as_mut()
                    && session.view.selection.is_some()
                {
                    session.view.focus_note = true;
                }
            }
            Command::FocusSearch => {
                if let Some(session) = self.session.as_mut() {
                    session.view.focus_search = true;
                    self.state.tab = PanelTab::Claims;
                }
            }
            Command::SaveNote { claim_id, text } => self.save_note(ctx, &claim_id, text),
            Command::AddEvidence { url, label } => {
                self.edit(ctx, &[Edit::AddEvidence(EvidenceLink { url, label })]);
            }
            Command::RemoveEvidence(url) => self.edit(ctx, &[Edit::RemoveEvidence(url)]),
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Command::AddTag(tag) => self.edit(ctx, &[Edit::AddTag(tag)]),
            Command::RemoveTag(tag) => self.edit(ctx, &[Edit::RemoveTag(tag)]),
            Command::AddManualClaim { start, end, source } => {
                self.add_manual_claim(ctx, start, end, &source);
            }
            Command::FilterSource(source_id) => {
                if let Some(session) = self.session.as_mut() {
                    session.view.filter.source_id = source_id;
                    self.state.tab = PanelTab::Claims;
                }
            }
            Command::ToggleTheme => {
                self.state.is_dark = !self.state.is_dark;
                self.remember_look();
            }
            Command::FontLarger | Command::FontSmaller => {
                let step = if command == Command::FontLarger {
                    1.0
                } else {
                    -1.0
                };
                let (min, max) = theme::FONT_SIZE_RANGE;
                self.state.font_size = (self.state.font_size + step).clamp(min, max);
                self.remember_look();
            }
            Command::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo | Command::Redo => self.undo(ctx, command == Command::Redo),
            Command::ConfirmReview => self.edit(ctx, &[Edit::Confirm]),
            Command::ConfirmNote(id) => {
                self.update(ctx, &Target::Note(id), &[Edit::Confirm]);
            }
            command @ (Command::ShowRevision
            | Command::CloseRevision
            | Command::MarkReviewed
            | Command::NextChange
            | Command::PrevChange
            | Command::SelectChange(_)) => self.apply_revision(ctx, command),
            command @ (Command::AddFolderDialog
            | Command::AddFolder(_)
            | Command::OpenClaim { .. }
            | Command::AdoptVerdict { .. }
            | Command::SearchLibrary(_)) => self.apply_library(ctx, command),
            command @ (Command::CloseArticle
            | Command::SwitchTab(_)
            | Command::CloseTab(_)
            | Command::NextTab
            | Command::PrevTab) => self.apply_tabs(ctx, command),
            command @ (Command::OpenPreferences
            | Command::SavePreferences(_)
            | Command::ClosePreferences) => self.apply_preferences(ctx, command),
            command @ (Command::ShowSourceRecord { .. }
            | Command::MergeSource { .. }
            | Command::SplitSource { .. }
            | Command::SetSourceKind { .. }
            | Command::NotASource { .. }
            | Command::SetSourceStatus { .. }
            | Command::UndoSourceCorrection
            | Command::RedoSourceCorrection
            | Command::ExportSourceRecordDialog { .. }
            | Command::ExportSourceRecordTo { .. }) => self.apply_sources(ctx, command),
        }
    }

    /// Opens the article at `path` in a new tab, or shows the tab that has it (reading it
    /// again if it is the active one).
    fn open(&mut self, ctx: &egui::Context, path: &Path) {
        if self.is_active_path(path) {
            self.reload_active(ctx, path);
        } else if !self.go_to_open_tab(ctx, path) {
            self.load(ctx, path);
        }
    }

    /// Loads, extracts and shows the article at `path` in a new tab; a failure becomes a
    /// notice.
    fn load(&mut self, ctx: &egui::Context, path: &Path) {
        self.flush_note(ctx);
        let started = Instant::now();
        let document = match crosscheck_engine::document::load(path) {
            Ok(document) => document,
            Err(err) => {
                self.notify_error(format!(
                    "Cannot open the article ({err}): {}",
                    path.display()
                ));
                return;
            }
        };
        // What the extractor finds, with the person's corrections of sources.
        let corrections = self.corrections();
        let extraction = crosscheck_engine::sources::extract_corrected(&document, &corrections);
        self.show_document(ctx, document, extraction);
        if let Some(session) = self.session.as_mut() {
            session.article.open_ms = started.elapsed().as_secs_f64() * 1000.0;
        }
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.state.recent.retain(|p| p != &absolute);
        self.state.recent.insert(0, absolute);
        self.state.recent.truncate(MAX_RECENT);
    }

    /// Shows a loaded document with its extraction, reading its notes from the store.
    pub fn show_document(
        &mut self,
        ctx: &egui::Context,
        document: crosscheck_engine::document::Document,
        extraction: crosscheck_engine::extract::Extraction,
    ) {
        self.flush_note(ctx);
        // The article opens in a new tab after the active one, which keeps its state.
        self.stash_active();
        self.save_status.is_read_only = false;
        let (notes, revision) = match self.store.as_mut().map(|s| s.open_article(&document)) {
            Some(Ok(opened)) => {
                self.save_status.error = None;
                self.save_status.is_read_only = opened.is_read_only;
                self.notices
                    .extend(opened.notices.into_iter().map(|message| Notice {
                        message,
                        is_error: false,
                    }));
                (opened.notes, opened.revision)
            }
            Some(Err(err)) => {
                self.notify_error(format!("Cannot read the notes of this article: {err}"));
                (Vec::new(), None)
            }
            None => (Vec::new(), None),
        };
        let mut session = Session::new(document, extraction, &notes);
        session.article.revision = revision
            .map(|r| revision_view::ArticleRevision::new(r, &session.article.document.text));
        self.session = Some(session);
        self.refresh_comparison(ctx);
        self.set_window_title(ctx);
        self.refresh_sources();
        self.index_open_article();
    }

    /// Writes the article's notes in `format` to `path`; the outcome is shown as a notice.
    fn export(&mut self, format: crosscheck_engine::export::ExportFormat, path: &Path) {
        let (Some(session), Some(store)) = (&self.session, &self.store) else {
            return;
        };
        let publishing = self.effective_preferences().publishing();
        let result = store
            .export(
                &session.article.document,
                &session.article.extraction,
                format,
                &publishing,
            )
            .and_then(|(text, notices)| {
                crosscheck_engine::export::write_export(path, &text)
                    .map(|()| notices)
                    .map_err(|e| e.to_string())
            });
        let (message, is_error) = match result {
            Ok(notices) => {
                let mut message = format!("Exported the {}: {}", format.label(), path.display());
                for notice in notices {
                    message.push_str(&format!(" ({notice})"));
                }
                (message, false)
            }
            Err(err) => (
                format!("Cannot write the export ({err}): {}", path.display()),
                true,
            ),
        };
        self.notices.push(Notice { message, is_error });
    }

    /// Changes the selection, saving a note being written first. Every change of the
    /// selection comes through here.
    fn select(&mut self, ctx: &egui::Context, selection: Option<usize>) {
        self.flush_note(ctx);
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let old = session.view.selection;
        session.view.selection = selection;
        for index in [old, selection].into_iter().flatten() {
            article_view::invalidate_claim(&session.article, &mut session.view, index);
        }
        session.view.scroll_to_selection = session.selected().is_some_and(|c| !c.is_orphaned());
        session.view.scroll_list_to_selection = true;
    }

    /// Saves the note being written, if it changed, on the claim it was written for.
    fn flush_note(&mut self, ctx: &egui::Context) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let drafts = &session.drafts;
        if let (true, Some(claim_id)) = (drafts.is_note_dirty, drafts.note_for.clone()) {
            let text = drafts.note.clone();
            self.apply(ctx, Command::SaveNote { claim_id, text });
        }
    }

    /// Saves `text` as the note of the claim with id `claim_id`.
    fn save_note(&mut self, ctx: &egui::Context, claim_id: &str, text: String) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if session.drafts.note_for.as_deref() == Some(claim_id) {
            session.drafts.is_note_dirty = false;
        }
        let Some(target) = session.target_of(claim_id) else {
            self.notify_error(format!(
                "The note was not saved: its claim is no longer in the article ({claim_id})"
            ));
            return;
        };
        self.update(ctx, &target, &[Edit::Note(text)]);
    }

    /// Applies `edits` to the selected claim through the store.
    fn edit(&mut self, ctx: &egui::Context, edits: &[Edit]) {
        let Some(target) = self
            .session
            .as_ref()
            .and_then(|s| s.selected())
            .map(|c| c.target())
        else {
            return;
        };
        self.update(ctx, &target, edits);
    }

    /// Sends a change to the store and shows the result; a failure is shown in the status bar.
    fn update(&mut self, _ctx: &egui::Context, target: &Target, edits: &[Edit]) -> Option<String> {
        let session = self.session.as_mut()?;
        let Some(store) = self.store.as_mut() else {
            self.save_status.error = Some("the notes store is unavailable".to_owned());
            return None;
        };
        match store.update(&session.article.document, target, edits) {
            Ok(saved) => {
                self.save_status.error = None;
                session.set_notes(&saved.notes);
                if let Some(step) = saved.step {
                    session.history.record(step);
                }
                // The track records of the article's sources count the new verdict.
                self.refresh_article_records();
                Some(saved.note_id)
            }
            Err(err) => {
                self.save_status.error = Some(err.clone());
                self.notices.push(Notice {
                    message: format!("The change was not saved: {err}"),
                    is_error: true,
                });
                None
            }
        }
    }

    /// Undoes (or redoes) the last change of the article's history, as a saved change.
    fn undo(&mut self, ctx: &egui::Context, is_redo: bool) {
        self.flush_note(ctx);
        if self.save_status.is_read_only {
            return;
        }
        let (Some(session), Some(store)) = (self.session.as_mut(), self.store.as_mut()) else {
            return;
        };
        match store.undo(&session.article.document, &mut session.history, is_redo) {
            Ok(Some(notes)) => {
                self.save_status.error = None;
                session.set_notes(&notes);
                // The note field shows the note as it is now.
                if !session.drafts.is_note_dirty {
                    session.drafts.note_for = None;
                }
                // The verdict undone or redone counts in the track records again.
                self.refresh_article_records();
            }
            Ok(None) => {}
            Err(err) => {
                self.save_status.error = Some(err.clone());
                let what = if is_redo { "redone" } else { "undone" };
                self.notify_error(format!("The change was not {what}: {err}"));
            }
        }
    }

    /// The revision view's commands: open and close it, go from change to change, mark the
    /// version reviewed.
    fn apply_revision(&mut self, ctx: &egui::Context, command: Command) {
        if command == Command::ShowRevision {
            self.flush_note(ctx);
        }
        let (Some(session), Some(store)) = (self.session.as_mut(), self.store.as_mut()) else {
            return;
        };
        let count = session
            .article
            .revision
            .as_ref()
            .map_or(0, revision_view::ArticleRevision::passage_count);
        let last = count.saturating_sub(1);
        let mut go_to = |pick: &dyn Fn(usize) -> usize| {
            if let Some(state) = session.view.revision.as_mut() {
                state.current = pick(state.current).min(last);
                state.scroll_to_current = true;
            }
        };
        match command {
            Command::NextChange => go_to(&|current| current + 1),
            Command::PrevChange => go_to(&|current| current.saturating_sub(1)),
            Command::SelectChange(i) => go_to(&|_| i),
            Command::ShowRevision => {
                if session.article.revision.is_none() {
                    match store.revision(&session.article.document) {
                        Ok(Some(revision)) => {
                            session.article.revision = Some(revision_view::ArticleRevision::new(
                                revision,
                                &session.article.document.text,
                            ));
                        }
                        Ok(None) => {}
                        Err(err) => {
                            let message = format!("Cannot read the earlier version: {err}");
                            self.notices.push(Notice {
                                message,
                                is_error: true,
                            });
                        }
                    }
                }
                session.view.revision = Some(revision_view::RevisionState {
                    current: 0,
                    scroll_to_current: true,
                });
            }
            Command::CloseRevision => session.view.revision = None,
            Command::MarkReviewed => match store.mark_reviewed(&session.article.document) {
                Ok(notes) => {
                    session.set_notes(&notes);
                    if let Some(revision) = session.article.revision.as_mut() {
                        revision.is_dismissed = true;
                    }
                }
                Err(err) => {
                    self.save_status.error = Some(err.clone());
                    self.notify_error(format!("Cannot record the review: {err}"));
                }
            },
            _ => {}
        }
    }

    fn add_manual_claim(&mut self, ctx: &egui::Context, start: usize, end: usize, source: &str) {
        let mut edits = Vec::new();
        if !source.is_empty() {
            edits.push(Edit::Source(source.to_owned()));
        }
        let target = Target::ManualClaim { start, end };
        if self.update(ctx, &target, &edits).is_none() {
            return;
        }
        let Some(session) = self.session.as_mut() else {
            return;
        };
        article_view::set_text_selection(&session.article, &mut session.view, None);
        session.drafts.manual_source.clear();
        let index = session
            .article
            .claims
            .iter()
            .position(|c| c.start == start && c.end == end && c.is_manual());
        self.select(ctx, index);
    }

    /// Bare-key and modifier shortcuts of the listed commands.
    fn shortcut_commands(ctx: &egui::Context, has_article: bool) -> Vec<Command> {
        let is_typing = ctx.text_edit_focused();
        let mut commands = Vec::new();
        for command in Command::listed() {
            if command.needs_article() && !has_article {
                continue;
            }
            if command.is_text_field_key() && is_typing {
                continue;
            }
            if let Some(shortcut) = command.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                commands.push(command);
            }
        }
        commands
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let has_article = self.session.is_some();
        let item = |ui: &mut egui::Ui, command: Command, commands: &mut Vec<Command>| {
            let mut button = egui::Button::new(command.label());
            if let Some(shortcut) = command.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
            }
            let enabled = has_article || !command.needs_article();
            if ui
                .add_enabled(enabled, button)
                .on_hover_text(command.tooltip())
                .clicked()
            {
                commands.push(command);
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, Command::OpenDialog, &mut commands);
                ui.menu_button("Open Recent", |ui| {
                    if self.recent.is_empty() {
                        ui.weak("No recent articles");
                    }
                    for article in &self.recent {
                        let name = article.path.display().to_string();
                        if ui.button(name).clicked() {
                            commands.push(Command::Open(article.path.clone()));
                        }
                    }
                });
                item(ui, Command::OpenSample, &mut commands);
                item(ui, Command::AddFolderDialog, &mut commands);
                ui.add_enabled_ui(has_article, |ui| {
                    ui.menu_button("Export", |ui| {
                        for format in crosscheck_engine::export::ExportFormat::ALL {
                            item(ui, Command::ExportDialog(format), &mut commands);
                        }
                    });
                });
                item(ui, Command::CloseArticle, &mut commands);
                ui.separator();
                item(ui, Command::OpenPreferences, &mut commands);
                ui.separator();
                item(ui, Command::Quit, &mut commands);
            });
            ui.menu_button("Edit", |ui| {
                commands.extend(self.edit_menu_ui(ui));
            });
            ui.menu_button("View", |ui| {
                item(ui, Command::ToggleTheme, &mut commands);
                item(ui, Command::FontLarger, &mut commands);
                item(ui, Command::FontSmaller, &mut commands);
                ui.separator();
                item(ui, Command::NextTab, &mut commands);
                item(ui, Command::PrevTab, &mut commands);
            });
            ui.menu_button("Claims", |ui| {
                for command in Command::listed() {
                    let is_claim_command = command.needs_article()
                        && !command.is_in_edit_menu()
                        && !matches!(
                            command,
                            Command::CloseArticle
                                | Command::ExportDialog(_)
                                | Command::NextTab
                                | Command::PrevTab
                        );
                    if is_claim_command {
                        item(ui, command, &mut commands);
                    }
                }
            });
        });
        commands
    }

    /// The Edit menu: undo and redo (naming the change), and the review of changed words.
    fn edit_menu_ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let session = self.session.as_ref();
        let is_writable = !self.save_status.is_read_only;
        let history = session.map(|s| &s.history);
        let selected_in_review = session
            .and_then(Session::selected)
            .and_then(|c| c.needs_review())
            .is_some();
        let has_changes = session.is_some_and(|s| {
            s.article.revision.is_some()
                || s.article.claims.iter().any(|c| c.needs_review().is_some())
        });
        let entries = [
            (
                Command::Undo,
                history
                    .and_then(|h| h.undo_label())
                    .map(|l| format!("Undo {l}")),
            ),
            (
                Command::Redo,
                history
                    .and_then(|h| h.redo_label())
                    .map(|l| format!("Redo {l}")),
            ),
            (Command::ConfirmReview, selected_in_review.then(String::new)),
            (Command::ShowRevision, has_changes.then(String::new)),
            (
                Command::MarkReviewed,
                session
                    .and_then(|s| s.article.revision.as_ref())
                    .map(|_| String::new()),
            ),
        ];
        for (i, (command, label)) in entries.into_iter().enumerate() {
            if i == 2 {
                ui.separator();
            }
            let enabled = label.is_some() && (is_writable || command == Command::ShowRevision);
            let text = label
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| command.label());
            let mut button = egui::Button::new(text);
            if let Some(shortcut) = command.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
            }
            if ui
                .add_enabled(enabled, button)
                .on_hover_text(command.tooltip())
                .clicked()
            {
                commands.push(command);
            }
        }
        commands
    }

    fn notices_ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        for (i, notice) in self.notices.iter().enumerate() {
            let color = if notice.is_error {
                theme::error_color(ui.visuals().dark_mode)
            } else {
                ui.visuals().text_color()
            };
            egui::Frame::new()
                .stroke(egui::Stroke::new(1.0, color))
                .inner_margin(theme::NOTICE_PADDING)
                .corner_radius(theme::CORNER_RADIUS)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if widgets::icon_button(ui, "×", "Dismiss this message").clicked() {
                            commands.push(Command::DismissNotice(i));
                        }
                        ui.label(egui::RichText::new(&notice.message).color(color));
                    });
                });
        }
        commands
    }

    /// Selects the claim a `--screenshot` shows in full: on the Compare tab the first one other
    /// reports carry; else the first one relayed through a chain, else the first one with a
    /// named source.
    fn select_for_screenshot(&mut self, ctx: &egui::Context) {
        let on_compare = self.state.tab == PanelTab::Compare;
        let first = self.session.as_ref().and_then(|s| {
            let claims = &s.article.claims;
            let matched = |c: &&crosscheck_engine::review::ReviewedClaim| {
                s.article
                    .comparison_of(c)
                    .is_some_and(|m| !m.matches.is_empty())
            };
            on_compare
                .then(|| claims.iter().position(|c| matched(&c)))
                .flatten()
                .or_else(|| claims.iter().position(|c| !c.chain.is_empty()))
                .or_else(|| claims.iter().position(|c| session::source_id(c).is_some()))
        });
        if first.is_some() {
            self.apply(ctx, Command::SelectClaim(first));
        }
    }

    /// Handles `--screenshot`: once the library is read (or after 300 frames), select a
    /// claim; a few frames later grab one, save it and close.
    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(path) = self.screenshot.path.clone() else {
            return;
        };
        self.screenshot.frames += 1;
        ctx.request_repaint();
        let image = self.screenshot.image.lock().ok().and_then(|mut i| i.take());
        if let Some(image) = image {
            let result = save_png(&image, &path);
            if let Ok(mut slot) = self.screenshot.result.lock() {
                *slot = Some(result);
            }
            self.screenshot.path = None;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let library_busy = self.library.as_ref().is_some_and(library::Library::is_busy);
        if self.screenshot.ready_at.is_none() && (!library_busy || self.screenshot.frames >= 300) {
            self.select_for_screenshot(ctx);
            self.screenshot.ready_at = Some(self.screenshot.frames + 6);
        }
        if self
            .screenshot
            .ready_at
            .is_some_and(|at| self.screenshot.frames >= at)
            && !self.screenshot.is_requested
        {
            self.screenshot.is_requested = true;
            let slot = self.screenshot.image.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(image);
                }
            });
        }
        if self.screenshot.frames > 600 {
            if let Ok(mut slot) = self.screenshot.result.lock() {
                *slot = Some(Err("no screenshot arrived from the renderer".to_owned()));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// One frame of the whole window. Public so tests and the bench can drive it without eframe.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_dark != Some(self.state.is_dark) {
            self.applied_dark = Some(self.state.is_dark);
            ctx.set_theme(if self.state.is_dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
        }
        if let Some(system_fonts) = self.system_fonts.as_mut()
            && system_fonts.poll(&ctx)
        {
            // Lines were broken with the boxes drawn before the fonts came.
            self.for_each_session(|session| session.view.cache.invalidate_all());
        }
        widgets::set_arrow(|c| fonts::can_draw(&ctx, c));
        let mut commands = std::mem::take(&mut self.pending);
        commands.extend(Self::shortcut_commands(&ctx, self.session.is_some()));
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        commands.extend(dropped.into_iter().map(Command::Open));

        self.poll_library(&ctx);
        egui::Panel::top("menu").show(ui, |ui| {
            commands.extend(self.menu_bar_ui(ui));
            commands.extend(self.notices_ui(ui));
            if let Some(session) = &self.session {
                commands.extend(tabs::tab_bar_ui(
                    ui,
                    &self.tabs,
                    &tabs::session_title(session),
                ));
            }
            if let Some(progress) = self.library.as_ref().and_then(library::Library::progress) {
                library_view::progress_ui(ui, &progress);
            }
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar::status_bar_ui(ui, self.session.as_ref(), &self.save_status);
        });
        let style = ArticleStyle {
            font_size: self.state.font_size,
            is_dark: self.state.is_dark,
        };
        let is_read_only = self.save_status.is_read_only;
        if let Some(session) = self.session.as_mut() {
            let panel = egui::Panel::right("claims")
                .resizable(true)
                .default_size(self.state.panel_width)
                .size_range(theme::PANEL_WIDTH_RANGE.0..=theme::PANEL_WIDTH_RANGE.1)
                .show(ui, |ui| {
                    let max_detail = (ui.available_height() * 0.7).max(theme::DETAIL_MIN_HEIGHT);
                    egui::Panel::bottom("claim-detail")
                        .resizable(true)
                        .default_size(theme::DETAIL_HEIGHT)
                        .size_range(theme::DETAIL_MIN_HEIGHT..=max_detail)
                        .show(ui, |ui| {
                            // Keep the panel's height when there is little to show.
                            ui.set_min_height(ui.available_height());
                            ui.add_space(4.0);
                            commands.extend(claim_detail::claim_detail_ui(
                                ui,
                                session,
                                is_read_only,
                            ));
                        });
                    egui::CentralPanel::default().show(ui, |ui| {
                        commands.extend(claims_panel::side_panel_ui(
                            ui,
                            session,
                            self.library.as_mut(),
                            &mut self.state.tab,
                        ));
                    });
                });
            self.state.panel_width = panel.response.rect.width();
            egui::CentralPanel::default().show(ui, |ui| {
                let Session {
                    article,
                    view,
                    drafts,
                    ..
                } = session;
                if view.revision.is_some() {
                    commands.extend(revision_view::revision_ui(
                        ui,
                        article,
                        view,
                        style.font_size,
                    ));
                    return;
                }
                commands.extend(revision_view::banner_ui(ui, article));
                commands.extend(claim_detail::article_toolbar_ui(
                    ui,
                    article,
                    view,
                    drafts,
                    style.is_dark,
                ));
                commands.extend(article_view::article_ui(ui, article, view, style));
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(start_screen::start_screen_ui(ui, &self.recent));
            });
        }
        if let Some(browser) = self.browser.as_mut() {
            let beside = self
                .session
                .as_ref()
                .and_then(|s| s.article.document.path.as_deref())
                .zip(match browser.purpose {
                    file_browser::BrowsePurpose::Export(format) => Some(format),
                    _ => None,
                })
                .and_then(|(path, format)| file_browser::beside_article(Path::new(path), format));
            commands.extend(file_browser::file_browser_ui(
                &ctx,
                browser,
                beside.as_deref(),
            ));
        }
        if let Some(draft) = self.preferences_window.as_mut() {
            commands.extend(preferences_window::preferences_window_ui(
                &ctx,
                draft,
                &self.run_preferences,
            ));
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop the article to open it",
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
        if let Some(session) = &self.session
            && session.drafts.is_note_dirty
            && let Some(claim_id) = &session.drafts.note_for
        {
            let idle_secs = ctx.input(|i| i.time) - session.drafts.note_changed_at;
            if idle_secs >= NOTE_SAVE_DELAY_SECS {
                commands.push(Command::SaveNote {
                    claim_id: claim_id.clone(),
                    text: session.drafts.note.clone(),
                });
            } else {
                ctx.request_repaint_after_secs((NOTE_SAVE_DELAY_SECS - idle_secs) as f32);
            }
        }
        if !commands.is_empty() {
            // Show what the commands changed (they are applied after this frame's UI).
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
        self.screenshot_step(&ctx);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.path.is_none() && !self.screenshot.is_requested {
            eframe::set_value(storage, eframe::APP_KEY, &self.saved_state());
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.screenshot.path.is_none() && !self.screenshot.is_requested
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        let ctx = egui::Context::default();
        self.flush_note(&ctx);
    }
}

/// The side panel tab a `--screenshot` shows: Claims, unless the (undocumented, for checking
/// the window's look) `CROSSCHECK_SCREENSHOT_TAB` names another one.
fn screenshot_tab() -> PanelTab {
    match std::env::var("CROSSCHECK_SCREENSHOT_TAB").as_deref() {
        Ok("sources") => PanelTab::Sources,
        Ok("compare") => PanelTab::Compare,
        Ok("library") => PanelTab::Library,
        _ => PanelTab::Claims,
    }
}

impl App {
    /// Opens the window's own file browser on the folder the person most likely wants: the
    /// open article's, else the last opened one's, else the home folder. Reads the folder.
    /// The default export folder of the preferences, if it is set and exists.
    fn export_dir(&self) -> Option<PathBuf> {
        self.effective_preferences()
            .export_dir
            .filter(|dir| dir.is_dir())
    }

    fn browse(&mut self, purpose: file_browser::BrowsePurpose, file_name: String) {
        let article_dir = self
            .session
            .as_ref()
            .and_then(|s| s.article.document.path.as_deref())
            .and_then(|p| Path::new(p).parent().map(Path::to_owned));
        let recent_dir = self
            .state
            .recent
            .first()
            .and_then(|p| p.parent().map(Path::to_owned));
        let export_dir = matches!(purpose, file_browser::BrowsePurpose::Export(_))
            .then(|| self.export_dir())
            .flatten();
        let dir = export_dir
            .or(article_dir)
            .or(recent_dir)
            .filter(|d| d.is_dir())
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        self.browser = Some(file_browser::FileBrowser::list(purpose, &dir, file_name));
    }
}

/// Whether the desktop's file dialog can be reached: rfd asks the XDG desktop portal over the
/// D-Bus session bus, so on Linux without a session bus it could only fail silently (then the
/// window's own file browser is used). `CROSSCHECK_NO_PORTAL=1` forces the browser.
fn file_dialog_is_available() -> bool {
    if std::env::var_os("CROSSCHECK_NO_PORTAL").is_some() {
        return false;
    }
    if !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return true;
    }
    std::env::var_os("XDG_RUNTIME_DIR")
        .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
}

/// Writes an egui image as a PNG file.
fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [width, height] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| {
            let [r, g, b, _] = c.to_array();
            [r, g, b, 255]
        })
        .collect();
    let file = std::fs::File::create(path)
        .map_err(|e| format!("cannot create the screenshot ({e}): {}", path.display()))?;
    let width = u32::try_from(width).map_err(|e| e.to_string())?;
    let height = u32::try_from(height).map_err(|e| e.to_string())?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("cannot write the screenshot ({e}): {}", path.display()))?;
    writer
        .write_image_data(&bytes)
        .map_err(|e| format!("cannot write the screenshot ({e}): {}", path.display()))
}

/// Runs the window until it is closed.
pub fn run(options: Options) -> Result<(), String> {
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if cfg!(target_os = "linux") && !has_display {
        return Err(
            "cannot open the window: no display (DISPLAY and WAYLAND_DISPLAY are \
                    unset); the subcommands work without one, see crosscheck --help"
                .to_owned(),
        );
    }
    let result_slot = options.screenshot_result.clone();
    let is_screenshot = options.screenshot.is_some();
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Crosscheck")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        persist_window: !is_screenshot,
        // Crosscheck installs its own system-font fallback (see `fonts`).
        system_font_fallback: false,
        ..Default::default()
    };
    let options = Options {
        system_fonts: true,
        ..options
    };
    eframe::run_native(
        APP_NAME,
        native_options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, options)))),
    )
    .map_err(|e| format!("the window could not be opened: {e}"))?;
    if is_screenshot {
        let outcome = result_slot.lock().ok().and_then(|mut r| r.take());
        return outcome
            .unwrap_or_else(|| Err("the window closed before the screenshot".to_owned()));
    }
    Ok(())
}
