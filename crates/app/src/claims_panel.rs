//! The side panel: a Claims tab (filters, search, the list in reading order, orphaned notes),
//! a Sources tab, a Compare tab and a Library tab. Only the rows in view are laid out.

use egui::{Color32, FontId, Rect, Sense, Ui, Vec2};

use crosscheck_engine::extract::Attribution;

use crosscheck_engine::review::{ReviewedClaim, attribution_label};

use super::command::Command;
use super::library::Library;
use super::notes::Verdict;
use super::session::{Article, Filter, KindFilter, PanelTab, Session, View};
use super::widgets::{counted, shorten};
use super::{compare_view, library_view, sources_view, theme};

/// Id of the search field, for focusing it with `/`.
pub fn search_id() -> egui::Id {
    egui::Id::unique("claims-search")
}

/// Shows the tabs and the active tab; returns what the person asked for.
#[must_use]
pub fn side_panel_ui(
    ui: &mut Ui,
    session: &mut Session,
    library: Option<&mut Library>,
    tab: &mut PanelTab,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Session {
        article,
        view,
        drafts,
        ..
    } = session;
    ui.horizontal(|ui| {
        ui.selectable_value(
            tab,
            PanelTab::Claims,
            format!("Claims ({})", article.placed_count()),
        );
        ui.selectable_value(
            tab,
            PanelTab::Sources,
            format!("Sources ({})", article.extraction.sources.len()),
        );
        ui.selectable_value(tab, PanelTab::Compare, "Compare")
            .on_hover_text("The selected claim in the other reports of the library");
        let articles = library
            .as_ref()
            .and_then(|l| l.index())
            .map_or(0, |i| i.articles().len());
        ui.selectable_value(tab, PanelTab::Library, format!("Library ({articles})"))
            .on_hover_text("The library's folders and a search over its claims");
    });
    ui.separator();
    match tab {
        PanelTab::Claims => commands.extend(claims_ui(ui, article, view)),
        PanelTab::Sources => {
            let state = match library.as_ref() {
                None => sources_view::LibraryState::Missing,
                Some(l) if l.records().is_none() || l.is_busy() => {
                    sources_view::LibraryState::Reading
                }
                Some(_) => sources_view::LibraryState::Ready,
            };
            commands.extend(sources_view::sources_ui(ui, article, view, drafts, state));
        }
        PanelTab::Compare => {
            let is_reading = library.as_ref().is_some_and(|l| l.is_busy());
            commands.extend(compare_view::compare_ui(
                ui,
                article,
                view.selection,
                is_reading,
            ));
        }
        PanelTab::Library => match library {
            Some(library) => commands.extend(library_view::library_ui(ui, library)),
            None => {
                ui.label("The library is unavailable: the notes store could not be opened.");
            }
        },
    }
    commands
}

/// Filters, search, list and orphaned notes.
fn claims_ui(ui: &mut Ui, article: &Article, view: &mut View) -> Vec<Command> {
    let mut commands = Vec::new();
    filters_ui(ui, article, view, &mut commands);
    let count = view.filtered(article).len();
    ui.label(
        egui::RichText::new(format!(
            "{count} of {}",
            counted(article.placed_count(), "claim")
        ))
        .small()
        .weak(),
    );
    let orphan_count = article.orphans().count();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + theme::ROW_PADDING * 2.0;
    let reserved = if orphan_count > 0 {
        theme::ORPHANS_HEIGHT + 20.0
    } else {
        0.0
    };
    let list_height = (ui.available_height() - reserved).max(80.0);
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt(("claims-list", &article.document.sha256))
        .auto_shrink([false, false])
        .max_height(list_height);
    if view.scroll_list_to_selection {
        view.scroll_list_to_selection = false;
        if let Some(selected) = view.selection
            && let Some(position) = view.filtered(article).iter().position(|i| *i == selected)
        {
            let spacing = ui.spacing().item_spacing.y;
            let target = position as f32 * (row_height + spacing) - list_height / 3.0;
            scroll = scroll.vertical_scroll_offset(target.max(0.0));
        }
    }
    let filtered: Vec<usize> = view.filtered(article).to_vec();
    let selected = view.selection;
    scroll.show_rows(ui, row_height, filtered.len(), |ui, range| {
        for position in range {
            let Some(&index) = filtered.get(position) else {
                continue;
            };
            if claim_row_ui(ui, article, index, selected == Some(index), row_height) {
                commands.push(Command::SelectClaim(Some(index)));
            }
        }
    });
    if orphan_count > 0 {
        ui.separator();
        ui.label(
            egui::RichText::new(format!("Orphaned notes ({orphan_count})"))
                .strong()
                .color(theme::error_color(ui.visuals().dark_mode)),
        )
        .on_hover_text("Notes whose claim is no longer found in the text");
        egui::ScrollArea::vertical()
            .id_salt(("orphans", &article.document.sha256))
            .max_height(theme::ORPHANS_HEIGHT)
            .show(ui, |ui| {
                for (index, orphan) in article.orphans() {
                    let review = if orphan.needs_review().is_some() {
                        " · needs review"
                    } else {
                        ""
                    };
                    let text = format!(
                        "[{}{review}] {}",
                        orphan.verdict().as_str(),
                        shorten(&orphan.text, 80)
                    );
                    if ui.selectable_label(selected == Some(index), text).clicked() {
                        commands.push(Command::SelectClaim(Some(index)));
                    }
                }
            });
    }
    commands
}

/// The verdict, kind and source filters and the search field.
fn filters_ui(ui: &mut Ui, article: &Article, view: &mut View, commands: &mut Vec<Command>) {
    let search = ui.add(
        egui::TextEdit::singleline(&mut view.filter.search)
            .id(search_id())
            .hint_text("Search claims  ( / )")
            .desired_width(f32::INFINITY),
    );
    let search = search.on_hover_text("Search the claims by text, source or cue");
    search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search claims"));
    if view.focus_search {
        view.focus_search = false;
        search.request_focus();
    }
    ui.horizontal_wrapped(|ui| {
        let verdict_text = view.filter.verdict.map_or("any verdict", Verdict::as_str);
        egui::ComboBox::new("filter-verdict", "")
            .selected_text(verdict_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.verdict, None, "any verdict");
                for verdict in Verdict::ALL {
                    ui.selectable_value(
                        &mut view.filter.verdict,
                        Some(verdict),
                        format!("only {}", verdict.as_str()),
                    );
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by verdict")
            });

        let kind_text = match view.filter.kind {
            None => "any kind",
            Some(KindFilter::Manual) => "marked by hand",
            Some(KindFilter::Extracted(kind)) => attribution_label(kind),
        };
        egui::ComboBox::new("filter-kind", "")
            .selected_text(kind_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.kind, None, "any kind");
                for kind in Attribution::ALL {
                    ui.selectable_value(
                        &mut view.filter.kind,
                        Some(KindFilter::Extracted(kind)),
                        attribution_label(kind),
                    );
                }
                ui.selectable_value(
                    &mut view.filter.kind,
                    Some(KindFilter::Manual),
                    "marked by hand",
                );
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by kind")
            });

        let source_text = view
            .filter
            .source_id
            .as_deref()
            .and_then(|id| article.source(id))
            .map_or("any source".to_owned(), |s| shorten(&s.name, 24));
        let mut picked: Option<Option<String>> = None;
        egui::ComboBox::new("filter-source", "")
            .selected_text(source_text)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(view.filter.source_id.is_none(), "any source")
                    .clicked()
                {
                    picked = Some(None);
                }
                for source in &article.extraction.sources {
                    let is_on = view.filter.source_id.as_deref() == Some(source.id.as_str());
                    if ui.selectable_label(is_on, &source.name).clicked() {
                        picked = Some(Some(source.id.clone()));
                    }
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by source")
            });
        if let Some(source) = picked {
            commands.push(Command::FilterSource(source));
        }
        let is_filtered = view.filter != Filter::default();
        if ui
            .add_enabled(is_filtered, egui::Button::new("Clear"))
            .on_hover_text("Clear all filters")
            .clicked()
        {
            view.filter = Filter::default();
        }
    });
}

/// One row of the list; returns whether it was clicked.
fn claim_row_ui(
    ui: &mut Ui,
    article: &Article,
    index: usize,
    is_selected: bool,
    row_height: f32,
) -> bool {
    let Some(row) = article.claim(index) else {
        return false;
    };
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, row_height), Sense::click());
    let badge = badge_of(article, row);
    let page = row.page.map(|p| format!(", p. {p}")).unwrap_or_default();
    let mut label = match &badge {
        Some((text, _)) => format!("Claim {}{page}: {} ({text})", index + 1, row.text),
        None => format!("Claim {}{page}: {}", index + 1, row.text),
    };
    if row.needs_review().is_some() {
        label.push_str(" (needs review)");
    }
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &label));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let painter = ui.painter();
        let fill = if is_selected {
            visuals.selection.bg_fill
        } else if response.hovered() {
            visuals.widgets.hovered.weak_bg_fill
        } else {
            Color32::TRANSPARENT
        };
        painter.rect_filled(rect, theme::CORNER_RADIUS, fill);
        let verdict = row.verdict();
        let stripe = Rect::from_min_size(rect.min, Vec2::new(theme::STRIPE_WIDTH, rect.height()));
        painter.rect_filled(
            stripe,
            theme::CORNER_RADIUS / 2.0,
            theme::verdict_strong(verdict),
        );

        let text_color = if is_selected {
            visuals.selection.stroke.color
        } else {
            visuals.text_color()
        };
        let body = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0);
        let small = FontId::proportional(body.size * 0.85);
        let left = rect.left() + theme::STRIPE_WIDTH + theme::ROW_PADDING;
        let max_width = rect.width() - theme::STRIPE_WIDTH - 2.0 * theme::ROW_PADDING;
        // Cut in reading order to about what fits, then put in display order.
        let fits = (max_width / (body.size * 0.4)).max(8.0) as usize;
        let shown = shorten(&row.text.replace('\n', " "), fits);
        let mut job = egui::text::LayoutJob::single_section(
            super::bidi::display_line(&shown).into_owned(),
            egui::TextFormat::simple(body, text_color),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(max_width);
        let galley = painter.layout_job(job);
        painter.galley(
            egui::pos2(left, rect.top() + theme::ROW_PADDING),
            galley,
            text_color,
        );

        let source = row.source_name().unwrap_or("no source");
        // Where a PDF claim is: its printed page first.
        let page = row.page.map(|p| format!("p. {p} · ")).unwrap_or_default();
        let mut meta = format!(
            "{page}{source} · {} · {}",
            row.kind_label(),
            verdict.as_str()
        );
        for hedge in &row.hedges {
            meta.push_str(&format!("  [{hedge}]"));
        }
        if !row.note_text().is_empty() {
            meta.push_str("  · note");
        }
        if row.needs_review().is_some() {
            meta.push_str("  · needs review");
        }
        // A badge at the right: how many other reports carry the claim, and a verdict made
        // on it in one of them, in that verdict's colour.
        let mut meta_width = max_width;
        if let Some((text, judged_elsewhere)) = badge {
            let badge_color = judged_elsewhere.map_or(text_color, theme::verdict_strong);
            let badge = painter.layout_no_wrap(text, small.clone(), badge_color);
            let size = badge.size() + Vec2::new(10.0, 2.0);
            let badge_rect = Rect::from_min_size(
                egui::pos2(rect.right() - size.x - 4.0, rect.center().y + 1.0),
                size,
            );
            painter.rect_filled(
                badge_rect,
                theme::BADGE_RADIUS,
                visuals.widgets.inactive.weak_bg_fill,
            );
            painter.galley(badge_rect.min + Vec2::new(5.0, 1.0), badge, badge_color);
            meta_width = (max_width - size.x - 8.0).max(40.0);
        }
        let mut job = egui::text::LayoutJob::single_section(
            meta,
            egui::TextFormat::simple(small, visuals.weak_text_color()),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(meta_width);
        let galley = painter.layout_job(job);
        painter.galley(
            egui::pos2(left, rect.center().y + 2.0),
            galley,
            visuals.weak_text_color(),
        );
    }
    if response.hovered() {
        response
            .clone()
            .on_hover_ui(|ui| super::article_view::claim_tooltip_ui(ui, row));
    }
    response.clicked()
}

/// The badge of a claim row: "3 reports" (other reports carrying the claim), with the first
/// verdict made on it in one of them ("3 reports · disputed there"); `None` when no other
/// report carries it.
fn badge_of(article: &Article, row: &ReviewedClaim) -> Option<(String, Option<Verdict>)> {
    let comparison = article.comparison_of(row)?;
    let reports = comparison.matches.len();
    if reports == 0 {
        return None;
    }
    let more = if comparison.more { "+" } else { "" };
    let judged = comparison
        .matches
        .iter()
        .flat_map(|m| &m.verdicts)
        .map(|hint| hint.verdict)
        .next();
    let mut text = format!("{reports}{more} report{}", super::widgets::plural(reports));
    if let Some(verdict) = judged {
        text.push_str(&format!(" · {verdict} there"));
    }
    Some((text, judged))
}
