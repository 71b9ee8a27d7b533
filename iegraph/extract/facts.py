"""Projects, agreements, policies, programs and industries read from a sentence.

``find_*`` read one sentence alone; ``read_*`` add what they find to the running state
(:class:`State`), with the event, consortium and date the context gives.
"""

from __future__ import annotations

import itertools
import re

from iegraph.extract import lexicon as lx
from iegraph.extract.model import Fact, Sentence, State
from iegraph.extract.relations import project_relation

_VERB_RE = re.compile("(" + "|".join(re.escape(v) for v in lx.PROJECT_VERBS) + ")")
_CARRIER_RE = re.compile(
    r"(项目|基地|中心|学院|实验室|平台|工作室|工作站|班|课程|专业|园区|研究院|攻关|研制|开发|研发|培养|合作|学徒制"
    r"|学徒制试点)$"
)
_QUOTED_CARRIER_RE = re.compile(
    r"“([^”]{4,40}(?:基地|中心|学院|实验室|平台|工作室|工作站|示范区|产业园))”(?:项目)?"
)
_APPROVAL_RE = re.compile(r"批准|认定|获批|授牌|授予|遴选|评为|确定为|入选")
#: The applicant of an approved carrier: ``批准我校申报的“X”`` (我校 applied for and builds X).
_APPLIED_RE = re.compile(r"申报|申请")


def find_approved_projects(sent: Sentence) -> list[Fact]:
    """“X基地” approved by a body: ``A正式批准我校申报的“X”项目`` -> project X, approved_by A,
    and the applicant (我校, between the verb and X, before 申报/申请) as its builder."""
    out: list[Fact] = []
    am = _APPROVAL_RE.search(sent.text)
    if not am:
        return out
    for m in _QUOTED_CARRIER_RE.finditer(sent.text):
        if m.start() < am.start():
            continue
        fact = Fact("project", m.group(1), sent.text.strip())
        fact.attrs["type"] = project_type(m.group(1))
        fact.attrs["approved_by"] = sent.org_names(0, am.start())
        if _APPLIED_RE.search(sent.text, am.end(), m.start()):
            for applicant in sent.org_names(am.end(), m.start()):
                fact.parties.append(applicant)
                fact.roles[applicant] = "builder"
        fact.attrs["status"] = "approved"
        fact.relation = "co_build"  # the applicant builds what was approved
        out.append(fact)
    return out


_CLAUSE_SPLIT = re.compile(r"[；;：:]")
_INVEST_RE = re.compile(r"(?:总)?投资(?:额)?(?:达|约|近|超过)?\s*(\d+(?:\.\d+)?\s*(?:亿|万|千万)?元)")
_OUTPUT_RE = re.compile(
    r"(研究成果|科研成果|成果|实习岗位|就业岗位|岗位|专利|标准|教材|课程)\s*(\d+(?:\.\d+)?(?:万|千)?\s*(?:余|多)?\s*(?:个|项|件|部|门|种))"
    r"|(?:培训|继续教育|培养)[\u4e00-\u9fff]{0,8}?(\d+(?:\.\d+)?(?:万|千)?\s*(?:余|多)?\s*人次?)"
)
_OUTPUT_KEYS = {
    "研究成果": "results",
    "科研成果": "results",
    "成果": "results",
    "实习岗位": "internship_places",
    "就业岗位": "jobs",
    "岗位": "jobs",
    "专利": "patents",
    "标准": "standards",
    "教材": "textbooks",
    "课程": "courses",
}


def project_type(name: str) -> str:
    for word, kind in lx.PROJECT_TYPES:
        if word in name:
            return kind
    return "other"


_GENERIC_CARRIER_RE = re.compile(
    r"(?:现代)?(?:产业|实训|实践|实习|研发|创新|技术|培训|合作|就业)?(?:学院|基地|中心|平台|实验室|项目)"
)
#: A clause that names a lead before the clause that builds: ``由A牵头，`` (A is a party).
_LEAD_CLAUSE_RE = re.compile(r"(?:[^，,；;]{0,12}?[，,])?\s*由?[^，,；;]{2,60}?(?:牵头|领衔|主导)[，,]")
_CARRIER_THEN_RE = re.compile(
    r"(.{4,40}?(?:基地|中心|学院|实验室|平台|工作室|工作站|班|园区|研究院|专项|课题))"
    r"(?:项目)?(?=在|于|正式|揭牌|落成|启用|开班|成立|签约|迎来|投入|投用|开学|招生|挂牌|运行|建成|获批|入选|已|将"
    r"|日前|近日|今天|今日|昨天|昨日|顺利|隆重|举行|落地|落户|开工|完成|获评|被"
    r"|每年|目前|现有|累计|共有|至今|面向|拥有|占地|总投资|设有|配备|建筑面积)"
)


def _project(name: str, evidence: str, parties: list[str], relation: str, type_: str | None = None) -> Fact:
    """A project fact of ``parties`` with its relation type; its project type read from the
    name unless given."""
    fact = Fact("project", name, evidence, parties=parties)
    fact.relation = relation
    fact.attrs["type"] = type_ or project_type(name)
    return fact


def _clean_project_name(name: str) -> str:
    name = name.strip(' ，,。；;、“”"')
    name = re.sub(r"^(成立|启用|共享(?![型式性])|共管|了|起|好|成|出|的)", "", name)
    # 共同组建的“X联合实验室”同时揭牌: the quoted name is the carrier's whole name.
    # (a class may have a short quoted name: 联合开办的“桂通班”举行开班仪式)
    quoted = re.match(r"^[“「]([^”」]{4,40}|[^”」]{1,2}班)[”」]", name)
    if quoted:
        name = quoted.group(1)
    # The project is the thing built or studied; "项目" only says it is one.
    for tail in ("合作项目", "建设项目", "项目"):
        if name.endswith(tail) and len(name) - len(tail) >= 4:
            return name[: -len(tail)]
    return name


#: Words that continue the subject's doing in a new clause: ``并与C``, ``随后与C``, ``又同C``.
_THEN = "并|还|同时|也|另|又|随后|之后|接着|然后|再|此外|另外|同日|当天|会上"
#: What happened to a carrier, written right after its name: not part of the name.
_HAPPENED_RE = re.compile(r"(?:成功)?(?:获批|入选|获评|被评为|被认定为|被列为|被授予)")
#: Carriers joined in one object: ``X基地和Y产业学院``, ``X中心、Y实验室``.
_LIST_SPLIT_RE = re.compile(r"、|以及|和|及")
#: The end of a carrier that is a body or a class (not 培养, 合作 …).
_BODY_END_RE = re.compile(r"(?:基地|中心|学院|实验室|平台|工作室|工作站|研究院|班|园区)[”\"]?$")
#: Where a company builds: at the school (``在校内``, ``在我校``) or at an organisation (``在B``).
_HOST_RE = re.compile(r"在(校内|学校|我校|该校|本校|校园内?)?(?=[^，,。；;]*$)")
#: The end of a government body's name (a bureau, a department, a zone's administration).
_GOVERNMENT_END_RE = re.compile(r"(?:局|厅|政府|管委会|管理委员会|委员会|办公室|人社局|教育部)$")


def _is_college(name: str) -> bool:
    """Whether a canonical name reads as a school's (大学, 学院, 学校 …)."""
    return re.search(r"(?:大学|学院|学校|职教中心|技师学院|技工学校)$", name) is not None


def find_projects(sent: Sentence, prev: list[str], school: str | None = None) -> list[Fact]:
    """Projects with parties from clauses like ``A与B，共建X项目`` / ``A与B合作研发X项目``;
    ``该校与B共建X`` names the school (``school``: the page's own or the last one named).

    Only builders count: organisations that look on, broker or unveil before the verb
    (:func:`_after_onlookers`) are left out, and so are government bodies that only 揭牌.
    The subject carries over (``A出资…，与B共建X``, ``该校将与A共建X；与B共建Y``,
    ``开设X，并共建Y``); ``A先后与B、C共建X和Y`` pairs each carrier with its partner."""
    out: list[Fact] = []
    text = sent.text
    pos = 0
    for clause in _CLAUSE_SPLIT.split(text):
        c_start = text.find(clause, pos)
        pos = c_start + len(clause)
        cut = c_start
        for vm in _VERB_RE.finditer(clause):
            v = c_start + vm.start()
            if v < cut or any(s <= v < e for s, e, _ in sent.orgs):
                continue
            rest = clause[vm.end() :]
            raw = re.split(r"[，,。！？!?]", rest, maxsplit=1)[0]
            name = _clean_project_name(raw)
            carrier_ok = bool(_CARRIER_RE.search(name.rstrip('”"')))
            if not carrier_ok and name != raw:
                # the quoted name of a carrier that follows it: 的“X”省重点研发专项在…启动
                qm = re.match(r"^的?[“「][^”」]{4,40}[”」]", raw)
                cm = _CARRIER_THEN_RE.match(raw[qm.end() :]) if qm else None
                carrier_ok = cm is not None and len(cm.group(1)) <= 12
            if not carrier_ok:
                # "共建的X中心在长兴岛揭牌": the carrier ends before where and what happened;
                # "共同承担的“X”省重点研发专项启动": the quoted X is the project's name.
                cm = _CARRIER_THEN_RE.match(name)
                carrier_ok = cm is not None
                name = _clean_project_name(cm.group(1)) if cm else name
            # "联合申报的X中心获批省级平台": what happened to X is not its name.
            hm = _HAPPENED_RE.search(name)
            if hm and _CARRIER_RE.search(name[: hm.start()]):
                name = name[: hm.start()]
            # "共建X、与C共建Y": the object ends where the next partner begins.
            nm = re.search(r"、(?:与|同|和|跟)", name)
            if nm and _CARRIER_RE.search(name[: nm.start()]):
                name = name[: nm.start()]
            short_class = len(name) == 3 and name.endswith("班") and f"“{name}”" in raw
            if not (4 <= len(name) <= 40 or short_class) or not carrier_ok:
                continue
            if _GENERIC_CARRIER_RE.fullmatch(name) or name.startswith("仪式"):
                continue  # "共建产业学院": a kind of carrier, not a named one; 揭牌仪式: a ceremony
            if (
                "为一体" in name
                or re.match(r"(成为|一个|一批|各类|相关|更多|联合体内|体内)", name)
                # "设立“X奖学金”并共建Y": a quote left open is two objects, not one name
                or (name.count("”") > name.count("“") and re.search(r"”(?:并|和|及|、)", name))
            ):
                continue
            # "共建X基地和Y产业学院": two carriers, each a project of the same builders.
            names = [n.strip() for n in _LIST_SPLIT_RE.split(name)]
            if len(names) >= 2 and all(
                4 <= len(n) <= 40 and _BODY_END_RE.search(n) and not _GENERIC_CARRIER_RE.fullmatch(n)
                for n in names
            ):
                pass
            elif "、" in name:
                continue
            else:
                names = [name]
            # Only the comma clause of the verb builds, or — "A与B，共建X", "在A和B共同
            # 努力下，校企双方投资…打造X" — the clause right before it: not every
            # organisation since the sentence began.
            bounds = [m.end() for m in _CLAUSE_BOUND.finditer(text, cut, v)]
            lo = max(cut, bounds[-1] if bounds else cut)
            if not any(lo <= a and b <= v for a, b, _ in sent.orgs) and bounds:
                lo = max(cut, bounds[-2] if len(bounds) >= 2 else cut)
            elif len(bounds) >= 2 and _LEAD_CLAUSE_RE.fullmatch(text, max(cut, bounds[-2]), bounds[-1]):
                # "由A牵头，联合B、C共同承担的X" / "由A牵头，B、C共同建设": the lead is a party too.
                lo = max(cut, bounds[-2])
            elif len(bounds) == 1 and _LEAD_CLAUSE_RE.fullmatch(text, cut, bounds[0]):
                lo = cut
            lo = _after_onlookers(sent, lo, v)
            parties = [
                n
                for a, b, n in sent.orgs
                if a >= lo
                and b <= v
                and not re.match(r".{0,3}(指导|批准|支持下|主管|认定)", text[b:v])
                and not re.match(r"的?(?:全资|控股)?(?:子公司|旗下|下属|所属)", text[b:v])  # its parent
                and not (
                    _NOT_PARTY_BEFORE.search(text[max(cut, a - 1) : a])
                    and not re.match(r"[和与及、]", text[b : b + 1])
                )
            ]
            parties = list(dict.fromkeys(parties))
            # "参与共建A的X" / "参与共建A X": A owns X and builds it too.
            at = text.find(names[0], c_start + vm.end())
            owner = next(
                (
                    o
                    for o in sent.orgs
                    if o[0] == at
                    and o[1] < at + len(names[0])
                    # (a full name: 天宇电气实训基地 and 金普新区托幼…基地 keep their heads)
                    and re.search(r"(?:大学|学院|学校|公司|集团)$", text[o[0] : o[1]])
                ),
                None,
            )
            if owner is not None and len(names) == 1:
                rest_name = re.sub(r"^的", "", text[owner[1] : at + len(names[0])])
                if len(rest_name) >= 4 and _CARRIER_RE.search(rest_name):
                    names = [rest_name]
                    if owner[2] not in parties:
                        parties.append(owner[2])
            if vm.group(1) == "揭牌":
                # "C局长与A院长共同揭牌成立X": a government body unveils, it does not build.
                parties = [n for n in parties if not _GOVERNMENT_END_RE.search(n)]
            # "该校与B共建X": the school and B (never the school alone: 学校申请建设这个项目)
            if parties and school and school not in parties and _school_word_in(sent, lo, v):
                parties.insert(0, school)
            # "该企业将在校内设立X" / "A在B共建X": the company builds X at (and with) the school.
            host = _HOST_RE.search(text, lo, v)
            if len(parties) == 1 and host is not None:
                hosted = [n for a, _, n in sent.orgs if a == host.end()]
                if host.group(1) and school and school not in parties:
                    parties.append(school)
                elif (
                    hosted
                    and hosted[0] not in parties
                    and (
                        "共" in vm.group(1)
                        or "合" in vm.group(1)
                        or "联" in vm.group(1)
                        or _is_college(hosted[0])
                    )
                ):
                    parties.append(hosted[0])
            if not parties and cut == c_start:
                parties = [n for n in prev if n]
            if (
                not parties
                and out
                and (
                    re.search(r"(?:^|[，,”」])\s*(?:并|还|同时)将?$", text[cut:v])
                    # "双方将共建X，联合开设Y": a joint verb with no subject of its own
                    or (
                        re.fullmatch(r"[”」]?[，,、]\s*", text[cut:v])
                        and re.match(r"联合|共同|合作|一起", vm.group(1))
                    )
                )
                and not any(cut <= a < v for a, _, _ in sent.orgs)
            ):
                # "双方将联合开设X，并共建Y": the builders of X build Y.
                parties = list(out[-1].parties)
            sides = _BOTH_SIDES_RE.search(text, lo, v)
            if not parties and sides is not None and _SIDE_COUNTS.get(sides.group(0)):
                # "A与B合作办学已有五年，双方共建的X": 双方 are the sentence's A and B.
                named = _names([o for o in sent.orgs if o[1] <= lo])
                if len(named) == _SIDE_COUNTS[sides.group(0)]:
                    parties = named
            # "A与B签订协议，并与C共建X": the sentence's subject A builds X with C.
            first = sent.orgs[0] if sent.orgs else None
            # ("A出资200万元，与B共建X": the same without the adverb, when no project of the
            # sentence came before: "该校将与A共建X；与B共建Y" — the builder of X builds Y.)
            if out and re.match(r"[、，,]?(?:" + _THEN + r")?[与和同]", text[lo:]):
                first = (0, 0, out[-1].parties[0])
            if (
                len(parties) == 1
                and first is not None
                and first[1] <= lo
                and first[2] not in parties
                and re.match(r"[、，,]?(?:(?:" + _THEN + r")[^，,]{0,2}?)?[与和同]", text[lo:])
            ):
                parties.insert(0, first[2])
            if not parties or name in parties or (vm.group(1) == "设立" and len(parties) < 2):
                continue  # (设立 alone is one body's own unit unless it is set up at a partner)
            groups = [(one, list(parties)) for one in names]
            ob = re.search(r"(?:分别|先后|依次|逐一)[与同和跟]", text[lo:v])
            if ob is not None and len(parties) >= 3:
                # "A先后与B、C共建X和Y": X is A's with B, Y A's with C (B and C are no partners).
                after_ob = {n for a, b, n in sent.orgs if lo + ob.end() <= a and b <= v}
                partners = [n for n in parties if n in after_ob]
                subject = [n for n in parties if n not in after_ob]
                if len(subject) == 1 and len(partners) >= 2:
                    if len(names) == len(partners):
                        groups = [(one, [subject[0], p]) for one, p in zip(names, partners, strict=True)]
                    else:
                        groups = [
                            (f"{subject[0]}与{p}{one}", [subject[0], p]) for one in names for p in partners
                        ]
            for one, builders in groups:
                fact = Fact("project", one, clause.strip(" ；;"), parties=builders)
                fact.relation = project_relation(vm.group(1))
                fact.attrs["type"] = project_type(one)
                inv = _INVEST_RE.search(text)
                if inv:
                    fact.attrs["investment"] = inv.group(1).replace(" ", "")
                out.append(fact)
            cut = c_start + vm.end() + len(name)
    return out


#: "X产业学院，由A与B、C三方共建" / "X，共建方为A、B和C" / "X，合作方是A与B": the carrier
#: first, its builders after.
_NAMED_FIRST_RE = re.compile(
    r"^\s*(?:[^，,]{0,12}[:：])?\s*(?P<name>[^，,：:]{2,30}?(?:产业学院|基地|中心|实验室|平台|工作室|工作站|订单班|研究院))"
    r"[，,](?P<rest>[^，,。；;]*?(?:共建|共同建设|合作建设|联合建设|共建方|合作方|共建单位|合作单位)[^，,。；;]*)$"
)


def find_named_projects(sent: Sentence, self_org: str | None) -> list[Fact]:
    """Carriers named before their builders, one per ``；`` clause of a list:
    ``越秀辉山产业学院，由我院与A、B三方共建``. On a school's own page the school builds each
    one even when the clause names only its partners (``共建方为A、B和C``)."""
    out: list[Fact] = []
    text = sent.text
    pos = 0
    for clause in re.split(r"[；;。：:]", text):
        c_start = text.find(clause, pos)
        pos = c_start + len(clause)
        m = _NAMED_FIRST_RE.match(clause)
        if not m:
            continue
        lo = c_start + m.start("rest")
        parties = _names(_parties_in(sent, lo, c_start + len(clause)))
        if not parties:
            continue
        name = _clean_project_name(m.group("name"))
        # "A的X产业学院，是学校与B合作共建的": A owns X (学校 is A), the name is X.
        n_start = c_start + m.start("name")
        inside = [(s, e, n) for s, e, n in sent.orgs if n_start <= s < c_start + m.end("name")]
        if inside and text.startswith("的", inside[0][1]):
            # (an organisation's short form inside the name, 越秀辉山产业学院, stays)
            e, owner = inside[0][1], inside[0][2]
            name = _clean_project_name(text[e + 1 : c_start + m.end("name")])
            if owner not in parties and _school_word_in(sent, lo, c_start + len(clause)):
                parties.insert(0, owner)
        if self_org and self_org not in parties:
            parties.insert(0, self_org)
        out.append(_project(name, clause.strip(), parties, "co_build"))
    return out


#: The end of a carrier's name that a description names: a college, base, centre, lab … or class.
_CARRIER_END = "(?:产业学院|基地|中心|实验室|平台|工作室|工作站|研究院|班)"
#: The carrier first, its builders after 由/依托, the verb last: ``X由A和B联合打造``,
#: ``X依托A、B建设``, ``X由A牵头，B、C共同建设`` (the lead builds too) (passive or
#: topicalised; ``由A和B联合打造的X`` is read by the verb rule).
_TOPIC_RE = re.compile(
    r"(?P<name>[^，,：:；;。！？]{1,30}?" + _CARRIER_END + r")(?:项目)?"
    r"(?:是|系)?(?:由|依托)(?P<rest>(?:[^，,。；;！？]{2,60}?(?:牵头|领衔)[，,])?[^，,。；;！？]{2,80}?)"
    r"(?:联合|共同|合作|携手|双方|三方|四方|多方)*"
    r"(?P<verb>共建|打造|建设|组建|成立|建立|创建|设立|开办|开设|而建|建成|举办|合办)"
)
#: The carrier first, then who built it, as a description: ``X是A与B共同打造的``,
#: ``X，是学校与B合作共建的`` (the verb ends the clause with 的).
_IS_BUILT_RE = re.compile(
    r"(?P<name>[^，,：:；;。！？]{1,40}?" + _CARRIER_END + r")(?:项目)?[，,]?"
    r"(?:是|系|为)(?P<rest>[^，,。；;！？]{2,80}?)(?:联合|共同|合作|携手|双方|三方|四方|多方)*"
    r"(?P<verb>共建|合建|打造|建设|组建|成立|建立|创建|设立|开办|开设|建成)的(?=[，,。；;！？]|$)"
)
#: Builders in brackets after the carrier: ``X产业学院（与A共建）``, ``X基地（A、B合作共建）``.
_BRACKET_BUILT_RE = re.compile(
    r"(?P<name>[^，,：:；;。、（(]{2,30}?" + _CARRIER_END + r")"
    r"[（(](?P<rest>[^）)]{2,80}?(?:共建|合建|共同建设|联合建设|合作建设|共同打造|联合打造|合作开设|联合开设))[）)]"
)
#: Builders named as the carrier's units: ``X的共建单位为A和B``, ``X的合作企业是B``.
_UNITS_RE = re.compile(
    r"(?P<name>[^，,：:；;。、]{2,30}?" + _CARRIER_END + r")"
    r"的(?:共建单位|共建方|合作单位|合作方|合作企业|合作院校|建设单位|参建单位)(?:为|是|包括|有)"
    r"(?P<rest>[^。；;！？]{2,120})"
)
#: The carrier a ``_FUNDED_RE`` clause is about, named before it or (``…的X``) after it.
_FUNDED_BEFORE_RE = re.compile(r"([^，,：:；;。！？]{2,40}?" + _CARRIER_END + r")(?:项目)?$")
_FUNDED_AFTER_RE = re.compile(r"[^，,。；;]{0,12}?的([^，,。；;]{2,40}?" + _CARRIER_END + r")")
#: Who pays and who gives the place: ``由A出资、B提供场地`` (both build the carrier).
_FUNDED_RE = re.compile(
    r"由(?P<a>[^，,。；;、]{2,40}?)(?:出资|投资|投入资金|捐资|提供资金|投入设备|提供设备|捐赠设备)[^、，,。；;]{0,20}?"
    r"[、，,]\s*(?P<b>[^，,。；;、]{2,40}?)(?:提供|负责)(?:场地|师资|教学|管理|运营|技术)"
)
#: Words before a carrier that refer back to one named before (该基地, 这个中心).
_BACK_REF_RE = re.compile(r"^(?:该|这个|这一|此|上述)")
#: Lead-in words a clause may start with before the carrier's name.
_LEAD_IN_RE = re.compile(r"^(?:其中|目前|此外|同时|另外|据悉|据介绍|近年来|近日|日前)")


def carriers_named(text: str) -> list[str]:
    """Carriers a text names before saying what happens to them (``X在…揭牌``, ``“X”正式启用``),
    in order: what ``该基地`` / ``该中心`` may refer to."""
    out: list[str] = []
    for clause in re.split(r"[，,。；;！？!?\s]", text):
        m = _QUOTED_CARRIER_RE.search(clause) or _CARRIER_THEN_RE.match(_LEAD_IN_RE.sub("", clause))
        if m:
            # "张明、李华共同为X揭牌": who unveils is not part of X's name
            name = _clean_project_name(re.split(r"(?<![作成认因称])为", m.group(1))[-1])
            if 4 <= len(name) <= 30 and not _GENERIC_CARRIER_RE.fullmatch(name) and "、" not in name:
                out.append(name)
    return out


def find_described_projects(sent: Sentence, school: str | None) -> list[Fact]:
    """Carriers described by who built them: ``X是A与B共同打造的`` (a project of A and B);
    ``A的X，是学校与B合作共建的`` (A, the owner 学校 refers to, builds X with B); and who
    paid and who gave the place: ``X由A出资、B提供场地`` / ``由A投资、B提供场地的X``."""
    out: list[Fact] = []
    text = sent.text
    for m in _IS_BUILT_RE.finditer(text):
        name = _LEAD_IN_RE.sub("", _clean_project_name(m.group("name")))
        owner = next((n for s, e, n in sent.orgs if s == m.start("name") and text.startswith("的", e)), None)
        if owner is not None:
            name = name[name.index("的") + 1 :] if "的" in name else name
        if any(e == m.end("name") and n != owner for s, e, n in sent.orgs):
            continue  # the name is an organisation's ("X研究院是…组建的"), not a carrier's
        parties = _names(_parties_in(sent, m.start("rest"), m.end("rest")))
        me = owner or school
        if me and me not in parties and _school_word_in(sent, m.start("rest"), m.end("rest")):
            parties.insert(0, me)
        if len(parties) < 2 or not (4 <= len(name) <= 30) or _GENERIC_CARRIER_RE.fullmatch(name):
            continue
        out.append(_project(name, text.strip(), parties, project_relation(m.group("verb"))))
    for m in [*_BRACKET_BUILT_RE.finditer(text), *_UNITS_RE.finditer(text)]:
        # "X产业学院（与A共建）": the school the sentence is about (or the page's) and A
        name = _LEAD_IN_RE.sub("", _clean_project_name(m.group("name")))
        name = re.sub(r"^(?:分别是|分别为|包括|有|是|为)", "", name)
        parties = _names(_parties_in(sent, m.start("rest"), m.end("rest")))
        if re.match(r"[与同和跟]", m.group("rest")) or _school_word_in(sent, m.start("rest"), m.end("rest")):
            head = [n for a, b, n in sent.orgs if b <= m.start("name")]
            me = head[0] if head and re.match(r"[与同和跟]", m.group("rest")) else school
            if me and me not in parties:
                parties.insert(0, me)
        if len(parties) < 2 or not (4 <= len(name) <= 30) or _GENERIC_CARRIER_RE.fullmatch(name):
            continue
        if any(e == m.end("name") for s, e, _ in sent.orgs):
            continue
        out.append(_project(name, text.strip(), parties, "co_build"))
    for m in _FUNDED_RE.finditer(text):
        parties = _names(
            _parties_in(sent, m.start("a"), m.end("a")) + _parties_in(sent, m.start("b"), m.end("b"))
        )
        if len(parties) < 2:
            continue
        # the carrier named after (由A投资、B提供场地的X) or before (X由A出资、B提供场地)
        found = _FUNDED_AFTER_RE.match(text, m.end()) or _FUNDED_BEFORE_RE.search(text[: m.start()])
        if found is None:
            continue
        name = _LEAD_IN_RE.sub("", _clean_project_name(found.group(1)))
        if not (4 <= len(name) <= 30) or _GENERIC_CARRIER_RE.fullmatch(name) or _BACK_REF_RE.match(name):
            continue
        out.append(_project(name, text.strip(), parties, "co_build"))
    return out


def find_topic_projects(
    sent: Sentence, earlier: list[Fact], named_before: list[str] | None = None
) -> list[Fact]:
    """Carriers built by the organisations after 由/依托: ``X由A和B联合打造`` and
    ``X依托A、B建设`` are projects of A and B (two parties at least: ``依托学校建设`` alone
    says who hosts it, not who partners). ``该基地由A和B共建`` adds A and B to the last
    project named with the same ending (``earlier``)."""
    out: list[Fact] = []
    text = sent.text
    for m in _TOPIC_RE.finditer(text):
        parties = _names(_parties_in(sent, m.start("rest"), m.end("rest")))
        name = _LEAD_IN_RE.sub("", _clean_project_name(m.group("name")))
        # "A（的）X基地由B投资建设": the owner A builds X with B.
        owner = next(
            (
                (e, n)
                for s, e, n in sent.orgs
                if s == m.start("name")
                and e < m.end("name")
                and re.search(r"(?:大学|学院|学校|公司|集团)$", text[s:e])
            ),
            None,
        )
        if owner is not None:
            rest_name = _clean_project_name(re.sub(r"^的", "", text[owner[0] : m.end("name")]))
            if len(rest_name) >= 4 and not any(owner[0] <= s < m.end("name") for s, _, _ in sent.orgs):
                name = rest_name
                parties = [owner[1], *(p for p in parties if p != owner[1])]
            else:
                owner = None
        if len(parties) < 2:
            continue
        if owner is None and any(s < m.end("name") and e > m.start("name") for s, e, _ in sent.orgs):
            continue  # "X大学由A和B合并组建": an organisation, not a carrier
        if m.group("verb") in ("举办", "合办") and not name.endswith("学院"):
            continue  # "培训班由A和B联合举办": an event the two organise (co-presence)
        if _BACK_REF_RE.match(name):
            tail = _BACK_REF_RE.sub("", name)[-2:]
            ref = next((f for f in reversed(earlier) if f.type == "project" and f.name.endswith(tail)), None)
            if ref is not None:
                ref.parties.extend(p for p in parties if p not in ref.parties)
            elif named_before:
                # "X在…揭牌。该基地依托A、B建设": X is the carrier named before
                carrier = next((c for c in reversed(named_before) if c.endswith(tail)), None)
                if carrier is not None:
                    out.append(_project(carrier, text.strip(), parties, project_relation(m.group("verb"))))
            continue
        if not (4 <= len(name) <= 30) or _GENERIC_CARRIER_RE.fullmatch(name):
            continue
        out.append(_project(name, text.strip(), parties, project_relation(m.group("verb"))))
    return out


#: A class a company names and pays for, said of the class: ``“X班”由B出资冠名``,
#: ``X班则是B冠名的订单班`` (B and the school run X together).
_NAMED_CLASS_RE = re.compile(
    r"(?P<name>[“「][^”」]{2,24}[”」]|[\u4e00-\u9fff]{0,20}班)(?:[^，,。；;“”]{0,4}?)"
    r"(?:由|是|为)(?P<rest>[^，,。；;]{2,80}?)(?:出资|独家|全额出资)?冠名"
)
_GENERIC_CLASS_RE = re.compile(r"^(?:该|这个|此|本)?(?:冠名班|订单班|班级|该班|班)$")


def find_named_classes(sent: Sentence, school: str | None, before: list[str]) -> list[Fact]:
    """Named classes a company sponsors (冠名班): a joint project of the company and the
    school (the page's own or the last named). The company is the last organisation
    before 冠名 that is not a parent (``A旗下子公司B出资冠名``: B). A generic name
    (``冠名班由B出资冠名``) is the class quoted last in ``before`` (the title and the
    sentences before: ``“X冠名班”开班仪式``)."""
    out: list[Fact] = []
    if school is None:
        return out
    for m in _NAMED_CLASS_RE.finditer(sent.text):
        sponsors = [
            n
            for s, e, n in sent.orgs
            if m.start("rest") <= s
            and e <= m.end("rest")
            and not re.match(r"的?(?:全资|控股)?(?:子公司|旗下|下属|所属)", sent.text[e:])
        ]
        if not sponsors or sponsors[-1] == school:
            continue
        name = m.group("name").strip("“”「」")
        name = _LEAD_IN_RE.sub("", re.sub(r"^(?:其中|而|则|另|还|由)", "", name))
        if _GENERIC_CLASS_RE.match(name):
            quoted = [q for t in before for q in re.findall(r"[“「]([^”」]{2,24}班)[”」]", t)]
            name = quoted[-1] if quoted else ""
        if not (3 <= len(name) <= 24):
            continue
        fact = Fact("project", name, sent.text.strip(), parties=[school, sponsors[-1]])
        fact.roles = {school: "partner", sponsors[-1]: "investor"}
        fact.relation = "joint_project"
        fact.attrs["type"] = "talent_cultivation"
        out.append(fact)
    return out


#: What two bodies hold together is an event (co-presence), not joint work.
_EVENT_WORDS = "(?:论坛|大会|会议|活动|大赛|比赛|竞赛|招聘会|宣讲会|洽谈会|交流会|对接会|展会|博览会|研讨会)"
#: A partnership stated as a noun or with a light verb: ``A与B的合作``, ``A与B之间的战略合作``,
#: ``A与B深化合作``, ``A和B在人才培养方面开展合作``.
_COOP_AFTER_RE = re.compile(
    r"(?:之间)?(?:[^，,。；;！？]{0,20}?)(?:合作|订单式?(?:人才)?培养|联合培养|协同育人|现代学徒制|联合办学"
    # "A与B共同制定人才培养方案": joint work said with its verb
    r"|(?:共同|联合|一起)(?:制定|开发|实施|开展|培养|攻关|研发)(?![^，,。；;！？]{0,12}?"
    + _EVENT_WORDS
    + r")"
    # "A與B締結策略聯盟": an alliance of two is their partnership (not a consortium of many)
    r"|(?:缔结|结成|组成|建立)了?(?:策略|战略)(?:合作)?联盟)"
    r"(?!举办|主办|承办|召开|举行|协办)"
    # ("A与B合作开展技能竞赛": what they hold together is an event)
    r"(?![^，,。；;！？]{0,8}?" + _EVENT_WORDS + r")"
)
#: A partner joined by a verb of joining hands: ``A携手B``, ``A联合B``, ``A依托B``.
_HAND_IN_HAND_RE = re.compile(r"(?:将|还|也|正式|再次)?(?:携手|牵手|联手|联合|依托)")
#: What two do together after joining hands: teaching, training, research (not 举办/发布).
_JOINT_WORK_RE = re.compile(
    r"[^，,。；;！？]{0,6}?(?:培养|开展|实施|制定|开发|研发|攻关|培训|育人|办学|试点|学徒制)"
    r"(?![^，,。；;！？]{0,12}?(?:举办|主办|承办|召开|发布|印发|" + _EVENT_WORDS[3:] + r")"
)
#: Between the two: a conjunction, maybe after an adverb (A将与B, A还和B).
_COOP_BETWEEN_RE = re.compile(r"(?:将|还|也|再次|正式|已|已经|今后将)?[与和同跟]")
_COOP_CONJ = "与和同跟"
_DASHES = ("—", "——", "－", "-", "–", "―")
_DASH_ITEM_RE = re.compile(r"“([^”]{2,40})”")
#: What two dash-joined names sign: ``A—B校企合作协议``, ``A—B战略合作框架协议``.
_DASH_AGREEMENT_RE = re.compile(r"[\u4e00-\u9fff]{0,6}?合作(?:框架)?(?:协议书?|备忘录)")
#: A carrier named after two dash-joined builders: ``A—B联合研发中心``, ``A-B产学研合作基地``.
_DASH_CARRIER_RE = re.compile(
    r"[^，,。；;！？“”\s—－-]{0,20}?(?:联合)?(?:基地|中心|学院|实验室|平台|工作室|工作站|研究院)(?![\u4e00-\u9fff]{0,2}(?:有限|公司))"
)
_PLAQUE_RE = re.compile(r"(?:授予|颁发|授牌|授)了?“([^”]{2,40}(?:基地|中心|工作站|工作室|实验室|学院))”")
#: What A becomes for B: ``A成为B的校外实习基地`` (a base of both).
_BASE_OF_RE = re.compile(
    r"的?([^，,。；;！？“”]{0,8}(?:实习|实训|实践|教学|就业|研发)[^，,。；;！？“”]{0,6}基地)"
)
#: A quoted carrier right after a pair: ``A与B“恒力班”开班``, ``A和B“X实训基地”揭牌``.
_PAIR_CARRIER_RE = re.compile(r"[“「]([^”」]{2,30}(?:班|基地|学院|中心|实验室|工作室|工作站|平台))[”」]")
#: Carriers that are bodies built together (a co_build), not joint work.
_BODY_RE = re.compile(r"(基地|中心|学院|实验室|平台|工作室|工作站|研究院)$")


#: Bodies whose plaques are titles they award (approval), not bases they share.
_AWARDING_BODY_RE = re.compile(
    r"(?:局|厅|政府|管委会|管理委员会|委员会|办公室|教育部|协会|联合会|总工会|学会|商会)$"
)


def find_cooperations(sent: Sentence, covered: set[frozenset[str]]) -> list[Fact]:
    """Pairs said to cooperate without a carrier or a signing (``集团与上海交大的合作``):
    one joint project each, named after the pair. ``covered`` holds the pairs another
    fact of the sentence already relates (they add nothing)."""
    out: list[Fact] = []
    text = sent.text
    orgs = sorted(sent.orgs)
    for (a_start, ae, a), (bs, be, b) in itertools.pairwise(orgs):
        if a == b or frozenset((a, b)) in covered:
            continue
        dm = _DASH_ITEM_RE.match(text, be) if text[ae:bs] in _DASHES else None
        if dm is not None:
            # A list of signed items "A—B“X”项目；C—D“Y”项目": X is A's and B's.
            name = dm.group(1)
            out.append(
                _project(name, text.strip(), [a, b], "co_build" if _BODY_RE.search(name) else "joint_project")
            )
            covered.add(frozenset((a, b)))
            continue
        cm = _DASH_CARRIER_RE.match(text, be) if text[ae:bs] in _DASHES else None
        if cm is not None:
            # "A—B智能制造联合实验室揭牌": the dash joins the two builders of one carrier.
            fact = Fact("project", text[a_start : cm.end()], text.strip(), parties=[a, b])
            fact.relation = "co_build"
            fact.attrs["type"] = project_type(cm.group(0))
            out.append(fact)
            covered.add(frozenset((a, b)))
            continue
        am = _DASH_AGREEMENT_RE.match(text, be) if text[ae:bs] in _DASHES else None
        if am is not None:
            # "A—B校企合作协议签订仪式": the dash joins the two sides of one agreement.
            out.append(Fact("agreement", am.group(0), text.strip(), parties=[a, b]))
            covered.add(frozenset((a, b)))
            continue
        pm = _PLAQUE_RE.match(text, be)
        if pm is None and re.fullmatch(r"(?:正式)?(?:授予|颁发给)", text[ae:bs]):
            # "A授予B“X实训基地”称号": the plaque right after the receiver.
            pm = re.compile(r"“([^”]{2,40}(?:基地|中心|工作站|工作室|实验室|学院))”").match(text, be)
            between_ok = pm is not None
        else:
            between_ok = re.fullmatch(r"(?:还|正式|今天|当天)?(?:向|为|被)", text[ae:bs]) is not None
        granter = b if text[ae:bs].endswith("被") else a
        if pm is not None and between_ok and not _AWARDING_BODY_RE.search(granter):
            # "A向B授予“X实习实训基地”牌匾": A names B's site its base — a base of both
            # (and "A被B授予“X基地”", the same said of the school). A bureau or an
            # association that grants a title approves; it builds nothing.
            out.append(_project(pm.group(1), text.strip(), [a, b], "co_build"))
            covered.add(frozenset((a, b)))
            continue
        bm = _BASE_OF_RE.match(text, be) if re.fullmatch(r"(?:正式|已)?成为", text[ae:bs]) else None
        if bm is not None:
            # "A成为B的校外实习基地": A's site is B's base — a base of both.
            out.append(_project(bm.group(1), text.strip(), [a, b], "co_build"))
            covered.add(frozenset((a, b)))
            continue
        hand = _HAND_IN_HAND_RE.fullmatch(text[ae:bs])
        if hand is not None:
            # "A携手B培养人才", "A联合B开展员工培训": joint work, unless what they do
            # together is an event or a document (联合B举办/发布: co-presence).
            work = _JOINT_WORK_RE.match(text, be)
            if (
                work is not None
                and not any(be <= s < work.end() for s, _, _ in orgs)
                # (two bureaus that act together carry out policy: 联合开展专项检查)
                and not (_AWARDING_BODY_RE.search(a) and _AWARDING_BODY_RE.search(b))
            ):
                out.append(_project(f"{a}与{b}合作", text.strip(), [a, b], "joint_project", "other"))
                covered.add(frozenset((a, b)))
            continue
        if not _COOP_BETWEEN_RE.fullmatch(text[ae:bs]):
            continue
        # "A与B（以下简称“C”）深化合作": the short form's definition is not in between.
        bm = re.match(r"[（(][^（）()]{1,20}[）)]", text[be:])
        after = be + bm.end() if bm else be
        qm = _PAIR_CARRIER_RE.match(text, after)
        if qm is not None:
            # "A与B“恒力班”开班仪式举行": the pair's own quoted class or base.
            out.append(
                _project(
                    qm.group(1),
                    text.strip(),
                    [a, b],
                    "co_build" if _BODY_RE.search(qm.group(1)) else "joint_project",
                )
            )
            covered.add(frozenset((a, b)))
            continue
        m = _COOP_AFTER_RE.match(text, after)
        if m is None or any(after <= s < m.end() for s, _, _ in orgs):
            continue
        between = text[be : m.end()]
        # 签订合作协议 is an agreement (its own rule; 分别 makes it bilateral), 等合作企业 a
        # list of some third party's partners, 主办/参加 co-presence.
        if re.search(
            r"指导|主办|承办|见证|参加|出席|举办|召开|签|分别|先后|依次|逐一|各自|等$", between[:-2]
        ) or re.match(
            # (伙伴关系 is the partnership itself: A与B建立战略合作伙伴关系; so is 结为…合作伙伴)
            r"企业|单位|院校|学校|高校|方|协议|备忘录|意向"
            + ("" if re.search(r"结为|结成|成为", between) else r"|伙伴(?!关系)"),
            text[m.end() : m.end() + 4],
        ):
            continue
        out.append(_project(f"{a}与{b}合作", text.strip(), [a, b], "joint_project", "other"))
        covered.add(frozenset((a, b)))
    return out


_AGREE_COUNT_RE = re.compile(
    r"(\d+|[一二两三四五六七八九十]+)\s*(?:家|个|所)\s*(?:单位|企业|院校|学校|高校|机构)?\s*(?:成功|现场|正式)?\s*签(?:署|订)了?\s*"
    r"([\u4e00-\u9fff]{0,10}协议)"
)
#: A signing: the verb, then what was signed (optional after 签约: "A与B签约开设…").
_SIGN_RE = re.compile(
    r"(签署|签订|续签|签下|签约|签字|达成)了?\s*"
    r"([\u4e00-\u9fff“”《]{0,16}?(?:协议书|协议|合同|备忘录|意向书|意向|MOU|契约|合约|协定|合作书)》?)?"
)
#: A document named before its signers: ``《X协议》由A与B共同签署`` (the clause's object first).
_PASSIVE_SIGN_RE = re.compile(
    r"([《“]?[\u4e00-\u9fff]{0,16}(?:协议书|协议|合同|备忘录|意向书|契约|合约|协定)[》”]?)(?:是|系)?由"
)
#: What bounds the clause whose organisations sign (the signing's subject and partners).
_CLAUSE_BOUND = re.compile(r"[，,；;：:。！？!?]")
#: The same for a signing, where ``、与`` also starts a new one (``A分别与B签订X、与C签订Y``).
_SIGN_CLAUSE_BOUND = re.compile(r"[，,；;：:。！？!?]|、(?=[与同跟])")
#: Words before an organisation that make it a place, a guide or a witness, not a party.
_NOT_PARTY_BEFORE = re.compile(r"(在|于|受)$")
_NOT_PARTY_AFTER = re.compile(r"^(?:的)?(?:指导|主办|承办|主持|见证|(?:全资|控股)?子公司|旗下|下属|所属)")
#: The school as the partner right after the conjunction: ``与学校``, ``同我校``.
_SELF_AFTER_RE = re.compile(r"[与和同跟](?:学校|我校|该校|本校|校方|我院|该院|本院)")
#: The school itself, written without its name (its own page): 学校 / 我校 / 校方.
_SELF_WORDS = re.compile(r"学校|我校|本校|校方|该校|我院|本院|该院|学院")
_CONJ = "与和同及跟"
#: A conjunction between signers: 同 only as a word of its own (not 共同, 协同, 一同, 合同, 同时).
_CONJ_RE = re.compile(r"[与和及跟]|(?<![共协一合陪])同(?![时步意期])")
#: The conjunction of a pair (not of a list): 与, 同, 跟.
_PAIR_CONJ_RE = re.compile(r"[与跟]|(?<![共协一合陪])同(?![时步意期])")
#: What onlookers do before the signing or building they look on: the organisations named
#: before it in the clause witness, attend, preside or speak (``C见证A与B签约``,
#: ``C出席A与B共建X的揭牌仪式``), they are not parties.
_ONLOOKER_RE = re.compile(r"见证|出席|参加|参会|观摩|莅临|到场|主持|致辞|观礼|列席|讲话|主办|承办|协办")
#: A frame whose organisations guide or witness what the clause's subject does:
#: ``A与B在C的见证下签订``, ``在C和D的指导下，A与B共建`` (C and D are no parties).
_FRAME_RE = re.compile(
    r"在[^，,。；;]{2,60}?(?:的)?(?:共同)?(?:见证|指导|支持|关心|帮助|推动|促成|主持|牵线|撮合|推介)(?:和[^，,。；;]{2,6})?下"
)
#: A broker before the signers it brings together: ``C组织A与B签订``, ``C促成A与B签约``
#: (C is no party when signers follow it).
_BROKER_RE = re.compile(r"组织|促成|推动|邀请|牵线|撮合|协调|推介|安排")
#: Unveiling or presenting a plaque: ``C为A与B共建的X揭牌`` (C unveils, A and B build).
_UNVEIL_RE = re.compile(r"揭牌|授牌|揭幕|剪彩|挂牌")
#: The parties named in the sentence before, as a subject: 双方, 三方, 四方, 各方.
_BOTH_SIDES_RE = re.compile(r"双方|[三四五六]方|各方")
#: One signing after another, each with its own partner (bilateral agreements).
_ONE_BY_ONE = re.compile("分别|先后|依次|逐一|各自")


def _parties_in(sent: Sentence, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Organisations in ``[lo, hi)`` that can be parties (not a venue 在X, not 指导/主办)."""
    text = sent.text
    out: list[tuple[int, int, str]] = []
    frames = [(f.start(), f.end()) for f in _FRAME_RE.finditer(text, lo, hi)]
    for s, e, n in sent.orgs:
        if s < lo or e > hi or any(a <= s and e <= b for a, b in frames):
            continue
        if _NOT_PARTY_AFTER.match(text[e:hi]) or (
            _NOT_PARTY_BEFORE.search(text[max(lo, s - 1) : s])
            and not re.match(r"[和与及、]", text[e : e + 1])
        ):
            continue
        if all(n != x for _, _, x in out):
            out.append((s, e, n))
    return out


def _after_onlookers(sent: Sentence, lo: int, hi: int) -> int:
    """Where the parties of a signing or building at ``hi`` can start: after the last word
    in ``[lo, hi)`` by which the organisations before it look on (``C见证A与B签约``,
    ``C出席A与B签约仪式``), and after ``为`` when the clause unveils what is built
    (``C局长为A与B共建的X揭牌``). Words inside an organisation's name do not count."""
    text = sent.text
    out = lo
    frames = [(f.start(), f.end()) for f in _FRAME_RE.finditer(text, lo, hi)]
    for m in _ONLOOKER_RE.finditer(text, lo, hi):
        if (
            not any(s <= m.start() < e for s, e, _ in sent.orgs)
            and not any(a <= m.start() < b for a, b in frames)
            # ("A院长出席并与B签约": A attends and signs — its own signing follows with 与)
            and not re.match(r"[^，,。；;与和同跟]{0,6}?并[与和同跟]", text[m.end() : hi])
        ):
            out = m.end()
    for m in _BROKER_RE.finditer(text, out, hi):
        if (
            not any(s <= m.start() < e for s, e, _ in sent.orgs)
            and any(m.end() <= s and e <= hi for s, e, _ in sent.orgs)
            # ("A推动与B签约": A signs — the broker word is followed by the signers, not 与)
            and not re.match(r"\s*[与和同跟]", text[m.end() :])
        ):
            out = m.end()
    end = _CLAUSE_BOUND.search(text, hi)
    if _UNVEIL_RE.search(text, hi, end.start() if end else len(text)):
        for m in re.finditer("(?<![作成认因称])为", text[out:hi]):
            at = out + m.start()
            if not any(s <= at < e for s, e, _ in sent.orgs):
                out = at + 1
    return out


def _names(items: list[tuple[int, int, str]]) -> list[str]:
    return list(dict.fromkeys(n for _, _, n in items))


def signing_groups(sent: Sentence, verb: int, subject: str | None) -> list[list[str]]:
    """The parties of the signing whose verb starts at ``verb``, one group per agreement.

    Only the clause of the verb counts (a paragraph's other organisations are not
    parties): ``A与B签署`` -> [A, B]; ``A、B与C签署`` -> [A, B, C]; ``A分别与B、C签署`` and
    ``A与B、C分别签约`` -> [A, B], [A, C] (bilateral); ``A与B、C与D依次签约`` -> [A, B],
    [C, D]. A clause without its subject (``代表学校，与B签订``) takes ``subject``.
    """
    text = sent.text
    lo = 0
    for m in _SIGN_CLAUSE_BOUND.finditer(text, 0, verb):
        lo = m.end()
    lo = _after_onlookers(sent, lo, verb)
    seg = text[lo:verb]
    orgs = _parties_in(sent, lo, verb)
    # A与B、C与D、E与F依次签约: several bilateral pairs in one clause.
    items = [it for it in re.split("、", seg)]
    # (和/及 in a later item joins the last two of one list: A与B、C和D分别签订 is A–B, A–C, A–D.)
    if (
        len(items) >= 2
        and sum(1 for it in items if _CONJ_RE.search(it)) >= 2
        and all(_PAIR_CONJ_RE.search(it) for it in items[1:] if _CONJ_RE.search(it))
    ):
        groups: list[list[str]] = []
        pos = lo
        for it in items:
            group = _names([o for o in orgs if pos <= o[0] and o[1] <= pos + len(it)])
            pos += len(it) + 1
            if len(group) == 2:
                groups.append(group)
        if len(groups) >= 2:
            return groups
    conj = next(
        (
            m.start() + lo
            for m in _CONJ_RE.finditer(seg)
            if not any(s <= m.start() + lo < e for s, e, _ in orgs)
        ),
        None,
    )
    if conj is None:
        names = _names(orgs)
        return [names] if len(names) >= 2 else []
    before = _names([o for o in orgs if o[1] <= conj])
    after = _names([o for o in orgs if o[0] > conj])
    if not before:
        if subject is None or not after:
            return []
        before = [subject]
    if not after and subject is not None and subject not in before and _SELF_AFTER_RE.match(text, conj):
        after = [subject]  # "C也与学校签约": the school the page is about
    if not after:
        return []
    if _ONE_BY_ONE.search(seg) and len(after) >= 2:
        return [[*before, a] for a in after if a not in before]
    if len(before) >= 2 and len(after) == 1 and _ONE_BY_ONE.search(text, lo, conj):
        # "A、B分别与C签订": A–C and B–C, A and B not partners of each other.
        return [[b, after[0]] for b in before if b != after[0]]
    return [list(dict.fromkeys([*before, *after]))]


def _school_word_in(sent: Sentence, lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` says 该校/学校/我校 outside any organisation's name."""
    text = sent.text
    for m in _SELF_WORDS.finditer(text, lo, hi):
        # 学院 alone is the school only as a clause's subject ("此前，学院已同B合作成立…");
        # elsewhere it is the tail of a department's or a partner's name.
        bare = m.group(0) != "学院" or (
            (m.start() == 0 or _CLAUSE_BOUND.match(text[m.start() - 1]) is not None)
            and re.match(r"(?:已经?|还|也|将|又|再次)?[与同和跟]", text[m.end() :]) is not None
        )
        if bare and not any(s <= m.start() < e or s == m.end() for s, e, _ in sent.orgs):
            return True  # (学校机械工程系: the school's department acts, not the school)
    return False


def _subject_before(sent: Sentence, pos: int, self_org: str | None, clause: int | None = None) -> str | None:
    """Who signs when the clause does not say: the school itself when the sentence says
    学校/我校 before ``pos``, else the last organisation named before the clause, which
    starts at ``clause`` (``A举行签约仪式，与B、C签约``: A, not C)."""
    head = sent.text[:pos]
    if self_org and _SELF_WORDS.search(head):
        return self_org
    before = [n for s, e, n in sent.orgs if e <= (pos if clause is None else clause)]
    return before[-1] if before else self_org


def find_agreements(sent: Sentence, self_org: str | None = None, prev: list[str] | None = None) -> list[Fact]:
    """Signed agreements: with named parties (A与B签署…协议, bilateral when the text
    says 分别/依次) or a signatory count (13家单位签署…)."""
    out: list[Fact] = []
    text = sent.text
    for m in _AGREE_COUNT_RE.finditer(text):
        kind = "strategic" if "战略" in m.group(2) else None
        fact = Fact(
            "agreement", m.group(2), text.strip(), attrs={"signatory_count": m.group(1), "kind": kind}
        )
        # "A、B两家单位签署…协议": the count's units are named right before it.
        lo = max((b.end() for b in _CLAUSE_BOUND.finditer(text, 0, m.start())), default=0)
        named = _names(_parties_in(sent, lo, m.start()))
        if len(named) >= 2:
            fact.parties = named
        out.append(fact)
    if out:
        return out
    sm = re.search(r"签约(?:双方|各方|单位)(?:分别)?(?:为|是|包括)", text)
    if sm:
        named = _names(_parties_in(sent, sm.end(), len(text)))
        if len(named) >= 2:
            return [Fact("agreement", "合作协议", text.strip(), parties=named)]
    for m in _SIGN_RE.finditer(text):
        # ("签署的《X协议》": the object is X协议, not 的《X协议)
        obj = re.sub(r"^的", "", (m.group(2) or "").strip("“”《》")).strip("“”《》")
        if obj.count("”") > obj.count("“"):
            obj = "“" + obj  # 签订“安踏产业学院”共建协议: the quote opened before the name
        passive = _PASSIVE_SIGN_RE.search(
            text, max((b.end() for b in _CLAUSE_BOUND.finditer(text, 0, m.start())), default=0), m.start()
        )
        if not obj and passive is not None:
            # "《X协议》由A与B共同签署": the document first, its signers after 由.
            obj = passive.group(1).strip("“”《》")
        if m.group(1) in ("签约", "签字") and text.startswith("仪式", m.end(1)):
            # "A与B校企合作签约仪式": the ceremony of an agreement of A and B.
            j = m.start()
            k = j
            while (
                k > 0
                and not _CLAUSE_BOUND.match(text[k - 1])
                and all(not (s < k <= e) for s, e, _ in sent.orgs)
            ):
                k -= 1
            # "A与B校企合作签约仪式" -> 校企合作协议; "A与B举行签约仪式" -> 合作协议
            words = re.sub(r"^(?:隆重|正式|举行|举办|召开|进行|了)+", "", text[k:j])
            obj = (words if 0 < len(words) <= 8 else "合作") + "协议"
        elif (
            not obj and m.group(1) == "签字" and not re.search(r"协议|合同|备忘录|意向书", text[: m.start()])
        ):
            continue  # 签字 is a signing of an agreement the clause names (在协议上签字)
        elif not obj and m.group(1) not in ("签约", "签字"):
            continue
        clause = max((b.end() for b in _SIGN_CLAUSE_BOUND.finditer(text, 0, m.start())), default=0)
        subject = _subject_before(sent, m.start(), self_org, clause)
        if re.match(r"\s*(?:(?:" + _THEN + r")[^，,]{0,2}?)?[与同跟和]", text[clause:]):
            # "A与B签订X，与C签订Y": the subject of the signing before (A), not the last
            # name before the clause (B).
            prior = [f for f in out if f.type == "agreement" and f.parties]
            if prior:
                subject = prior[-1].parties[0]
            elif sent.orgs and sent.orgs[0][1] <= clause and not _SELF_WORDS.search(text, 0, clause):
                subject = sent.orgs[0][2]
        groups = signing_groups(sent, m.start(), subject)
        sides = _BOTH_SIDES_RE.search(text, clause, m.start())
        if not groups and sides is not None and _SIDE_COUNTS.get(sides.group(0)):
            # "A与B合作多年，双方今天签署…" / "B一行来到A，双方签订…": 双方 are the two
            # this sentence named before the clause.
            named = _names([o for o in sent.orgs if o[1] <= clause])
            if len(named) > _SIDE_COUNTS[sides.group(0)]:
                named = [x for x in named if not _AWARDING_BODY_RE.search(x)]  # who came along
            if len(named) == _SIDE_COUNTS[sides.group(0)]:
                groups = [named]
        if not groups and prev and _BOTH_SIDES_RE.search(text, 0, m.start()):
            groups = [list(prev)] if len(prev) >= 2 else []
        if not groups:
            # "学校与27个合作伙伴签署…": one named party; still an agreement of that party.
            lo = max((b.end() for b in _CLAUSE_BOUND.finditer(text, 0, m.start())), default=0)
            one = _names(_parties_in(sent, lo, m.start()))
            if len(one) == 1 and re.search(r"\d+\s*(?:个|家|所)", text[lo : m.start()]):
                out.append(Fact("agreement", obj or "合作协议", text.strip(), parties=one))
            continue
        kind = "strategic" if "战略" in obj else None
        for group in groups:
            name = obj or "合作协议"
            if len(groups) > 1:
                name = "与".join(group) + name  # one agreement per pair: names must differ
            out.append(Fact("agreement", name, text.strip(), parties=group, attrs={"kind": kind}))
    return out


_POLICY_RE = re.compile(r"《([^》]{4,80})》")
_ISSUE_VERBS = re.compile(r"(联合印发|印发|发布|制定了?|出台|颁布|下发|出台了)")


def find_policies(sent: Sentence) -> list[Fact]:
    out: list[Fact] = []
    for m in _POLICY_RE.finditer(sent.text):
        title = m.group(1)
        if not title.endswith(lx.POLICY_ENDINGS):
            continue
        before = sent.text[: m.start()]
        issuers: list[str] = []
        verbs = list(_ISSUE_VERBS.finditer(before))
        if verbs:
            issuers = sent.org_names(0, verbs[-1].start())
        fact = Fact("policy", title, sent.text.strip(), parties=issuers)
        dm = re.search(r"(\d{4})年(?:(\d{1,2})月)?", before)
        if dm:
            fact.attrs["date"] = dm.group(1) + (f"-{int(dm.group(2)):02d}" if dm.group(2) else "")
        out.append(fact)
    return out


_PROGRAM_RE = re.compile(r"[一二三四五六七八九十]是((?:“[^”]{2,20}”)?[\u4e00-\u9fff]{0,12}计划)")
_INDUSTRY_LIST_RE = re.compile(
    r"([\u4e00-\u9fff、]{2,60})等(?:重点|优势|主导|支柱|战略性新兴|新兴|特色|相关)?产业"
)


_KNOWN_INDUSTRY_RE = re.compile(
    r"(新能源汽车|汽车|装备制造|高端装备|新能源|人工智能|集成电路|生物医药|新材料|电子信息|数字经济|软件|航空航天|船舶|"
    r"石化|化工|钢铁|纺织|食品|现代农业|文化旅游|旅游|物流|现代服务|医药|光电|半导体|智能制造|节能环保|信息技术|大数据|"
    r"海洋|冶金|建材|家居|轨道交通|氢能|储能|低空经济)(?:产业|制造业)"
)


def find_industries(text: str) -> list[str]:
    out: list[str] = []
    for m in _INDUSTRY_LIST_RE.finditer(text):
        seg = m.group(1)
        seg = re.split(r"围绕|面向|聚焦|对接|服务|涵盖|包括|在|的", seg)[-1]
        for item in seg.split("、"):
            item = item.strip()
            if 2 <= len(item) <= 8 and item not in out and not item.startswith(lx.LEFT_STOPS):
                out.append(item)
    for m in _KNOWN_INDUSTRY_RE.finditer(text):
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


#: How many parties each collective subject counts.
_SIDE_COUNTS = {"双方": 2, "三方": 3, "四方": 4, "五方": 5, "六方": 6}


def sides_of(state: State, names: list[str], text: str) -> list[str]:
    """Who ``双方`` / ``三方`` in ``text`` are among ``names`` (the organisations of the
    sentence before): all of them when they are as many, else — the sentence before also
    named a bureau or an association that attended — the ones that are not government
    bodies when those are exactly as many, or for 双方 its one school and one enterprise."""
    m = _BOTH_SIDES_RE.search(text)
    n = _SIDE_COUNTS.get(m.group(0)) if m else None
    if m is None or n is None or len(names) <= n:
        return names
    kinds = {o.name: o.kind for o in state.orgs}
    working = [x for x in names if kinds.get(x) != "Government"]
    if len(working) == n:
        return working
    schools = [x for x in names if kinds.get(x) == "College"]
    firms = [x for x in names if kinds.get(x) == "Enterprise"]
    if n == 2 and len(schools) == 1 and len(firms) == 1:
        # (校企双方, or a school and a company beside an attending association)
        return [x for x in names if x in (schools[0], firms[0])]
    return names


def _para_subject(sentences: list[Sentence], sent: Sentence) -> list[str]:
    """Organisations named earlier in the same paragraph (the subject of a list of items)."""
    out: list[str] = []
    for s in sentences:
        if s.para == sent.para and s.start < sent.start:
            for n in s.org_names():
                if n not in out:
                    out.append(n)
    return out


def read_projects(state: State, sent: Sentence, idx: int) -> None:
    """Projects of sentence ``idx`` (and carriers approved by a body) with the event they
    were signed at, the article's consortium, outputs reported next, and dates."""
    text = sent.text
    projects = find_projects(
        sent,
        sides_of(state, state.prev_orgs, text) if _BOTH_SIDES_RE.search(text) else [],
        state.self_org or state.last_college,
    )
    named = {p.name for p in projects}
    projects += [p for p in find_named_projects(sent, state.self_org) if p.name not in named]
    named = {p.name for p in projects}
    before = [state.article.title or ""] + [s.text for s in state.sentences[max(0, idx - 3) : idx]]
    named_before = [c for t in before for c in carriers_named(t)]
    projects += [p for p in find_topic_projects(sent, state.facts, named_before) if p.name not in named]
    named = {p.name for p in projects}
    projects += [
        p for p in find_described_projects(sent, state.self_org or state.last_college) if p.name not in named
    ]
    named = {p.name for p in projects}
    projects += [
        p
        for p in find_named_classes(sent, state.self_org or state.last_college, before)
        if p.name not in named and not any(f.type == "project" and f.name == p.name for f in state.facts)
    ]
    for pr in projects:
        if state.last_event is not None and re.search(
            r"签约|签署", " ".join(s.text for s in state.sentences[max(0, idx - 3) : idx + 1])
        ):
            pr.attrs["event"] = state.last_event.name
        if state.main_cons is not None and "联合体" in state.article.paragraphs[sent.para]:
            pr.attrs["consortium"] = state.main_cons.name
        # Outputs reported in the next sentence ("目前已产出研究成果31个…")
        for nxt in state.sentences[idx : idx + 2]:
            for om in _OUTPUT_RE.finditer(nxt.text):
                if om.group(1):
                    pr.attrs.setdefault("outputs", {})[_OUTPUT_KEYS[om.group(1)]] = om.group(2)
                elif om.group(3):
                    pr.attrs.setdefault("outputs", {})["trainees"] = om.group(3)
        if state.last_event is not None and state.last_event.attrs.get("date") and "event" in pr.attrs:
            pr.attrs["date"] = state.last_event.attrs["date"]
            if "date" in state.last_event.inferred:
                pr.inferred.append("date")
    state.facts.extend(projects)
    for ap in find_approved_projects(sent):
        if not any(f.type == "project" and f.name == ap.name for f in state.facts):
            d, inferred = state.date_of(text)
            if d:
                ap.attrs["date"] = d
                if inferred:
                    ap.inferred.append("date")
            state.facts.append(ap)


def read_agreements(state: State, sent: Sentence, cons_here: Fact | None) -> None:
    """Agreements of the sentence, signed at the current event (its date) and within the
    consortium the sentence is about."""
    prev = sides_of(state, state.prev_orgs, sent.text)
    for ag in find_agreements(sent, state.self_org or state.last_college, prev):
        if state.last_event is not None:
            ag.attrs["event"] = state.last_event.name
            if state.last_event.attrs.get("date"):
                ag.attrs["date"] = state.last_event.attrs["date"]
                if "date" in state.last_event.inferred:
                    ag.inferred.append("date")
        if cons_here is not None:
            ag.attrs["consortium"] = cons_here.name
        state.facts.append(ag)


def read_party_list(state: State, sent: Sentence) -> None:
    """``本次合作学校包括A、B…``: the parties of the agreement or project just reported."""
    text = sent.text
    m = re.search(
        r"(合作|签约|签署|参与)[^，。,]{0,6}(学校|单位|企业|院校|高校|伙伴|机构)[^，。,]{0,4}[，,]?(包括|有|为|是)",
        text,
    )
    if m and (
        re.search(r"仪式|活动|大会|会议|现场", m.group(0))
        or _ONLOOKER_RE.search(
            text, max((b.end() for b in _CLAUSE_BOUND.finditer(text, 0, m.start())), default=0), m.end()
        )
    ):
        return  # "出席签约仪式的单位包括C、D": who attended (the event's), not who signed
    if m and (
        (
            text[m.start() - 1 : m.start()] == "的"
            and not re.search(r"本次|此次|该项目|该基地|该学院", text[: m.start()])
        )
        or re.search(r"目前|现有|累计|已与|先后与", text[: m.start()])
    ):
        return  # "目前，学校的合作企业包括A、B等200余家": the school's partners over the years
    if m:
        # "参与签约的16所学校，包括…": the signatories of the last agreement, not a project
        types = ("agreement",) if "签" in m.group(0) else ("agreement", "project")
        target = next((f for f in reversed(state.facts) if f.type in types), None)
        if target is not None:
            for n in sent.org_names():
                if n not in target.parties:
                    target.parties.append(n)


def read_programs(state: State, sent: Sentence, idx: int) -> None:
    """``一是“X”计划…``: programs with their owner (the sentence's or paragraph's
    organisation) and the numbers they aim at."""
    text = sent.text
    for pm in _PROGRAM_RE.finditer(text):
        owners = sent.org_names() or _para_subject(state.sentences, sent)
        # Targets: numbers until the next item.
        tail = text[pm.end() :]
        following = " ".join(o.text for o in state.sentences[idx + 1 : idx + 3] if o.para == sent.para)
        seg = re.split(r"[一二三四五六七八九十]是", tail + following)[0]
        targets: dict[str, str] = {}
        for tm in re.finditer(r"(\d+(?:\.\d+)?)\s*(人|个)\s*(以上)?", seg):
            key = "people" if tm.group(2) == "人" else ("classes" if "班" in seg else "count")
            targets.setdefault(key, tm.group(0))
        fact = Fact("program", pm.group(1), text.strip(), parties=owners[:1])
        fact.roles = {o: "owner" for o in owners[:1]}
        if targets:
            fact.attrs["targets"] = targets
        if state.main_cons is not None and "联合体" in state.article.paragraphs[sent.para]:
            fact.attrs["consortium"] = state.main_cons.name
        state.facts.append(fact)


def read_cooperations(state: State, sent: Sentence) -> None:
    """``A与B的合作`` / ``A与B深化合作``: a joint project of A and B, unless a fact of the
    article already relates them."""
    names = set(sent.org_names())
    if len(names) < 2:
        return  # no pair to relate
    # Only pairs of this sentence's organisations can matter. Partners are indexed by
    # organisation once per fact (again when its parties grew): re-reading every fact's
    # pairs for every sentence made a 1 MB page quadratic.
    index = state.partner_index
    # New facts only, unless this sentence may have added parties to an earlier project
    # (``该基地由A和B共建``, find_topic_projects); consortia are few and grow as read.
    seen = 0 if re.search(r"该|这个|这一|此|上述", sent.text) else state.facts_indexed
    state.facts_indexed = len(state.facts)
    for f in [*state.facts[seen:], *state.consortia.values()]:
        if f.type == "event" or f.type == "policy" or state.indexed.get(id(f)) == len(f.parties):
            continue
        state.indexed[id(f)] = len(f.parties)
        for a in f.parties:
            index.setdefault(a, set()).update(b for b in f.parties if b != a)
    covered = {frozenset((a, b)) for a in names for b in index.get(a, ()) if b in names}
    state.facts.extend(find_cooperations(sent, covered))
