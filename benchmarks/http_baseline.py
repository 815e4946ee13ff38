"""Baseline request latency of /healthz and /api/me under concurrent load, on gunicorn.

Every later page benchmark reports its figures as a ratio to /api/me from this run.
The load generator shares the machine's two cores with the server, so read medians and
ratios, not absolute numbers.
"""

import json
import shutil

from benchmarks.common import between, database_name, gunicorn, load, save, scratch_env, temp_dir

CONCURRENCY = 2  # one per gunicorn worker: measures service time, not queueing
PER_WORKER = 150


def main() -> dict:
    tmp = temp_dir()
    try:
        env = scratch_env(tmp)
        between(env, "migrate", "--no-input", "-v0")
        between(env, "collectstatic", "--no-input", "-v0")
        demo = json.loads(between(env, "demo", "--json"))
        token = next(u["api_token"] for u in demo["users"] if u["role"] == "client")
        figures = {}
        with gunicorn(env) as base:
            figures["/healthz"] = load(base + "/healthz", concurrency=CONCURRENCY,
                                       requests_per_worker=PER_WORKER)
            figures["/api/me"] = load(base + "/api/me",
                                      headers={"Authorization": f"Bearer {token}"},
                                      concurrency=CONCURRENCY, requests_per_worker=PER_WORKER)
        save("http_baseline", figures)
        print(f"HTTP baseline: gunicorn, 2 workers, {database_name(env)}, "
              f"{CONCURRENCY} concurrent clients")
        for path, f in figures.items():
            print(f"  {path:<10} p50 {f['p50_ms']:>7} ms  p95 {f['p95_ms']:>7} ms  "
                  f"p99 {f['p99_ms']:>7} ms  {f['req_per_s']:>7} req/s  "
                  f"({f['n']} requests, {f['errors']} errors)")
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
