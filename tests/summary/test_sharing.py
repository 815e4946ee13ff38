"""Sharing a Before my appointment summary: only with a clinician the client works with,
only when they choose, stopped when they untick, and every read audited."""

import io
from datetime import timedelta
from html import unescape

import pytest
from pypdf import PdfReader

from between.accounts.models import CareLink
from between.accounts.services import end_link, link_client
from between.audit.models import Action, AuditEvent
from between.safety.services import client_today
from between.summary import services
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


@pytest.fixture
def shared(db):
    client = UserFactory(display_name="Sam")
    clinician = ClinicianFactory(display_name="Dr Okafor")
    link_client(client, clinician, set())  # no scopes: sharing this needs none
    today = client_today(client)
    summary = services.start_summary(client, purpose="CMHT assessment on Friday",
                                     start=today - timedelta(days=13), end=today)
    return client, clinician, summary


def _text(response) -> str:
    return unescape(response.content.decode())


def test_nothing_is_shared_until_the_client_shares_it(shared):
    client, clinician, summary = shared
    http = signed_in(clinician)
    assert "hasn't shared any notes" in _text(http.get(f"/care/clients/{client.pk}/summaries/"))
    assert http.get(f"/care/summaries/{summary.pk}/").status_code == 404
    assert http.get(f"/care/summaries/{summary.pk}/before-my-appointment.pdf").status_code \
        == 404


def test_the_client_shares_it_and_the_clinician_reads_it_audited(shared):
    client, clinician, summary = shared
    mine = signed_in(client)
    page = _text(mine.get(f"/summaries/{summary.pk}/"))
    assert "Dr Okafor" in page and "Only you can see this." in page
    done = mine.post(f"/summaries/{summary.pk}/share/", {"shared_with": [clinician.pk]},
                     follow=True)
    assert "Shared with Dr Okafor." in _text(done)
    assert list(summary.shared_with.all()) == [clinician]
    event = AuditEvent.objects.get(action=Action.SUMMARY_SHARED)
    assert event.detail == {"with": [clinician.pk], "stopped": []}

    http = signed_in(clinician)
    listed = _text(http.get(f"/care/clients/{client.pk}/summaries/"))
    assert "CMHT assessment on Friday" in listed
    read = _text(http.get(f"/care/summaries/{summary.pk}/"))
    assert "Sam chose to share this with you." in read and "CMHT assessment on Friday" in read
    assert sealed_reads(actor_id=clinician.pk,
                                     subject_id=client.pk, target="summary").exists()
    pdf = http.get(f"/care/summaries/{summary.pk}/before-my-appointment.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "CMHT assessment on Friday" in text


def test_unticking_stops_it_at_once(shared):
    client, clinician, summary = shared
    services.share(summary, [clinician])
    signed_in(client).post(f"/summaries/{summary.pk}/share/", {})
    assert not summary.shared_with.exists()
    assert signed_in(clinician).get(f"/care/summaries/{summary.pk}/").status_code == 404


def test_only_a_clinician_they_work_with_now(shared):
    client, clinician, summary = shared
    stranger = ClinicianFactory()
    for bad in ([stranger.pk], ["not a number"]):
        response = signed_in(client).post(f"/summaries/{summary.pk}/share/",
                                          {"shared_with": bad})
        assert response.status_code == 400
        assert "Who can read it: choose from the clinicians listed" in _text(response)
        assert "CMHT assessment on Friday" in _text(response)  # the page, whole
        assert not summary.shared_with.exists()
    services.share(summary, [clinician])
    end_link(CareLink.objects.get(client=client, clinician=clinician), actor=client)
    assert signed_in(clinician).get(f"/care/summaries/{summary.pk}/").status_code == 404
    other = UserFactory()
    assert signed_in(other).post(f"/summaries/{summary.pk}/share/", {}).status_code == 404
