//! The start screen: open a file, open the sample, add a folder to the library, or pick a
//! recent article.

use egui::Ui;

use super::command::Command;
use super::notes::RecentArticle;
use super::widgets::counted;

/// Shows the start screen; returns what the person asked for.
#[must_use]
pub fn start_screen_ui(ui: &mut Ui, recent: &[RecentArticle]) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.12);
        ui.heading(egui::RichText::new("Crosscheck").size(34.0));
        ui.label("Read a news report beside its claims, and check them one by one.");
        ui.add_space(18.0);
        for command in [
            Command::OpenDialog,
            Command::OpenSample,
            Command::AddFolderDialog,
        ] {
            let mut button = egui::Button::new(egui::RichText::new(command.label()).size(16.0))
                .min_size(egui::vec2(240.0, 32.0));
            if let Some(shortcut) = command.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
            }
            if ui.add(button).on_hover_text(command.tooltip()).clicked() {
                commands.push(command);
            }
            ui.add_space(6.0);
        }
        ui.add_space(8.0);
        ui.weak("…or drop a .txt or .md file on this window.");
        ui.add_space(24.0);
        if recent.is_empty() {
            ui.weak("No recent articles yet.");
        } else {
            ui.strong("Recent articles");
            ui.add_space(4.0);
            for article in recent.iter().take(12) {
                let name = article
                    .title
                    .clone()
                    .unwrap_or_else(|| article.path.display().to_string());
                let text = if article.notes > 0 {
                    format!("{name}  ({})", counted(article.notes, "note"))
                } else {
                    name
                };
                if ui
                    .link(text)
                    .on_hover_text(article.path.display().to_string())
                    .clicked()
                {
                    commands.push(Command::Open(article.path.clone()));
                }
            }
        }
    });
    commands
}
