use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{bail, Context, Result};
use clap::CommandFactory;
use pundit::{
    FieldMap, Index, IngestOptions, Interval, KeyKind, SearchRequest, SidecarSpec, SortOrder,
};
use serde::ser::{SerializeSeq, Serializer};

use crate::args::*;
use crate::output;

/// Runs a command; the exit code says how it went.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let index_dir = cli
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from("pundit-index"));
    match cli.command {
        Command::Index(args) => index(&index_dir, args),
        Command::Search(args) => search(&index_dir, args),
        Command::Show { id } => show(&index_dir, &id),
        Command::Stats { format, facet_size } => stats(&index_dir, format, facet_size),
        Command::Extract(args) => extract(args),
        Command::Entities { file } => entities(&file),
        Command::Schema { quickwit } => schema(quickwit),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "pundit", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ingest_options(args: &PipelineArgs) -> Result<IngestOptions> {
    let maps = args
        .maps
        .iter()
        .map(|m| m.parse::<FieldMap>())
        .collect::<Result<Vec<_>, _>>()?;
    let metadata = match &args.metadata {
        Some(path) => Some(SidecarSpec {
            path: path.clone(),
            key_column: args.key.clone().context("--metadata needs --key COLUMN")?,
            key_kind: match args.key_kind {
                KeyKindArg::Name => KeyKind::Name,
                KeyKindArg::Stem => KeyKind::Stem,
                KeyKindArg::Path => KeyKind::Path,
            },
            maps: maps.clone(),
        }),
        None => None,
    };
    Ok(IngestOptions {
        maps,
        excludes: args.excludes.clone(),
        threads: args.threads.unwrap_or(0),
        entities: !args.no_entities,
        max_file_bytes: args.max_file_mb.saturating_mul(1 << 20),
        metadata,
        ..IngestOptions::default()
    })
}

fn open_index(dir: &std::path::Path) -> Result<Index> {
    Ok(Index::open(dir)?)
}

fn index(dir: &std::path::Path, args: IndexArgs) -> Result<ExitCode> {
    let mut options = ingest_options(&args.pipeline)?;
    options.prune = args.prune;
    options.heap_bytes = args.heap_mb.max(16) << 20;
    if args.merge {
        options.single_segment_max_docs = u64::MAX;
    }
    let index = Index::open_or_create(dir)?;
    let mut ingester = index.ingester(options)?;
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(output::progress_bar);
    let done = AtomicU64::new(0);
    let progress = |event: pundit_ingest::Progress| {
        if let Some(bar) = &bar {
            match event {
                pundit_ingest::Progress::Found { bytes, .. } => bar.set_length(bytes),
                pundit_ingest::Progress::FileDone { bytes } => {
                    bar.set_position(done.fetch_add(bytes, Ordering::Relaxed) + bytes);
                }
                pundit_ingest::Progress::Committing => bar.set_message("committing"),
            }
        }
    };
    let report = ingester.index_paths(&args.paths, Some(&progress))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for problem in &report.problems {
        eprintln!("pundit: {problem}");
    }
    if !args.quiet {
        output::print_ingest_summary(&report, dir)?;
    }
    Ok(exit_code(
        report.files_seen,
        report.docs_added + report.docs_updated + report.docs_unchanged,
        report.skipped(),
    ))
}

/// 0 all indexed, 1 some inputs skipped, 2 nothing usable.
fn exit_code(files: u64, docs: u64, skipped: usize) -> ExitCode {
    if files == 0 || docs == 0 {
        ExitCode::from(2)
    } else if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let options = ingest_options(&args.pipeline)?;
    let recognizer = if options.entities {
        Some(pundit::StandardRecognizer::load()?)
    } else {
        None
    };
    let recognizer = recognizer.as_ref().map(|r| r as &dyn pundit::Recognizer);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Documents are printed batch by batch as they are extracted, never all held at once.
    let mut docs = 0usize;
    let problems = match args.format {
        ExtractFormat::Jsonl => {
            pundit_ingest::extract_paths_each(&args.paths, &options, recognizer, |doc| {
                docs += 1;
                serde_json::to_writer(&mut out, &doc)?;
                out.write_all(b"\n")
            })?
        }
        ExtractFormat::Json => {
            // One pretty-printed array, written element by element.
            let mut json = serde_json::Serializer::pretty(&mut out);
            let mut array = json.serialize_seq(None)?;
            let problems =
                pundit_ingest::extract_paths_each(&args.paths, &options, recognizer, |doc| {
                    docs += 1;
                    Ok(array.serialize_element(&doc)?)
                })?;
            array.end()?;
            out.write_all(b"\n")?;
            problems
        }
    };
    out.flush()?;
    for problem in &problems {
        eprintln!("pundit: {problem}");
    }
    let skipped = problems
        .iter()
        .filter(|p| p.severity == pundit::Severity::Skipped)
        .count();
    let files = (docs + skipped) as u64;
    Ok(exit_code(files, docs as u64, skipped))
}

fn search(dir: &std::path::Path, args: SearchArgs) -> Result<ExitCode> {
    let index = open_index(dir)?;
    let query = args.query.join(" ");
    let mut request = SearchRequest::new(query)
        .sort(match args.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Newest => SortOrder::Newest,
            SortArg::Oldest => SortOrder::Oldest,
        })
        .limit(args.limit)
        .offset(args.offset)
        .facet_size(args.facet_size)
        .snippets(!args.no_snippets && args.format != SearchFormat::Csv);
    request.authors = args.author;
    request.sites = args.site;
    request.entities = args.entity;
    if let Some(since) = &args.since {
        request = request.since(since)?;
    }
    if let Some(until) = &args.until {
        request = request.until(until)?;
    }
    if let Some(by) = args.by {
        request = request.histogram(match by {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Year => Interval::Year,
        });
    }
    let results = index.search(&request)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SearchFormat::Text => {
            output::print_results(&mut out, &results, &request, output::use_color())?
        }
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        SearchFormat::Jsonl => {
            for hit in &results.hits {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
            }
        }
        SearchFormat::Csv => output::print_csv(&mut out, &results)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(dir: &std::path::Path, id: &str) -> Result<ExitCode> {
    let index = open_index(dir)?;
    match index.document(id)? {
        Some(doc) => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
        None => bail!("no document with id {id:?} in {}", dir.display()),
    }
}

fn stats(dir: &std::path::Path, format: StatsFormat, facet_size: usize) -> Result<ExitCode> {
    let index = open_index(dir)?;
    let stats = index.stats(facet_size)?;
    let mut out = std::io::stdout().lock();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            writeln!(out)?;
        }
        StatsFormat::Text => output::print_stats(&mut out, &stats, dir)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn entities(file: &std::path::Path) -> Result<ExitCode> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", file.display()))?;
    }
    let text = pundit_ingest::decode::decode(&bytes, None).text;
    let recognizer = pundit::StandardRecognizer::load()?;
    let mentions = pundit::Recognizer::recognize(&recognizer, &text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for record in pundit_entities::mention_records(&text, &mentions) {
        serde_json::to_writer(&mut out, &record)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn schema(quickwit: bool) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if quickwit {
        let spec = pundit_schema_spec()?;
        serde_json::to_writer_pretty(&mut out, &spec.quickwit_doc_mapping())?;
        writeln!(out)?;
    } else {
        out.write_all(pundit::BUILTIN_SCHEMA.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn pundit_schema_spec() -> Result<pundit::SchemaSpec> {
    Ok(pundit::SchemaSpec::from_toml(
        pundit::BUILTIN_SCHEMA,
        "index-schema/commentary.toml",
    )?)
}
