//! Word lists compiled for matching against tokens: exact forms, stems with a trailing `*`
//! (any ending), and multi-word forms (consecutive words), all case-insensitive.
//!
//! ```
//! use annals_text::{tokens::tokenize, wordset::PatternIndex};
//! let idx = PatternIndex::new(["besuch*", "hand over"].iter().map(|s| s.to_string()));
//! let toks = tokenize("Der Besuch; they hand over");
//! assert_eq!(idx.longest(&toks, 1), Some((0, 1)));
//! assert_eq!(idx.longest(&toks, 4), Some((1, 2)));
//! ```

use crate::tokens::{lower, Token};
use rustc_hash::FxHashMap as HashMap;

#[derive(Clone, Debug)]
enum Elem {
    Exact(String),
    Prefix(String),
}

impl Elem {
    fn parse(word: &str) -> Elem {
        match word.strip_suffix('*') {
            Some(stem) => Elem::Prefix(lower(stem)),
            None => Elem::Exact(lower(word)),
        }
    }

    fn matches(&self, word: &str) -> bool {
        match self {
            Elem::Exact(w) => w == word,
            Elem::Prefix(p) => {
                word.starts_with(p.as_str()) && word.len() > p.len().saturating_sub(1)
            }
        }
    }
}

/// A set of word patterns, each with the index it was given in.
#[derive(Clone, Debug, Default)]
pub struct PatternIndex {
    entries: Vec<Vec<Elem>>,
    exact: HashMap<String, Vec<usize>>,
    /// Patterns by their whole stem: a word is looked up by each of its prefixes.
    prefix: HashMap<String, Vec<usize>>,
    /// Shortest and longest stem length (in bytes), to bound those lookups.
    prefix_min: usize,
    prefix_max: usize,
    /// A bit per first character (modulo 64) of every pattern: most words are refused here.
    first_chars: u64,
}

fn char_bit(c: char) -> u64 {
    1u64 << (c as u32 % 64)
}

impl PatternIndex {
    /// Compiles patterns; pattern `k` is reported as id `k`. Empty patterns are kept as ids
    /// that never match.
    pub fn new(patterns: impl IntoIterator<Item = String>) -> PatternIndex {
        let mut idx = PatternIndex::default();
        for p in patterns {
            let elems: Vec<Elem> = p.split_whitespace().map(Elem::parse).collect();
            let id = idx.entries.len();
            if let Some(c) = elems.first().and_then(|e| match e {
                Elem::Exact(w) | Elem::Prefix(w) => w.chars().next(),
            }) {
                idx.first_chars |= char_bit(c);
            }
            match elems.first() {
                Some(Elem::Exact(w)) => idx.exact.entry(w.clone()).or_default().push(id),
                Some(Elem::Prefix(p)) => {
                    idx.prefix_min = if idx.prefix.is_empty() {
                        p.len()
                    } else {
                        idx.prefix_min.min(p.len())
                    };
                    idx.prefix_max = idx.prefix_max.max(p.len());
                    idx.prefix.entry(p.clone()).or_default().push(id);
                }
                None => {}
            }
            idx.entries.push(elems);
        }
        idx
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Calls `found(id, n_tokens)` for every pattern that matches at token `i`.
    pub fn each_match(&self, tokens: &[Token], i: usize, mut found: impl FnMut(usize, usize)) {
        let Some(tok) = tokens.get(i) else { return };
        let w = tok.lower.as_str();
        if w.chars()
            .next()
            .is_none_or(|c| self.first_chars & char_bit(c) == 0)
        {
            return;
        }
        let check = |id: usize, found: &mut dyn FnMut(usize, usize)| {
            let elems = &self.entries[id];
            if !elems[0].matches(w) {
                return;
            }
            for (k, e) in elems.iter().enumerate().skip(1) {
                match tokens.get(i + k) {
                    Some(t) if e.matches(&t.lower) => {}
                    _ => return,
                }
            }
            found(id, elems.len());
        };
        if let Some(ids) = self.exact.get(w) {
            for &id in ids {
                check(id, &mut found);
            }
        }
        self.each_prefix(w, |ids| {
            for &id in ids {
                check(id, &mut found);
            }
        });
    }

    /// Calls `f` with the patterns whose stem is a prefix of `w`.
    fn each_prefix(&self, w: &str, mut f: impl FnMut(&[usize])) {
        if self.prefix.is_empty() {
            return;
        }
        let hi = self.prefix_max.min(w.len());
        for (end, _) in w
            .char_indices()
            .skip(1)
            .chain(std::iter::once((w.len(), ' ')))
        {
            if end < self.prefix_min {
                continue;
            }
            if end > hi {
                break;
            }
            if let Some(ids) = self.prefix.get(&w[..end]) {
                f(ids);
            }
        }
    }

    /// The longest pattern matching at token `i`: (id, number of tokens).
    pub fn longest(&self, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        self.each_match(tokens, i, |id, n| {
            if best.is_none_or(|(_, bn)| n > bn) {
                best = Some((id, n));
            }
        });
        best
    }

    /// Whether a single lowercase word matches a one-word pattern.
    pub fn contains_word(&self, word: &str) -> bool {
        self.id_of_word(word).is_some()
    }

    /// The id of a one-word pattern a single lowercase word matches.
    pub fn id_of_word(&self, word: &str) -> Option<usize> {
        if word
            .chars()
            .next()
            .is_none_or(|c| self.first_chars & char_bit(c) == 0)
        {
            return None;
        }
        let one = |id: &&usize| self.entries[**id].len() == 1 && self.entries[**id][0].matches(word);
        if let Some(&id) = self.exact.get(word).and_then(|ids| ids.iter().find(one)) {
            return Some(id);
        }
        let mut hit = None;
        self.each_prefix(word, |ids| hit = hit.or_else(|| ids.iter().find(one).copied()));
        hit
    }
}

/// A plain set of word patterns (no ids needed).
pub type WordSet = PatternIndex;
