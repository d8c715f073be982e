//! Argument roles: who is the actor and who the recipient of a trigger, from the mentions of
//! its clause.
//!
//! The rules, in order: an agent phrase ("von/durch/by X" in a passive clause or after a
//! noun; Russian instrumental in a passive) is the actor; a possessor right before a noun
//! trigger ("Putins Besuch", "seinem Staatsbesuch") is the actor; in Russian and Kazakh the
//! nominative names the actor and the oblique cases the recipient; elsewhere the first name
//! before the trigger that no preposition governs is the subject, or the first after it when
//! the verb stands first (German inversion). The recipient is the first object after the
//! trigger, or a name after a preposition of direction ("gegen", "against", "with"). The
//! frame of the trigger then maps subject and object to actor and recipient (hosts invert).

use crate::lexicon::Frame;
use crate::mentions::{Mention, MentionKind};
use annals_core::Lang;
use annals_text::{Grammar, Prepared, TokenKind};
use std::ops::Range;

/// The actor and recipient mentions chosen for a trigger, with a note on how.
#[derive(Clone, Debug, Default)]
pub struct Args {
    pub actors: Vec<usize>,
    pub recipients: Vec<usize>,
    pub places: Vec<usize>,
    pub note: String,
    /// The trigger is a definite noun with no argument of its own: a reference back to an
    /// event already reported ("vor dem Besuch", "the visit").
    pub anaphoric: bool,
    /// The actor came from an agent phrase (passive or nominal).
    pub by_agent: bool,
    /// The trigger is a noun after a determiner ("the attack").
    pub definite: bool,
}

/// What the role finder needs to know about the trigger.
pub struct TriggerView {
    pub start: usize,
    pub end: usize,
    pub frame: Frame,
    pub visit: bool,
}

const ADJ_SKIP: usize = 3;

/// The word before token `i` (skipping articles and lowercase adjectives, at most two) is in
/// `set`.
pub fn governed_by(
    p: &Prepared,
    i: usize,
    floor: usize,
    set: &annals_text::wordset::WordSet,
    grammar: &Grammar,
) -> bool {
    let mut k = i;
    let mut skipped = 0;
    while k > floor {
        k -= 1;
        let t = &p.tokens[k];
        if set.contains_word(&t.lower) {
            // English: a gerund right after "by" takes the name as its own object ("by
            // taxing Chinese exports" names no agent).
            let by_gerund = p.lang == Lang::En
                && t.lower == "by"
                && k + 1 < i
                && p.tokens[k + 1].lower.ends_with("ing")
                && p.tokens[k + 1].lower.chars().count() > 5;
            return !by_gerund;
        }
        if t.kind != TokenKind::Word || skipped >= ADJ_SKIP {
            return false;
        }
        let article = grammar.determiners.contains_word(&t.lower);
        let adjective = !t.cap
            && !grammar.prepositions.contains_word(&t.lower)
            && (p.lang != Lang::Ru || ru_adjective_form(&t.lower));
        if !(article || adjective) {
            return false;
        }
        skipped += 1;
    }
    false
}

/// German: the noun a name in the genitive belongs to ("Angaben" in "Nach Angaben des
/// Kremls", "Beitritt" in "für einen Beitritt der Ukraine"): the name is part of that noun's
/// phrase and shares its preposition.
fn genitive_head(p: &Prepared, i: usize, floor: usize) -> Option<usize> {
    if p.lang != Lang::De || i < floor + 3 {
        return None;
    }
    let article = p.tokens[i - 1].lower.as_str();
    let noun = &p.tokens[i - 2];
    (matches!(article, "des" | "der" | "eines" | "einer") && noun.kind == TokenKind::Word && noun.cap)
        .then_some(i - 2)
}

/// A Russian word with an adjective's (or participle's) ending: what may stand between a
/// preposition and its noun ("в соседнюю Грузию"); a noun ("в ответ Пекин") closes the phrase.
pub(crate) fn ru_adjective_form(w: &str) -> bool {
    const ENDINGS: [&str; 22] = [
        "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
        "им", "ых", "их", "ую", "юю", "ыми", "ими", "ей",
    ];
    ENDINGS.iter().any(|e| w.ends_with(e))
}

pub(crate) fn coordinated(
    p: &Prepared,
    mentions: &[Mention],
    order: &[usize],
    pos: usize,
    grammar: &Grammar,
) -> Vec<usize> {
    let mut out = vec![order[pos]];
    let mut k = pos;
    let (mut by_coord, mut by_comma) = (false, false);
    while k + 1 < order.len() {
        let a = &mentions[order[k]];
        let b = &mentions[order[k + 1]];
        if b.place != a.place {
            break;
        }
        let between = a.tokens.end..b.tokens.start;
        // Mentions of one phrase ("Die Außenminister Armeniens und Aserbaidschans") share a start.
        let same_phrase = b.tokens.start == a.tokens.start;
        // "Qatar and its neighbours": a possessive right before the group it owns.
        let owner_of = between.is_empty() && a.kind == MentionKind::Pronoun && b.kind == MentionKind::Group;
        // A state, its title words and its officer are one phrase: "Ресей Сыртқы істер
        // министрі Сергей Лавров пен АҚШ ... Энтони Блинкен".
        let title_of = a.kind == MentionKind::Country
            && matches!(b.kind, MentionKind::Person | MentionKind::Role)
            && a.country.is_some()
            && a.country == b.country
            && between.len() <= 4
            && between.clone().all(|j| {
                p.tokens[j].kind == TokenKind::Word && !grammar.coord.contains_word(&p.tokens[j].lower)
            });
        let joined = same_phrase
            || owner_of
            || title_of
            || !between.is_empty()
                && between.clone().all(|j| {
                    let t = &p.tokens[j];
                    grammar.coord.contains_word(&t.lower)
                        || p.token_text(j) == ","
                        || grammar.determiners.contains_word(&t.lower)
                        || (b.kind == MentionKind::Group && grammar.possessive.contains_word(&t.lower))
                })
                && between.clone().any(|j| {
                    grammar.coord.contains_word(&p.tokens[j].lower) || p.token_text(j) == ","
                });
        if !joined {
            break;
        }
        if between.clone().any(|j| grammar.coord.contains_word(&p.tokens[j].lower)) {
            by_coord = true;
        }
        // (A headline lists with a bare comma, "Ukraine, Russia Swap Prisoners"; a comma
        // before an article starts something new: "Taiwan, the United States would ...".)
        if between.clone().any(|j| p.token_text(j) == ",")
            && between.clone().any(|j| grammar.determiners.contains_word(&p.tokens[j].lower))
        {
            by_comma = true;
        }
        out.push(order[k + 1]);
        k += 1;
    }
    // Names of different states joined by a comma and an article only are no list ("If China
    // were to attack Taiwan, the United States would respond"): such a list ends in "and".
    // (An apposition of the same state stays: "Donald Trump, der amerikanische Präsident".)
    let other_state = out
        .iter()
        .skip(1)
        .any(|&m| mentions[m].country != mentions[out[0]].country);
    if by_comma && !by_coord && other_state {
        out.truncate(1);
    }
    out
}

fn is_nominative(m: &Mention, lang: Lang) -> bool {
    match lang {
        // Singular nominative: no ending, or an adjective's own ("российский"); "-ы/-и" are
        // more often genitive ("России") than plural.
        Lang::Ru => matches!(
            m.ending,
            "" | "ые" | "ие" | "ий" | "ый" | "ая" | "ое" | "яя" | "ее"
        ),
        Lang::Kk => matches!(m.ending, "" | "лар" | "лер" | "дар" | "дер" | "тар" | "тер"),
        _ => true,
    }
}

/// A Kazakh name in the genitive (-ның/-нің/-дың/-тың ...), by the grammar's case table.
fn kk_genitive(m: &Mention, grammar: &Grammar, lang: Lang) -> bool {
    kk_case(m, grammar, lang, "gen")
}

/// A Kazakh name whose ending is of `case` in the grammar's case table.
fn kk_case(m: &Mention, grammar: &Grammar, lang: Lang, case: &str) -> bool {
    lang == Lang::Kk && grammar.cases.get(m.ending).is_some_and(|c| c == case)
}

fn is_instrumental(m: &Mention) -> bool {
    matches!(
        m.ending,
        "ом" | "ем"
            | "ём"
            | "ым"
            | "им"
            | "ой"
            | "ей"
            | "ами"
            | "ями"
            | "ыми"
            | "ими"
            | "мен"
            | "пен"
            | "бен"
    )
}

/// Finds the arguments of one trigger in its clause.
pub fn assign(
    p: &Prepared,
    grammar: &Grammar,
    mentions: &[Mention],
    in_clause: &[usize],
    clause: Range<usize>,
    t: &TriggerView,
) -> Args {
    let lang = p.lang;
    let mut args = Args::default();
    // Candidates: in the clause, not overlapping the trigger, not possessive pronouns used
    // elsewhere than right before a noun.
    let mut order: Vec<usize> = in_clause
        .iter()
        .copied()
        .filter(|&m| {
            let mt = &mentions[m].tokens;
            mt.end <= t.start || mt.start >= t.end
        })
        .collect();
    order.sort_by_key(|&m| mentions[m].tokens.start);
    let passive = (clause.start..t.start.max(clause.start))
        .chain(t.end..clause.end)
        .any(|k| grammar.passive_aux.contains_word(&p.tokens[k].lower))
        && !matches!(lang, Lang::Ru | Lang::Kk)
        && (lang != Lang::En
            || !participle(p, t.start)
            || (aux_before(p, grammar, t.start, clause.start)
                // "is prepared to", "is opposed to": an adjective, not a passive.
                && p.tokens[t.end - 1].lower != "to"))
        // "is ready to contribute", "are keen to help": the auxiliary is the main verb's; an
        // infinitive trigger is active ("is to be signed" has its own "be" before it).
        && !(lang == Lang::En && t.start > clause.start && p.tokens[t.start - 1].lower == "to")
        // A verb after a modal is active whatever passive came before it in the clause ("has
        // been indicted by the court and will resign").
        && !(lang == Lang::En
            && t.start > clause.start
            && {
                let w = p.tokens[t.start - 1].lower.as_str();
                grammar.future.contains_word(w)
                    || grammar.hypothetical.contains_word(w)
                    || grammar.obligation.contains_word(w)
                    || grammar.reported_future.contains_word(w)
            });
    let ru_passive = matches!(lang, Lang::Ru)
        && (clause.clone()).any(|k| grammar.passive_aux.contains_word(&p.tokens[k].lower));

    let is_possessive_pronoun = |m: &Mention| {
        let k = m.tokens.start;
        m.kind == MentionKind::Pronoun
            && grammar.possessive.contains_word(&p.tokens[k].lower)
            // German "ihr" before no noun is the dative "to her" ("werfen ihr vor").
            && !(lang == Lang::De && p.tokens[k].lower == "ihr" && {
                let noun = |j: usize| {
                    j < p.tokens.len() && p.tokens[j].kind == TokenKind::Word && p.tokens[j].cap
                };
                let word = |j: usize| j < p.tokens.len() && p.tokens[j].kind == TokenKind::Word;
                !(noun(k + 1) || (word(k + 1) && noun(k + 2)))
            })
    };
    let prep = |m: &Mention| {
        (governed_by(
            p,
            m.tokens.start,
            clause.start,
            &grammar.prepositions,
            grammar,
        ) && !(lang == Lang::En && quantity_of(p, grammar, m.tokens.start, clause.start)))
            || genitive_head(p, m.tokens.start, clause.start).is_some_and(|h| {
                governed_by(p, h, clause.start, &grammar.prepositions, grammar)
            })
    };
    let agent_prep = |m: &Mention| {
        governed_by(
            p,
            m.tokens.start,
            clause.start,
            &grammar.agent_prep,
            grammar,
        )
    };
    // (A German genitive after a noun shares that noun's preposition: "für einen Beitritt
    // der Ukraine".)
    let recipient_prep = |m: &Mention| {
        let at = genitive_head(p, m.tokens.start, clause.start).unwrap_or(m.tokens.start);
        governed_by(p, at, clause.start, &grammar.recipient_preps, grammar)
            || governed_by(p, at, clause.start, &grammar.comitative, grammar)
    };

    // In an active clause, "by X" after other words belongs to the noun before it: the
    // author of what is acted on ("rejected calls by Belarus"); "a visit by X" is the
    // trigger's own agent.
    let nominal = match lang {
        Lang::De => p.tokens[t.start].cap,
        _ => (t.start.saturating_sub(2)..t.start).any(|k| {
            k >= clause.start
                && (grammar.determiners.contains_word(&p.tokens[k].lower)
                    || grammar.indefinite.contains_word(&p.tokens[k].lower))
                && !subject_article(p, grammar, mentions, &order, k, t.start)
        }),
    };
    let own_by = passive
        || nominal
        || (t.end < clause.end && grammar.agent_prep.contains_word(&p.tokens[t.end].lower));
    // 1. Agents.
    let mut agents: Vec<usize> = Vec::new();
    for (pos, &m) in order.iter().enumerate() {
        let mm = &mentions[m];
        if mm.place {
            continue;
        }
        // An agent after the trigger belongs to it only when no other verb phrase ("and was
        // welcomed by") stands between.
        // (Nor when a participle of its own takes it: "a ceasefire proposed by the United
        // States".)
        let after = mm.tokens.start >= t.end
            && mm.tokens.start <= t.end + 16
            && !(t.end..mm.tokens.start).any(|k| {
                grammar.coord.contains_word(&p.tokens[k].lower)
                    || (k > t.end && grammar.passive_aux.contains_word(&p.tokens[k].lower))
                    || (k > t.end
                        && k + 1 < mm.tokens.start
                        && lang == Lang::En
                        && !p.tokens[k].cap
                        && grammar.past_endings.iter().any(|e| p.tokens[k].lower.ends_with(e.as_str()))
                        && grammar.agent_prep.contains_word(&p.tokens[k + 1].lower))
            });
        // ("im Zentrum von Beirut und setzten ...": "und" ends the phrase before.)
        // (German "von X" two words before an active verb is part of a name or a place:
        // "haben im Golf von Oman ein Schiff beschlagnahmt"; right before it, or in a
        // passive, it is the agent: "die von Russland verhängten Sanktionen".)
        let right_before = mm.tokens.end <= t.start
            && t.start - mm.tokens.end <= 2
            && (lang != Lang::De || passive || mm.tokens.end == t.start)
            && !(mm.tokens.end..t.start).any(|k| grammar.coord.contains_word(&p.tokens[k].lower));
        // After a noun, German "von X" names what the act is done to ("die Festnahme von
        // Meng"); only "durch"/"seitens" name its agent there.
        let von_after_noun = lang == Lang::De
            && !passive
            && after
            && mm.tokens.start > 0
            && (matches!(p.tokens[mm.tokens.start - 1].lower.as_str(), "von" | "vom")
                || (t.end < mm.tokens.start
                    && matches!(p.tokens[t.end].lower.as_str(), "von" | "vom")));
        let by_prep = agent_prep(mm)
            && !von_after_noun
            && (right_before || (after && own_by) || (passive && mm.tokens.end <= t.start));
        let by_case = ru_passive
            && is_instrumental(mm)
            && !governed_by(
                p,
                mm.tokens.start,
                clause.start,
                &grammar.comitative,
                grammar,
            );
        if by_prep || by_case {
            agents = coordinated(p, mentions, &order, pos, grammar);
            break;
        }
    }
    // 2. A possessor right before a noun trigger: "Putins Besuch", "seinem Staatsbesuch",
    //    "Putin's visit".
    // German writes nouns with a capital: a lowercase verb ("Boliviens Fall zu
    // unterstützen") has no possessor.
    let possessor = order.iter().copied().rev().find(|&m| {
        let mm = &mentions[m];
        (lang != Lang::De || nominal)
            && mm.tokens.end <= t.start
            && t.start - mm.tokens.end <= 1
            && (is_possessive_pronoun(mm) || possessive_ending(mm.ending, lang))
            && !mm.place
    });
    if possessor.is_some() {
        // The possessor of a noun trigger is its actor, whatever the clause's verb does.
        agents.clear();
    }
    // A Kazakh name in the locative ("Гаагадағы трибунал", "Астанада") says where, as a
    // place after "in" does elsewhere.
    let usable = |m: usize| {
        let mm = &mentions[m];
        !mm.place
            && !is_possessive_pronoun(mm)
            && !agents.contains(&m)
            && !kk_case(mm, grammar, lang, "loc")
    };

    // "talks between Russia and Ukraine", "Die Gespräche zwischen X und Y wurden ...".
    let between = (0..order.len()).find(|&k| {
        governed_by(
            p,
            mentions[order[k]].tokens.start,
            clause.start,
            &grammar.between,
            grammar,
        )
    });
    let parties: Vec<usize> = between
        .map(|b| coordinated(p, mentions, &order, b, grammar))
        .unwrap_or_default();
    let mut subject: Vec<usize> = Vec::new();
    let mut object: Vec<usize> = Vec::new();
    if let Some(poss) = possessor {
        // Its object follows it ("its sanctions against Minsk").
        subject = vec![poss];
        args.note = "possessor".into();
        if let Some(k) = (0..order.len()).find(|&k| {
            mentions[order[k]].tokens.start >= t.end
                && usable(order[k])
                && (!prep(&mentions[order[k]]) || recipient_prep(&mentions[order[k]]))
        }) {
            object = coordinated(p, mentions, &order, k, grammar);
        }
    } else if matches!(lang, Lang::Ru | Lang::Kk) {
        // Kazakh puts the case ending on the last name of a list only ("Эль Сальвадор,
        // Доминикан Республикасы және Панамадан"): that name's case is the whole list's.
        let case_bearer = |k: usize| -> &Mention {
            let m = order[k];
            if lang != Lang::Kk {
                return &mentions[m];
            }
            let group = coordinated(p, mentions, &order, k, grammar);
            &mentions[*group.last().unwrap_or(&m)]
        };
        let nominative = |m: usize| {
            usable(m)
                && !parties.contains(&m)
                && is_nominative(&mentions[m], lang)
                && !prep(&mentions[m])
                && !recipient_prep(&mentions[m])
        };
        if !parties.is_empty() && !order.iter().any(|&m| nominative(m)) {
            // "переговоры между Арменией и Азербайджаном"
            subject = parties.clone();
            args.note = "parties after between".into();
        } else if let Some(pos) = (0..order.len()).find(|&k| {
            let m = order[k];
            usable(m)
                && is_nominative(case_bearer(k), lang)
                && !prep(&mentions[m])
                && !recipient_prep(&mentions[m])
        }) {
            subject = coordinated(p, mentions, &order, pos, grammar);
            args.note = "nominative".into();
        } else if let Some(pos) = order.iter().position(|&m| {
            usable(m)
                && mentions[m].tokens.end <= t.start
                && !prep(&mentions[m])
                && !recipient_prep(&mentions[m])
        }) {
            // No nominative name: a genitive after an unknown head noun ("Спецслужбы
            // России и Беларуси обменялись") stands for its state, before the verb.
            subject = coordinated(p, mentions, &order, pos, grammar);
            args.note = "before the verb".into();
        }
        let oblique = |k: usize| {
            let m = order[k];
            usable(m)
                && !subject.contains(&m)
                && (!is_nominative(case_bearer(k), lang) || recipient_prep(&mentions[m]))
                && (!prep(&mentions[m]) || recipient_prep(&mentions[m]))
        };
        // A Kazakh genitive qualifies the noun after it ("Вашингтонның қарсылығымен"): an
        // object in another case comes first.
        // A Russian name right after the verb, with the subject before it, is its direct
        // object even where the accusative looks like a nominative ("признали Пекин и
        // разорвали отношения с Тайбэем").
        let adjacent = (0..order.len()).find(|&k| {
            let m = order[k];
            lang == Lang::Ru
                && mentions[m].tokens.start == t.end
                && usable(m)
                && !subject.contains(&m)
                && !prep(&mentions[m])
                && subject.iter().all(|&s| mentions[s].tokens.end <= t.start)
                && !subject.is_empty()
        });
        // The actor's own people in the object ("отозвать американских руководителей
        // миссий из Сальвадора") give way to another state.
        let own: Vec<&String> = subject.iter().filter_map(|&m| mentions[m].country.as_ref()).collect();
        let other_state = |k: usize| {
            let mm = &mentions[order[k]];
            mm.country.as_ref().is_some_and(|c| !own.contains(&c))
                || (mm.country.is_none() && !mm.entities.is_empty())
        };
        if let Some(pos) = adjacent
            .or_else(|| {
                (0..order.len()).find(|&k| {
                    oblique(k) && !kk_genitive(case_bearer(k), grammar, lang) && other_state(k)
                })
            })
            .or_else(|| {
                (0..order.len()).find(|&k| oblique(k) && !kk_genitive(case_bearer(k), grammar, lang))
            })
            .or_else(|| (0..order.len()).find(|&k| oblique(k)))
        {
            object = coordinated(p, mentions, &order, pos, grammar);
        } else if let Some(pos) = order.iter().position(|&m| {
            usable(m)
                && !subject.contains(&m)
                && mentions[m].tokens.start >= t.end
                && (!prep(&mentions[m]) || recipient_prep(&mentions[m]))
        }) {
            // An inanimate accusative looks like a nominative ("обвинила Лондон"): after
            // the verb, with the subject before it, it is the object.
            object = coordinated(p, mentions, &order, pos, grammar);
        }
    } else {
        // A word that is both a preposition and a conjunction ("after", "since", "before")
        // opens a clause when a verb follows its name: "Relations soured after Russia
        // annexed Crimea" has Russia as the subject.
        let subordinate_subject = |m: &Mention| {
            lang == Lang::En
                && m.tokens.end <= t.start
                && t.start - m.tokens.end <= 2
                && (m.tokens.end..t.start)
                    .all(|k| p.tokens[k].kind == TokenKind::Word && !p.tokens[k].cap)
                && !nominal
                && governed_by(p, m.tokens.start, clause.start, &grammar.clause_break, grammar)
        };
        let before: Vec<usize> = (0..order.len())
            .filter(|&k| {
                mentions[order[k]].tokens.end <= t.start
                    && usable(order[k])
                    && (!prep(&mentions[order[k]]) || subordinate_subject(&mentions[order[k]]))
                    && !parties.contains(&order[k])
            })
            .collect();
        let after: Vec<usize> = (0..order.len())
            .filter(|&k| {
                let mm = &mentions[order[k]];
                mm.tokens.start >= t.end
                    && usable(order[k])
                    && (!prep(mm)
                        || recipient_prep(mm)
                        || (!own_by && agent_prep(mm))
                        // "die Festnahme von Kanadiern": after a noun, "von" names the patient.
                        || (lang == Lang::De
                            && nominal
                            && mm.tokens.start <= t.end + 3
                            && matches!(p.tokens[t.end].lower.as_str(), "von" | "vom")))
            })
            .collect();
        if !parties.is_empty() && before.is_empty() {
            // "talks between Russia and Ukraine": both are its parties.
            subject = parties.clone();
            args.note = "parties after between".into();
        } else if let Some(&k) = before.first() {
            subject = coordinated(p, mentions, &order, k, grammar);
            args.note = "subject before trigger".into();
            let objects: Vec<usize> = after
                .iter()
                .copied()
                .filter(|&k2| !subject.contains(&order[k2]))
                .collect();
            // German puts the verb last, after its prepositional object: "hat Sanktionen
            // gegen Indien verhängt", "hatte ihren Botschafter aus Israel zurückgerufen".
            let prep_object = (0..order.len()).find(|&k2| {
                let mm = &mentions[order[k2]];
                lang == Lang::De
                    && mm.tokens.end <= t.start
                    && usable(order[k2])
                    && !subject.contains(&order[k2])
                    && recipient_prep(mm)
                    && mm.country.is_some()
                    && subject.iter().all(|&m| mentions[m].tokens.end <= mm.tokens.start)
            });
            let stateless = |k2: &usize| {
                let mm = &mentions[order[*k2]];
                mm.country.is_none() && mm.entities.is_empty()
            };
            // A German verb (lowercase) right before "und" or a comma closes its clause part:
            // what follows belongs to the next verb ("hat die Beziehungen zu Taiwan
            // abgebrochen und eine Botschaft in Peking eröffnet"); so does a place after it.
            let part_closed = lang == Lang::De
                && !p.tokens[t.start].cap
                && t.end < clause.end
                && (grammar.coord.contains_word(&p.tokens[t.end].lower)
                    || p.token_text(t.end) == ",");
            let own: Vec<&String> = subject.iter().filter_map(|&m| mentions[m].country.as_ref()).collect();
            // (With a closed part and an object before the verb, what follows is the next
            // part's: "haben China vorgeworfen, Russland ... zu beliefern".)
            let object_before = before.iter().any(|&k2| !subject.contains(&order[k2]));
            let after_object = first_with_state(mentions, &order, &objects, lang, &own).filter(|&k2| {
                !(part_closed && object_before && !p.tokens[t.start].cap)
                    && (prep_object.is_none() || !(mentions[order[k2]].place || part_closed))
            });
            // The states joined to a prepositional object are in it ("aus El Salvador und
            // Panama abgezogen").
            let prep_list: Vec<usize> = prep_object
                .map(|k2| coordinated(p, mentions, &order, k2, grammar))
                .unwrap_or_default();
            if let Some(k2) = after_object {
                object = coordinated(p, mentions, &order, k2, grammar);
            } else if let Some(&k2) = before.iter().find(|&&k2| {
                if prep_list.contains(&order[k2]) {
                    return false;
                }
                // Not the subject again under another name ("Russia said it would ...").
                let same = mentions[order[k2]]
                    .entities
                    .iter()
                    .any(|e| subject.iter().any(|&m| mentions[m].entities.contains(e)));
                // A role of no state gives way to a state after a preposition.
                // English: a name before "and" belongs to the verb before it ("kidnapped
                // Russian advisers and exploded bombs").
                let own_verb = lang == Lang::En
                    && (mentions[order[k2]].tokens.end..t.start)
                        .any(|k| grammar.coord.contains_word(&p.tokens[k].lower));
                !subject.contains(&order[k2])
                    && !same
                    && !own_verb
                    && !(prep_object.is_some() && stateless(&k2))
            }) {
                // Verb last or a light verb before a noun: "Japan hat der Ukraine ...
                // zugesagt", "Finland will give Tanzania a grant".
                object = coordinated(p, mentions, &order, k2, grammar);
            } else if let Some(k2) = prep_object {
                object = coordinated(p, mentions, &order, k2, grammar);
            }
        } else if let Some(&k) = after
            .first()
            .filter(|&&k| lang == Lang::En && !prep(&mentions[order[k]]))
        {
            // English puts the subject first: with none before the trigger, what follows is
            // an object ("A roadside bombing ... killed one U.S. soldier").
            object = coordinated(p, mentions, &order, k, grammar);
            args.note = "object after the trigger, no subject".into();
        } else if let Some(&k) = after.first().filter(|_| {
            passive && governed_by(p, t.start, clause.start, &grammar.prepositions, grammar)
        }) {
            // A noun trigger inside a phrase of a passive clause ("Bei einem Anschlag ...
            // wurden zwei Soldaten getötet"): the clause's subject suffers it.
            object = coordinated(p, mentions, &order, k, grammar);
            args.note = "object after a trigger inside a phrase".into();
        } else if let Some(&k) = after
            .first()
            .filter(|&&k| lang != Lang::En || !prep(&mentions[order[k]]))
        {
            // Verb first (German inversion, headlines): subject, then object after it.
            subject = coordinated(p, mentions, &order, k, grammar);
            args.note = "subject after trigger".into();
            if let Some(&k2) = after.iter().find(|&&k2| !subject.contains(&order[k2])) {
                object = coordinated(p, mentions, &order, k2, grammar);
            }
        } else if let Some(&k) = after.first() {
            // English: a name after a preposition is no subject ("called for sanctions
            // against Nigeria" with an unknown speaker).
            object = coordinated(p, mentions, &order, k, grammar);
            args.note = "object after a preposition, no subject".into();
        }
    }

    // A German zu-infinitive has no subject of its own: a name in its group, after the comma
    // that opens it, is its object ("beschloss, Taiwan nicht länger anzuerkennen"); its actor
    // is the subject before the comma, or the speaker.
    if let Some(g) = infinitive_group(p, lang, t.start, &clause) {
        let in_group = |m: &usize| (g..t.start).contains(&mentions[*m].tokens.start);
        if subject.iter().any(in_group) {
            let objects: Vec<usize> = subject.drain(..).filter(in_group).collect();
            if object.is_empty() {
                object = objects;
            }
            args.note = "zu-infinitive: its object before it".into();
        }
    }
    let (actors, recipients) = if !agents.is_empty() {
        // Passive or nominal: the agent acts; the (grammatical) subject or object suffers.
        args.by_agent = true;
        args.note = "agent phrase".into();
        let patient = if subject.is_empty() { object } else { subject };
        (agents.clone(), patient)
    } else if short_passive(p, grammar, t.start, clause.start) && parties.is_empty() && !subject.is_empty() {
        // Russian: a short passive participle without its doer ("был задержан гражданин
        // США", "Журналист задержан в Москве"): the subject suffers.
        args.note.push_str(", Russian short passive without agent");
        (Vec::new(), subject)
    } else if passive
        && parties.is_empty()
        && (participle(p, t.start)
            // "two soldiers were wounded in an attack"
            || governed_by(p, t.start, clause.start, &grammar.prepositions, grammar))
        && !subject.is_empty()
        && mentions[subject[0]].tokens.end <= t.start
    {
        // A passive without its agent: the subject suffers ("a journalist was killed").
        args.note.push_str(", passive without agent");
        (Vec::new(), subject)
    } else {
        (subject, object)
    };
    let (mut actors, mut recipients) = match t.frame {
        Frame::Agent => (actors, recipients),
        Frame::Host => {
            args.note.push_str(", host frame");
            (recipients, actors)
        }
        // The subject receives or suffers; the giver is the object ("получила от ЕС",
        // "received from the EU").
        Frame::Patient => (recipients, actors),
        // "removing the sanctions on Burma is out of the question": the names are what is
        // refused; the speaker refuses.
        Frame::Topic => {
            args.note.push_str(", topic frame");
            let named: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&m| !mentions[m].place && mentions[m].tokens.end <= t.start)
                .collect();
            (Vec::new(), if named.is_empty() { recipients } else { named })
        }
    };
    // Russian: a force in the genitive right after an attack noun is its author, not its
    // target ("удар израильской авиации по Газе"), and so is any name there when a target
    // follows after "по"/"против".
    if lang == Lang::Ru && actors.is_empty() && matches!(t.frame, Frame::Agent) {
        if let Some(&g0) = recipients.first() {
            let gm = &mentions[g0];
            let right_after = gm.tokens.start == t.end && !gm.place;
            let force = matches!(gm.sector.as_deref(), Some("MIL" | "GOV" | "SPY" | "COP"))
                && gm.kind != MentionKind::Country;
            let target_after = order.iter().any(|&m| {
                let mm = &mentions[m];
                mm.tokens.start >= gm.tokens.end
                    && governed_by(p, mm.tokens.start, clause.start, &grammar.recipient_preps, grammar)
            });
            if right_after && (force || target_after) {
                actors = vec![g0];
                recipients.remove(0);
                args.note.push_str(", the genitive after the noun is its author");
            }
        }
    }
    // A visit's destination is its host; an act in a country with no other target is
    // directed at that country ("peacekeeping force in Lebanon", "bombs in Kabul").
    let own = |m: usize| {
        mentions[m].country.is_some()
            && actors.iter().any(|&a| mentions[a].country == mentions[m].country)
    };
    // (An object that is only the actor's own state, "messages from Washington" after
    // "American envoys returned to El Salvador", is no target either.)
    // (So is an official of no named state, "für die Äußerungen seines Ministers", when a
    // foreign place follows: "entschuldigte sich bei Litauen".)
    let own_role = !recipients.is_empty()
        && !actors.is_empty()
        && recipients
            .iter()
            .all(|&r| mentions[r].kind == MentionKind::Role && mentions[r].country.is_none())
        && {
            // (the place stands between the verb and that official)
            let first = recipients.iter().map(|&r| mentions[r].tokens.start).min().unwrap_or(0);
            order.iter().any(|&m| {
                mentions[m].place && mentions[m].tokens.start >= t.end && mentions[m].tokens.end <= first
            })
        };
    let own_only = !recipients.is_empty()
        && recipients.iter().all(|&r| own(r) && mentions[r].kind == MentionKind::Country)
        && !actors.is_empty();
    if recipients.is_empty() || own_only || own_role {
        // A place in the actor's own state yields to a foreign one after it ("liefert Gas über
        // die Pipeline Kraft Sibiriens nach China").
        let after: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&m| mentions[m].place && mentions[m].tokens.start >= t.end)
            .collect();
        let place_after = after
            .iter()
            .copied()
            .find(|&m| !own(m))
            .or_else(|| after.first().copied())
            // "arrived in Amman on a visit": a visit's host may come first; so may any place
            // of a German verb at the end of its clause ("ist nach Caracas zurückgekehrt").
            .or_else(|| {
                let verb_last = lang == Lang::De
                    && !(t.end..clause.end).any(|k| p.tokens[k].kind == TokenKind::Word);
                order.iter().copied().find(|&m| {
                    (t.visit || verb_last) && mentions[m].place && mentions[m].tokens.end <= t.start
                })
            });
        // Not for two parties meeting or fighting in a third place ("in Riad", "for Pokrovsk").
        if let Some(pl) = place_after.filter(|&m| {
            (t.visit || mentions[m].capital.is_none() || !actors.is_empty())
                && actors.len() < 2
                && !(own_role && own(m))
        }) {
            // A list of places is one compound recipient ("nach Kenia, Ägypten und Tunesien").
            recipients = match order.iter().position(|&m| m == pl) {
                Some(k) => coordinated(p, mentions, &order, k, grammar),
                None => vec![pl],
            };
            args.note.push_str(", recipient from place");
        }
    }
    // With no recipient yet, another state that qualifies the object names it: its owner
    // ("wrote off Kyrgyzstan's debt", "Ресейдің әскери ұшағын атып түсірді": a possessive
    // or genitive name after the actor, right before a noun), or, in Kazakh, where it is
    // ("Түркиядағы елшісін", its ambassador in Turkey).
    if recipients.is_empty() && !actors.is_empty() {
        let actor_start = actors.iter().map(|&a| mentions[a].tokens.start).min().unwrap_or(0);
        let other_state = |mm: &Mention| {
            mm.country.is_some() && !actors.iter().any(|&a| mentions[a].country == mm.country)
        };
        let owner = |mm: &Mention| {
            !mm.place
                && mm.tokens.start > actor_start
                && mm.tokens.end < clause.end
                && !matches!(p.token_text(mm.tokens.end), "," | "." | ";" | ":" | "(" | ")")
                && (possessive_ending(mm.ending, lang) || kk_case(mm, grammar, lang, "gen"))
        };
        let located = |mm: &Mention| {
            kk_case(mm, grammar, lang, "loc") && (mm.ending.ends_with('ы') || mm.ending.ends_with('і'))
        };
        let find = |test: &dyn Fn(&Mention) -> bool| {
            order
                .iter()
                .copied()
                .find(|&m| !actors.contains(&m) && other_state(&mentions[m]) && test(&mentions[m]))
        };
        if let Some(m) = find(&owner) {
            recipients = vec![m];
            args.note.push_str(", recipient: the owner of the object");
        } else if let Some(m) = find(&located) {
            recipients = vec![m];
            args.note.push_str(", recipient: where the object is");
        }
    }
    // An international organisation named after the trigger in a phrase of its object is
    // whom the act addresses when no place is either ("beantragte die Mitgliedschaft in der
    // Europäischen Union", "applied for membership of NATO").
    if recipients.is_empty() && !actors.is_empty() {
        if let Some(m) = order.iter().copied().find(|&m| {
            let mm = &mentions[m];
            mm.kind == MentionKind::Org
                && mm.country.as_deref() == Some("IGO")
                && mm.tokens.start >= t.end
                && !actors.contains(&m)
        }) {
            recipients = vec![m];
            args.note.push_str(", recipient: the organisation in the object's phrase");
        }
    }
    args.places = order
        .iter()
        .copied()
        .filter(|&m| mentions[m].place)
        .collect();
    actors.retain(|&m| !mentions[m].place || t.visit);
    recipients.retain(|m| !actors.contains(m));
    // A body named as the occasion is no party: "talked on the sidelines of the G20
    // gathering", "am Rande des EU-Gipfels".
    recipients.retain(|&m| !occasion(p, grammar, mentions[m].tokens.start, clause.start));
    // A definite noun trigger with no possessor or agent of its own refers back to an
    // event reported elsewhere ("vor dem Besuch", "the talks"), or names a topic.
    // The article must be the trigger's own: in "the Palestinians agreed" it is the subject's.
    let definite = looks_nominal(p, t.start)
        && (t.start.saturating_sub(2)..t.start).any(|k| {
            k >= clause.start
                && grammar.determiners.contains_word(&p.tokens[k].lower)
                && !subject_article(p, grammar, mentions, &order, k, t.start)
        });
    args.definite = definite;
    // "completed the withdrawal", "began the exercises": an act carried out now.
    let carried_out = (t.start.saturating_sub(4).max(clause.start)..t.start)
        .any(|k| grammar.aspect_verbs.longest(&p.tokens, k).is_some());
    // (A state's adjective right before the noun names its author as a possessor does:
    // "The Russian attack hit Kyiv".)
    let adjective_author = actors.iter().any(|&a| {
        let mm = &mentions[a];
        mm.kind == MentionKind::Country && mm.tokens.end <= t.start && t.start - mm.tokens.end <= 1
    });
    args.anaphoric = (actors.is_empty() && recipients.is_empty())
        || (definite
            && possessor.is_none()
            && !adjective_author
            && agents.is_empty()
            && between.is_none()
            && !carried_out);
    args.actors = actors;
    args.recipients = recipients;
    args
}

/// English: the article at `k` opens the subject before a verb trigger in the past ("the
/// Palestinians agreed", "the Kremlin dismissed"), not the trigger's own noun phrase ("the
/// opposition rally", "the Russian troop build-up").
fn subject_article(
    p: &Prepared,
    grammar: &Grammar,
    mentions: &[Mention],
    order: &[usize],
    k: usize,
    trigger: usize,
) -> bool {
    let w = p.tokens[trigger].lower.as_str();
    p.lang == Lang::En
        && (grammar.past.contains_word(w) || grammar.past_endings.iter().any(|e| w.ends_with(e.as_str())))
        && order
            .iter()
            .any(|&m| mentions[m].tokens.start > k && mentions[m].tokens.end <= trigger)
}

/// A genitive ending that makes a name the possessor of the noun after it: German "Putins",
/// English "Russia's", "the Kurds'"; an English plural "-s" ("the Palestinians reached") is none.
fn possessive_ending(ending: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => matches!(ending, "'s" | "s'" | "'"),
        _ => matches!(ending, "s" | "'s" | "s'" | "'"),
    }
}

/// The trigger is a short passive participle ("задержан", "арестованы", "убит"): by an
/// ending only participles have (grammar `participle_endings`) or by a short-participle
/// ending after a passive auxiliary ("был подписан"; `short_participle_endings`).
fn short_passive(p: &Prepared, g: &Grammar, i: usize, floor: usize) -> bool {
    let w = p.tokens[i].lower.as_str();
    let aux_before = (floor.max(i.saturating_sub(3))..i).any(|k| g.passive_aux.contains_word(&p.tokens[k].lower));
    g.participle_endings.iter().any(|e| w.ends_with(e.as_str()))
        || (aux_before && g.short_participle_endings.iter().any(|e| w.ends_with(e.as_str())))
}

/// The trigger is a past participle, so a passive auxiliary makes the clause passive
/// ("was killed", "wurde festgenommen"), not a future or a modal ("wird reisen", "is due
/// to visit").
fn participle(p: &Prepared, i: usize) -> bool {
    let w = p.tokens[i].lower.as_str();
    match p.lang {
        Lang::En => w.ends_with("ed") || w.ends_with("en") || w.ends_with('t'),
        Lang::De => {
            // (a "ge" of the prefix, not of an infinitive's "-gen": "abgezogen", not
            // "verlegen")
            let ge = w.starts_with("ge")
                || w.match_indices("ge").any(|(k, _)| !(w.ends_with("en") && k + 3 == w.len()));
            (w.ends_with('t') || w.ends_with("en")) && ge || w.ends_with("iert")
        }
        _ => false,
    }
}

/// "Thousands of Iraqi Kurds", "dozens of Palestinians", "a member of the Syrian parliament":
/// the name after a count or a part and "of" is the head of its phrase, not a prepositional
/// object.
fn quantity_of(p: &Prepared, grammar: &Grammar, i: usize, floor: usize) -> bool {
    let Some(of) = (i.saturating_sub(2).max(floor)..i)
        .rev()
        .find(|&k| p.tokens[k].lower == "of")
    else {
        return false;
    };
    if of == floor || (of + 1..i).any(|k| p.tokens[k].cap) {
        return false;
    }
    let count = &p.tokens[of - 1];
    count.kind == TokenKind::Number
        || grammar.number_words.contains_key(&count.lower)
        || grammar.partitives.contains_word(&count.lower)
}

/// Where the group of a German zu-infinitive trigger ("zu unterstützen", "anzuerkennen")
/// starts: after the last comma before it in its clause.
fn infinitive_group(p: &Prepared, lang: Lang, i: usize, clause: &Range<usize>) -> Option<usize> {
    if lang != Lang::De {
        return None;
    }
    let w = p.tokens[i].lower.as_str();
    let joined = !p.tokens[i].cap
        && w.ends_with('n')
        && w.rfind("zu").is_some_and(|z| z >= 2 && z + 5 <= w.len());
    // "zu" before the trigger, or the first word of a trigger "zu unterstützen".
    let zu = w == "zu" || (i > clause.start && p.tokens[i - 1].lower == "zu");
    if !(joined || zu) {
        return None;
    }
    (clause.start..i)
        .rev()
        .find(|&k| p.token_text(k) == ",")
        .map(|k| k + 1)
}

/// The first object candidate; in English and German a role noun of no state ("shared
/// intelligence with Germany", "sent police to ...", "rief seinen Botschafter aus China
/// zurück") gives way to a named state after it.
fn first_with_state(
    mentions: &[Mention],
    order: &[usize],
    candidates: &[usize],
    lang: Lang,
    own: &[&String],
) -> Option<usize> {
    let stateless = |k: usize| {
        let mm = &mentions[order[k]];
        mm.country.is_none() && mm.entities.is_empty()
    };
    // The actor's own people in the object ("recalled the American chiefs of mission from
    // El Salvador") give way to another state after them.
    let own_group = |k: usize| {
        let mm = &mentions[order[k]];
        matches!(mm.kind, MentionKind::Role | MentionKind::Group)
            && mm.country.as_ref().is_some_and(|c| own.contains(&c))
    };
    let candidates: Vec<usize> = match candidates.first() {
        Some(&k) if own_group(k) && candidates.iter().any(|&k2| !own_group(k2) && !stateless(k2)) => {
            candidates.iter().copied().filter(|&k2| !own_group(k2)).collect()
        }
        _ => candidates.to_vec(),
    };
    let candidates = candidates.as_slice();
    let first = candidates.first().copied()?;
    if !matches!(lang, Lang::En | Lang::De) || !stateless(first) {
        return Some(first);
    }
    candidates
        .iter()
        .copied()
        .find(|&k| !stateless(k))
        .or(Some(first))
}

/// An English verb trigger is passive only with its own auxiliary just before it ("was
/// praised", "has been reportedly detained"), not with an "is/was" of another verb of its
/// clause ("praised Haiti ... and said it was a partner").
fn aux_before(p: &Prepared, grammar: &Grammar, i: usize, floor: usize) -> bool {
    const REACH: usize = 3;
    (i.saturating_sub(REACH).max(floor)..i)
        .rev()
        .take_while(|&k| {
            let t = &p.tokens[k];
            t.kind == TokenKind::Word && !t.cap && !grammar.determiners.contains_word(&t.lower)
        })
        .any(|k| grammar.passive_aux.contains_word(&p.tokens[k].lower))
}

/// A trigger word that reads as a noun: capitalised mid-sentence in German, or preceded by a
/// determiner elsewhere.
fn looks_nominal(p: &Prepared, i: usize) -> bool {
    match p.lang {
        Lang::De => p.tokens[i].cap,
        _ => true,
    }
}

/// Whether the name at token `i` stands after a preposition of occasion ("during", "on the
/// sidelines of", "am Rande"), with at most three lowercase words and no other preposition
/// between ("during his visit to Astana" names Astana as the visit's host, not an occasion).
fn occasion(p: &Prepared, grammar: &Grammar, i: usize, floor: usize) -> bool {
    (i.saturating_sub(8).max(floor)..i).any(|k| {
        grammar.during_preps.longest(&p.tokens, k).is_some_and(|(_, n)| {
            k + n <= i
                && i - (k + n) <= ADJ_SKIP
                && (k + n..i).all(|j| {
                    let t = &p.tokens[j];
                    t.kind == TokenKind::Word && !t.cap && !grammar.prepositions.contains_word(&t.lower)
                })
        })
    })
}
