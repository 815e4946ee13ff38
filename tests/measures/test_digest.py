from datetime import timedelta

import pytest
from django.utils import timezone

from between.accounts.services import link_client
from between.measures import library
from between.measures.models import Response
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


def _done(client, slug, values, days_ago):
    measure = library.get(slug)
    answers = dict(zip([i.key for i in measure.items], values, strict=False))
    score = measure.score(answers)
    at = timezone.now() - timedelta(days=days_ago)
    return Response.objects.create(client=client, measure=slug, answers=answers,
                                   started_at=at, completed_at=at, total=score.total,
                                   band=score.band)


@pytest.mark.django_db
def test_the_check_in_lists_this_weeks_questionnaires_with_their_change(client_user):
    clinician = ClinicianFactory()
    link_client(client_user, clinician, {"measures"})
    _done(client_user, "phq9", [1] * 9 + [1], days_ago=40)   # 9, the first
    _done(client_user, "phq9", [2] * 9 + [1], days_ago=2)    # 18: reliably worse
    _done(client_user, "gad7", [0] * 7 + [0], days_ago=10)   # too long ago to list
    hidden = UserFactory()
    link_client(hidden, clinician, {"diary"})  # scores not shared: never listed
    _done(hidden, "gad7", [3] * 7 + [3], days_ago=1)
    page = signed_in(clinician).get("/care/digest/").content.decode()
    assert "Questionnaires finished in the last seven days" in page
    assert "PHQ-9, 18 of 27" in page and "Reliably worse than their first." in page
    assert "GAD-7" not in page and str(hidden) not in page
    assert sealed_reads(actor_id=clinician.pk,
                                     subject_id=client_user.pk, target="measures").exists()


def _queries_for_digest(clients: int) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clinician = ClinicianFactory()
    for _ in range(clients):
        client = UserFactory()
        link_client(client, clinician, {"measures"})
        _done(client, "gad7", [1] * 7 + [1], days_ago=20)
        _done(client, "gad7", [2] * 7 + [1], days_ago=1)
    http = signed_in(clinician)
    http.get("/care/digest/")
    with CaptureQueriesContext(connection) as seen:
        page = http.get("/care/digest/").content.decode()
    # Each client's read is its own audit row (in a savepoint), by design; the rest is fixed.
    return sum(1 for q in seen.captured_queries
               if "audit" not in q["sql"] and "SAVEPOINT" not in q["sql"]), page


@pytest.mark.django_db
def test_the_check_ins_questionnaires_read_in_a_fixed_number_of_queries():
    one, page_one = _queries_for_digest(1)
    three, page_three = _queries_for_digest(3)
    assert page_one.count("GAD-7, 14 of 21") == 1 and page_three.count("GAD-7, 14 of 21") == 3
    assert one == three
