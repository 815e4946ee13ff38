"""Every column that holds text, enumerated from the models: it is encrypted, or its
values come from a fixed set (choices), or it is listed here with the reason it may stay
in the clear. A new text column fails this test until it is one of the three. Then a
canary goes into every encrypted column and must be found nowhere in the database file,
its write-ahead log included."""

import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models

from between.lib.fields import EncryptedTextField
from tests.factories import ClinicianFactory, UserFactory
from tests.rights.fill import fill, text_models

FROM_A_LIST = "values from a list of ours (slugs, codes, category names), never typed"
HASH = "a hash or an identifier, not words"
BROWSER = "made by the browser's push service, not by a person"
PLAIN = {
    "accounts.Clinic.name": "the clinic's name, set by its administrator",
    "accounts.Clinic.country": FROM_A_LIST,
    "accounts.Clinic.retention_note": "the clinic's retention policy, about the clinic",
    "accounts.Clinic.team_inbox": "the clinic's address for content-free emails",
    "accounts.Clinic.default_windows": "contact hours: days and times",
    "accounts.Clinic.steps_urgent": "the clinic's own protocol for a flag, about no one",
    "accounts.Clinic.steps_ideation": "the clinic's own protocol for a flag, about no one",
    "accounts.Clinic.steps_other": "the clinic's own protocol for a flag, about no one",
    "accounts.User.password": HASH,
    "accounts.User.email": "needed in the clear to sign in and to send content-free email",
    "accounts.User.display_name": "the name a care team and the audit log know a person by",
    "accounts.User.time_zone": FROM_A_LIST,
    "accounts.User.country": FROM_A_LIST,
    "accounts.DataKey.master_key_id": HASH,
    "accounts.PushDevice.endpoint": BROWSER,
    "accounts.PushDevice.p256dh": BROWSER,
    "accounts.PushDevice.auth": BROWSER,
    "accounts.PushDevice.service": BROWSER,
    "accounts.AccessToken.prefix": HASH,
    "accounts.AccessToken.digest": HASH,
    "accounts.Draft.path": "the path of one of our pages",
    "accounts.FormSubmission.key": HASH,
    "accounts.FormSubmission.location": "the path of one of our pages",
    "accounts.FormSubmission.created_id": HASH,
    "audit.AuditEvent.actor_label": "who acted: a display name, as the audit log must say",
    "audit.AuditEvent.target": HASH,
    "audit.AuditEvent.detail": "ids, counts and names of our own; never a person's words",
    "audit.AuditEvent.prev_hash": HASH,
    "audit.AuditEvent.hash": HASH,
    "audit.PendingRead.actor_label": "who read: a display name, as the audit log must say",
    "audit.PendingRead.target": "what was read: one of our own names for a kind of record",
    "audit.ChainHead.hash": HASH,
    "care.Flag.scope": FROM_A_LIST,
    "care.Flag.summary": "our words, a date and built-in item names; a client's own item is "
                         "named only as such, its name sealed in the excerpt",
    "care.Flag.about": "a reference to the record the words came from",
    "care.Flag.level": FROM_A_LIST,
    "care.FlagEvent.done": FROM_A_LIST,
    "care.UrgentAlert.summary": "as a flag's summary",
    "care.UrgentAlert.route": FROM_A_LIST,
    "care.UrgentAlert.notified": "which staff were told",
    "care.UrgentAlert.escalated": "which staff were told",
    "care.ContactPolicy.time_zone": FROM_A_LIST,
    "clinic.Team.name": "a team's name, set by the clinic's administrator",
    "circles.Circle.name": "a group's name, set by the clinic's staff, about no one",
    "circles.Circle.about": "what a group is for, written by the clinic's staff",
    "circles.Circle.time_zone": FROM_A_LIST,
    "circles.Circle.staffed": "staffed hours: days and times",
    "circles.Member.display_name": "the name a member chooses to be known by in a circle, "
                                   "shown to every member, as a display name is",
    "circles.Post.held_for": FROM_A_LIST,
    "measures.Assignment.measure": FROM_A_LIST,
    "parts.Part.colour": "a colour from the picker, #rrggbb, checked by the form",
    "parts.Part.private": "names of a part's fields the client keeps private",
    "parts.Part.source_id": "an id from the file it was imported from, never typed",
    "parts.Front.source_id": "an id from the file it was imported from, never typed",
    "measures.Response.measure": FROM_A_LIST,
    "measures.Response.answers": "numbers keyed by item numbers, as a diary card's ratings",
    "measures.Response.risk_items": "item numbers",
    "measures.Response.band": "a band name from a measure's data file, never typed",
    "care.ContactPolicy.windows": "contact hours: days and times",
    "care.ContactPolicy.response_time": "a clinician's own words about their availability",
    "care.ContactPolicy.away_message": "a clinician's own words about their availability",
    "care.OutboundEmail.to": "an address the email must reach",
    "care.OutboundEmail.subject": "our words; emails carry no content",
    "care.OutboundEmail.body": "sealed with a key derived from the master key, emptied "
                               "once sent (tests/care/test_email_outbox.py)",
    "care.Invitation.email": "an address the invitation must reach",
    "care.Invitation.digest": HASH,
    "care.CalendarFeed.digest": HASH,
    "safety.PlanVersion.note": "our words about what changed",
    "safety.Suggestion.section": FROM_A_LIST,
    "safety.CrisisEpisode.helped": FROM_A_LIST,
    "diary.CardItem.slug": "a built-in item's slug, or an opaque one for a person's own",
    "diary.CardItem.trigger": FROM_A_LIST,
    "diary.Card.urges": "numbers keyed by item slugs, opaque for a person's own items",
    "diary.Card.emotions": "numbers keyed by item slugs, opaque for a person's own items",
    "diary.Card.behaviours": "yes, no and amounts keyed by item slugs, opaque likewise",
    "diary.Card.skills": FROM_A_LIST,
    "skills.Worksheet.skill": FROM_A_LIST,
    "skills.Practice.skill": FROM_A_LIST,
    "clinic.StaffInvitation.email": "an address the invitation must reach",
    "clinic.StaffInvitation.role": FROM_A_LIST,
    "clinic.StaffInvitation.digest": HASH,
    "clinic.MfaReset.reason": "an administrator's note about a staff member's lost phone",
    "clinic.SignUp.email": "an address the confirmation must reach",
    "clinic.SignUp.display_name": "the name a person signs up with",
    "clinic.SignUp.password": HASH,
    "clinic.SignUp.digest": HASH,
}
TEXT = (models.CharField, models.TextField, models.JSONField)


def _text_columns():
    for model in apps.get_models():
        if not model.__module__.startswith("between."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT) and not isinstance(field, EncryptedTextField):
                yield f"{model._meta.label}.{field.name}", field


def test_every_plain_text_column_is_a_choice_or_has_a_reason():
    unexplained = [name for name, field in _text_columns()
                   if not field.choices and name not in PLAIN
                   and not name.endswith(".risk_categories")]  # the screener's categories
    assert not unexplained, f"encrypt these, or say in PLAIN why they may stay: {unexplained}"
    stale = set(PLAIN) - {name for name, _ in _text_columns()}
    assert not stale, f"no longer columns, or encrypted now: {stale}"


def test_what_a_person_names_is_encrypted():
    """The columns the attack review found in the clear, each now sealed."""
    for label, name in [("diary.CardItem", "label"), ("diary.CardItem", "unit"),
                        ("diary.ItemProposal", "label"), ("accounts.AccessToken", "name"),
                        ("diary.Card", "medicines"), ("skills.ChainAnalysis", "behaviour")]:
        field = apps.get_model(label)._meta.get_field(name)
        assert isinstance(field, EncryptedTextField), f"{label}.{name}"


@pytest.mark.django_db(transaction=True)
def test_a_canary_in_every_encrypted_column_reaches_no_byte_of_the_database(committed_db):
    client, clinician = UserFactory(), ClinicianFactory()
    canaries, made = {}, {}
    for model, _ in text_models():
        fill(model, client, clinician, made, canaries)
    from between.diary import services

    own = services.add_item(client, kind="behaviour", label=f"own-{uuid.uuid4().hex}",
                            unit=f"unit-{uuid.uuid4().hex}")
    canaries[own.label] = "diary.CardItem.label, through add_item"
    canaries[own.unit] = "diary.CardItem.unit, through add_item"
    encrypted = {f"{m._meta.label}.{n}" for m, names in text_models() for n in names}
    assert {where.split(",")[0] for where in canaries.values()} == encrypted, \
        "a canary in every encrypted column"
    with connection.cursor() as cursor:
        dump = []
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            dump.extend(repr(row) for row in cursor.fetchall())
    dump = "\n".join(dump)
    assert not [where for text, where in canaries.items() if text in dump]
    if connection.vendor == "sqlite":
        db_file = Path(connection.settings_dict["NAME"])
        files = [p for p in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-journal"))
                 if p.exists()]
        assert files, "the database file was read"
        for path in files:
            data = path.read_bytes()
            found = [where for text, where in canaries.items() if text.encode() in data]
            assert not found, f"{path.name} holds {found}"
