"""Qualified amounts and counts: how they are stored on nodes and how they are read back.

A source rarely gives a bare number: it writes ``2800余个`` (more than 2800),
``近120家`` (nearly 120), ``1.2亿元``. Such a value is kept as a :class:`Quantity` —
the number, the source's qualifier word, the unit word and the text as written — so
that answers can print it as the article did and machines still get a number.

Storage scheme (the graph contract, docs/contributing.md): an amount property with
base name ``B`` (``investment``, ``output_<key>``, ``reported_<key>``, ``target_<key>``,
``attendee_count_<key>``, ``signatory_count``) is stored as up to four properties

- ``B`` — the number (int when whole), magnitude words applied (``1.2亿元`` -> 120000000);
- ``B_qualifier`` — the qualifier word as the source writes it (``余``, ``多``, ``近``,
  ``约``, ``超``, ``以上``, ``左右``, ``逾`` …; see ``iegraph.names``), absent when none;
- ``B_unit`` — the unit word after the number (``元``, ``人次``, ``家``, ``个``), absent when none;
- ``B_text`` — the source's text (``2.6万余人次``), absent when the sheet gave a plain number.

``amount_props`` writes that scheme (the loader's one way to store an amount),
``read_quantity`` / ``read_quantities`` read it back (every question's one way to read
one). Graphs loaded before this scheme stored ``investment_yuan`` / ``investment_text``,
``<prefix>text_<key>`` and a ``<prefix>approx`` list; those are still read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeGuard, get_args

from iegraph.names import QUALIFIERS_BEFORE, parse_amount

#: Suffixes of the companion properties of an amount's base property.
QUALIFIER, UNIT, TEXT = "_qualifier", "_unit", "_text"
COMPANIONS: tuple[str, ...] = (QUALIFIER, UNIT, TEXT)
#: The qualifier of a value we derived from approximate parts (a sum): a symbol, so it
#: is never mistaken for a word of the source.
DERIVED_APPROX = "≈"

_BEFORE = frozenset((*QUALIFIERS_BEFORE, DERIVED_APPROX))

#: The units money may be given in when the number itself says none (``--money-unit``,
#: a table header such as ``investment_万元``, a fact sheet's ``money_unit:``).
MoneyUnit = Literal["元", "万元", "亿元"]
MONEY_UNITS: tuple[MoneyUnit, ...] = get_args(MoneyUnit)
_BARE_NUMBER = re.compile(r"^[0-9][0-9,]*(?:\.[0-9]+)?$")


def _number_text(value: int | float) -> str:
    """A number as a reader writes it: no exponent, no trailing zeros."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return format(value, "f").rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount or count as the source gives it.

    ``value`` is the number (magnitude applied), ``qualifier`` the source's word that
    makes it approximate or a bound (None for a plain number), ``unit`` the unit word,
    ``text`` the source's own writing (None when a plain number was given). ``str()``
    shows it as the source does: the text, else the parts put together (``近120``).
    """

    value: int | float
    qualifier: str | None = None
    unit: str | None = None
    text: str | None = None

    @property
    def exact(self) -> bool:
        """True when no qualifier makes the number approximate or a bound."""
        return self.qualifier is None

    def display(self) -> str:
        """The quantity as the article writes it (``2800余``, ``近120``, ``1.2亿元``)."""
        if self.text:
            return self.text
        number = _number_text(self.value)
        q = self.qualifier or ""
        if q in _BEFORE:
            return f"{q}{number}{self.unit or ''}"
        return f"{number}{q}{self.unit or ''}"

    def __str__(self) -> str:
        return self.display()


def bare_money(value: object) -> str | None:
    """The text of ``value`` when it is a bare number — one that says no unit (``2000``,
    ``3,000``, ``１２００``) — else None. In a money field such a number is ambiguous:
    a sheet kept in 万元 would load 10,000x too small if it were read as yuan."""
    if is_number(value):
        return _number_text(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if _BARE_NUMBER.match(text):
            return value.strip()
    return None


def parse_quantity(raw: int | float | str) -> Quantity:
    """A number or Chinese amount text as a Quantity; ValueError when there is no number."""
    amount = parse_amount(raw)
    text = amount.text if isinstance(raw, str) else None
    return Quantity(amount.number, amount.qualifier, amount.unit, text)


def amount_props(base: str, raw: int | float | str) -> dict[str, Any]:
    """The properties that store amount ``raw`` under base name ``base`` (the scheme
    above); ValueError when ``raw`` holds no number."""
    q = parse_quantity(raw)
    props: dict[str, Any] = {base: q.value}
    if q.qualifier:
        props[base + QUALIFIER] = q.qualifier
    if q.unit:
        props[base + UNIT] = q.unit
    if q.text is not None and q.text != _number_text(q.value):
        props[base + TEXT] = q.text
    return props


def is_number(value: Any) -> TypeGuard[int | float]:
    """True for an int or float property value (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# Where graphs loaded before this scheme kept an amount's text and approximation.
_LEGACY_BASE = {"investment": "investment_yuan"}
_LEGACY_TEXT = {"investment": "investment_text"}


def _legacy_prefixed(base: str, prefixes: Sequence[str]) -> tuple[str, str] | None:
    for prefix in prefixes:
        if base.startswith(prefix):
            return prefix, base[len(prefix) :]
    return None


_PREFIXES = ("output_", "reported_", "target_", "attendee_count_")


def read_quantity(props: Mapping[str, Any], base: str) -> Quantity | None:
    """The amount stored under ``base`` in a node's properties, or None when absent."""
    value = props.get(base)
    if not is_number(value):
        legacy = _LEGACY_BASE.get(base)
        value = props.get(legacy) if legacy else None
        if not is_number(value):
            return None
    qualifier = props.get(base + QUALIFIER)
    unit = props.get(base + UNIT)
    text = props.get(base + TEXT)
    if qualifier is None and unit is None and text is None:
        # A graph loaded before the scheme: the text (if kept) says it all.
        old_text = props.get(_LEGACY_TEXT.get(base, ""))
        split = _legacy_prefixed(base, _PREFIXES)
        if old_text is None and split:
            old_text = props.get(f"{split[0]}text_{split[1]}")
        if isinstance(old_text, str):
            try:
                old = parse_quantity(old_text)
            except ValueError:
                old = None
            if old is not None:
                return Quantity(value, old.qualifier, old.unit, old_text)
        if split and split[1] in (props.get(f"{split[0]}approx") or ()):
            qualifier = DERIVED_APPROX
    return Quantity(
        value,
        qualifier if isinstance(qualifier, str) else None,
        unit if isinstance(unit, str) else None,
        text if isinstance(text, str) else None,
    )


def read_quantities(props: Mapping[str, Any], prefix: str) -> dict[str, Quantity]:
    """Every amount stored under ``<prefix><key>`` (``output_``, ``target_`` …), by key,
    in key order."""
    out: dict[str, Quantity] = {}
    for name in sorted(props):
        if not name.startswith(prefix) or not is_number(props[name]):
            continue
        if name.endswith(COMPANIONS):
            continue
        q = read_quantity(props, name)
        if q is not None:
            out[name[len(prefix) :]] = q
    return out


def sum_quantities(parts: Sequence[Quantity]) -> Quantity:
    """The sum of parts; qualified ``≈`` (ours, not the source's) when a part is not exact."""
    total = sum(q.value for q in parts)
    exact = all(q.exact for q in parts)
    return Quantity(total, None if exact else DERIVED_APPROX)


def display_mapping(values: Mapping[str, Quantity]) -> str:
    """A mapping of quantities for a table cell: ``results 31, trainees 2.6万余人次``."""
    return ", ".join(f"{k} {q.display()}" for k, q in values.items())
