//! `pundit`: index and search archives of political commentary.
//!
//! This binary parses arguments and prints; the work is done by the `pundit` library.

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // `pundit search ... | head`: a closed pipe is not an error worth a message.
            if err.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("pundit: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
