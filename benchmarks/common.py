"""Helpers shared by the benchmarks: a scratch database, a gunicorn server, a load loop.

Benchmarks print figures and never fail on timing. Traffic goes to 127.0.0.1 only, and
every loop is bounded in count.
"""

import atexit
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench"
PYTHON = sys.executable


def scratch_env(tmp: Path) -> dict:
    """Settings for a throwaway installation: SQLite in `tmp`, or, when DATABASE_URL names
    a PostgreSQL server, a fresh database there, dropped when the process ends."""
    env = {**os.environ}
    env.update({
        "DJANGO_SETTINGS_MODULE": "between.settings",
        "BETWEEN_DEBUG": "0",
        "BETWEEN_VAR_DIR": str(tmp),
        "BETWEEN_SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "BETWEEN_ALLOWED_HOSTS": "127.0.0.1",
        "BETWEEN_LOG_LEVEL": "WARNING",
    })
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"], drop = fresh_postgres(os.environ["DATABASE_URL"], "bench")
        atexit.register(drop)
    else:
        env.pop("DATABASE_URL", None)
    return env


def database_name(env: dict) -> str:
    return "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"


def fresh_postgres(url: str, purpose: str) -> tuple[str, Callable[[], None]]:
    """A new, empty database on the server `url` names; its URL, and a function that
    drops it."""
    import psycopg

    parts = urlsplit(url)
    name = f"between_{purpose}_{os.getpid()}_{next(_serial)}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


_serial = itertools.count()


def between(env: dict, *args: str, input: str | None = None) -> str:
    result = subprocess.run([PYTHON, "-m", "between", *args], env=env, cwd=ROOT, input=input,
                            capture_output=True, text=True, check=True)
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env: dict, workers: int = 2):
    port = free_port()
    proc = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "between.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--log-level", "warning"],
        env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def load(url: str | list[str], *, headers: dict | None = None,
         headers_cycle: list[dict] | None = None, method: str = "GET",
         body: str | None = None, concurrency: int = 4, requests_per_worker: int = 100,
         baseline: tuple[str, dict] | None = None) -> dict:
    """Send a bounded number of requests from `concurrency` threads; return latency figures.

    `url` may be a list and `headers_cycle` a list of header sets: requests go round them,
    so the load is spread over several users or records.

    `baseline` is (url, headers) of a bare endpoint, usually `/api/me`: each worker then
    sends one request to it after each measured one, so both are measured on the same
    server, database and moment, and their ratio means something on a noisy machine.
    """
    latencies: list[float] = []
    bare: list[float] = []
    errors = 0
    lock = threading.Lock()
    urls = url if isinstance(url, list) else [url]
    header_sets = headers_cycle or [headers or {}]
    data = body.encode() if body is not None else None

    def make(i: int) -> urllib.request.Request:
        return urllib.request.Request(urls[i % len(urls)], data=data, method=method,
                                      headers=header_sets[i % len(header_sets)])

    def timed(request) -> tuple[float, bool]:
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                response.read()
            ok = response.status == 200
        except OSError:
            ok = False
        return time.perf_counter() - start, ok

    def worker(offset: int):
        nonlocal errors
        for n in range(requests_per_worker):
            elapsed, ok = timed(make(offset + n))
            with lock:
                latencies.append(elapsed)
                errors += not ok
            if baseline:
                elapsed, ok = timed(urllib.request.Request(baseline[0], headers=baseline[1]))
                with lock:
                    bare.append(elapsed)
                    errors += not ok

    # Warm up each worker process before measuring.
    for i in range(10):
        with urllib.request.urlopen(make(i), timeout=30) as response:  # noqa: S310
            response.read()
    threads = [threading.Thread(target=worker, args=(i * 7,)) for i in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    figures = summarise(latencies, errors=errors, wall=wall)
    if baseline:
        base = summarise(bare)
        figures.update({"baseline_p50_ms": base["p50_ms"], "baseline_p95_ms": base["p95_ms"],
                        "p50_ratio": round(figures["p50_ms"] / base["p50_ms"], 2),
                        "p95_ratio": round(figures["p95_ms"] / base["p95_ms"], 2)})
    return figures


def summarise(latencies: list[float], *, errors: int = 0, wall: float | None = None) -> dict:
    ordered = sorted(latencies)
    q = statistics.quantiles(ordered, n=100)
    out = {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(q[94] * 1000, 2),
        "p99_ms": round(q[98] * 1000, 2),
        "errors": errors,
    }
    if wall:
        out["req_per_s"] = round(len(ordered) / wall, 1)
    return out


def signed_in_session(user, device=None) -> str:
    """A signed-in session key for `user` (inside a django.setup() process), past the
    two-step code when given their TOTP device: a benchmark reads pages as them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    s = SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), \
        "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s["started_at"] = s["last_seen"] = time.time()
    if device is not None:
        s["otp_device_id"] = device.persistent_id
    s.create()
    return s.session_key


def print_ratios(figures: dict) -> None:
    """One line per load measured with a `/api/me` baseline: medians and the ratios."""
    for name, f in figures.items():
        print(f"  {name:<42} p50 {f['p50_ms']:>7} ms  p95 {f['p95_ms']:>7} ms  "
              f"{f['p95_ratio']:>5.1f}x /api/me p95 ({f['baseline_p95_ms']} ms), "
              f"{f['p50_ratio']:.1f}x p50  ({f['n']} requests, {f['errors']} errors)")


def save(name: str, figures: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2))


def temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="between-bench-"))
