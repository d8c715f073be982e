//! Inflectional endings of names, adjectives and nouns, stripped so that "Putins", "Путина",
//! "kasachischen" and "Қазақстанның" find "Putin", "Путин", "kasachisch" and "Қазақстан".
//!
//! Endings are tried on the word as written (before transliteration). Every candidate stem
//! keeps at least four characters in Latin script and three in Cyrillic.

/// German and English endings (`'s` for English possessives, the German adjective and noun
/// endings).
const LATIN: &[&str] = &[
    "'s", "s'", "'", "s", "es", "n", "en", "e", "er", "em", "ern", "ns", "ens",
];

/// Russian and Kazakh case and number endings (nouns and adjectives).
const CYRILLIC: &[&str] = &[
    // Russian
    "а",
    "я",
    "у",
    "ю",
    "е",
    "ы",
    "и",
    "о",
    "ь",
    "й",
    "ом",
    "ем",
    "ём",
    "ой",
    "ей",
    "ою",
    "ею",
    "ам",
    "ям",
    "ах",
    "ях",
    "ов",
    "ев",
    "ами",
    "ями",
    "ии",
    "ию",
    "ия",
    "ие",
    "ий",
    "ый",
    "ая",
    "яя",
    "ое",
    "ее",
    "ую",
    "юю",
    "ого",
    "его",
    "ому",
    "ему",
    "ым",
    "им",
    "ых",
    "их",
    "ыми",
    "ими",
    "ые",
    "ье",
    "ья",
    "ьи",
    "ью",
    "ьей",
];

/// Kazakh case suffixes, plural and third-person possessive (Kazakh texts only: in Russian
/// "Карта" is no Карр + та).
const KAZAKH: &[&str] = &[
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "н",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "да",
    "де",
    "та",
    "те",
    "нда",
    "нде",
    "мен",
    "пен",
    "бен",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ы",
    "і",
    "сы",
    "сі",
    "ның",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ндағы",
    "ндегі",
    "тық",
    "тік",
    "дық",
    "дік",
    "лық",
    "лік",
];

/// Whether a word is written in Cyrillic.
pub fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('Ѐ'..='ӿ').contains(&c))
}

/// Candidate stems of a word with the ending each drops (the word itself first, with `""`).
pub fn stems(word: &str) -> Vec<(&str, &'static str)> {
    stems_with(word, true)
}

/// [`stems`] of a word in a text known not to be Kazakh: Russian endings only.
pub fn stems_without_kazakh(word: &str) -> Vec<(&str, &'static str)> {
    stems_with(word, false)
}

fn stems_with(word: &str, kazakh: bool) -> Vec<(&str, &'static str)> {
    let mut out = vec![(word, "")];
    // A capitalised Cyrillic name may have a stem of two letters (Ким Чен Ына: "Ын" + "а").
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let (endings, min): (&[&[&str]], usize) = if is_cyrillic(word) {
        let lists: &[&[&str]] = if kazakh { &[CYRILLIC, KAZAKH] } else { &[CYRILLIC] };
        (lists, if capital { 2 } else { 3 })
    } else {
        (&[LATIN], 4)
    };
    let lower_word = word.to_lowercase();
    for e in endings.iter().flat_map(|l| l.iter()) {
        if lower_word.ends_with(e) {
            let cut = word.len() - e.len();
            if !word.is_char_boundary(cut) {
                continue;
            }
            // A two-letter Cyrillic stem also stands before a long ending ("Ақ үйдің").
            let stem_len = word[..cut].chars().count();
            let long_ending = is_cyrillic(word) && e.chars().count() >= 2 && stem_len >= 2;
            // A German genitive of a two-letter family name: "Xis Besuch".
            let short_genitive = !is_cyrillic(word) && capital && *e == "s" && stem_len == 2;
            if (stem_len >= min || long_ending || short_genitive)
                && !out.iter().any(|(s, _)| s.len() == cut)
            {
                out.push((&word[..cut], e));
            }
        }
    }
    out
}

/// Stems under which a name from the data is indexed besides its full form: only the endings
/// a dictionary form itself carries (Россия, Украина, российский, Ukraine), so that its other
/// case forms meet it.
pub fn dictionary_stems(word: &str) -> Vec<&str> {
    const CYR_DICT: &[&str] = &[
        "а", "я", "ия", "ь", "й", "ий", "ый", "ой", "ая", "ое", "ее", "ые", "ие", "о", "е", "ы",
        "и",
    ];
    const LAT_DICT: &[&str] = &["e"];
    // Lowercase Latin words in the data are adjectives ("kasachisches Unterhaus"): their
    // inflected dictionary form meets the others at the bare stem.
    const LAT_ADJ: &[&str] = &["e", "es", "er", "en", "em"];
    let lowercase = word.chars().next().is_some_and(|c| c.is_lowercase());
    // A capitalised Cyrillic name in -о is a foreign one that does not decline (Токио,
    // Соуэто: "Совето" is no form of the word "Совет"); lowercase neuters do ("правительство").
    let (endings, min) = if is_cyrillic(word) {
        (CYR_DICT, 3)
    } else if lowercase {
        (LAT_ADJ, 4)
    } else {
        (LAT_DICT, 4)
    };
    let lower_word = word.to_lowercase();
    let mut out = Vec::new();
    for e in endings {
        if *e == "о" && !lowercase {
            continue;
        }
        if lower_word.ends_with(e) {
            let cut = word.len() - e.len();
            if word.is_char_boundary(cut) && word[..cut].chars().count() >= min {
                out.push(&word[..cut]);
            }
        }
    }
    out
}

/// German names that open with an adjective in its strong form ("Islamischer Staat",
/// "Internationaler Währungsfonds", "Roter Halbmond") appear in the text with the weak and
/// case forms ("des Islamischen Staates", "Der Internationale Währungsfonds", "im
/// Europäischen Rat"). The alias's other spellings that reach them: each capitalised
/// non-final word in -er written with -e (its weak form, which takes -n, -s), and, where the
/// rest is long enough to stand as a stem, without the -er (which takes every ending).
pub fn german_adjective_variants(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let adjective = |i: usize, w: &str| {
        i + 1 < words.len() && w.ends_with("er") && w.chars().next().is_some_and(char::is_uppercase)
    };
    if !words.iter().enumerate().any(|(i, w)| adjective(i, w)) {
        return Vec::new();
    }
    let with = |f: &dyn Fn(&str) -> String| {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| if adjective(i, w) { f(w) } else { w.to_string() })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let weak = with(&|w| format!("{}e", &w[..w.len() - 2]));
    let stem = with(&|w| w[..w.len() - 2].to_string());
    let mut out = vec![weak];
    if words
        .iter()
        .enumerate()
        .all(|(i, w)| !adjective(i, w) || w.chars().count() - 2 >= 4)
    {
        out.push(stem);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_names_with_an_adjective_get_their_weak_and_stem_forms() {
        assert_eq!(
            super::german_adjective_variants("Islamischer Staat"),
            vec!["Islamische Staat".to_string(), "Islamisch Staat".to_string()]
        );
        assert_eq!(super::german_adjective_variants("Roter Halbmond"), vec!["Rote Halbmond".to_string()]);
        assert!(super::german_adjective_variants("Bundestag").is_empty());
        assert!(super::german_adjective_variants("Organisation Amerikanischer Staaten").len() == 2);
    }

    #[test]
    fn possessives_and_cases_find_their_stem() {
        assert!(stems("Putins").iter().any(|(s, _)| *s == "Putin"));
        assert!(stems("Путина")
            .iter()
            .any(|(s, e)| *s == "Путин" && *e == "а"));
        assert!(stems("kasachischen")
            .iter()
            .any(|(s, _)| *s == "kasachisch"));
        assert!(stems("Қазақстанның").iter().any(|(s, _)| *s == "Қазақстан"));
        assert!(dictionary_stems("Россия").contains(&"Росс"));
        assert!(stems("России").iter().any(|(s, _)| *s == "Росс"));
    }

    #[test]
    fn short_words_are_not_cut_to_nothing() {
        assert_eq!(stems("Oman").len(), 1);
        assert_eq!(
            stems("Irans").iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            ["Irans", "Iran"]
        );
    }
}
