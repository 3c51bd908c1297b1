use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search for archives of political commentary.
///
/// Index a folder of saved columns, news pages, newsletters, JSON exports and mail or newsgroup
/// messages, then search it ranked (BM25), filtered and faceted by author, site, date and named
/// entity:
///
///   pundit index ~/archive
///   pundit search 'Witkoff Zelensky' --by month --entity "Vladimir Putin"
#[derive(Debug, Parser)]
#[command(name = "pundit", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Index folder [default: $PUNDIT_INDEX, else ./pundit-index]
    #[arg(long, global = true, env = "PUNDIT_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index files and folders (HTML, text, Markdown, JSON, JSON Lines, mail; also gzipped).
    ///
    /// Re-running is incremental: unchanged files (same size and content hash) are skipped,
    /// changed files replace their documents. Exit status: 0 all indexed, 1 some inputs
    /// skipped (each reported with its path and cause), 2 nothing usable or a usage error.
    Index(IndexArgs),
    /// Search the index.
    ///
    /// Query syntax: bare words are ANDed; OR, AND, NOT (or -word, +word), "exact phrases",
    /// field:word (title, body, posts), ranges such as published:[2025-01-01T00:00:00Z TO *].
    Search(SearchArgs),
    /// Print the stored document ID as JSON.
    Show {
        /// Document id (as printed by `pundit search`).
        id: String,
    },
    /// Document count, date range, top authors, sites and entities, index size.
    Stats {
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
        /// Values shown per facet.
        #[arg(long, default_value_t = 10)]
        facet_size: usize,
    },
    /// Run the ingest pipeline without indexing: one normalized document per line.
    ///
    /// The debugging and evaluation entry point. Exit status as for `pundit index`; skipped
    /// inputs are reported on stderr only.
    Extract(ExtractArgs),
    /// Find named entities in a text file (or standard input) and print every mention as JSONL.
    ///
    /// The text is used as given, without extraction; offsets are Unicode code points.
    Entities {
        /// Text file, or - for standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
    },
    /// Print the index schema (or the equivalent Quickwit doc mapping).
    Schema {
        /// Print a Quickwit doc mapping (JSON) instead of Pundit's schema file.
        #[arg(long)]
        quickwit: bool,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Options shaping documents, shared by `index` and `extract`.
#[derive(Debug, Args)]
pub struct PipelineArgs {
    /// Fill a document field from a JSON key or sidecar column (repeatable), e.g.
    /// --map authors=name --map published=year --map body=text
    #[arg(long = "map", value_name = "FIELD=SOURCE")]
    pub maps: Vec<String>,
    /// Skip paths matching this glob (repeatable), e.g. --exclude '*.css'
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
    /// A TSV or CSV table describing the files (joined on --key).
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// The column of --metadata that names files.
    #[arg(long, value_name = "COLUMN", requires = "metadata")]
    pub key: Option<String>,
    /// How the --key column names files.
    #[arg(long, value_enum, default_value_t = KeyKindArg::Name, requires = "metadata")]
    pub key_kind: KeyKindArg,
    /// Extraction threads [default: one per core]. The index writer uses as many, up to 8, or
    /// a quarter of them (at least one) while entities are recognized, which costs far more
    /// than indexing.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Do not recognize named entities.
    #[arg(long)]
    pub no_entities: bool,
    /// Skip input files larger than this after decompression, in MB.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_file_mb: u64,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Remove documents whose source file no longer exists.
    #[arg(long)]
    pub prune: bool,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub heap_mb: usize,
    /// Merge the index into one segment at the end. Facet queries then take about a fifth
    /// fewer instructions, but the merge rewrites the whole index: worth it for an archive
    /// that no longer changes, not on every incremental run.
    #[arg(long)]
    pub merge: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are joined); empty or * matches every document.
    #[arg(value_name = "QUERY", default_value = "*")]
    pub query: Vec<String>,
    /// Only documents by this author (repeatable: any of them). Case and accents are ignored.
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,
    /// Only documents from this site (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub site: Vec<String>,
    /// Only documents mentioning this entity (repeatable: all of them): a canonical name or
    /// alias, optionally prefixed person:, org: or place:.
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Only documents dated in or after this period: 2025, 2025-11 or 2025-11-27.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only documents dated in or before this period (inclusive: 2025-11 includes Nov 30).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Order of hits (undated documents come last when sorting by date).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Values per facet (0 turns facets off).
    #[arg(long, default_value_t = 10)]
    pub facet_size: usize,
    /// Date histogram of the matching documents, in calendar buckets (UTC).
    #[arg(long, value_enum, value_name = "INTERVAL")]
    pub by: Option<IntervalArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,
    /// No snippets.
    #[arg(long)]
    pub no_snippets: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IntervalArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeyKindArg {
    Name,
    Stem,
    Path,
}
