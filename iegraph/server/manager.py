"""The managed local Neo4j: fetch the jars with Maven, configure, start, stop, inspect.

The server is the real Neo4j Community 5.26 entry point
(``org.neo4j.server.CommunityEntryPoint``) run on the user's Java 17+, with APOC
core as a plugin and Neo4j Browser on the classpath. Jars, data, logs and the
generated password live under ``ServerSettings.home``, readable by its owner only.

One server per home, whoever asks: starting and stopping hold a file lock in the
home (``run/iegraph-start.lock``), so commands that start the server at the same time
wait for the one start; the running server is found from its pid file, or, when that
is stale, from the process whose command line names the home (Linux ``/proc``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from iegraph.errors import ServerError
from iegraph.settings import ServerSettings

NEO4J_VERSION = "5.26.30"
APOC_VERSION = "5.26.19"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
#: neo4j-admin (the bulk importer among its commands), in the same jars.
ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
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

#: Seconds a stop waits for the server to exit before it kills it.
STOP_TIMEOUT = 60.0
#: Seconds a process waits for another one's jar download (Maven fetches about 150 MB).
DOWNLOAD_WAIT = 1800.0
#: The server's directories under ``neo4j_home`` (all 0700).
SERVER_DIRS = ("conf", "data", "logs", "run", "import", "plugins")


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
    """What ``iegraph server status`` reports.

    ``busy``: another process holds the start lock, i.e. it is starting or stopping the
    server right now (so the server may not answer yet, or be about to go)."""

    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    data_dir: Path
    credentials_file: Path
    jars_dir: Path
    version: str | None = None
    busy: bool = False


# --------------------------------------------------------------------------- jars


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _pom_bytes() -> bytes:
    return resources.files("iegraph.server").joinpath("pom.xml").read_bytes()


def jars_path(settings: ServerSettings) -> Path:
    """Directory of the jar set of the pinned versions and of this pom.

    The name ends in a digest of pom.xml, so a changed pom (a dependency added) gets
    a fresh download instead of trusting a cache fetched from the old one; older sets
    stay where they are for servers still running from them."""
    digest = hashlib.sha256(_pom_bytes()).hexdigest()[:8]
    return settings.jars_root / f"neo4j-{NEO4J_VERSION}-apoc-{APOC_VERSION}-{digest}"


def jars_present(settings: ServerSettings) -> bool:
    """Whether the complete jar set is already downloaded (so starting needs no Maven)."""
    return (jars_path(settings) / "COMPLETE").exists()


def ensure_jars(settings: ServerSettings, echo: Echo = _silent) -> Jars:
    """Return the jar set, fetching it from Maven Central with ``mvn`` when absent.

    The download goes to a temporary directory that is renamed into place only when
    complete, so an interrupted download is never mistaken for a complete one. It holds
    a lock beside the jar set: processes (or test runs sharing the cache) that need the
    jars at once wait for the one download instead of replacing a set in use.
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
    lock = target.parent / f".{target.name}.lock"
    with _file_lock(lock, echo, "downloading the Neo4j jars", DOWNLOAD_WAIT):
        if jars_present(settings):  # fetched by the process we waited for
            return Jars(target / "lib", target / "plugins", _dir_size(target))
        return _download_jars(target, mvn, echo)


def _download_jars(target: Path, mvn: str, echo: Echo) -> Jars:
    """Fetch the jar set into ``target`` (the caller holds the download lock)."""
    tmp = Path(tempfile.mkdtemp(prefix=".download-", dir=target.parent))
    pom = tmp / "pom.xml"
    pom.write_bytes(_pom_bytes())
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
    if target.exists():  # an incomplete set left by a download of an older iegraph
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


# --------------------------------------------------------------------------- private files


def _private_dir(path: Path) -> Path:
    """Create ``path`` if needed and make it 0700: the server's files are its owner's only."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def _write_private(path: Path, text: str) -> None:
    _private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def _make_home_private(settings: ServerSettings) -> None:
    """Home and server directories 0700, and no file in them readable by others.

    The server process itself runs with umask 077, so what Neo4j writes is private from
    the start; this also tightens a home made by an older iegraph (0755/0644). The jar
    cache is public Maven artefacts and is left alone (the 0700 home hides it anyway).
    """
    _private_dir(settings.home)
    for entry in settings.home.iterdir():
        if entry.is_file() and not entry.is_symlink():
            _tighten(entry)
    home = _private_dir(settings.neo4j_home)
    for sub in SERVER_DIRS:
        _private_dir(home / sub)
    for root, dirs, files in os.walk(home):
        for name in dirs:
            os.chmod(Path(root, name), 0o700)
        for name in files:
            if not Path(root, name).is_symlink():
                _tighten(Path(root, name))


def _tighten(path: Path) -> None:
    """Take the group's and others' permissions off a file."""
    os.chmod(path, stat.S_IMODE(path.stat().st_mode) & ~0o077)


# --------------------------------------------------------------------------- locks


@contextlib.contextmanager
def _file_lock(path: Path, echo: Echo, doing: str, wait: float) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path``; wait up to ``wait`` s for another holder.

    The kernel drops the lock when its holder exits, however it exits, so a lock held
    is always held by a live process: waiting for it is waiting for that process's work.
    Threads of one process exclude each other too (each opens its own descriptor).
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                now = time.monotonic()
                if now > deadline:
                    raise ServerError(
                        f"another iegraph process has been {doing} for over {wait:.0f} s "
                        f"(it holds {path}); try again when it has finished"
                    ) from None
                if not told and now > deadline - wait + 1.0:
                    # only for a real wait: a lock held for a moment is not worth a line
                    echo(f"Waiting for another iegraph process that is {doing} ...")
                    told = True
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _lock_file(settings: ServerSettings) -> Path:
    return settings.neo4j_home / "run" / "iegraph-start.lock"


def _server_lock(settings: ServerSettings, echo: Echo) -> contextlib.AbstractContextManager[None]:
    """The lock that makes starting and stopping one process's job at a time."""
    _private_dir(settings.home)
    _private_dir(_lock_file(settings).parent)
    # A start may wait for Bolt startup_timeout s; a stop for its process 60 s.
    wait = settings.startup_timeout + STOP_TIMEOUT + 30.0
    return _file_lock(_lock_file(settings), echo, "starting or stopping the local Neo4j", wait)


@contextlib.contextmanager
def _lock_if_free(settings: ServerSettings) -> Iterator[bool]:
    """Take the start lock only if nobody holds it; yield whether it was taken."""
    path = _lock_file(settings)
    if not path.parent.is_dir():  # no server was ever started in this home
        yield True
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
        else:
            yield True
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- process


def _pid_file(settings: ServerSettings) -> Path:
    return settings.neo4j_home / "run" / "iegraph-neo4j.pid"


def _has_proc() -> bool:
    return Path("/proc/self/cmdline").exists()


def _home_args(settings: ServerSettings) -> set[str]:
    """The ``--home-dir`` argument a server of this home was started with (as given or resolved)."""
    home = settings.neo4j_home
    return {f"--home-dir={home}", f"--home-dir={home.resolve()}"}


def _serves_home(pid: int, settings: ServerSettings, home_args: set[str] | None = None) -> bool:
    """Whether process ``pid`` is a Neo4j server of this home (by its command line).

    A dead process, a zombie (empty command line), a reused pid or another home's server
    is not. Without /proc (not Linux) a live pid is trusted."""
    if not _has_proc():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return False
    return ENTRY_POINT in args and bool((home_args or _home_args(settings)) & set(args))


def _read_pid_file(settings: ServerSettings) -> int | None:
    try:
        return int(_pid_file(settings).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def find_server(settings: ServerSettings) -> int | None:
    """PID of the running server of this home, or None.

    The pid file's pid when it is that server; else (a stale or missing pid file, e.g.
    after a crash or a start by an older iegraph) the process whose command line names
    this home, from /proc. That process holds the store lock of the home's databases, so
    it is the one server that can run there."""
    pid = _read_pid_file(settings)
    if pid is not None and _serves_home(pid, settings):
        return pid
    if not _has_proc():
        return None
    home_args = _home_args(settings)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _serves_home(int(entry.name), settings, home_args):
            return int(entry.name)
    return None


def _record_pid(settings: ServerSettings, pid: int | None) -> None:
    """Make the pid file say ``pid`` (remove it for None); called under the start lock."""
    if pid is None:
        _pid_file(settings).unlink(missing_ok=True)
    elif _read_pid_file(settings) != pid:
        _write_private(_pid_file(settings), f"{pid}\n")


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _write_conf(settings: ServerSettings) -> Path:
    home = settings.neo4j_home
    conf_dir = home / "conf"
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
    _write_conf_file(conf_dir / "neo4j.conf", lines, settings.home / "neo4j.conf.extra")
    # APOC reads its own file. File imports (apoc.load.json('file:///x.json') ...) are
    # confined to the import directory, as LOAD CSV's file:/// URLs are.
    apoc = [
        "# Generated by iegraph at each start; put your own settings in ../apoc.conf.extra",
        "apoc.import.file.enabled=true",
        "apoc.import.file.use_neo4j_config=true",
    ]
    _write_conf_file(conf_dir / "apoc.conf", apoc, settings.home / "apoc.conf.extra")
    return conf_dir


def _write_conf_file(path: Path, lines: list[str], extra: Path) -> None:
    """Write a generated settings file (private), followed by the user's own ``extra``
    file when there is one, so their settings come last and win."""
    if extra.exists():
        lines = [*lines, extra.read_text(encoding="utf-8")]
    _write_private(path, "\n".join(lines) + "\n")


def _link_plugins(jars: Jars, plugins_dir: Path) -> None:
    for old in plugins_dir.glob("*.jar"):
        old.unlink()
    for jar in jars.plugins.glob("*.jar"):
        shutil.copy2(jar, plugins_dir / jar.name)
        os.chmod(plugins_dir / jar.name, 0o600)


def status(settings: ServerSettings) -> Status:
    """Report whether the local server runs, where it listens and keeps its files.

    Finds the server even when the pid file is stale, and repairs the pid file (a dead
    pid removed, the found one written) unless a start or stop is under way."""
    with _lock_if_free(settings) as free:
        pid = find_server(settings)
        if free and _pid_file(settings).parent.is_dir():
            _record_pid(settings, pid)
    return Status(
        running=pid is not None,
        pid=pid,
        bolt_uri=settings.bolt_uri,
        browser_url=settings.browser_url,
        data_dir=settings.data_dir,
        credentials_file=settings.credentials_file,
        jars_dir=jars_path(settings),
        version=NEO4J_VERSION,
        busy=not free,
    )


def is_running(settings: ServerSettings) -> bool:
    """Whether the server of this home runs (found by pid file or process)."""
    return find_server(settings) is not None


def start(settings: ServerSettings, echo: Echo = _silent) -> float | None:
    """Start the local server and wait until Bolt accepts our credentials.

    Returns the startup time in seconds, or None when it was already running — also
    when another process started it meanwhile: concurrent calls (commands that each
    auto-start the server) wait for the one start and then use that server.
    """
    with _server_lock(settings, echo):  # waits for a start or stop under way
        pid = find_server(settings)
        _record_pid(settings, pid)
        if pid is not None:
            return None
    # Outside the lock: the Java check, and a first download that may take minutes.
    java = check_java(settings.java)
    jars = ensure_jars(settings, echo)
    with _server_lock(settings, echo):
        pid = find_server(settings)
        _record_pid(settings, pid)
        if pid is not None:  # another process started it while we fetched or checked
            return None
        return _launch(settings, java, jars, echo)


def _jvm_env(home: Path, conf_dir: Path) -> dict[str, str]:
    """The environment of a JVM on the server's home and configuration (the server itself,
    neo4j-admin): ours with NEO4J_HOME and NEO4J_CONF set, and without our secrets."""
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(conf_dir))
    # Neither the driver nor Neo4j needs these; keep our secrets out of the JVM.
    env.pop("NEO4J_PASSWORD", None)
    return env


def _launch(settings: ServerSettings, java: str, jars: Jars, echo: Echo) -> float:
    """Start the JVM and wait for Bolt; the caller holds the start lock and saw no server."""
    for port, what, var in (
        (settings.bolt_port, "Bolt", "IEGRAPH_BOLT_PORT"),
        (settings.http_port, "HTTP", "IEGRAPH_HTTP_PORT"),
    ):
        if _port_in_use(port):
            raise ServerError(
                f"port {port} ({what}) on 127.0.0.1 is already taken by another process: "
                f"stop it or choose another port with {var}"
            )
    _make_home_private(settings)
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
    env = _jvm_env(home, conf_dir)
    console_fd = os.open(settings.logs_dir / "console.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=console_fd,
            stderr=subprocess.STDOUT,
            cwd=home,
            env=env,
            start_new_session=True,
            umask=0o077,  # data, logs and transaction logs readable by the owner only
        )
    finally:
        os.close(console_fd)
    _record_pid(settings, proc.pid)
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


def stop(settings: ServerSettings, timeout: float = STOP_TIMEOUT, echo: Echo = _silent) -> bool:
    """Stop the local server; return False when it was not running.

    The server is found as ``find_server`` finds it (so also with a stale pid file);
    a start under way is waited for, then stopped. A dead pid in the pid file is removed.
    """
    with _server_lock(settings, echo):
        return _stop_locked(settings, timeout)


def _stop_locked(settings: ServerSettings, timeout: float = STOP_TIMEOUT) -> bool:
    """``stop`` once the caller holds the start lock."""
    pid = find_server(settings)
    if pid is None:
        _record_pid(settings, None)
        return False
    _signal(pid, signal.SIGTERM)
    if not _wait_gone(pid, settings, timeout):
        _signal(pid, signal.SIGKILL)
        _wait_gone(pid, settings, 10.0)
    _record_pid(settings, None)
    return True


@contextlib.contextmanager
def stopped(settings: ServerSettings, echo: Echo = _silent) -> Iterator[None]:
    """Stop the local server for the caller's work on its store files (a bulk import),
    then start it again, whether that work failed or not.

    The start lock is held throughout, so a command that would auto-start the server
    meanwhile waits for the restart instead of opening the store under the import."""
    java = check_java(settings.java)
    jars = ensure_jars(settings, echo)
    with _server_lock(settings, echo):
        _stop_locked(settings)
        try:
            yield
        finally:
            _launch(settings, java, jars, echo)


def run_admin(settings: ServerSettings, args: list[str], log: Path) -> None:
    """Run ``neo4j-admin ARGS`` (``org.neo4j.cli.AdminTool`` from the server's jars, with
    the server's JVM flags and configuration) with its output in ``log``; the server
    must be stopped (``stopped``). Raises ServerError with the tool's error line."""
    java = check_java(settings.java)
    jars = ensure_jars(settings)
    conf_dir = _write_conf(settings)
    home = settings.neo4j_home
    cmd = [java, f"-Xmx{settings.heap}", *JVM_FLAGS, "-cp", str(jars.lib / "*"), ADMIN_ENTRY_POINT, *args]
    env = _jvm_env(home, conf_dir)
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=home,
            env=env,
            check=False,
        )
    if proc.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        telling = [ln for ln in lines if "rror" in ln or "xception" in ln] or lines or ["no output"]
        raise ServerError(
            f"neo4j-admin {args[0]} failed (code {proc.returncode}): {telling[-1][:300]}; see {log}"
        )


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
        os.kill(pid, sig)


def _wait_gone(pid: int, settings: ServerSettings, timeout: float) -> bool:
    """Wait until ``pid`` no longer serves the home; whether it went within ``timeout``."""
    deadline = time.monotonic() + timeout
    while _serves_home(pid, settings):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def log_lines(settings: ServerSettings, lines: int = 50, debug: bool = False) -> list[str]:
    """The last ``lines`` lines of neo4j.log (or debug.log)."""
    log = settings.logs_dir / ("debug.log" if debug else "neo4j.log")
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError as exc:
        raise ServerError(f"no log yet at {log}: the server has never been started") from exc
    return text.splitlines()[-lines:]
