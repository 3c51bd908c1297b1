//! `entities FILE`: prints the mentions of a UTF-8 text file as JSONL, exactly like
//! `pundit entities FILE` (used with `pundit_eval.py --pundit`).
//!
//! ```text
//! cargo build --release -p pundit-entities --example entities
//! python3 ../shared/tools/pundit_eval.py political-dev --pundit "$CARGO_TARGET_DIR/release/examples/entities"
//! ```
//!
//! Environment switches for comparing configurations: `PUNDIT_NER_TAGGER=0`,
//! `PUNDIT_NER_RULES=0`, `PUNDIT_NER_FUZZY=0`.

use std::io::{Read, Write};

use pundit_entities::{mention_records, Config, Recognizer, StandardRecognizer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Accept both `entities FILE` (the scorer's form) and `FILE`.
    let path = match args.as_slice() {
        [cmd, file, ..] if cmd == "entities" => file.clone(),
        [file] => file.clone(),
        _ => {
            eprintln!("usage: entities FILE|-");
            std::process::exit(2);
        }
    };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(&path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    if let Err(e) = read {
        eprintln!("entities: {path}: {e}");
        std::process::exit(1);
    }
    let text = String::from_utf8_lossy(&bytes);
    let flag = |name: &str| std::env::var(name).map(|v| v != "0").unwrap_or(true);
    let config = Config {
        tagger: flag("PUNDIT_NER_TAGGER"),
        rules: flag("PUNDIT_NER_RULES"),
        fuzzy: flag("PUNDIT_NER_FUZZY"),
        ..Config::default()
    };
    let rec = match StandardRecognizer::load() {
        Ok(r) => r.with_config(config),
        Err(e) => {
            eprintln!("entities: {e}");
            std::process::exit(1);
        }
    };
    let mentions = rec.recognize(&text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for r in mention_records(&text, &mentions) {
        serde_json::to_writer(&mut out, &r).expect("write");
        out.write_all(b"\n").expect("write");
    }
}
