"""Strict parsing: no typo or damaged file passes silently, every problem names its line.

YAML keys given twice, CSV/xlsx headers given twice, cells beyond the header, bad or
unclosed quotes; workbooks whose declared size lies, whose sheets claim a million
rows, whose parts unpack to more than a workbook may hold. All of it is read without
Neo4j (``validate_paths(None, …)`` and the readers), so this is the unit tier.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from iegraph.errors import InputError
from iegraph.loaders.passes import validate_paths
from iegraph.loaders.records import Problem
from iegraph.loaders.tables import xlsx_decls
from iegraph.loaders.workbook import WorkbookLimits, sheet_rows
from tests.test_load import write

ORGS = [["id", "name", "kind"], ["o1", "甲学院", "College"], ["o2", "乙公司", "Enterprise"]]


def problems_of(*paths: Path) -> list[str]:
    """The problems ``load --check`` would list for ``paths`` (none: the empty list)."""
    try:
        validate_paths(None, list(paths))
    except InputError as exc:
        return [str(p) for p in exc.problems]  # type: ignore[attr-defined]
    return []


def node_count(*paths: Path) -> int:
    """How many node declarations ``paths`` make (they must be free of problems)."""
    _inputs, _resolver, counts = validate_paths(None, list(paths))
    return counts["nodes"]


# -- YAML ---------------------------------------------------------------------------


def test_a_yaml_key_given_twice_is_a_problem_at_the_second_key(tmp_path: Path) -> None:
    sheet = write(
        tmp_path / "twice.yaml",
        "source: {id: s1, title: 报道}\n"  # 1
        "organizations:\n"  # 2
        "  - name: 甲学院\n"  # 3
        "    kind: College\n"  # 4
        "    name: 乙学院\n"  # 5
        "organizations:\n"  # 6
        "  - {name: 丙公司, kind: Enterprise}\n",  # 7
    )
    problems = problems_of(sheet)
    assert f"{sheet}:5: organizations.0.name: key 'name' given twice (first on line 3)" in problems[0]
    assert problems[1].startswith(
        f"{sheet}:6: organizations: key 'organizations' given twice (first on line 2)"
    )
    assert len(problems) == 2, problems


def test_yaml_merge_keys_and_equal_keys_of_different_mappings_pass(tmp_path: Path) -> None:
    sheet = write(
        tmp_path / "merge.yaml",
        "source: {id: s1, title: 报道}\n"
        "organizations:\n"
        "  - &college {name: 甲学院, kind: College, level: higher_vocational}\n"
        "  - <<: *college\n"
        "    name: 乙学院\n"
        "  - {name: 丙公司, kind: Enterprise}\n",
    )
    assert node_count(sheet) == 4  # the source and three organisations


# -- CSV ----------------------------------------------------------------------------


def test_a_csv_header_given_twice_names_both_columns(tmp_path: Path) -> None:
    table = write(tmp_path / "t" / "organizations.csv", "id,name,kind,name\no1,甲学院,College,乙学院\n")
    assert problems_of(table.parent) == [
        f"{table}:1: name: column 'name' given twice (columns 2 and 4); the second would replace the first"
    ]


def test_cells_beyond_the_csv_header_are_a_problem_of_their_row(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        "id,name,kind,aliases\n"
        "o1,甲学院,College,甲院\n"
        "o2,乙学院,College,乙院;乙校,乙学\n"  # the ; list was typed with a comma
        "o3,丙公司,Enterprise,,\n",  # an empty cell beyond the header loses nothing
    )
    assert problems_of(table.parent) == [f"{table}:3: a cell without a header would be lost: column 5 '乙学'"]
    # the same folder without the typo loads all three
    write(table, table.read_text(encoding="utf-8").replace("乙校,乙学", "乙校;乙学"))
    assert node_count(table.parent) == 3


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        "id,name,kind\n"
        "o1,甲学院,College\n"
        'o2,"乙公司,Enterprise\n'  # 3: the quote opens here and never closes
        "o3,丙公司,Enterprise\n"
        "o4,丁公司,Enterprise\n",
    )
    problems = problems_of(table.parent)
    assert len(problems) == 1 and problems[0].startswith(f"{table}:3: unclosed quote"), problems


def test_an_unclosed_quote_that_runs_past_the_field_limit(tmp_path: Path) -> None:
    rows = "".join(f"o{i},公司{i}号,Enterprise\n" for i in range(3, 20_000))
    table = write(
        tmp_path / "t" / "organizations.csv",
        'id,name,kind\no1,甲学院,College\no2,"乙公司,Enterprise\n' + rows,
    )
    problems = problems_of(table.parent)
    assert len(problems) == 1 and problems[0].startswith(f"{table}:3: unclosed quote"), problems


def test_text_after_a_closing_quote_is_bad_quoting_on_its_line(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        'id,name,kind\no1,甲学院,College\no2,"乙"公司,Enterprise\no3,丙公司,Enterprise\n',
    )
    problems = problems_of(table.parent)
    assert len(problems) == 1 and problems[0].startswith(f"{table}:3: bad quoting"), problems


def test_quoted_cells_over_several_lines_keep_later_rows_on_their_lines(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        'id,name,kind,note\no1,甲学院,College,"两行\n的备注"\no2,乙公司,Firm,\n',
    )
    # the row starting on line 2 ends on line 3; the next row is line 4
    assert problems_of(table.parent) == [
        f"{table}:4: kind: unknown organisation kind 'Firm': valid: Government (政府), College (院校), "
        "Enterprise (企业), ResearchInstitute (科研院所), Association (协会), OtherOrganization (其他)"
    ]


# -- xlsx: strictness -----------------------------------------------------------------


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook as openpyxl writes it: a <dimension>, inline strings."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def edit_part(path: Path, part: str, edit: Callable[[str], str]) -> None:
    """Rewrite one part (XML text) of the workbook's zip, the others unchanged."""
    with zipfile.ZipFile(path) as old:
        parts = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts:
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            new.writestr(info.filename, data)


def share_strings(path: Path) -> Path:
    """Move the sheets' inline strings into a shared-strings part, as Excel writes them
    (openpyxl writes inline strings)."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info).decode("utf-8") for info in old.infolist()}
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(match.group(2))
        return f'<c {match.group(1)}t="s"><v>{len(strings) - 1}</v>'

    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = re.sub(r'<c ([^>]*)t="inlineStr"><is><t>(.*?)</t></is>', shared, parts[name])
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, text in parts.items():
            new.writestr(name, text)
    return path


def declare_size(path: Path, part: str, size: int) -> None:
    """Make the zip's central directory declare ``size`` unpacked bytes for ``part``
    (the data stays as it is: the header lies)."""
    data = bytearray(path.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_length].decode() == part:
            struct.pack_into("<I", data, start + 24, size)
            path.write_bytes(bytes(data))
            return
        start += 46
    raise AssertionError(f"no part {part}")


def sheet_problems(path: Path, limits: WorkbookLimits | None = None) -> tuple[int, list[str]]:
    """(node declarations, problems) of one workbook read with ``limits`` (default: the
    loader's own)."""
    problems: list[Problem] = []
    decls = xlsx_decls(path, problems) if limits is None else xlsx_decls(path, problems, limits=limits)
    nodes = sum(1 for _ in decls)
    return nodes, [str(p) for p in problems]


def test_a_workbook_header_given_twice_and_cells_beyond_it(tmp_path: Path) -> None:
    book = workbook(
        tmp_path / "b.xlsx",
        {
            "organizations": [["id", "name", "kind", "name"], ["o1", "甲学院", "College", "乙学院"]],
            "people": [
                ["id", "name", None, "note"],
                ["p1", "张三", "校长", ""],
                ["p2", "李四", "", "", "", "x"],
            ],
        },
    )
    _nodes, problems = sheet_problems(book)
    assert problems == [
        f"{book}[organizations]:1: name: column 'name' given twice (columns B and D); "
        "the second would replace the first",
        f"{book}[people]:2: a cell without a header would be lost: C2 '校长'",
        f"{book}[people]:3: a cell without a header would be lost: F3 'x'",
    ]


# -- xlsx: what the file declares is not trusted ----------------------------------------


def test_rows_and_columns_past_a_stale_dimension_are_read(tmp_path: Path) -> None:
    rows = [
        ["id", "name", "kind", "aliases"],
        ["o1", "甲学院", "College", "甲院"],
        ["o2", "乙公司", "Enterprise", "乙"],
    ]
    book = workbook(tmp_path / "stale.xlsx", {"organizations": rows})
    edit_part(book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace('ref="A1:D3"', 'ref="A1:C2"'))
    inputs, _resolver, _counts = validate_paths(None, [book])
    assert [(d.name, d.aliases) for d in inputs[0].nodes or []] == [("甲学院", ["甲院"]), ("乙公司", ["乙"])]


def test_a_dimension_of_a_million_rows_reads_the_rows_there_are(tmp_path: Path) -> None:
    # a sheet formatted far down declares A1:XFD1048576 and holds one empty styled
    # cell in row 1000. A reader trusting the dimension pads every row to 16,384 cells
    # (the old loader: minutes for a 5 KB workbook whose styled cell is in row 1,048,576);
    # here rows are as wide as their last cell, missing ones empty
    book = workbook(tmp_path / "huge-dim.xlsx", {"organizations": ORGS})
    edit_part(
        book,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace('ref="A1:C3"', 'ref="A1:XFD1048576"').replace(
            "</sheetData>", '<row r="1000"><c r="XFD1000" s="0"/></row></sheetData>'
        ),
    )
    problems: list[Problem] = []
    opened = load_workbook(book, read_only=True, data_only=True)
    widths = Counter(len(row) for _number, row in sheet_rows(opened["organizations"], "here", problems))
    opened.close()
    assert widths == {3: 3, 0: 996, 16_384: 1} and problems == []
    assert sheet_problems(book) == (2, [])


def test_rows_past_the_row_cap_are_a_problem(tmp_path: Path) -> None:
    book = workbook(tmp_path / "far.xlsx", {"organizations": ORGS})
    # one more row, numbered far beyond the cap: every row up to it counts
    edit_part(
        book,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            "</sheetData>", '<row r="50"><c r="A50" t="inlineStr"><is><t>o3</t></is></c></row></sheetData>'
        ),
    )
    assert sheet_problems(book, WorkbookLimits(rows=40))[1] == [
        f"{book}[organizations]:41: more than 40 rows (the most a sheet may hold)"
    ]
    # within Excel's 1,048,576 rows the row is read (it lacks a name and kind)
    assert any(p.startswith(f"{book}[organizations]:50: ") for p in sheet_problems(book)[1])


def long_cell_book(path: Path) -> Path:
    """Three organisations, the third named by 1,000,000 characters (3 MB standing
    in for the 1 GiB cell), in a shared string. openpyxl writes no cell over Excel's
    32,767 characters, so the name is put into the part afterwards."""
    book = workbook(path, {"organizations": [*ORGS, ["o3", "LONG", "College"]]})
    edit_part(
        book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(">LONG<", ">" + "长" * 1_000_000 + "<")
    )
    return share_strings(book)


def test_a_cell_over_the_cell_cap_names_its_cell(tmp_path: Path) -> None:
    book = long_cell_book(tmp_path / "long.xlsx")
    assert sheet_problems(book)[1] == [
        f"{book}[organizations]:4: name: cell B4 holds 1,000,000 characters; a cell may hold at most 32,767"
    ]


def test_a_shared_string_part_over_the_part_cap_is_refused_unread(tmp_path: Path) -> None:
    book = long_cell_book(tmp_path / "long.xlsx")
    nodes, problems = sheet_problems(book, WorkbookLimits(part_bytes=1 << 20))
    assert nodes == 0
    assert len(problems) == 1 and re.fullmatch(
        rf"{re.escape(str(book))}: part xl/sharedStrings\.xml unpacks to 2\.9 MiB, more than the 1\.0 MiB "
        r"a part read whole may hold; nothing of the workbook was read.*",
        problems[0],
    ), problems


def test_a_part_declaring_a_gibibyte_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    book = share_strings(workbook(tmp_path / "bomb.xlsx", {"organizations": ORGS}))
    declare_size(book, "xl/sharedStrings.xml", 1 << 30)
    problems = problems_of(book)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"{book}: part xl/sharedStrings.xml unpacks to 1.0 GiB, more than the 512.0 MiB a part read whole may hold"
    )


def test_a_sheet_over_the_workbook_cap_is_named(tmp_path: Path) -> None:
    book = workbook(tmp_path / "bomb.xlsx", {"sources": [["id", "title"]], "organizations": ORGS})
    declare_size(book, "xl/worksheets/sheet2.xml", 3 << 30)
    problems = problems_of(book)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"{book}: unpacks to 3.0 GiB, more than the 2.0 GiB a workbook may hold "
        "(sheet 'organizations', xl/worksheets/sheet2.xml: 3.0 GiB)"
    )


def test_a_part_larger_than_its_header_says_is_cut_there_and_refused(tmp_path: Path) -> None:
    # zipfile unpacks no more than the declared size, then the checksum fails: a lying
    # header costs no more than the size it declares, and the failure is a problem
    rows = [*ORGS, *([f"o{i}", f"公司{i}号", "Enterprise"] for i in range(3, 300))]
    book = workbook(tmp_path / "liar.xlsx", {"organizations": rows})
    with zipfile.ZipFile(book) as archive:
        size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    declare_size(book, "xl/worksheets/sheet1.xml", size // 2)
    problems = problems_of(book)
    # openpyxl reads the sheet's start when it opens the workbook (the <dimension>),
    # the rest while the rows stream: cut half-way, the sheet fails while streaming
    assert len(problems) == 1, problems
    assert re.fullmatch(
        rf"{re.escape(str(book))}\[organizations\]:\d+: cannot read the sheet: "
        r"Bad CRC-32 for file 'xl/worksheets/sheet1\.xml'",
        problems[0],
    ), problems
    declare_size(book, "xl/worksheets/sheet1.xml", 300)  # cut within the first part read
    assert problems_of(book) == [
        f"{book}: cannot read workbook: Bad CRC-32 for file 'xl/worksheets/sheet1.xml'"
    ]


def test_parts_packed_other_than_by_deflate_are_refused(tmp_path: Path) -> None:
    book = share_strings(workbook(tmp_path / "bz.xlsx", {"organizations": ORGS}))
    with zipfile.ZipFile(book) as old:
        parts = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(book, "w") as new:
        for name, data in parts:
            packing = zipfile.ZIP_BZIP2 if name == "xl/sharedStrings.xml" else zipfile.ZIP_DEFLATED
            new.writestr(name, data, compress_type=packing)
    assert problems_of(book) == [
        f"{book}: part xl/sharedStrings.xml is packed with method 12; a workbook's parts are "
        "stored or deflated; nothing of the workbook was read"
    ]


@pytest.mark.parametrize("text", ["not a zip", ""])
def test_a_file_that_is_no_workbook_is_one_problem(tmp_path: Path, text: str) -> None:
    book = write(tmp_path / "junk.xlsx", text)
    problems = problems_of(book)
    assert len(problems) == 1 and problems[0].startswith(f"{book}: cannot read workbook:"), problems
