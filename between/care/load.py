"""A clinician's own load, per week: for them, never for anyone else."""

from collections import Counter
from datetime import timedelta

from django.db.models.functions import TruncWeek
from django.utils import timezone

from between.care.models import CheckIn, Flag, Message, TherapySession

WEEKS = 8


def weekly_load(clinician) -> list[dict]:
    since = timezone.now() - timedelta(weeks=WEEKS)

    def count(qs, field: str, extra: dict | None = None) -> Counter:
        rows = (qs.filter(**{f"{field}__gte": since}, **(extra or {}))
                .annotate(week=TruncWeek(field)).values_list("week", flat=True))
        return Counter(w.date() if hasattr(w, "date") else w for w in rows)

    mine = {"clinician": clinician}
    counts = {
        "messages": count(Message.objects.filter(**mine), "sent_at"),
        "out_of_hours": count(Message.objects.filter(**mine), "sent_at",
                              {"outside_window": True}),
        "checkins": count(CheckIn.objects.filter(**mine), "sent_at"),
        "sessions": count(TherapySession.objects.filter(**mine).exclude(
            kind=TherapySession.Kind.BREAK), "starts_at"),
        "flags": count(Flag.objects.filter(**mine), "created_at"),
    }
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=i) for i in range(WEEKS)]
    return [{"week": w, **{k: c.get(w, 0) for k, c in counts.items()}} for w in weeks]
