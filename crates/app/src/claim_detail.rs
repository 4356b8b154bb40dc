//! The selected claim in full: verdict buttons, note, evidence links, tags, verdict history
//! and anchor state. Also the bar that turns a text selection into a claim.

use egui::Ui;

use crosscheck_engine::review::ReviewedClaim;
use crosscheck_engine::store::format_time;

use super::command::{Command, VERDICT_KEYS};
use super::notes::Verdict;
use super::session::{Article, Drafts, Session, View};
use super::theme;
use super::widgets::{chain_line, icon_button, shorten, source_label};

/// Id of the note field, for focusing it with `n`.
pub fn note_id() -> egui::Id {
    egui::Id::unique("claim-note")
}

/// Shows the selected claim (or orphaned note); returns what the person asked for.
#[must_use]
pub fn claim_detail_ui(ui: &mut Ui, session: &mut Session, is_read_only: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    let Session {
        article,
        view,
        drafts,
        ..
    } = session;
    let Some(claim) = view.selection.and_then(|i| article.claim(i)) else {
        ui.weak("Select a claim in the text or the list (j / k) to check it.");
        return commands;
    };
    let verdict = claim.verdict();
    egui::ScrollArea::vertical()
        .id_salt("claim-detail")
        .auto_shrink([false, true])
        .max_height(ui.available_height())
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!("“{}”", super::bidi::display_line(&claim.text)))
                    .italics(),
            );
            if claim.is_orphaned() {
                ui.colored_label(
                    theme::error_color(ui.visuals().dark_mode),
                    "Orphaned: this claim is no longer found in the text.",
                );
            } else {
                source_line_ui(ui, claim);
                commands.extend(track_record_ui(ui, article, claim));
            }
            ui.add_space(4.0);
            review_ui(ui, claim, is_read_only, &mut commands);

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
                commands.extend(bind_note_draft(drafts, claim));
                let response = ui
                    .add(
                        egui::TextEdit::multiline(&mut drafts.note)
                            .id(note_id())
                            .desired_rows(4)
                            .desired_width(f32::INFINITY)
                            .hint_text("What did you find?"),
                    )
                    .labelled_by(label.id);
                if view.focus_note {
                    view.focus_note = false;
                    response.request_focus();
                }
                if response.changed() {
                    drafts.is_note_dirty = true;
                    drafts.note_changed_at = ui.input(|i| i.time);
                }
                if response.lost_focus() && drafts.is_note_dirty {
                    commands.push(Command::SaveNote {
                        claim_id: claim.id.clone(),
                        text: drafts.note.clone(),
                    });
                }

                ui.add_space(4.0);
                ui.label("Evidence:");
                for link in claim.evidence() {
                    ui.horizontal(|ui| {
                        let text = if link.label.is_empty() {
                            link.url.clone()
                        } else {
                            format!("{} — {}", link.label, link.url)
                        };
                        if ui
                            .link(shorten(&text, 60))
                            .on_hover_text(&link.url)
                            .clicked()
                        {
                            commands.push(Command::OpenUrl(link.url.clone()));
                        }
                        let label = format!("Remove the link {}", link.url);
                        if icon_button(ui, "×", &label).clicked() {
                            commands.push(Command::RemoveEvidence(link.url.clone()));
                        }
                    });
                }
                ui.horizontal(|ui| {
                    let url = ui.add(
                        egui::TextEdit::singleline(&mut drafts.evidence_url)
                            .hint_text("https://…")
                            .desired_width(150.0),
                    );
                    url.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Evidence URL")
                    });
                    let label = ui.add(
                        egui::TextEdit::singleline(&mut drafts.evidence_label)
                            .hint_text("label")
                            .desired_width(90.0),
                    );
                    label.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Evidence label")
                    });
                    let is_ready = !drafts.evidence_url.trim().is_empty();
                    let submitted =
                        url.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui
                        .add_enabled(is_ready, egui::Button::new("Add link"))
                        .clicked()
                        || (submitted && is_ready)
                    {
                        commands.push(Command::AddEvidence {
                            url: drafts.evidence_url.trim().to_owned(),
                            label: drafts.evidence_label.trim().to_owned(),
                        });
                        drafts.evidence_url.clear();
                        drafts.evidence_label.clear();
                    }
                });

                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label("Tags:");
                    for tag in claim.tags() {
                        let label = format!("Remove the tag {tag}");
                        if icon_button(ui, &format!("{tag} ×"), &label).clicked() {
                            commands.push(Command::RemoveTag(tag.clone()));
                        }
                    }
                    let tag = ui.add(
                        egui::TextEdit::singleline(&mut drafts.tag)
                            .hint_text("new tag")
                            .desired_width(90.0),
                    );
                    tag.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New tag")
                    });
                    let submitted =
                        tag.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let is_ready = !drafts.tag.trim().is_empty();
                    if (ui
                        .add_enabled(is_ready, egui::Button::new("Add tag"))
                        .clicked()
                        || submitted)
                        && is_ready
                    {
                        commands.push(Command::AddTag(drafts.tag.trim().to_owned()));
                        drafts.tag.clear();
                    }
                });
            });

            ui.add_space(4.0);
            let state = claim.anchor_state().map_or("not saved yet", |s| s.as_str());
            ui.label(
                egui::RichText::new(format!("Anchor: {state}"))
                    .small()
                    .weak(),
            )
            .on_hover_text("How the note was found in the text: exact, moved, fuzzy or orphaned");
            let history = claim.history();
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
                                    "{}: {}{}{}{from}",
                                    format_time(&change.at),
                                    change.from.as_str(),
                                    super::widgets::arrow(),
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

/// For a note whose words changed: both wordings and the way to settle it; for one confirmed
/// after a change, the earlier wording.
fn review_ui(ui: &mut Ui, claim: &ReviewedClaim, is_read_only: bool, commands: &mut Vec<Command>) {
    let is_dark = ui.visuals().dark_mode;
    if let Some(review) = claim.needs_review() {
        egui::Frame::new()
            .fill(theme::review_fill(is_dark))
            .inner_margin(theme::NOTICE_PADDING)
            .corner_radius(theme::CORNER_RADIUS)
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(if review.current.is_some() {
                        "Needs review: the words this verdict was given on changed."
                    } else {
                        "Needs review: the words this verdict was given on are gone."
                    })
                    .strong()
                    .color(theme::review_color(is_dark)),
                );
                ui.label(egui::RichText::new("Judged:").small().weak());
                ui.label(egui::RichText::new(format!("“{}”", review.earlier)).italics());
                ui.label(egui::RichText::new("Now:").small().weak());
                match &review.current {
                    Some(current) => {
                        ui.label(egui::RichText::new(format!("“{current}”")).italics())
                    }
                    None => ui.label(egui::RichText::new("no longer in the article").italics()),
                };
                ui.add_enabled_ui(!is_read_only, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        let label = if review.current.is_some() {
                            Command::ConfirmReview.label()
                        } else {
                            "Keep as it was".to_owned()
                        };
                        if ui
                            .button(label)
                            .on_hover_text(Command::ConfirmReview.tooltip())
                            .clicked()
                        {
                            commands.push(Command::ConfirmReview);
                        }
                        if ui
                            .button(Command::ShowRevision.label())
                            .on_hover_text(Command::ShowRevision.tooltip())
                            .clicked()
                        {
                            commands.push(Command::ShowRevision);
                        }
                    });
                    ui.weak("Setting a verdict confirms it too.");
                });
            });
        ui.add_space(4.0);
    } else if let Some(rewording) = claim.last_rewording() {
        let how = if rewording.to.is_some() {
            "confirmed on these words"
        } else {
            "kept after its words were removed"
        };
        ui.label(
            egui::RichText::new(format!(
                "Earlier wording ({how}, {}): “{}”",
                format_time(&rewording.at),
                shorten(&rewording.from, 200)
            ))
            .small()
            .weak(),
        );
    }
}

/// Loads the note of `claim` into the draft unless the draft already belongs to it. A draft
/// with unsaved text never moves to another claim: the selection changes only through
/// [`super::App::apply`], which saves it first, and should a draft of another claim still be
/// pending here, it is saved to that claim (the returned command).
fn bind_note_draft(drafts: &mut Drafts, claim: &ReviewedClaim) -> Option<Command> {
    if drafts.note_for.as_deref() == Some(claim.id.as_str()) {
        return None;
    }
    let pending = match (&drafts.note_for, drafts.is_note_dirty) {
        (Some(other), true) => Some(Command::SaveNote {
            claim_id: other.clone(),
            text: std::mem::take(&mut drafts.note),
        }),
        _ => None,
    };
    drafts.note = claim.note_text().to_owned();
    drafts.note_for = Some(claim.id.clone());
    drafts.is_note_dirty = false;
    pending
}

/// The source, role, kind, cue, hedges and chain of a claim.
fn source_line_ui(ui: &mut Ui, claim: &ReviewedClaim) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(source_label(claim, ", "));
        ui.weak(format!("· {}", claim.kind_label()));
        if let Some(cue) = &claim.cue {
            ui.weak(format!("· “{cue}”"));
        }
        for hedge in &claim.hedges {
            ui.label(
                egui::RichText::new(format!(" {hedge} "))
                    .small()
                    .background_color(ui.visuals().faint_bg_color),
            );
        }
    });
    if let Some(chain) = chain_line(claim) {
        ui.label(egui::RichText::new(chain).italics());
    }
}

/// The track record of the claim's source across the library, one click from its record:
/// "Dmitry Peskov: 12 claims in 9 reports; 7 false, 2 misleading, 1 verified".
fn track_record_ui(ui: &mut Ui, article: &Article, claim: &ReviewedClaim) -> Option<Command> {
    let id = claim.source.as_ref()?.entity_id.as_deref()?;
    let standing = article.sources.standings.get(id)?;
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        // At the size of the claim's own lines: who makes the claim is half the judgement.
        ui.label(standing.summary());
        if let Some(status) = &standing.status {
            ui.label(
                egui::RichText::new(format!("· your word: {}", status.credibility.label())).weak(),
            );
        }
        let command = Command::ShowSourceRecord {
            id: Some(standing.id.clone()),
            more: false,
        };
        let name = format!("Show the track record of {}", standing.name);
        let response = ui
            .small_button(command.label())
            .on_hover_text("Show this source's claims across the library (Sources tab)");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if response.clicked() {
            picked = Some(command);
        }
    });
    picked
}

/// The bar over the article: text size and theme, and, while text is selected, a source
/// field and "Add as claim". It always takes one row, so the text never jumps.
#[must_use]
pub fn article_toolbar_ui(
    ui: &mut Ui,
    article: &Article,
    view: &mut View,
    drafts: &mut Drafts,
    is_dark: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        for (command, text) in [
            (Command::FontSmaller, "A-"),
            (Command::FontLarger, "A+"),
            (Command::ToggleTheme, if is_dark { "Light" } else { "Dark" }),
        ] {
            let label = command.label();
            if icon_button(ui, text, &label).clicked() {
                commands.push(command);
            }
        }
        ui.separator();
        let selection = view
            .text_selection
            .filter(|s| !s.is_empty() && !view.is_dragging_text);
        let Some(selection) = selection else {
            ui.weak("Drag over the text to add a claim by hand.");
            return;
        };
        let (start, end) = selection.range();
        let text = article.text_of(start, end);
        ui.label(format!("“{}”", shorten(&text, 40)))
            .on_hover_text(&text);
        let source = ui.add(
            egui::TextEdit::singleline(&mut drafts.manual_source)
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
                for source in &article.extraction.sources {
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
            drafts.manual_source = name;
        }
        if ui
            .button("Add as claim")
            .on_hover_text("Add the selected text as a claim")
            .clicked()
        {
            commands.push(Command::AddManualClaim {
                start,
                end,
                source: drafts.manual_source.trim().to_owned(),
            });
        }
        if ui
            .button("Cancel")
            .on_hover_text("Clear the selection")
            .clicked()
        {
            super::article_view::set_text_selection(article, view, None);
        }
    });
    ui.separator();
    commands
}
