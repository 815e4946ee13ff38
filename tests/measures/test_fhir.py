"""Questionnaires as FHIR R4: every resource checked against the spec's models
(fhir.resources, R4B), and served under the client's consent."""

from datetime import timedelta

import pytest
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from between.accounts.services import link_client, share_scopes
from between.measures import fhir, library
from between.measures.models import Response
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


def _valid(bundle: dict) -> dict:
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def _filled(client, slug, values, days_ago=1, **extra):
    measure = library.get(slug)
    answers = dict(zip([i.key for i in measure.items], values, strict=False))
    answers.update(extra)
    score = measure.score(answers)
    at = timezone.now() - timedelta(days=days_ago)
    return Response.objects.create(client=client, measure=slug, answers=answers,
                                   started_at=at, completed_at=at, total=score.total,
                                   band=score.band)


@pytest.fixture
def link(db):
    client, clinician = UserFactory(display_name="Robin Ash"), ClinicianFactory()
    return link_client(client, clinician, {"measures"})


def test_a_client_bundle_validates_and_links_each_total_to_its_answers(link):
    client = link.client
    phq = _filled(client, "phq9", [1] * 9 + [1])
    _filled(client, "gad7", [2] * 7 + [0], days_ago=8)
    _filled(client, "core10", [1] * 10)
    Response.objects.create(client=client, measure="pcl5", answers={"1": 2})  # half done
    by_url = _valid(fhir.bundle(client, with_name=False))
    kinds = [r["resourceType"] for r in by_url.values()]
    assert kinds.count("Patient") == 1 and kinds.count("Questionnaire") == 4
    assert kinds.count("QuestionnaireResponse") == 4 and kinds.count("Observation") == 3
    patient = next(r for r in by_url.values() if r["resourceType"] == "Patient")
    assert "name" not in patient and patient["identifier"][0]["value"] == str(client.pk)

    totals = {o["code"]["coding"][0]["code"]: o for o in by_url.values()
              if o["resourceType"] == "Observation"}
    assert set(totals) == {"44261-6", "70274-6", "core10-total"}
    assert totals["44261-6"]["code"]["coding"][0]["system"] == "http://loinc.org"
    assert totals["core10-total"]["code"]["coding"][0]["system"] == fhir.CODES
    assert totals["44261-6"]["valueQuantity"]["value"] == 9
    assert totals["44261-6"]["interpretation"][0]["text"] == "Mild"
    source = by_url[totals["44261-6"]["derivedFrom"][0]["reference"]]
    assert source["resourceType"] == "QuestionnaireResponse" and source["id"] == str(phq.pk)
    assert by_url[source["subject"]["reference"]] is patient
    half = next(r for r in by_url.values() if r["resourceType"] == "QuestionnaireResponse"
                and r["status"] == "in-progress")
    assert [i["linkId"] for i in half["item"]] == ["1"]


def test_questionnaires_carry_wording_and_attribution_and_left_out_items_no_answer(link):
    _filled(link.client, "phq9", [0] * 9, difficulty=None, **{"3": None})
    by_url = _valid(fhir.bundle(link.client))
    questionnaire = next(r for r in by_url.values() if r["resourceType"] == "Questionnaire")
    assert questionnaire["item"][8]["text"].startswith("Thoughts that you would be better off")
    assert "Pfizer" in questionnaire["copyright"]
    answered = next(r for r in by_url.values() if r["resourceType"] == "QuestionnaireResponse")
    assert "3" not in [i["linkId"] for i in answered["item"]]
    assert not any(r["resourceType"] == "Observation" for r in by_url.values()), (
        "no total without pro-rating rules, so no Observation")


def test_the_name_goes_in_only_when_the_client_asks(link):
    http = signed_in(link.client)
    _filled(link.client, "gad7", [1] * 8)
    plain = http.get("/api/measures/fhir").json()
    named = http.get("/api/measures/fhir?include_name=true").json()
    assert "name" not in _valid(plain) and "Robin Ash" not in str(plain)
    assert _valid(named) and named["entry"][0]["resource"]["name"] == [{"text": "Robin Ash"}]


def test_one_response_as_a_bundle_for_its_owner_only(link):
    response = _filled(link.client, "gad7", [3] * 8)
    url = f"/api/measures/responses/{response.pk}/fhir"
    by_url = _valid(signed_in(link.client).get(url).json())
    assert len([r for r in by_url.values() if r["resourceType"] == "Observation"]) == 1
    assert signed_in(UserFactory()).get(url).status_code == 404


def test_a_clinician_gets_it_with_the_scope_audited_and_never_the_name(link):
    _filled(link.client, "phq9", [2] * 10)
    http = signed_in(link.clinician)
    url = f"/api/clients/{link.client_id}/measures/fhir"
    body = http.get(url).json()
    assert "Robin Ash" not in str(_valid(body) and body)
    assert sealed_reads(target="measures",
                                     subject_id=link.client_id).exists()
    share_scopes(link, {"diary"}, actor=link.client)
    assert http.get(url).status_code == 404


def test_the_data_export_holds_the_bundle(link):
    import io
    import json
    import zipfile

    from between.rights.services import build_zip

    _filled(link.client, "core10", [2] * 10)
    archive = zipfile.ZipFile(io.BytesIO(build_zip(link.client)))
    bundle = json.loads(archive.read("fhir/questionnaires.json"))
    assert any(r["resourceType"] == "Observation" for r in _valid(bundle).values())
    assert "fhir/" in archive.read("README.txt").decode()


def test_a_clinics_own_wording_is_not_put_in_the_bundle(link, tmp_path, settings):
    lines = ['permission = "Granted"', 'anchors = ["a", "b", "c", "d", "e"]']
    lines += [f'[[items]]\ntext = "licensed wording {n}"' for n in range(1, 24)]
    (tmp_path / "bsl23.toml").write_text("\n".join(lines))
    settings.MEASURE_TEXT_DIR = str(tmp_path)
    library.measures.cache_clear()
    try:
        _filled(link.client, "bsl23", [1] * 23)
        bundle = fhir.bundle(link.client)
        _valid(bundle)
        assert "licensed wording" not in json_text(bundle)
    finally:
        settings.MEASURE_TEXT_DIR = ""
        library.measures.cache_clear()


def json_text(value) -> str:
    import json

    return json.dumps(value)
