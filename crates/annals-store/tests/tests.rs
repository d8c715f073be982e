//! The store against hand-made document records: idempotence, reopening, story merges, queries.

use annals_core::record::*;
use annals_store::{query::Filter, NewDocument, Store, Stored};

fn party(name: &str, country: &str) -> Ref {
    Ref {
        entity: None,
        name: name.into(),
        country: Some(country.into()),
        sector: Some("GOV".into()),
        text: name.into(),
        span: [0, 5],
    }
}

fn visit(id: &str, date: Option<&str>, published: &str, lang: &str) -> DocRecord {
    DocRecord {
        id: id.into(),
        lang: lang.into(),
        published: Some(published.into()),
        events: vec![EventRecord {
            event: "CONSULT".into(),
            mode: Some("visit".into()),
            cameo: "042".into(),
            contexts: vec![],
            actor: vec![party("Vladimir Putin", "RUS")],
            recipient: vec![party("Kazakhstan", "KAZ")],
            date: date.map(|d| DateRecord {
                value: d.into(),
                precision: if d.len() == 10 {
                    "day".into()
                } else {
                    "month".into()
                },
                text: d.into(),
                span: [10, 20],
            }),
            location: Some(LocationRecord {
                name: "Astana".into(),
                country: Some("KAZ".into()),
                lat: None,
                lon: None,
                text: "Astana".into(),
                span: [30, 36],
            }),
            aux: Aux::default(),
            trigger: TextSpan {
                text: "visit".into(),
                span: [6, 11],
            },
            mentions: vec![MentionRef {
                sentence: 0,
                span: [6, 11],
            }],
            score: 4.0,
            notes: vec![],
        }],
        sentences: vec![[0, 40]],
        ..Default::default()
    }
}

fn store_doc(store: &mut Store, rec: &DocRecord, text: &str, url: Option<&str>) -> Stored {
    store
        .insert(
            &NewDocument {
                source: &rec.id,
                text,
                url,
                hash: None,
            },
            rec,
        )
        .unwrap()
}

#[test]
fn same_text_or_same_url_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let rec = visit("a", Some("2024-05-14"), "2024-05-14", "en");
    assert!(matches!(
        store_doc(
            &mut store,
            &rec,
            "Putin visits Astana.",
            Some("https://example.org/a")
        ),
        Stored::Inserted { .. }
    ));
    assert_eq!(
        store_doc(&mut store, &rec, "putin   visits\nAstana.", None),
        Stored::Duplicate {
            existing: 1,
            by: "text"
        }
    );
    assert_eq!(
        store_doc(
            &mut store,
            &rec,
            "Other text.",
            Some("http://www.example.org/a/#top")
        ),
        Stored::Duplicate {
            existing: 1,
            by: "url"
        }
    );
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.events, stats.story_events),
        (1, 1, 1)
    );
}

#[test]
fn reopening_keeps_data_and_schema_version() {
    let dir = std::env::temp_dir().join(format!("annals-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut store = Store::open(&path).unwrap();
        store_doc(
            &mut store,
            &visit("a", None, "2024-05-14", "en"),
            "one",
            None,
        );
        store
            .record_error("x.txt", None, "binary", "binary file")
            .unwrap();
        store
            .record_error("x.txt", None, "binary", "binary file")
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 1);
    assert_eq!(stats.errors, vec![("binary".to_string(), 1)]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reports_of_one_visit_merge_and_a_visit_a_year_later_does_not() {
    let mut store = Store::open_in_memory().unwrap();
    store_doc(
        &mut store,
        &visit("en", Some("2024-05-14"), "2024-05-14", "en"),
        "en text",
        None,
    );
    store_doc(
        &mut store,
        &visit("de", Some("2024-05-15"), "2024-05-15", "de"),
        "de text",
        None,
    );
    store_doc(
        &mut store,
        &visit("ru", Some("2024-05"), "2024-05-16", "ru"),
        "ru text",
        None,
    );
    store_doc(
        &mut store,
        &visit("undated", None, "2024-05-15", "en"),
        "undated text",
        None,
    );
    store_doc(
        &mut store,
        &visit("later", Some("2025-05-14"), "2025-05-14", "en"),
        "later text",
        None,
    );
    let stories = store.stories(&Filter::default()).unwrap();
    assert_eq!(stories.len(), 2, "{stories:#?}");
    assert_eq!(stories[0].reports, 4);
    assert_eq!(stories[0].date.as_deref(), Some("2024-05-14"));
    assert!(
        stories[0].members[1].reason.contains("within ±1 day"),
        "{}",
        stories[0].members[1].reason
    );
    assert_eq!(stories[1].reports, 1);
    let dyad = store
        .events(&Filter {
            dyad: Some(("KAZ".into(), "RUS".into())),
            from: Some("2025-01-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(dyad.len(), 1);
    assert_eq!(dyad[0].document, "later");
    let by_actor = store
        .events(&Filter {
            actor: Some("Putin".into()),
            event: Some("consult".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_actor.len(), 5);
}
