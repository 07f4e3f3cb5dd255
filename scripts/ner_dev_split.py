#!/usr/bin/env python3
"""Writes the name tagger's dev split: the last tenth of the sentences of an ANERcorp-style file.

Usage: ner_dev_split.py TRAIN_FILE OUT_FILE

The same rule as `khabar-dev train-ner --holdout 0.1` (Corpus::split_holdout): sentences are
separated by blank lines, and the last round(n / 10) of them are held out. Used by .ci/run to
score `khabar extract --conll` on sentences the shipped model never saw.
"""
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    sentences, current = [], []
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        current.append(line)
    if current:
        sentences.append(current)
    held = int(len(sentences) * 0.1 + 0.5)
    with open(out, "w", encoding="utf-8") as f:
        for sentence in sentences[len(sentences) - held:]:
            f.write("\n".join(sentence) + "\n\n")


if __name__ == "__main__":
    main()
