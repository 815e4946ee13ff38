"""Writes on the care side: flags for clinicians, and acknowledging them."""

from datetime import date

from django.utils import timezone

from between.accounts.models import CareLink, User
from between.audit.models import Action
from between.audit.services import record
from between.care.models import Flag


def raise_flag(client: User, *, scope: str, source: str, day: date, summary: str,
               excerpt: str | None = None, clinician_ids=None, about: str = "") -> list[Flag]:
    """One flag for each clinician who can see `scope` for this client right now, or for
    the clinicians named (a message goes to one clinician only)."""
    if clinician_ids is None:
        clinician_ids = (CareLink.objects.with_scope(scope).filter(client=client)
                         .values_list("clinician_id", flat=True))
    return [Flag.objects.create(client=client, clinician_id=cid, source=source, scope=scope,
                                day=day, summary=summary, excerpt=excerpt, about=about)
            for cid in clinician_ids]


def acknowledge_flag(flag: Flag, *, actor: User) -> None:
    flag.acknowledged_at = timezone.now()
    flag.save(update_fields=["acknowledged_at"])
    record(Action.FLAG_ACKNOWLEDGED, actor=actor, subject=flag.client_id,
           detail={"flag": str(flag.pk)})
