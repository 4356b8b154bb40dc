//! Small widgets and the wording every panel shares: shortened text, counted nouns ("1 claim",
//! "3 claims"), a claim's source and chain as one line, icon buttons with an accessible name.

use crosscheck_engine::review::ReviewedClaim;

/// `text` on one line, cut to at most `max_chars` chars with an ellipsis if cut.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.replace('\n', " ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{cut}…")
}

pub use crosscheck_engine::text::{counted, plural};

/// `text` with its first letter upper case: "disputed" gives "Disputed".
pub fn title_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The claim's source as people read it: "Ana Petrel, Deputy Minister", or "No named source".
pub fn source_label(claim: &ReviewedClaim, role_separator: &str) -> String {
    match (claim.source_name(), claim.source_role()) {
        (Some(name), Some(role)) => format!("{name}{role_separator}{role}"),
        (Some(name), None) => name.to_owned(),
        (None, _) => "No named source".to_owned(),
    }
}

thread_local! {
    /// The arrow the fonts of the window drawn on this thread can draw (see [`set_arrow`]).
    static ARROW: std::cell::Cell<&'static str> =
        const { std::cell::Cell::new(crosscheck_engine::review::CHAIN_SEPARATOR) };
}

/// The arrows tried between two links of a chain, best first: the plain arrow (the system's
/// fonts have it), the heavy one (egui's bundled emoji font has it), then the engine's " » ".
pub const ARROWS: [&str; 3] = [" → ", " ➡ ", crosscheck_engine::review::CHAIN_SEPARATOR];

/// Picks the first of [`ARROWS`] whose char `can_draw` says the window's fonts draw, for the
/// widgets of this thread's window. Called once a frame, before the UI.
pub fn set_arrow(can_draw: impl Fn(char) -> bool) {
    let arrow = ARROWS
        .into_iter()
        .find(|a| a.trim().chars().all(&can_draw))
        .unwrap_or(crosscheck_engine::review::CHAIN_SEPARATOR);
    ARROW.with(|cell| cell.set(arrow));
}

/// Between two links of a chain or the two sides of a change, on screen (see [`set_arrow`]).
pub fn arrow() -> &'static str {
    ARROW.with(std::cell::Cell::get)
}

/// The chain a claim was relayed through, "via Politico → Kestrel News", if it has one.
pub fn chain_line(claim: &ReviewedClaim) -> Option<String> {
    (!claim.chain.is_empty()).then(|| format!("via {}", claim.chain.join(arrow())))
}

/// A small icon button whose accessible name and tooltip is `label`.
pub fn icon_button(ui: &mut egui::Ui, icon: &str, label: &str) -> egui::Response {
    let response = ui.small_button(icon).on_hover_text(label);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_are_counted_in_the_singular_for_one() {
        assert_eq!(counted(1, "claim"), "1 claim");
        assert_eq!(counted(0, "claim"), "0 claims");
        assert_eq!(counted(12, "note"), "12 notes");
    }

    #[test]
    fn long_text_is_cut_on_one_line() {
        assert_eq!(shorten("a\nb", 10), "a b");
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
        assert_eq!(shorten("abcde", 5), "abcde");
    }
}
