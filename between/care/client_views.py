"""The client's side of the care team: messages, check-ins, sessions, invitations."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.accounts.forms import ScopesForm
from between.accounts.models import CareLink, Role, User
from between.care import agenda, conversation, cover, messaging, sessions
from between.care.forms import (
    AcceptForm,
    AgendaForm,
    CheckInForm,
    FeedbackForm,
    MessageForm,
    RepairNoteForm,
)
from between.care.models import AgendaItem, CheckIn, Message, TherapySession
from between.lib.decorators import client_required
from between.lib.middleware import mfa_exempt
from between.parts.models import Part
from between.risk.services import needs_prompt
from between.safety.prompt import offer_plan
from between.safety.services import current_version
from between.safety.views import crisis_context


@dataclass
class _Thread:
    clinician: User
    policy: object
    lines: list
    away: object       # their time away now, or None
    to_cover: bool | None  # the client's choice for it, or None if not made


def _clinicians(client) -> list[User]:
    return [link.clinician for link in CareLink.objects.active().filter(
        client=client, clinician__is_active=True).select_related("clinician")]


def _sent_page(request, sent):
    ctx = {"sent": sent, "when": sent.when_read(), "policy": sent.policy,
           "prompt": sent.safety_prompt, "told": True,
           "plan": current_version(request.user), **crisis_context(request)}
    return render(request, "care/sent.html", ctx)


@client_required
def message_list(request):
    clinicians = _clinicians(request.user)
    form = MessageForm(request.POST if request.method == "POST" else None,
                       clinicians=clinicians, parts=Part.objects.filter(client=request.user))
    if request.method == "POST" and form.is_valid():
        clinician = messaging.linked_clinician(request.user, form.cleaned_data["clinician"])
        if clinician is None:
            raise Http404
        return _sent_page(request, messaging.send_message(
            request.user, clinician, form.cleaned_data["body"],
            written_by=form.cleaned_data.get("written_by") or ()))
    threads = [_Thread(c, messaging.policy_for(c, request.user),
                       conversation.thread(request.user, c), cover.away_now(c),
                       cover.chose_cover(request.user, c)) for c in clinicians]
    conversation.read_by_client(request.user)
    ctx = {"form": form, "threads": threads, **crisis_context(request)}
    return render(request, "care/messages.html", ctx, status=400 if form.errors else 200)


@client_required
@require_POST
def cover_choice(request):
    """While a clinician is away: send to whoever covers, or wait for them."""
    clinician = messaging.linked_clinician(request.user, _int(request.POST.get("clinician")))
    choice = request.POST.get("to_cover")
    if clinician is None:
        raise Http404
    if choice not in ("yes", "no"):
        return HttpResponseBadRequest("to_cover: choose yes or no.")
    cover.choose(request.user, clinician, to_cover=choice == "yes")
    away = cover.away_now(clinician)
    if choice == "yes" and away and away.cover:
        messages.success(request, f"Until {clinician} is back, your messages go to "
                                  f"{away.cover}.")
    else:
        messages.success(request, f"Your messages will wait for {clinician}.")
    return redirect("messages")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@client_required
def checkin(request):
    clinicians = _clinicians(request.user)
    if not clinicians:
        raise Http404
    form = CheckInForm(request.POST if request.method == "POST" else None,
                       clinicians=clinicians)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        clinician = messaging.linked_clinician(request.user, data.pop("clinician"))
        if clinician is None:
            raise Http404
        return _sent_page(request, messaging.send_checkin(request.user, clinician, **data))
    return render(request, "care/checkin.html", {"form": form},
                  status=400 if form.errors else 200)


def _get_session_for_client(request, pk) -> TherapySession:
    return get_object_or_404(TherapySession.objects.select_related("clinician"), pk=pk,
                             client=request.user)


@client_required
def session_list(request):
    rows = (TherapySession.objects.filter(client=request.user)
            .select_related("clinician", "feedback").prefetch_related("changes"))
    return render(request, "care/my_sessions.html", {"sessions": rows,
                                                     **_agenda_context(request.user)})


def _agenda_context(client, form=None) -> dict:
    clinicians = _clinicians(client)
    lists = [(c, agenda.next_session(client, c), agenda.open_items(client, c))
             for c in clinicians]
    return {"agenda": lists, "clinicians": clinicians,
            "agenda_form": form or AgendaForm(clinicians=clinicians)}


@client_required
@require_POST
def agenda_add(request):
    """Bring something to the next session: from My sessions, or a DEAR MAN script."""
    clinicians = _clinicians(request.user)
    form = AgendaForm(request.POST, clinicians=clinicians)
    if not form.is_valid():
        rows = TherapySession.objects.filter(client=request.user).prefetch_related("changes")
        return render(request, "care/my_sessions.html",
                      {"sessions": rows, **_agenda_context(request.user, form)}, status=400)
    clinician = messaging.linked_clinician(request.user, form.cleaned_data["clinician"])
    if clinician is None:
        raise Http404
    item = agenda.bring(request.user, clinician, form.cleaned_data["body"],
                        added_by=request.user)
    if needs_prompt(item):
        offer_plan(request, told=True)
    messages.success(request, f"It's on the list for your next session with {clinician}. "
                              "They can see it too.")
    return redirect("my_sessions")


@client_required
@require_POST
def agenda_remove(request, pk):
    item = get_object_or_404(AgendaItem, pk=pk, client=request.user, added_by=request.user,
                             discussed_at__isnull=True)
    item.delete()
    messages.success(request, "Taken off the list.")
    return redirect("my_sessions")


@client_required
def session_detail(request, pk):
    session = _get_session_for_client(request, pk)
    has_feedback = hasattr(session, "feedback")
    form = FeedbackForm(request.POST if request.method == "POST" and not has_feedback
                        else None)
    if form.is_bound and form.is_valid():
        feedback = sessions.record_feedback(session, **form.cleaned_data)
        if needs_prompt(feedback):
            offer_plan(request, told=True)
        messages.success(request, f"Thank you. {session.clinician} will see this before "
                                  "your next session.")
        return redirect("my_session", pk=session.pk)
    ctx = {"session": session, "form": form, "has_feedback": has_feedback,
           "notes": session.repair_notes.select_related("author"),
           "note_form": RepairNoteForm()}
    return render(request, "care/my_session.html", ctx, status=400 if form.errors else 200)


@client_required
@require_POST
def session_note(request, pk):
    session = _get_session_for_client(request, pk)
    if not session.took_place:
        return HttpResponseBadRequest(sessions.NOT_HELD)
    form = RepairNoteForm(request.POST)
    if form.is_valid():
        note = sessions.add_repair_note(session, request.user, form.cleaned_data["body"])
        if needs_prompt(note):
            offer_plan(request, told=True)
        messages.success(request, "Added. You can both read it.")
    return redirect("my_session", pk=session.pk)


@mfa_exempt
def accept_invitation(request, token):
    invitation = sessions.find_invitation(token)
    if invitation is None:
        return render(request, "care/invite_gone.html", status=404)
    user = request.user if request.user.is_authenticated else None
    if user is not None and (not user.is_client or user.email != invitation.email):
        return render(request, "care/invite_gone.html", status=404)
    account_form = None if user else AcceptForm(request.POST or None)
    scopes_form = ScopesForm(request.POST or None, initial={"scopes": ["diary", "safety_plan"]})
    if request.method == "POST" and scopes_form.is_valid() and (
            user or account_form.is_valid()):
        if user is None:
            if User.objects.filter(email=invitation.email).exists():
                return render(request, "care/invite_gone.html", status=404)
            user = User(email=invitation.email, role=Role.CLIENT,
                        display_name=account_form.cleaned_data["display_name"])
            try:
                validate_password(account_form.cleaned_data["password"], user)
            except ValidationError as exc:
                account_form.add_error("password", exc)
                return render(request, "care/invite.html", {
                    "invitation": invitation, "account_form": account_form,
                    "scopes_form": scopes_form}, status=400)
            user.set_password(account_form.cleaned_data["password"])
            user.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        sessions.accept(invitation, user, set(scopes_form.cleaned_data["scopes"]))
        messages.success(request, f"You're linked with {invitation.clinician}. You can change "
                                  "what you share at any time.")
        return redirect("sharing")
    ctx = {"invitation": invitation, "account_form": account_form, "scopes_form": scopes_form}
    return render(request, "care/invite.html", ctx)


@client_required
def end_link(request, pk):
    """What ending a link means, then one button to do it."""
    link = get_object_or_404(CareLink.objects.active().select_related("clinician"), pk=pk,
                             client=request.user)
    waiting = sum(model.objects.filter(client=request.user, clinician=link.clinician,
                                       released_at__isnull=True).count()
                  for model in (Message, CheckIn))
    if request.method == "POST":
        withdrawn = messaging.end_link(link, actor=request.user)
        messages.success(request, f"You've ended your link with {link.clinician}. They see "
                         "nothing more of yours" + (f", and {withdrawn} message"
                                                    f"{'s' if withdrawn != 1 else ''} that "
                                                    "hadn't reached them yet won't."
                                                    if withdrawn else "."))
        return redirect("sharing")
    return render(request, "care/end_link.html", {"link": link, "waiting": waiting})
