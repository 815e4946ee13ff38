import io
import json

import pytest
from django.db import connection
from pypdf import PdfReader

from between.accounts.services import share_scopes
from between.safety import services
from between.safety.models import PlanVersion, Suggestion
from tests.conftest import sealed_reads, signed_in
from tests.factories import UserFactory

FORM = {"warning_signs": "Not sleeping\nGoing quiet", "coping_alone": "Cold water",
        "distractions": "", "people_to_ask": "Priya 07700 900456", "professionals": "",
        "environment": "", "reasons_for_living": "My dog", "means": ["medicines"]}


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_client_writes_a_plan_and_each_change_is_a_new_version(client_user):
    http = signed_in(client_user)
    http.post("/safety-plan/edit/", FORM)
    v1 = PlanVersion.objects.get(client=client_user)
    assert v1.number == 1 and v1.data()["warning_signs"] == ["Not sleeping", "Going quiet"]
    assert v1.data()["means"] == ["medicines"]
    http.post("/safety-plan/edit/", FORM)  # nothing changed: no new version
    assert PlanVersion.objects.filter(client=client_user).count() == 1
    http.post("/safety-plan/edit/", {**FORM, "reasons_for_living": "My dog\nThe sea"})
    assert PlanVersion.objects.filter(client=client_user).count() == 2
    page = http.get("/safety-plan/").content.decode()
    assert "The sea" in page and "Version 2" in page
    old = http.get("/safety-plan/versions/1/").content.decode()
    assert "My dog" in old and "The sea" not in old


@pytest.mark.django_db
def test_phone_numbers_in_the_plan_are_one_tap_away(client_user):
    http = signed_in(client_user)
    http.post("/safety-plan/edit/", FORM)
    html = http.get("/safety-plan/").content.decode()
    assert '<a href="tel:07700900456">07700 900456</a>' in html


@pytest.mark.django_db
def test_oversized_section_is_refused_and_nothing_is_lost(client_user):
    long = "x" * 2001
    response = signed_in(client_user).post("/safety-plan/edit/", {**FORM, "coping_alone": long})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Everything you wrote is still here" in html and long in html
    assert "Not sleeping" in html
    assert not PlanVersion.objects.exists()


@pytest.mark.django_db
def test_plan_text_is_encrypted_at_rest(client_user):
    services.save_plan(client_user, {"warning_signs": ["a very private sign"]}, actor=client_user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM safety_planversion")
        stored = cursor.fetchone()[0]
    assert stored.startswith("v1.") and "private" not in stored


@pytest.mark.django_db
def test_clinician_suggests_and_client_accepts(link):
    clinician = signed_in(link.clinician)
    page = clinician.get(f"/care/clients/{link.client_id}/safety-plan/")
    assert page.status_code == 200
    assert sealed_reads(target="safety_plan").count() == 1
    clinician.post(f"/care/clients/{link.client_id}/safety-plan/",
                   {"section": "coping_alone", "text": "Ten slow breaths"})
    suggestion = Suggestion.objects.get(client=link.client)
    http = signed_in(link.client)
    assert "Ten slow breaths" in http.get("/safety-plan/").content.decode()
    http.post(f"/safety-plan/suggestions/{suggestion.pk}/", {"decision": "accept"})
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    version = services.current_version(link.client)
    assert version.data()["coping_alone"] == ["Ten slow breaths"]
    assert version.note == f"Added a suggestion from {link.clinician}"


@pytest.mark.django_db
def test_client_declines_a_suggestion_and_the_plan_is_unchanged(link):
    services.save_plan(link.client, {"coping_alone": ["Walk"]}, actor=link.client)
    suggestion = services.suggest(link.clinician, link.client, "coping_alone", "Run")
    signed_in(link.client).post(f"/safety-plan/suggestions/{suggestion.pk}/",
                                {"decision": "decline"})
    assert Suggestion.objects.get(pk=suggestion.pk).status == Suggestion.Status.DECLINED
    assert services.current_version(link.client).data()["coping_alone"] == ["Walk"]
    assert PlanVersion.objects.filter(client=link.client).count() == 1


@pytest.mark.django_db
def test_clinician_without_the_scope_cannot_see_or_suggest(link):
    share_scopes(link, {"diary"}, actor=link.client)
    clinician = signed_in(link.clinician)
    assert clinician.get(f"/care/clients/{link.client_id}/safety-plan/").status_code == 404
    clinician.post(f"/care/clients/{link.client_id}/safety-plan/",
                   {"section": "coping_alone", "text": "x"})
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_another_client_cannot_decide_my_suggestion(link):
    suggestion = services.suggest(link.clinician, link.client, "coping_alone", "Run")
    response = signed_in(UserFactory()).post(f"/safety-plan/suggestions/{suggestion.pk}/",
                                             {"decision": "accept"})
    assert response.status_code == 404
    assert Suggestion.objects.get(pk=suggestion.pk).status == Suggestion.Status.PENDING


@pytest.mark.django_db
def test_plan_pdf_holds_the_plan_and_crisis_lines(client_user):
    http = signed_in(client_user)
    http.post("/safety-plan/edit/", {**FORM, "reasons_for_living": "Żaneta's café ☕ and 猫"})
    response = http.get("/safety-plan/plan.pdf", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "My safety plan" in text and "Not sleeping" in text
    assert "Samaritans: call 116 123" in text and "call 999" in text
    assert "Żaneta's café" in text
    assert "Keep only the medicines I need" in text


@pytest.mark.django_db
def test_wallet_card_is_card_sized(client_user):
    http = signed_in(client_user)
    http.post("/safety-plan/edit/", FORM)
    reader = PdfReader(io.BytesIO(http.get("/safety-plan/wallet-card.pdf").content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (86, 54)
    assert "Cold water" in reader.pages[0].extract_text()
    assert "116 123" in "".join(page.extract_text() for page in reader.pages[1:])


@pytest.mark.django_db
def test_offline_copy_is_self_contained_and_dated(client_user):
    services.save_plan(client_user, {"warning_signs": ["Going quiet"]}, actor=client_user)
    html = signed_in(client_user).get("/safety-plan/offline-copy/").content.decode()
    assert "Going quiet" in html and "Saved to this device on" in html
    assert 'data-saved-at="' in html and 'href="tel:116123"' in html


@pytest.mark.django_db
def test_api_plan_round_trip_and_bad_input(client_user):
    http = signed_in(client_user)
    body = {"sections": {"warning_signs": ["Going quiet"], "reasons_for_living": ["Tom"]},
            "means": ["sharps"]}
    saved = http.put("/api/safety-plan", json.dumps(body), content_type="application/json")
    assert saved.status_code == 200 and saved.json()["version"] == 1
    assert http.get("/api/safety-plan").json()["sections"]["reasons_for_living"] == ["Tom"]
    for bad, field in (({"sections": {"wishes": ["x"]}}, "sections"),
                       ({"sections": {}, "means": ["rope"]}, "means"),
                       ({"sections": {"warning_signs": ["x" * 501]}}, "sections"),
                       ({"sections": {}, "extra": 1}, "extra")):
        response = http.put("/api/safety-plan", json.dumps(bad), content_type="application/json")
        assert response.status_code == 422, bad
        assert field in response.json()["message"], response.json()
    assert PlanVersion.objects.filter(client=client_user).count() == 1


@pytest.mark.django_db
def test_api_clinician_read_is_scoped_and_audited(link):
    services.save_plan(link.client, {"warning_signs": ["Going quiet"]}, actor=link.client)
    http = signed_in(link.clinician)
    body = http.get(f"/api/clients/{link.client_id}/safety-plan").json()
    assert body["sections"]["warning_signs"] == ["Going quiet"]
    assert sealed_reads(target="safety_plan").count() == 1
    share_scopes(link, set(), actor=link.client)
    assert http.get(f"/api/clients/{link.client_id}/safety-plan").status_code == 404


@pytest.mark.django_db
def test_public_crisis_lines_api(client):
    gb = client.get("/api/crisis-lines?country=gb").json()
    assert gb["country"] == "GB" and gb["matched"] and gb["emergency"] == "999"
    assert gb["lines"][0]["phone"] == "116 123"
    assert gb["lines"][0]["source"].startswith("https://")
    unknown = client.get("/api/crisis-lines?country=XX").json()
    assert unknown["country"] == "GB" and not unknown["matched"]
    assert unknown["lines"] and unknown["international"]["url"] == "https://findahelpline.com"
