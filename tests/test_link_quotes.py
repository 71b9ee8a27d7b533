"""Each relationship's own quote, inferred links with their reason: the fact-sheet and
table format, how the loader stores them (``quotes`` aligned with ``sources``, across
loads and within one), and what ``evidence`` shows (never a borrowed quote)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import load_paths, validate_paths
from iegraph.loaders.duplicates import merge_nodes
from iegraph.loaders.writer import merge_rows
from iegraph.queries.evidence import NONE_GIVEN, evidence
from iegraph.schema.factsheet import AgreementSpec, ConsortiumSpec, ProjectSpec, RelationSpec
from iegraph.schema.model import Label, Rel

PARTY_QUOTE = "甲大学与乙公司合作,共建智能制造实训基地"
PROJECT_QUOTE = "甲大学牵头建设智能制造实训基地"  # names 甲大学, not 乙公司


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sheet(source: str, party_quote: str | None = None, inferred: str | None = None) -> str:
    """A sheet by ``source`` in which 乙公司 is a party of the base, with its own quote,
    marked inferred, or a plain party (the project's quote does not name 乙公司)."""
    extra = ""
    if party_quote:
        extra = f", quote: '{party_quote}'"
    if inferred:
        extra = f", inferred: true, inferred_reason: '{inferred}'"
    return f"""\
source: {{id: {source}, title: 报道{source}}}
organizations:
  - {{key: u, name: 甲大学, kind: College, level: undergraduate, quote: '甲大学是本科学校'}}
  - {{key: e, name: 乙公司, kind: Enterprise}}
projects:
  - name: 智能制造实训基地
    type: training_base
    quote: '{PROJECT_QUOTE}'
    parties:
      - {{org: u, role: lead}}
      - {{org: e, role: partner{extra}}}
"""


def party(graph: Graph, org: str = "乙公司") -> dict[str, Any]:
    """Properties of ``org``'s PARTICIPATES_IN relationship to the base."""
    rows = graph.read(
        f"MATCH (:{Label.ORGANIZATION.value} {{name: $org}})-[r:{Rel.PARTICIPATES_IN.value}]->"
        f"(:{Label.PROJECT.value}) RETURN properties(r) AS p",
        {"org": org},
    )
    assert len(rows) == 1
    return dict(rows[0]["p"])


# --------------------------------------------------------------------------- format (no database)


def test_a_link_item_is_a_ref_or_a_mapping_with_its_quote() -> None:
    spec = AgreementSpec.model_validate(
        {"name": "协议", "parties": ["u", {"ref": "e", "quote": "乙公司签约"}], "event": {"ref": "ev"}}
    )
    assert spec.parties[0] == "u"
    assert not isinstance(spec.parties[1], str) and spec.parties[1].quote == "乙公司签约"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"parties": [{"org": "e", "inferred": True}]}, "needs an inferred_reason"),
        ({"parties": [{"org": "e", "inferred": True, "inferred_reason": "  "}]}, "needs an inferred_reason"),
        ({"parties": [{"org": "e", "inferred_reason": "签约方"}]}, "inferred is not true"),
        ({"region": {"ref": "r", "inferred": True}}, "needs an inferred_reason"),
        ({"industries": [{"ref": "i", "quot": "x"}]}, "Extra inputs"),
        ({"inferred_reason": "年份推断"}, "list them"),
    ],
)
def test_inferred_without_a_reason_is_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ProjectSpec.model_validate({"name": "基地", "type": "other", **data})


def test_consortium_members_and_relations_take_the_same_marks() -> None:
    with pytest.raises(ValidationError, match="needs an inferred_reason"):
        ConsortiumSpec.model_validate(
            {"name": "联合体", "kind": "other", "members": [{"org": "e", "inferred": True}]}
        )
    rel = RelationSpec.model_validate(
        {"type": "APPROVED", "from": "a", "to": "b", "inferred": True, "inferred_reason": "批复单位推断"}
    )
    assert rel.inferred is True
    with pytest.raises(ValidationError, match="write inferred: true"):
        RelationSpec.model_validate({"type": "APPROVED", "from": "a", "to": "b", "inferred_reason": "x"})


def test_an_unreasoned_inferred_link_is_reported_with_its_line(tmp_path: Path) -> None:
    text = sheet("s1").replace("{org: e, role: partner}", "{org: e, role: partner, inferred: true}")
    path = write(tmp_path / "a.yaml", text)
    with pytest.raises(InputError) as err:
        validate_paths(None, [path])
    assert f"{path}:11: projects.0.parties.1: Value error, inferred: true needs an inferred_reason" in str(
        err.value
    )


def test_a_table_quote_needs_a_source(tmp_path: Path) -> None:
    write(tmp_path / "t" / "sources.csv", "id,title\ns1,报道\n")
    write(tmp_path / "t" / "organizations.csv", "id,name,kind,source\ne,乙公司,Enterprise,s1\n")
    write(tmp_path / "t" / "projects.csv", "id,name,type,source\np,基地,other,s1\n")
    write(tmp_path / "t" / "participations.csv", "org,project,quote\ne,p,乙公司参与基地\n")
    with pytest.raises(InputError, match=r"participations\.csv:2: quote: a quote needs a source"):
        validate_paths(None, [tmp_path / "t"])


def test_rows_merged_in_a_batch_keep_quotes_aligned() -> None:
    a = {"start": "e", "end": "p", "sources": ["s1"], "quotes": ["q1"], "inferred_reason": "r"}
    b = {"start": "e", "end": "p", "sources": ["s2", "s1"]}
    merged = merge_rows(a, b)
    assert merged["sources"] == ["s1", "s2"] and merged["quotes"] == ["q1", ""]
    assert "inferred_reason" not in merged  # s2 states the link
    # a quote fills the empty one of its source; no quote at all stays absent
    c = merge_rows({"sources": ["s1", "s2"], "quotes": ["q1", ""]}, {"sources": ["s2"], "quotes": ["q2"]})
    assert c["quotes"] == ["q1", "q2"]
    assert "quotes" not in merge_rows({"sources": ["s1"]}, {"sources": ["s2"]})
    both = merge_rows(
        {"sources": ["s1"], "inferred_reason": "r1"}, {"sources": ["s2"], "inferred_reason": "r2"}
    )
    assert both["inferred_reason"] == "r1"


# --------------------------------------------------------------------------- loader (real Neo4j)


def test_yaml_link_quote_round_trip(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote=PARTY_QUOTE))])
    rel = party(graph)
    assert rel["sources"] == ["s1"] and rel["quotes"] == [PARTY_QUOTE]
    assert "inferred_reason" not in rel
    # 甲大学 gave no quote of its own, but the project's sentence names it: that one
    assert party(graph, "甲大学")["quotes"] == [PROJECT_QUOTE]


def test_a_link_without_quote_stores_none_and_never_the_nodes(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1"))])
    rel = party(graph)
    assert rel["sources"] == ["s1"] and "quotes" not in rel


def test_single_ref_and_list_link_items(graph: Graph, tmp_path: Path) -> None:
    text = """\
source: {id: s1, title: 报道}
regions:
  - {key: r, name: 丙市, level: city, quote: '丙市是城市'}
industries:
  - {key: i, name: 尼龙新材料}
organizations:
  - key: e
    name: 乙公司
    kind: Enterprise
    quote: '乙公司成立'
    region: {ref: r, quote: '乙公司位于丙市'}
    industries: [{ref: i, inferred: true, inferred_reason: 主营产品推断}]
"""
    load_paths(graph, [write(tmp_path / "a.yaml", text)])
    rows = graph.read(
        f"MATCH (:{Label.ORGANIZATION.value} {{name: '乙公司'}})-[r:{Rel.IN_INDUSTRY.value}|{Rel.LOCATED_IN.value}]->() "
        "RETURN type(r) AS t, r.quotes AS quotes, r.inferred_reason AS reason ORDER BY t"
    )
    assert [(r["t"], r["quotes"], r["reason"]) for r in rows] == [
        (Rel.IN_INDUSTRY.value, None, "主营产品推断"),
        (Rel.LOCATED_IN.value, ["乙公司位于丙市"], None),
    ]


def test_tables_link_quote_round_trip(graph: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write(folder / "sources.csv", "id,title\ns1,报道一\ns2,报道二\n")
    write(
        folder / "organizations.csv",
        "id,name,kind,source,inferred,inferred_reason\ne,乙公司,Enterprise,s1,,\nu,甲大学,College,s1,level,名称推断\n",
    )
    write(folder / "projects.csv", "id,name,type,source,quote\np,基地,other,s1,基地建成\n")
    write(folder / "consortia.csv", "id,name,kind,source\nc,联合体,other,s1\n")
    write(
        folder / "participations.csv",
        f'org,project,role,source,quote\ne,p,partner,s1;s2,"{PARTY_QUOTE}"\nu,p,lead,s1,\n',
    )
    write(folder / "memberships.csv", "org,consortium,source,inferred_reason\ne,c,s1,签约项目的企业\n")
    write(folder / "relations.csv", "type,from,to,source,quote,note\nAPPROVED,u,c,s2,甲大学批准,备注\n")
    load_paths(graph, [folder])
    rel = party(graph)
    assert rel["sources"] == ["s1", "s2"] and rel["quotes"] == [PARTY_QUOTE, PARTY_QUOTE]
    assert "quotes" not in party(graph, "甲大学")  # a table row has only its own quote
    [member] = graph.read(f"MATCH ()-[r:{Rel.MEMBER_OF.value}]->() RETURN properties(r) AS p")
    assert member["p"]["inferred_reason"] == "签约项目的企业" and "quotes" not in member["p"]
    [approved] = graph.read(f"MATCH ()-[r:{Rel.APPROVED.value}]->() RETURN properties(r) AS p")
    assert approved["p"]["quotes"] == ["甲大学批准"] and approved["p"]["note"] == "备注"
    assert "quote" not in approved["p"]
    [college] = graph.read(
        f"MATCH (c:{Label.COLLEGE.value}) RETURN c.inferred AS f, c.inferred_reason AS why"
    )
    assert college["f"] == ["level"] and college["why"] == "名称推断"


def test_quotes_stay_aligned_across_loads(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote=PARTY_QUOTE))])
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2"))])
    rel = party(graph)
    assert rel["sources"] == ["s1", "s2"] and rel["quotes"] == [PARTY_QUOTE, ""]
    # s2 now gives a quote: it fills s2's empty slot; s1 keeps its own
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2", party_quote="乙公司参与共建"))])
    assert party(graph)["quotes"] == [PARTY_QUOTE, "乙公司参与共建"]
    # a given quote is not replaced, and a reload changes nothing
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote="另一句"))])
    load_paths(graph, [tmp_path / "b.yaml"])
    rel = party(graph)
    assert rel["sources"] == ["s1", "s2"] and rel["quotes"] == [PARTY_QUOTE, "乙公司参与共建"]


def test_a_quote_arriving_later_fills_the_slots_before_it(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1"))])
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2", party_quote=PARTY_QUOTE))])
    rel = party(graph)
    assert rel["sources"] == ["s1", "s2"] and rel["quotes"] == ["", PARTY_QUOTE]


@pytest.mark.parametrize("batch_size", [None, 1])
def test_quotes_stay_aligned_within_one_load(graph: Graph, tmp_path: Path, batch_size: int | None) -> None:
    # one batch (rows merged in Python) or one row per batch (the MERGE's ON MATCH)
    paths = [
        write(tmp_path / "a.yaml", sheet("s1")),
        write(tmp_path / "b.yaml", sheet("s2", party_quote=PARTY_QUOTE)),
        write(tmp_path / "c.yaml", sheet("s3")),
    ]
    load_paths(graph, paths, batch_size=batch_size)
    rel = party(graph)
    # two writer threads may commit one-row batches in either order: the pairs count
    assert len(rel["quotes"]) == len(rel["sources"]) == 3
    assert dict(zip(rel["sources"], rel["quotes"], strict=True)) == {"s1": "", "s2": PARTY_QUOTE, "s3": ""}


def test_a_graph_of_the_old_loader_gets_aligned_quotes(graph: Graph, tmp_path: Path) -> None:
    # The old loader wrote relationships with sources and no quotes.
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1"))])
    graph.write(
        f"MATCH ()-[r:{Rel.PARTICIPATES_IN.value}]->() SET r.sources = r.sources + ['s0'] REMOVE r.quotes"
    )
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2", party_quote=PARTY_QUOTE))])
    rel = party(graph)
    assert rel["sources"] == ["s1", "s0", "s2"] and rel["quotes"] == ["", "", PARTY_QUOTE]
    # and a quote for an old source lands at its index
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote="甲乙共建"))])
    assert party(graph)["quotes"] == ["甲乙共建", "", PARTY_QUOTE]


def test_inferred_only_while_no_source_states_it(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", inferred="同台签约推断"))])
    rel = party(graph)
    assert rel["inferred_reason"] == "同台签约推断" and "quotes" not in rel
    load_paths(graph, [tmp_path / "a.yaml"])  # idempotent
    assert party(graph)["inferred_reason"] == "同台签约推断"
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2", party_quote=PARTY_QUOTE))])
    rel = party(graph)
    assert "inferred_reason" not in rel and rel["quotes"] == ["", PARTY_QUOTE]
    load_paths(graph, [tmp_path / "a.yaml"])  # inferring it again does not undo a statement
    assert "inferred_reason" not in party(graph)


def test_merging_two_nodes_keeps_quotes_aligned(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote=PARTY_QUOTE))])
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2").replace("乙公司", "乙公司二"))])
    graph.write(
        f"MATCH ()-[r:{Rel.PARTICIPATES_IN.value}]->() WHERE r.sources = ['s2'] SET r.quotes = ['乙公司二参与']"
    )
    ids = {
        r["name"]: r["id"]
        for r in graph.read(f"MATCH (o:{Label.ENTERPRISE.value}) RETURN o.name AS name, o.id AS id")
    }
    merge_nodes(graph, ids["乙公司"], ids["乙公司二"])
    rel = party(graph)
    assert rel["sources"] == ["s1", "s2"] and rel["quotes"] == [PARTY_QUOTE, "乙公司二参与"]


# --------------------------------------------------------------------------- evidence (real Neo4j)


def test_evidence_never_borrows_a_quote(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1"))])
    rows = evidence(graph, name="乙公司")
    [link] = [r for r in rows if "智能制造实训基地" in r.statement]
    # the project's sentence does not name 乙公司: no quote, and the row says so
    assert link.quote is None and link.quote_status == NONE_GIVEN and link.source_id == "s1"
    assert link.inferred is None
    # the other party's link is stated by the project's sentence, which names it
    [lead] = [r for r in evidence(graph, name="甲大学") if "智能制造实训基地" in r.statement]
    assert lead.quote == PROJECT_QUOTE and lead.quote_status == "given"


def test_evidence_shows_the_links_own_quote_and_inferred_reason(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote=PARTY_QUOTE))])
    load_paths(graph, [write(tmp_path / "b.yaml", sheet("s2").replace("甲大学", "丁大学"))])
    rows = [r for r in evidence(graph, name="乙公司") if "智能制造实训基地" in r.statement]
    assert [(r.source_id, r.quote, r.quote_status) for r in rows] == [
        ("s1", PARTY_QUOTE, "given"),
        ("s2", None, NONE_GIVEN),
    ]
    graph.write("MATCH (n) DETACH DELETE n")
    load_paths(graph, [write(tmp_path / "c.yaml", sheet("s3", inferred="同台签约推断"))])
    [row] = [r for r in evidence(graph, name="乙公司") if "智能制造实训基地" in r.statement]
    assert row.inferred == "inferred: 同台签约推断" and row.quote is None


def test_evidence_shows_inferred_fields_with_their_reason(graph: Graph, tmp_path: Path) -> None:
    text = sheet("s1").replace(
        "    type: training_base\n",
        "    type: training_base\n    date: '2024'\n    inferred: [date]\n"
        "    inferred_reason: 文中只说今年\n",
    )
    load_paths(graph, [write(tmp_path / "a.yaml", text)])
    [own] = [r for r in evidence(graph, name="智能制造实训基地") if r.other_id is None]
    assert own.quote == PROJECT_QUOTE and own.inferred == "inferred date: 文中只说今年"


def test_links_of_a_field_listed_as_inferred_are_inferred(graph: Graph, tmp_path: Path) -> None:
    text = """\
source: {id: s1, title: 报道}
regions:
  - {key: r, name: 丙市, level: city}
consortia:
  - name: 丙市联合体
    kind: other
    quote: '丙市联合体获批,乙公司、丁公司参加'
    region: r
    members: [{org: 乙公司}, {org: 丁公司, quote: '丁公司加入丙市联合体'}]
    inferred: [members, region]
    inferred_reason: 成员由项目签约方推断
organizations:
  - {name: 乙公司, kind: Enterprise}
  - {name: 丁公司, kind: Enterprise}
"""
    load_paths(graph, [write(tmp_path / "a.yaml", text)])
    rows = graph.read(
        f"MATCH (x)-[r:{Rel.MEMBER_OF.value}|{Rel.LOCATED_IN.value}]->() "
        "RETURN x.name AS x, type(r) AS t, r.quotes AS quotes, r.inferred_reason AS reason ORDER BY x, t"
    )
    # the consortium's sentence names 乙公司 and 丙市, yet those links are inferred: no quote
    assert [(r["x"], r["quotes"], r["reason"]) for r in rows] == [
        ("丁公司", ["丁公司加入丙市联合体"], None),  # its own quote: stated
        ("丙市联合体", None, "成员由项目签约方推断"),
        ("乙公司", None, "成员由项目签约方推断"),
    ]


def test_a_reload_of_the_only_source_decides_whether_a_link_is_inferred(graph: Graph, tmp_path: Path) -> None:
    # stated, as the loader before inferred links wrote every link (the migration case)
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1"))])
    assert "inferred_reason" not in party(graph)
    # the sheet of its only source, re-curated: inferred
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", inferred="同台签约推断"))])
    assert party(graph)["inferred_reason"] == "同台签约推断"
    # and stated again
    load_paths(graph, [write(tmp_path / "a.yaml", sheet("s1", party_quote=PARTY_QUOTE))])
    rel = party(graph)
    assert "inferred_reason" not in rel and rel["quotes"] == [PARTY_QUOTE]
