//! Printing: text tables, bar charts, CSV, progress.

use std::io::{IsTerminal, Write};
use std::path::Path;

use pundit::{FacetCount, IndexStats, IngestReport, SearchRequest, SearchResults};

const BOLD: &str = "\x1b[1m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Colour only on a terminal, and never when NO_COLOR is set.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

pub fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}) {msg}")
            .expect("valid template"),
    );
    bar
}

pub fn print_ingest_summary(report: &IngestReport, dir: &Path) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "{} files seen: {} documents added, {} updated, {} unchanged, {} removed; {} skipped, {} warnings",
        report.files_seen,
        report.docs_added,
        report.docs_updated,
        report.docs_unchanged,
        report.docs_removed,
        report.skipped(),
        report.warnings()
    )?;
    writeln!(
        err,
        "{:.1} MB in {:.2} s ({:.1} MB/s) into {}",
        report.bytes as f64 / 1e6,
        report.seconds,
        report.mb_per_second(),
        dir.display()
    )?;
    if report.is_noop() {
        writeln!(err, "nothing changed: the index is up to date")?;
    }
    Ok(())
}

fn paint(color: bool, style: &str, text: &str) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Marks highlighted ranges: ANSI colour on a terminal, else the text as is.
fn highlighted(text: &str, ranges: &[pundit::Highlight], color: bool) -> String {
    if !color {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::new();
    let mut last = 0;
    for r in ranges {
        if r.start < last
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[last..r.start]);
        out.push_str(HIGHLIGHT);
        out.push_str(&text[r.start..r.end]);
        out.push_str(RESET);
        last = r.end;
    }
    out.push_str(&text[last..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    request: &SearchRequest,
    color: bool,
) -> std::io::Result<()> {
    let first = request.offset + 1;
    let last = request.offset + results.hits.len();
    writeln!(
        out,
        "{} matching documents{}",
        results.total,
        if results.hits.is_empty() {
            String::new()
        } else {
            format!(", showing {first}–{last}")
        }
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        let title = hit.title.as_deref().unwrap_or("(untitled)");
        let date = hit
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        writeln!(
            out,
            "{:>3}. {}  {}",
            first + i,
            paint(color, BOLD, title),
            paint(color, DIM, &date)
        )?;
        let mut meta = Vec::new();
        if !hit.authors.is_empty() {
            meta.push(hit.authors.join(", "));
        }
        if let Some(site) = &hit.site {
            meta.push(site.clone());
        }
        let location = match (&hit.url, hit.record) {
            (Some(url), _) => url.clone(),
            (None, Some(record)) => format!("{}#{record}", hit.source_path),
            (None, None) => hit.source_path.clone(),
        };
        meta.push(location);
        writeln!(out, "     {}", meta.join(" · "))?;
        if !hit.snippet.text.is_empty() {
            writeln!(
                out,
                "     {}",
                highlighted(&hit.snippet.text, &hit.snippet.highlights, color)
            )?;
        }
        writeln!(
            out,
            "     {}",
            paint(
                color,
                DIM,
                &format!("id {} · score {:.2}", hit.id, hit.score)
            )
        )?;
    }
    print_facets(out, &results.facets, color)?;
    if let Some(histogram) = &results.histogram {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(
                color,
                BOLD,
                &format!("by {}", format!("{:?}", histogram.interval).to_lowercase())
            )
        )?;
        let mut rows: Vec<(String, u64)> = histogram
            .buckets
            .iter()
            .map(|b| (b.key.clone(), b.count))
            .collect();
        for (label, count) in [
            ("year only", histogram.year_only),
            ("month only", histogram.month_only),
            ("undated", histogram.undated),
        ] {
            if count > 0 {
                rows.push((label.to_string(), count));
            }
        }
        bar_chart(out, &rows)?;
    }
    Ok(())
}

fn bar_chart(out: &mut impl Write, rows: &[(String, u64)]) -> std::io::Result<()> {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let label_width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let count_width = max.to_string().len();
    const WIDTH: u64 = 50;
    for (label, count) in rows {
        let eighths = (count * WIDTH * 8).div_ceil(max);
        let mut bar = "█".repeat((eighths / 8) as usize);
        const PARTIAL: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
        bar.push_str(PARTIAL[(eighths % 8) as usize]);
        writeln!(out, "  {label:<label_width$}  {count:>count_width$} {bar}")?;
    }
    Ok(())
}

fn print_facets(out: &mut impl Write, facets: &pundit::Facets, color: bool) -> std::io::Result<()> {
    let groups: [(&str, &Vec<FacetCount>); 6] = [
        ("authors", &facets.authors),
        ("sites", &facets.sites),
        ("persons", &facets.persons),
        ("orgs", &facets.orgs),
        ("places", &facets.places),
        ("languages", &facets.languages),
    ];
    for (name, counts) in groups {
        if counts.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{}", paint(color, BOLD, name))?;
        let width = counts
            .iter()
            .map(|c| c.value.chars().count())
            .max()
            .unwrap_or(0);
        let count_width = counts
            .iter()
            .map(|c| c.count.to_string().len())
            .max()
            .unwrap_or(1);
        for c in counts {
            writeln!(out, "  {:<width$}  {:>count_width$}", c.value, c.count)?;
        }
    }
    Ok(())
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

pub fn print_csv(out: &mut impl Write, results: &SearchResults) -> std::io::Result<()> {
    writeln!(
        out,
        "rank,score,id,published,title,authors,site,url,source_path,record"
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        let fields = [
            (i + 1).to_string(),
            format!("{:.4}", hit.score),
            hit.id.clone(),
            hit.published.map(|d| d.to_string()).unwrap_or_default(),
            hit.title.clone().unwrap_or_default(),
            hit.authors.join("; "),
            hit.site.clone().unwrap_or_default(),
            hit.url.clone().unwrap_or_default(),
            hit.source_path.clone(),
            hit.record.map(|r| r.to_string()).unwrap_or_default(),
        ];
        writeln!(
            out,
            "{}",
            fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(",")
        )?;
    }
    Ok(())
}

pub fn print_stats(out: &mut impl Write, stats: &IndexStats, dir: &Path) -> std::io::Result<()> {
    writeln!(out, "index        {}", dir.display())?;
    writeln!(out, "documents    {}", stats.documents)?;
    let range = match (stats.earliest, stats.latest) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "none".into(),
    };
    writeln!(out, "dates        {range} ({} undated)", stats.undated)?;
    writeln!(
        out,
        "entities     {} persons, {} organizations, {} places",
        stats.entity_counts.persons, stats.entity_counts.orgs, stats.entity_counts.places
    )?;
    writeln!(
        out,
        "size         {:.1} MB in {} segments",
        stats.index_bytes as f64 / 1e6,
        stats.segments
    )?;
    writeln!(
        out,
        "schema       {} version {}",
        stats.schema_name, stats.schema_version
    )?;
    print_facets(out, &stats.facets, false)
}
