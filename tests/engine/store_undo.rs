//! Undo and redo through the store: each is a saved change of its own, kept in the history,
//! and brings back only what the undone change did.

use crate::store_fixture::*;
use crosscheck_engine::store::{
    Edit, Evidence, Store, Target, UndoHistory, UndoKind, UndoStep, Verdict,
};

const CLAIM: &str = "Mayor Jane Roe said the bridge would cost $4 million.";

fn setup() -> (
    tempfile::TempDir,
    Store,
    crosscheck_engine::Document,
    Target,
) {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let (start, end) = span_of(&document, CLAIM);
    (dir, store, document, Target::Claim { start, end })
}

/// Saves `edits` on `target` and records the step.
fn change(
    store: &Store,
    document: &crosscheck_engine::Document,
    history: &mut UndoHistory,
    target: &Target,
    label: &str,
    edits: &[Edit],
) -> String {
    let saved = store.update(document, target, edits).expect("save");
    history.record(UndoStep::of_saved(label, &saved).expect("a change"));
    saved.note_id
}

#[test]
fn verdicts_notes_evidence_and_tags_undo_and_redo_in_order() {
    let (_dir, store, document, target) = setup();
    let mut history = UndoHistory::default();
    let id = change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::Disputed)],
    );
    change(
        &store,
        &document,
        &mut history,
        &target,
        "note",
        &[Edit::Note("Budget p. 12".into())],
    );
    change(
        &store,
        &document,
        &mut history,
        &target,
        "evidence",
        &[Edit::AddEvidence(Evidence {
            url: "https://example.org/budget".into(),
            label: String::new(),
        })],
    );
    change(
        &store,
        &document,
        &mut history,
        &target,
        "tags",
        &[Edit::AddTag("budget".into())],
    );
    change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::False)],
    );
    let note = |store: &Store| {
        store
            .load(&document)
            .expect("load")
            .note(&id)
            .expect("note")
            .note
            .clone()
    };

    assert_eq!(history.undo_label(), Some("verdict"));
    history.undo(&store, &document).expect("undo");
    assert_eq!(note(&store).verdict, Verdict::Disputed);
    assert_eq!(history.undo_label(), Some("tags"));
    history.undo(&store, &document).expect("undo");
    assert!(note(&store).tags.is_empty());
    history.undo(&store, &document).expect("undo");
    assert!(note(&store).evidence.is_empty());
    history.undo(&store, &document).expect("undo");
    assert_eq!(note(&store).note, "");
    history.undo(&store, &document).expect("undo");
    assert_eq!(
        note(&store).verdict,
        Verdict::Unverified,
        "the note is unjudged again"
    );
    assert!(history.undo(&store, &document).expect("nothing").is_none());

    // Every undo was a change of its own, in the history.
    let undone = note(&store);
    let kinds: Vec<Option<UndoKind>> = undone.history.iter().map(|c| c.undo).collect();
    assert_eq!(
        kinds,
        [None, None, Some(UndoKind::Undo), Some(UndoKind::Undo)]
    );
    assert_eq!(undone.history.len(), 4);

    assert_eq!(history.redo_label(), Some("verdict"));
    for _ in 0..5 {
        history.redo(&store, &document).expect("redo");
    }
    let redone = note(&store);
    assert_eq!(redone.verdict, Verdict::False);
    assert_eq!(redone.note, "Budget p. 12");
    assert_eq!(redone.evidence.len(), 1);
    assert_eq!(redone.tags, ["budget"]);
    assert_eq!(
        redone.history.last().and_then(|c| c.undo),
        Some(UndoKind::Redo)
    );
    assert!(history.redo_label().is_none());
}

#[test]
fn a_new_change_clears_what_could_be_redone() {
    let (_dir, store, document, target) = setup();
    let mut history = UndoHistory::default();
    change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::Disputed)],
    );
    history.undo(&store, &document).expect("undo");
    assert!(history.redo_label().is_some());
    change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::Verified)],
    );
    assert!(history.redo_label().is_none());
}

#[test]
fn undo_keeps_a_change_made_since_to_another_field() {
    let (_dir, store, document, target) = setup();
    let mut history = UndoHistory::default();
    let id = change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::Disputed)],
    );
    // Another window adds a note in the meantime.
    store
        .set_note(
            &document,
            &Target::Note(id.clone()),
            "from the other window",
        )
        .expect("other");
    history.undo(&store, &document).expect("undo");
    let notes = store.load(&document).expect("load");
    let note = &notes.note(&id).expect("note").note;
    assert_eq!(note.verdict, Verdict::Unverified);
    assert_eq!(note.note, "from the other window");
}

#[test]
fn a_claim_marked_by_hand_is_removed_by_undo_and_comes_back_by_redo() {
    let (_dir, store, document, _) = setup();
    let mut history = UndoHistory::default();
    let (start, end) = span_of(&document, "waited thirty years for a fixed link");
    let saved = store.add_claim(&document, start, end).expect("add");
    history.record(UndoStep::of_saved("claim", &saved).expect("change"));
    let id = saved.note_id.clone();
    history.undo(&store, &document).expect("undo");
    assert!(store.load(&document).expect("load").note(&id).is_none());
    history.redo(&store, &document).expect("redo");
    let notes = store.load(&document).expect("load");
    let placed = notes.note(&id).expect("the same note is back");
    assert_eq!((placed.start, placed.end), (start, end));
}

#[test]
fn an_adopted_verdict_undoes_and_redoes_with_where_it_came_from() {
    let (_dir, store, document, target) = setup();
    let mut history = UndoHistory::default();
    let from = "disputed in Valley Courier (/news/courier.txt)".to_owned();
    let id = change(
        &store,
        &document,
        &mut history,
        &target,
        "adopted verdict",
        &[Edit::AdoptVerdict {
            verdict: Verdict::Disputed,
            from: from.clone(),
        }],
    );
    history.undo(&store, &document).expect("undo");
    history.redo(&store, &document).expect("redo");
    let notes = store.load(&document).expect("load");
    let last = notes
        .note(&id)
        .expect("note")
        .note
        .history
        .last()
        .cloned()
        .expect("change");
    assert_eq!(last.to, Verdict::Disputed);
    assert_eq!(last.adopted_from.as_deref(), Some(from.as_str()));
    assert_eq!(last.undo, Some(UndoKind::Redo));
}

#[test]
fn an_undo_is_journaled_like_any_change() {
    let (dir, store, document, target) = setup();
    let mut history = UndoHistory::default();
    let id = change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::Disputed)],
    );
    change(
        &store,
        &document,
        &mut history,
        &target,
        "verdict",
        &[Edit::Verdict(Verdict::False)],
    );
    history.undo(&store, &document).expect("undo");
    std::fs::remove_file(article_file(&dir.path().join("store"))).expect("delete");
    let notes = store.load(&document).expect("load");
    assert_eq!(
        notes.note(&id).expect("note").note.verdict,
        Verdict::Disputed
    );
}
