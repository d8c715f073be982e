//! A language's grammar word lists (`data/lang/<lang>/grammar.toml`), compiled for matching.
//!
//! The file is read leniently: a missing key is an empty list, so a new language can start
//! with a few lists and grow.

use crate::wordset::WordSet;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// A grammar file that is not valid TOML.
#[derive(Debug, thiserror::Error)]
#[error("grammar file {file} is not valid TOML: {message}; fix the file (schema: docs/DATA.md)")]
pub struct GrammarError {
    pub file: String,
    pub message: String,
}

/// The compiled word lists of one language.
#[derive(Clone, Debug, Default)]
pub struct Grammar {
    pub negation: WordSet,
    pub future: WordSet,
    pub intent: WordSet,
    pub hypothetical: WordSet,
    pub historical: WordSet,
    pub passive_aux: WordSet,
    pub agent_prep: WordSet,
    pub comitative: WordSet,
    /// "between", "zwischen", "между": the parties of a mutual act follow.
    pub between: WordSet,
    /// Indefinite articles ("a", "ein"): with `determiners`, what marks a noun.
    pub indefinite: WordSet,
    pub destination: WordSet,
    pub clause_break: WordSet,
    /// Words that open the complement of a verb of saying ("that", "dass", "что").
    pub complementizers: WordSet,
    pub speech: WordSet,
    pub pronoun_he: WordSet,
    pub pronoun_she: WordSet,
    pub pronoun_they: WordSet,
    pub pronoun_it: WordSet,
    pub both: WordSet,
    pub leaders: WordSet,
    pub coord: WordSet,
    pub possessive: WordSet,
    /// Modal verbs of obligation ("must"): in reported speech they make a demand.
    pub obligation: WordSet,
    /// Words that make a promised act a threat ("unless", "or face").
    pub unless: WordSet,
    /// Modals that in reported speech mean the future of the past ("would", "würde").
    pub reported_future: WordSet,
    /// Prepositions: a name after one is never a subject.
    pub prepositions: WordSet,
    /// Prepositions that mark a recipient ("gegen", "against", "против", "with").
    pub recipient_preps: WordSet,
    /// Words before a noun trigger that put it in the past ("nach den ... Sanktionen").
    pub after_words: WordSet,
    /// Words that make a definite noun phrase ("die", "the", "этот").
    pub determiners: WordSet,
    /// Lowercase abbreviations without their final dot ("z. b", "dr", "г").
    pub abbreviations: Vec<String>,
    /// Lowercase month forms -> month number 1..=12.
    pub months: HashMap<String, u32>,
    /// Lowercase weekday forms -> 0 (Monday) ..= 6.
    pub weekdays: HashMap<String, u32>,
    pub relative_days: HashMap<String, i64>,
    pub quantity_qualifiers: BTreeMap<String, String>,
    pub number_words: HashMap<String, f64>,
    pub units: HashMap<String, String>,
    /// Case endings of names -> grammatical case (Russian, Kazakh).
    pub cases: HashMap<String, String>,
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    if let Some(v) = v {
        walk(v, &mut out);
    }
    out
}

fn indexed_lists(v: Option<&toml::Value>) -> HashMap<String, u32> {
    let mut out = HashMap::default();
    let items: Vec<toml::Value> = match v {
        Some(toml::Value::Array(a)) => a.clone(),
        Some(toml::Value::Table(t)) => t.values().cloned().collect(),
        _ => Vec::new(),
    };
    for (k, item) in items.iter().enumerate() {
        for form in strings(Some(item)) {
            out.insert(crate::tokens::lower(form.trim_end_matches('.')), k as u32);
        }
    }
    out
}

fn table<T, M: Default + Extend<(String, T)>>(
    v: Option<&toml::Value>,
    conv: impl Fn(&toml::Value) -> Option<T>,
) -> M {
    let mut out = M::default();
    if let Some(toml::Value::Table(t)) = v {
        for (k, val) in t {
            if let Some(x) = conv(val) {
                out.extend(std::iter::once((crate::tokens::lower(k), x)));
            }
        }
    }
    out
}

impl Grammar {
    /// Whether a lowercase word is one of the language's function words (a capitalised one
    /// at the start of a sentence is not a name: "Ранее", "Earlier").
    pub fn is_function_word(&self, lower: &str) -> bool {
        [
            &self.historical,
            &self.future,
            &self.intent,
            &self.hypothetical,
            &self.negation,
            &self.clause_break,
            &self.coord,
            &self.prepositions,
            &self.determiners,
            &self.speech,
        ]
        .iter()
        .any(|set| set.contains_word(lower))
            || self.relative_days.contains_key(lower)
            || self.weekdays.contains_key(lower)
            || self.months.contains_key(lower)
    }

    /// Parses a grammar file; `file` names it in errors.
    pub fn parse(source: &str, file: &str) -> Result<Grammar, GrammarError> {
        let v: toml::Table = toml::from_str(source).map_err(|e| GrammarError {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let set = |k: &str| WordSet::new(strings(v.get(k)));
        let mut months = indexed_lists(v.get("months"));
        months.values_mut().for_each(|m| *m += 1);
        Ok(Grammar {
            negation: set("negation"),
            future: set("future"),
            intent: set("intent"),
            hypothetical: set("hypothetical"),
            historical: set("historical"),
            passive_aux: set("passive_aux"),
            agent_prep: set("agent_prep"),
            comitative: set("comitative"),
            between: set("between"),
            indefinite: set("indefinite"),
            destination: set("destination"),
            clause_break: set("clause_break"),
            complementizers: set("complementizers"),
            speech: set("speech"),
            pronoun_he: set("pronoun_he"),
            pronoun_she: set("pronoun_she"),
            pronoun_they: set("pronoun_they"),
            pronoun_it: set("pronoun_it"),
            both: set("both"),
            leaders: set("leaders"),
            coord: set("coord"),
            possessive: set("possessive"),
            obligation: set("obligation"),
            unless: set("unless"),
            reported_future: set("reported_future"),
            prepositions: set("prepositions"),
            recipient_preps: set("recipient_prepositions"),
            after_words: set("after_words"),
            determiners: set("determiners"),
            abbreviations: strings(v.get("abbreviations"))
                .iter()
                .map(|a| crate::tokens::lower(a.trim_end_matches('.')))
                .collect(),
            months,
            weekdays: indexed_lists(v.get("weekdays")),
            relative_days: table(v.get("relative_days"), |x| {
                x.as_integer().or_else(|| x.as_float().map(|f| f as i64))
            }),
            quantity_qualifiers: table(v.get("quantity_qualifiers"), |x| {
                x.as_str().map(str::to_string)
            }),
            number_words: table(v.get("number_words"), |x| {
                x.as_float()
                    .or_else(|| x.as_integer().map(|i| i as f64))
                    .filter(|f| *f > 0.0)
            }),
            units: table(v.get("units"), |x| x.as_str().map(str::to_string)),
            cases: table(v.get("cases"), |x| x.as_str().map(str::to_string)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_tables_are_read_leniently() {
        let g = Grammar::parse(
            "negation = [\"nicht\", \"kein*\"]\nmonths = [[\"Januar\", \"Jan.\"], [\"Februar\"]]\n[relative_days]\ngestern = -1\n",
            "test",
        )
        .unwrap();
        assert!(g.negation.contains_word("keine"));
        assert_eq!(g.months.get("jan"), Some(&1));
        assert_eq!(g.months.get("februar"), Some(&2));
        assert_eq!(g.relative_days.get("gestern"), Some(&-1));
        assert!(g.future.is_empty());
    }

    #[test]
    fn a_broken_file_is_named_in_the_error() {
        let e = Grammar::parse("negation = [", "de/grammar.toml").unwrap_err();
        assert!(e.to_string().contains("de/grammar.toml"));
    }
}
