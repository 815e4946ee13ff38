from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.accounts.models import SCOPES, CareLink
from between.audit.services import record_read
from between.care.access import get_client_for_clinician
from between.care.models import Flag
from between.care.services import acknowledge_flag
from between.diary.models import CardItem, Kind
from between.journal.models import Entry
from between.lib.decorators import clinician_required


class ItemProposalForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Kind.choices)
    label = forms.CharField(label="Name", max_length=60)
    direction = forms.ChoiceField(label="For a behaviour", required=False,
                                  choices=[("", "Not a behaviour")] + CardItem.Direction.choices)


@clinician_required
def caseload(request):
    links = (CareLink.objects.active().filter(clinician=request.user)
             .select_related("client").order_by("client__display_name"))
    return render(request, "care/caseload.html", {"links": links, "scopes": SCOPES})


@clinician_required
def client_detail(request, client_id):
    client = get_client_for_clinician(request.user, client_id)
    link = CareLink.objects.get(clinician=request.user, client=client)
    flags = Flag.objects.open().visible_to(request.user, link)
    record_read(request.user, client, "overview")
    return render(request, "care/client.html", {"client": client, "link": link,
                                                "scopes": SCOPES, "flags": flags})


@clinician_required
def client_journal(request, client_id):
    client = get_client_for_clinician(request.user, client_id, scope="journal")
    entries = Entry.objects.shared().filter(client=client)
    record_read(request.user, client, "journal")
    return render(request, "care/journal.html", {"client": client, "entries": entries})


@clinician_required
def client_diary(request, client_id):
    from between.diary.views import week_context, week_start

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    ctx = {"client": client, "proposal_form": ItemProposalForm(),
           **week_context(client, week_start(request, client))}
    record_read(request.user, client, "diary")
    return render(request, "care/diary.html", ctx)


@clinician_required
def client_diary_trends(request, client_id):
    from between.diary.views import TREND_WEEKS, trends_context

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    weeks = {str(w): w for w in TREND_WEEKS}.get(request.GET.get("weeks", ""), 4)
    record_read(request.user, client, "diary")
    return render(request, "care/diary_trends.html",
                  {"client": client, **trends_context(client, weeks)})


@clinician_required
@require_POST
def client_diary_propose(request, client_id):
    from between.diary import services as diary

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    form = ItemProposalForm(request.POST)
    if form.is_valid():
        diary.propose_item(request.user, client, **form.cleaned_data)
        messages.success(request, f"Suggested. {client} decides whether to add it.")
    else:
        messages.error(request, "The item needs a kind and a name. Nothing was sent.")
    return redirect("care_diary", client_id=client.pk)


@clinician_required
@require_POST
def flag_acknowledge(request, pk):
    flag = get_object_or_404(Flag, pk=pk, clinician=request.user)
    client = get_client_for_clinician(request.user, flag.client_id, scope=flag.scope)
    acknowledge_flag(flag, actor=request.user)
    messages.success(request, "Marked as seen.")
    return redirect("care_client", client_id=client.pk)
