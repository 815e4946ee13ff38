from django.shortcuts import render

from between.audit.models import Action, AuditEvent
from between.lib.decorators import client_required

SHOWN = [Action.READ, Action.CONSENT_GRANTED, Action.CONSENT_REVOKED]
PER_PAGE = 100


@client_required
def seen(request):
    """Who has seen my data: every clinician read and every sharing change, newest first."""
    events = (AuditEvent.objects.filter(subject_id=request.user.pk, action__in=SHOWN)
              .order_by("-seq")[:PER_PAGE])
    return render(request, "audit/seen.html", {"events": events})
