"""Twelve weeks of believable diary cards for the demo clients."""

import random
from datetime import timedelta

from django.utils import timezone

from between.care.services import raise_flag
from between.diary import services
from between.diary.models import Card, CardItem, Kind
from between.safety.services import client_today

NOTES = [
    "Long day at work but I left on time.",
    "Argument with my sister on the phone. Went for a walk afterwards.",
    "Couldn't get out of bed until 11. Did the washing in the afternoon.",
    "Good session. Tired after.",
    "Saw Priya for coffee.",
]


def _clamp(value: float, top: int = 5) -> int:
    return max(0, min(top, round(value)))


def make_cards(client, *, seed: int, weeks: int = 12, hard_week: int | None = 5) -> int:
    """Cards for the last `weeks` weeks, skipping some days as real people do.

    Mood drifts slowly; one week (`hard_week` weeks ago) runs high on urges, with one
    day of self-harm logged. Returns how many cards were made.
    """
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    services.ensure_items(client)
    items = services.items_for(client)
    today = client_today(client)
    start = today - timedelta(days=weeks * 7 - 1)
    skills = ["wise_mind", "tipp", "self_soothe", "check_the_facts", "opposite_action",
              "stop", "please", "dear_man", "observe"]
    cards, mood = [], 2.0
    for i in range(weeks * 7):
        day = start + timedelta(days=i)
        mood = min(4.5, max(0.5, mood + rng.uniform(-0.6, 0.6)))
        if day != today and rng.random() < 0.12:
            continue  # a missed day
        weeks_ago = (today - day).days // 7
        hard = hard_week is not None and weeks_ago == hard_week
        level = mood + (2.2 if hard else 0)
        urges = {"to_die": _clamp(level - 1.5 + rng.uniform(-1, 0.5)),
                 "self_harm": _clamp(level - 1 + rng.uniform(-1, 1)),
                 "use_substances": _clamp(level - 1.5 + rng.uniform(-1, 1)),
                 "quit_therapy": _clamp(level - 2 + rng.uniform(-1, 1))}
        emotions = {i.slug: _clamp(level + rng.uniform(-1.5, 1.5)) for i in items[Kind.EMOTION]}
        emotions["joy"] = _clamp(4 - level + rng.uniform(-1, 1))
        harmed = hard and urges["self_harm"] >= 4 and not any(
            c.behaviours.get("self_harm", {}).get("done") for c in cards[-6:])
        used = rng.sample(skills, k=rng.randint(0, 3))
        cards.append(Card(
            client=client, day=day, urges=urges, emotions=emotions,
            behaviours={"self_harm": {"done": harmed, "amount": None},
                        "substance_use": (
                            {"done": True, "amount": float(rng.randint(1, 4))}
                            if rng.random() < 0.15 else {"done": False, "amount": None}),
                        "went_outside": {"done": rng.random() < 0.7, "amount": None}},
            skills=used, skills_rating=min(7, len(used) * 2 + rng.randint(0, 2)) if used else 0,
            as_prescribed=rng.random() > 0.1, sleep_hours=round(rng.uniform(4.5, 9) * 2) / 2,
            note=rng.choice(NOTES) if rng.random() < 0.25 else None,
            created_at=timezone.now(), updated_at=timezone.now()))
    for card in cards:
        card.save()
    if hard_week is not None:
        peak = max((c for c in cards if (today - c.day).days // 7 == hard_week),
                   key=lambda c: c.urges["to_die"], default=None)
        if peak is not None:
            raise_flag(client, scope="diary", source="diary", day=peak.day,
                       summary=f"{peak.day:%a %d %b}: Urge to die rated "
                               f"{peak.urges['to_die']}")
    self_harm = CardItem.objects.get(client=client, kind=Kind.BEHAVIOUR, slug="self_harm")
    services.start_commitment(client, self_harm, start)
    return len(cards)
