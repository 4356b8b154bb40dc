//! The window's tab commands: opening an article in a new tab (or going to the tab that has
//! it), switching, closing, and saving and restoring the tabs between runs. Part of
//! [`super::App::apply`], kept apart so each file reads in one sitting.

use std::path::Path;

use super::tabs::{self, SavedTab, Tab};
use super::{App, Command, Session};

impl App {
    /// Performs one of the tab commands.
    pub(super) fn apply_tabs(&mut self, ctx: &egui::Context, command: Command) {
        let count = self.tabs.count(self.session.is_some());
        match command {
            Command::SwitchTab(position) => self.switch_tab(ctx, position),
            Command::CloseTab(position) => self.close_tab(ctx, position),
            Command::CloseArticle => self.close_tab(ctx, self.tabs.active),
            Command::NextTab if count > 1 => {
                self.switch_tab(ctx, (self.tabs.active + 1) % count);
            }
            Command::PrevTab if count > 1 => {
                self.switch_tab(ctx, (self.tabs.active + count - 1) % count);
            }
            _ => {}
        }
    }

    /// Number of open tabs.
    pub fn tab_count(&self) -> usize {
        self.tabs.count(self.session.is_some())
    }

    /// The active tab's position among the tabs.
    pub fn active_tab(&self) -> usize {
        self.tabs.active
    }

    /// The titles of the open tabs, in order.
    pub fn tab_titles(&self) -> Vec<String> {
        (0..self.tab_count())
            .map(|position| match self.tabs.other_at(position) {
                None => self
                    .session
                    .as_ref()
                    .map(tabs::session_title)
                    .unwrap_or_default(),
                Some(i) => self.tabs.others.get(i).map(Tab::title).unwrap_or_default(),
            })
            .collect()
    }

    /// Runs `f` on the session of every tab that has been read (the active one first).
    pub(super) fn for_each_session(&mut self, mut f: impl FnMut(&mut Session)) {
        if let Some(session) = self.session.as_mut() {
            f(session);
        }
        for tab in &mut self.tabs.others {
            if let Tab::Open { session, .. } = tab {
                f(session);
            }
        }
    }

    /// Moves the active session (if any) among the other tabs, so that a new one can take its
    /// place just after it.
    pub(super) fn stash_active(&mut self) {
        if let Some(session) = self.session.take() {
            let at = self.tabs.active.min(self.tabs.others.len());
            self.tabs.others.insert(
                at,
                Tab::Open {
                    session: Box::new(session),
                    is_read_only: self.save_status.is_read_only,
                },
            );
            self.tabs.active = at + 1;
        }
    }

    /// If the article at `path` is open in a tab, shows that tab and returns `true`.
    pub(super) fn go_to_open_tab(&mut self, ctx: &egui::Context, path: &Path) -> bool {
        match self.tabs.find(path) {
            Some(i) => {
                let position = self.tabs.position_of_other(i);
                self.switch_tab(ctx, position);
                true
            }
            None => false,
        }
    }

    /// Whether the active tab shows the article at `path`.
    pub(super) fn is_active_path(&self, path: &Path) -> bool {
        let wanted = tabs::canonical(path);
        self.session
            .as_ref()
            .and_then(|s| s.article.document.path.as_deref())
            .is_some_and(|p| tabs::canonical(Path::new(p)) == wanted)
    }

    /// Shows the tab at `position`, saving the note being written in the one left.
    fn switch_tab(&mut self, ctx: &egui::Context, position: usize) {
        if position == self.tabs.active && self.session.is_some() {
            return;
        }
        if position >= self.tab_count() {
            return;
        }
        self.flush_note(ctx);
        self.stash_active();
        // All tabs are in `others` now, in order.
        if position >= self.tabs.others.len() {
            return;
        }
        let tab = self.tabs.others.remove(position);
        self.tabs.active = position;
        self.activate(ctx, tab);
    }

    /// Closes the tab at `position`; closing the active one shows its neighbour (or the start
    /// screen after the last).
    fn close_tab(&mut self, ctx: &egui::Context, position: usize) {
        if position == self.tabs.active && self.session.is_some() {
            self.flush_note(ctx);
            self.session = None;
            self.save_status.is_read_only = false;
            self.show_neighbour(ctx);
            return;
        }
        let Some(i) = self.tabs.other_at(position) else {
            return;
        };
        if i < self.tabs.others.len() {
            self.tabs.others.remove(i);
            if i < self.tabs.active {
                self.tabs.active -= 1;
            }
        }
    }

    /// With no active tab, shows the one at the active position (or the last), else the start
    /// screen.
    fn show_neighbour(&mut self, ctx: &egui::Context) {
        if self.tabs.others.is_empty() {
            self.tabs.active = 0;
            self.refresh_recent();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title("Crosscheck".to_owned()));
            return;
        }
        let at = self.tabs.active.min(self.tabs.others.len() - 1);
        let tab = self.tabs.others.remove(at);
        self.tabs.active = at;
        self.activate(ctx, tab);
    }

    /// Makes `tab` the active one (with no active tab before), reading a restored tab's file.
    fn activate(&mut self, ctx: &egui::Context, tab: Tab) {
        match tab {
            Tab::Open {
                session,
                is_read_only,
            } => {
                self.session = Some(*session);
                self.save_status.is_read_only = is_read_only;
                self.refresh_comparison(ctx);
                self.refresh_sources();
                self.set_window_title(ctx);
            }
            Tab::Restored(saved) => {
                self.load(ctx, &saved.path);
                if self.session.is_none() {
                    // Unreadable now (moved, deleted): the notice says why; show another tab.
                    self.show_neighbour(ctx);
                    return;
                }
                if let Some(selection) = &saved.selection {
                    let index = self
                        .session
                        .as_ref()
                        .and_then(|s| tabs::find_selection(s, selection));
                    if index.is_some() {
                        self.select(ctx, index);
                    }
                }
            }
        }
    }

    /// The window's title for the active tab.
    pub(super) fn set_window_title(&self, ctx: &egui::Context) {
        let title = self.session.as_ref().map_or_else(
            || "Crosscheck".to_owned(),
            |s| format!("{} — Crosscheck", tabs::session_title(s)),
        );
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
    }

    /// The open tabs as saved between runs, and the active one's position among them.
    pub fn saved_tabs(&self) -> (Vec<SavedTab>, usize) {
        let mut saved = Vec::new();
        let mut active = 0;
        for position in 0..self.tab_count() {
            let tab = match self.tabs.other_at(position) {
                None => self.session.as_ref().and_then(tabs::saved_tab),
                Some(i) => self.tabs.others.get(i).and_then(Tab::saved),
            };
            if let Some(tab) = tab {
                if position == self.tabs.active {
                    active = saved.len();
                }
                saved.push(tab);
            }
        }
        (saved, active)
    }

    /// Opens the tabs of the last run, showing the one that was active (the others are read
    /// when first shown).
    pub(super) fn restore_tabs(
        &mut self,
        ctx: &egui::Context,
        saved: Vec<SavedTab>,
        active: usize,
    ) {
        if saved.is_empty() {
            return;
        }
        self.tabs.others = saved.into_iter().map(Tab::Restored).collect();
        let at = active.min(self.tabs.others.len() - 1);
        let tab = self.tabs.others.remove(at);
        self.tabs.active = at;
        self.activate(ctx, tab);
    }

    /// Reloads the active tab's article from its file, keeping the selected claim.
    pub(super) fn reload_active(&mut self, ctx: &egui::Context, path: &Path) {
        self.flush_note(ctx);
        let selection = self
            .session
            .as_ref()
            .and_then(tabs::saved_tab)
            .and_then(|t| t.selection);
        let old: Option<Session> = self.session.take();
        self.load(ctx, path);
        if self.session.is_none() {
            // The file cannot be read any more: keep what was shown.
            self.session = old;
            return;
        }
        if let Some(selection) = selection {
            let index = self
                .session
                .as_ref()
                .and_then(|s| tabs::find_selection(s, &selection));
            if index.is_some() {
                self.select(ctx, index);
            }
        }
    }
}
