"""The check-in list as a to-do list. Each message or check-in released to a clinician is
new until they open it, read after that, and handled once they say they are done with it.
Handled is the clinician's own bookkeeping: the client sees "read", never "handled"."""

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from between.accounts.models import User
from between.care.models import CheckIn, Message

KINDS = (Message, CheckIn)
# Handled items stay on the page this long, so "done" can be taken back.
HANDLED_SHOWN = timedelta(days=14)


def _released(model, clinician: User):
    return model.objects.filter(clinician=clinician, released_at__isnull=False)


def _with_people(model) -> tuple[str, ...]:
    return ("client", "handled_by", "covering_for") if model is Message else (
        "client", "handled_by")


def open_items(clinician: User) -> list:
    """Everything released to this clinician and not handled, however old, newest first."""
    items = [item for model in KINDS for item in _released(model, clinician)
             .filter(handled_at__isnull=True).select_related(*_with_people(model))]
    return sorted(items, key=lambda item: item.sent_at, reverse=True)


def handled_lately(clinician: User) -> list:
    since = timezone.now() - HANDLED_SHOWN
    items = [item for model in KINDS for item in _released(model, clinician)
             .filter(handled_at__gte=since).select_related(*_with_people(model))]
    return sorted(items, key=lambda item: item.handled_at, reverse=True)


def counts(clinician: User) -> Counter:
    """Unhandled items per client: the number the caseload shows."""
    found = Counter()
    for model in KINDS:
        found.update(_released(model, clinician).filter(handled_at__isnull=True)
                     .values_list("client_id", flat=True))
    return found


def find(clinician: User, pk) -> Message | CheckIn | None:
    """One released item of this clinician's, whichever kind it is."""
    for model in KINDS:
        item = _released(model, clinician).filter(pk=pk).select_related("client").first()
        if item is not None:
            return item
    return None


def mark(item: Message | CheckIn, clinician: User, *, handled: bool) -> bool:
    """Handled, or back on the list. A conditional update, so two taps do it once.
    Handling something unread also reads it: the client then sees "read"."""
    now = timezone.now()
    rows = type(item).objects.filter(pk=item.pk)
    if handled:
        rows.filter(read_at__isnull=True).update(read_at=now)
        changed = rows.filter(handled_at__isnull=True).update(handled_at=now,
                                                             handled_by=clinician)
    else:
        changed = rows.filter(handled_at__isnull=False).update(handled_at=None,
                                                              handled_by=None)
    return bool(changed)
