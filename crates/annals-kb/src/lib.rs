//! The actor knowledge base: states, capitals, people with their offices over time,
//! organisations and role nouns, read from `data/kb/` and `data/lang/*/roles.toml`, compiled
//! into a word-key matcher.
//!
//! [`Kb`] owns the [`Entity`] list and the [`matcher::Matcher`]; the coder consumes the base
//! only through this crate: `Kb::load` once, then `kb.matcher.find(...)` per sentence and
//! `kb.office_on(...)` for the office an actor held on the event's date.
//!
//! ```
//! use annals_kb::Kb;
//! let kb = Kb::load(&annals_core::data::DataSource::Embedded, None).unwrap();
//! let hits = kb.lookup("Tokajew", Some("2024-11-27"));
//! assert_eq!(hits[0].entity.name, "Kassym-Jomart Tokayev");
//! ```

pub mod inflect;
pub mod matcher;
pub mod schema;

use annals_core::{data::DataSource, Lang};
use matcher::{AliasKind, Match, Matcher, Target};
use schema::*;
use rayon::prelude::*;
use std::path::Path;

/// Loading the knowledge base failed.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error(transparent)]
    Data(#[from] annals_core::data::DataError),
    #[error("knowledge file {file} is not valid: {message}; fix it (schema: docs/DATA.md)")]
    Parse { file: String, message: String },
    #[error("knowledge table {file}, line {line}: {message}; fix it (format: docs/DATA.md)")]
    Table {
        file: String,
        line: usize,
        message: String,
    },
    #[error("cannot read actors file {file}: {message}")]
    UserFile { file: String, message: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Country,
    Organization,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Country => "country",
            Kind::Organization => "organization",
        }
    }
}

/// A capital (or a former name of one) of a country.
#[derive(Clone, Debug)]
pub struct CapitalInfo {
    pub name: String,
    pub country: usize,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A city, region or disputed territory (kb/places): a place events happen in.
#[derive(Clone, Debug)]
pub struct PlaceInfo {
    pub name: String,
    pub kind: String,
    /// The state's code; `None` where sovereignty is disputed.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A known actor.
#[derive(Clone, Debug)]
pub struct Entity {
    pub name: String,
    pub kind: Kind,
    /// Actor country code (ISO alpha-3, or IGO/NGO/...).
    pub country: String,
    /// Default sector (GOV for states; organisations' own; people: from their offices).
    pub sector: Option<String>,
    pub wikidata: Option<String>,
    pub offices: Vec<Office>,
    pub org_kind: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// A person's surnames as the data spells them in Latin letters, lowercase without
    /// accents ("persson", "tokajew"): where every noun is capitalised (German), a surname
    /// alone must be spelled so, not merely fold alike ("Personen" is no Persson).
    pub surnames: Vec<String>,
    /// A person's surnames as the data writes them in Cyrillic, lowercase ("джонсон"): a
    /// Cyrillic text word that is one of them is this person's, not a Latin namesake's
    /// ("Джонсона" is Boris Johnson, not Pål Jonson).
    pub cyrillic_surnames: Vec<String>,
}

/// A role noun ("Außenminister", "military", "власти").
#[derive(Clone, Debug)]
pub struct RoleInfo {
    pub sector: String,
    pub office: Option<String>,
    pub title: bool,
    pub lang: Lang,
    /// The actor code when no state is named with the role (see `schema::Role::country`).
    pub country: Option<String>,
}

/// The compiled knowledge base.
pub struct Kb {
    pub entities: Vec<Entity>,
    pub capitals: Vec<CapitalInfo>,
    pub places: Vec<PlaceInfo>,
    pub roles: Vec<RoleInfo>,
    pub matcher: Matcher,
    /// Index of each country entity by its code.
    pub by_code: std::collections::HashMap<String, usize>,
    /// Keys of given names (`kb/given-names.tsv`) and of their Cyrillic stems.
    given_names: rustc_hash::FxHashMap<String, (String, String, u8)>,
}

/// One answer of [`Kb::lookup`].
pub struct LookupHit<'a> {
    pub entity: &'a Entity,
    pub index: usize,
    pub office: Option<&'a Office>,
    pub via: AliasKind,
}

fn parse<T: serde::de::DeserializeOwned>(src: &str, file: &str) -> Result<T, KbError> {
    toml::from_str(src).map_err(|e| KbError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}

fn lang_of(tag: Option<&str>) -> Option<Lang> {
    tag.and_then(Lang::parse)
}

/// The kinds of knowledge file, each with its schema.
#[derive(Clone, Copy)]
enum FileKind {
    Countries,
    Places,
    PlaceTable,
    People,
    Orgs,
    Roles(Lang),
    GivenNames,
}

/// One knowledge file, parsed.
enum Parsed {
    Countries(CountryFile),
    Places(Vec<Place>),
    People(PeopleFile),
    Orgs(OrgFile),
    Roles(RoleFile, Lang),
    GivenNames(Vec<(String, String, String, u8)>),
}

impl FileKind {
    /// Parses `src` (the text of `file`) by this kind's schema.
    fn parse(self, src: &str, file: &str) -> Result<Parsed, KbError> {
        Ok(match self {
            FileKind::Countries => Parsed::Countries(parse(src, file)?),
            FileKind::Places => Parsed::Places(parse::<PlaceFile>(src, file)?.place),
            FileKind::PlaceTable => Parsed::Places(schema::places_tsv(src, file)?),
            FileKind::People => Parsed::People(parse(src, file)?),
            FileKind::Orgs => Parsed::Orgs(parse(src, file)?),
            FileKind::Roles(lang) => Parsed::Roles(parse(src, file)?, lang),
            FileKind::GivenNames => Parsed::GivenNames(given_name_keys(src)),
        })
    }
}

impl Kb {
    /// Loads and compiles the base from `data`, plus a user's own actors file.
    pub fn load(data: &DataSource, user_actors: Option<&Path>) -> Result<Kb, KbError> {
        // The files are parsed in parallel (rayon); the base is then built from the
        // parsed files in a fixed order, so entity numbers never depend on timing.
        let mut jobs: Vec<(FileKind, String, String)> = Vec::new();
        let mut queue = |kind: FileKind, file: String| -> Result<(), KbError> {
            if let Some(src) = data.read(&file)? {
                jobs.push((kind, file, src));
            }
            Ok(())
        };
        queue(FileKind::Countries, "kb/countries.toml".into())?;
        for file in data.list("kb/places", ".toml")? {
            queue(FileKind::Places, file)?;
        }
        // Generated gazetteers are tables: one place per line, read without a TOML parse.
        for file in data.list("kb/places", ".tsv")? {
            queue(FileKind::PlaceTable, file)?;
        }
        for file in data.list("kb/people", ".toml")? {
            queue(FileKind::People, file)?;
        }
        for file in data.list("kb", ".toml")? {
            if file.starts_with("kb/org") {
                queue(FileKind::Orgs, file)?;
            }
        }
        queue(FileKind::GivenNames, "kb/given-names.tsv".into())?;
        for lang in Lang::ALL {
            queue(
                FileKind::Roles(lang),
                format!("lang/{}/roles.toml", lang.code()),
            )?;
        }
        let parsed: Vec<Result<Parsed, KbError>> = jobs
            .par_iter()
            .map(|(kind, file, src)| kind.parse(src, file))
            .collect();
        drop(jobs);
        let mut b = Builder::default();
        for p in parsed {
            match p? {
                Parsed::Countries(f) => f.country.iter().for_each(|c| b.country(c)),
                Parsed::Places(places) => places.iter().for_each(|pl| b.place(pl)),
                Parsed::People(f) => f.person.iter().for_each(|p| b.person(p)),
                Parsed::Orgs(f) => f.org.iter().for_each(|o| b.org(o)),
                Parsed::Roles(f, lang) => f.role.iter().for_each(|r| b.role(r, lang)),
                Parsed::GivenNames(keys) => {
                    // A key keeps the spelling it was listed with, a listed Cyrillic form
                    // before a stem of one (Пётр, not the Петр- of Petra's "Петра"), a
                    // stem before a Latin spelling.
                    for (k, form, latin, rank) in keys {
                        match b.given_names.get(&k) {
                            Some((_, _, r)) if *r >= rank => {}
                            _ => {
                                b.given_names.insert(k, (form, latin, rank));
                            }
                        }
                    }
                }
            }
        }
        if let Some(path) = user_actors {
            let name = path.display().to_string();
            let src = std::fs::read_to_string(path).map_err(|e| KbError::UserFile {
                file: name.clone(),
                message: e.to_string(),
            })?;
            let f: ActorsFile = toml::from_str(&src).map_err(|e| KbError::UserFile {
                file: name,
                message: e.to_string(),
            })?;
            f.country.iter().for_each(|c| b.country(c));
            f.person.iter().for_each(|p| b.person(p));
            f.org.iter().for_each(|o| b.org(o));
            f.place.iter().for_each(|pl| b.place(pl));
        }
        Ok(b.finish())
    }

    /// The place match `m` names, written `surface` in the text: of towns whose spellings
    /// fold alike (Samarra, Samara), the one whose name is spelled so; else the first (the
    /// most populous).
    pub fn place_of(&self, m: &Match, surface: &str) -> Option<usize> {
        let spelled = annals_text::fold::translit(surface);
        let mut places = m.targets.iter().filter_map(|t| match *t {
            Target::Place(c) => Some(c),
            _ => None,
        });
        let first = places.next()?;
        std::iter::once(first)
            .chain(places)
            .find(|&c| annals_text::fold::translit(&self.places[c].name) == spelled)
            .or(Some(first))
    }

    /// The office `entity` held on `date` (`YYYY-MM-DD`; a shorter date compares by prefix),
    /// preferring heads of state and government when several overlap. Without a date: the
    /// latest office.
    pub fn office_on(&self, entity: usize, date: Option<&str>) -> Option<&Office> {
        let offices = &self.entities[entity].offices;
        let Some(date) = date else {
            return offices.iter().max_by(|a, b| a.from.cmp(&b.from));
        };
        let held: Vec<&Office> = offices
            .iter()
            .filter(|o| {
                o.from.as_deref().is_none_or(|f| f <= date)
                    && o.to
                        .as_deref()
                        .is_none_or(|t| t >= &date[..t.len().min(date.len())])
            })
            .collect();
        held.iter().copied().min_by_key(|o| office_rank(&o.role))
    }

    /// The one person who held `office` of the state `code` on `date` ("Foreign Minister" of
    /// RUS on 2020-01-01: Sergey Lavrov); `None` when nobody or several did.
    pub fn holder(&self, office: &str, code: &str, date: &str) -> Option<usize> {
        let state = &self.entities[*self.by_code.get(code)?].name;
        let role = format!("{office} of {state}");
        let mut found = self.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == Kind::Person
                && e.offices.iter().any(|o| {
                    o.role == role
                        && o.from.as_deref().is_none_or(|f| f <= date)
                        && o.to.as_deref().is_none_or(|t| t >= &date[..t.len().min(date.len())])
                })
        });
        let first = found.next()?.0;
        found.next().is_none().then_some(first)
    }

    /// Finds the actors a name refers to, best first: those holding an office on `date`
    /// first, then by kind (people, countries, organisations).
    pub fn lookup(&self, name: &str, date: Option<&str>) -> Vec<LookupHit<'_>> {
        let text = annals_text::normalise::normalise(name.trim()).text;
        let mut hits: Vec<LookupHit> = Vec::new();
        // The first name in the text: "Präsident Putin" is Putin.
        let tokens = annals_text::tokens::tokenize(&text);
        let keys = matcher::TokenKeys::new(&text, &tokens, &self.matcher);
        let first = (0..tokens.len()).find_map(|i| {
            self.matcher
                .find_with(&text, &tokens, &keys, i, None)
                .into_iter()
                .filter(|m| m.targets.iter().any(|t| matches!(t, Target::Entity(..) | Target::Capital(_))))
                .max_by_key(|m| m.end)
        });
        if let Some(m) = first {
            for t in &m.targets {
                let (idx, via) = match *t {
                    Target::Entity(i, kind) => (i, kind),
                    Target::Capital(c) => (self.capitals[c].country, AliasKind::Capital),
                    Target::Role(_) | Target::Place(_) => continue,
                };
                if hits.iter().any(|h| h.index == idx) {
                    continue;
                }
                hits.push(LookupHit {
                    entity: &self.entities[idx],
                    index: idx,
                    office: self.office_on(idx, date),
                    via,
                });
            }
        }
        // "der russische Außenminister" on a date: the person in that office, first.
        if let Some(date) = date {
            let all: Vec<matcher::Match> = (0..tokens.len())
                .flat_map(|i| self.matcher.find_with(&text, &tokens, &keys, i, None))
                .collect();
            let state = all.iter().find_map(|m| {
                m.targets.iter().find_map(|t| match *t {
                    Target::Entity(i, AliasKind::Name | AliasKind::Adjective)
                        if self.entities[i].kind == Kind::Country =>
                    {
                        Some(self.entities[i].country.as_str())
                    }
                    _ => None,
                })
            });
            let office = all
                .iter()
                .find_map(|m| m.role().and_then(|r| self.roles[r].office.as_deref()));
            if let Some(person) = state.zip(office).and_then(|(c, o)| self.holder(o, c, date)) {
                hits.retain(|h| h.index != person);
                hits.insert(
                    0,
                    LookupHit {
                        entity: &self.entities[person],
                        index: person,
                        office: self.office_on(person, Some(date)),
                        via: AliasKind::Role,
                    },
                );
                return hits;
            }
        }
        // A Cyrillic surname is first the person the data writes so ("Джонсона": Boris
        // Johnson, though Pål Jonson holds an office that year).
        let word = text.split_whitespace().last().unwrap_or("");
        let spelled: Vec<usize> = hits
            .iter()
            .filter(|h| h.entity.kind == Kind::Person && self.own_cyrillic_surname(h.index, word))
            .map(|h| h.index)
            .collect();
        hits.sort_by_key(|h| {
            (
                !spelled.is_empty() && !spelled.contains(&h.index),
                h.office.is_none() && date.is_some(),
                // A surname alone yields to a full name ("Houthis" the movement, not
                // Abdul-Malik al-Houthi), as in running text.
                h.via == AliasKind::Surname,
                h.entity.kind != Kind::Person,
                h.via != AliasKind::Name,
                // Of namesakes out of office, a member of a government before a legislator.
                h.entity.sector.as_deref() != Some("GOV"),
            )
        });
        hits
    }

    /// Whether a Cyrillic word is, in one of its case forms, a surname the data writes in
    /// Cyrillic for person `idx` ("Джонсона" for Boris Johnson).
    pub fn own_cyrillic_surname(&self, idx: usize, word: &str) -> bool {
        let own = &self.entities[idx].cyrillic_surnames;
        !own.is_empty()
            && inflect::is_cyrillic(word)
            && inflect::stems(word)
                .into_iter()
                .any(|(stem, _)| own.contains(&matcher::exact_form(stem)))
    }

    /// Whether a word is a given name ("Roberto", "Дмитрия"): with a capitalised word after
    /// it, it names a person the base may not know.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_name(word).is_some()
    }

    /// The given name a word is: its dictionary form as the list writes it, the line's
    /// Latin spelling, and the case ending the word carries ("Дмитрия": "Дмитрий",
    /// "Dmitry", "я"; "Roberto": "Roberto", "Roberto", ""). A Cyrillic word only meets the
    /// list's Cyrillic forms, and an inflected one only a form that starts with its stem
    /// ("Южной" is no Юджин, though they fold alike).
    pub fn given_name(&self, word: &str) -> Option<(&str, &str, &'static str)> {
        if self.given_names.is_empty() {
            return None;
        }
        // Russian names decline with these endings only (Дмитрия, Андрею, Анной), so an
        // adverb is not a name cut short ("Ранее" is not Ран + ее).
        const NAME_CASES: &[&str] = &["а", "я", "у", "ю", "ом", "ем", "ой", "ей", "е", "ы", "и"];
        if !inflect::is_cyrillic(word) {
            return self
                .given_names
                .get(&format!("L:{}", annals_text::fold::key(word)))
                .map(|(form, latin, _)| (form.as_str(), latin.as_str(), ""));
        }
        let plain = |w: &str| w.to_lowercase().replace('ё', "е");
        inflect::stems(word)
            .into_iter()
            .enumerate()
            .find_map(|(i, (stem, ending))| {
                let k = annals_text::fold::key(stem);
                if i > 0 && (k.chars().count() < 3 || !NAME_CASES.contains(&ending)) {
                    return None;
                }
                let (form, latin, rank) = self.given_names.get(&k)?;
                // The word itself must be a listed form ("Сам" is only the stem of Сами);
                // a stem must begin one.
                let fits = if i == 0 {
                    *rank == 2
                } else {
                    *rank > 0 && plain(form).starts_with(&plain(stem))
                };
                fits.then_some((form.as_str(), latin.as_str(), ending))
            })
    }

    /// The cities and regions a name refers to (places are no actors, so [`Kb::lookup`]
    /// leaves them out).
    pub fn lookup_places(&self, name: &str) -> Vec<&PlaceInfo> {
        let text = annals_text::normalise::normalise(name.trim()).text;
        let best = self
            .matcher
            .find_text(&text, None)
            .into_iter()
            .max_by_key(|m| m.end);
        best.map(|m| {
            m.targets
                .iter()
                .filter_map(|t| match *t {
                    Target::Place(p) => Some(&self.places[p]),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// Counts for `annals actors stats`: entities by kind, aliases by language and script.
    pub fn stats(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for kind in [Kind::Country, Kind::Person, Kind::Organization] {
            out.push((
                format!("entities: {}", kind.name()),
                self.entities.iter().filter(|e| e.kind == kind).count(),
            ));
        }
        out.push((
            "offices".into(),
            self.entities.iter().map(|e| e.offices.len()).sum(),
        ));
        out.push(("capitals (with former names)".into(), self.capitals.len()));
        for kind in ["city", "region", "disputed", "area"] {
            out.push((
                format!("places: {kind}"),
                self.places.iter().filter(|p| p.kind == kind).count(),
            ));
        }
        out.push(("role nouns".into(), self.roles.len()));
        out.extend(self.matcher.stats());
        out
    }
}

/// A surname without its Arabic article ("al-Assad" -> "Assad", "аль-Малики" -> "Малики"),
/// when it has one and at least four letters remain.
fn without_article(surname: &str) -> Option<&str> {
    const ARTICLES: &[&str] = &[
        "al", "el", "as", "ash", "ad", "an", "ar", "at", "az", "ath", "aal", "аль", "эль", "ас",
        "аш", "ад", "ан", "ар", "ат", "аз",
    ];
    let (head, rest) = surname.split_once('-')?;
    (ARTICLES.contains(&head.to_lowercase().as_str()) && rest.chars().count() >= 4).then_some(rest)
}

/// The surname of a full name with its particles ("Ursula von der Leyen" -> "von der Leyen",
/// "Marine Le Pen" -> "Le Pen"); `None` for a one-word name.
fn surname_of(name: &str) -> Option<&str> {
    const PARTICLES: &[&str] = &[
        "von", "van", "der", "den", "de", "del", "della", "di", "da", "le", "la", "al", "el",
        "bin", "ibn", "du", "ter", "zu", "dos", "das", "фон", "ван", "дер", "де", "дель", "ди",
        "да", "ле", "ла", "аль", "эль", "бен", "бин", "ибн", "дю", "дос",
    ];
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    if words.len() < 2 {
        return None;
    }
    // A monarch's ordinal is no surname ("Elizabeth II", "Елизавета Вторая", "Karl III.").
    let last = words[words.len() - 1].1.trim_end_matches('.').to_lowercase();
    const ORDINALS: &[&str] = &[
        "первый", "первая", "второй", "вторая", "третий", "третья", "четвёртый", "четвертый",
        "пятый", "шестой", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
        "xii", "xiii", "xiv", "xv", "xvi",
    ];
    if ORDINALS.contains(&last.as_str()) {
        return None;
    }
    let mut first = words.len() - 1;
    // The particles before the last word belong to the surname ("Le Maire", "Ле Мэр":
    // never "Maire" or "Мэр" alone, which is also a noun).
    while first > 0 && PARTICLES.contains(&words[first - 1].1.to_lowercase().as_str()) {
        first -= 1;
    }
    Some(&name[words[first].0..])
}

/// The Latin-letter spellings among surnames, lowercase without accents or hyphens.
fn latin_spellings(surnames: &[&str]) -> Vec<String> {
    surnames
        .iter()
        .filter(|s| !inflect::is_cyrillic(s))
        .map(|s| annals_text::fold::translit(s))
        .collect()
}

fn office_rank(role: &str) -> u8 {
    let r = role.to_lowercase();
    if r.starts_with("president")
        || r.starts_with("king")
        || r.starts_with("queen")
        || r.starts_with("emir")
        || r.starts_with("supreme leader")
        || r.starts_with("federal president")
    {
        0
    } else if r.starts_with("prime minister")
        || r.starts_with("chancellor")
        || r.starts_with("premier")
    {
        1
    } else if r.starts_with("crown prince")
        || r.contains("foreign")
        || r.contains("secretary of state")
    {
        2
    } else {
        3
    }
}

#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    capitals: Vec<CapitalInfo>,
    places: Vec<PlaceInfo>,
    roles: Vec<RoleInfo>,
    matcher: matcher::MatcherBuilder,
    by_code: std::collections::HashMap<String, usize>,
    given_names: rustc_hash::FxHashMap<String, (String, String, u8)>,
}

impl Builder {
    fn country(&mut self, c: &Country) {
        let idx = self.entities.len();
        self.entities.push(Entity {
            name: c.name.clone(),
            kind: Kind::Country,
            country: c.code.clone(),
            sector: Some("GOV".into()),
            wikidata: c.wikidata.clone(),
            offices: Vec::new(),
            org_kind: None,
            lat: c.lat,
            lon: c.lon,
            surnames: Vec::new(),
            cyrillic_surnames: Vec::new(),
        });
        self.by_code.entry(c.code.clone()).or_insert(idx);
        let t = |k| Target::Entity(idx, k);
        self.matcher.add(&c.name, None, t(AliasKind::Name));
        for (l, n) in c.names.iter() {
            self.matcher.add(n, lang_of(l), t(AliasKind::Name));
        }
        for (l, n) in c.adjectives.iter() {
            self.matcher.add(n, lang_of(l), t(AliasKind::Adjective));
        }
        for (l, n) in c.demonyms.iter() {
            self.matcher.add(n, lang_of(l), t(AliasKind::Demonym));
        }
        for (l, n) in c.metonyms.iter() {
            self.matcher.add(n, lang_of(l), t(AliasKind::Metonym));
        }
        for cap in &c.capital {
            let ci = self.capitals.len();
            self.capitals.push(CapitalInfo {
                name: cap.name.clone(),
                country: idx,
                lat: cap.lat,
                lon: cap.lon,
                from: cap.from.clone(),
                to: cap.to.clone(),
            });
            self.matcher.add(&cap.name, None, Target::Capital(ci));
            for (l, n) in cap.aliases.iter() {
                self.matcher.add(n, lang_of(l), Target::Capital(ci));
            }
        }
    }

    fn place(&mut self, pl: &Place) {
        let idx = self.places.len();
        self.places.push(PlaceInfo {
            name: pl.name.clone(),
            kind: pl.kind.clone().unwrap_or_else(|| "city".into()),
            country: pl.country.clone(),
            lat: pl.lat,
            lon: pl.lon,
        });
        self.matcher.add(&pl.name, None, Target::Place(idx));
        for (l, n) in pl.aliases.iter() {
            self.matcher.add(n, lang_of(l), Target::Place(idx));
        }
        // The people of a region are its state's people ("Chechen rebels": Russia).
        let Some(&state) = pl.country.as_ref().and_then(|c| self.by_code.get(c)) else {
            return;
        };
        for (l, n) in pl.adjectives.iter() {
            let t = Target::Entity(state, AliasKind::Adjective);
            self.matcher.add(n, lang_of(l), t);
        }
        for (l, n) in pl.demonyms.iter() {
            let t = Target::Entity(state, AliasKind::Demonym);
            self.matcher.add(n, lang_of(l), t);
        }
    }

    fn person(&mut self, p: &Person) {
        // The same person listed twice (two regional files, read in name order) is one
        // entity with both lists of offices and names, and the first Wikidata id given.
        if let Some(idx) = self
            .entities
            .iter()
            .position(|e| {
                // (Namesakes of one state stay apart by their Wikidata ids.)
                e.kind == Kind::Person
                    && e.name == p.name
                    && e.country == p.country
                    && (e.wikidata.is_none() || p.wikidata.is_none() || e.wikidata == p.wikidata)
            })
        {
            for o in &p.office {
                if !self.entities[idx]
                    .offices
                    .iter()
                    .any(|x| x.role == o.role && x.from == o.from)
                {
                    self.entities[idx].offices.push(o.clone());
                }
            }
            if self.entities[idx].wikidata.is_none() {
                self.entities[idx].wikidata = p.wikidata.clone();
            }
            let aliases: Vec<(Option<Lang>, &str)> =
                p.aliases.iter().into_iter().map(|(l, n)| (lang_of(l), n)).collect();
            self.person_names(idx, p, aliases);
            return;
        }
        let idx = self.entities.len();
        let sector = p
            .sector
            .clone()
            .or_else(|| p.office.iter().find_map(|o| o.sector.clone()));
        self.entities.push(Entity {
            name: p.name.clone(),
            kind: Kind::Person,
            country: p.country.clone(),
            sector,
            wikidata: p.wikidata.clone(),
            offices: p.office.clone(),
            org_kind: None,
            lat: None,
            lon: None,
            surnames: Vec::new(),
            cyrillic_surnames: Vec::new(),
        });
        let mut names: Vec<(Option<Lang>, &str)> = vec![(None, p.name.as_str())];
        names.extend(p.aliases.iter().into_iter().map(|(l, n)| (lang_of(l), n)));
        self.person_names(idx, p, names);
    }

    /// Indexes `names` of person `idx` (listed as `p`): each as a full name, and the
    /// surnames they yield.
    fn person_names(&mut self, idx: usize, p: &Person, names: Vec<(Option<Lang>, &str)>) {
        let mut surnames: Vec<&str> = Vec::new();
        // Surnames with their particles: "von der Leyen", "Le Pen", "al-Assad" stays whole.
        // Chinese and Korean names put the family name first ("Xi Jinping" is Mr Xi).
        let family_first = matches!(
            p.country.as_str(),
            "CHN" | "TWN" | "HKG" | "MAC" | "PRK" | "KOR"
        );
        for (l, n) in names {
            self.matcher.add(n, l, Target::Entity(idx, AliasKind::Name));
            if family_first {
                // A Latin alias in Western order ("William Lai") puts no family name first:
                // its first word must be the canonical family name.
                let canonical = p.name.split_whitespace().next().map(annals_text::fold::key);
                if let Some(family) = n.split_whitespace().nth(1).and(n.split_whitespace().next()) {
                    let western = !inflect::is_cyrillic(family)
                        && family.is_ascii()
                        && Some(annals_text::fold::key(family)) != canonical;
                    if !western
                        && !surnames.contains(&family)
                        && family.chars().all(char::is_alphabetic)
                    {
                        surnames.push(family);
                    }
                }
                continue;
            }
            if let Some(surname) = surname_of(n) {
                // News also drop the Arabic article: "al-Assad" is "Assad", "el-Sisi" "Sisi".
                for s in [Some(surname), without_article(surname)].into_iter().flatten() {
                    if !surnames.contains(&s) && s.chars().count() >= 3 {
                        surnames.push(s);
                    }
                }
            }
        }
        for s in latin_spellings(&surnames) {
            if !self.entities[idx].surnames.contains(&s) {
                self.entities[idx].surnames.push(s);
            }
        }
        for s in surnames.iter().filter(|s| inflect::is_cyrillic(s)) {
            // (As written, lowercase: keys would fold "Йонсон" and "Джонсон" together.)
            let k = matcher::exact_form(s);
            if !self.entities[idx].cyrillic_surnames.contains(&k) {
                self.entities[idx].cyrillic_surnames.push(k);
            }
        }
        for s in surnames.into_iter().filter(|_| p.surname_alone) {
            self.matcher
                .add(s, None, Target::Entity(idx, AliasKind::Surname));
        }
    }

    fn org(&mut self, o: &Org) {
        let idx = self.entities.len();
        self.entities.push(Entity {
            name: o.name.clone(),
            kind: Kind::Organization,
            country: o.country.clone(),
            sector: o.sector.clone(),
            wikidata: o.wikidata.clone(),
            offices: Vec::new(),
            org_kind: o.kind.clone(),
            lat: None,
            lon: None,
            surnames: Vec::new(),
            cyrillic_surnames: Vec::new(),
        });
        self.matcher
            .add(&o.name, None, Target::Entity(idx, AliasKind::Name));
        for (l, n) in o.aliases.iter() {
            self.matcher
                .add(n, lang_of(l), Target::Entity(idx, AliasKind::Name));
            if lang_of(l) == Some(Lang::De) {
                for v in inflect::german_adjective_variants(n) {
                    self.matcher
                        .add(&v, Some(Lang::De), Target::Entity(idx, AliasKind::Name));
                }
            }
        }
    }

    fn role(&mut self, r: &Role, lang: Lang) {
        let idx = self.roles.len();
        self.roles.push(RoleInfo {
            sector: r.sector.clone(),
            office: r.office.clone(),
            title: r.title,
            lang,
            country: r.country.clone(),
        });
        for f in &r.forms {
            self.matcher.add(f, Some(lang), Target::Role(idx));
        }
    }

    fn finish(self) -> Kb {
        Kb {
            entities: self.entities,
            capitals: self.capitals,
            places: self.places,
            roles: self.roles,
            matcher: self.matcher.build(),
            by_code: self.by_code,
            given_names: self.given_names,
        }
    }
}

/// The keys of the given names in `src` (`kb/given-names.tsv`: a name, a tab, its other
/// spellings separated by "; "), with the stems of Cyrillic dictionary forms (Дмитрий ->
/// Дмитри, so that Дмитрия meets it).
/// The keys of the given-name list, each with the spelling it stands for, the line's Latin
/// spelling and its rank: a Cyrillic form as listed (2), a stem of one (1), a Latin
/// spelling (0, which stands for the line's first, Latin spelling).
fn given_name_keys(src: &str) -> Vec<(String, String, String, u8)> {
    let mut out = Vec::new();
    for line in src.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (first, rest) = line.split_once('\t').unwrap_or((line, ""));
        let latin = first.trim().to_string();
        for name in std::iter::once(first).chain(rest.split(';')).map(str::trim) {
            if name.is_empty() {
                continue;
            }
            if inflect::is_cyrillic(name) {
                out.push((annals_text::fold::key(name), name.to_string(), latin.clone(), 2));
                out.extend(inflect::dictionary_stems(name).into_iter().map(|stem| {
                    (annals_text::fold::key(stem), name.to_string(), latin.clone(), 1)
                }));
            } else {
                // (Latin spellings are kept apart, under "L:": a Latin word only meets
                // those, so "Denn" meets no Cyrillic Дэн.)
                let key = format!("L:{}", annals_text::fold::key(name));
                out.push((key, latin.clone(), latin.clone(), 0));
            }
        }
    }
    out.retain(|(k, ..)| k.trim_start_matches("L:").chars().count() >= 3);
    out
}

#[cfg(test)]
mod tests {
    use super::{surname_of, without_article};

    #[test]
    fn surnames_keep_their_particles() {
        assert_eq!(surname_of("Ursula von der Leyen"), Some("von der Leyen"));
        assert_eq!(surname_of("Бруно Ле Мэр"), Some("Ле Мэр"));
        assert_eq!(surname_of("Ле Мэр"), Some("Ле Мэр"));
        assert_eq!(surname_of("Olaf Scholz"), Some("Scholz"));
        assert_eq!(surname_of("Putin"), None);
        assert_eq!(surname_of("Елизавета Вторая"), None);
        assert_eq!(surname_of("Charles III"), None);
        assert_eq!(without_article("al-Assad"), Some("Assad"));
        assert_eq!(without_article("аль-Малики"), Some("Малики"));
        assert_eq!(without_article("Kassym-Jomart"), None);
    }
}
