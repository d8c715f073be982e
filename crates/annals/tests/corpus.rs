//! The whole pipeline over real news (`../shared/corpora/news-bench.jsonl`, 2,346 de/en/ru
//! articles): no document may panic or be refused, and every `text` with a `span` in a record
//! must be exactly those characters of the original (provenance).

use annals_extract::Input;

/// Every (text, span) pair of a record whose span does not hold that text.
fn bad_spans(v: &serde_json::Value, chars: &[char], out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            if let (Some(text), Some([s, e])) = (
                o.get("text").and_then(|t| t.as_str()),
                o.get("span").and_then(|s| s.as_array()).map(|a| {
                    [a.first().and_then(|x| x.as_u64()), a.get(1).and_then(|x| x.as_u64())]
                }),
            ) {
                let (s, e) = (s.unwrap_or(0) as usize, e.unwrap_or(0) as usize);
                let under: String = chars.get(s..e).map(|c| c.iter().collect()).unwrap_or_default();
                if under != text {
                    out.push(format!("{text:?} at {s}..{e} reads {under:?}"));
                }
            }
            o.values().for_each(|x| bad_spans(x, chars, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| bad_spans(x, chars, out)),
        _ => {}
    }
}

#[test]
fn every_news_article_codes_and_every_span_holds_its_text() {
    let path = crate::shared().join("corpora/news-bench.jsonl");
    let src = std::fs::read_to_string(&path).expect("../shared/corpora/news-bench.jsonl beside the repository");
    let coder = crate::coder();
    let (mut docs, mut events) = (0usize, 0usize);
    let mut failures = Vec::new();
    for line in src.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("the corpus is JSONL");
        let (Some(id), Some(text)) = (v["id"].as_str(), v["text"].as_str()) else {
            continue;
        };
        let input = Input {
            id,
            text,
            lang: v["lang"].as_str(),
            published: Some(v["published"].as_str().unwrap_or("2024-11-27")),
            ..Default::default()
        };
        let rec = std::panic::catch_unwind(|| coder.code(&input));
        docs += 1;
        match rec {
            Err(_) => failures.push(format!("{id}: panicked")),
            Ok(Err(e)) => failures.push(format!("{id}: refused: {e}")),
            Ok(Ok(rec)) => {
                events += rec.events.len();
                let chars: Vec<char> = text.chars().collect();
                let mut bad = Vec::new();
                bad_spans(&serde_json::to_value(&rec).unwrap(), &chars, &mut bad);
                failures.extend(bad.into_iter().map(|b| format!("{id}: {b}")));
            }
        }
    }
    println!("corpus: {docs} documents, {events} events, {} failures", failures.len());
    for f in failures.iter().take(20) {
        println!("  {f}");
    }
    assert!(docs > 2000, "the corpus holds {docs} documents");
    assert!(failures.is_empty(), "{} documents or spans failed", failures.len());
}
