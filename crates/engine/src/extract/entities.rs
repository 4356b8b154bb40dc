//! Source entities: parse source phrases into name, role and description, resolve pronouns,
//! surnames, relative pronouns and references like "the newspaper", and merge every mention of
//! one real-world source into one entity with its fullest name, role and aliases.

use rustc_hash::FxHashMap as HashMap;

use super::analysis::{Analysis, is_calendar_word, strip_possessive};
use super::attribution::{ByteSpan, SourcePhrase};
use super::lexicon::{Lexicon, class};
use super::model::SourceKind;
use super::names::{self, is_pronoun, looks_like_outlet_name};
use super::tokens::TokenKind;

/// A source entity being built.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Fullest name (or the description, for unnamed sources).
    pub name: String,
    /// What kind of source.
    pub kind: SourceKind,
    /// Role or title.
    pub role: Option<String>,
    /// Whether the role came from an appositive description (preferred over a title).
    role_from_description: bool,
    /// Surface forms seen, in order.
    pub aliases: Vec<String>,
}

/// A capitalised name found anywhere in the text.
#[derive(Debug, Clone)]
struct NameMention {
    start: usize,
    name: String,
    role: Option<String>,
    is_person: bool,
    is_sentence_initial: bool,
    kind: SourceKind,
}

/// Resolves source phrases to entities.
pub struct Resolver<'x, 'a> {
    a: &'x Analysis<'a>,
    names: Vec<NameMention>,
    full_name_of_surname: HashMap<String, String>,
    /// Entities in order of creation.
    pub entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    /// (byte offset, entity) of every resolved mention, for "it"/"they"/"the newspaper".
    resolved: Vec<(usize, usize)>,
    /// The entity that first took each alias (lower case).
    entity_of_alias: HashMap<String, usize>,
    /// Names the text calls a capital ("the Corvellian capital, Esker"): governments.
    capitals: rustc_hash::FxHashSet<String>,
}

/// How many recent names a pronoun may reach back over.
const RECENT_NAMES: usize = 200;

/// How many recent source mentions "it", "they" or "the newspaper" may reach back over.
const RECENT_MENTIONS: usize = 40;

const PARTICLES: [&str; 10] = [
    "de", "van", "von", "bin", "al", "da", "di", "del", "der", "le",
];

impl<'x, 'a> Resolver<'x, 'a> {
    /// Indexes the capitalised names of the analysed text.
    pub fn new(a: &'x Analysis<'a>) -> Self {
        let names = index_names(a);
        let mut full_name_of_surname = HashMap::default();
        for mention in &names {
            // "Joseph R. Biden Jr." is Biden's full name, not Jr's.
            let words = names::without_suffix(&mention.name).split(' ').count();
            if mention.is_person
                && words >= 2
                && let Some(last) = names::surname(&mention.name)
            {
                full_name_of_surname
                    .entry(last.to_lowercase())
                    .or_insert_with(|| mention.name.clone());
            }
        }
        Self {
            a,
            names,
            full_name_of_surname,
            entities: Vec::new(),
            by_key: HashMap::default(),
            resolved: Vec::new(),
            entity_of_alias: HashMap::default(),
            capitals: capitals_named(a),
        }
    }

    /// The entity for an outlet named in the headline.
    pub fn outlet(&mut self, name: &str, at: usize) -> usize {
        let index = self.entity(name, SourceKind::Outlet, None, false);
        self.resolved.push((at, index));
        index
    }

    /// Resolves a source phrase to an entity index.
    pub fn resolve(&mut self, phrase: &SourcePhrase) -> Option<usize> {
        let (mention, description) = match *phrase {
            SourcePhrase::Phrase {
                mention,
                description,
            } => (mention, description),
            SourcePhrase::Relative {
                antecedent,
                description,
                ..
            } => (antecedent, description),
        };
        let text = self.a.text[mention.0..mention.1].trim();
        let lower = text.to_lowercase();
        let index = if let Some(pronoun) = names::pronoun_of(&lower) {
            self.resolve_pronoun(pronoun, mention.0)?
        } else {
            self.resolve_phrase(mention, description)?
        };
        self.resolved.push((mention.0, index));
        Some(index)
    }

    fn resolve_pronoun(&mut self, lower: &str, at: usize) -> Option<usize> {
        match lower {
            "they" | "them" | "their" | "it" | "its" | "we" => {
                let wants_group = matches!(lower, "they" | "them" | "their" | "we");
                let resolved_before = self.resolved_before(at);
                let recent = self.resolved
                    [resolved_before.saturating_sub(RECENT_MENTIONS)..resolved_before]
                    .iter()
                    .rev()
                    .map(|(_, e)| *e)
                    .find(|&e| {
                        let kind = self.entities[e].kind;
                        if wants_group {
                            kind != SourceKind::Person
                        } else {
                            matches!(
                                kind,
                                SourceKind::Organization
                                    | SourceKind::Outlet
                                    | SourceKind::Government
                            )
                        }
                    });
                if recent.is_some() {
                    return recent;
                }
                let names_before = self.names.partition_point(|n| n.start < at);
                let name = self.names[names_before.saturating_sub(RECENT_NAMES)..names_before]
                    .iter()
                    .rev()
                    .find(|n| !n.is_person)
                    .map(|n| (n.name.clone(), n.kind));
                let (name, kind) = name?;
                Some(self.entity(&name, kind, None, false))
            }
            _ => {
                // he, she, I, you: the most recent person named before.
                let names_before = self.names.partition_point(|n| n.start < at);
                let person = self.names[names_before.saturating_sub(RECENT_NAMES)..names_before]
                    .iter()
                    .rev()
                    .find(|n| n.is_person)
                    .map(|n| (n.name.clone(), n.role.clone()));
                let resolved_before = self.resolved_before(at);
                let recent_person = self.resolved
                    [resolved_before.saturating_sub(RECENT_MENTIONS)..resolved_before]
                    .iter()
                    .rev()
                    .find(|(_, e)| self.entities[*e].kind == SourceKind::Person)
                    .copied();
                match (person, recent_person) {
                    (Some((name, role)), _) => {
                        let full = self.full_name(&name);
                        Some(self.entity(&full, SourceKind::Person, role.as_deref(), false))
                    }
                    (None, Some((_, e))) => Some(e),
                    (None, None) => None,
                }
            }
        }
    }

    /// How many resolved mentions lie before byte `at` (they are recorded in text order,
    /// except for rare look-backs, so this scans from the end).
    fn resolved_before(&self, at: usize) -> usize {
        let mut count = self.resolved.len();
        while count > 0 && self.resolved[count - 1].0 >= at {
            count -= 1;
        }
        count
    }

    /// The fullest known form of a name: a surname becomes the full name seen elsewhere.
    fn full_name(&self, name: &str) -> String {
        if !name.contains(' ')
            && let Some(full) = self.full_name_of_surname.get(&name.to_lowercase())
        {
            return full.clone();
        }
        name.to_owned()
    }

    fn resolve_phrase(
        &mut self,
        mention: ByteSpan,
        description: Option<ByteSpan>,
    ) -> Option<usize> {
        let lexicon = Lexicon::get();
        let parsed = self.parse_phrase(mention)?;
        let description_text = description.map(|d| self.a.text[d.0..d.1].trim().to_owned());
        let surface = self.a.text[mention.0..mention.1].trim();
        let surface = strip_possessive(surface)
            .trim_end_matches([',', '.'])
            .to_owned();
        let index = match parsed.name {
            Some(name) => {
                let full = self.full_name(&name);
                let kind = if self.capitals.contains(full.as_str()) {
                    SourceKind::Government
                } else if parsed.names_outlet
                    || description_text.as_deref().is_some_and(describes_outlet)
                {
                    SourceKind::Outlet
                } else {
                    classify_name(&full, parsed.has_person_title)
                };
                let role = description_text
                    .as_deref()
                    .map(strip_article)
                    .map(str::to_owned)
                    .map(|r| (r, true))
                    .or(parsed.role.map(|r| (r, false)));
                let index = self.entity(
                    &full,
                    kind,
                    role.as_ref().map(|(r, _)| r.as_str()),
                    role.as_ref().is_some_and(|(_, d)| *d),
                );
                if let Some(description) = description_text {
                    self.add_alias(index, &description);
                }
                index
            }
            None => {
                let head = parsed.head.clone();
                // "the newspaper", "the daily": the latest outlet.
                if parsed.has_determiner
                    && lexicon.outlet_nouns.contains(head.as_str())
                    && let Some(outlet) = self.latest_of_kind(mention.0, SourceKind::Outlet)
                {
                    self.add_alias(outlet, &surface);
                    return Some(outlet);
                }
                // "the president", "the former envoy": an entity with that role, or that alias.
                if parsed.has_determiner
                    && let Some(existing) = self.entity_by_description(&surface, &head)
                {
                    self.add_alias(existing, &surface);
                    return Some(existing);
                }
                let kind = classify_description(&surface, &head, parsed.has_capital);
                let name = if kind == SourceKind::Unnamed || kind == SourceKind::Group {
                    surface.clone()
                } else {
                    strip_article(&surface).to_owned()
                };
                self.entity(&name, kind, None, false)
            }
        };
        self.add_alias(index, &surface);
        Some(index)
    }

    fn latest_of_kind(&self, at: usize, kind: SourceKind) -> Option<usize> {
        let before = self.resolved_before(at + 1);
        self.resolved[before.saturating_sub(RECENT_MENTIONS)..before]
            .iter()
            .rev()
            .find(|(_, e)| self.entities[*e].kind == kind)
            .map(|(_, e)| *e)
    }

    fn entity_by_description(&self, surface: &str, head: &str) -> Option<usize> {
        let lower = surface.to_lowercase();
        let lexicon = Lexicon::get();
        if let Some(&found) = self.entity_of_alias.get(&lower) {
            return Some(found);
        }
        if !lexicon.titles.contains(head) {
            return None;
        }
        let wanted: Vec<String> = strip_article(&lower)
            .split(' ')
            .map(str::to_owned)
            .collect();
        let has_all = |e: &Entity| {
            e.role.as_deref().is_some_and(|r| {
                let role = r.to_lowercase();
                let role_words: Vec<&str> = role.split(' ').collect();
                wanted.iter().all(|w| role_words.contains(&w.as_str()))
            })
        };
        self.entities
            .iter()
            .rposition(|e| e.kind == SourceKind::Person && has_all(e))
            .or_else(|| {
                self.entities.iter().rposition(|e| {
                    e.kind == SourceKind::Person
                        && e.role
                            .as_deref()
                            .is_some_and(|r| r.to_lowercase().split(' ').any(|w| w == head))
                })
            })
    }

    /// Finds or creates the entity for a canonical name.
    fn entity(
        &mut self,
        name: &str,
        kind: SourceKind,
        role: Option<&str>,
        role_from_description: bool,
    ) -> usize {
        let key = entity_key(name);
        let index = match self.by_key.get(&key) {
            Some(&index) => index,
            None => {
                self.entities.push(Entity {
                    name: name.to_owned(),
                    kind,
                    role: None,
                    role_from_description: false,
                    aliases: Vec::new(),
                });
                self.by_key.insert(key, self.entities.len() - 1);
                self.entities.len() - 1
            }
        };
        if let Some(role) = role.filter(|r| !r.is_empty()) {
            let entity = &mut self.entities[index];
            if entity.role.is_none() || (role_from_description && !entity.role_from_description) {
                entity.role = Some(role.to_owned());
                entity.role_from_description = role_from_description;
            }
        }
        index
    }

    fn add_alias(&mut self, index: usize, alias: &str) {
        let alias = alias.trim().trim_end_matches([',', '.']);
        if alias.is_empty() || is_pronoun(&alias.to_lowercase()) {
            return;
        }
        let entity = &mut self.entities[index];
        let lower = alias.to_lowercase();
        let name_lower = entity.name.to_lowercase();
        if lower == name_lower || (lower.ends_with(&name_lower) && lower.len() > name_lower.len()) {
            return;
        }
        match self.entity_of_alias.entry(lower) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                entity.aliases.push(alias.to_owned());
                slot.insert(index);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                if !entity.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)) {
                    entity.aliases.push(alias.to_owned());
                }
            }
        }
    }

    /// Adds, for each entity in `wanted`, the other forms of its name used in the text
    /// ("Macron’s words" gives "Macron" for Emmanuel Macron).
    pub fn collect_name_aliases(&mut self, wanted: &[usize]) {
        let mut is_wanted = vec![false; self.entities.len()];
        for &index in wanted {
            if let Some(slot) = is_wanted.get_mut(index) {
                *slot = true;
            }
        }
        let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        let mut additions = Vec::new();
        for mention in &self.names {
            if !seen.insert(mention.name.as_str()) {
                continue;
            }
            let full = self.full_name(&mention.name);
            if let Some(&index) = self.by_key.get(&entity_key(&full))
                && is_wanted.get(index).copied().unwrap_or(false)
            {
                additions.push((index, mention.name.clone()));
            }
        }
        for (index, alias) in additions {
            self.add_alias(index, &alias);
        }
    }

    fn parse_phrase(&self, span: ByteSpan) -> Option<ParsedPhrase> {
        let a = self.a;
        let lexicon = Lexicon::get();
        let first = a.tokens.partition_point(|t| t.start < span.0);
        let last = a.tokens.partition_point(|t| t.end <= span.1);
        if first >= last {
            return None;
        }
        let words: Vec<usize> = (first..last)
            .filter(|&k| a.is_word(k) || a.tokens[k].kind == TokenKind::Number)
            .collect();
        if words.is_empty() {
            return None;
        }
        let has_determiner = a.has_class(words[0], class::DET);
        let has_capital = words
            .iter()
            .any(|&k| a.is_cap(k) && !(k == words[0] && has_determiner));
        // "Deputy Minister Ana Petrel of Corvell": the name stands before "of PLACE".
        let words: Vec<usize> = match words.iter().position(|&k| a.lower(k) == "of") {
            Some(of)
                if of >= 2
                    && a.is_cap(words[of - 1])
                    && a.is_cap(words[of - 2])
                    && !lexicon.titles.contains(a.base(words[of - 1])) =>
            {
                words[..of].to_vec()
            }
            _ => words,
        };
        // The name: the trailing run of capitalised words that are not titles.
        let mut name_first = words.len();
        while name_first > 0 {
            let k = words[name_first - 1];
            let lower = a.base(k);
            let is_title = lexicon.titles.contains(lower);
            let is_particle = PARTICLES.contains(&lower) && name_first < words.len();
            if (a.is_cap(k) && !is_title && !is_calendar_word(lower)) || is_particle {
                name_first -= 1;
            } else {
                break;
            }
        }
        // Keep "The" in outlet names ("The New York Post") but not in others.
        let head = a.base(words[words.len() - 1]).to_owned();
        // A common noun opening the sentence is not a name ("Officials said").
        if name_first + 1 == words.len()
            && (lexicon.unnamed.contains(a.lower(words[name_first]))
                || lexicon.outlet_nouns.contains(a.lower(words[name_first])))
        {
            name_first = words.len();
        }
        if name_first == words.len() {
            // "the Interfax news agency": a name before the outlet noun is the outlet's.
            let outlet = if lexicon.outlet_nouns.contains(head.as_str()) {
                outlet_before_noun(a, &words)
            } else {
                None
            };
            return Some(ParsedPhrase {
                names_outlet: outlet.is_some(),
                name: outlet,
                role: None,
                head,
                has_determiner,
                has_capital,
                has_person_title: false,
            });
        }
        let name_tokens = &words[name_first..];
        let mut name = name_text(a, name_tokens);
        if name_first > 0 && a.lower(words[name_first - 1]) == "the" {
            let with_article = format!("The {name}");
            if lexicon.outlets.contains(&with_article.to_lowercase())
                || looks_like_outlet_name(&name)
            {
                name = with_article;
            }
        }
        let role_words: Vec<usize> = words[..name_first]
            .iter()
            .copied()
            .skip_while(|&k| a.has_class(k, class::DET))
            .collect();
        let honorific_only = role_words.len() == 1 && {
            let lower = a.lower(role_words[0]);
            lexicon.honorifics.contains(lower)
        };
        let has_person_title = role_words.iter().any(|&k| {
            let lower = a.base(k);
            lexicon.titles.contains(lower)
        });
        // "a spokesperson for Network Rail": the name is the organisation the role serves.
        let serves_organization = role_words
            .last()
            .is_some_and(|&k| a.has_class(k, class::PREP));
        let role_words: Vec<usize> = if serves_organization {
            role_words[..role_words.len() - 1].to_vec()
        } else {
            role_words
        };
        // "the Polish daily Rzeczpospolita", in the phrase or just before it.
        let noun_before = role_words.last().copied().or_else(|| {
            (first > 0 && a.is_word(first - 1) && !a.is_cap(first - 1)).then(|| first - 1)
        });
        let names_outlet = noun_before.is_some_and(|k| lexicon.outlet_nouns.contains(a.base(k)));
        let role = (!role_words.is_empty() && !honorific_only && has_person_title)
            .then(|| join_words(a, &role_words));
        let has_person_title = has_person_title && !serves_organization;
        Some(ParsedPhrase {
            name: Some(name),
            role,
            head,
            has_determiner,
            has_capital,
            has_person_title,
            names_outlet,
        })
    }
}

struct ParsedPhrase {
    name: Option<String>,
    role: Option<String>,
    head: String,
    has_determiner: bool,
    has_capital: bool,
    has_person_title: bool,
    /// The words before the name end in an outlet noun ("the Polish daily Rzeczpospolita"),
    /// or the name stands before one ("the Interfax news agency"): the name is an outlet's.
    names_outlet: bool,
}

/// The text from the first to the last of `tokens`, keeping the dots of initials
/// ("J. R. Amsel"), without a possessive ending, whitespace collapsed.
fn name_text(a: &Analysis, tokens: &[usize]) -> String {
    let (Some(&first), Some(&last)) = (tokens.first(), tokens.last()) else {
        return String::new();
    };
    let raw = &a.text[a.tokens[first].start..a.tokens[last].end];
    if raw.contains(['\n', '\t', '\r']) || raw.contains("  ") {
        strip_possessive(&crate::text::squash_whitespace(raw)).to_owned()
    } else {
        strip_possessive(raw).to_owned()
    }
}

fn join_words(a: &Analysis, tokens: &[usize]) -> String {
    let mut out = String::new();
    for (n, &k) in tokens.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(strip_possessive(a.raw(k)));
    }
    out
}

fn strip_article(text: &str) -> &str {
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = text.strip_prefix(article) {
            return rest;
        }
    }
    text
}

fn entity_key(name: &str) -> String {
    strip_article(name).to_lowercase()
}

/// The outlet named before a trailing outlet noun: "Interfax" in "the Interfax news agency",
/// "Tass" in "Russia's Tass news agency"; not an adjective ("the Polish daily") or a
/// participle ("the Kremlin-backed channel").
fn outlet_before_noun(a: &Analysis, words: &[usize]) -> Option<String> {
    let mut end = words.len();
    while end > 0 && !a.is_cap(words[end - 1]) {
        end -= 1;
    }
    if end == 0 || end == words.len() || words.len() - end > 3 {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let k = words[start - 1];
        let is_possessor = start < end && strip_possessive(a.raw(k)) != a.raw(k);
        if !a.is_cap(k) || a.has_class(k, class::DET) || is_possessor {
            break;
        }
        start -= 1;
    }
    let describes = |k: usize| {
        let raw = a.raw(k);
        names::is_people_adjective(raw)
            || raw
                .split_once('-')
                .is_some_and(|(_, rest)| rest.starts_with(char::is_lowercase))
            || Lexicon::get().titles.contains(a.base(k))
    };
    while start < end && describes(words[start]) {
        start += 1;
    }
    (start < end).then(|| name_text(a, &words[start..end]))
}

/// Whether an appositive description calls its name an outlet: its head noun, the last word
/// before any preposition, is an outlet noun ("a Polish daily", "the Warsaw newspaper"; not
/// "an editor at the newspaper").
fn describes_outlet(description: &str) -> bool {
    let lexicon = Lexicon::get();
    let head = description
        .split(' ')
        .take_while(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "for" | "at" | "of" | "with" | "in" | "from" | "on" | "to" | "who" | "which"
            )
        })
        .last()
        .map(|w| w.trim_end_matches([',', '.']).to_lowercase());
    head.is_some_and(|h| lexicon.outlet_nouns.contains(&h))
}

/// The kind of a source known only by its name (one the person typed): a news outlet, a
/// government, a group, an organisation or, failing those, a person.
pub fn kind_of_name(name: &str) -> SourceKind {
    classify_name(name.trim(), false)
}

/// Kind of a named source.
fn classify_name(name: &str, has_person_title: bool) -> SourceKind {
    let lexicon = Lexicon::get();
    let lower = name.to_lowercase();
    let bare = lower.strip_prefix("the ").unwrap_or(&lower);
    if lexicon.outlets.contains(bare) {
        return SourceKind::Outlet;
    }
    if lexicon.governments.contains_key(bare) {
        return SourceKind::Government;
    }
    if looks_like_outlet_name(name.trim_start_matches("The ")) {
        return SourceKind::Outlet;
    }
    if has_person_title {
        return SourceKind::Person;
    }
    // "Republicans", "House Democrats", "Ukrainians": a party's members or a people.
    if bare.rsplit(' ').next().is_some_and(names::is_group_plural) {
        return SourceKind::Group;
    }
    if name.starts_with("The ") {
        return SourceKind::Organization;
    }
    let is_acronym = !name.contains(' ')
        && name.len() >= 2
        && name.chars().all(|c| c.is_uppercase() || c == '.');
    let org_word = lower
        .split(' ')
        .any(|w| lexicon.organization_words.contains(w));
    if is_acronym || org_word {
        SourceKind::Organization
    } else {
        SourceKind::Person
    }
}

/// Kind of a source phrase with no proper name at its end.
fn classify_description(surface: &str, head: &str, has_capital: bool) -> SourceKind {
    let lexicon = Lexicon::get();
    if lexicon.outlet_nouns.contains(head) {
        return SourceKind::Outlet;
    }
    // Plural nouns for countries and their governments make a group ("other member states").
    if matches!(
        head,
        "states"
            | "nations"
            | "countries"
            | "allies"
            | "governments"
            | "partners"
            | "neighbours"
            | "neighbors"
            | "powers"
            | "capitals"
            | "members"
    ) {
        return SourceKind::Group;
    }
    if matches!(
        head,
        "campaign"
            | "administration"
            | "government"
            | "company"
            | "committee"
            | "party"
            | "ministry"
            | "agency"
            | "department"
            | "court"
            | "police"
            | "army"
    ) {
        return SourceKind::Organization;
    }
    if lexicon.unnamed.contains(head) {
        return SourceKind::Unnamed;
    }
    if has_capital && head.ends_with('s') {
        return SourceKind::Group;
    }
    let _ = surface;
    SourceKind::Unnamed
}

/// Names given as a capital in the text: "the capital, Esker", "the capital Esker".
fn capitals_named(a: &Analysis) -> rustc_hash::FxHashSet<String> {
    let mut capitals = rustc_hash::FxHashSet::default();
    for k in 0..a.tokens.len() {
        if a.lower(k) != "capital" {
            continue;
        }
        let name = if a.is_punct(k + 1, ",") { k + 2 } else { k + 1 };
        if a.is_cap(name) {
            capitals.insert(strip_possessive(a.raw(name)).to_owned());
        }
    }
    capitals
}

/// Finds capitalised names in the whole text, with a person hint and a kind.
fn index_names(a: &Analysis) -> Vec<NameMention> {
    let lexicon = Lexicon::get();
    let mut names = Vec::new();
    let mut kinds: HashMap<String, SourceKind> = HashMap::default();
    let sentence_starts: rustc_hash::FxHashSet<usize> =
        a.sentences.iter().map(|s| s.first).collect();
    let mut k = 0;
    let n = a.tokens.len();
    while k < n {
        if !a.is_cap(k) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k;
        while end < n {
            let is_name_word =
                a.is_cap(end) && !is_calendar_word(a.lower(end)) && !is_pronoun(a.lower(end));
            let is_abbreviation_dot = a.is_punct(end, ".")
                && end > start
                && a.is_word(end - 1)
                && a.raw(end - 1).chars().count() <= 4
                && a.is_cap(end + 1);
            let is_particle = PARTICLES.contains(&a.lower(end)) && a.is_cap(end + 1) && end > start;
            if !(is_name_word || is_abbreviation_dot || is_particle) {
                break;
            }
            end += 1;
            if a.raw(end - 1).ends_with("’s") || a.raw(end - 1).ends_with("'s") {
                break;
            }
        }
        let mut words: Vec<usize> = (start..end).filter(|&j| a.is_word(j)).collect();
        // Sentence-initial function words ("The", "But") are not names.
        while let Some(&first) = words.first() {
            let lower = a.lower(first);
            if a.has_class(
                first,
                class::DET
                    | class::PREP
                    | class::CONJ
                    | class::SUB
                    | class::PRON
                    | class::ADV
                    | class::AUX
                    | class::REL
                    | class::TIME,
            ) || (sentence_starts.contains(&first) && a.info[first].verb.is_some())
                || lower == "according"
            {
                words.remove(0);
            } else {
                break;
            }
        }
        let has_honorific = words
            .iter()
            .any(|&j| lexicon.honorifics.contains(a.lower(j)));
        let title_at = words.iter().rposition(|&j| {
            let lower = a.base(j);
            lexicon.titles.contains(lower)
        });
        let name_words: Vec<usize> = match title_at {
            Some(t) => words[t + 1..].to_vec(),
            None => words.clone(),
        };
        if !name_words.is_empty() {
            let name = name_text(a, &name_words);
            let lower = name.to_lowercase();
            let is_single_sentence_start =
                name_words.len() == 1 && sentence_starts.contains(&name_words[0]);
            let kind = match kinds.get(name.as_str()) {
                Some(&kind) => kind,
                None => {
                    let kind = classify_name(&name, false);
                    kinds.insert(name.clone(), kind);
                    kind
                }
            };
            let kind = if title_at.is_some() && kind == SourceKind::Organization {
                SourceKind::Person
            } else {
                kind
            };
            let is_person = kind == SourceKind::Person
                && (title_at.is_some()
                    || has_honorific
                    || (name_words.len() >= 2 && name_words.len() <= 4))
                && !lexicon.governments.contains_key(&lower);
            {
                let role_words: Vec<usize> = match title_at {
                    Some(t) if !has_honorific || t > 0 => {
                        // Lower-case role words just before the run ("Kremlin spokesman").
                        words[..=t].to_vec()
                    }
                    _ => Vec::new(),
                };
                let role = (!role_words.is_empty()).then(|| join_words(a, &role_words));
                names.push(NameMention {
                    start: a.tokens[name_words[0]].start,
                    name,
                    role,
                    is_person,
                    kind,
                    is_sentence_initial: is_single_sentence_start,
                });
            }
        }
        k = end.max(k + 1);
    }
    // Single surnames of known people count as person mentions too.
    let people: std::collections::HashSet<String> = names
        .iter()
        .filter(|m| m.is_person)
        .filter_map(|m| names::surname(&m.name).map(str::to_lowercase))
        .collect();
    for mention in &mut names {
        if !mention.is_person
            && !mention.name.contains(' ')
            && people.contains(&mention.name.to_lowercase())
        {
            mention.is_person = true;
        }
    }
    names.retain(|m| !m.is_sentence_initial || m.is_person);
    names
}
