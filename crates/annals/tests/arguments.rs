//! Argument rules over places, roles and clause shapes (`tests/fixtures/arguments/*.jsonl`):
//! every case must pass, in every language that has a file.

use annals::fixtures;

fn all_pass(lang: &str) {
    let path = crate::root().join(format!("tests/fixtures/arguments/{lang}.jsonl"));
    let src = std::fs::read_to_string(&path).expect("fixture file");
    let outcomes = fixtures::run_file(crate::coder(), lang, &src);
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| o.detail.as_str())
        .collect();
    assert!(failed.is_empty(), "{lang}: {}", failed.join("\n"));
}

#[test]
fn english_argument_rules() {
    all_pass("en");
}

#[test]
fn german_argument_rules() {
    all_pass("de");
}

#[test]
fn russian_argument_rules() {
    all_pass("ru");
}

#[test]
fn a_city_is_a_location_entity_and_no_actor() {
    let input = annals_extract::Input::new("c", "Police in Cizre arrested 20 protesters.")
        .lang("en")
        .published("2025-03-01");
    let doc = crate::coder().code(&input).unwrap();
    let city = doc
        .entities
        .iter()
        .find(|e| e.name == "Cizre")
        .expect("Cizre listed");
    assert_eq!(city.kind, "location");
    assert_eq!(city.country.as_deref(), Some("TUR"));
    assert!(doc.entities.iter().all(|e| e.kind != "country"));
}
