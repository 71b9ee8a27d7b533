"""``iegraph generate``: a deterministic synthetic ecosystem in the table format.

Shaped like the real one: provinces → cities → parks (zones); industries clustered by
province; colleges of every level (~1% of organisations) and many more enterprises,
plus government bodies, research institutes, associations and a few others;
consortia with a government and a college as leads and heavy-tailed member lists;
projects (a college and one to three enterprises, mostly of the same province) and
agreements with several parties; events; people with positions; sources.

Partner counts are heavy-tailed: every organisation gets a Pareto-distributed
attractiveness and parties are drawn in proportion to it (preferential attachment
without the bookkeeping). Rows are written as they are generated; only per-org
metadata (province, kind, weight) is kept, so national scale fits in little memory.
Same ``orgs`` and ``seed`` → byte-identical files.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import random
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

PROVINCES = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区",
)  # fmt: skip

INDUSTRIES = (
    "装备制造", "新能源汽车", "汽车零部件", "集成电路", "人工智能", "软件和信息服务", "生物医药", "现代中药",
    "新材料", "尼龙新材料", "石油化工", "煤焦化工", "钢铁冶金", "电气装备制造", "轨道交通", "航空航天",
    "船舶海工", "现代农业", "食品加工", "纺织服装", "陶瓷", "物流", "跨境电商", "文化旅游", "康养服务",
    "数字经济", "节能环保", "氢能", "光伏", "储能", "智能家电", "工业机器人", "数控机床", "精密仪器",
    "大数据", "金融服务", "建筑建材", "家具制造", "医疗器械", "现代服务",
)  # fmt: skip

CHARS = (
    "华恒达兴盛泰昌隆祥瑞鑫源通宏远博信诚德安康联合众创新科技海天金银东南西北中山川云星辰光明"
    "正大永和嘉润丰汇富宝立佳美嘉鸿鹏飞腾龙凤锦绣春秋江湖岳峰林森"
)
CITY_CHARS = "阳平安宁江河山川城州原泉溪口湖岭台门桥林丰庆德昌"
SUFFIX_ENT = ("有限公司", "股份有限公司", "集团有限公司", "科技有限公司")
ZONES = ("高新技术产业开发区", "经济技术开发区", "综合保税区", "产业园区")
GOV_UNITS = ("教育局", "工业和信息化局", "人力资源和社会保障局", "发展和改革委员会", "科学技术局")
COLLEGE_LEVELS = (
    ("undergraduate", "大学", 0.25),
    ("vocational_undergraduate", "职业技术大学", 0.02),  # 职业本科: a few dozen in China
    ("higher_vocational", "职业技术学院", 0.33),
    ("secondary_vocational", "职业中等专业学校", 0.28),
    ("technician", "技师学院", 0.10),
    ("other", "开放大学", 0.02),
)
PROJECT_TYPES = (
    ("training_base", "产教融合实训基地"),
    ("practice_base", "实习实践基地"),
    ("innovation_center", "技术创新中心"),
    ("industrial_college", "产业学院"),
    ("tech_rd", "关键技术攻关"),
    ("talent_cultivation", "人才联合培养"),
    ("employment_base", "就业见习基地"),
)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌宏辉鹏飞云峰"
TITLES = (
    "校长",
    "党委书记",
    "副校长",
    "院长",
    "总经理",
    "董事长",
    "副总经理",
    "局长",
    "副局长",
    "会长",
    "秘书长",
    "所长",
)

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("id", "title", "publisher", "url", "date", "language"),
    "regions": ("id", "name", "level", "parent", "source"),
    "industries": ("id", "name", "source"),
    "organizations": ("id", "name", "kind", "level", "aliases", "region", "industries", "source"),
    "people": ("id", "name", "source"),
    "positions": ("person", "org", "title", "source"),
    "consortia": (
        "id",
        "name",
        "kind",
        "level",
        "founded",
        "anchor_park",
        "region",
        "industries",
        "leads",
        "composition_total",
        "composition_college",
        "composition_enterprise",
        "composition_government",
        "source",
    ),
    "memberships": ("org", "consortium", "role", "source"),
    "projects": (
        "id",
        "name",
        "type",
        "date",
        "status",
        "investment",
        "region",
        "industries",
        "consortium",
        "source",
    ),
    "participations": ("org", "project", "role", "source"),
    "agreements": ("id", "name", "kind", "date", "parties", "source"),
    "events": ("id", "name", "kind", "date", "region", "organisers", "attendees", "source"),
}


class _Sampler:
    """Draws organisation indexes in proportion to their weights (heavy-tailed)."""

    def __init__(self, members: Sequence[int], weights: Sequence[float]) -> None:
        self.members = list(members)
        self.cum = list(itertools.accumulate(weights[i] for i in self.members))

    def __bool__(self) -> bool:
        return bool(self.members)

    def draw(self, rng: random.Random) -> int:
        x = rng.random() * self.cum[-1]
        return self.members[bisect.bisect_right(self.cum, x) if x < self.cum[-1] else -1]


def _unique_word(i: int, alphabet: str, width: int) -> str:
    """The i-th word of ``width`` characters over ``alphabet`` (distinct for distinct i)."""
    chars = []
    for _ in range(width):
        i, r = divmod(i, len(alphabet))
        chars.append(alphabet[r])
    return "".join(chars)


def generate(out: Path, orgs: int, seed: int = 1) -> dict[str, int]:
    """Write the tables for ``orgs`` organisations into ``out``; return row counts per table."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = dict.fromkeys(TABLE_COLUMNS, 0)
    with ExitStack() as stack:
        writers: dict[str, Any] = {}
        for name, columns in TABLE_COLUMNS.items():
            handle = stack.enter_context((out / f"{name}.csv").open("w", encoding="utf-8", newline=""))
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writers[name] = writer

        def row(table: str, *values: Any) -> None:
            writers[table].writerow(["" if v is None else v for v in values])
            counts[table] += 1

        # -- sources: one per ~50 organisations, dated 2019-2024
        n_sources = max(5, orgs // 50)
        for n in range(n_sources):
            year = 2019 + n % 6
            row(
                "sources",
                f"gsrc-{n:06d}",
                f"合成报道第{n + 1}号",
                "iegraph generate",
                f"https://example.invalid/news/{seed}/{n}",
                f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "zh-Hans",
            )

        def src() -> str:
            return f"gsrc-{rng.randrange(n_sources):06d}"

        # -- regions: provinces -> cities -> zones
        n_cities = max(len(PROVINCES), min(340, orgs // 300))
        city_province: list[int] = []
        for p, pname in enumerate(PROVINCES):
            row("regions", f"greg-p{p:02d}", pname, "province", "", src())
        zones: list[tuple[str, int]] = []  # (zone id, city)
        for c in range(n_cities):
            p = c % len(PROVINCES)
            city_province.append(p)
            cname = _unique_word(c, CITY_CHARS, 2) + "市"
            row("regions", f"greg-c{c:03d}", cname, "city", f"greg-p{p:02d}", src())
            for z in range(1 + rng.randrange(3)):
                zid = f"greg-z{c:03d}{z}"
                row("regions", zid, cname + ZONES[z], "zone", f"greg-c{c:03d}", src())
                zones.append((zid, c))

        # -- industries, clustered: each province has 4 home industries
        for i, iname in enumerate(INDUSTRIES):
            row("industries", f"gind-{i:02d}", iname, src())
        home = [rng.sample(range(len(INDUSTRIES)), 4) for _ in PROVINCES]

        def industry_of(p: int) -> int:
            return rng.choice(home[p]) if rng.random() < 0.8 else rng.randrange(len(INDUSTRIES))

        # -- organisations
        kinds: list[str] = []
        province_of: list[int] = []
        city_of: list[int] = []
        weights: list[float] = []
        industry: list[int] = []
        shares = (("College", 0.01), ("Government", 0.02), ("ResearchInstitute", 0.015), ("Association", 0.01),
                  ("OtherOrganization", 0.005))  # fmt: skip
        quota = {k: max(1, round(orgs * s)) for k, s in shares}
        plan = [k for k, n in quota.items() for _ in range(n)]
        plan += ["Enterprise"] * max(0, orgs - len(plan))
        rng.shuffle(plan)
        level_names = [lv for lv, _s, _w in COLLEGE_LEVELS]
        level_weights = [w for _l, _s, w in COLLEGE_LEVELS]
        for i, kind in enumerate(plan[:orgs]):
            c = rng.randrange(n_cities)
            p = city_province[c]
            ind = industry_of(p)
            cname = _unique_word(c, CITY_CHARS, 2) + "市"
            # a bijective scramble of i, so neighbouring orgs get unrelated names
            word = _unique_word((i * 104_729 + 7 * seed) % len(CHARS) ** 4, CHARS, 4)
            level = ""
            aliases = ""
            if kind == "College":
                level = rng.choices(level_names, level_weights)[0]
                suffix = dict((lv, s) for lv, s, _w in COLLEGE_LEVELS)[level]
                name = f"{cname[:-1]}{word}{suffix}"
                weight = 8.0 * rng.paretovariate(1.2)
            elif kind == "Government":
                name = f"{cname}{word}{GOV_UNITS[i % len(GOV_UNITS)]}"
                weight = 2.0 * rng.paretovariate(1.5)
            elif kind == "ResearchInstitute":
                name = f"{cname[:-1]}{word}{INDUSTRIES[ind]}研究院"
                weight = 2.0 * rng.paretovariate(1.5)
            elif kind == "Association":
                name = f"{cname}{word}{INDUSTRIES[ind]}行业协会"
                weight = rng.paretovariate(1.5)
            elif kind == "OtherOrganization":
                name = f"{cname}{word}幼儿园"
                weight = 0.5 * rng.paretovariate(2.0)
            else:
                name = f"{cname[:-1]}{word}{INDUSTRIES[ind]}{SUFFIX_ENT[i % len(SUFFIX_ENT)]}"
                if i % 10 == 0:
                    aliases = f"{word}{INDUSTRIES[ind][:2]}"
                weight = rng.paretovariate(1.6)
            kinds.append(kind)
            province_of.append(p)
            city_of.append(c)
            weights.append(weight)
            industry.append(ind)
            row(
                "organizations", f"gorg-{i:07d}", name, kind, level, aliases,
                f"greg-c{c:03d}", f"gind-{ind:02d}", src(),
            )  # fmt: skip

        # samplers per province and kind group (partners come mostly from the same province)
        def samplers(pred: Any) -> tuple[list[_Sampler], _Sampler]:
            by_p: list[list[int]] = [[] for _ in PROVINCES]
            for i, kind in enumerate(kinds):
                if pred(kind):
                    by_p[province_of[i]].append(i)
            return [_Sampler(m, weights) for m in by_p], _Sampler([i for m in by_p for i in m], weights)

        col_p, col_all = samplers(lambda k: k == "College")
        ent_p, ent_all = samplers(lambda k: k in ("Enterprise", "ResearchInstitute"))
        gov_p, gov_all = samplers(lambda k: k == "Government")
        any_p, any_all = samplers(lambda k: True)

        def pick(by_p: list[_Sampler], everywhere: _Sampler, p: int) -> int:
            local = by_p[p]
            return (local if local and rng.random() < 0.75 else everywhere).draw(rng)

        def oid(i: int) -> str:
            return f"gorg-{i:07d}"

        # -- people with positions
        for k in range(max(1, orgs // 20)):
            pid = f"gper-{k:06d}"
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + _unique_word(k, GIVEN, 2)
            s = src()
            row("people", pid, name, s)
            org = any_all.draw(rng)
            row("positions", pid, oid(org), rng.choice(TITLES), s)

        # -- consortia: a government and a college lead; heavy-tailed member lists
        n_cons = max(2, orgs // 1000)
        for k in range(n_cons):
            c = rng.randrange(n_cities)
            p = city_province[c]
            lead_gov = pick(gov_p, gov_all, p)
            lead_col = pick(col_p, col_all, p)
            size = min(300, int(10 * rng.paretovariate(1.3)))
            members = {pick(any_p, any_all, p) for _ in range(size)} - {lead_gov, lead_col}
            ind = industry_of(p)
            cid = f"gcon-{k:05d}"
            enumerated = [kinds[m] for m in members]
            total = len(members) + 2 + rng.randrange(20)
            row(
                "consortia", cid, f"{_unique_word(c, CITY_CHARS, 2)}市{INDUSTRIES[ind]}产教联合体{k + 1}",
                "city_consortium" if k % 3 else "industry_community",
                rng.choice(("national", "provincial", "city")), f"{2019 + k % 6}-{1 + k % 12:02d}",
                "", f"greg-c{c:03d}", f"gind-{ind:02d}", f"{oid(lead_gov)};{oid(lead_col)}",
                total, enumerated.count("College") + 1, enumerated.count("Enterprise"),
                enumerated.count("Government") + 1, src(),
            )  # fmt: skip
            s = src()
            for m in sorted(members):
                row("memberships", oid(m), cid, "member", s)

        # -- projects: a college and 1-3 enterprises/institutes, mostly one province
        n_projects = max(5, orgs * 2 // 5)
        for k in range(n_projects):
            college = col_all.draw(rng)
            p = province_of[college]
            ptype, pword = PROJECT_TYPES[rng.randrange(len(PROJECT_TYPES))]
            partners = {pick(ent_p, ent_all, p) for _ in range(1 + min(2, int(rng.paretovariate(2.0)) - 1))}
            prj = f"gprj-{k:07d}"
            invest = f"{rng.randrange(1, 500) * 10}万元" if rng.random() < 0.3 else ""
            cons = f"gcon-{rng.randrange(n_cons):05d}" if rng.random() < 0.2 else ""
            s = src()
            row(
                "projects", prj, f"{INDUSTRIES[industry[college]]}{pword}{k + 1}号", ptype,
                f"{2019 + k % 6}-{1 + k % 12:02d}", "signed", invest, f"greg-c{city_of[college]:03d}",
                f"gind-{industry[college]:02d}", cons, s,
            )  # fmt: skip
            row("participations", oid(college), prj, "lead", s)
            for partner in sorted(partners - {college}):
                row("participations", oid(partner), prj, "partner", s)

        # -- agreements with 2-5 parties
        for k in range(max(2, orgs // 10)):
            a = any_all.draw(rng)
            p = province_of[a]
            parties = {a} | {pick(any_p, any_all, p) for _ in range(1 + rng.randrange(4))}
            row(
                "agreements", f"gagr-{k:07d}", f"校企合作协议{k + 1}号", "school_enterprise",
                f"{2019 + k % 6}-{1 + k % 12:02d}-{1 + k % 28:02d}", ";".join(oid(x) for x in sorted(parties)), src(),
            )  # fmt: skip

        # -- events: an organiser and a handful of attendees
        for k in range(max(2, orgs // 100)):
            zid, c = zones[rng.randrange(len(zones))]
            p = city_province[c]
            organiser = pick(gov_p, gov_all, p)
            attendees = {pick(any_p, any_all, p) for _ in range(2 + rng.randrange(8))} - {organiser}
            row(
                "events", f"gevt-{k:06d}", f"产教融合对接会{k + 1}", "matchmaking",
                f"{2019 + k % 6}-{1 + k % 12:02d}-{1 + k % 28:02d}", zid, oid(organiser),
                ";".join(oid(x) for x in sorted(attendees)), src(),
            )  # fmt: skip
    return counts
