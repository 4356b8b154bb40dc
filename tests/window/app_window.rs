//! The reader window driven through egui_kittest: the real `App`, its real panels, pointer and
//! keyboard events, and a notes store in a temporary folder.

use crate::Settle;
use std::path::{Path, PathBuf};

use crosscheck_app::{App, Command, Options, Verdict};
use crosscheck_engine::document::sample_article_path;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A file dropped on the window, as the native backend reports it.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn harness(data_dir: &Path, open: Option<PathBuf>) -> Harness<'static, App> {
    let options = Options {
        data_dir: Some(data_dir.to_owned()),
        open,
        ..Default::default()
    };
    Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::new(cc, options))
}

fn sample_harness(data_dir: &Path) -> Harness<'static, App> {
    let mut harness = harness(data_dir, Some(sample_article_path()));
    harness.settle();
    harness
}

fn selected(harness: &Harness<'_, App>) -> Option<usize> {
    harness.state().session.as_ref()?.view.selection
}

/// Index of the first claim with a named source.
fn first_sourced(harness: &Harness<'_, App>) -> usize {
    let session = harness.state().session.as_ref().expect("an open article");
    session
        .article
        .claims
        .iter()
        .position(|r| crosscheck_app::session::source_id(r).is_some())
        .expect("the sample has sourced claims")
}

#[test]
fn start_screen_opens_the_sample_and_lists_its_claims() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness(dir.path(), None);
    harness.settle();
    assert!(harness.state().session.is_none());
    harness.get_by_label("Open the sample article").click();
    harness.settle();
    let session = harness.state().session.as_ref().expect("the sample opened");
    assert!(
        session.article.claims.len() >= 10,
        "only {} claims",
        session.article.claims.len()
    );
    let first = session
        .article
        .claims
        .first()
        .expect("a claim")
        .text
        .clone();
    let label = format!("Claim 1: {first}");
    harness.get_by_label(&label);
    assert!(
        harness.state().notices.is_empty(),
        "{:?}",
        harness.state().notices
    );
}

#[test]
fn selecting_in_the_list_selects_and_shows_the_claim_in_the_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    let session = harness.state().session.as_ref().expect("open");
    // The lowest claim visible in the list: further down the article than the first screen.
    let (index, row) = (0..session.article.claims.len())
        .rev()
        .find_map(|i| {
            let row = session.article.claims.get(i)?;
            let label = format!("Claim {}: {}", i + 1, row.text);
            let node = harness.query_by_label(&label)?;
            // Fully inside the list's viewport, above the detail panel.
            (node.rect().max.y < 480.0).then(|| (i, row.clone()))
        })
        .expect("some claims are listed");
    assert!(index > 3, "the list shows several claims");
    let offscreen_before = session
        .view
        .cache
        .screen_pos_of_char(&session.article.document, row.start);
    harness
        .get_by_label(&format!("Claim {}: {}", index + 1, row.text))
        .click();
    harness.settle();
    let _ = offscreen_before;
    assert_eq!(selected(&harness), Some(index));
    let session = harness.state().session.as_ref().expect("open");
    assert_eq!(
        session.view.cache.painted_selection,
        Some((row.start, row.end)),
        "the selected claim is highlighted in view in the article"
    );

    // And the other way: clicking a claim in the article selects it in the list.
    let target = first_sourced(&harness);
    let row = session.article.claims.get(target).expect("row").clone();
    harness
        .state_mut()
        .queue(Command::SelectClaim(Some(target)));
    harness.settle();
    harness.state_mut().queue(Command::SelectClaim(None));
    harness.settle();
    let pos = {
        let session = harness.state().session.as_ref().expect("open");
        session
            .view
            .cache
            .screen_pos_of_char(
                &session.article.document,
                row.start + (row.end - row.start) / 2,
            )
            .expect("claim in view")
    };
    harness.hover_at(pos);
    harness.drag_at(pos);
    harness.drop_at(pos);
    harness.settle();
    let chosen = selected(&harness).expect("a claim selected by clicking the text");
    let session = harness.state().session.as_ref().expect("open");
    let chosen_row = session.article.claims.get(chosen).expect("row");
    assert!(chosen_row.start <= row.start + (row.end - row.start) / 2);
    assert!(row.start + (row.end - row.start) / 2 < chosen_row.end);
    let label = format!("Claim {}: {}", chosen + 1, chosen_row.text);
    let node = harness.get_by_label(&label);
    assert_eq!(
        node.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the clicked claim is selected in the list"
    );
}

#[test]
fn verdict_and_note_are_saved_in_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    harness.key_press(egui::Key::J);
    harness.settle();
    let index = selected(&harness).expect("j selects the first claim");
    harness.key_press(egui::Key::F);
    harness.settle();
    harness.key_press(egui::Key::N);
    harness.settle();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("Contradicted by the minutes.");
    harness.settle();
    harness.key_press(egui::Key::Escape);
    harness.settle();

    let app = harness.state();
    let session = app.session.as_ref().expect("open");
    let row = session.article.claims.get(index).expect("row");
    let note = &row.note.as_ref().expect("a note was made").note;
    assert_eq!(note.verdict, Verdict::False);
    assert_eq!(note.note, "Contradicted by the minutes.");
    assert!(app.save_status.error.is_none());
    let stored = stored_notes(app, dir.path(), &session.article.document);
    let stored = stored
        .iter()
        .find(|(start, end, _, _)| (*start, *end) == (row.start, row.end))
        .expect("the note is in the store");
    assert_eq!(stored.2, "false");
    assert_eq!(stored.3, "Contradicted by the minutes.");
}

/// (start, end, verdict, note) of every note the store in `dir` holds for `document`, read
/// from disk by a store of its own.
fn stored_notes(
    _app: &App,
    dir: &Path,
    document: &crosscheck_engine::Document,
) -> Vec<(usize, usize, String, String)> {
    let store = crosscheck_engine::store::Store::open(dir).expect("the store opens");
    store
        .load(document)
        .expect("the store reads")
        .notes
        .into_iter()
        .map(|n| {
            (
                n.start,
                n.end,
                n.note.verdict.as_str().to_owned(),
                n.note.note,
            )
        })
        .collect()
}

#[test]
fn filters_by_verdict_and_by_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    let total = harness
        .state()
        .session
        .as_ref()
        .expect("open")
        .article
        .claims
        .len();
    harness.state_mut().queue(Command::SelectClaim(Some(2)));
    harness.settle();
    harness.key_press(egui::Key::V);
    harness.settle();

    harness.get_by_label("Filter by verdict").click();
    harness.settle();
    harness.get_by_label("only verified").click();
    harness.settle();
    {
        let session = harness.state_mut().session.as_mut().expect("open");
        assert_eq!(session.view.filtered(&session.article), &[2]);
    }
    harness.get_by_label("Clear").click();
    harness.settle();
    let session = harness.state_mut().session.as_mut().expect("open");
    assert_eq!(session.view.filtered(&session.article).len(), total);

    // By source, from the Sources tab.
    let (source_id, source_name, count) = {
        let session = harness.state().session.as_ref().expect("open");
        let source = session
            .article
            .extraction
            .sources
            .iter()
            .max_by_key(|s| s.claims.len())
            .expect("a source");
        let count = session
            .article
            .claims
            .iter()
            .filter(|r| crosscheck_app::session::source_id(r) == Some(source.id.as_str()))
            .count();
        (source.id.clone(), source.name.clone(), count)
    };
    harness.get_by_label_contains("Sources (").click();
    harness.settle();
    harness
        .get_by_label(&format!("{source_name} ({count} claims)"))
        .click();
    harness.settle();
    let session = harness.state_mut().session.as_mut().expect("open");
    assert_eq!(
        session.view.filter.source_id.as_deref(),
        Some(source_id.as_str())
    );
    let shown = session.view.filtered(&session.article).to_vec();
    assert_eq!(shown.len(), count);
    assert!(shown.len() < total);
    for i in shown {
        let row = session.article.claims.get(i).expect("row");
        assert_eq!(
            crosscheck_app::session::source_id(row),
            Some(source_id.as_str())
        );
    }
}

#[test]
fn j_and_k_walk_the_claims() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    for _ in 0..3 {
        harness.key_press(egui::Key::J);
        harness.settle();
    }
    assert_eq!(selected(&harness), Some(2));
    harness.key_press(egui::Key::K);
    harness.settle();
    assert_eq!(selected(&harness), Some(1));
    // Typing in the search field does not move the selection.
    harness.key_press(egui::Key::Slash);
    harness.settle();
    harness.get_by_label("Search claims").type_text("jk");
    harness.settle();
    assert_eq!(selected(&harness), Some(1));
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("open")
            .view
            .filter
            .search,
        "jk"
    );
}

#[test]
fn a_text_selection_becomes_a_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    let (start, end, text) = {
        let session = harness.state().session.as_ref().expect("open");
        let block = session
            .article
            .document
            .blocks
            .iter()
            .find(|b| {
                b.kind == crosscheck_engine::document::BlockKind::Paragraph && b.end - b.start > 60
            })
            .expect("a paragraph");
        let start = block.start + 4;
        let end = block.start + 30;
        let text = crosscheck_engine::text::slice_chars(&session.article.document.text, start, end)
            .to_owned();
        (start, end, text)
    };
    let (from, to) = {
        let session = harness.state().session.as_ref().expect("open");
        (
            session
                .view
                .cache
                .screen_pos_of_char(&session.article.document, start),
            session
                .view
                .cache
                .screen_pos_of_char(&session.article.document, end),
        )
    };
    let (from, to) = (from.expect("start in view"), to.expect("end in view"));
    harness.hover_at(from);
    harness.drag_at(from);
    harness.settle();
    harness.hover_at(from + egui::vec2(8.0, 0.0));
    harness.settle();
    harness.hover_at(to);
    harness.settle();
    harness.drop_at(to);
    harness.settle();
    let selection = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.view.text_selection)
        .expect("text selected");
    assert_eq!(selection.range(), (start, end), "{text:?}");
    harness.get_by_label("Source of the new claim").focus();
    harness.settle();
    harness
        .get_by_label("Source of the new claim")
        .type_text("A reader");
    harness.settle();
    harness.get_by_label("Add as claim").click();
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    let index = selected(&harness).expect("the new claim is selected");
    let row = session.article.claims.get(index).expect("row");
    assert_eq!((row.start, row.end), (start, end));
    assert!(row.attribution.is_none());
    assert_eq!(row.source_name(), Some("A reader"));
    assert!(row.is_manual());
    assert!(session.view.text_selection.is_none());
}

#[test]
fn an_unreadable_file_shows_an_error_and_the_app_keeps_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("binary.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).expect("write");
    let mut harness = harness(dir.path(), None);
    harness.settle();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(bad.clone())));
    harness.settle();
    let app = harness.state();
    assert!(app.session.is_none());
    let notice = app.notices.first().expect("an error is shown");
    assert!(notice.is_error);
    assert!(notice.message.contains("binary.txt"), "{}", notice.message);
    harness.get_by_label_contains("Cannot open the article");

    // Still running: the sample opens, and the error can be dismissed.
    harness.get_by_label("Open the sample article").click();
    harness.settle();
    assert!(harness.state().session.is_some());
    harness.get_by_label("Dismiss this message").click();
    harness.settle();
    assert!(harness.state().notices.is_empty());
}

/// eframe storage in memory.
#[derive(Default)]
pub(crate) struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

#[test]
fn theme_and_font_size_persist_between_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    harness.get_by_label("Switch light/dark theme").click();
    harness.settle();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    harness.settle();
    let state = harness.state().state.clone();
    assert!(state.is_dark);
    assert!(state.font_size > crosscheck_app::theme::DEFAULT_FONT_SIZE);
    assert!(harness.ctx.theme() == egui::Theme::Dark);

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let data_dir = dir.path().to_owned();
    let mut again = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            App::new(
                cc,
                Options {
                    data_dir: Some(data_dir),
                    ..Default::default()
                },
            )
        });
    again.settle();
    assert_eq!(again.state().state.is_dark, state.is_dark);
    assert_eq!(again.state().state.font_size, state.font_size);
    assert!(again.ctx.theme() == egui::Theme::Dark);
}

#[test]
fn every_verdict_key_sets_its_verdict_and_history_records_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    harness.key_press(egui::Key::J);
    harness.settle();
    let keys = [
        (egui::Key::V, Verdict::Verified),
        (egui::Key::D, Verdict::Disputed),
        (egui::Key::F, Verdict::False),
        (egui::Key::M, Verdict::Misleading),
        (egui::Key::I, Verdict::Inconclusive),
        (egui::Key::U, Verdict::Unverified),
    ];
    for (key, verdict) in keys {
        harness.key_press(key);
        harness.settle();
        let session = harness.state().session.as_ref().expect("open");
        let note = session.selected_note().expect("a note");
        assert_eq!(note.verdict, verdict, "key {key:?}");
    }
    let session = harness.state().session.as_ref().expect("open");
    assert_eq!(session.selected_note().expect("a note").history.len(), 6);
    harness.get_by_label_contains("Verdict history (6)");
}

#[test]
fn evidence_links_and_tags_are_added_and_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.get_by_label("Evidence URL").focus();
    harness.settle();
    harness
        .get_by_label("Evidence URL")
        .type_text("https://example.org/minutes");
    harness.settle();
    harness.get_by_label("Add link").click();
    harness.settle();
    harness.get_by_label("New tag").focus();
    harness.settle();
    harness.get_by_label("New tag").type_text("water");
    harness.settle();
    harness.get_by_label("Add tag").click();
    harness.settle();
    {
        let note = harness
            .state()
            .session
            .as_ref()
            .and_then(|s| s.selected_note())
            .expect("a note")
            .clone();
        assert_eq!(note.evidence.len(), 1);
        assert_eq!(
            note.evidence.first().map(|e| e.url.as_str()),
            Some("https://example.org/minutes")
        );
        assert_eq!(note.tags, vec!["water".to_owned()]);
    }
    harness
        .get_by_label("Remove the link https://example.org/minutes")
        .click();
    harness.settle();
    harness.get_by_label("Remove the tag water").click();
    harness.settle();
    let note = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selected_note())
        .expect("a note");
    assert!(note.evidence.is_empty());
    assert!(note.tags.is_empty());
}

#[test]
fn recent_articles_come_from_the_store_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    let title = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.article.document.title.clone())
        .expect("the sample has a title");
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::V);
    harness.settle();
    harness.state_mut().queue(Command::CloseArticle);
    harness.settle();
    assert!(harness.state().session.is_none());
    let recent = harness.state().recent();
    assert_eq!(recent.len(), 1, "{recent:?}");
    assert_eq!(recent.first().map(|r| r.notes), Some(1));
    harness.get_by_label(&format!("{title}  (1 note)")).click();
    harness.settle();
    let session = harness
        .state()
        .session
        .as_ref()
        .expect("reopened from the list");
    assert_eq!(
        session
            .article
            .claims
            .iter()
            .filter(|c| c.note.is_some())
            .count(),
        1
    );
}

#[test]
fn notes_whose_claim_left_the_text_are_listed_as_orphaned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    let sample = std::fs::read_to_string(sample_article_path()).expect("sample");
    std::fs::write(&article, &sample).expect("write");
    let mut harness = harness(&dir.path().join("notes"), Some(article.clone()));
    harness.settle();
    let quote = {
        let session = harness.state().session.as_ref().expect("open");
        let index = first_sourced(&harness);
        session.article.claims.get(index).expect("row").text.clone()
    };
    let index = first_sourced(&harness);
    harness.state_mut().queue(Command::SelectClaim(Some(index)));
    harness.settle();
    harness.key_press(egui::Key::D);
    harness.settle();

    // The claim's paragraph is rewritten: the note can no longer be placed.
    let paragraph = sample
        .split("\n\n")
        .find(|p| p.contains(quote.as_str()))
        .expect("the paragraph")
        .to_owned();
    let edited = sample.replace(&paragraph, "This paragraph was removed by the editors.");
    std::fs::write(&article, edited).expect("write");
    harness.state_mut().queue(Command::Open(article));
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    assert_eq!(session.article.orphans().count(), 1);
    harness.get_by_label_contains("Orphaned notes (1)");
    harness
        .get_by_label_contains("[disputed · needs review]")
        .click();
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    assert!(session.selected().is_some_and(|c| c.is_orphaned()));
    harness.get_by_label_contains("Orphaned: this claim is no longer found");
}

#[test]
fn a_failed_save_is_shown_in_the_status_bar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    harness.key_press(egui::Key::J);
    harness.settle();
    // The notes folder becomes a file: every write fails.
    let articles = dir.path().join("articles");
    std::fs::remove_dir_all(&articles).expect("remove");
    std::fs::write(&articles, "not a folder").expect("write");
    harness.key_press(egui::Key::V);
    harness.settle();
    let app = harness.state();
    assert!(app.save_status.error.is_some());
    harness.get_by_label_contains("NOT SAVED");
    // The app keeps working, and recovers once the folder is back.
    std::fs::remove_file(&articles).expect("remove");
    std::fs::create_dir(&articles).expect("mkdir");
    harness.key_press(egui::Key::V);
    harness.settle();
    assert!(harness.state().save_status.error.is_none());
    assert!(harness.query_by_label_contains("NOT SAVED").is_none());
}

#[test]
fn notes_are_exported_from_the_file_menu_formats() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = sample_harness(dir.path());
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::M);
    harness.settle();
    harness.get_by_label("File").click();
    harness.settle();
    harness.get_by_label("Export").hover();
    harness.settle();
    harness.get_by_label_contains("Export Markdown report");
    harness.key_press(egui::Key::Escape);
    harness.settle();

    let out = dir.path().join("sample.notes.md");
    harness.state_mut().queue(Command::ExportTo {
        format: crosscheck_engine::export::ExportFormat::Markdown,
        path: out.clone(),
    });
    harness.settle();
    let report = std::fs::read_to_string(&out).expect("the export was written");
    assert!(report.to_lowercase().contains("misleading"), "{report}");
    let notice = harness.state().notices.last().expect("a notice");
    assert!(!notice.is_error, "{}", notice.message);
    assert!(notice.message.contains("sample.notes.md"));
}

/// Found by reading the code (issue 11): with a note being typed on claim A, a click on an
/// orphaned note changed the selection without saving A's draft first, and the draft was then
/// saved onto the orphan. Only the UI and the store on disk are used here.
#[test]
fn a_note_being_typed_is_saved_on_its_claim_when_an_orphan_is_clicked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("article.txt");
    let sample = std::fs::read_to_string(sample_article_path()).expect("sample");
    std::fs::write(&article, &sample).expect("write");
    let store_dir = dir.path().join("notes");
    let mut harness = harness(&store_dir, Some(article.clone()));
    harness.settle();
    // Mark the first claim, then remove its paragraph: its note is orphaned.
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::D);
    harness.settle();
    let document = crosscheck_engine::load(&article).expect("load");
    let marked = stored_notes(harness.state(), &store_dir, &document);
    let (start, end, _, _) = marked.first().expect("the first claim's note").clone();
    let quote = crosscheck_engine::text::slice_chars(&document.text, start, end).to_owned();
    let paragraph = sample
        .split("\n\n")
        .find(|p| p.contains(quote.as_str()))
        .expect("the paragraph")
        .to_owned();
    let edited = sample.replace(&paragraph, "This paragraph was removed by the editors.");
    std::fs::write(&article, edited).expect("write");
    harness.state_mut().queue(Command::Open(article.clone()));
    harness.settle();

    // Claim A: the first claim of the edited article. Type a note without leaving the field.
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::N);
    harness.settle();
    harness
        .get_by_label("Note (n):")
        .type_text("Draft written for claim A.");
    // One frame, well within the save delay: the draft is not saved yet.
    harness.step();
    harness
        .get_by_label_contains("[disputed · needs review]")
        .click();
    harness.run_steps(120);

    let document = crosscheck_engine::load(&article).expect("load");
    let notes = crosscheck_engine::store::Store::open(&store_dir)
        .expect("the store opens")
        .load(&document)
        .expect("the store reads");
    let orphan = notes
        .notes
        .iter()
        .find(|n| n.state == crosscheck_engine::store::AnchorState::Orphaned)
        .expect("the orphaned note");
    assert_eq!(
        orphan.note.note, "",
        "the draft must not land on the orphan"
    );
    let drafted = notes
        .notes
        .iter()
        .find(|n| n.note.note == "Draft written for claim A.")
        .expect("the draft is saved on claim A");
    assert_ne!(
        drafted.state,
        crosscheck_engine::store::AnchorState::Orphaned
    );
}
