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
        // UTF-8 read as Windows-1252 ("â€œ" for "“", "Ã©" for "é"): the character it was.
        // (ASCII is never part of it: the common case costs one test.)
        let mended = if c.is_ascii() { None } else { mojibake(c, chars.clone().map(|(_, n)| n)) };
        if let Some((fixed, used)) = mended {
            for _ in 0..used {
                chars.next();
            }
            let fixed = replacement(fixed).unwrap_or(Some(fixed));
            if let Some(f) = fixed {
                push(&mut text, &mut map, f, ci);
            }
            continue;
        }
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

/// The byte Windows-1252 writes as `c` (a lost byte shows as U+FFFD: taken as 0x9D, the
/// last byte of a closing quote "”", the usual victim).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        '\u{FFFD}' => 0x9D,
        c if (0x80..=0x9F).contains(&(c as u32)) => c as u8,
        _ => return None,
    })
}

/// A character written as UTF-8 but read as Windows-1252, starting with `c` and going on
/// with `rest`: the character and how many of `rest` it used.
fn mojibake(c: char, mut rest: impl Iterator<Item = char>) -> Option<(char, usize)> {
    let lead = cp1252_byte(c)?;
    let more = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    for _ in 0..more {
        let b = cp1252_byte(rest.next()?)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes.push(b);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some((decoded, more))
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
    fn utf8_read_as_windows_1252_is_mended() {
        let original = "â€œwe demand a banâ€�, said the convenor of the cafÃ©";
        let n = normalise(original);
        assert_eq!(n.text, "“we demand a ban”, said the convenor of the café");
        // Spans still point at the original characters.
        let b = n.text.find("we").unwrap();
        assert_eq!(n.orig_char(b), 3);
        // Real text stays as it is.
        let plain = "Größe, Ärger, “Zitat” – café";
        assert_eq!(normalise(plain).text, "Größe, Ärger, “Zitat” – café");
    }

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
