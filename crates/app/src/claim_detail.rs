//! The selected claim in full: verdict buttons, note, evidence links, tags, verdict history
//! and anchor state. Also the bar that turns a text selection into a claim.

use egui::Ui;

use super::command::{Command, VERDICT_KEYS};
use super::notes::Verdict;
use super::session::{ClaimRow, Selection, Session};
use super::theme;

/// Id of the note field, for focusing it with `n`.
pub fn note_id() -> egui::Id {
    egui::Id::unique("claim-note")
}

/// Shows the selected claim or orphaned note; returns what the person asked for.
#[must_use]
pub fn claim_detail_ui(ui: &mut Ui, session: &mut Session, is_read_only: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    let (row, quote) = match &session.selection {
        Some(Selection::Claim(i)) => match session.rows.get(*i) {
            Some(row) => (Some(row.clone()), row.text.clone()),
            None => return commands,
        },
        Some(Selection::Orphan(_)) => match session.selected_note() {
            Some(note) => (None, note.quote.clone()),
            None => return commands,
        },
        None => {
            ui.weak("Select a claim in the text or the list (j / k) to check it.");
            return commands;
        }
    };
    let note = session.selected_note().cloned();
    let verdict = note.as_ref().map(|n| n.verdict).unwrap_or_default();
    egui::ScrollArea::vertical()
        .id_salt("claim-detail")
        .auto_shrink([false, true])
        .max_height(ui.available_height())
        .show(ui, |ui| {
            ui.label(egui::RichText::new(format!("“{quote}”")).italics());
            match &row {
                Some(row) => source_line_ui(ui, row),
                None => {
                    ui.colored_label(
                        theme::error_color(ui.visuals().dark_mode),
                        "Orphaned: this claim is no longer found in the text.",
                    );
                }
            }
            ui.add_space(4.0);

            ui.add_enabled_ui(!is_read_only, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for verdict_option in Verdict::ALL {
                        let key = VERDICT_KEYS
                            .iter()
                            .find(|(_, v)| *v == verdict_option)
                            .map(|(k, _)| k.name())
                            .unwrap_or_default();
                        let is_on = verdict == verdict_option;
                        let text = egui::RichText::new(verdict_option.as_str())
                            .color(theme::verdict_strong(verdict_option));
                        let response =
                            ui.add(egui::Button::selectable(is_on, text))
                                .on_hover_text(format!(
                                    "Mark the claim {} (key {})",
                                    verdict_option.as_str(),
                                    key.to_lowercase()
                                ));
                        if response.clicked() {
                            commands.push(Command::SetVerdict(verdict_option));
                        }
                    }
                });

                ui.add_space(4.0);
                let label = ui.label("Note (n):");
                let current_span = row.as_ref().map(|r| (r.start, r.end));
                let stored = note.as_ref().map(|n| n.note.clone()).unwrap_or_default();
                if session.drafts.note_for != current_span || session.drafts.note_for.is_none() {
                    if !session.drafts.is_note_dirty {
                        session.drafts.note = stored;
                    }
                    session.drafts.note_for = current_span;
                }
                let response = ui
                    .add(
                        egui::TextEdit::multiline(&mut session.drafts.note)
                            .id(note_id())
                            .desired_rows(4)
                            .desired_width(f32::INFINITY)
                            .hint_text("What did you find?"),
                    )
                    .labelled_by(label.id);
                if session.focus_note {
                    session.focus_note = false;
                    response.request_focus();
                }
                if response.changed() {
                    session.drafts.is_note_dirty = true;
                    session.drafts.note_changed_at = ui.input(|i| i.time);
                }
                if response.lost_focus() && session.drafts.is_note_dirty {
                    commands.push(Command::SaveNote(session.drafts.note.clone()));
                }

                ui.add_space(4.0);
                ui.label("Evidence:");
                for link in note.iter().flat_map(|n| n.evidence.iter()) {
                    ui.horizontal(|ui| {
                        let text = if link.label.is_empty() {
                            link.url.clone()
                        } else {
                            format!("{} — {}", link.label, link.url)
                        };
                        if ui
                            .link(super::claims_panel::shorten(&text, 60))
                            .on_hover_text(&link.url)
                            .clicked()
                        {
                            commands.push(Command::OpenUrl(link.url.clone()));
                        }
                        let label = format!("Remove the link {}", link.url);
                        if super::icon_button(ui, "×", &label).clicked() {
                            commands.push(Command::RemoveEvidence(link.url.clone()));
                        }
                    });
                }
                ui.horizontal(|ui| {
                    let url = ui.add(
                        egui::TextEdit::singleline(&mut session.drafts.evidence_url)
                            .hint_text("https://…")
                            .desired_width(150.0),
                    );
                    url.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Evidence URL")
                    });
                    let label = ui.add(
                        egui::TextEdit::singleline(&mut session.drafts.evidence_label)
                            .hint_text("label")
                            .desired_width(90.0),
                    );
                    label.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Evidence label")
                    });
                    let is_ready = !session.drafts.evidence_url.trim().is_empty();
                    let submitted =
                        url.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui
                        .add_enabled(is_ready, egui::Button::new("Add link"))
                        .clicked()
                        || (submitted && is_ready)
                    {
                        commands.push(Command::AddEvidence {
                            url: session.drafts.evidence_url.trim().to_owned(),
                            label: session.drafts.evidence_label.trim().to_owned(),
                        });
                        session.drafts.evidence_url.clear();
                        session.drafts.evidence_label.clear();
                    }
                });

                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label("Tags:");
                    for tag in note.iter().flat_map(|n| n.tags.iter()) {
                        let label = format!("Remove the tag {tag}");
                        if super::icon_button(ui, &format!("{tag} ×"), &label).clicked() {
                            commands.push(Command::RemoveTag(tag.clone()));
                        }
                    }
                    let tag = ui.add(
                        egui::TextEdit::singleline(&mut session.drafts.tag)
                            .hint_text("new tag")
                            .desired_width(90.0),
                    );
                    tag.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New tag")
                    });
                    let submitted =
                        tag.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let is_ready = !session.drafts.tag.trim().is_empty();
                    if (ui
                        .add_enabled(is_ready, egui::Button::new("Add tag"))
                        .clicked()
                        || submitted)
                        && is_ready
                    {
                        commands.push(Command::AddTag(session.drafts.tag.trim().to_owned()));
                        session.drafts.tag.clear();
                    }
                });
            });

            ui.add_space(4.0);
            let state = note.as_ref().map_or("not saved yet", |n| n.state.as_str());
            ui.label(
                egui::RichText::new(format!("Anchor: {state}"))
                    .small()
                    .weak(),
            )
            .on_hover_text("How the note was found in the text: exact, moved, fuzzy or orphaned");
            let history = note.as_ref().map(|n| n.history.clone()).unwrap_or_default();
            if !history.is_empty() {
                egui::CollapsingHeader::new(format!("Verdict history ({})", history.len()))
                    .id_salt("verdict-history")
                    .show(ui, |ui| {
                        for change in history.iter().rev() {
                            let from = change
                                .adopted_from
                                .as_ref()
                                .map(|f| format!(" (from {f})"))
                                .unwrap_or_default();
                            ui.label(
                                egui::RichText::new(format!(
                                    "{}: {} » {}{from}",
                                    change.at,
                                    change.from.as_str(),
                                    change.to.as_str()
                                ))
                                .small(),
                            );
                        }
                    });
            }
        });
    commands
}

/// The source, role, kind, cue, hedges and chain of a claim.
fn source_line_ui(ui: &mut Ui, row: &ClaimRow) {
    let source = if row.source_name.is_empty() {
        "No named source".to_owned()
    } else {
        match &row.source_role {
            Some(role) => format!("{}, {role}", row.source_name),
            None => row.source_name.clone(),
        }
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(source);
        ui.weak(format!("· {}", row.kind_label()));
        if let Some(cue) = &row.cue {
            ui.weak(format!("· “{cue}”"));
        }
        for hedge in &row.hedges {
            ui.label(
                egui::RichText::new(format!(" {hedge} "))
                    .small()
                    .background_color(ui.visuals().faint_bg_color),
            );
        }
    });
    if !row.chain.is_empty() {
        ui.label(egui::RichText::new(&row.chain).italics());
    }
}

/// The bar over the article: text size and theme, and, while text is selected, a source
/// field and "Add as claim". It always takes one row, so the text never jumps.
#[must_use]
pub fn article_toolbar_ui(ui: &mut Ui, session: &mut Session, is_dark: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        for (command, text) in [
            (Command::FontSmaller, "A-"),
            (Command::FontLarger, "A+"),
            (Command::ToggleTheme, if is_dark { "Light" } else { "Dark" }),
        ] {
            let label = command.label();
            if super::icon_button(ui, text, &label).clicked() {
                commands.push(command);
            }
        }
        ui.separator();
        let selection = session
            .text_selection
            .filter(|s| !s.is_empty() && !session.is_dragging_text);
        let Some(selection) = selection else {
            ui.weak("Drag over the text to add a claim by hand.");
            return;
        };
        let (start, end) = selection.range();
        let text = session.text_of(start, end);
        ui.label(format!("“{}”", super::claims_panel::shorten(&text, 40)))
            .on_hover_text(&text);
        let source = ui.add(
            egui::TextEdit::singleline(&mut session.drafts.manual_source)
                .hint_text("source (optional)")
                .desired_width(130.0),
        );
        source.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Source of the new claim")
        });
        let mut picked = None;
        egui::ComboBox::new("manual-source", "")
            .selected_text("known sources")
            .show_ui(ui, |ui| {
                for source in &session.extraction.sources {
                    if ui.selectable_label(false, &source.name).clicked() {
                        picked = Some(source.name.clone());
                    }
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Pick a known source")
            });
        if let Some(name) = picked {
            session.drafts.manual_source = name;
        }
        if ui
            .button("Add as claim")
            .on_hover_text("Add the selected text as a claim")
            .clicked()
        {
            commands.push(Command::AddManualClaim {
                start,
                end,
                source: session.drafts.manual_source.trim().to_owned(),
            });
        }
        if ui
            .button("Cancel")
            .on_hover_text("Clear the selection")
            .clicked()
        {
            super::article_view::set_text_selection(session, None);
        }
    });
    ui.separator();
    commands
}
