//! A damaged or missing notes file is rebuilt from its last good copy and the journal, with
//! every change that was acknowledged, and the person is told what was recovered from where.

use std::path::{Path, PathBuf};

use crate::store_fixture::*;
use crosscheck_engine::Document;
use crosscheck_engine::store::{Edit, Notice, Store, Target, Verdict};

const CLAIMS: [(&str, Verdict); 3] = [
    (
        "Mayor Jane Roe said the bridge would cost $4 million.",
        Verdict::Misleading,
    ),
    (
        "Residents of the east bank told reporters they had waited thirty years",
        Verdict::Verified,
    ),
    (
        "A spokesperson for the harbour board said the dredging work would start in March.",
        Verdict::False,
    ),
];

/// A store in which the three claims were marked, one save each, with a note on the last.
fn three_marked() -> (tempfile::TempDir, Store, Document, PathBuf) {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    store.open_article(&document).expect("open article");
    for (claim, verdict) in CLAIMS {
        let (start, end) = span_of(&document, claim);
        store
            .set_verdict(&document, &Target::Claim { start, end }, verdict)
            .expect("mark");
    }
    let (start, end) = span_of(&document, CLAIMS[2].0);
    store
        .set_note(
            &document,
            &Target::Claim { start, end },
            "The board's minutes say April.",
        )
        .expect("note");
    let file = article_file(&dir.path().join("store"));
    (dir, store, document, file)
}

/// Asserts that every acknowledged change is in the notes of `document`.
fn assert_all_there(store: &Store, document: &Document) {
    let notes = store.load(document).expect("load");
    assert_eq!(notes.notes.len(), 3, "{:?}", notes.notices);
    for (claim, verdict) in CLAIMS {
        let (start, end) = span_of(document, claim);
        let found = notes
            .notes
            .iter()
            .find(|n| n.start == start && n.end == end)
            .unwrap_or_else(|| panic!("a note on {claim:?}"));
        assert_eq!(found.note.verdict, verdict, "{claim}");
    }
    assert!(
        notes
            .notes
            .iter()
            .any(|n| n.note.note == "The board's minutes say April."),
        "the last change is there"
    );
}

/// The one rebuild notice of a load, checked to be complete and to name its sources.
fn rebuilt_notice(notices: &[Notice], file: &Path) -> String {
    let rebuilt: Vec<_> = notices
        .iter()
        .filter_map(|n| match n {
            Notice::Rebuilt(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(rebuilt.len(), 1, "{notices:?}");
    let rebuilt = rebuilt[0];
    assert!(rebuilt.is_complete, "{rebuilt:?}");
    assert_eq!(rebuilt.path, file);
    assert_eq!(rebuilt.notes, 3);
    let message = Notice::Rebuilt(rebuilt.clone()).to_string();
    assert!(message.contains("journal"), "{message}");
    assert!(message.contains("no saved change missing"), "{message}");
    assert!(message.contains(&file.display().to_string()), "{message}");
    message
}

#[test]
fn a_truncated_notes_file_is_rebuilt_with_every_change() {
    let (_dir, store, document, file) = three_marked();
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(&file, &bytes[..bytes.len() / 3]).expect("truncate");
    let notes = store.load(&document).expect("load");
    let message = rebuilt_notice(&notes.notices, &file);
    assert!(message.contains("could not be read"), "{message}");
    assert!(message.contains("backup"), "{message}");
    assert!(
        message.contains(".corrupt-"),
        "the damaged file is kept aside: {message}"
    );
    assert_all_there(&store, &document);
    assert!(
        store.load(&document).expect("load").notices.is_empty(),
        "said once"
    );
}

#[test]
fn a_deleted_notes_file_is_rebuilt_with_every_change() {
    let (_dir, store, document, file) = three_marked();
    std::fs::remove_file(&file).expect("delete");
    let notes = store.load(&document).expect("load");
    let message = rebuilt_notice(&notes.notices, &file);
    assert!(message.contains("was missing"), "{message}");
    assert_all_there(&store, &document);
}

#[test]
fn a_garbage_notes_file_is_rebuilt_with_every_change() {
    let (_dir, store, document, file) = three_marked();
    std::fs::write(&file, [0u8, 159, 146, 150, b'{', b'x']).expect("garbage");
    // A save finds the damage first: the file is rebuilt, then the change is made on it.
    let (start, end) = span_of(&document, CLAIMS[0].0);
    let saved = store
        .update(
            &document,
            &Target::Claim { start, end },
            &[Edit::AddTag("budget".into())],
        )
        .expect("save");
    rebuilt_notice(&saved.notes.notices, &file);
    assert_all_there(&store, &document);
    let notes = store.load(&document).expect("load");
    assert!(notes.notes.iter().any(|n| n.note.tags == ["budget"]));
}

#[test]
fn with_the_backup_gone_too_the_journal_alone_rebuilds_the_file() {
    let (_dir, store, document, file) = three_marked();
    std::fs::remove_file(&file).expect("delete");
    let backup = file.with_file_name(format!(
        "{}.backup.json",
        file.file_stem().and_then(|s| s.to_str()).expect("stem")
    ));
    std::fs::remove_file(&backup).expect("delete the backup");
    let notes = store.load(&document).expect("load");
    let message = rebuilt_notice(&notes.notices, &file);
    assert!(!message.contains("backup ("), "{message}");
    assert_all_there(&store, &document);
    assert!(backup.exists(), "a backup is made again");
}

#[test]
fn a_notes_file_put_back_from_an_older_copy_gets_the_later_changes() {
    let (_dir, store, document, file) = three_marked();
    let older = std::fs::read(&file).expect("read");
    let (start, end) = span_of(&document, CLAIMS[1].0);
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[Edit::Note("Seen in the 1994 council minutes.".into())],
        )
        .expect("save");
    // A sync tool puts the older copy back (as a crash between the two writes would leave it).
    std::fs::write(&file, older).expect("put back");
    let notes = store.load(&document).expect("load");
    assert!(
        notes
            .notices
            .iter()
            .any(|n| matches!(n, Notice::RolledForward { changes: 1, .. })),
        "{:?}",
        notes.notices
    );
    assert!(
        notes
            .notes
            .iter()
            .any(|n| n.note.note == "Seen in the 1994 council minutes.")
    );
}

#[test]
fn a_torn_journal_line_is_ignored_and_the_journal_restarted() {
    let (_dir, store, document, file) = three_marked();
    let journal = file.with_extension("journal");
    let mut bytes = std::fs::read(&journal).expect("journal");
    bytes.extend_from_slice(b"{\"seq\": 99, \"v\": 2, \"at\": \"20");
    std::fs::write(&journal, bytes).expect("tear");
    let notes = store.load(&document).expect("load");
    assert!(notes.notices.is_empty(), "{:?}", notes.notices);
    // The next change starts the journal afresh; damage after it still loses nothing.
    let (start, end) = span_of(&document, CLAIMS[0].0);
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[Edit::Verdict(CLAIMS[0].1)],
        )
        .expect("save");
    std::fs::remove_file(&file).expect("delete");
    let notes = store.load(&document).expect("load");
    rebuilt_notice(&notes.notices, &file);
    assert_all_there(&store, &document);
}

#[test]
fn the_journal_is_compacted_as_it_grows() {
    let (_dir, store, document, file) = three_marked();
    let journal = file.with_extension("journal");
    let (start, end) = span_of(&document, CLAIMS[0].0);
    let mut largest = 0;
    for i in 0..400 {
        store
            .update(
                &document,
                &Target::Claim { start, end },
                &[Edit::Note(format!(
                    "revision {i} of a long note {}",
                    "x".repeat(300)
                ))],
            )
            .expect("save");
        largest = largest.max(std::fs::metadata(&journal).expect("journal").len());
    }
    let file_len = std::fs::metadata(&file).expect("file").len();
    assert!(
        largest < 64 * 1024 + 4 * file_len + 4096,
        "journal grew to {largest} bytes (file {file_len})"
    );
    std::fs::write(&file, "truncated").expect("damage");
    let notes = store.load(&document).expect("load");
    assert!(
        notes
            .notes
            .iter()
            .any(|n| n.note.note.starts_with("revision 399 ")),
        "the last change survived compaction"
    );
}
