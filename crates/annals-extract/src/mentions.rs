//! Actor mentions: the knowledge base's names, titled names it does not know ("Präsident X"),
//! country adjectives with role nouns ("der russische Außenminister"), capitals and seats of
//! power standing for governments, pronouns and "the two leaders", each resolved to an entity
//! of the document.

use crate::Lang;
use annals_kb::matcher::{AliasKind, Match, Target, TokenKeys};
use annals_kb::{Kb, Kind};
use annals_text::{Grammar, Prepared, TokenKind};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    Person,
    Country,
    Org,
    /// A role noun with a country ("the Iranian military") or without one ("police").
    Role,
    /// "he", "his": a person named before.
    Pronoun,
    /// "the two leaders", "both countries": several entities named before.
    Group,
}

/// An entity of the document: a knowledge-base actor, or a titled person the base does not
/// know.
#[derive(Clone, Debug)]
pub struct DocEntity {
    pub kb: Option<usize>,
    pub name: String,
    pub kind: &'static str,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub office: Option<String>,
    pub wikidata: Option<String>,
    /// Mentions naming it (not pronouns): token ranges of the name words.
    pub spans: Vec<annals_core::Span>,
}

#[derive(Clone, Debug)]
pub struct Mention {
    pub sentence: usize,
    /// The whole phrase: adjective, role, name.
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    /// Document entities it refers to (one; several for a group).
    pub entities: Vec<usize>,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Follows a locative or directional preposition ("in Astana", "nach Moskau").
    pub place: bool,
    /// A capital (knowledge-base index) when the mention is one.
    pub capital: Option<usize>,
    /// A city or region (index into the base's places): always a place, never an actor.
    pub locality: Option<usize>,
    /// The inflectional ending of the last word (Russian/Kazakh case).
    pub ending: &'static str,
}

/// The resolver's state over one document.
pub struct MentionFinder<'a> {
    pub kb: &'a Kb,
    pub grammar: &'a Grammar,
    pub lang: Lang,
    pub date: Option<&'a str>,
    pub entities: Vec<DocEntity>,
    pub mentions: Vec<Mention>,
    pub warnings: Vec<String>,
    /// The last list of three or more states named together ("Saudi Arabia, the UAE, Egypt
    /// and Bahrain"), which "they" and "the four countries" refer back to.
    last_list: Vec<usize>,
    /// "its neighbours" said before any list ("US urges Qatar and its neighbours to end
    /// dispute" in a headline): the group mention and its owner, filled by the first list of
    /// three or more states named after it.
    pending_groups: Vec<(usize, Option<usize>)>,
    /// Words the document writes in lowercase somewhere (filled at the first sentence): a
    /// capitalised one opening a sentence is that word, not a town or surname ("Как", "Allein").
    lowercase_words: Option<rustc_hash::FxHashSet<String>>,
}

const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "the", "a", "an", "ein", "eine", "einen", "einem",
    "eines", "these", "diese", "beiden",
];

impl<'a> MentionFinder<'a> {
    pub fn new(kb: &'a Kb, grammar: &'a Grammar, lang: Lang, date: Option<&'a str>) -> Self {
        MentionFinder {
            kb,
            grammar,
            lang,
            date,
            entities: Vec::new(),
            mentions: Vec::new(),
            warnings: Vec::new(),
            last_list: Vec::new(),
            pending_groups: Vec::new(),
            lowercase_words: None,
        }
    }

    /// A country adjective right before token `at` ("Israeli air strikes", "russische
    /// Sanktionen"), made a mention of its state; `None` when there is none.
    pub fn adjective_before(
        &mut self,
        p: &Prepared,
        keys: &TokenKeys,
        s: usize,
        at: usize,
    ) -> Option<usize> {
        let (m, country) = self.country_adjective_ending_at(p, keys, s, at)?;
        let span =
            annals_core::Span::new(p.tokens[m.start].span.start, p.tokens[m.end - 1].span.end);
        let e = self.entity_for_kb(country, span);
        self.push_entity_mention(s, m.start..m.end, MentionKind::Country, e, false, None, "");
        Some(self.mentions.len() - 1)
    }

    /// The country adjective that is the word right before token `at`, and its state.
    /// (Only a one-word match there: "Israeli", "russische"; an adjective of two words,
    /// "South Korean", is not looked for.)
    pub fn country_adjective_ending_at(
        &self,
        p: &Prepared,
        keys: &TokenKeys,
        s: usize,
        at: usize,
    ) -> Option<(Match, usize)> {
        let start = at.checked_sub(1).filter(|&k| k >= p.sentences[s].tokens.start)?;
        let m = self
            .kb
            .matcher
            .find_with(&p.norm.text, &p.tokens, keys, start, Some(self.lang))
            .into_iter()
            .find(|m| m.end == at)?;
        let country = m.entity(AliasKind::Adjective)?;
        Some((m, country))
    }

    /// A titled person the base does not know ("President Laurent Gbagbo") belongs to the
    /// only state the report names, if it names exactly one.
    pub fn fill_unknown_countries(&mut self) {
        if let [only] = crate::merge::states_named(&self.mentions).as_slice() {
            for e in &mut self.entities {
                if e.kb.is_none() && e.kind == "person" && e.country.is_none() {
                    e.country = Some(only.clone());
                }
            }
        }
    }

    /// The document entity of a person the base does not know, found by name or created with
    /// what the text says of them.
    fn unknown_person_entity(
        &mut self,
        name: String,
        span: annals_core::Span,
        country: Option<String>,
        sector: Option<String>,
        office: Option<String>,
    ) -> usize {
        if let Some(e) = self
            .entities
            .iter()
            .position(|e| e.kb.is_none() && e.kind == "person" && e.name == name)
        {
            self.entities[e].spans.push(span);
            return e;
        }
        self.entities.push(DocEntity {
            kb: None,
            name,
            kind: "person",
            country,
            sector,
            office,
            wikidata: None,
            spans: vec![span],
        });
        self.entities.len() - 1
    }

    /// A state named inside an organisation's name ("Совбеза РФ", "Bank of England") is
    /// listed among the report's entities with that mention, though the organisation is
    /// the actor.
    fn states_inside(&mut self, p: &Prepared, keys: &TokenKeys, inner: Range<usize>) {
        let mut k = inner.start;
        while k < inner.end {
            let m = self
                .kb
                .matcher
                .find_with(&p.norm.text, &p.tokens, keys, k, Some(self.lang))
                .into_iter()
                .find(|m| m.end <= inner.end);
            let state = m.as_ref().and_then(|m| self.state_in(m));
            match (m, state) {
                (Some(m), Some(c)) => {
                    let span = annals_core::Span::new(
                        p.tokens[m.start].span.start,
                        p.tokens[m.end - 1].span.end,
                    );
                    self.entity_for_kb(c, span);
                    k = m.end;
                }
                _ => k += 1,
            }
        }
    }

    /// Lists a city or region among the report's entities as a location (never an actor).
    fn add_location(&mut self, name: String, country: Option<String>, span: annals_core::Span) {
        match self
            .entities
            .iter()
            .position(|e| e.kind == "location" && e.name == name)
        {
            Some(e) => self.entities[e].spans.push(span),
            None => self.entities.push(DocEntity {
                kb: None,
                name,
                kind: "location",
                country,
                sector: None,
                office: None,
                wikidata: None,
                spans: vec![span],
            }),
        }
    }

    fn entity_for_kb(&mut self, idx: usize, span: annals_core::Span) -> usize {
        if let Some(pos) = self.entities.iter().position(|e| e.kb == Some(idx)) {
            self.entities[pos].spans.push(span);
            return pos;
        }
        let e = &self.kb.entities[idx];
        let office = self.kb.office_on(idx, self.date);
        let sector = office
            .and_then(|o| o.sector.clone())
            .or_else(|| e.sector.clone());
        let country = office
            .and_then(|o| o.country.clone())
            .unwrap_or_else(|| e.country.clone());
        self.entities.push(DocEntity {
            kb: Some(idx),
            name: e.name.clone(),
            kind: match e.kind {
                Kind::Person => "person",
                Kind::Country => "country",
                Kind::Organization => "organization",
            },
            country: Some(country),
            sector,
            office: office.map(|o| o.role.clone()),
            wikidata: e.wikidata.clone(),
            spans: vec![span],
        });
        self.entities.len() - 1
    }

    /// "nach El Salvador, Panama und in die Dominikanische Republik": a name in a list that
    /// follows a place is a place too.
    fn continues_places(&self, p: &Prepared, s: usize, start: usize) -> bool {
        let Some(last) = self.mentions.last().filter(|m| m.sentence == s && m.place) else {
            return false;
        };
        let between = last.tokens.end..start;
        let joins = |k: usize| {
            let w = p.tokens[k].lower.as_str();
            p.token_text(k) == "," || self.grammar.coord.contains_word(w)
        };
        !between.is_empty()
            && between.clone().any(joins)
            && between.clone().all(|k| {
                joins(k)
                    || self.grammar.destination.contains_word(&p.tokens[k].lower)
                    || ARTICLES.contains(&p.tokens[k].lower.as_str())
            })
    }

    fn preceded_by(
        &self,
        p: &Prepared,
        i: usize,
        start: usize,
        set: &annals_text::wordset::WordSet,
    ) -> bool {
        // Allow an article or a lowercase adjective between the preposition and the name.
        let mut k = i;
        let mut skipped = 0;
        while k > start && skipped <= 2 {
            k -= 1;
            let t = &p.tokens[k];
            if set.contains_word(&t.lower) {
                return true;
            }
            // "in eastern Beirut", "im ostukrainischen Charkiw"
            // A Russian noun ("в ответ Пекин") closes the phrase: only adjective forms pass.
            let adjective = t.kind == TokenKind::Word
                && !t.cap
                && !self.grammar.is_function_word(&t.lower)
                && (p.lang != Lang::Ru || crate::args::ru_adjective_form(&t.lower));
            if !adjective && (t.kind != TokenKind::Word || !ARTICLES.contains(&t.lower.as_str())) {
                return false;
            }
            skipped += 1;
        }
        false
    }

    /// English: the state after "of" right after a people's name ("the Albanians of southern
    /// Serbia"), or after "in" for an ethnic group ("ethnic Albanians in south Serbia"), by its
    /// name, capital or a place of it: a minority acts for the state it lives in ("Americans in
    /// Iraq" stay Americans).
    fn residence_state(
        &self,
        p: &Prepared,
        keys: &TokenKeys,
        range: &Range<usize>,
        end: usize,
        ethnic: bool,
    ) -> Option<usize> {
        if self.lang != Lang::En || end >= range.end {
            return None;
        }
        // ("guerrillas operating in Macedonia", "Serbs living in Kosovo")
        let mut end = end;
        if ethnic && end + 1 < range.end && p.tokens[end].lower.ends_with("ing") && !p.tokens[end].cap {
            end += 1;
        }
        let prep = p.tokens[end].lower.as_str();
        if !(prep == "of" || (ethnic && prep == "in")) {
            return None;
        }
        let mut k = end + 1;
        while k < range.end
            && k < end + 4
            && p.tokens[k].kind == TokenKind::Word
            && !p.tokens[k].cap
            && !self.grammar.prepositions.contains_word(&p.tokens[k].lower)
        {
            k += 1;
        }
        if k >= range.end {
            return None;
        }
        let m = self
            .kb
            .matcher
            .find_with(&p.norm.text, &p.tokens, keys, k, Some(self.lang))
            .into_iter()
            .next()?;
        if m.start != k {
            return None;
        }
        let named = self.state_in(&m);
        named
            .or_else(|| m.capital().map(|c| self.kb.capitals[c].country))
            .or_else(|| {
                let code = self.kb.places[self.kb.place_of(&m, p.slice_tokens(m.start..m.end))?].country.as_ref()?;
                self.kb.by_code.get(code).copied()
            })
    }

    /// Chooses among persons sharing a name: one already named in the document, else one
    /// holding an office on the date; a tie is reported, never guessed silently.
    fn pick_person(&mut self, persons: &[usize], surface: &str) -> Option<usize> {
        let mut unique = persons.to_vec();
        unique.sort_unstable();
        unique.dedup();
        // A Cyrillic surname is the person the data writes so ("Джонсона": Johnson, not
        // Pål Jonson, "Йонсон").
        let word = surface.split_whitespace().last().unwrap_or("");
        let spelled: Vec<usize> = unique
            .iter()
            .copied()
            .filter(|&x| self.kb.own_cyrillic_surname(x, word))
            .collect();
        if !spelled.is_empty() {
            unique = spelled;
        }
        let persons = &unique[..];
        if persons.len() == 1 {
            return Some(persons[0]);
        }
        if let Some(&p) = persons
            .iter()
            .find(|&&p| self.named_before(p))
        {
            return Some(p);
        }
        // The one whose state the report has named ("Kim" after "North Korea").
        let named: Vec<usize> = persons
            .iter()
            .copied()
            .filter(|&p| {
                let c = &self.kb.entities[p].country;
                self.mentions.iter().any(|m| m.country.as_ref() == Some(c))
            })
            .collect();
        if named.len() == 1 {
            return Some(named[0]);
        }
        let candidates = if named.is_empty() { persons } else { &named[..] };
        let holding: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&p| self.kb.office_on(p, self.date).is_some() && self.date.is_some())
            .collect();
        if holding.len() == 1 {
            return Some(holding[0]);
        }
        let names: Vec<&str> = persons
            .iter()
            .map(|&p| self.kb.entities[p].name.as_str())
            .collect();
        self.warnings.push(format!(
            "ambiguous name {surface:?}: {} (left unresolved)",
            names.join(", ")
        ));
        None
    }

    /// The state (and the sector, if they share it) of persons who all belong to one state.
    fn shared_state(&self, persons: &[usize]) -> Option<(String, Option<String>)> {
        let first = &self.kb.entities[*persons.first()?];
        let all = persons.iter().map(|&x| &self.kb.entities[x]);
        if !all.clone().all(|e| e.country == first.country) {
            return None;
        }
        let sector = first.sector.clone().filter(|_| all.clone().all(|e| e.sector == first.sector));
        Some((first.country.clone(), sector))
    }

    /// Finds the mentions of sentence `s`.
    pub fn sentence(&mut self, p: &Prepared, keys: &TokenKeys, s: usize) {
        let range = p.sentences[s].tokens.clone();
        let mut i = range.start;
        while i < range.end {
            let ms = self
                .kb
                .matcher
                .find_with(&p.norm.text, &p.tokens, keys, i, Some(self.lang));
            // The surname of a person named before outranks a town or namesake of the same
            // spelling ("Сорокина" after "Андрей Сорокин").
            let weak = ms.iter().flat_map(|m| m.targets.iter()).all(|t| {
                matches!(t, Target::Place(_) | Target::Entity(_, AliasKind::Surname))
            });
            // A sentence's first word that the document also writes in lowercase is that
            // common word ("Как ...", "Потому ...", "Allein ...").
            if weak
                && !ms.is_empty()
                && !p.caseless
                && self.opens_sentence(p, &range, i)
                && self.written_lowercase(p, i)
            {
                i += 1;
                continue;
            }
            if weak && !ms.is_empty() {
                if let Some(end) = self.unknown_person(p, keys, s, &range, i) {
                    i = end;
                    continue;
                }
            }
            if let Some(m) = ms.into_iter().next() {
                i = self.resolve(p, keys, s, &range, m);
                continue;
            }
            if let Some(end) = self.unknown_person(p, keys, s, &range, i) {
                i = end;
                continue;
            }
            i = self.pronoun_or_group(p, s, &range, i);
        }
        self.roles_of_bodies(p, s);
        self.remember_list(p, s);
    }

    /// A role of no state followed by the body it serves takes that body's state: "Ein
    /// Sprecher des russischen Außenministeriums", "a spokesman for the Kremlin",
    /// "представитель МИД России".
    fn roles_of_bodies(&mut self, p: &Prepared, s: usize) {
        let first = self.mentions.iter().position(|m| m.sentence == s).unwrap_or(self.mentions.len());
        for k in first..self.mentions.len() {
            let m = &self.mentions[k];
            // (A role with its owner's possessive is the owner's: "recalled its ambassadors
            // from El Salvador".)
            let owned = m.tokens.start > 0
                && self.grammar.possessive.contains_word(&p.tokens[m.tokens.start - 1].lower);
            if m.kind != MentionKind::Role || m.country.is_some() || owned {
                continue;
            }
            let end = m.tokens.end;
            let Some(body) = self.mentions[k + 1..].iter().find(|b| b.tokens.start >= end) else {
                continue;
            };
            // (With no word between, only a Russian genitive follows its head: "МИД
            // России"; a Kazakh genitive stands before it.)
            let adjacent_ok = body.tokens.start > end || self.lang == Lang::Ru;
            let linked = adjacent_ok && (end..body.tokens.start).all(|j| {
                self.grammar.role_links.contains_word(&p.tokens[j].lower)
                    || self.grammar.determiners.contains_word(&p.tokens[j].lower)
            });
            let body_ok = !body.place
                && matches!(body.kind, MentionKind::Org | MentionKind::Role | MentionKind::Country)
                && body.country.is_some();
            if linked && body_ok && body.tokens.start - end <= 3 {
                let country = body.country.clone();
                self.mentions[k].country = country;
            }
        }
    }

    /// Whether token `i` is the first word of its sentence (after opening quotes or dashes).
    fn opens_sentence(&self, p: &Prepared, range: &Range<usize>, i: usize) -> bool {
        (range.start..i).all(|k| p.tokens[k].kind == TokenKind::Punct)
    }

    /// Whether the document writes token `i`'s word in lowercase somewhere.
    fn written_lowercase(&mut self, p: &Prepared, i: usize) -> bool {
        let set = self.lowercase_words.get_or_insert_with(|| {
            p.tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == TokenKind::Word && !t.cap)
                .map(|(k, _)| p.token_text(k).to_string())
                .collect()
        });
        set.contains(&p.tokens[i].lower)
    }

    /// A person the base does not know: a given name and one or two capitalised words after
    /// it ("Roberto Calzadilla", "Дмитрия Муратова"), or later the surname alone of such a
    /// person named before ("Calzadilla"). Returns the end of the name.
    fn unknown_person(
        &mut self,
        p: &Prepared,
        keys: &TokenKeys,
        s: usize,
        range: &Range<usize>,
        i: usize,
    ) -> Option<usize> {
        let cap_word = |k: usize| {
            k < range.end && p.tokens[k].kind == TokenKind::Word && p.tokens[k].cap && {
                // An acronym ("NATO") is no surname.
                let w = p.token_text(k);
                w.chars().skip(1).any(char::is_lowercase)
            }
        };
        if !cap_word(i) {
            return None;
        }
        // The surname of an unknown person named before.
        let any_unknown = self.entities.iter().any(|e| e.kb.is_none() && e.kind == "person");
        let key = if any_unknown { annals_text::fold::key(p.token_text(i)) } else { String::new() };
        let known = self.entities.iter().position(|e| {
            e.kb.is_none()
                && e.kind == "person"
                && e.name.split_whitespace().count() > 1
                && e.name.split_whitespace().last().is_some_and(|last| {
                    let last_key = annals_text::fold::key(last);
                    last_key == key
                        || (key.len() > last_key.len()
                            && key.starts_with(&last_key)
                            && key.len() - last_key.len() <= 2)
                })
        });
        if let Some(e) = known {
            let span = p.tokens[i].span;
            self.entities[e].spans.push(span);
            self.push_entity_mention(s, i..i + 1, MentionKind::Person, e, false, None, "");
            return Some(i + 1);
        }
        // A function word is no name ("Bei Unruhen", "Ранее Пашинян").
        if self.grammar.is_function_word(&p.tokens[i].lower) || !self.kb.is_given_name(p.token_text(i)) {
            return None;
        }
        // One or two capitalised words after the given name that name nothing else (a town
        // or a known person's surname of the same spelling does not count: "Андрей Сорокин").
        let names_other = |k: usize| {
            self.kb
                .matcher
                .find_with(&p.norm.text, &p.tokens, keys, k, Some(self.lang))
                .iter()
                .flat_map(|m| m.targets.iter())
                .any(|t| !matches!(t, Target::Place(_) | Target::Entity(_, AliasKind::Surname)))
        };
        // A second given name may follow the first ("Juan Carlos Varela"), but one after
        // the surname starts the next name ("Конрада Аденауэра Вольфганг ...").
        let mut end = i + 1;
        while end < i + 3
            && cap_word(end)
            && !names_other(end)
            && !(end > i + 1
                && self.kb.is_given_name(p.token_text(end))
                && !self.kb.is_given_name(p.token_text(end - 1)))
        {
            end += 1;
        }
        if end == i + 1 {
            return None;
        }
        let span = annals_core::Span::new(p.tokens[i].span.start, p.tokens[end - 1].span.end);
        let name = self.latin_name(p, i..end);
        // An apposition gives the state: "Roberto Calzadilla, a Bolivian diplomat".
        let mut k = end + 1;
        while k < range.end
            && (self.grammar.indefinite.contains_word(&p.tokens[k].lower)
                || self.grammar.determiners.contains_word(&p.tokens[k].lower))
        {
            k += 1;
        }
        let apposition = (end < range.end && p.token_text(end) == "," && k < range.end)
            .then(|| {
                self.kb
                    .matcher
                    .find_with(&p.norm.text, &p.tokens, keys, k, Some(self.lang))
                    .into_iter()
                    .next()
                    .and_then(|m| {
                        // "a Bolivian diplomat", or a body of a state: "a State Department
                        // spokeswoman".
                        m.entity(AliasKind::Adjective).or_else(|| {
                            m.targets.iter().find_map(|t| match *t {
                                Target::Entity(i, AliasKind::Name)
                                    if self.kb.entities[i].kind == Kind::Organization =>
                                {
                                    Some(i)
                                }
                                _ => None,
                            })
                        })
                    })
                    .map(|c| self.kb.entities[c].country.clone())
            })
            .flatten();
        // A role right before gives state and sector: "американского журналиста Эвана
        // Гершковича".
        let role_before = self
            .mentions
            .last()
            .filter(|m| m.sentence == s && m.kind == MentionKind::Role && m.tokens.end == i);
        let sector = role_before.and_then(|m| m.sector.clone());
        // So does the body right before, whose officer the person is ("заместитель
        // секретаря Совбеза РФ Юрий Аверьянов", "главный редактор «Новой газеты» Дмитрий
        // Муратов").
        // (or before that role: "Huaweis Finanzchefin Meng Wanzhou")
        let body_before = match role_before {
            Some(r) => self.body_before(p, s, r.tokens.start, 1),
            None => self.body_before(p, s, i, 0),
        };
        let apposition = apposition
            .or_else(|| role_before.and_then(|m| m.country.clone()))
            .or_else(|| body_before.and_then(|m| m.country.clone()));
        // (and its sector: the editor of a newspaper is JRN)
        let sector = sector.or_else(|| body_before.and_then(|m| m.sector.clone()));
        let e = self.unknown_person_entity(name, span, apposition, sector, None);
        self.push_entity_mention(s, i..end, MentionKind::Person, e, false, None, "");
        Some(end)
    }

    /// The name of a person the base lacks, written with tokens `words`: a Cyrillic name in
    /// the Latin spelling of English news, in the nominative (the given name's dictionary
    /// form, the surname by the case the given name shows: "Дмитрия Муратова": "Dmitry
    /// Muratov"), so one person has one name in every language. A Latin name stays as
    /// written.
    fn latin_name(&self, p: &Prepared, words: Range<usize>) -> String {
        let text = p.slice_tokens(words.clone());
        if !text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
            return text.to_string();
        }
        let mut ending = "";
        let mut out: Vec<String> = Vec::new();
        for k in words {
            let w = p.token_text(k);
            if out.is_empty() {
                if let Some((form, latin, e)) = self.kb.given_name(w) {
                    ending = e;
                    // A Russian name is spelled as Russian is romanised ("Yury"); a foreign
                    // one written in Cyrillic takes its own spelling ("Джон": John, not
                    // "Dzhon").
                    let romanized = annals_text::fold::romanize(form);
                    let own = annals_text::fold::key(&romanized) == annals_text::fold::key(latin);
                    out.push(if own { romanized } else { latin.to_string() });
                    continue;
                }
            }
            out.push(annals_text::fold::romanize(&nominative_surname(w, ending)));
        }
        out.join(" ")
    }

    /// Records the longest run of three or more coordinated state mentions of sentence `s`.
    fn remember_list(&mut self, p: &Prepared, s: usize) {
        let ms: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| {
                m.sentence == s
                    && m.kind != MentionKind::Group
                    && !m.entities.is_empty()
                    && m.country.is_some()
            })
            .collect();
        let mut best: Vec<usize> = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        for (k, m) in ms.iter().enumerate() {
            let joined = k > 0 && {
                let a = ms[k - 1];
                a.tokens.end <= m.tokens.start
                    && (a.tokens.end..m.tokens.start).all(|j| {
                        let t = &p.tokens[j];
                        self.grammar.coord.contains_word(&t.lower)
                            || p.token_text(j) == ","
                            || self.grammar.determiners.contains_word(&t.lower)
                    })
            };
            if !joined {
                run.clear();
            }
            if !run.contains(&m.entities[0]) {
                run.push(m.entities[0]);
            }
            if run.len() > best.len() {
                best = run.clone();
            }
        }
        if best.len() >= 3 {
            for (g, owner) in std::mem::take(&mut self.pending_groups) {
                self.mentions[g].entities =
                    best.iter().copied().filter(|&e| Some(e) != owner).collect();
            }
            self.last_list = best;
        }
    }

    fn resolve(
        &mut self,
        p: &Prepared,
        keys: &TokenKeys,
        s: usize,
        range: &Range<usize>,
        mut m: Match,
    ) -> usize {
        if m.ending.is_empty() {
            m.ending = self.hyphen_ending(p, m.end - 1);
        }
        let span =
            annals_core::Span::new(p.tokens[m.start].span.start, p.tokens[m.end - 1].span.end);
        let surface = p.slice(span).to_string();
        let mut persons: Vec<usize> = self.persons_in(&m);
        // German capitalises every noun: a surname alone must be spelled as the data spells
        // it (with a genitive -s), not merely fold alike ("Personen" is no Persson, "Dann"
        // no Dan, "Ganz" no Gantz).
        if self.lang == Lang::De && m.end - m.start == 1 {
            let spelled = annals_text::fold::translit(&surface);
            let bare = spelled.strip_suffix('s').unwrap_or(&spelled).to_string();
            persons.retain(|&x| {
                let full_name = m.targets.iter().any(|t| *t == Target::Entity(x, AliasKind::Name));
                let e = &self.kb.entities[x];
                full_name || e.surnames.iter().any(|s| *s == spelled || *s == bare)
            });
        }
        // Of bodies sharing a name ("Congress": the American one, India's party), the one
        // of the state the report names most; else the first listed.
        let bodies = self.bodies_in(&m);
        let named: Option<usize> = if bodies.len() > 1 {
            // (Towns named count for their state: "lucknow: the congress ...".)
            let weight = |b: usize| {
                let c = &self.kb.entities[b].country;
                self.mentions.iter().filter(|x| x.country.as_ref() == Some(c)).count()
                    + self
                        .entities
                        .iter()
                        .filter(|e| e.kind == "location" && e.country.as_ref() == Some(c))
                        .count()
            };
            let best = bodies.iter().copied().max_by_key(|&b| weight(b)).filter(|&b| weight(b) > 0);
            best.or(bodies.first().copied())
        } else {
            bodies.first().copied()
        };
        // "Russian" is the adjective, though it also reads as "Russia" with an ending.
        // (English names take no endings but the possessive.)
        let named = named.filter(|&n| {
            let bare = surface.trim_end_matches("'s").trim_end_matches("’s");
            self.lang != Lang::En
                || m.entity(AliasKind::Adjective) != Some(n)
                || bare.eq_ignore_ascii_case(&self.kb.entities[n].name)
        });
        let metonym = m.entity(AliasKind::Metonym);
        let capital = m.capital();
        let adjective = m.entity(AliasKind::Adjective);
        let demonym = m.entity(AliasKind::Demonym);
        let role = m.role();
        let locality = self.kb.place_of(&m, &surface);
        // Kazakh marks the place by a locative ending ("Гаагада"); "Гаагадағы сот" (the
        // court in The Hague) names the city too, but qualifies a noun that may be an actor
        // or recipient ("Түркиядағы елшісін").
        // (The grammar's locative endings; the adjectival ones end in -ғы/-гі.)
        let kk_loc = self.lang == Lang::Kk
            && self.grammar.cases.get(m.ending).is_some_and(|c| c == "loc");
        let kk_in = kk_loc && (m.ending.ends_with('ы') || m.ending.ends_with('і'));
        let kk_locative = kk_loc && !kk_in;
        // ("eastern Beirut": a part of a town is a place too.)
        // (So is the south of a state: "im Süden des Libanon", "in the south of Lebanon",
        // "на юге Ливана".)
        let compass = m.start > range.start && {
            let t = &p.tokens[m.start - 1];
            !t.cap && self.grammar.compass.contains_word(&t.lower)
        } || m.start > range.start + 1 && {
            let (part, link) = (&p.tokens[m.start - 2], &p.tokens[m.start - 1]);
            (self.grammar.determiners.contains_word(&link.lower)
                || self.grammar.prepositions.contains_word(&link.lower))
                && self.grammar.compass_parts.contains_word(&part.lower)
        };
        // English: an acronym before a noun modifies it: "agreed to US mediation" names no
        // destination.
        let modifier = self.lang == Lang::En && m.end < range.end && {
            let next = &p.tokens[m.end];
            let g = self.grammar;
            let name = p.token_text(m.start);
            m.end == m.start + 1
                && name.chars().count() <= 5
                && name.chars().all(|c| c.is_uppercase() || c == '.')
                && next.kind == TokenKind::Word
                && !next.cap
                && !g.is_function_word(&next.lower)
                && !g.prepositions.contains_word(&next.lower)
                && !g.coord.contains_word(&next.lower)
                && !g.future.contains_word(&next.lower)
                && !g.past.contains_word(&next.lower)
                && !g.relative_days.contains_key(&next.lower)
        };
        let place = compass
            || (!modifier && self.preceded_by(p, m.start, range.start, &self.grammar.destination))
            || self.continues_places(p, s, m.start)
            || kk_locative;

        // A surname alone yields to a state, capital or organisation of the same spelling
        // ("Amman" the city, not a Mr Amano).
        // So does a town after a preposition of place ("a rally in Lagos", not Mr Lagos), or
        // any town when the surname's bearer is neither named before in the report nor in
        // office on its date ("marched through Lagos", not Ricardo Lagos in 2020). A function
        // word that only looks like a surname ("Ранее", "Earlier") is none either.
        // (A surname alone in lowercase, in a caseless text, is never the person: "anand" is
        // the district, not Anita Anand.)
        let yields = !self.names_person_in_full(&m)
            && (named.is_some()
                || !p.tokens[m.start].cap
                || capital.is_some()
                || metonym.is_some()
                || (locality.is_some() && place)
                // (Without a date, an office holder's surname keeps its reading: "Bush met
                // Putin" is no town Būsh.)
                || (locality.is_some()
                    && persons.iter().all(|&x| {
                        !self.named_before(x)
                            && match self.date {
                                Some(_) => self.kb.office_on(x, self.date).is_none(),
                                None => self.kb.entities[x].offices.is_empty(),
                            }
                    }))
                || (m.end - m.start == 1
                    && self.grammar.is_function_word(&p.tokens[m.start].lower))
                // A given name before another capitalised word starts someone else's name
                // ("Герман Греф" is not Natalia Gherman), unless she was named before. So
                // does the surname of someone out of office on the report's date ("said Paz
                // Zárate" in 2018 is no Rodrigo Paz); not in German, whose nouns are
                // capitalised ("dass Putin Truppen schickt").
                || (m.end - m.start == 1
                    && m.end < range.end
                    && p.tokens[m.end].kind == TokenKind::Word
                    && p.tokens[m.end].cap
                    && !self.grammar.is_function_word(&p.tokens[m.end].lower)
                    && (self.kb.is_given_name(p.token_text(m.start))
                        || (self.lang != Lang::De
                            && self.date.is_some()
                            && persons.iter().all(|&x| self.kb.office_on(x, self.date).is_none())))
                    && persons.iter().all(|&x| !self.named_before(x))));
        let persons = if yields { Vec::new() } else { persons };
        // Full names and organisations first, then countries, then adjectives and roles.
        if !persons.is_empty() && (named.is_none() || persons.len() == 1 && m.end - m.start > 1) {
            if let Some(person) = self.pick_person(&persons, &surface) {
                let e = self.entity_for_kb(person, span);
                self.push_entity_mention(
                    s,
                    m.start..m.end,
                    MentionKind::Person,
                    e,
                    false,
                    None,
                    m.ending,
                );
            } else if let Some((country, sector)) = self
                .shared_state(&persons)
                .filter(|(c, _)| self.mentions.iter().any(|m| m.country.as_ref() == Some(c)))
            {
                // Namesakes of one state the report has named ("Castro" after "Cuba"): who
                // it is stays open (the warning says so), the state and sector do not. (Not
                // otherwise: "Park" and "Song" are words too.)
                let name = self.latin_name(p, m.start..m.end);
                let e = self.unknown_person_entity(name, span, Some(country), sector, None);
                self.push_entity_mention(s, m.start..m.end, MentionKind::Person, e, false, None, m.ending);
            }
            return m.end;
        }
        if let Some(idx) = named.or(metonym) {
            let e = self.entity_for_kb(idx, span);
            let kind = if self.kb.entities[idx].kind == Kind::Country {
                MentionKind::Country
            } else {
                MentionKind::Org
            };
            let place = place && kind == MentionKind::Country;
            let ending = self.head_ending(p, range, m.end, m.ending);
            self.push_entity_mention(s, m.start..m.end, kind, e, place, None, ending);
            if kind == MentionKind::Org {
                self.states_inside(p, keys, m.start + 1..m.end);
            }
            return m.end;
        }
        if let Some(c) = capital {
            let country = self.kb.capitals[c].country;
            if place || kk_in {
                // "in The Hague": the city is also a location of the report.
                let code = self.kb.entities[country].country.clone();
                self.add_location(self.kb.capitals[c].name.clone(), Some(code), span);
            }
            let e = self.entity_for_kb(country, span);
            let ending = self.head_ending(p, range, m.end, m.ending);
            self.push_entity_mention(
                s,
                m.start..m.end,
                MentionKind::Country,
                e,
                place,
                Some(c),
                ending,
            );
            return m.end;
        }
        // An ethnic group ("ethnic Albanians", "ethnische Serben") is no agent of the state
        // of its name: it acts for the state it lives in when the text says which ("ethnic
        // Albanians in south Serbia", "ethnic Albanian guerrillas operating in Macedonia"),
        // else for none.
        let ethnic = m.start > range.start
            && self.grammar.ethnic.contains_word(&p.tokens[m.start - 1].lower);
        if let Some(country) = adjective.or(demonym.filter(|_| role.is_none())) {
            if adjective.is_some() {
                let before = self.mentions.len();
                let end = self.adjective_phrase(p, keys, s, range, m.start, m.end, country);
                if ethnic && self.mentions.len() > before {
                    let home = self
                        .residence_state(p, keys, range, end, true)
                        .map(|c| self.kb.entities[c].country.clone());
                    for x in &mut self.mentions[before..] {
                        if x.kind == MentionKind::Role {
                            x.country = home.clone();
                        }
                    }
                }
                // "arrested 100 Palestinians": with no noun after it, a word that is also a
                // people's name is the people.
                if self.mentions.len() > before || demonym.is_none() || end > m.end {
                    return end;
                }
            }
            // A people ("die Russen", "Americans") acts for its country; a people of another
            // state's land acts for that state ("ethnic Albanians in south Serbia").
            let home = self
                .residence_state(p, keys, range, m.end, ethnic)
                .filter(|_| demonym.is_some());
            if ethnic && home.is_none() {
                // (Still a party of the clause, of no state: the speaker does not take its
                // place.)
                self.push_group_mention(s, m.start..m.end, Vec::new(), m.ending);
                return m.end;
            }
            let country = home.unwrap_or(country);
            let e = self.entity_for_kb(country, span);
            self.push_entity_mention(
                s,
                m.start..m.end,
                MentionKind::Country,
                e,
                false,
                None,
                m.ending,
            );
            return m.end;
        }
        // A place name that is also an adjective, a people or a small word of the language ("Der" for a transliterated
        // "Дьер") is the word.
        // One capitalised word inside a run of them is part of a name ("Juan Carlos"); not
        // in German, where every noun is capitalised ("die Stadt Charkiw").
        let in_name = m.end - m.start == 1 && self.lang != Lang::De && {
            let capital_word = |k: usize| {
                range.contains(&k) && p.tokens[k].kind == TokenKind::Word && p.tokens[k].cap
            };
            (m.start > range.start && capital_word(m.start - 1)) || capital_word(m.end)
        };
        let locality = locality.filter(|_| {
            persons.is_empty()
                && !in_name
                && (m.end - m.start > 1 || !self.grammar.is_function_word(&p.tokens[m.start].lower))
        });
        if let Some(l) = locality {
            // "in Cizre", "Hakkari province": the place's state, but no actor of it.
            self.mentions.push(Mention {
                sentence: s,
                tokens: m.start..m.end,
                kind: MentionKind::Country,
                entities: Vec::new(),
                country: self.kb.places[l].country.clone(),
                sector: None,
                place: true,
                capital: None,
                locality: Some(l),
                ending: m.ending,
            });
            // Listed among the report's entities as a location, not linked as an actor.
            let info = &self.kb.places[l];
            self.add_location(info.name.clone(), info.country.clone(), span);
            return m.end;
        }
        if let Some(r) = role {
            return self.role_phrase(p, keys, s, range, m.start, m.end, r, None);
        }
        m.end
    }

    #[allow(clippy::too_many_arguments)]
    fn push_entity_mention(
        &mut self,
        s: usize,
        tokens: Range<usize>,
        kind: MentionKind,
        e: usize,
        place: bool,
        capital: Option<usize>,
        ending: &'static str,
    ) {
        let ent = &self.entities[e];
        let (country, sector) = (ent.country.clone(), ent.sector.clone());
        self.mentions.push(Mention {
            sentence: s,
            tokens,
            kind,
            entities: vec![e],
            country,
            sector,
            place,
            capital,
            locality: None,
            ending,
        });
    }

    /// "der russische Außenminister (Lawrow)", "russische staatliche Nuklearkorporation
    /// Rosatom", "Chinese officials": a country adjective takes the role or name that follows
    /// within a few words; alone it names no actor.
    #[allow(clippy::too_many_arguments)]
    fn adjective_phrase(
        &mut self,
        p: &Prepared,
        keys: &TokenKeys,
        s: usize,
        range: &Range<usize>,
        start: usize,
        adj_end: usize,
        country: usize,
    ) -> usize {
        let mut k = adj_end;
        while k < range.end && k < adj_end + 4 {
            let t = &p.tokens[k];
            if t.kind == TokenKind::Punct && p.token_text(k) != "-" {
                break;
            }
            // English: a verb, an article or a preposition ends the phrase ("Russians held a
            // protest", "Georgians demonstrated outside the parliament").
            if self.lang == Lang::En
                && (past_form(self.grammar, &t.lower)
                    || self.grammar.indefinite.contains_word(&t.lower)
                    || self.grammar.determiners.contains_word(&t.lower)
                    || self.grammar.prepositions.contains_word(&t.lower))
            {
                break;
            }
            // German likewise ends it at a lowercase verb in the past or a preposition
            // ("Zehntausende Serben protestierten gegen die Regierung").
            if self.lang == Lang::De
                && !t.cap
                && (past_form(self.grammar, &t.lower) || self.grammar.prepositions.contains_word(&t.lower))
            {
                break;
            }
            let ms = self
                .kb
                .matcher
                .find_with(&p.norm.text, &p.tokens, keys, k, Some(self.lang));
            if let Some(m) = ms.into_iter().next() {
                let role = m.role();
                let is_other = m
                    .targets
                    .iter()
                    .any(|t| matches!(t, Target::Entity(_, AliasKind::Name | AliasKind::Surname)));
                if let Some(r) = role.filter(|_| !is_other) {
                    return self.role_phrase(p, keys, s, range, start, m.end, r, Some(country));
                }
                // "Sierra Leonean and Liberian refugees": coordinated adjectives share the
                // role noun after the last of them.
                let coordinated = k > adj_end
                    && (adj_end..k).all(|j| {
                        self.grammar.coord.contains_word(&p.tokens[j].lower)
                            || p.token_text(j) == ","
                    });
                let other_country = m.entity(AliasKind::Adjective);
                // "Serbian Labour Minister": a national body of another state is no body
                // here, only a word of the role phrase.
                let foreign_body = m.targets.iter().all(|t| match t {
                    Target::Entity(i, AliasKind::Name) => {
                        let e = &self.kb.entities[*i];
                        e.kind == Kind::Organization
                            && e.country != "IGO"
                            && e.country != self.kb.entities[country].country
                    }
                    _ => false,
                });
                if foreign_body && m.end == k + 1 {
                    k += 1;
                    continue;
                }
                if is_other && !(coordinated && other_country.is_some()) {
                    // "russische ... Rosatom": the name decides; the adjective only leads in.
                    return k;
                }
                if let (true, Some(second)) = (coordinated, other_country) {
                    let before = self.mentions.len();
                    let end = self.adjective_phrase(p, keys, s, range, m.start, m.end, second);
                    if self.mentions.len() > before
                        && self.mentions[before].kind == MentionKind::Role
                    {
                        let mut first = self.mentions[before].clone();
                        first.tokens = start..adj_end;
                        first.country = Some(self.kb.entities[country].country.clone());
                        self.mentions.insert(before, first);
                        return end;
                    }
                    // No role noun shared: each names its own people ("Palestinians and
                    // Israelis reached ..."), the second found after the first.
                    if self.mentions.len() == before {
                        return adj_end;
                    }
                    return end;
                }
                break;
            }
            // Only lowercase words (adjectives) may stand between; in German every noun is
            // capitalised, so a capitalised non-name ends the phrase.
            if t.cap && k > adj_end {
                break;
            }
            k += 1;
        }
        // English: "Israeli helicopters", "Palestinian suicide bombers", "Iraqi Kurds": an
        // adjective before nouns the base does not list still names a group of that state.
        // Russian, Kazakh, German: the noun right after ("на американские товары",
        // "армянские позиции", "russische Truppen") names a group of that state too.
        // A Kazakh adjective never inflects: one with a case ending is the people itself
        // ("үш палестиналықты өлтірді"), with no noun after it.
        let people = self.lang == Lang::Kk && {
            let w = &p.tokens[adj_end - 1].lower;
            self.grammar
                .cases
                .contains_key(kk_case_ending(w, self.ending_of(p, adj_end - 1)))
        };
        if self.lang != Lang::En && adj_end < range.end && !people {
            let t = &p.tokens[adj_end];
            let noun = t.kind == TokenKind::Word
                && !self.grammar.is_function_word(&t.lower)
                && (self.lang != Lang::De || t.cap);
            if noun {
                self.mentions.push(Mention {
                    sentence: s,
                    tokens: start..adj_end + 1,
                    kind: MentionKind::Role,
                    entities: Vec::new(),
                    country: Some(self.kb.entities[country].country.clone()),
                    sector: None,
                    place: false,
                    capital: None,
                    locality: None,
                    ending: self.ending_of(p, adj_end - 1),
                });
                return adj_end + 1;
            }
        }
        if self.lang == Lang::En {
            let mut k = adj_end;
            let mut head = None;
            while k < range.end
                && k < adj_end + 3
                && p.tokens[k].kind == TokenKind::Word
                && !self.grammar.prepositions.contains_word(&p.tokens[k].lower)
                && !self.grammar.coord.contains_word(&p.tokens[k].lower)
                && !self.grammar.determiners.contains_word(&p.tokens[k].lower)
                && !self.grammar.indefinite.contains_word(&p.tokens[k].lower)
                && !self.grammar.speech.contains_word(&p.tokens[k].lower)
                // A verb ends the phrase: "Palestinians reached a consensus", "Kurds protested cuts".
                && !past_form(self.grammar, &p.tokens[k].lower)
            {
                let w = &p.tokens[k].lower;
                if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("'s") {
                    head = Some(k + 1);
                    break;
                }
                k += 1;
            }
            if let Some(k) = head {
                self.mentions.push(Mention {
                    sentence: s,
                    tokens: start..k,
                    kind: MentionKind::Role,
                    entities: Vec::new(),
                    country: Some(self.kb.entities[country].country.clone()),
                    sector: None,
                    place: false,
                    capital: None,
                    locality: None,
                    ending: "",
                });
                return k;
            }
        }
        adj_end
    }

    /// A role noun: with a title and a name after it, a person ("Präsident Tokajew",
    /// "Foreign Minister Wang Yi"); otherwise an actor by role, with the country an adjective
    /// before it or a genitive after it gives ("die Regierung Kasachstans").
    #[allow(clippy::too_many_arguments)]
    fn role_phrase(
        &mut self,
        p: &Prepared,
        keys: &TokenKeys,
        s: usize,
        range: &Range<usize>,
        start: usize,
        role_end: usize,
        role: usize,
        country: Option<usize>,
    ) -> usize {
        let info = self.kb.roles[role].clone();
        // A name after the title.
        if role_end < range.end {
            let ms =
                self.kb
                    .matcher
                    .find_with(&p.norm.text, &p.tokens, keys, role_end, Some(self.lang));
            // A match that is only a place or a surname may still be someone the base
            // lacks ("President Ahmed Ben Bella").
            let mut unknown = info.title;
            let mut country = country;
            if let Some(m) = ms.into_iter().next() {
                // "King Hassan of Morocco": the state after the name narrows it as an
                // adjective before the title would.
                if country.is_none() && m.end + 1 < range.end && p.tokens[m.end].lower == "of" {
                    country = self
                        .kb
                        .matcher
                        .find_with(&p.norm.text, &p.tokens, keys, m.end + 1, Some(self.lang))
                        .into_iter()
                        .next()
                        .and_then(|n| self.state_in(&n));
                }
                if let Some(end) = self.titled_person(p, s, start, &m, country) {
                    return end;
                }
                // (Only a surname: "главы Чечни Рамзана Кадырова" has a region after the
                // title, no person.)
                unknown &= !self.persons_in(&m).is_empty()
                    && m.targets.iter().all(|t| {
                        matches!(t, Target::Place(_) | Target::Entity(_, AliasKind::Surname))
                    });
                // A country after the role: "the government of Kazakhstan" comes below.
            }
            if unknown {
                // Unknown capitalised words after a title make a person the base lacks (an
                // acronym first is the body: "директор АТОР Майя Ломидзе").
                // (A monarch's ordinal is part of the name: "Leopold II".)
                let acronym = |k: usize| {
                    let w = p.token_text(k);
                    w.chars().count() > 1
                        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                        && !annals_text::is_roman_numeral(w)
                };
                let first = if role_end + 1 < range.end && acronym(role_end) { role_end + 1 } else { role_end };
                let mut k = first;
                while k < range.end
                    && k < first + 3
                    && p.tokens[k].kind == TokenKind::Word
                    && p.tokens[k].cap
                    && !acronym(k)
                {
                    k += 1;
                }
                // German writes every noun with a capital: there a name the base lacks opens
                // with a given name or has two words ("Meng Wanzhou"); "dem Präsidenten
                // Hilfe zugesichert" names nobody.
                let named = self.lang != Lang::De
                    || k > first + 1
                    || self.kb.is_given_name(p.token_text(first));
                if k > first && named {
                    let span = annals_core::Span::new(
                        p.tokens[first].span.start,
                        p.tokens[k - 1].span.end,
                    );
                    let name = self.latin_name(p, first..k);
                    // The state of an adjective before the title, or of the body right
                    // before it, whose officer the person is ("Huaweis Finanzchefin Meng").
                    let body_before = self.body_before(p, s, start, 0);
                    let country_code = country
                        .map(|c| self.kb.entities[c].country.clone())
                        .or_else(|| body_before.and_then(|m| m.country.clone()));
                    let e = self.unknown_person_entity(
                        name,
                        span,
                        country_code,
                        Some(info.sector.clone()),
                        info.office.clone(),
                    );
                    self.push_entity_mention(s, start..k, MentionKind::Person, e, false, None, "");
                    return k;
                }
            }
        }
        // A title before an organisation or a named person of it ("Генсек ООН Антониу
        // Гутерриш", "NATO Secretary General Mark Rutte"): the names that follow decide.
        if country.is_none() && role_end < range.end {
            let next = self
                .kb
                .matcher
                .find_with(&p.norm.text, &p.tokens, keys, role_end, Some(self.lang))
                .into_iter()
                .next();
            if next.is_some_and(|n| n.targets.iter().any(|t| matches!(t, Target::Entity(i, AliasKind::Name) if self.kb.entities[*i].kind == Kind::Organization))) {
                return role_end;
            }
        }
        // The country from an adjective before, or a genitive / "of X" right after.
        let mut end = role_end;
        let mut country_code = country.map(|c| self.kb.entities[c].country.clone());
        if country_code.is_none() {
            // "Israel's high court", "Russlands Regierung": a possessive state just before.
            if let Some(prev) = self.mentions.last() {
                if prev.sentence == s
                    && prev.kind == MentionKind::Country
                    && start >= prev.tokens.end
                    && start - prev.tokens.end <= 1
                    && matches!(prev.ending, "'s" | "s" | "s'" | "'")
                {
                    country_code = prev.country.clone();
                }
            }
        }
        // Kazakh puts the possessor first ("Ресей президенті", "Қазақстанның елшісі"): a
        // state named after a role noun is no country of it ("лауазымды тұлғалары Эль
        // Сальвадор ..." lists the states the officials act on).
        if country_code.is_none() && self.lang != Lang::Kk {
            let mut k = role_end;
            if k < range.end
                && (matches!(
                    p.tokens[k].lower.as_str(),
                    "of" | "von" | "des" | "der" | "in" | "im"
                ) || self.grammar.destination.contains_word(&p.tokens[k].lower)
                    && p.tokens[k].lower.chars().count() <= 2)
            {
                k += 1;
                // "rebels in the Ivory Coast"
                if k < range.end && self.grammar.determiners.contains_word(&p.tokens[k].lower) {
                    k += 1;
                }
            }
            if k < range.end {
                let ms =
                    self.kb
                        .matcher
                        .find_with(&p.norm.text, &p.tokens, keys, k, Some(self.lang));
                if let Some(m) = ms.into_iter().next() {
                    // The state's own name before a capital of the same spelling
                    // ("России" is Russia, not Roseau cut short).
                    let c = self
                        .state_in(&m)
                        .or_else(|| m.capital().map(|c| self.kb.capitals[c].country));
                    // "security forces in Cizre": the town's state; the town stays a place
                    // of its own (the event's location).
                    // ("the Syrian city" is no town Sirjan).
                    let town = self.kb.place_of(&m, p.slice_tokens(m.start..m.end)).filter(|_| {
                        c.is_none() && k > role_end && m.entity(AliasKind::Adjective).is_none()
                    });
                    if let Some(code) = town.and_then(|pl| self.kb.places[pl].country.clone()) {
                        country_code = Some(code);
                    }
                    if let Some(c) = c {
                        let span = annals_core::Span::new(
                            p.tokens[m.start].span.start,
                            p.tokens[m.end - 1].span.end,
                        );
                        self.entity_for_kb(c, span);
                        country_code = Some(self.kb.entities[c].country.clone());
                        end = m.end;
                        // "Президент Казахстана Касым-Жомарт Токаев": a name after the
                        // genitive makes the whole phrase that person.
                        if end < range.end {
                            let next = self
                                .kb
                                .matcher
                                .find_with(&p.norm.text, &p.tokens, keys, end, Some(self.lang))
                                .into_iter()
                                .next();
                            if let Some(end) =
                                next.and_then(|pm| self.titled_person(p, s, start, &pm, None))
                            {
                                return end;
                            }
                        }
                        // "Die Außenminister Armeniens und Aserbaidschans": one role mention
                        // per coordinated state.
                        let mut k2 = end;
                        while k2 + 1 < range.end
                            && self.grammar.coord.contains_word(&p.tokens[k2].lower)
                        {
                            let mut k3 = k2 + 1;
                            if k3 < range.end
                                && self.grammar.determiners.contains_word(&p.tokens[k3].lower)
                            {
                                k3 += 1;
                            }
                            let next = self
                                .kb
                                .matcher
                                .find_with(&p.norm.text, &p.tokens, keys, k3, Some(self.lang))
                                .into_iter()
                                .next();
                            let Some(n) = next else { break };
                            let Some(c2) = self.state_in(&n) else {
                                break;
                            };
                            let span2 = annals_core::Span::new(
                                p.tokens[n.start].span.start,
                                p.tokens[n.end - 1].span.end,
                            );
                            self.entity_for_kb(c2, span2);
                            self.mentions.push(Mention {
                                sentence: s,
                                tokens: start..end,
                                kind: MentionKind::Role,
                                entities: Vec::new(),
                                country: country_code.clone(),
                                sector: Some(info.sector.clone()),
                                place: false,
                                capital: None,
                                locality: None,
                                ending: "",
                            });
                            country_code = Some(self.kb.entities[c2].country.clone());
                            end = n.end;
                            k2 = end;
                        }
                    }
                }
            }
        }
        let ending = if self.lang == Lang::Kk {
            // The role noun's own case ("дипломатты"; "президенті" is possessive, no case),
            // else the case of the noun it modifies.
            let own = kk_case_ending(&p.tokens[end - 1].lower, self.ending_of(p, end - 1));
            let own = if self.grammar.cases.contains_key(own) { own } else { "" };
            self.head_ending(p, range, end, own)
        } else {
            ""
        };
        // "der russische Außenminister" in a report of 2020: the man who held that office.
        let holder = match (&country_code, &info.office, self.date) {
            (Some(code), Some(office), Some(date)) => self.kb.holder(office, code, date),
            _ => None,
        };
        if let Some(person) = holder {
            let span =
                annals_core::Span::new(p.tokens[start].span.start, p.tokens[end - 1].span.end);
            let e = self.entity_for_kb(person, span);
            self.push_entity_mention(s, start..end, MentionKind::Person, e, false, None, ending);
            return end;
        }
        self.mentions.push(Mention {
            sentence: s,
            tokens: start..end,
            kind: MentionKind::Role,
            entities: Vec::new(),
            // A role's own default ("peacekeepers" = IGO) is not for the owner's own
            // ("withdraw their peacekeeping force from Chad").
            country: country_code.or_else(|| {
                let owned = start > 0 && self.grammar.possessive.contains_word(&p.tokens[start - 1].lower);
                info.country.clone().filter(|_| !owned)
            }),
            sector: Some(info.sector.clone()),
            place: false,
            capital: None,
            locality: None,
            ending,
        });
        end
    }

    /// Kazakh: a name without a case ending that modifies the noun after it ("Беларусь
    /// елшісін" the Belarusian ambassador-ACC, "Ресей банктеріне" to Russian banks) takes
    /// that noun's case, the case of the whole phrase. Any other mention keeps `ending`.
    fn head_ending(
        &self,
        p: &Prepared,
        range: &Range<usize>,
        end: usize,
        ending: &'static str,
    ) -> &'static str {
        if self.lang != Lang::Kk {
            return ending;
        }
        // The matcher keeps the shortest ending ("Ташкентт-е"); the case is the longer one
        // that contains it ("Ташкент-те", locative).
        if !ending.is_empty() && !self.grammar.cases.contains_key(ending) {
            let w = &p.tokens[end - 1].lower;
            let longer = kk_case_ending(w, self.ending_of(p, end - 1));
            if longer.ends_with(ending) && self.grammar.cases.contains_key(longer) {
                return longer;
            }
        }
        if !ending.is_empty() || end >= range.end {
            return ending;
        }
        let t = &p.tokens[end];
        let g = self.grammar;
        let small = [&g.agent_prep, &g.comitative, &g.between, &g.after_postpositions]
            .iter()
            .any(|set| set.contains_word(&t.lower))
            || g.content_postpositions.contains_word(&t.lower)
            || g.is_function_word(&t.lower);
        if t.kind != TokenKind::Word || t.cap || small {
            return ending;
        }
        // The head is possessed ("елші-сі-н"): its case endings begin with "н" after the
        // possessive (-сін, -сіне, -сінен, -сінің); "президенті" is the possessive alone.
        let head = self.ending_of(p, end);
        if head.starts_with('н') && g.cases.get(head).is_some_and(|c| c != "loc") {
            head
        } else {
            ending
        }
    }

    /// The organisation named right before token `at` of sentence `s` (a punctuation mark
    /// between allowed), passing over the last `skip` mentions: the body whose officer a
    /// person named there is ("главный редактор «Новой газеты» Дмитрий Муратов").
    fn body_before(&self, p: &Prepared, s: usize, at: usize, skip: usize) -> Option<&Mention> {
        self.mentions.iter().rev().nth(skip).filter(|m| {
            m.sentence == s
                && m.kind == MentionKind::Org
                && m.tokens.end <= at
                && at - m.tokens.end <= 1
                && (m.tokens.end..at).all(|k| p.tokens[k].kind == TokenKind::Punct)
        })
    }

    /// Whether the report has already named knowledge-base entity `x`.
    fn named_before(&self, x: usize) -> bool {
        self.entities.iter().any(|e| e.kb == Some(x))
    }

    /// The states and organisations match `m` names by their full names.
    fn bodies_in(&self, m: &Match) -> Vec<usize> {
        m.targets
            .iter()
            .filter_map(|t| match *t {
                Target::Entity(i, AliasKind::Name) if self.kb.entities[i].kind != Kind::Person => {
                    Some(i)
                }
                _ => None,
            })
            .collect()
    }

    /// The state match `m` names by its full name, if any.
    fn state_in(&self, m: &Match) -> Option<usize> {
        self.bodies_in(m)
            .into_iter()
            .find(|&i| self.kb.entities[i].kind == Kind::Country)
    }

    /// Whether match `m` names a person by a full name, not by a surname alone.
    fn names_person_in_full(&self, m: &Match) -> bool {
        m.targets.iter().any(|t| {
            matches!(*t, Target::Entity(i, AliasKind::Name) if self.kb.entities[i].kind == Kind::Person)
        })
    }

    /// The people a match may name.
    fn persons_in(&self, m: &Match) -> Vec<usize> {
        m.targets
            .iter()
            .filter_map(|t| match t {
                Target::Entity(i, AliasKind::Name | AliasKind::Surname)
                    if self.kb.entities[*i].kind == Kind::Person =>
                {
                    Some(*i)
                }
                _ => None,
            })
            .collect()
    }

    /// A known person named by match `m` after a title that starts at `start` ("Präsident
    /// Tokajew", "Президент Казахстана Касым-Жомарт Токаев"): pushes the person mention and
    /// returns its end; `None` when `m` names no person. A country adjective before the title
    /// narrows people who share a surname.
    fn titled_person(
        &mut self,
        p: &Prepared,
        s: usize,
        start: usize,
        m: &Match,
        country: Option<usize>,
    ) -> Option<usize> {
        let persons: Vec<usize> = self.persons_in(m);
        if persons.is_empty() {
            return None;
        }
        let span =
            annals_core::Span::new(p.tokens[m.start].span.start, p.tokens[m.end - 1].span.end);
        let surface = p.slice(span).to_string();
        let narrowed: Vec<usize> = match country {
            Some(c) => persons
                .iter()
                .copied()
                .filter(|&x| self.kb.entities[x].country == self.kb.entities[c].country)
                .collect(),
            None => persons.clone(),
        };
        // A surname alone that is someone else's: the state before the title is not the
        // known person's ("Algerian President Ahmed ..." is no Abiy Ahmed), or the name goes
        // on with capitalised words ("President Ahmed Ben Bella"; German capitalises nouns,
        // so there only the state decides). The caller then makes an unknown person.
        let surname_only = !self.names_person_in_full(m);
        // A state or body of the same spelling outranks a surname ("Министр обороны России"
        // is no Mr Rossi).
        if surname_only && !self.bodies_in(m).is_empty() {
            return None;
        }
        if surname_only {
            // (In German only after a given name: "Präsident Ahmed Ben Bella".)
            let name_goes_on = (self.lang != Lang::De
                || (m.end - m.start == 1 && self.kb.is_given_name(p.token_text(m.start))))
                && m.end < p.tokens.len()
                && p.tokens[m.end].kind == TokenKind::Word
                && p.tokens[m.end].cap
                && p.token_text(m.end).chars().skip(1).any(char::is_lowercase)
                && !self.grammar.is_function_word(&p.tokens[m.end].lower);
            if (country.is_some() && narrowed.is_empty()) || name_goes_on {
                return None;
            }
        }
        let pick = if narrowed.is_empty() {
            persons
        } else {
            narrowed
        };
        if let Some(person) = self.pick_person(&pick, &surface) {
            let e = self.entity_for_kb(person, span);
            self.push_entity_mention(
                s,
                start..m.end,
                MentionKind::Person,
                e,
                false,
                None,
                m.ending,
            );
        }
        Some(m.end)
    }

    /// "er", "his", "он": the person named last; "die beiden Führer", "the two leaders",
    /// "both countries": the last two states named.
    fn pronoun_or_group(
        &mut self,
        p: &Prepared,
        s: usize,
        range: &Range<usize>,
        i: usize,
    ) -> usize {
        let t = &p.tokens[i];
        if t.kind != TokenKind::Word {
            return i + 1;
        }
        let g = self.grammar;
        if let Some((_, n)) = g.neighbours.longest(&p.tokens, i) {
            // "Qatar and its neighbours": the last list of states, less the owner if it is
            // in that list.
            let owner = self
                .mentions
                .iter()
                .rev()
                .find(|m| m.sentence == s && m.kind == MentionKind::Country && !m.place)
                .and_then(|m| m.entities.first().copied());
            if self.last_list.len() >= 3 {
                let members: Vec<usize> =
                    self.last_list.iter().copied().filter(|&e| Some(e) != owner).collect();
                // (Its case is the last word's: Kazakh "көршілерін".)
                let ending = self.ending_of(p, i + n - 1);
                self.push_group(s, i..i + n, members, ending);
            } else if owner.is_some() {
                // Before any list ("Qatar and its neighbours" in a headline): the group
                // waits for the first list named after it; until then it names no one.
                let ending = self.ending_of(p, i + n - 1);
                self.push_group_mention(s, i..i + n, Vec::new(), ending);
                self.pending_groups.push((self.mentions.len() - 1, owner));
            }
            return i + n;
        }
        if let Some((_, n)) = g.both.longest(&p.tokens, i) {
            let mut k = i + n;
            while k < range.end && k < i + n + 3 {
                if let Some((_, ln)) = g.leaders.longest(&p.tokens, k) {
                    return self.group(s, i..k + ln);
                }
                k += 1;
            }
            return i + n;
        }
        if ARTICLES[..7].contains(&t.lower.as_str()) || t.lower == "the" {
            if let Some((_, ln)) = g.leaders.longest(&p.tokens, i + 1) {
                if i + 1 < range.end
                    && self.recent_countries(2).len() == 2
                    && p.tokens[i + 1].lower != "länder"
                {
                    return self.group(s, i..i + 1 + ln);
                }
            }
        }
        let he_she = g.pronoun_he.contains_word(&t.lower) || g.pronoun_she.contains_word(&t.lower);
        if g.pronoun_they.contains_word(&t.lower) && !he_she {
            // "they", "their", "они": the two states named last, when there are two.
            if self.recent_countries(2).len() == 2 {
                return self.group(s, i..i + 1);
            }
            return i + 1;
        }
        if g.pronoun_it.contains_word(&t.lower) {
            // "it", "its": the state or organisation named last.
            if let Some(last) = self
                .mentions
                .iter()
                .rev()
                .find(|m| matches!(m.kind, MentionKind::Country | MentionKind::Org) && !m.place)
            {
                if last.sentence + 1 >= s {
                    let mut m = last.clone();
                    m.sentence = s;
                    m.tokens = i..i + 1;
                    m.kind = MentionKind::Pronoun;
                    m.ending = "";
                    self.mentions.push(m);
                }
            }
            return i + 1;
        }
        if he_she || g.possessive.contains_word(&t.lower) {
            // The person named last, in this sentence or the two before.
            if let Some(last) = self
                .mentions
                .iter()
                .rev()
                .find(|m| matches!(m.kind, MentionKind::Person | MentionKind::Pronoun))
            {
                if last.sentence + 2 >= s {
                    let e = last.entities[0];
                    let ent = &self.entities[e];
                    self.mentions.push(Mention {
                        sentence: s,
                        tokens: i..i + 1,
                        kind: MentionKind::Pronoun,
                        entities: vec![e],
                        country: ent.country.clone(),
                        sector: ent.sector.clone(),
                        place: false,
                        capital: None,
                        locality: None,
                        ending: "",
                    });
                }
            }
        }
        i + 1
    }

    /// The case suffix a Kazakh acronym carries after a hyphen ("АҚШ-тың", "БҰҰ-ға"),
    /// which the name matcher reads past: "" for any other word.
    fn hyphen_ending(&self, p: &Prepared, k: usize) -> &'static str {
        let word = p.token_text(k);
        match word.rsplit_once('-') {
            Some((_, suffix)) if p.lang == Lang::Kk && !suffix.is_empty() => {
                let ending = self.ending_of(p, k);
                if ending == suffix.to_lowercase() {
                    ending
                } else {
                    ""
                }
            }
            _ => "",
        }
    }

    /// The case ending of a word (Russian, Kazakh), for telling subjects from objects.
    fn ending_of(&self, p: &Prepared, k: usize) -> &'static str {
        let word = p.token_text(k);
        annals_kb::inflect::stems(word)
            .into_iter()
            .skip(1)
            .max_by_key(|(_, e)| e.len())
            .map(|(_, e)| e)
            .unwrap_or("")
    }

    /// The last `n` distinct countries of actor mentions, most recent first.
    pub fn recent_countries(&self, n: usize) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for m in self.mentions.iter().rev() {
            if m.place || m.kind == MentionKind::Group {
                continue;
            }
            if let (Some(c), Some(&e)) = (&m.country, m.entities.first()) {
                if !out.iter().any(|(x, _)| x == c) {
                    out.push((c.clone(), e));
                    if out.len() == n {
                        break;
                    }
                }
            }
        }
        out
    }

    fn group(&mut self, s: usize, tokens: Range<usize>) -> usize {
        let end = tokens.end;
        let members: Vec<usize> = if self.last_list.len() >= 3 {
            self.last_list.clone()
        } else {
            self.recent_countries(2)
                .into_iter()
                .map(|(_, e)| e)
                .collect()
        };
        self.push_group(s, tokens, members, "");
        end
    }

    /// A group mention ("the two leaders", "its neighbours") of at least two entities.
    fn push_group(&mut self, s: usize, tokens: Range<usize>, members: Vec<usize>, ending: &'static str) {
        if members.len() >= 2 {
            self.push_group_mention(s, tokens, members, ending);
        }
    }

    /// Adds a group mention of `members` (empty while it waits for a list named later).
    fn push_group_mention(&mut self, s: usize, tokens: Range<usize>, members: Vec<usize>, ending: &'static str) {
        self.mentions.push(Mention {
            sentence: s,
            tokens,
            kind: MentionKind::Group,
            entities: members,
            country: None,
            sector: None,
            place: false,
            capital: None,
            locality: None,
            ending,
        });
    }
}

/// A verb in the past ("reached", "sent"), by the grammar's list and regular endings.
/// A Kazakh accusative -ты/-ті follows a voiceless consonant ("дипломат-ты", "журналист-ті");
/// after any other letter the "т" is the stem's and "-і" the possessive ("президент-і"), no
/// case. Likewise -ды/-ді follows a consonant, never a vowel. Other endings stand as given.
fn kk_case_ending(word: &str, ending: &'static str) -> &'static str {
    let before = word[..word.len() - ending.len()].chars().last();
    let fits = match ending {
        "ты" | "ті" => before.is_some_and(|c| "кқпстшфхцчщ".contains(c)),
        "ды" | "ді" => before.is_some_and(|c| !"аәеиоөұүыіуэюя".contains(c)),
        _ => true,
    };
    if fits {
        ending
    } else {
        ""
    }
}

fn past_form(grammar: &Grammar, w: &str) -> bool {
    grammar.past.contains_word(w) || grammar.past_endings.iter().any(|e| w.ends_with(e.as_str()))
}


/// A Russian surname in the nominative, given the case ending its given name shows
/// ("Муратова" after "Дмитрия": "Муратов"; "Муратовой" after "Анны": "Муратова"; an
/// instrumental "Муратовым" after "Дмитрием": "Муратов").
fn nominative_surname<'a>(w: &'a str, given_ending: &str) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    let cut = |n: usize| Cow::Borrowed(&w[..w.len() - n]);
    match given_ending {
        "а" | "я" if w.ends_with('а') || w.ends_with('я') => cut('а'.len_utf8()),
        "у" | "ю" if ["ову", "еву", "ину", "ичу"].iter().any(|x| w.ends_with(x)) => {
            cut('у'.len_utf8())
        }
        "ом" | "ем" if w.ends_with("ым") => cut("ым".len()),
        _ if ["овой", "евой", "иной"].iter().any(|x| w.ends_with(x)) => {
            Cow::Owned(format!("{}а", &w[..w.len() - "ой".len()]))
        }
        _ => Cow::Borrowed(w),
    }
}

#[cfg(test)]
mod tests {
    use super::nominative_surname;

    #[test]
    fn surnames_return_to_the_nominative_by_their_given_names_case() {
        assert_eq!(nominative_surname("Муратова", "я"), "Муратов");
        assert_eq!(nominative_surname("Муратов", ""), "Муратов");
        assert_eq!(nominative_surname("Гершковича", "а"), "Гершкович");
        assert_eq!(nominative_surname("Муратовым", "ем"), "Муратов");
        assert_eq!(nominative_surname("Муратовой", "ы"), "Муратова");
        assert_eq!(nominative_surname("Муратова", ""), "Муратова");
    }
}
