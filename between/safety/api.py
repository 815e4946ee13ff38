from datetime import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from between.accounts.access import get_client_for_clinician
from between.audit.services import record_read
from between.lib.ids import Id
from between.lib.schemas import StrictSchema
from between.safety import directory, plan_content, services

router = Router(tags=["safety"])


class LineOut(Schema):
    name: str
    phone: str
    sms: str
    sms_keyword: str
    chat_url: str
    hours: str
    audience: str
    languages: list[str]
    source: str
    verified: str


class CrisisLinesOut(Schema):
    country: str
    name: str
    matched: bool
    emergency: str
    lines: list[LineOut]
    international: dict


class CountryQuery(Schema):
    country: str = ""


@router.get("/crisis-lines", response=CrisisLinesOut, auth=None)
def crisis_lines(request, filters: Query[CountryQuery]):
    """Public. A country without helplines here gives its emergency number where known,
    with matched=false, and the international directory; an unknown code is ignored in
    favour of the visitor's own country. Never an empty answer."""
    chosen = directory.lookup(filters.country)
    country = directory.country_for(request, filters.country or None)
    matched = chosen is not None and bool(chosen.lines)
    lines = [LineOut(name=ln.name, phone=ln.phone, sms=ln.sms, sms_keyword=ln.sms_keyword,
                     chat_url=ln.chat_url, hours=ln.hours, audience=ln.audience,
                     languages=list(ln.languages), source=ln.source,
                     verified=ln.verified.isoformat()) for ln in country.lines]
    intl = directory.directory().international
    return CrisisLinesOut(country=country.code, name=country.name, matched=matched,
                          emergency=country.emergency, lines=lines,
                          international={"name": intl["name"], "url": intl["url"]})


class PlanOut(Schema):
    version: int
    saved_at: datetime | None
    sections: dict[str, list[str]]
    means: list[str]


class PlanIn(StrictSchema):
    sections: dict[str, list[str]]
    means: list[str] = []

    @field_validator("sections")
    @classmethod
    def known_sections(cls, value):
        unknown = sorted(set(value) - set(plan_content.section_keys()))
        if unknown:
            raise ValueError(f"unknown section {', '.join(unknown)}; choose from "
                             f"{', '.join(plan_content.section_keys())}")
        for key, items in value.items():
            if any(len(i) > plan_content.MAX_ITEM_CHARS for i in items):
                raise ValueError(f"an item in {key} is over {plan_content.MAX_ITEM_CHARS} "
                                 "characters")
            if sum(len(i) for i in items) > plan_content.MAX_SECTION_CHARS:
                raise ValueError(f"{key} is over {plan_content.MAX_SECTION_CHARS} characters")
        return value

    @field_validator("means")
    @classmethod
    def known_means(cls, value):
        unknown = sorted(set(value) - set(plan_content.means_items()))
        if unknown:
            raise ValueError(f"unknown item {', '.join(unknown)}")
        return value


def _plan_out(version) -> PlanOut:
    if version is None:
        empty = plan_content.empty()
        return PlanOut(version=0, saved_at=None, sections={k: empty[k] for k in
                       plan_content.section_keys()}, means=[])
    data = version.data()
    return PlanOut(version=version.number, saved_at=version.created_at,
                   sections={k: data[k] for k in plan_content.section_keys()},
                   means=data["means"])


def _client(request):
    if not request.auth.is_client:
        raise HttpError(404, "Not found.")
    return request.auth


@router.get("/safety-plan", response=PlanOut)
def get_plan(request):
    return _plan_out(services.current_version(_client(request)))


@router.put("/safety-plan", response=PlanOut)
def put_plan(request, payload: PlanIn):
    client = _client(request)
    return _plan_out(services.save_plan(client, {**payload.sections, "means": payload.means},
                                        actor=client))


@router.get("/clients/{client_id}/safety-plan", response=PlanOut)
def client_plan(request, client_id: Id):
    if not request.auth.is_clinician:
        raise HttpError(404, "Not found.")
    client = get_client_for_clinician(request.auth, client_id, scope="safety_plan")
    version = services.current_version(client)
    record_read(request.auth, client, "safety_plan")
    return _plan_out(version)
