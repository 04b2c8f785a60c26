"""A throwaway PostgreSQL server for the tests, with no manual set-up.

``start_server()`` runs ``initdb`` and ``pg_ctl`` from the Debian ``postgresql`` package (or any
``initdb`` on ``PATH``) in a fresh temp dir: trust authentication, listening on 127.0.0.1 on a free port,
its unix socket in the temp dir, durability switched off for speed. It creates one database and returns a
:class:`PgServer` whose ``url`` is a SQLAlchemy URL ``postgresql+psycopg://postgres@127.0.0.1:PORT/DB``;
``PgServer.stop()`` stops the server and removes the temp dir (also done at interpreter exit).

Initdb refuses to run as root, so as root (CI) the cluster belongs to the ``postgres`` system user that the
Debian package creates, and the binaries run as that user.

``RATSRADAR_TEST_PG_URL`` (a SQLAlchemy or libpq URL of a role that may ``CREATE DATABASE``) uses that
server instead; nothing is started or stopped then.

Without PostgreSQL binaries :class:`PostgresUnavailable` is raised; the caller decides whether that means
skip (a developer's machine) or fail (CI, where the test command installs the package).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL, make_url

ENV_URL = "RATSRADAR_TEST_PG_URL"
SYSTEM_USER = "postgres"  # the owner of the cluster when we run as root
SUPERUSER = "postgres"  # the database superuser initdb creates
DEFAULT_DB = "ratsradar_test"

# Settings of a disposable server: nothing must survive a crash, so durability is off.
_SERVER_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "32MB",
    "max_wal_size": "256MB",
    "log_min_messages": "warning",
}


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries were found on this machine."""


def find_bindir() -> Path | None:
    """The directory of ``initdb``/``pg_ctl``: ``PG_BINDIR``, the newest Debian version, then ``PATH``."""
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))

    def version(path: str) -> tuple[int, ...]:
        m = re.search(r"/postgresql/([\d.]+)/bin$", path)
        return tuple(int(p) for p in m.group(1).split(".")) if m else ()

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def _psycopg_conninfo(url: URL) -> str:
    """A libpq URL for psycopg from a SQLAlchemy URL."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlalchemy_url(url: str | URL) -> URL:
    u = make_url(url) if isinstance(url, str) else url
    return u.set(drivername="postgresql+psycopg")


@dataclass
class PgServer:
    """A running server (started here, or the external one of ``RATSRADAR_TEST_PG_URL``)."""

    url: str  # SQLAlchemy URL of the server's default test database
    base_dir: Path | None = None  # the temp dir of a server started here; None for an external server
    bindir: Path | None = None
    run_as: str | None = None  # system user the binaries run as (when we are root)
    _stopped: bool = field(default=False, repr=False)

    # -- databases ---------------------------------------------------------------------------------
    def admin_connect(self) -> psycopg.Connection:
        """An autocommit connection to the default database (for CREATE/DROP DATABASE)."""
        return psycopg.connect(_psycopg_conninfo(make_url(self.url)), autocommit=True, connect_timeout=10)

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a unique name by default); return its SQLAlchemy URL."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with self.admin_connect() as conn:
            # FILE_COPY is much faster than PG 15's default WAL_LOG for tiny databases with fsync off.
            try:
                conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 STRATEGY FILE_COPY")
                             .format(sql.Identifier(name)))
            except psycopg.errors.SyntaxError:  # server older than 15
                conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, name_or_url: str) -> None:
        """Drop a database made by :meth:`create_database`, closing any connections left to it."""
        name = make_url(name_or_url).database if "://" in name_or_url else name_or_url
        with self.admin_connect() as conn:
            try:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            except psycopg.errors.SyntaxError:  # server older than 13
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    # -- lifecycle ---------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop a server started here and remove its temp dir; nothing for an external server."""
        if self._stopped or self.base_dir is None:
            return
        self._stopped = True
        assert self.bindir is not None
        try:
            _run([str(self.bindir / "pg_ctl"), "-D", str(self.base_dir / "data"), "-m", "immediate",
                  "-w", "-t", "30", "stop"], self.run_as, self.base_dir, check=False)
        finally:
            shutil.rmtree(self.base_dir, ignore_errors=True)


def _run(cmd: list[str], run_as: str | None, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run a PostgreSQL binary, as ``run_as`` if given (we are root then)."""
    kwargs: dict = {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(LC_ALL="C", LANG="C")
    if run_as:
        pw = pwd.getpwnam(run_as)
        kwargs.update(user=pw.pw_uid, group=pw.pw_gid, extra_groups=[])
        env.update(HOME=pw.pw_dir, USER=run_as, LOGNAME=run_as)
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, **kwargs)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _temp_parent(run_as: str | None) -> str:
    """A temp parent dir the cluster owner can reach (TMPDIR may be private to root)."""
    parent = tempfile.gettempdir()
    if run_as:
        p = Path(parent).resolve()
        for d in [p, *p.parents]:
            if not os.stat(d).st_mode & 0o001:  # not traversable by others
                return "/tmp"
    return parent


def start_server(db_name: str = DEFAULT_DB) -> PgServer:
    """A server for the tests: the one of ``RATSRADAR_TEST_PG_URL``, or a throwaway one started here."""
    external = os.environ.get(ENV_URL)
    if external:
        server = PgServer(url=_sqlalchemy_url(external).render_as_string(hide_password=False))
        with server.admin_connect() as conn:
            conn.execute("SELECT 1")
        return server

    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; "
            "install the Debian package `postgresql` (make test does) or set " + ENV_URL)

    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            raise PostgresUnavailable(f"running as root but there is no `{SYSTEM_USER}` system user to own "
                                      "the cluster (initdb refuses root)") from None
        run_as = SYSTEM_USER

    base = Path(tempfile.mkdtemp(prefix="ratsradar-pg-", dir=_temp_parent(run_as)))
    try:
        if run_as:
            pw = pwd.getpwnam(run_as)
            os.chown(base, pw.pw_uid, pw.pw_gid)
        data = base / "data"
        _run([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
              "--locale=C", "--no-sync", "--no-instructions"], run_as, base)
        # Another process may take the free port between probe and bind: retry with a new one.
        last_error = ""
        for _ in range(5):
            port = _free_port()
            opts = [f"-h 127.0.0.1 -p {port} -k {shlex.quote(str(base))}"]
            opts += [f"-c {k}={v}" for k, v in _SERVER_SETTINGS.items()]
            proc = _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w",
                         "-t", "30", "-o", " ".join(opts), "start"], run_as, base, check=False)
            if proc.returncode == 0:
                break
            last_error = proc.stdout + proc.stderr + _tail(base / "server.log")
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], run_as, base, check=False)
        else:
            raise RuntimeError(f"PostgreSQL did not start:\n{last_error}")

        server = PgServer(url=f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres",
                          base_dir=base, bindir=bindir, run_as=run_as)
    except BaseException:
        if (base / "data" / "postmaster.pid").exists():
            _run([str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop"],
                 run_as, base, check=False)
        shutil.rmtree(base, ignore_errors=True)
        raise
    atexit.register(server.stop)  # also when the caller forgets, or a session is interrupted
    try:
        server.url = server.create_database(db_name)
    except BaseException:
        server.stop()
        raise
    return server


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
