"""Stored script, everywhere it can show: a script tag and an `onerror` image written into
every free-text field the API takes (journal, diary note, "who was present", a medicine
name, a message, every section of the safety plan), then every page of the site fetched
as the client and as their clinician, with the client's ids in every address that takes
one. Pages and routes come from the URL conf, so a new page is read without anyone
listing it. Wherever the words show, they must show as text.
"""

import json
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from verify.common import Figure, Installation, Server, request
from verify.idor import NAMED, _fill

SHOW = __import__("os").environ.get("VERIFY_SHOW") == "1"
SECTIONS = ["warning_signs", "coping_alone", "distractions", "people_to_ask",
            "professionals", "environment", "reasons_for_living"]


def _write_probes(inst: Installation, server: Server, probe: str) -> tuple[int, date]:
    token = inst.token("client")
    zone = json.loads(request(server.base, "GET", "/api/me", token=token)[1])["time_zone"]
    day = datetime.now(ZoneInfo(zone)).date() - timedelta(days=1)
    clinician = int(inst.django("from between.accounts.models import User\n"
                                "print(User.objects.get(email='clinician@demo.between').pk)"))
    writes = [
        ("POST", "/api/journal", {"text": probe, "shared": True}),
        ("PUT", f"/api/diary/cards/{day}", {
            "note": probe, "present": probe[:200],
            "medication": {"as_needed": [{"name": probe[:60], "dose": "1"}]}}),
        ("POST", "/api/messages", {"clinician_id": clinician, "text": probe}),
        ("PUT", "/api/safety-plan", {"sections": {s: [probe] for s in SECTIONS}}),
    ]
    stored = 0
    for method, path, body in writes:
        status, answer, _ = request(server.base, method, path, token=token,
                                    body=json.dumps(body).encode())
        stored += 200 <= status < 300
        if not 200 <= status < 300:
            print(f"    {method} {path}: {status} {answer[:120]}")
    return stored, day


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    marker = f"xss{uuid.uuid4().hex[:12]}"
    probe = f'<script>alert("{marker}")</script><img src=x onerror=alert("{marker}")>'
    stored, day = _write_probes(inst, server, probe)
    readers = json.loads(inst.django("from verify.world import readers; readers()"))
    pages = json.loads(inst.django("from verify.world import routes; routes(True)"))
    rng = random.Random(9)
    monday = day - timedelta(days=day.weekday())
    urls = []
    for route in pages:
        found = _fill(route, readers["ids"], rng, 3 if bounded else 24)
        if not found and not any(k in ("uuid", "int") for k in route["params"].values()):
            values = {n: NAMED.get(n, (day if n == "day" else monday).isoformat())
                      for n in route["params"]}
            found = [route["path"].format(**values)]
        urls += found
    jobs = [(who, url) for who in readers["sessions"] for url in sorted(set(urls))]

    def fetch(job):
        who, url = job
        cookie = f"{readers['session_cookie']}={readers['sessions'][who]}"
        status, body, headers = request(server.base, "GET", url, headers={"Cookie": cookie})
        return job, status, body, headers.get("Content-Type", "")

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(fetch, jobs))
    shown, raw, failed = set(), [], []
    for (who, url), status, body, kind in results:
        if status == 0 or status >= 500:
            failed.append(f"{who} {url}: {status}")
        if marker.encode() in body:
            shown.add(url)
            unescaped = (f'<script>alert("{marker}")' in body.decode(errors="replace")
                         or f'onerror=alert("{marker}")>' in body.decode(errors="replace")
                         and "<img src=x" in body.decode(errors="replace"))
            if unescaped and kind.startswith("text/html"):
                raw.append(f"{who} {url}")
    for url in sorted(shown) if SHOW else ():
        print("    shows it:", url)
    for line in (raw + failed)[:10]:
        print("   ", line)
    return [
        Figure(f"Stored XSS: fields written ({stored} writes); pages fetched, 2 readers",
               len(jobs)),
        Figure("Stored XSS: pages showing the probe", len(shown)),
        Figure("Stored XSS: pages with it unescaped", len(raw), "0", not raw),
        Figure("Stored XSS: pages answering a server error", len(failed), "0", not failed),
    ]
