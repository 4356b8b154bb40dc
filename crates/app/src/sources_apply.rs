//! The window's commands on sources: showing a library record a page at a time, the person's
//! corrections (merge, split, kind, not a source) with undo and redo, their word on a source,
//! and exporting a record. Part of [`super::App::apply`], kept apart so each file reads in one
//! sitting.

use std::path::Path;

use crosscheck_engine::library::LibrarySource;
use crosscheck_engine::sources::{Change, Correction, Corrections};
use crosscheck_engine::store::SourceBook;

use super::sources_model::{RECORD_PAGE, ShownRecord, SourcesModel};
use super::{App, Command, Notice, PanelTab, file_dialog_is_available};

impl App {
    /// Performs one of the commands on sources.
    pub(super) fn apply_sources(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::ShowSourceRecord { id, more } => {
                self.state.tab = PanelTab::Sources;
                self.show_record(id.as_deref(), more);
            }
            Command::MergeSource { from, into } => {
                let (name, also) = self.library_names(&from);
                let into = self.library_names(&into).0;
                if crosscheck_engine::sources::source_key(&name)
                    == crosscheck_engine::sources::source_key(&into)
                {
                    self.notify_error(format!("“{from}” is already {into}"));
                    return;
                }
                self.correct(
                    ctx,
                    Correction::new(&name, &also, None, Change::Merge { into }),
                );
            }
            Command::SplitSource {
                source,
                alias,
                everywhere,
            } => {
                let (name, also) = self.library_names(&source);
                let article = self.article_key().filter(|_| !everywhere);
                let change = Change::Split { alias };
                self.correct(
                    ctx,
                    Correction::new(&name, &also, article.as_deref(), change),
                );
            }
            Command::SetSourceKind { source, kind } => {
                let (name, also) = self.library_names(&source);
                self.correct(
                    ctx,
                    Correction::new(&name, &also, None, Change::Kind { kind }),
                );
            }
            Command::NotASource { phrase, everywhere } => {
                let article = self.article_key().filter(|_| !everywhere);
                self.correct(ctx, Correction::not_a_source(&phrase, article.as_deref()));
            }
            Command::SetSourceStatus {
                source,
                credibility,
                note,
            } => self.set_source_status(&source, credibility, note.as_deref()),
            Command::UndoSourceCorrection | Command::RedoSourceCorrection => {
                let Some(store) = self.store.as_ref() else {
                    return;
                };
                let done = if command == Command::UndoSourceCorrection {
                    store.engine().undo_correction(None)
                } else {
                    store.engine().redo_correction()
                };
                match done {
                    Ok(Some(_)) => self.corrections_changed(ctx),
                    Ok(None) => {}
                    Err(err) => self.notify_error(format!("The correction was not undone: {err}")),
                }
            }
            Command::ExportSourceRecordDialog { id, markdown } => {
                if !file_dialog_is_available() {
                    self.notify_error(
                        "No file dialog here (no desktop portal on D-Bus): export the record \
                         with `crosscheck sources NAME --markdown -o FILE` instead"
                            .to_owned(),
                    );
                    return;
                }
                let name = self
                    .library
                    .as_ref()
                    .and_then(|l| l.records())
                    .and_then(|r| r.directory().get(&id))
                    .map_or_else(|| "source".to_owned(), |s| s.name.clone());
                let suffix = if markdown { "record.md" } else { "record.json" };
                let picked = rfd::FileDialog::new()
                    .set_title("Export the source's record")
                    .set_file_name(format!("{name}.{suffix}"))
                    .save_file();
                if let Some(path) = picked {
                    self.apply(ctx, Command::ExportSourceRecordTo { id, markdown, path });
                }
            }
            Command::ExportSourceRecordTo { id, markdown, path } => {
                self.export_record(&id, markdown, &path);
            }
            _ => {}
        }
    }

    /// The person's corrections in force (none without a store).
    pub(super) fn corrections(&mut self) -> Corrections {
        match self.source_book() {
            Some(book) => book.corrections(),
            None => Corrections::default(),
        }
    }

    /// The sources file, read; a failure or a notice is shown.
    fn source_book(&mut self) -> Option<SourceBook> {
        let store = self.store.as_ref()?;
        match store.engine().source_book() {
            Ok(book) => {
                for notice in &book.notices {
                    self.notices.push(Notice {
                        message: notice.to_string(),
                        is_error: false,
                    });
                }
                Some(book)
            }
            Err(err) => {
                self.notify_error(format!("Cannot read the corrections of sources: {err}"));
                None
            }
        }
    }

    /// The notes-store key of the open article.
    fn article_key(&self) -> Option<String> {
        let session = self.session.as_ref()?;
        Some(crosscheck_engine::store::article_key(
            &session.article.document,
        ))
    }

    /// The library name and other names of the open article's source called `name` (itself
    /// when the library does not know it).
    fn library_names(&self, name: &str) -> (String, Vec<String>) {
        let found = self.library_source(name);
        match found {
            Some(source) => {
                let mut also = source.other_names.clone();
                also.push(name.to_owned());
                (source.name.clone(), also)
            }
            None => (name.trim().to_owned(), Vec::new()),
        }
    }

    /// The library source of the open article's source called `name`, else the one library
    /// source answering to the name.
    fn library_source(&self, name: &str) -> Option<&LibrarySource> {
        let (index, records) = self.library.as_ref()?.records_with_index()?;
        if let Some(session) = self.session.as_ref() {
            let key = crosscheck_engine::store::article_key(&session.article.document);
            if let Some(found) = index
                .position(&key)
                .and_then(|position| records.directory().in_article(position, name))
            {
                return Some(found);
            }
        }
        match records.directory().find(name).as_slice() {
            [only] => Some(only),
            found => found.iter().copied().find(|s| {
                crosscheck_engine::sources::source_key(&s.name)
                    == crosscheck_engine::sources::source_key(name)
            }),
        }
    }

    /// Saves a correction and applies it to the open article and the library.
    fn correct(&mut self, ctx: &egui::Context, correction: Correction) {
        let Some(store) = self.store.as_ref() else {
            self.notify_error("Corrections cannot be saved: the notes store is not open".into());
            return;
        };
        match store.engine().add_correction(correction) {
            Ok(_) => self.corrections_changed(ctx),
            Err(err) => self.notify_error(format!("The correction was not saved: {err}")),
        }
    }

    /// After the corrections changed: the open article extracted again with them, the
    /// library's records rebuilt in the background.
    fn corrections_changed(&mut self, ctx: &egui::Context) {
        let corrections = self.corrections();
        let notes = match (self.session.as_ref(), self.store.as_ref()) {
            (Some(session), Some(store)) => store.peek(&session.article.document).ok(),
            _ => None,
        };
        if let (Some(session), Some(notes)) = (self.session.as_mut(), notes) {
            let extraction = crosscheck_engine::sources::extract_corrected(
                &session.article.document,
                &corrections,
            );
            session.set_extraction(extraction, &notes);
        }
        self.start_library_job(None);
        self.refresh_sources();
        ctx.request_repaint();
    }

    /// Records the person's word on the open article's source called `source`.
    fn set_source_status(
        &mut self,
        source: &str,
        credibility: Option<crosscheck_engine::sources::Credibility>,
        note: Option<&str>,
    ) {
        let (name, mut aliases) = self.library_names(source);
        if let Some(found) = self.library_source(source) {
            aliases.extend(found.aliases.iter().cloned());
        }
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match store
            .engine()
            .set_source_status(&name, &aliases, credibility, note)
        {
            Ok(_) => {
                if let Some(Ok(book)) = self.store.as_ref().map(|s| s.engine().source_book())
                    && let Some(library) = self.library.as_mut()
                {
                    library.set_statuses(book.statuses);
                }
                self.refresh_sources();
            }
            Err(err) => self.notify_error(format!("Your word on the source was not saved: {err}")),
        }
    }

    /// Brings the track records up to date with the open article's verdicts as saved now
    /// (after a verdict is set, undone or redone), then what the article shows of them.
    pub(super) fn refresh_article_records(&mut self) {
        if let (Some(session), Some(store), Some(library)) = (
            self.session.as_ref(),
            self.store.as_ref(),
            self.library.as_mut(),
        ) {
            let key = crosscheck_engine::store::article_key(&session.article.document);
            library.refresh_records(store.engine(), &key);
        }
        self.refresh_sources();
    }

    /// Recomputes what the open article shows of its sources in the library.
    pub(super) fn refresh_sources(&mut self) {
        let book = self.source_book();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let library = self.library.as_ref().and_then(|l| l.records_with_index());
        let model = &mut session.article.sources;
        model.standings = SourcesModel::standings(
            &session.article.document,
            &session.article.extraction,
            library,
        );
        if let Some(book) = book {
            model.latest = book.corrections.iter().max_by_key(|c| c.made).cloned();
            model.undone = book.undone.last().cloned();
            model.statuses = book.statuses;
        }
        // The record shown follows the records (its counts, its claims).
        if let Some(id) = model.shown.as_ref().map(|s| s.record.source.id.clone()) {
            let count = model
                .shown
                .as_ref()
                .map_or(RECORD_PAGE, |s| s.record.claims.len());
            model.shown = library
                .and_then(|(index, records)| records.record_page(index, &id, 0, count.max(1)))
                .map(|record| ShownRecord { record });
        }
    }

    /// Shows the record of the library source `id` (`None` hides it), or more of it.
    fn show_record(&mut self, id: Option<&str>, more: bool) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let model = &mut session.article.sources;
        let Some(id) = id else {
            model.shown = None;
            return;
        };
        let shown = model
            .shown
            .as_ref()
            .filter(|s| s.record.source.id == id)
            .map_or(0, |s| s.record.claims.len());
        let count = if more {
            shown + RECORD_PAGE
        } else {
            RECORD_PAGE
        };
        let library = self.library.as_ref().and_then(|l| l.records_with_index());
        model.shown = library
            .and_then(|(index, records)| records.record_page(index, id, 0, count))
            .map(|record| ShownRecord { record });
    }

    /// Writes the record of the library source `id` to `path`; the outcome is a notice.
    fn export_record(&mut self, id: &str, markdown: bool, path: &Path) {
        let record = self
            .library
            .as_ref()
            .and_then(|l| l.records_with_index())
            .and_then(|(index, records)| records.record(index, id));
        let Some(record) = record else {
            self.notify_error("The record is not available: the library is being read".into());
            return;
        };
        let text = if markdown {
            crosscheck_engine::export::source_record_markdown(&record)
        } else {
            crosscheck_engine::export::source_record_json(&record)
        };
        let (message, is_error) = match crosscheck_engine::export::write_export(path, &text) {
            Ok(()) => (
                format!(
                    "Exported the record of {}: {}",
                    record.source.name,
                    path.display()
                ),
                false,
            ),
            Err(err) => (
                format!("Cannot write the record ({err}): {}", path.display()),
                true,
            ),
        };
        self.notices.push(Notice { message, is_error });
    }
}
