//! `khabar extract`: runs the extraction engine on a text (`--json`, the default), on JSON
//! Lines (`--jsonl`, streamed, for bulk evaluation and throughput), or tags CoNLL tokens
//! (`--conll`).

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use khabar_extract::{Article, Engine};

/// Arguments of `khabar extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The article on standard input or in FILE → one summary JSON (the default).
    #[arg(long, conflicts_with_all = ["jsonl", "conll"])]
    json: bool,
    /// JSON Lines in, each an object with a `text` field → one summary a line, the other
    /// fields (such as `id`) copied.
    #[arg(long, conflicts_with = "conll")]
    jsonl: bool,
    /// One token a line (blank lines between sentences) → `token<TAB>TAG` with ANERcorp tags.
    #[arg(long)]
    conll: bool,
    /// Print compact JSON rather than pretty (for `--json`).
    #[arg(long)]
    compact: bool,
    /// The input file (default: standard input).
    file: Option<PathBuf>,
}

/// Runs `khabar extract`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let input: Box<dyn Read> = match &args.file {
        Some(path) => Box::new(
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        ),
        None => Box::new(std::io::stdin().lock()),
    };
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    let engine = Engine::new();
    if args.conll {
        let mut text = String::new();
        std::io::BufReader::new(input)
            .read_to_string(&mut text)
            .context("cannot read the input (UTF-8 text expected)")?;
        conll(&engine, &text, &mut out)?;
    } else if args.jsonl {
        jsonl(&engine, std::io::BufReader::new(input), &mut out)?;
    } else {
        let mut bytes = Vec::new();
        std::io::BufReader::new(input)
            .read_to_end(&mut bytes)
            .context("cannot read the input")?;
        let text = String::from_utf8(bytes).context("the input is not UTF-8 text")?;
        let summary = engine.extract(&Article::untitled(&text));
        if args.compact {
            serde_json::to_writer(&mut out, &summary)?;
        } else {
            serde_json::to_writer_pretty(&mut out, &summary)?;
        }
        writeln!(out)?;
    }
    out.flush().context("cannot write the output")?;
    Ok(())
}

/// Tags CoNLL input: one token a line, blank lines between sentences → `token<TAB>TAG` a line,
/// every blank line kept.
fn conll(engine: &Engine, text: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let sentences: Vec<Vec<&str>> = lines
        .split(|line| line.is_empty())
        .filter(|sentence| !sentence.is_empty())
        .map(<[&str]>::to_vec)
        .collect();
    let tags = engine.tag_sentences(&sentences);
    let mut tags = tags.iter().flatten();
    for line in lines {
        if line.is_empty() {
            writeln!(out)?;
        } else {
            let tag = tags.next().map_or("O", |t| t.as_str());
            writeln!(out, "{line}\t{tag}")?;
        }
    }
    Ok(())
}

/// Streams JSON Lines: one summary line per input line; a bad line is reported on standard
/// error with its number and skipped, and the command fails at the end.
fn jsonl(engine: &Engine, input: impl BufRead, out: &mut impl Write) -> anyhow::Result<()> {
    let mut bad = 0usize;
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("line {}: cannot read", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut object =
            match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&line) {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("khabar: line {}: not a JSON object: {e}", n + 1);
                    bad += 1;
                    continue;
                }
            };
        let Some(serde_json::Value::String(text)) = object.remove("text") else {
            eprintln!("khabar: line {}: no \"text\" string", n + 1);
            bad += 1;
            continue;
        };
        let summary = engine.extract(&Article::untitled(&text));
        let serde_json::Value::Object(fields) = serde_json::to_value(&summary)? else {
            bail!("a summary is not a JSON object");
        };
        object.extend(fields);
        serde_json::to_writer(&mut *out, &object)?;
        out.write_all(b"\n")?;
    }
    if bad > 0 {
        bail!("{bad} input lines skipped");
    }
    Ok(())
}
