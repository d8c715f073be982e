//! The data-driven event fixtures (`tests/fixtures/events/<lang>.jsonl`, docs/DATA.md): each
//! case a sentence with the events it must yield, and nothing else.

use annals_core::record::DocRecord;
use annals_extract::{Coder, Input};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
pub struct Expected {
    pub event: String,
    #[serde(default)]
    pub actor: Vec<String>,
    pub recipient: Option<Vec<String>>,
    #[serde(default)]
    pub aux: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Case {
    pub text: String,
    pub published: Option<String>,
    pub expect: Vec<Expected>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Result of one case.
pub struct Outcome {
    pub passed: bool,
    /// The type the case is about (its first expected event, or "NONE").
    pub kind: String,
    pub detail: String,
}

fn codes(refs: &[annals_core::record::Ref]) -> Vec<String> {
    let mut v: Vec<String> = refs.iter().filter_map(|r| r.country.clone()).collect();
    v.sort();
    v.dedup();
    v
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v.dedup();
    v
}

fn aux_list(rec: &annals_core::record::EventRecord) -> Vec<String> {
    let a = &rec.aux;
    [
        ("negated", a.negated),
        ("future", a.future),
        ("hypothetical", a.hypothetical),
        ("historical", a.historical),
    ]
    .iter()
    .filter(|(_, on)| *on)
    .map(|(n, _)| n.to_string())
    .collect()
}

/// Whether the coded document yields exactly the expected events.
pub fn check(doc: &DocRecord, expect: &[Expected]) -> (bool, String) {
    let mut used = vec![false; doc.events.len()];
    let mut problems = Vec::new();
    for x in expect {
        let found = doc.events.iter().enumerate().position(|(i, e)| {
            !used[i]
                && e.event == x.event
                && codes(&e.actor) == sorted(&x.actor)
                && x.recipient
                    .as_ref()
                    .is_none_or(|r| codes(&e.recipient) == sorted(r))
                && sorted(&aux_list(e)) == sorted(&x.aux)
        });
        match found {
            Some(i) => used[i] = true,
            None => problems.push(format!(
                "missing {} {:?}->{:?} {:?}",
                x.event, x.actor, x.recipient, x.aux
            )),
        }
    }
    for (i, e) in doc.events.iter().enumerate() {
        if !used[i] {
            problems.push(format!(
                "extra {} {:?}->{:?} {:?} ({})",
                e.event,
                codes(&e.actor),
                codes(&e.recipient),
                aux_list(e),
                e.trigger.text
            ));
        }
    }
    (problems.is_empty(), problems.join("; "))
}

/// Runs every case of a fixture file in language `lang`.
pub fn run_file(coder: &Coder, lang: &str, source: &str) -> Vec<Outcome> {
    let mut out = Vec::new();
    for (n, line) in source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Case = match serde_json::from_str(line) {
            Ok(c) => c,
            Err(e) => {
                out.push(Outcome {
                    passed: false,
                    kind: "INVALID".into(),
                    detail: format!("line {}: {e}", n + 1),
                });
                continue;
            }
        };
        let kind = case
            .expect
            .first()
            .map(|x| x.event.clone())
            .unwrap_or("NONE".into());
        let id = format!("{lang}-{}", n + 1);
        let input = Input {
            id: &id,
            text: &case.text,
            lang: Some(lang),
            published: case.published.as_deref(),
            url: None,
            title: None,
        };
        let (passed, detail) = match coder.code(&input) {
            Ok(doc) => check(&doc, &case.expect),
            Err(e) => (false, format!("cannot code: {e}")),
        };
        out.push(Outcome {
            passed,
            kind,
            detail: format!("line {}: {detail} :: {}", n + 1, case.text),
        });
    }
    out
}

/// Pass counts by type: type -> (passed, total).
pub fn by_type(outcomes: &[Outcome]) -> BTreeMap<String, (usize, usize)> {
    let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        let e = m.entry(o.kind.clone()).or_default();
        e.0 += o.passed as usize;
        e.1 += 1;
    }
    m
}
