//! What agrees and what diverges between two reports of the same claim: figures, dates, names,
//! hedges, sources, chain length and quoted wording.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use super::features::{self, ClaimFeatures, Figure};
use super::origins::{Chain, ChainLink, same_entity};
use super::record::{IndexedClaim, SourceRef};

/// The part of a claim a difference or agreement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// Numbers and amounts.
    Figures,
    /// Days, dates and years.
    Dates,
    /// Names of people, places and bodies in the claim's text.
    Names,
    /// Hedges such as "reportedly" or "may".
    Hedge,
    /// The source the claim rests on.
    Source,
    /// How many hands the claim passed through.
    Chain,
    /// The words of a quotation.
    Quote,
}

impl Aspect {
    /// A short label for display.
    pub fn label(self) -> &'static str {
        match self {
            Self::Figures => "figures",
            Self::Dates => "dates",
            Self::Names => "names",
            Self::Hedge => "hedge",
            Self::Source => "source",
            Self::Chain => "chain",
            Self::Quote => "quote",
        }
    }
}

/// One way the other report states the claim differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// What differs.
    pub aspect: Aspect,
    /// What this article has ("1,200"; "reportedly"; "Marta Quinlan").
    pub here: Vec<String>,
    /// What the other report has instead.
    pub there: Vec<String>,
    /// A sentence saying it.
    pub summary: String,
    /// For quotes: the wording, word by word, from this article's to the other's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wording: Vec<WordChange>,
}

/// A run of words in a wording comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChange {
    /// Whether the run is in both, only here, or only there.
    pub change: WordChangeKind,
    /// The words.
    pub text: String,
}

/// Which side a run of words is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordChangeKind {
    /// In both.
    Same,
    /// Only in this article's wording.
    Removed,
    /// Only in the other report's wording.
    Added,
}

/// One way the two reports agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// What agrees.
    pub aspect: Aspect,
    /// A sentence saying it.
    pub summary: String,
}

/// One side of a comparison: a claim, its chain of attribution and its features.
pub type Side<'a> = (&'a IndexedClaim, &'a Chain, &'a ClaimFeatures);

/// Compares `here` (a claim of the article being read) with `there` (the same claim in the
/// report `report`).
pub fn compare_claims(
    here: Side<'_>,
    there: Side<'_>,
    report: &str,
) -> (Vec<Difference>, Vec<Agreement>) {
    let ((here_claim, here_chain, here_features), (there_claim, there_chain, there_features)) =
        (here, there);
    let mut found = Findings::default();
    let (a, b) = (here_features, there_features);
    compare_figures(&a.figures, &b.figures, report, &mut found);
    compare_sets(Aspect::Dates, &a.dates, &b.dates, report, &mut found);
    compare_sets(Aspect::Names, &a.names, &b.names, report, &mut found);
    compare_hedges(here_claim, there_claim, report, &mut found);
    let (here_side, there_side) = ((here_claim, here_chain), (there_claim, there_chain));
    compare_sources(here_side, there_side, report, &mut found);
    compare_chains(here_chain, there_chain, report, &mut found);
    compare_quotes(a.quote.as_ref(), b.quote.as_ref(), report, &mut found);
    (found.differences, found.agreements)
}

/// What the comparisons of one pair of claims found.
#[derive(Default)]
struct Findings {
    differences: Vec<Difference>,
    agreements: Vec<Agreement>,
}

/// Whether `chain` passes through the report `other` starts with (one report citing another).
fn cites(chain: &Chain, other: &Chain) -> bool {
    chain.links[1..]
        .iter()
        .any(|l| same_entity(l, &other.links[0]))
}

/// Whether `item` (a name or date) is among `others`: the same, all the words of one are
/// words of the other ("Betty Shelby" and "Officer Betty Shelby"; "Salafist Jihad" and "Jihad
/// Salafist"), or one is a place inside the other by the gazetteer ("Athens" and "Greece").
pub fn covered(item: &str, others: &[String]) -> bool {
    let item_key = super::origins::name_key(item);
    let item_words: Vec<&str> = item_key.split(' ').collect();
    others.iter().any(|other| {
        let other_key = super::origins::name_key(other);
        let other_words: Vec<&str> = other_key.split(' ').collect();
        item_words.iter().all(|w| other_words.contains(w))
            || other_words.iter().all(|w| item_words.contains(w))
            || features::place_within(&item_key, &other_key)
            || features::place_within(&other_key, &item_key)
    })
}

/// Whether two claims name different things: each names something and no name is shared.
/// Such claims are about different people or places even when their other words agree ("X did
/// not respond to requests for comment").
pub fn names_disjoint(here: &ClaimFeatures, there: &ClaimFeatures) -> bool {
    !here.names.is_empty()
        && !there.names.is_empty()
        && !here.names.iter().any(|n| covered(n, &there.names))
}

/// Whether two figures have the same value (and are both percentages or both not).
pub(crate) fn same_figure(a: &Figure, b: &Figure) -> bool {
    a.percent == b.percent && (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0)
}

fn compare_figures(here: &[Figure], there: &[Figure], report: &str, found: &mut Findings) {
    if here.is_empty() && there.is_empty() {
        return;
    }
    let only_here: Vec<String> = here
        .iter()
        .filter(|f| !there.iter().any(|g| same_figure(f, g)))
        .map(|f| f.text.clone())
        .collect();
    let only_there: Vec<String> = there
        .iter()
        .filter(|f| !here.iter().any(|g| same_figure(f, g)))
        .map(|f| f.text.clone())
        .collect();
    let summary = match (only_here.is_empty(), only_there.is_empty()) {
        (true, true) => {
            let shared: Vec<String> = here.iter().map(|f| f.text.clone()).collect();
            found.agreements.push(Agreement {
                aspect: Aspect::Figures,
                summary: format!("same figures: {}", shared.join(", ")),
            });
            return;
        }
        (false, false) => format!(
            "figure changed: {} here, {} in {report}",
            only_here.join(", "),
            only_there.join(", ")
        ),
        (false, true) => format!("{report} does not give {}", only_here.join(", ")),
        (true, false) => format!("{report} adds {}", only_there.join(", ")),
    };
    found.differences.push(Difference {
        aspect: Aspect::Figures,
        here: only_here,
        there: only_there,
        summary,
        wording: Vec::new(),
    });
}

/// Dates and names: a difference only when each side has one the other lacks (a detail left
/// out is common in a shorter retelling; a detail replaced is worth a look).
fn compare_sets(
    aspect: Aspect,
    here: &[String],
    there: &[String],
    report: &str,
    found: &mut Findings,
) {
    let only_here: Vec<String> = here
        .iter()
        .filter(|h| !covered(h, there))
        .cloned()
        .collect();
    let only_there: Vec<String> = there
        .iter()
        .filter(|t| !covered(t, here))
        .cloned()
        .collect();
    let shared: Vec<String> = here.iter().filter(|h| covered(h, there)).cloned().collect();
    if !only_here.is_empty() && !only_there.is_empty() {
        found.differences.push(Difference {
            aspect,
            summary: format!(
                "{} differ: {} here, {} in {report}",
                aspect.label(),
                only_here.join(", "),
                only_there.join(", ")
            ),
            here: only_here,
            there: only_there,
            wording: Vec::new(),
        });
    } else if !shared.is_empty() {
        found.agreements.push(Agreement {
            aspect,
            summary: format!("same {}: {}", aspect.label(), shared.join(", ")),
        });
    }
}

fn compare_hedges(here: &IndexedClaim, there: &IndexedClaim, report: &str, found: &mut Findings) {
    let quoted = |hs: &[String]| {
        hs.iter()
            .map(|h| format!("“{h}”"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (here.hedges.is_empty(), there.hedges.is_empty()) {
        (true, true) => {}
        (false, false) => found.agreements.push(Agreement {
            aspect: Aspect::Hedge,
            summary: format!("both hedge it ({} here)", quoted(&here.hedges)),
        }),
        (false, true) => found.differences.push(Difference {
            aspect: Aspect::Hedge,
            here: here.hedges.clone(),
            there: Vec::new(),
            summary: format!(
                "hedge dropped: {} here, stated flatly in {report}",
                quoted(&here.hedges)
            ),
            wording: Vec::new(),
        }),
        (true, false) => found.differences.push(Difference {
            aspect: Aspect::Hedge,
            here: Vec::new(),
            there: there.hedges.clone(),
            summary: format!(
                "hedge added: stated flatly here, {} in {report}",
                quoted(&there.hedges)
            ),
            wording: Vec::new(),
        }),
    }
}

fn compare_sources(
    (here, here_chain): (&IndexedClaim, &Chain),
    (there, there_chain): (&IndexedClaim, &Chain),
    report: &str,
    found: &mut Findings,
) {
    // One report citing the other is a relay, not a different source: the chain shows it.
    let relay = if cites(here_chain, there_chain) {
        Some(("this article", report, there_chain.origin()))
    } else if cites(there_chain, here_chain) {
        Some((report, "this article", here_chain.origin()))
    } else {
        None
    };
    if let Some((relay, relayed, origin)) = relay {
        found.agreements.push(Agreement {
            aspect: Aspect::Source,
            summary: format!("{relay} cites {relayed}, which gives {}", origin.name),
        });
        return;
    }
    let name = |s: &Option<SourceRef>| {
        s.as_ref()
            .map_or_else(|| "no named source".to_owned(), |s| s.name.clone())
    };
    match (&here.source, &there.source) {
        (None, None) => {}
        (Some(a), Some(b)) if same_entity(&ChainLink::of_source(a), &ChainLink::of_source(b)) => {
            found.agreements.push(Agreement {
                aspect: Aspect::Source,
                summary: format!("same source: {}", a.name),
            });
        }
        _ => found.differences.push(Difference {
            aspect: Aspect::Source,
            here: here.source.iter().map(|s| s.name.clone()).collect(),
            there: there.source.iter().map(|s| s.name.clone()).collect(),
            summary: format!(
                "different source: {} here, {} in {report}",
                name(&here.source),
                name(&there.source)
            ),
            wording: Vec::new(),
        }),
    }
}

fn compare_chains(here: &Chain, there: &Chain, report: &str, found: &mut Findings) {
    // A report relaying the other is one link longer by nature; the source agreement says so.
    if cites(here, there) || cites(there, here) {
        return;
    }
    let steps = |c: &Chain| c.len().saturating_sub(1);
    if steps(here) == steps(there) {
        if steps(here) > 1 {
            found.agreements.push(Agreement {
                aspect: Aspect::Chain,
                summary: format!("both relay it through {} hands", steps(here)),
            });
        }
        return;
    }
    let middle = |c: &Chain| -> Vec<String> {
        let inner = c.links.len().saturating_sub(1);
        c.links
            .iter()
            .take(inner)
            .skip(1)
            .map(|l| l.name.clone())
            .collect()
    };
    let describe = |c: &Chain| match middle(c).as_slice() {
        [] if c.sourced => "first-hand".to_owned(),
        [] => "unsourced".to_owned(),
        relays => format!("relayed through {}", relays.join(", ")),
    };
    found.differences.push(Difference {
        aspect: Aspect::Chain,
        here: middle(here),
        there: middle(there),
        summary: format!(
            "{} here ({}), {} in {report} ({})",
            crate::text::counted(here.len(), "link"),
            describe(here),
            there.len(),
            describe(there)
        ),
        wording: Vec::new(),
    });
}

fn compare_quotes(
    here: Option<&String>,
    there: Option<&String>,
    report: &str,
    found: &mut Findings,
) {
    let (Some(a), Some(b)) = (here, there) else {
        return;
    };
    if features::wording_key(a) == features::wording_key(b) {
        found.agreements.push(Agreement {
            aspect: Aspect::Quote,
            summary: "same quoted wording".to_owned(),
        });
        return;
    }
    found.differences.push(Difference {
        aspect: Aspect::Quote,
        summary: format!("quoted wording differs in {report}"),
        wording: word_changes(a, b),
        here: vec![a.clone()],
        there: vec![b.clone()],
    });
}

/// The word-by-word changes from `old` to `new`, consecutive words of one kind joined.
pub fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let diff = TextDiff::configure().diff_slices(&old_words, &new_words);
    let mut runs: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => WordChangeKind::Same,
            ChangeTag::Delete => WordChangeKind::Removed,
            ChangeTag::Insert => WordChangeKind::Added,
        };
        match runs.last_mut() {
            Some(run) if run.change == kind => {
                run.text.push(' ');
                run.text.push_str(change.value());
            }
            _ => runs.push(WordChange {
                change: kind,
                text: change.value().to_owned(),
            }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(names: &[&str]) -> ClaimFeatures {
        ClaimFeatures {
            figures: Vec::new(),
            dates: Vec::new(),
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            quote: None,
        }
    }

    #[test]
    fn names_are_covered_by_a_longer_form() {
        assert!(covered(
            "Betty Shelby",
            &["Officer Betty Shelby".to_owned()]
        ));
        assert!(covered(
            "The Eastbrook Ledger",
            &["Eastbrook Ledger".to_owned()]
        ));
        assert!(!covered("Tulsa", &["Officer Betty Shelby".to_owned()]));
    }

    #[test]
    fn figures_equal_in_value_are_no_difference() {
        for (here, there) in [
            (
                "talks on Oct. 1-2 in Lisbon",
                "talks on Oct. 1 and 2 in Lisbon",
            ),
            ("eight boats and 1,500 crew", "8 boats and 1500 crew"),
        ] {
            let mut found = Findings::default();
            compare_figures(
                &features::figures(here),
                &features::figures(there),
                "the other",
                &mut found,
            );
            assert!(found.differences.is_empty(), "{here} / {there}");
            assert_eq!(found.agreements.len(), 1);
        }
    }

    #[test]
    fn reordered_names_and_places_inside_places_are_covered() {
        assert!(covered("Salafist Jihad", &["Jihad Salafist".to_owned()]));
        assert!(covered("Athens", &["Greece".to_owned()]));
        assert!(covered("Greece", &["Athens".to_owned()]));
        assert!(!names_disjoint(
            &features(&["Beacon Hill"]),
            &features(&["Beacon Hill"])
        ));
        assert!(names_disjoint(&features(&["Athens"]), &features(&["Peru"])));
    }

    #[test]
    fn claims_naming_different_things_are_disjoint() {
        assert!(names_disjoint(
            &features(&["Mills"]),
            &features(&["Clinton", "DNC"])
        ));
        assert!(!names_disjoint(
            &features(&["Mills", "Tulsa"]),
            &features(&["Tulsa"])
        ));
        assert!(!names_disjoint(&features(&[]), &features(&["Clinton"])));
    }

    #[test]
    fn word_changes_show_removed_and_added_runs() {
        let runs = word_changes("not taking any chances", "not taking chances at all");
        let removed: Vec<&str> = runs
            .iter()
            .filter(|r| r.change == WordChangeKind::Removed)
            .map(|r| r.text.trim())
            .collect();
        let added: Vec<&str> = runs
            .iter()
            .filter(|r| r.change == WordChangeKind::Added)
            .map(|r| r.text.trim())
            .collect();
        assert_eq!(removed, ["any"]);
        assert_eq!(added, ["at all"]);
    }
}
