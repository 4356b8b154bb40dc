//! A PDF opened and its notes exported through the window's own file browser (the path taken
//! on desktops without a file-dialog portal): the claims list shows each claim's page, and
//! "Save beside the article" writes the report next to the PDF in one click.

use crate::Settle;
use std::path::Path;

use crosscheck_app::file_browser::BrowsePurpose;
use crosscheck_app::{App, Command, Options, Verdict};
use crosscheck_engine::document::Format;
use crosscheck_engine::export::ExportFormat;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::pdf_fixture::{line, pdf};

fn report() -> Vec<u8> {
    pdf(
        &[
            vec![
                line(72.0, 80.0, 20.0, "Ferry Plan Review"),
                line(
                    72.0,
                    120.0,
                    12.0,
                    "The board met on Monday to discuss the plan.",
                ),
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

fn browser_harness(data_dir: &Path) -> Harness<'static, App> {
    let options = Options {
        data_dir: Some(data_dir.to_owned()),
        use_file_browser: true,
        ..Default::default()
    };
    Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::new(cc, options))
}

#[test]
fn a_pdf_opens_and_its_notes_export_beside_it_without_a_portal() {
    let data = tempfile::tempdir().expect("temp dir");
    let reports = tempfile::tempdir().expect("temp dir");
    let pdf_path = reports.path().join("ferry.pdf");
    std::fs::write(&pdf_path, report()).expect("written");
    std::fs::write(reports.path().join("memo.docx"), "not an article").expect("written");

    let mut harness = browser_harness(data.path());
    harness.settle();
    harness.state_mut().queue(Command::OpenDialog);
    harness.settle();
    let browser = harness.state().browser.as_ref().expect("the browser opens");
    assert_eq!(browser.purpose, BrowsePurpose::Open);
    harness
        .state_mut()
        .queue(Command::BrowseTo(reports.path().to_owned()));
    harness.settle();
    // Only what the reader can open is listed.
    assert!(harness.query_by_label("memo.docx").is_none());
    harness.get_by_label("ferry.pdf").click();
    harness.settle();
    assert!(
        harness.state().browser.is_none(),
        "choosing a file closes the browser"
    );
    let session = harness.state().session.as_ref().expect("the PDF is open");
    assert_eq!(session.article.document.format, Format::Pdf);
    let index = session
        .article
        .claims
        .iter()
        .position(|c| c.text.contains("4 million euros"))
        .expect("the mayor's claim is listed");
    assert_eq!(session.article.claims[index].page, Some(2));
    // The claims list names the page.
    assert!(
        harness
            .query_by_label_contains(&format!("Claim {}, p. 2", index + 1))
            .is_some()
    );

    harness.state_mut().queue(Command::SelectClaim(Some(index)));
    harness
        .state_mut()
        .queue(Command::SetVerdict(Verdict::Disputed));
    harness.settle();
    harness
        .state_mut()
        .queue(Command::ExportDialog(ExportFormat::Markdown));
    harness.settle();
    let browser = harness
        .state()
        .browser
        .as_ref()
        .expect("the export browser opens");
    assert_eq!(browser.dir, reports.path());
    assert_eq!(browser.file_name, "ferry.notes.md");
    harness.get_by_label("Save beside the article").click();
    harness.settle();
    let written = std::fs::read_to_string(reports.path().join("ferry.notes.md"))
        .expect("the report is saved");
    assert!(written.contains("Disputed"), "{written}");
    assert!(written.contains("p. 2, paragraph"), "{written}");
    assert!(harness.state().browser.is_none());
}

#[test]
fn the_browser_adds_a_folder_and_cancels() {
    let data = tempfile::tempdir().expect("temp dir");
    let reports = tempfile::tempdir().expect("temp dir");
    let mut harness = browser_harness(data.path());
    harness.settle();
    harness.state_mut().queue(Command::AddFolderDialog);
    harness.settle();
    assert_eq!(
        harness.state().browser.as_ref().map(|b| b.purpose),
        Some(BrowsePurpose::AddFolder)
    );
    harness.state_mut().queue(Command::CloseBrowser);
    harness.settle();
    assert!(harness.state().browser.is_none());
    harness.state_mut().queue(Command::AddFolderDialog);
    harness.settle();
    harness
        .state_mut()
        .queue(Command::BrowseTo(reports.path().to_owned()));
    harness.settle();
    harness.get_by_label("Add this folder").click();
    // The folder is indexed in the background: step rather than wait for the UI to settle.
    harness.run_steps(4);
    assert!(harness.state().browser.is_none());
    assert!(
        harness.state().notices.iter().all(|n| !n.is_error),
        "{:?}",
        harness.state().notices
    );
}
