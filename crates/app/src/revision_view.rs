//! When the article changed since the person last reviewed it: the banner over the article
//! ("This article changed since your last review: 3 passages changed, 2 notes affected"), and
//! the revision view that replaces the article while open — the earlier and the current text
//! word by word (removed words struck through, added words underlined, as the Compare tab shows
//! a changed quote), jumping from change to change, with the notes affected beside.

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat, Ui};

use crosscheck_engine::library::WordChangeKind;
use crosscheck_engine::review::ReviewedClaim;
use crosscheck_engine::store::{Revision, format_time};
use crosscheck_engine::text::CharIndex;

use super::command::Command;
use super::session::{Article, View};
use super::theme;
use super::widgets::{counted, shorten};

/// A run of words of one kind in one paragraph of the word-by-word view.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The words (with the spaces after them).
    pub text: String,
    /// In both versions, removed or added.
    pub change: WordChangeKind,
    /// The changed passage the run belongs to, if any.
    pub passage: Option<usize>,
}

/// One paragraph of the word-by-word view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiffParagraph {
    /// Its runs, in reading order.
    pub segments: Vec<Segment>,
}

/// A revision of the open article, laid out for the view.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRevision {
    /// The engine's account of the change.
    pub revision: Revision,
    /// The word-by-word view, paragraph by paragraph (empty when the earlier text was not
    /// kept).
    pub paragraphs: Vec<DiffParagraph>,
    /// For each changed passage, the paragraph where it starts.
    pub passage_paragraph: Vec<usize>,
    /// Whether the person dismissed the banner (marked the version reviewed).
    pub is_dismissed: bool,
}

impl ArticleRevision {
    /// Lays out `revision` of the article whose current text is `text`.
    pub fn new(revision: Revision, text: &str) -> Self {
        let (paragraphs, passage_paragraph) = lay_out(&revision, text);
        Self {
            revision,
            paragraphs,
            passage_paragraph,
            is_dismissed: false,
        }
    }

    /// Number of changed passages.
    pub fn passage_count(&self) -> usize {
        self.revision.passage_count()
    }
}

/// Which change the revision view shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RevisionState {
    /// The changed passage in focus.
    pub current: usize,
    /// Scroll to it on the next frame.
    pub scroll_to_current: bool,
}

/// Splits the runs of `revision` into paragraphs of segments.
fn lay_out(revision: &Revision, text: &str) -> (Vec<DiffParagraph>, Vec<usize>) {
    let (Some(changes), Some(earlier)) = (&revision.changes, &revision.earlier_text) else {
        return (Vec::new(), Vec::new());
    };
    let new_index = CharIndex::new(text);
    let old_index = CharIndex::new(earlier);
    let mut passage_of_run = vec![None; changes.runs.len()];
    for (p, passage) in changes.passages.iter().enumerate() {
        for slot in passage_of_run
            .iter_mut()
            .take(passage.runs.1)
            .skip(passage.runs.0)
        {
            *slot = Some(p);
        }
    }
    let mut paragraphs = vec![DiffParagraph::default()];
    let mut passage_paragraph = vec![0; changes.passages.len()];
    for (i, run) in changes.runs.iter().enumerate() {
        let (source, index) = if run.change == WordChangeKind::Removed {
            (earlier.as_str(), &old_index)
        } else {
            (text, &new_index)
        };
        let (from, to) = (index.byte_of_char(run.start), index.byte_of_char(run.end));
        let run_text = source.get(from..to).unwrap_or_default();
        let passage = passage_of_run.get(i).copied().flatten();
        if let Some(p) = passage
            && changes.passages.get(p).is_some_and(|x| x.runs.0 == i)
            && let Some(slot) = passage_paragraph.get_mut(p)
        {
            *slot = paragraphs.len() - 1;
        }
        let mut lines = run_text.split('\n').peekable();
        while let Some(line) = lines.next() {
            if !line.is_empty()
                && let Some(paragraph) = paragraphs.last_mut()
            {
                paragraph.segments.push(Segment {
                    text: line.to_owned(),
                    change: run.change,
                    passage,
                });
            }
            // A line break ends the paragraph (blank lines make no empty ones).
            if lines.peek().is_some() && paragraphs.last().is_some_and(|p| !p.segments.is_empty()) {
                paragraphs.push(DiffParagraph::default());
            }
        }
    }
    if paragraphs.last().is_some_and(|p| p.segments.is_empty()) {
        paragraphs.pop();
    }
    let last = paragraphs.len().saturating_sub(1);
    for slot in &mut passage_paragraph {
        *slot = (*slot).min(last);
    }
    (paragraphs, passage_paragraph)
}

/// The claims whose notes need review, with their indices.
fn needing_review(article: &Article) -> impl Iterator<Item = (usize, &ReviewedClaim)> {
    article
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.needs_review().is_some())
}

/// The banner over the article, when it changed since the last review or notes need review.
#[must_use]
pub fn banner_ui(ui: &mut Ui, article: &Article) -> Vec<Command> {
    let mut commands = Vec::new();
    let in_review = needing_review(article).count();
    let revision = article
        .revision
        .as_ref()
        .filter(|r| !r.is_dismissed && r.revision.since_review);
    if revision.is_none() && in_review == 0 {
        return commands;
    }
    let is_dark = ui.visuals().dark_mode;
    egui::Frame::new()
        .fill(theme::review_fill(is_dark))
        .inner_margin(theme::NOTICE_PADDING)
        .corner_radius(theme::CORNER_RADIUS)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let mut text = match revision {
                    Some(revision) => revision.revision.headline(),
                    None => format!(
                        "{} the words they were given on changed",
                        if in_review == 1 {
                            "1 note needs review:".to_owned()
                        } else {
                            format!("{in_review} notes need review:")
                        }
                    ),
                };
                if revision.is_some() && in_review > 0 {
                    text.push_str(&format!(" ({} to review)", counted(in_review, "note")));
                }
                ui.label(RichText::new(text).strong());
                if ui
                    .button("Show changes")
                    .on_hover_text(Command::ShowRevision.tooltip())
                    .clicked()
                {
                    commands.push(Command::ShowRevision);
                }
                if revision.is_some()
                    && ui
                        .button("Mark as reviewed")
                        .on_hover_text(Command::MarkReviewed.tooltip())
                        .clicked()
                {
                    commands.push(Command::MarkReviewed);
                }
            });
        });
    ui.add_space(4.0);
    commands
}

/// The revision view: header with the change in focus, the word-by-word text, and the notes
/// affected beside.
#[must_use]
pub fn revision_ui(
    ui: &mut Ui,
    article: &Article,
    view: &mut View,
    font_size: f32,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(revision) = article.revision.as_ref() else {
        ui.label("There is no earlier version of this article to compare with.");
        if ui.button("Back to the article").clicked() {
            commands.push(Command::CloseRevision);
        }
        return commands;
    };
    let count = revision.passage_count();
    let mut state = view.revision.unwrap_or_default();
    state.current = state.current.min(count.saturating_sub(1));
    header_ui(ui, revision, &state, count, &mut commands);
    ui.separator();
    egui::Panel::right("revision-notes")
        .resizable(true)
        .default_size(theme::REVISION_NOTES_WIDTH)
        .show(ui, |ui| {
            affected_ui(ui, article, revision, &mut commands);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        if revision.revision.changes.is_none() {
            ui.label(
                "The earlier text was not kept (its notes were made with an earlier version of \
                 Crosscheck), so the changes cannot be shown word by word; the notes whose words \
                 changed are listed beside.",
            );
            return;
        }
        text_ui(ui, revision, &mut state, font_size);
    });
    view.revision = Some(state);
    commands
}

fn header_ui(
    ui: &mut Ui,
    revision: &ArticleRevision,
    state: &RevisionState,
    count: usize,
    commands: &mut Vec<Command>,
) {
    let since = &revision.revision.since;
    let when = since
        .reviewed
        .as_ref()
        .map_or_else(|| format_time(&since.seen), format_time);
    let lead = if revision.revision.since_review {
        format!("Changes since your last review ({when})")
    } else {
        format!("Changes since the version before ({when})")
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new(lead).size(16.0));
        ui.label(revision.revision.summary());
    });
    ui.horizontal(|ui| {
        let has_changes = count > 0;
        if ui
            .add_enabled(has_changes, egui::Button::new("Previous change"))
            .on_hover_text("Show the change before (k)")
            .clicked()
        {
            commands.push(Command::PrevChange);
        }
        if has_changes {
            ui.label(format!("Change {} of {count}", state.current + 1));
        } else {
            ui.weak("No passage changed");
        }
        if ui
            .add_enabled(has_changes, egui::Button::new("Next change"))
            .on_hover_text("Show the change after (j)")
            .clicked()
        {
            commands.push(Command::NextChange);
        }
        ui.separator();
        if ui
            .button("Back to the article")
            .on_hover_text(Command::CloseRevision.tooltip())
            .clicked()
        {
            commands.push(Command::CloseRevision);
        }
        if revision.revision.since_review
            && !revision.is_dismissed
            && ui
                .button("Mark as reviewed")
                .on_hover_text(Command::MarkReviewed.tooltip())
                .clicked()
        {
            commands.push(Command::MarkReviewed);
        }
    });
}

/// The colours of removed and added words.
fn change_colors(is_dark: bool) -> (Color32, Color32) {
    if is_dark {
        (
            Color32::from_rgb(255, 120, 110),
            Color32::from_rgb(120, 220, 120),
        )
    } else {
        (
            Color32::from_rgb(190, 20, 20),
            Color32::from_rgb(20, 130, 40),
        )
    }
}

fn text_ui(ui: &mut Ui, revision: &ArticleRevision, state: &mut RevisionState, font_size: f32) {
    let is_dark = ui.visuals().dark_mode;
    let (removed, added) = change_colors(is_dark);
    let plain = ui.visuals().text_color();
    let focus = ui.visuals().selection.bg_fill.gamma_multiply(0.5);
    let font = egui::FontId::proportional(font_size);
    let target = revision.passage_paragraph.get(state.current).copied();
    egui::ScrollArea::vertical()
        .id_salt("revision-text")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width((theme::MEASURE_EMS * font_size).min(ui.available_width()));
            for (i, paragraph) in revision.paragraphs.iter().enumerate() {
                let mut job = LayoutJob::default();
                let mut previous = WordChangeKind::Same;
                for segment in &paragraph.segments {
                    // A replaced word: keep the struck-out and the new word apart.
                    if previous == WordChangeKind::Removed
                        && segment.change == WordChangeKind::Added
                        && !job.text.ends_with(char::is_whitespace)
                    {
                        job.append(" ", 0.0, TextFormat::simple(font.clone(), plain));
                    }
                    previous = segment.change;
                    let mut format = match segment.change {
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
                    if segment.passage.is_some() && segment.passage == Some(state.current) {
                        format.background = focus;
                    }
                    job.append(&segment.text, 0.0, format);
                }
                job.wrap.max_width = ui.available_width();
                let response = ui.label(job);
                if state.scroll_to_current && target == Some(i) {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                ui.add_space(font_size * 0.6);
            }
        });
    state.scroll_to_current = false;
}

/// The notes the changes touch, each with both wordings and what to do about it.
fn affected_ui(
    ui: &mut Ui,
    article: &Article,
    revision: &ArticleRevision,
    commands: &mut Vec<Command>,
) {
    ui.heading(RichText::new("Notes affected").size(15.0));
    let affected = &revision.revision.affected;
    // Notes needing review now that the revision did not list (a later change), too.
    let mut ids: Vec<&str> = affected.iter().map(|a| a.note_id.as_str()).collect();
    for (_, claim) in needing_review(article) {
        if let Some(id) = claim.note_id()
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        ui.weak("No note is on the words that changed.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("revision-notes-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for id in ids {
                let Some((index, claim)) = article
                    .claims
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.note_id() == Some(id))
                else {
                    continue;
                };
                let passages = revision.revision.passages_of(id);
                affected_note_ui(ui, index, claim, passages, commands);
                ui.separator();
            }
        });
}

fn affected_note_ui(
    ui: &mut Ui,
    index: usize,
    claim: &ReviewedClaim,
    passages: &[usize],
    commands: &mut Vec<Command>,
) {
    let verdict = claim.verdict();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(verdict.as_str())
                .strong()
                .color(theme::verdict_strong(verdict)),
        );
        match claim.needs_review() {
            Some(_) => {
                ui.label(
                    RichText::new("needs review")
                        .color(theme::review_color(ui.visuals().dark_mode)),
                );
            }
            None => {
                ui.weak("reviewed");
            }
        }
        for &p in passages {
            if ui
                .small_button(format!("change {}", p + 1))
                .on_hover_text("Show this change")
                .clicked()
            {
                commands.push(Command::SelectChange(p));
            }
        }
    });
    match claim.needs_review() {
        Some(review) => {
            ui.label(RichText::new("Judged:").small().weak());
            ui.label(RichText::new(format!("“{}”", shorten(&review.earlier, 240))).italics());
            ui.label(RichText::new("Now:").small().weak());
            match &review.current {
                Some(current) => {
                    ui.label(RichText::new(format!("“{}”", shorten(current, 240))).italics());
                }
                None => {
                    ui.label(RichText::new("no longer in the article").italics());
                }
            }
            let (label, tip) = if review.current.is_some() {
                (
                    "Confirm on the new words",
                    "Keep the verdict, now given on the words in the article",
                )
            } else {
                (
                    "Keep as it was",
                    "Keep the note on words no longer in the article",
                )
            };
            ui.horizontal(|ui| {
                if ui.button(label).on_hover_text(tip).clicked() {
                    commands.push(Command::ConfirmNote(
                        claim.note_id().unwrap_or_default().to_owned(),
                    ));
                }
                if ui
                    .button("Show in the article")
                    .on_hover_text("Select the claim in the article to change its verdict")
                    .clicked()
                {
                    commands.push(Command::CloseRevision);
                    commands.push(Command::SelectClaim(Some(index)));
                }
            });
        }
        None => {
            ui.label(RichText::new(format!("“{}”", shorten(&claim.text, 240))).italics());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_engine::store::{Store, Target, Verdict};

    /// The revision the store finds after `old` was annotated and changed into `new`.
    fn revision(old: &str, new: &str) -> Revision {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, old).expect("write");
        let document = crosscheck_engine::load(&path).expect("load");
        let store = Store::open(dir.path().join("store")).expect("store");
        store
            .set_verdict(
                &document,
                &Target::Claim { start: 0, end: 5 },
                Verdict::False,
            )
            .expect("mark");
        std::fs::write(&path, new).expect("edit");
        let document = crosscheck_engine::load(&path).expect("load");
        store
            .open_article(&document)
            .expect("open")
            .revision
            .expect("changed")
    }

    #[test]
    fn paragraphs_keep_removed_and_added_words_in_place() {
        let old = "Title\n\nParis would not risk a war.\n\nThe council met on Monday.\n\nBerlin said \
                   nothing.\n";
        let new =
            "Title\n\nParis would not rule out risking a war.\n\nThe council met on Monday.\n";
        let laid = ArticleRevision::new(revision(old, new), new);
        let texts: Vec<String> = laid
            .paragraphs
            .iter()
            .map(|p| p.segments.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(texts[0], "Title");
        assert_eq!(texts[1], "Paris would not risk rule out risking a war.");
        assert_eq!(texts[2], "The council met on Monday.");
        assert_eq!(texts[3], "Berlin said nothing.");
        let removed: Vec<&str> = laid.paragraphs[1]
            .segments
            .iter()
            .filter(|s| s.change == WordChangeKind::Removed)
            .map(|s| s.text.trim())
            .collect();
        assert_eq!(removed, ["risk"]);
        assert_eq!(laid.passage_paragraph, [1, 3]);
        assert!(
            laid.paragraphs[3]
                .segments
                .iter()
                .all(|s| s.change == WordChangeKind::Removed && s.passage == Some(1))
        );
    }
}
