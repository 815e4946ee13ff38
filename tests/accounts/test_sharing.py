import pytest

from between.accounts.models import CareLink
from between.audit.models import Action, AuditEvent
from tests.conftest import signed_in


@pytest.mark.django_db
def test_client_changes_scopes_and_each_change_is_audited(link):
    http = signed_in(link.client)
    http.post(f"/sharing/{link.pk}/", {f"l{link.pk}-scopes": ["diary", "measures"]})
    link.refresh_from_db()
    assert link.scopes() == ["diary", "measures"]
    granted = AuditEvent.objects.filter(action=Action.CONSENT_GRANTED, target="measures")
    revoked = AuditEvent.objects.filter(action=Action.CONSENT_REVOKED,
                                        subject_id=link.client_id)
    assert granted.count() == 1
    assert sorted(revoked.values_list("target", flat=True)) == ["journal", "safety_plan"]


@pytest.mark.django_db
def test_sharing_page_lists_each_clinician_with_current_scopes(link):
    html = signed_in(link.client).get("/sharing/").content.decode()
    assert str(link.clinician) in html
    assert 'value="journal"' in html and "checked" in html


@pytest.mark.django_db
def test_unknown_scope_changes_nothing(link):
    http = signed_in(link.client)
    response = http.post(f"/sharing/{link.pk}/", {f"l{link.pk}-scopes": ["everything"]},
                         follow=True)
    assert "Nothing changed" in response.content.decode()
    link.refresh_from_db()
    assert link.scopes() == ["diary", "safety_plan", "journal"]


@pytest.mark.django_db
def test_ending_a_link_hides_everything_at_once(link):
    clinician = signed_in(link.clinician)
    assert clinician.get(f"/care/clients/{link.client_id}/").status_code == 200
    signed_in(link.client).post(f"/sharing/{link.pk}/end/")
    link = CareLink.objects.get(pk=link.pk)
    assert link.ended_at is not None and link.scopes() == []
    assert clinician.get(f"/care/clients/{link.client_id}/").status_code == 404
    assert AuditEvent.objects.filter(action=Action.LINK_ENDED, subject_id=link.client_id).exists()
