"""The tools of scripts/soak.py: server processes and their logs, a small HTTP client, the
databases (SQLite files, PostgreSQL databases on the shared server, a private PostgreSQL
instance that may be stopped), an SMTP sink, and the list of checks with their figures.

Everything runs on loopback and is removed at the end, also when a check fails: every
process, database and folder made here is registered with `CLEANUP`.
"""

import email
import email.policy
import glob
import csv
import hashlib
import http.client
import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "soak"
BIN = ROOT / "target" / "debug" / "server"
IN_CI = os.environ.get("CI") == "true"
PG_ADMIN = os.environ.get("TEST_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
PASSWORD = "une phrase de passe solide"

# Large enough that the API quota never answers 429 to the load or to a test's own traffic.
NO_API_QUOTA = "100000000"
# How psql prints NULL, told apart from an empty text.
NULL_MARK = "<NULL>"


# -- Checks ---------------------------------------------------------------------------------


class Checks:
    """Each check prints one line with its figures; the run fails when one did."""

    def __init__(self):
        self.passed = []
        self.failed = []
        self.skipped = []

    def check(self, name, ok, figures, logs_of=()):
        print(f"[{'PASS' if ok else 'FAIL'}] {name}: {figures}", flush=True)
        (self.passed if ok else self.failed).append(name)
        if not ok:
            for server in logs_of:
                server.print_tail()
        return ok

    def skip(self, name, why):
        """A check that cannot run here: said aloud, and a failure under CI=true."""
        if IN_CI:
            self.check(name, False, f"cannot run ({why}) and CI=true forbids skipping it")
        else:
            print(f"[SKIP] {name}: {why}", flush=True)
            self.skipped.append(name)

    def summary(self):
        print()
        for name in self.failed:
            print(f"  failed: {name}")
        line = f"soak: {len(self.passed)} passed, {len(self.failed)} failed"
        if self.skipped:
            line += f", {len(self.skipped)} skipped"
        print(line, flush=True)
        return not self.failed


def info(line):
    print(f"       {line}", flush=True)


def section(title):
    print(f"\n== {title}", flush=True)


# -- Clean-up -------------------------------------------------------------------------------


class Cleanup:
    """Undo actions, run last-in first-out, whatever happened before."""

    def __init__(self):
        self.actions = []

    def push(self, what, action):
        self.actions.append((what, action))
        return action

    def run(self):
        while self.actions:
            what, action = self.actions.pop()
            try:
                action()
            except Exception as error:  # noqa: BLE001 — clean-up goes on
                print(f"clean-up of {what} failed: {error}", file=sys.stderr)


CLEANUP = Cleanup()


def stop_on_signals():
    """SIGTERM and SIGINT unwind the stack, so every `finally` and `CLEANUP` still runs."""

    def raise_exit(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, raise_exit)
    signal.signal(signal.SIGINT, raise_exit)


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_from(port):
    """`port` when it is free (a usual one is easier to spot), else any free port."""
    with socket.socket() as sock:
        # As the server it is for will: a closed connection's TIME_WAIT does not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
            return port
        except OSError:
            return free_port()


# -- Server processes -----------------------------------------------------------------------


def run_cli(database_url, args, log_name):
    """Runs `server --database-url URL ARGS…` to its end; returns its stdout."""
    log = WORK / f"{log_name}.log"
    with open(log, "ab") as err:
        done = subprocess.run(
            [str(BIN), "--database-url", database_url, *args],
            stdout=subprocess.PIPE, stderr=err, timeout=300, check=False,
        )
    if done.returncode != 0:
        print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        raise RuntimeError(f"server {' '.join(args)} exited with {done.returncode}")
    return done.stdout.decode()


class Server:
    """One `server serve` process on a loopback port, its output in target/soak/NAME.log."""

    def __init__(self, name, database_url, *, port=None, args=(), env=None):
        self.name = name
        self.database_url = database_url
        self.port = port or free_port()
        self.args = list(args)
        self.env = {**os.environ, "RUST_LOG": "info,tower_http=warn", "NO_COLOR": "1",
                    **(env or {})}
        self.log = WORK / f"{name}.log"
        self.process = None
        self.log.unlink(missing_ok=True)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        with open(self.log, "ab") as out:
            out.write(f"---- start {time.strftime('%H:%M:%S')}\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [str(BIN), "--database-url", self.database_url, "serve",
                 "--port", str(self.port), *self.args],
                stdout=out, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT,
            )
        CLEANUP.push(f"server {self.name}", self.stop)
        return self

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, timeout=90):
        """Until `/readyz` answers 200 (migrations run before the port opens)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                self.print_tail()
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                if request(self.base, "GET", "/readyz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.print_tail()
        raise RuntimeError(f"{self.name} not ready after {timeout} s")

    def stop(self):
        """SIGTERM (the server finishes its requests in flight), SIGKILL after 10 s."""
        if not self.running():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def rss_kb(self):
        """Resident memory (VmRSS) in kB, from /proc."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def log_lines(self):
        return self.log.read_text(errors="replace").splitlines() if self.log.exists() else []

    def print_tail(self, lines=30):
        print(f"       --- last lines of {self.log.relative_to(ROOT)}")
        for line in self.log_lines()[-lines:]:
            print(f"       | {line}")


# -- HTTP -----------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body, elapsed):
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed

    @property
    def content_type(self):
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    def json(self):
        return json.loads(self.body)

    def text(self, limit=300):
        return self.body[:limit].decode(errors="replace")

    def session(self):
        """The session secret set by this response, if any."""
        for value in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            if name.strip() == "talents_session":
                return rest.split(";")[0]
        return None


def request(base, method, path, body=None, headers=None, timeout=10):
    """One request on its own connection; connection failures raise OSError."""
    host, port = base.removeprefix("http://").split(":")
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        data = answer.read()
        return Response(answer.status, answer.headers, data, time.monotonic() - started)
    except http.client.HTTPException as error:
        # A connection cut mid-answer (RemoteDisconnected is already an OSError).
        raise ConnectionError(f"{type(error).__name__}: {error}") from error
    finally:
        conn.close()


def api(base, method, path, body=None, session=None, ip=None, timeout=10):
    """A JSON API call, with a session cookie and a client address (X-Forwarded-For, read
    by servers started with --trusted-proxy-hops 1) when given."""
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if session:
        headers["Cookie"] = f"talents_session={session}"
    if ip:
        headers["X-Forwarded-For"] = ip
    return request(base, method, path, data, headers, timeout)


def expect(response, *statuses):
    """The response when its status is one of `statuses`, else an error naming it."""
    if response.status not in statuses:
        raise RuntimeError(f"expected {statuses}, got {response.status}: {response.text()}")
    return response


def client_ip(n, network=10):
    """A distinct client address per n (people behind our proxy), e.g. 10.0.3.17."""
    return f"{network}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def letters(n):
    """n as letters (0 → A, 25 → Z, 26 → BA…): names allow no digits (issue 22, item 3)."""
    word = ""
    while True:
        word = chr(ord("A") + n % 26) + word.lower()
        n //= 26
        if n == 0:
            return word


# A CV the server accepts: it checks the PDF signature of the bytes, not the extension.
CV_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
          b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
          b"trailer << /Root 1 0 R >>\n%%EOF\n")


def multipart(fields, files):
    """A multipart/form-data body: (content type, bytes)."""
    boundary = f"soak{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                     f"\r\n\r\n{value}\r\n".encode())
    for name, (filename, content_type, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


# -- Databases ------------------------------------------------------------------------------


def psql(url, sql):
    """Rows of `sql` run by psql on `url`, as tuples of strings (NULL is None). CSV, since
    values (e-mail bodies) hold newlines."""
    done = subprocess.run(
        ["psql", url, "-X", "-q", "-t", "--csv", "-v", "ON_ERROR_STOP=1",
         "-P", f"null={NULL_MARK}", "-c", sql],
        capture_output=True, timeout=60, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr.decode(errors='replace').strip()}")
    reader = csv.reader(io.StringIO(done.stdout.decode(), newline=""))
    return [tuple(None if v == NULL_MARK else v for v in row) for row in reader if row]


def postgres_reachable():
    try:
        psql(PG_ADMIN, "SELECT 1")
        return True
    except (RuntimeError, OSError, subprocess.TimeoutExpired):
        return False


def database_url(admin_url, name):
    return f"{admin_url.rsplit('/', 1)[0]}/{name}"


def create_pg_database(admin_url, name, drop_at_cleanup=True):
    """A fresh database, dropped at clean-up (unless its whole instance goes); its URL."""
    psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(admin_url, f"CREATE DATABASE {name}")
    if drop_at_cleanup:
        CLEANUP.push(f"database {name}",
                     lambda: psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return database_url(admin_url, name)


class Database:
    """Read-only SQL on the database a server uses, SQLite or PostgreSQL, the same queries."""

    def __init__(self, url):
        self.url = url

    @property
    def is_sqlite(self):
        return self.url.startswith("sqlite://")

    def rows(self, sql):
        if self.is_sqlite:
            conn = sqlite3.connect(self.url.removeprefix("sqlite://"), timeout=30)
            try:
                return [tuple(None if v is None else str(v) for v in row)
                        for row in conn.execute(sql)]
            finally:
                conn.close()
        return psql(self.url, sql)

    def value(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else None

    def execute(self, sql):
        if self.is_sqlite:
            conn = sqlite3.connect(self.url.removeprefix("sqlite://"), timeout=30)
            try:
                conn.execute(sql)
                conn.commit()
            finally:
                conn.close()
        else:
            psql(self.url, sql)


def postgres_bindir():
    """Folder of initdb and pg_ctl (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def as_postgres_user(command):
    """PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def private_postgres_dir():
    """target/soak/pg-private when the `postgres` user can reach it, else a folder in /tmp
    (a clone under a private home folder is closed to other users)."""
    reachable = subprocess.run(as_postgres_user(["test", "-x", str(WORK)]),
                               capture_output=True, check=False).returncode == 0
    if reachable:
        return fresh_dir(WORK / "pg-private")
    return Path(tempfile.mkdtemp(prefix="talents-soak-pg-"))


class PrivatePostgres:
    """A PostgreSQL instance of our own (initdb in a folder of ours), which the test may
    stop and start without touching the machine's shared server. Its log is copied to
    target/soak/pg-private.log when it is removed."""

    def __init__(self, bindir, port):
        self.bindir = bindir
        self.port = port
        self.directory = None

    @property
    def data(self):
        return self.directory / "data"

    @property
    def log(self):
        return self.directory / "postgresql.log"

    @property
    def admin_url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args):
        command = as_postgres_user([str(self.bindir / args[0]), *args[1:]])
        done = subprocess.run(command, capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.decode(errors='replace')}"
                               f"{done.stdout.decode(errors='replace')}")

    def init(self):
        self.directory = private_postgres_dir()
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        CLEANUP.push("private PostgreSQL folder", self.remove)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync")
        CLEANUP.push("private PostgreSQL", self.stop_if_running)

    def start(self):
        options = (f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log),
                  "-w", "-t", "60", "start")

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def stop_if_running(self):
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")

    def remove(self):
        if self.log.exists():
            shutil.copyfile(self.log, WORK / "pg-private.log")
        shutil.rmtree(self.directory, ignore_errors=True)


# -- SMTP sink ------------------------------------------------------------------------------


def normalized_body(text):
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def mail_key(recipient, subject, body):
    """What identifies one e-mail of the outbox: its recipient, subject and body (the
    links in bodies carry unique tokens)."""
    digest = hashlib.sha256(normalized_body(body).encode()).hexdigest()[:16]
    return (recipient.lower(), subject, digest)


class SmtpSink:
    """An SMTP server in this process (aiosmtpd) that accepts and records every message."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.lock = threading.Lock()
        self.controller = None

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 — aiosmtpd's name
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        # Decoded as UTF-8 whatever the message declares: the outbox stores UTF-8 text.
        payload = parsed.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
        subject = str(parsed["Subject"] or "")
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.messages.append({
                    "recipient": recipient,
                    "subject": subject,
                    "message_id": str(parsed["Message-ID"] or ""),
                    "charset": parsed.get_content_charset(),
                    "key": mail_key(recipient, subject, text),
                })
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        CLEANUP.push("SMTP sink", self.controller.stop)
        return self

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def received(self):
        with self.lock:
            return list(self.messages)
