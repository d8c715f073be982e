//! One real-world event = one record: events of a report that share type, actors and
//! recipients (for meetings: the same parties in any direction), auxiliary modes and a
//! compatible date become one event with several mentions. Also fills a missing recipient
//! from the report's main pair of states where PLOVER expects one.

use crate::mentions::{DocEntity, Mention, MentionKind};
use crate::Ev;
use annals_core::plover::EventType;
use std::collections::BTreeMap;

fn codes_of(ids: &[usize], mentions: &[Mention], entities: &[DocEntity]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &m in ids {
        let mm = &mentions[m];
        if mm.kind == MentionKind::Group || (mm.country.is_none() && !mm.entities.is_empty()) {
            out.extend(
                mm.entities
                    .iter()
                    .filter_map(|&e| entities[e].country.clone()),
            );
        } else if let Some(c) = &mm.country {
            out.push(c.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The two states a report is mostly about, when it has such a pair.
fn main_dyad(mentions: &[Mention]) -> Option<(String, String)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for m in mentions {
        if m.place || m.kind == MentionKind::Group {
            continue;
        }
        if let Some(c) = m.country.as_deref() {
            if is_state(c) {
                *counts.entry(c).or_default() += 1;
                total += 1;
            }
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    match v.as_slice() {
        [(a, ca), (b, cb), ..]
            if *cb >= 2
                && (ca + cb) * 3 >= total * 2
                && v.get(2).is_none_or(|(_, c3)| c3 * 2 < *cb) =>
        {
            Some((a.to_string(), b.to_string()))
        }
        _ => None,
    }
}

/// The states a report names (people, places and organisations of a state included).
pub(crate) fn states_named(mentions: &[Mention]) -> Vec<String> {
    let mut out: Vec<String> = mentions
        .iter()
        .filter_map(|m| m.country.clone())
        .filter(|c| is_state(c))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A state's code, as opposed to IGO, NGO and the other PLOVER group codes.
fn is_state(code: &str) -> bool {
    code.len() == 3 && !matches!(code, "IGO" | "NGO" | "MNC" | "IMG" | "ISM")
}

fn same_day_or_open(a: &Ev, b: &Ev) -> bool {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => match (x.day, y.day) {
            (Some(dx), Some(dy)) => (dx - dy).get_days().abs() <= 1,
            _ => x.year == y.year || x.year.is_none() || y.year.is_none(),
        },
        _ => true,
    }
}

fn parties(e: &Ev) -> Vec<String> {
    let mut v: Vec<String> = e
        .actor_codes
        .iter()
        .chain(&e.recipient_codes)
        .chain(e.inferred_recipient.iter())
        .cloned()
        .collect();
    v.sort();
    v.dedup();
    v
}

fn recipients_of(e: &Ev) -> Vec<String> {
    let mut v = e.recipient_codes.clone();
    v.extend(e.inferred_recipient.iter().cloned());
    v.sort();
    v.dedup();
    v
}

/// Sectors of the actors (a state or its leader counts as GOV; a pronoun of no known sector
/// counts as none).
fn sectors(e: &Ev, mentions: &[Mention]) -> Vec<String> {
    let mut v: Vec<String> = e
        .actors
        .iter()
        .filter(|&&m| !(mentions[m].kind == MentionKind::Pronoun && mentions[m].sector.is_none()))
        .map(|&m| mentions[m].sector.clone().unwrap_or_else(|| "GOV".into()))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn mergeable(a: &Ev, b: &Ev, mentions: &[Mention]) -> bool {
    // Different bodies of one state act separately (a parliament ratifies, a president pledges).
    // (An organisation's officer and the organisation are one actor: "NATO Secretary
    // General Mark Rutte visited Kyiv, his first trip to Ukraine".)
    let (sa, sb) = (sectors(a, mentions), sectors(b, mentions));
    let states = a.actor_codes.iter().all(|c| is_state(c));
    if states && !sa.is_empty() && !sb.is_empty() && !sa.iter().any(|x| sb.contains(x)) {
        return false;
    }
    if a.ty != b.ty
        || a.aux.negated != b.aux.negated
        || a.aux.hypothetical != b.aux.hypothetical
        || a.aux.future != b.aux.future
        || !same_day_or_open(a, b)
    {
        return false;
    }
    if a.ty == EventType::Consult || a.ty == EventType::Cooperate {
        return parties(a) == parties(b);
    }
    let symmetric = |e: &Ev| {
        e.recipient_codes.is_empty() && e.inferred_recipient.is_none() && e.actor_codes.len() > 1
    };
    if symmetric(a) && symmetric(b) {
        return parties(a) == parties(b);
    }
    // In one sentence, an act with no target told again by its result is the same act
    // ("shelled Juba ..., killing about 20 people").
    let one_undirected = recipients_of(a).is_empty() != recipients_of(b).is_empty();
    a.actor_codes == b.actor_codes
        && (recipients_of(a) == recipients_of(b)
            || (one_undirected && a.sentence == b.sentence && !a.actor_codes.is_empty()))
}

/// Resolves country codes, drops self-directed recipients, fills recipients from the main
/// Folds into each protest what its crowd does in the same sentence. Violence with no named
/// target by the same crowd is how the protest went ("rioted ..., setting fire to their
/// mattresses"): PLOVER's riot, one event. (Authorities do not riot: "imposed a curfew after
/// a demonstration" is their act.) A demand of the protesters is the protest's content, not
/// a second event ("demonstrated ... calling for independence"); whom they make it of is
/// whom they protest against when the protest names no one ("rioted ... demanding
/// independence from Indonesian rule").
fn fold_into_protests(events: &mut Vec<Ev>, mentions: &[Mention]) {
    let authority = |e: &Ev| {
        e.actors.iter().any(|&m| {
            matches!(mentions[m].sector.as_deref(), Some("GOV" | "MIL" | "COP" | "JUD" | "SPY"))
        })
    };
    // (part, its protest, whether it is violence)
    let mut parts: Vec<(usize, usize, bool)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let riot = matches!(e.ty, EventType::Assault | EventType::Coerce)
            && recipients_of(e).is_empty()
            && !e.actors.is_empty()
            && !authority(e);
        if !riot && e.ty != EventType::Request {
            continue;
        }
        let protest = events.iter().position(|o| {
            o.ty == EventType::Protest
                && o.sentence == e.sentence
                && if riot {
                    o.actors == e.actors
                } else {
                    e.actor_codes.iter().all(|c| o.actor_codes.contains(c))
                }
        });
        if let Some(k) = protest {
            parts.push((i, k, riot));
        }
    }
    for &(i, k, riot) in &parts {
        if riot {
            let (mentions, sentence) = (events[i].mentions.clone(), events[i].sentence);
            events[k].mentions.extend(mentions);
            events[k]
                .notes
                .push(format!("the crowd's violence in sentence {sentence} is the protest's"));
        } else if recipients_of(&events[k]).is_empty() && !events[i].recipients.is_empty() {
            events[k].recipients = events[i].recipients.clone();
            events[k].recipient_codes = events[i].recipient_codes.clone();
            events[k].notes.push("recipient: whom the protesters make their demand of".into());
        }
    }
    for &(i, _, _) in parts.iter().rev() {
        events.remove(i);
    }
}

/// dyad, and merges repeated events.
pub fn finish(
    mut events: Vec<Ev>,
    mentions: &[Mention],
    entities: &[DocEntity],
    _published: Option<&str>,
) -> Vec<Ev> {
    for e in &mut events {
        e.actor_codes = codes_of(&e.actors, mentions, entities);
        let actor_codes = e.actor_codes.clone();
        let actor_entities: Vec<usize> = e
            .actors
            .iter()
            .flat_map(|&m| mentions[m].entities.clone())
            .collect();
        let actor_gov = e
            .actors
            .iter()
            .all(|&m| matches!(mentions[m].sector.as_deref(), None | Some("GOV")));
        // A recipient that is the actor itself, or its own state when a government acts,
        // is no recipient ("Toqaev ... zwischen Moskau und Astana"); a domestic act on
        // another group of the same state stays ("the Sri Lankan army ... Tamil refugees").
        e.recipients.retain(|&m| {
            let mm = &mentions[m];
            let same_entity = if mm.kind == MentionKind::Group {
                mm.entities.iter().all(|x| actor_entities.contains(x))
            } else {
                mm.entities.iter().any(|x| actor_entities.contains(x))
            };
            let same_state = mm.country.as_ref().is_some_and(|c| actor_codes.contains(c))
                && matches!(mm.sector.as_deref(), None | Some("GOV"))
                && actor_gov
                && mm.kind != MentionKind::Group;
            !(same_entity || same_state)
        });
        // A recipient of unknown country ("23 people") names no actor code.
        e.recipients
            .retain(|&m| mentions[m].country.is_some() || !mentions[m].entities.is_empty());
        e.recipient_codes = codes_of(&e.recipients, mentions, entities);
    }
    // Protesters of no named state in a report about one state are its people ("Islamic
    // fundamentalists continued their hunger strike to demand the resignation of the
    // Algerian president").
    let states = states_named(mentions);
    if let [only] = states.as_slice() {
        for e in &mut events {
            // (Also a crowd named without a state: "opposition supporters protested
            // outside parliament".)
            let stateless = e.actors.iter().all(|&m| mentions[m].country.is_none());
            // (So are rebels of no named state: "Rebellen haben die syrische Hauptstadt
            // Damaskus eingenommen".)
            let rebels = !e.actors.is_empty()
                && e.actors.iter().all(|&m| {
                    mentions[m].kind == MentionKind::Role && mentions[m].sector.as_deref() == Some("REB")
                });
            if (e.ty == EventType::Protest || rebels) && e.actor_codes.is_empty() && stateless {
                e.actor_codes = vec![only.clone()];
                let who = if rebels { "rebels" } else { "protesters" };
                e.notes.push(format!("{who} of no named state: {only}, the only state named"));
            }
        }
    }
    events.retain(|e| !e.actor_codes.is_empty());
    fold_into_protests(&mut events, mentions);
    if let Some((a, b)) = main_dyad(mentions) {
        for e in &mut events {
            let wants = matches!(
                e.ty,
                EventType::Agree
                    | EventType::Support
                    | EventType::Cooperate
                    | EventType::Aid
                    | EventType::Consult
            );
            if wants && e.recipient_codes.is_empty() && e.actor_codes.len() == 1 {
                let other = if e.actor_codes[0] == a {
                    Some(&b)
                } else if e.actor_codes[0] == b {
                    Some(&a)
                } else {
                    None
                };
                if let Some(o) = other {
                    e.inferred_recipient = Some(o.clone());
                    e.notes.push(format!(
                        "recipient {o} inferred: the report is about {a} and {b}"
                    ));
                }
            }
        }
    }
    // A report about one state only codes its undirected acts as domestic: the state's own
    // people or authorities are the target ("Algerian students began a hunger strike",
    // "police imposed a curfew in Cizre").
    if let [only] = states.as_slice() {
        for e in &mut events {
            // (Not a refusal, promise, meeting or joint work: those have a counterpart the
            // report need not name, seldom the actor's own state: "Москва заявила об отказе
            // участвовать в саммите".)
            // (Nor leaving a deal or a treaty: "Russia pulled out of the grain deal".)
            let outward = matches!(
                e.ty,
                EventType::Reject | EventType::Agree | EventType::Consult | EventType::Cooperate
            ) || (e.ty == EventType::Sanction && e.mode.as_deref() == Some("withdraw"));
            if e.recipient_codes.is_empty()
                && e.inferred_recipient.is_none()
                && e.actor_codes.len() == 1
                && &e.actor_codes[0] == only
                && !outward
            {
                e.inferred_recipient = Some(only.clone());
                e.notes.push(format!(
                    "recipient {only} inferred: the report names no other state"
                ));
            }
        }
    }
    let mut out: Vec<Ev> = Vec::new();
    for e in events {
        match out.iter_mut().find(|o| mergeable(o, &e, mentions)) {
            Some(o) => {
                o.mentions.extend(e.mentions.iter().cloned());
                o.notes.push(format!(
                    "merged with the same event in sentence {}",
                    e.sentence
                ));
                if o.mode.is_none() {
                    o.mode = e.mode.clone();
                }
                // Keep the directed reading of a meeting (a visit has a host).
                if o.recipient_codes.is_empty() && !e.recipient_codes.is_empty() {
                    o.actors = e.actors.clone();
                    o.recipients = e.recipients.clone();
                    o.actor_codes = e.actor_codes.clone();
                    o.recipient_codes = e.recipient_codes.clone();
                    o.inferred_recipient = e.inferred_recipient.clone();
                }
                let precise = |d: &Option<crate::dates::DateMention>| {
                    d.as_ref()
                        .map(|d| match d.stated() {
                            true => 2 + d.day.is_some() as u8 * 2 + d.year.is_some() as u8,
                            false => 1,
                        })
                        .unwrap_or(0)
                };
                if precise(&e.date) > precise(&o.date) {
                    o.date = e.date.clone();
                }
                let capital_place =
                    |p: Option<usize>| p.is_some_and(|m| mentions[m].capital.is_some());
                if o.place.is_none() || (!capital_place(o.place) && capital_place(e.place)) {
                    o.place = e.place.or(o.place);
                }
                for c in e.contexts {
                    if !o.contexts.contains(&c) {
                        o.contexts.push(c);
                    }
                }
            }
            None => out.push(e),
        }
    }
    out
}
