//! Sentence splitting that survives "27. November", "z. B.", "U.S.", "г.", initials and
//! quotes: a full stop ends a sentence unless the word before it is an abbreviation of the
//! language, an initial, or an ordinal number before a month or a lowercase word. A line
//! break always ends a sentence (reports are often one paragraph or headline per line).

use crate::{tokens::Token, tokens::TokenKind, Grammar, Sentence};
use annals_core::Span;

const CLOSERS: &[&str] = &["\"", "'", "»", "“", "”", "›", ")", "]", "’"];

/// Splits the tokens of `text` into sentences. In a `caseless` text (see
/// [`crate::is_caseless`]) a lowercase word after a full stop may start a sentence.
pub fn split(text: &str, tokens: &[Token], grammar: &Grammar, caseless: bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < tokens.len() {
        let mut end_here = false;
        let t = &tokens[k];
        let next = tokens.get(k + 1);
        if let Some(n) = next {
            if text[t.span.end..n.span.start].contains('\n') {
                end_here = true;
            }
        }
        if !end_here && t.kind == TokenKind::Punct {
            let p = &text[t.span.start..t.span.end];
            if matches!(p, "." | "!" | "?" | "…") {
                end_here = is_boundary(text, tokens, k, p, grammar, caseless);
            }
        }
        if end_here {
            // Let closing quotes and brackets stay with the sentence they close.
            while let Some(n) = tokens.get(k + 1) {
                let s = &text[n.span.start..n.span.end];
                if CLOSERS.contains(&s)
                    && !n.space_before
                    && !text[t.span.end..n.span.start].contains('\n')
                {
                    k += 1;
                } else {
                    break;
                }
            }
            push(&mut out, tokens, start, k + 1);
            start = k + 1;
        }
        k += 1;
    }
    push(&mut out, tokens, start, tokens.len());
    out
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], from: usize, to: usize) {
    if from < to {
        out.push(Sentence {
            span: Span::new(tokens[from].span.start, tokens[to - 1].span.end),
            tokens: from..to,
        });
    }
}

fn is_boundary(
    text: &str,
    tokens: &[Token],
    k: usize,
    punct: &str,
    grammar: &Grammar,
    caseless: bool,
) -> bool {
    let next = tokens.get(k + 1);
    let Some(next) = next else { return true };
    let next_text = &text[next.span.start..next.span.end];
    let next_lower_start = next_text.chars().next().is_some_and(|c| c.is_lowercase());
    if next_lower_start && !caseless {
        return false;
    }
    if punct != "." {
        return true;
    }
    let Some(prev) = k.checked_sub(1).map(|p| &tokens[p]) else {
        return true;
    };
    if prev.span.end != tokens[k].span.start {
        return true; // a dot standing apart
    }
    // An initial: "W. Putin", "В. В. Путин".
    if prev.kind == TokenKind::Word && prev.lower.chars().count() == 1 {
        return false;
    }
    // The first part of a multi-part abbreviation ("z." of "z. B.", "т." of "т. е.").
    let first_part = format!("{}.", prev.lower);
    if grammar.abbreviations.iter().any(|a| {
        a.starts_with(&first_part) && ends_with_abbreviation(text, prev.span.end, &prev.lower)
    }) {
        return false;
    }
    // A dotted acronym already holds its dot ("U.S."): the dot here is a second one.
    if prev.kind == TokenKind::Word
        && grammar
            .abbreviations
            .iter()
            .any(|a| ends_with_abbreviation(text, prev.span.end, a))
    {
        return false;
    }
    // An ordinal after an article: "ein 13. Sanktionspaket", "das 2. Treffen" (a count
    // ending a sentence has no article right before it: "stieg auf 13.").
    if prev.kind == TokenKind::Number && prev.lower.chars().count() <= 3 && k >= 2 && {
        let before = &tokens[k - 2];
        before.kind == TokenKind::Word
            && (grammar.determiners.contains_word(&before.lower)
                || grammar.indefinite.contains_word(&before.lower))
    } {
        return false;
    }
    // An ordinal before a month name ("27. November") or a lowercase word.
    if prev.kind == TokenKind::Number
        && next.kind == TokenKind::Word
        && grammar.months.contains_key(&next.lower)
    {
        return false;
    }
    true
}

/// Whether the text just before byte `end` is the abbreviation `abbr` ("z. b", "dr"), starting
/// at a word boundary.
fn ends_with_abbreviation(text: &str, end: usize, abbr: &str) -> bool {
    let mut start = end;
    let want = abbr.chars().count();
    let mut taken = 0;
    for (i, _) in text[..end].char_indices().rev() {
        start = i;
        taken += 1;
        if taken == want {
            break;
        }
    }
    if taken < want {
        return false;
    }
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && crate::tokens::lower(&text[start..end]) == abbr
}

#[cfg(test)]
mod tests {
    use crate::{prepare, Grammar};
    use annals_core::Lang;

    fn sentences(text: &str, grammar: &Grammar) -> Vec<String> {
        let p = prepare(text, Lang::De, grammar);
        p.sentences
            .iter()
            .map(|s| p.slice(s.span).to_string())
            .collect()
    }

    fn german() -> Grammar {
        Grammar::parse("abbreviations = [\"z. B\", \"Dr\", \"bzw\"]\nmonths = [[\"Januar\"],[\"Februar\"],[\"März\"],[\"April\"],[\"Mai\"],[\"Juni\"],[\"Juli\"],[\"August\"],[\"September\"],[\"Oktober\"],[\"November\"],[\"Dezember\"]]", "t").unwrap()
    }

    #[test]
    fn dates_abbreviations_and_initials_do_not_end_sentences() {
        let s = sentences(
            "Am 27. November kam Dr. Müller, z. B. mit W. Putin. Dann ging er.",
            &german(),
        );
        assert_eq!(
            s,
            [
                "Am 27. November kam Dr. Müller, z. B. mit W. Putin.",
                "Dann ging er."
            ]
        );
    }

    #[test]
    fn an_ordinal_after_an_article_does_not_end_a_sentence() {
        let g = Grammar::parse("indefinite = [\"ein\"]\ndeterminers = [\"der\"]\nprepositions = [\"auf\"]", "t").unwrap();
        let s = sentences(
            "Die EU hat ein 13. Sanktionspaket beschlossen. Die Zahl stieg auf 13. Die Polizei ermittelt.",
            &g,
        );
        assert_eq!(
            s,
            [
                "Die EU hat ein 13. Sanktionspaket beschlossen.",
                "Die Zahl stieg auf 13.",
                "Die Polizei ermittelt."
            ]
        );
    }

    #[test]
    fn acronyms_quotes_and_line_breaks() {
        let s = sentences(
            "The U.S. said \"no.\" Then it left\nHeadline here",
            &Grammar::default(),
        );
        assert_eq!(
            s,
            ["The U.S. said \"no.\"", "Then it left", "Headline here"]
        );
    }
}
