"""Care-team demo data: contact times, a session history whose feedback dips (with a
private clinical note on the last one), messages already released at a check-in and one
still waiting, and a weekly check-in."""

from datetime import timedelta

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
