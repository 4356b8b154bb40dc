//! Sources across the library in the window, driven through egui_kittest: each source's track
//! record in the Sources tab with its claims one click from their report, the count in the
//! claim detail, a merge made from the window that sticks (and is undone), and the person's
//! word on a source. The reports are the project's dam-story fixtures (`tests/fixtures/sources`)
//! copied into a temporary folder, with a temporary notes store.

use crate::Settle;
use std::path::PathBuf;

use crosscheck_app::{App, Command, Options, PanelTab};
use crosscheck_engine::library::LibraryIndex;
use crosscheck_engine::sources::Credibility;
use crosscheck_engine::store::{Edit, Store, Target, Verdict};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A store with the dam-story reports indexed and three verdicts made.
struct World {
    _tmp: tempfile::TempDir,
    reports: PathBuf,
    store: PathBuf,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let reports = tmp.path().join("reports");
        std::fs::create_dir_all(&reports).expect("mkdir");
        for entry in
            std::fs::read_dir(crate::paths::top().join("tests/fixtures/sources")).expect("list")
        {
            let entry = entry.expect("a fixture");
            std::fs::copy(entry.path(), reports.join(entry.file_name())).expect("copy");
        }
        let reports = std::fs::canonicalize(&reports).expect("canonical");
        let store = tmp.path().join("store");
        let world = Self {
            _tmp: tmp,
            reports,
            store,
        };
        world.judge(
            "herald-dam.txt",
            "the project was on budget",
            Verdict::False,
        );
        world.judge(
            "herald-dam.txt",
            "\"The turbines arrive in May,\"",
            Verdict::Misleading,
        );
        world.judge(
            "sever-cost.txt",
            "the project was on budget",
            Verdict::False,
        );
        let mut index = LibraryIndex::open(&world.store).expect("the library opens");
        index
            .add_folder(&world.reports, &[], &mut |_| {})
            .expect("the folder is indexed");
        world
    }

    fn judge(&self, name: &str, text: &str, verdict: Verdict) {
        let document = crosscheck_engine::load(&self.reports.join(name)).expect("load");
        let claim = crosscheck_engine::extract(&document)
            .claims
            .into_iter()
            .find(|c| c.text == text)
            .expect("the claim");
        Store::open(&self.store)
            .expect("the store")
            .update(
                &document,
                &Target::Claim {
                    start: claim.start,
                    end: claim.end,
                },
                &[Edit::Verdict(verdict)],
            )
            .expect("save");
    }

    fn harness(&self, open: &str) -> Harness<'static, App> {
        let options = Options {
            data_dir: Some(self.store.clone()),
            open: Some(self.reports.join(open)),
            ..Default::default()
        };
        let mut harness = Harness::builder()
            .with_size([1400.0, 900.0])
            .build_eframe(move |cc| App::new(cc, options));
        harness.settle();
        harness.settle();
        harness
    }
}

fn has_label_containing(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn labels(harness: &Harness<'_, App>, text: &str) -> Vec<String> {
    harness
        .query_all_by_label_contains(text)
        .filter_map(|n| {
            // A label keeps its text in AccessKit's value, other widgets in their label.
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .collect()
}

fn open_sources_tab(harness: &mut Harness<'_, App>) {
    harness.get_by_label_contains("Sources (").click();
    harness.settle();
    assert_eq!(harness.state().state.tab, PanelTab::Sources);
}

fn source_names(harness: &Harness<'_, App>) -> Vec<String> {
    harness
        .state()
        .session
        .as_ref()
        .expect("an open article")
        .article
        .extraction
        .sources
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn the_sources_tab_shows_each_sources_record_one_click_from_its_reports() {
    let world = World::new();
    let mut harness = world.harness("herald-dam.txt");
    open_sources_tab(&mut harness);
    assert!(
        has_label_containing(
            &harness,
            "In the library: Dmitar Oreshkov: 2 claims in 1 report; 1 false, 1 misleading"
        ),
        "{:?}",
        labels(&harness, "In the library")
    );
    assert!(has_label_containing(
        &harness,
        "In the library: Ilse Varga: 3 claims in 2 reports; none judged yet · seen 2025-03-12 to 2025-05-02"
    ));
    // "Officials" and "minister" are unnamed: they join no one across the library.
    assert_eq!(
        harness
            .query_all_by_label_contains("An unnamed source stays with its report")
            .count(),
        2
    );
    harness
        .get_by_label("Track record of Ilse Varga")
        .click_accesskit();
    harness.settle();
    let shown = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.article.sources.shown.as_ref())
        .map(|s| s.record.source.name.clone());
    assert_eq!(shown.as_deref(), Some("Ilse Varga"));
    // Each claim of the record opens its report at the claim.
    let link = "unverified · “inspections had found no cracks in the wall” — Harrow Radio";
    harness.get_by_label_contains(link).click_accesskit();
    harness.settle();
    let session = harness.state().session.as_ref().expect("an article");
    assert!(
        session
            .article
            .document
            .path
            .as_deref()
            .is_some_and(|p| p.ends_with("radio-safety.txt"))
    );
    let selected = session.selected().expect("the claim is selected");
    assert_eq!(selected.text, "inspections had found no cracks in the wall");
}

#[test]
fn the_claim_detail_counts_the_sources_claims_across_the_library() {
    let world = World::new();
    let mut harness = world.harness("herald-dam.txt");
    let index = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| {
            s.article
                .claims
                .iter()
                .position(|c| c.text == "the project was on budget")
        })
        .expect("the claim");
    harness.state_mut().queue(Command::SelectClaim(Some(index)));
    harness.settle();
    assert!(
        has_label_containing(
            &harness,
            "Dmitar Oreshkov: 2 claims in 1 report; 1 false, 1 misleading"
        ),
        "{:?}",
        labels(&harness, "claims in")
    );
    // A new verdict in this report counts at once.
    let turbines = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| {
            s.article
                .claims
                .iter()
                .position(|c| c.text.contains("turbines"))
        })
        .expect("the claim");
    harness
        .state_mut()
        .queue(Command::SelectClaim(Some(turbines)));
    harness.settle();
    harness.get_by_label("verified").click();
    harness.settle();
    assert!(
        has_label_containing(
            &harness,
            "Dmitar Oreshkov: 2 claims in 1 report; 1 false, 1 verified"
        ),
        "{:?}",
        labels(&harness, "claims in")
    );
    // Undone, the verdict before it counts again; redone, the new one.
    for (command, counts) in [
        (Command::Undo, "1 false, 1 misleading"),
        (Command::Redo, "1 false, 1 verified"),
    ] {
        harness.state_mut().queue(command);
        harness.settle();
        assert!(
            has_label_containing(
                &harness,
                &format!("Dmitar Oreshkov: 2 claims in 1 report; {counts}")
            ),
            "{:?}",
            labels(&harness, "claims in")
        );
    }
    harness
        .get_by_label("Show the track record of Dmitar Oreshkov")
        .click();
    harness.settle();
    assert_eq!(harness.state().state.tab, PanelTab::Sources);
    assert!(has_label_containing(&harness, "Record of Dmitar Oreshkov"));
}

#[test]
fn a_merge_from_the_window_sticks_across_a_restart_and_is_undone() {
    let world = World::new();
    let mut harness = world.harness("radio-safety.txt");
    open_sources_tab(&mut harness);
    assert!(source_names(&harness).contains(&"Dmitri Oreshkov".to_owned()));
    harness
        .get_by_label("Correct the source Dmitri Oreshkov")
        .click_accesskit();
    harness.settle();
    harness.get_by_label("Merge into the source named").focus();
    harness.settle();
    harness
        .get_by_label("Merge into the source named")
        .type_text("Dmitar Oreshkov");
    harness.settle();
    harness.get_by_label("Merge").click();
    harness.step();
    harness.settle();
    let names = source_names(&harness);
    assert!(names.contains(&"Dmitar Oreshkov".to_owned()), "{names:?}");
    assert!(!names.contains(&"Dmitri Oreshkov".to_owned()), "{names:?}");
    assert!(
        has_label_containing(
            &harness,
            "In the library: Dmitar Oreshkov: 6 claims in 5 reports"
        ),
        "{:?}",
        labels(&harness, "In the library")
    );
    drop(harness);
    // A new window on the same store: the merge is still made.
    let mut harness = world.harness("radio-safety.txt");
    assert!(source_names(&harness).contains(&"Dmitar Oreshkov".to_owned()));
    open_sources_tab(&mut harness);
    harness.get_by_label("Undo correction").click();
    harness.step();
    harness.settle();
    assert!(source_names(&harness).contains(&"Dmitri Oreshkov".to_owned()));
    assert!(has_label_containing(
        &harness,
        "In the library: Dmitri Oreshkov: 1 claim in 1 report"
    ));
}

#[test]
fn the_persons_word_on_a_source_is_set_from_the_window() {
    let world = World::new();
    let mut harness = world.harness("herald-dam.txt");
    open_sources_tab(&mut harness);
    harness
        .get_by_label("Your word on Dmitar Oreshkov")
        .click_accesskit();
    harness.settle();
    harness.get_by_label("not credible").click_accesskit();
    harness.settle();
    harness.get_by_label("Note on Dmitar Oreshkov").focus();
    harness.settle();
    harness
        .get_by_label("Note on Dmitar Oreshkov")
        .type_text("Wrong on the budget twice.");
    harness.key_press(egui::Key::Enter);
    harness.settle();
    let book = Store::open(&world.store)
        .expect("the store")
        .source_book()
        .expect("the sources file");
    let status = book
        .status_for(["Dmitar Oreshkov"])
        .expect("a status is saved");
    assert_eq!(status.credibility, Credibility::NotCredible);
    assert_eq!(status.note, "Wrong on the budget twice.");
    assert!(has_label_containing(&harness, " not credible "));
}

#[test]
fn the_record_is_exported_from_the_window() {
    let world = World::new();
    let mut harness = world.harness("herald-dam.txt");
    let id = harness
        .state()
        .library()
        .and_then(|l| l.records())
        .and_then(|r| {
            r.directory()
                .sources()
                .iter()
                .find(|s| s.name == "Dmitar Oreshkov")
                .map(|s| s.id.clone())
        })
        .expect("the source");
    let out = world.store.join("oreshkov.md");
    harness.state_mut().queue(Command::ExportSourceRecordTo {
        id,
        markdown: true,
        path: out.clone(),
    });
    harness.settle();
    let text = std::fs::read_to_string(&out).expect("the record is written");
    assert!(
        text.starts_with("# Source record: Dmitar Oreshkov"),
        "{text}"
    );
    assert!(text.contains("2 claims in 1 report; 1 false, 1 misleading"));
}
