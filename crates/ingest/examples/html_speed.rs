//! `html_speed DIR...`: single-thread throughput of the HTML extractor over every `.html` /
//! `.html.gz` page below the folders, pages decoded and held in memory first.

use std::io::Read;
use std::time::Instant;

use pundit_ingest::extract::{html, SourceFile};

fn main() {
    let mut pages: Vec<String> = Vec::new();
    for dir in std::env::args().skip(1) {
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            let p = entry.path();
            let name = p.to_string_lossy();
            if !(name.ends_with(".html") || name.ends_with(".html.gz")) || name.contains("expected")
            {
                continue;
            }
            let raw = std::fs::read(p).unwrap();
            let bytes = if name.ends_with(".gz") {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .unwrap();
                out
            } else {
                raw
            };
            pages.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let total: usize = pages.iter().map(String::len).sum();
    let file = SourceFile {
        abs_path: "/tmp/x.html".into(),
        source_path: "x.html".into(),
    };
    for p in pages.iter().take(5) {
        std::hint::black_box(html::extract(&file, p));
    }
    for _ in 0..3 {
        let start = Instant::now();
        for p in &pages {
            std::hint::black_box(html::extract(&file, p));
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{} pages, {:.1} MB, {:.2} s, {:.1} MB/s",
            pages.len(),
            total as f64 / 1e6,
            secs,
            total as f64 / 1e6 / secs
        );
    }
}
