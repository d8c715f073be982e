//! Tokens: words (with inner hyphens, apostrophes and the dots of "U.S."), numbers and
//! punctuation, each a byte span of the normalised text plus a lowercase form for matching.

use annals_core::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Lowercase form (Russian ё read as е), for matching word lists.
    pub lower: String,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Whether whitespace (or the start of the text) stands right before the token.
    pub space_before: bool,
}

/// Lowercases a word the way every word list is compared: Unicode lowercase, ё as е.
pub fn lower(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'ё' | 'Ё' => s.push('е'),
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits a text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    let end_of = |k: usize| if k < n { chars[k].0 } else { text.len() };
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let space_before = i == 0 || chars[i - 1].1.is_whitespace();
        let mut j = i + 1;
        let kind;
        if c.is_numeric() {
            kind = TokenKind::Number;
            while j < n {
                let d = chars[j].1;
                if d.is_numeric() {
                    j += 1;
                } else if (d == '.' || d == ',' || d == '\'')
                    && j + 1 < n
                    && chars[j + 1].1.is_ascii_digit()
                {
                    j += 2;
                } else {
                    break;
                }
            }
        } else if is_word_char(c) {
            kind = TokenKind::Word;
            let mut dotted = false;
            while j < n {
                let d = chars[j].1;
                if is_word_char(d) {
                    j += 1;
                } else if (d == '-' || d == '\'') && j + 1 < n && is_word_char(chars[j + 1].1) {
                    j += 2;
                } else if d == '.'
                    && j + 1 < n
                    && chars[j + 1].1.is_alphabetic()
                    && (j - i) <= 2
                    && chars[i..j]
                        .iter()
                        .all(|(_, x)| x.is_uppercase() || *x == '.')
                {
                    // "U.S.", "U.K.": single capitals joined by dots
                    dotted = true;
                    j += 2;
                } else {
                    break;
                }
            }
            if dotted && j < n && chars[j].1 == '.' {
                j += 1;
            }
        } else {
            kind = TokenKind::Punct;
        }
        let end = end_of(j);
        let word = &text[start..end];
        tokens.push(Token {
            span: Span::new(start, end),
            kind,
            lower: lower(word),
            cap: c.is_uppercase(),
            space_before,
        });
        i = j;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| text[t.span.start..t.span.end].to_string())
            .collect()
    }

    #[test]
    fn hyphenated_names_and_dotted_acronyms_stay_whole() {
        assert_eq!(
            words("Qasym-Zhomart Toqaev traf U.S. officials."),
            ["Qasym-Zhomart", "Toqaev", "traf", "U.S.", "officials", "."]
        );
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words("Mehr als 80 % von 1.500,5 Tonnen"),
            ["Mehr", "als", "80", "%", "von", "1.500,5", "Tonnen"]
        );
    }

    #[test]
    fn yo_is_read_as_ye() {
        assert_eq!(tokenize("Всё")[0].lower, "все");
    }
}
