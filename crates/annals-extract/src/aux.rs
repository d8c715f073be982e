//! Auxiliary modes of an event (PLOVER's negated, future, hypothetical, historical): read
//! from the words of its clause around the trigger and from its date.

use annals_core::record::Aux;
use annals_text::{Grammar, Prepared};
use std::ops::Range;

/// Words of a clause that qualify a trigger at `trigger`: negation before the trigger or just
/// after it (German "traf ... nicht"), modal and future words before it or right after it.
pub fn flags(
    p: &Prepared,
    grammar: &Grammar,
    clause: Range<usize>,
    trigger: Range<usize>,
    passive: bool,
    reported: bool,
) -> Aux {
    // The trigger's own words count too: Kazakh and Russian verbs carry negation and future
    // in their endings ("бармады", "посетит"), which the lists give as whole forms.
    let before = clause.start..trigger.end;
    // Not across a comma: "forderte Berlin auf, Moskau nicht länger zu unterstützen".
    let near_end = (trigger.end..(trigger.end + 5).min(clause.end))
        .find(|&k| p.tokens[k].kind == annals_text::TokenKind::Punct)
        .unwrap_or((trigger.end + 5).min(clause.end));
    let near_after = trigger.end..near_end;
    let any = |set: &annals_text::wordset::WordSet, r: Range<usize>| {
        r.into_iter().any(|k| set.longest(&p.tokens, k).is_some())
    };
    // The negation and modal words of a multi-word trigger are its own, not modes of it: "не
    // может быть и речи" is a refusal, neither negated nor hypothetical. (Its intent words
    // stay: "ready to", "prepared to" announce; a one-word trigger's ending counts too.)
    let own = |k: usize| trigger.end - trigger.start > 1 && trigger.contains(&k);
    let any_but_own = |set: &annals_text::wordset::WordSet, r: Range<usize>| {
        r.into_iter().any(|k| !own(k) && set.longest(&p.tokens, k).is_some())
    };
    let negated = any_but_own(&grammar.negation, before.clone())
        || any(&grammar.negation, near_after.clone())
        || p.tokens[trigger.clone()]
            .iter()
            .any(|t| t.lower.ends_with("n't"));
    let future = !passive
        && (any(&grammar.future, before.clone())
            || any(&grammar.intent, before.clone())
            || any(
                &grammar.future,
                trigger.end..(trigger.end + 2).min(clause.end),
            ));
    // A modal right before the trigger ("could impose", "könnte verhängen", "может ввести")
    // marks a hypothetical event; conditions and modals further away mark analysis, which
    // `is_speculation` catches.
    let near = modal_reach(p, grammar, &clause, &trigger);
    let mut hypothetical = any_but_own(&grammar.hypothetical, near.clone())
        || any(
            &grammar.hypothetical,
            trigger.end..(trigger.end + 2).min(clause.end),
        );
    // A noun trigger that opens its clause as the subject takes the modal of the verb after
    // it: "Ein russischer Angriff auf ein NATO-Land würde ... auslösen", "A Russian attack on
    // a NATO member would trigger ...".
    let opens_subject = trigger.start > clause.start
        && trigger.start - clause.start <= 3
        && {
            let first = &p.tokens[clause.start].lower;
            grammar.indefinite.contains_word(first) || grammar.determiners.contains_word(first)
        };
    if opens_subject && any_but_own(&grammar.hypothetical, trigger.end..clause.end) {
        hypothetical = true;
    }
    // In reported speech "would" is the future of the past ("said it would retaliate").
    let mut future = future;
    if hypothetical
        && reported
        && any(&grammar.reported_future, near.clone())
        && !any(&grammar.unless, clause.clone())
    {
        hypothetical = false;
        future = !passive;
    }
    let historical = any(&grammar.historical, clause.clone())
        || after_word_before(p, grammar, trigger.start, clause.start)
        || (trigger.end < clause.end
            && grammar
                .after_postpositions
                .contains_word(&p.tokens[trigger.end].lower));
    Aux {
        negated,
        future,
        hypothetical,
        historical,
    }
}

/// "nach den von beiden Ländern verhängten Importverboten", "after the sanctions": a noun
/// trigger that follows "after" names an earlier event.
fn after_word_before(p: &Prepared, grammar: &Grammar, start: usize, floor: usize) -> bool {
    // The article stands between "after" and the noun ("nach den ... Importverboten"), not
    // before it ("die Gaslieferungen nach Europa stoppen").
    // Russian has no articles, and its "после" is only temporal: lowercase words (adjectives,
    // genitives) may stand between ("после десятилетий напряженных переговоров").
    // A German noun right after "nach" is that phrase's own ("Nach Angaben des Ministeriums
    // traf ...": according to, not after).
    let own_noun = |a: usize| {
        p.lang == annals_core::Lang::De
            && a + 1 < start
            && p.tokens[a + 1].kind == annals_text::TokenKind::Word
            && p.tokens[a + 1].cap
    };
    (start.saturating_sub(6).max(floor)..start).any(|a| {
        grammar.after_words.contains_word(&p.tokens[a].lower)
            && !own_noun(a)
            && ((a + 1..start).any(|k| grammar.determiners.contains_word(&p.tokens[k].lower))
                || (p.lang == annals_core::Lang::Ru
                    && start - a <= 4
                    && (a + 1..start).all(|k| {
                        p.tokens[k].kind == annals_text::TokenKind::Word && !p.tokens[k].cap
                    })))
    })
}

/// Whether a trigger stands in speculation rather than a report: a condition or modal earlier
/// in its clause that does not govern it directly ("experts say a rift may be beneficial",
/// "if Beijing can play its cards right, US pressure could support China"). Such words are
/// analysis, not events.
pub fn is_speculation(
    p: &Prepared,
    grammar: &Grammar,
    clause: Range<usize>,
    trigger: Range<usize>,
) -> bool {
    let far = clause.start..modal_reach(p, grammar, &clause, &trigger).start;
    far.into_iter().any(|k| {
        // A condition whose own clause holds the trigger ("If China were to blockade
        // Taiwan, ...") makes it hypothetical, not speculation: no comma stands between.
        let condition = grammar.clause_break.contains_word(&p.tokens[k].lower)
            && !(k..trigger.start).any(|j| p.token_text(j) == ",");
        grammar.hypothetical.longest(&p.tokens, k).is_some() && !condition
    })
}

/// Where a modal governs the trigger: the three words before it; in German, whose modal
/// stands second and whose verb stands last ("Die EU könnte neue Sanktionen verhängen"),
/// the whole clause before a trigger at its end.
fn modal_reach(p: &Prepared, grammar: &Grammar, clause: &Range<usize>, trigger: &Range<usize>) -> Range<usize> {
    let words_after = (trigger.end..clause.end)
        .filter(|&k| p.tokens[k].kind == annals_text::TokenKind::Word)
        .count();
    if p.lang == annals_core::Lang::De && words_after <= 2 {
        return clause.start..trigger.end;
    }
    // Russian: a modal governs the infinitive after it and that verb's object ("Пхеньян
    // может провести очередное ядерное испытание"): two more words of reach past an
    // infinitive (by the grammar's `infinitive_endings`).
    if !grammar.infinitive_endings.is_empty() {
        let floor = trigger.start.saturating_sub(4).max(clause.start);
        let infinitive = (floor..trigger.start).any(|k| {
            let w = p.tokens[k].lower.as_str();
            grammar.infinitive_endings.iter().any(|e| w.ends_with(e.as_str()))
        });
        if infinitive {
            return trigger.start.saturating_sub(5).max(clause.start)..trigger.end;
        }
    }
    trigger.start.saturating_sub(3).max(clause.start)..trigger.end
}
