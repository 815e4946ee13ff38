"""Writes to safety plans and crisis episodes, each with its side effects in one place."""

import json
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from between.accounts.models import User
from between.safety import plan_content
from between.safety.models import CrisisEpisode, PlanVersion, SafetyPlan, Suggestion


def client_today(client: User):
    """The date where the client is, which is the diary day their entries belong to."""
    return timezone.now().astimezone(ZoneInfo(client.time_zone)).date()


def _normalise(data: dict) -> dict:
    clean = plan_content.empty()
    for key in plan_content.section_keys():
        clean[key] = [item.strip() for item in data.get(key, []) if item and item.strip()]
    known = plan_content.means_items()
    clean["means"] = [key for key in known if key in set(data.get("means", []))]
    return clean


@transaction.atomic
def save_plan(client: User, data: dict, *, actor: User, note: str = "") -> PlanVersion:
    """Store the plan as a new version, unless nothing changed.

    1. Lock the plan row, so two saves cannot take the same version number.
    2. Compare with the current version; identical content makes no new version.
    3. Write the next version.
    """
    plan, _ = SafetyPlan.objects.get_or_create(client=client)
    plan = SafetyPlan.objects.select_for_update().get(pk=plan.pk)
    clean = _normalise(data)
    current = plan.current()
    if current is not None and current.data() == clean:
        return current
    return PlanVersion.objects.create(
        plan=plan, client=client, number=(current.number + 1) if current else 1,
        content=json.dumps(clean, ensure_ascii=False), created_by=actor, note=note)


def current_version(client: User) -> PlanVersion | None:
    return (PlanVersion.objects.filter(client=client).order_by("-number").first())


def suggest(clinician: User, client: User, section: str, text: str) -> Suggestion:
    if section not in plan_content.section_keys():
        raise ValueError(f"unknown section {section!r}")
    plan, _ = SafetyPlan.objects.get_or_create(client=client)
    return Suggestion.objects.create(plan=plan, client=client, clinician=clinician,
                                     section=section, text=text.strip())


@transaction.atomic
def decide(suggestion: Suggestion, *, accept: bool, actor: User) -> PlanVersion | None:
    """The client adds a suggestion to their plan, or leaves it out."""
    suggestion.status = Suggestion.Status.ACCEPTED if accept else Suggestion.Status.DECLINED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    if not accept:
        return None
    current = current_version(actor)
    data = current.data() if current else plan_content.empty()
    data[suggestion.section] = [*data[suggestion.section], suggestion.text]
    return save_plan(actor, data, actor=actor,
                     note=f"Added a suggestion from {suggestion.clinician}")


def record_episode(client: User, *, urge_before: int | None, urge_after: int | None,
                   helped: list[str], note: str = "", opened_at=None) -> CrisisEpisode:
    """Save a pass through crisis mode to today's diary card, screening the note.

    Crisis mode already shows the client their plan, so a flag is the only follow-up.
    A pass saved offline and sent later carries `opened_at`, and lands on that day.
    """
    from between.risk.services import screen_writing

    started = opened_at or timezone.now()
    day = started.astimezone(ZoneInfo(client.time_zone)).date()
    episode = CrisisEpisode(client=client, day=day, started_at=started,
                            urge_before=urge_before,
                            urge_after=urge_after, note=note.strip(),
                            helped=[k for k in helped if k in CrisisEpisode.TOOLS])
    screen_writing(episode, episode.note, client=client, scope="diary",
                   where="Crisis mode note", day=day)
    episode.save()
    return episode
