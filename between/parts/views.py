import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.accounts.access import get_client_for_clinician, has_viewers
from between.accounts.models import CareLink
from between.audit.services import record_read
from between.lib.decorators import client_required, clinician_required
from between.lib.errors import FieldError
from between.lib.fields import opened
from between.parts import importing, pluralkit, pluralport, services, simplyplural
from between.parts.forms import FrontForm, ImportForm, PartForm, QuickForm
from between.parts.models import Front, Part
from between.risk.services import needs_prompt
from between.safety.prompt import offer_plan
from between.safety.services import client_today

FORMATS = {"pluralkit": pluralkit, "simplyplural": simplyplural, "pluralport": pluralport}


def _get_part_for_client(request, pk) -> Part:
    return get_object_or_404(Part, pk=pk, client=request.user)


def _get_front_for_client(request, pk) -> Front:
    return get_object_or_404(Front, pk=pk, client=request.user)


def _parts(request):
    return Part.objects.filter(client=request.user)


def _after_log(request, logged: services.Logged):
    if needs_prompt(logged.front):
        offer_plan(request, told=logged.front.note_shared and has_viewers(request.user, "parts"))
    messages.success(request, "Logged.")
    response = redirect("parts")
    if logged.switched:
        response["Location"] += "?landed=1"
    return response


@client_required
def index(request):
    parts = _parts(request)
    return render(request, "parts/index.html", {
        "parts": parts, "now": services.current(request.user),
        "quick": QuickForm(parts=parts), "week": services.week(request.user),
        "landed": request.GET.get("landed") == "1", "today": client_today(request.user),
        "shared": has_viewers(request.user, "parts")})


@client_required
@require_POST
def front_now(request):
    """Who's here, from Today or the Parts page: one or two taps."""
    parts = _parts(request)
    form = QuickForm(request.POST, parts=parts)
    if not form.is_valid():
        return render(request, "parts/index.html", {
            "parts": parts, "now": services.current(request.user), "quick": form,
            "week": services.week(request.user), "today": client_today(request.user)},
            status=400)
    return _after_log(request, services.log_front(
        request.user, fronting=form.cleaned_data["fronting"],
        status=form.cleaned_data["status"]))


def _front_form(request, front: Front | None):
    parts = _parts(request)
    initial = {}
    if front:
        initial = {"kind": front.kind, "fronting": list(front.fronting.all()),
                   "co_conscious": list(front.co_conscious.all()),
                   "status": front.text("status") or "",
                   "started_at": services.local(front.started_at, request.user),
                   "ended_at": services.local(front.ended_at, request.user),
                   "approximate": front.approximate, "note": front.text("note") or "",
                   "note_shared": front.note_shared}
    form = FrontForm(request.POST if request.method == "POST" else None, parts=parts,
                     time_zone=request.user.time_zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _after_log(request, services.log_front(request.user, front=front,
                                                      **form.cleaned_data))
    return render(request, "parts/front.html", {
        "form": form, "front": front, "shared": has_viewers(request.user, "parts"),
        "unreadable": front.unreadable if front else []},
        status=400 if form.errors else 200)


@client_required
def front_new(request):
    """Written afterwards: "I lost time from about 2 to 6pm", or who was here earlier."""
    return _front_form(request, None)


@client_required
def front_edit(request, pk):
    return _front_form(request, _get_front_for_client(request, pk))


def _part_form(request, part: Part | None):
    initial = {}
    if part:
        initial = {f: part.text(f) or "" for f in part.text_fields}
        initial |= {"name": opened(part, "name") or "", "colour": part.colour}
        initial["private"] = part.private
    form = PartForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        part = services.save_part(request.user, part=part, **form.cleaned_data)
        if needs_prompt(part):
            offer_plan(request, told=has_viewers(request.user, "parts")
                       and not {"description", "helps"} & set(part.private))
        messages.success(request, "Saved.")
        return redirect("parts")
    return render(request, "parts/part.html", {
        "form": form, "part": part, "unreadable": part.unreadable if part else []},
                  status=400 if form.errors else 200)


@client_required
def part_new(request):
    return _part_form(request, None)


@client_required
def part_edit(request, pk):
    return _part_form(request, _get_part_for_client(request, pk))


@client_required
def import_upload(request):
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            source = FORMATS[importing.which(raw)]
            data = source.read(raw)
        except FieldError as error:
            form.add_error("file", f"File: {error.message}")
        else:
            report = source.import_export(request.user, data)
            if report.risky:
                offer_plan(request, told=report.risky_shared
                           and has_viewers(request.user, "parts"))
    return render(request, "parts/import.html", {"form": form, "report": report},
                  status=400 if form.errors else 200)


@client_required
def export_download(request, fmt):
    source = {"pluralkit": pluralkit, "pluralport": pluralport}[fmt]
    body = json.dumps(source.export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="between-parts-{fmt}.json"'
    response["Cache-Control"] = "no-store"
    return response


@clinician_required
def care_parts(request, client_id):
    """Within the `parts` scope: the week's front log, switches, time lost, and the notes
    the client chose to share. Opening it is an audited read."""
    client = get_client_for_clinician(request.user, client_id, scope="parts")
    record_read(request.user, client, "parts")
    week = services.week(client)
    # Who wrote which shared entries, only for a clinician who may read those entries.
    reads_journal = CareLink.objects.with_scope("journal").filter(
        clinician=request.user, client=client).exists()
    return render(request, "parts/care.html", {
        "client": client, "week": week, "parts": Part.objects.filter(client=client),
        "writers": services.writers(client, week.start, week.end) if reads_journal else None})
