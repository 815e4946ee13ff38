from datetime import date, timedelta
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field, StrictBool

from between.diary import services
from between.diary.models import Card
from between.lib.errors import FieldError
from between.lib.schemas import StrictSchema

router = Router(tags=["diary"])
MAX_RANGE_DAYS = 366


class Behaviour(StrictSchema):
    done: StrictBool
    amount: float | None = Field(None, ge=0, le=10_000, allow_inf_nan=False)


class Dose(StrictSchema):
    name: str = Field(max_length=60)
    dose: str = Field("", max_length=30)
    time: str = Field("", max_length=5)


class Medication(StrictSchema):
    as_prescribed: StrictBool | None = None
    as_needed: list[Dose] = []


class CardIn(StrictSchema):
    urges: dict[str, int | None] = {}
    emotions: dict[str, int | None] = {}
    behaviours: dict[str, Behaviour] = {}
    skills: list[str] = []
    skills_rating: int | None = None
    medication: Medication = Medication()
    sleep_hours: float | None = Field(None, ge=0, le=24, allow_inf_nan=False)
    present: str | None = None
    note: str = ""


class CardOut(Schema):
    date: date
    urges: dict[str, int]
    emotions: dict[str, int]
    behaviours: dict[str, dict]
    skills: list[str]
    skills_rating: int | None
    medication: dict
    sleep_hours: float | None
    present: str | None
    note: str


class SavedCardOut(CardOut):
    safety_prompt: bool
    screening: dict | None


class Range(Schema):
    start: date
    end: date


def _out(card: Card) -> dict:
    snap = services.snapshot(card)
    return {**snap, "date": card.day}


def _client(request):
    if not request.auth.is_client:
        raise HttpError(404, "Not found.")
    return request.auth


@router.get("/diary/cards", response=list[CardOut])
def list_cards(request, span: Query[Range]):
    client = _client(request)
    if span.end < span.start:
        raise FieldError("end", "must be on or after start")
    if (span.end - span.start) > timedelta(days=MAX_RANGE_DAYS):
        raise FieldError("end", f"a range can cover at most {MAX_RANGE_DAYS} days")
    cards = Card.objects.filter(client=client, day__gte=span.start, day__lte=span.end
                                ).order_by("day")
    return [_out(c) for c in cards]


@router.get("/diary/cards/{day}", response=CardOut)
def get_card(request, day: date):
    return _out(get_object_or_404(Card, client=_client(request), day=day))


@router.put("/diary/cards/{day}", response=SavedCardOut)
def put_card(request, day: date, payload: CardIn):
    client = _client(request)
    data = services.CardInput(
        urges=payload.urges, emotions=payload.emotions,
        behaviours={k: v.model_dump() for k, v in payload.behaviours.items()},
        skills=payload.skills, skills_rating=payload.skills_rating,
        as_prescribed=payload.medication.as_prescribed,
        as_needed=[d.model_dump() for d in payload.medication.as_needed],
        sleep_hours=Decimal(str(payload.sleep_hours)) if payload.sleep_hours is not None else None,
        present=payload.present, note=payload.note)
    result = services.record_card(client, day, data)
    screening = result.screening.as_dict() if result.screening else None
    if screening:
        screening.pop("evidence")  # spans into the note: the client has the note itself
    return {**_out(result.card), "safety_prompt": result.safety_prompt, "screening": screening}
