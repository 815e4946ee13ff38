from datetime import date
from uuid import UUID

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, field_validator

from between.diary.models import Card
from between.diary.services import behaviours_done
from between.lib.errors import FieldError
from between.lib.schemas import StrictSchema
from between.risk.services import needs_prompt
from between.skills import library, services
from between.skills.models import CHAIN_FIELDS, ChainAnalysis

router = Router(tags=["skills"])


class SkillOut(Schema):
    slug: str
    name: str
    module: str
    purpose: str
    when: str
    steps: list[str]
    practice: str
    sticking_points: list[str]
    guided: bool


def _out(s) -> SkillOut:
    return SkillOut(slug=s.slug, name=s.name, module=s.module, purpose=s.purpose,
                    when=s.when, steps=list(s.steps), practice=s.practice,
                    sticking_points=list(s.sticking), guided=s.slug in library.flows())


class SkillFilter(Schema):
    module: str | None = None
    situation: str | None = None


@router.get("/skills", response=list[SkillOut])
def list_skills(request, filters: Query[SkillFilter]):
    skills = list(library.skills().values())
    if filters.module:
        if filters.module not in library.modules():
            raise FieldError("module", f"choose from {', '.join(library.modules())}")
        skills = [s for s in skills if s.module == filters.module]
    if filters.situation:
        found = library.situations().get(filters.situation)
        if found is None:
            raise FieldError("situation", "not a known situation")
        order = {slug: i for i, slug in enumerate(found.skills)}
        skills = sorted((s for s in skills if s.slug in order), key=lambda s: order[s.slug])
    return [_out(s) for s in skills]


@router.get("/skills/{slug}", response=SkillOut)
def get_skill(request, slug: str):
    found = library.skills().get(slug)
    if found is None:
        raise HttpError(404, "Not found.")
    return _out(found)


class PracticeIn(StrictSchema):
    helped: int | None = Field(None, ge=0, le=5)
    day: date | None = None


def _client(request):
    if not request.auth.is_client:
        raise HttpError(404, "Not found.")
    return request.auth


@router.post("/skills/{slug}/practice", response={201: dict})
def practice(request, slug: str, payload: PracticeIn):
    client = _client(request)
    if slug not in library.skills():
        raise HttpError(404, "Not found.")
    from between.diary.services import check_day

    if payload.day is not None:
        check_day(client, payload.day)
    p = services.record_practice(client, slug, helped=payload.helped, day=payload.day)
    return Status(201, {"skill": slug, "day": p.day.isoformat(), "helped": p.helped})


class ChainIn(StrictSchema):
    day: date
    content: dict[str, str] = {}

    @field_validator("content")
    @classmethod
    def known_fields(cls, value):
        unknown = sorted(set(value) - CHAIN_FIELDS.keys())
        if unknown:
            raise ValueError(f"unknown field {', '.join(unknown)}")
        if any(len(v) > 3000 for v in value.values()):
            raise ValueError("a field is over 3000 characters")
        return value


class ChainOut(Schema):
    id: UUID
    day: date
    behaviour: str
    content: dict[str, str]
    safety_prompt: bool = False


@router.get("/chains", response=list[ChainOut])
def list_chains(request):
    return [ChainOut(id=c.pk, day=c.day, behaviour=c.behaviour, content=c.data())
            for c in ChainAnalysis.objects.filter(client=_client(request))]


@router.post("/chains", response={201: ChainOut})
def create_chain(request, payload: ChainIn):
    client = _client(request)
    if not Card.objects.filter(client=client, day=payload.day).exists():
        raise HttpError(404, "Not found.")
    done = behaviours_done(client, payload.day)
    if not done:
        raise FieldError("day", "no target behaviour was logged on that day")
    chain = services.save_chain(client, day=payload.day, behaviour=done[0],
                                content=payload.content)
    return Status(201, ChainOut(id=chain.pk, day=chain.day, behaviour=chain.behaviour,
                                content=chain.data(), safety_prompt=needs_prompt(chain)))
