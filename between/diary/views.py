from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from between.accounts.access import has_viewers
from between.accounts.models import PushDevice
from between.diary import services
from between.diary.forms import CardForm, CommitmentForm, ItemForm, ReminderForm, ThresholdForm
from between.diary.grid import week_rows
from between.diary.models import Card, CardItem, CardReminder, Commitment, ItemProposal
from between.diary.pdf import week_pdf
from between.diary.spreadsheet import all_cards, write_cards
from between.lib import webpush
from between.lib.decorators import client_required
from between.lib.errors import FieldError
from between.lib.forms import DecisionForm
from between.parts.models import Part
from between.parts.services import names as part_names
from between.safety.models import CrisisEpisode
from between.safety.services import client_today, current_version
from between.safety.views import crisis_context

TREND_WEEKS = (4, 12, 52)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def week_start(request, client) -> date:
    """The first of the seven days shown: ?start=, or the week ending today."""
    if "start" in request.GET:
        return _day(request.GET["start"])
    return client_today(client) - timedelta(days=6)


def week_context(client, start: date, *, marked: bool = False) -> dict:
    """The grid for one week, in a fixed number of queries whatever it holds. `marked`:
    with the cells at the client's safety thresholds known (the clinician's page)."""
    items = services.items_for(client)
    cards = services.week_cards(client, start)
    days = [start + timedelta(days=i) for i in range(7)]
    notes = [(d, cards[d].note, list(cards[d].note_by.all())) for d in days
             if d in cards and cards[d].note]
    reached = services.reached_cells(client, cards, items) if marked else frozenset()
    return {"start": start, "days": days, "rows": week_rows(items, cards, days, reached),
            "columns": [(d, None) for d in days],
            "notes": notes, "previous": start - timedelta(days=7),
            "next": start + timedelta(days=7)}


def trends_context(client, weeks: int) -> dict:
    from between.diary.charts import line_chart

    feelings, skill_use, periods = services.trends(client, weeks)
    charts = [(t, line_chart(t.label, t.points, 5)) for t in feelings]
    skill_charts = [(t, line_chart(t.label, t.points, 7 if "0 to 7" in t.label else
                                   max([v for _, v in t.points if v] or [1])))
                    for t in skill_use]
    return {"weeks": weeks, "choices": TREND_WEEKS, "charts": charts,
            "skill_charts": skill_charts, "periods": periods, "by_week": weeks > 12}


def _prompt(request, day: date) -> dict:
    """The safety prompt, once, right after the save that called for it."""
    prompt = request.session.pop("diary_prompt", None) or {}
    return {"prompt": prompt.get("day") == day.isoformat(), "told": prompt.get("told", False)}


@client_required
def today(request):
    return redirect("diary_day", day=client_today(request.user).isoformat())


@client_required
def day(request, day):
    day = _day(day)
    client = request.user
    earliest, today_ = services.window(client)
    if day > today_:
        raise Http404
    items = services.items_for(client)
    card = Card.objects.filter(client=client, day=day).first()
    editable = day >= earliest
    form = CardForm(request.POST if request.method == "POST" else None, items=items,
                    initial=CardForm.initial_from(card), parts=part_names(client),
                    writers=Part.objects.filter(client=client))
    if request.method == "POST" and editable and form.is_valid():
        try:
            result = services.record_card(client, day, form.to_input())
        except FieldError as err:
            form.add_error(None, err.message)
        else:
            if result.safety_prompt:
                request.session["diary_prompt"] = {"day": day.isoformat(),
                                                   "told": has_viewers(client, "diary")}
            messages.success(request, "Saved. Thank you for filling it in.")
            return redirect("diary_day", day=day.isoformat())
    ctx = {"form": form, "day": day, "today": today_, "card": card, "editable": editable,
           "days": [today_ - timedelta(days=i) for i in range(services.BACKFILL_DAYS + 1)],
           **_prompt(request, day),
           "episodes": CrisisEpisode.objects.filter(client=client, day=day),
           "commitments": services.commitment_statuses(client, day),
           "plan": current_version(client), **crisis_context(request)}
    return render(request, "diary/day.html", ctx, status=400 if form.errors else 200)


@client_required
def week(request):
    return render(request, "diary/week.html",
                  week_context(request.user, week_start(request, request.user)))


@client_required
def week_download(request, start):
    start = _day(start)
    items = services.items_for(request.user)
    response = HttpResponse(week_pdf(request.user, start, items,
                                     services.week_cards(request.user, start)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="diary-card-{start}.pdf"'
    return response


@client_required
def trends(request):
    weeks = {str(w): w for w in TREND_WEEKS}.get(request.GET.get("weeks", ""), 4)
    return render(request, "diary/trends.html", trends_context(request.user, weeks))


@client_required
def export(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="diary-cards.csv"'
    write_cards(response, services.items_for(request.user), all_cards(request.user))
    return response


@client_required
def card_settings(request):
    return render(request, "diary/card_settings.html", _settings_context(request.user))


def _settings_context(client, reminder_form=None) -> dict:
    items = services.items_for(client)
    ctx = {"items": items, "retired": CardItem.objects.filter(client=client, active=False),
           "item_form": ItemForm(), "threshold_form": ThresholdForm(initial={
               "die_threshold": services.thresholds(client).die_threshold,
               "self_harm_threshold": services.thresholds(client).self_harm_threshold}),
           "commitment_form": CommitmentForm(client=client,
                                             initial={"started_on": client_today(client)}),
           "commitments": services.commitment_statuses(client),
           "proposals": ItemProposal.objects.filter(client=client,
                                                    status=ItemProposal.Status.PENDING),
           **_reminder_context(client, reminder_form)}
    return ctx


def _reminder_context(client, form=None) -> dict:
    reminder = CardReminder.objects.filter(client=client).first()
    initial = ({"at": reminder.at, "quiet_from": reminder.quiet_from,
                "quiet_until": reminder.quiet_until, "stop_after": reminder.stop_after,
                "by_email": reminder.by_email}
               if reminder else {"at": "20:00", "stop_after": 7, "by_email": True})
    return {"reminder": reminder, "reminder_form": form or ReminderForm(initial=initial),
            "push_key": webpush.public_key(),
            "push_devices": PushDevice.objects.filter(user=client).count()}


@client_required
@require_POST
def reminder(request):
    if request.POST.get("action") == "stop":
        services.stop_reminder(request.user)
        return _back(request, "No more reminders. You can turn them on again here.")
    form = ReminderForm(request.POST)
    if (form.is_valid() and not form.cleaned_data["by_email"]
            and not PushDevice.objects.filter(user=request.user).exists()):
        form.add_error("by_email", "With email off and no device turned on below, no reminder "
                                   "could reach you. Keep email on, or turn on this device.")
    if not form.is_valid():
        return render(request, "diary/card_settings.html",
                      _settings_context(request.user, form), status=400)
    saved = services.set_reminder(request.user, **form.cleaned_data)
    return _back(request, f"We'll send a gentle reminder at {saved.at:%H:%M} each day, "
                          f"in your time zone ({request.user.time_zone}). It never says what "
                          "it's for.")


def _back(request, message: str):
    messages.success(request, message)
    return redirect(reverse("diary_card_settings"))


@client_required
@require_POST
def item_add(request):
    form = ItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The item needs a name. Nothing was added.")
        return redirect("diary_card_settings")
    item = services.add_item(request.user, **form.cleaned_data)
    return _back(request, f"“{item.label}” is on your card from now on.")


@client_required
@require_POST
def item_toggle(request, pk):
    item = get_object_or_404(CardItem, pk=pk, client=request.user)
    services.set_item_active(item, not item.active)
    verb = "is back on" if item.active else "is off"
    return _back(request, f"“{item.label}” {verb} your card. Past days keep their answers.")


@client_required
@require_POST
def thresholds(request):
    form = ThresholdForm(request.POST)
    if form.is_valid():
        services.set_thresholds(request.user, die=form.cleaned_data["die_threshold"],
                                self_harm=form.cleaned_data["self_harm_threshold"])
        return _back(request, "Saved.")
    messages.error(request, "Thresholds are whole numbers from 1 to 5. Nothing changed.")
    return redirect("diary_card_settings")


@client_required
@require_POST
def commitment_add(request):
    form = CommitmentForm(request.POST, client=request.user)
    if not form.is_valid():
        messages.error(request, "Choose a behaviour and a start date. Nothing changed.")
        return redirect("diary_card_settings")
    services.start_commitment(request.user, form.cleaned_data["item"],
                              form.cleaned_data["started_on"])
    return _back(request, "Your commitment is on your card.")


@client_required
@require_POST
def commitment_end(request, pk):
    services.end_commitment(get_object_or_404(Commitment, pk=pk, client=request.user,
                                              ended_on__isnull=True))
    return _back(request, "That commitment has ended. You can start another whenever "
                          "you want to.")


@client_required
@require_POST
def proposal_decide(request, pk):
    proposal = get_object_or_404(ItemProposal, pk=pk, client=request.user,
                                 status=ItemProposal.Status.PENDING)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return redirect("diary_card_settings")
    accept = form.accepted()
    services.decide_proposal(proposal, accept=accept)
    return _back(request, f"“{proposal.label}” added." if accept else "Left it off.")
