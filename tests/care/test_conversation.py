"""Both ways: a client's message waits for the check-in time, is delivered, is read; the
clinician replies; the client reads the reply beside what they sent, in their own time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.care import conversation
from between.care.messaging import release_due, send_message
from between.care.models import Message, Reply, SavedReply
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


def _release(message: Message) -> None:
    assert release_due(now=message.release_at) >= 1


@pytest.mark.django_db
def test_waiting_delivered_read_and_a_reply_in_order(link, policy):
    client_http, staff_http = signed_in(link.client), signed_in(link.clinician)
    client_http.post("/messages/", {"clinician": link.clinician_id,
                                    "body": "Tuesday felt hard to talk about."})
    message = Message.objects.get()
    page = client_http.get("/messages/").content.decode()
    assert "Tuesday felt hard to talk about." in page
    assert f"Waiting for {link.clinician}'s check-in time" in page
    thread = staff_http.get(f"/care/clients/{link.client_id}/messages/").content.decode()
    assert "Tuesday felt hard" not in thread, "it waits for the check-in time here too"

    _release(message)
    assert "Delivered" in client_http.get("/messages/").content.decode()
    staff_http.get(f"/care/clients/{link.client_id}/messages/")
    message.refresh_from_db()
    assert message.read_at is not None
    assert sealed_reads(target="messages",
                                     subject_id=link.client_id).exists()

    response = staff_http.post(f"/care/clients/{link.client_id}/messages/",
                               {"body": "Thank you for telling me. Let's start there."})
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.client, reply.clinician) == (link.client, link.clinician)
    assert reply.outside_window, "the policy's window is closed now"
    event = AuditEvent.objects.get(action=Action.REPLIED)
    assert "Thank you" not in str(event.detail), "the log says a reply went, not what"
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM care_reply")
        assert cursor.fetchone()[0].startswith("v1.")

    page = client_http.get("/messages/").content.decode()
    assert page.index("Tuesday felt hard") < page.index("Thank you for telling me")
    assert "Read " in page
    reply.refresh_from_db()
    assert reply.read_at is not None, "the client has seen it"


@pytest.mark.django_db
def test_times_are_in_the_clients_own_zone(link, policy):
    link.client.time_zone = "America/New_York"
    link.client.save(update_fields=["time_zone"])
    message = send_message(link.client, link.clinician, "hello").item
    sent = datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("UTC"))
    Message.objects.filter(pk=message.pk).update(sent_at=sent)
    page = signed_in(link.client).get("/messages/").content.decode()
    assert "Fri 27 Nov, 09:05" in page, "14:05 UTC is 09:05 in New York"
    assert "Fri 27 Nov, 14:05" not in page


@pytest.mark.django_db
def test_a_reply_naming_another_client_asks_first_and_keeps_the_words(link, policy):
    other = UserFactory(display_name="Priya Shah")
    link_client(other, link.clinician, set())
    http = signed_in(link.clinician)
    url = f"/care/clients/{link.client_id}/messages/"
    words = "Priya said the group helped; see you Tuesday."
    response = http.post(url, {"body": words})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This names Priya Shah, another of your clients." in html
    assert words in html, "nothing typed is lost"
    assert not Reply.objects.exists()
    assert http.post(url, {"body": words, "confirm": "on"}).status_code == 302
    assert Reply.objects.get().body == words
    assert conversation.others_named(link.clinician, link.client, "nobody here") == []


@pytest.mark.django_db
def test_a_saved_reply_starts_the_next_one_and_only_its_author_can_delete_it(link, policy):
    http = signed_in(link.clinician)
    url = f"/care/clients/{link.client_id}/messages/"
    http.post(url, {"body": "Let's make this the first thing we talk about.", "save": "on"})
    saved = SavedReply.objects.get(clinician=link.clinician)
    assert saved.body == "Let's make this the first thing we talk about."
    page = http.get(f"{url}?start={saved.pk}").content.decode()
    assert "\nLet&#x27;s make this the first thing we talk about.</textarea>" in page
    other = ClinicianFactory()
    assert signed_in(other).post(f"/care/saved-replies/{saved.pk}/delete/").status_code == 404
    http.post(f"/care/saved-replies/{saved.pk}/delete/", {"next": "https://evil.example/"})
    assert not SavedReply.objects.exists()


@pytest.mark.django_db
def test_outside_the_check_in_time_a_reply_is_allowed_and_not_asked_for(link, policy):
    page = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/messages/").content.decode()
    assert "You're outside your check-in times" in page
    assert "Nothing here needs an answer now" in page


@pytest.mark.django_db
def test_the_digest_marks_what_it_shows_read_and_offers_a_reply(link, policy):
    message = send_message(link.client, link.clinician, "Could we swap to Thursday?").item
    _release(message)
    page = signed_in(link.clinician).get("/care/digest/").content.decode()
    assert f'href="/care/clients/{link.client_id}/messages/"' in page
    message.refresh_from_db()
    assert message.read_at is not None
    assert "Read " in signed_in(link.client).get("/messages/").content.decode()


@pytest.mark.django_db
def test_a_reply_sends_a_push_with_no_words(link, policy, monkeypatch):
    sent = []
    monkeypatch.setattr("between.care.conversation.push_to",
                        lambda user, kind: sent.append((user, kind)))
    with TestCase.captureOnCommitCallbacks(execute=True):
        conversation.send_reply(link.clinician, link.client, "See you Tuesday.")
    assert sent == [(link.client, "reply")]
    from between.lib.webpush import PAYLOADS

    assert "Tuesday" not in str(PAYLOADS["reply"])
    assert timezone.now() - Reply.objects.get().sent_at < timedelta(minutes=1)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 20])
def test_the_thread_costs_the_same_queries_however_long(link, policy, n,
                                                        django_assert_max_num_queries):
    for i in range(n):
        message = send_message(link.client, link.clinician, f"message {i}").item
        Message.objects.filter(pk=message.pk).update(released_at=timezone.now())
        conversation.send_reply(link.clinician, link.client, f"reply {i}")
    staff, client = signed_in(link.clinician), signed_in(link.client)
    staff.get(f"/care/clients/{link.client_id}/messages/")  # keys and policies warmed
    with django_assert_max_num_queries(30):
        page = staff.get(f"/care/clients/{link.client_id}/messages/").content.decode()
    assert page.count("message ") >= n and page.count("reply ") >= n
    client.get("/messages/")
    with django_assert_max_num_queries(30):
        assert client.get("/messages/").content.decode().count("reply ") >= n


@pytest.mark.django_db
def test_a_clinician_may_read_waiting_messages_early_and_the_client_sees_read(link, policy):
    client_http, staff_http = signed_in(link.client), signed_in(link.clinician)
    for body in ("First of two, sent late.", "Second of two."):
        client_http.post("/messages/", {"clinician": link.clinician_id, "body": body})
    url = f"/care/clients/{link.client_id}/messages/"
    thread = staff_http.get(url).content.decode()
    assert "2 waiting for your check-in time" in thread
    assert "First of two" not in thread, "still the clinician's choice, not shown unasked"
    assert "(2 waiting for your check-in time)" in staff_http.get(
        f"/care/clients/{link.client_id}/").content.decode()
    response = staff_http.post(url + "read-early/")
    assert response.status_code == 302 and response.url == url + "#thread"
    assert all(m.released_at and m.read_at for m in Message.objects.all())
    thread = staff_http.get(url).content.decode()
    assert "First of two" in thread and "Second of two" in thread
    assert "waiting for your check-in time" not in thread
    page = client_http.get("/messages/").content.decode()
    assert page.count("Read ") >= 2 and "Waiting for" not in page
    assert release_due(now=timezone.now() + timedelta(days=8)) == 0, "not delivered twice"


@pytest.mark.django_db
def test_reading_early_is_for_the_clinician_the_messages_were_sent_to(link, policy):
    send_message(link.client, link.clinician, "For my own clinician only.")
    other = ClinicianFactory()
    link_client(link.client, other)
    assert signed_in(other).post(
        f"/care/clients/{link.client_id}/messages/read-early/").status_code == 302
    assert Message.objects.get().released_at is None
