//! The compiled name matcher: every alias of every actor, as a sequence of word keys
//! ([`annals_text::fold::key`] of the word and of its dictionary stems), indexed by its first
//! word. A text word is looked up by its own key and the keys of its inflectional stems
//! ([`crate::inflect::stems`]), so one index serves every script, spelling and case form.

use crate::inflect;
use annals_core::Lang;
use annals_text::{fold, Token, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// How an alias names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AliasKind {
    /// A full name, or the official or common name of a state or organisation.
    Name,
    /// A person's surname alone ("Putin" after "Wladimir Putin").
    Surname,
    /// A country adjective ("russisch", "Kazakh", "российский").
    Adjective,
    /// A people ("Russians", "Kasachen", "россияне").
    Demonym,
    /// A capital city.
    Capital,
    /// A seat of power standing for a government ("Kremlin").
    Metonym,
    /// A city or region: a place, not an actor.
    Place,
    /// A role noun ("Außenminister").
    Role,
}

/// What an alias points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Entity(usize, AliasKind),
    Capital(usize),
    Place(usize),
    Role(usize),
}

impl Target {
    pub fn kind(self) -> AliasKind {
        match self {
            Target::Entity(_, k) => k,
            Target::Capital(_) => AliasKind::Capital,
            Target::Place(_) => AliasKind::Place,
            Target::Role(_) => AliasKind::Role,
        }
    }
}

#[derive(Clone, Debug)]
enum WordPat {
    /// Matches a word whose key, or the key of one of its stems, is among `keys`.
    Keys {
        keys: Vec<String>,
        /// The keys as numbers ([`Matcher::key_ids`]), filled when the matcher is built:
        /// a text word is compared by number, not by string.
        ids: Vec<u32>,
        /// Stems of a Cyrillic dictionary form whose word is never written bare
        /// ("Герман" is no form of "Германия", "российск" none of "российский"), unlike
        /// a plural's zero ending ("россиян", "высот"); their numbers come after `ids`
        /// is filled.
        needs_ending: Vec<String>,
        needs_ending_ids: Vec<u32>,
        /// The script a text word must be written in: a country's adjective or people is
        /// a word of its language, not a name that crosses scripts ("Герман" is a given
        /// name, not the English "German"). `None` for names.
        script: Option<Script>,
        cap: bool,
        /// The spellings of the word, lowercase ASCII ("beijing"): a caseless text must
        /// spell it so, for keys fold much ("being" and "Beijing" share one). Aliases that
        /// differ only here are one alias with every spelling.
        plain: Vec<String>,
        /// The spellings as written, lowercase, with their dictionary stems ("москва",
        /// "москв"): a town must be spelled so, not merely fold alike ("Союза" is no Sousse,
        /// "Zahlen" no Zahlé).
        exact: Vec<String>,
    },
    /// An acronym: the word exactly as written (a possessive `'s` allowed).
    Exact(String),
    /// A stem with a trailing `*` in the data: any word whose key starts with it.
    Prefix(String),
}

/// The script an alias word is bound to (see `WordPat::Keys::script`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Script {
    Latin,
    Cyrillic,
}

impl WordPat {
    /// What tells patterns apart (the spellings aside).
    fn identity(&self) -> (u8, Option<Script>, &[String], bool, &str) {
        match self {
            WordPat::Keys { keys, cap, script, .. } => (0, *script, keys, *cap, ""),
            WordPat::Exact(w) => (1, None, &[], false, w),
            WordPat::Prefix(p) => (2, None, &[], false, p),
        }
    }
}

impl PartialEq for WordPat {
    fn eq(&self, other: &Self) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for WordPat {}

impl std::hash::Hash for WordPat {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

struct Alias {
    words: Vec<WordPat>,
    lang: Option<Lang>,
    targets: Vec<Target>,
    /// The languages the data gave this alias in (a bit per [`Lang::ALL`] position; bit 7:
    /// given for every language): a caseless text only meets its own language's names.
    langs: u8,
    /// How a lowercase word of a caseless text may meet it.
    lower: Lower,
    /// It names towns or regions only: its words must be spelled as written.
    town: bool,
}

/// How a lowercase word of a caseless text may meet an alias: names of several words, and
/// the one-word names of states, bodies and towns (not a surname alone, nor a name that
/// opens with an article: "the left"); a town never in the plural ("acres" is no Acre).
fn lower_for(words: &[WordPat], targets: &[Target]) -> Lower {
    let article = matches!(&words[0], WordPat::Keys { plain, .. } if plain.iter().any(|p| ARTICLES.contains(&p.as_str())));
    let named = words.len() > 1
        || targets.iter().any(|t| {
            matches!(t, Target::Capital(_) | Target::Place(_))
                || matches!(
                    t,
                    Target::Entity(
                        _,
                        AliasKind::Name
                            | AliasKind::Adjective
                            | AliasKind::Demonym
                            | AliasKind::Capital
                            | AliasKind::Metonym
                    )
                )
        });
    if article || !named {
        Lower::No
    } else if targets.iter().all(|t| matches!(t, Target::Place(_))) {
        Lower::Exact
    } else {
        Lower::ExactOrPlural
    }
}

/// Whether a lowercase word of a caseless text may match a capitalised alias word.
#[derive(Clone, Copy)]
enum Lower {
    No,
    /// Spelled exactly so.
    Exact,
    /// Or with a plural or possessive s ("indians").
    ExactOrPlural,
}

/// Articles that open some names ("The Left", "Die Linke"): in a caseless text such a
/// name is the common phrase ("the left").
const ARTICLES: &[&str] = &["the", "die", "der", "das", "la", "le", "el", "al"];

/// The bit of a language in [`Alias::langs`].
fn lang_bit(lang: Option<Lang>) -> u8 {
    match lang {
        Some(l) => 1 << Lang::ALL.iter().position(|x| *x == l).unwrap_or(6),
        None => 1 << 7,
    }
}

/// A match of an alias at a position of a token list.
#[derive(Clone, Debug)]
pub struct Match {
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pub targets: Vec<Target>,
    /// The inflectional ending the last word carried ("" when none), e.g. "а" in "Путина".
    pub ending: &'static str,
}

impl Match {
    /// The first entity this match names through an alias of `kind`.
    pub fn entity(&self, kind: AliasKind) -> Option<usize> {
        self.targets.iter().find_map(|t| match *t {
            Target::Entity(i, k) if k == kind => Some(i),
            _ => None,
        })
    }

    /// The capital this match names, if any.
    pub fn capital(&self) -> Option<usize> {
        self.targets.iter().find_map(|t| match *t {
            Target::Capital(c) => Some(c),
            _ => None,
        })
    }

    /// The city or region this match names, if any.
    pub fn place(&self) -> Option<usize> {
        self.targets.iter().find_map(|t| match *t {
            Target::Place(c) => Some(c),
            _ => None,
        })
    }

    /// The role noun this match names, if any.
    pub fn role(&self) -> Option<usize> {
        self.targets.iter().find_map(|t| match *t {
            Target::Role(r) => Some(r),
            _ => None,
        })
    }
}

/// Keys of the words of one text, computed once and shared by every lookup.
pub struct TokenKeys {
    /// Per token: an index into `lists` (0 = no keys).
    of_token: Vec<u32>,
    lists: Vec<WordKeys>,
    /// The text has no capitals to go by (see [`TokenKeys::caseless`]).
    caseless: bool,
}

/// The keys of one word (its own and its stems' with their endings), shared between
/// documents through the thread's cache.
type WordKeys = std::rc::Rc<WordInfo>;

/// What the matcher knows of one word, computed once per distinct word and thread.
#[derive(Default)]
struct WordInfo {
    /// Its key and its stems' keys, with the ending each stem leaves.
    keys: Vec<(String, &'static str)>,
    /// Those of the keys some alias word has, as numbers ([`Matcher::key_ids`]).
    ids: Vec<(u32, &'static str)>,
    /// The aliases whose first word one of the keys can match, sorted.
    first: Vec<u32>,
    /// The word in lowercase ASCII (for caseless texts; empty for words without keys).
    plain: String,
    /// The word lowercase as written (ё as е), then the forms a town name may take in it:
    /// its Cyrillic case stems, or without a German genitive or adjective ending.
    spellings: Vec<String>,
}

impl TokenKeys {
    /// Computes the keys of every word token (number and punctuation tokens get none).
    pub fn new(text: &str, tokens: &[Token], matcher: &Matcher) -> TokenKeys {
        Self::for_lang(text, tokens, matcher, None)
    }

    /// [`TokenKeys::new`] for a text in a known language: Kazakh case suffixes are only
    /// stripped in Kazakh texts (or when the language is unknown).
    pub fn for_lang(
        text: &str,
        tokens: &[Token],
        matcher: &Matcher,
        lang: Option<Lang>,
    ) -> TokenKeys {
        let kazakh = lang.is_none_or(|l| l == Lang::Kk);
        // News repeats its words: each distinct word is folded once per document.
        let mut seen: FxHashMap<&str, u32> = FxHashMap::default();
        let mut lists: Vec<WordKeys> = vec![WordKeys::default()];
        let of_token = tokens
            .iter()
            .map(|t| {
                // Short words ("of", "в") are kept: they join many-word names ("Council of
                // Europe"); numbers too ("Group of 77"). The key filter drops the rest at once.
                if t.kind == TokenKind::Punct {
                    return 0;
                }
                let word = &text[t.span.start..t.span.end];
                *seen.entry(word).or_insert_with(|| {
                    let computed = cached_word_keys(word, matcher, kazakh);
                    if computed.keys.is_empty() {
                        return 0;
                    }
                    lists.push(computed);
                    (lists.len() - 1) as u32
                })
            })
            .collect();
        TokenKeys {
            of_token,
            lists,
            caseless: false,
        }
    }

    /// Marks the text as written without capitals: a name of several words, or of a state
    /// or organisation, then also matches in lowercase ("narendra modi", "pakistan"); a
    /// surname alone never does ("may" is no Theresa May).
    pub fn caseless(mut self, caseless: bool) -> TokenKeys {
        self.caseless = caseless;
        self
    }

    /// The keys of token `i`.
    pub fn of(&self, i: usize) -> &[(String, &'static str)] {
        &self.lists[self.of_token[i] as usize].keys
    }

    /// The numbered keys of token `i`.
    fn ids(&self, i: usize) -> &[(u32, &'static str)] {
        &self.lists[self.of_token[i] as usize].ids
    }

    /// Token `i` in lowercase ASCII ("" for a word without keys).
    fn plain(&self, i: usize) -> &str {
        &self.lists[self.of_token[i] as usize].plain
    }

    /// The spellings of token `i` a town name is checked against (see [`town_spellings`]).
    fn spellings(&self, i: usize) -> &[String] {
        &self.lists[self.of_token[i] as usize].spellings
    }

    /// The aliases that may start at token `i` (by its keys; acronyms aside).
    fn first(&self, i: usize) -> &[u32] {
        &self.lists[self.of_token[i] as usize].first
    }

    fn word_keys(word: &str, matcher: &Matcher, kazakh: bool) -> Vec<(String, &'static str)> {
        {
            {
                let full = fold::key(word);
                // (A two-letter key is its own prefix: "үй" in "Ақ үйдің".)
                let cyrillic = inflect::is_cyrillic(word);
                // (Cyrillic words also meet keys marked for Cyrillic only: "~пан".)
                let marked_prefix = || {
                    cyrillic && matcher.prefixes.contains(prefix3(&format!("~{full}")))
                };
                if !matcher.prefixes.contains(prefix3(&full))
                    && !matcher.prefixes.contains(prefix_n(&full, 2))
                    && !marked_prefix()
                {
                    return Vec::new();
                }
                // A Roman numeral ("XXI век") names nobody; its doubled letters would fold
                // to a name ("Xi").
                if annals_text::is_roman_numeral(word) {
                    return Vec::new();
                }
                let mut out = vec![(full, "")];
                let stems = if kazakh {
                    inflect::stems(word)
                } else {
                    inflect::stems_without_kazakh(word)
                };
                // A word in capitals is an acronym and takes no case ending ("КОКОМ" is no
                // Кок + ом).
                let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                let stems = if acronym && word.chars().count() > 1 { Vec::new() } else { stems };
                for (stem, ending) in stems.into_iter().skip(1) {
                    // An и before a vowel ending is the stem's ("демократию" is
                    // демократи-ю, no form of "демократы"; "Германию": Германи-ю).
                    if cyrillic && matches!(ending, "ии" | "ию" | "ия" | "ие") {
                        continue;
                    }
                    let k = fold::key(stem);
                    if cyrillic {
                        out.push((format!("~{k}"), ending));
                    }
                    if !out.iter().any(|(x, _)| *x == k) {
                        out.push((k, ending));
                    }
                }
                if cyrillic {
                    let marked = format!("~{}", out[0].0);
                    out.push((marked, ""));
                }
                // Only keys some alias word has (or a `*` stem may match) are ever looked
                // at: most words of a text then carry none and are skipped at once.
                out.retain(|(k, _)| {
                    matcher.key_ids.contains_key(k) || matcher.prefix_starts.contains(prefix3(k))
                });
                out
            }
        }
    }
}

thread_local! {
    /// Keys of words seen before on this thread: news vocabulary repeats across documents,
    /// so most words are folded once per run. Bounded: cleared past 500,000 words.
    static WORD_KEYS: std::cell::RefCell<FxHashMap<String, WordKeys>> = std::cell::RefCell::new(FxHashMap::default());
    /// The same for texts known not to be Kazakh (keys without the Kazakh stems).
    static WORD_KEYS_NO_KK: std::cell::RefCell<FxHashMap<String, WordKeys>> = std::cell::RefCell::new(FxHashMap::default());
}

fn cached_word_keys(word: &str, matcher: &Matcher, kazakh: bool) -> WordKeys {
    let cache = if kazakh { &WORD_KEYS } else { &WORD_KEYS_NO_KK };
    cache.with(|cache| {
        if let Some(k) = cache.borrow().get(word) {
            return k.clone();
        }
        let keys = TokenKeys::word_keys(word, matcher, kazakh);
        let mut first: Vec<u32> = keys
            .iter()
            .flat_map(|(k, _)| {
                let prefixed = if matcher.prefix_index.is_empty() {
                    None
                } else {
                    matcher.prefix_index.get(prefix3(k))
                };
                matcher.index.get(k).into_iter().chain(prefixed).flatten()
            })
            .map(|&id| id as u32)
            .collect();
        first.sort_unstable();
        first.dedup();
        let (plain, spellings) = if keys.is_empty() {
            (String::new(), Vec::new())
        } else {
            (fold::translit(word), town_spellings(word))
        };
        let ids = keys
            .iter()
            .filter_map(|(k, e)| matcher.key_ids.get(k.as_str()).map(|&id| (id, *e)))
            .collect();
        let k = WordKeys::new(WordInfo { keys, ids, first, plain, spellings });
        let mut c = cache.borrow_mut();
        if c.len() > 500_000 {
            c.clear();
        }
        c.insert(word.to_string(), k.clone());
        k
    })
}

fn prefix3(key: &str) -> &str {
    prefix_n(key, 3)
}

/// The first `n` characters of a key (all of it when shorter).
fn prefix_n(key: &str, n: usize) -> &str {
    let end = key
        .char_indices()
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or(key.len());
    &key[..end]
}

fn is_acronym(word: &str) -> bool {
    let mut n = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() || n == 5 {
            return false;
        }
        n += 1;
    }
    n >= 2
}

fn word_pat(word: &str) -> Option<WordPat> {
    if let Some(stem) = word.strip_suffix('*') {
        let k = fold::key(stem);
        return (!k.is_empty()).then_some(WordPat::Prefix(k));
    }
    if is_acronym(word) {
        return Some(WordPat::Exact(word.to_string()));
    }
    let full = fold::key(word);
    if full.is_empty() {
        return None;
    }
    let mut keys = vec![full];
    // Stems of Cyrillic dictionary forms (Амано -> Аман) only meet Cyrillic words: marked
    // with a leading '~' so that they never match a Latin word ("Amman").
    let mark = if inflect::is_cyrillic(word) { "~" } else { "" };
    // (The endings whose stem may stand bare in another case: a genitive plural.)
    const ZERO_CASE: &[&str] = &["а", "я", "ы", "и", "е"];
    let mut needs_ending = Vec::new();
    for s in inflect::dictionary_stems(word) {
        let k = format!("{mark}{}", fold::key(s));
        let ending = word.get(s.len()..).unwrap_or("").to_lowercase();
        if !mark.is_empty() && !ZERO_CASE.contains(&ending.as_str()) && !needs_ending.contains(&k) {
            needs_ending.push(k.clone());
        }
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    // A key the word also has bare (its own) is no stem only.
    needs_ending.retain(|k| *k != keys[0]);
    let cap = word.chars().next().is_some_and(|c| c.is_uppercase());
    let plain = vec![fold::translit(word)];
    let mut exact = vec![exact_form(word)];
    // A Latin name with diacritics may be written without them ("Samarra" for Sāmarrā’),
    // not the other way round ("Länder" is no Lander).
    if !inflect::is_cyrillic(word) && !word.is_ascii() {
        let bare = fold::translit(word);
        if !bare.is_empty() && !exact.contains(&bare) {
            exact.push(bare);
        }
    }
    for stem in inflect::dictionary_stems(word) {
        let st = exact_form(stem);
        if !exact.contains(&st) {
            exact.push(st);
        }
    }
    Some(WordPat::Keys { keys, ids: Vec::new(), needs_ending, needs_ending_ids: Vec::new(), script: None, cap, plain, exact })
}

/// A word as compared for exact spelling: lowercase, ё as е.
pub(crate) fn exact_form(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// The forms a word offers a town name: itself lowercase (ё as е), then its Cyrillic case
/// stems, or itself without a German genitive or adjective ending ("Wiens", "Wiener").
fn town_spellings(raw: &str) -> Vec<String> {
    let w = exact_form(raw);
    let mut out = vec![w.clone()];
    if inflect::is_cyrillic(raw) {
        out.extend(inflect::stems(&w).into_iter().skip(1).map(|(st, _)| st.to_string()));
    } else {
        out.extend(
            ["s", "'s", "er", "ern", "ers"]
                .iter()
                .filter_map(|e| w.strip_suffix(e).map(str::to_string)),
        );
    }
    out
}

/// Collects aliases; [`MatcherBuilder::build`] compiles them.
#[derive(Default)]
pub struct MatcherBuilder {
    pending: Vec<(String, Option<Lang>, Target, Option<Lang>)>,
    /// Names as the data gives them, counted by language and by script.
    by_lang: std::collections::BTreeMap<&'static str, usize>,
    by_script: std::collections::BTreeMap<&'static str, usize>,
}

/// The script a name is written in: Latin, Cyrillic, Greek or other.
fn script_of(name: &str) -> &'static str {
    let letters = || name.chars().filter(|c| c.is_alphabetic());
    if letters().any(|c| ('\u{0400}'..='\u{052F}').contains(&c)) {
        "Cyrillic"
    } else if letters().any(|c| ('\u{0370}'..='\u{03FF}').contains(&c)) {
        "Greek"
    } else if letters().all(|c| (c as u32) <= 0x024F || ('\u{1E00}'..='\u{1EFF}').contains(&c)) {
        "Latin"
    } else {
        "other"
    }
}

/// The word patterns of one alias, or `None` when it cannot be a name (no words, or one
/// short word that is not an acronym).
fn alias_words(alias: &str, lang: Option<Lang>, target: Target) -> Option<Vec<WordPat>> {
    let normalised = annals_text::normalise::normalise(alias).text;
    let tokens = annals_text::tokens::tokenize(&normalised);
    let mut words: Vec<WordPat> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct || normalised[t.span.start..t.span.end].ends_with('*'))
        .map(|t| {
            let mut w = normalised[t.span.start..t.span.end].to_string();
            if normalised[t.span.end..].starts_with('*') {
                w.push('*');
            }
            word_pat(&w)
        })
        .collect::<Option<_>>()?;
    // English role nouns list all their forms: no adjective stems ("protester" is not
    // "protest" + "er").
    if lang == Some(Lang::En) {
        for w in &mut words {
            if let WordPat::Keys { keys, .. } = w {
                keys.truncate(1);
            }
        }
    }
    // A one-word Cyrillic plural in -ы ("демократы") meets its other forms by its stem; its
    // full key would also be that of a stem in -и (демократи-ю, "democracy", folds alike).
    // (Not in names of several words: a Kazakh "шарт ұйымы" takes its case after the -ы.)
    if words.len() == 1
        && inflect::is_cyrillic(alias)
        && alias.ends_with('ы')
        && alias.chars().next().is_some_and(char::is_lowercase)
    {
        if let WordPat::Keys { keys, .. } = &mut words[0] {
            if keys.len() > 1 {
                keys.remove(0);
            }
        }
    }
    if matches!(target, Target::Entity(_, AliasKind::Adjective | AliasKind::Demonym)) {
        let own = if inflect::is_cyrillic(alias) { Script::Cyrillic } else { Script::Latin };
        for w in &mut words {
            if let WordPat::Keys { script, .. } = w {
                *script = Some(own);
            }
        }
    }
    let family = matches!(target, Target::Entity(_, AliasKind::Surname));
    // A surname or town written in Cyrillic only meets Cyrillic words: its Latin spellings
    // come from the Latin names ("Пан" of Пан Ги Мун is not the English "Pan", "Шарджа" not
    // the English "Sharia").
    let place = matches!(target, Target::Place(_));
    if (family || place) && words.len() == 1 && inflect::is_cyrillic(alias) {
        if let WordPat::Keys { keys, .. } = &mut words[0] {
            for k in keys.iter_mut().filter(|k| !k.starts_with('~')) {
                k.insert(0, '~');
            }
        }
    }
    // A single short word that is not an acronym is too ambiguous to be a name ("G7" with
    // its digit is not, nor a capitalised family name: "Xi", "Си").
    match words.as_slice() {
        [] => None,
        [WordPat::Keys { keys, cap, .. }]
            if keys[0].len() < 3
                && !keys[0].bytes().any(|b| b.is_ascii_digit())
                && !(family && *cap && keys[0].len() == 2) =>
        {
            None
        }
        _ => Some(words),
    }
}

impl MatcherBuilder {
    /// Adds an alias (any number of words) for a target; `lang` limits it to texts in that
    /// language (role nouns), `None` matches in every language.
    pub fn add(&mut self, alias: &str, lang: Option<Lang>, target: Target) {
        *self.by_lang.entry(lang.map_or("untagged", |l| l.code())).or_default() += 1;
        *self.by_script.entry(script_of(alias)).or_default() += 1;
        let given_in = lang;
        let lang = if matches!(target, Target::Role(_)) {
            lang
        } else {
            None
        };
        self.pending.push((alias.to_string(), lang, target, given_in));
    }

    /// The word patterns of every alias, in the order added, compiled on all cores. An
    /// alias given several times (a town's name in several languages, a surname of several
    /// people) is compiled once: what it compiles to depends only on its text, its language
    /// and whether it is a surname or a place.
    fn compile(pending: &[(String, Option<Lang>, Target, Option<Lang>)]) -> Vec<Option<Vec<WordPat>>> {
        use rayon::prelude::*;
        let class = |t: &Target| match t {
            Target::Entity(_, AliasKind::Surname) => 1u8,
            Target::Place(_) => 2,
            _ => 0,
        };
        let mut first: FxHashMap<(&str, Option<Lang>, u8), usize> = FxHashMap::default();
        let mut unique: Vec<usize> = Vec::new();
        let slot: Vec<usize> = pending
            .iter()
            .enumerate()
            .map(|(i, (alias, lang, target, _))| {
                *first.entry((alias.as_str(), *lang, class(target))).or_insert_with(|| {
                    unique.push(i);
                    unique.len() - 1
                })
            })
            .collect();
        let compiled: Vec<Option<Vec<WordPat>>> = unique
            .par_iter()
            .with_min_len(512)
            .map(|&i| {
                let (alias, lang, target, _) = &pending[i];
                alias_words(alias, *lang, *target)
            })
            .collect();
        slot.into_iter().map(|u| compiled[u].clone()).collect()
    }

    /// Compiles the aliases into a matcher. Aliases of the same words and language share
    /// one entry with all their targets, in the order added.
    pub fn build(self) -> Matcher {
        use std::hash::{BuildHasher, Hash, Hasher};
        let compiled = Self::compile(&self.pending);
        // Groups are found by the hash of their words' identity, then compared: the words
        // move into their group, never cloned.
        let hasher = rustc_hash::FxBuildHasher;
        let mut by_hash: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        let mut grouped: Vec<(Vec<WordPat>, Option<Lang>, Vec<Target>, u8)> = Vec::new();
        for ((_, lang, target, given_in), words) in self.pending.into_iter().zip(compiled) {
            let Some(words) = words else { continue };
            let mut h = hasher.build_hasher();
            (&words, lang).hash(&mut h);
            let ids = by_hash.entry(h.finish()).or_default();
            let found = ids
                .iter()
                .copied()
                .find(|&g| grouped[g].1 == lang && grouped[g].0 == words);
            match found {
                Some(g) => {
                    let g = &mut grouped[g];
                    // Keep every spelling of the words.
                    for (have, more) in g.0.iter_mut().zip(words) {
                        if let (
                            WordPat::Keys { plain, exact, .. },
                            WordPat::Keys { plain: more_plain, exact: more_exact, .. },
                        ) = (have, more)
                        {
                            for p in more_plain {
                                if !plain.contains(&p) {
                                    plain.push(p);
                                }
                            }
                            for e in more_exact {
                                if !exact.contains(&e) {
                                    exact.push(e);
                                }
                            }
                        }
                    }
                    if !g.2.contains(&target) {
                        g.2.push(target);
                    }
                    g.3 |= lang_bit(given_in);
                }
                None => {
                    ids.push(grouped.len());
                    grouped.push((words, lang, vec![target], lang_bit(given_in)));
                }
            }
        }
        let mut m = Matcher::default();
        m.names_by = (self.by_lang.iter().map(|(l, n)| (format!("names in language: {l}"), *n)))
            .chain(self.by_script.iter().map(|(s, n)| (format!("names in script: {s}"), *n)))
            .collect();
        for (words, lang, targets, langs) in grouped {
            let id = m.aliases.len();
            match &words[0] {
                WordPat::Keys { keys, .. } => {
                    for k in keys {
                        match m.index.get_mut(k.as_str()) {
                            Some(ids) => ids.push(id),
                            None => {
                                m.index.insert(k.clone(), vec![id]);
                            }
                        }
                        m.add_prefix(prefix3(k));
                    }
                }
                WordPat::Exact(w) => m.exact.entry(w.clone()).or_default().push(id),
                WordPat::Prefix(p) => {
                    m.prefix_index
                        .entry(prefix3(p).to_string())
                        .or_default()
                        .push(id);
                    m.add_prefix(prefix3(p));
                }
            }
            let mut words = words;
            for w in &mut words {
                match w {
                    WordPat::Keys { keys, ids, needs_ending, needs_ending_ids, .. } => {
                        for k in keys.iter() {
                            let next = m.key_ids.len() as u32;
                            let id = match m.key_ids.get(k.as_str()) {
                                Some(&id) => id,
                                None => {
                                    m.key_ids.insert(k.clone(), next);
                                    next
                                }
                            };
                            ids.push(id);
                        }
                        *needs_ending_ids = needs_ending
                            .iter()
                            .filter_map(|k| keys.iter().position(|x| x == k).map(|at| ids[at]))
                            .collect();
                    }
                    WordPat::Prefix(p) => {
                        if !m.prefix_starts.contains(prefix3(p)) {
                            m.prefix_starts.insert(prefix3(p).to_string());
                        }
                    }
                    WordPat::Exact(_) => {}
                }
            }
            for w in &words[1..] {
                if let WordPat::Keys { keys, .. } = w {
                    keys.iter().for_each(|k| m.add_prefix(prefix3(k)));
                }
                if let WordPat::Prefix(p) = w {
                    m.add_prefix(prefix3(p));
                }
            }
            let lower = lower_for(&words, &targets);
            let town = targets.iter().all(|t| matches!(t, Target::Place(_)));
            m.aliases.push(Alias {
                words,
                lang,
                targets,
                langs,
                lower,
                town,
            });
        }
        m
    }
}

/// The compiled matcher.
#[derive(Default)]
pub struct Matcher {
    aliases: Vec<Alias>,
    index: FxHashMap<String, Vec<usize>>,
    exact: FxHashMap<String, Vec<usize>>,
    prefix_index: FxHashMap<String, Vec<usize>>,
    prefixes: FxHashSet<String>,
    /// Every key of every alias word, numbered.
    key_ids: FxHashMap<String, u32>,
    /// The first three letters of every `*` stem.
    prefix_starts: FxHashSet<String>,
    /// Names counted by language and script, for `annals actors stats`.
    names_by: Vec<(String, usize)>,
}

/// Whether token `j` is a full stop.
fn is_dot(text: &str, tokens: &[Token], j: usize) -> bool {
    tokens
        .get(j)
        .is_some_and(|t| t.kind == TokenKind::Punct && &text[t.span.start..t.span.end] == ".")
}

/// Whether token `j` is one capital letter (a name's initial).
fn is_initial(text: &str, tokens: &[Token], j: usize) -> bool {
    tokens.get(j).is_some_and(|t| {
        let mut chars = text[t.span.start..t.span.end].chars();
        t.kind == TokenKind::Word
            && chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_none()
    })
}

fn strip_possessive(raw: &str) -> &str {
    raw.strip_suffix("'s")
        .or_else(|| raw.strip_suffix("s'"))
        .unwrap_or(raw)
}

/// The acronym in a word: "NATO's" -> "NATO", "АҚШ-тың" -> "АҚШ", "US-Präsident" -> "US".
fn acronym_part(raw: &str) -> &str {
    let raw = strip_possessive(raw);
    match raw.split_once('-') {
        Some((head, _)) if head.chars().count() >= 2 && head.chars().all(|c| c.is_uppercase()) => {
            head
        }
        _ => raw,
    }
}

impl Matcher {
    /// Notes the first letters of a key, allocating only when they are new.
    fn add_prefix(&mut self, prefix: &str) {
        if !self.prefixes.contains(prefix) {
            self.prefixes.insert(prefix.to_string());
        }
    }
    /// All aliases that match at token `i`, longest first. `lang` filters language-bound
    /// aliases (role nouns); `None` accepts all.
    pub fn find_with(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &TokenKeys,
        i: usize,
        lang: Option<Lang>,
    ) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        let tok = &tokens[i];
        if tok.kind != TokenKind::Word {
            return out;
        }
        let raw = &text[tok.span.start..tok.span.end];
        // Only an all-capitals word can be an acronym ("NATO", "ЕС"): German nouns are not.
        let acronym = tok.cap
            && (raw.chars().nth(1).is_some_and(char::is_uppercase)
                || is_acronym(strip_possessive(raw)));
        // "ISIS-K" is an acronym of its own before it is "ISIS" with a suffix.
        let by_acronym = if acronym {
            self.exact
                .get(strip_possessive(raw))
                .or_else(|| self.exact.get(acronym_part(raw)))
        } else {
            None
        };
        if keys.of(i).is_empty() && by_acronym.is_none() {
            return out;
        }
        // The word's candidate aliases were looked up once, when its keys were computed.
        let by_keys = keys.first(i);
        if by_keys.is_empty() && by_acronym.is_none() {
            return out;
        }
        let merged: Vec<u32>;
        let cands: &[u32] = match by_acronym {
            None => by_keys,
            Some(ids) => {
                let mut all = by_keys.to_vec();
                all.extend(ids.iter().map(|&id| id as u32));
                all.sort_unstable();
                all.dedup();
                merged = all;
                &merged
            }
        };
        for id in cands.iter().map(|&id| id as usize) {
            let alias = &self.aliases[id];
            if let (Some(want), Some(have)) = (alias.lang, lang) {
                if want != have {
                    continue;
                }
            }
            // A name the data gives only for German texts is German usage ("Supreme
            // Court" for the American one): an English text about India means its own.
            if alias.langs == lang_bit(Some(Lang::De)) && lang.is_some_and(|l| l != Lang::De) {
                continue;
            }
            // A word in capitals is an acronym, no one's surname ("МИД" is no Meade).
            if acronym
                && alias.words.len() == 1
                && alias.targets.iter().all(|t| matches!(t, Target::Entity(_, AliasKind::Surname)))
            {
                continue;
            }
            let mut ending = "";
            let mut ok = true;
            let mut j = i;
            for (k, pat) in alias.words.iter().enumerate() {
                if k > 0 {
                    // "George W. Bush" against the alias "George W Bush".
                    if is_dot(text, tokens, j) && is_initial(text, tokens, j - 1) {
                        j += 1;
                    }
                }
                let Some(t) = tokens.get(j) else {
                    ok = false;
                    break;
                };
                let lower_here = if keys.caseless
                    && !t.cap
                    && alias.langs & (lang_bit(lang) | lang_bit(None)) != 0
                {
                    alias.lower
                } else {
                    Lower::No
                };
                let mut hit = self.word_matches(text, t, keys, j, pat, lower_here, alias.town);
                // "Donald J. Trump": a middle initial the alias does not list.
                if hit.is_none() && k > 0 && is_initial(text, tokens, j) && is_dot(text, tokens, j + 1)
                {
                    if let Some(t) = tokens.get(j + 2) {
                        hit = self.word_matches(text, t, keys, j + 2, pat, lower_here, alias.town);
                        if hit.is_some() {
                            j += 2;
                        }
                    }
                }
                match hit {
                    Some(e) => {
                        ending = e;
                        j += 1;
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                let end = j;
                match out.iter_mut().find(|m| m.end == end) {
                    Some(m) => {
                        // The reading with the least inflection wins ("Венгрия" is the name
                        // in the nominative, not the stem "Венгр" + "ия").
                        if ending.len() < m.ending.len() {
                            m.ending = ending;
                        }
                        for t in &alias.targets {
                            if !m.targets.contains(t) {
                                m.targets.push(*t);
                            }
                        }
                    }
                    None => out.push(Match {
                        start: i,
                        end,
                        targets: alias.targets.clone(),
                        ending,
                    }),
                }
            }
        }
        out.sort_by_key(|m| std::cmp::Reverse(m.end));
        out
    }

    fn word_matches(
        &self,
        text: &str,
        t: &Token,
        words: &TokenKeys,
        j: usize,
        pat: &WordPat,
        lower: Lower,
        town: bool,
    ) -> Option<&'static str> {
        if t.kind == TokenKind::Punct {
            return None;
        }
        match pat {
            WordPat::Exact(w) => {
                let raw = &text[t.span.start..t.span.end];
                (strip_possessive(raw) == w || acronym_part(raw) == w).then_some("")
            }
            WordPat::Keys { ids: want, needs_ending_ids, script, cap, plain, exact, .. } => {
                if let Some(own) = script {
                    let cyrillic = inflect::is_cyrillic(&text[t.span.start..t.span.end]);
                    if cyrillic != (*own == Script::Cyrillic) {
                        return None;
                    }
                }
                let raw = words.plain(j);
                if *cap && !t.cap {
                    // In a caseless text a lowercase word may be the name, spelled exactly
                    // (a plural or possessive s aside: "indians").
                    let spelled = match lower {
                        Lower::No => false,
                        Lower::Exact => plain.iter().any(|p| p == raw),
                        Lower::ExactOrPlural => {
                            plain.iter().any(|p| p == raw)
                                || raw.strip_suffix('s').is_some_and(|r| plain.iter().any(|p| p == r))
                        }
                    };
                    if !spelled {
                        return None;
                    }
                }
                let hit = words
                    .ids(j)
                    .iter()
                    .find(|(k, e)| want.contains(k) && !(e.is_empty() && needs_ending_ids.contains(k)))
                    .map(|(_, e)| *e)?;
                if town && !words.spellings(j).iter().any(|w| exact.contains(w)) {
                    return None;
                }
                Some(hit)
            }
            WordPat::Prefix(p) => words
                .of(j)
                .first()
                .filter(|(k, e)| e.is_empty() && k.starts_with(p.as_str()))
                .map(|_| ""),
        }
    }

    /// Alias counts, and names by language and script, for `annals actors stats`.
    pub fn stats(&self) -> Vec<(String, usize)> {
        let mut out = self.names_by.clone();
        out.extend([
            ("aliases".into(), self.aliases.len()),
            (
                "aliases, multi-word".into(),
                self.aliases.iter().filter(|a| a.words.len() > 1).count(),
            ),
            (
                "aliases, acronyms".into(),
                self.aliases
                    .iter()
                    .filter(|a| matches!(a.words[0], WordPat::Exact(_)))
                    .count(),
            ),
            (
                "aliases, role nouns".into(),
                self.aliases.iter().filter(|a| a.lang.is_some()).count(),
            ),
        ]);
        out
    }
}

impl Matcher {
    /// Convenience for one-off lookups: tokenises `text` and matches at its first token.
    pub fn find_text(&self, text: &str, lang: Option<Lang>) -> Vec<Match> {
        let tokens = annals_text::tokens::tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let keys = TokenKeys::new(text, &tokens, self);
        self.find_with(text, &tokens, &keys, 0, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(aliases: &[&str]) -> Matcher {
        let mut b = MatcherBuilder::default();
        for (i, a) in aliases.iter().enumerate() {
            b.add(a, None, Target::Entity(i, AliasKind::Name));
        }
        b.build()
    }

    /// The alias numbers found anywhere in `text`.
    fn found(m: &Matcher, text: &str) -> Vec<usize> {
        let tokens = annals_text::tokens::tokenize(text);
        let keys = TokenKeys::new(text, &tokens, m);
        let mut out = Vec::new();
        for i in 0..tokens.len() {
            for hit in m.find_with(text, &tokens, &keys, i, None) {
                out.extend(hit.targets.iter().filter_map(|t| match t {
                    Target::Entity(e, _) | Target::Place(e) => Some(*e),
                    _ => None,
                }));
            }
        }
        out
    }

    #[test]
    fn short_words_inside_names_match() {
        let m = matcher(&["Council of Europe", "Организация по безопасности и сотрудничеству в Европе"]);
        assert_eq!(found(&m, "The Council of Europe met."), vec![0]);
        assert_eq!(
            found(&m, "Организации по безопасности и сотрудничеству в Европе"),
            vec![1]
        );
        let m = matcher(&["Ақ үй"]);
        assert_eq!(found(&m, "Ақ үйдің мәлімдемесі"), vec![0]);
    }

    #[test]
    fn numbers_and_suffixed_acronyms_match_whole() {
        let m = matcher(&["Group of 77", "G77", "G7", "ISIS", "ISIS-K"]);
        assert_eq!(found(&m, "the Group of 77 said"), vec![0]);
        assert_eq!(found(&m, "the G77 said"), vec![1]);
        assert_eq!(found(&m, "the G7 said"), vec![2]);
        assert_eq!(found(&m, "ISIS-K claimed it"), vec![4]);
        assert_eq!(found(&m, "ISIS's fighters"), vec![3]);
        let m = matcher(&["U.S.", "U.K."]);
        assert_eq!(found(&m, "a U.S. official"), vec![0]);
        assert_eq!(found(&m, "the U.K. and"), vec![1]);
    }

    #[test]
    fn middle_initials_are_read_past() {
        let m = matcher(&["George W. Bush", "Donald Trump"]);
        assert_eq!(found(&m, "George W. Bush said"), vec![0]);
        assert_eq!(found(&m, "Donald J. Trump said"), vec![1]);
        assert_eq!(found(&m, "Donald Trump said"), vec![1]);
    }

    #[test]
    fn cyrillic_surnames_and_english_roles_stay_in_their_lane() {
        let mut b = MatcherBuilder::default();
        b.add("Пан", None, Target::Entity(0, AliasKind::Surname));
        b.add("protester", Some(Lang::En), Target::Role(0));
        b.add("Шарджа", None, Target::Place(0));
        let m = b.build();
        assert!(found(&m, "Pan Am flew").is_empty());
        assert_eq!(found(&m, "Пан заявил"), vec![0]);
        assert!(found(&m, "under Sharia law").is_empty());
        assert_eq!(found(&m, "в Шардже"), vec![0]);
        let parties = matcher(&["демократы"]);
        assert_eq!(found(&parties, "демократы победили"), vec![0]);
        assert_eq!(found(&parties, "победу демократов"), vec![0]);
        assert!(found(&parties, "саммит за демократию").is_empty());
        assert!(found(&parties, "защита демократии").is_empty());
        let text = "a protest in Yerevan";
        let tokens = annals_text::tokens::tokenize(text);
        let keys = TokenKeys::new(text, &tokens, &m);
        assert!(m.find_with(text, &tokens, &keys, 1, Some(Lang::En)).is_empty());
    }

    #[test]
    fn towns_must_be_spelled_as_written() {
        let mut b = MatcherBuilder::default();
        b.add("Сус", None, Target::Place(0));
        b.add("Zahlé", None, Target::Place(1));
        b.add("Москва", None, Target::Place(2));
        b.add("Sāmarrā’", None, Target::Place(3));
        let m = b.build();
        assert!(found(&m, "Советского Союза").is_empty());
        assert!(found(&m, "Neue Zahlen").is_empty());
        assert_eq!(found(&m, "in Zahle"), vec![1]);
        assert_eq!(found(&m, "в Москве"), vec![2]);
        assert_eq!(found(&m, "near Samarra"), vec![3]);
    }

    #[test]
    fn kazakh_case_suffixes_only_in_kazakh_texts() {
        let mut b = MatcherBuilder::default();
        b.add("Карр", None, Target::Entity(0, AliasKind::Surname));
        let m = b.build();
        let text = "Карта боевых действий";
        let tokens = annals_text::tokens::tokenize(text);
        let ru = TokenKeys::for_lang(text, &tokens, &m, Some(Lang::Ru));
        assert!(m.find_with(text, &tokens, &ru, 0, Some(Lang::Ru)).is_empty());
        let text = "Карртың мәлімдемесі";
        let tokens = annals_text::tokens::tokenize(text);
        let kk = TokenKeys::for_lang(text, &tokens, &m, Some(Lang::Kk));
        assert!(!m.find_with(text, &tokens, &kk, 0, Some(Lang::Kk)).is_empty());
    }

    #[test]
    fn other_scripts_do_not_meet_latin_words() {
        let m = matcher(&["ລາວ"]);
        assert!(found(&m, "martial law").is_empty());
        assert_eq!(found(&m, "ລາວ"), vec![0]);
    }
}
