"""Questionnaire answers as FHIR R4: a collection Bundle of a Patient, each Questionnaire,
each QuestionnaireResponse, and an Observation for each total that points back to the
answers it came from.

Built as plain JSON; the tests check every resource against fhir.resources' models, so
that library is never needed at run time. Totals carry their LOINC code where the issue
names one that was checked (PHQ-9 44261-6, GAD-7 70274-6) and a Between code otherwise.
"""

import uuid
from decimal import Decimal

from django.utils import timezone

from between.accounts.models import User
from between.measures import library
from between.measures.library import Measure
from between.measures.models import Response

NS = uuid.UUID("6f1f6a52-5d0e-4c1e-9a3b-3b8f3c1d2e10")  # Between's own namespace for ids
CODES = "urn:between:measures"           # Between's code system for totals without LOINC
ANSWERS = "urn:between:measures:answers"  # an answer's value, per measure
CLIENT_ID = "urn:between:client"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                      "code": "survey", "display": "Survey"}]}


def _id(*parts) -> str:
    return str(uuid.uuid5(NS, ":".join(str(p) for p in parts)))


def _ref(resource: dict) -> str:
    return f"urn:uuid:{resource['id']}"


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def patient(client: User, *, with_name: bool) -> dict:
    """The least that says whose answers these are: an identifier, and the name only
    when the person chose to include it."""
    found = {"resourceType": "Patient", "id": _id("patient", client.pk),
             "identifier": [{"system": CLIENT_ID, "value": str(client.pk)}]}
    if with_name:
        found["name"] = [{"text": client.display_name}]
    return found


def questionnaire(measure: Measure) -> dict:
    """A measure's questions and answers. A measure whose wording a clinic licensed
    carries no item text here: the licence was the clinic's, not the export's."""
    own_text = library.raw_files()[measure.slug].get("own_text", False)
    items = []
    for item in measure.items:
        entry = {"linkId": item.key, "type": "choice", "required": False,
                 "answerOption": [{"valueCoding": _coding(measure, a.value, a.label)}
                                  for a in measure.anchors_for(item)]}
        if not own_text:
            entry["text"] = item.text
        items.append(entry)
    found = {"resourceType": "Questionnaire", "id": _id("questionnaire", measure.slug),
             "url": f"urn:between:questionnaire:{measure.slug}", "name": measure.slug.upper(),
             "title": measure.title, "status": "active", "item": items}
    if measure.attribution:
        found["copyright"] = measure.attribution
    return found


def _coding(measure: Measure, value: int, label: str) -> dict:
    coding = {"system": f"{ANSWERS}:{measure.slug}", "code": str(value)}
    if label:
        coding["display"] = label
    return coding


def questionnaire_response(response: Response, measure: Measure, subject: dict) -> dict:
    """What was answered; an item left out has no answer, as FHIR expects."""
    labels = {(i.key, a.value): a.label for i in measure.items for a in measure.anchors_for(i)}
    items = [{"linkId": i.key, "answer": [{"valueCoding": _coding(
        measure, response.answers[i.key], labels.get((i.key, response.answers[i.key]), ""))}]}
             for i in measure.items if response.answers.get(i.key) is not None]
    return {"resourceType": "QuestionnaireResponse", "id": str(response.pk),
            "questionnaire": f"urn:between:questionnaire:{measure.slug}",
            "status": "completed" if response.completed_at else "in-progress",
            "subject": {"reference": _ref(subject)},
            "authored": (response.completed_at or response.started_at).isoformat(),
            "item": items}


def observation(response: Response, measure: Measure, subject: dict, answers: dict) -> dict:
    """The total, its band as an interpretation, and where it came from."""
    code = ({"system": LOINC, "code": measure.loinc, "display": f"{measure.name} total score"}
            if measure.loinc else
            {"system": CODES, "code": f"{measure.slug}-total",
             "display": f"{measure.name} total score"})
    found = {"resourceType": "Observation", "id": _id("total", response.pk), "status": "final",
             "category": [SURVEY], "code": {"coding": [code], "text": f"{measure.name} total"},
             "subject": {"reference": _ref(subject)},
             "effectiveDateTime": response.completed_at.isoformat(),
             "valueQuantity": {"value": _number(response.total), "unit": "{score}",
                               "system": UCUM, "code": "{score}"},
             "derivedFrom": [{"reference": _ref(answers)}]}
    if response.band:
        found["interpretation"] = [{"text": response.band}]
    return found


def bundle(client: User, responses: list[Response] | None = None, *,
           with_name: bool = False) -> dict:
    """One collection Bundle: the Patient, then per measure answered its Questionnaire,
    and per response its QuestionnaireResponse and, when scored, its Observation."""
    if responses is None:
        responses = list(Response.objects.filter(client=client).order_by("started_at"))
    subject = patient(client, with_name=with_name)
    resources, named = [subject], set()
    for response in responses:
        measure = library.get(response.measure)
        if measure is None:
            continue
        if measure.slug not in named:
            named.add(measure.slug)
            resources.append(questionnaire(measure))
        answers = questionnaire_response(response, measure, subject)
        resources.append(answers)
        if response.completed_at and response.total is not None:
            resources.append(observation(response, measure, subject, answers))
    return {"resourceType": "Bundle", "id": str(uuid.uuid4()), "type": "collection",
            "timestamp": timezone.now().isoformat(),
            "entry": [{"fullUrl": _ref(r), "resource": r} for r in resources]}
