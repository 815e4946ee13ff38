import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField
from between.risk.models import Screened


class Summary(Screened):
    """Notes a client takes to an appointment, drafted from what Between holds and then
    theirs to change. Nobody else sees it unless they share it with one of their
    clinicians, who then reads it as it stands, until the client stops sharing.

    `sections` is JSON: [{"key", "text", "include", "drafted"}], where `drafted` is what
    Between wrote, so that only the person's own words are screened, and a section they
    haven't touched can be drafted again for new dates."""

    screened_fields = ("purpose", "sections")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="summaries")
    purpose = EncryptedTextField(blank=True, default="")
    starts_on = models.DateField()
    ends_on = models.DateField()
    sections = EncryptedTextField(default="[]")
    with_charts = models.BooleanField(default=True)
    # The clinicians the client chose to show it to. Read through an active care link only.
    shared_with = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                         related_name="summaries_shared")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "summaries"

    def __str__(self) -> str:
        return f"Summary {self.pk}"
