"""The clinician's side: asking for a questionnaire, and reading scores within the
`measures` scope."""

from datetime import timedelta

import pytest
from django.utils import timezone

from between.accounts.services import link_client, share_scopes
from between.audit.models import Action, AuditEvent
from between.measures import services
from between.measures.models import Assignment, Response
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


@pytest.fixture
def link(db):
    client, clinician = UserFactory(display_name="Robin"), ClinicianFactory()
    return link_client(client, clinician, {"measures"})


def _url(link) -> str:
    return f"/care/clients/{link.client_id}/measures/"


def test_asking_for_a_measure_is_kept_and_audited(link):
    page = signed_in(link.clinician).post(_url(link), {"measure": "core10",
                                                       "schedule": "before_session"})
    assert page.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.client, assignment.measure, assignment.schedule) == (
        link.client, "core10", "before_session")
    assert AuditEvent.objects.filter(action=Action.MEASURE_ASSIGNED, target="core10",
                                     subject_id=link.client_id).exists()


def test_a_measure_not_offered_is_refused_by_field(link):
    page = signed_in(link.clinician).post(_url(link), {"measure": "cssrs",
                                                       "schedule": "weekly"})
    assert page.status_code == 400
    assert "Select a valid choice. cssrs is not one of the available choices." in page.text
    assert Assignment.objects.count() == 0


def test_scores_need_the_measures_scope_and_reading_them_is_audited(link):
    http = signed_in(link.clinician)
    page = http.get(_url(link))
    assert page.status_code == 200 and "Ask Robin to fill one in" in page.text
    assert sealed_reads(target="measures",
                                     subject_id=link.client_id).exists()
    share_scopes(link, {"diary"}, actor=link.client)
    assert http.get(_url(link)).status_code == 404
    assert http.post(_url(link), {"measure": "phq9", "schedule": "weekly"}).status_code == 404


def test_the_table_shows_score_band_and_reliable_change(link):
    for days, total, band in ((20, 18, "Moderately severe"), (10, 15, "Moderately severe"),
                              (1, 10, "Moderate")):
        at = timezone.now() - timedelta(days=days)
        Response.objects.create(client=link.client, measure="phq9", total=total, band=band,
                                completed_at=at, started_at=at,
                                risk_items=["9"] if days == 1 else [])
    page = signed_in(link.clinician).get(_url(link)).text
    assert "18 of 27" in page and "15 of 27" in page and "10 of 27" in page
    assert "-3</td>" in page, "3 down is within the usual ups and downs"
    assert "-8, reliably better" in page
    assert "Safety item answered: 9" in page
    assert 'aria-label="PHQ-9, 3 scores from' in page and "latest 10 (Moderate)" in page


def test_only_the_clinician_who_asked_may_stop(link):
    assignment = services.assign(link.clinician, link.client, "phq9", "weekly")
    colleague = ClinicianFactory()
    link_client(link.client, colleague, {"measures"})
    assert signed_in(colleague).post(f"/care/measures/{assignment.pk}/stop/").status_code == 404
    assert signed_in(link.clinician).post(f"/care/measures/{assignment.pk}/stop/"
                                          ).status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    assert services.due(link.client) == []


@pytest.mark.parametrize("n", [1, 3])
def test_the_clinicians_page_queries_stay_fixed(link, django_assert_num_queries, n):
    services.assign(link.clinician, link.client, "gad7", "weekly")
    for days in range(n):
        at = timezone.now() - timedelta(days=days + 1)
        Response.objects.create(client=link.client, measure="gad7", total=5 + days,
                                band="Mild", completed_at=at, started_at=at)
    http = signed_in(link.clinician)
    with django_assert_num_queries(10):
        page = http.get(_url(link))
    assert page.text.count("of 21</td>") == n
