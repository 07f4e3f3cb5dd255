#!/usr/bin/env python3
"""Scores the engine on khabar's own annotated ANT items (data/eval/ant/).

The gold (data/eval/ant/gold/<id>.json) was written by hand from reading the articles, before
looking at the engine's output, by the conventions of ../shared/EXTRACTION.md; it holds names,
values and spans only. The texts are read from ../shared/data/ant/articles.jsonl at run time:
the engine's input is `title + "\\n\\n" + text`.

    python3 scripts/ant_eval.py [--part tune|test|all] [--khabar target/release/khabar] [-v]

Prints ../shared/eval/score.py's report for the chosen part, a quote score (a statement is found
when the engine lists a statement whose span overlaps the gold span by at least half of the
longer of the two, and whose speaker names the gold speaker, or both are anonymous), and the
ten articles with the lowest summary score. `tune` items may be studied while working on the
engine; `test` items are only scored.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_scorer(shared):
    spec = importlib.util.spec_from_file_location("score", os.path.join(shared, "eval", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def overlap(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(a[1] - a[0], b[1] - b[0], 1)


def quote_counts(score, gold, out):
    """(tp, fp, fn) of statements: speaker and span both right."""
    system = [s for s in out.get("said") or [] if isinstance(s, dict) and s.get("span")]
    used = set()
    tp = 0
    for g in gold.get("said", []):
        for j, s in enumerate(system):
            if j in used or overlap(g["span"], s["span"]) < 0.5:
                continue
            names = g.get("speaker")
            speaker = s.get("speaker")
            if names is None and speaker is None or (
                names and speaker and any(score.names_match(n, speaker) for n in names)
            ):
                used.add(j)
                tp += 1
                break
    return tp, len(system) - tp, len(gold.get("said", [])) - tp


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["tune", "test", "all"], default="tune")
    ap.add_argument("--khabar", default=os.path.join(ROOT, "target", "release", "khabar"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    here = os.path.join(ROOT, "data", "eval", "ant")
    parts = dict(line.split() for line in open(os.path.join(here, "ids.tsv"), encoding="utf-8") if line.strip())
    ids = sorted(i for i, p in parts.items() if a.part in ("all", p))
    articles = {}
    with open(os.path.join(a.shared, "data", "ant", "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if item["id"] in parts:
                articles[item["id"]] = item
    missing = [i for i in ids if i not in articles]
    if missing:
        sys.exit(f"not in articles.jsonl: {missing[:5]}")
    score = load_scorer(a.shared)
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, out_dir = os.path.join(tmp, "gold"), os.path.join(tmp, "out")
        os.mkdir(gold_dir)
        os.mkdir(out_dir)
        lines = []
        for i in ids:
            with open(os.path.join(here, "gold", i + ".json"), encoding="utf-8") as src, open(
                os.path.join(gold_dir, i + ".json"), "w", encoding="utf-8"
            ) as dst:
                dst.write(src.read())
            item = articles[i]
            lines.append(json.dumps({"id": i, "text": item["title"] + "\n\n" + item["text"]}, ensure_ascii=False))
        run = subprocess.run(
            [a.khabar, "extract", "--jsonl"], input="\n".join(lines).encode(), capture_output=True, check=True
        )
        outputs = {}
        for line in run.stdout.decode().splitlines():
            o = json.loads(line)
            outputs[o["id"]] = o
            with open(os.path.join(out_dir, o["id"] + ".json"), "w", encoding="utf-8") as f:
                json.dump(o, f, ensure_ascii=False)
        args = [sys.executable, os.path.join(a.shared, "eval", "score.py"), "--gold", gold_dir, "--outputs", out_dir]
        print(f"part: {a.part} ({len(ids)} articles)")
        sys.stdout.flush()
        subprocess.run(args + (["-v"] if a.verbose else []), check=True)
        tp = fp = fn = 0
        worst = []
        for i in ids:
            gold = json.load(open(os.path.join(gold_dir, i + ".json"), encoding="utf-8"))
            out = outputs.get(i, {})
            q = quote_counts(score, gold, out)
            tp, fp, fn = tp + q[0], fp + q[1], fn + q[2]
            r = score.score_article(gold, out)
            fields = [score.prf(*r[k])[2] for k in ("who", "where", "how_many", "what")]
            worst.append((100 * sum(fields) / 4, i, [round(100 * x) for x in fields]))
        p, r, f = score.prf(tp, fp, fn)
        print(f"said            P={100 * p:5.1f} R={100 * r:5.1f} F1={100 * f:5.1f}  (tp={tp} fp={fp} fn={fn})")
        print("ten lowest summary scores (who, where, how_many, what):")
        for s, i, fields in sorted(worst)[:10]:
            print(f"  {s:5.1f}  {i}  {fields}")


if __name__ == "__main__":
    main()
