//! Event triggers of one language (`data/lang/<lang>/events.toml`), compiled into a pattern
//! index: which words and phrases report which PLOVER event, with which argument frame.

use annals_core::plover::EventType;
use annals_text::wordset::{PatternIndex, WordSet};
use annals_text::{Token, TokenKind};
use serde::Deserialize;

/// How a trigger's grammatical roles map to actor and recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// The subject acts on the object.
    Agent,
    /// The subject hosts the object: the visitor (object) is the actor.
    Host,
    /// The subject suffers the act: the subject is the recipient.
    Patient,
    /// The subject is what the act is about: its names are the recipients, and the actor is
    /// the speaker ("talks with Kyiv are out of the question, Lavrov said").
    Topic,
}

#[derive(Debug, Deserialize)]
struct RawTrigger {
    forms: Vec<String>,
    event: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    frame: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    with_any: Vec<String>,
    /// Prepositions that must stand in the clause wherever they stand ("pocht auf"), even
    /// when the same word is also a separable particle.
    #[serde(default)]
    with_prep: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    needs_recipient: bool,
}

#[derive(Debug, Deserialize)]
struct RawFile {
    #[serde(default)]
    trigger: Vec<RawTrigger>,
    /// Separable verb particles ("ab", "an", "vor"): as a `with` word they count only where
    /// they close the clause ("schlug ... vor." but not "vor kurzem").
    #[serde(default)]
    particles: Vec<String>,
    /// Words that may follow a clause-closing particle ("und", "oder").
    #[serde(default)]
    particle_closers: Vec<String>,
}

/// One lexicon entry.
#[derive(Clone, Debug)]
pub struct TriggerEntry {
    pub event: EventType,
    pub mode: Option<String>,
    pub frame: Frame,
    /// Words that must also stand in the clause: each set is one required word (`with`: every
    /// listed word; `with_any`: one of them).
    pub with: Vec<WordSet>,
    /// For each `with` word: whether it is a separable particle that must close the clause.
    pub closing: Vec<bool>,
    /// Words that, standing in the clause, make the word no event ("declined to comment").
    pub without: Option<WordSet>,
    pub contexts: Vec<String>,
    /// The word is an event only with a recipient named in its clause ("признали Пекин",
    /// not "признал, что ...").
    pub needs_recipient: bool,
}

/// A lexicon file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("event lexicon {file}: {message}; fix the file (schema: docs/DATA.md)")]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}

/// The compiled trigger lexicon of one language.
#[derive(Default)]
pub struct Lexicon {
    pub entries: Vec<TriggerEntry>,
    index: PatternIndex,
    /// Pattern id -> entry.
    owner: Vec<usize>,
    /// Words that may follow a clause-closing particle.
    closers: WordSet,
}

/// A trigger found in a text.
#[derive(Clone, Debug)]
pub struct TriggerHit {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
    /// Where the entry's `with` words stand: they belong to this trigger.
    pub with_at: Vec<usize>,
}

impl Lexicon {
    pub fn parse(source: &str, file: &str) -> Result<Lexicon, LexiconError> {
        let mut raw: RawFile = toml::from_str(source).map_err(|e| LexiconError {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        let triggers = std::mem::take(&mut raw.trigger);
        for (k, t) in triggers.into_iter().enumerate() {
            let event = EventType::parse(&t.event).ok_or_else(|| LexiconError {
                file: file.to_string(),
                message: format!(
                    "trigger {} ({:?}) has unknown event type {:?}",
                    k + 1,
                    t.forms.first(),
                    t.event
                ),
            })?;
            let frame = match t.frame.as_deref().unwrap_or("agent") {
                "agent" | "" => Frame::Agent,
                "host" => Frame::Host,
                "patient" => Frame::Patient,
                "topic" => Frame::Topic,
                other => {
                    return Err(LexiconError {
                        file: file.to_string(),
                        message: format!(
                            "trigger {} has unknown frame {other:?} (agent, host, patient, topic)",
                            k + 1
                        ),
                    })
                }
            };
            let is_particle = |w: &str| {
                w.split('|')
                    .all(|a| raw.particles.iter().any(|p| p.eq_ignore_ascii_case(a)))
            };
            let mut closing: Vec<bool> = t.with.iter().map(|w| is_particle(w)).collect();
            if !t.with_any.is_empty() {
                closing.push(t.with_any.iter().all(|w| is_particle(w)));
            }
            closing.extend(t.with_prep.iter().map(|_| false));
            let id = entries.len();
            for f in &t.forms {
                patterns.push(f.clone());
                owner.push(id);
            }
            entries.push(TriggerEntry {
                event,
                mode: t.mode.filter(|m| !m.is_empty()).map(|m| m.to_lowercase()),
                frame,
                with: t
                    .with
                    .iter()
                    .map(|w| WordSet::new(w.split('|').map(str::to_string)))
                    .chain((!t.with_any.is_empty()).then(|| {
                        WordSet::new(
                            t.with_any
                                .iter()
                                .flat_map(|w| w.split('|').map(str::to_string))
                                .collect::<Vec<_>>(),
                        )
                    }))
                    .chain(
                        t.with_prep
                            .iter()
                            .map(|w| WordSet::new(w.split('|').map(str::to_string))),
                    )
                    .collect(),
                closing,
                without: (!t.without.is_empty()).then(|| WordSet::new(t.without.clone())),
                contexts: t.context,
                needs_recipient: t.needs_recipient,
            });
        }
        Ok(Lexicon {
            entries,
            index: PatternIndex::new(patterns),
            owner,
            closers: WordSet::new(raw.particle_closers),
        })
    }

    /// Whether a particle ending before token `next` closes its clause: the clause or
    /// sentence ends, punctuation or a coordinating word follows ("lehnte ... ab, ...",
    /// "wies ... zurück und ...").
    fn closes(&self, tokens: &[Token], next: usize, clause_end: usize) -> bool {
        next >= clause_end
            || tokens[next].kind == TokenKind::Punct
            || self.closers.contains_word(&tokens[next].lower)
    }

    /// The triggers in `tokens[range]`: at each position the longest match; among entries
    /// matching the same words, those whose `with` words stand in the clause win over those
    /// without, and entries whose `with` words are missing are dropped.
    pub fn find(
        &self,
        tokens: &[Token],
        range: std::ops::Range<usize>,
        clause_of: impl Fn(usize) -> std::ops::Range<usize>,
    ) -> Vec<TriggerHit> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let mut best_len = 0;
            let mut cands: Vec<(usize, usize)> = Vec::new();
            self.index.each_match(tokens, i, |pid, n| {
                if i + n <= range.end {
                    cands.push((self.owner[pid], n));
                    best_len = best_len.max(n);
                }
            });
            if cands.is_empty() {
                i += 1;
                continue;
            }
            let clause = clause_of(i);
            // Where `with` word `w` stands at `j`; a particle must close the clause.
            let at = |w: &WordSet, closing: bool, j: usize| {
                w.longest(tokens, j).is_some_and(|(_, l)| {
                    j + l <= clause.end && (!closing || self.closes(tokens, j + l, clause.end))
                })
            };
            let in_clause = |w: &WordSet| clause.clone().any(|j| at(w, false, j));
            let satisfied = |e: &TriggerEntry| {
                e.with
                    .iter()
                    .zip(&e.closing)
                    .all(|(w, &c)| clause.clone().any(|j| at(w, c, j)))
                    && !e.without.as_ref().is_some_and(in_clause)
            };
            // Longest words first; then prefer entries with satisfied `with` constraints, the
            // more the better, and a content word over a particle ("zog ... Botschafter ...
            // ab" is a recall, not the withdrawal "zog ... ab").
            let mut chosen: Option<(usize, usize, usize)> = None;
            for &(entry, n) in &cands {
                let e = &self.entries[entry];
                if !satisfied(e) {
                    continue;
                }
                let specific = 2 * e.with.len() + e.closing.iter().filter(|c| !**c).count();
                let better = match chosen {
                    None => true,
                    Some((_, bn, bs)) => specific > bs || (specific == bs && n > bn),
                };
                if better {
                    chosen = Some((entry, n, specific));
                }
            }
            match chosen {
                Some((entry, n, _)) => {
                    let e = &self.entries[entry];
                    let with_at = e
                        .with
                        .iter()
                        .zip(&e.closing)
                        .flat_map(|(w, &c)| {
                            clause
                                .clone()
                                .filter(move |&j| (j < i || j >= i + n) && at(w, c, j))
                        })
                        .collect();
                    out.push(TriggerHit {
                        entry,
                        start: i,
                        end: i + n,
                        with_at,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        // A word another trigger needs as its `with` word is part of that trigger, not an
        // event of its own ("stellt ... Hilfe bereit", "пригрозил санкциями").
        let taken: Vec<usize> = out.iter().flat_map(|h| h.with_at.clone()).collect();
        out.retain(|h| !(h.start..h.end).any(|k| taken.contains(&k)));
        out
    }
}
