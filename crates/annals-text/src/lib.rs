//! Text stages of the Annals pipeline: normalisation with an offset map back to the original,
//! language identification, per-language grammar word lists, sentence splitting and tokens.
//!
//! [`Prepared`] is what the later stages consume: the normalised text with its sentences and
//! tokens, every offset a byte offset into the normalised text that
//! [`normalise::Normalised::orig_char`] turns back into a character offset of the original.
//!
//! ```
//! use annals_text::{prepare, Grammar};
//! use annals_core::Lang;
//! let g = Grammar::default();
//! let p = prepare("Putin traf Tokajew. Dann reiste er ab.", Lang::De, &g);
//! assert_eq!(p.sentences.len(), 2);
//! assert_eq!(p.token_text(0), "Putin");
//! ```

pub mod fold;
pub mod grammar;
pub mod lang;
pub mod normalise;
pub mod sentences;
pub mod tokens;
pub mod wordset;

pub use grammar::Grammar;
pub use tokens::{Token, TokenKind};

use annals_core::{Lang, Span};

/// A sentence: its span and the range of its tokens.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

/// A normalised, split and tokenised text.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub norm: normalise::Normalised,
    pub lang: Lang,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// The text is written without capitals (some feeds lowercase everything): names
    /// cannot be told by their capital letter.
    pub caseless: bool,
    /// The original text, kept only where normalisation changed it.
    original: Option<String>,
}

impl Prepared {
    /// The text of token `i` as it stands in the normalised text.
    pub fn token_text(&self, i: usize) -> &str {
        let s = self.tokens[i].span;
        &self.norm.text[s.start..s.end]
    }

    /// The normalised text under a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.norm.text[span.start..span.end]
    }

    /// The normalised text of tokens `range` (from the first one's start to the last one's
    /// end).
    pub fn slice_tokens(&self, range: std::ops::Range<usize>) -> &str {
        let end = range.end.max(range.start + 1);
        self.slice(Span::new(self.tokens[range.start].span.start, self.tokens[end - 1].span.end))
    }

    /// The original characters under a span of the normalised text: what a record quotes
    /// must be what its span points at (a typographic apostrophe stays one).
    pub fn orig_text(&self, span: Span) -> String {
        match &self.original {
            None => self.slice(span).to_string(),
            Some(orig) => {
                let [s, e] = self.orig_span(span);
                orig.chars().skip(s).take(e.saturating_sub(s)).collect()
            }
        }
    }

    /// A span of the normalised text as character offsets into the original text.
    pub fn orig_span(&self, span: Span) -> [usize; 2] {
        [
            self.norm.orig_char(span.start),
            self.norm.orig_char(span.end),
        ]
    }
}

/// Runs the text stages: normalise, split into sentences, tokenise.
pub fn prepare(text: &str, lang: Lang, grammar: &Grammar) -> Prepared {
    let norm = normalise::normalise(text);
    let tokens = tokens::tokenize(&norm.text);
    let caseless = is_caseless(&norm.text);
    let sentences = sentences::split(&norm.text, &tokens, grammar, caseless);
    let original = (norm.text != text).then(|| text.to_string());
    Prepared {
        norm,
        lang,
        sentences,
        tokens,
        caseless,
        original,
    }
}

/// Whether a word is a Roman numeral ("XXI", "II"): a monarch's ordinal or a century, never
/// a name of its own.
pub fn is_roman_numeral(word: &str) -> bool {
    word.len() > 1 && word.chars().all(|c| "IVXLCDM".contains(c))
}

/// Whether a text is written (almost) without capitals: of its first 5,000 letters fewer
/// than one in 200 is a capital, where news in any cased script has several in 100. Texts
/// under 200 letters are never judged caseless.
pub fn is_caseless(text: &str) -> bool {
    const LETTERS: usize = 5_000;
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in text.chars() {
        let (letter, capital) = if c.is_ascii() {
            (c.is_ascii_alphabetic(), c.is_ascii_uppercase())
        } else {
            (c.is_alphabetic(), c.is_uppercase())
        };
        if !letter {
            continue;
        }
        letters += 1;
        upper += usize::from(capital);
        // 25 capitals make one in 200 of the most letters counted: cased.
        if upper * 200 >= LETTERS || letters == LETTERS {
            break;
        }
    }
    letters >= 200 && upper * 200 < letters
}

#[cfg(test)]
mod tests {
    use super::is_caseless;

    #[test]
    fn a_text_without_capitals_is_caseless() {
        let lower = "lucknow: the action committee has sought a ban on the programme at the acquired land. holding a meeting on saturday, its convenor said that the proposed ceremony would be in violation of the supreme court order, and that the committee would hold demonstrations.";
        assert!(is_caseless(lower));
        let cased = "Lucknow: The action committee has sought a ban on the programme at the acquired land. Holding a meeting on Saturday, its convenor said that the proposed ceremony would be in violation of the Supreme Court order, and that the committee would hold demonstrations.";
        assert!(!is_caseless(cased));
        assert!(!is_caseless("short text without capitals"));
    }
}
