"""Writes on the care side: flags for clinicians, closing them and reopening them."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from between.accounts.models import CareLink, User
from between.audit.models import Action
from between.audit.services import record
from between.care.models import Flag, FlagEvent
from between.care.urgent import URGENT, open_alerts


def raise_flag(client: User, *, scope: str, source: str, day: date, summary: str,
               excerpt: str | None = None, clinician_ids=None, about: str = "",
               level: str = "") -> list[Flag]:
    """One flag for each clinician who can see `scope` for this client right now, or for
    the clinicians named (a message goes to one clinician only). An urgent one written
    outside every check-in time also goes to the clinic's out-of-hours route."""
    if clinician_ids is None:
        clinician_ids = list(CareLink.objects.with_scope(scope).filter(client=client)
                             .values_list("clinician_id", flat=True))
        clinician_ids += [c for c in _covering(client, clinician_ids) if c not in clinician_ids]
    flags = [Flag.objects.create(client=client, clinician_id=cid, source=source, scope=scope,
                                 day=day, summary=summary, excerpt=excerpt, about=about,
                                 level=level)
             for cid in clinician_ids]
    if flags and level == URGENT:
        open_alerts(client, flags)
    return flags


def _covering(client: User, clinician_ids: list[int]) -> list[int]:
    """Colleagues covering for any of these clinicians today, where the client chose to
    have their messages go to them: what is marked for attention reaches them too."""
    from between.care.cover import away_now, chose_cover

    covers = []
    for clinician in User.objects.filter(pk__in=clinician_ids):
        away = away_now(clinician)
        if away and away.cover and away.cover.is_active and chose_cover(client, clinician):
            covers.append(away.cover_id)
    return covers


@transaction.atomic
def close_flag(flag: Flag, *, actor: User, done: list[str], note: str = "") -> FlagEvent | None:
    """Close a flag with what was done and an optional private note. The audit row, which
    the client sees in "who has seen my data", says only that it was closed. A flag
    already closed (a second tap, a colleague a moment earlier) stays as it was: None."""
    flag.acknowledged_at = timezone.now()
    if not Flag.objects.filter(pk=flag.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=flag.acknowledged_at):
        return None
    event = FlagEvent.objects.create(flag=flag, client_id=flag.client_id, by=actor,
                                     at=flag.acknowledged_at, kind=FlagEvent.Kind.CLOSED,
                                     done=done, note=note)
    record(Action.FLAG_ACKNOWLEDGED, actor=actor, subject=flag.client_id,
           detail={"flag": str(flag.pk), "done": done})
    return event


@transaction.atomic
def reopen_flag(flag: Flag, *, actor: User) -> FlagEvent | None:
    if not Flag.objects.filter(pk=flag.pk, acknowledged_at__isnull=False).update(
            acknowledged_at=None):
        return None
    flag.acknowledged_at = None
    event = FlagEvent.objects.create(flag=flag, client_id=flag.client_id, by=actor,
                                     kind=FlagEvent.Kind.REOPENED)
    record(Action.FLAG_REOPENED, actor=actor, subject=flag.client_id,
           detail={"flag": str(flag.pk)})
    return event
