"""The next session's agenda: things either person wants to bring, seen by both."""

from django.db import transaction
from django.utils import timezone

from between.accounts.models import User
from between.care.models import MESSAGES, AgendaItem, Message, TherapySession
from between.risk.services import screen_writing
from between.safety.services import client_today


def next_session(client: User, clinician: User) -> TherapySession | None:
    return (TherapySession.objects.filter(client=client, clinician=clinician,
                                          kind=TherapySession.Kind.SCHEDULED,
                                          starts_at__gte=timezone.now())
            .order_by("starts_at").first())


def open_items(client: User, clinician: User | None = None) -> list[AgendaItem]:
    items = AgendaItem.objects.filter(client=client, discussed_at__isnull=True)
    if clinician is not None:
        items = items.filter(clinician=clinician)
    return list(items.select_related("clinician", "added_by"))


@transaction.atomic
def bring(client: User, clinician: User, text: str, *, added_by: User) -> AgendaItem:
    """Put something on the list for the next session of this pair. The client's own
    words go through screening, and a risky item flags this clinician."""
    item = AgendaItem(client=client, clinician=clinician, added_by=added_by,
                      text=text.strip())
    if added_by == client:
        screen_writing(item, item.text, client=client, scope=MESSAGES,
                       where="Session list", day=client_today(client), source="message",
                       clinician_ids=[clinician.pk])
    item.save()
    return item


@transaction.atomic
def bring_message(message: Message, *, by: User) -> AgendaItem:
    """A clinician brings a client's message to the session, as the client wrote it, with
    the reading it already had (its flag, if any, was raised when it was sent)."""
    item = bring(message.client, message.clinician, message.body, added_by=by)
    item.risk_level, item.risk_categories = message.risk_level, message.risk_categories
    item.save(update_fields=["risk_level", "risk_categories"])
    return item


def talked_about(item: AgendaItem) -> None:
    item.discussed_at = timezone.now()
    item.save(update_fields=["discussed_at"])
