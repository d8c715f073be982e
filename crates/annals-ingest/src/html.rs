//! HTML pages: the article's main text (Readability, via `dom_smoothie`: menus, footers and
//! teasers dropped) and its metadata from meta tags, JSON-LD and `<html lang>`.

use crate::decode::{decode, iso_date, lang_code, sniff_html_charset};
use crate::{ErrorKind, Item, RawDoc, SourceError};
use dom_smoothie::{Config, Readability, TextMode};

/// Shortest main text (characters) taken as an article; shorter pages are menus or stubs.
pub const MIN_ARTICLE_CHARS: usize = 80;

/// Metadata read from the page's head before extraction.
#[derive(Default, Debug)]
struct Head {
    lang: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// `inLanguage`, `url` and `datePublished` of the article objects in the page's JSON-LD
/// (a single object, an array, or an `@graph`).
fn json_ld(doc: &dom_query::Document) -> Head {
    fn visit(v: &serde_json::Value, out: &mut Head) {
        match v {
            serde_json::Value::Array(items) => items.iter().for_each(|i| visit(i, out)),
            serde_json::Value::Object(map) => {
                let text = |k: &str| map.get(k).and_then(|x| x.as_str()).map(str::to_string);
                let is_article = map
                    .get("@type")
                    .and_then(|t| t.as_str())
                    .is_some_and(|t| t.contains("Article") || t == "WebPage");
                if is_article || map.contains_key("datePublished") {
                    out.lang = out.lang.take().or_else(|| text("inLanguage"));
                    out.url = out.url.take().or_else(|| text("url"));
                    out.published = out.published.take().or_else(|| text("datePublished"));
                }
                if let Some(graph) = map.get("@graph") {
                    visit(graph, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Head::default();
    for script in doc.select("script[type='application/ld+json']").iter() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(script.text().trim()) {
            visit(&v, &mut out);
        }
    }
    out
}

fn head(doc: &dom_query::Document) -> Head {
    let attr = |sel: &str, name: &str| {
        doc.select(sel)
            .attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let ld = json_ld(doc);
    let lang = attr("html", "lang")
        .or_else(|| attr("meta[http-equiv='content-language']", "content"))
        .or_else(|| attr("meta[property='og:locale']", "content"))
        .or_else(|| ld.lang.clone());
    let url = attr("link[rel='canonical']", "href")
        .or_else(|| attr("meta[property='og:url']", "content"))
        .or_else(|| ld.url.clone());
    let published = [
        ("meta[property='article:published_time']", "content"),
        ("meta[name='date']", "content"),
        ("meta[name='pubdate']", "content"),
        ("meta[name='publish-date']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='dc.date']", "content"),
        ("time[datetime]", "datetime"),
    ]
    .iter()
    .find_map(|(sel, name)| attr(sel, name).and_then(|v| iso_date(&v)))
    .or_else(|| ld.published.as_deref().and_then(iso_date));
    Head {
        lang: lang.and_then(|l| lang_code(&l)),
        url,
        published,
    }
}

/// The document of an HTML page. `url` and `date` come from the crawl (WARC) when known; the
/// page's own canonical URL and publication date win over them.
pub fn document(
    source: &str,
    id: String,
    bytes: &[u8],
    declared_charset: Option<&str>,
    url: Option<&str>,
    date: Option<&str>,
) -> Item {
    let charset = declared_charset
        .map(str::to_string)
        .or_else(|| sniff_html_charset(bytes));
    let html = decode(bytes, charset.as_deref());
    let no_text = |why: &str| {
        Item::Error(SourceError { source: source.to_string(), id: Some(id.clone()), kind: ErrorKind::NoArticleText, reason: format!("{source}: no article text found ({why}); give the page of a single report, not an index or a menu") })
    };
    let doc = dom_query::Document::from(html.as_str());
    let meta = head(&doc);
    let base = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut reader = match Readability::with_document(doc, base, Some(cfg)) {
        Ok(r) => r,
        Err(_) => match Readability::new(
            html.as_str(),
            None,
            Some(Config {
                text_mode: TextMode::Formatted,
                ..Default::default()
            }),
        ) {
            Ok(r) => r,
            Err(e) => return no_text(&e.to_string()),
        },
    };
    let article = match reader.parse() {
        Ok(a) => a,
        Err(e) => return no_text(&e.to_string()),
    };
    let text = tidy(&article.text_content);
    if text.chars().count() < MIN_ARTICLE_CHARS {
        return no_text(&format!("{} characters of main text", text.chars().count()));
    }
    let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    let published = meta
        .published
        .or_else(|| article.published_time.as_deref().and_then(iso_date))
        .or_else(|| date.and_then(iso_date));
    let lang = meta
        .lang
        .or_else(|| article.lang.as_deref().and_then(lang_code));
    let url = meta
        .url
        .filter(|u| u.starts_with("http"))
        .or_else(|| article.url.clone().filter(|u| u.starts_with("http")))
        .or(url.map(str::to_string));
    Item::Doc(RawDoc {
        source: source.to_string(),
        id,
        text,
        lang,
        published,
        url,
        title,
    })
}

/// Trims each line and collapses runs of blank lines into paragraph breaks.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// The visible text of an HTML fragment (a feed item's description).
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_string();
    }
    tidy(&dom_query::Document::fragment(html).formatted_text())
}
