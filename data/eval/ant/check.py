#!/usr/bin/env python3
"""Checks ANT gold files (gold/<id>.json) against the format of data/eval/README.md and ../shared/EXTRACTION.md.

usage: check.py [gold/<id>.json ...]     (default: every file in gold/ next to this script)

For each file: loads it, checks keys and types of who/where/how_many/what/said, that every
span is within doc = title + "\n\n" + text of the item, that every `said` speaker alias occurs
in the doc and is the alias list of a `who` entry, that `what` types are known, and a few
sanity rules (no empty names, min<=max, vague class known, cue non-empty, said in text order).
Speaker aliases must be a subset of one who entry's names; who/where aliases absent from the doc
are warnings. Prints one line per problem; exit status 1 when any problem was found.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLES = os.path.join(HERE, "../../../../shared/data/ant/articles.jsonl")
TYPES = {"attack", "casualties", "displacement", "siege", "agreement", "talks", "protest",
         "arrest", "deployment", "election", "legal", "economy", "disaster", "health", "aid",
         "statement"}
VAGUE = {"tens", "hundreds", "thousands", "tens_of_thousands", "hundreds_of_thousands",
         "millions", "several"}
TOP = {"who", "where", "how_many", "what", "said"}


def load_docs():
    docs = {}
    with open(ARTICLES, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            docs[a["id"]] = a["title"] + "\n\n" + a["text"]
    return docs


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_entities(key, ents, doc, err, warn):
    if not isinstance(ents, list):
        return err(f"{key}: not a list")
    seen = {}
    for i, e in enumerate(ents):
        if not isinstance(e, dict):
            err(f"{key}[{i}]: not an object"); continue
        extra = set(e) - {"names", "optional"}
        if extra:
            err(f"{key}[{i}]: unknown keys {sorted(extra)}")
        names = e.get("names")
        if not isinstance(names, list) or not names:
            err(f"{key}[{i}]: names must be a non-empty list"); continue
        for n in names:
            if not isinstance(n, str) or not n.strip():
                err(f"{key}[{i}]: empty or non-string name {n!r}")
            elif n != n.strip():
                err(f"{key}[{i}]: name with surrounding spaces {n!r}")
            elif n not in doc:
                warn(f"{key}[{i}]: name not found in doc: {n}")
            else:
                if n in seen and seen[n] != i:
                    err(f"{key}[{i}]: name also in {key}[{seen[n]}]: {n}")
                seen[n] = i
        if len(set(names)) != len(names):
            err(f"{key}[{i}]: duplicate alias")
        if "optional" in e and not isinstance(e["optional"], bool):
            err(f"{key}[{i}]: optional must be a boolean")


def check_how_many(hm, err):
    if not isinstance(hm, list):
        return err("how_many: not a list")
    for i, q in enumerate(hm):
        if not isinstance(q, dict):
            err(f"how_many[{i}]: not an object"); continue
        extra = set(q) - {"min", "max", "vague", "unit", "optional", "approx"}
        if extra:
            err(f"how_many[{i}]: unknown keys {sorted(extra)}")
        unit = q.get("unit")
        if not isinstance(unit, list) or not unit or not all(isinstance(u, str) and u.strip() for u in unit):
            err(f"how_many[{i}]: unit must be a non-empty list of strings")
        if "optional" in q and not isinstance(q["optional"], bool):
            err(f"how_many[{i}]: optional must be a boolean")
        v = q.get("vague")
        if v is not None:
            if v not in VAGUE:
                err(f"how_many[{i}]: unknown vague class {v!r}")
            if q.get("min") is not None or q.get("max") is not None:
                err(f"how_many[{i}]: vague with min/max")
        else:
            mn, mx = q.get("min"), q.get("max")
            if "min" not in q or "max" not in q:
                err(f"how_many[{i}]: needs min and max (or vague)")
            if mn is None and mx is None:
                err(f"how_many[{i}]: min and max both null without vague")
            for k, x in (("min", mn), ("max", mx)):
                if x is not None and not is_num(x):
                    err(f"how_many[{i}]: {k} not a number: {x!r}")
            if is_num(mn) and is_num(mx) and mn > mx:
                err(f"how_many[{i}]: min > max")


def check_said(said, who, doc, err):
    if not isinstance(said, list):
        return err("said: not a list")
    who_lists = [e.get("names") for e in who if isinstance(e, dict)]
    last = -1
    seen_spans = set()
    for i, s in enumerate(said):
        if not isinstance(s, dict):
            err(f"said[{i}]: not an object"); continue
        missing = {"speaker", "cue", "direct", "span"} - set(s)
        if missing:
            err(f"said[{i}]: missing keys {sorted(missing)}")
        extra = set(s) - {"speaker", "cue", "direct", "span"}
        if extra:
            err(f"said[{i}]: unknown keys {sorted(extra)}")
        sp = s.get("speaker")
        if sp is not None:
            if not isinstance(sp, list) or not sp or not all(isinstance(x, str) for x in sp):
                err(f"said[{i}]: speaker must be null or a non-empty list of strings")
            else:
                for x in sp:
                    # literal, or (when the doc only has it after the preposition لـ) ال+X written للX
                    if x not in doc and not (x.startswith("ال") and "لل" + x[2:] in doc):
                        err(f"said[{i}]: speaker alias not in doc: {x}")
                if not any(isinstance(w, list) and set(sp) <= set(w) for w in who_lists):
                    err(f"said[{i}]: speaker aliases are not a subset of one who entry: {sp}")
        cue = s.get("cue")
        if not isinstance(cue, str) or not cue.strip():
            err(f"said[{i}]: cue must be a non-empty string")
        if not isinstance(s.get("direct"), bool):
            err(f"said[{i}]: direct must be a boolean")
        span = s.get("span")
        if (not isinstance(span, list) or len(span) != 2 or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
            err(f"said[{i}]: span must be [start, end] ints"); continue
        a, b = span
        if not (0 <= a < b <= len(doc)):
            err(f"said[{i}]: span {span} out of doc (len {len(doc)})"); continue
        t = doc[a:b]
        if t != t.strip():
            err(f"said[{i}]: span has leading/trailing whitespace")
        if any(c in t[:1] + t[-1:] for c in '«»"“”'):
            err(f"said[{i}]: span starts/ends with a quotation mark")
        if tuple(span) in seen_spans:
            err(f"said[{i}]: duplicate span")
        seen_spans.add(tuple(span))
        if a < last:
            err(f"said[{i}]: not in text order")
        last = a


def check_file(path, docs, warnings):
    problems = []
    err = problems.append
    id_ = os.path.basename(path)[:-5]
    if id_ not in docs:
        return [f"unknown id {id_}"]
    doc = docs[id_]
    try:
        g = json.load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa
        return [f"cannot load: {e}"]
    if not isinstance(g, dict):
        return ["not a JSON object"]
    if set(g) != TOP:
        err(f"top-level keys {sorted(g)} != {sorted(TOP)}")
    warn = lambda m: warnings.append(m)
    check_entities("who", g.get("who", []), doc, err, warn)
    check_entities("where", g.get("where", []), doc, err, warn)
    check_how_many(g.get("how_many", []), err)
    what = g.get("what", [])
    if not isinstance(what, list) or not all(isinstance(t, str) for t in what):
        err("what: must be a list of strings")
    else:
        for t in what:
            if t not in TYPES:
                err(f"what: unknown type {t!r}")
        if len(set(what)) != len(what):
            err("what: duplicate type")
    check_said(g.get("said", []), g.get("who", []), doc, err)
    return problems


def main():
    docs = load_docs()
    paths = sys.argv[1:] or sorted(os.path.join(HERE, "gold", f) for f in os.listdir(os.path.join(HERE, "gold")) if f.endswith(".json"))
    bad = nwarn = 0
    for p in paths:
        warnings = []
        for pr in check_file(p, docs, warnings):
            print(f"{os.path.basename(p)}: {pr}")
            bad += 1
        for w in warnings:
            print(f"{os.path.basename(p)}: warning: {w}")
            nwarn += 1
    print(f"{len(paths)} files, {bad} problems, {nwarn} warnings")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
