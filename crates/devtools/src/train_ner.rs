//! `khabar-dev train-ner`: learns the name tagger from an ANERcorp-style file, printing dev scores
//! per type after each pass, and writes the model file that `Engine::new()` embeds.
//!
//! The shipped model (`data/ner.bin`) is made with:
//! `khabar-dev train-ner --train ../shared/data/anercorp/ANERCorp_CamelStyle_train.txt
//!  --holdout 0.1 --write-dev target/ner-dev.txt --out data/ner.bin`

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use khabar_extract::dev::{
    Corpus, NameLexicons, Scores, TaggedSentence, Tagger, TrainOptions, train,
};

/// Arguments of `khabar-dev train-ner`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The training corpus: `token TAG` a line, blank lines between sentences.
    #[arg(long)]
    train: PathBuf,
    /// A dev corpus scored after each pass (instead of, or besides, `--holdout`).
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Hold out this fraction of the training sentences (the last ones) as the dev split.
    #[arg(long, default_value_t = 0.0)]
    holdout: f64,
    /// Write the held-out dev split here (ANERcorp format), e.g. for `conll_f1.py`.
    #[arg(long)]
    write_dev: Option<PathBuf>,
    /// Write the final model's tags of the dev sentences here (`token TAG` lines).
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Passes over the training corpus.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// Seed of the order in which sentences are visited.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Keep features seen at least this often.
    #[arg(long, default_value_t = TrainOptions::default().min_feature_count)]
    min_feature_count: u32,
    /// Words seen at least this often are known to the model by name (rarer ones by their
    /// form and context only).
    #[arg(long, default_value_t = TrainOptions::default().min_word_count)]
    min_word_count: u32,
    /// The share of training sentences seen without lexicon hits.
    #[arg(long, default_value_t = TrainOptions::default().lexicon_dropout)]
    lexicon_dropout: f64,
}

fn read_corpus(path: &PathBuf) -> anyhow::Result<Corpus> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Corpus::parse(&text).with_context(|| format!("reading {}", path.display()))
}

/// Runs `khabar-dev train-ner`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if !(0.0..1.0).contains(&args.holdout) {
        bail!("--holdout must be in [0, 1), got {}", args.holdout);
    }
    if args.epochs == 0 {
        bail!("--epochs must be at least 1");
    }
    let (train_corpus, held_out) = read_corpus(&args.train)?.split_holdout(args.holdout);
    if train_corpus.sentences.is_empty() {
        bail!("{}: no training sentences", args.train.display());
    }
    if let Some(path) = &args.write_dev {
        std::fs::write(path, held_out.to_conll())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let dev = match &args.dev {
        Some(path) => read_corpus(path)?,
        None => held_out,
    };
    eprintln!(
        "training on {} sentences ({} tokens), dev {} sentences ({} tokens)",
        train_corpus.sentences.len(),
        train_corpus.num_tokens(),
        dev.sentences.len(),
        dev.num_tokens()
    );
    let options = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        min_feature_count: args.min_feature_count,
        min_word_count: args.min_word_count,
        lexicon_dropout: args.lexicon_dropout,
    };
    let lexicons = NameLexicons::new();
    let lexicon = |word: &str| lexicons.flags(word);
    let started = Instant::now();
    let model = train(
        &train_corpus,
        &options,
        &lexicon,
        |epoch, model: &Tagger| {
            if dev.sentences.is_empty() {
                eprintln!("epoch {epoch}: {:.1} s", started.elapsed().as_secs_f64());
                return;
            }
            let mut scores = Scores::default();
            let sentences: Vec<Vec<&str>> = dev
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            let tagged = model.tag_sentences(&sentences, &lexicon);
            for (sentence, tags) in dev.sentences.iter().zip(&tagged) {
                scores.add(&sentence.tags, tags);
            }
            eprintln!(
                "epoch {epoch}: {:.1} s, {} features\n{scores}",
                started.elapsed().as_secs_f64(),
                model.num_features()
            );
        },
    );
    if let Some(path) = &args.predictions {
        let tagged = Corpus {
            sentences: dev
                .sentences
                .iter()
                .map(|sentence| {
                    let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
                    TaggedSentence {
                        tokens: sentence.tokens.clone(),
                        tags: model.tag(&tokens, &lexicon),
                    }
                })
                .collect(),
        };
        std::fs::write(path, tagged.to_conll())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} features) in {:.1} s",
        args.out.display(),
        bytes.len(),
        model.num_features(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
