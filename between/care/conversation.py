"""One client and one clinician, both ways: what the client sent, what the clinician
answered, and where each stands (waiting for a check-in time, delivered, read)."""

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from between.accounts.models import CareLink, User
from between.accounts.services import push_to
from between.audit.models import Action
from between.audit.services import record, record_read
from between.care.messaging import policy_for
from between.care.models import CheckIn, Message, Reply, SavedReply
from between.care.windows import is_open
from between.lib.fields import opened

# The newest this many of each side; older ones are in the client's data export.
SHOWN = 100


@dataclass(frozen=True)
class Line:
    """One message or reply, as either person sees it."""
    item: Message | Reply
    from_client: bool
    text: str | None  # None: it could not be opened
    at: datetime
    state: str        # waiting, delivered or read; a reply is sent or read
    state_at: datetime | None

    @property
    def outside_window(self) -> bool:
        return self.item.outside_window


def _state(item: Message | Reply) -> tuple[str, datetime | None]:
    if item.read_at:
        return "read", item.read_at
    if isinstance(item, Reply):
        return "sent", item.sent_at
    if item.released_at:
        return "delivered", item.released_at
    return "waiting", item.release_at


def thread(client: User, clinician: User, *, delivered_only: bool = False) -> list[Line]:
    """The conversation, oldest first. The clinician's side holds only what has been
    delivered: a message waiting for their check-in time waits for them here too."""
    # What was sent to them, or to a colleague covering for them.
    theirs = Q(clinician=clinician) | Q(covering_for=clinician)
    sent = Message.objects.filter(theirs, client=client)
    if delivered_only:
        sent = sent.filter(released_at__isnull=False)
    items = [*sent.select_related("client", "clinician", "covering_for")
             .prefetch_related("written_by").order_by("-sent_at")[:SHOWN],
             *Reply.objects.filter(theirs, client=client)
             .select_related("client", "clinician", "covering_for")
             .order_by("-sent_at")[:SHOWN]]
    lines = [Line(item, isinstance(item, Message), opened(item, "body"), item.sent_at,
                  *_state(item)) for item in items]
    return sorted(lines, key=lambda line: line.at)


def read_by_clinician(clinician: User, client: User | None = None, *,
                      check_ins: bool = False) -> int:
    """Every message delivered to this clinician (from one client, if named), and every
    check-in too when the page showed them, counts as read from now. Returns how many
    were newly read."""
    read = 0
    for model in (Message, CheckIn) if check_ins else (Message,):
        delivered = model.objects.filter(clinician=clinician, released_at__isnull=False,
                                         read_at__isnull=True)
        if client is not None:
            delivered = delivered.filter(client=client)
        read += delivered.update(read_at=timezone.now())
    return read


def waiting(clinician: User, client: User) -> int:
    """Messages from this client still waiting for this clinician's check-in time."""
    return Message.objects.filter(clinician=clinician, client=client,
                                  released_at__isnull=True).count()


def read_early(clinician: User, client: User) -> int:
    """The clinician chose to read what is waiting for their check-in time: it is
    delivered and read now, and the client sees "read". Check-in times protect the
    clinician; they never hide anything from them. Returns how many."""
    now = timezone.now()
    return Message.objects.filter(clinician=clinician, client=client,
                                  released_at__isnull=True).update(released_at=now,
                                                                   read_at=now)


def read_by_client(client: User) -> int:
    return Reply.objects.filter(client=client, read_at__isnull=True).update(
        read_at=timezone.now())


def unread_replies(client: User) -> int:
    return Reply.objects.filter(client=client, read_at__isnull=True).count()


def in_window(clinician: User, client: User) -> bool:
    policy = policy_for(clinician, client)
    windows = policy.parsed_windows()
    return not windows or is_open(windows, ZoneInfo(policy.time_zone), timezone.now())


def others_named(clinician: User, client: User, text: str) -> list[str]:
    """The clinician's other clients whose name is in `text`: the one thing worth a second
    look before a reply goes, because sent to the wrong person it can't be taken back.
    A full name counts, and a first name of three letters or more that isn't also this
    client's."""
    own = {part.casefold() for part in client.display_name.split()}
    found = []
    for other in (CareLink.objects.active().filter(clinician=clinician)
                  .exclude(client=client).select_related("client")):
        name = other.client.display_name.strip()
        if not name:
            continue
        first = name.split()[0]
        names = [name] + ([first] if len(first) >= 3 and first.casefold() not in own else [])
        if any(re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE) for n in names):
            found.append(name)
    return sorted(set(found))


def client_for(clinician: User, client_id: int) -> tuple[User, User | None]:
    """The client whose conversation this clinician may open, and whom they cover for
    (None for the client's own clinician). Anyone else gets a 404."""
    from between.accounts.access import get_client_for_clinician
    from between.care.cover import covered_for

    try:
        return get_client_for_clinician(clinician, client_id), None
    except Http404:
        client = User.objects.filter(pk=client_id).first()
        away = covered_for(clinician, client) if client else []
        if not away:
            raise
        return client, away[0]


@transaction.atomic
def send_reply(clinician: User, client: User, text: str, *, save: bool = False,
               covering_for: User | None = None) -> Reply:
    """Send a reply: what the client sent before it counts as read, the client gets a
    push with no words in it, and the audit log says a reply went (never what it said)."""
    reply = Reply(client=client, clinician=clinician, body=text.strip(),
                  covering_for=covering_for,
                  outside_window=not in_window(clinician, client))
    reply.save()
    read_by_clinician(clinician, client)
    if save:
        SavedReply.objects.create(clinician=clinician, body=text.strip())
    record(Action.REPLIED, actor=clinician, subject=client, detail={"reply": str(reply.pk)})
    transaction.on_commit(lambda: push_to(client, kind="reply"))
    return reply


def open_thread(clinician: User, client: User) -> list[Line]:
    """The clinician opens the conversation: an audited read, and what was delivered to
    them is read from now. A colleague covering sees what was sent to them."""
    read_by_clinician(clinician, client)
    record_read(clinician, client, "messages")
    return thread(client, clinician, delivered_only=True)
