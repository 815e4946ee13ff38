import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from between.accounts.services import link_client
from between.audit.models import AuditEvent
from between.care.models import Flag
from between.parts import services
from between.parts.models import Front, Part
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


def _part(client, name, **extra) -> Part:
    return services.save_part(client, name=name, **extra)


@pytest.mark.django_db
def test_adding_a_part_keeps_every_detail_and_encrypts_it(client_user):
    http = signed_in(client_user)
    response = http.post("/parts/new/", {
        "name": "Ash", "pronouns": "they/them", "age_or_role": "about 12, the protector",
        "emoji": "🌿", "colour": "#1e8449", "description": "Comes out when it's loud.",
        "helps": "Quiet, a blanket, being told the date.", "private": ["helps"]})
    assert response.status_code == 302
    part = Part.objects.get(client=client_user)
    assert (part.name, part.pronouns, part.colour, part.private) == (
        "Ash", "they/them", "#1e8449", ["helps"])
    assert part.helps == "Quiet, a blanket, being told the date."
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, description FROM parts_part")
        name, description = cursor.fetchone()
    # Ciphertext is base64, which never holds a space or an apostrophe.
    assert name.startswith("v") and name != "Ash"
    assert description.startswith("v") and "when it's loud" not in description
    page = http.get("/parts/").content.decode()
    assert "Ash" in page and "about 12, the protector" in page


@pytest.mark.django_db
def test_a_part_without_a_name_or_with_a_made_up_colour_is_refused_by_field(client_user):
    response = signed_in(client_user).post("/parts/new/", {
        "name": "   ", "colour": "red; background:url(x)", "description": "kept words"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Name: write something" in html and "Colour: pick one" in html
    assert "kept words" in html
    assert not Part.objects.exists()


@pytest.mark.django_db
def test_quick_log_records_a_co_front_and_a_switch_ends_it(client_user):
    ash, kit = _part(client_user, "Ash"), _part(client_user, "Kit")
    http = signed_in(client_user)
    first = http.post("/parts/now/", {"fronting": [ash.pk, kit.pk]})
    assert first["Location"] == "/parts/"  # nobody was here before: not a switch
    co_front = Front.objects.get()
    assert set(co_front.fronting.all()) == {ash, kit} and co_front.ended_at is None
    second = http.post("/parts/now/", {"fronting": [kit.pk], "status": "blurry"})
    assert second["Location"] == "/parts/?landed=1"
    co_front.refresh_from_db()
    now = Front.objects.get(ended_at__isnull=True)
    assert co_front.ended_at == now.started_at and now.status == "blurry"
    page = http.get("/parts/?landed=1").content.decode()
    assert "A moment to land, if it helps" in page and "5-4-3-2-1 grounding" in page
    assert "Here now:" in page and "“blurry”" in page


@pytest.mark.django_db
def test_quick_log_with_nothing_chosen_says_what_to_do(client_user):
    _part(client_user, "Ash")
    response = signed_in(client_user).post("/parts/now/", {})
    assert response.status_code == 400
    assert "pick someone, or write a word" in response.content.decode()
    assert not Front.objects.exists()


@pytest.mark.django_db
def test_someone_elses_part_cannot_be_logged(client_user):
    other = _part(UserFactory(), "Not yours")
    response = signed_in(client_user).post("/parts/now/", {"fronting": [other.pk]})
    assert response.status_code == 400 and not Front.objects.exists()


@pytest.mark.django_db
def test_lost_time_added_afterwards_in_the_clients_own_time_zone(client_user):
    client_user.time_zone = "America/New_York"
    client_user.save()
    day = timezone.localtime(timezone.now() - timedelta(days=1)).date()
    http = signed_in(client_user)
    response = http.post("/parts/log/new/", {
        "kind": "lost", "started_at": f"{day}T14:00", "ended_at": f"{day}T18:00",
        "approximate": "on", "note": "Woke up on the bus, no idea how."})
    assert response["Location"] == "/parts/?landed=1"
    lost = Front.objects.get()
    assert lost.kind == "lost" and lost.approximate and not lost.note_shared
    assert lost.started_at.astimezone(timezone.get_fixed_timezone(0)).hour in (18, 19)
    assert lost.ended_at - lost.started_at == timedelta(hours=4)
    week = services.week(client_user)
    assert week.lost == timedelta(hours=4)


@pytest.mark.django_db
def test_an_end_before_the_start_or_a_start_tomorrow_is_refused(client_user):
    http = signed_in(client_user)
    later = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = http.post("/parts/log/new/", {
        "kind": "lost", "started_at": later, "ended_at": "2020-01-01T10:00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "From: this is in the future" in html and "Until: this is before" in html
    assert not Front.objects.exists()


@pytest.mark.django_db
def test_correcting_an_entry_keeps_one_row_and_never_ends_another(client_user):
    ash, kit = _part(client_user, "Ash"), _part(client_user, "Kit")
    start = timezone.now() - timedelta(hours=3)
    old = services.log_front(client_user, fronting=[ash], started_at=start).front
    now = services.log_front(client_user, fronting=[kit]).front
    http = signed_in(client_user)
    response = http.post(f"/parts/log/{old.pk}/", {
        "kind": "front", "fronting": [ash.pk], "co_conscious": [kit.pk],
        "started_at": timezone.localtime(start - timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"),
        "ended_at": timezone.localtime(now.started_at).strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    assert Front.objects.count() == 2
    old.refresh_from_db()
    now.refresh_from_db()
    assert list(old.co_conscious.all()) == [kit] and now.ended_at is None


@pytest.mark.django_db
def test_an_earlier_switch_written_afterwards_ends_where_the_next_one_begins(client_user):
    ash, kit = _part(client_user, "Ash"), _part(client_user, "Kit")
    now = services.log_front(client_user, fronting=[ash]).front
    earlier = services.log_front(client_user, fronting=[kit],
                                 started_at=now.started_at - timedelta(hours=2)).front
    assert earlier.ended_at == now.started_at
    now.refresh_from_db()
    assert now.ended_at is None


@pytest.mark.django_db
def test_risky_words_in_a_front_note_show_the_plan_and_flag_only_when_shared(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts"})
    http = signed_in(client_user)
    at = timezone.localtime(timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    words = "Lost the afternoon. I want to kill myself tonight."
    http.post("/parts/log/new/", {"kind": "lost", "started_at": at, "note": words})
    lost = Front.objects.get()
    assert lost.risk_level == "urgent"
    page = http.get("/parts/").content.decode()
    assert "That sounds like a really hard day." in page and "nobody else has been told" in page
    assert not Flag.objects.exists()
    http.post(f"/parts/log/{lost.pk}/", {"kind": "lost", "started_at": at, "note": words,
                                         "note_shared": "on"})
    flag = Flag.objects.get()
    assert flag.clinician == clinician and flag.scope == "parts" and flag.level == "urgent"


@pytest.mark.django_db
def test_a_private_description_is_screened_but_never_reaches_the_clinician(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts"})
    part = _part(client_user, "Rook", description="The one who wants to die.",
                 private=["description"])
    assert part.risk_level in ("ideation", "urgent")
    assert not Flag.objects.exists()
    _part(client_user, "Wren", description="The one who wants to die.")
    assert Flag.objects.get().scope == "parts"


@pytest.mark.django_db
def test_clinician_with_the_parts_scope_sees_the_week_and_the_read_is_audited(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts"})
    ash = _part(client_user, "Ash", pronouns="they/them")
    hidden = _part(client_user, "Secret name", description="kept back",
                   private=["name", "description"])
    start = timezone.now() - timedelta(hours=5)
    services.log_front(client_user, fronting=[ash], started_at=start)
    services.log_front(client_user, fronting=[hidden], started_at=start + timedelta(hours=2),
                       note="Loud shop set it off", note_shared=True)
    services.log_front(client_user, kind="lost", started_at=start + timedelta(hours=3),
                       ended_at=start + timedelta(hours=4), note="not for them")
    page = signed_in(clinician).get(f"/care/clients/{client_user.pk}/parts/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ash" in html and "they/them" in html and "2 hours" in html
    assert "Secret name" not in html and "kept back" not in html
    assert "name kept private" in html
    assert "Loud shop set it off" in html and "not for them" not in html
    assert "1 hour" in html  # lost time
    assert sealed_reads(actor_id=clinician.pk,
                                     subject_id=client_user.pk, target="parts").exists()


@pytest.mark.django_db
def test_without_the_parts_scope_the_clinician_sees_nothing(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"diary"})
    _part(client_user, "Ash")
    http = signed_in(clinician)
    assert http.get(f"/care/clients/{client_user.pk}/parts/").status_code == 404
    assert "care_parts" not in http.get(f"/care/clients/{client_user.pk}/").content.decode()
    assert not AuditEvent.objects.filter(target="parts").exists()


@pytest.mark.django_db
def test_today_offers_who_is_here_only_to_someone_with_parts(client_user):
    http = signed_in(client_user)
    assert "Who's here?" not in http.get("/").content.decode()
    _part(client_user, "Ash")
    assert "Who's here?" in http.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("fronts", [1, 3])
def test_the_parts_page_reads_in_a_fixed_number_of_queries(client_user, fronts,
                                                         django_assert_max_num_queries):
    parts = [_part(client_user, f"P{n}") for n in range(3)]
    start = timezone.now() - timedelta(hours=fronts + 1)
    for n in range(fronts):
        services.log_front(client_user, fronting=parts[: n + 1],
                           started_at=start + timedelta(hours=n))
    http = signed_in(client_user)
    with django_assert_max_num_queries(11):
        assert http.get("/parts/").status_code == 200


@pytest.mark.django_db
def test_the_diary_card_picks_who_was_present_from_the_list_and_keeps_free_text(client_user):
    _part(client_user, "Ash")
    _part(client_user, "Kit")
    http = signed_in(client_user)
    from between.safety.services import client_today
    day = client_today(client_user).isoformat()
    page = http.get(f"/diary/day/{day}/").content.decode()
    assert 'value="Ash"' in page and "Anyone else, or in your own words" in page
    http.post(f"/diary/day/{day}/", {"present_parts": ["Ash", "Kit"], "present": "my sister"})
    from between.diary.models import Card
    card = Card.objects.get(client=client_user)
    assert card.present == "Ash, Kit, my sister"
    again = http.get(f"/diary/day/{day}/").content.decode()
    for name in ("Ash", "Kit"):
        box = re.search(rf'<input[^>]*value="{name}"[^>]*>', again).group(0)
        assert "checked" in box
    assert 'value="my sister"' in again


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "none"), (20, "under a minute"), (60, "1 minute"), (3600, "1 hour"),
    (3600 * 26 + 120, "26 hours 2 minutes")])
def test_durations_read_as_a_person_says_them(seconds, words):
    from between.parts.templatetags.parts_tags import duration_words
    assert duration_words(timedelta(seconds=seconds)) == words


@pytest.mark.django_db
def test_a_journal_entry_can_say_which_parts_wrote_it_and_the_clinician_sees_who(
        client_user):
    from between.journal.models import Entry

    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts", "journal"})
    ash, kit = _part(client_user, "Ash"), _part(client_user, "Kit", private=["name"])
    http = signed_in(client_user)
    assert "Written by (optional)" in http.get("/journal/new/").content.decode()
    http.post("/journal/new/", {"body": "We went to the sea.", "shared": "on",
                                "written_by": [ash.pk, kit.pk]})
    entry = Entry.objects.get()
    assert set(entry.written_by.all()) == {ash, kit}
    http.post(f"/journal/{entry.pk}/", {"body": "We went to the sea. Cold.", "shared": "on",
                                        "written_by": [ash.pk]})
    assert list(entry.written_by.all()) == [ash]
    care = signed_in(clinician)
    journal = care.get(f"/care/clients/{client_user.pk}/journal/").content.decode()
    assert "Written by" in journal and "Ash" in journal
    parts_page = care.get(f"/care/clients/{client_user.pk}/parts/").content.decode()
    assert "Who wrote shared journal entries" in parts_page and "1 entry" in parts_page


@pytest.mark.django_db
def test_without_the_journal_scope_the_parts_page_says_nothing_about_entries(client_user):
    from between.journal import services as journal

    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts"})
    ash = _part(client_user, "Ash")
    journal.write_entry(client_user, body="ours", shared=True, written_by=[ash])
    page = signed_in(clinician).get(f"/care/clients/{client_user.pk}/parts/").content.decode()
    assert "Who wrote shared journal entries" not in page


@pytest.mark.django_db
def test_someone_without_parts_sees_no_written_by_on_the_journal(client_user):
    assert "Written by" not in signed_in(client_user).get("/journal/new/").content.decode()


@pytest.mark.django_db
def test_a_double_tap_on_who_is_here_logs_once_and_is_not_a_switch(client_user):
    ash = _part(client_user, "Ash")
    http = signed_in(client_user)
    first = http.post("/parts/now/", {"fronting": [ash.pk], "form_token": "a" * 32})
    second = http.post("/parts/now/", {"fronting": [ash.pk], "form_token": "a" * 32})
    assert first["Location"] == "/parts/" and second.status_code == 302
    assert Front.objects.count() == 1 and Front.objects.get().ended_at is None


@pytest.mark.django_db
def test_deleting_a_part_keeps_the_log_and_the_flag_but_not_their_words(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts"})
    rook = _part(client_user, "Rook", description="The one who wants to die.")
    ash = _part(client_user, "Ash")
    front = services.log_front(client_user, fronting=[rook, ash]).front
    http = signed_in(client_user)
    assert "Delete Rook from this list" in http.get(f"/parts/{rook.pk}/").content.decode()
    http.post(f"/privacy/delete/part/{rook.pk}/")
    assert list(Part.objects.filter(client=client_user)) == [ash]
    assert list(front.fronting.all()) == [ash]
    flag = Flag.objects.get()
    assert flag.excerpt is None and flag.about == Flag.WORDS_DELETED


@pytest.mark.django_db
@pytest.mark.parametrize("fronts", [1, 3])
def test_the_clinicians_week_reads_in_a_fixed_number_of_queries(
        client_user, fronts, django_assert_max_num_queries):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts", "journal"})
    parts = [_part(client_user, f"P{n}", description="likes maps") for n in range(3)]
    start = timezone.now() - timedelta(hours=fronts + 1)
    for n in range(fronts):
        services.log_front(client_user, fronting=parts[: n + 1], co_conscious=parts[n:],
                           started_at=start + timedelta(hours=n), note=f"note {n}",
                           note_shared=True)
    http = signed_in(clinician)
    with django_assert_max_num_queries(16):
        page = http.get(f"/care/clients/{client_user.pk}/parts/")
    assert page.status_code == 200 and f"note {fronts - 1}" in page.content.decode()


@pytest.mark.django_db
def test_a_message_can_say_which_part_wrote_it_and_both_sides_see_who(client_user):
    from between.care.models import Message

    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"diary"})
    pip = _part(client_user, "Pip")
    secret = _part(client_user, "Hidden", private=["name"])
    http = signed_in(client_user)
    assert "Written by (optional)" in http.get("/messages/").content.decode()
    http.post("/messages/", {"clinician": clinician.pk, "body": "Can we talk about Tuesday?",
                             "written_by": [pip.pk, secret.pk]})
    message = Message.objects.get()
    assert set(message.written_by.all()) == {pip, secret}
    mine = http.get("/messages/").content.decode()
    assert "written by Pip and Hidden" in mine
    Message.objects.filter(pk=message.pk).update(released_at=timezone.now())
    theirs = signed_in(clinician).get(
        f"/care/clients/{client_user.pk}/messages/").content.decode()
    assert "written by Pip and a part (name kept private)" in theirs
    assert "Hidden" not in theirs


@pytest.mark.django_db
def test_a_diary_note_can_say_which_part_wrote_it(client_user):
    from between.diary.models import Card
    from between.safety.services import client_today

    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"diary"})
    pip = _part(client_user, "Pip", private=["name"])
    http = signed_in(client_user)
    day = client_today(client_user).isoformat()
    assert "The note was written by (optional)" in http.get(
        f"/diary/day/{day}/").content.decode()
    http.post(f"/diary/day/{day}/", {"note": "Drew a horse.", "note_by": [pip.pk]})
    card = Card.objects.get(client=client_user)
    assert list(card.note_by.all()) == [pip]
    assert "Written by Pip" in http.get("/diary/week/").content.decode()
    theirs = signed_in(clinician).get(
        f"/care/clients/{client_user.pk}/diary/").content.decode()
    assert "Written by a part (name kept private)" in theirs and "Drew a horse." in theirs
    http.post(f"/diary/day/{day}/", {"note": "Drew a horse."})  # ticks taken off
    assert not card.note_by.exists()


@pytest.mark.django_db
def test_a_diary_note_cannot_name_someone_elses_part(client_user):
    from between.diary import services as diary
    from between.diary.models import Card
    from between.lib.errors import FieldError
    from between.safety.services import client_today

    theirs = _part(UserFactory(), "Not yours")
    with pytest.raises(FieldError) as refused:
        diary.record_card(client_user, client_today(client_user),
                          diary.CardInput(note="hello", note_by=[theirs]))
    assert refused.value.field == "note_by" and not Card.objects.exists()


@pytest.mark.django_db
def test_words_that_cannot_be_opened_are_said_plainly_and_nothing_fails(client_user):
    """Changed behind Between's back (a flipped `note_shared`, a description moved from
    another row), those words read as unopenable; every page still works."""
    from django.db import connection

    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"parts"})
    ash = _part(client_user, "Ash", description="Likes maps.", helps="Quiet.")
    kit = _part(client_user, "Kit", description="Other words.")
    front = services.log_front(client_user, fronting=[ash], status="blurry",
                               note="Only for me.", note_shared=False).front
    with connection.cursor() as cursor:
        cursor.execute("UPDATE parts_front SET note_shared = %s", [True])
        cursor.execute("UPDATE parts_part SET description = "
                       "(SELECT description FROM parts_part WHERE id = %s) WHERE id = %s",
                       [kit.pk.hex if connection.vendor == "sqlite" else kit.pk,
                        ash.pk.hex if connection.vendor == "sqlite" else ash.pk])
    theirs = signed_in(clinician).get(f"/care/clients/{client_user.pk}/parts/")
    html = theirs.content.decode()
    assert theirs.status_code == 200
    assert "Only for me." not in html and "Other words." in html  # Kit's own, not Ash's
    assert html.count("(this couldn&#x27;t be opened)") == 2  # Ash's description, the note
    http = signed_in(client_user)
    assert http.get("/parts/").status_code == 200
    edit = http.get(f"/parts/{ash.pk}/").content.decode()
    assert "couldn't be opened" in edit and "Quiet." in edit  # the notice, and what's kept
    assert "couldn't be opened" in http.get(f"/parts/log/{front.pk}/").content.decode()
    exported = json.loads(http.get("/parts/export/pluralport.json").content)
    assert {m["name"]: m["description"] for m in exported["members"]}["Ash"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/journal/new/", "/messages/", "diary"])
def test_who_wrote_it_lists_parts_by_name_not_by_id(client_user, url):
    from between.safety.services import client_today

    link_client(client_user, ClinicianFactory(), {"diary"})
    ash = _part(client_user, "Ash", emoji="🌿")
    url = f"/diary/day/{client_today(client_user)}/" if url == "diary" else url
    html = signed_in(client_user).get(url).content.decode()
    box = re.search(rf'<input[^>]*value="{ash.pk}"[^>]*>(.{{0,80}}?)</label>', html, re.S)
    assert box and "🌿 Ash" in box.group(1) and "Part " not in box.group(1)
