//! Several articles open at once: each tab keeps its selection, its scroll and its drafts;
//! Ctrl+Tab, Ctrl+Shift+Tab and Ctrl+W; the tab bar; the tabs and their selections restored
//! after a restart, the others read only when first shown.

use crate::Settle;
use std::path::{Path, PathBuf};

use crosscheck_app::{App, Command, Options};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::app_window::MemoryStorage;

/// Two short reports of the project's own, written into `dir`.
fn reports(dir: &Path) -> (PathBuf, PathBuf) {
    let tolls = dir.join("tolls.txt");
    std::fs::write(
        &tolls,
        "Bridge tolls to rise – The Valley Courier\n\n\
         Mayor Ilse Varga said the toll would rise by 12 per cent in May.\n\n\
         The city's treasurer, Omar Reyes, said the rise would pay for repairs to the deck.\n\n\
         Drivers' groups said the increase was the third in two years.\n",
    )
    .expect("fixture written");
    let ferry = dir.join("ferry.txt");
    std::fs::write(
        &ferry,
        "Ferry service cut for the winter – The Harbour Post\n\n\
         The operator said the evening crossing would stop from November.\n\n\
         Port director Ana Lindqvist said two boats needed new engines.\n\n\
         Residents said the cut would leave the island without a late connection.\n",
    )
    .expect("fixture written");
    (tolls, ferry)
}

fn harness_with(
    data_dir: &Path,
    open: Option<PathBuf>,
    storage: Option<&'static MemoryStorage>,
) -> Harness<'static, App> {
    let options = Options {
        data_dir: Some(data_dir.to_owned()),
        open,
        ..Default::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            if let Some(storage) = storage {
                cc.storage = Some(storage);
            }
            App::new(cc, options)
        });
    harness.settle();
    harness
}

fn active_path(harness: &Harness<'_, App>) -> String {
    harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.article.document.path.clone())
        .unwrap_or_default()
}

fn selected(harness: &Harness<'_, App>) -> Option<usize> {
    harness.state().session.as_ref()?.view.selection
}

fn open(harness: &mut Harness<'_, App>, path: &Path) {
    harness.state_mut().queue(Command::Open(path.to_owned()));
    harness.settle();
}

fn ctrl_tab(harness: &mut Harness<'_, App>, shift: bool) {
    let modifiers = if shift {
        egui::Modifiers::CTRL | egui::Modifiers::SHIFT
    } else {
        egui::Modifiers::CTRL
    };
    harness.key_press_modifiers(modifiers, egui::Key::Tab);
    harness.settle();
}

#[test]
fn two_articles_keep_their_own_selection_and_note_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (tolls, ferry) = reports(dir.path());
    let mut harness = harness_with(&dir.path().join("notes"), Some(tolls.clone()), None);
    // Tolls: the first claim, and a note being written (not saved yet).
    harness.key_press(egui::Key::J);
    harness.settle();
    let tolls_claim = selected(&harness).expect("a claim selected");
    harness.key_press(egui::Key::N);
    harness.settle();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("Toll rise is 9 per cent");
    harness.step();

    open(&mut harness, &ferry);
    assert_eq!(harness.state().tab_count(), 2);
    assert_eq!(harness.state().active_tab(), 1, "the new tab comes after");
    assert!(active_path(&harness).ends_with("ferry.txt"));
    assert_eq!(
        selected(&harness),
        None,
        "a new tab starts with nothing selected"
    );
    // The tab bar names both.
    harness.get_by_label_contains("Tab: Ferry service cut");
    harness.get_by_label_contains("Tab: Bridge tolls to rise");
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::J);
    harness.settle();
    let ferry_claim = selected(&harness).expect("a claim selected");

    ctrl_tab(&mut harness, false);
    assert!(active_path(&harness).ends_with("tolls.txt"));
    assert_eq!(
        selected(&harness),
        Some(tolls_claim),
        "its selection came back"
    );
    let session = harness.state().session.as_ref().expect("open");
    let note = session
        .article
        .claim(tolls_claim)
        .and_then(|c| c.note.as_ref())
        .map(|n| n.note.note.clone());
    let draft = session.drafts.note.clone();
    assert!(
        note.as_deref() == Some("Toll rise is 9 per cent") || draft == "Toll rise is 9 per cent",
        "the note written before switching is kept: note {note:?}, draft {draft:?}"
    );

    ctrl_tab(&mut harness, true);
    assert!(active_path(&harness).ends_with("ferry.txt"));
    assert_eq!(selected(&harness), Some(ferry_claim));

    // A click on the other tab shows it.
    harness
        .get_by_label_contains("Tab: Bridge tolls to rise")
        .click();
    harness.settle();
    assert!(active_path(&harness).ends_with("tolls.txt"));

    // Opening a file that is open shows its tab rather than a second one.
    open(&mut harness, &ferry);
    assert_eq!(harness.state().tab_count(), 2);
    assert!(active_path(&harness).ends_with("ferry.txt"));

    // Ctrl+W closes the active tab and shows its neighbour; the last one leaves the start.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::W);
    harness.settle();
    assert_eq!(harness.state().tab_count(), 1);
    assert!(active_path(&harness).ends_with("tolls.txt"));
    assert_eq!(selected(&harness), Some(tolls_claim));
    assert!(
        harness.query_by_label_contains("Tab: ").is_none(),
        "no tab bar for one article"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::W);
    harness.settle();
    assert_eq!(harness.state().tab_count(), 0);
    assert!(harness.state().session.is_none());
}

#[test]
fn each_tab_keeps_its_scroll_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = dir.path().join("long.txt");
    let mut text = String::from("A long report – The Example Post\n\n");
    for i in 0..200 {
        text.push_str(&format!(
            "Official number {i} said the figures for district {i} would be revised in June.\n\n"
        ));
    }
    std::fs::write(&long, text).expect("fixture written");
    let (tolls, _) = reports(dir.path());
    let mut harness = harness_with(&dir.path().join("notes"), Some(long.clone()), None);
    // Far down the long report.
    harness.state_mut().queue(Command::SelectClaim(Some(150)));
    // Scrolling far lays out blocks never measured: a few frames settle their heights.
    harness.run_steps(10);
    let viewport_top = |h: &Harness<'_, App>| {
        let session = h.state().session.as_ref().expect("open");
        session
            .view
            .cache
            .screen_pos_of_char(&session.article.document, 0)
            .is_none()
    };
    assert!(viewport_top(&harness), "scrolled away from the top");
    open(&mut harness, &tolls);
    assert!(
        !viewport_top(&harness),
        "the short report starts at its top"
    );
    ctrl_tab(&mut harness, false);
    harness.settle();
    assert!(active_path(&harness).ends_with("long.txt"));
    assert!(
        viewport_top(&harness),
        "the long report is still scrolled down"
    );
}

#[test]
fn tabs_and_selections_come_back_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes");
    let (tolls, ferry) = reports(dir.path());
    let mut harness = harness_with(&notes, Some(tolls.clone()), None);
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::J);
    harness.settle();
    let tolls_claim = selected(&harness).expect("selected");
    open(&mut harness, &ferry);
    harness.key_press(egui::Key::J);
    harness.settle();
    let ferry_claim = selected(&harness).expect("selected");
    // Back to the first, which is active when the window closes.
    ctrl_tab(&mut harness, false);

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let mut again = harness_with(&notes, None, Some(storage));
    assert_eq!(again.state().tab_count(), 2);
    assert_eq!(again.state().active_tab(), 0);
    assert!(active_path(&again).ends_with("tolls.txt"));
    assert_eq!(selected(&again), Some(tolls_claim));
    let titles = again.state().tab_titles();
    assert_eq!(titles.len(), 2);
    assert!(titles[0].starts_with("Bridge tolls"), "{titles:?}");
    assert!(titles[1].starts_with("Ferry service"), "{titles:?}");
    ctrl_tab(&mut again, false);
    assert!(active_path(&again).ends_with("ferry.txt"));
    assert_eq!(selected(&again), Some(ferry_claim));

    // A tab whose file went away is dropped with a notice, the others come back.
    std::fs::remove_file(&ferry).expect("removed");
    let mut storage = MemoryStorage::default();
    eframe::App::save(again.state_mut(), &mut storage);
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let third = harness_with(&notes, None, Some(storage));
    assert_eq!(third.state().tab_count(), 1);
    assert!(active_path(&third).ends_with("tolls.txt"));
    assert!(
        third.state().notices.iter().any(|n| n.is_error),
        "the missing file is named in a notice"
    );
}

#[test]
fn compare_open_shows_the_other_report_in_a_new_tab_at_its_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (tolls, _) = reports(dir.path());
    let copy = dir.path().join("tolls-copy.txt");
    std::fs::copy(&tolls, &copy).expect("copied");
    let mut harness = harness_with(&dir.path().join("notes"), Some(tolls.clone()), None);
    harness.key_press(egui::Key::J);
    harness.settle();
    let claim = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selected().map(|c| (c.start, c.end)))
        .expect("selected");
    harness.state_mut().queue(Command::OpenClaim {
        path: copy.clone(),
        start: claim.0,
        end: claim.1,
    });
    harness.settle();
    assert_eq!(harness.state().tab_count(), 2);
    assert!(active_path(&harness).ends_with("tolls-copy.txt"));
    let opened = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.selected().map(|c| (c.start, c.end)));
    assert_eq!(opened, Some(claim), "opened at the claim");
    ctrl_tab(&mut harness, false);
    assert!(active_path(&harness).ends_with("tolls.txt"));
    assert!(
        selected(&harness).is_some(),
        "the first report kept its selection"
    );
}
