import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from between.care.models import Flag
from between.diary.models import Card
from between.safety.services import client_today
from tests.conftest import signed_in
from tests.factories import UserFactory

BODY = {"urges": {"to_die": 1, "self_harm": 0}, "emotions": {"sadness": 3},
        "behaviours": {"self_harm": {"done": False, "amount": None}},
        "skills": ["tipp"], "skills_rating": 4,
        "medication": {"as_prescribed": True,
                       "as_needed": [{"name": "Propranolol", "dose": "10mg", "time": "14:30"}]},
        "sleep_hours": 7.5, "present": None, "note": "steady"}


def _put(http, day, body):
    return http.put(f"/api/diary/cards/{day}", json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_put_then_get_returns_the_same_card(client_user):
    http = signed_in(client_user)
    day = client_today(client_user)
    saved = _put(http, day, BODY).json()
    assert saved["safety_prompt"] is False
    assert saved["screening"] == {"level": "none", "categories": []}
    got = http.get(f"/api/diary/cards/{day}").json()
    for key in ("urges", "emotions", "skills", "skills_rating", "sleep_hours", "note"):
        assert got[key] == BODY[key], key
    assert got["medication"] == BODY["medication"]
    listed = http.get(f"/api/diary/cards?start={day - timedelta(days=3)}&end={day}").json()
    assert [c["date"] for c in listed] == [str(day)]


@pytest.mark.django_db
def test_put_reaching_a_threshold_says_so(link):
    day = client_today(link.client)
    saved = _put(signed_in(link.client), day, {"urges": {"to_die": 4}}).json()
    assert saved["safety_prompt"] is True
    assert Flag.objects.filter(clinician=link.clinician).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("body,field", [
    ({"urges": {"to_die": 6}}, "urges.to_die"),
    ({"urges": {"to_die": -1}}, "urges.to_die"),
    ({"emotions": {"rage": 2}}, "emotions.rage"),
    ({"behaviours": {"juggling": {"done": True}}}, "behaviours.juggling"),
    ({"skills": ["levitation"]}, "skills"),
    ({"skills_rating": 8}, "skills_rating"),
    ({"sleep_hours": 25}, "sleep_hours"),
    ({"urges": {"to_die": "lots"}}, "urges.to_die"),
    ({"colour": "blue"}, "colour"),
    ({"note": "x" * 5001}, "note"),
])
def test_bad_values_are_refused_by_field_and_nothing_is_saved(client_user, body, field):
    response = _put(signed_in(client_user), client_today(client_user), body)
    assert response.status_code == 422, response.content
    fields = [e["field"] for e in response.json()["errors"]]
    assert any(f.startswith(field) for f in fields), fields
    assert not Card.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("offset,words", [(1, "future"), (8, "more than 7 days ago")])
def test_dates_outside_the_window_are_refused(client_user, offset, words):
    today = client_today(client_user)
    day = today + timedelta(days=offset) if words == "future" else today - timedelta(days=offset)
    response = _put(signed_in(client_user), day, BODY)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "date" and words in response.json()["message"]
    assert not Card.objects.exists()


@pytest.mark.django_db
def test_range_must_be_sensible(client_user):
    http = signed_in(client_user)
    assert http.get("/api/diary/cards?start=2026-01-10&end=2026-01-01").status_code == 422
    assert http.get("/api/diary/cards?start=2020-01-01&end=2026-01-01").status_code == 422
    assert http.get("/api/diary/cards?start=nope&end=2026-01-01").status_code == 422


ratings = st.dictionaries(st.sampled_from(["to_die", "self_harm", "use_substances",
                                           "quit_therapy"]), st.integers(0, 5))
feelings = st.dictionaries(st.sampled_from(["sadness", "shame", "anger", "fear", "joy"]),
                           st.integers(0, 5))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(urges=ratings, emotions=feelings, note=st.text(max_size=300),
       rating=st.one_of(st.none(), st.integers(0, 7)),
       sleep=st.one_of(st.none(), st.integers(0, 48).map(lambda n: n / 2)))
def test_card_round_trips_through_the_api(urges, emotions, note, rating, sleep):
    client = UserFactory()
    http = signed_in(client)
    day = client_today(client)
    body = {"urges": urges, "emotions": emotions, "note": note, "skills_rating": rating,
            "sleep_hours": sleep}
    assert _put(http, day, body).status_code == 200
    got = http.get(f"/api/diary/cards/{day}").json()
    assert (got["urges"], got["emotions"], got["note"], got["skills_rating"],
            got["sleep_hours"]) == (urges, emotions, note, rating, sleep)
