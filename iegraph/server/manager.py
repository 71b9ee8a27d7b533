"""The managed local Neo4j: fetch the jars with Maven, configure, start, stop, inspect.

The server is the real Neo4j Community 5.26 entry point
(``org.neo4j.server.CommunityEntryPoint``) run on the user's Java 17+, with APOC
core as a plugin and Neo4j Browser on the classpath. Jars, data, logs and the
generated password live under ``ServerSettings.home``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from iegraph.errors import ServerError
from iegraph.settings import ServerSettings

NEO4J_VERSION = "5.26.30"
APOC_VERSION = "5.26.19"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
MIN_JAVA = 17

#: JVM flags Neo4j 5 needs on Java 17 (from Neo4j's own default server.jvm.additional).
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

Echo = Callable[[str], None]


def _silent(_: str) -> None:
    return None


@dataclass(frozen=True)
class Jars:
    """Where the downloaded jars are: the server classpath and the plugins."""

    lib: Path
    plugins: Path
    downloaded_bytes: int


@dataclass(frozen=True)
class Status:
    """What ``iegraph server status`` reports."""

    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    data_dir: Path
    credentials_file: Path
    jars_dir: Path
    version: str | None = None


# --------------------------------------------------------------------------- jars


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def jars_path(settings: ServerSettings) -> Path:
    """Directory of the jar set for the pinned Neo4j version."""
    return settings.jars_root / f"neo4j-{NEO4J_VERSION}-apoc-{APOC_VERSION}"


def jars_present(settings: ServerSettings) -> bool:
    """Whether the complete jar set is already downloaded (so starting needs no Maven)."""
    return (jars_path(settings) / "COMPLETE").exists()


def ensure_jars(settings: ServerSettings, echo: Echo = _silent) -> Jars:
    """Return the jar set, fetching it from Maven Central with ``mvn`` when absent.

    The download goes to a temporary directory that is renamed into place only when
    complete, so an interrupted download is never mistaken for a complete one.
    """
    target = jars_path(settings)
    if jars_present(settings):
        return Jars(target / "lib", target / "plugins", _dir_size(target))
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError(
            "Maven (mvn) is not installed: it is needed once to fetch the Neo4j jars "
            "(install it, e.g. apt-get install maven)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".download-", dir=target.parent))
    pom = tmp / "pom.xml"
    pom.write_bytes(resources.files("iegraph.server").joinpath("pom.xml").read_bytes())
    echo(f"Fetching Neo4j {NEO4J_VERSION} and APOC {APOC_VERSION} jars from Maven Central ...")
    started = time.monotonic()
    # Extra Maven arguments (a settings file with a mirror, --offline ...), e.g. behind a proxy.
    extra_args = shlex.split(os.environ.get("IEGRAPH_MAVEN_ARGS", ""))
    steps = (
        ("lib", "-DexcludeGroupIds=org.neo4j.procedure"),
        ("plugins", "-DincludeGroupIds=org.neo4j.procedure"),
    )
    for sub, selector in steps:
        cmd = [
            mvn, "-q", "-B", "-f", str(pom), *extra_args,
            "dependency:copy-dependencies", f"-DoutputDirectory={tmp / sub}", selector,
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            detail = _first_error_line(proc.stdout + proc.stderr)
            raise ServerError(f"downloading the Neo4j jars with Maven failed: {detail}")
    (tmp / "COMPLETE").write_text(NEO4J_VERSION + "\n")
    pom.unlink()
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    size = _dir_size(target)
    echo(f"Fetched {size / 1e6:.0f} MB of jars in {time.monotonic() - started:.1f} s into {target}")
    return Jars(target / "lib", target / "plugins", size)


def _first_error_line(output: str) -> str:
    for line in output.splitlines():
        if "ERROR" in line:
            return re.sub(r"\x1b\[[0-9;]*m", "", line).replace("[ERROR]", "").strip()[:300]
    return (output.strip().splitlines() or ["no output"])[-1][:300]


# --------------------------------------------------------------------------- java


def java_major_version(java: str) -> int:
    """Return the major version of ``java``; raise ServerError if missing or unreadable."""
    exe = shutil.which(java) if os.sep not in java else (java if Path(java).exists() else None)
    if exe is None:
        raise ServerError(
            f"Java not found ({java!r}): install Java {MIN_JAVA}+ or set JAVA_HOME / IEGRAPH_JAVA"
        )
    proc = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        raise ServerError(f"cannot read the version of {exe}: {proc.stderr.strip()[:200]}")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8" style
        major = int(match.group(2))
    return major


def check_java(java: str) -> str:
    """Return the java executable path when it is Java 17+; else raise ServerError."""
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise ServerError(
            f"Java {major} is not supported: Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA} or newer "
            "(set JAVA_HOME or IEGRAPH_JAVA)"
        )
    return shutil.which(java) or java


# --------------------------------------------------------------------------- credentials


def read_credentials(settings: ServerSettings) -> tuple[str, str]:
    """Return (user, password) of the local server from the 0600 credentials file."""
    path = settings.credentials_file
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return str(data["username"]), str(data["password"])
    except FileNotFoundError as exc:
        raise ServerError(
            f"no credentials file at {path}: start the local server once with 'iegraph server start'"
        ) from exc
    except (ValueError, KeyError) as exc:
        raise ServerError(f"the credentials file {path} is unreadable") from exc


def _auth_ini_line(user: str, password: str) -> str:
    """Neo4j's stored-credential format: SHA-256 over salt+password, 1024 iterations.

    Writing it ourselves keeps the password off every command line (where ``ps``
    would show it), unlike ``neo4j-admin dbms set-initial-password``.
    """
    salt = secrets.token_bytes(32)
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(1023):
        digest = hashlib.sha256(digest).digest()
    return f"{user}:SHA-256,{digest.hex()},{salt.hex()},1024:\n"


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def _ensure_initial_password(settings: ServerSettings, echo: Echo) -> None:
    system_db = settings.data_dir / "databases" / "system"
    if system_db.exists():
        if not settings.credentials_file.exists():
            raise ServerError(
                f"the local database exists but {settings.credentials_file} is missing: "
                f"restore it, or remove {settings.neo4j_home} to start afresh"
            )
        return
    password = secrets.token_urlsafe(24)
    _write_private(settings.credentials_file, json.dumps({"username": "neo4j", "password": password}) + "\n")
    _write_private(settings.data_dir / "dbms" / "auth.ini", _auth_ini_line("neo4j", password))
    echo(f"Generated a password for user neo4j, stored in {settings.credentials_file} (mode 0600)")


# --------------------------------------------------------------------------- process


def _pid_file(settings: ServerSettings) -> Path:
    return settings.neo4j_home / "run" / "iegraph-neo4j.pid"


def _alive_pid(settings: ServerSettings) -> int | None:
    """PID of our running server, or None (stale pid files are ignored)."""
    try:
        pid = int(_pid_file(settings).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return pid  # no /proc (macOS): trust the live pid
    if ENTRY_POINT not in cmdline or str(settings.neo4j_home) not in cmdline:
        return None
    return pid


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _write_conf(settings: ServerSettings) -> Path:
    home = settings.neo4j_home
    conf_dir = home / "conf"
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    lines = [
        "# Generated by iegraph at each start; put your own settings in ../neo4j.conf.extra",
        f"server.directories.data={home / 'data'}",
        f"server.directories.logs={home / 'logs'}",
        f"server.directories.plugins={home / 'plugins'}",
        f"server.directories.run={home / 'run'}",
        f"server.directories.import={home / 'import'}",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{settings.bolt_port}",
        f"server.bolt.advertised_address=127.0.0.1:{settings.bolt_port}",
        f"server.http.listen_address=127.0.0.1:{settings.http_port}",
        f"server.http.advertised_address=127.0.0.1:{settings.http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.security.procedures.unrestricted=apoc.*",
        "dbms.usage_report.enabled=false",
        f"server.memory.pagecache.size={settings.pagecache}",
        "db.tx_log.rotation.retention_policy=512M size",
        "server.logs.debug.enabled=true",
    ]
    extra = settings.home / "neo4j.conf.extra"
    if extra.exists():
        lines.append(extra.read_text(encoding="utf-8"))
    conf = conf_dir / "neo4j.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf_dir


def _link_plugins(jars: Jars, plugins_dir: Path) -> None:
    for old in plugins_dir.glob("*.jar"):
        old.unlink()
    for jar in jars.plugins.glob("*.jar"):
        shutil.copy2(jar, plugins_dir / jar.name)


def status(settings: ServerSettings) -> Status:
    """Report whether the local server runs, where it listens and keeps its files."""
    pid = _alive_pid(settings)
    return Status(
        running=pid is not None,
        pid=pid,
        bolt_uri=settings.bolt_uri,
        browser_url=settings.browser_url,
        data_dir=settings.data_dir,
        credentials_file=settings.credentials_file,
        jars_dir=jars_path(settings),
        version=NEO4J_VERSION,
    )


def is_running(settings: ServerSettings) -> bool:
    return _alive_pid(settings) is not None


def start(settings: ServerSettings, echo: Echo = _silent) -> float | None:
    """Start the local server and wait until Bolt accepts our credentials.

    Returns the startup time in seconds, or None when it was already running.
    """
    if is_running(settings):
        return None
    java = check_java(settings.java)
    for port, what, var in (
        (settings.bolt_port, "Bolt", "IEGRAPH_BOLT_PORT"),
        (settings.http_port, "HTTP", "IEGRAPH_HTTP_PORT"),
    ):
        if _port_in_use(port):
            raise ServerError(
                f"port {port} ({what}) on 127.0.0.1 is already taken by another process: "
                f"stop it or choose another port with {var}"
            )
    jars = ensure_jars(settings, echo)
    conf_dir = _write_conf(settings)
    _link_plugins(jars, settings.neo4j_home / "plugins")
    _ensure_initial_password(settings, echo)

    home = settings.neo4j_home
    # Plugins go on the classpath too: APOC registers its extensions via ServiceLoader.
    classpath = os.pathsep.join([str(home / "plugins" / "*"), str(jars.lib / "*")])
    cmd = [
        java,
        f"-Xms{settings.heap}",
        f"-Xmx{settings.heap}",
        *JVM_FLAGS,
        "-cp",
        classpath,
        ENTRY_POINT,
        f"--home-dir={home}",
        f"--config-dir={conf_dir}",
    ]
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(conf_dir))
    # Neither the driver nor Neo4j needs these; keep our secrets out of the JVM.
    env.pop("NEO4J_PASSWORD", None)
    console = (settings.logs_dir / "console.log").open("ab")
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=console,
        stderr=subprocess.STDOUT,
        cwd=home,
        env=env,
        start_new_session=True,
    )
    console.close()
    _pid_file(settings).write_text(f"{proc.pid}\n")
    echo(f"Starting Neo4j {NEO4J_VERSION} (pid {proc.pid}) ...")
    _wait_for_bolt(settings, proc, started)
    return time.monotonic() - started


def _wait_for_bolt(settings: ServerSettings, proc: subprocess.Popen[bytes], started: float) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ServiceUnavailable

    user, password = read_credentials(settings)
    deadline = started + settings.startup_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(
                f"Neo4j exited during startup (code {proc.returncode}): "
                f"{last_error_line(settings)}; see 'iegraph server logs'"
            )
        if _port_in_use(settings.bolt_port):
            try:
                with GraphDatabase.driver(
                    f"bolt://127.0.0.1:{settings.bolt_port}", auth=(user, password)
                ) as driver:
                    driver.verify_connectivity()
                    # The default database comes online just after Bolt opens.
                    driver.execute_query("RETURN 1", database_="neo4j")
                return
            except (ServiceUnavailable, OSError):
                pass
            except AuthError as exc:
                raise ServerError(
                    f"the local server refused the stored credentials in {settings.credentials_file}"
                ) from exc
            except Exception:  # noqa: BLE001, S110 - database still starting (DatabaseUnavailable ...)
                pass
        time.sleep(0.25)
    raise ServerError(
        f"Neo4j did not answer on Bolt within {settings.startup_timeout:.0f} s; see 'iegraph server logs'"
    )


def last_error_line(settings: ServerSettings) -> str:
    """The most telling line of the server's log, for one-line error messages."""
    log = settings.logs_dir / "neo4j.log"
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "no log written"
    for line in reversed(lines):
        if "Caused by:" in line or " ERROR " in line:
            return line.strip()[:300]
    return (lines[-1] if lines else "empty log")[:300]


def stop(settings: ServerSettings, timeout: float = 60.0) -> bool:
    """Stop the local server; return False when it was not running."""
    pid = _alive_pid(settings)
    if pid is None:
        _pid_file(settings).unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _alive_pid(settings) is None:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    _pid_file(settings).unlink(missing_ok=True)
    return True


def log_lines(settings: ServerSettings, lines: int = 50, debug: bool = False) -> list[str]:
    """The last ``lines`` lines of neo4j.log (or debug.log)."""
    log = settings.logs_dir / ("debug.log" if debug else "neo4j.log")
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError as exc:
        raise ServerError(f"no log yet at {log}: the server has never been started") from exc
    return text.splitlines()[-lines:]
