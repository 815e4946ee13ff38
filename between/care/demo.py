"""Care-team demo data: contact times, a session history whose feedback dips (with a
private clinical note on the last one), messages already released at a check-in and one
still waiting, and a weekly check-in."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from between.care.models import (
    CheckIn,
    ClinicalNote,
    ContactPolicy,
    Digest,
    Message,
    RepairNote,
    SessionFeedback,
    TherapySession,
)
from between.care.windows import Window, release_time

WINDOWS = [{"weekday": 1, "start": "14:00", "end": "14:30"},
           {"weekday": 4, "start": "09:00", "end": "10:00"}]
FEEDBACK = [(9, 8, 8, 8), (8, 8, 8, 8), (8, 7, 7, 7), (7, 6, 6, 6), (6, 5, 5, 5), (5, 3, 4, 4)]


def make(clinician, client, client2) -> None:
    from zoneinfo import ZoneInfo

    policy, _ = ContactPolicy.objects.update_or_create(
        clinician=clinician, client=None,
        defaults={"time_zone": "Europe/London", "windows": WINDOWS,
                  "response_time": "within two working days of reading"})
    now = timezone.now()
    for weeks_ago, (heard, worked, fits, overall) in zip(range(6, 0, -1), FEEDBACK, strict=True):
        session = TherapySession.objects.create(
            clinician=clinician, client=client, kind=TherapySession.Kind.ATTENDED,
            starts_at=(now - timedelta(weeks=weeks_ago)).replace(hour=10, minute=0))
        felt_off = weeks_ago == 1
        SessionFeedback.objects.create(
            session=session, client=client, heard=heard, worked_on=worked,
            approach_fits=fits, overall=overall, felt_off=felt_off,
            note="It felt rushed and I didn't get to the thing with my sister." if felt_off
            else "")
        if felt_off:
            ClinicalNote.objects.create(
                session=session, client=client, author=clinician,
                created_at=session.starts_at + timedelta(hours=1),
                body="Ran over on the chain analysis and cut the check-in short. Alex went "
                     "quiet near the end. Start next time by asking how last week landed.")
            RepairNote.objects.create(session=session, client=client, author=client,
                                      body="I'd like ten minutes at the start next time to "
                                           "talk about last week.")
    TherapySession.objects.create(clinician=clinician, client=client,
                                  kind=TherapySession.Kind.SCHEDULED,
                                  starts_at=(now + timedelta(days=3)).replace(hour=10, minute=0))
    TherapySession.objects.create(clinician=clinician, client=client2,
                                  kind=TherapySession.Kind.SCHEDULED,
                                  starts_at=(now + timedelta(days=5)).replace(hour=15, minute=0))
    earlier = now - timedelta(days=4)
    digest = Digest.objects.create(clinician=clinician, released_at=earlier)
    Message.objects.create(client=client2, clinician=clinician, body="Can we move Thursday's "
                           "session to the afternoon? Work changed my shifts.",
                           sent_at=earlier - timedelta(hours=20), release_at=earlier,
                           released_at=earlier, digest=digest, outside_window=True)
    CheckIn.objects.create(client=client, clinician=clinician, sent_at=earlier - timedelta(1),
                           release_at=earlier, released_at=earlier, digest=digest,
                           how_it_went="Up and down. Work was hard.", peak_urge=3,
                           what_helped="Walking the dog, cold water.",
                           bring_to_session="What happened with my sister.")
    windows = [Window.parse(w) for w in WINDOWS]
    sent = now - timedelta(minutes=30)
    Message.objects.create(client=client, clinician=clinician,
                           body="Thank you for Tuesday. I wrote down the thing I wanted to say.",
                           sent_at=sent, outside_window=True,
                           release_at=release_time(windows, ZoneInfo(policy.time_zone), sent))


# The rest of a demo caseload: ten more clients, each with a different kind of week, so
# the caseload, its filters and the check-in have something to sort. None of them signs
# in (no password), and none has an open flag: Alex Morgan's is the one to follow.
CASELOAD = [
    # name, what they share, weeks of cards, what kind of week
    ("Priya Shah", {"diary", "measures"}, 8, "urges_high"),
    ("Tom Becker", {"diary"}, 6, "no_card"),
    ("Maya Chen", {"diary", "journal"}, 10, "steady"),
    ("Leo Hughes", {"diary"}, 6, "dipping"),
    ("Sofia Rossi", {"measures"}, 0, "worse"),
    ("Daniel Okoye", {"diary"}, 1, "new"),
    ("Hannah Novak", {"diary", "safety_plan"}, 6, "to_do"),
    ("Ravi Kumar", {"diary"}, 4, "break"),
    ("Ella Murphy", {"safety_plan"}, 0, "plan_only"),
    ("Ben Carter", {"diary", "parts"}, 12, "steady"),
]
PHQ9_WORSE = [5, 9, 14]  # a rise of 9: past PHQ-9's reliable-change threshold


def make_caseload(clinician) -> list:
    """Ten more clients for `clinician`, made once (a second run finds them and stops)."""
    from between.accounts.models import Role, User
    from between.accounts.services import link_client
    from between.diary.demo import make_cards
    from between.diary.models import Card
    from between.measures import library
    from between.measures.models import Response

    now = timezone.now()
    made = []
    for number, (name, scopes, weeks, kind) in enumerate(CASELOAD, start=3):
        email = f"caseload{number}@demo.between"
        if User.objects.filter(email=email).exists():
            continue
        client = User(email=email, display_name=name, role=Role.CLIENT)
        client.set_unusable_password()
        client.save()
        link_client(client, clinician, scopes)
        made.append(client)
        if weeks:
            make_cards(client, seed=number, weeks=weeks, hard_week=None)
        if kind == "urges_high":
            latest = Card.objects.filter(client=client).order_by("-day").first()
            Card.objects.filter(pk=latest.pk).update(urges={**latest.urges, "self_harm": 4,
                                                            "use_substances": 3})
        elif kind == "no_card":
            last = Card.objects.filter(client=client).latest("day").day
            Card.objects.filter(client=client, day__gt=last - timedelta(days=5)).delete()
        elif kind == "dipping":
            for weeks_ago, overall in ((3, 8), (2, 6), (1, 4)):
                session = TherapySession.objects.create(
                    clinician=clinician, client=client, kind=TherapySession.Kind.ATTENDED,
                    starts_at=(now - timedelta(weeks=weeks_ago)).replace(hour=14, minute=0))
                SessionFeedback.objects.create(session=session, client=client, heard=overall,
                                               worked_on=overall, approach_fits=overall,
                                               overall=overall)
        elif kind == "worse":
            measure = library.get("phq9")
            for weeks_ago, total in zip((6, 3, 0), PHQ9_WORSE, strict=True):
                at = now - timedelta(weeks=weeks_ago, hours=5)
                Response.objects.create(client=client, measure="phq9", answers={},
                                        started_at=at - timedelta(minutes=5), completed_at=at,
                                        total=total, band=measure.band_for(Decimal(total)))
        elif kind == "to_do":
            earlier = now - timedelta(days=2)
            CheckIn.objects.create(client=client, clinician=clinician,
                                   sent_at=earlier - timedelta(hours=6), release_at=earlier,
                                   released_at=earlier, how_it_went="Better than last week.",
                                   peak_urge=2, what_helped="Cold water, and texting my friend.")
        elif kind == "break":
            TherapySession.objects.create(
                clinician=clinician, client=client, kind=TherapySession.Kind.BREAK,
                starts_at=now - timedelta(days=3), ends_on=(now + timedelta(days=11)).date())
        if kind in ("steady", "to_do", "urges_high", "new"):
            TherapySession.objects.create(
                clinician=clinician, client=client, kind=TherapySession.Kind.SCHEDULED,
                starts_at=(now + timedelta(days=1 + number % 6)).replace(
                    hour=9 + number % 8, minute=0, second=0, microsecond=0))
    return made

