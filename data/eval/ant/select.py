#!/usr/bin/env python3
"""Picks the ANT items of khabar's own annotated set: 16 per outlet (80), by a fixed seed,
skipping items that are also in ../shared/data/dev. Prints `id<TAB>part` (part tune|test,
alternating within each outlet: tune items may be studied while tuning, test items only scored)."""
import json, os, random, sys
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared")
items = [json.loads(l) for l in open(os.path.join(shared, "data/ant/articles.jsonl"), encoding="utf-8")]
dev = {f[:-4] for f in os.listdir(os.path.join(shared, "data/dev/texts"))}
rng = random.Random(20261204)
by_outlet = {}
for a in items:
    if a["id"] not in dev:
        by_outlet.setdefault(a["outlet"], []).append(a["id"])
for outlet in sorted(by_outlet):
    ids = sorted(by_outlet[outlet])
    for i, id_ in enumerate(rng.sample(ids, 16)):
        print(f"{id_}\t{'tune' if i % 2 == 0 else 'test'}")
