from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from between.accounts.access import get_client_for_clinician, has_viewers
from between.accounts.models import CareLink
from between.audit.services import record_read
from between.diary.services import behaviour_label, behaviours_done
from between.lib.decorators import client_required, clinician_required
from between.risk.services import needs_prompt
from between.safety.prompt import offer_plan
from between.safety.services import current_version
from between.safety.views import crisis_context
from between.skills import library, services
from between.skills.forms import ChainForm, HelpedForm, ReminderForm, StepForm
from between.skills.models import ChainAnalysis, Practice, ProgrammeWeek, Reminder, Worksheet


def _skill(slug: str):
    skill = library.skills().get(slug)
    if skill is None:
        raise Http404
    return skill


@client_required
def index(request):
    return render(request, "skills/index.html", {"modules": library.by_module(),
                                                 "situations": library.situations()})


@client_required
def situation(request, slug):
    found = library.situations().get(slug)
    if found is None:
        raise Http404
    skills = [library.skills()[s] for s in found.skills]
    return render(request, "skills/situation.html", {"situation": found, "skills": skills,
                                                     "flows": library.flows()})


@client_required
def skill(request, slug):
    found = _skill(slug)
    form = HelpedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.record_practice(request.user, slug, helped=form.cleaned_data["helped"])
        messages.success(request, f"Logged {found.name} on today's diary card.")
        return redirect("skill", slug=slug)
    return render(request, "skills/skill.html", {"skill": found, "form": form,
                                                 "has_flow": slug in library.flows()})


@client_required
@require_POST
def flow_start(request, slug):
    if slug not in library.flows():
        raise Http404
    worksheet = services.start_worksheet(request.user, slug)
    return redirect("flow_step", pk=worksheet.pk, step=0)


def _get_worksheet_for_client(request, pk) -> Worksheet:
    return get_object_or_404(Worksheet, pk=pk, client=request.user)


@client_required
def flow_step(request, pk, step):
    worksheet = _get_worksheet_for_client(request, pk)
    flow = library.flows()[worksheet.skill]
    if step >= len(flow.steps):
        return _flow_done(request, worksheet, flow)
    current = flow.steps[step]
    initial = {"value": worksheet.data().get(current.key)}
    form = StepForm(request.POST if request.method == "POST" else None, step=current,
                    initial=initial)
    if request.method == "POST" and form.is_valid():
        before = worksheet.risk_level
        services.save_step(worksheet, current.key, form.cleaned_data.get("value"), step + 1)
        if needs_prompt(worksheet) and worksheet.risk_level != before:
            offer_plan(request, told=has_viewers(request.user, "diary"), words=False)
        return redirect("flow_step", pk=worksheet.pk, step=step + 1)
    ctx = {"worksheet": worksheet, "flow": flow, "step": current, "number": step,
           "total": len(flow.steps), "form": form,
           "timer_label": f"{current.timer // 60}:{current.timer % 60:02d}"}
    return render(request, "skills/flow_step.html", ctx, status=400 if form.errors else 200)


def _flow_done(request, worksheet, flow):
    form = HelpedForm(request.POST if request.method == "POST" else None)
    risky = needs_prompt(worksheet)
    if request.method == "POST" and form.is_valid():
        services.record_practice(request.user, worksheet.skill, worksheet=worksheet,
                                 helped=form.cleaned_data["helped"])
        if risky:
            offer_plan(request, told=has_viewers(request.user, "diary"), words=False)
            messages.success(request, f"Saved. {flow.title} is on today's diary card.")
        else:
            messages.success(request, f"Well done. {flow.title} is on today's diary card.")
        return redirect("skill", slug=worksheet.skill)
    ctx = {"worksheet": worksheet, "flow": flow, "form": form, "prompt": risky,
           "told": has_viewers(request.user, "diary"), "without_words": True,
           "plan": current_version(request.user),
           **crisis_context(request),
           "message": services.compose(worksheet) if flow.output else "",
           "clinicians": [link.clinician for link in CareLink.objects.active().filter(
               client=request.user, clinician__is_active=True).select_related("clinician")],
           "answers": [(s.label, worksheet.data().get(s.key)) for s in flow.steps
                       if s.field and worksheet.data().get(s.key) not in (None, "")]}
    return render(request, "skills/flow_done.html", ctx)


@client_required
def practice_log(request):
    names = {slug: s.name for slug, s in library.skills().items()}
    practices = [(p, names.get(p.skill, p.skill))
                 for p in Practice.objects.filter(client=request.user)[:100]]
    worksheets = [(w, names.get(w.skill, w.skill))
                  for w in Worksheet.objects.filter(client=request.user)[:50]]
    return render(request, "skills/practice.html", {"practices": practices,
                                                    "worksheets": worksheets})


@client_required
def programme(request):
    done = set(ProgrammeWeek.objects.filter(client=request.user)
               .values_list("number", flat=True))
    weeks = [{**w, "done": w["number"] in done, "module_name": library.modules()[w["module"]],
              "skill_objs": [library.skills()[s] for s in w["skills"]]}
             for w in library.curriculum()]
    current = next((w for w in weeks if not w["done"]), None)
    reminder = Reminder.objects.filter(client=request.user).exists()
    ctx = {"weeks": weeks, "current": current, "done": len(done),
           "reminder_form": ReminderForm(initial={"on": reminder}),
           "modules": library.modules()}
    return render(request, "skills/programme.html", ctx)


@client_required
@require_POST
def programme_week(request, number):
    if not 1 <= number <= len(library.curriculum()):
        raise Http404
    done = ProgrammeWeek.objects.filter(client=request.user, number=number).exists()
    services.mark_week(request.user, number, not done)
    return redirect("programme")


@client_required
@require_POST
def programme_restart(request, module):
    if module not in library.modules():
        raise Http404
    services.restart_module(request.user, module)
    messages.success(request, f"{library.modules()[module]} is ready to start again.")
    return redirect("programme")


@client_required
@require_POST
def programme_reminder(request):
    form = ReminderForm(request.POST)
    if form.is_valid():
        services.set_reminder(request.user, on=form.cleaned_data["on"])
        messages.success(request, "Saved.")
    return redirect("programme")


@client_required
def chain_start(request, day):
    """A blank chain analysis for a day a behaviour happened. Nothing is stored until the
    client presses Save: a GET never writes."""
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    done = behaviours_done(request.user, day)
    if not done:
        raise Http404
    existing = ChainAnalysis.objects.filter(client=request.user, day=day).first()
    if existing:
        return redirect("chain", pk=existing.pk)
    # The behaviour the link was for, when it names one done that day; else the first.
    asked = behaviour_label(request.user, request.GET.get("behaviour", "")[:40])
    behaviour = asked if asked in done else done[0]
    return _chain_page(request, ChainAnalysis(client=request.user, day=day,
                                              behaviour=behaviour))


@client_required
def chain(request, pk):
    return _chain_page(request, get_object_or_404(ChainAnalysis, pk=pk, client=request.user))


def _chain_page(request, found: ChainAnalysis):
    form = ChainForm(request.POST if request.method == "POST" else None,
                     initial=found.data())
    if request.method == "POST" and form.is_valid():
        found = services.save_chain(request.user, day=found.day, behaviour=found.behaviour,
                                    content=form.cleaned_data,
                                    chain=None if found._state.adding else found)
        if needs_prompt(found):
            offer_plan(request, told=has_viewers(request.user, "diary"))
        messages.success(request, "Saved. You can come back to it any time.")
        return redirect("chain", pk=found.pk)
    return render(request, "skills/chain.html", {"chain": found, "form": form},
                  status=400 if form.errors else 200)


@client_required
def chain_list(request):
    return render(request, "skills/chains.html",
                  {"chains": ChainAnalysis.objects.filter(client=request.user)})


@clinician_required
def care_chains(request, client_id):
    client = get_client_for_clinician(request.user, client_id, scope="diary")
    chains = ChainAnalysis.objects.filter(client=client)
    record_read(request.user, client, "chains")
    return render(request, "care/chains.html", {"client": client, "chains": chains})
