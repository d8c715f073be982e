//! RSS and Atom feeds (`feed-rs`): one document per item, its text the item's content or,
//! without one, its description.

use crate::decode::lang_code;
use crate::html::fragment_text;
use crate::{ErrorKind, Item, RawDoc, SourceError};

/// Whether XML bytes hold an RSS, RDF or Atom feed (its root element within the first 4 KB).
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    ["<rss", "<feed", "<rdf:RDF"]
        .iter()
        .any(|root| head.contains(root))
}

/// Reads the items of a feed file.
pub fn read(source: &str, bytes: &[u8], emit: &mut dyn FnMut(Item)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            emit(Item::Error(SourceError { source: source.to_string(), id: None, kind: ErrorKind::BadFeed, reason: format!("{source}: not a readable RSS or Atom feed ({e}); check the file is the feed itself, not an HTML page") }));
            return;
        }
    };
    let feed_lang = feed.language.as_deref().and_then(lang_code);
    for (n, entry) in feed.entries.into_iter().enumerate() {
        let here = format!("{source}#{}", n + 1);
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(fragment_text)
            .unwrap_or_default();
        let summary = entry
            .summary
            .as_ref()
            .map(|t| fragment_text(&t.content))
            .unwrap_or_default();
        let text = if content.len() >= summary.len() {
            content
        } else {
            summary
        };
        let id = if entry.id.is_empty() {
            here.clone()
        } else {
            entry.id.clone()
        };
        if text.trim().is_empty() {
            emit(Item::Error(SourceError { source: here.clone(), id: Some(id), kind: ErrorKind::NoArticleText, reason: format!("{here}: the feed item has no description or content; ingest the linked pages instead") }));
            continue;
        }
        let published = entry
            .published
            .or(entry.updated)
            .map(|d| d.to_rfc3339()[..10].to_string());
        let url = entry.links.first().map(|l| l.href.clone());
        let title = entry
            .title
            .as_ref()
            .map(|t| fragment_text(&t.content))
            .filter(|t| !t.is_empty());
        emit(Item::Doc(RawDoc {
            source: here,
            id,
            text,
            lang: feed_lang.clone(),
            published,
            url,
            title,
        }));
    }
}
