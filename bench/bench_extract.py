"""Throughput of ``iegraph extract`` on a folder of articles (articles/s).

Usage: .venv/bin/python bench/bench_extract.py [FOLDER ...] [--rounds N]
Default folders: the five seed articles and the dev evaluation articles. Each round
extracts every article and renders its draft YAML (what ``extract -o`` does, minus
the file write). The first round includes loading the OpenCC and jieba dictionaries
and is reported apart. Then one page of about 1 MB (a news paragraph repeated, the
shape of a scraped page that lost its paragraph breaks) is extracted once, timed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from iegraph.extract import extract_file, extract_text
from iegraph.extract.draft import to_yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "iegraph" / "data" / "seeds" / "texts", ROOT / "tests" / "extraction" / "dev" / "articles"]
PARAGRAPH = "近日，大连职业技术学院与通用技术集团大连机床有限责任公司合作，共建智能制造实训基地项目。"


def big_page(size: int = 1_000_000) -> str:
    """About ``size`` bytes of text: ``PARAGRAPH`` repeated, one per line."""
    return "\n".join([PARAGRAPH] * (size // (len(PARAGRAPH.encode()) + 1)))


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
    page = big_page()
    start = time.perf_counter()
    orgs = len(extract_text(page).orgs)
    print(
        f"one page of {len(page.encode()) / 1e6:.2f} MB: {time.perf_counter() - start:.1f}s ({orgs} organisations)"
    )


if __name__ == "__main__":
    main()
