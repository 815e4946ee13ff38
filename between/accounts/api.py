from zoneinfo import available_timezones

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator

from between.accounts import services
from between.accounts.access import get_client_for_clinician
from between.accounts.models import SCOPES, CareLink
from between.audit.services import record_read
from between.lib.ids import Id
from between.lib.schemas import StrictSchema

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    role: str
    time_zone: str
    clinic: str | None


class MeIn(StrictSchema):
    display_name: str | None = Field(None, min_length=1, max_length=100)
    time_zone: str | None = None

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value):
        if value is not None and value not in available_timezones():
            raise ValueError("is not a known time zone, e.g. Europe/London")
        return value


def _me(user) -> MeOut:
    return MeOut(id=user.pk, email=user.email, display_name=user.display_name, role=user.role,
                 time_zone=user.time_zone, clinic=user.clinic.name if user.clinic else None)


@router.get("/me", response=MeOut)
def me(request):
    return _me(request.auth)


@router.patch("/me", response=MeOut)
def update_me(request, payload: MeIn):
    user = request.auth
    changes = payload.model_dump(exclude_none=True)
    for field, value in changes.items():
        setattr(user, field, value)
    user.save(update_fields=list(changes) or None)
    return _me(user)


class LinkOut(Schema):
    id: int
    client_id: int
    client: str
    clinician_id: int
    clinician: str
    scopes: list[str]


class ScopesIn(StrictSchema):
    scopes: list[str]

    @field_validator("scopes")
    @classmethod
    def known_scopes(cls, value):
        unknown = sorted(set(value) - SCOPES.keys())
        if unknown:
            raise ValueError(f"unknown scope {', '.join(unknown)}; choose from "
                             f"{', '.join(SCOPES)}")
        return value


def _link(link: CareLink) -> LinkOut:
    return LinkOut(id=link.pk, client_id=link.client_id, client=str(link.client),
                   clinician_id=link.clinician_id, clinician=str(link.clinician),
                   scopes=link.scopes())


@router.get("/care-links", response=list[LinkOut])
def care_links(request):
    user = request.auth
    links = CareLink.objects.active().select_related("client", "clinician")
    if user.is_client:
        links = links.filter(client=user)
    elif user.is_clinician:
        links = links.filter(clinician=user)
    else:
        links = links.none()
    return [_link(link) for link in links]


@router.put("/care-links/{link_id}/scopes", response=LinkOut)
def set_scopes(request, link_id: Id, payload: ScopesIn):
    if not request.auth.is_client:  # only the client decides what is shared
        raise HttpError(404, "Not found.")
    link = get_object_or_404(CareLink.objects.active().select_related("client", "clinician"),
                             pk=link_id, client=request.auth)
    services.share_scopes(link, set(payload.scopes), actor=request.auth)
    return _link(link)


class ClientOut(Schema):
    id: int
    display_name: str
    scopes: list[str]


@router.get("/clients/{client_id}", response=ClientOut)
def client_detail(request, client_id: Id):
    if not request.auth.is_clinician:
        raise HttpError(404, "Not found.")
    client = get_client_for_clinician(request.auth, client_id)
    link = CareLink.objects.get(clinician=request.auth, client=client)
    record_read(request.auth, client, "overview")
    return ClientOut(id=client.pk, display_name=client.display_name, scopes=link.scopes())
