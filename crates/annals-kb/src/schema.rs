//! The schema of the knowledge files (`data/kb/*.toml`, `data/lang/*/roles.toml`), as
//! documented in docs/DATA.md. Lenient where authors differ harmlessly: aliases may be a list
//! or a table by language.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Names given either as one list or as lists by language (`en = [...]`, `de = [...]`).
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(untagged)]
pub enum Names {
    #[default]
    None,
    List(Vec<String>),
    ByLang(BTreeMap<String, NamesOrOne>),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum NamesOrOne {
    One(String),
    Many(Vec<String>),
}

impl Names {
    /// Every name with the language it is given for (`None` for an untagged list).
    pub fn iter(&self) -> Vec<(Option<&str>, &str)> {
        match self {
            Names::None => Vec::new(),
            Names::List(v) => v.iter().map(|s| (None, s.as_str())).collect(),
            Names::ByLang(m) => m
                .iter()
                .flat_map(|(l, v)| {
                    let l = Some(l.as_str());
                    match v {
                        NamesOrOne::One(s) => vec![(l, s.as_str())],
                        NamesOrOne::Many(v) => v.iter().map(|s| (l, s.as_str())).collect(),
                    }
                })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Default)]
pub struct CountryFile {
    #[serde(default)]
    pub country: Vec<Country>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Country {
    pub code: String,
    #[serde(default)]
    pub iso2: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub names: Names,
    #[serde(default)]
    pub adjectives: Names,
    #[serde(default)]
    pub demonyms: Names,
    #[serde(default)]
    pub metonyms: Names,
    #[serde(default)]
    pub capital: Vec<Capital>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Capital {
    pub name: String,
    #[serde(default)]
    pub aliases: Names,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Default)]
pub struct PeopleFile {
    #[serde(default)]
    pub person: Vec<Person>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub wikidata: Option<String>,
    pub country: String,
    #[serde(default)]
    pub aliases: Names,
    #[serde(default)]
    pub office: Vec<Office>,
    #[serde(default)]
    pub sector: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Office {
    pub role: String,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Default)]
pub struct OrgFile {
    #[serde(default)]
    pub org: Vec<Org>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Org {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub country: String,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    #[serde(default)]
    pub aliases: Names,
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Default)]
pub struct RoleFile {
    #[serde(default)]
    pub role: Vec<Role>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Role {
    pub forms: Vec<String>,
    pub sector: String,
    #[serde(default)]
    pub office: Option<String>,
    #[serde(default)]
    pub title: bool,
}

#[derive(Clone, Debug, Deserialize, Default)]
pub struct PlaceFile {
    #[serde(default)]
    pub place: Vec<Place>,
}

/// A city, region or disputed territory: where an event happens, never an actor itself.
/// Its adjectives and demonyms ("Chechen", "Uyghurs") name its state's people.
#[derive(Clone, Debug, Deserialize)]
pub struct Place {
    pub name: String,
    /// city, region, disputed or area.
    #[serde(default)]
    pub kind: Option<String>,
    /// The state it belongs to; absent when sovereignty is disputed.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub aliases: Names,
    #[serde(default)]
    pub adjectives: Names,
    #[serde(default)]
    pub demonyms: Names,
}

/// A user's own actors file: any of the sections above in one file.
#[derive(Clone, Debug, Deserialize, Default)]
pub struct ActorsFile {
    #[serde(default)]
    pub country: Vec<Country>,
    #[serde(default)]
    pub person: Vec<Person>,
    #[serde(default)]
    pub org: Vec<Org>,
    #[serde(default)]
    pub place: Vec<Place>,
}
