"""Small graphs for the question tests, written with Cypher exactly as the graph
contract (docs/contributing.md) says loaders write them.

``build_dalian(graph)`` — a miniature 大连 ecosystem: 2 regions under a province,
10 organisations, projects, agreements, a consortium, an event, a policy.
``build_synergy(graph)`` — four cooperation units in one region with chosen
(college, enterprise, government) configurations, for a hand-computed T(UIG).

Ids are short and readable (``u1``, ``e1`` ...) so tests can name them.
"""

from __future__ import annotations

from typing import Any

from iegraph.db import Graph
from iegraph.names import name_key
from iegraph.schema.apply import await_fulltext_refresh
from iegraph.schema.model import Label, Rel


class Builder:
    """Writes nodes and relationships the way the loaders do (contract fields only)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.labels: dict[str, list[Label]] = {}

    def source(self, sid: str, title: str, date: str) -> None:
        self.graph.write(
            f"CREATE (:{Label.SOURCE.value} {{id: $id, title: $title, date: $date, language: 'zh-Hans'}})",
            {"id": sid, "title": title, "date": date},
        )
        self.labels[sid] = [Label.SOURCE]

    def node(
        self,
        labels: list[Label],
        nid: str,
        name: str,
        aliases: tuple[str, ...] = (),
        sources: tuple[str, ...] = (),
        quote: str | None = None,
        **props: Any,
    ) -> None:
        """A fact node with id/name/name_key/aliases/alias_keys and REPORTED_IN per source."""
        base = {
            "id": nid,
            "name": name,
            "name_key": name_key(name),
            "aliases": list(aliases),
            "alias_keys": [name_key(a) for a in aliases],
            "inferred": [],
            **props,
        }
        kinds = [lbl for lbl in labels if lbl is not Label.ORGANIZATION]
        if Label.ORGANIZATION in labels:
            base["kind"] = kinds[0].value
        label_text = ":".join(lbl.value for lbl in labels)
        self.graph.write(f"CREATE (n:{label_text}) SET n = $props", {"props": base})
        self.labels[nid] = labels
        for sid in sources:
            self.graph.write(
                f"MATCH (n:{labels[0].value} {{id: $id}}), (s:{Label.SOURCE.value} {{id: $sid}}) "
                f"CREATE (n)-[:{Rel.REPORTED_IN.value} {{quote: $quote, quotes: [$quote]}}]->(s)",
                {"id": nid, "sid": sid, "quote": quote or f"{name}……"},
            )

    def org(self, kind: Label, nid: str, name: str, **kw: Any) -> None:
        self.node([Label.ORGANIZATION, kind], nid, name, **kw)

    def rel(self, rel: Rel, a: str, b: str, sources: tuple[str, ...] = (), **props: Any) -> None:
        la, lb = self.labels[a][0].value, self.labels[b][0].value
        self.graph.write(
            f"MATCH (a:{la} {{id: $a}}), (b:{lb} {{id: $b}}) CREATE (a)-[r:{rel.value}]->(b) SET r = $props",
            {"a": a, "b": b, "props": {"sources": list(sources), **props}},
        )


ORG = Label.ORGANIZATION
COL, ENT, GOV, RES, ASSOC = (
    Label.COLLEGE,
    Label.ENTERPRISE,
    Label.GOVERNMENT,
    Label.RESEARCH_INSTITUTE,
    Label.ASSOCIATION,
)

# Names used by the tests.
U1 = "大连理工大学"
U2 = "大连职业技术学院"
U3 = "长春汽车职业技术大学"
U4 = "大连艺术学院"
E1 = "大连三友电器设备有限公司"
E2 = "东风日产大连有限公司"
E3 = "一汽解放大连柴油机有限公司"
E4 = "大连孤岛科技有限公司"
E5 = "三友电器"
G1 = "大连市教育局"
R1 = "大连人工智能计算中心"
A1 = "长春市企业联合会"
C1 = "大连市域产教联合体"


def build_dalian(graph: Graph) -> Builder:
    """The miniature Dalian graph (see the module docstring and tests for what it holds).

    Working links (PARTICIPATES_IN / SIGNED):
      P1 project   u1, e1            2023-05-10  [s1]   金州区, 装备制造, tech_rd, 1.2亿
      P2 project   u1, r1, u2, g1    2024-03     [s2]   大连市, 人工智能, training_base
      P3 project   e3, u2            undated     [s3]   大连市
      AG1 agreement u1, e1           2022-11-20  [s1, s2]
      AG2 agreement u1, e2           2023        [s2]
      AG3 agreement g1, u4           2024        [s3]
    Co-presence:
      C1 consortium leads g1, u1; members e1, e2, e3, u2; founded 2023-09 [s3]
         reported total 10, enterprise 5, college 3, government 1; 大连市; 装备制造, 新能源汽车
      EV1 event 2024-04-16: a1 organiser, u3 and e3 attendees [s3]
    Isolated: e4 (大连市, 装备制造). No region: a1, e5 (e5's name = e1's alias: a duplicate).
    大连市 prioritises 装备制造, 人工智能, 新能源汽车 (no project in 新能源汽车).
    Policy POL1 issued by g1, 2022-12. Project P4 has no source at all.
    """
    b = Builder(graph)
    b.source("s1", "大连理工大学与三友电器签约", "2023-05-10")
    b.source("s2", "大连职教新闻", "2024-03-20")
    b.source("s3", "大连市域产教联合体成立", "2024-04-17")
    b.node([Label.REGION], "liaoning", "辽宁省", level="province", sources=("s3",))
    b.node([Label.REGION], "dalian", "大连市", level="city", sources=("s3",))
    b.node([Label.REGION], "jinzhou", "金州区", aliases=("金普新区",), level="district", sources=("s1",))
    b.node([Label.REGION], "changchun", "长春市", level="city", sources=("s3",))
    b.rel(Rel.PART_OF, "dalian", "liaoning", ("s3",))
    b.rel(Rel.PART_OF, "jinzhou", "dalian", ("s1",))
    for iid, name in (("equip", "装备制造"), ("ai", "人工智能"), ("nev", "新能源汽车")):
        b.node([Label.INDUSTRY], iid, name, sources=("s3",))
        b.rel(Rel.IN_INDUSTRY, "dalian", iid, ("s3",))

    b.org(COL, "u1", U1, aliases=("大工",), level="undergraduate", sources=("s1", "s2"))
    b.org(COL, "u2", U2, level="higher_vocational", sources=("s2",))
    b.org(COL, "u3", U3, level="higher_vocational", sources=("s3",))
    b.org(COL, "u4", U4, level="undergraduate", sources=("s3",))
    b.org(ENT, "e1", E1, aliases=("三友电器",), sources=("s1",))
    b.org(ENT, "e2", E2, sources=("s2",))
    b.org(ENT, "e3", E3, aliases=("一汽解放大柴",), sources=("s3",))
    b.org(ENT, "e4", E4, sources=("s3",))
    b.org(ENT, "e5", E5, sources=("s3",))
    b.org(GOV, "g1", G1, sources=("s2",))
    b.org(RES, "r1", R1, sources=("s2",))
    b.org(ASSOC, "a1", A1, aliases=("长春企联",), sources=("s3",))
    for oid, rid in (
        ("u1", "dalian"),
        ("u2", "dalian"),
        ("u3", "changchun"),
        ("u4", "dalian"),
        ("e1", "jinzhou"),
        ("e2", "dalian"),
        ("e3", "dalian"),
        ("e4", "dalian"),
        ("g1", "dalian"),
        ("r1", "dalian"),
    ):
        b.rel(Rel.LOCATED_IN, oid, rid, ("s3",))
    for oid, iid in (
        ("u1", "equip"),
        ("e1", "equip"),
        ("e2", "nev"),
        ("e3", "equip"),
        ("e4", "equip"),
        ("r1", "ai"),
    ):
        b.rel(Rel.IN_INDUSTRY, oid, iid, ("s3",))

    b.node(
        [Label.PROJECT],
        "p1",
        "三友-大工联合实验室",
        type="tech_rd",
        date="2023-05-10",
        status="operating",
        investment=120000000,
        investment_unit="元",
        investment_text="1.2亿元",
        output_results=12,
        sources=("s1",),
    )
    b.node([Label.PROJECT], "p2", "人工智能实训基地", type="training_base", date="2024-03", sources=("s2",))
    b.node([Label.PROJECT], "p3", "柴油机订单班", type="talent_cultivation", sources=("s3",))
    b.node([Label.PROJECT], "p4", "无来源项目", type="other")
    b.rel(Rel.PARTICIPATES_IN, "u1", "p1", ("s1",), role="lead")
    b.rel(Rel.PARTICIPATES_IN, "e1", "p1", ("s1",), role="partner")
    for oid in ("u1", "r1", "u2", "g1"):
        b.rel(Rel.PARTICIPATES_IN, oid, "p2", ("s2",), role="partner")
    b.rel(Rel.PARTICIPATES_IN, "e3", "p3", ("s3",), role="partner")
    b.rel(Rel.PARTICIPATES_IN, "u2", "p3", ("s3",), role="partner")
    b.rel(Rel.LOCATED_IN, "p1", "jinzhou", ("s1",))
    b.rel(Rel.LOCATED_IN, "p2", "dalian", ("s2",))
    b.rel(Rel.LOCATED_IN, "p3", "dalian", ("s3",))
    b.rel(Rel.IN_INDUSTRY, "p1", "equip", ("s1",))
    b.rel(Rel.IN_INDUSTRY, "p2", "ai", ("s2",))

    b.node(
        [Label.AGREEMENT],
        "ag1",
        "大工-三友战略合作协议",
        kind="strategic",
        date="2022-11-20",
        sources=("s1", "s2"),
    )
    b.node(
        [Label.AGREEMENT],
        "ag2",
        "大工-东风日产合作协议",
        kind="school_enterprise",
        date="2023",
        sources=("s2",),
    )
    b.node([Label.AGREEMENT], "ag3", "教育局-艺术学院协议", date="2024", sources=("s3",))
    b.rel(Rel.SIGNED, "u1", "ag1", ("s1", "s2"))
    b.rel(Rel.SIGNED, "e1", "ag1", ("s1", "s2"))
    b.rel(Rel.SIGNED, "u1", "ag2", ("s2",))
    b.rel(Rel.SIGNED, "e2", "ag2", ("s2",))
    b.rel(Rel.SIGNED, "g1", "ag3", ("s3",))
    b.rel(Rel.SIGNED, "u4", "ag3", ("s3",))

    b.node(
        [Label.CONSORTIUM],
        "c1",
        C1,
        aliases=("大连联合体",),
        kind="city_consortium",
        level="city",
        founded="2023-09",
        reported_total=10,
        reported_enterprise=5,
        reported_college=3,
        reported_government=1,
        reported_enterprise_qualifier="约",
        reported_as_of="2024-04",
        sources=("s3",),
    )
    b.rel(Rel.MEMBER_OF, "g1", "c1", ("s3",), role="lead")
    b.rel(Rel.MEMBER_OF, "u1", "c1", ("s3",), role="lead")
    for oid in ("e1", "e2", "e3", "u2"):
        b.rel(Rel.MEMBER_OF, oid, "c1", ("s3",), role="member")
    b.rel(Rel.LOCATED_IN, "c1", "dalian", ("s3",))
    b.rel(Rel.IN_INDUSTRY, "c1", "equip", ("s3",))
    b.rel(Rel.IN_INDUSTRY, "c1", "nev", ("s3",))

    b.node([Label.EVENT], "ev1", "校企对接会", kind="matchmaking", date="2024-04-16", sources=("s3",))
    b.rel(Rel.ATTENDED, "a1", "ev1", ("s3",), role="organiser")
    b.rel(Rel.ATTENDED, "u3", "ev1", ("s3",), role="attendee")
    b.rel(Rel.ATTENDED, "e3", "ev1", ("s3",), role="attendee")
    b.rel(Rel.LOCATED_IN, "ev1", "changchun", ("s3",))

    b.node([Label.POLICY], "pol1", "关于深化产教融合的实施意见", date="2022-12", sources=("s3",))
    b.rel(Rel.ISSUED, "g1", "pol1", ("s3",))
    # Name look-ups read the eventually consistent full-text index: wait until it holds
    # this graph, as the loader does after a load (else a busy machine fails them).
    await_fulltext_refresh(graph)
    return b


def build_synergy(graph: Graph) -> Builder:
    """Region 合成市 with four cooperation units of configurations (U, I, G):

      sp1 project   (1,1,1)  su, se, sg (+ an association, which is no helix)
      sa1 agreement (1,1,0)  su, se — no region of its own; its parties are in 合成市
      sc1 consortium(1,0,1)  su, sg
      sp2 project   (0,1,1)  se2, sg
    and one unit in 他市 with su as party (it must not count for 合成市).
    """
    b = Builder(graph)
    b.source("t1", "合成市新闻", "2024-01-01")
    b.node([Label.REGION], "syn", "合成市", level="city", sources=("t1",))
    b.node([Label.REGION], "other", "他市", level="city", sources=("t1",))
    b.org(COL, "su", "合成大学", sources=("t1",))
    b.org(ENT, "se", "合成企业", sources=("t1",))
    b.org(ENT, "se2", "合成二厂", sources=("t1",))
    b.org(GOV, "sg", "合成市政府", sources=("t1",))
    b.org(ASSOC, "sa", "合成协会", sources=("t1",))
    for oid in ("su", "se", "se2", "sg", "sa"):
        b.rel(Rel.LOCATED_IN, oid, "syn", ("t1",))
    b.node([Label.PROJECT], "sp1", "合成一号项目", type="other", sources=("t1",))
    b.node([Label.AGREEMENT], "sa1", "合成协议", sources=("t1",))
    b.node([Label.CONSORTIUM], "sc1", "合成联合体", kind="alliance", sources=("t1",))
    b.node([Label.PROJECT], "sp2", "合成二号项目", type="other", sources=("t1",))
    b.node([Label.PROJECT], "ox", "他市项目", type="other", sources=("t1",))
    for unit in ("sp1", "sc1", "sp2"):
        b.rel(Rel.LOCATED_IN, unit, "syn", ("t1",))
    b.rel(Rel.LOCATED_IN, "ox", "other", ("t1",))
    for oid in ("su", "se", "sg", "sa"):
        b.rel(Rel.PARTICIPATES_IN, oid, "sp1", ("t1",))
    b.rel(Rel.SIGNED, "su", "sa1", ("t1",))
    b.rel(Rel.SIGNED, "se", "sa1", ("t1",))
    b.rel(Rel.MEMBER_OF, "su", "sc1", ("t1",))
    b.rel(Rel.MEMBER_OF, "sg", "sc1", ("t1",))
    b.rel(Rel.PARTICIPATES_IN, "se2", "sp2", ("t1",))
    b.rel(Rel.PARTICIPATES_IN, "sg", "sp2", ("t1",))
    b.rel(Rel.PARTICIPATES_IN, "su", "ox", ("t1",))
    b.rel(Rel.PARTICIPATES_IN, "se", "ox", ("t1",))
    b.rel(Rel.PARTICIPATES_IN, "sg", "ox", ("t1",))
    # Name look-ups read the eventually consistent full-text index: wait until it holds
    # this graph, as the loader does after a load (else a busy machine fails them).
    await_fulltext_refresh(graph)
    return b
