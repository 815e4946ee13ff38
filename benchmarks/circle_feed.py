"""A circle of 200 members reading a feed of 5,000 posts, on gunicorn.

4,000 posts and 1,000 replies, written by members in turn over the last 60 days, with
kind words on most of them and 40 posts held for a moderator. Measures a member's feed,
its second page and the moderator's held posts, each alternating with `/api/me` on the
same server so the ratio is from the same run (goal: pages ≤ 5× `/api/me` at p95, as the
other pages). On PostgreSQL when DATABASE_URL names a server.
"""

import random
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    between,
    database_name,
    gunicorn,
    load,
    print_ratios,
    save,
    scratch_env,
    signed_in_session,
    temp_dir,
)

MEMBERS, POSTS, REPLIES, HELD = 200, 4_000, 1_000, 40
CONCURRENCY, PER_WORKER = 2, 100  # as the diary benchmark, so the ratios compare


def build(env: dict) -> dict:
    """The circle, straight through the ORM in batches; posts are sealed as the app
    seals them (each with its writer's key)."""
    import os

    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from between.accounts import keys
    from between.accounts.models import Clinic, Role, User
    from between.accounts.services import create_token
    from between.circles.models import Circle, Member, Post, Reaction

    call_command("migrate", verbosity=0)
    rng = random.Random(11)  # noqa: S311 - benchmark data
    started = time.perf_counter()
    clinic = Clinic.objects.create(name="Bench clinic")
    moderator = User.objects.create(email="mod@bench.between", display_name="Moderator",
                                    role=Role.CLINICIAN, password="!", clinic=clinic)
    device = TOTPDevice.objects.create(user=moderator, name="bench", confirmed=True)
    circle = Circle.objects.create(clinic=clinic, name="Bench circle")
    circle.moderators.add(moderator)
    users = User.objects.bulk_create(
        [User(email=f"m{i}@bench.between", display_name=f"Member {i}", role=Role.CLIENT,
              password="!") for i in range(MEMBERS)])
    now = timezone.now()
    members = Member.objects.bulk_create(
        [Member(circle=circle, client=u, display_name=f"Name{i}", status="joined",
                joined_at=now - timedelta(days=90)) for i, u in enumerate(users)])
    span = timedelta(days=60).total_seconds()
    with keys.one_active_key():
        posts = []
        for n in range(POSTS):
            m = members[n % MEMBERS]
            at = now - timedelta(seconds=span * (POSTS - n) / POSTS)
            held = n % (POSTS // HELD) == 0
            posts.append(Post(circle=circle, client_id=m.client_id, member=m,
                              body=f"Post {n}: a hard day, and what helped a little. " * 3,
                              warning="a hard day" if n % 10 == 0 else "",
                              status="held" if held else "published",
                              held_for=["reports"] if held else [],
                              published_at=None if held else at, created_at=at))
        Post.objects.bulk_create(posts, batch_size=1000)
        published = [p for p in posts if p.status == "published"]
        replies = []
        for n in range(REPLIES):
            parent = published[-1 - rng.randrange(600)]  # mostly on recent posts
            m = members[rng.randrange(MEMBERS)]
            replies.append(Post(circle=circle, client_id=m.client_id, member=m,
                                parent=parent, is_reply=True, body=f"With you. ({n})",
                                status="published", published_at=parent.created_at,
                                created_at=parent.created_at + timedelta(minutes=5)))
        Post.objects.bulk_create(replies, batch_size=1000)
    reactions = {(rng.choice(published).pk, members[rng.randrange(MEMBERS)].client_id,
                  rng.choice(["with_you", "thank_you"])) for _ in range(8_000)}
    Reaction.objects.bulk_create([Reaction(post_id=p, client_id=c, kind=k)
                                  for p, c, k in reactions], batch_size=2000)
    print(f"  built {Post.objects.count():,} posts and {len(reactions):,} kind words for "
          f"{MEMBERS} members in {time.perf_counter() - started:.0f} s")

    sample = rng.sample(users, 8)
    second_page = sorted(published, key=lambda p: p.created_at)[-21].created_at
    return {"circle": circle.pk, "token": create_token(sample[0], "bench")[1],
            "sessions": [signed_in_session(u) for u in sample],
            "moderator": signed_in_session(moderator, device),
            "before": second_page.isoformat()}


def main() -> dict:
    tmp = temp_dir()
    try:
        env = scratch_env(tmp)
        between(env, "collectstatic", "--no-input", "-v0")
        fixtures = build(env)
        members = [{"Cookie": f"sessionid={s}"} for s in fixtures["sessions"]]
        figures = {}
        with gunicorn(env) as base:
            bare = (f"{base}/api/me", {"Authorization": f"Bearer {fixtures['token']}"})
            feed = f"{base}/circles/{fixtures['circle']}/"
            figures["GET /circles/{id}/ (a member's feed)"] = load(
                feed, headers_cycle=members, concurrency=CONCURRENCY,
                requests_per_worker=PER_WORKER, baseline=bare)
            from urllib.parse import quote

            figures["GET /circles/{id}/?before= (older posts)"] = load(
                f"{feed}?before={quote(fixtures['before'])}", headers_cycle=members,
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
            figures["GET /care/circles/held/ (40 held)"] = load(
                f"{base}/care/circles/held/",
                headers={"Cookie": f"sessionid={fixtures['moderator']}"},
                concurrency=CONCURRENCY, requests_per_worker=PER_WORKER, baseline=bare)
        save("circle_feed", figures)
        print(f"A circle of {MEMBERS} members, {POSTS + REPLIES:,} posts: gunicorn 2 "
              f"workers, {database_name(env)}, {CONCURRENCY} concurrent readers, each "
              "request followed by one to /api/me (goal: p95 <= 5x /api/me p95)")
        print_ratios(figures)
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
