"""Relation types between the organisations of an extraction: partnership or co-presence.

Every fact with parties yields typed relations, each with its evidence sentence:

================  ============  ==========================================================
type              basis         read from
================  ============  ==========================================================
co_build          partnership   a project built together (共建, 打造, 组建, 成立 … a base,
                                centre, industrial college); an approved carrier's builder
joint_project     partnership   a project worked on together without building a body
                                (合作研发, 联合培养, 共同开展 …); a program's owners
signed_agreement  partnership   the signatories of one agreement (``A与B签署…协议``)
co_lead           partnership   the leads of one consortium (``由A、B联合牵头``)
member_of         partnership   leads and members of one consortium (发起, 加入, 成员 …)
attended_event    co-presence   organisers, hosts and attendees of one event
jointly_issued    co-presence   the issuers of one policy document (``A、B联合印发《…》``)
================  ============  ==========================================================

In the graph (``iegraph/queries/_base.py``) co_build, joint_project (PARTICIPATES_IN),
signed_agreement (SIGNED) and co_lead (MEMBER_OF {role: lead}) are *working* ties; plain
consortium membership and events are *co-presence* there. The evaluation follows the
issue's definition and counts member_of pairs as partnership (as the gold does); the
graph's partnership questions, working ties only, do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from iegraph.extract.model import Fact

PARTNERSHIP = ("co_build", "joint_project", "signed_agreement", "co_lead", "member_of")
CO_PRESENCE = ("attended_event", "jointly_issued")
#: The basis of each relation type.
BASIS = {**{t: "partnership" for t in PARTNERSHIP}, **{t: "co-presence" for t in CO_PRESENCE}}
#: Verbs of a project that make it a body built together (co_build), not joint work.
_BUILD_VERBS = ("建", "打造", "成立", "设立", "揭牌")


@dataclass(frozen=True)
class Relation:
    """Organisations related by one fact: ``type`` (see the table above), the parties
    (canonical names), the fact's type and name, and the sentence that says so."""

    type: str
    parties: tuple[str, ...]
    fact: str
    name: str
    evidence: str

    @property
    def basis(self) -> str:
        """``partnership`` or ``co-presence``."""
        return BASIS[self.type]


def project_relation(verb: str | None) -> str:
    """co_build when the project's verb builds a body (共建, 打造 …), else joint_project."""
    if verb is None or any(v in verb for v in _BUILD_VERBS):
        return "co_build"
    return "joint_project"


def relations_of(f: Fact) -> list[Relation]:
    """The typed relations one fact states (a consortium: co_lead among its leads and
    member_of among all its members)."""

    def rel(type_: str, parties: list[str]) -> Relation:
        return Relation(type_, tuple(parties), f.type, f.name, f.evidence)

    parties = list(f.parties)
    if f.type == "project":
        return [rel(f.relation or project_relation(None), parties)]
    if f.type == "agreement":
        return [rel("signed_agreement", parties)]
    if f.type == "program":
        return [rel("joint_project", parties)]
    if f.type == "consortium":
        members = [p for p in parties if f.roles.get(p) != "guide"]
        leads = [p for p in members if f.roles.get(p) == "lead"]
        out = [rel("member_of", members)]
        if len(leads) >= 2:
            out.insert(0, rel("co_lead", leads))
        return out
    if f.type == "event":
        return [rel("attended_event", parties)]
    if f.type == "policy":
        return [rel("jointly_issued", parties)]
    return []


def relations(facts: list[Fact]) -> list[Relation]:
    """Every typed relation of an extraction's facts, in the facts' order."""
    return [r for f in facts for r in relations_of(f)]
