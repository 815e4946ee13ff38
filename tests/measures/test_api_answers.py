"""A client's app submits a whole questionnaire through the API: scored as the pages score
it, the safety path on an item at its threshold, and bad answers refused by name with
nothing kept."""

import json

import pytest

from between.accounts.services import link_client
from between.care.models import Flag
from between.measures.models import Response
from tests.conftest import signed_in
from tests.factories import ClinicianFactory


def _post(http, slug, answers):
    return http.post(f"/api/measures/{slug}/responses", json.dumps({"answers": answers}),
                     content_type="application/json")


def _phq9_keys():
    from between.measures import library

    return [i.key for i in library.get("phq9").items]


@pytest.mark.django_db
def test_a_whole_phq9_is_scored_and_item_9_shows_the_plan_and_flags(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"measures"})
    keys = _phq9_keys()
    answers = dict.fromkeys(keys, 1)
    response = _post(signed_in(client_user), "phq9", answers)
    assert response.status_code == 201, response.content
    body = response.json()
    stored = Response.objects.get(client=client_user)
    assert body["id"] == str(stored.pk) and stored.completed_at is not None
    assert float(body["total"]) == 9
    assert body["band"] == stored.band and stored.band
    assert body["safety_prompt"] is True, "item 9 answered above 0"
    assert Flag.objects.filter(client=client_user, clinician=clinician,
                               scope="measures").count() == 1


@pytest.mark.django_db
def test_all_zero_needs_no_prompt_and_a_left_out_item_is_null(client_user):
    keys = _phq9_keys()
    answers = dict.fromkeys(keys, 0) | {keys[0]: None}
    body = _post(signed_in(client_user), "phq9", answers).json()
    assert body["safety_prompt"] is False
    assert body["answers"][keys[0]] is None and body["completed_at"] is not None


@pytest.mark.parametrize(("change", "words"), [
    (lambda a, k: a | {"nonsense": 1}, "answers.nonsense: PHQ-9 has no item called that."),
    (lambda a, k: {x: v for x, v in a.items() if x != k[2]}, "answer it, or send null"),
    (lambda a, k: a | {k[0]: 7}, "one of 0, 1, 2, 3, or null."),
])
@pytest.mark.django_db
def test_bad_answers_are_refused_by_name_and_nothing_is_kept(client_user, change, words):
    keys = _phq9_keys()
    answers = change(dict.fromkeys(keys, 0), keys)
    response = _post(signed_in(client_user), "phq9", answers)
    assert response.status_code == 422
    assert words in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_an_unknown_questionnaire_is_a_404_that_says_so(client_user):
    response = _post(signed_in(client_user), "c-ssrs", {})
    assert response.status_code == 404 and b"isn't offered here" in response.content
    assert not Response.objects.exists()
