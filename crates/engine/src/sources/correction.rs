//! Corrections of who the sources are, and how they apply to an extraction and to the sources
//! the library keeps.
//!
//! A correction names a source by the names it had when the correction was made ([`Correction::source`]
//! and [`Correction::also`]); a source answers to it when its name has one of their keys. Names are
//! matched, never aliases: a bare "Biden" alias of Hunter Biden does not make him answer to a
//! merge of "Biden". Corrections apply in the order they were made, each to what the previous
//! ones left, so undoing one is removing it.

use chrono::{DateTime, Utc};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use super::source_key;
use crate::extract::{Attribution, Extraction, Source, SourceKind};
use crate::library::{LibrarySource, SourceRef};

/// One correction the person made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Stable id ("k-" and hex digits).
    pub id: String,
    /// When it was made.
    pub made: DateTime<Utc>,
    /// The source it is about, by the name shown (for [`Change::NotASource`], the phrase).
    pub source: String,
    /// Other names the source went by when the correction was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Only in this article (its notes-store key); everywhere when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// What changes.
    #[serde(flatten)]
    pub change: Change,
}

/// What a correction changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// The source is `into` ("Dmitri Peskov" is Dmitry Peskov): it takes that name and keeps
    /// its own as an alias.
    Merge {
        /// The name of the source it is merged into.
        into: String,
    },
    /// The mentions of the source by `alias` are a source of their own, named so.
    Split {
        /// The alias split off.
        alias: String,
    },
    /// The source is of this kind.
    Kind {
        /// The right kind.
        kind: SourceKind,
    },
    /// The phrase names no source ("I've", "a series of tweets"): claims resting on it have
    /// none.
    NotASource,
}

impl Correction {
    /// A new correction made now about `source`, with an id of its own.
    pub fn new(source: &str, also: &[String], article: Option<&str>, change: Change) -> Self {
        let made = Utc::now();
        let nanos = made.timestamp_nanos_opt().unwrap_or_default();
        let id = crate::extract::stable_id(
            "k-",
            &[
                source.as_bytes(),
                &nanos.to_le_bytes(),
                format!("{change:?}").as_bytes(),
            ],
        );
        let source_key = source_key(source);
        let mut also: Vec<String> = also
            .iter()
            .filter(|a| source_key != self::source_key(a))
            .cloned()
            .collect();
        also.sort();
        also.dedup_by(|a, b| self::source_key(a) == self::source_key(b));
        Self {
            id,
            made,
            source: source.trim().to_owned(),
            also,
            article: article.map(str::to_owned),
            change,
        }
    }

    /// Merges the library source `from` into `into`, everywhere.
    pub fn merge(from: &LibrarySource, into: &LibrarySource) -> Self {
        Self::new(
            &from.name,
            &from.other_names,
            None,
            Change::Merge {
                into: into.name.clone(),
            },
        )
    }

    /// Splits the mentions of `source` by `alias` off it, everywhere or in one article.
    pub fn split(source: &LibrarySource, alias: &str, article: Option<&str>) -> Self {
        Self::new(
            &source.name,
            &source.other_names,
            article,
            Change::Split {
                alias: alias.trim().to_owned(),
            },
        )
    }

    /// Makes `source` of kind `kind`, everywhere.
    pub fn kind(source: &LibrarySource, kind: SourceKind) -> Self {
        Self::new(
            &source.name,
            &source.other_names,
            None,
            Change::Kind { kind },
        )
    }

    /// Marks `phrase` as naming no source, everywhere or in one article.
    pub fn not_a_source(phrase: &str, article: Option<&str>) -> Self {
        Self::new(phrase, &[], article, Change::NotASource)
    }

    /// The correction in words: "merge “Dmitri Peskov” into “Dmitry Peskov”".
    pub fn describe(&self) -> String {
        let scope = if self.article.is_some() {
            " (in one article)"
        } else {
            ""
        };
        let source = &self.source;
        match &self.change {
            Change::Merge { into } => format!("merge “{source}” into “{into}”{scope}"),
            Change::Split { alias } => format!("split “{alias}” off “{source}”{scope}"),
            Change::Kind { kind } => format!("make “{source}” {}{scope}", kind_label(*kind)),
            Change::NotASource => format!("“{source}” is not a source{scope}"),
        }
    }
}

/// "a person", "an organisation", …: a kind as written in a sentence.
pub fn kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Person => "a person",
        SourceKind::Organization => "an organisation",
        SourceKind::Outlet => "an outlet",
        SourceKind::Government => "a government",
        SourceKind::Group => "a group",
        SourceKind::Unnamed => "an unnamed source",
    }
}

/// A correction ready to apply: keys computed once.
#[derive(Debug, Clone)]
struct Compiled {
    /// Keys of the names the source went by.
    names: Vec<String>,
    article: Option<String>,
    change: CompiledChange,
}

#[derive(Debug, Clone)]
enum CompiledChange {
    Merge { into: String, into_key: String },
    Split { alias: String, alias_key: String },
    Kind(SourceKind),
    NotASource,
}

/// A source as the corrections see it: the fields they may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub name: String,
    pub kind: SourceKind,
    pub aliases: Vec<String>,
    pub role: Option<String>,
}

impl Named {
    fn of_source(source: &Source) -> Self {
        Self {
            name: source.name.clone(),
            kind: source.kind,
            aliases: source.aliases.clone(),
            role: source.role.clone(),
        }
    }

    pub(crate) fn of_ref(source: &SourceRef) -> Self {
        Self {
            name: source.name.clone(),
            kind: source.kind,
            aliases: source.aliases.clone(),
            role: source.role.clone(),
        }
    }

    pub(crate) fn into_ref(self) -> SourceRef {
        SourceRef {
            name: self.name,
            kind: self.kind,
            aliases: self.aliases,
            role: self.role,
        }
    }
}

/// A set of corrections, in the order they were made, ready to apply.
#[derive(Debug, Clone, Default)]
pub struct Corrections {
    list: Vec<Correction>,
    compiled: Vec<Compiled>,
    /// Every key a correction names: a source none of whose names has one is left alone.
    keys: HashSet<String>,
}

impl Corrections {
    /// The corrections in `list`, applied in order of [`Correction::made`].
    pub fn new(mut list: Vec<Correction>) -> Self {
        list.sort_by_key(|c| c.made);
        let mut keys = HashSet::default();
        let compiled = list
            .iter()
            .map(|c| {
                let names: Vec<String> = std::iter::once(&c.source)
                    .chain(&c.also)
                    .map(|n| source_key(n))
                    .filter(|k| !k.is_empty())
                    .collect();
                keys.extend(names.iter().cloned());
                let change = match &c.change {
                    Change::Merge { into } => {
                        keys.insert(source_key(into));
                        CompiledChange::Merge {
                            into: into.trim().to_owned(),
                            into_key: source_key(into),
                        }
                    }
                    Change::Split { alias } => {
                        keys.insert(source_key(alias));
                        CompiledChange::Split {
                            alias: alias.trim().to_owned(),
                            alias_key: source_key(alias),
                        }
                    }
                    Change::Kind { kind } => CompiledChange::Kind(*kind),
                    Change::NotASource => CompiledChange::NotASource,
                };
                Compiled {
                    names,
                    article: c.article.clone(),
                    change,
                }
            })
            .collect();
        Self {
            list,
            compiled,
            keys,
        }
    }

    /// The corrections, oldest first.
    pub fn list(&self) -> &[Correction] {
        &self.list
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether the source named `key` (see [`source_key`]) in the article `article` was
    /// split off another: `Some(true)` when split off in that article only, `Some(false)`
    /// when split off everywhere, `None` when not.
    pub fn split_off(&self, key: &str, article: &str) -> Option<bool> {
        let mut found = None;
        for c in &self.compiled {
            if let CompiledChange::Split { alias_key, .. } = &c.change
                && alias_key == key
            {
                match c.article.as_deref() {
                    Some(a) if a == article => return Some(true),
                    Some(_) => {}
                    None => found = Some(false),
                }
            }
        }
        found
    }

    /// Whether some correction may concern a source with this name and aliases, mentioned as
    /// `mention`: a quick test before [`Self::correct`].
    pub(crate) fn concerns(&self, name: &str, aliases: &[String], mention: Option<&str>) -> bool {
        !self.keys.is_empty()
            && std::iter::once(name)
                .chain(aliases.iter().map(String::as_str))
                .chain(mention)
                .any(|n| self.keys.contains(&source_key(n)))
    }

    /// Applies the corrections to one source, named by `mention` (if known) in the article
    /// whose key is `article`. Returns false when the source is not a source after all.
    pub(crate) fn correct(&self, source: &mut Named, mention: Option<&str>, article: &str) -> bool {
        let mention_key = mention.map(source_key);
        for c in &self.compiled {
            if c.article.as_deref().is_some_and(|a| a != article) {
                continue;
            }
            let answers = c.names.contains(&source_key(&source.name));
            let mentioned = mention_key.as_ref().is_some_and(|m| c.names.contains(m));
            match &c.change {
                CompiledChange::NotASource if answers || mentioned => return false,
                CompiledChange::Split { alias, alias_key } if answers => {
                    source.aliases.retain(|a| source_key(a) != *alias_key);
                    if mention_key.as_ref() == Some(alias_key) {
                        *source = Named {
                            name: alias.clone(),
                            kind: source.kind,
                            aliases: Vec::new(),
                            role: None,
                        };
                    }
                }
                CompiledChange::Merge { into, into_key }
                    if answers && source_key(&source.name) != *into_key =>
                {
                    let old = std::mem::replace(&mut source.name, into.clone());
                    if !source
                        .aliases
                        .iter()
                        .any(|a| source_key(a) == source_key(&old))
                    {
                        source.aliases.push(old);
                    }
                }
                CompiledChange::Kind(kind) if answers => source.kind = *kind,
                _ => {}
            }
        }
        true
    }

    /// Applies the corrections to the extraction of the article whose notes-store key is
    /// `article` (see [`crate::store::article_key`]): sources are renamed, merged, split,
    /// retyped or dropped; claims resting on a dropped source become unattributed.
    pub fn apply(&self, extraction: &mut Extraction, article: &str) {
        if self.is_empty() {
            return;
        }
        let originals: HashMap<String, Named> = extraction
            .sources
            .iter()
            .map(|s| (s.id.clone(), Named::of_source(s)))
            .collect();
        let mut built = Built::default();
        // Sources keep the order of first mention: each takes its place before any split-off.
        let mut default_id: HashMap<String, Option<String>> = HashMap::default();
        for source in &extraction.sources {
            let mut named = Named::of_source(source);
            let id = self
                .correct(&mut named, None, article)
                .then(|| built.upsert(named, &source.name));
            default_id.insert(source.id.clone(), id);
        }
        for claim in &mut extraction.claims {
            if let Some(mention) = &mut claim.source
                && let Some(original) = originals.get(&mention.id)
            {
                let mut named = original.clone();
                if self.correct(&mut named, Some(&mention.text), article) {
                    mention.id = built.upsert(named, &original.name);
                } else {
                    claim.source = None;
                    claim.cue = None;
                    claim.venue = None;
                    claim.attribution = if claim.hedges.is_empty() {
                        Attribution::Unattributed
                    } else {
                        Attribution::Hedged
                    };
                }
            }
            let own = claim.source.as_ref().map(|m| m.id.clone());
            let mut via: Vec<String> = Vec::new();
            for id in &claim.via {
                if let Some(Some(new)) = default_id.get(id)
                    && Some(new) != own.as_ref()
                    && !via.contains(new)
                {
                    via.push(new.clone());
                }
            }
            claim.via = via;
        }
        let mut sources = built.sources;
        for source in &mut sources {
            source.claims.clear();
        }
        let position: HashMap<String, usize> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut used = vec![false; sources.len()];
        for claim in &extraction.claims {
            if let Some(mention) = &claim.source
                && let Some(&i) = position.get(&mention.id)
            {
                sources[i].claims.push(claim.id.clone());
                used[i] = true;
            }
            for id in &claim.via {
                if let Some(&i) = position.get(id) {
                    used[i] = true;
                }
            }
        }
        extraction.sources = sources
            .into_iter()
            .zip(used)
            .filter_map(|(s, used)| used.then_some(s))
            .collect();
    }
}

/// Sources being rebuilt, one per name key.
#[derive(Default)]
struct Built {
    sources: Vec<Source>,
    by_key: HashMap<String, usize>,
    /// Whether each source's kind and role came from a source already of that name.
    from_own_name: Vec<bool>,
}

impl Built {
    /// The id of the source named like `named`, added or merged in. `original_name` is the
    /// name the extractor gave it: a source already of the merged-into name keeps its kind.
    fn upsert(&mut self, named: Named, original_name: &str) -> String {
        let key = source_key(&named.name);
        let own_name = source_key(original_name) == key;
        if let Some(&i) = self.by_key.get(&key) {
            let source = &mut self.sources[i];
            if own_name && !self.from_own_name[i] {
                source.kind = named.kind;
                source.role = named.role.clone().or(source.role.take());
                self.from_own_name[i] = true;
            } else if source.role.is_none() {
                source.role = named.role;
            }
            for alias in named.aliases {
                if source_key(&alias) != key
                    && !source
                        .aliases
                        .iter()
                        .any(|a| source_key(a) == source_key(&alias))
                {
                    source.aliases.push(alias);
                }
            }
            return source.id.clone();
        }
        let id = crate::extract::stable_id("s-", &[named.name.to_lowercase().as_bytes()]);
        self.by_key.insert(key, self.sources.len());
        self.from_own_name.push(own_name);
        self.sources.push(Source {
            id: id.clone(),
            name: named.name,
            kind: named.kind,
            role: named.role,
            aliases: named.aliases,
            claims: Vec::new(),
        });
        id
    }
}
