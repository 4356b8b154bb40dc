//! Colours and text sizes of the reader, in one place.

use egui::Color32;

use super::notes::Verdict;

/// Smallest and largest article font size, in points.
pub const FONT_SIZE_RANGE: (f32, f32) = (11.0, 32.0);

/// The article font size when nothing was saved.
pub const DEFAULT_FONT_SIZE: f32 = 17.0;

/// A comfortable line length: the article column is at most this many font sizes wide.
pub const MEASURE_EMS: f32 = 36.0;

// Sizes, in points: the design's measures beside its colours.

/// Corner radius of rows, frames and notices.
pub const CORNER_RADIUS: f32 = 4.0;

/// Corner radius of badges (report counts).
pub const BADGE_RADIUS: f32 = 6.0;

/// Width of the verdict stripe at the left of a claim row.
pub const STRIPE_WIDTH: f32 = 4.0;

/// Space inside a claim row, around its two lines.
pub const ROW_PADDING: f32 = 5.0;

/// Height of the orphaned-notes list under the claims list.
pub const ORPHANS_HEIGHT: f32 = 70.0;

/// Space inside a notice's frame.
pub const NOTICE_PADDING: f32 = 6.0;

/// Width of the claims panel when nothing was saved.
pub const PANEL_WIDTH: f32 = 440.0;

/// Narrowest and widest the claims panel can be dragged.
pub const PANEL_WIDTH_RANGE: (f32, f32) = (260.0, 900.0);

/// Height of the claim detail under the claims list when nothing was saved.
pub const DETAIL_HEIGHT: f32 = 330.0;

/// Lowest the claim detail can be dragged.
pub const DETAIL_MIN_HEIGHT: f32 = 160.0;

/// Widest a hover card (a claim's tooltip) grows.
pub const TOOLTIP_WIDTH: f32 = 360.0;

/// Background of a claim highlight with this verdict.
pub fn verdict_fill(verdict: Verdict, is_dark: bool) -> Color32 {
    let (light, dark) = match verdict {
        Verdict::Unverified => ((255, 236, 170), (92, 76, 20)),
        Verdict::Verified => ((196, 238, 196), (28, 84, 40)),
        Verdict::Disputed => ((255, 214, 160), (112, 66, 16)),
        Verdict::False => ((255, 190, 190), (120, 30, 34)),
        Verdict::Misleading => ((226, 204, 255), (78, 46, 112)),
        Verdict::Inconclusive => ((210, 218, 230), (58, 66, 82)),
    };
    let (r, g, b) = if is_dark { dark } else { light };
    Color32::from_rgb(r, g, b)
}

/// A strong colour for a verdict, for badges, stripes and counts.
pub fn verdict_strong(verdict: Verdict) -> Color32 {
    match verdict {
        Verdict::Unverified => Color32::from_rgb(214, 160, 0),
        Verdict::Verified => Color32::from_rgb(40, 150, 60),
        Verdict::Disputed => Color32::from_rgb(224, 120, 20),
        Verdict::False => Color32::from_rgb(210, 50, 50),
        Verdict::Misleading => Color32::from_rgb(140, 80, 200),
        Verdict::Inconclusive => Color32::from_rgb(110, 124, 145),
    }
}

/// Background of the text the person is selecting.
pub fn selection_fill(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::from_rgb(40, 80, 140)
    } else {
        Color32::from_rgb(170, 205, 255)
    }
}

/// Underline of the selected claim.
pub fn selected_stroke(is_dark: bool) -> egui::Stroke {
    let color = if is_dark {
        Color32::from_rgb(120, 180, 255)
    } else {
        Color32::from_rgb(20, 90, 200)
    };
    egui::Stroke::new(2.0, color)
}

/// Colour of errors and failed saves.
pub fn error_color(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(190, 20, 20)
    }
}

/// Colour of the article's running text: darker than egui's default, for reading.
pub fn body_text(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::from_gray(222)
    } else {
        Color32::from_gray(28)
    }
}

/// Colour of the article's headings.
pub fn heading_text(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::WHITE
    } else {
        Color32::BLACK
    }
}

/// Default width of the notes list beside the revision view.
pub const REVISION_NOTES_WIDTH: f32 = 340.0;

/// Background of the banner saying the article changed: a pale amber (dark amber in the dark
/// theme), distinct from the verdict colours.
pub fn review_fill(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::from_rgb(74, 58, 20)
    } else {
        Color32::from_rgb(255, 240, 196)
    }
}

/// Colour of the "needs review" marks.
pub fn review_color(is_dark: bool) -> Color32 {
    if is_dark {
        Color32::from_rgb(240, 190, 90)
    } else {
        Color32::from_rgb(150, 90, 0)
    }
}
