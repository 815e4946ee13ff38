"""Importing a plural system's history: a PluralKit export of 10,000 switches and a Simply
Plural export of 10,000 overlapping front-history rows, each into a fresh account, median
of 3. One request does it, so it has to finish well inside gunicorn's 30 s timeout."""

import json
import subprocess
import tempfile
from pathlib import Path

from benchmarks.common import PYTHON, ROOT, between, database_name, save, scratch_env

CHILD = r'''
import json, statistics, time, uuid
from datetime import UTC, datetime, timedelta
import django
django.setup()
from between.accounts.models import User
from between.parts import pluralkit, simplyplural

start = datetime(2024, 1, 1, tzinfo=UTC)
members = [{"id": f"m{i:03d}", "name": f"Member {i}", "description": "Likes maps."}
           for i in range(40)]
pk = json.dumps({"version": 2, "members": members, "switches": [
    {"timestamp": (start + timedelta(hours=3 * i)).isoformat(),
     "members": [f"m{i % 40:03d}", f"m{i * 7 % 40:03d}"]} for i in range(10_000)]}).encode()
ms = lambda at: int(at.timestamp() * 1000)
sp = json.dumps({"members": [{"_id": m["id"], "name": m["name"]} for m in members],
                 "frontHistory": [{"member": f"m{i % 40:03d}",
                                   "startTime": ms(start + timedelta(hours=2 * i)),
                                   "endTime": ms(start + timedelta(hours=2 * i + 3))}
                                  for i in range(10_000)]}).encode()
out = {}
for name, module, raw in (("PluralKit, 10,000 switches", pluralkit, pk),
                          ("Simply Plural, 10,000 overlapping rows", simplyplural, sp)):
    runs = []
    for _ in range(3):
        client = User.objects.create_user(f"{uuid.uuid4().hex}@bench.invalid", "x")
        t = time.perf_counter()
        report = module.import_export(client, module.read(raw))
        runs.append(time.perf_counter() - t)
    out[name] = {"median_s": round(statistics.median(runs), 2), "bytes": len(raw),
                 "periods": report.periods_added}
print(json.dumps(out))
'''


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = scratch_env(Path(tmp))
        between(env, "migrate", "--no-input", "-v0")
        result = subprocess.run([PYTHON, "-c", CHILD], env=env, cwd=ROOT, capture_output=True,
                                text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"Importing a parts history into a new account, {database_name(env)}, median of 3:")
    for name, f in figures.items():
        print(f"  {name} ({f['bytes'] / 1e6:.1f} MB, {f['periods']:,} periods): "
              f"{f['median_s']} s")
    save("parts_import", figures)
