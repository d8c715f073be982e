//! The export writers over the fixture store.

use crate::fixture;
use annals_server::export::{self, Format};
use annals_server::filter::{EventFilter, Params};

fn export(format: Format, params: &[(&str, &str)]) -> Vec<u8> {
    let conn = rusqlite::Connection::open(&fixture().db).unwrap();
    let p: Params = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let f = EventFilter::parse(&p).unwrap();
    let mut out = Vec::new();
    export::write(&conn, &f, format, None, &mut out).unwrap();
    out
}

#[test]
fn plover_lines_carry_cameo_and_provenance() {
    let text = String::from_utf8(export(Format::Plover, &[])).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 5);
    for l in &lines {
        assert!(l["id"].as_str().unwrap().starts_with("annals-"));
        assert!(
            l["cameo"]
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_digit()),
            "{l}"
        );
        assert!(l["source"]["doc_id"].is_string());
        assert!(l["actor"].is_array() && l["aux"]["negated"].is_boolean());
    }
    let assault = lines
        .iter()
        .find(|l| l["event"] == "ASSAULT")
        .expect("the shelling");
    assert_eq!(assault["actor"][0]["country"], "RUS");
}

#[test]
fn csv_is_rectangular_and_quoted() {
    let text = String::from_utf8(export(Format::Csv, &[])).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert_eq!(header.split(',').count(), export::CSV_HEADER.len());
    // Triggers and names hold no commas here, so every row splits into the same columns
    // unless quoted; a quoted field must be balanced.
    for l in lines {
        assert_eq!(l.matches('"').count() % 2, 0, "{l}");
    }
    assert_eq!(
        export::csv_line(&["a,b".into(), "say \"no\"".into()]),
        "\"a,b\",\"say \"\"no\"\"\"\n"
    );
}

#[test]
fn gdelt_tsv_has_cameo_codes_and_quad_classes() {
    let text = String::from_utf8(export(Format::Tsv, &[("type", "ASSAULT")])).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header, export::GDELT_HEADER.to_vec());
    let row: Vec<&str> = lines.next().expect("one assault").split('\t').collect();
    assert_eq!(row.len(), header.len());
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("SQLDATE").len(), 8);
    assert!(col("EventCode").starts_with(col("EventRootCode")));
    assert_eq!(col("QuadClass"), "4", "an assault is material conflict");
    assert_eq!(col("Actor1CountryCode"), "RUS");
    assert_eq!(col("PLOVEREvent"), "ASSAULT");
    assert_eq!(export::quad_class("042"), 1);
    assert_eq!(export::quad_class("0873"), 2);
    assert_eq!(export::quad_class("112"), 3);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let bytes = export(Format::Parquet, &[]);
    let path = fixture().db.with_extension("parquet");
    std::fs::write(&path, bytes).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let rows = reader.metadata().file_metadata().num_rows();
    assert!(rows >= 5);
    assert_eq!(
        reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .num_columns(),
        export::CSV_HEADER.len()
    );
}
