from datetime import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, StrictBool

from between.accounts.access import get_client_for_clinician
from between.audit.services import record_read
from between.journal import services
from between.journal.models import MAX_ENTRY_CHARS, Entry
from between.lib.ids import Id
from between.lib.schemas import StrictSchema
from between.risk.services import needs_prompt

router = Router(tags=["journal"])


class EntryOut(Schema):
    id: UUID
    # None when the stored words can't be decrypted; the other entries still come back.
    text: str | None
    readable: bool
    shared: bool
    created_at: datetime
    updated_at: datetime
    safety_prompt: bool


class EntryIn(StrictSchema):
    text: str = Field(max_length=MAX_ENTRY_CHARS)
    shared: StrictBool = False  # a choice to share is only ever true or false, never 1 or "yes"


def _out(entry: Entry) -> EntryOut:
    text = entry.readable_body
    return EntryOut(id=entry.pk, text=text, readable=text is not None, shared=entry.shared,
                    created_at=entry.created_at, updated_at=entry.updated_at,
                    safety_prompt=needs_prompt(entry))


def _client_only(request):
    if not request.auth.is_client:
        raise HttpError(404, "Not found.")
    return request.auth


@router.get("/journal", response=list[EntryOut])
def list_entries(request):
    return [_out(e) for e in Entry.objects.filter(client=_client_only(request))]


@router.post("/journal", response={201: EntryOut})
def create_entry(request, payload: EntryIn):
    entry = services.write_entry(_client_only(request), body=payload.text, shared=payload.shared)
    return Status(201, _out(entry))


@router.put("/journal/{entry_id}", response=EntryOut)
def update_entry(request, entry_id: UUID, payload: EntryIn):
    client = _client_only(request)
    entry = get_object_or_404(Entry, pk=entry_id, client=client)
    return _out(services.write_entry(client, entry=entry, body=payload.text,
                                     shared=payload.shared))


@router.get("/clients/{client_id}/journal", response=list[EntryOut])
def client_journal(request, client_id: Id):
    if not request.auth.is_clinician:
        raise HttpError(404, "Not found.")
    client = get_client_for_clinician(request.auth, client_id, scope="journal")
    entries = [_out(e) for e in Entry.objects.shared().filter(client=client)]
    record_read(request.auth, client, "journal")
    return entries
