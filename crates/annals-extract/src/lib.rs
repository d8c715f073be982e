//! The coder: from a news report to PLOVER events, entities, quotes and claims.
//!
//! [`Coder`] holds the knowledge base and each language's grammar and trigger lexicon;
//! [`Coder::code`] runs the stages on one document:
//! text (normalise, language, sentences, tokens) → mentions (actors, coreference) → triggers
//! → argument roles → auxiliary modes, dates, places → events merged within the report →
//! the [`DocRecord`].
//!
//! ```
//! use annals_extract::{Coder, Input};
//! let coder = Coder::load(&annals_core::data::DataSource::Embedded, None).unwrap();
//! let doc = coder.code(&Input::new("t", "Russia and China signed an agreement on Monday.").lang("en").published("2024-05-14")).unwrap();
//! assert!(doc.events.iter().any(|e| e.event == "SUPPORT" || e.event == "AGREE"));
//! ```

pub mod args;
pub mod aux;
pub mod claims;
pub mod clauses;
mod context;
pub mod dates;
pub mod lexicon;
pub mod mentions;
pub mod merge;
pub mod quotes;
mod record;

use annals_core::plover::EventType;
use annals_core::record::*;
use annals_core::{data::DataSource, Lang, Span};
use annals_kb::matcher::TokenKeys;
use annals_kb::Kb;
use annals_text::Grammar;
use lexicon::Lexicon;
use mentions::{Mention, MentionFinder, MentionKind};
use context::*;
use record::*;
use std::collections::HashMap;

/// Largest document coded (characters of text); longer ones are refused with a clear error.
pub const MAX_DOC_BYTES: usize = 5 * 1024 * 1024;

/// A document to code.
#[derive(Clone, Debug, Default)]
pub struct Input<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub lang: Option<&'a str>,
    pub published: Option<&'a str>,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
}

impl<'a> Input<'a> {
    pub fn new(id: &'a str, text: &'a str) -> Self {
        Input {
            id,
            text,
            ..Default::default()
        }
    }
    pub fn lang(mut self, lang: &'a str) -> Self {
        self.lang = Some(lang);
        self
    }
    pub fn published(mut self, date: &'a str) -> Self {
        self.published = Some(date);
        self
    }
}

/// Why a document could not be coded.
#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    #[error("the document is empty: there is no text to code")]
    Empty,
    #[error("the document looks binary (it holds NUL or control bytes): give the text of the report, not a binary file")]
    Binary,
    #[error("the document is {0} bytes, more than the {MAX_DOC_BYTES}-byte limit: split it into reports")]
    TooLarge(usize),
    #[error("unknown language {0:?}: Annals codes de, en, ru and kk; give one of them with --lang or \"lang\"")]
    UnknownLang(String),
    #[error("cannot tell the language: {0}")]
    Lang(#[from] annals_text::lang::LangError),
    #[error("invalid publication date {0:?}: give it as YYYY-MM-DD")]
    BadDate(String),
}

/// Loading the coder's knowledge failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Kb(#[from] annals_kb::KbError),
    #[error(transparent)]
    Data(#[from] annals_core::data::DataError),
    #[error(transparent)]
    Grammar(#[from] annals_text::grammar::GrammarError),
    #[error(transparent)]
    Lexicon(#[from] lexicon::LexiconError),
}

/// One language's rules.
pub struct LangPack {
    pub grammar: Grammar,
    pub lexicon: Lexicon,
}

/// The loaded coder.
pub struct Coder {
    pub kb: Kb,
    pub packs: HashMap<Lang, LangPack>,
}

/// An event before it becomes a record.
#[derive(Clone, Debug)]
pub struct Ev {
    pub ty: EventType,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub actors: Vec<usize>,
    pub recipients: Vec<usize>,
    pub trigger: Span,
    pub sentence: usize,
    pub mentions: Vec<(usize, Span)>,
    pub date: Option<dates::DateMention>,
    pub place: Option<usize>,
    pub aux: Aux,
    pub notes: Vec<String>,
    /// Actor countries (sorted, unique) and recipient countries, for merging.
    pub actor_codes: Vec<String>,
    pub recipient_codes: Vec<String>,
    /// Recipient filled from the report's main pair of states, not from the sentence.
    pub inferred_recipient: Option<String>,
}

impl Coder {
    /// Loads the knowledge base and every language that has data.
    pub fn load(
        data: &DataSource,
        user_actors: Option<&std::path::Path>,
    ) -> Result<Coder, LoadError> {
        // The base and each language are compiled on threads of their own.
        std::thread::scope(|scope| {
            let langs: Vec<_> = Lang::ALL
                .iter()
                .map(|&lang| scope.spawn(move || Self::load_lang(data, lang)))
                .collect();
            let kb = Kb::load(data, user_actors)?;
            let mut packs = HashMap::new();
            for (lang, pack) in Lang::ALL.iter().zip(langs) {
                if let Some(pack) = pack.join().expect("a lexicon compiler panicked")? {
                    packs.insert(*lang, pack);
                }
            }
            Ok(Coder { kb, packs })
        })
    }

    /// One language's grammar and event lexicon, or `None` when it has no grammar file.
    fn load_lang(data: &DataSource, lang: Lang) -> Result<Option<LangPack>, LoadError> {
        let gfile = format!("lang/{}/grammar.toml", lang.code());
        let efile = format!("lang/{}/events.toml", lang.code());
        let grammar = match data.read(&gfile)? {
            Some(src) => Grammar::parse(&src, &gfile)?,
            None => return Ok(None),
        };
        let lexicon = match data.read(&efile)? {
            Some(src) => Lexicon::parse(&src, &efile)?,
            None => Lexicon::default(),
        };
        Ok(Some(LangPack { grammar, lexicon }))
    }

    /// Codes one document.
    pub fn code(&self, input: &Input) -> Result<DocRecord, CodeError> {
        let text = input.text;
        if text.len() > MAX_DOC_BYTES {
            return Err(CodeError::TooLarge(text.len()));
        }
        if text.trim().is_empty() {
            return Err(CodeError::Empty);
        }
        let control = text
            .chars()
            .filter(|c| c.is_control() && !c.is_whitespace())
            .count();
        if text.contains('\0') || control * 20 > text.chars().count().max(1) {
            return Err(CodeError::Binary);
        }
        if let Some(p) = input.published {
            if p.len() < 10 || p[..10].parse::<jiff::civil::Date>().is_err() {
                return Err(CodeError::BadDate(p.to_string()));
            }
        }
        let (lang, confidence) = match input.lang {
            Some(code) => (
                Lang::parse(code).ok_or_else(|| CodeError::UnknownLang(code.to_string()))?,
                None,
            ),
            None => {
                let (l, c) = annals_text::lang::detect(text)?;
                (l, Some(c))
            }
        };
        let pack = self
            .packs
            .get(&lang)
            .ok_or_else(|| CodeError::UnknownLang(lang.code().to_string()))?;
        Ok(self.code_prepared(input, lang, confidence, pack))
    }

    fn code_prepared(
        &self,
        input: &Input,
        lang: Lang,
        confidence: Option<f32>,
        pack: &LangPack,
    ) -> DocRecord {
        let g = &pack.grammar;
        let p = annals_text::prepare(input.text, lang, g);
        let published = input.published.map(|d| &d[..10]);
        let keys = TokenKeys::for_lang(&p.norm.text, &p.tokens, &self.kb.matcher, Some(lang))
            .caseless(p.caseless);
        let mut finder = MentionFinder::new(&self.kb, g, lang, published);
        let mut events: Vec<Ev> = Vec::new();
        let mut claims = Vec::new();
        let mut quotes = Vec::new();
        for s in 0..p.sentences.len() {
            let before = finder.mentions.len();
            finder.sentence(&p, &keys, s);
            let ids: Vec<usize> = (before..finder.mentions.len()).collect();
            let range = p.sentences[s].tokens.clone();
            let clauses = clauses::split(&p, range.clone(), g);
            let clause_of = |k: usize| {
                clauses
                    .iter()
                    .find(|c| c.tokens.contains(&k))
                    .map(|c| c.tokens.clone())
                    .unwrap_or(range.clone())
            };
            let found_dates = dates::find(&p, g, range.clone(), published);
            let in_date = |k: usize| found_dates.iter().any(|d| d.tokens.contains(&k));
            claims.extend(claims::find(&p, g, range.clone(), &clause_of, &in_date));
            for q in quotes::find(&p, g, range.clone(), &clauses, &finder.mentions, &ids) {
                quotes.push((q, s));
            }
            let mut hits = pack.lexicon.find(&p.tokens, range.clone(), clause_of);
            // A word of a name is no act: "Amnesty International", "the Shanghai Cooperation
            // Organisation".
            hits.retain(|h| {
                !inside_name(&finder.mentions, &ids, h) && !in_unknown_name(&p, g, &range, h)
            });
            // "X said (that) Y must ...": a demand by the speaker on Y; the acts named in that
            // clause are its content.
            let mut demand_clauses: Vec<std::ops::Range<usize>> = Vec::new();
            for c in &clauses {
                let Some(at) = c
                    .tokens
                    .clone()
                    .find(|&k| g.obligation.longest(&p.tokens, k).is_some())
                else {
                    continue;
                };
                // The speaker is the subject of the clause of saying next to this one, or,
                // in English without "that", of the verb of saying in this very clause
                // ("Lavrov said Ukraine should withdraw"): what was said starts after it.
                let said_here = || {
                    let (sp, end) = (c.tokens.start..at)
                        .find_map(|k| g.speech.longest(&p.tokens, k).map(|(_, n)| (k, k + n)))?;
                    let speaker = clause_subject(&(c.tokens.start..sp), &finder.mentions, &ids, &p, g)?;
                    Some((speaker, end..c.tokens.end))
                };
                let (speaker, said) = match speaker_for(&clauses, &c.tokens, &finder.mentions, &ids, &p, g) {
                    Some(m) => (m, c.tokens.clone()),
                    None => match said_here() {
                        Some(found) => found,
                        None => {
                            // With no speaker found, what someone must do is still no fact
                            // (", saying he must resign"): the verb right after the modal.
                            // (German puts that verb last, after anything else in the
                            // clause; there the clause is left as it is.)
                            const MODAL_REACH: usize = 5;
                            if p.lang != Lang::De {
                                demand_clauses.push(at..c.tokens.end.min(at + MODAL_REACH));
                            }
                            continue;
                        }
                    },
                };
                let addressee = ids.iter().copied().find(|&m| {
                    let mm = &finder.mentions[m];
                    said.contains(&mm.tokens.start)
                        && mm.tokens.end <= at
                        && !mm.place
                        && !args::governed_by(
                            &p,
                            mm.tokens.start,
                            c.tokens.start,
                            &g.prepositions,
                            g,
                        )
                });
                // What a speaker says its own side must do ("Russia said it must respond",
                // "Tokayev said Kazakhstan must diversify") is a resolve, not a demand; the
                // acts it names are no facts either way.
                demand_clauses.push(said.clone());
                let Some(addressee) = addressee.filter(|&m| {
                    let (a, b) = (&finder.mentions[speaker], &finder.mentions[m]);
                    let same_entity = a.entities.iter().any(|e| b.entities.contains(e));
                    let same_side = a.country.is_some()
                        && a.country == b.country
                        && (a.sector == b.sector || b.sector.is_none() || a.sector.is_none());
                    !same_entity && !same_side
                }) else {
                    continue;
                };
                // "US and British forces must ...": every state of the coordinated subject.
                let mut order: Vec<usize> = ids
                    .iter()
                    .copied()
                    .filter(|&m| {
                        let mm = &finder.mentions[m];
                        said.contains(&mm.tokens.start) && mm.tokens.end <= at
                    })
                    .collect();
                order.sort_by_key(|&m| finder.mentions[m].tokens.start);
                let addressees = match order.iter().position(|&m| m == addressee) {
                    Some(pos) => args::coordinated(&p, &finder.mentions, &order, pos, g),
                    None => vec![addressee],
                };
                let trigger = Span::new(p.tokens[at].span.start, p.tokens[at].span.end);
                events.push(Ev {
                    ty: EventType::Request,
                    mode: None,
                    contexts: Vec::new(),
                    actors: vec![speaker],
                    recipients: addressees,
                    trigger,
                    sentence: s,
                    mentions: vec![(s, trigger)],
                    date: {
                        let speech = speech_clause(&clauses, &c.tokens);
                        let tense_in: Vec<_> =
                            std::iter::once(c.tokens.clone()).chain(speech.clone()).collect();
                        let tense = dates::tense(&p, g, &tense_in, at..at + 1, false);
                        dates::for_event(
                            &p,
                            g,
                            &found_dates,
                            &c.tokens,
                            speech.as_ref(),
                            at,
                            tense,
                            published,
                        )
                    },
                    place: None,
                    aux: Aux::default(),
                    notes: vec!["a demand: obligation in reported speech".into()],
                    actor_codes: Vec::new(),
                    recipient_codes: Vec::new(),
                    inferred_recipient: None,
                });
            }
            // The country adjective before a trigger's first token ("Israeli air strike"),
            // by its start; several rules below ask, each token is looked up once.
            let mut adjectives: HashMap<usize, Option<usize>> = HashMap::new();
            let mut adjective_start = |finder: &MentionFinder, at: usize| {
                *adjectives.entry(at).or_insert_with(|| {
                    finder.country_adjective_ending_at(&p, &keys, s, at).map(|(m, _)| m.start)
                })
            };
            let mut kept: Vec<&lexicon::TriggerHit> = Vec::new();
            // Triggers dropped as the content, reason or topic of another act.
            let mut topics: Vec<&lexicon::TriggerHit> = Vec::new();
            for (i, h) in hits.iter().enumerate() {
                if demand_clauses.iter().any(|c| c.contains(&h.start)) {
                    continue;
                }
                if refused_comment(&p, g, &clause_of(h.start))
                    || hoped_clause(&p, g, &clauses, h.start)
                    || verb_final_object(&p, g, &pack.lexicon, &clauses, &hits, i)
                {
                    continue;
                }
                // What a request, refusal, threat, accusation or promise is about is not an
                // event of its own: "forderte die EU auf, Sanktionen zu verhängen", "threatened
                // to impose tariffs", "пригрозил ударом", "agreed to provide aid".
                // A coordinated verb ("condemned ... and threatened") is an act of its own.
                // So is the means of another act ("fired a warning by taxing Chinese exports").
                let means = p.lang == Lang::En && h.start > 0 && p.tokens[h.start - 1].lower == "by";
                let fresh = means || new_predicate(&p, &pack.lexicon, &hits, h);
                // (A German verb at the end of its clause governs the nouns before it; it
                // is not what they are about: "hat die Vorwürfe zurückgewiesen".)
                // (Only a verb at the clause's end: "Ein russischer Angriff traf Kiew" has its
                // verb second, after its subject.)
                let clause_final = {
                    let c = clause_of(h.start);
                    (h.end..c.end).all(|k| p.tokens[k].kind == annals_text::TokenKind::Punct)
                };
                let verb_after_noun = |k: &lexicon::TriggerHit| {
                    p.lang == Lang::De && clause_final && !p.tokens[h.start].cap && p.tokens[k.start].cap
                };
                // (An act named after "during" is the occasion of the one before it, an event
                // of its own: "struck a deal during Erdogan's visit to Baghdad".)
                let occasion = {
                    let c = clause_of(h.start);
                    let from = kept
                        .iter()
                        .filter(|k| k.end <= h.start && c.contains(&k.start))
                        .map(|k| k.end)
                        .max()
                        .unwrap_or(c.start);
                    (from..h.start).any(|k| g.during_preps.longest(&p.tokens, k).is_some())
                };
                let content = !fresh
                    && !occasion
                    && kept.iter().chain(&topics).any(|k| {
                        !verb_after_noun(k)
                        && (clause_of(k.start) == clause_of(h.start)
                            || complement_of(&p, g, &clauses, k.start, h.start))
                            && takes_content(pack.lexicon.entries[k.entry].event)
                            && !(k.end..h.start).any(|j| g.coord.contains_word(&p.tokens[j].lower))
                    });
                if content {
                    // (What that content asks for is content too: "a rally demanding
                    // Pashinyan's resignation".)
                    topics.push(h);
                    continue;
                }
                let scene = Scene { p: &p, g, kept: &kept, clause_of: &clause_of };
                if reduced_relative(&scene, h, &found_dates) {
                    continue;
                }
                // "wanted at home on treason charges", "по обвинению в шпионаже": the charge
                // someone is held on, not an accusation the report tells of.
                if pack.lexicon.entries[h.entry].event == EventType::Accuse
                    && args::governed_by(&p, h.start, clause_of(h.start).start, &g.charge_preps, g)
                {
                    topics.push(h);
                    continue;
                }
                if about_earlier_act(&scene, h, &finder.mentions) {
                    // (What it is about is no event either: "in protest of the refusal to
                    // accept ...".)
                    topics.push(h);
                    continue;
                }
                // A noun right after another trigger is its object ("signed an agreement",
                // "criticised the sanctions"): the first trigger heads the event.
                // A coordinated verb ("ввел блокаду и обвинил ...") is not such an object.
                // German puts the verb last, after its object: in "hat die Sanktionen
                // kritisiert" the lowercase verb heads the event and the noun before it is its
                // object.
                if let Some(prev) = kept.last().copied().filter(|_| !fresh) {
                    if h.start >= prev.end
                        && h.start - prev.end <= 2
                        && !(prev.end..h.start).any(|j| g.coord.contains_word(&p.tokens[j].lower))
                        && clause_of(h.start) == clause_of(prev.start)
                    {
                        // (So does a predicate of refusal after its subject: "о переговорах с
                        // Киевом не может быть и речи".)
                        let verb_last = verb_after_noun(prev)
                            || pack.lexicon.entries[h.entry].frame == lexicon::Frame::Topic;
                        if !verb_last {
                            // (What it asks for is its content too: "a rally in Yerevan
                            // demanding Pashinyan's resignation".)
                            topics.push(h);
                            continue;
                        }
                        kept.pop();
                    }
                }
                // A trigger of the same type in a phrase after the first one's verb is the
                // same act, told by its means or circumstance ("was killed in a car bomb
                // explosion", "wurde bei einem Angriff getötet").
                // So is a verb after such a phrase ("Bei einem israelischen Luftangriff ...
                // wurden 20 Menschen getötet"): the noun keeps the event.
                let verb = match p.lang {
                    Lang::De => !p.tokens[h.start].cap,
                    Lang::En => p.tokens[h.end - 1].lower.ends_with("ed"),
                    _ => false,
                };
                let in_phrase_before = verb
                    && kept.iter().any(|k| {
                        k.end <= h.start
                            && clause_of(k.start) == clause_of(h.start)
                            && pack.lexicon.entries[k.entry].event == pack.lexicon.entries[h.entry].event
                            && p.tokens[k.start].cap == (p.lang == Lang::De)
                            && {
                                let at = adjective_start(&finder, k.start).unwrap_or(k.start);
                                args::governed_by(&p, at, clause_of(k.start).start, &g.prepositions, g)
                            }
                    });
                if in_phrase_before {
                    continue;
                }
                let same_act = kept.iter().any(|k| {
                    k.end <= h.start
                        && clause_of(k.start) == clause_of(h.start)
                        && pack.lexicon.entries[k.entry].event == pack.lexicon.entries[h.entry].event
                        // ("... aus und verweist auf die Ratifizierung": another predicate)
                        && !(k.end..h.start).any(|j| g.coord.contains_word(&p.tokens[j].lower))
                }) && {
                    // (a preposition at most four lowercase words before: "in a car bomb";
                    // a country adjective may stand among them: "in an Israeli air strike")
                    let at = adjective_start(&finder, h.start).unwrap_or(h.start);
                    let floor = clause_of(h.start).start.max(at.saturating_sub(5));
                    (floor..at)
                        .rev()
                        .take_while(|&k| p.tokens[k].kind == annals_text::TokenKind::Word && !p.tokens[k].cap)
                        .any(|k| g.prepositions.contains_word(&p.tokens[k].lower))
                };
                if same_act {
                    // ("were killed in an Israeli air strike": the noun names the attacker;
                    // it heads the event in the verb's place.)
                    let prev_verb = kept.last().is_some_and(|k| {
                        pack.lexicon.entries[k.entry].event == pack.lexicon.entries[h.entry].event
                            && k.end <= h.start
                    });
                    if prev_verb && adjective_start(&finder, h.start).is_some() {
                        kept.pop();
                        kept.push(h);
                    }
                    continue;
                }
                kept.push(h);
            }
            for h in kept {
                let entry = &pack.lexicon.entries[h.entry];
                let clause = clause_of(h.start);
                let in_clause: Vec<usize> = ids
                    .iter()
                    .copied()
                    .filter(|&m| clause.contains(&finder.mentions[m].tokens.start))
                    .collect();
                let view = args::TriggerView {
                    start: h.start,
                    end: h.end,
                    frame: entry.frame,
                    visit: entry.mode.as_deref() == Some("visit"),
                };
                let mut a =
                    args::assign(&p, g, &finder.mentions, &in_clause, clause.clone(), &view);
                if let Some(subj) = kk_embedded_subject(&p, g, &finder.mentions, &in_clause, h) {
                    if subj != a.actors {
                        a.recipients.retain(|m| !subj.contains(m));
                        a.actors = subj;
                        a.note.push_str(", subject of the Kazakh embedded clause");
                    }
                }
                // A relative clause takes the name before it as its subject ("Сальвадора,
                // который получил ... американской помощи").
                // (In English only the clause's own verb: "El Salvador, which received
                // American aid" does not make El Salvador the giver.)
                let own_verb = p.lang != Lang::En || h.start <= clause.start + 4;
                if let Some(m) = relative_antecedent(&p, g, &finder.mentions, &ids, &clause)
                    .filter(|_| own_verb)
                {
                    let (subj, obj) = if entry.frame == lexicon::Frame::Agent {
                        (&mut a.actors, &mut a.recipients)
                    } else {
                        (&mut a.recipients, &mut a.actors)
                    };
                    // The pronoun is the subject: a name after the verb is its object
                    // ("Токаевым, который поблагодарил Узбекистан").
                    let after = subj
                        .iter()
                        .all(|&x| finder.mentions[x].tokens.start >= h.end);
                    if obj.is_empty() && !subj.is_empty() && after {
                        *obj = std::mem::take(subj);
                    }
                    if subj.is_empty() && !obj.contains(&m) {
                        *subj = vec![m];
                        a.note.push_str(", subject from the relative pronoun");
                        a.anaphoric = false;
                    }
                }
                // German asks "von" someone ("verlangte von Belarus eine Erklärung"): the
                // addressee, before any place in what is asked ("Rückzug aus der Ukraine").
                if entry.event == EventType::Request && p.lang == Lang::De {
                    let asked = ids.iter().copied().find(|&m| {
                        let mm = &finder.mentions[m];
                        mm.tokens.start > h.end
                            && clause.contains(&mm.tokens.start)
                            && matches!(p.tokens[mm.tokens.start - 1].lower.as_str(), "von" | "vom")
                            && !a.actors.contains(&m)
                    });
                    if let Some(m) = asked {
                        a.recipients = vec![m];
                        a.note.push_str(", addressee after 'von'");
                    }
                }
                // A demand's addressee is the subject of the clause it governs ("demanded
                // that Israel ease ...", "потребовал, чтобы Киев ...").
                if entry.event == EventType::Request && a.recipients.is_empty() {
                    if let Some(next) = clauses.iter().find(|c| c.tokens.start == clause.end) {
                        let opens = next.tokens.start < next.tokens.end
                            && g.complementizers
                                .contains_word(&p.tokens[next.tokens.start].lower);
                        let subject = clause_subject(&next.tokens, &finder.mentions, &ids, &p, g);
                        if let Some(m) = subject.filter(|_| opens) {
                            a.recipients = vec![m];
                            a.note.push_str(", addressee from the that-clause");
                        }
                    }
                }
                // A country adjective before the trigger names its actor ("Israeli air
                // strikes", "russische Sanktionen"), also over a clause subject of no state
                // when the noun stands in a phrase ("20 people were killed in an Israeli air
                // strike": the subject is the victim).
                let in_phrase = args::governed_by(&p, h.start, clause.start, &g.prepositions, g)
                    || adjective_start(&finder, h.start).is_some_and(|at| {
                        args::governed_by(&p, at, clause.start, &g.prepositions, g)
                    });
                // A country adjective read as a group with the trigger noun ("Ein russischer
                // Angriff traf Kiew": "russischer Angriff" is no group of Russians) names
                // the noun's author; what the clause took as subject is its target.
                let swallowed = ids.iter().any(|&m| {
                    let mm = &finder.mentions[m];
                    mm.kind == MentionKind::Role
                        && mm.sector.is_none()
                        && mm.tokens.end == h.end
                        && mm.tokens.start < h.start
                });
                if swallowed {
                    if let Some(m) = finder.adjective_before(&p, &keys, s, h.start) {
                        if a.recipients.is_empty() {
                            a.recipients = std::mem::take(&mut a.actors);
                        }
                        a.actors = vec![m];
                        a.anaphoric = false;
                        a.note.push_str(", the adjective of the noun phrase is its author");
                    }
                }
                let stateless_subject = !a.actors.is_empty()
                    && a.actors.iter().all(|&m| {
                        finder.mentions[m].country.is_none() && finder.mentions[m].entities.is_empty()
                    });
                if stateless_subject && in_phrase {
                    if let Some(m) = finder.adjective_before(&p, &keys, s, h.start) {
                        a.recipients = std::mem::take(&mut a.actors);
                        a.actors = vec![m];
                        a.note.push_str(", adjective before the trigger in a phrase; the subject suffers");
                    }
                }
                if a.actors.is_empty() {
                    if let Some(m) = finder.adjective_before(&p, &keys, s, h.start) {
                        a.actors = vec![m];
                        a.note.push_str(", adjective before the trigger");
                        a.anaphoric = false;
                    }
                }
                // A country adjective on the object of a verbal act names its recipient
                // ("rejected a Senegalese peace plan", "opposed French mediation in talks
                // with Syria": the nearer one).
                let first_recipient = a
                    .recipients
                    .iter()
                    .map(|&m| finder.mentions[m].tokens.start)
                    .min();
                if !a.actors.is_empty()
                    && object_is_other(entry.event)
                    && first_recipient.is_none_or(|r| r > h.end + 1)
                {
                    if let Some(m) = adjective_object(&mut finder, &p, &keys, g, s, h.end, &clause)
                        .filter(|&m| {
                            first_recipient.is_none_or(|r| finder.mentions[m].tokens.end <= r)
                        })
                    {
                        a.recipients = vec![m];
                        a.note
                            .push_str(", recipient from the adjective of the object");
                    }
                }
                // "complained to the UN on Tuesday over Israeli air raids": the addressee of a
                // complaint is not its target; what it is about names the recipient.
                if entry.event == EventType::Accuse && a.recipients.len() == 1 {
                    let r = &finder.mentions[a.recipients[0]];
                    let to_addressee = r.tokens.start > h.end
                        && g.destination.contains_word(&p.tokens[h.end].lower);
                    let topic = (r.tokens.end..clause.end)
                        .find(|&k| g.topic_preps.contains_word(&p.tokens[k].lower));
                    if let Some(k) = topic.filter(|_| to_addressee) {
                        if let Some(m) = adjective_object(&mut finder, &p, &keys, g, s, k, &clause)
                        {
                            a.recipients = vec![m];
                            a.note
                                .push_str(", recipient from the topic of the complaint");
                        }
                    }
                }
                // An act on people of no named state is directed at the state where they are
                // ("food aid to refugees in Liberia", "killed three civilians in Gaza").
                let stateless = |m: &usize| {
                    let mm = &finder.mentions[*m];
                    mm.country.is_none() && mm.entities.is_empty()
                };
                if lang == Lang::En
                    && !a.recipients.is_empty()
                    && a.recipients.iter().all(stateless)
                {
                    let after = a.recipients[0];
                    if let Some(&pl) = a.places.iter().find(|&&m| {
                        let mm = &finder.mentions[m];
                        mm.country.is_some()
                            && mm.tokens.start > finder.mentions[after].tokens.start
                    }) {
                        a.recipients = vec![pl];
                        a.note
                            .push_str(", recipient from the place of the stateless object");
                    }
                }
                // Protesters, police or gunmen of no named state act for the state where they
                // act ("thousands of protesters rallied in Tbilisi").
                let stateless = |m: &usize| {
                    let mm = &finder.mentions[*m];
                    mm.country.is_none() && mm.entities.is_empty()
                };
                if !a.actors.is_empty()
                    && a.actors.iter().all(stateless)
                    && matches!(
                        entry.event,
                        EventType::Protest | EventType::Coerce | EventType::Assault
                    )
                {
                    let state = a
                        .places
                        .iter()
                        .find_map(|&m| finder.mentions[m].country.clone());
                    if let Some(state) = state {
                        for &m in &a.actors {
                            finder.mentions[m].country = Some(state.clone());
                        }
                        a.note.push_str(", actor's state from the place");
                    }
                }
                // A non-governmental group of no named state that acts nowhere in particular
                // carries PLOVER's code NGO ("a human rights group protested").
                if !a.actors.is_empty()
                    && a.actors.iter().all(|&m| {
                        let mm = &finder.mentions[m];
                        mm.country.is_none()
                            && mm.entities.is_empty()
                            && mm.sector.as_deref() == Some("NGO")
                    })
                {
                    for &m in &a.actors {
                        finder.mentions[m].country = Some("NGO".into());
                    }
                    a.note.push_str(", a group of no state: NGO");
                }
                // An attack whose perpetrator the report does not name is coded to the state
                // where it happened ("a car bomb killed a journalist in Beirut"); so is a
                // protest whose crowd is unnamed ("в Тбилиси тысячи человек вышли на акцию"),
                // and an arrest or expulsion, which only a state's authorities make ("wurde
                // in Kanada festgenommen").
                if a.actors.is_empty()
                    && matches!(
                        entry.event,
                        EventType::Assault | EventType::Protest | EventType::Coerce
                    )
                    && !a.definite
                {
                    if let Some(&pl) = a
                        .places
                        .iter()
                        .find(|&&m| finder.mentions[m].country.is_some())
                    {
                        a.actors = vec![pl];
                        a.recipients.retain(|&m| m != pl);
                        a.note.push_str(", perpetrator unnamed: coded by the place");
                        a.anaphoric = false;
                    }
                }
                // A promise whose that-clause holds a threat or an act of force is a threat
                // ("Китай пообещал, что ответные меры против США будут ...").
                let forceful = (entry.event == EventType::Agree)
                    .then(|| promised_force(&p, g, pack, &clauses, &clause, &hits))
                    .flatten();
                if let Some(inner) = forceful {
                    if a.recipients.is_empty() {
                        let inner_clause = clause_of(inner.start);
                        let inner_ids: Vec<usize> = ids
                            .iter()
                            .copied()
                            .filter(|&m| inner_clause.contains(&finder.mentions[m].tokens.start))
                            .collect();
                        let iview = args::TriggerView {
                            start: inner.start,
                            end: inner.end,
                            frame: pack.lexicon.entries[inner.entry].frame,
                            visit: false,
                        };
                        let ia = args::assign(
                            &p,
                            g,
                            &finder.mentions,
                            &inner_ids,
                            inner_clause,
                            &iview,
                        );
                        a.recipients = ia.recipients;
                    }
                    a.note.push_str(", a promise of force in the that-clause: THREATEN");
                }
                if a.anaphoric || (entry.needs_recipient && a.recipients.is_empty()) {
                    continue;
                }
                // Reported speech: a clause without an actor takes the speaker's (not a
                // passive, whose doer it does not name: "once a peace treaty is signed").
                // (A predicate of refusal after its copula is none: "talks were out of the
                // question".)
                let bare_passive = h.start > clause.start
                    && entry.frame != lexicon::Frame::Topic
                    && g.passive_aux.contains_word(&p.tokens[h.start - 1].lower);
                if a.actors.is_empty() && !bare_passive {
                    if let Some(speaker) =
                        speaker_for(&clauses, &clause, &finder.mentions, &ids, &p, g)
                    {
                        a.actors = vec![speaker];
                        a.note = "speaker of the reported speech".into();
                    }
                }
                // Protesters of no state may still be the people of the one state the
                // report names (decided when the document's states are known, in merge).
                if a.actors.is_empty() && entry.event != EventType::Protest {
                    continue;
                }
                if aux::is_speculation(&p, g, clause.clone(), h.start..h.end)
                    || hoped_for(&p, g, h.end, range.end)
                {
                    continue;
                }
                let passive = a.by_agent;
                // Reported speech: a verb of saying before the trigger in its sentence.
                let reported =
                    (range.start..h.start).any(|k| g.speech.longest(&p.tokens, k).is_some());
                let mut aux = aux::flags(&p, g, clause.clone(), h.start..h.end, passive, reported);
                if negation_is_trigger(&p, g, &h.with_at) {
                    aux.negated = false;
                }
                // A trigger whose own words hold the negation ("не согласна", "nicht
                // einverstanden") is negated only by another negation before it.
                let own_negation = h.end - h.start > 1
                    && (h.start..h.end).any(|k| g.negation.contains_word(&p.tokens[k].lower));
                if own_negation {
                    aux.negated =
                        (clause.start..h.start).any(|k| g.negation.longest(&p.tokens, k).is_some());
                }
                let speech = speech_clause(&clauses, &clause);
                let tense_in: Vec<_> = std::iter::once(clause.clone()).chain(speech.clone()).collect();
                let tense = dates::tense(&p, g, &tense_in, h.start..h.end, aux.future);
                let date = dates::for_event(
                    &p,
                    g,
                    &found_dates,
                    &clause,
                    speech.as_ref(),
                    h.start,
                    tense,
                    published,
                );
                if let Some(d) = date.as_ref().filter(|d| d.stated()) {
                    if dates::is_past(d, published) && !ongoing_since(&p, g, d, tense) {
                        aux.historical = true;
                    }
                }
                let mut ty = if forceful.is_some() {
                    EventType::Threaten
                } else {
                    entry.event
                };
                let mut notes = vec![format!("arguments: {}", a.note.trim_start_matches(", "))];
                // A promised act on a condition of the other side is a threat ("will
                // withdraw its force unless ...", "must drop barriers or face tariffs").
                let conditional =
                    (range.start..range.end).any(|k| g.unless.longest(&p.tokens, k).is_some());
                if conditional
                    && (aux.future || aux.hypothetical)
                    && !matches!(ty, EventType::Threaten)
                {
                    notes.push(format!("{ty} promised on a condition: coded THREATEN"));
                    ty = EventType::Threaten;
                    aux.hypothetical = false;
                } else if aux.negated
                    && !aux.hypothetical
                    && (ty == EventType::Agree || aux.future && promisable(ty))
                {
                    // "would not meet the demands", "will not withdraw", "failed to reach
                    // agreement": declining to cooperate, to yield or to agree is a refusal
                    // (CAMEO 12 -> REJECT), not a negated promise.
                    notes.push(format!("{ty} declined (negated) coded as REJECT (CAMEO 12)"));
                    ty = EventType::Reject;
                    aux.negated = false;
                    aux.future = false;
                } else if aux.future && promisable(ty) {
                    // PLOVER: announced cooperation is AGREE; the CAMEO-to-PLOVER table: so
                    // is an announced retreat or concession, an intent to yield (CAMEO 035:
                    // "will evacuate the settlements", "prepared to lift the ban").
                    notes.push(format!("{ty} announced for the future coded as AGREE"));
                    ty = EventType::Agree;
                } else if aux.future && matches!(ty, EventType::Coerce | EventType::Assault) {
                    // "will extend the curfew", "would blockade Paris": an announced act of
                    // force or repression is a threat of it.
                    notes.push(format!("{ty} announced for the future coded as THREATEN"));
                    ty = EventType::Threaten;
                    aux.future = false;
                }
                // "..., a rights group protested": a verbal protest at what the words before
                // say, directed at their subject.
                let mut mode = entry.mode.clone();
                if let Some(topic) = tag_act_topic(&clauses, &clause) {
                    if matches!(ty, EventType::Protest | EventType::Accuse) {
                        if ty == EventType::Protest {
                            ty = EventType::Accuse;
                            mode = Some("disapprove".into());
                            notes.push("a protest in a closing attribution: ACCUSE".into());
                        }
                        if a.recipients.is_empty() {
                            if let Some(m) =
                                clause_subject(&topic, &finder.mentions, &ids, &p, g)
                            {
                                a.recipients = vec![m];
                                notes.push("recipient: the subject of what was protested".into());
                            }
                        }
                    }
                }
                let trigger = Span::new(p.tokens[h.start].span.start, p.tokens[h.end - 1].span.end);
                let place = a
                    .places
                    .iter()
                    .copied()
                    .find(|&m| {
                        let mm = &finder.mentions[m];
                        mm.capital.is_some() || mm.locality.is_some()
                    })
                    .or(a.places.first().copied());
                events.push(Ev {
                    ty,
                    mode,
                    contexts: entry.contexts.clone(),
                    actors: a.actors,
                    recipients: a.recipients,
                    trigger,
                    sentence: s,
                    mentions: vec![(s, trigger)],
                    date,
                    place,
                    aux,
                    notes,
                    actor_codes: Vec::new(),
                    recipient_codes: Vec::new(),
                    inferred_recipient: None,
                });
            }
        }
        finder.fill_unknown_countries();
        let events = merge::finish(events, &finder.mentions, &finder.entities, published);
        assemble(
            &p, input, lang, confidence, &self.kb, finder, events, claims, quotes,
        )
    }
}

pub use mentions::DocEntity;

/// Types whose announcement is a promise (AGREE) and whose refusal is a REJECT: cooperation,
/// aid, meetings, support, concessions and retreats.
fn promisable(ty: EventType) -> bool {
    matches!(
        ty,
        EventType::Consult
            | EventType::Support
            | EventType::Cooperate
            | EventType::Aid
            | EventType::Concede
            | EventType::Retreat
    )
}
