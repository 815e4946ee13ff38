"""No administrator's page or export, and no page an out-of-hours alert leads to, holds a
client's free text: a canary in every encrypted field, then every such page read."""

import pytest

from between.accounts.models import Clinic
from between.accounts.services import link_client
from between.care.models import UrgentAlert
from between.clinic import services
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, UserFactory
from tests.rights.fill import fill, text_models


@pytest.mark.django_db
def test_no_admin_page_or_export_holds_client_free_text():
    clinic = Clinic.objects.create(name="Riverside")
    clinician = ClinicianFactory(clinic=clinic)
    admin = AdminFactory(clinic=clinic)
    client = UserFactory()
    link_client(client, clinician, {"diary", "journal", "safety_plan"})
    canaries, made = {}, {}
    for model, _ in text_models():
        fill(model, client, clinician, made, canaries)
    assert len(canaries) > 20, "a canary in every free-text field"
    alert = UrgentAlert.objects.create(clinic=clinic, client=client, route="duty",
                                       summary="Journal, Tue 01 Dec: urgent (overdose)")
    handover = services.propose_handover(client, ClinicianFactory(clinic=clinic), kind="add",
                                         actor=admin)
    services.request_mfa_reset(ClinicianFactory(clinic=clinic), "Lost phone; confirmed by call",
                               actor=admin)
    admin_http, staff_http = signed_in(admin), signed_in(clinician)
    pages = {
        "/manage/": admin_http, "/manage/people/": admin_http,
        f"/manage/people/{clinician.pk}/": admin_http,
        f"/manage/clients/{client.pk}/move/": admin_http,
        f"/manage/clinics/{clinic.pk}/": admin_http, "/manage/audit/": admin_http,
        f"/manage/audit/?client={client.email}&format=csv": admin_http,
        "/care/urgent/": staff_http, f"/care/urgent/{alert.pk}/": staff_http,
        "/manage/erase/": admin_http,
    }
    for url, http in pages.items():
        response = http.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        leaked = [where for text, where in canaries.items() if text in body]
        assert not leaked, f"{url} shows {leaked}"
    assert handover.client == client
