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

/// Id of a distinct name key (see [`source_key`]) in a directory.
type KeyId = u32;

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
    /// Every distinct name key, by id.
    keys: Vec<String>,
    key_ids: HashMap<String, KeyId>,
    /// For each key id, the sources with a name or alias of that key.
    by_key: Vec<Vec<u32>>,
    /// (article index, key of the source's name in that article) to source.
    by_article: HashMap<(u32, KeyId), u32>,
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

/// What the join needs to know of one name or alias as written, worked out once per text.
#[derive(Debug, Clone, Copy)]
struct Text {
    key: KeyId,
    /// A name rather than a description ([`is_name_like`]).
    name_like: bool,
    /// More than one word, "the" and a generational suffix left out.
    full: bool,
    /// The key is one word.
    single: bool,
}

/// Name keys, computed once per distinct text and numbered.
#[derive(Default)]
struct Interner<'a> {
    of_text: HashMap<&'a str, Text>,
    ids: HashMap<String, KeyId>,
    keys: Vec<String>,
}

impl<'a> Interner<'a> {
    fn text(&mut self, text: &'a str) -> Text {
        if let Some(&found) = self.of_text.get(text) {
            return found;
        }
        let key = source_key(text);
        let single = !key.is_empty() && !key.contains(' ');
        let id = self.id(key);
        let found = Text {
            key: id,
            name_like: is_name_like(text),
            full: is_full_name(text),
            single,
        };
        self.of_text.insert(text, found);
        found
    }

    fn id(&mut self, key: String) -> KeyId {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = KeyId::try_from(self.keys.len()).unwrap_or(KeyId::MAX);
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    fn is_empty_key(&self, id: KeyId) -> bool {
        self.keys[id as usize].is_empty()
    }
}

/// A source as one article names it.
struct Unit<'a> {
    article: u32,
    source: &'a SourceRef,
    name: Text,
    /// The aliases with a name key, as written.
    aliases: Vec<(Text, &'a str)>,
    /// Key of the surname, for a person with a full name.
    surname: Option<KeyId>,
    claims: Vec<u32>,
    relayed: Vec<u32>,
    marked: Vec<u32>,
    joins: Joins,
}

impl SourceDirectory {
    /// Joins the sources of every article of `library` (as corrected by the person) and of
    /// the claims the person `marked` by hand.
    pub fn build(library: &LibraryIndex, marked: &[MarkedClaim]) -> Self {
        let mut interner = Interner::default();
        let units = collect_units(library, marked, &mut interner);
        let mut sets = Sets::new(units.len());
        join_same_names(&units, &interner, &mut sets);
        join_people_by_surname(&units, &mut sets);
        join_full_name_aliases(&units, &mut sets);
        join_single_names(&units, &mut sets);
        Self::from_groups(&units, interner, &mut sets)
    }

    fn from_groups(units: &[Unit], interner: Interner, sets: &mut Sets) -> Self {
        let mut members: HashMap<usize, Vec<usize>> = HashMap::default();
        for i in 0..units.len() {
            members.entry(sets.find(i)).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = members.into_values().collect();
        groups.sort_by_key(|g| g[0]);
        let mut sources: Vec<(LibrarySource, Vec<usize>)> = groups
            .into_iter()
            .map(|g| (describe_group(units, &interner.keys, &g), g))
            .collect();
        let size = |s: &LibrarySource| s.claims.len() + s.marked.len() + s.relayed.len();
        sources.sort_by(|(a, _), (b, _)| size(b).cmp(&size(a)).then_with(|| a.name.cmp(&b.name)));
        let mut directory = Self {
            by_key: vec![Vec::new(); interner.keys.len()],
            keys: interner.keys,
            key_ids: interner.ids,
            ..Self::default()
        };
        for (index, (mut source, group)) in sources.into_iter().enumerate() {
            let base = source.id.clone();
            let mut n = 1;
            while directory.by_id.contains_key(&source.id) {
                n += 1;
                source.id = format!("{base}-{n}");
            }
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            directory.by_id.insert(source.id.clone(), index as usize);
            for &u in &group {
                let unit = &units[u];
                for text in std::iter::once(&unit.name).chain(unit.aliases.iter().map(|(t, _)| t)) {
                    let entry = &mut directory.by_key[text.key as usize];
                    if entry.last() != Some(&index) && !directory.keys[text.key as usize].is_empty()
                    {
                        entry.push(index);
                    }
                }
                directory
                    .by_article
                    .insert((unit.article, unit.name.key), index);
            }
            directory.sources.push(source);
        }
        for entry in &mut directory.by_key {
            entry.sort_unstable();
            entry.dedup();
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

    /// Positions (in [`Self::sources`]) of the sources named in the article at index
    /// `article` of the library.
    pub fn in_article_all(&self, article: usize) -> Vec<usize> {
        let Ok(article) = u32::try_from(article) else {
            return Vec::new();
        };
        let mut found: Vec<usize> = self
            .by_article
            .iter()
            .filter(|((a, _), _)| *a == article)
            .map(|(_, &i)| i as usize)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The sources with a name or alias of this key.
    fn with_key(&self, key: &str) -> &[u32] {
        self.key_ids
            .get(key)
            .map_or(&[], |&id| self.by_key[id as usize].as_slice())
    }

    /// The source an article names `name` (the article's index in the library).
    pub fn in_article(&self, article: usize, name: &str) -> Option<&LibrarySource> {
        let article = u32::try_from(article).ok()?;
        let key = *self.key_ids.get(&source_key(name))?;
        self.by_article
            .get(&(article, key))
            .map(|&i| &self.sources[i as usize])
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
            .find_map(|n| self.with_key(&source_key(n)).first())
            .map(|&i| &self.sources[i as usize])
    }

    /// Sources answering to `query`: those with it as a name or alias (any case), else those
    /// with a name or alias containing it; the one with the most claims first.
    pub fn find(&self, query: &str) -> Vec<&LibrarySource> {
        let key = source_key(query);
        if key.is_empty() {
            return Vec::new();
        }
        let exact = self.with_key(&key);
        let mut found: Vec<u32> = if exact.is_empty() {
            self.keys
                .iter()
                .zip(&self.by_key)
                .filter(|(k, _)| k.contains(&key))
                .flat_map(|(_, sources)| sources.iter().copied())
                .collect()
        } else {
            exact.to_vec()
        };
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|i| &self.sources[i as usize])
            .collect()
    }
}

/// The sources of each article, one per name, with the claims resting on them or relayed.
fn collect_units<'a>(
    library: &'a LibraryIndex,
    marked: &'a [MarkedClaim],
    interner: &mut Interner<'a>,
) -> Vec<Unit<'a>> {
    let corrections = library.corrections();
    let mut marked_in: HashMap<u32, Vec<usize>> = HashMap::default();
    for (m, claim) in marked.iter().enumerate() {
        marked_in.entry(claim.article).or_default().push(m);
    }
    let mut units: Vec<Unit> = Vec::new();
    for (a, article) in library.articles().iter().enumerate() {
        let article_index = u32::try_from(a).unwrap_or(u32::MAX);
        let mut by_name: HashMap<&str, usize> = HashMap::default();
        let mut context = UnitContext {
            units: &mut units,
            by_name: &mut by_name,
            interner: &mut *interner,
            article: article_index,
            split_off: &|key: &str| corrections.split_off(key, &article.path),
        };
        for (c, claim) in article.claims.iter().enumerate() {
            let claim_index = u32::try_from(c).unwrap_or(u32::MAX);
            if let Some(source) = &claim.source {
                let u = context.unit(source);
                context.units[u].claims.push(claim_index);
            }
            for relay in &claim.via {
                let u = context.unit(relay);
                if context.units[u].relayed.last() != Some(&claim_index) {
                    context.units[u].relayed.push(claim_index);
                }
            }
        }
        for &m in marked_in.get(&article_index).into_iter().flatten() {
            let u = context.unit(&marked[m].source);
            context.units[u]
                .marked
                .push(u32::try_from(m).unwrap_or(u32::MAX));
        }
    }
    units
}

/// What adding the units of one article needs.
struct UnitContext<'a, 'c> {
    units: &'c mut Vec<Unit<'a>>,
    by_name: &'c mut HashMap<&'a str, usize>,
    interner: &'c mut Interner<'a>,
    article: u32,
    split_off: &'c dyn Fn(&str) -> Option<bool>,
}

impl<'a> UnitContext<'a, '_> {
    /// The unit of `source` in the article, added on first sight.
    fn unit(&mut self, source: &'a SourceRef) -> usize {
        if let Some(&u) = self.by_name.get(source.name.as_str()) {
            return u;
        }
        let name = self.interner.text(&source.name);
        let joins = if source.kind == SourceKind::Unnamed && !name.name_like {
            Joins::Never
        } else {
            match (self.split_off)(&self.interner.keys[name.key as usize]) {
                Some(true) => Joins::Never,
                Some(false) => Joins::ByName,
                None => Joins::Freely,
            }
        };
        let mut aliases = Vec::with_capacity(source.aliases.len());
        for alias in &source.aliases {
            let text = self.interner.text(alias);
            if !self.interner.is_empty_key(text.key) {
                aliases.push((text, alias.as_str()));
            }
        }
        let surname = (source.kind == SourceKind::Person && name.full)
            .then(|| surname(&source.name))
            .flatten()
            .map(|last| self.interner.text(last).key);
        self.units.push(Unit {
            article: self.article,
            source,
            name,
            aliases,
            surname,
            claims: Vec::new(),
            relayed: Vec::new(),
            marked: Vec::new(),
            joins,
        });
        self.by_name.insert(&source.name, self.units.len() - 1);
        self.units.len() - 1
    }
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
fn join_same_names(units: &[Unit], interner: &Interner, sets: &mut Sets) {
    let mut first: HashMap<KeyId, usize> = HashMap::default();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins == Joins::Never || interner.is_empty_key(unit.name.key) {
            continue;
        }
        match first.get(&unit.name.key) {
            Some(&j) => sets.union(i, j),
            None => {
                first.insert(unit.name.key, i);
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
        if unit.source.kind == SourceKind::Person && unit.name.full {
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
    let mut buckets: HashMap<KeyId, Vec<(usize, &str)>> = HashMap::default();
    let mut seen: rustc_hash::FxHashSet<usize> = Default::default();
    for (i, unit) in units.iter().enumerate() {
        let Some(last) = unit.surname.filter(|_| unit.joins == Joins::Freely) else {
            continue;
        };
        let root = sets.find(i);
        if seen.insert(root) {
            buckets
                .entry(last)
                .or_default()
                .push((root, unit.source.name.as_str()));
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
    let mut named: HashMap<KeyId, usize> = HashMap::default();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins == Joins::Freely {
            named.entry(unit.name.key).or_insert(i);
        }
    }
    let info = set_info(units, sets);
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins != Joins::Freely {
            continue;
        }
        for (alias, _) in &unit.aliases {
            if !alias.name_like || !alias.full || alias.key == unit.name.key {
                continue;
            }
            if let Some(&j) = named.get(&alias.key) {
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
    // Keys of one-word aliases (false) and of surnames (true) to the sets holding them.
    let mut holders: HashMap<(bool, KeyId), Vec<usize>> = HashMap::default();
    let mut add = |key: (bool, KeyId), root: usize| {
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
        if let Some(last) = unit.surname {
            add((true, last), root);
        }
        for (alias, _) in &unit.aliases {
            if alias.name_like && alias.single && alias.key != unit.name.key {
                add((false, alias.key), root);
            }
        }
    }
    let mut done: rustc_hash::FxHashSet<usize> = Default::default();
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.joins != Joins::Freely || !unit.name.single {
            continue;
        }
        let root = sets.find(i);
        if !done.insert(root) || info.person.contains_key(&root) {
            continue;
        }
        let mut candidates: Vec<usize> = holders
            .get(&(false, unit.name.key))
            .cloned()
            .unwrap_or_default();
        if unit.source.kind == SourceKind::Person
            && let Some(people) = holders.get(&(true, unit.name.key))
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
fn describe_group(units: &[Unit], keys: &[String], group: &[usize]) -> LibrarySource {
    // Name key → (the form first seen, reports using it as the name, uses as alias, order).
    let mut names: HashMap<KeyId, (&str, usize, usize, usize)> = HashMap::default();
    let mut order: Vec<KeyId> = Vec::new();
    let mut kinds: HashMap<SourceKind, usize> = HashMap::default();
    let mut roles: HashMap<&str, usize> = HashMap::default();
    let mut articles: Vec<u32> = Vec::new();
    let mut claims: Vec<ClaimAt> = Vec::new();
    let mut relayed: Vec<ClaimAt> = Vec::new();
    let mut marked: Vec<u32> = Vec::new();
    for &u in group {
        let unit = &units[u];
        let texts = std::iter::once((&unit.name, unit.source.name.as_str(), true))
            .chain(unit.aliases.iter().map(|(t, a)| (t, *a, false)));
        for (text, written, as_name) in texts {
            if keys[text.key as usize].is_empty() {
                continue;
            }
            let entry = names.entry(text.key).or_insert_with(|| {
                order.push(text.key);
                (written, 0, 0, order.len())
            });
            if as_name {
                entry.1 += 1;
            } else {
                entry.2 += 1;
            }
        }
        *kinds.entry(unit.source.kind).or_default() +=
            unit.claims.len() + unit.relayed.len() + unit.marked.len();
        marked.extend(&unit.marked);
        if let Some(role) = &unit.source.role {
            *roles.entry(role.as_str()).or_default() += 1;
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
    let display = order
        .iter()
        .copied()
        .filter(|k| names[k].1 > 0)
        .max_by_key(|k| {
            let (text, as_name, _, position) = names[k];
            (is_full_name(text), as_name, std::cmp::Reverse(position))
        });
    let name = display.map(|k| names[&k].0.to_owned()).unwrap_or_default();
    let mut aliases: Vec<(usize, usize, &str)> = order
        .iter()
        .filter(|k| Some(**k) != display)
        .map(|k| {
            let (text, as_name, as_alias, position) = names[k];
            (as_name + as_alias, position, text)
        })
        .collect();
    aliases.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let other_names: Vec<String> = order
        .iter()
        .filter(|k| Some(**k) != display && names[*k].1 > 0)
        .map(|k| names[k].0.to_owned())
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
    // Roles differing only in case are one.
    let mut role_counts: HashMap<String, (&str, usize)> = HashMap::default();
    for (role, n) in roles {
        role_counts
            .entry(role.to_lowercase())
            .or_insert((role, 0))
            .1 += n;
    }
    let mut roles: Vec<(&str, usize)> = role_counts.into_values().collect();
    roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    claims.sort_unstable();
    relayed.sort_unstable();
    marked.sort_unstable();
    articles.sort_unstable();
    articles.dedup();
    let display_key = display.map_or("", |k| keys[k as usize].as_str());
    LibrarySource {
        id: crate::extract::stable_id("src-", &[display_key.as_bytes()]),
        name,
        kind,
        aliases: aliases
            .into_iter()
            .map(|(_, _, text)| text.to_owned())
            .collect(),
        other_names,
        roles: roles.into_iter().map(|(role, _)| role.to_owned()).collect(),
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
