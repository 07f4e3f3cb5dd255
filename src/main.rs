//! khabar: a terminal reader for Arabic news. With no command it opens the reader; the
//! sub-commands refresh feeds headless, query the database and run the extraction engine.

mod cli;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for Arabic news: who, where, how many, what happened.
#[derive(Parser, Debug)]
#[command(name = "khabar", version, about)]
struct Cli {
    /// The configuration file (default: the platform's config directory).
    #[arg(long, env = "KHABAR_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// The SQLite database (default: the platform's data directory).
    #[arg(long, env = "KHABAR_DB", global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Refresh every feed once, headless.
    Fetch(cli::fetch::Args),
    /// Add, list or remove feeds.
    #[command(subcommand)]
    Feeds(cli::feeds::Command),
    /// Subscribe to the feeds of an OPML file.
    ImportOpml(cli::opml::ImportArgs),
    /// Write the subscribed feeds as OPML (to FILE or standard output).
    ExportOpml(cli::opml::ExportArgs),
    /// List stored articles, newest first.
    List(cli::list::Args),
    /// Run the extraction engine on a text.
    Extract(cli::extract::Args),
    /// Run the current engine again over articles summarised by an older one.
    Reextract(cli::reextract::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = cli::Paths {
        config: cli.config,
        db: cli.db,
    };
    let result = match cli.command {
        None => cli::reader::run(&paths),
        Some(Command::Fetch(args)) => cli::fetch::run(&paths, args),
        Some(Command::Feeds(cmd)) => cli::feeds::run(&paths, cmd),
        Some(Command::ImportOpml(args)) => cli::opml::import(&paths, args),
        Some(Command::ExportOpml(args)) => cli::opml::export(&paths, args),
        Some(Command::List(args)) => cli::list::run(&paths, args),
        Some(Command::Extract(args)) => cli::extract::run(args),
        Some(Command::Reextract(args)) => cli::reextract::run(&paths, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("khabar: {err:#}");
            ExitCode::FAILURE
        }
    }
}
