//! The library in the window, driven through egui_kittest: adding a folder in the background,
//! the Compare tab of a claim, and taking over a verdict made in another report. The reports
//! are the project's Eastbrook fixtures copied into a temporary folder, with a temporary
//! notes store.

use crate::Settle;
use std::path::{Path, PathBuf};

use crosscheck_app::{App, Command, Options, PanelTab};
use crosscheck_engine::library::LibraryIndex;
use crosscheck_engine::store::{Edit, Store, Target, Verdict};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Copies the Eastbrook reports into `dir/eastbrook` and returns that folder.
fn copy_reports(dir: &Path) -> PathBuf {
    let from = crate::paths::top().join("tests/fixtures/library/eastbrook");
    let to = dir.join("eastbrook");
    std::fs::create_dir_all(&to).expect("create the reports folder");
    for entry in std::fs::read_dir(&from).expect("the fixtures") {
        let entry = entry.expect("a fixture");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a fixture");
    }
    std::fs::canonicalize(&to).expect("canonical reports folder")
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

fn is_busy(harness: &Harness<'_, App>) -> bool {
    harness.state().library().is_some_and(|l| l.is_busy())
}

fn article_count(harness: &Harness<'_, App>) -> usize {
    harness
        .state()
        .library()
        .and_then(|l| l.index())
        .map_or(0, |i| i.articles().len())
}

/// Index of the courier's claim about the evacuation (its first claim).
fn evacuation_claim(harness: &Harness<'_, App>) -> usize {
    let session = harness.state().session.as_ref().expect("an open article");
    session
        .article
        .claims
        .iter()
        .position(|r| r.text.contains("1,200 residents"))
        .expect("the courier's evacuation claim")
}

fn has_label_containing(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Opens the courier, selects its evacuation claim and shows the Compare tab.
fn compare_courier(harness: &mut Harness<'_, App>, reports: &Path) {
    harness
        .state_mut()
        .queue(Command::Open(reports.join("courier.txt")));
    harness.settle();
    let index = evacuation_claim(harness);
    harness.state_mut().queue(Command::SelectClaim(Some(index)));
    harness.settle();
    harness.get_by_label("Compare").click();
    harness.settle();
    assert_eq!(harness.state().state.tab, PanelTab::Compare);
}

#[test]
fn adding_a_folder_indexes_it_in_the_background_and_reports_the_summary() {
    let data = tempfile::tempdir().expect("temp dir");
    let reports = copy_reports(data.path());
    let mut harness = harness(&data.path().join("store"), None);
    harness.settle();
    harness
        .state_mut()
        .queue(Command::AddFolder(reports.clone()));
    harness.step();
    assert!(is_busy(&harness), "the folder is indexed in the background");
    assert!(
        harness
            .state()
            .library()
            .and_then(|l| l.progress())
            .is_some(),
        "a running job has a progress to show"
    );
    harness.settle();
    assert_eq!(article_count(&harness), 4);
    let notices: Vec<String> = harness
        .state()
        .notices
        .iter()
        .map(|n| n.message.clone())
        .collect();
    assert!(
        notices.iter().any(|m| m.contains("4 indexed")
            && m.contains("0 unreadable")
            && m.contains("eastbrook")),
        "{notices:?}"
    );
    assert!(harness.state().notices.iter().all(|n| !n.is_error));
    // Kept on disk: a library opened afresh has the folder and its articles.
    let index = LibraryIndex::open(&data.path().join("store")).expect("the library opens");
    assert_eq!(index.articles().len(), 4);
    assert_eq!(index.folders().len(), 1);
}

#[test]
fn compare_tab_shows_the_other_reports_their_differences_and_origins() {
    let data = tempfile::tempdir().expect("temp dir");
    let reports = copy_reports(data.path());
    let store_dir = data.path().join("store");
    let mut harness = harness(&store_dir, None);
    harness.settle();
    harness
        .state_mut()
        .queue(Command::AddFolder(reports.clone()));
    harness.step();
    harness.settle();
    compare_courier(&mut harness, &reports);

    let session = harness.state().session.as_ref().expect("open");
    let row = session.selected().expect("a selected claim").clone();
    let claim = session
        .article
        .comparison_of(&row)
        .expect("the claim was compared");
    assert_eq!(claim.matches.len(), 3, "{:#?}", claim.matches);

    for text in [
        "Metro Daily Wire",
        "Harlan State Radio",
        "12,000",
        "4 reports, 2 independent origins",
    ] {
        assert!(
            has_label_containing(&harness, text),
            "no label with {text:?}"
        );
    }
    assert!(
        has_label_containing(&harness, "figure changed"),
        "the changed figure is shown as a difference"
    );
    // The chain graph names the courier's relay and origin.
    assert!(has_label_containing(
        &harness,
        "Valley Courier » Eastbrook Ledger » Marta Quinlan"
    ));
    // No claim selected: the summary (the headline matches the Ledger's headline of the same
    // story: derailment, evacuation, Eastbrook).
    harness.state_mut().queue(Command::SelectClaim(None));
    harness.settle();
    assert!(has_label_containing(
        &harness,
        "4 of 5 claims found in other reports"
    ));
    assert!(has_label_containing(&harness, "Only in this article (1)"));

    // A match opens its report with the matching claim selected.
    let index = evacuation_claim(&harness);
    harness.state_mut().queue(Command::SelectClaim(Some(index)));
    harness.settle();
    harness.get_by_label("Open Metro Daily Wire").scroll_to_me();
    harness.settle();
    harness.get_by_label("Open Metro Daily Wire").click();
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    assert!(
        session
            .article
            .document
            .path
            .as_deref()
            .is_some_and(|p| p.ends_with("wire.md")),
        "the wire report opened"
    );
    let row = session.selected().expect("the matching claim is selected");
    assert!(row.text.contains("12,000 residents"), "{}", row.text);
}

#[test]
fn applying_a_verdict_from_a_match_records_where_it_came_from() {
    let data = tempfile::tempdir().expect("temp dir");
    let reports = copy_reports(data.path());
    let store_dir = data.path().join("store");
    {
        let mut index = LibraryIndex::open(&store_dir).expect("the library opens");
        index
            .add_folder(&reports, &[], &mut |_| {})
            .expect("the folder is indexed");
        let ledger =
            crosscheck_engine::load(&reports.join("ledger.txt")).expect("the ledger loads");
        let claim = crosscheck_engine::extract(&ledger)
            .claims
            .into_iter()
            .find(|c| c.text.contains("1,200 residents were evacuated"))
            .expect("the ledger's evacuation claim");
        let store = Store::open(&store_dir).expect("the store opens");
        store
            .update(
                &ledger,
                &Target::Claim {
                    start: claim.start,
                    end: claim.end,
                },
                &[
                    Edit::Verdict(Verdict::Disputed),
                    Edit::Note("The county counts 900.".to_owned()),
                ],
            )
            .expect("the verdict is saved");
    }
    let mut harness = harness(&store_dir, None);
    harness.settle();
    harness.settle();
    harness
        .state_mut()
        .queue(Command::Open(reports.join("courier.txt")));
    harness.settle();
    // The claims list says other reports carry the claim and one of them judged it.
    assert!(has_label_containing(
        &harness,
        "residents were evacuated on Tuesday after a freight train derailed outside Eastbrook (3 reports · disputed there)"
    ));
    compare_courier(&mut harness, &reports);
    assert!(has_label_containing(
        &harness,
        "marked Disputed in The Eastbrook Ledger: The county counts 900."
    ));
    harness.get_by_label("Apply Disputed").click();
    harness.settle();

    let session = harness.state().session.as_ref().expect("open");
    let row = session
        .selected()
        .expect("the claim is still selected")
        .clone();
    assert_eq!(row.verdict(), Verdict::Disputed);

    // The store, read afresh, has the verdict and where it came from.
    let courier = crosscheck_engine::load(&reports.join("courier.txt")).expect("the courier loads");
    let store = Store::open(&store_dir).expect("the store opens");
    let notes = store.load(&courier).expect("the courier's notes");
    let note = notes
        .notes
        .iter()
        .find(|n| n.start == row.start && n.end == row.end)
        .expect("a note on the claim");
    assert_eq!(note.note.verdict, Verdict::Disputed);
    let change = note.note.history.last().expect("a history entry");
    assert_eq!(change.to, Verdict::Disputed);
    let from = change.adopted_from.as_deref().expect("adopted_from is set");
    assert!(
        from.contains("Eastbrook Ledger") && from.contains("ledger.txt"),
        "{from}"
    );
    // Already applied: the button is off.
    harness.settle();
    let button = harness.get_by_label("Apply Disputed");
    assert!(button.accesskit_node().is_disabled());
    // The claim's verdict history says where the verdict came from.
    harness
        .get_by_label("Verdict history (1)")
        .click_accesskit();
    harness.settle();
    assert!(has_label_containing(
        &harness,
        "unverified » disputed (from disputed in The Eastbrook Ledger"
    ));
}

#[test]
fn library_search_finds_claims_and_reports_bad_queries() {
    let data = tempfile::tempdir().expect("temp dir");
    let reports = copy_reports(data.path());
    let store_dir = data.path().join("store");
    {
        let mut index = LibraryIndex::open(&store_dir).expect("the library opens");
        index
            .add_folder(&reports, &[], &mut |_| {})
            .expect("the folder is indexed");
    }
    let mut harness = harness(&store_dir, Some(reports.join("radio.txt")));
    harness.settle();
    harness.settle();
    harness.get_by_label("Library (4)").click();
    harness.settle();
    harness.get_by_label("Search the library").click();
    harness.settle();
    harness
        .get_by_label("Search the library")
        .type_text("tank cars");
    harness.key_press(egui::Key::Enter);
    harness.settle();
    assert!(has_label_containing(&harness, "3 claims found"));
    let hit = "Metro Daily Wire: Twelve tank cars";
    harness.get_by_label_contains(hit).click();
    harness.settle();
    let session = harness.state().session.as_ref().expect("open");
    assert!(
        session
            .article
            .document
            .path
            .as_deref()
            .is_some_and(|p| p.ends_with("wire.md")),
        "the hit's article opened"
    );
    assert!(
        session
            .selected()
            .is_some_and(|r| r.text.contains("tank cars"))
    );

    harness
        .state_mut()
        .queue(Command::SearchLibrary("verdict:bogus".to_owned()));
    harness.settle();
    let error = harness
        .state()
        .library()
        .and_then(|l| l.search.error.clone())
        .expect("an unknown verdict is an error");
    assert!(has_label_containing(&harness, &error));
}

#[test]
fn the_progress_bar_counts_the_articles_indexed() {
    use crosscheck_app::library::JobProgress;
    let progress = JobProgress {
        folder: Some(PathBuf::from("/reports")),
        done: 120,
        total: 500,
    };
    assert!((progress.fraction() - 0.24).abs() < 1e-6);
    let mut harness = Harness::new_ui(move |ui| {
        crosscheck_app::library_view::progress_ui(ui, &progress);
    });
    // The bar animates while a job runs: step, do not wait for the window to settle.
    harness.step();
    assert!(has_label_in(
        &harness,
        "Adding /reports: Indexing 120 / 500 articles"
    ));
}

fn has_label_in<S>(harness: &Harness<'_, S>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn an_article_opened_for_the_first_time_joins_the_library_in_the_background() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let reports = copy_reports(dir.path());
    let data = dir.path().join("data");
    // The library holds the folder; the article opened lies outside it.
    LibraryIndex::open(&data)
        .expect("open the library")
        .add_folder(&reports, &[], &mut |_| {})
        .expect("add the folder");
    let outside = dir.path().join("follow-up.txt");
    std::fs::write(
        &outside,
        "Eastbrook follow-up – River Desk\n\nAbout 1,200 residents were evacuated on Tuesday \
         after a freight train derailed outside Eastbrook, fire chief Marta Quinlan said.\n",
    )
    .expect("write the article");
    let mut harness = harness(&data, Some(outside.clone()));
    harness.settle();
    assert_eq!(article_count(&harness), 5, "the opened article is indexed");
    // The comparison was made again with the full library: the claim has its matches.
    let session = harness.state().session.as_ref().expect("an open article");
    let row = session
        .article
        .claims
        .iter()
        .find(|r| r.text.contains("1,200 residents"))
        .expect("the claim");
    let matches = session
        .article
        .comparison_of(row)
        .map_or(0, |c| c.matches.len());
    assert_eq!(matches, 4, "ledger, courier, wire and radio carry it");
    // Opening it again starts no job: the library holds it.
    harness.state_mut().queue(Command::Open(outside));
    harness.step();
    assert!(!is_busy(&harness));
}
