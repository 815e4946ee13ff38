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
def test_stop_sharing_everything_hides_it_all_at_once_and_can_be_undone(link):
    clinician = signed_in(link.clinician)
    journal = f"/care/clients/{link.client_id}/journal/"
    assert clinician.get(journal).status_code == 200
    owner = signed_in(link.client)
    owner.post(f"/sharing/{link.pk}/stop/")
    assert CareLink.objects.get(pk=link.pk).scopes() == []
    assert clinician.get(journal).status_code == 404
    revoked = AuditEvent.objects.filter(action=Action.CONSENT_REVOKED, subject_id=link.client_id)
    assert sorted(revoked.values_list("target", flat=True)) == ["diary", "journal", "safety_plan"]
    owner.post(f"/sharing/{link.pk}/", {f"l{link.pk}-scopes": ["journal"]})
    assert clinician.get(journal).status_code == 200
