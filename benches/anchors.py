#!/usr/bin/env python3
"""Pages per second of the extractors issue #8 measures capsift against, on this machine.

The issue quotes the anchors' speeds (Resiliparse 645 pages/s, trafilatura 66) from another
machine. This script times them here, on the same pages and in the same way as
`cargo bench --bench html` and `examples/profile_html` time capsift (pages unpacked in memory
first, one core, best of several rounds), so that the figures can stand side by side.

    python3 -m venv /tmp/anchors && /tmp/anchors/bin/pip install resiliparse trafilatura lxml_html_clean
    /tmp/anchors/bin/python benches/anchors.py ../shared/corpus/html [resiliparse] [trafilatura]
    cargo run --release --example profile_html ../shared/corpus/html 5     # capsift, the same pages

Nothing here is a dependency of capsift; the virtual environment stays outside the checkout.
"""
import gzip
import os
import sys
import time


def load(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        raw = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
        # As the Rust benchmarks do: UTF-8, invalid bytes replaced.
        pages.append(raw.decode("utf-8", "replace"))
    return pages


def best_rate(name, pages, extract, rounds):
    best = None
    for _ in range(rounds):
        start = time.perf_counter()
        for page in pages:
            extract(page)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
        print(f"  {name}: {len(pages) / took:.0f} pages/s", flush=True)
    print(f"{name}: best of {rounds}: {len(pages) / best:.0f} pages/s", flush=True)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pages = load(sys.argv[1])
    which = sys.argv[2:] or ["resiliparse", "trafilatura"]
    size = sum(len(p.encode()) for p in pages) / 1e6
    print(f"{len(pages)} pages, {size:.1f} MB", flush=True)
    if "resiliparse" in which:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        best_rate("resiliparse", pages, lambda p: extract_plain_text(HTMLTree.parse(p), main_content=True), 5)
    if "trafilatura" in which:
        import trafilatura

        best_rate("trafilatura", pages, trafilatura.extract, 2)


if __name__ == "__main__":
    main()
