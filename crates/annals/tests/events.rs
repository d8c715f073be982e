//! Data-driven event tests: `tests/fixtures/events/<lang>.jsonl`. Each language must pass at
//! least the share of cases recorded here (raised as the coder improves); the per-type table
//! is printed (`cargo test -- --nocapture`).

use annals::fixtures;

fn run(lang: &str, minimum: f64) {
    run_with(lang, minimum, 0);
}

/// Also requires at least `per_type` passing cases of every PLOVER type.
fn run_with(lang: &str, minimum: f64, per_type: usize) {
    let path = crate::root().join(format!("tests/fixtures/events/{lang}.jsonl"));
    let src = std::fs::read_to_string(&path).expect("fixture file");
    let outcomes = fixtures::run_file(crate::coder(), lang, &src);
    let passed = outcomes.iter().filter(|o| o.passed).count();
    let rate = passed as f64 / outcomes.len() as f64;
    println!(
        "{lang}: {passed}/{} cases pass ({:.0} %)",
        outcomes.len(),
        rate * 100.0
    );
    for (kind, (p, n)) in fixtures::by_type(&outcomes) {
        println!("  {kind:10} {p:3}/{n:3}");
    }
    if std::env::var_os("ANNALS_FIXTURE_DETAIL").is_some() {
        for o in outcomes.iter().filter(|o| !o.passed) {
            println!("  FAIL {}", o.detail);
        }
    }
    assert!(
        outcomes.iter().all(|o| o.kind != "INVALID"),
        "a fixture line is not valid JSON"
    );
    for (kind, (p, _)) in fixtures::by_type(&outcomes) {
        assert!(
            kind == "NONE" || p >= per_type,
            "{lang}: only {p} {kind} sentences pass, fewer than {per_type}"
        );
    }
    assert!(
        fixtures::by_type(&outcomes).len() >= if per_type > 0 { 17 } else { 0 },
        "{lang}: every PLOVER type has sentences"
    );
    assert!(
        rate >= minimum,
        "{lang}: only {:.1} % of the event fixtures pass, below the recorded {:.1} %",
        rate * 100.0,
        minimum * 100.0
    );
}

#[test]
fn german_event_sentences() {
    run("de", 0.97);
}

#[test]
fn english_event_sentences() {
    run("en", 0.98);
}

#[test]
fn russian_event_sentences() {
    run_with("ru", 0.98, 15);
}

#[test]
fn kazakh_event_sentences() {
    run("kk", 0.96);
}

#[test]
fn would_in_reported_speech_is_the_future_could_is_hypothetical() {
    let code = |text: &str| {
        let input = annals_extract::Input::new("w", text)
            .lang("en")
            .published("2024-03-01");
        crate::coder().code(&input).unwrap().events
    };
    let reported = code("Russia said it would send humanitarian aid to Syria.");
    assert!(
        reported
            .iter()
            .any(|e| e.event == "AGREE" && e.aux.future && !e.aux.hypothetical),
        "{reported:?}"
    );
    let modal = code("Russia could send humanitarian aid to Syria.");
    assert!(
        modal.iter().any(|e| e.aux.hypothetical && !e.aux.future),
        "{modal:?}"
    );
}
