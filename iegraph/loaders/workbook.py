"""Open .xlsx workbooks without trusting what they declare about themselves.

A workbook is a zip of XML parts. openpyxl (read-only mode) streams the worksheet
parts but reads every other part whole — the shared strings (every distinct text of
every cell), styles, the workbook part — and it trusts a sheet's declared
``<dimension>``: rows past a stale one are dropped, and a sheet declaring
``A1:XFD1048576`` is padded to 16,384 cells by 1,048,576 rows. So:

- before openpyxl unpacks anything, the zip's directory is checked
  (``archive_problem``): only stored or deflated parts, each part read whole no
  larger than ``WorkbookLimits.part_bytes``, all parts together no larger than
  ``total_bytes``. zipfile never unpacks more than the size a part declares (past
  it the checksum fails), so a lying header costs no more than what it declares;
- sheets are read by their rows, not by their declared size (``sheet_rows``):
  the dimension is reset, reading stops at the last row the sheet holds, and a
  row number past ``WorkbookLimits.rows`` is a problem;
- anything openpyxl raises while streaming a sheet (a damaged part) is a problem
  of that sheet, never a traceback.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from iegraph.loaders.records import Origin, Problem


@dataclass(frozen=True, slots=True)
class WorkbookLimits:
    """How much a workbook may hold. Past a byte limit the workbook is refused unread
    (one problem naming the part); past the row or cell limit, the row is a problem.

    The defaults pass a national-scale sheet: 10^6 organisations (``iegraph generate
    --orgs 1000000``) make a 1,000,001-row sheet of about 460 MB as openpyxl writes
    it (inline strings; Excel's shared strings make it smaller). Larger tables load
    as CSV files, which have no such limits (they are streamed line by line)."""

    #: rows per sheet, the header row included: the most an Excel sheet holds
    rows: int = 1_048_576
    #: characters per cell: the most an Excel cell holds
    cell_chars: int = 32_767
    #: unpacked bytes of any part openpyxl reads whole (the shared strings above all)
    part_bytes: int = 512 << 20
    #: unpacked bytes of all parts together (worksheet parts are streamed)
    total_bytes: int = 2 << 30


WORKBOOK_LIMITS = WorkbookLimits()

_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SHEET_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
#: content types of a workbook part, in the order openpyxl looks for them
_WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    f"{_SHEET_ML}.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    f"{_SHEET_ML}.sheet.main+xml",
)
_SHARED_STRINGS_TYPE = f"{_SHEET_ML}.sharedStrings+xml"
#: parts openpyxl reads whole by their fixed names, whatever else may point at them
_READ_WHOLE = frozenset(
    (
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "docProps/custom.xml",
        "xl/theme/theme1.xml",
        "xl/styles.xml",
    )
)


def size_text(n: int) -> str:
    """A byte count for people: 8.6 MiB, 2.0 GiB."""
    for unit, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if n >= unit:
            return f"{n / unit:.1f} {name}"
    return f"{n} bytes"


def _sheet_parts(archive: zipfile.ZipFile, limits: WorkbookLimits) -> dict[str, str]:
    """Part name -> title of each worksheet, found as openpyxl finds them (the
    workbook part by its content type, its sheets through its relationships): the
    parts it streams. Empty when they cannot be found: every part then counts as
    read whole, which is stricter, never laxer."""

    def tree(name: str) -> ElementTree.Element:
        info = archive.getinfo(name)
        if info.file_size > limits.part_bytes:
            raise ValueError(name)  # the caller reports it as a part read whole
        # expat refuses entity expansion bombs and resolves no external entities
        return ElementTree.fromstring(archive.read(info))  # noqa: S314

    try:
        types: dict[str, str] = {}
        for override in tree("[Content_Types].xml").iter(f"{_CONTENT_TYPES}Override"):
            types.setdefault(override.get("ContentType", ""), override.get("PartName", "").lstrip("/"))
        book = next((types[t] for t in _WORKBOOK_TYPES if t in types), "xl/workbook.xml")
        folder, base = posixpath.split(book)
        book_rels = posixpath.join(folder, "_rels", base + ".rels")
        targets: dict[str, str] = {}
        for rel in tree(book_rels).iter(f"{_RELATIONSHIPS}Relationship"):
            target = rel.get("Target", "")
            if rel.get("Type", "").endswith("/worksheet") and rel.get("TargetMode") != "External":
                # openpyxl: absolute from the package root, else relative to the workbook's folder
                targets[rel.get("Id", "")] = (
                    target[1:]
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
        sheets = {
            targets[rid]: sheet.get("name", "")
            for sheet in tree(book).iter(f"{_MAIN}sheet")
            if (rid := sheet.get(f"{_DOC_RELATIONSHIPS}id", "")) in targets
        }
    except (KeyError, ValueError, ElementTree.ParseError):
        return {}
    whole = _READ_WHOLE | {book, book_rels, types.get(_SHARED_STRINGS_TYPE, "")}
    return {part: title for part, title in sheets.items() if part not in whole}


def archive_problem(path: str, limits: WorkbookLimits = WORKBOOK_LIMITS) -> str | None:
    """Why the workbook at ``path`` is refused before openpyxl unpacks any of it, or
    None. Reads the zip's directory and the three small parts that name the sheets.
    Raises what zipfile raises for a file that is not a zip (OSError, BadZipFile)."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        for info in infos:
            # a workbook's parts are deflated; other methods (bzip2, lzma) unpack a
            # read's input without a bound on its output
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                return (
                    f"part {info.filename} is packed with method {info.compress_type}; "
                    "a workbook's parts are stored or deflated"
                )
        sheets = _sheet_parts(archive, limits)
    for info in infos:
        if info.filename not in sheets and info.file_size > limits.part_bytes:
            return (
                f"part {info.filename} unpacks to {size_text(info.file_size)}, more than the "
                f"{size_text(limits.part_bytes)} a part read whole may hold"
            )
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        largest = max(infos, key=lambda info: info.file_size)
        title = sheets.get(largest.filename)
        named = f"sheet {title!r}, " if title is not None else ""
        return (
            f"unpacks to {size_text(total)}, more than the {size_text(limits.total_bytes)} a workbook "
            f"may hold ({named}{largest.filename}: {size_text(largest.file_size)})"
        )
    return None


def sheet_rows(
    sheet: Any, where: str, problems: list[Problem], limits: WorkbookLimits = WORKBOOK_LIMITS
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cell values) of a read-only openpyxl sheet, from row 1 to the last
    row it holds, whatever its ``<dimension>`` declares. A row is as wide as its last
    cell (a missing row is ``()``). Past ``limits.rows`` rows, or when the sheet's part
    cannot be read, a problem at ``where`` ends the sheet."""
    sheet.reset_dimensions()  # read-only openpyxl would stop at, and pad to, the declared size
    values = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            row = next(values, None)
        except Exception as exc:  # noqa: BLE001 - a damaged part: zip checksum, zlib, XML, cell values
            problems.append(Problem(Origin(where, number + 1), f"cannot read the sheet: {exc}"))
            return
        if row is None:
            return
        number += 1
        if number > limits.rows:
            problems.append(
                Problem(Origin(where, number), f"more than {limits.rows:,} rows (the most a sheet may hold)")
            )
            return
        yield number, row
