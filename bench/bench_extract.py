"""Throughput of ``iegraph extract`` on a folder of articles (articles/s).

Usage: .venv/bin/python bench/bench_extract.py [FOLDER ...] [--rounds N]
Default folders: the five seed articles and the collected test articles. Each round
extracts every article and renders its draft YAML (what ``extract -o`` does, minus
the file write). The first round includes loading the OpenCC and jieba dictionaries
and is reported apart.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from iegraph.extract import extract_file
from iegraph.extract.draft import to_yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "iegraph" / "data" / "seeds" / "texts", ROOT / "tests" / "extraction" / "articles"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = [
        f
        for d in args.folders
        if d.is_dir()
        for f in sorted(d.iterdir())
        if f.suffix in (".txt", ".html", ".htm")
    ]
    if not files:
        raise SystemExit("no articles found")
    size = sum(f.stat().st_size for f in files)
    start = time.perf_counter()
    for f in files:
        to_yaml(extract_file(f))
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(args.rounds):
        for f in files:
            to_yaml(extract_file(f))
    warm = time.perf_counter() - start
    n = len(files) * args.rounds
    print(f"articles: {len(files)} ({size / 1024:.0f} KiB), rounds: {args.rounds}")
    print(f"cold first round (dictionaries load): {cold:.2f}s for {len(files)} articles")
    print(
        f"warm: {n / warm:.1f} articles/s, {size * args.rounds / 1024 / warm:.0f} KiB/s, {warm / n * 1000:.1f} ms/article"
    )


if __name__ == "__main__":
    main()
