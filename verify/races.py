"""Two first saves of the same day's card at the same moment, through gunicorn: a double
tap, or an app retrying on a slow connection. Both must be answered 2xx, one card must
exist, and both saves must be in its revisions.
"""

import json
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from verify.common import Figure, Installation, Server, request

CLIENTS = """
import json
from between.accounts.models import Role, User
from between.accounts.services import create_token
out = []
for n in range({count}):
    user = User.objects.create_user(email=f"race{{n}}@verify.between", password=None,
                                    role=Role.CLIENT, display_name=f"Race {{n}}")
    out.append(create_token(user, "verify")[1])
print(json.dumps(out))
"""

STORED = """
import json
from between.diary.models import Card, CardRevision
cards = Card.objects.filter(client__email__endswith="@verify.between")
print(json.dumps({"cards": cards.count(),
                  "revisions": [r.snapshot for r in CardRevision.objects.filter(card__in=cards)]}))
"""


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    tokens = json.loads(inst.django(CLIENTS.format(count=2 if bounded else 20)))
    zone = json.loads(request(server.base, "GET", "/api/me", token=tokens[0])[1])["time_zone"]
    today = datetime.now(ZoneInfo(zone)).date()
    days = [today - timedelta(days=n) for n in range(1, 7)]
    refused, markers = [], []
    for token in tokens:
        for day in days:
            gate = threading.Barrier(2)

            def save(note, token=token, day=day, gate=gate):
                gate.wait()
                status, body, _ = request(server.base, "PUT", f"/api/diary/cards/{day}",
                                          token=token, body=json.dumps({"note": note}).encode())
                if not 200 <= status < 300:
                    refused.append(f"{day}: {status} {body[:100]}")

            notes = [f"tap-{day}-{token[-6:]}-{n}" for n in (1, 2)]
            markers += notes
            pair = [threading.Thread(target=save, args=(note,)) for note in notes]
            for t in pair:
                t.start()
            for t in pair:
                t.join()
    stored = json.loads(inst.django(STORED))
    revisions = "\n".join(stored["revisions"])
    lost = sum(m not in revisions for m in markers)
    for line in refused[:5]:
        print("   ", line)
    pairs = len(tokens) * len(days)
    return [
        Figure("Races: pairs of first saves of a day at once", pairs),
        Figure("Races: saves refused or failed", len(refused), "0", not refused),
        Figure("Races: one card per day", stored["cards"], f"{pairs}", stored["cards"] == pairs),
        Figure("Races: saves missing from the revisions", lost, "0", lost == 0),
    ]
