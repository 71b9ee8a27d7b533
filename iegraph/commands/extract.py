"""``iegraph extract``: news articles -> draft fact sheets; ``--json``; ``--evaluate``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from iegraph.commands._common import AppContext, info
from iegraph.errors import InputError
from iegraph.output import render

_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".text", ".md")


def _article_files(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(
                sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in _ARTICLE_SUFFIXES)
            )
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    if not paths:
        raise InputError(
            "give the article files or folders to extract (FILE_OR_DIR…), or --evaluate GOLD_DIR"
        )
    if not files:
        raise InputError(f"no article files (.txt, .html) in {', '.join(paths)}")
    return files


@click.command("extract")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o", "--out", "out_dir", type=click.Path(file_okay=False), help="Folder for the draft fact sheets."
)
@click.option("--json", "as_json", is_flag=True, help="Print the extraction of ONE article as JSON.")
@click.option(
    "--evaluate",
    "gold_dir",
    type=click.Path(file_okay=False),
    help="Score extraction against the gold fact sheets in this folder.",
)
@click.option(
    "--articles",
    "article_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="With --evaluate: folder(s) holding the articles (default: next to the gold).",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Encoding of the input files (e.g. gb18030 for GBK pages).",
)
@click.option(
    "--match-graph",
    is_flag=True,
    help="Look drafted organisations up in the graph (name/alias keys) and reuse their ids.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="With --evaluate: output format of the scores.",
)
@click.pass_obj
def extract(
    app: AppContext,
    paths: tuple[str, ...],
    out_dir: str | None,
    as_json: bool,
    gold_dir: str | None,
    article_dirs: tuple[str, ...],
    encoding: str,
    match_graph: bool,
    fmt: str,
) -> None:
    """Draft fact sheets from Chinese news articles (plain text or HTML, 简/繁).

    Each article becomes OUT/<name>.yaml, marked ``draft: true``, with organisations,
    people, consortia, events, projects, agreements, programs and policies, each
    with the sentence it was read from. Review the drafts, then ``iegraph load`` them.
    Works offline; deterministic.

    \b
    Example:
      iegraph extract articles/ -o drafts/
      iegraph extract article.txt --json
      iegraph extract articles/ -o drafts/ --match-graph
      iegraph extract --evaluate tests/extraction/gold
    """
    from iegraph.extract import extract_file
    from iegraph.extract.draft import to_json, to_sheet, write_draft

    if gold_dir:
        from iegraph.extract.evaluate import evaluate_dir, rows

        ev = evaluate_dir(Path(gold_dir), [Path(d) for d in article_dirs], encoding)
        click.echo(render(rows(ev), fmt, None))
        for name in ev.missing:
            info(f"no article found for gold sheet {name}")
        return
    files = _article_files(paths)
    if as_json:
        if len(files) != 1:
            raise InputError("--json takes exactly one article")
        data = to_json(extract_file(files[0], encoding))
        if match_graph:
            from iegraph.extract.match import match_json

            matched = match_json(app.graph(), data)
            info(f"{files[0].name}: {matched} organisations matched in the graph (graph_id)")
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not out_dir:
        raise InputError("give -o DRAFTS_DIR (or --json for one article)")
    start = time.perf_counter()
    counts = {"orgs": 0, "facts": 0}
    for f in files:
        x = extract_file(f, encoding)
        sheet = to_sheet(x)
        if match_graph:
            from iegraph.extract.match import match_sheet

            matched = match_sheet(app.graph(), sheet)
            info(f"{f.name}: {matched} organisations matched in the graph (ids reused)")
        path = write_draft(x, Path(out_dir), sheet)
        counts["orgs"] += len(x.orgs)
        counts["facts"] += len(x.facts)
        info(f"{f.name}: {len(x.orgs)} organisations, {len(x.people)} people, {len(x.facts)} facts -> {path}")
    took = time.perf_counter() - start
    info(
        f"{len(files)} draft{'s' if len(files) != 1 else ''} written to {out_dir} in {took:.1f}s; review them, then: iegraph load {out_dir}"
    )


COMMANDS = [extract]
