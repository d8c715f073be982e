//! The dev gold reports: the founding Astana report must be coded exactly (every required
//! event, nothing false, all entity mentions resolved, the visit dated and placed, the claim
//! found, nothing about Ukraine); the English PLOVER sentences and the dev news reports must
//! reach their F1 (and claims) floors.

use annals::eval::{evaluate, score_doc};
use annals_extract::Input;

#[test]
fn the_astana_report_is_coded_exactly() {
    let gold_path = crate::shared().join("eval/dev/astana-state-visit.de.gold.json");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&gold_path).expect("../shared beside the repository"),
    )
    .unwrap();
    let text = std::fs::read_to_string(crate::shared().join("examples/astana-state-visit.de.txt"))
        .unwrap();
    let doc = crate::coder()
        .code(&Input {
            id: "astana-state-visit.de",
            text: &text,
            lang: None,
            published: Some("2024-11-27"),
            url: None,
            title: None,
        })
        .unwrap();
    assert_eq!(doc.lang, "de");
    let s = score_doc(&doc, &gold, true);
    assert_eq!(
        (s.precision(), s.recall()),
        (1.0, 1.0),
        "events: P {} R {}",
        s.precision(),
        s.recall()
    );
    assert_eq!(
        s.entity_found, s.entity_surfaces,
        "every entity mention resolved"
    );
    assert_eq!(s.entity_surfaces, 19);
    let visit = doc
        .events
        .iter()
        .find(|e| e.event == "CONSULT" && e.mode.as_deref() == Some("visit"))
        .expect("the visit");
    assert_eq!(
        visit.date.as_ref().map(|d| d.value.as_str()),
        Some("2024-11-27")
    );
    assert_eq!(
        visit.location.as_ref().map(|l| l.name.as_str()),
        Some("Astana")
    );
    assert!(doc.claims.iter().any(|c| c.quantity.value == 80.0
        && c.quantity.unit.as_deref() == Some("%")
        && c.quantity.qualifier.as_deref() == Some("more than")));
    assert!(
        doc.events.iter().all(|e| e
            .actor
            .iter()
            .chain(&e.recipient)
            .all(|r| r.country.as_deref() != Some("UKR"))),
        "nothing about Ukraine is an event"
    );
    // The import bans the leaders talk about came before the visit: historical background.
    let bans = doc
        .events
        .iter()
        .find(|e| e.event == "SANCTION")
        .expect("the import bans");
    assert!(bans.aux.historical, "the import bans are background");
    // Every span points at the words it claims.
    let chars: Vec<char> = text.chars().collect();
    for e in &doc.events {
        let t: String = chars[e.trigger.span[0]..e.trigger.span[1]].iter().collect();
        assert_eq!(t, e.trigger.text);
    }
}

#[test]
fn without_a_publication_date_no_year_is_invented() {
    let text = std::fs::read_to_string(crate::shared().join("examples/astana-state-visit.de.txt"))
        .unwrap();
    let doc = crate::coder()
        .code(&Input {
            id: "a",
            text: &text,
            lang: Some("de"),
            ..Default::default()
        })
        .unwrap();
    let visit = doc
        .events
        .iter()
        .find(|e| e.event == "CONSULT")
        .expect("the visit");
    let date = visit.date.as_ref().expect("a date");
    assert_eq!(
        (date.value.as_str(), date.precision.as_str()),
        ("--11-27", "day-of-year-unknown")
    );
}

#[test]
fn plover_gold_sentences_reach_the_floor() {
    let path = crate::shared().join("eval/dev/plover-gsr-dev.en.jsonl");
    let s = evaluate(crate::coder(), &[path], false).unwrap();
    println!(
        "PLOVER GSR dev: P {:.2} R {:.2} F1 {:.2}",
        s.precision(),
        s.recall(),
        s.f1()
    );
    // The target is 0.70; measured 0.702 (2026-12-05, 118/168). The floor sits just
    // below it, so that a fall of more than two sentences fails the test.
    assert!(s.f1() >= 0.69, "F1 {:.3} below the floor", s.f1());
}

#[test]
fn dev_news_reports_reach_the_floor() {
    let dir = crate::shared().join("eval/dev/reports");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("../shared/eval/dev/reports beside the repository")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    let s = evaluate(crate::coder(), &paths, false).unwrap();
    println!(
        "dev reports: P {:.2} R {:.2} F1 {:.2}, claims {}/{}",
        s.precision(),
        s.recall(),
        s.f1(),
        s.claims_found,
        s.claims
    );
    // Floors a little below the measured F1 0.62 and claims 31/34 (2026-12-05, 16:35).
    assert!(s.f1() >= 0.59, "F1 {:.2} below the floor", s.f1());
    assert!(s.claims_found >= 29, "claims {}/{} below the floor", s.claims_found, s.claims);
}
