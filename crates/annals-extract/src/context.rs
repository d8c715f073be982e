//! The context of a trigger in its clause: whether it is an act of its own (not hoped for,
//! not a refused comment, not the content or reason of another act, not part of a name) and
//! which words around it are its arguments (relative antecedents, Kazakh embedded subjects,
//! verb-final objects, the speaker or addressee of reported speech).

use super::*;
use annals_text::TokenKind;

/// The acts whose object can be another act, its content (a demand, refusal, threat,
/// accusation, promise or support: "demanded that Israel ease...").
pub(crate) fn takes_content(ty: EventType) -> bool {
    matches!(
        ty,
        EventType::Request
            | EventType::Reject
            | EventType::Threaten
            | EventType::Accuse
            | EventType::Agree
            | EventType::Support
    )
}

/// Kazakh reported content closed by "деп" and a verb of hoping right after the trigger ("... қолдау
/// көрсетеді деп үміттенеді"): what is hoped for has not happened.
pub(crate) fn hoped_for(p: &annals_text::Prepared, g: &Grammar, after: usize, end: usize) -> bool {
    if p.lang != Lang::Kk {
        return false;
    }
    let reach = end.min(after + 2);
    (after..reach).any(|k| {
        g.complementizers.contains_word(&p.tokens[k].lower)
            && (k + 1..end.min(k + 3)).any(|j| g.hypothetical.longest(&p.tokens, j).is_some())
    })
}

/// The clause refuses to comment ("отказался комментировать детали переговоров",
/// "түсініктеме беруден бас тартты"): the acts it names are only the topic of the question.
pub(crate) fn refused_comment(p: &annals_text::Prepared, g: &Grammar, clause: &std::ops::Range<usize>) -> bool {
    clause.clone().any(|k| g.no_comment.longest(&p.tokens, k).is_some())
}

/// The trigger stands in a that-clause after a verb of hoping ("надеются, что Вашингтон
/// снимет санкции"): what is hoped for has not happened.
pub(crate) fn hoped_clause(
    p: &annals_text::Prepared,
    g: &Grammar,
    clauses: &[clauses::Clause],
    at: usize,
) -> bool {
    let Some(c) = clauses.iter().position(|c| c.tokens.contains(&at)) else {
        return false;
    };
    let opens = |k: usize| {
        clauses[k].tokens.start < clauses[k].tokens.end
            && g.complementizers
                .contains_word(&p.tokens[clauses[k].tokens.start].lower)
    };
    if c > 0
        && opens(c)
        && clauses[c - 1]
            .tokens
            .clone()
            .any(|k| g.hope.longest(&p.tokens, k).is_some())
    {
        return true;
    }
    // English drops the "that" ("Bolivia hopes the court will reopen ..."), German hopes
    // "auf" a thing: a verb of hoping before the trigger in its own clause, unless an
    // infinitive follows it ("hopes to visit": the hoper's own intent).
    matches!(p.lang, Lang::En | Lang::De)
        && (clauses[c].tokens.start..at).any(|k| {
            g.hope.longest(&p.tokens, k).is_some_and(|(_, n)| {
                let next = k + n;
                next < at
                    && match p.lang {
                        // German infinitives hide their "zu" ("aufzunehmen"): only hoping
                        // "auf" a thing counts.
                        Lang::De => matches!(p.tokens[next].lower.as_str(), "auf" | "darauf"),
                        _ => p.tokens[next].lower != "to",
                    }
            })
        })
}

/// Kazakh embeds a reported act as a nominalised clause before the main verb, with its own
/// subject next to it: in the genitive ("Путиннің Қытайды қолдағанын", "Мирзиёевтің
/// Астанаға сапары": only names stand between) or, for a nominalised verb
/// ("-ғанын", "-атынын"), as the later of two nominative subjects ("Дипломаттар Доминикан
/// Республикасы және Панама Пекинді мойындағанын атап өтті"). The subject with the names
/// coordinated with it, if the trigger has one.
pub(crate) fn kk_embedded_subject(
    p: &annals_text::Prepared,
    g: &Grammar,
    mentions: &[Mention],
    in_clause: &[usize],
    h: &lexicon::TriggerHit,
) -> Option<Vec<usize>> {
    if p.lang != Lang::Kk {
        return None;
    }
    let before: Vec<usize> = in_clause
        .iter()
        .copied()
        .filter(|&m| mentions[m].tokens.end <= h.start && !mentions[m].place)
        .collect();
    let named = |m: usize| mentions[m].country.is_some() && mentions[m].kind != MentionKind::Role;
    // Only names (in any case) stand between a mention and the trigger.
    let names_only = |from: usize| {
        (from..h.start).all(|k| {
            before
                .iter()
                .any(|&m| named(m) && mentions[m].tokens.contains(&k))
        })
    };
    // (A trigger that opens with its object in the accusative, "қарызын кешірді" forgave
    // the debt, makes a genitive before it that object's owner, not a subject: "Ресей
    // Украинаның қарызын кешірді".)
    let object_first = h.end - h.start > 1 && {
        let w = &p.tokens[h.start].lower;
        g.cases.iter().any(|(e, c)| c == "acc" && w.ends_with(e.as_str()) && w.len() > e.len())
    };
    let genitive = before.iter().copied().rev().find(|&m| {
        !object_first
            && named(m)
            && g.cases.get(mentions[m].ending).is_some_and(|c| c == "gen")
            && names_only(mentions[m].tokens.end)
    });
    if let Some(m) = genitive {
        return Some(coordinated_with(p, g, mentions, &before, m));
    }
    let last = &p.tokens[h.end - 1].lower;
    const NOMINALISED: [&str; 12] = [
        "ғанын", "генін", "қанын", "кенін", "атынын", "етінін", "йтынын", "йтінін", "ғаны",
        "гені", "қаны", "кені",
    ];
    if !NOMINALISED.iter().any(|e| last.ends_with(e)) {
        return None;
    }
    let nominative = |m: usize| !g.cases.contains_key(mentions[m].ending);
    let subjects: Vec<usize> = before.iter().copied().filter(|&m| nominative(m)).collect();
    let last_subject = *subjects.last()?;
    let group = coordinated_with(p, g, mentions, &before, last_subject);
    // Two subjects: the main clause's first, the embedded clause's next to the trigger.
    (subjects.len() > group.len() && group.iter().all(|&m| named(m))).then_some(group)
}

/// Mention `m` with the mentions joined to it by "and" or commas, in text order.
pub(crate) fn coordinated_with(
    p: &annals_text::Prepared,
    g: &Grammar,
    mentions: &[Mention],
    before: &[usize],
    m: usize,
) -> Vec<usize> {
    let joined = |a: usize, b: usize| {
        mentions[a].tokens.end < mentions[b].tokens.start
            && (mentions[a].tokens.end..mentions[b].tokens.start).all(|k| {
                g.coord.contains_word(&p.tokens[k].lower) || p.token_text(k) == ","
            })
    };
    let mut group = vec![m];
    let i = before.iter().position(|&x| x == m).unwrap_or(0);
    for j in (0..i).rev() {
        if joined(before[j], group[0]) {
            group.insert(0, before[j]);
        } else {
            break;
        }
    }
    group
}

/// The grammatical case of a Kazakh word by its longest case ending, if any.
pub(crate) fn kk_case<'g>(g: &'g Grammar, word: &str) -> Option<&'g str> {
    g.cases
        .iter()
        .filter(|(ending, _)| word.ends_with(ending.as_str()) && word.len() > ending.len())
        .max_by_key(|(ending, _)| ending.len())
        .map(|(_, case)| case.as_str())
}

/// Kazakh is verb-final: what a request, refusal, threat, accusation, promise or endorsement
/// is about stands before its verb, as an object in a case ("жаттығуларды тоқтатуды талап
/// етті", "соққы беруден бас тартты"), before a postposition ("атысты тоқтату туралы
/// ұсынысын қабылдамады") or in the clause closed by "деп" ("газды тоқтатамын деп
/// қорқытты"); a trigger right before another (one word between at most) is its object
/// ("сотталған адамға кешірім жасады"); one before a postposition of cause or purpose is a
/// reason given ("Қытайды қолдағаны үшін"). None is an event of its own. A trigger in the
/// locative ("кездесуде"), or one set off by a comma or "and", is.
pub(crate) fn verb_final_object(
    p: &annals_text::Prepared,
    g: &Grammar,
    lexicon: &lexicon::Lexicon,
    clauses: &[clauses::Clause],
    hits: &[lexicon::TriggerHit],
    i: usize,
) -> bool {
    if p.lang != Lang::Kk {
        return false;
    }
    let h = &hits[i];
    if h.end < p.tokens.len() && g.cause_postpositions.contains_word(&p.tokens[h.end].lower) {
        return true;
    }
    let case = kk_case(g, &p.tokens[h.end - 1].lower);
    if case == Some("loc") {
        return false;
    }
    let before_post = h.end < p.tokens.len()
        && g.content_postpositions
            .contains_word(&p.tokens[h.end].lower);
    let object_case = matches!(case, Some("acc" | "dat" | "abl" | "gen")) || before_post;
    let Some(c) = clauses.iter().position(|c| c.tokens.contains(&h.start)) else {
        return false;
    };
    hits[i + 1..].iter().any(|k| {
        let outer = takes_content(lexicon.entries[k.entry].event);
        if clauses[c].tokens.contains(&k.start) {
            let apart = (h.end..k.start).any(|j| {
                g.coord.contains_word(&p.tokens[j].lower) || p.token_text(j) == ","
            });
            !apart && ((outer && object_case) || k.start - h.end <= 1)
        } else {
            outer
                && clauses.get(c + 1).is_some_and(|n| {
                    n.tokens.contains(&k.start)
                        && g.complementizers
                            .contains_word(&p.tokens[n.tokens.start].lower)
                })
        }
    })
}

/// The name a clause opened by a relative pronoun in the subject case refers to: the last
/// actor named before the clause in its sentence (not a place).
pub(crate) fn relative_antecedent(
    p: &annals_text::Prepared,
    g: &Grammar,
    mentions: &[Mention],
    ids: &[usize],
    clause: &std::ops::Range<usize>,
) -> Option<usize> {
    let first = clause.clone().next()?;
    if !g.relative.contains_word(&p.tokens[first].lower) {
        return None;
    }
    // A state right before the pronoun is its antecedent even where it was a destination
    // ("supplying vehicles to Ukraine, which is preparing ..."); another place is not.
    let adjacent_state = |m: usize| {
        let mm = &mentions[m];
        mm.kind == MentionKind::Country
            && mm.tokens.end + 1 >= clause.start
            && (mm.tokens.end == clause.start || p.tokens[mm.tokens.end].kind != TokenKind::Word)
    };
    ids.iter()
        .copied()
        .filter(|&m| {
            mentions[m].tokens.end <= clause.start && (!mentions[m].place || adjacent_state(m))
        })
        .max_by_key(|&m| mentions[m].tokens.end)
}

/// The threat or act of force named in the that-clause right after a promise's clause
/// ("пообещал, что ответные меры ...", "vowed that the attack would be avenged").
pub(crate) fn promised_force<'h>(
    p: &annals_text::Prepared,
    g: &Grammar,
    pack: &LangPack,
    clauses: &[clauses::Clause],
    clause: &std::ops::Range<usize>,
    hits: &'h [lexicon::TriggerHit],
) -> Option<&'h lexicon::TriggerHit> {
    let next = clauses.iter().find(|c| c.tokens.start == clause.end)?;
    let opens = !next.tokens.is_empty()
        && g.complementizers
            .contains_word(&p.tokens[next.tokens.start].lower);
    if !opens {
        return None;
    }
    hits.iter().find(|h| {
        next.tokens.contains(&h.start)
            && matches!(
                pack.lexicon.entries[h.entry].event,
                EventType::Threaten | EventType::Sanction | EventType::Coerce | EventType::Assault
            )
    })
}

/// What the rules that drop a trigger look at: the text, its grammar, the triggers of the
/// sentence kept so far and the clause of a token.
pub(crate) struct Scene<'a> {
    pub p: &'a annals_text::Prepared,
    pub g: &'a Grammar,
    pub kept: &'a [&'a lexicon::TriggerHit],
    pub clause_of: &'a dyn Fn(usize) -> std::ops::Range<usize>,
}

/// A noun trigger after a preposition of reason or topic, with another act before it in its
/// clause ("imposed sanctions ... for its support of", "went on strike in protest of the
/// arrest", "jailed ... on allegations of treason"): what that act is about, not an event.
pub(crate) fn about_earlier_act(scene: &Scene, h: &lexicon::TriggerHit, mentions: &[Mention]) -> bool {
    let &Scene { p, g, kept, clause_of } = scene;
    let clause = clause_of(h.start);
    // A name before the noun is part of its phrase: "negotiations on an Israeli troop
    // pullback".
    // (Only a state's name or a role of a state modifies a noun so: "the Russian
    // government's refusal"; "für Flüchtlinge appellierte" is a verb after a role of none.)
    let phrase_start = mentions
        .iter()
        .find(|m| {
            matches!(m.kind, MentionKind::Country | MentionKind::Role)
                && m.country.is_some()
                && m.tokens.start > clause.start
                && (m.tokens.end == h.start
                    || (m.tokens.end + 1 == h.start
                        && !p.tokens[m.tokens.end].cap
                        && !g.prepositions.contains_word(&p.tokens[m.tokens.end].lower)))
        })
        .map_or(h.start, |m| m.tokens.start);
    // "after weeks of protests", "hours of negotiations": a span of the act, not its topic.
    let span_of = h.start >= 2
        && p.tokens[h.start - 1].lower == "of"
        && g.period_units.contains_word(&p.tokens[h.start - 2].lower);
    // German writes nouns with a capital: a lowercase trigger is a verb, no prepositional
    // object ("für Flüchtlinge appellierte Ban").
    let verb = p.lang == Lang::De && !p.tokens[h.start].cap;
    !span_of
        && !verb
        && (args::governed_by(p, h.start, clause.start, &g.cause_preps, g)
            || args::governed_by(p, phrase_start, clause.start, &g.cause_preps, g))
        && kept.iter().any(|k| {
            clause_of(k.start) == clause
                && k.end <= h.start
                && !(k.end..h.start).any(|j| {
                    g.coord.contains_word(&p.tokens[j].lower)
                        // "заявляла об отказе": what a verb of saying announces is an act.
                        || g.speech.longest(&p.tokens, j).is_some()
                })
        })
}

/// English: a past participle right after a plain noun, followed by a preposition or a
/// date, in a clause whose own verb came before ("will return weapons seized last year
/// from UN peacekeepers", "demanded the release of activists arrested in May"): a reduced
/// relative clause describing the noun, not an act of the clause's subject. A headline
/// ("Five people killed in Kabul blast") has no verb before it and keeps its event.
pub(crate) fn reduced_relative(scene: &Scene, h: &lexicon::TriggerHit, dates: &[dates::DateMention]) -> bool {
    let &Scene { p, g, kept, clause_of } = scene;
    let clause = clause_of(h.start);
    if p.lang != Lang::En || h.end != h.start + 1 || h.start < clause.start + 2 || h.end >= clause.end {
        return false;
    }
    let (prev, word, next) = (&p.tokens[h.start - 1], &p.tokens[h.start], &p.tokens[h.end]);
    // (A role noun counts: "the British sailors seized in the Gulf".)
    let plain_noun = prev.kind == TokenKind::Word
        && !prev.cap
        && !g.passive_aux.contains_word(&prev.lower)
        // "have agreed to", "not allowed": an auxiliary or adverb, no noun.
        && !g.past.contains_word(&prev.lower)
        && !g.negation.contains_word(&prev.lower)
        && !g.hypothetical.contains_word(&prev.lower)
        && !g.coord.contains_word(&prev.lower)
        && !prev.lower.ends_with("ly");
    // (A date phrase counts even where no publication date resolves it: "seized last year
    // from UN peacekeepers".)
    let relative_date = [&g.day_offsets, &g.week_offsets, &g.month_offsets, &g.year_offsets]
        .iter()
        .any(|k| k.at(&p.tokens, h.end).is_some());
    let modifier_after = g.prepositions.contains_word(&next.lower)
        || relative_date
        || dates.iter().any(|d| d.tokens.start == h.end);
    let verb_before = kept
        .iter()
        .any(|k| k.end <= h.start && clause_of(k.start) == clause)
        || (clause.start..h.start).any(|k| {
            g.future.longest(&p.tokens, k).is_some()
                || g.intent.longest(&p.tokens, k).is_some()
                || g.hypothetical.contains_word(&p.tokens[k].lower)
        });
    word.lower.ends_with("ed") && plain_noun && modifier_after && verb_before
}

/// For a closing attribution whose verb is an act ("..., a rights group protested"), the
/// clause before it: what the act is about.
pub(crate) fn tag_act_topic(
    clauses: &[clauses::Clause],
    clause: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let pos = clauses.iter().position(|c| c.tokens == *clause)?;
    if !clauses[pos].tag_act {
        return None;
    }
    clauses.get(pos.checked_sub(1)?).map(|c| c.tokens.clone())
}

/// The trigger lies inside the name of an organisation or a person of the sentence or of a
/// listed role ("U.S. border patrol"), or qualifies the head noun of an actor phrase; a
/// trigger that ends an adjective's phrase is its head ("Israeli air strikes").
pub(crate) fn inside_name(mentions: &[Mention], ids: &[usize], h: &lexicon::TriggerHit) -> bool {
    ids.iter().any(|&m| {
        let mm = &mentions[m];
        let inside = mm.tokens.end - mm.tokens.start > 1
            && mm.tokens.start <= h.start
            && h.end <= mm.tokens.end;
        match mm.kind {
            MentionKind::Org | MentionKind::Person => inside,
            // A listed role of several words ("border patrol") names an actor even where a
            // later word of it is a trigger; a trigger opening the phrase is the act ("protest
            // in Yerevan" read as a role of protesters).
            MentionKind::Role => {
                inside
                    && h.start > mm.tokens.start
                    && (h.end < mm.tokens.end || mm.sector.is_some())
            }
            _ => false,
        }
    })
}

/// English: a capitalised trigger inside a run of capitalised words ("the Swiss Agency for
/// Development and Cooperation") is a word of a name the base does not list. Not in a
/// headline written in title case, where every word is capitalised.
pub(crate) fn in_unknown_name(
    p: &annals_text::Prepared,
    g: &Grammar,
    sentence: &std::ops::Range<usize>,
    h: &lexicon::TriggerHit,
) -> bool {
    if p.lang != Lang::En || !p.tokens[h.start].cap || h.start <= sentence.start {
        return false;
    }
    let words: Vec<usize> = sentence.clone().filter(|&k| p.tokens[k].kind == TokenKind::Word).collect();
    let caps = words.iter().filter(|&&k| p.tokens[k].cap).count();
    if caps * 2 > words.len() {
        return false;
    }
    // The word before, past "and" and the grammar's `name_inner` words ("of", "the"), is
    // capitalised.
    let mut k = h.start;
    while k > sentence.start {
        k -= 1;
        let t = &p.tokens[k];
        if t.kind != TokenKind::Word {
            return false;
        }
        if t.cap {
            return k > sentence.start;
        }
        if !(g.coord.contains_word(&t.lower) || g.name_inner.contains_word(&t.lower)) {
            return false;
        }
    }
    false
}

/// The trigger at `inner` stands in a that-clause right after the clause of the trigger at
/// `outer` ("reiterated its demand that Israel ease restrictions"): what is demanded,
/// threatened or promised there is the outer act's content.
pub(crate) fn complement_of(
    p: &annals_text::Prepared,
    g: &Grammar,
    clauses: &[clauses::Clause],
    outer: usize,
    inner: usize,
) -> bool {
    let Some(o) = clauses.iter().position(|c| c.tokens.contains(&outer)) else {
        return false;
    };
    clauses.get(o + 1).is_some_and(|c| {
        c.tokens.contains(&inner)
            && g.complementizers
                .contains_word(&p.tokens[c.tokens.start].lower)
    })
}

/// A trigger right after a comma that does not continue a list of triggers opens a predicate
/// of its own ("ввели блокаду, обвинив Катар ...", "сделал предупреждение ..., облагая
/// налогом ..."): it is neither the object nor the content of the trigger before it. In a
/// list ("пригрозил санкциями, пошлинами") the comma follows a trigger of the same type.
pub(crate) fn new_predicate(
    p: &annals_text::Prepared,
    lexicon: &lexicon::Lexicon,
    hits: &[lexicon::TriggerHit],
    h: &lexicon::TriggerHit,
) -> bool {
    let Some(comma) = h.start.checked_sub(1) else {
        return false;
    };
    if p.token_text(comma) != "," {
        return false;
    }
    // A German zu-infinitive after the comma is the object of the verb before it ("werfen
    // ihr vor, Sanktionen umgangen zu haben"), no predicate of its own.
    if p.lang == Lang::De && clauses::zu_infinitive_group(p, h.start..p.tokens.len()) {
        return false;
    }
    let ty = lexicon.entries[h.entry].event;
    !hits
        .iter()
        .any(|o| o.end == comma && lexicon.entries[o.entry].event == ty)
}

/// Types whose object is the other side's act or word, so that its state is the recipient
/// ("opposed French mediation", "praised Kazakh efforts").
pub(crate) fn object_is_other(ty: EventType) -> bool {
    matches!(
        ty,
        EventType::Accuse | EventType::Reject | EventType::Support | EventType::Protest
    )
}

/// English: a country adjective in the noun phrase right after a trigger ("a Senegalese
/// peace plan", "about Azerbaijani shelling"), as a mention of its state. Articles, numbers,
/// lower-case words and a recipient or topic preposition may stand between, three at most.
pub(crate) fn adjective_object(
    finder: &mut MentionFinder,
    p: &annals_text::Prepared,
    keys: &TokenKeys,
    g: &Grammar,
    s: usize,
    after: usize,
    clause: &std::ops::Range<usize>,
) -> Option<usize> {
    const REACH: usize = 4;
    if p.lang != Lang::En {
        return None;
    }
    for k in after..(after + REACH).min(clause.end.saturating_sub(1)) {
        let t = &p.tokens[k];
        let next = &p.tokens[k + 1];
        if t.cap && next.kind == TokenKind::Word && !next.cap {
            if let Some(m) = finder.adjective_before(p, keys, s, k + 1) {
                return Some(m);
            }
        }
        let skippable = t.kind == annals_text::TokenKind::Number
            || (t.kind == TokenKind::Word
                && !t.cap
                && (!g.prepositions.contains_word(&t.lower)
                    || g.recipient_preps.contains_word(&t.lower)
                    || g.topic_preps.contains_word(&t.lower)));
        if !skippable {
            return None;
        }
    }
    None
}

/// In "X sagte, dass …" the speaker of the clause before (or after) a content clause.
pub(crate) fn speaker_for(
    clauses: &[clauses::Clause],
    clause: &std::ops::Range<usize>,
    mentions: &[Mention],
    ids: &[usize],
    p: &annals_text::Prepared,
    g: &Grammar,
) -> Option<usize> {
    let pos = clauses.iter().position(|c| c.tokens == *clause)?;
    let neighbours = [pos.checked_sub(1), Some(pos + 1)];
    for n in neighbours.into_iter().flatten() {
        let Some(c) = clauses.get(n) else { continue };
        if !c.speech {
            continue;
        }
        let found = clause_subject(&c.tokens, mentions, ids, p, g);
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The first mention of `clause` that is neither a place nor governed by a preposition: the
/// clause's subject (a speaker, a demand's addressee).
pub(crate) fn clause_subject(
    clause: &std::ops::Range<usize>,
    mentions: &[Mention],
    ids: &[usize],
    p: &annals_text::Prepared,
    g: &Grammar,
) -> Option<usize> {
    ids.iter().copied().find(|&m| {
        let mm = &mentions[m];
        clause.contains(&mm.tokens.start)
            && !mm.place
            && !args::governed_by(p, mm.tokens.start, clause.start, &g.prepositions, g)
    })
}

/// A negation word that is one of the entry's `with` words belongs to the trigger ("erlaubt
/// ... nicht" = REJECT): it does not also make the event negated.
pub(crate) fn negation_is_trigger(p: &annals_text::Prepared, g: &Grammar, with_at: &[usize]) -> bool {
    with_at
        .iter()
        .any(|&k| k < p.tokens.len() && g.negation.contains_word(&p.tokens[k].lower))
}

/// A date after "seit"/"since" with a verb not in the past starts a state still holding
/// ("Russland liefert seit Dezember Gas"): the event is ongoing, not historical.
pub(crate) fn ongoing_since(
    p: &annals_text::Prepared,
    g: &Grammar,
    d: &dates::DateMention,
    tense: dates::Tense,
) -> bool {
    tense != dates::Tense::Past
        && d.tokens.start > 0
        && g.since.contains_word(&p.tokens[d.tokens.start - 1].lower)
}

/// The clause of the verb of saying next to a content clause ("Putin said on Tuesday | that
/// ..."), whose date and tense are those of the report.
pub(crate) fn speech_clause(
    clauses: &[clauses::Clause],
    clause: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let pos = clauses.iter().position(|c| c.tokens == *clause)?;
    [pos.checked_sub(1), Some(pos + 1)]
        .into_iter()
        .flatten()
        .filter_map(|n| clauses.get(n))
        .find(|c| c.speech)
        .map(|c| c.tokens.clone())
}
