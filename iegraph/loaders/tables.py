"""Read tables: a folder of CSV files or one .xlsx workbook, one table per file/sheet.

Tables are the scale path, so they are streamed: each pass of the loader re-reads
the rows (``csv`` line by line, openpyxl in read-only mode), and nothing keeps the
whole input in memory. Each row is validated into the same ``*Spec`` model a YAML
fact sheet uses and converted by ``iegraph.loaders.convert``, so a row lands in
the graph exactly as the equivalent YAML entry would.

Columns are documented in docs/loading.md. Lists are ``;``-separated in one cell;
``source`` holds Source ids (from the ``sources`` table or the graph).

Reading is strict, since a typo must not pass silently: a header naming a column
twice, a non-empty cell without a header (beyond the header, or under an empty
header cell), text after a closing quote and a quote that never closes are
problems at their line. Workbooks are opened by ``iegraph.loaders.workbook``,
which does not trust their declared sizes.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from iegraph.loaders.convert import ANY_FACT, SECTIONS, Context, Decl, convert_source
from iegraph.loaders.records import REL_KEY_DEFAULT, REL_KEY_PROP, FailedNode, Origin, Problem, Ref, RelDecl
from iegraph.loaders.workbook import WORKBOOK_LIMITS, WorkbookLimits, archive_problem, sheet_rows
from iegraph.names import clean_text
from iegraph.quantities import MONEY_UNITS, MoneyUnit
from iegraph.schema.factsheet import SourceSpec
from iegraph.schema.model import Label, Rel, rel_of
from iegraph.schema.names_zh import AMOUNT_PREFIX_ZH, role_english

_SPLIT_RE = re.compile(r"\s*[;；]\s*")

COMMON = ("id", "name", "aliases", "source", "quote", "inferred", "inferred_reason", "note")
#: Columns of every relationship table besides its ends and key: a row is one link,
#: ``quote`` its own sentence, a non-empty ``inferred_reason`` marks it inferred.
LINK_COLUMNS = ("source", "quote", "inferred", "inferred_reason")

#: table name -> (fact-sheet section, columns holding ;-lists, other columns, dict-column prefixes)
NODE_TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], dict[str, str]]] = {
    "regions": ("regions", (), ("level", "parent"), {}),
    "industries": ("industries", (), ("parent",), {}),
    "organizations": (
        "organizations",
        ("industries", "designations"),
        ("kind", "level", "region", "part_of", "uscc", "moe_code", "ownership", "unnamed"),
        {},
    ),
    "people": ("people", (), (), {}),
    "consortia": (
        "consortia",
        ("industries", "leads", "approved_by"),
        ("kind", "level", "founded", "anchor_park", "region", "composition_as_of"),
        {"composition_": "composition"},
    ),
    "projects": (
        "projects",
        ("industries", "approved_by", "parties"),
        ("type", "category", "date", "status", "investment", "region", "consortium", "program", "event"),
        {"output_": "outputs"},
    ),
    "agreements": (
        "agreements",
        ("parties",),
        ("kind", "date", "signatory_count", "event", "consortium"),
        {},
    ),
    "events": (
        "events",
        ("organisers", "hosts", "attendees"),
        ("kind", "date", "place", "region", "consortium"),
        {"attendee_count_": "attendee_counts"},
    ),
    "programs": ("programs", ("owners",), ("date", "consortium"), {"target_": "targets"}),
    "policies": ("policies", ("issuers",), ("date", "doc_number"), {}),
}

#: The label of the nodes each node table declares.
TABLE_LABEL: dict[str, Label] = {
    "regions": Label.REGION,
    "industries": Label.INDUSTRY,
    "organizations": Label.ORGANIZATION,
    "people": Label.PERSON,
    "consortia": Label.CONSORTIUM,
    "projects": Label.PROJECT,
    "agreements": Label.AGREEMENT,
    "events": Label.EVENT,
    "programs": Label.PROGRAM,
    "policies": Label.POLICY,
}
assert set(TABLE_LABEL) == set(NODE_TABLES)

#: relationship tables: name -> (type, from column + labels, to column + labels, key column)
REL_TABLES: dict[
    str, tuple[Rel | None, tuple[str, tuple[Label, ...]], tuple[str, tuple[Label, ...]], str | None]
] = {
    "positions": (Rel.HOLDS_POSITION, ("person", (Label.PERSON,)), ("org", (Label.ORGANIZATION,)), "title"),
    "memberships": (
        Rel.MEMBER_OF,
        ("org", (Label.ORGANIZATION,)),
        ("consortium", (Label.CONSORTIUM,)),
        "role",
    ),
    "participations": (
        Rel.PARTICIPATES_IN,
        ("org", (Label.ORGANIZATION,)),
        ("project", (Label.PROJECT, Label.PROGRAM)),
        "role",
    ),
    "relations": (None, ("from", ANY_FACT), ("to", ANY_FACT), None),
}

SOURCE_COLUMNS = ("id", "title", "publisher", "url", "date", "language", "author", "file", "inferred")

#: The role of a party a project's ``parties`` column names: what a participations row
#: without a role gives, so both ways of naming a party write the same relationship.
PARTY_ROLE = REL_KEY_DEFAULT[Rel.PARTICIPATES_IN]

#: Sheets of a workbook that hold notes for people, not a table (the template's first
#: sheet): skipped by the reader, compared in lower case.
NOTE_SHEETS = ("说明", "readme")

#: Order in which tables are read (declarations before references is not required,
#: but it keeps progress and error listings in a natural order).
TABLE_ORDER = ("sources", *NODE_TABLES, *REL_TABLES)
TABLE_NAMES = frozenset(TABLE_ORDER)

Rows = Iterator[tuple[int, dict[str, str]]]

#: Chinese names of the tables (CSV file stems, sheet names), first one shown in messages;
#: documented in docs/loading.md
TABLE_ZH: dict[str, tuple[str, ...]] = {
    "sources": ("来源", "信息来源"),
    "regions": ("地区", "区域"),
    "industries": ("产业", "行业"),
    "organizations": ("机构", "组织", "单位"),
    "people": ("人物", "人员"),
    "consortia": ("联合体", "共同体"),
    "projects": ("项目",),
    "agreements": ("协议",),
    "events": ("活动", "会议"),
    "programs": ("计划",),
    "policies": ("政策", "文件"),
    "positions": ("职务", "任职"),
    "memberships": ("成员", "成员关系"),
    "participations": ("参与", "参与关系"),
    "relations": ("关系",),
}

#: Chinese names of the columns, first one shown in messages. One name may stand for
#: several columns no table has together (类型: ``kind`` or ``type``).
COLUMN_ZH: dict[str, tuple[str, ...]] = {
    "id": ("编号",),
    "name": ("名称",),
    "aliases": ("别名",),
    "source": ("来源",),
    "quote": ("引文", "原文"),
    "inferred": ("推断字段",),
    "inferred_reason": ("推断理由",),
    "note": ("备注",),
    "kind": ("类型",),
    "type": ("类型",),
    "level": ("层次", "级别", "层级"),
    "parent": ("上级",),
    "region": ("所在地", "地区"),
    "industries": ("产业", "行业"),
    "part_of": ("隶属", "上级单位"),
    "uscc": ("统一社会信用代码", "信用代码"),
    "moe_code": ("学校标识码",),
    "ownership": ("所有制",),
    "designations": ("称号", "认定"),
    "unnamed": ("未具名",),
    "founded": ("成立日期", "成立时间"),
    "anchor_park": ("依托园区",),
    "leads": ("牵头单位",),
    "approved_by": ("批准单位", "认定单位"),
    "composition_as_of": ("构成截至",),
    "category": ("类别", "分类"),
    "date": ("日期", "时间"),
    "status": ("状态",),
    "investment": ("投资额", "投资"),
    "consortium": ("联合体",),
    "program": ("计划",),
    "event": ("活动",),
    "parties": ("参与方", "签约方"),
    "signatory_count": ("签约单位数",),
    "place": ("地点",),
    "organisers": ("主办单位", "主办"),
    "hosts": ("承办单位", "承办"),
    "attendees": ("参会单位", "参会"),
    "owners": ("负责单位", "实施单位"),
    "issuers": ("发文单位", "发布单位"),
    "doc_number": ("文号",),
    "title": ("标题", "职务"),
    "publisher": ("发布者",),
    "url": ("网址", "链接"),
    "language": ("语言",),
    "author": ("作者",),
    "file": ("文件",),
    "person": ("人物", "人员"),
    "org": ("机构", "单位"),
    "role": ("角色",),
    "project": ("项目",),
    "from": ("起点",),
    "to": ("终点",),
}

#: money columns: a bare number in them is refused unless a unit is given
MONEY_COLUMNS = ("investment",)
_MONEY_HEADER = re.compile(r"^(?P<col>investment|投资额|投资)\s*[_(（]\s*(?P<unit>元|万元|亿元)\s*[)）]?$")
_BARE_NUMBER = re.compile(r"^[0-9][0-9,]*(?:\.[0-9]+)?$")

_TABLE_OF_ZH: dict[str, str] = {zh: en for en, names in TABLE_ZH.items() for zh in names}
_COLUMNS_OF_ZH: dict[str, tuple[str, ...]] = {}
for _en, _names in COLUMN_ZH.items():
    for _zh in _names:
        _COLUMNS_OF_ZH[_zh] = (*_COLUMNS_OF_ZH.get(_zh, ()), _en)


def _both(names: Iterable[str], zh: dict[str, tuple[str, ...]]) -> str:
    """Names for a message, each with its first Chinese name: ``projects (项目), …``."""
    return ", ".join(f"{n} ({zh[n][0]})" if n in zh else n for n in names)


def split_list(cell: str) -> list[str]:
    """A ``;``-separated cell as a list (empty cell -> [])."""
    if not cell:
        return []
    if ";" not in cell and "；" not in cell:  # one item (most cells): no regex
        item = cell.strip()
        return [item] if item else []
    return [part for part in _SPLIT_RE.split(cell.strip()) if part] if cell.strip() else []


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = str(value.isoformat())
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value).strip()


def _shown(value: str) -> str:
    """A cell's text for a message: quoted, cut short."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _csv_cell(i: int, _number: int) -> str:
    return f"column {i + 1}"


def _sheet_cell(i: int, number: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(i + 1)}{number}"


def _lost_cells(
    header: list[str],
    cells: list[str],
    blanks: tuple[int, ...],
    number: int,
    cell_name: Callable[[int, int], str],
) -> str | None:
    """The problem text for the non-empty cells of row ``number`` that have no header
    (past its end or under an empty header cell), or None when the row has none.
    ``cell_name(index, number)`` names a cell (CSV: column 5; a sheet: E7)."""
    width = len(header)
    lost = [i for i in blanks if i < len(cells) and cells[i]]
    lost += [i for i in range(width, len(cells)) if cells[i]]
    if not lost:
        return None
    what = "a cell" if len(lost) == 1 else f"{len(lost)} cells"
    return f"{what} without a header would be lost: " + ", ".join(
        f"{cell_name(i, number)} {_shown(cells[i])}" for i in lost
    )


#: the line ends csv counts lines by (a file opened with newline="")
_LINE_END = re.compile(r"\r\n|\r|\n")


def _quoting_trouble(text: str, limit: int) -> tuple[int, str] | None:
    """Where the quoting of one CSV row goes wrong: (lines into ``text``, cause), where
    ``text`` starts at the row's first line; None when its quotes are sound.

    Python's csv (``strict``) only says *that* a row is wrong, at the line it had
    read to: for a quote that never closes that is the end of the file, or wherever
    the cell passed the field size limit."""
    pos, end = 0, len(text)
    while pos < end:
        if text[pos] == '"':  # a quoted cell: up to the quote not doubled
            opened = pos
            close = text.find('"', pos + 1)
            while close >= 0 and text.startswith('"', close + 1):
                close = text.find('"', close + 2)
            if close < 0 or close - opened > limit:
                lines = len(_LINE_END.findall(text, 0, opened))
                how = (
                    "never closes"
                    if close < 0 and end - opened <= limit
                    else f"runs past {limit:,} characters"
                )
                return lines, f"unclosed quote: the quoted cell that opens on this line {how}"
            pos = close + 1
            if pos < end and text[pos] not in ",\r\n":
                return len(_LINE_END.findall(text, 0, pos)), (
                    "bad quoting: text after the closing quote of a quoted cell "
                    '(a quote inside a quoted cell is written twice: "")'
                )
        else:  # an unquoted cell: a quote inside it is a plain character
            stop = _LINE_END.search(text, pos)
            comma = text.find(",", pos, stop.start() if stop else end)
            if comma < 0:
                return None  # the row ends with its quotes sound
            pos = comma
        if pos >= end or text[pos] != ",":
            return None
        pos += 1
    return None


def _csv_problem(path: Path, start: int, at: int, exc: csv.Error) -> Problem:
    """The problem of a CSV row that ``csv`` refuses: it starts on line ``start``,
    ``csv`` stopped on line ``at``."""
    limit = csv.field_size_limit()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        # the lines csv read for the row: for a quote that never closes, to the end of
        # the file or to just past the field size limit
        text = "".join(itertools.islice(handle, start - 1, at))
    trouble = _quoting_trouble(text, limit)
    if trouble is None:
        return Problem(Origin(str(path), at), f"cannot read: {exc}")
    offset, cause = trouble
    return Problem(Origin(str(path), start + offset), cause)


def csv_rows(path: Path, problems: list[Problem]) -> Iterator[tuple[list[str], Rows]]:
    """Yield (header, rows) of a CSV file; rows are (number of the line the row starts
    on, {column: cell}). Cells without a header and bad quoting are problems; rows
    after bad quoting are not read (where they start is unknown)."""
    file = str(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        # strict: text after a closing quote, or a quote still open at the end, raise
        # instead of being glued into a cell
        reader = csv.reader(handle, strict=True)
        try:
            header = [h.strip() for h in next(reader, [])]
        except csv.Error as exc:
            problems.append(_csv_problem(path, 1, reader.line_num, exc))
            return
        width = len(header)
        blanks = tuple(i for i, h in enumerate(header) if not h)
        strip = str.strip

        def rows() -> Rows:
            last = reader.line_num  # the line before the next row
            try:
                for values in reader:
                    number, last = last + 1, reader.line_num
                    cells = list(map(strip, values))
                    if not any(cells):
                        continue
                    if len(cells) > width or blanks:
                        lost = _lost_cells(header, cells, blanks, number, _csv_cell)
                        if lost:
                            problems.append(Problem(Origin(file, number), lost))
                    if len(cells) < width:  # a short row: missing cells are empty
                        cells += [""] * (width - len(cells))
                    # zip stops at the header: cells beyond it were reported above
                    yield number, dict(zip(header, cells, strict=False))
            except csv.Error as exc:
                problems.append(_csv_problem(path, last + 1, reader.line_num, exc))

        yield header, rows()


def _xlsx_rows(
    where: str,
    values: Iterator[tuple[int, tuple[Any, ...]]],
    header: list[str],
    problems: list[Problem],
    limits: WorkbookLimits,
) -> Rows:
    """The rows of a sheet after its header; cells over the size limit and cells
    without a header are problems of their row."""
    width = len(header)
    blanks = tuple(i for i, h in enumerate(header) if not h)
    cap = limits.cell_chars
    for number, row in values:
        if not row:  # a row the sheet does not hold
            continue
        cells = [_cell(v) for v in row[:width]]
        if len(row) > width:
            # only a value counts: openpyxl pads a row up to its last cell with None
            extra = row[width:]
            if extra.count(None) != len(extra):
                cells += [_cell(v) for v in extra]
        if not any(cells):
            continue
        if len(cells) > width or blanks:
            lost = _lost_cells(header, cells, blanks, number, _sheet_cell)
            if lost:
                problems.append(Problem(Origin(where, number), lost))
            del cells[width:]
        if max(map(len, cells), default=0) > cap:
            for i, cell in enumerate(cells):
                if len(cell) > cap:
                    problems.append(
                        Problem(
                            Origin(where, number, header[i] or None),
                            f"cell {_sheet_cell(i, number)} holds {len(cell):,} characters; "
                            f"a cell may hold at most {cap:,}",
                        )
                    )
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        yield number, {h: cell for h, cell in zip(header, cells, strict=True) if h}


def _columns(name: str) -> tuple[set[str], set[str], tuple[str, ...]]:
    """The columns of table ``name``: (allowed, required, prefixes of dict columns)."""
    if name == "sources":
        allowed: set[str] = set(SOURCE_COLUMNS)
        required = {"id", "title"}
        prefixes: tuple[str, ...] = ()
    elif name in NODE_TABLES:
        _section, lists, others, dicts = NODE_TABLES[name]
        allowed = set(COMMON) | set(lists) | set(others)
        required = {"name"} | ({"kind"} if name in ("organizations", "consortia") else set())
        required |= {"type"} if name == "projects" else set()
        required |= {"level"} if name == "regions" else set()
        prefixes = tuple(dicts)
    else:
        _rel, (src, _l1), (dst, _l2), key = REL_TABLES[name]
        allowed = {src, dst, *LINK_COLUMNS, *([key] if key else [])}
        required = {src, dst} | ({"type"} if name == "relations" else set())
        if name == "relations":
            allowed |= {"type"}
        prefixes = ("",) if name == "relations" else ()
    return allowed, required, prefixes


def _money_units(header: list[str]) -> MoneyUnit | None:
    """The unit a money column's header names (``investment_万元``, ``投资额(万元)``),
    which it then loses (in place); None when no header names one."""
    unit: MoneyUnit | None = None
    for i, column in enumerate(header):
        match = _MONEY_HEADER.match(column)
        if match:
            header[i] = "investment"
            unit = next(u for u in MONEY_UNITS if u == match.group("unit"))
    return unit


def _money_headers(header: list[str]) -> dict[str, str]:
    """Money column -> the header its unit is best suggested on: the column's own
    Chinese name (投资额, 投资) when the sheet writes it so, the first Chinese name when
    other headers are Chinese, else the English key."""
    chinese = any(not h.isascii() for h in header)
    out: dict[str, str] = {}
    for column in MONEY_COLUMNS:
        names = COLUMN_ZH[column]
        own = next((h for h in header if h in names), None)
        out[column] = own or (names[0] if chinese else column)
    return out


#: Chinese prefix of a keyed-amount column -> its English prefix (产出_ -> output_)
_PREFIX_OF_ZH: dict[str, str] = {zh: en for en, names in AMOUNT_PREFIX_ZH.values() for zh in names}


def _english_prefix(column: str, prefixes: tuple[str, ...]) -> str:
    """``产出_培训人次`` as ``output_培训人次`` in a table with output_ columns; the key is
    the fact sheet's, so a Chinese key is read as in a sheet (names_zh.amount_key)."""
    for zh, en in _PREFIX_OF_ZH.items():
        if en in prefixes and column.startswith(zh) and len(column) > len(zh):
            return en + column[len(zh) :]
    return column


def english_header(name: str, header: list[str]) -> list[str]:
    """The header of table ``name`` with its Chinese column names (名称, 类型, 产出_培训人次 …)
    replaced by the English ones; other names are kept as they are (check_header judges them)."""
    allowed, _required, prefixes = _columns(name)
    english: list[str] = []
    for column in header:
        if column in allowed:
            english.append(column)
            continue
        meant = [c for c in _COLUMNS_OF_ZH.get(column, ()) if c in allowed]
        english.append(meant[0] if meant else _english_prefix(column, prefixes))
    return english


def check_header(name: str, header: list[str], origin: Origin, problems: list[Problem]) -> bool:
    """Report unknown or missing columns of table ``name``; True if the table can be read."""
    allowed, required, prefixes = _columns(name)
    order = [c for c in COLUMN_ZH if c in allowed] + sorted(allowed - set(COLUMN_ZH))
    ok = True
    for column in sorted(required - set(header)):
        problems.append(
            Problem(origin.at(column), f"table {name} lacks the column {_both([column], COLUMN_ZH)}")
        )
        ok = False
    for column in header:
        if column and column not in allowed and not (prefixes and column.startswith(prefixes)):
            problems.append(
                Problem(
                    origin.at(column),
                    f"unknown column {column!r} in table {name}; valid: {_both(order, COLUMN_ZH)}",
                )
            )
            ok = False
    return ok


def _row_sources(row: dict[str, str]) -> list[str]:
    cell = row.get("source")
    if not cell:
        return []
    return [cell] if ";" not in cell and "；" not in cell else split_list(cell)


class _NodeTable:
    """How the rows of one node table (with this header) become spec data: the
    columns are looked at once per table instead of once per row."""

    __slots__ = (
        "convert",
        "dicts",
        "label",
        "lists",
        "money",
        "money_headers",
        "money_unit",
        "parties",
        "scalars",
        "unnamed",
        "validate",
        "what",
    )

    def __init__(
        self,
        name: str,
        header: list[str],
        money_unit: str | None = None,
        money_headers: dict[str, str] | None = None,
    ) -> None:
        section, lists, others, dicts = NODE_TABLES[name]
        model, self.convert = SECTIONS[section]
        self.label = TABLE_LABEL[name]
        self.what = TABLE_ZH[name][0]
        # what ``model.model_validate(data)`` calls, without its per-call argument checks
        self.validate = model.__pydantic_validator__.validate_python
        present = dict.fromkeys(header)  # the row's keys, in the row's order
        # only columns of the header: a row has no other keys (row.get would give None)
        self.scalars = tuple(
            c for c in ("id", "name", "quote", "inferred_reason", "note", *others) if c in present
        )
        self.lists = tuple(c for c in ("aliases", "inferred", *lists) if c in present)
        self.unnamed = "unnamed" in present
        # a project's parties: the agreements' ;-list, each item a party with a role
        self.parties = name == "projects" and "parties" in present
        self.money = tuple(c for c in MONEY_COLUMNS if c in present)
        self.money_unit = money_unit
        #: money column -> the header a message suggests naming with a unit, in the
        #: sheet's language (投资额 in a Chinese sheet, investment in an English one)
        self.money_headers = money_headers or {}
        self.dicts = tuple(
            (fld, len(prefix), tuple(c for c in present if c.startswith(prefix) and c != "composition_as_of"))
            for prefix, fld in dicts.items()
        )

    def _bare_money(self, column: str, cell: str) -> str:
        """The problem of a bare number in money column ``column``, with fixes that load:
        the column named in its unit the way the sheet names columns (投资额(万元) among
        Chinese headers, investment_万元 among English ones)."""
        named = self.money_headers.get(column, column)
        if named.isascii():
            units = f"{named}_万元 (or {named}_元, {named}_亿元)"
        else:
            units = f"{named}(万元) (or {named}(元), {named}(亿元))"
        return (
            f"a bare number {cell!r} does not say its unit: write {cell}万元 or {cell}元, "
            f"name the column {units}, or pass --money-unit 万元"
        )

    def spec(self, file: str, number: int, row: dict[str, str], problems: list[Problem]) -> Any:
        """The row validated into its ``*Spec`` model, or None (problems reported)."""
        data: dict[str, Any] = {}
        for column in self.scalars:
            cell = row[column]
            if cell:
                data[column] = cell
        for column in self.lists:
            cell = row[column]
            if cell:
                data[column] = split_list(cell)
        for column in self.money:
            cell = row[column]
            if cell and _BARE_NUMBER.match(unicodedata.normalize("NFKC", cell)):
                if self.money_unit is None:
                    failed = self._failed(file, number, row)
                    problems.append(
                        Problem(Origin(file, number, column), self._bare_money(column, cell), failed)
                    )
                    return None
                data[column] = cell + self.money_unit
        if self.parties and "parties" in data:
            data["parties"] = [{"org": org, "role": PARTY_ROLE} for org in data["parties"]]
        if self.unnamed and "unnamed" in data:
            data["unnamed"] = data["unnamed"].lower() in ("1", "true", "yes", "y", "是")
        for fld, cut, columns in self.dicts:
            values = {c[cut:]: row[c] for c in columns if row[c]}
            if values:
                data[fld] = values
        try:
            return self.validate(data)
        except ValidationError as exc:
            failed = self._failed(file, number, row)
            for err in exc.errors():
                loc = [str(p) for p in err["loc"]]
                problems.append(Problem(Origin(file, number, ".".join(loc)), err["msg"], failed))
            return None

    def _failed(self, file: str, number: int, row: dict[str, str]) -> FailedNode:
        """The node row ``number`` declares, which its failure keeps out of the load."""
        names = (row.get("name", ""), *split_list(row.get("aliases", "")))
        return FailedNode(
            self.label, self.what, row.get("id") or None, tuple(n for n in names if n), Origin(file, number)
        )


#: relationship type name -> Rel (``rel_of`` without its loop over the enum)
_RELS: dict[str, Rel] = {rel.value: rel for rel in Rel}


def _rel_row(
    name: str, file: str, number: int, row: dict[str, str], problems: list[Problem]
) -> RelDecl | None:
    """The relationship of one row of a relationship table, or None (problem reported)."""
    rel, (src, src_labels), (dst, dst_labels), key = REL_TABLES[name]
    origin = Origin(file, number)
    if rel is None:
        try:
            text = row.get("type", "")
            rel = _RELS.get(text) or rel_of(text)  # rel_of: the error of an unknown type
            if rel is Rel.REPORTED_IN:
                raise ValueError("REPORTED_IN is written by the loader")
        except ValueError as exc:
            problems.append(Problem(origin.at("type"), str(exc)))
            return None
    start, end = row.get(src, ""), row.get(dst, "")
    if not start or not end:
        problems.append(Problem(origin.at(src if not start else dst), "empty reference"))
        return None
    props: dict[str, Any] = {}
    if name == "relations":
        for column, value in row.items():
            if column not in ("type", "from", "to", *LINK_COLUMNS) and value:
                props[column] = value
    elif key and row.get(key):
        props[key] = clean_text(row[key]) if key == "title" else row[key]
    key_prop = REL_KEY_PROP.get(rel)
    if key_prop and key_prop not in props:
        if rel in REL_KEY_DEFAULT:
            props[key_prop] = REL_KEY_DEFAULT[rel]
        else:
            problems.append(Problem(origin.at(key_prop), f"{rel.value} needs a {key_prop}"))
            return None
    elif key_prop == "role":
        props["role"] = role_english(props["role"])  # 牵头 -> lead; other text kept
    decl = RelDecl(
        rel,
        Ref(start, src_labels, Origin(file, number, src)),
        Ref(end, dst_labels, Origin(file, number, dst)),
        origin,
        props,
        _row_sources(row),
        split_list(row.get("inferred", "")),
    )
    quote = row.get("quote")
    if quote:
        if not decl.sources:
            problems.append(
                Problem(origin.at("quote"), "a quote needs a source (quotes are kept per source)")
            )
            return None
        decl.quote = clean_text(quote)
    decl.inferred_reason = row.get("inferred_reason") or None
    return decl


def _source_row(file: str, number: int, row: dict[str, str], problems: list[Problem]) -> Iterator[Decl]:
    data: dict[str, Any] = {c: row[c] for c in SOURCE_COLUMNS if row.get(c) and c != "inferred"}
    if row.get("inferred"):
        data["inferred"] = split_list(row["inferred"])
    try:
        spec = SourceSpec.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(Origin(file, number, ".".join(str(p) for p in err["loc"])), err["msg"]))
        return
    ctx = Context(file=file, sources=[], problems=problems, row=number)
    yield convert_source(spec, ctx, ())


def _repeated_columns(
    header: list[str], origin: Origin, problems: list[Problem], column: Callable[[int], str]
) -> bool:
    """Report every column name the header gives twice (a row would keep only the
    last of its cells); True if there is none. ``column`` names a column by index."""
    places: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        if h:
            places.setdefault(h, []).append(i)
    ok = True
    for h, found in places.items():
        if len(found) > 1:
            named = [column(i) for i in found]
            listed = ", ".join(named[:-1]) + " and " + named[-1]
            problems.append(
                Problem(
                    origin.at(h),
                    f"column {h!r} given {'twice' if len(found) == 2 else f'{len(found)} times'} "
                    f"(columns {listed}); "
                    + (
                        "the second would replace the first"
                        if len(found) == 2
                        else "the last would replace the others"
                    ),
                )
            )
            ok = False
    return ok


def _defaulted_roles(decls: Iterator[Decl]) -> Iterator[Decl]:
    """A project row's declarations, its parties marked as having the default role: a
    role another row gives the same party (participations: lead) is the one written."""
    for decl in decls:
        if isinstance(decl, RelDecl) and decl.type is Rel.PARTICIPATES_IN:
            decl.default_key = True
        yield decl


def _column_number(i: int) -> str:
    return str(i + 1)


def table_decls(
    name: str,
    file: str,
    header: list[str],
    rows: Rows,
    problems: list[Problem],
    column: Callable[[int], str] = _column_number,
    money_unit: MoneyUnit | None = None,
) -> Iterator[Decl]:
    """Declarations of one table (``name`` is its file stem / sheet name). ``column``
    names a column of the header by index (CSV: 1, 2 …; a sheet: A, B …).
    ``money_unit``: the unit of a bare number in a money column whose header names none."""
    origin = Origin(file, 1)
    money_headers = _money_headers(header)
    # in place: the rows iterator zips its cells with this very list
    header[:] = english_header(name, header)
    header_unit = _money_units(header)
    if header_unit:
        money_unit = header_unit
    unique = _repeated_columns(header, origin, problems, column)
    if not check_header(name, header, origin, problems) or not unique:
        return
    if name in NODE_TABLES:
        table = _NodeTable(name, header, money_unit, money_headers)
        # one Context for the table, moved to each row: a row's converter runs to its end
        # before the next row is read, and what it declares copies the row's sources
        ctx = Context(file=file, sources=[], problems=problems, row=0)
        for number, row in rows:
            spec = table.spec(file, number, row, problems)
            if spec is not None:
                ctx.row = number
                ctx.sources = _row_sources(row)
                if table.parties:
                    yield from _defaulted_roles(table.convert(spec, ctx, ()))
                else:
                    yield from table.convert(spec, ctx, ())
    elif name == "sources":
        for number, row in rows:
            yield from _source_row(file, number, row, problems)
    else:
        for number, row in rows:
            decl = _rel_row(name, file, number, row, problems)
            if decl is not None:
                yield decl


def table_name(stem: str) -> str | None:
    """The table a file stem / sheet name stands for (``03_projects`` -> projects)."""
    text = stem.strip().lower()
    if text in TABLE_NAMES:
        return text
    tail = re.sub(r"^[0-9]+[_\-. ]*", "", text)
    if tail in TABLE_NAMES:
        return tail
    return _TABLE_OF_ZH.get(text) or _TABLE_OF_ZH.get(tail)


def csv_decls(
    path: Path, problems: list[Problem], nodes_only: bool = False, money_unit: MoneyUnit | None = None
) -> Iterator[Decl]:
    """Declarations of one CSV table (``nodes_only``: skip relationship tables;
    ``money_unit``: the unit of bare numbers in money columns)."""
    name = table_name(path.stem)
    if nodes_only and name in REL_TABLES:
        return
    if name is None:
        problems.append(
            Problem(Origin(str(path)), f"unknown table {path.stem!r}: valid: {_both(TABLE_ORDER, TABLE_ZH)}")
        )
        return
    try:
        for header, rows in csv_rows(path, problems):
            yield from table_decls(name, str(path), header, rows, problems, money_unit=money_unit)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(Origin(str(path)), f"cannot read: {exc}"))


def xlsx_decls(
    path: Path,
    problems: list[Problem],
    nodes_only: bool = False,
    limits: WorkbookLimits = WORKBOOK_LIMITS,
    money_unit: MoneyUnit | None = None,
) -> Iterator[Decl]:
    """Declarations of every sheet of a workbook, in table order (two sheets of one
    table are both read, as two CSV files would be). A workbook over ``limits`` is
    one problem and nothing of it is read."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    file = str(path)
    try:
        refused = archive_problem(file, limits)
        # MemoryError too: the parts openpyxl reads whole are bounded, but not by much
        workbook = None if refused else load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zipfile and openpyxl raise many kinds for a bad file
        problems.append(Problem(Origin(file), f"cannot read workbook: {exc}"))
        return
    if workbook is None:
        problems.append(Problem(Origin(file), f"{refused}; nothing of the workbook was read"))
        return
    try:
        tables: list[tuple[str, Any]] = []
        for sheet in workbook.worksheets:
            if sheet.title.strip().lower() in NOTE_SHEETS:
                continue  # notes for people (the template's 说明)
            name = table_name(sheet.title)
            if name is None:
                problems.append(
                    Problem(
                        Origin(f"{path}[{sheet.title}]"),
                        f"unknown sheet {sheet.title!r}: valid: {_both(TABLE_ORDER, TABLE_ZH)}",
                    )
                )
            elif not (nodes_only and name in REL_TABLES):
                tables.append((name, sheet))
        order = {name: i for i, name in enumerate(TABLE_ORDER)}
        for name, sheet in sorted(tables, key=lambda table: order[table[0]]):
            where = f"{path}[{sheet.title}]"
            values = sheet_rows(sheet, where, problems, limits)
            first = next(values, None)
            header = [_cell(h) for h in first[1]] if first else []
            if any(len(h) > limits.cell_chars for h in header):
                problems.append(
                    Problem(
                        Origin(where, 1), f"a header cell holds more than {limits.cell_chars:,} characters"
                    )
                )
                continue
            rows = _xlsx_rows(where, values, header, problems, limits)
            yield from table_decls(
                name, where, header, rows, problems, lambda i: get_column_letter(i + 1), money_unit
            )
    finally:
        workbook.close()
