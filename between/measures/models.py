import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Schedule(models.TextChoices):
    ONCE = "once", "Once"
    WEEKLY = "weekly", "Every week"
    BEFORE_SESSION = "before_session", "Before each session"


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Assignment(models.Model):
    """A clinician asking a client to fill a questionnaire, once or on a schedule."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="measure_assignments")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    measure = models.SlugField(max_length=20)
    schedule = models.CharField(max_length=16, choices=Schedule.choices)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(
            fields=["client", "clinician", "measure"], condition=models.Q(ended_at__isnull=True),
            name="one_active_assignment_per_measure")]

    def __str__(self) -> str:
        return f"{self.measure} for user {self.client_id} ({self.schedule})"


class Response(models.Model):
    """One filling-in of a questionnaire: answers as they come, page by page, and the
    score once it is finished. Answers are numbers keyed by item; `null` is an item the
    person chose to leave out."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="measure_responses")
    measure = models.SlugField(max_length=20)
    answers = models.JSONField(default=dict)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    band = models.CharField(max_length=40, blank=True)
    # Items whose answer went down the safety path, so a page saved twice flags once.
    risk_items = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "measure", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.measure} response {self.pk}"
