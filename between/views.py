from datetime import timedelta

from django.db import connection
from django.db.models import Count, Q
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from between.accounts.models import Role, User
from between.audit.services import verify_chain
from between.clinic.views import clinics_for
from between.lib.decorators import admin_required, client_required
from between.lib.middleware import mfa_exempt


@mfa_exempt
def home(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "welcome.html")
    if user.is_clinician:
        return redirect("caseload")
    if user.is_admin:
        return redirect("manage")
    if user.is_peer_worker:
        return redirect("care_circles")
    return render(request, "home.html", today_for(user))


def today_for(client: User) -> dict:
    """What matters now, for Today: the day's card, and anything waiting on the client.
    Nothing here counts streaks or misses."""
    from between.accounts.models import CareLink
    from between.care.models import CheckIn, TherapySession
    from between.clinic.models import Handover
    from between.diary.models import Card, ItemProposal
    from between.measures.services import due as measures_due
    from between.parts.forms import QuickForm
    from between.parts.models import Part
    from between.parts.services import current as fronting_now
    from between.safety.models import Suggestion
    from between.safety.services import client_today
    from between.skills import library
    from between.skills.models import ProgrammeWeek

    day = client_today(client)
    week_ago = timezone.now() - timedelta(days=7)
    done = set(ProgrammeWeek.objects.filter(client=client).values_list("number", flat=True))
    # Only for someone who has started the programme: never a nudge to begin.
    practice = (next((w for w in library.curriculum() if w["number"] not in done), None)
                if done else None)
    linked = CareLink.objects.active().filter(client=client).exists()
    parts = Part.objects.filter(client=client)
    has_parts = parts.exists()
    return {
        # Only for someone who keeps a list of parts: never a suggestion to start one.
        "quick": QuickForm(parts=parts) if has_parts else None,
        "now": fronting_now(client) if has_parts else None,
        "handover": Handover.objects.filter(client=client, decided_at__isnull=True).first(),
        "day": day,
        "measures_due": measures_due(client),
        "card": Card.objects.filter(client=client, day=day).first(),
        "suggestions": Suggestion.objects.filter(
            client=client, status=Suggestion.Status.PENDING).count(),
        "proposals": ItemProposal.objects.filter(
            client=client, status=ItemProposal.Status.PENDING).count(),
        "checkin_due": linked and not CheckIn.objects.filter(
            client=client, sent_at__gte=week_ago).exists(),
        "practice": practice and {**practice,
                                  "skill_names": [library.skills()[k].name
                                                  for k in practice["skills"]]},
        "feedback_due": TherapySession.objects.filter(
            client=client, kind=TherapySession.Kind.ATTENDED, starts_at__gte=week_ago,
            starts_at__lte=timezone.now(), feedback__isnull=True).first(),
    }


@mfa_exempt
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is unusable
        db = "error"
    status = 200 if db == "ok" else 503
    return JsonResponse({"status": "ok" if db == "ok" else "degraded", "database": db},
                        status=status)


@admin_required
def manage(request):
    counts = {role.label: User.objects.filter(role=role).count() for role in Role}
    checked, broken, reason = verify_chain()
    month_ago = timezone.now() - timedelta(days=30)
    clinics = clinics_for(request.user).select_related(
        "duty_clinician", "escalate_to").annotate(
        waited=Count("urgent_alerts", filter=Q(urgent_alerts__created_at__gte=month_ago)
                     & Q(urgent_alerts__route__in=["", "next_window"])),
        unopened=Count("urgent_alerts", filter=Q(urgent_alerts__opened_at__isnull=True)
                       & Q(urgent_alerts__route__in=["duty", "inbox"])))
    ctx = {"counts": counts, "clinics": clinics, "audit_rows": checked,
           "audit_broken": broken, "audit_reason": reason}
    return render(request, "manage.html", ctx)


@mfa_exempt
def manifest(request):
    """What a phone needs to keep Between on its home screen, like an app."""
    icons = [{"src": static(f"between/icons/{name}"), "sizes": size, "type": kind,
              **({"purpose": "maskable"} if "maskable" in name else {})}
             for name, size, kind in [("icon.svg", "any", "image/svg+xml"),
                                      ("icon-192.png", "192x192", "image/png"),
                                      ("icon-512.png", "512x512", "image/png"),
                                      ("icon-maskable-512.png", "512x512", "image/png")]]
    response = JsonResponse({
        "name": "Between", "short_name": "Between",
        "description": "For the time between therapy sessions.",
        "start_url": "/", "scope": "/", "display": "standalone",
        "background_color": "#fbfaf7", "theme_color": "#2e5e7e",
        "icons": icons,
    })
    response["Content-Type"] = "application/manifest+json"
    return response


@mfa_exempt
def favicon(request):
    return HttpResponsePermanentRedirect(static("between/icons/icon-192.png"))


@client_required
def more(request):
    """Everything that isn't on the tab bar, one tap away, and working without a script."""
    return render(request, "more.html")
