#!/usr/bin/env python3
"""Propose candidate article pairs for the hand-labelled story set.

Candidates are only proposals: every pair in pairs.tsv was judged by
reading both articles. This script ranks pairs of ANT items that fall
within a date window by the TF-IDF cosine of their folded words (title
counted three times, plus the body), and lists the rarest words they
share, so that the annotator sees both likely same-story pairs (high
scores) and likely hard different-story pairs (same place/actors,
middling scores, several days apart).

Usage:
    python3 find_candidates.py [--data PATH] [--days N] [--min SCORE] \
        [--top K] [--out FILE]
    python3 find_candidates.py --grep REGEX --since YYYY-MM-DD --until YYYY-MM-DD

Output: a TSV sorted by score, one line per candidate pair:
    score  days  a  b  outlet_a  outlet_b  overlap  shared_rare_words  title_a  title_b
where overlap is the share of the shorter body's 6-word shingles found in
the other body (high = wire copy). The --grep mode lists the items of a date
range whose title or lead matches REGEX (used to gather big multi-outlet
stories whose reports share few rare words). Titles are printed only for
the annotator's screen: the output is a working file, never part of the
labelled set.

Standard library only.
"""

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

DEFAULT_DATA = "/work/shared/data/ant/articles.jsonl"

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
WORD = re.compile(r"[\u0621-\u064a0-9\u0660-\u0669A-Za-z]+")
PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال")
ONE_LETTER = "وفبل"


def fold(word):
    """Fold one Arabic word: hamza/alef forms, final ya/ta marbuta, clitics."""
    w = DIACRITICS.sub("", word)
    w = w.translate(str.maketrans("أإآٱىة", "اااايه"))
    w = w.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    for p in PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    else:
        if w[:1] in ONE_LETTER and len(w) >= 5:
            w = w[1:]
    return w.lower()


def words(text):
    return [fold(t) for t in WORD.findall(text)]


def parse_date(s):
    """Parse an RSS date robustly: RFC 822 with GMT/+0000/+0400, else ISO."""
    s = (s or "").strip()
    try:
        d = parsedate_to_datetime(s)
    except (TypeError, ValueError):
        d = None
    if d is None:
        try:
            d = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.astimezone(timezone.utc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--days", type=float, default=10.0)
    ap.add_argument("--min", type=float, default=0.12)
    ap.add_argument("--top", type=int, default=3000)
    ap.add_argument("--out", default="-")
    ap.add_argument("--grep", help="list items whose title or lead matches this regex")
    ap.add_argument("--since", default="1900-01-01")
    ap.add_argument("--until", default="2100-01-01")
    args = ap.parse_args()

    items = [json.loads(line) for line in open(args.data, encoding="utf-8")]
    dates = {}
    for it in items:
        d = parse_date(it["published"])
        if d is None:
            print("unparsed date:", it["id"], it["published"], file=sys.stderr)
        dates[it["id"]] = d

    if args.grep:
        pattern = re.compile(args.grep)
        lo = datetime.fromisoformat(args.since).replace(tzinfo=timezone.utc)
        hi = datetime.fromisoformat(args.until).replace(tzinfo=timezone.utc)
        for it in sorted(items, key=lambda it: dates[it["id"]] or lo):
            d = dates[it["id"]]
            if d and lo <= d <= hi and pattern.search(it["title"] + " " + it["text"][:300]):
                print(f"{it['id']}\t{d:%Y-%m-%d %H:%M}\t{it['title']}")
        return

    # Page furniture: a body line found in three or more items (app promos,
    # CNN's trailing "more stories" teasers) says nothing about the story.
    line_count = Counter()
    for it in items:
        line_count.update({ln.strip() for ln in it["text"].split("\n") if len(ln.strip()) >= 40})

    def body(it):
        return "\n".join(ln for ln in it["text"].split("\n") if line_count[ln.strip()] < 3)

    def shingles(it):
        w = WORD.findall(body(it))
        return {tuple(w[k:k + 6]) for k in range(len(w) - 5)}

    tfs = {}
    df = Counter()
    for it in items:
        toks = words(it["title"]) * 3 + words(body(it))
        toks = [t for t in toks if len(t) >= 2]
        tf = Counter(toks)
        tfs[it["id"]] = tf
        df.update(tf.keys())
    n = len(items)
    idf = {w: math.log(n / c) for w, c in df.items()}
    vecs = {}
    for i, tf in tfs.items():
        v = {w: (1 + math.log(c)) * idf[w] for w, c in tf.items() if df[w] < n * 0.2}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs[i] = {w: x / norm for w, x in v.items()}

    # inverted index, so only pairs that share a word are scored
    index = defaultdict(list)
    for i, v in vecs.items():
        for w in v:
            if df[w] <= 60:
                index[w].append(i)
    by_id = {it["id"]: it for it in items}
    scores = Counter()
    for w, ids in index.items():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = sorted((ids[x], ids[y]))
                scores[(a, b)] += vecs[a][w] * vecs[b][w]

    rows = []
    for (a, b), s in scores.items():
        da, db = dates[a], dates[b]
        if da is None or db is None:
            continue
        days = abs((da - db).total_seconds()) / 86400
        if days > args.days or s < args.min:
            continue
        shared = sorted(set(vecs[a]) & set(vecs[b]), key=lambda w: df[w])[:8]
        rows.append((s, days, a, b, shared))
    rows.sort(reverse=True)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for s, days, a, b, shared in rows[: args.top]:
        sa, sb = shingles(by_id[a]), shingles(by_id[b])
        overlap = len(sa & sb) / max(1, min(len(sa), len(sb)))
        print(f"{s:.3f}\t{days:.1f}\t{a}\t{b}\t{by_id[a]['outlet']}\t{by_id[b]['outlet']}\t"
              f"{overlap:.2f}\t{' '.join(shared)}\t{by_id[a]['title']}\t{by_id[b]['title']}",
              file=out)
    print(f"{len(rows)} candidate pairs (window {args.days} days, score >= {args.min})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
