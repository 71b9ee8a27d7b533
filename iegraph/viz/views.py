"""The standard network views: which subgraph each shows and how it is titled.

Each function takes a Runner, a neo4j Driver or an open Session, resolves the names it is given
(id, canonical name, alias or traditional spelling), fetches the subgraph
through ``iegraph.queries.subgraph`` and returns a ``ViewGraph`` ready for
``iegraph.viz.html.write_html`` (summarised and laid out when big).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iegraph.db import Row, Runner, Target, as_runner
from iegraph.errors import InputError, NotFoundError
from iegraph.i18n import value_zh, view_text
from iegraph.queries import subgraph as sq
from iegraph.queries._base import BASIS_CO_PRESENCE, WITH_CO_PRESENCE
from iegraph.queries.lookup import lookup
from iegraph.queries.subgraph import SUMMARY_GROUPS, SUMMARY_TIES
from iegraph.schema.model import Label, ProjectType
from iegraph.viz.graphdata import ViewGraph, VizEdge, VizNode, build_graph, kind_of, to_view
from iegraph.viz.layout import HARD_CAP, REGION_ORGS, prepare
from iegraph.viz.style import kind_name

if TYPE_CHECKING:
    from iegraph.queries import QuerySpec


def resolve_key(runner: Runner, text: str, label: Label) -> tuple[str, str]:
    """(element id, canonical name) of the ``label`` entity named ``text``, resolved
    like every name in iegraph (id, name, alias, traditional spelling; suggestions)."""
    entity = lookup(runner, text, label)
    return sq.key_of(runner, label, entity.id), entity.name


def _finish(
    runner: Runner,
    keys: Sequence[str],
    title: str,
    subject: str,
    hard_cap: int,
    focus: Sequence[str] = (),
    with_co_presence: bool = False,
    lang: str = "en",
    groups: Sequence[VizNode] = (),
    summary: str | None = None,
) -> ViewGraph:
    node_rows, edge_rows, sources = sq.fetch(runner, keys)
    for row in node_rows:
        # the detail line names a project type or college level: in the page's language
        shown = row if lang != "zh" else {**row, "type": value_zh("type", row.get("type"))}
        if lang == "zh":
            shown["level"] = value_zh("level", row.get("level"))
        row["detail"] = sq.detail_of(shown)
    hidden = 0
    if not with_co_presence:
        node_rows, edge_rows, hidden = drop_co_presence(node_rows, edge_rows, focus)
    graph = build_graph(node_rows, edge_rows, sources)
    view = to_view(graph, title, subject)
    view.focus = [k for k in focus if k in graph]
    view.co_presence = with_co_presence
    view.hidden_co_presence = hidden
    view.lang = lang
    if summary is not None:
        # A view already bounded in the database: counted groups beside the drawn nodes.
        view.nodes.extend(groups)
        view.summary = summary
        return prepare(view, hard_cap=max(hard_cap, len(view.nodes)))
    return prepare(view, hard_cap=hard_cap)


def group_node(labels: Sequence[str], place: str | None, size: int, lang: str) -> VizNode:
    """A summary node standing for ``size`` nodes of one kind in one region (or industry)."""
    kind = kind_of(labels)
    where = place or view_text("group.no_region", lang)
    return VizNode(
        key=group_key(kind, place),
        name=f"{kind_name(kind, lang)} · {where} ({size:,})",
        kind=kind,
        region=place,
        count=size,
        detail=view_text("group.detail", lang, count=f"{size:,}"),
    )


def group_key(kind: str, place: str | None) -> str:
    """The key of the summary group of ``kind`` nodes in ``place``."""
    return f"{kind}\x1f{place or ''}"


def group_nodes(rows: Sequence[Row], lang: str) -> dict[str, VizNode]:
    """Summary nodes from count rows (``labels, place, size``); rows of one kind and place merged."""
    merged: dict[tuple[str, str | None], int] = {}
    labels_of: dict[tuple[str, str | None], Sequence[str]] = {}
    for row in rows:
        labels = list(row["labels"])
        key = (kind_of(labels), row.get("place"))
        merged[key] = merged.get(key, 0) + int(row["size"])
        labels_of[key] = labels
    nodes = [group_node(labels_of[k], k[1], n, lang) for k, n in merged.items()]
    return {n.key: n for n in sorted(nodes, key=lambda n: -n.count)}


def drop_co_presence(
    node_rows: list[Row], edge_rows: list[Row], keep: Sequence[str] = ()
) -> tuple[list[Row], list[Row], int]:
    """Node and edge rows without the co-presence ties (plain consortium membership,
    events), and without the nodes that only those ties attached to the view (the
    ``keep`` keys stay); also how many ties were dropped."""
    kept = [e for e in edge_rows if e.get("basis") != BASIS_CO_PRESENCE]
    dropped = len(edge_rows) - len(kept)
    if not dropped:
        return node_rows, edge_rows, 0
    attached = {str(e[end]) for e in edge_rows for end in ("a", "b")}
    still = {str(e[end]) for e in kept for end in ("a", "b")} | set(keep)
    gone = attached - still
    return [n for n in node_rows if str(n["key"]) not in gone], kept, dropped


def ego(
    target: Target,
    org: str,
    hops: int = 1,
    hard_cap: int = HARD_CAP,
    with_co_presence: bool = False,
    lang: str = "en",
) -> ViewGraph:
    """An organisation, its partners and the carriers that connect them, ``hops`` deep (1 or 2);
    working partners only unless ``with_co_presence`` (then co-presence ties are drawn dashed).
    ``lang`` ("en" or "zh", as every view): the language of the page's words."""
    if hops not in (1, 2):
        raise InputError(f"--hops must be 1 or 2, not {hops}")
    runner = as_runner(target)
    key, name = resolve_key(runner, org, Label.ORGANIZATION)
    keys = [key]
    frontier = [key]
    seen = {key}
    for _ in range(hops):
        carriers, partners = sq.partners_step(runner, frontier, with_co_presence)
        frontier = [p for p in partners if p not in seen]
        seen.update(frontier)
        keys.extend(carriers)
        keys.extend(frontier)
    return _finish(
        runner,
        keys,
        view_text("ego.title", lang, name=name),
        view_text("ego.subject", lang, name=name, hops=view_text(f"hops.{hops}", lang)),
        hard_cap,
        focus=[key],
        with_co_presence=with_co_presence,
        lang=lang,
    )


def consortium(
    target: Target, name: str, hard_cap: int = HARD_CAP, with_co_presence: bool = False, lang: str = "en"
) -> ViewGraph:
    """A consortium: leads, members by kind, their projects and the consortium's own activities;
    members only through the consortium's joint work unless ``with_co_presence`` (then every
    member, its membership drawn dashed)."""
    runner = as_runner(target)
    key, canonical = resolve_key(runner, name, Label.CONSORTIUM)
    keys = sq.consortium_keys(runner, key, with_co_presence)
    return _finish(
        runner,
        keys,
        view_text("consortium.title", lang, name=canonical),
        view_text("consortium.subject", lang, name=canonical),
        hard_cap,
        focus=[key],
        with_co_presence=with_co_presence,
        lang=lang,
    )


def region(
    target: Target,
    name: str,
    hard_cap: int = HARD_CAP,
    with_co_presence: bool = False,
    lang: str = "en",
    max_orgs: int = REGION_ORGS,
) -> ViewGraph:
    """Organisations of a region (and its sub-regions) and their collaborations (with
    ``with_co_presence`` also their consortia and events, drawn dashed).

    A region of more than ``max_orgs`` organisations is summarised in the database: the
    ``max_orgs`` with the most working ties are drawn with the activities they share, the
    others are counted in groups by kind and region (the page says so)."""
    runner = as_runner(target)
    key, canonical = resolve_key(runner, name, Label.REGION)
    title = view_text("region.title", lang, name=canonical)
    subject = view_text("region.subject", lang, name=canonical)
    shown, rest, total = sq.region_orgs(runner, key, max_orgs)
    if total > max_orgs:
        groups = group_nodes(rest, lang)
        carriers = sq.connecting_carriers(runner, shown, with_co_presence)
        summary = view_text(
            "summary.region",
            lang,
            total=f"{total:,}",
            cap=f"{max_orgs:,}",
            rest=f"{total - len(shown):,}",
            groups=f"{len(groups):,}",
        )
        return _finish(
            runner,
            [*shown, *carriers],
            title,
            subject,
            hard_cap,
            with_co_presence=with_co_presence,
            lang=lang,
            groups=list(groups.values()),
            summary=summary,
        )
    keys = sq.region_keys(runner, key, with_co_presence=with_co_presence)
    if len(keys) == 0:
        raise NotFoundError(f"no organisation is located in region {canonical!r}")
    return _finish(
        runner,
        keys,
        title,
        subject,
        hard_cap,
        with_co_presence=with_co_presence,
        lang=lang,
    )


def projects(
    target: Target,
    project_type: str | None = None,
    industry: str | None = None,
    hard_cap: int = HARD_CAP,
    lang: str = "en",
) -> ViewGraph:
    """The organisation–project network, optionally one project type and/or one industry."""
    runner = as_runner(target)
    if project_type is not None and project_type not in {t.value for t in ProjectType}:
        choices = ", ".join(t.value for t in ProjectType)
        raise InputError(f"unknown project type {project_type!r}; choose one of {choices}")
    industry_key = None
    what = []
    if project_type:
        shown_type = value_zh("type", project_type) if lang == "zh" else project_type
        what.append(view_text("scope.type", lang, value=shown_type))
    if industry:
        industry_key, industry_name = resolve_key(runner, industry, Label.INDUSTRY)
        what.append(view_text("scope.industry", lang, value=industry_name))
    keys = sq.project_keys(runner, project_type, industry_key)
    scope = view_text("scope", lang, parts=view_text("scope.sep", lang).join(what)) if what else ""
    return _finish(
        runner,
        keys,
        view_text("projects.title", lang, scope=scope),
        view_text("projects.subject", lang, scope=scope),
        hard_cap,
        lang=lang,
    )


def overview(
    target: Target,
    hard_cap: int = HARD_CAP,
    with_co_presence: bool = False,
    lang: str = "en",
    groups: int = SUMMARY_GROUPS,
    ties: int = SUMMARY_TIES,
) -> ViewGraph:
    """The whole graph (organisations, carriers, policies, people); co-presence ties (and what
    only they attach) only with ``with_co_presence``, dashed.

    Above ``hard_cap`` nodes (counted by the database) nothing is fetched node by node: the
    database counts the nodes per kind and region (at most ``groups`` groups) and the
    ``ties`` strongest links between groups, and the page says so."""
    runner = as_runner(target)
    total = sq.overview_count(runner)
    if total > hard_cap:
        return overview_summary(runner, total, hard_cap, with_co_presence, lang, groups, ties)
    keys = sq.overview_keys(runner)
    return _finish(
        runner,
        keys,
        view_text("overview.title", lang),
        view_text("overview.subject", lang),
        hard_cap,
        with_co_presence=with_co_presence,
        lang=lang,
    )


def overview_summary(
    runner: Runner,
    total: int,
    hard_cap: int,
    with_co_presence: bool,
    lang: str,
    groups: int = SUMMARY_GROUPS,
    ties: int = SUMMARY_TIES,
) -> ViewGraph:
    """The overview of a graph of ``total`` (> ``hard_cap``) nodes, summarised in the database
    (read back from the summary the last load stored, when it still describes the graph)."""
    stored = sq.stored_overview(runner, groups, ties, total)
    if stored is None:
        as_of = None
        group_rows, merged = sq.overview_groups(runner, groups)
        tie_rows = sq.overview_ties(runner, with_co_presence, ties)
    else:
        as_of, value = stored
        group_rows, merged = list(value["group_rows"]), int(value["merged"])
        tie_rows = list(value["ties_all" if with_co_presence else "ties_working"])
    nodes = group_nodes(group_rows, lang)
    edges: dict[tuple[str, str, str, str | None], VizEdge] = {}
    for row in tie_rows:
        ends = []
        for side in ("a", "b"):
            kind = kind_of(row[f"{side}_labels"])
            key = group_key(kind, row[f"{side}_place"])
            # A group past the cap was merged into its kind's group without a place.
            ends.append(key if key in nodes else group_key(kind, None))
        a, b = ends
        if a not in nodes or b not in nodes:
            continue
        basis = sq.edge_basis(str(row["type"]), row.get("role"))
        edge = edges.setdefault(
            (a, b, str(row["type"]), basis), VizEdge(a, b, str(row["type"]), count=0, basis=basis)
        )
        edge.count += int(row["n"])
    for edge in edges.values():
        nodes[edge.source].degree += edge.count
        nodes[edge.target].degree += edge.count
    merged_text = view_text("summary.merged", lang, count=f"{merged:,}") if merged else ""
    view = ViewGraph(
        title=view_text("overview.title", lang),
        subject=view_text("overview.subject", lang),
        nodes=list(nodes.values()),
        edges=list(edges.values()),
        summary=view_text(
            "summary.db",
            lang,
            nodes=f"{total:,}",
            cap=f"{hard_cap:,}",
            groups=f"{len(nodes):,}",
            merged=merged_text,
            ties=f"{len(edges):,}",
        )
        + (view_text("summary.stored", lang, date=as_of) if as_of else ""),
        co_presence=with_co_presence,
        lang=lang,
    )
    return prepare(view, hard_cap=max(hard_cap, len(view.nodes)))


def id_values(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Entity ids in result columns named ``id`` or ending in ``_id`` / ``_ids``."""
    found: list[str] = []
    for row in rows:
        for column, value in row.items():
            if column == "id" or column.endswith("_id"):
                if isinstance(value, str) and value:
                    found.append(value)
            elif column.endswith("_ids") and isinstance(value, (list, tuple)):
                found.extend(str(v) for v in value if isinstance(v, str) and v)
    return list(dict.fromkeys(found))


#: Question parameters that name the entity a question is about.
_SUBJECT_PARAMS: dict[str, Label] = {
    "org": Label.ORGANIZATION,
    "from_org": Label.ORGANIZATION,
    "to_org": Label.ORGANIZATION,
    "consortium": Label.CONSORTIUM,
}


def query(
    target: Target, name: str, params: Mapping[str, Any], hard_cap: int = HARD_CAP, lang: str = "en"
) -> ViewGraph:
    """The subgraph behind an analyst question: the entities its rows name (columns
    ``id``, ``*_id``, ``*_ids``) and the carriers that connect those organisations.

    A question that separates working partnerships from co-presence (it has the
    ``with_co_presence`` parameter) is drawn the same way: co-presence ties only when
    it was asked for them. Any other question (path, timeline …) may rest on
    co-presence, so its ties are all drawn, co-presence dashed."""
    runner = as_runner(target)
    registry = query_registry()
    spec = registry.get(name)
    if spec is None:
        known = ", ".join(sorted(registry)) or "none available"
        raise InputError(f"unknown question {name!r}; known: {known}")
    missing = [p.option for p in spec.params if p.required and params.get(p.name) is None]
    if missing:
        needed = ", ".join(missing)
        raise InputError(f"question {name!r} needs {needed}")
    rows = spec.run(runner, **params)
    ids = id_values(rows)
    keys = sq.keys_for_ids(runner, ids)
    # The entities the question is about (``--org``, ``--from-org`` ...) belong in its picture
    # even when the answer rows only name the others.
    subjects: list[str] = []
    for param, label in _SUBJECT_PARAMS.items():
        value = params.get(param)
        if isinstance(value, str) and value.strip():
            subjects.append(resolve_key(runner, value, label)[0])
    keys = [*subjects, *keys]
    has_basis = any(p.name == WITH_CO_PRESENCE.name for p in spec.params)
    co_presence = bool(params.get(WITH_CO_PRESENCE.name)) if has_basis else True
    orgs = sq.org_keys_among(runner, keys)
    keys = [*keys, *sq.connecting_carriers(runner, orgs, co_presence)]
    shown = ", ".join(f"{k}={v}" for k, v in params.items() if v is not None and v is not False)
    return _finish(
        runner,
        keys,
        view_text("query.title", lang, name=name),
        view_text(
            "query.subject",
            lang,
            name=name,
            rows=len(rows),
            params=view_text("scope", lang, parts=shown) if shown else "",
        ),
        hard_cap,
        focus=subjects,
        with_co_presence=co_presence,
        lang=lang,
    )


def query_registry() -> Mapping[str, QuerySpec]:
    """The analyst question library's registry (name -> QuerySpec)."""
    from iegraph.queries import REGISTRY

    return dict(REGISTRY)


#: The standard views of the seed graph: file stem -> (view function name, arguments).
STANDARD_VIEWS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("overview", "overview", {}),
    ("ego-dalian-university-of-technology", "ego", {"org": "大连理工大学", "hops": 1}),
    ("consortium-jinpu", "consortium", {"name": "大连金普新区（大连经济技术开发区）市域产教联合体"}),
    ("consortium-changchun-auto", "consortium", {"name": "长春市汽车产业集群产教联合体"}),
    ("region-dalian", "region", {"name": "大连市"}),
    ("projects", "projects", {}),
    (
        "query-partners-dalian-university-of-technology",
        "query",
        {"name": "partners", "params": {"org": "大连理工大学"}},
    ),
)


def standard_views(
    target: Target, out_dir: Path, echo: Callable[[str], None] = lambda _: None, lang: str = "en"
) -> list[tuple[str, Path, ViewGraph]]:
    """Write the standard views of the seed graph into ``out_dir``; return (stem, path, view).
    ``lang`` ("en" or "zh") is the language of the pages' words, as for every view.

    A view whose subject is missing from the graph (another dataset, or the query
    library not installed) is skipped with a message rather than failing the rest.
    """
    from iegraph.viz.html import write_html

    runner = as_runner(target)
    builders: dict[str, Callable[..., ViewGraph]] = {
        "overview": overview,
        "ego": ego,
        "consortium": consortium,
        "region": region,
        "projects": projects,
        "query": query,
    }
    written: list[tuple[str, Path, ViewGraph]] = []
    for stem, kind, kwargs in STANDARD_VIEWS:
        try:
            view = builders[kind](runner, **kwargs, lang=lang)
        except (NotFoundError, InputError) as exc:
            echo(f"[viz] skipped {stem}: {exc}")
            continue
        path = write_html(view, out_dir / f"{stem}.html")
        written.append((stem, path, view))
    return written


def write_standard_views(
    target: Target, out_dir: Path, echo: Callable[[str], None], show: Callable[[str], None], lang: str = "en"
) -> None:
    """The ``iegraph demo`` step: write the standard views (in ``lang``) and print their paths (stdout)."""
    written = standard_views(target, out_dir, echo, lang)
    for stem, path, view in written:
        note = " (summarised)" if view.summary else ""
        echo(f"[demo] view {stem}: {len(view.nodes)} nodes, {len(view.edges)} edges{note}")
        show(str(path))
