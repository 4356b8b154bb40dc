//! The Preferences window: typed in, checked, saved beside the notes, read again by the next
//! run and used by the exports; this run's flags shown over the saved values.

use crate::Settle;
use std::path::Path;

use crosscheck_app::{App, Command, Options};
use crosscheck_engine::document::sample_article_path;
use crosscheck_engine::export::ExportFormat;
use crosscheck_engine::preferences::Preferences;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(data_dir: &Path, run: Preferences) -> Harness<'static, App> {
    let options = Options {
        data_dir: Some(data_dir.to_owned()),
        open: Some(sample_article_path()),
        preferences: run,
        ..Default::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::new(cc, options));
    harness.settle();
    harness
}

fn type_into(harness: &mut Harness<'_, App>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .focus();
    harness.settle();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    harness.settle();
}

fn has_label_containing(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn preferences_are_typed_checked_saved_and_used_by_the_claimreview_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness(dir.path(), Preferences::default());
    // Mark a claim, so that the ClaimReview has a review.
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::M);
    harness.settle();

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    harness.settle();
    assert!(
        harness.state().preferences_window.is_some(),
        "Ctrl+, opens it"
    );
    type_into(&mut harness, "Reviewer", "Ada Checker");
    type_into(&mut harness, "Organisation", "Harbour Fact Desk");
    type_into(
        &mut harness,
        "Organisation URL",
        "https://factdesk.example.org",
    );
    type_into(&mut harness, "Reviews published under", "factdesk/checks");
    assert!(
        has_label_containing(&harness, "must start with https://"),
        "a base that is not a web address is refused"
    );
    assert!(
        harness.get_by_label("Save").accesskit_node().is_disabled(),
        "Save is off while a field is wrong"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Reviews published under")
        .focus();
    harness.settle();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Reviews published under")
        .type_text("https://factdesk.example.org/checks/");
    harness.settle();
    assert!(has_label_containing(
        &harness,
        "A review's address: https://factdesk.example.org/checks/"
    ));
    harness.get_by_label("Dark").click();
    harness.settle();
    harness.get_by_label("Save").click();
    harness.settle();
    assert!(
        harness.state().preferences_window.is_none(),
        "saved and closed"
    );
    assert!(harness.ctx.theme() == egui::Theme::Dark);

    let saved = Preferences::load(dir.path()).expect("the preferences file reads");
    assert_eq!(saved.reviewer.as_deref(), Some("Ada Checker"));
    assert_eq!(saved.organisation.as_deref(), Some("Harbour Fact Desk"));
    assert_eq!(
        saved.publish_url.as_deref(),
        Some("https://factdesk.example.org/checks/")
    );
    assert_eq!(
        saved.theme,
        Some(crosscheck_engine::preferences::Theme::Dark)
    );

    let out = dir.path().join("sample.claimreview.jsonld");
    harness.state_mut().queue(Command::ExportTo {
        format: ExportFormat::ClaimReview,
        path: out.clone(),
    });
    harness.settle();
    let text = std::fs::read_to_string(&out).expect("exported");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let review = &value["@graph"][0];
    assert_eq!(review["author"]["name"], "Harbour Fact Desk");
    assert!(
        review["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://factdesk.example.org/checks/")),
        "{review}"
    );
    let notice = harness.state().notices.last().expect("a notice");
    assert!(
        !notice.message.contains("not publishable"),
        "{}",
        notice.message
    );

    // The next run reads them.
    let again = self::harness(dir.path(), Preferences::default());
    assert_eq!(
        again.state().preferences.reviewer.as_deref(),
        Some("Ada Checker")
    );
    assert!(again.ctx.theme() == egui::Theme::Dark);
}

#[test]
fn without_a_base_the_export_notice_says_not_publishable_and_flags_are_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = Preferences {
        reviewer: Some("Flag Reviewer".to_owned()),
        ..Preferences::default()
    };
    let mut harness = harness(dir.path(), run);
    harness.key_press(egui::Key::J);
    harness.settle();
    harness.key_press(egui::Key::F);
    harness.settle();
    let out = dir.path().join("sample.claimreview.jsonld");
    harness.state_mut().queue(Command::ExportTo {
        format: ExportFormat::ClaimReview,
        path: out.clone(),
    });
    harness.settle();
    let notice = harness.state().notices.last().expect("a notice");
    assert!(
        notice.message.contains("not publishable"),
        "{}",
        notice.message
    );
    let text = std::fs::read_to_string(&out).expect("exported");
    assert!(
        text.contains("Flag Reviewer"),
        "the flag's reviewer signs it"
    );

    harness.state_mut().queue(Command::OpenPreferences);
    harness.settle();
    assert!(has_label_containing(
        &harness,
        "This run uses \"Flag Reviewer\""
    ));
    harness.get_by_label("Cancel").click();
    harness.settle();
    assert!(harness.state().preferences_window.is_none());
    assert!(
        !Preferences::path(dir.path()).exists(),
        "Cancel saves nothing"
    );
}
