"""Questionnaire demo data: a GAD-7 asked for weekly, three scores coming down, and the
fourth due now."""

from datetime import timedelta

from django.utils import timezone

from between.measures import library
from between.measures.models import Assignment, Response, Schedule

# Answers to the seven scored items, then the difficulty item, oldest first.
GAD7 = [(2, 2, 2, 2, 1, 2, 1, 2), (2, 2, 1, 2, 1, 1, 1, 1), (1, 1, 1, 1, 1, 1, 1, 1)]


def make(clinician, client) -> None:
    now = timezone.now()
    measure = library.get("gad7")
    Assignment.objects.create(client=client, clinician=clinician, measure="gad7",
                              schedule=Schedule.WEEKLY, created_at=now - timedelta(days=29))
    for weeks_ago, values in zip((4, 3, 2), GAD7, strict=True):
        answers = dict(zip([i.key for i in measure.items], values, strict=True))
        score = measure.score(answers)
        at = now - timedelta(weeks=weeks_ago, hours=2)
        Response.objects.create(client=client, measure="gad7", answers=answers,
                                started_at=at - timedelta(minutes=4), completed_at=at,
                                total=score.total, band=score.band)
