//! Clauses: a sentence cut at semicolons, colons and at commas that open a subordinate
//! clause ("…, dass", "…, which", "…, что") or a speech tag ("…, sagte Putin"), so that each
//! trigger finds its arguments in its own clause.

use annals_text::{Grammar, Prepared, TokenKind};
use std::ops::Range;

/// A clause of a sentence, and whether it is a verb of saying's clause.
#[derive(Clone, Debug)]
pub struct Clause {
    pub tokens: Range<usize>,
    /// Holds a verb of saying ("betont", "said", "заявил").
    pub speech: bool,
    /// A closing attribution whose verb is an act of its own ("..., a rights group
    /// protested"): the words before it are its topic.
    pub tag_act: bool,
}

/// Cuts the tokens of a sentence into clauses.
pub fn split(p: &Prepared, sentence: Range<usize>, grammar: &Grammar) -> Vec<Clause> {
    let mut cuts = vec![sentence.start];
    let mut speech_since_cut = false;
    for k in sentence.clone() {
        // "Russia said on Tuesday that Sudan must ...": the complement of a verb of saying is
        // a clause of its own even without a comma.
        if let Some((_, n)) = grammar.speech.longest(&p.tokens, k) {
            speech_since_cut = true;
            // English reports what was said without "that": "The IAEA said Iran had
            // refused ..." — a name or an article right after the verb of saying opens what
            // was said.
            let next = k + n;
            if p.lang == annals_core::Lang::En
                && next < sentence.end
                && k > sentence.start
                && p.tokens[next].kind == TokenKind::Word
                && (p.tokens[next].cap || grammar.determiners.contains_word(&p.tokens[next].lower))
            {
                cuts.push(next);
                speech_since_cut = false;
            }
        } else if speech_since_cut
            && k > sentence.start
            && p.tokens[k - 1].kind != TokenKind::Punct
            && grammar.complementizers.contains_word(&p.tokens[k].lower)
        {
            cuts.push(k);
            speech_since_cut = false;
        }
        // "to Macedonia which is preparing an offensive": a relative pronoun right after a
        // name opens a clause even without its comma.
        if k > sentence.start
            && p.tokens[k - 1].kind == TokenKind::Word
            && p.tokens[k - 1].cap
            && grammar.relative.contains_word(&p.tokens[k].lower)
        {
            cuts.push(k);
            speech_since_cut = false;
        }
        let t = &p.tokens[k];
        if t.kind != TokenKind::Punct {
            continue;
        }
        let s = p.token_text(k);
        let next = k + 1;
        // "Der Kreml teilte mit, Putin habe ...": after a verb of saying a comma opens what
        // was said (German reported speech needs no "dass").
        let opens = next < sentence.end
            && ((speech_since_cut
                && p.lang == annals_core::Lang::De
                && s == ","
                && !zu_infinitive_group(p, next..sentence.end))
                // ", as authorities in Croatia cracked down" opens a clause; ", as well as
                // China" continues a list.
                || (grammar.clause_break.longest(&p.tokens, next).is_some()
                    && grammar.coord.longest(&p.tokens, next).is_none())
                || grammar.speech.longest(&p.tokens, next).is_some()
                || is_quote(p.token_text(next))
                || speech_tag(p, next..sentence.end, grammar));
        // A sentence that opens with a subordinate clause ("If Russia crosses the border,
        // NATO would ...", "Falls ..., würde ...", "Sollte Belarus ..., würde ...") ends it at
        // its first comma: the main clause has its own subject.
        let first = &p.tokens[sentence.start].lower;
        let opened_subordinate = cuts.len() == 1
            && s == ","
            && (grammar.clause_break.contains_word(first)
                || (p.lang == annals_core::Lang::De && grammar.hypothetical.contains_word(first)));
        if matches!(s, ";" | ":")
            || (matches!(s, "," | "–" | "—") && (opens || opened_subordinate))
            || is_quote(s)
        {
            cuts.push(next);
            speech_since_cut = false;
        }
    }
    cuts.push(sentence.end);
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let tag_act = w[0] > sentence.start
                && p.token_text(w[0] - 1) == ","
                && speech_tag(p, w[0]..sentence.end, grammar)
                && !(w[0]..w[1]).any(|k| grammar.speech.longest(&p.tokens, k).is_some());
            Clause {
                tokens: w[0]..w[1],
                speech: tag_act
                    || (w[0]..w[1]).any(|k| grammar.speech.longest(&p.tokens, k).is_some()),
                tag_act,
            }
        })
        .collect()
}

/// A closing attribution: "…, a state-owned Egyptian newspaper said on Monday." The source
/// and its verb of saying (or of protest: "…, a rights group protested") end the sentence,
/// so the words before the comma are what was said.
fn speech_tag(p: &Prepared, rest: Range<usize>, grammar: &Grammar) -> bool {
    const SOURCE_WORDS: usize = 12;
    const TAIL_WORDS: usize = 8;
    for j in rest.start..rest.end.min(rest.start + SOURCE_WORDS) {
        let text = p.token_text(j);
        // A source may carry its acronym in brackets: "the World Food Programme (WFP) said".
        if p.tokens[j].kind == TokenKind::Punct && !matches!(text, "." | "'" | "(" | ")") {
            return false;
        }
        if j > rest.start
            && (grammar.speech.longest(&p.tokens, j).is_some()
                || grammar.speech_acts.contains_word(&p.tokens[j].lower))
        {
            let tail = (j + 1..rest.end).filter(|&k| p.tokens[k].kind != TokenKind::Punct);
            return tail.clone().count() <= TAIL_WORDS
                && !tail.clone().any(|k| {
                    grammar.complementizers.contains_word(&p.tokens[k].lower)
                        || grammar.clause_break.contains_word(&p.tokens[k].lower)
                });
        }
    }
    false
}

/// Whether the words from `rest.start` to the next punctuation end in a German zu-infinitive
/// ("…, Tadschikistan beim Bau von Straßen zu unterstützen"): the object of "sich bereit
/// erklärt", not reported speech.
pub(crate) fn zu_infinitive_group(p: &Prepared, rest: Range<usize>) -> bool {
    let end = rest
        .clone()
        .find(|&k| p.tokens[k].kind == TokenKind::Punct)
        .unwrap_or(rest.end);
    let Some(last) = (rest.start..end).rev().find(|&k| p.tokens[k].kind == TokenKind::Word) else {
        return false;
    };
    let w = p.tokens[last].lower.as_str();
    (last > rest.start && p.tokens[last - 1].lower == "zu")
        || (!p.tokens[last].cap
            && w.ends_with('n')
            && w.rfind("zu").is_some_and(|z| z >= 2 && z + 5 <= w.len()))
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "„" | "“" | "”" | "«" | "»")
}
