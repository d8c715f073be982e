//! Shared vocabulary of Annals: languages, spans, PLOVER types and the output records.
//!
//! Every other crate speaks these types. Nothing here does work beyond small conversions, so
//! the crate has no heavy dependencies. The main types:
//! - [`Lang`]: the languages Annals codes natively;
//! - [`plover::EventType`]: the 16 PLOVER event types with their conflict-cooperation scores;
//! - [`record::DocRecord`]: the coded document, the contract other tools read (JSON Lines).
//!
//! ```
//! use annals_core::{Lang, plover::EventType};
//! assert_eq!(Lang::parse("de"), Some(Lang::De));
//! assert_eq!(EventType::parse("CONSULT"), Some(EventType::Consult));
//! assert_eq!(EventType::Consult.score(Some("visit")), 4.0);
//! ```

pub mod data;
pub mod plover;
pub mod record;

use serde::{Deserialize, Serialize};

/// A language Annals codes without translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
    Ru,
    Kk,
}

impl Lang {
    /// Every supported language, in a stable order.
    pub const ALL: [Lang; 4] = [Lang::De, Lang::En, Lang::Ru, Lang::Kk];

    /// Parses an ISO 639-1 code (`de`, `en`, `ru`, `kk`), case-insensitively.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Some(Lang::De),
            "en" | "eng" | "english" => Some(Lang::En),
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            "kk" | "kaz" | "kazakh" => Some(Lang::Kk),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A half-open range of byte offsets into a text. Converted to character offsets only when a
/// record is written (see [`record::CharIndex`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}
