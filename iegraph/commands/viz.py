"""``iegraph viz``: self-contained network views (one offline HTML file each)."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import Any

import click

from iegraph.commands._common import AppContext, info
from iegraph.queries.subgraph import SUMMARY_TIES
from iegraph.schema.model import ProjectType
from iegraph.viz.graphdata import ViewGraph
from iegraph.viz.layout import HARD_CAP, REGION_ORGS


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options every view shares: output file, --open, node cap."""
    func = click.option(
        "--max-nodes",
        type=click.IntRange(min=10),
        default=HARD_CAP,
        show_default=True,
        help="Above this many nodes the view is summarised by kind and region.",
    )(func)
    func = click.option("--open", "open_", is_flag=True, help="Open the page in the default browser.")(func)
    func = click.option(
        "-o",
        "--out",
        type=click.Path(dir_okay=False),
        default=None,
        help="HTML file to write (default: <view>.html in the current directory).",
    )(func)
    return func


def _basis(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--with-co-presence``: also draw co-presence ties (plain consortium membership, events), dashed."""
    return click.option(
        "--with-co-presence",
        "with_co_presence",
        is_flag=True,
        help="Also draw co-presence (same consortium as plain members, same event), dashed; "
        "by default only joint work (projects, programmes, agreements, co-led consortia).",
    )(func)


def _write(view: ViewGraph, out: str | None, default: str, open_: bool) -> None:
    from iegraph.viz.html import write_html

    path = write_html(view, out or default)
    drawn = f"{len(view.nodes)} nodes, {len(view.edges)} edges"
    info(f"{view.title}: {drawn}" + (" (summarised)" if view.summary else ""))
    click.echo(str(path))
    if open_:
        webbrowser.open(path.resolve().as_uri())


@click.group()
def viz() -> None:
    """Draw a network view as one self-contained HTML file (offline, UTF-8).

    Each page has a legend, a search box (name or alias), a filter by kind,
    tooltips with sources, and highlights a node's neighbours on click. It loads
    nothing from the network. Its words are English, or Chinese with
    `iegraph --lang zh viz …` (IEGRAPH_LANG=zh). Big views are laid out in Python; above
    --max-nodes they are summarised by kind and region (the page says so).

    \b
    Example:
      iegraph viz ego --org 大连理工大学 -o dut.html
      iegraph viz overview -o overview.html --open
      iegraph --lang zh viz region --name 大连市 -o 大连.html
    """


@viz.command()
@click.option("--org", required=True, help="Organisation: id, name, alias or traditional spelling.")
@click.option("--hops", type=click.IntRange(1, 2), default=1, show_default=True, help="1 or 2.")
@_basis
@_common
@click.pass_obj
def ego(
    app: AppContext, org: str, hops: int, with_co_presence: bool, out: str | None, open_: bool, max_nodes: int
) -> None:
    """An organisation, its working partners and the projects, agreements and co-led consortia
    between them (--with-co-presence: also shared consortia and events, dashed).

    \b
    Example:
      iegraph viz ego --org 大工 --hops 2 -o dut.html
      iegraph viz ego --org 大工 --with-co-presence -o dut-all.html
    """
    from iegraph.viz import views

    view = views.ego(
        app.graph(), org, hops, hard_cap=max_nodes, with_co_presence=with_co_presence, lang=app.lang
    )
    _write(view, out, "ego.html", open_)


@viz.command()
@click.option("--name", required=True, help="Consortium: id, name or alias.")
@_basis
@_common
@click.pass_obj
def consortium(
    app: AppContext, name: str, with_co_presence: bool, out: str | None, open_: bool, max_nodes: int
) -> None:
    """A consortium: its leads, the members working in its projects, and those projects
    (--with-co-presence: every member, membership dashed).

    \b
    Example:
      iegraph viz consortium --name 金普新区市域产教联合体 -o jinpu.html
    """
    from iegraph.viz import views

    view = views.consortium(
        app.graph(), name, hard_cap=max_nodes, with_co_presence=with_co_presence, lang=app.lang
    )
    _write(view, out, "consortium.html", open_)


@viz.command()
@click.option("--name", required=True, help="Region: id, name or alias (sub-regions included).")
@click.option(
    "--max-orgs",
    type=click.IntRange(min=1),
    default=REGION_ORGS,
    show_default=True,
    help="Above this many organisations: draw the best-connected ones, count the rest in groups.",
)
@_basis
@_common
@click.pass_obj
def region(
    app: AppContext,
    name: str,
    max_orgs: int,
    with_co_presence: bool,
    out: str | None,
    open_: bool,
    max_nodes: int,
) -> None:
    """Organisations of a region and their collaborations (--with-co-presence: also their
    consortia and events, dashed). A region of more than --max-orgs organisations is
    summarised in the database.

    \b
    Example:
      iegraph viz region --name 大连市 -o dalian.html
    """
    from iegraph.viz import views

    view = views.region(
        app.graph(),
        name,
        hard_cap=max_nodes,
        with_co_presence=with_co_presence,
        lang=app.lang,
        max_orgs=max_orgs,
    )
    _write(view, out, "region.html", open_)


@viz.command()
@click.option(
    "--type",
    "project_type",
    type=click.Choice([t.value for t in ProjectType], case_sensitive=False),
    default=None,
    help="Project type (as for `iegraph query projects --type`).",
)
@click.option("--industry", default=None, help="Industry: id, name or alias (sub-industries included).")
@_common
@click.pass_obj
def projects(
    app: AppContext,
    project_type: str | None,
    industry: str | None,
    out: str | None,
    open_: bool,
    max_nodes: int,
) -> None:
    """The organisation–project network, optionally of one type and/or one industry.

    \b
    Example:
      iegraph viz projects --type industrial_college -o colleges.html
    """
    from iegraph.viz import views

    view = views.projects(app.graph(), project_type, industry, hard_cap=max_nodes, lang=app.lang)
    _write(view, out, "projects.html", open_)


@viz.command()
@click.option(
    "--max-links",
    type=click.IntRange(min=1),
    default=SUMMARY_TIES,
    show_default=True,
    help="When summarised: draw only this many of the strongest links between groups.",
)
@_basis
@_common
@click.pass_obj
def overview(
    app: AppContext, max_links: int, with_co_presence: bool, out: str | None, open_: bool, max_nodes: int
) -> None:
    """The whole graph; above --max-nodes counted in the database by kind and region, with the
    strongest links between groups. Co-presence ties (plain consortium membership, events)
    only with --with-co-presence, dashed.

    \b
    Example:
      iegraph viz overview -o overview.html
    """
    from iegraph.viz import views

    view = views.overview(
        app.graph(), hard_cap=max_nodes, with_co_presence=with_co_presence, lang=app.lang, ties=max_links
    )
    _write(view, out, "overview.html", open_)


@viz.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("name")
@_common
@click.pass_context
def query(ctx: click.Context, name: str, out: str | None, open_: bool, max_nodes: int) -> None:
    """The subgraph behind an analyst question NAME (parameters as for `iegraph query NAME`).

    Draws the entities the answer rows name (columns id, *_id, *_ids) and the
    projects, agreements, consortia and events that connect those organisations.
    A question with --with-co-presence draws co-presence ties (dashed) only when given
    it; other questions draw every tie they may rest on, co-presence dashed.

    \b
    Example:
      iegraph viz query partners --org 大连理工大学 -o partners.html
      iegraph viz query partners --org 大连理工大学 --with-co-presence -o partners-all.html
    """
    from iegraph.commands.query import parse_question_args
    from iegraph.viz import views

    app: AppContext = ctx.obj
    spec = views.query_registry().get(name)
    # Parsed exactly as `iegraph query NAME` parses them (flags, types, choices);
    # an unknown NAME is reported by views.query with the list of questions.
    params = parse_question_args(spec, ctx.args) if spec is not None else {}
    view = views.query(app.graph(), name, params, hard_cap=max_nodes, lang=app.lang)
    _write(view, out, f"query-{name}.html", open_)


COMMANDS = [viz]
