"""The crisis page while eight clients send the heaviest screening requests they may.

Eight threads loop `POST /api/screen` with the longest text the API accepts (20,000
characters), written to be the screener's worst case (no sentence punctuation, repeated
triggers, long negation chains). Meanwhile one visitor loads `/crisis` again and again.
Its latency is reported idle and under that load, as medians, p95s and their ratio, on
gunicorn with two workers and the repository's gunicorn.conf.py (threads, one long
screen at a time per worker), as production runs it.
"""

import json
import shutil
import threading
import time
import urllib.request

from benchmarks.common import (
    between,
    database_name,
    gunicorn,
    save,
    scratch_env,
    summarise,
    temp_dir,
)

ATTACKERS = 8
CRISIS_REQUESTS = 150
ADVERSARIAL = {
    "no punctuation, repeated triggers": ("SI 4/5 " * 3000)[:20_000],
    "long negation chain": ("I am not not not going to hurt myself " * 600)[:20_000],
}


def _crisis(base: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        with urllib.request.urlopen(base + "/crisis", timeout=60) as response:  # noqa: S310
            response.read()
        times.append(time.perf_counter() - start)
        time.sleep(0.01)
    return times


def _attack(base: str, token: str, text: str, stop: threading.Event, done: list) -> None:
    body = json.dumps({"text": text}).encode()
    while not stop.is_set():
        request = urllib.request.Request(base + "/api/screen", data=body, method="POST",
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                response.read()
            done.append(1)
        except OSError:
            done.append(0)


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
            _crisis(base, 10)  # warm up both workers
            figures["idle"] = summarise(_crisis(base, CRISIS_REQUESTS), errors=0, wall=0)
            for name, text in ADVERSARIAL.items():
                stop, done = threading.Event(), []
                attackers = [threading.Thread(target=_attack, args=(base, token, text, stop,
                                                                    done))
                             for _ in range(ATTACKERS)]
                for t in attackers:
                    t.start()
                time.sleep(1)
                figures[name] = summarise(_crisis(base, CRISIS_REQUESTS), errors=0, wall=0)
                figures[name]["screens_done"] = sum(done)
                stop.set()
                for t in attackers:
                    t.join()
        save("crisis_under_load", figures)
        idle = figures["idle"]
        print(f"/crisis on gunicorn (2 workers x 8 threads, gunicorn.conf.py; "
              f"{database_name(env)}), idle and while "
              f"{ATTACKERS} clients loop the heaviest screening request:")
        print(f"  idle: p50 {idle['p50_ms']} ms  p95 {idle['p95_ms']} ms")
        for name in ADVERSARIAL:
            f = figures[name]
            print(f"  under load, {name}: p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms "
                  f"(p95 {f['p95_ms'] / max(idle['p95_ms'], 0.001):.1f}x idle; goal < 50 ms), "
                  f"{f['screens_done']} screens answered meanwhile")
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
