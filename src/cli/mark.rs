//! `crosscheck mark FILE (--claim ID | --match TEXT | --note-id ID) (--status S | --confirm)
//! [--note TEXT] [--evidence URL [--evidence-label TEXT]] [--tag T]...`.

use std::process::ExitCode;

use clap::Args;
use crosscheck_engine::extract::Claim;
use crosscheck_engine::store::{Edit, Evidence, Target, Verdict};
use crosscheck_engine::text::squash_whitespace;

use super::ArgPath;

/// Arguments of `crosscheck mark`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["claim", "text_match", "note_id"]))]
pub struct MarkArgs {
    /// The article (.txt, .md, .html, .pdf, .epub).
    file: ArgPath,
    /// The claim's id, as printed by `crosscheck extract --json`.
    #[arg(long, value_name = "ID")]
    claim: Option<String>,
    /// Pick the one extracted claim whose text contains TEXT (case and spacing ignored).
    #[arg(long = "match", value_name = "TEXT")]
    text_match: Option<String>,
    /// Pick a note by its id, as printed by `crosscheck notes` (also reaches notes whose words
    /// changed or are gone).
    #[arg(long, value_name = "ID")]
    note_id: Option<String>,
    /// The verdict: unverified, verified, disputed, false, misleading or inconclusive.
    #[arg(long, value_name = "S", value_parser = parse_verdict, required_unless_present = "confirm")]
    status: Option<Verdict>,
    /// Confirm the verdict of a note that needs review on the words now in its place (for a
    /// note whose words are gone: keep it as it is).
    #[arg(long)]
    confirm: bool,
    /// Replace the claim's note with TEXT.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Add an evidence link.
    #[arg(long, value_name = "URL")]
    evidence: Option<String>,
    /// A short description of the evidence link.
    #[arg(long, value_name = "TEXT", requires = "evidence")]
    evidence_label: Option<String>,
    /// Add a tag (repeatable).
    #[arg(long, value_name = "T")]
    tag: Vec<String>,
}

fn parse_verdict(name: &str) -> Result<Verdict, String> {
    Verdict::parse(name).ok_or_else(|| {
        let names: Vec<&str> = Verdict::ALL.iter().map(|v| v.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// Finds the claim, saves the changes and prints what was saved.
pub fn run(args: &MarkArgs, data_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let document = super::load_article(&args.file)?;
    let current = store.load(&document)?;
    if let Some(found) = current.newer_version {
        return Err(crosscheck_engine::store::StoreError::ReadOnly {
            found,
            path: current.file,
        }
        .into());
    }
    let (target, claim_id) = match &args.note_id {
        Some(id) => {
            if current.note(id).is_none() {
                anyhow::bail!(
                    "no note {id:?} in the notes of this article (see `crosscheck notes`): {}",
                    args.file.display()
                );
            }
            (Target::Note(id.clone()), None)
        }
        None => {
            let extraction = super::extract_article(&document, &store);
            let claim = pick_claim(&extraction.claims, args)?;
            (claim_target(&current, claim), Some(claim.id.clone()))
        }
    };
    let mut edits = Vec::new();
    if let Some(status) = args.status {
        edits.push(Edit::Verdict(status));
    }
    if args.confirm {
        edits.push(Edit::Confirm);
    }
    if let Some(note) = &args.note {
        edits.push(Edit::Note(note.clone()));
    }
    if let Some(url) = &args.evidence {
        edits.push(Edit::AddEvidence(Evidence {
            url: url.clone(),
            label: args.evidence_label.clone().unwrap_or_default(),
        }));
    }
    edits.extend(args.tag.iter().cloned().map(Edit::AddTag));
    let saved = store.update(&document, &target, &edits)?;
    super::warn_notices(&saved.notes.notices);
    let Some(placed) = saved.note() else {
        anyhow::bail!(
            "the note was saved but cannot be read back: {}",
            saved.notes.file.display()
        );
    };
    let note = &placed.note;
    let previous = match &saved.before {
        Some(before) => Some(before.verdict),
        None => Some(crosscheck_engine::store::Verdict::Unverified),
    };
    super::with_stdout(|mut out| {
        let on = claim_id.map_or_else(String::new, |id| format!(" on claim {id}"));
        writeln!(
            out,
            "{} note {}{on} [{}..{}]: \"{}\"",
            if saved.is_new { "Saved new" } else { "Saved" },
            note.id,
            placed.start,
            placed.end,
            squash_whitespace(&note.anchor.exact)
        )?;
        let was_in_review = saved
            .before
            .as_ref()
            .is_some_and(|before| before.rewordings.len() < note.rewordings.len());
        if was_in_review {
            writeln!(out, "  review:   confirmed after its words changed")?;
        } else if args.confirm && placed.review.is_none() {
            writeln!(
                out,
                "  review:   nothing to confirm: its words have not changed"
            )?;
        } else if let Some(review) = &placed.review {
            writeln!(
                out,
                "  review:   still needed: the words changed (judged: \"{}\"); add --confirm",
                squash_whitespace(&review.earlier)
            )?;
        }
        match previous {
            Some(from) if from != note.verdict => {
                writeln!(out, "  verdict:  {} (was {from})", note.verdict)?;
            }
            _ => writeln!(out, "  verdict:  {}", note.verdict)?,
        }
        super::notes::write_note_fields(&mut out, note)?;
        writeln!(out, "  file:     {}", saved.notes.file.display())?;
        Ok(ExitCode::SUCCESS)
    })
}

/// The note a change on `claim` goes to: the note whose words changed into the claim's, if one
/// sits on it (so that confirming reaches it), else the claim's own span.
fn claim_target(current: &crosscheck_engine::store::ArticleNotes, claim: &Claim) -> Target {
    let reworded = current.needing_review().find(|placed| {
        placed.state != crosscheck_engine::store::AnchorState::Orphaned
            && placed.start < claim.end
            && claim.start < placed.end
    });
    match reworded {
        Some(placed) => Target::Note(placed.note.id.clone()),
        None => Target::Claim {
            start: claim.start,
            end: claim.end,
        },
    }
}

/// The claim `--claim` or `--match` names; an error listing candidates otherwise.
fn pick_claim<'a>(claims: &'a [Claim], args: &MarkArgs) -> anyhow::Result<&'a Claim> {
    let file = args.file.display();
    if let Some(id) = &args.claim {
        return claims.iter().find(|c| &c.id == id).ok_or_else(|| {
            anyhow::anyhow!(
                "no claim with id {id:?} ({}): {file}",
                describe_candidates(claims.iter())
            )
        });
    }
    let needle = squash_whitespace(args.text_match.as_deref().unwrap_or_default()).to_lowercase();
    let matching: Vec<&Claim> = claims
        .iter()
        .filter(|c| squash_whitespace(&c.text).to_lowercase().contains(&needle))
        .collect();
    match matching.as_slice() {
        [claim] => Ok(claim),
        [] => anyhow::bail!(
            "no claim contains {needle:?} ({}): {file}",
            describe_candidates(claims.iter())
        ),
        several => anyhow::bail!(
            "{} claims contain {needle:?}; pick one with --claim ID or a longer --match ({}): {file}",
            several.len(),
            describe_candidates(several.iter().copied())
        ),
    }
}

/// One line naming claims: `candidates: ID "text…"; ID "text…"` (at most ten).
fn describe_candidates<'a>(claims: impl ExactSizeIterator<Item = &'a Claim>) -> String {
    const SHOWN: usize = 10;
    let total = claims.len();
    if total == 0 {
        return "the article has no extracted claims".to_owned();
    }
    let mut listed: Vec<String> = claims
        .take(SHOWN)
        .map(|c| format!("{} \"{}\"", c.id, shorten(&squash_whitespace(&c.text), 60)))
        .collect();
    if total > SHOWN {
        listed.push(format!("and {} more", total - SHOWN));
    }
    format!("candidates: {}", listed.join("; "))
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{cut}…")
}
