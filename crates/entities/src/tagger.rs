//! The statistical tagger: an averaged structured perceptron over BIO tags (PER, ORG, LOC and
//! MISC; MISC is learned so that nationality adjectives and titles of works are not taken for
//! names, and dropped from the output), decoded with Viterbi.
//!
//! Features (hashed to 64 bits): the folded word and its neighbours, word shape, prefixes and
//! suffixes, capitalization (after truecasing ALL-CAPS and Title Case lines with the casing
//! lexicon), sentence and line position, the casing lexicon's class of the word, gazetteer
//! features from the alias tables (the table match covering the token, with its position and
//! type; the word's use as a given name, surname, organization or place word), person-title
//! cues, post-author cues, and how the word is written elsewhere in the document.
//!
//! Only "candidate" tokens are tagged: capitalized words, connectors between them ("of", "de",
//! "-", "&" …) and numbers right after them; every other token is `O`. This keeps the tagger
//! fast (most tokens cost nothing) and is applied identically in training.

use crate::fold::is_apostrophe;
use crate::lexicon::Lexicon;
use crate::tables::{TableMatch, Tables};
use crate::token::{flag, Doc, LineMode, TokKind};
use crate::util::WordList;
use crate::util::{hash_str, mix, FxHasher, FxMap, WordFilter};
use crate::EntityType;
use std::hash::Hasher;

/// Tags, in model order.
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Number of tags.
pub const NT: usize = 9;

/// The type index (0 PER, 1 ORG, 2 LOC, 3 MISC) of a B or I tag.
#[inline]
pub fn tag_type(tag: usize) -> Option<usize> {
    if tag == 0 {
        None
    } else {
        Some((tag - 1) / 2)
    }
}

/// A B- tag.
#[inline]
pub fn is_begin(tag: usize) -> bool {
    tag != 0 && (tag - 1) % 2 == 0
}

/// The entity type of a type index (MISC → None).
pub fn type_of_index(t: usize) -> Option<EntityType> {
    match t {
        0 => Some(EntityType::Person),
        1 => Some(EntityType::Org),
        2 => Some(EntityType::Place),
        _ => None,
    }
}

/// Allowed transition `prev → cur` (`prev == NT` is the start of a segment).
#[inline]
pub fn allowed(prev: usize, cur: usize) -> bool {
    if cur == 0 || is_begin(cur) {
        return true;
    }
    prev != NT && prev != 0 && tag_type(prev) == tag_type(cur)
}

/// Capitalization class of a token after truecasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cap {
    /// Lower-case word.
    Lower = 0,
    /// Capitalized word.
    Title = 1,
    /// All upper case (an acronym).
    Upper = 2,
    /// A number.
    Num = 3,
    /// Punctuation.
    Punct = 4,
    /// A word with digits.
    Alnum = 5,
}

/// Person titles and honorifics that cue a following name.
pub static PERSON_TITLES: WordList = WordList::new(&[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "secretary",
    "minister",
    "chancellor",
    "premier",
    "envoy",
    "ambassador",
    "judge",
    "justice",
    "speaker",
    "leader",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "dame",
    "lord",
    "lady",
    "general",
    "gen",
    "col",
    "colonel",
    "lt",
    "captain",
    "capt",
    "sgt",
    "adm",
    "admiral",
    "mayor",
    "prof",
    "professor",
    "rev",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "attorney",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "manager",
    "ceo",
    "chief",
    "sheikh",
    "ayatollah",
    "aide",
    "adviser",
    "advisor",
    "deputy",
    "sec",
    "pm",
    "mp",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "lawmaker",
    "archbishop",
    "bishop",
    "cardinal",
    "father",
    "sister",
    "brother",
    "mrs",
    "madam",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "señor",
    "comrade",
    "emir",
    "sultan",
    "tsar",
    "czar",
    "dictator",
    "strongman",
    "officer",
    "trooper",
    "detective",
    "inspector",
    "sergeant",
    "corporal",
    "private",
    "pres",
    "supt",
    "superintendent",
    "treasurer",
    "solicitor",
    "prosecutor",
    "counsel",
    "diplomat",
    "negotiator",
]);

/// Per-token information shared by feature extraction.
pub struct Context<'d, 'a> {
    /// The document.
    pub doc: &'d Doc<'a>,
    /// Truecased capitalization class of each token.
    pub caps: Vec<Cap>,
    /// Gazetteer code of each token (0 none; else 1 + 4·type + position).
    pub gaz: Vec<u8>,
    /// Table word class bits of each token.
    pub wclass: Vec<u8>,
    /// Lexicon capitalization class of each token.
    pub lclass: Vec<u8>,
    /// How the word is written elsewhere in the document: 0 nowhere else, 1 only capitalized
    /// mid-sentence, 2 also lower case, 3 only at sentence starts. Set for the candidate words
    /// ([`Context::mask`]) only, 0 elsewhere.
    pub docclass: Vec<u8>,
    /// Tokens to tag.
    pub mask: Vec<bool>,
    /// Share of number tokens on the token's line, bucketed (0–2).
    pub line_digits: Vec<u8>,
}

/// Words that may join capitalized words inside a name.
static CONNECTORS: WordList = WordList::new(&[
    "of", "the", "and", "for", "de", "del", "della", "der", "den", "la", "le", "les", "von", "van",
    "da", "di", "du", "dos", "das", "bin", "ibn", "al", "el", "y", "on", "in", "&", "-", "'", ".",
    "a", "upon", "st", "zu", "ter",
]);

impl<'d, 'a> Context<'d, 'a> {
    /// Computes the context of `doc` (`gaz_matches` from the table scan; `use_gaz` false
    /// leaves the gazetteer features out, as done at random in training).
    pub fn new(
        doc: &'d Doc<'a>,
        tables: &Tables,
        lex: &Lexicon,
        gaz_matches: &[TableMatch],
        use_gaz: bool,
    ) -> Self {
        let n = doc.tokens.len();
        let mut caps = Vec::with_capacity(n);
        let mut lclass = Vec::with_capacity(n);
        for i in 0..n {
            let t = &doc.tokens[i];
            let w = doc.fold_of(i);
            // Lexicon class of capitalized words only (the others never need it).
            lclass.push(
                if t.kind == TokKind::Word && t.flags & (flag::TITLE | flag::UPPER) != 0 {
                    lex.cap_class(w)
                } else {
                    0
                },
            );
            let c = match t.kind {
                TokKind::Punct => Cap::Punct,
                TokKind::Num => Cap::Num,
                TokKind::Word if t.has(flag::DIGIT) => Cap::Alnum,
                TokKind::Word => {
                    let mode = doc.mode(i);
                    if t.has(flag::UPPER) {
                        let letters = w.len();
                        if mode == LineMode::AllCaps {
                            if lex.is_common(w) {
                                Cap::Lower
                            } else if letters <= 3
                                || (letters <= 4
                                    && lex.get(w).lower == 0
                                    && tables.word_class(w) & crate::tables::word::ORG != 0)
                            {
                                Cap::Upper
                            } else {
                                Cap::Title
                            }
                        } else if letters == 1 {
                            Cap::Title
                        } else {
                            Cap::Upper
                        }
                    } else if t.has(flag::TITLE) {
                        if mode == LineMode::TitleCase
                            && !t.has(flag::LINE_START)
                            && lex.is_common(w)
                        {
                            Cap::Lower
                        } else {
                            Cap::Title
                        }
                    } else {
                        Cap::Lower
                    }
                }
            };
            caps.push(c);
        }
        title_runs(doc, tables, lex, &mut caps);
        let mut gaz = vec![0u8; n];
        if use_gaz {
            for m in gaz_matches {
                let r = m
                    .refs
                    .iter()
                    .max_by_key(|r| (!r.weak, tables.entry(r.entry).prior))
                    .expect("non-empty refs");
                let ty = match tables.entry(r.entry).kind {
                    EntityType::Person => 0u8,
                    EntityType::Org => 1,
                    EntityType::Place => 2,
                } + if r.weak { 3 } else { 0 };
                for (k, g) in gaz[m.a..m.b].iter_mut().enumerate() {
                    let pos = if m.b - m.a == 1 {
                        3
                    } else if k == 0 {
                        0
                    } else if m.a + k + 1 == m.b {
                        2
                    } else {
                        1
                    };
                    *g = 1 + 4 * ty + pos;
                }
            }
        }
        let wclass: Vec<u8> = (0..n)
            .map(|i| {
                if use_gaz
                    && doc.tokens[i].kind == TokKind::Word
                    && doc.tokens[i].flags & (flag::TITLE | flag::UPPER) != 0
                {
                    tables.word_class(doc.fold_of(i))
                } else {
                    0
                }
            })
            .collect();
        let mut line_digits = vec![0u8; n];
        for line in &doc.lines {
            let nums = (line.first..line.end)
                .filter(|&i| doc.tokens[i].kind == TokKind::Num)
                .count();
            let words = (line.first..line.end)
                .filter(|&i| doc.tokens[i].kind == TokKind::Word)
                .count()
                .max(1);
            let b = if nums * 3 >= words {
                2
            } else if nums * 8 >= words {
                1
            } else {
                0
            };
            line_digits[line.first..line.end].fill(b);
        }
        let mut ctx = Context {
            doc,
            caps,
            gaz,
            wclass,
            lclass,
            docclass: Vec::new(),
            mask: Vec::new(),
            line_digits,
        };
        ctx.mask = ctx.candidates();
        ctx.docclass = ctx.document_casing();
        ctx
    }

    /// How each candidate word is written elsewhere in the document (see [`Context::docclass`];
    /// 0 for the tokens the tagger never sees). Only the candidates' words are counted: a
    /// map of every word of a long text cost more than all the rest of this context.
    fn document_casing(&self) -> Vec<u8> {
        let doc = self.doc;
        let n = doc.tokens.len();
        let is_word = |i: usize| doc.tokens[i].kind == TokKind::Word;
        // Capitalized mid-sentence, lower case, at a sentence start.
        let mut seen: FxMap<&str, (u16, u16, u16)> = FxMap::default();
        let mut filter = WordFilter::default();
        for i in (0..n).filter(|&i| self.mask[i] && is_word(i)) {
            seen.entry(doc.fold_of(i)).or_insert_with(|| {
                filter.insert(doc.fold_of(i));
                (0, 0, 0)
            });
        }
        if seen.is_empty() {
            return vec![0; n];
        }
        for i in 0..n {
            let t = &doc.tokens[i];
            if t.kind != TokKind::Word || doc.mode(i) != LineMode::Normal {
                continue;
            }
            let w = doc.fold_of(i);
            if !filter.may_contain(w) {
                continue;
            }
            let Some(e) = seen.get_mut(w) else {
                continue;
            };
            if t.has(flag::LOWER) {
                e.1 = e.1.saturating_add(1);
            } else if t.has(flag::SENT_START) {
                e.2 = e.2.saturating_add(1);
            } else {
                e.0 = e.0.saturating_add(1);
            }
        }
        (0..n)
            .map(|i| {
                if !self.mask[i] || !is_word(i) {
                    return 0;
                }
                let (cap, low, start) = seen[doc.fold_of(i)];
                let own_mid = u16::from(
                    doc.mode(i) == LineMode::Normal
                        && doc.tokens[i].is_cap()
                        && !doc.tokens[i].has(flag::SENT_START),
                );
                if low > 0 {
                    2
                } else if cap > own_mid {
                    1
                } else if start > 0 {
                    3
                } else {
                    0
                }
            })
            .collect()
    }

    fn is_capish(&self, i: usize) -> bool {
        matches!(self.caps[i], Cap::Title | Cap::Upper) && !self.doc.tokens[i].has(flag::NOSPAN)
    }

    fn candidates(&self) -> Vec<bool> {
        let doc = self.doc;
        let n = doc.tokens.len();
        let mut mask = vec![false; n];
        for (i, m) in mask.iter_mut().enumerate() {
            *m = self.is_capish(i) || (self.gaz[i] != 0 && !doc.tokens[i].has(flag::NOSPAN));
        }
        // Connectors between candidates on one line, and numbers right after a candidate.
        for i in 0..n {
            if mask[i] || doc.tokens[i].has(flag::NOSPAN) {
                continue;
            }
            let line = doc.tokens[i].line;
            let t = &doc.tokens[i];
            if matches!(self.caps[i], Cap::Num | Cap::Alnum)
                && i > 0
                && mask[i - 1]
                && doc.tokens[i - 1].line == line
            {
                mask[i] = true;
                continue;
            }
            // A connector needs a candidate before it (checked first: cheap).
            let near_before = (i >= 1 && mask[i - 1]) || (i >= 2 && mask[i - 2]);
            if !near_before {
                continue;
            }
            let w = doc.fold_of(i);
            let is_conn = CONNECTORS.contains(w)
                || (t.kind == TokKind::Punct && is_apostrophe(doc.first_char(i)));
            if !is_conn {
                continue;
            }
            // Punctuation joins names only when written without spaces ("Mar-a-Lago", "O'Neill").
            let glued_both = doc.glued(i) && i + 1 < n && doc.glued(i + 1);
            // ... or the period of an initial ("William E. Oberndorf").
            let initial = doc.first_char(i) == '.'
                && doc.glued(i)
                && doc.tokens[i - 1].has(flag::UPPER)
                && doc.text_of(i - 1).chars().count() == 1;
            if t.kind == TokKind::Punct && !glued_both && !initial {
                continue;
            }
            let before = (i >= 1 && mask[i - 1] && doc.tokens[i - 1].line == line)
                || (i >= 2
                    && mask[i - 2]
                    && doc.tokens[i - 2].line == line
                    && CONNECTORS.contains(doc.fold_of(i - 1)));
            let after =
                (i + 1..(i + 3).min(n)).any(|j| doc.tokens[j].line == line && self.is_capish(j));
            if before && after {
                mask[i] = true;
            }
        }
        mask
    }

    /// Writes the feature hashes of token `i` into `out`.
    pub fn features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let doc = self.doc;
        let n = doc.tokens.len();
        let w = doc.fold_of(i);
        let t = &doc.tokens[i];
        let cap = self.caps[i] as u64;
        let mode = doc.mode(i) as u64;
        let word = |j: isize| -> &str {
            let k = i as isize + j;
            if k < 0 || k as usize >= n || doc.tokens[k as usize].line != t.line {
                "<b>"
            } else if doc.tokens[k as usize].has(flag::NOSPAN) {
                "<h>"
            } else {
                doc.fold_of(k as usize)
            }
        };
        let capj = |j: isize| -> u64 {
            let k = i as isize + j;
            if k < 0 || k as usize >= n || doc.tokens[k as usize].line != t.line {
                9
            } else {
                self.caps[k as usize] as u64
            }
        };
        let gazj = |j: isize| -> u64 {
            let k = i as isize + j;
            if k < 0 || k as usize >= n {
                0
            } else {
                self.gaz[k as usize] as u64
            }
        };
        let wcj = |j: isize| -> u64 {
            let k = i as isize + j;
            if k < 0 || k as usize >= n || doc.tokens[k as usize].line != t.line {
                0
            } else {
                self.wclass[k as usize] as u64
            }
        };
        let f = |tag: u64, s: &str| hash_str(tag, s);
        let g = |tag: u64, v: u64| mix(tag.wrapping_mul(0x2545_F491_4F6C_DD1D), v);
        out.push(g(1, 0));
        out.push(f(2, w));
        let (shape_long, shape_short) = shapes(doc.text_of(i), self.caps[i]);
        out.push(g(3, shape_long));
        out.push(g(4, shape_short));
        out.push(g(5, cap * 16 + mode));
        if t.kind == TokKind::Word {
            let nc = w.chars().count();
            for (k, (p, _)) in w.char_indices().enumerate().skip(1).take(3) {
                out.push(f(5 + k as u64, &w[..p]));
            }
            for (k, (p, _)) in w.char_indices().rev().enumerate().take(4) {
                if nc > k + 1 {
                    out.push(f(9 + k as u64, &w[p..]));
                }
            }
            out.push(g(35, (nc.min(12) as u64) * 16 + cap));
        }
        out.push(f(13, word(-1)));
        out.push(f(14, word(1)));
        out.push(f(15, word(-2)));
        out.push(f(16, word(2)));
        out.push(g(17, capj(-1) * 16 + cap));
        out.push(g(18, cap * 16 + capj(1)));
        out.push(g(19, capj(-1) * 256 + cap * 16 + capj(1)));
        out.push(mix(f(20, word(-1)), cap));
        out.push(mix(f(21, word(1)), cap));
        out.push(g(
            22,
            u64::from(t.has(flag::SENT_START)) * 64 + u64::from(t.has(flag::LINE_START)) * 32 + cap,
        ));
        out.push(g(23, (self.lclass[i] as u64) * 16 + cap));
        out.push(g(24, self.wclass[i] as u64));
        out.push(g(25, wcj(-1) * 64 + self.wclass[i] as u64));
        out.push(g(26, self.wclass[i] as u64 * 64 + wcj(1)));
        out.push(g(27, gazj(0)));
        out.push(g(28, gazj(-1) * 32 + gazj(0)));
        out.push(g(29, gazj(0) * 32 + gazj(1)));
        out.push(g(30, (self.docclass[i] as u64) * 16 + cap));
        // Title cue just before (skipping a period after an abbreviation).
        let mut p = i as isize - 1;
        if p >= 0 && doc.is_punct(p as usize, '.') {
            p -= 1;
        }
        let cue = p >= 0
            && doc.tokens[p as usize].line == t.line
            && PERSON_TITLES.contains(doc.fold_of(p as usize));
        out.push(g(31, u64::from(cue) * 16 + cap));
        // Post author: "Name (@handle)".
        let author = (i + 1..(i + 5).min(n))
            .any(|j| doc.is_punct(j, '(') && j + 1 < n && doc.is_punct(j + 1, '@'));
        out.push(g(32, u64::from(author)));
        let line = doc.line_of(i);
        let words_in_line = (line.end - line.first).min(8) as u64;
        out.push(g(33, words_in_line * 16 + cap));
        out.push(g(34, self.line_digits[i] as u64 * 16 + cap));
        out.push(mix(f(36, w), hash_str(37, word(1))));
        out.push(mix(f(38, word(-1)), hash_str(39, w)));
        // Possessive after the token.
        let poss = crate::token::possessive_after(doc, i);
        out.push(g(40, u64::from(poss) * 16 + cap));
    }
}

/// Truecases title-case phrases inside ordinary lines (a cited headline: "Putin Uses Muhammad Ali
/// Tactics Against Trump's Ukraine Peace Efforts"): in a run of at least 4 capitalized words,
/// joined only by short function words or a possessive, where at least 2 capitalized words are
/// common lower-case words that no table uses in an organization or place name, those words are
/// read as lower case.
fn title_runs(doc: &Doc, tables: &Tables, lex: &Lexicon, caps: &mut [Cap]) {
    let n = doc.tokens.len();
    let joiner = |i: usize| -> bool {
        let t = &doc.tokens[i];
        (t.kind == TokKind::Word
            && t.has(flag::LOWER)
            && matches!(
                doc.fold_of(i),
                "of" | "a"
                    | "an"
                    | "the"
                    | "to"
                    | "in"
                    | "on"
                    | "for"
                    | "and"
                    | "at"
                    | "by"
                    | "with"
                    | "from"
                    | "s"
            ))
            || (t.kind == TokKind::Punct && is_apostrophe(doc.first_char(i)) && doc.glued(i))
            || (t.kind == TokKind::Punct && doc.first_char(i) == '-' && doc.glued(i))
    };
    let mut i = 0;
    while i < n {
        if caps[i] != Cap::Title || doc.mode(i) != LineMode::Normal {
            i += 1;
            continue;
        }
        let line = doc.tokens[i].line;
        let mut j = i;
        let mut last_cap = i;
        let mut cap_words = Vec::new();
        while j < n && doc.tokens[j].line == line {
            if matches!(caps[j], Cap::Title | Cap::Upper) && !doc.tokens[j].has(flag::NOSPAN) {
                cap_words.push(j);
                last_cap = j;
                j += 1;
            } else if joiner(j) {
                j += 1;
            } else {
                break;
            }
        }
        if cap_words.len() >= 4 {
            let common: Vec<usize> = cap_words
                .iter()
                .copied()
                .filter(|&k| {
                    let w = doc.fold_of(k);
                    caps[k] == Cap::Title
                        && lex.is_common(w)
                        && tables.word_class(w)
                            & (crate::tables::word::ORG | crate::tables::word::PLACE)
                            == 0
                })
                .collect();
            if common.len() >= 2 {
                for k in common {
                    caps[k] = Cap::Lower;
                }
            }
        }
        i = last_cap + 1;
    }
}

/// Long (runs capped at 2) and short (runs collapsed) word shapes, hashed.
fn shapes(text: &str, cap: Cap) -> (u64, u64) {
    let mut long = FxHasher::default();
    let mut short = FxHasher::default();
    let mut prev = '\0';
    let mut run = 0;
    let mut first = true;
    for c in text.chars() {
        let s = if c.is_uppercase() {
            // Truecased: an all-caps word read as title case keeps only its first upper letter.
            if (!first && matches!(cap, Cap::Title | Cap::Lower)) || (first && cap == Cap::Lower) {
                'x'
            } else {
                'X'
            }
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        first = false;
        if s == prev {
            run += 1;
        } else {
            run = 1;
            short.write_u32(s as u32);
        }
        if run <= 2 {
            long.write_u32(s as u32);
        }
        prev = s;
    }
    (long.finish(), short.finish())
}

/// A trained model: feature weights in an open-addressing table, and transition weights.
pub struct Model {
    keys: Vec<u64>,
    weights: Vec<[i16; NT]>,
    mask: usize,
    /// Number of features (counted once: `analyze` asks for every document).
    features: usize,
    scale: f32,
    /// Transition weights `[prev][cur]`, `prev == NT` for the segment start.
    trans: [[f32; NT]; NT + 1],
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("features", &self.len())
            .finish()
    }
}

const MAGIC: &[u8; 8] = b"PNDTAG01";

impl Model {
    /// An empty model (tags everything `O`).
    pub fn empty() -> Model {
        Model {
            keys: vec![0; 1],
            weights: vec![[0; NT]; 1],
            mask: 0,
            features: 0,
            scale: 0.0,
            trans: [[0.0; NT]; NT + 1],
        }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.features
    }

    /// No features.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Approximate heap size in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + self.weights.capacity() * 2 * NT
    }

    /// Builds a model from float weights (quantized to 16 bits).
    pub fn from_weights(feats: &[(u64, [f32; NT])], trans: [[f32; NT]; NT + 1]) -> Model {
        let max = feats
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, &x| m.max(x.abs()))
            .max(1e-6);
        let scale = max / 32000.0;
        let q: Vec<(u64, [i16; NT])> = feats
            .iter()
            .map(|(k, w)| {
                let mut r = [0i16; NT];
                for (d, s) in r.iter_mut().zip(w) {
                    *d = (s / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
                (*k, r)
            })
            .collect();
        Model::from_quantized(&q, scale, trans)
    }

    fn from_quantized(feats: &[(u64, [i16; NT])], scale: f32, trans: [[f32; NT]; NT + 1]) -> Model {
        let cap = (feats.len() * 2).next_power_of_two().max(2);
        let mut keys = vec![0u64; cap];
        let mut weights = vec![[0i16; NT]; cap];
        let mask = cap - 1;
        for (k, w) in feats {
            let k = if *k == 0 { 1 } else { *k };
            let mut slot = (k as usize) & mask;
            while keys[slot] != 0 && keys[slot] != k {
                slot = (slot + 1) & mask;
            }
            keys[slot] = k;
            weights[slot] = *w;
        }
        let features = keys.iter().filter(|&&k| k != 0).count();
        Model {
            keys,
            weights,
            mask,
            features,
            scale,
            trans,
        }
    }

    #[inline]
    fn get(&self, k: u64) -> Option<&[i16; NT]> {
        let k = if k == 0 { 1 } else { k };
        let mut slot = (k as usize) & self.mask;
        loop {
            let key = self.keys[slot];
            if key == k {
                return Some(&self.weights[slot]);
            }
            if key == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Emission scores of one token's features.
    #[inline]
    pub fn scores(&self, feats: &[u64]) -> [f32; NT] {
        let mut acc = [0i32; NT];
        for &f in feats {
            if let Some(w) = self.get(f) {
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += x as i32;
                }
            }
        }
        let mut out = [0f32; NT];
        for (o, a) in out.iter_mut().zip(acc) {
            *o = a as f32 * self.scale;
        }
        out
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        let n = self.len() as u32;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut items: Vec<(u64, [i16; NT])> = self
            .keys
            .iter()
            .zip(&self.weights)
            .filter(|(k, _)| **k != 0)
            .map(|(k, w)| (*k, *w))
            .collect();
        items.sort_by_key(|(k, _)| *k);
        for (k, w) in items {
            out.extend_from_slice(&k.to_le_bytes());
            for x in w {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.len() < 16 || &b[..8] != MAGIC {
            return None;
        }
        let n = u32::from_le_bytes(b[8..12].try_into().ok()?) as usize;
        let scale = f32::from_le_bytes(b[12..16].try_into().ok()?);
        let mut pos = 16;
        let mut trans = [[0f32; NT]; NT + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = f32::from_le_bytes(b.get(pos..pos + 4)?.try_into().ok()?);
                pos += 4;
            }
        }
        let rec = 8 + 2 * NT;
        if b.len() < pos + n * rec {
            return None;
        }
        let mut feats = Vec::with_capacity(n);
        for _ in 0..n {
            let k = u64::from_le_bytes(b[pos..pos + 8].try_into().ok()?);
            let mut w = [0i16; NT];
            for (j, x) in w.iter_mut().enumerate() {
                let p = pos + 8 + 2 * j;
                *x = i16::from_le_bytes([b[p], b[p + 1]]);
            }
            feats.push((k, w));
            pos += rec;
        }
        Some(Model::from_quantized(&feats, scale, trans))
    }

    /// Best tag sequence for one segment, given each token's emission scores.
    pub fn viterbi(&self, emissions: &[[f32; NT]]) -> Vec<usize> {
        viterbi(emissions, &self.trans)
    }

    /// Tags the candidate segments of a document; non-candidates get tag 0 (`O`).
    pub fn tag(&self, ctx: &Context) -> Vec<usize> {
        let n = ctx.doc.tokens.len();
        let mut tags = vec![0usize; n];
        let mut feats = Vec::with_capacity(64);
        let mut em: Vec<[f32; NT]> = Vec::new();
        for (a, b) in segments(ctx) {
            em.clear();
            for i in a..b {
                ctx.features(i, &mut feats);
                em.push(self.scores(&feats));
            }
            let best = self.viterbi(&em);
            tags[a..b].copy_from_slice(&best);
        }
        tags
    }
}

/// Maximal runs of candidate tokens on one line.
pub fn segments(ctx: &Context) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = ctx.mask.len();
    let mut i = 0;
    while i < n {
        if !ctx.mask[i] {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && ctx.mask[j] && ctx.doc.tokens[j].line == ctx.doc.tokens[i].line {
            j += 1;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Viterbi decoding with transition constraints.
pub fn viterbi(em: &[[f32; NT]], trans: &[[f32; NT]; NT + 1]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut score = vec![[neg; NT]; n];
    let mut back = vec![[0u8; NT]; n];
    for c in 0..NT {
        if allowed(NT, c) {
            score[0][c] = em[0][c] + trans[NT][c];
        }
    }
    for i in 1..n {
        for c in 0..NT {
            let mut best = neg;
            let mut arg = 0;
            for p in 0..NT {
                if score[i - 1][p] == neg || !allowed(p, c) {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][c];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            if best > neg {
                score[i][c] = best + em[i][c];
                back[i][c] = arg as u8;
            }
        }
    }
    let mut last = 0;
    for c in 0..NT {
        if score[n - 1][c] > score[n - 1][last] {
            last = c;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
    out
}

/// Averaged structured perceptron training.
#[derive(Default)]
pub struct Trainer {
    w: FxMap<u64, [f32; NT]>,
    u: FxMap<u64, [f32; NT]>,
    counts: FxMap<u64, u32>,
    trans: [[f32; NT]; NT + 1],
    trans_u: [[f32; NT]; NT + 1],
    c: f32,
}

impl Trainer {
    /// A new trainer.
    pub fn new() -> Trainer {
        Trainer {
            c: 1.0,
            ..Default::default()
        }
    }

    fn scores(&self, feats: &[u64]) -> [f32; NT] {
        let mut out = [0f32; NT];
        for f in feats {
            if let Some(w) = self.w.get(f) {
                for (o, x) in out.iter_mut().zip(w) {
                    *o += x;
                }
            }
        }
        out
    }

    /// Trains on one segment (features per token, gold tags); returns the number of token errors.
    pub fn update(&mut self, feats: &[Vec<u64>], gold: &[usize]) -> usize {
        let em: Vec<[f32; NT]> = feats.iter().map(|f| self.scores(f)).collect();
        let pred = viterbi(&em, &self.trans);
        let mut errors = 0;
        for f in feats.iter().flatten() {
            *self.counts.entry(*f).or_default() += 1;
        }
        if pred != gold {
            let c = self.c;
            for i in 0..gold.len() {
                let (g, p) = (gold[i], pred[i]);
                let gp = if i == 0 { NT } else { gold[i - 1] };
                let pp = if i == 0 { NT } else { pred[i - 1] };
                if g != p || gp != pp {
                    self.trans[gp][g] += 1.0;
                    self.trans_u[gp][g] += c;
                    self.trans[pp][p] -= 1.0;
                    self.trans_u[pp][p] -= c;
                }
                if g != p {
                    errors += 1;
                    for &f in &feats[i] {
                        let w = self.w.entry(f).or_insert([0.0; NT]);
                        w[g] += 1.0;
                        w[p] -= 1.0;
                        let u = self.u.entry(f).or_insert([0.0; NT]);
                        u[g] += c;
                        u[p] -= c;
                    }
                }
            }
        }
        self.c += 1.0;
        errors
    }

    /// The averaged model, keeping features seen at least `min_count` times whose largest
    /// averaged weight is at least `min_weight` in magnitude.
    pub fn finish(&self, min_count: u32, min_weight: f32) -> Model {
        let c = self.c;
        let mut feats = Vec::new();
        for (k, w) in &self.w {
            if self.counts.get(k).copied().unwrap_or(0) < min_count {
                continue;
            }
            let u = self.u.get(k).copied().unwrap_or([0.0; NT]);
            let mut a = [0f32; NT];
            for j in 0..NT {
                a[j] = w[j] - u[j] / c;
            }
            if a.iter().any(|x| x.abs() >= min_weight) {
                feats.push((*k, a));
            }
        }
        let mut trans = [[0f32; NT]; NT + 1];
        for (row, (w, u)) in trans.iter_mut().zip(self.trans.iter().zip(&self.trans_u)) {
            for (t, (w, u)) in row.iter_mut().zip(w.iter().zip(u)) {
                *t = w - u / c;
            }
        }
        Model::from_weights(&feats, trans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_constraints() {
        let trans = [[0f32; NT]; NT + 1];
        // I-PER scores best alone but cannot start a segment.
        let mut e = [0f32; NT];
        e[2] = 5.0;
        e[1] = 1.0;
        let best = viterbi(&[e], &trans);
        assert_ne!(best[0], 2);
    }

    #[test]
    fn model_roundtrip() {
        let feats = vec![(42u64, [1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0])];
        let m = Model::from_weights(&feats, [[0.0; NT]; NT + 1]);
        let m2 = Model::from_bytes(&m.to_bytes()).unwrap();
        let s = m2.scores(&[42, 7]);
        assert!((s[8] - 3.0).abs() < 1e-3 && (s[1] + 2.0).abs() < 1e-3);
    }
}
