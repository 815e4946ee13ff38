import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(acknowledged_at__isnull=True)

    def visible_to(self, clinician, link):
        """Flags this clinician may see for one client, given what is shared now."""
        return self.filter(clinician=clinician, client_id=link.client_id,
                           scope__in=link.scopes())


class Flag(models.Model):
    """Something a clinician should see at their next check-in: a diary trigger or a risk
    screen. One row per clinician who had the matching scope when it was raised."""

    class Source(models.TextChoices):
        DIARY = "diary", "Diary card"
        SCREENING = "screening", "In their own words"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="flags")
    source = models.CharField(max_length=16, choices=Source.choices)
    # The consent scope this came through; revoking it hides the flag at once.
    scope = models.CharField(max_length=16)
    day = models.DateField()
    # Made of item names and numbers, never the client's own words.
    summary = models.CharField(max_length=300)
    # The client's words that led to the flag, when there are any; encrypted.
    excerpt = EncryptedTextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["clinician", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"Flag {self.pk} ({self.source})"

    @property
    def data_key_owner_id(self) -> int:
        return self.client_id
