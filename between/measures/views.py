from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.accounts.access import get_client_for_clinician, has_viewers
from between.accounts.models import CareLink
from between.audit.services import record_read
from between.lib.decorators import client_required, clinician_required
from between.lib.errors import FieldError
from between.measures import library, services
from between.measures.charts import trend_chart
from between.measures.forms import AssignForm, PageForm
from between.measures.models import Assignment, Response
from between.safety.prompt import offer_plan


def _get_response_for_client(request, pk) -> Response:
    response = get_object_or_404(Response, pk=pk, client=request.user)
    if library.get(response.measure) is None:  # a clinic's wording file was taken away
        raise Http404
    return response


def _charts(client, slugs=None) -> list[dict]:
    return [{"measure": m, "points": points, "chart": trend_chart(m, points)}
            for m, points in services.histories(client, slugs)]


@client_required
def index(request):
    due = services.due(request.user)
    return render(request, "measures/index.html", {
        "due": due, "charts": _charts(request.user),
        "others": [m for m in services.offered()
                   if m.slug not in {d.measure.slug for d in due}],
        "shared": has_viewers(request.user, "measures")})


@client_required
@require_POST
def start(request, slug):
    try:
        response = services.start(request.user, slug)
    except FieldError:
        raise Http404 from None
    measure = library.get(slug)
    return redirect("measure_page", pk=response.pk,
                    page=services.first_open_page(response, measure))


@client_required
def page(request, pk, page):
    """One screen of items. Saving shows the safety prompt at once if an answer calls for
    it; the last screen finishes and scores the questionnaire."""
    response = _get_response_for_client(request, pk)
    measure = library.get(response.measure)
    screens = services.pages(measure)
    if response.completed_at or not 0 <= page < len(screens):
        return redirect("measure_result", pk=response.pk)
    stopping = "stop" in request.POST
    form = PageForm(request.POST if request.method == "POST" else None, measure=measure,
                    page=page, stopping=stopping, initial_answers=response.answers)
    if request.method == "POST" and form.is_valid():
        saved = services.answer_page(response, page, form.answers())
        if any(i in form.items for i in saved.risk):
            offer_plan(request, told=has_viewers(request.user, "measures"), answered=True)
        if stopping:
            messages.success(request, "Saved. It's here for when you want to carry on.")
            return redirect("measures")
        if saved.finished:
            return redirect("measure_result", pk=response.pk)
        return redirect("measure_page", pk=response.pk, page=page + 1)
    risk_here = [i for i in form.items if i.risk_from is not None]
    return render(request, "measures/page.html", {
        "measure": measure, "response": response, "form": form, "page": page,
        "pages": len(screens), "risk_here": risk_here,
        "first_answer": measure.anchors[0].label if measure.anchors else "",
        "told": has_viewers(request.user, "measures")},
        status=400 if form.errors else 200)


@client_required
def result(request, pk):
    response = _get_response_for_client(request, pk)
    if response.completed_at is None:
        return redirect("measure_page", pk=response.pk,
                        page=services.first_open_page(response, library.get(response.measure)))
    measure = library.get(response.measure)
    points = services.history(request.user, measure)
    point = next((p for p in points if p.response.pk == response.pk), None)
    return render(request, "measures/result.html", {
        "measure": measure, "response": response, "point": point,
        "score": measure.score(response.answers), "first": points[0] if points else None,
        "chart": trend_chart(measure, points), "points": points,
        "moved": abs(point.since_first) if point and point.since_first is not None else None})


@clinician_required
def client_measures(request, client_id):
    """Within the `measures` scope: scores, bands and change for each questionnaire, and
    asking for one. Opening it is an audited read."""
    client = get_client_for_clinician(request.user, client_id, scope="measures")
    form = AssignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.assign(request.user, client, form.cleaned_data["measure"],
                        form.cleaned_data["schedule"])
        measure = library.get(form.cleaned_data["measure"])
        messages.success(request, f"Asked. {client} will see {measure.name} on their "
                                  "Today page when it's due.")
        return redirect("care_measures", client_id=client.pk)
    record_read(request.user, client, "measures")
    asked = list(Assignment.objects.active().filter(client=client)
                 .select_related("clinician"))
    for a in asked:
        a.measure_name = getattr(library.get(a.measure), "name", a.measure)
    return render(request, "measures/care.html", {
        "client": client, "form": form, "charts": _charts(client), "asked": asked},
        status=400 if form.errors else 200)


@clinician_required
@require_POST
def stop(request, pk):
    assignment = get_object_or_404(Assignment.objects.active(), pk=pk, clinician=request.user)
    if not CareLink.objects.active().filter(clinician=request.user,
                                            client=assignment.client).exists():
        raise Http404
    services.stop(assignment, actor=request.user)
    measure = library.get(assignment.measure)
    messages.success(request, f"Stopped asking for {measure.name if measure else 'it'}.")
    return redirect("care_measures", client_id=assignment.client_id)
