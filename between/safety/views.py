from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from between.accounts.access import get_client_for_clinician, has_viewers
from between.accounts.services import set_country
from between.audit.services import record_read
from between.lib.decorators import client_required, clinician_required
from between.lib.forms import DecisionForm
from between.lib.middleware import mfa_exempt
from between.risk.services import needs_prompt
from between.safety import directory, pdf, services
from between.safety.forms import CountryForm, EpisodeForm, PlanForm, SuggestionForm
from between.safety.models import PlanVersion, Suggestion
from between.safety.prompt import offer_plan

SERVICE_WORKER = settings.PACKAGE_DIR / "static" / "between" / "sw.js"


def crisis_context(request, choice: str | None = None) -> dict:
    """What every page that offers help needs: the visitor's lines and the others."""
    where = directory.where(request, choice)
    others = [c for c in directory.directory().countries.values()
              if c.code != where.country.code]
    return {"country": where.country, "where": where, "other_countries": others,
            "emergency_only": directory.directory().emergency_only.values(),
            "international": directory.directory().international}


@mfa_exempt
def crisis(request):
    """Public, no login, no JavaScript needed. A ?country= choice is remembered."""
    choice = request.GET.get("country", "")[:8]
    chosen = directory.lookup(choice)
    ctx = crisis_context(request, choice)
    if request.user.is_authenticated and request.user.is_client:
        ctx["plan"] = services.current_version(request.user)
    response = render(request, "safety/crisis.html", ctx)
    if chosen:
        response.set_cookie(directory.COOKIE, chosen.code, max_age=365 * 24 * 3600,
                            samesite="Lax", secure=settings.HTTPS)
    patch_vary_headers(response, ["Cookie"])
    return response


@mfa_exempt
def service_worker(request):
    response = HttpResponse(SERVICE_WORKER.read_bytes(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@client_required
def plan(request):
    version = services.current_version(request.user)
    pending = Suggestion.objects.filter(client=request.user, status=Suggestion.Status.PENDING)
    ctx = {"version": version, "pending": pending, **crisis_context(request)}
    return render(request, "safety/plan.html", ctx)


@client_required
def plan_edit(request):
    version = services.current_version(request.user)
    initial = PlanForm.initial_from(version.data()) if version else {}
    form = PlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_plan(request.user, form.plan_data(), actor=request.user)
        messages.success(request, "Your plan is saved.")
        return redirect("safety_plan")
    status = 400 if form.errors else 200
    return render(request, "safety/plan_edit.html", {"form": form}, status=status)


@client_required
def plan_versions(request):
    versions = PlanVersion.objects.filter(client=request.user).select_related("created_by")
    return render(request, "safety/versions.html", {"versions": versions})


@client_required
def plan_version(request, number):
    version = get_object_or_404(PlanVersion, client=request.user, number=number)
    return render(request, "safety/version.html", {"version": version})


@client_required
@require_POST
def suggestion_decide(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk, client=request.user,
                                   status=Suggestion.Status.PENDING)
    form = DecisionForm(request.POST)
    if form.is_valid():
        accept = form.accepted()
        services.decide(suggestion, accept=accept, actor=request.user)
        messages.success(request, "Added to your plan." if accept else "Left out. That's fine.")
    return redirect("safety_plan")


@client_required
def plan_pdf(request, size):
    version = services.current_version(request.user)
    if version is None:
        raise Http404
    country = directory.country_for(request)
    content = pdf.wallet_card(version, country) if size == "wallet" else pdf.full(version, country)
    response = HttpResponse(content, content_type="application/pdf")
    name = "safety-plan-wallet-card.pdf" if size == "wallet" else "safety-plan.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@client_required
def plan_offline(request):
    version = services.current_version(request.user)
    return render(request, "safety/offline.html", {"version": version})


@client_required
def plan_offline_copy(request):
    """A plain, self-contained copy of the plan that the browser keeps when asked to."""
    ctx = {"version": services.current_version(request.user), **crisis_context(request)}
    return render(request, "safety/offline_copy.html", ctx)


@client_required
def crisis_mode(request):
    # Every step may be skipped, so an empty submission is still a submission.
    form = EpisodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        episode = services.record_episode(request.user, **form.cleaned_data)
        if needs_prompt(episode):
            offer_plan(request, told=has_viewers(request.user, "diary"))
        return redirect("crisis_mode_done")
    ctx = {"form": form, "version": services.current_version(request.user),
           **crisis_context(request)}
    return render(request, "safety/crisis_mode.html", ctx, status=400 if form.errors else 200)


@client_required
def crisis_mode_done(request):
    return render(request, "safety/crisis_mode_done.html", crisis_context(request))


@clinician_required
def care_plan(request, client_id):
    client = get_client_for_clinician(request.user, client_id, scope="safety_plan")
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.suggest(request.user, client, **form.cleaned_data)
        messages.success(request, f"Sent. {client} decides whether to add it.")
        return redirect("care_safety_plan", client_id=client.pk)
    version = services.current_version(client)
    suggestions = Suggestion.objects.filter(client=client, clinician=request.user)
    record_read(request.user, client, "safety_plan")
    ctx = {"client": client, "version": version, "form": form, "suggestions": suggestions}
    return render(request, "care/safety_plan.html", ctx)


@client_required
@require_POST
def country_setting(request):
    """The client's own country: the crisis lines everywhere in Between follow it."""
    form = CountryForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a country from the list. Nothing changed.")
        return redirect("settings")
    set_country(request.user, form.cleaned_data["country"])
    messages.success(request, "Saved. The crisis lines you see now follow your country.")
    target = form.cleaned_data["next"]
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("settings")
