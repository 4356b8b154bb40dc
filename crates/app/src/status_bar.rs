//! The status bar: claims per verdict, where notes are saved, and whether the last save failed.

use egui::Ui;

use super::notes::Verdict;
use super::session::Session;
use super::theme;

/// What the status bar shows about saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// Where notes are saved.
    pub location: String,
    /// The last save's error, if it failed.
    pub error: Option<String>,
    /// Whether the notes are read-only (written by a newer version).
    pub is_read_only: bool,
}

/// Shows the status bar.
pub fn status_bar_ui(ui: &mut Ui, session: Option<&Session>, save: &SaveStatus) {
    ui.horizontal(|ui| {
        if let Some(session) = session {
            let mut counts = [0usize; 6];
            for claim in &session.article.claims {
                let verdict = claim.verdict();
                if let Some(i) = Verdict::ALL.iter().position(|v| *v == verdict)
                    && let Some(count) = counts.get_mut(i)
                {
                    *count += 1;
                }
            }
            for (verdict, count) in Verdict::ALL.iter().zip(counts) {
                ui.label(
                    egui::RichText::new(format!("• {count} {}", verdict.as_str()))
                        .color(theme::verdict_strong(*verdict)),
                );
            }
            ui.separator();
            ui.weak(format!("opened in {:.0} ms", session.article.open_ms));
            ui.separator();
        }
        if let Some(error) = &save.error {
            ui.label(
                egui::RichText::new(format!("NOT SAVED: {error}"))
                    .strong()
                    .color(theme::error_color(ui.visuals().dark_mode)),
            );
        } else if save.is_read_only {
            ui.label(
                egui::RichText::new("Read-only notes (written by a newer version)")
                    .color(theme::error_color(ui.visuals().dark_mode)),
            );
        } else {
            ui.weak(format!("Notes saved in {}", save.location));
        }
    });
}
