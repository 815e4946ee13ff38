"""Your data: take a copy, read everything, bring data in, delete pieces, close the account."""

import time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from between.accounts.models import User
from between.lib.decorators import admin_required, client_required
from between.rights import records, services
from between.rights.forms import EraseForm, ImportForm, PasswordForm
from between.rights.models import Export

# What a client can delete on its own, and where each lives. `ready` says whether this
# one may still be deleted (a message already delivered belongs to the conversation).
PIECES = {
    "journal-entry": {"model": "journal.Entry", "noun": "journal entry", "back": "journal"},
    "worksheet": {"model": "skills.Worksheet", "noun": "worksheet", "back": "practice_log"},
    "chain": {"model": "skills.ChainAnalysis", "noun": "chain analysis", "back": "chains"},
    "summary": {"model": "summary.Summary", "noun": "summary", "back": "summaries"},
    "part": {"model": "parts.Part", "noun": "part", "back": "parts"},
    "front": {"model": "parts.Front", "noun": "front log entry", "back": "parts"},
    # Also for a member who has left: they needn't rejoin to take their words down.
    "circle-post": {"model": "circles.Post", "noun": "circle post", "back": "circles"},
    "message": {"model": "care.Message", "noun": "message", "back": "messages",
                "only": {"released_at__isnull": True}},
}


def _page(request, **extra):
    ctx = {
        "export": Export.objects.filter(client=request.user).order_by("-requested_at").first(),
        "import_form": ImportForm(),
        "offered_hours": int(services.OFFERED_FOR.total_seconds() // 3600),
        **extra,
    }
    return render(request, "rights/data.html", ctx, status=400 if extra else 200)


@client_required
def data(request):
    return _page(request)


@client_required
@require_POST
def export_request(request):
    export = services.request_export(request.user)
    if export.is_waiting:
        messages.info(request, "We're putting your copy together. It's a big one, so we'll "
                               "email you when it's ready to download.")
    else:
        messages.success(request, "Your copy is ready to download.")
    return redirect("your_data")


@client_required
@require_POST
def export_download(request, pk):
    """A POST, not a GET: handing the copy over empties it, and a GET never writes."""
    get_object_or_404(Export, pk=pk, client=request.user)
    data = services.take_download(request.user, pk)
    if data is None:
        messages.info(request, "That copy has already been downloaded or has expired. You can "
                               "make a new one at any time.")
        return redirect("your_data")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="between-{timezone.localdate():%Y-%m-%d}.zip"')
    return response


@client_required
def everything(request):
    data = records.collect(request.user)
    return render(request, "rights/everything.html", {"data": data,
                                                      "sections": services.readable(data)})


@client_required
@require_POST
def import_upload(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, import_form=form)
    try:
        exported = services.read_export(form.cleaned_data["file"].read())
    except services.ImportError_ as exc:
        form.add_error("file", str(exc))
        return _page(request, import_form=form)
    counts = services.import_export(request.user, exported)
    messages.success(request, f"Brought in {counts['added']} records"
                     + (f"; {counts['kept']} were already here, and we kept those"
                        if counts["kept"] else "")
                     + (f". {counts['archived']} messages, sessions and the like are kept for "
                        "you to read under Everything you've written" if counts["archived"]
                        else "") + ".")
    return redirect("your_data")


@client_required
@require_http_methods(["GET", "POST"])
def delete_piece(request, kind, pk):
    from django.apps import apps

    piece = PIECES.get(kind)
    if piece is None:
        raise Http404
    model = apps.get_model(piece["model"])
    obj = get_object_or_404(model, pk=pk, client=request.user, **piece.get("only", {}))
    if request.method == "POST":
        services.delete_piece(request.user, obj, kind=piece["noun"])
        messages.success(request, f"That {piece['noun']} is deleted.")
        return redirect(piece["back"])
    return render(request, "rights/delete.html", {"piece": piece, "obj": obj})


@client_required
@require_http_methods(["GET", "POST"])
def close(request):
    form = PasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.user.erase_after is None and form.is_valid():
        services.close_account(request.user)
        request.session["started_at"] = time.time()  # this session carries on; others end
        return redirect("close_account")
    return render(request, "rights/close.html", {
        "form": form, "grace_days": services.GRACE.days,
        "retention": services.retention_notes(request.user)},
        status=400 if form.errors else 200)


@client_required
@require_POST
def close_cancel(request):
    if services.cancel_closure(request.user):
        messages.success(request, "Your account stays open. Nothing has been deleted.")
    return redirect("your_data")


@admin_required
@require_http_methods(["GET", "POST"])
def admin_erase(request):
    """An admin erases a client who asked in person: no grace period, recorded."""
    form = EraseForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        client = User.objects.filter(email__iexact=form.cleaned_data["email"].strip(),
                                     role="client").first()
        if client is None:
            form.add_error("email", "No client has that email address here. Nothing was "
                                    "erased.")
        else:
            services.erase(client, by="admin", actor=request.user,
                           reason=form.cleaned_data["reason"])
            messages.success(request, "That client's account and everything in it is erased.")
            return redirect("manage")
    return render(request, "rights/admin_erase.html", {"form": form},
                  status=400 if form.errors else 200)

