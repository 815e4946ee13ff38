import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from between.accounts.models import CareLink, User
from between.accounts.services import link_client
from between.care.messaging import release_due, send_checkin, send_emails
from between.care.models import Flag, RepairNote, SessionFeedback, TherapySession
from between.care.sessions import log_session
from between.diary.models import Card
from between.measures.models import Response
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


def _session(link, days_ago=1, kind="attended"):
    return log_session(link.clinician, link.client, kind=kind,
                       starts_at=timezone.now() - timedelta(days=days_ago))


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_caseload_query_count_is_constant(django_assert_num_queries, n):
    clinician = ClinicianFactory()
    for i in range(n):
        client = UserFactory()
        link_client(client, clinician, {"diary", "measures"})
        Card.objects.create(client=client, day=timezone.localdate(), urges={"to_die": i})
        for total in (5, 5 + 4 * i):
            Response.objects.create(client=client, measure="phq9", total=total,
                                    completed_at=timezone.now())
        log_session(clinician, client, kind="scheduled",
                    starts_at=timezone.now() + timedelta(days=i + 1))
    http = signed_in(clinician)
    with django_assert_num_queries(15):
        html = http.get("/care/").content.decode()
    assert html.count('class="panel"') >= n
    # Only the third client's PHQ-9 rose by the reliable-change 6 or more (5 to 13).
    assert html.count("Worse than at the start: PHQ-9 from 5 to 13") == (1 if n == 3 else 0)
    assert "<dt>Latest questionnaires</dt><dd>PHQ-9 5</dd>" in html
    assert ("<dd>PHQ-9 13</dd>" in html) is (n == 3)


@pytest.mark.django_db
def test_caseload_sorts_by_need(link):
    quiet = UserFactory(display_name="Aaron")
    link_client(quiet, link.clinician, {"diary"})
    Flag.objects.create(client=link.client, clinician=link.clinician, source="diary",
                        scope="diary", day=timezone.localdate(), summary="Urge to die rated 4")
    body = signed_in(link.clinician).get("/api/care/caseload").json()
    assert [r["client_id"] for r in body] == [link.client_id, quiet.pk]
    assert body[0]["open_flags"] == 1 and body[0]["reason"] == "1 flag to look at"


@pytest.mark.django_db
def test_feedback_reaches_the_clinician_with_its_trend_and_felt_off_flags(link):
    for overall, days in ((8, 21), (6, 14), (4, 7)):
        session = _session(link, days)
        signed_in(link.client).post(f"/sessions/{session.pk}/", {
            "heard": overall, "worked_on": overall, "approach_fits": overall,
            "overall": overall, "felt_off": "on" if overall == 4 else "",
            "note": "it felt rushed" if overall == 4 else ""})
    assert SessionFeedback.objects.count() == 3
    page = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/sessions/"
                                         ).content.decode()
    assert "8, 6, 4 out of 10 (dipping)" in page and "Something felt off." in page
    assert "felt off" in Flag.objects.get(source="message").summary
    assert signed_in(link.clinician).get("/api/care/caseload").json()[0]["feedback_trend"] \
        == "dipping"


@pytest.mark.django_db
def test_both_sides_read_repair_notes(link):
    session = _session(link)
    signed_in(link.client).post(f"/sessions/{session.pk}/notes/", {"body": "I felt dismissed"})
    signed_in(link.clinician).post(f"/care/sessions/{session.pk}/notes/",
                                   {"body": "Thank you for telling me"})
    assert RepairNote.objects.count() == 2
    client_page = signed_in(link.client).get(f"/sessions/{session.pk}/").content.decode()
    assert "I felt dismissed" in client_page and "Thank you for telling me" in client_page


@pytest.mark.django_db
def test_api_feedback_is_validated_and_given_once(link):
    session = _session(link)
    http = signed_in(link.client)
    bad = http.post(f"/api/sessions/{session.pk}/feedback", json.dumps(
        {"heard": 11, "worked_on": 5, "approach_fits": 5, "overall": 5}),
        content_type="application/json")
    assert bad.status_code == 422 and "heard" in bad.json()["message"]
    good = {"heard": 7, "worked_on": 6, "approach_fits": 8, "overall": 7}
    assert http.post(f"/api/sessions/{session.pk}/feedback", json.dumps(good),
                     content_type="application/json").status_code == 201
    assert http.post(f"/api/sessions/{session.pk}/feedback", json.dumps(good),
                     content_type="application/json").status_code == 409
    other = signed_in(UserFactory()).post(f"/api/sessions/{session.pk}/feedback",
                                          json.dumps(good), content_type="application/json")
    assert other.status_code == 404


@pytest.mark.django_db
def test_weekly_checkin_arrives_in_the_digest(link, policy):
    http = signed_in(link.client)
    http.post("/checkin/", {"clinician": link.clinician_id, "how_it_went": "Bumpy",
                            "peak_urge": "3", "what_helped": "Walks",
                            "bring_to_session": "My sister"})
    release_due(now=timezone.now() + timedelta(days=8))
    body = signed_in(link.clinician).get("/api/care/digest").json()
    assert body[0]["kind"] == "checkin" and body[0]["peak_urge"] == 3
    assert "My sister" in body[0]["text"]


@pytest.mark.django_db
def test_clinician_sets_windows_and_clients_see_them(link):
    http = signed_in(link.clinician)
    response = http.post("/care/policy/", {
        "time_zone": "Europe/London", "response_time": "within a day",
        "away_message": "I'm not on call.", "day_0": "2", "start_0": "13:00",
        "end_0": "13:30"})
    assert response.status_code == 302
    page = signed_in(link.client).get("/messages/").content.decode()
    assert "Wednesdays, 1pm to 1:30pm" in page and "I&#x27;m not on call." in page
    bad = http.post("/care/policy/", {"time_zone": "Mars/Base", "response_time": "x",
                                      "away_message": "x", "day_0": "2", "start_0": "14:00",
                                      "end_0": "13:00"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_load_counts_out_of_hours_contacts(link, policy):
    from between.care.messaging import send_message

    send_message(link.client, link.clinician, "late night message")
    page = signed_in(link.clinician).get("/care/load/").content.decode()
    assert "Outside my times (queued)" in page
    assert "<td>1</td><td>1</td>" in page


@pytest.mark.django_db
def test_invitation_by_email_link_creates_a_client_who_chooses_scopes(clinician):
    http = signed_in(clinician)
    http.post("/care/invite/", {"email": "new.person@example.org"})
    send_emails()
    (email,) = mail.outbox
    link = next(w for w in email.body.split() if "/invite/" in w)
    path = link.split("127.0.0.1:8000")[-1]
    from django.test import Client

    visitor = Client()
    page = visitor.get(path).content.decode()
    assert f"{clinician} has invited you" in page
    visitor.post(path, {"display_name": "Robin", "password": "a-long-new-passphrase-3",
                        "scopes": ["diary"]})
    user = User.objects.get(email="new.person@example.org")
    assert user.is_client and user.check_password("a-long-new-passphrase-3")
    assert CareLink.objects.get(client=user, clinician=clinician).scopes() == ["diary"]
    assert visitor.get(path).status_code == 404, "an invitation works once"


@pytest.mark.django_db
def test_checkin_for_clients_without_a_clinician_is_404(client_user):
    assert signed_in(client_user).get("/checkin/").status_code == 404


@pytest.mark.django_db
def test_api_message_response_says_when_and_where_to_turn(link, policy):
    response = signed_in(link.client).post(
        "/api/messages", json.dumps({"clinician_id": link.clinician_id, "text": "hello"}),
        content_type="application/json", HTTP_ACCEPT_LANGUAGE="en-GB")
    body = response.json()
    assert response.status_code == 201 and "reads messages on" in body["when"]
    assert body["crisis_links"]["helpline"] == "tel:116123"
    assert body["crisis_links"]["emergency"] == "tel:999"


@pytest.mark.django_db
def test_digest_api_holds_only_released_items(link, policy):
    send_checkin(link.client, link.clinician, how_it_went="fine", peak_urge=1,
                 what_helped="", bring_to_session="")
    http = signed_in(link.clinician)
    assert http.get("/api/care/digest").json() == []
    release_due(now=timezone.now() + timedelta(days=8))
    assert len(http.get("/api/care/digest").json()) == 1


@pytest.mark.django_db
def test_clients_sessions_list_offers_feedback(link):
    _session(link)
    page = signed_in(link.client).get("/sessions/").content.decode()
    assert f"tell {link.clinician} how it went" in page
    assert TherapySession.objects.count() == 1


@pytest.mark.django_db
def test_caseload_filters_search_and_says_why_each_row_is_where_it_is(link):
    from between.diary import services as diary

    today = timezone.localdate()
    quiet = UserFactory(display_name="Aaron Quiet")
    link_client(quiet, link.clinician, {"diary"})
    Card.objects.create(client=quiet, day=today - timedelta(days=4))
    urged = UserFactory(display_name="Bea Urge")
    link_client(urged, link.clinician, {"diary"})
    purge = diary.add_item(urged, kind="urge", label="Urge to purge")
    Card.objects.create(client=urged, day=today, urges={purge.slug: 5})
    Flag.objects.create(client=link.client, clinician=link.clinician, source="diary",
                        scope="diary", day=today, summary="Urge to die rated 4")
    http = signed_in(link.clinician)
    page = http.get("/care/").content.decode()
    assert page.index("1 flag to look at") < page.index("Urge to purge at 5 this week") \
        < page.index("Last diary card 4 days ago")
    assert "Flags open (1)" in page and "No card for 3+ days (2)" in page
    only = http.get("/care/?show=no_card").content.decode()
    assert "Aaron Quiet" in only and "Bea Urge" not in only and "2 of 3." in only
    found = http.get("/care/?q=bea").content.decode()
    assert "Bea Urge" in found and "Aaron Quiet" not in found
    assert "Nobody matches that." in http.get("/care/?q=zzz").content.decode()
    response = http.get("/care/?show=everything")
    assert response.status_code == 400 and b"show:" in response.content
