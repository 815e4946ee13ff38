"""A client filling a questionnaire: what is due, screen by screen, stopping and coming
back, a safety answer, and what is refused."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from between.accounts.services import link_client
from between.care.models import Flag, TherapySession
from between.measures import services
from between.measures.models import Assignment, Response
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


@pytest.fixture
def pair(db):
    client, clinician = UserFactory(display_name="Robin"), ClinicianFactory()
    link_client(client, clinician, {"measures"})
    return client, clinician


def _done(client, slug, days_ago, total=5):
    at = timezone.now() - timedelta(days=days_ago)
    return Response.objects.create(client=client, measure=slug, started_at=at,
                                   completed_at=at, total=total, band="Mild")


def test_weekly_is_due_until_filled_and_again_a_week_later(pair):
    client, clinician = pair
    services.assign(clinician, client, "phq9", "weekly")
    assert [d.measure.slug for d in services.due(client)] == ["phq9"]
    _done(client, "phq9", 0)
    assert services.due(client) == []
    assert services.due(client, now=timezone.now() + timedelta(days=7, minutes=1))


def test_once_is_due_until_filled_after_it_was_asked(pair):
    client, clinician = pair
    _done(client, "gad7", 3)  # filled before anyone asked: doesn't count
    services.assign(clinician, client, "gad7", "once")
    assert [d.measure.slug for d in services.due(client)] == ["gad7"]
    _done(client, "gad7", 0)
    assert services.due(client, now=timezone.now() + timedelta(days=30)) == []


def test_before_each_session_opens_three_days_ahead(pair):
    client, clinician = pair
    services.assign(clinician, client, "core10", "before_session")
    assert services.due(client) == [], "no session booked"
    session = TherapySession.objects.create(client=client, clinician=clinician,
                                            starts_at=timezone.now() + timedelta(days=5))
    assert services.due(client) == [], "too early"
    session.starts_at = timezone.now() + timedelta(days=2)
    session.save()
    assert [d.measure.slug for d in services.due(client)] == ["core10"]


def test_asked_twice_is_one_assignment_with_the_new_schedule(pair):
    client, clinician = pair
    services.assign(clinician, client, "phq9", "weekly")
    services.assign(clinician, client, "phq9", "once")
    assert list(Assignment.objects.values_list("schedule", flat=True)) == ["once"]


def test_a_screen_at_a_time_then_scored(pair):
    client, _ = pair
    http = signed_in(client)
    start = http.post("/measures/gad7/start/")
    response = Response.objects.get(client=client, measure="gad7")
    assert start["Location"] == f"/measures/responses/{response.pk}/0/"
    page = http.get(start["Location"])
    assert "Feeling nervous, anxious, or on edge" in page.text
    assert "No permission required to reproduce" in page.text, "the attribution is shown"
    for n, keys in enumerate([("1", "2", "3"), ("4", "5", "6"), ("7", "difficulty")]):
        answer = http.post(f"/measures/responses/{response.pk}/{n}/",
                           {f"item-{k}": "2" if k != "difficulty" else "1" for k in keys})
        assert answer.status_code == 302
    response.refresh_from_db()
    assert response.completed_at and response.total == 14 and response.band == "Moderate"
    result = http.get(answer["Location"])
    assert "Your score is <strong>14</strong> out of 21" in result.text
    assert Flag.objects.count() == 0, "no safety item on the GAD-7"


def test_an_unanswered_question_is_named_and_nothing_on_that_screen_kept(pair):
    client, _ = pair
    http = signed_in(client)
    response = services.start(client, "phq9")
    page = http.post(f"/measures/responses/{response.pk}/0/", {"item-1": "1", "item-2": "2"})
    assert page.status_code == 400
    assert "Question 3: choose an answer, or leave this one out." in page.text
    response.refresh_from_db()
    assert response.answers == {}
    wrong = http.post(f"/measures/responses/{response.pk}/0/",
                      {"item-1": "1", "item-2": "2", "item-3": "7"})
    assert wrong.status_code == 400 and "Question 3: choose one of the answers" in wrong.text


def test_stopping_keeps_what_was_answered_and_starting_again_carries_on(pair):
    client, _ = pair
    http = signed_in(client)
    response = services.start(client, "phq9")
    http.post(f"/measures/responses/{response.pk}/0/",
              {"item-1": "1", "item-2": "2", "item-3": "0"})
    stopped = http.post(f"/measures/responses/{response.pk}/1/", {"item-4": "3", "stop": "1"})
    assert stopped["Location"] == "/measures/"
    response.refresh_from_db()
    assert response.answers == {"1": 1, "2": 2, "3": 0, "4": 3}
    again = http.post("/measures/phq9/start/")
    assert again["Location"] == f"/measures/responses/{response.pk}/1/"
    assert Response.objects.filter(client=client).count() == 1
    assert re.search(r'name="item-4" value="3"[^>]*checked', http.get(again["Location"]).text)


def test_item_9_flags_at_once_shows_the_plan_and_only_once(pair):
    client, clinician = pair
    http = signed_in(client)
    response = services.start(client, "phq9")
    for n, keys in enumerate([("1", "2", "3"), ("4", "5", "6")]):
        http.post(f"/measures/responses/{response.pk}/{n}/", {f"item-{k}": "0" for k in keys})
    saved = http.post(f"/measures/responses/{response.pk}/2/",
                      {"item-7": "0", "item-8": "0", "item-9": "2"}, follow=True)
    assert "That sounds like a really hard day." in saved.text
    assert "Your care team will see this" in saved.text
    flag = Flag.objects.get(clinician=clinician)
    assert flag.scope == "measures" and "item 9 answered “More than half the days”" in (
        flag.summary)
    http.post(f"/measures/responses/{response.pk}/2/",
              {"item-7": "0", "item-8": "0", "item-9": "3"})
    assert Flag.objects.count() == 1, "saving the screen again doesn't flag twice"


def test_a_safety_answer_not_shared_says_nobody_was_told(db):
    client, clinician = UserFactory(), ClinicianFactory()
    link_client(client, clinician, {"diary"})
    http = signed_in(client)
    response = services.start(client, "core10")
    http.post(f"/measures/responses/{response.pk}/0/", {"item-1": "0", "item-2": "0",
                                                         "item-3": "0"})
    saved = http.post(f"/measures/responses/{response.pk}/1/",
                      {"item-4": "0", "item-5": "0", "item-6": "1"}, follow=True)
    assert "That sounds like a really hard day." in saved.text
    assert "This stays with you: nobody else has been told." in saved.text
    assert Flag.objects.count() == 0


def test_leaving_items_out_is_kept_and_said_plainly(pair):
    client, _ = pair
    http = signed_in(client)
    response = services.start(client, "gad7")
    http.post(f"/measures/responses/{response.pk}/0/",
              {"item-1": "skip", "item-2": "1", "item-3": "1"})
    http.post(f"/measures/responses/{response.pk}/1/", {f"item-{k}": "1" for k in "456"})
    done = http.post(f"/measures/responses/{response.pk}/2/",
                     {"item-7": "1", "item-difficulty": "skip"}, follow=True)
    response.refresh_from_db()
    assert response.completed_at and response.total is None
    assert response.answers["1"] is None
    assert "You left 1 question out, so there's no total this time." in done.text


def test_someone_elses_response_is_a_404(pair):
    client, _ = pair
    response = services.start(client, "gad7")
    other = signed_in(UserFactory())
    assert other.get(f"/measures/responses/{response.pk}/0/").status_code == 404
    assert other.post(f"/measures/responses/{response.pk}/0/",
                      {"item-1": "1"}).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_the_questionnaires_page_queries_stay_fixed(pair, django_assert_num_queries, n):
    client, clinician = pair
    services.assign(clinician, client, "phq9", "weekly")
    for days in range(n):
        _done(client, "gad7", days + 8, total=10 - days)
    http = signed_in(client)
    with django_assert_num_queries(11):
        page = http.get("/measures/")
    assert page.status_code == 200 and "GAD-7" in page.text and "Asked for now" in page.text
