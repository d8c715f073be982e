//! A language's grammar word lists (`data/lang/<lang>/grammar.toml`), compiled for matching.
//!
//! The file is read leniently: a missing key is an empty list, so a new language can start
//! with a few lists and grow.

use crate::wordset::WordSet;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Word patterns (exact, `stem*`, multi-word) that each stand for a number: weekdays, day
/// offsets ("gestern" = -1, "last night" = -1), periods ("last week" = -1).
#[derive(Clone, Debug, Default)]
pub struct Keyed {
    index: WordSet,
    values: Vec<i64>,
}

impl Keyed {
    /// Compiles (pattern, value) pairs.
    pub fn new(pairs: impl IntoIterator<Item = (String, i64)>) -> Keyed {
        let (forms, values): (Vec<String>, Vec<i64>) = pairs.into_iter().unzip();
        Keyed {
            index: WordSet::new(forms),
            values,
        }
    }

    /// The value of the longest pattern at token `i`, and how many tokens it takes.
    pub fn at(&self, tokens: &[crate::Token], i: usize) -> Option<(i64, usize)> {
        self.index
            .longest(tokens, i)
            .map(|(id, n)| (self.values[id], n))
    }

    /// The value of one lowercase word, if it is a one-word pattern.
    pub fn at_word(&self, word: &str) -> Option<i64> {
        self.index.id_of_word(word).map(|id| self.values[id])
    }

    /// Whether one lowercase word is a one-word pattern.
    pub fn contains_word(&self, word: &str) -> bool {
        self.index.contains_word(word)
    }
}

fn keyed_lists(v: Option<&toml::Value>, base: i64) -> Keyed {
    let items: Vec<toml::Value> = match v {
        Some(toml::Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    Keyed::new(items.iter().enumerate().flat_map(|(k, item)| {
        strings(Some(item))
            .into_iter()
            .map(move |f| (f.trim_end_matches('.').to_string(), k as i64 + base))
    }))
}

fn keyed_table(v: Option<&toml::Value>) -> Keyed {
    let mut pairs = Vec::new();
    if let Some(toml::Value::Table(t)) = v {
        for (k, val) in t {
            if let Some(x) = val
                .as_integer()
                .or_else(|| val.as_float().map(|f| f as i64))
            {
                pairs.push((k.clone(), x));
            }
        }
    }
    Keyed::new(pairs)
}

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
    /// A part of a place ("eastern Beirut", "im ostukrainischen Charkiw", "в восточном
    /// Бейруте"): the town after it is where something happens, not a government.
    pub compass: WordSet,
    /// Nouns of a part of a place before an article or a preposition ("im Süden des
    /// Libanon", "in the south of Lebanon"): the place after them is where something happens.
    pub compass_parts: WordSet,
    /// "ethnic", "ethnische", "этнические": a people's name after one is an ethnic group,
    /// no agent of the state of that name.
    pub ethnic: WordSet,
    pub clause_break: WordSet,
    /// Words that open the complement of a verb of saying ("that", "dass", "что").
    pub complementizers: WordSet,
    /// Relative pronouns in the subject case ("который", "which"): a clause they open takes
    /// the last name before it as its subject.
    pub relative: WordSet,
    pub speech: WordSet,
    pub pronoun_he: WordSet,
    pub pronoun_she: WordSet,
    pub pronoun_they: WordSet,
    pub pronoun_it: WordSet,
    pub both: WordSet,
    pub leaders: WordSet,
    /// Words that tie a role to the body after it: "Sprecher des Außenministeriums", "a
    /// spokesman for the ministry" (the role takes the body's state).
    pub role_links: WordSet,
    /// "its neighbours", "соседи": the states of the last list named together.
    pub neighbours: WordSet,
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
    /// Prepositions before what a complaint or protest is about ("over", "about"): the state
    /// of that act is its recipient ("complained to the UN over Israeli raids").
    pub topic_preps: WordSet,
    /// Prepositions before the reason or topic of an act ("sanctions for its support of",
    /// "in protest of the arrest", "jailed on allegations of"): a noun trigger after one,
    /// following another trigger of its clause, is what that act is about, not an event.
    pub cause_preps: WordSet,
    /// Prepositions before the charge someone is held, wanted or tried on ("on treason
    /// charges", "unter dem Vorwurf", "по обвинению"): an accusation noun after one is that
    /// charge, not an accusation the report tells of.
    pub charge_preps: WordSet,
    /// Prepositions of the time or occasion of an act ("during", "während", "во время"): a
    /// noun trigger after one is an event of its own, not the content of the act before it.
    pub during_preps: WordSet,
    /// Nouns naming a part of a group before "of" ("a member of the Syrian parliament",
    /// "a group of Chechen refugees"): the name after "of" heads the phrase.
    pub partitives: WordSet,
    /// Verbs of saying that are acts of their own ("protested", "charged", "complained"): in
    /// a closing attribution ("..., a rights group protested") they cut it off as a speech
    /// tag does, and the act is directed at what the words before it are about.
    pub speech_acts: WordSet,
    /// Verbs that carry out or phase an act named by a noun ("completed the withdrawal",
    /// "began the exercises"): the definite noun after one is a new event, not a reference.
    pub aspect_verbs: WordSet,
    /// Words before a noun trigger that put it in the past ("nach den ... Sanktionen").
    pub after_words: WordSet,
    /// Words before a date that make it the start of a state still holding ("seit Dezember",
    /// "since December"): with a verb not in the past, the event is ongoing, not historical.
    pub since: WordSet,
    /// Postpositions after a noun trigger that put it in the past ("келіссөздерден кейін").
    pub after_postpositions: WordSet,
    /// Words that make a definite noun phrase ("die", "the", "этот").
    pub determiners: WordSet,
    /// Lowercase abbreviations without their final dot ("z. b", "dr", "г").
    pub abbreviations: Vec<String>,
    /// Lowercase month forms -> month number 1..=12.
    pub months: HashMap<String, u32>,
    /// Lowercase weekday forms -> 0 (Monday) ..= 6.
    pub weekdays: HashMap<String, u32>,
    pub relative_days: HashMap<String, i64>,
    /// Weekday forms (stems and multi-word forms too) -> 0 (Monday) ..= 6.
    pub weekday_words: Keyed,
    /// Month forms -> 1 ..= 12.
    pub month_words: Keyed,
    /// `relative_days` compiled: "gestern" = -1, "am Vortag" = -1, "last night" = -1.
    pub day_offsets: Keyed,
    /// "this week" = 0, "last week" = -1, "на прошлой неделе" = -1.
    pub week_offsets: Keyed,
    /// "this month" = 0, "last month" = -1.
    pub month_offsets: Keyed,
    /// "this year" = 0, "last year" = -1, "биыл" = 0.
    pub year_offsets: Keyed,
    /// Words of "ago" before the count ("vor drei Jahren") and after the unit ("three years
    /// ago", "три года назад", "үш жыл бұрын").
    pub ago_before: WordSet,
    pub ago_after: WordSet,
    /// Words of a period -> its length in days (day 1, week 7, month 30, year 365).
    pub period_units: Keyed,
    /// Small numbers written as words ("drei", "three", "три", "үш") -> their value.
    pub counts: Keyed,
    /// Words that put a clause in the past: auxiliaries ("hatte", "had", "был") and
    /// irregular past forms ("traf", "met").
    pub past: WordSet,
    /// Endings of past-tense verbs ("-te", "-ed", "-ла", "-ды").
    pub past_endings: Vec<String>,
    /// Endings that always make a short passive participle ("-ован", "убит"): the clause is
    /// passive without an auxiliary.
    pub participle_endings: Vec<String>,
    /// Endings of short passive participles that need a passive auxiliary before them
    /// ("был подписан", "будет введена").
    pub short_participle_endings: Vec<String>,
    /// Lowercase words inside a multi-word proper name ("of", "for", "the" in "Centre for
    /// the Study of Terrorism").
    pub name_inner: WordSet,
    /// Endings of infinitives ("-ть", "-ти", "-чь"): a modal's reach extends past one to its
    /// object ("может провести очередное испытание").
    pub infinitive_endings: Vec<String>,
    pub quantity_qualifiers: BTreeMap<String, String>,
    pub number_words: HashMap<String, f64>,
    pub units: HashMap<String, String>,
    /// Endings that make a number word a duration ("fünf|jährig", "пяти|летн") -> unit.
    pub unit_compounds: Vec<(String, String)>,
    /// Case endings of names -> grammatical case (Russian, Kazakh).
    pub cases: HashMap<String, String>,
    /// Postpositions after a trigger noun that make it what a later verb is about (Kazakh
    /// "туралы", "үшін": "атысты тоқтату туралы ұсынысынан бас тартты").
    pub content_postpositions: WordSet,
    /// Postpositions of cause or purpose after a trigger ("қолдағаны үшін" for supporting,
    /// "қатысу үшін" in order to attend): the act is a reason given, not a report.
    pub cause_postpositions: WordSet,
    /// Refusals to comment ("declined to comment", "отказался комментировать"): the acts
    /// named in their clause are only the topic of the unanswered question.
    pub no_comment: WordSet,
    /// Verbs and phrases of hoping and expecting ("надеются", "выразил надежду",
    /// "рассчитывает"): what the that-clause after one hopes for has not happened.
    pub hope: WordSet,
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
            || self.day_offsets.contains_word(lower)
            || self.weekday_words.contains_word(lower)
            || self.month_words.contains_word(lower)
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
            compass: set("compass"),
            compass_parts: set("compass_parts"),
            ethnic: set("ethnic"),
            clause_break: set("clause_break"),
            complementizers: set("complementizers"),
            relative: set("relative"),
            speech: set("speech"),
            pronoun_he: set("pronoun_he"),
            pronoun_she: set("pronoun_she"),
            pronoun_they: set("pronoun_they"),
            pronoun_it: set("pronoun_it"),
            both: set("both"),
            leaders: set("leaders"),
            role_links: set("role_links"),
            neighbours: set("neighbours"),
            coord: set("coord"),
            possessive: set("possessive"),
            obligation: set("obligation"),
            unless: set("unless"),
            reported_future: set("reported_future"),
            prepositions: set("prepositions"),
            recipient_preps: set("recipient_prepositions"),
            topic_preps: set("topic_prepositions"),
            cause_preps: set("cause_prepositions"),
            charge_preps: set("charge_prepositions"),
            during_preps: set("during_prepositions"),
            partitives: set("partitives"),
            speech_acts: set("speech_acts"),
            aspect_verbs: set("aspect_verbs"),
            after_words: set("after_words"),
            since: set("since"),
            after_postpositions: set("after_postpositions"),
            determiners: set("determiners"),
            abbreviations: strings(v.get("abbreviations"))
                .iter()
                .map(|a| crate::tokens::lower(a.trim_end_matches('.')))
                .collect(),
            months,
            weekdays: indexed_lists(v.get("weekdays")),
            weekday_words: keyed_lists(v.get("weekdays"), 0),
            month_words: keyed_lists(v.get("months"), 1),
            day_offsets: keyed_table(v.get("relative_days")),
            week_offsets: keyed_table(v.get("relative_weeks")),
            month_offsets: keyed_table(v.get("relative_months")),
            year_offsets: keyed_table(v.get("relative_years")),
            ago_before: set("ago_before"),
            ago_after: set("ago_after"),
            period_units: keyed_table(v.get("period_units")),
            counts: keyed_table(v.get("counts")),
            past: set("past"),
            participle_endings: strings(v.get("participle_endings")),
            short_participle_endings: strings(v.get("short_participle_endings")),
            name_inner: set("name_inner"),
            infinitive_endings: strings(v.get("infinitive_endings")),
            past_endings: strings(v.get("past_endings"))
                .iter()
                .map(|e| crate::tokens::lower(e))
                .collect(),
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
            unit_compounds: table(v.get("unit_compounds"), |x| x.as_str().map(str::to_string)),
            cases: table(v.get("cases"), |x| x.as_str().map(str::to_string)),
            content_postpositions: set("content_postpositions"),
            cause_postpositions: set("cause_postpositions"),
            no_comment: set("no_comment"),
            hope: set("hope"),
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
