//! Start-up time, table memory and single-thread throughput of the standard recognizer.
//!
//! ```text
//! cargo run --release -p pundit-entities --example bench -- [SHARED] [UN_MEGABYTES]
//! ```
//!
//! Texts: the three NER evaluation sets (sample-entities, political-dev, conll-dev) and the
//! first `UN_MEGABYTES` (default 20) MB of the UN General Debate corpus, all from `SHARED`
//! (default `../shared`). Throughput excludes start-up; MB = 10^6 bytes.

use std::hash::{Hash, Hasher};
use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use pundit_entities::{Recognizer, StandardRecognizer};

fn gold_texts(path: &PathBuf) -> Vec<String> {
    let Ok(s) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    s.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect()
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// CPU time of this thread in seconds (Linux `schedstat`), for figures that do not depend on
/// other jobs running on the machine; `None` elsewhere.
fn cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shared = PathBuf::from(args.get(1).cloned().unwrap_or_else(|| "../shared".into()));
    let un_mb: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);

    if std::env::var("BENCH_PARTS").is_ok() {
        for _ in 0..3 {
            let t = Instant::now();
            let r = StandardRecognizer::load().expect("load");
            println!(
                "load {:.1} ms ({} entities)",
                t.elapsed().as_secs_f64() * 1e3,
                r.tables().len()
            );
        }
    }
    if let Ok(dir) = std::env::var("BENCH_DIR") {
        // Robustness: every file of a folder (lossy UTF-8), checking the span invariants.
        let rec = StandardRecognizer::load().expect("load");
        let mut n = 0;
        for e in walk(std::path::Path::new(&dir)) {
            let bytes = std::fs::read(&e).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let mut last = 0;
            for m in rec.recognize(&text) {
                assert!(
                    m.start >= last
                        && m.start < m.end
                        && text.is_char_boundary(m.start)
                        && text.is_char_boundary(m.end)
                );
                last = m.end;
            }
            n += 1;
        }
        println!("{n} files checked");
        return;
    }
    let rss0 = rss_kb().unwrap_or(0);
    let t = Instant::now();
    let c0 = cpu_secs();
    let rec = StandardRecognizer::load().expect("load");
    let startup = t.elapsed();
    if let (Some(a), Some(b)) = (c0, cpu_secs()) {
        println!("start-up CPU time: {:.1} ms", (b - a) * 1e3);
    }
    let rss1 = rss_kb().unwrap_or(0);
    println!(
        "start-up: {:.1} ms; resident growth {:.1} MB; tables+lexicon+model heap ~{:.1} MB",
        startup.as_secs_f64() * 1e3,
        (rss1.saturating_sub(rss0)) as f64 / 1024.0,
        rec.heap_bytes() as f64 / 1e6
    );

    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for (name, p) in [
        ("sample-entities", "ner/sample-entities/gold.jsonl"),
        ("political-dev", "ner/political-dev/gold.jsonl"),
        ("conll-dev", "ner/conll2003/dev.gold.jsonl"),
    ] {
        sets.push((name.to_string(), gold_texts(&shared.join(p))));
    }
    let mut un = Vec::new();
    let mut total = 0usize;
    let dir = shared.join("corpora/un-general-debates");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    'outer: for f in files.iter().rev() {
        if !f.to_string_lossy().ends_with(".jsonl.gz") {
            continue;
        }
        let gz = flate2::read::GzDecoder::new(std::fs::File::open(f).expect("open"));
        for line in std::io::BufReader::new(gz).lines() {
            let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("json");
            let text = v["text"].as_str().unwrap_or("").to_string();
            total += text.len();
            un.push(text);
            if total >= un_mb * 1_000_000 {
                break 'outer;
            }
        }
    }
    if std::env::var("BENCH_BIG").is_ok() {
        // One very large document (checks that nothing grows faster than linearly).
        let big = un.join("\n\n");
        let t = Instant::now();
        let m = rec.recognize(&big).len();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "one document of {} bytes: {m} mentions, {secs:.3} s, {:.2} MB/s",
            big.len(),
            big.len() as f64 / 1e6 / secs
        );
    }
    sets.push(("un-general-debates".into(), un));

    let repeat: usize = std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    if repeat > 1 {
        for (_, texts) in &sets {
            for _ in 1..repeat {
                for text in texts {
                    std::hint::black_box(rec.recognize(text));
                }
            }
        }
    }
    // Warm-up.
    for text in sets[1].1.iter() {
        std::hint::black_box(rec.recognize(text));
    }
    // BENCH_SETS=un-general-debates,… measures only the named sets (for profiling one of them).
    let only = std::env::var("BENCH_SETS").ok();
    for (name, texts) in &sets {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|s| s == name))
        {
            continue;
        }
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        // Repeat small sets until at least half a second has been measured.
        let t = Instant::now();
        let cpu0 = cpu_secs();
        let mut mentions = 0usize;
        let mut passes = 0usize;
        // Digest of every mention of the first pass: equal digests before and after a change
        // mean the change left the output alone.
        let mut digest = std::hash::DefaultHasher::new();
        while passes == 0 || t.elapsed().as_secs_f64() < 0.5 {
            mentions = 0;
            for text in texts {
                let found = rec.recognize(text);
                mentions += found.len();
                if passes == 0 {
                    for m in &found {
                        (m.start, m.end, m.kind, &m.canonical, m.source).hash(&mut digest);
                    }
                }
            }
            passes += 1;
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = match (cpu0, cpu_secs()) {
            (Some(a), Some(b)) => b - a,
            _ => secs,
        };
        println!(
            "{name:20} {:>4} docs {:>10} bytes {:>7} mentions {:>3} passes {:>7.3} s wall {:>7.2} MB/s wall {:>7.2} MB/s CPU",
            texts.len(),
            bytes,
            mentions,
            passes,
            secs,
            (bytes * passes) as f64 / 1e6 / secs,
            (bytes * passes) as f64 / 1e6 / cpu
        );
        println!("{name:20} output digest {:016x}", digest.finish());
    }
    println!(
        "resident at end: {:.1} MB",
        rss_kb().unwrap_or(0) as f64 / 1024.0
    );
}
