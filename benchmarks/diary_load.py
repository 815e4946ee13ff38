"""Diary card latency with 1,000 clients x 365 days of cards, on gunicorn.

Measures PUT of a card (API, token), the client's week view and a clinician's view of one
client's week (both HTML, signed-in sessions). Each load alternates with requests to the
bare `/api/me` on the same server, so every line reports its ratio to `/api/me` measured
in the same run (p95 over p95, and p50 over p50). On PostgreSQL when DATABASE_URL names a
server.
"""

import json
import os
import random
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    database_name,
    gunicorn,
    load,
    print_ratios,
    save,
    scratch_env,
    signed_in_session,
    temp_dir,
)

CLIENTS = int(os.environ.get("BENCH_CLIENTS", 1000))
DAYS = int(os.environ.get("BENCH_DAYS", 365))
CONCURRENCY, PER_WORKER = 2, 100  # as http_baseline, so the ratios compare like with like


def build(env: dict) -> dict:
    """Create the data set in-process, straight through the ORM in large batches."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from between.accounts import keys
    from between.accounts.models import CareLink, Role, User
    from between.accounts.services import create_token
    from between.diary.models import Card, CardItem, Kind
    from between.diary.template_data import default_card
    from between.safety.services import client_today

    call_command("migrate", verbosity=0)
    rng = random.Random(7)  # noqa: S311 - benchmark data
    users = User.objects.bulk_create(
        [User(email=f"c{i}@bench.between", display_name=f"Client {i}", role=Role.CLIENT,
              password="!") for i in range(CLIENTS)], batch_size=2000)
    data = default_card()
    items = []
    for u in users:
        for kind, key in ((Kind.URGE, "urges"), (Kind.EMOTION, "emotions"),
                          (Kind.BEHAVIOUR, "behaviours")):
            items += [CardItem(client=u, kind=kind, slug=x["slug"], label=x["label"],
                               trigger=x.get("trigger", ""), safety=x.get("safety", False),
                               direction=x.get("direction", ""), position=n)
                      for n, x in enumerate(data[key])]
    with keys.one_active_key():  # names are sealed: one key lookup per client, not item
        CardItem.objects.bulk_create(items, batch_size=5000)
    today = client_today(users[0])
    started = time.perf_counter()
    batch = []
    for u in users:
        for d in range(1, DAYS + 1):
            batch.append(Card(client=u, day=today - timedelta(days=d),
                              urges={x["slug"]: rng.randint(0, 5) for x in data["urges"]},
                              emotions={x["slug"]: rng.randint(0, 5) for x in data["emotions"]},
                              behaviours={"self_harm": {"done": False, "amount": None}},
                              skills=["tipp"], skills_rating=rng.randint(0, 7)))
            if len(batch) >= 5000:
                Card.objects.bulk_create(batch)
                batch = []
    Card.objects.bulk_create(batch)
    print(f"  built {Card.objects.count():,} cards for {CLIENTS:,} clients "
          f"in {time.perf_counter() - started:.0f} s")

    clinician = User.objects.create(email="clin@bench.between", display_name="Clinician",
                                    role=Role.CLINICIAN, password="!")
    device = TOTPDevice.objects.create(user=clinician, name="bench", confirmed=True)
    CareLink.objects.bulk_create([CareLink(client=u, clinician=clinician, share_diary=True,
                                           share_measures=True) for u in users[:60]])
    from between.care.models import Flag, SessionFeedback, TherapySession
    from between.measures.models import Response

    now = timezone.now()
    for n, u in enumerate(users[:60]):
        sessions = TherapySession.objects.bulk_create(
            [TherapySession(client=u, clinician=clinician, kind="attended",
                            starts_at=now - timedelta(weeks=w)) for w in range(1, 53)]
            + [TherapySession(client=u, clinician=clinician, kind="scheduled",
                              starts_at=now + timedelta(days=n % 7 + 1))])
        SessionFeedback.objects.bulk_create(
            [SessionFeedback(session=s, client=u, heard=7, worked_on=6, approach_fits=7,
                             overall=rng.randint(4, 9), created_at=s.starts_at)
             for s in sessions[:52]])
        # A year of weekly PHQ-9 and GAD-7 scores, for the caseload's "worse" check.
        Response.objects.bulk_create(
            [Response(client=u, measure=m, total=rng.randint(0, top), band="Mild",
                      started_at=now - timedelta(weeks=w), completed_at=now - timedelta(weeks=w))
             for w in range(1, 53) for m, top in (("phq9", 27), ("gad7", 21))])
        Flag.objects.bulk_create([Flag(client=u, clinician=clinician, source="diary",
                                       scope="diary", day=today, summary="Urge to die rated 4")
                                  for _ in range(n % 3)])

    sample = rng.sample(users[:60], 8)
    # A long conversation with each sampled client: 100 messages and 100 replies.
    from between.care.models import Message, Reply

    with keys.one_active_key():
        for u in sample:
            Message.objects.bulk_create([Message(
                client=u, clinician=clinician, body=f"Message {i} about the week.",
                sent_at=now - timedelta(hours=2 * i), release_at=now - timedelta(hours=2 * i),
                released_at=now - timedelta(hours=2 * i)) for i in range(100)])
            Reply.objects.bulk_create([Reply(
                client=u, clinician=clinician, body=f"Reply {i}: thank you.",
                sent_at=now - timedelta(hours=2 * i - 1)) for i in range(100)])
    return {"tokens": [create_token(u, "bench")[1] for u in sample],
            "client_sessions": [signed_in_session(u) for u in sample],
            "clinician_session": signed_in_session(clinician, device),
            "client_ids": [u.pk for u in sample], "today": today.isoformat()}


def main() -> dict:
    tmp = temp_dir()
    try:
        env = scratch_env(tmp)
        from benchmarks.common import between

        between(env, "collectstatic", "--no-input", "-v0")
        fixtures = build(env)
        body = json.dumps({"urges": {"to_die": 1, "self_harm": 0}, "emotions": {"joy": 3},
                           "skills": ["tipp"], "skills_rating": 5, "note": "benchmark"})
        figures = {}
        with gunicorn(env) as base:
            bare = (f"{base}/api/me", {"Authorization": f"Bearer {fixtures['tokens'][0]}"})
            figures["PUT /api/diary/cards/{date}"] = load(
                f"{base}/api/diary/cards/{fixtures['today']}", method="PUT", body=body,
                headers_cycle=[{"Authorization": f"Bearer {t}",
                                "Content-Type": "application/json"}
                               for t in fixtures["tokens"]],
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /diary/week/ (client)"] = load(
                f"{base}/diary/week/", headers_cycle=[{"Cookie": f"sessionid={s}"}
                                                      for s in fixtures["client_sessions"]],
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /care/clients/{id}/diary/ (clinician)"] = load(
                [f"{base}/care/clients/{cid}/diary/" for cid in fixtures["client_ids"]],
                headers={"Cookie": f"sessionid={fixtures['clinician_session']}"},
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /care/ (caseload of 60)"] = load(
                f"{base}/care/", headers={"Cookie": f"sessionid={fixtures['clinician_session']}"},
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /care/?show=no_card&q=client (filtered)"] = load(
                f"{base}/care/?show=no_card&q=client",
                headers={"Cookie": f"sessionid={fixtures['clinician_session']}"},
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /care/clients/{id}/messages/ (200 lines)"] = load(
                [f"{base}/care/clients/{cid}/messages/" for cid in fixtures["client_ids"]],
                headers={"Cookie": f"sessionid={fixtures['clinician_session']}"},
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /messages/ (client, 200 lines)"] = load(
                f"{base}/messages/", headers_cycle=[{"Cookie": f"sessionid={s}"}
                                                    for s in fixtures["client_sessions"]],
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
        save("diary_load", figures)
        print(f"Diary with {CLIENTS:,} clients x {DAYS} days: gunicorn 2 workers, "
              f"{database_name(env)}, {CONCURRENCY} concurrent clients, each request "
              "followed by one to /api/me (goals: PUT p95 <= 2x /api/me p95; pages <= 5x)")
        print_ratios(figures)
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
