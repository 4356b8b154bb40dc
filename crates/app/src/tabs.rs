//! Several articles open at once, one [`Session`] per tab, each with its own selection, scroll,
//! filters and drafts. The active tab's session is [`super::App::session`], so everything that
//! acts on "the open article" acts on it; the other tabs wait in [`Tabs`]. Tabs restored after a
//! restart are read from their files only when first shown.

use std::path::{Path, PathBuf};

use super::command::Command;
use super::session::Session;
use super::widgets::shorten;

/// Longest tab title, in chars.
const TITLE_CHARS: usize = 28;

/// The claim a tab had selected, as saved between runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedSelection {
    /// The claim's id (an extracted claim's, or its note's).
    pub id: String,
    /// Its char span, to find it again if the id changed.
    pub start: usize,
    /// End of the span.
    pub end: usize,
}

/// A tab as saved between runs: its article and the selected claim.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedTab {
    /// The article's file.
    pub path: PathBuf,
    /// Its title when last shown (shown before the file is read again).
    #[serde(default)]
    pub title: Option<String>,
    /// The selected claim, if any.
    #[serde(default)]
    pub selection: Option<SavedSelection>,
}

/// A tab that is not the active one.
pub enum Tab {
    /// An article read and shown before: its session as it was left.
    Open {
        /// The article, its view and drafts.
        session: Box<Session>,
        /// Whether its notes were read-only.
        is_read_only: bool,
    },
    /// A tab restored from the last run, read when first shown.
    Restored(SavedTab),
}

impl Tab {
    /// The title on the tab.
    pub fn title(&self) -> String {
        match self {
            Self::Open { session, .. } => session_title(session),
            Self::Restored(saved) => saved
                .title
                .clone()
                .unwrap_or_else(|| file_name(&saved.path)),
        }
    }

    /// The article's file, if it has one.
    pub fn path(&self) -> Option<PathBuf> {
        match self {
            Self::Open { session, .. } => {
                session.article.document.path.as_deref().map(PathBuf::from)
            }
            Self::Restored(saved) => Some(saved.path.clone()),
        }
    }

    /// The tab as saved between runs (`None` for an article without a file).
    pub fn saved(&self) -> Option<SavedTab> {
        match self {
            Self::Open { session, .. } => saved_tab(session),
            Self::Restored(saved) => Some(saved.clone()),
        }
    }
}

/// The tabs other than the active one, and where the active one sits among them.
#[derive(Default)]
pub struct Tabs {
    /// The other tabs, in order; the active tab sits before `others[active]`.
    pub others: Vec<Tab>,
    /// The active tab's position among all tabs.
    pub active: usize,
}

impl Tabs {
    /// Number of tabs, counting the active one if `has_active`.
    pub fn count(&self, has_active: bool) -> usize {
        self.others.len() + usize::from(has_active)
    }

    /// The position among all tabs of `others[i]`.
    pub fn position_of_other(&self, i: usize) -> usize {
        if i < self.active { i } else { i + 1 }
    }

    /// The index into `others` of the tab at `position` (not the active one).
    pub fn other_at(&self, position: usize) -> Option<usize> {
        use std::cmp::Ordering;
        match position.cmp(&self.active) {
            Ordering::Less => Some(position),
            Ordering::Equal => None,
            Ordering::Greater => Some(position - 1),
        }
    }

    /// The index into `others` of the tab showing the file at `path`.
    pub fn find(&self, path: &Path) -> Option<usize> {
        let wanted = canonical(path);
        self.others
            .iter()
            .position(|tab| tab.path().is_some_and(|p| canonical(&p) == wanted))
    }
}

/// The title of a session's tab: the article's headline, else its file name.
pub fn session_title(session: &Session) -> String {
    let document = &session.article.document;
    document
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| document.path.as_deref().map(|p| file_name(Path::new(p))))
        .unwrap_or_else(|| "Untitled".to_owned())
}

/// A session as saved between runs.
pub fn saved_tab(session: &Session) -> Option<SavedTab> {
    let path = session.article.document.path.as_deref()?;
    let selection = session.selected().map(|claim| SavedSelection {
        id: claim.id.clone(),
        start: claim.start,
        end: claim.end,
    });
    Some(SavedTab {
        path: PathBuf::from(path),
        title: Some(session_title(session)),
        selection,
    })
}

/// The index of the claim a saved selection names in `session`: by id, else by span.
pub fn find_selection(session: &Session, selection: &SavedSelection) -> Option<usize> {
    let claims = &session.article.claims;
    session.article.index_of(&selection.id).or_else(|| {
        claims
            .iter()
            .position(|c| c.start == selection.start && c.end == selection.end)
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `path` made absolute and resolved, for comparing files.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// The tab bar: one tab per article (the active one highlighted), each with a close button.
/// Shown only when more than one article is open.
#[must_use]
pub fn tab_bar_ui(ui: &mut egui::Ui, tabs: &Tabs, active_title: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    let count = tabs.count(true);
    if count < 2 {
        return commands;
    }
    egui::ScrollArea::horizontal()
        .id_salt("tab-bar")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for position in 0..count {
                    let (title, is_active) = match tabs.other_at(position) {
                        None => (active_title.to_owned(), true),
                        Some(i) => (
                            tabs.others.get(i).map(Tab::title).unwrap_or_default(),
                            false,
                        ),
                    };
                    let label = shorten(&title, TITLE_CHARS);
                    let response = ui.selectable_label(is_active, &label).on_hover_text(&title);
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Tab,
                            true,
                            is_active,
                            format!("Tab: {title}"),
                        )
                    });
                    if response.clicked() && !is_active {
                        commands.push(Command::SwitchTab(position));
                    }
                    if response.middle_clicked() {
                        commands.push(Command::CloseTab(position));
                    }
                    let close = super::widgets::icon_button(ui, "×", &format!("Close {title}"));
                    if close.clicked() {
                        commands.push(Command::CloseTab(position));
                    }
                    ui.separator();
                }
            });
        });
    commands
}
