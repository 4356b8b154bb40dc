//! Undo and redo of changes to notes: verdicts (set or taken over from another report), note
//! text, evidence, tags, sources and claims marked by hand. An undo is itself a saved change: it goes
//! through the journal like any other, and a verdict it changes is recorded in the note's
//! history as an undo (or a redo).
//!
//! An undo brings back, field by field, only what the step changed, so a change made since
//! by another window or the command line to another field of the note is kept.

use super::model::{Note, Origin, UndoKind, Verdict, VerdictChange};
use super::{ArticleNotes, Draft, Saved, Store, StoreError};
use crate::document::Document;

/// Most steps an [`UndoHistory`] keeps.
pub const MAX_UNDO_STEPS: usize = 200;

/// What one change did to one note.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteChange {
    /// The note's id.
    pub note_id: String,
    /// The note before the change; `None` when the change made it.
    pub before: Option<Note>,
    /// The note after the change; `None` when the change removed it.
    pub after: Option<Note>,
}

/// A change the person can undo, with a label for menus ("Undo verdict").
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    /// What the change was: "verdict", "note", "tags", …
    pub label: String,
    /// What it did to each note, in the order done.
    pub changes: Vec<NoteChange>,
}

impl UndoStep {
    /// The step of a saved change; `None` when it changed nothing.
    pub fn of_saved(label: impl Into<String>, saved: &Saved) -> Option<Self> {
        let mut step = Self {
            label: label.into(),
            changes: Vec::new(),
        };
        step.add(saved);
        (!step.changes.is_empty()).then_some(step)
    }

    /// Adds what another saved change did (one step of several saves).
    pub fn add(&mut self, saved: &Saved) {
        let after = saved.note().map(|placed| placed.note.clone());
        if saved.before != after {
            self.changes.push(NoteChange {
                note_id: saved.note_id.clone(),
                before: saved.before.clone(),
                after,
            });
        }
    }
}

/// The undo and redo stacks of one article, as a window keeps them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoHistory {
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
}

impl UndoHistory {
    /// Records a change just saved; the redo stack is cleared.
    pub fn record(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The label of the change an undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the change a redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Undoes the last change, as a new saved change. `Ok(None)` when there is nothing to
    /// undo; on an error the step stays to be tried again.
    pub fn undo(
        &mut self,
        store: &Store,
        document: &Document,
    ) -> Result<Option<ArticleNotes>, StoreError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match store.undo(document, &step) {
            Ok(notes) => {
                self.redo.push(step);
                Ok(Some(notes))
            }
            Err(err) => {
                self.undo.push(step);
                Err(err)
            }
        }
    }

    /// Redoes the last undone change, as a new saved change.
    pub fn redo(
        &mut self,
        store: &Store,
        document: &Document,
    ) -> Result<Option<ArticleNotes>, StoreError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match store.redo(document, &step) {
            Ok(notes) => {
                self.undo.push(step);
                Ok(Some(notes))
            }
            Err(err) => {
                self.redo.push(step);
                Err(err)
            }
        }
    }
}

impl Store {
    /// Undoes `step`: brings each note it changed back to how it was before, field by field
    /// (a claim it marked by hand is removed), and saves that as a new change.
    pub fn undo(&self, document: &Document, step: &UndoStep) -> Result<ArticleNotes, StoreError> {
        self.modify(document, false, |draft| {
            for change in step.changes.iter().rev() {
                draft.revert(
                    &change.note_id,
                    change.after.as_ref(),
                    change.before.as_ref(),
                    UndoKind::Undo,
                );
            }
            Ok(())
        })
        .map(|(notes, ())| notes)
    }

    /// Redoes `step` after it was undone, as a new change.
    pub fn redo(&self, document: &Document, step: &UndoStep) -> Result<ArticleNotes, StoreError> {
        self.modify(document, false, |draft| {
            for change in &step.changes {
                draft.revert(
                    &change.note_id,
                    change.before.as_ref(),
                    change.after.as_ref(),
                    UndoKind::Redo,
                );
            }
            Ok(())
        })
        .map(|(notes, ())| notes)
    }

    /// Removes a note (a claim marked by hand, say) and saves at once.
    pub fn remove_note(&self, document: &Document, note_id: &str) -> Result<Saved, StoreError> {
        let (notes, before) = self.modify(document, false, |draft| {
            let i = draft.index_of(note_id)?;
            Ok(Some(draft.file.notes.remove(i)))
        })?;
        Ok(Saved {
            notes,
            note_id: note_id.to_owned(),
            is_new: false,
            before,
        })
    }
}

/// `note` with nothing judged: how a note on an extracted claim stands before its first change.
fn blank(note: &Note) -> Note {
    Note {
        verdict: Verdict::Unverified,
        note: String::new(),
        evidence: Vec::new(),
        tags: Vec::new(),
        source: None,
        ..note.clone()
    }
}

impl Draft<'_, '_> {
    /// Brings note `id` from state `from` to state `to` (`None`: no such note), changing only
    /// the fields that differ between the two. A note on an extracted claim is never removed:
    /// it goes back to unjudged, keeping its history.
    fn revert(&mut self, id: &str, from: Option<&Note>, to: Option<&Note>, kind: UndoKind) {
        let is_extracted = |n: &&Note| n.origin == Origin::Extracted;
        let to = to.cloned().or_else(|| from.filter(is_extracted).map(blank));
        let from = from
            .cloned()
            .or_else(|| to.as_ref().filter(is_extracted).map(blank));
        let now = self.now;
        let index = self.file.notes.iter().position(|n| n.id == id);
        match (index, to) {
            (None, None) => {}
            (Some(i), None) => {
                self.file.notes.remove(i);
            }
            (None, Some(mut to)) => {
                to.modified = now;
                self.file.notes.push(to);
            }
            (Some(i), Some(to)) => {
                let Some(note) = self.file.notes.get_mut(i) else {
                    return;
                };
                let before = note.clone();
                let from = from.as_ref();
                if from.is_none_or(|f| f.verdict != to.verdict) && note.verdict != to.verdict {
                    let adopted_from = to
                        .history
                        .last()
                        .filter(|c| c.to == to.verdict)
                        .and_then(|c| c.adopted_from.clone());
                    note.history.push(VerdictChange {
                        from: note.verdict,
                        to: to.verdict,
                        at: now,
                        adopted_from,
                        undo: Some(kind),
                    });
                    note.verdict = to.verdict;
                }
                if from.is_none_or(|f| f.note != to.note) {
                    note.note.clone_from(&to.note);
                }
                if from.is_none_or(|f| f.evidence != to.evidence) {
                    note.evidence.clone_from(&to.evidence);
                }
                if from.is_none_or(|f| f.tags != to.tags) {
                    note.tags.clone_from(&to.tags);
                }
                if from.is_none_or(|f| f.source != to.source) {
                    note.source.clone_from(&to.source);
                }
                if from.is_none_or(|f| f.anchor != to.anchor) {
                    note.anchor = to.anchor.clone();
                }
                if from.is_none_or(|f| f.rewordings != to.rewordings) {
                    note.rewordings.clone_from(&to.rewordings);
                }
                if *note != before {
                    note.modified = now;
                }
            }
        }
    }
}
