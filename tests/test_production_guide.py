"""The README's production guide, run as its reader would run it.

Every `sh` block of "Production, step by step" runs in order in one shell, with the
blocks for this test run's database; the web service's ExecStart starts gunicorn; the
health check, the first administrator, the backups and the restore drill all run
against it. Only the paths (to a scratch folder), the port and the PostgreSQL address
change. Blocks marked `sh root` (packages, users, systemctl, git, pip) are not run, and
this test holds them to that list, so nothing else can hide in them.
"""

import os
import re
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SECTION = "### Production, step by step"
GUIDE_URL = "postgres://between@127.0.0.1:5432/between"
ROOT_ONLY = {"apt-get", "useradd", "git", "cd", "install", "sudo", "python3", ".venv/bin/pip"}



def _blocks() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text()
    start = readme.index(SECTION)
    end = readme.index("\n### ", start + len(SECTION))
    return re.findall(r"^```([^\n]*)\n(.*?)^```$", readme[start:end], re.M | re.S)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres(url: str, sql: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def test_the_root_blocks_only_install_and_restart():
    root = [body for info, body in _blocks() if info == "sh root"]
    assert len(root) == 3, "install, PostgreSQL's database, an upgrade's new code"
    for body in root:
        for line in body.replace("\\\n", " ").splitlines():
            words = [w for part in line.split("&&") for w in part.split()[:1]]
            assert set(words) <= ROOT_ONLY, line


def test_the_production_guide_runs_from_keys_to_a_restore_drill(tmp_path):
    postgres = os.environ.get("DATABASE_URL", "")
    database = "postgresql" if postgres else "sqlite"
    port = _free_port()
    places = {"/etc/between": tmp_path / "etc", "/var/lib/between": tmp_path / "var",
              "/var/backups/between": tmp_path / "backups", "/srv/between": ROOT}
    for place in list(places.values())[:3]:
        place.mkdir(mode=0o700)  # what the root block's `install -d -m 700` makes

    url = ""
    if postgres:
        name = f"between_guide_{os.getpid()}"
        url = urlunsplit(urlsplit(postgres)._replace(path=f"/{name}"))
        for db in (name, "between_drill"):
            _postgres(postgres, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        _postgres(postgres, f'CREATE DATABASE "{name}"')

    def local(text: str) -> str:
        for path, there in places.items():
            text = text.replace(path, str(there))
        text = text.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        return text.replace(GUIDE_URL, url)

    script = ["set -euo pipefail", f"cd {ROOT}",
              f"trap 'kill $(cat {tmp_path}/web.pid 2>/dev/null) 2>/dev/null || true' EXIT"]
    ran = []
    for info, body in _blocks():
        if info == "ini" and "gunicorn" in body:
            start = re.search(r"^ExecStart=(.*)$", body, re.M).group(1)
            script += [f"{local(start)} > {tmp_path}/web.log 2>&1 &",
                       f"echo $! > {tmp_path}/web.pid",
                       f"for _ in $(seq 150); do curl -s -o /dev/null "
                       f"http://127.0.0.1:{port}/healthz && break; sleep 0.2; done"]
            ran.append("ExecStart")
        elif info in ("sh", f"sh {database}"):
            if "adduser" in body:
                # Not in the guide: words for the drill to open (a fresh clinic has none).
                script.append(".venv/bin/between demo --if-empty > /dev/null")
            script.append(local(body))
            ran.append(info)
    assert "ExecStart" in ran and ran.count(f"sh {database}") == (3 if postgres else 2)

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BETWEEN_", "DJANGO_")) and k != "DATABASE_URL"}
    try:
        done = subprocess.run(["bash", "-c", "\n".join(script)], env=env, cwd=ROOT,
                              input="a-long-first-password-for-it\n", capture_output=True,
                              text=True, timeout=600)
    finally:
        if postgres:
            for db in (name, "between_drill"):
                _postgres(postgres, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    out = done.stdout + done.stderr
    web = (tmp_path / "web.log").read_text() if (tmp_path / "web.log").exists() else ""
    assert done.returncode == 0, out[-4000:] + "\n--- gunicorn ---\n" + web[-2000:]

    assert out.count("System check identified no issues") == 2, "after install and upgrade"
    assert "Created admin it@clinic.example." in out
    assert '"status": "ok"' in out, "the health check answered through the service's command"
    keys = re.search(r"Every key opens: (\d+) data keys, (\d+) values read", out)
    assert keys and int(keys.group(1)) > 0 and int(keys.group(2)) > 0, "the drill opened words"
    assert re.search(r"Audit chain intact: [1-9]\d* rows", out)
    assert not (tmp_path / "etc" / "master.key").stat().st_mode & 0o077, "keys are private"
    backups = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert any(p.startswith("keystore-") for p in backups) and len(backups) == 2
