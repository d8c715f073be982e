//! Every endpoint, with good and bad parameters.

use crate::{app, bad_request, fixture, get, post_json, raw, send, TOKEN};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

async fn ok(uri: &str) -> Value {
    let (status, json) = send(&app(), get(uri)).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {json}");
    json
}

fn event_types(page: &Value) -> Vec<String> {
    page["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["event"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn overview_counts_the_fixture() {
    let o = ok("/api/overview").await;
    assert_eq!(o["documents"], crate::REPORTS.len() as i64);
    assert!(o["events"].as_i64().unwrap() >= 5, "{o}");
    assert!(
        o["top_dyads"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["key"] == "KAZ,RUS"),
        "{o}"
    );
}

#[tokio::test]
async fn events_are_filtered_by_every_filter() {
    let all = ok("/api/events?limit=500").await;
    let n = all["events"].as_array().unwrap().len();
    assert!(n >= 5, "{all}");
    // Newest first, ties by id.
    let days: Vec<&str> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["day_lo"].as_str())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");

    let dyad = ok("/api/events?dyad=KAZ,RUS").await;
    let ids: Vec<&str> = dyad["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["document"]["doc_id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"kz-ru-en") && ids.contains(&"kz-ru-ru"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"ru-ua-en"), "{ids:?}");
    // Lower case and either order name the same dyad.
    assert_eq!(
        ok("/api/events?dyad=rus-kaz").await["events"],
        dyad["events"]
    );

    let assault = ok("/api/events?type=ASSAULT").await;
    assert!(
        event_types(&assault).iter().all(|t| t == "ASSAULT") && !event_types(&assault).is_empty()
    );
    let two = ok("/api/events?type=assault,sanction").await;
    assert!(event_types(&two)
        .iter()
        .all(|t| t == "ASSAULT" || t == "SANCTION"));
    assert!(event_types(&two).len() >= 2);

    let by_actor = ok("/api/events?actor=Tokayev").await;
    assert!(!by_actor["events"].as_array().unwrap().is_empty());
    for e in by_actor["events"].as_array().unwrap() {
        assert!(
            e["actors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["name"].as_str().unwrap().contains("Tokayev")),
            "{e}"
        );
    }
    let by_code = ok("/api/events?actor=RUS&recipient=UKR").await;
    assert!(
        event_types(&by_code).contains(&"ASSAULT".to_string()),
        "{by_code}"
    );

    let ru = ok("/api/events?lang=ru").await;
    assert!(ru["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["document"]["lang"] == "ru"));
    assert!(!ru["events"].as_array().unwrap().is_empty());

    let march = ok("/api/events?from=2024-03&to=2024-03").await;
    assert!(!march["events"].as_array().unwrap().is_empty());
    for e in march["events"].as_array().unwrap() {
        assert!(
            e["day_lo"].as_str().unwrap() <= "2024-03-31"
                && e["day_hi"].as_str().unwrap() >= "2024-03-01",
            "{e}"
        );
    }
    assert!(ok("/api/events?from=2030").await["events"]
        .as_array()
        .unwrap()
        .is_empty());

    let text = ok("/api/events?q=Kharkiv").await;
    assert_eq!(event_types(&text), vec!["ASSAULT".to_string()], "{text}");
    assert!(
        ok("/api/events?q=100%25_").await["events"]
            .as_array()
            .unwrap()
            .is_empty(),
        "LIKE wildcards are literal"
    );

    let located = ok("/api/events?located=true").await;
    assert!(located["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["location"]["lat"].is_number()));

    let mode = ok("/api/events?type=ASSAULT").await["events"][0]["mode"].clone();
    if let Some(m) = mode.as_str() {
        assert!(!ok(&format!("/api/events?mode={m}")).await["events"]
            .as_array()
            .unwrap()
            .is_empty());
    }
    let ctx = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["contexts"][0].as_str().map(String::from));
    if let Some(c) = ctx {
        let with = ok(&format!("/api/events?context={c}")).await;
        assert!(with["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["contexts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x == c.as_str())));
    }
}

#[tokio::test]
async fn pages_by_offset_and_cursor_agree() {
    let all = ok("/api/events?limit=500&order=asc&to=2024-07-31").await;
    let ids: Vec<i64> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(all["next_cursor"].is_null());
    let mut walked = Vec::new();
    let mut uri = "/api/events?limit=2&order=asc&to=2024-07-31".to_string();
    loop {
        let page = ok(&uri).await;
        walked.extend(
            page["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/events?limit=2&order=asc&to=2024-07-31&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(walked, ids);
    let second = ok("/api/events?limit=2&offset=2&order=asc&to=2024-07-31").await;
    let got: Vec<i64> = second["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, ids[2..4.min(ids.len())].to_vec());
    // Newest first by cursor too.
    let desc = ok("/api/events?limit=500&to=2024-07-31").await;
    let mut back = Vec::new();
    let mut uri = "/api/events?limit=3&to=2024-07-31".to_string();
    loop {
        let page = ok(&uri).await;
        back.extend(
            page["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/events?limit=3&to=2024-07-31&cursor={c}"),
            None => break,
        }
    }
    let want: Vec<i64> = desc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(back, want);
}

#[tokio::test]
async fn bad_event_parameters_are_clear_400s() {
    bad_request("/api/events?limit=0", "limit").await;
    bad_request("/api/events?limit=100000", "1 to 500").await;
    bad_request("/api/events?limit=ten", "limit").await;
    bad_request("/api/events?offset=-1", "offset").await;
    bad_request("/api/events?offset=2&cursor=2024-01-01~5", "not both").await;
    bad_request("/api/events?cursor=garbage", "cursor").await;
    bad_request("/api/events?type=PARTY", "not a PLOVER event type").await;
    bad_request("/api/events?dyad=KAZ", "two country codes").await;
    bad_request("/api/events?dyad=KAZ,KAZ", "twice").await;
    bad_request("/api/events?dyad=KAZAKHSTAN,RUS", "not a country code").await;
    bad_request("/api/events?from=yesterday", "from").await;
    bad_request("/api/events?from=2024-13", "from").await;
    bad_request("/api/events?to=2024-02-30x", "to").await;
    bad_request("/api/events?from=2024-05-01&to=2024-04-01", "after").await;
    bad_request("/api/events?lang=english", "lang").await;
    bad_request("/api/events?located=maybe", "located").await;
    bad_request("/api/events?order=sideways", "order").await;
    bad_request("/api/events?colour=red", "unknown parameter \"colour\"").await;
}

#[tokio::test]
async fn event_detail_has_sentences_and_reports() {
    let page = ok("/api/events?dyad=KAZ,RUS&q=Tokayev").await;
    let ev = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["document"]["doc_id"] == "kz-ru-en")
        .expect("the English report")
        .clone();
    let id = ev["id"].as_i64().unwrap();
    let d = ok(&format!("/api/events/{id}")).await;
    assert_eq!(d["id"], id);
    let sentence = d["sentences"][0]["text"]
        .as_str()
        .expect("the sentence text is kept for posted reports");
    assert!(
        sentence.contains("Tokayev") && sentence.contains("Moscow"),
        "{sentence}"
    );
    // The spans point into the document text.
    let [a, b] = [
        d["trigger_span"][0].as_u64().unwrap() as usize,
        d["trigger_span"][1].as_u64().unwrap() as usize,
    ];
    let text: String = crate::REPORTS[0].4.chars().skip(a).take(b - a).collect();
    assert_eq!(text, d["trigger"].as_str().unwrap());
    // The English and the Russian report of the meeting are one story.
    let reports: Vec<&str> = d["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["document"]["doc_id"].as_str().unwrap())
        .collect();
    assert!(reports.contains(&"kz-ru-en"), "{reports:?}");

    let (status, json) = send(&app(), get("/api/events/999999")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
    assert!(json["error"].as_str().unwrap().contains("999999"));
    bad_request("/api/events/abc", "not a number").await;
    bad_request("/api/events/-4", "not a number").await;
}

#[tokio::test]
async fn dyad_series_counts_by_period() {
    let s = ok("/api/dyads/KAZ/RUS/series?interval=month").await;
    assert_eq!(s["dyad"], serde_json::json!(["KAZ", "RUS"]));
    let buckets = s["buckets"].as_array().unwrap();
    let march = buckets
        .iter()
        .find(|b| b["period"] == "2024-03")
        .expect("March 2024");
    assert!(march["events"].as_i64().unwrap() >= 2, "{s}");
    assert!(march["by_type"]["CONSULT"].as_i64().unwrap() >= 2, "{s}");
    assert!(march["mean_score"].as_f64().unwrap() > 0.0);
    let total: i64 = buckets.iter().map(|b| b["events"].as_i64().unwrap()).sum();
    let listed = ok("/api/events?dyad=KAZ,RUS&limit=500").await["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["day_lo"].is_null())
        .count();
    assert_eq!(total as usize, listed);

    let week = ok("/api/dyads/kaz/rus/series?interval=week").await;
    for b in week["buckets"].as_array().unwrap() {
        let p = b["period"].as_str().unwrap();
        assert_eq!(p.len(), 10, "weeks are named by their Monday: {p}");
    }
    let day = ok("/api/dyads/RUS/UKR/series?interval=day&directed=true").await;
    let days = day["buckets"].as_array().unwrap();
    assert!(!days.is_empty(), "{day}");
    assert!(
        days.iter().all(|b| b["mean_score"].as_f64().unwrap() < 0.0),
        "{day}"
    );
    assert!(
        ok("/api/dyads/UKR/RUS/series?directed=true&type=ASSAULT").await["buckets"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!ok("/api/dyads/RUS/KAZ/series?lang=ru").await["buckets"]
        .as_array()
        .unwrap()
        .is_empty());

    // The roll-up answers as the events do.
    let conn = rusqlite::Connection::open(&fixture().db).unwrap();
    annals_server::db::refresh_rollup(&conn).unwrap();
    assert!(annals_server::db::rollup_fresh(&conn).unwrap());
    use annals_server::filter::{EventFilter, Interval};
    for (a, b, directed) in [
        ("KAZ", "RUS", false),
        ("RUS", "KAZ", false),
        ("RUS", "UKR", true),
        ("KAZ", "CHN", false),
    ] {
        for (interval, (from, to)) in [Interval::Day, Interval::Week, Interval::Month]
            .into_iter()
            .flat_map(|i| {
                [
                    ("2024-01-01", "2024-07-31"),
                    ("2024-03-12", "2024-03-12"),
                    ("2024-03-01", "2024-06-31"),
                ]
                .map(move |r| (i, r))
            })
        {
            let f = EventFilter {
                from: Some(from.into()),
                to: Some(to.into()),
                ..Default::default()
            };
            let rolled = serde_json::to_value(
                annals_server::queries::dyad_series(&conn, a, b, directed, interval, &f).unwrap(),
            )
            .unwrap();
            let counted = serde_json::to_value(
                annals_server::queries::dyad_series_events(&conn, a, b, directed, interval, &f)
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(rolled, counted, "{a} {b} {directed} {interval:?}");
        }
    }

    bad_request("/api/dyads/KAZ/RUS/series?interval=year", "interval").await;
    bad_request("/api/dyads/KAZ/KAZ/series", "twice").await;
    bad_request("/api/dyads/K1Z/RUS/series", "country code").await;
    bad_request("/api/dyads/KAZ/RUS/series?directed=perhaps", "directed").await;
    bad_request(
        "/api/dyads/KAZ/RUS/series?dyad=KAZ,CHN",
        "unknown parameter",
    )
    .await;
}

#[tokio::test]
async fn actors_search_and_profile() {
    let hits = ok("/api/actors?q=tokay").await;
    let first = &hits[0];
    assert!(
        first["name"].as_str().unwrap().contains("Tokayev"),
        "{hits}"
    );
    let by_code = ok("/api/actors?q=RUS&limit=5").await;
    assert!(
        by_code
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["country"] == "RUS"),
        "{by_code}"
    );
    bad_request("/api/actors?q=a", "2 to 100").await;
    bad_request("/api/actors", "2 to 100").await;
    bad_request("/api/actors?q=putin&limit=1000", "limit").await;

    let name = first["name"].as_str().unwrap();
    let p = ok(&format!("/api/actors/{}", name.replace(' ', "%20"))).await;
    assert_eq!(p["name"], name);
    assert!(p["as_actor"].as_i64().unwrap() >= 1);
    assert!(p["countries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "KAZ"));
    assert!(
        p["by_type"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["key"] == "CONSULT"),
        "{p}"
    );
    assert!(
        p["partners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["key"] == "RUS"),
        "{p}"
    );
    assert!(!p["recent"].as_array().unwrap().is_empty());
    let (status, json) = send(&app(), get("/api/actors/Nobody%20Atall")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
}

#[tokio::test]
async fn document_view_has_text_spans_and_events() {
    let page = ok("/api/events?q=Kharkiv").await;
    let doc = page["events"][0]["document"]["id"].as_i64().unwrap();
    let d = ok(&format!("/api/documents/{doc}")).await;
    assert_eq!(d["doc_id"], "ru-ua-en");
    assert_eq!(d["text"], crate::REPORTS[3].4);
    assert_eq!(d["sentences"][0]["text"], crate::REPORTS[3].4);
    assert!(!d["entities"].as_array().unwrap().is_empty());
    let ev = &d["events"][0];
    let text = d["text"].as_str().unwrap();
    for party in ev["actors"]
        .as_array()
        .unwrap()
        .iter()
        .chain(ev["recipients"].as_array().unwrap())
    {
        let [a, b] = [
            party["span"][0].as_u64().unwrap() as usize,
            party["span"][1].as_u64().unwrap() as usize,
        ];
        assert_eq!(
            text.chars().skip(a).take(b - a).collect::<String>(),
            party["text"].as_str().unwrap()
        );
    }
    let (status, _) = send(&app(), get("/api/documents/424242")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    bad_request("/api/documents/1.5", "not a number").await;
}

#[tokio::test]
async fn stories_list_and_detail() {
    let page = ok("/api/stories?dyad=KAZ,RUS").await;
    let stories = page["stories"].as_array().unwrap();
    assert!(!stories.is_empty(), "{page}");
    let multi = ok("/api/stories?min_reports=2").await;
    for s in multi["stories"].as_array().unwrap() {
        assert!(s["reports"].as_i64().unwrap() >= 2);
        assert!(s["members"].as_array().unwrap().len() >= 2);
    }
    let id = stories[0]["id"].as_i64().unwrap();
    let s = ok(&format!("/api/stories/{id}")).await;
    assert_eq!(s["id"], id);
    assert!(!s["members"].as_array().unwrap().is_empty());
    assert!(s["members"][0]["reason"].is_string());
    let (status, _) = send(&app(), get("/api/stories/777777")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    bad_request("/api/stories/x", "not a number").await;
    bad_request("/api/stories?min_reports=0", "min_reports").await;
    bad_request("/api/stories?limit=101", "limit").await;
}

#[tokio::test]
async fn map_points_have_coordinates() {
    let pts = ok("/api/map").await;
    let pts = pts.as_array().unwrap();
    assert!(!pts.is_empty());
    for p in pts {
        assert!(
            p["lat"].as_f64().unwrap().abs() <= 90.0 && p["lon"].as_f64().unwrap().abs() <= 180.0
        );
    }
    assert!(pts.iter().any(|p| p["location"] == "Moscow"));
    let kz = ok("/api/map?dyad=KAZ,CHN").await;
    assert!(
        kz.as_array()
            .unwrap()
            .iter()
            .all(|p| p["location"] == "Astana"),
        "{kz}"
    );
    bad_request("/api/map?limit=20000", "limit").await;
}

#[tokio::test]
async fn export_endpoint_writes_each_format() {
    let (status, headers, body) = raw(&app(), get("/api/export?format=plover&dyad=KAZ,RUS")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/x-ndjson");
    let lines: Vec<Value> = String::from_utf8(body)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2);
    assert!(lines
        .iter()
        .all(|l| l["cameo"].is_string() && l["event"].is_string()));
    let (status, headers, body) = raw(&app(), get("/api/export?format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("annals-events.csv"));
    assert!(String::from_utf8(body).unwrap().starts_with("id,date,"));
    let (status, _, body) = raw(&app(), get("/api/export?format=tsv&limit=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 2);
    bad_request("/api/export?format=xlsx", "format").await;
    bad_request("/api/export", "format").await;
    bad_request("/api/export?format=csv&limit=2000000", "limit").await;
    if !cfg!(feature = "parquet") {
        bad_request("/api/export?format=parquet", "without Parquet").await;
    }
}

#[tokio::test]
async fn posting_needs_the_token() {
    let body = serde_json::json!({"text": "Poland and Lithuania held talks on border security in Vilnius on Friday.", "lang": "en", "published": "2024-08-02"});
    let (status, json) = send(&app(), post_json("/api/reports", &body, None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{json}");
    assert!(json["error"].as_str().unwrap().contains("token"));
    let (status, _) = send(
        &app(),
        post_json("/api/reports", &body, Some("wrong-token")),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, json) = send(&app(), post_json("/api/reports", &body, Some(TOKEN))).await;
    assert!(
        status == StatusCode::CREATED || status == StatusCode::OK,
        "{json}"
    );
    // The same text again is a duplicate, not a new document.
    let (status, again) = send(&app(), post_json("/api/reports", &body, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["created"], false);
    assert_eq!(again["document"], json["document"]);

    // A read-only server refuses writes whatever the token.
    let ro = annals_server::AppState::open(annals_server::Config {
        db: fixture().db.clone(),
        token: None,
        coder: None,
    })
    .unwrap();
    let (status, json) = send(
        &annals_server::router(ro),
        post_json("/api/reports", &body, Some(TOKEN)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert!(json["error"].as_str().unwrap().contains("read-only"));
}

#[tokio::test]
async fn bad_posts_are_clear() {
    let (status, json) = send(
        &app(),
        post_json(
            "/api/reports",
            &serde_json::json!({"txt": "x"}),
            Some(TOKEN),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert!(json["error"].as_str().unwrap().contains("JSON"));
    let (status, json) = send(
        &app(),
        post_json(
            "/api/reports",
            &serde_json::json!({"text": "   "}),
            Some(TOKEN),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert!(json["error"].as_str().unwrap().contains("empty"), "{json}");
    let (status, json) = send(
        &app(),
        post_json(
            "/api/reports",
            &serde_json::json!({"text": "Talks.", "published": "last week"}),
            Some(TOKEN),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    let big = "Talks were held. ".repeat(80_000);
    let (status, json) = send(
        &app(),
        post_json(
            "/api/reports",
            &serde_json::json!({"text": big}),
            Some(TOKEN),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
    assert!(json["error"].as_str().unwrap().contains("larger than"));
    let req = Request::post("/api/reports")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::from("text=hello"))
        .unwrap();
    let (status, json) = send(&app(), req).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{json}");
}

#[tokio::test]
async fn openapi_lists_every_endpoint() {
    let doc = ok("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/events",
        "/api/events/{id}",
        "/api/dyads/{a}/{b}/series",
        "/api/actors",
        "/api/actors/{name}",
        "/api/documents/{id}",
        "/api/stories",
        "/api/stories/{id}",
        "/api/map",
        "/api/export",
        "/api/reports",
        "/api/overview",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    let (status, json) = send(&app(), get("/api/nothing/here")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json["error"].as_str().unwrap().contains("openapi"));
}

#[tokio::test]
async fn static_files_cannot_escape() {
    let (status, headers, body) = raw(&app(), get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(String::from_utf8(body).unwrap().contains("/assets/app.js"));
    let (status, _, _) = raw(&app(), get("/assets/app.js")).await;
    assert_eq!(status, StatusCode::OK);
    for uri in [
        "/assets/..%2F..%2FCargo.toml",
        "/assets/../Cargo.toml",
        "/assets/%2e%2e%2fsrc%2flib.rs",
        "/assets/",
        "/etc/passwd",
        "/assets/..%5c..%5cCargo.toml",
    ] {
        let (status, _, body) = raw(&app(), get(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            !String::from_utf8_lossy(&body).contains("[package]"),
            "{uri}"
        );
    }
}

#[test]
fn weeks_start_on_monday() {
    use annals_server::filter::Interval;
    use annals_server::queries::period_of;
    assert_eq!(period_of("2024-03-12", Interval::Week), "2024-03-11");
    assert_eq!(period_of("2024-03-11", Interval::Week), "2024-03-11");
    assert_eq!(period_of("2024-03-10", Interval::Week), "2024-03-04");
    assert_eq!(period_of("2021-01-01", Interval::Week), "2020-12-28");
    assert_eq!(period_of("2024-03-12", Interval::Month), "2024-03");
}
