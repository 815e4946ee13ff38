"""A unique canary in every free-text field the API takes, then searched for, as raw bytes,
in every file the installation left: the database and its WAL, the key store, the server's
log, a backup made the way the README says, and (on PostgreSQL) the server's data
directory and WAL when this user can read them. Also in what `runjobs` printed, which is
where email goes without an SMTP server. The only place it may appear is the client's own
export, which they asked for.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from verify.common import PYTHON, ROOT, Figure, Installation, Server, request

CLINICIAN_ID = """
from between.accounts.models import User
print(User.objects.get(email="clinician@demo.between").pk)
"""


def _writes(canary: str, day: str, clinician: int) -> list[tuple[str, str, dict]]:
    sections = ["warning_signs", "coping_alone", "distractions", "people_to_ask",
                "professionals", "environment", "reasons_for_living"]
    return [
        ("POST", "/api/journal", {"text": f"{canary} journal"}),
        ("PUT", f"/api/diary/cards/{day}", {
            "note": f"{canary} note", "present": f"{canary} present",
            "medication": {"as_needed": [{"name": f"{canary}", "dose": "1"}]}}),
        ("POST", "/api/messages", {"clinician_id": clinician, "text": f"{canary} message"}),
        ("PUT", "/api/safety-plan", {"sections": {s: [f"{canary} {s}"] for s in sections}}),
        ("POST", "/api/screen", {"text": f"{canary} screened, never stored"}),
    ]


def _backup(inst: Installation) -> list[Path]:
    """A backup the README's way: sqlite3's online backup, or pg_dump."""
    out = inst.tmp / "backups"
    out.mkdir(exist_ok=True)
    made = []
    if inst.database == "SQLite":
        for name in ("verify.sqlite3", "keystore.sqlite3"):
            source = next(inst.tmp.rglob(name), None)
            if source is None:
                continue
            with sqlite3.connect(source) as src, sqlite3.connect(out / name) as dst:
                src.backup(dst)
            made.append(out / name)
    elif shutil.which("pg_dump"):
        dump = out / "between.sql"
        subprocess.run(["pg_dump", "--no-owner", "-f", str(dump), inst.env["DATABASE_URL"]],
                       check=True, capture_output=True)
        made.append(dump)
    return made


def _postgres_files(inst: Installation) -> list[Path]:
    if inst.database != "PostgreSQL":
        return []
    import psycopg

    try:
        with psycopg.connect(inst.env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("CHECKPOINT")
            directory = conn.execute("SHOW data_directory").fetchone()[0]
    except psycopg.Error:
        return []  # not a superuser: the data directory is not ours to read
    base = Path(directory)
    return [p for p in base.rglob("*") if p.is_file() and os.access(p, os.R_OK)]


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    canary = f"CANARY{uuid.uuid4().hex}"
    token = inst.token("client")
    zone = json.loads(request(server.base, "GET", "/api/me", token=token)[1])["time_zone"]
    day = (datetime.now(ZoneInfo(zone)).date() - timedelta(days=1)).isoformat()
    clinician = int(inst.django(CLINICIAN_ID))
    refused = []
    for method, path, body in _writes(canary, day, clinician):
        status, answer, _ = request(server.base, method, path, token=token,
                                    body=json.dumps(body).encode())
        if not 200 <= status < 300:
            refused.append(f"{method} {path}: {status} {answer[:100]}")
    status, export, _ = request(server.base, "GET", "/api/export", token=token)
    jobs = subprocess.run([PYTHON, "-m", "between", "runjobs", "--once"], cwd=ROOT,
                          env=inst.env, capture_output=True, timeout=600)
    server.stop()  # its log is complete once it has stopped
    files = [p for p in inst.tmp.rglob("*") if p.is_file()] + _backup(inst)
    files += _postgres_files(inst)
    needle = canary.encode()
    hits, searched = [], 0
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        searched += len(data)
        if needle in data:
            hits.append(str(path))
    if needle in jobs.stdout + jobs.stderr:
        hits.append("runjobs output (email without an SMTP server)")
    for line in refused + hits:
        print("   ", line)
    server.start()
    return [
        Figure("Canary: free-text writes through the API", 5 - len(refused), "5",
               not refused),
        Figure(f"Canary: files searched ({searched / 1e6:.0f} MB, WAL and backups "
               "included)", len(files)),
        Figure("Canary: found outside encrypted fields", len(hits), "0", not hits),
    ]
