from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from between.accounts.access import get_client_for_clinician
from between.audit.services import record_read
from between.lib.errors import FieldError
from between.lib.ids import Id
from between.lib.schemas import StrictSchema
from between.measures import fhir, library, services
from between.measures.models import Response

router = Router(tags=["measures"])


def _client(request):
    if not request.auth.is_client:
        raise HttpError(404, "Not found.")
    return request.auth


class ResponseOut(Schema):
    id: UUID
    measure: str
    started_at: datetime
    completed_at: datetime | None
    total: Decimal | None
    band: str
    answers: dict


@router.get("/measures", response=list[ResponseOut])
def my_responses(request):
    """Every questionnaire this client has started, newest first."""
    return list(Response.objects.filter(client=_client(request),
                                        measure__in=list(library.measures())))


class AnswersIn(StrictSchema):
    # Every item's key: one of its answers' values, or null to leave it out.
    answers: dict[str, int | None]


class SubmittedOut(ResponseOut):
    # An answer at an item's safety threshold (PHQ-9 item 9 above 0, for one): show the
    # person their safety plan and the crisis lines now. Their care team gets a flag.
    safety_prompt: bool


def _checked(measure, answers: dict[str, int | None]) -> None:
    """Every item answered or left out, each answer one the item offers; else a 422
    naming the first item that isn't."""
    keys = [item.key for item in measure.items]
    for key in answers:
        if key not in keys:
            raise FieldError(f"answers.{key}", f"{measure.name} has no item called that.")
    for item in measure.items:
        if item.key not in answers:
            raise FieldError(f"answers.{item.key}", "answer it, or send null to leave it out.")
        allowed = [a.value for a in measure.anchors_for(item)]
        if answers[item.key] is not None and answers[item.key] not in allowed:
            raise FieldError(f"answers.{item.key}",
                             f"one of {', '.join(str(v) for v in allowed)}, or null.")


@router.post("/measures/{measure}/responses", response={201: SubmittedOut})
def submit(request, measure: str, data: AnswersIn):
    """A whole questionnaire in one go, scored as the pages score it (a half-done one the
    person started on the web is finished by it). Nothing is kept unless every answer is
    valid."""
    client, slug = _client(request), measure
    measure = library.get(slug)
    if measure is None:
        raise HttpError(404, "measure: that questionnaire isn't offered here.")
    _checked(measure, data.answers)
    with transaction.atomic():
        response = services.start(client, slug)
        saved = services.answer_page(response, len(services.pages(measure)) - 1,
                                     data.answers)
    return Status(201, {**ResponseOut.model_validate(saved.response).model_dump(),
                        "safety_prompt": bool(saved.risk)})


@router.get("/measures/fhir", response=dict)
def my_bundle(request, include_name: bool = False):
    """All of this client's questionnaires as a FHIR R4 collection Bundle. The Patient
    carries an identifier, and the name only with `include_name=true`."""
    return fhir.bundle(_client(request), with_name=include_name)


@router.get("/measures/responses/{response_id}/fhir", response=dict)
def response_bundle(request, response_id: UUID, include_name: bool = False):
    """One questionnaire response as a FHIR R4 Bundle."""
    response = get_object_or_404(Response, pk=response_id, client=_client(request))
    return fhir.bundle(request.auth, [response], with_name=include_name)


@router.get("/clients/{client_id}/measures/fhir", response=dict)
def client_bundle(request, client_id: Id):
    """A client's questionnaires for a clinician they share "Questionnaire scores" with,
    as a FHIR R4 Bundle without their name. Reading it is audited like the page."""
    if not request.auth.is_clinician:
        raise HttpError(404, "Not found.")
    client = get_client_for_clinician(request.auth, client_id, scope="measures")
    record_read(request.auth, client, "measures")
    return fhir.bundle(client, with_name=False)
