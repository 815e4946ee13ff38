import csv

from django.contrib import messages
from django.contrib.auth import login
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.accounts.models import CareLink, Clinic, Role, User
from between.audit.models import Action, AuditEvent, PendingRead
from between.audit.services import seal_reads, verify_chain
from between.clinic import services
from between.clinic.forms import (
    AuditFilterForm,
    ClinicSettingsForm,
    HandoverForm,
    InviteStaffForm,
    JoinForm,
    MfaResetForm,
    SignUpForm,
    TeamForm,
)
from between.clinic.models import Handover, MfaReset, StaffInvitation, Team
from between.lib.decorators import admin_required, client_required
from between.lib.errors import FieldError
from between.lib.ids import parse_id
from between.lib.middleware import mfa_exempt


def _attach(form, exc: FieldError) -> None:
    """A service's refusal, shown on the field it names (or above the form)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def clinics_for(admin):
    """An administrator with a clinic runs that clinic; one without runs them all."""
    clinics = Clinic.objects.order_by("name")
    return clinics.filter(pk=admin.clinic_id) if admin.clinic_id else clinics


def people_for(admin):
    """The staff an administrator manages: their clinic's, or everyone's."""
    staff = User.objects.filter(role__in=services.STAFF_ROLES)
    return staff.filter(clinic_id=admin.clinic_id) if admin.clinic_id else staff


def clients_for(admin):
    """Clients working with someone at the administrator's clinic (or anyone's)."""
    links = CareLink.objects.active()
    if admin.clinic_id:
        links = links.filter(clinician__clinic_id=admin.clinic_id)
    return User.objects.filter(role=Role.CLIENT, pk__in=links.values("client_id"))


@admin_required
def clinic_settings(request, pk):
    clinic = get_object_or_404(clinics_for(request.user), pk=pk)
    if request.method == "POST":
        try:
            changed = services.change_settings(clinic, request.POST, actor=request.user)
        except FieldError:
            form = ClinicSettingsForm(request.POST, instance=Clinic.objects.get(pk=clinic.pk))
            form.is_valid()
            return render(request, "clinic/settings.html", {"clinic": clinic, "form": form},
                          status=400)
        messages.success(request, "Saved." if changed else "Nothing had changed.")
        return redirect("clinic_settings", pk=clinic.pk)
    form = ClinicSettingsForm(instance=clinic)
    return render(request, "clinic/settings.html", {"clinic": clinic, "form": form})


def _people_page(request, invite_form, status=200):
    admin = request.user
    staff = people_for(admin).select_related("clinic").order_by("-is_active", "display_name")
    waiting = [i for i in StaffInvitation.objects.filter(
        clinic__in=clinics_for(admin), accepted_at__isnull=True, cancelled_at__isnull=True)
        .order_by("-created_at") if i.waiting]
    resets = [r for r in MfaReset.objects.filter(done_at__isnull=True, person__in=staff)
              .select_related("person", "requested_by")
              if services.approvers(r).filter(pk=admin.pk).exists()]
    clients = clients_for(admin).order_by("display_name").prefetch_related(
        "clinician_links__clinician")
    return render(request, "clinic/people.html", {
        "staff": staff, "waiting": waiting, "resets": resets, "clients": clients,
        "invite_form": invite_form}, status=status)


@admin_required
def people(request):
    return _people_page(request, InviteStaffForm(clinics=clinics_for(request.user)))


@admin_required
@require_POST
def invite(request):
    clinics = clinics_for(request.user)
    form = InviteStaffForm(request.POST, clinics=clinics)
    if form.is_valid():
        clinic = form.cleaned_data.get("clinic") or clinics.first()
        try:
            services.invite_staff(clinic, form.cleaned_data["email"], form.cleaned_data["role"],
                                  actor=request.user)
        except FieldError as exc:
            _attach(form, exc)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}. The "
                                      "link works once, for a week.")
            return redirect("people")
    return _people_page(request, form, status=400)


@admin_required
def person(request, pk):
    someone = get_object_or_404(people_for(request.user), pk=pk)
    reset_form = MfaResetForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "deactivate":
                waiting = services.deactivate(someone, actor=request.user)
                messages.success(request, " ".join([
                    f"{someone} is deactivated. Their sessions have ended, and their "
                    "clients see who covers.", *waiting]))
            elif action == "reactivate":
                services.reactivate(someone, actor=request.user)
                messages.success(request, f"{someone} can sign in again.")
            elif action == "role":
                services.change_role(someone, request.POST.get("role", ""), actor=request.user)
                messages.success(request, f"{someone} is now "
                                          f"{someone.get_role_display().lower()}.")
            elif action == "mfa_reset":
                reset_form = MfaResetForm(request.POST)
                reason = request.POST.get("reason", "")
                reset = services.request_mfa_reset(someone, reason, actor=request.user)
                messages.success(request, (
                    f"Done. {someone} sets up two-step sign-in again when they next sign in."
                    if reset.done_at else
                    "Asked. Another administrator approves it from their People page."))
            else:
                raise FieldError("action", "Choose what to do.")
        except FieldError as exc:
            status = 400
            if exc.field == "reason":
                reset_form.add_error("reason", exc.message)
            else:
                messages.error(request, exc.message)
        else:
            return redirect("person", pk=someone.pk)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    clients = [link.client for link in CareLink.objects.active().filter(clinician=someone)
               .select_related("client")]
    return render(request, "clinic/person.html", {
        "someone": someone, "reset_form": reset_form, "clients": clients,
        "has_mfa": TOTPDevice.objects.filter(user=someone, confirmed=True).exists(),
        "pending_reset": MfaReset.objects.filter(person=someone, done_at__isnull=True).first(),
    }, status=status)


@admin_required
@require_POST
def approve_reset(request, pk):
    reset = get_object_or_404(MfaReset.objects.filter(person__in=people_for(request.user)),
                              pk=pk)
    try:
        services.approve_mfa_reset(reset, actor=request.user)
    except FieldError as exc:
        messages.error(request, exc.message)
        return redirect("people")
    messages.success(request, f"Approved. {reset.person} sets up two-step sign-in again when "
                              "they next sign in.")
    return redirect("people")


@mfa_exempt
def join(request, token):
    """An invited clinician or administrator makes their account; their first sign-in
    then sets up two-step sign-in before anything else."""
    invitation = services.find_staff_invitation(token)
    if invitation is None or request.user.is_authenticated:
        return render(request, "care/invite_gone.html", status=404)
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            someone = services.join(invitation, **form.cleaned_data)
        except FieldError as exc:
            _attach(form, exc)
        else:
            login(request, someone, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("mfa_setup")
    return render(request, "clinic/join.html", {"invitation": invitation, "form": form},
                  status=400 if form.errors else 200)


@admin_required
def move_care(request, pk):
    client = get_object_or_404(clients_for(request.user), pk=pk)
    current = User.objects.filter(pk__in=CareLink.objects.active().filter(client=client)
                                  .values("clinician_id"))
    clinicians = people_for(request.user).filter(role=Role.CLINICIAN, is_active=True).exclude(
        pk__in=current)
    form = HandoverForm(request.POST if request.method == "POST" else None,
                        clinicians=clinicians, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_handover(client, form.cleaned_data["to_clinician"],
                                      kind=form.cleaned_data["kind"],
                                      from_clinician=form.cleaned_data["from_clinician"],
                                      actor=request.user)
        except FieldError as exc:
            _attach(form, exc)
        else:
            messages.success(request, f"Suggested. {client} sees it in Between and decides; "
                                      "nothing changes until they agree.")
            return redirect("people")
    pending = Handover.objects.filter(client=client, decided_at__isnull=True).first()
    return render(request, "clinic/move.html", {"client": client, "form": form,
                                                "current": current, "pending": pending},
                  status=400 if form.errors else 200)


@client_required
def handover(request, pk):
    """The client answers a suggested change to their care team."""
    change = get_object_or_404(Handover.objects.select_related(
        "from_clinician", "to_clinician"), pk=pk, client=request.user)
    if request.method == "POST" and change.decided_at is None:
        agreed = request.POST.get("answer") == "agree"
        try:
            services.decide_handover(change, agreed=agreed, actor=request.user)
        except FieldError as exc:
            messages.error(request, exc.message)
            return redirect("home")
        if agreed:
            messages.success(request, f"You're now working with {change.to_clinician}. They "
                                      "see what you chose to share before; you can change "
                                      "that here.")
            return redirect("sharing")
        messages.success(request, "Nothing has changed. Your care team is as it was.")
        return redirect("home")
    return render(request, "clinic/handover.html", {"change": change})


def _events(request, form, events=None):
    """The log's entries this administrator may see, filtered as the form says; with
    `events`, the same filters on another queryset of entries (the waiting reads)."""
    events = AuditEvent.objects.order_by("-seq") if events is None else events
    if request.user.clinic_id:
        people = User.objects.filter(Q(clinic_id=request.user.clinic_id) | Q(
            pk__in=clients_for(request.user))).values("pk")
        events = events.filter(Q(actor_id__in=people) | Q(subject_id__in=people))
    data = form.cleaned_data
    for field, column in (("person", "actor_id"), ("client", "subject_id")):
        if data.get(field):
            found = User.objects.filter(email=data[field].lower()).first()
            events = events.filter(**{column: found.pk if found else -1})
    if data.get("action"):
        events = (events.filter(action=data["action"]) if events.model is AuditEvent
                  else events if data["action"] == Action.READ else events.none())
    if data.get("since"):
        events = events.filter(at__date__gte=data["since"])
    if data.get("until"):
        events = events.filter(at__date__lte=data["until"])
    return events


@admin_required
def audit_log(request):
    """The audit log, readable: who did what, about whom, when. Never any words."""
    form = AuditFilterForm(request.GET)  # an empty filter is valid: everything, newest first
    if not form.is_valid():
        return render(request, "clinic/audit.html", {"form": form, "events": []}, status=400)
    events = _events(request, form)
    # Reads from the last minute or so, not yet sealed into the chain, are shown too.
    waiting = _events(request, form, PendingRead.objects.order_by("-id"))
    if request.GET.get("format") == "csv":
        if not form.cleaned_data.get("client"):
            form.add_error("client", "Choose whose entries to export.")
            return render(request, "clinic/audit.html", {"form": form, "events": []},
                          status=400)
        return _csv(events, waiting, form.cleaned_data["client"])
    names = dict(User.objects.values_list("pk", "display_name"))
    rows = sorted([*events[:200], *waiting[:200]], key=lambda e: e.at, reverse=True)[:200]
    for event in rows:
        event.subject_name = names.get(event.subject_id, "")
        event.actor_name = names.get(event.actor_id, event.actor_label or "Between")
    return render(request, "clinic/audit.html", {"form": form, "events": rows,
                                                 "more": (events.count() + waiting.count()
                                                          > len(rows)),
                                                 "verified": request.session.pop(
                                                     "audit_verified", None)})


def _csv(events, waiting, email: str) -> HttpResponse:
    """One client's entries, for a data-protection request: ids and labels, no words."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-entries.csv"'
    names = dict(User.objects.values_list("pk", "display_name"))
    writer = csv.writer(response)
    writer.writerow(["seq", "when (UTC)", "done by", "what", "detail", "hash"])
    for event in events.order_by("seq"):
        writer.writerow([event.seq, event.at.isoformat(),
                         names.get(event.actor_id, event.actor_label or "Between"),
                         event.get_action_display(), event.describe(), event.hash])
    for read in waiting.order_by("id"):  # not in the chain yet: no seq or hash
        writer.writerow(["", read.at.isoformat(), names.get(read.actor_id, read.actor_label),
                         read.get_action_display(), read.describe(), ""])
    return response


@admin_required
@require_POST
def audit_verify(request):
    seal_reads()  # the reads still waiting join the chain first, so all of it is checked
    checked, broken, reason = verify_chain()
    request.session["audit_verified"] = {"checked": checked, "broken": broken,
                                         "reason": reason}
    return redirect("audit_log")




@mfa_exempt
def sign_up(request, pk):
    """A clinic that allows it: anyone can ask for a client account. It's made when they
    open the emailed link."""
    clinic = get_object_or_404(Clinic, pk=pk, self_signup=True)
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_sign_up(clinic, **form.cleaned_data)
        except FieldError as exc:
            _attach(form, exc)
        else:
            return render(request, "clinic/sign_up_sent.html",
                          {"clinic": clinic, "email": form.cleaned_data["email"].lower()})
    return render(request, "clinic/sign_up.html", {"clinic": clinic, "form": form},
                  status=400 if form.errors else 200)


@mfa_exempt
def sign_up_confirm(request, token):
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST":
        person = services.confirm_sign_up(token)
        if person is None:
            return render(request, "care/invite_gone.html", status=404)
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account is ready. Welcome to Between.")
        return redirect("home")
    # Opening the link shows a button: a mail scanner that follows links makes nothing.
    return render(request, "clinic/sign_up_confirm.html")


@admin_required
def teams(request):
    """The clinic's teams, and a new one. An administrator without a clinic of their own
    chooses the clinic with `?clinic=`; with one, it is theirs."""
    clinics = clinics_for(request.user)
    asked = request.GET.get("clinic")
    pk = parse_id(asked) if asked else (request.user.clinic_id
                                        or clinics.values_list("pk", flat=True).first())
    clinic = get_object_or_404(clinics, pk=pk or 0)
    form = TeamForm(request.POST if request.method == "POST" else None, clinic=clinic)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.save_team(clinic, name=form.cleaned_data["name"],
                                      members=form.cleaned_data["members"], actor=request.user)
        except FieldError as exc:
            _attach(form, exc)
        else:
            messages.success(request, f"{team} made.")
            return redirect("teams")
    # Members by name: without an order, PostgreSQL may list them differently each time.
    found = Team.objects.filter(clinic=clinic).prefetch_related(
        Prefetch("members", queryset=User.objects.order_by("display_name", "pk")))
    return render(request, "clinic/teams.html", {"clinic": clinic, "teams": found,
                                                 "form": form, "clinics": clinics},
                  status=400 if form.errors else 200)


@admin_required
def team(request, pk):
    found = get_object_or_404(Team.objects.filter(clinic__in=clinics_for(request.user)), pk=pk)
    form = TeamForm(request.POST if request.method == "POST" else None, clinic=found.clinic,
                    initial={"name": found.name, "members": found.members.all()})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_team(found.clinic, name=form.cleaned_data["name"],
                               members=form.cleaned_data["members"], actor=request.user,
                               team=found)
        except FieldError as exc:
            _attach(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("teams")
    return render(request, "clinic/team.html", {"team": found, "form": form},
                  status=400 if form.errors else 200)
