//! Notes on a PDF: they anchor like any article's, survive a reload, and every export cites the
//! page of the claim ("p. 2" in Markdown and CSV, a page fragment in the W3C selector).

use crosscheck_engine::document;
use crosscheck_engine::export::{ExportFormat, ExportInput, Publishing, export, parse_w3c};
use crosscheck_engine::extract::extract;
use crosscheck_engine::store::{AnchorState, Store, Target, Verdict};

use crate::pdf_fixture::{line, pdf};

fn two_page_report() -> Vec<u8> {
    pdf(
        &[
            vec![
                line(72.0, 80.0, 20.0, "Ferry Plan Review"),
                line(72.0, 120.0, 12.0, "The board met on Monday."),
            ],
            vec![line(
                72.0,
                80.0,
                12.0,
                "The ferry will cost 4 million euros, the mayor said on Tuesday.",
            )],
        ],
        &[("Title", "Ferry Plan Review")],
    )
}

#[test]
fn notes_on_a_pdf_anchor_reload_and_cite_their_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ferry.pdf");
    std::fs::write(&path, two_page_report()).expect("written");
    let document = document::load(&path).expect("the PDF loads");
    let extraction = extract(&document);
    let claim = extraction
        .claims
        .iter()
        .find(|c| c.text.contains("4 million euros"))
        .expect("the mayor's claim is extracted");
    assert_eq!(document.page_at(claim.start), Some(2));

    let store = Store::open(dir.path().join("store")).expect("store");
    store
        .set_verdict(
            &document,
            &Target::Claim {
                start: claim.start,
                end: claim.end,
            },
            Verdict::Disputed,
        )
        .expect("the verdict is saved");
    // Reloading the same file places the note on the same words.
    let reloaded = document::load(&path).expect("reloads");
    let notes = store.load(&reloaded).expect("notes load");
    assert_eq!(notes.notes.len(), 1);
    assert_eq!(notes.notes[0].state, AnchorState::Exact);

    let input = ExportInput {
        document: &reloaded,
        extraction: &extraction,
        notes: &notes,
        publishing: &Publishing::default(),
        source_statuses: &[],
    };
    let markdown = export(ExportFormat::Markdown, &input);
    assert!(markdown.contains("p. 2, paragraph"), "{markdown}");
    let csv = export(ExportFormat::Csv, &input);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let page_column = headers
        .iter()
        .position(|h| h == "page")
        .expect("a page column");
    let pages: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[page_column].to_owned())
        .collect();
    assert!(pages.contains(&"p. 2".to_owned()), "{pages:?}");
    let w3c = export(ExportFormat::W3c, &input);
    let value: serde_json::Value = serde_json::from_str(&w3c).expect("JSON");
    let selectors = &value["first"]["items"][0]["target"]["selector"];
    let fragment = selectors
        .as_array()
        .and_then(|s| s.iter().find(|s| s["type"] == "FragmentSelector"))
        .expect("a page selector");
    assert_eq!(fragment["value"], "page=2");
    assert_eq!(
        fragment["refinedBy"]["exact"].as_str(),
        Some(claim.text.as_str())
    );
    // The export still imports.
    assert_eq!(parse_w3c(&w3c).expect("imports").notes.len(), 1);
}
