"""``iegraph extract``: news articles -> draft fact sheets; ``--json``; ``--evaluate``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
from click.core import ParameterSource

from iegraph.commands._common import AppContext, Rows, info, output_options_sharing_o
from iegraph.errors import InputError

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
    "--worst",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="With --evaluate: print (on stderr) what the N worst articles missed and got wrong.",
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
@output_options_sharing_o
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    output: str | None,
    as_json: bool,
    gold_dir: str | None,
    article_dirs: tuple[str, ...],
    worst: int,
    encoding: str,
    match_graph: bool,
) -> Rows | None:
    """Draft fact sheets from Chinese news articles (plain text or HTML, 简/繁).

    Each article becomes OUT/<name>.yaml, marked ``draft: true``, with organisations,
    people, consortia, events, projects, agreements, programs and policies, each
    with the sentence it was read from. Review the drafts, then ``iegraph load`` them.
    Works offline; deterministic. -o names the drafts folder; with --evaluate, the file
    the scores go to (--format table|json|csv|xlsx, as every command that prints rows).

    \b
    Example:
      iegraph extract articles/ -o drafts/
      iegraph extract article.txt --json
      iegraph extract articles/ -o drafts/ --match-graph
      iegraph extract --evaluate tests/extraction/dev/gold
      iegraph --lang zh extract --evaluate tests/extraction/dev/gold --format xlsx -o 评测.xlsx
    """
    from iegraph.extract import extract_file
    from iegraph.extract.draft import to_json, to_sheet, write_draft

    app: AppContext = ctx.obj
    if gold_dir:
        from iegraph.extract.evaluate import confusion, evaluate_dir, pair_error_summary, rows

        ev = evaluate_dir(Path(gold_dir), [Path(d) for d in article_dirs], encoding)
        from iegraph.extract.recogniser import describe

        notes = [f"no article found for gold sheet {name}" for name in ev.missing] + [describe()]
        # Counts only (no names): a held-out split's error categories can be read unread.
        if summary := pair_error_summary(ev):
            notes.append(summary)
        if worst and ev.articles:
            notes.append(f"worst {min(worst, len(ev.articles))} articles (partnership pairs only):")
            notes.append(confusion(ev, worst))
        return Rows(rows(ev), None, "\n".join(notes) or None)
    # --format and --bom shape printed rows: only --evaluate prints any
    given = [
        flag
        for name, flag in (("fmt", "--format"), ("bom", "--bom"))
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
    ]
    if given:
        verb = "apply" if len(given) > 1 else "applies"
        raise InputError(f"{' and '.join(given)} {verb} to --evaluate (the scores); drafts are YAML files")
    out_dir = output
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
        return None
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
    return None


COMMANDS = [extract]
