//! Rules: names after person titles ("President Trump", "envoy Steve Witkoff"), organization
//! names by their head or suffix word ("Office of Management and Budget", "Georgia Public
//! Service Commission"), names of laws, programs and documents that block the names inside them
//! ("United Nations Charter"), acronyms defined in the text ("Collective Security Treaty
//! Organization (CSTO)"), authors of embedded posts ("– Name (@handle) date") and bylines.

use crate::fold::is_apostrophe;
use crate::lexicon::Lexicon;
use crate::tables::{word, Tables};
use crate::token::{flag, Doc, LineMode, TokKind};
use crate::util::WordList;
use crate::EntityType;

/// Titles that make the following capitalized name a person.
pub static TITLE_CUES: WordList = WordList::new(&[
    "president",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "secretary",
    "minister",
    "premier",
    "chancellor",
    "envoy",
    "ambassador",
    "judge",
    "justice",
    "speaker",
    "mayor",
    "prof",
    "professor",
    "rev",
    "sir",
    "dame",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "ayatollah",
    "lt",
    "gen",
    "col",
    "adm",
    "sgt",
    "capt",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "chairman",
    "chairwoman",
    "commissioner",
    "adviser",
    "advisor",
    "aide",
    "congressman",
    "congresswoman",
    "senators",
    "lawmaker",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "columnist",
    "correspondent",
    "presenter",
    "anchor",
    "economist",
    "analyst",
    "historian",
    "author",
    "writer",
    "candidate",
    "challenger",
    "nominee",
    "incumbent",
    "dictator",
    "tsar",
    "czar",
    "emir",
    "sultan",
    "archbishop",
    "cardinal",
    "bishop",
    "mrs",
    "madam",
    "officer",
    "detective",
    "inspector",
    "deputy",
    "vice",
    "chief",
    "leader",
    "general",
]);

/// Title words that may precede the cue word itself or stand between it and the name
/// ("Prime Minister", "Attorney General", "Majority Leader", "Treasury Secretary").
pub static TITLE_PARTS: WordList = WordList::new(&[
    "prime",
    "vice",
    "deputy",
    "attorney",
    "general",
    "solicitor",
    "majority",
    "minority",
    "leader",
    "whip",
    "chief",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "treasury",
    "state",
    "commerce",
    "agriculture",
    "transportation",
    "energy",
    "health",
    "labor",
    "labour",
    "education",
    "justice",
    "trade",
    "home",
    "first",
    "lady",
    "acting",
    "former",
    "interim",
    "president",
    "minister",
    "secretary",
    "senior",
    "special",
    "presidential",
    "executive",
    "assistant",
    "associate",
    "lieutenant",
    "governor",
    "lt",
    "house",
    "senate",
    "elect",
    "emeritus",
    "chancellor",
    "of",
    "the",
    "for",
    "and",
    "&",
    "-",
    ".",
    "representative",
    "envoy",
    "ambassador",
    "speaker",
    "sen",
    "rep",
    "gov",
    "mr",
    "mrs",
    "ms",
    "dr",
    "judge",
    "director",
    "national",
    "security",
    "adviser",
    "advisor",
    "u",
    "s",
    "un",
    "us",
    "uk",
    "eu",
    "white",
    "press",
    "intelligence",
    "economic",
    "prosecutor",
    "trooper",
]);

/// Last words of organization names.
pub static ORG_SUFFIXES: WordList = WordList::new(&[
    "party",
    "ministry",
    "council",
    "committee",
    "agency",
    "inc",
    "corp",
    "corporation",
    "university",
    "institute",
    "union",
    "bank",
    "fund",
    "commission",
    "court",
    "bureau",
    "office",
    "department",
    "administration",
    "authority",
    "association",
    "organization",
    "organisation",
    "foundation",
    "group",
    "company",
    "co",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "federation",
    "league",
    "alliance",
    "front",
    "movement",
    "service",
    "services",
    "board",
    "force",
    "forces",
    "army",
    "navy",
    "police",
    "guard",
    "club",
    "society",
    "network",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "community",
    "school",
    "college",
    "academy",
    "church",
    "trust",
    "forum",
    "caucus",
    "coalition",
    "reserve",
    "exchange",
    "tribunal",
    "secretariat",
    "cabinet",
    "government",
    "institution",
    "centre",
    "center",
    "airlines",
    "airways",
    "motors",
    "holdings",
    "industries",
    "partners",
    "capital",
    "media",
    "tv",
    "radio",
    "broadcasting",
    "television",
    "magazine",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
    "review",
    "fc",
    "united",
    "rovers",
    "athletic",
    "group",
    "brigade",
    "brigades",
    "battalion",
    "regiment",
    "corps",
    "directorate",
    "inspectorate",
    "observatory",
    "laboratory",
    "laboratories",
    "hospital",
    "clinic",
    "conference",
    "congregation",
    "mission",
    "programme_office",
    "consortium",
    "cooperative",
    "bancorp",
    "securities",
    "systems",
    "technologies",
    "pharmaceuticals",
    "telecom",
    "communications",
    "railways",
    "railway",
    "stadium_authority",
    "chamber",
    "delegation",
    "embassy",
    "consulate",
    "legislature",
    "duma",
    "rada",
    "knesset",
    "majlis",
    "sejm",
    "bundestag",
    "storting",
    "cortes",
]);

/// First words of organization names when followed by "of", "for" or "on".
static ORG_HEADS: WordList = WordList::new(&[
    "ministry",
    "department",
    "office",
    "bureau",
    "court",
    "university",
    "bank",
    "commission",
    "council",
    "institute",
    "federation",
    "association",
    "organization",
    "organisation",
    "league",
    "union",
    "party",
    "committee",
    "board",
    "house",
    "chamber",
    "academy",
    "college",
    "school",
    "church",
    "agency",
    "fund",
    "society",
    "secretariat",
    "assembly",
    "parliament",
    "government",
    "congress",
    "conference",
    "alliance",
    "coalition",
    "movement",
    "front",
    "army",
    "navy",
    "order",
]);

/// Last words of names of laws, programs, documents and events (MISC): nothing inside such a
/// name is annotated.
static MISC_SUFFIXES: WordList = WordList::new(&[
    "act",
    "program",
    "programme",
    "index",
    "charter",
    "treaty",
    "agreement",
    "accord",
    "accords",
    "doctrine",
    "award",
    "prize",
    "cup",
    "games",
    "olympics",
    "series",
    "tour",
    "convention",
    "protocol",
    "declaration",
    "amendment",
    "initiative",
    "open",
    "championship",
    "championships",
    "masters",
    "classic",
    "marathon",
    "tournament",
    "trophy",
    "festival",
    "prix",
    "olympiad",
    "expo",
    "derby",
    "bowl",
    "strategy",
    "compact",
    "pact_document",
    "war",
    "revolution",
    "memorandum",
    "report",
    "resolution",
    "statute",
    "law",
    "code",
    "bill",
    "manifesto",
    "plan",
]);

/// Title words stripped from the start of an organization name ("President of the European
/// Commission"); not "General" ("General Assembly").
static ORG_STRIP: WordList = WordList::new(&[
    "of",
    "the",
    "for",
    "prime",
    "vice",
    "deputy",
    "acting",
    "former",
    ".",
    "president",
    "minister",
    "secretary",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "chancellor",
    "premier",
    "ambassador",
    "envoy",
    "speaker",
    "judge",
    "justice",
]);

/// Particles inside personal names.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "di", "du", "bin", "ibn", "al", "la", "le", "del",
    "dos", "y",
];

/// Connectors inside organization names.
const ORG_CONNECTORS: &[&str] = &[
    "of", "for", "on", "and", "the", "&", "-", "de", "du", "des", "la",
];

/// A candidate found by a rule.
#[derive(Debug, Clone)]
pub struct RuleSpan {
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
    /// Type; `None` for a MISC name that blocks the names inside it.
    pub kind: Option<EntityType>,
    /// Which rule.
    pub rule: Rule,
}

/// Which rule found a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Name after a person title.
    Title,
    /// Organization head or suffix word.
    OrgName,
    /// MISC name (law, program, document, event).
    Misc,
    /// Author of an embedded post.
    PostAuthor,
    /// Byline.
    Byline,
}

/// A capitalized word usable inside a name (title case, an initial or a short all-caps part).
fn name_word(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    if t.kind != TokKind::Word || t.has(flag::NOSPAN) {
        return false;
    }
    if t.has(flag::TITLE) {
        return true;
    }
    if t.has(flag::UPPER) {
        let len = t.end - t.start;
        return len <= 3 || doc.mode(i) == LineMode::AllCaps;
    }
    false
}

/// A short lowercase alphabetic word: the second syllable of a hyphenated given name.
fn is_syllable(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    let text = doc.text_of(i);
    t.kind == TokKind::Word
        && t.has(flag::LOWER)
        && (2..=4).contains(&text.chars().count())
        && text.chars().all(char::is_alphabetic)
}

/// End of the personal name starting at `i` (exclusive; `i` when there is none).
pub fn name_run(doc: &Doc, i: usize, max_words: usize) -> usize {
    let n = doc.tokens.len();
    if i >= n || !name_word(doc, i) || doc.fold_of(i).is_empty() {
        return i;
    }
    let line = doc.tokens[i].line;
    let mut j = i + 1;
    let mut words = 1;
    while j < n && doc.tokens[j].line == line && words < max_words {
        if doc.tokens[j].has(flag::SENT_START) {
            break;
        }
        // Initial "J." glued period.
        if doc.is_punct(j, '.')
            && doc.glued(j)
            && doc.text_of(j - 1).chars().count() == 1
            && j + 1 < n
            && name_word(doc, j + 1)
        {
            j += 1;
            continue;
        }
        // Hyphenated compound "Ocasio-Cortez".
        if doc.is_punct(j, '-')
            && doc.glued(j)
            && j + 1 < n
            && doc.glued(j + 1)
            && name_word(doc, j + 1)
        {
            j += 2;
            continue;
        }
        // Romanized Korean and Chinese given names: a short capitalized syllable, a hyphen and
        // a short lowercase one ("Ban Ki-moon", "Moon Jae-in", "Lee Teng-hui"). Only after a
        // family name, so "Biden-era" or "Obama-style" never start a name this way.
        if j > i
            && doc.is_punct(j, '-')
            && doc.glued(j)
            && j + 1 < n
            && doc.glued(j + 1)
            && name_word(doc, j - 1)
            && doc.text_of(j - 1).chars().count() <= 4
            && is_syllable(doc, j + 1)
            && !(j + 2 < n && doc.is_punct(j + 2, '-') && doc.glued(j + 2))
        {
            j += 2;
            continue;
        }
        if name_word(doc, j) {
            j += 1;
            words += 1;
            continue;
        }
        // Particles "von der Leyen".
        if PARTICLES.contains(&doc.fold_of(j)) && doc.tokens[j].has(flag::LOWER) {
            let mut k = j;
            while k < n
                && k < j + 3
                && PARTICLES.contains(&doc.fold_of(k))
                && doc.tokens[k].has(flag::LOWER)
            {
                k += 1;
            }
            if k < n && doc.tokens[k].line == line && name_word(doc, k) {
                j = k;
                continue;
            }
        }
        break;
    }
    j
}

/// Finds the rule candidates of `doc`.
pub fn find(doc: &Doc, tables: &Tables, lex: &Lexicon, out: &mut Vec<RuleSpan>) {
    titles(doc, tables, lex, out);
    org_names(doc, tables, lex, out);
    case_names(doc, out);
    families(doc, tables, out);
    post_authors(doc, tables, lex, out);
    bylines(doc, out);
}

/// Court case names "Learning Resources v. Trump": a MISC name blocking the names inside.
fn case_names(doc: &Doc, out: &mut Vec<RuleSpan>) {
    let n = doc.tokens.len();
    for i in 1..n {
        let w = doc.fold_of(i);
        if !(w == "v" || w == "vs")
            || !doc.tokens[i].has(flag::LOWER)
            || !doc.tokens[i - 1].is_cap()
        {
            continue;
        }
        let mut j = i + 1;
        if j < n && doc.is_punct(j, '.') {
            j += 1;
        }
        if j >= n || !doc.tokens[j].is_cap() {
            continue;
        }
        let line = doc.tokens[i].line;
        let mut a = i;
        while a > 0
            && doc.tokens[a - 1].line == line
            && (doc.tokens[a - 1].is_cap()
                || (ORG_CONNECTORS.contains(&doc.fold_of(a - 1))
                    && a >= 2
                    && doc.tokens[a - 2].is_cap()))
        {
            a -= 1;
        }
        let b = name_run(doc, j, 6).max(j + 1);
        out.push(RuleSpan {
            a,
            b,
            kind: None,
            rule: Rule::Misc,
        });
    }
}

/// "the Clintons", "the Kennedys": a family named by the plural of a known surname (a person
/// mention with no single person as its key).
fn families(doc: &Doc, tables: &Tables, out: &mut Vec<RuleSpan>) {
    for i in 1..doc.tokens.len() {
        let t = &doc.tokens[i];
        if !t.has(flag::TITLE) || doc.fold_of(i - 1) != "the" {
            continue;
        }
        let w = doc.fold_of(i);
        let Some(stem) = w
            .strip_suffix("es")
            .filter(|s| s.ends_with('s') || s.ends_with('z'))
            .or_else(|| w.strip_suffix('s'))
        else {
            continue;
        };
        if stem.len() >= 3
            && tables.word_class(stem) & word::SURNAME != 0
            && tables.word_class(w) == 0
        {
            out.push(RuleSpan {
                a: i,
                b: i + 1,
                kind: Some(EntityType::Person),
                rule: Rule::Title,
            });
        }
    }
}

fn titles(doc: &Doc, tables: &Tables, lex: &Lexicon, out: &mut Vec<RuleSpan>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        let t = &doc.tokens[i];
        // A title is followed by a capitalized word (possibly after its period).
        let next = if i + 1 < n && doc.is_punct(i + 1, '.') {
            i + 2
        } else {
            i + 1
        };
        if t.kind != TokKind::Word
            || next >= n
            || !doc.tokens[next].is_cap()
            || !TITLE_CUES.contains(doc.fold_of(i))
        {
            i += 1;
            continue;
        }
        // Skip further title words ("Prime Minister", "Secretary of State", "Sen.").
        let line = t.line;
        let mut j = i + 1;
        while j < n && doc.tokens[j].line == line && j < i + 6 {
            let w = doc.fold_of(j);
            let is_title_part = TITLE_PARTS.contains(w) || TITLE_CUES.contains(w);
            if doc.is_punct(j, '.') && doc.glued(j) {
                j += 1;
                continue;
            }
            // "of", "the", "for", "and" only inside a title ("Secretary of State"), not before a
            // name ("tsar of Russia").
            if matches!(w, "of" | "the" | "for" | "and" | "&" | "-") {
                let next_title = j + 1 < n
                    && (TITLE_PARTS.contains(doc.fold_of(j + 1))
                        || TITLE_CUES.contains(doc.fold_of(j + 1)))
                    && !matches!(doc.fold_of(j + 1), "of" | "the" | "for" | "and" | "&" | "-");
                if next_title {
                    j += 1;
                    continue;
                }
                break;
            }
            // A capitalized title word directly before a non-name ends the title.
            let ends_title = doc.tokens[j].is_cap()
                && j + 1 < n
                && !name_word(doc, j + 1)
                && !doc.is_punct(j + 1, '.');
            if is_title_part && !ends_title {
                j += 1;
                continue;
            }
            break;
        }
        if j >= n
            || doc.tokens[j].line != line
            || doc.tokens[j].has(flag::SENT_START)
            || doc.mode(j) == LineMode::AllCaps
        {
            i += 1;
            continue;
        }
        let end = name_run(doc, j, 4);
        if end > j {
            let words: Vec<&str> = (j..end)
                .filter(|&k| doc.tokens[k].kind == TokKind::Word)
                .map(|k| doc.fold_of(k))
                .collect();
            let org_like = words.iter().any(|w| ORG_SUFFIXES.contains(w))
                || words.iter().all(|w| {
                    let c = tables.word_class(w);
                    c & (word::PLACE | word::ORG) != 0 && c & (word::GIVEN | word::SURNAME) == 0
                })
                || words.iter().all(|w| lex.is_common(w));
            let table_thing = tables
                .lookup(doc.span_text(j, end))
                .iter()
                .any(|r| !r.weak && tables.entry(r.entry).kind != EntityType::Person);
            if !org_like && !table_thing {
                out.push(RuleSpan {
                    a: j,
                    b: end,
                    kind: Some(EntityType::Person),
                    rule: Rule::Title,
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Capitalized word for organization names (any capitalized word, numbers allowed inside).
fn org_word(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    !t.has(flag::NOSPAN) && t.kind == TokKind::Word && t.flags & (flag::TITLE | flag::UPPER) != 0
}

fn org_names(doc: &Doc, tables: &Tables, lex: &Lexicon, out: &mut Vec<RuleSpan>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if !org_word(doc, i) || doc.mode(i) == LineMode::AllCaps {
            i += 1;
            continue;
        }
        // Maximal capitalized run with connectors, on one line.
        let line = doc.tokens[i].line;
        let mut j = i + 1;
        let mut last_word = i;
        while j < n && doc.tokens[j].line == line {
            if org_word(doc, j) {
                last_word = j;
                j += 1;
                continue;
            }
            let w = doc.fold_of(j);
            let glued_dot =
                doc.is_punct(j, '.') && doc.glued(j) && doc.text_of(j - 1).chars().count() <= 2;
            if (ORG_CONNECTORS.contains(&w)
                && (doc.tokens[j].has(flag::LOWER) || doc.tokens[j].kind == TokKind::Punct))
                || glued_dot
            {
                j += 1;
                continue;
            }
            break;
        }
        let run_end = last_word + 1;
        let mut start = i;
        // A sentence-initial common word ("If the Court") and "The" are not part of the name.
        if doc.tokens[start].has(flag::SENT_START)
            && lex.is_common(doc.fold_of(start))
            && !ORG_HEADS.contains(doc.fold_of(start))
        {
            start += 1;
        }
        while start < run_end
            && (matches!(doc.fold_of(start), "the" | "a" | "an")
                || doc.tokens[start].kind == TokKind::Punct)
        {
            start += 1;
        }
        // Leading title words ("President of the European Commission"), if a name remains.
        let mut s2 = start;
        while s2 < run_end && ORG_STRIP.contains(doc.fold_of(s2)) {
            s2 += 1;
        }
        if (s2..run_end).filter(|&k| org_word(doc, k)).count() >= 2 {
            start = s2;
        }
        // Possessive inside: stop the run there.
        let words: Vec<usize> = (start..run_end)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .collect();
        let ampersand =
            (start..run_end).any(|k| doc.is_punct(k, '&') && k > start && k + 1 < run_end);
        if words.len() >= 2 && ampersand {
            // "Douglas & Lomason", "Procter & Gamble": a firm.
            out.push(RuleSpan {
                a: start,
                b: run_end,
                kind: Some(EntityType::Org),
                rule: Rule::OrgName,
            });
        } else if words.len() >= 2 {
            let last = *words.last().unwrap_or(&start);
            let lw = doc.fold_of(last);
            if MISC_SUFFIXES.contains(lw) && words.len() >= 3
                || (MISC_SUFFIXES.contains(lw)
                    && !["war", "plan", "report", "bill", "law", "code"].contains(&lw))
            {
                out.push(RuleSpan {
                    a: start,
                    b: run_end,
                    kind: None,
                    rule: Rule::Misc,
                });
            } else if ORG_HEADS.contains(doc.fold_of(start))
                && start + 1 < run_end
                && matches!(doc.fold_of(start + 1), "of" | "for" | "on")
            {
                out.push(RuleSpan {
                    a: start,
                    b: run_end,
                    kind: Some(EntityType::Org),
                    rule: Rule::OrgName,
                });
            } else if let Some(pos) = words.iter().enumerate().rposition(|(n, &k)| {
                // Sports-club suffixes only end a name ("Manchester United", not "United Nations").
                let w = doc.fold_of(k);
                ORG_SUFFIXES.contains(w)
                    && (n + 1 == words.len()
                        || !matches!(w, "united" | "rovers" | "athletic" | "fc"))
            }) {
                // Name up to the last suffix word, plus "of" + a capitalized name after it.
                let mut end = words[pos] + 1;
                // "Kremlin and the U.S. Senate": a known name before "and" is a name of its own.
                let mut start = start;
                if let Some(and) = (start..end)
                    .rev()
                    .find(|&k| doc.fold_of(k) == "and" && doc.tokens[k].has(flag::LOWER))
                {
                    if and > start
                        && tables
                            .lookup(doc.span_text(start, and))
                            .iter()
                            .any(|r| !r.weak)
                    {
                        start = and + 1;
                        while start < end && doc.fold_of(start) == "the" {
                            start += 1;
                        }
                    }
                }
                let words: Vec<usize> = words.iter().copied().filter(|&k| k >= start).collect();
                let of_the = usize::from(end + 2 < run_end && doc.fold_of(end + 1) == "the");
                if end + 1 + of_the < run_end
                    && doc.fold_of(end) == "of"
                    && org_word(doc, end + 1 + of_the)
                {
                    let mut k = end + 1 + of_the;
                    while k < run_end
                        && (org_word(doc, k) || (doc.is_punct(k, '-') && doc.glued(k)))
                    {
                        k += 1;
                    }
                    end = k;
                }
                let first = doc.fold_of(start);
                let span_words = words.iter().filter(|&&k| k < end).count();
                let sentence_common = doc.tokens[start].has(flag::SENT_START)
                    && lex.is_common(first)
                    && span_words == 2;
                if span_words >= 2 && !sentence_common {
                    out.push(RuleSpan {
                        a: start,
                        b: end,
                        kind: Some(EntityType::Org),
                        rule: Rule::OrgName,
                    });
                }
            }
        }
        i = run_end.max(i + 1);
    }
}

/// Is this a dash that opens an attribution line?
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '~')
}

fn post_authors(doc: &Doc, tables: &Tables, lex: &Lexicon, out: &mut Vec<RuleSpan>) {
    for line in &doc.lines {
        let (a, b) = (line.first, line.end);
        let mut s = a;
        while s < b
            && doc.tokens[s].kind == TokKind::Punct
            && (is_dash(doc.first_char(s)) || matches!(doc.first_char(s), '"' | '“' | '*'))
        {
            s += 1;
        }
        let dash = s > a;
        // "Name (@handle)" with the name at the start of the line.
        let Some(p) = (s..b.min(s + 8))
            .find(|&k| doc.is_punct(k, '(') && k + 1 < b && doc.is_punct(k + 1, '@'))
        else {
            continue;
        };
        if p == s || (!dash && p - s > 4) {
            continue;
        }
        if (s..p).any(|k| {
            doc.tokens[k].has(flag::NOSPAN)
                || (doc.tokens[k].kind == TokKind::Punct
                    && !matches!(doc.first_char(k), '.' | '-' | '\'' | '’' | '&'))
        }) {
            continue;
        }
        let kind = author_kind(doc, tables, lex, s, p);
        out.push(RuleSpan {
            a: s,
            b: p,
            kind: Some(kind),
            rule: Rule::PostAuthor,
        });
    }
}

/// Person or organization for the author name on tokens `a..b`.
pub fn author_kind(doc: &Doc, tables: &Tables, lex: &Lexicon, a: usize, b: usize) -> EntityType {
    let words: Vec<usize> = (a..b)
        .filter(|&k| doc.tokens[k].kind != TokKind::Punct)
        .collect();
    if let Some(r) = tables
        .lookup(doc.span_text(a, b))
        .iter()
        .filter(|r| !r.weak)
        .max_by_key(|r| tables.entry(r.entry).prior)
    {
        return tables.entry(r.entry).kind;
    }
    let any_digit = words.iter().any(|&k| doc.tokens[k].has(flag::DIGIT));
    let all_upper = words.iter().all(|&k| doc.tokens[k].has(flag::UPPER));
    let has_org_word = words.iter().any(|&k| {
        ORG_SUFFIXES.contains(doc.fold_of(k))
            || ["report", "daily", "today", "insider", "watch", "live"].contains(&doc.fold_of(k))
    });
    let given = words
        .first()
        .is_some_and(|&k| tables.word_class(doc.fold_of(k)) & word::GIVEN != 0);
    let common = words
        .iter()
        .filter(|&&k| lex.is_common(doc.fold_of(k)))
        .count();
    if given && !has_org_word {
        EntityType::Person
    } else if any_digit
        || all_upper
        || has_org_word
        || (words.len() >= 2 && common * 2 >= words.len())
    {
        EntityType::Org
    } else {
        EntityType::Person
    }
}

fn bylines(doc: &Doc, out: &mut Vec<RuleSpan>) {
    for line in &doc.lines {
        let a = line.first;
        if doc.fold_of(a) != "by" || !doc.tokens[a].is_cap() {
            continue;
        }
        let s = a + 1;
        let e = name_run(doc, s, 4);
        let words = (s..e)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .count();
        let ends_ok = e == line.end
            || doc.is_punct(e, ',')
            || doc.fold_of(e) == "and"
            || doc.is_punct(e, '|');
        if words >= 2 && ends_ok {
            out.push(RuleSpan {
                a: s,
                b: e,
                kind: Some(EntityType::Person),
                rule: Rule::Byline,
            });
            if e < line.end && doc.fold_of(e) == "and" {
                let e2 = name_run(doc, e + 1, 4);
                if e2 > e + 2 {
                    out.push(RuleSpan {
                        a: e + 1,
                        b: e2,
                        kind: Some(EntityType::Person),
                        rule: Rule::Byline,
                    });
                }
            }
        }
    }
}

/// Acronyms in parentheses: (position of "(", the acronym token).
pub fn acronym_sites(doc: &Doc) -> Vec<(usize, usize)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    for p in 1..n.saturating_sub(2) {
        if !doc.is_punct(p, '(') || !doc.is_punct(p + 2, ')') {
            continue;
        }
        let t = &doc.tokens[p + 1];
        let len = doc.text_of(p + 1).chars().count();
        if t.kind == TokKind::Word
            && t.has(flag::UPPER)
            && (2..=8).contains(&len)
            && !t.has(flag::NOSPAN)
        {
            out.push((p, p + 1));
        }
    }
    out
}

/// Connectors that an acronym may skip.
const ACR_SKIP: &[&str] = &[
    "of", "and", "the", "for", "on", "in", "&", "-", ".", "de", "du", "des", "la", "to", "at", "'",
    "’",
];

/// Does `acr` (lower case letters) abbreviate tokens `a..b`? Each acronym letter matches the
/// initial of a word in order (connectors may give a letter or be skipped), at most one content
/// word is skipped, and the last content word gives a letter.
pub fn acronym_matches(doc: &Doc, acr: &str, a: usize, b: usize) -> bool {
    let letters: Vec<char> = acr.chars().filter(|c| c.is_alphanumeric()).collect();
    let words: Vec<(char, bool)> = (a..b)
        .filter(|&k| {
            doc.tokens[k].kind != TokKind::Punct
                || !matches!(doc.first_char(k), '.' | '-' | '\'' | '’')
        })
        .filter(|&k| !is_apostrophe(doc.first_char(k)))
        .map(|k| {
            (
                doc.fold_of(k).chars().next().unwrap_or(' '),
                ACR_SKIP.contains(&doc.fold_of(k)),
            )
        })
        .collect();
    if words.is_empty() || letters.is_empty() || words.len() > 14 {
        return false;
    }
    // The first word must give the first letter; the last content word must give a letter.
    fn rec(l: &[char], w: &[(char, bool)], skips: usize, last_used: bool) -> bool {
        if w.is_empty() {
            return l.is_empty() && last_used;
        }
        let (c, conn) = w[0];
        let is_last_content = !conn && w[1..].iter().all(|x| x.1);
        // Use this word's initial.
        if !l.is_empty()
            && l[0] == c
            && rec(
                &l[1..],
                &w[1..],
                skips,
                last_used || is_last_content || (w.len() == 1),
            )
        {
            return true;
        }
        // Skip it.
        if conn {
            return rec(l, &w[1..], skips, last_used);
        }
        skips == 0 && !is_last_content && rec(l, &w[1..], 1, last_used)
    }
    if words[0].0 != letters[0] {
        return false;
    }
    rec(&letters, &words, 0, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acr(text: &str, acr_: &str) -> bool {
        let d = Doc::new(text);
        acronym_matches(&d, &acr_.to_lowercase(), 0, d.tokens.len())
    }

    #[test]
    fn acronym_initials() {
        assert!(acr("Collective Security Treaty Organization", "CSTO"));
        assert!(acr("Office of Management and Budget", "OMB"));
        assert!(acr("U.S. Department of Agriculture", "USDA"));
        assert!(acr("National Anti-Corruption Bureau of Ukraine", "NABU"));
        assert!(acr("Department of Government Efficiency", "DOGE"));
        assert!(!acr("Collective Security Treaty Organization", "NATO"));
        assert!(!acr("Security Council", "SCX"));
    }

    #[test]
    fn name_runs() {
        let d = Doc::new("envoy Ursula von der Leyen and Alexandria Ocasio-Cortez met J. Smith.");
        let s = (0..d.tokens.len())
            .find(|&i| d.text_of(i) == "Ursula")
            .unwrap();
        assert_eq!(d.span_text(s, name_run(&d, s, 4)), "Ursula von der Leyen");
        let s = (0..d.tokens.len())
            .find(|&i| d.text_of(i) == "Alexandria")
            .unwrap();
        assert_eq!(
            d.span_text(s, name_run(&d, s, 4)),
            "Alexandria Ocasio-Cortez"
        );
        let s = (0..d.tokens.len()).find(|&i| d.text_of(i) == "J").unwrap();
        assert_eq!(d.span_text(s, name_run(&d, s, 4)), "J. Smith");
        let d = Doc::new("Secretary-General Ban Ki-moon and a Biden-era rule, Smith-led talks");
        let run = |word: &str| {
            let s = (0..d.tokens.len()).find(|&i| d.text_of(i) == word).unwrap();
            d.span_text(s, name_run(&d, s, 4)).to_string()
        };
        assert_eq!(run("Ban"), "Ban Ki-moon");
        assert_eq!(run("Biden"), "Biden");
        assert_eq!(run("Smith"), "Smith");
    }
}
