"""The published JSON Schema of the fact-sheet format is generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from iegraph.loaders.yamlsheet import _Loader
from iegraph.schema.factsheet import factsheet_json_schema

SCHEMA = Path(__file__).parent.parent / "iegraph" / "schema" / "factsheet.schema.json"
SEEDS = Path(__file__).parent.parent / "iegraph" / "data" / "seeds"


def test_published_schema_is_up_to_date() -> None:
    """Regenerate with: python -c 'import json; from iegraph.schema.factsheet import
    factsheet_json_schema as s; print(json.dumps(s(), ensure_ascii=False, indent=2))'
    > iegraph/schema/factsheet.schema.json"""
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == factsheet_json_schema()


def test_schema_accepts_the_seed_sheets_and_rejects_unknown_fields() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for sheet in sorted(SEEDS.glob("*.yaml")):
        data = yaml.load(sheet.read_text(encoding="utf-8"), Loader=_Loader)  # dates stay text
        jsonschema.validate(data, schema)
    bad = {"source": {"title": "x"}, "organizations": [{"name": "甲", "kind": "College", "colour": "red"}]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors and "colour" in str(errors[0].message)
