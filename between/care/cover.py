"""Cover while a clinician is away: where a client's message goes, and who may read it.

A clinician sets days away and, if they like, a colleague in their clinic who covers.
Each client chooses, for that clinician, whether their messages (and what is marked for
attention) go to the colleague meanwhile or wait for the clinician's return. Without a
choice they wait, and the client is told so before sending.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from between.accounts.models import CareLink, Role, User
from between.audit.models import Action
from between.audit.services import record
from between.care.models import Away, CoverChoice


def _today(person: User) -> date:
    return timezone.now().astimezone(ZoneInfo(person.time_zone)).date()


def away_now(clinician: User) -> Away | None:
    today = _today(clinician)
    return (Away.objects.filter(clinician=clinician, starts_on__lte=today, ends_on__gte=today)
            .select_related("cover").order_by("-ends_on").first())


def back_at(away: Away) -> datetime:
    """The first moment of the day after the time away, in the clinician's zone."""
    zone = ZoneInfo(away.clinician.time_zone)
    return datetime.combine(away.ends_on + timedelta(days=1), time.min, tzinfo=zone)


def chose_cover(client: User, clinician: User) -> bool | None:
    found = CoverChoice.objects.filter(client=client, clinician=clinician).first()
    return None if found is None else found.to_cover


@transaction.atomic
def choose(client: User, clinician: User, *, to_cover: bool) -> CoverChoice:
    found, _ = CoverChoice.objects.update_or_create(
        client=client, clinician=clinician,
        defaults={"to_cover": to_cover, "decided_at": timezone.now()})
    record(Action.COVER_CHOSEN, actor=client, subject=client,
           detail={"clinician": clinician.pk, "to_cover": to_cover})
    return found


def route(client: User, clinician: User) -> tuple[User, User | None, Away | None]:
    """Who a message meant for `clinician` reaches now, whom that person covers for (or
    None), and the time away it falls in (or None)."""
    away = away_now(clinician)
    if away is None:
        return clinician, None, None
    cover = away.cover
    if cover is not None and cover.is_active and chose_cover(client, clinician):
        return cover, clinician, away
    return clinician, None, away


def covered_for(cover: User, client: User) -> list[User]:
    """The clinicians `cover` is covering for today, for this client, by their choice."""
    found = []
    for link in CareLink.objects.active().filter(client=client).select_related("clinician"):
        away = away_now(link.clinician)
        if away and away.cover_id == cover.pk and chose_cover(client, link.clinician):
            found.append(link.clinician)
    return found


def covering(cover: User) -> dict[int, list[User]]:
    """Every client this person covers for today: client id -> the clinicians away."""
    clients: dict[int, list[User]] = {}
    for away in Away.objects.filter(cover=cover).select_related("clinician"):
        if away_now(away.clinician) != away:
            continue
        chosen = CoverChoice.objects.filter(clinician=away.clinician, to_cover=True)
        linked = set(CareLink.objects.active().filter(clinician=away.clinician)
                     .values_list("client_id", flat=True))
        for client_id in chosen.values_list("client_id", flat=True):
            if client_id in linked:
                clients.setdefault(client_id, []).append(away.clinician)
    return clients


def colleagues(clinician: User) -> list[User]:
    """Who can cover: active clinicians in the same clinic."""
    if clinician.clinic_id is None:
        return []
    return list(User.objects.filter(clinic_id=clinician.clinic_id, role=Role.CLINICIAN,
                                    is_active=True).exclude(pk=clinician.pk)
                .order_by("display_name"))
