//! Language identification for documents that do not say their language.
//!
//! Script decides first (Cyrillic vs Latin); Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) tell
//! Kazakh from Russian; function-word counts tell German from English and reject Latin-script
//! text that is neither. Where the evidence is thin (short texts), the `lingua` detector,
//! built for the four supported languages only, decides.

use annals_core::Lang;
use std::sync::OnceLock;

/// The language could not be identified as one Annals codes.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LangError {
    #[error("the text has no letters to identify a language from")]
    NoLetters,
    #[error("the text is not in a supported language (de, en, ru, kk): {0}; pass --lang if you know it is one of them")]
    Unsupported(String),
}

const DE: &[&str] = &[
    "der", "die", "das", "und", "nicht", "mit", "sich", "des", "dem", "den", "ist", "auf", "für",
    "ein", "eine", "einen", "zu", "im", "von", "wird", "auch", "hat", "sie", "es", "bei", "nach",
    "über", "wie", "dass", "aus", "er", "zum", "zur", "am", "als", "einem", "einer",
];
const EN: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "as", "by", "at",
    "it", "from", "his", "has", "have", "be", "are", "an", "said", "which", "its", "were", "this",
    "will", "their", "not", "he", "she", "they", "but", "after", "who", "would",
];

/// Identifies the language of `text` from its first few thousand characters; returns the
/// language and a confidence in 0..=1.
pub fn detect(text: &str) -> Result<(Lang, f32), LangError> {
    let sample: String = text.chars().take(3000).collect();
    let (mut latin, mut cyr, mut kk_letters, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        match c {
            'a'..='z' | 'A'..='Z' | 'À'..='ɏ' => latin += 1,
            'Ѐ'..='ӿ' => {
                cyr += 1;
                if "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c) {
                    kk_letters += 1;
                }
            }
            _ => other += 1,
        }
    }
    let letters = latin + cyr + other;
    if letters == 0 {
        return Err(LangError::NoLetters);
    }
    if other * 2 > letters {
        return Err(LangError::Unsupported(
            "most letters are in a script other than Latin or Cyrillic".into(),
        ));
    }
    if cyr > latin {
        let share = cyr as f32 / letters as f32;
        if cyr >= 200 {
            let kk_share = kk_letters as f32 / cyr as f32;
            return Ok(if kk_share > 0.01 {
                (Lang::Kk, share)
            } else {
                (Lang::Ru, share)
            });
        }
        return Ok(lingua_pick(&sample, &[Lang::Ru, Lang::Kk]).unwrap_or((
            if kk_letters > 0 { Lang::Kk } else { Lang::Ru },
            share * 0.6,
        )));
    }
    let (mut de, mut en, mut words) = (0usize, 0usize, 0usize);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let w = w.to_lowercase();
        if DE.contains(&w.as_str()) {
            de += 1;
        }
        if EN.contains(&w.as_str()) {
            en += 1;
        }
    }
    let hits = de + en;
    if (words >= 30 && (hits as f32) < 0.08 * words as f32) || (words >= 8 && hits == 0) {
        return Err(LangError::Unsupported(format!(
            "only {hits} of {words} words are German or English function words"
        )));
    }
    if words < 30 || hits < 5 {
        if let Some(found) = lingua_pick(&sample, &[Lang::De, Lang::En]) {
            return Ok(found);
        }
    }
    let conf = de.max(en) as f32 / hits.max(1) as f32;
    Ok(if de >= en {
        (Lang::De, conf)
    } else {
        (Lang::En, conf)
    })
}

fn to_lingua(l: Lang) -> lingua::Language {
    match l {
        Lang::De => lingua::Language::German,
        Lang::En => lingua::Language::English,
        Lang::Ru => lingua::Language::Russian,
        Lang::Kk => lingua::Language::Kazakh,
    }
}

fn detector() -> &'static lingua::LanguageDetector {
    static DETECTOR: OnceLock<lingua::LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        lingua::LanguageDetectorBuilder::from_languages(&Lang::ALL.map(to_lingua)).build()
    })
}

fn lingua_pick(sample: &str, among: &[Lang]) -> Option<(Lang, f32)> {
    let values = detector().compute_language_confidence_values(sample);
    values
        .into_iter()
        .filter_map(|(l, c)| {
            among
                .iter()
                .find(|x| to_lingua(**x) == l)
                .map(|x| (*x, c as f32))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_languages_are_told_apart() {
        assert_eq!(detect("Der Präsident empfängt den Gast in der Hauptstadt und spricht mit ihm über die Lage.").unwrap().0, Lang::De);
        assert_eq!(detect("The president received the guest in the capital and talked with him about the situation.").unwrap().0, Lang::En);
        assert_eq!(detect("After the vote he told reporters they would appeal the ruling.").unwrap().0, Lang::En);
        assert_eq!(
            detect("Президент принял гостя в столице и обсудил с ним ситуацию в регионе.")
                .unwrap()
                .0,
            Lang::Ru
        );
        assert_eq!(
            detect("Президент астанада қонақты қабылдап, онымен өңірдегі жағдайды талқылады.")
                .unwrap()
                .0,
            Lang::Kk
        );
    }

    #[test]
    fn latin_text_in_another_language_is_refused() {
        assert!(matches!(detect("Le président français a rencontré hier son homologue allemand à Paris pour discuter de la situation."), Err(LangError::Unsupported(_))));
    }

    #[test]
    fn other_scripts_and_empty_text_are_refused() {
        assert_eq!(detect("123 456 !!!"), Err(LangError::NoLetters));
        assert!(matches!(
            detect("北京是中国的首都，也是一座历史悠久的城市。"),
            Err(LangError::Unsupported(_))
        ));
    }
}
