//! The standard recognizer: alias tables, rules, the tagger, span selection and document-level
//! resolution.
//!
//! For one document:
//! 1. tokenize ([`Doc`]); find table aliases ([`Tables::scan`]);
//! 2. tag candidate tokens with the perceptron ([`Model::tag`]);
//! 3. add rule candidates ([`rules::find`]) and acronyms defined in the text;
//! 4. trim titles, articles, possessives and punctuation from every candidate;
//! 5. choose non-overlapping spans by weighted interval scheduling (tables and rules weigh
//!    more than the tagger; a longer name beats the shorter names inside it);
//! 6. resolve each span to a canonical name ([`crate::coref`]).

use crate::util::WordList;
use std::sync::OnceLock;

use crate::coref;
use crate::lexicon::Lexicon;
use crate::rules::{self, Rule};
use crate::tables::{AliasRef, TableMatch, Tables};
use crate::tagger::{is_begin, tag_type, type_of_index, Context, Model, PERSON_TITLES};
use crate::token::{flag, possessive_after, Doc, LineMode, TokKind};
use crate::{EntityType, Mention, MentionSource, Recognizer, Resolved};

/// Errors loading the recognizer's tables or model.
#[derive(Debug, thiserror::Error)]
pub enum EntitiesError {
    /// A table or model file is malformed.
    #[error("entity table {table}, line {line}: {cause}")]
    Table {
        /// Table name.
        table: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        cause: String,
    },
    /// The tagger model file is malformed.
    #[error("entity tagger model: {0}")]
    Model(String),
}

/// The tables shipped with Pundit (copied into OUT_DIR by build.rs; empty until they exist).
const TABLE_FILES: [(&str, &[u8]); 5] = [
    (
        "persons.tsv",
        include_bytes!(concat!(env!("OUT_DIR"), "/persons.tsv")),
    ),
    (
        "orgs.tsv",
        include_bytes!(concat!(env!("OUT_DIR"), "/orgs.tsv")),
    ),
    (
        "places.tsv",
        include_bytes!(concat!(env!("OUT_DIR"), "/places.tsv")),
    ),
    (
        "congress.tsv",
        include_bytes!(concat!(env!("OUT_DIR"), "/congress.tsv")),
    ),
    (
        "geonames.tsv",
        include_bytes!(concat!(env!("OUT_DIR"), "/geonames.tsv")),
    ),
];
const MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.bin"));
const CASING: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/casing.tsv"));

/// Switches and weights of the recognizer (for comparing configurations).
#[derive(Debug, Clone)]
pub struct Config {
    /// Run the statistical tagger.
    pub tagger: bool,
    /// Run the rules.
    pub rules: bool,
    /// Resolve misspelled and transliterated names (edit distance, consonant skeleton).
    pub fuzzy: bool,
    /// Minimum prior for a weak alias to resolve without support from the document.
    pub weak_prior: u8,
    /// Minimum prior lead of the best weak candidate over the next.
    pub weak_margin: u8,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            tagger: true,
            rules: true,
            fuzzy: true,
            weak_prior: 50,
            weak_margin: 15,
        }
    }
}

/// Pundit's standard offline recognizer: alias tables, rules, coreference and a tagger.
#[derive(Debug)]
pub struct StandardRecognizer {
    pub(crate) tables: Tables,
    pub(crate) lex: Lexicon,
    pub(crate) model: Model,
    pub(crate) config: Config,
}

/// A candidate span before selection.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub a: usize,
    pub b: usize,
    /// `None`: a MISC name (blocks what is inside, not output).
    pub kind: Option<EntityType>,
    pub source: MentionSource,
    pub weight: f32,
    /// Chosen table entry.
    pub entry: Option<u32>,
    /// Canonical fixed by an acronym definition.
    pub fixed: Option<String>,
}

/// Common words that extend a name without making it a headline phrase ("Harris County").
static NAME_EXTENDERS: WordList = WordList::new(&[
    "county",
    "city",
    "state",
    "river",
    "island",
    "islands",
    "mountain",
    "mountains",
    "lake",
    "sea",
    "ocean",
    "bay",
    "valley",
    "park",
    "street",
    "avenue",
    "square",
    "bridge",
    "airport",
    "station",
    "province",
    "region",
    "district",
    "republic",
    "kingdom",
    "empire",
    "strait",
    "gulf",
    "cape",
    "peninsula",
    "desert",
    "canal",
    "port",
    "beach",
    "coast",
    "hills",
    "heights",
    "falls",
    "springs",
    "north",
    "south",
    "east",
    "west",
    "new",
    "great",
    "united",
    "central",
    "national",
    "international",
    "federal",
    "royal",
    "general",
    "supreme",
    "high",
    "upper",
    "lower",
]);

/// Month and weekday names and abbreviations: never a name on their own.
static CALENDAR: WordList = WordList::new(&[
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
]);

/// Lower-case words allowed inside an alias.
static ALIAS_FUNCTION_WORDS: WordList = WordList::new(&[
    "of", "and", "the", "de", "del", "della", "der", "den", "des", "du", "da", "di", "do", "dos",
    "das", "von", "van", "la", "le", "les", "el", "al", "a", "an", "y", "e", "i", "en", "on",
    "upon", "for", "in", "at", "to", "bin", "ibn", "zu", "ter", "ten", "het", "und", "et", "sur",
    "am", "im", "st", "s",
]);

/// Nationality, ethnic, religious and party-member words: adjectives and member nouns, not
/// names (MISC in CoNLL terms; plural "-s" forms are covered too).
static MISC_WORDS: WordList = WordList::new(&[
    "american",
    "british",
    "briton",
    "english",
    "french",
    "german",
    "dutch",
    "spanish",
    "italian",
    "portuguese",
    "greek",
    "turkish",
    "turk",
    "russian",
    "ukrainian",
    "polish",
    "pole",
    "czech",
    "slovak",
    "hungarian",
    "romanian",
    "bulgarian",
    "serbian",
    "serb",
    "croat",
    "croatian",
    "bosnian",
    "albanian",
    "swiss",
    "swedish",
    "swede",
    "norwegian",
    "danish",
    "dane",
    "finnish",
    "finn",
    "irish",
    "scottish",
    "scot",
    "welsh",
    "belgian",
    "austrian",
    "chinese",
    "japanese",
    "korean",
    "vietnamese",
    "thai",
    "indian",
    "pakistani",
    "afghan",
    "iranian",
    "iraqi",
    "syrian",
    "lebanese",
    "israeli",
    "palestinian",
    "jordanian",
    "egyptian",
    "saudi",
    "yemeni",
    "emirati",
    "qatari",
    "kuwaiti",
    "kurd",
    "kurdish",
    "arab",
    "arabic",
    "persian",
    "jewish",
    "jew",
    "muslim",
    "moslem",
    "islamic",
    "christian",
    "catholic",
    "protestant",
    "orthodox",
    "sunni",
    "shiite",
    "shia",
    "hindu",
    "sikh",
    "buddhist",
    "african",
    "asian",
    "european",
    "latino",
    "latina",
    "hispanic",
    "mexican",
    "canadian",
    "brazilian",
    "argentine",
    "argentinian",
    "chilean",
    "colombian",
    "venezuelan",
    "cuban",
    "peruvian",
    "australian",
    "nigerian",
    "kenyan",
    "ethiopian",
    "somali",
    "sudanese",
    "tajik",
    "uzbek",
    "kazakh",
    "kyrgyz",
    "turkmen",
    "azeri",
    "azerbaijani",
    "armenian",
    "georgian",
    "chechen",
    "belarusian",
    "belarussian",
    "moldovan",
    "lithuanian",
    "latvian",
    "estonian",
    "slovenian",
    "macedonian",
    "montenegrin",
    "cypriot",
    "maltese",
    "icelandic",
    "filipino",
    "indonesian",
    "malaysian",
    "singaporean",
    "taiwanese",
    "tibetan",
    "uighur",
    "uyghur",
    "mongolian",
    "nepali",
    "bangladeshi",
    "tamil",
    "sinhalese",
    "soviet",
    "yugoslav",
    "bolshevik",
    "zionist",
    "democrat",
    "democratic",
    "republican",
    "dem",
    "dems",
    "tory",
    "tories",
    "labourite",
    "liberal",
    "conservative",
    "socialist",
    "communist",
    "gaullist",
    "peronist",
    "maga",
    "western",
    "eastern",
    "northern",
    "southern",
    "transatlantic",
    "nordic",
    "baltic",
    "balkan",
    "caucasian",
    "scandinavian",
    "slavic",
    "anglo",
    "francophone",
    "sephardic",
    "independent",
    "libertarian",
]);

/// A title or title part ("Justice", "Secretary", "Prime").
fn is_title_word(w: &str) -> bool {
    PERSON_TITLES.contains(w)
        || rules::TITLE_CUES.contains(w)
        || matches!(
            w,
            "prime" | "chief" | "vice" | "deputy" | "attorney" | "solicitor" | "general"
        )
}

/// Prepositions that make a following ambiguous name a place.
static LOCATIVE: WordList = WordList::new(&[
    "in",
    "to",
    "from",
    "at",
    "into",
    "across",
    "near",
    "toward",
    "towards",
    "through",
    "outside",
    "inside",
    "around",
    "throughout",
    "visit",
    "visited",
    "visiting",
    "via",
    "between",
    "over",
    "within",
    "across",
    "leave",
    "left",
]);

impl StandardRecognizer {
    /// Loads the compiled tables and model shipped with Pundit.
    pub fn load() -> Result<Self, EntitiesError> {
        let mut texts = Vec::new();
        for (name, bytes) in TABLE_FILES {
            let text = std::str::from_utf8(bytes).map_err(|e| EntitiesError::Table {
                table: name.into(),
                line: 0,
                cause: e.to_string(),
            })?;
            texts.push((name, text));
        }
        let tables = Tables::build(&texts)?;
        let lex = Lexicon::parse(
            std::str::from_utf8(CASING).map_err(|e| EntitiesError::Model(e.to_string()))?,
        );
        let model = if MODEL.is_empty() {
            Model::empty()
        } else {
            Model::from_bytes(MODEL).ok_or_else(|| EntitiesError::Model("bad model.bin".into()))?
        };
        Ok(StandardRecognizer {
            tables,
            lex,
            model,
            config: Config::default(),
        })
    }

    /// A process-wide shared instance (loaded on first use).
    pub fn shared() -> Result<&'static StandardRecognizer, &'static EntitiesError> {
        static SHARED: OnceLock<Result<StandardRecognizer, EntitiesError>> = OnceLock::new();
        SHARED.get_or_init(StandardRecognizer::load).as_ref()
    }

    /// A recognizer from explicit parts (tests, training, experiments).
    pub fn from_parts(tables: Tables, lex: Lexicon, model: Model) -> Self {
        StandardRecognizer {
            tables,
            lex,
            model,
            config: Config::default(),
        }
    }

    /// Changes the configuration.
    pub fn with_config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The alias tables.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The casing lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Approximate heap bytes of tables, lexicon and model.
    pub fn heap_bytes(&self) -> usize {
        self.tables.heap_bytes() + self.lex.len() * 24 + self.model.heap_bytes()
    }

    /// Table matches of `doc` after dropping headline common words ("US" in "TAUGHT US").
    #[doc(hidden)]
    pub fn table_matches(&self, doc: &Doc) -> Vec<TableMatch> {
        let mut matches = self.tables.scan(doc);
        matches.retain(|m| {
            let upper_line = doc.mode(m.a) == LineMode::AllCaps;
            let words: Vec<usize> = (m.a..m.b)
                .filter(|&k| doc.tokens[k].kind == TokKind::Word)
                .collect();
            let all_common =
                !words.is_empty() && words.iter().all(|&k| self.lex.is_common(doc.fold_of(k)));
            !(upper_line && all_common)
        });
        matches
    }

    /// The tagger's spans: (first token, end, type index 0 PER, 1 ORG, 2 LOC, 3 MISC).
    fn tagger_spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            if tags[i] == 0 {
                i += 1;
                continue;
            }
            let ty = tag_type(tags[i]).unwrap_or(0);
            let mut j = i + 1;
            while j < tags.len()
                && tags[j] != 0
                && !is_begin(tags[j])
                && tag_type(tags[j]) == Some(ty)
            {
                j += 1;
            }
            out.push((i, j, ty));
            i = j;
        }
        out
    }

    /// A nationality or inhabitant word formed from a place name of the tables ("Ukrainian",
    /// "Moldovans", "New Yorkers", "Iraqi", "Chinese"), not a name in itself.
    #[doc(hidden)]
    pub fn is_demonym(&self, folded: &str) -> bool {
        if MISC_WORDS.contains(folded)
            || folded
                .strip_suffix('s')
                .is_some_and(|w| MISC_WORDS.contains(w))
        {
            return true;
        }
        const SUFFIXES: &[&str] = &[
            "ians", "ian", "eans", "ean", "ans", "an", "ese", "ish", "ers", "er", "is", "i", "ic",
            "ns", "n",
        ];
        if self.tables.is_place_word(folded) {
            return false;
        }
        let mut cand = String::with_capacity(folded.len() + 6);
        // "German" + "y", "Tajik" + "istan".
        if !folded.contains(' ') && folded.len() >= 4 {
            for end in ["y", "ia", "a", "istan", "land"] {
                cand.clear();
                cand.push_str(folded);
                cand.push_str(end);
                if self.tables.is_place_word(&cand) {
                    return true;
                }
            }
        }
        for suf in SUFFIXES {
            let Some(stem) = folded.strip_suffix(suf) else {
                continue;
            };
            if stem.chars().count() < 3 || (suf.len() <= 1 && stem.chars().count() < 4) {
                continue;
            }
            for end in ["", "a", "e", "y", "o", "ia"] {
                cand.clear();
                cand.push_str(stem);
                cand.push_str(end);
                if self.tables.is_place_word(&cand)
                    || (cand.contains(' ')
                        && self
                            .tables
                            .lookup(&cand)
                            .iter()
                            .any(|r| self.tables.entry(r.entry).kind == EntityType::Place))
                {
                    return true;
                }
            }
        }
        false
    }

    /// Score of entry `e` for a mention at token `a`: prior, document support, local cues.
    fn entry_score(&self, doc: &Doc, e: u32, a: usize, anchored: &[u32]) -> i32 {
        let en = self.tables.entry(e);
        let mut s = en.prior as i32;
        if anchored.contains(&e) {
            s += 25;
        }
        let mut p = a;
        while p > 0 && matches!(doc.fold_of(p - 1), "the") {
            p -= 1;
        }
        if p > 0 && doc.tokens[p - 1].line == doc.tokens[a].line {
            let prev = doc.fold_of(p - 1);
            let prev = if prev == "." && p >= 2 {
                doc.fold_of(p - 2)
            } else {
                prev
            };
            let locative = LOCATIVE.contains(prev);
            let titled = PERSON_TITLES.contains(prev);
            match en.kind {
                EntityType::Place if locative => s += 20,
                EntityType::Person if titled => s += 30,
                EntityType::Person if locative => s -= 20,
                _ => {}
            }
        }
        s
    }

    /// Chooses the entry of a table match: strong aliases first; a weak alias only with support
    /// (the entry is named elsewhere in the document by a strong alias) or a clear prior.
    fn choose_entry(&self, doc: &Doc, m: &TableMatch, anchored: &[u32]) -> Option<(u32, bool)> {
        let best = |refs: &mut dyn Iterator<Item = &AliasRef>| -> Vec<(i32, u32)> {
            let mut v: Vec<(i32, u32)> = refs
                .map(|r| (self.entry_score(doc, r.entry, m.a, anchored), r.entry))
                .collect();
            v.sort_by(|x, y| y.cmp(x));
            v.dedup_by_key(|x| x.1);
            v
        };
        let strong = best(&mut m.refs.iter().filter(|r| !r.weak));
        let weak = best(&mut m.refs.iter().filter(|r| r.weak));
        if let Some(&(s, e)) = strong.first() {
            // A weak reading with document support can beat an unsupported strong one
            // ("Washington" the person in a text about George Washington).
            if let Some(&(ws, we)) = weak.first() {
                if anchored.contains(&we) && ws > s {
                    return Some((we, true));
                }
            }
            return Some((e, false));
        }
        let &(s, e) = weak.first()?;
        if anchored.contains(&e) {
            return Some((e, true));
        }
        let second = weak.get(1).map_or(0, |x| x.0);
        // A weak alias that is also a common word ("State", "Justice") needs an anchor.
        let common = m.b - m.a == 1 && {
            let st = self.lex.get(doc.fold_of(m.a));
            st.lower >= 3 && st.lower * 5 >= st.cap
        };
        if !common
            && s >= self.config.weak_prior as i32
            && s - second >= self.config.weak_margin as i32
        {
            return Some((e, true));
        }
        None
    }

    /// Finds the mentions of one text.
    pub fn analyze(&self, text: &str) -> Vec<Mention> {
        let doc = Doc::new(text);
        if doc.tokens.is_empty() {
            return Vec::new();
        }
        let matches = self.table_matches(&doc);
        let ctx = Context::new(&doc, &self.tables, &self.lex, &matches, true);
        let tags = if self.config.tagger && !self.model.is_empty() {
            self.model.tag(&ctx)
        } else {
            vec![0; doc.tokens.len()]
        };
        let mut cands: Vec<Cand> = Vec::new();

        // Table match covering each token (index + 1; 0 none).
        let mut match_at = vec![0u32; doc.tokens.len()];
        for (k, m) in matches.iter().enumerate() {
            match_at[m.a..m.b].fill(k as u32 + 1);
        }
        // Tagger spans.
        let tagged = Self::tagger_spans(&tags);
        for &(a, b, ty) in &tagged {
            let (a, mut b) = trim(&doc, a, b, type_of_index(ty));
            // Trailing lower-case words and member nouns are not part of a name ("Donetsk
            // region", "House Democrats", "Senate Republican").
            let person = type_of_index(ty) == Some(EntityType::Person);
            // Leading nationality and party words are not part of a person's name
            // ("Republican Cory Gardner").
            let mut a = a;
            while person && b > a + 1 && MISC_WORDS.contains(doc.fold_of(a).trim_end_matches('s')) {
                a += 1;
            }
            while b > a + 1 && {
                let w = doc.fold_of(b - 1);
                doc.tokens[b - 1].has(flag::LOWER)
                    || (!person && doc.tokens[b - 1].kind == TokKind::Word && self.is_demonym(w))
                    || (!person && is_title_word(w))
            } {
                b -= 1;
                let (a2, b2) = trim(&doc, a, b, type_of_index(ty));
                if (a2, b2) != (a, b) {
                    b = b2;
                }
            }
            if a >= b {
                continue;
            }
            // "Jr.", "Inc.", "J.": the period of an abbreviation belongs to the name.
            if b < doc.tokens.len() && doc.is_punct(b, '.') && doc.glued(b) && {
                let w = doc.fold_of(b - 1);
                matches!(
                    w,
                    "jr" | "sr" | "inc" | "corp" | "co" | "ltd" | "bros" | "st"
                ) || (doc.text_of(b - 1).chars().count() == 1 && doc.tokens[b - 1].has(flag::UPPER))
            } {
                b += 1;
            }
            let mut kind = type_of_index(ty);
            // Only titles before a name ("Sen. Ron Johnson", "Gov. Brian Kemp"): not a name.
            if (a..b).all(|k| doc.tokens[k].kind == TokKind::Punct || is_title_word(doc.fold_of(k)))
                && {
                    let mut j = b;
                    while j < doc.tokens.len() && doc.is_punct(j, '.') {
                        j += 1;
                    }
                    rules::name_run(&doc, j, 4) > j
                }
            {
                kind = None;
            }
            // A common word capitalized only because it starts a sentence ("Apple growers").
            if b - a == 1
                && doc.tokens[a].has(flag::SENT_START)
                && self.lex.is_common(doc.fold_of(a))
                && ctx.docclass[a] != 1
                && match_at[a] == 0
            {
                kind = None;
            }
            let span_fold = crate::fold::fold(doc.span_text(a, b));
            // Nationality words; for persons only the listed ones (a surname may look like a
            // demonym: "Green", "Moldovan").
            let demonym = if kind == Some(EntityType::Person) {
                MISC_WORDS.contains(&span_fold)
                    || span_fold
                        .strip_suffix('s')
                        .is_some_and(|w| MISC_WORDS.contains(w))
            } else {
                self.is_demonym(&span_fold)
            };
            // Party and state of a legislator: "(R-TX)", "(D-N.Y.)".
            let affiliation = b - a >= 3
                && matches!(doc.text_of(a), "R" | "D" | "I")
                && doc.is_punct(a + 1, '-')
                && doc.glued(a + 1)
                && doc.tokens[a + 2].has(flag::UPPER);
            if kind.is_some()
                && (demonym || affiliation || (b - a == 1 && CALENDAR.contains(span_fold.as_str())))
            {
                kind = None;
            }
            let len = (b - a) as f32;
            let mut weight = 0.9 * len + if kind.is_some() { 0.4 } else { 0.2 };
            // A tagger span that extends a table name with common words is a headline phrase.
            let extends_table = (a..b).any(|k| {
                match_at[k] != 0 && {
                    let m = &matches[match_at[k] as usize - 1];
                    m.a >= a && m.b <= b && (m.b - m.a) < (b - a)
                }
            });
            if extends_table {
                let extra_common = (a..b)
                    .filter(|&k| {
                        let inside = match_at[k] != 0;
                        !inside
                            && doc.tokens[k].kind == TokKind::Word
                            && self.lex.is_common(doc.fold_of(k))
                            && !NAME_EXTENDERS.contains(doc.fold_of(k))
                            && !rules::ORG_SUFFIXES.contains(doc.fold_of(k))
                    })
                    .count();
                if extra_common > 0 {
                    weight -= 1.0 + 0.9 * extra_common as f32;
                }
            }
            cands.push(Cand {
                a,
                b,
                kind,
                source: MentionSource::Tagger,
                weight,
                entry: None,
                fixed: None,
            });
        }
        let tagger_at = |k: usize| tags[k] != 0;

        // Table matches.
        let anchored: Vec<u32> = {
            let mut v: Vec<u32> = matches
                .iter()
                .filter_map(|m| {
                    let strong: Vec<&AliasRef> = m.refs.iter().filter(|r| !r.weak).collect();
                    strong
                        .iter()
                        .max_by_key(|r| self.tables.entry(r.entry).prior)
                        .map(|r| r.entry)
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for m in &matches {
            let Some((entry, weak)) = self.choose_entry(&doc, m, &anchored) else {
                continue;
            };
            let kind = self.tables.entry(entry).kind;
            let single = m.b - m.a == 1;
            let w = doc.fold_of(m.a);
            let shaky = single
                && (doc.tokens[m.a].has(flag::SENT_START) || doc.mode(m.a) == LineMode::TitleCase)
                && self.lex.is_common(w);
            if shaky && !tagger_at(m.a) {
                continue;
            }
            // "Democrats", "Republican", "Soviet": adjectives and member nouns are not names.
            if single && self.is_demonym(w) {
                continue;
            }
            // A title word before a name ("Chief Justice John Roberts", "Secretary of State Marco
            // Rubio") is not a name itself.
            if single && is_title_word(w) && {
                let mut j = m.b;
                while j < doc.tokens.len()
                    && (is_title_word(doc.fold_of(j)) || doc.is_punct(j, '.'))
                {
                    j += 1;
                }
                rules::name_run(&doc, j, 4) > j
            } {
                continue;
            }
            if single
                && m.a >= 2
                && doc.fold_of(m.a - 1) == "of"
                && is_title_word(doc.fold_of(m.a - 2))
                && rules::TITLE_PARTS.contains(w)
            {
                continue;
            }
            // An alias with a lower-case common word is a description ("Donetsk region").
            if m.b - m.a >= 2
                && (m.a..m.b).any(|k| {
                    doc.tokens[k].has(flag::LOWER)
                        && self.lex.is_common(doc.fold_of(k))
                        && !ALIAS_FUNCTION_WORDS.contains(doc.fold_of(k))
                })
            {
                continue;
            }
            let len = (m.b - m.a) as f32;
            let weight = len + if weak { 0.6 } else { 1.0 };
            cands.push(Cand {
                a: m.a,
                b: m.b,
                kind: Some(kind),
                source: MentionSource::Table,
                weight,
                entry: Some(entry),
                fixed: None,
            });
        }

        // Rules.
        if self.config.rules {
            let mut rs = Vec::new();
            rules::find(&doc, &self.tables, &self.lex, &mut rs);
            // Table candidates by span.
            let table_at: crate::util::FxMap<(usize, usize), usize> = cands
                .iter()
                .enumerate()
                .filter(|(_, c)| c.source == MentionSource::Table)
                .map(|(k, c)| ((c.a, c.b), k))
                .collect();
            for r in rs {
                let (a, b) = if r.rule == Rule::Misc {
                    (r.a, r.b)
                } else {
                    trim(&doc, r.a, r.b, r.kind)
                };
                if a >= b {
                    continue;
                }
                let len = (b - a) as f32;
                // Organization and MISC names outweigh the shorter table names inside them
                // ("U.S. Agriculture Department", "United Nations Charter").
                let (per_token, bonus) = match r.rule {
                    Rule::PostAuthor | Rule::Byline => (1.0, 5.0),
                    Rule::Title => (1.0, 1.2),
                    Rule::OrgName => (1.2, 1.1),
                    Rule::Misc => (1.2, 0.9),
                };
                // A strong table name on exactly the same span wins over a title or suffix rule
                // ("West Bank" is a place although "Bank" ends organization names).
                let same = table_at.get(&(a, b)).map(|&k| &cands[k]);
                if matches!(r.rule, Rule::Title | Rule::OrgName)
                    && same.is_some_and(|c| c.weight >= len + 1.0)
                {
                    continue;
                }
                // A table name on the same span keeps its entry.
                let entry = same
                    .filter(|c| c.kind == r.kind || r.rule == Rule::PostAuthor)
                    .and_then(|c| c.entry);
                let kind = match entry {
                    Some(e) if r.kind.is_some() => Some(self.tables.entry(e).kind),
                    _ => r.kind,
                };
                cands.push(Cand {
                    a,
                    b,
                    kind,
                    source: MentionSource::Rule,
                    weight: per_token * len + bonus,
                    entry,
                    fixed: None,
                });
            }
            self.acronyms(&doc, &mut cands);
        }

        let chosen = select(cands);
        coref::resolve(self, &doc, &ctx, chosen)
    }

    /// Acronyms defined as "Long Name (ACR)": the long form and every occurrence of the acronym
    /// in the document become one entity.
    fn acronyms(&self, doc: &Doc, cands: &mut Vec<Cand>) {
        let sites = rules::acronym_sites(doc);
        let mut defs: Vec<(String, Option<EntityType>, Option<u32>, String)> = Vec::new();
        for (p, at) in sites {
            let acr = doc.text_of(at).to_string();
            let acr_fold = doc.fold_of(at).to_string();
            if defs.iter().any(|d| d.0 == acr) {
                continue;
            }
            // The longest candidate ending right before "(" whose initials match.
            let mut best: Option<(usize, Option<EntityType>, Option<u32>)> = None;
            for c in cands.iter() {
                if c.b == p
                    && rules::acronym_matches(doc, &acr_fold, c.a, c.b)
                    && best.is_none_or(|(a, _, _)| c.a < a)
                {
                    best = Some((c.a, c.kind, c.entry));
                }
            }
            let line = doc.tokens[p].line;
            if best.is_none() {
                // Build the long form from the capitalized words before "(".
                let mut a = p;
                let mut k = p;
                while k > 0 && p - k < 14 {
                    let j = k - 1;
                    let t = &doc.tokens[j];
                    if t.line != line || t.has(flag::NOSPAN) {
                        break;
                    }
                    let w = doc.fold_of(j);
                    let capword = t.kind == TokKind::Word && t.is_cap();
                    let conn = matches!(
                        w,
                        "of" | "and" | "for" | "on" | "the" | "&" | "-" | "." | "de" | "in"
                    ) && !t.is_cap();
                    let dot = w == "." && doc.glued(j);
                    if !(capword || conn || dot) {
                        break;
                    }
                    k = j;
                    if capword && rules::acronym_matches(doc, &acr_fold, k, p) {
                        a = k;
                    }
                }
                if a < p {
                    let words: Vec<&str> = (a..p).map(|k| doc.fold_of(k)).collect();
                    let tagged = cands
                        .iter()
                        .filter(|c| c.source == MentionSource::Tagger && c.a <= a && c.b >= p)
                        .map(|c| c.kind)
                        .next();
                    let org = words.iter().any(|w| rules::ORG_SUFFIXES.contains(w));
                    let kind = match tagged {
                        Some(None) if !org => None,
                        Some(Some(k)) if !org => Some(k),
                        _ => Some(EntityType::Org),
                    };
                    let misc = cands.iter().any(|c| {
                        c.kind.is_none() && c.source == MentionSource::Rule && c.a <= a && c.b >= p
                    });
                    if kind.is_some() && !misc {
                        best = Some((a, kind, None));
                    }
                }
            }
            let Some((a, kind, entry)) = best else {
                continue;
            };
            let misc = cands.iter().any(|c| {
                c.kind.is_none() && c.source == MentionSource::Rule && c.a <= a && c.b >= p
            });
            let Some(kind) = kind.filter(|_| !misc) else {
                // The acronym of a law, program or document: not a name anywhere in the text.
                defs.push((acr, None, None, String::new()));
                continue;
            };
            let canonical = match entry {
                Some(e) => self.tables.canonical(e).to_string(),
                None => crate::fold::surface_key(doc.span_text(a, p)),
            };
            let len = (p - a) as f32;
            cands.push(Cand {
                a,
                b: p,
                kind: Some(kind),
                source: MentionSource::Rule,
                weight: len + 2.0,
                entry,
                fixed: Some(canonical.clone()),
            });
            defs.push((acr, Some(kind), entry, canonical));
        }
        if defs.is_empty() {
            return;
        }
        let def_at: crate::util::FxMap<&str, usize> = defs
            .iter()
            .enumerate()
            .map(|(k, d)| (d.0.as_str(), k))
            .collect();
        for i in 0..doc.tokens.len() {
            let t = &doc.tokens[i];
            if t.kind != TokKind::Word || !t.has(flag::UPPER) || t.has(flag::NOSPAN) {
                continue;
            }
            let w = doc.text_of(i);
            if let Some(d) = def_at.get(w).map(|&k| &defs[k]) {
                cands.push(Cand {
                    a: i,
                    b: i + 1,
                    kind: d.1,
                    source: MentionSource::Rule,
                    weight: 3.0,
                    entry: d.2,
                    fixed: d.1.map(|_| d.3.clone()),
                });
            }
        }
    }
}

/// Trims articles, titles (for persons), possessives and punctuation from a span.
pub(crate) fn trim(
    doc: &Doc,
    mut a: usize,
    mut b: usize,
    kind: Option<EntityType>,
) -> (usize, usize) {
    loop {
        if a >= b {
            return (a, a);
        }
        let w = doc.fold_of(a);
        let t = &doc.tokens[a];
        if t.kind == TokKind::Punct && !matches!(doc.first_char(a), '&') {
            a += 1;
            continue;
        }
        if matches!(w, "the" | "a" | "an") && b - a > 1 {
            a += 1;
            continue;
        }
        if kind == Some(EntityType::Person)
            && b - a > 1
            && (PERSON_TITLES.contains(w)
                || matches!(w, "prime" | "vice" | "deputy" | "first" | "lady"))
        {
            a += 1;
            continue;
        }
        break;
    }
    loop {
        if b <= a {
            return (a, a);
        }
        let last = b - 1;
        let t = &doc.tokens[last];
        if t.kind == TokKind::Punct {
            let c = doc.first_char(last);
            // Keep the period of "U.S." and "Inc.".
            if c == '.' && doc.glued(last) && last > a {
                let prev = doc.fold_of(last - 1);
                if prev.chars().count() == 1
                    || matches!(
                        prev,
                        "inc" | "corp" | "co" | "ltd" | "jr" | "sr" | "st" | "bros"
                    )
                {
                    break;
                }
            }
            if c == ')' && (a..last).any(|k| doc.is_punct(k, '(')) {
                break;
            }
            b -= 1;
            continue;
        }
        // Possessive "'s".
        if last > a
            && doc.fold_of(last) == "s"
            && doc.glued(last)
            && crate::fold::is_apostrophe(doc.first_char(last - 1))
        {
            b -= 2;
            continue;
        }
        if matches!(
            doc.fold_of(last),
            "of" | "and" | "the" | "for" | "de" | "von" | "van" | "in" | "on"
        ) && t.has(flag::LOWER)
        {
            b -= 1;
            continue;
        }
        break;
    }
    let _ = possessive_after;
    (a, b)
}

/// Weighted interval scheduling: the set of non-overlapping candidates of largest total weight.
pub(crate) fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.retain(|c| c.a < c.b && c.weight > 0.0);
    if cands.is_empty() {
        return cands;
    }
    cands.sort_by(|x, y| {
        x.b.cmp(&y.b)
            .then(x.a.cmp(&y.a))
            .then(y.weight.total_cmp(&x.weight))
    });
    let n = cands.len();
    // p[j]: number of candidates ending at or before cands[j].a.
    let ends: Vec<usize> = cands.iter().map(|c| c.b).collect();
    let p: Vec<usize> = cands
        .iter()
        .map(|c| ends.partition_point(|&e| e <= c.a))
        .collect();
    let mut dp = vec![0f32; n + 1];
    for j in 0..n {
        let take = cands[j].weight + dp[p[j]];
        dp[j + 1] = if take > dp[j] { take } else { dp[j] };
    }
    let mut chosen = Vec::new();
    let mut j = n;
    while j > 0 {
        let take = cands[j - 1].weight + dp[p[j - 1]];
        if take > dp[j - 1] {
            chosen.push(j - 1);
            j = p[j - 1];
        } else {
            j -= 1;
        }
    }
    chosen.reverse();
    let mut out = Vec::with_capacity(chosen.len());
    let mut taken: Vec<Option<Cand>> = cands.into_iter().map(Some).collect();
    for k in chosen {
        if let Some(c) = taken[k].take() {
            out.push(c);
        }
    }
    out
}

impl Recognizer for StandardRecognizer {
    fn recognize(&self, text: &str) -> Vec<Mention> {
        self.analyze(text)
    }

    fn recognize_parts(&self, parts: &[&str]) -> Vec<Vec<Mention>> {
        // One text, parts separated by blank lines; no name crosses a line.
        let mut joined = String::new();
        let mut offsets = Vec::with_capacity(parts.len());
        for (k, p) in parts.iter().enumerate() {
            if k > 0 {
                joined.push_str("\n\n");
            }
            offsets.push(joined.len());
            joined.push_str(p);
        }
        let mentions = self.analyze(&joined);
        let mut out: Vec<Vec<Mention>> = vec![Vec::new(); parts.len()];
        for mut m in mentions {
            let k = offsets.partition_point(|&o| o <= m.start).saturating_sub(1);
            let base = offsets[k];
            if m.end <= base + parts[k].len() {
                m.start -= base;
                m.end -= base;
                out[k].push(m);
            }
        }
        out
    }

    fn resolve(&self, name: &str, kind: Option<EntityType>) -> Option<Resolved> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let ok = |e: u32| kind.is_none_or(|k| self.tables.entry(e).kind == k);
        let refs = self.tables.lookup(name);
        let mut best: Option<(bool, u8, u32)> = None;
        for r in refs.iter().filter(|r| ok(r.entry)) {
            let key = (!r.weak, self.tables.entry(r.entry).prior, r.entry);
            if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                best = Some(key);
            }
        }
        let entry = match best {
            Some((_, _, e)) => Some(e),
            None => self
                .tables
                .by_canonical(name)
                .iter()
                .copied()
                .filter(|&e| ok(e))
                .max_by_key(|&e| self.tables.entry(e).prior),
        }?;
        Some(Resolved {
            kind: self.tables.entry(entry).kind,
            canonical: self.tables.canonical(entry).to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::tables;
    use proptest::prelude::*;

    fn rec() -> &'static StandardRecognizer {
        static REC: OnceLock<StandardRecognizer> = OnceLock::new();
        REC.get_or_init(|| {
            let lex = Lexicon::parse(std::str::from_utf8(CASING).unwrap());
            let model = if MODEL.is_empty() {
                Model::empty()
            } else {
                Model::from_bytes(MODEL).unwrap()
            };
            StandardRecognizer::from_parts(tables(), lex, model)
        })
    }

    fn found(r: &StandardRecognizer, text: &str) -> Vec<(String, EntityType, String)> {
        r.recognize(text)
            .into_iter()
            .map(|m| (m.text, m.kind, m.canonical))
            .collect()
    }

    fn has(
        v: &[(String, EntityType, String)],
        text: &str,
        kind: EntityType,
        canonical: &str,
    ) -> bool {
        v.iter()
            .any(|(t, k, c)| t == text && *k == kind && c == canonical)
    }

    #[test]
    fn trims_titles_and_possessives() {
        let r = rec();
        let v = found(
            r,
            "Critics attacked President Trump's plan and Russia’s answer.",
        );
        assert!(
            has(&v, "Trump", EntityType::Person, "Donald Trump"),
            "{v:?}"
        );
        assert!(has(&v, "Russia", EntityType::Place, "Russia"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, _, _)| t.contains("President") || t.contains('\'') || t.contains('’')),
            "{v:?}"
        );
        // A leading article is not part of a name.
        let v = found(r, "He spoke to the Kremlin and the U.S. Senate.");
        assert!(has(&v, "Kremlin", EntityType::Org, "Kremlin"), "{v:?}");
        assert!(
            has(&v, "U.S. Senate", EntityType::Org, "United States Senate"),
            "{v:?}"
        );
    }

    #[test]
    fn acronym_defined_in_text() {
        let r = rec();
        let v = found(r, "The Eastern Grain Marketing Board (EGMB) met on Monday. Critics of the EGMB left early.");
        assert!(
            has(
                &v,
                "Eastern Grain Marketing Board",
                EntityType::Org,
                "Eastern Grain Marketing Board"
            ),
            "{v:?}"
        );
        assert_eq!(
            v.iter()
                .filter(|(t, _, c)| t == "EGMB" && c == "Eastern Grain Marketing Board")
                .count(),
            2,
            "{v:?}"
        );
        // The acronym of a law is not a name.
        let v = found(
            r,
            "Under the Affordable Care Act (ACA), premiums fell. The ACA survived.",
        );
        assert!(!v.iter().any(|(t, _, _)| t == "ACA"), "{v:?}");
    }

    #[test]
    fn bare_surname_resolves_to_full_name() {
        let r = rec();
        let v = found(
            r,
            "By Daniel Okafor\n\nThe vote failed. Okafor argues that it will pass next year.",
        );
        assert!(
            has(&v, "Daniel Okafor", EntityType::Person, "Daniel Okafor"),
            "{v:?}"
        );
        assert!(
            has(&v, "Okafor", EntityType::Person, "Daniel Okafor"),
            "{v:?}"
        );
        // The nearest full name before a shared surname wins.
        let v = found(
            r,
            "Sen. Rick Scott spoke first. Scott left. Then Sen. Tim Scott spoke. Scott stayed.",
        );
        let scotts: Vec<&str> = v
            .iter()
            .filter(|(t, _, _)| t == "Scott")
            .map(|(_, _, c)| c.as_str())
            .collect();
        assert_eq!(scotts, ["Rick Scott", "Tim Scott"], "{v:?}");
    }

    #[test]
    fn transliteration_resolves() {
        let r = rec();
        // Against a name of the document ("Puting": edit distance 1; "Poutine": same skeleton).
        let v = found(
            r,
            "Vladimir Putin spoke on Thursday.\nPoutine : we will win.\nPuting said nothing else.",
        );
        assert!(
            has(&v, "Poutine", EntityType::Person, "Vladimir Putin"),
            "{v:?}"
        );
        assert!(
            has(&v, "Puting", EntityType::Person, "Vladimir Putin"),
            "{v:?}"
        );
        // Against a prominent person of the tables.
        let v = found(r, "Yesterday President Poutine met the envoy.");
        assert!(
            has(&v, "Poutine", EntityType::Person, "Vladimir Putin"),
            "{v:?}"
        );
    }

    #[test]
    fn weak_alias_needs_support() {
        let r = rec();
        // Two people share the weak alias "Clinton": without support it resolves to neither.
        let v = found(r, "On Monday, Clinton spoke in Moscow.");
        assert!(
            !v.iter()
                .any(|(_, _, c)| c == "Bill Clinton" || c == "Hillary Clinton"),
            "{v:?}"
        );
        // With the full name in the document it resolves.
        let v = found(
            r,
            "Hillary Rodham Clinton arrived in Moscow. On Monday, Clinton spoke.",
        );
        assert!(
            has(&v, "Clinton", EntityType::Person, "Hillary Clinton"),
            "{v:?}"
        );
        // A weak alias with a clear prior resolves alone ("Washington", prior 90).
        let v = found(r, "Officials in Washington said no.");
        assert!(
            has(&v, "Washington", EntityType::Place, "Washington, D.C."),
            "{v:?}"
        );
    }

    #[test]
    fn all_caps_headlines() {
        let r = rec();
        let v = found(
            r,
            "WHAT THE KREMLIN TAUGHT US ABOUT THE SENATE\n\nThe Senate met.",
        );
        assert!(has(&v, "KREMLIN", EntityType::Org, "Kremlin"), "{v:?}");
        assert!(
            has(&v, "SENATE", EntityType::Org, "United States Senate"),
            "{v:?}"
        );
        assert!(!v.iter().any(|(t, _, _)| t == "US"), "{v:?}");
    }

    #[test]
    fn short_forms_of_organizations() {
        let r = rec();
        let v = found(
            r,
            "The Eastern Grain Marketing Board met. The EGM Board voted, and the Board adjourned.",
        );
        assert!(
            has(
                &v,
                "EGM Board",
                EntityType::Org,
                "Eastern Grain Marketing Board"
            ),
            "{v:?}"
        );
        assert!(
            has(
                &v,
                "Board",
                EntityType::Org,
                "Eastern Grain Marketing Board"
            ),
            "{v:?}"
        );
    }

    #[test]
    fn nationality_words_are_not_names() {
        let r = rec();
        let v = found(
            r,
            "Russian troops and Ukrainian drones crossed into Russia.",
        );
        assert!(
            !v.iter().any(|(t, _, _)| t == "Russian" || t == "Ukrainian"),
            "{v:?}"
        );
        assert!(has(&v, "Russia", EntityType::Place, "Russia"), "{v:?}");
    }

    #[test]
    fn resolve_names() {
        let r = rec();
        let z = r.resolve("ZELENSKYY", None).unwrap();
        assert_eq!(
            (z.kind, z.canonical.as_str()),
            (EntityType::Person, "Volodymyr Zelensky")
        );
        assert_eq!(
            r.resolve("washington, d.c.", Some(EntityType::Place))
                .unwrap()
                .canonical,
            "Washington, D.C."
        );
        assert_eq!(r.resolve("Kiev", None).unwrap().canonical, "Kyiv");
        assert!(r.resolve("Putin", Some(EntityType::Org)).is_none());
        assert!(r.resolve("Nobody Special", None).is_none());
    }

    #[test]
    fn parts_resolve_together() {
        let r = rec();
        let parts = r.recognize_parts(&[
            "Interview with Daniel Okafor",
            "Okafor said the vote failed.",
        ]);
        assert_eq!(parts.len(), 2);
        let body = &parts[1];
        assert!(
            body.iter()
                .any(|m| m.text == "Okafor" && m.canonical == "Daniel Okafor" && m.start == 0),
            "{parts:?}"
        );
    }

    #[test]
    fn shipped_tables_load() {
        let r = StandardRecognizer::load().expect("load");
        let m = r.recognize("Vladimir Putin met Steve Witkoff in Moscow.");
        assert!(m.iter().all(|m| m.end > m.start));
        if !r.tables().is_empty() {
            assert!(m.iter().any(|m| m.canonical == "Vladimir Putin"), "{m:?}");
        }
    }

    fn check_invariants(text: &str, mentions: &[Mention]) {
        let mut last_end = 0;
        for m in mentions {
            assert!(m.start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert!(m.start >= last_end, "overlap or order: {mentions:?}");
            assert_eq!(&text[m.start..m.end], m.text);
            last_end = m.end;
        }
        let records = crate::mention_records(text, mentions);
        assert_eq!(records.len(), mentions.len());
    }

    #[test]
    fn offsets_on_char_boundaries() {
        let r = rec();
        let text =
            "Zélensky et Poutine — Volodymyr Zelensky à Kyiv; «Putin» 🇺🇦 Пу́тин’s ÉTATS-UNIS.";
        let m = r.recognize(text);
        check_invariants(text, &m);
        let recs = crate::mention_records(text, &m);
        for (rec, m) in recs.iter().zip(&m) {
            let chars: String = text
                .chars()
                .skip(rec.start)
                .take(rec.end - rec.start)
                .collect();
            assert_eq!(chars, m.text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics_and_spans_are_sound(text in "(\\PC|[A-Z][a-z]{2,8}|\\n| |'s|[.(),;:@#-]){0,80}") {
            let r = rec();
            let m = r.recognize(&text);
            check_invariants(&text, &m);
        }

        #[test]
        fn names_in_any_text(prefix in "\\PC{0,20}", suffix in "\\PC{0,20}") {
            let r = rec();
            let text = format!("{prefix} President Vladimir Putin’s envoy (SVR) {suffix}");
            let m = r.recognize(&text);
            check_invariants(&text, &m);
        }
    }
}
