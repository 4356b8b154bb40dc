//! Finding attributions in sentences: a cue (reporting verb, "according to", a colon), the
//! source phrase it rests on, and the content it attributes, in every word order news uses.

// The word-class tests below read as the grammar rules they encode ("not a verb and not an
// auxiliary"); the rewritten forms clippy suggests are harder to check against those rules.
#![allow(clippy::nonminimal_bool)]

use super::analysis::{Analysis, is_calendar_word, looks_like_verb};
use super::lexicon::{Lexicon, VerbInfo, class};
use super::model::{Attribution, Stance};
use super::sentences::Sentence;
use super::tokens::TokenKind;

/// A byte range of the text.
pub type ByteSpan = (usize, usize);

/// How the source phrase of an attribution was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourcePhrase {
    /// A phrase naming or describing the source, with an optional appositive description.
    Phrase {
        /// The mention (name, description or pronoun).
        mention: ByteSpan,
        /// An appositive description next to a name ("the former envoy, Ivo Daalder").
        description: Option<ByteSpan>,
    },
    /// A relative pronoun ("who") standing for an antecedent phrase.
    Relative {
        /// The pronoun.
        mention: ByteSpan,
        /// The phrase it stands for.
        antecedent: ByteSpan,
        /// An appositive description of the antecedent.
        description: Option<ByteSpan>,
    },
}

impl SourcePhrase {
    /// The span the attribution rests on in the text.
    pub fn mention(&self) -> ByteSpan {
        match *self {
            Self::Phrase { mention, .. } | Self::Relative { mention, .. } => mention,
        }
    }
}

/// One attribution found in a sentence, in byte offsets.
#[derive(Debug, Clone)]
pub struct RawAttribution {
    /// Direct quote, indirect or according-to.
    pub kind: Attribution,
    /// The attributed content.
    pub content: ByteSpan,
    /// Everything the attribution covers in its sentence (source, cue, content, modifiers).
    pub extent: ByteSpan,
    /// The cue words and their stance.
    pub cue: Option<(ByteSpan, Stance)>,
    /// Where the source phrase is.
    pub source: Option<SourcePhrase>,
    /// The venue ("Politico" in "in an article for Politico").
    pub venue: Option<ByteSpan>,
    /// Index of the sentence it was found in.
    pub sentence: usize,
}

/// Most attributions looked for in one sentence.
const MAX_ATTRIBUTIONS_PER_SENTENCE: usize = 12;

/// Most tokens of content read on either side of a cue (quotations run to their end).
const MAX_CONTENT_TOKENS: usize = 300;

/// Most tokens a source phrase may have.
const MAX_SOURCE_TOKENS: usize = 12;

/// Finds every attribution in the analysed text.
pub fn find_attributions(analysis: &Analysis) -> Vec<RawAttribution> {
    let mut found = Vec::new();
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        let mut finder = SentenceFinder {
            a: analysis,
            s: *sentence,
            index,
            found: Vec::new(),
        };
        finder.run();
        found.extend(finder.found);
    }
    add_signed_quotes(analysis, &mut found);
    add_quote_continuations(analysis, &mut found);
    found
}

/// A paragraph signed at its end, as quotations collected from readers often are:
/// "“…” ― Sonya Herridge".
fn add_signed_quotes(analysis: &Analysis, found: &mut Vec<RawAttribution>) {
    let a = analysis;
    // Contents found so far, by start, to test overlaps without scanning them all.
    let mut taken: Vec<ByteSpan> = found.iter().map(|f| f.content).collect();
    taken.sort_unstable();
    let longest = taken.iter().map(|t| t.1 - t.0).max().unwrap_or(0);
    let mut token = 0;
    for &(start, end) in &a.paragraphs {
        let first = a.tokens[token..].partition_point(|t| t.start < start) + token;
        let last = a.tokens[first..].partition_point(|t| t.end <= end) + first;
        token = last;
        if last < first + 5 {
            continue;
        }
        let mut name_last = last - 1;
        while name_last > first && (a.is_punct(name_last, ".") || a.is_punct(name_last, ",")) {
            name_last -= 1;
        }
        let Some(dash) = (name_last.saturating_sub(5)..name_last)
            .rev()
            .find(|&k| k > first && matches!(a.raw(k), "―" | "—" | "–"))
        else {
            continue;
        };
        let is_name = (dash + 1..=name_last).all(|k| a.is_cap(k) || a.is_punct(k, "."))
            && (dash + 1..=name_last).any(|k| a.is_cap(k));
        let words_before = (first..dash).filter(|&k| a.is_word(k)).count();
        if !is_name || words_before < 3 {
            continue;
        }
        let content = (a.tokens[first].start, a.tokens[dash - 1].end);
        let candidates_end = taken.partition_point(|t| t.0 < content.1);
        let overlaps = taken[..candidates_end]
            .iter()
            .rev()
            .take_while(|t| t.0 + longest >= content.0)
            .any(|t| content.0 < t.1);
        if overlaps {
            continue;
        }
        let sentence = a
            .sentences
            .partition_point(|s| s.end <= a.tokens[dash].start);
        found.push(RawAttribution {
            kind: Attribution::DirectQuote,
            content,
            extent: (content.0, a.tokens[name_last].end),
            cue: Some(((a.tokens[dash].start, a.tokens[dash].end), Stance::Neutral)),
            source: Some(SourcePhrase::Phrase {
                mention: (a.tokens[dash + 1].start, a.tokens[name_last].end),
                description: None,
            }),
            venue: None,
            sentence: sentence.min(a.sentences.len().saturating_sub(1)),
        });
    }
}

struct SentenceFinder<'x, 'a> {
    a: &'x Analysis<'a>,
    s: Sentence,
    index: usize,
    found: Vec<RawAttribution>,
}

/// Where the subject of a reporting verb was found.
enum Subject {
    /// Before the verb ("Daalder wrote").
    Left { phrase: SourcePhrase, first: usize },
    /// After the verb ("…,” said Daalder).
    Inverted { phrase: SourcePhrase, last: usize },
    /// Shared with the main clause ("…, warning that"; "…, but said").
    Shared { phrase: SourcePhrase },
}

impl<'x, 'a> SentenceFinder<'x, 'a> {
    fn run(&mut self) {
        let (first, last) = (self.s.first, self.s.last);
        let mut i = first;
        // A real sentence has a handful of attributions; a pathological one (thousands of
        // cues in one line) must cost linear time and give linear output.
        while i < last && self.found.len() < MAX_ATTRIBUTIONS_PER_SENTENCE {
            let speaker_mark = i <= first + 4
                && (self.a.is_punct(i, ":") || matches!(self.a.raw(i), "―" | "—" | "–"));
            if self.a.in_quote(i) && !speaker_mark {
                i += 1;
                continue;
            }
            if self.a.lower(i) == "according" && self.a.lower(i + 1) == "to" {
                i = self.according_to(i);
                continue;
            }
            if let Some(verb) = self.a.info[i].verb {
                self.reporting_verb(i, verb);
            } else if self.a.is_punct(i, ":") {
                self.colon(i);
            }
            i += 1;
        }
        // A speaker before a dash, when nothing else attributes the sentence: "TRUMP ― …"
        // (and not the dateline of "WASHINGTON ― …, lawmakers said").
        if self.found.is_empty() {
            for k in first + 1..(first + 4).min(last) {
                self.transcript_dash(k);
            }
        }
    }

    fn span(&self, first: usize, last_inclusive: usize) -> ByteSpan {
        (
            self.a.tokens[first].start,
            self.a.tokens[last_inclusive].end,
        )
    }

    /// Skips adverbs to the left of `i` (exclusive), returning the index of the first other token.
    fn skip_left_adverbs(&self, mut j: isize) -> isize {
        let first = self.s.first as isize;
        while j >= first {
            let u = j as usize;
            let lower = self.a.lower(u);
            let is_adverb =
                self.a.has_class(u, class::ADV) || (is_ly_adverb(lower) && !self.a.is_cap(u));
            let is_auxiliary = matches!(
                lower,
                "has"
                    | "have"
                    | "had"
                    | "would"
                    | "will"
                    | "did"
                    | "does"
                    | "do"
                    | "not"
                    | "never"
                    | "also"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "n't"
                    | "must"
                    | "can"
            );
            if is_adverb || is_auxiliary {
                j -= 1;
            } else if lower == "to"
                && j > first
                && looks_like_verb(self.a, u - 1)
                && self.a.info[u - 1].verb.is_none()
            {
                // "who rushed to state": skip the catenative verb and "to".
                j -= 2;
            } else {
                break;
            }
        }
        j
    }

    fn reporting_verb(&mut self, i: usize, verb: VerbInfo) {
        let a = self.a;
        let first = self.s.first;
        // Determiners and prepositions before it make it a noun ("his claims", "the report");
        // a capital makes it part of a name ("the United States").
        if i > first && a.has_class(i - 1, class::DET | class::PREP) && a.lower(i - 1) != "to" {
            return;
        }
        let in_heading = a.is_heading.get(self.s.paragraph).copied().unwrap_or(false);
        if a.is_cap(i) && !in_heading {
            return;
        }
        if i > first && a.is_punct(i - 1, "-") {
            return;
        }
        let mut left = self.skip_left_adverbs(i as isize - 1);
        let is_be = |k: isize| {
            k >= first as isize
                && matches!(
                    a.lower(k as usize),
                    "is" | "was"
                        | "were"
                        | "are"
                        | "be"
                        | "been"
                        | "being"
                        | "’s"
                        | "'s"
                        | "isn’t"
                        | "wasn’t"
                        | "isn't"
                        | "wasn't"
                        | "aren’t"
                        | "aren't"
                )
        };
        if is_be(left) {
            if !verb.is_participle {
                // Passive voice ("was told", "is expected") is not a report by a subject.
                return;
            }
            // Progressive: "is demanding", "has been saying".
            left = self.skip_left_adverbs(left - 1);
            while is_be(left) {
                left = self.skip_left_adverbs(left - 1);
            }
        }
        // A parenthesis between subject and verb: "Rep. Gwen Moore (D-Wis.) said".
        if left > first as isize
            && a.is_punct(left as usize, ")")
            && let Some(open) = (first..left as usize)
                .rev()
                .take(12)
                .find(|&k| a.is_punct(k, "("))
        {
            left = self.skip_left_adverbs(open as isize - 1);
        }
        let progressive =
            left < i as isize - 1 && verb.is_participle && (left + 1..i as isize).any(is_be);
        let subject =
            if verb.is_participle && i > first && !progressive && self.is_participle_use(i) {
                match self.shared_subject(i) {
                    Some(phrase) => Subject::Shared { phrase },
                    None => return,
                }
            } else {
                match self.find_subject(i, left, verb) {
                    Some(subject) => subject,
                    None => return,
                }
            };
        let lower = a.lower(i);
        let quote_opens_sentence =
            a.is_quote_mark(first) && a.quote_opening_at(first).is_some_and(|q| q.is_closed);
        if verb.needs_quote && !self.has_quote_soon(i + 1) && !quote_opens_sentence {
            return;
        }
        if lower == "called" && a.lower(i + 1) == "off" {
            return;
        }
        let cue_last = if matches!(lower, "called" | "calls" | "call" | "calling")
            && matches!(a.lower(i + 1), "for" | "on")
        {
            i + 1
        } else {
            i
        };
        let cue = (self.span(i, cue_last), verb.stance);
        match subject {
            Subject::Inverted { phrase, last } => {
                self.content_before(i, i, last, cue, phrase);
            }
            Subject::Left {
                phrase,
                first: subject_first,
            } => {
                let comma_before =
                    subject_first > first && self.is_clause_break_before(subject_first);
                // "“C,” she said several months later, …": a quotation opening the sentence and
                // closing right before the subject is the content.
                let quote_before = comma_before
                    && a.is_quote_mark(first)
                    && a.quote_opening_at(first)
                        .is_some_and(|q| q.is_closed && q.end <= a.tokens[subject_first].start);
                if quote_before {
                    self.content_before_with_venue(subject_first, i, cue_last, cue, phrase, None);
                    return;
                }
                let right = self.right_content(cue_last, verb);
                match right {
                    RightSide::Content {
                        start,
                        end,
                        venue,
                        after_comma,
                    } => {
                        // "Asked about it, S said, C": an introductory participle is not content.
                        let opens_with_participle = {
                            let lower = a.lower(first);
                            a.is_cap(first)
                                && (lower.ends_with("ed") || lower.ends_with("ing"))
                                && !a.is_cap(first + 1)
                        };
                        if comma_before && after_comma && !opens_with_participle {
                            // "C1, S said, C2"
                            let c1_end = self.break_before_end(subject_first);
                            if c1_end > self.s.first {
                                self.push(
                                    Attribution::Indirect,
                                    (self.s.first, end),
                                    Some(cue),
                                    Some(phrase),
                                    venue,
                                );
                                return;
                            }
                        }
                        self.push_with_extent(
                            Attribution::Indirect,
                            (start, end),
                            (subject_first, end),
                            Some(cue),
                            Some(phrase),
                            venue,
                        );
                    }
                    RightSide::Trailing { last, venue } => {
                        if comma_before {
                            self.content_before_with_venue(
                                subject_first,
                                i,
                                last,
                                cue,
                                phrase,
                                venue,
                            );
                        } else if a.is_punct(self.s.last - 1, ":") {
                            self.quote_in_next_paragraph(subject_first, cue, phrase, venue);
                        }
                    }
                }
            }
            Subject::Shared { phrase } => {
                if let RightSide::Content {
                    start, end, venue, ..
                } = self.right_content(cue_last, verb)
                {
                    let extent_first = if a.is_punct(i - 1, ",") { i - 1 } else { i };
                    self.push_with_extent(
                        Attribution::Indirect,
                        (start, end),
                        (extent_first, end),
                        Some(cue),
                        Some(phrase),
                        venue,
                    );
                }
            }
        }
    }

    /// A participle cue hangs on the main clause when a comma or a conjunction precedes it.
    fn is_participle_use(&self, i: usize) -> bool {
        let a = self.a;
        let previous = i - 1;
        a.is_punct(previous, ",")
            || (matches!(
                a.lower(previous),
                "and" | "while" | "before" | "after" | "by"
            ) && previous > self.s.first
                && a.is_punct(previous - 1, ","))
            || (a.is_word(previous)
                && !a.has_class(previous, class::AUX | class::PRON | class::DET)
                && !a.is_cap(previous)
                && !a.is_punct(previous, ","))
                && matches!(
                    a.lower(i),
                    "saying" | "claiming" | "arguing" | "warning" | "insisting"
                )
    }

    /// True when a quotation or an interrogative clause follows within a few tokens.
    fn has_quote_soon(&self, from: usize) -> bool {
        (from..(from + 6).min(self.s.last)).any(|j| {
            self.a.is_quote_mark(j)
                || self.a.is_punct(j, ":")
                || matches!(self.a.lower(j), "whether" | "if" | "why" | "how" | "what")
        })
    }

    /// The subject of a verb with nothing of its own: the subject of an earlier attribution in
    /// the sentence, or the main clause's subject.
    fn shared_subject(&self, i: usize) -> Option<SourcePhrase> {
        if let Some(previous) = self
            .found
            .iter()
            .rev()
            .find(|f| f.extent.0 < self.a.tokens[i].start)
        {
            return previous.source;
        }
        self.main_subject()
    }

    /// The noun phrase that opens the sentence (after an introductory phrase ending in a comma).
    fn main_subject(&self) -> Option<SourcePhrase> {
        let a = self.a;
        let (first, last) = (self.s.first, self.s.last);
        let mut start = first;
        let intro = a.has_class(first, class::PREP | class::SUB | class::TIME)
            || (a.lower(first).ends_with("ing") && !a.is_cap(first + 1));
        if intro {
            let comma = (first..last.min(first + 15)).find(|&j| a.is_punct(j, ","))?;
            start = comma + 1;
        }
        self.subject_at(start)
    }

    /// The noun phrase that starts at token `start` and ends before its verb.
    fn subject_at(&self, start: usize) -> Option<SourcePhrase> {
        let a = self.a;
        let last = self.s.last;
        let mut end = start;
        while end < last && end - start < MAX_SOURCE_TOKENS {
            let is_np_word = a.is_word(end)
                && !looks_like_verb(a, end)
                && !a.has_class(end, class::AUX | class::SUB | class::CONJ | class::REL)
                && !(a.has_class(end, class::PREP) && a.lower(end) != "of")
                && !(a.lower(end).ends_with("ly") && !a.is_cap(end));
            let is_abbreviation_dot = a.is_punct(end, ".") && end > start && a.is_word(end - 1);
            // A lower-case word after a name ends the phrase ("… Ruta Kessel sought").
            let after_name = end > start
                && a.is_cap(end - 1)
                && a.is_word(end)
                && !a.is_cap(end)
                && !matches!(a.lower(end), "of" | "de" | "van" | "von");
            if after_name {
                break;
            }
            if is_np_word || is_abbreviation_dot || a.tokens[end].kind == TokenKind::Number {
                end += 1;
            } else {
                break;
            }
        }
        if end == start || !(start..end).any(|j| a.is_cap(j) || a.has_class(j, class::PRON)) {
            return None;
        }
        Some(SourcePhrase::Phrase {
            mention: self.span(start, end - 1),
            description: None,
        })
    }

    /// Finds the subject of the finite reporting verb at `i`; `left` is the first token left of it
    /// that is not an adverb or auxiliary.
    fn find_subject(&self, i: usize, left: isize, verb: VerbInfo) -> Option<Subject> {
        let a = self.a;
        let first = self.s.first;
        if left < first as isize {
            return None;
        }
        let j = left as usize;
        let lower = a.lower(j);
        if a.has_class(j, class::REL) && lower != "that" {
            let (antecedent, description) = self.antecedent_before(j)?;
            return Some(Subject::Left {
                phrase: SourcePhrase::Relative {
                    mention: self.span(j, j),
                    antecedent,
                    description,
                },
                first: j,
            });
        }
        if a.has_class(j, class::PRON) {
            return Some(Subject::Left {
                phrase: SourcePhrase::Phrase {
                    mention: self.span(j, j),
                    description: None,
                },
                first: j,
            });
        }
        if matches!(lower, "and" | "but") && j > first && !a.is_cap(j - 1) {
            return self
                .shared_subject(i)
                .map(|phrase| Subject::Shared { phrase });
        }
        if a.is_punct(j, ",") || a.is_quote_mark(j) {
            let inverted = self.phrase_right(i + 1).filter(|(_, last)| {
                *last + 1 >= self.s.last || a.is_punct(*last + 1, ",") || a.is_punct(*last + 1, ".")
            });
            if a.is_punct(j, ",")
                && inverted.is_none()
                && let Some(subject) = self.subject_before_parenthetical(j)
            {
                return Some(subject);
            }
            // Inverted order: "…,” said Daalder" / "…, said the minister".
            if verb.is_ambiguous && !matches!(a.lower(i), "says" | "said") {
                return None;
            }
            let (phrase, last) =
                inverted.or_else(|| self.phrase_right(i + 1).filter(|_| a.is_quote_mark(j)))?;
            return Some(Subject::Inverted { phrase, last });
        }
        let (mut np_first, mut np_last) = self.phrase_left(j)?;
        // A time phrase between subject and verb: "Wells Fargo this month announced",
        // "Trump on Monday said".
        let is_time_phrase = (np_first..=np_last).all(|k| {
            a.has_class(k, class::TIME | class::DET)
                || is_calendar_word(a.lower(k))
                || matches!(
                    a.lower(k),
                    "week"
                        | "month"
                        | "year"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                        | "weekend"
                )
        });
        if is_time_phrase && np_first > first {
            let mut before = np_first - 1;
            if a.has_class(before, class::PREP) && before > first {
                before -= 1;
            }
            if let Some((f, l)) = self.phrase_left(before) {
                (np_first, np_last) = (f, l);
            }
        }
        // A possessive cannot be a subject: "Trump’s tweets", "the States’ plans".
        let head = a.raw(np_last);
        if head.ends_with("’s")
            || head.ends_with("'s")
            || head.ends_with("s’")
            || a.is_quote_mark(np_last + 1) && np_last + 1 < i && a.raw(np_last + 1) == "’"
        {
            return None;
        }
        let has_possessive = (np_first..=np_last).any(|k| {
            let raw = a.raw(k);
            raw.ends_with("’s") || raw.ends_with("'s")
        });
        if verb.is_ambiguous && has_possessive {
            return None;
        }
        let mention = self.span(np_first, np_last);
        // Appositive description before a name: "the former envoy to the bloc, Ivo Daalder said".
        let description = self.description_before(np_first, np_last);
        let first_token = description.map_or(np_first, |(d, _)| d);
        let description = description.map(|(d_first, d_last)| self.span(d_first, d_last));
        if verb.is_ambiguous && !self.is_plausible_subject(np_first, np_last) {
            return None;
        }
        Some(Subject::Left {
            phrase: SourcePhrase::Phrase {
                mention,
                description,
            },
            first: first_token,
        })
    }

    /// An ambiguous form ("reports", "state") needs a subject that is clearly one.
    fn is_plausible_subject(&self, first: usize, last: usize) -> bool {
        let a = self.a;
        let lexicon = Lexicon::get();
        (first..=last).any(|k| a.is_cap(k) && k > self.s.first)
            || lexicon.unnamed.contains(a.base(last))
            || lexicon.outlet_nouns.contains(a.base(last))
            || (a.is_cap(first) && first == self.s.first && !a.has_class(first, class::DET))
    }

    /// ", NAME, said" with a description before ("the former envoy, Ivo Daalder, wrote") or a
    /// parenthetical after the subject: ", who …, said", ", director of …, said".
    fn subject_before_parenthetical(&self, comma: usize) -> Option<Subject> {
        let a = self.a;
        let lexicon = Lexicon::get();
        let first = self.s.first;
        // Walk left over up to five commas, keeping the leftmost subject that opens a clause.
        let mut best: Option<(usize, usize, usize)> = None;
        let mut right = comma;
        for _ in 0..5 {
            let Some(previous_comma) = (first..right).rev().take(45).find(|&k| a.is_punct(k, ","))
            else {
                break;
            };
            let opener = previous_comma + 1;
            let opener_lower = a.lower(opener);
            let is_opener = opener < right
                && (a.has_class(opener, class::REL | class::PREP | class::DET)
                    || (opener_lower.ends_with("ing") && !a.is_cap(opener))
                    || lexicon.titles.contains(a.base(opener))
                    || matches!(
                        opener_lower,
                        "senior"
                            | "former"
                            | "executive"
                            | "deputy"
                            | "chief"
                            | "assistant"
                            | "associate"
                            | "co-founder"
                    ));
            if previous_comma > first
                && let Some((f, l)) = self.phrase_left(previous_comma - 1)
            {
                let is_name = (f..=l).any(|k| {
                    a.is_cap(k) && k > first || a.is_cap(k) && !a.has_class(k, class::DET)
                }) && !a.has_class(f, class::DET);
                let opens_clause = f == first
                    || a.is_punct(f - 1, ",")
                    || a.is_quote_mark(f - 1)
                    || a.has_class(f - 1, class::CONJ | class::SUB);
                let is_full_name = (f..=l).filter(|&k| a.is_cap(k)).count() >= 2;
                if is_name && opens_clause && l == previous_comma - 1 && (is_opener || is_full_name)
                {
                    best = Some((f, l, previous_comma));
                }
            }
            right = previous_comma;
        }
        if let Some((f, l, previous_comma)) = best {
            // Only a noun phrase in apposition describes the source ("a writer for X",
            // "Democrat of California"), not a clause ("who has studied…", "speaking to…").
            let opener = previous_comma + 1;
            let is_noun_phrase = !a.has_class(opener, class::REL | class::PREP)
                && !(a.lower(opener).ends_with("ing") && !a.is_cap(opener));
            let description =
                (opener < comma && is_noun_phrase).then(|| self.span(opener, comma - 1));
            let before = self.description_before(f, l);
            let first_token = before.map_or(f, |(d, _)| d);
            return Some(Subject::Left {
                phrase: SourcePhrase::Phrase {
                    mention: self.span(f, l),
                    description: before.map(|(df, dl)| self.span(df, dl)).or(description),
                },
                first: first_token,
            });
        }
        // A name between commas after a description: "the former envoy, Ivo Daalder, wrote".
        let previous_comma = (first..comma)
            .rev()
            .take(20)
            .find(|&k| a.is_punct(k, ","))?;
        let segment_first = previous_comma + 1;
        let is_name = segment_first < comma
            && (segment_first..comma)
                .all(|k| a.is_cap(k) || a.is_punct(k, ".") || a.is_punct(k, "-"))
            && comma - segment_first <= 5;
        if !is_name {
            return None;
        }
        let (d_first, d_last) = self.description_before(segment_first, comma - 1)?;
        Some(Subject::Left {
            phrase: SourcePhrase::Phrase {
                mention: self.span(segment_first, comma - 1),
                description: Some(self.span(d_first, d_last)),
            },
            first: d_first,
        })
    }

    /// A description in apposition before the name at `name_first` ("the envoy to the bloc, NAME"),
    /// as a token range.
    fn description_before(&self, name_first: usize, name_last: usize) -> Option<(usize, usize)> {
        let a = self.a;
        if !(name_first..=name_last).all(|k| a.is_cap(k) || a.is_punct(k, ".")) {
            return None;
        }
        let comma = name_first.checked_sub(1)?;
        if comma <= self.s.first || !a.is_punct(comma, ",") {
            return None;
        }
        // The whole comma-delimited segment, when it is a determiner-led description.
        let segment_first = (self.s.first..comma)
            .rev()
            .take(14)
            .find(|&k| a.is_punct(k, ",") || a.is_quote_mark(k))
            .map_or(self.s.first, |k| k + 1);
        let lexicon = Lexicon::get();
        let is_description = |f: usize| {
            let raw = a.raw(f);
            let opens_description = a.has_class(f, class::DET)
                || raw.ends_with("’s")
                || raw.ends_with("'s")
                || (a.is_cap(f) && f == self.s.first);
            opens_description
                && comma - f <= 12
                && (f..comma).any(|k| {
                    lexicon.titles.contains(a.base(k)) || lexicon.unnamed.contains(a.base(k))
                })
                && !(f..comma).any(|k| {
                    looks_like_verb(a, k)
                        || a.is_punct(k, ":")
                        || a.has_class(k, class::SUB | class::REL)
                })
        };
        if segment_first < comma && is_description(segment_first) {
            return Some((segment_first, comma - 1));
        }
        // Else the noun phrase just before the comma ("…came from the chief of staff of the Army, NAME").
        let (np_first, np_last) = self.phrase_left(comma - 1)?;
        (is_description(np_first) && np_last == comma - 1).then_some((np_first, np_last))
    }

    /// The antecedent of a relative pronoun at `j`: the phrase before the comma before it,
    /// looking past a list introduced by "including" or "such as".
    fn antecedent_before(&self, j: usize) -> Option<(ByteSpan, Option<ByteSpan>)> {
        let a = self.a;
        if j <= self.s.first + 1 {
            return None;
        }
        let mut end = j - 1;
        if !a.is_punct(end, ",") {
            // "officials who said": no comma.
            let (f, l) = self.phrase_left(end)?;
            return Some((self.span(f, l), None));
        }
        end -= 1;
        let (mut np_first, np_last) = self.phrase_left(end)?;
        // Walk back over a list: "…, including the US, UK, Spain, and Germany".
        let mut k = np_first;
        let mut guard = 0;
        while k > self.s.first + 1 && guard < 12 {
            guard += 1;
            let mut previous = k - 1;
            if a.lower(previous) == "and" && a.is_punct(previous - 1, ",") {
                previous -= 1;
            }
            if (a.is_punct(previous, ",") || a.lower(previous) == "and") && previous > self.s.first
            {
                if let Some((f, _)) = self.phrase_left(previous - 1) {
                    k = f;
                    continue;
                }
                break;
            }
            if matches!(a.lower(previous), "including" | "like")
                || (a.lower(previous) == "as" && a.lower(previous - 1) == "such")
            {
                let before = if a.lower(previous) == "as" {
                    previous - 1
                } else {
                    previous
                };
                if before > self.s.first
                    && a.is_punct(before - 1, ",")
                    && before >= 2
                    && let Some((f, l)) = self.phrase_left(before - 2)
                {
                    return Some((self.span(f, l), None));
                }
                break;
            }
            break;
        }
        np_first = np_first.min(np_last);
        let description = self
            .description_before(np_first, np_last)
            .map(|(f, l)| self.span(f, l));
        Some((self.span(np_first, np_last), description))
    }

    /// The noun phrase ending at token `last`, walking left: (first, last) token indices.
    fn phrase_left(&self, last: usize) -> Option<(usize, usize)> {
        let a = self.a;
        let lexicon = Lexicon::get();
        let first_allowed = self.s.first;
        if last < first_allowed || last >= self.s.last {
            return None;
        }
        let mut k = last as isize;
        let mut first = None;
        while k >= first_allowed as isize && last - (k as usize) < MAX_SOURCE_TOKENS {
            let u = k as usize;
            let lower = a.lower(u);
            let accept = if a.is_word(u) {
                if a.is_cap(u) {
                    !(is_calendar_word(lower) && u == last)
                        && !a.has_class(u, class::CONJ | class::SUB | class::AUX | class::REL)
                } else if a.has_class(u, class::PREP) {
                    // "spokesman for the campaign", "familiar with the talks", "envoy to the bloc".
                    let previous = a.base(u.saturating_sub(1));
                    lower == "of"
                        || (u > first_allowed
                            && (lexicon.titles.contains(previous)
                                || lexicon.unnamed.contains(previous)
                                || matches!(previous, "familiar" | "close")))
                } else if lower == "of" {
                    true
                } else if lower == "and" {
                    u > first_allowed && a.is_cap(u - 1) && a.is_cap(u + 1)
                } else {
                    let is_noun_head = u == last
                        && u > first_allowed
                        && a.info[u].verb.is_some_and(|v| v.is_ambiguous)
                        && a.is_word(u - 1)
                        && !a.has_class(u - 1, class::PRON | class::REL | class::AUX);
                    // "state officials", "state police": a form that is also a reporting
                    // verb, used as a modifier of a source noun.
                    let is_noun_modifier = u < last
                        && a.info[u].verb.is_some_and(|v| v.is_ambiguous)
                        && (lexicon.unnamed.contains(a.base(last))
                            || lexicon.titles.contains(a.base(last)));
                    is_noun_head
                        || is_noun_modifier
                        || !a.has_class(
                            u,
                            class::AUX | class::SUB | class::CONJ | class::REL | class::PRON,
                        ) && !looks_like_verb(a, u)
                            && !is_ly_adverb(lower)
                            && a.info[u].verb.is_none()
                }
            } else if a.is_punct(u, ".") {
                u > first_allowed
                    && a.is_word(u - 1)
                    && (lexicon.abbreviations.contains(a.raw(u - 1))
                        || (a.raw(u - 1).chars().count() == 1 && a.is_cap(u - 1)))
            } else {
                a.tokens[u].kind == TokenKind::Number
                    || a.is_punct(u, "-")
                    || a.is_punct(u, "&")
                    // The apostrophe of a plural possessive: "the dockers' union".
                    || (a.is_quote_mark(u)
                        && matches!(a.raw(u), "'" | "’")
                        && u > first_allowed
                        && a.tokens[u - 1].end == a.tokens[u].start
                        && a.raw(u - 1).ends_with('s')
                        && a.quote_opening_at(u).is_none())
            };
            if !accept {
                break;
            }
            // A determiner or a pronoun-like possessive closes the phrase on the left.
            first = Some(u);
            // "chief of the army", "a source in the room": the phrase goes on past the
            // determiner when a preposition that belongs to it stands before.
            let continues_after_of = u > first_allowed + 1
                && (a.lower(u - 1) == "of"
                    || (a.has_class(u - 1, class::PREP)
                        && u > first_allowed + 2
                        && (lexicon.unnamed.contains(a.base(u - 2))
                            || lexicon.titles.contains(a.base(u - 2)))));
            if a.has_class(u, class::DET)
                && !matches!(
                    lower,
                    "one" | "two" | "three" | "other" | "many" | "several" | "some" | "both"
                )
                && !continues_after_of
            {
                break;
            }
            k -= 1;
        }
        let mut first = first?;
        // Drop leading prepositions such as "of".
        while first < last && a.has_class(first, class::PREP) {
            first += 1;
        }
        if a.has_class(first, class::PREP) || a.is_punct(first, ".") {
            return None;
        }
        // A phrase of only lower-case words needs a determiner or a known source noun.
        let has_head = (first..=last).any(|k| a.is_cap(k) || a.tokens[k].kind == TokenKind::Number)
            || lexicon.unnamed.contains(a.base(last))
            || lexicon.outlet_nouns.contains(a.base(last))
            || lexicon.titles.contains(a.base(last))
            || a.has_class(first, class::DET);
        has_head.then_some((first, last))
    }

    /// The source phrase right of a verb in inverted order ("said the minister, …").
    fn phrase_right(&self, from: usize) -> Option<(SourcePhrase, usize)> {
        let a = self.a;
        let lexicon = Lexicon::get();
        let mut k = from;
        while k < self.s.last && k - from < MAX_SOURCE_TOKENS {
            let lower = a.lower(k);
            let accept = if a.is_word(k) {
                a.is_cap(k)
                    || (a.has_class(k, class::DET | class::PRON) && k == from)
                    || lower == "of"
                    || (!a.has_class(
                        k,
                        class::PREP
                            | class::AUX
                            | class::SUB
                            | class::CONJ
                            | class::REL
                            | class::TIME,
                    ) && !looks_like_verb(a, k)
                        && !lower.ends_with("ly"))
            } else {
                a.is_punct(k, ".")
                    && k > from
                    && lexicon.abbreviations.contains(a.raw(k - 1))
                    && k + 1 < self.s.last
            };
            if !accept {
                break;
            }
            k += 1;
        }
        if k == from {
            return None;
        }
        let last = k - 1;
        let has_head = (from..=last).any(|j| a.is_cap(j))
            || a.has_class(from, class::PRON)
            || lexicon.unnamed.contains(a.base(last))
            || lexicon.titles.contains(a.base(last))
            || lexicon.outlet_nouns.contains(a.base(last));
        if !has_head || is_calendar_word(a.lower(from)) {
            return None;
        }
        Some((
            SourcePhrase::Phrase {
                mention: self.span(from, last),
                description: None,
            },
            last,
        ))
    }

    /// True when a comma (possibly with a closing quotation mark) stands right before `first`.
    fn is_clause_break_before(&self, first: usize) -> bool {
        let a = self.a;
        let mut previous = first - 1;
        if a.is_punct(previous, ",") {
            return true;
        }
        // Closing quotation marks, possibly nested: "…,'" he said.
        let mut saw_quote = false;
        while previous > self.s.first && a.is_quote_mark(previous) {
            previous -= 1;
            saw_quote = true;
        }
        saw_quote
            && (a.is_punct(previous, ",") || a.is_punct(previous, "?") || a.is_punct(previous, "!"))
    }

    /// Token index just past the content that ends before the comma (and quotation mark)
    /// preceding `first`.
    fn break_before_end(&self, first: usize) -> usize {
        let a = self.a;
        let previous = first - 1;
        if a.is_quote_mark(previous) {
            first
        } else {
            previous
        }
    }

    /// What follows a verb: content (with where it starts and ends) or only trailing modifiers.
    fn right_content(&self, cue_last: usize, verb: VerbInfo) -> RightSide {
        let a = self.a;
        let lexicon = Lexicon::get();
        let last = self.s.last;
        let mut r = cue_last + 1;
        let mut venue = None;
        let mut after_comma = false;
        // Adverbs after the verb ("said flatly").
        while r < last
            && a.is_word(r)
            && a.lower(r).ends_with("ly")
            && !a.is_cap(r)
            && a.lower(r).len() > 4
        {
            r += 1;
        }
        if verb.takes_listener
            && r < last
            && !a.is_punct(r, ",")
            && !a.is_quote_mark(r)
            && a.lower(r) != "that"
        {
            // The listener: up to "that", a quotation, a colon or a comma.
            let window_end = (r + 14).min(last);
            let stop = (r..window_end).find(|&k| {
                matches!(a.lower(k), "that")
                    || a.is_quote_mark(k)
                    || a.is_punct(k, ":")
                    || a.is_punct(k, ",")
            });
            let listener_end = match stop {
                Some(k) if a.lower(k) == "that" || a.is_quote_mark(k) || a.is_punct(k, ":") => k,
                _ => self.object_end(r),
            };
            venue = venue.or_else(|| self.venue_in(r, listener_end, true));
            r = listener_end;
        }
        // Modifiers: "in an article for Politico", "on Monday", "last week", "in a statement",
        // "published on Monday".
        let mut guard = 0;
        while r < last && guard < 6 && a.lower(r) != "that" {
            // "refused to comment": the infinitive is the content.
            if verb.takes_infinitive && a.lower(r) == "to" {
                break;
            }
            let is_modifier = a.has_class(r, class::PREP | class::TIME)
                || crate::extract::analysis::is_calendar_word(a.lower(r))
                || (a.is_word(r)
                    && !a.is_cap(r)
                    && (a.lower(r).ends_with("ed") || a.lower(r).ends_with("ing"))
                    && a.has_class(r + 1, class::PREP | class::TIME));
            if !is_modifier {
                break;
            }
            guard += 1;
            let pp_end = self.modifier_end(r);
            venue = venue.or_else(|| self.venue_in(r, pp_end, false));
            r = pp_end;
        }
        let mut content_start = r;
        if a.is_punct(content_start, ",") {
            after_comma = true;
            content_start += 1;
        }
        if a.lower(content_start) == "that" || a.is_punct(content_start, ":") {
            content_start += 1;
        }
        let trailing = |k: usize| -> bool {
            k >= last
                || a.is_punct(k, ".") && k + 1 >= last
                || (a.has_class(k, class::PREP | class::TIME) && a.lower(k) != "that")
                || (after_comma
                    && a.is_word(k)
                    && !a.is_cap(k)
                    && (a.lower(k).ends_with("ed") || a.lower(k).ends_with("ing")))
                || a.is_punct(k, "(")
        };
        let content_marker = a.lower(r) == "that"
            || a.is_quote_mark(content_start)
            || a.is_punct(r, ":")
            || (verb.takes_infinitive && a.lower(r) == "to");
        if !content_marker && trailing(content_start) {
            let _ = lexicon;
            return RightSide::Trailing {
                last: last - 1,
                venue,
            };
        }
        let end = self.content_end(content_start);
        if end <= content_start
            || self.word_count(content_start, end) < 2 && !a.is_quote_mark(content_start)
        {
            return RightSide::Trailing {
                last: last - 1,
                venue,
            };
        }
        RightSide::Content {
            start: a.tokens[content_start].start,
            end: a.tokens[end - 1].end,
            venue,
            after_comma,
        }
    }

    /// End (exclusive token index) of an object phrase starting at `r`.
    fn object_end(&self, r: usize) -> usize {
        let a = self.a;
        let mut k = r;
        while k < self.s.last && k - r < 8 {
            if a.is_word(k)
                && (a.is_cap(k)
                    || a.has_class(k, class::DET)
                    || !looks_like_verb(a, k)
                        && !a.has_class(k, class::PREP | class::SUB | class::AUX | class::TIME))
            {
                k += 1;
                // Stop after a pronoun object or a plural noun ("reporters").
                if matches!(
                    a.lower(k - 1),
                    "him" | "her" | "them" | "us" | "me" | "reporters" | "journalists"
                ) {
                    break;
                }
            } else {
                break;
            }
        }
        k
    }

    /// End (exclusive) of a modifier starting at `r`: a preposition or time word and its phrase.
    fn modifier_end(&self, r: usize) -> usize {
        let a = self.a;
        let mut k = r + 1;
        while k < self.s.last && k - r < 10 {
            if a.is_punct(k, ",")
                || a.is_quote_mark(k)
                || a.is_punct(k, ":")
                || a.lower(k) == "that"
                || a.is_punct(k, ".")
            {
                break;
            }
            if a.is_word(k)
                && (looks_like_verb(a, k) || a.has_class(k, class::AUX | class::PRON | class::SUB))
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// A venue in tokens [from, to): an outlet named after "for", "with", "to", "on" or in a
    /// listener phrase ("state broadcaster Radio France Inter").
    fn venue_in(&self, from: usize, to: usize, is_listener: bool) -> Option<ByteSpan> {
        let a = self.a;
        let lexicon = Lexicon::get();
        let has_outlet_word = (from..to).any(|k| {
            lexicon.outlet_nouns.contains(a.base(k))
                || matches!(
                    a.base(k),
                    "article"
                        | "interview"
                        | "op-ed"
                        | "column"
                        | "statement"
                        | "podcast"
                        | "program"
                        | "programme"
                        | "show"
                        | "letter"
                )
        });
        let names_outlet = (from..to).any(|k| lexicon.outlets.contains(a.base(k)));
        if !(has_outlet_word || names_outlet) {
            return None;
        }
        if is_listener && !has_outlet_word && !names_outlet {
            return None;
        }
        // The last run of capitalised words.
        let mut end = None;
        for k in (from..to).rev() {
            if a.is_cap(k) && !is_calendar_word(a.lower(k)) {
                end = Some(k);
                break;
            }
        }
        let end = end?;
        let mut start = end;
        while start > from
            && (a.is_cap(start - 1) || a.lower(start - 1) == "of")
            && !is_calendar_word(a.lower(start - 1))
        {
            start -= 1;
        }
        Some(self.span(start, end))
    }

    /// Where content starting at `start` ends (exclusive token index): the sentence's end, or
    /// before a comma that starts another attribution of the same subject.
    fn content_end(&self, start: usize) -> usize {
        let a = self.a;
        let last = self.s.last.min(start + MAX_CONTENT_TOKENS);
        let mut k = start;
        let is_heading = a.is_heading.get(self.s.paragraph).copied().unwrap_or(false);
        while k < last {
            if is_heading && matches!(a.raw(k), "–" | "—" | "|") {
                break;
            }
            if a.is_punct(k, ",") && !a.in_quote(k) {
                let next = k + 1;
                let participle_cue = a
                    .info
                    .get(next)
                    .and_then(|t| t.verb)
                    .is_some_and(|v| v.is_participle);
                let coordinated_cue = matches!(a.lower(next), "but" | "and") && {
                    let mut m = next + 1;
                    while m < last && a.has_class(m, class::ADV) {
                        m += 1;
                    }
                    a.info.get(m).is_some_and(|t| t.verb.is_some()) && !a.is_cap(m)
                };
                let according = a.lower(next) == "according" && a.lower(next + 1) == "to";
                if participle_cue || coordinated_cue || according {
                    break;
                }
            }
            k += 1;
        }
        // Trim the final stop and commas, keep closing quotation marks.
        while k > start
            && (a.is_punct(k - 1, ".")
                || a.is_punct(k - 1, ",")
                || a.is_punct(k - 1, ";")
                || a.is_punct(k - 1, ":"))
        {
            k -= 1;
        }
        k
    }

    /// End byte of a transcript turn starting in `paragraph`: the last following paragraph
    /// before one that opens with another "SPEAKER:" (at most ten paragraphs).
    fn turn_end(&self, paragraph: usize) -> usize {
        let a = self.a;
        let mut end = a.paragraphs.get(paragraph).map_or(0, |p| p.1);
        for next in paragraph + 1..(paragraph + 10).min(a.paragraphs.len()) {
            let (start, next_end) = a.paragraphs[next];
            let head: String = a.text[start..next_end].chars().take(40).collect();
            let head = head.trim_start_matches(['"', '“', ' ']);
            let speaker = head.split(':').next().unwrap_or_default();
            let opens_turn = head.contains(':')
                && !speaker.is_empty()
                && speaker.len() < 30
                && speaker.chars().any(char::is_uppercase)
                && speaker.chars().all(|c| !c.is_lowercase());
            if opens_turn || a.is_heading.get(next).copied().unwrap_or(false) {
                break;
            }
            end = next_end;
        }
        end
    }

    /// Moves a paragraph's end back over a final stop and whitespace.
    fn trim_end_byte(&self, end: usize) -> usize {
        let text = &self.a.text[..end];
        text.trim_end().trim_end_matches(['.', ',']).len()
    }

    /// End byte of a quotation continuing the content after the cue: "“C1,” he said, “C2.”"
    fn continuation_after(&self, last: usize) -> Option<usize> {
        let a = self.a;
        let mut k = last + 1;
        while k < self.s.last && (a.is_punct(k, ",") || a.is_punct(k, ":")) {
            k += 1;
        }
        if k >= self.s.last || !a.is_quote_mark(k) {
            return None;
        }
        let quote = a.quote_opening_at(k)?;
        Some(quote.end)
    }

    fn word_count(&self, from: usize, to: usize) -> usize {
        (from..to)
            .filter(|&k| self.a.is_word(k) || self.a.tokens[k].kind == TokenKind::Number)
            .count()
    }

    /// "C, S said." / "“C,” said S": content from the sentence start (or an opening quotation in
    /// an earlier sentence) to the comma before the subject.
    fn content_before(
        &mut self,
        subject_or_cue_first: usize,
        cue: usize,
        last: usize,
        cue_span: (ByteSpan, Stance),
        phrase: SourcePhrase,
    ) {
        self.content_before_with_venue(subject_or_cue_first, cue, last, cue_span, phrase, None);
    }

    fn content_before_with_venue(
        &mut self,
        clause_first: usize,
        _cue: usize,
        last: usize,
        cue_span: (ByteSpan, Stance),
        phrase: SourcePhrase,
        venue: Option<ByteSpan>,
    ) {
        let a = self.a;
        if clause_first <= self.s.first {
            return;
        }
        let content_end = self.break_before_end(clause_first);
        // Content starts at the sentence start; an earlier attribution in the sentence that ran
        // on into this one's clause ends where this one's content ends, nested inside it.
        let content_first = self
            .s
            .first
            .max(clause_first.saturating_sub(MAX_CONTENT_TOKENS));
        let clause_start = a.tokens[clause_first].start;
        let clip_at = a.tokens[content_end.saturating_sub(1).max(content_first)].end;
        for previous in self.found.iter_mut().filter(|f| f.sentence == self.index) {
            if previous.content.1 > clause_start && previous.content.0 < clause_start {
                previous.content.1 = clip_at.max(previous.content.0 + 1);
                previous.extent.1 = previous.extent.1.min(clip_at).max(previous.content.1);
            }
        }
        let mut end = content_end;
        while end > content_first && (a.is_punct(end - 1, ",") || a.is_punct(end - 1, ".")) {
            end -= 1;
        }
        let min_words = if a.is_quote_mark(content_first) { 2 } else { 3 };
        if end <= content_first || self.word_count(content_first, end) < min_words {
            return;
        }
        // An introductory phrase is not content ("In a statement, the group said").
        if self.word_count(content_first, end) < 5
            && a.has_class(content_first, class::PREP | class::TIME)
        {
            return;
        }
        let mut start_byte = a.tokens[content_first].start;
        // A quotation that opened in an earlier sentence of the paragraph.
        if let Some(quote) = super::quotes::enclosing(&a.outer_quotes, start_byte)
            && quote.is_closed
        {
            start_byte = start_byte.min(quote.start);
        }
        let mut content = (start_byte, a.tokens[end - 1].end);
        let mut extent = (content.0, a.tokens[last.min(self.s.last - 1)].end);
        if let Some(continued) = self.continuation_after(last) {
            content.1 = continued;
            extent.1 = extent.1.max(continued);
        }
        self.push_raw(
            Attribution::Indirect,
            content,
            extent,
            Some(cue_span),
            Some(phrase),
            venue,
        );
    }

    fn push(
        &mut self,
        kind: Attribution,
        tokens: (usize, usize),
        cue: Option<(ByteSpan, Stance)>,
        source: Option<SourcePhrase>,
        venue: Option<ByteSpan>,
    ) {
        let a = self.a;
        let mut end = self.content_end(tokens.0).min(tokens.1.max(tokens.0));
        if end <= tokens.0 {
            end = tokens.1;
        }
        let _ = end;
        let content = (a.tokens[tokens.0].start, tokens.1);
        self.push_raw(kind, content, content, cue, source, venue);
    }

    fn push_with_extent(
        &mut self,
        kind: Attribution,
        content: ByteSpan,
        extent_tokens: (usize, usize),
        cue: Option<(ByteSpan, Stance)>,
        source: Option<SourcePhrase>,
        venue: Option<ByteSpan>,
    ) {
        let extent = (
            self.a.tokens[extent_tokens.0].start.min(content.0),
            content.1,
        );
        let _ = extent_tokens.1;
        self.push_raw(kind, content, extent, cue, source, venue);
    }

    fn push_raw(
        &mut self,
        kind: Attribution,
        content: ByteSpan,
        extent: ByteSpan,
        cue: Option<(ByteSpan, Stance)>,
        source: Option<SourcePhrase>,
        venue: Option<ByteSpan>,
    ) {
        if content.1 <= content.0 {
            return;
        }
        let kind = if kind == Attribution::Indirect && self.is_mostly_quoted(content) {
            Attribution::DirectQuote
        } else {
            kind
        };
        // Keep one attribution per content span.
        if self.found.iter().any(|f| f.content == content) {
            return;
        }
        self.found.push(RawAttribution {
            kind,
            content,
            extent,
            cue,
            source,
            venue,
            sentence: self.index,
        });
    }

    /// True when most of the content lies inside quotation marks.
    fn is_mostly_quoted(&self, content: ByteSpan) -> bool {
        let outer = &self.a.outer_quotes;
        let first = outer.partition_point(|q| q.end <= content.0);
        let quoted: usize = outer[first..]
            .iter()
            .take_while(|q| q.start < content.1)
            .map(|q| q.end.min(content.1) - q.start.max(content.0))
            .sum();
        let text = &self.a.text[content.0..content.1];
        let opens_and_closes = text.starts_with(['“', '"', '‘', '\''])
            && text
                .trim_end_matches(['.', ','])
                .ends_with(['”', '"', '’', '\'']);
        quoted * 10 >= (content.1 - content.0) * 7 || opens_and_closes
    }

    /// "according to S, C", "C, according to S" and "C1, according to S, C2".
    fn according_to(&mut self, i: usize) -> usize {
        let a = self.a;
        let first = self.s.first;
        let last = self.s.last;
        let cue = (self.span(i, i + 1), Stance::Neutral);
        let source_first = i + 2;
        let mut source_last = source_first;
        while source_last < last
            && !a.is_punct(source_last, ",")
            && !a.is_punct(source_last, ".")
            && !a.is_quote_mark(source_last)
            && source_last - source_first < 15
        {
            source_last += 1;
        }
        if source_last == source_first {
            return i + 2;
        }
        // The source phrase ends before a participle or a relative clause ("according to
        // Treasury estimates seen by the Guardian").
        if let Some(cut) = (source_first + 1..source_last).find(|&k| {
            a.has_class(k, class::REL | class::SUB)
                || (a.is_word(k)
                    && !a.is_cap(k)
                    && ["ed", "en", "wn", "ing"]
                        .iter()
                        .any(|end| a.lower(k).ends_with(end))
                    && a.has_class(k + 1, class::PREP))
        }) {
            source_last = cut;
        }
        let mut np_last = source_last - 1;
        // Trim trailing time words ("according to officials on Monday").
        while np_last > source_first
            && (a.has_class(np_last, class::TIME)
                || is_calendar_word(a.lower(np_last))
                || a.has_class(np_last, class::PREP))
        {
            np_last -= 1;
        }
        let phrase = SourcePhrase::Phrase {
            mention: self.span(source_first, np_last),
            description: None,
        };
        let starts_sentence = i == first
            || (i > first
                && a.is_punct(i - 1, ",")
                && a.has_class(first, class::PREP | class::TIME | class::CONJ)
                && (first..i).filter(|&k| a.is_punct(k, ",")).count() == 1);
        let has_after = source_last < last
            && a.is_punct(source_last, ",")
            && self.word_count(source_last + 1, last) >= 2;
        if starts_sentence && has_after {
            let start = source_last + 1;
            let end = self.content_end(start);
            if end > start {
                let content = (a.tokens[start].start, a.tokens[end - 1].end);
                self.push_raw(
                    Attribution::AccordingTo,
                    content,
                    (a.tokens[i].start, content.1),
                    Some(cue),
                    Some(phrase),
                    None,
                );
            }
            return i + 2;
        }
        if i > first {
            let before_end = if a.is_punct(i - 1, ",") { i - 1 } else { i };
            if self.word_count(first, before_end) >= 2 {
                let end_token = if has_after {
                    self.content_end(source_last + 1)
                } else {
                    before_end
                };
                let content = (
                    a.tokens[first].start,
                    a.tokens[end_token.max(first + 1) - 1].end,
                );
                let extent = (content.0, content.1.max(a.tokens[np_last].end));
                self.push_raw(
                    Attribution::AccordingTo,
                    content,
                    extent,
                    Some(cue),
                    Some(phrase),
                    None,
                );
            }
        }
        source_last.max(i + 2)
    }

    /// "S: C" at the start of a sentence.
    fn colon(&mut self, k: usize) {
        let a = self.a;
        let first = self.s.first;
        if k == first || k + 1 >= self.s.last {
            return;
        }
        // In a headline, "Pence: …" is attributed only when the name before the colon is used
        // in the body too (unlike "Stealth Over Health: …").
        if a.is_heading.get(self.s.paragraph).copied().unwrap_or(false) {
            let named_in_body = k - first <= 3 && {
                let name = a.raw(k - 1);
                let body = a
                    .paragraphs
                    .get(self.s.paragraph + 1)
                    .map_or(a.text.len(), |p| p.0);
                a.text.get(body..).is_some_and(|rest| rest.contains(name))
                    || Lexicon::get().unnamed.contains(a.lower(k - 1))
            };
            if !named_in_body {
                return;
            }
        }
        if k - first > 6 || (first..k).any(|j| a.info[j].verb.is_some() || looks_like_verb(a, j)) {
            self.colon_after_clause(k);
            return;
        }
        let first = if a.is_quote_mark(first) {
            first + 1
        } else {
            first
        };
        if k <= first {
            return;
        }
        let all_name = (first..k).all(|j| {
            a.is_cap(j) || a.is_punct(j, ".") || a.has_class(j, class::DET) || a.is_punct(j, "-")
        });
        let has_name = (first..k).any(|j| a.is_cap(j) && !a.has_class(j, class::DET));
        let label = matches!(
            a.lower(first),
            "note"
                | "update"
                | "photo"
                | "video"
                | "watch"
                | "read"
                | "related"
                | "editor"
                | "source"
                | "correction"
                | "caption"
                | "image"
                | "credit"
                | "share"
                | "tags"
                | "topics"
                | "advertisement"
                | "listen"
                | "subscribe"
                | "q"
                | "a"
        );
        if !(all_name && has_name) || label || (first..k).any(|j| a.info[j].verb.is_some()) {
            return;
        }
        if self.word_count(k + 1, self.s.last) < 3 {
            return;
        }
        let content_first = k + 1;
        let end = self.content_end(content_first);
        if end <= content_first {
            return;
        }
        let mut content = (a.tokens[content_first].start, a.tokens[end - 1].end);
        // A speaker's turn ("PENCE: …") runs to the end of the paragraph.
        let opens_paragraph = a
            .sentences
            .get(self.index.wrapping_sub(1))
            .is_none_or(|p| p.paragraph != self.s.paragraph);
        if opens_paragraph && let Some(&(_, paragraph_end)) = a.paragraphs.get(self.s.paragraph) {
            content.1 = self.trim_end_byte(paragraph_end);
            // A transcript speaker ("PENCE:") goes on until the next speaker.
            let is_transcript_speaker = a.raw(k - 1).chars().all(|c| !c.is_lowercase());
            if is_transcript_speaker {
                content.1 = self.trim_end_byte(self.turn_end(self.s.paragraph));
            }
        }
        let phrase = SourcePhrase::Phrase {
            mention: self.span(first, k - 1),
            description: None,
        };
        self.push_raw(
            Attribution::Indirect,
            content,
            (a.tokens[first].start, content.1),
            Some((self.span(k, k), Stance::Neutral)),
            Some(phrase),
            None,
        );
    }

    /// "S said:" ending a paragraph, and a quotation opening the next one: that paragraph is the
    /// content.
    fn quote_in_next_paragraph(
        &mut self,
        subject_first: usize,
        cue: (ByteSpan, Stance),
        phrase: SourcePhrase,
        venue: Option<ByteSpan>,
    ) {
        let a = self.a;
        let Some(next) = a.sentences.get(self.index + 1) else {
            return;
        };
        if !a.is_quote_mark(next.first) || a.quote_opening_at(next.first).is_none() {
            return;
        }
        let Some(&(_, paragraph_end)) = a.paragraphs.get(next.paragraph) else {
            return;
        };
        let content = (
            next.start,
            self.trim_end_byte(paragraph_end).max(next.start + 1),
        );
        let extent = (a.tokens[subject_first].start, a.tokens[self.s.last - 1].end);
        self.push_raw(
            Attribution::DirectQuote,
            content,
            extent,
            Some(cue),
            Some(phrase),
            venue,
        );
    }

    /// "In an interview with X, S was blunt: 'C'": a quotation introduced by a colon after a
    /// clause takes that clause's subject as its source.
    fn colon_after_clause(&mut self, k: usize) {
        let a = self.a;
        let first = self.s.first;
        if !a.is_quote_mark(k + 1) || a.quote_opening_at(k + 1).is_none() || a.in_quote(k) {
            return;
        }
        let clause_first = (first..k)
            .rev()
            .take(60)
            .find(|&j| a.is_punct(j, ","))
            .map_or(first.max(k.saturating_sub(60)), |j| j + 1);
        let Some(phrase) = self.subject_at(clause_first) else {
            return;
        };
        let venue = (clause_first > first + 1)
            .then(|| self.venue_in(first, clause_first - 1, false))
            .flatten();
        let Some(quote) = a.quote_opening_at(k + 1).copied() else {
            return;
        };
        let content = (quote.start, quote.end.min(self.s.end.max(quote.end)));
        let extent = (a.tokens[clause_first].start, content.1);
        self.push_raw(
            Attribution::DirectQuote,
            content,
            extent,
            Some((self.span(k, k), Stance::Neutral)),
            Some(phrase),
            venue,
        );
    }

    /// "TRUMP ― We will win": a transcript line with a dash after a capitalised speaker.
    fn transcript_dash(&mut self, k: usize) {
        let a = self.a;
        let first = self.s.first;
        let is_dash = matches!(a.raw(k), "―" | "—" | "–");
        let opens_paragraph = self.index == 0
            || a.sentences
                .get(self.index - 1)
                .is_none_or(|p| p.paragraph != self.s.paragraph);
        // "TRUMP ― …" or "Sonya Herridge ― “…”" opening a paragraph.
        let is_speaker = (first..k).all(|j| a.is_word(j) && a.is_cap(j))
            && !(first..k).any(|j| a.has_class(j, u16::MAX));
        if !is_dash || !is_speaker || !opens_paragraph {
            return;
        }
        if self.word_count(k + 1, self.s.last) < 3 {
            return;
        }
        let Some(&(_, paragraph_end)) = a.paragraphs.get(self.s.paragraph) else {
            return;
        };
        let content = (a.tokens[k + 1].start, self.trim_end_byte(paragraph_end));
        if content.1 <= content.0 {
            return;
        }
        let phrase = SourcePhrase::Phrase {
            mention: self.span(first, k - 1),
            description: None,
        };
        self.push_raw(
            Attribution::DirectQuote,
            content,
            (a.tokens[first].start, content.1),
            Some((self.span(k, k), Stance::Neutral)),
            Some(phrase),
            None,
        );
    }
}

/// What follows a reporting verb.
enum RightSide {
    /// Content (byte range); `after_comma` when a comma stood between the verb and it.
    Content {
        start: usize,
        end: usize,
        venue: Option<ByteSpan>,
        after_comma: bool,
    },
    /// Only modifiers up to the end of the sentence (last token index).
    Trailing {
        last: usize,
        venue: Option<ByteSpan>,
    },
}

/// Sentences that are quotations without a cue, right after a quoted attribution (or a
/// paragraph that opens with a quotation after one that left a quotation open), take the same
/// source: "“C1,” he said. “C2.”"
fn add_quote_continuations(analysis: &Analysis, found: &mut Vec<RawAttribution>) {
    let mut by_sentence: Vec<Option<usize>> = vec![None; analysis.sentences.len()];
    for (index, attribution) in found.iter().enumerate() {
        if let Some(slot) = by_sentence.get_mut(attribution.sentence)
            && slot.is_none()
        {
            *slot = Some(index);
        }
    }
    // Sentences inside an attribution's content belong to it ("S said:" + a quoted paragraph).
    for (index, attribution) in found.iter().enumerate() {
        let first = analysis
            .sentences
            .partition_point(|s| s.start < attribution.content.0);
        for (k, sentence) in analysis.sentences.iter().enumerate().skip(first) {
            if sentence.start >= attribution.content.1 {
                break;
            }
            if by_sentence[k].is_none() {
                by_sentence[k] = Some(index);
            }
        }
    }
    let mut additions = Vec::new();
    // The quoted attribution that the next quotation may continue, and the paragraph where it
    // last went on; indices at or past `found.len()` point into `additions`.
    let mut current: Option<(usize, usize)> = None;
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        if let Some(attribution) = by_sentence[index] {
            let quoted = found[attribution].kind == Attribution::DirectQuote || {
                let outer = &analysis.outer_quotes;
                let k = outer.partition_point(|q| q.start < sentence.start);
                outer.get(k).is_some_and(|q| q.start < sentence.end)
            };
            current = quoted.then_some((attribution, sentence.paragraph));
            continue;
        }
        let opens_with_quote = analysis.is_quote_mark(sentence.first)
            && analysis.quote_opening_at(sentence.first).is_some();
        let Some((target, paragraph)) = current.filter(|_| opens_with_quote) else {
            current = None;
            continue;
        };
        if sentence.paragraph > paragraph + 1 {
            current = None;
            continue;
        }
        let mut end = sentence.last;
        while end > sentence.first + 1 && analysis.is_punct(end - 1, ".") {
            end -= 1;
        }
        let content = (sentence.start, analysis.tokens[end - 1].end);
        let target_attribution = if target < found.len() {
            &mut found[target]
        } else {
            &mut additions[target - found.len()]
        };
        if sentence.paragraph == paragraph {
            // The same speaker goes on in the same paragraph: one claim.
            target_attribution.content.1 = target_attribution.content.1.max(content.1);
            target_attribution.extent.1 = target_attribution.extent.1.max(content.1);
            continue;
        }
        let continued = RawAttribution {
            kind: Attribution::DirectQuote,
            content,
            extent: content,
            cue: target_attribution.cue,
            source: target_attribution.source,
            venue: None,
            sentence: index,
        };
        additions.push(continued);
        current = Some((found.len() + additions.len() - 1, sentence.paragraph));
    }
    found.extend(additions);
    found.sort_by_key(|f| (f.content.0, f.content.1));
}

/// Whether a lower-case word looks like an adverb in "-ly" ("firmly"); "daily" and "weekly"
/// are outlets in "the Polish daily said".
fn is_ly_adverb(lower: &str) -> bool {
    lower.ends_with("ly") && lower.len() > 4 && !Lexicon::get().outlet_nouns.contains(lower)
}
