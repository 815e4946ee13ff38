"""What clinicians' reads cost everyone else, through the audit chain.

Every clinician read of a client's data is recorded: one insert beside the audit chain,
sealed into it later by `runjobs` (on SQLite that insert still takes the database's one
write lock). This times
diary saves alone, then while clinicians loop a read that writes nothing (`/api/me`, the
control: the same CPU, no audit row), then while they loop an audited read of a client's
journal; and the reads' own latency. On PostgreSQL when DATABASE_URL
names a server.
"""

import json
import shutil
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    between,
    database_name,
    gunicorn,
    load,
    save,
    scratch_env,
    summarise,
    temp_dir,
)

READERS = 4
SAVES_PER_WORKER = 150

SETUP = """
import json
from datetime import timedelta
from between.accounts.models import User
from between.accounts.services import create_token
from between.safety.services import client_today
client = User.objects.get(email="client@demo.between")
clinician = User.objects.get(email="clinician@demo.between")
print(json.dumps({"client_id": client.pk, "clinician_token": create_token(clinician, "b")[1],
                  "day": str(client_today(client) - timedelta(days=1))}))
"""


def _read(url: str, token: str, stop: threading.Event, times: list) -> None:
    while not stop.is_set():
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
        times.append(time.perf_counter() - start)


def main() -> dict:
    tmp = temp_dir()
    env = scratch_env(tmp)
    between(env, "migrate", "--no-input", "-v0")
    between(env, "collectstatic", "--no-input", "-v0")
    demo = json.loads(between(env, "demo", "--json"))
    token = next(u["api_token"] for u in demo["users"] if u["email"] == "client@demo.between")
    fixtures = json.loads(between(env, "shell", "-c", SETUP).strip().splitlines()[-1])
    body = json.dumps({"note": "an ordinary day", "urges": {"to_die": 0}})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    figures = {}
    with gunicorn(env) as base:
        save_url = f"{base}/api/diary/cards/{fixtures['day']}"
        figures["saves alone"] = load(save_url, method="PUT", body=body, headers=headers,
                                      concurrency=2, requests_per_worker=SAVES_PER_WORKER)
        # The control: the same load of reads that write nothing (/api/me), so the
        # difference is the audit row, not the CPU the readers use.
        for label, path in (("unaudited", "/api/me"),
                            ("audited", f"/api/clients/{fixtures['client_id']}/journal")):
            stop, times = threading.Event(), []
            readers = [threading.Thread(target=_read, args=(
                base + path, fixtures["clinician_token"], stop, times)) for _ in range(READERS)]
            for t in readers:
                t.start()
            try:
                figures[f"saves while {READERS} loop an {label} read"] = load(
                    save_url, method="PUT", body=body, headers=headers, concurrency=2,
                    requests_per_worker=SAVES_PER_WORKER)
            finally:
                stop.set()
                for t in readers:
                    t.join()
            figures[f"the {label} reads themselves"] = summarise(times)
    shutil.rmtree(tmp, ignore_errors=True)
    save("audit_under_load", figures)
    print(f"Audit chain under load: gunicorn 2 workers, {database_name(env)}; diary saves "
          f"from 2 clients, alone and while {READERS} clinicians loop a read, unaudited "
          "(the control) and audited")
    for name, f in figures.items():
        print(f"  {name:<42} p50 {f['p50_ms']:>7} ms  p95 {f['p95_ms']:>7} ms  "
              f"({f['n']} requests)")
    return figures


if __name__ == "__main__":
    main()
