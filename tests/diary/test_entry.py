from datetime import timedelta

import pytest
from django.db import connection

from between.care.models import Flag
from between.diary.models import Card, CardRevision
from tests.conftest import signed_in
from tests.diary.conftest import FULL


@pytest.mark.django_db
def test_full_card_saves_every_answer(client_user, today):
    http = signed_in(client_user)
    response = http.post(f"/diary/day/{today}/", FULL)
    assert response["Location"] == f"/diary/day/{today}/"
    card = Card.objects.get(client=client_user, day=today)
    assert card.urges == {"to_die": 1, "self_harm": 2, "use_substances": 0, "quit_therapy": 0}
    assert card.emotions["sadness"] == 3 and len(card.emotions) == 8
    assert card.behaviours == {"went_outside": {"done": True, "amount": None}}
    assert card.skills == ["tipp", "wise_mind"] and card.skills_rating == 5
    assert card.as_prescribed is True
    assert card.as_needed == [{"name": "Propranolol", "dose": "10mg", "time": "14:30"}]
    assert float(card.sleep_hours) == 7.5
    assert (card.present, card.note) == ("Mostly me", "Went to the shop and back.")
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "Saved. Thank you for filling it in." in page
    assert 'id="id_e_sadness_3" checked' in page, "the saved answer is shown again"


@pytest.mark.django_db
def test_partial_card_saves_and_zero_is_an_answer(client_user, today):
    signed_in(client_user).post(f"/diary/day/{today}/", {"u_to_die": "0"})
    card = Card.objects.get(client=client_user, day=today)
    assert card.urges == {"to_die": 0} and card.emotions == {}


@pytest.mark.django_db
def test_backfill_seven_days_and_edits_keep_history(client_user, today):
    http = signed_in(client_user)
    day = today - timedelta(days=7)
    http.post(f"/diary/day/{day}/", {"u_to_die": "1"})
    http.post(f"/diary/day/{day}/", {"u_to_die": "2"})
    card = Card.objects.get(client=client_user, day=day)
    assert card.urges == {"to_die": 2}
    revisions = CardRevision.objects.filter(card=card).order_by("saved_at")
    assert [r.snapshot.count('"to_die": 1') for r in revisions] == [1, 0]


@pytest.mark.django_db
def test_older_days_are_read_only_and_future_days_do_not_exist(client_user, today):
    http = signed_in(client_user)
    old = today - timedelta(days=8)
    response = http.post(f"/diary/day/{old}/", {"u_to_die": "1"})
    assert "can't be changed now" in response.content.decode()
    assert not Card.objects.filter(day=old).exists()
    assert http.get(f"/diary/day/{today + timedelta(days=1)}/").status_code == 404
    assert http.get("/diary/day/not-a-date/").status_code == 404


@pytest.mark.django_db
def test_out_of_range_rating_is_refused_and_nothing_saved(client_user, today):
    response = signed_in(client_user).post(f"/diary/day/{today}/", {**FULL, "u_to_die": "9"})
    assert response.status_code == 400
    assert "Everything you entered is still here" in response.content.decode()
    assert "Went to the shop and back." in response.content.decode()
    assert not Card.objects.exists()


@pytest.mark.django_db
def test_free_text_on_the_card_is_encrypted(client_user, today):
    signed_in(client_user).post(f"/diary/day/{today}/", FULL)
    with connection.cursor() as cursor:
        cursor.execute("SELECT note, present FROM diary_card")
        note, present = cursor.fetchone()
    assert note.startswith("v1.") and present.startswith("v1.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT snapshot FROM diary_cardrevision")
        assert "the shop and back" not in cursor.fetchone()[0]


@pytest.mark.django_db
def test_high_urge_shows_the_prompt_and_flags_the_diary_clinician(link, today):
    http = signed_in(link.client)
    http.post(f"/diary/day/{today}/", {"u_to_die": "3"})
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "That sounds like a really hard day." in page
    assert 'href="/safety-plan/"' in page and 'href="tel:' in page
    flag = Flag.objects.get(client=link.client)
    assert flag.clinician == link.clinician and "Urge to die rated 3" in flag.summary
    assert flag.scope == "diary"
    # Saving the same card again shows the prompt again but does not flag twice.
    http.post(f"/diary/day/{today}/", {"u_to_die": "3", "e_sadness": "4"})
    again = http.get(f"/diary/day/{today}/").content.decode()
    assert "That sounds like a really hard day." in again
    assert Flag.objects.count() == 1
    # The prompt is shown once, not on every later visit.
    assert "really hard day" not in http.get(f"/diary/day/{today}/").content.decode()


@pytest.mark.django_db
def test_self_harm_logged_triggers_and_low_urges_do_not(link, today):
    http = signed_in(link.client)
    http.post(f"/diary/day/{today}/", {"u_to_die": "2", "u_self_harm": "3"})
    assert not Flag.objects.exists()
    http.post(f"/diary/day/{today}/", {"b_self_harm": "on"})
    assert "Self-harm logged" in Flag.objects.get().summary


@pytest.mark.django_db
def test_a_safety_item_of_their_own_is_named_only_where_it_is_sealed(link, today):
    from between.diary.models import CardItem

    http = signed_in(link.client)
    http.post("/diary/card/items/", {"kind": "behaviour", "label": "Purging",
                                     "direction": "decrease", "safety": "on"})
    item = CardItem.objects.get(client=link.client, slug__startswith="own_")
    http.post(f"/diary/day/{today}/", {f"b_{item.slug}": "on"})
    assert "really hard day" in http.get(f"/diary/day/{today}/").content.decode()
    flag = Flag.objects.get()
    assert flag.summary.endswith(": one of their own card items logged")
    assert flag.excerpt == "Purging logged"
    page = signed_in(link.clinician).get("/care/digest/").content.decode()
    assert "one of their own card items logged: “Purging logged”" in page, \
        "the clinician still reads what it was"
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary, excerpt FROM care_flag")
        assert "Purging" not in repr(cursor.fetchall())


@pytest.mark.django_db
def test_thresholds_are_per_client(link, today):
    http = signed_in(link.client)
    http.post("/diary/card/thresholds/", {"die_threshold": "2", "self_harm_threshold": "5"})
    http.post(f"/diary/day/{today}/", {"u_to_die": "2", "u_self_harm": "4"})
    assert [f.summary.split(": ")[1] for f in Flag.objects.all()] == ["Urge to die rated 2"]


@pytest.mark.django_db
def test_no_flag_for_a_clinician_without_the_diary_scope(link, today):
    from between.accounts.services import share_scopes

    share_scopes(link, {"journal"}, actor=link.client)
    http = signed_in(link.client)
    response = http.post(f"/diary/day/{today}/", {"u_to_die": "5"})
    assert response.status_code == 302, "saving is never blocked"
    assert not Flag.objects.exists()
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "nobody else has been told" in page, "the prompt never claims a clinician will see"


@pytest.mark.django_db
def test_crisis_mode_episode_shows_on_that_days_card(client_user, today):
    http = signed_in(client_user)
    http.post("/crisis-mode/", {"urge_before": "4", "urge_after": "2", "helped": ["breathing"]})
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "4 before, 2 after" in " ".join(page.split())
    assert "Paced breathing" in page
