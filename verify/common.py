"""A real installation for `make verify`: its own database (SQLite, or a fresh PostgreSQL
database when DATABASE_URL names a server), the demo people with API tokens, and gunicorn.

Traffic goes to 127.0.0.1 only; nothing leaves the machine.
"""

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import free_port, fresh_postgres

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Figure:
    """One line of the table: what was measured, the goal, and whether it was met."""

    check: str
    measured: int | float | str
    goal: str = ""
    ok: bool | None = None  # None: a count for context, with no goal of its own


@dataclass
class Installation:
    env: dict
    tmp: Path
    database: str  # "SQLite" or "PostgreSQL"
    people: dict = field(default_factory=dict)  # role name -> {"email", "api_token", ...}

    def between(self, *args: str, input: str | None = None) -> str:
        result = subprocess.run([PYTHON, "-m", "between", *args], env=self.env, cwd=ROOT,
                                input=input, capture_output=True, text=True, check=True)
        return result.stdout

    def django(self, code: str) -> str:
        """Run Python with Django set up on this installation's settings; its output."""
        script = "import django; django.setup()\n" + code
        result = subprocess.run([PYTHON, "-c", script], env=self.env, cwd=ROOT,
                                capture_output=True, text=True, check=True)
        return result.stdout

    def token(self, role: str) -> str:
        return self.people[role]["api_token"]


@contextmanager
def installation():
    tmp = Path(tempfile.mkdtemp(prefix="between-verify-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "between.settings", "BETWEEN_DEBUG": "0",
           "BETWEEN_VAR_DIR": str(tmp), "BETWEEN_SQLITE_PATH": str(tmp / "verify.sqlite3"),
           "BETWEEN_ALLOWED_HOSTS": "127.0.0.1",
           # Every log line, so the canary check reads logs at every level.
           "BETWEEN_LOG_LEVEL": "DEBUG",
           "PYTHONPATH": str(ROOT)}
    drop = None
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"], drop = fresh_postgres(os.environ["DATABASE_URL"], "verify")
    else:
        env.pop("DATABASE_URL", None)
    inst = Installation(env=env, tmp=tmp,
                        database="PostgreSQL" if drop else "SQLite")
    try:
        inst.between("migrate", "--no-input", "-v0")
        inst.between("collectstatic", "--no-input", "-v0")
        demo = json.loads(inst.between("demo", "--json"))
        for person in demo["users"]:
            role = person["role"]
            inst.people.setdefault(role, person)
            inst.people[person["email"].split("@")[0]] = person
        yield inst
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if drop:
            drop()


class Server:
    """gunicorn on a port of its own, which can be killed with SIGKILL and started again."""

    def __init__(self, inst: Installation, workers: int = 2):
        self.inst, self.workers = inst, workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = inst.tmp / "gunicorn.log"
        self.proc = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "between.wsgi", "-b", f"127.0.0.1:{self.port}",
                 "-w", str(self.workers), "--log-level", "warning", "--timeout", "60"],
                env=self.inst.env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1).read()  # noqa: S310
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: nothing gets to clean up."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def request(base: str, method: str, path: str, *, token: str | None = None,
            body: bytes | None = None, content_type: str = "application/json",
            headers: dict | None = None, timeout: float = 30) -> tuple[int, bytes, dict]:
    """One HTTP request; (status, body, headers). A dropped connection is status 0.
    Redirects are not followed: a redirect is an answer of its own."""
    headers = {**(headers or {}), **({"Content-Type": content_type} if body is not None else {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with _OPENER.open(req, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)
    except (OSError, http.client.HTTPException) as exc:
        # Refused, reset, or cut off mid-answer (IncompleteRead): nothing was acknowledged.
        return 0, str(exc).encode(), {}
