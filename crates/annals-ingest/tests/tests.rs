//! Every source format against the fixtures in tests/fixtures/ingest/formats.

use annals_ingest::{read_sources, ErrorKind, Item, Options, RawDoc, SourceError};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ingest/formats")
        .join(name)
}

fn read_with(paths: &[PathBuf], opts: &Options) -> (Vec<RawDoc>, Vec<SourceError>, usize) {
    let (mut docs, mut errors, mut skipped) = (Vec::new(), Vec::new(), 0);
    read_sources(paths, opts, &mut |item, _| match item {
        Item::Doc(d) => docs.push(d),
        Item::Error(e) => errors.push(e),
        Item::Skipped { .. } => skipped += 1,
    });
    (docs, errors, skipped)
}

fn read(name: &str) -> (Vec<RawDoc>, Vec<SourceError>, usize) {
    read_with(&[fixture(name)], &Options::default())
}

#[test]
fn html_article_without_menus_and_with_metadata() {
    let (docs, errors, _) = read("article.html");
    assert!(errors.is_empty(), "{errors:?}");
    let d = &docs[0];
    assert!(
        d.text.starts_with("Kazakh President Kassym-Jomart Tokayev"),
        "{}",
        d.text
    );
    assert!(d.text.contains("model for the region"));
    for menu in [
        "Subscribe now",
        "Ten recipes",
        "All rights reserved",
        "Privacy",
    ] {
        assert!(
            !d.text.contains(menu),
            "menu text {menu:?} kept: {}",
            d.text
        );
    }
    assert_eq!(d.lang.as_deref(), Some("en"));
    assert_eq!(d.published.as_deref(), Some("2024-06-12"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://steppe-herald.example/politics/2024/06/tokayev-mirziyoyev-water")
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Tokayev and Mirziyoyev sign water agreement")
    );
}

#[test]
fn html_in_windows_1251_is_decoded() {
    let (docs, errors, _) = read("cp1251.html");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        docs[0]
            .text
            .contains("Министр иностранных дел России Сергей Лавров"),
        "{}",
        docs[0].text
    );
    assert!(!docs[0].text.contains("Главная"));
    assert_eq!(docs[0].lang.as_deref(), Some("ru"));
    assert_eq!(docs[0].published.as_deref(), Some("2025-03-04"));
}

#[test]
fn html_without_article_text_is_an_error() {
    let (docs, errors, _) = read("menu.html");
    assert!(docs.is_empty());
    assert_eq!(errors[0].kind, ErrorKind::NoArticleText);
    assert!(errors[0].reason.contains("menu.html"));
}

#[test]
fn rss_items_are_documents() {
    let (docs, errors, _) = read("news.rss");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Kazakhstan and China agreed on Tuesday to expand rail freight through the Khorgos border crossing, the transport ministry in Astana said.");
    assert_eq!(docs[0].published.as_deref(), Some("2024-07-03"));
    assert_eq!(
        docs[0].url.as_deref(),
        Some("https://ca-wire.example/2024/07/03/rail")
    );
    assert_eq!(docs[0].lang.as_deref(), Some("en"));
    assert_eq!(errors.len(), 1, "the empty item");
    assert_eq!(errors[0].kind, ErrorKind::NoArticleText);
    assert!(errors[0].source.ends_with("news.rss#3"));
}

#[test]
fn atom_entries_take_content_over_summary() {
    let (docs, errors, _) = read("news.atom");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0]
            .text
            .starts_with("Bundeskanzler Olaf Scholz hat am Dienstag"),
        "{}",
        docs[0].text
    );
    assert_eq!(docs[0].lang.as_deref(), Some("de"));
    assert_eq!(docs[0].published.as_deref(), Some("2024-09-10"));
    assert_eq!(
        docs[1].published.as_deref(),
        Some("2024-09-11"),
        "updated when there is no published"
    );
}

#[test]
fn jsonl_lines_with_errors_per_line() {
    let (docs, errors, _) = read("batch.jsonl");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["jl-1", "jl-2", "4", "jl-1-copy"]);
    assert_eq!(docs[1].published.as_deref(), Some("2024-08-21"));
    assert!(docs[0].source.ends_with("batch.jsonl:1"));
    let kinds: Vec<ErrorKind> = errors.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [ErrorKind::MissingText, ErrorKind::BadJson]);
    assert!(errors[1].source.ends_with("batch.jsonl:4"));
}

#[test]
fn warc_and_warc_gz_give_the_same_pages() {
    let (plain, e1, skipped) = read("crawl.warc");
    let (gz, e2, _) = read("crawl.warc.gz");
    assert!(e1.is_empty() && e2.is_empty(), "{e1:?} {e2:?}");
    assert_eq!(
        plain.len(),
        2,
        "two HTML responses; warcinfo, request and image are not reports"
    );
    assert_eq!(skipped, 1, "the PNG response");
    assert_eq!(
        plain.iter().map(|d| &d.text).collect::<Vec<_>>(),
        gz.iter().map(|d| &d.text).collect::<Vec<_>>()
    );
    assert_eq!(
        plain[0].url.as_deref(),
        Some("https://news.example/2024/10/01/minsk")
    );
    assert_eq!(plain[0].published.as_deref(), Some("2024-10-01"));
    assert!(
        plain[0]
            .text
            .starts_with("Belarusian President Alexander Lukashenko met"),
        "{}",
        plain[0].text
    );
    assert!(!plain[0].text.contains("Log in"));
}

#[test]
fn truncated_warc_keeps_the_records_before_the_cut() {
    let (docs, errors, _) = read("truncated.warc");
    assert_eq!(docs.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ErrorKind::TruncatedWarc);
    assert!(errors[0].reason.contains("cut short"));
}

#[test]
fn corrupt_gzip_is_an_error_not_a_crash() {
    let (docs, errors, _) = read("corrupt.warc.gz");
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ErrorKind::CorruptGzip);
    assert!(errors[0].reason.contains("corrupt.warc.gz"));
}

#[test]
fn binary_file_named_txt_is_refused() {
    let (docs, errors, _) = read("binary.txt");
    assert!(docs.is_empty());
    assert_eq!(errors[0].kind, ErrorKind::Binary);
}

#[test]
fn files_over_the_size_limit_are_refused_and_warc_records_skipped() {
    let small = Options {
        max_doc_bytes: 300,
        ..Options::default()
    };
    let (docs, errors, _) = read_with(
        &[
            fixture("article.html"),
            fixture("crawl.warc"),
            fixture("batch.jsonl"),
        ],
        &small,
    );
    assert!(errors
        .iter()
        .any(|e| e.kind == ErrorKind::TooLarge && e.source.ends_with("article.html")));
    assert_eq!(
        errors
            .iter()
            .filter(|e| e.kind == ErrorKind::TooLarge && e.source.contains("crawl.warc#"))
            .count(),
        2
    );
    assert!(
        docs.iter().any(|d| d.id == "jl-2"),
        "short lines still read"
    );
    assert!(docs.iter().all(|d| !d.source.contains("crawl.warc")));
}

#[test]
fn folders_are_walked_recursively_and_unknown_files_skipped() {
    let dir = std::env::temp_dir().join(format!("annals-ingest-walk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/b/deep.txt"), "Tokayev met Putin in Astana.").unwrap();
    std::fs::write(dir.join("a/picture.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "ignored").unwrap();
    std::fs::write(
        dir.join("a/sitemap.xml"),
        "<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>",
    )
    .unwrap();
    let (docs, errors, skipped) = read_with(std::slice::from_ref(&dir), &Options::default());
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "deep");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(skipped, 2, "the picture and the sitemap");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_ld_gives_date_url_and_language_when_meta_tags_do_not() {
    let (docs, errors, _) = read("jsonld.htm");
    assert!(errors.is_empty(), "{errors:?}");
    let d = &docs[0];
    assert!(
        d.text.starts_with("Die Außenminister Aserbaidschans"),
        "{}",
        d.text
    );
    assert!(!d.text.contains("Impressum") && !d.text.contains("Kultur"));
    assert_eq!(d.published.as_deref(), Some("2024-05-10"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://steppen-kurier.example/2024/05/10/almaty")
    );
    assert_eq!(d.lang.as_deref(), Some("de"));
}
