//! Copies the alias tables (`data/*.tsv`) and the trained tagger (`train/model.bin`,
//! `train/casing.tsv`) into OUT_DIR so that the crate embeds them with `include_bytes!`; a file
//! that does not exist yet is embedded as empty (the recognizer then works without it).

use std::path::Path;

const FILES: &[&str] = &[
    "data/persons.tsv",
    "data/orgs.tsv",
    "data/places.tsv",
    "data/congress.tsv",
    "data/geonames.tsv",
    "train/model.bin",
    "train/casing.tsv",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=train");
    for f in FILES {
        println!("cargo:rerun-if-changed={f}");
        let name = Path::new(f).file_name().expect("file name");
        let bytes = std::fs::read(f).unwrap_or_default();
        let dest = Path::new(&out).join(name);
        if std::fs::read(&dest).ok().as_deref() != Some(&bytes[..]) {
            std::fs::write(&dest, &bytes).expect("write OUT_DIR copy");
        }
    }
}
