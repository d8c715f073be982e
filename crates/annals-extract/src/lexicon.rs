//! Event triggers of one language (`data/lang/<lang>/events.toml`), compiled into a pattern
//! index: which words and phrases report which PLOVER event, with which argument frame.

use annals_core::plover::EventType;
use annals_text::wordset::{PatternIndex, WordSet};
use annals_text::Token;
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
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawFile {
    #[serde(default)]
    trigger: Vec<RawTrigger>,
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
    /// Words that, standing in the clause, make the word no event ("declined to comment").
    pub without: Option<WordSet>,
    pub contexts: Vec<String>,
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
        let raw: RawFile = toml::from_str(source).map_err(|e| LexiconError {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (k, t) in raw.trigger.into_iter().enumerate() {
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
                other => {
                    return Err(LexiconError {
                        file: file.to_string(),
                        message: format!(
                            "trigger {} has unknown frame {other:?} (agent, host, patient)",
                            k + 1
                        ),
                    })
                }
            };
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
                    .collect(),
                without: (!t.without.is_empty()).then(|| WordSet::new(t.without.clone())),
                contexts: t.context,
            });
        }
        Ok(Lexicon {
            entries,
            index: PatternIndex::new(patterns),
            owner,
        })
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
            let in_clause = |w: &WordSet| {
                clause.clone().any(|j| {
                    w.longest(tokens, j)
                        .is_some_and(|(_, l)| j + l <= clause.end)
                })
            };
            let satisfied = |e: &TriggerEntry| {
                e.with.iter().all(in_clause) && !e.without.as_ref().is_some_and(in_clause)
            };
            // Longest words first; then prefer entries with satisfied `with` constraints.
            let mut chosen: Option<(usize, usize, bool)> = None;
            for &(entry, n) in &cands {
                let e = &self.entries[entry];
                if !satisfied(e) {
                    continue;
                }
                let specific = !e.with.is_empty();
                let better = match chosen {
                    None => true,
                    Some((_, bn, bs)) => (specific && !bs) || (specific == bs && n > bn),
                };
                if better {
                    chosen = Some((entry, n, specific));
                }
            }
            match chosen {
                Some((entry, n, _)) => {
                    let with_at = self.entries[entry]
                        .with
                        .iter()
                        .flat_map(|w| {
                            clause.clone().filter(move |&j| {
                                (j < i || j >= i + n) && w.longest(tokens, j).is_some()
                            })
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
