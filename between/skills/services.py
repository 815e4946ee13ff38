"""Writes for the skills coach: worksheets, practice, the programme and chain analyses."""

import json
from datetime import date

from django.db import transaction
from django.utils import timezone

from between.accounts.models import User
from between.diary.services import add_skill_to_card
from between.risk.services import screen_writing
from between.safety.services import client_today
from between.skills import library
from between.skills.models import (
    ChainAnalysis,
    Practice,
    ProgrammeWeek,
    Reminder,
    Worksheet,
)


def start_worksheet(client: User, skill: str) -> Worksheet:
    return Worksheet.objects.create(client=client, skill=skill)


def save_step(worksheet: Worksheet, key: str, value, next_step: int) -> Worksheet:
    """Keep what was written at this step, screen it, and move on."""
    answers = worksheet.data()
    if value not in (None, ""):
        answers[key] = value
    worksheet.answers = json.dumps(answers, ensure_ascii=False)
    worksheet.step = next_step
    worksheet.updated_at = timezone.now()
    text = "\n".join(str(v) for v in answers.values() if isinstance(v, str))
    screen_writing(worksheet, text, client=worksheet.client, scope="diary",
                   where="Skills worksheet", day=client_today(worksheet.client),
                   with_excerpt=False)
    worksheet.save()
    return worksheet


def compose(worksheet: Worksheet) -> str:
    """The message a script-building flow (DEAR MAN) produces from the answers."""
    flow = library.flows()[worksheet.skill]
    answers = {k: str(v).strip() for k, v in worksheet.data().items()}
    parts = [answers.get(step.key, "") for step in flow.steps
             if "{" + step.key + "}" in flow.output]
    return "\n\n".join(p for p in parts if p)


@transaction.atomic
def record_practice(client: User, skill: str, *, helped: int | None,
                    worksheet: Worksheet | None = None, day: date | None = None) -> Practice:
    """Log a practice and tick the skill on that day's diary card."""
    day = day or client_today(client)
    if worksheet is not None and worksheet.finished_at is None:
        worksheet.finished_at = timezone.now()
        worksheet.save(update_fields=["finished_at"])
    practice = Practice.objects.create(client=client, skill=skill, day=day, helped=helped,
                                       worksheet=worksheet)
    add_skill_to_card(client, day, skill)
    return practice


def mark_week(client: User, number: int, done: bool) -> None:
    if done:
        ProgrammeWeek.objects.get_or_create(client=client, number=number)
    else:
        ProgrammeWeek.objects.filter(client=client, number=number).delete()


def restart_module(client: User, module: str) -> int:
    numbers = [w["number"] for w in library.curriculum() if w["module"] == module]
    return ProgrammeWeek.objects.filter(client=client, number__in=numbers).delete()[0]


def set_reminder(client: User, *, on: bool, weekday: int = 0) -> None:
    if on:
        Reminder.objects.update_or_create(client=client, defaults={"weekday": weekday})
    else:
        Reminder.objects.filter(client=client).delete()


def send_reminders(today: date | None = None) -> int:
    """Queue this week's content-free reminder for everyone who asked, once a week."""
    from between.care.models import OutboundEmail

    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        due = (Reminder.objects.select_for_update(skip_locked=True)
               .filter(weekday=today.weekday()).select_related("client"))
        for reminder in due:
            if reminder.last_sent == today:
                continue
            OutboundEmail.queue(
                to=reminder.client.email, subject="Your skills week in Between",
                text="This week's skills practice is ready for you in Between, whenever "
                     "you want it.\n")
            reminder.last_sent = today
            reminder.save(update_fields=["last_sent"])
            sent += 1
    return sent


def save_chain(client: User, *, day: date, behaviour: str, content: dict,
               chain: ChainAnalysis | None = None) -> ChainAnalysis:
    """Save a chain analysis and screen it; a clinician with the diary scope can read it."""
    chain = chain or ChainAnalysis(client=client, day=day, behaviour=behaviour)
    clean = {k: str(v).strip() for k, v in content.items() if k in chain.data()}
    chain.content = json.dumps(clean, ensure_ascii=False)
    chain.updated_at = timezone.now()
    screen_writing(chain, "\n".join(clean.values()), client=client, scope="diary",
                   where="Chain analysis", day=day)
    chain.save()
    return chain
