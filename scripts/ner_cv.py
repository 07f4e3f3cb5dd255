#!/usr/bin/env python3
"""Ten-fold cross-validation of the name tagger on an ANERcorp-style file.

Usage: ner_cv.py TRAIN_FILE [KHABAR_DEV_BINARY] [-- extra train-ner arguments]

For each tenth of the sentences (in order), a copy of the file with that tenth moved to the end
is given to `khabar-dev train-ner --holdout 0.1`, which trains on the rest and scores the tenth.
Prints each fold's micro F1 and their mean. Fold 9 is the shipped model's dev split. The
engine's lexicons are built from the first nine tenths, so folds 0-8 see lexicon entries taken
from their own test tenth: their scores are flattered, and only comparisons between runs (of
features or options) are meaningful there.
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        cut = args.index("--")
        args, extra = args[:cut], args[cut + 1:]
    src = args[0]
    khabar_dev = args[1] if len(args) > 1 else "target/release/khabar-dev"
    sentences = open(src, encoding="utf-8").read().strip("\n").split("\n\n")
    n = len(sentences)
    held = int(n * 0.1 + 0.5)
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(10):
            start = n - held if k == 9 else k * n // 10
            tenth = sentences[start:start + held]
            rotated = sentences[:start] + sentences[start + held:] + tenth
            path = os.path.join(tmp, f"fold{k}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n\n".join(rotated) + "\n")
            run = subprocess.run(
                [khabar_dev, "train-ner", "--train", path, "--holdout", "0.1",
                 "--out", os.path.join(tmp, "model.bin"), *extra],
                capture_output=True, text=True, check=True)
            f1 = float(re.findall(r"micro P=\s*[\d.]+ R=\s*[\d.]+ F1=\s*([\d.]+)", run.stderr)[-1])
            scores.append(f1)
            print(f"fold {k}: micro F1 {f1:.1f}", flush=True)
    print(f"mean micro F1 over 10 folds: {sum(scores) / len(scores):.2f}")


if __name__ == "__main__":
    main()
