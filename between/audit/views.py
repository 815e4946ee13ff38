from django.shortcuts import render

from between.audit.models import Action
from between.audit.services import events_about
from between.lib.decorators import client_required

SHOWN = [Action.READ, Action.CONSENT_GRANTED, Action.CONSENT_REVOKED,
         Action.FLAG_ACKNOWLEDGED, Action.FLAG_REOPENED]
PER_PAGE = 100


@client_required
def seen(request):
    """Who has seen my data: every clinician read, every sharing change, and each flag a
    clinician closed or reopened (that they did, never their note), newest first."""
    events = events_about(request.user.pk, actions=SHOWN, limit=PER_PAGE)
    return render(request, "audit/seen.html", {"events": events})
