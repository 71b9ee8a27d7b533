# Two entry points for a fresh machine (Python 3.11+, Java 17+, Maven):
#   make demo   set everything up, then run the main job end to end
#   make test   set everything up, then run ruff, mypy and the tests
# and one for a quick check while editing (Python 3.11+ only):
#   make unit   the unit tier: the tests that need neither Java/Neo4j nor Chromium
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint browser docs

$(BIN)/iegraph: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,lac]'
	touch $(BIN)/iegraph

setup: $(BIN)/iegraph
	$(BIN)/iegraph server install

demo: setup
	$(BIN)/iegraph demo

lint: $(BIN)/iegraph
	$(BIN)/ruff check iegraph tests bench
	$(BIN)/ruff format --check iegraph tests bench
	$(BIN)/mypy
	$(BIN)/vulture

# Headless Chromium and CJK fonts for the view tests (Debian's packages; skipped when already there).
browser:
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q "Noto Sans CJK"; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium or fonts missing: sudo apt-get install chromium fonts-noto-cjk (view tests will fail)"; fi; }

test: setup browser lint
	$(BIN)/pytest -q

# Tests land in a tier by the fixtures they use (tests/conftest.py marks them neo4j/browser).
.PHONY: unit
unit: $(BIN)/iegraph
	$(BIN)/pytest -q -m "not neo4j and not browser"

# Rewrite the command output quoted in README.md and docs/*.md from real runs against a test
# server (tests/docs_output.py says which blocks and how); review the result with git diff.
docs: $(BIN)/iegraph
	IEGRAPH_UPDATE_DOCS=1 $(BIN)/pytest -q tests/test_docs_output.py

# Rewrite the workbench screenshots in docs/img from the browser tests that take them (a plain
# test run saves them under its tmp_path, so it never dirties the clone); review with git diff.
.PHONY: screenshots
screenshots: $(BIN)/iegraph
	IEGRAPH_SCREENSHOTS=1 $(BIN)/pytest -q tests/test_web_entity.py::test_org_page_in_chromium \
	  tests/test_web_review.py::test_paste_review_accept_and_load_in_chromium
