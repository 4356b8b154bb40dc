//! Small painted graphs: a claim's chain of attribution (report » relays » origin) as rounded
//! boxes with arrows, and the reports of a claim converging onto their independent origins.

use std::sync::Arc;

use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use crosscheck_engine::library::{Chain, LinkKind, OriginSummary};

/// Padding inside a box.
const PAD: Vec2 = Vec2::new(8.0, 4.0);
/// Room for an arrow between two boxes side by side.
const ARROW_GAP: f32 = 28.0;
/// Room for an arrow between two boxes one above the other.
const ROW_GAP: f32 = 14.0;

/// How a box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoxStyle {
    /// A report (the article or another one).
    Report,
    /// The article being read.
    Here,
    /// A source relaying the claim.
    Relay,
    /// The origin the claim rests on.
    Origin,
}

fn fill(ui: &Ui, style: BoxStyle) -> Color32 {
    let dark = ui.visuals().dark_mode;
    let (light, dark_rgb) = match style {
        BoxStyle::Report => ((236, 238, 242), (52, 56, 64)),
        BoxStyle::Here => ((206, 224, 255), (34, 62, 110)),
        BoxStyle::Relay => ((255, 244, 214), (84, 70, 34)),
        BoxStyle::Origin => ((214, 240, 220), (30, 80, 48)),
    };
    let (r, g, b) = if dark { dark_rgb } else { light };
    Color32::from_rgb(r, g, b)
}

fn line_color(ui: &Ui) -> Color32 {
    ui.visuals().widgets.inactive.fg_stroke.color
}

fn galley(ui: &Ui, text: &str, max_width: f32) -> Arc<Galley> {
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 2.0);
    ui.painter().layout(
        text.to_owned(),
        font,
        ui.visuals().text_color(),
        max_width.max(40.0),
    )
}

fn box_size(galley: &Galley) -> Vec2 {
    galley.size() + PAD * 2.0
}

fn paint_box(ui: &Ui, rect: Rect, galley: Arc<Galley>, style: BoxStyle) {
    let painter = ui.painter();
    let stroke_color = if style == BoxStyle::Here {
        ui.visuals().selection.stroke.color
    } else {
        line_color(ui)
    };
    painter.rect(
        rect,
        6.0,
        fill(ui, style),
        Stroke::new(1.0, stroke_color),
        egui::StrokeKind::Inside,
    );
    let color = ui.visuals().text_color();
    painter.galley(rect.min + PAD, galley, color);
}

/// A line from `from` to `to` with a small head of fixed size at `to`.
fn arrow(ui: &Ui, from: Pos2, to: Pos2) {
    let stroke = Stroke::new(1.5, line_color(ui));
    let painter = ui.painter();
    painter.line_segment([from, to], stroke);
    let direction = (to - from).normalized();
    let back = -direction * 7.0;
    let (sin, cos) = 0.45_f32.sin_cos();
    let rotate = |v: Vec2, sin: f32| Vec2::new(v.x * cos - v.y * sin, v.x * sin + v.y * cos);
    painter.line_segment([to, to + rotate(back, sin)], stroke);
    painter.line_segment([to, to + rotate(back, -sin)], stroke);
}

/// Draws `chain` (report first, origin last) as boxes joined by arrows: in one row if it fits,
/// else one box under the other.
pub fn chain_graph_ui(ui: &mut Ui, chain: &Chain, is_here: bool) {
    let width = ui.available_width();
    let last = chain.links.len().saturating_sub(1);
    let styled: Vec<(String, BoxStyle)> = chain
        .links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let style = match (i, link.kind) {
                (0, _) if is_here => BoxStyle::Here,
                (_, LinkKind::Report) => BoxStyle::Report,
                (i, _) if i == last && chain.sourced => BoxStyle::Origin,
                _ => BoxStyle::Relay,
            };
            (link.name.clone(), style)
        })
        .collect();
    let one_row: Vec<Arc<Galley>> = styled
        .iter()
        .map(|(name, _)| galley(ui, name, width * 0.4))
        .collect();
    let row_width: f32 =
        one_row.iter().map(|g| box_size(g).x).sum::<f32>() + ARROW_GAP * last as f32;
    let description = chain.describe();
    if row_width <= width {
        let height = one_row.iter().map(|g| box_size(g).y).fold(0.0, f32::max);
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
        let mut x = rect.left();
        let mut previous: Option<Rect> = None;
        for (g, (_, style)) in one_row.into_iter().zip(&styled) {
            let size = box_size(&g);
            let r = Rect::from_min_size(Pos2::new(x, rect.center().y - size.y / 2.0), size);
            if let Some(p) = previous {
                arrow(ui, p.right_center(), r.left_center() - Vec2::new(2.0, 0.0));
            }
            paint_box(ui, r, g, *style);
            previous = Some(r);
            x = r.right() + ARROW_GAP;
        }
    } else {
        let galleys: Vec<Arc<Galley>> = styled
            .iter()
            .map(|(name, _)| galley(ui, name, width - PAD.x * 2.0 - 12.0))
            .collect();
        let height = galleys.iter().map(|g| box_size(g).y).sum::<f32>() + ROW_GAP * last as f32;
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
        let mut y = rect.top();
        let mut previous: Option<Rect> = None;
        for (i, (g, (_, style))) in galleys.into_iter().zip(&styled).enumerate() {
            let size = box_size(&g);
            let r = Rect::from_min_size(Pos2::new(rect.left() + 12.0 * i.min(1) as f32, y), size);
            if let Some(p) = previous {
                let x = rect.left() + 20.0;
                arrow(ui, Pos2::new(x, p.bottom()), Pos2::new(x, r.top() - 1.0));
            }
            paint_box(ui, r, g, *style);
            previous = Some(r);
            y = r.bottom() + ROW_GAP;
        }
    }
}

/// Draws each report (left) with an arrow to the independent origin it traces to (right), so
/// reports relaying one origin visibly converge. `here` names the article being read.
pub fn origins_graph_ui(ui: &mut Ui, origins: &[OriginSummary], here: &str) {
    // A claim carried by a hundred reports would make a graph taller than the panel: draw the
    // first origins and reports, and say how many more there are.
    let shown: Vec<OriginSummary> = origins
        .iter()
        .take(MAX_GRAPH_ORIGINS)
        .map(|o| {
            let mut reports: Vec<String> =
                o.reports.iter().take(MAX_GRAPH_REPORTS).cloned().collect();
            if o.reports.len() > MAX_GRAPH_REPORTS {
                reports.push(format!("+ {} more", o.reports.len() - MAX_GRAPH_REPORTS));
            }
            OriginSummary {
                reports,
                ..o.clone()
            }
        })
        .collect();
    draw_origins(ui, &shown, here);
    if origins.len() > MAX_GRAPH_ORIGINS {
        ui.weak(format!(
            "+ {} more independent origins",
            origins.len() - MAX_GRAPH_ORIGINS
        ));
    }
}

/// Most origins the origins graph draws.
const MAX_GRAPH_ORIGINS: usize = 8;

/// Most reports drawn per origin.
const MAX_GRAPH_REPORTS: usize = 6;

fn draw_origins(ui: &mut Ui, origins: &[OriginSummary], here: &str) {
    let width = ui.available_width();
    let column = ((width - 60.0) / 2.0).max(80.0);
    let text_width = column - PAD.x * 2.0;
    let gap = 6.0;
    // Reports grouped by origin, in order, so the arrows never cross.
    let mut reports: Vec<(Arc<Galley>, BoxStyle, usize)> = Vec::new();
    for (o, origin) in origins.iter().enumerate() {
        for report in &origin.reports {
            let style = if report == here {
                BoxStyle::Here
            } else {
                BoxStyle::Report
            };
            reports.push((galley(ui, report, text_width), style, o));
        }
    }
    let origin_galleys: Vec<(Arc<Galley>, BoxStyle)> = origins
        .iter()
        .map(|o| {
            let text = if o.sourced {
                o.origin.clone()
            } else {
                format!("{} (unsourced)", o.origin)
            };
            let style = if o.sourced {
                BoxStyle::Origin
            } else {
                BoxStyle::Relay
            };
            (galley(ui, &text, text_width), style)
        })
        .collect();
    let left_height: f32 = reports.iter().map(|(g, ..)| box_size(g).y + gap).sum();
    let right_height: f32 = origin_galleys
        .iter()
        .map(|(g, _)| box_size(g).y + gap)
        .sum();
    let height = left_height.max(right_height);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
    let description = origins
        .iter()
        .map(|o| format!("{} « {}", o.origin, o.reports.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
    let left_top = rect.top() + (height - left_height) / 2.0;
    let mut y = left_top;
    let mut report_rects: Vec<(Rect, usize)> = Vec::new();
    for (g, style, o) in reports {
        let r = Rect::from_min_size(Pos2::new(rect.left(), y), box_size(&g));
        y = r.bottom() + gap;
        paint_box(ui, r, g, style);
        report_rects.push((r, o));
    }
    // Each origin centred on its reports, pushed down if it would overlap the one above.
    let right_x = rect.right() - column;
    let mut floor = rect.top();
    for (o, (g, style)) in origin_galleys.into_iter().enumerate() {
        let members: Vec<Rect> = report_rects
            .iter()
            .filter(|(_, m)| *m == o)
            .map(|(r, _)| *r)
            .collect();
        let size = box_size(&g);
        let centre =
            members.iter().map(|r| r.center().y).sum::<f32>() / members.len().max(1) as f32;
        let top = (centre - size.y / 2.0).max(floor);
        let r = Rect::from_min_size(Pos2::new(right_x, top), size);
        floor = r.bottom() + gap;
        for member in members {
            arrow(
                ui,
                member.right_center(),
                r.left_center() - Vec2::new(2.0, 0.0),
            );
        }
        paint_box(ui, r, g, style);
    }
}
