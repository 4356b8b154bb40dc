//! What the library compares claims by: content terms (stemmed, stop words dropped), figures,
//! dates, names and quoted wording, read off a claim's text.

use std::sync::OnceLock;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet as HashSet;

/// Lower-cased words the matcher ignores (`assets/lexicon/match_stopwords.txt`).
fn stopwords() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../../../../assets/lexicon/match_stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Words of `text`: runs of letters and digits (inner apostrophes and hyphens kept).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
}

/// The distinct content terms of `text`: lower-cased, possessives dropped, stemmed, without
/// stop words and without figures (so a changed figure does not hide a match).
pub fn content_terms(text: &str) -> Vec<String> {
    content_terms_cached(text, &mut StemCache::default())
}

/// Stems already computed, by lower-cased word (building the matcher meets the same words
/// again and again; stemming is the costly step).
#[derive(Debug, Default)]
pub struct StemCache {
    stems: rustc_hash::FxHashMap<String, Option<String>>,
}

/// [`content_terms`], reusing and filling `cache`.
pub fn content_terms_cached(text: &str, cache: &mut StemCache) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    // A hyphenated compound is its parts ("free-agent" shares "agent" with "free agent").
    for word in words(text)
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        let stem = match cache.stems.get(&lower) {
            Some(stem) => stem.clone(),
            None => {
                let stem = stem_of(&lower);
                cache.stems.insert(lower, stem.clone());
                stem
            }
        };
        if let Some(term) = stem
            && !terms.contains(&term)
        {
            terms.push(term);
        }
    }
    terms
}

/// The term of a lower-cased word, or `None` for a stop word, a figure or a one-letter word.
fn stem_of(lower: &str) -> Option<String> {
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower);
    if lower.chars().count() < 2
        || lower.chars().any(|c| c.is_ascii_digit())
        || stopwords().contains(lower)
        || number_word(lower).is_some()
    {
        return None;
    }
    Some(stemmer().stem(lower).into_owned())
}

/// The years (1900–2100, written as four digits) named in `text`.
pub fn years(text: &str) -> impl Iterator<Item = u16> + '_ {
    words(text).filter_map(|w| {
        let year: u16 = w.parse().ok().filter(|_| w.len() == 4)?;
        (1900..=2100).contains(&year).then_some(year)
    })
}

/// A figure stated in a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// As written ("1,200", "3.5 million", "twelve", "40%").
    pub text: String,
    /// Its value, scaled ("3.5 million" is 3,500,000).
    pub value: f64,
    /// Whether it is a percentage.
    pub percent: bool,
}

fn figure_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?ix)
            (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?
               |one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen
               |fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty
               |fifty|sixty|seventy|eighty|ninety|hundred|dozen)
            (?:\s*(?P<percent>%|percent\b|per\s+cent\b))?
            (?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?
            (?:\s*(?P<percent2>%|percent\b|per\s+cent\b))?",
        )
        .expect("the figure pattern is valid")
    })
}

/// The value of a number word ("twelve" is 12).
fn number_word(word: &str) -> Option<f64> {
    const WORDS: [(&str, f64); 29] = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("thirteen", 13.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("sixteen", 16.0),
        ("seventeen", 17.0),
        ("eighteen", 18.0),
        ("nineteen", 19.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("hundred", 100.0),
        ("dozen", 12.0),
    ];
    WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

/// Whether the match at `start..end` of `text` stands alone (not inside a longer word). The
/// second figure of a range ("1-2", "10–12") stands alone too.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let mut before_chars = text[..start].chars().rev();
    let before = before_chars.next();
    let after = text[end..].chars().next();
    let range_end = matches!(before, Some('-' | '–'))
        && before_chars.next().is_some_and(|c| c.is_ascii_digit());
    (range_end
        || !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '-' | '/')))
        && !after.is_some_and(|c| c.is_alphanumeric())
}

/// The figures stated in `text`, compared by value ("eight" is 8, "1,500" is 1500, a range
/// "1-2" is 1 and 2); years (1900–2100 written alone) and the day of a date ("Oct. 1") are
/// dates, not figures.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut found = Vec::new();
    let in_dates: Vec<(usize, usize)> = date_pattern()
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    for caps in figure_pattern().captures_iter(text) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.name("num")) else {
            continue;
        };
        if !is_whole_word(text, num.start(), num.end())
            || in_dates
                .iter()
                .any(|&(s, e)| num.start() >= s && num.end() <= e)
        {
            continue;
        }
        let raw = num.as_str();
        let Some(mut value) = raw
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .or_else(|| number_word(raw))
        else {
            continue;
        };
        let scale = caps.name("scale").map(|m| m.as_str().to_lowercase());
        value *= match scale.as_deref() {
            Some("hundred") => 1e2,
            Some("thousand") => 1e3,
            Some("million") => 1e6,
            Some("billion") => 1e9,
            Some("trillion") => 1e12,
            _ => 1.0,
        };
        let percent = caps.name("percent").is_some() || caps.name("percent2").is_some();
        let is_year = scale.is_none()
            && !percent
            && raw.len() == 4
            && raw.bytes().all(|b| b.is_ascii_digit())
            && (1900.0..=2100.0).contains(&value);
        // "one" alone is an article more often than a figure.
        if is_year || (raw.eq_ignore_ascii_case("one") && scale.is_none() && !percent) {
            continue;
        }
        found.push(Figure {
            text: whole.as_str().trim().to_owned(),
            value,
            percent,
        });
    }
    found
}

fn date_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)
            \b(?:
              (?:January|February|March|April|June|July|August|September|October|November|December
                 |Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)
                 (?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?
              | \d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August
                 |September|October|November|December)(?:,?\s+\d{4})?
              | Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday
              | (?:19|20)\d{2}
            )\b",
        )
        .expect("the date pattern is valid")
    })
}

/// The dates named in `text` ("Tuesday", "June 3", "2025"), as written.
pub fn dates(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for m in date_pattern().find_iter(text) {
        let date = m.as_str().trim_end_matches('.').to_owned();
        if !found.contains(&date) {
            found.push(date);
        }
    }
    found
}

/// Capitalised words that name someone or something: not the claim's first word, not a stop
/// word, not a date. Consecutive ones make one name ("Marta Quinlan").
pub fn names(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, found: &mut Vec<String>| {
        if !current.is_empty() {
            let name = current.join(" ");
            if !found.contains(&name) {
                found.push(name);
            }
            current.clear();
        }
    };
    let mut offset = 0;
    for (index, word) in words(text).enumerate() {
        // A gap of punctuation other than a space ends a name.
        let at = text[offset..].find(word).map_or(offset, |i| offset + i);
        if !text[offset..at].chars().all(char::is_whitespace) {
            flush(&mut current, &mut found);
        }
        offset = at + word.len();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let lower = word.to_lowercase();
        let is_name = capitalised
            && index > 0
            && !stopwords().contains(lower.as_str())
            && !date_pattern().is_match(word);
        if is_name {
            // A possessive names the same thing: "Beacon Hill's accounts" is Beacon Hill.
            let bare = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .filter(|w| !w.is_empty())
                .unwrap_or(word);
            current.push(bare);
        } else {
            flush(&mut current, &mut found);
        }
    }
    flush(&mut current, &mut found);
    found
}

/// Places inside places (`assets/lexicon/places.tsv`): each lower-cased place with the place
/// that holds it.
fn places() -> &'static rustc_hash::FxHashMap<&'static str, &'static str> {
    static PLACES: OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> = OnceLock::new();
    PLACES.get_or_init(|| {
        include_str!("../../../../assets/lexicon/places.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(place, within)| (place.trim(), within.trim()))
            .collect()
    })
}

/// Whether the place `inner` lies within the place `outer` (both name keys: lower case, words
/// joined by spaces), by the gazetteer: Athens is in Greece, Malibu in California and so in
/// the United States.
pub fn place_within(inner: &str, outer: &str) -> bool {
    let table = places();
    let mut at = inner;
    // The chain is short; the bound guards against a loop in the table.
    for _ in 0..8 {
        match table.get(at) {
            Some(&within) if within == outer => return true,
            Some(&within) => at = within,
            None => return false,
        }
    }
    false
}

/// The quoted wording in `text`: the runs inside double quotes, or the whole text when the
/// claim is itself a quotation.
pub fn quoted(text: &str, is_quote: bool) -> Option<String> {
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some(i + c.len_utf8()),
            ('"' | '”', Some(start)) => {
                runs.push(text[start..i].trim());
                open = None;
            }
            _ => {}
        }
    }
    let runs: Vec<&str> = runs.into_iter().filter(|r| r.contains(' ')).collect();
    if !runs.is_empty() {
        return Some(runs.join(" … "));
    }
    is_quote.then(|| {
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”'))
            .to_owned()
    })
}

/// What a claim is compared by, read once per claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimFeatures {
    /// Its figures.
    pub figures: Vec<Figure>,
    /// Its dates.
    pub dates: Vec<String>,
    /// Its names.
    pub names: Vec<String>,
    /// Its quoted wording.
    pub quote: Option<String>,
}

impl ClaimFeatures {
    /// The features of `claim`.
    pub fn of(claim: &super::record::IndexedClaim) -> Self {
        let is_quote = claim.attribution == crate::extract::Attribution::DirectQuote;
        Self {
            figures: figures(&claim.text),
            dates: dates(&claim.text),
            names: names(&claim.text),
            quote: quoted(&claim.text, is_quote),
        }
    }
}

/// `text` reduced for comparing wording: lower case, words only.
pub fn wording_key(text: &str) -> String {
    words(text)
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_terms_drop_stop_words_figures_and_stem() {
        let terms = content_terms("About 1,200 residents were evacuated on Tuesday's morning");
        assert_eq!(terms, ["resid", "evacu", "tuesday", "morn"]);
    }

    #[test]
    fn hyphenated_compounds_are_their_parts() {
        assert_eq!(
            content_terms("a free-agent pitcher"),
            content_terms("a free agent pitcher")
        );
    }

    #[test]
    fn years_are_four_digit_numbers_in_range() {
        let found: Vec<u16> = years("In 2008, 1,200 left; by 2011 and 3000 more").collect();
        assert_eq!(found, [2008, 2011]);
    }

    #[test]
    fn figures_are_scaled_and_years_left_out() {
        let found = figures("3.5 million people, 12,000 homes, twelve cars, 40% of them in 2025");
        let values: Vec<f64> = found.iter().map(|f| f.value).collect();
        assert_eq!(values, [3.5e6, 12_000.0, 12.0, 40.0]);
        assert!(found[3].percent);
        assert_eq!(found[0].text, "3.5 million");
    }

    #[test]
    fn figures_read_number_words_separators_and_ranges_by_value() {
        let values = |text: &str| -> Vec<f64> { figures(text).iter().map(|f| f.value).collect() };
        assert_eq!(values("eight people"), values("8 people"));
        assert_eq!(values("1,500 homes"), values("1500 homes"));
        assert_eq!(values("talks on Oct. 1-2"), values("talks on Oct. 1 and 2"));
        assert_eq!(values("between 10-12 boats"), [10.0, 12.0]);
    }

    #[test]
    fn figures_ignore_digits_inside_words() {
        assert!(figures("the COVID-19 wave and route A1").is_empty());
    }

    #[test]
    fn dates_are_found_as_written() {
        assert_eq!(
            dates("on Tuesday, June 3, 2025 and again in 2026"),
            ["Tuesday", "June 3, 2025", "2026"]
        );
    }

    #[test]
    fn names_join_capitalised_runs_but_not_the_first_word() {
        assert_eq!(
            names("Officials said fire chief Marta Quinlan met Northline Freight on Tuesday"),
            ["Marta Quinlan", "Northline Freight"]
        );
    }

    #[test]
    fn possessive_names_are_the_name() {
        assert_eq!(
            names("Audits found Beacon Hill's 40 accounts"),
            ["Beacon Hill"]
        );
    }

    #[test]
    fn places_lie_within_their_country_through_the_chain() {
        assert!(place_within("athens", "greece"));
        assert!(place_within("malibu", "united states"));
        assert!(!place_within("greece", "athens"));
        assert!(!place_within("athens", "france"));
    }

    #[test]
    fn quoted_wording_is_found_inside_quotes_or_taken_whole() {
        assert_eq!(
            quoted("He called it “a grave mistake” on Monday", false).as_deref(),
            Some("a grave mistake")
        );
        assert_eq!(
            quoted("We will rebuild", true).as_deref(),
            Some("We will rebuild")
        );
        assert_eq!(quoted("no quotes here", false), None);
    }
}
