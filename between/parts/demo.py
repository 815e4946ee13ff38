"""Parts demo data for the second demo client: three parts, a week of the front log with
a co-front, a switch and an afternoon of lost time, and the parts scope shared, so a
clinician can see what the week looks like."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from between.parts import services

PARTS = [
    {"name": "River", "pronouns": "they/them", "age_or_role": "goes to work",
     "colour": "#1f618d", "description": "Does the shopping and answers emails."},
    {"name": "Pip", "age_or_role": "about seven", "emoji": "🖍️", "colour": "#b7950b",
     "description": "Likes drawing. Loud voices are frightening.",
     "helps": "A soft voice, the blue blanket, being told what day it is."},
    {"name": "Marsh", "pronouns": "he/him", "age_or_role": "protector", "colour": "#6c3483",
     "description": "Steps in when someone feels unsafe.", "helps": "Space. No questions.",
     "private": ["helps"]},
]


def make(client) -> None:
    river, pip, marsh = (services.save_part(client, **details) for details in PARTS)
    tz = ZoneInfo(client.time_zone)
    today = timezone.localtime(timezone.now(), tz).date()

    def at(days_ago: int, hour: float) -> datetime:
        day = today - timedelta(days=days_ago)
        return datetime.combine(day, time(int(hour), int(hour % 1 * 60)), tz)

    for days_ago in range(6, 0, -1):
        services.log_front(client, fronting=[river], started_at=at(days_ago, 8),
                           ended_at=at(days_ago, 18))
        if days_ago % 2:
            services.log_front(client, fronting=[pip], co_conscious=[river],
                               started_at=at(days_ago, 18), ended_at=at(days_ago, 20.5))
    services.log_front(client, fronting=[river, marsh], started_at=at(4, 18),
                       ended_at=at(4, 21), status="on edge",
                       note="A man shouted on the bus home.", note_shared=True)
    services.log_front(client, kind="lost", fronting=[pip], started_at=at(3, 14),
                       ended_at=at(3, 16.5), approximate=True, note_shared=True,
                       note="Came back on a bench in the park. There was a dog barking.")
    services.log_front(client, fronting=[river], started_at=min(at(0, 8), timezone.now()))
