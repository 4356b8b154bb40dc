//! Chains of attribution and independent origins.
//!
//! A claim's chain runs from the report that carries it, through the sources it was relayed by,
//! to the outlet the source spoke to or wrote in, to the source it rests on: "Valley Courier →
//! Eastbrook Ledger → Marta Quinlan". The last
//! link is the claim's origin; a claim with no named source originates with the report itself.
//!
//! Reports that relay the same origin are one origin, not several confirmations. A report whose
//! chain ends at another report in the group (an outlet citing an outlet) takes that report's
//! origin.

use serde::{Deserialize, Serialize};

use super::record::{IndexedArticle, IndexedClaim, SourceRef};
use crate::extract::SourceKind;

/// What a link of a chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The report carrying the claim (the article itself).
    Report,
    /// A source the claim was relayed through or rests on.
    Source(SourceKind),
}

/// One link of a chain of attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLink {
    /// The name shown for it.
    pub name: String,
    /// What it is.
    pub kind: LinkKind,
    /// Other names for it (used to tell whether two links are the same entity).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Its role ("fire chief"): an unnamed source described by it ("the fire chief") in
    /// another report is taken to be the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl ChainLink {
    /// The link for a source as an article names it.
    pub fn of_source(source: &SourceRef) -> Self {
        Self {
            name: source.name.clone(),
            kind: LinkKind::Source(source.kind),
            aliases: source.aliases.clone(),
            role: source.role.clone(),
        }
    }
}

/// A claim's chain of attribution: the report first, the origin last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chain {
    /// The links, outermost first.
    pub links: Vec<ChainLink>,
    /// Whether the chain ends in a named source (false: the report states or hedges it alone).
    pub sourced: bool,
}

impl Chain {
    /// The chain of `claim` as carried by `article`.
    pub fn of(article: &IndexedArticle, claim: &IndexedClaim) -> Self {
        let mut links = vec![ChainLink {
            name: article.label(),
            kind: LinkKind::Report,
            aliases: Vec::new(),
            role: None,
        }];
        let source_link = ChainLink::of_source;
        for via in &claim.via {
            if links
                .last()
                .is_none_or(|l| !same_entity(l, &source_link(via)))
            {
                links.push(source_link(via));
            }
        }
        if let Some(venue) = &claim.venue {
            let link = ChainLink {
                name: venue.clone(),
                kind: LinkKind::Source(SourceKind::Outlet),
                aliases: Vec::new(),
                role: None,
            };
            if !links.iter().any(|l| same_entity(l, &link)) {
                links.push(link);
            }
        }
        let sourced = match &claim.source {
            Some(source) => {
                let link = source_link(source);
                // A headline "attributed" to its own outlet adds no link.
                if !links.iter().any(|l| same_entity(l, &link)) {
                    links.push(link);
                }
                true
            }
            None => false,
        };
        Self { links, sourced }
    }

    /// The last link: the source the claim rests on, or the report itself.
    pub fn origin(&self) -> &ChainLink {
        self.links.last().expect("a chain always holds its report")
    }

    /// Number of links between the report and the origin, both counted.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    /// Whether the chain is only the report (never true: kept for clippy's `len` rule).
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The chain written out: "Valley Courier » Eastbrook Ledger » Marta Quinlan".
    pub fn describe(&self) -> String {
        self.links
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(" » ")
    }
}

/// `name` reduced for comparison: lower case, letters and digits, no leading "the".
pub fn name_key(name: &str) -> String {
    let words: Vec<String> = super::features::words(name)
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let skip = usize::from(words.first().is_some_and(|w| w == "the"));
    words[skip..].join(" ")
}

/// Whether two links name the same real-world entity: the same name or alias, or (for
/// people) the same surname with compatible first names.
pub fn same_entity(a: &ChainLink, b: &ChainLink) -> bool {
    let (names_a, names_b) = (link_keys(a), link_keys(b));
    if names_a.iter().any(|n| names_b.contains(n)) {
        return true;
    }
    if described_by_role(a, b) || described_by_role(b, a) {
        return true;
    }
    let is_person = |l: &ChainLink| l.kind == LinkKind::Source(SourceKind::Person);
    if is_person(a) && is_person(b) {
        // "Joseph R. Biden Jr." is compared as "Joseph R. Biden".
        let without_suffix = crate::extract::names::without_suffix;
        let (full_a, full_b) = (
            name_key(without_suffix(&a.name)),
            name_key(without_suffix(&b.name)),
        );
        let (parts_a, parts_b): (Vec<&str>, Vec<&str>) =
            (full_a.split(' ').collect(), full_b.split(' ').collect());
        if let (Some(last_a), Some(last_b)) = (parts_a.last(), parts_b.last())
            && last_a == last_b
            && parts_a.len() > 1
            && parts_b.len() > 1
        {
            // "M. Quinlan" and "Marta Quinlan" agree; "Tom Quinlan" and "Marta Quinlan" do not.
            let (first_a, first_b) = (parts_a[0], parts_b[0]);
            return first_a.chars().next() == first_b.chars().next()
                && (first_a.len() <= 2 || first_b.len() <= 2 || first_a == first_b);
        }
    }
    false
}

/// One independent origin and the reports that trace back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginGroup {
    /// The origin as first named.
    pub origin: ChainLink,
    /// Whether the origin is a named source (false: a report stating the claim on its own).
    pub sourced: bool,
    /// Indices (into the chains given to [`independent_origins`]) of the reports tracing to it.
    pub members: Vec<usize>,
}

/// Groups `chains` (one per report of the same claim) by independent origin.
pub fn independent_origins(chains: &[Chain]) -> Vec<OriginGroup> {
    // Name keys of each report, computed once: relays are looked up among them.
    let report_keys: Vec<Vec<String>> = chains.iter().map(|c| link_keys(&c.links[0])).collect();
    let resolved: Vec<usize> = (0..chains.len())
        .map(|i| resolve_relay(chains, &report_keys, i))
        .collect();
    let mut groups: Vec<OriginGroup> = Vec::new();
    for (i, &root) in resolved.iter().enumerate() {
        let chain = &chains[root];
        let origin = chain.origin();
        // Unsourced statements are grouped by the report that made them.
        let found = groups
            .iter_mut()
            .find(|g| g.sourced == chain.sourced && same_entity(&g.origin, origin));
        match found {
            Some(group) => group.members.push(i),
            None => groups.push(OriginGroup {
                origin: origin.clone(),
                sourced: chain.sourced,
                members: vec![i],
            }),
        }
    }
    groups
}

/// Whether `unnamed` is an unnamed source described by `named`'s role: "the fire chief" and
/// Marta Quinlan, fire chief.
fn described_by_role(unnamed: &ChainLink, named: &ChainLink) -> bool {
    if unnamed.kind != LinkKind::Source(SourceKind::Unnamed) {
        return false;
    }
    let Some(role) = named.role.as_deref() else {
        return false;
    };
    let description = name_key(&unnamed.name);
    let description = ["a ", "an "]
        .iter()
        .find_map(|article| description.strip_prefix(article))
        .unwrap_or(&description);
    !description.is_empty() && description == name_key(role)
}

/// The name keys of a link: its name and aliases.
fn link_keys(link: &ChainLink) -> Vec<String> {
    std::iter::once(&link.name)
        .chain(&link.aliases)
        .map(|n| name_key(n))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Follows a chain whose origin is another report of the group to that report's chain.
fn resolve_relay(chains: &[Chain], report_keys: &[Vec<String>], start: usize) -> usize {
    let mut current = start;
    let mut seen = vec![start];
    loop {
        let origin = chains[current].origin();
        if origin.kind == LinkKind::Report {
            return current;
        }
        let origin_keys = link_keys(origin);
        let next = report_keys
            .iter()
            .enumerate()
            .find(|(j, keys)| !seen.contains(j) && keys.iter().any(|k| origin_keys.contains(k)));
        match next {
            Some((j, _)) => {
                seen.push(j);
                current = j;
            }
            None => return current,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(name: &str) -> ChainLink {
        ChainLink {
            name: name.into(),
            kind: LinkKind::Report,
            aliases: Vec::new(),
            role: None,
        }
    }

    fn person(name: &str) -> ChainLink {
        ChainLink {
            name: name.into(),
            kind: LinkKind::Source(SourceKind::Person),
            aliases: Vec::new(),
            role: None,
        }
    }

    fn outlet(name: &str) -> ChainLink {
        ChainLink {
            name: name.into(),
            kind: LinkKind::Source(SourceKind::Outlet),
            aliases: Vec::new(),
            role: None,
        }
    }

    fn chain(links: Vec<ChainLink>) -> Chain {
        let sourced = links.len() > 1;
        Chain { links, sourced }
    }

    #[test]
    fn people_match_by_surname_with_compatible_first_names() {
        assert!(same_entity(&person("Marta Quinlan"), &person("M. Quinlan")));
        assert!(!same_entity(
            &person("Tom Quinlan"),
            &person("Marta Quinlan")
        ));
        assert!(same_entity(
            &person("Joseph R. Biden Jr."),
            &person("J. Biden")
        ));
        assert!(same_entity(
            &outlet("The Eastbrook Ledger"),
            &report("Eastbrook Ledger")
        ));
    }

    #[test]
    fn an_unnamed_source_described_by_a_role_is_that_person() {
        let quinlan = ChainLink {
            role: Some("fire chief".into()),
            ..person("Marta Quinlan")
        };
        let described = |name: &str| ChainLink {
            name: name.into(),
            kind: LinkKind::Source(SourceKind::Unnamed),
            aliases: Vec::new(),
            role: None,
        };
        assert!(same_entity(&described("the fire chief"), &quinlan));
        assert!(same_entity(&quinlan, &described("a fire chief")));
        assert!(!same_entity(&described("the police chief"), &quinlan));
        // A named person with the same role is someone else.
        let other = ChainLink {
            role: Some("fire chief".into()),
            ..person("Ian Cole")
        };
        assert!(!same_entity(&other, &quinlan));
    }

    #[test]
    fn relays_of_one_origin_count_once() {
        let chains = vec![
            chain(vec![report("Ledger"), person("Marta Quinlan")]),
            chain(vec![
                report("Courier"),
                outlet("Ledger"),
                person("Marta Quinlan"),
            ]),
            chain(vec![report("Radio"), person("Ivan Petrov")]),
        ];
        let groups = independent_origins(&chains);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].members, [0, 1]);
    }

    #[test]
    fn an_outlet_citing_an_outlet_takes_that_reports_origin() {
        let chains = vec![
            chain(vec![report("Courier"), outlet("Ledger")]),
            chain(vec![report("Ledger"), person("Marta Quinlan")]),
        ];
        let groups = independent_origins(&chains);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].origin.name, "Marta Quinlan");
    }

    #[test]
    fn unsourced_reports_are_separate_origins() {
        let chains = vec![chain(vec![report("Ledger")]), chain(vec![report("Wire")])];
        assert_eq!(independent_origins(&chains).len(), 2);
    }

    #[test]
    fn relay_cycles_end() {
        let chains = vec![
            chain(vec![report("A"), outlet("B")]),
            chain(vec![report("B"), outlet("A")]),
        ];
        // Relays that cite each other give no way to tell the origin; the count must still end.
        let count = independent_origins(&chains).len();
        assert!((1..=2).contains(&count), "{count}");
    }
}
