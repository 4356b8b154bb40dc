//! The extractor's language knowledge, read from the data files in `assets/lexicon/` that are
//! embedded at build time. Each file documents its own format at the top.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::model::Stance;

/// A reporting verb form with what the extractor needs to know about it.
#[derive(Debug, Clone, Copy)]
pub struct VerbInfo {
    /// The lemma's stance.
    pub stance: Stance,
    /// Takes a listener before its content ("told reporters that").
    pub takes_listener: bool,
    /// The form is also a common noun or adjective.
    pub is_ambiguous: bool,
    /// Counts only before a quotation or a wh-/if-clause.
    pub needs_quote: bool,
    /// Takes an infinitive as its content ("refused to comment").
    pub takes_infinitive: bool,
    /// The form is a present participle ("telling").
    pub is_participle: bool,
}

/// Class bits of a closed-class word (see `function_words.tsv`).
pub mod class {
    /// Determiner or possessive.
    pub const DET: u16 = 1;
    /// Subject pronoun.
    pub const PRON: u16 = 1 << 1;
    /// Relative pronoun.
    pub const REL: u16 = 1 << 2;
    /// Auxiliary or modal.
    pub const AUX: u16 = 1 << 3;
    /// Preposition that ends a noun phrase.
    pub const PREP: u16 = 1 << 4;
    /// Coordinating conjunction.
    pub const CONJ: u16 = 1 << 5;
    /// Subordinating conjunction.
    pub const SUB: u16 = 1 << 6;
    /// Adverb allowed between subject and verb.
    pub const ADV: u16 = 1 << 7;
    /// Common non-reporting verb form.
    pub const VERB: u16 = 1 << 8;
    /// Time word starting a trailing modifier.
    pub const TIME: u16 = 1 << 9;
}

/// Whether a hedge makes a claim second-hand or only tentative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HedgeClass {
    /// "reportedly": passed on without a named source.
    Evidential,
    /// "may": tentative.
    Modal,
}

/// All lexicons, loaded once.
#[derive(Debug)]
pub struct Lexicon {
    /// Hedge phrases (lower case, split into words) with their class.
    pub hedges: Vec<(Vec<String>, HedgeClass)>,
    /// Indices into `hedges` by the phrase's first word.
    pub hedges_by_first_word: HashMap<String, Vec<usize>>,
    /// Titles and roles (lower case, possibly several words).
    pub titles: HashSet<String>,
    /// Honorifics: titles that mark a person but are not a role ("mr.").
    pub honorifics: HashSet<String>,
    /// Outlet names (lower case), also without a leading "the ".
    pub outlets: HashSet<String>,
    /// Words that make a name an organisation's ("party", "ministry").
    pub organization_words: HashSet<String>,
    /// Nouns that refer to outlets ("newspaper").
    pub outlet_nouns: HashSet<String>,
    /// Words that make a name of two words or more an outlet's ("Zeitung"), case-sensitive.
    pub outlet_name_words: HashSet<String>,
    /// Plurals naming groups of people ("republicans", "ukrainians"), lower case.
    pub group_nouns: HashSet<String>,
    /// Places standing for governments (lower case, also without a leading "the ") to the
    /// government's name.
    pub governments: HashMap<String, String>,
    /// Head nouns of unnamed sources.
    pub unnamed: HashSet<String>,
    /// Abbreviations (case-sensitive, no full stop).
    pub abbreviations: HashSet<String>,
    /// Every word the lexicon knows (lower case): its closed-class bits and, for reporting
    /// verb forms, their information; one lookup per token.
    pub words: HashMap<String, (u16, Option<VerbInfo>)>,
}

/// Lines of a lexicon file without comments and blanks.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

impl Lexicon {
    /// The lexicon built from the embedded asset files.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let mut verbs = HashMap::default();
        for line in data_lines(include_str!(
            "../../../../assets/lexicon/reporting_verbs.tsv"
        )) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [_lemma, stance, forms, flags] = fields[..] else {
                continue;
            };
            let Some(stance) = Stance::parse(stance) else {
                continue;
            };
            let flags: Vec<&str> = flags.split(',').collect();
            for form in forms.split(',') {
                verbs.insert(
                    form.to_owned(),
                    VerbInfo {
                        stance,
                        takes_listener: flags.contains(&"tell"),
                        is_ambiguous: flags.contains(&"ambig"),
                        needs_quote: flags.contains(&"quote"),
                        takes_infinitive: flags.contains(&"inf"),
                        is_participle: form.ends_with("ing"),
                    },
                );
            }
        }
        let hedges: Vec<(Vec<String>, HedgeClass)> =
            data_lines(include_str!("../../../../assets/lexicon/hedges.tsv"))
                .filter_map(|line| {
                    let (phrase, class) = line.split_once('\t')?;
                    let class = match class {
                        "evidential" => HedgeClass::Evidential,
                        "modal" => HedgeClass::Modal,
                        _ => return None,
                    };
                    Some((phrase.split(' ').map(str::to_owned).collect(), class))
                })
                .collect();
        let mut hedges_by_first_word: HashMap<String, Vec<usize>> = HashMap::default();
        for (index, (words, _)) in hedges.iter().enumerate() {
            if let Some(first) = words.first() {
                hedges_by_first_word
                    .entry(first.clone())
                    .or_default()
                    .push(index);
            }
        }
        let mut titles = HashSet::default();
        let mut honorifics = HashSet::default();
        for line in data_lines(include_str!("../../../../assets/lexicon/titles.txt")) {
            if matches!(
                line,
                "mr."
                    | "mrs."
                    | "ms."
                    | "dr."
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "dr"
                    | "sir"
                    | "dame"
                    | "lord"
                    | "lady"
            ) {
                honorifics.insert(line.to_owned());
            }
            titles.insert(line.to_owned());
            // Titles are looked up by word, without the abbreviation's stop ("gen." as "gen").
            if let Some(bare) = line.strip_suffix('.') {
                titles.insert(bare.to_owned());
                if honorifics.contains(line) {
                    honorifics.insert(bare.to_owned());
                }
            }
        }
        let lower_set = |file: &'static str| -> HashSet<String> {
            data_lines(file).map(str::to_lowercase).collect()
        };
        let mut governments: HashMap<String, String> = HashMap::default();
        for line in data_lines(include_str!("../../../../assets/lexicon/governments.tsv")) {
            let Some((place, government)) = line.split_once('\t') else {
                continue;
            };
            let place = place.to_lowercase();
            if let Some(bare) = place.strip_prefix("the ") {
                governments.insert(bare.to_owned(), government.to_owned());
            }
            governments.insert(place, government.to_owned());
        }
        let mut outlets = lower_set(include_str!("../../../../assets/lexicon/outlets.txt"));
        let bare_outlets: Vec<String> = outlets
            .iter()
            .filter_map(|o| o.strip_prefix("the ").map(str::to_owned))
            .collect();
        outlets.extend(bare_outlets);
        let mut function_words: HashMap<String, u16> = HashMap::default();
        for line in data_lines(include_str!(
            "../../../../assets/lexicon/function_words.tsv"
        )) {
            let Some((word, name)) = line.split_once('\t') else {
                continue;
            };
            let bit = match name {
                "det" => class::DET,
                "pron" => class::PRON,
                "rel" => class::REL,
                "aux" => class::AUX,
                "prep" => class::PREP,
                "conj" => class::CONJ,
                "sub" => class::SUB,
                "adv" => class::ADV,
                "verb" => class::VERB,
                "time" => class::TIME,
                _ => continue,
            };
            *function_words.entry(word.to_owned()).or_default() |= bit;
        }
        let mut words: HashMap<String, (u16, Option<VerbInfo>)> = HashMap::default();
        for (word, &bits) in &function_words {
            words.entry(word.clone()).or_insert((0, None)).0 = bits;
        }
        for (word, &info) in &verbs {
            words.entry(word.clone()).or_insert((0, None)).1 = Some(info);
        }
        Lexicon {
            words,
            hedges,
            hedges_by_first_word,
            titles,
            honorifics,
            outlets,
            organization_words: lower_set(include_str!(
                "../../../../assets/lexicon/organization_words.txt"
            )),
            outlet_nouns: lower_set(include_str!("../../../../assets/lexicon/outlet_nouns.txt")),
            outlet_name_words: data_lines(include_str!(
                "../../../../assets/lexicon/outlet_name_words.txt"
            ))
            .map(str::to_owned)
            .collect(),
            group_nouns: lower_set(include_str!("../../../../assets/lexicon/group_nouns.txt")),
            governments,
            unnamed: lower_set(include_str!(
                "../../../../assets/lexicon/unnamed_sources.txt"
            )),
            abbreviations: data_lines(include_str!("../../../../assets/lexicon/abbreviations.txt"))
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Closed-class bits (0 for none) and reporting-verb information of a lower-case word.
    pub fn lookup(&self, lower: &str) -> (u16, Option<VerbInfo>) {
        self.words.get(lower).copied().unwrap_or((0, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_files_load() {
        let lexicon = Lexicon::get();
        let said = lexicon.lookup("said").1.unwrap();
        assert_eq!(said.stance, Stance::Neutral);
        assert!(lexicon.lookup("claimed").1.unwrap().stance == Stance::Distancing);
        assert!(lexicon.lookup("revealed").1.unwrap().stance == Stance::Endorsing);
        assert!(lexicon.lookup("suggested").1.unwrap().stance == Stance::Hedging);
        assert!(
            lexicon.lookup("telling").1.unwrap().takes_listener
                && lexicon.lookup("telling").1.unwrap().is_participle
        );
        assert!(
            lexicon
                .hedges
                .iter()
                .any(|(w, c)| w == &["reportedly"] && *c == HedgeClass::Evidential)
        );
        assert!(lexicon.titles.contains("president") && lexicon.honorifics.contains("mr."));
        assert_eq!(lexicon.governments["moscow"], "Russia");
        assert!(lexicon.outlets.contains("politico"));
        assert!(lexicon.lookup("the").0 & class::DET != 0);
        assert!(lexicon.lookup("once").0 & class::SUB != 0);
        assert!(lexicon.abbreviations.contains("Gen"));
    }
}
