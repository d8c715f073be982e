//! One test binary (link time on 2 cores): the API, the exports and the browser test.
//!
//! The fixture store is built through the API itself: short news reports written for these
//! tests are posted to `POST /api/reports` (so the coder and the write path run for real), then
//! every read endpoint is asked about them.

mod api;
mod browser;
mod export;

use annals_server::{AppState, Config};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;

pub const TOKEN: &str = "test-token-5c1e";

/// Reports written for these tests: (id, lang, published, url, text).
pub const REPORTS: &[(&str, &str, &str, &str, &str)] = &[
    ("kz-ru-en", "en", "2024-03-12", "https://news.example.org/2024/03/12/tokayev-putin",
     "Kazakh President Kassym-Jomart Tokayev met Russian President Vladimir Putin in Moscow on Tuesday to discuss energy cooperation."),
    ("kz-ru-ru", "ru", "2024-03-12", "https://vesti.example.kz/2024/03/12/tokaev",
     "Президент Казахстана Касым-Жомарт Токаев провёл переговоры с Владимиром Путиным в Москве во вторник."),
    ("eu-ru-de", "de", "2024-04-02", "https://zeitung.example.de/2024/04/02/sanktionen",
     "Die Europäische Union verhängte am Montag neue Sanktionen gegen Russland wegen des Krieges in der Ukraine."),
    ("ru-ua-en", "en", "2024-05-20", "https://wire.example.com/2024/05/20/kharkiv",
     "Russian forces shelled the Ukrainian city of Kharkiv on Sunday, Ukrainian officials said."),
    ("kz-cn-en", "en", "2024-06-05", "https://news.example.org/2024/06/05/railway",
     "Kazakhstan and China signed an agreement on a new railway corridor in Astana on Wednesday."),
    ("kz-ru-en-2", "en", "2024-07-04", "https://news.example.org/2024/07/04/visit",
     "Russian Foreign Minister Sergei Lavrov visited Astana on Thursday and met Kazakh Foreign Minister Murat Nurtleu."),
];

pub struct Fixture {
    pub db: PathBuf,
    pub state: AppState,
}

fn build_fixture() -> Fixture {
    let dir = std::env::temp_dir().join(format!("annals-server-tests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("annals.db");
    drop(annals_store::Store::open(&db).expect("create store"));
    let data = annals_core::data::DataSource::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data"),
    );
    let coder = annals_extract::Coder::load(&data, None).expect("knowledge files load");
    let state = AppState::open(Config {
        db: db.clone(),
        token: Some(TOKEN.into()),
        coder: Some(coder),
    })
    .expect("open");
    let app = annals_server::router(state.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        for (id, lang, published, url, text) in REPORTS {
            let body = serde_json::json!({"id": id, "lang": lang, "published": published, "url": url, "text": text, "title": format!("Report {id}")});
            let (status, json) = send(&app, post_json("/api/reports", &body, Some(TOKEN))).await;
            assert_eq!(status, StatusCode::CREATED, "posting {id}: {json}");
        }
    });
    Fixture { db, state }
}

/// The store with the reports above, built once per test run.
pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    // Built on its own thread: the tests that ask for it run inside a runtime already.
    F.get_or_init(|| std::thread::spawn(build_fixture).join().expect("fixture"))
}

pub fn app() -> axum::Router {
    annals_server::router(fixture().state.clone())
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

pub fn post_json(uri: &str, body: &serde_json::Value, token: Option<&str>) -> Request<Body> {
    let mut r = Request::post(uri).header("content-type", "application/json");
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_string())).expect("request")
}

/// Status and body bytes.
pub async fn raw(
    app: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app.clone().oneshot(req).await.expect("answer");
    let (parts, body) = resp.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

/// Status and JSON body.
pub async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, serde_json::Value) {
    let (status, _, bytes) = raw(app, req).await;
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON ({status}): {}", String::from_utf8_lossy(&bytes)));
    (status, json)
}

/// Asks for `uri` and checks it is a 400 with a JSON error that mentions `needle`.
pub async fn bad_request(uri: &str, needle: &str) {
    let (status, json) = send(&app(), get(uri)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
    let msg = json["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{uri}: no error message in {json}"));
    assert!(
        msg.contains(needle),
        "{uri}: {msg:?} does not mention {needle:?}"
    );
}
