"""Open a view in headless Chromium and watch it through the DevTools protocol.

Used by the view tests and ``bench/bench_viz.py`` (needs ``websocket-client``, a
dev dependency, and Debian's ``chromium``). The browser runs with a throw-away
profile, every host name mapped to nothing and http(s)/ws(s) URLs blocked, and
records every request the page makes, every console message and every uncaught
exception, so a test can assert that the page drew, stayed quiet and stayed
offline.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    # No name resolves: even a request that slipped past the blocking goes nowhere. The
    # rule maps IP literals too, so the loopback address of a served page is excluded.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)

BLOCKED_URLS = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageReport:
    """What happened while a page loaded and drew."""

    url: str
    ready: bool
    state: dict[str, Any]
    load_seconds: float
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions, one string each."""
        return [text for level, text in self.console if level in ("error", "assert")] + self.exceptions

    @property
    def outside_requests(self) -> list[str]:
        """Requests for anything but the file itself and inline data."""
        return [u for u in self.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]


class Browser:
    """One headless Chromium with one page, driven over the DevTools websocket."""

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 900) -> None:
        import websocket  # dev dependency: websocket-client

        self.binary = binary or find_chromium()
        if self.binary is None:
            raise RuntimeError("no chromium binary found (make browser)")
        self.profile = Path(tempfile.mkdtemp(prefix="iegraph-chromium-"))
        self.proc = subprocess.Popen(
            [
                self.binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=0",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._wait_port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = json.load(resp)
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self._ids = itertools.count(1)
        self._events: list[dict[str, Any]] = []
        for method in ("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"):
            self.call(method)
        self.call("Network.setBlockedURLs", urls=BLOCKED_URLS)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _wait_port(self, timeout: float = 30.0) -> int:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_file.exists():
                text = port_file.read_text().split()
                if text:
                    return int(text[0])
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}")
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its result (events are queued)."""
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return dict(msg.get("result", {}))
            if "method" in msg:
                self._events.append(msg)
                if msg["method"] == "Page.javascriptDialogOpening":
                    # A dialog blocks the page (and this call) until dismissed.
                    self.ws.send(
                        json.dumps(
                            {
                                "id": next(self._ids),
                                "method": "Page.handleJavaScriptDialog",
                                "params": {"accept": True},
                            }
                        )
                    )

    def evaluate(self, expression: str) -> Any:
        """Evaluate a JS expression in the page and return its JSON value."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JS error: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 5.0) -> Any:
        """Evaluate ``expression`` until its value is truthy or ``timeout`` passes; return the last value.

        For what a page does a little later (a tooltip after its delay, a highlight after a
        click): the test goes on as soon as the condition holds instead of sleeping a fixed time.
        """
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value or time.monotonic() >= deadline:
                return value
            time.sleep(0.02)

    def settle(self) -> None:
        """Return once the page has drawn its next frame and run the tasks queued before it."""
        self.evaluate(
            "new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); })"
        )

    def open(self, path: Path, timeout: float = 60.0) -> PageReport:
        """Load a file and wait until the view reports ``ready`` (or ``timeout``)."""
        self._events.clear()
        url = path.resolve().as_uri()
        started = time.monotonic()
        self.call("Page.navigate", url=url)
        ready = False
        state: dict[str, Any] = {}
        while time.monotonic() - started < timeout:
            value = self.evaluate(
                "JSON.stringify(window.__iegraph ? {ready: window.__iegraph.ready, "
                "nodes: window.__iegraph.nodes, edges: window.__iegraph.edges, "
                "firstDrawMs: window.__iegraph.firstDrawMs} : null)"
            )
            state = (json.loads(value) if value else None) or {}
            if state.get("ready"):
                ready = True
                break
            if any(e["method"] == "Runtime.exceptionThrown" for e in self._events):
                break  # the page failed; no point waiting
            time.sleep(0.02)
        elapsed = time.monotonic() - started
        self.evaluate("1")  # flush queued events
        return self._report(url, ready, state, elapsed)

    def open_url(self, url: str, via: str | None = None, timeout: float = 30.0) -> PageReport:
        """Load a page a local HTTP server serves (the web workbench) and wait for its load event.

        With ``via`` (JavaScript such as a form's ``submit()``) the page navigates by
        itself instead. Plain http is let through while it loads — no host name resolves
        (``--host-resolver-rules``), so only an address such as 127.0.0.1 is reachable;
        the report lists every request, for the test to check they stayed on ``url``'s server."""
        self._events.clear()
        self.call("Network.setBlockedURLs", urls=[u for u in BLOCKED_URLS if not u.startswith("http:")])
        started = time.monotonic()
        loaded = False
        try:
            if via is None:
                self.call("Page.navigate", url=url)
            else:
                self.evaluate(via)
            while time.monotonic() - started < timeout:
                # flush queued events (a context torn down by the navigation may refuse once)
                with contextlib.suppress(RuntimeError):
                    self.evaluate("1")
                if any(e["method"] == "Page.loadEventFired" for e in self._events):
                    loaded = True
                    break
                time.sleep(0.02)
        finally:
            self.call("Network.setBlockedURLs", urls=BLOCKED_URLS)
        return self._report(str(self.evaluate("location.href")), loaded, {}, time.monotonic() - started)

    def _report(self, url: str, ready: bool, state: dict[str, Any], elapsed: float) -> PageReport:
        report = PageReport(url, ready, state, elapsed)
        for event in self._events:
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                report.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                report.console.append((params.get("type", ""), text))
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                report.console.append((entry.get("level", ""), entry.get("text", "")))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                exc = details.get("exception", {})
                report.exceptions.append(str(exc.get("description") or details.get("text")))
            elif method == "Page.javascriptDialogOpening":
                report.dialogs.append(params.get("message", ""))
        return report

    def events_since(self) -> list[dict[str, Any]]:
        """Events queued so far (after an ``evaluate`` flushed them)."""
        return list(self._events)

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport."""
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """Stop this browser and remove its profile."""
        # Closing an already dead socket is fine.
        with contextlib.suppress(Exception):
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
