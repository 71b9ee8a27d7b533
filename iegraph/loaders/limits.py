"""What Neo4j would refuse (or store as garbage), refused before the first write.

The validation pass (``iegraph.loaders.passes.validate_paths``) runs ``check_decl`` on
every declaration, so a value that the database would reject half-way through a load
(after earlier batches were committed) is a ``Problem`` with its file, line and field
instead, and nothing is written. What is checked, and why:

- **Index key size.** A range index (and the range index behind a uniqueness
  constraint) holds a string key of at most about 8 KB of UTF-8 (measured on Neo4j
  5.26: 8,164 bytes of ASCII, 2,721 CJK characters = 8,163 bytes; the limit is in
  bytes, and tests/test_load_limits.py shows it is there). Every string
  property that one of ``iegraph.schema.model``'s range indexes or constraints covers
  for the node's label (``id``, ``name``, ``name_key``, ``uscc``, ``moe_code``,
  ``type``, ``date`` …, see ``INDEXED``) may hold at most ``INDEX_KEY_BYTES`` bytes:
  half the limit, so that a change of key layout between versions cannot bite.
- **Text size.** No string value longer than ``MAX_TEXT_CHARS`` characters (an Excel
  cell's limit, which workbooks already have): it bounds what one value adds to a
  batch of thousands of rows (Neo4j stored a 30-million-character string in one row;
  the transaction memory of a batch of long values was not measured).
- **Property types.** A property value is a string, a boolean, an integer, a float or
  a list of values of one of these types; Neo4j refuses lists that mix types, lists
  holding null or lists, and maps. An integer and a float are two types here too
  (refused here so that a list reads back as written). A property name is not empty.
- **Numbers.** Integers are 64-bit signed (the driver cannot send anything larger);
  floats are finite (Neo4j would store NaN and infinity, but they are no amount,
  NaN never equals itself in a MERGE key, and neither is valid JSON).
- **Characters.** Names, aliases and ids carry no control character (C0, DEL, C1)
  and no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which
  would make a name print as another. Other text (quotes, notes, titles of roles …)
  may hold tab, line feed and carriage return, no other control character. No string
  may hold a lone surrogate (not UTF-8: the driver cannot send it).
"""

from __future__ import annotations

import math
import re
import unicodedata

from iegraph.loaders.records import NodeDecl, Origin, Problem, RelDecl
from iegraph.names import name_key
from iegraph.schema.model import CONSTRAINTS, INDEXES, ORG_KINDS, Label

#: Bytes of UTF-8 that an indexed string property may hold (half of Neo4j's range
#: index key limit of about 8 KB).
INDEX_KEY_BYTES = 4_000
#: Characters that any string value may hold (an Excel cell's limit).
MAX_TEXT_CHARS = 32_767
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _indexed() -> dict[Label, frozenset[str]]:
    """Label -> the properties a range index or uniqueness constraint covers."""
    props: dict[Label, set[str]] = {}
    for constraint in CONSTRAINTS:
        if isinstance(constraint.label, Label):
            props.setdefault(constraint.label, set()).add(constraint.prop)
    for index in INDEXES:
        if not index.fulltext:  # Lucene splits long text into terms: no key limit
            props.setdefault(index.label, set()).update(index.props)
    for kind in ORG_KINDS:  # an organisation carries the Organization label too
        props.setdefault(kind, set()).update(props.get(Label.ORGANIZATION, ()))
    return {label: frozenset(p) for label, p in props.items()}


#: Label -> its properties that a range index holds (from the schema, so it stays true).
INDEXED: dict[Label, frozenset[str]] = _indexed()

_BIDI = "\u202a-\u202e\u2066-\u2069"
#: In names, aliases and ids: every control character, bidi controls, lone surrogates.
_IDENTITY_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
#: In other text: controls but tab, line feed and carriage return; lone surrogates.
_TEXT_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_C0 = [
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "HT",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
]


def describe_char(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``, ``U+001B ESC (control)``: a character as a
    reader can tell it, whether or not it prints."""
    code = ord(ch)
    if code < 0x20:
        return f"U+{code:04X} {_C0[code]} (control)"
    if code == 0x7F:
        return "U+007F DEL (control)"
    if 0x80 <= code <= 0x9F:
        return f"U+{code:04X} (C1 control)"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (lone surrogate, not UTF-8)"
    return f"U+{code:04X} {unicodedata.name(ch, 'unnamed')}"


def text_problem(value: str, identity: bool = False) -> str | None:
    """Why the string ``value`` cannot be stored (None when it can). ``identity``: it is
    a name, alias or id, held to the stricter character rule."""
    if len(value) > MAX_TEXT_CHARS:
        return f"{len(value):,} characters; a text value holds at most {MAX_TEXT_CHARS:,}"
    bad = (_IDENTITY_BAD if identity else _TEXT_BAD).search(value)
    if bad is not None:
        what = "a name, alias or id" if identity else "text"
        return f"holds {describe_char(bad.group())}, not allowed in {what} (at character {bad.start() + 1})"
    return None


def index_problem(value: str, prop: str, label: Label) -> str | None:
    """Why ``value`` is too large for the index on ``label.prop`` (None when it fits)."""
    # at most 4 bytes a character: most values are decided without encoding them
    if len(value) * 4 <= INDEX_KEY_BYTES:
        return None
    size = len(value.encode("utf-8", "surrogatepass"))
    if size <= INDEX_KEY_BYTES:
        return None
    return (
        f"{size:,} bytes of UTF-8; {label.value}.{prop} is indexed and an indexed value "
        f"holds at most {INDEX_KEY_BYTES:,} bytes"
    )


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "map"
    return type(value).__name__


def _scalar_problem(value: object) -> str | None:
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return None
        return f"the integer {value} is outside the 64-bit range ({INT64_MIN} to {INT64_MAX})"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a finite number"
    return f"a {_type_name(value)} cannot be stored (a string, number, boolean or a list of one of them)"


def value_problem(value: object) -> str | None:
    """Why the property value ``value`` cannot be stored in Neo4j (None when it can)."""
    if not isinstance(value, list):
        return _scalar_problem(value)
    types = {_type_name(v) for v in value}
    for bad in ("null", "list", "map"):
        if bad in types:
            return f"a list holding a {bad} cannot be stored (items are strings, numbers or booleans)"
    if len(types) > 1:
        return f"a list mixes {', '.join(sorted(types))}; a stored list holds values of one type"
    for i, item in enumerate(value):
        reason = _scalar_problem(item)
        if reason is not None:
            return f"item {i}: {reason}"
    return None


#: property names already found fine (a table's few column names recur on every row)
_GOOD_KEYS: set[str] = set()


def _props(
    props: dict[str, object],
    origin: Origin,
    problems: list[Problem],
    indexed: frozenset[str] = frozenset(),
    label: Label | None = None,
) -> None:
    """Append a problem for each property of ``props`` Neo4j would refuse (or, when
    ``label`` is given, that is too large for its index)."""
    for key, value in props.items():
        # the common case first: a short clean string under a known name (one per row)
        if (
            key in _GOOD_KEYS
            and type(value) is str
            and len(value) * 4 <= INDEX_KEY_BYTES
            and _TEXT_BAD.search(value) is None
        ):
            continue
        if key not in _GOOD_KEYS:
            # a table's column names become property names: Neo4j refuses an empty one
            reason = "an empty property name" if not key else text_problem(key, identity=True)
            if reason is not None:
                problems.append(Problem(origin.at(key), reason))
                continue
            _GOOD_KEYS.add(key)
        reason = value_problem(value)
        if reason is None and label is not None and key in indexed and isinstance(value, str):
            reason = index_problem(value, key, label)
        if reason is not None:
            problems.append(Problem(origin.at(key), reason))


def check_decl(decl: NodeDecl | RelDecl, problems: list[Problem]) -> None:
    """Append a problem for every value of ``decl`` that Neo4j would refuse or that
    breaks the character rules above (this module's docstring)."""
    origin = decl.origin
    if isinstance(decl, RelDecl):
        if decl.props:
            _props(decl.props, origin, problems)
        if decl.quote is not None or decl.inferred_reason is not None:
            for fld, text in (("quote", decl.quote), ("inferred_reason", decl.inferred_reason)):
                reason = text_problem(text) if text is not None else None
                if reason is not None:
                    problems.append(Problem(origin.at(fld), reason))
        if decl.inferred:
            reason = value_problem(decl.inferred)
            if reason is not None:
                problems.append(Problem(origin.at("inferred"), reason))
        return
    label = decl.label
    indexed = INDEXED.get(label, frozenset())
    name = decl.name
    if label is Label.SOURCE:  # its name is its title, free text (and in props too)
        name = ""
    reason = text_problem(name, identity=True)
    if reason is None and "name" in indexed:
        reason = index_problem(name, "name", label)
    if reason is None and "name_key" in indexed:
        key = name_key(name)
        reason = index_problem(key, "name_key", label)
        if reason is not None:
            reason = "its matching key is " + reason
    if reason is not None:
        problems.append(Problem(origin.at("name"), reason))
    if decl.id is not None:
        reason = text_problem(decl.id, identity=True) or index_problem(decl.id, "id", label)
        if reason is not None:
            problems.append(Problem(origin.at("id"), reason))
    for i, alias in enumerate(decl.aliases):
        reason = text_problem(alias, identity=True)
        if reason is not None:
            problems.append(Problem(origin.at(f"aliases.{i}"), reason))
    if decl.props:
        _props(decl.props, origin, problems, indexed, label)
    if decl.quote is not None:
        reason = text_problem(decl.quote)
        if reason is not None:
            problems.append(Problem(origin.at("quote"), reason))
    if decl.inferred:
        reason = value_problem(decl.inferred)
        if reason is not None:
            problems.append(Problem(origin.at("inferred"), reason))
