//! `extract PATH... [--format jsonl]`: the extract stage alone, one document per line.
//! (A development aid; users run `pundit extract`.)

use std::io::Write;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--") && a != "jsonl" && a != "extract")
        .map(Into::into)
        .collect();
    let options = pundit_ingest::IngestOptions {
        entities: false,
        ..Default::default()
    };
    let (docs, problems) = pundit_ingest::extract_paths(&paths, &options, None).expect("extract");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for doc in &docs {
        serde_json::to_writer(&mut out, doc).unwrap();
        out.write_all(b"\n").unwrap();
    }
    for p in &problems {
        eprintln!("{p}");
    }
}
