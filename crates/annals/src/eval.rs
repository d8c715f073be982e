//! `annals eval`: scores the coder against gold files (format: shared eval README): events
//! (precision, recall, F1 with one output event per gold event, mutual events absorbing up to
//! one directed event per party), entity mentions, dates and claims.

use annals_core::record::{DocRecord, EventRecord};
use annals_extract::{Coder, Input};
use anyhow::{Context, Result};
use clap::Args;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct EvalArgs {
    /// Gold files: *.gold.json, or *.jsonl bundles with the text inline.
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Print each document's unmatched gold and spurious output events.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the totals as one JSON object as well.
    #[arg(long)]
    pub json: bool,
}

/// Scores of one document or a total.
#[derive(Default, Clone, Debug, serde::Serialize)]
pub struct Score {
    pub docs: usize,
    pub output_events: usize,
    pub matched_output: usize,
    pub required: usize,
    pub required_found: usize,
    pub entity_surfaces: usize,
    pub entity_found: usize,
    pub dates: usize,
    pub dates_right: usize,
    pub claims: usize,
    pub claims_found: usize,
    pub errors: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.docs += o.docs;
        self.output_events += o.output_events;
        self.matched_output += o.matched_output;
        self.required += o.required;
        self.required_found += o.required_found;
        self.entity_surfaces += o.entity_surfaces;
        self.entity_found += o.entity_found;
        self.dates += o.dates;
        self.dates_right += o.dates_right;
        self.claims += o.claims;
        self.claims_found += o.claims_found;
        self.errors += o.errors;
    }
    pub fn precision(&self) -> f64 {
        if self.output_events == 0 {
            1.0
        } else {
            self.matched_output as f64 / self.output_events as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.required == 0 {
            1.0
        } else {
            self.required_found as f64 / self.required as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn strings(v: Option<&Value>) -> Option<Vec<String>> {
    match v {
        Some(Value::Array(a)) => Some(
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
        ),
        Some(Value::String(s)) if s == "any" => None,
        Some(Value::String(s)) => Some(vec![s.clone()]),
        _ => None,
    }
}

fn codes(refs: &[annals_core::record::Ref]) -> Vec<String> {
    let mut v: Vec<String> = refs.iter().filter_map(|r| r.country.clone()).collect();
    v.sort();
    v.dedup();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Whether output event `e` can stand for gold event `g`.
pub fn event_matches(e: &EventRecord, g: &Value) -> bool {
    let gtype = g["event"].as_str().unwrap_or("");
    let alts = strings(g.get("alt_events")).unwrap_or_default();
    if e.event != gtype && !alts.contains(&e.event) {
        return false;
    }
    let actors = codes(&e.actor);
    let recipients = codes(&e.recipient);
    if g["symmetric"].as_bool().unwrap_or(false) {
        let parties = strings(g.get("parties")).unwrap_or_default();
        let all: Vec<String> = actors.iter().chain(&recipients).cloned().collect();
        return !actors.is_empty() && all.iter().all(|c| parties.contains(c));
    }
    if let Some(want) = strings(g.get("actor")) {
        if sorted(want) != actors {
            return false;
        }
    }
    if let Some(sector) = g.get("actor_sector").and_then(Value::as_str) {
        if !e.actor.iter().any(|r| r.sector.as_deref() == Some(sector)) {
            return false;
        }
    }
    match strings(g.get("recipient")) {
        Some(want) => sorted(want) == recipients,
        None => true,
    }
}

/// Maximum matching of output events to gold slots (a mutual gold event has one slot per party).
fn assign(outputs: &[EventRecord], gold: &[Value]) -> Vec<Option<usize>> {
    let mut slots: Vec<usize> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let n = if g["symmetric"].as_bool().unwrap_or(false) {
            strings(g.get("parties"))
                .map(|p| p.len())
                .unwrap_or(1)
                .max(1)
        } else {
            1
        };
        slots.extend(std::iter::repeat_n(gi, n));
    }
    let mut slot_owner: Vec<Option<usize>> = vec![None; slots.len()];
    fn try_assign(
        o: usize,
        outputs: &[EventRecord],
        gold: &[Value],
        slots: &[usize],
        allowed: &[bool],
        owner: &mut Vec<Option<usize>>,
        seen: &mut Vec<bool>,
    ) -> bool {
        for s in 0..slots.len() {
            if seen[s] || !allowed[s] || !event_matches(&outputs[o], &gold[slots[s]]) {
                continue;
            }
            seen[s] = true;
            if owner[s].is_none()
                || try_assign(
                    owner[s].unwrap(),
                    outputs,
                    gold,
                    slots,
                    allowed,
                    owner,
                    seen,
                )
            {
                owner[s] = Some(o);
                return true;
            }
        }
        false
    }
    // Required gold first (a maximum matching on required slots), then optional slots:
    // augmenting paths keep every slot already matched, so required coverage stays maximal.
    let required: Vec<bool> = slots
        .iter()
        .map(|&g| gold[g]["required"].as_bool().unwrap_or(true))
        .collect();
    let all = vec![true; slots.len()];
    for allowed in [&required, &all] {
        for o in 0..outputs.len() {
            if slot_owner.contains(&Some(o)) {
                continue;
            }
            let mut seen = vec![false; slots.len()];
            try_assign(
                o,
                outputs,
                gold,
                &slots,
                allowed,
                &mut slot_owner,
                &mut seen,
            );
        }
    }
    let mut out = vec![None; outputs.len()];
    for (s, owner) in slot_owner.iter().enumerate() {
        if let Some(o) = owner {
            out[*o] = Some(slots[s]);
        }
    }
    out
}

fn norm_name(s: &str) -> String {
    deunicode_lower(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn deunicode_lower(s: &str) -> String {
    annals_text::fold::translit(s)
}

fn surface_equal(found: &str, gold: &str) -> bool {
    let f = found.to_lowercase();
    let g = gold.to_lowercase();
    if f == g {
        return true;
    }
    // An article or a possessive ending more or less.
    let strip = |s: &str| -> String {
        let s = s.trim();
        let s = ["der ", "die ", "das ", "den ", "dem ", "des ", "the "]
            .iter()
            .fold(s.to_string(), |acc, a| {
                acc.strip_prefix(a).map(str::to_string).unwrap_or(acc)
            });
        s.trim_end_matches("'s")
            .trim_end_matches('s')
            .trim_end_matches("’s")
            .to_string()
    };
    strip(&f) == strip(&g)
}

fn date_right(e: &EventRecord, gold_date: &str) -> bool {
    let Some(d) = &e.date else { return false };
    if let Some(before) = gold_date.strip_prefix("before:") {
        return d.value.starts_with("before:")
            || (d.value.len() >= 10 && d.value[..10] < *before)
            || (d.value.len() == 4 && d.value.as_str() <= &before[..4])
            // A month ("2017-06") that ends before the gold bound ("before:2017-07-01").
            || (d.value.len() == 7
                && before.len() >= 10
                && (d.value.as_str() < &before[..7]
                    || (d.value == before[..7] && &before[8..10] != "01")));
    }
    d.value == gold_date
}

/// Scores one coded document against its gold.
pub fn score_doc(rec: &DocRecord, gold: &Value, verbose: bool) -> Score {
    let mut s = Score {
        docs: 1,
        ..Default::default()
    };
    let gevents: Vec<Value> = gold["events"].as_array().cloned().unwrap_or_default();
    s.output_events = rec.events.len();
    let assignment = assign(&rec.events, &gevents);
    s.matched_output = assignment.iter().filter(|a| a.is_some()).count();
    for (gi, g) in gevents.iter().enumerate() {
        let found: Vec<usize> = assignment
            .iter()
            .enumerate()
            .filter(|(_, a)| **a == Some(gi))
            .map(|(o, _)| o)
            .collect();
        if g["required"].as_bool().unwrap_or(true) {
            s.required += 1;
            if !found.is_empty() {
                s.required_found += 1;
            } else if verbose {
                say(&format!(
                    "  missed {} {} {:?} -> {:?}: {}",
                    g["id"].as_str().unwrap_or(""),
                    g["event"],
                    g.get("actor").or(g.get("parties")),
                    g.get("recipient"),
                    g["evidence"].get(0).and_then(Value::as_str).unwrap_or("")
                ));
            }
        }
        if let (Some(gd), Some(&o)) = (g.get("date").and_then(Value::as_str), found.first()) {
            s.dates += 1;
            if date_right(&rec.events[o], gd) {
                s.dates_right += 1;
            } else if verbose {
                let coded = rec.events[o].date.as_ref();
                say(&format!(
                    "  date {}: gold {gd}, coded {} ({:?})",
                    g["id"].as_str().unwrap_or(""),
                    coded.map_or("none", |d| d.value.as_str()),
                    coded.map_or("", |d| d.text.as_str())
                ));
            }
        }
    }
    if verbose {
        for (o, a) in assignment.iter().enumerate() {
            if a.is_none() {
                let e = &rec.events[o];
                say(&format!(
                    "  spurious {} {:?} -> {:?} \"{}\" ({})",
                    e.event,
                    codes(&e.actor),
                    codes(&e.recipient),
                    e.trigger.text,
                    e.notes.join("; ")
                ));
            }
        }
    }
    for ge in gold["entities"].as_array().cloned().unwrap_or_default() {
        let names: Vec<String> = std::iter::once(ge["name"].as_str().unwrap_or("").to_string())
            .chain(strings(ge.get("aliases")).unwrap_or_default())
            .map(|n| norm_name(&n))
            .collect();
        let country = ge["country"].as_str();
        for surface in strings(ge.get("surface")).unwrap_or_default() {
            s.entity_surfaces += 1;
            let ok = rec.entities.iter().any(|e| {
                let name_ok = names.contains(&norm_name(&e.name))
                    || (e.wikidata.is_some() && e.wikidata.as_deref() == ge["wikidata"].as_str());
                name_ok
                    && e.country.as_deref() == country
                    && e.mentions.iter().any(|m| surface_equal(&m.text, &surface))
            });
            if ok {
                s.entity_found += 1;
            } else if verbose {
                say(&format!(
                    "  entity not resolved: {surface:?} -> {}",
                    ge["name"]
                ));
            }
        }
    }
    for gc in gold["claims"].as_array().cloned().unwrap_or_default() {
        s.claims += 1;
        let q = gc["quantity"].as_f64().unwrap_or(f64::NAN);
        if rec
            .claims
            .iter()
            .any(|c| (c.quantity.value - q).abs() < 1e-6 * q.abs().max(1.0))
        {
            s.claims_found += 1;
        } else if verbose {
            say(&format!("  claim not found: {}", gc["evidence"]));
        }
    }
    s
}

#[allow(clippy::print_stdout)]
fn say(line: &str) {
    println!("{line}");
}

fn gold_docs(path: &Path) -> Result<Vec<(Value, String)>> {
    let src = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read gold file {}", path.display()))?;
    let mut out = Vec::new();
    if path.extension().is_some_and(|e| e == "jsonl") {
        for (n, line) in src
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: Value = serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a JSON gold document", path.display(), n + 1)
            })?;
            let text = v["text"].as_str().map(str::to_string).with_context(|| {
                format!(
                    "{}:{}: the gold line has no \"text\"",
                    path.display(),
                    n + 1
                )
            })?;
            out.push((v, text));
        }
    } else {
        let v: Value = serde_json::from_str(&src)
            .with_context(|| format!("{} is not a JSON gold file", path.display()))?;
        let text = match (v["text"].as_str(), v["file"].as_str()) {
            (Some(t), _) => t.to_string(),
            (None, Some(f)) => {
                let p = path.parent().unwrap_or(Path::new(".")).join(f);
                std::fs::read_to_string(&p).with_context(|| {
                    format!(
                        "cannot read the report {} named by {}",
                        p.display(),
                        path.display()
                    )
                })?
            }
            _ => anyhow::bail!(
                "{}: the gold file names no \"file\" and holds no \"text\"",
                path.display()
            ),
        };
        out.push((v, text));
    }
    Ok(out)
}

/// Codes and scores every gold document; returns the total.
pub fn evaluate(coder: &Coder, paths: &[PathBuf], verbose: bool) -> Result<Score> {
    let mut total = Score::default();
    for path in paths {
        let mut file_total = Score::default();
        let docs = gold_docs(path)?;
        let bundle = docs.len() > 1;
        for (gold, text) in docs {
            let id = gold["id"].as_str().unwrap_or("doc").to_string();
            let input = Input {
                id: &id,
                text: &text,
                lang: gold["lang"].as_str(),
                published: gold["published"].as_str(),
                url: None,
                title: None,
            };
            let s = match coder.code(&input) {
                Ok(rec) => {
                    if verbose && bundle {
                        say(&id);
                    }
                    score_doc(&rec, &gold, verbose)
                }
                Err(e) => {
                    say(&format!("{id}: cannot code: {e}"));
                    Score {
                        docs: 1,
                        errors: 1,
                        required: gold["events"]
                            .as_array()
                            .map(|a| {
                                a.iter()
                                    .filter(|g| g["required"].as_bool().unwrap_or(true))
                                    .count()
                            })
                            .unwrap_or(0),
                        ..Default::default()
                    }
                }
            };
            if !bundle {
                say(&line(&id, &s));
            }
            file_total.add(&s);
        }
        if bundle {
            say(&line(&path.display().to_string(), &file_total));
        }
        total.add(&file_total);
    }
    Ok(total)
}

fn line(name: &str, s: &Score) -> String {
    format!(
        "{name}: P = {:.2} R = {:.2} F1 = {:.2} (events {}/{} matched, required {}/{}) entities {}/{} dates {}/{} claims {}/{}",
        s.precision(), s.recall(), s.f1(), s.matched_output, s.output_events, s.required_found, s.required, s.entity_found, s.entity_surfaces, s.dates_right, s.dates, s.claims_found, s.claims
    )
}

pub fn run(coder: &Coder, args: &EvalArgs) -> Result<i32> {
    let total = evaluate(coder, &args.gold, args.verbose)?;
    if args.gold.len() > 1 {
        say(&line("TOTAL", &total));
    }
    if args.json {
        say(&serde_json::to_string(
            &serde_json::json!({"precision": total.precision(), "recall": total.recall(), "f1": total.f1(), "score": total}),
        )?);
    }
    Ok(0)
}
