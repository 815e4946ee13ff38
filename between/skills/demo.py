"""Skills demo data: a practice history, programme progress, and one chain analysis."""

import json
from datetime import timedelta

from between.diary.models import Card
from between.safety.services import client_today
from between.skills.models import ChainAnalysis, Practice, ProgrammeWeek

PRACTICE = [(1, "tipp", 4), (2, "check_the_facts", 3), (4, "self_soothe", 4),
            (6, "stop", 2), (8, "wise_mind", 3), (10, "opposite_action", 4)]
CHAIN = {
    "vulnerabilities": "Slept about four hours. Hadn't eaten since breakfast.",
    "prompting_event": "Mum said on the phone that I always make things about me.",
    "thoughts": "I'm a burden. I ruin everything.",
    "emotions": "Shame, then anger, then a kind of emptiness.",
    "body": "Hot face, tight chest, couldn't sit still.",
    "urges": "To hurt myself, to disappear.",
    "actions": "Hung up, went to my room, didn't message anyone.",
    "behaviour": "Self-harm.",
    "short_term": "A few minutes of calm.",
    "long_term": "Ashamed the next day. Hid my arms at work.",
    "skill_points": "When I hung up I could have used TIPP, or messaged Priya.",
    "repair": "Tell Sam at the next session. Look after the wound properly.",
    "prevention": "Eat and sleep before calls with Mum. Keep ice in the freezer.",
}


def make(client) -> None:
    today = client_today(client)
    Practice.objects.bulk_create([Practice(client=client, skill=s, helped=h,
                                           day=today - timedelta(days=d))
                                  for d, s, h in PRACTICE])
    ProgrammeWeek.objects.bulk_create([ProgrammeWeek(client=client, number=n)
                                       for n in range(1, 6)])
    harmed = Card.objects.filter(client=client, behaviours__self_harm__done=True).first()
    if harmed is not None:
        ChainAnalysis.objects.create(client=client, day=harmed.day, behaviour="Self-harm",
                                     content=json.dumps(CHAIN), risk_level="urgent",
                                     risk_categories=["self_harm"])
