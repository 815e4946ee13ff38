"""Writes with side effects on accounts: consent, care links and API tokens.

Each function records its own audit event, so no caller can forget to.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from between.accounts.models import (
    SCOPES,
    AccessToken,
    CareLink,
    ContactDetails,
    PushDevice,
    User,
)
from between.audit.models import Action
from between.audit.services import record

TOKEN_PREFIX = "btw_"


@transaction.atomic
def link_client(client: User, clinician: User, scopes: set[str] = frozenset()) -> CareLink:
    link, _ = CareLink.objects.get_or_create(client=client, clinician=clinician)
    link.ended_at = None
    link.save(update_fields=["ended_at"])
    share_scopes(link, set(scopes), actor=client)
    return link


@transaction.atomic
def share_scopes(link: CareLink, scopes: set[str], *, actor: User) -> tuple[set[str], set[str]]:
    """Make exactly `scopes` shared on this link. Returns (granted, revoked)."""
    unknown = scopes - SCOPES.keys()
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(sorted(unknown))}")
    before = set(link.scopes())
    granted, revoked = scopes - before, before - scopes
    for scope in SCOPES:
        setattr(link, f"share_{scope}", scope in scopes)
    link.save()
    for scope in sorted(granted):
        record(Action.CONSENT_GRANTED, actor=actor, subject=link.client_id, target=scope,
               detail={"clinician_id": link.clinician_id})
    for scope in sorted(revoked):
        record(Action.CONSENT_REVOKED, actor=actor, subject=link.client_id, target=scope,
               detail={"clinician_id": link.clinician_id})
    return granted, revoked


def create_token(user: User, name: str) -> tuple[AccessToken, str]:
    """Make a token. The secret is returned once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(user=user, name=name, prefix=secret[:10],
                                       digest=AccessToken.digest_of(secret))
    record(Action.TOKEN_CREATED, actor=user, subject=user, detail={"token": str(token.pk)})
    return token, secret


def revoke_token(token: AccessToken, *, actor: User) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(Action.TOKEN_REVOKED, actor=actor, subject=token.user_id,
           detail={"token": str(token.pk)})


def user_for_token(secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (AccessToken.objects.select_related("user")
             .filter(digest=AccessToken.digest_of(secret), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def set_country(user: User, code: str) -> None:
    """Where the person is: the crisis lines they see follow it."""
    user.country = code
    user.save(update_fields=["country"])


# Like passwords: five codes in a row that don't work pause two-step sign-in.
MFA_FAILURE_LIMIT = 5
MFA_PAUSE_MINUTES = 15


def save_contact(client: User, *, phone: str, how: str = "") -> ContactDetails | None:
    """Keep the client's phone number for their care team, or forget it when empty."""
    if not phone:
        ContactDetails.objects.filter(client=client).delete()
        return None
    contact, _ = ContactDetails.objects.update_or_create(
        client=client, defaults={"phone": phone, "how": how, "updated_at": timezone.now()})
    return contact


def mfa_paused(device) -> bool:
    """Whether this device has failed too often, too recently, to try again yet."""
    last = device.throttling_failure_timestamp
    return (device.throttling_failure_count >= MFA_FAILURE_LIMIT and last is not None
            and timezone.now() - last < timedelta(minutes=MFA_PAUSE_MINUTES))


@transaction.atomic
def sign_out_everywhere(user: User, *, actor: User, keep_session: str | None = None) -> int:
    """End every session and API token of this person's. Sessions end at their next
    request (the middleware compares their start with this moment). Returns the number of
    tokens revoked."""
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["sessions_valid_after"])
    tokens = AccessToken.objects.filter(user=user, revoked_at__isnull=True)
    count = tokens.update(revoked_at=timezone.now())
    record(Action.SIGNED_OUT_EVERYWHERE, actor=actor, subject=user,
           detail={"tokens_revoked": count})
    return count


@transaction.atomic
def end_link(link: CareLink, *, actor: User, withdrawn: int = 0) -> None:
    """Stop working together in Between: every scope off, then the link closed, so the
    clinician sees nothing more of the client's and receives nothing more from them.
    Either side may do it; a new invitation starts a new link."""
    share_scopes(link, set(), actor=actor)
    link.ended_at = timezone.now()
    link.save(update_fields=["ended_at"])
    record(Action.LINK_ENDED, actor=actor, subject=link.client_id,
           detail={"clinician_id": link.clinician_id, "withdrawn": withdrawn})


def add_push_device(user: User, *, endpoint: str, p256dh: str, auth: str) -> PushDevice:
    """Remember a browser for Web Push reminders. Only known push services are accepted."""
    from between.lib import webpush
    from between.lib.errors import FieldError

    service = webpush.service_of(endpoint)
    if service is None:
        raise FieldError("endpoint", "This browser's push service isn't one Between sends to.")
    device, _ = PushDevice.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth,
                                     "service": service})
    return device


def push_to(user: User, *, kind: str = "reminder") -> int:
    """Send a content-free push (see webpush.PAYLOADS) to each of this person's devices;
    forget the ones whose push service says they are gone. Returns how many accepted."""
    from between.lib import webpush

    accepted = 0
    for device in PushDevice.objects.filter(user=user):
        status = webpush.send(device.endpoint, device.p256dh, device.auth, kind=kind)
        if status in (404, 410):
            device.delete()
        elif 200 <= status < 300:
            accepted += 1
    return accepted
