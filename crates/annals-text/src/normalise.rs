//! Normalisation: the text the rules read, with a map from each of its byte offsets back to a
//! character offset of the original, so that every span in the output points at the original.
//!
//! What changes: Unicode NFC composition (a decomposed "é" becomes one character), soft hyphens
//! and zero-width characters are dropped, every kind of space and line separator becomes a
//! plain space or newline, typographic apostrophes become `'`, control characters become spaces.

use unicode_normalization::UnicodeNormalization;

/// A normalised text and its offset map.
#[derive(Clone, Debug)]
pub struct Normalised {
    pub text: String,
    /// `map[b]` = character offset in the original of the byte `b` of `text` (len + 1 entries).
    map: Vec<u32>,
}

impl Normalised {
    /// The original character offset of a byte offset into the normalised text.
    pub fn orig_char(&self, byte: usize) -> usize {
        self.map[byte.min(self.map.len() - 1)] as usize
    }
}

fn replacement(c: char) -> Option<Option<char>> {
    Some(match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\t'
        | '\r' => Some(' '),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => Some('\n'),
        '\u{2019}' | '\u{02BC}' | '\u{2018}' | '\u{201B}' | '`' | '\u{00B4}' => Some('\''),
        c if c.is_control() && c != '\n' => Some(' '),
        _ => return None,
    })
}

/// Normalises `original`.
pub fn normalise(original: &str) -> Normalised {
    let mut text = String::with_capacity(original.len());
    let mut map = Vec::with_capacity(original.len() + 1);
    let mut chars = original.chars().enumerate().peekable();
    let mut cluster = String::new();
    while let Some((ci, c)) = chars.next() {
        if let Some(rep) = replacement(c) {
            if let Some(r) = rep {
                push(&mut text, &mut map, r, ci);
            }
            continue;
        }
        // Gather a base character with the combining marks after it, and compose them.
        let has_marks = chars.peek().is_some_and(|(_, n)| is_combining(*n));
        if !has_marks {
            push(&mut text, &mut map, c, ci);
            continue;
        }
        cluster.clear();
        cluster.push(c);
        while let Some((_, n)) = chars.peek() {
            if is_combining(*n) {
                cluster.push(*n);
                chars.next();
            } else {
                break;
            }
        }
        for composed in cluster.nfc() {
            push(&mut text, &mut map, composed, ci);
        }
    }
    map.push(original.chars().count() as u32);
    Normalised { text, map }
}

fn push(text: &mut String, map: &mut Vec<u32>, c: char, orig: usize) {
    text.push(c);
    for _ in 0..c.len_utf8() {
        map.push(orig as u32);
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_to_original_characters() {
        let original = "Erdog\u{0306}an\u{00AD}s Besuch";
        let n = normalise(original);
        assert_eq!(n.text, "Erdoğans Besuch");
        let b = n.text.find("Besuch").unwrap();
        let orig: Vec<char> = original.chars().collect();
        let start = n.orig_char(b);
        assert_eq!(orig[start..start + 6].iter().collect::<String>(), "Besuch");
        assert_eq!(n.orig_char(n.text.len()), orig.len());
    }

    #[test]
    fn typographic_apostrophes_and_spaces_are_plain() {
        let n = normalise("Putin\u{2019}s\u{00A0}visit");
        assert_eq!(n.text, "Putin's visit");
    }
}
