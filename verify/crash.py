"""Kill the server with SIGKILL at random moments while three writers save diary cards,
journal entries and messages through the API. Every write the API acknowledged (a 2xx) must
be in the database afterwards, and every acknowledged diary save must have its revision.

A write whose connection dropped was never acknowledged: the writer simply goes on, as an
app would retry. Each write carries a unique marker, so the check is exact.
"""

import json
import random
import threading
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from verify.common import Figure, Installation, Server, request

FOUND = """
import json
from between.care.models import Message
from between.diary.models import CardRevision
from between.journal.models import Entry
client = {email!r}
print(json.dumps({{
    "journal": [e.body for e in Entry.objects.filter(client__email=client)],
    "diary": [r.snapshot for r in CardRevision.objects.filter(client__email=client)],
    "messages": [m.body for m in Message.objects.filter(client__email=client)],
}}))
"""


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    kills = 8 if bounded else 1000
    token = inst.token("client")
    email = inst.people["client"]["email"]
    clinician = int(inst.django(
        f"from between.accounts.models import User\n"
        f"print(User.objects.get(email={inst.people['clinician']['email']!r}).pk)"))
    zone = json.loads(request(server.base, "GET", "/api/me", token=token)[1])["time_zone"]
    today = datetime.now(ZoneInfo(zone)).date()
    days = [today - timedelta(days=n) for n in range(1, 7)]  # not today: midnight can pass

    acked = {"journal": [], "diary": [], "messages": []}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(kind: str):
        n = 0
        while not stop.is_set():
            n += 1
            marker = f"verify-{kind}-{uuid.uuid4()}"
            if kind == "journal":
                status, _, _ = request(server.base, "POST", "/api/journal", token=token,
                                       body=json.dumps({"text": marker}).encode(), timeout=10)
            elif kind == "diary":
                day = days[n % len(days)]
                status, _, _ = request(server.base, "PUT", f"/api/diary/cards/{day}",
                                       token=token, timeout=10,
                                       body=json.dumps({"note": marker}).encode())
            else:
                status, _, _ = request(server.base, "POST", "/api/messages", token=token,
                                       timeout=10, body=json.dumps(
                                           {"clinician_id": clinician, "text": marker}).encode())
            if 200 <= status < 300:
                with lock:
                    acked[kind].append(marker)
            elif status == 0:
                time.sleep(0.02)  # the server is down; try again shortly

    threads = [threading.Thread(target=writer, args=(k,)) for k in acked]
    for t in threads:
        t.start()
    rng = random.Random(11)
    try:
        for _ in range(kills):
            time.sleep(rng.uniform(0.3, 2.0))  # a worker needs a moment to load the app
            server.kill()
            server.start()
        time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join()
    found = json.loads(inst.django(FOUND.format(email=email)))
    lost = 0
    for kind, markers in acked.items():
        stored = "\n".join(found[kind])
        missing = [m for m in markers if m not in stored]
        lost += len(missing)
        for m in missing[:5]:
            print(f"    lost: {kind} {m}")
    total = sum(len(m) for m in acked.values())
    return [
        Figure(f"Crash: SIGKILLs while 3 writers save, {inst.database}", kills),
        Figure("Crash: writes acknowledged", total),
        Figure("Crash: acknowledged writes lost (revisions included)", lost, "0", lost == 0),
    ]
