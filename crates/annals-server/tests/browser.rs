//! End to end in Debian's headless Chromium: the server runs on a loopback port, Chromium
//! loads each page, runs its script against the API and dumps the DOM, which is checked for
//! what a person would see. Skipped, with the reason printed, when /usr/bin/chromium is absent
//! (`apt-get install chromium`). With `ANNALS_SCREENSHOTS=DIR` it also saves a PNG per page
//! (how docs/screenshots/ was made).

use crate::fixture;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Starts the server on a free loopback port, on its own thread, for the rest of the run.
fn start_server() -> SocketAddr {
    let state = fixture().state.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind loopback");
            tx.send(listener.local_addr().expect("address"))
                .expect("send");
            axum::serve(listener, annals_server::router(state))
                .await
                .expect("serve");
        });
    });
    rx.recv().expect("server address")
}

fn chromium(profile: &Path, args: &[String]) -> String {
    let out = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        // Lets the page's fetches finish before the DOM is dumped or the picture taken.
        .arg("--virtual-time-budget=8000")
        .args(args)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dom(profile: &Path, url: &str) -> String {
    chromium(profile, &["--dump-dom".into(), url.into()])
}

fn screenshot(profile: &Path, url: &str, dir: &Path, name: &str) {
    let file = dir.join(format!("{name}.png"));
    chromium(
        profile,
        &[
            format!("--screenshot={}", file.display()),
            "--window-size=1280,900".into(),
            url.into(),
        ],
    );
    assert!(
        file.metadata().map(|m| m.len() > 5_000).unwrap_or(false),
        "no screenshot at {}",
        file.display()
    );
}

#[test]
#[allow(clippy::print_stdout)] // the reason a skipped test gives
fn pages_render_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        println!(
            "skipped: {CHROMIUM} is absent (apt-get install chromium to run the browser test)"
        );
        return;
    }
    let addr = start_server();
    let profile = std::env::temp_dir().join(format!("annals-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let base = format!("http://{addr}/");

    let home = dom(&profile, &base);
    assert!(
        home.contains("Busiest dyads") && home.contains("KAZ–RUS"),
        "home page: {home}"
    );

    let events = dom(&profile, &format!("{base}#/events?type=ASSAULT"));
    assert!(
        events.contains("class=\"events\"") && events.contains("ASSAULT"),
        "events page: {events}"
    );
    assert!(
        !events.contains("CONSULT</span>"),
        "the type filter is applied: {events}"
    );

    let dyad = dom(&profile, &format!("{base}#/dyad/KAZ/RUS"));
    assert!(
        dyad.contains("<svg") && dyad.contains("data-period=\"2024-03\""),
        "dyad page has the timeline: {dyad}"
    );
    assert!(
        dyad.contains("Tokayev"),
        "dyad page lists its events: {dyad}"
    );

    // The event page: sentence with the parts marked, and every report.
    let id = {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let (_, page) =
                crate::send(&crate::app(), crate::get("/api/events?q=Tokayev&lang=en")).await;
            page["events"][0]["id"].as_i64().expect("an event")
        })
    };
    let event = dom(&profile, &format!("{base}#/event/{id}"));
    for mark in [
        "mark class=\"actor\"",
        "mark class=\"trigger\"",
        "mark class=\"place\"",
        "mark class=\"date\"",
    ] {
        assert!(event.contains(mark), "event page lacks <{mark}>: {event}");
    }
    assert!(event.contains("Every report of this event"), "{event}");

    let actor = dom(&profile, &format!("{base}#/actor/Kassym-Jomart%20Tokayev"));
    assert!(
        actor.contains("events as actor") && actor.contains("CONSULT"),
        "actor page: {actor}"
    );

    let map = dom(&profile, &format!("{base}#/map"));
    assert!(
        map.contains("<circle") && map.contains("Moscow"),
        "map page: {map}"
    );

    let bad = dom(&profile, &format!("{base}#/event/999999"));
    assert!(
        bad.contains("role=\"alert\"") && bad.contains("no event 999999"),
        "a missing event shows the API's message: {bad}"
    );

    if let Some(dir) = std::env::var_os("ANNALS_SCREENSHOTS").map(PathBuf::from) {
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        for (name, route) in [
            ("home", String::new()),
            ("events", "#/events".into()),
            ("dyad", "#/dyad/KAZ/RUS?interval=month".into()),
            ("event", format!("#/event/{id}")),
            ("actor", "#/actor/Kassym-Jomart%20Tokayev".into()),
            ("map", "#/map".into()),
        ] {
            screenshot(&profile, &format!("{base}{route}"), &dir, name);
        }
    }
    let _ = std::fs::remove_dir_all(&profile);
}
