//! Undo and redo in the window, an article that changed under its verdicts (the banner, the
//! revision view, confirming), and a damaged notes file announced when it is rebuilt.

use crate::Settle;
use std::path::{Path, PathBuf};

use crosscheck_app::{App, Command, Options, Verdict};
use crosscheck_engine::store::{Store, UndoKind};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const PACT: &str = "\
Allies weigh sending troops

President Emmanuel Macron said Paris would not risk a war with Moscow over the pact.

The defence minister said the first units could leave in May.

Officials in Berlin said no decision had been taken.
";

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

/// The article written to `dir/pact.txt` and opened in a window with its store in
/// `dir/store`.
fn opened(dir: &Path) -> (Harness<'static, App>, PathBuf) {
    let article = dir.join("pact.txt");
    std::fs::write(&article, PACT).expect("write");
    let mut harness = harness(&dir.join("store"), Some(article.clone()));
    harness.settle();
    (harness, article)
}

/// Index of the claim whose text contains `words`.
fn claim_with(harness: &Harness<'_, App>, words: &str) -> usize {
    let session = harness.state().session.as_ref().expect("open");
    session
        .article
        .claims
        .iter()
        .position(|c| c.text.contains(words))
        .unwrap_or_else(|| panic!("a claim with {words:?}"))
}

fn select(harness: &mut Harness<'_, App>, words: &str) {
    let index = claim_with(harness, words);
    harness.state_mut().queue(Command::SelectClaim(Some(index)));
    harness.settle();
}

fn selected_note(harness: &Harness<'_, App>) -> Option<crosscheck_engine::store::Note> {
    harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selected_note())
        .cloned()
}

fn undo(harness: &mut Harness<'_, App>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.settle();
}

fn redo(harness: &mut Harness<'_, App>) {
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.settle();
}

/// Marks the three claims of the article with the verdict keys.
fn mark_three(harness: &mut Harness<'_, App>) {
    for (words, key) in [
        ("would not risk", egui::Key::D),
        ("first units", egui::Key::V),
        ("no decision", egui::Key::F),
    ] {
        select(harness, words);
        harness.key_press(key);
        harness.settle();
    }
}

#[test]
fn verdicts_notes_evidence_and_tags_undo_and_redo_with_the_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _) = opened(dir.path());
    select(&mut harness, "first units");
    harness.key_press(egui::Key::D);
    harness.settle();
    harness.key_press(egui::Key::F);
    harness.settle();
    harness.get_by_label("New tag").focus();
    harness.settle();
    harness.get_by_label("New tag").type_text("defence");
    harness.settle();
    harness.get_by_label("Add tag").click();
    harness.settle();
    harness.get_by_label("Evidence URL").focus();
    harness.settle();
    harness
        .get_by_label("Evidence URL")
        .type_text("https://example.org/ministry");
    harness.settle();
    harness.get_by_label("Add link").click();
    harness.settle();
    harness.key_press(egui::Key::Escape);
    harness.settle();
    let note = selected_note(&harness).expect("a note");
    assert_eq!(note.verdict, Verdict::False);
    assert_eq!(note.tags, ["defence"]);
    assert_eq!(note.evidence.len(), 1);

    undo(&mut harness);
    assert!(selected_note(&harness).expect("note").evidence.is_empty());
    undo(&mut harness);
    assert!(selected_note(&harness).expect("note").tags.is_empty());
    undo(&mut harness);
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Disputed
    );
    undo(&mut harness);
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Unverified
    );

    redo(&mut harness);
    redo(&mut harness);
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::False
    );
    redo(&mut harness);
    assert_eq!(selected_note(&harness).expect("note").tags, ["defence"]);

    // What the window shows is what the store holds; the undos are in the history.
    let app = harness.state();
    let session = app.session.as_ref().expect("open");
    let stored = Store::open(dir.path().join("store"))
        .expect("store")
        .load(&session.article.document)
        .expect("load");
    let note = &stored.notes.first().expect("the note").note;
    assert_eq!(note.verdict, Verdict::False);
    assert_eq!(note.tags, ["defence"]);
    assert!(note.evidence.is_empty(), "the evidence stays undone");
    let marks: Vec<Option<UndoKind>> = note.history.iter().map(|c| c.undo).collect();
    assert_eq!(
        marks,
        [
            None,
            None,
            Some(UndoKind::Undo),
            Some(UndoKind::Undo),
            Some(UndoKind::Redo),
            Some(UndoKind::Redo)
        ]
    );
}

#[test]
fn the_edit_menu_names_what_it_undoes_and_redoes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _) = opened(dir.path());
    select(&mut harness, "would not risk");
    harness.key_press(egui::Key::M);
    harness.settle();
    harness.get_by_label("Edit").click();
    harness.settle();
    harness.get_by_label_contains("Undo verdict").click();
    harness.settle();
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Unverified
    );
    harness.get_by_label("Edit").click();
    harness.settle();
    harness.get_by_label_contains("Redo verdict").click();
    harness.settle();
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Misleading
    );
}

#[test]
fn a_note_text_undoes_and_ctrl_z_in_the_note_field_stays_in_the_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _) = opened(dir.path());
    select(&mut harness, "no decision");
    harness.key_press(egui::Key::V);
    harness.settle();
    harness.key_press(egui::Key::N);
    harness.settle();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("Berlin denied it the next day.");
    harness.settle();
    // In the field, Ctrl+Z is the field's own (it takes back the typing): the verdict stays.
    undo(&mut harness);
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Verified
    );
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("Berlin denied it the next day.");
    harness.settle();
    harness.key_press(egui::Key::Escape);
    harness.settle();
    assert_eq!(
        selected_note(&harness).expect("note").note,
        "Berlin denied it the next day."
    );
    // Out of the field, Ctrl+Z undoes the saved note; the field shows the note as it is.
    undo(&mut harness);
    let session = harness.state().session.as_ref().expect("open");
    assert_eq!(selected_note(&harness).expect("note").note, "");
    assert_eq!(session.drafts.note, "", "the field follows the undo");
    undo(&mut harness);
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Unverified
    );
}

#[test]
fn a_claim_marked_by_hand_and_an_applied_verdict_undo_and_redo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _) = opened(dir.path());
    let (start, end) = {
        let text = &harness
            .state()
            .session
            .as_ref()
            .expect("open")
            .article
            .document
            .text;
        let byte = text.find("the pact").expect("words");
        let start = text[..byte].chars().count();
        (start, start + "the pact".len())
    };
    harness.state_mut().queue(Command::AddManualClaim {
        start,
        end,
        source: "the treaty office".to_owned(),
    });
    harness.settle();
    let manual = |h: &Harness<'_, App>| {
        h.state()
            .session
            .as_ref()
            .expect("open")
            .article
            .claims
            .iter()
            .any(|c| c.is_manual() && c.start == start && c.end == end)
    };
    assert!(manual(&harness));
    undo(&mut harness);
    assert!(!manual(&harness), "the hand-made claim is gone");
    redo(&mut harness);
    assert!(manual(&harness), "and back");
    let source = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.article.claims.iter().find(|c| c.is_manual()))
        .and_then(|c| c.source_name().map(str::to_owned));
    assert_eq!(source.as_deref(), Some("the treaty office"));

    select(&mut harness, "first units");
    harness.state_mut().queue(Command::AdoptVerdict {
        verdict: Verdict::Disputed,
        from: "disputed in Valley Courier (/news/courier.txt)".to_owned(),
    });
    harness.settle();
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Disputed
    );
    undo(&mut harness);
    assert_eq!(
        selected_note(&harness).expect("note").verdict,
        Verdict::Unverified
    );
    redo(&mut harness);
    let note = selected_note(&harness).expect("note");
    assert_eq!(note.verdict, Verdict::Disputed);
    assert_eq!(
        note.history.last().and_then(|c| c.adopted_from.as_deref()),
        Some("disputed in Valley Courier (/news/courier.txt)")
    );
}

#[test]
fn a_changed_article_shows_the_banner_and_the_revision_view() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, article) = opened(dir.path());
    mark_three(&mut harness);
    let edited = PACT
        .replace("would not risk", "would not rule out risking")
        .replace("Officials in Berlin said no decision had been taken.\n", "")
        .replacen(
            "\n\nThe defence",
            "\n\nAn editor's note: this report was updated.\n\nThe defence",
            1,
        );
    std::fs::write(&article, edited).expect("edit");
    harness.state_mut().queue(Command::Open(article));
    harness.settle();
    // Reading the article again keeps the selected claim; leave it, so that only the banner
    // and the revision view offer their buttons.
    assert!(
        harness
            .state()
            .session
            .as_ref()
            .is_some_and(|s| s.view.selection.is_some())
    );
    harness.state_mut().queue(Command::SelectClaim(None));
    harness.settle();
    harness.get_by_label(
        "This article changed since your last review: 3 passages changed, 2 notes affected \
         (2 notes to review)",
    );
    // The claims list marks the reworded claim.
    harness.get_by_label_contains("(needs review)");

    harness.get_by_label("Show changes").click();
    harness.settle();
    harness.get_by_label_contains("Change 1 of 3");
    {
        let session = harness.state().session.as_ref().expect("open");
        let revision = session.article.revision.as_ref().expect("the revision");
        let segments: Vec<(&str, crosscheck_engine::library::WordChangeKind)> = revision
            .paragraphs
            .iter()
            .flat_map(|p| &p.segments)
            .filter(|s| s.passage.is_some())
            .map(|s| (s.text.trim(), s.change))
            .collect();
        use crosscheck_engine::library::WordChangeKind::{Added, Removed};
        assert_eq!(
            segments,
            [
                ("risk", Removed),
                ("rule out risking", Added),
                ("An editor's note: this report was updated.", Added),
                (
                    "Officials in Berlin said no decision had been taken.",
                    Removed
                ),
            ]
        );
    }
    harness.get_by_label("Next change").click();
    harness.settle();
    harness.get_by_label_contains("Change 2 of 3");
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.get_by_label_contains("Change 3 of 3");
    harness.key_press(egui::Key::K);
    harness.settle();
    harness.get_by_label_contains("Change 2 of 3");

    // The notes affected are beside, with both wordings; confirming settles one.
    harness.get_by_label("“Paris would not risk a war with Moscow over the pact”");
    harness.get_by_label("Confirm on the new words").click();
    harness.settle();
    harness.get_by_label("Keep as it was").click();
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    assert!(
        session
            .article
            .claims
            .iter()
            .all(|c| c.needs_review().is_none()),
        "both confirmed"
    );
    harness.get_by_label("Back to the article").click();
    harness.settle();
    assert!(
        harness
            .state()
            .session
            .as_ref()
            .expect("open")
            .view
            .revision
            .is_none()
    );
    harness.get_by_label("Mark as reviewed").click();
    harness.settle();
    assert!(
        harness
            .query_by_label_contains("This article changed")
            .is_none(),
        "the banner is gone"
    );
}

#[test]
fn a_reworded_claim_shows_both_wordings_in_its_detail_and_a_verdict_settles_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, article) = opened(dir.path());
    mark_three(&mut harness);
    std::fs::write(&article, PACT.replace("leave in May", "leave in June")).expect("edit");
    harness.state_mut().queue(Command::Open(article));
    harness.settle();
    select(&mut harness, "leave in June");
    harness.get_by_label("Needs review: the words this verdict was given on changed.");
    harness.get_by_label("“the first units could leave in May”");
    harness.key_press(egui::Key::I);
    harness.settle();
    assert!(
        harness
            .query_by_label("Needs review: the words this verdict was given on changed.")
            .is_none()
    );
    let note = selected_note(&harness).expect("note");
    assert_eq!(note.verdict, Verdict::Inconclusive);
    assert_eq!(note.rewordings.len(), 1);
    // Undoing the verdict puts the note back in review.
    undo(&mut harness);
    harness.get_by_label("Needs review: the words this verdict was given on changed.");
}

#[test]
fn a_truncated_notes_file_is_rebuilt_and_the_window_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut first, article) = opened(dir.path());
    mark_three(&mut first);
    drop(first);
    let articles = dir.path().join("store/articles");
    let file = std::fs::read_dir(&articles)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".json") && name.matches('.').count() == 1
        })
        .expect("the notes file");
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("truncate");

    let mut reopened = harness(&dir.path().join("store"), Some(article));
    reopened.settle();
    let harness = reopened;
    let notices: Vec<&str> = harness
        .state()
        .notices
        .iter()
        .map(|n| n.message.as_str())
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("it was rebuilt from its backup")),
        "{notices:?}"
    );
    harness.get_by_label_contains("it was rebuilt from its backup");
    harness.get_by_label_contains("no saved change missing");
    let session = harness.state().session.as_ref().expect("open");
    let verdicts: Vec<Verdict> = session.article.claims.iter().map(|c| c.verdict()).collect();
    assert_eq!(
        verdicts,
        [Verdict::Disputed, Verdict::Verified, Verdict::False],
        "the last verdict too"
    );
}
