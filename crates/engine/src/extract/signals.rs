//! Signals read off spans of text: hedges, and how checkable an unattributed statement looks.

use super::analysis::{Analysis, is_calendar_word};
use super::lexicon::{HedgeClass, Lexicon, class};
use super::tokens::TokenKind;

/// A hedge found in the text: byte range and class.
#[derive(Debug, Clone, Copy)]
pub struct Hedge {
    /// Byte offset of its first char.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Evidential or modal.
    pub class: HedgeClass,
}

/// Finds every hedge phrase in the text, in order.
pub fn find_hedges(a: &Analysis) -> Vec<Hedge> {
    let lexicon = Lexicon::get();
    let mut hedges = Vec::new();
    let n = a.tokens.len();
    let mut k = 0;
    while k < n {
        if !a.is_word(k) {
            k += 1;
            continue;
        }
        let mut matched = None;
        let candidates = lexicon
            .hedges_by_first_word
            .get(a.lower(k))
            .map_or(&[][..], Vec::as_slice);
        for (words, hedge_class) in candidates.iter().filter_map(|&i| lexicon.hedges.get(i)) {
            if k + words.len() <= n
                && words.iter().enumerate().all(|(j, w)| a.lower(k + j) == w)
                && matched.is_none_or(|(len, _)| words.len() > len)
            {
                matched = Some((words.len(), *hedge_class));
            }
        }
        match matched {
            Some((len, hedge_class)) => {
                // "may" and "might" as months or names are not hedges.
                let is_name = a.is_cap(k) && k > 0 && !a.is_punct(k - 1, ".");
                if !is_name {
                    hedges.push(Hedge {
                        start: a.tokens[k].start,
                        end: a.tokens[k + len - 1].end,
                        class: hedge_class,
                    });
                }
                k += len;
            }
            None => k += 1,
        }
    }
    hedges
}

/// Hedges within a byte range.
pub fn hedges_in(hedges: &[Hedge], start: usize, end: usize) -> impl Iterator<Item = &Hedge> {
    let first = hedges.partition_point(|h| h.start < start);
    hedges[first..].iter().take_while(move |h| h.end <= end)
}

/// How checkable the statement in tokens [first, last) looks, 0..1: figures, dates, named
/// actors and a finite verb raise it; questions, first person and opinion words lower it.
pub fn checkworthiness(a: &Analysis, first: usize, last: usize) -> f32 {
    let mut words = 0usize;
    let mut has_figure = false;
    let mut has_date = false;
    let mut has_name = false;
    let mut has_verb = false;
    let mut is_question = false;
    let mut first_person = false;
    let mut opinion = false;
    for k in first..last {
        let token = a.tokens[k];
        match token.kind {
            TokenKind::Number => {
                has_figure = true;
                words += 1;
            }
            TokenKind::Word => {
                words += 1;
                let lower = a.lower(k);
                if matches!(
                    lower,
                    "million"
                        | "billion"
                        | "trillion"
                        | "percent"
                        | "per"
                        | "dozens"
                        | "hundreds"
                        | "thousands"
                        | "half"
                        | "twice"
                        | "tripled"
                        | "doubled"
                ) {
                    has_figure = true;
                }
                if is_calendar_word(lower)
                    || matches!(
                        lower,
                        "week"
                            | "weeks"
                            | "month"
                            | "months"
                            | "year"
                            | "years"
                            | "yesterday"
                            | "today"
                            | "ago"
                            | "daily"
                            | "decade"
                    )
                {
                    has_date = true;
                }
                // A capital opening the sentence counts only as part of a longer name.
                let is_name_word = k != first || a.is_cap(k + 1);
                if a.is_cap(k) && is_name_word && !matches!(lower, "i") {
                    has_name = true;
                }
                if a.has_class(k, class::AUX)
                    || (lower.ends_with("ed") && lower.len() > 4)
                    || a.info[k].verb.is_some()
                {
                    has_verb = true;
                }
                if matches!(lower, "i" | "we" | "you" | "me" | "my" | "our") {
                    first_person = true;
                }
                if matches!(
                    lower,
                    "should"
                        | "must"
                        | "ought"
                        | "best"
                        | "worst"
                        | "great"
                        | "terrible"
                        | "amazing"
                        | "wonderful"
                        | "awful"
                        | "believe"
                        | "think"
                        | "feel"
                        | "hope"
                ) {
                    opinion = true;
                }
            }
            TokenKind::Punct => {
                if matches!(&a.text[token.start..token.end], "?" | "$" | "%" | "€" | "£") {
                    if a.raw(k) == "?" {
                        is_question = true;
                    } else {
                        has_figure = true;
                    }
                }
            }
            _ => {}
        }
    }
    if words < 4 {
        return 0.0;
    }
    let mut score = 0.1f32;
    if has_figure {
        score += 0.35;
    }
    if has_date {
        score += 0.15;
    }
    if has_name {
        score += 0.2;
    }
    if has_verb {
        score += 0.2;
    }
    if (6..=60).contains(&words) {
        score += 0.1;
    }
    if is_question {
        score -= 0.5;
    }
    if first_person {
        score -= 0.25;
    }
    if opinion {
        score -= 0.15;
    }
    if !has_verb {
        score -= 0.3;
    }
    score.clamp(0.0, 1.0)
}
