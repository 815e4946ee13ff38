from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from between.accounts.access import get_client_for_clinician
from between.audit.services import record_read
from between.measures import fhir, library
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
def client_bundle(request, client_id: int):
    """A client's questionnaires for a clinician they share "Questionnaire scores" with,
    as a FHIR R4 Bundle without their name. Reading it is audited like the page."""
    if not request.auth.is_clinician:
        raise HttpError(404, "Not found.")
    client = get_client_for_clinician(request.auth, client_id, scope="measures")
    record_read(request.auth, client, "measures")
    return fhir.bundle(client, with_name=False)
