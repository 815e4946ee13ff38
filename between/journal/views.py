from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from between.accounts.access import has_viewers
from between.journal import services
from between.journal.forms import EntryForm
from between.journal.models import Entry
from between.lib.decorators import client_required
from between.parts.models import Part
from between.risk.services import needs_prompt
from between.safety.prompt import offer_plan


def _get_entry_for_client(request, pk) -> Entry:
    return get_object_or_404(Entry, pk=pk, client=request.user)


def _parts(request):
    return Part.objects.filter(client=request.user)


@client_required
def index(request):
    entries = Entry.objects.filter(client=request.user)
    return render(request, "journal/index.html", {"entries": entries})


def _saved(request, entry):
    if needs_prompt(entry):
        offer_plan(request, told=entry.shared and has_viewers(request.user, "journal"))
    messages.success(request, "Saved. It's yours.")
    return redirect("journal")


@client_required
def new(request):
    form = EntryForm(request.POST or None, parts=_parts(request))
    if request.method == "POST" and form.is_valid():
        return _saved(request, services.write_entry(request.user, **form.cleaned_data))
    status = 400 if form.errors else 200
    return render(request, "journal/edit.html", {"form": form}, status=status)


@client_required
def edit(request, pk):
    entry = _get_entry_for_client(request, pk)
    if entry.readable_body is None:
        return render(request, "journal/unreadable.html", {"entry": entry}, status=409)
    initial = {"body": entry.body, "shared": entry.shared,
               "written_by": list(entry.written_by.all())}
    form = EntryForm(request.POST or None, initial=initial, parts=_parts(request))
    if request.method == "POST" and form.is_valid():
        return _saved(request, services.write_entry(request.user, entry=entry,
                                                    **form.cleaned_data))
    status = 400 if form.errors else 200
    return render(request, "journal/edit.html", {"form": form, "entry": entry}, status=status)
