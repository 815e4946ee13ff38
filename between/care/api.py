from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, StrictBool

from between.audit.services import record_read
from between.care import messaging
from between.care import sessions as care_sessions
from between.care.caseload import caseload
from between.care.models import CheckIn, Digest, Message, TherapySession
from between.lib.ids import Id
from between.lib.schemas import ErrorOut, StrictSchema
from between.safety import directory

router = Router(tags=["care"])


def _role(request, role: str):
    if request.auth.role != role:
        raise HttpError(404, "Not found.")
    return request.auth


class MessageIn(StrictSchema):
    clinician_id: Id
    text: str = Field(min_length=1, max_length=5000)


class MessageSent(Schema):
    id: UUID
    read_after: datetime
    when: str
    safety_prompt: bool
    crisis_links: dict


@router.post("/messages", response={201: MessageSent})
def send_message(request, payload: MessageIn):
    client = _role(request, "client")
    clinician = messaging.linked_clinician(client, payload.clinician_id)
    if clinician is None:
        raise HttpError(404, "Not found.")
    sent = messaging.send_message(client, clinician, payload.text)
    country = directory.country_for(request)
    line = country.first_phone_line
    links = {"crisis_page": "/crisis", "safety_plan": "/safety-plan/",
             "emergency": country.emergency_href,
             "helpline": line.tel_href if line else None}
    return Status(201, MessageSent(id=sent.item.pk, read_after=sent.read_after,
                                   when=sent.when_read(), safety_prompt=sent.safety_prompt,
                                   crisis_links=links))


class CaseloadRow(Schema):
    client_id: int
    name: str
    last_card: date | None
    top_urges: dict[str, int]
    open_flags: int
    missed_days: int | None
    next_session: datetime | None
    feedback: list[int]
    feedback_trend: str
    latest_scores: list[str]
    worse_scores: list[str]
    reason: str
    # The open flag to look at first: "urgent", "ideation", or "" for a rating or answer;
    # None with no open flag.
    first_flag_level: str | None
    first_flag_at: datetime | None
    to_do: int  # messages and check-ins released and not yet marked handled


@router.get("/care/caseload", response=list[CaseloadRow])
def get_caseload(request):
    clinician = _role(request, "clinician")
    return [CaseloadRow(client_id=r.client.pk, name=str(r.client), last_card=r.last_card,
                        top_urges=r.top_urges, open_flags=r.open_flags,
                        missed_days=r.missed_days, next_session=r.next_session,
                        feedback=r.feedback, feedback_trend=r.feedback_trend,
                        latest_scores=r.latest_scores, worse_scores=r.worse_scores,
                        reason=r.reason,
                        first_flag_level=r.first_flag.level if r.first_flag else None,
                        first_flag_at=r.first_flag.created_at if r.first_flag else None,
                        to_do=r.to_do)
            for r in caseload(clinician)]


class DigestItem(Schema):
    id: UUID
    kind: str
    client_id: int
    sent_at: datetime
    released_at: datetime
    marked: bool
    text: str
    peak_urge: int | None = None
    level: str  # what the screener read: none, distress, ideation or urgent
    state: str  # new (not opened yet), read, or handled


@router.get("/care/digest", response=list[DigestItem])
def get_digest(request):
    """Only what has been released at a check-in window; marked items first."""
    clinician = _role(request, "clinician")
    recent = Digest.objects.filter(clinician=clinician)[:10]
    items = [DigestItem(id=m.pk, kind="message", client_id=m.client_id, sent_at=m.sent_at,
                        released_at=m.released_at, marked=m.risk_level in ("ideation", "urgent"),
                        text=m.body, level=m.risk_level, state=m.to_do_state)
             for m in Message.objects.filter(clinician=clinician, digest__in=recent)]
    items += [DigestItem(id=c.pk, kind="checkin", client_id=c.client_id, sent_at=c.sent_at,
                         released_at=c.released_at,
                         marked=c.risk_level in ("ideation", "urgent"), text=c.text(),
                         peak_urge=c.peak_urge, level=c.risk_level, state=c.to_do_state)
              for c in CheckIn.objects.filter(clinician=clinician, digest__in=recent)]
    for client_id in {i.client_id for i in items}:
        record_read(clinician, client_id, "messages")
    return sorted(items, key=lambda i: (not i.marked, -i.sent_at.timestamp()))


class FeedbackIn(StrictSchema):
    heard: int = Field(ge=0, le=10)
    worked_on: int = Field(ge=0, le=10)
    approach_fits: int = Field(ge=0, le=10)
    overall: int = Field(ge=0, le=10)
    felt_off: StrictBool = False
    note: str = Field("", max_length=2000)


@router.post("/sessions/{session_id}/feedback", response={201: dict, 409: ErrorOut})
def session_feedback(request, session_id: Id, payload: FeedbackIn):
    client = _role(request, "client")
    session = get_object_or_404(TherapySession, pk=session_id, client=client)
    if hasattr(session, "feedback"):
        raise HttpError(409, "Feedback for this session was already given.")
    care_sessions.record_feedback(session, **payload.model_dump())
    return Status(201, {"session": session.pk, "saved": True})
