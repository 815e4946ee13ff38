import json
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField
from between.risk.models import Screened


class OwnedByClient(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Worksheet(OwnedByClient, Screened):
    """What a client wrote in a guided flow. Saved at every step, so leaving keeps it."""

    screened_fields = ("answers",)

    skill = models.SlugField(max_length=40)
    answers = EncryptedTextField(default="{}")  # JSON {step key: text or number}
    step = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Worksheet {self.pk} ({self.skill})"

    def data(self) -> dict:
        return json.loads(self.answers or "{}")


class Practice(OwnedByClient):
    """A skill practised on a day, and how much it helped (0-5)."""

    skill = models.SlugField(max_length=40)
    day = models.DateField()
    helped = models.PositiveSmallIntegerField(null=True, blank=True)
    worksheet = models.ForeignKey(Worksheet, models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Practice of {self.skill} on {self.day}"


class ProgrammeWeek(models.Model):
    """A week of the 24-week programme the client has marked done."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "number"],
                                               name="one_done_per_week")]

    def __str__(self) -> str:
        return f"Week {self.number} done"


class Reminder(models.Model):
    """Optional weekly nudge by email. The email says only that practice is ready."""

    client = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(default=0)
    last_sent = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Weekly reminder for {self.client_id}"


CHAIN_FIELDS = {
    "vulnerabilities": "What made me more vulnerable beforehand (sleep, stress, illness, "
                       "substances)",
    "prompting_event": "What set it off",
    "thoughts": "Thoughts along the way",
    "emotions": "Emotions along the way",
    "body": "Body sensations",
    "urges": "Urges",
    "actions": "What I did, step by step",
    "behaviour": "The behaviour itself, in plain words",
    "short_term": "What happened straight after",
    "long_term": "What happened later, or might",
    "skill_points": "Where a skill could have broken the chain",
    "repair": "What I can do to repair",
    "prevention": "What I'll do differently next time",
}


class ChainAnalysis(OwnedByClient, Screened):
    """Walking back through the links that led to a target behaviour, to find where to
    break the chain next time. Started from a diary day."""

    screened_fields = ("content",)

    day = models.DateField()
    # The client's own name for the behaviour: health information, so encrypted.
    behaviour = EncryptedTextField(not_screened="a behaviour's name, copied from the card")
    content = EncryptedTextField(default="{}")  # JSON {field: text}
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "-created_at"]

    def __str__(self) -> str:
        return f"Chain analysis {self.pk} for {self.day}"

    def data(self) -> dict:
        return {**dict.fromkeys(CHAIN_FIELDS, ""), **json.loads(self.content or "{}")}

    def rows(self) -> list[tuple[str, str]]:
        data = self.data()
        return [(label, data[key]) for key, label in CHAIN_FIELDS.items()]
