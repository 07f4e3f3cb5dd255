//! Derives the engine's version from what decides its output, so that a summary written before a
//! lexicon or model change is found stale (`khabar reextract`).
//!
//! The hash is SHA-256 over every file the engine embeds from `data/` (the generated lexicons
//! of `data/lexicons/`, the hand-written lists of `data/curated/`, the name tagger's model
//! `data/ner.bin`), in path order, each as its path relative to `data/`, a NUL, its length
//! (8 bytes, little-endian) and its bytes. SHA-256 because it is specified byte for byte, so the
//! version is the same on every platform and toolchain (std's `DefaultHasher` may change between
//! Rust releases, which would make every stored summary look stale after an upgrade), and
//! because it is already in the dependency tree. Its first 12 hex digits follow the crate's
//! version: `khabar-extract 0.1.0+1a2b3c4d5e6f`. A change to the engine's code that changes its
//! output must bump the crate's version.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&manifest).join("../../data");
    let mut files: Vec<PathBuf> = vec![data.join("ner.bin")];
    for dir in ["lexicons", "curated"] {
        let dir = data.join(dir);
        // A file added to or removed from the lists changes the version too.
        println!("cargo::rerun-if-changed={}", dir.display());
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()));
        for entry in entries {
            let path = entry.expect("a readable directory entry").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hash = Sha256::new();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let bytes = std::fs::read(path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let name = path
            .strip_prefix(&data)
            .expect("a file of data/")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    let digest = hash.finalize();
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo::rustc-env=KHABAR_ENGINE_DATA_HASH={hex}");
}
