//! The window's own file browser, used for Open, Add folder and Export when the desktop has no
//! file-dialog portal (minimal X11 sessions, many tiling window managers).
//!
//! [`FileBrowser::list`] reads a folder; it is called only from the apply step
//! ([`super::App::apply`]). [`file_browser_ui`] draws what was read and returns [`Command`]s:
//! going into a folder, choosing a path, closing. It does no I/O.

use std::path::{Path, PathBuf};

use crosscheck_engine::export::ExportFormat;

use super::Command;

/// Most entries listed from one folder.
pub const MAX_ENTRIES: usize = 5_000;

/// What the browser is choosing a path for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowsePurpose {
    /// An article to open.
    Open,
    /// A folder of reports to add to the library.
    AddFolder,
    /// Where to save the notes in this format.
    Export(ExportFormat),
}

/// One entry of the listed folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserEntry {
    /// Its file name.
    pub name: String,
    /// Its full path.
    pub path: PathBuf,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// The browser's state: the folder shown, what it holds, the file name typed for an export.
#[derive(Debug, Clone, PartialEq)]
pub struct FileBrowser {
    /// What a chosen path is for.
    pub purpose: BrowsePurpose,
    /// The folder shown.
    pub dir: PathBuf,
    /// Its sub-folders, then the files the purpose can use, each sorted by name.
    pub entries: Vec<BrowserEntry>,
    /// Entries left out past [`MAX_ENTRIES`].
    pub truncated: usize,
    /// The file name to save under (exports).
    pub file_name: String,
    /// Why the folder could not be read, if it could not.
    pub error: Option<String>,
}

impl FileBrowser {
    /// Reads `dir` for `purpose` (hidden entries left out; for Open only the files the loader
    /// reads; for Add folder only folders). This does I/O: call it from the apply step.
    pub fn list(purpose: BrowsePurpose, dir: &Path, file_name: String) -> FileBrowser {
        let mut browser = FileBrowser {
            purpose,
            dir: dir.to_owned(),
            entries: Vec::new(),
            truncated: 0,
            file_name,
            error: None,
        };
        let reader = match std::fs::read_dir(dir) {
            Ok(reader) => reader,
            Err(err) => {
                browser.error = Some(format!("cannot read {}: {err}", dir.display()));
                return browser;
            }
        };
        let mut entries = Vec::new();
        for entry in reader.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let is_dir = path.is_dir();
            let wanted = is_dir
                || match purpose {
                    BrowsePurpose::Open => {
                        crosscheck_engine::document::format_for_path(&path).is_ok()
                    }
                    BrowsePurpose::AddFolder => false,
                    BrowsePurpose::Export(_) => true,
                };
            if wanted {
                entries.push(BrowserEntry { name, path, is_dir });
            }
        }
        entries.sort_by(|a, b| {
            b.is_dir
                .cmp(&a.is_dir)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        browser.truncated = entries.len().saturating_sub(MAX_ENTRIES);
        entries.truncate(MAX_ENTRIES);
        browser.entries = entries;
        browser
    }

    /// The window's title.
    pub fn title(&self) -> String {
        match self.purpose {
            BrowsePurpose::Open => "Open an article".to_owned(),
            BrowsePurpose::AddFolder => "Add a folder to the library".to_owned(),
            BrowsePurpose::Export(format) => format!("Export {}", format.label()),
        }
    }
}

/// The path the notes of `article` are saved to "beside the article" in `format`:
/// `report.pdf` gives `report.notes.md` in the same folder.
pub fn beside_article(article: &Path, format: ExportFormat) -> Option<PathBuf> {
    let stem = article.file_stem()?.to_string_lossy();
    Some(article.with_file_name(format!("{stem}.{}", format.file_suffix())))
}

/// Draws the browser as a window over the others. `beside` is the one-click export path next
/// to the open article, if it has one.
pub fn file_browser_ui(
    ctx: &egui::Context,
    browser: &mut FileBrowser,
    beside: Option<&Path>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut open = true;
    egui::Window::new(browser.title())
        .collapsible(false)
        .resizable(true)
        .default_size([560.0, 440.0])
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label("No desktop file dialog here: choose with this one.");
            ui.horizontal(|ui| {
                if let Some(parent) = browser.dir.parent()
                    && ui.button("Up").on_hover_text("The folder above").clicked()
                {
                    commands.push(Command::BrowseTo(parent.to_owned()));
                }
                if let Some(home) = std::env::var_os("HOME")
                    && ui.button("Home").clicked()
                {
                    commands.push(Command::BrowseTo(PathBuf::from(home)));
                }
                ui.monospace(browser.dir.display().to_string());
            });
            if let Some(error) = &browser.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.separator();
            let footer_height = 72.0;
            egui::ScrollArea::vertical()
                .max_height((ui.available_height() - footer_height).max(80.0))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if browser.entries.is_empty() && browser.error.is_none() {
                        ui.weak(match browser.purpose {
                            BrowsePurpose::Open => "No articles or folders here.",
                            _ => "Nothing here.",
                        });
                    }
                    for entry in &browser.entries {
                        let label = if entry.is_dir {
                            format!("{}/", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let response = ui.selectable_label(false, label);
                        if !response.clicked() {
                            continue;
                        }
                        match (entry.is_dir, browser.purpose) {
                            (true, _) => commands.push(Command::BrowseTo(entry.path.clone())),
                            (false, BrowsePurpose::Open) => {
                                commands.push(Command::BrowserChoose(entry.path.clone()));
                            }
                            (false, _) => browser.file_name = entry.name.clone(),
                        }
                    }
                    if browser.truncated > 0 {
                        ui.weak(format!("… and {} more", browser.truncated));
                    }
                });
            ui.separator();
            match browser.purpose {
                BrowsePurpose::Open => {}
                BrowsePurpose::AddFolder => {
                    if ui.button("Add this folder").clicked() {
                        commands.push(Command::BrowserChoose(browser.dir.clone()));
                    }
                }
                BrowsePurpose::Export(_) => {
                    ui.horizontal(|ui| {
                        let label = ui.label("File name:");
                        let field = ui
                            .add(
                                egui::TextEdit::singleline(&mut browser.file_name)
                                    .desired_width(280.0),
                            )
                            .labelled_by(label.id);
                        let entered =
                            field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let name = browser.file_name.trim();
                        let can_save = !name.is_empty() && !name.contains('/');
                        let clicked = ui
                            .add_enabled(can_save, egui::Button::new("Save"))
                            .clicked();
                        if can_save && (clicked || entered) {
                            commands.push(Command::BrowserChoose(browser.dir.join(name)));
                        }
                    });
                    if let Some(beside) = beside {
                        let name = beside
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        if ui
                            .button("Save beside the article")
                            .on_hover_text(format!("Save as {name} in the article's folder"))
                            .clicked()
                        {
                            commands.push(Command::BrowserChoose(beside.to_owned()));
                        }
                    }
                }
            }
        });
    if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseBrowser);
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_keeps_folders_and_readable_files_sorted() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["b.pdf", "a.txt", "notes.docx", ".hidden.txt"] {
            std::fs::write(dir.path().join(name), "x").expect("written");
        }
        std::fs::create_dir(dir.path().join("Zeta")).expect("folder");
        let open = FileBrowser::list(BrowsePurpose::Open, dir.path(), String::new());
        let names: Vec<&str> = open.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Zeta", "a.txt", "b.pdf"]);
        let folders = FileBrowser::list(BrowsePurpose::AddFolder, dir.path(), String::new());
        assert_eq!(folders.entries.len(), 1);
        let missing =
            FileBrowser::list(BrowsePurpose::Open, &dir.path().join("gone"), String::new());
        assert!(missing.error.is_some());
    }

    #[test]
    fn beside_the_article_replaces_the_extension() {
        assert_eq!(
            beside_article(Path::new("/r/report.pdf"), ExportFormat::Markdown),
            Some(PathBuf::from("/r/report.notes.md"))
        );
    }
}
