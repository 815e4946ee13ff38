"""Every field a client writes in is screened, through the one path, on every page.

The field list comes from the models, the way the access matrix comes from the URLs: a
new EncryptedTextField that is neither screened nor marked `not_screened` with a reason
fails here, and so does a screened field with no write path below.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from between.care.models import Flag, TherapySession
from between.lib.fields import EncryptedTextField
from between.risk.models import Screened
from between.safety.services import client_today
from between.skills import library
from tests.conftest import signed_in

RISKY = "I have been saving up my tablets and I am going to take them all tonight"
# The prompt's heading: its words differ for a circle post, which may be for someone else.
PROMPT = '<h2 id="prompt-h">'


def encrypted_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, EncryptedTextField):
                yield model, field


def screened_fields():
    return sorted(f"{m._meta.label}.{f.name}" for m, f in encrypted_fields()
                  if not f.not_screened)


def test_every_encrypted_field_is_screened_or_says_why_not():
    for model, field in encrypted_fields():
        label = f"{model._meta.label}.{field.name}"
        if field.not_screened:
            assert field.name not in getattr(model, "screened_fields", ()), label
            continue
        assert issubclass(model, Screened), f"{label}: the model must be Screened"
        assert field.name in model.screened_fields, \
            f"{label}: list it in screened_fields and write it through screen_writing()"


def _session(link):
    return TherapySession.objects.create(client=link.client, clinician=link.clinician,
                                         starts_at=timezone.now() - timedelta(days=1),
                                         kind="attended")


def _worksheet_step(http, link):
    from between.skills.models import Worksheet

    http.post("/skills/stop/start/")
    worksheet = Worksheet.objects.get()
    step = next(i for i, s in enumerate(library.flows()["stop"].steps) if s.field == "text")
    return f"/skills/worksheets/{worksheet.pk}/{step}/", {"value": RISKY}


def _chain(http, link):
    from between.diary.services import CardInput, record_card

    today = client_today(link.client)
    record_card(link.client, today, CardInput(behaviours={"self_harm": {"done": True}}))
    return f"/diary/day/{today}/chain/", {"thoughts": RISKY}


def _summary(http, link):
    from between.summary import services

    today = client_today(link.client)
    summary = services.start_summary(link.client, purpose="", start=today - timedelta(days=13),
                                     end=today)
    data = {"starts_on": summary.starts_on, "ends_on": today, "text-happening": RISKY,
            "include-happening": "on"}
    return f"/summaries/{summary.pk}/", data


def _sharing_parts(link):
    link.share_parts = True
    link.save(update_fields=["share_parts"])


def _part(field):
    def write(http, link):
        _sharing_parts(link)
        return "/parts/new/", {"name": "Ash", field: RISKY}
    return write


def _front_note(http, link):
    from zoneinfo import ZoneInfo

    _sharing_parts(link)
    an_hour_ago = timezone.localtime(timezone.now() - timedelta(hours=1),
                                     ZoneInfo(link.client.time_zone))
    return "/parts/log/new/", {"kind": "lost", "started_at": an_hour_ago.strftime(
        "%Y-%m-%dT%H:%M"), "note": RISKY, "note_shared": "on"}


def _circle_post(field):
    def write(http, link):
        from between.accounts.models import Clinic
        from between.circles import services

        link.clinician.clinic = Clinic.objects.create(name="Circle clinic")
        link.clinician.save(update_fields=["clinic"])
        circle = services.save_circle(link.clinician, name="Group", staffed=[])
        services.join(services.invite(link.clinician, circle, link.client), "Wren")
        return f"/circles/{circle.pk}/", {"body": "Hello all", field: RISKY}
    return write


# How a client writes each screened field, in the browser's own requests.
WRITES = {
    "diary.Card.note": lambda http, link: (f"/diary/day/{client_today(link.client)}/",
                                           {"note": RISKY}),
    "diary.Card.present": lambda http, link: (f"/diary/day/{client_today(link.client)}/",
                                              {"present": RISKY}),
    "journal.Entry.body": lambda http, link: ("/journal/new/", {"body": RISKY}),
    "safety.CrisisEpisode.note": lambda http, link: ("/crisis-mode/", {"note": RISKY}),
    "care.Message.body": lambda http, link: ("/messages/", {"clinician": link.clinician_id,
                                                            "body": RISKY}),
    "care.CheckIn.how_it_went": lambda http, link: (
        "/checkin/", {"clinician": link.clinician_id, "how_it_went": RISKY}),
    "care.CheckIn.what_helped": lambda http, link: (
        "/checkin/", {"clinician": link.clinician_id, "what_helped": RISKY}),
    "care.CheckIn.bring_to_session": lambda http, link: (
        "/checkin/", {"clinician": link.clinician_id, "bring_to_session": RISKY}),
    "care.SessionFeedback.note": lambda http, link: (
        f"/sessions/{_session(link).pk}/", {"heard": 5, "worked_on": 5, "approach_fits": 5,
                                            "overall": 5, "note": RISKY}),
    "care.RepairNote.body": lambda http, link: (f"/sessions/{_session(link).pk}/notes/",
                                                {"body": RISKY}),
    "care.AgendaItem.text": lambda http, link: ("/sessions/agenda/", {
        "clinician": link.clinician_id, "body": RISKY}),
    "skills.Worksheet.answers": _worksheet_step,
    "skills.ChainAnalysis.content": _chain,
    "summary.Summary.purpose": lambda http, link: ("/summaries/", {"period": "30",
                                                                   "purpose": RISKY}),
    "summary.Summary.sections": _summary,
    "parts.Part.description": _part("description"),
    "parts.Part.helps": _part("helps"),
    "parts.Front.note": _front_note,
    "circles.Post.body": _circle_post("body"),
    "circles.Post.warning": _circle_post("warning"),
}
# Kept by the client alone: the prompt shows, and nobody is flagged.
PRIVATE = {"journal.Entry.body", "summary.Summary.purpose", "summary.Summary.sections"}
# Read first by the circle's moderators: the post waits for them. The care team's flag
# says where, without the words.
MODERATED = {"circles.Post.body", "circles.Post.warning"}


def test_every_screened_field_has_a_write_path_here():
    assert sorted(WRITES) == screened_fields()


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(WRITES))
def test_risky_words_in_each_field_are_stored_prompted_and_flagged(label, link):
    http = signed_in(link.client)
    url, data = WRITES[label](http, link)
    page = http.post(url, data, follow=True)
    assert page.status_code == 200, (label, page.status_code)
    assert PROMPT in page.content.decode(), f"{label}: no prompt on the page after saving"
    model = apps.get_model(label.rsplit(".", 1)[0])
    record = model.objects.get()
    assert record.risk_level == "urgent", (label, record.risk_level)
    assert "method_or_plan" in record.risk_categories
    if label in MODERATED:
        assert record.status == "held" and record.held_for == ["risk"]
    if label in PRIVATE:
        assert not Flag.objects.exclude(source="diary").exists()
    else:
        flag = Flag.objects.exclude(source="diary").get(clinician=link.clinician)
        assert "tablets" not in flag.summary, "a summary never carries the client's words"
