//! The extractor's language knowledge, read from the data files in `assets/lexicon/` that are
//! embedded at build time. Each file documents its own format at the top.

use std::collections::{HashMap, HashSet};
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
    /// Reporting verb forms (one or two words, lower case) to their info.
    pub verbs: HashMap<String, VerbInfo>,
    /// Hedge phrases (lower case, split into words) with their class.
    pub hedges: Vec<(Vec<String>, HedgeClass)>,
    /// Titles and roles (lower case, possibly several words).
    pub titles: HashSet<String>,
    /// Honorifics: titles that mark a person but are not a role ("mr.").
    pub honorifics: HashSet<String>,
    /// Outlet names (lower case).
    pub outlets: HashSet<String>,
    /// Nouns that refer to outlets ("newspaper").
    pub outlet_nouns: HashSet<String>,
    /// Places standing for governments (lower case) to the government's name.
    pub governments: HashMap<String, String>,
    /// Head nouns of unnamed sources.
    pub unnamed: HashSet<String>,
    /// Abbreviations (case-sensitive, no full stop).
    pub abbreviations: HashSet<String>,
    /// Closed-class words to their class bits.
    pub function_words: HashMap<String, u16>,
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
        let mut verbs = HashMap::new();
        for line in data_lines(include_str!("../../assets/lexicon/reporting_verbs.tsv")) {
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
        let hedges = data_lines(include_str!("../../assets/lexicon/hedges.tsv"))
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
        let mut titles = HashSet::new();
        let mut honorifics = HashSet::new();
        for line in data_lines(include_str!("../../assets/lexicon/titles.txt")) {
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
        }
        let lower_set = |file: &'static str| -> HashSet<String> {
            data_lines(file).map(str::to_lowercase).collect()
        };
        let governments = data_lines(include_str!("../../assets/lexicon/governments.tsv"))
            .filter_map(|line| {
                let (place, government) = line.split_once('\t')?;
                Some((place.to_lowercase(), government.to_owned()))
            })
            .collect();
        let mut function_words: HashMap<String, u16> = HashMap::new();
        for line in data_lines(include_str!("../../assets/lexicon/function_words.tsv")) {
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
        Lexicon {
            verbs,
            hedges,
            titles,
            honorifics,
            outlets: lower_set(include_str!("../../assets/lexicon/outlets.txt")),
            outlet_nouns: lower_set(include_str!("../../assets/lexicon/outlet_nouns.txt")),
            governments,
            unnamed: lower_set(include_str!("../../assets/lexicon/unnamed_sources.txt")),
            abbreviations: data_lines(include_str!("../../assets/lexicon/abbreviations.txt"))
                .map(str::to_owned)
                .collect(),
            function_words,
        }
    }

    /// Class bits of a lower-case word (0 when it is not a closed-class word).
    pub fn word_class(&self, lower: &str) -> u16 {
        self.function_words.get(lower).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_files_load() {
        let lexicon = Lexicon::get();
        let said = lexicon.verbs["said"];
        assert_eq!(said.stance, Stance::Neutral);
        assert!(lexicon.verbs["claimed"].stance == Stance::Distancing);
        assert!(lexicon.verbs["revealed"].stance == Stance::Endorsing);
        assert!(lexicon.verbs["suggested"].stance == Stance::Hedging);
        assert!(lexicon.verbs["telling"].takes_listener && lexicon.verbs["telling"].is_participle);
        assert!(
            lexicon
                .hedges
                .iter()
                .any(|(w, c)| w == &["reportedly"] && *c == HedgeClass::Evidential)
        );
        assert!(lexicon.titles.contains("president") && lexicon.honorifics.contains("mr."));
        assert_eq!(lexicon.governments["moscow"], "Russia");
        assert!(lexicon.outlets.contains("politico"));
        assert!(lexicon.word_class("the") & class::DET != 0);
        assert!(lexicon.word_class("once") & class::SUB != 0);
        assert!(lexicon.abbreviations.contains("Gen"));
    }
}
