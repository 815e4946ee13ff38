"""Consent, asked by every feature: may this clinician see this client, or this scope?

The links and scopes live here in accounts, so features ask accounts, never care.
"""

from django.http import Http404

from between.accounts.models import CareLink, User


def get_client_for_clinician(clinician: User, client_id: int, scope: str | None = None) -> User:
    """The client, if this clinician has an active link (and the scope, if named).

    Anything else is a 404, so a clinician cannot probe for who uses Between. Read
    fresh on every request: revoking a scope takes effect on the very next one.
    """
    links = CareLink.objects.with_scope(scope) if scope else CareLink.objects.active()
    link = (links.filter(clinician=clinician, client_id=client_id)
            .select_related("client").first())
    if link is None:
        raise Http404
    return link.client


def has_viewers(client: User, scope: str) -> bool:
    """Whether any clinician can see this scope for this client right now."""
    return CareLink.objects.with_scope(scope).filter(client=client).exists()
