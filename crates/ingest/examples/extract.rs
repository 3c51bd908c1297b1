//! `extract PATH... [--format jsonl] [--metadata TABLE --key COLUMN [--key-kind name|stem|path]
//! [--map FIELD=COLUMN]...]`: the extract stage alone, one document per line.
//! (A development aid; users run `pundit extract`.)

use std::io::Write;

fn main() {
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    let (mut metadata, mut key, mut key_kind, mut maps) =
        (None, None, pundit_ingest::KeyKind::Name, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                args.next();
            }
            "--metadata" => metadata = args.next(),
            "--key" => key = args.next(),
            "--key-kind" => {
                key_kind = args
                    .next()
                    .expect("--key-kind VALUE")
                    .parse()
                    .expect("--key-kind")
            }
            "--map" => maps.push(
                args.next()
                    .expect("--map FIELD=COLUMN")
                    .parse::<pundit_ingest::FieldMap>()
                    .expect("--map"),
            ),
            "extract" | "jsonl" => {}
            a if a.starts_with("--") => {}
            _ => paths.push(arg.into()),
        }
    }
    let metadata = metadata.map(|path| pundit_ingest::SidecarSpec {
        path: path.into(),
        key_column: key.clone().expect("--metadata needs --key COLUMN"),
        key_kind,
        maps: maps.clone(),
    });
    let options = pundit_ingest::IngestOptions {
        entities: false,
        metadata,
        ..Default::default()
    };
    let (docs, problems) = match pundit_ingest::extract_paths(&paths, &options, None) {
        Ok(found) => found,
        Err(err) => {
            eprintln!("extract: {err}");
            std::process::exit(2);
        }
    };
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
