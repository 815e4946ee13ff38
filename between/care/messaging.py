"""Messages, check-ins and digests: support between sessions without anyone on call."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from between.accounts.models import CareLink, User
from between.care.models import CheckIn, ContactPolicy, Digest, Message, OutboundEmail
from between.care.windows import is_open, release_time
from between.lib import crypto
from between.risk.screen import Level, Screening
from between.risk.services import screen_writing
from between.safety.services import client_today

DEFAULT_WINDOWS = [{"weekday": 4, "start": "09:00", "end": "10:00"}]


def policy_for(clinician: User, client: User | None = None) -> ContactPolicy:
    """The client's override if there is one, else the clinician's own policy."""
    policies = {p.client_id: p for p in ContactPolicy.objects.filter(
        clinician=clinician, client__in=[client] if client else []) |
        ContactPolicy.objects.filter(clinician=clinician, client__isnull=True)}
    found = policies.get(getattr(client, "pk", None)) or policies.get(None)
    if found:
        return found
    clinic = clinician.clinic
    return ContactPolicy.objects.get_or_create(
        clinician=clinician, client=None,
        defaults={"time_zone": clinician.time_zone,
                  "windows": (clinic and clinic.default_windows) or DEFAULT_WINDOWS})[0]


@transaction.atomic
def retime_waiting(clinician: User, client: User | None = None) -> int:
    """Contact times changed: what is still waiting for this clinician (from one client,
    if named) now arrives at the next of the times in force, never before their return
    from time away. Anything already due stays due. Returns how many moved."""
    from between.care.cover import away_now, back_at

    now = timezone.now()
    away = away_now(clinician)
    not_before = max(now, back_at(away)) if away else now
    policies, moved = {}, 0
    for model in (Message, CheckIn):
        waiting = model.objects.filter(clinician=clinician, released_at__isnull=True,
                                       release_at__gt=now).select_related("client")
        if client is not None:
            waiting = waiting.filter(client=client)
        for item in waiting.select_for_update():
            if item.client_id not in policies:
                policies[item.client_id] = policy_for(clinician, item.client)
            found = policies[item.client_id]
            when = release_time(found.parsed_windows(), ZoneInfo(found.time_zone), not_before)
            if when != item.release_at:
                model.objects.filter(pk=item.pk).update(release_at=when)
                moved += 1
    return moved


def own_times(clinician: User) -> list[User]:
    """Clients this clinician gave contact times of their own, by name."""
    return sorted((p.client for p in ContactPolicy.objects.filter(
        clinician=clinician, client__isnull=False,
        client__in=CareLink.objects.active().filter(clinician=clinician).values("client"))
        .select_related("client")), key=lambda c: c.display_name.lower())


def linked_clinician(client: User, clinician_id: int) -> User | None:
    link = (CareLink.objects.active().filter(client=client, clinician_id=clinician_id,
                                             clinician__is_active=True)
            .select_related("clinician").first())
    return link.clinician if link else None


@dataclass
class Sent:
    item: Message | CheckIn
    policy: ContactPolicy
    screening: Screening

    @property
    def read_after(self) -> datetime:
        return self.item.release_at

    def when_read(self) -> str:
        """Plain words for the client: who reads it, when, and when that next is."""
        tz = ZoneInfo(self.policy.time_zone)
        local = self.read_after.astimezone(tz)
        who = str(self.item.clinician)
        if self.read_after <= self.item.sent_at:
            return f"{who} is in a check-in time now, so it's in their queue."
        return (f"{who} reads messages on {self.policy.describe()}. Yours will be there "
                f"for them from {local:%A %-d %B}, {local:%-I:%M%p}".replace("AM", "am")
                .replace("PM", "pm") + ".")

    @property
    def safety_prompt(self) -> bool:
        return self.screening.level >= Level.IDEATION


def _queue(item: Message | CheckIn, text: str, where: str,
           not_before: datetime | None = None) -> Sent:
    """Time it, screen it, store it; a risky one is marked and, if the clinic asks, paged.
    `not_before`: it waits at least until then (a clinician's return)."""
    policy = policy_for(item.clinician, item.client)
    now = timezone.now()
    tz = ZoneInfo(policy.time_zone)
    windows = policy.parsed_windows()
    item.sent_at = now
    item.release_at = release_time(windows, tz, max(now, not_before or now))
    item.outside_window = bool(windows) and not is_open(windows, tz, now)
    screening = screen_writing(item, text, client=item.client, scope="messages", where=where,
                               day=client_today(item.client), source="message",
                               clinician_ids=[item.clinician_id])
    item.save()
    if screening.level >= Level.IDEATION:
        clinic = item.clinician.clinic
        if clinic and clinic.page_on_risk:
            OutboundEmail.queue(
                to=item.clinician.email, subject="A message is waiting in Between",
                text="A message marked for attention is waiting for you in Between. "
                     "Sign in to read it.\n")
    return Sent(item, policy, screening)


@transaction.atomic
def send_message(client: User, clinician: User, text: str, written_by=()) -> Sent:
    """Send to `clinician`; while they're away, to the colleague covering if the client
    chose that, else it waits for their return (see care.cover). `written_by`: the
    client's parts who wrote it, if they said."""
    from between.care.cover import back_at, route

    to, covering_for, away = route(client, clinician)
    message = Message(client=client, clinician=to, covering_for=covering_for,
                      body=text.strip())
    sent = _queue(message, text, "Message",
                  not_before=back_at(away) if away and covering_for is None else None)
    if written_by:
        message.written_by.set(written_by)
    return sent


@transaction.atomic
def send_checkin(client: User, clinician: User, *, how_it_went: str, peak_urge: int | None,
                 what_helped: str, bring_to_session: str) -> Sent:
    item = CheckIn(client=client, clinician=clinician, how_it_went=how_it_went.strip(),
                   peak_urge=peak_urge, what_helped=what_helped.strip(),
                   bring_to_session=bring_to_session.strip())
    return _queue(item, item.text(), "Weekly check-in")


def _due(model, now: datetime):
    """Waiting rows whose time has come. A deactivated clinician's wait: they can't read
    them, and they are released if the clinician comes back."""
    return model.objects.filter(released_at__isnull=True, release_at__lte=now,
                                clinician__is_active=True)


def release_due(now: datetime | None = None) -> int:
    """Release every waiting message and check-in whose window has opened.

    1. Find clinicians with something due.
    2. For each, in its own transaction, claim their due rows with
       SELECT ... FOR UPDATE SKIP LOCKED, so a second worker skips rows the first holds
       (SQLite has one writer at a time, which gives the same result).
    3. Put the claimed rows in one new digest and queue a count-only email.
    Safe to run again at any time: released rows are never claimed twice.
    """
    now = now or timezone.now()
    clinicians = set(_due(Message, now).values_list("clinician_id", flat=True))
    clinicians |= set(_due(CheckIn, now).values_list("clinician_id", flat=True))
    released = 0
    for clinician_id in sorted(clinicians):
        with transaction.atomic():
            rows = {model: list(_due(model, now).filter(clinician_id=clinician_id)
                                .select_for_update(skip_locked=True).only("id", "clinician"))
                    for model in (Message, CheckIn)}
            if not any(rows.values()):
                continue
            digest = Digest.objects.create(clinician_id=clinician_id, released_at=now)
            for model, items in rows.items():
                model.objects.filter(pk__in=[i.pk for i in items]).update(
                    released_at=now, digest=digest)
            count = sum(len(items) for items in rows.values())
            clinician = User.objects.get(pk=clinician_id)
            OutboundEmail.queue(
                to=clinician.email, subject="Your Between check-in",
                text=f"{count} item{'s' if count != 1 else ''} from your clients "
                     f"{'are' if count != 1 else 'is'} waiting for you in Between.\n\n"
                     f"Sign in to read {'them' if count != 1 else 'it'}: "
                     f"{settings.SITE_URL}/care/digest/\n")
            released += count
    return released


# How long a sender's claim on an email lasts. A worker that dies after the mail server
# took the email but before marking it sent leaves a claim that runs out after this; only
# then can the email go again, with the same Message-ID.
def email_lease() -> timedelta:
    return timedelta(seconds=settings.EMAIL_LEASE_SECONDS)


SENT_RETENTION = timedelta(days=7)
MAX_ATTEMPTS = 5


def send_emails(limit: int = 100) -> int:
    """Send queued emails, each once, even when a worker is killed part-way.

    1. Claim one email in its own committed transaction: set a lease and count the try.
       Other workers skip it while the lease holds, even if this one dies.
    2. Talk to the mail server outside any transaction, with a stable Message-ID.
    3. Mark it sent and empty its body. A failure leaves the lease to run out, and a
       later pass tries again, up to MAX_ATTEMPTS.
    The guarantee: no email is lost while the mail server accepts it within five tries,
    and a duplicate happens only if a worker dies between the server accepting it and
    step 3, and then only after the lease, with the same Message-ID.
    """
    from django.core.mail import EmailMessage

    sent = 0
    for _ in range(limit):
        now = timezone.now()
        with transaction.atomic():
            email = (OutboundEmail.objects.select_for_update(skip_locked=True)
                     .filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
                     .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
                     .order_by("created_at").first())
            if email is None:
                break
            email.attempts += 1
            email.claimed_until = now + email_lease()
            email.save(update_fields=["attempts", "claimed_until"])
        try:
            EmailMessage(email.subject, email.text, to=[email.to],
                         headers={"Message-ID": email.message_id}).send()
        except (OSError, crypto.DecryptionError):
            continue  # the lease runs out and a later pass tries again
        OutboundEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), body="",
                                                         claimed_until=None)
        sent += 1
    OutboundEmail.objects.filter(sent_at__lt=timezone.now() - SENT_RETENTION).delete()
    return sent


def withdraw_waiting(client: User, clinician: User) -> int:
    """Messages and check-ins not yet released to this clinician are taken back: with
    the link ended they would reach someone the client no longer works with. Anything
    already delivered stays delivered. Returns how many were taken back."""
    count = 0
    for model in (Message, CheckIn):
        count += model.objects.filter(client=client, clinician=clinician,
                                      released_at__isnull=True).delete()[0]
    # Sent to a colleague covering for this clinician, and not yet delivered: that
    # colleague's access came from this link, which is ending.
    count += Message.objects.filter(client=client, covering_for=clinician,
                                    released_at__isnull=True).delete()[0]
    return count


@transaction.atomic
def end_link(link: CareLink, *, actor: User) -> int:
    """End a care link from either side: take back what hasn't been delivered, then
    close the link. Returns how many waiting items were taken back."""
    from between.accounts.services import end_link as close

    withdrawn = withdraw_waiting(link.client, link.clinician)
    close(link, actor=actor, withdrawn=withdrawn)
    return withdrawn
