//! When an article changes: each version the person annotated is kept, the changes since the
//! last review are found word by word, and a verdict never slides onto other words — a note
//! whose words changed needs review, with both wordings, until it is confirmed or changed.

use crate::store_fixture::*;
use crosscheck_engine::Document;
use crosscheck_engine::library::WordChangeKind;
use crosscheck_engine::store::{AnchorState, Edit, Notice, SCHEMA_VERSION, Store, Target, Verdict};

const PACT: &str = "\
Allies weigh sending troops

President Emmanuel Macron said Paris would not risk a war with Moscow over the pact.

The defence minister said the first units could leave in May.

Officials in Berlin said no decision had been taken.
";

const MACRON: &str =
    "President Emmanuel Macron said Paris would not risk a war with Moscow over the pact.";
const MINISTER: &str = "The defence minister said the first units could leave in May.";
const BERLIN: &str = "Officials in Berlin said no decision had been taken.";

/// A store with the three claims of `PACT` marked, and the article's path.
fn marked() -> (tempfile::TempDir, Store, std::path::PathBuf, Document) {
    let dir = temp_dir();
    let (path, document) = write_article(dir.path(), "pact.txt", PACT);
    let store = Store::open(dir.path().join("store")).expect("open");
    store.open_article(&document).expect("open article");
    for (claim, verdict) in [
        (MACRON, Verdict::Disputed),
        (MINISTER, Verdict::Verified),
        (BERLIN, Verdict::Inconclusive),
    ] {
        let (start, end) = span_of(&document, claim);
        store
            .set_verdict(&document, &Target::Claim { start, end }, verdict)
            .expect("mark");
    }
    (dir, store, path, document)
}

/// Rewrites the article with `edit` applied and loads it again.
fn edit(path: &std::path::Path, edit: impl FnOnce(&str) -> String) -> Document {
    let text = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, edit(&text)).expect("write");
    reload(path)
}

#[test]
fn a_reworded_claim_needs_review_with_both_wordings() {
    let (_dir, store, path, _) = marked();
    let edited = edit(&path, |t| {
        t.replace("would not risk a war", "would not rule out risking a war")
    });
    let notes = store.open_article(&edited).expect("open");
    let macron = notes
        .notes
        .iter()
        .find(|n| n.note.verdict == Verdict::Disputed)
        .expect("the note");
    assert_eq!(macron.state, AnchorState::Fuzzy);
    let review = macron.review.as_ref().expect("needs review");
    assert_eq!(review.earlier, MACRON);
    assert_eq!(
        review.current.as_deref(),
        Some(
            "President Emmanuel Macron said Paris would not rule out risking a war with Moscow \
             over the pact."
        )
    );
    assert_eq!(
        notes.needing_review().count(),
        1,
        "the other two did not change"
    );

    let revision = notes
        .revision
        .as_ref()
        .expect("changed since the last review");
    assert!(revision.since_review);
    let changes = revision
        .changes
        .as_ref()
        .expect("the earlier text was kept");
    assert_eq!(changes.passages.len(), 1);
    assert_eq!(changes.passages[0].old, "risk");
    assert_eq!(changes.passages[0].new, "rule out risking");
    let runs = &changes.runs[changes.passages[0].runs.0..changes.passages[0].runs.1];
    let kinds: Vec<WordChangeKind> = runs.iter().map(|r| r.change).collect();
    assert_eq!(kinds, [WordChangeKind::Removed, WordChangeKind::Added]);
    assert_eq!(revision.affected.len(), 1);
    assert_eq!(revision.affected[0].note_id, macron.note.id);
    assert!(revision.affected[0].needs_review);
    assert_eq!(revision.affected[0].passages, [0]);
    assert_eq!(
        revision.headline(),
        "This article changed since your last review: 1 passage changed, 1 note affected"
    );

    // Touching the note otherwise keeps it in review: a tag is not a judgement of new words.
    let id = macron.note.id.clone();
    let saved = store
        .update(
            &edited,
            &Target::Note(id.clone()),
            &[Edit::AddTag("defence".into())],
        )
        .expect("tag");
    let note = saved.note().expect("note");
    assert!(note.review.is_some(), "a tag does not confirm");
    assert_eq!(
        note.note.anchor.exact, MACRON,
        "the anchor stays on the judged words"
    );

    // Confirming anchors the verdict on the new words and records the earlier wording.
    let saved = store
        .update(&edited, &Target::Note(id.clone()), &[Edit::Confirm])
        .expect("confirm");
    let note = saved.note().expect("note");
    assert_eq!(note.review, None);
    assert_eq!(note.note.verdict, Verdict::Disputed);
    assert!(note.note.anchor.exact.contains("rule out risking"));
    assert_eq!(note.note.rewordings.len(), 1);
    assert_eq!(note.note.rewordings[0].from, MACRON);
    assert_eq!(
        note.note.rewordings[0].to.as_deref(),
        Some(note.note.anchor.exact.as_str())
    );
    let again = store.open_article(&edited).expect("open again");
    assert_eq!(again.note(&id).expect("note").state, AnchorState::Exact);
    assert_eq!(again.needing_review().count(), 0);
    assert!(
        again.revision.is_none(),
        "the current version is reviewed now"
    );
}

#[test]
fn setting_a_verdict_settles_a_note_that_needs_review() {
    let (_dir, store, path, _) = marked();
    let edited = edit(&path, |t| t.replace("leave in May", "leave in June"));
    let notes = store.open_article(&edited).expect("open");
    let minister = notes.needing_review().next().expect("one needs review");
    assert_eq!(minister.note.verdict, Verdict::Verified);
    let saved = store
        .set_verdict(
            &edited,
            &Target::Note(minister.note.id.clone()),
            Verdict::False,
        )
        .expect("verdict");
    let note = saved.note().expect("note");
    assert_eq!(note.review, None);
    assert!(note.note.anchor.exact.ends_with("leave in June."));
}

#[test]
fn a_paragraph_inserted_before_a_claim_moves_it_without_review() {
    let (_dir, store, path, _) = marked();
    let edited = edit(&path, |t| {
        t.replacen(
            "\n\nPresident",
            "\n\nAn editor's note: this report was updated on Friday.\n\nPresident",
            1,
        )
    });
    let loaded = store.load(&edited).expect("load");
    assert_eq!(loaded.notes.len(), 3);
    for placed in &loaded.notes {
        assert_eq!(
            placed.state,
            AnchorState::Moved,
            "{}",
            placed.note.anchor.exact
        );
        assert_eq!(placed.review, None);
        assert_eq!(
            slice(&edited, placed.start, placed.end),
            placed.note.anchor.exact
        );
    }
    let notes = store.open_article(&edited).expect("open");
    assert_eq!(notes.needing_review().count(), 0);
    let revision = notes.revision.as_ref().expect("the article changed");
    let changes = revision.changes.as_ref().expect("kept");
    assert_eq!(changes.passages.len(), 1);
    let passage = &changes.passages[0];
    assert_eq!(passage.old, "");
    assert_eq!(
        passage.new,
        "An editor's note: this report was updated on Friday."
    );
    assert_eq!(passage.old_start, passage.old_end);
    assert!(revision.affected.is_empty(), "{:?}", revision.affected);
    assert_eq!(
        revision.headline(),
        "This article changed since your last review: 1 passage changed, no notes affected"
    );
}

#[test]
fn a_deleted_claim_is_orphaned_and_needs_review() {
    let (_dir, store, path, _) = marked();
    let edited = edit(&path, |t| t.replace(&format!("{BERLIN}\n"), ""));
    let notes = store.open_article(&edited).expect("open");
    let berlin = notes
        .notes
        .iter()
        .find(|n| n.note.anchor.exact == BERLIN)
        .expect("kept");
    assert_eq!(berlin.state, AnchorState::Orphaned);
    assert_eq!(
        berlin.note.verdict,
        Verdict::Inconclusive,
        "the verdict is kept"
    );
    let review = berlin.review.as_ref().expect("needs review");
    assert_eq!(review.earlier, BERLIN);
    assert_eq!(review.current, None);
    let revision = notes.revision.as_ref().expect("changed");
    let changes = revision.changes.as_ref().expect("kept");
    assert_eq!(changes.passages.len(), 1);
    assert_eq!(changes.passages[0].old, BERLIN);
    assert_eq!(changes.passages[0].new, "");
    assert_eq!(revision.affected.len(), 1);
    assert_eq!(revision.affected[0].note_id, berlin.note.id);
    // Kept as it was: it stays orphaned, no longer needing review.
    let saved = store
        .update(
            &edited,
            &Target::Note(berlin.note.id.clone()),
            &[Edit::Confirm],
        )
        .expect("confirm");
    let note = saved.note().expect("note");
    assert_eq!(note.state, AnchorState::Orphaned);
    assert_eq!(note.review, None);
    assert_eq!(note.note.rewordings.last().and_then(|r| r.to.clone()), None);
    assert_eq!(note.note.anchor.exact, BERLIN);
}

#[test]
fn respaced_words_need_no_review() {
    let (_dir, store, path, _) = marked();
    let edited = edit(&path, |t| t.replace("the first units", "the first\nunits"));
    let notes = store.open_article(&edited).expect("open");
    assert_eq!(notes.needing_review().count(), 0);
    // Written back at once, so the next load finds it exactly.
    let again = store.load(&edited).expect("load");
    assert!(again.notes.iter().all(|n| n.state == AnchorState::Exact));
}

#[test]
fn an_unchanged_article_costs_nothing_and_texts_are_shared() {
    let (dir, store, _path, document) = marked();
    let size = store.version_store_size().expect("size");
    assert_eq!(size.texts, 1);
    let journal = article_file(&dir.path().join("store")).with_extension("journal");
    let journal_bytes = std::fs::metadata(&journal).expect("journal").len();
    for _ in 0..3 {
        let notes = store.open_article(&document).expect("open");
        assert!(notes.revision.is_none());
        assert_eq!(notes.article.versions.len(), 1);
    }
    assert_eq!(store.version_store_size().expect("size"), size);
    assert_eq!(
        std::fs::metadata(&journal).expect("journal").len(),
        journal_bytes,
        "a visit is not journaled"
    );
    // A copy of the article elsewhere, annotated too, shares the kept text.
    let (_, copy) = write_article(dir.path(), "pact-copy.txt", PACT);
    let (start, end) = span_of(&copy, MINISTER);
    store
        .set_verdict(&copy, &Target::Claim { start, end }, Verdict::False)
        .expect("mark");
    assert_eq!(store.version_store_size().expect("size").texts, 1);
}

#[test]
fn each_annotated_version_is_kept_and_listed() {
    let (_dir, store, path, document) = marked();
    let first = document.text.clone();
    let edited = edit(&path, |t| t.replace("in May", "in June"));
    store.open_article(&edited).expect("open");
    let notes = store.load(&edited).expect("load");
    let versions = &notes.article.versions;
    assert_eq!(versions.len(), 2);
    assert!(versions[0].reviewed.is_some());
    assert_eq!(versions[1].reviewed, None, "opening is not reviewing");
    assert!(versions.iter().all(|v| v.stored));
    let old = versions[0].text_sha256.as_deref().expect("hash");
    assert_eq!(
        store.version_text(old).expect("read").as_deref(),
        Some(first.as_str())
    );
    // Marking it reviewed makes it the version the next one is compared with.
    store.mark_reviewed(&edited).expect("reviewed");
    let notes = store.open_article(&edited).expect("open");
    assert!(notes.revision.is_none());
    let last_change = store
        .revision(&edited, &notes)
        .expect("revision")
        .expect("the change before is still there to see");
    assert!(!last_change.since_review);
    assert_eq!(last_change.passage_count(), 1);
}

#[test]
fn a_web_page_saved_again_from_the_same_address_is_a_new_version() {
    let dir = temp_dir();
    let page = |body: &str| {
        format!(
            "<!doctype html><html><head><title>Bridge vote - Harbour Times</title>\
             <link rel=\"canonical\" href=\"https://harbour.example/news/bridge-vote\">\
             </head><body><article><h1>Bridge vote</h1><p>{body}</p>\
             <p>The council will publish the final design in the autumn, after a further round \
             of consultation with residents and harbour businesses.</p></article></body></html>"
        )
    };
    let first = dir.path().join("bridge.html");
    std::fs::write(
        &first,
        page("Mayor Jane Roe said the bridge would cost four million pounds."),
    )
    .expect("write");
    let document = reload(&first);
    assert_eq!(
        document.source_url.as_deref(),
        Some("https://harbour.example/news/bridge-vote")
    );
    let store = Store::open(dir.path().join("store")).expect("open");
    let (start, end) = span_of(
        &document,
        "Mayor Jane Roe said the bridge would cost four million pounds.",
    );
    store
        .set_verdict(&document, &Target::Claim { start, end }, Verdict::False)
        .expect("mark");
    let second = dir.path().join("bridge (1).html");
    std::fs::write(
        &second,
        page("Mayor Jane Roe said the bridge would cost five million pounds."),
    )
    .expect("write");
    let resaved = reload(&second);
    let notes = store.open_article(&resaved).expect("open");
    assert!(
        notes
            .notices
            .iter()
            .any(|n| matches!(n, Notice::SameAddress { .. })),
        "{:?}",
        notes.notices
    );
    assert_eq!(notes.notes.len(), 1, "the notes of the first copy");
    assert_eq!(notes.article.versions.len(), 2);
    let review = notes.notes[0].review.as_ref().expect("reworded");
    assert!(review.earlier.contains("four million"));
    let revision = notes.revision.as_ref().expect("changed");
    assert_eq!(
        revision.changes.as_ref().expect("kept").passages[0].new,
        "five"
    );
    assert_eq!(store.library().expect("library").entries.len(), 1);
}

#[test]
fn a_file_of_the_first_format_loads_and_is_migrated() {
    let dir = temp_dir();
    let (path, document) = write_article(dir.path(), "pact.txt", PACT);
    let (start, end) = span_of(&document, MACRON);
    let key = std::fs::canonicalize(&path).expect("canonical");
    // What version 1 wrote, by hand: no versions, no journal.
    let v1 = format!(
        "{{\n  \"schema_version\": 1,\n  \"article\": {{\n    \"path\": {path:?},\n    \
         \"title\": \"Allies weigh sending troops\",\n    \"sha256\": \"{sha}\",\n    \
         \"first_opened\": \"2025-01-01T10:00:00.000Z\",\n    \
         \"last_opened\": \"2025-01-01T10:00:00.000Z\"\n  }},\n  \"notes\": [\n    {{\n      \
         \"id\": \"n-00000001\",\n      \"anchor\": {{\n        \"exact\": {exact:?},\n        \
         \"prefix\": \"\",\n        \"suffix\": \"\",\n        \"start\": {start},\n        \
         \"end\": {end}\n      }},\n      \"origin\": \"extracted\",\n      \
         \"verdict\": \"disputed\",\n      \"note\": \"Checked against the transcript.\",\n      \
         \"evidence\": [],\n      \"tags\": [],\n      \
         \"created\": \"2025-01-01T10:01:00.000Z\",\n      \
         \"modified\": \"2025-01-01T10:02:00.000Z\",\n      \"history\": [\n        {{\n          \
         \"from\": \"unverified\",\n          \"to\": \"disputed\",\n          \
         \"at\": \"2025-01-01T10:02:00.000Z\"\n        }}\n      ]\n    }}\n  ]\n}}\n",
        path = key.to_string_lossy(),
        sha = document.sha256,
        exact = MACRON,
    );
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    // The first open makes the file; replace it with the version 1 file.
    store.open_article(&document).expect("open");
    let file = article_file(&store_dir);
    std::fs::write(&file, &v1).expect("write v1");
    let notes = store.load(&document).expect("a v1 file loads");
    assert!(notes.notices.is_empty(), "{:?}", notes.notices);
    assert_eq!(notes.notes.len(), 1);
    assert_eq!(notes.notes[0].note.verdict, Verdict::Disputed);
    assert_eq!(notes.notes[0].note.note, "Checked against the transcript.");
    // The article changed while version 1 was in use: needs review still works, and the
    // revision says the earlier text was not kept.
    let edited = edit(&path, |t| {
        t.replace("would not risk a war", "would not rule out risking a war")
    });
    let notes = store.open_article(&edited).expect("open");
    assert!(notes.notes[0].review.is_some());
    let revision = notes
        .revision
        .as_ref()
        .expect("changed since the notes were made");
    assert!(revision.changes.is_none());
    assert_eq!(
        revision.headline(),
        "This article changed since your last review: the earlier text was not kept, 1 note \
         affected"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    assert_eq!(written["schema_version"], SCHEMA_VERSION);
    assert_eq!(
        written["notes"][0]["note"],
        "Checked against the transcript."
    );
    assert_eq!(written["notes"][0]["history"][0]["to"], "disputed");
    assert_eq!(
        written["article"]["versions"].as_array().map(Vec::len),
        Some(2)
    );
}
