"""Generated cross-actor access: every id of every row one client owns, tried on every web
route and API operation that takes an id, by everyone who must never see those rows.

The rows and their ids are found from the models (as the export finds a client's
records), and the routes from the URL conf and the OpenAPI schema (verify/world.py), so a
new model or route is tried without anyone listing it. An attempt leaks when a 2xx answer
carries words from the owner's rows (or a file made from them), and when any of the
owner's rows differs afterwards (a write by someone who had no right to make it).
"""

import html
import json
import random
import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from verify.common import Figure, Installation, Server, request

# Values for the parts of an address that are not ids.
NAMED = {"step": "1", "page": "1", "number": "1", "kind": "journal", "slug": "phq9",
         "measure": "phq9", "token": "x", "secret": "x"}


def _fill(route: dict, ids: dict, rng: random.Random, per_route: int) -> list[str]:
    """Addresses for one route: ids of every kind of row the owner has, sampled."""
    monday = date.today() - timedelta(days=date.today().weekday())
    id_params = [n for n, k in route["params"].items() if k in ("uuid", "int")
                 and n not in NAMED]
    if not id_params:
        return []
    kind = route["params"][id_params[0]]
    # One id from each model the owner has rows in, then more at random, up to per_route.
    pools = ids[kind]
    chosen = [rng.choice(pks) for pks in pools.values()]
    everything = [pk for pks in pools.values() for pk in pks]
    while len(chosen) < per_route and len(chosen) < len(everything):
        chosen.append(rng.choice(everything))
    rng.shuffle(chosen)
    if "client_id" in id_params:  # the owner's own id first: the address means them
        chosen.insert(0, ids["int"]["accounts.User"][0])
    out = []
    for pk in chosen[:per_route]:
        values = {n: pk for n in id_params}
        for n in route["params"]:
            values.setdefault(n, NAMED.get(n, monday.isoformat()))
        out.append(route["path"].format(**values))
    return out


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    world = json.loads(inst.django("from verify.world import setup; setup()"))
    routes = json.loads(inst.django("from verify.world import routes; routes()"))
    before = inst.django("from verify.world import snapshot; snapshot()")
    needles = {v.encode() for w in world["words"]
               for v in (w, html.escape(w), json.dumps(w)[1:-1])}
    csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret Django accepts as is
    actors = {name: {"Cookie": f"{world['session_cookie']}={key}; "
                               f"{world['csrf_cookie']}={csrf}", "X-CSRFToken": csrf}
              for name, key in world["sessions"].items()}
    actors["anonymous"] = {}
    rng = random.Random(5)
    per_route = 4 if bounded else 48
    attempts = [(actor, method, path) for route in routes for path in
                _fill(route, world["ids"], rng, per_route)
                for method in route["methods"] for actor in actors]

    def attempt(job):
        actor, method, path = job
        is_api = path.startswith("/api/")
        body = b"{}" if is_api and method != "GET" else (b"" if method == "POST" else None)
        status, answer, headers = request(
            server.base, method, path, body=body, headers=actors[actor],
            content_type="application/json" if is_api else "application/x-www-form-urlencoded")
        kind = headers.get("Content-Type", "")
        leaked = 200 <= status < 300 and (
            any(n in answer for n in needles)
            or not kind.startswith(("text/html", "application/json")))
        return job, status, leaked

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(attempt, attempts))
    leaks = [(job, status) for job, status, leaked in results if leaked]
    failures = [(job, status) for job, status, _ in results if status == 0 or status >= 500]
    after = inst.django("from verify.world import snapshot; snapshot()")
    changed = sorted(k for k in set(json.loads(before)) | set(json.loads(after))
                     if json.loads(before).get(k) != json.loads(after).get(k))
    for (actor, method, path), status in (leaks + failures)[:10]:
        print(f"    {actor}: {method} {path} -> {status}")
    for label in changed:
        print(f"    the owner's {label} rows changed")
    models = len(world["ids"]["int"]) + len(world["ids"]["uuid"])
    return [
        Figure(f"Cross-actor: attempts ({len(routes)} routes, {models} kinds of row, "
               f"{len(actors)} actors)", len(attempts)),
        Figure("Cross-actor: answers showing the owner's records", len(leaks), "0",
               not leaks),
        Figure("Cross-actor: owner's kinds of row changed by others", len(changed), "0",
               not changed),
        Figure("Cross-actor: server errors or no answer", len(failures), "0", not failures),
    ]
