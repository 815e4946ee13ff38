from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from between.accounts.access import get_client_for_clinician
from between.accounts.models import SCOPES, CareLink, ContactDetails
from between.audit.models import Action
from between.audit.services import record, record_read
from between.care import agenda, calendar, conversation, cover, flags, messaging, notes, todo
from between.care import sessions as care_sessions
from between.care.caseload import FILTERS, matching
from between.care.caseload import caseload as build_caseload
from between.care.forms import (
    AwayForm,
    ClinicalNoteForm,
    CloseFlagForm,
    InviteForm,
    PolicyForm,
    RepairNoteForm,
    ReplyForm,
    SessionChangeForm,
    SessionForm,
)
from between.care.models import (
    MESSAGES,
    AgendaItem,
    Away,
    CalendarFeed,
    ClinicalNote,
    ContactPolicy,
    Flag,
    FlagEvent,
    Message,
    SavedReply,
    TherapySession,
    UrgentAlert,
)
from between.care.services import close_flag, reopen_flag
from between.care.urgent import can_open, next_check_in, take_alert
from between.diary.models import CardItem, Kind
from between.journal.models import Entry
from between.lib.decorators import clinician_required, staff_required
from between.lib.forms import DateInput
from between.lib.ids import parse_id
from between.lib.middleware import mfa_exempt
from between.risk.services import evidence_segments


class ItemProposalForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Kind.choices)
    label = forms.CharField(label="Name", max_length=60)
    direction = forms.ChoiceField(label="For a behaviour", required=False,
                                  choices=[("", "Not a behaviour")] + CardItem.Direction.choices)


# What the screener read in a message or check-in that puts it first in the check-in.
RISKY = ("urgent", "ideation")

# Closed flags listed on a client's page, newest first; older ones stay in the database
# and in the client's export.
CLOSED_SHOWN = 20


@clinician_required
def caseload(request):
    """Everyone, most in need first; a filter and a name search narrow it."""
    show = request.GET.get("show", "all")
    if show not in FILTERS:
        return HttpResponseBadRequest(f"show: one of {', '.join(FILTERS)}.")
    search = request.GET.get("q", "")[:100]
    everyone = build_caseload(request.user)
    rows = matching(everyone, show=show, search=search)
    counts = {key: len(matching(everyone, show=key)) for key in FILTERS}
    return render(request, "care/caseload.html", {
        "rows": rows, "scopes": SCOPES, "show": show, "search": search, "total": len(everyone),
        "filters": [(key, label, counts[key]) for key, label in FILTERS.items()]})


@clinician_required
def client_detail(request, client_id):
    client = get_client_for_clinician(request.user, client_id)
    link = CareLink.objects.get(clinician=request.user, client=client)
    visible = Flag.objects.visible_to(request.user, link)
    open_flags = sorted(visible.open(), key=flags.rank)
    for flag in open_flags:
        flag.segments = evidence_segments(flag.excerpt) if flag.excerpt else []
        flag.where, flag.level_words = flags.where(flag), flags.level_words(flag)
    closed = list(visible.filter(acknowledged_at__isnull=False).order_by("-acknowledged_at")
                  .prefetch_related("events__by")[:CLOSED_SHOWN])
    for flag in closed:
        flag.closing = next((e for e in reversed(flag.events.all()) if e.kind == "closed"), None)
    record_read(request.user, client, "overview")
    teammates = (CareLink.objects.active().filter(client=client)
                 .exclude(clinician=request.user)
                 .filter(clinician__teams__members=request.user)
                 .select_related("clinician").distinct())
    return render(request, "care/client.html", {"client": client, "link": link,
                                                "scopes": SCOPES, "flags": open_flags,
                                                "closed": closed,
                                                "waiting": conversation.waiting(request.user,
                                                                                client),
                                                "own_times": ContactPolicy.objects.filter(
                                                    clinician=request.user,
                                                    client=client).exists(),
                                                "teammates": [t.clinician for t in teammates]})


@clinician_required
def client_messages(request, client_id):
    """The conversation with one client, and a reply. Opening it is an audited read, and
    what was delivered counts as read from now: the client sees that."""
    client, covering_for = conversation.client_for(request.user, client_id)
    form, status = None, 200
    if request.method == "POST":
        others = conversation.others_named(request.user, client, request.POST.get("body", ""))
        form = ReplyForm(request.POST, others=others)
        if form.is_valid():
            conversation.send_reply(request.user, client, form.cleaned_data["body"],
                                    save=form.cleaned_data["save"], covering_for=covering_for)
            messages.success(request, f"Sent. {client} will see it next time they look.")
            return redirect("care_messages", client_id=client.pk)
        status = 400
    saved = list(SavedReply.objects.filter(clinician=request.user))
    start = next((r.body for r in saved if str(r.pk) == request.GET.get("start")), "")
    form = form or ReplyForm(initial={"body": start})
    ctx = {"client": client, "lines": conversation.open_thread(request.user, client),
           "form": form, "saved": saved, "covering_for": covering_for,
           "in_window": conversation.in_window(request.user, client),
           "waiting": conversation.waiting(request.user, client),
           "policy": messaging.policy_for(request.user, client)}
    return render(request, "care/conversation.html", ctx, status=status)


@clinician_required
@require_POST
def read_early(request, client_id):
    """Open what is waiting for the clinician's check-in time, now, by their choice."""
    client, _ = conversation.client_for(request.user, client_id)
    count = conversation.read_early(request.user, client)
    if count:
        messages.success(request, f"{client} will see that you've read "
                                  f"{'it' if count == 1 else 'them'}.")
    return redirect(reverse("care_messages", args=[client.pk]) + "#thread")


@clinician_required
@require_POST
def agenda_bring(request, client_id):
    """Bring a client's message to the next session, in their words."""
    client = get_client_for_clinician(request.user, client_id)
    message = get_object_or_404(Message, pk=request.POST.get("message"), client=client,
                                clinician=request.user, released_at__isnull=False)
    agenda.bring_message(message, by=request.user)
    messages.success(request, f"On the list for your next session. {client} sees it too.")
    return redirect("care_messages", client_id=client.pk)


@clinician_required
@require_POST
def agenda_done(request, pk):
    item = get_object_or_404(AgendaItem, pk=pk, clinician=request.user,
                             discussed_at__isnull=True)
    get_client_for_clinician(request.user, item.client_id)
    agenda.talked_about(item)
    messages.success(request, "Marked as talked about.")
    return redirect("care_sessions", client_id=item.client_id)


@clinician_required
@require_POST
def saved_reply_delete(request, pk):
    get_object_or_404(SavedReply, pk=pk, clinician=request.user).delete()
    messages.success(request, "That saved reply is gone.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("care_digest")
    return redirect(back)


@clinician_required
def client_journal(request, client_id):
    client = get_client_for_clinician(request.user, client_id, scope="journal")
    entries = Entry.objects.shared().filter(client=client).prefetch_related("written_by")
    record_read(request.user, client, "journal")
    return render(request, "care/journal.html", {"client": client, "entries": entries})


@clinician_required
def client_diary(request, client_id):
    from between.diary.services import thresholds
    from between.diary.views import week_context, week_start

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    ctx = {"client": client, "proposal_form": ItemProposalForm(),
           **week_context(client, week_start(request, client), marked=True),
           "limits": thresholds(client)}
    # Each day's flags (open or closed) that this clinician may see, most serious first.
    link = CareLink.objects.get(clinician=request.user, client=client)
    flagged = {}
    for flag in sorted(Flag.objects.visible_to(request.user, link)
                       .filter(day__gte=ctx["days"][0], day__lte=ctx["days"][-1]),
                       key=flags.rank):
        flagged.setdefault(flag.day, flag)
    ctx["columns"] = [(d, flagged.get(d)) for d in ctx["days"]]
    ctx["range_form"] = RangeForm(initial={"start": ctx["days"][-1] - timedelta(days=27),
                                           "end": ctx["days"][-1]})
    record_read(request.user, client, "diary")
    return render(request, "care/diary.html", ctx)


@clinician_required
def client_diary_pdf(request, client_id, start):
    """One week of the client's card as an A4 PDF for a team meeting: the diary scope and
    nothing else, cells at their thresholds shaded. An audited read."""
    from between.diary import services as diary
    from between.diary.pdf import week_pdf

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    try:
        start = date.fromisoformat(start)
    except ValueError:
        return HttpResponseBadRequest("start: a date like 2026-11-30.")
    items, cards = diary.items_for(client), diary.week_cards(client, start)
    record_read(request.user, client, "diary")
    now = timezone.localtime()
    pdf = week_pdf(client, start, items, cards,
                   reached=diary.reached_cells(client, cards, items),
                   heading=f"Diary card for {client}",
                   footer=f"Shared by {client} with {request.user} in Between. Printed "
                          f"{now:%-d %b %Y, %H:%M}. Confidential.")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="diary-card-{client.pk}-'
                                       f'{start}.pdf"')
    return response


class RangeForm(forms.Form):
    start = forms.DateField(label="From", widget=DateInput(),
                            error_messages={"invalid": "From: a date like 2026-11-30.",
                                            "required": "From: choose the first day."})
    end = forms.DateField(label="To", widget=DateInput(),
                          error_messages={"invalid": "To: a date like 2026-11-30.",
                                          "required": "To: choose the last day."})

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "To: on or after the From date.")
        return data


@clinician_required
def client_diary_csv(request, client_id):
    """The client's cards over a date range as CSV, within the diary scope: "who was
    present" only when they also share their parts. An audited read."""
    from between.diary import services as diary
    from between.diary.models import Card
    from between.diary.spreadsheet import write_cards

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    form = RangeForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(e for errors in form.errors.values()
                                               for e in errors))
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    link = CareLink.objects.get(clinician=request.user, client=client)
    cards = Card.objects.filter(client=client, day__gte=start, day__lte=end).order_by("day")
    record_read(request.user, client, "diary")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="diary-cards-{client.pk}-'
                                       f'{start}-to-{end}.csv"')
    write_cards(response, diary.items_for(client), cards.iterator(),
                present="parts" in link.scopes())
    return response


@clinician_required
def client_diary_trends(request, client_id):
    from between.diary.charts import line_chart
    from between.diary.services import trend_summary
    from between.diary.views import TREND_WEEKS, trends_context

    client = get_client_for_clinician(request.user, client_id, scope="diary")
    weeks = {str(w): w for w in TREND_WEEKS}.get(request.GET.get("weeks", ""), 4)
    record_read(request.user, client, "diary")
    ctx = trends_context(client, weeks)
    summary = trend_summary(client, weeks)
    # Each target behaviour charted too: days logged per week, oldest first; a week with
    # no card is a gap, never a zero.
    behaviour_charts = [
        (b.label, points, line_chart(f"{b.label}: days per week", points, 7))
        for b in summary.behaviours
        for points in [[(w, done if cards else None)
                        for w, (done, cards) in zip(summary.week_starts, b.weeks,
                                                    strict=True)]]]
    return render(request, "care/diary_trends.html",
                  {"client": client, **ctx, "summary": summary,
                   "behaviour_charts": behaviour_charts,
                   "chart_count": len(ctx["charts"]) + len(ctx["skill_charts"])
                   + len(behaviour_charts)})


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


def _flag_for(request, pk) -> tuple[Flag, object]:
    """A flag raised for this clinician, while they can still see what it came through."""
    flag = get_object_or_404(Flag, pk=pk, clinician=request.user)
    client = get_client_for_clinician(request.user, flag.client_id, scope=flag.consent_scope)
    return flag, client


@clinician_required
def flag_detail(request, pk):
    """One flag: how serious, when and where, how to reach the client, the clinic's next
    steps, and closing it with what was done. Opening it is an audited read."""
    flag, client = _flag_for(request, pk)
    form, status = CloseFlagForm(), 200
    if request.method == "POST":
        if flag.acknowledged_at:
            messages.info(request, "This flag was already closed; its history is below.")
            return redirect("care_flag", pk=flag.pk)
        form = CloseFlagForm(request.POST)
        if form.is_valid():
            close_flag(flag, actor=request.user, done=form.cleaned_data["done"],
                       note=form.cleaned_data["note"])
            messages.success(request, f"Closed. It stays in {client}'s flag history, and you "
                                      "can reopen it there.")
            return redirect("care_client", client_id=client.pk)
        status = 400
    record_read(request.user, client, "flag")
    link = CareLink.objects.filter(clinician=request.user, client=client).first()
    clinic = request.user.clinic
    return render(request, "care/flag.html", {
        "flag": flag, "client": client, "form": form, "level": flags.level_words(flag),
        "where": flags.where(flag),
        "segments": evidence_segments(flag.excerpt) if flag.excerpt else [],
        "contact": ContactDetails.objects.filter(client=client).first(),
        "plan_shared": bool(link and "safety_plan" in link.scopes()),
        "steps": clinic.steps_for(flag.level) if clinic else "",
        "events": FlagEvent.objects.filter(flag=flag).select_related("by"),
        "waiting": conversation.waiting(request.user, client),
    }, status=status)


@clinician_required
@require_POST
def flag_reopen(request, pk):
    flag, client = _flag_for(request, pk)
    if flag.acknowledged_at:
        reopen_flag(flag, actor=request.user)
        messages.success(request, f"Reopened. It is back on {client}'s list to look at.")
    return redirect("care_flag", pk=flag.pk)


@clinician_required
def digest(request):
    """The check-in list as a to-do list: what has been released to this clinician and
    not handled, however old (risky first, then flags, then the rest), each new or read;
    what was handled lately, so it can be taken back; and the questionnaires finished
    this week. Reading it is a read of each client's messages (and scores), audited per
    client."""
    from between.measures.services import completed_since

    items = todo.open_items(request.user)
    handled = todo.handled_lately(request.user)
    links = {link.client_id: link for link in CareLink.objects.active()
             .filter(clinician=request.user)}
    covered = cover.covering(request.user)
    open_flags = [f for f in Flag.objects.open().filter(clinician=request.user)
                  .select_related("client") if f.client_id in covered or (
                      f.client_id in links
                      and f.scope in (*links[f.client_id].scopes(), MESSAGES))]
    for m in items + handled:  # what the screener read in it, in the flag list's words
        m.level = flags.LEVEL_WORDS[m.risk_level] if m.risk_level in RISKY else ""
    marked = [m for m in items if m.level]
    rest = [m for m in items if not m.level]
    for client_id in {m.client_id for m in items + handled}:
        record_read(request.user, client_id, "messages")
    conversation.read_by_clinician(request.user, check_ins=True)
    completed = completed_since(request.user, timezone.now() - timedelta(days=7))
    for client_id in {c.response.client_id for c in completed}:
        record_read(request.user, client_id, "measures")
    ctx = {"marked": marked, "flags": open_flags, "rest": rest, "handled": handled,
           "completed": completed, "covered": covered,
           "waiting": Message.objects.filter(clinician=request.user,
                                             released_at__isnull=True).count()}
    return render(request, "care/digest.html", ctx)


@clinician_required
@require_POST
def to_do_item(request, pk):
    """Mark one message or check-in handled, or put it back on the list."""
    item = todo.find(request.user, pk)
    if item is None:
        raise Http404
    handled = request.POST.get("handled") == "1"
    if todo.mark(item, request.user, handled=handled):
        messages.success(request, f"Marked as handled: {item.client}, "
                                  f"{timezone.localtime(item.sent_at):%a %-d %b}."
                         if handled else "Back on your list.")
    return redirect(reverse("care_digest") + f"#item-{item.pk}")


@clinician_required
def client_sessions(request, client_id):
    client = get_client_for_clinician(request.user, client_id)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        care_sessions.log_session(request.user, client, **form.cleaned_data)
        messages.success(request, "Session logged.")
        return redirect("care_sessions", client_id=client.pk)
    return _sessions_page(request, client, form)


def _sessions_page(request, client, form, changing=None, change_form=None):
    """One client's sessions, newest first, each with its history; a change form that
    failed stays open on its own session with the words in place."""
    rows = list(TherapySession.objects.filter(clinician=request.user, client=client)
                .select_related("feedback")
                .prefetch_related("repair_notes__author", "changes__by",
                                  notes.on_sessions(request.user)))
    for s in rows:
        s.change_form = change_form if s == changing else SessionChangeForm(session=s)
    record_read(request.user, client, "sessions")
    scores = [s.feedback.overall for s in reversed(rows) if hasattr(s, "feedback")]
    ctx = {"client": client, "form": form, "sessions": rows, "note_form": RepairNoteForm(),
           "changing": changing,
           "agenda": agenda.open_items(client, request.user),
           "next_session": agenda.next_session(client, request.user),
           "trend": care_sessions.feedback_trend(scores[-3:]), "scores": scores}
    bad = form.errors or (change_form is not None and change_form.errors)
    return render(request, "care/sessions.html", ctx, status=400 if bad else 200)


@clinician_required
@require_POST
def session_change(request, pk):
    """Move, cancel, or record how a session went: one row, with its history."""
    session = get_object_or_404(TherapySession, pk=pk, clinician=request.user)
    client = get_client_for_clinician(request.user, session.client_id)
    form = SessionChangeForm(request.POST, session=session)
    if not form.is_valid():
        return _sessions_page(request, client, SessionForm(), session, form)
    change = care_sessions.change_session(session, by=request.user, **form.cleaned_data)
    messages.success(request, f"{change.get_what_display()}. {client} sees it the same way.")
    return redirect(reverse("care_sessions", args=[client.pk]) + f"#session-{session.pk}")


@clinician_required
@require_POST
def session_note(request, pk):
    session = get_object_or_404(TherapySession, pk=pk, clinician=request.user)
    get_client_for_clinician(request.user, session.client_id)
    if not session.took_place:
        return HttpResponseBadRequest(care_sessions.NOT_HELD)
    form = RepairNoteForm(request.POST)
    if form.is_valid():
        care_sessions.add_repair_note(session, request.user, form.cleaned_data["body"])
        messages.success(request, "Added. You can both read it.")
    return redirect("care_sessions", client_id=session.client_id)


@clinician_required
def client_notes(request, client_id):
    """The clinician's private notes on one client: write one (on a session, or not), and
    read back every one they wrote, newest first."""
    client = get_client_for_clinician(request.user, client_id)
    sessions = TherapySession.objects.filter(clinician=request.user, client=client)
    initial = {}
    if request.method == "GET" and (asked := parse_id(request.GET.get("session"))) is not None:
        initial["session"] = sessions.filter(pk=asked).first()
    form = ClinicalNoteForm(request.POST if request.method == "POST" else None,
                            sessions=sessions, initial=initial)
    if request.method == "POST" and form.is_valid():
        note = notes.write_note(request.user, client, form.cleaned_data["body"],
                                form.cleaned_data["session"])
        messages.success(request, f"Note saved. Only you can read it; {client} doesn't see "
                                  "it in Between.")
        return redirect(reverse("care_notes", args=[client.pk]) + f"#note-{note.pk}")
    return render(request, "care/notes.html",
                  {"client": client, "form": form,
                   "notes": notes.own_notes(request.user, client)},
                  status=400 if form.errors else 200)


@clinician_required
def note_edit(request, pk):
    """The author corrects a note. Nobody else can open it: another clinician gets a 404."""
    note = get_object_or_404(ClinicalNote, pk=pk, author=request.user)
    client = get_client_for_clinician(request.user, note.client_id)
    sessions = TherapySession.objects.filter(clinician=request.user, client=client)
    form = ClinicalNoteForm(request.POST if request.method == "POST" else None,
                            sessions=sessions,
                            initial={"body": note.body, "session": note.session})
    if request.method == "POST" and form.is_valid():
        notes.edit_note(note, form.cleaned_data["body"], form.cleaned_data["session"])
        messages.success(request, "Note updated.")
        return redirect(reverse("care_notes", args=[client.pk]) + f"#note-{note.pk}")
    return render(request, "care/note_edit.html", {"client": client, "form": form,
                                                   "note": note},
                  status=400 if form.errors else 200)


def _edit_policy(request, policy, back):
    """Save the times, then retime what is waiting: a message sent before the change
    arrives by the times in force, not the old ones."""
    form = PolicyForm(request.POST if request.method == "POST" else None,
                      initial=PolicyForm.initial_from(policy))
    if request.method == "POST" and form.is_valid():
        policy.time_zone = form.cleaned_data["time_zone"]
        policy.windows = form.cleaned_data["windows"]
        policy.response_time = form.cleaned_data["response_time"]
        policy.away_message = form.cleaned_data["away_message"]
        policy.save()
        moved = messaging.retime_waiting(request.user, policy.client)
        messages.success(request, "Saved. Clients see the new times straight away." + (
            f" {moved} waiting item{'s' if moved != 1 else ''} will now reach you at the new "
            "times." if moved else ""))
        return redirect(back)
    return form


@clinician_required
def policy(request):
    found = messaging.policy_for(request.user)
    form = _edit_policy(request, found, "care_policy")
    if not isinstance(form, PolicyForm):
        return form
    return render(request, "care/policy.html",
                  {"form": form, "policy": found,
                   "own_times": messaging.own_times(request.user)},
                  status=400 if form.errors else 200)


@clinician_required
def away(request):
    """Time away, and who covers. Clients see it on their messages page before sending."""
    colleagues = cover.colleagues(request.user)
    form = AwayForm(request.POST if request.method == "POST" else None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next((c for c in colleagues if c.pk == data["cover"]), None)
        found = Away.objects.create(clinician=request.user, starts_on=data["starts_on"],
                                    ends_on=data["ends_on"], cover=chosen)
        record(Action.AWAY_SET, actor=request.user, subject=request.user,
               detail={"away": found.pk, "cover": chosen.pk if chosen else None})
        messages.success(request, "Saved. Your clients see it before they send anything.")
        return redirect("care_away")
    ctx = {"form": form, "times": Away.objects.filter(
        clinician=request.user, ends_on__gte=timezone.localdate()).select_related("cover")}
    return render(request, "care/away.html", ctx, status=400 if form.errors else 200)


@clinician_required
@require_POST
def away_delete(request, pk):
    get_object_or_404(Away, pk=pk, clinician=request.user).delete()
    messages.success(request, "Taken off. Messages reach you as usual from now.")
    return redirect("care_away")


@clinician_required
def client_policy(request, client_id):
    """Times for one client. The page says whether they are the client's own or the
    clinician's usual ones, and own times can be undone."""
    client = get_client_for_clinician(request.user, client_id)
    usual = messaging.policy_for(request.user)
    own = ContactPolicy.objects.filter(clinician=request.user, client=client).first()
    found = own or ContactPolicy(clinician=request.user, client=client,
                                 **{f: getattr(usual, f) for f in
                                    ("time_zone", "windows", "response_time",
                                     "away_message")})
    form = _edit_policy(request, found, request.path)
    if not isinstance(form, PolicyForm):
        return form
    return render(request, "care/policy.html", {"form": form, "policy": found,
                                                "client": client, "own": own,
                                                "usual": usual},
                  status=400 if form.errors else 200)


@clinician_required
@require_POST
def client_policy_reset(request, client_id):
    """Back to the clinician's usual times for this client; waiting messages follow."""
    client = get_client_for_clinician(request.user, client_id)
    ContactPolicy.objects.filter(clinician=request.user, client=client).delete()
    messaging.retime_waiting(request.user, client)
    messages.success(request, f"{client} has your usual times again: "
                              f"{messaging.policy_for(request.user).describe()}.")
    return redirect("care_client_policy", client_id=client.pk)


@clinician_required
def load(request):
    """The clinician's own load, week by week: for them only."""
    from between.care.load import weekly_load

    return render(request, "care/load.html", {"weeks": weekly_load(request.user)})


@clinician_required
def invite(request):
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        care_sessions.invite(request.user, form.cleaned_data["email"])
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("care_invite")
    return render(request, "care/invite_send.html", {"form": form},
                  status=400 if form.errors else 200)


@clinician_required
def close_link(request, client_id):
    """A clinician closes their link with a client, after reading what that means."""
    client = get_client_for_clinician(request.user, client_id)
    link = CareLink.objects.active().get(client=client, clinician=request.user)
    if request.method == "POST":
        messaging.end_link(link, actor=request.user)
        messages.success(request, f"Your link with {client} is closed. You no longer see "
                                  "anything of theirs, and they can't message you here.")
        return redirect("caseload")
    return render(request, "care/close_link.html", {"client": client, "link": link})


@staff_required
def urgent_list(request):
    """Urgent flags out of hours at this person's clinic: where a push or email leads."""
    alerts = (UrgentAlert.objects.filter(clinic_id=request.user.clinic_id)
              .exclude(route="").exclude(route="next_window")
              .select_related("client", "opened_by")[:50])
    return render(request, "care/urgent_list.html", {"alerts": alerts})


@staff_required
def urgent_alert(request, pk):
    """One urgent flag, for whoever the clinic's out-of-hours route reached: who, when,
    where it was written and who their care team is. Never the words: those stay with
    the client's own clinicians, under what the client shares."""
    alert = get_object_or_404(UrgentAlert.objects.select_related("client", "clinic"), pk=pk)
    if not can_open(request.user, alert):
        raise Http404
    if request.method == "POST":
        take_alert(alert, actor=request.user)
        messages.success(request, "Thank you. Nobody else will be told of this one.")
        return redirect("urgent_alert", pk=alert.pk)
    record(Action.URGENT_OPENED, actor=request.user, subject=alert.client_id,
           detail={"alert": str(alert.pk)})  # who looked, as for every read of a client
    links = (CareLink.objects.active().filter(client=alert.client)
             .select_related("clinician"))
    team = []
    for link in links:
        soonest = next_check_in([link.clinician], alert.client, timezone.now())
        team.append({"clinician": link.clinician, "next": soonest and soonest[0]})
    mine = any(row["clinician"] == request.user for row in team)
    return render(request, "care/urgent.html", {"alert": alert, "team": team, "mine": mine})


@login_required
def calendar_settings(request):
    """A private calendar link for one's sessions: made, made again, or stopped."""
    made = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "make":
            made = f"{settings.SITE_URL}/calendar/{calendar.make_feed(request.user)}.ics"
        elif action == "stop":
            calendar.stop_feed(request.user)
            messages.success(request, "That calendar link no longer works.")
            return redirect("calendar_settings")
        else:
            return HttpResponseBadRequest("action: make or stop.")
    has_feed = CalendarFeed.objects.filter(user=request.user).exists()
    return render(request, "care/calendar.html", {"made": made, "has_feed": has_feed})


@mfa_exempt
def calendar_feed(request, secret):
    """What a calendar app fetches: no session, no cookie; the link is the key."""
    user = calendar.owner_of(secret)
    if user is None:
        raise Http404
    response = HttpResponse(calendar.ics(user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@clinician_required
def team(request):
    """Who else in your teams works with your clients: names only, and only clients who
    share with you as well."""
    from between.clinic.services import teammates

    return render(request, "care/team.html", {"teams": teammates(request.user)})
