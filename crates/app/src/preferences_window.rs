//! The Preferences window: who signs the fact checks (reviewer, organisation and its address),
//! the address reviews are published under, the default export folder, the theme and the text
//! size. Saved in the notes store's folder ([`crosscheck_engine::preferences`]), where the
//! command line reads them too. A field set for this run by a flag or an environment variable
//! says so: that value wins until the window is closed.

use std::path::PathBuf;

use crosscheck_engine::export::claimreview::{is_http_url, review_url};
use crosscheck_engine::preferences::{Preferences, Theme};

use super::command::Command;
use super::notes::NotesStore;
use super::{App, Notice, theme};

/// The fields of the Preferences window as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PreferencesDraft {
    /// The reviewer's name.
    pub reviewer: String,
    /// The organisation.
    pub organisation: String,
    /// The organisation's web address.
    pub organisation_url: String,
    /// The base URL of published reviews.
    pub publish_url: String,
    /// The default export folder.
    pub export_dir: String,
    /// Whether the dark theme is chosen.
    pub is_dark: bool,
    /// The article's text size in points.
    pub text_size: f32,
}

impl PreferencesDraft {
    /// The draft of the saved preferences, with the window's current theme and text size.
    pub fn new(saved: &Preferences, is_dark: bool, text_size: f32) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            reviewer: text(&saved.reviewer),
            organisation: text(&saved.organisation),
            organisation_url: text(&saved.organisation_url),
            publish_url: text(&saved.publish_url),
            export_dir: saved
                .export_dir
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            is_dark,
            text_size,
        }
    }

    /// The preferences the draft stands for (empty fields unset).
    pub fn to_preferences(&self) -> Preferences {
        let set = |v: &str| Some(v.trim().to_owned()).filter(|t| !t.is_empty());
        Preferences {
            reviewer: set(&self.reviewer),
            organisation: set(&self.organisation),
            organisation_url: set(&self.organisation_url),
            publish_url: set(&self.publish_url),
            export_dir: set(&self.export_dir).map(PathBuf::from),
            theme: Some(if self.is_dark {
                Theme::Dark
            } else {
                Theme::Light
            }),
            text_size: Some(self.text_size),
        }
    }

    /// What is wrong with the draft, field by field (empty when it can be saved).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (label, value) in [
            ("The organisation's address", &self.organisation_url),
            ("The base URL of published reviews", &self.publish_url),
        ] {
            if !value.trim().is_empty() && !is_http_url(value) {
                problems.push(format!("{label} must start with https:// or http://"));
            }
        }
        let dir = self.export_dir.trim();
        if !dir.is_empty() && !std::path::Path::new(dir).is_dir() {
            problems.push(format!("The export folder does not exist: {dir}"));
        }
        problems
    }
}

/// The saved preferences of `store`'s folder, and a message if they could not be read.
pub fn load_preferences(store: Option<&NotesStore>) -> (Preferences, Vec<String>) {
    let Some(store) = store else {
        return (Preferences::default(), Vec::new());
    };
    match Preferences::load(store.dir()) {
        Ok(saved) => (saved, Vec::new()),
        Err(err) => (
            Preferences::default(),
            vec![format!(
                "The saved preferences were not read ({err}); saving Preferences replaces them"
            )],
        ),
    }
}

/// Shows the Preferences window; `run` holds what flags and environment variables set.
#[must_use]
pub fn preferences_window_ui(
    ctx: &egui::Context,
    draft: &mut PreferencesDraft,
    run: &Preferences,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut is_open = true;
    egui::Window::new("Preferences")
        .open(&mut is_open)
        .collapsible(false)
        .resizable(false)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.heading("Publishing");
            ui.weak("Signs the ClaimReview export (and the Markdown report’s “Reviewed by”).");
            egui::Grid::new("preferences-publishing")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    text_row(
                        ui,
                        "Reviewer",
                        &mut draft.reviewer,
                        "Ada Checker",
                        run.reviewer.as_deref(),
                    );
                    text_row(
                        ui,
                        "Organisation",
                        &mut draft.organisation,
                        "Harbour Fact Desk",
                        run.organisation.as_deref(),
                    );
                    text_row(
                        ui,
                        "Organisation URL",
                        &mut draft.organisation_url,
                        "https://factdesk.example.org",
                        run.organisation_url.as_deref(),
                    );
                    text_row(
                        ui,
                        "Reviews published under",
                        &mut draft.publish_url,
                        "https://factdesk.example.org/checks/",
                        run.publish_url.as_deref(),
                    );
                });
            let base = draft.publish_url.trim();
            if is_http_url(base) {
                ui.weak(format!(
                    "A review's address: {}",
                    review_url(base, "the-mayor-said-the-bridge-3fa2b1c9")
                ));
            } else {
                ui.weak("Without it, a ClaimReview export has no url and cannot be published.");
            }
            ui.separator();
            ui.heading("Exports and reading");
            egui::Grid::new("preferences-reading")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let run_dir = run.export_dir.as_ref().map(|d| d.display().to_string());
                    text_row(
                        ui,
                        "Export folder",
                        &mut draft.export_dir,
                        "the article's folder",
                        run_dir.as_deref(),
                    );
                    ui.label("Theme");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut draft.is_dark, false, "Light");
                        ui.radio_value(&mut draft.is_dark, true, "Dark");
                    });
                    ui.end_row();
                    ui.label("Text size");
                    let (min, max) = theme::FONT_SIZE_RANGE;
                    ui.horizontal(|ui| {
                        let slider = egui::Slider::new(&mut draft.text_size, min..=max)
                            .step_by(1.0)
                            .show_value(false);
                        let response = ui.add(slider);
                        let size = f64::from(draft.text_size);
                        response.widget_info(|| egui::WidgetInfo::slider(true, size, "Text size"));
                        ui.label(format!("{size:.0} pt"));
                    });
                    ui.end_row();
                });
            let problems = draft.problems();
            for problem in &problems {
                ui.colored_label(theme::error_color(ui.visuals().dark_mode), problem);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(problems.is_empty(), egui::Button::new("Save"))
                    .clicked()
                {
                    commands.push(Command::SavePreferences(Box::new(draft.to_preferences())));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::ClosePreferences);
                }
            });
        });
    if !is_open {
        commands.push(Command::ClosePreferences);
    }
    commands
}

/// A labelled text field, with a hint when this run overrides it.
fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str, run: Option<&str>) {
    ui.label(label);
    ui.vertical(|ui| {
        let edit = egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(300.0);
        let response = ui.add(edit);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        if let Some(run) = run {
            ui.weak(format!(
                "This run uses {run:?} (set by a flag or environment variable)"
            ));
        }
    });
    ui.end_row();
}

impl App {
    /// The saved preferences with this run's flags and environment variables over them.
    pub fn effective_preferences(&self) -> Preferences {
        self.preferences.overlay(&self.run_preferences)
    }

    /// Performs one of the Preferences commands.
    pub(super) fn apply_preferences(&mut self, _ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPreferences => {
                self.preferences_window = Some(PreferencesDraft::new(
                    &self.preferences,
                    self.state.is_dark,
                    self.state.font_size,
                ));
            }
            Command::ClosePreferences => self.preferences_window = None,
            Command::SavePreferences(preferences) => {
                self.preferences = *preferences;
                if let Some(theme) = self.preferences.theme {
                    self.state.is_dark = theme == Theme::Dark;
                }
                if let Some(size) = self.preferences.text_size {
                    let (min, max) = theme::FONT_SIZE_RANGE;
                    self.state.font_size = size.clamp(min, max);
                }
                if self.save_preferences() {
                    self.preferences_window = None;
                }
            }
            _ => {}
        }
    }

    /// Keeps the theme and text size chosen from the menu or the keyboard in the preferences.
    pub(super) fn remember_look(&mut self) {
        self.preferences.theme = Some(if self.state.is_dark {
            Theme::Dark
        } else {
            Theme::Light
        });
        self.preferences.text_size = Some(self.state.font_size);
        self.save_preferences();
    }

    /// Writes the preferences; a failure becomes a notice. Returns whether they were saved.
    fn save_preferences(&mut self) -> bool {
        let Some(store) = self.store() else {
            self.notices.push(Notice {
                message: "Preferences cannot be saved: the notes store is not open".to_owned(),
                is_error: true,
            });
            return false;
        };
        match self.preferences.save(store.dir()) {
            Ok(()) => true,
            Err(err) => {
                self.notices.push(Notice {
                    message: format!("Preferences were not saved: {err}"),
                    is_error: true,
                });
                false
            }
        }
    }
}
