//! One source across reports: the sources of every article of the library joined into one
//! entry each, with its names, roles, kind and the claims it made or relayed.
//!
//! The join is the cross-check's ([`same_entity`]: the same name, or for people the same
//! surname with compatible first names), made safe for a whole library, where it cannot be
//! tried on every pair and where a wrong join puts one person's claims on another's record:
//! 1. sources with the same name are one (an unnamed source, "officials", stays with its
//!    report);
//! 2. people with a full name are joined by surname when their first names are compatible
//!    with one person only ("M. Quinlan" with Marta Quinlan, unless there is also a Mark);
//! 3. a source known by another's full name as an alias joins it;
//! 4. a source named by one word ("Peskov") joins the one source whose surname or alias it is,
//!    and none when several could be meant (Joe and Hunter Biden).
//!
//! Sources the person split off (see [`crate::sources::Change::Split`]) only join sources of
//! the same name, or none when the split was made in one article.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::index::LibraryIndex;
use super::matcher::ClaimAt;
use super::origins::{ChainLink, LinkKind, same_entity};
use super::record::SourceRef;
use super::track_record::MarkedClaim;
use crate::extract::SourceKind;
use crate::extract::names::{surname, without_suffix};
use crate::sources::{is_name_like, source_key};

/// One source of the library, joined across the reports that name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LibrarySource {
    /// Stable id derived from the name ("src-" and hex digits).
    pub id: String,
    /// The name shown: the fullest name most reports use.
    pub name: String,
    /// What sort of source it is (the kind most of its claims give it).
    pub kind: SourceKind,
    /// Other names and descriptions used for it, the most used first.
    pub aliases: Vec<String>,
    /// The other names reports give it as their source's name (a subset of `aliases`): what a
    /// correction about it matches.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    /// Its roles and titles, the most used first.
    pub roles: Vec<String>,
    /// Number of reports naming it.
    pub reports: usize,
    /// The claims that rest on it (it is the end of their chain), in library order.
    #[serde(skip)]
    pub claims: Vec<ClaimAt>,
    /// The claims it relayed from another source.
    #[serde(skip)]
    pub relayed: Vec<ClaimAt>,
    /// The claims the person marked by hand with it as the source (indices into the marked
    /// claims the directory was built with).
    #[serde(skip)]
    pub marked: Vec<u32>,
}

impl LibrarySource {
    /// The name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Every source of the library, joined.
#[derive(Debug, Clone, Default)]
pub struct SourceDirectory {
    sources: Vec<LibrarySource>,
    by_id: HashMap<String, usize>,
    /// Name and alias keys to sources.
    by_key: HashMap<String, Vec<usize>>,
    /// (article index, key of the source's name in that article) to source.
    by_article: HashMap<(u32, String), usize>,
}

/// How freely a source of one report may join others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joins {
    /// By every rule.
    Freely,
    /// Only with sources of the same name (split off everywhere).
    ByName,
    /// With none (an unnamed source; split off in its article).
    Never,
}

/// A source as one article names it.
struct Unit<'a> {
    article: u32,
    source: &'a SourceRef,
    key: String,
    claims: Vec<u32>,
    relayed: Vec<u32>,
    marked: Vec<u32>,
    joins: Joins,
}

impl SourceDirectory {
    /// Joins the sources of every article of `library` (as corrected by the person) and of
    /// the claims the person `marked` by hand.
    pub fn build(library: &LibraryIndex, marked: &[MarkedClaim]) -> Self {
        let units = collect_units(library, marked);
        let mut sets = Sets::new(units.len());
        join_same_names(&units, &mut sets);
        join_people_by_surname(&units, &mut sets);
        join_full_name_aliases(&units, &mut sets);
        join_single_names(&units, &mut sets);
        Self::from_groups(&units, &mut sets)
    }

    fn from_groups(units: &[Unit], sets: &mut Sets) -> Self {
        let mut members: HashMap<usize, Vec<usize>> = HashMap::default();
        for i in 0..units.len() {
            members.entry(sets.find(i)).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = members.into_values().collect();
        groups.sort_by_key(|g| g[0]);
        let mut sources: Vec<(LibrarySource, Vec<usize>)> = groups
            .into_iter()
            .map(|g| (describe_group(units, &g), g))
            .collect();
        let size = |s: &LibrarySource| s.claims.len() + s.marked.len() + s.relayed.len();
        sources.sort_by(|(a, _), (b, _)| size(b).cmp(&size(a)).then_with(|| a.name.cmp(&b.name)));
        let mut directory = Self::default();
        for (index, (mut source, group)) in sources.into_iter().enumerate() {
            let base = source.id.clone();
            let mut n = 1;
            while directory.by_id.contains_key(&source.id) {
                n += 1;
                source.id = format!("{base}-{n}");
            }
            directory.by_id.insert(source.id.clone(), index);
            for name in source.names() {
                let key = source_key(name);
                if !key.is_empty() {
                    let entry = directory.by_key.entry(key).or_default();
                    if !entry.contains(&index) {
                        entry.push(index);
                    }
                }
            }
            for &u in &group {
                directory
                    .by_article
                    .insert((units[u].article, units[u].key.clone()), index);
            }
            directory.sources.push(source);
        }
        directory
    }

    /// Every source, the one with the most claims first.
    pub fn sources(&self) -> &[LibrarySource] {
        &self.sources
    }

    /// The source with id `id`.
    pub fn get(&self, id: &str) -> Option<&LibrarySource> {
        self.by_id.get(id).map(|&i| &self.sources[i])
    }

    /// The position of the source with id `id` in [`Self::sources`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The source an article names `name` (the article's index in the library).
    pub fn in_article(&self, article: usize, name: &str) -> Option<&LibrarySource> {
        let article = u32::try_from(article).ok()?;
        self.by_article
            .get(&(article, source_key(name)))
            .map(|&i| &self.sources[i])
    }

    /// The source of an article's source: by the article's own entry when the article is in
    /// the library (`article`), else by its name and aliases.
    pub fn of_source(&self, article: Option<usize>, source: &SourceRef) -> Option<&LibrarySource> {
        if let Some(found) = article.and_then(|a| self.in_article(a, &source.name)) {
            return Some(found);
        }
        let names = std::iter::once(&source.name).chain(&source.aliases);
        names
            .filter(|n| is_name_like(n) || *n == &source.name)
            .find_map(
                |n| match self.by_key.get(&source_key(n)).map(Vec::as_slice) {
                    Some([only]) => Some(&self.sources[*only]),
                    Some([first, ..]) => Some(&self.sources[*first]),
                    _ => None,
                },
            )
    }

    /// Sources answering to `query`: those with it as a name or alias (any case), else those
    /// whose name contains it; the one with the most claims first.
    pub fn find(&self, query: &str) -> Vec<&LibrarySource> {
        let key = source_key(query);
        if key.is_empty() {
            return Vec::new();
        }
        if let Some(found) = self.by_key.get(&key) {
            return found.iter().map(|&i| &self.sources[i]).collect();
        }
        self.sources
            .iter()
            .filter(|s| s.names().any(|n| source_key(n).contains(&key)))
            .collect()
    }
}

/// The sources of each article, one per name, with the claims resting on them or relayed.
fn collect_units<'a>(library: &'a LibraryIndex, marked: &'a [MarkedClaim]) -> Vec<Unit<'a>> {
    let corrections = library.corrections();
    let mut marked_in: HashMap<u32, Vec<usize>> = HashMap::default();
    for (m, claim) in marked.iter().enumerate() {
        marked_in.entry(claim.article).or_default().push(m);
    }
    let mut units: Vec<Unit> = Vec::new();
    for (a, article) in library.articles().iter().enumerate() {
        let article_index = u32::try_from(a).unwrap_or(u32::MAX);
        let mut by_name: HashMap<&str, usize> = HashMap::default();
        let split_off = |key: &str| corrections.split_off(key, &article.path);
        for (c, claim) in article.claims.iter().enumerate() {
            let claim_index = u32::try_from(c).unwrap_or(u32::MAX);
            if let Some(source) = &claim.source {
                let u = unit_for(&mut units, &mut by_name, source, article_index, split_off);
                units[u].claims.push(claim_index);
            }
            for relay in &claim.via {
                let u = unit_for(&mut units, &mut by_name, relay, article_index, split_off);
                if units[u].relayed.last() != Some(&claim_index) {
                    units[u].relayed.push(claim_index);
                }
            }
        }
        for &m in marked_in.get(&article_index).into_iter().flatten() {
            let u = unit_for(
                &mut units,
                &mut by_name,
                &marked[m].source,
                article_index,
                split_off,
            );
            units[u].marked.push(u32::try_from(m).unwrap_or(u32::MAX));
        }
    }
    units
}

/// The unit of `source` in its article, added on first sight.
fn unit_for<'a>(
    units: &mut Vec<Unit<'a>>,
    by_name: &mut HashMap<&'a str, usize>,
    source: &'a SourceRef,
    article: u32,
    split_off: impl Fn(&str) -> Option<bool> + Copy,
) -> usize {
    if let Some(&u) = by_name.get(source.name.as_str()) {
        return u;
    }
    let key = source_key(&source.name);
    let joins = if source.kind == SourceKind::Unnamed && !is_name_like(&source.name) {
        Joins::Never
    } else {
        match split_off(&key) {
            Some(true) => Joins::Never,
            Some(false) => Joins::ByName,
            None => Joins::Freely,
        }
    };
    units.push(Unit {
        article,
        source,
        key,
        claims: Vec::new(),
        relayed: Vec::new(),
        marked: Vec::new(),
        joins,
    });
    by_name.insert(&source.name, units.len() - 1);
    units.len() - 1
}

/// Union-find over the units.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low;
        }
    }
}

/// Whether a name has more than one word once "the" and a generational suffix are dropped.
fn is_full_name(name: &str) -> bool {
    source_key(without_suffix(name)).contains(' ')
}

fn person_link(name: &str) -> ChainLink {
    ChainLink {
        name: name.to_owned(),
        kind: LinkKind::Source(SourceKind::Person),
        aliases: Vec::new(),
        role: None,
    }
}

/// Rule 1: the same name is the same source.
fn join_same_names(units: &[Unit], sets: &mut Sets) {
    let mut first: HashMap<&str, usize> = HashMap::default();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins == Joins::Never || unit.key.is_empty() {
            continue;
        }
        match first.get(unit.key.as_str()) {
            Some(&j) => sets.union(i, j),
            None => {
                first.insert(&unit.key, i);
            }
        }
    }
}

/// The full person names of each set, and whether a set may join others by rules 2-4.
struct SetInfo {
    /// For each set root: its longest full person name, if any.
    person: HashMap<usize, String>,
    /// Set roots holding a unit that joins by name only.
    by_name_only: rustc_hash::FxHashSet<usize>,
}

fn set_info(units: &[Unit], sets: &mut Sets) -> SetInfo {
    let mut info = SetInfo {
        person: HashMap::default(),
        by_name_only: Default::default(),
    };
    for (i, unit) in units.iter().enumerate() {
        let root = sets.find(i);
        if unit.joins != Joins::Freely {
            info.by_name_only.insert(root);
        }
        if unit.source.kind == SourceKind::Person && is_full_name(&unit.source.name) {
            let entry = info.person.entry(root).or_default();
            if unit.source.name.len() > entry.len() {
                *entry = unit.source.name.clone();
            }
        }
    }
    info
}

/// Whether two sets may be one: not both people with incompatible full names.
fn compatible(info: &SetInfo, a: usize, b: usize) -> bool {
    !info.by_name_only.contains(&a)
        && !info.by_name_only.contains(&b)
        && match (info.person.get(&a), info.person.get(&b)) {
            (Some(x), Some(y)) => same_entity(&person_link(x), &person_link(y)),
            _ => true,
        }
}

/// Rule 2: people with full names, by surname and compatible first names.
fn join_people_by_surname(units: &[Unit], sets: &mut Sets) {
    // One representative unit per set and full name, bucketed by surname.
    let mut buckets: HashMap<String, Vec<(usize, &str)>> = HashMap::default();
    let mut seen: rustc_hash::FxHashSet<usize> = Default::default();
    for (i, unit) in units.iter().enumerate() {
        let name = unit.source.name.as_str();
        if unit.joins != Joins::Freely
            || unit.source.kind != SourceKind::Person
            || !is_full_name(name)
        {
            continue;
        }
        let root = sets.find(i);
        if !seen.insert(root) {
            continue;
        }
        if let Some(last) = surname(name) {
            buckets
                .entry(source_key(last))
                .or_default()
                .push((root, name));
        }
    }
    let mut buckets: Vec<Vec<(usize, &str)>> = buckets.into_values().collect();
    buckets.sort_by_key(|b| b[0].0);
    for mut bucket in buckets {
        if bucket.len() < 2 {
            continue;
        }
        // Full first names first, so that an initial ("M. Quinlan") finds them all.
        let initial_only = |name: &str| {
            source_key(name)
                .split(' ')
                .next()
                .is_some_and(|w| w.chars().count() <= 2)
        };
        bucket.sort_by_key(|&(root, name)| (initial_only(name), root));
        let mut clusters: Vec<(usize, &str)> = Vec::new();
        for (root, name) in bucket {
            let matching: Vec<usize> = clusters
                .iter()
                .enumerate()
                .filter(|(_, (_, rep))| same_entity(&person_link(name), &person_link(rep)))
                .map(|(k, _)| k)
                .collect();
            match matching.as_slice() {
                [] => clusters.push((root, name)),
                [only] => sets.union(root, clusters[*only].0),
                // Compatible with several people: it cannot be told which.
                _ => {}
            }
        }
    }
}

/// Rule 3: a full name given as an alias joins the source of that name.
fn join_full_name_aliases(units: &[Unit], sets: &mut Sets) {
    let mut named: HashMap<&str, usize> = HashMap::default();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins == Joins::Freely {
            named.entry(unit.key.as_str()).or_insert(i);
        }
    }
    let info = set_info(units, sets);
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins != Joins::Freely {
            continue;
        }
        for alias in &unit.source.aliases {
            if !is_name_like(alias) || !is_full_name(alias) {
                continue;
            }
            let key = source_key(alias);
            if key == unit.key {
                continue;
            }
            if let Some(&j) = named.get(key.as_str()) {
                pending.push((i, j));
            }
        }
    }
    for (i, j) in pending {
        let (a, b) = (sets.find(i), sets.find(j));
        if a != b && compatible(&info, a, b) {
            sets.union(a, b);
        }
    }
}

/// Rule 4: a one-word name joins the one source whose surname or alias it is.
fn join_single_names(units: &[Unit], sets: &mut Sets) {
    let info = set_info(units, sets);
    // Keys of surnames and one-word aliases to the sets holding them.
    let mut holders: HashMap<String, Vec<usize>> = HashMap::default();
    let mut add = |key: String, root: usize| {
        let entry = holders.entry(key).or_default();
        if !entry.contains(&root) {
            entry.push(root);
        }
    };
    for (i, unit) in units.iter().enumerate() {
        if unit.joins != Joins::Freely {
            continue;
        }
        let root = sets.find(i);
        if unit.source.kind == SourceKind::Person
            && is_full_name(&unit.source.name)
            && let Some(last) = surname(&unit.source.name)
        {
            add(format!("person:{}", source_key(last)), root);
        }
        for alias in &unit.source.aliases {
            let key = source_key(alias);
            if is_name_like(alias) && !key.is_empty() && !key.contains(' ') && key != unit.key {
                add(key, root);
            }
        }
    }
    let mut done: rustc_hash::FxHashSet<usize> = Default::default();
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins != Joins::Freely || unit.key.contains(' ') || unit.key.is_empty() {
            continue;
        }
        let root = sets.find(i);
        if !done.insert(root) || info.person.contains_key(&root) {
            continue;
        }
        let mut candidates: Vec<usize> = holders.get(&unit.key).cloned().unwrap_or_default();
        if unit.source.kind == SourceKind::Person
            && let Some(people) = holders.get(&format!("person:{}", unit.key))
        {
            for &p in people {
                if !candidates.contains(&p) {
                    candidates.push(p);
                }
            }
        }
        candidates.retain(|&c| c != root);
        if let [only] = candidates.as_slice()
            && compatible(&info, root, *only)
        {
            pending.push((root, *only));
        }
    }
    for (a, b) in pending {
        sets.union(a, b);
    }
}

/// Counts of names, kinds and roles over a group's units, and the source they make.
fn describe_group(units: &[Unit], group: &[usize]) -> LibrarySource {
    // Name key → (the form first seen, reports using it as the name, uses as alias, order).
    let mut names: HashMap<String, (String, usize, usize, usize)> = HashMap::default();
    let mut order: Vec<String> = Vec::new();
    let mut kinds: HashMap<SourceKind, usize> = HashMap::default();
    let mut roles: HashMap<String, (String, usize)> = HashMap::default();
    let mut articles: Vec<u32> = Vec::new();
    let mut claims: Vec<ClaimAt> = Vec::new();
    let mut relayed: Vec<ClaimAt> = Vec::new();
    let mut marked: Vec<u32> = Vec::new();
    for &u in group {
        let unit = &units[u];
        let mut count = |text: &str, as_name: bool| {
            let key = source_key(text);
            if key.is_empty() {
                return;
            }
            let entry = names.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (text.to_owned(), 0, 0, order.len())
            });
            if as_name {
                entry.1 += 1;
            } else {
                entry.2 += 1;
            }
        };
        count(&unit.source.name, true);
        for alias in &unit.source.aliases {
            count(alias, false);
        }
        *kinds.entry(unit.source.kind).or_default() +=
            unit.claims.len() + unit.relayed.len() + unit.marked.len();
        marked.extend(&unit.marked);
        if let Some(role) = &unit.source.role {
            let entry = roles
                .entry(role.to_lowercase())
                .or_insert_with(|| (role.clone(), 0));
            entry.1 += 1;
        }
        articles.push(unit.article);
        claims.extend(unit.claims.iter().map(|&c| ClaimAt {
            article: unit.article,
            claim: c,
        }));
        relayed.extend(unit.relayed.iter().map(|&c| ClaimAt {
            article: unit.article,
            claim: c,
        }));
    }
    // The name: the full name most reports use, else the name most reports use.
    let display_key = order
        .iter()
        .filter(|k| names[*k].1 > 0)
        .max_by_key(|k| {
            let (text, as_name, _, position) = &names[*k];
            (is_full_name(text), *as_name, std::cmp::Reverse(*position))
        })
        .cloned()
        .unwrap_or_default();
    let name = names
        .get(&display_key)
        .map(|(text, ..)| text.clone())
        .unwrap_or_default();
    let mut aliases: Vec<(usize, usize, String)> = order
        .iter()
        .enumerate()
        .filter(|(_, k)| **k != display_key)
        .map(|(position, k)| {
            let (text, as_name, as_alias, _) = &names[k];
            (as_name + as_alias, position, text.clone())
        })
        .collect();
    aliases.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let other_names: Vec<String> = order
        .iter()
        .filter(|k| **k != display_key && names[*k].1 > 0)
        .map(|k| names[k].0.clone())
        .collect();
    // The kind most of its claims give it; a name is not an unnamed source's.
    let pick = |skip_unnamed: bool| {
        kinds
            .iter()
            .filter(|(k, _)| !skip_unnamed || **k != SourceKind::Unnamed)
            .max_by_key(|(k, n)| (**n, kind_rank(**k)))
            .map(|(k, _)| *k)
    };
    let kind = pick(is_name_like(&name))
        .or_else(|| pick(false))
        .unwrap_or(SourceKind::Unnamed);
    let mut roles: Vec<(String, usize)> = roles.into_values().collect();
    roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    claims.sort_unstable();
    relayed.sort_unstable();
    marked.sort_unstable();
    articles.sort_unstable();
    articles.dedup();
    LibrarySource {
        id: crate::extract::stable_id("src-", &[display_key.as_bytes()]),
        name,
        kind,
        aliases: aliases.into_iter().map(|(_, _, text)| text).collect(),
        other_names,
        roles: roles.into_iter().map(|(role, _)| role).collect(),
        reports: articles.len(),
        claims,
        relayed,
        marked,
    }
}

/// A fixed order of kinds, to break ties the same way every time.
fn kind_rank(kind: SourceKind) -> u8 {
    match kind {
        SourceKind::Person => 6,
        SourceKind::Outlet => 5,
        SourceKind::Organization => 4,
        SourceKind::Government => 3,
        SourceKind::Group => 2,
        SourceKind::Unnamed => 1,
    }
}
