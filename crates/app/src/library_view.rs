//! The Library tab (its folders, its size, "Add folder…" and a search over its claims) and the
//! progress bar of a running indexing job.

use egui::{RichText, Ui};

use super::command::Command;
use super::library::{JobProgress, Library};
use super::theme;
use super::widgets::{counted, shorten};

/// Id of the library search field.
pub fn search_id() -> egui::Id {
    egui::Id::unique("library-search")
}

/// The progress bar of a running indexing job: "Indexing 120 / 500 articles".
pub fn progress_ui(ui: &mut Ui, progress: &JobProgress) {
    let what = match &progress.folder {
        Some(folder) => format!("Adding {}: ", folder.display()),
        None => String::new(),
    };
    let bar = egui::ProgressBar::new(progress.fraction())
        .text(format!("{what}{}", progress.label()))
        .animate(true);
    ui.add(bar);
}

/// Shows the Library tab; returns what the person asked for.
#[must_use]
pub fn library_ui(ui: &mut Ui, library: &mut Library) -> Vec<Command> {
    let mut commands = Vec::new();
    let (articles, claims, folders) = library.index().map_or((0, 0, Vec::new()), |index| {
        (
            index.articles().len(),
            index.claim_count(),
            index.folders().to_vec(),
        )
    });
    ui.strong(format!(
        "{}, {} in the library",
        counted(articles, "article"),
        counted(claims, "claim")
    ));
    if folders.is_empty() {
        ui.weak("No folders added yet: the library holds the articles you opened.");
    }
    for folder in &folders {
        ui.label(RichText::new(shorten(folder, 70)).small())
            .on_hover_text(folder);
    }
    ui.horizontal(|ui| {
        let add = Command::AddFolderDialog;
        if ui
            .add_enabled(!library.is_busy(), egui::Button::new(add.label()))
            .on_hover_text(add.tooltip())
            .clicked()
        {
            commands.push(add);
        }
        if library.is_busy() {
            ui.spinner();
            ui.weak("indexing…");
        }
    });
    ui.separator();
    let mut run = false;
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut library.search.query)
                .id(search_id())
                .hint_text("words  source:Quinlan  verdict:disputed")
                .desired_width(ui.available_width() - 70.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search the library")
        });
        run |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        run |= ui.button("Search").clicked();
    });
    if run {
        commands.push(Command::SearchLibrary(
            library.search.query.trim().to_owned(),
        ));
    }
    if let Some(error) = &library.search.error {
        ui.label(RichText::new(error).color(theme::error_color(ui.visuals().dark_mode)));
    }
    let Some(searched) = &library.search.searched else {
        return commands;
    };
    if library.search.error.is_none() {
        let n = library.search.hits.len();
        ui.weak(format!("{} found for “{searched}”", counted(n, "claim")));
    }
    egui::ScrollArea::vertical()
        .id_salt("library-hits")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for hit in &library.search.hits {
                let verdict = hit.verdict.unwrap_or_default();
                let source = hit
                    .claim
                    .source
                    .as_ref()
                    .map_or("no named source", |s| s.name.as_str());
                let response = egui::Frame::group(ui.style())
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_wrapped(|ui| {
                            ui.strong(&hit.report);
                            ui.label(
                                RichText::new(verdict.as_str())
                                    .small()
                                    .color(theme::verdict_strong(verdict)),
                            );
                        });
                        ui.label(super::bidi::display_line(&shorten(&hit.claim.text, 200)));
                        ui.weak(format!("source: {source}"));
                    })
                    .response
                    .interact(egui::Sense::click())
                    .on_hover_text(format!("Open {}", hit.path));
                if response.hovered() {
                    let stroke = ui.visuals().selection.stroke;
                    ui.painter()
                        .rect_stroke(response.rect, 4.0, stroke, egui::StrokeKind::Inside);
                }
                let label = format!("{}: {}", hit.report, hit.claim.text);
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if response.clicked() {
                    commands.push(Command::OpenClaim {
                        path: hit.path.clone().into(),
                        start: hit.claim.start,
                        end: hit.claim.end,
                    });
                }
            }
        });
    commands
}
