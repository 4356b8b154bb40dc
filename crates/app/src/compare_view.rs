//! The Compare tab: the selected claim cross-checked against the library (its chain, its
//! independent origins, and each other report carrying it with what differs and the verdicts
//! made there), or, with no claim selected, which claims other reports carry.

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat, Ui};

use super::chain_graph::{chain_graph_ui, origins_graph_ui};
use super::command::Command;
use super::library::{Aspect, ClaimComparison, ClaimMatch, Comparison, Difference, WordChangeKind};
use super::session::Article;
use super::theme;
use super::widgets::{counted, plural, shorten, title_case};

/// Shows the Compare tab (`is_reading`: a library job is running); returns what the person
/// asked for.
#[must_use]
pub fn compare_ui(
    ui: &mut Ui,
    article: &Article,
    selection: Option<usize>,
    is_reading: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(comparison) = &article.comparison else {
        if is_reading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Reading the library; the comparison follows.");
            });
        } else {
            ui.label("The library is unavailable, so the claims cannot be cross-checked.");
        }
        return commands;
    };
    egui::ScrollArea::vertical()
        .id_salt("compare")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if comparison.library_articles == 0 {
                ui.label("The library holds no other report to compare with yet.");
                if ui
                    .button(Command::AddFolderDialog.label())
                    .on_hover_text(Command::AddFolderDialog.tooltip())
                    .clicked()
                {
                    commands.push(Command::AddFolderDialog);
                }
                ui.add_space(6.0);
            }
            match selection.and_then(|i| article.claim(i)) {
                None => summary_ui(ui, article, comparison, &mut commands),
                Some(selected) => match article.comparison_of(selected) {
                    Some(claim) => {
                        claim_ui(ui, comparison, claim, selected.verdict(), &mut commands);
                    }
                    None => {
                        ui.weak("Claims marked by hand are not compared with the library.");
                    }
                },
            }
        });
    commands
}

/// With no claim selected: how many claims other reports carry, and those only here.
fn summary_ui(ui: &mut Ui, article: &Article, comparison: &Comparison, out: &mut Vec<Command>) {
    let found = comparison
        .claims
        .iter()
        .filter(|c| !c.matches.is_empty())
        .count();
    ui.strong(format!(
        "{found} of {} found in other reports",
        counted(comparison.claims.len(), "claim")
    ));
    ui.weak(format!(
        "Compared with {} other article{} in the library. Select a claim to see where else \
         it appears.",
        comparison.library_articles,
        plural(comparison.library_articles)
    ));
    let row_of = |claim: &ClaimComparison| {
        article
            .claims
            .iter()
            .position(|r| r.start == claim.claim.start && r.end == claim.claim.end)
    };
    ui.add_space(6.0);
    for claim in comparison.claims.iter().filter(|c| !c.matches.is_empty()) {
        let n = claim.matches.len();
        let text = format!(
            "[{}] {}",
            counted(n, "report"),
            super::bidi::display_line(&shorten(&claim.claim.text, 90))
        );
        if ui.selectable_label(false, text).clicked() {
            out.push(Command::SelectClaim(row_of(claim)));
        }
    }
    ui.add_space(8.0);
    ui.strong(format!(
        "Only in this article ({})",
        comparison.only_here.len()
    ));
    for claim in comparison.claims.iter().filter(|c| c.matches.is_empty()) {
        if ui
            .selectable_label(
                false,
                super::bidi::display_line(&shorten(&claim.claim.text, 90)),
            )
            .clicked()
        {
            out.push(Command::SelectClaim(row_of(claim)));
        }
    }
}

/// The selected claim: its chain, its origins and each match.
fn claim_ui(
    ui: &mut Ui,
    comparison: &Comparison,
    claim: &ClaimComparison,
    verdict: super::notes::Verdict,
    out: &mut Vec<Command>,
) {
    ui.label(
        RichText::new(quoted(&super::bidi::display_line(&shorten(
            &claim.claim.text,
            160,
        ))))
        .italics(),
    );
    ui.add_space(4.0);
    ui.weak("Chain of attribution here:");
    chain_graph_ui(ui, &claim.chain, true);
    ui.add_space(6.0);
    if claim.matches.is_empty() {
        ui.label("No other report in the library carries this claim.");
        return;
    }
    ui.strong(claim.summary());
    origins_graph_ui(ui, &claim.origins, &comparison.report);
    ui.add_space(6.0);
    for found in &claim.matches {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            match_ui(ui, found, verdict, out);
        });
        ui.add_space(4.0);
    }
}

/// One other report carrying the claim.
fn match_ui(
    ui: &mut Ui,
    found: &ClaimMatch,
    verdict: super::notes::Verdict,
    out: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(&found.report);
        if let Some(date) = &found.published {
            ui.weak(date.get(..10).unwrap_or(date));
        }
        ui.weak(format!("similarity {:.0}%", found.score * 100.0));
    });
    if let Some(title) = found.title.as_ref().filter(|t| **t != found.report) {
        ui.label(RichText::new(title).italics().weak());
    }
    ui.label(quoted(&super::bidi::display_line(&found.claim.text)));
    chain_graph_ui(ui, &found.chain, false);
    for difference in &found.differences {
        difference_ui(ui, difference);
    }
    if let Some(agreements) = found.agreements_line() {
        ui.weak(format!("agrees: {agreements}"));
    }
    for hint in &found.verdicts {
        ui.horizontal_wrapped(|ui| {
            let note = if hint.note.is_empty() {
                String::new()
            } else {
                format!(": {}", hint.note)
            };
            ui.label(
                RichText::new(format!(
                    "marked {} in {}{note}",
                    title_case(hint.verdict.as_str()),
                    hint.report
                ))
                .color(theme::verdict_strong(hint.verdict)),
            );
            let command = Command::AdoptVerdict {
                verdict: hint.verdict,
                from: hint.provenance(),
            };
            let is_new = verdict != hint.verdict;
            if ui
                .add_enabled(is_new, egui::Button::new(command.label()))
                .on_hover_text(command.tooltip())
                .clicked()
            {
                out.push(command);
            }
        });
    }
    let open = format!("Open {}", found.report);
    if ui.small_button(&open).on_hover_text(&found.path).clicked() {
        out.push(Command::OpenClaim {
            path: found.path.clone().into(),
            start: found.claim.start,
            end: found.claim.end,
        });
    }
}

/// The colour of a difference about `aspect`.
fn aspect_color(aspect: Aspect, is_dark: bool) -> Color32 {
    let (r, g, b) = match aspect {
        Aspect::Figures => (200, 40, 40),
        Aspect::Dates => (200, 110, 0),
        Aspect::Names => (140, 60, 190),
        Aspect::Hedge => (170, 130, 0),
        Aspect::Source => (30, 100, 200),
        Aspect::Chain => (0, 130, 130),
        Aspect::Quote => (190, 40, 140),
    };
    if is_dark {
        Color32::from_rgb(r / 2 + 110, g / 2 + 110, b / 2 + 110)
    } else {
        Color32::from_rgb(r, g, b)
    }
}

/// One difference, coloured by aspect; a quote's wording shown word by word.
fn difference_ui(ui: &mut Ui, difference: &Difference) {
    let is_dark = ui.visuals().dark_mode;
    let color = aspect_color(difference.aspect, is_dark);
    ui.label(RichText::new(format!("differs: {}", difference.summary)).color(color));
    if difference.wording.is_empty() {
        return;
    }
    let font = egui::FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0);
    let plain = ui.visuals().text_color();
    let (removed, added) = if is_dark {
        (
            Color32::from_rgb(255, 120, 110),
            Color32::from_rgb(120, 220, 120),
        )
    } else {
        (
            Color32::from_rgb(190, 20, 20),
            Color32::from_rgb(20, 130, 40),
        )
    };
    let mut job = LayoutJob::default();
    job.append("    ", 0.0, TextFormat::simple(font.clone(), plain));
    let mut previous = WordChangeKind::Same;
    for run in &difference.wording {
        // A replaced word: keep the struck-out and the new word apart.
        let touching = !run.text.starts_with(char::is_whitespace);
        if previous == WordChangeKind::Removed && run.change == WordChangeKind::Added && touching {
            job.append(" ", 0.0, TextFormat::simple(font.clone(), plain));
        }
        previous = run.change;
        let format = match run.change {
            WordChangeKind::Same => TextFormat::simple(font.clone(), plain),
            WordChangeKind::Removed => TextFormat {
                strikethrough: egui::Stroke::new(1.0, removed),
                ..TextFormat::simple(font.clone(), removed)
            },
            WordChangeKind::Added => TextFormat {
                underline: egui::Stroke::new(1.0, added),
                ..TextFormat::simple(font.clone(), added)
            },
        };
        job.append(&run.text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

/// `text` in curly quotes, without the straight quotes a quotation claim already has.
fn quoted(text: &str) -> String {
    let inner = text
        .trim()
        .trim_end_matches(',')
        .trim_matches(['"', '“', '”']);
    let inner = inner.trim_end_matches(',');
    format!("“{inner}”")
}
