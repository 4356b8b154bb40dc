//! The one join of claims and notes (`review`): what the window, the exports and the library's
//! verdict hints all read.

use crosscheck_engine::export::{ExportFormat, ExportInput, Publishing, export};
use crosscheck_engine::extract;
use crosscheck_engine::review::{is_note_on, review};
use crosscheck_engine::store::{Edit, Store, Target, Verdict};

use crate::store_fixture::*;

const RELAYED: &str = "\
Port levy row

The port's director, Ilse Marr, told the Quay Gazette that the levy would double in May.

Quay Gazette editor Tom Fenn said the paper stood by its report.
";

#[test]
fn every_claim_is_listed_once_with_its_note_in_reading_order() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let extraction = extract(&document);
    let first = extraction.claims.first().expect("a claim");
    store
        .update(
            &document,
            &Target::Claim {
                start: first.start,
                end: first.end,
            },
            &[Edit::Verdict(Verdict::Disputed)],
        )
        .expect("save");
    let notes = store.load(&document).expect("load");
    let claims = review(&document, &extraction, &notes);
    assert_eq!(claims.len(), extraction.claims.len(), "no note alone");
    let judged: Vec<_> = claims.iter().filter(|c| c.note.is_some()).collect();
    assert_eq!(judged.len(), 1);
    assert_eq!(judged[0].id, first.id);
    assert_eq!(judged[0].verdict(), Verdict::Disputed);
    assert!(
        claims
            .windows(2)
            .all(|w| (w[0].start, std::cmp::Reverse(w[0].end))
                <= (w[1].start, std::cmp::Reverse(w[1].end))),
        "reading order"
    );
    assert!(claims.iter().all(|c| c.paragraph.is_some()));
}

#[test]
fn a_claim_marked_by_hand_carries_the_source_the_person_named_into_every_export() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let (start, end) = span_of(&document, "waited thirty years for a fixed link");
    store
        .update(
            &document,
            &Target::ManualClaim { start, end },
            &[
                Edit::Source("East Bank Residents' Association".to_owned()),
                Edit::Verdict(Verdict::Inconclusive),
            ],
        )
        .expect("save");
    let notes = store.load(&document).expect("load");
    let extraction = extract(&document);
    let claims = review(&document, &extraction, &notes);
    let manual = claims.iter().find(|c| c.is_manual()).expect("manual claim");
    assert_eq!(
        manual.source_name(),
        Some("East Bank Residents' Association")
    );
    assert_eq!(manual.attribution_name(), "manual");
    assert_eq!(manual.kind_label(), "marked by hand");
    assert!(manual.tags().is_empty(), "the source is not a tag");
    let input = ExportInput {
        document: &document,
        extraction: &extraction,
        notes: &notes,
        publishing: &Publishing::default(),
        source_statuses: &[],
    };
    let csv = export(ExportFormat::Csv, &input);
    assert!(
        csv.lines()
            .any(|l| l.contains("East Bank Residents' Association,") && l.contains(",manual,")),
        "{csv}"
    );
    let markdown = export(ExportFormat::Markdown, &input);
    assert!(
        markdown.contains("- **Source:** East Bank Residents' Association"),
        "{markdown}"
    );
    let w3c = export(ExportFormat::W3c, &input);
    let imported = crosscheck_engine::export::parse_w3c(&w3c).expect("parse");
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.source.as_deref() == Some("East Bank Residents' Association")),
        "the source round-trips through W3C"
    );
}

#[test]
fn an_older_notes_file_with_a_source_tag_is_read_into_the_source_field() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    let (start, end) = span_of(&document, "waited thirty years for a fixed link");
    store
        .update(
            &document,
            &Target::ManualClaim { start, end },
            &[Edit::AddTag("source:Harbour Board".to_owned())],
        )
        .expect("save");
    // As an earlier build wrote it: the source in a tag, no `source` field.
    let text = std::fs::read_to_string(article_file(&store_dir)).expect("read");
    assert!(text.contains("\"source:Harbour Board\"") && !text.contains("\"source\":"));
    let notes = store.load(&document).expect("load");
    let note = &notes.notes.first().expect("a note").note;
    assert_eq!(note.source.as_deref(), Some("Harbour Board"));
    assert!(note.tags.is_empty(), "{:?}", note.tags);
}

#[test]
fn a_relayed_claim_has_one_chain_written_one_way() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "levy.txt", RELAYED);
    let extraction = extract(&document);
    let notes = Store::open(dir.path().join("store"))
        .expect("open")
        .load(&document)
        .expect("load");
    let claims = review(&document, &extraction, &notes);
    let levy = claims
        .iter()
        .find(|c| c.text.contains("levy would double"))
        .expect("the levy claim");
    assert_eq!(levy.source_name(), Some("Ilse Marr"));
    assert_eq!(levy.chain, ["Quay Gazette"]);
    assert_eq!(levy.chain_text(), "Quay Gazette");
    let input = ExportInput {
        document: &document,
        extraction: &extraction,
        notes: &notes,
        publishing: &Publishing::default(),
        source_statuses: &[],
    };
    let markdown = export(ExportFormat::Markdown, &input);
    assert!(
        markdown.contains("- **Source:** Ilse Marr, port's director (via Quay Gazette)\n"),
        "{markdown}"
    );
}

#[test]
fn a_note_whose_claim_is_no_longer_extracted_stays_listed() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let (start, end) = span_of(&document, "the dredging work would start in March");
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[Edit::Verdict(Verdict::False)],
        )
        .expect("save");
    let notes = store.load(&document).expect("load");
    // An extraction that no longer finds that claim (as a newer extractor might).
    let mut extraction = extract(&document);
    extraction
        .claims
        .retain(|c| !(c.start == start && c.end == end));
    let claims = review(&document, &extraction, &notes);
    let kept = claims
        .iter()
        .find(|c| c.note.is_some())
        .expect("the note is listed");
    assert_eq!((kept.start, kept.end), (start, end));
    assert_eq!(kept.attribution, None);
    assert_eq!(kept.attribution_name(), "unattributed");
    assert_eq!(kept.kind_label(), "no longer extracted");
    assert_eq!(kept.verdict(), Verdict::False);
}

#[test]
fn the_pairing_rule_is_the_span_or_the_words() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let (start, end) = span_of(&document, "the bridge would cost $4 million");
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[Edit::Verdict(Verdict::Verified)],
        )
        .expect("save");
    let anchor = store.load(&document).expect("load").notes[0]
        .note
        .anchor
        .clone();
    assert!(is_note_on(&anchor, start, end, "other words"));
    assert!(is_note_on(
        &anchor,
        start + 7,
        end + 7,
        "the bridge would cost $4 million"
    ));
    assert!(
        !is_note_on(&anchor, start, end + 1, "the bridge would cost $4 million."),
        "a note on part of a claim is not on the claim"
    );
}
