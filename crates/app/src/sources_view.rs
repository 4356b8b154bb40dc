//! The Sources tab: each source of the article once, with kind, role, aliases and the chains
//! its claims came through; its track record across the library and the person's word on it;
//! the corrections the person can make (kind, merge, split, not a source, undo); and, opened,
//! its record: every claim it made in the library with its verdict, one click from its report.

use egui::Ui;

use crosscheck_engine::extract::{Source, SourceKind};
use crosscheck_engine::review::ReviewedClaim;
use crosscheck_engine::sources::Credibility;

use super::command::Command;
use super::session::{Article, Drafts, View, source_id};
use super::sources_model::{LibraryStanding, ShownRecord};
use super::theme;
use super::widgets::{chain_line, counted, shorten};

/// The kinds a source can be given, in menu order.
const KINDS: [SourceKind; 6] = [
    SourceKind::Person,
    SourceKind::Organization,
    SourceKind::Outlet,
    SourceKind::Government,
    SourceKind::Group,
    SourceKind::Unnamed,
];

/// Most other sources offered as merge targets in a source's menu.
const MERGE_CHOICES: usize = 12;

/// Shows the sources; returns what the person asked for.
#[must_use]
pub fn sources_ui(
    ui: &mut Ui,
    article: &Article,
    view: &View,
    drafts: &mut Drafts,
    library_state: LibraryState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    corrections_bar_ui(ui, article, &mut commands);
    if article.extraction.sources.is_empty() {
        ui.label("No sources were found in this article.");
        return commands;
    }
    egui::ScrollArea::vertical()
        .id_salt("sources")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for source in &article.extraction.sources {
                ui.push_id(&source.id, |ui| {
                    source_ui(
                        ui,
                        article,
                        view,
                        drafts,
                        library_state,
                        source,
                        &mut commands,
                    );
                });
            }
        });
    commands
}

/// Whether the library can say anything about the sources yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryState {
    /// There is no library (no notes store).
    Missing,
    /// It is being read or brought up to date.
    Reading,
    /// Its records are current.
    Ready,
}

/// Undo and redo of the latest correction, named.
fn corrections_bar_ui(ui: &mut Ui, article: &Article, commands: &mut Vec<Command>) {
    let model = &article.sources;
    if model.latest.is_none() && model.undone.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        if let Some(latest) = &model.latest
            && ui
                .button("Undo correction")
                .on_hover_text(format!("Undo: {}", latest.describe()))
                .clicked()
        {
            commands.push(Command::UndoSourceCorrection);
        }
        if let Some(undone) = &model.undone
            && ui
                .button("Redo correction")
                .on_hover_text(format!("Redo: {}", undone.describe()))
                .clicked()
        {
            commands.push(Command::RedoSourceCorrection);
        }
        if let Some(latest) = &model.latest {
            ui.weak(format!("Latest: {}", latest.describe()));
        }
    });
    ui.separator();
}

#[allow(
    clippy::too_many_arguments,
    reason = "one source's box reads the article, the view and the drafts"
)]
fn source_ui(
    ui: &mut Ui,
    article: &Article,
    view: &View,
    drafts: &mut Drafts,
    library_state: LibraryState,
    source: &Source,
    commands: &mut Vec<Command>,
) {
    let rows: Vec<&ReviewedClaim> = article
        .claims
        .iter()
        .filter(|c| source_id(c) == Some(source.id.as_str()))
        .collect();
    let is_filtered = view.filter.source_id.as_deref() == Some(source.id.as_str());
    let standing = article.sources.standings.get(&source.id);
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let title = format!("{} ({})", source.name, counted(rows.len(), "claim"));
            let response = ui
                .selectable_label(is_filtered, egui::RichText::new(title).strong())
                .on_hover_text("Show only this source's claims");
            if response.clicked() {
                commands.push(Command::FilterSource(Some(source.id.clone())));
            }
            if let Some(status) = article.sources.status_of(source)
                && status.credibility != Credibility::Unknown
            {
                ui.label(
                    egui::RichText::new(format!(" {} ", status.credibility.label()))
                        .small()
                        .color(credibility_color(status.credibility))
                        .background_color(ui.visuals().faint_bg_color),
                );
            }
        });
        let mut facts = source.kind.as_str().to_owned();
        if let Some(role) = &source.role {
            facts.push_str(" · ");
            facts.push_str(role);
        }
        ui.label(egui::RichText::new(facts).weak());
        if !source.aliases.is_empty() {
            ui.label(format!("Also: {}", source.aliases.join("; ")));
        }
        let mut chains: Vec<String> = rows.iter().filter_map(|r| chain_line(r)).collect();
        chains.sort_unstable();
        chains.dedup();
        for chain in chains {
            ui.label(egui::RichText::new(chain).italics());
        }
        library_line_ui(ui, source, standing, library_state, commands);
        status_ui(ui, article, drafts, source, commands);
        ui.horizontal_wrapped(|ui| {
            let menu = ui.menu_button("Correct…", |ui| {
                correct_menu_ui(ui, article, drafts, source, commands);
            });
            let name = format!("Correct the source {}", source.name);
            menu.response
                .on_hover_text("Merge, split, retype or dismiss this source (kept, and undoable)")
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        });
        if let (Some(standing), Some(shown)) = (standing, &article.sources.shown)
            && shown.record.source.id == standing.id
        {
            record_ui(ui, shown, commands);
        }
    });
}

/// The source's track record across the library, and the button opening its record.
fn library_line_ui(
    ui: &mut Ui,
    source: &Source,
    standing: Option<&LibraryStanding>,
    library_state: LibraryState,
    commands: &mut Vec<Command>,
) {
    if source.kind == SourceKind::Unnamed && standing.is_none_or(|s| s.record.reports <= 1) {
        ui.weak("An unnamed source stays with its report: no record across the library");
        return;
    }
    let Some(standing) = standing else {
        let text = match library_state {
            LibraryState::Missing => "No library: its track record is unknown",
            LibraryState::Reading => "The library is being read…",
            LibraryState::Ready => "Not in the library yet",
        };
        ui.weak(text);
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let mut line = format!("In the library: {}", standing.summary());
        match (&standing.record.first_seen, &standing.record.last_seen) {
            (Some(first), Some(last)) if first != last => {
                line.push_str(&format!(" · seen {first} to {last}"));
            }
            (Some(first), _) => line.push_str(&format!(" · seen {first}")),
            _ => {}
        }
        ui.label(line);
        let command = Command::ShowSourceRecord {
            id: Some(standing.id.clone()),
            more: false,
        };
        let name = format!("Track record of {}", source.name);
        let response = ui
            .small_button(command.label())
            .on_hover_text("Every claim this source made across the library, with its verdict");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if response.clicked() {
            commands.push(command);
        }
    });
}

/// The person's word on the source: credibility and a note.
fn status_ui(
    ui: &mut Ui,
    article: &Article,
    drafts: &mut Drafts,
    source: &Source,
    commands: &mut Vec<Command>,
) {
    let status = article.sources.status_of(source);
    let current = status.map_or(Credibility::Unknown, |s| s.credibility);
    ui.horizontal(|ui| {
        ui.label("Your word:");
        let mut picked = current;
        let name = format!("Your word on {}", source.name);
        egui::ComboBox::from_id_salt("credibility")
            .selected_text(current.label())
            .show_ui(ui, |ui| {
                for value in Credibility::ALL {
                    ui.selectable_value(&mut picked, value, value.label());
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
        if picked != current {
            commands.push(Command::SetSourceStatus {
                source: source.name.clone(),
                credibility: Some(picked),
                note: None,
            });
        }
        let saved_note = status.map_or("", |s| s.note.as_str());
        let is_bound = drafts.source_note_for.as_deref() == Some(source.id.as_str());
        let mut text = if is_bound {
            drafts.source_note.clone()
        } else {
            saved_note.to_owned()
        };
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text("Why (saved when you leave the field)")
                .desired_width(f32::INFINITY),
        );
        let name = format!("Note on {}", source.name);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
        if response.changed() {
            drafts.source_note_for = Some(source.id.clone());
            drafts.source_note = text.clone();
        }
        if response.lost_focus() && is_bound {
            if text != saved_note {
                commands.push(Command::SetSourceStatus {
                    source: source.name.clone(),
                    credibility: None,
                    note: Some(text),
                });
            }
            drafts.source_note_for = None;
        }
    });
}

/// The corrections menu of one source.
fn correct_menu_ui(
    ui: &mut Ui,
    article: &Article,
    drafts: &mut Drafts,
    source: &Source,
    commands: &mut Vec<Command>,
) {
    let mut push = |ui: &mut Ui, command: Command| {
        commands.push(command);
        ui.close();
    };
    ui.label(egui::RichText::new("Kind").strong());
    ui.horizontal_wrapped(|ui| {
        for kind in KINDS {
            if ui
                .selectable_label(source.kind == kind, kind.as_str())
                .clicked()
                && source.kind != kind
            {
                push(
                    ui,
                    Command::SetSourceKind {
                        source: source.name.clone(),
                        kind,
                    },
                );
            }
        }
    });
    ui.separator();
    ui.label(egui::RichText::new("The same as…").strong());
    for other in article
        .extraction
        .sources
        .iter()
        .filter(|o| o.id != source.id)
        .take(MERGE_CHOICES)
    {
        let command = Command::MergeSource {
            from: source.name.clone(),
            into: other.name.clone(),
        };
        if ui.button(command.label()).clicked() {
            push(ui, command);
        }
    }
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut drafts.merge_into)
                .hint_text("another source's name")
                .desired_width(160.0),
        )
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Merge into the source named")
        });
        let into = drafts.merge_into.trim().to_owned();
        if ui
            .add_enabled(!into.is_empty(), egui::Button::new("Merge"))
            .on_hover_text("Merge into the source of this name in the library")
            .clicked()
        {
            drafts.merge_into.clear();
            push(
                ui,
                Command::MergeSource {
                    from: source.name.clone(),
                    into,
                },
            );
        }
    });
    if !source.aliases.is_empty() {
        ui.separator();
        ui.label(egui::RichText::new("Not the same source, in this report").strong());
        for alias in &source.aliases {
            let command = Command::SplitSource {
                source: source.name.clone(),
                alias: alias.clone(),
                everywhere: false,
            };
            if ui
                .button(command.label())
                .on_hover_text("Its mentions by this alias become a source of their own")
                .clicked()
            {
                push(ui, command);
            }
        }
    }
    ui.separator();
    for everywhere in [false, true] {
        let command = Command::NotASource {
            phrase: source.name.clone(),
            everywhere,
        };
        if ui.button(command.label()).clicked() {
            push(ui, command);
        }
    }
}

/// The record of a library source: counts per verdict, then its claims, each opening its
/// report at the claim.
fn record_ui(ui: &mut Ui, shown: &ShownRecord, commands: &mut Vec<Command>) {
    let record = &shown.record;
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Record of {}", record.source.name));
        if ui.small_button("Hide").clicked() {
            commands.push(Command::ShowSourceRecord {
                id: None,
                more: false,
            });
        }
        for markdown in [true, false] {
            let command = Command::ExportSourceRecordDialog {
                id: record.source.id.clone(),
                markdown,
            };
            if ui.small_button(command.label()).clicked() {
                commands.push(command);
            }
        }
    });
    if !record.source.aliases.is_empty() {
        ui.weak(format!(
            "Also called: {}",
            shorten(&record.source.aliases.join("; "), 200)
        ));
    }
    for claim in &record.claims {
        let date = claim.date.as_deref().unwrap_or("undated");
        let text = egui::RichText::new(format!(
            "{} · “{}” — {}, {date}",
            claim.verdict.as_str(),
            super::bidi::display_line(&shorten(&claim.text, 90)),
            claim.report
        ))
        .color(theme::verdict_strong(claim.verdict));
        if ui
            .link(text)
            .on_hover_text(format!("Open the report at this claim\n{}", claim.chain))
            .clicked()
        {
            commands.push(Command::OpenClaim {
                path: claim.path.clone().into(),
                start: claim.start,
                end: claim.end,
            });
        }
    }
    if shown.has_more() {
        let left = record.record.claims - record.claims.len();
        if ui
            .small_button(format!("Show more ({left} left)"))
            .clicked()
        {
            commands.push(Command::ShowSourceRecord {
                id: Some(record.source.id.clone()),
                more: true,
            });
        }
    }
    if !record.relayed.is_empty() {
        ui.weak(format!(
            "It also relayed {} from other sources.",
            counted(record.record.relayed, "claim")
        ));
    }
}

/// The colour of a credibility badge.
fn credibility_color(credibility: Credibility) -> egui::Color32 {
    match credibility {
        Credibility::Credible => theme::verdict_strong(crosscheck_engine::store::Verdict::Verified),
        Credibility::NotCredible => theme::verdict_strong(crosscheck_engine::store::Verdict::False),
        Credibility::Mixed => theme::verdict_strong(crosscheck_engine::store::Verdict::Misleading),
        Credibility::Unknown => egui::Color32::GRAY,
    }
}
