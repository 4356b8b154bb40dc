//! Exports of an article that changed under its verdicts: every format shows which verdicts
//! need review, with the wording judged; ClaimReview leaves them out and the export says so.

use crate::store_fixture::*;
use crosscheck_engine::Document;
use crosscheck_engine::export::{
    ExportFormat, ExportInput, Publishing, export, export_notices, parse_w3c,
};
use crosscheck_engine::store::{Edit, Store, Target, Verdict};

const PACT: &str = "\
Allies weigh sending troops

President Emmanuel Macron said Paris would not risk a war with Moscow over the pact.

The defence minister said the first units could leave in May.

Officials in Berlin said no decision had been taken.
";

const JUDGED: &str = "Paris would not risk a war with Moscow over the pact";

/// The article marked on its three claims, then reworded and cut: two verdicts need review.
fn changed() -> (tempfile::TempDir, Store, Document) {
    let dir = temp_dir();
    let (path, document) = write_article(dir.path(), "pact.txt", PACT);
    let store = Store::open(dir.path().join("store")).expect("open");
    let extraction = crosscheck_engine::extract(&document);
    for (words, verdict) in [
        ("would not risk", Verdict::Disputed),
        ("first units", Verdict::Verified),
        ("no decision", Verdict::False),
    ] {
        let claim = extraction
            .claims
            .iter()
            .find(|c| c.text.contains(words))
            .expect("claim");
        store
            .set_verdict(
                &document,
                &Target::Claim {
                    start: claim.start,
                    end: claim.end,
                },
                verdict,
            )
            .expect("mark");
    }
    let edited = PACT
        .replace("would not risk", "would not rule out risking")
        .replace("Officials in Berlin said no decision had been taken.\n", "");
    std::fs::write(&path, edited).expect("edit");
    let document = reload(&path);
    store.open_article(&document).expect("open");
    (dir, store, document)
}

fn export_of(store: &Store, document: &Document, format: ExportFormat) -> (String, Vec<String>) {
    let extraction = crosscheck_engine::extract(document);
    let notes = store.load(document).expect("load");
    let input = ExportInput {
        document,
        extraction: &extraction,
        notes: &notes,
        publishing: &Publishing {
            reviewer: Some("Ada Checker".to_owned()),
            ..Publishing::default()
        },
        source_statuses: &[],
    };
    (export(format, &input), export_notices(format, &input))
}

#[test]
fn markdown_shows_both_wordings_of_a_verdict_that_needs_review() {
    let (_dir, store, document) = changed();
    let (text, notices) = export_of(&store, &document, ExportFormat::Markdown);
    assert!(text.contains("**2 claims need review:**"), "{text}");
    assert!(
        text.contains("### 1. Disputed, needs review (Emmanuel Macron)"),
        "{text}"
    );
    assert!(
        text.contains(&format!("- **Wording judged:**\n  > {JUDGED}")),
        "{text}"
    );
    assert!(
        text.contains("- **Wording now:**\n  > Paris would not rule out risking a war"),
        "{text}"
    );
    assert!(
        text.contains("- **Wording now:** no longer in the article"),
        "{text}"
    );
    assert!(!text.contains("### 2. Verified, needs review"), "{text}");
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("2 verdicts need review"), "{notices:?}");
}

#[test]
fn claimreview_leaves_out_verdicts_that_need_review_and_says_so() {
    let (_dir, store, document) = changed();
    let (text, notices) = export_of(&store, &document, ExportFormat::ClaimReview);
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let reviewed: Vec<&str> = json["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .filter_map(|r| r["claimReviewed"].as_str())
        .collect();
    assert_eq!(reviewed, ["the first units could leave in May"]);
    // First the verdicts left out, then what publishing needs (no base URL is set here).
    assert_eq!(
        notices.first().map(String::as_str),
        Some(
            "2 verdicts need review (the article's words changed since) and are left out of the \
          ClaimReview export; confirm or change them first"
        )
    );
    assert!(
        notices[1..].iter().all(|n| !n.contains("verdict")),
        "{notices:?}"
    );
    assert!(
        notices.iter().any(|n| n.starts_with("not publishable")),
        "{notices:?}"
    );
    // Confirmed, the reworded claim is reviewed again, on its new words.
    let notes = store.load(&document).expect("load");
    let reworded = notes
        .needing_review()
        .find(|n| n.review.as_ref().is_some_and(|r| r.current.is_some()))
        .expect("the reworded note");
    store
        .update(
            &document,
            &Target::Note(reworded.note.id.clone()),
            &[Edit::Confirm],
        )
        .expect("confirm");
    let (text, notices) = export_of(&store, &document, ExportFormat::ClaimReview);
    assert!(text.contains("would not rule out risking a war"), "{text}");
    assert!(
        notices[0].starts_with("1 verdict needs review"),
        "{notices:?}"
    );
}

#[test]
fn csv_marks_the_review_state_and_the_wording_judged() {
    let (_dir, store, document) = changed();
    let (text, _) = export_of(&store, &document, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let disputed = rows
        .iter()
        .find(|r| &r[column("verdict")] == "disputed")
        .expect("disputed row");
    assert_eq!(&disputed[column("review")], "needs_review");
    assert_eq!(&disputed[column("judged_wording")], JUDGED);
    let verified = rows
        .iter()
        .find(|r| &r[column("verdict")] == "verified")
        .expect("verified row");
    assert_eq!(&verified[column("review")], "");
}

#[test]
fn w3c_carries_the_review_state_and_confirmations_round_trip() {
    let (_dir, store, document) = changed();
    let (text, _) = export_of(&store, &document, ExportFormat::W3c);
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let items = json["first"]["items"].as_array().expect("items");
    let in_review: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| !i["cc:needsReview"].is_null())
        .collect();
    assert_eq!(in_review.len(), 2);
    assert!(in_review.iter().any(|i| {
        i["cc:needsReview"]["earlier"] == JUDGED
            && i["cc:needsReview"]["current"]
                .as_str()
                .is_some_and(|c| c.contains("rule out risking"))
    }));
    assert!(
        in_review
            .iter()
            .any(|i| i["cc:needsReview"]["current"].is_null())
    );

    let notes = store.load(&document).expect("load");
    for placed in notes.needing_review() {
        store
            .update(
                &document,
                &Target::Note(placed.note.id.clone()),
                &[Edit::Confirm],
            )
            .expect("confirm");
    }
    let (text, _) = export_of(&store, &document, ExportFormat::W3c);
    let imported = parse_w3c(&text).expect("import");
    let confirmed: Vec<_> = imported
        .notes
        .iter()
        .filter(|n| !n.rewordings.is_empty())
        .collect();
    assert_eq!(confirmed.len(), 2);
    let stored = store.load(&document).expect("load");
    for note in confirmed {
        assert_eq!(
            note.rewordings,
            stored.note(&note.id).expect("stored").note.rewordings
        );
    }
}
