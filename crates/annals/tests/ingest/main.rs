//! `annals ingest`, `query` and `stats` end to end: every source format, idempotence, story
//! events across languages, and a run killed with SIGKILL that resumes to the same counts.

use annals_store::{Stats, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/ingest")
}

fn annals() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_annals"));
    c.env("ANNALS_DATA", root().join("data"));
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    let out = annals().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "annals {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn ingest(inputs: &[&Path], db: &Path, extra: &[&str]) -> String {
    let mut args: Vec<String> = vec!["ingest".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--db".to_string(), db.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    String::from_utf8(run(&args).stdout).unwrap()
}

fn stats(db: &Path) -> Stats {
    Store::open(db).unwrap().stats().unwrap()
}

/// Documents, events, story events, languages and errors: what two runs must agree on.
type Counts = (u64, u64, u64, Vec<(String, u64)>, Vec<(String, u64)>);

fn counts(s: &Stats) -> Counts {
    (
        s.documents,
        s.events,
        s.story_events,
        s.languages.clone(),
        s.errors.clone(),
    )
}

#[test]
fn every_format_is_ingested_and_errors_are_listed_by_kind() {
    let dir = tmpdir("formats");
    let db = dir.join("a.db");
    let out = ingest(&[&fixtures().join("formats")], &db, &[]);
    assert!(out.contains("errors: 7 (bad-json 1, binary 1, corrupt-gzip 1, missing-text 1, no-article-text 2, truncated-warc 1)"), "{out}");
    let first = stats(&db);
    // article, cp1251, jsonld, rss x2, atom x2, jsonl x3 (a fourth line repeats the first),
    // warc x2 (the .warc.gz repeats them), note
    assert_eq!(first.documents, 13, "{out}");
    assert!(first.events > 0 && first.story_events > 0);

    // The text file declares no language: it is detected and its confidence kept.
    let (lang, confidence): (String, Option<f64>) = Store::open(&db)
        .unwrap()
        .connection()
        .query_row(
            "SELECT lang, lang_confidence FROM documents WHERE doc_id = 'note'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(lang, "en");
    assert!(confidence.is_some_and(|c| c > 0.5), "{confidence:?}");

    let again = ingest(&[&fixtures().join("formats")], &db, &[]);
    assert!(again.contains(" 0 new,"), "{again}");
    assert_eq!(
        counts(&stats(&db)),
        counts(&first),
        "a second ingest must change nothing"
    );

    let table =
        String::from_utf8(run(&["stats", "--db", &db.display().to_string()]).stdout).unwrap();
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("documents") && l.ends_with(" 13")),
        "{table}"
    );
    assert!(table.contains("corrupt-gzip"), "{table}");

    let csv = String::from_utf8(
        run(&[
            "query",
            "--db",
            &db.display().to_string(),
            "--format",
            "csv",
        ])
        .stdout,
    )
    .unwrap();
    assert!(
        csv.starts_with("event,date,type,mode,actor,recipient,place,trigger,lang,document,story\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count() as u64, first.events + 1);
    let json = String::from_utf8(
        run(&[
            "query",
            "--db",
            &db.display().to_string(),
            "--format",
            "json",
            "--actor",
            "Lukashenko",
        ])
        .stdout,
    )
    .unwrap();
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["url"] == "//news.example/2024/10/01/minsk"),
        "{json}"
    );
}

#[test]
fn query_on_a_missing_database_says_what_to_do() {
    let out = annals()
        .args(["query", "--db", "/nonexistent/annals.db"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/annals.db") && err.contains("annals ingest"),
        "{err}"
    );
}

#[test]
fn one_visit_in_five_reports_is_one_story_and_a_visit_a_year_earlier_another() {
    let dir = tmpdir("stories");
    let db = dir.join("s.db");
    ingest(&[&fixtures().join("stories/visits.jsonl")], &db, &[]);
    let out = run(&[
        "query",
        "--db",
        &db.display().to_string(),
        "--stories",
        "--dyad",
        "KAZ,RUS",
        "--event",
        "CONSULT",
        "--format",
        "json",
    ]);
    let stories: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<String> = stories
        .iter()
        .map(|s| format!("{} {} {} reports", s["date"], s["parties"], s["reports"]))
        .collect();
    assert_eq!(stories.len(), 2, "{summary:?}");
    let (y2023, y2024) = (&stories[0], &stories[1]);
    assert_eq!(y2024["date"], "2024-11-27");
    assert_eq!(y2024["reports"], 5, "{summary:?}");
    let mut langs: Vec<&str> = y2024["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["lang"].as_str().unwrap())
        .collect();
    langs.sort();
    langs.dedup();
    assert_eq!(langs, ["de", "en", "ru"]);
    for m in y2024["members"].as_array().unwrap().iter().skip(1) {
        let reason = m["reason"].as_str().unwrap();
        assert!(
            reason.starts_with("same type CONSULT and parties KAZ+RUS"),
            "{reason}"
        );
    }
    assert_eq!(y2023["date"], "2023-11-09");
    assert_eq!(y2023["reports"], 2);
}

/// A corpus of `n` short reports (and a few bad lines) written for the resume test.
fn synthetic_corpus(path: &Path, n: usize) {
    let leaders = [
        ("Vladimir Putin", "Moscow"),
        ("Kassym-Jomart Tokayev", "Astana"),
        ("Xi Jinping", "Beijing"),
        ("Recep Tayyip Erdogan", "Ankara"),
        ("Emmanuel Macron", "Paris"),
        ("Shavkat Mirziyoyev", "Tashkent"),
        ("Alexander Lukashenko", "Minsk"),
        ("Ilham Aliyev", "Baku"),
    ];
    let topics = [
        "energy and trade",
        "transport corridors",
        "water sharing",
        "security in the region",
        "grain exports",
    ];
    let mut lines = String::new();
    for i in 0..n {
        if i % 60 == 59 {
            lines.push_str(&format!("{{\"id\": \"bad-{i}\", \"lang\": \"en\"}}\n"));
            continue;
        }
        let (a, _) = leaders[i % leaders.len()];
        let (b, city) = leaders[(i / leaders.len() + i + 1) % leaders.len()];
        let (b, city) = if a == b {
            leaders[(i + 3) % leaders.len()]
        } else {
            (b, city)
        };
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let text = format!(
            "{a} met {b} in {city} on Monday for talks on {topic}. The two leaders signed an agreement on cooperation, officials said. {a} praised the talks as constructive. It was meeting number {i} of the year.",
            topic = topics[i % topics.len()]
        );
        let v = serde_json::json!({"id": format!("doc-{i}"), "lang": "en", "published": format!("2024-{month:02}-{day:02}"), "text": text});
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    std::fs::write(path, lines).unwrap();
}

#[test]
fn an_ingest_killed_mid_way_resumes_to_the_counts_of_a_clean_run() {
    let dir = tmpdir("resume");
    let corpus = dir.join("corpus.jsonl");
    // A few hundred reports take seconds in a debug build; an optimised one needs more to be
    // caught mid-way.
    // (3,000 were sometimes all stored before the kill once loading got faster.)
    let n = if cfg!(debug_assertions) { 300 } else { 12000 };
    synthetic_corpus(&corpus, n);
    let clean = dir.join("clean.db");
    ingest(&[&corpus], &clean, &["--jobs", "1"]);
    let expected = stats(&clean);
    assert_eq!(expected.documents as usize, n - n / 60);
    assert_eq!(
        expected.errors,
        vec![("missing-text".to_string(), (n / 60) as u64)]
    );

    let killed = dir.join("killed.db");
    let mut child = annals()
        .args([
            "ingest",
            &corpus.display().to_string(),
            "--db",
            &killed.display().to_string(),
            "--jobs",
            "1",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(5));
        if killed.exists() {
            if let Ok(store) = Store::open(&killed) {
                if store.stats().map(|s| s.documents >= 30).unwrap_or(false) {
                    break;
                }
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the ingest stored nothing in two minutes"
        );
    }
    child.kill().unwrap(); // SIGKILL on Unix: no cleanup runs
    child.wait().unwrap();
    let partial = stats(&killed);
    assert!(
        partial.documents < expected.documents,
        "the run finished before it was killed; make the corpus larger"
    );

    let out = ingest(&[&corpus], &killed, &["--jobs", "1"]);
    assert!(
        out.contains(&format!("{} already stored", partial.documents)),
        "{out}"
    );
    assert_eq!(counts(&stats(&killed)), counts(&expected));
}
