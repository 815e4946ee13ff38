"""The check-in list as a to-do list: each item new, read or handled; handled can be taken
back; the caseload counts what is left; a risky message carries its level."""

from datetime import timedelta

import pytest
from django.utils import timezone

from between.care.models import CheckIn, Message
from tests.conftest import signed_in


def _released(link, body="Can we talk about Tuesday?", days_ago=0, **extra):
    at = timezone.now() - timedelta(days=days_ago)
    return Message.objects.create(client=link.client, clinician=link.clinician, body=body,
                                  sent_at=at - timedelta(hours=2), release_at=at,
                                  released_at=at, **extra)


def _check_in(link):
    now = timezone.now()
    return CheckIn.objects.create(client=link.client, clinician=link.clinician,
                                  sent_at=now - timedelta(hours=3), release_at=now,
                                  released_at=now, how_it_went="A steadier week.")


def _item(html: str, pk) -> str:
    start = html.index(f'id="item-{pk}"')
    return html[start:html.index("</article>", start)]


@pytest.mark.django_db
def test_items_are_new_then_read_and_stay_until_handled_however_old(link):
    old = _released(link, "From the autumn, never dealt with.", days_ago=60)
    check_in = _check_in(link)
    http = signed_in(link.clinician)
    first = http.get("/care/digest/").content.decode()
    assert '<span class="tag">New</span>' in _item(first, old.pk)
    assert '<span class="tag">New</span>' in _item(first, check_in.pk)
    old.refresh_from_db()
    check_in.refresh_from_db()
    assert old.read_at is not None and check_in.read_at is not None
    again = http.get("/care/digest/").content.decode()
    assert '<span class="tag">Read</span>' in _item(again, old.pk)
    assert "From the autumn, never dealt with." in again
    assert "Messages and check-ins to do" in again


@pytest.mark.django_db
def test_marking_handled_moves_it_to_handled_and_it_can_be_put_back(link):
    message = _released(link)
    other = _released(link, "And one more thing.")
    http = signed_in(link.clinician)
    assert "<dd><a href=\"/care/digest/\">2 to do</a></dd>" in http.get("/care/").content.decode()

    response = http.post(f"/care/digest/items/{message.pk}/", {"handled": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/care/digest/#item-{message.pk}"
    message.refresh_from_db()
    assert message.handled_at is not None and message.handled_by == link.clinician
    assert message.read_at is not None, "handling something unread also reads it"
    page = http.get("/care/digest/").content.decode()
    to_do, handled = page.split("Handled in the last two weeks (1)")
    assert "Can we talk about Tuesday?" not in to_do and "And one more thing." in to_do
    assert f"Handled by {link.clinician}" in _item(handled, message.pk)
    assert "<dd><a href=\"/care/digest/\">1 to do</a></dd>" in http.get("/care/").content.decode()

    when = message.handled_at
    http.post(f"/care/digest/items/{message.pk}/", {"handled": "1"})  # a second tap
    message.refresh_from_db()
    assert message.handled_at == when

    http.post(f"/care/digest/items/{message.pk}/", {"handled": "0"})
    message.refresh_from_db()
    assert message.handled_at is None and message.handled_by is None
    assert "Can we talk about Tuesday?" in http.get("/care/digest/").content.decode()
    assert other.handled_at is None


@pytest.mark.django_db
def test_the_client_sees_read_and_never_handled(link):
    message = _released(link)
    signed_in(link.clinician).post(f"/care/digest/items/{message.pk}/", {"handled": "1"})
    mine = signed_in(link.client).get("/messages/").content.decode()
    assert "Read" in mine or "read" in mine
    assert "andled" not in mine


@pytest.mark.django_db
def test_a_message_the_screener_read_as_urgent_carries_its_level_first(link):
    risky = _released(link, "Tonight I am going to take them all.", risk_level="urgent")
    calm = _released(link, "Thanks for Tuesday.")
    page = signed_in(link.clinician).get("/care/digest/").content.decode()
    marked, rest = page.split("Messages and check-ins to do")
    assert '<span class="tag urgent">Urgent</span>' in _item(marked, risky.pk)
    assert str(calm.pk) not in marked and str(calm.pk) in rest


@pytest.mark.django_db
def test_another_clinician_cannot_mark_an_item(link, make_link):
    message = _released(link)
    stranger = make_link().clinician
    response = signed_in(stranger).post(f"/care/digest/items/{message.pk}/", {"handled": "1"})
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.handled_at is None


@pytest.mark.django_db
def test_an_item_still_waiting_for_the_check_in_time_cannot_be_marked(link):
    now = timezone.now()
    waiting = Message.objects.create(client=link.client, clinician=link.clinician,
                                     body="Later", release_at=now + timedelta(days=1))
    response = signed_in(link.clinician).post(f"/care/digest/items/{waiting.pk}/",
                                              {"handled": "1"})
    assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.handled_at is None and waiting.read_at is None


@pytest.mark.django_db
def test_the_api_gives_the_to_do_count_the_first_flags_level_and_each_items_state(link):
    from between.care.models import Digest
    from between.care.services import raise_flag

    digest = Digest.objects.create(clinician=link.clinician)
    risky = _released(link, "Tonight I am going to take them all.", risk_level="urgent",
                      digest=digest)
    calm = _released(link, "Thanks for Tuesday.", digest=digest)
    raise_flag(link.client, scope="messages", source="screening", day=timezone.localdate(),
               summary="Message", clinician_ids=[link.clinician_id], level="urgent")
    http = signed_in(link.clinician)
    http.post(f"/care/digest/items/{calm.pk}/", {"handled": "1"})
    (row,) = http.get("/api/care/caseload").json()
    assert (row["to_do"], row["first_flag_level"]) == (1, "urgent")
    assert row["first_flag_at"] is not None
    items = {i["id"]: i for i in http.get("/api/care/digest").json()}
    assert (items[str(risky.pk)]["state"], items[str(risky.pk)]["level"]) == ("new", "urgent")
    assert items[str(calm.pk)]["state"] == "handled"
