#!/usr/bin/env python3
"""Serves news items as RSS feeds and article pages on 127.0.0.1, for benches/fetch.sh.

Usage: feed_server.py ARTICLES.jsonl [--feeds 20] [--per-feed 100] [--port-file FILE]

ARTICLES.jsonl holds one JSON object a line with id, title, url, published, abstract, text
(the ANT corpus layout of ../shared/data/ant/articles.jsonl). Everything is generated in memory
at start; nothing is written but the port file. Feed n is /feed/n.xml (RSS 2.0, the abstract as
the description); each item links to its page /article/ID.html (the title and the text as
paragraphs inside a plain news page layout).
"""

import argparse
import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def rss(n, items, base):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>Feed {n}</title><link>{base}/</link><description>bench feed {n}</description>",
    ]
    for item in items:
        link = f"{base}/article/{html.escape(item['id'])}.html"
        out.append(
            "<item>"
            f"<title>{html.escape(item['title'])}</title>"
            f"<link>{link}</link>"
            f"<guid isPermaLink=\"false\">{html.escape(item['id'])}</guid>"
            f"<pubDate>{html.escape(item['published'])}</pubDate>"
            f"<description>{html.escape(item['abstract'])}</description>"
            "</item>"
        )
    out.append("</channel></rss>\n")
    return "".join(out).encode()


def page(item):
    paragraphs = "".join(
        f"<p>{html.escape(p)}</p>" for p in item["text"].split("\n") if p.strip()
    )
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{html.escape(item['title'])}</title></head><body>"
        '<header><nav><a href="/">الرئيسية</a> | <a href="/world">العالم</a> | '
        '<a href="/economy">اقتصاد</a></nav></header>'
        f"<main><article><h1>{html.escape(item['title'])}</h1>{paragraphs}</article></main>"
        "<aside><h2>الأكثر قراءة</h2><ul><li><a href='/x'>خبر</a></li></ul></aside>"
        "<footer>حقوق النشر محفوظة</footer></body></html>"
    ).encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("articles")
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--per-feed", type=int, default=100)
    parser.add_argument("--port-file")
    args = parser.parse_args()

    with open(args.articles, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    items = items[: args.feeds * args.per_feed]

    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes = {}
    for n in range(args.feeds):
        chunk = items[n * args.per_feed : (n + 1) * args.per_feed]
        routes[f"/feed/{n}.xml"] = ("application/rss+xml; charset=utf-8", rss(n, chunk, base))
    for item in items:
        routes[f"/article/{item['id']}.html"] = ("text/html; charset=utf-8", page(item))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            from urllib.parse import unquote

            found = routes.get(unquote(self.path))
            if found is None:
                self.send_error(404)
                return
            kind, body = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server.RequestHandlerClass = Handler
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        import os

        os.rename(args.port_file + ".tmp", args.port_file)
    threading.current_thread().name = "feed-server"
    server.serve_forever()


if __name__ == "__main__":
    main()
