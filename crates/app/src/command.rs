//! Everything the window can do, as data. Widgets return [`Command`]s; [`super::App::apply`]
//! performs them after the UI pass, in one place. Menus, shortcuts and tooltips read their
//! labels and keys from here.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::notes::Verdict;
use crosscheck_engine::export::ExportFormat;
use crosscheck_engine::extract::SourceKind;
use crosscheck_engine::sources::Credibility;

use super::widgets::title_case;

/// One thing to do, requested by the UI (or a test) and applied by [`super::App::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show the native "open file" dialog and open the chosen file.
    OpenDialog,
    /// Open the article at this path.
    Open(PathBuf),
    /// Open the bundled sample article.
    OpenSample,
    /// Close the active tab's article (the start screen after the last one).
    CloseArticle,
    /// Show the tab at this position.
    SwitchTab(usize),
    /// Close the tab at this position.
    CloseTab(usize),
    /// Show the next tab (the first after the last).
    NextTab,
    /// Show the previous tab.
    PrevTab,
    /// Open the Preferences window.
    OpenPreferences,
    /// Save these preferences (from the Preferences window) and close it.
    SavePreferences(Box<crosscheck_engine::preferences::Preferences>),
    /// Close the Preferences window without saving.
    ClosePreferences,
    /// Ask where to save, then export the article's notes in this format.
    ExportDialog(ExportFormat),
    /// Export the article's notes in this format to this file.
    ExportTo {
        /// The format.
        format: ExportFormat,
        /// Where to write.
        path: PathBuf,
    },
    /// Select the claim (or orphaned note) at this index of the article's claims (`None`
    /// clears the selection). A note being written is saved first.
    SelectClaim(Option<usize>),
    /// Select the next claim in the (filtered) list.
    NextClaim,
    /// Select the previous claim in the (filtered) list.
    PrevClaim,
    /// Set the verdict of the selected claim.
    SetVerdict(Verdict),
    /// Put the keyboard focus in the note of the selected claim.
    EditNote,
    /// Put the keyboard focus in the claims search field.
    FocusSearch,
    /// Save a note's text on the claim (by [`crosscheck_engine::review::ReviewedClaim::id`])
    /// it was written for, whichever claim is selected now.
    SaveNote {
        /// The claim the note was written for.
        claim_id: String,
        /// The note's text.
        text: String,
    },
    /// Add an evidence link to the selected claim.
    AddEvidence {
        /// Where the evidence is.
        url: String,
        /// A short description (may be empty).
        label: String,
    },
    /// Remove the evidence link with this URL from the selected claim.
    RemoveEvidence(String),
    /// Open a URL in the system browser.
    OpenUrl(String),
    /// Add a tag to the selected claim.
    AddTag(String),
    /// Remove a tag from the selected claim.
    RemoveTag(String),
    /// Add the char span `start..end` of the text as a claim made by hand.
    AddManualClaim {
        /// Char offset of the first char.
        start: usize,
        /// Char offset just past the last char.
        end: usize,
        /// The source the person chose or typed (may be empty).
        source: String,
    },
    /// Show only the claims of this source (by source id); `None` shows all sources.
    FilterSource(Option<String>),
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Make the article text larger.
    FontLarger,
    /// Make the article text smaller.
    FontSmaller,
    /// Forget the error or notice at this index of the notice list.
    DismissNotice(usize),
    /// Show the native "choose folder" dialog and add the chosen folder to the library.
    AddFolderDialog,
    /// Add this folder of reports to the library (indexed in the background).
    AddFolder(PathBuf),
    /// Open the report at `path` and select its claim at `start..end` (char offsets).
    OpenClaim {
        /// The report.
        path: PathBuf,
        /// Char offset of the claim's first char.
        start: usize,
        /// Char offset just past the claim.
        end: usize,
    },
    /// Set the selected claim's verdict to one made on the same claim in another report.
    AdoptVerdict {
        /// The verdict taken over.
        verdict: Verdict,
        /// Where it was made (recorded in the verdict history).
        from: String,
    },
    /// Search the library's claims with this query.
    SearchLibrary(String),
    /// Show the library record of the source with this library id in the Sources tab (`None`
    /// hides it); `more` shows the next page of its claims.
    ShowSourceRecord {
        /// The library source's id.
        id: Option<String>,
        /// Show the next page of claims of the record shown.
        more: bool,
    },
    /// Merge the open article's source `from` into the source called `into`, everywhere.
    MergeSource {
        /// The article's source, by name.
        from: String,
        /// The source it is, by name (of the article or of the library).
        into: String,
    },
    /// Split the mentions by `alias` off the article's source `source`.
    SplitSource {
        /// The article's source, by name.
        source: String,
        /// The alias split off.
        alias: String,
        /// In every report (else in this one).
        everywhere: bool,
    },
    /// Make the article's source `source` of kind `kind`, everywhere.
    SetSourceKind {
        /// The article's source, by name.
        source: String,
        /// Its kind.
        kind: SourceKind,
    },
    /// Mark `phrase` as naming no source.
    NotASource {
        /// The phrase, as written.
        phrase: String,
        /// In every report (else in this one).
        everywhere: bool,
    },
    /// Set the person's word on the article's source `source` (`None` keeps either part).
    SetSourceStatus {
        /// The article's source, by name.
        source: String,
        /// How far it is trusted.
        credibility: Option<Credibility>,
        /// The note on it.
        note: Option<String>,
    },
    /// Undo the latest correction of sources.
    UndoSourceCorrection,
    /// Make the latest undone correction of sources again.
    RedoSourceCorrection,
    /// Ask where to save, then export the library record of a source.
    ExportSourceRecordDialog {
        /// The library source's id.
        id: String,
        /// Markdown (else JSON).
        markdown: bool,
    },
    /// Export the library record of a source to this file.
    ExportSourceRecordTo {
        /// The library source's id.
        id: String,
        /// Markdown (else JSON).
        markdown: bool,
        /// Where to write.
        path: PathBuf,
    },
    /// Undo the last change saved on the article in this window (itself a saved change).
    Undo,
    /// Redo the last change undone.
    Redo,
    /// Confirm the selected claim's verdict on the words now in its place, after they
    /// changed (for a claim whose words are gone: keep it as it was).
    ConfirmReview,
    /// Like [`Command::ConfirmReview`], for the note with this id.
    ConfirmNote(String),
    /// Show how the article changed, word by word, with the notes affected.
    ShowRevision,
    /// Go back from the revision view to the article.
    CloseRevision,
    /// Record that the current version of the article is reviewed (the banner goes).
    MarkReviewed,
    /// In the revision view, show the next change.
    NextChange,
    /// In the revision view, show the change before.
    PrevChange,
    /// In the revision view, show the change with this index.
    SelectChange(usize),
    /// Show this folder in the window's own file browser (used without a desktop portal).
    BrowseTo(PathBuf),
    /// The file browser's choice: open it, add it, or export to it, as the browser was asked.
    BrowserChoose(PathBuf),
    /// Close the file browser.
    CloseBrowser,
    /// Close the window.
    Quit,
}

/// The verdict keys: v, d, f, m, i, u.
pub const VERDICT_KEYS: [(Key, Verdict); 6] = [
    (Key::V, Verdict::Verified),
    (Key::D, Verdict::Disputed),
    (Key::F, Verdict::False),
    (Key::M, Verdict::Misleading),
    (Key::I, Verdict::Inconclusive),
    (Key::U, Verdict::Unverified),
];

impl Command {
    /// The commands that have a menu entry or a key, for menus and the shortcut pass.
    pub fn listed() -> Vec<Self> {
        let mut listed = vec![
            Self::OpenDialog,
            Self::OpenSample,
            Self::CloseArticle,
            // Ctrl+Shift+Tab before Ctrl+Tab: a shortcut's extra Shift is ignored.
            Self::PrevTab,
            Self::NextTab,
            Self::OpenPreferences,
            Self::ExportDialog(ExportFormat::Markdown),
            Self::NextClaim,
            Self::PrevClaim,
            Self::EditNote,
            Self::FocusSearch,
            Self::ToggleTheme,
            Self::FontLarger,
            Self::FontSmaller,
            // Redo first: Ctrl+Shift+Z also matches Ctrl+Z, which ignores Shift.
            Self::Redo,
            Self::Undo,
            Self::ConfirmReview,
            Self::ShowRevision,
            Self::MarkReviewed,
            Self::Quit,
        ];
        listed.extend(VERDICT_KEYS.iter().map(|(_, v)| Self::SetVerdict(*v)));
        listed
    }

    /// The short label shown in menus and on buttons.
    pub fn label(&self) -> String {
        match self {
            Self::OpenDialog => "Open…".to_owned(),
            Self::Open(path) => format!("Open {}", path.display()),
            Self::OpenSample => "Open the sample article".to_owned(),
            Self::CloseArticle => "Close article".to_owned(),
            Self::SwitchTab(_) => "Show tab".to_owned(),
            Self::CloseTab(_) => "Close tab".to_owned(),
            Self::NextTab => "Next tab".to_owned(),
            Self::PrevTab => "Previous tab".to_owned(),
            Self::OpenPreferences => "Preferences…".to_owned(),
            Self::SavePreferences(_) => "Save".to_owned(),
            Self::ClosePreferences => "Cancel".to_owned(),
            Self::ExportDialog(format) => format!("Export {}…", format.label()),
            Self::ExportTo { format, .. } => format!("Export {}", format.label()),
            Self::SelectClaim(_) => "Select claim".to_owned(),
            Self::NextClaim => "Next claim".to_owned(),
            Self::PrevClaim => "Previous claim".to_owned(),
            Self::SetVerdict(verdict) => format!("Mark {}", verdict_label(*verdict)),
            Self::EditNote => "Edit note".to_owned(),
            Self::FocusSearch => "Search claims".to_owned(),
            Self::SaveNote { .. } => "Save note".to_owned(),
            Self::AddEvidence { .. } => "Add evidence".to_owned(),
            Self::RemoveEvidence(_) => "Remove evidence".to_owned(),
            Self::OpenUrl(_) => "Open link".to_owned(),
            Self::AddTag(_) => "Add tag".to_owned(),
            Self::RemoveTag(_) => "Remove tag".to_owned(),
            Self::AddManualClaim { .. } => "Add as claim".to_owned(),
            Self::FilterSource(_) => "Filter by source".to_owned(),
            Self::ToggleTheme => "Switch light/dark theme".to_owned(),
            Self::FontLarger => "Larger text".to_owned(),
            Self::FontSmaller => "Smaller text".to_owned(),
            Self::DismissNotice(_) => "Dismiss".to_owned(),
            Self::AddFolderDialog => "Add folder…".to_owned(),
            Self::AddFolder(path) => format!("Add {} to the library", path.display()),
            Self::OpenClaim { .. } => "Open the report".to_owned(),
            Self::AdoptVerdict { verdict, .. } => format!("Apply {}", title_case(verdict.as_str())),
            Self::SearchLibrary(_) => "Search the library".to_owned(),
            Self::ShowSourceRecord { id: None, .. } => "Hide the record".to_owned(),
            Self::ShowSourceRecord { more: true, .. } => "Show more claims".to_owned(),
            Self::ShowSourceRecord { .. } => "Track record".to_owned(),
            Self::MergeSource { into, .. } => format!("Merge into {into}"),
            Self::SplitSource { alias, .. } => format!("Split “{alias}” off"),
            Self::SetSourceKind { kind, .. } => {
                title_case(crosscheck_engine::sources::kind_label(*kind))
            }
            Self::NotASource {
                everywhere: true, ..
            } => "Not a source, in any report".to_owned(),
            Self::NotASource { .. } => "Not a source, in this report".to_owned(),
            Self::SetSourceStatus { .. } => "Set your word on the source".to_owned(),
            Self::UndoSourceCorrection => "Undo correction".to_owned(),
            Self::RedoSourceCorrection => "Redo correction".to_owned(),
            Self::ExportSourceRecordDialog { markdown: true, .. } => {
                "Export the record (Markdown)…".to_owned()
            }
            Self::ExportSourceRecordDialog { .. } => "Export the record (JSON)…".to_owned(),
            Self::ExportSourceRecordTo { .. } => "Export the record".to_owned(),
            Self::Undo => "Undo".to_owned(),
            Self::Redo => "Redo".to_owned(),
            Self::ConfirmReview | Self::ConfirmNote(_) => "Confirm on the new words".to_owned(),
            Self::ShowRevision => "Show changes".to_owned(),
            Self::CloseRevision => "Back to the article".to_owned(),
            Self::MarkReviewed => "Mark as reviewed".to_owned(),
            Self::NextChange => "Next change".to_owned(),
            Self::PrevChange => "Previous change".to_owned(),
            Self::SelectChange(_) => "Show change".to_owned(),
            Self::BrowseTo(path) => format!("Show {}", path.display()),
            Self::BrowserChoose(path) => format!("Choose {}", path.display()),
            Self::CloseBrowser => "Cancel".to_owned(),
            Self::Quit => "Quit".to_owned(),
        }
    }

    /// A sentence explaining the command, for tooltips.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::OpenDialog => "Open an article (.txt, .md, .html, .pdf, .epub)",
            Self::OpenSample => "Open the article bundled with Crosscheck",
            Self::CloseArticle => "Close this article's tab",
            Self::NextTab => "Show the next article's tab",
            Self::PrevTab => "Show the previous article's tab",
            Self::OpenPreferences => {
                "Reviewer, organisation, publishing address, export folder, theme, text size"
            }
            Self::ExportDialog(_) => "Save the article's notes in this format",
            Self::NextClaim => "Select the next claim in the list",
            Self::PrevClaim => "Select the previous claim in the list",
            Self::SetVerdict(_) => "Set the verdict of the selected claim",
            Self::EditNote => "Write a note on the selected claim",
            Self::FocusSearch => "Search the claims by their text or source",
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::FontLarger => "Make the article text larger",
            Self::FontSmaller => "Make the article text smaller",
            Self::Quit => "Close the window",
            Self::AddFolderDialog => {
                "Add a folder of reports to the library, to cross-check claims"
            }
            Self::AdoptVerdict { .. } => {
                "Give the selected claim this verdict, recording where it came from"
            }
            Self::Undo => "Undo the last change to the notes (saved as a change of its own)",
            Self::Redo => "Redo the change undone",
            Self::ConfirmReview | Self::ConfirmNote(_) => {
                "The words this verdict was given on changed: keep the verdict on the words now \
                 in the article"
            }
            Self::ShowRevision => {
                "Show how the article changed since your last review, word by word"
            }
            Self::CloseRevision => "Go back to the article",
            Self::MarkReviewed => {
                "Record that you reviewed this version: later versions are compared with it"
            }
            _ => "",
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let plain = |key| Some(KeyboardShortcut::new(Modifiers::NONE, key));
        match self {
            Self::OpenDialog => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
            Self::Quit => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Q)),
            Self::CloseArticle => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::W)),
            Self::NextTab => Some(KeyboardShortcut::new(Modifiers::CTRL, Key::Tab)),
            Self::PrevTab => Some(KeyboardShortcut::new(
                Modifiers::CTRL.plus(Modifiers::SHIFT),
                Key::Tab,
            )),
            Self::OpenPreferences => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Comma)),
            Self::ExportDialog(ExportFormat::Markdown) => {
                Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::E))
            }
            Self::FontLarger => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus)),
            Self::FontSmaller => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus)),
            Self::Undo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)),
            Self::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Self::NextClaim => plain(Key::J),
            Self::PrevClaim => plain(Key::K),
            Self::EditNote => plain(Key::N),
            Self::FocusSearch => plain(Key::Slash),
            Self::SetVerdict(verdict) => VERDICT_KEYS
                .iter()
                .find(|(_, v)| v == verdict)
                .and_then(|(key, _)| plain(*key)),
            _ => None,
        }
    }

    /// Whether the shortcut is a bare key, which must not fire while a text field has focus.
    pub fn is_plain_key(&self) -> bool {
        self.shortcut()
            .is_some_and(|s| s.modifiers == Modifiers::NONE)
    }

    /// Whether the command is in the Edit menu (undo, redo, reviewing changed words).
    pub fn is_in_edit_menu(&self) -> bool {
        matches!(
            self,
            Self::Undo | Self::Redo | Self::ConfirmReview | Self::ShowRevision | Self::MarkReviewed
        )
    }

    /// Whether a focused text field has the shortcut for itself (its own undo and redo).
    pub fn is_text_field_key(&self) -> bool {
        self.is_plain_key() || matches!(self, Self::Undo | Self::Redo)
    }

    /// Whether the command acts on the open article (and is disabled without one).
    pub fn needs_article(&self) -> bool {
        matches!(
            self,
            Self::CloseArticle
                | Self::NextTab
                | Self::PrevTab
                | Self::ExportDialog(_)
                | Self::NextClaim
                | Self::PrevClaim
                | Self::SetVerdict(_)
                | Self::EditNote
                | Self::FocusSearch
                | Self::Undo
                | Self::Redo
                | Self::ConfirmReview
                | Self::ShowRevision
                | Self::MarkReviewed
        )
    }
}

/// The verdict as people read it: "verified", "false", ….
pub fn verdict_label(verdict: Verdict) -> &'static str {
    verdict.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_shortcut_is_distinct_and_labelled() {
        let listed = Command::listed();
        let mut shortcuts: Vec<KeyboardShortcut> =
            listed.iter().filter_map(Command::shortcut).collect();
        let count = shortcuts.len();
        shortcuts.sort_by_key(|s| (format!("{:?}", s.modifiers), s.logical_key.name()));
        shortcuts.dedup();
        assert_eq!(shortcuts.len(), count, "two commands share a shortcut");
        for command in &listed {
            assert!(!command.label().is_empty(), "{command:?} has no label");
            assert!(!command.tooltip().is_empty(), "{command:?} has no tooltip");
        }
    }

    #[test]
    fn the_issue_keys_map_to_their_commands() {
        let key = |command: Command| command.shortcut().map(|s| (s.modifiers, s.logical_key));
        assert_eq!(key(Command::OpenDialog), Some((Modifiers::COMMAND, Key::O)));
        assert_eq!(
            key(Command::ExportDialog(ExportFormat::Markdown)),
            Some((Modifiers::COMMAND, Key::E))
        );
        assert_eq!(key(Command::NextClaim), Some((Modifiers::NONE, Key::J)));
        assert_eq!(key(Command::PrevClaim), Some((Modifiers::NONE, Key::K)));
        assert_eq!(key(Command::EditNote), Some((Modifiers::NONE, Key::N)));
        assert_eq!(
            key(Command::FocusSearch),
            Some((Modifiers::NONE, Key::Slash))
        );
        assert_eq!(key(Command::Undo), Some((Modifiers::COMMAND, Key::Z)));
        assert_eq!(
            key(Command::Redo),
            Some((Modifiers::COMMAND | Modifiers::SHIFT, Key::Z))
        );
        assert!(Command::Undo.is_text_field_key());
        for (letter, verdict) in VERDICT_KEYS {
            assert_eq!(
                key(Command::SetVerdict(verdict)),
                Some((Modifiers::NONE, letter))
            );
            assert!(Command::SetVerdict(verdict).is_plain_key());
        }
    }
}
