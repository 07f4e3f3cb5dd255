#!/usr/bin/env bash
# Fetch benchmark: `khabar fetch` into an empty database (feed teasers only, then full text from
# the article pages) against `newsboat -x reload`, on the same 20 RSS feeds of 100 real news
# items served from 127.0.0.1 (benches/feed_server.py). Prints wall time, items/s and peak
# memory of each. Needs python3, /usr/bin/time and newsboat (apt-get install newsboat time).
#
#   benches/fetch.sh [ARTICLES.jsonl]      (default: ../shared/data/ant/articles.jsonl)
#
# Both readers get the same parallelism: 8 connections (khabar concurrency/per_host,
# newsboat reload-threads).
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-../shared/data/ant/articles.jsonl}
threads=${BENCH_THREADS:-8}
[ -f "$articles" ] || { echo "no $articles: give the ANT articles.jsonl" >&2; exit 1; }

if [ -z "${KHABAR_BIN:-}" ]; then cargo build --release --quiet; fi
khabar=${KHABAR_BIN:-target/release/khabar}
work=$(mktemp -d)
python3 benches/feed_server.py "$articles" --port-file "$work/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -f "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
urls=$(for n in $(seq 0 19); do echo "http://127.0.0.1:$port/feed/$n.xml"; done)

# Reads /usr/bin/time -v output: "<wall seconds> <cpu seconds> <peak MiB>".
measures() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
                    for (i = 1; i <= n; i++) s = s * 60 + t[i] }
                /User time/ { cpu += $2 } /System time/ { cpu += $2 }
                /Maximum resident set size/ { kb = $2 }
                END { printf "%.2f %.2f %.1f\n", s, cpu, kb / 1024 }' "$1"
}

report() { # name wall cpu mib items
    printf "%-28s %7.2f s wall %7.2f s cpu %7.0f items/s %7.1f MiB peak %6d items\n" \
        "$1" "$2" "$3" "$(echo "$5 / $2" | bc -l)" "$4" "$5"
}

run_khabar() { # name full_text
    local dir="$work/$1"
    mkdir -p "$dir"
    {
        printf '[fetch]\nconcurrency = %s\nper_host = %s\n\n' "$threads" "$threads"
        for url in $urls; do printf '[[feeds]]\nurl = "%s"\nfull_text = %s\n\n' "$url" "$2"; done
    } > "$dir/config.toml"
    /usr/bin/time -v "$khabar" --config "$dir/config.toml" --db "$dir/khabar.db" fetch \
        > "$dir/out" 2> "$dir/time"
    local items
    items=$(sqlite3 "$dir/khabar.db" "SELECT count(*) FROM articles")
    read -r secs cpu mib < <(measures "$dir/time")
    report "khabar fetch ($1)" "$secs" "$cpu" "$mib" "$items"
}

run_newsboat() {
    local dir="$work/newsboat"
    mkdir -p "$dir"
    echo "$urls" > "$dir/urls"
    printf 'reload-threads %s\n' "$threads" > "$dir/config"
    HOME="$dir" /usr/bin/time -v newsboat -u "$dir/urls" -c "$dir/cache.db" -C "$dir/config" \
        -x reload > "$dir/out" 2> "$dir/time"
    local items
    items=$(sqlite3 "$dir/cache.db" "SELECT count(*) FROM rss_item")
    read -r secs cpu mib < <(measures "$dir/time")
    report "newsboat -x reload" "$secs" "$cpu" "$mib" "$items"
}

echo "20 feeds x 100 items from $articles, $threads connections, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
run_newsboat
run_khabar teasers false
run_khabar full-text true
