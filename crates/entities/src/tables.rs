//! The alias tables: every known entity with its canonical name, type, prominence prior, strong
//! aliases and weak aliases, matched over text token by token.
//!
//! Matching works on tokens: each token's folded form is written between the marker bytes
//! `0x02` and `0x03`, and so is every alias, so a match always starts and ends on token
//! boundaries ("Russia" never matches inside "Russian"). From each token that may start an
//! alias, the scan walks the following tokens of the line while they begin some alias and takes
//! the longest alias found. Folding makes matching case- and accent-insensitive; each match is
//! then checked against the alias as written ([`Tables::case_ok`]): case-sensitive in ordinary
//! text, case-insensitive in ALL-CAPS lines.

use std::sync::OnceLock;

use crate::coref::{fuzzy_eq, skeleton};
use crate::fold::{fold, fold_char_into};
use crate::token::{flag, lite_tokens, word_flags, Doc, LineMode, TokKind, TOKEN_END, TOKEN_START};
use crate::util::{hash_bytes, hash_str, FxMap, WordFilter};
use crate::{EntitiesError, EntityType};

/// One entity of the tables.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Canonical name (range in the string pool).
    canon: (u32, u32),
    /// Type.
    pub kind: EntityType,
    /// Prominence 0–100.
    pub prior: u8,
}

/// One alias of one entity.
#[derive(Debug, Clone, Copy)]
pub struct AliasRef {
    /// Entry index.
    pub entry: u32,
    /// Alias as written (range in the string pool).
    form: (u32, u32),
    /// A weak alias (needs support from the document).
    pub weak: bool,
}

/// Bits of [`Tables::word_class`].
pub mod word {
    /// First word of a person's name (a given name).
    pub const GIVEN: u8 = 1;
    /// Last word of a person's name (a surname).
    pub const SURNAME: u8 = 1 << 1;
    /// A word of an organization's name.
    pub const ORG: u8 = 1 << 2;
    /// A word of a place's name.
    pub const PLACE: u8 = 1 << 3;
    /// The last word of an organization's name.
    pub const ORG_LAST: u8 = 1 << 4;
}

/// A table match on tokens `a..b` with the aliases that passed the case check.
#[derive(Debug, Clone)]
pub struct TableMatch {
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
    /// Accepted aliases (at least one).
    pub refs: Vec<AliasRef>,
}

/// The compiled tables.
pub struct Tables {
    pool: String,
    entries: Vec<Entry>,
    /// Aliases of each pattern: `refs[pat_refs[p].0 .. pat_refs[p].1]`.
    pat_refs: Vec<(u32, u32)>,
    refs: Vec<AliasRef>,
    /// Folded pattern → its id (whole names, for the scan and for `resolve`).
    pat_ids: FxMap<Vec<u8>, u32>,
    /// What the scan walks by, built on the first scan.
    scan_index: OnceLock<ScanIndex>,
    /// Folded canonical name → entries (for `resolve`).
    canon_index: FxMap<u64, Vec<u32>>,
    /// Folded word → class bits.
    words: FxMap<u64, u8>,
    /// Consonant skeleton of the surname of prominent persons → entries.
    person_skel: FxMap<String, Vec<u32>>,
    /// Folded first words of aliases that begin in lower case.
    lower_starts: FxMap<u64, ()>,
    /// The same words, for a quick "no" to most lower-case words.
    lower_start_filter: WordFilter,
    /// Folded strong single-word place aliases (for demonyms).
    place_words: FxMap<u64, ()>,
}

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tables")
            .field("entries", &self.entries.len())
            .field("aliases", &self.refs.len())
            .finish()
    }
}

const WORD_TAG: u64 = 0x77;
/// Minimum prior of a person for table-level fuzzy resolution.
const FUZZY_PRIOR: u8 = 60;

/// The folded surname (last word, without a generational suffix) of a person's name.
fn surname(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect();
    if words.len() >= 2 {
        words.last().cloned()
    } else {
        None
    }
}
const CANON_TAG: u64 = 0x63;
const PLACE_TAG: u64 = 0x70;

/// Writes the marked, folded token sequence of `s` into `out`; false if `s` has no token.
fn pattern_of(s: &str, out: &mut Vec<u8>) -> bool {
    let mut any = false;
    let mut folded = String::new();
    lite_tokens(s, |tok, _| {
        folded.clear();
        for c in tok.chars() {
            fold_char_into(c, &mut folded);
        }
        out.push(TOKEN_START as u8);
        out.extend_from_slice(folded.as_bytes());
        out.push(TOKEN_END as u8);
        any = true;
    });
    any
}

struct Builder {
    pool: String,
    entries: Vec<Entry>,
    by_canon: FxMap<(EntityType, String), u32>,
    pat_ids: FxMap<Vec<u8>, u32>,
    pairs: Vec<(u32, AliasRef)>,
    canon_index: FxMap<u64, Vec<u32>>,
    words: FxMap<u64, u8>,
    lower_starts: FxMap<u64, ()>,
    /// The same words, for a quick "no" to most lower-case words.
    lower_start_filter: WordFilter,
    place_words: FxMap<u64, ()>,
}

impl Builder {
    fn intern(&mut self, s: &str) -> (u32, u32) {
        let a = self.pool.len() as u32;
        self.pool.push_str(s);
        (a, self.pool.len() as u32)
    }

    fn add_alias(&mut self, entry: u32, alias: &str, weak: bool) {
        let mut pat = Vec::with_capacity(alias.len() + 8);
        if !pattern_of(alias, &mut pat) {
            return;
        }
        let next = self.pat_ids.len() as u32;
        let id = *self.pat_ids.entry(pat).or_insert(next);
        // The same alias twice for one entry: keep one (strong wins).
        if let Some(p) = self
            .pairs
            .iter()
            .rev()
            .take(16)
            .position(|(pid, r)| *pid == id && r.entry == entry)
        {
            let k = self.pairs.len() - 1 - p;
            if !weak {
                self.pairs[k].1.weak = false;
            }
            return;
        }
        let form = self.intern(alias);
        self.pairs.push((id, AliasRef { entry, form, weak }));
        if alias.chars().next().is_some_and(|c| c.is_lowercase()) {
            let first: String = alias
                .split(|c: char| !crate::fold::is_word_char(c))
                .next()
                .map(fold)
                .unwrap_or_default();
            self.lower_starts.insert(hash_str(WORD_TAG, &first), ());
            self.lower_start_filter.insert(&first);
        }
        if !weak && self.entries[entry as usize].kind == EntityType::Place && !alias.contains(' ') {
            self.place_words
                .insert(hash_str(PLACE_TAG, &fold(alias)), ());
        }
        // Word classes for the tagger's gazetteer features.
        let kind = self.entries[entry as usize].kind;
        let words: Vec<String> = alias
            .split(|c: char| c.is_whitespace())
            .filter(|w| w.chars().any(|c| c.is_alphabetic()))
            .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
            .filter(|w| !w.is_empty())
            .collect();
        let n = words.len();
        for (k, w) in words.iter().enumerate() {
            let mut bits = match kind {
                EntityType::Person if n >= 2 && k == 0 => word::GIVEN,
                EntityType::Person if n >= 2 && k == n - 1 => word::SURNAME,
                EntityType::Person => 0,
                EntityType::Org => word::ORG,
                EntityType::Place => word::PLACE,
            };
            if kind == EntityType::Org && k == n - 1 && n >= 2 {
                bits |= word::ORG_LAST;
            }
            if bits != 0 && !weak {
                *self.words.entry(hash_str(WORD_TAG, w)).or_default() |= bits;
            }
        }
    }

    fn add_line(&mut self, table: &str, lineno: usize, line: &str) -> Result<(), EntitiesError> {
        let err = |cause: &str| EntitiesError::Table {
            table: table.to_string(),
            line: lineno,
            cause: cause.to_string(),
        };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 {
            return Err(err("expected at least 2 tab-separated fields"));
        }
        let canonical = f[0].trim();
        if canonical.is_empty() {
            return Err(err("empty canonical name"));
        }
        let kind = match f[1].trim() {
            "person" => EntityType::Person,
            "org" => EntityType::Org,
            "place" => EntityType::Place,
            other => return Err(err(&format!("unknown type {other:?}"))),
        };
        let prior: u8 = match f.get(4).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            Some(p) => p
                .parse::<f32>()
                .map_err(|_| err("prior is not a number"))?
                .clamp(0.0, 100.0) as u8,
            None => 0,
        };
        let key = (kind, canonical.to_string());
        let entry = match self.by_canon.get(&key) {
            Some(&e) => {
                let en = &mut self.entries[e as usize];
                en.prior = en.prior.max(prior);
                e
            }
            None => {
                let canon = self.intern(canonical);
                let e = self.entries.len() as u32;
                self.entries.push(Entry { canon, kind, prior });
                self.by_canon.insert(key, e);
                self.canon_index
                    .entry(hash_str(CANON_TAG, &fold(canonical)))
                    .or_default()
                    .push(e);
                e
            }
        };
        // The canonical name is an alias too, unless it carries a disambiguation.
        if !canonical.contains(['(', ',']) {
            self.add_alias(entry, canonical, false);
        }
        for (field, weak) in [(f.get(2), false), (f.get(3), true)] {
            if let Some(list) = field {
                for alias in list.split('|') {
                    let alias = alias.trim();
                    if !alias.is_empty() {
                        self.add_alias(entry, alias, weak);
                    }
                }
            }
        }
        Ok(())
    }
}

impl Tables {
    /// Compiles tables from `(name, tsv text)` pairs. The scan's index is built by the first
    /// scan (a few milliseconds; resolving names never needs it).
    pub fn build(tables: &[(&str, &str)]) -> Result<Tables, EntitiesError> {
        let mut b = Builder {
            pool: String::new(),
            entries: Vec::new(),
            by_canon: FxMap::default(),
            pat_ids: FxMap::default(),
            pairs: Vec::new(),
            canon_index: FxMap::default(),
            words: FxMap::default(),
            lower_starts: FxMap::default(),
            lower_start_filter: WordFilter::default(),
            place_words: FxMap::default(),
        };
        for (name, text) in tables {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty()
                    || line.starts_with('#')
                    || line.starts_with("canonical\t")
                {
                    continue;
                }
                b.add_line(name, n + 1, line)?;
            }
        }
        b.pairs.sort_by_key(|(p, _)| *p);
        let mut pat_refs = vec![(0u32, 0u32); b.pat_ids.len()];
        let mut refs = Vec::with_capacity(b.pairs.len());
        let mut i = 0;
        while i < b.pairs.len() {
            let p = b.pairs[i].0;
            let start = refs.len() as u32;
            while i < b.pairs.len() && b.pairs[i].0 == p {
                refs.push(b.pairs[i].1);
                i += 1;
            }
            pat_refs[p as usize] = (start, refs.len() as u32);
        }
        let mut pool = b.pool;
        pool.shrink_to_fit();
        let mut tables = Tables {
            pool,
            entries: b.entries,
            pat_refs,
            refs,
            pat_ids: b.pat_ids,
            scan_index: OnceLock::new(),
            canon_index: b.canon_index,
            words: b.words,
            person_skel: FxMap::default(),
            lower_starts: b.lower_starts,
            lower_start_filter: b.lower_start_filter,
            place_words: b.place_words,
        };
        for e in 0..tables.entries.len() as u32 {
            let en = tables.entry(e);
            if en.kind != EntityType::Person || en.prior < FUZZY_PRIOR {
                continue;
            }
            if let Some(last) = surname(tables.canonical(e)) {
                if last.chars().count() >= 4 {
                    tables
                        .person_skel
                        .entry(skeleton(&last))
                        .or_default()
                        .push(e);
                }
            }
        }
        Ok(tables)
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entities.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry `e`.
    #[inline]
    pub fn entry(&self, e: u32) -> &Entry {
        &self.entries[e as usize]
    }

    /// Canonical name of entry `e`.
    #[inline]
    pub fn canonical(&self, e: u32) -> &str {
        let (a, b) = self.entries[e as usize].canon;
        &self.pool[a as usize..b as usize]
    }

    /// The alias as written.
    #[inline]
    pub fn form(&self, r: &AliasRef) -> &str {
        &self.pool[r.form.0 as usize..r.form.1 as usize]
    }

    /// Word-class bits of a folded word (see [`word`]).
    #[inline]
    pub fn word_class(&self, folded: &str) -> u8 {
        self.words
            .get(&hash_str(WORD_TAG, folded))
            .copied()
            .unwrap_or(0)
    }

    /// A prominent person (prior ≥ 60) whose surname is `word` (folded) misspelled or
    /// transliterated (see [`crate::coref::fuzzy_eq`]); `None` when there is none or no clear one.
    pub fn fuzzy_person(&self, word: &str) -> Option<u32> {
        let cands = self.person_skel.get(&skeleton(word))?;
        let mut best: Vec<u32> = cands
            .iter()
            .copied()
            .filter(|&e| surname(self.canonical(e)).is_some_and(|s| fuzzy_eq(word, &s)))
            .collect();
        best.sort_by_key(|&e| std::cmp::Reverse(self.entry(e).prior));
        match best.as_slice() {
            [] => None,
            [one] => Some(*one),
            [a, b, ..] if self.entry(*a).prior >= self.entry(*b).prior.saturating_add(15) => {
                Some(*a)
            }
            _ => None,
        }
    }

    /// A strong one-word alias of a place (folded form).
    #[inline]
    pub fn is_place_word(&self, folded: &str) -> bool {
        self.place_words.contains_key(&hash_str(PLACE_TAG, folded))
    }

    /// Approximate heap size in bytes (pool, entries, aliases, indexes).
    pub fn heap_bytes(&self) -> usize {
        self.pool.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.refs.capacity() * std::mem::size_of::<AliasRef>()
            + self.pat_refs.capacity() * 8
            + self
                .scan_index
                .get()
                .map_or(0, |index| index.prefixes.capacity() * 16)
            + self.pat_ids.capacity() * 40
            + self.canon_index.capacity() * 40
            + self.words.capacity() * 16
    }

    /// All aliases whose folded form equals the folded `name` (whole string).
    pub fn lookup(&self, name: &str) -> Vec<AliasRef> {
        let mut pat = Vec::new();
        if !pattern_of(name, &mut pat) {
            return Vec::new();
        }
        match self.pat_ids.get(&pat) {
            Some(&id) => {
                let (a, b) = self.pat_refs[id as usize];
                self.refs[a as usize..b as usize].to_vec()
            }
            None => Vec::new(),
        }
    }

    /// The scan's index (built now if it was not yet).
    fn scan_index(&self) -> &ScanIndex {
        self.scan_index
            .get_or_init(|| ScanIndex::new(&self.pat_ids))
    }

    /// Entries whose folded canonical name equals the folded `name`.
    pub fn by_canonical(&self, name: &str) -> &[u32] {
        self.canon_index
            .get(&hash_str(CANON_TAG, &fold(name)))
            .map_or(&[], |v| v.as_slice())
    }

    /// Finds table aliases in `doc`, leftmost-longest on token boundaries, each checked for case.
    pub fn scan(&self, doc: &Doc) -> Vec<TableMatch> {
        let index = self.scan_index();
        let n = doc.tokens.len();
        // A key is the framed folds of tokens of one line, none of them a URL or handle:
        // adjacent in `doc.folded`.
        let buf = doc.folded.as_bytes();
        let mut out = Vec::new();
        // The aliases starting at one token: (end token, pattern), shortest first.
        let mut found: Vec<(usize, u32)> = Vec::new();
        let mut a = 0usize;
        while a < n {
            // Aliases start with a capital or a digit, or with one of the few lower-case words
            // that begin an alias ("von der Leyen"): search only there.
            let t = &doc.tokens[a];
            let may_start = !t.has(flag::NOSPAN)
                && (t.flags & (flag::TITLE | flag::UPPER | flag::DIGIT) != 0
                    || (t.kind == TokKind::Word && {
                        let w = doc.fold_of(a);
                        self.lower_start_filter.may_contain(w)
                            && self.lower_starts.contains_key(&hash_str(WORD_TAG, w))
                    }));
            if !may_start {
                a += 1;
                continue;
            }
            // Walk the tokens of the line while they begin some alias.
            found.clear();
            let start = doc.framed(a).start;
            let mut b = a;
            while b < n
                && b - a < index.max_tokens
                && doc.tokens[b].line == t.line
                && !doc.tokens[b].has(flag::NOSPAN)
            {
                let key = &buf[start..doc.framed(b).end];
                b += 1;
                if let Some(&pattern) = self.pat_ids.get(key) {
                    found.push((b, pattern));
                }
                if !index.prefixes.contains_key(&hash_bytes(PREFIX_TAG, key)) {
                    break;
                }
            }
            // The longest alias whose case agrees with the text.
            let accepted = found.iter().rev().find_map(|&(b, pattern)| {
                let (ra, rb) = self.pat_refs[pattern as usize];
                let refs: Vec<AliasRef> = self.refs[ra as usize..rb as usize]
                    .iter()
                    .copied()
                    .filter(|r| self.case_ok(doc, a, b, r))
                    .collect();
                (!refs.is_empty()).then_some(TableMatch { a, b, refs })
            });
            match accepted {
                Some(tm) => {
                    a = tm.b;
                    out.push(tm);
                }
                None => a += 1,
            }
        }
        out
    }

    /// The text tokens `a..b` agree in case with alias `r` as written.
    pub fn case_ok(&self, doc: &Doc, a: usize, b: usize, r: &AliasRef) -> bool {
        let form = self.form(r);
        // Fast rejection of the common case: a lower-case word against a capitalized alias.
        if doc.tokens[a].has(flag::LOWER) && form.chars().next().is_some_and(|c| c.is_uppercase()) {
            return false;
        }
        let all_caps_line = doc.mode(a) == LineMode::AllCaps;
        let mut forms: [(u16, bool); 24] = [(0, false); 24];
        let mut nf = 0;
        lite_tokens(form, |tok, word| {
            if nf < forms.len() {
                forms[nf] = (if word { word_flags(tok) } else { 0 }, word);
            }
            nf += 1;
        });
        if nf != b - a || nf > forms.len() {
            return false;
        }
        for (k, &(f, _)) in forms.iter().enumerate().take(b - a) {
            let t = &doc.tokens[a + k];
            if t.kind != TokKind::Word {
                continue;
            }
            let tlen = doc.text_of(a + k).chars().count();
            let f_upper = f & flag::UPPER != 0;
            let f_lower = f & flag::LOWER != 0;
            let ok = if t.has(flag::UPPER) {
                // Upper-case text: an upper-case alias word, or any word in an ALL-CAPS line,
                // or a long capitalized word ("WASHINGTON" in a dateline).
                f_upper || all_caps_line || (tlen >= 4 && !f_lower)
            } else if t.has(flag::TITLE) {
                // Title-case text: a title-case alias word; an acronym alias of 4+ letters
                // ("Nato"); a lower-case particle only as the first word ("Von der Leyen").
                f & flag::TITLE != 0
                    || (f_upper && tlen >= 4)
                    || (f_lower && k == 0)
                    || (!f_upper && !f_lower)
            } else if t.has(flag::LOWER) {
                f_lower
            } else {
                true
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

/// What the alias scan walks by: every pattern's proper prefixes of whole tokens, hashed (a
/// collision only lets a walk go one token too far: matches are looked up exactly), and the
/// most tokens in a pattern. Built in a few milliseconds, where an Aho-Corasick automaton over
/// the same patterns took half of the recognizer's start-up; the scan only ever needs the
/// longest alias at a given token, never a search through the text.
#[derive(Debug, Default)]
struct ScanIndex {
    prefixes: FxMap<u64, ()>,
    max_tokens: usize,
}

const PREFIX_TAG: u64 = 0x50;

impl ScanIndex {
    fn new(pat_ids: &FxMap<Vec<u8>, u32>) -> ScanIndex {
        let mut index = ScanIndex::default();
        for pattern in pat_ids.keys() {
            let mut tokens = 0;
            for (at, &byte) in pattern.iter().enumerate() {
                if byte == TOKEN_END as u8 {
                    tokens += 1;
                    if at + 1 < pattern.len() {
                        index
                            .prefixes
                            .insert(hash_bytes(PREFIX_TAG, &pattern[..=at]), ());
                    }
                }
            }
            index.max_tokens = index.max_tokens.max(tokens);
        }
        index
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const PERSONS: &str =
        "# test table\ncanonical\ttype\taliases\tweak_aliases\tprior\n\
        Vladimir Putin\tperson\tPutin|Vladimir Vladimirovich Putin\t\t95\n\
        Donald Trump\tperson\tTrump|Donald J. Trump\t\t98\n\
        Hillary Clinton\tperson\tHillary Rodham Clinton\tClinton\t80\n\
        Bill Clinton\tperson\tWilliam Jefferson Clinton\tClinton|Bill\t80\n\
        Steve Witkoff\tperson\tWitkoff\t\t60\n\
        Volodymyr Zelensky\tperson\tZelensky|Zelenskyy\t\t90\n\
        Ursula von der Leyen\tperson\tvon der Leyen\t\t80\n";
    pub(crate) const ORGS: &str = "canonical\ttype\taliases\tweak_aliases\tprior\n\
        United States Senate\torg\tSenate|U.S. Senate\t\t90\n\
        Kremlin\torg\tKremlin|Moscow Kremlin\t\t80\n\
        NATO\torg\tNorth Atlantic Treaty Organization\t\t90\n";
    pub(crate) const PLACES: &str = "canonical\ttype\taliases\tweak_aliases\tprior\n\
        United States\tplace\tUS|U.S.|USA|America\t\t99\n\
        Russia\tplace\tRussian Federation\t\t95\n\
        Ukraine\tplace\t\t\t95\n\
        Washington, D.C.\tplace\tWashington D.C.\tWashington\t90\n\
        Kyiv\tplace\tKiev\t\t80\n\
        Georgia (U.S. state)\tplace\tGeorgia\t\t70\n\
        Moscow\tplace\t\t\t90\n";

    pub(crate) fn tables() -> Tables {
        Tables::build(&[("persons", PERSONS), ("orgs", ORGS), ("places", PLACES)]).unwrap()
    }

    fn found(t: &Tables, text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        t.scan(&doc)
            .into_iter()
            .map(|m| {
                (
                    doc.span_text(m.a, m.b).to_string(),
                    t.canonical(m.refs[0].entry).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn matches_on_boundaries_and_case() {
        let t = tables();
        assert_eq!(
            found(
                &t,
                "Russian troops, Russia and the U.S. Senate; Moscow-led; us"
            ),
            vec![
                ("Russia".into(), "Russia".into()),
                ("U.S. Senate".into(), "United States Senate".into()),
                ("Moscow".into(), "Moscow".into())
            ]
        );
        assert_eq!(found(&t, "THE KREMLIN ISN'T NEGOTIATING")[0].1, "Kremlin");
        assert!(found(&t, "the senate voted").is_empty());
        assert_eq!(
            found(&t, "Ursula von der Leyen spoke")[0].0,
            "Ursula von der Leyen"
        );
    }

    #[test]
    fn lookup_and_canonical() {
        let t = tables();
        let r = t.lookup("zelenskyy");
        assert_eq!(t.canonical(r[0].entry), "Volodymyr Zelensky");
        assert_eq!(t.by_canonical("washington, d.c.").len(), 1);
        assert!(t.lookup("Nobody Known").is_empty());
    }
}
