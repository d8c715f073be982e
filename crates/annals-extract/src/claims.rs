//! Claims: the quantities a report asserts ("Mehr als 80 % des kasachischen Öls", "$200
//! billion", "более 80%"), with unit, qualifier and what they are about.

use annals_core::record::{ClaimRecord, Quantity};
use annals_core::{Lang, Span};
use annals_text::{Grammar, Prepared, TokenKind};

const CURRENCY: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₽", "RUB"),
    ("₸", "KZT"),
    ("¥", "CNY"),
];

/// Parses a number token written in the conventions of `lang` ("1.500,5" in German and
/// Russian, "1,500.5" in English).
pub fn parse_number(s: &str, lang: Lang) -> Option<f64> {
    let cleaned: String = match lang {
        Lang::En => s.replace(',', ""),
        _ => {
            if s.matches('.').count() == 1
                && !s.contains(',')
                && s.split('.').nth(1).is_some_and(|f| f.len() != 3)
            {
                s.to_string()
            } else {
                s.replace('.', "").replace(',', ".")
            }
        }
    };
    cleaned.replace('\'', "").parse().ok()
}

/// A number written as a word that a unit follows ("five years", "пяти лет", "бес жыл"),
/// or one word of a number and a unit of time ("fünfjährigen", "пятилетних"): its value
/// and, for the compound, its unit. "a"/"one" alone is no claim.
fn word_number(p: &Prepared, grammar: &Grammar, k: usize) -> Option<(f64, Option<String>)> {
    let t = &p.tokens[k];
    if t.kind != TokenKind::Word {
        return None;
    }
    if let Some((v, 1)) = grammar.counts.at(&p.tokens, k) {
        let unit_next = p
            .tokens
            .get(k + 1)
            .is_some_and(|n| grammar.units.contains_key(&n.lower));
        return (v >= 2 && unit_next).then_some((v as f64, None));
    }
    grammar.unit_compounds.iter().find_map(|(ending, unit)| {
        let at = t.lower.find(ending.as_str())?;
        let (head, _) = t.lower.split_at(at);
        grammar
            .counts
            .at_word(head)
            .filter(|&v| v >= 2)
            .map(|v| (v as f64, Some(unit.clone())))
    })
}

/// Finds the claims of a sentence; `clause_of` gives the clause range of a token and
/// `in_date` tells the tokens of a date phrase ("vor fünf Jahren" is a date, no claim).
pub fn find(
    p: &Prepared,
    grammar: &Grammar,
    range: std::ops::Range<usize>,
    clause_of: &dyn Fn(usize) -> std::ops::Range<usize>,
    in_date: &dyn Fn(usize) -> bool,
) -> Vec<ClaimRecord> {
    let mut out = Vec::new();
    let mut k = range.start;
    while k < range.end {
        if in_date(k) {
            k += 1;
            continue;
        }
        let (mut value, mut unit) = if p.tokens[k].kind == TokenKind::Number {
            match parse_number(p.token_text(k), p.lang) {
                Some(v) => (v, None),
                None => {
                    k += 1;
                    continue;
                }
            }
        } else {
            match word_number(p, grammar, k) {
                Some(found) => found,
                None => {
                    k += 1;
                    continue;
                }
            }
        };
        let mut start = k;
        if k > range.start {
            if let Some((_, code)) = CURRENCY.iter().find(|(sym, _)| *sym == p.token_text(k - 1)) {
                unit = Some(code.to_string());
                start = k - 1;
            }
        }
        let mut end = k + 1;
        let mut scaled = false;
        if let Some(mult) = p
            .tokens
            .get(end)
            .and_then(|t| grammar.number_words.get(t.lower.trim_end_matches('.')))
        {
            value *= mult;
            scaled = true;
            end += 1;
        }
        if unit.is_none() {
            if let Some(u) = p.tokens.get(end).and_then(|t| grammar.units.get(&t.lower)) {
                unit = Some(u.clone());
                end += 1;
            } else if let Some((_, code)) = p.tokens.get(end).and_then(|t| {
                CURRENCY
                    .iter()
                    .find(|(sym, _)| *sym == p.norm.text[t.span.start..t.span.end].to_string())
            }) {
                unit = Some(code.to_string());
                end += 1;
            }
        }
        if unit.is_none() && !scaled {
            k += 1;
            continue;
        }
        // A qualifier right before: "mehr als", "more than", "более".
        let mut qualifier = None;
        for (phrase, english) in &grammar.quantity_qualifiers {
            let words: Vec<&str> = phrase.split_whitespace().collect();
            if start >= range.start + words.len()
                && words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| p.tokens[start - words.len() + j].lower == *w)
            {
                qualifier = Some(english.clone());
                start -= words.len();
                break;
            }
        }
        // What it is about: the words after it, up to a comma or five words.
        let mut subj_end = end;
        while subj_end < range.end
            && subj_end < end + 5
            && p.tokens[subj_end].kind == TokenKind::Word
            && !grammar.passive_aux.contains_word(&p.tokens[subj_end].lower)
        {
            subj_end += 1;
        }
        let subject = (subj_end > end).then(|| {
            p.slice(Span::new(
                p.tokens[end].span.start,
                p.tokens[subj_end - 1].span.end,
            ))
            .to_string()
        });
        let clause = clause_of(k);
        let span = Span::new(
            p.tokens[clause.start].span.start,
            p.tokens[clause.end - 1].span.end,
        );
        let _ = start;
        out.push(ClaimRecord {
            text: p.orig_text(span),
            span: p.orig_span(span),
            quantity: Quantity {
                value,
                unit,
                qualifier,
            },
            subject,
        });
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(parse_number("1.500,5", Lang::De), Some(1500.5));
        assert_eq!(parse_number("1,500.5", Lang::En), Some(1500.5));
        assert_eq!(parse_number("2,5", Lang::Ru), Some(2.5));
        assert_eq!(parse_number("80", Lang::De), Some(80.0));
    }
}
