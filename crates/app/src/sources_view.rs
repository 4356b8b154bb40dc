//! The Sources tab: each source once, with kind, role, aliases, the chains its claims came
//! through and its claims; clicking a source filters the claims list to it.

use egui::Ui;

use crosscheck_engine::review::ReviewedClaim;

use super::command::Command;
use super::session::{Article, View, source_id};
use super::widgets::{chain_line, counted, shorten};

/// Shows the sources; returns a filter command when one is clicked.
#[must_use]
pub fn sources_ui(ui: &mut Ui, article: &Article, view: &View) -> Option<Command> {
    let mut picked = None;
    if article.extraction.sources.is_empty() {
        ui.label("No sources were found in this article.");
        return None;
    }
    egui::ScrollArea::vertical()
        .id_salt("sources")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for source in &article.extraction.sources {
                let rows: Vec<&ReviewedClaim> = article
                    .claims
                    .iter()
                    .filter(|c| source_id(c) == Some(source.id.as_str()))
                    .collect();
                let is_filtered = view.filter.source_id.as_deref() == Some(source.id.as_str());
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    let title = format!("{} ({})", source.name, counted(rows.len(), "claim"));
                    let response = ui
                        .selectable_label(is_filtered, egui::RichText::new(title).strong())
                        .on_hover_text("Show only this source's claims");
                    if response.clicked() {
                        picked = Some(Command::FilterSource(Some(source.id.clone())));
                    }
                    let mut facts = source.kind.as_str().to_owned();
                    if let Some(role) = &source.role {
                        facts.push_str(" · ");
                        facts.push_str(role);
                    }
                    ui.label(egui::RichText::new(facts).weak());
                    if !source.aliases.is_empty() {
                        ui.label(format!("Also: {}", source.aliases.join("; ")));
                    }
                    let mut chains: Vec<String> =
                        rows.iter().filter_map(|r| chain_line(r)).collect();
                    chains.sort_unstable();
                    chains.dedup();
                    for chain in chains {
                        ui.label(egui::RichText::new(chain).italics());
                    }
                    for row in rows.iter().take(5) {
                        ui.label(
                            egui::RichText::new(format!(
                                "• {}",
                                super::bidi::display_line(&shorten(&row.text, 90))
                            ))
                            .small(),
                        );
                    }
                    if rows.len() > 5 {
                        ui.label(
                            egui::RichText::new(format!("… and {} more", rows.len() - 5)).small(),
                        );
                    }
                });
            }
        });
    picked
}
