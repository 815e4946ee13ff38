from django.shortcuts import render

from between.accounts.models import SCOPES, CareLink
from between.audit.services import record_read
from between.care.access import get_client_for_clinician
from between.journal.models import Entry
from between.lib.decorators import clinician_required


@clinician_required
def caseload(request):
    links = (CareLink.objects.active().filter(clinician=request.user)
             .select_related("client").order_by("client__display_name"))
    return render(request, "care/caseload.html", {"links": links, "scopes": SCOPES})


@clinician_required
def client_detail(request, client_id):
    client = get_client_for_clinician(request.user, client_id)
    link = CareLink.objects.get(clinician=request.user, client=client)
    record_read(request.user, client, "overview")
    return render(request, "care/client.html", {"client": client, "link": link,
                                                "scopes": SCOPES})


@clinician_required
def client_journal(request, client_id):
    client = get_client_for_clinician(request.user, client_id, scope="journal")
    entries = Entry.objects.shared().filter(client=client)
    record_read(request.user, client, "journal")
    return render(request, "care/journal.html", {"client": client, "entries": entries})
