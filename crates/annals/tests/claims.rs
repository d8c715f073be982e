//! Claims over realistic sentences (`tests/fixtures/claims/*.jsonl`): each case lists the
//! quantities the sentence asserts (value, unit, qualifier); every one must be found, and a
//! case expecting none must give none. Every case must pass, in every language.

use annals_extract::Input;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    value: f64,
    unit: Option<String>,
    qualifier: Option<String>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    published: Option<String>,
    expect: Vec<Expected>,
}

fn all_pass(lang: &str) {
    let path = crate::root().join(format!("tests/fixtures/claims/{lang}.jsonl"));
    let src = std::fs::read_to_string(&path).expect("fixture file");
    let mut failed = Vec::new();
    for (n, line) in src.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).expect("a fixture line");
        let doc = crate::coder()
            .code(&Input {
                id: "claim",
                text: &case.text,
                lang: Some(lang),
                published: case.published.as_deref(),
                url: None,
                title: None,
            })
            .expect("coded");
        let found = |x: &Expected| {
            doc.claims.iter().any(|c| {
                (c.quantity.value - x.value).abs() < 1e-6 * x.value.abs().max(1.0)
                    && c.quantity.unit == x.unit
                    && (x.qualifier.is_none() || c.quantity.qualifier == x.qualifier)
            })
        };
        let ok = if case.expect.is_empty() {
            doc.claims.is_empty()
        } else {
            case.expect.iter().all(found)
        };
        if !ok {
            let got: Vec<String> = doc
                .claims
                .iter()
                .map(|c| format!("{} {:?}", c.quantity.value, c.quantity.unit))
                .collect();
            failed.push(format!("line {}: got {got:?} :: {}", n + 1, case.text));
        }
    }
    assert!(failed.is_empty(), "{lang}:\n{}", failed.join("\n"));
}

#[test]
fn english_claims() {
    all_pass("en");
}

#[test]
fn german_claims() {
    all_pass("de");
}

#[test]
fn russian_claims() {
    all_pass("ru");
}

#[test]
fn kazakh_claims() {
    all_pass("kk");
}
