//! Notes follow their claims when the article is edited: exact, moved, fuzzy, or orphaned,
//! and never lost.

use crate::store_fixture::*;
use crosscheck_engine::store::{AnchorState, AnchorText, Store, Target, Verdict};

const MAYOR: &str = "Mayor Jane Roe said the bridge would cost $4 million.";
const TREASURER: &str = "The council's treasurer, Sam Poe, warned that the estimate left out the approach roads \
and the cost of closing the ferry for two summers.";
const RESIDENTS: &str =
    "Residents of the east bank told reporters they had waited thirty years for a fixed link.";
const HARBOUR: &str =
    "A spokesperson for the harbour board said the dredging work would start in March.";

/// A store with a note (verdict and text) on each of the four claims of [`ARTICLE`].
fn marked_store(dir: &std::path::Path) -> (Store, std::path::PathBuf) {
    marked_store_with(dir, ARTICLE)
}

/// Like [`marked_store`], for another version of the article.
fn marked_store_with(dir: &std::path::Path, article: &str) -> (Store, std::path::PathBuf) {
    let (path, document) = write_article(dir, "bridge.txt", article);
    let store = Store::open(dir.join("store")).expect("open");
    for (claim, verdict) in [
        (MAYOR, Verdict::False),
        (TREASURER, Verdict::Verified),
        (RESIDENTS, Verdict::Inconclusive),
        (HARBOUR, Verdict::Disputed),
    ] {
        let claim = claim.replace(
            "thirty years",
            if article.contains("yaers") {
                "thirty yaers"
            } else {
                "thirty years"
            },
        );
        let (start, end) = span_of(&document, &claim);
        store
            .update(
                &document,
                &Target::Claim { start, end },
                &[
                    crosscheck_engine::store::Edit::Verdict(verdict),
                    crosscheck_engine::store::Edit::Note(format!("note on {}", &claim[..12])),
                ],
            )
            .expect("save");
    }
    (store, path)
}

/// Rewrites the article, reloads its notes and returns (claim prefix → (state, current text)).
fn edit_and_place(
    store: &Store,
    path: &std::path::Path,
    edited: &str,
) -> Vec<(String, AnchorState, String, Verdict)> {
    std::fs::write(path, edited).expect("edit article");
    let document = reload(path);
    let notes = store.load(&document).expect("load");
    assert_eq!(notes.notes.len(), 4, "no note is ever lost");
    notes
        .notes
        .iter()
        .map(|n| {
            (
                n.note.note.clone(),
                n.state,
                if n.state == AnchorState::Orphaned {
                    n.note.anchor.exact.clone()
                } else {
                    slice(&document, n.start, n.end)
                },
                n.note.verdict,
            )
        })
        .collect()
}

fn state_of(
    placed: &[(String, AnchorState, String, Verdict)],
    note: &str,
) -> (AnchorState, String) {
    placed
        .iter()
        .find(|p| p.0 == note)
        .map(|p| (p.1, p.2.clone()))
        .unwrap_or_else(|| panic!("note {note:?} missing"))
}

#[test]
fn unchanged_article_places_every_note_exactly() {
    let dir = temp_dir();
    let (store, path) = marked_store(dir.path());
    let placed = edit_and_place(&store, &path, ARTICLE);
    assert!(
        placed.iter().all(|p| p.1 == AnchorState::Exact),
        "{placed:?}"
    );
}

#[test]
fn insertion_before_the_claim_moves_it() {
    let dir = temp_dir();
    let (store, path) = marked_store(dir.path());
    let edited = ARTICLE.replace(
        "\n\nMayor",
        "\n\nUpdated on Tuesday with the board's reply.\n\nMayor",
    );
    let placed = edit_and_place(&store, &path, &edited);
    assert_eq!(
        state_of(&placed, "note on Mayor Jane R"),
        (AnchorState::Moved, MAYOR.to_owned())
    );
    assert_eq!(
        state_of(&placed, "note on A spokespers"),
        (AnchorState::Moved, HARBOUR.to_owned())
    );
    // Writing keeps the new positions: the next load finds them exactly.
    let document = reload(&path);
    store.open_article(&document).expect("open");
    let notes = store.load(&document).expect("load");
    assert!(
        notes.notes.iter().all(|n| n.state == AnchorState::Exact),
        "{:?}",
        notes.notes
    );
}

#[test]
fn insertion_inside_the_claim_is_found_approximately() {
    let dir = temp_dir();
    let (store, path) = marked_store(dir.path());
    let edited = ARTICLE.replace(
        "the bridge would cost",
        "the new bridge over the harbour would cost",
    );
    let placed = edit_and_place(&store, &path, &edited);
    assert_eq!(
        state_of(&placed, "note on Mayor Jane R"),
        (
            AnchorState::Fuzzy,
            "Mayor Jane Roe said the new bridge over the harbour would cost $4 million.".to_owned()
        )
    );
    assert_eq!(
        state_of(&placed, "note on A spokespers").0,
        AnchorState::Moved
    );
}

#[test]
fn deleted_paragraph_orphans_its_note_and_moves_the_rest() {
    let dir = temp_dir();
    let (store, path) = marked_store(dir.path());
    let edited = ARTICLE.replace(&format!("{TREASURER}\n\n"), "");
    let placed = edit_and_place(&store, &path, &edited);
    assert_eq!(
        state_of(&placed, "note on The council'"),
        (AnchorState::Orphaned, TREASURER.to_owned())
    );
    assert_eq!(
        state_of(&placed, "note on Mayor Jane R").0,
        AnchorState::Exact
    );
    assert_eq!(
        state_of(&placed, "note on Residents of").0,
        AnchorState::Moved
    );
    assert_eq!(
        state_of(&placed, "note on A spokespers").0,
        AnchorState::Moved
    );
}

#[test]
fn corrected_typo_in_the_quote_is_found_approximately() {
    let dir = temp_dir();
    // The notes were made on a version with a typo in the quote; the article is then corrected.
    let (store, path) =
        marked_store_with(dir.path(), &ARTICLE.replace("thirty years", "thirty yaers"));
    let placed = edit_and_place(&store, &path, ARTICLE);
    assert_eq!(
        state_of(&placed, "note on Residents of"),
        (AnchorState::Fuzzy, RESIDENTS.to_owned())
    );
    assert_eq!(
        state_of(&placed, "note on A spokespers").0,
        AnchorState::Exact
    );
    // Touching the note confirms the new place: it is exact from then on.
    let document = reload(&path);
    let notes = store.load(&document).expect("load");
    let id = notes
        .notes
        .iter()
        .find(|n| n.state == AnchorState::Fuzzy)
        .map(|n| n.note.id.clone())
        .expect("fuzzy note");
    let saved = store
        .set_verdict(&document, &Target::Note(id), Verdict::Verified)
        .expect("save");
    assert_eq!(saved.note().map(|n| n.state), Some(AnchorState::Exact));
    assert_eq!(
        saved.note().map(|n| n.note.anchor.exact.as_str()),
        Some(RESIDENTS)
    );
}

#[test]
fn claim_deleted_outright_is_orphaned_and_kept() {
    let dir = temp_dir();
    let (store, path) = marked_store(dir.path());
    let edited = ARTICLE.replace(&format!("{MAYOR}\n\n"), "");
    let placed = edit_and_place(&store, &path, &edited);
    let (state, quote) = state_of(&placed, "note on Mayor Jane R");
    assert_eq!((state, quote.as_str()), (AnchorState::Orphaned, MAYOR));
    let verdict = placed
        .iter()
        .find(|p| p.0 == "note on Mayor Jane R")
        .map(|p| p.3);
    assert_eq!(verdict, Some(Verdict::False));

    // Further saves keep the orphan, its anchor untouched, and it stays editable by id.
    let document = reload(&path);
    let (start, end) = span_of(&document, HARBOUR);
    store
        .set_verdict(&document, &Target::Claim { start, end }, Verdict::Verified)
        .expect("save");
    let notes = store.load(&document).expect("load");
    let orphans: Vec<_> = notes.orphaned().collect();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].note.anchor.exact, MAYOR);
    let id = orphans[0].note.id.clone();
    store
        .set_note(
            &document,
            &Target::Note(id.clone()),
            "claim was cut from the article",
        )
        .expect("edit orphan");
    assert_eq!(
        store.orphaned(&document).expect("orphans")[0].note.note,
        "claim was cut from the article"
    );

    // The person can pin it to another place.
    let (start, end) = span_of(&document, "Residents of the east bank");
    let saved = store
        .reattach(&document, &id, start, end)
        .expect("reattach");
    assert_eq!(saved.note().map(|n| n.state), Some(AnchorState::Exact));
    assert_eq!(store.orphaned(&document).expect("orphans").len(), 0);
}

#[test]
fn fuzzy_search_stays_bounded_on_a_long_document() {
    // ~300,000 chars of numbered paragraphs with 300 notes, then every paragraph edited.
    let paragraphs: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "Paragraph {i}: the committee heard that item {i} would cost {} dollars in total.",
                i * 37
            )
        })
        .collect();
    let text = paragraphs.join("\n\n");
    let before = AnchorText::new(&text);
    let anchors: Vec<_> = (0..300)
        .map(|k| {
            let needle = &paragraphs[k * 10];
            let byte = text.find(needle.as_str()).expect("paragraph");
            let start = text[..byte].chars().count();
            before
                .anchor(start, start + needle.chars().count())
                .expect("anchor")
        })
        .collect();
    let edited = text.replace("would cost", "could cost");
    let after = AnchorText::new(&edited);
    let started = std::time::Instant::now();
    let placements: Vec<_> = anchors.iter().map(|a| after.place(a)).collect();
    let elapsed = started.elapsed();
    for (k, placement) in placements.iter().enumerate() {
        assert_eq!(placement.state, AnchorState::Fuzzy, "note {k}");
        let found: String = edited
            .chars()
            .skip(placement.start)
            .take(placement.end - placement.start)
            .collect();
        assert_eq!(found, paragraphs[k * 10].replace("would", "could"));
    }
    eprintln!(
        "placed 300 fuzzy notes in a {}-char text in {elapsed:?}",
        edited.chars().count()
    );
}
