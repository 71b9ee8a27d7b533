"""``iegraph template``: the Excel workbook analysts fill in and load back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from iegraph.commands._common import info

if TYPE_CHECKING:
    from iegraph.loaders.template import TemplateLang


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The workbook to write (.xlsx).",
)
@click.option("--empty", is_flag=True, help="Headers only, without the worked example.")
@click.option(
    "--lang",
    "lang",
    # iegraph.loaders.template.TemplateLang, written out: the CLI imports no loader to start
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Sheet names, headers, drop-down values and notes in Chinese or English.",
)
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def template(output: Path, empty: bool, lang: TemplateLang, force: bool) -> None:
    """Write the Excel template: a 说明 (notes) sheet and one sheet per table.

    Chinese sheet names and headers (each header's comment gives its English key,
    meaning and values; required headers are red), drop-downs for every enumeration,
    and a small worked example that loads as it is (delete it before entering your
    own data, or pass --empty). Fill it in Excel, then `iegraph load FILE --check`
    and `iegraph load FILE`. An existing file is kept unless --force.

    \b
    Example:
      iegraph template -o 模板.xlsx
      iegraph template -o template.xlsx --lang en --empty
    """
    from iegraph.loaders.template import write_template

    write_template(output, lang, example=not empty, force=force)
    info(f"wrote {output}: fill it in, then iegraph load {output} --check")


COMMANDS = [template]
