from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.audit.services import record_read
from between.lib.decorators import client_required, clinician_required
from between.lib.errors import FieldError
from between.risk.screen import Level
from between.risk.services import needs_prompt
from between.safety.prompt import offer_plan
from between.safety.services import client_today
from between.summary import services
from between.summary.charts import pdf_charts, svg_charts
from between.summary.forms import ShareForm, StartForm, SummaryForm
from between.summary.models import Summary
from between.summary.pdf import summary_pdf


def _get_summary_for_client(request, pk) -> Summary:
    return get_object_or_404(Summary, pk=pk, client=request.user)


@client_required
def index(request):
    form = StartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        end = client_today(request.user)
        start = end - timedelta(days=int(form.cleaned_data["period"]) - 1)
        summary = services.start_summary(request.user, purpose=form.cleaned_data["purpose"],
                                         start=start, end=end)
        if needs_prompt(summary):
            offer_plan(request, told=False)
        return redirect("summary", pk=summary.pk)
    return render(request, "summary/index.html", {
        "form": form, "summaries": Summary.objects.filter(client=request.user)},
        status=400 if form.errors else 200)


@client_required
def edit(request, pk):
    """The summary, drafted, for the person to change. Saving never refuses words; risky
    ones show the plan, and nobody is told: this is theirs alone."""
    summary = _get_summary_for_client(request, pk)
    parts = services.parts(summary)
    form = SummaryForm(request.POST if request.method == "POST" else None,
                       initial=SummaryForm.initial_from(summary, parts))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            screening = services.save_summary(
                summary, purpose=data["purpose"], start=data["starts_on"],
                end=data["ends_on"], texts=form.texts(), include=form.included(),
                with_charts=data["with_charts"], redraft="redraft" in request.POST)
        except FieldError as err:
            form.add_error(err.field, err.message)
        else:
            if screening.level >= Level.IDEATION:
                offer_plan(request, told=False)
            readers = ", ".join(str(c) for c in summary.shared_with.all())
            messages.success(request, f"Saved. {readers} can read it, as you've shared it."
                             if readers else "Saved. Only you can see this.")
            return redirect("summary", pk=summary.pk)
    return _page(request, summary, form, parts)


def _page(request, summary: Summary, form: SummaryForm, parts: list,
          share: ShareForm | None = None):
    """The summary's page; a 400 when either of its forms came back with errors."""
    drafted = {p["key"]: p["drafted"] for p in parts}
    rows = [{**row, "drafted": drafted[row["section"].key]} for row in form.rows()]
    share = share or ShareForm(initial={"shared_with": summary.shared_with.all()},
                               clinicians=services.shareable_with(request.user))
    return render(request, "summary/edit.html", {"summary": summary, "form": form,
                                                 "rows": rows, "share": share},
                  status=400 if form.errors or share.errors else 200)


@client_required
@require_POST
def share(request, pk):
    """Choose which of their clinicians may read it; none stops sharing."""
    summary = _get_summary_for_client(request, pk)
    form = ShareForm(request.POST, clinicians=services.shareable_with(request.user))
    if not form.is_valid():  # nothing changes; the page names the field
        parts = services.parts(summary)
        return _page(request, summary, SummaryForm(initial=SummaryForm.initial_from(
            summary, parts)), parts, share=form)
    chosen = services.share(summary, form.cleaned_data["shared_with"])
    names = ", ".join(c.display_name or c.email for c in chosen)
    messages.success(request, f"Shared with {names}. They see what you last saved."
                     if chosen else "Not shared with anyone. Only you can see it.")
    return redirect("summary", pk=summary.pk)


@client_required
def printable(request, pk):
    summary = _get_summary_for_client(request, pk)
    return render(request, "summary/print.html", {
        "summary": summary, "parts": services.parts(summary),
        "charts": svg_charts(summary) if summary.with_charts else []})


def _pdf(summary: Summary) -> HttpResponse:
    charts = pdf_charts(summary) if summary.with_charts else []
    response = HttpResponse(summary_pdf(summary, services.parts(summary), charts),
                            content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="before-my-appointment-'
                                       f'{summary.ends_on}.pdf"')
    return response


@client_required
def download(request, pk):
    return _pdf(_get_summary_for_client(request, pk))


@clinician_required
def care_list(request, client_id):
    """The summaries a client chose to show this clinician."""
    client, shared = services.shared_with_clinician(request.user, client_id)
    return render(request, "summary/care_list.html", {"client": client, "shared": shared})


def _shared_summary(request, pk) -> Summary:
    summary = get_object_or_404(Summary, pk=pk, shared_with=request.user)
    services.shared_with_clinician(request.user, summary.client_id)  # the link is live
    record_read(request.user, summary.client, "summary")
    return summary


@clinician_required
def care_read(request, pk):
    summary = _shared_summary(request, pk)
    return render(request, "summary/print.html", {
        "summary": summary, "parts": services.parts(summary), "reader": "clinician",
        "charts": svg_charts(summary) if summary.with_charts else []})


@clinician_required
def care_download(request, pk):
    return _pdf(_shared_summary(request, pk))
