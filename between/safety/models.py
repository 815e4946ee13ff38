import json
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField
from between.risk.models import Screened
from between.safety import plan_content


class SafetyPlan(models.Model):
    """A client's safety plan. Its content lives in numbered, immutable versions."""

    client = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="safety_plan")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Safety plan of user {self.client_id}"

    def current(self) -> "PlanVersion | None":
        return self.versions.order_by("-number").first()


class PlanVersion(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SafetyPlan, models.CASCADE, related_name="versions")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    # JSON: {"warning_signs": ["..."], ..., "means": ["medicines", ...]}
    content = EncryptedTextField(
        not_screened="a safety plan is about risk by design; screening it would flag every plan")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="one_version_number_per_plan")]

    def __str__(self) -> str:
        return f"Safety plan version {self.number}"

    def data(self) -> dict:
        return {**plan_content.empty(), **json.loads(self.content)}

    def rows(self) -> list[tuple[plan_content.Section, list[str]]]:
        """Sections in plan order with their items, for templates and PDFs."""
        data = self.data()
        return [(section, data[section.key]) for section in plan_content.sections()]

    def means_chosen(self) -> list[str]:
        labels = plan_content.means_items()
        return [labels[key] for key in self.data()["means"] if key in labels]


class Suggestion(models.Model):
    """A clinician's proposed addition to one section. Only the client can apply it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Not decided yet"
        ACCEPTED = "accepted", "Added"
        DECLINED = "declined", "Not added"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SafetyPlan, models.CASCADE, related_name="suggestions")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    section = models.CharField(max_length=32)
    text = EncryptedTextField(not_screened="written by a clinician, not the client")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} ({self.status})"

    def section_title(self) -> str:
        return next((s.title for s in plan_content.sections() if s.key == self.section),
                    self.section)


class CrisisEpisode(Screened):
    """One pass through crisis mode, recorded to that day's diary card."""

    screened_fields = ("note",)

    TOOLS = {
        "own_steps": "My own steps",
        "breathing": "Paced breathing",
        "cold_water": "Cold water",
        "urge_surfing": "Riding the urge",
        "grounding": "5-4-3-2-1 grounding",
        "reached_out": "Talking to someone",
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="crisis_episodes")
    day = models.DateField(db_index=True)
    started_at = models.DateTimeField(default=timezone.now)
    urge_before = models.PositiveSmallIntegerField(null=True, blank=True)
    urge_after = models.PositiveSmallIntegerField(null=True, blank=True)
    helped = models.JSONField(default=list)
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Crisis episode {self.pk} on {self.day}"

    def helped_labels(self) -> list[str]:
        return [self.TOOLS[key] for key in self.helped if key in self.TOOLS]
