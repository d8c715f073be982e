//! Parallel texts: the same report written in German, English and Russian
//! (`tests/fixtures/parallel/<story>.<lang>.txt`) must give the same events — the same types
//! between the same states — whatever the language.

use annals_extract::Input;
use std::collections::BTreeMap;

type Signature = Vec<(String, Vec<String>, Vec<String>)>;

fn signature(text: &str, lang: &str) -> Signature {
    let doc = crate::coder()
        .code(&Input {
            id: "p",
            text,
            lang: Some(lang),
            published: Some("2025-05-14"),
            url: None,
            title: None,
        })
        .unwrap();
    let codes = |refs: &[annals_core::record::Ref]| {
        let mut v: Vec<String> = refs.iter().filter_map(|r| r.country.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut sig: Signature = doc
        .events
        .iter()
        .map(|e| (e.event.clone(), codes(&e.actor), codes(&e.recipient)))
        .collect();
    sig.sort();
    sig
}

#[test]
fn the_same_report_in_three_languages_gives_the_same_events() {
    let dir = crate::root().join("tests/fixtures/parallel");
    let mut stories: BTreeMap<String, Vec<(String, Signature)>> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        let Some((story, lang)) = stem.rsplit_once('.') else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        stories
            .entry(story.to_string())
            .or_default()
            .push((lang.to_string(), signature(&text, lang)));
    }
    assert!(stories.len() >= 3, "at least three parallel stories");
    for (story, versions) in &stories {
        assert!(versions.len() >= 3, "{story}: de, en and ru versions");
        let (first_lang, first) = &versions[0];
        assert!(!first.is_empty(), "{story}.{first_lang}: no events");
        for (lang, sig) in &versions[1..] {
            assert_eq!(sig, first, "{story}: {lang} differs from {first_lang}");
        }
    }
}
