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
    /// Whether the surname alone names this person (default true). `false` for holders of
    /// short rotating offices with common surnames (San Marino's Captains Regent, "Rossi"):
    /// only their full names match.
    #[serde(default = "surname_alone_default")]
    pub surname_alone: bool,
}

fn surname_alone_default() -> bool {
    true
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
    /// The actor code when no state is named with it ("peacekeepers": IGO; "Russian
    /// peacekeepers" stay RUS).
    #[serde(default)]
    pub country: Option<String>,
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

/// Reads a places table (`kb/places/*.tsv`): `#` comment lines, a header line
/// `name country lat lon population aliases`, then one city per line, tab-separated, with
/// its aliases separated by "; ".
pub fn places_tsv(src: &str, file: &str) -> Result<Vec<Place>, crate::KbError> {
    let mut out = Vec::new();
    let mut header = false;
    for (n, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |message: String| crate::KbError::Table {
            file: file.to_string(),
            line: n + 1,
            message,
        };
        if !header {
            if cols[..] != ["name", "country", "lat", "lon", "population", "aliases"] {
                return Err(bad(
                    "the header must be: name country lat lon population aliases".into(),
                ));
            }
            header = true;
            continue;
        }
        if cols.len() != 6 {
            return Err(bad(format!("{} columns, 6 expected", cols.len())));
        }
        let num = |s: &str, what: &str| {
            s.parse::<f64>()
                .map_err(|_| bad(format!("{what} {s:?} is not a number")))
        };
        out.push(Place {
            name: cols[0].to_string(),
            kind: Some("city".into()),
            country: Some(cols[1].to_string()).filter(|c| !c.is_empty()),
            lat: Some(num(cols[2], "lat")?),
            lon: Some(num(cols[3], "lon")?),
            population: Some(num(cols[4], "population")? as u64),
            aliases: Names::List(
                cols[5]
                    .split("; ")
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            adjectives: Names::None,
            demonyms: Names::None,
        });
    }
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "# comment\nname\tcountry\tlat\tlon\tpopulation\taliases\n";

    #[test]
    fn a_places_table_reads_cities_with_aliases() {
        let src = format!("{HEADER}Kharkiv\tUKR\t49.98\t36.25\t1421125\tCharkiw; Харьков\n");
        let places = places_tsv(&src, "t.tsv").unwrap();
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].country.as_deref(), Some("UKR"));
        let aliases: Vec<&str> = places[0].aliases.iter().iter().map(|(_, n)| *n).collect();
        assert_eq!(aliases, ["Charkiw", "Харьков"]);
    }

    #[test]
    fn a_broken_places_table_names_file_and_line() {
        let wrong_header = places_tsv("name\tcountry\n", "t.tsv")
            .unwrap_err()
            .to_string();
        assert!(wrong_header.contains("t.tsv, line 1"), "{wrong_header}");
        let short = format!("{HEADER}Kharkiv\tUKR\t49.98\n");
        let err = places_tsv(&short, "t.tsv").unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("3 columns"), "{err}");
        let nan = format!("{HEADER}Kharkiv\tUKR\tnorth\t36.25\t1\t\n");
        assert!(places_tsv(&nan, "t.tsv")
            .unwrap_err()
            .to_string()
            .contains("lat"));
    }
}
