//! The article: title, outlet, byline and date, then the text with its claims highlighted by
//! verdict. Only the blocks in view are laid out and painted. Each block's layout job (its text
//! cut into highlighted runs) is kept until its highlighting, the font size, the theme or the
//! column width changes; its galley comes from egui's galley cache, which lays it out again
//! only when the job changes or the font atlas was rebuilt (a galley kept across an atlas
//! rebuild would paint invisible glyphs).

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use crosscheck_engine::document::{BlockKind, Document};

use super::command::Command;
use crosscheck_engine::review::ReviewedClaim;

use super::bidi::{self, BidiMap};
use super::session::{Article, TextSelection, View};
use super::theme;
use super::widgets::{chain_line, source_label};

/// Vertical space between blocks, in font sizes.
const BLOCK_GAP_EMS: f32 = 0.9;

/// Indent of block quotes and list items, in font sizes.
const INDENT_EMS: f32 = 1.6;

/// What a layout depends on besides the highlighting.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    width: f32,
    font_size: f32,
    is_dark: bool,
    pixels_per_point: f32,
}

/// A block's layout job, if built, and its height (estimated until laid out).
#[derive(Debug, Clone)]
struct CachedBlock {
    job: Option<LayoutJob>,
    /// Where the chars of a block with right-to-left text went in the job's display order.
    bidi: Option<Arc<BidiMap>>,
    height: f32,
}

/// A block painted in the last frame: its galley, where it sits and how its chars map to it.
#[derive(Debug, Clone)]
struct PaintedBlock {
    index: usize,
    rect: Rect,
    galley: Arc<Galley>,
    bidi: Option<Arc<BidiMap>>,
}

impl PaintedBlock {
    /// Where the galley is painted: its left edge, or its right edge when aligned right.
    fn origin(&self) -> Pos2 {
        if self.galley.job.halign == egui::Align::RIGHT {
            Pos2::new(self.rect.right(), self.rect.top())
        } else {
            self.rect.min
        }
    }

    /// The char (from the block's start) under `pos`, a screen position.
    fn char_at(&self, pos: Pos2) -> usize {
        let cursor = self.galley.cursor_from_pos(pos - self.origin()).index.0;
        match &self.bidi {
            Some(map) => map.logical(cursor),
            None => cursor,
        }
    }

    /// Where char `offset` (from the block's start) is drawn, in screen coordinates.
    fn char_rect(&self, offset: usize) -> Rect {
        let cursor = match &self.bidi {
            Some(map) => map.display(offset),
            None => offset,
        };
        let local = self
            .galley
            .pos_from_cursor(egui::text::CCursor::new(cursor));
        local.translate(self.origin().to_vec2())
    }
}

/// Galleys and heights of an article's blocks, and the y offset of each.
#[derive(Debug, Clone)]
pub struct ArticleCache {
    key: Option<LayoutKey>,
    blocks: Vec<CachedBlock>,
    /// Top of each block in the column, from the top of the scroll content.
    tops: Vec<f32>,
    header_height: f32,
    total_height: f32,
    is_tops_dirty: bool,
    /// Chars per block, for height estimates.
    block_chars: Vec<usize>,
    /// Scroll offset (top of the viewport in the content) last frame.
    viewport_top: f32,
    /// Blocks laid out in the last frame (for tests and the bench).
    pub laid_out_last_frame: usize,
    /// Blocks painted in the last frame.
    visible: Vec<PaintedBlock>,
    /// The span of the selected claim if it was painted, highlighted, in the last frame.
    pub painted_selection: Option<(usize, usize)>,
}

impl ArticleCache {
    /// An empty cache for `document`.
    pub fn new(document: &Document) -> Self {
        let block_chars = document
            .blocks
            .iter()
            .map(|b| b.end.saturating_sub(b.start))
            .collect();
        Self {
            key: None,
            blocks: vec![
                CachedBlock {
                    job: None,
                    bidi: None,
                    height: 0.0,
                };
                document.blocks.len()
            ],
            tops: vec![0.0; document.blocks.len()],
            header_height: 0.0,
            total_height: 0.0,
            is_tops_dirty: true,
            block_chars,
            viewport_top: 0.0,
            laid_out_last_frame: 0,
            visible: Vec::new(),
            painted_selection: None,
        }
    }

    /// Forgets every layout (highlighting changed everywhere); heights are kept as estimates.
    pub fn invalidate_all(&mut self) {
        for block in &mut self.blocks {
            block.job = None;
            block.bidi = None;
        }
    }

    /// Forgets the layouts of blocks `first..=last`.
    pub fn invalidate_blocks(&mut self, first: usize, last: usize) {
        for block in self.blocks.iter_mut().take(last + 1).skip(first) {
            block.job = None;
            block.bidi = None;
        }
    }

    fn set_key(&mut self, key: LayoutKey) {
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let line_height = key.font_size * 1.45;
        let chars_per_line = (key.width / (key.font_size * 0.5)).max(10.0);
        for (block, chars) in self.blocks.iter_mut().zip(&self.block_chars) {
            block.job = None;
            block.bidi = None;
            let lines = (*chars as f32 / chars_per_line).ceil().max(1.0);
            block.height = lines * line_height;
        }
        self.is_tops_dirty = true;
    }

    fn recompute_tops(&mut self, font_size: f32, first_is_title: bool) {
        let gap = font_size * BLOCK_GAP_EMS;
        let mut y = 0.0;
        if !first_is_title {
            y += self.header_height;
        }
        for (i, block) in self.blocks.iter().enumerate() {
            if let Some(top) = self.tops.get_mut(i) {
                *top = y;
            }
            y += block.height + gap;
            if i == 0 && first_is_title {
                y += self.header_height;
            }
        }
        self.total_height = y;
        self.is_tops_dirty = false;
    }

    /// Where char `offset` was painted on screen in the last frame (the middle of its line),
    /// if its block was in view.
    pub fn screen_pos_of_char(&self, document: &Document, offset: usize) -> Option<Pos2> {
        let painted = self.visible.iter().find(|p| {
            document
                .blocks
                .get(p.index)
                .is_some_and(|b| b.start <= offset && offset < b.end)
        })?;
        let start = document.blocks.get(painted.index)?.start;
        Some(painted.char_rect(offset - start).left_center() + Vec2::new(1.0, 0.0))
    }

    /// How far the widest block painted in the last frame went past its column, in points
    /// (0 when every line fits).
    pub fn overflow(&self) -> f32 {
        self.visible
            .iter()
            .map(|p| p.galley.rect.width() - p.rect.width())
            .fold(0.0, f32::max)
    }

    /// Whether block `i` was painted in the last frame aligned right (it reads from the right).
    pub fn is_aligned_right(&self, i: usize) -> bool {
        self.visible
            .iter()
            .any(|p| p.index == i && p.galley.job.halign == egui::Align::RIGHT)
    }

    /// Number of blocks painted in the last frame.
    pub fn visible_blocks(&self) -> usize {
        self.visible.len()
    }

    /// Top of block `i` in the column, if it exists.
    fn top(&self, i: usize) -> Option<f32> {
        self.tops.get(i).copied()
    }
}

/// Display settings of the article view.
#[derive(Debug, Clone, Copy)]
pub struct ArticleStyle {
    /// Article font size in points.
    pub font_size: f32,
    /// Whether the dark theme is on.
    pub is_dark: bool,
}

/// Shows the article; returns what the person asked for.
#[must_use]
pub fn article_ui(
    ui: &mut Ui,
    article: &Article,
    view: &mut View,
    style: ArticleStyle,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let available = ui.available_width();
    let column_width = (style.font_size * theme::MEASURE_EMS)
        .min(available - 32.0)
        .max(120.0);
    let side_margin = ((available - column_width) / 2.0).max(8.0);
    let first_is_title = article
        .document
        .blocks
        .first()
        .is_some_and(|b| b.kind == BlockKind::Heading);

    let header = header_galley(ui, &article.document, style, column_width, first_is_title);
    let header_height = header.size().y + style.font_size * 1.2;
    view.cache.set_key(LayoutKey {
        width: column_width,
        font_size: style.font_size,
        is_dark: ui.visuals().dark_mode,
        pixels_per_point: ui.ctx().pixels_per_point(),
    });
    if (view.cache.header_height - header_height).abs() > 0.5 {
        view.cache.header_height = header_height;
        view.cache.is_tops_dirty = true;
    }
    if view.cache.is_tops_dirty {
        view.cache.recompute_tops(style.font_size, first_is_title);
    }

    let mut scroll_area = egui::ScrollArea::vertical()
        .id_salt(("article", &article.document.sha256))
        .auto_shrink(false);
    // Wait for a real viewport (a window's first frames can be tiny) before deciding.
    if view.scroll_to_selection && ui.available_height() > style.font_size * 8.0 {
        view.scroll_to_selection = false;
        if let Some(y) = selection_y(ui, article, view, style, column_width) {
            // Scroll only if the claim's first line is not comfortably in view.
            // The scroll area fills what is left of this panel.
            let (top, height) = (view.cache.viewport_top, ui.available_height());
            let margin = style.font_size * 3.0;
            let is_in_view = top + margin <= y && y <= top + height - margin;
            if !is_in_view {
                let offset = (y - height / 3.0).max(0.0);
                view.cache.viewport_top = offset;
                scroll_area = scroll_area.vertical_scroll_offset(offset);
            }
        }
    }

    scroll_area.show_viewport(ui, |ui, viewport| {
        view.cache.viewport_top = viewport.min.y;
        let top_pad = style.font_size;
        ui.set_height(view.cache.total_height + top_pad * 2.0);
        ui.set_width(available);
        let origin = ui.min_rect().min + Vec2::new(side_margin, top_pad);
        let text_color = ui.visuals().text_color();

        // The header (title when the text has none, outlet, byline, date).
        let header_top = if first_is_title {
            view.cache.top(0).unwrap_or(0.0)
                + view.cache.blocks.first().map_or(0.0, |b| b.height)
                + style.font_size * 0.3
        } else {
            0.0
        };
        let header_rect = Rect::from_min_size(
            origin + Vec2::new(0.0, header_top),
            Vec2::new(column_width, header.size().y),
        );
        if ui.is_rect_visible(header_rect) {
            ui.painter()
                .galley(header_rect.min, header.clone(), text_color);
        }

        let first_visible = view
            .cache
            .tops
            .partition_point(|top| top_pad + top < viewport.min.y)
            .saturating_sub(1);
        let mut visible: Vec<PaintedBlock> = Vec::new();
        let mut laid_out = 0;
        let mut heights_changed = false;
        let view_min = ui.min_rect().min.y + viewport.min.y;
        let view_max = ui.min_rect().min.y + viewport.max.y;
        for i in first_visible..article.document.blocks.len() {
            let Some(top) = view.cache.top(i) else {
                break;
            };
            let y = origin.y + top;
            if y > view_max {
                break;
            }
            let estimated = view.cache.blocks.get(i).map_or(0.0, |b| b.height);
            if y + estimated < view_min {
                continue;
            }
            let (galley, indent, bidi) =
                block_galley(ui, article, view, i, style, column_width, &mut laid_out);
            if let Some(cached) = view.cache.blocks.get_mut(i)
                && (cached.height - galley.size().y).abs() > 0.5
            {
                cached.height = galley.size().y;
                heights_changed = true;
            }
            let rect = Rect::from_min_size(
                Pos2::new(origin.x + indent, y),
                Vec2::new(column_width - indent, galley.size().y),
            );
            visible.push(PaintedBlock {
                index: i,
                rect,
                galley,
                bidi,
            });
        }
        view.cache.laid_out_last_frame = laid_out;
        if heights_changed {
            view.cache.is_tops_dirty = true;
            ui.ctx().request_repaint();
        }

        let selected = view
            .selection
            .and_then(|i| article.claim(i))
            .map(|r| (r.start, r.end));
        view.cache.painted_selection = None;
        for painted in &visible {
            paint_block(ui, article, painted, style);
            block_interaction_ui(ui, article, view, painted, &mut commands);
            if let Some((start, end)) = selected
                && let Some(block) = article.document.blocks.get(painted.index)
                && block.start <= start
                && start < block.end
                && ui.is_rect_visible(painted.rect)
            {
                view.cache.painted_selection = Some((start, end));
            }
        }
        track_text_drag(ui, article, view, &visible);
        view.cache.visible = visible;
    });
    commands
}

/// The galley of the metadata header.
fn header_galley(
    ui: &Ui,
    document: &Document,
    style: ArticleStyle,
    width: f32,
    first_is_title: bool,
) -> Arc<Galley> {
    let weak = ui.visuals().weak_text_color();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    if !first_is_title && let Some(title) = &document.title {
        job.append(
            title,
            0.0,
            TextFormat::simple(
                FontId::proportional(style.font_size * 1.6),
                theme::heading_text(ui.visuals().dark_mode),
            ),
        );
        job.append("\n", 0.0, TextFormat::default());
    }
    let published = document
        .published
        .as_deref()
        .map(crosscheck_engine::document::display_date_local);
    let meta: Vec<&str> = [
        document.outlet.as_deref(),
        document.byline.as_deref().map(|b| b.trim()),
        published.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    let meta = if meta.is_empty() {
        "No outlet, byline or date found".to_owned()
    } else {
        meta.join("  ·  ")
    };
    job.append(
        &meta,
        0.0,
        TextFormat::simple(FontId::proportional(style.font_size * 0.82), weak),
    );
    ui.painter().layout_job(job)
}

/// The galley of block `i` (from its cached layout job), its indent, and the map of its chars
/// when its right-to-left text was put in display order.
fn block_galley(
    ui: &Ui,
    article: &Article,
    view: &mut View,
    i: usize,
    style: ArticleStyle,
    column_width: f32,
    laid_out: &mut usize,
) -> (Arc<Galley>, f32, Option<Arc<BidiMap>>) {
    let kind = article
        .document
        .blocks
        .get(i)
        .map_or(BlockKind::Paragraph, |b| b.kind);
    let indent = match kind {
        BlockKind::BlockQuote | BlockKind::ListItem => style.font_size * INDENT_EMS,
        _ => 0.0,
    };
    if let Some(cached) = view.cache.blocks.get(i)
        && let Some(job) = cached.job.clone()
    {
        return (ui.painter().layout_job(job), indent, cached.bidi.clone());
    }
    *laid_out += 1;
    let job = block_job(ui, article, view, i, style, column_width - indent);
    let (job, galley, map) = if bidi::has_rtl(&job.text) {
        // Lay it out in logical order to find the line breaks, then each line in display order.
        let logical = ui.painter().layout_job(job.clone());
        let display = bidi::display_job(&job, &logical);
        let galley = ui.painter().layout_job(display.job.clone());
        let map = bidi::BidiMap::new(&galley, &display, job.text.chars().count());
        (display.job, galley, Some(Arc::new(map)))
    } else {
        (job.clone(), ui.painter().layout_job(job), None)
    };
    if let Some(cached) = view.cache.blocks.get_mut(i) {
        cached.job = Some(job);
        cached.bidi = map.clone();
    }
    (galley, indent, map)
}

/// The layout job of block `i`: its text cut into runs by claim and selection boundaries.
fn block_job(
    ui: &Ui,
    article: &Article,
    view: &View,
    i: usize,
    style: ArticleStyle,
    width: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let Some(block) = article.document.blocks.get(i) else {
        return job;
    };
    let is_dark = ui.visuals().dark_mode;
    let (strong, body) = (theme::heading_text(is_dark), theme::body_text(is_dark));
    let (font, color, italics) = match block.kind {
        BlockKind::Heading if i == 0 => {
            (FontId::proportional(style.font_size * 1.7), strong, false)
        }
        BlockKind::Heading => (FontId::proportional(style.font_size * 1.3), strong, false),
        BlockKind::BlockQuote => (FontId::proportional(style.font_size), body, true),
        _ => (FontId::proportional(style.font_size), body, false),
    };
    let base = TextFormat {
        font_id: font.clone(),
        color,
        italics,
        line_height: Some(font.size * 1.45),
        ..Default::default()
    };
    let rows: Vec<&ReviewedClaim> = article
        .block_claims
        .get(i)
        .map(|list| list.iter().filter_map(|r| article.claims.get(*r)).collect())
        .unwrap_or_default();
    let selected = view
        .selection
        .and_then(|i| article.claim(i))
        .map(|r| (r.start, r.end));
    let text_selection = view
        .text_selection
        .filter(|s| !s.is_empty())
        .map(|s| s.range());

    let mut cuts = vec![block.start, block.end];
    for row in &rows {
        cuts.push(row.start.clamp(block.start, block.end));
        cuts.push(row.end.clamp(block.start, block.end));
    }
    if let Some((start, end)) = text_selection {
        cuts.push(start.clamp(block.start, block.end));
        cuts.push(end.clamp(block.start, block.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let text = article.block_text(i);
    // Byte offset in `text` of each char of the block, and of its end.
    let char_bytes: Vec<usize> = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte_of = |offset: usize| char_bytes.get(offset - block.start).copied();
    for pair in cuts.windows(2) {
        let (Some(&a), Some(&b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let (Some(byte_a), Some(byte_b)) = (byte_of(a), byte_of(b)) else {
            continue;
        };
        let Some(run) = text.get(byte_a..byte_b) else {
            continue;
        };
        let mut format = base.clone();
        let covering = rows
            .iter()
            .filter(|r| r.start <= a && b <= r.end)
            .min_by_key(|r| r.end - r.start);
        if let Some(row) = covering {
            format.background = theme::verdict_fill(row.verdict(), style.is_dark);
            if Some((row.start, row.end)) == selected {
                format.underline = theme::selected_stroke(style.is_dark);
            }
        }
        if text_selection.is_some_and(|(s, e)| s <= a && b <= e) {
            format.background = theme::selection_fill(style.is_dark);
        }
        job.append(run, 0.0, format);
    }
    job
}

/// Paints block `i` (its galley, and the bar of a block quote or the bullet of a list item).
fn paint_block(ui: &Ui, article: &Article, painted: &PaintedBlock, style: ArticleStyle) {
    let painter = ui.painter();
    let rect = painted.rect;
    match article.document.blocks.get(painted.index).map(|b| b.kind) {
        Some(BlockKind::BlockQuote) => {
            let x = rect.left() - style.font_size * 0.8;
            painter.line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
                Stroke::new(3.0, ui.visuals().weak_text_color()),
            );
        }
        Some(BlockKind::ListItem) => {
            let center = Pos2::new(
                rect.left() - style.font_size * 0.7,
                rect.top() + style.font_size * 0.75,
            );
            painter.circle_filled(center, style.font_size * 0.15, ui.visuals().text_color());
        }
        _ => {}
    }
    painter.galley(
        painted.origin(),
        painted.galley.clone(),
        Color32::PLACEHOLDER,
    );
}

/// Hover, click and accessibility of block `i`.
fn block_interaction_ui(
    ui: &mut Ui,
    article: &Article,
    view: &mut View,
    painted: &PaintedBlock,
    commands: &mut Vec<Command>,
) {
    let i = painted.index;
    let id = ui.scope_id().with(("block", i));
    let response = ui.interact(painted.rect, id, Sense::click_and_drag());
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, article.block_text(i)));

    let block_start = article.document.blocks.get(i).map_or(0, |b| b.start);
    let char_at = |pos: Pos2| block_start + painted.char_at(pos);

    if response.drag_started()
        && let Some(origin) = ui.input(|inp| inp.pointer.press_origin())
    {
        let anchor = char_at(origin);
        set_text_selection(
            article,
            view,
            Some(TextSelection {
                anchor,
                cursor: anchor,
            }),
        );
        view.is_dragging_text = true;
    }

    if response.clicked() {
        let hit = response
            .interact_pointer_pos()
            .map(char_at)
            .and_then(|c| article.claim_at(c));
        set_text_selection(article, view, None);
        commands.push(Command::SelectClaim(hit));
    }

    if let Some(pos) = response.hover_pos()
        && !view.is_dragging_text
    {
        let offset = char_at(pos);
        let within = painted
            .galley
            .rect
            .contains(pos - painted.origin().to_vec2());
        if within && let Some(row) = article.claim_at(offset).and_then(|r| article.claims.get(r)) {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            response.on_hover_ui_at_pointer(|ui| claim_tooltip_ui(ui, row));
        }
    }
}

/// Follows a drag over the text across blocks, and ends it when the button is released.
fn track_text_drag(ui: &Ui, article: &Article, view: &mut View, visible: &[PaintedBlock]) {
    if !view.is_dragging_text {
        return;
    }
    let (is_down, pos) = ui.input(|i| (i.pointer.primary_down(), i.pointer.latest_pos()));
    if let Some(pos) = pos
        && let Some(cursor) = char_at_pos(article, visible, pos)
        && let Some(selection) = view.text_selection
        && selection.cursor != cursor
    {
        set_text_selection(
            article,
            view,
            Some(TextSelection {
                anchor: selection.anchor,
                cursor,
            }),
        );
    }
    if !is_down {
        view.is_dragging_text = false;
        if view.text_selection.is_some_and(|s| s.is_empty()) {
            set_text_selection(article, view, None);
        }
    }
}

/// The char under `pos` among the visible blocks (the nearest block above or below if none).
fn char_at_pos(article: &Article, visible: &[PaintedBlock], pos: Pos2) -> Option<usize> {
    let painted = visible
        .iter()
        .find(|p| pos.y <= p.rect.bottom())
        .or_else(|| visible.last())?;
    let start = article.document.blocks.get(painted.index)?.start;
    let pos = pos.max(painted.rect.min - Vec2::new(1.0, 1.0));
    Some(start + painted.char_at(pos))
}

/// Sets the text selection, invalidating the blocks whose highlighting changes.
pub fn set_text_selection(article: &Article, view: &mut View, selection: Option<TextSelection>) {
    let old = view
        .text_selection
        .filter(|s| !s.is_empty())
        .map(|s| s.range());
    let new = selection.filter(|s| !s.is_empty()).map(|s| s.range());
    view.text_selection = selection;
    if old == new {
        return;
    }
    for (start, end) in [old, new].into_iter().flatten() {
        let first = article.block_of(start);
        let last = article.block_of(end.saturating_sub(1).max(start));
        view.cache.invalidate_blocks(first, last);
    }
}

/// Invalidates the blocks of claim `index` (its highlighting changed).
pub fn invalidate_claim(article: &Article, view: &mut View, index: usize) {
    let Some((start, end)) = article.claim(index).map(|c| (c.start, c.end)) else {
        return;
    };
    let first = article.block_of(start);
    let last = article.block_of(end.saturating_sub(1).max(start));
    view.cache.invalidate_blocks(first, last);
}

/// The y of the selected claim in the scroll content, laying out its block if needed.
fn selection_y(
    ui: &Ui,
    article: &Article,
    view: &mut View,
    style: ArticleStyle,
    width: f32,
) -> Option<f32> {
    let start = article.claim(view.selection?)?.start;
    let block = article.block_of(start);
    let block_start = article.document.blocks.get(block)?.start;
    let mut laid_out = 0;
    let (galley, _, bidi) = block_galley(ui, article, view, block, style, width, &mut laid_out);
    let offset = start.saturating_sub(block_start);
    let cursor = bidi.map_or(offset, |map| map.display(offset));
    let within = galley
        .pos_from_cursor(egui::text::CCursor::new(cursor))
        .min
        .y;
    Some(view.cache.top(block)? + within + style.font_size)
}

/// The hover card of a claim: source with role, cue, hedges and chain.
pub fn claim_tooltip_ui(ui: &mut Ui, claim: &ReviewedClaim) {
    ui.set_max_width(theme::TOOLTIP_WIDTH);
    ui.strong(source_label(claim, " — "));
    ui.label(format!(
        "{} · {}",
        claim.kind_label(),
        claim.verdict().as_str()
    ));
    if let Some(cue) = &claim.cue {
        ui.label(format!("Cue: “{cue}”"));
    }
    if !claim.hedges.is_empty() {
        ui.label(format!("Hedges: {}", claim.hedges.join(", ")));
    }
    if let Some(chain) = chain_line(claim) {
        ui.label(chain);
    }
}
