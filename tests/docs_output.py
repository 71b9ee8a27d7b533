"""Command output quoted in README.md and docs/*.md: found, run, compared and rewritten.

The docs show commands with their real output in fenced blocks::

    $ iegraph query brokers --top 4
    org                 kind     betweenness ...

Every fenced block with a ``$ `` line carries an HTML comment on the line just above its
fence that says how it is checked (tests/test_docs_output.py runs them; ``make docs``
rewrites their outputs from real runs):

``<!-- output: seed graph -->``
    the commands run against the bundled seed graph (iegraph/data/seeds, as ``load_paths``
    loads it); the test restores that graph when an earlier block changed it
``<!-- output: empty graph -->``
    the commands run against an empty database (schema applied)
``<!-- output: any graph -->``
    what the database holds does not matter (or the commands need none)
``<!-- output not checked: REASON -->``
    shown as it is; REASON says why no test can reproduce it (keep these few)

Each block runs in a scratch directory where the repository's ``iegraph/`` and ``docs/``
are readable at their usual relative paths and whatever a command writes stays in the
scratch directory. A command's output is the text after its ``$ `` line up to the next
``$ `` line or the end of the block. Conventions:

- ``$ iegraph ARGS`` runs in-process through click's CliRunner; ``NAME=VALUE`` before it
  sets environment variables; ``# comment`` ends the command (shell rules, via shlex).
- ``$ head -N FILE`` prints a file's first lines; ``$ make demo`` is what the Makefile
  runs after its set-up: it echoes ``.venv/bin/iegraph demo`` and runs that.
- ``| head -N`` and ``| tail -N`` filter stdout, as in a shell; stderr is not piped.
- The output is what a terminal shows: stdout and stderr interleaved in the order they were
  written (click's ``Result.output``; a progress bar shows as its label, as when stderr is
  not a terminal). With a pipe, stderr comes first, then the filtered stdout.
- A line ``...`` or ``…`` alone stands for any number of lines (also none).
- Values that belong to the test machine are shown as the defaults a user would see
  (``ENVIRONMENT``: the server's ports and home, the jar cache); the same display values in
  a command are replaced by the test's values before it runs.
- Values that differ from run to run (``VARIABLE``: seconds, rates, pids) compare equal
  whatever their number; the docs keep the number of the run that wrote them.

Lines are compared without trailing spaces; trailing empty lines of an output are dropped.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
REGENERATE = "make docs"
UPDATE_ENV = "IEGRAPH_UPDATE_DOCS"

MODES = ("seed graph", "empty graph", "any graph")
NOT_CHECKED = "not checked"
_MARKER = re.compile(r"^<!-- output(?:: (?P<mode>[a-z ]+?)| not checked: (?P<reason>.+?)) -->\s*$")
_FENCE = re.compile(r"^(```+|~~~+)")
ELISIONS = frozenset({"...", "…"})

# (what the docs show, its pattern): numbers that change from run to run.
VARIABLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("<seconds>", re.compile(r"(?<![\w.])\d+(?:\.\d+)? ?s\b(?!/)")),
    ("<rate>", re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)? (?:rows|nodes|relationships)/s\b")),
    ("pid <pid>", re.compile(r"\bpid \d+")),
)


@dataclass(frozen=True)
class Command:
    """One ``$ `` line of a block and the output the doc shows under it."""

    line: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A fenced block that quotes command output; ``body`` is its lines between the fences."""

    path: Path
    index: int
    line: int
    mode: str
    reason: str
    commands: tuple[Command, ...]
    body: tuple[int, int] = field(repr=False)

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def parse_blocks(path: Path, text: str | None = None) -> list[Block]:
    """The fenced blocks of a Markdown file that contain ``$ `` lines, in file order."""
    lines = (path.read_text(encoding="utf-8") if text is None else text).splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith(fence.group(1))), len(lines))
        body = lines[i + 1 : end]
        if any(line.startswith("$ ") for line in body):
            marker = _MARKER.match(lines[i - 1]) if i > 0 else None
            mode, reason = "", ""
            if marker and marker.group("reason"):
                mode, reason = NOT_CHECKED, marker.group("reason")
            elif marker:
                mode = marker.group("mode")
            blocks.append(Block(path, len(blocks), i + 1, mode, reason, _commands(body), (i + 1, end)))
        i = end + 1
    return blocks


def _commands(body: Sequence[str]) -> tuple[Command, ...]:
    commands: list[Command] = []
    for line in body:
        if line.startswith("$ "):
            commands.append(Command(line[2:], ()))
        elif commands:
            last = commands[-1]
            commands[-1] = Command(last.line, (*last.expected, line))
    return tuple(Command(c.line, _trim(c.expected)) for c in commands)


def _trim(lines: Sequence[str]) -> tuple[str, ...]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def split_output(text: str) -> tuple[str, ...]:
    """Output text as compared: lines without trailing spaces, no trailing empty lines."""
    return _trim(text.splitlines())


# ---- comparing and rewriting ------------------------------------------------------------


def normalize(line: str) -> str:
    """A line with its run-to-run values replaced by their placeholders."""
    line = line.rstrip()
    for shown, pattern in VARIABLE:
        line = pattern.sub(shown, line)
    return line


def is_elision(line: str) -> bool:
    return line.strip() in ELISIONS


def matches(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Whether the doc's lines describe the actual lines (elisions match any lines)."""
    act = [normalize(a) for a in actual]
    # The positions in ``actual`` that the doc lines read so far can end at.
    ends = {0}
    for line in expected:
        if not ends:
            return False
        if is_elision(line):
            ends = set(range(min(ends), len(act) + 1))
        else:
            want = normalize(line)
            ends = {j + 1 for j in ends if j < len(act) and act[j] == want}
    return len(act) in ends


def regenerate(expected: Sequence[str], actual: Sequence[str]) -> tuple[str, ...]:
    """What the doc should show for ``actual``: the doc's own text while it still matches,
    else the actual lines, abridged where the doc elided lines.

    Each run of doc lines between elisions is matched to the stretch of actual lines that
    difflib aligns it with; the actual lines between those stretches are elided again.
    """
    if matches(expected, actual):
        return tuple(expected)
    elisions = [line.strip() for line in expected if is_elision(line)]
    if not elisions:
        return tuple(actual)
    runs: list[list[str]] = [[]]
    for line in expected:
        if is_elision(line):
            runs.append([])
        else:
            runs[-1].append(line)
    # A separator after each run keeps difflib from aligning across an elision.
    flat: list[str] = []
    owner: list[tuple[int, int] | None] = []
    for r, run in enumerate(runs):
        flat += [normalize(line) for line in run] + [f"\0{r}"]
        owner += [(r, k) for k in range(len(run))] + [None]
    act = [normalize(a) for a in actual]
    pairs = [
        (owner[b.a + k], b.b + k)
        for b in difflib.SequenceMatcher(None, flat, act, autojunk=False).get_matching_blocks()
        for k in range(b.size)
    ]
    found: list[tuple[int, int] | None] = []
    for r, run in enumerate(runs):
        hits = [(o[1], j) for o, j in pairs if o is not None and o[0] == r]
        if hits:
            (first_i, first_j), (last_i, last_j) = hits[0], hits[-1]
            # Doc lines before the first and after the last aligned line have changed:
            # as many actual lines go with them.
            found.append((max(0, first_j - first_i), min(len(act), last_j + len(run) - last_i)))
        else:
            found.append(None)
    if runs[0]:  # no elision at the start: the output starts with the first run
        found[0] = (0, found[0][1] if found[0] else min(len(runs[0]), len(act)))
    if runs[-1]:  # nor at the end
        found[-1] = (found[-1][0] if found[-1] else max(0, len(act) - len(runs[-1])), len(act))
    for r, run in enumerate(runs):
        if found[r] is None and run:  # every line changed (a new column?): the most similar lines
            lo = max((span[1] for span in found[:r] if span), default=0)
            hi = min((span[0] for span in found[r + 1 :] if span), default=len(act))
            found[r] = _most_similar(run, act, lo, hi)
    spans = [span for span in found if span]
    if not spans:
        return tuple(actual)
    glyph = elisions[0]
    out: list[str] = [glyph] if not runs[0] else []
    pos = 0
    for k, (start, end) in enumerate(spans):
        if k:
            out.append(glyph)
        out.extend(actual[max(start, pos) : end])
        pos = max(pos, end)
    if not runs[-1]:
        out.append(glyph)
    return tuple(out)


def _most_similar(run: Sequence[str], act: Sequence[str], lo: int, hi: int) -> tuple[int, int] | None:
    """The stretch of ``len(run)`` lines in ``act[lo:hi]`` most like ``run``, if it is alike at all."""
    best: tuple[float, int] = (0.0, -lo)  # (mean similarity, -start): ties go to the first
    for start in range(lo, hi - len(run) + 1):
        score = sum(
            difflib.SequenceMatcher(None, normalize(line), act[start + k], autojunk=False).ratio()
            for k, line in enumerate(run)
        )
        best = max(best, (score / len(run), -start))
    return (-best[1], -best[1] + len(run)) if best[0] >= 0.6 else None


def diff(block: Block, command: Command, new: Sequence[str]) -> str:
    """A readable failure: the command, and what ``make docs`` would change in its output."""
    lines = difflib.unified_diff(
        list(command.expected), list(new), "in the doc", "from the run", lineterm="", n=2
    )
    return (
        f"{block.where}: the output of `$ {command.line}` is stale "
        f"(run `{REGENERATE}` to rewrite it from a real run, then review `git diff`):\n" + "\n".join(lines)
    )


def rewrite(path: Path, index: int, outputs: Sequence[Sequence[str]]) -> None:
    """Replace the outputs of the ``index``-th quoted block of ``path``."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    block = parse_blocks(path, text)[index]
    assert len(block.commands) == len(outputs), block.where
    body: list[str] = []
    for command, output in zip(block.commands, outputs, strict=True):
        body += [f"$ {command.line}", *output]
    start, end = block.body
    lines[start:end] = body
    path.write_text("\n".join(lines) + ("\n" if text.endswith("\n") else ""), encoding="utf-8")


# ---- running a command ------------------------------------------------------------------


@dataclass(frozen=True)
class Environment:
    """Pairs of (what the docs show, the test machine's value): ports, the server's home."""

    pairs: tuple[tuple[str, str], ...]

    def to_actual(self, text: str) -> str:
        for shown, actual in sorted(self.pairs, key=lambda p: -len(p[0])):
            text = text.replace(shown, actual)
        return text

    def to_shown(self, text: str) -> str:
        for shown, actual in sorted(self.pairs, key=lambda p: -len(p[1])):
            text = text.replace(actual, shown)
        return text


@dataclass(frozen=True)
class Pipeline:
    """A parsed ``$ `` line: environment, the command's words, the filters piped into."""

    env: dict[str, str]
    argv: list[str]
    filters: list[tuple[str, int]]


_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def parse_command(line: str) -> Pipeline:
    """Split a doc's command line like a shell would (quotes, ``#`` comments, ``|``)."""
    # Inside double quotes a shell turns \$ into $; shlex leaves the backslash.
    words = shlex.split(line.replace("\\$", "$"), comments=True)
    env: dict[str, str] = {}
    while words and _ASSIGNMENT.match(words[0]):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    parts: list[list[str]] = [[]]
    for word in words:
        if word == "|":
            parts.append([])
        else:
            parts[-1].append(word)
    return Pipeline(env, parts[0], [_line_filter(part, line) for part in parts[1:]])


def _line_filter(words: list[str], line: str) -> tuple[str, int]:
    count = _count(words[1:]) if words and words[0] in ("head", "tail") else None
    if count is None:
        raise ValueError(f"unsupported pipe in `$ {line}`: only `| head -N` and `| tail -N`")
    return words[0], count


def _count(args: list[str]) -> int | None:
    if len(args) == 1 and re.fullmatch(r"-\d+", args[0]):
        return int(args[0][1:])
    if len(args) == 2 and args[0] == "-n" and args[1].isdigit():
        return int(args[1])
    return None


def apply_filter(lines: Sequence[str], name: str, count: int) -> list[str]:
    return list(lines[:count]) if name == "head" else list(lines[-count:] if count else [])


# What `make TARGET` prints and runs once its set-up is done: (echoed line, iegraph args).
MAKE_TARGETS: dict[str, tuple[str, list[str]]] = {
    "demo": (".venv/bin/iegraph demo", ["demo"]),
}

Invoke = Callable[[list[str], dict[str, str]], tuple[str, str, str]]
"""Runs ``iegraph ARGS`` with extra environment; returns (terminal output, stdout, stderr)."""


def run_command(line: str, environment: Environment, invoke: Invoke) -> tuple[str, ...]:
    """Run one doc command and return its output as the doc shows it."""
    pipeline = parse_command(environment.to_actual(line))
    argv = pipeline.argv
    echoed: list[str] = []
    if argv[:1] == ["make"] and len(argv) == 2 and argv[1] in MAKE_TARGETS:
        echo, args = MAKE_TARGETS[argv[1]]
        echoed, argv = [echo], ["iegraph", *args]
    if argv[:1] == ["iegraph"]:
        output, stdout, stderr = invoke(argv[1:], pipeline.env)
        if pipeline.filters:
            lines = stdout.splitlines()
            for name, count in pipeline.filters:
                lines = apply_filter(lines, name, count)
            output = "\n".join([*stderr.splitlines(), *lines])
    elif argv[:1] == ["head"] and len(argv) >= 3 and (first := _count(argv[1:-1])) is not None:
        # Relative to the scratch directory the block runs in.
        output = "\n".join(Path(argv[-1]).read_text(encoding="utf-8").splitlines()[:first])
    else:
        raise ValueError(f"cannot run `$ {line}` in a test: only iegraph, head -N FILE, make demo")
    return tuple(environment.to_shown(text) for text in (*echoed, *split_output(output)))


def update_requested() -> bool:
    """Whether this run rewrites the docs (``make docs``) instead of checking them."""
    return os.environ.get(UPDATE_ENV, "") not in ("", "0")
