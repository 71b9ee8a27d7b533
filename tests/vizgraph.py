"""A small hand-made graph for the view tests, written with Cypher (schema enums only).

It follows the graph contract in docs/contributing.md: every fact node is REPORTED_IN a
Source, every relationship carries ``sources``. It includes hostile names (an
``<img onerror>`` organisation and a project whose name closes a script tag) so
every view can be checked for injection.
"""

from __future__ import annotations

from typing import Any

from iegraph.db import Graph
from iegraph.names import name_key
from iegraph.schema.apply import await_fulltext_refresh
from iegraph.schema.model import Label, Rel

HOSTILE_ORG = "<img src=x onerror=alert(1)>"
HOSTILE_PROJECT = "</script><script>window.__pwned=1</script>联合实验室"

SOURCES = [
    {"id": "src-dl", "title": "大连日报：金普新区市域产教联合体成立", "date": "2024-05-17"},
    {"id": "src-cc", "title": "长春企联 & <b>产教融合</b> 报道", "date": "2023-09-02"},
]

REGIONS = [
    {"id": "reg-ln", "name": "辽宁省", "level": "province"},
    {"id": "reg-dl", "name": "大连市", "level": "city", "parent": "reg-ln"},
    {"id": "reg-jp", "name": "金普新区", "level": "zone", "parent": "reg-dl"},
    {"id": "reg-cc", "name": "长春市", "level": "city"},
]

# id, name, kind label, aliases, region id
ORGS: list[tuple[str, str, Label, list[str], str]] = [
    ("org-dut", "大连理工大学", Label.COLLEGE, ["大工", "大連理工大學"], "reg-dl"),
    ("org-dlvtc", "大连职业技术学院", Label.COLLEGE, [], "reg-jp"),
    ("org-sanyou", "大连三友电器设备有限公司", Label.ENTERPRISE, ["三友电器"], "reg-jp"),
    ("org-edu", "大连市教育局", Label.GOVERNMENT, [], "reg-dl"),
    ("org-ai", "大连人工智能计算中心", Label.RESEARCH_INSTITUTE, [], "reg-dl"),
    ("org-assoc", "长春市企业联合会", Label.ASSOCIATION, ["长春企联"], "reg-cc"),
    ("org-faw", "一汽解放大连柴油机有限公司", Label.ENTERPRISE, ["一汽解放大柴"], "reg-dl"),
    ("org-evil", HOSTILE_ORG, Label.ENTERPRISE, ["<script>alert(2)</script>"], "reg-dl"),
]

# label, id, name, extra properties
CARRIERS: list[tuple[Label, str, str, dict[str, Any]]] = [
    (Label.CONSORTIUM, "con-jp", "金普新区市域产教联合体", {"level": "national", "aliases": ["金普联合体"]}),
    (Label.PROJECT, "prj-college", "智能制造产业学院", {"type": "industrial_college", "date": "2024-05"}),
    (Label.PROJECT, "prj-base", "数控实训基地", {"type": "training_base", "date": "2023-09"}),
    (Label.PROJECT, "prj-evil", HOSTILE_PROJECT, {"type": "tech_rd", "date": "2024"}),
    (Label.AGREEMENT, "agr-1", "校企合作协议", {"date": "2024-05-17"}),
    (Label.EVENT, "evt-1", "联合体成立大会", {"date": "2024-05-17"}),
    (Label.INDUSTRY, "ind-im", "智能制造", {}),
]

# from id, rel, to id, role, source ids
RELS: list[tuple[str, Rel, str, str | None, list[str]]] = [
    ("org-dlvtc", Rel.MEMBER_OF, "con-jp", "lead", ["src-dl"]),
    ("org-sanyou", Rel.MEMBER_OF, "con-jp", "member", ["src-dl"]),
    ("org-dut", Rel.MEMBER_OF, "con-jp", "member", ["src-dl"]),
    ("org-edu", Rel.APPROVED, "con-jp", None, ["src-dl"]),
    ("org-dut", Rel.PARTICIPATES_IN, "prj-college", "lead", ["src-dl"]),
    ("org-sanyou", Rel.PARTICIPATES_IN, "prj-college", "partner", ["src-dl"]),
    ("org-ai", Rel.PARTICIPATES_IN, "prj-college", "partner", ["src-dl", "src-cc"]),
    ("org-dlvtc", Rel.PARTICIPATES_IN, "prj-base", "lead", ["src-cc"]),
    ("org-faw", Rel.PARTICIPATES_IN, "prj-base", "partner", ["src-cc"]),
    ("org-evil", Rel.PARTICIPATES_IN, "prj-evil", "partner", ["src-cc"]),
    ("org-dut", Rel.PARTICIPATES_IN, "prj-evil", "lead", ["src-cc"]),
    ("org-dut", Rel.SIGNED, "agr-1", None, ["src-dl"]),
    ("org-faw", Rel.SIGNED, "agr-1", None, ["src-dl"]),
    ("org-assoc", Rel.ATTENDED, "evt-1", "attendee", ["src-cc"]),
    ("org-dut", Rel.ATTENDED, "evt-1", "host", ["src-dl"]),
    ("agr-1", Rel.SIGNED_AT, "evt-1", None, ["src-dl"]),
    ("prj-college", Rel.PART_OF, "con-jp", None, ["src-dl"]),
    ("prj-college", Rel.IN_INDUSTRY, "ind-im", None, ["src-dl"]),
    ("con-jp", Rel.LOCATED_IN, "reg-jp", None, ["src-dl"]),
]


def write_viz_graph(graph: Graph) -> None:
    """Write the test graph into an empty database."""
    graph.write(
        f"UNWIND $rows AS r CREATE (s:{Label.SOURCE.value}) SET s = r",
        {"rows": SOURCES},
    )
    graph.write(
        f"UNWIND $rows AS r CREATE (n:{Label.REGION.value} "
        "{id: r.id, name: r.name, level: r.level, name_key: r.key, alias_keys: []})",
        {"rows": [r | {"key": name_key(str(r["name"]))} for r in REGIONS]},
    )
    graph.write(
        f"UNWIND $rows AS r MATCH (a:{Label.REGION.value} {{id: r.id}}), (b:{Label.REGION.value} {{id: r.parent}}) "
        f"CREATE (a)-[:{Rel.PART_OF.value} {{sources: ['src-dl']}}]->(b)",
        {"rows": [r for r in REGIONS if "parent" in r]},
    )
    for org_id, name, kind, aliases, region in ORGS:
        graph.write(
            f"CREATE (o:{Label.ORGANIZATION.value}:{kind.value} "
            "{id: $id, name: $name, aliases: $aliases, kind: $kind, name_key: $key, alias_keys: $alias_keys}) "
            "WITH o "
            f"MATCH (r:{Label.REGION.value} {{id: $region}}), (s:{Label.SOURCE.value} {{id: 'src-dl'}}) "
            f"CREATE (o)-[:{Rel.LOCATED_IN.value} {{sources: ['src-dl']}}]->(r), "
            f"(o)-[:{Rel.REPORTED_IN.value} {{quote: $name}}]->(s)",
            {
                "id": org_id,
                "name": name,
                "aliases": aliases,
                "kind": kind.value,
                "region": region,
                "key": name_key(name),
                "alias_keys": [name_key(a) for a in aliases],
            },
        )
    for label, node_id, name, extra in CARRIERS:
        graph.write(
            f"CREATE (n:{label.value} {{id: $id, name: $name, name_key: $key}}) SET n += $extra "
            "SET n.alias_keys = $alias_keys WITH n "
            f"MATCH (s:{Label.SOURCE.value}) WHERE s.id IN ['src-dl', 'src-cc'] "
            f"CREATE (n)-[:{Rel.REPORTED_IN.value} {{quote: $name}}]->(s)",
            {
                "id": node_id,
                "name": name,
                "extra": extra,
                "key": name_key(name),
                "alias_keys": [name_key(a) for a in extra.get("aliases", [])],
            },
        )
    for a, rel, b, role, sources in RELS:
        graph.write(
            f"MATCH (a {{id: $a}}), (b {{id: $b}}) WHERE NOT a:{Label.SOURCE.value} AND NOT b:{Label.SOURCE.value} "
            f"CREATE (a)-[r:{rel.value} {{sources: $sources}}]->(b) SET r.role = $role",
            {"a": a, "b": b, "role": role, "sources": sources},
        )
    # Name look-ups read the eventually consistent full-text index: wait until it holds
    # this graph, as the loader does after a load (else a busy machine fails them).
    await_fulltext_refresh(graph)
