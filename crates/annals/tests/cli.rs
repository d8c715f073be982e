//! The command line end to end: coding files, standard input and batches, and the errors
//! bad input gets.

use std::io::Write;
use std::process::{Command, Stdio};

fn annals() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_annals"));
    c.env("ANNALS_DATA", crate::root().join("data"));
    c
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn codes_the_example_report_in_the_repository() {
    let out = annals()
        .args([
            "code",
            "examples/minsk-talks.en.txt",
            "--published",
            "2025-03-12",
        ])
        .current_dir(crate::root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["id"], "minsk-talks.en");
    assert!(!rec["events"].as_array().unwrap().is_empty());
}

#[test]
fn reads_standard_input_with_language_and_date() {
    let mut child = annals()
        .args([
            "code",
            "-",
            "--lang",
            "en",
            "--published",
            "2024-05-14",
            "--id",
            "s1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["id"], "s1");
    let e = &rec["events"][0];
    assert_eq!(e["event"], "CONSULT");
    assert_eq!(e["date"]["value"], "2024-05-09");
}

#[test]
fn bad_documents_get_error_records_and_the_batch_goes_on() {
    let batch = tmp(
        "batch.jsonl",
        b"{\"id\":\"ok\",\"text\":\"Germany and France signed a defence agreement in Berlin on Monday.\",\"lang\":\"en\"}\nnot json\n{\"id\":\"notext\"}\n{\"id\":\"xx\",\"text\":\"Bonjour\",\"lang\":\"fr\"}\n{\"id\":\"empty\",\"text\":\"  \"}\n",
    );
    let out = annals().args(["code"]).arg(&batch).output().unwrap();
    assert!(
        out.status.success(),
        "one document was coded, so the run succeeds"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "one record per line, none dropped");
    assert_eq!(lines[0]["id"], "ok");
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("not a JSON object"));
    assert!(lines[1]["source"]
        .as_str()
        .unwrap()
        .ends_with("batch.jsonl:2"));
    assert!(lines[2]["error"].as_str().unwrap().contains("no \"text\""));
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .contains("unknown language \"fr\""));
    assert!(lines[4]["error"].as_str().unwrap().contains("empty"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 coded, 4 failed"), "{stderr}");
}

#[test]
fn binary_invalid_utf8_and_empty_files_are_refused_with_their_name() {
    for (name, bytes, says) in [
        ("bin.txt", &b"\x00\x01\x02ELF\x00\x00"[..], "binary"),
        (
            "latin1.txt",
            &b"Gr\xfc\xdfe aus M\xfcnchen"[..],
            "not valid UTF-8",
        ),
        ("empty.txt", &b""[..], "empty"),
    ] {
        let p = tmp(name, bytes);
        let out = annals().args(["code"]).arg(&p).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: nothing coded, non-zero exit"
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(name) && stderr.contains(says),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn an_unknown_language_flag_is_a_clear_error() {
    let p = tmp("short.txt", b"Putin met Xi.");
    let out = annals()
        .args(["code", "--lang", "xx"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("unknown language \"xx\""));
}

#[test]
fn plover_format_writes_one_record_per_event() {
    let p = tmp(
        "two.txt",
        "Die USA verhängten Sanktionen gegen Iran. Am Dienstag traf Scholz Macron in Paris."
            .as_bytes(),
    );
    let out = annals()
        .args([
            "code",
            "--format",
            "plover",
            "--lang",
            "de",
            "--published",
            "2023-06-07",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(recs.len() >= 2, "{recs:?}");
    assert!(recs
        .iter()
        .all(|r| r["event"].is_string() && r["id"].as_str().unwrap().starts_with("two-")));
}

#[test]
fn actors_lookup_prints_the_office_on_the_date() {
    let out = annals()
        .args(["actors", "lookup", "Putin", "--date", "2010-01-01"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Prime Minister of Russia"), "{s}");
    let out = annals()
        .args(["actors", "lookup", "Токаев", "--date", "2024-11-27"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("President of Kazakhstan"));
}

#[test]
fn actors_stats_counts_kinds_languages_and_scripts() {
    let out = annals().args(["actors", "stats"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for line in [
        "entities: person",
        "names in language: ru",
        "names in language: kk",
        "names in script: Cyrillic",
        "names in script: Latin",
    ] {
        assert!(s.contains(line), "{line} missing from:\n{s}");
    }
}

#[test]
fn a_users_own_actors_file_is_read_without_rebuilding() {
    let actors = tmp(
        "my-actors.toml",
        "[[person]]\nname = \"Aigerim Seitkali\"\ncountry = \"KAZ\"\naliases = [\"Айгерим Сейткали\"]\n\n[[person.office]]\nrole = \"Mayor of Shymkent\"\nsector = \"GOV\"\nfrom = \"2024-01-15\"\n".as_bytes(),
    );
    let out = annals()
        .arg("--actors")
        .arg(&actors)
        .args(["actors", "lookup", "Сейткали", "--date", "2025-02-01"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Aigerim Seitkali") && s.contains("Mayor of Shymkent"),
        "{s}"
    );
    let bad = tmp("bad-actors.toml", b"[[person]]\nname = ");
    let out = annals()
        .arg("--actors")
        .arg(&bad)
        .args(["actors", "stats"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("bad-actors.toml"));
}
